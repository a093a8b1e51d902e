//! Resolving calendar expressions against the publication date: weekdays, months and holidays
//! read by tense, holiday dates, periods and sub-periods.
use jiff::civil::Date;

use crate::lexicon::HolidayRule;
use crate::value::{add_days, add_months, date, monday_of, weekday, Mod, Part, Season, Value};

/// Which way a bare weekday, month or holiday points, read from its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// A past-tense clause: the latest occurrence on or before the publication date.
    Past,
    /// A future clause: the earliest occurrence on or after it.
    Future,
    /// No cue: news defaults (weekdays: past or today; months and dates: the publication year).
    Unmarked,
}

/// A refinement of a day: a time of day or a part of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refine {
    None,
    Time(u8, u8, Option<u8>),
    Part(Part),
}

/// A calendar expression whose value depends on the tense of its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// A bare weekday ("on Tuesday").
    Weekday(u8),
    /// "this Monday": the coming one, or the past one in a past clause.
    ThisWeekday(u8),
    /// A month and day without a year, with an optional weekday ("Fri, Jul 18").
    MonthDay(u8, u8, Option<u8>),
    /// A bare month ("in March").
    Month(u8),
    /// A day of the month alone ("on the 15th"), with an optional weekday ("Thu 15th").
    DayOfMonth(u8, Option<u8>),
    /// A holiday without a year.
    Holiday(HolidayRule),
    /// A season without a year ("in the summer").
    Season(Season),
    /// "the weekend".
    Weekend,
    /// "overnight".
    Overnight,
}

/// The date of a holiday in year `y`.
pub(crate) fn holiday_date(rule: HolidayRule, y: i32) -> Option<Date> {
    match rule {
        HolidayRule::Fixed(m, d) => date(y, m as i32, d as i32),
        HolidayRule::Easter(off) => add_days(easter(y)?, off as i64),
        HolidayRule::Orthodox(off) => add_days(orthodox_easter(y)?, off as i64),
        HolidayRule::Nth { n, wd, m, plus } => {
            let first = date(y, m as i32, 1)?;
            let d = first.nth_weekday_of_month(n, weekday(wd as u8)).ok()?;
            add_days(d, plus as i64)
        }
    }
}

/// Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm.
pub(crate) fn easter(y: i32) -> Option<Date> {
    if !(1583..=9999).contains(&y) {
        return None;
    }
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(y, month, day)
}

/// Orthodox Easter Sunday (Julian computus, converted to the Gregorian calendar; 1900–2099).
pub(crate) fn orthodox_easter(y: i32) -> Option<Date> {
    if !(1900..=2099).contains(&y) {
        return None;
    }
    let a = y % 4;
    let b = y % 7;
    let c = y % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    add_days(date(y, month, day)?, 13)
}

/// The latest `wd` on or before `d` (`strict`: before).
pub(crate) fn wd_on_or_before(d: Date, wd: u8, strict: bool) -> Option<Date> {
    let cur = d.weekday().to_monday_one_offset() as i64;
    let mut back = (cur - wd as i64).rem_euclid(7);
    if strict && back == 0 {
        back = 7;
    }
    add_days(d, -back)
}

/// The earliest `wd` on or after `d` (`strict`: after).
pub(crate) fn wd_on_or_after(d: Date, wd: u8, strict: bool) -> Option<Date> {
    let cur = d.weekday().to_monday_one_offset() as i64;
    let mut fwd = (wd as i64 - cur).rem_euclid(7);
    if strict && fwd == 0 {
        fwd = 7;
    }
    add_days(d, fwd)
}

/// The weekday `wd` of the ISO week of `d`.
pub(crate) fn wd_in_week(d: Date, wd: u8) -> Option<Date> {
    add_days(monday_of(d), wd as i64 - 1)
}

fn ym(d: Date) -> (i32, i32) {
    (d.year() as i32, d.month() as i32)
}

/// Resolves an anchor against the reference date, or writes it underspecified without one.
pub(crate) fn resolve_anchor(a: Anchor, rf: Option<Date>, dir: Dir) -> Option<Value> {
    let Some(rf) = rf else {
        return Some(Value::Under(match a {
            Anchor::Weekday(wd) | Anchor::ThisWeekday(wd) => format!("XXXX-WXX-{wd}"),
            Anchor::MonthDay(m, d, _) => format!("XXXX-{m:02}-{d:02}"),
            Anchor::Month(m) => format!("XXXX-{m:02}"),
            Anchor::DayOfMonth(d, _) => format!("XXXX-XX-{d:02}"),
            Anchor::Holiday(HolidayRule::Fixed(m, d)) => format!("XXXX-{m:02}-{d:02}"),
            Anchor::Holiday(_) => "XXXX-XX-XX".to_string(),
            Anchor::Season(s) => format!("XXXX-{}", s.code()),
            Anchor::Weekend => "XXXX-WXX-WE".to_string(),
            Anchor::Overnight => "XXXX-XX-XXTNI".to_string(),
        }));
    };
    let (y0, m0) = ym(rf);
    Some(match a {
        Anchor::Weekday(wd) => Value::Day(match dir {
            Dir::Future => wd_on_or_after(rf, wd, false)?,
            _ => wd_on_or_before(rf, wd, false)?,
        }),
        Anchor::ThisWeekday(wd) => Value::Day(match dir {
            Dir::Past => wd_on_or_before(rf, wd, false)?,
            _ => wd_on_or_after(rf, wd, false)?,
        }),
        Anchor::MonthDay(m, d, wd) => Value::Day(month_day(rf, m, d, wd, dir)?),
        Anchor::Month(m) => {
            let m = m as i32;
            let y = match dir {
                Dir::Unmarked => y0,
                Dir::Past => {
                    if m <= m0 {
                        y0
                    } else {
                        y0 - 1
                    }
                }
                Dir::Future => {
                    if m >= m0 {
                        y0
                    } else {
                        y0 + 1
                    }
                }
            };
            Value::Month(y, m as i8)
        }
        Anchor::DayOfMonth(d, wd) => Value::Day(day_of_month(rf, d, wd, dir)?),
        Anchor::Holiday(rule) => {
            let h = holiday_date(rule, y0)?;
            Value::Day(match dir {
                Dir::Unmarked => nearest_holiday(rule, rf)?,
                Dir::Past if h <= rf => h,
                Dir::Past => holiday_date(rule, y0 - 1)?,
                Dir::Future if h >= rf => h,
                Dir::Future => holiday_date(rule, y0 + 1)?,
            })
        }
        Anchor::Season(s) => {
            let (y, s) = season_occurrence(rf, s, dir)?;
            Value::Season(y, s)
        }
        Anchor::Weekend => {
            let mon = monday_of(rf);
            let wd = rf.weekday().to_monday_one_offset();
            match dir {
                Dir::Future => Value::Weekend(mon),
                _ if wd >= 6 => Value::Weekend(mon),
                _ => Value::Weekend(add_days(mon, -7)?),
            }
        }
        Anchor::Overnight => match dir {
            Dir::Future => Value::DayPart(rf, Part::Night),
            _ => Value::DayPart(add_days(rf, -1)?, Part::Night),
        },
    })
}

/// The occurrence of a holiday nearest to `rf` (a later one on a tie).
pub(crate) fn nearest_holiday(rule: HolidayRule, rf: Date) -> Option<Date> {
    let y0 = rf.year() as i32;
    (y0 - 1..=y0 + 1)
        .filter_map(|y| holiday_date(rule, y))
        .min_by_key(|d| {
            let days = rf
                .until(*d)
                .map(|s| s.get_days() as i64)
                .unwrap_or(i64::MAX);
            (days.abs(), days < 0)
        })
}

/// A month and day without a year: in the publication year (unmarked), the latest one on or
/// before the publication date (past), or the earliest on or after it (future). With a
/// weekday, the nearest year in that direction where the date falls on it.
fn month_day(rf: Date, m: u8, d: u8, wd: Option<u8>, dir: Dir) -> Option<Date> {
    let y0 = rf.year() as i32;
    let (m, d) = (m as i32, d as i32);
    let base_year = match dir {
        Dir::Unmarked => y0,
        Dir::Past => match date(y0, m, d) {
            Some(x) if x <= rf => y0,
            _ => y0 - 1,
        },
        Dir::Future => match date(y0, m, d) {
            Some(x) if x >= rf => y0,
            _ => y0 + 1,
        },
    };
    let fits = |y: i32| -> Option<Date> {
        let x = date(y, m, d)?;
        match wd {
            Some(w) if x.weekday().to_monday_one_offset() as u8 != w => None,
            _ => Some(x),
        }
    };
    let order: Vec<i32> = match dir {
        Dir::Past => (0..29).map(|k| base_year - k).collect(),
        Dir::Future => (0..29).map(|k| base_year + k).collect(),
        Dir::Unmarked => (0..29)
            .flat_map(|k| [base_year + k, base_year - k - 1])
            .collect(),
    };
    order.into_iter().find_map(fits)
}

/// A day of the month alone: the latest on or before the publication date (past) or the
/// earliest on or after it (otherwise), optionally on a given weekday.
fn day_of_month(rf: Date, d: u8, wd: Option<u8>, dir: Dir) -> Option<Date> {
    let first = rf.first_of_month();
    for k in 0..48i64 {
        let step = if dir == Dir::Past { -k } else { k };
        let mstart = add_months(first, step)?;
        let Some(x) = date(mstart.year() as i32, mstart.month() as i32, d as i32) else {
            continue;
        };
        if wd.is_some_and(|w| x.weekday().to_monday_one_offset() as u8 != w) {
            continue;
        }
        let ok = if dir == Dir::Past { x <= rf } else { x >= rf };
        if ok {
            return Some(x);
        }
    }
    None
}

/// The occurrence of season `s` that a clause means: unmarked — the nearest one; past — the
/// latest that has started by the publication date; future — the earliest that has not ended.
pub(crate) fn season_occurrence(rf: Date, s: Season, dir: Dir) -> Option<(i32, Season)> {
    let (cy, cs) = Season::of(rf);
    let cur = Season::linear(cy, cs);
    // candidates: occurrences of s within a year either side
    let mut cands: Vec<i32> = (cur - 4..=cur + 4)
        .filter(|l| Season::from_linear(*l).1 == s)
        .collect();
    cands.sort();
    let pick = match dir {
        Dir::Past => cands.iter().rev().find(|l| **l <= cur).copied(),
        Dir::Future => cands.iter().find(|l| **l >= cur).copied(),
        Dir::Unmarked => cands
            .iter()
            .min_by_key(|l| ((**l - cur).abs(), **l < cur))
            .copied(),
    }?;
    Some(Season::from_linear(pick))
}

/// The start of the sub-period a modifier picks ("late March" from 21 March, "the end of the
/// year" from September, "the beginning of the week" from Monday): the `begin` point given with
/// a modified value.
pub(crate) fn sub_period_start(v: &Value, m: Mod) -> Option<Value> {
    Some(match (v, m) {
        (Value::Month(y, mo), _) => {
            let day = match m {
                Mod::Start | Mod::Approx => 1,
                Mod::Mid => 11,
                Mod::End => 21,
            };
            Value::Day(date(*y, *mo as i32, day)?)
        }
        (Value::Year(y), _) => Value::Month(
            *y,
            match m {
                Mod::Start | Mod::Approx => 1,
                Mod::Mid => 5,
                Mod::End => 9,
            },
        ),
        (Value::Week(mon), _) => Value::Day(add_days(
            *mon,
            match m {
                Mod::Start | Mod::Approx => 0,
                Mod::Mid => 2,
                Mod::End => 4,
            },
        )?),
        (Value::Decade(d), _) => Value::Year(
            d * 10
                + match m {
                    Mod::Start | Mod::Approx => 0,
                    Mod::Mid => 4,
                    Mod::End => 7,
                },
        ),
        (Value::DayPart(d, p), Mod::End) => {
            let h = match p {
                Part::Morning => 9,
                Part::Afternoon => 16,
                Part::Evening | Part::Night => 21,
            };
            Value::Time(*d, h, 0, None)
        }
        (Value::Day(d), Mod::End) => Value::Time(*d, 21, 0, None),
        _ => return None,
    })
}

/// The first day and the day after the last of a value's period, for values that are periods.
pub(crate) fn period_bounds(v: &Value) -> Option<(Date, Date)> {
    Some(match v {
        Value::Day(d) => (*d, add_days(*d, 1)?),
        Value::Week(m) => (*m, add_days(*m, 7)?),
        Value::Month(y, m) => {
            let s = date(*y, *m as i32, 1)?;
            (s, add_months(s, 1)?)
        }
        Value::Quarter(y, q) => {
            let s = date(*y, (*q as i32 - 1) * 3 + 1, 1)?;
            (s, add_months(s, 3)?)
        }
        Value::Half(y, h) => {
            let s = date(*y, (*h as i32 - 1) * 6 + 1, 1)?;
            (s, add_months(s, 6)?)
        }
        Value::Year(y) => (date(*y, 1, 1)?, date(*y + 1, 1, 1)?),
        Value::Season(y, s) => {
            let st = Season::start(*y, *s)?;
            let (ny, ns) = Season::from_linear(Season::linear(*y, *s) + 1);
            (st, Season::start(ny, ns)?)
        }
        _ => return None,
    })
}

/// Applies a time or part of day to a day-level value.
pub(crate) fn refine(v: Value, r: Refine) -> Value {
    match (v, r) {
        (v, Refine::None) => v,
        (Value::Day(d), Refine::Time(h, m, s)) => Value::Time(d, h, m, s),
        (Value::Day(d), Refine::Part(p)) => Value::DayPart(d, p),
        (Value::DayPart(d, _), Refine::Time(h, m, s)) => Value::Time(d, h, m, s),
        (Value::Under(u), Refine::Time(h, m, _)) if !u.contains('T') && day_level_under(&u) => {
            Value::Under(format!("{u}T{h:02}:{m:02}"))
        }
        (Value::Under(u), Refine::Part(p)) if !u.contains('T') && day_level_under(&u) => {
            Value::Under(format!("{u}T{}", p.code()))
        }
        (v, _) => v,
    }
}

fn day_level_under(u: &str) -> bool {
    u.len() == 10 || (u.contains("-W") && u.len() == 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: i32, dd: i32) -> Date {
        date(y, m, dd).unwrap()
    }

    #[test]
    fn easter_dates() {
        assert_eq!(easter(2013), Some(d(2013, 3, 31)));
        assert_eq!(easter(2010), Some(d(2010, 4, 4)));
        assert_eq!(easter(2025), Some(d(2025, 4, 20)));
        assert_eq!(orthodox_easter(2018), Some(d(2018, 4, 8)));
        assert_eq!(orthodox_easter(2020), Some(d(2020, 4, 19)));
    }

    #[test]
    fn weekdays_by_tense() {
        let wed = d(2025, 2, 26);
        let r = |a, dir| resolve_anchor(a, Some(wed), dir).unwrap().format();
        assert_eq!(r(Anchor::Weekday(3), Dir::Past), "2025-02-26");
        assert_eq!(r(Anchor::Weekday(2), Dir::Past), "2025-02-25");
        assert_eq!(r(Anchor::Weekday(5), Dir::Future), "2025-02-28");
        assert_eq!(r(Anchor::Weekday(5), Dir::Unmarked), "2025-02-21");
        assert_eq!(r(Anchor::Month(3), Dir::Past), "2024-03");
        assert_eq!(r(Anchor::Month(3), Dir::Unmarked), "2025-03");
        assert_eq!(r(Anchor::MonthDay(12, 20, None), Dir::Past), "2024-12-20");
        assert_eq!(r(Anchor::MonthDay(1, 5, None), Dir::Future), "2026-01-05");
        assert_eq!(
            resolve_anchor(Anchor::Weekday(2), None, Dir::Past)
                .unwrap()
                .format(),
            "XXXX-WXX-2"
        );
    }

    #[test]
    fn holidays() {
        let r = |s: HolidayRule, y| holiday_date(s, y).unwrap();
        assert_eq!(
            r(
                HolidayRule::Nth {
                    n: 4,
                    wd: 4,
                    m: 11,
                    plus: 0
                },
                2013
            ),
            d(2013, 11, 28)
        );
        assert_eq!(r(HolidayRule::Easter(-47), 2013), d(2013, 2, 12));
    }
}
