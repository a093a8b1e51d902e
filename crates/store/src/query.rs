//! Aggregate queries over the stored events and quotes: an actor's timeline, its network of
//! counterparts, a speaker's timeline — plus the parameter checks and the calendar maths
//! (ISO weeks) that they and [`crate::search`] share.
//!
//! **Timeline date of an event.** An event is placed on one day: its own date (TIMEX3) when
//! that names a day (`2025-03-04`, also with a time); when it names an ISO week (`2025-W11`) or
//! a month (`2025-03`), the article's publication date if that falls inside the period, else
//! the period's first day (the week's Monday, the month's 1st); otherwise (no date, a year, a
//! season, `PAST_REF`, …) the publication date. This is [`crate::EventFilter`]'s effective
//! date with years counted as undated (a year is too coarse for a timeline), narrowed to one
//! day. Events with no such day (undated, in an undated article) are left out.
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::{Store, StoreError};

/// The period a timeline counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    /// One calendar day: `2025-02-26`.
    #[default]
    Day,
    /// One ISO 8601 week, Monday to Sunday, labelled with its ISO week-numbering year:
    /// `2025-W09`; 2024-12-30 is in `2025-W01`.
    Week,
    /// One calendar month: `2025-02`.
    Month,
}

impl Bucket {
    /// The lower-case name (`day`, `week`, `month`).
    pub fn name(self) -> &'static str {
        match self {
            Bucket::Day => "day",
            Bucket::Week => "week",
            Bucket::Month => "month",
        }
    }

    /// The label of the period holding `day` (days since 1970-01-01).
    fn label(self, day: i64) -> String {
        let (y, m, d) = civil_from_days(day);
        match self {
            Bucket::Day => format!("{y:04}-{m:02}-{d:02}"),
            Bucket::Month => format!("{y:04}-{m:02}"),
            Bucket::Week => {
                let (wy, w) = iso_week(day);
                format!("{wy:04}-W{w:02}")
            }
        }
    }
}

impl fmt::Display for Bucket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Bucket {
    type Err = StoreError;

    /// `day`, `week` or `month` (case ignored).
    fn from_str(s: &str) -> Result<Bucket, StoreError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "day" => Ok(Bucket::Day),
            "week" => Ok(Bucket::Week),
            "month" => Ok(Bucket::Month),
            _ => Err(invalid(
                "bucket",
                format!("`{s}` is not a period: use day, week or month"),
            )),
        }
    }
}

/// Which events [`Store::timeline`] counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TimelineQuery {
    /// Actor code prefix (`RUS` counts `RUS`, `RUSGOV`, `RUSMIL`, …); required. ASCII case
    /// ignored.
    pub actor: String,
    /// When given, only events between `actor` and this actor (code prefix), in either
    /// direction.
    pub other: Option<String>,
    /// The period to count in.
    pub bucket: Bucket,
    /// First day counted (`YYYY-MM-DD`, or a prefix: `2025-02` is its first day).
    pub from: Option<String>,
    /// Last day counted, inclusive (a prefix covers its whole period).
    pub to: Option<String>,
    /// Only events whose CAMEO code starts with this (`04`, `036`).
    pub cameo: Option<String>,
    /// Count every modality; `false` (the default) counts asserted events only — the ones the
    /// text tells as fact.
    pub all_modalities: bool,
}

/// One period of a timeline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TimelinePoint {
    /// The period's label: `2025-02-26`, `2025-W09` or `2025-02`.
    pub period: String,
    /// Events (or quotes) in it.
    pub events: u64,
    /// Mean Goldstein score of its events that have one; `None` for quote timelines and for
    /// periods whose events have none.
    pub goldstein_mean: Option<f64>,
}

/// An actor's counterpart: the other side of its events.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Counterpart {
    /// The counterpart's actor code (`UKRGOV`).
    pub code: String,
    /// Its most frequent canonical name in those events, when any has one.
    pub name: Option<String>,
    /// Events between the actor and this counterpart.
    pub events: u64,
    /// Of those, the events in which the counterpart was the source (it acted on the actor).
    pub as_source: u64,
    /// Of those, the events in which the counterpart was the target (the actor acted on it).
    pub as_target: u64,
    /// Mean Goldstein score of those events that have one.
    pub goldstein_mean: Option<f64>,
}

impl Store {
    /// Events per period involving an actor (see [`TimelineQuery`]); periods with no events
    /// are left out, the others come sorted.
    ///
    /// An event counts when one side's code starts with `actor` and, if `other` is given, the
    /// other side's code starts with `other` (either direction). It is dated as the module
    /// documentation says; `from` and `to` apply to that day. Fails with
    /// [`StoreError::InvalidQuery`] for an empty or malformed actor, a bad date or CAMEO
    /// prefix.
    pub fn timeline(&self, q: &TimelineQuery) -> Result<Vec<TimelinePoint>, StoreError> {
        let actor = check_actor("actor", &q.actor)?;
        let other = q
            .other
            .as_deref()
            .map(|o| check_actor("other", o))
            .transpose()?;
        let range = DayRange::new(q.from.as_deref(), q.to.as_deref())?;
        let cameo = q.cameo.as_deref().map(check_cameo).transpose()?;

        // Each event once, from the indexes alone: the events whose source side qualifies
        // (`events_by_source`), then those whose target side does and that the first part did
        // not count (`events_by_target`, which holds the source code too).
        let mut values: Vec<Value> = Vec::new();
        let mut part = |index: &str, side: &dyn Fn(&mut Vec<Value>) -> String| {
            let mut sql = format!(
                "SELECT e.date, e.published, e.goldstein FROM events e INDEXED BY {index} \
                 WHERE {}",
                side(&mut values)
            );
            if !q.all_modalities {
                // `+`: never through the modality index (most events are asserted).
                sql.push_str(" AND +e.modality = 'asserted'");
            }
            if let Some(c) = &cameo {
                sql.push_str(" AND ");
                sql.push_str(&prefix_sql("e.cameo", c, &mut values));
            }
            sql
        };
        let by_source = |v: &mut Vec<Value>| match &other {
            None => prefix_sql("e.source_code", &actor, v),
            Some(o) => {
                let s = prefix_sql("e.source_code", &actor, v);
                let t = prefix_sql("e.target_code", o, v);
                format!("{s} AND {t}")
            }
        };
        let first = part("events_by_source", &by_source);
        let second = part("events_by_target", &|v: &mut Vec<Value>| {
            let t = prefix_sql("e.target_code", &actor, v);
            let s = other
                .as_ref()
                .map(|o| format!(" AND {}", prefix_sql("e.source_code", o, v)))
                .unwrap_or_default();
            // COALESCE: an event without a source (NULL) was not counted by the first part.
            format!("{t}{s} AND NOT COALESCE({}, 0)", by_source(v))
        });
        let sql = format!(
            "SELECT date, published, COUNT(*), TOTAL(goldstein), COUNT(goldstein) \
             FROM ({first} UNION ALL {second}) GROUP BY date, published"
        );

        let mut buckets: BTreeMap<String, Sums> = BTreeMap::new();
        let mut st = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let mut rows = st
            .query(rusqlite::params_from_iter(values.iter()))
            .map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let date: Option<String> = r.get(0).map_err(|e| self.err(e))?;
            let published: Option<String> = r.get(1).map_err(|e| self.err(e))?;
            let Some(day) = placed_day(date.as_deref(), published.as_deref()) else {
                continue;
            };
            if !range.contains(day) {
                continue;
            }
            let s = buckets.entry(q.bucket.label(day)).or_default();
            s.n += r.get::<_, i64>(2).map_err(|e| self.err(e))? as u64;
            s.gsum += r.get::<_, f64>(3).map_err(|e| self.err(e))?;
            s.gn += r.get::<_, i64>(4).map_err(|e| self.err(e))? as u64;
        }
        Ok(buckets
            .into_iter()
            .map(|(period, s)| TimelinePoint {
                period,
                events: s.n,
                goldstein_mean: s.mean(),
            })
            .collect())
    }

    /// The counterparts of `actor` (a code prefix): the codes on the other side of its events,
    /// ranked by number of events (most first), then code.
    ///
    /// Events in which both sides start with `actor` (the actor's own institutions among
    /// themselves) and events with no other side are not counted. `from` and `to` apply to the
    /// timeline date of each event (see the module documentation). Only asserted events count
    /// unless `all_modalities`. `limit` caps the list (0: no cap).
    pub fn counterparts(
        &self,
        actor: &str,
        from: Option<&str>,
        to: Option<&str>,
        limit: usize,
        all_modalities: bool,
    ) -> Result<Vec<Counterpart>, StoreError> {
        let actor = check_actor("actor", actor)?;
        let range = DayRange::new(from, to)?;
        let dated = range.is_bounded();
        let mut values: Vec<Value> = Vec::new();
        let mut parts = Vec::new();
        // The actor as source (the counterpart is the target), then as target.
        // Both parts read their covering index only (`events_by_source`, `events_by_target`).
        for (me, them, as_source, index) in [
            ("e.source_code", "e.target", 0, "events_by_source"),
            ("e.target_code", "e.source", 1, "events_by_target"),
        ] {
            let mine = prefix_sql(me, &actor, &mut values);
            let theirs = prefix_sql(&format!("{them}_code"), &actor, &mut values);
            parts.push(format!(
                "SELECT {them}_code, {them}_name, {as_source}, {}, \
                   COUNT(*), TOTAL(e.goldstein), COUNT(e.goldstein) \
                 FROM events e INDEXED BY {index} \
                 WHERE {mine} AND {them}_code IS NOT NULL AND NOT {theirs}{} \
                 GROUP BY 1, 2{}",
                if dated {
                    "e.date, e.published"
                } else {
                    "NULL, NULL"
                },
                if all_modalities {
                    ""
                } else {
                    " AND +e.modality = 'asserted'"
                },
                if dated { ", 4, 5" } else { "" },
            ));
        }
        let sql = parts.join(" UNION ALL ");

        #[derive(Default)]
        struct Acc {
            sums: Sums,
            as_source: u64,
            names: BTreeMap<String, u64>,
        }
        let mut by_code: BTreeMap<String, Acc> = BTreeMap::new();
        let mut st = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let mut rows = st
            .query(rusqlite::params_from_iter(values.iter()))
            .map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let get_err = |e| self.err(e);
            if dated {
                let date: Option<String> = r.get(3).map_err(get_err)?;
                let published: Option<String> = r.get(4).map_err(get_err)?;
                match placed_day(date.as_deref(), published.as_deref()) {
                    Some(day) if range.contains(day) => {}
                    _ => continue,
                }
            }
            let code: String = r.get(0).map_err(get_err)?;
            let name: Option<String> = r.get(1).map_err(get_err)?;
            let as_source: i64 = r.get(2).map_err(get_err)?;
            let n = r.get::<_, i64>(5).map_err(get_err)? as u64;
            let acc = by_code.entry(code).or_default();
            acc.sums.n += n;
            acc.sums.gsum += r.get::<_, f64>(6).map_err(get_err)?;
            acc.sums.gn += r.get::<_, i64>(7).map_err(get_err)? as u64;
            if as_source == 1 {
                acc.as_source += n;
            }
            if let Some(name) = name {
                *acc.names.entry(name).or_default() += n;
            }
        }
        let mut list: Vec<Counterpart> = by_code
            .into_iter()
            .map(|(code, acc)| {
                // The most frequent name; the first in sort order among equals.
                let name = acc
                    .names
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(n, _)| n.clone());
                Counterpart {
                    code,
                    name,
                    events: acc.sums.n,
                    as_source: acc.as_source,
                    as_target: acc.sums.n - acc.as_source,
                    goldstein_mean: acc.sums.mean(),
                }
            })
            .collect();
        list.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.code.cmp(&b.code)));
        if limit > 0 {
            list.truncate(limit);
        }
        Ok(list)
    }

    /// Quotes per period by a speaker: quotes whose speaker's canonical name or words contain
    /// `speaker` (ASCII case ignored, as [`crate::QuoteFilter`]), dated by their article's
    /// publication date; `goldstein_mean` is always `None`. Periods with no quotes are left
    /// out; undated articles are not counted.
    pub fn speaker_timeline(
        &self,
        speaker: &str,
        bucket: Bucket,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<TimelinePoint>, StoreError> {
        let speaker = speaker.trim();
        if speaker.is_empty() {
            return Err(invalid("speaker", "give a name or part of one".into()));
        }
        let range = DayRange::new(from, to)?;
        let pat = like_contains(speaker);
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT a.published, COUNT(*) FROM quotes q \
                 CROSS JOIN articles a INDEXED BY articles_by_id ON a.id = q.article_id \
                 WHERE (q.speaker_name LIKE ?1 ESCAPE '\\' OR q.speaker_text LIKE ?1 ESCAPE '\\') \
                 GROUP BY a.published",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = st.query([pat]).map_err(|e| self.err(e))?;
        let mut buckets: BTreeMap<String, u64> = BTreeMap::new();
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let published: Option<String> = r.get(0).map_err(|e| self.err(e))?;
            let Some(day) = published.as_deref().and_then(parse_day) else {
                continue;
            };
            if !range.contains(day) {
                continue;
            }
            *buckets.entry(bucket.label(day)).or_default() +=
                r.get::<_, i64>(1).map_err(|e| self.err(e))? as u64;
        }
        Ok(buckets
            .into_iter()
            .map(|(period, events)| TimelinePoint {
                period,
                events,
                goldstein_mean: None,
            })
            .collect())
    }
}

/// Counts and Goldstein sums of a group of events.
#[derive(Debug, Default, Clone, Copy)]
struct Sums {
    n: u64,
    gsum: f64,
    gn: u64,
}

impl Sums {
    fn mean(&self) -> Option<f64> {
        (self.gn > 0).then(|| self.gsum / self.gn as f64)
    }
}

// ---------------------------------------------------------------- parameter checks

/// A [`StoreError::InvalidQuery`].
pub(crate) fn invalid(field: &'static str, message: String) -> StoreError {
    StoreError::InvalidQuery { field, message }
}

/// An actor code or code prefix: ASCII letters and digits, upper-cased.
pub(crate) fn check_actor(field: &'static str, s: &str) -> Result<String, StoreError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(invalid(
            field,
            "give an actor code or its start (RUS, RUSGOV)".into(),
        ));
    }
    if !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(invalid(
            field,
            format!("`{s}` is not a CAMEO actor code: use letters and digits (RUS, RUSGOV)"),
        ));
    }
    Ok(s.to_ascii_uppercase())
}

/// A three-letter country code, upper-cased.
pub(crate) fn check_country(s: &str) -> Result<String, StoreError> {
    let s = s.trim();
    if s.len() != 3 || !s.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(invalid(
            "country",
            format!("`{s}` is not a three-letter country code (RUS, UKR, USA)"),
        ));
    }
    Ok(s.to_ascii_uppercase())
}

/// A CAMEO event code or prefix: 1 to 4 digits.
pub(crate) fn check_cameo(s: &str) -> Result<String, StoreError> {
    let s = s.trim();
    if (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(s.to_string())
    } else {
        Err(invalid(
            "cameo",
            format!("`{s}` is not a CAMEO event code or prefix (1 to 4 digits, e.g. 04 or 036)"),
        ))
    }
}

/// The event modalities, as stored.
pub const MODALITIES: [&str; 6] = [
    "asserted",
    "planned",
    "hypothetical",
    "negated",
    "reported",
    "uncertain",
];

/// A modality name, lower-cased.
pub(crate) fn check_modality(s: &str) -> Result<String, StoreError> {
    let m = s.trim().to_ascii_lowercase();
    if MODALITIES.contains(&m.as_str()) {
        Ok(m)
    } else {
        Err(invalid(
            "modality",
            format!(
                "`{s}` is not a modality: use one of {}",
                MODALITIES.join(", ")
            ),
        ))
    }
}

/// A date or date prefix: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a real month and day.
pub(crate) fn check_date(field: &'static str, s: &str) -> Result<String, StoreError> {
    let s = s.trim();
    let bad = || {
        invalid(
            field,
            format!("`{s}` is not a date: use YYYY-MM-DD, or YYYY-MM or YYYY for a whole period"),
        )
    };
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 if digits(0..4) => Ok(s.to_string()),
        7 if digits(0..4) && b[4] == b'-' && digits(5..7) => {
            let m: u32 = s[5..7].parse().map_err(|_| bad())?;
            if (1..=12).contains(&m) {
                Ok(s.to_string())
            } else {
                Err(bad())
            }
        }
        10 => parse_day(s).map(|_| s.to_string()).ok_or_else(bad),
        _ => Err(bad()),
    }
}

/// Checked `from`/`to` bounds (prefixes allowed), with `from` not after `to`.
pub(crate) fn check_range(
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(Option<String>, Option<String>), StoreError> {
    let from = from.map(|f| check_date("from", f)).transpose()?;
    let to = to.map(|t| check_date("to", t)).transpose()?;
    if let (Some(f), Some(t)) = (&from, &to) {
        // The first day of `from` after the last day of `to`.
        if f.as_str() > format!("{t}\u{10FFFF}").as_str() {
            return Err(invalid(
                "from",
                format!("`{f}` is after `to` (`{t}`): nothing can match"),
            ));
        }
    }
    Ok((from, to))
}

/// A `LIKE … ESCAPE '\'` pattern: contains `s`.
pub(crate) fn like_contains(s: &str) -> String {
    format!(
        "%{}%",
        s.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

/// `column` starts with `prefix`, as a range (so that the column's index can serve it).
pub(crate) fn prefix_sql(column: &str, prefix: &str, values: &mut Vec<Value>) -> String {
    values.push(Value::Text(prefix.to_string()));
    values.push(Value::Text(format!("{prefix}\u{10FFFF}")));
    format!("({column} >= ? AND {column} < ?)")
}

/// Inclusive day bounds from checked date prefixes.
#[derive(Debug, Clone)]
struct DayRange {
    from: Option<String>,
    /// `to` with the sentinel appended, so a prefix covers its whole period.
    to: Option<String>,
}

impl DayRange {
    fn new(from: Option<&str>, to: Option<&str>) -> Result<DayRange, StoreError> {
        let (from, to) = check_range(from, to)?;
        Ok(DayRange {
            from,
            to: to.map(|t| format!("{t}\u{10FFFF}")),
        })
    }

    fn is_bounded(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    fn contains(&self, day: i64) -> bool {
        if !self.is_bounded() {
            return true;
        }
        let s = Bucket::Day.label(day);
        let after_from = match &self.from {
            Some(f) => s.as_str() >= f.as_str(),
            None => true,
        };
        let before_to = match &self.to {
            Some(t) => s.as_str() <= t.as_str(),
            None => true,
        };
        after_from && before_to
    }
}

// ---------------------------------------------------------------- calendar maths

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number (inverse of [`days_from_civil`]).
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Day of the week, Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday).
fn weekday(day: i64) -> i64 {
    (day + 3).rem_euclid(7)
}

/// The ISO 8601 week-numbering year and week of a day: the week (Monday to Sunday) belongs
/// to the year of its Thursday.
pub(crate) fn iso_week(day: i64) -> (i64, u32) {
    let thursday = day - weekday(day) + 3;
    let (year, _, _) = civil_from_days(thursday);
    let week = (thursday - days_from_civil(year, 1, 1)) / 7 + 1;
    (year, week as u32)
}

/// The Monday of ISO week `week` of `year`, when the week exists.
fn iso_week_monday(year: i64, week: u32) -> Option<i64> {
    let jan4 = days_from_civil(year, 1, 4);
    let monday = jan4 - weekday(jan4) + i64::from(week.checked_sub(1)?) * 7;
    (week >= 1 && iso_week(monday) == (year, week)).then_some(monday)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// The day number of a `YYYY-MM-DD` string (exactly; a real date), else `None`.
pub(crate) fn parse_day(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = s.get(0..4)?.parse().ok()?;
    let m: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    if !b[0..4].iter().all(u8::is_ascii_digit) || !(1..=12).contains(&m) {
        return None;
    }
    (1..=days_in_month(y, m))
        .contains(&d)
        .then(|| days_from_civil(y, m, d))
}

/// The day an event is placed on in a timeline (see the module documentation), from its own
/// TIMEX3 date and its article's publication date.
pub(crate) fn placed_day(date: Option<&str>, published: Option<&str>) -> Option<i64> {
    let published = published.and_then(parse_day);
    let Some(d) = date else { return published };
    // A day, also with a time: 2025-03-04, 2025-03-04T10:00.
    if let Some(day) = d.get(..10).and_then(parse_day) {
        return Some(day);
    }
    let b = d.as_bytes();
    let year: Option<i64> = d
        .get(..4)
        .filter(|y| y.bytes().all(|c| c.is_ascii_digit()))
        .and_then(|y| y.parse().ok());
    let period = match (year, b.get(4), b.get(5)) {
        // A month: 2025-03.
        (Some(y), Some(b'-'), Some(_)) if b.len() == 7 => d[5..7]
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=12).contains(m))
            .map(|m| {
                let first = days_from_civil(y, m, 1);
                (first, first + i64::from(days_in_month(y, m)) - 1)
            }),
        // An ISO week: 2025-W11 (also 2025-W11-WE, the weekend).
        (Some(y), Some(b'-'), Some(b'W')) => d
            .get(6..8)
            .and_then(|w| w.parse::<u32>().ok())
            .and_then(|w| iso_week_monday(y, w))
            .map(|mon| (mon, mon + 6)),
        _ => None,
    };
    match period {
        Some((first, last)) => match published {
            Some(p) if (first..=last).contains(&p) => Some(p),
            _ => Some(first),
        },
        None => published,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> i64 {
        parse_day(s).unwrap()
    }

    #[test]
    fn civil_days_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for z in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(parse_day("2024-02-29"), Some(days_from_civil(2024, 2, 29)));
        assert_eq!(parse_day("2025-02-29"), None);
        assert_eq!(parse_day("2025-13-01"), None);
        assert_eq!(parse_day("2025-1-011"), None);
    }

    #[test]
    fn iso_weeks_across_year_boundaries() {
        let label = |s: &str| Bucket::Week.label(day(s));
        // 2024-12-30 is the Monday of 2025's first week.
        assert_eq!(label("2024-12-29"), "2024-W52");
        assert_eq!(label("2024-12-30"), "2025-W01");
        assert_eq!(label("2025-01-05"), "2025-W01");
        assert_eq!(label("2025-01-06"), "2025-W02");
        // 2020 has 53 weeks; 2021-01-03 (a Sunday) is still in its last.
        assert_eq!(label("2020-12-31"), "2020-W53");
        assert_eq!(label("2021-01-03"), "2020-W53");
        assert_eq!(label("2021-01-04"), "2021-W01");
        // 2027-01-01 is a Friday: it belongs to 2026-W53.
        assert_eq!(label("2027-01-01"), "2026-W53");
        assert_eq!(label("2025-02-26"), "2025-W09");
        assert_eq!(iso_week_monday(2025, 1), Some(day("2024-12-30")));
        assert_eq!(iso_week_monday(2020, 53), Some(day("2020-12-28")));
        assert_eq!(iso_week_monday(2025, 53), None, "2025 has 52 weeks");
        assert_eq!(iso_week_monday(2025, 0), None);
        assert_eq!(Bucket::Month.label(day("2025-02-26")), "2025-02");
        assert_eq!(Bucket::Day.label(day("2025-02-26")), "2025-02-26");
    }

    #[test]
    fn events_are_placed_on_one_day() {
        let p = |d: Option<&str>, pb: Option<&str>| placed_day(d, pb).map(|x| Bucket::Day.label(x));
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            p(Some("2025-03-04"), Some("2025-03-06")),
            some("2025-03-04")
        );
        assert_eq!(p(Some("2025-03-04T10:00"), None), some("2025-03-04"));
        // A week holding the publication date: that date; else the week's Monday.
        assert_eq!(p(Some("2025-W10"), Some("2025-03-06")), some("2025-03-06"));
        assert_eq!(p(Some("2025-W09"), Some("2025-03-06")), some("2025-02-24"));
        assert_eq!(p(Some("2025-W01"), None), some("2024-12-30"));
        // A month likewise.
        assert_eq!(p(Some("2025-03"), Some("2025-03-06")), some("2025-03-06"));
        assert_eq!(p(Some("2025-02"), Some("2025-03-06")), some("2025-02-01"));
        // Years and references fall back to the publication date.
        assert_eq!(p(Some("2025"), Some("2025-03-06")), some("2025-03-06"));
        assert_eq!(p(Some("PAST_REF"), Some("2025-03-06")), some("2025-03-06"));
        assert_eq!(p(Some("2025-Q1"), Some("2025-03-06")), some("2025-03-06"));
        assert_eq!(p(None, Some("2025-03-06")), some("2025-03-06"));
        assert_eq!(p(None, None), None);
        assert_eq!(p(Some("2025"), None), None);
        assert_eq!(p(Some("2025-W60"), Some("2025-03-06")), some("2025-03-06"));
    }

    #[test]
    fn parameters_are_checked() {
        assert_eq!(check_date("from", "2025").unwrap(), "2025");
        assert_eq!(check_date("from", "2025-02").unwrap(), "2025-02");
        assert_eq!(check_date("from", " 2025-02-28 ").unwrap(), "2025-02-28");
        for bad in [
            "2025-13",
            "2025-02-30",
            "25-02-01",
            "yesterday",
            "",
            "2025/02/01",
        ] {
            let e = check_date("from", bad).unwrap_err().to_string();
            assert!(e.starts_with("invalid from: "), "{e}");
        }
        assert!(check_range(Some("2025-03"), Some("2025-02")).is_err());
        assert!(check_range(Some("2025-02-10"), Some("2025-02")).is_ok());
        assert!(check_range(Some("2025-02"), Some("2025-02")).is_ok());
        assert_eq!(check_actor("actor", " rusgov ").unwrap(), "RUSGOV");
        assert!(check_actor("actor", "").is_err());
        assert!(check_actor("actor", "RUS GOV").is_err());
        assert_eq!(check_country("ukr").unwrap(), "UKR");
        assert!(check_country("UKRGOV").is_err());
        assert!(check_cameo("0361").is_ok() && check_cameo("04a").is_err());
        assert_eq!(check_modality("Asserted").unwrap(), "asserted");
        let e = check_modality("maybe").unwrap_err().to_string();
        assert!(e.contains("maybe") && e.contains("hypothetical"), "{e}");
        assert_eq!("Week".parse::<Bucket>().unwrap(), Bucket::Week);
        assert!("fortnight".parse::<Bucket>().is_err());
    }
}
