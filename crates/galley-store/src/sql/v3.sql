-- Schema 3: assets, the images dropped or pasted into articles.
--
-- Stored once by content: `hash` is the BLAKE3 hex of the bytes, and bodies refer to an asset as
-- `assets/<hash>.<ext>`. An asset is never deleted while any revision might refer to it; there is
-- no reference counting yet, so assets are kept for good.
CREATE TABLE assets (
    rowid      INTEGER PRIMARY KEY,
    hash       TEXT    NOT NULL UNIQUE,
    media_type TEXT    NOT NULL,
    bytes      BLOB    NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
