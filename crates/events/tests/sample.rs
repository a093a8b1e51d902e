//! The gold sample through the whole pipeline, scored by the evaluation harness.
use std::path::PathBuf;

mod common;
use common::pipeline;

#[test]
fn gold_sample_events() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold");
    if !dir.exists() {
        eprintln!("skipped: no shared gold");
        return;
    }
    let docs = dateline_eval::load_gold_dir(&dir).unwrap();
    let p = pipeline();
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
        let score = dateline_eval::score_document(&doc.gold, &article, &an);
        let mut r = dateline_eval::Report::new();
        r.add("doc", score);
        let j = r.to_json();
        let ev = &j["documents"][0]["events"];
        let listing: Vec<String> = an
            .events
            .iter()
            .flatten()
            .map(|e| {
                let m = &e.mentions[0];
                let ev: String = article
                    .text
                    .chars()
                    .skip(m.sentence_span.start)
                    .take(m.sentence_span.end - m.sentence_span.start)
                    .collect();
                format!(
                    "{} {:?} -> {:?} {:?} | {ev}",
                    e.cameo,
                    e.source.as_ref().map(|a| &a.code),
                    e.target.as_ref().map(|a| &a.code),
                    e.modality
                )
            })
            .collect();
        assert_eq!(ev["fp"], 0, "{}\n{}", r.render_table(), listing.join("\n"));
        assert_eq!(ev["fn"], 0, "{}", r.render_table());
        assert!(
            r.summary_line().ends_with("critical 0"),
            "{}",
            r.summary_line()
        );
    }
}
