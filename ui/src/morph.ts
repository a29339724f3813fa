// Updates a shown document to match a newly rendered one by replacing only the elements that
// differ, so a keystroke in a long article re-lays out one paragraph instead of the whole preview,
// and the reader's scroll position stays where it was.
//
// The new document comes from `DOMParser` (inert: nothing in it runs) and the target is the
// preview frame, which runs no script; this moves sanitized nodes, it never evaluates anything.

/** Makes `target`'s children match `source`'s, replacing only what changed; returns how many
 * nodes were replaced, inserted or removed. */
export function morphChildren(target: Node, source: Node): number {
  const doc = target.ownerDocument ?? (target as Document);
  let changes = 0;
  const wanted = [...source.childNodes];
  // Nodes are replaced in place or appended at the end, so positions in this snapshot hold.
  const existing = [...target.childNodes];
  for (let i = 0; i < wanted.length; i++) {
    const next = wanted[i]!;
    const old = existing[i];
    if (!old) {
      target.appendChild(doc.importNode(next, true));
      changes++;
    } else if (!sameKind(old, next)) {
      target.replaceChild(doc.importNode(next, true), old);
      changes++;
    } else if (old.isEqualNode(next)) {
      // Unchanged: the common case, compared natively without serialising anything.
    } else if (old.nodeType === Node.ELEMENT_NODE) {
      changes += syncAttributes(old as Element, next as Element);
      changes += morphChildren(old, next);
    } else {
      old.nodeValue = next.nodeValue;
      changes++;
    }
  }
  for (const extra of [...target.childNodes].slice(wanted.length)) {
    target.removeChild(extra);
    changes++;
  }
  return changes;
}

function sameKind(a: Node, b: Node): boolean {
  return a.nodeType === b.nodeType && a.nodeName === b.nodeName;
}

function syncAttributes(target: Element, source: Element): number {
  let changes = 0;
  for (const { name } of [...target.attributes]) {
    if (!source.hasAttribute(name)) {
      target.removeAttribute(name);
      changes++;
    }
  }
  for (const { name, value } of [...source.attributes]) {
    if (target.getAttribute(name) !== value) {
      target.setAttribute(name, value);
      changes++;
    }
  }
  return changes;
}

/** The attributes of `<html>` that come from the article (its language and direction), carried over
 * to the shown document; the page's own (`data-theme`) stay. */
export function syncDocumentLanguage(target: Element, source: Element): void {
  for (const name of ['lang', 'dir']) {
    const value = source.getAttribute(name);
    if (value === null) target.removeAttribute(name);
    else if (target.getAttribute(name) !== value) target.setAttribute(name, value);
  }
}
