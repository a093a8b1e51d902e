//! The dispatcher: peek at a stream, sniff it, and hand it to the reader for its format.
//!
//! To add a reader: write its module with a
//! `read(name, reader, opts, sink)` function, and replace that format's "not available yet"
//! arm in [`read_stream`].

use std::io::{self, BufReader, Read};

use dateline_model::Diagnostic;

use crate::codes;
use crate::decompress::{is_corrupt_stream, Decompressed, ZstdReader};
use crate::lines::LineReader;
use crate::sniff::{is_ascii_ws, sniff, Format, SNIFF_BYTES};
use crate::{feed, html, jsonl, news_record, warc, Item, ReadOptions};

/// How many compression layers are unwrapped before giving up.
pub(crate) const MAX_NESTING: u32 = 3;
/// Buffer size of the line readers.
const BUF_CAP: usize = 256 * 1024;
/// How much leading whitespace is read while looking for the first real byte.
const MAX_LEADING_WS: usize = 1 << 20;

/// A reader that replays a peeked prefix (and a read error met while peeking) before the rest.
pub(crate) struct Peeked<R> {
    prefix: Vec<u8>,
    pos: usize,
    err: Option<io::Error>,
    eof: bool,
    inner: R,
}

impl<R: Read> Peeked<R> {
    /// Reads up to [`SNIFF_BYTES`] (more while there is only whitespace) from `inner`.
    pub fn new(mut inner: R) -> Peeked<R> {
        let mut prefix: Vec<u8> = Vec::with_capacity(SNIFF_BYTES);
        let mut err = None;
        let mut eof = false;
        let mut scanned = 0;
        let mut content = false;
        loop {
            if !content {
                content = prefix[scanned..].iter().any(|b| !is_ascii_ws(*b));
                scanned = prefix.len();
            }
            if prefix.len() >= SNIFF_BYTES && (content || prefix.len() >= MAX_LEADING_WS) {
                break;
            }
            let old = prefix.len();
            prefix.resize(old + SNIFF_BYTES.max(old / 2), 0);
            match inner.read(&mut prefix[old..]) {
                Ok(0) => {
                    prefix.truncate(old);
                    eof = true;
                    break;
                }
                Ok(n) => prefix.truncate(old + n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => prefix.truncate(old),
                Err(e) => {
                    prefix.truncate(old);
                    err = Some(e);
                    break;
                }
            }
        }
        Peeked {
            prefix,
            pos: 0,
            err,
            eof,
            inner,
        }
    }
}

impl<R: Read> Read for Peeked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos < self.prefix.len() {
            let n = buf.len().min(self.prefix.len() - self.pos);
            buf[..n].copy_from_slice(&self.prefix[self.pos..self.pos + n]);
            self.pos += n;
            return Ok(n);
        }
        if let Some(e) = self.err.take() {
            return Err(e);
        }
        if self.eof {
            return Ok(0);
        }
        self.inner.read(buf)
    }
}

/// The failure for a stream that broke after `offset` bytes: a corrupt compressed stream or an
/// I/O error.
/// Reads a whole document that must be held in memory (an HTML page, a feed), bounded by
/// [`ReadOptions::max_record_bytes`]. A read error or an oversize document is reported to
/// `sink` (`what` names it in the message) and gives `None`.
pub(crate) fn read_bounded(
    name: &str,
    reader: impl Read,
    opts: &ReadOptions,
    what: &str,
    sink: &mut dyn FnMut(Item),
) -> Option<Vec<u8>> {
    let max = opts.max_record_bytes.max(1);
    let mut buf = Vec::new();
    if let Err(e) = reader.take(max as u64 + 1).read_to_end(&mut buf) {
        sink(Item::Failed(stream_failure(name, &e, buf.len() as u64)));
        return None;
    }
    if buf.len() > max {
        sink(Item::Failed(
            Diagnostic::error(
                codes::TOO_LARGE,
                format!("{what} larger than {max} bytes; skipped"),
            )
            .in_file(name),
        ));
        return None;
    }
    Some(buf)
}

pub(crate) fn stream_failure(name: &str, err: &io::Error, offset: u64) -> Diagnostic {
    let d = if is_corrupt_stream(err) {
        Diagnostic::error(
            codes::CORRUPT_COMPRESSED,
            format!("compressed stream truncated or corrupt; reading stopped at decompressed byte {offset}: {err}"),
        )
    } else {
        Diagnostic::error(codes::IO, format!("read error at byte {offset}: {err}"))
    };
    d.in_file(name).at_byte(offset)
}

/// The 1-based line of the first non-whitespace byte of `prefix`, if any.
fn first_content_line(prefix: &[u8]) -> Option<u64> {
    let at = prefix.iter().position(|b| !is_ascii_ws(*b))?;
    let before = &prefix[..at];
    let lf = before.iter().filter(|b| **b == b'\n').count();
    let lone_cr = before
        .windows(2)
        .filter(|w| w[0] == b'\r' && w[1] != b'\n')
        .count();
    Some((lf + lone_cr + 1) as u64)
}

/// Sniffs `reader` and reads it with the reader of its format.
pub(crate) fn read_stream<'a>(
    name: &str,
    reader: Box<dyn Read + 'a>,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Item),
    depth: u32,
) {
    let mut peeked = Peeked::new(reader);
    let format = sniff(&peeked.prefix);
    // Format-level failures name the first line with content.
    let line = first_content_line(&peeked.prefix);
    let fail = |sink: &mut dyn FnMut(Item), code: &str, msg: &str| {
        let d = Diagnostic::error(code, msg).in_file(name);
        sink(Item::Failed(match line {
            Some(l) => d.at_line(l),
            None => d,
        }));
    };
    let bom = if peeked.prefix.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let max = opts.max_record_bytes.max(1);
    match format {
        Format::Gzip | Format::Zstd => {
            if depth >= MAX_NESTING {
                return fail(
                    sink,
                    codes::NESTED_COMPRESSION,
                    "compressed data nested too deeply",
                );
            }
            let inner: Box<dyn Read + 'a> = if format == Format::Gzip {
                Box::new(Decompressed::new(
                    "gzip",
                    flate2::read::MultiGzDecoder::new(peeked),
                ))
            } else {
                Box::new(Decompressed::new(
                    "zstd",
                    ZstdReader::new(BufReader::new(peeked)),
                ))
            };
            read_stream(name, inner, opts, sink, depth + 1);
        }
        Format::JsonLines => {
            peeked.pos = bom;
            let lines = LineReader::new(
                BufReader::with_capacity(BUF_CAP, peeked),
                bom as u64,
                max,
                false,
            );
            jsonl::read(name, lines, sink);
        }
        Format::NewsRecord => {
            peeked.pos = bom;
            let lines = LineReader::new(
                BufReader::with_capacity(BUF_CAP, peeked),
                bom as u64,
                max,
                true,
            );
            news_record::read(name, lines, max, sink);
        }
        Format::Empty => match peeked.err.take() {
            Some(err) => sink(Item::Failed(stream_failure(
                name,
                &err,
                peeked.prefix.len() as u64,
            ))),
            None if !peeked.eof => fail(
                sink,
                codes::NO_HEADER,
                "no content in the first MiB (only whitespace)",
            ),
            None => fail(sink, codes::EMPTY, "empty file"),
        },
        Format::Binary => {
            let msg = if peeked.prefix.starts_with(&[0xff, 0xfe])
                || peeked.prefix.starts_with(&[0xfe, 0xff])
            {
                "UTF-16 text is not supported; convert it to UTF-8"
            } else {
                "binary content (NUL or control bytes), not text"
            };
            fail(sink, codes::BINARY, msg)
        }
        Format::Html => {
            peeked.pos = 0;
            html::read(name, peeked, opts, sink);
        }
        Format::Feed => {
            peeked.pos = 0;
            feed::read(name, peeked, opts, sink);
        }
        Format::Xml => fail(
            sink,
            codes::XML_NOT_SUPPORTED,
            "XML input: no XML reader is available yet",
        ),
        Format::Warc => {
            warc::read(name, BufReader::with_capacity(BUF_CAP, peeked), opts, sink);
        }
        Format::JsonArray => fail(
            sink,
            codes::JSON_NOT_LINES,
            "a JSON array, not JSON Lines (one object per line)",
        ),
        Format::UnknownText => fail(
            sink,
            codes::NO_HEADER,
            "no ` date YYYY-MM-DD SECTION` header line",
        ),
    }
}
