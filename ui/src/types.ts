// Plain data as the Rust side serialises it (galley-model, galley-core). Field names follow the
// data model; times are RFC 3339 strings. Written by hand in this first version of the shell:
// generating them from the Rust types is the next step of the typed bridge.

export type Status = 'draft' | 'editing' | 'ready' | 'published' | 'spiked';

export interface Related {
  title: string;
  url: string;
}

export interface ArticleFields {
  slug: string;
  headline: string;
  dek: string;
  lead: string;
  body: string;
  byline: string[];
  dateline: string;
  section: string;
  language: string;
  status: Status;
  tags: string[];
  related: Related[];
  embargo_until: string | null;
  target_chars: number | null;
  note: string;
  published_at: string | null;
}

export interface Article extends ArticleFields {
  id: string;
  created_at: string;
  updated_at: string;
  revision: number;
}

export interface ArticleSummary {
  id: string;
  slug: string;
  headline: string;
  dek: string;
  byline: string[];
  section: string;
  language: string;
  status: Status;
  tags: string[];
  created_at: string;
  updated_at: string;
  published_at: string | null;
  embargo_until: string | null;
}

export interface Snippet {
  text: string;
  /** Byte ranges of the UTF-8 encoded `text`. */
  highlights: { start: number; end: number }[];
}

export interface SearchHit extends ArticleSummary {
  matched_in: 'headline' | 'summary' | 'body' | null;
  snippet: Snippet | null;
}

export interface TagCount {
  name: string;
  count: number;
  total: number;
}

export interface Preview {
  html: string;
  warnings: string[];
}

export interface IpcError {
  code: 'bad_input' | 'internal';
  message: string;
}
