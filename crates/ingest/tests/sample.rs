//! The gold sample article (research data, read in place; skipped when absent).
use std::path::Path;

use dateline_ingest::{read_input, Input, Item, ReadOptions};
use dateline_model::ZoneKind;

#[test]
fn gold_sample_reads_as_expected() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold/000_de8c20d388a4a3c7.txt");
    if !path.exists() {
        eprintln!("skipped: {} not found", path.display());
        return;
    }
    let mut items = Vec::new();
    read_input(
        &Input::from_path(&path),
        &ReadOptions::default(),
        &mut |i| items.push(i),
    );
    assert_eq!(items.len(), 1, "{items:?}");
    let Item::Article(a, warnings) = &items[0] else {
        panic!("{:?}", items[0])
    };
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(a.published.as_deref(), Some("2025-02-26"));
    assert_eq!(a.section.as_deref(), Some("WORLD"));
    assert_eq!(
        a.headline(),
        Some("Russia and US prepare for more talks: Kremlin")
    );
    assert!(a
        .standfirst()
        .unwrap()
        .starts_with("Moscow confirmed that expert negotiations"));
    let caps = a.captions();
    assert_eq!(caps.len(), 1);
    assert!(caps[0]
        .text
        .starts_with("The Kremlin said that Trump and Putin will meet"));
    assert!(caps[0].text.ends_with("preparation."));
    assert_eq!(caps[0].credit.as_deref(), Some("AP"));
    assert_eq!(
        a.texts_of(ZoneKind::DisplayDate).collect::<Vec<_>>(),
        ["February 26, 2025"]
    );
    assert_eq!(a.paragraphs().count(), 11);
    assert_eq!(a.crossheads().collect::<Vec<_>>(), ["Ukraine deal"]);
    let related: Vec<&str> = a.related().collect();
    assert_eq!(related.len(), 2);
    assert!(related[0].starts_with("Istanbul Protocol will be"));
    assert!(related[0].ends_with("— US"));
    assert_eq!(
        related[1],
        "Kremlin praises US for UN votes aligning with Russia on Ukraine"
    );
    assert_eq!(a.agency.as_deref(), Some("Reuters"));
    assert_eq!(a.source.as_deref(), Some("Reuters"));
    assert_eq!(a.dateline, None);
    assert_eq!(a.byline, None);
    let body = a.slice(a.body_span().unwrap());
    assert!(body.starts_with("The Kremlin said on Wednesday"));
    assert!(a.paragraphs().last().unwrap().ends_with("secure.\u{201d}"));
    assert_eq!(a.origin.line, Some(1));
    assert_eq!(a.origin.byte, Some(0));
    assert_eq!(a.origin.reader, "news-record/1");
    // Nothing dropped: the text is the file minus trailing whitespace.
    let raw = std::fs::read_to_string(&path).unwrap();
    assert_eq!(a.text, raw.trim_end());
}
