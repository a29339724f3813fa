//! Tests of the checklist. Typography is someone else's module: tests that could see its changes
//! accept either the check's own code or `typography` at the same place, except
//! `typography_changes_are_listed`, which needs it.

use galley_model::{ArticleFields, Related};

use super::prose::{self, plain_runs};
use super::{CheckOptions, Field, MAX_PROBLEMS, Place, Problem, check, links};
use crate::typography::Change;

const FIXTURE: &str = include_str!("../../../../fixtures/galushka-seko-meeting.txt");

/// An article with a clean headline and lead and the given body.
fn article(body: &str) -> ArticleFields {
    ArticleFields {
        headline: "Министры обсудили сотрудничество".to_owned(),
        lead: "Стороны договорились встретиться снова.".to_owned(),
        body: body.to_owned(),
        ..Default::default()
    }
}

fn check_body(body: &str) -> Vec<Problem> {
    check(&article(body), &CheckOptions::default())
}

/// (line, column, found, fix) of the problems with a code.
fn with_code<'p>(problems: &'p [Problem], code: &str) -> Vec<(u32, u32, &'p str, Option<&'p str>)> {
    problems
        .iter()
        .filter(|p| p.code == code)
        .map(|p| (p.line, p.column, p.found.as_str(), p.fix.as_deref()))
        .collect()
}

/// The codes of the problems at a place, line and column.
fn codes_at(problems: &[Problem], place: Place, line: u32, column: u32) -> Vec<&'static str> {
    problems
        .iter()
        .filter(|p| p.place == place && p.line == line && p.column == column)
        .map(|p| p.code)
        .collect()
}

/// Asserts that a check reported the text `width` characters wide at a position, once, or that
/// typography reported a change within it instead.
fn assert_reported(problems: &[Problem], place: Place, (line, column, width): (u32, u32, u32), code: &str) {
    let own = problems
        .iter()
        .filter(|p| p.place == place && (p.line, p.column) == (line, column) && p.code == code);
    let typography = problems.iter().any(|p| {
        p.place == place
            && p.line == line
            && p.code == "typography"
            && (column..column + width).contains(&p.column)
    });
    let own = own.count();
    assert!(
        own == 1 || (own == 0 && typography),
        "expected {code} (or typography) at {place:?} {line}:{column}, got {problems:#?}"
    );
}

fn without_typography(problems: &[Problem]) -> Vec<&Problem> {
    problems.iter().filter(|p| p.code != "typography").collect()
}

/// 1-based line and character column of the first occurrence of a needle.
fn position_of(text: &str, needle: &str) -> (u32, u32) {
    let at = text.find(needle).expect("needle is in the text");
    let line = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line as u32, text[line_start..at].chars().count() as u32 + 1)
}

// Needs the typography module; fails until it lands.
#[test]
fn typography_changes_are_listed() {
    let problems = check_body("\"Привет\"");
    assert!(
        problems
            .iter()
            .any(|p| p.code == "typography" && p.place == Place::Body && (p.line, p.column) == (1, 1)),
        "{problems:#?}"
    );
    assert!(with_code(&problems, "straight_quotes").is_empty(), "{problems:#?}");
}

#[test]
fn typography_changes_are_mapped_and_deduplicated() {
    let text = "Он сказал \"да\" - и ушёл";
    let field = Field::new(Place::Dek, text);
    let runs = plain_runs(text);
    let quote = text.find('"').unwrap();
    let hyphen = text.find('-').unwrap();
    let changes = [
        Change { range: quote..quote + 1, replacement: "«".to_owned(), rule: "quotes" },
        Change { range: hyphen - 1..hyphen + 1, replacement: "\u{a0}—".to_owned(), rule: "dash" },
    ];
    let mut problems = Vec::new();
    prose::check_run_with(&runs[0], &field, "ru", &changes, &mut problems);
    let summary: Vec<_> = problems.iter().map(|p| (p.code, p.line, p.column, p.found.as_str())).collect();
    assert_eq!(
        summary,
        [
            ("typography", 1, 11, "\""),
            ("typography", 1, 15, " -"),
            // The closing quote had no change: still reported. The dash had one: not again.
            ("straight_quotes", 1, 14, "\""),
        ]
    );
    assert_eq!(problems[0].fix.as_deref(), Some("«"));
    assert!(problems[1].message.contains("<no-break space>"), "{}", problems[1].message);
    assert!(problems.iter().all(|p| p.place == Place::Dek));
}

#[test]
fn typography_changes_in_code_are_dropped() {
    // A change touching text that is not prose (inline code) is not the journalist's to fix.
    let mut run = prose::Run::default();
    for (i, ch) in "a ".char_indices() {
        run.push(ch, Some(i));
    }
    run.push_verbatim("\"x\"");
    let field = Field::new(Place::Body, "a `\"x\"`");
    let changes = [Change { range: 2..3, replacement: "«".to_owned(), rule: "quotes" }];
    let mut problems = Vec::new();
    prose::check_run_with(&run, &field, "ru", &changes, &mut problems);
    assert_eq!(problems, []);
}

#[test]
fn straight_quotes() {
    let problems = check_body("Текст.\n\nОн сказал \"да\".");
    assert_reported(&problems, Place::Body, (3, 11, 1), "straight_quotes");
    assert_reported(&problems, Place::Body, (3, 14, 1), "straight_quotes");
    let straight = with_code(&problems, "straight_quotes");
    assert!(straight.iter().all(|&(_, _, found, fix)| found == "\"" && fix.is_none()), "{straight:?}");

    let english = ArticleFields { language: "en".to_owned(), ..article("He said \"yes\".") };
    let problems = check(&english, &CheckOptions::default());
    assert_reported(&problems, Place::Body, (1, 9, 1), "straight_quotes");

    // German quotes are not ours to judge.
    let german = ArticleFields { language: "de".to_owned(), ..article("Er sagte \"ja\".") };
    assert_eq!(with_code(&check(&german, &CheckOptions::default()), "straight_quotes"), []);
}

#[test]
fn unbalanced_quotes() {
    let body =
        "Он сказал: «Да.\n\nНет», ответил.\n\n«Раз „два“ три» и “four” и «a “b” c».\n\n«Открыта „вложенная»";
    let problems = check_body(body);
    assert_eq!(
        with_code(&problems, "unbalanced_quotes"),
        [(1, 12, "«", None), (3, 4, "»", None), (7, 10, "„", None)]
    );
    let headline = ArticleFields { headline: "Закрыта»".to_owned(), ..article("") };
    let problems = check(&headline, &CheckOptions::default());
    assert!(codes_at(&problems, Place::Headline, 1, 8).contains(&"unbalanced_quotes"), "{problems:#?}");
}

#[test]
fn hyphen_as_dash() {
    let problems = check_body("Россия - Япония.\n\nКто-то 2-3 раза, слово -слово.\n\n- пункт списка\n");
    assert_reported(&problems, Place::Body, (1, 7, 3), "hyphen_as_dash");
    let dashes = with_code(&problems, "hyphen_as_dash");
    assert!(dashes.iter().all(|&(line, ..)| line == 1), "{dashes:?}");
    if let [(_, _, found, fix)] = dashes[..] {
        assert_eq!((found, fix), (" - ", Some("\u{a0}— ")));
    }

    let english = ArticleFields { language: "en".to_owned(), ..article("Paris - France.") };
    let problems = check(&english, &CheckOptions::default());
    assert_reported(&problems, Place::Body, (1, 6, 3), "hyphen_as_dash");
    if let [(_, _, found, fix)] = with_code(&problems, "hyphen_as_dash")[..] {
        assert_eq!((found, fix), (" - ", Some(" — ")));
    }
}

#[test]
fn double_space() {
    let body = "Первая строка\nвторая строка\nТут текст  и всё.\n\n> Он  сказал.\n\n- пункт  два\n\n\
                \\*звезда\\*  тут &laquo;да&raquo;  нет\n\n| ячейка  раз |\n|---|\n\n## Заголовок  тут\n\n\
                Отбивка   \nстроки и    отступ.\n";
    let problems = check_body(body);
    let expected = [(3, 10), (5, 5), (7, 8), (9, 11), (9, 33), (11, 9), (14, 13), (17, 9)];
    for (line, column) in expected {
        assert_reported(&problems, Place::Body, (line, column, 2), "double_space");
    }
    let doubles = with_code(&problems, "double_space");
    assert!(doubles.iter().all(|&(line, column, ..)| expected.contains(&(line, column))), "{doubles:?}");
    assert!(doubles.iter().all(|&(_, _, found, fix)| found.trim().is_empty() && fix == Some(" ")));

    // Indentation and line ends of plain text are not double spaces.
    let fields = ArticleFields { dek: "  Отступ  тут  \nдалее".to_owned(), ..article("") };
    let problems = check(&fields, &CheckOptions::default());
    assert_reported(&problems, Place::Dek, (1, 9, 2), "double_space");
    let doubles = with_code(&problems, "double_space");
    assert!(doubles.iter().all(|&(line, column, ..)| (line, column) == (1, 9)), "{doubles:?}");
}

#[test]
fn repeated_word() {
    let body = "Он пошёл в в магазин.\n\nThe the end, 2016 2016 год, had had.\n\nСлово **слово**, сказал\nсказал, \
                еще ЕЩЕ ещё, кто-то кто-то.\n\nТак-так-так так и `код код` код.";
    let problems = check_body(body);
    assert_eq!(
        with_code(&problems, "repeated_word"),
        [
            (1, 10, "в в", Some("в")),
            (3, 1, "The the", Some("The")),
            (5, 1, "Слово слово", None),
            (5, 18, "сказал\nсказал", Some("сказал")),
            (6, 9, "еще ЕЩЕ", Some("еще")),
            (6, 22, "кто-то кто-то", Some("кто-то")),
        ]
    );
}

#[test]
fn headline_too_long() {
    let long = ArticleFields { headline: "Ж".repeat(115), ..article("") };
    let problems = check(&long, &CheckOptions::default());
    let problem = problems.iter().find(|p| p.code == "headline_too_long").expect("reported");
    assert_eq!((problem.place, problem.line, problem.column), (Place::Headline, 1, 111));
    assert_eq!(problem.found, "ЖЖЖЖЖ");
    assert!(problem.message.contains("115") && problem.message.contains("110"), "{}", problem.message);

    let exact = ArticleFields { headline: "Ж".repeat(110), ..article("") };
    assert_eq!(with_code(&check(&exact, &CheckOptions::default()), "headline_too_long"), []);
    let tight = check(&exact, &CheckOptions { headline_limit: 100 });
    assert_eq!(with_code(&tight, "headline_too_long")[0].1, 101);
}

#[test]
fn empty_headline_and_missing_lead() {
    let problems = check(&ArticleFields::default(), &CheckOptions::default());
    let summary: Vec<_> = problems.iter().map(|p| (p.place, p.line, p.column, p.code)).collect();
    assert_eq!(summary, [(Place::Headline, 1, 1, "empty_headline"), (Place::Lead, 1, 1, "missing_lead")]);

    let blank = ArticleFields { headline: " \n".to_owned(), lead: "  \n\t".to_owned(), ..article("") };
    let problems = check(&blank, &CheckOptions::default());
    assert_eq!(with_code(&problems, "empty_headline").len(), 1);
    assert_eq!(with_code(&problems, "missing_lead").len(), 1);
    assert_eq!(with_code(&check_body(""), "missing_lead"), []);
}

#[test]
fn missing_alt_text() {
    let body = "Текст.\n\n![](x.png) и ![Карта](map.png) и ![ ](y.png)\n\n<img src=\"a.png\">\n\n\
                Вот <img alt=\"\" src=b.png> тут.\n\n<img alt=\"Фото\" src=c.png>\n\n> <div><IMG SRC=d.png></div>\n";
    let problems = check_body(body);
    assert_eq!(
        with_code(&problems, "missing_alt_text"),
        [
            (3, 1, "![](x.png)", None),
            (3, 34, "![ ](y.png)", None),
            (5, 1, "<img src=\"a.png\">", None),
            (7, 5, "<img alt=\"\" src=b.png>", None),
            (11, 8, "<IMG SRC=d.png>", None),
        ]
    );
}

/// Found by the `render` fuzz target once it read the checklist too: raw HTML with many tags on a
/// line had each tag placed by counting from the start of the HTML, and its line found in the
/// source again (the 15,000 nested `<div>`s of a 165 KB seed took 6 minutes). Each line is now
/// placed once and the newlines counted once, and only tags with a problem are placed.
#[test]
fn many_tags_on_one_line_of_raw_html_are_placed_in_one_pass() {
    let line = format!("<div>{}</div>", "<img src=x.png><div>".repeat(20_000));
    let body = format!("Текст.\n\n> {line}\n> {line}\n");
    let problems = check_body(&body);
    let missing = with_code(&problems, "missing_alt_text");
    assert_eq!(missing[..2], [(3, 8, "<img src=x.png>", None), (3, 28, "<img src=x.png>", None)]);
    assert_eq!(problems.last().map(|p| p.code), Some("too_many"));
    let many = check(
        &article(&format!("<p>{}</p>\n", "<img src=x.png alt=y>".repeat(50_000))),
        &CheckOptions::default(),
    );
    assert_eq!(many.len(), 0, "{:?}", &many[..many.len().min(3)]);
}

#[test]
fn unsafe_link() {
    let body = "[a](javascript:alert(1))\n\n[b](JaVaScRiPt:alert(1))\n\n[c](java&#x09;script:alert(1))\n\n\
                [d](data:text/html,x) ![e](file:///etc/passwd) [f](vbscript:x) [g](myapp://x)\n\n\
                [ok](https://example.ru) [ok](mailto:a@b.ru) [ok](/path) [ok](../x.html) [ok](#anchor) \
                <https://x.ru> www.example.com [ok](//cdn.example.ru/x) [ok](HTTPS://EXAMPLE.RU)\n\n\
                Ссылка <a href=\"jav&#x61;script&colon;x\">тут</a>.\n\n[ref]\n\n[ref]: javascript:x\n";
    let mut fields = article(body);
    fields.related = vec![
        Related { title: "Хорошая".to_owned(), url: "https://example.ru/a".to_owned() },
        Related { title: "Плохая".to_owned(), url: " javascript:x".to_owned() },
    ];
    let problems = check(&fields, &CheckOptions::default());
    let found: Vec<_> = problems
        .iter()
        .filter(|p| p.code == "unsafe_link")
        .map(|p| (p.place, p.line, p.column, p.found.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (Place::Body, 1, 1, "javascript:alert(1)"),
            (Place::Body, 3, 1, "JaVaScRiPt:alert(1)"),
            (Place::Body, 5, 1, "java\tscript:alert(1)"),
            (Place::Body, 7, 1, "data:text/html,x"),
            (Place::Body, 7, 23, "file:///etc/passwd"),
            (Place::Body, 7, 48, "vbscript:x"),
            (Place::Body, 7, 64, "myapp://x"),
            (Place::Body, 11, 8, "javascript:x"),
            (Place::Body, 13, 1, "javascript:x"),
            (Place::Related, 2, 1, " javascript:x"),
        ]
    );
    let first = problems.iter().find(|p| p.code == "unsafe_link").unwrap();
    assert!(first.message.contains("`javascript:`"), "{}", first.message);
}

#[test]
fn url_schemes() {
    for safe in [
        "https://a.ru",
        "HTTP://a.ru",
        "mailto:a@b.ru",
        "/a:b",
        "a/b:c",
        "?q=a:b",
        "#x:y",
        "",
        "//a.ru",
        "mailto:a@b.ru?subject=Привет&body=x%20y&CC=c@d.ru",
        "mailto:?to=a@b.ru&",
    ] {
        assert_eq!(links::unsafe_scheme(safe), None, "{safe}");
    }
    for (url, scheme) in [
        ("javascript:x", "javascript"),
        ("  JavaScript:x", "javascript"),
        ("java\tscr\nipt:x", "javascript"),
        ("\u{1}javascript:x", "javascript"),
        ("data:,x", "data"),
        ("tel:123", "tel"),
        ("C:\\Windows", "c"),
        ("mailto:?attach=/etc/passwd", "mailto"),
        ("mailto:a@b.ru?subject=x&Attachment=~/.ssh/id_rsa", "mailto"),
        ("MAILTO:a@b.ru?%61ttach=file:///etc/passwd", "mailto"),
    ] {
        assert_eq!(links::unsafe_scheme(url).as_deref(), Some(scheme), "{url:?}");
    }
}

#[test]
fn empty_link_text() {
    let body = "Тут [](https://example.ru) и [ ](https://example.ru/a) и [`код`](https://x.ru) \
                и [![Карта](m.png)](https://x.ru) и [**слово**](https://x.ru).";
    let problems = check_body(body);
    assert_eq!(
        with_code(&problems, "empty_link_text"),
        [(1, 5, "[](https://example.ru)", None), (1, 30, "[ ](https://example.ru/a)", None)]
    );
}

#[test]
fn clean_article_has_no_problems() {
    let fields = ArticleFields {
        headline: "Галушка обсудил японские инвестиции".to_owned(),
        dek: "Министры договорились встретиться снова".to_owned(),
        lead: "«Переговоры прошли успешно»,\u{a0}— сообщил министр Александр Галушка.".to_owned(),
        body: "## Итоги встречи\n\nСтороны согласовали **подробный** план.\n\n- первый пункт\n- второй пункт\n\n\
               > «Переговоры прошли успешно»,\u{a0}— сообщил министр.\n\nПодробности [здесь](https://example.ru/plan).\n\n\
               ![Карта региона](map.png)\n"
            .to_owned(),
        related: vec![Related { title: "Ранее".to_owned(), url: "/news/earlier".to_owned() }],
        ..Default::default()
    };
    let problems = check(&fields, &CheckOptions::default());
    assert_eq!(without_typography(&problems), Vec::<&Problem>::new());
}

#[test]
fn code_is_not_checked() {
    let body = [
        "Пример кода:",
        "",
        "```",
        "Он  сказал \"x\" - the the «",
        "[a](javascript:x)",
        "```",
        "",
        "    indented  \"code\" - the the »",
        "",
        "Текст `код  \"x\" - the the «` конец.",
        "",
        "Адрес <https://example.ru/?q=\"x\">.",
        "",
        "<div>",
        "\"html\"  - the the «",
        "</div>",
    ]
    .join("\n");
    let problems = check_body(&body);
    assert_eq!(without_typography(&problems), Vec::<&Problem>::new());
    // Code blocks, the inline code span and the autolink.
    let not_prose = [(4, 1..=99), (5, 1..=99), (8, 1..=99), (10, 7..=28), (12, 7..=32), (15, 1..=99)];
    for problem in &problems {
        let in_code = not_prose
            .iter()
            .any(|(line, columns)| problem.line == *line && columns.contains(&problem.column));
        assert!(!in_code, "{problem:#?}");
    }
}

#[test]
fn fixture_reports_hyphens_as_dashes() {
    let problems = check_body(FIXTURE);
    assert_eq!(with_code(&problems, "repeated_word"), []);
    for needle in [" - уточнил", " - Япония", " - Республика", " - Китай", " - председателем"]
    {
        let (line, column) = position_of(FIXTURE, needle);
        let reported = problems.iter().any(|p| {
            p.place == Place::Body
                && p.line == line
                && match p.code {
                    "hyphen_as_dash" => p.column == column && p.found == " - ",
                    "typography" => (column..=column + 2).contains(&p.column),
                    _ => false,
                }
        });
        assert!(reported, "`{needle}` at {line}:{column} is not reported: {problems:#?}");
    }
    // Spelling is not the checklist's business.
    assert!(problems.iter().all(|p| !p.found.contains("Четвертное")));
}

#[test]
fn problems_are_ordered_and_capped() {
    let fields = ArticleFields {
        headline: "Закрыта»".to_owned(),
        dek: "«Открыта".to_owned(),
        lead: String::new(),
        body: "в в [x](javascript:x)".to_owned(),
        related: vec![Related { title: "x".to_owned(), url: "javascript:x".to_owned() }],
        ..Default::default()
    };
    let problems = check(&fields, &CheckOptions::default());
    let places: Vec<_> =
        without_typography(&problems).iter().map(|p| (p.place, p.line, p.column, p.code)).collect();
    assert_eq!(
        places,
        [
            (Place::Headline, 1, 8, "unbalanced_quotes"),
            (Place::Dek, 1, 1, "unbalanced_quotes"),
            (Place::Lead, 1, 1, "missing_lead"),
            (Place::Body, 1, 1, "repeated_word"),
            (Place::Body, 1, 5, "unsafe_link"),
            (Place::Related, 1, 1, "unsafe_link"),
        ]
    );

    let many = vec!["в в"; 600].join("\n\n");
    let problems = check_body(&many);
    assert_eq!(problems.len(), MAX_PROBLEMS + 1);
    let last = problems.last().unwrap();
    assert_eq!(last.code, "too_many");
    let more: usize = last.message.split(' ').next().unwrap().parse().unwrap();
    assert!(more >= 100, "{}", last.message);
    assert!(
        problems
            .windows(2)
            .all(|w| (w[0].place.rank(), w[0].line, w[0].column)
                <= (w[1].place.rank(), w[1].line, w[1].column))
    );
}

#[test]
fn problems_serialize_for_scripts() {
    let problems = check_body("Он сказал сказал.");
    let problem = problems.iter().find(|p| p.code == "repeated_word").unwrap();
    assert_eq!(
        serde_json::to_value(problem).unwrap(),
        serde_json::json!({
            "place": "body", "line": 1, "column": 4, "code": "repeated_word",
            "message": "The word “сказал” is repeated: keep one.", "found": "сказал сказал", "fix": "сказал",
            "rule": null,
        })
    );
    // Typography problems name their rule, for front ends that say it in their own words.
    let problems = check_body("Он сказал: \"Да\".");
    let rules: Vec<_> = problems.iter().filter(|p| p.code == "typography").map(|p| p.rule).collect();
    assert!(rules.contains(&Some("quotes")), "{rules:?}");
}

#[test]
fn odd_input_never_panics() {
    let pieces = [
        "в",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "\"",
        "«",
        "»",
        "„",
        "“",
        "”",
        "-",
        " - ",
        "\\",
        "\\*",
        "&quot;",
        "&#x22;",
        "&amp;",
        "&",
        ";",
        "`",
        "```",
        "*",
        "**",
        "_",
        "[",
        "]",
        "(",
        ")",
        "![",
        "<",
        ">",
        "<img",
        " alt=",
        "src=\"javascript:x\"",
        "#",
        "> ",
        "- ",
        "1. ",
        "|",
        "|---|",
        "www.x.ru",
        "http://a.b",
        "a@b.ru",
        "[^1]",
        "[^1]: x",
        "\u{a0}",
        "😀",
        "ё",
        "the",
        "The",
        "\0",
        "    ",
        "=",
        "---",
        "\u{FFFC}",
        "&#0;",
        "&#xFFFFFFFF;",
    ];
    let mut seed: u64 = 0x9E3779B97F4A7C15;
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..(seed % 40) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        let fields = ArticleFields {
            headline: text.clone(),
            dek: text.clone(),
            lead: text.clone(),
            body: text.clone(),
            related: vec![Related { title: text.clone(), url: text.clone() }],
            ..Default::default()
        };
        for problem in check(&fields, &CheckOptions::default()) {
            assert!(problem.line >= 1 && problem.column >= 1);
        }
    }
}

#[test]
fn long_lines_are_checked_whole() {
    let body = "в в. ".repeat(50_000) + &"  x".repeat(50_000);
    let problems = check_body(&body);
    assert_eq!(problems.len(), MAX_PROBLEMS + 1);
}
