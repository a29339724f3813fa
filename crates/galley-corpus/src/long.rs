//! One very long article: Russian news prose of any size, for what large content does to the
//! store, the renderer and the exports (the `large` tests and benchmark).

use std::fmt::Write as _;

/// The sample report: the prose the long article is made of.
const SAMPLE: &str = include_str!("../../../fixtures/galushka-seko-meeting.txt");

/// A word found once, in the middle of the long article.
pub const LONG_BODY_NEEDLE: &str = "Кривохатьково";

/// Russian news prose of about `bytes` bytes: the sample's paragraphs in a different order and
/// with their sentences turned in every part (so no two parts are the same text), each part with
/// a heading, a list of three and a link; [`LONG_BODY_NEEDLE`] once in the middle. Returns the
/// body and the number of parts.
pub fn long_body(bytes: usize) -> (String, usize) {
    let paragraphs: Vec<&str> =
        SAMPLE.lines().map(str::trim).filter(|line| line.chars().count() > 80).collect();
    let mut body = String::with_capacity(bytes + 8_192);
    let mut needle = false;
    let mut part = 0usize;
    // Writing to a String cannot fail.
    while body.len() < bytes {
        part += 1;
        let _ = writeln!(body, "## Часть {part}. Сотрудничество на Дальнем Востоке\n");
        for n in 0..paragraphs.len() {
            let mut sentences: Vec<&str> =
                paragraphs[(n + part) % paragraphs.len()].split_inclusive(". ").collect();
            let turn = part % sentences.len();
            sentences.rotate_left(turn);
            let _ = writeln!(body, "{}\n", sentences.concat().trim());
        }
        let _ = writeln!(
            body,
            "- проект {part}: инвестиции в ТОРы\n- проект {}: Свободный порт Владивосток\n- встреча №{part} в Токио\n",
            part + 1
        );
        let _ = writeln!(body, "Подробнее: [материал {part}](https://example.ru/news/{part}).\n");
        if !needle && body.len() >= bytes / 2 {
            let _ = writeln!(body, "Делегация посетила {LONG_BODY_NEEDLE} и порт Ванино.\n");
            needle = true;
        }
    }
    (body, part)
}
