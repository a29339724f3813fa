//! Which of Galley's languages a text is in, from its letters.
//!
//! Galley's desk writes in Russian and English, so this only tells Cyrillic from Latin; it is a
//! default for a field the journalist can change, not language identification. It must not be used
//! to refuse or alter text.

/// `"ru"` for a text mostly in Cyrillic letters, `"en"` for one mostly in Latin letters; `"ru"`
/// when there are no letters (the desk's usual language, as in `ArticleFields::default()`).
///
/// URLs and e-mail addresses are skipped: a Russian article full of links is still Russian.
pub fn detect_language(text: &str) -> &'static str {
    let mut letters = LetterCount::default();
    letters.add(text);
    letters.language()
}

/// The letters of a text read in pieces (as if joined by whitespace), so that a text held as many
/// paragraphs is not copied into one string to be counted.
#[derive(Debug, Default)]
pub(crate) struct LetterCount {
    cyrillic: usize,
    latin: usize,
}

impl LetterCount {
    pub(crate) fn add(&mut self, text: &str) {
        for word in text.split_whitespace() {
            if word.contains("://") || word.starts_with("www.") || word.contains('@') {
                continue;
            }
            for c in word.chars() {
                match c {
                    '\u{400}'..='\u{52F}'
                    | '\u{1C80}'..='\u{1C8F}'
                    | '\u{2DE0}'..='\u{2DFF}'
                    | '\u{A640}'..='\u{A69F}' => {
                        self.cyrillic += 1;
                    }
                    'a'..='z' | 'A'..='Z' | '\u{C0}'..='\u{24F}' if c.is_alphabetic() => self.latin += 1,
                    _ => {}
                }
            }
        }
    }

    pub(crate) fn language(&self) -> &'static str {
        if self.latin > self.cyrillic { "en" } else { "ru" }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_decide() {
        assert_eq!(detect_language("Встреча министров в Токио"), "ru");
        assert_eq!(detect_language("Ministers meet in Tokyo"), "en");
        assert_eq!(detect_language("Café déjà vu"), "en");
        assert_eq!(detect_language(""), "ru");
        assert_eq!(detect_language("2016 — 42%"), "ru");
    }

    #[test]
    fn names_and_links_in_latin_do_not_make_a_russian_text_english() {
        let text = "Председатель «Джей Джи Си Корпорейшн» (JGC Corporation) и Kawasaki Heavy Industries \
                    обсудили проект, подробнее https://www.example.com/news/2016/09/meeting-in-tokyo-with-japanese-business";
        assert_eq!(detect_language(text), "ru");
    }
}
