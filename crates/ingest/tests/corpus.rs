//! Sanity over the shared research corpora (read in place, nothing copied): every file reads,
//! every span is inside its text. Speed is measured by `dateline bench`, not here.
//! Ignored by default: `cargo test --release -p dateline-ingest --test corpus -- --ignored --nocapture`.
//! `DATELINE_CORPUS=DIR` reads another directory (e.g. compressed copies); `DATELINE_VERBOSE=1`
//! prints a line per input and every failure.
use std::path::{Path, PathBuf};

use dateline_ingest::{discover, read_input, Item, ReadOptions};
use dateline_model::{TextIndex, ZoneKind};

#[test]
#[ignore]
fn corpora_read_clean() {
    let root = std::env::var_os("DATELINE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"));
    if !root.exists() {
        eprintln!("skipped: {} not found", root.display());
        return;
    }
    let (inputs, diags) = discover(&[root]);
    let bytes: u64 = inputs.iter().map(|i| i.size).sum();
    let (mut articles, mut failed, mut warned, mut paras, mut datelines) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut failure_codes = std::collections::BTreeMap::new();
    let verbose = std::env::var_os("DATELINE_VERBOSE").is_some();
    for input in &inputs {
        let before = (articles, failed);
        read_input(input, &ReadOptions::default(), &mut |item| match item {
            Item::Article(a, w) => {
                articles += 1;
                warned += usize::from(!w.is_empty());
                paras += a.zones_of(ZoneKind::Paragraph).count();
                datelines += usize::from(a.dateline.is_some());
                let ix = TextIndex::new(&a.text);
                for z in &a.zones {
                    assert!(z.span.end <= ix.len_chars());
                }
            }
            Item::Note(_) => {}
            Item::Failed(d) => {
                if verbose {
                    eprintln!("  {d}");
                }
                failed += 1;
                *failure_codes.entry(d.code.clone()).or_insert(0usize) += 1;
            }
        });
        if verbose {
            eprintln!(
                "{}: {} articles, {} failed",
                input.path.display(),
                articles - before.0,
                failed - before.1
            );
        }
    }
    eprintln!(
        "{} inputs, {:.1} MB; {articles} articles ({paras} paragraphs, {datelines} datelines), {warned} with warnings, {failed} failed {failure_codes:?}, {} discover diagnostics",
        inputs.len(),
        bytes as f64 / 1e6,
        diags.len()
    );
}
