//! Text folding, locating strings in an article, and content zones.
use dateline_model::{Article, Span};

/// Maps one char for comparison: curly quotes and primes become straight quotes.
fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        c => c,
    }
}

/// One char folded to lower case, keeping one char per char (so offsets still map).
fn lower_char(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Folds text for comparison: runs of white space become one space, the ends are trimmed, and
/// curly quotes become straight ones (`‘ ’ ‚ ‛ ′` → `'`, `“ ” „ ‟ ″` → `"`). Case is kept.
///
/// ```
/// assert_eq!(dateline_eval::fold("  “Deal”\n\n done "), "\"Deal\" done");
/// ```
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(fold_char(c));
    }
    out
}

/// [`fold`], then lower case (one char per char).
pub fn fold_lower(s: &str) -> String {
    fold(s).chars().map(lower_char).collect()
}

/// True when the two texts are equal after [`fold`].
pub fn same(a: &str, b: &str) -> bool {
    fold(a) == fold(b)
}

/// True when the two texts are equal after [`fold`], ignoring case.
pub fn same_ci(a: &str, b: &str) -> bool {
    fold_lower(a) == fold_lower(b)
}

/// True for the chars stripped from the ends of quote contents: white space, quote marks and
/// punctuation that closes or opens a stretch of speech.
fn strippable(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '"' | '\''
                | '`'
                | '\u{2018}'
                | '\u{2019}'
                | '\u{201A}'
                | '\u{201B}'
                | '\u{201C}'
                | '\u{201D}'
                | '\u{201E}'
                | '\u{201F}'
                | '\u{2032}'
                | '\u{2033}'
                | '\u{00AB}'
                | '\u{00BB}'
                | '\u{2039}'
                | '\u{203A}'
                | '.'
                | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '\u{2026}'
                | '-'
                | '\u{2013}'
                | '\u{2014}'
        )
}

/// The text with quote marks, white space and punctuation stripped from both ends.
pub fn strip_quote(s: &str) -> &str {
    s.trim_matches(strippable)
}

/// The article's text prepared for searching: chars, a folded copy with a map back to the
/// original char offsets, and the content zones.
pub(crate) struct Doc {
    /// The article text as chars.
    pub chars: Vec<char>,
    /// Folded text (case kept).
    folded: Vec<char>,
    /// Folded text in lower case.
    folded_lower: Vec<char>,
    /// Original char offset of each folded char.
    map: Vec<usize>,
    /// Spans of content zones; `None` when the article has no zones (everything is content).
    content: Option<Vec<Span>>,
}

impl Doc {
    /// Prepares `article`.
    pub fn new(article: &Article) -> Doc {
        let chars: Vec<char> = article.text.chars().collect();
        let mut folded = Vec::with_capacity(chars.len());
        let mut map = Vec::with_capacity(chars.len());
        let mut space = false;
        for (i, &c) in chars.iter().enumerate() {
            if c.is_whitespace() {
                if !space {
                    folded.push(' ');
                    map.push(i);
                }
                space = true;
            } else {
                folded.push(fold_char(c));
                map.push(i);
                space = false;
            }
        }
        let folded_lower = folded.iter().map(|&c| lower_char(c)).collect();
        let content = if article.zones.is_empty() {
            None
        } else {
            Some(
                article
                    .zones
                    .iter()
                    .filter(|z| z.kind.is_content())
                    .map(|z| z.span)
                    .collect(),
            )
        };
        Doc {
            chars,
            folded,
            folded_lower,
            map,
            content,
        }
    }

    /// The text at `span` (clamped to the text; empty for a reversed span).
    pub fn slice(&self, span: Span) -> String {
        let end = span.end.min(self.chars.len());
        let start = span.start.min(end);
        self.chars[start..end].iter().collect()
    }

    /// True when `span` lies (at least partly) in a content zone. An empty span counts when it
    /// sits inside or at the edge of one. Without zones, everything is content.
    pub fn in_content(&self, span: Span) -> bool {
        let Some(zones) = &self.content else {
            return true;
        };
        zones.iter().any(|z| {
            if span.start >= span.end {
                z.start <= span.start && span.start <= z.end
            } else {
                z.start < span.end && span.start < z.end
            }
        })
    }

    /// Every occurrence (overlapping ones too) of `needle`, folded, in the article text, as
    /// original char spans. An empty needle occurs nowhere.
    pub fn find_all(&self, needle: &str, ignore_case: bool) -> Vec<Span> {
        self.find_in(needle, ignore_case, Span::new(0, self.chars.len()))
    }

    /// Like [`Doc::find_all`], restricted to occurrences inside `within` (an original span).
    pub fn find_in(&self, needle: &str, ignore_case: bool, within: Span) -> Vec<Span> {
        let needle: Vec<char> = if ignore_case {
            fold_lower(needle)
        } else {
            fold(needle)
        }
        .chars()
        .collect();
        let hay = if ignore_case {
            &self.folded_lower
        } else {
            &self.folded
        };
        let mut out = Vec::new();
        if needle.is_empty() || needle.len() > hay.len() {
            return out;
        }
        // Folded positions whose original offsets lie inside `within`.
        let lo = self.map.partition_point(|&o| o < within.start);
        let hi = self.map.partition_point(|&o| o < within.end);
        if hi < lo + needle.len() {
            return out;
        }
        for i in lo..=hi - needle.len() {
            if hay[i..i + needle.len()] == needle[..] {
                let start = self.map[i];
                let end = self.map[i + needle.len() - 1] + 1;
                out.push(Span::new(start, end));
            }
        }
        out
    }

    /// Occurrences of `needle` that lie in content zones.
    pub fn find_content(&self, needle: &str, ignore_case: bool) -> Vec<Span> {
        self.find_all(needle, ignore_case)
            .into_iter()
            .filter(|s| self.in_content(*s))
            .collect()
    }

    /// `span` with quote marks, white space and punctuation stripped from both ends.
    pub fn strip_span(&self, span: Span) -> Span {
        let mut end = span.end.min(self.chars.len());
        let mut start = span.start.min(end);
        while start < end && strippable(self.chars[start]) {
            start += 1;
        }
        while end > start && strippable(self.chars[end - 1]) {
            end -= 1;
        }
        Span::new(start, end)
    }
}

/// Number of chars two spans share.
pub(crate) fn overlap(a: Span, b: Span) -> usize {
    let start = a.start.max(b.start);
    let end = a.end.min(b.end);
    end.saturating_sub(start)
}

/// Length of a span, safe for reversed spans.
pub(crate) fn len(s: Span) -> usize {
    s.end.saturating_sub(s.start)
}

/// True when two (possibly empty) spans share a char, or an empty one sits inside the other.
pub(crate) fn overlaps(a: Span, b: Span) -> bool {
    if a.start >= a.end {
        return b.start <= a.start && a.start < b.end.max(b.start + 1);
    }
    if b.start >= b.end {
        return a.start <= b.start && b.start < a.end;
    }
    a.start < b.end && b.start < a.end
}

/// Shortens a text for reports: at most `n` chars, with `…` when cut.
pub(crate) fn clip(s: &str, n: usize) -> String {
    let s = fold(s);
    if s.chars().count() <= n {
        s
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_model::{Zone, ZoneKind};

    #[test]
    fn folding() {
        assert_eq!(fold("“Hi,”  she\tsaid\n"), "\"Hi,\" she said");
        assert_eq!(fold("it’s ‘fine’"), "it's 'fine'");
        assert_eq!(fold(""), "");
        assert_eq!(fold("   "), "");
        assert!(same("a  b", " a b"));
        assert!(!same("A b", "a b"));
        assert!(same_ci("A  B", "a b"));
    }

    #[test]
    fn strip() {
        assert_eq!(strip_quote("“We will win.” "), "We will win");
        assert_eq!(strip_quote("..."), "");
    }

    #[test]
    fn find_maps_back_to_original_offsets() {
        let mut a = Article::new("Head  line\n\n“We  go” now, we go.".to_string(), None);
        a.zones = vec![
            Zone::new(ZoneKind::Header, Span::new(0, 10)),
            Zone::new(ZoneKind::Paragraph, Span::new(12, 32)),
        ];
        let d = Doc::new(&a);
        let found = d.find_all("\"we go\"", true);
        assert_eq!(found, vec![Span::new(12, 20)]);
        assert_eq!(d.slice(found[0]), "“We  go”");
        assert_eq!(d.find_all("we go", false).len(), 1);
        assert_eq!(d.find_all("we go", true).len(), 2);
        assert_eq!(d.find_all("Head line", false), vec![Span::new(0, 10)]);
        assert!(d.find_content("Head line", false).is_empty());
        assert_eq!(d.find_in("we go", true, Span::new(20, 32)).len(), 1);
        assert!(d.find_all("", false).is_empty());
        assert_eq!(d.strip_span(Span::new(12, 20)), Span::new(13, 19));
        assert_eq!(d.slice(Span::new(30, 99)), "o.");
        assert_eq!(d.slice(Span { start: 9, end: 3 }), "");
    }
}
