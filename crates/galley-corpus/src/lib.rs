//! A deterministic generator of realistic news articles, for benchmarks and tests.
//!
//! Galley's benchmarks import, search and list 100,000 articles; its tests need a handful that
//! look like the real thing. This crate makes both: Russian regional news in the style of a
//! Far East newsroom (about 90%) and some English, with real inflection (six cases, agreeing
//! adjectives, past-tense verbs by gender, numerals that govern their nouns), Zipf-like word
//! frequencies, set phrases, proper names with a long tail, and Markdown bodies whose sizes follow
//! a log-normal curve between 2 KB and 50 KB (median about 7 KB).
//!
//! * [`Corpus::article`] makes article `index` of a corpus from its seed alone: article 57,000
//!   does not need the 56,999 before it, and the same `(seed, index)` gives the same
//!   [`Draft`], byte for byte, on every machine and run.
//! * [`queries`] makes what journalists type into the search box, in Galley's query language.
//! * [`TAGS`] and [`SECTIONS`] are the newsroom's taxonomy that the articles use.
//! * [`long_body`] makes one article of any size (10 MB for the large-content tests) from the
//!   sample report's prose.
//!
//! What it must not do: read the clock, the environment or any file; iterate a `HashMap` or use
//! anything else whose order can change between runs; use floating-point maths (all choices are
//! integer draws from [`fastrand::Rng::with_seed`]); depend on any other Galley crate than
//! `galley-model`. Text is plausible, not true: people are invented from name banks (two real
//! officials from the fixture appear now and then), numbers are random, and links point to
//! `example.ru`/`example.com`.
//!
//! # Content model
//!
//! Each article draws a section, then a cast: a region and a city in it, a partner country, a
//! company, two or three people with positions (`губернатор Хабаровского края Михаил …`; first
//! mention with position and full name, then the surname or the position alone), an object
//! (`морской порт`, `перинатальный центр`), an indicator, an incident. Sentences come from
//! section-weighted templates (`X заявил, что …`, `По данным Росстата, …`, `«…», – уточнил …`)
//! that fill clauses from word banks in the right case, gender and number; banks are ordered by
//! frequency and drawn with Zipf weights, so a few hundred words make most of the text and
//! surnames, villages, streets and rare terms make a long tail.
//!
//! * headline: 6–14 words, no full stop; dek (one sentence) in 40%; lead: 1–2 sentences,
//!   150–400 characters;
//! * body: Markdown, 5–30 blocks: paragraphs, sometimes `## subheadings`, `- bullet` and
//!   `1. numbered` lists, `> «…» — said X` quotes, inline `[links](https://example.ru/news/…)` and
//!   `**bold**` lead-ins; between [`MIN_BODY_BYTES`] and [`MAX_BODY_BYTES`] of UTF-8;
//! * fields: byline of 1–2 staff names (80%), dateline (70%), 1–4 [`TAGS`], 0–3 related links,
//!   status published 60% / ready 10% / editing 10% / draft 15% / spiked 5%, `target_chars` (30%),
//!   a note (10%), a rare embargo, `published_at` for published articles; `id` is `None` and
//!   `slug` empty (the store makes them);
//! * time: `created_at` grows with the index from January 2016 to spring 2026 (with jitter of
//!   about half a step), `updated_at` follows by minutes to weeks.
//!
//! The output is pinned to this crate's banks and templates and to `fastrand` 2's generator:
//! editing a bank changes the corpus, so compare benchmark runs made with the same version.

mod en;
mod grammar;
mod long;
mod out;
mod query;
mod ru;
mod ru_vocab;

use galley_model::{ArticleFields, Draft, Related, Status, Timestamp};

use crate::out::{Out, Pick};

pub use crate::long::{LONG_BODY_NEEDLE, long_body};
pub use crate::query::queries;

/// The newsroom's tags: hierarchical, at most two levels, `/` between them.
pub const TAGS: &[&str] = &[
    "Регионы/Хабаровский край",
    "Регионы/Приморье",
    "Регионы/Сахалин",
    "Регионы/Амурская область",
    "Регионы/Камчатка",
    "Регионы/Якутия",
    "Регионы/ЕАО",
    "Регионы/Магадан",
    "Регионы/Чукотка",
    "Регионы/Забайкалье",
    "Регионы/Бурятия",
    "Экономика/Инвестиции",
    "Экономика/ТОР",
    "Экономика/Свободный порт",
    "Экономика/Бюджет",
    "Экономика/Малый бизнес",
    "Экономика/Экспорт",
    "Экономика/Рыболовство",
    "Политика",
    "Политика/Выборы",
    "Политика/Законодательство",
    "Япония",
    "Китай",
    "Южная Корея",
    "Энергетика",
    "Энергетика/Нефть и газ",
    "Энергетика/Энергомост",
    "Транспорт",
    "Транспорт/Авиация",
    "Транспорт/Севморпуть",
    "Общество/Здравоохранение",
    "Общество/Образование",
    "Общество/ЖКХ",
    "Общество/Соцподдержка",
    "Экология",
    "Происшествия",
    "Происшествия/ДТП",
    "Происшествия/Пожары",
    "Происшествия/Стихийные бедствия",
    "Культура",
    "Культура/Театр",
    "Спорт",
    "Спорт/Хоккей",
    "Спорт/Футбол",
    "Наука",
    "ВЭФ",
    "Арктика",
    "Туризм",
];

/// The newsroom's sections, most used first.
pub const SECTIONS: &[&str] = &[
    "Экономика",
    "Политика",
    "Общество",
    "Регионы",
    "Происшествия",
    "Культура",
    "Спорт",
    "В мире",
    "Наука",
    "Мнения",
];

/// How often each section is used, in the order of [`SECTIONS`].
const SECTION_WEIGHTS: &[u32] = &[22, 13, 16, 18, 10, 6, 6, 4, 3, 2];

/// Section indexes, for the writers.
pub(crate) mod sec {
    pub const ECON: usize = 0;
    pub const POL: usize = 1;
    pub const SOC: usize = 2;
    pub const REG: usize = 3;
    pub const INC: usize = 4;
    pub const CULT: usize = 5;
    pub const SPORT: usize = 6;
    pub const WORLD: usize = 7;
    pub const SCI: usize = 8;
}

/// Every body is at least this long, in UTF-8 bytes.
pub const MIN_BODY_BYTES: usize = 2 * 1024;

/// No body is longer than this, in UTF-8 bytes.
pub const MAX_BODY_BYTES: usize = 50 * 1024;

/// The corpus size [`Corpus::new`] spreads over the timeline.
pub const DEFAULT_COUNT: u64 = 100_000;

/// 2016-01-01T00:00:00Z, the first `created_at`.
const START: i64 = 1_451_606_400;
/// 2026-06-01T00:00:00Z; `created_at` stays 45 days before it.
const END: i64 = 1_780_272_000;

/// Body sizes: the log-normal (median 6.6 KB, σ 0.62) inverse CDF at 256 quantiles, clamped to
/// 2 KB..48 KB, so sizes come from integer interpolation and never from floating point.
const SIZE_QUANTILES: [u32; 257] = [
    2048, 2048, 2048, 2048, 2048, 2048, 2048, 2048, 2079, 2148, 2214, 2275, 2334, 2391, 2445, 2498, 2549,
    2599, 2647, 2694, 2740, 2785, 2829, 2872, 2915, 2956, 2998, 3038, 3078, 3118, 3157, 3196, 3234, 3272,
    3309, 3346, 3383, 3420, 3456, 3492, 3528, 3564, 3599, 3634, 3669, 3704, 3738, 3773, 3807, 3841, 3876,
    3909, 3943, 3977, 4011, 4044, 4078, 4111, 4145, 4178, 4211, 4244, 4278, 4311, 4344, 4377, 4410, 4443,
    4476, 4509, 4542, 4575, 4608, 4642, 4675, 4708, 4741, 4774, 4807, 4841, 4874, 4907, 4941, 4974, 5008,
    5041, 5075, 5109, 5143, 5177, 5211, 5245, 5279, 5313, 5347, 5382, 5416, 5451, 5486, 5521, 5556, 5591,
    5626, 5661, 5697, 5733, 5768, 5804, 5840, 5877, 5913, 5949, 5986, 6023, 6060, 6097, 6135, 6172, 6210,
    6248, 6286, 6325, 6363, 6402, 6441, 6480, 6520, 6560, 6600, 6640, 6680, 6721, 6762, 6803, 6844, 6886,
    6928, 6971, 7013, 7056, 7099, 7143, 7187, 7231, 7276, 7321, 7366, 7411, 7457, 7504, 7550, 7598, 7645,
    7693, 7741, 7790, 7839, 7889, 7939, 7990, 8041, 8093, 8145, 8197, 8251, 8304, 8359, 8413, 8469, 8525,
    8582, 8639, 8697, 8756, 8815, 8875, 8936, 8997, 9059, 9123, 9186, 9251, 9317, 9383, 9451, 9519, 9588,
    9659, 9730, 9802, 9876, 9950, 10026, 10103, 10182, 10261, 10342, 10424, 10508, 10593, 10680, 10769,
    10859, 10951, 11045, 11140, 11238, 11337, 11439, 11543, 11650, 11759, 11870, 11984, 12101, 12221, 12345,
    12471, 12601, 12735, 12872, 13014, 13160, 13311, 13467, 13628, 13795, 13968, 14148, 14334, 14528, 14731,
    14942, 15164, 15396, 15639, 15896, 16167, 16454, 16759, 17085, 17433, 17808, 18214, 18655, 19139, 19674,
    20271, 20946, 21721, 22629, 23723, 25090, 26900, 29546, 34340, 49152,
];

/// A calendar date (UTC): month `0..12`, day `1..=31`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Civil {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

impl Civil {
    /// The date of a Unix time.
    pub fn of(secs: i64) -> Civil {
        // Howard Hinnant's civil_from_days.
        let z = secs.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Civil {
            year: u32::try_from(year).unwrap_or(2016),
            month: u32::try_from(month - 1).unwrap_or(0),
            day: u32::try_from(day).unwrap_or(1),
        }
    }
}

/// What a language's writer offers the article assembly.
pub(crate) trait Writer {
    fn out(&mut self) -> &mut Out;
    fn pick(&mut self) -> &mut Pick;
    /// A sentence of running text, ending in a full stop.
    fn sentence(&mut self);
    /// A sentence fit to open the article.
    fn lead_sentence(&mut self);
    /// A headline, without a full stop.
    fn headline(&mut self);
    /// The text of a `##` subheading.
    fn subheading(&mut self);
    /// The line before a list, ending in a colon.
    fn list_intro(&mut self, items: u32);
    fn list_item(&mut self, numbered: bool, last: bool);
    /// A quotation with attribution: `«…» — said X.`
    fn quote_block(&mut self);
    /// A bold lead-in such as `**Справка.**`.
    fn bold_lead_in(&mut self);
    /// A sentence with an inline Markdown link.
    fn link_phrase(&mut self);
    fn dateline(&self) -> String;
    fn tags(&mut self) -> Vec<&'static str>;
    fn byline_name(&mut self) -> String;
    fn note(&mut self) -> String;
}

/// The article generator. Holds only the seed and the corpus size; every article is made from
/// `(seed, index)` alone.
#[derive(Debug, Clone)]
pub struct Corpus {
    seed: u64,
    count: u64,
}

impl Corpus {
    /// A corpus whose timeline is spread for [`DEFAULT_COUNT`] articles.
    pub fn new(seed: u64) -> Corpus {
        Corpus::with_count(seed, DEFAULT_COUNT)
    }

    /// A corpus of `count` articles: `created_at` grows with the index from 2016 to 2026, so a
    /// small corpus also covers the whole period. Indexes past `count` get random times.
    pub fn with_count(seed: u64, count: u64) -> Corpus {
        Corpus { seed, count: count.max(1) }
    }

    /// Article `index`: the same `(seed, index)` always gives the same draft.
    pub fn article(&mut self, index: u64) -> Draft {
        let mut p = Pick::new(mix(self.seed, index));
        let english = p.pct(10);
        let section = p.weighted(SECTION_WEIGHTS);
        let (created, updated) = self.times(&mut p, index);
        let status = [Status::Published, Status::Ready, Status::Editing, Status::Draft, Status::Spiked]
            [p.weighted(&[60, 10, 10, 15, 5])];
        let target = body_target(&mut p);
        let date = Civil::of(created);
        let yo = p.pct(30);
        let mut fields = if english {
            let mut w = en::En::new(p, section, date);
            compose(&mut w, target)
        } else {
            let mut w = ru::Ru::new(p, section, date, yo);
            compose(&mut w, target)
        };
        fields.language = if english { "en" } else { "ru" }.to_owned();
        fields.section = SECTIONS[section].to_owned();
        fields.status = status;
        // The remaining choices come from a second stream so they do not depend on the text.
        let mut q = Pick::new(mix(self.seed ^ 0x5bd1_e995, index));
        if status == Status::Published {
            let delay = i64::from(q.below(u32::try_from((updated - created).clamp(1, 86_400)).unwrap_or(1)));
            fields.published_at = Some(ts(created + delay));
        }
        if matches!(status, Status::Ready | Status::Published) && q.permille(15) {
            fields.embargo_until = Some(ts(created + i64::from(q.range(1, 72)) * 3600));
        }
        if q.pct(30) {
            fields.target_chars = Some(q.range(4, 15) * 500);
        }
        Draft { id: None, created_at: Some(ts(created)), updated_at: Some(ts(updated)), fields }
    }

    /// `created_at` and `updated_at` of article `index`, as Unix seconds.
    fn times(&self, p: &mut Pick, index: u64) -> (i64, i64) {
        let span = END - START - 45 * 86_400;
        let count = i64::try_from(self.count).unwrap_or(i64::MAX);
        let base = match i64::try_from(index) {
            Ok(i) if i < count => START + i128_to_i64(i128::from(i) * i128::from(span) / i128::from(count)),
            _ => START + p.rng.i64(0..span),
        };
        let half_step = span / count / 2 + 6 * 3600;
        let created = (base + p.rng.i64(-half_step..=half_step)).clamp(START, START + span);
        let delta = match p.weighted(&[55, 30, 15]) {
            0 => i64::from(p.range(5, 240)) * 60,
            1 => i64::from(p.range(4, 72)) * 3600,
            _ => i64::from(p.range(3, 45)) * 86_400,
        };
        (created, created + delta)
    }
}

fn i128_to_i64(x: i128) -> i64 {
    i64::try_from(x).unwrap_or(i64::MAX)
}

fn ts(secs: i64) -> Timestamp {
    Timestamp::from_second(secs).expect("corpus times are within 2016..2027")
}

/// Mixes a seed and an index into an independent stream seed (SplitMix64 finaliser).
fn mix(seed: u64, index: u64) -> u64 {
    let mut z = seed ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15).wrapping_add(0x6a09_e667_f3bc_c909);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The body size to write, in bytes, from the log-normal table.
fn body_target(p: &mut Pick) -> usize {
    let r = p.rng.u32(..);
    let bucket = (r >> 24) as usize;
    let frac = u64::from(r & 0x00ff_ffff);
    let lo = u64::from(SIZE_QUANTILES[bucket]);
    let hi = u64::from(SIZE_QUANTILES[bucket + 1]);
    usize::try_from(lo + (hi - lo) * frac / (1 << 24)).expect("sizes fit in usize")
}

/// Words in a headline: runs containing a letter or digit (a dash is not a word).
pub(crate) fn word_count(s: &str) -> usize {
    s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// Writes all the fields of an article with `w`.
fn compose<W: Writer>(w: &mut W, target: usize) -> ArticleFields {
    let headline = headline(w);
    let dek = if w.pick().pct(40) { dek(w) } else { String::new() };
    let lead = lead(w);
    let body = body(w, target);
    let byline = if w.pick().pct(80) {
        let mut names = vec![w.byline_name()];
        if w.pick().pct(15) {
            let second = w.byline_name();
            if second != names[0] {
                names.push(second);
            }
        }
        names
    } else {
        Vec::new()
    };
    let dateline = if w.pick().pct(70) { w.dateline() } else { String::new() };
    let tags = w.tags().into_iter().map(str::to_owned).collect();
    let related = related(w);
    let note = if w.pick().pct(10) { w.note() } else { String::new() };
    ArticleFields {
        slug: String::new(),
        headline,
        dek,
        lead,
        body,
        byline,
        dateline,
        tags,
        related,
        note,
        ..ArticleFields::default()
    }
}

fn headline<W: Writer>(w: &mut W) -> String {
    let mut best = String::new();
    for _ in 0..16 {
        w.headline();
        let h = w.out().take();
        let n = word_count(&h);
        if (6..=14).contains(&n) {
            return h;
        }
        if best.is_empty() || n.abs_diff(10) < word_count(&best).abs_diff(10) {
            best = h;
        }
    }
    // Practically never reached: trim or pad the closest candidate.
    let mut words: Vec<&str> = best.split_whitespace().collect();
    words.truncate(14);
    let mut h = words.join(" ");
    while word_count(&h) < 6 {
        h.push_str(" и другие новости");
    }
    h.trim_end_matches(['.', ',', ':', ';']).to_owned()
}

fn dek<W: Writer>(w: &mut W) -> String {
    let mut d = String::new();
    for _ in 0..6 {
        w.sentence();
        d = w.out().take();
        if d.chars().count() <= 260 && !d.contains('[') {
            break;
        }
    }
    d
}

/// One or two sentences of 150–400 characters.
fn lead<W: Writer>(w: &mut W) -> String {
    let mut best = String::new();
    for _ in 0..30 {
        w.lead_sentence();
        if w.out().s.chars().count() < 150 {
            w.sentence();
        }
        let l = w.out().take();
        let n = l.chars().count();
        if (150..=400).contains(&n) && !l.contains('[') {
            return l;
        }
        if (150..=400).contains(&n) || best.is_empty() {
            best = l;
        }
    }
    // Practically never reached: cut at a word boundary or pad.
    while best.chars().count() < 150 {
        best.push_str(" Подробности уточняются.");
    }
    if best.chars().count() > 400 {
        let cut: String = best.chars().take(396).collect();
        let end = cut.rfind(' ').unwrap_or(cut.len());
        best = format!("{}…", cut[..end].trim_end_matches([',', ' ', '–']));
    }
    best
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Paragraph,
    Subheading,
    Bullets,
    Numbered,
    Quote,
}

/// A Markdown body of at least `target` bytes (and at most [`MAX_BODY_BYTES`]).
fn body<W: Writer>(w: &mut W, target: usize) -> String {
    let per_block = w.pick().range(650, 1300) as usize;
    let blocks = (target / per_block).clamp(5, 30);
    let subheads = blocks >= 8 && w.pick().pct(40);
    let mut previous = Block::Paragraph;
    for i in 0..blocks {
        let len = w.out().s.len();
        if i >= 5 && len >= target {
            break;
        }
        let last = i + 1 == blocks;
        let kind = if i == 0 || last || previous != Block::Paragraph {
            Block::Paragraph
        } else {
            let p = w.pick();
            let sub = if subheads && i >= 2 { 14 } else { 0 };
            [Block::Paragraph, Block::Subheading, Block::Bullets, Block::Numbered, Block::Quote]
                [p.weighted(&[76, sub, 4, 2, 7])]
        };
        if i > 0 {
            w.out().s.push_str("\n\n");
        }
        let budget = target.saturating_sub(len) / (blocks - i);
        match kind {
            Block::Paragraph => paragraph(w, budget, last.then_some(target)),
            Block::Subheading => {
                w.out().s.push_str("## ");
                w.subheading();
            }
            Block::Bullets | Block::Numbered => {
                let n = w.pick().range(3, 6);
                w.list_intro(n);
                w.out().s.push_str("\n\n");
                for k in 1..=n {
                    if kind == Block::Numbered {
                        let out = w.out();
                        out.num(u64::from(k));
                        out.j(". ");
                    } else {
                        w.out().s.push_str("- ");
                    }
                    w.list_item(kind == Block::Numbered, k == n);
                    if k < n {
                        w.out().s.push('\n');
                    }
                }
            }
            Block::Quote => {
                w.out().s.push_str("> ");
                w.quote_block();
            }
        }
        previous = kind;
    }
    // The last block may have been a short one: top up with a paragraph.
    if w.out().s.len() < target {
        w.out().s.push_str("\n\n");
        paragraph(w, 0, Some(target));
    }
    w.out().take()
}

/// Sentences until the paragraph reaches `budget` bytes, or the body reaches `until` bytes.
fn paragraph<W: Writer>(w: &mut W, budget: usize, until: Option<usize>) {
    let start = w.out().s.len();
    if start > 0 && w.pick().permille(25) {
        w.bold_lead_in();
    }
    loop {
        let before = w.out().s.len();
        if w.pick().permille(15) {
            w.link_phrase();
        } else {
            w.sentence();
        }
        let out = w.out();
        if out.s.len() > MAX_BODY_BYTES {
            out.s.truncate(before);
            if before == start {
                let trimmed = out.s.trim_end().len();
                out.s.truncate(trimmed);
            }
            return;
        }
        let done = match until {
            Some(total) => out.s.len() >= total,
            None => out.s.len() - start >= budget,
        };
        if done {
            return;
        }
    }
}

/// Zero to three "see also" links.
fn related<W: Writer>(w: &mut W) -> Vec<Related> {
    let n = w.pick().weighted(&[40, 30, 20, 10]);
    let mut links = Vec::with_capacity(n);
    for _ in 0..n {
        w.headline();
        let title = w.out().take();
        let russian = w.out().russian;
        let p = w.pick();
        let id = 100_000 + p.below(900_000);
        let url = if russian {
            match p.below(3) {
                0 => format!("https://example.ru/news/{id}"),
                1 => format!(
                    "https://example.ru/{}/{}/{id}",
                    ["economy", "society", "politics", "region"][p.idx(4)],
                    2016 + p.below(11)
                ),
                _ => format!("https://news.example.ru/articles/{id}"),
            }
        } else {
            format!("https://example.com/news/{id}")
        };
        links.push(Related { title, url });
    }
    links
}
