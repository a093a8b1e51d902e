//! Small date recognisers: month names, display-date lines, ISO dates and RFC 3339 datetimes.

/// Month number of a month name or abbreviation (`Feb`, `Feb.`, `february`, `Sept`).
pub(crate) fn month(word: &str) -> Option<u32> {
    let w = word.strip_suffix('.').unwrap_or(word);
    if w.len() < 3 || w.len() > 9 || !w.is_ascii() {
        return None;
    }
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = w.to_ascii_lowercase();
    for (i, name) in NAMES.iter().enumerate() {
        if *name == lower || (lower.len() == 3 && name.starts_with(&lower)) {
            return Some(i as u32 + 1);
        }
    }
    if lower == "sept" {
        return Some(9);
    }
    None
}

fn weekday(word: &str) -> bool {
    let w = word.strip_suffix('.').unwrap_or(word).to_ascii_lowercase();
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    DAYS.iter()
        .any(|d| *d == w || (w.len() >= 3 && w.len() <= 4 && d.starts_with(&w)))
}

/// A day of the month: `1`–`31`, optionally `1st`, `2nd`, `26th`.
pub(crate) fn day(word: &str) -> Option<u32> {
    let w = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[w.len()..];
    if !(suffix.is_empty()
        || ["st", "nd", "rd", "th"].contains(&suffix.to_ascii_lowercase().as_str()))
    {
        return None;
    }
    if w.is_empty() || w.len() > 2 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: u32 = w.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year(word: &str) -> bool {
    word.len() == 4
        && word.bytes().all(|b| b.is_ascii_digit())
        && (word.starts_with('1') || word.starts_with('2'))
}

fn digits(s: &[u8]) -> bool {
    !s.is_empty() && s.iter().all(u8::is_ascii_digit)
}

/// True for `YYYY-MM-DD`.
fn iso_date_shape(s: &[u8]) -> bool {
    s.len() == 10
        && digits(&s[0..4])
        && s[4] == b'-'
        && digits(&s[5..7])
        && s[7] == b'-'
        && digits(&s[8..10])
}

/// Checks `YYYY-MM-DD` is a real calendar date.
pub(crate) fn valid_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if !iso_date_shape(b) {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (
        s[0..4].parse::<u32>(),
        s[5..7].parse::<u32>(),
        s[8..10].parse::<u32>(),
    ) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// A publication timestamp split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Timestamp {
    pub date: String,
    pub time: Option<String>,
    pub timezone: Option<String>,
}

/// Parses `YYYY-MM-DD`, or an RFC 3339 datetime (`2025-02-26T14:05:00Z`,
/// `2025-02-26 14:05:00.5+01:00`); a datetime without a zone is accepted with no timezone.
pub(crate) fn parse_timestamp(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 || !valid_iso_date(s.get(..10)?) {
        return None;
    }
    let date = s[..10].to_string();
    if b.len() == 10 {
        return Some(Timestamp {
            date,
            time: None,
            timezone: None,
        });
    }
    if !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let rest = &s[11..];
    let (time, after) = parse_clock(rest)?;
    let tz = match after {
        "" => None,
        "Z" | "z" => Some("Z".to_string()),
        z => {
            let zb = z.as_bytes();
            let ok = (zb.len() == 6
                && matches!(zb[0], b'+' | b'-')
                && digits(&zb[1..3])
                && zb[3] == b':'
                && digits(&zb[4..6]))
                || (zb.len() == 5 && matches!(zb[0], b'+' | b'-') && digits(&zb[1..5]));
            if !ok {
                return None;
            }
            if zb.len() == 5 {
                Some(format!("{}:{}", &z[..3], &z[3..]))
            } else {
                Some(z.to_string())
            }
        }
    };
    Some(Timestamp {
        date,
        time: Some(time),
        timezone: tz,
    })
}

/// Parses an RFC 2822 date (RSS `pubDate`): `Tue, 04 Mar 2025 10:30:00 +0100`, leniently:
/// the weekday is optional (and not checked against the date), the day may have one digit, the
/// month may be spelled out, a two-digit year is 19xx from 50 on and 20xx below, seconds and the
/// zone are optional and a trailing `(comment)` is ignored. Zones: `±hhmm` (`-0000`, "unknown",
/// gives no zone), `GMT`/`UT`/`UTC`/`Z` (`Z`) and the US zones of RFC 822 (`EST` → `-05:00`, …);
/// another name keeps the time without a zone.
pub(crate) fn parse_rfc2822(s: &str) -> Option<Timestamp> {
    let cleaned = s.replace(',', " ");
    let mut toks: Vec<&str> = cleaned.split_whitespace().collect();
    while toks.last().is_some_and(|t| t.ends_with(')')) {
        // A trailing comment such as `(UTC)` or `(Central European Time)`.
        let open = toks.iter().rposition(|t| t.starts_with('('))?;
        toks.truncate(open);
    }
    let mut i = 0;
    if toks.first().is_some_and(|t| weekday(t)) {
        i += 1;
    }
    let d = toks.get(i).and_then(|t| {
        (t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<u32>().ok())
            .flatten()
    })?;
    let m = month(toks.get(i + 1)?)?;
    let y = toks.get(i + 2)?;
    if !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: u32 = match y.len() {
        4 => y.parse().ok()?,
        2 => {
            let v: u32 = y.parse().ok()?;
            if v >= 50 {
                1900 + v
            } else {
                2000 + v
            }
        }
        _ => return None,
    };
    let date = format!("{y:04}-{m:02}-{d:02}");
    if !valid_iso_date(&date) {
        return None;
    }
    i += 3;
    let Some(clock) = toks.get(i) else {
        return Some(Timestamp {
            date,
            time: None,
            timezone: None,
        });
    };
    // One-digit hours (`9:05:00`) are padded.
    let padded = if clock.find(':') == Some(1) {
        format!("0{clock}")
    } else {
        clock.to_string()
    };
    let (time, rest) = parse_clock(&padded)?;
    if !rest.is_empty() {
        return None;
    }
    let timezone = match toks.get(i + 1) {
        None => None,
        Some(_) if toks.len() > i + 2 => return None,
        Some(z) => {
            let zb = z.as_bytes();
            if zb.len() == 5 && matches!(zb[0], b'+' | b'-') && digits(&zb[1..5]) {
                let (hh, mm): (u32, u32) = (z[1..3].parse().ok()?, z[3..5].parse().ok()?);
                if hh > 23 || mm > 59 {
                    return None;
                }
                if *z == "-0000" {
                    None
                } else {
                    Some(format!("{}:{}", &z[..3], &z[3..]))
                }
            } else {
                match z.to_ascii_uppercase().as_str() {
                    "GMT" | "UT" | "UTC" | "Z" => Some("Z".to_string()),
                    "EST" => Some("-05:00".to_string()),
                    "EDT" => Some("-04:00".to_string()),
                    "CST" => Some("-06:00".to_string()),
                    "CDT" => Some("-05:00".to_string()),
                    "MST" => Some("-07:00".to_string()),
                    "MDT" => Some("-06:00".to_string()),
                    "PST" => Some("-08:00".to_string()),
                    "PDT" => Some("-07:00".to_string()),
                    _ if z.bytes().all(|b| b.is_ascii_alphabetic()) && z.len() <= 5 => None,
                    _ => return None,
                }
            }
        }
    };
    Some(Timestamp {
        date,
        time: Some(time),
        timezone,
    })
}

/// `HH:MM[:SS[.frac]]` at the start of `s`: the time (`HH:MM` or `HH:MM:SS`) and the rest.
pub(crate) fn parse_clock(s: &str) -> Option<(String, &str)> {
    let b = s.as_bytes();
    if b.len() < 5 || !digits(&b[0..2]) || b[2] != b':' || !digits(&b[3..5]) {
        return None;
    }
    let (h, m): (u32, u32) = (s[0..2].parse().ok()?, s[3..5].parse().ok()?);
    if h > 23 || m > 59 {
        return None;
    }
    let mut end = 5;
    if b.len() >= 8 && b[5] == b':' && digits(&b[6..8]) {
        end = 8;
    }
    let time = s[..end].to_string();
    if end == 8 && b.len() > 8 && (b[8] == b'.' || b[8] == b',') {
        end = 9;
        while end < b.len() && b[end].is_ascii_digit() {
            end += 1;
        }
    }
    Some((time, &s[end..]))
}

fn is_clock_token(t: &str) -> bool {
    let lower = t.to_ascii_lowercase();
    let core = lower
        .trim_end_matches("a.m.")
        .trim_end_matches("p.m.")
        .trim_end_matches("am")
        .trim_end_matches("pm")
        .trim_end_matches('h');
    let parts: Vec<&str> = core.split([':', '.']).collect();
    (2..=3).contains(&parts.len())
        && parts[0].len() <= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

fn is_zone_token(t: &str) -> bool {
    let t = t.trim_matches(|c| c == '(' || c == ')');
    if t.is_empty() {
        return true;
    }
    let (name, off) = match t.find(['+', '-']) {
        Some(i) => (&t[..i], &t[i + 1..]),
        None => (t, ""),
    };
    let name_ok = name.is_empty()
        || ((2..=5).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_uppercase()));
    let off_ok =
        off.is_empty() || (off.len() <= 5 && off.bytes().all(|b| b.is_ascii_digit() || b == b':'));
    name_ok && off_ok && !(name.is_empty() && off.is_empty())
}

/// True when the whole line is a date, optionally with a time: `February 26, 2025`,
/// `26 February 2025`, `Feb. 26, 2025`, `2025-02-26`, `Wednesday, 26 Feb 2025 10:30 GMT`,
/// `Updated: February 26, 2025 at 3:15 p.m. EST`.
pub(crate) fn is_date_line(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.len() > 80 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let toks: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    let mut i = 0;
    // Optional lead-in: "Published", "Updated:", "Last updated", "Posted on".
    while i < toks.len() {
        let w = toks[i].trim_end_matches(':').to_ascii_lowercase();
        if [
            "published",
            "updated",
            "last",
            "posted",
            "first",
            "on",
            "modified",
        ]
        .contains(&w.as_str())
        {
            i += 1;
        } else {
            break;
        }
    }
    if i < toks.len() && weekday(toks[i]) {
        i += 1;
    }
    let Some(first) = toks.get(i) else {
        return false;
    };
    let fb = first.as_bytes();
    if fb.len() >= 10 && iso_date_shape(&fb[..10]) {
        if fb.len() > 10 && parse_timestamp(first).is_none() {
            return false;
        }
        i += 1;
    } else if is_numeric_date(first) {
        i += 1;
    } else if month(first).is_some() {
        // Month Day [Year]
        if toks.get(i + 1).and_then(|t| day(t)).is_none() {
            return false;
        }
        i += 2;
        if toks.get(i).is_some_and(|t| year(t)) {
            i += 1;
        }
    } else if day(first).is_some() && toks.get(i + 1).and_then(|t| month(t)).is_some() {
        // Day Month [Year]
        i += 2;
        if toks.get(i).is_some_and(|t| year(t)) {
            i += 1;
        }
    } else {
        return false;
    }
    toks[i..].iter().all(|t| {
        let lower = t.to_ascii_lowercase();
        is_clock_token(t)
            || [
                "am", "pm", "a.m.", "p.m.", "at", "|", "-", "–", "—", "/", "updated", "local",
                "time",
            ]
            .contains(&lower.as_str())
            || is_zone_token(t)
    })
}

/// `26/02/2025`, `2.26.2025`, `26-02-25`: three small numbers.
fn is_numeric_date(t: &str) -> bool {
    let parts: Vec<&str> = t.split(['/', '.', '-']).collect();
    parts.len() == 3
        && parts[0].len() <= 2
        && parts[1].len() <= 2
        && (parts[2].len() == 2 || parts[2].len() == 4)
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines() {
        for ok in [
            "February 26, 2025",
            "26 February 2025",
            "Feb. 26, 2025",
            "Feb 26 2025",
            "2025-02-26",
            "2025-02-26T10:30:00Z",
            "Wednesday, February 26, 2025",
            "February 26, 2025 10:30",
            "26 Feb 2025, 14:05 GMT",
            "Feb. 26, 2025 at 3:15 p.m. EST",
            "Updated: March 3, 2025 9:00am",
            "26/02/2025",
            "Sept. 3, 2024 | 10:00 UTC+3",
        ] {
            assert!(is_date_line(ok), "{ok}");
        }
        for no in [
            "February was a cold month in 2025.",
            "The talks began on February 26, 2025.",
            "26 people were hurt",
            "Ukraine deal",
            "2025-02-30x",
            "",
            "May the best team win 2025",
        ] {
            assert!(!is_date_line(no), "{no}");
        }
    }

    #[test]
    fn timestamps() {
        let t = parse_timestamp("2025-02-26T14:05:00.123+01:00").unwrap();
        assert_eq!(t.date, "2025-02-26");
        assert_eq!(t.time.as_deref(), Some("14:05:00"));
        assert_eq!(t.timezone.as_deref(), Some("+01:00"));
        let t = parse_timestamp("2025-02-26T14:05Z").unwrap();
        assert_eq!(
            (t.time.as_deref(), t.timezone.as_deref()),
            (Some("14:05"), Some("Z"))
        );
        assert_eq!(parse_timestamp("2025-02-26").unwrap().time, None);
        assert_eq!(
            parse_timestamp("2025-02-26 09:00:00+0530")
                .unwrap()
                .timezone
                .as_deref(),
            Some("+05:30")
        );
        assert!(parse_timestamp("2025-02-30").is_none());
        assert!(parse_timestamp("26 Feb 2025").is_none());
        assert!(parse_timestamp("2025-02-26T25:00Z").is_none());
        assert!(parse_timestamp("2025-02-26Tnoon").is_none());
        assert!(valid_iso_date("2024-02-29"));
        assert!(!valid_iso_date("2023-02-29"));
    }

    #[test]
    fn rfc2822_dates() {
        let t = parse_rfc2822("Tue, 04 Mar 2025 10:30:00 +0100").unwrap();
        assert_eq!(t.date, "2025-03-04");
        assert_eq!(t.time.as_deref(), Some("10:30:00"));
        assert_eq!(t.timezone.as_deref(), Some("+01:00"));
        let t = parse_rfc2822("4 March 2025 9:05 GMT").unwrap();
        assert_eq!(
            (t.date.as_str(), t.time.as_deref(), t.timezone.as_deref()),
            ("2025-03-04", Some("09:05"), Some("Z"))
        );
        let t = parse_rfc2822("Wed, 05 Mar 25 23:59:59 EST").unwrap();
        assert_eq!(
            (t.date.as_str(), t.timezone.as_deref()),
            ("2025-03-05", Some("-05:00"))
        );
        assert_eq!(
            parse_rfc2822("Wed, 05 Mar 2025 08:00:00 EDT")
                .unwrap()
                .timezone
                .as_deref(),
            Some("-04:00")
        );
        let t = parse_rfc2822("Sat, 01 Mar 1997 08:00:00 -0000 (unknown)").unwrap();
        assert_eq!((t.date.as_str(), t.timezone), ("1997-03-01", None));
        assert_eq!(parse_rfc2822("01 Mar 2025").unwrap().time, None);
        for bad in [
            "",
            "yesterday",
            "Tue, 31 Feb 2025 10:00:00 GMT",
            "Tue, 04 Foo 2025 10:00:00 GMT",
            "Tue, 04 Mar 2025 25:00:00 GMT",
            "Tue, 04 Mar 2025 10:00:00 +0100 extra",
            "2025-03-04T10:00:00Z",
        ] {
            assert!(parse_rfc2822(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn months_and_days() {
        assert_eq!(month("Feb."), Some(2));
        assert_eq!(month("SEPTEMBER"), Some(9));
        assert_eq!(month("Sept"), Some(9));
        assert_eq!(month("Ma"), None);
        assert_eq!(month("Mayor"), None);
        assert_eq!(day("26th"), Some(26));
        assert_eq!(day("32"), None);
        assert_eq!(day("2x"), None);
    }
}
