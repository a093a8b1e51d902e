//! The tagger and tokenizer measured on the GUM treebank (read from the shared data by relative
//! path, never copied). Skipped when `/work/shared` is absent.
use std::path::{Path, PathBuf};
use std::time::Instant;

use dateline_model::{Article, Span, Zone, ZoneKind};
use dateline_text::conllu::{parse_conllu, GoldSentence};
use dateline_text::train::evaluate;
use dateline_text::{Segmenter, Tagger};

/// Dev accuracy of the shipped model with GUM's own tokens was 94.63%; the floor is 0.5 below.
const DEV_FLOOR: f64 = 94.13;

fn gum() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/treebanks/gum");
    p.is_dir().then_some(p)
}

fn read_split(gum: &Path, split: &str) -> Vec<GoldSentence> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(gum.join(split))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| parse_conllu(&std::fs::read_to_string(f).unwrap()))
        .collect()
}

#[test]
fn embedded_model_reaches_its_dev_accuracy() {
    let Some(gum) = gum() else {
        eprintln!("skipped: GUM not found");
        return;
    };
    let dev: Vec<_> = read_split(&gum, "dev")
        .iter()
        .map(|s| s.example())
        .collect();
    let (right, all) = evaluate(Tagger::embedded(), &dev);
    let acc = 100.0 * right as f64 / all as f64;
    eprintln!("GUM dev accuracy (gold tokens): {acc:.2}% ({right}/{all})");
    assert!(all > 10_000);
    assert!(
        acc >= DEV_FLOOR,
        "dev accuracy {acc:.2}% below {DEV_FLOOR}%"
    );
}

#[test]
fn tokenizer_matches_gum_tokens() {
    let Some(gum) = gum() else {
        eprintln!("skipped: GUM not found");
        return;
    };
    let seg = Segmenter::new();
    let (mut gold, mut matched) = (0usize, 0usize);
    for s in read_split(&gum, "dev") {
        let Some(text) = &s.text else { continue };
        let own = seg.tokenize(text);
        for (a, b) in s.word_offsets().into_iter().flatten() {
            gold += 1;
            matched += own.iter().any(|r| r.start == a && r.end == b) as usize;
        }
    }
    let recall = 100.0 * matched as f64 / gold as f64;
    eprintln!("GUM dev token boundary recall: {recall:.2}%");
    assert!(recall >= 99.5, "recall {recall:.2}%");
}

/// Speed of the segmenter and the tagger on GUM dev + test text, one core. Run with
/// `cargo test --release -p dateline-text --test gum -- --ignored --nocapture`.
#[test]
#[ignore]
fn speed() {
    let Some(gum) = gum() else {
        eprintln!("skipped: GUM not found");
        return;
    };
    let mut sents = read_split(&gum, "dev");
    sents.extend(read_split(&gum, "test"));
    // One article per 20 sentences, one paragraph zone per sentence.
    let articles: Vec<Article> = sents
        .chunks(20)
        .map(|chunk| {
            let mut text = String::new();
            let mut zones = Vec::new();
            for s in chunk {
                let start = text.chars().count();
                text.push_str(s.text.as_deref().unwrap_or(""));
                zones.push(Zone::new(
                    ZoneKind::Paragraph,
                    Span::new(start, text.chars().count()),
                ));
                text.push_str("\n\n");
            }
            let mut a = Article::new(text, None);
            a.zones = zones;
            a
        })
        .collect();
    let seg = Segmenter::new();
    let tagger = Tagger::embedded();
    let (mut n, mut seg_secs, mut tag_secs) = (0usize, 0.0, 0.0);
    let t_all = Instant::now();
    while t_all.elapsed().as_secs_f64() < 3.0 {
        for a in &articles {
            let t0 = Instant::now();
            let (mut tokens, sentences) = seg.segment(a);
            let t1 = Instant::now();
            for s in &sentences {
                tagger.tag(
                    &a.text,
                    &mut tokens[s.first_token as usize..s.end_token as usize],
                );
            }
            let t2 = Instant::now();
            seg_secs += (t1 - t0).as_secs_f64();
            tag_secs += (t2 - t1).as_secs_f64();
            n += tokens.len();
        }
    }
    eprintln!(
        "segmenter: {:.0} tokens/s; tagger: {:.0} tokens/s; both: {:.0} tokens/s ({n} tokens)",
        n as f64 / seg_secs,
        n as f64 / tag_secs,
        n as f64 / (seg_secs + tag_secs)
    );
}
