use galley_model::{ArticleFields, Draft, RevisionReason, Status};
use galley_store::{Field, SearchHit};

use crate::fixture::{Fixture, at};

fn search(f: &Fixture, query: &str) -> Vec<SearchHit> {
    f.store.search(&galley_query::parse(query).expect("query parses"), 50).expect("search runs")
}

fn headlines(f: &Fixture, query: &str) -> Vec<String> {
    search(f, query).into_iter().map(|hit| hit.article.headline).collect()
}

fn article(f: &Fixture, headline: &str, lead: &str, body: &str) {
    f.article(ArticleFields {
        headline: headline.into(),
        lead: lead.into(),
        body: body.into(),
        ..ArticleFields::default()
    });
}

#[test]
fn tiers_rank_headline_then_summary_then_body_newest_first_within() {
    let f = Fixture::new();
    article(&f, "Старая заметка", "", "В тексте упомянут энергомост.");
    article(&f, "Энергомост построят", "", "");
    article(&f, "Лид об этом", "Энергомост обсудили в Токио.", "");
    article(&f, "Новая заметка", "", "И здесь про энергомосты.");
    assert_eq!(
        headlines(&f, "энергомост"),
        ["Энергомост построят", "Лид об этом", "Новая заметка", "Старая заметка"]
    );
    let fields: Vec<_> = search(&f, "энергомост").into_iter().map(|h| h.matched_in).collect();
    assert_eq!(fields, [Some(Field::Headline), Some(Field::Summary), Some(Field::Body), Some(Field::Body)]);
}

#[test]
fn all_words_must_match_but_may_sit_in_different_fields() {
    let f = Fixture::new();
    article(&f, "Сахалин", "", "Энергомост до Хоккайдо.");
    article(&f, "Сахалин без моста", "", "Только остров.");
    assert_eq!(headlines(&f, "сахалин хоккайдо"), ["Сахалин"]);
    assert_eq!(headlines(&f, "сахалин -хоккайдо"), ["Сахалин без моста"]);
    assert_eq!(headlines(&f, "хоккайдо OR остров").len(), 2);
}

#[test]
fn phrases_need_their_words_in_order_and_markup_does_not_split_them() {
    let f = Fixture::new();
    article(&f, "Форум", "", "Итоги **Восточного экономического** форума.");
    article(&f, "Другое", "", "Форум был экономическим и восточным.");
    assert_eq!(headlines(&f, "\"восточный экономический форум\""), ["Форум"]);
}

#[test]
fn prefixes_match_every_word_that_starts_so() {
    let f = Fixture::new();
    article(&f, "Инвесторы", "", "");
    article(&f, "Инвестиции", "", "");
    article(&f, "Инновации", "", "");
    assert_eq!(headlines(&f, "инвест*").len(), 2);
}

#[test]
fn filters_narrow_by_status_section_language_tag_and_date() {
    let f = Fixture::new();
    let make = |headline: &str, status: Status, section: &str, language: &str, tag: &str, minute: i64| {
        let fields = ArticleFields {
            headline: headline.into(),
            body: "Переговоры о сотрудничестве.".into(),
            status,
            section: section.into(),
            language: language.into(),
            tags: vec![tag.into()],
            ..ArticleFields::default()
        };
        f.store
            .create(
                Draft { fields, created_at: Some(at(minute)), ..Draft::default() },
                RevisionReason::Create,
                at(minute),
            )
            .unwrap();
    };
    make("Один", Status::Published, "Экономика", "ru", "Регионы/Хабаровск", 0);
    make("Два", Status::Draft, "Политика", "ru", "Япония", 60 * 24 * 40);
    make("Three", Status::Published, "Экономика", "en", "Регионы/Приморье", 60 * 24 * 400);
    make("Снят", Status::Spiked, "Экономика", "ru", "Япония", 0);

    assert_eq!(headlines(&f, "сотрудничество status:published"), ["Three", "Один"]);
    assert_eq!(headlines(&f, "сотрудничество section:экономика lang:ru"), ["Один"]);
    assert_eq!(headlines(&f, "сотрудничество tag:регионы"), ["Three", "Один"]);
    assert_eq!(headlines(&f, "сотрудничество after:2027-06-01"), ["Three"]);
    assert_eq!(headlines(&f, "сотрудничество before:2026-12-01"), ["Один"]);
    assert_eq!(headlines(&f, "сотрудничество"), ["Three", "Два", "Один"], "spiked articles are left out");
    assert_eq!(headlines(&f, "status:spiked"), ["Снят"], "filters alone list articles");
    assert_eq!(headlines(&f, "after:2026-01-01"), ["Three", "Два", "Один"], "dates alone too");
    assert!(
        headlines(&f, "after:2027-01-01 before:2026-01-01").is_empty(),
        "an empty date range finds nothing"
    );
}

#[test]
fn snippets_come_from_the_text_with_the_matched_words_marked() {
    let f = Fixture::new();
    article(
        &f,
        "Переговоры",
        "",
        "Вопросы активизации двустороннего сотрудничества и привлечения японских инвесторов.",
    );
    let hit = search(&f, "сотрудничество инвестор*").remove(0);
    let snippet = hit.snippet.expect("the body matched");
    let marked: Vec<&str> = snippet.highlights.iter().map(|r| &snippet.text[r.clone()]).collect();
    assert_eq!(marked, ["сотрудничества", "инвесторов"]);
}

#[test]
fn an_edit_is_searchable_at_once_and_the_old_words_are_gone() {
    let f = Fixture::new();
    let a = f.headline("Заметка", "Про Сахалин.");
    f.store
        .save(
            a.id,
            ArticleFields { body: "Про Курилы.".into(), ..a.fields },
            RevisionReason::Save,
            None,
            at(1),
        )
        .unwrap();
    assert!(headlines(&f, "сахалин").is_empty());
    assert_eq!(headlines(&f, "курилы"), ["Заметка"]);
}

#[test]
fn a_renamed_tag_is_found_by_its_new_name() {
    let f = Fixture::new();
    f.article(ArticleFields {
        headline: "Заметка".into(),
        tags: vec!["Энергетика".into()],
        ..ArticleFields::default()
    });
    f.store.rename_tag("Энергетика", "Электроэнергия").unwrap();
    assert_eq!(headlines(&f, "электроэнергия"), ["Заметка"]);
    assert!(headlines(&f, "энергетика").is_empty());
}
