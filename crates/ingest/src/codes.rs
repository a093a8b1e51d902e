//! The catalogue of diagnostic codes emitted by `dateline-ingest`.
//!
//! Codes are stable: tests and tools match on them, never on the wording of messages.
//! `I0xx` are file-level problems, `I1xx` stream problems (I/O, compression, encoding, size),
//! `I2xx` news-record problems, `I3xx` JSON Lines problems and `I4xx` problems found while
//! discovering inputs. [`CATALOGUE`] lists every code with its severity and meaning.

use dateline_model::Severity;

/// Error: the file is empty or contains only whitespace.
pub const EMPTY: &str = "I001";
/// Error: the content is binary (NUL bytes or mostly control bytes), or UTF-16.
pub const BINARY: &str = "I002";
/// Error: text that is neither JSON Lines nor a news record: no ` date YYYY-MM-DD SECTION`
/// header line (also text before the first header of a news-record string).
pub const NO_HEADER: &str = "I003";
/// Error: the content is HTML; the HTML reader is not available yet. No longer emitted (HTML is
/// read by the `html/1` reader); kept so that the code is never reused.
pub const HTML_NOT_SUPPORTED: &str = "I004";
/// Error: the content is an RSS or Atom feed; the feed reader is not available yet. No longer
/// emitted (feeds are read by the `feed/1` reader); kept so that the code is never reused.
pub const FEED_NOT_SUPPORTED: &str = "I005";
/// Error: the content is XML of an unknown kind; no XML reader is available yet.
pub const XML_NOT_SUPPORTED: &str = "I006";
/// Error: the content is a WARC archive; the WARC reader is not available yet. No longer
/// emitted (WARC is read by the `warc` reader); kept so that the code is never reused.
pub const WARC_NOT_SUPPORTED: &str = "I007";
/// Error: the content is a JSON array or a multi-line JSON document, not JSON Lines.
pub const JSON_NOT_LINES: &str = "I008";
/// Error: an HTML page (or a feed item, a WARC record) holds no article: a section front, an
/// error page, almost no prose. Nothing is stored for it.
pub const NO_ARTICLE: &str = "I009";
/// Error: a WARC record header is malformed (no `WARC/` version line, no valid
/// `Content-Length`); reading of that archive stops there.
pub const BAD_WARC: &str = "I010";
/// Error: an RSS/Atom feed is not well-formed XML; reading of that feed stops there (every item
/// before it was read), or the feed ends inside an item (that item is skipped).
pub const BAD_FEED: &str = "I011";
/// Error: an RSS/Atom feed holds no item or entry at all.
pub const FEED_NO_ITEMS: &str = "I012";
/// Warning (a note, not a failure): records of a WARC archive that are not HTML responses
/// (`warcinfo`, `request`, `metadata`, non-HTML or error responses) were skipped; counted by kind.
pub const WARC_SKIPPED: &str = "I013";

/// Error: the file could not be opened or read.
pub const IO: &str = "I101";
/// Error: a compressed stream (gzip, zstd) is truncated or corrupt; everything complete before
/// the damage was still read. The diagnostic's byte is the decompressed offset where reading stopped.
pub const CORRUPT_COMPRESSED: &str = "I102";
/// Error: compression nested too deeply (e.g. a gzip inside a gzip inside a gzip).
pub const NESTED_COMPRESSION: &str = "I103";
/// Warning: invalid UTF-8; the invalid bytes were decoded as Windows-1252. The diagnostic's
/// byte is the offset of the first invalid byte.
pub const NOT_UTF8: &str = "I104";
/// Error: a record (a JSON line, a news record) is larger than
/// [`ReadOptions::max_record_bytes`](crate::ReadOptions::max_record_bytes); it was skipped.
pub const TOO_LARGE: &str = "I105";

/// Error: a news record has a header line but no headline or text.
pub const EMPTY_RECORD: &str = "I201";
/// Warning: a date (header date, JSON `published`) is not a valid date and was ignored.
pub const BAD_DATE: &str = "I202";

/// Error: a JSON line does not parse (or is not a JSON object).
pub const JSON_SYNTAX: &str = "I301";
/// Error: a JSON line has no `text` field, or it is empty or not a string.
pub const JSON_NO_TEXT: &str = "I302";
/// Warning: a JSON field has the wrong type (e.g. a number where a string is expected) and was ignored.
pub const JSON_FIELD_TYPE: &str = "I303";

/// Error: a path does not exist, or is a dangling symbolic link.
pub const NOT_FOUND: &str = "I401";
/// Error: a path could not be read (permission denied, symbolic-link loop, …).
pub const UNREADABLE: &str = "I402";
/// Error: a path is not a regular file or directory (a FIFO, socket or device).
pub const NOT_REGULAR: &str = "I403";

/// Every code with its severity and a one-line meaning, in code order.
pub const CATALOGUE: &[(&str, Severity, &str)] = &[
    (EMPTY, Severity::Error, "empty or whitespace-only file"),
    (BINARY, Severity::Error, "binary content (or UTF-16)"),
    (
        NO_HEADER,
        Severity::Error,
        "text without a ` date YYYY-MM-DD SECTION` header line",
    ),
    (
        HTML_NOT_SUPPORTED,
        Severity::Error,
        "HTML: reader not available yet",
    ),
    (
        FEED_NOT_SUPPORTED,
        Severity::Error,
        "RSS/Atom feed: reader not available yet (no longer emitted)",
    ),
    (
        XML_NOT_SUPPORTED,
        Severity::Error,
        "XML: reader not available yet",
    ),
    (
        WARC_NOT_SUPPORTED,
        Severity::Error,
        "WARC archive: reader not available yet",
    ),
    (
        JSON_NOT_LINES,
        Severity::Error,
        "JSON array or multi-line JSON, not JSON Lines",
    ),
    (
        NO_ARTICLE,
        Severity::Error,
        "page without an article (section front, error page, no prose)",
    ),
    (BAD_WARC, Severity::Error, "malformed WARC record header"),
    (
        BAD_FEED,
        Severity::Error,
        "malformed feed XML (reading stopped) or feed truncated inside an item",
    ),
    (FEED_NO_ITEMS, Severity::Error, "feed without items"),
    (
        WARC_SKIPPED,
        Severity::Warning,
        "WARC records that are not HTML responses, skipped and counted by kind",
    ),
    (IO, Severity::Error, "file could not be opened or read"),
    (
        CORRUPT_COMPRESSED,
        Severity::Error,
        "truncated or corrupt compressed stream",
    ),
    (
        NESTED_COMPRESSION,
        Severity::Error,
        "compression nested too deeply",
    ),
    (
        NOT_UTF8,
        Severity::Warning,
        "invalid UTF-8 decoded as Windows-1252",
    ),
    (
        TOO_LARGE,
        Severity::Error,
        "record larger than max_record_bytes, skipped",
    ),
    (
        EMPTY_RECORD,
        Severity::Error,
        "news record with a header but no headline",
    ),
    (BAD_DATE, Severity::Warning, "invalid date ignored"),
    (JSON_SYNTAX, Severity::Error, "JSON line does not parse"),
    (
        JSON_NO_TEXT,
        Severity::Error,
        "JSON line without a non-empty string `text`",
    ),
    (
        JSON_FIELD_TYPE,
        Severity::Warning,
        "JSON field of the wrong type ignored",
    ),
    (
        NOT_FOUND,
        Severity::Error,
        "path does not exist or is a dangling symlink",
    ),
    (UNREADABLE, Severity::Error, "path could not be read"),
    (
        NOT_REGULAR,
        Severity::Error,
        "not a regular file or directory",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for (code, _, _) in CATALOGUE {
            assert!(seen.insert(*code), "duplicate code {code}");
            assert_eq!(code.len(), 4);
            assert!(code.starts_with('I'));
        }
        assert_eq!(seen.len(), 26);
    }
}
