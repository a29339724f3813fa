-- Schema 2: the full-text search index.
--
-- Each column holds index terms, not text: words folded (case, ё/е, stress marks) and stemmed in
-- Rust by galley-query, joined by spaces. SQLite only sees finished terms, so the `ascii`
-- tokenizer (split on spaces, nothing more to do) is enough and fast. The table is contentless:
-- the text already lives in `articles`, and snippets are cut from it in Rust for the few results
-- shown. `contentless_delete` lets a save replace an article's row.
--
-- Columns: headline; summary (dek and lead); body (plain text of the Markdown); tags (their
-- words); facets (one made-up term per status, language, section, tag and parent tag, so that
-- filters are intersections of posting lists inside FTS5 rather than a row-by-row check).
CREATE VIRTUAL TABLE search_index USING fts5 (
    headline, summary, body, tags, facets,
    content = '',
    contentless_delete = 1,
    tokenize = 'ascii'
);
