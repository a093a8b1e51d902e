//! `dateline-model`: the data every dateline stage speaks, and the project's API boundary.
//!
//! Brief overview:
//! - [`Article`]: one news article as ingest produced it — a single canonical [`Article::text`]
//!   that is never edited afterwards, plus [`Zone`]s (headline, standfirst, captions, paragraphs,
//!   related links, …) that mark its parts by char [`Span`].
//! - [`Analysis`]: what the analysis stages read from one article — sentences, entities, quotes,
//!   time expressions and events — each a layer that is `None` until its stage has run.
//! - [`Diagnostic`]: a problem with the input, with a stable code and the place it was found.
//!
//! All offsets are **character** offsets (Unicode scalar values) into the canonical text, as in
//! the gold files and in spaCy; [`TextIndex`] is the one place that converts them to bytes.
//!
//! Plain data with public fields and no IO: every other crate depends on this one.
//!
//! # Example
//! ```
//! use dateline_model::{Article, Span, Zone, ZoneKind};
//!
//! let text = "Ministers meet\n\nThe ministers met on Monday. They agreed. Talks go on.".to_string();
//! let mut article = Article::new(text, None);
//! article.zones.push(Zone::new(ZoneKind::Headline, Span::new(0, 14)));
//! article.zones.push(Zone::new(ZoneKind::Paragraph, Span::new(16, 69)));
//! assert_eq!(article.headline(), Some("Ministers meet"));
//! assert_eq!(article.paragraphs().count(), 1);
//! assert_eq!(article.id.as_str().len(), 16);
//! ```
#![deny(missing_docs)]

mod article;
mod diagnostic;
mod pos;
mod records;
mod span;

pub use article::{Article, ArticleId, Caption, Origin, Zone, ZoneKind};
pub use diagnostic::{Diagnostic, Severity};
pub use pos::{Dep, Pos, Token};
pub use records::{
    ActorRef, Analysis, Entity, EntityType, Event, EventMention, Mention, Modality, Quote,
    QuoteKind, Sentence, Speaker, Timex, TimexType,
};
pub use span::{Span, TextIndex};

/// Version of the serialized record forms (JSON Lines, store rows). Bump on any change of shape.
pub const RECORD_SCHEMA: &str = "dateline-record/1";
