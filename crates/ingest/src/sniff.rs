//! Content sniffing: which reader handles a stream, decided from its first bytes, never from
//! the file name.

use crate::news_record::parse_header;

/// How many bytes [`sniff`] wants to see to decide reliably (it works with fewer).
pub const SNIFF_BYTES: usize = 8 * 1024;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The kind of content a stream holds, as decided by [`sniff`].
///
/// Each readable format has one reader module; a format whose reader does not exist yet
/// ([`Format::Xml`]) is reported as a failure with its own diagnostic code. Adding a reader means adding a module and one arm
/// in the dispatcher (`read.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// gzip (`1f 8b`): decompressed, then sniffed again.
    Gzip,
    /// Zstandard (`28 b5 2f fd`, or a skippable frame): decompressed, then sniffed again.
    Zstd,
    /// JSON Lines: the first non-whitespace byte is `{`.
    JsonLines,
    /// Plain-text news records: the first non-empty line is ` date YYYY-MM-DD SECTION`.
    NewsRecord,
    /// HTML.
    Html,
    /// RSS (2.0 or 1.0/RDF) or Atom feed.
    Feed,
    /// Other XML (not readable yet).
    Xml,
    /// WARC archive.
    Warc,
    /// A JSON array (`[`): not JSON Lines.
    JsonArray,
    /// Binary junk: NUL bytes or mostly control bytes.
    Binary,
    /// Nothing but whitespace.
    Empty,
    /// Some other text: no news-record header line.
    UnknownText,
}

impl Format {
    /// A short lower-case name (`gzip`, `jsonl`, `news-record`, …).
    pub fn name(self) -> &'static str {
        match self {
            Format::Gzip => "gzip",
            Format::Zstd => "zstd",
            Format::JsonLines => "jsonl",
            Format::NewsRecord => "news-record",
            Format::Html => "html",
            Format::Feed => "feed",
            Format::Xml => "xml",
            Format::Warc => "warc",
            Format::JsonArray => "json-array",
            Format::Binary => "binary",
            Format::Empty => "empty",
            Format::UnknownText => "text",
        }
    }

    /// True for compressed containers that are decompressed and sniffed again.
    pub fn is_compressed(self) -> bool {
        matches!(self, Format::Gzip | Format::Zstd)
    }
}

/// Decides the format of a stream from its first bytes (give it [`SNIFF_BYTES`] bytes, or the
/// whole stream when shorter). Never fails: unknown content is [`Format::UnknownText`] or
/// [`Format::Binary`].
pub fn sniff(prefix: &[u8]) -> Format {
    if prefix.starts_with(&[0x1f, 0x8b]) {
        return Format::Gzip;
    }
    if prefix.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        return Format::Zstd;
    }
    // Skippable zstd frames: magic 0x184D2A50..=0x184D2A5F, little-endian.
    if prefix.len() >= 4 && prefix[0] & 0xf0 == 0x50 && prefix[1..4] == [0x2a, 0x4d, 0x18] {
        return Format::Zstd;
    }
    if prefix.starts_with(&[0xff, 0xfe]) || prefix.starts_with(&[0xfe, 0xff]) {
        return Format::Binary; // UTF-16 text: not supported
    }
    let body = prefix.strip_prefix(UTF8_BOM).unwrap_or(prefix);
    if body.contains(&0) || is_mostly_control(body) {
        return Format::Binary;
    }
    let start = match body.iter().position(|b| !is_ascii_ws(*b)) {
        Some(i) => i,
        None => return Format::Empty,
    };
    let rest = &body[start..];
    match rest[0] {
        b'{' => return Format::JsonLines,
        b'[' => return Format::JsonArray,
        b'<' => return sniff_markup(rest),
        _ => {}
    }
    if rest.starts_with(b"WARC/") {
        return Format::Warc;
    }
    let line_end = rest
        .iter()
        .position(|b| *b == b'\n' || *b == b'\r')
        .unwrap_or(rest.len());
    if parse_header(&rest[..line_end]).is_some() {
        return Format::NewsRecord;
    }
    Format::UnknownText
}

/// ASCII whitespace including vertical tab and form feed.
pub(crate) fn is_ascii_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn is_mostly_control(bytes: &[u8]) -> bool {
    if bytes.is_empty() {
        return false;
    }
    let controls = bytes
        .iter()
        .filter(|&&b| (b < 0x20 && !is_ascii_ws(b) && b != 0x1b) || b == 0x7f)
        .count();
    // Real text has essentially none; one in ten is junk.
    controls * 10 > bytes.len()
}

fn sniff_markup(rest: &[u8]) -> Format {
    let head = &rest[..rest.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    // The first tag named `needle` (followed by whitespace, `>` or `/`): its offset.
    let tag = |needle: &[u8]| {
        lower.windows(needle.len() + 1).position(|w| {
            w.starts_with(needle)
                && matches!(w[needle.len()], b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/')
        })
    };
    let feed = [&b"<rss"[..], b"<feed", b"<rdf:rdf", b"<atom:feed"]
        .iter()
        .filter_map(|n| tag(n))
        .min();
    let page = [&b"<html"[..], b"<!doctype html", b"<head", b"<body"]
        .iter()
        .filter_map(|n| tag(n))
        .min();
    let is_feed = match (feed, page) {
        (Some(f), Some(p)) => f < p,
        (feed, _) => feed.is_some(),
    };
    if is_feed {
        Format::Feed
    } else if page.is_some() || has(b"<html") || has(b"<!doctype html") {
        Format::Html
    } else if lower.starts_with(b"<?xml") {
        Format::Xml
    } else {
        // A fragment of markup (`<p>…`, `<div>…`) is HTML for all practical purposes.
        Format::Html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"\x1f\x8b\x08\x00"), Format::Gzip);
        assert_eq!(sniff(b"\x28\xb5\x2f\xfd\x00"), Format::Zstd);
        assert_eq!(
            sniff(b"\xEF\xBB\xBF  {\"text\":\"x\"}\n"),
            Format::JsonLines
        );
        assert_eq!(
            sniff(b"\n\n   date 2024-05-01 SPORT\nHeadline\n"),
            Format::NewsRecord
        );
        assert_eq!(
            sniff(b"date 2024-05-01\r\nHeadline\r\n"),
            Format::NewsRecord
        );
        assert_eq!(
            sniff(b"<!DOCTYPE html><html><body>x</body></html>"),
            Format::Html
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><rss version=\"2.0\">"),
            Format::Feed
        );
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><doc/>"), Format::Xml);
        assert_eq!(
            sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title>"),
            Format::Feed
        );
        assert_eq!(sniff(b"<rdf:RDF xmlns:rdf=\"x\">"), Format::Feed);
        // A page that mentions a feed element is still a page.
        assert_eq!(
            sniff(b"<!DOCTYPE html><html><body><feedback-form></feedback-form><rss>"),
            Format::Html
        );
        assert_eq!(sniff(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n"), Format::Warc);
        assert_eq!(sniff(b"[{\"text\":\"x\"}]"), Format::JsonArray);
        assert_eq!(sniff(b"\x00\x01\x02binary"), Format::Binary);
        assert_eq!(sniff(b"\x01\x02\x03\x04\x05abc"), Format::Binary);
        assert_eq!(sniff(b" \n\t\r\n"), Format::Empty);
        assert_eq!(sniff(b""), Format::Empty);
        assert_eq!(sniff(b"Just some prose.\n"), Format::UnknownText);
        assert_eq!(sniff(b"date 2024-5-1 WORLD\n"), Format::UnknownText);
        assert_eq!(sniff(b"dated 2024-05-01 WORLD\n"), Format::UnknownText);
    }
}
