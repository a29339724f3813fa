use crate::fixture::{Fixture, at};

#[test]
fn an_asset_is_stored_once_and_read_back_whole() {
    let f = Fixture::new();
    let bytes = b"\x89PNG\r\n\x1a\n not really an image, but bytes all the same".to_vec();
    let first = f.store.put_asset(&bytes, "image/png", at(0)).unwrap();
    let again = f.store.put_asset(&bytes, "image/png", at(5)).unwrap();
    assert_eq!(first, again);
    assert_eq!(first.len(), 64);
    let asset = f.store.asset(&first).unwrap().expect("stored");
    assert_eq!((asset.media_type.as_str(), asset.bytes), ("image/png", bytes));
    assert_eq!(f.store.asset(&"0".repeat(64)).unwrap(), None);
    let count: i64 = rusqlite::Connection::open(f.path())
        .unwrap()
        .query_row("SELECT count(*) FROM assets", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 1);
}
