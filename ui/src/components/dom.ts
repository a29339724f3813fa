// Small DOM helpers the components share. Text goes into the page only through textContent.

/** A new element with a class and text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Shows a dialog as modal (or just open where `showModal` is missing, as in happy-dom). */
export function showDialog(dialog: HTMLDialogElement): void {
  if (typeof dialog.showModal === 'function') dialog.showModal();
  else dialog.open = true;
}

/** The element to give focus back to, if it can take it. */
export function focusable(element: Element | null): HTMLElement | null {
  return element instanceof HTMLElement && element !== document.body ? element : null;
}
