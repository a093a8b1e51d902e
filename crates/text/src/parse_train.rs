//! Training and evaluating the dependency parser ([`crate::Parser`]), deterministically.
//!
//! [`read_trees`] reads the basic dependency trees of a CoNLL-U file. [`train`] projectivizes
//! each training tree (non-projective arcs are *lifted*: the dependent of the shortest crossing
//! arc is reattached to its head's head until no arc crosses; the relation is kept, so the
//! parser learns the lifted attachment), then runs a fixed number of passes over the sentences
//! in an order shuffled by an inline PRNG with a fixed seed. In each state the perceptron's
//! best valid transition is compared with the dynamic oracle of Goldberg & Nivre (2013) for the
//! arc-hybrid system: the cost of a transition is the number of gold arcs it makes
//! unreachable (plus one for a wrong relation on a gold arc). When the guess costs more than
//! the best transition, the weights of the best zero-cost transition get +1 and those of the
//! guess −1. From pass [`DepTrainConfig::explore_from`] on, the parser follows its own wrong
//! guess with probability [`DepTrainConfig::explore_permille`]/1000 (error exploration), so it
//! learns to recover from its mistakes. The final weights are the average over all steps,
//! quantised to i16 with one global scale; weights below [`DepTrainConfig::min_weight`] are
//! dropped. Same data and config, same model bytes.

use dateline_model::{Dep, Pos, Token};

use crate::parse::{best_valid, decode, DepEntry, Move, Parser, State, MAX_CLASSES, MAX_LABELS};
use crate::parse_features::{extract, lexicon, Lex, N_DEP_FEATS};
use crate::train::{Fast, SplitMix};

/// One sentence with its dependency tree.
#[derive(Debug, Clone, PartialEq)]
pub struct DepExample {
    /// The words (FORM column; syntactic words, multi-word token lines skipped).
    pub words: Vec<String>,
    /// One Penn tag per word: the treebank's XPOS from [`read_trees`]; replace them with a
    /// tagger's output to train or evaluate as at run time.
    pub tags: Vec<Pos>,
    /// Head of each word, 0-based; [`Token::NO_HEAD`] for the root.
    pub heads: Vec<u32>,
    /// Relation of each word to its head (DEPREL column).
    pub deps: Vec<Dep>,
}

/// The relation for a DEPREL spelling: itself when [`Dep`] knows it, else its universal part
/// (`nmod:foo` → `nmod`), else [`Dep::Unspecified`].
pub fn relation(deprel: &str) -> Dep {
    Dep::from_name(deprel)
        .or_else(|| Dep::from_name(deprel.split(':').next().unwrap_or("")))
        .unwrap_or(Dep::Unspecified)
}

/// The sentences of a CoNLL-U document with their basic trees (columns FORM, XPOS, HEAD,
/// DEPREL). Multi-word token ranges and empty nodes are skipped; a sentence whose HEAD column
/// is not a valid 0-based index within the sentence is dropped.
pub fn read_trees(src: &str) -> Vec<DepExample> {
    let mut out = Vec::new();
    let mut cur = DepExample {
        words: Vec::new(),
        tags: Vec::new(),
        heads: Vec::new(),
        deps: Vec::new(),
    };
    let mut bad = false;
    let mut flush = |cur: &mut DepExample, bad: &mut bool| {
        let n = cur.words.len();
        let ok = !*bad
            && n > 0
            && cur
                .heads
                .iter()
                .all(|&h| h == Token::NO_HEAD || (h as usize) < n);
        let s = std::mem::replace(
            cur,
            DepExample {
                words: Vec::new(),
                tags: Vec::new(),
                heads: Vec::new(),
                deps: Vec::new(),
            },
        );
        if ok {
            out.push(s);
        }
        *bad = false;
    };
    for line in src.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            flush(&mut cur, &mut bad);
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 8 || cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        cur.words.push(cols[1].to_string());
        cur.tags.push(Pos::from_penn(cols[4]).unwrap_or(Pos::X));
        match cols[6].parse::<u32>() {
            Ok(0) => cur.heads.push(Token::NO_HEAD),
            Ok(h) => cur.heads.push(h - 1),
            Err(_) => {
                bad = true;
                cur.heads.push(Token::NO_HEAD);
            }
        }
        cur.deps.push(relation(cols[7]));
    }
    flush(&mut cur, &mut bad);
    out
}

/// True when `heads` (0-based, [`Token::NO_HEAD`] for the root) is a tree: exactly one root
/// and no cycle.
pub fn is_tree(heads: &[u32]) -> bool {
    let n = heads.len();
    if heads.iter().filter(|&&h| h == Token::NO_HEAD).count() != 1 {
        return false;
    }
    for start in 0..n {
        let mut x = start;
        let mut steps = 0;
        while heads[x] != Token::NO_HEAD {
            x = heads[x] as usize;
            if x >= n {
                return false;
            }
            steps += 1;
            if steps > n {
                return false;
            }
        }
    }
    true
}

/// Head as a position, the root's head being the pseudo-word after the sentence.
fn pos_of(heads: &[u32], d: usize) -> usize {
    if heads[d] == Token::NO_HEAD {
        heads.len()
    } else {
        heads[d] as usize
    }
}

/// True when `a` dominates `d` (is `d` or one of its ancestors).
fn dominates(heads: &[u32], a: usize, mut d: usize) -> bool {
    let n = heads.len();
    if a == n {
        return true;
    }
    for _ in 0..=n {
        if d == a {
            return true;
        }
        if heads[d] == Token::NO_HEAD {
            return false;
        }
        d = heads[d] as usize;
    }
    false
}

/// The shortest non-projective arc of a tree (its dependent), if any.
fn shortest_crossing(heads: &[u32]) -> Option<usize> {
    let n = heads.len();
    let mut best: Option<(usize, usize)> = None;
    for d in 0..n {
        let h = pos_of(heads, d);
        let (a, b) = if h < d { (h, d) } else { (d, h) };
        if (a + 1..b).any(|k| !dominates(heads, h, k)) {
            let len = b - a;
            if best.is_none_or(|(l, _)| len < l) {
                best = Some((len, d));
            }
        }
    }
    best.map(|(_, d)| d)
}

/// True when no arc of the tree crosses another (ROOT after the last word).
pub fn is_projective(heads: &[u32]) -> bool {
    shortest_crossing(heads).is_none()
}

/// Makes a tree projective by lifting: while some arc crosses another, the dependent of the
/// shortest such arc is reattached to its head's head. Returns the number of lifts.
pub fn projectivize(heads: &mut [u32]) -> usize {
    let mut lifts = 0;
    while let Some(d) = shortest_crossing(heads) {
        let h = heads[d] as usize; // not the root: arcs from ROOT never cross
        heads[d] = heads[h];
        lifts += 1;
        if lifts > heads.len() * heads.len() {
            break;
        }
    }
    lifts
}

/// Training settings. [`DepTrainConfig::default`] gives the settings of the shipped model.
#[derive(Debug, Clone, PartialEq)]
pub struct DepTrainConfig {
    /// Passes over the training data.
    pub iterations: usize,
    /// Seed of the shuffling and exploration PRNG.
    pub seed: u64,
    /// First pass (0-based) in which the parser follows its own wrong guesses.
    pub explore_from: usize,
    /// How often a wrong guess is followed during exploration, per thousand.
    pub explore_permille: u32,
    /// Quantised weights with a smaller magnitude are dropped (1 keeps every non-zero one).
    pub min_weight: i16,
}

impl Default for DepTrainConfig {
    fn default() -> DepTrainConfig {
        DepTrainConfig {
            iterations: 12,
            seed: 0x6461_7465_6c69_6e65, // "dateline"
            explore_from: 1,
            explore_permille: 900,
            min_weight: 800,
        }
    }
}

/// What training saw.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DepTrainStats {
    /// Training sentences used.
    pub sentences: usize,
    /// Sentences that were not trees (skipped).
    pub not_trees: usize,
    /// Sentences with at least one non-projective arc (projectivized, kept).
    pub non_projective: usize,
    /// Arcs lifted to make them projective.
    pub lifted_arcs: usize,
    /// Sentences with more relations than a model can hold (none in GUM).
    pub skipped_labels: usize,
}

#[derive(Debug, Clone, Copy)]
struct Param {
    class: u8,
    w: i32,
    total: i64,
    ts: u64,
}

struct Perceptron {
    rows: Fast<Vec<Param>>,
    step: u64,
}

impl Perceptron {
    fn scores(&self, f: &[u64; N_DEP_FEATS], n_classes: usize, scores: &mut [i64; MAX_CLASSES]) {
        scores[..n_classes].fill(0);
        for h in f {
            if let Some(row) = self.rows.get(h) {
                for p in row {
                    scores[p.class as usize] += p.w as i64;
                }
            }
        }
    }

    fn update(&mut self, truth: usize, guess: usize, f: &[u64; N_DEP_FEATS]) {
        let step = self.step;
        for &h in f {
            let row = self.rows.entry(h).or_default();
            for (class, delta) in [(truth as u8, 1), (guess as u8, -1)] {
                let p = match row.iter().position(|p| p.class == class) {
                    Some(i) => &mut row[i],
                    None => {
                        row.push(Param {
                            class,
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
                        (p.class, total as f64 / t)
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

/// A training sentence prepared for the oracle.
struct Prepared {
    words: Vec<String>,
    tags: Vec<Pos>,
    /// Gold heads as positions (ROOT = n), projectivized.
    gold: Vec<u32>,
    /// Gold relation ids.
    labels: Vec<u8>,
}

/// Cost of each move kind in state `st` against gold heads `g` (ROOT = n): (shift, left,
/// right), with the arcs that LEFT and RIGHT would make being gold or not.
fn costs(st: &State, g: &[u32]) -> (u32, u32, u32, bool, bool) {
    let n = st.n;
    let depth = st.stack.len();
    let b = st.b0;
    let in_buffer = |x: usize| x >= b && x <= n; // ROOT (n) counts as buffer
    let mut shift = 0;
    let (mut left, mut right) = (0, 0);
    let (mut left_gold, mut right_gold) = (false, false);
    if b < n {
        // b's head below the top of the stack, b's dependents on the stack: lost.
        let gb = g[b] as usize;
        for (k, &x) in st.stack.iter().enumerate() {
            let x = x as usize;
            if k + 1 < depth && gb == x {
                shift += 1;
            }
            if g[x] as usize == b {
                shift += 1;
            }
        }
    }
    if depth >= 1 {
        let s0 = st.stack[depth - 1] as usize;
        let gs0 = g[s0] as usize;
        // s0's dependents still in the buffer are lost by LEFT and RIGHT alike.
        let kids = (b..n).filter(|&d| g[d] as usize == s0).count() as u32;
        left += kids;
        right += kids;
        if depth >= 2 && gs0 == st.stack[depth - 2] as usize {
            left += 1;
        }
        if in_buffer(gs0) && gs0 != b {
            left += 1;
        }
        left_gold = gs0 == b;
        if in_buffer(gs0) {
            right += 1;
        }
        right_gold = depth >= 2 && gs0 == st.stack[depth - 2] as usize;
    }
    (shift, left, right, left_gold, right_gold)
}

/// Trains a parser on `data` (gold trees with the tags it should see). `progress(pass,
/// share)` is called after each pass with the share of transitions the perceptron got right
/// (before its update).
pub fn train(
    data: &[DepExample],
    cfg: &DepTrainConfig,
    mut progress: impl FnMut(usize, f64),
) -> (Parser, DepTrainStats) {
    let mut stats = DepTrainStats::default();
    // Relations seen, in the fixed order of Dep::ALL (root always).
    let labels: Vec<Dep> = Dep::ALL
        .iter()
        .copied()
        .filter(|d| *d == Dep::Root || data.iter().any(|e| e.deps.contains(d)))
        .take(MAX_LABELS)
        .collect();
    let nl = labels.len();
    let n_classes = 1 + 2 * nl;
    let root = labels
        .iter()
        .position(|d| *d == Dep::Root)
        .expect("root is always kept") as u8;
    let mut prepared = Vec::with_capacity(data.len());
    for e in data {
        let n = e.words.len();
        if e.tags.len() != n || e.heads.len() != n || e.deps.len() != n || !is_tree(&e.heads) {
            stats.not_trees += 1;
            continue;
        }
        let ids: Option<Vec<u8>> = e
            .deps
            .iter()
            .map(|d| labels.iter().position(|l| l == d).map(|i| i as u8))
            .collect();
        let Some(ids) = ids else {
            stats.skipped_labels += 1;
            continue;
        };
        let mut heads = e.heads.clone();
        let lifts = projectivize(&mut heads);
        if lifts > 0 {
            stats.non_projective += 1;
            stats.lifted_arcs += lifts;
        }
        let gold = (0..n).map(|d| pos_of(&heads, d) as u32).collect();
        prepared.push(Prepared {
            words: e.words.clone(),
            tags: e.tags.clone(),
            gold,
            labels: ids,
        });
    }
    stats.sentences = prepared.len();

    let mut model = Perceptron {
        rows: Fast::default(),
        step: 0,
    };
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut rng = SplitMix(cfg.seed);
    let mut st = State::default();
    let mut lex: Vec<Lex> = Vec::new();
    let mut f = [0u64; N_DEP_FEATS];
    let mut scores = [0i64; MAX_CLASSES];
    let mut cost = [0u32; MAX_CLASSES];
    for pass in 0..cfg.iterations {
        for i in (1..order.len()).rev() {
            let j = rng.below(i + 1);
            order.swap(i, j);
        }
        let explore = pass >= cfg.explore_from;
        let (mut right, mut all) = (0usize, 0usize);
        for &k in &order {
            let e = &prepared[k];
            let n = e.words.len();
            lexicon(n, |i| e.words[i].as_str(), |i| e.tags[i], &mut lex);
            st.reset(n);
            while !st.done() {
                let (sh, le, ri) = st.valid();
                if sh && !le && !ri {
                    st.apply(Move::Shift);
                    continue;
                }
                if le && !ri && st.b0 == n {
                    st.apply(Move::Left(root));
                    continue;
                }
                extract(&st, &lex, &mut f);
                model.scores(&f, n_classes, &mut scores);
                // Class costs.
                let (cs, cl, cr, lg, rg) = costs(&st, &e.gold);
                let s0 = *st.stack.last().unwrap_or(&0) as usize;
                let gl = e.labels.get(s0).copied().unwrap_or(0) as usize;
                cost[0] = cs;
                for l in 0..nl {
                    cost[1 + l] = cl + (lg && l != gl) as u32;
                    cost[1 + nl + l] = cr + (rg && l != gl) as u32;
                }
                let guess = best_valid(&st, &scores, nl, root, |_| true);
                let min = (0..n_classes)
                    .filter(|&c| valid_class(&st, c, nl, root))
                    .map(|c| cost[c])
                    .min()
                    .unwrap_or(0);
                let truth = best_valid(&st, &scores, nl, root, |c| cost[c] == min);
                model.step += 1;
                all += 1;
                let next = if cost[guess] == min {
                    right += 1;
                    guess
                } else {
                    model.update(truth, guess, &f);
                    if explore && (rng.below(1000) as u32) < cfg.explore_permille {
                        guess
                    } else {
                        truth
                    }
                };
                st.apply(decode(next, nl));
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
    let features: Vec<(u64, Vec<DepEntry>)> = averaged
        .into_iter()
        .filter_map(|(h, ws)| {
            let es: Vec<DepEntry> = ws
                .into_iter()
                .map(|(class, w)| DepEntry {
                    weight: (w * scale).round().clamp(-32767.0, 32767.0) as i16,
                    class,
                })
                .filter(|e| (e.weight as i32).abs() >= min)
                .collect();
            (!es.is_empty()).then_some((h, es))
        })
        .collect();
    let parser =
        Parser::from_parts(labels, scale as f32, features).expect("trained model is valid");
    (parser, stats)
}

/// True when class `c` is valid in `st` (as [`best_valid`] decides).
fn valid_class(st: &State, c: usize, nl: usize, root: u8) -> bool {
    let (sh, le, ri) = st.valid();
    match decode(c, nl) {
        Move::Shift => sh,
        Move::Left(l) => le && ((st.b0 == st.n) == (l == root)),
        Move::Right(l) => ri && l != root,
    }
}

/// Per-relation counts: predicted, gold, and right (right head and relation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RelationCounts {
    /// Words the parser gave this relation.
    pub predicted: usize,
    /// Words with this gold relation.
    pub gold: usize,
    /// Words with this relation in both, attached to the right head.
    pub right: usize,
}

impl RelationCounts {
    /// Precision, recall and F1 (0 when undefined).
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = self.right as f64 / self.predicted.max(1) as f64;
        let r = self.right as f64 / self.gold.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// Attachment scores of a parser on gold trees.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DepScores {
    /// Scored words: every word whose gold relation is not `punct`.
    pub words: usize,
    /// Scored words with the right head.
    pub head_right: usize,
    /// Scored words with the right head and relation (subtype included).
    pub labelled_right: usize,
    /// Parses that were not a tree with one root (should stay 0).
    pub not_trees: usize,
    /// Counts per relation (over scored words), indexed like [`Dep::ALL`].
    pub relations: Vec<RelationCounts>,
}

impl DepScores {
    /// Unlabelled attachment score, in percent.
    pub fn uas(&self) -> f64 {
        100.0 * self.head_right as f64 / self.words.max(1) as f64
    }
    /// Labelled attachment score, in percent.
    pub fn las(&self) -> f64 {
        100.0 * self.labelled_right as f64 / self.words.max(1) as f64
    }
    /// Counts for one relation.
    pub fn relation(&self, d: Dep) -> RelationCounts {
        Dep::ALL
            .iter()
            .position(|x| *x == d)
            .and_then(|i| self.relations.get(i).copied())
            .unwrap_or_default()
    }
}

/// Parses every sentence of `data` with its tags and scores it against its gold tree.
/// Punctuation (gold relation `punct`) is excluded from every count.
pub fn evaluate(parser: &Parser, data: &[DepExample]) -> DepScores {
    let mut s = DepScores {
        relations: vec![RelationCounts::default(); Dep::ALL.len()],
        ..DepScores::default()
    };
    let idx = |d: Dep| Dep::ALL.iter().position(|x| *x == d);
    for e in data {
        let out = parser.parse_words(&e.words, &e.tags);
        let heads: Vec<u32> = out.iter().map(|o| o.0).collect();
        if !is_tree(&heads) {
            s.not_trees += 1;
        }
        for (i, &(h, d)) in out.iter().enumerate() {
            if e.deps[i] == Dep::Punct {
                continue;
            }
            s.words += 1;
            let head_ok = h == e.heads[i];
            s.head_right += head_ok as usize;
            s.labelled_right += (head_ok && d == e.deps[i]) as usize;
            if let Some(k) = idx(d) {
                s.relations[k].predicted += 1;
            }
            if let Some(k) = idx(e.deps[i]) {
                s.relations[k].gold += 1;
                if head_ok && d == e.deps[i] {
                    s.relations[k].right += 1;
                }
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const NP: u32 = Token::NO_HEAD;

    #[test]
    fn lifting_makes_trees_projective() {
        // 0 → 2, 2 root, 1 → 3 (crosses 0→2? no), 3 → 0: the arc 0–3 covers 1, 2 which 0
        // does not dominate.
        let mut h = vec![2, 3, NP, 0];
        assert!(is_tree(&h));
        assert!(!is_projective(&h));
        let lifts = projectivize(&mut h);
        assert!(lifts >= 1);
        assert!(is_projective(&h) && is_tree(&h));
        let mut p = vec![1, NP, 1];
        assert_eq!(projectivize(&mut p), 0);
    }

    #[test]
    fn trees_are_recognised() {
        assert!(is_tree(&[1, NP, 1]));
        assert!(!is_tree(&[1, 0, NP]), "cycle");
        assert!(!is_tree(&[NP, NP]), "two roots");
        assert!(!is_tree(&[1, 0]), "no root");
    }

    #[test]
    fn reads_heads_and_relations() {
        let src = "# text = Kyiv's mayor spoke.\n\
            1-2\tKyiv's\t_\t_\t_\t_\t_\t_\t_\t_\n\
            1\tKyiv\tKyiv\tPROPN\tNNP\t_\t3\tnmod:poss\t_\t_\n\
            2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_\n\
            3\tmayor\tmayor\tNOUN\tNN\t_\t4\tnsubj\t_\t_\n\
            4\tspoke\tspeak\tVERB\tVBD\t_\t0\troot\t_\t_\n\
            5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";
        let t = read_trees(src);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].heads, vec![2, 0, 3, NP, 3]);
        assert_eq!(t[0].deps[0], Dep::NmodPoss);
        assert_eq!(t[0].deps[3], Dep::Root);
        assert_eq!(relation("nmod:weird"), Dep::Nmod);
        assert_eq!(relation("weird"), Dep::Unspecified);
    }

    #[test]
    fn the_oracle_reaches_every_projective_tree() {
        // Following the zero-cost transitions rebuilds the gold tree exactly.
        let trees: [&[u32]; 4] = [
            &[1, NP, 1],
            &[3, 3, 3, NP, 5, 3, 3],
            &[NP, 0, 1, 2, 3],
            &[4, 4, 3, 4, NP, 4, 7, 5],
        ];
        for heads in trees {
            let n = heads.len();
            let g: Vec<u32> = (0..n).map(|d| pos_of(heads, d) as u32).collect();
            let mut st = State::default();
            st.reset(n);
            while !st.done() {
                let (cs, cl, cr, _, _) = costs(&st, &g);
                let (sh, le, ri) = st.valid();
                let m = if le && cl == 0 {
                    Move::Left(0)
                } else if ri && cr == 0 {
                    Move::Right(0)
                } else {
                    assert!(sh && cs == 0, "no zero-cost move for {heads:?}");
                    Move::Shift
                };
                st.apply(m);
            }
            let got: Vec<u32> = st
                .heads
                .iter()
                .map(|&h| if h as usize == n { NP } else { h })
                .collect();
            assert_eq!(got, heads);
        }
    }
}
