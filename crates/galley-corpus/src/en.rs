//! English articles: the same newsroom and cast as the Russian ones (places, companies and people
//! come from the Russian banks, transliterated), written with a smaller English vocabulary.

use std::sync::OnceLock;

use crate::out::{Out, Pick};
use crate::ru_vocab::{Comp, Origin, RoleKind, Vocab, vocab};
use crate::{Civil, Writer, sec};

/// Set phrases the English text uses verbatim; searches quote them.
pub(crate) const PHRASES: &[&str] = &[
    "Eastern Economic Forum",
    "Free Port of Vladivostok",
    "Northern Sea Route",
    "Russian Far East",
    "energy bridge",
    "advanced special economic zones",
    "small and medium-sized businesses",
    "state of emergency",
    "criminal case",
    "compared with last year",
];

/// A noun with its plural.
pub(crate) struct EnNoun {
    pub sg: &'static str,
    pub pl: String,
}

fn plural(sg: &str) -> String {
    if let Some(stem) = sg.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u'])) {
        format!("{stem}ies")
    } else if sg.ends_with(['s', 'x', 'z']) || sg.ends_with("ch") || sg.ends_with("sh") {
        format!("{sg}es")
    } else {
        format!("{sg}s")
    }
}

fn nouns(list: &'static str) -> Vec<EnNoun> {
    list.split(';').map(str::trim).filter(|s| !s.is_empty()).map(|sg| EnNoun { sg, pl: plural(sg) }).collect()
}

fn words(list: &'static str) -> Vec<&'static str> {
    list.split(';').map(str::trim).filter(|s| !s.is_empty()).collect()
}

pub(crate) struct EnVocab {
    pub objects: Vec<EnNoun>,
    pub obj_adjs: Vec<&'static str>,
    pub procs: Vec<&'static str>,
    pub topics: Vec<&'static str>,
    pub topic_adjs: Vec<&'static str>,
    pub docs: Vec<EnNoun>,
    pub events: Vec<EnNoun>,
    pub people: Vec<&'static str>,
    pub benefits: Vec<&'static str>,
    pub incidents: Vec<EnNoun>,
    pub say: Vec<&'static str>,
    pub agree: Vec<&'static str>,
    pub act: Vec<&'static str>,
    pub up: Vec<&'static str>,
    pub down: Vec<&'static str>,
    pub infinitives: Vec<&'static str>,
    pub titles: Vec<&'static str>,
    pub subheads: Vec<&'static str>,
    pub weather: Vec<&'static str>,
}

pub(crate) fn en_vocab() -> &'static EnVocab {
    static VOCAB: OnceLock<EnVocab> = OnceLock::new();
    VOCAB.get_or_init(|| EnVocab {
        objects: nouns(
            "port; airport; terminal; bridge; highway; school; hospital; plant; power plant; pipeline; \
             railway line; shipyard; factory; stadium; clinic; industrial park; logistics hub; \
             fish processing plant; sports complex; data centre; museum; theatre; campus; housing estate; \
             ferry terminal; coal terminal; container terminal; substation; wind farm; solar plant; ice arena; \
             kindergarten; seaport; grain terminal; LNG plant; oil refinery; greenhouse complex; research centre",
        ),
        obj_adjs: words(
            "new; modern; major; large; international; regional; federal; deep-water; cross-border; joint; key; \
             strategic; local; municipal; Japanese-funded; state-of-the-art; year-round; small; second; first",
        ),
        procs: words(
            "construction; modernisation; reconstruction; expansion; launch; opening; design; financing; \
             renovation; upgrade; development; maintenance; privatisation; electrification; repair",
        ),
        topics: words(
            "cooperation; investment; trade; tourism; energy; logistics; infrastructure; healthcare; education; \
             fisheries; shipbuilding; exports; partnership; security; agriculture; science; culture; transport; \
             aquaculture; housing",
        ),
        topic_adjs: words(
            "bilateral; economic; international; regional; long-term; practical; mutually beneficial; \
             cross-border; strategic; industrial; digital; maritime; scientific; cultural; humanitarian",
        ),
        docs: nouns(
            "agreement; memorandum of understanding; plan; programme; roadmap; contract; strategy; bill; law; \
             decree; framework agreement; concession agreement",
        ),
        events: nouns(
            "meeting; forum; conference; session; visit; exhibition; festival; summit; briefing; round table; \
             business mission",
        ),
        people: words(
            "residents; families; entrepreneurs; investors; tourists; students; pensioners; doctors; teachers; \
             young professionals; fishermen; farmers; volunteers; drivers; passengers",
        ),
        benefits: words(
            "subsidies; grants; one-off payments; tax breaks; preferential mortgages; compensation; allowances; \
             scholarships; interest-free loans",
        ),
        incidents: nouns(
            "fire; road accident; flood; typhoon; earthquake; storm; blizzard; explosion; power outage; gas leak; \
             landslide; building collapse; wildfire",
        ),
        say: words(
            "said; noted; stressed; told reporters; explained; added; recalled; pointed out; warned; emphasised; \
             confirmed; announced",
        ),
        agree: words("discussed; signed; approved; reviewed; agreed on; outlined; finalised"),
        act: words(
            "built; opened; launched; modernised; completed; financed; bought; upgraded; commissioned; renovated; \
             designed",
        ),
        up: words("rose; grew; increased; climbed; jumped"),
        down: words("fell; declined; dropped; decreased"),
        infinitives: words("build; modernise; launch; expand; finance; open; upgrade; develop; support"),
        titles: words(
            "Eastern Motifs; Japan Through Artists' Eyes; Amur Waves; Pacific Spring; Golden Lotus; Treasures of \
             the Amur; Northern Lights; Breath of the Ocean; City on the Amur; Colour of Sakura",
        ),
        subheads: words(
            "What happens next; Key figures; Background; Investor interest; How it will work; Who gets support; \
             The numbers; What residents say; Timeline and cost",
        ),
        weather: words(
            "heavy rain; snowfall; wind gusts of up to 30 m/s; blizzards; frosts of down to −25 °C; \
             rising river levels; thunderstorms",
        ),
    })
}

/// Russian letters in Latin script (BGN/PCGN-like, as English-language newsrooms write names).
pub(crate) fn translit(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let latin = match lower {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' => "e",
            'ё' => "yo",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ы' => "y",
            'э' => "e",
            'ю' => "yu",
            'я' => "ya",
            _ => {
                out.push(c);
                continue;
            }
        };
        if c != lower {
            let mut chars = latin.chars();
            if let Some(first) = chars.next() {
                out.push(first.to_ascii_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(latin);
        }
    }
    out
}

struct EnPerson {
    full: String,
    short: String,
    role: String,
    mentions: u32,
}

/// The English writer.
pub(crate) struct En {
    v: &'static Vocab,
    e: &'static EnVocab,
    pub p: Pick,
    pub o: Out,
    sec: usize,
    region: usize,
    city: usize,
    country: usize,
    obj: usize,
    topic: usize,
    org: usize,
    forg: usize,
    team: usize,
    rival: usize,
    incident: usize,
    indicator: usize,
    year: u32,
    month: u32,
    people: Vec<EnPerson>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl En {
    pub fn new(mut p: Pick, section: usize, date: Civil) -> En {
        let v = vocab();
        let e = en_vocab();
        let region = p.zipf(v.regions.len());
        let city = if p.pct(65) { v.regions[region].capital } else { *p.z(&v.city_by_region[region]) };
        let country = p.weighted(&[50, 30, 15, 2, 2, 1]);
        let origin = match country {
            1 => Origin::Cn,
            2 => Origin::Kr,
            _ => Origin::Jp,
        };
        let mut en = En {
            v,
            e,
            sec: section,
            region,
            city,
            country,
            obj: p.zipf(e.objects.len()),
            topic: p.zipf(e.topics.len()),
            org: *p.z(&v.org_by_origin[Origin::Ru as usize]),
            forg: *p.z(&v.org_by_origin[origin as usize]),
            team: p.zipf(3),
            rival: 3 + p.idx(v.teams.len() - 3),
            incident: p.zipf(e.incidents.len()),
            indicator: p.zipf(v.indicators.len()),
            year: date.year,
            month: date.month,
            people: Vec::with_capacity(3),
            p,
            o: Out::new(false, true),
        };
        let main = match section {
            sec::INC => RoleKind::Security,
            sec::CULT => RoleKind::Culture,
            sec::SPORT => RoleKind::Sport,
            sec::ECON => [RoleKind::Official, RoleKind::Business][en.p.idx(2)],
            sec::SCI => RoleKind::Expert,
            _ => RoleKind::Official,
        };
        let person = en.make_person(main, origin);
        en.people.push(person);
        if en.p.pct(50) {
            let kind = if origin == Origin::Jp { RoleKind::Japanese } else { RoleKind::Foreign };
            let person = en.make_person(kind, origin);
            en.people.push(person);
        }
        let person = en.make_person(RoleKind::Expert, origin);
        en.people.push(person);
        en
    }

    fn make_person(&mut self, kind: RoleKind, origin: Origin) -> EnPerson {
        let v = self.v;
        let role_i = *self.p.z(&v.role_by_kind[kind as usize]);
        let role = &v.roles[role_i].1;
        let (full, short) = if matches!(kind, RoleKind::Japanese | RoleKind::Foreign) {
            let f = &v.foreigners[*self.p.z(&v.foreigner_by_origin[origin as usize])];
            (f.en.to_owned(), f.en_short.to_owned())
        } else {
            let female = self.p.pct(35);
            let first = if female {
                &v.first_f[self.p.zipf(v.first_f.len())]
            } else {
                &v.first_m[self.p.zipf(v.first_m.len())]
            };
            let sur =
                translit(v.surnames[self.p.zipf(v.surnames.len())].form(female, crate::grammar::Case::Nom));
            (format!("{} {sur}", translit(first.nom())), sur)
        };
        let tail = match role.comp {
            Comp::Fixed(_) => String::new(),
            Comp::Region(_) | Comp::RegionDat(_) => v.regions[self.region].en.to_owned(),
            Comp::City => v.cities[self.city].en.to_owned(),
            Comp::Org(_) => v.orgs[self.org].en.to_owned(),
            Comp::ForeignOrg(_) => v.orgs[self.forg].en.to_owned(),
            Comp::Team => translit(v.teams[self.team]),
        };
        let role = if tail.is_empty() { role.en.to_owned() } else { format!("{} {tail}", role.en) };
        EnPerson { full, short, role, mentions: 0 }
    }

    fn w(&mut self, t: &str) {
        self.o.w(t);
    }

    fn wz(&mut self, items: &[&'static str]) {
        let t = *self.p.z(items);
        self.o.w(t);
    }

    fn wi(&mut self, items: &[&'static str]) {
        let t = *self.p.one(items);
        self.o.w(t);
    }

    /// `a` or `an`, decided by the word written by `then`.
    fn a<F: FnOnce(&mut Self)>(&mut self, then: F) {
        self.w("a");
        let at = self.o.mark();
        then(self);
        let next = self.o.s[at..].trim_start();
        let vowel = next.starts_with(['a', 'e', 'i', 'o', 'A', 'E', 'I', 'O'])
            || (next.starts_with(['u', 'U']) && !next.starts_with("uni"));
        if vowel {
            self.o.s.insert(at, 'n');
        }
    }

    fn someone(&mut self) -> usize {
        let n = self.people.len();
        self.p.zipf(n)
    }

    /// First mention: `Name, role,`; later the surname.
    fn person(&mut self, i: usize, appositive: bool) {
        let m = self.people[i].mentions;
        self.people[i].mentions += 1;
        if m == 0 {
            let full = self.people[i].full.clone();
            self.w(&full);
            let role = self.people[i].role.clone();
            if appositive {
                self.o.j(",");
                self.w(&role);
                self.o.j(",");
            } else {
                self.o.j(",");
                self.w(&role);
            }
        } else {
            let short = self.people[i].short.clone();
            self.w(&short);
        }
    }

    fn obj(&mut self, pl: bool, adj_pct: u32) {
        let e = self.e;
        let i = if self.p.pct(55) { self.obj } else { self.p.zipf(e.objects.len()) };
        if self.p.pct(adj_pct) {
            self.wz(&e.obj_adjs);
        }
        let n = &e.objects[i];
        if pl {
            self.w(&n.pl);
        } else {
            self.w(n.sg);
        }
    }

    /// `the construction of a new terminal`.
    fn proc_obj(&mut self) {
        let e = self.e;
        self.w("the");
        self.wz(&e.procs);
        self.w("of");
        if self.p.pct(25) {
            self.w("the");
            self.obj(false, 50);
        } else if self.p.pct(30) {
            self.obj(true, 60);
        } else {
            self.a(|s| s.obj(false, 70));
        }
        if self.p.pct(25) {
            self.w("in");
            self.city();
        }
    }

    fn topic(&mut self) {
        let e = self.e;
        if self.p.pct(30) {
            let pair = format!("Russian-{}", self.v.countries[self.country].en_adj);
            self.w(&pair);
        } else if self.p.pct(50) {
            self.wz(&e.topic_adjs);
        }
        let t = if self.p.pct(50) { e.topics[self.topic] } else { *self.p.z(&e.topics) };
        self.w(t);
    }

    fn region(&mut self) {
        let r = self.v.regions[self.region].en;
        self.w(r);
    }

    fn city(&mut self) {
        let c = self.v.cities[self.city].en;
        self.w(c);
    }

    fn org(&mut self, i: usize) {
        let name = self.v.orgs[i].en;
        self.w(name);
    }

    fn pct_value(&mut self) {
        let whole = u64::from(self.p.range(1, 9) + self.p.zipf(40) as u32);
        self.o.num(whole);
        if self.p.pct(50) {
            self.o.j(".");
            self.o.num_glued(u64::from(self.p.range(1, 9)));
        }
        self.o.j("%");
    }

    fn money(&mut self) {
        let whole = 1 + self.p.zipf(300) as u64;
        let rub = self.p.pct(70);
        if rub {
            self.o.num(whole);
        } else {
            self.w("$");
            self.o.num_glued(whole);
        }
        if whole < 100 && self.p.pct(50) {
            self.o.j(".");
            self.o.num_glued(u64::from(self.p.range(1, 9)));
        }
        self.wi(&["million", "billion"]);
        if rub {
            self.w("roubles");
        }
    }

    fn date(&mut self) {
        let month = if self.p.pct(70) { self.month as usize } else { self.p.idx(12) };
        self.w(MONTHS[month]);
        self.o.num(u64::from(self.p.range(1, 28)));
    }

    fn period(&mut self) {
        match self.p.below(5) {
            0 => self.w("in the first nine months of the year"),
            1 => self.w("in the first half of the year"),
            2 => self.w("in the first quarter"),
            3 => {
                self.w("in");
                self.o.num(u64::from(self.year - 1));
            }
            _ => self.w("since the start of the year"),
        }
    }

    fn indicator(&mut self) {
        let v = self.v;
        let i = if self.p.pct(50) { self.indicator } else { self.p.zipf(v.indicators.len()) };
        self.w(v.indicators[i].en);
    }

    fn clause(&mut self) {
        let e = self.e;
        let weights: &[u32] = match self.sec {
            sec::INC => &[1, 1, 1, 1, 0, 0, 0, 1, 1, 12],
            sec::ECON | sec::WORLD => &[8, 6, 5, 3, 2, 6, 4, 3, 3, 0],
            sec::SOC => &[3, 4, 3, 3, 8, 1, 2, 3, 3, 0],
            _ => &[5, 5, 4, 3, 4, 3, 3, 3, 4, 1],
        };
        match self.p.weighted(weights) {
            0 => {
                self.indicator();
                self.w("in");
                self.region();
                let verb = if self.p.pct(70) { *self.p.z(&e.up) } else { *self.p.z(&e.down) };
                self.w(verb);
                self.w("by");
                self.pct_value();
                self.period();
            }
            1 => {
                let o = if self.p.pct(70) { self.org } else { self.forg };
                self.org(o);
                self.wz(&e.act);
                self.a(|s| s.obj(false, 70));
                if self.p.pct(50) {
                    self.w("in");
                    self.city();
                }
            }
            2 => {
                self.w("the project will cost");
                self.money();
            }
            3 => {
                self.w("the project is expected to create");
                self.o.num(u64::from(20 + self.p.zipf(900) as u32));
                self.w("jobs");
            }
            4 => {
                self.wz(&e.people);
                self.w("in");
                self.region();
                self.w("will be able to receive");
                self.wz(&e.benefits);
            }
            5 => {
                let adj = self.v.countries[self.country].en_adj;
                self.w(adj);
                self.wi(&[
                    "companies are ready to invest in",
                    "investors are interested in",
                    "banks may finance",
                ]);
                self.proc_obj();
            }
            6 => {
                self.w("the sides agreed to");
                self.wi(&["expand", "develop", "strengthen", "deepen", "step up"]);
                self.topic();
            }
            7 => {
                self.proc_obj();
                self.w("will be completed in");
                self.o.num(u64::from(self.year + self.p.below(3)));
            }
            8 => {
                self.w("trade between Russia and");
                let c = self.v.countries[self.country].en;
                self.w(c);
                let verb = if self.p.pct(65) { "rose" } else { "fell" };
                self.w(verb);
                self.w("by");
                self.pct_value();
                self.period();
            }
            _ => {
                let n = self.p.zipf(e.incidents.len());
                self.a(|s| s.w(s.e.incidents[n].sg));
                self.w("hit");
                self.city();
                self.w("on");
                self.date();
            }
        }
    }

    fn speech(&mut self) {
        let e = self.e;
        match self.p.zipf(6) {
            0 => {
                self.w("we expect that");
                self.clause();
            }
            1 => {
                self.w("this is an important step for");
                self.region();
            }
            2 => {
                self.w("for us,");
                self.topic();
                self.w("is a priority");
            }
            3 => {
                self.w("already in");
                self.o.num(u64::from(self.year + 1));
                self.o.j(",");
                self.w("we plan to");
                self.wz(&e.infinitives);
                self.a(|s| s.obj(false, 60));
            }
            4 => {
                self.clause();
                self.o.j(",");
                self.w("and we are ready to move forward");
            }
            _ => {
                self.w("we see great interest from");
                let adj = self.v.countries[self.country].en_adj;
                self.w(adj);
                self.w("investors in");
                self.proc_obj();
            }
        }
    }

    fn sentence_inner(&mut self) {
        let e = self.e;
        let weights: &[u32] = match self.sec {
            sec::INC => &[3, 2, 2, 3, 3, 0, 2, 1, 25, 0, 0, 0, 1],
            sec::SPORT => &[3, 2, 2, 3, 3, 0, 1, 1, 0, 20, 0, 0, 1],
            sec::CULT => &[3, 2, 2, 3, 3, 0, 1, 1, 0, 0, 20, 0, 1],
            sec::POL => &[8, 4, 3, 5, 6, 3, 2, 2, 0, 0, 0, 10, 1],
            _ => &[10, 5, 4, 6, 8, 5, 4, 3, 0, 0, 0, 1, 1],
        };
        self.o.cap();
        match self.p.weighted(weights) {
            0 => {
                let who = self.someone();
                self.person(who, true);
                self.wz(&e.say);
                self.w("that");
                self.clause();
            }
            1 => {
                self.w("according to");
                let who = self.someone();
                self.person(who, false);
                self.o.j(",");
                self.clause();
            }
            2 => {
                self.clause();
                self.o.j(",");
                let who = self.someone();
                self.person(who, false);
                self.w("said");
            }
            3 => {
                let who = self.someone();
                self.o.open_q();
                self.o.cap();
                self.speech();
                self.o.j(",");
                self.o.close_q();
                self.wz(&e.say);
                self.person(who, false);
            }
            4 => {
                let c = *self.p.z(&["In addition,", "Meanwhile,", "At the same time,", "Currently,", "As expected,", "However,", "Earlier,"]);
                self.w(c);
                self.clause();
            }
            5 => {
                self.w("the two sides");
                self.wz(&e.agree);
                let d = self.p.zipf(e.docs.len());
                self.a(|s| s.w(s.e.docs[d].sg));
                self.w("on");
                self.proc_obj();
            }
            6 => match self.p.below(7) {
                0 => self.w("the agreement was signed on the sidelines of the Eastern Economic Forum in Vladivostok"),
                1 => self.w("the project will become part of the Northern Sea Route infrastructure"),
                2 => self.w("the company became a resident of the Free Port of Vladivostok"),
                3 => self.w("the sides discussed the Sakhalin–Hokkaido energy bridge"),
                4 => self.w("support for small and medium-sized businesses remains a priority in the Russian Far East"),
                5 => {
                    self.region();
                    self.w("now has");
                    self.o.num(u64::from(2 + self.p.below(12)));
                    self.w("advanced special economic zones");
                }
                _ => {
                    self.w("compared with last year,");
                    self.indicator();
                    self.wz(&e.up);
                    self.w("by");
                    self.pct_value();
                }
            },
            7 => {
                self.w("earlier, [we reported](https://example.com/news/");
                let id = 100_000 + u64::from(self.p.below(900_000));
                self.o.num_glued(id);
                self.o.j(")");
                self.w("that");
                self.clause();
            }
            8 => match self.p.below(5) {
                0 => {
                    self.o.num(u64::from(2 + self.p.zipf(20) as u32));
                    self.w("people were injured in");
                    let n = self.incident;
                    self.a(|s| s.w(s.e.incidents[n].sg));
                    self.w("in");
                    self.city();
                    self.w("on");
                    self.date();
                }
                1 => {
                    self.w("emergency services deployed");
                    self.o.num(u64::from(10 + self.p.zipf(100) as u32));
                    self.w("rescuers and");
                    self.o.num(u64::from(2 + self.p.zipf(30) as u32));
                    self.w("vehicles");
                }
                2 => self.w("a criminal case has been opened, and the causes are being investigated"),
                3 => {
                    self.w("a state of emergency has been declared in");
                    self.region();
                }
                _ => {
                    self.w("forecasters expect");
                    self.wz(&e.weather);
                    self.w("in");
                    self.region();
                }
            },
            9 => {
                let (team, rival) = (translit(self.v.teams[self.team]), translit(self.v.teams[self.rival]));
                self.w(&team);
                self.wi(&["beat", "lost to"]);
                self.w(&rival);
                self.o.num(u64::from(self.p.range(2, 6)));
                self.o.j("-");
                self.o.num_glued(u64::from(self.p.range(0, 1)));
                self.w("in a KHL regular season game");
            }
            10 => {
                self.w("an exhibition titled");
                let t = *self.p.z(&e.titles);
                self.o.quoted(t);
                self.w("opened in");
                self.city();
                self.w("on");
                self.date();
            }
            11 => {
                self.w("lawmakers in");
                self.region();
                self.w("passed a bill on");
                self.proc_obj();
                if self.p.pct(50) {
                    self.w("in the first reading");
                }
            }
            _ => {
                self.w("the");
                let n = self.p.zipf(e.events.len());
                let ev = e.events[n].sg;
                self.w(ev);
                self.w("took place in");
                self.city();
                self.w("on");
                self.date();
            }
        }
        self.o.j(".");
    }
}

impl Writer for En {
    fn out(&mut self) -> &mut Out {
        &mut self.o
    }

    fn pick(&mut self) -> &mut Pick {
        &mut self.p
    }

    fn sentence(&mut self) {
        self.sentence_inner();
    }

    fn lead_sentence(&mut self) {
        self.sentence_inner();
    }

    fn headline(&mut self) {
        let e = self.e;
        self.o.cap();
        match self.p.zipf(7) {
            0 => {
                self.w("Russia and");
                let c = self.v.countries[self.country].en;
                self.w(c);
                self.w("discuss");
                self.topic();
                self.w("in");
                self.city();
            }
            1 => {
                self.city();
                self.w("to build");
                self.obj(false, 90);
                self.w("by");
                self.o.num(u64::from(self.year + 1 + self.p.below(3)));
            }
            2 => {
                self.indicator();
                self.w("in");
                self.region();
                self.wi(&["rises", "falls"]);
                self.pct_value();
            }
            3 => {
                self.org(self.org);
                self.wi(&["completes", "starts", "finances"]);
                self.proc_obj();
            }
            4 => {
                self.o.num(u64::from(2 + self.p.zipf(20) as u32));
                self.w("injured in");
                let n = self.incident;
                self.w(e.incidents[n].sg);
                self.w("in");
                self.city();
            }
            5 => {
                let adj = self.v.countries[self.country].en_adj;
                self.w(adj);
                self.w("investors eye");
                self.proc_obj();
            }
            _ => {
                self.w("lawmakers in");
                self.region();
                self.w("back bill on");
                self.topic();
            }
        }
    }

    fn subheading(&mut self) {
        let e = self.e;
        self.o.cap();
        if self.p.pct(60) {
            self.wz(&e.subheads);
        } else {
            self.wz(&e.procs);
            self.w("of");
            self.obj(true, 40);
        }
    }

    fn list_intro(&mut self, _items: u32) {
        self.o.cap();
        self.wi(&[
            "The plan includes",
            "Key projects include",
            "Support measures include",
            "The agreement covers",
        ]);
        self.o.j(":");
    }

    fn list_item(&mut self, numbered: bool, last: bool) {
        if numbered {
            self.o.cap();
        }
        self.proc_obj();
        self.o.j(if numbered || last { "." } else { ";" });
    }

    fn quote_block(&mut self) {
        let e = self.e;
        let who = self.someone();
        self.o.open_q();
        self.o.cap();
        self.speech();
        self.o.j(".");
        self.o.close_q();
        self.w("—");
        self.wz(&e.say);
        self.person(who, false);
        self.o.j(".");
    }

    fn bold_lead_in(&mut self) {
        self.wz(&["**Background.**", "**Key fact.**", "**Note.**"]);
    }

    fn link_phrase(&mut self) {
        self.o.cap();
        self.w("read more about");
        self.proc_obj();
        self.w("[in our earlier report](https://example.com/news/");
        let id = 100_000 + u64::from(self.p.below(900_000));
        self.o.num_glued(id);
        self.o.j(").");
    }

    fn dateline(&self) -> String {
        self.v.cities[self.city].en.to_owned()
    }

    fn tags(&mut self) -> Vec<&'static str> {
        let v = self.v;
        let mut tags = vec![v.regions[self.region].tag];
        if let Some(t) = v.countries[self.country].tag {
            tags.push(t);
        }
        let extra = ["Экономика/Инвестиции", "Энергетика", "Транспорт", "ВЭФ", "Туризм", "Политика"];
        let n = 1 + self.p.weighted(&[30, 40, 20, 10]);
        while tags.len() < n {
            let t = *self.p.z(&extra);
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        tags.truncate(n);
        tags
    }

    fn byline_name(&mut self) -> String {
        let v = self.v;
        v.staff_en[self.p.zipf(v.staff_en.len())].clone()
    }

    fn note(&mut self) -> String {
        self.wz(&[
            "Check the figures with the press office.",
            "Needs a photo.",
            "Confirm the title.",
            "Hold until the official release.",
        ]);
        self.o.take()
    }
}
