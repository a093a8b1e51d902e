//! Duckling's English time corpus, scored by `dateline_eval::duckling` with this crate's
//! tagger (no tense hint: bare weekdays keep the news reading; see DISAGREEMENTS.md).
//! Skipped when the shared corpus is absent. Set `DUCKLING_MISSES=1` to print every miss.
use std::ops::Range;
use std::path::PathBuf;

use dateline_eval::duckling::{score_duckling, DucklingReport};
use dateline_time::{tag_text_at, TenseHint};

fn corpus() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/eval/time/en_time_corpus.json");
    p.exists().then_some(p)
}

/// The tagger as the adapter sees it: for an interval, its first point.
fn tagger(text: &str, reference: jiff::civil::DateTime) -> Vec<(Range<usize>, String)> {
    tag_text_at(text, Some(reference), TenseHint::Auto)
        .into_iter()
        .map(|f| (f.range, f.begin.unwrap_or(f.value)))
        .collect()
}

fn run() -> Option<DucklingReport> {
    let path = corpus()?;
    let report = score_duckling(&path, &tagger).expect("the corpus reads");
    println!("{}", report.render());
    if std::env::var_os("DUCKLING_MISSES").is_some() {
        for m in &report.misses {
            println!(
                "MISS {:?} {:?} expected {} got {:?}",
                m.group, m.text, m.expected, m.got
            );
        }
        for t in &report.negatives_tagged {
            println!("NEGATIVE TAGGED {t:?}");
        }
    }
    Some(report)
}

#[test]
fn duckling_floors() {
    let Some(report) = run() else {
        eprintln!("skipped: shared/eval/time/en_time_corpus.json not found");
        return;
    };
    assert_eq!(report.date_level.total, 386);
    assert_eq!(report.negatives.total, 28);
    assert_eq!(
        report.negatives_tagged,
        Vec::<String>::new(),
        "negative examples must give nothing"
    );
    assert!(
        report.date_level.correct >= 367,
        "date level: {}/386",
        report.date_level.correct
    );
}
