// Dragging an article from the list onto a status or a tag in the sidebar. Drop targets carry
// `data-drop-status` or `data-drop-tag`.
import type { Status } from './api';

/** Where something was dropped: a status or a tag of the sidebar. */
export type DropTarget = { status: Status } | { tag: string };

/** Follows a pointer that went down on a list row: past a few pixels it becomes a drag, showing
 * `label` under the pointer and marking the drop target under it; `dropped` runs on a release
 * over one. Pointer-driven, not HTML drag and drop: the window's own file drop (import) stays
 * the shell's on every platform. */
export function startDrag(down: PointerEvent, label: string, dropped: (target: DropTarget) => void): void {
  const app = document.getElementById('app');
  if (down.button !== 0) return;
  let ghost: HTMLElement | null = null;
  let target: HTMLElement | null = null;
  const targetAt = (event: PointerEvent) =>
    document.elementFromPoint(event.clientX, event.clientY)?.closest<HTMLElement>('[data-drop-status], [data-drop-tag]') ?? null;
  const move = (event: PointerEvent) => {
    if (!ghost) {
      if (Math.hypot(event.clientX - down.clientX, event.clientY - down.clientY) < 6) return;
      ghost = document.createElement('div');
      ghost.className = 'drag-ghost';
      ghost.textContent = label;
      document.body.append(ghost);
      app?.classList.add('dragging');
    }
    ghost.style.transform = `translate(${event.clientX + 12}px, ${event.clientY + 8}px)`;
    const over = targetAt(event);
    if (over !== target) {
      target?.classList.remove('drop-target');
      over?.classList.add('drop-target');
      target = over;
    }
  };
  const end = (event: PointerEvent) => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', end);
    window.removeEventListener('pointercancel', end);
    target?.classList.remove('drop-target');
    app?.classList.remove('dragging');
    if (!ghost) return;
    ghost.remove();
    // The click that ends a drag is not a click on the row.
    window.addEventListener('click', (click) => click.stopPropagation(), { capture: true, once: true });
    const over = event.type === 'pointerup' ? targetAt(event) : null;
    if (over?.dataset.dropStatus) dropped({ status: over.dataset.dropStatus as Status });
    else if (over?.dataset.dropTag) dropped({ tag: over.dataset.dropTag });
  };
  window.addEventListener('pointermove', move);
  window.addEventListener('pointerup', end);
  window.addEventListener('pointercancel', end);
}
