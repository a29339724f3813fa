//! Slugs: short, URL-safe names made from headlines, Cyrillic transliterated.

/// The longest slug made from a headline, in bytes (all ASCII).
pub const MAX_SLUG_LEN: usize = 80;

/// Makes a slug from a headline: `"Встреча Галушки и Сэко"` → `"vstrecha-galushki-i-seko"`.
///
/// Returns `"article"` when nothing usable is left (a headline of emoji, say).
pub fn slugify(headline: &str) -> String {
    // Only letters and digits are transliterated: emoji and symbols would become words ("clock12").
    // Soft and hard signs have no Latin letter (GOST and newsroom practice drop them): "Дальнем" → "dalnem".
    let ascii: String = headline
        .chars()
        .filter(|c| !matches!(c, 'ь' | 'ъ' | 'Ь' | 'Ъ'))
        .map(|c| if c.is_alphanumeric() { deunicode::deunicode_char(c).unwrap_or(" ") } else { " " })
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
