//! Throughput of the recogniser over the shared news corpora (JSON Lines under
//! `shared/corpus`), one core. Not a timed test: run it by hand, in release, and read the
//! numbers:
//!
//! ```text
//! cargo test -p dateline-time --release --test speed -- --ignored --nocapture
//! ```
use std::path::PathBuf;
use std::time::Instant;

use dateline_model::{Analysis, Article, Span, Zone, ZoneKind};
use dateline_pipeline::Stage;
use dateline_time::{tag_text, TenseHint, TimeStage};

fn corpus_files() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut files = Vec::new();
    let Ok(dirs) = std::fs::read_dir(&root) else {
        return files;
    };
    for d in dirs.flatten() {
        if let Ok(entries) = std::fs::read_dir(d.path()) {
            for e in entries.flatten() {
                if e.path().extension().is_some_and(|x| x == "jsonl") {
                    files.push(e.path());
                }
            }
        }
    }
    files.sort();
    files
}

#[test]
#[ignore = "a measurement: run by hand in release"]
fn throughput_over_the_shared_corpora() {
    let files = corpus_files();
    if files.is_empty() {
        eprintln!("skipped: shared/corpus not found");
        return;
    }
    let mut docs: Vec<(String, Option<jiff::civil::Date>)> = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for line in text.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let body = v["text"].as_str().unwrap_or("").to_string();
            let published = v["published"].as_str().and_then(|s| s.parse().ok());
            docs.push((body, published));
        }
    }
    let bytes: usize = docs.iter().map(|(t, _)| t.len()).sum();

    // the pure function
    let start = Instant::now();
    let mut n = 0usize;
    for (text, published) in &docs {
        n += tag_text(text, *published, TenseHint::Auto).len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "tag_text: {} documents, {:.1} MB, {n} expressions, {:.2} s, {:.1} MB/s",
        docs.len(),
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs
    );

    // the stage (one paragraph zone per document, no sentences given)
    let articles: Vec<(Article, Analysis)> = docs
        .iter()
        .map(|(text, published)| {
            let mut a = Article::new(text.clone(), None);
            a.zones = vec![Zone::new(
                ZoneKind::Paragraph,
                Span::new(0, text.chars().count()),
            )];
            a.published = published.map(|d| d.to_string());
            let mut an = Analysis::empty(a.id.clone());
            an.sentences = Some(Vec::new());
            (a, an)
        })
        .collect();
    let start = Instant::now();
    let mut n = 0usize;
    for (a, an) in &articles {
        let mut an = an.clone();
        TimeStage.run(a, &mut an);
        n += an.timexes.map(|t| t.len()).unwrap_or(0);
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "TimeStage: {n} timexes, {:.2} s, {:.1} MB/s",
        secs,
        bytes as f64 / 1e6 / secs
    );
}
