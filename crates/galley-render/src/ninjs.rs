//! IPTC NINJS 2.0 ("News in JSON"): an article as a news item a wire system or CMS can take in.
//!
//! The document follows `specs/ninjs-2.0.schema.json` (the IPTC schema, draft 4, copied
//! unchanged) and carries no property the schema does not name. Empty optional properties are
//! left out rather than sent as empty strings or arrays. What goes where:
//!
//! - `uri`: `urn:uuid:<article id>`; `type` `text`, `representationtype` `full`, `profile`
//!   [`PROFILE`], and `standard` naming NINJS 2.0 and its schema.
//! - `version`: the revision number, as a string; `firstcreated` / `versioncreated`: created and
//!   updated, RFC 3339 in UTC; `embargoed`: the embargo, when there is one.
//! - `pubstatus`: published → `usable`; draft, editing, ready → `withheld`; spiked → `canceled`.
//! - `language`: the language code (BCP 47), left out when it is not one; `slugline`: the slug.
//! - `headlines`: the headline (role `main`) and the dek (role `sub`); `descriptions`: the lead
//!   (role `summary`); all `text/plain`.
//! - `bodies`: one, `body_html` as `text/html`, with `charcount` (characters with spaces, as the
//!   desk counts them) and `wordcount` of the body's plain text.
//! - `by`: the byline, names joined with ", "; `people`: each name with rel `author`.
//! - `located`: the dateline.
//! - `subjects`: one per tag (canonical, without repeats): `name` the full name with its levels
//!   (`Регионы/Хабаровск`), `uri` `urn:galley:tag:<key, percent-encoded but for "/">`.
//! - `associations`: one per related link, named `see-also-1`, `see-also-2`…: a `partial` item
//!   with the title as its main headline and the URL as the `href` of a rendition named `web`.
//!
//! NINJS 2.0 has no `links` array; an association (a partial news item named in the list) is the
//! closest fit for a "see also" link, and the schema lets an association carry a `name` beside any
//! other item property. Only absolute `http`/`https` links are kept: they are turned into RFC 3986
//! URIs (non-ASCII and unsafe characters percent-encoded, as an IRI becomes a URI), and a link that
//! cannot become one (`example.ru` with no scheme, `javascript:`, a bad port) is dropped. A
//! non-ASCII host name is percent-encoded too (valid RFC 3986), not turned into Punycode.
//!
//! Left out: the section, the target length and the publication time (no NINJS property holds
//! them), `contentcreated`, `title`, `genres`, `infosources`, `copyright*`, `usageterms`,
//! `urgency`, `rightsinfo`, `places` and the other entity lists.
//!
//! The editor's note never leaves Galley: it is internal, and NINJS's `ednote` (a note for the
//! *receiving* desk) is deliberately not filled from it. Nothing here reads `fields.note`.

use galley_model::tag::TagName;
use galley_model::{Article, Counts, Status};
use serde_json::{Map, Value, json};

/// The `profile` Galley's NINJS documents declare.
pub const PROFILE: &str = "galley-article";

/// The IPTC address of the NINJS 2.0 schema, as `standard.schema` names it.
pub const SCHEMA_URI: &str = "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json";

/// An article as a NINJS 2.0 document, with `body_html` as its HTML body.
///
/// `body_html` should be the rendered, sanitized body (see [`crate::render_body`]); it is carried
/// as given. The character and word counts come from the plain text of the Markdown body.
pub fn ninjs(article: &Article, body_html: &str) -> Value {
    let fields = &article.fields;
    let mut doc = Map::new();
    doc.insert("uri".into(), format!("urn:uuid:{}", article.id).into());
    doc.insert("type".into(), "text".into());
    doc.insert("representationtype".into(), "full".into());
    doc.insert("profile".into(), PROFILE.into());
    doc.insert("standard".into(), json!({ "name": "ninjs", "version": "2.0", "schema": SCHEMA_URI }));
    doc.insert("version".into(), article.revision.to_string().into());
    insert_time(&mut doc, "firstcreated", Some(article.created_at));
    insert_time(&mut doc, "versioncreated", Some(article.updated_at));
    insert_time(&mut doc, "embargoed", fields.embargo_until);
    doc.insert("pubstatus".into(), pubstatus(fields.status).into());
    if let Some(language) = galley_model::article::normalize_language(&fields.language) {
        doc.insert("language".into(), language.into());
    }
    insert_text(&mut doc, "slugline", &fields.slug);

    let headlines: Vec<Value> = [("main", &fields.headline), ("sub", &fields.dek)]
        .into_iter()
        .filter_map(|(role, text)| plain_item(role, text))
        .collect();
    insert_list(&mut doc, "headlines", headlines);
    insert_list(&mut doc, "descriptions", plain_item("summary", &fields.lead).into_iter().collect());
    insert_list(&mut doc, "bodies", body(&fields.body, body_html).into_iter().collect());

    let names: Vec<&str> =
        fields.byline.iter().map(|name| name.trim()).filter(|name| !name.is_empty()).collect();
    insert_text(&mut doc, "by", &names.join(", "));
    insert_list(
        &mut doc,
        "people",
        names.iter().map(|name| json!({ "name": name, "rel": "author" })).collect(),
    );
    insert_text(&mut doc, "located", &fields.dateline);
    insert_list(&mut doc, "subjects", subjects(&fields.tags));
    insert_list(&mut doc, "associations", associations(&fields.related));
    Value::Object(doc)
}

/// The NINJS publication status for a Galley status.
pub fn pubstatus(status: Status) -> &'static str {
    match status {
        Status::Published => "usable",
        Status::Draft | Status::Editing | Status::Ready => "withheld",
        Status::Spiked => "canceled",
    }
}

/// A tag's URI: `urn:galley:tag:` and its key (the lowercased name), percent-encoded but for the
/// `/` between levels.
pub fn tag_uri(tag: &TagName) -> String {
    format!("urn:galley:tag:{}", percent_encode(&tag.key(), b"/"))
}

/// A "see also" URL as an RFC 3986 URI, or `None` when it is not an absolute `http`/`https` URL
/// that can become one. Characters a URI cannot hold (non-ASCII letters, spaces, quotes) are
/// percent-encoded as UTF-8; existing percent-encodings are kept.
pub fn web_uri(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once(':')?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let rest = rest.strip_prefix("//")?;
    let (authority, tail) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    let (userinfo, host_port) = match authority.rsplit_once('@') {
        Some((userinfo, host_port)) => (Some(userinfo), host_port),
        None => (None, authority),
    };
    if host_port.starts_with('[') {
        // An IP literal: no "see also" link needs one, and checking it is more than it is worth.
        return None;
    }
    let (host, port) = match host_port.rsplit_once(':') {
        Some((host, port)) => (host, port),
        None => (host_port, ""),
    };
    if host.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }

    let mut out = format!("{scheme}://");
    if let Some(userinfo) = userinfo {
        out.push_str(&percent_encode(userinfo, SUB_DELIMS_AND_COLON));
        out.push('@');
    }
    out.push_str(&percent_encode(host, SUB_DELIMS));
    if !port.is_empty() {
        out.push(':');
        out.push_str(port);
    }
    let (before_fragment, fragment) = match tail.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (tail, None),
    };
    let (path, query) = match before_fragment.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (before_fragment, None),
    };
    out.push_str(&percent_encode(path, PATH));
    if let Some(query) = query {
        out.push('?');
        out.push_str(&percent_encode(query, QUERY));
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(&percent_encode(fragment, QUERY));
    }
    Some(out)
}

/// RFC 3986 `sub-delims`.
const SUB_DELIMS: &[u8] = b"!$&'()*+,;=";
const SUB_DELIMS_AND_COLON: &[u8] = b"!$&'()*+,;=:";
/// What a path may hold besides unreserved characters: `pchar` and `/`.
const PATH: &[u8] = b"!$&'()*+,;=:@/";
/// What a query or fragment may hold besides unreserved characters.
const QUERY: &[u8] = b"!$&'()*+,;=:@/?";

/// `text` with every character but unreserved ones, `also` and sound percent-encodings
/// percent-encoded as UTF-8.
fn percent_encode(text: &str, also: &[u8]) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    for (at, &b) in bytes.iter().enumerate() {
        let unreserved = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
        let escape =
            b == b'%' && bytes.get(at + 1..at + 3).is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit));
        if unreserved || also.contains(&b) || escape {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn insert_text(doc: &mut Map<String, Value>, key: &str, text: &str) {
    let text = text.trim();
    if !text.is_empty() {
        doc.insert(key.into(), text.into());
    }
}

fn insert_list(doc: &mut Map<String, Value>, key: &str, items: Vec<Value>) {
    if !items.is_empty() {
        doc.insert(key.into(), Value::Array(items));
    }
}

/// A time as RFC 3339 in UTC; years outside 0000–9999 (which RFC 3339 cannot write) are left out.
fn insert_time(doc: &mut Map<String, Value>, key: &str, time: Option<galley_model::Timestamp>) {
    let Some(time) = time else { return };
    let text = time.to_string();
    if !text.starts_with(['+', '-']) {
        doc.insert(key.into(), text.into());
    }
}

/// A headline or description: `{role, contenttype: text/plain, value}`, or nothing for blank text.
fn plain_item(role: &str, text: &str) -> Option<Value> {
    let text = text.trim();
    (!text.is_empty()).then(|| json!({ "role": role, "contenttype": "text/plain", "value": text }))
}

fn body(markdown: &str, body_html: &str) -> Option<Value> {
    if body_html.trim().is_empty() {
        return None;
    }
    let counts = Counts::of(&crate::plain_text(markdown));
    Some(json!({
        "contenttype": "text/html",
        "charcount": counts.chars_with_spaces,
        "wordcount": counts.words,
        "value": body_html,
    }))
}

/// One subject per tag, canonical and without repeats; names that are not tags are skipped.
fn subjects(tags: &[String]) -> Vec<Value> {
    let mut seen = std::collections::HashSet::new();
    tags.iter()
        .filter_map(|typed| TagName::parse(typed).ok())
        .filter(|tag| seen.insert(tag.key()))
        .map(|tag| json!({ "name": tag.as_str(), "uri": tag_uri(&tag) }))
        .collect()
}

fn associations(related: &[galley_model::Related]) -> Vec<Value> {
    related
        .iter()
        .filter_map(|link| web_uri(&link.url).map(|href| (link.title.trim(), href)))
        .enumerate()
        .map(|(index, (title, href))| {
            let mut item = Map::new();
            item.insert("name".into(), format!("see-also-{}", index + 1).into());
            item.insert("representationtype".into(), "partial".into());
            insert_list(&mut item, "headlines", plain_item("main", title).into_iter().collect());
            item.insert("renditions".into(), json!([{ "name": "web", "href": href }]));
            Value::Object(item)
        })
        .collect()
}
