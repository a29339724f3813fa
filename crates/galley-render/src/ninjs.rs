//! IPTC NINJS 2.0. (Interface stub: to be implemented.)

use galley_model::Article;

/// An article as a NINJS 2.0 document, with `body_html` as its HTML body.
pub fn ninjs(article: &Article, body_html: &str) -> serde_json::Value {
    let _ = (article, body_html);
    serde_json::Value::Null
}
