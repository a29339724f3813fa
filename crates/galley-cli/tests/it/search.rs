//! Search from the terminal: the sample is found in any word form, and no query breaks it.

use crate::Galley;

fn ids(g: &Galley, query: &str) -> Vec<String> {
    let run = g.run(&["search", query, "--json"]).ok();
    run.json().as_array().unwrap().iter().map(|hit| hit["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn the_sample_is_found_by_any_form_of_its_words() {
    let g = Galley::new();
    let sample = g.sample_id();
    g.run(&["new", "--headline", "Энергомост Сахалин – Хоккайдо"]).ok();
    for query in [
        "сотрудничество",
        "Галушка",
        "\"Восточного экономического форума\"",
        "\"японских инвесторов\"",
        "японский инвестор",
        "сотруд*",
        "ХАБАРОВСКОГО аэропорта",
        "tag:Регионы",
        "tag:япония сэко",
    ] {
        assert_eq!(ids(&g, query), std::slice::from_ref(&sample), "`{query}` finds the sample");
    }
    assert!(!ids(&g, "сахалин -хоккайдо").contains(&sample), "the sample mentions both");
    assert!(ids(&g, "сахалин").contains(&sample));
    assert!(ids(&g, "\"японских форума\"").is_empty(), "a phrase needs its words together");
}

#[test]
fn an_exclusion_typed_without_quotes_is_part_of_the_query() {
    let g = Galley::new();
    g.sample_id();
    let excluded = g.run(&["search", "сахалин", "-хоккайдо", "--json"]).ok().json();
    assert_eq!(excluded, serde_json::json!([]), "the sample mentions Hokkaido");
    let found = g.run(&["search", "сахалин", "--limit", "5", "--json"]).ok().json();
    assert_eq!(found.as_array().unwrap().len(), 1);
}

#[test]
fn results_show_a_highlighted_snippet() {
    let g = Galley::new();
    let hits = g.run(&["search", "инвесторов", "--json"]).ok().json();
    let snippet = &hits[0]["snippet"];
    let text = snippet["text"].as_str().unwrap();
    let range = &snippet["highlights"][0];
    let (start, end) = (range["start"].as_u64().unwrap() as usize, range["end"].as_u64().unwrap() as usize);
    assert_eq!(&text[start..end], "инвесторов");
    let human = g.run(&["search", "инвесторов"]).ok().stdout;
    assert!(human.contains("[инвесторов]"), "{human}");
}

#[test]
fn a_headline_hit_outranks_a_body_hit() {
    let g = Galley::new();
    let in_headline =
        g.run(&["new", "--headline", "Аэропорт Хабаровска модернизируют"]).ok().stdout.trim().to_owned();
    let hits = ids(&g, "аэропорт");
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0], in_headline);
    let all = g.run(&["search", "аэропорт", "--json"]).ok().json();
    assert_eq!(all[0]["matched_in"], "headline");
    assert_eq!(all[1]["matched_in"], "body");
}

#[test]
fn no_typed_query_breaks_search() {
    let g = Galley::new();
    let long = "сотрудничество ".repeat(700);
    for query in [
        "\"",
        "AND (",
        "*",
        "-",
        "NEAR(",
        ")",
        "((((",
        "a OR",
        "OR b",
        "OR",
        "- -",
        "\"\"\"",
        "🙂",
        "🙂*",
        "tag:",
        "tag:\"\"",
        "status:",
        "after:",
        "before:2020-13-45",
        "status:done",
        "lang:русский",
        "-хоккайдо",
        "NOT",
        "^",
        "col:x",
        "{headline}: галушка",
        "\"unclosed phrase",
        "a\u{7}b",
        long.as_str(),
    ] {
        let run = g.run(&["search", query]);
        assert!(run.code == 0 || run.code == 1, "`{query}` exits 0 or 1: {run:?}");
        assert!(!run.stderr.contains("panicked"), "`{query}`: {run:?}");
        let lower = run.stderr.to_lowercase();
        assert!(
            !lower.contains("fts5") && !lower.contains("sql") && !lower.contains("syntax error"),
            "`{query}`: {run:?}"
        );
        if run.code == 1 {
            assert!(run.stderr.starts_with("galley-cli: error: "), "`{query}` explains itself: {run:?}");
        }
    }
}

#[test]
fn a_search_without_hits_succeeds_with_nothing() {
    let g = Galley::new();
    let run = g.run(&["search", "несуществующееслово", "--json"]).ok();
    assert_eq!(run.json(), serde_json::json!([]));
}
