//! `dateline-quotes`: who said what — direct, reported and mixed quotations with their content,
//! cue and speaker, as char spans into the article's canonical text.
//!
//! Brief overview:
//! - [`Quoter`]: finds the quotations of an article from its tokens (with POS tags), sentences
//!   and entities, with the speech lexicon [`Lexicon`] (`data/lexicon/speech.txt`: speech verbs
//!   in all forms with a class and the constructions they take, speech nouns, "according to",
//!   unnamed-source heads, and the word lists that bound a reported clause).
//! - [`QuoteStage`]: the pipeline stage (`quotes@1`), requiring sentences, POS tags and entities,
//!   providing [`Layer::Quotes`].
//!
//! What is found (details and the choices made are in the sections below):
//! - **Direct** quotations in straight or curly marks, over several paragraphs when a paragraph
//!   opens with a mark and the previous one left its quotation open; quotations split by their
//!   attribution (`"Our patience," she said, "is running out."` is **one** quotation whose
//!   content runs from the first opening mark to the last closing one, attribution included);
//!   a further quotation with no cue of its own inherits the speaker of the quotation just
//!   before it (same or previous sentence, same or previous paragraph).
//! - **Reported** speech: `X said (that) …`, `…, X said.`, `…, said X.`, `according to X, …`,
//!   `X told reporters (that) …`, `X confirmed/denied/warned/… that …`, participial
//!   `…, saying (that) …` and `…, while warning that …` (the speaker is the subject of the main
//!   clause), `The talks, he said, were useful.` (the whole sentence), `X was quoted as saying`
//!   and `TASS quoted X as saying` (X speaks). Negated, passive, modal and infinitive cues ("did
//!   not say", "it was announced", "is expected to announce", "declined to comment") make no
//!   quotation.
//! - **Mixed**: reported speech with a quoted fragment inside is one quotation of kind
//!   [`QuoteKind::Mixed`] over the whole reported clause (the fragment is not output apart). A
//!   quoted label given by a verb of the lexicon's `[label_verbs]` outside reported speech
//!   (`Critics called the plan a "fantasy"`) is a direct quotation of the fragment by the
//!   verb's subject.
//! - **Headlines**: `CONTENT: SPEAKER`, `CONTENT — SPEAKER` (the speaker a named entity, an
//!   unnamed source or an institution such as "foreign ministry"), `SPEAKER: CONTENT` (a person,
//!   or a short name before a quotation), `CONTENT, officials say` and `X does Y, says Z` like any
//!   sentence. Captions and standfirsts are read like body sentences.
//!
//! # Content boundaries
//! A reported clause starts after its cue, the cue's listener ("told reporters"; but in "warned
//! the heat would last" the phrase is the clause's subject), adjuncts of time or of a speech
//! event ("on Wednesday", "last week", "in a statement", "on condition of anonymity") and "that";
//! a bare clause must read as a clause (a finite verb) and never starts with a subordinator
//! ("told Kessler as she …"). It ends at the end of its sentence, or before: a coordinated
//! second speech clause whose verb is in the same tense ("X reiterated that A but said B" → A and
//! B, both X's; "told … that A, but says B" keeps B in A, since "says" does not match "told"); a
//! coordinated predicate of the main clause (", and praised …" in the cue's tense; "but did not
//! …", "but he did not …"); a clause of the main sentence listed in the lexicon's
//! `[content_end]` (", as …", ", while …", ", amid …", ", according to …", "but declined …", with
//! exceptions such as ", as well as"); a participial cue (", adding that …", which starts its own
//! quotation); a semicolon; a colon before a quotation; a quotation attributed on its own.
//! Closing punctuation outside quotation marks is not part of the content; a wire dateline
//! ("MOSCOW, Feb 26 (Reuters) -") and openers ("But", "However,") are not part of a
//! trailing-attribution content.
//!
//! # Speakers
//! The speaker phrase is the subject noun phrase of the cue (through auxiliaries, adverbs and
//! adjuncts of time: "Peskov on Monday said"; through appositives and relative clauses:
//! "Peskov, the Kremlin spokesman, said"), the noun phrase after the cue in inversions ("said
//! Peskov"), the object of "according to", or the short phrase of a headline attribution. It is
//! resolved through the entity layer: the entity one of whose mentions covers the head of the
//! phrase (the part before modifiers such as "for …", "familiar with …"), a person preferred —
//! entity mentions include surnames, title phrases ("The Kremlin spokesman") and pronouns
//! resolved by coreference, so "Peskov", "the Kremlin spokesman" and "he" all reach Dmitry
//! Peskov. Unnamed sources ("a senior diplomat", "officials", "a source familiar with …") keep
//! their full phrase as text and no entity; a speech noun ("a statement from the ministry")
//! speaks for the organisation named in it; a definite "the company" refers back to the last
//! organisation named; "Russia's foreign ministry" speaks for Russia; "It said" speaks for the
//! organisation or state that spoke last. A quotation with no recoverable speaker has
//! `speaker: None` — never a guess. Unattributed quoted text is kept only when it reads as a
//! quotation (a sentence of at least four words, or eight words anywhere), not a scare-quoted
//! phrase. The finder tolerates common tagging slips (a capitalised name tagged as a verb, a
//! head noun tagged as an adjective after a determiner, "diplomat/VBP said").
//!
//! # Quotation marks
//! Marks are judged by their neighbours: an apostrophe inside a word, a possessive ("students'
//! union"), "'90s", "rock 'n' roll" and marks glued to digits (12" pipe) are not quotations.
//! Marks of the other kind inside a quotation are nested and ignored. A quotation never runs
//! past the end of its paragraph unless the next paragraph opens with a mark of the same kind,
//! and never over more than [`MAX_QUOTE_BLOCKS`] paragraphs or [`MAX_QUOTE_CHARS`] chars; an
//! unbalanced double mark ends at its paragraph's end, an unbalanced single mark is dropped.
//!
//! Spans: `content`, the cue's span and the speaker's span are char spans whose text equals the
//! `text` fields; `sentence` is the index of the sentence the content starts in. Only the
//! sentences of content zones are read (the text stage makes no others).
//!
//! # Example
//! ```
//! use dateline_model::{Article, QuoteKind, Span, Zone, ZoneKind};
//! use dateline_pipeline::Pipeline;
//!
//! let text = "Kremlin spokesman Dmitry Peskov spoke to reporters on Monday. \
//!             \"We are ready for talks,\" Peskov said. He said the ministers would meet soon.";
//! let mut article = Article::new(text.to_string(), None);
//! article.published = Some("2025-02-26".into());
//! article.zones.push(Zone::new(ZoneKind::Paragraph, Span::new(0, text.chars().count())));
//! let pipeline = Pipeline::new(vec![
//!     Box::new(dateline_text::SentenceStage::new()),
//!     Box::new(dateline_text::PosStage::new()),
//!     Box::new(dateline_entities::EntityStage::new()),
//!     Box::new(dateline_quotes::QuoteStage::new()),
//! ]).unwrap();
//! let analysis = pipeline.analyse(&article);
//! let quotes = analysis.quotes.unwrap();
//! assert_eq!(quotes.len(), 2);
//! assert_eq!(quotes[0].kind, QuoteKind::Direct);
//! assert_eq!(quotes[0].text, "We are ready for talks,");
//! let speaker = quotes[0].speaker.as_ref().unwrap();
//! assert_eq!(speaker.name.as_deref(), Some("Dmitry Peskov"));
//! assert_eq!(quotes[1].kind, QuoteKind::Indirect);
//! assert_eq!(quotes[1].text, "the ministers would meet soon");
//! assert_eq!(quotes[1].cue.as_ref().unwrap().text, "said");
//! assert_eq!(quotes[1].speaker.as_ref().unwrap().text, "He");
//! assert_eq!(quotes[1].speaker.as_ref().unwrap().name.as_deref(), Some("Dmitry Peskov"));
//! ```
#![deny(missing_docs)]

mod extract;
mod lexicon;
mod tokens;

use std::sync::OnceLock;

use dateline_model::{Analysis, Article, Quote};
use dateline_pipeline::{Layer, Stage};

pub use extract::{MAX_QUOTE_BLOCKS, MAX_QUOTE_CHARS};
pub use lexicon::{Forms, Lexicon, LexiconError, Verb, VerbFlags, DEFAULT as DEFAULT_LEXICON};

// Quotation kinds are re-exported for convenience.
pub use dateline_model::QuoteKind;

/// Finds the quotations of an article.
pub struct Quoter {
    lex: Lexicon,
}

impl Quoter {
    /// A quoter over a given speech lexicon.
    pub fn new(lex: Lexicon) -> Quoter {
        Quoter { lex }
    }

    /// The quoter over the embedded lexicon, built once per process.
    pub fn embedded() -> &'static Quoter {
        static Q: OnceLock<Quoter> = OnceLock::new();
        Q.get_or_init(|| Quoter::new(Lexicon::embedded()))
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// The quotations of `article`, given its tokens (with POS tags), sentences and entities
    /// (without entities, speakers keep their text and resolve to no entity). Sorted by content
    /// start. An analysis without tokens or sentences gives no quotations.
    pub fn quotes(&self, article: &Article, analysis: &Analysis) -> Vec<Quote> {
        extract::run(&self.lex, article, analysis)
    }
}

/// The quote stage: fills `analysis.quotes`.
pub struct QuoteStage {
    quoter: &'static Quoter,
}

impl QuoteStage {
    /// The stage over the embedded lexicon.
    pub fn new() -> QuoteStage {
        QuoteStage {
            quoter: Quoter::embedded(),
        }
    }

    /// The stage over a given quoter (e.g. with a user's lexicon).
    pub fn with_quoter(quoter: &'static Quoter) -> QuoteStage {
        QuoteStage { quoter }
    }
}

impl Default for QuoteStage {
    fn default() -> Self {
        QuoteStage::new()
    }
}

impl Stage for QuoteStage {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn version(&self) -> u32 {
        1
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Pos, Layer::Entities]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }
    fn run(&self, article: &Article, analysis: &mut Analysis) {
        analysis.quotes = Some(self.quoter.quotes(article, analysis));
    }
}
