//! Dependency parsing: a greedy transition-based labelled parser over an averaged perceptron
//! ([`Parser`], [`ParseStage`]).
//!
//! The transition system is **arc-hybrid** (Kuhlmann, Gómez-Rodríguez & Satta 2011) with the
//! pseudo-word ROOT at the end of the buffer (Ballesteros & Nivre 2013):
//!
//! - SHIFT moves the first buffer word `b0` onto the stack (never ROOT);
//! - LEFT-*l* makes `b0` the head of the stack top `s0` with relation *l* and pops `s0`;
//! - RIGHT-*l* makes the word below the top, `s1`, the head of `s0` and pops `s0`.
//!
//! LEFT from ROOT is allowed only when `s0` is alone on the stack and always has the relation
//! `root`, and `root` is never predicted anywhere else, so every parse is a tree with exactly
//! one root: each word gets exactly one head, and arcs never cross (the parser is
//! projective). A sentence of *n* words takes exactly 2*n* transitions, each chosen greedily by
//! the highest perceptron score among the valid ones. Features: [`crate::parse_features`]
//! (Zhang & Nivre 2011, hashed). Training uses the dynamic oracle of Goldberg & Nivre (2013)
//! with error exploration: [`crate::parse_train`]. The embedded default model is
//! `data/models/dep-gum.bin`, trained on GUM by `examples/train_dep.rs`.
//!
//! # Model file format (`dep-gum.bin`)
//!
//! All integers little-endian.
//!
//! | field | type | meaning |
//! |---|---|---|
//! | magic | 8 bytes | `DLDEPAP\0` |
//! | version | u32 | format version, currently 1 |
//! | feature set | u32 | version of the feature templates and hashing (`parse_features.rs`) |
//! | n_labels | u16 | number of relations *L* (at most 63) |
//! | labels | *L* × (u8 length, bytes) | UD spellings; a relation's id is its position here |
//! | scale | f32 | quantisation scale: real weight = stored weight / scale (informative) |
//! | n_features | u32 | number of features |
//! | features | n_features × (u64 feature hash, u8 n, n × (u8 class, i16 weight)) | sorted by hash |
//! | checksum | u64 | FNV-1a 64 of every byte before it |
//!
//! Classes: 0 is SHIFT, `1 + l` is LEFT-*l*, `1 + L + l` is RIGHT-*l*. Only non-zero weights
//! are stored. [`Parser::from_bytes`] rejects a wrong magic, version or feature set, a
//! truncated or overlong file, an unknown relation, a model without `root`, a class out of
//! range and a bad checksum.
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

use dateline_model::{Analysis, Article, Dep, Pos, Token};
use dateline_pipeline::{Layer, Stage};

use crate::features::hash_bytes;
use crate::parse_features::{extract, lexicon, Lex, DEP_FEATURE_SET, N_DEP_FEATS};

/// Magic bytes opening a parser model file.
pub const DEP_MAGIC: &[u8; 8] = b"DLDEPAP\0";
/// Version of the parser model file format this build reads and writes.
pub const DEP_FORMAT_VERSION: u32 = 1;

/// The embedded default model.
static EMBEDDED_BYTES: &[u8] = include_bytes!("../../../data/models/dep-gum.bin");

/// "No word" in the parser state (no head yet, no child, empty stack position).
pub(crate) const NONE: u32 = u32::MAX;

/// Most relations a model may have (label sets are kept in a `u64`).
pub(crate) const MAX_LABELS: usize = 63;
/// Most classes: SHIFT plus LEFT and RIGHT per relation.
pub(crate) const MAX_CLASSES: usize = 1 + 2 * MAX_LABELS;

/// Why a parser model file was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParserError {
    /// The file does not start with [`DEP_MAGIC`].
    BadMagic,
    /// The file has a format version this build cannot read.
    UnsupportedVersion(u32),
    /// The model was trained with other feature templates than this build computes.
    FeatureSetMismatch {
        /// The file's feature set.
        found: u32,
        /// This build's feature set.
        expected: u32,
    },
    /// The file ends before the field named here.
    Truncated(&'static str),
    /// A relation that is not a UD relation of [`Dep`].
    UnknownRelation(String),
    /// A class out of range, no `root` relation, or another inconsistency.
    Invalid(String),
    /// The checksum does not match the content.
    BadChecksum,
    /// Bytes follow the checksum.
    TrailingBytes(usize),
}

impl std::fmt::Display for ParserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParserError::BadMagic => write!(f, "not a dateline parser model (bad magic bytes)"),
            ParserError::UnsupportedVersion(v) => write!(
                f,
                "parser model format version {v} is not supported (this build reads \
                 {DEP_FORMAT_VERSION})"
            ),
            ParserError::FeatureSetMismatch { found, expected } => write!(
                f,
                "parser model uses feature set {found}, this build computes {expected}: retrain it"
            ),
            ParserError::Truncated(what) => write!(f, "parser model is truncated (at {what})"),
            ParserError::UnknownRelation(t) => {
                write!(f, "parser model has an unknown relation {t:?}")
            }
            ParserError::Invalid(m) => write!(f, "parser model is invalid: {m}"),
            ParserError::BadChecksum => write!(f, "parser model checksum mismatch (corrupt file)"),
            ParserError::TrailingBytes(n) => {
                write!(
                    f,
                    "parser model has {n} unexpected bytes after its checksum"
                )
            }
        }
    }
}

impl std::error::Error for ParserError {}

/// A parser configuration: stack, buffer front and the arcs built so far, with the per-word
/// summaries the features read (two leftmost and two rightmost children, valencies, relation
/// sets). Words are `0..n`; ROOT is `n`. Buffers are reused across sentences.
#[derive(Debug, Default, Clone)]
pub(crate) struct State {
    pub n: usize,
    pub stack: Vec<u32>,
    /// First buffer word; `n` when only ROOT is left, `n + 1` when parsing is done.
    pub b0: usize,
    /// Head of each word (`n` for ROOT), [`NONE`] while unattached. Length `n`.
    pub heads: Vec<u32>,
    /// Relation id of each attached word. Length `n`.
    pub labels: Vec<u8>,
    /// Leftmost, second leftmost, rightmost and second rightmost child. Length `n + 1`.
    pub l1: Vec<u32>,
    pub l2: Vec<u32>,
    pub r1: Vec<u32>,
    pub r2: Vec<u32>,
    /// Number of left and right children. Length `n + 1`.
    pub nl: Vec<u8>,
    pub nr: Vec<u8>,
    /// Relations of the left and right children, as bits. Length `n + 1`.
    pub lset: Vec<u64>,
    pub rset: Vec<u64>,
}

/// A transition, decoded from a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Move {
    Shift,
    Left(u8),
    Right(u8),
}

/// Decodes class `c` of a model with `n_labels` relations.
#[inline]
pub(crate) fn decode(c: usize, n_labels: usize) -> Move {
    if c == 0 {
        Move::Shift
    } else if c <= n_labels {
        Move::Left((c - 1) as u8)
    } else {
        Move::Right((c - 1 - n_labels) as u8)
    }
}

impl State {
    /// Resets the state to the start of a sentence of `n` words.
    pub(crate) fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.b0 = 0;
        self.heads.clear();
        self.heads.resize(n, NONE);
        self.labels.clear();
        self.labels.resize(n, 0);
        for v in [&mut self.l1, &mut self.l2, &mut self.r1, &mut self.r2] {
            v.clear();
            v.resize(n + 2, NONE);
        }
        for v in [&mut self.nl, &mut self.nr] {
            v.clear();
            v.resize(n + 2, 0);
        }
        for v in [&mut self.lset, &mut self.rset] {
            v.clear();
            v.resize(n + 2, 0);
        }
    }

    /// True when every word has its head.
    #[inline]
    pub(crate) fn done(&self) -> bool {
        self.b0 >= self.n && self.stack.is_empty()
    }

    #[inline]
    pub(crate) fn can_shift(&self) -> bool {
        self.b0 < self.n
    }

    #[inline]
    pub(crate) fn can_left(&self) -> bool {
        !self.stack.is_empty() && (self.b0 < self.n || self.stack.len() == 1)
    }

    #[inline]
    pub(crate) fn can_right(&self) -> bool {
        self.stack.len() >= 2
    }

    #[inline]
    fn add_arc(&mut self, h: u32, d: u32, label: u8) {
        let (hi, di) = (h as usize, d as usize);
        self.heads[di] = h;
        self.labels[di] = label;
        if d < h {
            self.l2[hi] = self.l1[hi];
            self.l1[hi] = d;
            self.nl[hi] = self.nl[hi].saturating_add(1);
            self.lset[hi] |= 1u64 << label;
        } else {
            self.r2[hi] = self.r1[hi];
            self.r1[hi] = d;
            self.nr[hi] = self.nr[hi].saturating_add(1);
            self.rset[hi] |= 1u64 << label;
        }
    }

    /// Applies a move, which must be valid.
    #[inline]
    pub(crate) fn apply(&mut self, m: Move) {
        match m {
            Move::Shift => {
                self.stack.push(self.b0 as u32);
                self.b0 += 1;
            }
            Move::Left(l) => {
                let s0 = self.stack.pop().expect("LEFT needs a stack");
                self.add_arc(self.b0 as u32, s0, l);
                if self.b0 == self.n {
                    self.b0 = self.n + 1; // ROOT has its one child: done
                }
            }
            Move::Right(l) => {
                let s0 = self
                    .stack
                    .pop()
                    .expect("RIGHT needs two words on the stack");
                let s1 = *self
                    .stack
                    .last()
                    .expect("RIGHT needs two words on the stack");
                self.add_arc(s1, s0, l);
            }
        }
    }

    /// Which classes are valid now, as (shift, left, right).
    #[inline]
    pub(crate) fn valid(&self) -> (bool, bool, bool) {
        (self.can_shift(), self.can_left(), self.can_right())
    }
}

/// One slot of the feature table, 16 bytes (four to a cache line), so that most lookups cost
/// one memory access: the high 32 bits of the feature hash (0 = empty) and up to
/// [`INLINE`] weights in place (unused places point at the [`SINK`] class with weight 0).
/// A feature with more weights has `class[0] == OVERFLOW` and its run in `entries`: start in
/// `weight[0..2]`, length in `weight[2]`.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(16))]
struct Slot {
    fp: u32,
    class: [u8; INLINE],
    weight: [i16; INLINE],
}

impl Default for Slot {
    fn default() -> Slot {
        Slot {
            fp: 0,
            class: [SINK as u8; INLINE],
            weight: [0; INLINE],
        }
    }
}

/// Weights kept in a slot.
const INLINE: usize = 4;
/// Marks a slot whose weights are in `entries`.
const OVERFLOW: u8 = 0xfe;
/// Marks a slot whose weights are a dense row of `dense` (start in `weight[0..2]`).
const DENSE: u8 = 0xfd;
/// Features with at least this many weights (the frequent tag features) get a dense row:
/// adding a whole row is faster than scattering its weights one by one.
const DENSE_MIN: usize = 16;
/// A class no move has: where unused inline weights go.
pub(crate) const SINK: usize = MAX_CLASSES;
/// Length of a score array: every class and the sink, and any u8 (no bounds checks).
pub(crate) const SCORES: usize = 256;

/// A feature's run of weights in `entries`.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: u32,
    len: u32,
}

impl Run {
    #[inline]
    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// One weight of a feature for one class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct DepEntry {
    pub(crate) weight: i16,
    pub(crate) class: u8,
}

/// The fingerprint of a feature hash in the table (never 0, which marks an empty slot).
#[inline]
fn fp_of(h: u64) -> u32 {
    ((h >> 32) as u32).max(1)
}

/// A trained dependency parser.
#[derive(Debug, Clone)]
pub struct Parser {
    labels: Vec<Dep>,
    root: u8,
    scale: f32,
    /// Open-addressing table, home slot = low bits of the feature hash, linear probing.
    slots: Vec<Slot>,
    /// Every feature's weights, in feature order.
    entries: Vec<DepEntry>,
    /// Dense rows of [`Parser::stride`] weights for the features with many weights.
    dense: Vec<i16>,
    /// Length of a dense row: the number of classes rounded up to 16.
    stride: usize,
    /// The full feature hashes, sorted, with their runs: what the file stores.
    features: Vec<(u64, Run)>,
}

/// Per-thread scratch space: parsing allocates nothing once it has seen a sentence as long.
#[derive(Default)]
struct Scratch {
    state: State,
    lex: Vec<Lex>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Chooses the best valid class from `scores`: SHIFT, LEFT-l, RIGHT-l as allowed; `root` only
/// for LEFT from ROOT, and only it there. Ties go to the lowest class.
#[inline]
pub(crate) fn best_valid<T: Copy + Ord + Default>(
    st: &State,
    scores: &[T],
    n_labels: usize,
    root: u8,
    allowed: impl Fn(usize) -> bool,
) -> usize {
    let (sh, le, ri) = st.valid();
    let at_root = st.b0 == st.n;
    let mut best = usize::MAX;
    let mut best_score = T::default();
    let mut consider = |c: usize| {
        if allowed(c) && (best == usize::MAX || scores[c] > best_score) {
            best = c;
            best_score = scores[c];
        }
    };
    if sh {
        consider(0);
    }
    if le {
        if at_root {
            consider(1 + root as usize);
        } else {
            for l in 0..n_labels {
                if l != root as usize {
                    consider(1 + l);
                }
            }
        }
    }
    if ri {
        for l in 0..n_labels {
            if l != root as usize {
                consider(1 + n_labels + l);
            }
        }
    }
    best
}

impl Parser {
    /// Builds a parser from its parts, as the trainer and the file reader produce them.
    pub(crate) fn from_parts(
        labels: Vec<Dep>,
        scale: f32,
        features: Vec<(u64, Vec<DepEntry>)>,
    ) -> Result<Parser, ParserError> {
        if labels.is_empty() || labels.len() > MAX_LABELS {
            return Err(ParserError::Invalid(format!("{} relations", labels.len())));
        }
        let root = labels
            .iter()
            .position(|d| *d == Dep::Root)
            .ok_or_else(|| ParserError::Invalid("no `root` relation".into()))?
            as u8;
        let n_classes = 1 + 2 * labels.len();
        let total: usize = features.iter().map(|f| f.1.len()).sum();
        if total >= u32::MAX as usize {
            return Err(ParserError::Invalid(format!("{total} weights")));
        }
        let mut features = features;
        features.sort_unstable_by_key(|f| f.0);
        features.dedup_by_key(|f| f.0);
        let cap = (features.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![Slot::default(); cap];
        let mut entries = Vec::with_capacity(total);
        let mut runs = Vec::with_capacity(features.len());
        let mut dense = Vec::new();
        let stride = n_classes.next_multiple_of(16);
        let mask = cap - 1;
        for (h, es) in &features {
            if let Some(e) = es.iter().find(|e| e.class as usize >= n_classes) {
                return Err(ParserError::Invalid(format!(
                    "class {} of {n_classes}",
                    e.class
                )));
            }
            if es.is_empty() || es.len() > 255 {
                return Err(ParserError::Invalid(format!(
                    "{} weights in a row",
                    es.len()
                )));
            }
            let run = Run {
                start: entries.len() as u32,
                len: es.len() as u32,
            };
            entries.extend_from_slice(es);
            runs.push((*h, run));
            let mut slot = Slot {
                fp: fp_of(*h),
                ..Slot::default()
            };
            if es.len() <= INLINE {
                for (j, e) in es.iter().enumerate() {
                    slot.class[j] = e.class;
                    slot.weight[j] = e.weight;
                }
            } else if es.len() >= DENSE_MIN {
                let start = dense.len();
                dense.resize(start + stride, 0);
                for e in es {
                    dense[start + e.class as usize] = e.weight;
                }
                slot.class[0] = DENSE;
                slot.weight[0] = start as u16 as i16;
                slot.weight[1] = (start >> 16) as u16 as i16;
            } else {
                slot.class[0] = OVERFLOW;
                slot.weight[0] = run.start as u16 as i16;
                slot.weight[1] = (run.start >> 16) as u16 as i16;
                slot.weight[2] = run.len as u16 as i16;
            }
            let mut i = (*h as usize) & mask;
            while slots[i].fp != 0 && slots[i].fp != slot.fp {
                i = (i + 1) & mask;
            }
            // Two features with one fingerprint on one probe chain (about one in 10^4 models):
            // the first keeps the slot.
            if slots[i].fp == 0 {
                slots[i] = slot;
            }
        }
        Ok(Parser {
            labels,
            root,
            scale,
            slots,
            entries,
            dense,
            stride,
            features: runs,
        })
    }

    /// The embedded default model (`data/models/dep-gum.bin`), parsed once.
    ///
    /// # Panics
    /// If the embedded file is not a valid model for this build (a build error that the
    /// crate's tests catch).
    pub fn embedded() -> &'static Parser {
        static PARSER: OnceLock<Parser> = OnceLock::new();
        PARSER.get_or_init(|| {
            Parser::from_bytes(EMBEDDED_BYTES)
                .unwrap_or_else(|e| panic!("embedded data/models/dep-gum.bin: {e}"))
        })
    }

    /// The relations this model can assign, in the order of their ids.
    pub fn labels(&self) -> &[Dep] {
        &self.labels
    }

    /// Number of features with at least one non-zero weight.
    pub fn feature_count(&self) -> usize {
        self.features.len()
    }

    /// Number of stored (feature, class) weights.
    pub fn weight_count(&self) -> usize {
        self.entries.len()
    }

    /// The same model without the weights whose magnitude is below `min_weight` (in stored
    /// units); features left without weights are dropped. Smaller and faster, a little less
    /// accurate.
    pub fn pruned(&self, min_weight: i16) -> Parser {
        let min = min_weight.max(1) as i32;
        let features = self
            .features
            .iter()
            .filter_map(|&(h, s)| {
                let es: Vec<DepEntry> = self.entries[s.range()]
                    .iter()
                    .copied()
                    .filter(|e| (e.weight as i32).abs() >= min)
                    .collect();
                (!es.is_empty()).then_some((h, es))
            })
            .collect();
        Parser::from_parts(self.labels.clone(), self.scale, features)
            .expect("a pruned model keeps its relations")
    }

    /// Adds the weights of features `f` to `scores`. The home slots of all features are read
    /// first, independently of each other, so that their cache misses overlap. (Kept out of
    /// line: it is the parser's one hot loop, and shows as such in a profile.)
    #[inline(never)]
    fn score(&self, f: &[u64; N_DEP_FEATS], scores: &mut [i32; SCORES]) {
        let mask = self.slots.len() - 1;
        let mut touch = 0u32;
        for &h in f {
            touch ^= self.slots[(h as usize) & mask].fp;
        }
        std::hint::black_box(touch);
        for &h in f {
            let fp = fp_of(h);
            let mut i = (h as usize) & mask;
            let mut s = self.slots[i];
            while s.fp != fp {
                if s.fp == 0 {
                    break;
                }
                i = (i + 1) & mask;
                s = self.slots[i];
            }
            if s.fp == fp {
                if s.class[0] == DENSE {
                    let start = s.weight[0] as u16 as usize | (s.weight[1] as u16 as usize) << 16;
                    let row = &self.dense[start..start + self.stride];
                    for (sc, &w) in scores[..self.stride].iter_mut().zip(row) {
                        *sc += w as i32;
                    }
                } else if s.class[0] == OVERFLOW {
                    let start = s.weight[0] as u16 as usize | (s.weight[1] as u16 as usize) << 16;
                    let len = s.weight[2] as u16 as usize;
                    for e in &self.entries[start..start + len] {
                        scores[e.class as usize] += e.weight as i32;
                    }
                } else {
                    for j in 0..INLINE {
                        scores[s.class[j] as usize] += s.weight[j] as i32;
                    }
                }
            }
        }
    }

    /// Parses one sentence of `n` words given by `word(i)` with tags `tag(i)`, calling
    /// `out(i, head, relation)` for each word in order; `head` is the sentence-relative index
    /// of the head word, [`Token::NO_HEAD`] for the root.
    pub fn parse_with<'w>(
        &self,
        n: usize,
        word: impl Fn(usize) -> &'w str,
        tag: impl Fn(usize) -> Pos,
        mut out: impl FnMut(usize, u32, Dep),
    ) {
        if n == 0 {
            return;
        }
        SCRATCH.with(|cell| {
            let mut guard = cell.borrow_mut();
            let Scratch { state: st, lex } = &mut *guard;
            lexicon(n, word, tag, lex);
            st.reset(n);
            let nl = self.labels.len();
            let n_classes = 1 + 2 * nl;
            let mut f = [0u64; N_DEP_FEATS];
            let mut scores = [0i32; SCORES];
            while !st.done() {
                let (sh, le, ri) = st.valid();
                let m = if sh && !le && !ri {
                    Move::Shift
                } else if le && !ri && st.b0 == n {
                    Move::Left(self.root)
                } else {
                    extract(st, lex, &mut f);
                    scores[..n_classes].fill(0);
                    self.score(&f, &mut scores);
                    decode(best_valid(st, &scores, nl, self.root, |_| true), nl)
                };
                st.apply(m);
            }
            for i in 0..n {
                let h = st.heads[i];
                let d = self.labels[st.labels[i] as usize];
                if h as usize >= n {
                    out(i, Token::NO_HEAD, Dep::Root);
                } else {
                    out(i, h, d);
                }
            }
        });
    }

    /// Parses a sentence given as words and tags: `(head, relation)` per word, `head` as in
    /// [`Parser::parse_with`].
    pub fn parse_words<S: AsRef<str>>(&self, words: &[S], tags: &[Pos]) -> Vec<(u32, Dep)> {
        let n = words.len().min(tags.len());
        let mut v = vec![(Token::NO_HEAD, Dep::Unparsed); n];
        self.parse_with(
            n,
            |i| words[i].as_ref(),
            |i| tags[i],
            |i, h, d| v[i] = (h, d),
        );
        v
    }

    /// Parses one sentence's tagged `tokens` in place, setting [`Token::head`] (relative to
    /// the slice) and [`Token::dep`]. `text` is the canonical text the tokens point into.
    pub fn parse(&self, text: &str, tokens: &mut [Token]) {
        let n = tokens.len();
        let mut out = [(Token::NO_HEAD, Dep::Unparsed); 96];
        if n <= out.len() {
            self.parse_with(
                n,
                |i| tokens[i].text(text),
                |i| tokens[i].pos,
                |i, h, d| out[i] = (h, d),
            );
            for (t, (h, d)) in tokens.iter_mut().zip(out) {
                t.head = h;
                t.dep = d;
            }
        } else {
            let mut v = vec![(Token::NO_HEAD, Dep::Unparsed); n];
            self.parse_with(
                n,
                |i| tokens[i].text(text),
                |i| tokens[i].pos,
                |i, h, d| v[i] = (h, d),
            );
            for (t, (h, d)) in tokens.iter_mut().zip(v) {
                t.head = h;
                t.dep = d;
            }
        }
    }

    /// The model in the file format described in the module documentation.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(32 + self.entries.len() * 3 + self.features.len() * 9);
        b.extend_from_slice(DEP_MAGIC);
        b.extend_from_slice(&DEP_FORMAT_VERSION.to_le_bytes());
        b.extend_from_slice(&DEP_FEATURE_SET.to_le_bytes());
        b.extend_from_slice(&(self.labels.len() as u16).to_le_bytes());
        for d in &self.labels {
            let s = d.name().as_bytes();
            b.push(s.len() as u8);
            b.extend_from_slice(s);
        }
        b.extend_from_slice(&self.scale.to_le_bytes());
        b.extend_from_slice(&(self.features.len() as u32).to_le_bytes());
        for &(h, s) in &self.features {
            let run = &self.entries[s.range()];
            b.extend_from_slice(&h.to_le_bytes());
            b.push(run.len() as u8);
            for e in run {
                b.push(e.class);
                b.extend_from_slice(&e.weight.to_le_bytes());
            }
        }
        let sum = hash_bytes(&b);
        b.extend_from_slice(&sum.to_le_bytes());
        b
    }

    /// Reads a model file (format in the module documentation).
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, ParserError> {
        let mut r = crate::bytes::Reader::new(bytes);
        if r.take(8, "magic").ok() != Some(&DEP_MAGIC[..]) {
            return Err(ParserError::BadMagic);
        }
        let version = r.u32("version")?;
        if version != DEP_FORMAT_VERSION {
            return Err(ParserError::UnsupportedVersion(version));
        }
        let fs = r.u32("feature set")?;
        if fs != DEP_FEATURE_SET {
            return Err(ParserError::FeatureSetMismatch {
                found: fs,
                expected: DEP_FEATURE_SET,
            });
        }
        let n_labels = r.u16("relation count")? as usize;
        if n_labels == 0 || n_labels > MAX_LABELS {
            return Err(ParserError::Invalid(format!("{n_labels} relations")));
        }
        let mut labels = Vec::with_capacity(n_labels);
        for _ in 0..n_labels {
            let len = r.u8("relation")? as usize;
            let s = String::from_utf8_lossy(r.take(len, "relation")?).to_string();
            labels.push(Dep::from_name(&s).ok_or(ParserError::UnknownRelation(s))?);
        }
        let scale = f32::from_le_bytes(r.array("scale")?);
        let n_feat = r.u32("feature count")? as usize;
        if n_feat > bytes.len() / 9 {
            return Err(ParserError::Truncated("features"));
        }
        let mut features = Vec::with_capacity(n_feat);
        for _ in 0..n_feat {
            let h = r.u64("features")?;
            let n = r.u8("features")? as usize;
            let mut es = Vec::with_capacity(n);
            for _ in 0..n {
                let class = r.u8("features")?;
                let weight = i16::from_le_bytes(r.array("features")?);
                es.push(DepEntry { weight, class });
            }
            features.push((h, es));
        }
        let body = r.at;
        let sum = r.u64("checksum")?;
        if sum != hash_bytes(&bytes[..body]) {
            return Err(ParserError::BadChecksum);
        }
        if r.at != bytes.len() {
            return Err(ParserError::TrailingBytes(bytes.len() - r.at));
        }
        Parser::from_parts(labels, scale, features)
    }
}

impl From<crate::bytes::Truncated> for ParserError {
    fn from(t: crate::bytes::Truncated) -> ParserError {
        ParserError::Truncated(t.0)
    }
}

/// The parser as a pipeline stage: parses [`Analysis::tokens`] sentence by sentence, setting
/// each token's [`Token::head`] (sentence-relative) and [`Token::dep`].
#[derive(Debug, Clone)]
pub struct ParseStage {
    parser: ParserRef,
}

#[derive(Debug, Clone)]
enum ParserRef {
    Static(&'static Parser),
    Owned(Arc<Parser>),
}

impl Default for ParseStage {
    fn default() -> ParseStage {
        ParseStage::new()
    }
}

impl ParseStage {
    /// The stage with the embedded default model ([`Parser::embedded`]).
    pub fn new() -> ParseStage {
        ParseStage {
            parser: ParserRef::Static(Parser::embedded()),
        }
    }

    /// The stage with a given model.
    pub fn with_parser(parser: Parser) -> ParseStage {
        ParseStage {
            parser: ParserRef::Owned(Arc::new(parser)),
        }
    }

    fn parser(&self) -> &Parser {
        match &self.parser {
            ParserRef::Static(p) => p,
            ParserRef::Owned(p) => p,
        }
    }
}

impl Stage for ParseStage {
    fn name(&self) -> &'static str {
        "text.parse"
    }

    fn version(&self) -> u32 {
        1
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Pos]
    }

    fn provides(&self) -> &'static [Layer] {
        &[Layer::Syntax]
    }

    fn run(&self, article: &Article, analysis: &mut Analysis) {
        let parser = self.parser();
        let (Some(tokens), Some(sentences)) = (analysis.tokens.as_mut(), &analysis.sentences)
        else {
            return;
        };
        for s in sentences {
            let (a, b) = (s.first_token as usize, s.end_token as usize);
            if let Some(slice) = tokens.get_mut(a..b) {
                parser.parse(&article.text, slice);
            }
        }
    }
}
