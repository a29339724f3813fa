//! NINJS export: every document validates against the IPTC schema (formats checked), and the
//! fields land where the module says.

use std::sync::LazyLock;

use expect_test::expect;
use galley_model::tag::TagName;
use galley_model::{Article, ArticleFields, Related, Status, Timestamp};
use galley_render::ninjs::{ninjs, pubstatus, tag_uri, web_uri};
use serde_json::{Value, json};

const SCHEMA: &str = include_str!("../../specs/ninjs-2.0.schema.json");
const NOTE: &str = "ВНУТРЕННЕЕ-7f3a: не ставить до звонка в пресс-службу";

/// The schema's `places` items may be GeoJSON, named by an external `$ref`. Tests never fetch:
/// that one address is served a stand-in (Galley writes no `places`), anything else is refused.
struct Offline;

impl jsonschema::Retrieve for Offline {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        match uri.as_str() {
            "https://json.schemastore.org/geojson" => Ok(json!({ "type": "object" })),
            other => Err(format!("no network in tests: {other}").into()),
        }
    }
}

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let schema: Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .with_retriever(Offline)
        .build(&schema)
        .expect("the schema compiles")
});

/// Schema errors in `doc`, and in each of its associations checked as a NINJS item of its own.
///
/// The schema accepts any association with a `name` (its `anyOf` lets that branch through without
/// looking further), so an association's content is checked here: without its `name`, and with a
/// stand-in `uri` (the one required property), it must be a valid item too.
fn errors(doc: &Value) -> Vec<String> {
    let mut errors: Vec<String> =
        VALIDATOR.iter_errors(doc).map(|error| format!("{}: {error}", error.instance_path())).collect();
    for (index, association) in doc["associations"].as_array().into_iter().flatten().enumerate() {
        let mut item = association.clone();
        if let Some(fields) = item.as_object_mut() {
            fields.remove("name");
            fields.entry("uri").or_insert_with(|| json!("urn:example:association"));
        }
        errors.extend(
            VALIDATOR
                .iter_errors(&item)
                .map(|error| format!("/associations/{index}{}: {error}", error.instance_path())),
        );
    }
    errors
}

#[track_caller]
fn assert_valid(doc: &Value) {
    let errors = errors(doc);
    assert!(errors.is_empty(), "not valid NINJS 2.0:\n{}\n{doc:#}", errors.join("\n"));
}

fn time(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn article(fields: ArticleFields) -> Article {
    Article {
        id: "0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e".parse().unwrap(),
        fields,
        created_at: time("2026-09-01T07:16:47Z"),
        updated_at: time("2026-09-04T18:03:12.25Z"),
        revision: 7,
    }
}

fn full() -> Article {
    article(ArticleFields {
        slug: "vef-2026-itogi".into(),
        headline: "«Восток» подвёл итоги: ВЭФ-2026".into(),
        dek: "Инвесторы подписали соглашения на 5 трлн рублей".into(),
        lead: "Во Владивостоке завершился Восточный экономический форум.".into(),
        body: "Первый абзац с **жирным**.\n\nВторой абзац «в кавычках».".into(),
        byline: vec!["Иван Петров".into(), "Анна Смирнова".into()],
        dateline: "Владивосток".into(),
        section: "Экономика".into(),
        language: "ru".into(),
        status: Status::Published,
        tags: vec!["Регионы".into(), "Регионы/Приморский край".into(), "Экономика".into()],
        related: vec![
            Related { title: "ВЭФ-2025".into(), url: "https://example.ru/vef".into() },
            Related {
                title: "Итоги «года»".into(),
                url: "https://пример.рф/итоги 2025?год=2025#конец".into(),
            },
        ],
        embargo_until: Some(time("2026-09-05T06:00:00Z")),
        target_chars: Some(3000),
        note: NOTE.into(),
        published_at: Some(time("2026-09-05T06:00:00Z")),
        foreign: Default::default(),
    })
}

const FULL_HTML: &str = "<p>Первый абзац с <strong>жирным</strong>.</p>\n<p>Второй абзац «в кавычках».</p>\n";

fn hostile() -> Article {
    let nasty = "</script><script>alert(\"x\")</script> \u{2028}\u{2029} 👩‍💻 שלום עולם \u{202E}evil\u{202C}";
    article(ArticleFields {
        slug: "hostile".into(),
        headline: format!("«{nasty}»"),
        dek: nasty.into(),
        lead: format!("\"{nasty}\" \\ \u{0}"),
        body: format!("{nasty}\n\n<script>alert(1)</script>"),
        byline: vec![nasty.into(), "  ".into(), "O'Brien \"Bob\"".into()],
        dateline: "القاهرة".into(),
        language: "ar".into(),
        status: Status::Spiked,
        tags: vec![nasty.into(), "a/b?c#d%zz".into(), "  ".into(), "ЭКОНОМИКА".into(), "экономика".into()],
        related: vec![
            Related { title: nasty.into(), url: "https://example.com/a b/«c»?q=\"</script>\"#x#y".into() },
            Related { title: "script".into(), url: "javascript:alert(1)".into() },
            Related { title: "no scheme".into(), url: "example.ru/page".into() },
            Related { title: "bad port".into(), url: "http://example.ru:80a/".into() },
            Related {
                title: "".into(),
                url: " HTTP://user:p@ss@example.ru:8080/%41%zz/\u{2028}?a=[1]%".into(),
            },
        ],
        note: NOTE.into(),
        ..Default::default()
    })
}

#[test]
fn full_article_is_valid_and_maps_every_field() {
    let doc = ninjs(&full(), FULL_HTML);
    assert_valid(&doc);
    assert_eq!(doc["uri"], "urn:uuid:0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e");
    assert_eq!(doc["version"], "7");
    assert_eq!(doc["pubstatus"], "usable");
    assert_eq!(doc["embargoed"], "2026-09-05T06:00:00Z");
    assert_eq!(doc["headlines"][0]["value"], "«Восток» подвёл итоги: ВЭФ-2026");
    assert_eq!(doc["headlines"][1]["role"], "sub");
    assert_eq!(doc["bodies"][0]["contenttype"], "text/html");
    assert_eq!(doc["bodies"][0]["value"], FULL_HTML);
    assert_eq!(doc["by"], "Иван Петров, Анна Смирнова");
    let subjects: Vec<&str> =
        doc["subjects"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(subjects, ["Регионы", "Регионы/Приморский край", "Экономика"]);
    expect![[r#"
        {
          "associations": [
            {
              "headlines": [
                {
                  "contenttype": "text/plain",
                  "role": "main",
                  "value": "ВЭФ-2025"
                }
              ],
              "name": "see-also-1",
              "renditions": [
                {
                  "href": "https://example.ru/vef",
                  "name": "web"
                }
              ],
              "representationtype": "partial"
            },
            {
              "headlines": [
                {
                  "contenttype": "text/plain",
                  "role": "main",
                  "value": "Итоги «года»"
                }
              ],
              "name": "see-also-2",
              "renditions": [
                {
                  "href": "https://%D0%BF%D1%80%D0%B8%D0%BC%D0%B5%D1%80.%D1%80%D1%84/%D0%B8%D1%82%D0%BE%D0%B3%D0%B8%202025?%D0%B3%D0%BE%D0%B4=2025#%D0%BA%D0%BE%D0%BD%D0%B5%D1%86",
                  "name": "web"
                }
              ],
              "representationtype": "partial"
            }
          ],
          "bodies": [
            {
              "charcount": 48,
              "contenttype": "text/html",
              "value": "<p>Первый абзац с <strong>жирным</strong>.</p>\n<p>Второй абзац «в кавычках».</p>\n",
              "wordcount": 8
            }
          ],
          "by": "Иван Петров, Анна Смирнова",
          "descriptions": [
            {
              "contenttype": "text/plain",
              "role": "summary",
              "value": "Во Владивостоке завершился Восточный экономический форум."
            }
          ],
          "embargoed": "2026-09-05T06:00:00Z",
          "firstcreated": "2026-09-01T07:16:47Z",
          "headlines": [
            {
              "contenttype": "text/plain",
              "role": "main",
              "value": "«Восток» подвёл итоги: ВЭФ-2026"
            },
            {
              "contenttype": "text/plain",
              "role": "sub",
              "value": "Инвесторы подписали соглашения на 5 трлн рублей"
            }
          ],
          "language": "ru",
          "located": "Владивосток",
          "people": [
            {
              "name": "Иван Петров",
              "rel": "author"
            },
            {
              "name": "Анна Смирнова",
              "rel": "author"
            }
          ],
          "profile": "galley-article",
          "pubstatus": "usable",
          "representationtype": "full",
          "slugline": "vef-2026-itogi",
          "standard": {
            "name": "ninjs",
            "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json",
            "version": "2.0"
          },
          "subjects": [
            {
              "name": "Регионы",
              "uri": "urn:galley:tag:%D1%80%D0%B5%D0%B3%D0%B8%D0%BE%D0%BD%D1%8B"
            },
            {
              "name": "Регионы/Приморский край",
              "uri": "urn:galley:tag:%D1%80%D0%B5%D0%B3%D0%B8%D0%BE%D0%BD%D1%8B/%D0%BF%D1%80%D0%B8%D0%BC%D0%BE%D1%80%D1%81%D0%BA%D0%B8%D0%B9%20%D0%BA%D1%80%D0%B0%D0%B9"
            },
            {
              "name": "Экономика",
              "uri": "urn:galley:tag:%D1%8D%D0%BA%D0%BE%D0%BD%D0%BE%D0%BC%D0%B8%D0%BA%D0%B0"
            }
          ],
          "type": "text",
          "uri": "urn:uuid:0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e",
          "version": "7",
          "versioncreated": "2026-09-04T18:03:12.25Z"
        }"#]]
    .assert_eq(&serde_json::to_string_pretty(&doc).unwrap());
}

#[test]
fn minimal_article_has_only_what_it_has() {
    let doc = ninjs(&article(ArticleFields { headline: "Срочно".into(), ..Default::default() }), "");
    assert_valid(&doc);
    let mut keys: Vec<&str> = doc.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "firstcreated",
            "headlines",
            "language",
            "profile",
            "pubstatus",
            "representationtype",
            "standard",
            "type",
            "uri",
            "version",
            "versioncreated"
        ]
    );
    assert_eq!(doc["headlines"], json!([{ "role": "main", "contenttype": "text/plain", "value": "Срочно" }]));
    assert_eq!(doc["pubstatus"], "withheld");
}

/// No empty string, array or object anywhere: optional properties are left out instead.
#[track_caller]
fn assert_nothing_empty(value: &Value) {
    match value {
        Value::String(text) => assert!(!text.is_empty(), "an empty string"),
        Value::Array(items) => {
            assert!(!items.is_empty(), "an empty array");
            items.iter().for_each(assert_nothing_empty);
        }
        Value::Object(map) => {
            assert!(!map.is_empty(), "an empty object");
            map.values().for_each(assert_nothing_empty);
        }
        _ => {}
    }
}

#[test]
fn empty_fields_are_left_out() {
    let blank = ArticleFields {
        headline: "  ".into(),
        byline: vec![" ".into()],
        tags: vec!["/".into()],
        related: vec![Related { title: String::new(), url: String::new() }],
        language: "русский".into(),
        ..Default::default()
    };
    let doc = ninjs(&article(blank), " \n");
    assert_valid(&doc);
    assert_nothing_empty(&doc);
    for key in ["headlines", "bodies", "by", "people", "subjects", "associations", "language", "embargoed"] {
        assert!(doc.get(key).is_none(), "{key} should be left out: {doc:#}");
    }
    assert_nothing_empty(&ninjs(&full(), FULL_HTML));
    assert_nothing_empty(&ninjs(&hostile(), "<p>x</p>"));
}

#[test]
fn hostile_strings_survive_and_stay_valid() {
    let source = hostile();
    let html = "<p>&lt;/script&gt; \u{2028} 👩‍💻 שלום</p>";
    let doc = ninjs(&source, html);
    assert_valid(&doc);
    assert_nothing_empty(&doc);

    // Serialised and read back, every string is the same.
    let text = serde_json::to_string(&doc).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), doc);

    assert_eq!(doc["headlines"][0]["value"].as_str().unwrap(), source.fields.headline.trim());
    assert_eq!(doc["headlines"][1]["value"].as_str().unwrap(), source.fields.dek.trim());
    assert_eq!(doc["bodies"][0]["value"], html);
    assert_eq!(doc["pubstatus"], "canceled");
    assert_eq!(doc["language"], "ar");
    assert_eq!(doc["located"], "القاهرة");
    assert_eq!(doc["people"].as_array().unwrap().len(), 2, "blank names are skipped");

    let subjects: Vec<&str> =
        doc["subjects"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(
        subjects.len(),
        3,
        "the blank tag is skipped and ЭКОНОМИКА/экономика is one tag: {subjects:?}"
    );
    assert_eq!(subjects[1], "a/b?c#d%zz");
    assert_eq!(subjects[2], "ЭКОНОМИКА");
    assert_eq!(doc["subjects"][1]["uri"], "urn:galley:tag:a/b%3Fc%23d%25zz");

    // javascript:, a URL with no scheme and a bad port are dropped; the rest are made URIs.
    let hrefs: Vec<&str> = doc["associations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["renditions"][0]["href"].as_str().unwrap())
        .collect();
    assert_eq!(
        hrefs,
        [
            "https://example.com/a%20b/%C2%ABc%C2%BB?q=%22%3C/script%3E%22#x%23y",
            "http://user:p%40ss@example.ru:8080/%41%25zz/%E2%80%A8?a=%5B1%5D%25",
        ]
    );
    assert_eq!(doc["associations"][1]["name"], "see-also-2");
    assert!(doc["associations"][1].get("headlines").is_none(), "an untitled link has no headline");
}

#[test]
fn the_editors_note_never_leaves_galley() {
    for source in [full(), hostile()] {
        assert_eq!(source.fields.note, NOTE);
        let doc = ninjs(&source, FULL_HTML);
        assert!(doc.get("ednote").is_none());
        for text in [serde_json::to_string(&doc).unwrap(), serde_json::to_string_pretty(&doc).unwrap()] {
            assert!(!text.contains("ВНУТРЕННЕЕ-7f3a"), "the note leaked: {text}");
            assert!(!text.contains("пресс-службу"), "the note leaked: {text}");
        }
    }
}

#[test]
fn pubstatus_follows_status() {
    let expected = [
        (Status::Draft, "withheld"),
        (Status::Editing, "withheld"),
        (Status::Ready, "withheld"),
        (Status::Published, "usable"),
        (Status::Spiked, "canceled"),
    ];
    for (status, want) in expected {
        assert_eq!(pubstatus(status), want);
        let mut source = full();
        source.fields.status = status;
        let doc = ninjs(&source, FULL_HTML);
        assert_valid(&doc);
        assert_eq!(doc["pubstatus"], want, "{status}");
    }
}

#[test]
fn broken_documents_fail_validation() {
    let good = ninjs(&full(), FULL_HTML);
    assert_valid(&good);
    type Break = fn(&mut Value);
    let broken: [(&str, Break); 8] = [
        ("no uri", |doc| {
            doc.as_object_mut().unwrap().remove("uri");
        }),
        ("unknown property", |doc| doc["note"] = json!("x")),
        ("uri not a URI", |doc| doc["uri"] = json!("not a uri")),
        ("bad date-time", |doc| doc["firstcreated"] = json!("2026-09-01 07:16")),
        ("pubstatus outside the enum", |doc| doc["pubstatus"] = json!("published")),
        ("headline without value", |doc| doc["headlines"][0].as_object_mut().unwrap().clear()),
        ("subject uri not a URI", |doc| doc["subjects"][0]["uri"] = json!("a b")),
        ("association href not a URI", |doc| doc["associations"][0]["renditions"][0]["href"] = json!("a b")),
    ];
    for (what, breaks) in broken {
        let mut doc = good.clone();
        breaks(&mut doc);
        assert!(!errors(&doc).is_empty(), "{what}: should not validate");
    }
}

#[test]
fn web_uris_are_valid_or_refused() {
    let cases = [
        ("https://example.ru/vef", Some("https://example.ru/vef")),
        ("  HTTPS://Example.ru  ", Some("https://Example.ru")),
        ("http://example.ru:/x", Some("http://example.ru/x")),
        ("https://example.ru/a%2Fb", Some("https://example.ru/a%2Fb")),
        ("https://example.ru/?q=a|b{c}^`\\", Some("https://example.ru/?q=a%7Cb%7Bc%7D%5E%60%5C")),
        ("ftp://example.ru/file", None),
        ("mailto:desk@example.ru", None),
        ("https:example.ru", None),
        ("https://", None),
        ("https://:80/", None),
        ("https://[::1]/", None),
        ("", None),
    ];
    for (url, want) in cases {
        let got = web_uri(url);
        assert_eq!(got.as_deref(), want, "{url:?}");
        if let Some(href) = got {
            let doc = json!({ "uri": href, "renditions": [{ "name": "web", "href": href }] });
            assert_valid(&doc);
        }
    }
}

#[test]
fn tag_uris_are_valid() {
    for typed in ["Регионы/Хабаровский край", "a:b@c d", "100%", "C++ & «Rust»", "👩‍💻/שלום"]
    {
        let tag = TagName::parse(typed).unwrap();
        let uri = tag_uri(&tag);
        assert!(uri.starts_with("urn:galley:tag:"), "{uri}");
        assert_valid(&json!({ "uri": uri, "subjects": [{ "name": tag.as_str(), "uri": uri }] }));
    }
}
