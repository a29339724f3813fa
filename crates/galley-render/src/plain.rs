//! Plain text of Markdown: what a reader sees, without markup, link targets or raw HTML.

use comrak::Arena;
use comrak::arena_tree::NodeEdge;
use comrak::nodes::NodeValue;

use crate::{markdown_options, unformatted};

/// The text a reader of the rendered Markdown would read: blocks separated by blank lines, link
/// text without its URL, image alt text, code as written. Raw HTML is dropped (it is untrusted and
/// its text is not the journalist's copy). A body over the node budget is read as the renderer
/// shows it: its text as typed, a paragraph at each blank line.
pub fn plain_text(markdown: &str) -> String {
    // The tree, over the budget, is dropped before the text is cut into paragraphs.
    parsed_plain_text(markdown).unwrap_or_else(|| unformatted::plain_text(markdown))
}

fn parsed_plain_text(markdown: &str) -> Option<String> {
    let arena = Arena::new();
    let root = crate::parse::parse(&arena, markdown, &markdown_options())?;
    let mut out = String::with_capacity(markdown.len());
    for edge in root.traverse() {
        match edge {
            NodeEdge::Start(node) => match &node.data().value {
                NodeValue::Text(text) => out.push_str(text),
                NodeValue::Code(code) => out.push_str(&code.literal),
                NodeValue::CodeBlock(block) => {
                    out.push_str(block.literal.trim_end());
                    out.push_str("\n\n");
                }
                NodeValue::SoftBreak => out.push(' '),
                NodeValue::LineBreak => out.push('\n'),
                NodeValue::TableCell if !out.ends_with('\n') && !out.is_empty() => out.push(' '),
                _ => {}
            },
            NodeEdge::End(node) => match &node.data().value {
                NodeValue::Paragraph | NodeValue::Heading(_) => {
                    // Items of a tight list hold paragraphs too: one line each is enough.
                    out.push_str(if in_tight_list(node) { "\n" } else { "\n\n" });
                }
                NodeValue::TableRow(_) => out.push('\n'),
                NodeValue::Table(_) | NodeValue::List(_) => push_blank_line(&mut out),
                _ => {}
            },
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    Some(out)
}

fn in_tight_list(node: &comrak::nodes::AstNode<'_>) -> bool {
    node.parent()
        .and_then(|item| item.parent())
        .is_some_and(|list| matches!(&list.data().value, NodeValue::List(l) if l.tight))
}

fn push_blank_line(out: &mut String) {
    while !out.ends_with("\n\n") && !out.is_empty() {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_goes_text_stays() {
        let md = "## Итоги\n\nСтороны **согласовали** [план](https://example.ru/plan) и `код`.\n\n\
                  - первый\n- второй\n\n> «Цитата» — сказал он\n\n<script>alert(1)</script>\n\n![Карта](map.png)\n";
        assert_eq!(
            plain_text(md),
            "Итоги\n\nСтороны согласовали план и код.\n\nпервый\nвторой\n\n«Цитата» — сказал он\n\nКарта"
        );
    }

    #[test]
    fn tables_keep_their_cells() {
        assert_eq!(plain_text("| a | b |\n|---|---|\n| 1 | 2 |\n"), "a b\n1 2");
    }

    #[test]
    fn empty_and_odd_input() {
        assert_eq!(plain_text(""), "");
        assert_eq!(plain_text(&">".repeat(10_000)), "");
    }
}
