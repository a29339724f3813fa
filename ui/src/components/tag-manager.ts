// The tag manager: a modal <dialog> with a filter box over the tag tree (nested lists, one level
// per "/" of the name) with article counts, where each tag can be renamed or merged into another
// through a small form in its row. Changes go through the async callbacks; after each one the
// tags are read again, the result is announced in a status line and focus lands on the tag.
// It must not talk to the backend, own user-facing text (it all comes through the options),
// or put data into the DOM other than through textContent.

import type { TagCount } from '../bindings';
import { normalizeTag, tagKey } from './tag-input';
import { el, focusable, showDialog } from './dom';

export interface TagManagerStrings {
  /** Heading and accessible name of the dialog, e.g. 'Теги'. */
  title: string;
  /** Label and placeholder of the filter box, e.g. 'Найти тег'. */
  filter: string;
  /** Visible text of a row's rename button, e.g. 'Переименовать'. */
  rename: string;
  /** Visible text of a row's merge button, e.g. 'Объединить с…'. */
  merge: string;
  /** Label of the merge form's list of tags, e.g. 'Объединить с тегом'. */
  mergeInto: string;
  save: string;
  cancel: string;
  close: string;
  /** Shown when there are no tags, or none match the filter. */
  empty: string;
  /** Announced after a rename. */
  renamed(from: string, to: string): string;
  /** Announced after a merge. */
  merged(from: string, into: string): string;
  /** Accessible text of a row's count, e.g. '12 статей'. */
  count(n: number): string;
  /** Accessible name of a row's rename button (and of the rename box); starts with `rename`, e.g. 'Переименовать тег Регионы/Сахалин'. */
  renameLabel(tag: string): string;
  /** Accessible name of a row's merge button; starts with `merge`'s words, e.g. 'Объединить тег Регионы/Сахалин с…'. */
  mergeLabel(tag: string): string;
}

export interface TagManagerOptions {
  /** Where the dialog goes. */
  container: HTMLElement;
  strings: TagManagerStrings;
  /** Every tag, parents included; read on opening and after each change. */
  tags(): Promise<readonly TagCount[]>;
  rename(from: string, to: string): Promise<void>;
  merge(from: string, into: string): Promise<void>;
  /** Text for a failed call, shown in the status line. */
  errorMessage(error: unknown): string;
  /** After each successful rename or merge, so the app can refresh what shows tags. */
  onChanged?(): void;
}

/** For filtering: case and ё/е do not count. */
const searchKey = (text: string): string => text.normalize('NFC').toLocaleLowerCase().replace(/ё/g, 'е');

/** A tag in the tree, with the tags one level below it. */
export interface TagNode {
  tag: TagCount;
  key: string;
  depth: number;
  children: TagNode[];
}

/**
 * The tags as a tree: a tag goes under the nearest tag above it in the list (`Регионы` for
 * `Регионы/Хабаровск`), or at the top. Siblings keep the order they came in.
 */
export function tagTree(tags: readonly TagCount[]): TagNode[] {
  const byKey = new Map<string, TagNode>();
  for (const tag of tags) {
    const key = tagKey(tag.name);
    if (!byKey.has(key)) byKey.set(key, { tag, key, depth: 0, children: [] });
  }
  const roots: TagNode[] = [];
  for (const node of byKey.values()) {
    let parent: TagNode | undefined;
    for (let at = node.key.lastIndexOf('/'); at > 0 && !parent; at = node.key.lastIndexOf('/', at - 1)) {
      parent = byKey.get(node.key.slice(0, at));
    }
    (parent ? parent.children : roots).push(node);
  }
  const setDepth = (nodes: TagNode[], depth: number): void => {
    for (const node of nodes) {
      node.depth = depth;
      setDepth(node.children, depth + 1);
    }
  };
  setDepth(roots, 0);
  return roots;
}

/** Whether `key` is `ancestor` itself or a tag below it. */
const within = (key: string, ancestor: string): boolean => key === ancestor || key.startsWith(`${ancestor}/`);

/** The last level of a name: `Сахалин` for `Регионы/Сахалин`. */
const leafName = (name: string): string => name.slice(name.lastIndexOf('/') + 1);

interface Editing {
  kind: 'rename' | 'merge';
  /** The tag's name as listed. */
  tag: string;
  form: HTMLFormElement;
  row: HTMLElement;
  /** The text box (rename) or the list (merge), for focus. */
  field: HTMLInputElement | HTMLSelectElement;
}

let managers = 0;

export class TagManager {
  readonly dialog: HTMLDialogElement;
  /** The filter box, so the app can focus it and tests can type into it. */
  readonly filterInput: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly emptyElement: HTMLParagraphElement;
  private readonly status: HTMLParagraphElement;
  private readonly titleId: string;
  private tags: readonly TagCount[] = [];
  private editing: Editing | null = null;
  /** A change is being saved: further submits wait. */
  private busy = false;
  /** An Escape just cancelled an edit: a `cancel` event for the same key press must not close the dialog. */
  private escapeTaken = false;
  private returnFocus: HTMLElement | null = null;

  private readonly heading: HTMLHeadingElement;
  private readonly closeButton: HTMLButtonElement;

  constructor(private readonly options: TagManagerOptions) {
    const { strings } = options;
    const id = ++managers;
    this.titleId = `tag-manager-${id}-title`;
    this.dialog = el('dialog', 'dialog tag-manager');
    this.dialog.setAttribute('aria-labelledby', this.titleId);

    const heading = el('h2', '', strings.title);
    heading.id = this.titleId;
    this.heading = heading;
    this.filterInput = el('input', 'tag-manager-filter');
    Object.assign(this.filterInput, { type: 'search', autocomplete: 'off', spellcheck: false, placeholder: strings.filter });
    this.filterInput.setAttribute('aria-label', strings.filter);
    this.filterInput.setAttribute('aria-controls', `tag-manager-${id}-list`);
    this.list = el('ul', 'tag-manager-list');
    this.list.id = `tag-manager-${id}-list`;
    this.list.setAttribute('aria-labelledby', this.titleId);
    this.emptyElement = el('p', 'tag-manager-empty', strings.empty);
    this.emptyElement.hidden = true;
    this.status = el('p', 'dialog-message tag-manager-status');
    this.status.setAttribute('role', 'status');
    const close = el('button', '', strings.close);
    close.type = 'button';
    this.closeButton = close;
    close.addEventListener('click', () => this.close());
    const actions = el('div', 'dialog-actions');
    actions.append(close);
    const body = el('div', 'dialog-body');
    body.append(heading, this.filterInput, this.list, this.emptyElement, this.status, actions);
    this.dialog.append(body);
    options.container.append(this.dialog);

    this.filterInput.addEventListener('input', () => {
      this.cancelEdit(false);
      this.render();
    });
    this.list.addEventListener('click', this.onListClick);
    // Escape in a row's form cancels the edit only; elsewhere it closes the dialog. Browsers close
    // a modal dialog on Escape themselves (through `cancel`); this does it where they do not.
    this.dialog.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || event.isComposing) return;
      event.preventDefault();
      event.stopPropagation();
      if (this.editing) this.takeEscape();
      else this.close();
    });
    this.dialog.addEventListener('cancel', (event) => {
      if (!this.editing && !this.escapeTaken) return;
      event.preventDefault();
      if (this.editing) this.takeEscape();
    });
    this.dialog.addEventListener('close', this.restoreFocus);
  }

  get isOpen(): boolean {
    return this.dialog.open;
  }

  /** Reads the tags and shows the dialog, focus in the filter box. The strings are read again on
   * every open: they follow the UI's language. */
  async open(): Promise<void> {
    if (!this.dialog.open) {
      const { strings } = this.options;
      this.heading.textContent = strings.title;
      this.filterInput.placeholder = strings.filter;
      this.filterInput.setAttribute('aria-label', strings.filter);
      this.emptyElement.textContent = strings.empty;
      this.closeButton.textContent = strings.close;
      this.returnFocus = focusable(document.activeElement);
      this.filterInput.value = '';
      this.setStatus('');
      this.cancelEdit(false);
      this.list.replaceChildren();
      showDialog(this.dialog);
    }
    this.filterInput.focus();
    await this.reload();
  }

  /** Closes and gives focus back to where it was when the dialog opened. */
  close(): void {
    this.cancelEdit(false);
    if (!this.dialog.open) return;
    this.dialog.close();
    this.restoreFocus();
  }

  destroy(): void {
    this.close();
    this.dialog.remove();
  }

  /** Reads the tags again and redraws; false (with the error shown) if they could not be read. */
  private async reload(): Promise<boolean> {
    try {
      this.tags = await this.options.tags();
    } catch (error) {
      this.setStatus(this.options.errorMessage(error), true);
      return false;
    }
    // The user may have opened a form while the tags were loading: keep it.
    if (!this.editing) this.render();
    return true;
  }

  private render(): void {
    const query = searchKey(this.filterInput.value.trim());
    const matches = (node: TagNode): boolean =>
      searchKey(node.tag.name).includes(query) || node.children.some(matches);
    const build = (nodes: TagNode[]): HTMLLIElement[] =>
      nodes.filter(matches).map((node) => {
        const item = el('li', 'tag-manager-item');
        item.append(this.renderRow(node));
        const children = build(node.children);
        if (children.length > 0) {
          const group = el('ul', 'tag-manager-group');
          group.append(...children);
          item.append(group);
        }
        return item;
      });
    const items = build(tagTree(this.tags));
    this.list.replaceChildren(...items);
    this.list.hidden = items.length === 0;
    this.emptyElement.hidden = items.length > 0;
  }

  private renderRow(node: TagNode): HTMLElement {
    const { strings } = this.options;
    const { name, total } = node.tag;
    const row = el('div', 'tag-manager-row');
    // The nesting of the lists shows the depth; data-depth is for styling and tests.
    Object.assign(row.dataset, { tag: name, depth: String(node.depth) });

    const label = el('span', 'tag-manager-name');
    label.title = name;
    const leaf = el('span', '', leafName(name));
    leaf.setAttribute('aria-hidden', 'true');
    label.append(leaf, el('span', 'visually-hidden', name));

    const count = el('span', 'tag-manager-count');
    const digits = el('span', '', String(total));
    digits.setAttribute('aria-hidden', 'true');
    count.append(digits, el('span', 'visually-hidden', strings.count(total)));

    const rename = el('button', 'tag-manager-rename', strings.rename);
    rename.type = 'button';
    rename.dataset.action = 'rename';
    rename.setAttribute('aria-label', strings.renameLabel(name));
    const merge = el('button', 'tag-manager-merge', strings.merge);
    merge.type = 'button';
    merge.dataset.action = 'merge';
    merge.setAttribute('aria-label', strings.mergeLabel(name));

    row.append(label, count, rename, merge);
    return row;
  }

  private readonly onListClick = (event: MouseEvent): void => {
    const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>('button[data-action]') : null;
    const row = button?.closest<HTMLElement>('.tag-manager-row');
    const tag = row?.dataset.tag;
    if (!button || !row || tag === undefined) return;
    if (button.dataset.action === 'rename') this.startRename(row, tag);
    else if (button.dataset.action === 'merge') this.startMerge(row, tag);
  };

  private startRename(row: HTMLElement, tag: string): void {
    const { strings } = this.options;
    const input = el('input', 'tag-manager-input');
    Object.assign(input, { type: 'text', value: tag, autocomplete: 'off', spellcheck: false });
    input.setAttribute('aria-label', strings.renameLabel(tag));
    input.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || event.isComposing) return;
      // Submits here, not through the form's implicit submission, which not every engine does.
      event.preventDefault();
      void this.submit();
    });
    const form = this.openForm(row, { kind: 'rename', tag }, [input]);
    form.append(this.formButtons(strings.save));
    input.focus();
    input.select();
  }

  private startMerge(row: HTMLElement, tag: string): void {
    const { strings } = this.options;
    const key = tagKey(tag);
    const select = el('select', 'tag-manager-select');
    const selectId = `${this.list.id}-merge-into`;
    select.id = selectId;
    for (const other of this.tags) {
      if (within(tagKey(other.name), key)) continue;
      const option = el('option', '', other.name);
      option.value = other.name;
      select.append(option);
    }
    const label = el('label', 'tag-manager-select-label', strings.mergeInto);
    label.htmlFor = selectId;
    const form = this.openForm(row, { kind: 'merge', tag }, [label, select]);
    const buttons = this.formButtons(strings.merge);
    buttons.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled = select.options.length === 0;
    form.append(buttons);
    select.focus();
  }

  /** Puts a form in place of the row (closing any other one) and remembers it as the edit under way. */
  private openForm(row: HTMLElement, what: Pick<Editing, 'kind' | 'tag'>, fields: HTMLElement[]): HTMLFormElement {
    this.cancelEdit(false);
    const form = el('form', `tag-manager-form tag-manager-form--${what.kind}`);
    form.dataset.tag = what.tag;
    form.noValidate = true;
    form.append(...fields);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    form.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || event.isComposing) return;
      // The edit takes this Escape: neither the dialog nor the app may act on it.
      event.preventDefault();
      event.stopPropagation();
      this.takeEscape();
    });
    row.hidden = true;
    row.after(form);
    const field = fields.find((f): f is HTMLInputElement | HTMLSelectElement => f instanceof HTMLInputElement || f instanceof HTMLSelectElement)!;
    this.editing = { ...what, form, row, field };
    this.setStatus('');
    return form;
  }

  private formButtons(submitText: string): HTMLElement {
    const submit = el('button', 'tag-manager-submit', submitText);
    submit.type = 'submit';
    const cancel = el('button', 'tag-manager-cancel', this.options.strings.cancel);
    cancel.type = 'button';
    cancel.addEventListener('click', () => this.cancelEdit(true));
    const buttons = el('span', 'tag-manager-form-actions');
    buttons.append(submit, cancel);
    return buttons;
  }

  /** Escape during an edit: cancels it, and keeps a `cancel` event from the same key press from closing the dialog. */
  private takeEscape(): void {
    this.cancelEdit(true);
    this.escapeTaken = true;
    setTimeout(() => (this.escapeTaken = false), 0);
  }

  /** Drops the form and shows the row again; focus back on the row's button if `refocus`. */
  private cancelEdit(refocus: boolean): void {
    const editing = this.editing;
    if (!editing) return;
    this.editing = null;
    editing.form.remove();
    editing.row.hidden = false;
    if (refocus) editing.row.querySelector<HTMLButtonElement>(`button[data-action="${editing.kind}"]`)?.focus();
  }

  private async submit(): Promise<void> {
    const editing = this.editing;
    if (!editing || this.busy) return;
    const { strings } = this.options;
    const from = editing.tag;
    let target: string;
    let message: string;
    let run: () => Promise<void>;
    if (editing.kind === 'rename') {
      const typed = editing.field.value;
      target = normalizeTag(typed) ?? typed.trim();
      if (target === from) {
        this.cancelEdit(true);
        return;
      }
      run = () => this.options.rename(from, target);
      message = strings.renamed(from, target);
    } else {
      target = editing.field.value;
      if (target === '') return;
      run = () => this.options.merge(from, target);
      message = strings.merged(from, target);
    }

    this.busy = true;
    editing.form.setAttribute('aria-busy', 'true');
    try {
      await run();
    } catch (error) {
      // The form stays as it is, typed text and all, to be corrected or cancelled.
      editing.form.removeAttribute('aria-busy');
      this.setStatus(this.options.errorMessage(error), true);
      if (editing.form.isConnected) editing.field.focus();
      return;
    } finally {
      this.busy = false;
    }
    if (this.editing === editing) this.cancelEdit(false);
    this.options.onChanged?.();
    if (!(await this.reload())) return;
    if (this.dialog.open) this.focusTag(target);
    this.setStatus(message);
  }

  /** Focus on a tag's rename button, or on the filter box if the tag is not shown. */
  private focusTag(name: string): void {
    const key = tagKey(name);
    const row = [...this.list.querySelectorAll<HTMLElement>('.tag-manager-row')].find(
      (candidate) => tagKey(candidate.dataset.tag ?? '') === key,
    );
    (row?.querySelector<HTMLButtonElement>('button[data-action="rename"]') ?? this.filterInput).focus();
  }

  private setStatus(text: string, failed = false): void {
    this.status.textContent = text;
    if (failed) this.status.dataset.state = 'failed';
    else delete this.status.dataset.state;
  }

  /** On close, by the button, Escape or the browser; once, as the close event comes later in browsers. */
  private readonly restoreFocus = (): void => {
    this.cancelEdit(false);
    const back = this.returnFocus;
    this.returnFocus = null;
    if (back?.isConnected) back.focus();
  };
}

