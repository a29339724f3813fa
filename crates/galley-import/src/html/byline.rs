//! The names in a byline as pages print it, without labels, dates, handles and addresses.

use super::normalize_spaces;

/// Words that label a byline rather than name anyone: `By`, `Par`, `Автор:`, ….
const BYLINE_LABELS: &[&str] = &[
    "by",
    "written by",
    "posted by",
    "author",
    "authors",
    "von",
    "par",
    "por",
    "door",
    "di",
    "autor",
    "autori",
    "автор",
    "авторы",
    "текст",
];

/// Words a byline trails when a date was printed after the name (`By Ann Lee on Tuesday, Aug. 17,
/// 2010`): cut at the first digit, these are left.
const BYLINE_DATE_WORDS: &[&str] = &[
    "on",
    "at",
    "updated",
    "published",
    "posted",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The names in a byline as pages print it: `By Ann Lee and Bob Stone, CNN | Aug. 17, 2010 @ann`
/// is `["Ann Lee", "Bob Stone", "CNN"]`. Dates, handles and site addresses are not names.
pub(super) fn names(raw: &str) -> Vec<String> {
    let mut text = normalize_spaces(raw);
    // What follows a date, a handle or a separator is not a name (the date itself neither).
    for cut in [" | ", " - ", " – ", " — ", " / ", "@"] {
        if let Some(at) = text.find(cut) {
            text.truncate(at);
        }
    }
    if let Some(at) = text.find(|c: char| c.is_ascii_digit()) {
        text.truncate(at);
    }
    loop {
        let trimmed = text.trim_end_matches([' ', ',', '.', ';', ':']);
        let last = trimmed.rsplit(' ').next().unwrap_or_default();
        if last.is_empty() || !BYLINE_DATE_WORDS.contains(&last.to_lowercase().as_str()) {
            text.truncate(trimmed.len());
            break;
        }
        text.truncate(trimmed.len() - last.len());
    }
    let mut names: Vec<String> = Vec::new();
    for part in split_names(&text) {
        let mut part = part.trim();
        while let Some(label) = BYLINE_LABELS.iter().find(|label| {
            part.get(..label.len()).is_some_and(|head| head.to_lowercase() == **label)
                && part[label.len()..].chars().next().is_none_or(|c| c == ' ' || c == ':')
        }) {
            part = part[label.len()..].trim_start_matches([' ', ':']);
        }
        let part = part.trim_end_matches([' ', ',', '.', ';', ':']).to_owned();
        let site_address = !part.contains(' ')
            && (part.contains("://")
                || part.rsplit_once('.').is_some_and(|(name, tld)| {
                    !name.is_empty()
                        && (2..=6).contains(&tld.len())
                        && tld.chars().all(|c| c.is_ascii_alphabetic())
                }));
        if part.chars().any(char::is_alphabetic) && !site_address && !names.contains(&part) {
            names.push(part);
        }
    }
    names
}

/// A byline's parts: `A, B and C` → `A`, `B`, `C`.
fn split_names(text: &str) -> Vec<&str> {
    let mut parts = vec![text];
    for separator in [",", ";", " and ", " & ", " и ", " y ", " et ", " und "] {
        parts = parts.into_iter().flat_map(|p| p.split(separator)).collect();
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_are_names() {
        for (raw, expected) in [
            ("Иван Петров", &["Иван Петров"][..]),
            ("Текст: Мария Иванова", &["Мария Иванова"]),
            ("By  Ed Hornick, CNN", &["Ed Hornick", "CNN"]),
            ("Joan\u{a0}Biskupic", &["Joan Biskupic"]),
            (
                "Dana A. Ford, James S.A. Corey, and Tom Watkins, CNN",
                &["Dana A. Ford", "James S.A. Corey", "Tom Watkins", "CNN"],
            ),
            ("By: Marguerite Reardon August 18, 2010 3:21 PM PDT Print E-mail", &["Marguerite Reardon"]),
            ("By Seth Fiegerman2014-01-26 21:32:46 UTC", &["Seth Fiegerman"]),
            ("By Griffin McElroy @griffinmcelroy on June 26, 2014 at 9:00a", &["Griffin McElroy"]),
            ("By Bryan Walsh Tuesday, Aug. 17, 2010", &["Bryan Walsh"]),
            (
                "By JORDAN ROBERTSON and RACHEL METZ - AP Technology Writers | AP – 1 hr 4 mins ago",
                &["JORDAN ROBERTSON", "RACHEL METZ"],
            ),
            ("by David Gura | Apr 19, 2013", &["David Gura"]),
            ("9:39AM BST 05 Oct 2011", &[]),
            ("lefigaro.fr", &[]),
            ("Authors", &[]),
        ] {
            assert_eq!(names(raw), expected, "{raw}");
        }
    }
}
