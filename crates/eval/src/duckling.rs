//! Scores a time tagger on Duckling's English time corpus (`en_time_corpus.json`, converted from
//! facebook/duckling; see `shared/eval/time/README.md`).
//!
//! The tagger is any function from a text and the corpus reference time (Tue 2013-02-12T04:30,
//! wall clock at the corpus's fixed offset) to `(byte range, TIMEX3 value)` pairs. For an
//! expression that denotes an interval, the tagger should give the interval's first point (the
//! TIMEX3 `beginPoint`: "last 2 weeks" → the first of the two weeks, "late March" → 21 March),
//! since that is what is compared.
//!
//! # Groups
//! Every entry of `examples` falls in exactly one group:
//! - **holiday**: the expected value carries `holidayBeta` (259 entries);
//! - **date level**: not a holiday, and every grain the expected value names (the instant's
//!   grain, or the `from` and `to` grains of an interval) is `day`, `week`, `month`, `quarter`
//!   or `year` (386 entries — the subset the corpus README names);
//! - **time of day**: the rest: some grain is `hour`, `minute` or `second` (339 entries).
//!
//! # When an entry counts as right
//! 1. *Span*: some output covers nearly the whole text: outside its byte range there is only
//!    white space, punctuation, and the function words of [`OUTSIDE_WORDS`] ("at", "in", "on",
//!    "the", "from", …), which TIMEX3 leaves out of an expression's extent ("in 2014" → `2014`).
//! 2. *Value*: that output's value matches the expected one. The expected point is the
//!    instant of a `value`, or the `from` of an interval (the `to` when there is no `from`),
//!    with its grain. The output value is read as a period: `YYYY-MM-DD` a day, `YYYY-Www` a
//!    week (from Monday), `YYYY-MM` a month, `YYYY-Qn` a quarter, `YYYY` (or `BCYYYY`) a year,
//!    `YYYY-Hn` a half (month grain), a decade `YYY` its first year; `…THH:MM[:SS]` a minute or
//!    second, `…THH` an hour; parts of day `…TMO|AF|EV|NI` the hour they start (00, 12, 18, 18);
//!    `YYYY-Www-WE` Friday 18:00 (Duckling's weekend). It matches when its grain is not coarser
//!    than the expected grain and both points, truncated to the expected grain (weeks to their
//!    Monday, quarters to their first month), are equal. A season (`2013-SU`) matches when the
//!    expected point falls inside it (spring from 20 March, summer from 21 June, fall from
//!    23 September, winter from 21 December; `YYYY-WI` is the winter that starts in December of
//!    YYYY). `PRESENT_REF` stands for the reference time itself. Durations, sets,
//!    `PAST_REF`/`FUTURE_REF` and underspecified values never match.
//!
//! Time-of-day entries are compared at their own grain (a `second` grain compares seconds too).
//! A `negative_examples` text is wrongly tagged when the tagger gives any output at all.
use std::ops::Range;
use std::path::{Path, PathBuf};

use jiff::civil::{Date, DateTime, Time};
use serde::Deserialize;

/// Words that may stay outside an output's range and still count as covering the text.
pub const OUTSIDE_WORDS: &[&str] = &[
    "at",
    "in",
    "on",
    "during",
    "for",
    "from",
    "since",
    "by",
    "around",
    "about",
    "approximately",
    "the",
    "after",
    "before",
    "until",
    "untill",
    "till",
    "through",
    "anytime",
    "sometime",
    "sometimes",
    "between",
    "of",
];

/// A tagger: text and reference time in, `(byte range, TIMEX3 value)` pairs out.
pub type Tagger<'a> = dyn Fn(&str, DateTime) -> Vec<(Range<usize>, String)> + 'a;

/// Problems reading the corpus.
#[derive(Debug, thiserror::Error)]
pub enum DucklingError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not the corpus JSON.
    #[error("{}: invalid corpus: {message}", path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
}

/// Correct out of total (shared by the suite adapters).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    /// Entries scored.
    pub total: usize,
    /// Entries right.
    pub correct: usize,
}

impl Tally {
    /// correct / total (1.0 for an empty tally).
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }

    pub(crate) fn add(&mut self, ok: bool) {
        self.total += 1;
        if ok {
            self.correct += 1;
        }
    }
}

/// The group of an example (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// Grains day, week, month, quarter or year, no holiday.
    DateLevel,
    /// Some grain below a day, no holiday.
    TimeOfDay,
    /// A holiday entry (`holidayBeta`).
    Holiday,
}

/// One example the tagger got wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DucklingMiss {
    /// The example text.
    pub text: String,
    /// Its group.
    pub group: Group,
    /// The expected point and grain, as `2013-02-15 day`.
    pub expected: String,
    /// What the tagger gave, as `"span" value` items.
    pub got: Vec<String>,
}

/// The scores of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct DucklingReport {
    /// The corpus reference time.
    pub reference: DateTime,
    /// Every entry of `examples`.
    pub all: Tally,
    /// The date-level, non-holiday entries.
    pub date_level: Tally,
    /// The time-of-day entries.
    pub time_of_day: Tally,
    /// The holiday entries.
    pub holidays: Tally,
    /// `negative_examples`: `total` texts, `correct` = texts that gave no output.
    pub negatives: Tally,
    /// The negative texts that gave output.
    pub negatives_tagged: Vec<String>,
    /// Every wrong example, in corpus order.
    pub misses: Vec<DucklingMiss>,
}

impl DucklingReport {
    /// A short table of the scores.
    pub fn render(&self) -> String {
        let line = |name: &str, t: &Tally| {
            format!(
                "  {name:<34} {:>4}/{:<4} {:>6.1}%\n",
                t.correct,
                t.total,
                100.0 * t.accuracy()
            )
        };
        let mut s = format!(
            "Duckling English time corpus (reference {})\n",
            self.reference
        );
        s += &line("all examples", &self.all);
        s += &line("date level, no holidays", &self.date_level);
        s += &line("time of day", &self.time_of_day);
        s += &line("holidays", &self.holidays);
        s += &format!(
            "  {:<34} {:>4}/{:<4}\n",
            "negative examples tagged",
            self.negatives.total - self.negatives.correct,
            self.negatives.total
        );
        s
    }
}

#[derive(Deserialize)]
struct Corpus {
    reference_time: String,
    examples: Vec<Example>,
    negative_examples: Negatives,
}

#[derive(Deserialize)]
struct Example {
    text: String,
    expected: Expected,
}

#[derive(Deserialize)]
struct Negatives {
    texts: Vec<String>,
}

#[derive(Deserialize)]
struct Expected {
    value: Option<String>,
    grain: Option<String>,
    from: Option<PointJson>,
    to: Option<PointJson>,
    #[serde(rename = "holidayBeta")]
    holiday: Option<String>,
}

#[derive(Deserialize)]
struct PointJson {
    value: String,
    grain: String,
}

/// A grain, finest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Grain {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

fn grain(s: &str) -> Option<Grain> {
    Some(match s {
        "second" => Grain::Second,
        "minute" => Grain::Minute,
        "hour" => Grain::Hour,
        "day" => Grain::Day,
        "week" => Grain::Week,
        "month" => Grain::Month,
        "quarter" => Grain::Quarter,
        "year" => Grain::Year,
        _ => return None,
    })
}

/// Reads Duckling's `2013-02-12T04:30:00.000-02:00` as wall-clock time (the offset dropped).
fn duckling_time(s: &str) -> Option<DateTime> {
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let y: i16 = s.get(0..4)?.parse().ok()?;
    let mo: i8 = s.get(5..7)?.parse().ok()?;
    let d: i8 = s.get(8..10)?.parse().ok()?;
    let h: i8 = s.get(11..13)?.parse().ok()?;
    let mi: i8 = s.get(14..16)?.parse().ok()?;
    let se: i8 = s.get(17..19)?.parse().ok()?;
    let y = if neg { -y } else { y };
    let date = Date::new(y, mo, d).ok()?;
    Some(date.to_datetime(Time::new(h, mi, se, 0).ok()?))
}

/// What an output value denotes, for comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ours {
    Point(DateTime, Grain),
    Season(Date, Date),
    Present,
}

fn at(d: Date, h: i8) -> DateTime {
    d.to_datetime(Time::new(h, 0, 0, 0).unwrap_or(Time::midnight()))
}

fn season_start(y: i16, code: &str) -> Option<Date> {
    let (m, d) = match code {
        "SP" => (3, 20),
        "SU" => (6, 21),
        "FA" => (9, 23),
        "WI" => (12, 21),
        _ => return None,
    };
    Date::new(y, m, d).ok()
}

/// Reads an output TIMEX3 value as a period (see the module documentation).
fn read_ours(v: &str) -> Option<Ours> {
    if v == "PRESENT_REF" {
        return Some(Ours::Present);
    }
    if v.contains('X') || v.starts_with('P') || v.ends_with("_REF") {
        return None;
    }
    let (year, rest) = if let Some(r) = v.strip_prefix("BC") {
        (-r.get(0..4)?.parse::<i16>().ok()?, r.get(4..)?)
    } else if v.len() == 3 && v.bytes().all(|b| b.is_ascii_digit()) {
        let y: i16 = v.parse::<i16>().ok()? * 10;
        return Some(Ours::Point(at(Date::new(y, 1, 1).ok()?, 0), Grain::Year));
    } else {
        (v.get(0..4)?.parse::<i16>().ok()?, v.get(4..)?)
    };
    let (date_part, time_part) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let jan1 = Date::new(year, 1, 1).ok()?;
    let (day, grain): (Date, Grain) = if date_part.is_empty() {
        (jan1, Grain::Year)
    } else if let Some(code) = date_part
        .strip_prefix('-')
        .filter(|c| matches!(*c, "SP" | "SU" | "FA" | "WI"))
    {
        let start = season_start(year, code)?;
        let next = match code {
            "SP" => season_start(year, "SU"),
            "SU" => season_start(year, "FA"),
            "FA" => season_start(year, "WI"),
            _ => season_start(year.checked_add(1)?, "SP"),
        }?;
        return Some(Ours::Season(start, next));
    } else if let Some(w) = date_part.strip_prefix("-W") {
        let (wk, tail) = match w.split_once('-') {
            Some((a, b)) => (a, Some(b)),
            None => (w, None),
        };
        let wk: i8 = wk.parse().ok()?;
        let monday = jiff::civil::ISOWeekDate::new(year, wk, jiff::civil::Weekday::Monday)
            .ok()?
            .date();
        match tail {
            None => (monday, Grain::Week),
            Some("WE") => {
                let fri = monday.checked_add(jiff::Span::new().days(4)).ok()?;
                return Some(Ours::Point(at(fri, 18), Grain::Hour));
            }
            Some(d) => {
                let n: i64 = d.parse().ok()?;
                (
                    monday.checked_add(jiff::Span::new().days(n - 1)).ok()?,
                    Grain::Day,
                )
            }
        }
    } else if let Some(q) = date_part.strip_prefix("-Q") {
        let q: i8 = q.parse().ok()?;
        (Date::new(year, (q - 1) * 3 + 1, 1).ok()?, Grain::Quarter)
    } else if let Some(h) = date_part.strip_prefix("-H") {
        let h: i8 = h.parse().ok()?;
        (Date::new(year, (h - 1) * 6 + 1, 1).ok()?, Grain::Month)
    } else {
        let mut it = date_part.strip_prefix('-')?.split('-');
        let m: i8 = it.next()?.parse().ok()?;
        match it.next() {
            None => (Date::new(year, m, 1).ok()?, Grain::Month),
            Some(d) => (Date::new(year, m, d.parse().ok()?).ok()?, Grain::Day),
        }
    };
    let Some(t) = time_part else {
        return Some(Ours::Point(at(day, 0), grain));
    };
    if grain != Grain::Day {
        return None;
    }
    let part_hour = match t {
        "MO" => Some(0),
        "AF" => Some(12),
        "EV" | "NI" => Some(18),
        _ => None,
    };
    if let Some(h) = part_hour {
        return Some(Ours::Point(at(day, h), Grain::Hour));
    }
    let mut it = t.split(':');
    let h: i8 = it.next()?.parse().ok()?;
    let (mi, g1) = match it.next() {
        Some(m) => (m.parse().ok()?, Grain::Minute),
        None => (0, Grain::Hour),
    };
    let (s, g2) = match it.next() {
        Some(s) => (s.parse().ok()?, Grain::Second),
        None => (0, g1),
    };
    let time = Time::new(h.min(23), mi, s, 0).ok()?;
    Some(Ours::Point(day.to_datetime(time), g2))
}

fn truncate(dt: DateTime, g: Grain) -> DateTime {
    let d = dt.date();
    let t = |h: i8, m: i8, s: i8| d.to_datetime(Time::new(h, m, s, 0).unwrap_or(Time::midnight()));
    match g {
        Grain::Second => t(dt.hour(), dt.minute(), dt.second()),
        Grain::Minute => t(dt.hour(), dt.minute(), 0),
        Grain::Hour => t(dt.hour(), 0, 0),
        Grain::Day => t(0, 0, 0),
        Grain::Week => {
            let back = d.weekday().to_monday_one_offset() as i64 - 1;
            at(d.checked_sub(jiff::Span::new().days(back)).unwrap_or(d), 0)
        }
        Grain::Month => at(d.first_of_month(), 0),
        Grain::Quarter => at(
            Date::new(d.year(), (d.month() - 1) / 3 * 3 + 1, 1).unwrap_or(d),
            0,
        ),
        Grain::Year => at(Date::new(d.year(), 1, 1).unwrap_or(d), 0),
    }
}

/// The expected point of an example: an instant's value, else the interval's `from`, else its
/// `to`.
fn target(e: &Expected) -> Option<(DateTime, Grain)> {
    if let (Some(v), Some(g)) = (&e.value, &e.grain) {
        return Some((duckling_time(v)?, grain(g)?));
    }
    let p = e.from.as_ref().or(e.to.as_ref())?;
    Some((duckling_time(&p.value)?, grain(&p.grain)?))
}

fn group(e: &Expected) -> Group {
    if e.holiday.is_some() {
        return Group::Holiday;
    }
    let grains = [
        e.grain.as_deref(),
        e.from.as_ref().map(|p| p.grain.as_str()),
        e.to.as_ref().map(|p| p.grain.as_str()),
    ];
    let date_level = grains
        .iter()
        .flatten()
        .all(|g| matches!(*g, "day" | "week" | "month" | "quarter" | "year"));
    if date_level {
        Group::DateLevel
    } else {
        Group::TimeOfDay
    }
}

fn value_matches(ours: &str, target: (DateTime, Grain), reference: DateTime) -> bool {
    let (exp, g) = target;
    match read_ours(ours) {
        None => false,
        Some(Ours::Present) => truncate(reference, g) == truncate(exp, g),
        Some(Ours::Season(a, b)) => g <= Grain::Day && exp.date() >= a && exp.date() < b,
        Some(Ours::Point(start, og)) => og <= g && truncate(start, g) == truncate(exp, g),
    }
}

/// True when nothing but white space, punctuation and [`OUTSIDE_WORDS`] lies outside `r`.
fn covers(text: &str, r: &Range<usize>) -> bool {
    if r.start > r.end
        || r.end > text.len()
        || !text.is_char_boundary(r.start)
        || !text.is_char_boundary(r.end)
    {
        return false;
    }
    let outside = [&text[..r.start], &text[r.end..]];
    outside.iter().all(|part| {
        part.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| OUTSIDE_WORDS.contains(&w.to_lowercase().as_str()))
    })
}

fn describe(e: &Expected) -> String {
    match target(e) {
        Some((dt, g)) => {
            let g = format!("{g:?}").to_lowercase();
            if matches!(e.grain.as_deref(), Some(_)) {
                format!("{dt} {g}")
            } else {
                format!("from {dt} {g}")
            }
        }
        None => "?".to_string(),
    }
}

/// Runs `tagger` over the corpus at `path` and scores it (see the module documentation).
pub fn score_duckling(path: &Path, tagger: &Tagger) -> Result<DucklingReport, DucklingError> {
    let text = std::fs::read_to_string(path).map_err(|source| DucklingError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let corpus: Corpus = serde_json::from_str(&text).map_err(|e| DucklingError::Format {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let reference = duckling_time(&corpus.reference_time).ok_or_else(|| DucklingError::Format {
        path: path.to_path_buf(),
        message: format!("bad reference_time {:?}", corpus.reference_time),
    })?;
    let mut report = DucklingReport {
        reference,
        all: Tally::default(),
        date_level: Tally::default(),
        time_of_day: Tally::default(),
        holidays: Tally::default(),
        negatives: Tally::default(),
        negatives_tagged: Vec::new(),
        misses: Vec::new(),
    };
    for ex in &corpus.examples {
        let g = group(&ex.expected);
        let out = tagger(&ex.text, reference);
        let ok = target(&ex.expected).is_some_and(|t| {
            out.iter()
                .any(|(r, v)| covers(&ex.text, r) && value_matches(v, t, reference))
        });
        report.all.add(ok);
        match g {
            Group::DateLevel => report.date_level.add(ok),
            Group::TimeOfDay => report.time_of_day.add(ok),
            Group::Holiday => report.holidays.add(ok),
        }
        if !ok {
            report.misses.push(DucklingMiss {
                text: ex.text.clone(),
                group: g,
                expected: describe(&ex.expected),
                got: out
                    .iter()
                    .map(|(r, v)| format!("{:?} {v}", ex.text.get(r.clone()).unwrap_or("?")))
                    .collect(),
            });
        }
    }
    for t in &corpus.negative_examples.texts {
        let out = tagger(t, reference);
        report.negatives.add(out.is_empty());
        if !out.is_empty() {
            report.negatives_tagged.push(t.clone());
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> DateTime {
        duckling_time(s).unwrap()
    }

    #[test]
    fn reads_duckling_times() {
        let r = dt("2013-02-12T04:30:00.000-02:00");
        assert_eq!(r.to_string(), "2013-02-12T04:30:00");
        assert_eq!(dt("-2014-01-01T00:00:00.000-02:00").year(), -2014);
    }

    #[test]
    fn compares_at_the_expected_grain() {
        let r = dt("2013-02-12T04:30:00.000-02:00");
        let day = (dt("2013-02-15T00:00:00.000-02:00"), Grain::Day);
        assert!(value_matches("2013-02-15", day, r));
        assert!(value_matches("2013-02-15T15:00", day, r));
        assert!(!value_matches("2013-02", day, r), "coarser never matches");
        assert!(!value_matches("P3D", day, r));
        let week = (dt("2013-02-11T00:00:00.000-02:00"), Grain::Week);
        assert!(value_matches("2013-W07", week, r));
        assert!(!value_matches("2013-W08", week, r));
        let q = (dt("2013-07-01T00:00:00.000-02:00"), Grain::Quarter);
        assert!(value_matches("2013-Q3", q, r));
        let winter = (dt("2012-12-21T00:00:00.000-02:00"), Grain::Day);
        assert!(value_matches("2012-WI", winter, r));
        assert!(!value_matches("2013-WI", winter, r));
        let now = (r, Grain::Second);
        assert!(value_matches("PRESENT_REF", now, r));
        let bc = (dt("-2014-01-01T00:00:00.000-02:00"), Grain::Year);
        assert!(value_matches("BC2014", bc, r));
        let minute = (dt("2013-02-12T15:30:00.000-02:00"), Grain::Minute);
        assert!(value_matches("2013-02-12T15:30", minute, r));
        assert!(!value_matches("2013-02-12T15", minute, r));
        let morning = (dt("2013-02-12T00:00:00.000-02:00"), Grain::Hour);
        assert!(value_matches("2013-02-12TMO", morning, r));
    }

    #[test]
    fn coverage_allows_leading_function_words() {
        assert!(covers("in 2014", &(3..7)));
        assert!(covers("at the end of April", &(3..19)));
        assert!(!covers("March in 1 year", &(0..5)));
        assert!(!covers("abc", &(1..9)));
    }
}
