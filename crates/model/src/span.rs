//! Char spans and the one char <-> byte conversion table.
use serde::{Deserialize, Serialize};

/// A half-open `[start, end)` range of **char** offsets into an article's canonical text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First char of the span.
    pub start: usize,
    /// One past the last char of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (char offsets). `end` is clamped to be at least `start`.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// Number of chars covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one char.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Converts between char offsets and byte offsets of one text.
///
/// Pure-ASCII texts (most wire copy) need no table: offsets are equal.
#[derive(Debug, Clone)]
pub struct TextIndex {
    /// Byte offset of each char, plus the text length at the end; empty for ASCII text.
    bytes: Vec<usize>,
    len_bytes: usize,
}

impl TextIndex {
    /// Builds the index of `text`.
    pub fn new(text: &str) -> TextIndex {
        let bytes = if text.is_ascii() {
            Vec::new()
        } else {
            let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            v.push(text.len());
            v
        };
        TextIndex {
            bytes,
            len_bytes: text.len(),
        }
    }

    /// Number of chars in the text.
    pub fn len_chars(&self) -> usize {
        if self.bytes.is_empty() {
            self.len_bytes
        } else {
            self.bytes.len() - 1
        }
    }

    /// Byte offset of char offset `c` (clamped to the end of the text).
    pub fn byte(&self, c: usize) -> usize {
        if self.bytes.is_empty() {
            c.min(self.len_bytes)
        } else {
            self.bytes[c.min(self.bytes.len() - 1)]
        }
    }

    /// Char offset of byte offset `b`; a byte inside a char maps to that char.
    pub fn char(&self, b: usize) -> usize {
        if self.bytes.is_empty() {
            b.min(self.len_bytes)
        } else {
            match self.bytes.binary_search(&b) {
                Ok(i) => i,
                Err(i) => i.saturating_sub(1),
            }
        }
    }

    /// Char span of the byte range `[b0, b1)`.
    pub fn span(&self, b0: usize, b1: usize) -> Span {
        Span::new(self.char(b0), self.char(b1))
    }

    /// The text covered by `span`.
    pub fn slice<'t>(&self, text: &'t str, span: Span) -> &'t str {
        &text[self.byte(span.start)..self.byte(span.end)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_unicode_round_trip() {
        let t = "Zelenskyy’s “deal” — Київ";
        let ix = TextIndex::new(t);
        assert_eq!(ix.len_chars(), t.chars().count());
        for (ci, (bi, _)) in t.char_indices().enumerate() {
            assert_eq!(ix.byte(ci), bi);
            assert_eq!(ix.char(bi), ci);
        }
        let start = t.chars().position(|c| c == '“').unwrap();
        assert_eq!(ix.slice(t, Span::new(start, start + 6)), "“deal”");
        let a = TextIndex::new("plain text");
        assert_eq!(a.slice("plain text", Span::new(6, 10)), "text");
        assert_eq!(a.char(3), 3);
    }

    #[test]
    fn span_relations() {
        let s = Span::new(2, 8);
        assert!(s.contains(Span::new(3, 8)));
        assert!(!s.contains(Span::new(1, 3)));
        assert!(s.overlaps(Span::new(7, 9)));
        assert!(!s.overlaps(Span::new(8, 9)));
        assert_eq!(Span::new(5, 1).len(), 0);
    }
}
