//! Feature extraction for the dependency parser ([`crate::parse`]), shared with its trainer:
//! every feature is a 64-bit hash of a template number and the values it reads (FNV-1a of the
//! characters, mixed with splitmix64, as in [`crate::features`]); no strings are kept.
//!
//! The templates follow Zhang & Nivre (2011), "Transition-based Dependency Parsing with Rich
//! Non-local Features", adapted to the arc-hybrid system (whose stack and buffer words have no
//! head yet, so there are no head features): words and tags of the top three stack words and
//! the first three buffer words, their pairs and triples, the leftmost and rightmost children
//! found so far with their relations, distance, valency and the sets of relations a word's
//! children already have.
//!
//! Changing anything here changes the features a model was trained on: bump
//! [`DEP_FEATURE_SET`] so that older model files are rejected instead of silently mis-parsing.
use dateline_model::Pos;

use crate::features::{hash_bytes, mix, tag_hash};
use crate::parse::{State, NONE};

/// Identifies the templates and hashing below; stored in the model file.
pub(crate) const DEP_FEATURE_SET: u32 = 1;

/// Number of features extracted per parser state.
pub(crate) const N_DEP_FEATS: usize = 59;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// What the features read of one word, hashed once per sentence.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Lex {
    /// Lower-cased form, ASCII digits folded to `0`.
    pub w: u64,
    /// Penn tag.
    pub p: u64,
    /// Word and tag together.
    pub wp: u64,
}

/// Hash of a word as the parser's features read it: lower case, every ASCII digit as `0`
/// (`1987` and `2004` are the same word).
pub(crate) fn word_hash(word: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for c in word.chars() {
        let c = if c.is_ascii_digit() {
            '0'
        } else if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            c.to_lowercase().next().unwrap_or(c)
        };
        h = (h ^ c as u64).wrapping_mul(FNV_PRIME);
    }
    h
}

impl Lex {
    fn new(w: u64, p: u64) -> Lex {
        Lex {
            w,
            p,
            wp: mix(w ^ p.rotate_left(17)),
        }
    }
}

/// Fills `out` with the words of a sentence of `n` words, then the pseudo-word ROOT (index
/// `n`) and the stand-in for a missing position (index `n + 1`).
pub(crate) fn lexicon<'w>(
    n: usize,
    word: impl Fn(usize) -> &'w str,
    tag: impl Fn(usize) -> Pos,
    out: &mut Vec<Lex>,
) {
    out.clear();
    for i in 0..n {
        out.push(Lex::new(word_hash(word(i)), tag_hash(tag(i).penn())));
    }
    let root = hash_bytes(b"\x00ROOT");
    out.push(Lex::new(root, root));
    let none = hash_bytes(b"\x00NONE");
    out.push(Lex::new(none, none));
}

#[inline]
fn h1(template: u64, a: u64) -> u64 {
    mix(a ^ template.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

#[inline]
fn h2(template: u64, a: u64, b: u64) -> u64 {
    mix(h1(template, a) ^ b.rotate_left(23))
}

#[inline]
fn h3(template: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(h2(template, a, b) ^ c.rotate_left(41))
}

/// Distance bucket: 1, 2, 3, 4, 5–6, 7–9, 10+.
#[inline]
fn bucket(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// The features of parser state `st` over the sentence's `lex` (from [`lexicon`]).
#[inline]
pub(crate) fn extract(st: &State, lex: &[Lex], f: &mut [u64; N_DEP_FEATS]) {
    let n = st.n;
    let none = n + 1;
    let at = |x: u32| -> usize {
        if x == NONE {
            none
        } else {
            x as usize
        }
    };
    let depth = st.stack.len();
    let s0 = if depth >= 1 {
        st.stack[depth - 1]
    } else {
        NONE
    };
    let s1 = if depth >= 2 {
        st.stack[depth - 2]
    } else {
        NONE
    };
    let s2 = if depth >= 3 {
        st.stack[depth - 3]
    } else {
        NONE
    };
    let b0 = st.b0 as u32; // n (ROOT) when the buffer holds only ROOT
    let b1 = if st.b0 < n { st.b0 as u32 + 1 } else { NONE };
    let b2 = if st.b0 + 1 < n {
        st.b0 as u32 + 2
    } else {
        NONE
    };

    let (is0, is1, is2) = (at(s0), at(s1), at(s2));
    let (ib0, ib1, ib2) = (b0 as usize, at(b1), at(b2));
    let (ws0, ps0, wps0) = (lex[is0].w, lex[is0].p, lex[is0].wp);
    let (ws1, ps1, wps1) = (lex[is1].w, lex[is1].p, lex[is1].wp);
    let ps2 = lex[is2].p;
    let (wb0, pb0, wpb0) = (lex[ib0].w, lex[ib0].p, lex[ib0].wp);
    let (wb1, pb1, wpb1) = (lex[ib1].w, lex[ib1].p, lex[ib1].wp);
    let pb2 = lex[ib2].p;

    // Children found so far (NONE when absent or when the parent is absent).
    let kid = |v: &[u32], x: u32| if x == NONE { NONE } else { v[x as usize] };
    let s0l1 = kid(&st.l1, s0);
    let s0l2 = kid(&st.l2, s0);
    let s0r1 = kid(&st.r1, s0);
    let s0r2 = kid(&st.r2, s0);
    let s1r1 = kid(&st.r1, s1);
    let b0l1 = st.l1[ib0];
    let b0l2 = st.l2[ib0];
    let lab = |x: u32| -> u64 {
        if x == NONE {
            0
        } else {
            st.labels[x as usize] as u64 + 1
        }
    };
    let (ls0l1, ls0l2, ls0r1, ls0r2, ls1r1, lb0l1, lb0l2) = (
        lab(s0l1),
        lab(s0l2),
        lab(s0r1),
        lab(s0r2),
        lab(s1r1),
        lab(b0l1),
        lab(b0l2),
    );
    let p = |x: u32| lex[at(x)].p;
    let w = |x: u32| lex[at(x)].w;
    let (ps0l1, ps0l2, ps0r1, ps0r2, ps1r1, pb0l1, pb0l2) = (
        p(s0l1),
        p(s0l2),
        p(s0r1),
        p(s0r2),
        p(s1r1),
        p(b0l1),
        p(b0l2),
    );
    let (ws0l1, ws0r1, wb0l1) = (w(s0l1), w(s0r1), w(b0l1));

    // Distances and valencies.
    let d0 = if s0 == NONE { 0 } else { bucket(ib0 - is0) };
    let d1 = if s1 == NONE { 0 } else { bucket(is0 - is1) };
    let val = |v: &[u8], x: u32| -> u64 {
        if x == NONE {
            99
        } else {
            v[x as usize] as u64
        }
    };
    let set = |v: &[u64], x: u32| -> u64 {
        if x == NONE {
            u64::MAX
        } else {
            v[x as usize]
        }
    };
    let (vl_s0, vr_s0, vl_b0, vr_s1) = (
        val(&st.nl, s0),
        val(&st.nr, s0),
        st.nl[ib0] as u64,
        val(&st.nr, s1),
    );
    let (ls_s0, rs_s0, ls_b0, rs_s1) = (
        set(&st.lset, s0),
        set(&st.rset, s0),
        st.lset[ib0],
        set(&st.rset, s1),
    );

    // Template numbers salt the hashes; they stay fixed even where a template is dropped.
    f[0] = h1(0, 0);
    f[1] = h1(1, ws0);
    f[2] = h1(2, ps0);
    f[3] = h1(3, wps0);
    f[4] = h1(4, ws1);
    f[5] = h1(5, ps1);
    f[6] = h1(6, wps1);
    f[7] = h1(7, wb0);
    f[8] = h1(8, pb0);
    f[9] = h1(9, wpb0);
    f[10] = h1(10, wb1);
    f[11] = h1(11, pb1);
    f[12] = h1(12, wpb1);
    f[13] = h1(14, pb2);
    f[14] = h1(15, ps2);
    // pairs
    f[15] = h2(17, wps0, wpb0);
    f[16] = h2(22, ws0, wb0);
    f[17] = h2(23, ps0, pb0);
    f[18] = h2(24, pb0, pb1);
    f[19] = h2(25, ws1, ws0);
    f[20] = h2(26, ps1, ps0);
    f[21] = h2(27, ps1, wps0);
    f[22] = h2(28, wps1, ps0);
    // triples
    f[23] = h3(29, pb0, pb1, pb2);
    f[24] = h3(30, ps0, pb0, pb1);
    f[25] = h3(31, ps1, ps0, pb0);
    f[26] = h3(32, ps2, ps1, ps0);
    f[27] = h3(33, ps0, ps0l1, pb0);
    f[28] = h3(34, ps0, ps0r1, pb0);
    f[29] = h3(35, ps0, pb0, pb0l1);
    f[30] = h3(36, ps1, ps1r1, ps0);
    f[31] = h3(37, ps1, ps0, ps0l1);
    f[32] = h3(38, ps1, ps0, ps0r1);
    // distance
    f[33] = h2(39, ws0, d0);
    f[34] = h2(40, ps0, d0);
    f[35] = h2(41, wb0, d0);
    f[36] = h2(42, pb0, d0);
    f[37] = h3(43, ps0, pb0, d0);
    f[38] = h3(44, ps1, ps0, d1);
    // valency
    f[39] = h2(45, ps0, vl_s0);
    f[40] = h2(46, ps0, vr_s0);
    f[41] = h2(47, pb0, vl_b0);
    f[42] = h2(48, ps1, vr_s1);
    // children
    f[43] = h3(49, ws0l1, ps0l1, ls0l1);
    f[44] = h3(50, ws0r1, ps0r1, ls0r1);
    f[45] = h3(51, wb0l1, pb0l1, lb0l1);
    f[46] = h2(52, ps1r1, ls1r1);
    f[47] = h3(53, ls0l1, ls0l2, ps0);
    f[48] = h3(54, ls0r1, ls0r2, ps0);
    f[49] = h3(55, lb0l1, lb0l2, pb0);
    f[50] = h3(56, ps0, ps0l1, ps0l2);
    f[51] = h3(57, ps0, ps0r1, ps0r2);
    f[52] = h3(58, pb0, pb0l1, pb0l2);
    // relation sets
    f[53] = h3(59, ps0, ls_s0, rs_s0);
    f[54] = h2(60, pb0, ls_b0);
    f[55] = h2(61, ps1, rs_s1);
    // a dependent's function word (case, mark) with the candidate heads
    f[56] = h3(62, ws0l1, ps1, pb0);
    // stack depth (sentence-initial material has nothing below it)
    let dep = depth.min(4) as u64;
    f[57] = h3(70, dep, ps0, pb0);
    f[58] = h3(71, h2(72, ps1, ps0), pb0, pb1);
}
