// Windows line endings in an article's body. CodeMirror holds a document's lines without their
// breaks and joins them with "\n" by default, so a body written on Windows ("\r\n" throughout)
// would come back with "\n" after its first edit: a revision and a rewritten mirror file that
// change nothing a reader sees. The editor keeps the break the body uses instead, and offsets into
// the body as saved (the checker's, through positions.ts) are mapped to the editor's.
// Pure functions only.

export type LineBreak = '\n' | '\r\n';

/** The break a text uses throughout: "\r\n" when every line ends with it, else "\n" (a text mixing
 * them, or with none, is joined with "\n", as any editor would). */
export function lineBreakOf(text: string): LineBreak {
  // Scans without splitting: this runs on every article opened, and a body may be megabytes.
  return text.includes('\r\n') && !/(?:^|[^\r])\n|\r(?!\n)/.test(text) ? '\r\n' : '\n';
}

/**
 * Maps an offset into a text written with "\r\n" to the same place in the text with "\n" (one
 * character less for each break before it). An offset between "\r" and "\n" is the end of its line.
 * Built once per text: a lookup is a binary search over the breaks.
 */
export function crlfToLf(text: string): (offset: number) => number {
  const breaks: number[] = [];
  for (let at = text.indexOf('\r\n'); at !== -1; at = text.indexOf('\r\n', at + 2)) breaks.push(at);
  return (offset) => {
    // How many breaks start (their "\r") before the offset.
    let low = 0;
    let high = breaks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (breaks[middle] < offset) low = middle + 1;
      else high = middle;
    }
    return offset - low;
  };
}
