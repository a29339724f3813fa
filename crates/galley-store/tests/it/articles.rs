use galley_model::{ArticleFields, ArticleId, Draft, Related, RevisionReason, Status};
use galley_query::Filter;
use galley_store::{Error, ListFilter};

use crate::fixture::{Fixture, at};

#[test]
fn an_article_reads_back_as_it_was_saved() {
    let f = Fixture::new();
    let fields = ArticleFields {
        headline: "Встреча Галушки и Сэко".into(),
        dek: "Подзаголовок".into(),
        lead: "Лид".into(),
        body: "Текст  с двумя пробелами и «кавычками».\r\n\n- список\n".into(),
        byline: vec!["Иван Петров".into()],
        dateline: "Токио".into(),
        section: "Экономика".into(),
        language: "ru".into(),
        status: Status::Editing,
        tags: vec!["Япония".into(), "Регионы/Дальний Восток".into()],
        related: vec![Related { title: "ВЭФ".into(), url: "https://example.ru/vef".into() }],
        target_chars: Some(3000),
        note: "проверить цифры".into(),
        ..ArticleFields::default()
    };
    let article = f.article(fields.clone());
    assert_eq!(article.fields, ArticleFields { slug: "vstrecha-galushki-i-seko".into(), ..fields });
    assert_eq!(article.revision, 1);
    assert_eq!(article.created_at, at(0));
    assert_eq!(f.store.article(&article.id.to_string()).unwrap(), article);
    assert_eq!(f.store.article("vstrecha-galushki-i-seko").unwrap(), article);
}

#[test]
fn slugs_stay_unique() {
    let f = Fixture::new();
    let a = f.headline("Новости дня", "");
    let b = f.headline("Новости дня", "");
    assert_eq!(a.fields.slug, "novosti-dnia");
    assert_eq!(b.fields.slug, "novosti-dnia-2");
    let taken = f.store.save(
        b.id,
        ArticleFields { slug: a.fields.slug.clone(), ..b.fields.clone() },
        RevisionReason::Save,
        None,
        at(1),
    );
    assert!(matches!(taken, Err(Error::SlugTaken(slug)) if slug == "novosti-dnia"));
    let invalid = f.store.save(
        b.id,
        ArticleFields { slug: "Новости".into(), ..b.fields },
        RevisionReason::Save,
        None,
        at(1),
    );
    assert!(matches!(invalid, Err(Error::InvalidSlug(_))));
}

#[test]
fn unknown_articles_and_bad_fields_are_user_errors() {
    let f = Fixture::new();
    let err = f.store.article("no-such-slug").unwrap_err();
    assert!(err.is_user_error());
    assert!(err.to_string().contains("no article `no-such-slug`"), "{err}");
    let bad_language = f.store.create(
        Draft {
            fields: ArticleFields { language: "русский".into(), ..ArticleFields::default() },
            ..Draft::default()
        },
        RevisionReason::Create,
        at(0),
    );
    assert!(matches!(bad_language, Err(Error::InvalidLanguage(_))));
}

#[test]
fn a_draft_with_a_known_id_updates_that_article() {
    let f = Fixture::new();
    let original = f.headline("Первый вариант", "текст");
    let draft = Draft {
        id: Some(original.id),
        fields: ArticleFields { headline: "Второй вариант".into(), ..original.fields.clone() },
        ..Draft::default()
    };
    let results = f.store.create_many([draft], RevisionReason::Import, at(5)).unwrap();
    let stored = results.into_iter().next().unwrap().unwrap();
    assert!(!stored.created);
    assert_eq!(f.store.count().unwrap(), 1);
    let updated = f.store.article(&original.id.to_string()).unwrap();
    assert_eq!(updated.fields.headline, "Второй вариант");
    assert_eq!(updated.revision, 2);
}

#[test]
fn a_bad_draft_in_a_batch_does_not_stop_the_others() {
    let f = Fixture::new();
    let good = |h: &str| Draft {
        fields: ArticleFields { headline: h.into(), ..ArticleFields::default() },
        ..Draft::default()
    };
    let bad = Draft {
        fields: ArticleFields { tags: vec!["  /  ".into()], ..ArticleFields::default() },
        ..Draft::default()
    };
    let results =
        f.store.create_many([good("Один"), bad, good("Два")], RevisionReason::Import, at(0)).unwrap();
    assert!(results[0].is_ok() && results[1].is_err() && results[2].is_ok());
    assert_eq!(f.store.count().unwrap(), 2);
}

#[test]
fn ids_and_times_of_imported_drafts_are_kept() {
    let f = Fixture::new();
    let id = ArticleId::new(at(-100));
    let draft = Draft {
        id: Some(id),
        created_at: Some(at(-100)),
        updated_at: Some(at(-50)),
        fields: ArticleFields::default(),
    };
    f.store.create_many([draft], RevisionReason::Import, at(0)).unwrap().remove(0).unwrap();
    let article = f.store.article(&id.to_string()).unwrap();
    assert_eq!((article.created_at, article.updated_at), (at(-100), at(-50)));
}

#[test]
fn the_list_is_newest_first_and_hides_spiked_articles() {
    let f = Fixture::new();
    let old = f.headline("Старая", "");
    let new = f.headline("Новая", "");
    let spiked = f.headline("Снятая", "");
    f.store
        .save(
            new.id,
            ArticleFields { dek: "обновлено".into(), ..new.fields.clone() },
            RevisionReason::Save,
            None,
            at(10),
        )
        .unwrap();
    f.store
        .save(
            spiked.id,
            ArticleFields { status: Status::Spiked, ..spiked.fields.clone() },
            RevisionReason::StatusChange,
            None,
            at(20),
        )
        .unwrap();

    let all = f.store.list(&ListFilter { limit: 10, ..ListFilter::default() }).unwrap();
    let headlines: Vec<_> = all.iter().map(|a| a.headline.as_str()).collect();
    assert_eq!(headlines, ["Новая", "Старая"]);
    assert_eq!(all[1].id, old.id);

    let trash = f
        .store
        .list(&ListFilter {
            filters: vec![Filter::Status(Status::Spiked)],
            limit: 10,
            ..ListFilter::default()
        })
        .unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].id, spiked.id);
}
