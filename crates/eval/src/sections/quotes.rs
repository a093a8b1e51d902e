//! The `quotes` section: coverage matching, one to one, and attribution.
use dateline_model::{Quote, QuoteKind, Span, Speaker};

use crate::gold::{Gold, GoldQuote};
use crate::score::{FalseItem, Misattribution, QuoteMiss, QuoteScore};
use crate::text::{clip, fold, fold_lower, len, overlap, strip_quote, Doc};

/// A gold quote prepared for matching: its stripped, folded text and where it occurs.
struct GoldLoc {
    text: Vec<char>,
    spans: Vec<Span>,
}

impl GoldLoc {
    fn new(doc: &Doc, g: &GoldQuote) -> GoldLoc {
        let text = strip_quote(&fold(&g.text)).to_string();
        let spans = doc.find_content(&text, false);
        GoldLoc {
            text: text.chars().collect(),
            spans,
        }
    }
}

/// An output quote prepared for matching: its stripped span and folded text.
struct OutLoc<'q> {
    quote: &'q Quote,
    span: Span,
    text: Vec<char>,
}

/// How an output covers a gold quote: chars of the gold covered, gold length, output length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Coverage {
    pub covered: usize,
    pub gold: usize,
    pub out: usize,
}

impl Coverage {
    /// At least 90% of the gold covered and the output at most 20% longer than the gold.
    pub fn passes(&self) -> bool {
        self.gold > 0 && self.covered * 10 >= self.gold * 9 && self.out * 5 <= self.gold * 6
    }

    /// Share of the gold covered.
    pub fn share(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.covered as f64 / self.gold as f64
        }
    }

    /// Better than `other`: more of the gold covered, then closer in length.
    fn better(&self, other: &Coverage) -> bool {
        let (a, b) = (self.covered * other.gold, other.covered * self.gold);
        a > b || (a == b && self.out.abs_diff(self.gold) < other.out.abs_diff(other.gold))
    }
}

fn contains(hay: &[char], needle: &[char]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// Longest k such that `a` ends with the first k chars of `b`.
fn tail_head(a: &[char], b: &[char]) -> usize {
    (1..=a.len().min(b.len()))
        .rev()
        .find(|&k| a[a.len() - k..] == b[..k])
        .unwrap_or(0)
}

/// Chars of `gold` an output text covers, by string comparison: all when it contains the gold,
/// its own length when the gold contains it, else the longest overlap of one's end with the
/// other's start.
fn string_overlap(out: &[char], gold: &[char]) -> usize {
    if contains(out, gold) {
        gold.len()
    } else if contains(gold, out) {
        out.len()
    } else {
        tail_head(out, gold).max(tail_head(gold, out))
    }
}

/// The best coverage of `g` by `o`: by spans when the gold text was located in the article,
/// else by folded string comparison.
fn coverage(g: &GoldLoc, o: &OutLoc) -> Coverage {
    if g.spans.is_empty() {
        return Coverage {
            covered: string_overlap(&o.text, &g.text),
            gold: g.text.len(),
            out: o.text.len(),
        };
    }
    let mut best: Option<Coverage> = None;
    for &gs in &g.spans {
        let c = Coverage {
            covered: overlap(o.span, gs),
            gold: len(gs),
            out: len(o.span),
        };
        if match best {
            None => true,
            Some(b) => c.better(&b),
        } {
            best = Some(c);
        }
    }
    best.unwrap_or(Coverage {
        covered: 0,
        gold: 0,
        out: 0,
    })
}

fn kind_name(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Mixed => "mixed",
    }
}

/// The names that count as the gold speaker, folded to lower case, empty ones dropped.
fn speaker_names(g: &GoldQuote) -> Vec<String> {
    g.speaker
        .iter()
        .chain(&g.speaker_alternatives)
        .map(|s| fold_lower(s))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Attribution rule: the speaker's canonical name equals a gold name (case-insensitive), or the
/// speaker's text contains one. A gold quote with no speaker wants no speaker.
pub(crate) fn attributed(g: &GoldQuote, speaker: Option<&Speaker>) -> bool {
    let names = speaker_names(g);
    let Some(sp) = speaker else {
        return names.is_empty();
    };
    if names.is_empty() {
        return false;
    }
    let name = sp.name.as_deref().map(fold_lower);
    let text = fold_lower(&sp.text);
    names
        .iter()
        .any(|n| name.as_deref() == Some(n.as_str()) || text.contains(n.as_str()))
}

fn show_speaker(sp: Option<&Speaker>) -> String {
    match sp {
        None => "none".to_string(),
        Some(sp) => match &sp.name {
            Some(n) => format!("{n} ({:?})", sp.text),
            None => format!("{:?}", sp.text),
        },
    }
}

/// Scores the quote layer (`None`: not run).
pub(crate) fn score(gold: &Gold, doc: &Doc, out: Option<&[Quote]>) -> QuoteScore {
    let mut s = QuoteScore {
        run: out.is_some(),
        ..QuoteScore::default()
    };
    for g in &gold.quotes {
        s.by_kind
            .entry(
                g.kind
                    .as_deref()
                    .map(|k| k.trim().to_lowercase())
                    .unwrap_or_default(),
            )
            .or_default()
            .gold += 1;
    }
    let located: Vec<GoldLoc> = gold.quotes.iter().map(|g| GoldLoc::new(doc, g)).collect();
    s.unlocated = located.iter().filter(|l| l.spans.is_empty()).count() as u64;
    let Some(out) = out else {
        s.prf.fn_ = gold.quotes.len() as u64;
        return s;
    };
    let outs: Vec<OutLoc> = out
        .iter()
        .filter(|q| doc.in_content(q.content))
        .map(|q| {
            let span = doc.strip_span(q.content);
            OutLoc {
                quote: q,
                span,
                text: fold(&doc.slice(span)).chars().collect(),
            }
        })
        .collect();
    let mut used = vec![false; outs.len()];

    for (g, loc) in gold.quotes.iter().zip(&located) {
        let kind = g
            .kind
            .as_deref()
            .map(|k| k.trim().to_lowercase())
            .unwrap_or_default();
        let mut best: Option<(usize, Coverage)> = None;
        let mut closest = 0.0f64;
        for (i, o) in outs.iter().enumerate() {
            let c = coverage(loc, o);
            closest = closest.max(c.share());
            if used[i] || !c.passes() {
                continue;
            }
            if match best {
                None => true,
                Some((_, b)) => c.better(&b),
            } {
                best = Some((i, c));
            }
        }
        let Some((i, _)) = best else {
            s.prf.fn_ += 1;
            s.missed.push(QuoteMiss {
                text: clip(&g.text, 100),
                speaker: g.speaker.clone().unwrap_or_default(),
                best_coverage: closest,
            });
            continue;
        };
        used[i] = true;
        s.prf.tp += 1;
        let q = outs[i].quote;
        let counts = s.by_kind.entry(kind.clone()).or_default();
        counts.found += 1;
        if kind_name(q.kind) == kind {
            counts.same_kind += 1;
        }
        if attributed(g, q.speaker.as_ref()) {
            s.attribution_correct += 1;
            counts.attributed += 1;
        } else {
            let mut expected = g.speaker.clone().unwrap_or_else(|| "none".to_string());
            for alt in &g.speaker_alternatives {
                expected.push_str(" | ");
                expected.push_str(alt);
            }
            s.misattributed.push(Misattribution {
                text: clip(&g.text, 100),
                expected,
                got: show_speaker(q.speaker.as_ref()),
            });
        }
    }

    let optional: Vec<GoldLoc> = gold
        .optional_quotes
        .iter()
        .map(|g| GoldLoc::new(doc, g))
        .collect();
    for (i, o) in outs.iter().enumerate() {
        if used[i] || optional.iter().any(|g| coverage(g, o).passes()) {
            continue;
        }
        s.prf.fp += 1;
        s.false_positives.push(FalseItem {
            text: clip(&o.text.iter().collect::<String>(), 100),
            detail: show_speaker(o.quote.speaker.as_ref()),
        });
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds() {
        let c = |covered, gold, out| Coverage { covered, gold, out };
        assert!(c(90, 100, 100).passes());
        assert!(!c(89, 100, 100).passes());
        assert!(c(100, 100, 120).passes());
        assert!(!c(100, 100, 121).passes());
        assert!(!c(0, 0, 0).passes());
    }

    #[test]
    fn string_overlaps() {
        let v = |s: &str| s.chars().collect::<Vec<char>>();
        assert_eq!(string_overlap(&v("abcdef"), &v("bcd")), 3);
        assert_eq!(string_overlap(&v("bcd"), &v("abcdef")), 3);
        assert_eq!(string_overlap(&v("xxabc"), &v("abcyy")), 3);
        assert_eq!(string_overlap(&v("abcyy"), &v("xxabc")), 3);
        assert_eq!(string_overlap(&v("zzz"), &v("abc")), 0);
    }
}
