//! `dateline-time`: finds English time expressions in news text and resolves them to TIMEX3
//! values against the article's publication date.
//!
//! Brief overview:
//! - [`tag_text`]: the pure function over a text — byte ranges, TIMEX3 type, value, and for
//!   intervals and modified periods a begin (and end) point. [`tag_text_at`] also takes a time
//!   of day for expressions counted from "now" ("in 15 minutes").
//! - [`TimeStage`]: the pipeline stage (`time@1`). It reads every content zone of an
//!   [`Article`](dateline_model::Article) (headline, standfirst, captions, display date, byline,
//!   paragraphs, crossheads), uses the sentences and part-of-speech tags earlier stages left in
//!   the analysis, and fills [`Analysis::timexes`](dateline_model::Analysis::timexes) with char
//!   spans, surface text, type, value and sentence index.
//! - [`is_valid_timex3_value`]: the validator for every value form produced here.
//!
//! What is recognised: dates in their written forms ("Feb. 26", "26 February 2025",
//! "February 26, 2025", "2025-02-26", "2/26", and "26/2" when the first part cannot be a
//! month), weekdays, months, years ("in 2024", "2024's" — never a bare number), quarters,
//! seasons and parts of the day ("Sunday morning", "overnight", "tonight"), relative
//! expressions ("last week", "later this week", "two days ago", "in two weeks", "late last
//! year", "the past three years", "recent weeks"), durations ("for three days" → `P3D`,
//! "a two-year deal" → `P2Y`; ages such as "45-year-old" are not durations), sets ("every
//! Monday" → `XXXX-WXX-1`, "weekly" → `P1W`), references (`PRESENT_REF`, `PAST_REF`,
//! `FUTURE_REF`), times of day ("at 3 p.m."), holidays, ranges ("July 13-15").
//!
//! How values are resolved: against the reference date only (never the clock). Weeks are ISO
//! weeks ("last week" from Wednesday 2025-02-26 is `2025-W08`, "this week" `2025-W09`); "last
//! Tuesday" / "next Tuesday" are that day of the previous / next ISO week. Bare weekdays,
//! months, dates without a year, holidays and seasons are read by the tense of their clause
//! (below): a past clause takes the latest occurrence on or before the publication day ("said on
//! Wednesday" in a Wednesday paper is that day), a future clause the earliest on or after it
//! ("would visit Trump on Friday"). With no tense cue, weekdays are the past or today (news
//! convention), months and dates fall in the publication year, holidays are the nearest
//! occurrence and seasons the nearest one. Without a reference date, relative values stay
//! underspecified in TIMEX3 style (`XXXX-XX-XX`, `XXXX-WXX-2`, `XXXX-02-26`). "N days ago", "in
//! N weeks", "N months hence" are days; "N years ago" a month (one grain finer than the unit, as
//! Duckling does). Intervals ("the past three years", "July 13-15", "late March") carry a
//! `begin` point in [`Found`].
//!
//! The tense of a clause: the sentence is cut at punctuation and clause words (`that`, `which`,
//! `who`, `when`, `but`, `and`, …); the nearest verb group decides, looking left of the
//! expression first, then right, then in the neighbouring clauses. Future: `will`, `shall`,
//! `'ll`, `would`, other modals, `is going to`, `plans to`, `is expected to`, `is scheduled
//! to` / `for`, `next`, `upcoming`, and an infinitive with no finite verb before it (headline
//! style: "Putin to meet Trump on Friday"). Past: `VBD`/`VBN` tags when a tagger ran (any tag
//! other than `Pos::X`), otherwise past auxiliaries, the irregular past forms of the lexicon and
//! lower-case `-ed` words; "would have" is past. Anything else is unmarked.
//!
//! Traps that give nothing: the modal "may" and "May" the name, "march" the verb, bare numbers,
//! money ("$2025"), scores ("3-2"), fractions and odds ("5/16", "25/1"), ordinals ("the first",
//! "a second round"), phone numbers, ages ("a 45-year-old", "aged 45"), the "Sun" newspaper,
//! "august" the adjective, titles ("the Tonight Show", "60 Minutes", "the People's Daily"),
//! contract months in price tables ("MAY7").
//!
//! All words the recogniser knows (months, weekdays, numbers, units, seasons, parts of the day,
//! relative words, holiday rules, tense cues) live in `data/lexicon/time.txt`, embedded at
//! build time. `DISAGREEMENTS.md` in this crate lists where the news conventions above differ
//! from the Duckling test corpus.
//!
//! # Example
//! ```
//! use dateline_time::{tag_text, TenseHint};
//! use dateline_model::TimexType;
//!
//! let text = "The minister said on Monday that talks would resume on Friday, \
//!             after three weeks of fighting that began last month.";
//! let published = jiff::civil::date(2025, 3, 5); // a Wednesday
//! let found = tag_text(text, Some(published), TenseHint::Auto);
//! let values: Vec<(&str, &str)> =
//!     found.iter().map(|f| (&text[f.range.clone()], f.value.as_str())).collect();
//! assert_eq!(
//!     values,
//!     vec![
//!         ("Monday", "2025-03-03"),  // "said": the Monday before
//!         ("Friday", "2025-03-07"),  // "would resume": the coming Friday
//!         ("three weeks", "P3W"),    // a duration
//!         ("last month", "2025-02"), // relative to the publication date
//!     ]
//! );
//! assert_eq!(found[2].kind, TimexType::Duration);
//! ```
#![deny(missing_docs)]

use std::ops::Range;

use dateline_model::{Pos, TimexType};
use jiff::civil::{Date, DateTime};

mod grammar;
mod lexicon;
mod resolve;
mod scan;
mod stage;
mod tense;
mod value;

pub use stage::TimeStage;
pub use value::{is_valid_timex3_value, Mod};

use grammar::{Cand, Parser, Sem};
use resolve::{sub_period_start, Dir};
use value::Value;

/// How [`tag_text`] reads the tense of the clause around a bare weekday, month or holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TenseHint {
    /// Read it from the verbs of the clause (the default).
    #[default]
    Auto,
    /// Treat every clause as past: the latest occurrence on or before the reference date.
    Past,
    /// Treat every clause as future: the earliest occurrence on or after the reference date.
    Future,
    /// No tense cue: the news defaults (weekdays past or today; months in the reference year).
    Unmarked,
}

/// A time expression found by [`tag_text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// TIMEX3 type.
    pub kind: TimexType,
    /// TIMEX3 value (`2025-02-26`, `2025-W08`, `P3D`, `PAST_REF`).
    pub value: String,
    /// TIMEX3 `mod` ("early March": `START`).
    pub modifier: Option<Mod>,
    /// The first point of an interval (TIMEX3 `beginPoint`): the start of a range
    /// ("July 13-15": `2013-07-13`), of an anchored duration ("the past three years": the
    /// first of the three years; "18th Dec for 10 days"), or of the part a modifier picks
    /// ("late March": `2025-03-21`; "the end of the year": `2025-09`).
    pub begin: Option<String>,
    /// The last point of a range ("July 13-15": `2013-07-15`), when there is one.
    pub end: Option<String>,
}

/// Finds the time expressions in `text` and resolves them against `reference` (the
/// publication date). Without a reference, relative values stay underspecified (`XXXX-XX-XX`).
/// Expressions counted from the current time of day ("in 15 minutes") need [`tag_text_at`].
pub fn tag_text(text: &str, reference: Option<Date>, tense_hint: TenseHint) -> Vec<Found> {
    tag_inner(text, reference, None, None, &[], tense_hint)
}

/// Like [`tag_text`], with a reference time of day as well: "in 15 minutes", "the last two
/// hours" then resolve to times.
pub fn tag_text_at(text: &str, reference: Option<DateTime>, tense_hint: TenseHint) -> Vec<Found> {
    let rt = reference.map(|dt| (dt.hour() as u8, dt.minute() as u8, dt.second() as u8));
    tag_inner(
        text,
        reference.map(|dt| dt.date()),
        rt,
        None,
        &[],
        tense_hint,
    )
}

/// A token of an earlier tagger: byte range in the text and its tag.
pub(crate) type TaggedToken = (usize, usize, Pos);

/// The recogniser with everything the stage knows: part-of-speech tags (sorted by start) and
/// sentence starts (byte offsets, sorted).
pub(crate) fn tag_inner(
    text: &str,
    rf: Option<Date>,
    rt: Option<(u8, u8, u8)>,
    tagged: Option<&[TaggedToken]>,
    breaks: &[usize],
    hint: TenseHint,
) -> Vec<Found> {
    if text.is_empty() {
        return Vec::new();
    }
    let lower = text.to_ascii_lowercase();
    let toks = scan::scan(text, &lower, breaks);
    let pos: Option<Vec<Pos>> = tagged.map(|tagged| {
        toks.iter()
            .map(|t| {
                let b = t.start as usize;
                let k = tagged.partition_point(|(s, _, _)| *s <= b);
                match k.checked_sub(1).map(|k| tagged[k]) {
                    Some((s, e, p)) if s <= b && b < e => p,
                    _ => Pos::X,
                }
            })
            .collect()
    });
    let parser = Parser::new(
        &lower,
        &toks,
        lexicon::lexicon(),
        rf,
        rt,
        pos.as_deref(),
        hint,
    );
    let cands = parser.run();
    cands
        .iter()
        .filter_map(|c| finish(&parser, &toks, c))
        .collect()
}

fn kind_of(v: &Value) -> TimexType {
    match v {
        Value::DayPart(..) | Value::Time(..) => TimexType::Time,
        Value::Duration(_) => TimexType::Duration,
        Value::Set(_) => TimexType::Set,
        Value::Under(u) if u.contains('T') => TimexType::Time,
        _ => TimexType::Date,
    }
}

fn finish(p: &Parser, toks: &[scan::Tok], c: &Cand) -> Option<Found> {
    let is_dir = |s: &Sem| matches!(s, Sem::Dir(..));
    let needs = is_dir(&c.sem)
        || c.begin.as_ref().is_some_and(is_dir)
        || c.end.as_ref().is_some_and(is_dir);
    let dir = if needs {
        p.direction(c.s, c.e)
    } else {
        Dir::Unmarked
    };
    let value = p.resolve(&c.sem, dir)?;
    let begin = match &c.begin {
        Some(b) => p.resolve(b, dir),
        None if c.sub_begin => c.md.and_then(|m| sub_period_start(&value, m)),
        None => None,
    };
    let end = c.end.as_ref().and_then(|e| p.resolve(e, dir));
    let v = value.format();
    if !is_valid_timex3_value(&v) {
        return None;
    }
    let fmt = |x: Option<Value>| x.map(|x| x.format()).filter(|s| is_valid_timex3_value(s));
    Some(Found {
        range: toks[c.s].start as usize..toks[c.e - 1].end as usize,
        kind: kind_of(&value),
        value: v,
        modifier: c.md,
        begin: fmt(begin),
        end: fmt(end),
    })
}
