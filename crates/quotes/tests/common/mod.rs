//! Shared helpers for the quote tests: the pipeline, reading articles, scoring against gold.
#![allow(dead_code)]
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use dateline_eval::{load_gold_dir, score_document, DocScore, GoldDoc};
use dateline_ingest::{read_bytes, read_input, Input, Item, ReadOptions};
use dateline_model::{Analysis, Article, Quote, Span, Zone, ZoneKind};
use dateline_pipeline::Pipeline;

/// sentences → POS → parse → entities → quotes.
pub fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        Pipeline::new(vec![
            Box::new(dateline_text::SentenceStage::new()),
            Box::new(dateline_text::PosStage::new()),
            Box::new(dateline_text::ParseStage::new()),
            Box::new(dateline_entities::EntityStage::new()),
            Box::new(dateline_quotes::QuoteStage::new()),
        ])
        .unwrap()
    })
}

/// The pipeline without the quote stage.
pub fn base_pipeline() -> Pipeline {
    Pipeline::new(vec![
        Box::new(dateline_text::SentenceStage::new()),
        Box::new(dateline_text::PosStage::new()),
        Box::new(dateline_entities::EntityStage::new()),
    ])
    .unwrap()
}

/// An article with one paragraph per line (a line starting with `# ` is the headline).
pub fn article(text: &str) -> Article {
    let mut a = Article::new(text.to_string(), None);
    a.published = Some("2025-03-04".to_string());
    let mut off = 0;
    for line in text.split('\n') {
        let n = line.chars().count();
        if !line.trim().is_empty() {
            a.zones
                .push(Zone::new(ZoneKind::Paragraph, Span::new(off, off + n)));
        }
        off += n + 1;
    }
    a
}

/// Runs the pipeline and checks the span invariants of every quote.
pub fn analyse(a: &Article) -> Analysis {
    let an = pipeline().analyse(a);
    assert!(an.diagnostics.is_empty(), "{:?}", an.diagnostics);
    check_spans(a, an.quotes.as_deref().unwrap());
    an
}

/// The quotes of a text (one paragraph per line).
pub fn quotes(text: &str) -> Vec<Quote> {
    let a = article(text);
    analyse(&a).quotes.unwrap()
}

/// Every `text` field equals the slice at its span.
pub fn check_spans(a: &Article, qs: &[Quote]) {
    let ix = a.index();
    for q in qs {
        assert_eq!(ix.slice(&a.text, q.content), q.text, "content of {q:?}");
        if let Some(c) = &q.cue {
            assert_eq!(ix.slice(&a.text, c.span), c.text, "cue of {q:?}");
        }
        if let Some(sp) = &q.speaker {
            if let Some(s) = sp.span {
                assert_eq!(ix.slice(&a.text, s), sp.text, "speaker of {q:?}");
            }
        }
    }
}

/// Reads the one article of a file.
pub fn read_article(path: &Path) -> Article {
    let mut items = Vec::new();
    read_input(&Input::from_path(path), &ReadOptions::default(), &mut |i| {
        items.push(i)
    });
    match items.into_iter().next() {
        Some(Item::Article(a, _)) => *a,
        other => panic!("{}: {other:?}", path.display()),
    }
}

/// Reads every article of some bytes.
pub fn read_all(name: &str, bytes: &[u8]) -> Vec<Article> {
    let mut out = Vec::new();
    read_bytes(name, bytes, &ReadOptions::default(), &mut |i| {
        if let Item::Article(a, _) = i {
            out.push(*a);
        }
    });
    out
}

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Shows one quote on a line.
pub fn show(q: &Quote) -> String {
    let sp = match &q.speaker {
        None => "NONE".to_string(),
        Some(s) => format!("{:?}={}", s.text, s.name.as_deref().unwrap_or("-")),
    };
    format!(
        "{:?} [{}] cue={:?} speaker={}",
        q.kind,
        q.text,
        q.cue.as_ref().map(|c| c.text.as_str()),
        sp
    )
}

/// Scores every gold file of a folder; prints misses, false positives and misattributions.
pub fn score_dir(dir: &Path, verbose: bool) -> (Vec<(GoldDoc, DocScore)>, u64, u64, u64, u64) {
    let golds = load_gold_dir(dir).unwrap();
    assert!(!golds.is_empty(), "no gold in {}", dir.display());
    let (mut tp, mut fp, mut fn_, mut attr) = (0, 0, 0, 0);
    let mut out = Vec::new();
    for g in golds {
        let a = read_article(&g.document_path);
        let an = analyse(&a);
        let s = score_document(&g.gold, &a, &an);
        let q = &s.quotes;
        tp += q.prf.tp;
        fp += q.prf.fp;
        fn_ += q.prf.fn_;
        attr += q.attribution_correct;
        let bad = q.prf.fp + q.prf.fn_ > 0 || q.attribution_correct < q.prf.tp;
        if verbose && bad {
            println!("== {}", g.document_path.display());
            for m in &q.missed {
                println!(
                    "  MISS {:?} ({}) best {:.2}",
                    m.text, m.speaker, m.best_coverage
                );
            }
            for f in &q.false_positives {
                println!("  FP   {:?} ({})", f.text, f.detail);
            }
            for m in &q.misattributed {
                println!("  ATTR {:?} expected {} got {}", m.text, m.expected, m.got);
            }
            for x in an.quotes.as_deref().unwrap_or(&[]) {
                println!("    out {}", show(x));
            }
        }
        out.push((g, s));
    }
    (out, tp, fp, fn_, attr)
}
