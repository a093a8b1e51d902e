//! The report over many articles: table, summary line and JSON.
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::score::DocScore;

/// Scores of many articles, in the order they were added.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Document name and its score (a document that could not be read carries `error`).
    pub documents: Vec<(String, DocScore)>,
}

/// Two decimals.
fn f2(x: f64) -> String {
    format!("{x:.2}")
}

/// Rounded to 4 decimals for JSON.
fn r4(x: f64) -> Value {
    json!((x * 10_000.0).round() / 10_000.0)
}

impl Report {
    /// An empty report.
    pub fn new() -> Report {
        Report::default()
    }

    /// Adds the score of one document.
    pub fn add(&mut self, name: &str, score: DocScore) {
        self.documents.push((name.to_string(), score));
    }

    /// Adds a document that could not be read or analysed, when its gold is not at hand: it
    /// counts as an article, fails, and adds no counts. Prefer [`Report::failed_with_gold`],
    /// which counts all the gold's items as missed.
    pub fn failed(&mut self, name: &str, error: String) {
        self.documents.push((
            name.to_string(),
            DocScore {
                error: Some(error),
                ..DocScore::default()
            },
        ));
    }

    /// Adds a document that could not be read or analysed: every gold item counts as missed
    /// and every article check as failed (see [`DocScore::missed`]).
    pub fn failed_with_gold(&mut self, name: &str, gold: &crate::gold::Gold, error: String) {
        self.documents
            .push((name.to_string(), DocScore::missed(gold, error)));
    }

    /// Counts summed over all documents (details are left empty). A section counts as run
    /// when it ran for at least one document; documents where it did not run add their gold
    /// items as missed.
    pub fn total(&self) -> DocScore {
        let mut t = DocScore::default();
        for (_, s) in &self.documents {
            t.add_counts(s);
        }
        t
    }

    /// Number of documents that failed: a critical error or an error reading them.
    pub fn failures(&self) -> usize {
        self.documents.iter().filter(|(_, s)| !s.passed()).count()
    }

    /// A human-readable table: one block per article, then one over all articles (pooled).
    /// Ends with a newline; does not include [`Report::summary_line`].
    pub fn render_table(&self) -> String {
        let mut out = String::new();
        for (name, s) in &self.documents {
            let status = match &s.error {
                Some(e) => format!("ERROR: {e}"),
                None if s.critical.count > 0 => format!("FAIL ({} critical)", s.critical.count),
                None if s.critical.run => "PASS".to_string(),
                None => "PASS (events not run)".to_string(),
            };
            let _ = writeln!(out, "{name}  {status}");
            if s.error.is_none() {
                block(&mut out, s);
            }
            out.push('\n');
        }
        let errors = self
            .documents
            .iter()
            .filter(|(_, s)| s.error.is_some())
            .count();
        let _ = writeln!(
            out,
            "overall: {} articles, {} passed, {} failed ({} could not be read)",
            self.documents.len(),
            self.documents.len() - self.failures(),
            self.failures(),
            errors
        );
        block(&mut out, &self.total());
        out
    }

    /// The one-line summary over all articles (pooled counts), exactly:
    /// `eval: N articles, article x.xx, entities F1 x.xx, times F1 x.xx, quotes F1 x.xx,
    /// attribution x.xx, events F1 x.xx, critical N`.
    pub fn summary_line(&self) -> String {
        let t = self.total();
        format!(
            "eval: {} articles, article {}, entities F1 {}, times F1 {}, quotes F1 {}, attribution {}, events F1 {}, critical {}",
            self.documents.len(),
            f2(t.article.score()),
            f2(t.entities.f1()),
            f2(t.times.f1()),
            f2(t.quotes.f1()),
            f2(t.quotes.attribution()),
            f2(t.events.f1()),
            t.critical.count
        )
    }

    /// The same numbers as JSON: `{"articles", "failed", "documents": [{"name", "status", …}],
    /// "total": {…}, "summary"}`, one object per section with counts, metrics and (per
    /// document) details.
    pub fn to_json(&self) -> Value {
        let documents: Vec<Value> = self
            .documents
            .iter()
            .map(|(name, s)| {
                let mut v = doc_json(s);
                if let Value::Object(m) = &mut v {
                    m.insert("name".into(), json!(name));
                }
                v
            })
            .collect();
        json!({
            "format": "dateline-eval/1",
            "articles": self.documents.len(),
            "failed": self.failures(),
            "documents": documents,
            "total": doc_json(&self.total()),
            "summary": self.summary_line(),
        })
    }
}

/// One section row: name, P, R, F1, tp, fp, fn, notes.
#[allow(clippy::too_many_arguments)]
fn row(
    out: &mut String,
    section: &str,
    p: &str,
    r: &str,
    f: &str,
    tp: &str,
    fp: &str,
    fn_: &str,
    notes: &str,
) {
    let line = format!("  {section:<10} {p:>5} {r:>5} {f:>5} {tp:>5} {fp:>5} {fn_:>5}  {notes}");
    let _ = writeln!(out, "{}", line.trim_end());
}

/// Writes the section rows of one score.
fn block(out: &mut String, s: &DocScore) {
    row(out, "section", "P", "R", "F1", "tp", "fp", "fn", "notes");
    let a = &s.article;
    let mut notes = format!("{}/{} checks", a.passed, a.checks);
    if !a.failed.is_empty() {
        let fields: Vec<&str> = a.failed.iter().map(|f| f.field.as_str()).collect();
        let _ = write!(notes, "; failed: {}", fields.join(", "));
    }
    let failed = (a.checks - a.passed.min(a.checks)).to_string();
    row(
        out,
        "article",
        "",
        "",
        &f2(a.score()),
        &a.passed.to_string(),
        "",
        &failed,
        &notes,
    );

    let not_run = |out: &mut String, name: &str| row(out, name, "", "", "", "", "", "", "not run");
    let counts = |p: &crate::Prf| (p.tp.to_string(), p.fp.to_string(), p.fn_.to_string());

    let e = &s.entities;
    if e.run {
        let (tp, fp, fn_) = counts(&e.prf);
        let notes = format!(
            "mentions {} ({}/{}); actor {} exact, {} country ({}/{})",
            f2(e.mention_recall()),
            e.mentions_found,
            e.mentions_expected,
            f2(e.actor_accuracy()),
            f2(e.actor_prefix_accuracy()),
            e.actor_exact,
            e.actor_checked
        );
        row(
            out,
            "entities",
            &f2(e.precision()),
            &f2(e.recall()),
            &f2(e.f1()),
            &tp,
            &fp,
            &fn_,
            &notes,
        );
    } else {
        not_run(out, "entities");
    }

    let t = &s.times;
    if t.run {
        let (tp, fp, fn_) = counts(&t.prf);
        let notes = if t.unlocated > 0 {
            format!("{} gold timex(es) not located by context", t.unlocated)
        } else {
            String::new()
        };
        row(
            out,
            "times",
            &f2(t.precision()),
            &f2(t.recall()),
            &f2(t.f1()),
            &tp,
            &fp,
            &fn_,
            &notes,
        );
    } else {
        not_run(out, "times");
    }

    let q = &s.quotes;
    if q.run {
        let (tp, fp, fn_) = counts(&q.prf);
        let mut notes = format!(
            "attribution {} ({}/{})",
            f2(q.attribution()),
            q.attribution_correct,
            q.prf.tp
        );
        for (kind, c) in &q.by_kind {
            let kind = if kind.is_empty() { "unknown" } else { kind };
            let _ = write!(notes, "; {kind} {}/{}", c.found, c.gold);
        }
        row(
            out,
            "quotes",
            &f2(q.precision()),
            &f2(q.recall()),
            &f2(q.f1()),
            &tp,
            &fp,
            &fn_,
            &notes,
        );
    } else {
        not_run(out, "quotes");
    }

    let ev = &s.events;
    if ev.run {
        let (tp, fp, fn_) = counts(&ev.prf());
        let notes = format!(
            "required {}/{}; optional {}; duplicates {}",
            ev.required_matched, ev.required, ev.optional_matched, ev.duplicates
        );
        row(
            out,
            "events",
            &f2(ev.precision()),
            &f2(ev.recall()),
            &f2(ev.f1()),
            &tp,
            &fp,
            &fn_,
            &notes,
        );
    } else {
        not_run(out, "events");
    }

    let c = &s.critical;
    if c.run {
        let notes = if c.count > 0 { "FAIL" } else { "" };
        let _ = writeln!(
            out,
            "{}",
            format!("  {:<10} {:>5}  {notes}", "critical", c.count).trim_end()
        );
    } else {
        not_run(out, "critical");
    }
}

/// Inserts computed metrics into a section object.
fn put(v: &mut Value, section: &str, metrics: &[(&str, f64)], run: Option<bool>) {
    let Some(Value::Object(m)) = v.get_mut(section) else {
        return;
    };
    for (k, x) in metrics {
        m.insert((*k).to_string(), r4(*x));
    }
    if let Some(run) = run {
        m.insert("status".into(), json!(if run { "ok" } else { "not run" }));
    }
}

/// One score as JSON: the serialized counts and details plus the metrics.
fn doc_json(s: &DocScore) -> Value {
    let mut v = serde_json::to_value(s).unwrap_or_else(|_| Value::Object(Map::new()));
    let status = if s.error.is_some() {
        "error"
    } else if s.critical.count > 0 {
        "fail"
    } else {
        "pass"
    };
    if let Value::Object(m) = &mut v {
        m.insert("status".into(), json!(status));
    }
    put(&mut v, "article", &[("score", s.article.score())], None);
    let e = &s.entities;
    put(
        &mut v,
        "entities",
        &[
            ("precision", e.precision()),
            ("recall", e.recall()),
            ("f1", e.f1()),
            ("mention_recall", e.mention_recall()),
            ("actor_accuracy", e.actor_accuracy()),
            ("actor_prefix_accuracy", e.actor_prefix_accuracy()),
        ],
        Some(e.run),
    );
    let t = &s.times;
    put(
        &mut v,
        "times",
        &[
            ("precision", t.precision()),
            ("recall", t.recall()),
            ("f1", t.f1()),
        ],
        Some(t.run),
    );
    let q = &s.quotes;
    put(
        &mut v,
        "quotes",
        &[
            ("precision", q.precision()),
            ("recall", q.recall()),
            ("f1", q.f1()),
            ("attribution", q.attribution()),
        ],
        Some(q.run),
    );
    let ev = &s.events;
    put(
        &mut v,
        "events",
        &[
            ("precision", ev.precision()),
            ("recall", ev.recall()),
            ("f1", ev.f1()),
        ],
        Some(ev.run),
    );
    if let Some(Value::Object(m)) = v.get_mut("events") {
        let prf = ev.prf();
        m.insert("tp".into(), json!(prf.tp));
        m.insert("fn".into(), json!(prf.fn_));
    }
    put(&mut v, "critical", &[], Some(s.critical.run));
    v
}
