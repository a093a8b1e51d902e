//! The `entities` section: found entities, mention recall, false positives, actor accuracy.
use std::collections::BTreeSet;

use dateline_model::{Entity, Span};

use crate::gold::Gold;
use crate::score::{ActorError, EntityScore, MentionMiss};
use crate::text::{fold, Doc};

/// An output entity seen through its content-zone mentions, texts folded.
struct Seen<'e> {
    entity: &'e Entity,
    name: String,
    mentions: Vec<(Span, String)>,
}

impl Seen<'_> {
    /// Same type, and the canonical name or a content mention text is `name` (folded).
    fn matches(&self, kind: &str, name: &str) -> bool {
        !name.is_empty()
            && self.entity.kind.label().eq_ignore_ascii_case(kind.trim())
            && (self.name == name || self.mentions.iter().any(|(_, t)| t == name))
    }

    /// The canonical name or a content mention text is one of `names` (folded).
    fn named_any(&self, names: &[String]) -> bool {
        names.iter().any(|n| {
            !n.is_empty() && (self.name == *n || self.mentions.iter().any(|(_, t)| t == n))
        })
    }
}

fn first3(s: &str) -> String {
    s.trim().chars().take(3).collect()
}

/// Scores the entity layer (`None`: not run).
pub(crate) fn score(gold: &Gold, doc: &Doc, out: Option<&[Entity]>) -> EntityScore {
    let mut s = EntityScore {
        run: out.is_some(),
        ..EntityScore::default()
    };
    for g in &gold.entities {
        s.mentions_expected += g.mentions.values().sum::<u64>();
        if g.actor.as_deref().is_some_and(|a| !a.trim().is_empty()) {
            s.actor_expected += 1;
        }
    }
    let Some(out) = out else {
        s.prf.fn_ = gold.entities.len() as u64;
        return s;
    };
    let seen: Vec<Seen> = out
        .iter()
        .map(|e| Seen {
            entity: e,
            name: fold(&e.name),
            mentions: e
                .mentions
                .iter()
                .filter(|m| doc.in_content(m.span))
                .map(|m| (m.span, fold(&m.text)))
                .collect(),
        })
        .filter(|s| !s.mentions.is_empty())
        .collect();
    let mut matched_any = vec![false; seen.len()];

    for g in &gold.entities {
        let name = fold(&g.name);
        let hits: Vec<usize> = (0..seen.len())
            .filter(|&i| seen[i].matches(&g.kind, &name))
            .collect();
        for &i in &hits {
            matched_any[i] = true;
        }
        let label = format!("{} ({})", g.name, g.kind);
        if hits.is_empty() {
            s.prf.fn_ += 1;
            s.missed.push(label);
        } else {
            s.prf.tp += 1;
        }
        // Mention recall over the union of the matched entities' content mentions.
        let mut union: BTreeSet<(usize, usize, &str)> = BTreeSet::new();
        for &i in &hits {
            for (span, text) in &seen[i].mentions {
                union.insert((span.start, span.end, text.as_str()));
            }
        }
        for (form, &expected) in &g.mentions {
            let form_f = fold(form);
            let found = union
                .iter()
                .filter(|(_, _, t)| !form_f.is_empty() && *t == form_f)
                .count() as u64;
            s.mentions_found += found.min(expected);
            if found < expected {
                s.mention_misses.push(MentionMiss {
                    entity: g.name.clone(),
                    form: form.clone(),
                    expected,
                    found,
                });
            }
        }
        // Actor of the matched entity: one named exactly, else the first match.
        let Some(gold_actor) = g.actor.as_deref().map(str::trim).filter(|a| !a.is_empty()) else {
            continue;
        };
        let Some(&primary) = hits
            .iter()
            .find(|&&i| seen[i].name == name)
            .or(hits.first())
        else {
            continue;
        };
        let got = seen[primary]
            .entity
            .actor
            .as_deref()
            .map(str::trim)
            .unwrap_or("");
        s.actor_checked += 1;
        if got == gold_actor {
            s.actor_exact += 1;
        } else {
            s.actor_errors.push(ActorError {
                entity: g.name.clone(),
                expected: gold_actor.to_string(),
                got: got.to_string(),
            });
        }
        if !got.is_empty() && first3(got) == first3(gold_actor) {
            s.actor_prefix += 1;
        }
    }

    let optional: Vec<String> = gold.optional_entities.iter().map(|o| fold(o)).collect();
    for (i, e) in seen.iter().enumerate() {
        if matched_any[i] || e.named_any(&optional) {
            continue;
        }
        s.prf.fp += 1;
        s.false_positives
            .push(format!("{} ({})", e.entity.name, e.entity.kind.label()));
    }
    s
}
