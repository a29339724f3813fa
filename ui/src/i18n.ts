// Every string the UI shows, in Russian and English.
const strings = {
  ru: {
    search: 'Поиск',
    searchPlaceholder: 'Поиск: слова, "фраза", tag:…',
    tags: 'Теги',
    articles: 'Материалы',
    new: 'Новый материал',
    newHeadline: 'Новый материал',
    headline: 'Заголовок',
    dek: 'Подзаголовок',
    lead: 'Лид',
    byline: 'Автор',
    dateline: 'Место',
    section: 'Рубрика',
    tagsField: 'Теги (через запятую)',
    body: 'Текст (Markdown)',
    preview: 'Предпросмотр',
    all: 'Все',
    draft: 'Черновики',
    editing: 'На правке',
    ready: 'Готово',
    published: 'Опубликовано',
    spiked: 'Корзина',
    saved: 'Сохранено',
    saving: 'Сохраняется…',
    unsaved: 'Не сохранено',
    saveFailed: 'Не удалось сохранить: ',
    nothing: 'Ничего не найдено',
    chars: 'знаков с пробелами',
    words: 'слов',
    sidebar: 'Разделы',
  },
  en: {
    search: 'Search',
    searchPlaceholder: 'Search: words, "phrase", tag:…',
    tags: 'Tags',
    articles: 'Articles',
    new: 'New article',
    newHeadline: 'New article',
    headline: 'Headline',
    dek: 'Dek',
    lead: 'Lead',
    byline: 'Byline',
    dateline: 'Dateline',
    section: 'Section',
    tagsField: 'Tags (comma-separated)',
    body: 'Body (Markdown)',
    preview: 'Preview',
    all: 'All',
    draft: 'Drafts',
    editing: 'Editing',
    ready: 'Ready',
    published: 'Published',
    spiked: 'Spiked',
    saved: 'Saved',
    saving: 'Saving…',
    unsaved: 'Not saved',
    saveFailed: 'Could not save: ',
    nothing: 'Nothing found',
    chars: 'characters with spaces',
    words: 'words',
    sidebar: 'Sections',
  },
} as const;

export type Key = keyof (typeof strings)['ru'];
export type Locale = keyof typeof strings;

export function localeFrom(language: string): Locale {
  return language.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

let current: Locale = localeFrom(typeof navigator === 'undefined' ? 'ru' : navigator.language);

export function setLocale(locale: Locale): void {
  current = locale;
}

export function t(key: Key): string {
  return strings[current][key];
}
