//! RSS and Atom feeds (`feed/1`): one article per item (RSS 2.0, RSS 1.0/RDF) or entry (Atom).
//!
//! # What is read
//! | article | RSS | Atom |
//! |---|---|---|
//! | body | `content:encoded`, else `description` | `content` (`type` text, html or xhtml; not `src=`), else `summary` |
//! | standfirst | `description` when the body is `content:encoded` and does not open with it | `summary` likewise |
//! | headline | `title` | `title` |
//! | `source` (so the id) and `Origin::url` | `feedburner:origLink`, else `link`, else a `guid` that is a permalink URL | `link` with `rel="alternate"` (or no `rel`) |
//! | `published` (+ time and zone) | `pubDate` (RFC 2822), else `dc:date` | `published`, else `updated` (RFC 3339) |
//! | `byline` | `author` (`mail (Name)` → `Name`; a bare e-mail address is dropped), `dc:creator` | `author/name` |
//! | `section` | the first `category` (or `dc:subject`) | the first `category` (`label`, else `term`) |
//! | `language` | the channel's `language` | `xml:lang` of the entry or feed |
//! | `Origin::external_id` | `guid` | `id` |
//!
//! Element names are matched on their conventional prefixes (`content:`, `dc:`, `atom:`,
//! `feedburner:`), case-insensitively; fields are read only from the direct children of an item,
//! so `media:title` or an `image/title` never stand in for the item's own.
//!
//! HTML (`content:encoded`, `description`, Atom `type="html"` and `type="xhtml"`, CDATA or
//! escaped, also raw inline markup) goes through the HTML reader's text extraction for
//! fragments: block elements become paragraphs in order, `h1`–`h6` crossheads, `figcaption`
//! captions; scripts, styles and link-only blocks ("Continue reading", "The post … appeared first
//! on …") are dropped. Plain text is split into paragraphs at blank lines. Character references
//! are decoded, HTML ones too (`&rsquo;`, also in titles, also when double-escaped as
//! `&amp;rsquo;`).
//!
//! # Canonical text and id
//! Headline, standfirst, then the body blocks, joined by blank lines, with their zones. The
//! `source` is the item's link (relative links resolved against the channel's link), with its
//! `#fragment` and `utm_*` tracking parameters removed, so that an item and the page it links to
//! (whose canonical URL the HTML reader takes as `source`) share their source key, and the
//! store keeps one of them (see `dateline_store::Store::write_batch`). An item without a link
//! takes the channel's title as its (publisher) source.
//!
//! # Errors
//! Reading never fails as a whole. A date that does not parse is a warning (`I202`) and leaves
//! `published` empty. An item with no text (only a title, or nothing) is `I009`. Malformed XML
//! ends reading with one `I011` failure, keeping every item before it; a feed with no items at
//! all is `I012`. A feed is held in memory, bounded by `max_record_bytes` (else `I105`); lines
//! and bytes in diagnostics and origins count in the decoded text (equal to the file's for
//! UTF-8). A document that turns out to be an HTML page goes to the HTML reader.
//!
//! # Encoding
//! A UTF-8 BOM, else the XML declaration's `encoding` (a single-byte charset on text that is
//! valid UTF-8 is read as UTF-8), else UTF-8 with invalid bytes decoded as Windows-1252 (warning
//! `I104` on the first article).

use std::borrow::Cow;
use std::io::Read;

use dateline_model::{Article, Diagnostic, Origin, ZoneKind};
use encoding_rs::{Encoding, UTF_8};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::codes;
use crate::dates::{parse_rfc2822, parse_timestamp, valid_iso_date, Timestamp};
use crate::html::{decode_entities, fragment_blocks, fragment_text, read_html, PageHints};
use crate::text::{decode, not_utf8_warning, set_zones, Zones};
use crate::{Item, ReadOptions};

/// The reader name and version recorded in [`Origin::reader`].
pub const READER: &str = "feed/1";

/// How far down the element stack an end tag is looked for (unmatched ones are ignored).
const END_SEARCH: usize = 256;

/// Reads one feed from a stream (held in memory, bounded by [`ReadOptions::max_record_bytes`]).
pub(crate) fn read(name: &str, reader: impl Read, opts: &ReadOptions, sink: &mut dyn FnMut(Item)) {
    if let Some(buf) = crate::read::read_bounded(name, reader, opts, "feed", sink) {
        read_feed(name, &buf, sink);
    }
}

/// Reads an RSS or Atom feed from bytes, pushing one article (or failure) per item to `sink`,
/// in feed order. `name` is used in diagnostics and as `Origin::path`. Never panics.
pub fn read_feed(name: &str, bytes: &[u8], sink: &mut dyn FnMut(Item)) {
    let (text, shift, bad) = decode_feed(bytes);
    let mut p = Parser::new(name, &text, shift);
    if let Some(off) = bad {
        p.pending_warning = Some(not_utf8_warning(name, None, off as u64));
    }
    match p.run(sink) {
        Outcome::Html => sink(read_html(name, bytes, &PageHints::default())),
        Outcome::Done => {}
    }
}

// ---------------------------------------------------------------------------------------------
// Decoding

/// The text, the byte shift of offsets (a stripped BOM) and the first invalid UTF-8 byte.
fn decode_feed(bytes: &[u8]) -> (Cow<'_, str>, u64, Option<usize>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (t, bad) = decode(rest);
        return (t, 3, bad.map(|b| b + 3));
    }
    match declared_encoding(&bytes[..bytes.len().min(1024)]) {
        Some(enc)
            if enc != UTF_8
                && enc != encoding_rs::UTF_16LE
                && enc != encoding_rs::UTF_16BE
                && enc != encoding_rs::REPLACEMENT =>
        {
            if enc.is_single_byte() && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
                let (t, bad) = decode(bytes);
                return (t, 0, bad);
            }
            let (t, _) = enc.decode_without_bom_handling(bytes);
            (t, 0, None)
        }
        _ => {
            let (t, bad) = decode(bytes);
            (t, 0, bad)
        }
    }
}

/// The `encoding` of an XML declaration at the start of `head`.
fn declared_encoding(head: &[u8]) -> Option<&'static Encoding> {
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &head[start..];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = &head[..end];
    let at = decl.windows(8).position(|w| w == b"encoding")?;
    let v = decl[at + 8..].trim_ascii_start().strip_prefix(b"=")?;
    let v = v.trim_ascii_start();
    let q = *v.first()?;
    if q != b'"' && q != b'\'' {
        return None;
    }
    let v = &v[1..];
    let len = v.iter().position(|b| *b == q)?;
    Encoding::for_label(&v[..len])
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/// Resolves the five XML entities and numeric character references; anything else (an HTML
/// entity such as `&rsquo;`, a stray `&`) is kept as it is, for the HTML step to decode.
fn xml_unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let semi = rest[1..]
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(j, _)| j + 1);
        let resolved = semi.and_then(|j| {
            let name = &rest[1..j];
            let c = match name {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code).filter(|c| *c != '\0')?
                }
            };
            Some((c, j + 1))
        });
        match resolved {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Escapes text (CDATA) for inclusion in the escaped form of a field.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Paragraphs of plain text: split at blank lines, entities decoded, whitespace collapsed.
fn plain_blocks(s: &str) -> Vec<(ZoneKind, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut push = |cur: &mut String| {
        let t = decode_entities(cur);
        if !t.is_empty() {
            out.push((ZoneKind::Paragraph, t));
        }
        cur.clear();
    };
    for line in s.lines() {
        if line.trim().is_empty() {
            push(&mut cur);
        } else {
            cur.push_str(line);
            cur.push('\n');
        }
    }
    push(&mut cur);
    out
}

fn is_http(s: &str) -> bool {
    let l = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

/// Resolves `link` against `base` (absolute, scheme-relative, root-relative or relative), then
/// removes the fragment and `utm_*` query parameters.
fn normalize_link(link: &str, base: Option<&str>) -> String {
    let link = link.trim();
    let mut abs = if is_http(link) || base.is_none() {
        link.to_string()
    } else {
        let base = base.unwrap_or("");
        let scheme_end = base.find("://").map_or(0, |i| i + 3);
        let host_end = base[scheme_end..]
            .find(['/', '?', '#'])
            .map_or(base.len(), |i| scheme_end + i);
        if let Some(r) = link.strip_prefix("//") {
            format!("{}{r}", &base[..scheme_end])
        } else if link.starts_with('/') {
            format!("{}{link}", &base[..host_end])
        } else if link.is_empty() || !is_http(base) {
            link.to_string()
        } else {
            let path = &base[..base[..base.find(['?', '#']).unwrap_or(base.len())]
                .rfind('/')
                .filter(|i| *i >= host_end)
                .map_or(host_end, |i| i)];
            format!("{path}/{link}")
        }
    };
    if let Some(h) = abs.find('#') {
        abs.truncate(h);
    }
    if let Some(q) = abs.find('?') {
        let kept: Vec<&str> = abs[q + 1..]
            .split('&')
            .filter(|p| !p.is_empty() && !p.to_ascii_lowercase().starts_with("utm_"))
            .collect();
        let kept = kept.join("&");
        abs.truncate(q);
        if !kept.is_empty() {
            abs.push('?');
            abs.push_str(&kept);
        }
    }
    abs
}

/// An author as given by RSS (`jane@example.com (Jane Doe)`, `Jane Doe <jane@…>`) or Atom.
fn author_name(s: &str) -> Option<String> {
    let s = s.trim();
    if let (Some(o), true) = (s.find('('), s.ends_with(')')) {
        let inner = s[o + 1..s.len() - 1].trim();
        if !inner.is_empty() {
            return Some(inner.to_string());
        }
    }
    let s = match s.find('<') {
        Some(i) if s.ends_with('>') && i > 0 => s[..i].trim(),
        _ => s,
    };
    if s.is_empty() || (s.contains('@') && !s.contains(' ')) {
        return None;
    }
    Some(s.to_string())
}

fn language(s: &str) -> Option<String> {
    let l: String = s
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    (l.len() == 2 || l.len() == 3).then_some(l)
}

// ---------------------------------------------------------------------------------------------
// The parser

/// How a field's text is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Text,
    Html,
    Xhtml,
}

fn content_type(t: Option<&str>, default: Ty) -> Option<Ty> {
    let Some(t) = t else { return Some(default) };
    match t.trim().to_ascii_lowercase().as_str() {
        "" => Some(default),
        "text" | "text/plain" => Some(Ty::Text),
        "html" | "text/html" => Some(Ty::Html),
        "xhtml" | "application/xhtml+xml" => Some(Ty::Xhtml),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title(Ty),
    Link,
    OrigLink,
    Guid { permalink: bool },
    Id,
    Published,
    Updated,
    Author,
    Category,
    Summary(Ty),
    Content(Ty),
    ChannelTitle,
    ChannelLink,
    ChannelLanguage,
}

/// A field being read: its text in escaped form (text as written, references as `&name;`,
/// CDATA escaped, child elements as markup).
#[derive(Debug)]
struct Capture {
    field: Field,
    /// Stack index of the field's element.
    depth: usize,
    raw: String,
    /// Child elements were met (raw inline markup or XHTML).
    tags: bool,
    /// For an Atom author: the stack index and range of its `name` child.
    name_depth: Option<usize>,
    name: Option<(usize, usize)>,
}

impl Capture {
    /// The field as HTML.
    fn html(&self, ty: Ty) -> Cow<'_, str> {
        if self.tags || ty == Ty::Xhtml {
            Cow::Borrowed(&self.raw)
        } else {
            xml_unescape(&self.raw)
        }
    }

    /// The field as one line of plain text.
    fn text(&self, ty: Ty) -> String {
        if self.tags || ty != Ty::Text {
            fragment_text(&self.html(ty))
        } else {
            decode_entities(&xml_unescape(&self.raw))
        }
    }

    /// The field as blocks.
    fn blocks(&self, ty: Ty) -> Vec<(ZoneKind, String)> {
        if ty == Ty::Text && !self.tags {
            return plain_blocks(&xml_unescape(&self.raw));
        }
        let html = self.html(ty);
        if html.contains('<') {
            fragment_blocks(&html)
        } else {
            plain_blocks(&html)
        }
    }
}

/// What the channel (or Atom feed) says about all its items.
#[derive(Debug, Default)]
struct Channel {
    title: Option<String>,
    link: Option<String>,
    language: Option<String>,
}

/// One item being read.
#[derive(Debug, Default)]
struct ItemState {
    depth: usize,
    line: u64,
    byte: u64,
    title: Option<String>,
    link: Option<String>,
    orig_link: Option<String>,
    permalink: Option<String>,
    guid: Option<String>,
    published: Option<String>,
    updated: Option<String>,
    authors: Vec<String>,
    categories: Vec<String>,
    summary: Option<Vec<(ZoneKind, String)>>,
    summary_text: Option<String>,
    content: Option<Vec<(ZoneKind, String)>>,
    language: Option<String>,
}

enum Outcome {
    Done,
    /// The document is an HTML page, not a feed.
    Html,
}

struct Parser<'t> {
    name: &'t str,
    text: &'t str,
    shift: u64,
    stack: Vec<String>,
    channel: Channel,
    item: Option<ItemState>,
    cap: Option<Capture>,
    items: usize,
    pending_warning: Option<Diagnostic>,
    /// Incremental line counting: the last offset and its 1-based line.
    line_at: (usize, u64),
}

fn lower_name(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw).to_ascii_lowercase()
}

/// The attributes of a start tag, keys lower-cased, values with references resolved.
fn attrs(e: &BytesStart<'_>) -> Vec<(String, String)> {
    let mut it = e.html_attributes();
    it.with_checks(false);
    it.flatten()
        .map(|a| {
            let k = lower_name(a.key.as_ref());
            let v = String::from_utf8_lossy(&a.value);
            (k, xml_unescape(&v).into_owned())
        })
        .collect()
}

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn is_item(qn: &str) -> bool {
    matches!(qn, "item" | "entry" | "atom:entry" | "rss:item")
}

fn is_container(qn: &str) -> bool {
    matches!(qn, "channel" | "feed" | "atom:feed" | "rss:channel")
}

impl<'t> Parser<'t> {
    fn new(name: &'t str, text: &'t str, shift: u64) -> Parser<'t> {
        Parser {
            name,
            text,
            shift,
            stack: Vec::new(),
            channel: Channel::default(),
            item: None,
            cap: None,
            items: 0,
            pending_warning: None,
            line_at: (0, 1),
        }
    }

    /// The 1-based line of byte `off` (offsets must not go backwards by much: counting
    /// restarts from the top when they do).
    fn line(&mut self, off: usize) -> u64 {
        let off = off.min(self.text.len());
        let (mut from, mut line) = self.line_at;
        if off < from {
            (from, line) = (0, 1);
        }
        line += self.text.as_bytes()[from..off]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        self.line_at = (off, line);
        line
    }

    fn fail(&mut self, code: &str, msg: String, off: usize) -> Item {
        let line = self.line(off);
        Item::Failed(
            Diagnostic::error(code, msg)
                .in_file(self.name)
                .at_line(line)
                .at_byte(off as u64 + self.shift),
        )
    }

    fn run(&mut self, sink: &mut dyn FnMut(Item)) -> Outcome {
        let mut reader = Reader::from_str(self.text);
        {
            let c = reader.config_mut();
            c.trim_text(false);
            c.check_end_names = false;
            c.allow_unmatched_ends = true;
            c.allow_dangling_amp = true;
            c.expand_empty_elements = false;
        }
        let mut seen_element = false;
        loop {
            let pos = reader.buffer_position() as usize;
            let ev = match reader.read_event() {
                Ok(ev) => ev,
                Err(e) => {
                    let at = reader.error_position() as usize;
                    let lost = if self.item.is_some() {
                        "; the item being read is lost"
                    } else {
                        ""
                    };
                    let item = self.fail(
                        codes::BAD_FEED,
                        format!("malformed feed XML, reading stopped: {e}{lost}"),
                        at,
                    );
                    sink(item);
                    return Outcome::Done;
                }
            };
            match ev {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) if !seen_element && is_html_root(&e) => {
                    let _ = e;
                    return Outcome::Html;
                }
                Event::Start(e) => {
                    seen_element = true;
                    let qn = lower_name(e.name().as_ref());
                    self.open(&qn, &e, false, pos, sink);
                    self.stack.push(qn);
                }
                Event::Empty(e) => {
                    seen_element = true;
                    let qn = lower_name(e.name().as_ref());
                    self.open(&qn, &e, true, pos, sink);
                }
                Event::End(e) => {
                    let qn = lower_name(e.name().as_ref());
                    let floor = self.stack.len().saturating_sub(END_SEARCH);
                    if let Some(i) = self.stack[floor..].iter().rposition(|n| *n == qn) {
                        let target = floor + i;
                        while self.stack.len() > target {
                            let n = self.stack.pop().unwrap_or_default();
                            let idx = self.stack.len();
                            self.close(idx, &n, sink);
                        }
                    }
                }
                Event::Text(t) => {
                    if let Some(c) = self.cap.as_mut() {
                        c.raw.push_str(&String::from_utf8_lossy(&t.into_inner()));
                    }
                }
                Event::GeneralRef(r) => {
                    if let Some(c) = self.cap.as_mut() {
                        c.raw.push('&');
                        c.raw.push_str(&String::from_utf8_lossy(&r.into_inner()));
                        c.raw.push(';');
                    }
                }
                Event::CData(d) => {
                    if let Some(c) = self.cap.as_mut() {
                        c.raw
                            .push_str(&escape(&String::from_utf8_lossy(&d.into_inner())));
                    }
                }
                _ => {}
            }
        }
        if let Some(it) = self.item.take() {
            let item = self.fail(
                codes::BAD_FEED,
                "feed truncated inside an item; that item was skipped".to_string(),
                it.byte as usize,
            );
            sink(item);
        } else if self.items == 0 {
            let msg = if seen_element {
                "feed without items"
            } else {
                "feed without any element"
            };
            sink(Item::Failed(
                Diagnostic::error(codes::FEED_NO_ITEMS, msg).in_file(self.name),
            ));
        }
        Outcome::Done
    }

    /// A start (or empty) tag at stack index `self.stack.len()`.
    fn open(
        &mut self,
        qn: &str,
        e: &BytesStart<'_>,
        empty: bool,
        pos: usize,
        sink: &mut dyn FnMut(Item),
    ) {
        let depth = self.stack.len();
        if let Some(c) = self.cap.as_mut() {
            c.tags = true;
            c.raw.push('<');
            c.raw.push_str(qn);
            let a = String::from_utf8_lossy(e.attributes_raw());
            if !a.is_empty() && !a.starts_with(|ch: char| ch.is_whitespace()) {
                c.raw.push(' ');
            }
            c.raw.push_str(&a);
            c.raw.push_str(if empty { "/>" } else { ">" });
            if !empty
                && c.field == Field::Author
                && c.name_depth.is_none()
                && c.name.is_none()
                && matches!(qn, "name" | "atom:name")
            {
                c.name_depth = Some(depth);
                let start = c.raw.len();
                c.name = Some((start, start));
            }
            return;
        }
        let a = attrs(e);
        if self.item.is_none() {
            if is_item(qn) {
                let line = self.line(pos);
                let item = ItemState {
                    depth,
                    line,
                    byte: pos as u64 + self.shift,
                    language: attr(&a, "xml:lang").and_then(language),
                    ..ItemState::default()
                };
                self.item = Some(item);
                if empty {
                    self.finish_item(sink);
                }
                return;
            }
            if is_container(qn) {
                if let Some(l) = attr(&a, "xml:lang").and_then(language) {
                    self.channel.language.get_or_insert(l);
                }
                return;
            }
            let in_channel = self.stack.last().is_some_and(|p| is_container(p));
            if !in_channel {
                return;
            }
            let field = match qn {
                "title" | "atom:title" => Field::ChannelTitle,
                "link" | "atom:link" => {
                    let rel = attr(&a, "rel").unwrap_or("alternate");
                    if let Some(h) = attr(&a, "href") {
                        if rel.eq_ignore_ascii_case("alternate") && self.channel.link.is_none() {
                            self.channel.link = Some(h.trim().to_string());
                        }
                        return;
                    }
                    Field::ChannelLink
                }
                "language" | "dc:language" => Field::ChannelLanguage,
                _ => return,
            };
            self.start_capture(field, depth, empty);
            return;
        }
        let item_depth = self.item.as_ref().map_or(0, |i| i.depth);
        if depth != item_depth + 1 {
            return;
        }
        let field = match qn {
            "title" | "atom:title" => {
                Field::Title(content_type(attr(&a, "type"), Ty::Text).unwrap_or(Ty::Text))
            }
            "link" | "atom:link" => {
                if let Some(h) = attr(&a, "href") {
                    let rel = attr(&a, "rel").unwrap_or("alternate");
                    let item = self.item.as_mut().expect("item");
                    if rel.trim().eq_ignore_ascii_case("alternate") && item.link.is_none() {
                        item.link = Some(h.trim().to_string()).filter(|h| !h.is_empty());
                    }
                    return;
                }
                Field::Link
            }
            "feedburner:origlink" => Field::OrigLink,
            "guid" => Field::Guid {
                permalink: !attr(&a, "ispermalink")
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case("false")),
            },
            "id" | "atom:id" => Field::Id,
            "pubdate" | "published" | "atom:published" | "dc:date" | "dcterms:issued"
            | "issued" => Field::Published,
            "updated" | "atom:updated" | "modified" | "dcterms:modified" => Field::Updated,
            "author" | "atom:author" | "dc:creator" => Field::Author,
            "category" | "atom:category" | "dc:subject" => {
                let label = attr(&a, "label").or_else(|| attr(&a, "term"));
                if let Some(l) = label.map(decode_entities).filter(|l| !l.is_empty()) {
                    self.item.as_mut().expect("item").categories.push(l);
                    return;
                }
                Field::Category
            }
            "description" => Field::Summary(Ty::Html),
            "summary" | "atom:summary" | "dc:description" => {
                match content_type(attr(&a, "type"), Ty::Text) {
                    Some(t) => Field::Summary(t),
                    None => return,
                }
            }
            "content:encoded" => Field::Content(Ty::Html),
            "content" | "atom:content" => {
                if attr(&a, "src").is_some() {
                    return;
                }
                match content_type(attr(&a, "type"), Ty::Text) {
                    Some(t) => Field::Content(t),
                    None => return,
                }
            }
            _ => return,
        };
        self.start_capture(field, depth, empty);
    }

    fn start_capture(&mut self, field: Field, depth: usize, empty: bool) {
        if empty {
            return;
        }
        self.cap = Some(Capture {
            field,
            depth,
            raw: String::new(),
            tags: false,
            name_depth: None,
            name: None,
        });
    }

    /// The element at stack index `idx` (already popped) closes.
    fn close(&mut self, idx: usize, qn: &str, sink: &mut dyn FnMut(Item)) {
        if let Some(c) = self.cap.as_mut() {
            if idx > c.depth {
                if c.name_depth == Some(idx) {
                    if let Some((s, _)) = c.name {
                        c.name = Some((s, c.raw.len()));
                    }
                    c.name_depth = None;
                }
                c.raw.push_str("</");
                c.raw.push_str(qn);
                c.raw.push('>');
                return;
            }
            if idx == c.depth {
                if let Some(c) = self.cap.take() {
                    self.finish_capture(c);
                }
            }
        }
        if self.item.as_ref().is_some_and(|i| i.depth == idx) {
            self.finish_item(sink);
        }
    }

    fn finish_capture(&mut self, c: Capture) {
        let one_line = |c: &Capture| {
            let t = xml_unescape(&c.raw).trim().to_string();
            (!t.is_empty()).then_some(t)
        };
        match c.field {
            Field::ChannelTitle => {
                let t = c.text(Ty::Text);
                if !t.is_empty() && self.channel.title.is_none() {
                    self.channel.title = Some(t);
                }
            }
            Field::ChannelLink if self.channel.link.is_none() => {
                self.channel.link = one_line(&c);
            }
            Field::ChannelLanguage if self.channel.language.is_none() => {
                self.channel.language = language(&c.text(Ty::Text));
            }
            _ => {}
        }
        let Some(item) = self.item.as_mut() else {
            return;
        };
        match c.field {
            Field::Title(ty) => {
                let t = c.text(ty);
                if !t.is_empty() && item.title.is_none() {
                    item.title = Some(t);
                }
            }
            Field::Link => {
                if item.link.is_none() {
                    item.link = one_line(&c);
                }
            }
            Field::OrigLink => item.orig_link = one_line(&c),
            Field::Guid { permalink } => {
                let g = one_line(&c);
                if permalink {
                    item.permalink = g.clone().filter(|g| is_http(g));
                }
                item.guid = item.guid.take().or(g);
            }
            Field::Id => item.guid = item.guid.take().or_else(|| one_line(&c)),
            Field::Published => {
                item.published = item.published.take().or_else(|| one_line(&c));
            }
            Field::Updated => item.updated = item.updated.take().or_else(|| one_line(&c)),
            Field::Author => {
                let raw_name = c
                    .name
                    .filter(|(s, e)| e > s)
                    .and_then(|(s, e)| c.raw.get(s..e))
                    .map(fragment_text);
                let whole = raw_name.unwrap_or_else(|| c.text(Ty::Text));
                if let Some(n) = author_name(&whole) {
                    if !item.authors.contains(&n) {
                        item.authors.push(n);
                    }
                }
            }
            Field::Category => {
                let t = c.text(Ty::Text);
                if !t.is_empty() {
                    item.categories.push(t);
                }
            }
            Field::Summary(ty) => {
                if item.summary.is_none() {
                    item.summary_text = Some(c.text(ty)).filter(|t| !t.is_empty());
                    item.summary = Some(c.blocks(ty));
                }
            }
            Field::Content(ty) => {
                let b = c.blocks(ty);
                if item.content.as_ref().filter(|x| !x.is_empty()).is_none() {
                    item.content = Some(b);
                }
            }
            Field::ChannelTitle | Field::ChannelLink | Field::ChannelLanguage => {}
        }
    }

    fn finish_item(&mut self, sink: &mut dyn FnMut(Item)) {
        let Some(it) = self.item.take() else { return };
        self.cap = None;
        self.items += 1;
        let item = match self.build(it) {
            Ok((a, mut w)) => {
                if let Some(d) = self.pending_warning.take() {
                    w.insert(0, d);
                }
                Item::Article(Box::new(a), w)
            }
            Err(d) => Item::Failed(d),
        };
        sink(item);
    }

    fn build(&self, it: ItemState) -> Result<(Article, Vec<Diagnostic>), Diagnostic> {
        let at = |d: Diagnostic| d.in_file(self.name).at_line(it.line).at_byte(it.byte);
        let content = it.content.clone().filter(|c| !c.is_empty());
        let summary = it.summary.clone().filter(|c| !c.is_empty());
        let (body, standfirst) = match (content, summary) {
            (Some(c), s) => {
                let first = c
                    .iter()
                    .find(|(k, _)| *k == ZoneKind::Paragraph)
                    .map_or("", |(_, t)| t.as_str());
                let stand = s.and(it.summary_text.clone()).filter(|d| {
                    let d = d
                        .trim_end_matches("[…]")
                        .trim_end_matches("[...]")
                        .trim_end_matches("[&#8230;]")
                        .trim_end()
                        .trim_end_matches(['.', '…'])
                        .trim_end();
                    !first.starts_with(d)
                        && Some(d) != it.title.as_deref()
                        && !c.iter().any(|(_, t)| t == d)
                });
                (c, stand)
            }
            (None, Some(s)) => (s, None),
            (None, None) => {
                let what = if it.title.is_some() {
                    "feed item with a title but no text (no content, description or summary)"
                } else {
                    "feed item without text"
                };
                return Err(at(Diagnostic::error(codes::NO_ARTICLE, what)));
            }
        };

        let mut text = String::new();
        let mut z = Zones::default();
        let mut push = |text: &mut String, kind: ZoneKind, part: &str| {
            let t = part.trim();
            if t.is_empty() {
                return;
            }
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let s = text.len();
            text.push_str(t);
            z.add(text, kind, s, text.len());
        };
        if let Some(h) = &it.title {
            push(&mut text, ZoneKind::Headline, h);
        }
        if let Some(s) = &standfirst {
            push(&mut text, ZoneKind::Standfirst, s);
        }
        for (k, t) in &body {
            push(&mut text, *k, t);
        }

        let base = self.channel.link.as_deref().filter(|b| is_http(b));
        let link = it
            .orig_link
            .as_deref()
            .or(it.link.as_deref())
            .map(|l| normalize_link(l, base))
            .filter(|l| is_http(l))
            .or_else(|| {
                it.permalink
                    .as_deref()
                    .map(|l| normalize_link(l, base))
                    .filter(|l| is_http(l))
            });
        let source = link.clone().or_else(|| self.channel.title.clone());
        let mut article = Article::new(text, source);
        set_zones(&mut article, z);

        let mut warnings = Vec::new();
        for (what, value) in [("published", &it.published), ("updated", &it.updated)] {
            let Some(v) = value else { continue };
            if article.published.is_some() {
                break;
            }
            match parse_date(v) {
                Some(ts) => {
                    article.published = Some(ts.date);
                    article.published_time = ts.time;
                    article.timezone = ts.timezone;
                }
                None => warnings.push(at(Diagnostic::warning(
                    codes::BAD_DATE,
                    format!(
                        "feed item {what} date `{}` is not a valid date; ignored",
                        clip(v)
                    ),
                ))),
            }
        }
        article.section = it.categories.first().cloned();
        if !it.authors.is_empty() {
            article.byline = Some(it.authors.join(", "));
        }
        if let Some(l) = it
            .language
            .clone()
            .or_else(|| self.channel.language.clone())
        {
            article.language = l;
        }
        article.origin = Origin {
            path: Some(self.name.to_string()),
            url: link,
            line: Some(it.line),
            byte: Some(it.byte),
            external_id: it.guid.clone(),
            reader: READER.to_string(),
        };
        Ok((article, warnings))
    }
}

/// At most 60 chars of a value, for messages.
fn clip(s: &str) -> String {
    let mut t: String = s.chars().take(60).collect();
    if t.len() < s.len() {
        t.push('…');
    }
    t
}

/// An RSS (RFC 2822) or Atom (RFC 3339) date, or a plain `YYYY-MM-DD`.
fn parse_date(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    parse_rfc2822(s).or_else(|| parse_timestamp(s)).or_else(|| {
        let d = s.get(..10)?;
        (valid_iso_date(d) && s[10..].starts_with(['T', ' '])).then(|| Timestamp {
            date: d.to_string(),
            time: None,
            timezone: None,
        })
    })
}

/// True for an `<html>` root element: a page that was sniffed as a feed.
fn is_html_root(e: &BytesStart<'_>) -> bool {
    e.name().as_ref().eq_ignore_ascii_case(b"html")
}

#[cfg(test)]
mod tests;
