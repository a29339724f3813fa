// A small context menu (ARIA menu of menuitems) at a point: right-click or the menu key on a list
// row. Arrow keys, Home and End move; Enter or a click runs an item; Escape, Tab or a click outside
// closes it, and focus goes back where it was. It owns no text: items come with their labels.

export interface MenuItem {
  label: string;
  /** Shown but not runnable (the article is already in that status, say). */
  disabled?: boolean;
  run(): void;
}

export interface MenuOptions {
  /** Accessible name of the menu. */
  label: string;
  items: readonly MenuItem[];
  /** Where the menu's top-left corner goes, in viewport pixels (kept inside the window). */
  x: number;
  y: number;
}

let openMenu: { element: HTMLElement; close(): void } | null = null;

/** Opens a menu, closing any other; resolves nothing, runs the chosen item. */
export function showMenu(options: MenuOptions): HTMLElement {
  openMenu?.close();
  const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const menu = document.createElement('div');
  menu.className = 'menu';
  menu.setAttribute('role', 'menu');
  menu.setAttribute('aria-label', options.label);
  const buttons = options.items.map((item) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('role', 'menuitem');
    button.tabIndex = -1;
    button.textContent = item.label;
    if (item.disabled) button.setAttribute('aria-disabled', 'true');
    button.addEventListener('click', () => {
      if (item.disabled) return;
      close();
      item.run();
    });
    return button;
  });
  menu.append(...buttons);
  document.body.append(menu);
  const { innerWidth, innerHeight } = window;
  const rect = menu.getBoundingClientRect();
  menu.style.left = `${Math.max(0, Math.min(options.x, innerWidth - rect.width - 4))}px`;
  menu.style.top = `${Math.max(0, Math.min(options.y, innerHeight - rect.height - 4))}px`;

  const focusAt = (index: number) => buttons[(index + buttons.length) % buttons.length]?.focus();
  const current = () => buttons.indexOf(document.activeElement as HTMLButtonElement);
  const onKey = (event: KeyboardEvent) => {
    const moves: Record<string, () => void> = {
      ArrowDown: () => focusAt(current() + 1),
      ArrowUp: () => focusAt(current() - 1),
      Home: () => focusAt(0),
      End: () => focusAt(buttons.length - 1),
      Escape: () => close(),
      Tab: () => close(),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    event.stopPropagation();
    move();
  };
  const onOutside = (event: Event) => {
    if (!menu.contains(event.target as Node)) close(false);
  };
  function close(restoreFocus = true): void {
    if (!menu.isConnected) return;
    menu.remove();
    document.removeEventListener('pointerdown', onOutside, true);
    openMenu = null;
    if (restoreFocus) returnTo?.focus();
  }
  menu.addEventListener('keydown', onKey);
  document.addEventListener('pointerdown', onOutside, true);
  openMenu = { element: menu, close };
  focusAt(Math.max(0, options.items.findIndex((item) => !item.disabled)));
  return menu;
}
