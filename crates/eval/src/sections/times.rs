//! The `times` section: gold timexes located by context, outputs matched by overlap and value.
use dateline_model::{Span, Timex};

use crate::gold::{Gold, GoldTime};
use crate::score::{FalseItem, TimeMiss, TimeScore};
use crate::text::{clip, fold_lower, overlaps, Doc};

/// The spans of a gold timex: its `text` inside each content occurrence of its `context`. When
/// the context (or the text inside it) cannot be found, the content occurrences of the text
/// alone. The flag tells whether the context was used.
fn locate(doc: &Doc, g: &GoldTime) -> (Vec<Span>, bool) {
    let mut spans = Vec::new();
    for ctx in doc.find_content(&g.context, false) {
        for s in doc.find_in(&g.text, false, ctx) {
            if !spans.contains(&s) {
                spans.push(s);
            }
        }
    }
    if !spans.is_empty() {
        return (spans, true);
    }
    (doc.find_content(&g.text, false), false)
}

/// Scores the timex layer (`None`: not run).
pub(crate) fn score(gold: &Gold, doc: &Doc, out: Option<&[Timex]>) -> TimeScore {
    let mut s = TimeScore {
        run: out.is_some(),
        ..TimeScore::default()
    };
    let located: Vec<(Vec<Span>, bool)> = gold.times.iter().map(|g| locate(doc, g)).collect();
    s.unlocated = located
        .iter()
        .filter(|(l, ctx)| l.is_empty() || !ctx)
        .count() as u64;
    let Some(out) = out else {
        s.prf.fn_ = gold.times.len() as u64;
        return s;
    };
    let out: Vec<&Timex> = out.iter().filter(|t| doc.in_content(t.span)).collect();

    for (g, (spans, by_context)) in gold.times.iter().zip(&located) {
        let values: Vec<&str> = std::iter::once(g.value.trim())
            .chain(g.value_alternatives.iter().map(|v| v.trim()))
            .filter(|v| !v.is_empty())
            .collect();
        let there: Vec<&&Timex> = out
            .iter()
            .filter(|t| spans.iter().any(|l| overlaps(t.span, *l)))
            .collect();
        if there.iter().any(|t| values.contains(&t.value.trim())) {
            s.prf.tp += 1;
            continue;
        }
        s.prf.fn_ += 1;
        let reason = if spans.is_empty() {
            "not located in the text".to_string()
        } else if let Some(t) = there.first() {
            format!("output {:?} has value {}", t.text, t.value)
        } else if *by_context {
            "no output timex there".to_string()
        } else {
            "context not located; no output timex at the text".to_string()
        };
        s.missed.push(TimeMiss {
            text: g.text.clone(),
            context: g.context.clone(),
            value: g.value.clone(),
            reason,
        });
    }

    let gold_spans: Vec<Span> = located
        .iter()
        .flat_map(|(l, _)| l.iter().copied())
        .collect();
    let optional: Vec<(String, Vec<Span>)> = gold
        .optional_times
        .iter()
        .map(|o| (fold_lower(o), doc.find_all(o, true)))
        .filter(|(o, _)| !o.is_empty())
        .collect();
    for t in out {
        if gold_spans.iter().any(|l| overlaps(t.span, *l)) {
            continue;
        }
        let text = fold_lower(&t.text);
        if optional
            .iter()
            .any(|(o, occ)| *o == text || occ.iter().any(|l| overlaps(t.span, *l)))
        {
            continue;
        }
        s.prf.fp += 1;
        s.false_positives.push(FalseItem {
            text: clip(&t.text, 80),
            detail: t.value.clone(),
        });
    }
    s
}
