//! Feature extraction shared by the tagger and its trainer: every feature is a 64-bit hash of
//! a template number and the values it reads, computed without allocating.
//!
//! Changing anything here changes the features a model was trained on: bump
//! [`FEATURE_SET`] so that older model files are rejected instead of silently mis-tagging.

/// Identifies the feature templates and hashing below; stored in the model file.
pub(crate) const FEATURE_SET: u32 = 1;

/// Number of features extracted per token.
pub(crate) const N_FEATS: usize = 30;

/// Context padding on each side of a sentence.
pub(crate) const PAD: usize = 2;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over bytes.
pub(crate) fn hash_bytes(b: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for &x in b {
        h = (h ^ x as u64).wrapping_mul(FNV_PRIME);
    }
    h
}

#[inline]
fn push_char(h: u64, c: char) -> u64 {
    (h ^ c as u64).wrapping_mul(FNV_PRIME)
}

/// The splitmix64 finaliser.
#[inline]
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[inline]
fn h1(template: u64, a: u64) -> u64 {
    mix(a ^ template.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

#[inline]
fn h2(template: u64, a: u64, b: u64) -> u64 {
    mix(h1(template, a) ^ b.rotate_left(23))
}

/// What the features read of one word, hashed once per token.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordInfo {
    /// The exact form (tag dictionary key).
    pub form: u64,
    /// The lower-cased form.
    pub lower: u64,
    /// Lower-cased prefixes of 1, 2, 3 chars (the whole word when shorter); the templates
    /// read those of 2 and 3.
    pub pre: [u64; 3],
    /// Lower-cased suffixes of 1 to 4 chars (the whole word when shorter).
    pub suf: [u64; 4],
    /// Collapsed shape (`Xxxx`, `dd.dd`, `X.X.`): char classes with runs cut at 4.
    pub shape: u64,
    /// Bits: capitalised, all capitals, has a digit, has a hyphen, first in sentence.
    pub flags: u64,
}

/// Hash of the exact form of `word` (the tag dictionary key).
pub(crate) fn form_hash(word: &str) -> u64 {
    hash_bytes(word.as_bytes())
}

impl WordInfo {
    /// The information of `word`; `first` when it opens its sentence.
    pub(crate) fn of(word: &str, first: bool) -> WordInfo {
        let mut lower = FNV_OFFSET;
        let mut shape = FNV_OFFSET;
        let mut head = ['\0'; 3];
        let mut tail = ['\0'; 4]; // ring buffer of the last four chars
        let mut len = 0usize;
        let (mut upper_n, mut alpha_n) = (0usize, 0usize);
        let mut flags = 0u64;
        let mut last_class = '\0';
        let mut run = 0;
        let mut first_upper = false;
        for c in word.chars() {
            let lc = if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                c.to_lowercase().next().unwrap_or(c)
            };
            lower = push_char(lower, lc);
            if len < 3 {
                head[len] = lc;
            }
            tail[len % 4] = lc;
            let class = if c.is_uppercase() {
                upper_n += 1;
                alpha_n += 1;
                if len == 0 {
                    first_upper = true;
                }
                'X'
            } else if c.is_alphabetic() {
                alpha_n += 1;
                'x'
            } else if c.is_ascii_digit() {
                flags |= 4;
                'd'
            } else if c.is_ascii() {
                if c == '-' {
                    flags |= 8;
                }
                c
            } else {
                'o'
            };
            if class == last_class {
                run += 1;
            } else {
                run = 1;
                last_class = class;
            }
            if run <= 4 {
                shape = push_char(shape, class);
            }
            len += 1;
        }
        if first_upper {
            flags |= 1;
        }
        if alpha_n > 0 && upper_n == alpha_n {
            flags |= 2;
        }
        if first {
            flags |= 16;
        }
        let mut pre = [0u64; 3];
        let mut h = FNV_OFFSET;
        for (k, p) in pre.iter_mut().enumerate() {
            if k < len {
                h = push_char(h, head[k]);
            }
            *p = h;
        }
        let mut suf = [0u64; 4];
        for (k, s) in suf.iter_mut().enumerate() {
            // the last k+1 chars (or all of them), in text order
            let m = (k + 1).min(len);
            let mut h = FNV_OFFSET;
            for j in (len - m)..len {
                h = push_char(h, tail[j % 4]);
            }
            *s = h;
        }
        WordInfo {
            form: form_hash(word),
            lower,
            pre,
            suf,
            shape,
            flags,
        }
    }

    /// Padding before the sentence (`k` = 1 for the word just before it).
    pub(crate) fn start(k: u64) -> WordInfo {
        let h = mix(0x5354_4152_5400 + k);
        WordInfo {
            form: h,
            lower: h,
            pre: [h; 3],
            suf: [h; 4],
            shape: h,
            flags: 0,
        }
    }

    /// Padding after the sentence.
    pub(crate) fn end(k: u64) -> WordInfo {
        let h = mix(0x454e_4400 + k);
        WordInfo {
            form: h,
            lower: h,
            pre: [h; 3],
            suf: [h; 4],
            shape: h,
            flags: 0,
        }
    }
}

/// Hash of a tag's Penn spelling, as features read it.
pub(crate) fn tag_hash(penn: &str) -> u64 {
    hash_bytes(penn.as_bytes())
}

/// Hash standing for "no tag" before the sentence start.
pub(crate) fn start_tag(k: u64) -> u64 {
    mix(0x7461_6700 + k)
}

/// The features of the word at padded position `i` of `ctx` (whose first and last [`PAD`]
/// entries are padding), given the hashes of the two previous tags.
#[inline]
pub(crate) fn extract(ctx: &[WordInfo], i: usize, t1: u64, t2: u64, f: &mut [u64; N_FEATS]) {
    let w = &ctx[i];
    let m1 = &ctx[i - 1];
    let m2 = &ctx[i - 2];
    let p1 = &ctx[i + 1];
    let p2 = &ctx[i + 2];
    // Template numbers salt the hashes; they are fixed even where a template was dropped.
    f[0] = h1(0, 0); // bias
    f[1] = h1(1, w.lower);
    f[2] = h1(2, w.suf[0]);
    f[3] = h1(3, w.suf[1]);
    f[4] = h1(4, w.suf[2]);
    f[5] = h1(27, w.suf[3]);
    f[6] = h1(6, w.pre[1]);
    f[7] = h1(7, w.pre[2]);
    f[8] = h1(8, w.shape);
    f[9] = h1(9, w.flags);
    f[10] = h1(10, t1);
    f[11] = h2(11, t1, t2);
    f[12] = h2(12, t1, w.lower);
    f[13] = h1(13, m1.lower);
    f[14] = h1(14, m1.suf[2]);
    f[15] = h1(15, m2.lower);
    f[16] = h1(16, p1.lower);
    f[17] = h1(17, p1.suf[2]);
    f[18] = h1(18, p2.lower);
    f[19] = h1(19, p1.shape);
    f[20] = h1(20, m1.shape);
    f[21] = h2(21, t1, w.suf[2]);
    f[22] = h2(22, m1.lower, w.lower);
    f[23] = h2(23, w.lower, p1.lower);
    f[24] = h1(24, t2);
    f[25] = h2(25, w.lower, p1.suf[2]);
    f[26] = h2(26, t1, p1.lower);
    f[27] = h2(28, w.shape, t1);
    f[28] = h2(29, m1.lower, t1);
    f[29] = h2(30, p1.lower, p2.lower);
}

/// Fills `ctx` with the padded word information of a sentence.
pub(crate) fn context<'w>(n: usize, word: impl Fn(usize) -> &'w str, ctx: &mut Vec<WordInfo>) {
    ctx.clear();
    ctx.push(WordInfo::start(2));
    ctx.push(WordInfo::start(1));
    for i in 0..n {
        ctx.push(WordInfo::of(word(i), i == 0));
    }
    ctx.push(WordInfo::end(1));
    ctx.push(WordInfo::end(2));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affixes_count_chars() {
        let a = WordInfo::of("Київ", false);
        let b = WordInfo::of("київ", false);
        assert_eq!(a.lower, b.lower);
        assert_eq!(a.suf, b.suf);
        assert_ne!(a.shape, b.shape);
        assert_ne!(a.form, b.form);
        let s = WordInfo::of("a", false);
        assert_eq!(s.suf[0], s.suf[2]);
        let x = WordInfo::of("running", false);
        let y = WordInfo::of("jumping", false);
        assert_eq!(x.suf[2], y.suf[2]);
        assert_ne!(x.suf[2], x.pre[2]);
    }
}
