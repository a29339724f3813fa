//! The search box: whatever is typed, `parse` returns a query or a message, never panics, and
//! every query it returns is well formed; snippets of the typed text point at whole matched words.
#![no_main]

use galley_query::parse::{MAX_TERMS, parse};
use galley_query::snippet::snippet;
use galley_query::{Expr, TermMatcher};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let parsed = parse(&input);
    assert_eq!(parse(&input), parsed, "parsing is not deterministic");
    match parsed {
        Ok(query) => {
            if let Some(expr) = &query.expr {
                let terms = check(expr, &input);
                assert!(terms <= MAX_TERMS, "{terms} terms from {input:?}: {expr:?}");
            }
            let matcher = TermMatcher::new(&query);
            if let Some(found) = snippet(&input, &matcher, 120) {
                let mut last = 0;
                for range in &found.highlights {
                    assert!(range.start >= last && range.start < range.end, "{:?}", found.highlights);
                    let word = found
                        .text
                        .get(range.clone())
                        .unwrap_or_else(|| panic!("highlight {range:?} is not inside {:?}", found.text));
                    assert!(matcher.matches(word), "highlighted {word:?} does not match {query:?}");
                    last = range.end;
                }
            }
        }
        Err(error) => assert!(!error.0.is_empty(), "an empty error message for {input:?}"),
    }
});

/// Checks the shape of an expression and counts its terms.
fn check(expr: &Expr, input: &str) -> usize {
    match expr {
        Expr::Term { term, prefix } => {
            assert!(!term.is_empty(), "an empty term from {input:?}");
            assert!(!term.chars().any(char::is_whitespace), "a term with a space {term:?} from {input:?}");
            if *prefix {
                assert!(term.chars().count() >= 2, "a one-letter prefix {term:?} from {input:?}");
            }
            1
        }
        Expr::Phrase(terms) => {
            assert!(terms.len() >= 2, "a phrase of {} terms from {input:?}", terms.len());
            assert!(terms.iter().all(|t| !t.is_empty()), "an empty term in a phrase from {input:?}");
            terms.len()
        }
        Expr::And(items) | Expr::Or(items) => {
            assert!(items.len() >= 2, "a group of one from {input:?}: {expr:?}");
            for (i, item) in items.iter().enumerate() {
                assert!(!items[..i].contains(item), "a repeated item in {expr:?} from {input:?}");
                let same_kind =
                    matches!((expr, item), (Expr::And(_), Expr::And(_)) | (Expr::Or(_), Expr::Or(_)));
                assert!(!same_kind, "an unflattened group in {expr:?} from {input:?}");
            }
            items.iter().map(|item| check(item, input)).sum()
        }
        // `(a -b) -c` is `Not { Not { a, b }, c }`: nested exclusions are fine.
        Expr::Not { left, right } => check(left, input) + check(right, input),
    }
}
