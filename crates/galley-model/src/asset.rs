//! Assets: images dropped or pasted into an article, stored once by content.
//!
//! The body refers to an asset by a relative path, `assets/<BLAKE3 hex>.<ext>`, so the Markdown
//! stays portable and the sanitizer passes it as any relative image; exports then embed the image
//! or write it beside the file. Only raster formats a browser shows safely are accepted: SVG can
//! carry script and is refused.

/// The largest image accepted, in bytes.
pub const MAX_ASSET_BYTES: usize = 20 * 1024 * 1024;

/// The media type of an image, from its first bytes; `None` for anything else.
pub fn image_media_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// The file extension of an image media type.
pub fn extension(media_type: &str) -> &'static str {
    match media_type {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        _ => "bin",
    }
}

/// The path a body uses for an asset: `assets/<hash>.<ext>`.
pub fn asset_path(hash: &str, media_type: &str) -> String {
    format!("assets/{hash}.{}", extension(media_type))
}

/// The hash in an asset path, if `url` is one.
pub fn asset_hash(url: &str) -> Option<&str> {
    let name = url.strip_prefix("assets/")?;
    let (hash, ext) = name.split_once('.')?;
    let is_hash = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
    (is_hash && ["png", "jpg", "gif", "webp"].contains(&ext)).then_some(hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_known_by_their_first_bytes() {
        assert_eq!(image_media_type(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(image_media_type(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(image_media_type(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(image_media_type(b"<svg onload=alert(1)>"), None, "SVG is refused");
        assert_eq!(image_media_type(b""), None);
    }

    #[test]
    fn asset_paths_round_trip() {
        let hash = "a".repeat(64);
        let path = asset_path(&hash, "image/jpeg");
        assert_eq!(path, format!("assets/{hash}.jpg"));
        assert_eq!(asset_hash(&path), Some(hash.as_str()));
        assert_eq!(asset_hash("assets/../../etc/passwd.png"), None);
        assert_eq!(asset_hash("photo.png"), None);
    }
}
