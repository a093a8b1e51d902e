//! The article seen by the quote finder: tokens with their lexicon classes and quotation-mark
//! roles, grouped into blocks (one block per content zone), and the direct-quote pieces found by
//! scanning the marks.
use std::borrow::Cow;

use dateline_model::{Analysis, Article, Pos, Span, ZoneKind};

use crate::lexicon::{Forms, Lexicon, Multi, WordInfo, W_MULTI};

/// Whether a quotation mark can open or close a quotation, judged from its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Open,
    Close,
    /// A straight mark whose neighbours do not tell (`word"word`, ` " `).
    Either,
}

/// A quotation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    /// Double (`"`, `“ ”`, `« »`) or single (`'`, `‘ ’`).
    pub double: bool,
    pub role: Role,
}

/// A speech cue at a token: a verb form (possibly several tokens long) or "according to".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cue {
    /// The verb (index into the lexicon), `None` for a preposition cue.
    pub verb: Option<u16>,
    /// Which forms of the verb the token is.
    pub forms: Forms,
    /// Number of tokens the cue spans.
    pub len: usize,
}

impl Cue {
    pub fn is_prep(&self) -> bool {
        self.verb.is_none()
    }
}

/// One token of a content zone.
#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    pub text: &'a str,
    pub pos: Pos,
    pub span: Span,
    pub bs: usize,
    pub be: usize,
    pub sent: u32,
    pub block: u32,
    pub info: WordInfo,
    pub mark: Option<Mark>,
    pub cue: Option<Cue>,
    /// Starts with an upper-case letter.
    pub cap: bool,
}

impl Tok<'_> {
    /// Case-insensitive comparison with a lower-case word.
    pub fn is(&self, lower: &str) -> bool {
        self.text.eq_ignore_ascii_case(lower)
    }

    pub fn bit(&self, b: u32) -> bool {
        self.info.bits & b != 0
    }

    /// `.`, `!`, `?`, `…`: ends a sentence.
    pub fn is_final(&self) -> bool {
        matches!(self.text, "." | "!" | "?" | "…" | "..." | "?!" | "!!")
    }

    /// A word with a letter or digit.
    pub fn is_word(&self) -> bool {
        self.mark.is_none() && self.text.chars().any(char::is_alphanumeric)
    }

    /// A finite verb (or modal) by its tag.
    pub fn is_finite(&self) -> bool {
        self.pos.is_finite()
    }
}

/// A content zone's tokens.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Block {
    pub kind: ZoneKind,
    /// Index of the zone in `article.zones` (`usize::MAX` for sentences outside any zone).
    pub zone: usize,
    pub start: usize,
    pub end: usize,
}

/// A stretch inside quotation marks, within one block.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Piece {
    /// The opening mark.
    pub open: usize,
    /// The closing mark, when there is one in the block.
    pub close: Option<usize>,
    /// First token inside.
    pub start: usize,
    /// One past the last token inside.
    pub end: usize,
    pub block: usize,
    /// Continues the previous piece (a new paragraph, or a re-opened mark after a full stop,
    /// opening without the previous one closing).
    pub cont: bool,
}

impl Piece {
    /// One past the last token of the piece, closing mark included.
    pub fn outer_end(&self) -> usize {
        self.close.map_or(self.end, |c| c + 1)
    }
}

/// The lower-case form of a word, borrowed when it already is.
pub(crate) fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) || !s.is_ascii() {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

fn opens_before(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '“' | '‘')
        }
    }
}

fn closes_after(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '.' | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '—'
                        | '–'
                        | '-'
                        | '…'
                        | '”'
                        | '’'
                )
        }
    }
}

/// The role of a token as a quotation mark, if it is one.
fn mark_of(text: &str, tok: &str, bs: usize, be: usize) -> Option<Mark> {
    let before = text.get(..bs).and_then(|s| s.chars().next_back());
    let after = text.get(be..).and_then(|s| s.chars().next());
    let straight = |double: bool| -> Option<Mark> {
        // A mark glued to a digit is a unit (12" pipe, 5' 9").
        if before.is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        let open = opens_before(before) && !after.is_some_and(char::is_whitespace);
        let close = closes_after(after) && !before.is_some_and(char::is_whitespace);
        let role = match (open, close) {
            (true, false) => Role::Open,
            (false, true) => Role::Close,
            _ => Role::Either,
        };
        if !double && role == Role::Either {
            // A lone straight apostrophe with no telling neighbours is not a quote.
            return None;
        }
        Some(Mark { double, role })
    };
    match tok {
        "“" | "«" | "„" | "‟" | "``" => Some(Mark {
            double: true,
            role: Role::Open,
        }),
        "”" | "»" | "''" => Some(Mark {
            double: true,
            role: Role::Close,
        }),
        "\"" => straight(true),
        "‘" => Some(Mark {
            double: false,
            role: Role::Open,
        }),
        "’" => {
            // A closing single mark glued to a letter on both sides is an apostrophe.
            if before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric)
            {
                None
            } else {
                Some(Mark {
                    double: false,
                    role: Role::Close,
                })
            }
        }
        "'" | "`" => straight(false),
        _ => None,
    }
}

/// Tokens, blocks and the token range of each sentence.
pub(crate) type View<'a> = (Vec<Tok<'a>>, Vec<Block>, Vec<(usize, usize)>);

/// Builds the token view of an article; `None` when the text stage has not run.
pub(crate) fn build<'a>(
    lex: &Lexicon,
    article: &'a Article,
    analysis: &Analysis,
) -> Option<View<'a>> {
    let tokens = analysis.tokens.as_ref()?;
    let sentences = analysis.sentences.as_ref()?;
    let text = article.text.as_str();
    let mut toks: Vec<Tok<'a>> = Vec::with_capacity(tokens.len());
    let mut blocks: Vec<Block> = Vec::new();
    let mut sents: Vec<(usize, usize)> = Vec::with_capacity(sentences.len());
    let mut zi = 0usize;
    let zones = &article.zones;
    for (si, s) in sentences.iter().enumerate() {
        let first = (s.first_token as usize).min(tokens.len());
        let end = (s.end_token as usize).min(tokens.len()).max(first);
        let lo = toks.len();
        // The zone holding the sentence (zones and sentences are in text order).
        while zi < zones.len() && zones[zi].span.end <= s.span.start {
            zi += 1;
        }
        let mut zone = usize::MAX;
        let mut k = zi;
        while k < zones.len() && zones[k].span.start <= s.span.start {
            if zones[k].kind.is_content() && zones[k].span.contains(s.span) {
                zone = k;
            }
            k += 1;
        }
        let same_block = blocks
            .last()
            .is_some_and(|b| b.zone == zone && zone != usize::MAX && b.end == lo);
        if !same_block {
            blocks.push(Block {
                kind: s.zone,
                zone,
                start: lo,
                end: lo,
            });
        }
        let block = blocks.len() - 1;
        for t in &tokens[first..end] {
            let (bs, be) = (t.start_byte as usize, t.end_byte as usize);
            let Some(w) = text.get(bs..be) else {
                continue;
            };
            let info = lex.info(&lower(w));
            toks.push(Tok {
                text: w,
                pos: t.pos,
                span: t.span,
                bs,
                be,
                sent: si as u32,
                block: block as u32,
                info,
                mark: mark_of(text, w, bs, be),
                cue: None,
                cap: w.chars().next().is_some_and(char::is_uppercase),
            });
        }
        if let Some(b) = blocks.last_mut() {
            b.end = toks.len();
        }
        sents.push((lo, toks.len()));
    }
    for k in 0..toks.len() {
        toks[k].cue = cue_at(lex, &toks, k);
    }
    Some((toks, blocks, sents))
}

/// The cue starting at token `k`, judged by the lexicon and the token's tag and neighbours.
fn cue_at(lex: &Lexicon, t: &[Tok], k: usize) -> Option<Cue> {
    let tok = &t[k];
    if tok.mark.is_some() || !tok.is_word() {
        return None;
    }
    let same_sent = |j: usize| t.get(j).filter(|x| x.sent == tok.sent);
    let prev = if k > 0 { same_sent(k - 1) } else { None };
    let next = same_sent(k + 1);
    let mut found: Option<Cue> = None;
    if tok.bit(W_MULTI) {
        if let Some(entries) = lex.multi.get(lower(tok.text).as_ref()) {
            for (rest, what) in entries {
                let ok = rest
                    .iter()
                    .enumerate()
                    .all(|(i, w)| same_sent(k + 1 + i).is_some_and(|x| x.is(w)));
                if !ok {
                    continue;
                }
                match what {
                    Multi::Verb(id, forms) => {
                        found = Some(Cue {
                            verb: Some(*id),
                            forms: *forms,
                            len: rest.len() + 1,
                        });
                    }
                    Multi::Preposition => {
                        return Some(Cue {
                            verb: None,
                            forms: Forms::default(),
                            len: rest.len() + 1,
                        });
                    }
                    Multi::NotCue => return None,
                    Multi::Noun | Multi::Source => continue,
                }
                break;
            }
        }
    }
    let cue = match found {
        Some(c) => c,
        None => {
            let (id, forms) = tok.info.verb?;
            Cue {
                verb: Some(id),
                forms,
                len: 1,
            }
        }
    };
    let after_cue = same_sent(k + cue.len);
    // A capitalised word inside a sentence tagged as a proper noun is part of a name: "the
    // United States, Britain and France demanded …" has no cue "States".
    if matches!(tok.pos, Pos::NNP | Pos::NNPS)
        && prev.is_some()
        && tok.text.chars().next().is_some_and(char::is_uppercase)
    {
        return None;
    }
    let prev_det = prev.is_some_and(|p| {
        matches!(p.pos, Pos::DT | Pos::PRPS | Pos::POS) || p.is("'s") || p.is("’s")
    });
    let pos = tok.pos;
    let f = cue.forms;
    let ok = if f.has(Forms::BASE) && f.has(Forms::PAST) {
        // "forecast", "put": past and base alike, and often a noun ("its growth forecast").
        matches!(pos, Pos::VBD | Pos::VBN | Pos::VBP | Pos::VB) && !prev_det
    } else if f.has(Forms(Forms::PAST.0 | Forms::PART.0)) && !matches!(pos, Pos::VBG) {
        // "said", "told", "warned": verbs unless a determiner makes them adjectives
        // ("the said agreement", "a reported deal").
        !prev_det
    } else if f.has(Forms::S) && matches!(pos, Pos::VBZ | Pos::VBD | Pos::VBN | Pos::VB | Pos::VBP)
    {
        true
    } else if f.has(Forms::S) {
        // "notes", "claims" tagged as nouns: a verb only before "that" or at a clause end.
        !prev_det
            && prev.is_some_and(|p| {
                matches!(p.pos, Pos::NN | Pos::NNS | Pos::NNP | Pos::NNPS | Pos::PRP)
            })
            && after_cue.is_none_or(|n| n.is("that") || n.is_final() || matches!(n.text, "," | ":"))
    } else if f.has(Forms::GERUND) {
        matches!(pos, Pos::VBG)
            || prev.is_some_and(|p| p.text == "," || p.text == ":")
            || after_cue.is_some_and(|n| n.is("that") || n.text == ":")
    } else if f.has(Forms::BASE) {
        matches!(pos, Pos::VBP | Pos::VB) && !prev_det
    } else {
        false
    };
    let _ = next;
    ok.then_some(cue)
}

/// Finds the direct-quote pieces of every block, in text order.
///
/// Rules: double marks are primary unless a single mark opens first; marks of the other kind
/// inside a quotation are nested and ignored; a mark of the same kind that opens right after a
/// full stop re-opens the quotation (the previous stretch continues, as when a quoted paragraph
/// is followed by another); an open quotation ends at the end of its block. A single quotation
/// left open at the end of its block is dropped (it was most likely an apostrophe). A quotation
/// left open at the end of a paragraph continues into the next paragraph only when that
/// paragraph opens with a mark of the same kind.
pub(crate) fn pieces(t: &[Tok], blocks: &[Block]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    // Kind of the quotation left open at the end of the previous block.
    let mut open_from_prev: Option<bool> = None;
    for (bi, b) in blocks.iter().enumerate() {
        let carried = open_from_prev.take();
        let prev_para = bi > 0
            && blocks[bi - 1].kind == ZoneKind::Paragraph
            && b.kind == ZoneKind::Paragraph
            && blocks[bi - 1].end == b.start;
        // (open mark, double, nesting depth)
        let mut cur: Option<(usize, bool, u32)> = None;
        let mut cont_next = false;
        if let (Some(double), true) = (carried, prev_para) {
            if let Some(m) = t.get(b.start).and_then(|x| x.mark) {
                if m.double == double && m.role != Role::Close {
                    cont_next = true;
                }
            }
        }
        let mut k = b.start;
        while k < b.end {
            let Some(m) = t[k].mark else {
                k += 1;
                continue;
            };
            match cur {
                None => {
                    let next_is_word = t
                        .get(k + 1)
                        .is_some_and(|x| x.block == bi as u32 && x.mark.is_none());
                    let opens = match m.role {
                        Role::Open => true,
                        Role::Either => m.double,
                        Role::Close => false,
                    };
                    let double_before_mark =
                        m.double && t.get(k + 1).is_some_and(|x| x.block == bi as u32);
                    if opens && (next_is_word || double_before_mark) {
                        cur = Some((k, m.double, 0));
                    }
                }
                Some((open, double, depth)) => {
                    if m.double != double {
                        // Nested marks of the other kind (or apostrophes) are ignored.
                        k += 1;
                        continue;
                    }
                    match m.role {
                        Role::Close | Role::Either => {
                            if depth > 0 {
                                cur = Some((open, double, depth - 1));
                            } else {
                                out.push(Piece {
                                    open,
                                    close: Some(k),
                                    start: open + 1,
                                    end: k,
                                    block: bi,
                                    cont: std::mem::take(&mut cont_next),
                                });
                                cur = None;
                            }
                        }
                        Role::Open => {
                            let after_stop = k > open + 1 && t[k - 1].is_final();
                            if after_stop && depth == 0 {
                                // Re-opened without closing: the stretch so far ends here and
                                // the quotation continues.
                                out.push(Piece {
                                    open,
                                    close: None,
                                    start: open + 1,
                                    end: k,
                                    block: bi,
                                    cont: std::mem::take(&mut cont_next),
                                });
                                cont_next = true;
                                cur = Some((k, double, 0));
                            } else {
                                cur = Some((open, double, depth + 1));
                            }
                        }
                    }
                }
            }
            k += 1;
        }
        if let Some((open, double, _)) = cur {
            let next_opens_same = blocks.get(bi + 1).is_some_and(|nb| {
                nb.kind == ZoneKind::Paragraph
                    && b.kind == ZoneKind::Paragraph
                    && nb.start == b.end
                    && t.get(nb.start)
                        .and_then(|x| x.mark)
                        .is_some_and(|m| m.double == double && m.role != Role::Close)
            });
            if double || next_opens_same {
                if open + 1 < b.end {
                    out.push(Piece {
                        open,
                        close: None,
                        start: open + 1,
                        end: b.end,
                        block: bi,
                        cont: cont_next,
                    });
                }
                if next_opens_same {
                    open_from_prev = Some(double);
                }
            }
        }
    }
    out
}
