//! Query parameters, checked one by one so that every 400 names the parameter at fault.
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;

use crate::error::ApiError;

/// The modalities an event can have.
pub const MODALITIES: [&str; 6] = [
    "asserted",
    "planned",
    "hypothetical",
    "negated",
    "reported",
    "uncertain",
];

/// Largest `limit` any list accepts.
pub const MAX_LIMIT: usize = 1000;

/// The decoded query string, as `name=value` pairs in order.
#[derive(Debug, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Params, ApiError> {
        let q: Result<Query<Vec<(String, String)>>, QueryRejection> =
            Query::from_request_parts(parts, state).await;
        match q {
            Ok(Query(pairs)) => Ok(Params { pairs }),
            Err(e) => Err(ApiError::new(
                axum::http::StatusCode::BAD_REQUEST,
                format!("query string: {}", e.body_text()),
            )),
        }
    }
}

impl Params {
    /// Parameters from pairs (tests).
    #[cfg(test)]
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Params {
        Params {
            pairs: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    /// Rejects a parameter that is not in `known`, and a repeated one unless it is in
    /// `repeatable`.
    pub fn allow(&self, known: &[&str], repeatable: &[&str]) -> Result<&Params, ApiError> {
        for (i, (k, _)) in self.pairs.iter().enumerate() {
            if !known.contains(&k.as_str()) {
                return Err(ApiError::bad_param(
                    k,
                    format!("unknown parameter (known: {})", known.join(", ")),
                ));
            }
            if !repeatable.contains(&k.as_str()) && self.pairs[..i].iter().any(|(p, _)| p == k) {
                return Err(ApiError::bad_param(k, "given more than once"));
            }
        }
        Ok(self)
    }

    /// Every value of `name`.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.pairs
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of `name`, trimmed; an empty value counts as absent.
    pub fn text(&self, name: &str) -> Result<Option<String>, ApiError> {
        let Some(v) = self.all(name).next() else {
            return Ok(None);
        };
        let v = v.trim();
        if v.chars().count() > 500 {
            return Err(ApiError::bad_param(name, "longer than 500 characters"));
        }
        Ok((!v.is_empty()).then(|| v.to_string()))
    }

    /// The value of `name`, which must be given.
    pub fn required(&self, name: &str) -> Result<String, ApiError> {
        self.text(name)?
            .ok_or_else(|| ApiError::bad_param(name, "required"))
    }

    /// A count in `0..=max`, `default` when absent.
    pub fn count(&self, name: &str, default: usize, max: usize) -> Result<usize, ApiError> {
        match self.text(name)? {
            None => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if n <= max => Ok(n),
                Ok(_) => Err(ApiError::bad_param(
                    name,
                    format!("`{v}` is more than {max}"),
                )),
                Err(_) => Err(ApiError::bad_param(
                    name,
                    format!("`{v}` is not a whole number ≥ 0"),
                )),
            },
        }
    }

    /// `limit` (default `default`, at most [`MAX_LIMIT`]) and `offset`.
    pub fn page(&self, default: usize) -> Result<(usize, usize), ApiError> {
        Ok((
            self.count("limit", default, MAX_LIMIT)?,
            self.count("offset", 0, usize::MAX / 2)?,
        ))
    }

    /// A date or a prefix of one: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn date(&self, name: &str) -> Result<Option<String>, ApiError> {
        let Some(v) = self.text(name)? else {
            return Ok(None);
        };
        if is_date_prefix(&v) {
            Ok(Some(v))
        } else {
            Err(ApiError::bad_param(
                name,
                format!("`{v}` is not a date (YYYY-MM-DD, or YYYY-MM, or YYYY)"),
            ))
        }
    }

    /// `from` and `to`, checked to be in order.
    pub fn range(&self) -> Result<(Option<String>, Option<String>), ApiError> {
        let (from, to) = (self.date("from")?, self.date("to")?);
        if let (Some(f), Some(t)) = (&from, &to) {
            // Compare at the shorter precision: `2025-03` to `2025-03-01` is in order.
            let n = f.len().min(t.len());
            if f[..n] > t[..n] {
                return Err(ApiError::bad_param(
                    "from",
                    format!("`{f}` is after `to` `{t}`"),
                ));
            }
        }
        Ok((from, to))
    }

    /// A flag: `true`/`false`/`1`/`0`/`yes`/`no`; absent is false.
    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.text(name)?.as_deref() {
            None => Ok(false),
            Some("1" | "true" | "yes" | "on") => Ok(true),
            Some("0" | "false" | "no" | "off") => Ok(false),
            Some(v) => Err(ApiError::bad_param(
                name,
                format!("`{v}` is not true or false"),
            )),
        }
    }

    /// One of `choices` (ASCII case ignored), returned lower-cased.
    pub fn choice(&self, name: &str, choices: &[&str]) -> Result<Option<String>, ApiError> {
        let Some(v) = self.text(name)? else {
            return Ok(None);
        };
        let lower = v.to_ascii_lowercase();
        if choices.contains(&lower.as_str()) {
            Ok(Some(lower))
        } else {
            Err(ApiError::bad_param(
                name,
                format!("`{v}` is not one of {}", choices.join(", ")),
            ))
        }
    }

    /// Several of `choices`, comma-separated and/or repeated (`kind=article,quote`).
    pub fn choices(&self, name: &str, choices: &[&str]) -> Result<Vec<String>, ApiError> {
        let mut out: Vec<String> = Vec::new();
        for v in self.all(name) {
            for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let lower = part.to_ascii_lowercase();
                if !choices.contains(&lower.as_str()) {
                    return Err(ApiError::bad_param(
                        name,
                        format!("`{part}` is not one of {}", choices.join(", ")),
                    ));
                }
                if !out.contains(&lower) {
                    out.push(lower);
                }
            }
        }
        Ok(out)
    }

    /// A CAMEO event code or prefix: 1 to 4 digits.
    pub fn cameo(&self, name: &str) -> Result<Option<String>, ApiError> {
        let Some(v) = self.text(name)? else {
            return Ok(None);
        };
        if (1..=4).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Some(v))
        } else {
            Err(ApiError::bad_param(
                name,
                format!("`{v}` is not a CAMEO event code or prefix (1 to 4 digits, e.g. 04)"),
            ))
        }
    }

    /// A CAMEO actor code or prefix: 1 to 30 ASCII letters or digits, upper-cased.
    pub fn actor(&self, name: &str) -> Result<Option<String>, ApiError> {
        let Some(v) = self.text(name)? else {
            return Ok(None);
        };
        if v.len() <= 30 && v.bytes().all(|b| b.is_ascii_alphanumeric()) {
            Ok(Some(v.to_ascii_uppercase()))
        } else {
            Err(ApiError::bad_param(
                name,
                format!("`{v}` is not a CAMEO actor code (letters and digits, e.g. RUS or RUSGOV)"),
            ))
        }
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a month 01–12 and a day 01–31.
pub fn is_date_prefix(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let two = |i: usize| (b[i] - b'0') * 10 + (b[i + 1] - b'0');
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7) && (1..=12).contains(&two(5)),
        10 => {
            digits(0..4)
                && b[4] == b'-'
                && digits(5..7)
                && b[7] == b'-'
                && digits(8..10)
                && (1..=12).contains(&two(5))
                && (1..=31).contains(&two(8))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_prefixes() {
        assert!(is_date_prefix("2025"));
        assert!(is_date_prefix("2025-03"));
        assert!(is_date_prefix("2025-03-04"));
        assert!(!is_date_prefix("2025-13"));
        assert!(!is_date_prefix("2025-3-4"));
        assert!(!is_date_prefix("yesterday"));
        assert!(!is_date_prefix("2025-03-00"));
    }

    #[test]
    fn errors_name_the_parameter() {
        let p = Params::from_pairs(&[("limit", "lots"), ("kind", "article,tweet")]);
        assert!(p.page(10).unwrap_err().message.contains("`limit`"));
        assert!(p
            .choices("kind", &["article", "quote", "event"])
            .unwrap_err()
            .message
            .contains("`kind`"));
        let p = Params::from_pairs(&[("from", "2025-04"), ("to", "2025-03-31")]);
        assert!(p.range().unwrap_err().message.contains("`from`"));
        let p = Params::from_pairs(&[("x", "1")]);
        assert!(p.allow(&["q"], &[]).unwrap_err().message.contains("`x`"));
        let p = Params::from_pairs(&[("q", "a"), ("q", "b")]);
        assert!(p.allow(&["q"], &[]).is_err());
        assert!(p.allow(&["q"], &["q"]).is_ok());
    }
}
