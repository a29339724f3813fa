-- Schema 1: articles, their tags and related links, and revisions.
--
-- Times are integer milliseconds since the Unix epoch, UTC: they sort and compare as numbers.
-- `articles.rowid` is the internal key every other table points at; `articles.id` is the public,
-- stable UUID that survives export and import.

CREATE TABLE articles (
    rowid         INTEGER PRIMARY KEY,
    id            TEXT    NOT NULL UNIQUE,
    slug          TEXT    NOT NULL UNIQUE,
    headline      TEXT    NOT NULL,
    dek           TEXT    NOT NULL,
    lead          TEXT    NOT NULL,
    -- JSON array of names: a byline is short and always read whole.
    byline        TEXT    NOT NULL,
    dateline      TEXT    NOT NULL,
    section       TEXT    NOT NULL,
    language      TEXT    NOT NULL,
    status        TEXT    NOT NULL
        CHECK (status IN ('draft', 'editing', 'ready', 'published', 'spiked')),
    embargo_until INTEGER,
    target_chars  INTEGER,
    -- The editor's note; never exported.
    note          TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    published_at  INTEGER,
    -- Number of the newest revision.
    revision      INTEGER NOT NULL
) STRICT;

-- The body (Markdown, exactly as typed) lives apart: bodies run to tens of kilobytes, and keeping
-- them out of `articles` keeps its rows small, so lists and filters scan it quickly.
CREATE TABLE bodies (
    article INTEGER PRIMARY KEY REFERENCES articles (rowid) ON DELETE CASCADE,
    body    TEXT NOT NULL
) STRICT;

-- The article list is read newest first, whole or by status.
CREATE INDEX articles_by_updated ON articles (updated_at DESC);
CREATE INDEX articles_by_status ON articles (status, updated_at DESC);

-- `key` is the lowercased canonical name: two names with one key are one tag.
CREATE TABLE tags (
    rowid INTEGER PRIMARY KEY,
    name  TEXT NOT NULL,
    key   TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE article_tags (
    article  INTEGER NOT NULL REFERENCES articles (rowid) ON DELETE CASCADE,
    tag      INTEGER NOT NULL REFERENCES tags (rowid) ON DELETE CASCADE,
    -- Tags keep the order the journalist gave them.
    position INTEGER NOT NULL,
    PRIMARY KEY (article, tag)
) STRICT, WITHOUT ROWID;

CREATE INDEX article_tags_by_tag ON article_tags (tag, article);

CREATE TABLE related (
    article  INTEGER NOT NULL REFERENCES articles (rowid) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title    TEXT    NOT NULL,
    url      TEXT    NOT NULL,
    PRIMARY KEY (article, position)
) STRICT, WITHOUT ROWID;

-- Snapshots are content-addressed (BLAKE3 of the JSON), so a restore or a repeated state does not
-- store the same fields twice.
CREATE TABLE snapshots (
    rowid  INTEGER PRIMARY KEY,
    hash   BLOB NOT NULL UNIQUE,
    fields TEXT NOT NULL
) STRICT;

CREATE TABLE revisions (
    article    INTEGER NOT NULL REFERENCES articles (rowid) ON DELETE CASCADE,
    number     INTEGER NOT NULL,
    reason     TEXT    NOT NULL,
    label      TEXT,
    created_at INTEGER NOT NULL,
    snapshot   INTEGER NOT NULL REFERENCES snapshots (rowid),
    body_chars INTEGER NOT NULL,
    PRIMARY KEY (article, number)
) STRICT, WITHOUT ROWID;

-- Finds whether a snapshot is still referenced before it is dropped.
CREATE INDEX revisions_by_snapshot ON revisions (snapshot);
