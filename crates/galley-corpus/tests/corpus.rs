//! The corpus as its users see it: deterministic drafts with realistic shape, and queries that
//! find them.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use galley_corpus::{Corpus, MAX_BODY_BYTES, MIN_BODY_BYTES, SECTIONS, TAGS, queries};
use galley_model::{Draft, Status, Timestamp};
use rust_stemmers::{Algorithm, Stemmer};

const SEED: u64 = 20_240_917;
const N: u64 = 2_000;

/// The 2,000 articles most tests look at, made once.
fn sample() -> &'static [Draft] {
    static SAMPLE: OnceLock<Vec<Draft>> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let mut corpus = Corpus::with_count(SEED, N);
        (0..N).map(|i| corpus.article(i)).collect()
    })
}

#[test]
fn same_seed_and_index_give_the_same_draft() {
    let mut a = Corpus::new(7);
    let mut b = Corpus::new(7);
    for i in [0, 1, 2, 999, 57_000, 99_999, 1_000_000] {
        assert_eq!(a.article(i), b.article(i), "article {i}");
    }
    let first = a.article(0);
    assert_ne!(first, a.article(1));
    assert_ne!(first.fields.body, a.article(1).fields.body);
    assert_ne!(first, Corpus::new(8).article(0));
    assert!(first.id.is_none());
    assert!(first.fields.slug.is_empty(), "the store derives the slug");
}

#[test]
fn articles_do_not_depend_on_call_order() {
    let mut forward = Corpus::new(11);
    let ahead: Vec<Draft> = (0..40).map(|i| forward.article(i)).collect();
    let mut backward = Corpus::new(11);
    let behind: Vec<Draft> = (0..40).rev().map(|i| backward.article(i)).collect();
    for (i, draft) in ahead.iter().enumerate() {
        assert_eq!(*draft, behind[39 - i], "article {i}");
    }
    // Article 57,000 without the ones before it.
    assert_eq!(Corpus::new(11).article(57_000), forward.article(57_000));
}

#[test]
fn bodies_have_a_realistic_size_distribution() {
    let mut sizes: Vec<usize> = sample().iter().map(|d| d.fields.body.len()).collect();
    for (i, &size) in sizes.iter().enumerate() {
        assert!((MIN_BODY_BYTES..=MAX_BODY_BYTES).contains(&size), "article {i}: {size} bytes");
    }
    sizes.sort_unstable();
    let median = sizes[sizes.len() / 2];
    assert!((5_000..=10_000).contains(&median), "median {median}");
    let p99 = sizes[sizes.len() * 99 / 100];
    assert!(p99 > 18_000, "the tail is long: p99 {p99}");
    assert!(sizes[sizes.len() / 20] < 3_500, "and so is the short end: p5 {}", sizes[sizes.len() / 20]);
}

#[test]
fn bodies_are_markdown_with_paragraphs_and_structure() {
    let mut seen = BTreeMap::new();
    for d in sample() {
        let body = &d.fields.body;
        let blocks = body.split("\n\n").count();
        assert!((5..=45).contains(&blocks), "{blocks} blocks");
        assert!(!body.starts_with([' ', '\n']) && !body.ends_with([' ', '\n']));
        assert!(!body.contains("  "), "double space in {body}");
        for (name, mark) in [
            ("subheading", "\n## "),
            ("bullet", "\n- "),
            ("numbered", "\n1. "),
            ("quote", "\n> "),
            ("link", "](https://"),
            ("bold", "**"),
            ("guillemets", "«"),
            ("dash", " – "),
            ("yo", "ё"),
        ] {
            if body.contains(mark) {
                *seen.entry(name).or_insert(0) += 1;
            }
        }
    }
    for (name, count) in &seen {
        assert!(*count > 10, "{name}: {count}");
    }
    assert_eq!(seen.len(), 9, "{seen:?}");
}

#[test]
fn fields_follow_the_model() {
    let start: Timestamp = "2016-01-01T00:00:00Z".parse().unwrap();
    let end: Timestamp = "2026-07-01T00:00:00Z".parse().unwrap();
    let mut statuses = HashMap::new();
    let mut russian = 0;
    for d in sample() {
        let f = &d.fields;
        let words = f.headline.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
        assert!((6..=14).contains(&words), "headline {:?}", f.headline);
        assert!(!f.headline.ends_with('.'), "headline {:?}", f.headline);
        let lead = f.lead.chars().count();
        assert!((150..=400).contains(&lead), "lead of {lead} chars: {:?}", f.lead);
        assert!(f.byline.len() <= 2);
        assert!(SECTIONS.contains(&f.section.as_str()), "{}", f.section);
        assert!((1..=4).contains(&f.tags.len()), "{:?}", f.tags);
        let distinct: HashSet<&String> = f.tags.iter().collect();
        assert_eq!(distinct.len(), f.tags.len(), "{:?}", f.tags);
        for tag in &f.tags {
            assert!(TAGS.contains(&tag.as_str()), "{tag}");
        }
        assert!(f.related.len() <= 3);
        for r in &f.related {
            assert!(r.url.starts_with("https://") && !r.title.is_empty(), "{r:?}");
        }
        if let Some(chars) = f.target_chars {
            assert!((2_000..8_000).contains(&chars));
        }
        let (created, updated) = (d.created_at.unwrap(), d.updated_at.unwrap());
        assert!(start <= created && created < updated && updated < end, "{created} {updated}");
        if f.status == Status::Published {
            let published = f.published_at.unwrap();
            assert!(created <= published && published <= updated);
        }
        *statuses.entry(f.status).or_insert(0u32) += 1;
        russian += u32::from(f.language == "ru");
        assert!(f.language == "ru" || f.language == "en");
    }
    let share = f64::from(russian) / N as f64;
    assert!((0.86..=0.94).contains(&share), "Russian share {share}");
    let published = f64::from(statuses[&Status::Published]) / N as f64;
    assert!((0.55..=0.65).contains(&published), "published {published}");
    assert!(statuses[&Status::Spiked] > 50, "{statuses:?}");
    let with_dek = sample().iter().filter(|d| !d.fields.dek.is_empty()).count() as f64 / N as f64;
    assert!((0.35..=0.45).contains(&with_dek), "dek share {with_dek}");
    assert!(sample().iter().any(|d| d.fields.embargo_until.is_some()));
    assert!(sample().iter().any(|d| !d.fields.note.is_empty()));
}

#[test]
fn time_grows_with_the_index() {
    let articles = sample();
    let created = |i: usize| articles[i].created_at.unwrap();
    for i in (0..articles.len() - 100).step_by(50) {
        assert!(created(i) < created(i + 100), "article {i}");
    }
    assert!(created(0) < "2016-02-01T00:00:00Z".parse().unwrap());
    assert!(created(articles.len() - 1) > "2026-01-01T00:00:00Z".parse().unwrap());
}

#[test]
fn tags_have_at_most_two_levels() {
    let mut keys = HashSet::new();
    for tag in TAGS {
        let levels: Vec<&str> = tag.split('/').collect();
        assert!(levels.len() <= 2, "{tag}");
        assert!(levels.iter().all(|l| !l.trim().is_empty() && l.trim() == *l), "{tag}");
        assert!(keys.insert(tag.to_lowercase()), "{tag} twice");
    }
    assert!((35..=50).contains(&TAGS.len()));
}

/// Text analysis as the search does it: lowercase, `ё` → `е`, alphanumeric runs, Snowball.
struct Analyzer {
    ru: Stemmer,
    en: Stemmer,
    cache: HashMap<String, String>,
}

impl Analyzer {
    fn new() -> Self {
        Analyzer {
            ru: Stemmer::create(Algorithm::Russian),
            en: Stemmer::create(Algorithm::English),
            cache: HashMap::new(),
        }
    }

    fn terms(&mut self, text: &str) -> Vec<String> {
        let folded = text.to_lowercase().replace('ё', "е");
        folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                if let Some(t) = self.cache.get(w) {
                    return t.clone();
                }
                let t = if w.chars().any(|c| ('а'..='я').contains(&c)) {
                    self.ru.stem(w).into_owned()
                } else if w.chars().all(|c| c.is_ascii_alphabetic()) {
                    self.en.stem(w).into_owned()
                } else {
                    w.to_owned()
                };
                self.cache.insert(w.to_owned(), t.clone());
                t
            })
            .collect()
    }
}

struct Doc {
    terms: Vec<String>,
    set: HashSet<String>,
    tags: Vec<String>,
    status: &'static str,
    section: String,
    language: String,
    updated: Timestamp,
}

fn docs() -> &'static (Vec<Doc>, HashMap<String, u32>) {
    static DOCS: OnceLock<(Vec<Doc>, HashMap<String, u32>)> = OnceLock::new();
    DOCS.get_or_init(|| {
        let mut analyzer = Analyzer::new();
        let mut surface: HashMap<String, u32> = HashMap::new();
        let docs = sample()
            .iter()
            .map(|d| {
                let f = &d.fields;
                let text = format!("{}\n{}\n{}\n{}", f.headline, f.dek, f.lead, f.body);
                for w in text.to_lowercase().split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
                    *surface.entry(w.to_owned()).or_insert(0) += 1;
                }
                let terms = analyzer.terms(&text);
                Doc {
                    set: terms.iter().cloned().collect(),
                    terms,
                    tags: f.tags.iter().map(|t| t.to_lowercase()).collect(),
                    status: f.status.as_str(),
                    section: f.section.to_lowercase(),
                    language: f.language.clone(),
                    updated: d.updated_at.unwrap(),
                }
            })
            .collect();
        (docs, surface)
    })
}

/// How many sample articles a query finds, with the query language read the simple way.
fn hits(query: &str, analyzer: &mut Analyzer) -> usize {
    let mut phrases: Vec<Vec<String>> = Vec::new();
    let mut excluded: Vec<String> = Vec::new();
    let mut prefixes: Vec<String> = Vec::new();
    let mut filters: Vec<(String, String)> = Vec::new();
    let mut rest = query;
    while !rest.is_empty() {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix('"') {
            let end = after.find('"').unwrap_or(after.len());
            phrases.push(analyzer.terms(&after[..end]));
            rest = after.get(end + 1..).unwrap_or("");
            continue;
        }
        let end = rest.find(' ').unwrap_or(rest.len());
        let token = &rest[..end];
        rest = &rest[end..];
        if let Some((name, value)) = token
            .split_once(':')
            .filter(|(n, _)| ["tag", "status", "section", "lang", "after", "before"].contains(n))
        {
            filters.push((name.to_owned(), value.to_lowercase()));
        } else if let Some(word) = token.strip_prefix('-') {
            excluded.extend(analyzer.terms(word));
        } else if let Some(prefix) = token.strip_suffix('*') {
            prefixes.push(prefix.to_lowercase().replace('ё', "е"));
        } else if !token.is_empty() {
            phrases.push(analyzer.terms(token));
        }
    }
    let day = |v: &str| -> Timestamp { format!("{v}T00:00:00Z").parse().unwrap() };
    docs()
        .0
        .iter()
        .filter(|d| {
            phrases.iter().all(|p| {
                p.len() == 1 && d.set.contains(&p[0])
                    || p.len() > 1 && d.terms.windows(p.len()).any(|w| w == p.as_slice())
            }) && prefixes.iter().all(|p| d.set.iter().any(|t| t.starts_with(p.as_str())))
                && !excluded.iter().any(|t| d.set.contains(t))
                && filters.iter().all(|(name, value)| match name.as_str() {
                    "tag" => d.tags.iter().any(|t| t == value || t.starts_with(&format!("{value}/"))),
                    "status" => d.status == value,
                    "section" => d.section == *value,
                    "lang" => d.language == *value,
                    "after" => d.updated >= day(value),
                    _ => d.updated < day(value),
                })
        })
        .count()
}

#[test]
fn queries_are_deterministic_and_counted() {
    let a = queries(3, 500);
    assert_eq!(a.len(), 500);
    assert_eq!(a, queries(3, 500));
    assert_ne!(a, queries(4, 500));
    assert!(queries(3, 0).is_empty());
    assert!(a.iter().all(|q| !q.trim().is_empty() && q.trim() == q));
    let share = |f: &dyn Fn(&String) -> bool| a.iter().filter(|q| f(q)).count() as f64 / a.len() as f64;
    assert!(share(&|q| q.contains('"')) > 0.05);
    assert!(share(&|q| q.ends_with('*')) > 0.03);
    assert!(share(&|q| q.contains(" -")) > 0.03);
    assert!(share(&|q| q.contains("tag:")) > 0.03);
    for filter in ["status:", "section:", "lang:en", "after:", "before:"] {
        assert!(a.iter().any(|q| q.contains(filter)), "{filter}");
    }
    assert!(share(&|q| q.is_ascii()) > 0.04, "some English");
}

#[test]
fn most_queries_find_articles_and_a_few_find_none() {
    let mut analyzer = Analyzer::new();
    let qs = queries(SEED, 400);
    let counts: Vec<usize> = qs.iter().map(|q| hits(q, &mut analyzer)).collect();
    let found = counts.iter().filter(|&&n| n > 0).count();
    let none = counts.len() - found;
    let few = counts.iter().filter(|&&n| (1..=20).contains(&n)).count();
    let report: Vec<String> = qs.iter().zip(&counts).map(|(q, n)| format!("{n:>5}  {q}")).collect();
    assert!(
        found * 100 >= counts.len() * 75,
        "{found} of {} found something:\n{}",
        counts.len(),
        report.join("\n")
    );
    assert!(none >= 4, "{none} found nothing:\n{}", report.join("\n"));
    assert!(few >= 10, "{few} found only a few:\n{}", report.join("\n"));
}

#[test]
fn phrases_in_the_phrase_bank_occur_in_the_text() {
    let mut analyzer = Analyzer::new();
    let phrases: HashSet<String> = queries(SEED, 3_000).into_iter().filter(|q| q.starts_with('"')).collect();
    assert!(phrases.len() >= 15, "{phrases:?}");
    for phrase in phrases {
        assert!(hits(&phrase, &mut analyzer) > 0, "{phrase} is never written");
    }
}

#[test]
fn vocabulary_is_large_inflected_and_zipfian() {
    let surface = &docs().1;
    assert!(surface.len() > 5_000, "{} distinct words", surface.len());
    let mut counts: Vec<u32> = surface.values().copied().collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
    let top: u64 = counts[..300].iter().map(|&c| u64::from(c)).sum();
    let share = top as f64 / total as f64;
    assert!((0.5..0.9).contains(&share), "the 300 most frequent words make {share} of the text");
    let rare = counts.iter().filter(|&&c| c <= 3).count();
    assert!(rare > 500, "{rare} words occur at most three times");
    for form in ["сотрудничество", "сотрудничества", "сотрудничеству", "сотрудничеством", "сотрудничестве"]
    {
        assert!(surface.contains_key(form), "{form}");
    }
    for form in ["хабаровск", "хабаровске", "хабаровского", "владивостоке", "сахалине", "галушка", "галушки"]
    {
        assert!(surface.contains_key(form), "{form}");
    }
}
