// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { showMenu } from './menu';

afterEach(() => document.body.replaceChildren());

const key = (target: Element, name: string) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));

function open() {
  const opener = document.createElement('button');
  document.body.append(opener);
  opener.focus();
  const runs = { draft: vi.fn(), ready: vi.fn(), spiked: vi.fn() };
  const menu = showMenu({
    label: 'Статус',
    x: 10,
    y: 20,
    items: [
      { label: 'Черновик', disabled: true, run: runs.draft },
      { label: 'Готово', run: runs.ready },
      { label: 'В корзину', run: runs.spiked },
    ],
  });
  return { opener, menu, runs };
}

describe('showMenu', () => {
  it('is a labelled menu of menuitems, focused on the first enabled one', () => {
    const { menu } = open();
    expect(menu.getAttribute('role')).toBe('menu');
    expect(menu.getAttribute('aria-label')).toBe('Статус');
    const items = [...menu.querySelectorAll('[role=menuitem]')];
    expect(items.map((i) => i.textContent)).toEqual(['Черновик', 'Готово', 'В корзину']);
    expect(items[0]!.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(items[1]);
  });

  it('moves with the arrows, wrapping, and runs an item once on Enter (a click)', () => {
    const { menu, runs } = open();
    key(menu, 'ArrowDown');
    expect(document.activeElement?.textContent).toBe('В корзину');
    key(menu, 'ArrowDown');
    expect(document.activeElement?.textContent).toBe('Черновик');
    key(menu, 'End');
    (document.activeElement as HTMLButtonElement).click();
    expect(runs.spiked).toHaveBeenCalledTimes(1);
    expect(menu.isConnected).toBe(false);
  });

  it('never runs a disabled item', () => {
    const { menu, runs } = open();
    (menu.querySelector('[aria-disabled=true]') as HTMLButtonElement).click();
    expect(runs.draft).not.toHaveBeenCalled();
    expect(menu.isConnected).toBe(true);
  });

  it('closes on Escape and gives focus back', () => {
    const { opener, menu, runs } = open();
    key(menu, 'Escape');
    expect(menu.isConnected).toBe(false);
    expect(document.activeElement).toBe(opener);
    expect(runs.ready).not.toHaveBeenCalled();
  });

  it('closes when another opens, or on a click outside', () => {
    const first = open().menu;
    const second = open().menu;
    expect(first.isConnected).toBe(false);
    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    expect(second.isConnected).toBe(false);
  });
});
