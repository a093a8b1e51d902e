//! Serde types for gold files, format `dateline-gold/1`.
//!
//! The types are tolerant: every section may be missing or `null` (it then reads as empty), and
//! unknown fields are ignored. Only a value of the wrong JSON type is an error.
use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

/// The format tag this crate reads.
pub const GOLD_FORMAT: &str = "dateline-gold/1";

/// Reads a field whose `null` means the same as a missing field: the type's default.
fn nullable<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Reads a field where missing (`None`) and `null` (`Some(None)`) differ.
fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Some(Option::<T>::deserialize(d)?))
}

/// One gold file: the correct reading of one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Gold {
    /// Format tag, `dateline-gold/1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The document file, relative to the gold file's folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// Article-level checks; each field present is one check.
    #[serde(default, deserialize_with = "nullable")]
    pub article: GoldArticle,
    /// Entities that must be found.
    #[serde(default, deserialize_with = "nullable")]
    pub entities: Vec<GoldEntity>,
    /// Names whose entities are neither required nor false positives.
    #[serde(default, deserialize_with = "nullable")]
    pub optional_entities: Vec<String>,
    /// Time expressions that must be found.
    #[serde(default, deserialize_with = "nullable")]
    pub times: Vec<GoldTime>,
    /// Strings whose time expressions are neither required nor false positives.
    #[serde(default, deserialize_with = "nullable")]
    pub optional_times: Vec<String>,
    /// Quotations that must be found.
    #[serde(default, deserialize_with = "nullable")]
    pub quotes: Vec<GoldQuote>,
    /// Quotations that are neither required nor false positives.
    #[serde(default, deserialize_with = "nullable")]
    pub optional_quotes: Vec<GoldQuote>,
    /// Events: required ones count for recall, all of them excuse outputs.
    #[serde(default, deserialize_with = "nullable")]
    pub events: Vec<GoldEvent>,
    /// Readings that must never be output as asserted events (critical errors).
    #[serde(default, deserialize_with = "nullable")]
    pub must_not_assert: Vec<MustNotAssert>,
}

/// Article-level fields. `None`: the field is absent and not checked. `Some(None)`: the field is
/// `null` in the gold, a check that the output has no such value (or an empty list).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GoldArticle {
    /// Publication date, `YYYY-MM-DD`.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub published: Option<Option<String>>,
    /// Section from the header line.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub section: Option<Option<String>>,
    /// Headline.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub headline: Option<Option<String>>,
    /// Standfirst.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub standfirst: Option<Option<String>>,
    /// Captions with their credits, in order (one check for the whole list).
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub captions: Option<Option<Vec<GoldCaption>>>,
    /// Crossheads, in order (one check).
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub crossheads: Option<Option<Vec<String>>>,
    /// Related-article titles, in order (one check).
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub related: Option<Option<Vec<String>>>,
    /// Wire agency.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub agency: Option<Option<String>>,
    /// Number of body paragraphs (`null` reads as 0).
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub body_paragraphs: Option<Option<u64>>,
    /// The body text starts with this.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub body_starts: Option<Option<String>>,
    /// The body text ends with this.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub body_ends: Option<Option<String>>,
    /// Author's name, without "By".
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub byline: Option<Option<String>>,
    /// Place of the wire dateline.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub dateline: Option<Option<String>>,
}

/// A caption and its credit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldCaption {
    /// Caption text, without the credit.
    #[serde(default, deserialize_with = "nullable")]
    pub text: String,
    /// The credit, if the caption has one.
    #[serde(default)]
    pub credit: Option<String>,
}

/// An entity that must be found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldEntity {
    /// Canonical name.
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
    /// OntoNotes type label (`PERSON`, `ORG`, `GPE`, `LOC`, `NORP`).
    #[serde(rename = "type", default, deserialize_with = "nullable")]
    pub kind: String,
    /// CAMEO actor code the entity should resolve to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// Wikidata id (informative, not scored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// Surface form → expected number of content mentions.
    #[serde(default, deserialize_with = "nullable")]
    pub mentions: BTreeMap<String, u64>,
}

/// A time expression that must be found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldTime {
    /// The expression's words.
    #[serde(default, deserialize_with = "nullable")]
    pub text: String,
    /// Words around it that locate it in the article (contain `text`).
    #[serde(default, deserialize_with = "nullable")]
    pub context: String,
    /// Normalised TIMEX3 value.
    #[serde(default, deserialize_with = "nullable")]
    pub value: String,
    /// Other values that also count.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub value_alternatives: Vec<String>,
}

/// A quotation (required in `quotes`, optional in `optional_quotes`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldQuote {
    /// `direct`, `indirect` or `mixed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The quoted or reported content.
    #[serde(default, deserialize_with = "nullable")]
    pub text: String,
    /// Who said it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Other names that count as the speaker.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub speaker_alternatives: Vec<String>,
    /// The speech verb (informative, not scored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
}

/// A coded event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldEvent {
    /// Name of the event in the gold file (for reports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Counts for recall (default `true`); optional events only excuse outputs.
    #[serde(default = "yes", deserialize_with = "nullable_true")]
    pub required: bool,
    /// Strings one of which the output's provenance sentence must contain.
    #[serde(default, deserialize_with = "nullable")]
    pub evidence: Vec<String>,
    /// Accepted CAMEO event codes.
    #[serde(default, deserialize_with = "nullable")]
    pub cameo: Vec<String>,
    /// Accepted source actor code prefixes; `null` allows no source.
    #[serde(default, deserialize_with = "nullable")]
    pub source: Vec<Option<String>>,
    /// Accepted target actor code prefixes; `null` allows no target.
    #[serde(default, deserialize_with = "nullable")]
    pub target: Vec<Option<String>>,
    /// Source and target may be swapped.
    #[serde(default, deserialize_with = "nullable")]
    pub symmetric: bool,
    /// Accepted modalities (`asserted`, `planned`, …).
    #[serde(default, deserialize_with = "nullable")]
    pub modality: Vec<String>,
    /// The event's date, when the text gives one; `null` accepts any.
    #[serde(default)]
    pub date: Option<String>,
    /// Other dates that also count.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub date_alternatives: Vec<String>,
}

impl Default for GoldEvent {
    fn default() -> GoldEvent {
        GoldEvent {
            id: None,
            required: true,
            evidence: Vec::new(),
            cameo: Vec::new(),
            source: Vec::new(),
            target: Vec::new(),
            symmetric: false,
            modality: Vec::new(),
            date: None,
            date_alternatives: Vec::new(),
        }
    }
}

fn yes() -> bool {
    true
}

fn nullable_true<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(true))
}

/// A reading that must not be output as an asserted event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MustNotAssert {
    /// The sentence words the forbidden event would come from.
    #[serde(default, deserialize_with = "nullable")]
    pub evidence: String,
    /// CAMEO codes that must not be asserted there (empty: any code).
    #[serde(default, deserialize_with = "nullable")]
    pub cameo: Vec<String>,
    /// Why (informative).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

impl Gold {
    /// Parses a gold file's JSON text.
    pub fn from_json(text: &str) -> Result<Gold, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// Number of article checks the gold asks for.
    pub fn article_checks(&self) -> usize {
        let a = &self.article;
        [
            a.published.is_some(),
            a.section.is_some(),
            a.headline.is_some(),
            a.standfirst.is_some(),
            a.captions.is_some(),
            a.crossheads.is_some(),
            a.related.is_some(),
            a.agency.is_some(),
            a.body_paragraphs.is_some(),
            a.body_starts.is_some(),
            a.body_ends.is_some(),
            a.byline.is_some(),
            a.dateline.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_and_null_sections_read_as_empty() {
        let g = Gold::from_json(
            r#"{"entities": null, "times": [], "extra": 5, "article": {"byline": null}}"#,
        )
        .unwrap();
        assert!(g.entities.is_empty());
        assert!(g.quotes.is_empty());
        assert_eq!(g.article.byline, Some(None));
        assert_eq!(g.article.headline, None);
        assert_eq!(g.article_checks(), 1);
    }

    #[test]
    fn event_defaults() {
        let g = Gold::from_json(r#"{"events": [{"cameo": ["036"], "source": ["RUS", null]}]}"#)
            .unwrap();
        let e = &g.events[0];
        assert!(e.required);
        assert!(!e.symmetric);
        assert_eq!(e.source, vec![Some("RUS".to_string()), None]);
        assert_eq!(e.date, None);
    }
}
