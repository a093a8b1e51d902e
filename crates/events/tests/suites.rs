//! The event coder on the shared development suites (PLOVER GSR, PETR2 GSR), scored by
//! `dateline_eval::suites`; the floors asserted are the ones reached.
use std::path::PathBuf;

use dateline_eval::suites::{self, SuiteEvent};
use dateline_model::{Article, Span, Zone, ZoneKind};
use dateline_pipeline::Pipeline;

mod common;
use common::pipeline;

fn coder(p: &Pipeline) -> impl Fn(&str, Option<&str>) -> Vec<SuiteEvent> + '_ {
    move |text: &str, date: Option<&str>| {
        let mut a = Article::new(text.to_string(), None);
        a.published = date.map(str::to_string);
        a.zones.push(Zone::new(
            ZoneKind::Paragraph,
            Span::new(0, text.chars().count()),
        ));
        p.analyse(&a)
            .events
            .unwrap_or_default()
            .into_iter()
            .map(|e| SuiteEvent {
                cameo: e.cameo,
                plover: e.plover,
                source: e.source.map(|x| x.code),
                target: e.target.map(|x| x.code),
            })
            .collect()
    }
}

fn suite(name: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/eval/events")
        .join(name);
    p.exists().then_some(p)
}

#[test]
fn plover_and_petr2_floors() {
    let p = pipeline();
    let c = coder(&p);
    if let Some(f) = suite("plover_gsr_dev.json") {
        let r = suites::score_plover(&f, &c).unwrap();
        eprintln!("{}", r.render());
        assert_eq!(r.records, 161);
        assert!(r.category.accuracy() >= 0.80, "{}", r.render());
        assert!(r.full.accuracy() >= 0.62, "{}", r.render());
    }
    if let Some(f) = suite("PETR2_GSR_validation.dev.xml") {
        let r = suites::score_petr2(&f, &c).unwrap();
        eprintln!("{}", r.render());
        assert!(r.recall() >= 0.42, "{}", r.render());
        assert!(r.extra_per_record() <= 0.70, "{}", r.render());
    }
}

/// Writes the misses of both suites to `$DATELINE_MISSES` (a development aid; run with
/// `DATELINE_MISSES=/tmp/misses.txt cargo test -p dateline-events --test suites -- --ignored`).
#[test]
#[ignore]
fn write_misses() {
    let Ok(out) = std::env::var("DATELINE_MISSES") else {
        return;
    };
    let p = pipeline();
    let c = coder(&p);
    let mut text = String::new();
    if let Some(f) = suite("plover_gsr_dev.json") {
        let r = suites::score_plover(&f, &c).unwrap();
        text += &r.render();
        for m in &r.misses {
            text += &format!(
                "miss {}: {} | expected {} | got {:?}\n",
                m.id, m.text, m.expected, m.got
            );
        }
    }
    if let Some(f) = suite("PETR2_GSR_validation.dev.xml") {
        let r = suites::score_petr2(&f, &c).unwrap();
        text += &r.render();
        for m in &r.misses {
            text += &format!(
                "miss {}: {} | expected {} | got {:?}\n",
                m.id, m.text, m.expected, m.got
            );
        }
    }
    std::fs::write(out, text).unwrap();
}
