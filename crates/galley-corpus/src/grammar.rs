//! Russian inflection, just enough for generated news: nouns and adjectives in six cases and two
//! numbers, past-tense verbs by gender, short participles, and numeral agreement.
//!
//! Words are written in the banks in their dictionary form with a few flags; the paradigm is
//! inferred from the ending (`сотрудничество` → neuter in -о, `инвестиция` → feminine in -ия) and
//! every form is built once, when the vocabulary is first used.

/// Grammatical case, in the traditional order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    Nom = 0,
    Gen = 1,
    Dat = 2,
    Acc = 3,
    Ins = 4,
    Loc = 5,
}

/// Agreement class: a gender in the singular, or the plural.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum G {
    M = 0,
    F = 1,
    N = 2,
    P = 3,
}

/// Which numbers a noun is used in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Numbers {
    Both,
    SgOnly,
    PlOnly,
}

/// A noun with all twelve forms: singular nom..loc, then plural nom..loc.
#[derive(Debug)]
pub(crate) struct Noun {
    forms: [String; 12],
    pub g: G,
    /// Animate: the accusative plural is the genitive.
    anim: bool,
    /// Animate and of the masculine consonant declension: the accusative singular is the genitive.
    acc_gen_sg: bool,
    pub numbers: Numbers,
}

impl Noun {
    /// The form in `case`; `pl` is ignored for nouns used in one number only.
    pub fn form(&self, case: Case, pl: bool) -> &str {
        let pl = self.plural(pl);
        let case = self.case_for(case, pl);
        &self.forms[case as usize + if pl { 6 } else { 0 }]
    }

    /// Whether the noun ends up plural when `pl` is asked for.
    pub fn plural(&self, pl: bool) -> bool {
        match self.numbers {
            Numbers::Both => pl,
            Numbers::SgOnly => false,
            Numbers::PlOnly => true,
        }
    }

    /// The case an agreeing adjective takes (animate accusative is genitive).
    pub fn case_for(&self, case: Case, pl: bool) -> Case {
        if case == Case::Acc && ((pl && self.anim) || (!pl && self.acc_gen_sg)) { Case::Gen } else { case }
    }

    /// The agreement class of the noun in this number.
    pub fn agr(&self, pl: bool) -> G {
        if self.plural(pl) { G::P } else { self.g }
    }

    /// The dictionary form.
    pub fn nom(&self) -> &str {
        &self.forms[if self.numbers == Numbers::PlOnly { 6 } else { 0 }]
    }

    /// The noun with an adjective fused in front: `морской` + `порт` → `морской порт`.
    pub fn with_adj(adj: &Adj, head: Noun) -> Noun {
        let forms = std::array::from_fn(|i| {
            let (case, pl) = (CASES[i % 6], i >= 6);
            format!("{} {}", adj.agree(&head, case, pl), head.form(case, pl))
        });
        Noun { forms, ..head }
    }

    /// All twelve forms, for tests.
    #[cfg(test)]
    pub fn forms(&self) -> &[String; 12] {
        &self.forms
    }
}

/// An adjective: masculine, feminine, neuter and plural, six cases each.
#[derive(Debug)]
pub(crate) struct Adj {
    forms: [String; 24],
}

impl Adj {
    pub fn form(&self, g: G, case: Case) -> &str {
        &self.forms[g as usize * 6 + case as usize]
    }

    /// The form agreeing with `noun` in `case` and number.
    pub fn agree(&self, noun: &Noun, case: Case, pl: bool) -> &str {
        let pl = noun.plural(pl);
        self.form(noun.agr(pl), noun.case_for(case, pl))
    }
}

/// A past-tense verb or short participle: masculine, feminine, neuter, plural.
#[derive(Debug)]
pub(crate) struct Verb {
    forms: [String; 4],
}

impl Verb {
    pub fn form(&self, g: G) -> &str {
        &self.forms[g as usize]
    }
}

/// A present or future verb: third person singular and plural.
#[derive(Debug)]
pub(crate) struct Pres {
    sg: String,
    pl: String,
}

impl Pres {
    pub fn form(&self, g: G) -> &str {
        if g == G::P { &self.pl } else { &self.sg }
    }
}

/// A surname in both genders.
#[derive(Debug)]
pub(crate) struct Surname {
    m: [String; 6],
    f: [String; 6],
}

impl Surname {
    pub fn form(&self, female: bool, case: Case) -> &str {
        if female { &self.f[case as usize] } else { &self.m[case as usize] }
    }
}

type Endings = [&'static str; 12];

const M_HARD: Endings = ["", "а", "у", "", "ом", "е", "ы", "ов", "ам", "ы", "ами", "ах"];
const M_VEL: Endings = ["", "а", "у", "", "ом", "е", "и", "ов", "ам", "и", "ами", "ах"];
const M_SIB: Endings = ["", "а", "у", "", "ем", "е", "и", "ей", "ам", "и", "ами", "ах"];
const M_TS: Endings = ["", "а", "у", "", "ем", "е", "ы", "ев", "ам", "ы", "ами", "ах"];
const M_SOFT: Endings = ["ь", "я", "ю", "ь", "ем", "е", "и", "ей", "ям", "и", "ями", "ях"];
const M_Y: Endings = ["й", "я", "ю", "й", "ем", "е", "и", "ев", "ям", "и", "ями", "ях"];
const M_IY: Endings = ["й", "я", "ю", "й", "ем", "и", "и", "ев", "ям", "и", "ями", "ях"];
const F_A: Endings = ["а", "ы", "е", "у", "ой", "е", "ы", "", "ам", "ы", "ами", "ах"];
const F_A_VEL: Endings = ["а", "и", "е", "у", "ой", "е", "и", "", "ам", "и", "ами", "ах"];
const F_A_SIB: Endings = ["а", "и", "е", "у", "ей", "е", "и", "", "ам", "и", "ами", "ах"];
const F_A_TS: Endings = ["а", "ы", "е", "у", "ей", "е", "ы", "", "ам", "ы", "ами", "ах"];
const F_IA: Endings = ["я", "и", "и", "ю", "ей", "и", "и", "й", "ям", "и", "ями", "ях"];
const F_YA: Endings = ["я", "и", "е", "ю", "ей", "е", "и", "ь", "ям", "и", "ями", "ях"];
const F_SOFT: Endings = ["ь", "и", "и", "ь", "ью", "и", "и", "ей", "ям", "и", "ями", "ях"];
const F_SOFT_SIB: Endings = ["ь", "и", "и", "ь", "ью", "и", "и", "ей", "ам", "и", "ами", "ах"];
const N_O: Endings = ["о", "а", "у", "о", "ом", "е", "а", "", "ам", "а", "ами", "ах"];
const N_IE: Endings = ["е", "я", "ю", "е", "ем", "и", "я", "й", "ям", "я", "ями", "ях"];
const N_YE: Endings = ["е", "я", "ю", "е", "ем", "е", "я", "й", "ям", "я", "ями", "ях"];

fn is_velar(c: char) -> bool {
    matches!(c, 'г' | 'к' | 'х')
}

fn is_sibilant(c: char) -> bool {
    matches!(c, 'ж' | 'ш' | 'щ' | 'ч')
}

fn last_char(s: &str) -> char {
    s.chars().next_back().unwrap_or(' ')
}

fn drop_chars(s: &str, n: usize) -> &str {
    let mut end = s.len();
    for _ in 0..n {
        end -= s[..end].chars().next_back().map_or(0, char::len_utf8);
    }
    &s[..end]
}

/// The masculine consonant paradigm for a stem.
fn consonant_class(stem: &str) -> &'static Endings {
    let c = last_char(stem);
    if is_velar(c) {
        &M_VEL
    } else if is_sibilant(c) {
        &M_SIB
    } else if c == 'ц' {
        &M_TS
    } else {
        &M_HARD
    }
}

/// Builds a noun from a bank entry: `word [m|f|n] [a] [s|p|i] [>oblique] [/genpl] [=f1,f2,…]`.
///
/// `a` animate, `s` singular only, `p` plural only (the word is then the nominative plural), `i`
/// indeclinable, `>stem` the stem of the oblique cases (`рынок >рынк`), `/form` the genitive
/// plural (`площадка /площадок`), `=…` all six (or twelve) forms spelled out. `прилагательное+noun`
/// fuses an agreeing adjective in front (`морской+порт`).
pub(crate) fn noun(spec: &str) -> Noun {
    if let Some((a, rest)) = spec.split_once('+') {
        return Noun::with_adj(&adj(a), noun(rest));
    }
    let mut noun = noun_raw(spec);
    if spec.contains('_') {
        for form in &mut noun.forms {
            *form = form.replace('_', " ");
        }
    }
    noun
}

fn noun_raw(spec: &str) -> Noun {
    let mut parts = spec.split_whitespace();
    let word = parts.next().expect("a noun entry names a word");
    let mut gender = None;
    let mut anim = false;
    let mut numbers = Numbers::Both;
    let mut indecl = false;
    let mut oblique = None;
    let mut gen_pl = None;
    let mut explicit = None;
    let mut plural_from_singular = false;
    for flag in parts {
        match flag {
            "m" => gender = Some(G::M),
            "f" => gender = Some(G::F),
            "n" => gender = Some(G::N),
            "a" => anim = true,
            "s" => numbers = Numbers::SgOnly,
            "p" => numbers = Numbers::PlOnly,
            "P" => plural_from_singular = true,
            "i" => indecl = true,
            _ if flag.starts_with('>') => oblique = Some(&flag['>'.len_utf8()..]),
            _ if flag.starts_with('/') => gen_pl = Some(&flag['/'.len_utf8()..]),
            _ if flag.starts_with('=') => explicit = Some(&flag['='.len_utf8()..]),
            _ => panic!("unknown noun flag `{flag}` in `{spec}`"),
        }
    }
    if indecl {
        return Noun {
            forms: std::array::from_fn(|_| word.to_owned()),
            g: gender.unwrap_or(G::N),
            anim,
            acc_gen_sg: false,
            numbers: if numbers == Numbers::Both { Numbers::SgOnly } else { numbers },
        };
    }
    if let Some(list) = explicit {
        let given: Vec<&str> = list.split(',').collect();
        assert!(given.len() == 6 || given.len() == 12, "six or twelve forms in `{spec}`");
        return Noun {
            forms: std::array::from_fn(|i| given[i % given.len()].to_owned()),
            g: gender.unwrap_or(G::M),
            anim,
            acc_gen_sg: false,
            numbers: if given.len() == 6 && numbers == Numbers::Both { Numbers::SgOnly } else { numbers },
        };
    }
    let (stem, endings, g): (&str, &Endings, G) = if numbers == Numbers::PlOnly {
        let stem = drop_chars(word, 1);
        let c = last_char(stem);
        match last_char(word) {
            'ы' => (stem, &M_HARD, G::M),
            'и' if is_velar(c) => (stem, &M_VEL, G::M),
            'и' if is_sibilant(c) => (stem, &M_SIB, G::M),
            'и' => (stem, &F_SOFT, G::F),
            'а' => (stem, &N_O, G::N),
            'я' => (stem, &N_IE, G::N),
            _ => panic!("cannot infer plural paradigm of `{spec}`"),
        }
    } else if word.ends_with("ие") {
        (drop_chars(word, 1), &N_IE, G::N)
    } else if word.ends_with("ье") {
        (drop_chars(word, 1), &N_YE, G::N)
    } else if word.ends_with('о') {
        (drop_chars(word, 1), &N_O, G::N)
    } else if word.ends_with("ия") {
        (drop_chars(word, 1), &F_IA, G::F)
    } else if word.ends_with('я') {
        (drop_chars(word, 1), &F_YA, G::F)
    } else if word.ends_with('а') {
        let stem = drop_chars(word, 1);
        let c = last_char(stem);
        let endings = if is_velar(c) {
            &F_A_VEL
        } else if is_sibilant(c) {
            &F_A_SIB
        } else if c == 'ц' {
            &F_A_TS
        } else {
            &F_A
        };
        (stem, endings, G::F)
    } else if word.ends_with('ь') {
        let stem = drop_chars(word, 1);
        match gender {
            Some(G::F) if is_sibilant(last_char(stem)) => (stem, &F_SOFT_SIB, G::F),
            Some(G::F) => (stem, &F_SOFT, G::F),
            Some(G::M) => (stem, &M_SOFT, G::M),
            _ => panic!("a noun in -ь needs m or f: `{spec}`"),
        }
    } else if word.ends_with("ий") {
        (drop_chars(word, 1), &M_IY, G::M)
    } else if word.ends_with('й') {
        (drop_chars(word, 1), &M_Y, G::M)
    } else {
        (word, consonant_class(oblique.unwrap_or(word)), G::M)
    };
    let g = gender.unwrap_or(g);
    let stem = oblique.unwrap_or(stem);
    let masc_decl = std::ptr::eq(endings, &M_HARD)
        || std::ptr::eq(endings, &M_VEL)
        || std::ptr::eq(endings, &M_SIB)
        || std::ptr::eq(endings, &M_TS)
        || std::ptr::eq(endings, &M_SOFT)
        || std::ptr::eq(endings, &M_Y)
        || std::ptr::eq(endings, &M_IY);
    let soft_fem = std::ptr::eq(endings, &F_SOFT) || std::ptr::eq(endings, &F_SOFT_SIB);
    let mut forms: [String; 12] = std::array::from_fn(|i| format!("{stem}{}", endings[i]));
    if numbers == Numbers::PlOnly {
        forms[6] = word.to_owned();
        for i in 0..6 {
            forms[i] = forms[i + 6].clone();
        }
    } else {
        forms[0] = word.to_owned();
        if masc_decl || soft_fem || g == G::N {
            forms[3] = word.to_owned();
        }
    }
    if let Some(gp) = gen_pl {
        forms[7] = gp.to_owned();
        if numbers == Numbers::PlOnly {
            forms[1] = gp.to_owned();
        }
    }
    if plural_from_singular {
        for i in 0..6 {
            forms[i] = forms[i + 6].clone();
        }
        return Noun { forms, g, anim, acc_gen_sg: false, numbers: Numbers::PlOnly };
    }
    Noun { forms, g, anim, acc_gen_sg: anim && masc_decl, numbers }
}

type AdjEndings = [&'static str; 24];

const A_HARD: AdjEndings = [
    "ый", "ого", "ому", "ый", "ым", "ом", "ая", "ой", "ой", "ую", "ой", "ой", "ое", "ого", "ому", "ое", "ым",
    "ом", "ые", "ых", "ым", "ые", "ыми", "ых",
];
const A_VEL: AdjEndings = [
    "ий", "ого", "ому", "ий", "им", "ом", "ая", "ой", "ой", "ую", "ой", "ой", "ое", "ого", "ому", "ое", "им",
    "ом", "ие", "их", "им", "ие", "ими", "их",
];
const A_OY: AdjEndings = [
    "ой", "ого", "ому", "ой", "ым", "ом", "ая", "ой", "ой", "ую", "ой", "ой", "ое", "ого", "ому", "ое", "ым",
    "ом", "ые", "ых", "ым", "ые", "ыми", "ых",
];
const A_OY_VEL: AdjEndings = [
    "ой", "ого", "ому", "ой", "им", "ом", "ая", "ой", "ой", "ую", "ой", "ой", "ое", "ого", "ому", "ое", "им",
    "ом", "ие", "их", "им", "ие", "ими", "их",
];
const A_SIB: AdjEndings = [
    "ий", "его", "ему", "ий", "им", "ем", "ая", "ей", "ей", "ую", "ей", "ей", "ее", "его", "ему", "ее", "им",
    "ем", "ие", "их", "им", "ие", "ими", "их",
];
const A_SOFT: AdjEndings = [
    "ий", "его", "ему", "ий", "им", "ем", "яя", "ей", "ей", "юю", "ей", "ей", "ее", "его", "ему", "ее", "им",
    "ем", "ие", "их", "им", "ие", "ими", "их",
];

/// Builds an adjective from its masculine nominative (`российский`, `морской`, `последний`).
pub(crate) fn adj(word: &str) -> Adj {
    let stem = drop_chars(word, 2);
    let c = last_char(stem);
    let endings = if word.ends_with("ый") {
        &A_HARD
    } else if word.ends_with("ой") {
        if is_velar(c) || is_sibilant(c) { &A_OY_VEL } else { &A_OY }
    } else if word.ends_with("ий") {
        if is_velar(c) {
            &A_VEL
        } else if c == 'н' {
            &A_SOFT
        } else if is_sibilant(c) {
            &A_SIB
        } else {
            panic!("cannot infer adjective paradigm of `{word}`")
        }
    } else {
        panic!("not an adjective: `{word}`")
    };
    Adj { forms: std::array::from_fn(|i| format!("{stem}{}", endings[i])) }
}

/// Builds an adjective from all 24 forms, comma-separated (for irregular ones such as `третий`).
pub(crate) fn adj_forms(list: &str) -> Adj {
    let given: Vec<&str> = list.split(',').map(str::trim).collect();
    assert_eq!(given.len(), 24, "an adjective has 24 forms: `{list}`");
    Adj { forms: std::array::from_fn(|i| given[i].to_owned()) }
}

/// Builds a past-tense verb (`обсудил`, `состоялся`, `прошёл|прошл`) or a short participle
/// (`подписан`, `открыт`).
pub(crate) fn verb(spec: &str) -> Verb {
    let forms: [String; 4] = if let Some((masc, stem)) = spec.split_once('|') {
        [masc.to_owned(), format!("{stem}а"), format!("{stem}о"), format!("{stem}и")]
    } else if let Some(stem) = spec.strip_suffix("ся") {
        [spec.to_owned(), format!("{stem}ась"), format!("{stem}ось"), format!("{stem}ись")]
    } else if spec.ends_with('л') {
        [spec.to_owned(), format!("{spec}а"), format!("{spec}о"), format!("{spec}и")]
    } else if spec.ends_with('н') || spec.ends_with('т') {
        [spec.to_owned(), format!("{spec}а"), format!("{spec}о"), format!("{spec}ы")]
    } else {
        panic!("cannot infer verb forms of `{spec}`")
    };
    Verb { forms }
}

/// Builds a present/future verb from `singular/plural` (`планирует/планируют`).
pub(crate) fn pres(spec: &str) -> Pres {
    let (sg, pl) = spec.split_once('/').expect("present verbs are written `sg/pl`");
    Pres { sg: sg.to_owned(), pl: pl.to_owned() }
}

/// Builds a surname from its masculine form: `-ов/-ев/-ин` and `-ский` decline in both genders,
/// `-а/-я` decline alike in both, other consonant endings decline for men only, and vowel endings
/// (`Шевченко`, `Сэко`) never decline. `=m1,…,m6;f1,…,f6` spells the forms out.
pub(crate) fn surname(word: &str) -> Surname {
    if let Some(list) = word.strip_prefix('=') {
        let (m, f) = list.split_once(';').expect("explicit surnames give both genders");
        let m: Vec<&str> = m.split(',').collect();
        let f: Vec<&str> = f.split(',').collect();
        return Surname {
            m: std::array::from_fn(|i| m[i].to_owned()),
            f: std::array::from_fn(|i| f[i].to_owned()),
        };
    }
    let same = |w: &str| -> [String; 6] { std::array::from_fn(|_| w.to_owned()) };
    if word.ends_with("ов")
        || word.ends_with("ев")
        || word.ends_with("ёв")
        || word.ends_with("ин")
        || word.ends_with("ын")
    {
        let w = word;
        return Surname {
            m: [
                w.to_owned(),
                format!("{w}а"),
                format!("{w}у"),
                format!("{w}а"),
                format!("{w}ым"),
                format!("{w}е"),
            ],
            f: [
                format!("{w}а"),
                format!("{w}ой"),
                format!("{w}ой"),
                format!("{w}у"),
                format!("{w}ой"),
                format!("{w}ой"),
            ],
        };
    }
    if word.ends_with("ский") || word.ends_with("цкий") || word.ends_with("ской") {
        let a = adj(word);
        return Surname {
            m: std::array::from_fn(|i| {
                let case = if i == Case::Acc as usize { Case::Gen } else { CASES[i] };
                a.form(G::M, case).to_owned()
            }),
            f: std::array::from_fn(|i| a.form(G::F, CASES[i]).to_owned()),
        };
    }
    let c = last_char(word);
    if c == 'а' || c == 'я' {
        let n = noun(word);
        let forms: [String; 6] = std::array::from_fn(|i| n.form(CASES[i], false).to_owned());
        return Surname { m: forms.clone(), f: forms };
    }
    if "оеиуэюых".contains(c) {
        return Surname { m: same(word), f: same(word) };
    }
    let n = noun(&format!("{word} a"));
    Surname { m: std::array::from_fn(|i| n.form(CASES[i], false).to_owned()), f: same(word) }
}

/// A surname that never declines (Chinese and Korean names).
pub(crate) fn surname_indecl(word: &str) -> Surname {
    Surname { m: std::array::from_fn(|_| word.to_owned()), f: std::array::from_fn(|_| word.to_owned()) }
}

pub(crate) const CASES: [Case; 6] = [Case::Nom, Case::Gen, Case::Dat, Case::Acc, Case::Ins, Case::Loc];

/// The case and number a noun takes after the numeral `n` in the nominative
/// (`1 проект`, `3 проекта`, `25 проектов`).
pub(crate) fn after_numeral(n: u64) -> (Case, bool) {
    let (n10, n100) = (n % 10, n % 100);
    if n10 == 1 && n100 != 11 {
        (Case::Nom, false)
    } else if (2..=4).contains(&n10) && !(12..=14).contains(&n100) {
        (Case::Gen, false)
    } else {
        (Case::Gen, true)
    }
}

/// Whether a noun after `из 21`, `более 31` (genitive numerals) is singular.
pub(crate) fn gen_numeral_singular(n: u64) -> bool {
    n % 10 == 1 && n % 100 != 11
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(n: &Noun) -> String {
        n.forms().join(" ")
    }

    #[test]
    fn nouns_decline() {
        assert_eq!(
            all(&noun("сотрудничество s")),
            "сотрудничество сотрудничества сотрудничеству сотрудничество сотрудничеством сотрудничестве \
             сотрудничества сотрудничеств сотрудничествам сотрудничества сотрудничествами сотрудничествах"
        );
        assert_eq!(
            all(&noun("инвестиция")),
            "инвестиция инвестиции инвестиции инвестицию инвестицией инвестиции \
             инвестиции инвестиций инвестициям инвестиции инвестициями инвестициях"
        );
        let rynok = noun("рынок >рынк");
        assert_eq!(rynok.form(Case::Gen, false), "рынка");
        assert_eq!(rynok.form(Case::Acc, false), "рынок");
        assert_eq!(rynok.form(Case::Nom, true), "рынки");
        let gov = noun("губернатор a");
        assert_eq!(gov.form(Case::Acc, false), "губернатора");
        let glava = noun("глава m a");
        assert_eq!(glava.form(Case::Acc, false), "главу");
        assert_eq!(glava.form(Case::Ins, false), "главой");
        assert_eq!(noun("площадка /площадок").form(Case::Gen, true), "площадок");
        assert_eq!(noun("область f").form(Case::Ins, false), "областью");
        assert_eq!(noun("помощь f s").form(Case::Dat, false), "помощи");
        assert_eq!(noun("Приморье").form(Case::Loc, false), "Приморье");
        assert_eq!(noun("переговоры p").form(Case::Loc, false), "переговорах");
        assert_eq!(noun("власти p").form(Case::Gen, false), "властей");
        assert_eq!(noun("Хабаровск").form(Case::Loc, false), "Хабаровске");
        assert_eq!(noun("житель m a").form(Case::Acc, true), "жителей");
        assert_eq!(noun("Токио i").form(Case::Gen, false), "Токио");
    }

    #[test]
    fn adjectives_agree() {
        let a = adj("российский");
        assert_eq!(a.form(G::F, Case::Acc), "российскую");
        assert_eq!(a.form(G::P, Case::Ins), "российскими");
        assert_eq!(adj("морской").form(G::P, Case::Nom), "морские");
        assert_eq!(adj("деловой").form(G::M, Case::Ins), "деловым");
        assert_eq!(adj("двусторонний").form(G::F, Case::Nom), "двусторонняя");
        assert_eq!(adj("общий").form(G::N, Case::Gen), "общего");
        assert_eq!(adj("большой").form(G::P, Case::Nom), "большие");
        let inv = noun("инвестор a");
        assert_eq!(adj("японский").agree(&inv, Case::Acc, true), "японских");
    }

    #[test]
    fn verbs_and_names() {
        assert_eq!(verb("состоялся").form(G::F), "состоялась");
        assert_eq!(verb("прошёл|прошл").form(G::P), "прошли");
        assert_eq!(verb("подписан").form(G::P), "подписаны");
        assert_eq!(pres("планирует/планируют").form(G::P), "планируют");
        let s = surname("Галушка");
        assert_eq!(s.form(false, Case::Gen), "Галушки");
        assert_eq!(s.form(false, Case::Ins), "Галушкой");
        let s = surname("Иванов");
        assert_eq!(s.form(true, Case::Gen), "Ивановой");
        assert_eq!(s.form(false, Case::Ins), "Ивановым");
        let s = surname("Козловский");
        assert_eq!(s.form(false, Case::Acc), "Козловского");
        assert_eq!(s.form(true, Case::Acc), "Козловскую");
        let s = surname("Шевчук");
        assert_eq!(s.form(false, Case::Dat), "Шевчуку");
        assert_eq!(s.form(true, Case::Dat), "Шевчук");
        assert_eq!(surname("Сэко").form(false, Case::Ins), "Сэко");
    }

    #[test]
    fn numerals() {
        assert_eq!(after_numeral(1), (Case::Nom, false));
        assert_eq!(after_numeral(23), (Case::Gen, false));
        assert_eq!(after_numeral(12), (Case::Gen, true));
        assert_eq!(after_numeral(18), (Case::Gen, true));
        assert!(gen_numeral_singular(21));
        assert!(!gen_numeral_singular(11));
    }
}
