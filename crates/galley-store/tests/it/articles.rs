use galley_model::{ArticleFields, ArticleId, Draft, Related, RevisionReason, Status};
use galley_query::Filter;
use galley_store::{Error, ListFilter, ListSort};

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

#[test]
fn lists_sort_by_headline_as_a_russian_index_does_and_filter_by_section_whatever_the_case() {
    let f = Fixture::new();
    for (headline, section) in
        [("яблоко", "Экономика"), ("Ель", "экономика"), ("Арбуз", "Спорт"), ("Ёлки", "ЭКОНОМИКА")]
    {
        f.article(ArticleFields {
            headline: headline.into(),
            section: section.into(),
            ..ArticleFields::default()
        });
    }
    let by_headline =
        f.store.list(&ListFilter { sort: ListSort::Headline, limit: 10, ..ListFilter::default() }).unwrap();
    let headlines: Vec<_> = by_headline.iter().map(|a| a.headline.as_str()).collect();
    assert_eq!(headlines, ["Арбуз", "Ёлки", "Ель", "яблоко"], "case ignored, ё sorted as е");

    let economy =
        ListFilter {
            filters: vec![Filter::Section("экономика".into())], limit: 10, ..ListFilter::default()
        };
    assert_eq!(f.store.list(&economy).unwrap().len(), 3);
    assert_eq!(f.store.count_matching(&economy).unwrap(), 3);
    let sections = f.store.sections().unwrap();
    let counted: Vec<_> = sections.iter().map(|s| (s.name.to_lowercase(), s.count)).collect();
    assert_eq!(
        counted,
        [("спорт".to_owned(), 1), ("экономика".to_owned(), 3)],
        "one section, however it is spelled"
    );

    // A headline changed later moves in the order.
    let apple = by_headline.last().unwrap();
    let mut fields = f.store.article(&apple.id.to_string()).unwrap().fields;
    fields.headline = "Абрикос".into();
    f.store.save(apple.id, fields, RevisionReason::Save, None, at(30)).unwrap();
    let first =
        f.store.list(&ListFilter { sort: ListSort::Headline, limit: 1, ..ListFilter::default() }).unwrap();
    assert_eq!(first[0].headline, "Абрикос");
}

/// Issue 15: a Hugo post's `draft: true` must survive Galley, so the store keeps what a file's
/// front matter holds that Galley does not own, with every save and in the revisions.
#[test]
fn what_a_file_holds_that_galley_does_not_own_is_stored_with_the_article() {
    let f = Fixture::new();
    let foreign = galley_model::markdown_file::ForeignFrontMatter {
        format: galley_model::markdown_file::FrontMatterFormat::Toml,
        names: [("headline".to_owned(), "title".to_owned())].into(),
        text: "draft = true\n# keep me\nweight = 5\n".into(),
        absent: [("slug".to_owned(), String::new()), ("status".to_owned(), "draft".to_owned())].into(),
        heading: String::new(),
    };
    let article =
        f.article(ArticleFields { headline: "Hugo".into(), foreign: foreign.clone(), ..Default::default() });
    let key = article.id.to_string();
    // The slug made for a file that had none is what its missing key stands for.
    let foreign = galley_model::markdown_file::ForeignFrontMatter {
        absent: [("slug".to_owned(), "hugo".to_owned()), ("status".to_owned(), "draft".to_owned())].into(),
        ..foreign
    };
    assert_eq!(f.store.article(&key).unwrap().fields.foreign, foreign);
    let mut fields = article.fields.clone();
    fields.body = "Edited.\n".into();
    let saved = f.store.save(article.id, fields, RevisionReason::Autosave, None, at(1)).unwrap();
    assert_eq!(saved.fields.foreign, foreign);
    assert_eq!(f.store.revision(&key, 1).unwrap().fields.foreign, foreign);
    // Only that changed: a new version of it.
    let mut fields = saved.fields.clone();
    fields.foreign.text = "draft = false\n".into();
    let saved = f.store.save(article.id, fields, RevisionReason::ExternalEdit, None, at(2)).unwrap();
    assert_eq!(f.store.article(&key).unwrap().fields.foreign.text, "draft = false\n");
    assert!(saved.revision > 1);
    // A status changed in Galley is no longer one the file lacks: its key will be written.
    let fields = ArticleFields { status: Status::Ready, ..saved.fields.clone() };
    let saved = f.store.save(article.id, fields, RevisionReason::StatusChange, None, at(3)).unwrap();
    assert_eq!(saved.fields.foreign.absent, [("slug".to_owned(), "hugo".to_owned())].into());
    // An article Galley wrote keeps nothing there.
    let plain = f.headline("Plain", "Body");
    assert!(f.store.article(&plain.id.to_string()).unwrap().fields.foreign.is_empty());
}
