//! TIMEX3 values: the resolved forms, their formatting, and the validator.
use jiff::civil::{Date, Weekday};

/// A unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Weekend,
    Week,
    Fortnight,
    Month,
    Season,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    pub fn from_code(s: &str) -> Option<Unit> {
        Some(match s {
            "S" => Unit::Second,
            "MIN" => Unit::Minute,
            "H" => Unit::Hour,
            "D" => Unit::Day,
            "W" => Unit::Week,
            "F" => Unit::Fortnight,
            "WE" => Unit::Weekend,
            "M" => Unit::Month,
            "Q" => Unit::Quarter,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            "SEASON" => Unit::Season,
            _ => return None,
        })
    }

    /// True for units shorter than a day.
    pub fn is_clock(self) -> bool {
        matches!(self, Unit::Second | Unit::Minute | Unit::Hour)
    }
}

/// A season (TIMEX3 codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    pub fn from_code(s: &str) -> Option<Season> {
        Some(match s {
            "SP" => Season::Spring,
            "SU" => Season::Summer,
            "FA" => Season::Fall,
            "WI" => Season::Winter,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    /// 0 spring … 3 winter.
    pub fn index(self) -> i32 {
        match self {
            Season::Spring => 0,
            Season::Summer => 1,
            Season::Fall => 2,
            Season::Winter => 3,
        }
    }

    pub fn from_index(i: i32) -> Season {
        match i.rem_euclid(4) {
            0 => Season::Spring,
            1 => Season::Summer,
            2 => Season::Fall,
            _ => Season::Winter,
        }
    }

    /// The season a date lies in, with its TIMEX3 year. Astronomical boundaries (approximate,
    /// fixed): spring from 20 March, summer from 21 June, fall from 23 September, winter from
    /// 21 December. A winter is named by the year it starts in (December).
    pub fn of(d: Date) -> (i32, Season) {
        let md = d.month() as i32 * 100 + d.day() as i32;
        let y = d.year() as i32;
        if md < 320 {
            (y - 1, Season::Winter)
        } else if md < 621 {
            (y, Season::Spring)
        } else if md < 923 {
            (y, Season::Summer)
        } else if md < 1221 {
            (y, Season::Fall)
        } else {
            (y, Season::Winter)
        }
    }

    /// Linear index of a (year, season) pair, for stepping through seasons.
    pub fn linear(y: i32, s: Season) -> i32 {
        y * 4 + s.index()
    }

    pub fn from_linear(l: i32) -> (i32, Season) {
        (l.div_euclid(4), Season::from_index(l.rem_euclid(4)))
    }

    /// First day of the season named (y, s).
    pub fn start(y: i32, s: Season) -> Option<Date> {
        let (m, d) = match s {
            Season::Spring => (3, 20),
            Season::Summer => (6, 21),
            Season::Fall => (9, 23),
            Season::Winter => (12, 21),
        };
        Date::new(y as i16, m, d).ok()
    }
}

/// A part of the day (TIMEX3 codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Part {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl Part {
    pub fn from_code(s: &str) -> Option<Part> {
        Some(match s {
            "MO" => Part::Morning,
            "AF" => Part::Afternoon,
            "EV" => Part::Evening,
            "NI" => Part::Night,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Part::Morning => "MO",
            Part::Afternoon => "AF",
            Part::Evening => "EV",
            Part::Night => "NI",
        }
    }
}

/// A TIMEX3 `mod`: where in a period, or how a value relates to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mod {
    /// The start of the period ("early March").
    Start,
    /// The middle ("mid-2024").
    Mid,
    /// The end ("late last year").
    End,
    /// Approximately ("about three weeks").
    Approx,
}

impl Mod {
    pub(crate) fn from_code(s: &str) -> Option<Mod> {
        Some(match s {
            "START" => Mod::Start,
            "MID" => Mod::Mid,
            "END" => Mod::End,
            "APPROX" => Mod::Approx,
            _ => return None,
        })
    }

    /// The TIMEX3 spelling (`START`, `MID`, `END`, `APPROX`).
    pub fn as_str(self) -> &'static str {
        match self {
            Mod::Start => "START",
            Mod::Mid => "MID",
            Mod::End => "END",
            Mod::Approx => "APPROX",
        }
    }
}

/// PAST_REF, PRESENT_REF, FUTURE_REF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum RefKind {
    Past,
    Present,
    Future,
}

impl RefKind {
    pub fn from_value(s: &str) -> Option<RefKind> {
        Some(match s {
            "PAST_REF" => RefKind::Past,
            "PRESENT_REF" => RefKind::Present,
            "FUTURE_REF" => RefKind::Future,
            _ => return None,
        })
    }

    pub fn value(self) -> &'static str {
        match self {
            RefKind::Past => "PAST_REF",
            RefKind::Present => "PRESENT_REF",
            RefKind::Future => "FUTURE_REF",
        }
    }
}

/// A count of units: a whole number, a whole number and a half, or unspecified (`X`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Count {
    Int(u32),
    Half(u32),
    X,
}

/// A length of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dur {
    pub n: Count,
    pub unit: Unit,
}

impl Dur {
    pub fn format(&self) -> String {
        let scale = |k: u32| -> Count {
            match self.n {
                Count::Int(n) => Count::Int(n.saturating_mul(k)),
                Count::Half(n) => {
                    // (n + 0.5) * k
                    let twice = (n.saturating_mul(2).saturating_add(1)).saturating_mul(k);
                    if twice % 2 == 0 {
                        Count::Int(twice / 2)
                    } else {
                        Count::Half(twice / 2)
                    }
                }
                Count::X => Count::X,
            }
        };
        let num = |c: Count| match c {
            Count::Int(n) => n.to_string(),
            Count::Half(n) => format!("{n}.5"),
            Count::X => "X".to_string(),
        };
        let (n, u, clock) = match self.unit {
            Unit::Second => (self.n, "S", true),
            Unit::Minute => (self.n, "M", true),
            Unit::Hour => (self.n, "H", true),
            Unit::Day => (self.n, "D", false),
            Unit::Week => (self.n, "W", false),
            Unit::Fortnight => (scale(2), "W", false),
            Unit::Weekend => (self.n, "WE", false),
            Unit::Month => (self.n, "M", false),
            Unit::Season => (scale(3), "M", false),
            Unit::Quarter => (scale(3), "M", false),
            Unit::Year => (self.n, "Y", false),
            Unit::Decade => (self.n, "DE", false),
            Unit::Century => (self.n, "CE", false),
        };
        if clock {
            format!("PT{}{u}", num(n))
        } else {
            format!("P{}{u}", num(n))
        }
    }
}

/// A resolved TIMEX3 value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    Day(Date),
    /// An ISO week, by its Monday.
    Week(Date),
    /// The weekend of an ISO week, by the week's Monday.
    Weekend(Date),
    Month(i32, i8),
    Quarter(i32, i8),
    Half(i32, i8),
    Season(i32, Season),
    Year(i32),
    /// A decade by its first three digits (199 = the 1990s).
    Decade(i32),
    /// A century by its first two digits (19 = the 1900s).
    Century(i32),
    DayPart(Date, Part),
    Time(Date, u8, u8, Option<u8>),
    Duration(Dur),
    Set(String),
    Ref(RefKind),
    /// An underspecified value written out (`XXXX-WXX-2`).
    Under(String),
}

/// A year in TIMEX3 form: four digits, or `BC` and four digits.
pub(crate) fn fmt_year(y: i32) -> String {
    if y < 0 {
        format!("BC{:04}", -y)
    } else {
        format!("{y:04}")
    }
}

pub(crate) fn fmt_date(d: Date) -> String {
    format!(
        "{}-{:02}-{:02}",
        fmt_year(d.year() as i32),
        d.month(),
        d.day()
    )
}

fn fmt_week(monday: Date) -> String {
    let iso = monday.iso_week_date();
    format!("{}-W{:02}", fmt_year(iso.year() as i32), iso.week())
}

impl Value {
    /// The TIMEX3 `value`.
    pub fn format(&self) -> String {
        match self {
            Value::Day(d) => fmt_date(*d),
            Value::Week(m) => fmt_week(*m),
            Value::Weekend(m) => format!("{}-WE", fmt_week(*m)),
            Value::Month(y, m) => format!("{}-{m:02}", fmt_year(*y)),
            Value::Quarter(y, q) => format!("{}-Q{q}", fmt_year(*y)),
            Value::Half(y, h) => format!("{}-H{h}", fmt_year(*y)),
            Value::Season(y, s) => format!("{}-{}", fmt_year(*y), s.code()),
            Value::Year(y) => fmt_year(*y),
            Value::Decade(d) => format!("{d:03}"),
            Value::Century(c) => format!("{c:02}"),
            Value::DayPart(d, p) => format!("{}T{}", fmt_date(*d), p.code()),
            Value::Time(d, h, m, s) => match s {
                Some(s) => format!("{}T{h:02}:{m:02}:{s:02}", fmt_date(*d)),
                None => format!("{}T{h:02}:{m:02}", fmt_date(*d)),
            },
            Value::Duration(dur) => dur.format(),
            Value::Set(s) => s.clone(),
            Value::Ref(r) => r.value().to_string(),
            Value::Under(s) => s.clone(),
        }
    }
}

/// Monday of the ISO week of `d`.
pub(crate) fn monday_of(d: Date) -> Date {
    let back = d.weekday().to_monday_one_offset() as i64 - 1;
    add_days(d, -back).unwrap_or(d)
}

/// `d` plus `n` days, if representable.
pub(crate) fn add_days(d: Date, n: i64) -> Option<Date> {
    if n.unsigned_abs() > 3_000_000 {
        return None;
    }
    d.checked_add(jiff::Span::new().try_days(n).ok()?).ok()
}

/// `d` plus `n` months (the day clamped to the month's end), if representable.
pub(crate) fn add_months(d: Date, n: i64) -> Option<Date> {
    if n.unsigned_abs() > 200_000 {
        return None;
    }
    d.checked_add(jiff::Span::new().try_months(n).ok()?).ok()
}

/// A date from numbers, if it exists.
pub(crate) fn date(y: i32, m: i32, d: i32) -> Option<Date> {
    if !(-9999..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Date::new(y as i16, m as i8, d as i8).ok()
}

/// ISO weekday number (Monday = 1) as a jiff weekday.
pub(crate) fn weekday(n: u8) -> Weekday {
    Weekday::from_monday_one_offset(n.clamp(1, 7) as i8).unwrap_or(Weekday::Monday)
}

/// True when `s` is a well-formed TIMEX3 `value` of the forms dateline produces:
///
/// - dates `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, ISO weeks `YYYY-Www`, `YYYY-Www-D`, weekends
///   `YYYY-Www-WE`, quarters `YYYY-Qn`, halves `YYYY-Hn`, seasons `YYYY-SP|SU|FA|WI`, decades
///   `YYY`, centuries `YY`; years may be `BC` plus four digits; any digit may be `X` for an
///   underspecified value (`XXXX-XX-XX`, `XXXX-WXX-2`);
/// - a day followed by a time: `…THH`, `…THH:MM`, `…THH:MM:SS`, or a part of day `…TMO|AF|EV|NI`
///   (`2024-11-17TMO`);
/// - durations `PnY`, `PnM`, `PnW`, `PnD`, `PnDE`, `PnCE`, `PnWE`, `PTnH`, `PTnM`, `PTnS` and
///   combinations in that order, where `n` is digits, digits with a decimal part, or `X`;
/// - `PAST_REF`, `PRESENT_REF`, `FUTURE_REF`.
///
/// Numeric fields must be in range (month 01–12, day valid for its month when the year is known,
/// week 01–53, hour 00–24, minute and second 00–59).
pub fn is_valid_timex3_value(s: &str) -> bool {
    match s {
        "PAST_REF" | "PRESENT_REF" | "FUTURE_REF" => return true,
        _ => {}
    }
    if let Some(rest) = s.strip_prefix('P') {
        return valid_duration(rest);
    }
    let (date_part, time_part) = match s.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let Some(day_level) = valid_date(date_part) else {
        return false;
    };
    match time_part {
        None => true,
        Some(t) => day_level && valid_time(t),
    }
}

fn digits_or_x(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'X')
}

fn num_in(s: &str, lo: u32, hi: u32) -> bool {
    if !digits_or_x(s) {
        return false;
    }
    if s.contains('X') {
        return true;
    }
    s.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n))
}

/// Some(true) when the date is at day level (a time may follow), Some(false) for coarser
/// valid dates, None when invalid.
fn valid_date(s: &str) -> Option<bool> {
    let (year, rest) = if let Some(r) = s.strip_prefix("BC") {
        if r.len() < 4 || !r.is_char_boundary(4) || !r[..4].bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        (&r[..4], &r[4..])
    } else if s.len() == 2 || s.len() == 3 {
        // century or decade
        return digits_or_x(s).then_some(false);
    } else {
        if s.len() < 4 || !s.is_char_boundary(4) {
            return None;
        }
        (&s[..4], &s[4..])
    };
    if !digits_or_x(year) {
        return None;
    }
    if rest.is_empty() {
        return Some(false);
    }
    let rest = rest.strip_prefix('-')?;
    if matches!(rest, "SP" | "SU" | "FA" | "WI") {
        return Some(false);
    }
    if let Some(w) = rest.strip_prefix('W') {
        let (week, tail) = match w.split_once('-') {
            Some((a, b)) => (a, Some(b)),
            None => (w, None),
        };
        if week.len() != 2 || !num_in(week, 1, 53) {
            return None;
        }
        return match tail {
            None => Some(false),
            Some("WE") => Some(false),
            Some(d) if d.len() == 1 && num_in(d, 1, 7) => Some(true),
            _ => None,
        };
    }
    if let Some(q) = rest.strip_prefix('Q') {
        return (q.len() == 1 && num_in(q, 1, 4)).then_some(false);
    }
    if let Some(h) = rest.strip_prefix('H') {
        return (h.len() == 1 && num_in(h, 1, 2)).then_some(false);
    }
    let (month, day) = match rest.split_once('-') {
        Some((a, b)) => (a, Some(b)),
        None => (rest, None),
    };
    if month.len() != 2 || !num_in(month, 1, 12) {
        return None;
    }
    let Some(day) = day else {
        return Some(false);
    };
    if day.len() != 2 || !num_in(day, 1, 31) {
        return None;
    }
    if !year.contains('X') && !month.contains('X') && !day.contains('X') {
        let y: i32 = year.parse().ok()?;
        let y = if s.starts_with("BC") { -y } else { y };
        date(y, month.parse().ok()?, day.parse().ok()?)?;
    }
    Some(true)
}

fn valid_time(t: &str) -> bool {
    if matches!(t, "MO" | "AF" | "EV" | "NI" | "DT") {
        return true;
    }
    let mut parts = t.split(':');
    let Some(h) = parts.next() else { return false };
    if h.len() != 2 || !num_in(h, 0, 24) {
        return false;
    }
    for p in parts.by_ref().take(2) {
        if p.len() != 2 || !num_in(p, 0, 59) {
            return false;
        }
    }
    parts.next().is_none()
}

fn valid_duration(s: &str) -> bool {
    let (date_part, time_part) = match s.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let date_units: &[&str] = &["Y", "M", "W", "D", "DE", "CE", "WE"];
    let time_units: &[&str] = &["H", "M", "S"];
    let mut any = false;
    if !components(date_part, date_units, &mut any) {
        return false;
    }
    if let Some(t) = time_part {
        let mut any_t = false;
        if !components(t, time_units, &mut any_t) || !any_t {
            return false;
        }
        any = true;
    }
    any
}

/// Checks a sequence of `n UNIT` components, units in the given order, each at most once.
fn components(mut s: &str, units: &[&str], any: &mut bool) -> bool {
    let mut next_unit = 0;
    while !s.is_empty() {
        let n_len = s
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'.' || *b == b'X')
            .count();
        let num = &s[..n_len];
        let valid_num = num == "X"
            || (!num.is_empty()
                && !num.contains('X')
                && !num.starts_with('.')
                && !num.ends_with('.')
                && num.matches('.').count() <= 1);
        if !valid_num {
            return false;
        }
        s = &s[n_len..];
        // longest unit first (DE before D)
        let mut found = None;
        for (i, u) in units.iter().enumerate().skip(next_unit) {
            if s.starts_with(u) && found.is_none_or(|(_, f): (usize, &str)| u.len() > f.len()) {
                found = Some((i, *u));
            }
        }
        let Some((i, u)) = found else { return false };
        s = &s[u.len()..];
        next_unit = i + 1;
        *any = true;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let d = date(2025, 2, 26).unwrap();
        assert_eq!(Value::Day(d).format(), "2025-02-26");
        assert_eq!(Value::Week(monday_of(d)).format(), "2025-W09");
        assert_eq!(Value::Weekend(monday_of(d)).format(), "2025-W09-WE");
        assert_eq!(Value::DayPart(d, Part::Morning).format(), "2025-02-26TMO");
        assert_eq!(Value::Time(d, 15, 0, None).format(), "2025-02-26T15:00");
        assert_eq!(Value::Year(-2014).format(), "BC2014");
        assert_eq!(Value::Decade(199).format(), "199");
        let dur = |n, unit| Dur { n, unit }.format();
        assert_eq!(dur(Count::Int(3), Unit::Day), "P3D");
        assert_eq!(dur(Count::Int(2), Unit::Fortnight), "P4W");
        assert_eq!(dur(Count::Half(1), Unit::Year), "P1.5Y");
        assert_eq!(dur(Count::Half(0), Unit::Hour), "PT0.5H");
        assert_eq!(dur(Count::Half(1), Unit::Quarter), "P4.5M");
        assert_eq!(dur(Count::X, Unit::Week), "PXW");
    }

    #[test]
    fn validator() {
        for ok in [
            "2025-02-26",
            "2025-W08",
            "2025-W09-3",
            "2025-W09-WE",
            "2025-02",
            "2025",
            "2025-SU",
            "2024-11-17TMO",
            "2025-02-26T15:00",
            "2025-02-26T15:00:30",
            "P2W",
            "P1.5Y",
            "PT30M",
            "P1DT2H",
            "PXY",
            "P2DE",
            "PAST_REF",
            "XXXX-XX-XX",
            "XXXX-WXX-2",
            "XXXX-02-26",
            "2025-Q1",
            "2025-H2",
            "199",
            "19",
            "BC2014",
            "XXXX-XX-XXTNI",
        ] {
            assert!(is_valid_timex3_value(ok), "{ok}");
        }
        for bad in [
            "",
            "P",
            "PT",
            "2025-13",
            "2025-02-30",
            "2025-W54",
            "2025-02T10:00",
            "20255",
            "P3",
            "PD",
            "2025-02-26T25:00",
            "P1.Y",
            "NOW",
            "2025-Q5",
            "P3DY",
        ] {
            assert!(!is_valid_timex3_value(bad), "{bad}");
        }
    }

    #[test]
    fn seasons() {
        let (y, s) = Season::of(date(2013, 2, 12).unwrap());
        assert_eq!((y, s), (2012, Season::Winter));
        assert_eq!(
            Season::of(date(2013, 7, 1).unwrap()),
            (2013, Season::Summer)
        );
        assert_eq!(
            Season::from_linear(Season::linear(2012, Season::Winter) + 1),
            (2013, Season::Spring)
        );
    }
}
