// The "related links" under an article: rows of title and address, added and removed by hand.
// Holds plain values only; what a link may point to is judged by the renderer at export.

export interface RelatedLink {
  title: string;
  url: string;
}

export interface RelatedEditorOptions {
  titleLabel: string;
  urlLabel: string;
  removeLabel: string;
  onChange(): void;
}

export class RelatedEditor {
  constructor(
    private readonly list: HTMLUListElement,
    private readonly options: RelatedEditorOptions,
  ) {}

  /** The links with an address; rows left empty are dropped. */
  get value(): RelatedLink[] {
    return [...this.list.querySelectorAll<HTMLLIElement>('li')]
      .map((row) => ({
        title: row.querySelector<HTMLInputElement>('.related-title')?.value.trim() ?? '',
        url: row.querySelector<HTMLInputElement>('.related-url')?.value.trim() ?? '',
      }))
      .filter((link) => link.url !== '' || link.title !== '');
  }

  set value(links: RelatedLink[]) {
    this.list.replaceChildren(...links.map((link) => this.row(link)));
  }

  /** Adds an empty row and puts the cursor in it. */
  add(): void {
    const row = this.row({ title: '', url: '' });
    this.list.append(row);
    row.querySelector('input')?.focus();
  }

  private row(link: RelatedLink): HTMLLIElement {
    const row = document.createElement('li');
    const input = (className: string, value: string, label: string, type: string) => {
      const element = document.createElement('input');
      element.className = className;
      element.type = type;
      element.value = value;
      element.placeholder = label;
      element.setAttribute('aria-label', label);
      element.addEventListener('input', () => this.options.onChange());
      return element;
    };
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'related-remove';
    remove.setAttribute('aria-label', this.options.removeLabel);
    remove.textContent = '×';
    remove.addEventListener('click', () => {
      row.remove();
      this.options.onChange();
    });
    row.append(
      input('related-title', link.title, this.options.titleLabel, 'text'),
      input('related-url', link.url, this.options.urlLabel, 'url'),
      remove,
    );
    return row;
  }
}
