//! Search queries as journalists type them, in Galley's query language.

use crate::grammar::{CASES, Case};
use crate::out::Pick;
use crate::ru_vocab::{Origin, vocab};
use crate::{SECTIONS, TAGS, en, ru};

/// The kinds of query and how many of every hundred are of each kind.
const MIX: &[(Kind, u32)] = &[
    (Kind::Common, 30),
    (Kind::Rare, 10),
    (Kind::Words, 15),
    (Kind::Phrase, 8),
    (Kind::Prefix, 7),
    (Kind::Exclude, 5),
    (Kind::Filtered, 15),
    (Kind::English, 7),
    (Kind::Nothing, 3),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Common,
    Rare,
    Words,
    Phrase,
    Prefix,
    Exclude,
    Filtered,
    English,
    Nothing,
}

/// Words no article contains (typos, other fields, nonsense).
const NOTHING: &[&str] = &[
    "синхрофазотрон",
    "кринолин",
    "инвистиции",
    "фотосинтез водорослей",
    "бегемотоводство",
    "xyzzy",
    "квазикристалл",
    "пингвины антарктиды",
    "сотрудничиство",
    "teleportation",
    "марсоход",
    "дирижаблестроение",
];

/// Search queries for benchmarks and tests: `count` of them, the same for the same seed.
///
/// The mix, per hundred queries:
///
/// * 30 — one common word, inflected as the text may not have it (`сотрудничество` where the
///   text says `сотрудничества`; `инвестициями`, `порту`, `хабаровске`);
/// * 10 — one rare word: a surname from the tail of the bank, a foreign name, a company, a rare
///   term (`Мураяма`, `Дальрыбпром`, `дноуглубление`); these find few articles;
/// * 15 — two or three words (`инвестиции приморье`, `строительство моста хабаровск`);
/// * 8 — a quoted phrase from the generator's phrase bank (`"Северного морского пути"`);
/// * 7 — a prefix (`сотруд*`, `инвест*`);
/// * 5 — an exclusion (`сахалин -хоккайдо`);
/// * 15 — filters, mostly with words: `tag:Регионы/Приморье`, `tag:Япония`, `status:published`,
///   `section:Экономика`, `lang:en`, `after:2024-01-01`, `before:2020-01-01`;
/// * 7 — English words, phrases and names, some with `lang:en`;
/// * 3 — queries that find nothing (typos and words the generator never writes).
pub fn queries(seed: u64, count: usize) -> Vec<String> {
    let mut p = Pick::new(seed ^ 0x7175_6572_7973);
    let weights: Vec<u32> = MIX.iter().map(|&(_, w)| w).collect();
    (0..count)
        .map(|_| {
            let kind = MIX[p.weighted(&weights)].0;
            query(&mut p, kind)
        })
        .collect()
}

fn query(p: &mut Pick, kind: Kind) -> String {
    match kind {
        Kind::Common => common_word(p),
        Kind::Rare => rare_word(p),
        Kind::Words => {
            let mut q = format!("{} {}", common_word(p), place_word(p));
            if p.pct(30) {
                q = format!("{} {}", q, common_word(p));
            }
            q
        }
        Kind::Phrase => {
            let phrase = *p.one(ru::PHRASES);
            let phrase = if p.pct(50) { phrase.to_lowercase() } else { phrase.to_owned() };
            format!("\"{phrase}\"")
        }
        Kind::Prefix => prefix(p),
        Kind::Exclude => {
            const PAIRS: &[(&str, &str)] = &[
                ("сахалин", "хоккайдо"),
                ("инвестиции", "китай"),
                ("порт", "владивосток"),
                ("япония", "энергомост"),
                ("хабаровск", "пожар"),
                ("строительство", "школы"),
                ("форум", "ВЭФ"),
                ("амур", "хоккей"),
            ];
            if p.pct(50) {
                let (a, b) = *p.one(PAIRS);
                format!("{a} -{b}")
            } else {
                format!("{} -{}", common_word(p), place_word(p))
            }
        }
        Kind::Filtered => filtered(p),
        Kind::English => english(p),
        Kind::Nothing => (*p.one(NOTHING)).to_owned(),
    }
}

/// A frequent Russian word in some case.
fn common_word(p: &mut Pick) -> String {
    let v = vocab();
    let case = CASES[p.idx(6)];
    let pl = p.pct(25);
    let word = match p.weighted(&[30, 20, 25, 10, 15]) {
        0 => v.topics.nouns[p.zipf(v.topics.nouns.len())].form(case, pl),
        1 => v.procs[p.zipf(v.procs.len())].form(case, false),
        2 => {
            let fam = v.objects(p.idx(3));
            fam.nouns[p.zipf(fam.nouns.len())].form(case, pl)
        }
        3 => v.people.nouns[p.zipf(v.people.nouns.len())].form(case, true),
        _ => v.events.nouns[p.zipf(v.events.nouns.len())].form(case, pl),
    };
    word.to_lowercase()
}

/// A place: a region's short or full name, or a city, sometimes capitalised.
fn place_word(p: &mut Pick) -> String {
    let v = vocab();
    let case = [Case::Nom, Case::Gen, Case::Loc][p.idx(3)];
    let word = if p.pct(50) {
        let r = &v.regions[p.zipf(v.regions.len())];
        match &r.short {
            Some(short) => short.form(case, false).to_owned(),
            None => r.full[case as usize].split(' ').next().unwrap_or_default().to_owned(),
        }
    } else {
        v.cities[p.zipf(v.cities.len())].noun.form(case, false).to_owned()
    };
    if p.pct(70) { word.to_lowercase() } else { word }
}

fn rare_word(p: &mut Pick) -> String {
    let v = vocab();
    let word = match p.below(6) {
        0 | 1 => {
            // The tail of the surname bank.
            let n = v.surnames.len();
            let i = n / 3 + p.idx(n - n / 3);
            v.surnames[i].form(p.pct(30), CASES[p.idx(2)]).to_owned()
        }
        2 => v.foreigners[p.idx(v.foreigners.len())].sur_nom.to_owned(),
        3 => {
            let o = &v.orgs[p.idx(v.orgs.len())];
            o.name.to_owned()
        }
        4 => {
            let r = &v.rare.nouns[p.idx(v.rare.nouns.len())];
            r.form(CASES[p.idx(6)], p.pct(30)).to_owned()
        }
        _ => {
            let c = &v.cities[v.cities.len() / 2 + p.idx(v.cities.len() / 2)];
            c.noun.form(Case::Nom, false).to_owned()
        }
    };
    if p.pct(60) { word.to_lowercase() } else { word }
}

fn prefix(p: &mut Pick) -> String {
    let v = vocab();
    let word = match p.below(3) {
        0 => v.topics.nouns[p.zipf(12)].nom(),
        1 => v.procs[p.zipf(12)].nom(),
        _ => {
            let fam = v.objects(p.idx(3));
            fam.nouns[p.zipf(fam.nouns.len())].nom()
        }
    };
    let chars: Vec<char> = word.to_lowercase().chars().collect();
    let keep = if chars.len() <= 4 { chars.len() } else { (4 + p.idx(4)).min(chars.len() - 1) };
    let mut q: String = chars[..keep].iter().collect();
    q.push('*');
    q
}

/// Tags that can be written in a filter without quotes.
fn simple_tags() -> impl Iterator<Item = &'static str> {
    TAGS.iter().copied().filter(|t| !t.contains(' '))
}

fn filter(p: &mut Pick) -> String {
    match p.weighted(&[35, 15, 15, 10, 13, 12]) {
        0 => {
            let tags: Vec<&str> = simple_tags().collect();
            let tag = *p.z(&tags);
            if p.pct(25) {
                // A parent level: matches every tag below it.
                format!("tag:{}", tag.split('/').next().unwrap_or(tag))
            } else {
                format!("tag:{tag}")
            }
        }
        1 => format!(
            "status:{}",
            ["published", "draft", "ready", "editing", "spiked"][p.weighted(&[50, 20, 10, 10, 10])]
        ),
        2 => {
            let simple: Vec<&str> = SECTIONS.iter().copied().filter(|s| !s.contains(' ')).collect();
            format!("section:{}", p.z(&simple))
        }
        3 => format!("lang:{}", if p.pct(60) { "en" } else { "ru" }),
        4 => format!("after:{}-{:02}-01", 2016 + p.below(10), 1 + p.below(12)),
        _ => format!("before:{}-{:02}-01", 2017 + p.below(9), 1 + p.below(12)),
    }
}

fn filtered(p: &mut Pick) -> String {
    let mut parts = Vec::with_capacity(3);
    match p.weighted(&[55, 20, 15, 10]) {
        0 => parts.push(common_word(p)),
        1 => parts.push(place_word(p)),
        2 => {}
        _ => {
            parts.push(common_word(p));
            parts.push(place_word(p));
        }
    }
    parts.push(filter(p));
    if p.pct(20) {
        parts.push(filter(p));
    }
    if p.pct(50) {
        parts.rotate_left(1);
    }
    parts.join(" ")
}

fn english(p: &mut Pick) -> String {
    let v = vocab();
    let e = en::en_vocab();
    let q = match p.below(6) {
        0 => (*p.z(&e.topics)).to_owned(),
        1 => {
            let obj = &e.objects[p.zipf(e.objects.len())];
            let city = v.cities[p.zipf(12)].en;
            format!("{} {city}", if p.pct(50) { obj.sg } else { obj.pl.as_str() })
        }
        2 => format!("\"{}\"", p.one(en::PHRASES)),
        3 => {
            let jp: Vec<usize> = v.org_by_origin[Origin::Jp as usize].clone();
            v.orgs[*p.one(&jp)].en.to_owned()
        }
        4 => "Sakhalin -Hokkaido".to_owned(),
        _ => format!("{} lang:en", p.z(&e.procs)),
    };
    if p.pct(25) && !q.contains("lang:") { format!("lang:en {q}") } else { q }
}
