//! The one door to comrak's parser: every Markdown parse in Galley (the render behind the preview
//! and every export, the plain text behind the counts and the search index, the checklist) goes
//! through [`parse`], which gives up once comrak has built more than [`MAX_NODES`] nodes.
//!
//! Time and memory follow comrak's nodes, not the size of the text: a node takes about 200 bytes
//! in comrak's arena, and raw HTML as many again in the sanitizer's tree. Markdown that makes a
//! node of every few bytes (52 MB of lines `a < b` makes 35 million) took 23–34 s and 5.9 GB.
//! comrak asks a callback every 256 steps of its work whether to stop (`try_parse_document`);
//! the callback counts the nodes in the arena, so the bound is comrak's own count, not a guess
//! made from the text, and what a stopped parse built is dropped with its arena. Callers render a
//! body over the budget without Markdown (`unformatted`), never hide it.
//!
//! Clippy's `disallowed-methods` (the workspace's `clippy.toml`) keeps every other way into
//! comrak's parser out of the workspace.

use comrak::nodes::AstNode;
use comrak::{Arena, Options};

/// The most nodes comrak may build of a body (those it joins again later included) for the body
/// to be parsed as Markdown.
///
/// Real articles are far below it at any size: news prose makes a node every 100–230 bytes
/// (paragraphs, headings, lists, links; a straight `"` is a node of its own until comrak joins
/// the text again), so 50 MiB of it, the import cap, makes 230,000–520,000 nodes (a test measures
/// the sample report and the generated corpus, with their quotes typed straight too). A 5,000-
/// column table of a million bytes makes 500,000. The densest bodies the budget lets through,
/// with 50 MB of prose around them, take up to 1.4 s and 430 MB to render (a node of code spans
/// or raw HTML costs about 1.3 µs and 300 bytes through the whole render, the sanitizer included),
/// so the budget keeps any body the import cap allows under the 2 s and 500 MB issue 15 sets
/// (BENCHMARKS.md, "Hostile inputs up to the import cap").
#[cfg(not(fuzzing))]
pub const MAX_NODES: usize = 800_000;

/// Under the fuzzers (`cfg(fuzzing)`, which cargo fuzz sets) the budget is small, so that inputs of
/// a few kilobytes reach the unformatted render as well as the formatted one.
#[cfg(fuzzing)]
pub const MAX_NODES: usize = 1_000;

/// Parses `markdown`, or gives up (`None`) once comrak has built more than [`MAX_NODES`] nodes.
pub(crate) fn parse<'a>(arena: &'a Arena<'a>, markdown: &str, options: &Options) -> Option<&'a AstNode<'a>> {
    parse_within(arena, markdown, options, MAX_NODES)
}

fn parse_within<'a>(
    arena: &'a Arena<'a>,
    markdown: &str,
    options: &Options,
    max_nodes: usize,
) -> Option<&'a AstNode<'a>> {
    // `len` sums the arena's chunks, which double in size: a few additions per question.
    let over_budget = || arena.len() > max_nodes;
    #[allow(clippy::disallowed_methods, reason = "the one parse, within the budget")]
    let root = comrak::try_parse_document(arena, markdown, options, &over_budget);
    root.ok()
}

/// How many nodes comrak makes of `markdown` with the renderer's options, counted until the
/// parse gives up a little past [`MAX_NODES`] (for the benchmarks: how near a body is to it).
pub fn nodes_of(markdown: &str) -> usize {
    nodes(markdown, MAX_NODES)
}

fn nodes(markdown: &str, max_nodes: usize) -> usize {
    let arena = Arena::new();
    let _ = parse_within(&arena, markdown, &crate::markdown_options(), max_nodes);
    arena.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 50 MiB, `galley_import::MAX_FILE_BYTES`: the longest body an import brings in.
    const IMPORT_CAP: usize = 50 * 1024 * 1024;

    /// The nodes a body would make at the import cap, were it repeated to that size.
    fn at_import_cap(markdown: &str) -> usize {
        let counted = nodes(markdown, usize::MAX);
        (counted as f64 * IMPORT_CAP as f64 / markdown.len() as f64).ceil() as usize
    }

    #[test]
    fn a_parse_stops_soon_after_the_budget() {
        let dense = "a < b\n".repeat(100_000);
        let all = nodes(&dense, usize::MAX);
        assert!(all > 200_000, "{all}");
        let stopped = nodes(&dense, 10_000);
        // comrak asks every 256 steps; a step makes a node or a few.
        assert!((10_000..11_000).contains(&stopped), "{stopped}");
        assert!(parse_within(&Arena::new(), &dense, &crate::markdown_options(), 10_000).is_none());
        assert!(parse_within(&Arena::new(), &dense, &crate::markdown_options(), all).is_some());
    }

    /// Real prose, even as long as the import cap allows, stays within the budget with room to
    /// spare: the sample report, the long article the `large` tests use (headings, lists, links)
    /// and the generated corpus, as written and with every quote typed straight (`"` is a node of
    /// its own until comrak joins the text around it), each as if it were 50 MiB long.
    #[test]
    fn real_prose_at_the_import_cap_stays_within_the_budget() {
        let sample = include_str!("../../../fixtures/galushka-seko-meeting.txt").to_owned();
        let (long, _) = galley_corpus::long_body(2_000_000);
        let mut corpus = galley_corpus::Corpus::new(7);
        let articles: String = (0..300).map(|index| corpus.article(index).fields.body + "\n\n").collect();
        for (what, body) in [("the sample", sample), ("the long article", long), ("the corpus", articles)] {
            let straight = body.replace(['“', '”', '«', '»', '„'], "\"");
            assert!(straight.matches('"').count() > body.matches('"').count() || what == "the sample");
            for (how, body) in [("as written", &body), ("quotes typed straight", &straight)] {
                let nodes = at_import_cap(body);
                assert!(nodes < MAX_NODES * 2 / 3, "{what}, {how}: {nodes} nodes at 50 MiB");
            }
        }
    }
}
