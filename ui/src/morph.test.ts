// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';

import { morphChildren, syncDocumentLanguage } from './morph';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('morphChildren', () => {
  it('replaces only the paragraph that changed and keeps the others as they were', () => {
    const shown = parse('<main><h1>Заголовок</h1><p>Первый.</p><p>Второй.</p><p>Третий.</p></main>');
    const [first, second, third] = [...shown.querySelectorAll('p')];
    const changes = morphChildren(shown.body, parse('<main><h1>Заголовок</h1><p>Первый.</p><p>Второй, дописанный.</p><p>Третий.</p></main>').body);
    expect(shown.body.innerHTML).toBe('<main><h1>Заголовок</h1><p>Первый.</p><p>Второй, дописанный.</p><p>Третий.</p></main>');
    const now = [...shown.querySelectorAll('p')];
    expect(now[0]).toBe(first);
    expect(now[2]).toBe(third);
    expect(now[1]).toBe(second); // same element, new text
    expect(changes).toBe(1);
  });

  it('adds, removes and retypes elements and syncs attributes', () => {
    const shown = parse('<main class="a"><p>Один.</p><ul><li>x</li></ul><p>Лишний.</p></main>');
    morphChildren(shown.body, parse('<main class="b" lang="ru"><p>Один.</p><ol><li>x</li></ol></main>').body);
    expect(shown.body.innerHTML).toBe('<main class="b" lang="ru"><p>Один.</p><ol><li>x</li></ol></main>');
  });

  it('does nothing when nothing changed', () => {
    const html = '<main><h2 id="a">Раздел</h2><p>Текст с <a href="https://example.com">ссылкой</a>.</p></main>';
    const shown = parse(html);
    expect(morphChildren(shown.body, parse(html).body)).toBe(0);
  });
});

describe('syncDocumentLanguage', () => {
  it('carries the article language and direction over and keeps the theme', () => {
    const shown = new DOMParser().parseFromString('<html lang="ru" data-theme="dark"><body></body></html>', 'text/html');
    const next = new DOMParser().parseFromString('<html lang="en" dir="ltr"><body></body></html>', 'text/html');
    syncDocumentLanguage(shown.documentElement, next.documentElement);
    expect(shown.documentElement.getAttribute('lang')).toBe('en');
    expect(shown.documentElement.getAttribute('dir')).toBe('ltr');
    expect(shown.documentElement.dataset.theme).toBe('dark');
    syncDocumentLanguage(shown.documentElement, new DOMParser().parseFromString('<html><body></body></html>', 'text/html').documentElement);
    expect(shown.documentElement.hasAttribute('lang')).toBe(false);
  });
});
