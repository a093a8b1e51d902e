//! The article: canonical text plus the zones that give it structure.
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::span::{Span, TextIndex};

/// Stable article id: the first 16 hex digits of SHA-256 over a version tag, the article's
/// source key (URL or publisher, may be empty) and its canonical text. Same bytes, same id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl ArticleId {
    /// Computes the id of an article from its source key and canonical text.
    pub fn compute(source: Option<&str>, text: &str) -> ArticleId {
        let mut h = Sha256::new();
        h.update(b"dateline-article/1\0");
        h.update(source.unwrap_or("").as_bytes());
        h.update(b"\0");
        h.update(text.as_bytes());
        let digest = h.finalize();
        let mut s = String::with_capacity(16);
        for b in &digest[..8] {
            s.push_str(&format!("{b:02x}"));
        }
        ArticleId(s)
    }

    /// The id as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ArticleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a part of the canonical text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZoneKind {
    /// The record header (` date 2025-02-26 WORLD`): metadata, not content.
    Header,
    /// The headline.
    Headline,
    /// The standfirst (summary under the headline).
    Standfirst,
    /// A photo caption, without its credit.
    Caption,
    /// A photo credit (`AP` in `… / Photo: AP`): metadata, not content.
    Credit,
    /// A display date line under the captions.
    DisplayDate,
    /// A byline line (`By Jane Doe`).
    Byline,
    /// The place of a wire dateline opening the first paragraph (`MOSCOW`); lies inside that paragraph.
    Dateline,
    /// A body paragraph.
    Paragraph,
    /// A crosshead: a short heading inside the body.
    Crosshead,
    /// The title of a related article (navigation, not content).
    Related,
    /// The agency credit line (`SOURCE:Reuters`): metadata, not content.
    Agency,
}

impl ZoneKind {
    /// True for zones whose text is part of the story and is read by the analysis stages
    /// (headline, standfirst, captions, display date, byline, paragraphs, crossheads).
    pub fn is_content(self) -> bool {
        !matches!(
            self,
            ZoneKind::Header
                | ZoneKind::Credit
                | ZoneKind::Related
                | ZoneKind::Agency
                | ZoneKind::Dateline
        )
    }

    /// True for the body: paragraphs and crossheads.
    pub fn is_body(self) -> bool {
        matches!(self, ZoneKind::Paragraph | ZoneKind::Crosshead)
    }
}

/// One marked part of the canonical text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zone {
    /// What the part is.
    pub kind: ZoneKind,
    /// Where it is (char offsets).
    pub span: Span,
}

impl Zone {
    /// A zone of `kind` over `span`.
    pub fn new(kind: ZoneKind, span: Span) -> Zone {
        Zone { kind, span }
    }
}

/// Where an article came from: recorded by ingest as provenance, never read by analysis.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The file it was read from (inside a directory walk: the file's path).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The URL of the page, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// 1-based line in the (decompressed) file where the record starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// Byte offset in the (decompressed) file where the record starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byte: Option<u64>,
    /// The id the input gave the article (a JSON Lines `id` field), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// The reader that produced it, with its version (`news-record/1`, `jsonl/1`).
    pub reader: String,
}

/// A caption and its credit, as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caption {
    /// The caption text.
    pub text: String,
    /// The credit (`AP`), if the caption had one.
    pub credit: Option<String>,
}

/// One news article: canonical text plus structure and metadata.
///
/// Invariant: `text` never changes after ingest; every zone and every record downstream points
/// into it by char span, and nothing of the input's text is dropped from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id derived from source key and text.
    pub id: ArticleId,
    /// The canonical text (line ends normalised to `\n`).
    pub text: String,
    /// The marked parts of `text`, in text order.
    pub zones: Vec<Zone>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Publication time of day, `HH:MM` or `HH:MM:SS`, when known.
    pub published_time: Option<String>,
    /// Time zone of the publication time (`Z`, `+01:00`, an IANA name), when known.
    pub timezone: Option<String>,
    /// The section (`WORLD`, `politics`).
    pub section: Option<String>,
    /// The wire agency (`Reuters`), from a SOURCE line or a `(Reuters)` credit.
    pub agency: Option<String>,
    /// The author's name, without "By".
    pub byline: Option<String>,
    /// The place of a wire dateline (`MOSCOW`).
    pub dateline: Option<String>,
    /// ISO 639-1 language code.
    pub language: String,
    /// Source key: the page URL, else the publisher, when known. Part of the id.
    pub source: Option<String>,
    /// Where the article was read from.
    pub origin: Origin,
}

impl Article {
    /// A new article over `text` with no zones or metadata; the id is computed from `source`
    /// and `text`.
    pub fn new(text: String, source: Option<String>) -> Article {
        Article {
            id: ArticleId::compute(source.as_deref(), &text),
            text,
            zones: Vec::new(),
            published: None,
            published_time: None,
            timezone: None,
            section: None,
            agency: None,
            byline: None,
            dateline: None,
            language: "en".to_string(),
            source,
            origin: Origin::default(),
        }
    }

    /// Recomputes [`Article::id`] from `source` and `text` (call after setting `source`).
    pub fn refresh_id(&mut self) {
        self.id = ArticleId::compute(self.source.as_deref(), &self.text);
    }

    /// A char-offset index of the text (build once when slicing many spans).
    pub fn index(&self) -> TextIndex {
        TextIndex::new(&self.text)
    }

    /// The text at `span`. O(n) for non-ASCII text: use [`Article::index`] in loops.
    pub fn slice(&self, span: Span) -> &str {
        if self.text.is_ascii() {
            let end = span.end.min(self.text.len());
            return &self.text[span.start.min(end)..end];
        }
        let mut it = self
            .text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(self.text.len()));
        let b0 = it.by_ref().nth(span.start).unwrap_or(self.text.len());
        let b1 = if span.end > span.start {
            it.nth(span.end - span.start - 1).unwrap_or(self.text.len())
        } else {
            b0
        };
        &self.text[b0..b1]
    }

    /// The zones of one kind, in text order.
    pub fn zones_of(&self, kind: ZoneKind) -> impl Iterator<Item = &Zone> {
        self.zones.iter().filter(move |z| z.kind == kind)
    }

    /// The text of each zone of one kind (one char index for all of them: linear in the text).
    pub fn texts_of(&self, kind: ZoneKind) -> impl Iterator<Item = &str> {
        let ix = self.index();
        self.zones_of(kind)
            .map(move |z| ix.slice(&self.text, z.span))
    }

    /// The headline, if any.
    pub fn headline(&self) -> Option<&str> {
        self.texts_of(ZoneKind::Headline).next()
    }

    /// The standfirst, if any.
    pub fn standfirst(&self) -> Option<&str> {
        self.texts_of(ZoneKind::Standfirst).next()
    }

    /// Body paragraphs (not crossheads, captions or related links), in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.texts_of(ZoneKind::Paragraph)
    }

    /// Crossheads, in order.
    pub fn crossheads(&self) -> impl Iterator<Item = &str> {
        self.texts_of(ZoneKind::Crosshead)
    }

    /// Related-article titles, in order.
    pub fn related(&self) -> impl Iterator<Item = &str> {
        self.texts_of(ZoneKind::Related)
    }

    /// Captions with their credits: a credit belongs to the caption it directly follows.
    pub fn captions(&self) -> Vec<Caption> {
        let ix = self.index();
        let mut out: Vec<Caption> = Vec::new();
        let mut last_was_caption = false;
        for z in &self.zones {
            match z.kind {
                ZoneKind::Caption => {
                    out.push(Caption {
                        text: ix.slice(&self.text, z.span).to_string(),
                        credit: None,
                    });
                    last_was_caption = true;
                }
                ZoneKind::Credit if last_was_caption => {
                    if let Some(c) = out.last_mut() {
                        c.credit = Some(ix.slice(&self.text, z.span).to_string());
                    }
                    last_was_caption = false;
                }
                _ => last_was_caption = false,
            }
        }
        out
    }

    /// The span from the start of the first body zone to the end of the last one.
    pub fn body_span(&self) -> Option<Span> {
        let mut body = self.zones.iter().filter(|z| z.kind.is_body());
        let first = body.next()?;
        let last = body.last().unwrap_or(first);
        Some(Span::new(first.span.start, last.span.end))
    }

    /// The zone of a content kind that contains `span`, if any.
    pub fn zone_at(&self, span: Span) -> Option<&Zone> {
        self.zones
            .iter()
            .find(|z| z.kind.is_content() && z.span.contains(span))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_depends_on_source_and_text_only() {
        let a = ArticleId::compute(Some("Reuters"), "text");
        assert_eq!(a, ArticleId::compute(Some("Reuters"), "text"));
        assert_ne!(a, ArticleId::compute(Some("AP"), "text"));
        assert_ne!(a, ArticleId::compute(Some("Reuters"), "text."));
        assert!(a.as_str().chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn slice_counts_chars_not_bytes() {
        let a = Article::new("“Київ” said".to_string(), None);
        assert_eq!(a.slice(Span::new(1, 5)), "Київ");
        assert_eq!(a.slice(Span::new(7, 11)), "said");
        assert_eq!(a.slice(Span::new(7, 99)), "said");
    }

    #[test]
    fn captions_pair_with_following_credit() {
        let mut a = Article::new("Cap one / Photo: AP\nCap two".to_string(), None);
        a.zones = vec![
            Zone::new(ZoneKind::Caption, Span::new(0, 7)),
            Zone::new(ZoneKind::Credit, Span::new(17, 19)),
            Zone::new(ZoneKind::Caption, Span::new(20, 27)),
        ];
        let caps = a.captions();
        assert_eq!(caps.len(), 2);
        assert_eq!(caps[0].credit.as_deref(), Some("AP"));
        assert_eq!(caps[1].text, "Cap two");
        assert_eq!(caps[1].credit, None);
    }
}
