//! `dateline-text`: tokens, sentences and part-of-speech tags, with char offsets into an
//! article's canonical text.
//!
//! Brief overview:
//! - [`Segmenter`]: splits the content zones of an [`Article`] into Penn-Treebank-like
//!   [`Token`]s (as the GUM treebank tokenises: clitics and punctuation apart, abbreviations,
//!   decimals and URLs whole) and [`Sentence`]s that never cross a zone. Abbreviations and
//!   sentence starters come from `data/lexicon/`. [`SentenceStage`] is its pipeline stage.
//! - [`Tagger`]: a greedy averaged-perceptron tagger over Penn tags ([`Pos`]), trained by the
//!   project's own code ([`train`], `examples/train_pos.rs`) on GUM; the embedded default model
//!   is `data/models/pos-gum.bin` ([`Tagger::embedded`]). [`PosStage`] is its stage.
//! - [`Parser`]: a greedy arc-hybrid dependency parser (averaged perceptron, UD relations as
//!   [`dateline_model::Dep`]), trained by [`parse_train`] (`examples/train_dep.rs`) on GUM; the
//!   embedded default model is `data/models/dep-gum.bin` ([`Parser::embedded`]).
//!   [`ParseStage`] is its stage: it sets each token's `head` and `dep`.
//! - Helpers for later stages: [`tokens_of`], [`is_capitalized`], [`shape`],
//!   [`is_sentence_start`].
//!
//! Every token's text is the slice of the canonical text at its char span (and at its byte
//! offsets); nothing here does IO, reads a clock or allocates per token when tagging.
//!
//! # Example
//! ```
//! use dateline_model::{Analysis, Article, Pos, Span, Zone, ZoneKind};
//! use dateline_pipeline::Stage;
//! use dateline_text::{tokens_of, PosStage, SentenceStage};
//!
//! let text = "Ministers meet in Geneva\n\nGen. Ana Ruiz arrived on Monday. \
//!             She said talks with the U.S. were \"going well.\" They resume Feb. 3.";
//! let mut article = Article::new(text.to_string(), None);
//! article.zones.push(Zone::new(ZoneKind::Headline, Span::new(0, 24)));
//! article.zones.push(Zone::new(ZoneKind::Paragraph, Span::new(26, text.chars().count())));
//!
//! let mut analysis = Analysis::empty(article.id.clone());
//! SentenceStage::new().run(&article, &mut analysis);
//! PosStage::new().run(&article, &mut analysis);
//!
//! let sentences = analysis.sentences.as_ref().unwrap();
//! let texts: Vec<&str> = sentences.iter().map(|s| article.slice(s.span)).collect();
//! assert_eq!(texts, [
//!     "Ministers meet in Geneva",
//!     "Gen. Ana Ruiz arrived on Monday.",
//!     "She said talks with the U.S. were \"going well.\"",
//!     "They resume Feb. 3.",
//! ]);
//! assert_eq!(sentences[0].zone, ZoneKind::Headline);
//!
//! let words: Vec<&str> = tokens_of(&analysis, &sentences[1])
//!     .iter()
//!     .map(|t| t.text(&article.text))
//!     .collect();
//! assert_eq!(words, ["Gen.", "Ana", "Ruiz", "arrived", "on", "Monday", "."]);
//! let tags: Vec<Pos> = tokens_of(&analysis, &sentences[2]).iter().map(|t| t.pos).collect();
//! assert_eq!(tags[0], Pos::PRP); // She
//! assert_eq!(tags[1], Pos::VBD); // said
//! ```
#![deny(missing_docs)]

mod bytes;
pub mod conllu;
mod features;
mod lexicon;
mod parse;
mod parse_features;
pub mod parse_train;
mod segment;
mod tagger;
mod tokenize;
pub mod train;

#[cfg(test)]
mod tests;

use dateline_model::{Analysis, Sentence, Token};

pub use lexicon::{DEFAULT_ABBREVIATIONS, DEFAULT_SENTENCE_STARTERS, DEFAULT_TOKENIZER_LEXICON};
pub use parse::{ParseStage, Parser, ParserError, DEP_FORMAT_VERSION, DEP_MAGIC};
pub use segment::{Segmenter, SentenceStage};
pub use tagger::{PosStage, Tagger, TaggerError, FORMAT_VERSION, MAGIC};

/// The tokens of `sentence` (empty when the analysis has no tokens or the sentence's token
/// range is out of bounds).
pub fn tokens_of<'a>(analysis: &'a Analysis, sentence: &Sentence) -> &'a [Token] {
    analysis
        .tokens
        .as_deref()
        .and_then(|t| t.get(sentence.first_token as usize..sentence.end_token as usize))
        .unwrap_or(&[])
}

/// True when the first char of `word` is an upper-case (or title-case) letter.
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The coarse shape of a word, for features and heuristics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// All letters lower case (`talks`, `a.m.`).
    Lower,
    /// A capital then lower case (`Talks`, `Київ`).
    Capitalized,
    /// All letters upper case, more than one letter or a single capital (`NATO`, `I`).
    Upper,
    /// Digits, possibly with `.,:/-` (`2025`, `5.93`, `10:30`).
    Digits,
    /// Capitals with stops (`U.S.`, `J.`).
    Initials,
    /// Letters in another mix of cases, or letters with digits (`iPhone`, `McDonald`, `G7`).
    Mixed,
    /// No letter or digit (`,`, `“`).
    Punct,
}

impl Shape {
    /// A short name: `xxx`, `Xxxx`, `XXX`, `dd`, `X.X.`, `mixed`, `punct`.
    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Lower => "xxx",
            Shape::Capitalized => "Xxxx",
            Shape::Upper => "XXX",
            Shape::Digits => "dd",
            Shape::Initials => "X.X.",
            Shape::Mixed => "mixed",
            Shape::Punct => "punct",
        }
    }
}

/// The [`Shape`] of `word`.
pub fn shape(word: &str) -> Shape {
    let (mut upper, mut lower, mut digit, mut dots, mut other) = (0, 0, 0, 0, 0);
    let mut upper_after_first = false;
    for (i, c) in word.chars().enumerate() {
        if c.is_uppercase() {
            upper += 1;
            upper_after_first |= i > 0;
        } else if c.is_alphabetic() {
            lower += 1;
        } else if c.is_numeric() {
            digit += 1;
        } else if c == '.' {
            dots += 1;
        } else {
            other += 1;
        }
    }
    let letters = upper + lower;
    match () {
        _ if letters == 0 && digit == 0 => Shape::Punct,
        _ if letters == 0 => Shape::Digits,
        _ if digit > 0 => Shape::Mixed,
        _ if dots > 0 && lower == 0 && other == 0 && word.ends_with('.') => Shape::Initials,
        _ if upper == 0 => Shape::Lower,
        _ if lower == 0 => Shape::Upper,
        _ if !upper_after_first && is_capitalized(word) => Shape::Capitalized,
        _ => Shape::Mixed,
    }
}

/// True when token `i` of `tokens` opens its sentence: it is the first token of the sentence,
/// or every token before it in the sentence is an opening quote, bracket or dash
/// (`“We …`, `(Reuters) …` is not). Capitalisation carries no information there.
pub fn is_sentence_start(text: &str, tokens: &[Token], i: usize) -> bool {
    let Some(tok) = tokens.get(i) else {
        return false;
    };
    let mut j = i;
    while j > 0 {
        let prev = &tokens[j - 1];
        if prev.sentence != tok.sentence {
            return true;
        }
        if !matches!(
            prev.text(text),
            "\"" | "'" | "“" | "‘" | "«" | "(" | "[" | "``" | "`" | "-" | "--" | "—" | "–"
        ) {
            return false;
        }
        j -= 1;
    }
    true
}
