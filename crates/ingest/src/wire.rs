//! Wire datelines opening a story: `MOSCOW, Feb 26 (Reuters) -`, `WASHINGTON (AP) —`,
//! `KYIV, Ukraine, March 3 (Reuters) -`, `CAMBRIDGE, Mass., March 9 -`, `LONDON -`.

use crate::dates::{day, month};

/// A wire dateline found at the start of a text; ranges are byte offsets into that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WireDateline {
    /// The place (`MOSCOW`), the part before the first comma.
    pub place: (usize, usize),
    /// The agency inside the parentheses (`Reuters`), if any.
    pub agency: Option<(usize, usize)>,
    /// Just past the dash.
    pub end: usize,
}

const DASHES: [char; 3] = ['-', '–', '—'];

/// Reads a place of all-caps words joined by spaces, hyphens or slashes (`NEW YORK`,
/// `WILKES-BARRE`, `BEIJING/TAIPEI`, `ST. LOUIS`). Returns its end.
fn place_end(s: &str) -> Option<usize> {
    let mut end = 0;
    let mut letters = 0;
    let mut pos = 0;
    loop {
        // one word
        let mut w_end = pos;
        let mut w_letters = 0;
        for (i, c) in s[pos..].char_indices() {
            if c.is_uppercase() {
                w_letters += 1;
            } else if c == '.' || c == '\'' || c == '’' {
                // part of the word
            } else if c.is_lowercase() || c.is_ascii_digit() {
                return if letters >= 2 && end > 0 {
                    Some(end)
                } else {
                    None
                };
            } else {
                w_end = pos + i;
                break;
            }
            w_end = pos + i + c.len_utf8();
        }
        if w_letters == 0 {
            break;
        }
        letters += w_letters;
        end = w_end;
        // a joiner followed by another caps word?
        let rest = &s[end..];
        let joiner = if rest.starts_with(' ') || rest.starts_with('-') || rest.starts_with('/') {
            1
        } else {
            0
        };
        if joiner == 0 {
            break;
        }
        let next = rest[1..].chars().next();
        if next.is_some_and(|c| c.is_uppercase()) {
            pos = end + 1;
        } else {
            break;
        }
    }
    (letters >= 2 && end > 0).then_some(end)
}

fn is_dateline_date(seg: &str) -> bool {
    let toks: Vec<&str> = seg.split_whitespace().collect();
    match toks.as_slice() {
        [m, d] => month(m).is_some() && day(d).is_some() || day(m).is_some() && month(d).is_some(),
        [m, d, y] => {
            (month(m).is_some() && day(d).is_some() || day(m).is_some() && month(d).is_some())
                && y.len() == 4
                && y.bytes().all(|b| b.is_ascii_digit())
        }
        _ => false,
    }
}

fn is_year(seg: &str) -> bool {
    seg.len() == 4 && seg.bytes().all(|b| b.is_ascii_digit())
}

/// `Ukraine`, `Mass.`, `N.J.`, `South Korea`, `D.C.`.
fn is_region(seg: &str) -> bool {
    if seg.is_empty() || seg.len() > 30 || seg.split_whitespace().count() > 4 {
        return false;
    }
    if !seg.chars().next().is_some_and(|c| c.is_uppercase()) {
        return false;
    }
    seg.chars()
        .all(|c| c.is_alphabetic() || matches!(c, '.' | ' ' | '-' | '\'' | '’'))
        && seg.split_whitespace().all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase())
                || ["of", "and", "de", "del", "da"].contains(&w)
        })
}

fn is_agency(a: &str) -> bool {
    !a.is_empty()
        && a.len() <= 40
        && a.chars().next().is_some_and(|c| c.is_uppercase())
        && a.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '&' | '-' | '/' | '\''))
}

/// Finds a wire dateline at the start of `s` (which should start at non-whitespace).
pub(crate) fn parse_wire_dateline(s: &str) -> Option<WireDateline> {
    let pend = place_end(s)?;
    let mut p = pend;
    let mut seen_date = false;
    let mut regions = 0;
    // comma segments: region(s), then a date, then maybe a year
    while s[p..].starts_with(',') {
        let seg_start = p + 1;
        let rest = &s[seg_start..];
        let mut seg_len = rest.len().min(48);
        for (i, c) in rest.char_indices() {
            if i >= 48 {
                break;
            }
            if c == ',' || c == '(' || (DASHES.contains(&c) && (i == 0 || rest[..i].ends_with(' ')))
            {
                seg_len = i;
                break;
            }
        }
        let seg_len = floor_boundary(rest, seg_len);
        let seg = rest[..seg_len].trim();
        if is_dateline_date(seg) {
            seen_date = true;
        } else if seen_date && is_year(seg) {
        } else if !seen_date && regions < 2 && is_region(seg) {
            regions += 1;
        } else {
            return None;
        }
        p = seg_start + seg_len;
        // keep trailing spaces out of p so a following ',' is seen
        let trimmed = s[p..].trim_start();
        if trimmed.starts_with(',') {
            p = s.len() - trimmed.len();
        }
    }
    let mut q = p + (s[p..].len() - s[p..].trim_start().len());
    let mut agency = None;
    if s[q..].starts_with('(') {
        let inner = &s[q + 1..];
        let close = inner
            .char_indices()
            .take(42)
            .find(|(_, c)| *c == ')')
            .map(|(i, _)| i)?;
        let a = inner[..close].trim();
        if !is_agency(a) {
            return None;
        }
        let a_start = q + 1 + (inner[..close].len() - inner[..close].trim_start().len());
        agency = Some((a_start, a_start + a.len()));
        q = q + 1 + close + 1;
    }
    let after_space = &s[q..];
    let r = q + (after_space.len() - after_space.trim_start().len());
    let spaced = s[..r].ends_with(char::is_whitespace) || s[..r].ends_with(')');
    let mut chars = s[r..].char_indices();
    let (_, dash) = chars.next()?;
    if !DASHES.contains(&dash) {
        return None;
    }
    let mut end = r + dash.len_utf8();
    // "--" counts as one dash
    if dash == '-' && s[end..].starts_with('-') {
        end += 1;
    }
    let next = s[end..].chars().next();
    let ok_after = match next {
        None => true,
        Some(c) if c.is_whitespace() => true,
        Some(_) => dash != '-' && (agency.is_some() || seen_date),
    };
    if !spaced && agency.is_none() || !ok_after {
        return None;
    }
    Some(WireDateline {
        place: (0, pend),
        agency,
        end,
    })
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The place of a dateline given as a field (`"CLEVELAND, Feb 26 -"` → `CLEVELAND`): the wire
/// pattern when it matches, else the text before the first comma, parenthesis or dash.
pub(crate) fn place_of_field(field: &str) -> Option<(String, Option<String>)> {
    let f = field.trim();
    if let Some(d) = parse_wire_dateline(f) {
        let agency = d.agency.map(|(a, b)| f[a..b].to_string());
        return Some((f[d.place.0..d.place.1].to_string(), agency));
    }
    let cut = f.find([',', '(', '-', '–', '—']).unwrap_or(f.len());
    let place = f[..cut].trim();
    (!place.is_empty() && place.len() <= 60).then(|| (place.to_string(), None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(s: &str) -> Option<(&str, Option<&str>, &str)> {
        parse_wire_dateline(s).map(|d| {
            (
                &s[d.place.0..d.place.1],
                d.agency.map(|(a, b)| &s[a..b]),
                &s[d.end..],
            )
        })
    }

    #[test]
    fn wire_variants() {
        assert_eq!(
            get("MOSCOW, Feb 26 (Reuters) - The Kremlin"),
            Some(("MOSCOW", Some("Reuters"), " The Kremlin"))
        );
        assert_eq!(
            get("WASHINGTON (AP) — Lawmakers"),
            Some(("WASHINGTON", Some("AP"), " Lawmakers"))
        );
        assert_eq!(
            get("WASHINGTON (AP)—Lawmakers"),
            Some(("WASHINGTON", Some("AP"), "Lawmakers"))
        );
        assert_eq!(
            get("KYIV, Ukraine, March 3 (Reuters) - Drones"),
            Some(("KYIV", Some("Reuters"), " Drones"))
        );
        assert_eq!(
            get("LONDON - Shares fell"),
            Some(("LONDON", None, " Shares fell"))
        );
        assert_eq!(
            get("NEW YORK, March 9 - Stocks"),
            Some(("NEW YORK", None, " Stocks"))
        );
        assert_eq!(
            get("CAMBRIDGE, Mass., March 9 - Lotus"),
            Some(("CAMBRIDGE", None, " Lotus"))
        );
        assert_eq!(
            get("SÃO PAULO, Feb. 26, 2025 (Reuters) – Brazil"),
            Some(("SÃO PAULO", Some("Reuters"), " Brazil"))
        );
        assert_eq!(
            get("WILKES-BARRE, Pa., Feb 26 -- A fire"),
            Some(("WILKES-BARRE", None, " A fire"))
        );
        assert_eq!(
            get("UNITED NATIONS (Reuters) - The"),
            Some(("UNITED NATIONS", Some("Reuters"), " The"))
        );
        assert_eq!(get("CLEVELAND, Feb 26 -"), Some(("CLEVELAND", None, "")));
    }

    #[test]
    fn not_datelines() {
        for s in [
            "The Kremlin said on Wednesday",
            "NATO leaders met in Brussels - again",
            "LONDON-based banks fell",
            "US officials said",
            "A - B",
            "MOSCOW said it would respond - later",
            "MOSCOW, which denies it, said - later",
            "EU, US agree - trade",
            "",
            "(Reuters) - something",
        ] {
            assert_eq!(get(s), None, "{s}");
        }
    }

    #[test]
    fn field_places() {
        assert_eq!(
            place_of_field("CLEVELAND, Feb 26 -").unwrap().0,
            "CLEVELAND"
        );
        assert_eq!(
            place_of_field("CAMBRIDGE, Mass., March 9 -").unwrap().0,
            "CAMBRIDGE"
        );
        assert_eq!(place_of_field("Paris").unwrap().0, "Paris");
        assert_eq!(place_of_field("  ").map(|p| p.0), None);
    }
}
