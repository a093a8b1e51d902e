//! A bounded line reader over any `BufRead`: never holds more than `max` bytes of one line,
//! tracks line numbers and byte offsets, and reports where a broken stream stopped.

use std::io::{self, BufRead};

/// Where one line was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LineInfo {
    /// 1-based line number.
    pub line: u64,
    /// Byte offset of the line's first byte.
    pub byte: u64,
    /// Length of the line without its terminator (even when too long to keep).
    pub len: u64,
    /// The line was longer than the limit: the buffer is empty, the line was skipped.
    pub too_long: bool,
}

/// What [`LineReader::next_line`] found.
#[derive(Debug)]
pub(crate) enum Next {
    /// A line, now in the caller's buffer (without its terminator).
    Line(LineInfo),
    /// The end of the stream.
    Eof,
    /// The stream broke; `offset` is the number of bytes read before it did. Any partial line
    /// is dropped.
    Error { err: io::Error, offset: u64 },
}

/// Reads lines terminated by `\n` (and, when `cr_is_eol`, also by `\r\n` and a lone `\r`).
pub(crate) struct LineReader<R> {
    inner: R,
    pos: u64,
    line_no: u64,
    max: usize,
    cr_is_eol: bool,
    skip_lf: bool,
}

impl<R: BufRead> LineReader<R> {
    /// A reader starting at byte `pos` (e.g. 3 after a skipped byte-order mark).
    pub fn new(inner: R, pos: u64, max: usize, cr_is_eol: bool) -> LineReader<R> {
        LineReader {
            inner,
            pos,
            line_no: 0,
            max,
            cr_is_eol,
            skip_lf: false,
        }
    }

    fn fill(&mut self) -> io::Result<&[u8]> {
        loop {
            match self.inner.fill_buf() {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
                Ok(_) => break,
            }
        }
        // Buffered now (or at the end): this second call does not read again.
        self.inner.fill_buf()
    }

    /// Reads the next line into `buf` (cleared first).
    pub fn next_line(&mut self, buf: &mut Vec<u8>) -> Next {
        buf.clear();
        if self.skip_lf {
            self.skip_lf = false;
            match self.fill() {
                Ok(avail) => {
                    if avail.first() == Some(&b'\n') {
                        self.inner.consume(1);
                        self.pos += 1;
                    }
                }
                Err(err) => {
                    return Next::Error {
                        err,
                        offset: self.pos,
                    }
                }
            }
        }
        let start = self.pos;
        let mut len: u64 = 0;
        let mut too_long = false;
        let mut any = false;
        loop {
            let cr_is_eol = self.cr_is_eol;
            let max = self.max;
            let (used, terminator) = match self.fill() {
                Err(err) => {
                    return Next::Error {
                        err,
                        offset: self.pos,
                    }
                }
                Ok(avail) => {
                    if avail.is_empty() {
                        if !any {
                            return Next::Eof;
                        }
                        self.line_no += 1;
                        return Next::Line(LineInfo {
                            line: self.line_no,
                            byte: start,
                            len,
                            too_long,
                        });
                    }
                    any = true;
                    let found = if cr_is_eol {
                        avail.iter().position(|&b| b == b'\n' || b == b'\r')
                    } else {
                        avail.iter().position(|&b| b == b'\n')
                    };
                    let take = found.unwrap_or(avail.len());
                    if !too_long {
                        if buf.len() + take > max {
                            too_long = true;
                            *buf = Vec::new(); // give the memory back now
                        } else {
                            buf.extend_from_slice(&avail[..take]);
                        }
                    }
                    len += take as u64;
                    match found {
                        Some(i) => (i + 1, Some(avail[i])),
                        None => (take, None),
                    }
                }
            };
            self.inner.consume(used);
            self.pos += used as u64;
            if let Some(t) = terminator {
                if t == b'\r' {
                    self.skip_lf = true;
                }
                self.line_no += 1;
                return Next::Line(LineInfo {
                    line: self.line_no,
                    byte: start,
                    len,
                    too_long,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::BufReader;

    fn all(input: &[u8], max: usize, cr: bool, cap: usize) -> Vec<(String, LineInfo)> {
        let mut r = LineReader::new(BufReader::with_capacity(cap, input), 0, max, cr);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        loop {
            match r.next_line(&mut buf) {
                Next::Line(info) => out.push((String::from_utf8_lossy(&buf).into_owned(), info)),
                Next::Eof => return out,
                Next::Error { err, .. } => panic!("{err}"),
            }
        }
    }

    #[test]
    fn splits_all_line_endings_across_buffer_boundaries() {
        for cap in [1, 2, 3, 7, 64] {
            let got = all(b"ab\r\ncd\ref\n\ngh", 100, true, cap);
            let lines: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
            assert_eq!(lines, ["ab", "cd", "ef", "", "gh"], "cap {cap}");
            let bytes: Vec<u64> = got.iter().map(|(_, i)| i.byte).collect();
            assert_eq!(bytes, [0, 4, 7, 10, 11]);
            assert_eq!(got[4].1.line, 5);
        }
    }

    #[test]
    fn lf_only_keeps_cr() {
        let got = all(b"a\r\nb", 100, false, 64);
        assert_eq!(got[0].0, "a\r");
        assert_eq!(got[1].0, "b");
    }

    #[test]
    fn too_long_lines_are_skipped_with_their_length() {
        let got = all(b"short\nthis line is long\nok\n", 8, false, 4);
        assert_eq!(got[1].0, "");
        assert!(got[1].1.too_long);
        assert_eq!(got[1].1.len, 17);
        assert_eq!(got[2].0, "ok");
        assert_eq!(got[2].1.line, 3);
        assert!(!got[0].1.too_long);
    }
}
