//! The time lexicon: `data/lexicon/time.txt`, parsed once into a word table and a phrase table.
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::value::{Mod, Part, RefKind, Season, Unit};

/// The embedded lexicon file.
pub(crate) const TIME_LEXICON: &str = include_str!("../../../data/lexicon/time.txt");

/// FNV-1a: lexicon keys are short ASCII words, for which it beats SipHash.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= *b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// How a weekday word is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WdForm {
    Full,
    Abbr,
    Plural,
}

/// Auxiliary verb classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Aux {
    Past,
    Present,
    Be,
    Have,
    Adverb,
}

/// Eras after a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Era {
    Ad,
    Bc,
}

/// How to find a holiday's date in a given year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HolidayRule {
    /// A fixed month and day.
    Fixed(i8, i8),
    /// Days after Western Easter Sunday.
    Easter(i16),
    /// Days after Orthodox Easter Sunday.
    Orthodox(i16),
    /// The n-th ISO weekday of a month (n = -1: the last), plus days.
    Nth { n: i8, wd: i8, m: i8, plus: i16 },
}

/// What a phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PhraseKind {
    Ref(RefKind),
    Holiday(HolidayRule),
    FromNow,
}

/// A multi-word (or single-word) phrase of the lexicon.
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    pub words: Vec<&'static str>,
    pub kind: PhraseKind,
}

/// Everything the lexicon says about one word.
#[derive(Debug, Clone, Default)]
pub(crate) struct Entry {
    pub month: u8,
    pub month_abbr: bool,
    pub month_ambiguous: bool,
    pub weekday: u8,
    pub weekday_form: Option<WdForm>,
    pub number: Option<u32>,
    /// `Some(None)`: an unspecified number ("few").
    pub quantity: Option<Option<u32>>,
    pub ordinal: u8,
    pub ordinal_suffix: bool,
    pub unit: Option<(Unit, bool)>,
    pub season: Option<Season>,
    pub part: Option<Part>,
    pub deictic: Option<(i8, Option<Part>)>,
    pub overnight: bool,
    pub relative: Option<i8>,
    /// `Some(None)`: a modifier that keeps the period as it is ("earlier").
    pub modifier: Option<Option<Mod>>,
    pub period_abbrev: Option<(Mod, Unit)>,
    pub set: Option<&'static str>,
    pub shift: i8,
    pub era: Option<Era>,
    pub meridiem_pm: Option<bool>,
    pub clock: Option<(u8, u8)>,
    pub timezone: bool,
    /// 0: not a cue; 1: a cue; 2: a strong cue (also licenses "May", "March"); 3: a
    /// preposition (also licenses lower-case "may", "march").
    pub cue: u8,
    pub past_form: bool,
    pub not_past_ed: bool,
    /// `Some(true)`: future only when "to" follows.
    pub future: Option<bool>,
    pub modal: bool,
    pub aux: Option<Aux>,
    pub clause_break: bool,
    pub name_follower: bool,
    pub score_cue: bool,
    pub age: bool,
    pub ides: Option<u8>,
    pub abbreviation: bool,
    pub duration_cue: bool,
    pub after_duration: bool,
    pub superlative: bool,
    pub not_superlative: bool,
    pub fraction_follow: bool,
    pub fraction_before: bool,
    /// Index into [`Lexicon::phrases_by_first`] when phrases start with this word.
    pub phrase_start: bool,
}

/// The parsed lexicon.
#[derive(Debug)]
pub(crate) struct Lexicon {
    words: FnvMap<&'static str, u16>,
    pub entries: Vec<Entry>,
    pub phrases: Vec<Phrase>,
    phrases_by_first: FnvMap<&'static str, Vec<u16>>,
    pub ides_default: u8,
}

impl Lexicon {
    /// The entry index of `word` (lower case), if any.
    #[inline]
    pub fn lookup(&self, word: &str) -> Option<u16> {
        if word.len() > 12 {
            return None;
        }
        self.words.get(word).copied()
    }

    /// Phrases whose first word is `word`.
    pub fn phrases_starting(&self, word: &str) -> &[u16] {
        self.phrases_by_first
            .get(word)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }

    fn entry_mut(&mut self, word: &'static str) -> &mut Entry {
        let ix = match self.words.get(word) {
            Some(i) => *i as usize,
            None => {
                self.entries.push(Entry::default());
                let i = self.entries.len() - 1;
                self.words.insert(word, i as u16);
                i
            }
        };
        &mut self.entries[ix]
    }

    /// Parses the lexicon text. Panics on a malformed line: the file is embedded, so a bad
    /// line is a build defect caught by the tests, not an input error.
    pub fn parse(text: &'static str) -> Lexicon {
        let mut lx = Lexicon {
            words: FnvMap::default(),
            entries: Vec::new(),
            phrases: Vec::new(),
            phrases_by_first: FnvMap::default(),
            ides_default: 13,
        };
        let mut section = "";
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim_end();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(s) = line.strip_prefix('[') {
                section = s.trim_end_matches(']');
                continue;
            }
            let mut cols = line.split('\t');
            let key = cols.next().unwrap_or("").trim();
            let c1 = cols.next().map(str::trim).unwrap_or("");
            let c2 = cols.next().map(str::trim).unwrap_or("");
            macro_rules! bad {
                ($what:expr) => {
                    fail(n, line, $what)
                };
            }
            let int =
                |s: &str| -> i64 { s.parse().unwrap_or_else(|_| fail(n, line, "not a number")) };
            match section {
                "month" => {
                    let e = lx.entry_mut(key);
                    e.month = int(c1) as u8;
                    e.month_abbr = c2 == "abbr";
                }
                "ambiguous_month" => lx.entry_mut(key).month_ambiguous = true,
                "weekday" => {
                    let e = lx.entry_mut(key);
                    e.weekday = int(c1) as u8;
                    e.weekday_form = Some(match c2 {
                        "abbr" => WdForm::Abbr,
                        "plural" => WdForm::Plural,
                        _ => WdForm::Full,
                    });
                }
                "number" => lx.entry_mut(key).number = Some(int(c1) as u32),
                "quantity" => {
                    lx.entry_mut(key).quantity = Some(if c1 == "X" {
                        None
                    } else {
                        Some(int(c1) as u32)
                    })
                }
                "ordinal" => lx.entry_mut(key).ordinal = int(c1) as u8,
                "ordinal_suffix" => lx.entry_mut(key).ordinal_suffix = true,
                "unit" => {
                    let u = Unit::from_code(c1).unwrap_or_else(|| bad!("unknown unit"));
                    lx.entry_mut(key).unit = Some((u, c2 == "plural"));
                }
                "season" => {
                    lx.entry_mut(key).season =
                        Some(Season::from_code(c1).unwrap_or_else(|| bad!("unknown season")))
                }
                "part_of_day" => {
                    lx.entry_mut(key).part =
                        Some(Part::from_code(c1).unwrap_or_else(|| bad!("unknown part of day")))
                }
                "deictic" => {
                    let part = if c2.is_empty() {
                        None
                    } else {
                        Some(Part::from_code(c2).unwrap_or_else(|| bad!("unknown part of day")))
                    };
                    lx.entry_mut(key).deictic = Some((int(c1) as i8, part));
                }
                "overnight" => lx.entry_mut(key).overnight = true,
                "relative" => lx.entry_mut(key).relative = Some(int(c1) as i8),
                "modifier" => {
                    lx.entry_mut(key).modifier = Some(if c1 == "-" {
                        None
                    } else {
                        Some(Mod::from_code(c1).unwrap_or_else(|| bad!("unknown modifier")))
                    })
                }
                "period_abbrev" => {
                    let m = Mod::from_code(c1).unwrap_or_else(|| bad!("unknown modifier"));
                    let u = Unit::from_code(c2).unwrap_or_else(|| bad!("unknown unit"));
                    lx.entry_mut(key).period_abbrev = Some((m, u));
                }
                "ref" => {
                    let r = RefKind::from_value(c1).unwrap_or_else(|| bad!("unknown reference"));
                    lx.add_phrase(key, PhraseKind::Ref(r));
                }
                "set" => lx.entry_mut(key).set = Some(c1),
                "shift" => lx.entry_mut(key).shift = int(c1) as i8,
                "from_now" => lx.add_phrase(key, PhraseKind::FromNow),
                "era" => {
                    lx.entry_mut(key).era = Some(match c1 {
                        "AD" => Era::Ad,
                        "BC" => Era::Bc,
                        _ => bad!("unknown era"),
                    })
                }
                "meridiem" => lx.entry_mut(key).meridiem_pm = Some(c1 == "pm"),
                "clock_word" => {
                    let (h, m) = c1.split_once(':').unwrap_or_else(|| bad!("expected HH:MM"));
                    lx.entry_mut(key).clock = Some((int(h) as u8, int(m) as u8));
                }
                "timezone" => lx.entry_mut(key).timezone = true,
                "cue" => {
                    lx.entry_mut(key).cue = match c1 {
                        "prep" => 3,
                        "strong" => 2,
                        _ => 1,
                    }
                }
                "holiday" => {
                    let rule = parse_holiday(c1).unwrap_or_else(|| bad!("bad holiday rule"));
                    lx.add_phrase(key, PhraseKind::Holiday(rule));
                }
                "past_form" => lx.entry_mut(key).past_form = true,
                "not_past_ed" => lx.entry_mut(key).not_past_ed = true,
                "future" => lx.entry_mut(key).future = Some(c1 == "to"),
                "modal" => lx.entry_mut(key).modal = true,
                "aux" => {
                    lx.entry_mut(key).aux = Some(match c1 {
                        "past" => Aux::Past,
                        "present" => Aux::Present,
                        "be" => Aux::Be,
                        "have" => Aux::Have,
                        "adverb" => Aux::Adverb,
                        _ => bad!("unknown auxiliary class"),
                    })
                }
                "clause_break" => lx.entry_mut(key).clause_break = true,
                "name_follower" => lx.entry_mut(key).name_follower = true,
                "score_cue" => lx.entry_mut(key).score_cue = true,
                "age" => lx.entry_mut(key).age = true,
                "abbreviation" => lx.entry_mut(key).abbreviation = true,
                "duration_cue" => lx.entry_mut(key).duration_cue = true,
                "after_duration" => lx.entry_mut(key).after_duration = true,
                "superlative" => lx.entry_mut(key).superlative = true,
                "not_superlative" => lx.entry_mut(key).not_superlative = true,
                "fraction_follow" => lx.entry_mut(key).fraction_follow = true,
                "fraction_before" => lx.entry_mut(key).fraction_before = true,
                "grammar" => {
                    lx.entry_mut(key);
                }
                "ides" => {
                    if key == "default" {
                        lx.ides_default = int(c1) as u8;
                    } else {
                        lx.entry_mut(key).ides = Some(int(c1) as u8);
                    }
                }
                _ => bad!("unknown section"),
            }
        }
        lx
    }

    fn add_phrase(&mut self, phrase: &'static str, kind: PhraseKind) {
        let words = phrase_words(phrase);
        let Some(first) = words.first().copied() else {
            return;
        };
        self.entry_mut(first).phrase_start = true;
        let ix = self.phrases.len() as u16;
        self.phrases.push(Phrase { words, kind });
        self.phrases_by_first.entry(first).or_default().push(ix);
    }
}

/// The words of a phrase as they are matched: split at spaces and hyphens, with a possessive
/// `'s` (and a plural possessive `'`) dropped.
fn phrase_words(phrase: &'static str) -> Vec<&'static str> {
    let mut out = Vec::new();
    for w in phrase.split([' ', '-']) {
        let w = w.strip_suffix("'s").unwrap_or(w);
        let w = w.strip_suffix('\'').unwrap_or(w);
        if !w.is_empty() {
            out.push(w);
        }
    }
    out
}

fn fail(n: usize, line: &str, what: &str) -> ! {
    panic!("time lexicon line {}: {what}: {line:?}", n + 1)
}

fn parse_holiday(rule: &str) -> Option<HolidayRule> {
    let mut it = rule.split_whitespace();
    let kind = it.next()?;
    let nums: Vec<i64> = it
        .map(|s| {
            if let Some((a, b)) = s.split_once('-').filter(|(a, _)| !a.is_empty()) {
                // MM-DD
                Some(a.parse::<i64>().ok()? * 100 + b.parse::<i64>().ok()?)
            } else {
                s.parse().ok()
            }
        })
        .collect::<Option<_>>()?;
    Some(match (kind, nums.as_slice()) {
        ("fixed", [md]) => HolidayRule::Fixed((md / 100) as i8, (md % 100) as i8),
        ("easter", [d]) => HolidayRule::Easter(*d as i16),
        ("orthodox", [d]) => HolidayRule::Orthodox(*d as i16),
        ("nth", [n, wd, m]) => HolidayRule::Nth {
            n: *n as i8,
            wd: *wd as i8,
            m: *m as i8,
            plus: 0,
        },
        ("after_nth", [n, wd, m, plus]) => HolidayRule::Nth {
            n: *n as i8,
            wd: *wd as i8,
            m: *m as i8,
            plus: *plus as i16,
        },
        _ => return None,
    })
}

/// The lexicon, parsed on first use.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::parse(TIME_LEXICON))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_lexicon_parses() {
        let lx = lexicon();
        let e = &lx.entries[lx.lookup("february").unwrap() as usize];
        assert_eq!(e.month, 2);
        let may = &lx.entries[lx.lookup("may").unwrap() as usize];
        assert!(may.month_ambiguous && may.modal);
        assert!(lx.lookup("said").is_some());
        assert!(!lx.phrases_starting("christmas").is_empty());
        assert_eq!(phrase_words("new year's day"), vec!["new", "year", "day"]);
        assert_eq!(phrase_words("presidents' day"), vec!["presidents", "day"]);
        assert_eq!(lx.ides_default, 13);
    }
}
