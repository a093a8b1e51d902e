//! JSON Lines (`jsonl/1`): one article per line, as a JSON object. Blank lines are skipped.
//!
//! # Fields
//!
//! | field | type | meaning |
//! |---|---|---|
//! | `text` | string, **required** | the article body; alone it is enough |
//! | `headline` or `title` | string | the headline |
//! | `standfirst`, `summary` or `description` | string | the standfirst (summary) |
//! | `captions` | array of strings or of `{"text", "credit"}` objects (or one string) | photo captions |
//! | `published` or `date` | string | `YYYY-MM-DD`, or an RFC 3339 datetime (`2025-02-26T14:05:00Z`, `…+01:00`; a datetime without zone is accepted too) giving date, time and time zone; anything else is ignored with a warning |
//! | `time` or `meta.time` | string | `HH:MM[:SS]`: time of day, when `published` is a plain date |
//! | `section` | string | the section (`politics`) |
//! | `source` or `publisher` | string | the publisher; the article's source key when there is no `url` |
//! | `url` | string | the page URL: the source key, and `Origin::url` |
//! | `id` | string or number | the input's own id, kept as `Origin::external_id` |
//! | `byline` or `author` | string (or array of strings) | the author(s), without "By" |
//! | `agency` | string | the wire agency (`Reuters`) |
//! | `language` | string | ISO 639-1 code; default `en` |
//! | `dateline` or `meta.dateline` | string | a wire dateline (`"CLEVELAND, Feb 26 -"` → dateline `CLEVELAND`) |
//!
//! Unknown fields are ignored; `null` is the same as absent; a known field of the wrong type is
//! ignored with a warning (`I303`).
//!
//! # Canonical text
//! The headline, standfirst, each caption and the text, each trimmed, joined by a blank line
//! (`\n\n`), with line ends normalised to `\n`. Each part gets its zone; a caption with a credit
//! is written `CAPTION / Photo: CREDIT` (a Caption and a Credit zone). The text is split into
//! Paragraph zones at blank lines and at a newline followed by indentation (Reuters-21578 wraps
//! lines at 65 columns and starts paragraphs with `"\n    "`); single newlines inside a paragraph
//! are hard wraps. A wire dateline opening the first paragraph (`MOSCOW, Feb 26 (Reuters) -`)
//! gives a Dateline zone, `dateline` and, absent an `agency` field, the agency.
//!
//! # Errors
//! A line that does not parse (`I301`), lacks a non-empty string `text` (`I302`) or is longer
//! than `max_record_bytes` (`I105`) is one failed item naming the file and line; reading goes on
//! with the next line.

use std::fmt;
use std::io::BufRead;

use dateline_model::{Article, Diagnostic, Origin, ZoneKind};
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::codes;
use crate::dates::{parse_clock, parse_timestamp};
use crate::lines::{LineInfo, LineReader, Next};
use crate::read::stream_failure;
use crate::text::{
    decode, is_blank, line_ranges, normalize_newlines, not_utf8_warning, set_zones, Zones,
};
use crate::wire::{parse_wire_dateline, place_of_field};
use crate::Item;

/// The reader name and version recorded in [`Origin::reader`].
pub const READER: &str = "jsonl/1";

// ---------------------------------------------------------------------------------------------
// Lenient field values

/// A field value: strings kept, anything else remembered by its type for a warning.
#[derive(Debug, Default, PartialEq)]
enum Val {
    #[default]
    Absent,
    Null,
    Str(String),
    Num(String),
    List(Vec<String>),
    Other(&'static str),
}

impl<'de> Deserialize<'de> for Val {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Val, D::Error> {
        d.deserialize_any(ValVisitor)
    }
}

struct ValVisitor;

impl<'de> Visitor<'de> for ValVisitor {
    type Value = Val;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Val, E> {
        Ok(Val::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Val, E> {
        Ok(Val::Str(v))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Val, E> {
        Ok(Val::Other("boolean"))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Val, E> {
        Ok(Val::Num(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Val, E> {
        Ok(Val::Num(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Val, E> {
        Ok(Val::Num(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Val, E> {
        Ok(Val::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Val, E> {
        Ok(Val::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Val, D::Error> {
        Val::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Val, A::Error> {
        let mut items = Vec::new();
        let mut all_strings = true;
        while let Some(v) = seq.next_element::<Val>()? {
            match v {
                Val::Str(s) => items.push(s),
                _ => all_strings = false,
            }
        }
        Ok(if all_strings {
            Val::List(items)
        } else {
            Val::Other("array")
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Val, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Val::Other("object"))
    }
}

impl Val {
    fn type_name(&self) -> &'static str {
        match self {
            Val::Absent | Val::Null => "null",
            Val::Str(_) => "string",
            Val::Num(_) => "number",
            Val::List(_) => "array",
            Val::Other(t) => t,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The record

#[derive(Debug, Default)]
struct Meta {
    dateline: Val,
    time: Val,
}

#[derive(Debug, Default)]
struct Record {
    text: Val,
    headline: Val,
    title: Val,
    standfirst: Val,
    summary: Val,
    description: Val,
    published: Val,
    date: Val,
    time: Val,
    section: Val,
    source: Val,
    publisher: Val,
    url: Val,
    id: Val,
    byline: Val,
    author: Val,
    agency: Val,
    language: Val,
    dateline: Val,
    meta: Meta,
    captions: Option<serde_json::Value>,
}

enum Key {
    Text,
    Headline,
    Title,
    Standfirst,
    Summary,
    Description,
    Published,
    Date,
    Time,
    Section,
    Source,
    Publisher,
    Url,
    Id,
    Byline,
    Author,
    Agency,
    Language,
    Dateline,
    Meta,
    Captions,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(match v {
                    "text" => Key::Text,
                    "headline" => Key::Headline,
                    "title" => Key::Title,
                    "standfirst" => Key::Standfirst,
                    "summary" => Key::Summary,
                    "description" => Key::Description,
                    "published" => Key::Published,
                    "date" => Key::Date,
                    "time" => Key::Time,
                    "section" => Key::Section,
                    "source" => Key::Source,
                    "publisher" => Key::Publisher,
                    "url" => Key::Url,
                    "id" => Key::Id,
                    "byline" => Key::Byline,
                    "author" => Key::Author,
                    "agency" => Key::Agency,
                    "language" => Key::Language,
                    "dateline" => Key::Dateline,
                    "meta" => Key::Meta,
                    "captions" => Key::Captions,
                    _ => Key::Other,
                })
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Record, D::Error> {
        struct RecordVisitor;
        impl<'de> Visitor<'de> for RecordVisitor {
            type Value = Record;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
                let mut r = Record::default();
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Text => r.text = map.next_value()?,
                        Key::Headline => r.headline = map.next_value()?,
                        Key::Title => r.title = map.next_value()?,
                        Key::Standfirst => r.standfirst = map.next_value()?,
                        Key::Summary => r.summary = map.next_value()?,
                        Key::Description => r.description = map.next_value()?,
                        Key::Published => r.published = map.next_value()?,
                        Key::Date => r.date = map.next_value()?,
                        Key::Time => r.time = map.next_value()?,
                        Key::Section => r.section = map.next_value()?,
                        Key::Source => r.source = map.next_value()?,
                        Key::Publisher => r.publisher = map.next_value()?,
                        Key::Url => r.url = map.next_value()?,
                        Key::Id => r.id = map.next_value()?,
                        Key::Byline => r.byline = map.next_value()?,
                        Key::Author => r.author = map.next_value()?,
                        Key::Agency => r.agency = map.next_value()?,
                        Key::Language => r.language = map.next_value()?,
                        Key::Dateline => r.dateline = map.next_value()?,
                        Key::Meta => r.meta = map.next_value()?,
                        Key::Captions => r.captions = map.next_value()?,
                        Key::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(r)
            }
        }
        d.deserialize_map(RecordVisitor)
    }
}

impl<'de> Deserialize<'de> for Meta {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Meta, D::Error> {
        struct MetaVisitor;
        impl<'de> Visitor<'de> for MetaVisitor {
            type Value = Meta;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Meta, A::Error> {
                let mut m = Meta::default();
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Dateline => m.dateline = map.next_value()?,
                        Key::Time => m.time = map.next_value()?,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(m)
            }
            // Anything but an object: no metadata.
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Meta, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Meta::default())
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Meta, E> {
                Ok(Meta::default())
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Meta, E> {
                Ok(Meta::default())
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Meta, E> {
                Ok(Meta::default())
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Meta, E> {
                Ok(Meta::default())
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Meta, E> {
                Ok(Meta::default())
            }
            fn visit_unit<E: de::Error>(self) -> Result<Meta, E> {
                Ok(Meta::default())
            }
            fn visit_none<E: de::Error>(self) -> Result<Meta, E> {
                Ok(Meta::default())
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Meta, D::Error> {
                Meta::deserialize(d)
            }
        }
        d.deserialize_any(MetaVisitor)
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Streams JSON Lines from a line reader.
pub(crate) fn read<R: BufRead>(name: &str, mut lines: LineReader<R>, sink: &mut dyn FnMut(Item)) {
    let mut buf = Vec::new();
    let mut first = true;
    loop {
        match lines.next_line(&mut buf) {
            Next::Line(info) => {
                if info.too_long {
                    sink(Item::Failed(
                        Diagnostic::error(
                            codes::TOO_LARGE,
                            format!("record too large ({} bytes)", info.len),
                        )
                        .in_file(name)
                        .at_line(info.line)
                        .at_byte(info.byte),
                    ));
                    first = false;
                    continue;
                }
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                if first && buf.trim_ascii() == b"{" {
                    sink(Item::Failed(
                        Diagnostic::error(
                            codes::JSON_NOT_LINES,
                            "a multi-line JSON document, not JSON Lines (one object per line)",
                        )
                        .in_file(name)
                        .at_line(info.line),
                    ));
                    return;
                }
                first = false;
                sink(parse_line(name, &buf, info));
                if buf.capacity() > 1 << 20 {
                    buf = Vec::new();
                }
            }
            Next::Eof => return,
            Next::Error { err, offset } => {
                sink(Item::Failed(stream_failure(name, &err, offset)));
                return;
            }
        }
    }
}

fn parse_line(name: &str, bytes: &[u8], info: LineInfo) -> Item {
    let (json, bad) = decode(bytes);
    let mut warnings = Vec::new();
    if let Some(off) = bad {
        warnings.push(not_utf8_warning(
            name,
            Some(info.line),
            info.byte + off as u64,
        ));
    }
    let rec: Record = match serde_json::from_str(&json) {
        Ok(r) => r,
        Err(e) => {
            let full = e.to_string();
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            let msg = full.strip_suffix(&suffix).unwrap_or(&full);
            return Item::Failed(
                Diagnostic::error(
                    codes::JSON_SYNTAX,
                    format!("invalid JSON at column {}: {msg}", e.column()),
                )
                .in_file(name)
                .at_line(info.line)
                .at_byte(info.byte),
            );
        }
    };
    match build(name, rec, info, &mut warnings) {
        Ok(article) => Item::Article(Box::new(article), warnings),
        Err(d) => Item::Failed(d),
    }
}

/// A string field: `None` when absent, null or blank; a warning when of another type.
fn string_field(
    v: Val,
    field: &str,
    name: &str,
    info: LineInfo,
    warnings: &mut Vec<Diagnostic>,
) -> Option<String> {
    match v {
        Val::Str(s) => {
            let t = s.trim();
            if t.is_empty() {
                None
            } else if t.len() == s.len() {
                Some(s)
            } else {
                Some(t.to_string())
            }
        }
        Val::Absent | Val::Null => None,
        other => {
            warnings.push(
                Diagnostic::warning(
                    codes::JSON_FIELD_TYPE,
                    format!(
                        "field `{field}` is a {}, not a string; ignored",
                        other.type_name()
                    ),
                )
                .in_file(name)
                .at_line(info.line),
            );
            None
        }
    }
}

/// The first of several alias fields that is present and not null, with its name.
fn pick<const N: usize>(vals: [(&'static str, Val); N]) -> (Val, &'static str) {
    let mut last = "";
    for (field, v) in vals {
        last = field;
        if !matches!(v, Val::Absent | Val::Null) {
            return (v, field);
        }
    }
    (Val::Absent, last)
}

/// Appends a trimmed, newline-normalised part to `text` (after a blank line) and returns its range.
fn push_part(text: &mut String, part: &str) -> Option<(usize, usize)> {
    let part = normalize_newlines(part);
    let t = part.trim();
    if t.is_empty() {
        return None;
    }
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    let s = text.len();
    text.push_str(t);
    Some((s, text.len()))
}

fn build(
    name: &str,
    r: Record,
    info: LineInfo,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Article, Diagnostic> {
    let fail = |msg: String| {
        Diagnostic::error(codes::JSON_NO_TEXT, msg)
            .in_file(name)
            .at_line(info.line)
            .at_byte(info.byte)
    };
    let body = match r.text {
        Val::Str(s) if !s.trim().is_empty() => s,
        Val::Str(_) => return Err(fail("`text` is empty".to_string())),
        Val::Absent | Val::Null => return Err(fail("no `text` field".to_string())),
        other => {
            return Err(fail(format!(
                "`text` is a {}, not a string",
                other.type_name()
            )))
        }
    };
    let mut w = |(v, field): (Val, &str)| string_field(v, field, name, info, warnings);
    let headline = w(pick([("headline", r.headline), ("title", r.title)]));
    let standfirst = w(pick([
        ("standfirst", r.standfirst),
        ("summary", r.summary),
        ("description", r.description),
    ]));
    let section = w((r.section, "section"));
    let url = w((r.url, "url"));
    let publisher = w(pick([("source", r.source), ("publisher", r.publisher)]));
    let agency_field = w((r.agency, "agency"));
    let language = w((r.language, "language"));
    let external_id = match r.id {
        Val::Num(n) => Some(n),
        v => w((v, "id")),
    };
    let byline = match pick([("byline", r.byline), ("author", r.author)]) {
        (Val::List(names), _) => {
            let names: Vec<&str> = names
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        other => w(other),
    };
    let dateline_field = w(pick([
        ("dateline", r.dateline),
        ("meta.dateline", r.meta.dateline),
    ]));
    let time_field = w(pick([("time", r.time), ("meta.time", r.meta.time)]));
    let published_raw = w(pick([("published", r.published), ("date", r.date)]));

    // Canonical text.
    let captions = captions(r.captions, name, info, warnings);
    let mut text = String::with_capacity(
        body.len()
            + headline.as_ref().map_or(0, |s| s.len())
            + standfirst.as_ref().map_or(0, |s| s.len())
            + 64,
    );
    let mut z = Zones::default();
    if let Some((s, e)) = headline.as_deref().and_then(|h| push_part(&mut text, h)) {
        z.add(&text, ZoneKind::Headline, s, e);
    }
    if let Some((s, e)) = standfirst.as_deref().and_then(|h| push_part(&mut text, h)) {
        z.add(&text, ZoneKind::Standfirst, s, e);
    }
    for (cap, credit) in &captions {
        if let Some((s, e)) = push_part(&mut text, cap) {
            z.add(&text, ZoneKind::Caption, s, e);
            if let Some(c) = credit {
                let c = normalize_newlines(c);
                let c = c.trim();
                if !c.is_empty() {
                    text.push_str(" / Photo: ");
                    let cs = text.len();
                    text.push_str(c);
                    z.add(&text, ZoneKind::Credit, cs, text.len());
                }
            }
        }
    }
    let mut first_para = None;
    if let Some((b0, b1)) = push_part(&mut text, &body) {
        let mut open: Option<(usize, usize)> = None;
        let mut close = |z: &mut Zones, text: &str, open: &mut Option<(usize, usize)>| {
            if let Some((s, e)) = open.take() {
                if let Some(r) = z.add(text, ZoneKind::Paragraph, s, e) {
                    first_para.get_or_insert(r);
                }
            }
        };
        for (s, e) in line_ranges(&text, b0, b1) {
            let l = &text[s..e];
            if is_blank(l) {
                close(&mut z, &text, &mut open);
                continue;
            }
            if l.starts_with([' ', '\t']) {
                close(&mut z, &text, &mut open);
            }
            open = Some(open.map_or((s, e), |(os, _)| (os, e)));
        }
        close(&mut z, &text, &mut open);
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
    if let Some((place, agency)) = dateline_field.as_deref().and_then(place_of_field) {
        dateline = Some(place);
        if wire_agency.is_none() {
            wire_agency = agency;
        }
    }

    let source = url.clone().or(publisher);
    let mut article = Article::new(text, source);
    let z_done = std::mem::take(&mut z);
    set_zones(&mut article, z_done);
    if let Some(raw) = published_raw {
        match parse_timestamp(&raw) {
            Some(ts) => {
                article.published = Some(ts.date);
                article.published_time = ts.time;
                article.timezone = ts.timezone;
            }
            None => warnings.push(
                Diagnostic::warning(
                    codes::BAD_DATE,
                    format!("unrecognised published date {raw:?}; ignored"),
                )
                .in_file(name)
                .at_line(info.line),
            ),
        }
    }
    if article.published.is_some() && article.published_time.is_none() {
        if let Some((t, "")) = time_field.as_deref().and_then(parse_clock) {
            article.published_time = Some(t);
        }
    }
    article.section = section;
    article.agency = agency_field.or(wire_agency);
    article.byline = byline;
    article.dateline = dateline;
    if let Some(lang) = language {
        article.language = lang;
    }
    article.origin = Origin {
        path: Some(name.to_string()),
        url,
        line: Some(info.line),
        byte: Some(info.byte),
        external_id,
        reader: READER.to_string(),
    };
    Ok(article)
}

fn captions(
    v: Option<serde_json::Value>,
    name: &str,
    info: LineInfo,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<(String, Option<String>)> {
    use serde_json::Value;
    let mut out = Vec::new();
    let mut bad = false;
    let mut one = |item: Value, out: &mut Vec<(String, Option<String>)>| match item {
        Value::String(s) => out.push((s, None)),
        Value::Object(mut m) => {
            let text = match m.remove("text").or_else(|| m.remove("caption")) {
                Some(Value::String(s)) => s,
                _ => {
                    bad = true;
                    return;
                }
            };
            let credit = match m.remove("credit") {
                Some(Value::String(s)) => Some(s),
                _ => None,
            };
            out.push((text, credit));
        }
        Value::Null => {}
        _ => bad = true,
    };
    match v {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for item in items {
                one(item, &mut out);
            }
        }
        Some(item) => one(item, &mut out),
    }
    if bad {
        warnings.push(
            Diagnostic::warning(
                codes::JSON_FIELD_TYPE,
                "field `captions` has entries that are neither strings nor {text, credit} objects; they were ignored",
            )
            .in_file(name)
            .at_line(info.line),
        );
    }
    out
}
