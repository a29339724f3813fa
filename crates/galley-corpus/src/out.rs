//! The text being written and the random choices that write it.
//!
//! [`Out`] puts words into a buffer with the spacing, sentence capitals, quote nesting and `ё`
//! spelling of the article; [`Pick`] makes every choice from the article's own generator, with
//! only integer arithmetic so the output is the same on every machine.

use std::sync::OnceLock;

use fastrand::Rng;

/// A text buffer that knows where spaces and capitals go.
pub(crate) struct Out {
    pub s: String,
    /// The next letter written starts a sentence.
    cap: bool,
    /// The next word is glued to what precedes it (after an opening quote or bracket).
    glue: bool,
    /// Spell `ё` (otherwise it is written `е`, as many newsrooms do).
    pub yo: bool,
    /// Nesting of quotation marks.
    depth: u8,
    /// Russian typography («» „“) or English (“” ‘’).
    pub russian: bool,
}

impl Out {
    pub fn new(russian: bool, yo: bool) -> Self {
        Out { s: String::with_capacity(16 * 1024), cap: false, glue: false, yo, depth: 0, russian }
    }

    /// Takes the text written so far, leaving the buffer empty.
    pub fn take(&mut self) -> String {
        self.cap = false;
        self.glue = false;
        self.depth = 0;
        std::mem::take(&mut self.s)
    }

    /// Capitalises the next letter written.
    pub fn cap(&mut self) {
        self.cap = true;
    }

    /// Writes a word, preceded by a space when it needs one.
    pub fn w(&mut self, t: &str) {
        if t.is_empty() {
            return;
        }
        if !self.glue && !self.s.is_empty() && !self.s.ends_with([' ', '\n']) {
            self.s.push(' ');
        }
        self.glue = false;
        self.put(t);
    }

    /// Writes text glued to what precedes it (punctuation, suffixes).
    pub fn j(&mut self, t: &str) {
        self.glue = false;
        self.put(t);
    }

    /// Glues the next word to what was just written.
    pub fn glue(&mut self) {
        self.glue = true;
    }

    /// Writes a number as a word.
    pub fn num(&mut self, n: u64) {
        let mut buf = [0u8; 20];
        let mut i = buf.len();
        let mut n = n;
        loop {
            i -= 1;
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        let digits = std::str::from_utf8(&buf[i..]).expect("digits are ASCII");
        self.w(digits);
    }

    /// Writes a number glued to what precedes it.
    pub fn num_glued(&mut self, n: u64) {
        self.glue();
        self.num(n);
    }

    /// Opens a quotation: `«` (or `„` inside another quotation).
    pub fn open_q(&mut self) {
        let mark = match (self.russian, self.depth) {
            (true, 0) => "«",
            (true, _) => "„",
            (false, 0) => "“",
            (false, _) => "‘",
        };
        self.w(mark);
        self.depth += 1;
        self.glue = true;
    }

    /// Closes the innermost quotation.
    pub fn close_q(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        let mark = match (self.russian, self.depth) {
            (true, 0) => "»",
            (true, _) => "“",
            (false, 0) => "”",
            (false, _) => "’",
        };
        self.j(mark);
    }

    /// Writes a name in quotation marks: `«Роснефть»`.
    pub fn quoted(&mut self, name: &str) {
        self.open_q();
        self.w(name);
        self.close_q();
    }

    /// Current length, to come back to (see [`Out::fix_prep`]).
    pub fn mark(&self) -> usize {
        self.s.len()
    }

    /// Fixes the preposition written just before `at` (`о` → `об`, `в` → `во`, `с` → `со`) for
    /// the word that follows it.
    pub fn fix_prep(&mut self, at: usize) {
        let Some(prep_start) = self.s[..at].rfind(|c: char| !c.is_alphabetic()).map(|i| i + 1).or(Some(0))
        else {
            return;
        };
        let prep = &self.s[prep_start..at];
        let next: Vec<char> = self.s[at..].trim_start().chars().take(2).collect();
        let Some(&first) = next.first() else { return };
        let lower = first.to_lowercase().next().unwrap_or(first);
        let second = next.get(1).map(|c| c.to_lowercase().next().unwrap_or(*c)).unwrap_or(' ');
        let consonant = |c: char| "бвгджзклмнпрстфхцчшщ".contains(c);
        let extra = match prep {
            "о" | "О" if "аиоуэ".contains(lower) => "б",
            "в" | "В" if (lower == 'в' || lower == 'ф') && consonant(second) => "о",
            "с" | "С" if "сзшж".contains(lower) && consonant(second) => "о",
            "к" | "К" if (lower == 'к' || lower == 'г') && consonant(second) => "о",
            _ => "",
        };
        if !extra.is_empty() {
            self.s.insert_str(at, extra);
        }
    }

    /// Writes `t`, capitalising it if a sentence starts here and folding `ё` if the article does.
    fn put(&mut self, t: &str) {
        let mut t = t;
        if self.cap
            && let Some(c) = t.chars().next()
        {
            if c.is_alphabetic() {
                self.cap = false;
                let upper = c.to_uppercase().next().unwrap_or(c);
                self.push_folded(upper.encode_utf8(&mut [0; 4]));
                t = &t[c.len_utf8()..];
            } else if c.is_numeric() {
                self.cap = false;
            }
        }
        self.push_folded(t);
    }

    fn push_folded(&mut self, t: &str) {
        if !self.yo && (t.contains('ё') || t.contains('Ё')) {
            for c in t.chars() {
                self.s.push(match c {
                    'ё' => 'е',
                    'Ё' => 'Е',
                    c => c,
                });
            }
        } else {
            self.s.push_str(t);
        }
    }
}

/// Random choices for one article.
pub(crate) struct Pick {
    pub rng: Rng,
}

/// Cumulative weights 1/(i+1) for Zipf choices, shared by every bank.
fn zipf_table() -> &'static [u32] {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut total = 0u32;
        (0..8192u32)
            .map(|i| {
                total += (1u32 << 20) / (i + 1);
                total
            })
            .collect()
    })
}

impl Pick {
    pub fn new(seed: u64) -> Self {
        Pick { rng: Rng::with_seed(seed) }
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u32) -> u32 {
        self.rng.u32(..n)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        self.rng.u32(lo..=hi)
    }

    /// True with the given chance in percent.
    pub fn pct(&mut self, percent: u32) -> bool {
        self.rng.u32(..100) < percent
    }

    /// True with the given chance in per mille.
    pub fn permille(&mut self, permille: u32) -> bool {
        self.rng.u32(..1000) < permille
    }

    /// An index in `0..n`, uniformly.
    pub fn idx(&mut self, n: usize) -> usize {
        self.rng.u32(..u32::try_from(n).expect("banks are small")) as usize
    }

    /// An index in `0..n` with Zipf weights: index 0 is the most frequent.
    pub fn zipf(&mut self, n: usize) -> usize {
        let table = zipf_table();
        let n = n.min(table.len());
        let r = self.rng.u32(..table[n - 1]);
        table[..n].partition_point(|&c| c <= r)
    }

    /// An element, uniformly.
    pub fn one<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.idx(items.len())]
    }

    /// An element with Zipf weights (the first ones most often).
    pub fn z<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.zipf(items.len())]
    }

    /// An index chosen by integer weights.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut r = self.rng.u32(..total);
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spacing_capitals_and_quotes() {
        let mut o = Out::new(true, false);
        o.cap();
        o.open_q();
        o.w("это");
        o.w("объём");
        o.quoted("Роснефть");
        o.close_q();
        o.j(",");
        o.w("–");
        o.w("сказал");
        o.j(".");
        assert_eq!(o.take(), "«Это объем „Роснефть“», – сказал.");
    }

    #[test]
    fn prepositions_take_their_vowel() {
        let mut o = Out::new(true, true);
        o.w("речь");
        o.w("о");
        let at = o.mark();
        o.w("инвестициях");
        o.fix_prep(at);
        o.w("во");
        o.w("в");
        let at = o.mark();
        o.w("Владивостоке");
        o.fix_prep(at);
        o.w("с");
        let at = o.mark();
        o.w("строительством");
        o.fix_prep(at);
        o.w("с");
        let at = o.mark();
        o.w("Японией");
        o.fix_prep(at);
        assert_eq!(o.take(), "речь об инвестициях во во Владивостоке со строительством с Японией");
    }

    #[test]
    fn zipf_prefers_the_head() {
        let mut p = Pick::new(7);
        let mut counts = [0u32; 10];
        for _ in 0..10_000 {
            counts[p.zipf(10)] += 1;
        }
        assert!(counts[0] > counts[1] && counts[1] > counts[4] && counts[4] > counts[9]);
        assert!(counts[9] > 0);
    }
}
