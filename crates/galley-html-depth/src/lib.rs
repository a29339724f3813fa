//! How deep a piece of HTML nests, as the HTML parser builds it, measured before anything costly.
//!
//! html5ever's tree builder, and what reads its trees (Readability's scoring, the sanitizer), take
//! time in proportion to the depth for every tag: a page of 10,000 nested `<div>`s took 7 s to
//! import, 100,000 in a Markdown body 17 s to render. How deep a page nests is not in its text:
//! tags close others implicitly, end tags are ignored or misnested, formatting is reconstructed.
//! So the measure is the parser itself, with a sink that keeps only each node's depth, fed a
//! chunk at a time and stopped as soon as the depth passes the limit: the work before the stop is
//! at most the limit per tag, and a page within the limit costs one more parse.
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

/// Bytes fed to the parser between looks at the depth.
const CHUNK: usize = 16 * 1024;

/// Whether `html`, parsed as a whole document, nests elements more than `limit` deep.
pub fn document_deeper_than(html: &str, limit: usize) -> bool {
    let deepest = Rc::new(Cell::new(0));
    let parser = parse_document(DepthSink::new(deepest.clone()), ParseOpts::default());
    feed(parser, html, &deepest, limit)
}

/// Whether `html`, parsed as the content of a `<body>` (as a sanitizer reads a fragment), nests
/// elements more than `limit` deep.
pub fn fragment_deeper_than(html: &str, limit: usize) -> bool {
    let deepest = Rc::new(Cell::new(0));
    let context = QualName::new(None, ns!(html), local_name!("body"));
    let parser =
        parse_fragment(DepthSink::new(deepest.clone()), ParseOpts::default(), context, vec![], false);
    feed(parser, html, &deepest, limit)
}

fn feed(mut parser: html5ever::Parser<DepthSink>, html: &str, deepest: &Cell<usize>, limit: usize) -> bool {
    let mut rest = html;
    while !rest.is_empty() {
        let mut end = rest.len().min(CHUNK);
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        parser.process(StrTendril::from_slice(&rest[..end]));
        if deepest.get() > limit {
            return true;
        }
        rest = &rest[end..];
    }
    parser.finish();
    deepest.get() > limit
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
    deepest: Rc<Cell<usize>>,
}

impl DepthSink {
    fn new(deepest: Rc<Cell<usize>>) -> Self {
        DepthSink { names: RefCell::new(vec![no_name()]), depths: RefCell::new(vec![0]), deepest }
    }

    fn node(&self, name: QualName) -> usize {
        let mut names = self.names.borrow_mut();
        names.push(name);
        self.depths.borrow_mut().push(0);
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
            if depth > self.deepest.get() {
                self.deepest.set(depth);
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
}
