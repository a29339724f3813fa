//! Tests of typography: the data-driven cases in `test_data/typography/cases.txt`, runs through
//! [`Typographer`], [`changes`] against [`typeset`], and the sample article.

use super::{Change, RULES, Typographer, apply, changes, typeset};

const CASES: &str = include_str!("../../test_data/typography/cases.txt");

/// The no-break space and line break as the cases file writes them.
fn visible(text: &str) -> String {
    text.replace('\u{a0}', "⍽").replace('\n', "↵")
}

fn invisible(text: &str) -> String {
    text.replace('⍽', "\u{a0}").replace('↵', "\n")
}

#[derive(Debug)]
struct Case {
    line: usize,
    lang: String,
    input: String,
    expected: String,
    rules: Option<Vec<String>>,
}

/// Parses the cases file (its format is described at its top).
fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut lang = None::<String>;
    let mut input = None::<(usize, String)>;
    for (n, line) in CASES.lines().enumerate().map(|(n, line)| (n + 1, line)) {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(code) = line.strip_prefix("lang:") {
            assert!(input.is_none(), "line {n}: `lang:` after an input without `=>`");
            lang = Some(code.trim().to_owned());
        } else if let Some(expected) = line.strip_prefix("=>") {
            let (line, input) = input.take().unwrap_or_else(|| panic!("line {n}: `=>` without an input"));
            let expected = expected.strip_prefix(' ').unwrap_or(expected);
            let expected = if expected == "=" { input.clone() } else { invisible(expected) };
            let lang = lang.clone().unwrap_or_else(|| panic!("line {n}: no `lang:` yet"));
            cases.push(Case { line, lang, input, expected, rules: None });
        } else if let Some(rules) = line.strip_prefix("rules:") {
            assert!(input.is_none(), "line {n}: `rules:` must follow `=>`");
            let case = cases.last_mut().unwrap_or_else(|| panic!("line {n}: `rules:` before any case"));
            case.rules = Some(rules.split_whitespace().map(str::to_owned).collect());
        } else {
            assert!(input.is_none(), "line {n}: an input follows an input without `=>`");
            input = Some((n, invisible(line)));
        }
    }
    assert!(input.is_none(), "the last input has no `=>`");
    cases
}

/// The problems with `changes` for a text: ranges out of order, overlapping, off char boundaries,
/// empty (changing nothing), with unknown rules, or not reproducing `typeset`.
fn change_problems(text: &str, lang: &str) -> Vec<String> {
    let listed = changes(text, lang);
    let mut problems = Vec::new();
    let mut end = 0;
    for change in &listed {
        let Change { range, replacement, rule } = change;
        if range.start < end || range.end < range.start {
            problems.push(format!("{range:?} is out of order or overlaps"));
        } else if !text.is_char_boundary(range.start) || !text.is_char_boundary(range.end) {
            problems.push(format!("{range:?} is not on char boundaries"));
        } else if text[range.clone()] == **replacement {
            problems.push(format!("{range:?} changes nothing"));
        }
        if !RULES.contains(rule) {
            problems.push(format!("unknown rule {rule}"));
        }
        end = range.end.max(end);
    }
    if problems.is_empty() && apply(text, &listed) != typeset(text, lang) {
        problems.push("applying the changes does not give typeset()".to_owned());
    }
    problems
}

#[test]
fn cases_from_the_data_file() {
    let cases = cases();
    assert!(cases.len() >= 100, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let Case { line, lang, input, expected, rules } = case;
        let mut fail =
            |what: String| failures.push(format!("line {line} ({lang}) {}: {what}", visible(input)));
        let output = typeset(input, lang);
        if output != *expected {
            fail(format!("got {}, expected {}", visible(&output), visible(expected)));
        }
        for text in [&output, expected] {
            let again = typeset(text, lang);
            if again != *text {
                fail(format!("not idempotent: {} → {}", visible(text), visible(&again)));
            }
        }
        for problem in change_problems(input, lang) {
            fail(format!("changes: {problem}"));
        }
        if let Some(rules) = rules {
            let got: Vec<_> = changes(input, lang).iter().map(|change| change.rule).collect();
            if got != *rules {
                fail(format!("rules {got:?}, expected {rules:?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_is_covered_by_the_cases() {
    let cases = cases();
    for rule in RULES {
        for lang in ["ru", "en"] {
            let covered = cases
                .iter()
                .filter(|case| case.lang == lang)
                .any(|case| changes(&case.input, lang).iter().any(|change| change.rule == rule));
            // English adds no no-break spaces.
            assert!(covered || (lang, rule) == ("en", "nbsp"), "no {lang} case exercises {rule}");
        }
    }
}

/// Feeds runs to a typographer as the renderer does: text runs as strings, verbatim parts as
/// `Skip`, and returns the output of each run.
enum Run<'a> {
    Text(&'a str),
    Skip(&'a str),
    EndBlock,
}

fn feed(lang: &str, runs: &[Run<'_>]) -> Vec<String> {
    let mut typographer = Typographer::new(lang);
    let mut out = Vec::new();
    for run in runs {
        match run {
            Run::Text(text) => out.push(typographer.text(text)),
            Run::Skip(verbatim) => typographer.skip(verbatim),
            Run::EndBlock => typographer.end_block(),
        }
    }
    out
}

#[test]
fn quotes_pair_across_runs() {
    // «**жирная** цитата»: the quotes sit in their own runs around the bold text.
    let out = feed("ru", &[Run::Text("\""), Run::Text("жирная"), Run::Text(" цитата\""), Run::EndBlock]);
    assert_eq!(out, ["«", "жирная", " цитата»"]);
    // Nested across runs: «Он сказал „*привет*“».
    let out = feed("ru", &[Run::Text("\"Он сказал \""), Run::Text("привет"), Run::Text("\"\"")]);
    assert_eq!(out, ["«Он\u{a0}сказал „", "привет", "“»"]);
    let out = feed("en", &[Run::Text("\"He said \""), Run::Text("hi"), Run::Text("\"\"")]);
    assert_eq!(out, ["“He said ‘", "hi", "’”"]);
}

#[test]
fn skipped_code_between_quotes_is_left_alone_and_closes_them() {
    let out = feed(
        "ru",
        &[Run::Text("Команда \""), Run::Skip("git \"push\" -- --force..."), Run::Text("\" - опасна")],
    );
    assert_eq!(out, ["Команда «", "»\u{a0}— опасна"]);
    // A quote right after code reads the code as a word: it closes.
    let out = feed("en", &[Run::Text("Run \""), Run::Skip("ls"), Run::Text("\" now")]);
    assert_eq!(out, ["Run “", "” now"]);
}

#[test]
fn end_block_resets_quotes_and_line_starts() {
    let out = feed(
        "ru",
        &[
            Run::Text("\"Начало без конца"),
            Run::EndBlock,
            Run::Text("конец\" - и"),
            Run::EndBlock,
            Run::Text("- Да"),
        ],
    );
    // The second block has nothing open: its quote stays; the third starts a line.
    assert_eq!(out, ["«Начало без конца", "конец\"\u{a0}— и", "—\u{a0}Да"]);
}

#[test]
fn spaces_bind_across_runs() {
    // `в **Токио**`: the space ends the first run; `**в** Токио`: it starts the second.
    assert_eq!(feed("ru", &[Run::Text("в "), Run::Text("Токио")]), ["в\u{a0}", "Токио"]);
    assert_eq!(feed("ru", &[Run::Text("в"), Run::Text(" Токио")]), ["в", "\u{a0}Токио"]);
    // `в `code``: a short word binds to skipped code too.
    assert_eq!(feed("ru", &[Run::Text("в "), Run::Skip("main.rs")]), ["в\u{a0}"]);
    // `*слово* - слово`: the dash with the space before it in its run.
    assert_eq!(feed("ru", &[Run::Text("слово"), Run::Text(" - слово")]), ["слово", "\u{a0}— слово"]);
    // `5 *км*`, `*№* 5`.
    assert_eq!(feed("ru", &[Run::Text("5"), Run::Text(" км")]), ["5", "\u{a0}км"]);
    assert_eq!(feed("ru", &[Run::Text("№"), Run::Text("5")]), ["№", "\u{a0}5"]);
}

#[test]
fn a_line_break_between_runs_starts_a_line() {
    let out = feed("ru", &[Run::Text("Он спросил:"), Run::Skip("\n"), Run::Text("- Ты где?")]);
    assert_eq!(out, ["Он\u{a0}спросил:", "—\u{a0}Ты\u{a0}где?"]);
}

#[test]
fn ellipsis_spans_are_judged_per_run() {
    // Dots split across runs are not joined (the renderer never splits them).
    assert_eq!(feed("de", &[Run::Text(".."), Run::Text(".")]), ["..", "."]);
    assert_eq!(feed("de", &[Run::Text("Und..."), Run::Text("...")]), ["Und…", "…"]);
}

#[test]
fn a_whole_paragraph_as_one_run_matches_typeset() {
    for (lang, text) in [
        ("ru", SAMPLE_PARAGRAPH),
        ("ru", "\"Он сказал \"привет\"\" - и ушёл... в 5 км от №5, т. е. А. С. Пушкин"),
        ("en", "\"She said 'don't'\" - 3x4, -5 and 1990-1995..."),
    ] {
        let mut typographer = Typographer::new(lang);
        assert_eq!(typographer.text(text), typeset(text, lang), "{lang}: {text}");
    }
}

#[test]
fn changes_point_at_the_original_bytes() {
    let text = "Он сказал \"привет\" - и ушёл...\n\n№5, 1990-1995, -5 °C, 3x4";
    let listed = changes(text, "ru");
    let summary: Vec<_> =
        listed.iter().map(|c| (&text[c.range.clone()], visible(&c.replacement), c.rule)).collect();
    assert_eq!(
        summary,
        [
            (" ", "⍽".to_owned(), "nbsp"),
            ("\"", "«".to_owned(), "quotes"),
            ("\"", "»".to_owned(), "quotes"),
            (" -", "⍽—".to_owned(), "dash"),
            (" ", "⍽".to_owned(), "nbsp"),
            ("...", "…".to_owned(), "ellipsis"),
            ("", "⍽".to_owned(), "nbsp"),
            ("-", "–".to_owned(), "range"),
            ("-", "−".to_owned(), "minus"),
            (" ", "⍽".to_owned(), "nbsp"),
            ("x", "×".to_owned(), "times"),
        ]
    );
    // The insertion after № sits right before the digit.
    let numero = text.find('№').unwrap() + '№'.len_utf8();
    assert_eq!(listed[6].range, numero..numero);
    assert_eq!(apply(text, &listed), typeset(text, "ru"));
    assert!(changes("В\u{a0}Токио «всё» хорошо.", "ru").is_empty());
    assert!(changes("", "ru").is_empty());
    assert_eq!(typeset("", "ru"), "");
}

#[test]
fn blank_lines_and_their_spaces_are_kept() {
    let text = "\n  \n\"а\"  \r\n\t\n- б\n";
    assert_eq!(typeset(text, "ru"), "\n  \n«а»  \r\n\t\n—\u{a0}б\n");
}

#[test]
fn language_codes() {
    for code in ["ru", "RU", "ru-RU", "ru_RU", "uk", "be"] {
        assert_eq!(typeset("\"а\"", code), "«а»", "{code}");
    }
    for code in ["en", "en-GB", "EN-us"] {
        assert_eq!(typeset("\"a\"", code), "“a”", "{code}");
    }
    for code in ["de", "fr", "", "rus-x"] {
        assert_eq!(typeset("\"a\" - b...", code), "\"a\" - b…", "{code}");
    }
}

#[test]
fn deep_nesting_does_not_break() {
    let text = format!("{}{}", ["\"abc"; 40].join(" "), "\"".repeat(40));
    let out = typeset(&text, "ru");
    assert_eq!(typeset(&out, "ru"), out);
    assert!(out.starts_with("«abc „abc «abc"), "{out}");
    assert!(change_problems(&text, "ru").is_empty());
}

const SAMPLE_PARAGRAPH: &str = "«Это все те проекты, которые либо уже реализуются, например, инвестиции японских \
компаний в ТОРы и Свободные порты Дальнего Востока, и у них есть потенциал перехода к следующим этапам \
реализации, либо те проекты, которые находятся в высокой степени проработанности, и мы очень близки к их \
запуску, например, финансирование японской стороной модернизации хабаровского аэропорта», - уточнил глава \
Минвостокразвития.";

#[test]
fn the_sample_article_reads_as_an_editor_would_write_it() {
    let fixture = include_str!("../../../../fixtures/galushka-seko-meeting.txt");
    let expected = [
        (
            SAMPLE_PARAGRAPH,
            "«Это все те⍽проекты, которые либо уже реализуются, например, инвестиции японских компаний \
             в⍽ТОРы и⍽Свободные порты Дальнего Востока, и⍽у⍽них есть потенциал перехода к⍽следующим этапам \
             реализации, либо те⍽проекты, которые находятся в⍽высокой степени проработанности, и⍽мы⍽очень \
             близки к⍽их⍽запуску, например, финансирование японской стороной модернизации хабаровского \
             аэропорта»,⍽— уточнил глава Минвостокразвития.",
        ),
        (
            "Первая группа – проекты высокой степени проработанности.",
            "Первая группа⍽— проекты высокой степени проработанности.",
        ),
        (
            "Переговоры стали развитием и закреплением позитивных договорённостей, достигнутых в рамках \
             Восточного экономического форума, который прошёл по Владивостоке 2-3 сентября этого года.",
            "Переговоры стали развитием и⍽закреплением позитивных договорённостей, достигнутых в⍽рамках \
             Восточного экономического форума, который прошёл по⍽Владивостоке 2–3⍽сентября этого года.",
        ),
        (
            "Документ содержит 18 позиций, объединенных в 5 групп.",
            "Документ содержит 18 позиций, объединенных в⍽5 групп.",
        ),
        (
            "Особого внимания, по мнению главы Минвостокразвития, заслуживает проект по строительству \
             энергомоста Сахалин – Хоккайдо, как первого этапа создания большого энергокольца Россия - Япония - \
             Республика Корея - Китай.",
            "Особого внимания, по⍽мнению главы Минвостокразвития, заслуживает проект по⍽строительству \
             энергомоста Сахалин⍽— Хоккайдо, как первого этапа создания большого энергокольца Россия⍽— \
             Япония⍽— Республика Корея⍽— Китай.",
        ),
        (
            "На ВЭФ-2016 было подписано соглашение между Агентством Дальнего Востока",
            "На⍽ВЭФ-2016 было подписано соглашение между Агентством Дальнего Востока",
        ),
        (
            "В тот же день прошли встречи главы Минвостокразвития с представителями японского бизнеса - \
             председателем совета директоров и уполномоченным директором «Джей Джи Си Корпорейшн» (JGC \
             Corporation)",
            "В⍽тот⍽же⍽день прошли встречи главы Минвостокразвития с⍽представителями японского бизнеса⍽— \
             председателем совета директоров и⍽уполномоченным директором «Джей Джи Си⍽Корпорейшн» (JGC \
             Corporation)",
        ),
    ];
    for (input, expected) in expected {
        assert!(fixture.contains(input), "not in the fixture: {input}");
        let output = typeset(input, "ru");
        assert_eq!(visible(&output), expected);
        assert_eq!(typeset(&output, "ru"), output);
    }
    // The whole article: idempotent, its changes reproduce typeset, and nothing inside words moved.
    let output = typeset(fixture, "ru");
    assert_eq!(typeset(&output, "ru"), output);
    assert!(change_problems(fixture, "ru").is_empty());
    assert!(output.contains("российско-японского"));
    assert!(output.contains("космодрома «Восточный»"));
}

/// The smallest text left by dropping characters of `text` one at a time while `fails` holds.
fn minimize(text: &str, fails: impl Fn(&str) -> bool) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        let mut shorter = chars.clone();
        shorter.remove(k);
        if fails(&shorter.iter().collect::<String>()) {
            chars = shorter;
        } else {
            k += 1;
        }
    }
    chars.into_iter().collect()
}

#[test]
fn random_text_is_idempotent_and_never_panics() {
    // Short strings of the characters the rules look at, from a fixed-seed generator.
    let alphabet: Vec<char> = "\"«»„“”‘’'-–— .аиТвОН5х3x№(),!\n⍽abw:/@%кмтежлбС0§…?".chars().collect();
    let mut seed: u64 = 0x1234_5678;
    let mut next = || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    let mut failures = Vec::new();
    for lang in ["ru", "en", "de"] {
        for _ in 0..4000 {
            let len = 1 + next() % 48;
            let text = invisible(&(0..len).map(|_| alphabet[next() % alphabet.len()]).collect::<String>());
            let not_idempotent = |text: &str| {
                let once = typeset(text, lang);
                typeset(&once, lang) != once
            };
            if not_idempotent(&text) {
                let text = minimize(&text, not_idempotent);
                let once = typeset(&text, lang);
                let twice = typeset(&once, lang);
                failures.push(format!(
                    "{lang}: {} → {} → {}",
                    visible(&text),
                    visible(&once),
                    visible(&twice)
                ));
            }
            if !change_problems(&text, lang).is_empty() {
                failures.push(format!("{lang}: {}: {:?}", visible(&text), change_problems(&text, lang)));
            }
            // Runs may end anywhere.
            let mut typographer = Typographer::new(lang);
            for (i, _) in text.char_indices() {
                typographer.text(&text[..i]);
                typographer.skip(&text[i..]);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
