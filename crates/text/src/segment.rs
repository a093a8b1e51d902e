//! Tokens and sentences of an article's content zones: [`Segmenter`] and [`SentenceStage`].
//!
//! # Sentence boundaries
//!
//! Sentences are found zone by zone; a zone's end always ends a sentence, so a headline,
//! caption or crosshead without a final stop is one sentence and is never merged with the
//! next zone. Inside a zone a sentence ends:
//!
//! - after `.`, `!`, `?` (and any run of them), together with the closing quotes and brackets
//!   written right after them (`… preparation."` ends after the `"`, `decision?".` after the
//!   `.`), unless the next token
//!   starts with a lower-case letter or is `,` `;` `:` `%` (`"Why?" he asked`);
//! - after an ellipsis (`...`, `…`) only when the next word is a capitalised sentence starter
//!   (in news an ellipsis mostly marks an omission inside a quotation: `"make it harder...
//!   Turkcell's plans"` does not split, `We waited... Then the doors opened` does);
//! - after an abbreviation that may end a sentence (`U.S.`, `Inc.`, `etc.`, an initial `J.`)
//!   only when the next token is a capitalised word from the sentence-starter list
//!   (`in the U.S. The talks` splits; `U.S. President`, `Donald J. Trump` and `Gen. Smith` do
//!   not). Abbreviations of kind `prefix` (`Mr.`, `Gen.`, `No.`, `vs.`) never end a sentence;
//! - at a blank line inside a zone.
//!
//! A single `\n` (a hard-wrapped line) is white space. Decimals and thousands (`5.93`, `1,000`)
//! are single tokens and so never break; a wire credit such as `(Reuters) -` has no stop and
//! does not break.
use std::ops::Range;

use dateline_model::{Analysis, Article, Pos, Sentence, Span, TextIndex, Token, ZoneKind};
use dateline_pipeline::{Layer, Stage};

use crate::lexicon::{
    AbbrevKind, Lexicon, DEFAULT_ABBREVIATIONS, DEFAULT_SENTENCE_STARTERS,
    DEFAULT_TOKENIZER_LEXICON,
};
use crate::tokenize::tokenize;

/// Splits the content zones of an article into tokens and sentences.
#[derive(Debug, Clone)]
pub struct Segmenter {
    lex: Lexicon,
}

impl Default for Segmenter {
    fn default() -> Segmenter {
        Segmenter::new()
    }
}

impl Segmenter {
    /// A segmenter with the embedded default lexicon (`data/lexicon/*.txt`).
    pub fn new() -> Segmenter {
        Segmenter::with_abbreviations(DEFAULT_ABBREVIATIONS)
    }

    /// A segmenter with its own abbreviation list, in the format of
    /// `data/lexicon/abbreviations.txt` (one per line with its stop, `#` comments, an optional
    /// `prefix` kind in a second tab-separated column); the other lists are the defaults.
    pub fn with_abbreviations(list: &str) -> Segmenter {
        Segmenter {
            lex: Lexicon::parse(list, DEFAULT_SENTENCE_STARTERS, DEFAULT_TOKENIZER_LEXICON),
        }
    }

    /// The byte ranges of the tokens of `text`, in order (no sentence splitting).
    pub fn tokenize(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        tokenize(&self.lex, text, 0, &mut out);
        out.into_iter().map(|(a, b)| a..b).collect()
    }

    /// Tokens and sentences of every content zone of `article` ([`ZoneKind::is_content`],
    /// skipping [`ZoneKind::Dateline`], which lies inside a paragraph), in text order.
    /// Sentences never cross zones; `token.sentence` indexes the returned sentences, and every
    /// token's `pos` is [`Pos::X`]. Where two content zones overlap, the later one is read from
    /// the end of the earlier one, so no text is tokenised twice.
    pub fn segment(&self, article: &Article) -> (Vec<Token>, Vec<Sentence>) {
        let text = article.text.as_str();
        let index = TextIndex::new(text);
        let mut zones: Vec<(Span, ZoneKind)> = article
            .zones
            .iter()
            .filter(|z| z.kind.is_content() && z.kind != ZoneKind::Dateline)
            .map(|z| (z.span, z.kind))
            .collect();
        zones.sort_by_key(|(s, _)| (s.start, s.end));
        let mut tokens = Vec::new();
        let mut sentences = Vec::new();
        let mut ranges = Vec::new();
        let mut done = 0usize; // char offset up to which text was read
        for (span, kind) in zones {
            let start = span.start.max(done).min(index.len_chars());
            let end = span.end.min(index.len_chars());
            if start >= end {
                continue;
            }
            done = end;
            let (b0, b1) = (index.byte(start), index.byte(end));
            ranges.clear();
            tokenize(&self.lex, &text[b0..b1], b0, &mut ranges);
            self.sentences_of_zone(text, &index, kind, &ranges, &mut tokens, &mut sentences);
        }
        (tokens, sentences)
    }

    /// [`Segmenter::segment`] of `text` read as one paragraph.
    pub fn segment_text(&self, text: &str) -> (Vec<Token>, Vec<Sentence>) {
        let mut article = Article::new(text.to_string(), None);
        let len = text.chars().count();
        article.zones.push(dateline_model::Zone::new(
            ZoneKind::Paragraph,
            Span::new(0, len),
        ));
        self.segment(&article)
    }

    /// Splits one zone's tokens (`ranges`, byte offsets into `text`) into sentences.
    fn sentences_of_zone(
        &self,
        text: &str,
        index: &TextIndex,
        kind: ZoneKind,
        ranges: &[(usize, usize)],
        tokens: &mut Vec<Token>,
        sentences: &mut Vec<Sentence>,
    ) {
        let n = ranges.len();
        let tok = |i: usize| &text[ranges[i].0..ranges[i].1];
        let glued = |i: usize| ranges[i].0 == ranges[i - 1].1;
        let mut first = 0usize;
        let mut i = 0usize;
        while i < n {
            let t = tok(i);
            let mut end_after: Option<usize> = None; // last token of a sentence
            let mut next_i = i + 1;
            if let Some(ellipsis) = terminal(t) {
                let mut j = i + 1;
                while j < n && glued(j) && (terminal(tok(j)).is_some() || is_closer(tok(j))) {
                    j += 1;
                }
                if j < n {
                    let next = tok(j);
                    let split = if ellipsis {
                        starts_upper(next) && self.lex.is_starter(next)
                    } else {
                        !continues(next)
                    };
                    if split {
                        end_after = Some(j - 1);
                    }
                }
                next_i = j;
            } else if t.len() > 1
                && t.ends_with('.')
                && self.lex.abbreviation(t) == Some(AbbrevKind::Plain)
            {
                let mut j = i + 1;
                while j < n && glued(j) && is_closer(tok(j)) {
                    j += 1;
                }
                if j < n && starts_upper(tok(j)) && self.lex.is_starter(tok(j)) {
                    end_after = Some(j - 1);
                }
                next_i = j;
            }
            // A blank line inside a zone ends the sentence before the next token.
            if end_after.is_none() && next_i < n && next_i > first {
                let gap = &text[ranges[next_i - 1].1..ranges[next_i].0];
                if blank_line(gap) {
                    end_after = Some(next_i - 1);
                }
            }
            if let Some(last) = end_after {
                push_sentence(index, kind, ranges, first, last + 1, tokens, sentences);
                first = last + 1;
            }
            i = next_i;
        }
        if first < n {
            push_sentence(index, kind, ranges, first, n, tokens, sentences);
        }
    }
}

/// Appends the sentence made of zone tokens `[a, b)`.
fn push_sentence(
    index: &TextIndex,
    kind: ZoneKind,
    ranges: &[(usize, usize)],
    a: usize,
    b: usize,
    tokens: &mut Vec<Token>,
    sentences: &mut Vec<Sentence>,
) {
    let sid = sentences.len() as u32;
    let first_token = tokens.len() as u32;
    for &(b0, b1) in &ranges[a..b] {
        tokens.push(Token {
            span: Span::new(index.char(b0), index.char(b1)),
            start_byte: b0 as u32,
            end_byte: b1 as u32,
            sentence: sid,
            pos: Pos::X,
            dep: dateline_model::Dep::Unparsed,
            head: Token::NO_HEAD,
        });
    }
    let span = Span::new(
        tokens[first_token as usize].span.start,
        tokens[tokens.len() - 1].span.end,
    );
    sentences.push(Sentence {
        span,
        zone: kind,
        first_token,
        end_token: tokens.len() as u32,
    });
}

/// `Some(is_ellipsis)` for sentence-final punctuation.
fn terminal(t: &str) -> Option<bool> {
    match t {
        "." | "!" | "?" | "‼" | "⁉" | "？" | "！" | "。" => Some(false),
        "…" => Some(true),
        _ if t.len() >= 2 && t.bytes().all(|b| b == b'.') => Some(true),
        _ => None,
    }
}

/// Closing quotes and brackets that stay with the sentence they close.
fn is_closer(t: &str) -> bool {
    matches!(
        t,
        "\"" | "'" | "”" | "’" | "»" | "›" | ")" | "]" | "}" | "''"
    )
}

fn starts_upper(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_uppercase)
}

/// Tokens that continue a sentence after a stop.
fn continues(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_lowercase) || matches!(t, "," | ";" | ":" | "%")
}

/// True when the white space `gap` contains an empty line.
fn blank_line(gap: &str) -> bool {
    let mut newlines = 0;
    for c in gap.chars() {
        if c == '\n' {
            newlines += 1;
            if newlines >= 2 {
                return true;
            }
        } else if !c.is_whitespace() {
            return false;
        }
    }
    false
}

/// The sentence stage: fills [`Analysis::tokens`] and [`Analysis::sentences`].
#[derive(Debug, Clone, Default)]
pub struct SentenceStage {
    segmenter: Segmenter,
}

impl SentenceStage {
    /// The stage with the default [`Segmenter`].
    pub fn new() -> SentenceStage {
        SentenceStage::default()
    }

    /// The stage with a given segmenter.
    pub fn with_segmenter(segmenter: Segmenter) -> SentenceStage {
        SentenceStage { segmenter }
    }
}

impl Stage for SentenceStage {
    fn name(&self) -> &'static str {
        "text.sentences"
    }

    fn version(&self) -> u32 {
        1
    }

    fn requires(&self) -> &'static [Layer] {
        &[]
    }

    fn provides(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }

    fn run(&self, article: &Article, analysis: &mut Analysis) {
        let (tokens, sentences) = self.segmenter.segment(article);
        analysis.tokens = Some(tokens);
        analysis.sentences = Some(sentences);
    }
}
