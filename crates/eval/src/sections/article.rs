//! The `article` section: one check per gold field.
use dateline_model::{Article, ZoneKind};

use crate::gold::{GoldArticle, GoldCaption};
use crate::score::{ArticleScore, CheckFailure};
use crate::text::{clip, fold, same};

/// Shows an optional text for a report.
fn show(s: Option<&str>) -> String {
    match s {
        Some(s) => format!("{:?}", clip(s, 100)),
        None => "none".to_string(),
    }
}

/// Shows a list of texts for a report.
fn show_list<S: AsRef<str>>(items: &[S]) -> String {
    let parts: Vec<String> = items
        .iter()
        .map(|s| format!("{:?}", clip(s.as_ref(), 60)))
        .collect();
    format!("[{}]", parts.join(", "))
}

/// Equal after folding; an empty string is the same as no value.
fn same_opt(expected: Option<&str>, got: Option<&str>) -> bool {
    same(expected.unwrap_or(""), got.unwrap_or(""))
}

fn same_list<S: AsRef<str>, T: AsRef<str>>(expected: &[S], got: &[T]) -> bool {
    expected.len() == got.len()
        && expected
            .iter()
            .zip(got)
            .all(|(e, g)| same(e.as_ref(), g.as_ref()))
}

struct Checker {
    score: ArticleScore,
}

impl Checker {
    fn check(&mut self, field: &str, ok: bool, expected: String, got: String) {
        self.score.checks += 1;
        if ok {
            self.score.passed += 1;
        } else {
            self.score.failed.push(CheckFailure {
                field: field.to_string(),
                expected,
                got,
            });
        }
    }

    fn text(&mut self, field: &str, expected: &Option<Option<String>>, got: Option<&str>) {
        if let Some(expected) = expected {
            let e = expected.as_deref();
            self.check(field, same_opt(e, got), show(e), show(got));
        }
    }

    fn list(&mut self, field: &str, expected: &Option<Option<Vec<String>>>, got: &[&str]) {
        if let Some(expected) = expected {
            let e: &[String] = expected.as_deref().unwrap_or(&[]);
            self.check(field, same_list(e, got), show_list(e), show_list(got));
        }
    }
}

/// Scores the article fields the gold lists.
pub(crate) fn score(g: &GoldArticle, a: &Article) -> ArticleScore {
    let mut c = Checker {
        score: ArticleScore::default(),
    };
    c.text("published", &g.published, a.published.as_deref());
    c.text("section", &g.section, a.section.as_deref());
    c.text("headline", &g.headline, a.headline());
    c.text("standfirst", &g.standfirst, a.standfirst());
    if let Some(expected) = &g.captions {
        let e: &[GoldCaption] = expected.as_deref().unwrap_or(&[]);
        let got = a.captions();
        let ok = e.len() == got.len()
            && e.iter().zip(&got).all(|(e, g)| {
                same(&e.text, &g.text) && same_opt(e.credit.as_deref(), g.credit.as_deref())
            });
        let show_caps = |items: Vec<(String, Option<String>)>| -> String {
            let parts: Vec<String> = items
                .iter()
                .map(|(t, c)| match c {
                    Some(c) => format!("{:?} / {:?}", clip(t, 60), c),
                    None => format!("{:?}", clip(t, 60)),
                })
                .collect();
            format!("[{}]", parts.join(", "))
        };
        c.check(
            "captions",
            ok,
            show_caps(
                e.iter()
                    .map(|c| (c.text.clone(), c.credit.clone()))
                    .collect(),
            ),
            show_caps(got.into_iter().map(|c| (c.text, c.credit)).collect()),
        );
    }
    let crossheads: Vec<&str> = a.crossheads().collect();
    c.list("crossheads", &g.crossheads, &crossheads);
    let related: Vec<&str> = a.related().collect();
    c.list("related", &g.related, &related);
    c.text("agency", &g.agency, a.agency.as_deref());
    if let Some(expected) = g.body_paragraphs {
        let e = expected.unwrap_or(0);
        let got = a.zones_of(ZoneKind::Paragraph).count() as u64;
        c.check("body_paragraphs", e == got, e.to_string(), got.to_string());
    }
    let body = a.body_span().map(|s| fold(a.slice(s))).unwrap_or_default();
    if let Some(expected) = &g.body_starts {
        let e = fold(expected.as_deref().unwrap_or(""));
        let ok = if expected.is_some() {
            body.starts_with(&e)
        } else {
            body.is_empty()
        };
        let got: String = body.chars().take(e.chars().count().max(40)).collect();
        c.check("body_starts", ok, show(Some(&e)), show(Some(&got)));
    }
    if let Some(expected) = &g.body_ends {
        let e = fold(expected.as_deref().unwrap_or(""));
        let ok = if expected.is_some() {
            body.ends_with(&e)
        } else {
            body.is_empty()
        };
        let n = body.chars().count();
        let got: String = body
            .chars()
            .skip(n.saturating_sub(e.chars().count().max(40)))
            .collect();
        c.check("body_ends", ok, show(Some(&e)), show(Some(&got)));
    }
    c.text("byline", &g.byline, a.byline.as_deref());
    c.text("dateline", &g.dateline, a.dateline.as_deref());
    c.score
}
