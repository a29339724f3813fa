//! Assets: image bytes stored once by content hash.

use galley_model::Timestamp;
use rusqlite::{OptionalExtension, params};

use crate::time::to_ms;
use crate::{Result, Store};

/// A stored image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub hash: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

impl Store {
    /// Stores image bytes (once, however often they are added) and returns their hash.
    pub fn put_asset(&self, bytes: &[u8], media_type: &str, now: Timestamp) -> Result<String> {
        let hash = blake3::hash(bytes).to_hex().to_string();
        self.writer()?
            .prepare_cached(
                "INSERT INTO assets (hash, media_type, bytes, created_at) VALUES (?, ?, ?, ?) \
                 ON CONFLICT (hash) DO NOTHING",
            )?
            .execute(params![hash, media_type, bytes, to_ms(now)])?;
        Ok(hash)
    }

    /// The asset with this hash, if stored.
    pub fn asset(&self, hash: &str) -> Result<Option<Asset>> {
        Ok(self
            .reader()
            .prepare_cached("SELECT media_type, bytes FROM assets WHERE hash = ?")?
            .query_row([hash], |row| {
                Ok(Asset { hash: hash.to_owned(), media_type: row.get(0)?, bytes: row.get(1)? })
            })
            .optional()?)
    }
}
