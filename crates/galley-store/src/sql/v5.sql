-- Schema 5: a store can keep a mirror folder of `.md` files in step (galley-mirror).
--
-- `change_seq` orders every change to an article's row: each insert or update takes the largest
-- number so far plus one, inside its write transaction, so numbers grow in commit order. A mirror
-- that has written out every change up to N finds what to write next with `change_seq > N`, from
-- the index, whichever Galley process made the change. Existing articles start at 0: linking a
-- folder compares everything anyway.
ALTER TABLE articles ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX articles_by_change ON articles (change_seq);

-- The folder the store is mirrored to; at most one. `synced_seq` is the `change_seq` up to which
-- the folder holds the store's changes.
CREATE TABLE mirror (
    one        INTEGER PRIMARY KEY CHECK (one = 1),
    folder     TEXT    NOT NULL,
    synced_seq INTEGER NOT NULL
) STRICT;

-- What the folder and the store held for an article when they were last in step: the file's
-- path (relative to the folder, `/` between names), the BLAKE3 hash of its bytes (NULL when the
-- article has no file: spiked, or its file was deleted) and the hash of the file Galley would
-- write for the article. A file whose bytes still hash to `file_hash` has not changed since, so
-- Galley's own writes are never read back as someone else's; comparing hashes, not modification
-- times, also catches tools that keep the old time.
-- `change_seq` is the article's `change_seq` in the version `article_hash` was made from: an
-- article whose own is larger changed since, which a pass finds here without writing out every
-- article to compare.
-- `conflict` is set while both sides changed and the user has not chosen: the number of the
-- revision holding the file's version, or 0 when the file was deleted.
CREATE TABLE mirror_files (
    article      INTEGER PRIMARY KEY REFERENCES articles (rowid) ON DELETE CASCADE,
    path         TEXT    NOT NULL UNIQUE,
    file_hash    BLOB,
    article_hash BLOB    NOT NULL,
    change_seq   INTEGER NOT NULL,
    conflict     INTEGER
) STRICT;
