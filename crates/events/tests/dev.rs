//! The event coder on eval/events-dev (and events-dev2): 20 articles of the project's own writing with gold
//! readings written blind (see its README). The floor asserted is the one reached; the hidden
//! articles of the same kind are the real test, and `examples/code.rs --gold eval/events-dev`
//! lists every miss, false event and critical error.
use std::path::PathBuf;

mod common;

fn report(set: &str, n: usize) -> dateline_eval::Report {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../eval")
        .join(set);
    let docs = dateline_eval::load_gold_dir(&dir).unwrap();
    assert_eq!(docs.len(), n);
    let p = common::pipeline();
    let mut r = dateline_eval::Report::new();
    for doc in docs {
        let bytes = std::fs::read(&doc.document_path).unwrap();
        let mut article = None;
        dateline_ingest::read_bytes("doc", &bytes, &Default::default(), &mut |i| {
            if let dateline_ingest::Item::Article(a, _) = i {
                article.get_or_insert(*a);
            }
        });
        let article = article.unwrap();
        let an = p.analyse(&article);
        let name = doc.document_path.display().to_string();
        r.add(
            &name,
            dateline_eval::score_document(&doc.gold, &article, &an),
        );
    }
    r
}

#[test]
fn events_dev_floor() {
    let r = report("events-dev", 20);
    let total = r.total();
    let f1 = total.events.f1();
    eprintln!("{}", r.summary_line());
    assert!(
        f1 >= 0.62,
        "events F1 {f1:.3} fell below the floor\n{}",
        r.summary_line()
    );
    assert!(
        total.critical.count == 0,
        "critical errors rose: {}",
        r.summary_line()
    );
}

/// Floors of a blind set written by another hand (see its README for its first, untuned run):
/// events and quotes F1 at least what was reached, and no critical error.
fn blind_set_floor(set: &str, articles: usize, events: f64, quotes: f64) {
    let r = report(set, articles);
    let total = r.total();
    eprintln!("{}", r.summary_line());
    assert!(total.events.f1() >= events, "{}", r.summary_line());
    assert!(total.quotes.f1() >= quotes, "{}", r.summary_line());
    assert!(total.times.f1() >= 0.93, "{}", r.summary_line());
    assert!(total.critical.count == 0, "{}", r.summary_line());
}

/// events-dev2 (10 articles; first run: events F1 0.30, 3 critical errors).
#[test]
fn events_dev2_floor() {
    blind_set_floor("events-dev2", 10, 0.52, 0.91);
}

/// events-dev3 (10 sample-like diplomatic stories; first run: events F1 0.22, 2 critical).
#[test]
fn events_dev3_floor() {
    blind_set_floor("events-dev3", 10, 0.45, 0.92);
}

/// events-dev4 (8 sample-like diplomatic stories written after the tuning on the other three;
/// first run: events F1 0.32, 6 critical).
#[test]
fn events_dev4_floor() {
    blind_set_floor("events-dev4", 8, 0.47, 0.94);
}

/// events-dev5 (8 stories of conflict, sanctions, protests and diplomacy written blind by
/// another hand after this session's earlier tuning; first run: events F1 0.31, 1 critical).
#[test]
fn events_dev5_floor() {
    blind_set_floor("events-dev5", 8, 0.54, 0.86);
}

/// events-dev6 (8 stories written blind by another hand at the end of a later session; first
/// run: events F1 0.39, quotes F1 0.73, 1 critical).
#[test]
fn events_dev6_floor() {
    blind_set_floor("events-dev6", 8, 0.52, 0.77);
}

/// events-dev7 (8 stories written blind by another hand at the end of the same session; first
/// run: events F1 0.27, quotes F1 0.94, no critical error).
#[test]
fn events_dev7_floor() {
    blind_set_floor("events-dev7", 8, 0.49, 0.94);
}

/// events-dev8 (8 stories written blind by another hand in a later session; first run: events
/// F1 0.29, quotes F1 0.92, no critical error).
#[test]
fn events_dev8_floor() {
    blind_set_floor("events-dev8", 8, 0.39, 0.91);
}
