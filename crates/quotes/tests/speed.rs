//! Throughput of the quote stage on the shared corpora (research data, read in place).
//!
//! `cargo test --release -p dateline-quotes --test speed -- --ignored --nocapture`
mod common;

use std::time::Instant;

use dateline_pipeline::Stage;
use dateline_quotes::QuoteStage;

#[test]
#[ignore]
fn quote_stage_throughput() {
    let corpus = common::repo().join("../shared/corpus");
    let mut files = Vec::new();
    for sub in ["bbc-news", "reuters-21578"] {
        let Ok(dir) = std::fs::read_dir(corpus.join(sub)) else {
            continue;
        };
        for e in dir.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "jsonl") {
                files.push(p);
            }
        }
    }
    files.sort();
    if files.is_empty() {
        eprintln!("skipped: no corpus under {}", corpus.display());
        return;
    }
    let base = common::base_pipeline();
    let stage = QuoteStage::new();
    let mut work = Vec::new();
    let mut bytes = 0usize;
    let t_base = Instant::now();
    for f in &files {
        let data = std::fs::read(f).unwrap();
        for a in common::read_all(&f.display().to_string(), &data) {
            bytes += a.text.len();
            let an = base.analyse(&a);
            work.push((a, an));
        }
    }
    let base_secs = t_base.elapsed().as_secs_f64();
    // Warm the lexicon, then time the stage alone (best of three runs).
    stage.run(&work[0].0, &mut work[0].1.clone());
    let mut best = f64::MAX;
    let mut quotes = 0usize;
    for _ in 0..3 {
        let mut inputs: Vec<_> = work.iter().map(|(_, an)| an.clone()).collect();
        let t = Instant::now();
        quotes = 0;
        for ((a, _), an) in work.iter().zip(inputs.iter_mut()) {
            stage.run(a, an);
            quotes += an.quotes.as_ref().map_or(0, Vec::len);
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "quotes: {} articles, {:.1} MB, {quotes} quotes; stage {:.3} s = {:.1} MB/s; \
         sentences+pos+entities (incl. reading) {:.2} s = {:.1} MB/s; quote share {:.1}%",
        work.len(),
        mb,
        best,
        mb / best,
        base_secs,
        mb / base_secs,
        100.0 * best / (base_secs + best)
    );
}

/// Prints the quotes of corpus articles for review: `QUOTES_DUMP=file.jsonl QUOTES_SKIP=n
/// QUOTES_TAKE=n`.
#[test]
#[ignore]
fn dump_corpus_quotes() {
    let Some(path) = std::env::var_os("QUOTES_DUMP") else {
        return;
    };
    let skip: usize = std::env::var("QUOTES_SKIP")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let take: usize = std::env::var("QUOTES_TAKE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let data = std::fs::read(&path).unwrap();
    for a in common::read_all("dump", &data)
        .into_iter()
        .skip(skip)
        .take(take)
    {
        let an = common::analyse(&a);
        println!("######## {}", a.headline().unwrap_or(""));
        println!("{}\n--------", a.text);
        for q in an.quotes.as_deref().unwrap_or(&[]) {
            println!("  {}", common::show(q));
        }
    }
}

/// Every corpus article through the stage with the span checks (run in a debug build to catch
/// arithmetic overflow too).
#[test]
#[ignore]
fn corpus_spans_hold() {
    let corpus = common::repo().join("../shared/corpus");
    let mut n = 0;
    for sub in ["bbc-news", "reuters-21578"] {
        let Ok(dir) = std::fs::read_dir(corpus.join(sub)) else {
            continue;
        };
        let mut files: Vec<_> = dir.flatten().map(|e| e.path()).collect();
        files.sort();
        for p in files
            .iter()
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        {
            let data = std::fs::read(p).unwrap();
            for a in common::read_all(&p.display().to_string(), &data) {
                common::analyse(&a);
                n += 1;
            }
        }
    }
    println!("{n} articles checked");
}
