//! Input shapes that make naive Markdown renderers take quadratic time, blow the stack or the
//! memory. Tests render each one; the benchmark times them.

/// Each shape with a name: 50,000 nested quotes, 50,000 `*`, 100,000 `[`, a list nested 1,000 deep,
/// and a 1 MB table of 5,000 columns (250,000 cells: twice as many would be over the node budget,
/// `parse::MAX_NODES`, and shown unformatted).
pub fn shapes() -> Vec<(&'static str, String)> {
    let nested_list: String =
        (0..1_000).map(|depth| format!("{}- level {depth}\n", "  ".repeat(depth))).collect();
    let header = format!("|{}\n", " h |".repeat(5_000));
    let rule = format!("|{}\n", "---|".repeat(5_000));
    let mut table = header + &rule;
    while table.len() < 1_000_000 {
        table.push_str(&format!("|{}\n", " x |".repeat(5_000)));
    }
    vec![
        ("50,000 nested >", ">".repeat(50_000)),
        ("50,000 *", "*".repeat(50_000)),
        ("100,000 [", "[".repeat(100_000)),
        ("list nested 1,000 deep", nested_list),
        ("1 MB table, 5,000 columns", table),
    ]
}
