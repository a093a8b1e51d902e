//! Trains the dependency parser on GUM and writes the model file.
//!
//! ```text
//! cargo run --release -p dateline-text --example train_dep -- \
//!     ../shared/treebanks/gum data/models/dep-gum.bin
//! ```
//!
//! (run from the workspace root; both arguments are optional and default to those paths).
//! Options: `--iterations N`, `--min-weight W` (prune stored weights below W), `--gold-tags`
//! (train and evaluate on GUM's own XPOS tags instead of the embedded tagger's, for
//! comparison only), `--prune-sweep` (print dev scores and sizes for several pruning levels).
//!
//! Trains on `<gum>/train/*.conllu` only (files in sorted order, fixed iteration count, fixed
//! shuffling seed: the same data gives the same bytes). The words are GUM's own tokens; their
//! tags come from dateline's embedded tagger (`Tagger::embedded()`), as at run time. Then
//! prints UAS, LAS and per-relation precision/recall/F1 on `<gum>/dev` and `<gum>/test`
//! (punctuation excluded), and the parsing speed.
use std::path::{Path, PathBuf};
use std::time::Instant;

use dateline_model::Dep;
use dateline_text::parse_train::{evaluate, read_trees, train, DepExample, DepTrainConfig};
use dateline_text::train::{train as train_tagger, Example, TrainConfig};
use dateline_text::{Parser, Tagger};

fn read_split(gum: &Path, split: &str) -> Vec<DepExample> {
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
        out.extend(read_trees(&src));
    }
    out
}

/// Replaces the treebank's tags with the embedded tagger's; returns (right, all).
fn retag(data: &mut [DepExample]) -> (usize, usize) {
    let tagger = Tagger::embedded();
    let (mut right, mut all) = (0, 0);
    for e in data {
        let tags = tagger.tag_words(&e.words);
        right += tags.iter().zip(&e.tags).filter(|(a, b)| a == b).count();
        all += tags.len();
        e.tags = tags;
    }
    (right, all)
}

/// Tags the training data as the tagger tags unseen text: `k`-fold jackknifing. The data is
/// cut into `k` contiguous blocks of sentences; each block is tagged by a tagger trained with
/// the project's own trainer and the shipped model's settings (`TrainConfig::default()`) on
/// the other blocks. Returns (right, all) against GUM's XPOS.
fn jackknife(data: &mut [DepExample], k: usize) -> (usize, usize) {
    let n = data.len();
    let fold = |i: usize| i * k / n.max(1);
    let (mut right, mut all) = (0, 0);
    for f in 0..k {
        let train_x: Vec<Example> = data
            .iter()
            .enumerate()
            .filter(|(i, _)| fold(*i) != f)
            .map(|(_, e)| Example {
                words: e.words.clone(),
                tags: e.tags.clone(),
            })
            .collect();
        let tagger = train_tagger(&train_x, &TrainConfig::default(), |_, _| {});
        for (i, e) in data.iter_mut().enumerate() {
            if fold(i) == f {
                let tags = tagger.tag_words(&e.words);
                right += tags.iter().zip(&e.tags).filter(|(a, b)| a == b).count();
                all += tags.len();
                e.tags = tags;
            }
        }
    }
    (right, all)
}

const REPORTED: &[Dep] = &[
    Dep::Nsubj,
    Dep::Obj,
    Dep::Obl,
    Dep::NsubjPass,
    Dep::Conj,
    Dep::Iobj,
    Dep::OblAgent,
    Dep::Nmod,
    Dep::Appos,
    Dep::Ccomp,
    Dep::Xcomp,
    Dep::Advcl,
    Dep::Mark,
    Dep::Aux,
    Dep::Case,
    Dep::AclRelcl,
    Dep::CompoundPrt,
];

fn report(name: &str, parser: &Parser, data: &[DepExample]) {
    let s = evaluate(parser, data);
    println!(
        "{name}: UAS {:.2}%  LAS {:.2}%  ({} words without punctuation, {} sentences, {} not trees)",
        s.uas(),
        s.las(),
        s.words,
        data.len(),
        s.not_trees
    );
    for d in REPORTED {
        let c = s.relation(*d);
        let (p, r, f) = c.prf();
        println!(
            "  {:<13} P {:5.1}  R {:5.1}  F1 {:5.1}   (gold {}, predicted {})",
            d.name(),
            100.0 * p,
            100.0 * r,
            100.0 * f,
            c.gold,
            c.predicted
        );
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut cfg = DepTrainConfig::default();
    let mut gold_tags = false;
    let mut sweep = false;
    let mut jackknife_k = 0usize;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--iterations" => {
                cfg.iterations = args[i + 1].parse().expect("--iterations N");
                args.drain(i..i + 2);
            }
            "--min-weight" => {
                cfg.min_weight = args[i + 1].parse().expect("--min-weight W");
                args.drain(i..i + 2);
            }
            "--explore" => {
                cfg.explore_from = args[i + 1].parse().expect("--explore FROM PERMILLE");
                cfg.explore_permille = args[i + 2].parse().expect("--explore FROM PERMILLE");
                args.drain(i..i + 3);
            }
            "--seed" => {
                cfg.seed = args[i + 1].parse().expect("--seed N");
                args.drain(i..i + 2);
            }
            "--jackknife" => {
                jackknife_k = args[i + 1].parse().expect("--jackknife K");
                args.drain(i..i + 2);
            }
            "--gold-tags" => {
                gold_tags = true;
                args.remove(i);
            }
            "--prune-sweep" => {
                sweep = true;
                args.remove(i);
            }
            _ => i += 1,
        }
    }
    let gum = PathBuf::from(
        args.first()
            .cloned()
            .unwrap_or_else(|| "../shared/treebanks/gum".into()),
    );
    let out = PathBuf::from(
        args.get(1)
            .cloned()
            .unwrap_or_else(|| "data/models/dep-gum.bin".into()),
    );

    let mut train_x = read_split(&gum, "train");
    let mut dev_x = read_split(&gum, "dev");
    let mut test_x = read_split(&gum, "test");
    let count = |v: &[DepExample]| v.iter().map(|e| e.words.len()).sum::<usize>();
    println!(
        "train {} sentences / {} tokens, dev {} / {}, test {} / {}",
        train_x.len(),
        count(&train_x),
        dev_x.len(),
        count(&dev_x),
        test_x.len(),
        count(&test_x)
    );
    if gold_tags {
        println!("tags: GUM's gold XPOS (comparison run; the shipped model uses predicted tags)");
    } else {
        if jackknife_k > 1 {
            let t = Instant::now();
            let (r, a) = jackknife(&mut train_x, jackknife_k);
            println!(
                "tags: train tagged by {jackknife_k}-fold jackknifing ({:.1} s): {:.2}% agree with \
                 GUM's XPOS",
                t.elapsed().as_secs_f64(),
                100.0 * r as f64 / a as f64
            );
        } else {
            let (r, a) = retag(&mut train_x);
            println!(
                "tags: embedded tagger on train: {:.2}% agree with GUM's XPOS",
                100.0 * r as f64 / a as f64
            );
        }
        for (name, x) in [("dev", &mut dev_x), ("test", &mut test_x)] {
            let (r, a) = retag(x);
            println!(
                "tags: embedded tagger on {name}: {:.2}% agree with GUM's XPOS",
                100.0 * r as f64 / a as f64
            );
        }
    }

    println!("config: {cfg:?}");
    let t0 = Instant::now();
    let (parser, stats) = train(&train_x, &cfg, |pass, acc| {
        println!(
            "pass {pass:2}: {:.2}% of transitions right ({:.1} s)",
            100.0 * acc,
            t0.elapsed().as_secs_f64()
        )
    });
    println!(
        "trained in {:.1} s on {} sentences; {} non-projective sentences projectivized \
         ({} arcs lifted); {} skipped as not trees, {} for unknown relations",
        t0.elapsed().as_secs_f64(),
        stats.sentences,
        stats.non_projective,
        stats.lifted_arcs,
        stats.not_trees,
        stats.skipped_labels
    );
    if sweep {
        for w in [1i16, 25, 50, 100, 200, 300, 400, 600, 800, 1200, 1600] {
            let p = parser.pruned(w);
            let s = evaluate(&p, &dev_x);
            println!(
                "prune {w:3}: {:9} bytes, {:8} features, {:8} weights: dev UAS {:.2} LAS {:.2}",
                p.to_bytes().len(),
                p.feature_count(),
                p.weight_count(),
                s.uas(),
                s.las()
            );
        }
    }
    let bytes = parser.to_bytes();
    std::fs::write(&out, &bytes).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    // What is shipped is what is measured: evaluate the model read back from its bytes.
    let parser = Parser::from_bytes(&bytes).expect("model reads back");
    println!(
        "wrote {} ({} bytes, {} features, {} weights, {} relations)",
        out.display(),
        bytes.len(),
        parser.feature_count(),
        parser.weight_count(),
        parser.labels().len()
    );
    report("dev", &parser, &dev_x);
    report("test", &parser, &test_x);

    // Speed: parse dev + test repeatedly (one core; tags given).
    let all: Vec<&DepExample> = dev_x.iter().chain(&test_x).collect();
    let mut n = 0usize;
    let mut sink = 0usize;
    let t0 = Instant::now();
    while t0.elapsed().as_secs_f64() < 2.0 {
        for e in &all {
            sink += parser.parse_words(&e.words, &e.tags).len();
            n += e.words.len();
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "speed: {:.0} tokens/s ({n} tokens in {secs:.2} s; {sink})",
        n as f64 / secs
    );
}
