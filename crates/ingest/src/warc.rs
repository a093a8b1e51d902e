//! WARC archives (`WARC/1.0`, `WARC/1.1`), read as a stream of records.
//!
//! Each `response` record whose HTTP payload is HTML (`Content-Type: text/html` or
//! `application/xhtml+xml`, or no type and markup inside) goes to the HTML reader
//! ([`crate::html::read_html`]) with the record's `WARC-Target-URI` as the page URL, the HTTP
//! charset and the `WARC-Date` as the fetch date (used only when the page has no date of its
//! own). Every other record (`warcinfo`, `request`, `metadata`, `resource`, non-HTML responses,
//! error statuses) is skipped. A `.warc.gz` (gzip per record) is decompressed by the dispatcher
//! like any gzip stream. Records are read one at a time (each bounded by `max_record_bytes`;
//! larger ones are skipped with `I105`), so memory does not grow with the archive. A truncated
//! or corrupt archive keeps every record before the damage and ends with one failure (`I102`,
//! `I101`, or `I010` for a malformed record header).

use std::io::{BufRead, Read};

use dateline_model::Diagnostic;

use crate::codes;
use crate::html::{read_html, PageHints};
use crate::read::stream_failure;
use crate::{Item, ReadOptions};

/// Reads the records of a WARC stream. The records skipped on purpose are counted by kind and
/// reported at the end (also after a damaged record) as one [`Item::Note`] (`I013`).
pub(crate) fn read<R: BufRead>(name: &str, r: R, opts: &ReadOptions, sink: &mut dyn FnMut(Item)) {
    let mut skipped: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    read_records(name, r, opts, sink, &mut skipped);
    if !skipped.is_empty() {
        let total: u64 = skipped.values().sum();
        let kinds: Vec<String> = skipped.iter().map(|(k, n)| format!("{k} {n}")).collect();
        sink(Item::Note(
            Diagnostic::warning(
                codes::WARC_SKIPPED,
                format!(
                    "skipped {total} WARC records that are not HTML pages ({})",
                    kinds.join(", ")
                ),
            )
            .in_file(name),
        ));
    }
}

fn read_records<R: BufRead>(
    name: &str,
    mut r: R,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Item),
    skipped: &mut std::collections::BTreeMap<String, u64>,
) {
    let max = opts.max_record_bytes.max(1);
    let mut offset: u64 = 0;
    let mut line = Vec::new();
    loop {
        // Skip blank lines between records; stop at a clean end.
        let start;
        loop {
            line.clear();
            match r.by_ref().take(64 * 1024).read_until(b'\n', &mut line) {
                Ok(0) => return,
                Ok(n) => {
                    if line.trim_ascii().is_empty() {
                        offset += n as u64;
                        continue;
                    }
                    start = offset;
                    offset += n as u64;
                    break;
                }
                Err(e) => return sink(Item::Failed(stream_failure(name, &e, offset))),
            }
        }
        let bad = |msg: String| {
            Item::Failed(
                Diagnostic::error(codes::BAD_WARC, msg)
                    .in_file(name)
                    .at_byte(start),
            )
        };
        if !line.starts_with(b"WARC/") {
            return sink(bad(
                "not a WARC record header (no `WARC/` version line)".into()
            ));
        }
        // Header fields up to the blank line.
        let mut kind = String::new();
        let mut uri = None;
        let mut date = None;
        let mut length: Option<u64> = None;
        loop {
            line.clear();
            match r.by_ref().take(64 * 1024).read_until(b'\n', &mut line) {
                Ok(0) => {
                    return sink(Item::Failed(
                        Diagnostic::error(
                            codes::CORRUPT_COMPRESSED,
                            "WARC archive truncated inside a record header",
                        )
                        .in_file(name)
                        .at_byte(start),
                    ))
                }
                Ok(n) => offset += n as u64,
                Err(e) => return sink(Item::Failed(stream_failure(name, &e, offset))),
            }
            let l = String::from_utf8_lossy(&line);
            let l = l.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                let v = v.trim();
                match k.trim().to_ascii_lowercase().as_str() {
                    "warc-type" => kind = v.to_ascii_lowercase(),
                    "warc-target-uri" => {
                        uri = Some(v.trim_matches(['<', '>']).to_string());
                    }
                    "warc-date" => date = Some(v.to_string()),
                    "content-length" => length = v.parse().ok(),
                    _ => {}
                }
            }
        }
        let Some(len) = length else {
            return sink(bad("WARC record without a valid Content-Length".into()));
        };
        let wanted = kind == "response";
        if !wanted || len > max as u64 {
            match std::io::copy(&mut r.by_ref().take(len), &mut std::io::sink()) {
                Ok(n) if n == len => {}
                Ok(_) => {
                    return sink(Item::Failed(
                        Diagnostic::error(
                            codes::CORRUPT_COMPRESSED,
                            "WARC archive truncated inside a record",
                        )
                        .in_file(name)
                        .at_byte(start),
                    ))
                }
                Err(e) => return sink(Item::Failed(stream_failure(name, &e, offset))),
            }
            offset += len;
            if !wanted {
                let k = if kind.is_empty() {
                    "untyped".to_string()
                } else {
                    kind.clone()
                };
                *skipped.entry(k).or_insert(0) += 1;
            }
            if wanted {
                sink(Item::Failed(
                    Diagnostic::error(
                        codes::TOO_LARGE,
                        format!("WARC record too large ({len} bytes); skipped"),
                    )
                    .in_file(name)
                    .at_byte(start),
                ));
            }
            continue;
        }
        let mut block = Vec::with_capacity(len as usize);
        match r.by_ref().take(len).read_to_end(&mut block) {
            Ok(n) if n as u64 == len => offset += len,
            Ok(_) => {
                return sink(Item::Failed(
                    Diagnostic::error(
                        codes::CORRUPT_COMPRESSED,
                        "WARC archive truncated inside a record",
                    )
                    .in_file(name)
                    .at_byte(start),
                ))
            }
            Err(e) => return sink(Item::Failed(stream_failure(name, &e, offset))),
        }
        match response(name, &block, uri, date, start) {
            Some(item) => sink(item),
            None => *skipped.entry("non-HTML response".to_string()).or_insert(0) += 1,
        }
    }
}

/// The article (or failure) of one `response` record, `None` when it is not an HTML page.
fn response(
    name: &str,
    block: &[u8],
    uri: Option<String>,
    date: Option<String>,
    start: u64,
) -> Option<Item> {
    if !block.starts_with(b"HTTP/") {
        return None;
    }
    let split = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, 4));
    let split = split.or_else(|| block.windows(2).position(|w| w == b"\n\n").map(|i| (i, 2)));
    let (head_end, sep) = split?;
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status: u32 = lines
        .next()?
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    if !(200..300).contains(&status) {
        return None;
    }
    let mut ctype = None;
    let mut gzip = false;
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            match k.trim().to_ascii_lowercase().as_str() {
                "content-type" => ctype = Some(v.trim().to_ascii_lowercase()),
                "content-encoding" => gzip = v.trim().eq_ignore_ascii_case("gzip"),
                _ => {}
            }
        }
    }
    let raw = &block[head_end + sep..];
    let payload = if gzip {
        crate::decompress_all(raw).ok()?
    } else {
        raw.to_vec()
    };
    let is_html = match &ctype {
        Some(t) => t.contains("html"),
        None => crate::sniff(&payload) == crate::Format::Html,
    };
    if !is_html {
        return None;
    }
    let charset = ctype.as_deref().and_then(|t| {
        t.split(';')
            .filter_map(|p| p.trim().strip_prefix("charset="))
            .map(|c| c.trim_matches(['"', '\'']).to_string())
            .next()
    });
    let hints = PageHints {
        url: uri,
        charset,
        fetched: date,
    };
    Some(match read_html(name, &payload, &hints) {
        Item::Article(mut a, w) => {
            a.origin.byte = Some(start);
            if a.origin.url.is_none() {
                a.origin.url = hints.url.clone();
            }
            Item::Article(a, w)
        }
        Item::Failed(d) => Item::Failed(d.at_byte(start)),
        Item::Note(d) => Item::Note(d),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: &str = "The river commission met on Tuesday in the border town of Lume, where delegates from both countries signed an agreement that ends a decade of disputes over the shared waters, after long talks.";

    fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-03-02T10:00:00Z\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn page(title: &str) -> Vec<u8> {
        let html = format!("<html><head><title>{title}</title></head><body><article><p>{PROSE}</p><p>{PROSE}</p></article></body></html>");
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}")
            .into_bytes()
    }

    fn read_all(bytes: &[u8]) -> Vec<Item> {
        let mut items = Vec::new();
        crate::read_bytes("a.warc", bytes, &ReadOptions::default(), &mut |i| {
            items.push(i)
        });
        items
    }

    #[test]
    fn responses_with_html_become_articles() {
        let mut w = record("warcinfo", "", b"software: test\r\n");
        w.extend(record(
            "request",
            "https://x.example/a",
            b"GET /a HTTP/1.1\r\n\r\n",
        ));
        w.extend(record("response", "https://x.example/a", &page("First")));
        w.extend(record(
            "response",
            "https://x.example/img",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        w.extend(record("response", "<https://x.example/b>", &page("Second")));
        let items = read_all(&w);
        assert_eq!(items.len(), 3, "two articles and a note: {items:#?}");
        // The records skipped on purpose are counted by kind, as a note, not a failure.
        let Item::Note(note) = &items[2] else {
            panic!("no note: {items:#?}")
        };
        assert_eq!(note.code, codes::WARC_SKIPPED);
        assert!(
            note.message.contains("skipped 3 ")
                && note.message.contains("request 1")
                && note.message.contains("warcinfo 1")
                && note.message.contains("non-HTML response 1"),
            "{note}"
        );
        let a = items[0].article().unwrap();
        assert_eq!(a.headline(), Some("First"));
        assert_eq!(a.source.as_deref(), Some("https://x.example/a"));
        assert_eq!(a.published.as_deref(), Some("2025-03-02"));
        assert_eq!(a.origin.reader, "html/1");
        assert!(a.origin.byte.is_some());
        let b = items[1].article().unwrap();
        assert_eq!(b.source.as_deref(), Some("https://x.example/b"));

        // gzip per record, truncated in the third member: the first two are kept.
        use std::io::Write;
        let mut gz = Vec::new();
        for title in ["One", "Two", "Three"] {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(&record("response", "https://x.example/t", &page(title)))
                .unwrap();
            gz.extend(e.finish().unwrap());
        }
        gz.truncate(gz.len() - 40);
        let items = read_all(&gz);
        let heads: Vec<_> = items
            .iter()
            .filter_map(|i| i.article())
            .map(|a| a.headline().unwrap_or(""))
            .collect();
        assert_eq!(heads, ["One", "Two"]);
        assert!(items.last().unwrap().failure().is_some());
    }

    #[test]
    fn malformed_records_fail_cleanly() {
        let items = read_all(b"WARC/1.1\r\nWARC-Type: response\r\n\r\nbody");
        assert_eq!(
            items[0].failure().map(|d| d.code.as_str()),
            Some(codes::BAD_WARC)
        );
        let mut w = record("response", "https://x.example/a", &page("First"));
        w.truncate(w.len() - 100);
        let items = read_all(&w);
        assert_eq!(items.len(), 1);
        assert!(items[0].failure().is_some());
    }
}
