//! What the analysis stages read out of an article. Every record carries char spans into the
//! article's canonical text; the text at a span equals the record's surface form.
use serde::{Deserialize, Serialize};

use crate::article::ArticleId;
use crate::article::ZoneKind;
use crate::diagnostic::Diagnostic;
use crate::pos::Token;
use crate::span::Span;

/// A sentence of a content zone. Sentences never cross zone boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where it is.
    pub span: Span,
    /// The kind of zone it lies in.
    pub zone: ZoneKind,
    /// Index of its first token in [`Analysis::tokens`].
    pub first_token: u32,
    /// One past the index of its last token.
    pub end_token: u32,
}

/// OntoNotes-style entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// People.
    Person,
    /// Organisations, including governments' institutions (`Kremlin`).
    Org,
    /// Countries, cities, states.
    Gpe,
    /// Other places (seas, regions, mountains).
    Loc,
    /// Nationalities, religious and political groups (`Ukrainian`).
    Norp,
}

impl EntityType {
    /// The OntoNotes label (`PERSON`, `ORG`, …).
    pub fn label(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Gpe => "GPE",
            EntityType::Loc => "LOC",
            EntityType::Norp => "NORP",
        }
    }

    /// Parses an OntoNotes label.
    pub fn from_label(s: &str) -> Option<EntityType> {
        Some(match s {
            "PERSON" => EntityType::Person,
            "ORG" => EntityType::Org,
            "GPE" => EntityType::Gpe,
            "LOC" => EntityType::Loc,
            "NORP" => EntityType::Norp,
            _ => return None,
        })
    }
}

/// One place in the text where something is named or referred to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Where it is.
    pub span: Span,
    /// The text at `span`.
    pub text: String,
    /// Index into [`Analysis::sentences`], when sentences were found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<u32>,
}

/// One entity of an article: a cluster of mentions with a canonical name and its links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Id unique within the article (`e0`, `e1`, … in order of first mention).
    pub id: String,
    /// Canonical name (`Dmitry Peskov`).
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// CAMEO actor code resolved for the article's date (`RUSGOV`), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// Wikidata id (`Q7747`), when the knowledge base knows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// Every mention, in text order (names, title phrases, pronouns).
    pub mentions: Vec<Mention>,
}

/// Kinds of quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Inside quotation marks.
    Direct,
    /// Reported speech (`X said that …`).
    Indirect,
    /// Reported speech with a quoted fragment inside.
    Mixed,
}

/// Who said something: a mention, and the entity it resolves to when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The speaker's words in the text (`he`, `a senior diplomat`).
    pub text: String,
    /// Where they are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// [`Entity::id`] of the speaker, when resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// Canonical name of that entity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A quotation with its content, cue and speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The quoted or reported content.
    pub content: Span,
    /// The text at `content`.
    pub text: String,
    /// The speech verb or noun (`said`, `according to`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cue: Option<Mention>,
    /// The speaker, or `None` when no speaker can be recovered (not guessed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Speaker>,
    /// Index of the sentence the quote starts in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<u32>,
}

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period.
    Date,
    /// A time of day.
    Time,
    /// A length of time.
    Duration,
    /// A recurring time.
    Set,
}

/// A time expression, normalised against the publication date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    /// Where it is.
    pub span: Span,
    /// The text at `span`.
    pub text: String,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// TIMEX3 value (`2025-02-28`, `2025-W08`, `P3D`, `PAST_REF`).
    pub value: String,
    /// Index of the sentence it sits in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<u32>,
}

/// Whether an event happened, according to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// It happened or is happening.
    Asserted,
    /// Scheduled, intended or expected.
    Planned,
    /// Could, if, would, may.
    Hypothetical,
    /// Explicitly did not / will not happen.
    Negated,
    /// A claim attributed to a source, not confirmed.
    Reported,
    /// The text itself is unsure.
    Uncertain,
}

impl Modality {
    /// The lower-case name used in output and gold files.
    pub fn name(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Planned => "planned",
            Modality::Hypothetical => "hypothetical",
            Modality::Negated => "negated",
            Modality::Reported => "reported",
            Modality::Uncertain => "uncertain",
        }
    }
}

/// An event participant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRef {
    /// CAMEO actor code (`RUSGOV`).
    pub code: String,
    /// [`Entity::id`] of the actor, when it is an entity of the article.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// Canonical name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The words in the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// One telling of an event in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventMention {
    /// Index into [`Analysis::sentences`].
    pub sentence: u32,
    /// Span of that sentence.
    pub sentence_span: Span,
    /// The verb or noun that triggers the event.
    pub trigger: Span,
    /// The source actor's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Span>,
    /// The target actor's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Span>,
    /// Index into [`Analysis::quotes`] when the mention sits inside a quote.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<u32>,
}

/// A coded event: who did what to whom, when, and whether it happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// CAMEO event code (`036`).
    pub cameo: String,
    /// PLOVER event category (`CONSULT`), when the mapping has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
    /// Source actor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<ActorRef>,
    /// Target actor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<ActorRef>,
    /// Modality.
    pub modality: Modality,
    /// The event's own date as a TIMEX3 value, when the text gives one. For a speaker's own
    /// verbal act told in a quote with no date of its own, the date of the speech.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// When the event is told in a quote: the date of that speech ("said on Tuesday"), kept
    /// beside the event's own date. Never the publication date unless the text says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speech_date: Option<String>,
    /// Goldstein score of the code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goldstein: Option<f32>,
    /// GDELT QuadClass (1–4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quad_class: Option<u8>,
    /// Every telling of the event in the article; the first is the main one.
    pub mentions: Vec<EventMention>,
}

/// Everything the analysis stages read out of one article. A layer is `None` when its stage
/// did not run and `Some(vec![])` when it ran and found nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The article read.
    pub article_id: ArticleId,
    /// `stage@version` of each stage that ran, in order.
    pub stages: Vec<String>,
    /// Tokens of the content zones, in text order. Working data for the stages: recomputable,
    /// so it is not serialized (a stored analysis comes back with `tokens: None`).
    #[serde(skip)]
    pub tokens: Option<Vec<Token>>,
    /// Sentences.
    pub sentences: Option<Vec<Sentence>>,
    /// Entities.
    pub entities: Option<Vec<Entity>>,
    /// Quotations.
    pub quotes: Option<Vec<Quote>>,
    /// Time expressions.
    pub timexes: Option<Vec<Timex>>,
    /// Events.
    pub events: Option<Vec<Event>>,
    /// Problems the stages met.
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    /// An analysis of `article_id` in which no stage has run yet.
    pub fn empty(article_id: ArticleId) -> Analysis {
        Analysis {
            article_id,
            stages: Vec::new(),
            tokens: None,
            sentences: None,
            entities: None,
            quotes: None,
            timexes: None,
            events: None,
            diagnostics: Vec::new(),
        }
    }
}
