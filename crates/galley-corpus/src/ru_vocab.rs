//! The Russian word banks: nouns by topic with the adjectives that go with them, verbs by use,
//! people, places and organisations of the Russian Far East and its neighbours.
//!
//! Banks are ordered from the most to the least frequent: the generator picks with Zipf weights,
//! so the first words of a bank make most of the text and the last ones are rare.

use std::sync::OnceLock;

use crate::grammar::{Adj, Case, G, Noun, Pres, Surname, Verb, adj, noun, pres, surname, verb};

/// Nouns of one kind and the adjectives that read well with them.
pub(crate) struct Family {
    pub nouns: Vec<Noun>,
    pub adjs: Vec<Adj>,
}

fn family(nouns: &str, adjs: &str) -> Family {
    Family { nouns: nouns_of(nouns), adjs: adjs_of(adjs) }
}

fn nouns_of(list: &str) -> Vec<Noun> {
    list.split(';').map(str::trim).filter(|s| !s.is_empty()).map(noun).collect()
}

fn adjs_of(list: &str) -> Vec<Adj> {
    list.split_whitespace().map(adj).collect()
}

fn verbs_of(list: &str) -> Vec<Verb> {
    list.split_whitespace().map(verb).collect()
}

fn pres_of(list: &str) -> Vec<Pres> {
    list.split_whitespace().map(pres).collect()
}

fn words_of(list: &'static str) -> Vec<&'static str> {
    list.split(';').map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// What follows a role noun: `губернатор` + `Хабаровского края`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Comp {
    /// A fixed genitive phrase.
    Fixed(&'static str),
    /// A fixed phrase, then the region in the genitive.
    Region(&'static str),
    /// A fixed phrase, then `по` and the region in the dative.
    RegionDat(&'static str),
    /// The city in the genitive.
    City,
    /// A fixed phrase, then the article's company in the genitive.
    Org(&'static str),
    /// A fixed phrase, then the article's foreign company in the genitive.
    ForeignOrg(&'static str),
    /// The club in the genitive.
    Team,
}

/// A position a person holds.
pub(crate) struct Role {
    pub adj: Option<Adj>,
    pub noun: Noun,
    pub comp: Comp,
    /// English title, e.g. "governor of".
    pub en: &'static str,
}

/// Which roles a section's people hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RoleKind {
    Official,
    Business,
    Expert,
    Security,
    Culture,
    Sport,
    Japanese,
    Foreign,
}

pub(crate) struct Region {
    pub full: [String; 6],
    pub short: Option<Noun>,
    /// `в` or `на` before the short name.
    pub short_prep: &'static str,
    pub capital: usize,
    pub tag: &'static str,
    pub en: &'static str,
}

pub(crate) struct City {
    pub noun: Noun,
    pub adj: Option<Adj>,
    pub region: Option<usize>,
    /// `в`, `во` or `на`.
    pub prep: &'static str,
    pub en: &'static str,
    /// Genitive plural of the people of the city (`хабаровчан`).
    pub demonym: &'static str,
}

pub(crate) struct Country {
    pub noun: Noun,
    pub adj: Adj,
    /// `российско-японский`.
    pub pair_adj: Adj,
    pub tag: Option<&'static str>,
    pub en: &'static str,
    pub en_adj: &'static str,
}

/// Where an organisation or person comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    Ru,
    Jp,
    Cn,
    Kr,
}

pub(crate) struct Org {
    /// The generic noun before the name (`компания`), if any.
    pub kind: Option<usize>,
    pub name: &'static str,
    pub quoted: bool,
    /// Gender when the name stands alone (`Минвостокразвития сообщило`).
    pub g: G,
    pub origin: Origin,
    pub en: &'static str,
}

/// A foreign person: given and family name, indeclinable unless the surname ends in `-а`.
pub(crate) struct Foreigner {
    pub first: &'static str,
    pub sur: Surname,
    pub sur_nom: &'static str,
    pub female: bool,
    pub family_first: bool,
    pub origin: Origin,
    pub en: &'static str,
    pub en_short: &'static str,
}

pub(crate) struct Indicator {
    pub head: Noun,
    pub comp: &'static str,
    pub unit: char,
    pub en: &'static str,
}

pub(crate) struct Vocab {
    pub transport: Family,
    pub industry: Family,
    pub social_obj: Family,
    pub procs: Vec<Noun>,
    pub topic_procs: Vec<Noun>,
    pub topics: Family,
    pub relations: Family,
    pub docs: Family,
    pub events: Family,
    pub indicators: Vec<Indicator>,
    pub people: Family,
    pub benefits: Family,
    pub incidents: Family,
    pub count_items: Vec<Noun>,
    pub group_nouns: Vec<Noun>,
    pub ordinals: Vec<Adj>,
    pub roles: Vec<(RoleKind, Role)>,
    pub first_m: Vec<Noun>,
    pub first_f: Vec<Noun>,
    pub surnames: Vec<Surname>,
    pub surname_nom: Vec<&'static str>,
    pub foreigners: Vec<Foreigner>,
    pub regions: Vec<Region>,
    pub cities: Vec<City>,
    pub countries: Vec<Country>,
    pub org_kinds: Vec<Noun>,
    pub orgs: Vec<Org>,
    pub teams: Vec<&'static str>,
    pub venues: Vec<(Noun, &'static str)>,
    pub titles: Vec<&'static str>,
    pub say: Vec<Verb>,
    pub say_tails: Vec<(Verb, &'static str)>,
    pub think: Vec<Pres>,
    pub agree: Vec<Verb>,
    pub act_obj: Vec<Verb>,
    pub act_proc: Vec<Verb>,
    pub happened: Vec<Verb>,
    pub change_up: Vec<Verb>,
    pub change_down: Vec<Verb>,
    pub fut_impersonal: Vec<&'static str>,
    pub infinitives: Vec<&'static str>,
    pub passive: Vec<Verb>,
    pub was: Verb,
    pub person: Noun,
    pub job: Noun,
    pub country_noun: Noun,
    pub unit_noun: Noun,
    pub exhibit: Noun,
    pub game: Noun,
    pub point: Noun,
    /// Organisations named with a generic noun (`компания «…»`).
    pub companies: Vec<usize>,
    pub deputy: Noun,
    pub rescuer: Noun,
    pub months_gen: Vec<&'static str>,
    pub months_loc: Vec<&'static str>,
    pub problems: Vec<&'static str>,
    pub weather: Vec<&'static str>,
    pub statutes: Vec<&'static str>,
    pub sources: Vec<&'static str>,
    pub sub_fixed: Vec<&'static str>,
    pub notes: Vec<&'static str>,
    pub rare: Family,
    /// Cities of each region.
    pub city_by_region: Vec<Vec<usize>>,
    /// Organisations by [`Origin`].
    pub org_by_origin: Vec<Vec<usize>>,
    /// Roles by [`RoleKind`].
    pub role_by_kind: Vec<Vec<usize>>,
    /// Foreign people by [`Origin`] (none for `Ru`).
    pub foreigner_by_origin: Vec<Vec<usize>>,
    /// The newsroom's reporters, for bylines.
    pub staff_ru: Vec<String>,
    pub staff_en: Vec<String>,
    pub streets: Vec<&'static str>,
    pub districts: Vec<Adj>,
    /// `(в селе|в посёлке, name)`.
    pub villages: Vec<(&'static str, &'static str)>,
    /// Foreign cities by partner country (index of [`Vocab::countries`]).
    pub abroad: Vec<Vec<usize>>,
}

/// The vocabulary, built on first use.
pub(crate) fn vocab() -> &'static Vocab {
    static VOCAB: OnceLock<Vocab> = OnceLock::new();
    VOCAB.get_or_init(build)
}

const TRANSPORT: &str = "порт; аэропорт; терминал; мост; трасса; автодорога; дорога; причал; вокзал; \
    морской+порт; международный+аэропорт; угольный+терминал; станция; тоннель m; пирс; переправа; \
    контейнерный+терминал; паром; ледокол; хаб; аэровокзал; взлётно-посадочная_полоса =\
    взлётно-посадочная_полоса,взлётно-посадочной_полосы,взлётно-посадочной_полосе,взлётно-посадочную_полосу,\
    взлётно-посадочной_полосой,взлётно-посадочной_полосе f; автовокзал; путепровод; развязка /развязок; \
    зерновой+терминал; нефтеналивной+терминал; пассажирский+терминал; морской+вокзал; железнодорожный+вокзал; \
    автомобильный+мост; глубоководный+причал; двухуровневый+развязка /развязок; речной+порт; \
    логистический+центр; транспортно-логистический+центр; паромный+переправа; железнодорожный+ветка /веток; \
    контейнеровоз; танкер; вертодром; маяк; волнорез; сухой+порт";

const TRANSPORT_ADJ: &str = "новый современный крупный международный региональный федеральный главный \
    единственный временный второй крупнейший";

const INDUSTRY: &str = "завод; предприятие; производство; месторождение; электростанция; комбинат; \
    газопровод; солнечный+электростанция; рыбоперерабатывающий+завод; трубопровод; подстанция; энергомост; \
    судоверфь f; теплица; ферма; рудник; шахта; карьер; элеватор; склад; кластер; технопарк; полигон; \
    нефтепровод; цех; фабрика; рыбозавод; энергоблок; котельная =котельная,котельной,котельной,котельную,\
    котельной,котельной f; дата-центр; инкубатор; ветровой+электростанция; тепловой+электростанция; \
    газоперерабатывающий+завод; металлургический+комбинат; горно-обогатительный+комбинат; угольный+разрез; \
    золотоизвлекательный+фабрика; цементный+завод; судоремонтный+завод; лесоперерабатывающий+комплекс; \
    мусоросортировочный+комплекс; тепличный+комплекс; индустриальный+парк; химический+завод; \
    авиационный+завод; нефтеперерабатывающий+завод; газохимический+комплекс";

const INDUSTRY_ADJ: &str = "новый крупный современный промышленный крупнейший инновационный модульный \
    собственный единственный второй";

const SOCIAL_OBJ: &str = "школа; больница; поликлиника; центр; парк; стадион; бассейн; детский+сад; \
    спорткомплекс; площадь f; сквер; микрорайон; общежитие; кампус; музей; театр; библиотека; \
    университет; колледж; перинатальный+центр; лаборатория; гостиница; отель m; курорт; квартал; \
    комплекс; арена; филармония; детсад; набережная =набережная,набережной,набережной,набережную,\
    набережной,набережной f; фельдшерско-акушерский_пункт =фельдшерско-акушерский_пункт,\
    фельдшерско-акушерского_пункта,фельдшерско-акушерскому_пункту,фельдшерско-акушерский_пункт,\
    фельдшерско-акушерским_пунктом,фельдшерско-акушерском_пункте; хоспис; планетарий; каток; \
    онкологический+диспансер; детский+поликлиника; ледовый+арена; жилой+комплекс; жилой+дом s; \
    культурный+центр; реабилитационный+центр; кардиологический+центр; образовательный+центр; \
    многофункциональный+центр; городской+парк; физкультурно-оздоровительный+комплекс; инфекционный+корпус s";

const SOCIAL_ADJ: &str = "новый современный городской краевой областной районный сельский муниципальный \
    федеральный единственный крупный";

const PROCS: &str = "строительство s; реконструкция s; модернизация s; создание s; ремонт s; \
    расширение s; открытие s; запуск s; проектирование s; финансирование s; благоустройство s; \
    оснащение s; восстановление s; обслуживание s; эксплуатация s; содержание s; обновление s; \
    капремонт s; возведение s; приватизация s; продажа s; аренда s; передача s; сооружение s; \
    субсидирование s; консервация s; газификация s; электрификация s; цифровизация s; сертификация s";

const TOPIC_PROCS: &str = "развитие s; укрепление s; расширение s; активизация s; поддержка s; \
    интенсификация s; углубление s; стимулирование s; диверсификация s; наращивание s; восстановление s";

/// Relations between parties: what is "developed", "strengthened", "discussed".
const RELATIONS: &str = "сотрудничество s; взаимодействие s; партнёрство s; торговля s; товарооборот s; \
    инвестиция P; диалог s; контакт P; связь f P; обмен s";

const RELATION_ADJ: &str = "двусторонний международный экономический инвестиционный \
    торгово-экономический межрегиональный взаимовыгодный практический долгосрочный научно-технический \
    стратегический всесторонний приграничный деловой гуманитарный культурный внешнеэкономический \
    образовательный молодёжный";

/// Fields of the economy and of public life.
const TOPICS: &str = "экономика s; бизнес s; туризм s; энергетика s; экспорт s; инфраструктура s; \
    логистика s; транспорт s; промышленность f s; рыболовство s; здравоохранение s; образование s; \
    безопасность f s; наука s; экология s; культура s; предпринимательство s; медицина s; связь f s; \
    занятость f s; судостроение s; аквакультура s; лесопереработка s; авиастроение s; машиностроение s; \
    энергоснабжение s; водоснабжение s; градостроительство s; кинематограф s; биотехнология s; \
    агропромышленность f s; нефтехимия s; краеведение s";

const TOPIC_ADJ: &str = "региональный дальневосточный российский отечественный современный местный краевой";

const DOCS: &str = "соглашение; программа; план; меморандум; договор; контракт; документ; стратегия; \
    законопроект; закон; концепция; постановление; распоряжение; протокол; заявка /заявок; указ; \
    госпрограмма; нацпроект; решение; дорожная_карта =дорожная_карта,дорожной_карты,дорожной_карте,\
    дорожную_карту,дорожной_картой,дорожной_карте,дорожные_карты,дорожных_карт,дорожным_картам,\
    дорожные_карты,дорожными_картами,дорожных_картах f; техзадание; меморандум; резолюция; регламент";

const DOC_ADJ: &str = "межправительственный двусторонний рамочный инвестиционный концессионный \
    государственный региональный федеральный новый соответствующий долгосрочный трёхсторонний \
    совместный комплексный специальный краевой итоговый отраслевой муниципальный";

const EVENTS: &str = "встреча; переговоры p; форум; совещание; заседание; конференция; визит; сессия; \
    выставка /выставок; презентация; семинар; брифинг; пресс-конференция; церемония; саммит; \
    ярмарка /ярмарок; фестиваль m; слушания p; голосование; коллегия; акция; симпозиум; \
    съезд; конгресс";

const EVENT_ADJ: &str = "очередной международный ежегодный рабочий торжественный выездной внеочередной \
    расширенный двусторонний традиционный первый юбилейный итоговый отчётный публичный специальный \
    официальный";

const PEOPLE: &str = "житель m a; предприниматель m a; семья /семей; специалист a; инвестор a; турист a; \
    студент a; пенсионер a; школьник a; врач a; сотрудник a; пассажир a; водитель m a; педагог a; \
    участник a; работник a; рыбак a; волонтёр a; фермер a; выпускник a; \
    ребёнок a =ребёнок,ребёнка,ребёнку,ребёнка,ребёнком,ребёнке,дети,детей,детям,детей,детьми,детях; \
    покупатель m a; дачник a; автомобилист a; учёный a =учёный,учёного,учёному,учёного,учёным,учёном,\
    учёные,учёных,учёным,учёных,учёными,учёных; абитуриент a; арендатор a; энергетик a; медик a; \
    судовладелец a >судовладельц; переселенец a >переселенц";

const PEOPLE_ADJ: &str = "местный молодой сельский городской дальневосточный российский";

const BENEFITS: &str = "выплата; субсидия; льгота; компенсация; сертификат; ипотека s; кредит; грант; \
    помощь f s; пособие; квота; стипендия; надбавка /надбавок; займ; путёвка /путёвок; налоговый+вычет; \
    льготный+кредит; беспроцентный+займ; материнский+капитал s; социальный+выплата; жилищный+сертификат; \
    земельный+участок >участк";

const BENEFIT_ADJ: &str = "единовременный ежемесячный региональный федеральный дополнительный ежегодный";

const INCIDENTS: &str = "пожар; ДТП i n; авария; наводнение; паводок >паводк; тайфун; циклон; \
    землетрясение; ураган; снегопад; ливень m >ливн; взрыв; обрушение; утечка /утечек; кража; \
    мошенничество; ЧП i n; возгорание; затопление; столкновение; шторм; метель f; гололёд; \
    отключение_электроэнергии =отключение_электроэнергии,отключения_электроэнергии,\
    отключению_электроэнергии,отключение_электроэнергии,отключением_электроэнергии,\
    отключении_электроэнергии n; крушение; оползень m >оползн; цунами i n; лесной+пожар; природный+пожар; \
    сильный+снегопад; сильный+ливень m >ливн; мощный+тайфун; массовый+ДТП i n; ландшафтный+пожар";

const INCIDENT_ADJ: &str = "крупный серьёзный масштабный очередной ночной";

const COUNT_ITEMS: &str = "проект; позиция; мера; направление; мероприятие; пункт; объект; инициатива; \
    предложение; задача; этап";

const GROUP_NOUNS: &str = "группа; блок; направление; часть f; этап; раздел";

const ORDINALS: &str = "первый второй =третий четвёртый пятый шестой";

/// First names, the common ones first.
const FIRST_M: &str = "Александр; Сергей; Алексей; Андрей; Дмитрий; Михаил; Владимир; Игорь m; Евгений; \
    Олег; Николай; Юрий; Константин; Максим; Виктор; Павел >Павл; Артём; Роман; Денис; Антон; Вадим; \
    Станислав; Вячеслав; Геннадий; Анатолий; Кирилл; Иван; Василий; Григорий; Руслан; Тимур; Валерий; \
    Никита m; Борис; Леонид; Георгий; Егор; Семён; Фёдор; Ярослав; Эдуард; Аркадий; Глеб; Всеволод";

const FIRST_F: &str = "Анна; Елена; Ольга; Наталья; Татьяна; Мария; Екатерина; Ирина; Светлана; Юлия; \
    Дарья; Ксения; Виктория; Марина; Галина; Людмила; Евгения; Алёна; Оксана; Вера; Надежда; Софья; \
    Полина; Анастасия; Валентина; Алина; Вероника; Лариса; Инна; Жанна; Кристина; Олеся";

/// Surnames, the common ones first; the tail makes rare words.
const SURNAMES: &str = "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров \
    Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров \
    Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов \
    Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин Виноградов Ковалёв Белов \
    Антонов Тарасов Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров \
    Ким Шевченко Козловский Галушка Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов Мельников \
    Денисов Гаврилов Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов Мартынов \
    Ефимов Федотов Щербаков Назаров Калинин Исаев Чернышёв Быков Маслов Родионов Коновалов Лазарев \
    Пак Коваленко Вишневский Шевчук Воронин Климов Филатов Пономарёв Голубев Кудрявцев Прохоров Наумов \
    Потапов Журавлёв Овчинников Трофимов Леонов Соболев Ермаков Колесников Гончаров Емельянов Никифоров \
    Цой Бондаренко Покровский Ковальчук Грачёв Котов Гришин Ефремов Архипов Громов Кириллов Малышев Панов \
    Моисеев Румянцев Акимов Кондратьев Бирюков Горбунов Анисимов Ерёмин Тихомиров Галкин Лукьянов \
    Седых Ткаченко Успенский Мельник Михеев Скворцов Юдин Белоусов Нестеров Симонов Прокофьев Харитонов \
    Князев Цветков Левин Митрофанов Воронов Аксёнов Мальцев Логинов Горшков Савин Краснов Майоров \
    Черных Кравченко Троицкий Савчук Демидов Елисеев Рыбаков Сафонов Плотников Дёмин Хохлов Дуда \
    Тен Литвиненко Полянский Гордиенко Шубин Зуев Субботин Ларионов Жданов Третьяков Блинов Рогов \
    Белых Руденко Заболоцкий Мороз Кочетков Лапин Медведев Носков Дорофеев Шестаков Агафонов Русаков \
    Долгих Лысенко Белецкий Бойко Суханов Пестов Игнатьев Ширяев Фадеев Сазонов Маркелов Кривошеев \
    Сидоренко Яблонский Чупров Астахов Вавилов Гладков Зимин Ланской Мухин Нечаев Озеров Пирогов \
    Рудаков Сурков Тюрин Устинов Хромов Цыганков Чистяков Шилов Щукин Юрьев Ярцев Бажов Вьюгин \
    Гребенщиков Дьяченко Жилин Засыпкин Извеков Кочубей Лаптев Мамонтов Оглоблин Пантелеев \
    Абакумов Аверин Агеев Алфёров Ананьев Андрианов Анохин Арсеньев Артамонов Астафьев Афонин Бабкин \
    Бакланов Балашов Барышников Басов Безруков Белкин Беспалов Бобров Богомолов Болдырев Большаков Бородин \
    Бочаров Брагин Бурцев Быстров Ванюшин Варламов Васин Введенский Вдовин Верещагин Власенко Волобуев \
    Воронцов Высоцкий Гайдуков Галанин Гладышев Глебов Голованов Голиков Горелов Горохов Грибов Гришаев \
    Губанов Гуляев Дегтярёв Дементьев Денежкин Дорохов Дроздов Дубинин Дудин Евдокимов Ермолаев Ершов \
    Жаров Жилкин Забелин Заварзин Завьялов Задорнов Замятин Зверев Золотарёв Зубков Зыков Иванченко \
    Игнатов Измайлов Илюшин Исаков Казанцев Каменев Карасёв Касаткин Кашин Кирсанов Клименко Ключников \
    Кожевников Колосов Комиссаров Кондаков Конев Копылов Корнилов Корчагин Коршунов Костин Кочергин \
    Кравцов Крюков Кудинов Кулагин Куприянов Курочкин Лавров Ладыгин Лесников Лихачёв Лобанов Лосев \
    Лукин Лыков Любимов Мазуров Макеев Малахов Маслаков Махов Мезенцев Мешков Минаев Мишин Мордвинов \
    Муравьёв Мясников Назимов Нефёдов Никонов Новосёлов Обухов Огнев Окунев Олейников Орехов Осокин \
    Павленко Пахомов Петухов Пименов Плетнёв Поздняков Полетаев Попков Потехин Прибылов Пушкарёв Рагозин \
    Распутин Ремезов Родин Рожков Рыжов Рябов Савченко Самойлов Сапожников Свиридов Селезнёв Серов Сивков \
    Скобелев Смолин Снегирёв Соколовский Сомов Сотников Спиридонов Стариков Стрелков Суворов Сухов Сычёв \
    Тарасенко Терентьев Токарев Толмачёв Трошин Туманов Уваров Ульянов Усов Федосеев Филимонов Фокин \
    Харламов Хмелёв Цыбин Чайкин Чеботарёв Черкасов Чижов Шамов Шапошников Шаров Швецов Широков Шмелёв \
    Щеглов Щетинин Юсупов Яблоков Якушев Ястребов";

/// Foreign people: `Имя|Фамилия|en name|en surname|flags` (f female, r family name first, jp/cn/kr).
const FOREIGNERS: &str = "Хиросигэ|Сэко|Hiroshige Seko|Seko|jp; Масаюки|Сато|Masayuki Sato|Sato|jp; \
    Сигэру|Мураяма|Shigeru Murayama|Murayama|jp; Кэндзи|Танака|Kenji Tanaka|Tanaka|jp; \
    Такэси|Ито|Takeshi Ito|Ito|jp; Тосихиро|Ватанабэ|Toshihiro Watanabe|Watanabe|jp; \
    Юкико|Ямамото|Yukiko Yamamoto|Yamamoto|jp f; Наоки|Накамура|Naoki Nakamura|Nakamura|jp; \
    Хироси|Кобаяси|Hiroshi Kobayashi|Kobayashi|jp; Кадзуо|Като|Kazuo Kato|Kato|jp; \
    Ёко|Ёсида|Yoko Yoshida|Yoshida|jp f; Ясуо|Ямада|Yasuo Yamada|Yamada|jp; \
    Тору|Сасаки|Toru Sasaki|Sasaki|jp; Кэйко|Мацумото|Keiko Matsumoto|Matsumoto|jp f; \
    Норико|Иноуэ|Noriko Inoue|Inoue|jp f; Акира|Кимура|Akira Kimura|Kimura|jp; \
    Сатоси|Хаяси|Satoshi Hayashi|Hayashi|jp; Масахиро|Симидзу|Masahiro Shimizu|Shimizu|jp; \
    Дайсукэ|Икэда|Daisuke Ikeda|Ikeda|jp; Рёта|Хасимото|Ryota Hashimoto|Hashimoto|jp; \
    Вэй|Ли|Li Wei|Li|cn r; Цзюнь|Ван|Wang Jun|Wang|cn r; Мин|Чжан|Zhang Ming|Zhang|cn r; \
    Ян|Лю|Liu Yang|Liu|cn r; Цзин|Чэнь|Chen Jing|Chen|cn r f; Хуа|Чжао|Zhao Hua|Zhao|cn r; \
    Мин Су|Ким|Kim Min-su|Kim|kr r; Чжи Хун|Пак|Park Ji-hoon|Park|kr r; \
    Сон Ми|Ли|Lee Sung-mi|Lee|kr r f; Дон Хён|Чхве|Choi Dong-hyun|Choi|kr r";

/// Regions: `adjectives|head noun|tail|short name|short preposition|capital|tag|English`.
const REGIONS: &str = "Хабаровский|край s =край,края,краю,край,краем,крае||||Хабаровск|Регионы/Хабаровский край|Khabarovsk Territory;\
    Приморский|край s =край,края,краю,край,краем,крае||Приморье s|в|Владивосток|Регионы/Приморье|Primorye;\
    Сахалинский|область f s||Сахалин s|на|Южно-Сахалинск|Регионы/Сахалин|Sakhalin;\
    Амурский|область f s||Приамурье s|в|Благовещенск|Регионы/Амурская область|the Amur Region;\
    Камчатский|край s =край,края,краю,край,краем,крае||Камчатка s|на|Петропавловск-Камчатский|Регионы/Камчатка|Kamchatka;\
    |Республика s| Саха (Якутия)|Якутия s|в|Якутск|Регионы/Якутия|Yakutia;\
    Еврейский автономный|область f s||ЕАО i f|в|Биробиджан|Регионы/ЕАО|the Jewish Autonomous Region;\
    Магаданский|область f s||Колыма s|на|Магадан|Регионы/Магадан|the Magadan Region;\
    Чукотский автономный|округ s||Чукотка s|на|Анадырь|Регионы/Чукотка|Chukotka;\
    Забайкальский|край s =край,края,краю,край,краем,крае||Забайкалье s|в|Чита|Регионы/Забайкалье|Zabaikalye;\
    |Республика s| Бурятия|Бурятия s|в|Улан-Удэ|Регионы/Бурятия|Buryatia";

/// Cities: `noun spec|adjective|region|preposition|English|demonym (gen. pl.)`.
const CITIES: &str = "Хабаровск|хабаровский|0|в|Khabarovsk|хабаровчан;\
    Комсомольск-на-Амуре =Комсомольск-на-Амуре,Комсомольска-на-Амуре,Комсомольску-на-Амуре,Комсомольск-на-Амуре,\
    Комсомольском-на-Амуре,Комсомольске-на-Амуре||0|в|Komsomolsk-on-Amur|комсомольчан;\
    Амурск||0|в|Amursk|амурчан;\
    Советская_Гавань =Советская_Гавань,Советской_Гавани,Советской_Гавани,Советскую_Гавань,Советской_Гаванью,\
    Советской_Гавани f||0|в|Sovetskaya Gavan|жителей города;\
    Ванино i||0|в|Vanino|жителей поселка;\
    Николаевск-на-Амуре =Николаевск-на-Амуре,Николаевска-на-Амуре,Николаевску-на-Амуре,Николаевск-на-Амуре,\
    Николаевском-на-Амуре,Николаевске-на-Амуре||0|в|Nikolayevsk-on-Amur|николаевцев;\
    Владивосток|владивостокский|1|во|Vladivostok|владивостокцев;\
    Находка|находкинский|1|в|Nakhodka|находкинцев;\
    Уссурийск|уссурийский|1|в|Ussuriysk|уссурийцев;\
    Артём||1|в|Artyom|артёмовцев;\
    Южно-Сахалинск|южно-сахалинский|2|в|Yuzhno-Sakhalinsk|южносахалинцев;\
    Корсаков||2|в|Korsakov|корсаковцев;\
    Холмск||2|в|Kholmsk|холмчан;\
    Петропавловск-Камчатский =Петропавловск-Камчатский,Петропавловска-Камчатского,Петропавловску-Камчатскому,\
    Петропавловск-Камчатский,Петропавловском-Камчатским,Петропавловске-Камчатском||4|в|Petropavlovsk-Kamchatsky|\
    камчатцев;\
    Благовещенск|благовещенский|3|в|Blagoveshchensk|благовещенцев;\
    Свободный =Свободный,Свободного,Свободному,Свободный,Свободным,Свободном||3|в|Svobodny|жителей города;\
    Тында||3|в|Tynda|тындинцев;\
    Якутск|якутский|5|в|Yakutsk|якутян;\
    Мирный =Мирный,Мирного,Мирному,Мирный,Мирным,Мирном||5|в|Mirny|жителей города;\
    Магадан|магаданский|7|в|Magadan|магаданцев;\
    Анадырь m||8|в|Anadyr|анадырцев;\
    Биробиджан|биробиджанский|6|в|Birobidzhan|биробиджанцев;\
    Чита|читинский|9|в|Chita|читинцев;\
    Улан-Удэ i m||10|в|Ulan-Ude|жителей города;\
    Москва|московский||в|Moscow|москвичей;\
    Токио i m|токийский||в|Tokyo|жителей японской столицы;\
    Пекин|пекинский||в|Beijing|жителей китайской столицы;\
    Сеул|сеульский||в|Seoul|жителей Сеула;\
    Харбин|харбинский||в|Harbin|жителей Харбина;\
    Саппоро i m|||в|Sapporo|жителей Саппоро;\
    Ниигата|||в|Niigata|жителей Ниигаты;\
    Осака|||в|Osaka|жителей Осаки;\
    Вакканай|||в|Wakkanai|жителей Вакканая;\
    Далянь m|||в|Dalian|жителей Даляня;\
    Пусан|||в|Busan|жителей Пусана;\
    Санкт-Петербург|петербургский||в|St Petersburg|петербуржцев";

/// Partner countries: `noun spec|adjective|pair adjective|tag|English|English adjective`.
const COUNTRIES: &str = "Япония|японский|российско-японский|Япония|Japan|Japanese;\
    Китай|китайский|российско-китайский|Китай|China|Chinese;\
    Республика_Корея =Республика_Корея,Республики_Корея,Республике_Корея,Республику_Корея,Республикой_Корея,\
    Республике_Корея f|корейский|российско-корейский|Южная Корея|South Korea|South Korean;\
    Монголия|монгольский|российско-монгольский||Mongolia|Mongolian;\
    Вьетнам|вьетнамский|российско-вьетнамский||Vietnam|Vietnamese;\
    Индия|индийский|российско-индийский||India|Indian";

/// Organisations: `kind|name|flags|English` (q quoted; m/f/n/p gender alone; jp/cn/kr origin).
const ORGS: &str = "|Минвостокразвития|n|the Far East Development Ministry;\
    |КРДВ|f|the Far East and Arctic Development Corporation;\
    0|Роснефть|q|Rosneft;\
    |ВЭБ.РФ|m|VEB.RF;\
    |РЖД|p|Russian Railways;\
    0|Русгидро|q|RusHydro;\
    0|Газпром|q|Gazprom;\
    |Минэкономразвития|n|the Economic Development Ministry;\
    |JBIC|m jp|JBIC;\
    1|Мицуи|q jp|Mitsui;\
    0|Востоктрансстрой|q|Vostoktransstroy;\
    |ДВФУ|m|Far Eastern Federal University;\
    0|Сахалин Энерджи|q|Sakhalin Energy;\
    1|Мицубиси|q jp|Mitsubishi;\
    0|Дальрыбпром|q|Dalrybprom;\
    4|Амурсталь|q|Amurstal;\
    0|Новатэк|q|Novatek;\
    0|Марубени|q jp|Marubeni;\
    |JETRO|f jp|JETRO;\
    0|Пасифик Логистик|q|Pacific Logistics;\
    3|Амурагроцентр|q|Amuragrocenter;\
    0|Содзиц|q jp|Sojitz;\
    1|Кавасаки Хэви Индастриз|q jp|Kawasaki Heavy Industries;\
    0|Синопек|q cn|Sinopec;\
    0|Джей Джи Си Корпорейшн|q jp|JGC Corporation;\
    5|Восточный|q|Vostochny Port;\
    2|Приморье|q|Primorye Bank;\
    0|Хёндэ|q kr|Hyundai;\
    0|Тойота Цусё|q jp|Toyota Tsusho;\
    0|Океан-Инвест|q|Okean-Invest;\
    1|ЦНПК|q cn|CNPC;\
    0|Дальтрансуголь|q|Daltransugol;\
    0|Сумитомо|q jp|Sumitomo;\
    0|Аэропорт Хабаровск|q|Khabarovsk Airport;\
    |РОТОБО|f jp|ROTOBO;\
    0|Полюс|q|Polyus;\
    0|Иточу|q jp|Itochu;\
    0|ТихоокеанАгро|q|TikhookeanAgro;\
    2|Дальневосточный|q|Dalnevostochny Bank;\
    0|Восточная верфь|q|Vostochnaya Verf;\
    3|Амурский лесной холдинг|q|Amur Forest Holding;\
    0|Самсунг Хэви|q kr|Samsung Heavy;\
    6|Хоккайдо Газ|q jp|Hokkaido Gas";

const ORG_KINDS: &str = "компания; корпорация; банк; холдинг; завод; порт; фирма";

const SAY: &str = "заявил сообщил отметил подчеркнул рассказал уточнил пояснил напомнил добавил указал \
    признал сказал заметил констатировал предупредил резюмировал";

const THINK: &str = "считает/считают уверен/уверены полагает/полагают подчёркивает/подчёркивают \
    отмечает/отмечают";

const AGREE: &str = "обсудил подписал согласовал утвердил рассмотрел одобрил принял наметил определил \
    парафировал";

const ACT_OBJ: &str = "построил открыл запустил модернизировал реконструировал отремонтировал \
    приобрёл|приобрел создал спроектировал купил возвёл|возвел оснастил продал арендовал";

const ACT_PROC: &str = "завершил начал профинансировал продолжил ускорил приостановил возобновил \
    одобрил";

const HAPPENED: &str = "состоялся прошёл|прошл завершился";

const CHANGE_UP: &str = "вырос|выросл увеличился";
const CHANGE_DOWN: &str = "снизился сократился упал уменьшился";

const FUT_IMPERSONAL: &str = "построят; откроют; отремонтируют; модернизируют; запустят; создадут; \
    реконструируют; благоустроят; оснастят; введут в эксплуатацию; спроектируют";

const INFINITIVES: &str = "построить; модернизировать; создать; запустить; реконструировать; открыть; \
    профинансировать; расширить; развивать; поддержать; отремонтировать; оснастить";

const PASSIVE: &str = "подписан одобрен принят назначен открыт запущен построен направлен выделен";

const PROBLEMS: &str = "рост тарифов на коммунальные услуги; плохое состояние дорог; отсутствие горячей \
    воды; нехватку врачей; задержки зарплаты; перебои с электроэнергией; высокие цены на бензин; \
    закрытие единственной школы; нерегулярную работу общественного транспорта; \
    несанкционированную свалку";

const WEATHER: &str = "сильные дожди; снегопады; порывы ветра до 30 м/с; метели; заморозки до −25 °C; \
    подъём уровня воды в реках; ливни с грозами; аномальную жару до +35 °C";

const STATUTES: &str = "264 УК РФ («Нарушение правил дорожного движения»); 159 УК РФ («Мошенничество»); \
    293 УК РФ («Халатность»); 168 УК РФ («Уничтожение или повреждение имущества по неосторожности»); \
    238 УК РФ («Оказание услуг, не отвечающих требованиям безопасности»); 290 УК РФ («Получение взятки»); \
    158 УК РФ («Кража»)";

const SOURCES: &str = "Росстата; Хабаровскстата; регионального министерства экономического развития; \
    аналитиков рынка; пресс-службы краевого правительства; Минвостокразвития; отраслевых экспертов; \
    Банка России; Дальневосточного таможенного управления; ЦБ РФ";

const SUB_FIXED: &str = "Что дальше; Цифры; Планы на будущее; Мнение экспертов; Как это будет работать; \
    Кто получит поддержку; Справка; Предыстория; Подробности; Что говорят жители; Позиция властей; \
    Сроки и стоимость; Главное; Комментарий";

const NOTES: &str = "Проверить цифры с пресс-службой; Уточнить должность; Ждём комментарий; Нужна \
    фотография объекта; Сверить даты; Сократить до 3 тыс. знаков; Поставить в утренний выпуск; \
    Согласовать заголовок с выпускающим; Проверить написание фамилии; Добавить инфографику; \
    Юрист должен посмотреть перед публикацией; Не ставить до официального сообщения";

/// Rare words: used seldom, so some searches find only a few articles.
const RARE: &str = "биоресурс; энергокольцо; малоинвазивность f s; аэрокосмос s; мерзлота s; \
    дноуглубление s; рекультивация s; бункеровка s; краболов; минтай; гребешок >гребешк; трепанг; \
    лиственница; кедр; женьшень m s; лосось m; голец >гольц; навага; кижуч; нерка; \
    геотермия s; сейсмостойкость f s; ледостав; наледь f; нерест; отвал; \
    шельф; гидроузел >гидроузл; рыбоход; автозимник; снегоход; аэросани p /аэросаней; \
    водозабор; теплотрасса; канализация s; дамба; берегоукрепление s; браконьерство s; икра s; краб; \
    кета s; горбуша s; камбала s; сельдь f s; корюшка s; кальмар; ламинария s; морской+капуста s; \
    лесовосстановление s; лесоразработка /лесоразработок; делянка /делянок; валежник s; сопка /сопок; \
    марь f; протока /проток; лиман; бухта; мыс; залив; пролив; полуостров s; вулкан; гейзер; тундра s; \
    тайга s; олень m a; оленевод a; оленеводство s; юкола s; нарты p /нарт; тигр a; леопард a; \
    медведь m a; изюбрь m a; кабарга s; заповедник; нацпарк; лесхоз; питомник; мерзлотовед a; гидролог a; \
    сейсмолог a; вулканолог a; ихтиолог a; орнитолог a; лоцман a; штурман a; докер a; рефрижератор; \
    сейнер; траулер; плашкоут; баржа /барж; буксир; ледорез; понтон; эстакада; дебаркадер; волнолом; \
    фарватер; акватория; термокарст s; торос; полынья /полыней; шуга s; ледоход; половодье s; \
    маловодье s; засуха; заморозок >заморозк; гололедица s; буран; пурга s; позёмка s; оттепель f";

const RARE_ADJ: &str = "малоинвазивный аэрокосмический геотермальный реликтовый приливный ледостойкий \
    вечномёрзлый сейсмостойкий глубоководный малочисленный краболовный лососёвый таёжный прибрежный \
    нерестовый рыбопромысловый ледокольный каботажный приамурский охотоморский беринговоморский курильский \
    командорский шантарский";

fn build() -> Vocab {
    let roles = build_roles();
    let cities: Vec<City> = CITIES.split(';').map(|e| build_city(e.trim())).collect();
    let regions: Vec<Region> = REGIONS.split(';').map(|e| build_region(e.trim(), &cities)).collect();
    let countries: Vec<Country> = COUNTRIES
        .split(';')
        .map(|e| {
            let f: Vec<&'static str> = e.trim().split('|').collect();
            Country {
                noun: noun(&format!("{} s", f[0])),
                adj: adj(f[1]),
                pair_adj: adj(f[2]),
                tag: (!f[3].is_empty()).then_some(f[3]),
                en: f[4],
                en_adj: f[5],
            }
        })
        .collect();
    let orgs: Vec<Org> = ORGS
        .split(';')
        .map(|e| {
            let f: Vec<&'static str> = e.trim().split('|').collect();
            let flags: Vec<&str> = f[2].split_whitespace().collect();
            let has = |x: &str| flags.contains(&x);
            Org {
                kind: f[0].parse().ok(),
                name: f[1],
                quoted: has("q"),
                g: if has("n") {
                    G::N
                } else if has("f") {
                    G::F
                } else if has("p") {
                    G::P
                } else {
                    G::M
                },
                origin: if has("jp") {
                    Origin::Jp
                } else if has("cn") {
                    Origin::Cn
                } else if has("kr") {
                    Origin::Kr
                } else {
                    Origin::Ru
                },
                en: f[3],
            }
        })
        .collect();
    let foreigners: Vec<Foreigner> = FOREIGNERS
        .split(';')
        .map(|e| {
            let f: Vec<&'static str> = e.trim().split('|').collect();
            let flags: Vec<&str> = f[4].split_whitespace().collect();
            let family_first = flags.contains(&"r");
            Foreigner {
                first: f[0],
                sur: if family_first { crate::grammar::surname_indecl(f[1]) } else { surname(f[1]) },
                sur_nom: f[1],
                female: flags.contains(&"f"),
                family_first,
                origin: if flags.contains(&"jp") {
                    Origin::Jp
                } else if flags.contains(&"cn") {
                    Origin::Cn
                } else {
                    Origin::Kr
                },
                en: f[2],
                en_short: f[3],
            }
        })
        .collect();
    let indicators: Vec<Indicator> = INDICATORS
        .iter()
        .map(|&(head, comp, unit, en)| Indicator { head: noun(head), comp, unit, en })
        .collect();
    let mut surname_nom: Vec<&'static str> = Vec::new();
    for s in SURNAMES.split_whitespace() {
        if !surname_nom.contains(&s) {
            surname_nom.push(s);
        }
    }
    let first_m: Vec<Noun> = FIRST_M.split(';').map(|w| noun(&format!("{} a", w.trim()))).collect();
    let first_f: Vec<Noun> = FIRST_F.split(';').map(|w| noun(&format!("{} a", w.trim()))).collect();
    let surnames: Vec<Surname> = surname_nom.iter().map(|w| surname(w)).collect();
    let city_by_region = (0..REGIONS.split(';').count())
        .map(|r| (0..cities.len()).filter(|&c| cities[c].region == Some(r)).collect())
        .collect();
    let org_by_origin = group(&orgs, |o: &Org| o.origin as usize, 4);
    let role_by_kind = group(&roles, |r: &(RoleKind, Role)| r.0 as usize, 8);
    let foreigner_by_origin = group(&foreigners, |f: &Foreigner| f.origin as usize, 4);
    let mut staff_ru = Vec::new();
    let mut pick = crate::out::Pick::new(0x6761_6c6c_6579);
    while staff_ru.len() < 36 {
        let female = pick.pct(55);
        let first =
            if female { &first_f[pick.idx(first_f.len())] } else { &first_m[pick.idx(first_m.len())] };
        let sur = &surnames[pick.idx(surnames.len())];
        let name = format!("{} {}", first.nom(), sur.form(female, Case::Nom));
        if !staff_ru.contains(&name) {
            staff_ru.push(name);
        }
    }
    let staff_en = staff_ru.iter().map(|n| crate::en::translit(n)).collect();
    let city_named = |names: &[&str]| -> Vec<usize> {
        names.iter().filter_map(|n| cities.iter().position(|c| c.en == *n)).collect()
    };
    let abroad = vec![
        city_named(&["Tokyo", "Sapporo", "Niigata", "Osaka", "Wakkanai"]),
        city_named(&["Beijing", "Harbin", "Dalian"]),
        city_named(&["Seoul", "Busan"]),
        city_named(&["Moscow", "St Petersburg"]),
        city_named(&["Moscow"]),
        city_named(&["Moscow"]),
    ];
    let companies =
        (0..orgs.len()).filter(|&i| orgs[i].kind.is_some() && orgs[i].origin == Origin::Ru).collect();
    Vocab {
        transport: family(TRANSPORT, TRANSPORT_ADJ),
        industry: family(INDUSTRY, INDUSTRY_ADJ),
        social_obj: family(SOCIAL_OBJ, SOCIAL_ADJ),
        procs: nouns_of(PROCS),
        topic_procs: nouns_of(TOPIC_PROCS),
        topics: family(TOPICS, TOPIC_ADJ),
        relations: family(RELATIONS, RELATION_ADJ),
        docs: family(DOCS, DOC_ADJ),
        events: family(EVENTS, EVENT_ADJ),
        indicators,
        people: family(PEOPLE, PEOPLE_ADJ),
        benefits: family(BENEFITS, BENEFIT_ADJ),
        incidents: family(INCIDENTS, INCIDENT_ADJ),
        count_items: nouns_of(COUNT_ITEMS),
        group_nouns: nouns_of(GROUP_NOUNS),
        ordinals: ORDINALS
            .split_whitespace()
            .map(|w| if w == "=третий" { third() } else { adj(w) })
            .collect(),
        roles,
        first_m,
        first_f,
        surnames,
        surname_nom,
        foreigners,
        regions,
        cities,
        countries,
        org_kinds: nouns_of(ORG_KINDS),
        orgs,
        teams: TEAMS.to_vec(),
        venues: VENUES.iter().map(|&(kind, name)| (noun(kind), name)).collect(),
        titles: TITLES.to_vec(),
        say: verbs_of(SAY),
        say_tails: vec![
            (verb("обратил"), "внимание на то"),
            (verb("выразил"), "уверенность в том"),
            (verb("высказал"), "мнение"),
            (verb("сообщил"), "журналистам"),
        ],
        think: pres_of(THINK),
        agree: verbs_of(AGREE),
        act_obj: verbs_of(ACT_OBJ),
        act_proc: verbs_of(ACT_PROC),
        happened: verbs_of(HAPPENED),
        change_up: verbs_of(CHANGE_UP),
        change_down: verbs_of(CHANGE_DOWN),
        fut_impersonal: words_of(FUT_IMPERSONAL),
        infinitives: words_of(INFINITIVES),
        passive: verbs_of(PASSIVE),
        was: verb("был"),
        person: noun("человек a /человек"),
        job: noun(
            "рабочее_место =рабочее_место,рабочего_места,рабочему_месту,рабочее_место,рабочим_местом,рабочем_месте,\
             рабочие_места,рабочих_мест,рабочим_местам,рабочие_места,рабочими_местами,рабочих_местах n",
        ),
        country_noun: noun("страна"),
        unit_noun: noun("единица"),
        exhibit: noun("экспонат"),
        game: noun("матч"),
        point: noun("очко /очков"),
        companies,
        deputy: noun("депутат a"),
        rescuer: noun("спасатель m a"),
        months_gen: words_of(MONTHS_GEN),
        months_loc: words_of(MONTHS_LOC),
        problems: words_of(PROBLEMS),
        weather: words_of(WEATHER),
        statutes: words_of(STATUTES),
        sources: words_of(SOURCES),
        sub_fixed: words_of(SUB_FIXED),
        notes: words_of(NOTES),
        rare: family(RARE, RARE_ADJ),
        city_by_region,
        org_by_origin,
        role_by_kind,
        foreigner_by_origin,
        staff_ru,
        staff_en,
        streets: words_of(STREETS),
        districts: adjs_of(DISTRICTS),
        villages: words_of(VILLAGES)
            .into_iter()
            .map(|v| {
                let (kind, name) = v.split_once(' ').expect("a village has a kind and a name");
                (if kind == "с" { "в селе" } else { "в посёлке" }, name)
            })
            .collect(),
        abroad,
    }
}

/// Indexes of `items` grouped by a key below `n`.
fn group<T>(items: &[T], key: impl Fn(&T) -> usize, n: usize) -> Vec<Vec<usize>> {
    let mut groups = vec![Vec::new(); n];
    for (i, item) in items.iter().enumerate() {
        groups[key(item)].push(i);
    }
    groups
}

/// Streets named after people, as they follow `улица`: `на улице Муравьёва-Амурского`.
const STREETS: &str = "Ленина; Карла Маркса; Муравьёва-Амурского; Серышева; Запарина; Ким Ю Чена; Шеронова; \
    Дзержинского; Калинина; Пушкина; Гоголя; Лермонтова; Тургенева; Фрунзе; Суворова; Кутузова; Гагарина; \
    Королёва; Чкалова; Жуковского; Ломоносова; Менделеева; Толстого; Чехова; Некрасова; Горького; \
    Маяковского; Есенина; Островского; Блюхера; Лазо; Постышева; Стрельникова; Адмирала Фокина; \
    Адмирала Юмашева; Адмирала Кузнецова; Карбышева; Панфиловцев; Гамарника; Невельского; Арсеньева; \
    Хабарова; Дикопольцева; Шевчука; Тимирязева; Герцена; Гончарова; Уборевича; Волочаевской; Истомина";

/// Districts: the adjective before `район`.
const DISTRICTS: &str = "Нанайский Ульчский Хасанский Надеждинский Шкотовский Партизанский Лазовский Тернейский \
    Ольгинский Пожарский Красноармейский Бикинский Вяземский Амурский Ванинский Советско-Гаванский Охотский \
    Аяно-Майский Тугуро-Чумиканский Верхнебуреинский Николаевский Смидовичский Облученский Октябрьский \
    Ленинский Биробиджанский Корсаковский Холмский Невельский Поронайский Тымовский Охинский Елизовский \
    Усть-Камчатский Мильковский Хорольский Спасский Чугуевский Анучинский Кировский";

/// Villages and settlements: `с` for a village (`в селе`), `п` for a settlement (`в посёлке`).
const VILLAGES: &str = "с Троицкое; с Найхин; с Булава; п Лазарев; с Богородское; п Маго; п Де-Кастри; \
    п Охотск; с Аян; с Чумикан; п Переяславка; с Бичевая; с Сукпай; с Гвасюги; п Славянка; п Посьет; \
    п Зарубино; п Кавалерово; п Терней; п Пластун; п Ольга; п Преображение; с Вострецово; \
    п Новошахтинский; п Смидович; п Теплоозёрск; п Ноглики; п Тымовское; п Смирных; с Усть-Большерецк; \
    с Мильково; с Эссо; п Палана; п Оссора; п Эгвекинот; п Провидения; с Лорино; п Сусуман; п Ягодное; \
    п Хандыга; с Черский; п Тикси; п Сунтар; с Чурапча; п Новокачалинск; с Тамбовка; п Прогресс";

const MONTHS_GEN: &str = "января; февраля; марта; апреля; мая; июня; июля; августа; сентября; октября; \
    ноября; декабря";
const MONTHS_LOC: &str = "январе; феврале; марте; апреле; мае; июне; июле; августе; сентябре; октябре; \
    ноябре; декабре";

/// Indicators: head noun, genitive complement, unit of the amount (`m` money, `p` people, `t`
/// tonnes, `x` passengers, `q` square metres, `%` percent, `n` a count, `r` roubles per unit,
/// `k` kilowatt-hours), English.
const INDICATORS: &[(&str, &str, char, &str)] = &[
    ("объём", "инвестиций в основной капитал", 'm', "fixed capital investment"),
    ("число", "туристов", 'p', "the number of tourists"),
    ("объём", "промышленного производства", 'm', "industrial output"),
    ("грузооборот", "морских портов", 't', "cargo turnover at sea ports"),
    ("пассажиропоток", "аэропорта", 'x', "airport passenger traffic"),
    ("объём", "экспорта", 'm', "exports"),
    ("число", "резидентов ТОР", 'n', "the number of ASEZ residents"),
    ("доля /долей", "несырьевого экспорта", '%', "the share of non-resource exports"),
    ("товарооборот", "с Японией", 'm', "trade with Japan"),
    ("объём", "жилищного строительства", 'q', "housing construction"),
    ("стоимость f", "квадратного метра жилья", 'r', "the price per square metre of housing"),
    ("уровень m >уровн", "безработицы", '%', "unemployment"),
    ("выручка /выручек", "предприятий отрасли", 'm', "industry revenue"),
    ("добыча", "угля", 't', "coal output"),
    ("вылов", "лососёвых", 't', "the salmon catch"),
    ("количество", "малых предприятий", 'n', "the number of small businesses"),
    ("производство", "электроэнергии", 'k', "power generation"),
    ("объём", "налоговых поступлений", 'm', "tax revenue"),
    ("товарооборот", "с Китаем", 'm', "trade with China"),
    ("число", "обращений граждан", 'n', "the number of complaints"),
    ("турпоток", "в регион", 'p', "tourist flow to the region"),
    ("уровень m >уровн", "инфляции", '%', "inflation"),
    ("количество", "ДТП", 'n', "the number of road accidents"),
    ("объём", "кредитования малого бизнеса", 'm', "lending to small businesses"),
    ("добыча", "золота", 't', "gold output"),
    ("экспорт", "рыбы и морепродуктов", 't', "fish and seafood exports"),
];

/// Hockey clubs: the two home clubs (Хабаровск, Владивосток) first, then their rivals.
const TEAMS: &[&str] = &[
    "Амур",
    "Адмирал",
    "Сибирь",
    "Трактор",
    "Металлург",
    "Авангард",
    "Салават Юлаев",
    "Ак Барс",
    "Динамо",
    "Спартак",
    "ЦСКА",
    "Торпедо",
    "Северсталь",
    "Нефтехимик",
    "Барыс",
    "Куньлунь Ред Стар",
    "Локомотив",
];

const VENUES: &[(&str, &str)] = &[
    ("музей", "имени Гродекова"),
    ("музей", "имени Арсеньева"),
    ("театр", "драмы"),
    ("центр", "«Артэтаж»"),
    ("театр", "юного зрителя"),
    ("дом", "культуры «Звёздный»"),
    ("галерея", "«Дальний Восток»"),
    ("библиотека", "имени Пушкина"),
    ("филармония", "«Приморье»"),
];

const TITLES: &[&str] = &[
    "Восточные мотивы",
    "Япония глазами художников",
    "Амурские волны",
    "Тихоокеанская весна",
    "Золотой лотос",
    "Сокровища Приамурья",
    "Северное сияние",
    "Дыхание океана",
    "Город на Амуре",
    "Цвет сакуры",
    "Люди и море",
    "Хранители традиций",
    "Голоса тайги",
    "Звёзды Дальнего Востока",
    "Берег надежды",
    "Шёлковый путь",
];

fn third() -> Adj {
    // третий: третьего, третьей, третье, третьи.
    let list = "третий,третьего,третьему,третий,третьим,третьем,третья,третьей,третьей,третью,третьей,третьей,\
                третье,третьего,третьему,третье,третьим,третьем,третьи,третьих,третьим,третьи,третьими,третьих";
    crate::grammar::adj_forms(list)
}

fn build_region(entry: &'static str, cities: &[City]) -> Region {
    let f: Vec<&'static str> = entry.split('|').collect();
    let adjs: Vec<Adj> = f[0].split_whitespace().map(adj).collect();
    let head = noun(f[1]);
    let full = std::array::from_fn(|i| {
        let case = crate::grammar::CASES[i];
        let mut s = String::new();
        for a in &adjs {
            s.push_str(a.agree(&head, case, false));
            s.push(' ');
        }
        s.push_str(head.form(case, false));
        s.push_str(f[2]);
        s
    });
    Region {
        full,
        short: (!f[3].is_empty()).then(|| noun(f[3])),
        short_prep: f[4],
        capital: cities
            .iter()
            .position(|c| c.noun.nom() == f[5])
            .unwrap_or_else(|| panic!("capital `{}` is in the city bank", f[5])),
        tag: f[6],
        en: f[7],
    }
}

fn build_city(entry: &'static str) -> City {
    let f: Vec<&'static str> = entry.split('|').collect();
    City {
        noun: noun(&format!("{} s", f[0])),
        adj: (!f[1].is_empty()).then(|| adj(f[1])),
        region: f[2].parse().ok(),
        prep: f[3],
        en: f[4],
        demonym: f[5],
    }
}

fn role(adj_word: Option<&str>, noun_spec: &str, comp: Comp, en: &'static str) -> Role {
    Role { adj: adj_word.map(adj), noun: noun(noun_spec), comp, en }
}

fn build_roles() -> Vec<(RoleKind, Role)> {
    use Comp::*;
    use RoleKind::*;
    vec![
        (Official, role(None, "губернатор a", Region(""), "Governor of")),
        (
            Official,
            role(None, "министр a", Region("экономического развития"), "Economic Development Minister of"),
        ),
        (
            Official,
            role(None, "глава m a", Fixed("Минвостокразвития"), "head of the Far East Development Ministry"),
        ),
        (
            Official,
            role(None, "заместитель m a", Region("председателя правительства"), "Deputy Prime Minister of"),
        ),
        (Official, role(None, "мэр a", City, "Mayor of")),
        (Official, role(None, "министр a", Region("строительства"), "Construction Minister of")),
        (Official, role(None, "вице-губернатор a", Region(""), "Vice Governor of")),
        (
            Official,
            role(None, "министр a", Region("транспорта и дорожного хозяйства"), "Transport Minister of"),
        ),
        (Official, role(None, "председатель m a", Region("правительства"), "Prime Minister of")),
        (Official, role(None, "министр a", Region("здравоохранения"), "Health Minister of")),
        (Official, role(None, "министр a", Region("образования и науки"), "Education Minister of")),
        (Official, role(None, "депутат a", Fixed("Государственной думы"), "a State Duma deputy")),
        (Official, role(None, "министр a", Region("сельского хозяйства"), "Agriculture Minister of")),
        (
            Official,
            role(None, "председатель m a", Region("Законодательной думы"), "Speaker of the legislature of"),
        ),
        (
            Official,
            role(
                None,
                "руководитель m a",
                Fixed("Агентства Дальнего Востока по привлечению инвестиций и поддержке экспорта"),
                "head of the Far East Investment and Export Agency",
            ),
        ),
        (Official, role(None, "министр a", Region("природных ресурсов"), "Natural Resources Minister of")),
        (Official, role(None, "министр a", Region("социальной защиты"), "Social Protection Minister of")),
        (
            Official,
            role(
                None,
                "полпред a",
                Fixed("президента в Дальневосточном федеральном округе"),
                "the presidential envoy to the Far Eastern Federal District",
            ),
        ),
        (Official, role(None, "министр a", Region("культуры"), "Culture Minister of")),
        (Business, role(Some("генеральный"), "директор a", Org(""), "CEO of")),
        (Business, role(None, "председатель m a", Org("совета директоров"), "board chairman of")),
        (Business, role(None, "президент a", Org(""), "president of")),
        (Business, role(None, "руководитель m a", Org("проекта"), "project director at")),
        (Business, role(None, "представитель m a", Org(""), "a spokesperson for")),
        (Business, role(None, "основатель m a", Org(""), "founder of")),
        (
            Expert,
            role(
                None,
                "эксперт a",
                Fixed("Российского совета по международным делам"),
                "an expert at the Russian International Affairs Council",
            ),
        ),
        (Expert, role(None, "аналитик a", Org(""), "an analyst at")),
        (
            Expert,
            role(
                None,
                "экономист a",
                Fixed("Дальневосточного федерального университета"),
                "an economist at Far Eastern Federal University",
            ),
        ),
        (
            Expert,
            role(
                None,
                "директор a",
                Fixed("Института экономических исследований ДВО РАН"),
                "director of the Institute of Economic Research",
            ),
        ),
        (
            Expert,
            role(
                None,
                "ректор a",
                Fixed("Тихоокеанского государственного университета"),
                "rector of Pacific National University",
            ),
        ),
        (
            Expert,
            role(
                None,
                "профессор a",
                Fixed("Высшей школы экономики"),
                "a professor at the Higher School of Economics",
            ),
        ),
        (
            Security,
            role(
                None,
                "начальник a",
                RegionDat("Главного управления МЧС России"),
                "head of the emergencies service in",
            ),
        ),
        (
            Security,
            role(
                None,
                "руководитель m a",
                RegionDat("следственного управления СК России"),
                "head of investigators in",
            ),
        ),
        (Security, role(None, "прокурор a", Region(""), "prosecutor of")),
        (Security, role(None, "представитель m a", RegionDat("УМВД России"), "a police spokesperson in")),
        (
            Security,
            role(
                None,
                "синоптик a",
                Fixed("Дальневосточного УГМС"),
                "a forecaster at the regional weather service",
            ),
        ),
        (
            Security,
            role(None, "начальник a", RegionDat("управления Госавтоинспекции"), "head of traffic police in"),
        ),
        (Culture, role(None, "директор a", Fixed("краевого музея"), "director of the regional museum")),
        (
            Culture,
            role(
                Some("художественный"),
                "руководитель m a",
                Fixed("краевого музыкального театра"),
                "artistic director of the regional musical theatre",
            ),
        ),
        (Culture, role(None, "куратор a", Fixed("выставки"), "curator of the exhibition")),
        (Culture, role(None, "министр a", Region("культуры"), "Culture Minister of")),
        (Sport, role(Some("главный"), "тренер a", Team, "head coach of")),
        (Sport, role(None, "капитан a", Team, "captain of")),
        (
            Sport,
            role(
                None,
                "нападающий a =нападающий,нападающего,нападающему,нападающего,нападающим,нападающем",
                Team,
                "forward for",
            ),
        ),
        (Sport, role(None, "министр a", Region("физической культуры и спорта"), "Sports Minister of")),
        (
            Japanese,
            role(
                None,
                "министр a",
                Fixed("экономики, торговли и промышленности Японии"),
                "Japan's Minister of Economy, Trade and Industry",
            ),
        ),
        (Japanese, role(None, "посол >посл a", Fixed("Японии в России"), "Japan's ambassador to Russia")),
        (
            Japanese,
            role(
                Some("генеральный"),
                "консул a",
                Fixed("Японии в Хабаровске"),
                "Consul General of Japan in Khabarovsk",
            ),
        ),
        (Japanese, role(None, "президент a", ForeignOrg(""), "president of")),
        (
            Japanese,
            role(
                None,
                "председатель m a",
                Fixed(
                    "Японской ассоциации по торговле с Россией и новыми независимыми государствами (РОТОБО)",
                ),
                "chairman of ROTOBO",
            ),
        ),
        (Japanese, role(None, "представитель m a", ForeignOrg(""), "a representative of")),
        (Foreign, role(None, "президент a", ForeignOrg(""), "president of")),
        (
            Foreign,
            role(Some("генеральный"), "консул a", Fixed("в Хабаровске"), "a Consul General in Khabarovsk"),
        ),
        (Foreign, role(None, "представитель m a", ForeignOrg(""), "a representative of")),
        (Foreign, role(None, "вице-президент a", ForeignOrg(""), "vice president of")),
    ]
}

impl Vocab {
    /// The family of a section's typical objects.
    pub fn objects(&self, which: usize) -> &Family {
        match which {
            0 => &self.transport,
            1 => &self.industry,
            _ => &self.social_obj,
        }
    }
}

/// Case forms of a region: the short name when it has one and `short` is asked for.
impl Region {
    pub fn form(&self, case: Case, short: bool) -> &str {
        match (&self.short, short) {
            (Some(n), true) => n.form(case, false),
            _ => &self.full[case as usize],
        }
    }

    /// The preposition of place before [`Region::form`] in the locative.
    pub fn prep(&self, short: bool) -> &'static str {
        if short && self.short.is_some() { self.short_prep } else { "в" }
    }
}
