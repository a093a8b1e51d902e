//! The plain-text news record format (`news-record/1`).
//!
//! ```text
//!  date 2025-02-26 WORLD                      <- header: date and section (leading spaces allowed)
//! Headline
//! Standfirst
//! Caption text / Photo: CREDIT
//! February 26, 2025                           <- display date
//! By Jane Doe                                 <- byline
//!                                             <- blank line: the body starts
//! MOSCOW, Feb 26 (Reuters) - First paragraph …
//!
//! A crosshead
//!
//! More paragraphs …
//! RelatedTitle of a related story
//! SOURCE:Reuters
//! ```
//!
//! A file holds one or many records; each runs from its header line to the next header line.
//! The canonical text of a record is exactly its lines from the header on, joined by `\n`,
//! with trailing whitespace removed: every zone is a span into it and nothing is dropped.

use std::io::BufRead;

use dateline_model::{Article, Diagnostic, Origin, ZoneKind};

use crate::codes;
use crate::dates::{is_date_line, valid_iso_date};
use crate::lines::{LineInfo, LineReader, Next};
use crate::read::stream_failure;
use crate::text::{
    decode_owned, is_blank, line_ranges, not_utf8_warning, set_zones, trim_range, truncate_end,
    Zones,
};
use crate::wire::parse_wire_dateline;
use crate::Item;

/// The reader name and version recorded in [`Origin::reader`].
pub const READER: &str = "news-record/1";

/// Byte positions (relative to the line) of a header line's parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HeaderPos {
    pub date: (usize, usize),
    pub section: Option<(usize, usize)>,
}

/// Recognises ` date YYYY-MM-DD SECTION` (leading spaces allowed, SECTION optional).
pub(crate) fn parse_header(line: &[u8]) -> Option<HeaderPos> {
    let start = line.iter().position(|b| *b != b' ' && *b != b'\t')?;
    if !line[start..].starts_with(b"date") {
        return None;
    }
    let mut p = start + 4;
    let gap = line[p..]
        .iter()
        .take_while(|b| **b == b' ' || **b == b'\t')
        .count();
    if gap == 0 {
        return None;
    }
    p += gap;
    let d = line.get(p..p + 10)?;
    let shape = d[..4].iter().all(u8::is_ascii_digit)
        && d[4] == b'-'
        && d[5..7].iter().all(u8::is_ascii_digit)
        && d[7] == b'-'
        && d[8..10].iter().all(u8::is_ascii_digit);
    if !shape {
        return None;
    }
    let date = (p, p + 10);
    p += 10;
    if p < line.len() && !line[p].is_ascii_whitespace() {
        return None;
    }
    let s = p + line[p..]
        .iter()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    let e = line.len()
        - line[s..]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
    let section = (e > s).then_some((s, e));
    Some(HeaderPos { date, section })
}

// ---------------------------------------------------------------------------------------------
// Splitting a stream of lines into records

struct Pending {
    buf: Vec<u8>,
    lines: usize,
    line: u64,
    byte: u64,
    size: u64,
    too_large: bool,
    invalid_at: Option<(u64, u64)>,
}

/// Groups lines into records and parses each complete record.
pub(crate) struct Assembler<'n> {
    name: &'n str,
    max: usize,
    cur: Option<Pending>,
    seen_header: bool,
    junk_reported: bool,
}

impl<'n> Assembler<'n> {
    pub fn new(name: &'n str, max: usize) -> Assembler<'n> {
        Assembler {
            name,
            max,
            cur: None,
            seen_header: false,
            junk_reported: false,
        }
    }

    /// Feeds one line (without terminator).
    pub fn line(&mut self, bytes: &[u8], info: LineInfo, sink: &mut dyn FnMut(Item)) {
        if !info.too_long && parse_header(bytes).is_some() {
            self.flush(sink);
            self.seen_header = true;
            self.cur = Some(Pending {
                buf: Vec::with_capacity(4096),
                lines: 0,
                line: info.line,
                byte: info.byte,
                size: 0,
                too_large: false,
                invalid_at: None,
            });
        }
        match &mut self.cur {
            None => {
                if (info.too_long || !bytes.iter().all(u8::is_ascii_whitespace))
                    && !self.junk_reported
                {
                    self.junk_reported = true;
                    sink(Item::Failed(
                        Diagnostic::error(
                            codes::NO_HEADER,
                            "text before the first ` date YYYY-MM-DD SECTION` header line",
                        )
                        .in_file(self.name)
                        .at_line(info.line)
                        .at_byte(info.byte),
                    ));
                }
            }
            Some(p) => {
                p.size += info.len + 1;
                if p.too_large {
                    return;
                }
                if info.too_long || p.buf.len() + bytes.len() + 1 > self.max {
                    p.too_large = true;
                    p.buf = Vec::new();
                    return;
                }
                if p.invalid_at.is_none() {
                    if let Err(e) = std::str::from_utf8(bytes) {
                        p.invalid_at = Some((info.line, info.byte + e.valid_up_to() as u64));
                    }
                }
                if p.lines > 0 {
                    p.buf.push(b'\n');
                }
                p.buf.extend_from_slice(bytes);
                p.lines += 1;
            }
        }
    }

    /// Parses and emits the record in progress, if any.
    pub fn flush(&mut self, sink: &mut dyn FnMut(Item)) {
        let Some(p) = self.cur.take() else { return };
        if p.too_large {
            sink(Item::Failed(
                Diagnostic::error(
                    codes::TOO_LARGE,
                    format!("record too large ({} bytes)", p.size),
                )
                .in_file(self.name)
                .at_line(p.line)
                .at_byte(p.byte),
            ));
            return;
        }
        let (text, _) = decode_owned(p.buf);
        let mut warnings = Vec::new();
        if let Some((line, byte)) = p.invalid_at {
            warnings.push(not_utf8_warning(self.name, Some(line), byte));
        }
        sink(parse_record(self.name, text, p.line, p.byte, warnings));
    }

    /// Drops the record in progress (it may be cut by a broken stream).
    pub fn abort(&mut self) {
        self.cur = None;
    }

    /// Flushes the last record; reports an input without any record.
    pub fn finish(&mut self, sink: &mut dyn FnMut(Item)) {
        self.flush(sink);
        if !self.seen_header && !self.junk_reported {
            sink(Item::Failed(
                Diagnostic::error(codes::EMPTY, "empty file").in_file(self.name),
            ));
        }
    }
}

/// Streams news records from a line reader.
pub(crate) fn read<R: BufRead>(
    name: &str,
    mut lines: LineReader<R>,
    max: usize,
    sink: &mut dyn FnMut(Item),
) {
    let mut asm = Assembler::new(name, max);
    let mut buf = Vec::new();
    loop {
        match lines.next_line(&mut buf) {
            Next::Line(info) => asm.line(&buf, info, sink),
            Next::Eof => {
                asm.finish(sink);
                return;
            }
            Next::Error { err, offset } => {
                asm.abort();
                sink(Item::Failed(stream_failure(name, &err, offset)));
                return;
            }
        }
    }
}

/// Parses news records from an in-memory string (any line endings, optional BOM).
pub(crate) fn parse_str(name: &str, text: &str, sink: &mut dyn FnMut(Item)) {
    let (body, offset) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, 3u64),
        None => (text, 0u64),
    };
    let bytes = body.as_bytes();
    let mut asm = Assembler::new(name, usize::MAX);
    let mut pos = 0usize;
    let mut line_no = 0u64;
    while pos < bytes.len() {
        let end = bytes[pos..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(bytes.len(), |i| pos + i);
        line_no += 1;
        let info = LineInfo {
            line: line_no,
            byte: offset + pos as u64,
            len: (end - pos) as u64,
            too_long: false,
        };
        asm.line(&bytes[pos..end], info, sink);
        pos = end;
        if pos < bytes.len() {
            if bytes[pos] == b'\r' && bytes.get(pos + 1) == Some(&b'\n') {
                pos += 1;
            }
            pos += 1;
        }
    }
    asm.finish(sink);
}

// ---------------------------------------------------------------------------------------------
// Line classifiers

/// A caption line with a credit: `Caption / Photo: CREDIT`, `Caption Photo: CREDIT`,
/// `Caption / Credit: CREDIT`, `Caption (Photo: CREDIT)`, or just `Photo: CREDIT`.
/// Ranges are byte offsets into `line`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CaptionCredit {
    pub caption: Option<(usize, usize)>,
    pub credit: (usize, usize),
}

const CREDIT_MARKERS: [&str; 7] = [
    "photo",
    "photos",
    "photograph",
    "picture",
    "image",
    "credit",
    "pic",
];

/// Finds a caption with a credit. `strict` (used in the body) requires a `/`, `|` or `(` before
/// the marker, or a photo marker at the start of the line.
pub(crate) fn caption_credit(line: &str, strict: bool) -> Option<CaptionCredit> {
    let mut search_end = line.len();
    while let Some(colon) = line[..search_end].rfind(':') {
        search_end = colon;
        let before = &line[..colon];
        let word_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &before[word_start..];
        if !CREDIT_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(word)) {
            continue;
        }
        let is_photo = !word.eq_ignore_ascii_case("credit");
        let pre = before[..word_start].trim_end();
        let mut credit_end = line.len();
        let caption = if let Some(p) = pre.strip_suffix('/').or_else(|| pre.strip_suffix('|')) {
            Some((0, p.trim_end().len()))
        } else if let Some(p) = pre.strip_suffix('(') {
            let close = line[colon..].find(')').map(|i| colon + i)?;
            if !line[close + 1..]
                .trim_matches(|c: char| c.is_whitespace() || c == '.')
                .is_empty()
            {
                continue;
            }
            credit_end = close;
            Some((0, p.trim_end().len()))
        } else if pre.is_empty() && is_photo {
            None
        } else if !strict && word.eq_ignore_ascii_case("photo") && !pre.is_empty() {
            Some((0, pre.len()))
        } else {
            continue;
        };
        let (cs, ce) = trim_range(line, colon + 1, credit_end)?;
        let credit = &line[cs..ce];
        if credit.len() > 80 || credit.split_whitespace().count() > 10 {
            continue;
        }
        let caption = caption.and_then(|(s, e)| trim_range(line, s, e));
        return Some(CaptionCredit {
            caption,
            credit: (cs, ce),
        });
    }
    None
}

/// A byline: the names without "By", and an agency named after them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Byline {
    pub names: Option<String>,
    pub agency: Option<String>,
}

const AGENCIES: [&str; 24] = [
    "reuters",
    "ap",
    "associated press",
    "the associated press",
    "afp",
    "agence france-presse",
    "agence france presse",
    "bloomberg",
    "dpa",
    "efe",
    "ansa",
    "xinhua",
    "kyodo",
    "kyodo news",
    "yonhap",
    "pa",
    "pa media",
    "press association",
    "upi",
    "tass",
    "interfax",
    "anadolu",
    "anadolu agency",
    "aap",
];

fn is_known_agency(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.');
    s.len() <= 24 && AGENCIES.iter().any(|a| a.eq_ignore_ascii_case(s))
}

const NAME_CONNECTORS: [&str; 22] = [
    "and", "&", "in", "for", "of", "de", "del", "van", "von", "der", "den", "la", "le", "da", "di",
    "du", "dos", "bin", "ibn", "al", "el", "the",
];

/// `By Jane Doe`, `By Jane Doe and John Roe`, `By Jane Doe, Reuters`, `BY JANE DOE in Kyiv`.
pub(crate) fn parse_byline(line: &str) -> Option<Byline> {
    let t = line.trim();
    let rest = ["By ", "BY ", "By: ", "BY: "]
        .iter()
        .find_map(|p| t.strip_prefix(p))?
        .trim();
    if rest.is_empty() || rest.len() > 120 || !rest.chars().next().is_some_and(|c| c.is_uppercase())
    {
        return None;
    }
    let toks: Vec<&str> = rest.split_whitespace().collect();
    if toks.len() > 14 || rest.ends_with(['!', '?', ':', ';']) {
        return None;
    }
    if rest.ends_with('.') && toks.last().is_some_and(|w| w.chars().count() > 4) {
        return None;
    }
    let ok = toks.iter().all(|tok| {
        let w = tok.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
        w.is_empty()
            || w.chars().next().is_some_and(|c| c.is_uppercase())
            || NAME_CONNECTORS.contains(&w)
            || w.starts_with("al-")
            || w.starts_with("el-")
    });
    if !ok {
        return None;
    }
    let mut names = rest;
    let mut agency = None;
    for sep in [",", " | ", " - ", " – ", " — ", " for ", " / "] {
        if let Some(i) = names.rfind(sep) {
            let tail = names[i + sep.len()..].trim().trim_end_matches('.');
            if is_known_agency(tail) {
                agency = Some(tail.to_string());
                names = names[..i].trim();
                break;
            }
        }
    }
    if is_known_agency(names) {
        return Some(Byline {
            names: None,
            agency: Some(names.trim_end_matches('.').to_string()),
        });
    }
    // Drop " in Place" after each name: "Jane Doe in Kyiv and John Roe in Moscow".
    let names = if names.split_whitespace().any(|w| w == "in") {
        let mut kept: Vec<&str> = Vec::new();
        let mut skipping = false;
        for w in names.split_whitespace() {
            if w == "in" {
                skipping = true;
                continue;
            }
            if skipping {
                if w == "and" || w == "&" {
                    skipping = false;
                    kept.push(w);
                } else if w.ends_with(',') {
                    skipping = false;
                    if let Some(last) = kept.last_mut() {
                        // keep the list separator on the name before
                        if !last.ends_with(',') {
                            kept.push(",");
                        }
                    }
                }
                continue;
            }
            kept.push(w);
        }
        let mut s = String::new();
        for w in kept {
            if !s.is_empty() && w != "," {
                s.push(' ');
            }
            s.push_str(w);
        }
        s
    } else {
        names.to_string()
    };
    let names = names.trim_end_matches(',').trim().to_string();
    Some(Byline {
        names: (!names.is_empty()).then_some(names),
        agency,
    })
}

/// `RelatedSome title`: the byte offset of the title in the (left-trimmed) line.
fn related_title(t: &str) -> Option<usize> {
    let rest = t.strip_prefix("Related")?;
    let c = rest.chars().next()?;
    (c.is_uppercase() || matches!(c, '"' | '\'' | '‘' | '“' | '«')).then_some(7)
}

/// `SOURCE:Reuters`, `Source: AFP`: the agency's byte range in `t`.
fn source_line(t: &str) -> Option<(usize, usize)> {
    let b = t.as_bytes();
    if b.len() < 8 || !b[..6].eq_ignore_ascii_case(b"source") {
        return None;
    }
    let after = &t[6..];
    let colon = after.len() - after.trim_start().len();
    if !after[colon..].starts_with(':') {
        return None;
    }
    let from = 6 + colon + 1;
    let (s, e) = trim_range(t, from, t.len())?;
    let name = t[s..e].trim_end_matches('.');
    let e = s + name.len();
    if name.is_empty() || name.len() > 60 || name.split_whitespace().count() > 6 {
        return None;
    }
    Some((s, e))
}

/// A short single line with no final sentence punctuation.
fn is_crosshead(t: &str) -> bool {
    let t = t.trim();
    let Some(first) = t.chars().next() else {
        return false;
    };
    let Some(last) = t.chars().last() else {
        return false;
    };
    t.chars().count() <= 60
        && t.split_whitespace().count() <= 8
        && !first.is_lowercase()
        && t.chars().any(|c| c.is_alphabetic())
        && !matches!(
            last,
            '.' | '!' | '?' | ':' | ';' | '"' | '”' | '’' | '\'' | ',' | '…'
        )
}

// ---------------------------------------------------------------------------------------------
// Parsing one record

struct Cand {
    s: usize,
    e: usize,
    single: bool,
}

/// Parses one record whose text starts with its header line.
pub(crate) fn parse_record(
    name: &str,
    mut text: String,
    line: u64,
    byte: u64,
    mut warnings: Vec<Diagnostic>,
) -> Item {
    truncate_end(&mut text);
    let lines: Vec<(usize, usize)> = line_ranges(&text, 0, text.len()).collect();
    let lt = |i: usize| &text[lines[i].0..lines[i].1];
    let fail = |code: &str, msg: &str| {
        Item::Failed(
            Diagnostic::error(code, msg)
                .in_file(name)
                .at_line(line)
                .at_byte(byte),
        )
    };
    let Some(hp) = lines
        .first()
        .and_then(|&(s, e)| parse_header(&text.as_bytes()[s..e]))
    else {
        return fail(
            codes::NO_HEADER,
            "record without a ` date YYYY-MM-DD SECTION` header line",
        );
    };
    let n = lines.len();
    let mut z = Zones::default();
    z.add(&text, ZoneKind::Header, lines[0].0, lines[0].1);
    let h0 = lines[0].0;
    let date = &text[h0 + hp.date.0..h0 + hp.date.1];
    let published = if valid_iso_date(date) {
        Some(date.to_string())
    } else {
        warnings.push(
            Diagnostic::warning(
                codes::BAD_DATE,
                format!("header date {date} is not a valid date"),
            )
            .in_file(name)
            .at_line(line),
        );
        None
    };
    let section = hp
        .section
        .map(|(s, e)| text[h0 + s..h0 + e].trim().to_string())
        .filter(|s| !s.is_empty());

    // Headline: first non-empty line after the header.
    let mut i = 1;
    while i < n && is_blank(lt(i)) {
        i += 1;
    }
    if i >= n {
        return fail(
            codes::EMPTY_RECORD,
            "record has a header line but no headline",
        );
    }
    z.add(&text, ZoneKind::Headline, lines[i].0, lines[i].1);
    i += 1;

    // Preamble: the lines up to the first blank line. When the headline is followed directly
    // by a blank line, a next block holding a credited caption or a date line is the preamble.
    let mut pre = i..i;
    while pre.end < n && !is_blank(lt(pre.end)) {
        pre.end += 1;
    }
    if pre.is_empty() {
        let mut j = i;
        while j < n && is_blank(lt(j)) {
            j += 1;
        }
        let mut k = j;
        while k < n && !is_blank(lt(k)) {
            k += 1;
        }
        if (j..k).any(|x| caption_credit(lt(x), false).is_some() || is_date_line(lt(x))) {
            pre = j..k;
        }
    }

    let mut byline: Option<String> = None;
    let mut byline_seen = false;
    let mut byline_agency: Option<String> = None;
    let mut standfirst_seen = false;
    for x in pre.clone() {
        let (ls, le) = lines[x];
        let t = lt(x);
        if let Some(cc) = caption_credit(t, false) {
            if let Some((a, b)) = cc.caption {
                z.add(&text, ZoneKind::Caption, ls + a, ls + b);
            }
            z.add(&text, ZoneKind::Credit, ls + cc.credit.0, ls + cc.credit.1);
        } else if is_date_line(t) {
            z.add(&text, ZoneKind::DisplayDate, ls, le);
        } else if let Some(b) = (!byline_seen).then(|| parse_byline(t)).flatten() {
            byline_seen = true;
            z.add(&text, ZoneKind::Byline, ls, le);
            byline = b.names;
            byline_agency = b.agency;
        } else if !standfirst_seen {
            standfirst_seen = true;
            z.add(&text, ZoneKind::Standfirst, ls, le);
        } else {
            z.add(&text, ZoneKind::Caption, ls, le);
        }
    }

    // Body: blocks separated by blank lines; related, source and credited-caption lines are
    // zones of their own wherever they are.
    let mut source_agency: Option<String> = None;
    let mut cands: Vec<Cand> = Vec::new();
    let mut x = pre.end.max(i);
    while x < n {
        if is_blank(lt(x)) {
            x += 1;
            continue;
        }
        let mut run: Option<(usize, usize)> = None; // first, last line of ordinary lines
        while x < n && !is_blank(lt(x)) {
            let (ls, le) = lines[x];
            let t = lt(x);
            let lead = t.len() - t.trim_start().len();
            let tt = &t[lead..];
            let special = if let Some(off) = related_title(tt) {
                z.add(&text, ZoneKind::Related, ls + lead + off, le);
                true
            } else if let Some((a, b)) = source_line(tt) {
                z.add(&text, ZoneKind::Agency, ls, le);
                if source_agency.is_none() {
                    source_agency = Some(tt[a..b].to_string());
                }
                true
            } else if let Some(cc) = caption_credit(t, true) {
                if let Some((a, b)) = cc.caption {
                    z.add(&text, ZoneKind::Caption, ls + a, ls + b);
                }
                z.add(&text, ZoneKind::Credit, ls + cc.credit.0, ls + cc.credit.1);
                true
            } else {
                false
            };
            if special {
                if let Some((f, l)) = run.take() {
                    cands.push(Cand {
                        s: lines[f].0,
                        e: lines[l].1,
                        single: f == l,
                    });
                }
            } else {
                run = Some(run.map_or((x, x), |(f, _)| (f, x)));
            }
            x += 1;
        }
        if let Some((f, l)) = run {
            cands.push(Cand {
                s: lines[f].0,
                e: lines[l].1,
                single: f == l,
            });
        }
    }

    let mut first_para: Option<(usize, usize)> = None;
    let mut dangling_crossheads: Vec<usize> = Vec::new();
    for c in &cands {
        let Some((s, e)) = trim_range(&text, c.s, c.e) else {
            continue;
        };
        let t = &text[s..e];
        if first_para.is_none() && c.single {
            if !byline_seen {
                if let Some(b) = parse_byline(t) {
                    byline_seen = true;
                    z.add(&text, ZoneKind::Byline, s, e);
                    byline = b.names;
                    byline_agency = b.agency;
                    continue;
                }
            }
            if is_date_line(t) {
                z.add(&text, ZoneKind::DisplayDate, s, e);
                continue;
            }
        }
        if first_para.is_some() && c.single && is_crosshead(t) {
            z.add(&text, ZoneKind::Crosshead, s, e);
            dangling_crossheads.push(s);
        } else {
            z.add(&text, ZoneKind::Paragraph, s, e);
            dangling_crossheads.clear();
            if first_para.is_none() {
                first_para = Some((s, e));
            }
        }
    }
    // A heading with nothing under it is not a heading.
    for s in dangling_crossheads {
        z.retype(s, ZoneKind::Crosshead, ZoneKind::Paragraph);
    }

    let mut dateline = None;
    let mut wire_agency = None;
    if let Some((s, e)) = first_para {
        if let Some(d) = parse_wire_dateline(&text[s..e]) {
            z.add(&text, ZoneKind::Dateline, s + d.place.0, s + d.place.1);
            dateline = Some(text[s + d.place.0..s + d.place.1].to_string());
            wire_agency = d.agency.map(|(a, b)| text[s + a..s + b].to_string());
        }
    }

    let agency = source_agency.or(wire_agency).or(byline_agency);
    let mut article = Article::new(String::new(), agency.clone());
    article.published = published;
    article.section = section;
    article.agency = agency;
    article.byline = byline;
    article.dateline = dateline;
    article.origin = Origin {
        path: Some(name.to_string()),
        line: Some(line),
        byte: Some(byte),
        reader: READER.to_string(),
        ..Origin::default()
    };
    article.text = text;
    set_zones(&mut article, z);
    article.refresh_id();
    for w in &mut warnings {
        if w.file.is_none() {
            w.file = Some(name.to_string());
        }
    }
    Item::Article(Box::new(article), warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        let h = parse_header(b"  date 2025-02-26 WORLD NEWS ").unwrap();
        assert_eq!(h.date, (7, 17));
        assert_eq!(h.section, Some((18, 28)));
        assert_eq!(parse_header(b"date 2025-02-26").unwrap().section, None);
        assert!(parse_header(b"date 2025-02-26X").is_none());
        assert!(parse_header(b"date2025-02-26").is_none());
        assert!(parse_header(b"update 2025-02-26").is_none());
        assert!(parse_header(b"").is_none());
    }

    #[test]
    fn captions_and_credits() {
        let l = "Crowds gather in the square. / Photo: AFP";
        let cc = caption_credit(l, false).unwrap();
        assert_eq!(
            &l[cc.caption.unwrap().0..cc.caption.unwrap().1],
            "Crowds gather in the square."
        );
        assert_eq!(&l[cc.credit.0..cc.credit.1], "AFP");
        let l = "A lorry on the bridge Photo: Getty Images";
        let cc = caption_credit(l, false).unwrap();
        assert_eq!(&l[cc.credit.0..cc.credit.1], "Getty Images");
        assert!(caption_credit(l, true).is_none());
        let l = "Rescue workers at the site /CREDIT: Jane Roe/Reuters";
        let cc = caption_credit(l, true).unwrap();
        assert_eq!(&l[cc.credit.0..cc.credit.1], "Jane Roe/Reuters");
        let l = "Flood barriers in place (Photo: EPA)";
        let cc = caption_credit(l, true).unwrap();
        assert_eq!(
            &l[cc.caption.unwrap().0..cc.caption.unwrap().1],
            "Flood barriers in place"
        );
        assert_eq!(&l[cc.credit.0..cc.credit.1], "EPA");
        assert!(caption_credit("The minister said: we will act.", false).is_none());
        assert!(caption_credit("Credit: the bank raised its forecast", true).is_none());
    }

    #[test]
    fn bylines() {
        let b = parse_byline("By Jane Doe").unwrap();
        assert_eq!(b.names.as_deref(), Some("Jane Doe"));
        let b = parse_byline("By Jane Doe, Reuters").unwrap();
        assert_eq!(
            (b.names.as_deref(), b.agency.as_deref()),
            (Some("Jane Doe"), Some("Reuters"))
        );
        let b = parse_byline("By Jane Doe and John Roe").unwrap();
        assert_eq!(b.names.as_deref(), Some("Jane Doe and John Roe"));
        let b = parse_byline("By Jane Doe in Kyiv and John Roe in Moscow").unwrap();
        assert_eq!(b.names.as_deref(), Some("Jane Doe and John Roe"));
        assert!(parse_byline("By Friday, the talks had collapsed.").is_none());
        assert!(parse_byline("Byzantine politics").is_none());
        assert!(parse_byline("by the river").is_none());
    }

    #[test]
    fn body_line_kinds() {
        assert_eq!(related_title("RelatedTalks resume in Geneva"), Some(7));
        assert_eq!(related_title("Related“Peace” plan"), Some(7));
        assert_eq!(related_title("Related talks resumed."), None);
        let t = "SOURCE:Reuters";
        let (a, b) = source_line(t).unwrap();
        assert_eq!(&t[a..b], "Reuters");
        let t = "Source : AFP.";
        let (a, b) = source_line(t).unwrap();
        assert_eq!(&t[a..b], "AFP");
        assert!(source_line("Sources said the deal was close.").is_none());
        assert!(
            source_line("Source: a senior official who asked not to be named said so").is_none()
        );
        assert!(is_crosshead("Ukraine deal"));
        assert!(!is_crosshead("What happens next?"));
        assert!(!is_crosshead("and then the talks resumed"));
        assert!(!is_crosshead("This line is a short sentence."));
        assert!(!is_crosshead(
            "one two three four five six seven eight nine"
        ));
    }
}
