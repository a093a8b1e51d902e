//! The event stage never fails on the project's own articles: every article of the development
//! sets (eval/events-dev, eval/quotes-dev) goes through the whole pipeline without a stage
//! panic (P001), and the event layer is produced.
use std::path::PathBuf;

mod common;

#[test]
fn no_stage_fails_on_the_development_articles() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../eval");
    let p = common::pipeline();
    let mut seen = 0;
    for set in ["events-dev", "quotes-dev"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(set))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let bytes = std::fs::read(&f).unwrap();
            dateline_ingest::read_bytes("doc", &bytes, &Default::default(), &mut |i| {
                if let dateline_ingest::Item::Article(a, _) = i {
                    let an = p.analyse(&a);
                    let failed: Vec<_> = an
                        .diagnostics
                        .iter()
                        .filter(|d| d.code == dateline_pipeline::STAGE_PANICKED)
                        .collect();
                    assert!(failed.is_empty(), "{}: {failed:?}", f.display());
                    assert!(an.events.is_some(), "{}", f.display());
                    seen += 1;
                }
            });
        }
    }
    assert!(seen >= 68, "{seen} articles read");
}
