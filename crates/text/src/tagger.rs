//! Part-of-speech tagging: a greedy left-to-right averaged perceptron over Penn tags
//! ([`Tagger`], [`PosStage`]).
//!
//! The model follows Collins (2002) and the tagger of M. Honnibal's "A good part-of-speech
//! tagger in about 200 lines of Python": each token is tagged from hashed features of the word,
//! its affixes and shape, its neighbours and the two tags already chosen to its left; frequent
//! unambiguous words are tagged from a tag dictionary. It is trained by
//! [`crate::train::train`] (see `examples/train_pos.rs`); the embedded default model is
//! `data/models/pos-gum.bin`, trained on GUM.
//!
//! # Model file format (`pos-gum.bin`)
//!
//! All integers little-endian.
//!
//! | field | type | meaning |
//! |---|---|---|
//! | magic | 8 bytes | `DLPOSAP\0` |
//! | version | u32 | format version, currently 1 |
//! | feature set | u32 | version of the feature templates and hashing (`features.rs`) |
//! | n_tags | u16 | number of tags |
//! | tags | n_tags × (u8 length, bytes) | Penn spellings; a tag's id is its position here |
//! | scale | f32 | quantisation scale: real weight = stored weight / scale (informative) |
//! | n_dict | u32 | tag dictionary size |
//! | dict | n_dict × (u64 form hash, u8 tag id) | frequent unambiguous words (FNV-1a of the exact form) |
//! | n_features | u32 | number of features |
//! | features | n_features × (u64 feature hash, u8 n, n × (u8 tag id, i16 weight)) | sorted by hash |
//! | checksum | u64 | FNV-1a 64 of every byte before it |
//!
//! Only non-zero weights are stored. [`Tagger::from_bytes`] rejects a wrong magic, version or
//! feature set, a truncated or overlong file, an unknown tag and a bad checksum.
use std::cell::RefCell;
use std::sync::OnceLock;

use dateline_model::{Analysis, Article, Pos, Token};
use dateline_pipeline::{Layer, Stage};

use crate::features::{
    context, extract, hash_bytes, start_tag, tag_hash, WordInfo, FEATURE_SET, N_FEATS, PAD,
};

/// Magic bytes opening a model file.
pub const MAGIC: &[u8; 8] = b"DLPOSAP\0";
/// Version of the model file format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The embedded default model.
static EMBEDDED_BYTES: &[u8] = include_bytes!("../../../data/models/pos-gum.bin");

/// Why a model file was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaggerError {
    /// The file does not start with [`MAGIC`].
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
    /// A tag that is not a Penn tag of [`Pos`].
    UnknownTag(String),
    /// A tag id outside the tag list, or another inconsistency.
    Invalid(String),
    /// The checksum does not match the content.
    BadChecksum,
    /// Bytes follow the checksum.
    TrailingBytes(usize),
}

impl std::fmt::Display for TaggerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TaggerError::BadMagic => write!(f, "not a dateline POS model (bad magic bytes)"),
            TaggerError::UnsupportedVersion(v) => write!(
                f,
                "POS model format version {v} is not supported (this build reads {FORMAT_VERSION})"
            ),
            TaggerError::FeatureSetMismatch { found, expected } => write!(
                f,
                "POS model uses feature set {found}, this build computes {expected}: retrain it"
            ),
            TaggerError::Truncated(what) => write!(f, "POS model is truncated (at {what})"),
            TaggerError::UnknownTag(t) => write!(f, "POS model has an unknown tag {t:?}"),
            TaggerError::Invalid(m) => write!(f, "POS model is invalid: {m}"),
            TaggerError::BadChecksum => write!(f, "POS model checksum mismatch (corrupt file)"),
            TaggerError::TrailingBytes(n) => {
                write!(f, "POS model has {n} unexpected bytes after its checksum")
            }
        }
    }
}

impl std::error::Error for TaggerError {}

/// One slot of the feature table: a feature hash and its run of weights in `entries`.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u64,
    start: u32,
    len: u32,
}

/// One weight of a feature for one tag.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) weight: i16,
    pub(crate) tag: u8,
}

/// A trained part-of-speech tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    tags: Vec<Pos>,
    tag_hashes: Vec<u64>,
    scale: f32,
    /// Open-addressing table keyed by feature hash (0 = empty).
    slots: Vec<Slot>,
    entries: Vec<Entry>,
    n_features: usize,
    /// Open-addressing tag dictionary: form hash → tag id + 1 (0 = empty).
    dict: Vec<(u64, u8)>,
    n_dict: usize,
}

/// Most tags a model may have (Penn has about 50).
pub(crate) const MAX_TAGS: usize = 64;

/// Sentinel for an empty slot; a real hash equal to it is remapped.
const EMPTY: u64 = 0;

#[inline]
fn key_of(h: u64) -> u64 {
    if h == EMPTY {
        1
    } else {
        h
    }
}

fn capacity_for(n: usize) -> usize {
    (n * 2).next_power_of_two().max(16)
}

thread_local! {
    static CONTEXT: RefCell<Vec<WordInfo>> = const { RefCell::new(Vec::new()) };
}

impl Tagger {
    /// Builds a tagger from its parts: tags, quantisation scale, dictionary (form hash, tag id)
    /// and features (hash, entries), as the trainer and the file reader produce them.
    pub(crate) fn from_parts(
        tags: Vec<Pos>,
        scale: f32,
        dict: Vec<(u64, u8)>,
        features: Vec<(u64, Vec<Entry>)>,
    ) -> Tagger {
        let tag_hashes = tags.iter().map(|t| tag_hash(t.penn())).collect();
        let cap = capacity_for(features.len());
        let mut slots = vec![Slot::default(); cap];
        let mut entries = Vec::with_capacity(features.iter().map(|f| f.1.len()).sum());
        let mask = cap - 1;
        for (h, es) in &features {
            let key = key_of(*h);
            let mut i = (key as usize) & mask;
            while slots[i].key != EMPTY && slots[i].key != key {
                i = (i + 1) & mask;
            }
            slots[i] = Slot {
                key,
                start: entries.len() as u32,
                len: es.len() as u32,
            };
            entries.extend_from_slice(es);
        }
        let dcap = capacity_for(dict.len());
        let mut dslots = vec![(EMPTY, 0u8); dcap];
        for (h, t) in &dict {
            let key = key_of(*h);
            let mut i = (key as usize) & (dcap - 1);
            while dslots[i].0 != EMPTY && dslots[i].0 != key {
                i = (i + 1) & (dcap - 1);
            }
            dslots[i] = (key, t + 1);
        }
        Tagger {
            tags,
            tag_hashes,
            scale,
            slots,
            entries,
            n_features: features.len(),
            dict: dslots,
            n_dict: dict.len(),
        }
    }

    /// The embedded default model (`data/models/pos-gum.bin`), parsed once.
    ///
    /// # Panics
    /// If the embedded file is not a valid model for this build (a build error that the
    /// crate's tests catch).
    pub fn embedded() -> &'static Tagger {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        TAGGER.get_or_init(|| {
            Tagger::from_bytes(EMBEDDED_BYTES)
                .unwrap_or_else(|e| panic!("embedded data/models/pos-gum.bin: {e}"))
        })
    }

    /// The tags this model can assign, in the order of its tag ids.
    pub fn tags(&self) -> &[Pos] {
        &self.tags
    }

    /// Number of features with at least one non-zero weight.
    pub fn feature_count(&self) -> usize {
        self.n_features
    }

    /// Number of tag dictionary entries.
    pub fn dictionary_len(&self) -> usize {
        self.n_dict
    }

    #[inline]
    fn lookup(&self, h: u64) -> &[Entry] {
        let key = key_of(h);
        let mask = self.slots.len() - 1;
        let mut i = (key as usize) & mask;
        loop {
            let s = self.slots[i];
            if s.key == key {
                return &self.entries[s.start as usize..(s.start + s.len) as usize];
            }
            if s.key == EMPTY {
                return &[];
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    fn dict_tag(&self, form: u64) -> Option<u8> {
        let key = key_of(form);
        let mask = self.dict.len() - 1;
        let mut i = (key as usize) & mask;
        loop {
            let (k, t) = self.dict[i];
            if k == key {
                return Some(t - 1);
            }
            if k == EMPTY {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Tag id with the highest score for features `f` (ties: the lowest id).
    #[inline]
    fn best(&self, f: &[u64; N_FEATS]) -> u8 {
        let mut scores = [0i32; MAX_TAGS];
        for &h in f {
            for e in self.lookup(h) {
                scores[e.tag as usize] += e.weight as i32;
            }
        }
        let n = self.tags.len();
        let mut best = 0usize;
        for t in 1..n {
            if scores[t] > scores[best] {
                best = t;
            }
        }
        best as u8
    }

    /// The model index of `tag`, if the model has it.
    fn tag_id(&self, tag: Pos) -> Option<u8> {
        self.tags.iter().position(|&t| t == tag).map(|i| i as u8)
    }

    /// As [`Tagger::best`], among the tags whose form fits `word` ([`form_fits`]).
    fn best_fitting(&self, f: &[u64; N_FEATS], word: &str, mid: bool) -> u8 {
        let mut scores = [0i32; MAX_TAGS];
        for &h in f {
            for e in self.lookup(h) {
                scores[e.tag as usize] += e.weight as i32;
            }
        }
        let mut best: Option<usize> = None;
        for t in 0..self.tags.len() {
            if form_fits(self.tags[t], word, mid) && best.is_none_or(|b| scores[t] > scores[b]) {
                best = Some(t);
            }
        }
        best.unwrap_or(0) as u8
    }

    /// Tags `n` words given by `word(i)`, calling `out(i, tag)` for each, left to right.
    pub(crate) fn run<'w>(
        &self,
        n: usize,
        word: impl Fn(usize) -> &'w str,
        mut out: impl FnMut(usize, Pos),
    ) {
        if n == 0 || self.tags.is_empty() {
            for i in 0..n {
                out(i, Pos::X);
            }
            return;
        }
        let mut small = [Pos::X; 64];
        let mut big = Vec::new();
        let tags: &mut [Pos] = if n <= small.len() {
            &mut small[..n]
        } else {
            big.resize(n, Pos::X);
            &mut big
        };
        CONTEXT.with(|cell| {
            let mut ctx = cell.borrow_mut();
            context(n, &word, &mut ctx);
            self.decode(&ctx, &word, tags, None);
            // A sentence without its finite verb is decoded again with the verb fixed, so that
            // the words after it are read in its light ("police used/VBD water cannon and
            // tear/NN gas").
            if let Some(k) = finite_verb_fix(tags, &word) {
                if let Some(id) = self.tags.iter().position(|&t| t == Pos::VBD) {
                    self.decode(&ctx, &word, tags, Some((k, id as u8)));
                }
            } else if let Some(k) =
                rare_plural_fix(tags, &word, |k| self.dict_tag(ctx[k + PAD].form).is_some())
            {
                // "Israeli warplanes/VBZ struck/JJ military targets": a rare plural read as the
                // verb, before the real one.
                if let Some(id) = self.tags.iter().position(|&t| t == Pos::VBD) {
                    self.decode(&ctx, &word, tags, Some((k + 1, id as u8)));
                    tags[k] = Pos::NNS;
                }
            }
        });
        repair_tags(tags, &word);
        for (i, &t) in tags.iter().enumerate() {
            out(i, t);
        }
    }

    /// Greedy left-to-right decoding of one sentence's context into `tags`; `forced` fixes the
    /// tag (model index) of one position.
    /// A verb tag from the model must fit the word's form ([`form_fits`]): "development aid/VBD"
    /// takes its best fitting tag instead.
    fn decode<'w>(
        &self,
        ctx: &[WordInfo],
        word: &impl Fn(usize) -> &'w str,
        tags: &mut [Pos],
        forced: Option<(usize, u8)>,
    ) {
        let mut f = [0u64; N_FEATS];
        let (mut t1, mut t2) = (start_tag(1), start_tag(2));
        let mut prev = Pos::X;
        for (i, tag) in tags.iter_mut().enumerate() {
            let w = &ctx[i + PAD];
            let id = match (forced, self.dict_tag(w.form)) {
                (Some((k, id)), _) if k == i => id,
                (_, Some(t)) => t,
                (_, None) => {
                    extract(ctx, i + PAD, t1, t2, &mut f);
                    let id = self.best(&f);
                    // (A capitalised frequent word — "The", "In" opening a title or a quoted
                    // sentence — may still be a function word.)
                    let mid = i > 0 && self.dict_tag(w.lower).is_none();
                    if !form_fits(self.tags[id as usize], word(i), mid) {
                        self.best_fitting(&f, word(i), mid)
                    } else if matches!(self.tags[id as usize], Pos::VBZ | Pos::VBP)
                        && i > 0
                        && after_modifier(prev)
                        && word(i).ends_with('s')
                        && people_nouns().contains(word(i))
                    {
                        // "Five hundred Ugandan rebels/VBZ surrendered": a plural noun of people
                        // after a modifier is the head of the noun phrase, not its verb.
                        self.tag_id(Pos::NNS).unwrap_or(id)
                    } else {
                        id
                    }
                }
            };
            *tag = self.tags[id as usize];
            prev = *tag;
            t2 = t1;
            t1 = self.tag_hashes[id as usize];
        }
    }

    /// Tags one sentence's `tokens` in place (`text` is the article's canonical text, which
    /// the tokens' byte offsets point into).
    pub fn tag(&self, text: &str, tokens: &mut [Token]) {
        let n = tokens.len();
        let mut tags = [Pos::X; 64];
        if n <= tags.len() {
            self.run(n, |i| tokens[i].text(text), |i, p| tags[i] = p);
            for (t, p) in tokens.iter_mut().zip(tags) {
                t.pos = p;
            }
        } else {
            let mut v = vec![Pos::X; n];
            self.run(n, |i| tokens[i].text(text), |i, p| v[i] = p);
            for (t, p) in tokens.iter_mut().zip(v) {
                t.pos = p;
            }
        }
    }

    /// Tags a sentence given as words.
    pub fn tag_words<S: AsRef<str>>(&self, words: &[S]) -> Vec<Pos> {
        let mut v = vec![Pos::X; words.len()];
        self.run(words.len(), |i| words[i].as_ref(), |i, p| v[i] = p);
        v
    }

    /// The model in the file format described in the module documentation.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(16 + self.entries.len() * 3 + self.n_features * 9);
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        b.extend_from_slice(&FEATURE_SET.to_le_bytes());
        b.extend_from_slice(&(self.tags.len() as u16).to_le_bytes());
        for t in &self.tags {
            let s = t.penn().as_bytes();
            b.push(s.len() as u8);
            b.extend_from_slice(s);
        }
        b.extend_from_slice(&self.scale.to_le_bytes());
        let mut dict: Vec<(u64, u8)> = self
            .dict
            .iter()
            .filter(|(k, _)| *k != EMPTY)
            .map(|&(k, t)| (k, t - 1))
            .collect();
        dict.sort_unstable();
        b.extend_from_slice(&(dict.len() as u32).to_le_bytes());
        for (h, t) in dict {
            b.extend_from_slice(&h.to_le_bytes());
            b.push(t);
        }
        let mut feats: Vec<Slot> = self
            .slots
            .iter()
            .copied()
            .filter(|s| s.key != EMPTY)
            .collect();
        feats.sort_unstable_by_key(|s| s.key);
        b.extend_from_slice(&(feats.len() as u32).to_le_bytes());
        for s in feats {
            b.extend_from_slice(&s.key.to_le_bytes());
            b.push(s.len as u8);
            for e in &self.entries[s.start as usize..(s.start + s.len) as usize] {
                b.push(e.tag);
                b.extend_from_slice(&e.weight.to_le_bytes());
            }
        }
        let sum = hash_bytes(&b);
        b.extend_from_slice(&sum.to_le_bytes());
        b
    }

    /// Reads a model file (format in the module documentation).
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, TaggerError> {
        let mut r = crate::bytes::Reader::new(bytes);
        if r.take(8, "magic").ok() != Some(&MAGIC[..]) {
            return Err(TaggerError::BadMagic);
        }
        let version = r.u32("version")?;
        if version != FORMAT_VERSION {
            return Err(TaggerError::UnsupportedVersion(version));
        }
        let fs = r.u32("feature set")?;
        if fs != FEATURE_SET {
            return Err(TaggerError::FeatureSetMismatch {
                found: fs,
                expected: FEATURE_SET,
            });
        }
        let n_tags = r.u16("tag count")? as usize;
        if n_tags == 0 || n_tags > MAX_TAGS {
            return Err(TaggerError::Invalid(format!("{n_tags} tags")));
        }
        let mut tags = Vec::with_capacity(n_tags);
        for _ in 0..n_tags {
            let len = r.u8("tag")? as usize;
            let s = r.take(len, "tag")?;
            let s = String::from_utf8_lossy(s);
            tags.push(Pos::from_penn(&s).ok_or_else(|| TaggerError::UnknownTag(s.to_string()))?);
        }
        let scale = f32::from_le_bytes(r.array("scale")?);
        let check_tag = |t: u8| {
            if (t as usize) < n_tags {
                Ok(t)
            } else {
                Err(TaggerError::Invalid(format!("tag id {t} of {n_tags}")))
            }
        };
        let n_dict = r.u32("dictionary size")? as usize;
        if n_dict > bytes.len() / 9 {
            return Err(TaggerError::Truncated("dictionary"));
        }
        let mut dict = Vec::with_capacity(n_dict);
        for _ in 0..n_dict {
            let h = r.u64("dictionary")?;
            dict.push((h, check_tag(r.u8("dictionary")?)?));
        }
        let n_feat = r.u32("feature count")? as usize;
        if n_feat > bytes.len() / 9 {
            return Err(TaggerError::Truncated("features"));
        }
        let mut features = Vec::with_capacity(n_feat);
        for _ in 0..n_feat {
            let h = r.u64("features")?;
            let n = r.u8("features")? as usize;
            let mut es = Vec::with_capacity(n);
            for _ in 0..n {
                let tag = check_tag(r.u8("features")?)?;
                let weight = i16::from_le_bytes(r.array("features")?);
                es.push(Entry { weight, tag });
            }
            features.push((h, es));
        }
        let body = r.at;
        let sum = r.u64("checksum")?;
        if sum != hash_bytes(&bytes[..body]) {
            return Err(TaggerError::BadChecksum);
        }
        if r.at != bytes.len() {
            return Err(TaggerError::TrailingBytes(bytes.len() - r.at));
        }
        Ok(Tagger::from_parts(tags, scale, dict, features))
    }
}

impl From<crate::bytes::Truncated> for TaggerError {
    fn from(t: crate::bytes::Truncated) -> TaggerError {
        TaggerError::Truncated(t.0)
    }
}

/// The tagger as a pipeline stage: tags [`Analysis::tokens`] sentence by sentence.
#[derive(Debug, Clone)]
pub struct PosStage {
    tagger: TaggerRef,
}

#[derive(Debug, Clone)]
enum TaggerRef {
    Static(&'static Tagger),
    Owned(std::sync::Arc<Tagger>),
}

impl Default for PosStage {
    fn default() -> PosStage {
        PosStage::new()
    }
}

impl PosStage {
    /// The stage with the embedded default model ([`Tagger::embedded`]).
    pub fn new() -> PosStage {
        PosStage {
            tagger: TaggerRef::Static(Tagger::embedded()),
        }
    }

    /// The stage with a given model.
    pub fn with_tagger(tagger: Tagger) -> PosStage {
        PosStage {
            tagger: TaggerRef::Owned(std::sync::Arc::new(tagger)),
        }
    }

    fn tagger(&self) -> &Tagger {
        match &self.tagger {
            TaggerRef::Static(t) => t,
            TaggerRef::Owned(t) => t,
        }
    }
}

impl Stage for PosStage {
    fn name(&self) -> &'static str {
        "text.pos"
    }

    /// 2: the repairs after the model ([`finite_verb_fix`], [`repair_tags`]).
    fn version(&self) -> u32 {
        2
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }

    fn provides(&self) -> &'static [Layer] {
        &[Layer::Pos]
    }

    fn run(&self, article: &Article, analysis: &mut Analysis) {
        let tagger = self.tagger();
        let (Some(tokens), Some(sentences)) = (analysis.tokens.as_mut(), &analysis.sentences)
        else {
            return;
        };
        for s in sentences {
            let (a, b) = (s.first_token as usize, s.end_token as usize);
            if let Some(slice) = tokens.get_mut(a..b) {
                tagger.tag(&article.text, slice);
            }
        }
    }
}

/// A sentence has a finite verb. When the model found none (or none before the comma that opens
/// a trailing attribution), the first past form ("-ed", or an
/// irregular past of `data/lexicon/past-tense.txt`) it read as an adjective, participle or noun
/// right after a noun or a name is the verb ("The government suspended/JJ cooperation",
/// "India flew/NN in"): its position, to be decoded again as VBD. The model, trained on 77k
/// tokens of GUM, has seen few sentences that open with a country.
fn finite_verb_fix<'w>(tags: &[Pos], word: &impl Fn(usize) -> &'w str) -> Option<usize> {
    // (Or the clause before a trailing attribution: "Israeli warplanes struck/JJ targets in
    // Iran, the military said" has its finite verb only after the comma.)
    // (A past form glued by a hyphen to a name is a participle, not the verb.)
    let glued = |k: usize| glued_participle(tags, word, k);
    let n = match (0..tags.len()).find(|&k| tags[k].is_finite() && !glued(k)) {
        // (A trailing attribution is a short subject and a verb of saying after the comma.)
        Some(f) if matches!(word(f), "said" | "says" | "told" | "added" | "reported") => {
            let c = tags[..f]
                .iter()
                .rposition(|&p| p == Pos::COMMA)
                .unwrap_or(0);
            // (Its own subject after the comma, "the military said"; not ", and the ministry
            // said" nor an appositive's ", said".)
            // (An adjective right before the verb heads the subject too, "a local official/JJ
            // said", as [`repair_tags`] reads it later.)
            let subject = (c + 1..f).any(|k| tags[k].is_noun() || tags[k] == Pos::PRP)
                || (f > c + 1 && tags[f - 1] == Pos::JJ && tags[c + 1] == Pos::DT);
            if f - c <= 6 && subject && tags.get(c + 1) != Some(&Pos::CC) {
                c
            } else {
                0
            }
        }
        Some(_) => 0,
        None => tags.len(),
    };
    if n < 4 || (0..n).any(|k| tags[k].is_finite() && !glued(k)) {
        return None;
    }
    let capital = |k: usize| word(k).chars().next().is_some_and(char::is_uppercase);
    let past = |k: usize| {
        let w = word(k);
        (matches!(tags[k], Pos::JJ | Pos::VBN) && regular_past(w))
            || (matches!(tags[k], Pos::NN | Pos::NNS | Pos::JJ | Pos::VBN)
                && irregular_past().contains(w))
    };
    // (Or the comma that closes an apposition of names after the subject: "The US commander
    // in Iraq, General David Petraeus, held/VBN talks".)
    let appositive_end = |c: usize| {
        c >= 3
            && tags[c] == Pos::COMMA
            && tags[c - 1] == Pos::NNP
            && (1..c - 1).rev().take(6).any(|j| {
                tags[j] == Pos::COMMA
                    && tags[j - 1].is_noun()
                    && (j + 1..c).all(|x| tags[x] == Pos::NNP)
            })
    };
    (1..n - 1).find(|&k| {
        past(k)
            && !capital(k)
            && (tags[k - 1].is_noun()
                || (tags[k - 1] == Pos::JJ
                    && (capital(k - 1) || people_nouns().contains(word(k - 1))))
                || appositive_end(k - 1))
            && !matches!(tags[k + 1], Pos::COLON | Pos::COMMA | Pos::PERIOD)
    })
}

/// A sentence whose only finite verb is a word the model does not know, ending in "-s", right
/// before a past form it read as an adjective, participle or noun ("Israeli warplanes/VBZ
/// struck/JJ targets"): the "-s" word is a plural noun and the past form the verb. Returns the
/// "-s" word's position. (`known(k)`: word `k` is one of the model's frequent words.)
fn rare_plural_fix<'w>(
    tags: &[Pos],
    word: &impl Fn(usize) -> &'w str,
    known: impl Fn(usize) -> bool,
) -> Option<usize> {
    let n = tags.len();
    let k = (0..n.saturating_sub(1)).find(|&k| tags[k].is_finite())?;
    if tags[k] != Pos::VBZ || tags[k + 1..].iter().any(|&p| p.is_finite()) || known(k) {
        return None;
    }
    let w = word(k);
    let next = word(k + 1);
    let past = regular_past(next) || irregular_past().contains(next);
    (w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && w.chars().all(|c| c.is_ascii_lowercase())
        && past
        && matches!(tags[k + 1], Pos::JJ | Pos::VBN | Pos::NN | Pos::NNS))
    .then_some(k)
}

/// The rules applied after decoding (see [`finite_verb_fix`] for the one that re-decodes): a
/// capitalised word read as an adjective right before a finite verb is a name ("Iran/JJ
/// expelled" → NNP); "to" before anything but a verb is the preposition; a gerund after a
/// determiner with no noun after it is a noun ("a wasted meeting"); an adjective ending a noun
/// phrase right before a finite verb is its head ("The Israeli military/JJ said").
fn repair_tags<'w>(tags: &mut [Pos], word: &impl Fn(usize) -> &'w str) {
    let n = tags.len();
    // A past form glued by a hyphen to a name is a participle → VBN.
    for k in 2..n {
        if glued_participle(tags, word, k) {
            tags[k] = Pos::VBN;
        }
    }
    // A past form right after a noun, before a preposition and with a "by" agent soon after,
    // once the sentence has its finite verb, is a reduced passive: "an agreement forced/VBD on
    // the Gulf state by Saudi Arabia" → VBN.
    for k in 2..n.saturating_sub(2) {
        if tags[k] == Pos::VBD
            && tags[k - 1].is_noun()
            && tags[k + 1] == Pos::IN
            && word(k + 1) != "by"
            && (k + 2..n.min(k + 9)).any(|j| word(j) == "by")
            && tags[..k - 1].iter().any(|t| t.is_finite())
        {
            tags[k] = Pos::VBN;
        }
    }
    // In a present-tense headline or sentence, an "-s" word after a comma that opens a phrase
    // with a name, a determiner or a pronoun is a second verb: "Poland shoots down Russian
    // drones, asks/NNS NATO allies for consultations" → VBZ.
    if tags
        .iter()
        .position(|t| t.is_finite())
        .is_some_and(|f| tags[f] == Pos::VBZ)
    {
        for k in 2..n.saturating_sub(1) {
            if tags[k] == Pos::NNS
                && tags[k - 1] == Pos::COMMA
                && word(k).ends_with('s')
                && !word(k).ends_with("ss")
                && word(k).chars().all(|c| c.is_ascii_lowercase())
                && matches!(
                    tags[k + 1],
                    Pos::NNP | Pos::NNPS | Pos::DT | Pos::PRP | Pos::PRPS
                )
                && tags[..k - 1].contains(&Pos::VBZ)
            {
                tags[k] = Pos::VBZ;
            }
        }
    }
    // An adverb right after a determiner or a possessive, with a preposition, a conjunction or
    // punctuation after it, is a noun: "to hold a rally/RB." ("a very/RB big rally" keeps its
    // adverb.)
    for k in 1..n {
        if tags[k] == Pos::RB
            && matches!(tags[k - 1], Pos::DT | Pos::PRPS)
            && tags.get(k + 1).is_none_or(|&t| {
                matches!(
                    t,
                    Pos::PERIOD | Pos::COMMA | Pos::IN | Pos::CC | Pos::TO | Pos::COLON
                )
            })
            && word(k).chars().all(|c| c.is_ascii_lowercase())
        {
            tags[k] = Pos::NN;
        }
    }
    // Infinitival "to" comes before a verb; before anything else it is the preposition ("closed
    // its airspace to/TO flights").
    for k in 0..n.saturating_sub(1) {
        if tags[k] == Pos::TO
            && !matches!(tags[k + 1], Pos::VB | Pos::RB | Pos::VBP)
            && word(k).eq_ignore_ascii_case("to")
        {
            tags[k] = Pos::IN;
        }
    }
    // "to" right before a base form is the infinitive marker ("agreed on Friday to/IN
    // re-establish relations").
    for k in 0..n.saturating_sub(1) {
        if tags[k] == Pos::IN && tags[k + 1] == Pos::VB && word(k).eq_ignore_ascii_case("to") {
            tags[k] = Pos::TO;
        }
    }
    // An adjective right before a possessive or a determiner, after "and" that follows a base
    // form, is a second base form ("to re-establish relations and reopen/JJ their embassies").
    for k in 1..n.saturating_sub(1) {
        if tags[k] == Pos::JJ
            && matches!(tags[k + 1], Pos::PRPS | Pos::DT)
            && word(k - 1) == "and"
            && tags[k.saturating_sub(7)..k - 1].contains(&Pos::VB)
        {
            tags[k] = Pos::VB;
        }
    }
    // A participle after "and" with an object after it, when the verb before "and" is no
    // participle itself, is a second finite verb: "told a news conference that there would be
    // no new election and accused/VBN foreign-funded groups" → VBD ("had met and discussed/VBN
    // trade" stays).
    for k in 2..n.saturating_sub(1) {
        if tags[k] == Pos::VBN
            && matches!(word(k - 1), "and" | "but")
            && matches!(
                tags[k + 1],
                Pos::DT
                    | Pos::PRPS
                    | Pos::PRP
                    | Pos::NNP
                    | Pos::NNPS
                    | Pos::JJ
                    | Pos::NN
                    | Pos::NNS
            )
            && form_fits(Pos::VBD, word(k), true)
            && (0..k - 1)
                .rev()
                .find(|&j| tags[j].is_verb() && tags[j] != Pos::MD)
                .is_some_and(|j| {
                    matches!(tags[j], Pos::VB | Pos::VBD | Pos::VBZ | Pos::VBP)
                        // ("was concerned and praised/VBN Romanian institutions": after a
                        // participle of "be", a participle with an object is finite; after
                        // one of "have" it shares the perfect.)
                        || (tags[j] == Pos::VBN
                            && j > 0
                            && !matches!(word(j - 1), "had" | "has" | "have" | "having")
                            && matches!(word(j - 1), "was" | "were" | "is" | "are"))
                })
            && tags[..k - 1].iter().any(|&p| p.is_finite())
        {
            tags[k] = Pos::VBD;
        }
    }
    // A base form between "noun and" and a noun coordinates nouns ("water cannon and tear/VB
    // gas"): with no modal or "to" before it, it is a noun.
    for k in 2..n.saturating_sub(1) {
        if tags[k] == Pos::VB
            && word(k - 1) == "and"
            && tags[k - 2].is_noun()
            && tags[k + 1].is_noun()
            && !tags[k.saturating_sub(5)..k]
                .iter()
                .any(|&p| matches!(p, Pos::MD | Pos::TO))
        {
            tags[k] = Pos::NN;
        }
    }
    // A gerund after a determiner ("a wasted meeting", quoted or not) is a noun when no noun
    // follows it ("a growing number" stays a modifier).
    for k in 1..n {
        let det = |p: Pos| matches!(p, Pos::DT | Pos::PRPS);
        let after_det = det(tags[k - 1])
            || (k > 1 && matches!(tags[k - 1], Pos::JJ | Pos::VBN) && det(tags[k - 2]));
        let noun_next = tags
            .get(k + 1)
            .is_some_and(|&p| p.is_noun() || matches!(p, Pos::JJ | Pos::VBG));
        if tags[k] == Pos::VBG && after_det && !noun_next {
            tags[k] = Pos::NN;
        }
    }
    for k in 0..n.saturating_sub(1) {
        let capital = word(k).chars().next().is_some_and(char::is_uppercase);
        let opens = k == 0 || matches!(tags[k - 1], Pos::COLON | Pos::COMMA | Pos::CC | Pos::IN);
        // (So is one read as a gerund: "Beijing/VBG demanded …".)
        if matches!(tags[k], Pos::JJ | Pos::VBG) && capital && opens && tags[k + 1].is_finite() {
            tags[k] = Pos::NNP;
        }
        // "The Israeli military said": an adjective that ends a noun phrase right before its
        // verb is the phrase's head noun.
        let np_before = k > 0
            && matches!(
                tags[k - 1],
                Pos::DT | Pos::NNP | Pos::NNPS | Pos::JJ | Pos::PRPS | Pos::POS
            );
        if tags[k] == Pos::JJ && !capital && np_before && tags[k + 1].is_finite() {
            tags[k] = Pos::NN;
        }
    }
}

/// A regular past form by its spelling: "-ed" on a word of four letters or more, but not "-eed"
/// ("need", "freed" and "agreed" are left to the model and the irregular list).
fn regular_past(w: &str) -> bool {
    w.len() >= 4 && w.ends_with("ed") && !w.ends_with("eed")
}

/// Tags after which a plural noun of people heads a noun phrase: an adjective or a name
/// ("Ugandan rebels", "Shona rebels"), a number, a determiner or a possessive.
fn after_modifier(prev: Pos) -> bool {
    matches!(
        prev,
        Pos::JJ | Pos::JJR | Pos::JJS | Pos::NNP | Pos::NNPS | Pos::CD | Pos::DT | Pos::PRPS
    )
}

/// Nouns of people ("official", "rebels", "militants"): the one-word role nouns of the
/// knowledge base's agents table (`data/kb/agents.tsv`, read by the knowledge base's own
/// parser), singular and plural, read once. The tagger's training treebank has few of them: a
/// greedy model reads "rebels" after a name as a verb and "official" as an adjective.
fn people_nouns() -> &'static std::collections::HashSet<String> {
    static SET: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let mut kb = dateline_kb::Kb::default();
        // (The embedded table is checked by the knowledge base's tests; a failure leaves the
        // set empty and the repairs off.)
        let _ = dateline_kb::Kb::parse_file(
            "agents.tsv",
            include_str!("../../../data/kb/agents.tsv"),
            &mut kb,
        );
        kb.agents
            .into_iter()
            .filter(|a| !a.pattern.contains(' ') && a.kind.starts_with("PERSON"))
            .flat_map(|a| std::iter::once(a.pattern).chain(a.plural))
            .collect()
    })
}

/// A past form glued by a hyphen to a name, before a noun or an adjective, is a participle:
/// "the Israeli-occupied/VBD sector".
fn glued_participle<'w>(tags: &[Pos], word: &impl Fn(usize) -> &'w str, k: usize) -> bool {
    k >= 2
        && tags[k] == Pos::VBD
        && word(k - 1) == "-"
        && word(k - 2).chars().next().is_some_and(char::is_uppercase)
        && tags
            .get(k + 1)
            .is_some_and(|t| t.is_noun() || *t == Pos::JJ)
}

/// The irregular past tenses of `data/lexicon/past-tense.txt`.
fn irregular_past() -> &'static std::collections::HashSet<&'static str> {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../../../data/lexicon/past-tense.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Whether `w` can carry the verb tag `tag` by its form: a simple past ends in "-ed" or is a
/// listed irregular past, a gerund ends in "-ing", a third-person present ends in "-s" (or is
/// "'s"); other tags always fit. ("development aid/VBD", "budget/VBG" are no such forms.) A
/// capitalised word inside the sentence (`mid`) is no function word: "who visited Kyiv/IN" is
/// a name.
fn form_fits(tag: Pos, w: &str, mid: bool) -> bool {
    let function = matches!(
        tag,
        Pos::IN
            | Pos::DT
            | Pos::CC
            | Pos::PRP
            | Pos::PRPS
            | Pos::MD
            | Pos::TO
            | Pos::WDT
            | Pos::WP
            | Pos::WPS
            | Pos::WRB
            | Pos::EX
            | Pos::PDT
            | Pos::RP
    );
    // (A listed irregular past is no function word: "The United Nations withdrew/IN its
    // inspectors".)
    if function && irregular_past().contains(w) {
        return false;
    }
    if function
        && mid
        && w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().skip(1).any(char::is_lowercase)
        && w != "I"
    {
        return false;
    }
    if !matches!(tag, Pos::VBD | Pos::VBG | Pos::VBZ)
        || !w
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’' || c == '-')
    {
        return true;
    }
    let lower = w.to_lowercase();
    match tag {
        Pos::VBD => lower.ends_with("ed") || irregular_past().contains(lower.as_str()),
        Pos::VBG => lower.ends_with("ing") || lower.ends_with("in'"),
        Pos::VBZ => lower.ends_with('s'),
        _ => true,
    }
}
