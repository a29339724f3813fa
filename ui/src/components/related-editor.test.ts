// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';

import { RelatedEditor } from './related-editor';

function editor() {
  const list = document.createElement('ul');
  document.body.append(list);
  let changes = 0;
  const related = new RelatedEditor(list, {
    titleLabel: 'Заголовок',
    urlLabel: 'Адрес',
    removeLabel: 'Убрать ссылку',
    onChange: () => changes++,
  });
  return { list, related, changes: () => changes };
}

describe('RelatedEditor', () => {
  it('shows the links it is given and reads back what was typed', () => {
    const { list, related, changes } = editor();
    related.value = [{ title: 'Сахалин.инфо', url: 'https://sakhalin.info/news/1' }];
    expect(list.querySelectorAll('li')).toHaveLength(1);
    related.add();
    const [title, url] = [...list.querySelectorAll<HTMLInputElement>('li:last-child input')];
    title!.value = '  Минэкономразвития  ';
    url!.value = 'https://economy.gov.ru/';
    url!.dispatchEvent(new Event('input'));
    expect(changes()).toBe(1);
    expect(related.value).toEqual([
      { title: 'Сахалин.инфо', url: 'https://sakhalin.info/news/1' },
      { title: 'Минэкономразвития', url: 'https://economy.gov.ru/' },
    ]);
  });

  it('drops empty rows and removes a row with its button', () => {
    const { list, related, changes } = editor();
    related.value = [{ title: 'A', url: 'https://a.example/' }, { title: 'B', url: 'https://b.example/' }];
    related.add();
    expect(related.value).toHaveLength(2);
    list.querySelector<HTMLButtonElement>('li:first-child .related-remove')!.click();
    expect(changes()).toBe(1);
    expect(related.value).toEqual([{ title: 'B', url: 'https://b.example/' }]);
    expect(list.querySelector('.related-remove')!.getAttribute('aria-label')).toBe('Убрать ссылку');
  });

  it('puts text in values, never in markup', () => {
    const { list, related } = editor();
    related.value = [{ title: '<img src=x onerror=alert(1)>', url: 'javascript:alert(1)' }];
    expect(list.querySelector('img')).toBeNull();
    expect(related.value[0]!.title).toBe('<img src=x onerror=alert(1)>');
  });
});
