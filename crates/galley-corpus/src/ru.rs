//! Russian articles: a cast (people, places, a company, a project) chosen per article, and
//! sentence templates that talk about it with agreeing cases, genders and numbers.

use crate::grammar::Case::{self, Acc, Dat, Gen, Ins, Loc, Nom};
use crate::grammar::{G, after_numeral, gen_numeral_singular};
use crate::out::{Out, Pick};
use crate::ru_vocab::{Comp, Family, Origin, RoleKind, Vocab, vocab};
use crate::{Civil, Writer, sec};

#[derive(Debug, Clone, Copy)]
enum Who {
    Ru { first: u16, sur: u16, female: bool },
    Foreign(u16),
}

#[derive(Debug, Clone, Copy)]
struct Person {
    who: Who,
    role: u16,
    mentions: u32,
}

/// Set phrases the text uses verbatim; searches quote them.
pub(crate) const PHRASES: &[&str] = &[
    "Восточного экономического форума",
    "Дальнего Востока",
    "Северного морского пути",
    "территорий опережающего развития",
    "Свободного порта Владивосток",
    "энергомоста Сахалин – Хоккайдо",
    "дальневосточной ипотеки",
    "Дальневосточный гектар",
    "малого и среднего бизнеса",
    "по сравнению с прошлым годом",
    "аналогичным периодом прошлого года",
    "режим повышенной готовности",
    "уголовное дело",
    "рабочих мест",
    "в первом чтении",
    "регулярного чемпионата КХЛ",
    "Корпорации развития Дальнего Востока",
    "Дальневосточной железной дороги",
    "национального проекта",
    "в штатном режиме",
];

/// The Russian writer: the article's cast and the text written so far.
pub(crate) struct Ru {
    v: &'static Vocab,
    pub p: Pick,
    pub o: Out,
    sec: usize,
    region: usize,
    city: usize,
    country: usize,
    fam: usize,
    obj: usize,
    proc_: usize,
    topic: usize,
    org: usize,
    /// A company (named with `компания`, `банк`…), for job titles.
    company: usize,
    forg: usize,
    team: usize,
    rival: usize,
    incident: usize,
    indicator: usize,
    event: usize,
    venue: usize,
    title: usize,
    year: u32,
    month: u32,
    people: Vec<Person>,
}

fn origin_of_country(country: usize) -> Option<Origin> {
    match country {
        0 => Some(Origin::Jp),
        1 => Some(Origin::Cn),
        2 => Some(Origin::Kr),
        _ => None,
    }
}

impl Ru {
    pub fn new(mut p: Pick, section: usize, date: Civil, yo: bool) -> Ru {
        let v = vocab();
        let region = p.zipf(v.regions.len());
        let in_region = &v.city_by_region[region];
        let city = if p.pct(65) { v.regions[region].capital } else { *p.z(in_region) };
        let country = p.weighted(&[45, 30, 15, 4, 3, 3]);
        let fam = match section {
            sec::ECON => p.weighted(&[50, 50, 0]),
            sec::SOC | sec::CULT | sec::SPORT | sec::SCI => 2,
            sec::INC => p.weighted(&[50, 20, 30]),
            _ => p.below(3) as usize,
        };
        let obj = p.zipf(v.objects(fam).nouns.len());
        let foreign_origin = origin_of_country(country).unwrap_or(Origin::Jp);
        let forg = *p.z(&v.org_by_origin[foreign_origin as usize]);
        let org = *p.z(&v.org_by_origin[Origin::Ru as usize]);
        let company = if v.orgs[org].kind.is_some() { org } else { *p.z(&v.companies) };
        let (region, city, team) = if section == sec::SPORT {
            // The home club decides where the story is.
            let team = p.zipf(2);
            let city =
                if team == 0 { 0 } else { v.cities.iter().position(|c| c.en == "Vladivostok").unwrap_or(0) };
            (v.cities[city].region.unwrap_or(0), city, team)
        } else {
            (region, city, p.zipf(2))
        };
        let mut ru = Ru {
            v,
            sec: section,
            region,
            city,
            country,
            fam,
            obj,
            proc_: p.zipf(v.procs.len()),
            topic: p.zipf(v.topics.nouns.len()),
            org,
            company,
            forg,
            team,
            rival: 2 + p.idx(v.teams.len() - 2),
            incident: p.zipf(v.incidents.nouns.len()),
            indicator: p.zipf(v.indicators.len()),
            event: p.zipf(v.events.nouns.len()),
            venue: p.zipf(v.venues.len()),
            title: p.idx(v.titles.len()),
            year: date.year,
            month: date.month,
            people: Vec::with_capacity(4),
            p,
            o: Out::new(true, yo),
        };
        ru.cast();
        ru
    }

    /// Chooses the people of the article: a main figure, a second voice and, when the story has
    /// a foreign partner, someone from there.
    fn cast(&mut self) {
        use RoleKind::*;
        let main = match self.sec {
            sec::ECON => [Official, Business, Expert][self.p.weighted(&[50, 35, 15])],
            sec::POL | sec::REG => Official,
            sec::SOC => [Official, Expert][self.p.weighted(&[70, 30])],
            sec::INC => Security,
            sec::CULT => Culture,
            sec::SPORT => Sport,
            sec::WORLD => Official,
            _ => Expert,
        };
        let second = match self.sec {
            sec::INC => Security,
            sec::SPORT => Sport,
            sec::CULT => Culture,
            _ => [Expert, Business, Official][self.p.weighted(&[40, 30, 30])],
        };
        // Now and then, the pair from the fixture: Галушка and Сэко.
        if matches!(self.sec, sec::ECON | sec::WORLD) && self.country == 0 && self.p.pct(8) {
            let v = self.v;
            let galushka = v.surname_nom.iter().position(|s| *s == "Галушка").unwrap_or(0);
            self.people.push(Person {
                who: Who::Ru { first: 0, sur: galushka as u16, female: false },
                role: 2,
                mentions: 0,
            });
            let seko_role = v.role_by_kind[Japanese as usize][0];
            self.people.push(Person { who: Who::Foreign(0), role: seko_role as u16, mentions: 0 });
            let p = self.make_person(second);
            self.people.push(p);
            return;
        }
        let p = self.make_person(main);
        self.people.push(p);
        let foreign = matches!(self.sec, sec::ECON | sec::WORLD | sec::REG | sec::SCI)
            && origin_of_country(self.country).is_some()
            && self.p.pct(if self.sec == sec::WORLD { 90 } else { 35 });
        if foreign {
            let kind = if self.country == 0 { Japanese } else { Foreign };
            let p = self.make_person(kind);
            self.people.push(p);
        }
        let p = self.make_person(second);
        self.people.push(p);
    }

    fn make_person(&mut self, kind: RoleKind) -> Person {
        let v = self.v;
        let role = *self.p.z(&v.role_by_kind[kind as usize]) as u16;
        let who = if matches!(kind, RoleKind::Japanese | RoleKind::Foreign) {
            let origin = origin_of_country(self.country).unwrap_or(Origin::Jp);
            Who::Foreign(*self.p.z(&v.foreigner_by_origin[origin as usize]) as u16)
        } else {
            let female = self.p.pct(if kind == RoleKind::Sport { 5 } else { 35 });
            let first = if female { self.p.zipf(v.first_f.len()) } else { self.p.zipf(v.first_m.len()) };
            Who::Ru { first: first as u16, sur: self.p.zipf(v.surnames.len()) as u16, female }
        };
        Person { who, role, mentions: 0 }
    }

    // ----- words and phrases -----

    fn w(&mut self, t: &str) {
        self.o.w(t);
    }

    fn j(&mut self, t: &str) {
        self.o.j(t);
    }

    /// Writes one of `items`, the first ones most often.
    fn wz(&mut self, items: &'static [&'static str]) {
        let t = *self.p.z(items);
        self.o.w(t);
    }

    /// Writes one of `items`, uniformly.
    fn wi(&mut self, items: &'static [&'static str]) {
        let t = *self.p.one(items);
        self.o.w(t);
    }

    /// A preposition whose form depends on the next word (`о`/`об`, `в`/`во`, `с`/`со`).
    fn prep<F: FnOnce(&mut Self)>(&mut self, prep: &str, then: F) {
        self.w(prep);
        let at = self.o.mark();
        then(self);
        self.o.fix_prep(at);
    }

    fn pg(&self, i: usize) -> G {
        let female = match self.people[i].who {
            Who::Ru { female, .. } => female,
            Who::Foreign(f) => self.v.foreigners[f as usize].female,
        };
        if female { G::F } else { G::M }
    }

    /// Index of a person of the cast: the main one most often.
    fn someone(&mut self) -> usize {
        let n = self.people.len();
        self.p.zipf(n)
    }

    /// A person: the first mention with position and full name, later ones shorter.
    fn person(&mut self, i: usize, case: Case) {
        let m = self.people[i].mentions;
        self.people[i].mentions += 1;
        if m == 0 {
            self.role(i, case);
            self.name(i, case, true);
        } else {
            match self.p.below(10) {
                0..=4 => self.name(i, case, false),
                5..=6 => self.name(i, case, true),
                _ => self.role(i, case),
            }
        }
    }

    fn name(&mut self, i: usize, case: Case, full: bool) {
        let v = self.v;
        match self.people[i].who {
            Who::Ru { first, sur, female } => {
                if full {
                    let names = if female { &v.first_f } else { &v.first_m };
                    self.w(names[first as usize].form(case, false));
                }
                self.w(v.surnames[sur as usize].form(female, case));
            }
            Who::Foreign(f) => {
                let fr = &v.foreigners[f as usize];
                let sur = fr.sur.form(fr.female, case);
                if !full {
                    self.w(sur);
                } else if fr.family_first {
                    self.w(sur);
                    self.w(fr.first);
                } else {
                    self.w(fr.first);
                    self.w(sur);
                }
            }
        }
    }

    fn role(&mut self, i: usize, case: Case) {
        let v = self.v;
        let r = &v.roles[self.people[i].role as usize].1;
        if let Some(a) = &r.adj {
            self.w(a.form(G::M, r.noun.case_for(case, false)));
        }
        self.w(r.noun.form(case, false));
        match r.comp {
            Comp::Fixed(s) => self.w(s),
            Comp::Region(pre) => {
                self.w(pre);
                self.w(&v.regions[self.region].full[Gen as usize]);
            }
            Comp::RegionDat(pre) => {
                self.w(pre);
                self.w("по");
                self.w(&v.regions[self.region].full[Dat as usize]);
            }
            Comp::City => self.w(v.cities[self.city].noun.form(Gen, false)),
            Comp::Org(pre) => {
                self.w(pre);
                self.org(self.company, Gen);
            }
            Comp::ForeignOrg(pre) => {
                self.w(pre);
                self.org(self.forg, Gen);
            }
            Comp::Team => {
                self.w("клуба");
                self.o.quoted(v.teams[self.team]);
            }
        }
    }

    /// An organisation; returns the gender its verbs agree with.
    fn org(&mut self, i: usize, case: Case) -> G {
        let v = self.v;
        let o = &v.orgs[i];
        match o.kind {
            Some(k) => {
                let kind = &v.org_kinds[k];
                self.w(kind.form(case, false));
                if o.quoted {
                    self.o.quoted(o.name)
                } else {
                    self.w(o.name)
                }
                kind.g
            }
            None => {
                self.w(o.name);
                o.g
            }
        }
    }

    /// The article's company, sometimes another one.
    fn some_org(&mut self) -> usize {
        if self.p.pct(60) {
            self.org
        } else if self.p.pct(30) {
            self.forg
        } else {
            self.p.zipf(self.v.orgs.len())
        }
    }

    /// A noun of `fam` (sometimes the given one) with an agreeing adjective now and then.
    fn np(&mut self, fam: &'static Family, fixed: usize, case: Case, pl: bool, adj_pct: u32) {
        let i = if self.p.pct(50) { fixed } else { self.p.zipf(fam.nouns.len()) };
        let n = &fam.nouns[i];
        if self.p.pct(adj_pct) && !n.nom().contains(' ') {
            let a = self.p.z(&fam.adjs);
            self.w(a.agree(n, case, pl));
        }
        self.w(n.form(case, pl));
    }

    /// An object: a port, a school, a plant.
    fn obj(&mut self, case: Case, pl: bool, adj_pct: u32) {
        let v = self.v;
        let fam_i = if self.p.pct(80) { self.fam } else { self.p.below(3) as usize };
        let fam = v.objects(fam_i);
        let i = if fam_i == self.fam && self.p.pct(35) { self.obj } else { self.p.zipf(fam.nouns.len()) };
        let n = &fam.nouns[i];
        if self.p.pct(adj_pct) && !n.nom().contains(' ') {
            let city_adj = v.cities[self.city].adj.as_ref().filter(|_| self.p.pct(15));
            let a = match city_adj {
                Some(a) => a,
                None => self.p.z(&fam.adjs),
            };
            self.w(a.agree(n, case, pl));
        }
        self.w(n.form(case, pl));
    }

    /// `N` objects after a numeral in the nominative or accusative.
    fn obj_count(&mut self, n: u64) {
        let v = self.v;
        let fam = v.objects(self.fam);
        let i = if self.p.pct(50) { self.obj } else { self.p.zipf(fam.nouns.len()) };
        let noun = &fam.nouns[i];
        let (case, pl) = after_numeral(n);
        self.o.num(n);
        if self.p.pct(60) && !noun.nom().contains(' ') {
            let a = self.p.z(&fam.adjs);
            let adj_form = if case == Nom { a.agree(noun, Nom, false) } else { a.form(G::P, Gen) };
            self.w(adj_form);
        }
        self.w(noun.form(case, pl));
    }

    /// A count noun after a numeral in the nominative: `18 позиций`, `3 депутата`.
    fn counted(&mut self, n: u64, noun: &crate::grammar::Noun) {
        let (case, pl) = after_numeral(n);
        self.big(n);
        self.w(noun.form(case, pl));
    }

    /// A count noun after a numeral in the genitive: `более 500 человек`, `из 21 страны`.
    fn counted_gen(&mut self, n: u64, noun: &crate::grammar::Noun) {
        self.big(n);
        self.w(noun.form(Gen, !gen_numeral_singular(n)));
    }

    /// A number, with thousands separated by spaces.
    fn big(&mut self, n: u64) {
        if n < 10_000 {
            self.o.num(n);
        } else {
            self.o.num(n / 1000);
            let rest = n % 1000;
            self.w(&format!("{rest:03}"));
        }
    }

    /// A process on an object: `строительства нового терминала`.
    fn proc_obj(&mut self, case: Case) {
        let v = self.v;
        let i = if self.p.pct(40) { self.proc_ } else { self.p.zipf(v.procs.len()) };
        self.w(v.procs[i].form(case, false));
        let pl = self.p.pct(20);
        self.obj(Gen, pl, 60);
        if self.p.pct(15) {
            self.loc_city();
        }
    }

    /// A relation (`российско-японское сотрудничество`) or a field (`региональная энергетика`).
    fn topic(&mut self, case: Case) {
        if self.p.pct(45) {
            let v = self.v;
            let i = self.p.zipf(v.relations.nouns.len());
            let n = &v.relations.nouns[i];
            if self.p.pct(30) {
                self.w(v.countries[self.country].pair_adj.agree(n, case, false));
                self.w(n.form(case, false));
            } else {
                self.np(&v.relations, i, case, false, 60);
            }
        } else {
            self.sector(case);
        }
    }

    /// A field of the economy or public life.
    fn sector(&mut self, case: Case) {
        let v = self.v;
        self.np(&v.topics, self.topic, case, false, 25);
    }

    /// `развитие российско-японского сотрудничества`.
    fn topic_proc(&mut self, case: Case) {
        let v = self.v;
        if self.p.pct(50) {
            let n = self.p.z(&v.topic_procs);
            self.w(n.form(case, false));
            let i = self.p.zipf(v.relations.nouns.len());
            let rel = &v.relations.nouns[i];
            let a = if self.p.pct(40) {
                &v.countries[self.country].pair_adj
            } else {
                self.p.z(&v.relations.adjs)
            };
            self.w(a.agree(rel, Gen, false));
            self.w(rel.form(Gen, false));
        } else {
            // Fields are developed and supported, not deepened.
            let n = &v.topic_procs[[0, 4, 7, 8, 10][self.p.zipf(5)]];
            self.w(n.form(case, false));
            self.sector(Gen);
        }
    }

    fn doc(&mut self, case: Case) {
        let v = self.v;
        let i = self.p.zipf(v.docs.nouns.len());
        self.np(&v.docs, i, case, false, 50);
    }

    fn event(&mut self, case: Case, pl: bool) {
        let v = self.v;
        self.np(&v.events, self.event, case, pl, 35);
    }

    fn people_np(&mut self, case: Case) {
        let v = self.v;
        let i = self.p.zipf(v.people.nouns.len());
        self.np(&v.people, i, case, true, 50);
    }

    fn benefit(&mut self, case: Case) {
        let v = self.v;
        let i = self.p.zipf(v.benefits.nouns.len());
        self.np(&v.benefits, i, case, false, 55);
    }

    fn incident(&mut self, case: Case, adj_pct: u32) {
        let v = self.v;
        self.np(&v.incidents, self.incident, case, false, adj_pct);
    }

    /// The region in a case; the short name (`Приморье`) when it has one, half the time.
    fn region(&mut self, case: Case) {
        let v = self.v;
        let short = self.p.pct(50);
        self.w(v.regions[self.region].form(case, short));
    }

    /// `в Хабаровском крае`, `на Сахалине`.
    fn loc_region(&mut self) {
        let v = self.v;
        let r = &v.regions[self.region];
        let short = self.p.pct(50);
        self.w(r.prep(short));
        self.w(r.form(Loc, short));
    }

    /// `в Хабаровске`, `во Владивостоке`.
    fn loc_city(&mut self) {
        let v = self.v;
        let c = &v.cities[self.city];
        self.w(c.prep);
        self.w(c.noun.form(Loc, false));
    }

    /// A place smaller than a region: the city, a street in it, a district, a village.
    fn loc_local(&mut self) {
        let v = self.v;
        match self.p.weighted(&[50, 15, 15, 20]) {
            0 => self.loc_city(),
            1 => {
                self.w("на улице");
                let street = *self.p.z(&v.streets);
                self.w(street);
                self.loc_city();
            }
            2 => {
                let d = self.p.z(&v.districts);
                self.w("в");
                self.w(d.form(G::M, Loc));
                self.w("районе");
            }
            _ => {
                let (kind, name) = *self.p.z(&v.villages);
                self.w(kind);
                self.w(name);
            }
        }
    }

    /// `в Токио`, `в Харбине`: a city of the partner country.
    fn loc_abroad(&mut self) {
        let v = self.v;
        let c = &v.cities[*self.p.z(&v.abroad[self.country])];
        self.prep("в", |s| s.w(c.noun.form(Loc, false)));
    }

    fn city(&mut self, case: Case) {
        let v = self.v;
        self.w(v.cities[self.city].noun.form(case, false));
    }

    fn country(&mut self, case: Case) {
        let v = self.v;
        self.w(v.countries[self.country].noun.form(case, false));
    }

    /// `12,5%`.
    fn pct_value(&mut self) {
        let whole = u64::from(self.p.range(1, 9) + self.p.zipf(40) as u32);
        self.o.num(whole);
        if self.p.pct(55) {
            self.j(",");
            self.o.num_glued(u64::from(self.p.range(1, 9)));
        }
        self.j("%");
    }

    /// `3,5 млрд рублей`.
    fn money(&mut self) {
        let scale = ["млн", "млрд", "трлн"][self.p.weighted(&[450, 547, 3])];
        let whole = 1 + self.p.zipf(300) as u64;
        self.o.num(whole);
        if whole < 100 && self.p.pct(50) {
            self.j(",");
            self.o.num_glued(u64::from(self.p.range(1, 9)));
        }
        self.w(scale);
        let currency = match self.p.below(100) {
            0..=84 => "рублей",
            85..=92 => "долларов",
            93..=96 if self.country == 0 => "иен",
            93..=96 => "юаней",
            _ => "евро",
        };
        self.w(currency);
    }

    /// `450 тыс. рублей`.
    fn small_money(&mut self) {
        let n = u64::from(self.p.range(1, 60)) * 10 + if self.p.pct(30) { 5 } else { 0 };
        self.o.num(n);
        self.w("тыс.");
        self.w("рублей");
    }

    /// An amount in the unit of an indicator (see the indicator bank).
    fn amount(&mut self, unit: char) {
        if unit == 'm' {
            self.money();
            return;
        }
        if unit == '%' {
            self.pct_value();
            return;
        }
        if unit == 'r' {
            self.small_money();
            return;
        }
        let n = 1 + self.p.zipf(500) as u64;
        self.o.num(n);
        if n < 50 && self.p.pct(40) {
            self.j(",");
            self.o.num_glued(u64::from(self.p.range(1, 9)));
        }
        match unit {
            'p' => self.wi(&["тыс. человек", "тыс. туристов"]),
            't' => self.wi(&["млн тонн", "тыс. тонн"]),
            'x' => self.wi(&["млн пассажиров", "тыс. пассажиров"]),
            'q' => self.wi(&["тыс. кв. м", "млн кв. м"]),
            'k' => self.w("млрд кВт·ч"),
            _ => {}
        }
    }

    /// `12 сентября`.
    fn date(&mut self) {
        let v = self.v;
        let day = u64::from(self.p.range(1, 28));
        let month = if self.p.pct(70) { self.month as usize } else { self.p.idx(12) };
        if self.p.pct(6) {
            self.o.num(day);
            self.j("–");
            self.o.num_glued(day + 1);
        } else {
            self.o.num(day);
        }
        self.w(v.months_gen[month]);
    }

    /// `в 2025 году`.
    fn in_year(&mut self, ahead: u32) {
        let year = self.year + ahead;
        self.w("в");
        self.o.num(u64::from(year));
        self.w("году");
    }

    fn period(&mut self) {
        let v = self.v;
        match self.p.below(7) {
            0 => self.w("за девять месяцев"),
            1 => self.w("в первом полугодии"),
            2 => self.w("в первом квартале"),
            3 => {
                self.w("по итогам");
                self.o.num(u64::from(self.year - 1));
                self.w("года");
            }
            4 => {
                self.w("за январь–");
                self.o.glue();
                let m = 1 + self.p.idx(9);
                let name = [
                    "январь",
                    "февраль",
                    "март",
                    "апрель",
                    "май",
                    "июнь",
                    "июль",
                    "август",
                    "сентябрь",
                    "октябрь",
                ][m];
                self.w(name);
            }
            5 => self.w("с начала года"),
            _ => {
                self.w("в");
                self.w(v.months_loc[self.month as usize]);
            }
        }
    }

    /// A verb of saying; `that_follows` allows `обратил внимание на то` (before `, что`).
    fn say_verb(&mut self, g: G, that_follows: bool) {
        let v = self.v;
        if that_follows && self.p.pct(12) {
            let (verb, tail) = self.p.z(&v.say_tails);
            self.w(verb.form(g));
            self.w(tail);
        } else {
            let verb = self.p.z(&v.say);
            self.w(verb.form(g));
        }
    }

    // ----- clauses: statements that can follow "что" or stand alone -----

    fn clause(&mut self) {
        let weights: &[u32] = match self.sec {
            //              ind act org cost job soc for agr lead stg evt inc law proj
            sec::ECON => &[18, 10, 14, 10, 8, 3, 8, 6, 4, 8, 3, 0, 1, 7],
            sec::POL => &[4, 6, 3, 6, 2, 8, 6, 6, 3, 4, 5, 0, 18, 4],
            sec::SOC => &[6, 14, 3, 6, 3, 20, 1, 2, 3, 8, 4, 1, 4, 4],
            sec::REG => &[10, 14, 8, 8, 6, 10, 4, 4, 5, 8, 4, 2, 4, 6],
            sec::INC => &[2, 2, 1, 1, 0, 2, 0, 0, 0, 1, 1, 30, 1, 0],
            sec::CULT => &[2, 6, 2, 3, 1, 4, 3, 2, 2, 4, 12, 0, 1, 2],
            sec::SPORT => &[1, 6, 2, 4, 1, 3, 1, 1, 3, 4, 10, 0, 1, 2],
            sec::WORLD => &[10, 4, 10, 6, 4, 1, 22, 12, 2, 6, 4, 0, 1, 4],
            _ => &[10, 8, 8, 6, 4, 6, 6, 4, 4, 8, 4, 1, 2, 6],
        };
        match self.p.weighted(weights) {
            0 => self.c_indicator(true),
            1 => self.c_action_future(),
            2 => self.c_org_action(),
            3 => self.c_cost(),
            4 => self.c_jobs(),
            5 => self.c_social(),
            6 => self.c_foreign(),
            7 => self.c_agree(),
            8 => self.c_leader(),
            9 => self.c_stage(),
            10 => self.c_event_passed(),
            11 => self.c_incident(),
            12 => self.c_law(),
            _ => self.c_projects(),
        }
    }

    fn c_indicator(&mut self, compare: bool) {
        let v = self.v;
        let ind = if self.p.pct(35) { &v.indicators[self.indicator] } else { self.p.z(&v.indicators) };
        self.w(ind.head.form(Nom, false));
        self.w(ind.comp);
        if self.p.pct(60) {
            self.loc_region();
        }
        self.period();
        let g = ind.head.g;
        let up = self.p.pct(70);
        let verb = if up { self.p.z(&v.change_up) } else { self.p.z(&v.change_down) };
        self.w(verb.form(g));
        self.w("на");
        self.pct_value();
        if self.p.pct(55) && ind.unit != 'n' {
            self.w("и");
            self.w(["составил", "составила", "составило", "составили"][g as usize]);
            self.amount(ind.unit);
        }
        if compare && self.p.pct(20) {
            self.wi(&["по сравнению с прошлым годом", "по сравнению с аналогичным периодом прошлого года"]);
        }
    }

    fn c_action_future(&mut self) {
        let v = self.v;
        let ahead = self.p.below(4);
        self.in_year(ahead);
        if self.p.pct(70) {
            self.loc_region();
        } else {
            self.loc_local();
        }
        self.wz(&v.fut_impersonal);
        if self.p.pct(35) {
            let n = u64::from(2 + self.p.zipf(20) as u32);
            self.obj_count(n);
        } else {
            self.obj(Acc, false, 70);
        }
    }

    fn c_org_action(&mut self) {
        let v = self.v;
        let o = self.some_org();
        let g = self.org(o, Nom);
        if self.p.pct(55) {
            {
                let verb = self.p.z(&v.act_obj);
                self.w(verb.form(g));
            }
            let pl = self.p.pct(15);
            self.obj(Acc, pl, 65);
            if self.p.pct(40) {
                self.loc_city();
            }
        } else {
            {
                let verb = self.p.z(&v.act_proc);
                self.w(verb.form(g));
            }
            self.proc_obj(Acc);
        }
        if self.p.pct(30) {
            self.w("за");
            self.money();
        }
    }

    fn c_cost(&mut self) {
        match self.p.below(4) {
            0 => {
                self.w("стоимость проекта оценивается в");
                self.money();
            }
            1 => {
                self.w("общий объём инвестиций в проект составит");
                self.money();
            }
            2 => {
                self.w("на эти цели из");
                self.wz(&["федерального", "краевого", "регионального", "городского"]);
                self.w("бюджета");
                self.wi(&["выделено", "будет направлено", "предусмотрено"]);
                self.money();
            }
            _ => {
                self.w("на");
                self.proc_obj(Acc);
                self.wi(&["направят", "потратят", "выделят"]);
                self.money();
            }
        }
    }

    fn c_jobs(&mut self) {
        let v = self.v;
        self.wz(&[
            "реализация проекта позволит создать",
            "на предприятии будет создано",
            "инвестор обещает создать",
        ]);
        let n = u64::from(10 + self.p.zipf(990) as u32);
        if self.p.pct(50) {
            self.w("более");
            self.counted_gen(n, &v.job);
        } else {
            self.counted(n, &v.job);
        }
    }

    fn c_social(&mut self) {
        let v = self.v;
        match self.p.below(5) {
            0 | 1 => {
                self.people_np(Nom);
                if self.p.pct(50) {
                    self.loc_region();
                }
                self.wi(&["смогут получить", "получат", "смогут оформить"]);
                self.benefit(Acc);
                if self.p.pct(60) {
                    self.w("в размере");
                    self.small_money();
                }
            }
            2 => {
                self.w("участниками программы");
                self.wz(&[
                    "«Дальневосточный гектар»",
                    "дальневосточной ипотеки",
                    "«Земский доктор»",
                    "«Земский учитель»",
                ]);
                self.wi(&["стали", "уже стали", "в этом году стали"]);
                let n = u64::from(50 + self.p.zipf(5000) as u32);
                let who = match self.p.below(3) {
                    0 => &v.people.nouns[0],
                    1 => &v.people.nouns[2],
                    _ => &v.person,
                };
                self.counted(n, who);
                self.loc_region();
            }
            3 => {
                self.w("меры поддержки");
                self.wz(&[
                    "малого и среднего бизнеса",
                    "семей с детьми",
                    "участников СВО",
                    "молодых специалистов",
                ]);
                let extend = self.p.pct(50);
                self.w(if extend { "продлят до конца" } else { "расширят в" });
                self.o.num(u64::from(self.year + self.p.below(2)));
                self.w(if extend { "года" } else { "году" });
            }
            _ => {
                self.w("очередь в");
                self.wz(&["детские сады", "поликлиники", "МФЦ", "ясли", "центры госуслуг"]);
                self.loc_city();
                self.w("сократилась на");
                self.pct_value();
            }
        }
    }

    fn c_foreign(&mut self) {
        let v = self.v;
        let c = &v.countries[self.country];
        match self.p.below(7) {
            5 => {
                self.w("переговоры");
                self.wi(&["прошли", "состоялись", "продолжатся"]);
                self.loc_abroad();
            }
            6 => {
                self.w("делегация");
                self.region(Gen);
                self.wi(&["посетила", "прибыла в", "отправится в"]);
                let city = &v.cities[*self.p.z(&v.abroad[self.country])];
                self.w(city.noun.form(Acc, false));
            }
            0 => {
                self.w(c.adj.form(G::F, Nom));
                self.w("сторона");
                self.wi(&["заинтересована в", "готова участвовать в", "рассматривает возможность участия в"]);
                self.proc_obj(Loc);
            }
            1 => {
                let g = self.org(self.forg, Nom);
                self.wi(&["рассматривает", "изучает"]);
                self.w("возможность участия в");
                self.proc_obj(Loc);
                let _ = g;
            }
            2 => {
                self.w("товарооборот между Россией и");
                self.country(Ins);
                self.period();
                let up = self.p.pct(65);
                self.w(if up { "вырос" } else { "снизился" });
                self.w("на");
                self.pct_value();
            }
            3 => {
                self.w(c.adj.form(G::P, Nom));
                self.wi(&["компании", "инвесторы", "банки"]);
                self.wi(&["проявляют интерес к", "присматриваются к"]);
                self.proc_obj(Dat);
            }
            _ => {
                self.w("стороны обсудили");
                self.w(c.pair_adj.form(G::N, Acc));
                self.w("сотрудничество в сфере");
                self.sector(Gen);
            }
        }
    }

    fn c_agree(&mut self) {
        let v = self.v;
        self.wz(&["стороны договорились", "участники встречи договорились", "партнёры условились"]);
        if self.p.pct(50) {
            self.wz(&v.infinitives);
            let pl = self.p.pct(20);
            self.obj(Acc, pl, 70);
        } else {
            self.wi(&["расширять", "активизировать", "развивать"]);
            self.topic(Acc);
        }
    }

    fn c_leader(&mut self) {
        let v = self.v;
        self.region(Nom);
        self.wi(&["входит в число лидеров по", "занимает первое место по", "лидирует по"]);
        let ind = self.p.z(&v.indicators);
        self.w(ind.head.form(Dat, false));
        self.w(ind.comp);
        self.w("среди регионов Дальнего Востока");
    }

    fn c_stage(&mut self) {
        let v = self.v;
        let i = if self.p.pct(55) { self.proc_ } else { self.p.zipf(v.procs.len()) };
        let proc_noun = &v.procs[i];
        if self.p.pct(50) {
            self.w(proc_noun.form(Nom, false));
            self.obj(Gen, false, 60);
            self.wi(&["завершится", "начнётся", "продолжится"]);
            let ahead = self.p.below(3);
            self.in_year(ahead);
        } else {
            self.wi(&["завершить", "начать"]);
            self.w(proc_noun.form(Acc, false));
            self.obj(Gen, false, 60);
            self.w("планируется");
            if self.p.pct(50) {
                let ahead = self.p.below(3);
                self.in_year(ahead);
            } else {
                self.w("до конца");
                self.o.num(u64::from(self.year + self.p.below(3)));
                self.w("года");
            }
        }
    }

    fn c_event_passed(&mut self) {
        let v = self.v;
        let i = if self.p.pct(60) { self.event } else { self.p.zipf(v.events.nouns.len()) };
        let n = &v.events.nouns[i];
        self.w(n.form(Nom, false));
        let verb = self.p.z(&v.happened);
        self.w(verb.form(n.agr(false)));
        self.date();
        if self.p.pct(25) {
            self.loc_abroad();
        } else {
            self.loc_city();
        }
    }

    fn c_incident(&mut self) {
        let v = self.v;
        let i = if self.p.pct(70) { self.incident } else { self.p.zipf(v.incidents.nouns.len()) };
        let n = &v.incidents.nouns[i];
        self.loc_local();
        self.w(["произошёл", "произошла", "произошло", "произошли"][n.agr(false) as usize]);
        if self.p.pct(40) && !n.nom().contains(' ') {
            let a = self.p.z(&v.incidents.adjs);
            self.w(a.agree(n, Nom, false));
        }
        self.w(n.form(Nom, false));
    }

    fn c_law(&mut self) {
        self.w("депутаты");
        self.legislature();
        self.wi(&["приняли", "одобрили"]);
        if self.p.pct(40) {
            self.w("в первом чтении");
        }
        self.wi(&["закон", "законопроект", "поправки"]);
        self.prep("о", |s| {
            if s.p.pct(50) {
                s.proc_obj(Loc);
            } else {
                s.topic_proc(Loc);
            }
        });
    }

    /// `Законодательной думы Хабаровского края`, `регионального парламента`.
    fn legislature(&mut self) {
        match self.p.weighted(&[5, 3, 2]) {
            0 => {
                self.w(if self.region == 0 {
                    "Законодательной думы"
                } else {
                    "Законодательного собрания"
                });
                let v = self.v;
                self.w(&v.regions[self.region].full[Gen as usize]);
            }
            1 => self.w("регионального парламента"),
            _ => self.w("Государственной думы"),
        }
    }

    /// A sentence with a rare word: few articles have one.
    fn s_rare(&mut self) {
        let v = self.v;
        let rare = &v.rare;
        let i = self.p.zipf(rare.nouns.len());
        let n = &rare.nouns[i];
        self.o.cap();
        match self.p.below(3) {
            0 => {
                self.w("отдельно обсуждались вопросы");
                if self.p.pct(40) {
                    let a = self.p.z(&rare.adjs);
                    self.w(a.agree(n, Gen, false));
                }
                self.w(n.form(Gen, false));
            }
            1 => {
                self.w("специалисты также изучат");
                self.w(n.form(Acc, false));
                self.loc_region();
            }
            _ => {
                self.w("в планах –");
                self.wi(&["исследование", "мониторинг", "учёт"]);
                let pl = self.p.pct(30);
                self.w(n.form(Gen, pl));
            }
        }
        self.end();
    }

    fn c_projects(&mut self) {
        match self.p.below(5) {
            0 => {
                self.loc_region();
                self.w("сейчас работают");
                let n = u64::from(5 + self.p.below(20));
                self.o.num(n);
                self.w("территорий опережающего развития");
            }
            1 => {
                self.w("резидентами");
                self.wi(&["Свободного порта Владивосток", "территорий опережающего развития"]);
                self.w("стали более");
                let n = u64::from(100 + self.p.zipf(3000) as u32);
                self.big(n);
                self.w("компаний");
            }
            2 => {
                self.w("проект реализуется при поддержке");
                self.wi(&[
                    "Корпорации развития Дальнего Востока",
                    "Фонда развития Дальнего Востока",
                    "ВЭБ.РФ",
                ]);
            }
            3 => {
                self.w("проект входит в");
                self.wi(&["план развития", "программу модернизации"]);
                self.wz(&[
                    "Северного морского пути",
                    "Дальневосточной железной дороги",
                    "Восточного полигона",
                ]);
            }
            _ => {
                self.w("работы ведутся в рамках");
                self.wi(&["национального проекта", "государственной программы", "федерального проекта"]);
                self.wz(&[
                    "«Безопасные качественные дороги»",
                    "«Экология»",
                    "«Здравоохранение»",
                    "«Образование»",
                    "«Жильё и городская среда»",
                ]);
            }
        }
    }

    // ----- direct speech -----

    /// What someone says, in the first person (no quotation marks).
    fn speech(&mut self) {
        let v = self.v;
        let kind = match self.sec {
            sec::INC => [9, 10, 1, 9][self.p.idx(4)],
            sec::SPORT => [11, 11, 0, 4][self.p.idx(4)],
            _ => self.p.zipf(9),
        };
        match kind {
            0 => {
                self.w("мы");
                self.wi(&["рассчитываем", "надеемся", "уверены", "видим"]);
                self.j(",");
                self.w("что");
                self.clause();
            }
            1 => {
                self.w("это");
                self.wi(&[
                    "важный шаг",
                    "серьёзный сигнал",
                    "хороший результат",
                    "большая работа",
                    "принципиальный вопрос",
                ]);
                self.w("для");
                if self.p.pct(60) {
                    self.region(Gen);
                } else {
                    self.w("всего Дальнего Востока");
                }
            }
            2 => {
                self.w("для нас");
                self.topic(Nom);
                self.w("–");
                self.w("это");
                self.wi(&[
                    "приоритет",
                    "ключевое направление",
                    "вопрос стратегического значения",
                    "одна из главных задач",
                ]);
            }
            3 => {
                self.w("уже");
                let ahead = 1 + self.p.below(2);
                self.in_year(ahead);
                self.w("мы");
                self.wi(&["планируем", "намерены", "рассчитываем"]);
                self.wz(&v.infinitives);
                self.obj(Acc, false, 60);
            }
            4 => {
                self.clause();
                self.j(",");
                self.w("и мы");
                self.wi(&[
                    "готовы двигаться дальше",
                    "намерены развивать это направление",
                    "не собираемся останавливаться",
                ]);
            }
            5 => {
                self.w("у");
                self.region(Gen);
                self.w("есть все возможности для");
                self.proc_obj(Gen);
            }
            6 => {
                self.w("мы видим большой интерес");
                self.w(v.countries[self.country].adj.form(G::P, Gen));
                self.wi(&["инвесторов", "компаний", "партнёров"]);
                self.w("к");
                self.proc_obj(Dat);
            }
            7 => {
                self.w("это все те проекты, которые либо уже реализуются, либо находятся в высокой степени \
                     проработанности, и мы очень близки к их запуску");
            }
            8 => {
                self.clause();
                self.j(".");
                self.o.cap();
                self.clause();
            }
            9 => self.wi(&[
                "ситуация находится под контролем",
                "угрозы для жителей нет",
                "пострадавшим оказывается вся необходимая помощь",
            ]),
            10 => self.w("все службы работают в штатном режиме"),
            _ => {
                self.w("команда провела");
                self.wi(&["хороший", "тяжёлый", "непростой", "равный"]);
                self.w("матч, и мы");
                self.wi(&["довольны результатом", "сделали выводы", "готовимся к следующей игре"]);
            }
        }
    }

    /// `«…», – уточнил глава Минвостокразвития.`
    fn s_quote_inline(&mut self) {
        let who = self.someone();
        self.o.open_q();
        self.o.cap();
        self.speech();
        self.o.close_q();
        self.j(",");
        let dash = if self.p.pct(80) { "–" } else { "—" };
        self.w(dash);
        let g = self.pg(who);
        self.say_verb(g, false);
        self.person(who, Nom);
        self.j(".");
    }

    // ----- sentences -----

    fn end(&mut self) {
        self.j(".");
    }

    /// One sentence of running text, chosen for the section.
    fn sentence_inner(&mut self) {
        let weights: &[u32] = match self.sec {
            //            say slv kak prs dat quo nap ran con mee sgn doc ord spe rec cmp par ord ph pl inc pol cul spo lnk prb thk rare
            sec::ECON => {
                &[14, 6, 5, 5, 8, 7, 3, 3, 8, 4, 4, 2, 1, 2, 2, 3, 1, 1, 4, 10, 0, 0, 0, 0, 2, 0, 3, 1]
            }
            sec::POL => {
                &[14, 6, 5, 4, 2, 8, 3, 4, 7, 4, 3, 1, 1, 1, 2, 1, 1, 3, 2, 8, 0, 14, 0, 0, 2, 1, 3, 0]
            }
            sec::SOC => {
                &[12, 6, 5, 6, 3, 7, 3, 2, 8, 1, 1, 1, 1, 1, 2, 2, 1, 3, 3, 10, 0, 2, 0, 0, 2, 6, 3, 1]
            }
            sec::REG => {
                &[12, 6, 5, 6, 5, 7, 3, 3, 8, 2, 2, 1, 1, 1, 2, 2, 1, 3, 3, 10, 1, 1, 0, 0, 2, 3, 3, 1]
            }
            sec::INC => {
                &[4, 3, 3, 8, 0, 5, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 4, 40, 0, 0, 0, 2, 0, 0, 0]
            }
            sec::CULT => {
                &[8, 3, 3, 4, 0, 8, 2, 1, 5, 1, 0, 0, 0, 0, 1, 0, 4, 0, 1, 5, 0, 0, 18, 0, 2, 0, 2, 1]
            }
            sec::SPORT => {
                &[5, 3, 3, 2, 0, 8, 2, 1, 4, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 4, 0, 0, 0, 22, 2, 0, 1, 0]
            }
            sec::WORLD => {
                &[14, 6, 5, 4, 5, 8, 3, 3, 7, 9, 7, 3, 2, 3, 2, 2, 2, 1, 4, 8, 0, 1, 0, 0, 2, 0, 3, 1]
            }
            _ => &[12, 8, 5, 3, 6, 8, 3, 3, 8, 2, 2, 1, 1, 2, 2, 2, 1, 1, 3, 10, 0, 1, 1, 0, 2, 1, 8, 2],
        };
        match self.p.weighted(weights) {
            0 => self.s_say(),
            1 => self.s_po_slovam(),
            2 => self.s_kak(),
            3 => self.s_press(),
            4 => self.s_data(),
            5 => self.s_quote_inline(),
            6 => self.s_intro("Напомним,"),
            7 => self.s_ranee(),
            8 => self.s_connect(),
            9 => self.s_meeting(),
            10 => self.s_sign(),
            11 => self.s_doc_content(),
            12 => self.s_ordinal(),
            13 => self.s_special(),
            14 => self.s_rech(),
            15 => self.s_compare(),
            16 => self.s_participants(),
            17 => self.s_order(),
            18 => self.s_phrase(),
            19 => self.s_plain(),
            20 => self.s_incident(),
            21 => self.s_politics(),
            22 => self.s_culture(),
            23 => self.s_sport(),
            24 => self.s_link(),
            25 => self.s_problem(),
            26 => self.s_think(),
            _ => self.s_rare(),
        }
    }

    fn s_plain(&mut self) {
        self.o.cap();
        self.clause();
        self.end();
    }

    fn s_say(&mut self) {
        let who = self.someone();
        self.o.cap();
        self.person(who, Nom);
        let g = self.pg(who);
        self.say_verb(g, true);
        self.j(",");
        self.w("что");
        self.clause();
        self.end();
    }

    fn s_think(&mut self) {
        let v = self.v;
        let who = self.someone();
        self.o.cap();
        self.person(who, Nom);
        let verb = self.p.z(&v.think);
        let g = self.pg(who);
        let form = verb.form(G::M);
        // «уверен» agrees in gender; the present-tense verbs do not.
        if form == "уверен" && g == G::F {
            self.w("уверена");
        } else {
            self.w(form);
        }
        self.j(",");
        self.w("что");
        self.clause();
        self.end();
    }

    fn s_po_slovam(&mut self) {
        let who = self.someone();
        self.o.cap();
        {
            let i = self.p.weighted(&[6, 3]);
            self.w(["по словам", "по мнению"][i]);
        }
        self.person(who, Gen);
        self.j(",");
        self.clause();
        self.end();
    }

    fn s_kak(&mut self) {
        let who = self.someone();
        self.o.cap();
        self.w("как");
        let g = self.pg(who);
        self.say_verb(g, false);
        self.person(who, Nom);
        self.j(",");
        self.clause();
        self.end();
    }

    fn s_press(&mut self) {
        let v = self.v;
        self.o.cap();
        let kind = if self.sec == sec::INC { 2 } else { self.p.below(3) };
        match kind {
            0 => {
                self.w("как сообщили в пресс-службе");
                let o = self.some_org();
                self.org(o, Gen);
            }
            1 => {
                self.w("как сообщили в");
                self.wi(&["правительстве", "администрации", "пресс-службе правительства"]);
                self.region(Gen);
            }
            _ => {
                self.w("об этом сообщает пресс-служба");
                if self.sec == sec::INC {
                    self.wi(&[
                        "ГУ МЧС России по региону",
                        "регионального УМВД",
                        "следственного управления СК",
                    ]);
                    self.end();
                    return;
                }
                let _ = v;
                self.w("правительства");
                self.region(Gen);
                self.end();
                return;
            }
        }
        self.j(",");
        self.clause();
        self.end();
    }

    fn s_data(&mut self) {
        let v = self.v;
        self.o.cap();
        self.w("по данным");
        self.wz(&v.sources);
        self.j(",");
        self.c_indicator(true);
        self.end();
    }

    fn s_intro(&mut self, intro: &str) {
        self.o.cap();
        self.w(intro);
        self.clause();
        self.end();
    }

    fn s_ranee(&mut self) {
        let who = self.someone();
        self.o.cap();
        self.w("ранее");
        self.person(who, Nom);
        let g = self.pg(who);
        self.say_verb(g, true);
        self.j(",");
        self.w("что");
        self.clause();
        self.end();
    }

    fn s_connect(&mut self) {
        const CONNECTORS: &[&str] = &[
            "Кроме того,",
            "При этом",
            "Также",
            "В настоящее время",
            "Отметим, что",
            "Как ожидается,",
            "Вместе с тем",
            "Между тем",
            "В свою очередь,",
            "Сейчас",
            "В то же время",
            "По предварительным данным,",
            "Как уточняется,",
            "Впрочем,",
        ];
        let c = *self.p.z(CONNECTORS);
        self.s_intro(c);
    }

    /// What the sides paid attention to, what a company plans to do, which commission meets.
    fn s_attention(&mut self) {
        self.o.cap();
        match self.p.below(4) {
            3 => {
                let who = self.someone();
                self.person(who, Nom);
                self.wi(&["курирует вопросы, связанные", "отвечает за вопросы, связанные"]);
                self.prep("с", |s| s.topic(Ins));
            }
            0 => {
                self.w("особое внимание");
                self.wi(&["стороны уделили", "участники встречи уделили", "было уделено"]);
                self.topic(Dat);
            }
            1 => {
                let o = self.some_org();
                self.org(o, Nom);
                self.wi(&["планирует заниматься", "будет заниматься", "продолжит заниматься"]);
                self.sector(Ins);
            }
            _ => {
                let v = self.v;
                self.wi(&["комиссия", "рабочая группа", "межведомственная комиссия"]);
                self.w("по");
                self.topic(Dat);
                self.wi(&["соберётся", "проведёт заседание", "подведёт итоги"]);
                self.w("в");
                let month = self.p.idx(12);
                self.w(v.months_loc[month]);
            }
        }
        self.end();
    }

    fn s_meeting(&mut self) {
        let v = self.v;
        if self.p.pct(30) {
            self.s_attention();
            return;
        }
        self.o.cap();
        if self.people.len() >= 2 && self.p.pct(55) {
            self.w("вопросы");
            if self.p.pct(50) {
                self.w(v.countries[self.country].pair_adj.form(G::N, Gen));
                self.w("сотрудничества");
                if self.p.pct(40) {
                    self.w("на Дальнем Востоке");
                }
            } else {
                self.topic_proc(Gen);
            }
            self.w("обсуждались на встрече");
            self.person(0, Gen);
            self.prep("с", |s| s.person(1, Ins));
            self.end();
        } else {
            self.person(0, Nom);
            self.w("и");
            let other = 1 + self.p.idx(self.people.len() - 1);
            self.person(other, Nom);
            {
                let verb = self.p.z(&v.agree);
                self.w(verb.form(G::P));
            }
            if self.p.pct(50) {
                self.topic_proc(Acc);
            } else {
                self.w("перспективы");
                self.proc_obj(Gen);
            }
            self.end();
        }
    }

    fn s_sign(&mut self) {
        let v = self.v;
        self.o.cap();
        if self.p.pct(50) {
            self.wz(&["стороны", "участники встречи", "партнёры"]);
            {
                let verb = self.p.z(&v.agree);
                self.w(verb.form(G::P));
            }
            self.doc(Acc);
            self.prep("о", |s| match s.p.below(5) {
                0 | 1 => s.proc_obj(Loc),
                2 => s.topic_proc(Loc),
                _ => s.topic(Loc),
            });
        } else {
            self.wi(&["в рамках", "на полях"]);
            if self.p.pct(60) {
                self.w("Восточного экономического форума");
            } else {
                self.event(Gen, false);
            }
            let i = self.p.zipf(v.docs.nouns.len());
            let n = &v.docs.nouns[i];
            let g = n.agr(false);
            self.w(v.was.form(g));
            self.w(v.passive[0].form(g));
            self.w(n.form(Nom, false));
            self.w("между");
            self.org(self.org, Ins);
            self.w("и");
            self.org(self.forg, Ins);
        }
        self.end();
    }

    fn s_doc_content(&mut self) {
        let v = self.v;
        self.o.cap();
        self.wz(&["документ", "план", "соглашение", "программа"]);
        self.wi(&["содержит", "предусматривает", "включает"]);
        let n = u64::from(3 + self.p.zipf(40) as u32);
        let item = self.p.z(&v.count_items);
        self.counted(n, item);
        if self.p.pct(50) {
            self.j(",");
            self.w("объединённых в");
            let m = u64::from(2 + self.p.below(u32::try_from(n.min(8)).unwrap_or(8) - 2));
            let group = &v.group_nouns[0];
            let (case, pl) = after_numeral(m);
            self.o.num(m);
            self.w(group.form(if case == Nom { Acc } else { case }, pl));
        }
        self.end();
    }

    fn s_ordinal(&mut self) {
        let v = self.v;
        self.o.cap();
        let ord = &v.ordinals[self.p.idx(v.ordinals.len())];
        let group = self.p.z(&v.group_nouns);
        let g = group.agr(false);
        self.w(ord.form(g, Nom));
        self.w(group.form(Nom, false));
        if self.p.pct(50) {
            self.w("–");
            self.w("это");
            self.proc_obj(Nom);
        } else {
            self.wi(&["вопросов", "плана", "программы"]);
            self.w(["связан", "связана", "связано"][g as usize]);
            self.prep("с", |s| s.proc_obj(Ins));
        }
        self.end();
    }

    fn s_special(&mut self) {
        self.o.cap();
        self.w("особого внимания, по мнению");
        let who = self.someone();
        self.person(who, Gen);
        self.j(",");
        self.w("заслуживает проект по");
        if self.p.pct(15) {
            self.w("строительству энергомоста Сахалин – Хоккайдо");
        } else {
            self.proc_obj(Dat);
        }
        self.end();
    }

    fn s_rech(&mut self) {
        self.o.cap();
        self.w("речь идёт");
        self.prep("о", |s| s.proc_obj(Loc));
        self.end();
    }

    fn s_compare(&mut self) {
        self.o.cap();
        self.w("это на");
        self.pct_value();
        {
            let i = self.p.weighted(&[7, 3]);
            self.w(["больше", "меньше"][i]);
        }
        self.j(",");
        self.wi(&["чем годом ранее", "чем в прошлом году", "чем за аналогичный период прошлого года"]);
        self.end();
    }

    fn s_participants(&mut self) {
        let v = self.v;
        self.o.cap();
        self.w("в");
        self.event(Loc, false);
        self.wi(&["приняли участие", "участвовали"]);
        self.w("более");
        let n = u64::from(20 + self.p.zipf(3000) as u32);
        self.counted_gen(n, &v.person);
        if self.p.pct(50) {
            self.w("из");
            let m = u64::from(2 + self.p.zipf(60) as u32);
            self.counted_gen(m, &v.country_noun);
        }
        self.end();
    }

    fn s_order(&mut self) {
        let v = self.v;
        let who = 0;
        if !matches!(v.roles[self.people[who].role as usize].0, RoleKind::Official | RoleKind::Security) {
            self.s_say();
            return;
        }
        self.o.cap();
        self.person(who, Nom);
        let g = self.pg(who);
        self.w(["поручил", "поручила"][usize::from(g == G::F)]);
        self.wi(&[
            "до конца года",
            "в кратчайшие сроки",
            "к началу отопительного сезона",
            "в течение месяца",
        ]);
        self.wz(&v.infinitives);
        let pl = self.p.pct(30);
        self.obj(Acc, pl, 60);
        self.end();
    }

    fn s_phrase(&mut self) {
        self.o.cap();
        match self.p.below(10) {
            0 => {
                self.w("соглашение было подписано на полях Восточного экономического форума, который прошёл");
                self.prep("в", |s| s.w("Владивостоке"));
                self.date();
            }
            1 => {
                self.w("проект станет частью инфраструктуры Северного морского пути");
            }
            2 => {
                self.w("компания получила статус резидента");
                self.wi(&["Свободного порта Владивосток", "территории опережающего развития"]);
                self.w("и");
                self.w("налоговые льготы");
            }
            3 => {
                self.w("программа дальневосточной ипотеки позволяет купить жильё под 2% годовых");
            }
            4 => {
                self.w("на поддержку малого и среднего бизнеса");
                self.loc_region();
                self.w("направят");
                self.money();
            }
            5 => {
                self.w("по сравнению с прошлым годом");
                self.c_indicator(false);
            }
            6 => {
                self.w("стороны обсудили перспективы энергомоста Сахалин – Хоккайдо");
            }
            7 => {
                self.w("по сравнению с аналогичным периодом прошлого года показатель");
                self.wi(&["вырос", "снизился"]);
                self.w("на");
                self.pct_value();
            }
            8 => {
                self.w("реализация проекта позволит создать более");
                let n = u64::from(100 + self.p.zipf(2000) as u32);
                self.big(n);
                self.w("рабочих мест");
            }
            _ => {
                self.w("участками");
                self.w("по программе «Дальневосточный гектар»");
                self.w("уже обзавелись более");
                let n = u64::from(100 + self.p.zipf(5000) as u32);
                self.big(n);
                self.w("человек");
            }
        }
        self.end();
    }

    fn s_incident(&mut self) {
        let v = self.v;
        self.o.cap();
        match self.p.weighted(&[14, 10, 6, 6, 6, 5, 5, 4, 4]) {
            0 => {
                self.wi(&["утром", "днём", "вечером", "ночью", "в ночь на"]);
                self.date();
                self.c_incident();
            }
            1 => {
                self.w("в результате");
                self.incident(Gen, 0);
                let n = u64::from(2 + self.p.zipf(30) as u32);
                self.wi(&["пострадали", "госпитализированы", "эвакуированы"]);
                self.counted(n, &v.person);
            }
            2 => {
                self.w("на месте работают");
                let n = u64::from(5 + self.p.zipf(100) as u32);
                self.counted(n, &v.rescuer);
                self.w("и");
                let m = u64::from(2 + self.p.zipf(30) as u32);
                self.counted(m, &v.unit_noun);
                self.w("техники");
            }
            3 => {
                self.w("по факту");
                self.incident(Gen, 0);
                self.w("возбуждено уголовное дело по статье");
                let statute = match self.incident {
                    0 | 17 | 27 | 28 | 33 => 3,
                    1 | 19 | 22 | 32 => 0,
                    14 => 6,
                    15 => 1,
                    _ => [2, 4, 2, 5][self.p.idx(4)],
                };
                self.w(v.statutes[statute]);
            }
            4 => {
                self.wi(&["причины", "обстоятельства"]);
                self.incident(Gen, 0);
                self.w("устанавливаются");
            }
            5 => {
                self.loc_region();
                self.wi(&[
                    "введён режим повышенной готовности",
                    "введён режим ЧС",
                    "объявлен режим повышенной готовности",
                ]);
            }
            6 => {
                self.w("синоптики прогнозируют");
                self.wz(&v.weather);
                self.loc_region();
            }
            7 => {
                self.w("площадь");
                self.wi(&["пожара", "подтопления", "возгорания"]);
                self.w("составляет");
                let n = u64::from(1 + self.p.zipf(500) as u32);
                self.o.num(n);
                self.wi(&["га", "кв. м", "тыс. га"]);
            }
            _ => {
                self.w("водителей просят");
                self.wi(&["воздержаться от поездок", "быть внимательнее на дорогах", "снизить скорость"]);
                self.w("на трассе");
                self.wz(&[
                    "Хабаровск – Комсомольск-на-Амуре",
                    "Владивосток – Находка",
                    "Хабаровск – Владивосток",
                    "«Уссури»",
                    "«Амур»",
                ]);
            }
        }
        self.end();
    }

    fn s_politics(&mut self) {
        let v = self.v;
        self.o.cap();
        match self.p.below(4) {
            0 => {
                let who = self.someone();
                self.name(who, Nom, true);
                self.people[who].mentions += 1;
                let g = self.pg(who);
                self.w(v.passive[3].form(g));
                self.w("на должность");
                self.role(who, Gen);
            }
            1 => {
                if self.p.pct(80) {
                    self.w("за");
                    self.wi(&["законопроект", "поправки", "документ"]);
                } else {
                    self.w("против");
                    self.wi(&["законопроекта", "поправок", "документа"]);
                }
                self.w("проголосовали");
                let n = u64::from(5 + self.p.below(40));
                self.counted(n, &v.deputy);
            }
            2 => {
                self.w("выборы");
                self.wi(&["губернатора", "депутатов регионального парламента", "мэра"]);
                if self.p.pct(50) {
                    self.region(Gen);
                } else {
                    self.city(Gen);
                }
                self.wi(&["пройдут", "состоятся"]);
                self.w("в сентябре");
                self.o.num(u64::from(self.year + self.p.below(2)));
                self.w("года");
            }
            _ => {
                self.c_law();
            }
        }
        self.end();
    }

    fn s_culture(&mut self) {
        let v = self.v;
        self.o.cap();
        let (venue, name) = &v.venues[self.venue];
        match self.p.weighted(&[8, 5, 4, 3, 4]) {
            0 => {
                self.w("в");
                self.w(venue.form(Loc, false));
                self.w(name);
                self.wz(&[
                    "открылась выставка",
                    "пройдёт фестиваль",
                    "состоялась премьера спектакля",
                    "начал работу проект",
                ]);
                self.o.quoted(v.titles[self.title]);
            }
            1 => {
                self.wi(&["экспозиция включает", "в экспозиции представлено"]);
                self.w("более");
                let n = u64::from(30 + self.p.zipf(2000) as u32);
                self.counted_gen(n, &v.exhibit);
                if self.p.pct(50) {
                    self.w("из фондов");
                    self.w(venue.form(Gen, false));
                    self.w(name);
                }
            }
            2 => {
                self.wi(&["выставка продлится до", "проект продлится до", "фестиваль будет работать до"]);
                self.date();
            }
            3 => {
                self.w("вход для");
                self.people_np(Gen);
                self.w("свободный");
            }
            _ => {
                self.w("проект приурочен к");
                self.wi(&[
                    "Году культурного наследия",
                    "юбилею города",
                    "Дню города",
                    "Году Японии в России",
                    "200-летию со дня рождения основателя музея",
                ]);
            }
        }
        self.end();
    }

    fn s_sport(&mut self) {
        let v = self.v;
        self.o.cap();
        let team = v.teams[self.team];
        let rival = v.teams[self.rival];
        match self.p.weighted(&[4, 5, 4, 3, 4]) {
            0 => {
                self.wi(&["клуб", "хоккейный клуб", "клуб", "ХК"]);
                self.o.quoted(team);
                let won = self.p.pct(55);
                self.w(if won { "обыграл" } else { "уступил" });
                self.w(if won { "команду" } else { "команде" });
                self.o.quoted(rival);
                self.w("со счётом");
                let (a, b) = (u64::from(self.p.range(1, 6)), u64::from(self.p.range(0, 4)));
                let (a, b) = if a == b { (a + 1, b) } else { (a.max(b), a.min(b)) };
                self.o.num(a);
                self.j(":");
                self.o.num_glued(b);
                self.w("в матче регулярного чемпионата КХЛ");
            }
            1 => {
                self.wi(&["шайбы", "голы"]);
                self.w("в составе");
                self.w(v.cities[self.city].demonym);
                self.wi(&["забросили", "забили"]);
                let a = *self.p.z(&v.surname_nom);
                let b = *self.p.z(&v.surname_nom);
                self.w(a);
                self.w("и");
                self.w(b);
            }
            2 => {
                self.w("следующий матч команда проведёт");
                self.date();
                self.wi(&["дома", "в гостях", "на своём льду"]);
                self.w("против клуба");
                self.o.quoted(rival);
            }
            3 => {
                self.w("после");
                let n = u64::from(5 + self.p.below(60));
                self.counted_gen(n, &v.game);
                self.o.quoted(team);
                self.w("набрал");
                let pts = u64::from(5 + self.p.below(90));
                self.counted(pts, &v.point);
                self.w("и занимает");
                self.o.num(u64::from(1 + self.p.below(11)));
                self.j("-е");
                self.w("место в конференции");
            }
            _ => {
                self.wi(&["в составе", "за"]);
                self.o.quoted(team);
                self.wi(&["отличился", "дебютировал", "вернулся на лёд"]);
                self.wi(&["нападающий", "защитник", "новичок команды"]);
                let sur = *self.p.z(&v.surname_nom);
                self.w(sur);
            }
        }
        self.end();
    }

    fn s_link(&mut self) {
        self.o.cap();
        let id = 100_000 + u64::from(self.p.below(900_000));
        if self.p.pct(50) {
            self.w("ранее");
            self.w("[мы писали](https://example.ru/news/");
            self.o.num_glued(id);
            self.j("),");
            self.w("что");
            self.clause();
        } else {
            self.w("подробнее");
            self.prep("о", |s| s.proc_obj(Loc));
            self.w("–");
            self.w("[в нашем материале](https://example.ru/news/");
            self.o.num_glued(id);
            self.j(")");
        }
        self.end();
    }

    fn s_problem(&mut self) {
        let v = self.v;
        self.o.cap();
        self.people_np(Nom);
        self.loc_local();
        self.wi(&["жалуются на", "пожаловались на", "обратились в прокуратуру из-за жалоб на"]);
        self.wz(&v.problems);
        self.end();
    }

    // ----- headlines -----

    fn headline_inner(&mut self) {
        let v = self.v;
        self.o.cap();
        let kind = match self.sec {
            sec::INC => [4, 4, 4, 4, 9][self.p.idx(5)],
            sec::SPORT => [10, 10, 8][self.p.idx(3)],
            sec::CULT => [11, 11, 8][self.p.idx(3)],
            sec::POL => [7, 12, 0, 5, 8][self.p.idx(5)],
            sec::SOC | sec::REG => [1, 0, 2, 5, 8, 3, 4, 7][self.p.zipf(8)],
            _ => [0, 2, 1, 3, 8, 5, 6, 7][self.p.zipf(8)],
        };
        match kind {
            0 => {
                let g = if self.people.len() >= 2 && self.p.pct(60) {
                    self.name(0, Nom, false);
                    self.w("и");
                    self.name(1, Nom, false);
                    G::P
                } else {
                    self.name(0, Nom, false);
                    self.pg(0)
                };
                match self.p.below(3) {
                    0 => {
                        self.w(["обсудил", "обсудила", "обсудило", "обсудили"][g as usize]);
                        self.topic(Acc);
                    }
                    1 => {
                        self.w(["обсудил", "обсудила", "обсудило", "обсудили"][g as usize]);
                        self.proc_obj(Acc);
                    }
                    _ => {
                        let verb = self.p.z(&v.agree);
                        self.w(verb.form(g));
                        self.doc(Acc);
                    }
                }
                if self.p.pct(50) {
                    self.loc_city();
                }
            }
            1 => {
                self.loc_region();
                self.wz(&v.fut_impersonal);
                self.obj(Acc, false, 80);
                if self.p.pct(50) {
                    self.w("к");
                    self.o.num(u64::from(self.year + 1 + self.p.below(3)));
                    self.w("году");
                }
            }
            2 => {
                let ind = &v.indicators[self.indicator];
                self.w(ind.head.form(Nom, false));
                self.w(ind.comp);
                self.loc_region();
                let g = ind.head.g;
                let verb = if self.p.pct(65) { self.p.z(&v.change_up) } else { self.p.z(&v.change_down) };
                self.w(verb.form(g));
                self.w("на");
                self.pct_value();
            }
            3 => {
                let o = self.some_org();
                let g = self.org(o, Nom);
                {
                    let verb = self.p.z(&v.act_proc);
                    self.w(verb.form(g));
                }
                self.proc_obj(Acc);
            }
            4 => {
                self.incident(Nom, 40);
                self.loc_city();
                self.j(":");
                let n = u64::from(2 + self.p.zipf(20) as u32);
                self.wi(&["пострадали", "эвакуированы", "госпитализированы"]);
                self.counted(n, &v.person);
            }
            5 => {
                self.w("власти");
                self.region(Gen);
                self.wi(&["выделят", "направят", "потратят"]);
                self.money();
                self.w("на");
                self.proc_obj(Acc);
            }
            6 => {
                self.w(v.countries[self.country].adj.form(G::P, Nom));
                self.wi(&["инвесторы", "компании"]);
                self.w("заинтересовались");
                self.proc_obj(Ins);
            }
            7 => {
                let who = 0;
                self.name(who, Nom, true);
                let g = self.pg(who);
                self.w(v.passive[3].form(g));
                let r = &v.roles[self.people[who].role as usize].1;
                if let Some(a) = &r.adj {
                    self.w(a.form(G::M, Ins));
                }
                self.w(r.noun.form(Ins, false));
                self.wi(&["региона", "края", "ведомства"]);
            }
            8 => {
                self.name(0, Nom, false);
                self.j(":");
                self.o.open_q();
                self.o.cap();
                self.speech();
                self.o.close_q();
            }
            9 => {
                self.w("синоптики предупредили жителей");
                self.region(Gen);
                self.w("о");
                self.wi(&["сильном ветре", "ливнях", "снегопадах", "заморозках", "тайфуне"]);
            }
            10 => {
                self.o.quoted(v.teams[self.team]);
                self.wi(&["обыграл", "победил"]);
                self.o.quoted(v.teams[self.rival]);
                self.w("в матче регулярного чемпионата КХЛ");
            }
            11 => {
                self.loc_city();
                self.wi(&["открылась выставка", "пройдёт фестиваль", "покажут проект"]);
                self.o.quoted(v.titles[self.title]);
            }
            _ => {
                self.w("депутаты приняли закон");
                self.prep("о", |s| s.proc_obj(Loc));
            }
        }
    }
}

impl Writer for Ru {
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
        match self.p.weighted(&[4, 3, 2, 2, 1]) {
            0 => self.s_say(),
            1 => self.s_plain(),
            _ if self.sec == sec::INC => self.s_incident(),
            _ if self.sec == sec::CULT => self.s_culture(),
            _ if self.sec == sec::SPORT => self.s_sport(),
            2 => self.s_meeting(),
            3 => self.s_po_slovam(),
            _ => self.s_sign(),
        }
    }

    fn headline(&mut self) {
        self.headline_inner();
    }

    fn subheading(&mut self) {
        let v = self.v;
        self.o.cap();
        match self.p.below(4) {
            0 => self.wz(&v.sub_fixed),
            1 => {
                let i = self.p.zipf(v.procs.len());
                self.w(v.procs[i].form(Nom, false));
                self.obj(Gen, true, 50);
            }
            2 => {
                self.topic(Nom);
                self.w("и");
                let i = self.p.zipf(v.topics.nouns.len());
                self.w(v.topics.nouns[i].form(Nom, false));
            }
            _ => {
                self.w("что изменится");
                self.loc_region();
            }
        }
    }

    fn list_intro(&mut self, items: u32) {
        let v = self.v;
        self.o.cap();
        match self.p.below(4) {
            0 => self.w("в план вошли следующие направления"),
            1 => self.w("среди ключевых проектов"),
            2 => {
                self.wi(&["документ предусматривает", "программа включает"]);
                self.counted(u64::from(items), &v.count_items[0]);
            }
            _ => self.w("в числе мер поддержки"),
        }
        self.j(":");
    }

    fn list_item(&mut self, numbered: bool, last: bool) {
        if numbered {
            self.o.cap();
        }
        match self.p.below(4) {
            0 | 1 => self.proc_obj(Nom),
            2 => self.topic_proc(Nom),
            _ => {
                self.benefit(Nom);
                self.w("для");
                self.people_np(Gen);
            }
        }
        if numbered || last {
            self.j(".");
        } else {
            self.j(";");
        }
    }

    fn quote_block(&mut self) {
        let who = self.someone();
        self.o.open_q();
        self.o.cap();
        self.speech();
        if self.p.pct(40) {
            self.j(".");
            self.o.cap();
            self.speech();
        }
        self.o.close_q();
        self.w("—");
        let g = self.pg(who);
        self.say_verb(g, false);
        self.person(who, Nom);
        self.j(".");
    }

    fn bold_lead_in(&mut self) {
        self.wz(&["**Справка.**", "**Важно.**", "**Кстати.**", "**Цифра.**"]);
    }

    fn link_phrase(&mut self) {
        self.s_link();
    }

    fn dateline(&self) -> String {
        self.v.cities[self.city].noun.nom().to_owned()
    }

    fn tags(&mut self) -> Vec<&'static str> {
        let v = self.v;
        let mut tags = Vec::with_capacity(4);
        if self.p.pct(75) {
            tags.push(v.regions[self.region].tag);
        }
        let by_section: &[&'static str] = match self.sec {
            sec::ECON => &[
                "Экономика/Инвестиции",
                "Экономика/ТОР",
                "Экономика/Свободный порт",
                "Экономика/Бюджет",
                "Экономика/Малый бизнес",
                "Экономика/Экспорт",
                "Экономика/Рыболовство",
                "Энергетика",
                "Транспорт",
                "Энергетика/Нефть и газ",
                "ВЭФ",
                "Арктика",
                "Транспорт/Севморпуть",
            ],
            sec::POL => &["Политика", "Политика/Выборы", "Политика/Законодательство", "Экономика/Бюджет"],
            sec::SOC => &[
                "Общество/Здравоохранение",
                "Общество/Образование",
                "Общество/ЖКХ",
                "Общество/Соцподдержка",
                "Экология",
                "Транспорт",
            ],
            sec::REG => &[
                "Транспорт",
                "Общество/ЖКХ",
                "Экономика/Инвестиции",
                "Экология",
                "Туризм",
                "Транспорт/Авиация",
            ],
            sec::INC => {
                &["Происшествия/ДТП", "Происшествия/Пожары", "Происшествия/Стихийные бедствия", "Экология"]
            }
            sec::CULT => &["Культура", "Туризм", "Культура/Театр"],
            sec::SPORT => &["Спорт/Хоккей", "Спорт/Футбол", "Спорт"],
            sec::WORLD => &["ВЭФ", "Экономика/Инвестиции", "Энергетика/Энергомост", "Политика"],
            sec::SCI => &["Наука", "Арктика", "Экология", "Общество/Образование"],
            _ => &["Политика", "Экономика/Инвестиции", "Общество/ЖКХ"],
        };
        let n = 1 + self.p.weighted(&[30, 40, 20, 10]);
        if self.sec == sec::INC {
            let kind = match self.incident {
                0 | 17 | 27 | 28 | 33 => Some("Происшествия/Пожары"),
                1 | 19 | 22 | 32 => Some("Происшествия/ДТП"),
                3..=10 | 18 | 20 | 21 | 25 | 26 | 29..=31 => Some("Происшествия/Стихийные бедствия"),
                _ => Some("Происшествия"),
            };
            tags.extend(kind);
            if tags.len() < n && self.p.pct(30) {
                tags.push("Экология");
            }
            tags.truncate(n.max(1));
            return tags;
        }
        if let Some(t) = v.countries[self.country].tag
            && matches!(self.sec, sec::WORLD | sec::ECON)
            && self.p.pct(60)
        {
            tags.push(t);
        }
        while tags.len() < n {
            let t = *self.p.z(by_section);
            if !tags.contains(&t) {
                tags.push(t);
            } else if self.p.pct(30) {
                break;
            }
        }
        tags.truncate(n.max(1));
        tags
    }

    fn byline_name(&mut self) -> String {
        let v = self.v;
        v.staff_ru[self.p.zipf(v.staff_ru.len())].clone()
    }

    fn note(&mut self) -> String {
        let v = self.v;
        let mut note = (*self.p.z(&v.notes)).to_owned();
        note.push('.');
        note
    }
}
