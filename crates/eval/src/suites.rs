//! Scores a sentence-level event coder on the two development suites of
//! `shared/eval/events/` (see its README): the PLOVER gold standard records
//! (`plover_gsr_dev.json`, example sentences of the CAMEO manual) and the PETRARCH-2 validation
//! records (`PETR2_GSR_validation.dev.xml`).
//!
//! The coder is any function from a sentence and its date (`YYYY-MM-DD`, when the record has a
//! usable one) to [`SuiteEvent`]s: a CAMEO code, the current PLOVER category of that code (filled
//! by the caller, from `kb/cameo/CAMEO2PLOVER-2021.txt`), and the CAMEO actor codes of source
//! and target. Codes are compared after trimming and ASCII upper-casing.
//!
//! # PLOVER suite ([`score_plover`])
//! The `DOCUMENT` header record is skipped; every other record is scored. The coder gets the
//! record's `text` and **no date**: the records' `date` is a placeholder (`2000-01-01` for all),
//! not the date of the sentence.
//!
//! The record's category is its `event`, renamed from PLOVER 0.5b1 to current PLOVER by
//! [`PLOVER_RENAMES`] (DEMAND → REQUEST, DISAPPROVE → ACCUSE, INVESTIGATE → ACCUSE,
//! FIGHT → ASSAULT); the record's source and target are the `code`s of the first actors listed
//! in `source` and `target` (sector ignored).
//! - **category**: right when *any* output event's `plover` equals the record's category (not
//!   only the first event: a sentence often yields several events).
//! - **dyad**: right when some output event's source and target agree with the record's on the
//!   first three letters of the codes (the country: `RUSGOV` agrees with `RUS`). The same rule
//!   holds for codes that are not countries: `IGO`, `NGO`, `IMG` compare their first three
//!   letters too, so `IGOUNO` agrees with `IGO`. A record side with no actor (no `target`, an
//!   empty list, or a string such as `""` in place of a list; one record also lacks `source`)
//!   agrees with anything, including a missing output actor. An output side with no actor
//!   agrees only with such a missing record side.
//! - **full**: right when one output event is right on both category and dyad.
//!
//! A record not right in full is listed in [`PloverReport::misses`].
//!
//! # PETR2 suite ([`score_petr2`])
//! The file is not well-formed XML; it is read by scanning. Comments (`<!-- … -->`) are removed
//! first, then every `<Sentence …>` … `</Sentence>` block is a record (`<Sentences>` is not).
//! Its `date` attribute `YYYYMMDD` is passed to the coder as `YYYY-MM-DD`; a date of another
//! shape (one record has `121108`) or an impossible date is passed as `None`. Its `<Text>` is
//! trimmed, runs of white space become one space, and `&amp;` `&lt;` `&gt;` `&quot;` `&apos;`
//! and numeric character references are decoded. Its expected triples are the `<EventCoding
//! eventcode sourcecode targetcode/>` elements; an empty or missing actor code, and `~`, stand
//! for `---` (as in the suite's own `validation.py`). `<EventCoding noevents="True"/>` marks a
//! record where nothing should be coded.
//!
//! Scoring follows the suite's own convention (UniversalPetrarch `validation.py`), per record:
//! - Output events whose CAMEO code is empty or starts with `---` are *null* events: counted in
//!   [`Petr2Report::null_events`], not scored. Identical output triples count once.
//! - An output triple is **correct** when its CAMEO code, source code and target code equal an
//!   expected triple's *in full* (`0841` ≠ `084`, `USAGOV` ≠ `USA`, `---REB` = `---REB`).
//!   **missed** = expected triples no output equals; **extra** = output triples equal to no
//!   expected triple.
//! - A `noevents` record counts as one expected item: correct when the coder outputs nothing
//!   (scored), missed otherwise, and every scored output triple is extra (also counted in
//!   [`Petr2Report::no_event_extra`]). This makes [`Petr2Report::recall`] comparable to the
//!   published figure (UD-PETRARCH on its full validation suite: 68.3% found, 23% extra, the
//!   extra being extra triples per record).
//! - [`Petr2Report::correct_country`] counts the same way, but a triple also matches when the
//!   CAMEO code is equal and source and target agree on their first three letters only (the
//!   country, or `IGO`, `---` …), each expected triple counted once.
//!
//! recall = correct / (correct + missed); extra per record = extra / records.
//!
//! # Errors
//! A file that cannot be read gives [`EvalError::Io`]; a PLOVER file that is not JSON gives
//! [`EvalError::Json`]. A file of the wrong shape (not an array of records, a record without
//! `text`, no `<Sentence>` block, an unterminated block, an `<EventCoding>` without
//! `eventcode`) gives [`EvalError::Io`] with an [`std::io::ErrorKind::InvalidData`] error
//! naming the problem.
use std::collections::BTreeSet;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use crate::EvalError;

/// PLOVER 0.5b1 category names and their current PLOVER names (the others are unchanged).
pub const PLOVER_RENAMES: &[(&str, &str)] = &[
    ("DEMAND", "REQUEST"),
    ("DISAPPROVE", "ACCUSE"),
    ("INVESTIGATE", "ACCUSE"),
    ("FIGHT", "ASSAULT"),
];

/// Longest text kept in a [`SuiteMiss`], in characters.
pub const MISS_TEXT_CHARS: usize = 120;

/// One event as a coder outputs it for a sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuiteEvent {
    /// CAMEO event code, e.g. `"042"`.
    pub cameo: String,
    /// Current PLOVER category of the CAMEO code (e.g. `"CONSULT"`), filled by the caller.
    pub plover: Option<String>,
    /// CAMEO actor code of the source, e.g. `"RUSGOV"`.
    pub source: Option<String>,
    /// CAMEO actor code of the target.
    pub target: Option<String>,
}

/// The system under test: sentence text and its date (`YYYY-MM-DD`, if the record has one) →
/// events.
pub type Coder<'a> = dyn Fn(&str, Option<&str>) -> Vec<SuiteEvent> + 'a;

pub use crate::duckling::Tally;

/// One record the coder got (partly) wrong.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuiteMiss {
    /// The record's id.
    pub id: String,
    /// The sentence, cut to its first [`MISS_TEXT_CHARS`] characters.
    pub text: String,
    /// What was expected: `ASSAULT ISR -> PSE` (PLOVER: category and country codes, `*` for a
    /// missing actor) or `190 ---REB -> SYR; …` (PETR2 triples; `no events`).
    pub expected: String,
    /// What the coder gave, one item per event: `190 ASSAULT ISRMIL -> PSE` (`-` for a missing
    /// category or actor).
    pub got: Vec<String>,
}

/// The scores of a run over the PLOVER suite.
#[derive(Debug, Clone, Serialize)]
pub struct PloverReport {
    /// Records scored (the `DOCUMENT` header not included).
    pub records: usize,
    /// Records where some output event has the record's category.
    pub category: Tally,
    /// Records where some output event has the record's source and target countries.
    pub dyad: Tally,
    /// Records where one output event is right on both.
    pub full: Tally,
    /// The records not right in full, in file order.
    pub misses: Vec<SuiteMiss>,
}

impl PloverReport {
    /// A short table of the scores.
    pub fn render(&self) -> String {
        let line = |name: &str, t: &Tally| {
            format!(
                "  {name:<28} {:>4}/{:<4} {:>6.1}%\n",
                t.correct,
                t.total,
                100.0 * t.accuracy()
            )
        };
        let mut s = format!(
            "PLOVER gold standard records (CAMEO manual examples): {} records\n",
            self.records
        );
        s += &line("category", &self.category);
        s += &line("dyad (country codes)", &self.dyad);
        s += &line("full (one event, both)", &self.full);
        s
    }
}

/// The scores of a run over the PETR2 validation suite.
#[derive(Debug, Clone, Serialize)]
pub struct Petr2Report {
    /// Records scored.
    pub records: usize,
    /// Expected triples found in full, plus `noevents` records the coder left uncoded.
    pub correct: usize,
    /// Expected triples not found, plus `noevents` records the coder coded anyway.
    pub missed: usize,
    /// Output triples equal to no expected triple (duplicates and null events not counted).
    pub extra: usize,
    /// Records marked `noevents="True"`.
    pub no_event_records: usize,
    /// The part of `extra` output on `noevents` records.
    pub no_event_extra: usize,
    /// Like `correct`, with actor codes compared on their first three letters only.
    pub correct_country: usize,
    /// Output events with an empty CAMEO code or one starting with `---`: not scored.
    pub null_events: usize,
    /// The records with a missed or an extra triple, in file order.
    pub misses: Vec<SuiteMiss>,
}

impl Petr2Report {
    /// correct / (correct + missed) (1.0 when nothing was expected).
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.correct + self.missed)
    }

    /// correct_country / (correct + missed): recall with actors compared on country prefixes.
    pub fn country_recall(&self) -> f64 {
        ratio(self.correct_country, self.correct + self.missed)
    }

    /// extra / records (0.0 for no records).
    pub fn extra_per_record(&self) -> f64 {
        if self.records == 0 {
            0.0
        } else {
            self.extra as f64 / self.records as f64
        }
    }

    /// A short table of the scores.
    pub fn render(&self) -> String {
        let expected = self.correct + self.missed;
        let mut s = format!(
            "PETR2 validation records: {} records ({} with no event)\n",
            self.records, self.no_event_records
        );
        s += &format!(
            "  {:<28} {:>4}/{:<4} {:>6.1}%\n",
            "recall (full codes)",
            self.correct,
            expected,
            100.0 * self.recall()
        );
        s += &format!(
            "  {:<28} {:>4}/{:<4} {:>6.1}%\n",
            "recall (country prefixes)",
            self.correct_country,
            expected,
            100.0 * self.country_recall()
        );
        s += &format!("  {:<28} {:>4}\n", "missed", self.missed);
        s += &format!(
            "  {:<28} {:>4}      {:>6.2} per record\n",
            "extra",
            self.extra,
            self.extra_per_record()
        );
        s += &format!(
            "  {:<28} {:>4}\n",
            "extra on no-event records", self.no_event_extra
        );
        if self.null_events > 0 {
            s += &format!(
                "  {:<28} {:>4}\n",
                "null events (ignored)", self.null_events
            );
        }
        s
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn invalid(path: &Path, message: String) -> EvalError {
    EvalError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, message),
    }
}

fn norm(code: &str) -> String {
    code.trim().to_ascii_uppercase()
}

/// The first three characters of a normalised code (the whole code when shorter).
fn prefix3(code: &str) -> &str {
    match code.char_indices().nth(3) {
        Some((i, _)) => &code[..i],
        None => code,
    }
}

fn cut(text: &str) -> String {
    text.chars().take(MISS_TEXT_CHARS).collect()
}

fn describe_event(e: &SuiteEvent) -> String {
    let or_dash = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or("-")
            .to_string()
    };
    format!(
        "{} {} {} -> {}",
        e.cameo.trim(),
        or_dash(&e.plover),
        or_dash(&e.source),
        or_dash(&e.target)
    )
}

// ---------------------------------------------------------------------------------------------
// PLOVER

/// One PLOVER record, read.
struct PloverRecord {
    id: String,
    text: String,
    /// Current PLOVER category, upper case.
    category: String,
    /// First three letters of the first source code; `None` = agrees with anything.
    source: Option<String>,
    /// Same for the target.
    target: Option<String>,
}

/// The first-listed actor code of a `source` / `target` field, when it is a non-empty list
/// whose first actor has a non-empty code.
fn first_code(v: Option<&Value>) -> Option<String> {
    let code = v?.as_array()?.first()?.get("code")?.as_str()?;
    let code = norm(code);
    if code.is_empty() {
        None
    } else {
        Some(prefix3(&code).to_string())
    }
}

fn read_plover(path: &Path) -> Result<Vec<PloverRecord>, EvalError> {
    let text = read(path)?;
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        let message = e.to_string();
        let at = format!(" at line {} column {}", e.line(), e.column());
        EvalError::Json {
            path: path.to_path_buf(),
            line: e.line(),
            column: e.column(),
            message: message.strip_suffix(&at).unwrap_or(&message).to_string(),
        }
    })?;
    let Some(items) = value.as_array() else {
        return Err(invalid(
            path,
            "invalid PLOVER suite: not a JSON array of records".into(),
        ));
    };
    let mut records = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let id = item
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| format!("record {}", i + 1));
        let event = item.get("event").and_then(Value::as_str).map(norm);
        if event.as_deref() == Some("DOCUMENT") {
            continue;
        }
        let Some(event) = event.filter(|e| !e.is_empty()) else {
            return Err(invalid(
                path,
                format!("invalid PLOVER suite: {id} has no `event`"),
            ));
        };
        let Some(text) = item.get("text").and_then(Value::as_str) else {
            return Err(invalid(
                path,
                format!("invalid PLOVER suite: {id} has no `text`"),
            ));
        };
        let category = PLOVER_RENAMES
            .iter()
            .find(|(old, _)| *old == event)
            .map(|(_, new)| new.to_string())
            .unwrap_or(event);
        records.push(PloverRecord {
            id,
            text: text.to_string(),
            category,
            source: first_code(item.get("source")),
            target: first_code(item.get("target")),
        });
    }
    Ok(records)
}

/// Does an output actor agree with a record side (see the module documentation)?
fn side_agrees(record: &Option<String>, output: &Option<String>) -> bool {
    let Some(want) = record else {
        return true;
    };
    let Some(got) = output.as_deref().map(norm).filter(|c| !c.is_empty()) else {
        return false;
    };
    prefix3(&got) == want
}

/// Runs `coder` over the PLOVER suite at `path` and scores it (see the module documentation).
pub fn score_plover(path: &Path, coder: &Coder) -> Result<PloverReport, EvalError> {
    let records = read_plover(path)?;
    let mut report = PloverReport {
        records: records.len(),
        category: Tally::default(),
        dyad: Tally::default(),
        full: Tally::default(),
        misses: Vec::new(),
    };
    for r in &records {
        let out = coder(&r.text, None);
        let cat_ok = |e: &SuiteEvent| e.plover.as_deref().is_some_and(|p| norm(p) == r.category);
        let dyad_ok =
            |e: &SuiteEvent| side_agrees(&r.source, &e.source) && side_agrees(&r.target, &e.target);
        report.category.add(out.iter().any(cat_ok));
        report.dyad.add(out.iter().any(dyad_ok));
        let full = out.iter().any(|e| cat_ok(e) && dyad_ok(e));
        report.full.add(full);
        if !full {
            let side = |s: &Option<String>| s.clone().unwrap_or_else(|| "*".into());
            report.misses.push(SuiteMiss {
                id: r.id.clone(),
                text: cut(&r.text),
                expected: format!("{} {} -> {}", r.category, side(&r.source), side(&r.target)),
                got: out.iter().map(describe_event).collect(),
            });
        }
    }
    Ok(report)
}

// ---------------------------------------------------------------------------------------------
// PETR2

/// An event triple: CAMEO code, source code, target code (normalised).
type Triple = (String, String, String);

/// One PETR2 record, read.
struct Petr2Record {
    id: String,
    date: Option<String>,
    text: String,
    expected: Vec<Triple>,
    no_events: bool,
}

/// Removes `<!-- … -->` comments (an unterminated comment runs to the end).
fn strip_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i + 4..].find("-->") {
            Some(j) => rest = &rest[i + 4 + j + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// The attributes of a start tag (`<Name a="1" b='2'/>`), values entity-decoded.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let inner = tag.trim_start_matches('<');
    let mut rest = inner
        .find(|c: char| c.is_whitespace())
        .map_or("", |i| &inner[i..]);
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start();
        let end = rest
            .find(|c: char| c == '=' || c == '/' || c == '>' || c.is_whitespace())
            .unwrap_or(rest.len());
        if end == 0 {
            // `/`, `>` or the end: skip one character, stop at the end.
            let mut chars = rest.chars();
            if chars.next().is_none() {
                break;
            }
            rest = chars.as_str();
            continue;
        }
        let name = rest[..end].to_string();
        rest = rest[end..].trim_start();
        let Some(after_eq) = rest.strip_prefix('=') else {
            out.push((name, String::new()));
            continue;
        };
        rest = after_eq.trim_start();
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &rest[1..];
                let close = body.find(q).unwrap_or(body.len());
                rest = body.get(close + 1..).unwrap_or("");
                &body[..close]
            }
            _ => {
                let close = rest
                    .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                    .unwrap_or(rest.len());
                let v = &rest[..close];
                rest = &rest[close..];
                v
            }
        };
        out.push((name, decode_entities(value)));
    }
    out
}

fn attribute<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Decodes `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` and `&#…;` / `&#x…;`, in one pass; anything
/// else is left as it is.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest.find(';').filter(|&j| j <= 12).and_then(|j| {
            let name = &rest[1..j];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let n = if let Some(h) =
                        name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"))
                    {
                        u32::from_str_radix(h, 16).ok()
                    } else {
                        name.strip_prefix('#').and_then(|d| d.parse().ok())
                    };
                    n.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, j))
        });
        match decoded {
            Some((c, j)) => {
                out.push(c);
                rest = &rest[j + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `YYYYMMDD` → `YYYY-MM-DD` when it is a real date; anything else → `None`.
fn petr2_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.len() != 8 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, m, d) = (&raw[0..4], &raw[4..6], &raw[6..8]);
    jiff::civil::Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()?;
    Some(format!("{y}-{m}-{d}"))
}

/// An actor code as the suite reads it: empty, missing or `~` parts stand for `---`.
fn petr2_actor(code: Option<&str>) -> String {
    let code = norm(code.unwrap_or("")).replace('~', "---");
    if code.is_empty() {
        "---".into()
    } else {
        code
    }
}

/// The position just after the `>` closing the tag that starts at `start`.
fn tag_end(s: &str, start: usize) -> Option<usize> {
    s[start..].find('>').map(|i| start + i + 1)
}

fn read_petr2(path: &Path) -> Result<Vec<Petr2Record>, EvalError> {
    let raw = read(path)?;
    let text = strip_comments(&raw);
    let mut records = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("<Sentence") {
        let start = from + i;
        let after = &text[start + "<Sentence".len()..];
        if !after.starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/') {
            from = start + "<Sentence".len();
            continue; // `<Sentences>`
        }
        let n = records.len() + 1;
        let Some(open_end) = tag_end(&text, start) else {
            return Err(invalid(
                path,
                format!("invalid PETR2 suite: sentence {n}: unterminated <Sentence> tag"),
            ));
        };
        let Some(close) = text[open_end..].find("</Sentence>") else {
            return Err(invalid(
                path,
                format!("invalid PETR2 suite: sentence {n}: no </Sentence>"),
            ));
        };
        let body = &text[open_end..open_end + close];
        from = open_end + close + "</Sentence>".len();

        let attrs = attributes(&text[start..open_end]);
        let id = attribute(&attrs, "id")
            .map(str::to_string)
            .unwrap_or_else(|| format!("sentence {n}"));
        let date = attribute(&attrs, "date").and_then(petr2_date);

        let mut expected = Vec::new();
        let mut no_events = false;
        let mut pos = 0;
        while let Some(j) = body[pos..].find("<EventCoding") {
            let s = pos + j;
            let Some(e) = tag_end(body, s) else {
                return Err(invalid(
                    path,
                    format!("invalid PETR2 suite: {id}: unterminated <EventCoding>"),
                ));
            };
            pos = e;
            let a = attributes(&body[s..e]);
            if attribute(&a, "noevents").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
                no_events = true;
                continue;
            }
            let Some(code) = attribute(&a, "eventcode")
                .map(norm)
                .filter(|c| !c.is_empty())
            else {
                return Err(invalid(
                    path,
                    format!("invalid PETR2 suite: {id}: <EventCoding> without eventcode"),
                ));
            };
            let triple = (
                code,
                petr2_actor(attribute(&a, "sourcecode")),
                petr2_actor(attribute(&a, "targetcode")),
            );
            if !expected.contains(&triple) {
                expected.push(triple);
            }
        }

        let sentence = match (body.find("<Text>"), body.find("</Text>")) {
            (Some(a), Some(b)) if a + "<Text>".len() <= b => &body[a + "<Text>".len()..b],
            _ => {
                return Err(invalid(
                    path,
                    format!("invalid PETR2 suite: {id}: no <Text> … </Text>"),
                ))
            }
        };
        let sentence = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
        records.push(Petr2Record {
            id,
            date,
            text: decode_entities(&sentence),
            expected,
            no_events,
        });
    }
    if records.is_empty() {
        return Err(invalid(
            path,
            "invalid PETR2 suite: no <Sentence> block".into(),
        ));
    }
    Ok(records)
}

fn describe_triple(t: &Triple) -> String {
    format!("{} {} -> {}", t.0, t.1, t.2)
}

/// Runs `coder` over the PETR2 validation suite at `path` and scores it (see the module
/// documentation).
pub fn score_petr2(path: &Path, coder: &Coder) -> Result<Petr2Report, EvalError> {
    let records = read_petr2(path)?;
    let mut report = Petr2Report {
        records: records.len(),
        correct: 0,
        missed: 0,
        extra: 0,
        no_event_records: 0,
        no_event_extra: 0,
        correct_country: 0,
        null_events: 0,
        misses: Vec::new(),
    };
    for r in &records {
        let out = coder(&r.text, r.date.as_deref());
        let mut got: BTreeSet<Triple> = BTreeSet::new();
        for e in &out {
            let cameo = norm(&e.cameo);
            if cameo.is_empty() || cameo.starts_with("---") {
                report.null_events += 1;
                continue;
            }
            let actor = |a: &Option<String>| {
                a.as_deref()
                    .map(norm)
                    .filter(|c| !c.is_empty())
                    .unwrap_or_default()
            };
            got.insert((cameo, actor(&e.source), actor(&e.target)));
        }
        let extra = got.iter().filter(|t| !r.expected.contains(t)).count();
        let (correct, missed, country) = if r.no_events || r.expected.is_empty() {
            if r.no_events {
                report.no_event_records += 1;
                report.no_event_extra += extra;
            }
            let quiet = got.is_empty();
            // A record with neither expected triples nor `noevents` has nothing to find.
            let counted = usize::from(r.no_events);
            if quiet {
                (counted, 0, counted)
            } else {
                (0, counted, 0)
            }
        } else {
            let correct = r.expected.iter().filter(|t| got.contains(*t)).count();
            let country = r
                .expected
                .iter()
                .filter(|(c, s, t)| {
                    got.iter().any(|(gc, gs, gt)| {
                        gc == c && prefix3(gs) == prefix3(s) && prefix3(gt) == prefix3(t)
                    })
                })
                .count();
            (correct, r.expected.len() - correct, country)
        };
        report.correct += correct;
        report.missed += missed;
        report.extra += extra;
        report.correct_country += country;
        if missed > 0 || extra > 0 {
            let expected = if r.expected.is_empty() {
                "no events".to_string()
            } else {
                r.expected
                    .iter()
                    .map(describe_triple)
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            report.misses.push(SuiteMiss {
                id: r.id.clone(),
                text: cut(&r.text),
                expected,
                got: out.iter().map(describe_event).collect(),
            });
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_attributes() {
        let a = attributes(r#"<Sentence category="X" date='20080804' id="a&amp;b" evaluate/>"#);
        assert_eq!(attribute(&a, "date"), Some("20080804"));
        assert_eq!(attribute(&a, "id"), Some("a&b"));
        assert_eq!(attribute(&a, "evaluate"), Some(""));
        assert_eq!(attribute(&a, "up"), None);
        let a = attributes(r#"<EventCoding eventcode="042" sourcecode="" targetcode="CHN" />"#);
        assert_eq!(attribute(&a, "sourcecode"), Some(""));
        assert_eq!(petr2_actor(attribute(&a, "sourcecode")), "---");
    }

    #[test]
    fn decodes_entities_once() {
        assert_eq!(
            decode_entities("a &amp;lt; b &#39;c&#x27; &bogus; &"),
            "a &lt; b 'c' &bogus; &"
        );
    }

    #[test]
    fn dates_and_prefixes() {
        assert_eq!(petr2_date("20080804").as_deref(), Some("2008-08-04"));
        assert_eq!(petr2_date("121108"), None);
        assert_eq!(petr2_date("20080231"), None);
        assert_eq!(prefix3("IGOUNOMIL"), "IGO");
        assert_eq!(prefix3("US"), "US");
        assert_eq!(strip_comments("a<!-- x -->b<!--- c"), "ab");
    }
}
