//! Making a headline out of a line of text, for files that have none.
//!
//! Both formats fall back to the first line of the text; this keeps such a headline short enough to
//! be one (a whole paragraph is not) without rewording it.

/// About how long a made-up headline may be, in characters.
pub(crate) const MAX_CHARS: usize = 120;

/// The warning given whenever a headline was taken from the text rather than found as one.
pub(crate) const TOOK_FIRST_LINE: &str = "no headline: took the first line of the text; check it";

/// The line's first sentence, cut to about [`MAX_CHARS`] at a word boundary (marked with `…`).
pub(crate) fn from_line(line: &str) -> String {
    let sentence = first_sentence(line.trim());
    // A headline has no full stop; "?" and "!" belong to it.
    let sentence = sentence.strip_suffix('.').filter(|s| !s.ends_with('.')).unwrap_or(sentence);
    shorten(sentence, MAX_CHARS)
}

/// `text` cut at the last word boundary within `max_chars`, with `…` when something was cut.
pub(crate) fn shorten(text: &str, max_chars: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let limit = text.char_indices().nth(max_chars).map_or(text.len(), |(i, _)| i);
    // Cut before the word that crosses the limit; one word longer than the limit is cut inside.
    let cut = text
        .char_indices()
        .take(max_chars + 1)
        .filter(|(_, c)| c.is_whitespace())
        .map(|(i, _)| i)
        .last()
        .unwrap_or(limit);
    let kept = text[..cut].trim_end_matches(|c: char| c.is_whitespace() || ",;:–—-".contains(c));
    format!("{kept}…")
}

/// The text up to its first sentence break, or all of it.
pub(crate) fn first_sentence(text: &str) -> &str {
    sentence_break(text).map_or(text, |end| &text[..end])
}

/// Abbreviations that end in a full stop inside a sentence, lowercased.
const ABBREVIATIONS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "jr",
    "sr",
    "vs",
    "prof",
    "gen",
    "gov",
    "sen",
    "rep",
    "inc",
    "ltd",
    "co",
    "no",
    "им",
    "ул",
    "пр",
    "пл",
    "просп",
    "тел",
    "проф",
    "акад",
    "ген",
    "млн",
    "млрд",
    "тыс",
    "руб",
    "долл",
    "стр",
    "см",
    "гг",
];

/// Where the first sentence ends (just after its punctuation), if the text has more than one.
///
/// A break is `.`, `!`, `?` or `…` (possibly followed by a closing quote) after a word of at least
/// two letters, then a space and a capital letter, digit or opening quote. Initials ("А. Галушка",
/// "U.S. Senate") and common abbreviations ("Mr. Smith", "им. Ленина") are not breaks.
pub(crate) fn sentence_break(text: &str) -> Option<usize> {
    let mut words = text.split(' ').scan(0usize, |offset, word| {
        let start = *offset;
        *offset += word.len() + 1;
        Some((start, word))
    });
    let mut previous: Option<(usize, &str)> = words.next();
    for (start, word) in words {
        let (prev_start, prev) = previous.expect("set before the loop and at its end");
        previous = Some((start, word));
        let core = prev.trim_end_matches(['»', '"', '”', '\'', ')']);
        let Some(body) = core.strip_suffix(['.', '!', '?', '…']) else {
            continue;
        };
        let body = body.trim_end_matches(['.', '!', '?']);
        let letters: String = body.chars().rev().take_while(|c| c.is_alphabetic()).collect();
        let letters: String = letters.chars().rev().collect::<String>().to_lowercase();
        let ends_word = letters.chars().count() >= 2 && !ABBREVIATIONS.contains(&letters.as_str());
        let next_starts =
            word.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "«\"“".contains(c));
        if ends_word && next_starts {
            return Some(prev_start + prev.len());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_stay_whole() {
        assert_eq!(shorten("  Встреча в Токио ", 120), "Встреча в Токио");
    }

    #[test]
    fn long_lines_are_cut_at_a_word() {
        let cut = shorten("one two three four five", 12);
        assert_eq!(cut, "one two…");
        assert_eq!(shorten("one two, three", 8), "one two…");
        assert_eq!(shorten("abcdefghijklmnop", 5), "abcde…");
        let long = "слово ".repeat(40);
        let cut = shorten(&long, MAX_CHARS);
        assert!(cut.chars().count() <= MAX_CHARS + 1 && cut.ends_with("слово…"), "{cut}");
    }

    #[test]
    fn sentences_end_at_real_breaks_only() {
        assert_eq!(first_sentence("Мэр открыл мост. Движение начнётся завтра."), "Мэр открыл мост.");
        assert_eq!(first_sentence("U.S. Senate passes the bill. Now what?"), "U.S. Senate passes the bill.");
        assert_eq!(
            first_sentence("Встреча с А. Галушкой прошла в Токио"),
            "Встреча с А. Галушкой прошла в Токио"
        );
        assert_eq!(
            first_sentence("«Всё идёт по плану», — сказал он. «Дальше — больше»"),
            "«Всё идёт по плану», — сказал он."
        );
        assert_eq!(first_sentence("Он сказал «хватит!» Все ушли."), "Он сказал «хватит!»");
    }

    #[test]
    fn a_headline_from_a_line_drops_its_full_stop() {
        assert_eq!(from_line("Мэр открыл мост. Движение начнётся завтра."), "Мэр открыл мост");
        assert_eq!(from_line("Что дальше?"), "Что дальше?");
        assert_eq!(from_line("И так далее..."), "И так далее...");
    }
}
