//! The event coder on eval/events-dev: 20 articles of the project's own writing with gold
//! readings written blind (see its README). The floor asserted is the one reached; the hidden
//! articles of the same kind are the real test, and `examples/code.rs --gold eval/events-dev`
//! lists every miss, false event and critical error.
use std::path::PathBuf;

mod common;

#[test]
fn events_dev_floor() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../eval/events-dev");
    let docs = dateline_eval::load_gold_dir(&dir).unwrap();
    assert_eq!(docs.len(), 20);
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
    let total = r.total();
    let f1 = total.events.f1();
    eprintln!("{}", r.summary_line());
    assert!(
        f1 >= 0.46,
        "events F1 {f1:.3} fell below the floor\n{}",
        r.summary_line()
    );
    assert!(
        total.critical.count <= 1,
        "critical errors rose: {}",
        r.summary_line()
    );
}
