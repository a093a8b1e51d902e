//! `dateline-ingest`: readers that turn bytes into [`Article`]s.
//!
//! Brief overview:
//! - [`discover`] expands files and directories (recursively, in sorted order, hidden entries
//!   skipped) into [`Input`]s, reporting unreadable entries as diagnostics.
//! - [`read_input`] reads one input and [`read_bytes`] reads bytes already in memory: both sniff
//!   the content ([`sniff`], never the file name), decompress gzip and zstd on the fly, decode
//!   the text (UTF-8, falling back to Windows-1252 with a warning) and stream every article or
//!   failure, in file order, to a sink as an [`Item`].
//! - [`parse_news_records`] parses the plain-text news record format from a string
//!   ([`news_record`] documents the format; the JSON Lines fields are documented in [`jsonl`]).
//! - Diagnostics carry stable codes from [`codes`]. Nothing here panics or returns an error:
//!   every failure is an [`Item::Failed`] naming the file and the line or byte.
//!
//! Formats are chosen by [`Format`]; one module per format (`news_record`, `jsonl`, and
//! `decompress` for containers, `html` for article pages (main-content extraction and page
//! metadata), `warc` for web archives whose HTML responses go to the HTML reader, `feed` for
//! RSS and Atom feeds, one article per item, whose HTML goes through the HTML reader's text
//! extraction). Other XML is recognised but no reader is available for it yet: such inputs
//! fail with their own code.
//!
//! # Example
//! ```
//! use dateline_ingest::{parse_news_records, Item};
//!
//! let record = " date 2025-03-01 WORLD\nRiver treaty signed after decade of talks\n\
//!               Two neighbours agree to share the waters of the Lume.";
//! let mut items = Vec::new();
//! parse_news_records("example.txt", record, &mut |item| items.push(item));
//! let Item::Article(article, warnings) = &items[0] else { panic!("not read") };
//! assert!(warnings.is_empty());
//! assert_eq!(article.headline(), Some("River treaty signed after decade of talks"));
//! assert_eq!(article.standfirst(), Some("Two neighbours agree to share the waters of the Lume."));
//! assert_eq!(article.published.as_deref(), Some("2025-03-01"));
//! assert_eq!(article.section.as_deref(), Some("WORLD"));
//! assert_eq!(article.origin.reader, "news-record/1");
//! ```
#![deny(missing_docs)]

use std::path::PathBuf;

use dateline_model::{Article, Diagnostic};

pub mod codes;
mod dates;
mod decompress;
mod discover;
pub mod feed;
pub mod html;
pub mod jsonl;
mod lines;
pub mod news_record;
mod read;
mod sniff;
mod text;
mod warc;
mod wire;

pub use feed::read_feed;
pub use html::{read_html, PageHints};
pub use sniff::{sniff, Format, SNIFF_BYTES};

/// One thing a reader produced.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// An article that was read, with the warnings met while reading it.
    Article(Box<Article>, Vec<Diagnostic>),
    /// Something that could not be read (severity Error), naming the file and line or byte.
    Failed(Diagnostic),
    /// Something worth reporting that is neither an article nor a failure (severity Warning):
    /// the records of an archive skipped on purpose, counted by kind.
    Note(Diagnostic),
}

impl Item {
    /// The article, if this item is one.
    pub fn article(&self) -> Option<&Article> {
        match self {
            Item::Article(a, _) => Some(a),
            Item::Failed(_) | Item::Note(_) => None,
        }
    }

    /// The failure, if this item is one.
    pub fn failure(&self) -> Option<&Diagnostic> {
        match self {
            Item::Failed(d) => Some(d),
            Item::Article(..) | Item::Note(_) => None,
        }
    }
}

/// One input file found by [`discover`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file's path.
    pub path: PathBuf,
    /// Its size in bytes (compressed size for compressed files).
    pub size: u64,
}

impl Input {
    /// An input for `path`, with the size taken from the file system (0 when unknown).
    pub fn from_path(path: impl Into<PathBuf>) -> Input {
        let path = path.into();
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        Input { path, size }
    }
}

/// Options for reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// The largest record (a JSON line, a news record) that is read; larger ones are skipped
    /// with a [`codes::TOO_LARGE`] failure without being held in memory. Default 16 MiB.
    pub max_record_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            max_record_bytes: 16 * 1024 * 1024,
        }
    }
}

/// Expands files and directories (recursively, sorted by path so order is deterministic; hidden
/// files and directories such as `.git` skipped) into inputs. Files named directly are kept in
/// the order given. Unreadable entries (dangling symlinks, permission errors, FIFOs and other
/// non-regular files) become Error diagnostics naming the path; the rest go on.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<Diagnostic>) {
    discover::discover(paths)
}

/// Reads one input, pushing every article or failure to `sink` in file order. Streams: memory
/// does not grow with the file size (JSON Lines are read a line at a time, news records a record
/// at a time, each bounded by [`ReadOptions::max_record_bytes`]). Never panics and never returns
/// an error: every failure is an [`Item::Failed`] naming the file and the line or byte.
pub fn read_input(input: &Input, opts: &ReadOptions, sink: &mut dyn FnMut(Item)) {
    let name = input.path.display().to_string();
    let fail =
        |sink: &mut dyn FnMut(Item), d: Diagnostic| sink(Item::Failed(d.in_file(name.clone())));
    match std::fs::metadata(&input.path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return fail(
                sink,
                Diagnostic::error(codes::NOT_FOUND, format!("cannot open: {e}")),
            );
        }
        Err(e) => {
            return fail(
                sink,
                Diagnostic::error(codes::IO, format!("cannot open: {e}")),
            )
        }
        Ok(m) if !m.is_file() => {
            return fail(
                sink,
                Diagnostic::error(codes::NOT_REGULAR, "not a regular file"),
            );
        }
        Ok(_) => {}
    }
    match std::fs::File::open(&input.path) {
        Ok(file) => read::read_stream(&name, Box::new(file), opts, sink, 0),
        Err(e) => fail(
            sink,
            Diagnostic::error(codes::IO, format!("cannot open: {e}")),
        ),
    }
}

/// Same as [`read_input`] for bytes already in memory; `name` is used in diagnostics and as
/// `Origin::path`. Sniffs the content.
pub fn read_bytes(name: &str, bytes: &[u8], opts: &ReadOptions, sink: &mut dyn FnMut(Item)) {
    read::read_stream(name, Box::new(bytes), opts, sink, 0);
}

/// Parses the plain-text news record format (one or many records) from a decoded string; any
/// line endings. Text before the first header line is a [`codes::NO_HEADER`] failure, and a
/// string without any record an [`codes::EMPTY`] one.
pub fn parse_news_records(name: &str, text: &str, sink: &mut dyn FnMut(Item)) {
    news_record::parse_str(name, text, sink);
}

/// Decompresses gzip or zstd content (nested up to three layers) into memory; other content is
/// returned as it is. For tools that want the plain bytes of a page before timing a reader.
pub fn decompress_all(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut cur = bytes.to_vec();
    for _ in 0..read::MAX_NESTING {
        let mut out = Vec::new();
        match sniff(&cur) {
            Format::Gzip => {
                flate2::read::MultiGzDecoder::new(&cur[..]).read_to_end(&mut out)?;
            }
            Format::Zstd => {
                decompress::ZstdReader::new(std::io::BufReader::new(&cur[..]))
                    .read_to_end(&mut out)?;
            }
            _ => return Ok(cur),
        }
        cur = out;
    }
    Ok(cur)
}
