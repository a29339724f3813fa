//! How deep a piece of HTML nests, as the HTML parser builds it, measured before anything costly.
//!
//! html5ever's tree builder, and what reads its trees (Readability's scoring, the sanitizer), take
//! time in proportion to the depth for every tag: a page of 10,000 nested `<div>`s took 7 s to
//! import, 100,000 in a Markdown body 17 s to render. How deep a page nests is not in its text:
//! tags close others implicitly, end tags are ignored or misnested, formatting is reconstructed.
//! So the measure is the parser itself, with a sink that keeps only each node's depth, fed a
//! chunk at a time and stopped as soon as the depth passes the limit: the work before the stop is
//! at most the limit per tag, and a page within the limit costs one more parse.
//! The same parse counts the nodes it makes, for a page that is shallow but has millions of
//! elements (what reads it takes time and memory for each), stopped likewise.
//!
//! It must not be used to read anything of the page: it keeps no text and no attributes.

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::rc::Rc;

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, ParseOpts, QualName, local_name, ns, parse_document, parse_fragment};

/// How deep real pages nest, with room to spare: news pages are under 100 levels deep, the deepest
/// seen in the web-page fixtures about 40.
pub const MAX_DEPTH: usize = 256;

/// The most elements (and comments) a page may have for `galley-import`: Readability and the
/// Markdown conversion take about 6 µs and 270 bytes per node (a 50 MB page of 7.4 million empty
/// `<i>`s took 44 s and 2 GB). Real pages have a few thousand; the longest articles of an
/// encyclopedia some tens of thousands; 50 MB of paragraphs of prose about 160,000.
pub const MAX_NODES: usize = 250_000;

/// Bytes fed to the parser between looks at the depth.
const CHUNK: usize = 16 * 1024;

/// What makes a page too big to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Excess {
    /// Elements nest deeper than the depth limit.
    Depth,
    /// More elements and comments than the node limit.
    Nodes,
}

/// Whether `html`, parsed as a whole document, nests elements more than `limit` deep.
pub fn document_deeper_than(html: &str, limit: usize) -> bool {
    document_excess(html, limit, usize::MAX) == Some(Excess::Depth)
}

/// What of `html`, parsed as a whole document, is past the limits, if anything: its depth past
/// `max_depth`, or its elements and comments past `max_nodes` (the depth is told first when both
/// are, in the chunk where the parse stopped).
pub fn document_excess(html: &str, max_depth: usize, max_nodes: usize) -> Option<Excess> {
    let measure = Rc::new(Measure::default());
    let parser = parse_document(DepthSink::new(measure.clone()), ParseOpts::default());
    feed(parser, html, &measure, max_depth, max_nodes)
}

/// Whether `html`, parsed as the content of a `<body>` (as a sanitizer reads a fragment), nests
/// elements more than `limit` deep.
pub fn fragment_deeper_than(html: &str, limit: usize) -> bool {
    let measure = Rc::new(Measure::default());
    let context = QualName::new(None, ns!(html), local_name!("body"));
    let parser =
        parse_fragment(DepthSink::new(measure.clone()), ParseOpts::default(), context, vec![], false);
    feed(parser, html, &measure, limit, usize::MAX) == Some(Excess::Depth)
}

/// The deepest node so far and how many nodes there are.
#[derive(Default)]
struct Measure {
    deepest: Cell<usize>,
    nodes: Cell<usize>,
}

impl Measure {
    fn excess(&self, max_depth: usize, max_nodes: usize) -> Option<Excess> {
        if self.deepest.get() > max_depth {
            Some(Excess::Depth)
        } else if self.nodes.get() > max_nodes {
            Some(Excess::Nodes)
        } else {
            None
        }
    }
}

fn feed(
    mut parser: html5ever::Parser<DepthSink>,
    html: &str,
    measure: &Measure,
    max_depth: usize,
    max_nodes: usize,
) -> Option<Excess> {
    let mut rest = html;
    while !rest.is_empty() {
        let mut end = rest.len().min(CHUNK);
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        parser.process(StrTendril::from_slice(&rest[..end]));
        if let Some(excess) = measure.excess(max_depth, max_nodes) {
            return Some(excess);
        }
        rest = &rest[end..];
    }
    parser.finish();
    measure.excess(max_depth, max_nodes)
}

fn no_name() -> QualName {
    QualName::new(None, ns!(), local_name!(""))
}

/// A tree of depths: node `i`'s depth is `depths[i]`; the document is node 0.
struct DepthSink {
    /// Each node's name; comments and the document have an empty one (the parser asks only
    /// elements their names).
    names: RefCell<Vec<QualName>>,
    depths: RefCell<Vec<usize>>,
    measure: Rc<Measure>,
}

impl DepthSink {
    fn new(measure: Rc<Measure>) -> Self {
        DepthSink { names: RefCell::new(vec![no_name()]), depths: RefCell::new(vec![0]), measure }
    }

    fn node(&self, name: QualName) -> usize {
        let mut names = self.names.borrow_mut();
        names.push(name);
        self.depths.borrow_mut().push(0);
        self.measure.nodes.set(names.len() - 1);
        names.len() - 1
    }

    /// Records that `child` now sits under `parent`. Nodes moved later (misnested formatting,
    /// content fostered out of tables) keep the depth they were put in at; their children are
    /// put in afterwards and counted from it.
    fn place(&self, parent: usize, child: NodeOrText<usize>) {
        if let NodeOrText::AppendNode(child) = child {
            let mut depths = self.depths.borrow_mut();
            let depth = depths[parent] + 1;
            depths[child] = depth;
            if depth > self.measure.deepest.get() {
                self.measure.deepest.set(depth);
            }
        }
    }
}

impl TreeSink for DepthSink {
    type Handle = usize;
    type Output = ();
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) {}

    fn parse_error(&self, _: Cow<'static, str>) {}

    fn get_document(&self) -> usize {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a usize) -> Ref<'a, QualName> {
        Ref::map(self.names.borrow(), |names| &names[*target])
    }

    fn create_element(&self, name: QualName, _: Vec<Attribute>, _: ElementFlags) -> usize {
        self.node(name)
    }

    fn create_comment(&self, _: StrTendril) -> usize {
        self.node(no_name())
    }

    fn create_pi(&self, _: StrTendril, _: StrTendril) -> usize {
        self.node(no_name())
    }

    fn append(&self, parent: &usize, child: NodeOrText<usize>) {
        self.place(*parent, child);
    }

    fn append_based_on_parent_node(&self, element: &usize, _: &usize, child: NodeOrText<usize>) {
        self.place(*element, child);
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &usize) -> usize {
        *target
    }

    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &usize, new_node: NodeOrText<usize>) {
        // A sibling's depth is its neighbour's: placed under a node one level up.
        if let NodeOrText::AppendNode(node) = new_node {
            let depth = self.depths.borrow()[*sibling];
            self.depths.borrow_mut()[node] = depth;
        }
    }

    fn add_attrs_if_missing(&self, _: &usize, _: Vec<Attribute>) {}

    fn remove_from_parent(&self, _: &usize) {}

    fn reparent_children(&self, _: &usize, _: &usize) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_is_what_the_parser_builds_not_what_the_tags_say() {
        let divs = |n: usize| format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n));
        assert!(!fragment_deeper_than(&divs(10), 12));
        assert!(fragment_deeper_than(&divs(20), 12));
        // Paragraphs close each other: a thousand of them are one level, not a thousand.
        assert!(!fragment_deeper_than(&"<p>абзац".repeat(1_000), 12));
        // Stray end tags do not make a page shallower than it is built.
        assert!(fragment_deeper_than(&format!("{}{}", "</div><div>".repeat(5), "<div>".repeat(20)), 12));
        // A document counts `<html>` and `<body>` too.
        assert!(document_deeper_than(&divs(11), 12));
        assert!(!document_deeper_than(&divs(9), 12));
    }

    #[test]
    fn nodes_are_what_the_parser_makes() {
        // `<html>`, `<head>`, `<body>` and the 1,000 `<i>`s; a comment is a node too.
        let page = "<i></i>".repeat(1_000);
        assert_eq!(document_excess(&page, 12, 1_003), None);
        assert_eq!(document_excess(&page, 12, 1_002), Some(Excess::Nodes));
        assert_eq!(document_excess(&format!("{page}<!---->"), 12, 1_003), Some(Excess::Nodes));
        // Text is not a node: one paragraph of a megabyte is four.
        assert_eq!(document_excess(&format!("<p>{}", "слово ".repeat(100_000)), 12, 4), None);
        // Too deep is told before too many.
        assert_eq!(document_excess(&"<div>".repeat(100), 12, 10), Some(Excess::Depth));
    }
}
