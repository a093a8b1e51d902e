//! The shared gold sample (research data, read in place; skipped when absent).
mod common;

use std::path::Path;

#[test]
fn gold_sample_quotes_are_all_found_and_attributed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold");
    if !dir.join("000_de8c20d388a4a3c7.gold.json").exists() {
        eprintln!("skipped: {} not found", dir.display());
        return;
    }
    let (_, tp, fp, fn_, attr) = common::score_dir(&dir, true);
    println!("sample: tp {tp} fp {fp} fn {fn_} attributed {attr}");
    assert_eq!(fn_, 0, "missed gold quotes");
    assert_eq!(fp, 0, "false quotes");
    assert!(tp >= 10);
    assert_eq!(attr, tp, "misattributed quotes");
}

#[test]
#[ignore]
fn show_file() {
    let path = std::env::var("SHOW").unwrap();
    let a = common::read_article(Path::new(&path));
    let an = common::analyse(&a);
    for q in an.quotes.as_deref().unwrap() {
        println!("{}", common::show(q));
    }
}
