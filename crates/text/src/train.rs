//! Training the averaged perceptron tagger (Collins 2002), deterministically.
//!
//! [`train`] reads tagged sentences, builds the tag dictionary (words seen at least
//! [`TrainConfig::dict_min_count`] times with one tag in at least
//! [`TrainConfig::dict_min_ratio`] of them), then runs a fixed number of passes over the
//! sentences in an order shuffled by an inline PRNG with a fixed seed. Each pass tags every
//! sentence greedily left to right with the current weights, feeding its own guesses forward as
//! the previous tags, and on a wrong guess adds 1 to the weights of the true tag and subtracts
//! 1 from those of the guess. The final weights are the average over all steps, quantised to
//! i16; zero weights are dropped. Same data and config, same model bytes.
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use dateline_model::Pos;

use crate::features::{context, extract, start_tag, tag_hash, WordInfo, N_FEATS, PAD};
use crate::tagger::{Entry, Tagger, MAX_TAGS};

/// One training sentence: words and their gold tags.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// The words (tokens), as in the treebank.
    pub words: Vec<String>,
    /// One tag per word.
    pub tags: Vec<Pos>,
}

/// Training settings. [`TrainConfig::default`] gives the settings of the shipped model.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// Passes over the training data.
    pub iterations: usize,
    /// Seed of the shuffling PRNG.
    pub seed: u64,
    /// A word enters the tag dictionary when seen at least this often…
    pub dict_min_count: u32,
    /// … with its most frequent tag in at least this share of its occurrences.
    pub dict_min_ratio: f64,
    /// Quantised weights with a smaller magnitude are dropped (1 keeps every non-zero one).
    pub min_weight: i16,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            iterations: 12,
            seed: 0x6461_7465_6c69_6e65, // "dateline"
            dict_min_count: 20,
            dict_min_ratio: 0.97,
            min_weight: 1,
        }
    }
}

/// splitmix64: a small deterministic PRNG for shuffling (the tagger's and the parser's trainers).
pub(crate) struct SplitMix(pub u64);

impl SplitMix {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        crate::features::mix(self.0)
    }

    /// Uniform in `0..n` (n > 0); the tiny modulo bias does not matter for shuffling.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Keys are hashes already: pass them through.
#[derive(Default)]
pub(crate) struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by feature hashes, which need no further hashing.
pub(crate) type Fast<V> = HashMap<u64, V, BuildHasherDefault<Identity>>;

#[derive(Debug, Clone, Copy)]
struct Param {
    tag: u8,
    w: i32,
    total: i64,
    ts: u64,
}

struct Perceptron {
    rows: Fast<Vec<Param>>,
    step: u64,
    n_tags: usize,
}

impl Perceptron {
    fn predict(&self, f: &[u64; N_FEATS]) -> u8 {
        let mut scores = [0i64; MAX_TAGS];
        for h in f {
            if let Some(row) = self.rows.get(h) {
                for p in row {
                    scores[p.tag as usize] += p.w as i64;
                }
            }
        }
        let mut best = 0;
        for t in 1..self.n_tags {
            if scores[t] > scores[best] {
                best = t;
            }
        }
        best as u8
    }

    fn update(&mut self, truth: u8, guess: u8, f: &[u64; N_FEATS]) {
        self.step += 1;
        if truth == guess {
            return;
        }
        let step = self.step;
        for &h in f {
            let row = self.rows.entry(h).or_default();
            for (tag, delta) in [(truth, 1), (guess, -1)] {
                let p = match row.iter().position(|p| p.tag == tag) {
                    Some(i) => &mut row[i],
                    None => {
                        row.push(Param {
                            tag,
                            w: 0,
                            total: 0,
                            ts: step,
                        });
                        row.last_mut().expect("just pushed")
                    }
                };
                p.total += (step - p.ts) as i64 * p.w as i64;
                p.w += delta;
                p.ts = step;
            }
        }
    }

    /// Averaged weights, per feature.
    fn averaged(&self) -> Vec<(u64, Vec<(u8, f64)>)> {
        let t = self.step.max(1) as f64;
        let mut out: Vec<(u64, Vec<(u8, f64)>)> = self
            .rows
            .iter()
            .map(|(&h, row)| {
                let mut ws: Vec<(u8, f64)> = row
                    .iter()
                    .map(|p| {
                        let total = p.total + (self.step - p.ts) as i64 * p.w as i64;
                        (p.tag, total as f64 / t)
                    })
                    .collect();
                ws.sort_by_key(|w| w.0);
                (h, ws)
            })
            .collect();
        out.sort_by_key(|r| r.0);
        out
    }
}

/// Trains a tagger on `data`. `progress(pass, accuracy)` is called after each pass with the
/// share of training tokens tagged right during that pass.
pub fn train(data: &[Example], cfg: &TrainConfig, mut progress: impl FnMut(usize, f64)) -> Tagger {
    // Tags seen in the data, in the fixed order of Pos::ALL.
    let seen: Vec<bool> = Pos::ALL
        .iter()
        .map(|p| *p != Pos::X && data.iter().any(|e| e.tags.contains(p)))
        .collect();
    let tags: Vec<Pos> = Pos::ALL
        .iter()
        .zip(&seen)
        .filter(|(_, s)| **s)
        .map(|(p, _)| *p)
        .take(MAX_TAGS)
        .collect();
    let id_of = |p: Pos| tags.iter().position(|t| *t == p).map(|i| i as u8);
    let tag_hashes: Vec<u64> = tags.iter().map(|t| tag_hash(t.penn())).collect();

    // Tag dictionary.
    let mut counts: Fast<Vec<u32>> = Fast::default();
    for e in data {
        for (w, t) in e.words.iter().zip(&e.tags) {
            if let Some(id) = id_of(*t) {
                let c = counts
                    .entry(crate::features::form_hash(w))
                    .or_insert_with(|| vec![0; tags.len()]);
                c[id as usize] += 1;
            }
        }
    }
    let mut dict: Vec<(u64, u8)> = counts
        .iter()
        .filter_map(|(&h, c)| {
            let n: u32 = c.iter().sum();
            let (best, &m) = c
                .iter()
                .enumerate()
                .max_by_key(|(i, m)| (**m, usize::MAX - i))?;
            (n >= cfg.dict_min_count && m as f64 / n as f64 >= cfg.dict_min_ratio)
                .then_some((h, best as u8))
        })
        .collect();
    dict.sort_unstable();
    let dict_map: Fast<u8> = dict.iter().copied().collect();

    let mut model = Perceptron {
        rows: Fast::default(),
        step: 0,
        n_tags: tags.len(),
    };
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = SplitMix(cfg.seed);
    let mut ctx: Vec<WordInfo> = Vec::new();
    let mut f = [0u64; N_FEATS];
    for pass in 0..cfg.iterations {
        for i in (1..order.len()).rev() {
            let j = rng.below(i + 1);
            order.swap(i, j);
        }
        let (mut right, mut all) = (0usize, 0usize);
        for &k in &order {
            let e = &data[k];
            let n = e.words.len().min(e.tags.len());
            context(n, |i| e.words[i].as_str(), &mut ctx);
            let (mut t1, mut t2) = (start_tag(1), start_tag(2));
            for i in 0..n {
                let truth = id_of(e.tags[i]);
                let guess = match dict_map.get(&ctx[i + PAD].form) {
                    Some(&t) => t,
                    None => {
                        extract(&ctx, i + PAD, t1, t2, &mut f);
                        let g = model.predict(&f);
                        if let Some(truth) = truth {
                            model.update(truth, g, &f);
                        }
                        g
                    }
                };
                if truth == Some(guess) {
                    right += 1;
                }
                all += 1;
                t2 = t1;
                t1 = tag_hashes[guess as usize];
            }
        }
        progress(pass + 1, right as f64 / all.max(1) as f64);
    }

    // Average, quantise, prune.
    let averaged = model.averaged();
    let max = averaged
        .iter()
        .flat_map(|(_, ws)| ws.iter().map(|w| w.1.abs()))
        .fold(0.0f64, f64::max);
    let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
    let min = cfg.min_weight.max(1) as i32;
    let features: Vec<(u64, Vec<Entry>)> = averaged
        .into_iter()
        .filter_map(|(h, ws)| {
            let es: Vec<Entry> = ws
                .into_iter()
                .map(|(tag, w)| Entry {
                    weight: (w * scale).round().clamp(-32767.0, 32767.0) as i16,
                    tag,
                })
                .filter(|e| (e.weight as i32).abs() >= min)
                .collect();
            (!es.is_empty()).then_some((h, es))
        })
        .collect();
    Tagger::from_parts(tags, scale as f32, dict, features)
}

/// Share of words of `data` that `tagger` tags right: `(right, total)`.
pub fn evaluate(tagger: &Tagger, data: &[Example]) -> (usize, usize) {
    let (mut right, mut all) = (0, 0);
    for e in data {
        let guess = tagger.tag_words(&e.words);
        for (g, t) in guess.iter().zip(&e.tags) {
            right += (g == t) as usize;
            all += 1;
        }
    }
    (right, all)
}
