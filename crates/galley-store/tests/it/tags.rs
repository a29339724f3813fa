use galley_model::{ArticleFields, RevisionReason, Status};
use galley_query::Filter;
use galley_store::{ListFilter, TagCount};

use crate::fixture::{Fixture, at};

fn tagged(f: &Fixture, headline: &str, tags: &[&str]) -> galley_model::Article {
    f.article(ArticleFields {
        headline: headline.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..ArticleFields::default()
    })
}

fn counts(f: &Fixture) -> Vec<(String, u64, u64)> {
    f.store.tags().unwrap().into_iter().map(|TagCount { name, count, total }| (name, count, total)).collect()
}

#[test]
fn tags_are_one_whatever_the_case_and_keep_the_first_spelling() {
    let f = Fixture::new();
    tagged(&f, "Один", &["Япония"]);
    let b = tagged(&f, "Два", &["ЯПОНИЯ", "япония"]);
    assert_eq!(b.fields.tags, ["Япония"]);
    assert_eq!(counts(&f), [("Япония".to_owned(), 2, 2)]);
}

#[test]
fn parents_count_each_article_once_and_spiked_articles_not_at_all() {
    let f = Fixture::new();
    tagged(&f, "Один", &["Регионы/Хабаровск", "Регионы/Приморье"]);
    tagged(&f, "Два", &["Регионы/Хабаровск"]);
    let spiked = tagged(&f, "Три", &["Регионы/Приморье"]);
    f.store
        .save(
            spiked.id,
            ArticleFields { status: Status::Spiked, ..spiked.fields },
            RevisionReason::StatusChange,
            None,
            at(1),
        )
        .unwrap();
    assert_eq!(
        counts(&f),
        [
            ("Регионы".to_owned(), 0, 2),
            ("Регионы/Приморье".to_owned(), 1, 1),
            ("Регионы/Хабаровск".to_owned(), 2, 2)
        ]
    );
}

#[test]
fn a_parent_tag_filter_includes_children_only() {
    let f = Fixture::new();
    tagged(&f, "Хабаровск", &["Регионы/Хабаровск"]);
    tagged(&f, "Регионы", &["Регионы"]);
    tagged(&f, "Регионалистика", &["Регионы-2"]);
    let list = f
        .store
        .list(&ListFilter {
            filters: vec![Filter::Tag("регионы".into())],
            limit: 10,
            ..ListFilter::default()
        })
        .unwrap();
    let mut headlines: Vec<_> = list.iter().map(|a| a.headline.as_str()).collect();
    headlines.sort();
    assert_eq!(headlines, ["Регионы", "Хабаровск"]);
}

#[test]
fn renaming_a_parent_renames_its_children() {
    let f = Fixture::new();
    let a = tagged(&f, "Один", &["Регионы/Хабаровск"]);
    f.store.rename_tag("регионы", "Области").unwrap();
    assert_eq!(f.store.article(&a.id.to_string()).unwrap().fields.tags, ["Области/Хабаровск"]);
    assert_eq!(counts(&f), [("Области".to_owned(), 0, 1), ("Области/Хабаровск".to_owned(), 1, 1)]);
}

#[test]
fn merging_moves_articles_without_doubling_them() {
    let f = Fixture::new();
    let both = tagged(&f, "Оба", &["Энергетика", "Энергомост"]);
    let one = tagged(&f, "Один", &["Энергомост"]);
    f.store.merge_tags("Энергомост", "энергетика").unwrap();
    assert_eq!(f.store.article(&both.id.to_string()).unwrap().fields.tags, ["Энергетика"]);
    assert_eq!(f.store.article(&one.id.to_string()).unwrap().fields.tags, ["Энергетика"]);
    assert_eq!(counts(&f), [("Энергетика".to_owned(), 2, 2)]);
}

#[test]
fn renaming_or_merging_an_unknown_tag_is_an_error() {
    let f = Fixture::new();
    tagged(&f, "Один", &["Япония"]);
    assert_eq!(f.store.rename_tag("Китай", "Азия").unwrap_err().to_string(), "no tag `Китай`");
    assert_eq!(f.store.merge_tags("Япония", "Азия").unwrap_err().to_string(), "no tag `Азия`");
}

#[test]
fn a_tag_nobody_uses_any_more_disappears() {
    let f = Fixture::new();
    let a = tagged(&f, "Один", &["Временный"]);
    f.store
        .save(a.id, ArticleFields { tags: vec![], ..a.fields }, RevisionReason::Save, None, at(1))
        .unwrap();
    assert!(counts(&f).is_empty());
}
