//! Issue 15: a mirror folder is shared with other tools. Linking a Hugo folder rewrote every file,
//! dropped `draft: true` (so Hugo published the post), `weight`, `aliases`, renamed `title` and
//! `date`, and read TOML front matter as body text. Now linking adds one line, the id, and an
//! edit in Galley keeps every key Galley does not own as the file wrote it.

use std::path::Path;
use std::sync::Arc;

use galley_core::model::{ArticlePatch, ManualClock};
use galley_core::{ExportFormat, Library, OpenOptions};
use galley_mirror::{Change, Mirror, Scope};

const HUGO_HEAD: &str = "---\ntitle: 'Пожар на складе: \"итоги\"'\n";
const HUGO_OWN: &str = "# Hugo publishes it when this is false\ndraft: true\nweight: 5\naliases: [\"/old/pozhar\", '/старый']\ncategories:\n- news\n-   \"odd  'quoting'\"\nparams:\n  # nested comment\n  lead_image: fire.jpg\n";
const HUGO_TAIL: &str = "date: 2026-01-02T10:00:00+03:00\n---\nВ Хабаровске горел склад.\n";

const TOML_POST: &str = "+++\ntitle = \"TOML post\"\ndate = 2026-01-03T08:00:00Z\ndraft = true # not yet\nweight = 7\n\n[params]\n  author_note = 'keep'\n+++\nTOML body.\n";

const SHORT_POST: &str = "---\ntitle: Пост\ndraft: true\n---\nТекст.\n";

const OBSIDIAN: &str = "---\ntags:\n  - idea\ncssclasses:\n  - wide-page\n---\n# Note\n\nThought.\n";

const TWIN: &str = "---\nid: 0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e\ntitle: Twin\n---\nTwin.\n";

fn hugo() -> String {
    format!("{HUGO_HEAD}{HUGO_OWN}{HUGO_TAIL}")
}

struct Unlinked {
    dir: tempfile::TempDir,
    library: Library,
}

impl Unlinked {
    /// An empty store, not linked, and a folder holding these files.
    fn with(files: &[(&str, &str)]) -> Unlinked {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("site")).unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join("site").join(name), text).unwrap();
        }
        let clock = Arc::new(ManualClock::new("2026-11-28T09:00:00Z".parse().unwrap()));
        let library =
            Library::open_with(&dir.path().join("store.sqlite3"), clock, OpenOptions { seed_sample: false })
                .unwrap();
        Unlinked { dir, library }
    }

    fn folder(&self) -> std::path::PathBuf {
        self.dir.path().join("site")
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.folder().join(name)).unwrap()
    }

    fn link(&self) -> (Mirror, Vec<Change>) {
        let mut mirror = Mirror::link(&self.library, &self.folder()).unwrap();
        let changes = mirror.pass(&self.library, Scope::Full).unwrap();
        (mirror, changes)
    }

    fn id_of(&self, name: &str) -> String {
        let text = self.read(name);
        let line = text.lines().find(|l| l.starts_with("id")).unwrap();
        line.trim_start_matches("id: ").trim_start_matches("id = ").trim_matches('"').to_owned()
    }
}

fn with_id_line(text: &str, line: &str) -> String {
    format!("{}{line}{}", &text[..4], &text[4..])
}

#[test]
fn linking_a_hugo_folder_adds_only_the_id_line_and_rewrites_nothing_else() {
    let desk = Unlinked::with(&[("post.md", &hugo()), ("toml.md", TOML_POST), ("note.md", OBSIDIAN)]);
    let (mut mirror, changes) = desk.link();
    assert_eq!(changes.len(), 3, "{changes:?}");
    for (name, before) in
        [("post.md", hugo()), ("toml.md", TOML_POST.to_owned()), ("note.md", OBSIDIAN.to_owned())]
    {
        let id = desk.id_of(name);
        let line = if name == "toml.md" { format!("id = \"{id}\"\n") } else { format!("id: {id}\n") };
        assert_eq!(desk.read(name), with_id_line(&before, &line), "{name}: only the id line was added");
    }
    let article = desk.library.article(&desk.id_of("toml.md")).unwrap();
    assert_eq!(article.fields.headline, "TOML post", "TOML front matter is read, not taken for body text");
    assert_eq!(article.fields.body, "TOML body.\n");
    let before: Vec<String> = ["post.md", "toml.md", "note.md"].iter().map(|n| desk.read(n)).collect();
    assert!(mirror.pass(&desk.library, Scope::Full).unwrap().is_empty(), "a second pass does nothing");
    let after: Vec<String> = ["post.md", "toml.md", "note.md"].iter().map(|n| desk.read(n)).collect();
    assert_eq!(before, after, "and writes nothing");
}

#[test]
fn a_hugo_post_edited_in_galley_keeps_draft_weight_aliases_and_its_comments_byte_for_byte() {
    let desk = Unlinked::with(&[("post.md", &hugo())]);
    let (mut mirror, _) = desk.link();
    let id = desk.id_of("post.md");
    let patch = ArticlePatch {
        body: Some("Склад потушили.\n".into()),
        tags: Some(vec!["пожары".into()]),
        ..ArticlePatch::default()
    };
    desk.library.edit(&id, patch).unwrap();
    let changes = mirror.pass(&desk.library, Scope::Paths(Vec::new())).unwrap();
    assert!(matches!(&changes[..], [Change::Wrote { .. }]), "{changes:?}");
    let text = desk.read("post.md");
    assert!(text.contains(HUGO_OWN), "Hugo's own keys are there byte for byte:\n{text}");
    assert!(text.contains("\ntitle: 'Пожар на складе: \"итоги\"'\n"), "title stays title:\n{text}");
    assert!(text.contains("\ndate: 2026-01-02T07:00:00Z\n"), "date stays date:\n{text}");
    assert!(!text.contains("headline:") && !text.contains("created_at:"), "{text}");
    assert!(text.ends_with("---\nСклад потушили.\n"), "{text}");
    // The Markdown export keeps them too.
    let article = desk.library.article(&id).unwrap();
    let exported = desk.library.export_text(&article, ExportFormat::Md, None).unwrap().html;
    assert!(exported.contains(HUGO_OWN), "{exported}");
    // And a pass after that reads the file back as it was written: nothing to do.
    assert!(mirror.pass(&desk.library, Scope::Full).unwrap().is_empty());

    // An edit of Hugo's key in the file is kept by Galley too.
    let edited = text.replace("draft: true", "draft: false");
    std::fs::write(desk.folder().join("post.md"), &edited).unwrap();
    let changes = mirror.pass(&desk.library, Scope::Full).unwrap();
    assert!(matches!(&changes[..], [Change::Updated { .. }]), "{changes:?}");
    desk.library.edit(&id, ArticlePatch { body: Some("Ещё.\n".into()), ..ArticlePatch::default() }).unwrap();
    mirror.pass(&desk.library, Scope::Paths(Vec::new())).unwrap();
    assert!(desk.read("post.md").contains("\ndraft: false\nweight: 5\n"), "{}", desk.read("post.md"));
}

#[test]
fn a_toml_post_and_an_obsidian_note_keep_their_format_and_keys_through_an_edit() {
    let desk = Unlinked::with(&[("toml.md", TOML_POST), ("note.md", OBSIDIAN)]);
    let (mut mirror, _) = desk.link();
    for name in ["toml.md", "note.md"] {
        let id = desk.id_of(name);
        desk.library.edit(&id, ArticlePatch { dek: Some("Dek".into()), ..ArticlePatch::default() }).unwrap();
    }
    mirror.pass(&desk.library, Scope::Paths(Vec::new())).unwrap();
    let toml = desk.read("toml.md");
    assert!(toml.starts_with("+++\nid = \""), "{toml}");
    assert!(toml.contains("\ntitle = \"TOML post\"\n") && toml.contains("\ndek = \"Dek\"\n"), "{toml}");
    assert!(
        toml.ends_with(
            "draft = true # not yet\nweight = 7\n\n[params]\n  author_note = 'keep'\n+++\nTOML body.\n"
        ),
        "{toml}"
    );
    let note = desk.read("note.md");
    assert!(note.contains("\ncssclasses:\n  - wide-page\n---\n"), "{note}");
    assert!(mirror.pass(&desk.library, Scope::Full).unwrap().is_empty());
}

#[test]
fn the_plan_says_what_linking_would_change_and_writes_nothing() {
    let desk = Unlinked::with(&[
        ("post.md", &hugo()),
        ("plain.md", "# Heading\n\nNo front matter.\n"),
        ("broken.md", "---\ntitle: [unclosed\n---\n"),
        ("twin-a.md", TWIN),
        ("twin-b.md", TWIN),
    ]);
    let fields =
        galley_core::model::ArticleFields { headline: "From the store".into(), ..Default::default() };
    desk.library.create(fields).unwrap();
    let before = snapshot(&desk.folder());
    let plan = Mirror::link_plan(&desk.library, &desk.folder()).unwrap();
    assert_eq!(snapshot(&desk.folder()), before, "the plan wrote nothing");
    assert!(desk.library.mirror_link().unwrap().is_none(), "and linked nothing");
    assert_eq!(plan.files, 5);
    assert_eq!(plan.id_added, ["plain.md", "post.md"]);
    assert_eq!(plan.rewritten, ["twin-b.md"], "a copy carrying another file's id gets its own");
    assert_eq!(plan.untouched, 1);
    assert_eq!(plan.unreadable.len(), 1);
    assert_eq!(plan.unreadable[0].path, "broken.md");
    assert!(plan.unreadable[0].message.contains("not valid YAML"), "{:?}", plan.unreadable);
    assert_eq!(plan.new_files, 1);
    assert!(plan.changes_files());

    // Linking does what the plan said.
    let (_mirror, changes) = desk.link();
    assert_eq!(desk.read("post.md"), with_id_line(&hugo(), &format!("id: {}\n", desk.id_of("post.md"))));
    let plain = format!("---\nid: {}\n---\n# Heading\n\nNo front matter.\n", desk.id_of("plain.md"));
    assert_eq!(desk.read("plain.md"), plain);
    assert_eq!(desk.read("twin-a.md"), TWIN);
    assert_ne!(desk.id_of("twin-b.md"), desk.id_of("twin-a.md"));
    assert_eq!(desk.read("broken.md"), "---\ntitle: [unclosed\n---\n");
    assert!(
        changes.iter().any(|c| matches!(c, Change::Wrote { .. })),
        "the store's article became a file: {changes:?}"
    );
    // A folder of Galley's own files, linked again, changes nothing.
    desk.library.unlink_mirror().unwrap();
    let plan = Mirror::link_plan(&desk.library, &desk.folder()).unwrap();
    assert!(!plan.changes_files() && plan.new_files == 0, "{plan:?}");
}

fn snapshot(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    files
}

/// Plain notes (no front matter): Windows line endings with trailing spaces and a heading, a note
/// without a heading, and one with blank lines above its heading.
const PLAIN_CRLF: &str = "# Пожар на складе  \r\n\r\nСклад горел всю ночь.   \r\n\r\n## Итоги\r\n";
const PLAIN_NO_HEADING: &str = "Мысль без заголовка.\n\n# Позже\n\nТекст.  \n";
const PLAIN_BLANK_FIRST: &str = "\n\n# Заметка #\n\n\nТекст.";

fn id_front_matter(id: &str, eol: &str) -> String {
    format!("---{eol}id: {id}{eol}---{eol}")
}

/// Issue 15: a note without front matter was written whole when linked: every Galley field, and
/// its `# Heading` taken out of the body. Now it gets front matter holding its id, and every byte
/// of the note follows unchanged.
#[test]
fn a_plain_note_gets_only_its_id_and_every_byte_of_it_stays() {
    let notes = [("crlf.md", PLAIN_CRLF), ("thought.md", PLAIN_NO_HEADING), ("blank.md", PLAIN_BLANK_FIRST)];
    let desk = Unlinked::with(&notes);
    let plan = Mirror::link_plan(&desk.library, &desk.folder()).unwrap();
    assert_eq!(plan.id_added, ["blank.md", "crlf.md", "thought.md"], "{plan:?}");
    assert!(plan.rewritten.is_empty(), "{plan:?}");
    let (mut mirror, changes) = desk.link();
    assert_eq!(changes.len(), 3, "{changes:?}");
    for (name, note) in notes {
        let eol = if name == "crlf.md" { "\r\n" } else { "\n" };
        let expected = format!("{}{note}", id_front_matter(&desk.id_of(name), eol));
        assert_eq!(desk.read(name), expected, "{name}: the id, then the note byte for byte");
    }
    // Galley's article is what it was: the heading is the headline, the rest the body.
    let article = desk.library.article(&desk.id_of("crlf.md")).unwrap();
    assert_eq!(article.fields.headline, "Пожар на складе");
    assert_eq!(article.fields.body, "Склад горел всю ночь.   \r\n\r\n## Итоги\r\n");
    assert_eq!(desk.library.article(&desk.id_of("blank.md")).unwrap().fields.body, "Текст.");
    assert!(mirror.pass(&desk.library, Scope::Full).unwrap().is_empty(), "nothing read back as a change");

    // An edit of the body in Galley writes the body; the heading and the id stay as they were,
    // and no field the note did not have is added.
    for name in ["crlf.md", "thought.md", "blank.md"] {
        let id = desk.id_of(name);
        let body = desk.library.article(&id).unwrap().fields.body + "Дописано в Galley.\n";
        desk.library.edit(&id, ArticlePatch { body: Some(body), ..ArticlePatch::default() }).unwrap();
    }
    mirror.pass(&desk.library, Scope::Paths(Vec::new())).unwrap();
    for (name, note) in notes {
        // The lines Galley writes itself end with "\n" (a real edit rewrites them).
        let expected = format!("{}{note}Дописано в Galley.\n", id_front_matter(&desk.id_of(name), "\n"));
        assert_eq!(desk.read(name), expected, "{name}");
    }
    assert!(mirror.pass(&desk.library, Scope::Full).unwrap().is_empty());

    // A headline changed in Galley is written where the note keeps it: its heading.
    let id = desk.id_of("crlf.md");
    let patch =
        ArticlePatch { headline: Some("Склад потушили".into()), ..ArticlePatch::default() };
    desk.library.edit(&id, patch).unwrap();
    mirror.pass(&desk.library, Scope::Paths(Vec::new())).unwrap();
    let expected = format!(
        "{}# Склад потушили\r\n\r\nСклад горел всю ночь.   \r\n\r\n## Итоги\r\nДописано в Galley.\n",
        id_front_matter(&id, "\n")
    );
    assert_eq!(desk.read("crlf.md"), expected);
    assert!(mirror.pass(&desk.library, Scope::Full).unwrap().is_empty(), "it reads back as written");
    // The heading edited in the note is the headline again.
    std::fs::write(desk.folder().join("crlf.md"), expected.replace("# Склад потушили", "# Склад цел"))
        .unwrap();
    let changes = mirror.pass(&desk.library, Scope::Full).unwrap();
    assert!(matches!(&changes[..], [Change::Updated { .. }]), "{changes:?}");
    assert_eq!(desk.library.article(&id).unwrap().fields.headline, "Склад цел");
}

/// Issue 15: the first time Galley wrote a Hugo post it added `slug` (Hugo then publishes the
/// post at another URL), `status`, `language` and `created_at`. A key the file did not have is
/// written only once the user changes that field in Galley; the `.md` export agrees.
#[test]
fn a_hugo_post_gets_no_key_it_did_not_have_until_that_field_is_changed_in_galley() {
    let desk = Unlinked::with(&[("post.md", &hugo()), ("toml.md", TOML_POST), ("note.md", OBSIDIAN)]);
    let (mut mirror, _) = desk.link();
    for name in ["post.md", "toml.md", "note.md"] {
        let id = desk.id_of(name);
        let slug = desk.library.article(&id).unwrap().fields.slug;
        assert!(!slug.is_empty(), "Galley keeps a slug of its own for {name}");
        let body = desk.library.article(&id).unwrap().fields.body + "Ещё.\n";
        desk.library.edit(&id, ArticlePatch { body: Some(body), ..ArticlePatch::default() }).unwrap();
        mirror.pass(&desk.library, Scope::Paths(Vec::new())).unwrap();
        let text = desk.read(name);
        assert!(text.ends_with("Ещё.\n"), "{text}");
        for key in ["slug", "status", "language", "created_at", "headline"] {
            let line =
                text.lines().any(|l| l.starts_with(&format!("{key}:")) || l.starts_with(&format!("{key} =")));
            assert!(!line, "{name} got `{key}`, which it did not have:\n{text}");
        }
        let article = desk.library.article(&id).unwrap();
        let exported = desk.library.export_text(&article, ExportFormat::Md, None).unwrap().html;
        assert!(!exported.contains("\nslug") && !exported.contains("\nstatus"), "{exported}");
    }
    assert!(mirror.pass(&desk.library, Scope::Full).unwrap().is_empty(), "the files read back as written");

    // Changed in Galley, a field is written, and only that one.
    let id = desk.id_of("post.md");
    desk.library.set_status(&id, galley_core::model::Status::Editing).unwrap();
    mirror.pass(&desk.library, Scope::Paths(Vec::new())).unwrap();
    let text = desk.read("post.md");
    assert!(text.contains("\nstatus: editing\n"), "{text}");
    assert!(!text.contains("\nslug:"), "{text}");
    let patch = ArticlePatch { slug: Some("pozhar-itogi".into()), ..ArticlePatch::default() };
    desk.library.edit(&id, patch).unwrap();
    mirror.pass(&desk.library, Scope::Paths(Vec::new())).unwrap();
    let text = desk.read("post.md");
    assert!(text.contains("\nslug: pozhar-itogi\n") && text.contains(HUGO_OWN), "{text}");
    assert!(mirror.pass(&desk.library, Scope::Full).unwrap().is_empty());
    // A headline changed in Galley does not change the slug, so still no slug for the TOML post.
    let id = desk.id_of("toml.md");
    let patch = ArticlePatch { headline: Some("Renamed".into()), ..ArticlePatch::default() };
    desk.library.edit(&id, patch).unwrap();
    mirror.pass(&desk.library, Scope::Paths(Vec::new())).unwrap();
    let toml = desk.read("toml.md");
    assert!(toml.contains("\ntitle = \"Renamed\"\n") && !toml.contains("\nslug"), "{toml}");
}

/// An export of an article whose file had no `slug` or `status` leaves them out; imported again
/// (as the words kept beside the store are after a failed save) it keeps the stored ones, not a
/// slug made from the headline and the status a file without one reads as.
#[test]
fn an_export_without_slug_or_status_imported_again_keeps_the_stored_ones() {
    let desk = Unlinked::with(&[("post.md", &hugo())]);
    let (_mirror, _) = desk.link();
    let id = desk.id_of("post.md");
    desk.library.set_status(&id, galley_core::model::Status::Ready).unwrap();
    let patch =
        ArticlePatch { headline: Some("Новый заголовок".into()), ..ArticlePatch::default() };
    let before = desk.library.edit(&id, patch).unwrap();
    let exported = desk.library.export_text(&before, ExportFormat::Md, None).unwrap().html;
    assert!(!exported.contains("\nslug"), "{exported}");
    let file = desk.dir.path().join("export.md");
    std::fs::write(&file, exported.replace("Hugo publishes", "Hugo still publishes")).unwrap();
    let outcome = desk.library.import_files(&[file]);
    assert!(outcome[0].result.is_ok(), "{outcome:?}");
    let after = desk.library.article(&id).unwrap();
    assert_eq!(after.fields.slug, before.fields.slug);
    assert_eq!(after.fields.status, galley_core::model::Status::Ready);
    assert!(after.fields.foreign.text.contains("Hugo still publishes"));
}

/// A file deleted (its article is spiked) and put back as it was before Galley gave it its id is
/// the same article, back from the spike: a file says nothing of a status it has no key for, but
/// being there says the article is not spiked.
#[test]
fn a_file_deleted_and_put_back_without_its_id_brings_its_article_back() {
    let files = [("post.md", SHORT_POST), ("note.md", PLAIN_NO_HEADING)];
    let desk = Unlinked::with(&files);
    let (mut mirror, _) = desk.link();
    let ids = files.map(|(name, _)| desk.id_of(name));
    for (name, _) in files {
        std::fs::remove_file(desk.folder().join(name)).unwrap();
    }
    let changes = mirror.pass(&desk.library, Scope::Full).unwrap();
    assert!(matches!(&changes[..], [Change::Spiked { .. }, Change::Spiked { .. }]), "{changes:?}");
    for (name, text) in files {
        std::fs::write(desk.folder().join(name), text).unwrap();
    }
    let changes = mirror.pass(&desk.library, Scope::Full).unwrap();
    assert!(matches!(&changes[..], [Change::Updated { .. }, Change::Updated { .. }]), "{changes:?}");
    for id in &ids {
        let article = desk.library.article(id).unwrap();
        assert_eq!(article.fields.status, galley_core::model::Status::Draft);
    }
    assert_eq!(desk.library.count().unwrap(), 2, "the same articles, not new ones");
    assert_eq!(desk.read("post.md"), with_id_line(SHORT_POST, &format!("id: {}\n", ids[0])));
    assert_eq!(desk.read("note.md"), format!("{}{PLAIN_NO_HEADING}", id_front_matter(&ids[1], "\n")));
    assert!(mirror.pass(&desk.library, Scope::Full).unwrap().is_empty());
}
