//! Named-entity and coreference scoring on GUM-style entity files (`gum_news_entities.jsonl`:
//! one document a line, `text` plus `mentions` `[{eid, etype, start, end, text}]` in char offsets).
//!
//! The rule, as the test set's README gives it: keep the gold mentions whose text starts with a
//! capitalised word and whose type is person, organization or place; map person → PERSON,
//! organization → ORG, place → PLACE (a prediction of GPE or LOC counts as PLACE). Predictions
//! are filtered the same way (capitalised first word; PERSON, ORG, GPE, LOC — NORP has no gold
//! counterpart and is left out). A prediction is right when its span and class equal a gold
//! mention's. Coreference is scored pairwise over the mentions both sides share exactly: of the
//! gold pairs in one group, how many the prediction puts in one entity (recall), and of the
//! predicted same-entity pairs, how many are one gold group (precision).
use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::{EvalError, Prf};

/// One gold document.
#[derive(Debug, Clone, Deserialize)]
pub struct NerDoc {
    /// Document name.
    #[serde(default)]
    pub doc: String,
    /// The text the offsets point into.
    pub text: String,
    /// Every gold mention.
    pub mentions: Vec<GoldMention>,
}

/// A gold mention.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldMention {
    /// Coreference group.
    pub eid: i64,
    /// GUM entity type.
    pub etype: String,
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The mention's text.
    pub text: String,
}

/// A predicted mention.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PredMention {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// OntoNotes label (PERSON, ORG, GPE, LOC, NORP, …).
    pub label: String,
    /// Entity (cluster) id, for coreference.
    #[serde(default)]
    pub cluster: Option<String>,
}

/// Scores per class and for coreference.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NerReport {
    /// Documents scored.
    pub documents: usize,
    /// PERSON, ORG, PLACE and all.
    pub classes: Vec<(String, Prf)>,
    /// Pairwise coreference over shared mentions.
    pub coref: Prf,
}

/// Reads a GUM-style entity file.
pub fn load_entities(path: &Path) -> Result<Vec<NerDoc>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut docs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let d: NerDoc = serde_json::from_str(line).map_err(|e| EvalError::Json {
            path: path.to_path_buf(),
            line: i + 1,
            column: e.column(),
            message: e.to_string(),
        })?;
        docs.push(d);
    }
    Ok(docs)
}

fn gold_class(etype: &str) -> Option<&'static str> {
    match etype {
        "person" => Some("PERSON"),
        "organization" => Some("ORG"),
        "place" => Some("PLACE"),
        _ => None,
    }
}

fn pred_class(label: &str) -> Option<&'static str> {
    match label {
        "PERSON" | "PER" => Some("PERSON"),
        "ORG" => Some("ORG"),
        "GPE" | "LOC" | "FAC" => Some("PLACE"),
        _ => None,
    }
}

fn capitalised(text: &str, start: usize, end: usize) -> bool {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .find(|c| !c.is_whitespace())
        .is_some_and(char::is_uppercase)
}

/// Scores predictions (one list per document, in the same order) against the gold documents.
pub fn score(docs: &[NerDoc], preds: &[Vec<PredMention>]) -> NerReport {
    let classes = ["PERSON", "ORG", "PLACE"];
    let mut per: HashMap<&str, Prf> = classes.iter().map(|c| (*c, Prf::default())).collect();
    let mut coref = Prf::default();
    for (d, p) in docs
        .iter()
        .zip(preds.iter().chain(std::iter::repeat(&Vec::new())))
    {
        let gold: Vec<(usize, usize, &str, i64)> = d
            .mentions
            .iter()
            .filter(|m| capitalised(&d.text, m.start, m.end))
            .filter_map(|m| Some((m.start, m.end, gold_class(&m.etype)?, m.eid)))
            .collect();
        let pred: Vec<(usize, usize, &str, Option<&str>)> = p
            .iter()
            .filter(|m| capitalised(&d.text, m.start, m.end))
            .filter_map(|m| Some((m.start, m.end, pred_class(&m.label)?, m.cluster.as_deref())))
            .collect();
        let mut gold_set: HashMap<(usize, usize, &str), i64> = HashMap::new();
        for g in &gold {
            gold_set.insert((g.0, g.1, g.2), g.3);
        }
        let mut pred_set: HashMap<(usize, usize, &str), Option<&str>> = HashMap::new();
        for q in &pred {
            pred_set.insert((q.0, q.1, q.2), q.3);
        }
        for (k, _) in &gold_set {
            let e = per.get_mut(k.2).expect("known class");
            if pred_set.contains_key(k) {
                e.tp += 1;
            } else {
                e.fn_ += 1;
            }
        }
        for k in pred_set.keys() {
            if !gold_set.contains_key(k) {
                per.get_mut(k.2).expect("known class").fp += 1;
            }
        }
        // Pairwise coreference over mentions found by both sides.
        let shared: Vec<(i64, Option<&str>)> = gold_set
            .iter()
            .filter_map(|(k, eid)| pred_set.get(k).map(|c| (*eid, *c)))
            .collect();
        for i in 0..shared.len() {
            for j in i + 1..shared.len() {
                let same_gold = shared[i].0 == shared[j].0;
                let same_pred = shared[i].1.is_some() && shared[i].1 == shared[j].1;
                match (same_gold, same_pred) {
                    (true, true) => coref.tp += 1,
                    (true, false) => coref.fn_ += 1,
                    (false, true) => coref.fp += 1,
                    (false, false) => {}
                }
            }
        }
    }
    let mut all = Prf::default();
    let mut out = Vec::new();
    for c in classes {
        let p = per[c].clone();
        all.tp += p.tp;
        all.fp += p.fp;
        all.fn_ += p.fn_;
        out.push((c.to_string(), p));
    }
    out.push(("ALL".to_string(), all));
    NerReport {
        documents: docs.len(),
        classes: out,
        coref,
    }
}

impl NerReport {
    /// A human table.
    pub fn render(&self) -> String {
        let mut s = format!(
            "{} documents\n  class      P      R     F1    tp    fp    fn\n",
            self.documents
        );
        let row = |name: &str, p: &Prf| {
            format!(
                "  {:<7} {:>5.3}  {:>5.3}  {:>5.3}  {:>4}  {:>4}  {:>4}\n",
                name,
                p.precision(),
                p.recall(),
                p.f1(),
                p.tp,
                p.fp,
                p.fn_
            )
        };
        for (c, p) in &self.classes {
            s.push_str(&row(c, p));
        }
        s.push_str(&row("coref", &self.coref));
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_classes_and_pairs() {
        let doc = NerDoc {
            doc: "d".into(),
            text: "Ana Silva met the Lisbon council. Silva said she was glad.".into(),
            mentions: vec![
                GoldMention {
                    eid: 1,
                    etype: "person".into(),
                    start: 0,
                    end: 9,
                    text: "Ana Silva".into(),
                },
                GoldMention {
                    eid: 2,
                    etype: "place".into(),
                    start: 18,
                    end: 24,
                    text: "Lisbon".into(),
                },
                GoldMention {
                    eid: 3,
                    etype: "organization".into(),
                    start: 14,
                    end: 32,
                    text: "the Lisbon council".into(),
                },
                GoldMention {
                    eid: 1,
                    etype: "person".into(),
                    start: 34,
                    end: 39,
                    text: "Silva".into(),
                },
                GoldMention {
                    eid: 1,
                    etype: "person".into(),
                    start: 45,
                    end: 48,
                    text: "she".into(),
                },
            ],
        };
        let pred = vec![
            PredMention {
                start: 0,
                end: 9,
                label: "PERSON".into(),
                cluster: Some("e0".into()),
            },
            PredMention {
                start: 18,
                end: 24,
                label: "GPE".into(),
                cluster: Some("e1".into()),
            },
            PredMention {
                start: 34,
                end: 39,
                label: "PERSON".into(),
                cluster: Some("e0".into()),
            },
            PredMention {
                start: 45,
                end: 48,
                label: "PERSON".into(),
                cluster: Some("e0".into()),
            },
            PredMention {
                start: 25,
                end: 32,
                label: "NORP".into(),
                cluster: None,
            },
        ];
        let r = score(&[doc], &[pred]);
        let all = &r.classes.iter().find(|(c, _)| c == "ALL").unwrap().1;
        // "the Lisbon council" and "she" are not capitalised: out on both sides.
        assert_eq!((all.tp, all.fp, all.fn_), (3, 0, 0));
        assert_eq!((r.coref.tp, r.coref.fp, r.coref.fn_), (1, 0, 0));
        assert!(r.render().contains("PLACE"));
    }
}
