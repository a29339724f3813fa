//! The headline in a page's title, without the site's name and sections around it.

use super::{is_han_or_kana, normalize_spaces};

/// The headline in a page's title: titles carry the site's name and sections (`Headline - Site`,
/// `Site | Headline`, `Headline » Section » Site`). The part that is the page's own `<h1>` is the
/// headline; else the title less the site's name; else the title as it is.
pub(super) fn headline(title: &str, site_name: Option<&str>, h1: &[String]) -> String {
    let title = normalize_spaces(title);
    let site = site_name.map(normalize_spaces).unwrap_or_default();
    // A heading of one word is the site's logo or a section's name, not the headline.
    let headline_like = |text: &str| {
        text.split_whitespace().count() >= 2 || text.chars().filter(|&c| is_han_or_kana(c)).count() >= 4
    };
    let mut best: Option<&str> = None;
    for heading in
        h1.iter().map(String::as_str).filter(|h| headline_like(h) && !h.eq_ignore_ascii_case(&site))
    {
        let fits = heading == title
            || title.strip_prefix(heading).is_some_and(|rest| separated(rest.trim_start(), true))
            || title.strip_suffix(heading).is_some_and(|rest| separated(rest.trim_end(), false));
        if fits && best.is_none_or(|b| heading.len() > b.len()) {
            best = Some(heading);
        }
    }
    if let Some(heading) = best {
        return heading.to_owned();
    }
    // The title's first part, where the `<h1>` starts with it: the `<h1>` ran on into something
    // else (a logo's text, a kicker), the title's separator marks where the headline ends.
    let firsts = title.match_indices(' ').map(|(at, _)| at).filter(|&at| {
        let after = &title[at + 1..];
        let rest = after.trim_start_matches(is_title_separator);
        rest.len() < after.len() && rest.starts_with(' ')
    });
    if let Some(first) = firsts
        .map(|at| title[..at].trim_end())
        .filter(|first| headline_like(first) && h1.iter().any(|h| h.starts_with(first)))
        .max_by_key(|first| first.len())
    {
        return first.to_owned();
    }
    if !site.is_empty() {
        if let Some(rest) = title.strip_suffix(site.as_str())
            && separated(rest.trim_end(), false)
        {
            return rest.trim_end().trim_end_matches(is_title_separator).trim_end().to_owned();
        }
        if let Some(rest) = title.strip_prefix(site.as_str())
            && separated(rest.trim_start(), true)
        {
            return rest.trim_start().trim_start_matches(is_title_separator).trim_start().to_owned();
        }
    }
    title
}

/// Whether `rest` (what a title has beside a part of it) begins (or ends) with a separator and
/// has more than separators.
fn separated(rest: &str, at_start: bool) -> bool {
    let separator = if at_start { rest.chars().next() } else { rest.chars().next_back() };
    separator.is_some_and(is_title_separator) && rest.chars().any(|c| c.is_alphanumeric())
}

fn is_title_separator(c: char) -> bool {
    matches!(c, '|' | '-' | '–' | '—' | '»' | '«' | '·' | '•' | ':' | '：' | '/' | '\\' | '~' | '‹' | '›')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headline_is_the_title_without_the_site() {
        let h1 = |h: &[&str]| h.iter().map(|h| h.to_string()).collect::<Vec<_>>();
        // The part of the title that is the page's <h1>, on either side, whatever the separator.
        assert_eq!(
            headline("Five Lessons for Business - BusinessWeek", None, &h1(&["Five Lessons for Business"])),
            "Five Lessons for Business"
        );
        assert_eq!(
            headline("TechCrunch | Zuckerberg Didn’t Want It", None, &h1(&["Zuckerberg Didn’t Want It"])),
            "Zuckerberg Didn’t Want It"
        );
        assert_eq!(
            headline(
                "短缺药品保供稳价 全力保障临床用药需求-新华网",
                None,
                &h1(&["短缺药品保供稳价 全力保障临床用药需求"])
            ),
            "短缺药品保供稳价 全力保障临床用药需求"
        );
        assert_eq!(
            headline(
                "2012 map takes shape - Maggie Haberman",
                None,
                &h1(&["POLITICO", "2012 map takes shape"])
            ),
            "2012 map takes shape"
        );
        assert_eq!(
            headline("Voice interfaces • Dustin Curtis", None, &h1(&["Dustin", "Voice interfaces"])),
            "Voice interfaces"
        );
        // A logo in the <h1> is not the headline; the site's name is dropped instead.
        assert_eq!(
            headline("Polygon | Shovel Knight review", Some("Polygon"), &h1(&["Polygon"])),
            "Shovel Knight review"
        );
        assert_eq!(
            headline("Shovel Knight review: rewrite history | Polygon", Some("Polygon"), &[]),
            "Shovel Knight review: rewrite history"
        );
        // An <h1> that runs on past the title's first part.
        assert_eq!(
            headline(
                "Mayor opens bridge » Local » News » City Daily",
                None,
                &h1(&["Mayor opens bridgeCity Daily"])
            ),
            "Mayor opens bridge"
        );
        assert_eq!(
            headline("Mayor opens Earthquake-Proof bridge", None, &h1(&["Mayor opens Earthquake and more"])),
            "Mayor opens Earthquake-Proof bridge"
        );
        // A heading that is only part of a phrase, or no separator: the title stays whole.
        assert_eq!(
            headline("Mayor opens the bridge today", None, &h1(&["Mayor opens the"])),
            "Mayor opens the bridge today"
        );
        assert_eq!(headline("Встреча  Галушки и Сэко", Some("Сайт"), &[]), "Встреча Галушки и Сэко");
    }
}
