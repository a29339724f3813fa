-- A Galley store as schema 1 wrote it: the upgrade tests open this and expect every later step to apply.
-- Frozen: never edit it when the schema changes; add a create_vN.sql for the new version instead.


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

INSERT INTO articles (rowid, id, slug, headline, dek, lead, byline, dateline, section, language, status,
                      embargo_until, target_chars, note, created_at, updated_at, published_at, revision)
VALUES (1, '0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e', 'vstrecha-galushki-i-seko',
        'Встреча Галушки и Сэко в Токио', '', 'Стороны обсудили сотрудничество на Дальнем Востоке.',
        '["Иван Петров"]', 'Токио', 'Экономика', 'ru', 'published', NULL, 3000, '',
        1480000000000, 1480000100000, 1480000100000, 1);

INSERT INTO bodies (article, body)
VALUES (1, 'Переговоры стали развитием договорённостей, достигнутых на **Восточном экономическом форуме**.');

INSERT INTO tags (rowid, name, key) VALUES (1, 'Регионы/Дальний Восток', 'регионы/дальний восток');
INSERT INTO article_tags (article, tag, position) VALUES (1, 1, 0);
INSERT INTO related (article, position, title, url) VALUES (1, 0, 'Итоги ВЭФ', 'https://example.ru/vef');
INSERT INTO snapshots (rowid, hash, fields) VALUES (1, x'00', '{"slug":"vstrecha-galushki-i-seko","headline":"Встреча Галушки и Сэко в Токио","dek":"","lead":"Стороны обсудили сотрудничество на Дальнем Востоке.","body":"Переговоры стали развитием договорённостей, достигнутых на **Восточном экономическом форуме**.","byline":["Иван Петров"],"dateline":"Токио","section":"Экономика","language":"ru","status":"published","tags":["Регионы/Дальний Восток"],"related":[{"title":"Итоги ВЭФ","url":"https://example.ru/vef"}],"embargo_until":null,"target_chars":3000,"note":"","published_at":"2016-11-24T15:08:20Z"}');
INSERT INTO revisions (article, number, reason, label, created_at, snapshot, body_chars)
VALUES (1, 1, 'import', NULL, 1480000100000, 1, 93);

PRAGMA application_id = 1197558905;
PRAGMA user_version = 1;
