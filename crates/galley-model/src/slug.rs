//! Slugs: short, URL-safe names made from headlines, Cyrillic transliterated.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The longest slug made from a headline, in bytes (all ASCII).
pub const MAX_SLUG_LEN: usize = 80;

/// Makes a slug from a headline: `"Встреча Галушки и Сэко"` → `"vstrecha-galushki-i-seko"`.
///
/// Returns `"article"` when nothing usable is left (a headline of emoji, say).
pub fn slugify(headline: &str) -> String {
    // Only letters and digits are transliterated: emoji and symbols would become words ("clock12").
    // Soft and hard signs have no Latin letter (GOST and newsroom practice drop them): "Дальнем" → "dalnem".
    // Composed first, so a letter typed as base and mark (й as и + U+0306) is the letter it makes.
    // A mark left over belongs to its letter and never splits a word: stress, a stack of Zalgo
    // marks and a breve that composes with nothing are dropped, a vowel sign keeps its sound
    // (Devanagari "हिन्दी" → "hindii"). The invisible characters that join or steer text inside a
    // word (a soft hyphen, zero-width joiners, direction marks) are dropped too.
    let ascii: String = headline
        .nfc()
        .filter(|c| !matches!(c, 'ь' | 'ъ' | 'Ь' | 'Ъ'))
        .map(|c| {
            if c.is_alphanumeric() {
                deunicode::deunicode_char(c).unwrap_or(" ")
            } else if is_combining_mark(c) {
                deunicode::deunicode_char(c)
                    .filter(|s| s.bytes().all(|b| b.is_ascii_alphabetic()))
                    .unwrap_or("")
            } else if is_invisible_in_word(c) {
                ""
            } else {
                " "
            }
        })
        .collect::<String>()
        .to_ascii_lowercase();
    let mut slug = String::with_capacity(ascii.len().min(MAX_SLUG_LEN));
    for word in ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        let needed = word.len() + usize::from(!slug.is_empty());
        if slug.len() + needed > MAX_SLUG_LEN {
            if slug.is_empty() {
                slug.push_str(&word[..MAX_SLUG_LEN]);
            }
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    if slug.is_empty() { "article".to_owned() } else { slug }
}

/// Characters with no look of their own that sit inside words: the soft hyphen, the Arabic letter
/// mark, zero-width (non-)joiners, direction marks, embeddings and isolates, the word joiner and
/// invisible operators, and the byte-order mark as a zero-width no-break space. (A zero-width
/// space is a space: it separates words.)
fn is_invisible_in_word(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{61C}' | '\u{200C}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// Checks a slug typed by a user: lowercase ASCII letters, digits and single hyphens.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 200
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_is_transliterated() {
        assert_eq!(slugify("Встреча Галушки и Сэко в Токио"), "vstrecha-galushki-i-seko-v-tokio");
        assert_eq!(slugify("Российско-японское «сотрудничество»!"), "rossiisko-iaponskoe-sotrudnichestvo");
        assert_eq!(slugify("На Дальнем Востоке объявили"), "na-dalnem-vostoke-obiavili");
    }

    #[test]
    fn long_headlines_are_cut_at_a_word() {
        let slug = slugify(&"сотрудничество ".repeat(20));
        assert!(slug.len() <= MAX_SLUG_LEN);
        assert!(!slug.ends_with('-'));
        assert!(is_valid_slug(&slug));
    }

    #[test]
    fn marks_and_invisible_characters_stay_inside_their_word() {
        // й typed as и + combining breve, at the start of a word and at its end.
        assert_eq!(slugify("И\u{0306}ошкар-Ола: новыи\u{0306} мост"), "ioshkar-ola-novyi-most");
        assert_eq!(slugify("И\u{0306}ошкар-Ола: новыи\u{0306} мост"), slugify("Йошкар-Ола: новый мост"));
        // Stress marks and a Zalgo stack.
        assert_eq!(slugify("за\u{0301}мок"), "zamok");
        assert_eq!(slugify("З\u{0337}\u{0322}а\u{0338}л\u{0335}г\u{0336}о\u{0334} текст"), "zalgo-tekst");
        // A soft hyphen, joiners and a right-to-left mark inside words.
        assert_eq!(
            slugify("сотруд\u{AD}ничество и\u{200D}нвести\u{200C}ции 2026\u{200F}"),
            "sotrudnichestvo-investitsii-2026"
        );
        // Vowel signs are combining marks that carry a sound.
        assert_eq!(slugify("हिन्दी समाचार"), "hindii-smaacaar");
    }

    #[test]
    fn right_to_left_and_emoji_headlines() {
        assert_eq!(slugify("مرحبا بالعالم 2026"), "mrhb-bl-lm-2026");
        assert_eq!(slugify("שלום עולם Galley 3"), "shlvm-vlm-galley-3");
        assert_eq!(slugify("👩🏽‍💻 Программистка 🇯🇵🇷🇺 в Токио 👨‍👩‍👧"), "programmistka-v-tokio");
    }

    #[test]
    fn nothing_usable_gives_a_fallback() {
        assert_eq!(slugify("🕛 🔍"), "article");
        assert_eq!(slugify(""), "article");
    }

    #[test]
    fn typed_slugs_are_checked() {
        assert!(is_valid_slug("vstrecha-2026"));
        assert!(!is_valid_slug("Встреча"));
        assert!(!is_valid_slug("a--b"));
        assert!(!is_valid_slug("-a"));
    }
}
