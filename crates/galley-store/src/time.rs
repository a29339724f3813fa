//! Times in the database: integer milliseconds since the Unix epoch, UTC.

use galley_model::Timestamp;

pub(crate) fn to_ms(ts: Timestamp) -> i64 {
    ts.as_millisecond()
}

pub(crate) fn from_ms(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}
