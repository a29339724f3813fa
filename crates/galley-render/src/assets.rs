//! Images of the article's own (`assets/<hash>.<ext>`) in rendered HTML, pointed elsewhere on export.

use galley_model::asset::asset_hash;

/// Rewrites the `src` of every image that is one of the article's assets: `replace` gets the
/// asset's hash and returns the new `src` (a `data:` URI, a path beside the export), or `None` to
/// leave it. Runs after sanitizing, on HTML the renderer made: the new values come from Galley.
pub fn replace_asset_sources(html: &str, mut replace: impl FnMut(&str) -> Option<String>) -> String {
    const MARK: &str = "src=\"assets/";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(MARK) {
        let value_start = at + "src=\"".len();
        let Some(value_len) = rest[value_start..].find('"') else { break };
        let value = &rest[value_start..value_start + value_len];
        out.push_str(&rest[..value_start]);
        match asset_hash(value).and_then(&mut replace) {
            Some(new) => out.push_str(&new.replace('"', "%22")),
            None => out.push_str(value),
        }
        rest = &rest[value_start + value_len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_asset_sources_change() {
        let hash = "0".repeat(64);
        let html = format!(
            "<img src=\"assets/{hash}.png\" alt=\"a\"><img src=\"photo.png\" alt=\"b\"><p>src=\"assets/x\"</p>"
        );
        let out = replace_asset_sources(&html, |h| Some(format!("data:image/png;base64,{}", &h[..4])));
        assert_eq!(
            out,
            "<img src=\"data:image/png;base64,0000\" alt=\"a\"><img src=\"photo.png\" alt=\"b\"><p>src=\"assets/x\"</p>"
        );
    }
}
