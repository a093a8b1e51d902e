//! Text helpers shared by the readers: decoding, line-end normalisation, trimming, and a zone
//! collector that works in byte offsets and converts to char spans once.

use std::borrow::Cow;

use dateline_model::{Article, Diagnostic, TextIndex, Zone, ZoneKind};
use encoding_rs::WINDOWS_1252;

use crate::codes;

/// Decodes bytes as UTF-8; invalid sequences are decoded as Windows-1252 (so a stray byte in a
/// UTF-8 file does not garble the rest). Returns the text and, when anything was invalid, the
/// offset of the first invalid byte.
pub(crate) fn decode(bytes: &[u8]) -> (Cow<'_, str>, Option<usize>) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), None),
        Err(e) => (Cow::Owned(decode_mixed(bytes)), Some(e.valid_up_to())),
    }
}

/// Owned version of [`decode`].
pub(crate) fn decode_owned(bytes: Vec<u8>) -> (String, Option<usize>) {
    match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let first = e.utf8_error().valid_up_to();
            (decode_mixed(e.as_bytes()), Some(first))
        }
    }
}

fn decode_mixed(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        let bad = chunk.invalid();
        if !bad.is_empty() {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bad);
            out.push_str(&text);
        }
    }
    out
}

/// The warning for invalid UTF-8 at `byte` of `file`.
pub(crate) fn not_utf8_warning(file: &str, line: Option<u64>, byte: u64) -> Diagnostic {
    let d = Diagnostic::warning(
        codes::NOT_UTF8,
        format!("invalid UTF-8 at byte {byte}; invalid bytes decoded as Windows-1252"),
    )
    .in_file(file)
    .at_byte(byte);
    match line {
        Some(l) => d.at_line(l),
        None => d,
    }
}

/// Replaces `\r\n` and lone `\r` with `\n`.
pub(crate) fn normalize_newlines(s: &str) -> Cow<'_, str> {
    if !s.contains('\r') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Removes trailing whitespace in place.
pub(crate) fn truncate_end(s: &mut String) {
    let keep = s.trim_end().len();
    s.truncate(keep);
}

/// The byte range `[s, e)` of `text` with whitespace trimmed off both ends, or `None` when only
/// whitespace is left. `s` and `e` must be char boundaries.
pub(crate) fn trim_range(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let part = text.get(s..e)?;
    let lead = part.len() - part.trim_start().len();
    let trimmed = part.trim();
    if trimmed.is_empty() {
        None
    } else {
        Some((s + lead, s + lead + trimmed.len()))
    }
}

/// True when the line holds only whitespace.
pub(crate) fn is_blank(line: &str) -> bool {
    line.bytes().all(|b| b.is_ascii_whitespace()) || line.trim().is_empty()
}

/// Iterates the `\n`-separated lines of `text[from..to]` as byte ranges `(start, end)`.
pub(crate) fn line_ranges(
    text: &str,
    from: usize,
    to: usize,
) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut pos = from;
    let mut done = from > to;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let rel = bytes[pos..to].iter().position(|&b| b == b'\n');
        let (s, e) = match rel {
            Some(i) => {
                let r = (pos, pos + i);
                pos += i + 1;
                r
            }
            None => {
                done = true;
                (pos, to)
            }
        };
        Some((s, e))
    })
}

/// Zones collected as byte ranges into the article text.
#[derive(Debug, Default)]
pub(crate) struct Zones {
    items: Vec<(ZoneKind, usize, usize)>,
}

impl Zones {
    /// Adds a zone over `[s, e)` trimmed to non-whitespace; nothing when only whitespace.
    /// Returns the trimmed range.
    pub fn add(
        &mut self,
        text: &str,
        kind: ZoneKind,
        s: usize,
        e: usize,
    ) -> Option<(usize, usize)> {
        let (s, e) = trim_range(text, s, e)?;
        self.items.push((kind, s, e));
        Some((s, e))
    }

    /// Changes the kind of the zone starting at `s` from `from` to `to`.
    pub fn retype(&mut self, s: usize, from: ZoneKind, to: ZoneKind) {
        if let Some(z) = self.items.iter_mut().find(|z| z.1 == s && z.0 == from) {
            z.0 = to;
        }
    }

    /// Sorts into text order (a zone before the zones it contains) and converts to char spans.
    pub fn into_article_zones(mut self, text: &str) -> Vec<Zone> {
        self.items.sort_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)));
        let ix = TextIndex::new(text);
        self.items
            .into_iter()
            .map(|(k, s, e)| Zone::new(k, ix.span(s, e)))
            .collect()
    }
}

/// Fills the zones of `article` from `zones` (converting byte ranges to char spans).
pub(crate) fn set_zones(article: &mut Article, zones: Zones) {
    article.zones = zones.into_article_zones(&article.text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_windows_1252_only_where_invalid() {
        let (s, bad) = decode(b"\x93Hi\x94 caf\xc3\xa9");
        assert_eq!(s, "\u{201c}Hi\u{201d} caf\u{e9}");
        assert_eq!(bad, Some(0));
        let (s, bad) = decode_owned(b"ok".to_vec());
        assert_eq!((s.as_str(), bad), ("ok", None));
    }

    #[test]
    fn normalizes_newlines() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
        assert!(matches!(normalize_newlines("a\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn ranges_and_trimming() {
        let t = "ab\n  cd \n\nef";
        let lines: Vec<&str> = line_ranges(t, 0, t.len()).map(|(s, e)| &t[s..e]).collect();
        assert_eq!(lines, ["ab", "  cd ", "", "ef"]);
        assert_eq!(trim_range(t, 2, 8), Some((5, 7)));
        assert_eq!(trim_range(t, 8, 10), None);
    }
}
