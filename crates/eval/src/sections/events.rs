//! The `events` and `must_not_assert` sections.
use dateline_model::{ActorRef, Event, Modality};

use crate::gold::{Gold, GoldEvent};
use crate::score::{CriticalError, CriticalScore, EventMiss, EventScore};
use crate::text::{clip, fold, same_ci, Doc};

/// An output event seen through its content-zone mentions: their sentence texts, folded.
struct Seen<'e> {
    event: &'e Event,
    sentences: Vec<String>,
}

impl Seen<'_> {
    /// True when a mention sentence contains `evidence` (folded, non-empty).
    fn says(&self, evidence: &str) -> bool {
        let e = fold(evidence);
        !e.is_empty() && self.sentences.iter().any(|s| s.contains(&e))
    }

    fn describe(&self) -> String {
        let e = self.event;
        let code = |a: &Option<ActorRef>| {
            a.as_ref()
                .map(|a| a.code.clone())
                .unwrap_or_else(|| "-".to_string())
        };
        let date = e
            .date
            .as_deref()
            .map(|d| format!(" {d}"))
            .unwrap_or_default();
        let sentence = self
            .sentences
            .first()
            .map(|s| clip(s, 90))
            .unwrap_or_default();
        format!(
            "{} {}->{} {}{}: {:?}",
            e.cameo,
            code(&e.source),
            code(&e.target),
            e.modality.name(),
            date,
            sentence
        )
    }
}

/// The criteria names, in the order of [`criteria`].
const CRITERIA: [&str; 5] = ["evidence", "cameo", "actors", "modality", "date"];

/// The actor code, or `None` when absent or blank.
fn code(a: &Option<ActorRef>) -> Option<&str> {
    a.as_ref().map(|a| a.code.trim()).filter(|c| !c.is_empty())
}

/// Whether an actor code is allowed by a gold list: an empty list allows anything; a `null`
/// (or blank) entry allows no actor; a code allows actor codes starting with it.
fn allowed(list: &[Option<String>], actor: Option<&str>) -> bool {
    list.is_empty()
        || list.iter().any(|entry| {
            let entry = entry.as_deref().map(str::trim).filter(|e| !e.is_empty());
            match (entry, actor) {
                (None, None) => true,
                (Some(p), Some(c)) => c.to_ascii_uppercase().starts_with(&p.to_ascii_uppercase()),
                _ => false,
            }
        })
}

/// Which criteria an output event meets for a gold event: evidence, cameo, actors, modality,
/// date. Empty gold lists constrain nothing, except evidence (none usable: never met).
fn criteria(g: &GoldEvent, e: &Seen) -> [bool; 5] {
    let ev = e.event;
    let evidence = g.evidence.iter().any(|x| e.says(x));
    let cameo = g.cameo.is_empty() || g.cameo.iter().any(|c| c.trim() == ev.cameo.trim());
    let (src, tgt) = (code(&ev.source), code(&ev.target));
    let actors = (allowed(&g.source, src) && allowed(&g.target, tgt))
        || (g.symmetric && allowed(&g.source, tgt) && allowed(&g.target, src));
    let modality =
        g.modality.is_empty() || g.modality.iter().any(|m| same_ci(m, ev.modality.name()));
    let date = match g.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => true,
        Some(d) => ev
            .date
            .as_deref()
            .map(str::trim)
            .is_some_and(|out| out == d || g.date_alternatives.iter().any(|a| a.trim() == out)),
    };
    [evidence, cameo, actors, modality, date]
}

/// Scores the event layer and the critical errors (`None`: not run).
pub(crate) fn score(gold: &Gold, doc: &Doc, out: Option<&[Event]>) -> (EventScore, CriticalScore) {
    let mut s = EventScore {
        run: out.is_some(),
        ..EventScore::default()
    };
    let mut crit = CriticalScore {
        run: out.is_some(),
        ..CriticalScore::default()
    };
    s.required = gold.events.iter().filter(|g| g.required).count() as u64;
    let Some(out) = out else { return (s, crit) };

    let seen: Vec<Seen> = out
        .iter()
        .map(|e| Seen {
            event: e,
            sentences: e
                .mentions
                .iter()
                .filter(|m| doc.in_content(m.sentence_span) || doc.in_content(m.trigger))
                .map(|m| fold(&doc.slice(m.sentence_span)))
                .collect(),
        })
        .filter(|e| !e.sentences.is_empty())
        .collect();

    let mut matched = vec![false; gold.events.len()];
    for e in &seen {
        let hits: Vec<usize> = (0..gold.events.len())
            .filter(|&i| criteria(&gold.events[i], e).iter().all(|&ok| ok))
            .collect();
        if hits.is_empty() {
            s.false_positive_count += 1;
            s.false_positives.push(e.describe());
            continue;
        }
        let free = |req: bool| {
            hits.iter()
                .copied()
                .find(|&i| !matched[i] && gold.events[i].required == req)
        };
        match free(true).or_else(|| free(false)) {
            Some(i) => {
                matched[i] = true;
                if gold.events[i].required {
                    s.required_matched += 1;
                } else {
                    s.optional_matched += 1;
                }
            }
            None => s.duplicates += 1,
        }
    }

    for (i, g) in gold.events.iter().enumerate() {
        if matched[i] || !g.required {
            continue;
        }
        // Closest output: meets the evidence first, then the most criteria; earliest on ties.
        let mut closest: Option<(usize, [bool; 5])> = None;
        let rank = |c: &[bool; 5]| (c[0], c.iter().filter(|&&x| x).count());
        for (j, e) in seen.iter().enumerate() {
            let c = criteria(g, e);
            if match closest {
                None => true,
                Some((_, b)) => rank(&c) > rank(&b),
            } {
                closest = Some((j, c));
            }
        }
        s.missed.push(EventMiss {
            id: g.id.clone().unwrap_or_else(|| format!("#{i}")),
            closest: closest.map(|(j, _)| seen[j].describe()),
            failed: closest
                .map(|(_, c)| {
                    CRITERIA
                        .iter()
                        .zip(c)
                        .filter(|(_, ok)| !ok)
                        .map(|(n, _)| n.to_string())
                        .collect()
                })
                .unwrap_or_default(),
        });
    }

    for m in &gold.must_not_assert {
        let events: Vec<String> = seen
            .iter()
            .filter(|e| {
                e.event.modality == Modality::Asserted
                    && (m.cameo.is_empty()
                        || m.cameo.iter().any(|c| c.trim() == e.event.cameo.trim()))
                    && e.says(&m.evidence)
            })
            .map(|e| e.describe())
            .collect();
        if !events.is_empty() {
            crit.count += 1;
            crit.errors.push(CriticalError {
                evidence: clip(&m.evidence, 100),
                why: m.why.clone().unwrap_or_default(),
                events,
            });
        }
    }
    (s, crit)
}
