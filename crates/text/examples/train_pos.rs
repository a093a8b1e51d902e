//! Trains the part-of-speech tagger on GUM and writes the model file.
//!
//! ```text
//! cargo run --release -p dateline-text --example train_pos -- \
//!     /work/shared/treebanks/gum data/models/pos-gum.bin
//! ```
//!
//! Trains on `<gum>/train/*.conllu` only (files in sorted order, fixed iteration count, fixed
//! shuffling seed: the same data gives the same bytes), then prints the accuracy on
//! `<gum>/dev` and `<gum>/test` with the treebank's own tokens, the accuracy of the full path
//! (dateline's tokenizer and tagger on each sentence's `# text =` line, aligned to the gold
//! tokens), and the tagging speed.
use std::path::{Path, PathBuf};
use std::time::Instant;

use dateline_text::conllu::{parse_conllu, GoldSentence};
use dateline_text::train::{evaluate, train, Example, TrainConfig};
use dateline_text::{Segmenter, Tagger};

fn read_split(gum: &Path, split: &str) -> Vec<GoldSentence> {
    let dir = gum.join(split);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        out.extend(parse_conllu(&src));
    }
    out
}

/// Full path: tokenize the raw sentence text, tag, and score against gold tokens aligned by
/// byte offsets. Returns (gold tokens, tokens with matching boundaries, matching and right tag).
fn full_path(
    seg: &Segmenter,
    tagger: &Tagger,
    data: &[GoldSentence],
) -> (usize, usize, usize, usize) {
    let (mut gold_n, mut own_n, mut matched, mut right) = (0, 0, 0, 0);
    for s in data {
        let Some(text) = &s.text else { continue };
        let ranges = seg.tokenize(text);
        let words: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        let tags = tagger.tag_words(&words);
        own_n += ranges.len();
        gold_n += s.words.len();
        let offs = s.word_offsets();
        let mut j = 0;
        for (k, o) in offs.iter().enumerate() {
            let Some((a, b)) = *o else { continue };
            while j < ranges.len() && ranges[j].start < a {
                j += 1;
            }
            if j < ranges.len() && ranges[j].start == a && ranges[j].end == b {
                matched += 1;
                if tags[j] == s.tags[k] {
                    right += 1;
                }
            }
        }
    }
    (gold_n, own_n, matched, right)
}

fn pct(a: usize, b: usize) -> f64 {
    100.0 * a as f64 / b.max(1) as f64
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: train_pos <gum-dir> <out-model.bin>");
        std::process::exit(2);
    }
    let gum = Path::new(&args[1]);
    let out = Path::new(&args[2]);
    let train_s = read_split(gum, "train");
    let dev_s = read_split(gum, "dev");
    let test_s = read_split(gum, "test");
    let ex = |v: &[GoldSentence]| {
        v.iter()
            .map(GoldSentence::example)
            .collect::<Vec<Example>>()
    };
    let (train_x, dev_x, test_x) = (ex(&train_s), ex(&dev_s), ex(&test_s));
    let count = |v: &[Example]| v.iter().map(|e| e.words.len()).sum::<usize>();
    println!(
        "train {} sentences / {} tokens, dev {} / {}, test {} / {}",
        train_x.len(),
        count(&train_x),
        dev_x.len(),
        count(&dev_x),
        test_x.len(),
        count(&test_x)
    );

    let cfg = TrainConfig::default();
    println!("config: {cfg:?}");
    let tagger = train(&train_x, &cfg, |pass, acc| {
        println!("pass {pass:2}: train accuracy {:.2}%", 100.0 * acc)
    });
    let bytes = tagger.to_bytes();
    std::fs::write(out, &bytes).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    // What is shipped is what is measured: evaluate the model read back from its bytes.
    let tagger = Tagger::from_bytes(&bytes).expect("model reads back");
    println!(
        "wrote {} ({} bytes, {} features, {} dictionary words, {} tags)",
        out.display(),
        bytes.len(),
        tagger.feature_count(),
        tagger.dictionary_len(),
        tagger.tags().len()
    );

    for (name, x) in [("dev", &dev_x), ("test", &test_x)] {
        let (r, n) = evaluate(&tagger, x);
        println!("{name} accuracy (gold tokens): {:.2}% ({r}/{n})", pct(r, n));
    }
    let seg = Segmenter::new();
    for (name, s) in [("dev", &dev_s), ("test", &test_s)] {
        let (gold, own, matched, right) = full_path(&seg, &tagger, s);
        println!(
            "{name} full path (own tokens): tagged right {:.2}% of gold tokens; token boundaries: \
             recall {:.2}%, precision {:.2}% ({gold} gold, {own} own, {matched} matched)",
            pct(right, gold),
            pct(matched, gold),
            pct(matched, own)
        );
    }

    // Speed: tag dev + test repeatedly (one core).
    let all: Vec<&Example> = dev_x.iter().chain(&test_x).collect();
    let mut n = 0usize;
    let t0 = Instant::now();
    let mut sink = 0usize;
    while t0.elapsed().as_secs_f64() < 2.0 {
        for e in &all {
            sink += tagger.tag_words(&e.words).len();
            n += e.words.len();
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "speed: {:.0} tokens/s ({n} tokens in {secs:.2} s; {sink})",
        n as f64 / secs
    );
}
