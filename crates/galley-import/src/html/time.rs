//! A page's publication time, in the formats pages write it.

use galley_model::Timestamp;
use jiff::fmt::rfc2822::DateTimeParser;

/// A publication time as pages write it, and whether its time zone was guessed (read as UTC):
/// RFC 3339 and ISO 8601 (with or without a zone, a date alone, `20100812`), RFC 2822
/// (`Thu, 06 Oct 2011 08:10:27 EST`) and `2014-01-26 21:32:46 UTC`.
pub(super) fn parse(raw: &str) -> Option<(Timestamp, bool)> {
    let text = raw.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(time) = text.parse::<Timestamp>() {
        return Some((time, false));
    }
    for zone in [" UTC", " GMT", "UTC", "GMT"] {
        if let Some(local) = text.strip_suffix(zone)
            && let Ok(time) = format!("{}Z", local.trim_end()).parse::<Timestamp>()
        {
            return Some((time, false));
        }
    }
    if let Some(time) = parse_rfc2822(text) {
        return Some((time, false));
    }
    // ISO 8601's basic format: `20100812`, `20180619T055000+0900`.
    let digits = |range: std::ops::Range<usize>| {
        text.get(range).is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
    };
    let text = if digits(0..8) && (text.len() == 8 || text[8..].starts_with('T') && digits(9..15)) {
        let time = text.get(9..15).map(|t| format!("T{}:{}:{}{}", &t[..2], &t[2..4], &t[4..], &text[15..]));
        format!("{}-{}-{}{}", &text[..4], &text[4..6], &text[6..8], time.unwrap_or_default())
    } else {
        text.to_owned()
    };
    if let Ok(time) = text.parse::<Timestamp>() {
        return Some((time, false));
    }
    let guessed = [format!("{text}Z"), format!("{text}T00:00:00Z")];
    guessed.iter().find_map(|utc| utc.parse::<Timestamp>().ok()).map(|time| (time, true))
}

/// jiff's RFC 2822 parser.
static RFC2822: DateTimeParser = DateTimeParser::new();

/// RFC 2822 dates (`Thu, 06 Oct 2011 08:10:27 EST`), read by jiff, with the zone names pages use.
///
/// jiff reads RFC 2822's own names (UT, GMT, Z and the US zones EST … PDT) and, as the RFC asks,
/// any other name as an unknown offset, which it gives as UTC: a page's `CET` or `BST` would be an
/// hour or more off. So only those names are read, and AST (Atlantic, in the same US list), which
/// jiff does not know, as its offset; a date with any other name is no date.
fn parse_rfc2822(text: &str) -> Option<Timestamp> {
    // Pages write the weekday in full too (`Thursday, 06 Oct 2011`), or a wrong one: it says nothing
    // the date does not.
    let text = text.split_once(", ").filter(|(day, _)| day.len() <= 9).map_or(text, |(_, rest)| rest);
    let (rest, zone) = text.rsplit_once(' ')?;
    let offset = match zone.to_ascii_uppercase().as_str() {
        "UT" | "GMT" | "Z" | "EST" | "EDT" | "CST" | "CDT" | "MST" | "MDT" | "PST" | "PDT" => zone,
        "AST" => "-0400",
        _ if zone.starts_with(['+', '-']) => zone,
        _ => return None,
    };
    RFC2822.parse_timestamp(format!("{rest} {offset}")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_formats_pages_use() {
        let utc = |s: &str| s.parse::<Timestamp>().unwrap();
        for (raw, time, guessed) in [
            ("2016-11-01T10:00:00+03:00", "2016-11-01T07:00:00Z", false),
            ("2013-12-30T14:42:01-0700", "2013-12-30T21:42:01Z", false),
            ("2019-11-20 13:42:06+08:00", "2019-11-20T05:42:06Z", false),
            ("2014-01-26 21:32:46 UTC", "2014-01-26T21:32:46Z", false),
            ("Thu, 06 Oct 2011 08:10:27 EST", "2011-10-06T13:10:27Z", false),
            ("06 Oct 2011 08:10 +0200", "2011-10-06T06:10:00Z", false),
            ("2014-10-02T14:52:39.4770000", "2014-10-02T14:52:39.477Z", true),
            ("2011-09-21", "2011-09-21T00:00:00Z", true),
            ("20100812", "2010-08-12T00:00:00Z", true),
            ("20180619T055000+0900", "2018-06-18T20:50:00Z", false),
        ] {
            assert_eq!(parse(raw), Some((utc(time), guessed)), "{raw}");
        }
        for raw in ["", "Tuesday, Aug. 17, 2010", "2021-01-03T17:40:00EET", "вчера"] {
            assert_eq!(parse(raw), None, "{raw}");
        }
    }

    #[test]
    fn rfc_2822_zones_are_its_own_names_and_ast_never_a_guess() {
        let utc = |s: &str| Some((s.parse::<Timestamp>().unwrap(), false));
        assert_eq!(parse("Tue, 17 Aug 2010 12:00:00 PDT"), utc("2010-08-17T19:00:00Z"));
        assert_eq!(parse("Thursday, 06 Oct 2011 08:10:27 edt"), utc("2011-10-06T12:10:27Z"));
        assert_eq!(parse("06 Oct 2011 08:10:27 AST"), utc("2011-10-06T12:10:27Z"));
        assert_eq!(parse("06 Oct 2011 08:10:27 GMT"), utc("2011-10-06T08:10:27Z"));
        // jiff alone would read these as UTC, hours off.
        for raw in ["06 Oct 2011 08:10:27 CET", "06 Oct 2011 08:10:27 BST", "06 Oct 2011 08:10:27 A"] {
            assert_eq!(parse(raw), None, "{raw}");
        }
    }
}
