//! The metric of the HTML main-content extraction benchmark (the Zyte article-extraction
//! benchmark, `../shared/eval/html/README.md`), exactly as that benchmark defines it.
//!
//! - Tokens are maximal runs of word characters (`\w+`: Unicode letters and digits and `_`),
//!   case kept, everything else dropped.
//! - Shingles are all overlapping 4-token windows; a text of 1–3 tokens gives one shorter
//!   shingle, an empty text none. Prediction and truth shingles are compared as multisets,
//!   giving tp, fp and fn per page.
//! - Per page: precision = tp/(tp+fp), recall = tp/(tp+fn); both 1.0 when fp = fn = 0, both 0.0
//!   when tp = 0. A page whose prediction has no shingles is left out of the precision mean.
//! - P and R are means over pages; F1 = 2PR/(P+R) of those means; accuracy is the share of pages
//!   whose token list equals the truth's exactly.
//!
//! ```
//! use dateline_eval::html::{score_page, summarize};
//! let s = score_page("The cat sat on the mat.", "the cat sat on the mat");
//! assert_eq!((s.tp, s.fp, s.fn_), (2, 1, 1));
//! let sum = summarize(&[s]);
//! assert!((sum.f1 - 2.0 / 3.0).abs() < 1e-9);
//! ```
use std::collections::HashMap;

/// The `\w+` tokens of `text`.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// The multiset of 4-token shingles of a token list.
fn shingles<'a>(toks: &[&'a str]) -> HashMap<Vec<&'a str>, usize> {
    let mut m = HashMap::new();
    if toks.is_empty() {
        return m;
    }
    if toks.len() < 4 {
        m.insert(toks.to_vec(), 1);
        return m;
    }
    for w in toks.windows(4) {
        *m.entry(w.to_vec()).or_insert(0) += 1;
    }
    m
}

/// One page's score.
#[derive(Debug, Clone, PartialEq)]
pub struct PageScore {
    /// Shingles in both (multiset intersection).
    pub tp: usize,
    /// Prediction shingles not in the truth.
    pub fp: usize,
    /// Truth shingles not in the prediction.
    pub fn_: usize,
    /// Precision; `None` when the prediction has no shingles (left out of the mean).
    pub precision: Option<f64>,
    /// Recall.
    pub recall: f64,
    /// True when the prediction's tokens equal the truth's exactly.
    pub exact: bool,
}

/// Scores one prediction against its truth.
pub fn score_page(prediction: &str, truth: &str) -> PageScore {
    let pt = tokens(prediction);
    let tt = tokens(truth);
    let ps = shingles(&pt);
    let ts = shingles(&tt);
    let mut tp = 0;
    let mut fp = 0;
    for (k, &n) in &ps {
        let m = ts.get(k).copied().unwrap_or(0);
        tp += n.min(m);
        fp += n.saturating_sub(m);
    }
    let truth_total: usize = ts.values().sum();
    let fn_ = truth_total - tp;
    let (p, r) = if fp == 0 && fn_ == 0 {
        (1.0, 1.0)
    } else if tp == 0 {
        (0.0, 0.0)
    } else {
        (tp as f64 / (tp + fp) as f64, tp as f64 / (tp + fn_) as f64)
    };
    PageScore {
        tp,
        fp,
        fn_,
        precision: (!ps.is_empty()).then_some(p),
        recall: r,
        exact: pt == tt,
    }
}

/// The benchmark's summary over pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Pages scored.
    pub pages: usize,
    /// Mean precision over pages with a non-empty prediction.
    pub precision: f64,
    /// Mean recall over all pages.
    pub recall: f64,
    /// F1 of the two means.
    pub f1: f64,
    /// Share of pages whose tokens equal the truth's.
    pub accuracy: f64,
}

/// Means, F1 of means and accuracy over `pages`.
pub fn summarize(pages: &[PageScore]) -> Summary {
    let ps: Vec<f64> = pages.iter().filter_map(|p| p.precision).collect();
    let precision = if ps.is_empty() {
        0.0
    } else {
        ps.iter().sum::<f64>() / ps.len() as f64
    };
    let n = pages.len().max(1) as f64;
    let recall = pages.iter().map(|p| p.recall).sum::<f64>() / n;
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let accuracy = pages.iter().filter(|p| p.exact).count() as f64 / n;
    Summary {
        pages: pages.len(),
        precision,
        recall,
        f1,
        accuracy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_word_runs() {
        assert_eq!(
            tokens("It’s 9:30 — café_au lait, Київ!"),
            ["It", "s", "9", "30", "café_au", "lait", "Київ"]
        );
        assert!(tokens(" …! ").is_empty());
    }

    #[test]
    fn identical_texts_score_one() {
        let s = score_page("a b c d e", "a  b, c. d e");
        assert_eq!((s.tp, s.fp, s.fn_), (2, 0, 0));
        assert_eq!(s.precision, Some(1.0));
        assert_eq!(s.recall, 1.0);
        assert!(s.exact);
    }

    #[test]
    fn short_texts_give_one_shingle_and_multisets_count() {
        let s = score_page("a b", "a b");
        assert_eq!((s.tp, s.fp, s.fn_), (1, 0, 0));
        // "x x x x x" has two copies of (x x x x); truth has one.
        let s = score_page("x x x x x", "x x x x");
        assert_eq!((s.tp, s.fp, s.fn_), (1, 1, 0));
        assert_eq!(s.precision, Some(0.5));
        assert_eq!(s.recall, 1.0);
        assert!(!s.exact);
    }

    #[test]
    fn empty_prediction_is_left_out_of_precision() {
        let s = score_page("", "one two three four five");
        assert_eq!(s.precision, None);
        assert_eq!(s.recall, 0.0);
        let t = score_page("one two three four five", "one two three four five");
        let sum = summarize(&[s, t]);
        assert_eq!(sum.precision, 1.0);
        assert_eq!(sum.recall, 0.5);
        assert!((sum.f1 - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(sum.accuracy, 0.5);
    }

    #[test]
    fn no_overlap_scores_zero() {
        let s = score_page("alpha beta gamma delta", "one two three four");
        assert_eq!(s.precision, Some(0.0));
        assert_eq!(s.recall, 0.0);
        let both_empty = score_page("", "");
        assert_eq!(both_empty.recall, 1.0);
        assert_eq!(both_empty.precision, None);
    }
}
