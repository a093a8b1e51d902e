//! Finding quotations: direct pieces and their attribution, reported speech, headline
//! attribution, then speaker resolution. See the crate documentation for the rules.
use dateline_model::{
    Analysis, Article, Entity, EntityType, Mention, Pos, Quote, QuoteKind, Span, Speaker, ZoneKind,
};

use crate::lexicon::{
    Forms, Lexicon, VerbFlags, W_ADJUNCT, W_ANAPHOR, W_AUX, W_BLOCK, W_COORD, W_INSTITUTION,
    W_LABEL, W_LINK, W_NEG, W_NOUN, W_OPENER, W_QUOTED, W_RELATIVE, W_SOURCE, W_SUBORD, W_TIME,
    W_TMOD,
};
use crate::tokens::{self, Block, Piece, Role, Tok};

/// Longest quotation kept, in chars; a longer chain of continued paragraphs is cut.
pub const MAX_QUOTE_CHARS: usize = 6000;
/// Most paragraphs one quotation may run over.
pub const MAX_QUOTE_BLOCKS: usize = 12;
/// Longest speaker noun phrase, in tokens.
const MAX_NP: usize = 24;

/// A token range `[a, b)`.
type TokRange = (usize, usize);

/// Who a candidate's speaker is, before resolution.
#[derive(Debug, Clone, PartialEq)]
enum Who {
    /// Not known yet: a direct quotation without attribution, to inherit or leave empty.
    Pending,
    /// No recoverable speaker.
    Nobody,
    /// A noun phrase, tokens `[a, b)`.
    Np(usize, usize),
}

#[derive(Debug, Clone)]
struct Cand {
    kind: QuoteKind,
    /// Content tokens `[a, b)`.
    content: (usize, usize),
    cue: Option<(usize, usize)>,
    who: Who,
    /// Last token that belongs to the quotation or its attribution (for adjacency).
    last: usize,
    /// Direct-quote chain index, when the candidate comes from one.
    chain: Option<usize>,
    /// Index of the cue token among coordinated clauses (content ended by a coordinator).
    coord_after: Option<usize>,
    /// Attributed only as a quoted label ("called it "X""): a reported clause around it
    /// absorbs it.
    label: bool,
}

struct Ctx<'a> {
    lex: &'a Lexicon,
    text: &'a str,
    t: Vec<Tok<'a>>,
    blocks: Vec<Block>,
    sents: Vec<(usize, usize)>,
    entities: &'a [Entity],
    /// (span, entity index), sorted by start.
    mentions: Vec<(Span, usize)>,
    /// Per token: chain index + 1 of the direct piece it lies in (marks included), or 0.
    in_chain: Vec<u32>,
    used_cue: Vec<bool>,
    /// Spans of wire datelines ("MOSCOW") opening a paragraph.
    datelines: Vec<Span>,
    /// The wire agency, whose name in a credit "(Reuters)" is no antecedent.
    agency: Option<&'a str>,
}

/// A direct-quote chain: pieces continuing one another.
#[derive(Debug, Clone)]
struct Chain {
    pieces: Vec<Piece>,
}

impl Chain {
    fn open(&self) -> usize {
        self.pieces[0].open
    }
    fn start(&self) -> usize {
        self.pieces[0].start
    }
    fn end(&self) -> usize {
        self.pieces[self.pieces.len() - 1].end
    }
    fn outer_end(&self) -> usize {
        self.pieces[self.pieces.len() - 1].outer_end()
    }
    fn close(&self) -> Option<usize> {
        self.pieces[self.pieces.len() - 1].close
    }
}

/// Runs the quote finder on one article.
pub(crate) fn run(lex: &Lexicon, article: &Article, analysis: &Analysis) -> Vec<Quote> {
    let Some((t, blocks, sents)) = tokens::build(lex, article, analysis) else {
        return Vec::new();
    };
    if t.is_empty() {
        return Vec::new();
    }
    let entities: &[Entity] = analysis.entities.as_deref().unwrap_or(&[]);
    let mut mentions: Vec<(Span, usize)> = Vec::new();
    for (ei, e) in entities.iter().enumerate() {
        for m in &e.mentions {
            mentions.push((m.span, ei));
        }
    }
    mentions.sort_by_key(|(s, ei)| (s.start, s.end, *ei));
    let n = t.len();
    let mut cx = Ctx {
        lex,
        text: article.text.as_str(),
        t,
        blocks,
        sents,
        entities,
        mentions,
        in_chain: vec![0; n],
        used_cue: vec![false; n],
        datelines: article
            .zones
            .iter()
            .filter(|z| z.kind == ZoneKind::Dateline)
            .map(|z| z.span)
            .collect(),
        agency: article.agency.as_deref(),
    };
    cx.find()
}

fn is_pronoun(t: &Tok) -> bool {
    matches!(t.pos, Pos::PRP)
        || ["he", "she", "they", "it", "we", "i", "you"]
            .iter()
            .any(|w| t.is(w))
}

impl<'a> Ctx<'a> {
    // ----- small predicates -------------------------------------------------------------

    fn sent_of(&self, k: usize) -> (usize, usize) {
        let s = self.t[k].sent as usize;
        self.sents.get(s).copied().unwrap_or((k, k + 1))
    }

    fn in_piece(&self, k: usize) -> bool {
        self.in_chain.get(k).is_some_and(|&c| c != 0)
    }

    fn is_cue(&self, k: usize) -> bool {
        self.t.get(k).is_some_and(|x| x.cue.is_some()) && !self.in_piece(k)
    }

    /// A token that can sit inside a noun phrase.
    fn np_inner(&self, k: usize) -> bool {
        let x = &self.t[k];
        if self.possessive_mark(k) {
            return true;
        }
        if x.mark.is_some() || x.cue.is_some() || x.is("that") || x.bit(W_RELATIVE) {
            return false;
        }
        if x.is("'s") || x.is("’s") || x.text == "&" {
            return true;
        }
        if self.capitalised_name(k) || self.glued_symbol(k) {
            return true;
        }
        // "the neighbouring/VBG government", "a reported/VBN deal", "the ruling/VBG Georgian
        // Dream party".
        if matches!(x.pos, Pos::VBG | Pos::VBN)
            && !x.cap
            && k > 0
            && matches!(self.t[k - 1].pos, Pos::DT | Pos::PRPS | Pos::JJ)
            && self.t.get(k + 1).is_some_and(|n| {
                matches!(n.pos, Pos::NN | Pos::NNS | Pos::JJ | Pos::NNP | Pos::NNPS)
                    && n.sent == x.sent
            })
        {
            return true;
        }
        match x.pos {
            Pos::DT
            | Pos::PDT
            | Pos::PRPS
            | Pos::JJ
            | Pos::JJR
            | Pos::JJS
            | Pos::NN
            | Pos::NNS
            | Pos::NNP
            | Pos::NNPS
            | Pos::CD
            | Pos::POS
            | Pos::HYPH
            | Pos::FW => true,
            Pos::IN | Pos::CC | Pos::TO | Pos::MD | Pos::WDT | Pos::WP | Pos::PRP => false,
            _ => x.cap && x.is_word() && !x.is_finite(),
        }
    }

    /// The run of capitalised words opening a sentence-case display line, when a lower-case
    /// word follows it ("Opec+ keeps output steady, says …": "Opec+").
    fn leading_name(&self, lo: usize, hi: usize) -> Option<(usize, usize)> {
        let mut e = lo;
        while e < hi
            && e < lo + 4
            && (self.t[e].cap || self.glued_symbol(e))
            && self.t[e].cue.is_none()
        {
            e += 1;
        }
        let next_lower = e < hi && self.t[e].is_word() && !self.t[e].cap;
        (e > lo && next_lower).then_some((lo, e))
    }

    /// A "+" or "&" glued to a capitalised word: part of a name ("Opec+", "AT&T").
    fn glued_symbol(&self, k: usize) -> bool {
        let x = &self.t[k];
        k > 0 && matches!(x.text, "+" | "&") && self.t[k - 1].be == x.bs && self.t[k - 1].cap
    }

    /// True when a determiner opens the phrase that `k` ends: "the host", "the online
    /// meeting" (up to three modifiers between).
    fn determiner_before(&self, k: usize) -> bool {
        let mut j = k;
        let mut steps = 0;
        while j > 0 && steps < 4 {
            let p = &self.t[j - 1];
            if p.sent != self.t[k].sent {
                return false;
            }
            if matches!(p.pos, Pos::DT | Pos::PRPS) || p.is("'s") || p.is("’s") {
                return true;
            }
            if !matches!(p.pos, Pos::JJ | Pos::NN | Pos::NNS | Pos::CD | Pos::HYPH) {
                return false;
            }
            j -= 1;
            steps += 1;
        }
        false
    }

    /// A capitalised word inside a sentence that the tagger read as a verb ("told Reuters/VBZ
    /// that"): a name, unless it is an auxiliary or modal (title-case headlines).
    fn capitalised_name(&self, k: usize) -> bool {
        let x = &self.t[k];
        if x.cap
            && x.is_word()
            && x.cue.is_none()
            && !x.bit(W_AUX)
            && !x.bit(W_BLOCK)
            && self
                .mentions_in(x.span)
                .any(|(ms, _)| ms.start <= x.span.start && x.span.end <= ms.end)
        {
            return true;
        }
        x.cap
            && x.is_word()
            && (x.pos.is_verb()
                || matches!(
                    x.pos,
                    Pos::TO | Pos::IN | Pos::CC | Pos::DT | Pos::RP | Pos::WDT | Pos::WP | Pos::PRP
                ) && x.text.len() > 1
                    && x.text
                        .chars()
                        .skip(1)
                        .any(|c| c.is_uppercase() || c.is_ascii_digit()))
            && k > 0
            && self.t[k - 1].sent == x.sent
            && self.t[k - 1].is_word()
            && !x.bit(W_AUX)
            && !x.bit(W_BLOCK)
            && !x.bit(W_NEG)
    }

    /// A single closing mark glued to a plural outside any quotation: a possessive
    /// ("Passengers' groups", "the unions' executives").
    fn possessive_mark(&self, k: usize) -> bool {
        let x = &self.t[k];
        k > 0
            && x.mark.is_some_and(|m| !m.double && m.role == Role::Close)
            && !self.in_piece(k)
            && self.t[k - 1].be == x.bs
            && self.t[k - 1].text.ends_with(['s', 'S'])
            && self
                .t
                .get(k + 1)
                .is_some_and(|n| n.is_word() && n.sent == x.sent)
    }

    /// A token that can end a noun phrase (its head).
    fn np_end(&self, k: usize) -> bool {
        let x = &self.t[k];
        if self.glued_symbol(k) {
            return true;
        }
        if x.mark.is_some() || x.cue.is_some() || x.is("that") || !x.is_word() {
            return false;
        }
        if x.bit(W_SOURCE) || self.capitalised_name(k) || self.glued_symbol(k) {
            return true;
        }
        // A head the tagger read as an adjective or a verb right after a determiner ("the
        // host/JJS told", "the meeting/VBG said").
        if k > 0
            && !x.cap
            && matches!(
                x.pos,
                Pos::JJ | Pos::JJS | Pos::JJR | Pos::VBG | Pos::VB | Pos::VBP
            )
            && !x.text.ends_with("ly")
            && !x.bit(W_AUX)
            && !x.bit(W_BLOCK)
            && self.determiner_before(k)
        {
            return true;
        }
        match x.pos {
            Pos::NN | Pos::NNS | Pos::NNP | Pos::NNPS | Pos::CD | Pos::FW => true,
            Pos::PRP => is_pronoun(x),
            Pos::DT | Pos::IN | Pos::CC | Pos::TO | Pos::MD | Pos::WDT | Pos::WP | Pos::PRPS => {
                false
            }
            _ => x.cap && !x.is_finite(),
        }
    }

    /// The basic noun phrase ending at token `j` (inclusive), not before `lo`.
    fn np_basic_left(&self, j: usize, lo: usize) -> Option<usize> {
        if j < lo || !self.np_end(j) {
            return None;
        }
        if is_pronoun(&self.t[j]) && self.t[j].pos != Pos::NNP {
            return Some(j);
        }
        let mut s = j;
        while s > lo && j - s < MAX_NP && self.np_inner(s - 1) {
            s -= 1;
            // A determiner opens the phrase ("… the group" after "Al Jazeera").
            if matches!(self.t[s].pos, Pos::DT | Pos::PRPS) && self.t[s].pos != Pos::PDT {
                break;
            }
        }
        Some(s)
    }

    /// The noun phrase ending at token `j` (inclusive): a basic phrase extended to the left over
    /// modifiers ("a source familiar with the talks") and coordination ("Russia and China").
    fn np_left(&self, j: usize, lo: usize) -> Option<(usize, usize)> {
        let mut s = self.np_basic_left(j, lo)?;
        if is_pronoun(&self.t[j]) && s == j {
            return Some((j, j + 1));
        }
        loop {
            if s < lo + 2 || j + 1 - s > MAX_NP {
                break;
            }
            let before = &self.t[s - 1];
            if before.bit(W_LINK) && before.pos != Pos::NN {
                let mut p = s - 1;
                // "familiar with", "close to", "polled by": the word before goes with the link.
                if p > lo
                    && (self.t[p - 1].bit(W_LINK)
                        || (matches!(self.t[p - 1].pos, Pos::VBN | Pos::VBG | Pos::VBD)
                            && self.t[p - 1].cue.is_none()
                            && !self.t[p - 1].cap))
                {
                    p -= 1;
                }
                // A modifier of time is no part of the speaker ("Peskov on Monday").
                if p > lo && !self.t[p - 1].bit(W_TIME) {
                    if let Some(s2) = self.np_basic_left(p - 1, lo) {
                        if !is_pronoun(&self.t[p - 1]) {
                            s = s2;
                            continue;
                        }
                    }
                }
                break;
            }
            // "a statement issued after the meeting": a participle and its prepositional phrase.
            if before.pos == Pos::IN
                && !before.is("that")
                && s >= lo + 3
                && self.t[s - 2].pos == Pos::VBN
                && self.t[s - 2].cue.is_none()
                && self.np_end(s - 3)
                && !is_pronoun(&self.t[s - 3])
            {
                if let Some(s2) = self.np_basic_left(s - 3, lo) {
                    s = s2;
                    continue;
                }
            }
            if before.is("and") && s >= lo + 2 && self.np_end(s - 2) && !is_pronoun(&self.t[s - 2])
            {
                if let Some(s2) = self.np_basic_left(s - 2, lo) {
                    s = s2;
                    continue;
                }
            }
            break;
        }
        // The phrase never starts with a link word.
        while s < j && (self.t[s].bit(W_LINK) && self.t[s].pos == Pos::IN) {
            s += 1;
        }
        Some((s, j + 1))
    }

    /// The noun phrase ending at `j`, through appositives, ages, origins and relative clauses
    /// between commas ("Dmitry Peskov, the Kremlin spokesman, said"; "Peskov, who spoke by
    /// phone, said"; "Andrew Fisher, 20, from Omaha, Nebraska, said"; "Mark Rowe, of West
    /// Yorkshire Police, said"). The phrase starts at the leftmost plain noun phrase of the chain.
    fn np_left_app(&self, j: usize, lo: usize) -> Option<(usize, usize)> {
        if self.t[j].text != "," {
            return self.np_left(j, lo);
        }
        let mut comma = j;
        let mut head: Option<usize> = None;
        let mut plain = 0;
        for _ in 0..5 {
            // The comma before this segment.
            let mut p = comma;
            let mut found = None;
            while p > lo && comma - p < 16 {
                p -= 1;
                let x = &self.t[p];
                if x.text == "," {
                    found = Some(p);
                    break;
                }
                if x.is_final() || x.mark.is_some() {
                    break;
                }
            }
            let seg_lo = found.map_or(lo, |p| p + 1);
            if seg_lo >= comma {
                break;
            }
            let first = &self.t[seg_lo];
            let np = self.np_left(comma - 1, seg_lo);
            let is_np = np.is_some_and(|(s, _)| s == seg_lo);
            // (", speaking on condition of anonymity,", ", speaking to reporters,": a participle
            // between commas describes the speaker.)
            let appositive_like = first.bit(W_RELATIVE)
                || (first.pos == Pos::VBG && found.is_some())
                || (first.pos == Pos::IN && self.np_right(seg_lo + 1, comma) == Some(comma))
                || (first.pos == Pos::CD && seg_lo + 1 == comma);
            match found {
                // The segment opening the chain: the noun phrase ending at the comma (a comma
                // right before the cue with nothing between commas closes no appositive).
                None => {
                    if comma == j {
                        return None;
                    }
                    // "In Moscow, officials, who …, said": a plain phrase already found stays
                    // the head unless this segment is a noun phrase from its first word.
                    if let Some((s, _)) = np {
                        if plain == 0 || is_np {
                            head = Some(s);
                        }
                    }
                    break;
                }
                Some(p) => {
                    if is_np {
                        plain += 1;
                        if plain > 2 {
                            break;
                        }
                        head = Some(seg_lo);
                        // A plain phrase opens the chain unless a comma precedes it.
                        if p == lo {
                            break;
                        }
                    } else if !appositive_like {
                        // Not part of the chain: the noun phrase ending at its end opens it.
                        if comma == j {
                            return None;
                        }
                        if let Some((s, _)) = np {
                            if head.is_none() || plain == 0 {
                                head = Some(s);
                            }
                        }
                        break;
                    }
                    comma = p;
                }
            }
        }
        let s = head?;
        // The chain must hold a noun phrase head, not only ages and origins.
        (s < j).then_some((s, j))
    }

    /// The noun phrase starting at `i`, not past `hi`: a basic phrase extended to the right over
    /// modifiers. Returns its end (exclusive).
    fn np_right(&self, i: usize, hi: usize) -> Option<usize> {
        let basic = |i: usize| -> Option<usize> {
            if i >= hi {
                return None;
            }
            if is_pronoun(&self.t[i]) && self.t[i].pos != Pos::NNP {
                return Some(i + 1);
            }
            let mut e = i;
            while e < hi && e - i < MAX_NP && self.np_inner(e) {
                // A determiner after a noun opens the next phrase ("told Al Jazeera the group").
                if e > i
                    && matches!(self.t[e].pos, Pos::DT | Pos::PRPS)
                    && matches!(self.t[e - 1].pos, Pos::NN | Pos::NNS | Pos::NNP | Pos::NNPS)
                {
                    break;
                }
                e += 1;
            }
            // A head the tagger read as an adjective or verb before the end of the phrase
            // ("says challenger/JJR.", "told the meeting/VBG that").
            if e < hi {
                let x = &self.t[e];
                let next_ends = self.t.get(e + 1).is_none_or(|n| {
                    e + 1 >= hi
                        || n.is_final()
                        || n.is("that")
                        || matches!(n.text, "," | ":" | ";")
                        || matches!(n.pos, Pos::IN | Pos::TO)
                });
                if !x.cap
                    && x.is_word()
                    && x.cue.is_none()
                    && matches!(
                        x.pos,
                        Pos::JJ | Pos::JJR | Pos::JJS | Pos::VBG | Pos::VB | Pos::VBP
                    )
                    && !x.bit(W_AUX)
                    && !x.bit(W_BLOCK)
                    && !x.bit(W_NEG)
                    && !x.bit(W_LINK)
                    && !x.text.ends_with("ly")
                    && next_ends
                    && (e == i || self.t[e - 1].pos != Pos::IN)
                    && (e > i
                        || self
                            .t
                            .get(e.wrapping_sub(1))
                            .is_some_and(|p| p.cue.is_some()))
                {
                    return Some(e + 1);
                }
            }
            // A speech noun the tagger read as a verb ("its daily operations report that").
            if e > i
                && e < hi
                && self.t[e].bit(W_NOUN)
                && self.t[e].cue.is_some()
                && matches!(
                    self.t[e - 1].pos,
                    Pos::JJ | Pos::NN | Pos::NNS | Pos::PRPS | Pos::DT
                )
                && matches!(self.t[i].pos, Pos::DT | Pos::PRPS)
                && self.t.get(e + 1).is_none_or(|n| {
                    n.is("that") || !n.is_word() || matches!(n.pos, Pos::IN | Pos::TO)
                })
            {
                return Some(e + 1);
            }
            let run = e;
            while e > i && !self.np_end(e - 1) {
                e -= 1;
            }
            // "says challenger/JJR." — the run's last word is its head.
            if e == i && run > i {
                let x = &self.t[run - 1];
                let ends = self.t.get(run).is_none_or(|n| {
                    run >= hi || n.is_final() || matches!(n.text, "," | ":" | ";") || n.is("that")
                });
                if !x.cap && matches!(x.pos, Pos::JJ | Pos::JJR | Pos::JJS) && ends {
                    return Some(run);
                }
            }
            (e > i).then_some(e)
        };
        let mut e = basic(i)?;
        while e + 1 < hi && self.t[e].bit(W_LINK) && self.t[e].pos != Pos::NN && e - i < MAX_NP {
            // "familiar with", "close to".
            let mut p = e + 1;
            if p < hi && self.t[p].bit(W_LINK) && self.t[p].pos == Pos::IN {
                p += 1;
            }
            match basic(p) {
                Some(e2) if !self.t[e2 - 1].bit(W_TIME) && !is_pronoun(&self.t[p]) => e = e2,
                _ => break,
            }
        }
        Some(e)
    }

    /// Skips auxiliaries, adverbs and adjuncts of time to the left of a cue at `c`. Returns the
    /// index of the token before them, or `None` when the cue is negated, passive, modal or an
    /// infinitive (no statement was made).
    fn skip_left(&self, c: usize, lo: usize) -> Option<Option<usize>> {
        let mut k = c;
        let mut steps = 0;
        let mut after_time = false;
        while k > lo && steps < 8 {
            let x = &self.t[k - 1];
            if x.bit(W_NEG) {
                return None;
            }
            if x.bit(W_BLOCK) && !(x.is("'s") && x.pos == Pos::POS) {
                return None;
            }
            let adverb = x.pos == Pos::RB && !x.cap;
            if x.bit(W_AUX) || x.bit(W_TIME) || adverb {
                after_time = x.bit(W_TIME);
                k -= 1;
                steps += 1;
                continue;
            }
            // "on Monday", "late on Tuesday", "this week".
            if x.bit(W_TMOD) && after_time {
                k -= 1;
                steps += 1;
                continue;
            }
            break;
        }
        Some(if k > lo { Some(k - 1) } else { None })
    }

    /// The subject of the cue at `c`: the noun phrase to its left, through auxiliaries and
    /// adjuncts of time, appositives and relative pronouns. `Err(())` when the cue makes no
    /// statement (negated, passive, modal, infinitive).
    fn subject_of(&self, c: usize, lo: usize) -> Result<Option<(usize, usize)>, ()> {
        let Some(j) = self.skip_left(c, lo) else {
            return Err(());
        };
        let Some(j) = j else {
            return Ok(None);
        };
        let x = &self.t[j];
        if x.bit(W_RELATIVE) && !x.is("that") {
            // "officials, who said ..." / "officials who said ...".
            if j > lo {
                let k = if self.t[j - 1].text == "," { j - 1 } else { j };
                if k > lo {
                    return Ok(self.np_left(k - 1, lo));
                }
            }
            return Ok(None);
        }
        if x.is("that") {
            // "officials that said" (subject relative) only after a noun.
            if j > lo && self.np_end(j - 1) && !self.np_end(c + 1) {
                return Ok(self.np_left(j - 1, lo));
            }
            return Ok(None);
        }
        Ok(self.np_left_app(j, lo))
    }

    /// The subject of the main clause in `[lo, hi)`: the subject of its first finite verb (for
    /// participial cues: "Putin tempered expectations, saying ...").
    fn main_subject(&self, lo: usize, hi: usize) -> Option<(usize, usize)> {
        // A speech verb is the most reliable main verb ("A senior diplomat said …, adding").
        for k in lo..hi {
            if self.in_piece(k) {
                continue;
            }
            if let Some(cue) = self.t[k].cue {
                if !cue.is_prep() && !cue.forms.has(Forms::GERUND) {
                    if let Ok(Some(np)) = self.subject_of(k, lo) {
                        return Some(np);
                    }
                }
            }
        }
        let mut k = lo;
        while k < hi {
            if self.in_piece(k) {
                k += 1;
                continue;
            }
            let x = &self.t[k];
            // A head noun mis-tagged as a verb ("diplomat/VBP") is no verb.
            let nounish = x.bit(W_SOURCE) || x.bit(W_NOUN) || x.cap;
            let finite = (x.is_finite() && !nounish)
                || x.cue.is_some_and(|c| {
                    c.forms.has(Forms(Forms::PAST.0 | Forms::S.0)) && !c.is_prep()
                });
            if finite {
                let rel = k > lo && {
                    let p = &self.t[k - 1];
                    p.bit(W_RELATIVE)
                };
                if !rel {
                    if let Ok(Some(np)) = self.subject_of(k, lo) {
                        return Some(np);
                    }
                    // Auxiliary chains ("has tempered"): keep looking only past non-auxiliaries.
                    if !x.bit(W_AUX) && !x.bit(W_BLOCK) {
                        return None;
                    }
                }
            }
            k += 1;
        }
        None
    }

    /// The subject of the nearest verb before `k` (a coordinated verb shares it: "if Gerrard
    /// comes out and says …").
    fn nearest_subject(&self, lo: usize, k: usize) -> Option<(usize, usize)> {
        let mut v = k;
        while v > lo {
            v -= 1;
            if self.in_piece(v) {
                continue;
            }
            let x = &self.t[v];
            if x.is_final() || x.text == ";" {
                return None;
            }
            let finite = (x.is_finite() && !x.bit(W_SOURCE) && !x.bit(W_NOUN) && !x.cap)
                || x.cue.is_some_and(|c| {
                    !c.is_prep() && c.forms.has(Forms(Forms::PAST.0 | Forms::S.0))
                });
            if finite {
                // Through auxiliaries: "has repeatedly said".
                let mut a = v;
                while a > lo && (self.t[a - 1].bit(W_AUX) || self.t[a - 1].pos == Pos::RB) {
                    a -= 1;
                }
                return self.subject_of(a, lo).ok().flatten();
            }
        }
        None
    }

    /// Skips adjuncts after a cue: adverbs, adjuncts of time, prepositional phrases ("on
    /// Wednesday", "in a statement"). Returns the next token and whether every adjunct was
    /// "safe" (of time, or naming a speech event), so that a bare clause may follow it.
    fn skip_adjuncts(&self, mut k: usize, hi: usize) -> (usize, bool) {
        let mut safe = true;
        let mut steps = 0;
        while k < hi && steps < 6 {
            steps += 1;
            let x = &self.t[k];
            if x.is("that") || x.mark.is_some() {
                break;
            }
            if x.bit(W_ADJUNCT) && (x.pos == Pos::IN || x.bit(W_TMOD) || x.pos == Pos::RB) {
                if let Some(e) = self.np_right(k + 1, hi) {
                    let head = &self.t[e - 1];
                    let ok = head.bit(W_TIME)
                        || head.bit(W_NOUN)
                        || matches!(head.pos, Pos::CD)
                        || (k + 1..e).any(|i| self.t[i].bit(W_NOUN));
                    safe &= ok;
                    k = e;
                    continue;
                }
            }
            // Adverbs of time and manner ("later", "privately", "last week"), not "there",
            // "so" or "this tactic".
            let adverb = x.pos == Pos::RB && !x.bit(W_NEG) && x.text.ends_with("ly");
            if (x.bit(W_TIME) && !x.bit(W_ADJUNCT)) || adverb {
                k += 1;
                continue;
            }
            if let Some(e) = self.time_phrase(k, hi) {
                k = e;
                continue;
            }
            // ", however," and the like.
            if x.text == ","
                && k + 2 < hi
                && self.t[k + 2].text == ","
                && (self.t[k + 1].pos == Pos::RB || self.t[k + 1].bit(W_TIME))
            {
                k += 3;
                continue;
            }
            break;
        }
        (k, safe)
    }

    /// True when tokens `[a, b)` read as a clause: a finite verb (a past participle counts: the
    /// tagger often reads a past tense after a noun as one), or a verb of any form in a stretch
    /// of six words or more.
    fn has_finite(&self, a: usize, b: usize) -> bool {
        let finite = (a..b).any(|k| {
            let x = &self.t[k];
            x.is_finite()
                || x.pos == Pos::VBN
                || x.cue
                    .is_some_and(|c| c.forms.has(Forms(Forms::PAST.0 | Forms::S.0)))
        });
        finite || (self.words(a, b) >= 6 && (a..b).any(|k| self.t[k].pos.is_verb()))
    }

    /// Matches a content-end sequence of the lexicon at token `k`: `Some(true)` ends the
    /// content, `Some(false)` is an exception, `None` no match.
    fn content_end_at(&self, k: usize, hi: usize) -> Option<bool> {
        for (ws, exception) in &self.lex.content_end {
            if k + ws.len() > hi {
                continue;
            }
            if ws.iter().enumerate().all(|(i, w)| self.t[k + i].is(w)) {
                return Some(!exception);
            }
        }
        None
    }

    /// Where a reported clause starting at `start` ends, within `[start, hi)`. Returns the end
    /// and, when a coordinated speech clause follows, the index of its cue.
    fn content_end(&self, start: usize, hi: usize, forms: Forms) -> (usize, Option<usize>) {
        let mut k = start;
        while k < hi {
            if self.in_piece(k) {
                let c = self.in_chain[k];
                while k < hi && self.in_chain[k] == c {
                    k += 1;
                }
                continue;
            }
            let x = &self.t[k];
            if k >= start + 3 {
                if let Some(ends) = self.content_end_at(k, hi) {
                    if ends {
                        return (k, None);
                    }
                }
            }
            if x.text == ";" && k > start {
                return (k, None);
            }
            // "…, which Berlin described as …": a relative clause giving another source's words
            // is the reporter's, not the speaker's.
            if x.text == ","
                && k > start
                && self.t.get(k + 1).is_some_and(|n| n.is("which"))
                && (k + 2..hi.min(k + 6)).any(|j| self.is_cue(j))
            {
                return (k, None);
            }
            // "…, a step that would hit China": a noun summing up the clause, with a relative
            // clause, is the reporter's comment on what was said.
            if x.text == ","
                && k > start + 2
                && self.t.get(k + 1).is_some_and(|n| n.is("a") || n.is("an"))
                && (k + 3..hi.min(k + 5)).any(|j| self.t[j].is("that") || self.t[j].is("which"))
            {
                return (k, None);
            }
            // "…, a loophole critics say …", "…, Interfax reported": a noun phrase and a speech
            // verb after a comma start another source's words.
            if x.text == "," && k > start + 2 {
                if let Some(e) = self.np_right(k + 1, hi) {
                    let cue = self.t.get(e).and_then(|t| t.cue);
                    if e <= k + 6
                        && self.is_cue(e)
                        && cue.is_some_and(|c| !c.is_prep() && !c.forms.has(Forms::GERUND))
                    {
                        return (k, None);
                    }
                }
            }
            if x.text == ":" && k > start && self.t.get(k + 1).is_some_and(|n| n.mark.is_some()) {
                return (k, None);
            }
            // ", saying ...", ", adding that ...", ", while warning": a participial cue starts
            // its own quotation.
            if x.text == "," && k > start {
                let mut n = k + 1;
                if n < hi && self.t[n].bit(W_SUBORD) {
                    n += 1;
                }
                if n < hi
                    && self.t[n]
                        .cue
                        .is_some_and(|c| c.forms.has(Forms::GERUND) && !c.is_prep())
                {
                    return (k, None);
                }
            }
            // "... but said B", "..., but Lavrov said B": a coordinated speech clause.
            if x.bit(W_COORD) && k > start + 1 {
                let mut j = k + 1;
                while j < hi && (self.t[j].bit(W_AUX) || self.t[j].pos == Pos::RB) && j < k + 4 {
                    j += 1;
                }
                // ("but expected to see …", "but expected it to cooperate": a prediction with
                // an infinitive is an attitude, no new statement; "and urged passengers to
                // check …" is one.)
                let infinitive = |j: usize| {
                    let predicts = self.t[j]
                        .cue
                        .and_then(|c| c.verb)
                        .and_then(|v| self.lex.verb(v))
                        .is_some_and(|v| v.class == "predict");
                    predicts
                        && (self.t.get(j + 1).is_some_and(|n| n.is("to"))
                            || self
                                .np_right(j + 1, hi)
                                .is_some_and(|e| e < hi && e <= j + 4 && self.t[e].is("to")))
                };
                // "while the North continued its provocations": a verb that reports speech
                // only when it introduces words ("continued:", "added that") has an object.
                let introduces = |j: usize| {
                    let adds = self.t[j]
                        .cue
                        .and_then(|c| c.verb)
                        .and_then(|v| self.lex.verb(v))
                        .is_some_and(|v| v.class == "add");
                    !adds
                        || self.t.get(j + 1).is_none_or(|n| {
                            n.is("that") || matches!(n.text, "," | ":") || n.mark.is_some()
                        })
                };
                let same_form = |j: usize| {
                    j < hi
                        && self.is_cue(j)
                        && self.t[j].cue.is_some_and(|c| {
                            !c.is_prep() && c.forms.compatible(forms) && !c.forms.has(Forms::GERUND)
                        })
                        && !infinitive(j)
                        && introduces(j)
                };
                let end = if self.t[k - 1].text == "," { k - 1 } else { k };
                if same_form(j) {
                    return (end, Some(j));
                }
                // "said the court had trampled on democracy and called on the government to …",
                // "said it received the request but declines to comment": the speaker's own next
                // act (the lexicon's speaker acts) ends what was said.
                if self.lex.speaker_acts.iter().any(|ws| {
                    j + ws.len() <= hi && ws.iter().enumerate().all(|(d, w)| self.t[j + d].is(w))
                }) {
                    return (end, None);
                }

                // A past-tense verb after "and" cannot continue a reported clause whose verb
                // hangs on a modal: "said it would respond with measures and summoned the
                // ambassador" — the speaker's next act, not what was said. (The parse's
                // coordination is not used: it often hangs such verbs on the wrong head.)
                if j < hi
                    && self.t[j].pos == Pos::VBD
                    && forms.has(Forms::PAST)
                    && (start..k).any(|x| self.t[x].pos == Pos::MD)
                    && !(start..k).any(|x| self.t[x].pos == Pos::VBD)
                {
                    return (end, None);
                }
                // So does a present perfect after "and" when the cue is in the present: "says
                // the project is vital to its development and has offered only guidelines" —
                // what the speaker has done, in the cue's own tense.
                if k + 2 < hi
                    && self.t[k].is("and")
                    && matches!(self.t[k + 1].text, "has" | "have")
                    && self.t[k + 2].pos == Pos::VBN
                    && forms.has(Forms::S)
                    && !forms.has(Forms::PAST)
                {
                    return (end, None);
                }
                // "..., but he did not rule them out": negated do-support after a coordinator
                // tells what the speaker did, not what was said.
                let subj_end = match self.np_right(k + 1, hi) {
                    Some(e) if e - (k + 1) <= 3 => e,
                    _ => k + 1,
                };
                if subj_end + 1 < hi
                    && self.t[subj_end].bit(W_AUX)
                    && matches!(self.t[subj_end].pos, Pos::VBD | Pos::VBZ | Pos::VBP)
                    && self.t[subj_end + 1].bit(W_NEG)
                {
                    return (end, None);
                }
                // "..., and praised his handling of the economy": after a comma, a coordinator
                // and a lexical verb in the cue's tense (no subject) continue the main clause.
                if self.t[k - 1].text == "," && j < hi {
                    let v = &self.t[j];
                    let tense = match v.pos {
                        Pos::VBD => Forms::PAST,
                        Pos::VBZ => Forms::S,
                        Pos::VBP => Forms::BASE,
                        _ => Forms::default(),
                    };
                    let lexical = !v.bit(W_AUX) && !v.bit(W_BLOCK) && v.pos != Pos::MD;
                    if lexical && tense != Forms::default() && tense.compatible(forms) {
                        return (end, None);
                    }
                }
                if let Some(e) = self.np_right(k + 1, hi) {
                    let mut j = e;
                    while j < hi && (self.t[j].bit(W_AUX) || self.t[j].pos == Pos::RB) && j < e + 3
                    {
                        j += 1;
                    }
                    if e - (k + 1) <= 6 && same_form(j) {
                        return (end, None);
                    }
                }
            }
            k += 1;
        }
        (hi, None)
    }

    /// Drops closing punctuation (outside quotation marks) from the end of `[a, b)`.
    fn trim_end(&self, a: usize, mut b: usize) -> usize {
        while b > a {
            let x = &self.t[b - 1];
            if (x.is_final() || matches!(x.text, "," | ";" | ":" | "—" | "–" | "-"))
                && !self.in_piece(b - 1)
            {
                b -= 1;
            } else {
                break;
            }
        }
        b
    }

    /// Skips a wire dateline ("MOSCOW, Feb 26 (Reuters) -") and openers ("But", "However,")
    /// at the start of a clause.
    fn trim_start(&self, mut a: usize, b: usize) -> usize {
        if a < b {
            let s = self.t[a].span;
            if self
                .datelines
                .iter()
                .any(|d| d.start <= s.start && s.start < d.end.max(d.start + 1))
            {
                let lim = (a + 16).min(b);
                if let Some(d) = (a..lim).find(|&k| {
                    matches!(self.t[k].text, "-" | "--" | "—" | "–") && !self.in_piece(k)
                }) {
                    a = d + 1;
                }
            }
        }
        let mut steps = 0;
        while a < b && steps < 3 {
            let x = &self.t[a];
            let glued = self
                .t
                .get(a + 1)
                .is_some_and(|n| n.bs == x.be && n.is_word());
            if x.bit(W_OPENER) && !self.in_piece(a) && !glued {
                a += 1;
                if a < b && self.t[a].text == "," {
                    a += 1;
                }
                steps += 1;
            } else {
                break;
            }
        }
        a
    }

    fn words(&self, a: usize, b: usize) -> usize {
        (a..b).filter(|&k| self.t[k].is_word()).count()
    }

    // ----- the passes --------------------------------------------------------------------

    fn find(&mut self) -> Vec<Quote> {
        // 1. Direct pieces, chained across paragraphs and re-opened marks.
        let pieces = tokens::pieces(&self.t, &self.blocks);
        let mut chains: Vec<Chain> = Vec::new();
        for p in pieces {
            let join = p.cont
                && chains.last().is_some_and(|c| {
                    let first = &c.pieces[0];
                    let last = &c.pieces[c.pieces.len() - 1];
                    let chars = self.t[p.end.saturating_sub(1).max(p.start)]
                        .span
                        .end
                        .saturating_sub(self.t[first.open].span.start);
                    last.close.is_none()
                        && p.block <= last.block + 1
                        && p.block - first.block < MAX_QUOTE_BLOCKS
                        && chars <= MAX_QUOTE_CHARS
                });
            if join {
                if let Some(c) = chains.last_mut() {
                    c.pieces.push(p);
                }
            } else {
                chains.push(Chain { pieces: vec![p] });
            }
        }
        for (ci, c) in chains.iter().enumerate() {
            for p in &c.pieces {
                for k in p.open..p.outer_end() {
                    if let Some(slot) = self.in_chain.get_mut(k) {
                        *slot = ci as u32 + 1;
                    }
                }
            }
        }

        // 2. Attribution of direct quotations: after the closing mark, before the opening one.
        let mut cands: Vec<Cand> = Vec::new();
        let mut merged_into: Vec<Option<usize>> = vec![None; chains.len()];
        let mut ci = 0;
        while ci < chains.len() {
            if merged_into[ci].is_some() {
                ci += 1;
                continue;
            }
            let chain = &chains[ci];
            let mut cand = Cand {
                kind: QuoteKind::Direct,
                content: (chain.start(), chain.end()),
                cue: None,
                who: Who::Pending,
                last: chain.outer_end().saturating_sub(1),
                chain: Some(ci),
                coord_after: None,
                label: false,
            };
            if let Some((cue, who, tail_end, split)) = self.post_attribution(chain) {
                cand.cue = Some(cue);
                cand.who = who;
                cand.last = tail_end.saturating_sub(1).max(cand.last);
                // A quotation split by its attribution: "Our patience," she said, "is ...".
                if split && ci + 1 < chains.len() && chains[ci + 1].open() == tail_end {
                    let next = &chains[ci + 1];
                    cand.content.1 = next.end();
                    cand.last = next.outer_end().saturating_sub(1);
                    merged_into[ci + 1] = Some(ci);
                    for k in tail_end..next.outer_end() {
                        self.in_chain[k] = ci as u32 + 1;
                    }
                    for k in chain.outer_end()..tail_end {
                        // The attribution inside a split quotation is part of it.
                        self.in_chain[k] = ci as u32 + 1;
                    }
                }
                // A quoted fragment at the end of a clause: "Talks will resume, "possibly next
                // week", officials said." → one mixed quotation from the clause start.
                let (lo, _) = self.sent_of(chain.open());
                let a = self.trim_start(lo, chain.open());
                if chain.pieces.len() == 1
                    && self.words(a, chain.open()) >= 2
                    && !(a..chain.open()).any(|k| self.is_cue(k))
                    && self.has_finite(a, chain.open())
                    && self.t[chain.open() - 1].text != ":"
                {
                    cand.kind = QuoteKind::Mixed;
                    cand.content.0 = a;
                    cand.content.1 = chain.outer_end();
                }
            } else if let Some((cue, who)) = self.pre_attribution(chain) {
                cand.label = self.t[cue.0].bit(W_LABEL) && cue.1 == cue.0 + 1;
                cand.cue = Some(cue);
                cand.who = who;
            }
            if let Some((c0, c1)) = cand.cue {
                for k in c0..c1 {
                    self.used_cue[k] = true;
                }
            }
            cands.push(cand);
            ci += 1;
        }

        // 3. Reported speech, sentence by sentence.
        let mut reported: Vec<Cand> = Vec::new();
        for si in 0..self.sents.len() {
            let (lo, hi) = self.sents[si];
            if lo >= hi {
                continue;
            }
            let bk = self.blocks[self.t[lo].block as usize].kind;
            if matches!(bk, ZoneKind::DisplayDate | ZoneKind::Byline) {
                continue;
            }
            self.reported_in(lo, hi, &mut reported, &cands);
        }

        // 4. Headlines: "CONTENT: SPEAKER", "SPEAKER: CONTENT", "CONTENT — SPEAKER".
        for bi in 0..self.blocks.len() {
            let b = self.blocks[bi];
            if b.kind != ZoneKind::Headline {
                continue;
            }
            let taken = |k: usize, reported: &Vec<Cand>| {
                reported.iter().any(|c| c.content.0 <= k && k < c.content.1)
            };
            if taken(b.start, &reported) {
                continue;
            }
            if let Some(c) = self.headline(b) {
                reported.push(c);
            }
        }

        // 5. Reported clauses absorb the unattributed pieces inside them (mixed quotations).
        let mut drop_chain = vec![false; chains.len()];
        for r in &mut reported {
            let (a, mut b) = r.content;
            let mut inside: Vec<usize> = Vec::new();
            let mut k = a;
            while k < b {
                let c = self.in_chain[k];
                if c != 0 {
                    let ci = c as usize - 1;
                    let ch = &chains[ci];
                    let owner = cands.iter().find(|x| x.chain == Some(ci));
                    let mine =
                        owner.is_some_and(|o| o.who == Who::Pending || o.label || o.cue == r.cue);
                    if !mine {
                        // An attributed quotation of its own: the clause stops before it.
                        b = self.trim_end(a, k.max(a));
                        break;
                    }
                    inside.push(ci);
                    let end = ch.outer_end();
                    if end > b {
                        b = end;
                    }
                    k = end;
                    continue;
                }
                k += 1;
            }
            r.content.1 = b;
            if inside.is_empty() {
                continue;
            }
            for &ci in &inside {
                drop_chain[ci] = true;
            }
            let only = inside.len() == 1 && {
                let ch = &chains[inside[0]];
                ch.open() <= a && b <= ch.outer_end()
                    || (ch.open() == a && self.trim_end(a, b) <= ch.outer_end())
            };
            if only {
                let ch = &chains[inside[0]];
                r.kind = QuoteKind::Direct;
                r.content = (ch.start(), ch.end());
            } else {
                r.kind = QuoteKind::Mixed;
            }
            r.last = r.last.max(b.saturating_sub(1));
        }
        cands.retain(|c| {
            !c.chain.is_some_and(|ci| drop_chain[ci]) || (c.who != Who::Pending && !c.label)
        });
        for r in &mut reported {
            while r.content.0 < r.content.1
                && matches!(self.t[r.content.0].text, "," | ";" | ":" | "-" | "—" | "–")
                && !self.in_piece(r.content.0)
            {
                r.content.0 += 1;
            }
        }
        cands.extend(reported);
        cands.retain(|c| c.content.0 < c.content.1);
        cands.sort_by_key(|c| (c.content.0, c.content.1));

        // 6. Unattributed direct quotations: inherit the speaker of the quotation just before
        // (same or previous sentence, same or previous paragraph), else no speaker.
        let mut out: Vec<Quote> = Vec::with_capacity(cands.len());
        let mut resolved: Vec<(usize, Option<Speaker>, usize)> = Vec::new(); // (last, speaker, block)
        for c in &cands {
            let speaker = match &c.who {
                Who::Pending => {
                    let first = c.content.0.saturating_sub(1).min(self.t.len() - 1);
                    let s_first = self.t[c.content.0].sent as usize;
                    let block = self.t[first].block as usize;
                    let prev = resolved.last().filter(|(last, _, pb)| {
                        let s_last = self.t[*last].sent as usize;
                        let same_para = *pb == block
                            || (*pb + 1 == block
                                && self.blocks[*pb].kind == ZoneKind::Paragraph
                                && self.blocks[block].kind == ZoneKind::Paragraph);
                        same_para && s_last + 1 >= s_first && *last < c.content.0
                    });
                    if !self.quote_like(c, prev.is_some()) {
                        continue;
                    }
                    prev.and_then(|(_, sp, _)| sp.clone())
                }
                Who::Nobody => None,
                Who::Np(a, b) => {
                    let mut sp = self.resolve(*a, *b);
                    if sp.entity.is_none() && b - a == 1 && self.t[*a].is("it") {
                        self.resolve_it(&mut sp, *a, &resolved);
                    }
                    Some(sp)
                }
            };
            let last = c.last.min(self.t.len() - 1);
            resolved.push((last, speaker.clone(), self.t[last].block as usize));
            out.push(self.quote(c, speaker));
        }
        out
    }

    /// True for an unattributed quotation worth keeping: a sentence of its own (not a
    /// scare-quoted phrase inside one) — of at least four words when no earlier quotation lends
    /// it a speaker — or a stretch of eight words or more.
    fn quote_like(&self, c: &Cand, inherits: bool) -> bool {
        let (a, b) = c.content;
        let words = self.words(a, b);
        let open = a.saturating_sub(1);
        let (lo, _) = self.sent_of(open);
        let starts = open <= lo
            || self.t[lo..open]
                .iter()
                .all(|x| x.mark.is_some() || !x.is_word())
            || self.t[open - 1].text == ":";
        (starts && words >= if inherits { 1 } else { 4 }) || words >= 8
    }

    /// Attribution after a closing mark: `"…," Peskov said`, `"…," said Peskov`,
    /// `"…," he told reporters.`, `"…," Diallo, the UN's aid chief, said`. Returns the cue, the
    /// speaker, the end of the attribution and whether a split quotation continues after it
    /// (`, "…`).
    fn post_attribution(&self, chain: &Chain) -> Option<((usize, usize), Who, usize, bool)> {
        let close = chain.close()?;
        let bi = self.t[close].block as usize;
        let hi = self.blocks[bi].end;
        let mut k = close + 1;
        if k < hi && matches!(self.t[k].text, "," | "—" | "–" | "-") {
            k += 1;
        }
        if k >= hi {
            return None;
        }
        // (cue range, speaker, position after)
        let mut found: Option<(TokRange, TokRange, usize)> = None;
        if let Some(cue) = self.t[k]
            .cue
            .filter(|c| !c.is_prep() && !c.forms.has(Forms::GERUND))
        {
            let flags = self.flags(cue.verb);
            if flags.invert || flags.trail {
                if let Some(e) = self.np_right(k + cue.len, hi) {
                    // "said Helena Marsh, the EU's chief negotiator."
                    let e = self.appositive_right(e, hi).unwrap_or(e);
                    found = Some(((k, k + cue.len), (k + cue.len, e), e));
                }
            }
        }
        if found.is_none() {
            if let Some(e) = self.np_right(k, hi) {
                let (np_end, mut j) = match self.appositive_right(e, hi) {
                    Some(e2) if e2 < hi && self.t[e2].text == "," => (e2, e2 + 1),
                    _ => (e, e),
                };
                let from = j;
                while j < hi && j < from + 3 && (self.t[j].bit(W_AUX) || self.t[j].pos == Pos::RB) {
                    j += 1;
                }
                if let Some(cue) = self.t.get(j).and_then(|x| x.cue) {
                    if j < hi
                        && !cue.is_prep()
                        && !cue.forms.has(Forms::GERUND)
                        && self.subject_of(j, k).is_ok()
                    {
                        found = Some(((j, j + cue.len), (k, np_end), j + cue.len));
                    }
                }
            }
        }
        let (cue, np, mut after) = found?;
        // The tail: the listener, adjuncts, then the end of the clause.
        let verb = self.t[cue.0].cue.and_then(|c| c.verb);
        if self.flags(verb).object {
            if let Some(e) = self.np_right(after, hi) {
                after = e;
            }
        }
        after = self.skip_tail(after, hi);
        if after < hi {
            let x = &self.t[after];
            // "…" he said the talks were … : a reported clause follows; not an attribution.
            if x.is("that") {
                return None;
            }
            if x.mark.is_none() && !x.bit(W_SUBORD) {
                if let Some(e) = self.np_right(after, hi) {
                    if e < hi && self.t[e].is_finite() {
                        return None;
                    }
                }
            }
        }
        let mut split = false;
        if after < hi
            && self.t[after].text == ","
            && self.t.get(after + 1).is_some_and(|n| {
                n.mark.is_some_and(|m| m.role != Role::Close) && n.block as usize == bi
            })
        {
            split = true;
            after += 1;
        }
        Some((cue, Who::Np(np.0, np.1), after, split))
    }

    /// An appositive after the noun phrase ending at `e`: `, the EU's chief negotiator` when it
    /// is followed by a comma or the end of the sentence. Returns the appositive's end.
    fn appositive_right(&self, e: usize, hi: usize) -> Option<usize> {
        if e + 1 >= hi || self.t[e].text != "," {
            return None;
        }
        let e2 = self.np_right(e + 1, hi)?;
        let ends = e2 >= hi || matches!(self.t[e2].text, "," | "." | ";" | "!" | "?");
        (ends && e2 - e <= MAX_NP).then_some(e2)
    }

    /// Skips what may follow an attribution before the clause ends: adverbs, adjuncts of time and
    /// prepositional phrases ("of Tehran's position", "at a council meeting on Tuesday", "as she
    /// handed down the sentence" is left for the caller).
    fn skip_tail(&self, mut k: usize, hi: usize) -> usize {
        let mut steps = 0;
        while k < hi && steps < 8 {
            steps += 1;
            let x = &self.t[k];
            if x.is("that") || x.mark.is_some() || x.bit(W_SUBORD) {
                break;
            }
            if matches!(x.pos, Pos::IN | Pos::TO) || x.bit(W_ADJUNCT) {
                if let Some(e) = self.np_right(k + 1, hi) {
                    k = e;
                    continue;
                }
                break;
            }
            if x.pos == Pos::RB || (x.bit(W_TIME) && !x.bit(W_ADJUNCT)) {
                k += 1;
                continue;
            }
            if let Some(e) = self.time_phrase(k, hi) {
                k = e;
                continue;
            }
            break;
        }
        k
    }

    /// A time modifier and its time word ("last week", "this month"), when one starts at `k`:
    /// the position after it.
    fn time_phrase(&self, k: usize, hi: usize) -> Option<usize> {
        if !self.t[k].bit(W_TMOD) {
            return None;
        }
        let mut e = k + 1;
        while e < hi && e < k + 3 && (self.t[e].bit(W_TMOD) || self.t[e].pos == Pos::CD) {
            e += 1;
        }
        (e < hi && self.t[e].bit(W_TIME)).then_some(e + 1)
    }

    /// Attribution before an opening mark: `Peskov said: "…"`, `he told Reuters, "…"`,
    /// `said that "…"`, `..., saying: "…"`, `according to X, "…"`; across a paragraph break when
    /// the previous paragraph ends with a colon.
    fn pre_attribution(&self, chain: &Chain) -> Option<((usize, usize), Who)> {
        let open = chain.open();
        let bi = self.t[open].block as usize;
        let b = self.blocks[bi];
        let j = if open > b.start {
            open - 1
        } else {
            // "He told reporters:" ending the previous paragraph.
            if bi == 0 || b.kind != ZoneKind::Paragraph {
                return None;
            }
            let pb = self.blocks[bi - 1];
            if pb.kind != ZoneKind::Paragraph || pb.end == pb.start || pb.end != b.start {
                return None;
            }
            if self.t[pb.end - 1].text != ":" {
                return None;
            }
            pb.end - 1
        };
        let x = &self.t[j];
        let mut i = j;
        let says_directly = self.is_cue(j)
            && self.t[j].cue.is_some_and(|c| {
                let f = self.flags(c.verb);
                !c.is_prep() && (f.bare || f.invert)
            });
        if matches!(x.text, ":" | "," | "—" | "–") || x.is("that") {
            if i == 0 {
                return None;
            }
            i -= 1;
        } else if !says_directly {
            return self.label_attribution(open);
        }
        let (lo, _) = self.sent_of(i);
        let mut c = i;
        let mut steps = 0;
        loop {
            if self.is_cue(c) && !self.used_cue[c] {
                break;
            }
            // Multi-token cue ending here ("according to", "pointed out").
            if c > lo {
                if let Some(cu) = self.t[c - 1].cue {
                    if cu.len > 1 && c - 1 + cu.len > c && !self.in_piece(c - 1) {
                        c -= 1;
                        break;
                    }
                }
            }
            let y = &self.t[c];
            if steps > 10
                || c <= lo
                || y.is_final()
                || y.mark.is_some()
                || (y.is_finite() && y.cue.is_none())
            {
                // "According to X, "…"": the cue is further left, past the speaker.
                return self.according_before(lo, j);
            }
            c -= 1;
            steps += 1;
        }
        let cue = self.t[c].cue?;
        if cue.is_prep() {
            let e = self.np_right(c + cue.len, j + 1)?;
            return Some(((c, c + cue.len), Who::Np(c + cue.len, e)));
        }
        // Only the listener and adjuncts may stand between the cue and the mark ("told the BBC:",
        // "said in a statement on Sunday:"); "said orders at its unit, acquired in June, "…"" is
        // a reported clause with a quoted fragment, not an attribution.
        let mut k = c + cue.len;
        if self.flags(cue.verb).object {
            if let Some(e) = self.np_right(k, j + 1) {
                k = e;
            }
        }
        let k = self.skip_tail(k, j + 1);
        if k != j && k != j + 1 {
            return None;
        }
        let who = self.speaker_for(c, lo)?;
        Some(((c, c + cue.len), who))
    }

    /// A quoted label given by a verb of [label_verbs] to its object: `called the measures
    /// "typical economic bullying"`, `described the plan as "a fantasy"`.
    fn label_attribution(&self, open: usize) -> Option<((usize, usize), Who)> {
        let (lo, _) = self.sent_of(open);
        let mut l = open;
        while l > lo && open - l < 14 {
            l -= 1;
            let x = &self.t[l];
            if x.is_final() || x.mark.is_some() || self.in_piece(l) {
                return None;
            }
            if !x.bit(W_LABEL) {
                continue;
            }
            let e = self.np_right(l + 1, open).unwrap_or(l + 1);
            let gap_ok = (e..open).all(|k| {
                let y = &self.t[k];
                y.is("as") || y.is("a") || y.is("an") || y.is("the")
            }) && open - e <= 2;
            if !gap_ok {
                return None;
            }
            let Ok(Some((a, b))) = self.subject_of(l, lo) else {
                return None;
            };
            return Some(((l, l + 1), Who::Np(a, b)));
        }
        None
    }

    /// `According to X, "…"` / `According to X: "…"` before token `j`.
    fn according_before(&self, lo: usize, j: usize) -> Option<((usize, usize), Who)> {
        let mut c = j;
        while c > lo && j - c < MAX_NP + 2 {
            c -= 1;
            if let Some(cue) = self.t[c].cue.filter(|cu| cu.is_prep()) {
                let e = self.np_right(c + cue.len, j + 1)?;
                return Some(((c, c + cue.len), Who::Np(c + cue.len, e)));
            }
        }
        None
    }

    fn flags(&self, verb: Option<u16>) -> VerbFlags {
        verb.and_then(|v| self.lex.verb(v))
            .map(|v| v.flags)
            .unwrap_or_default()
    }

    /// The speaker of the cue at `c` (a participial cue: the subject of the main clause).
    /// `None` when the cue makes no statement.
    fn speaker_for(&self, c: usize, lo: usize) -> Option<Who> {
        let cue = self.t[c].cue?;
        let prev = if c > lo { Some(&self.t[c - 1]) } else { None };
        // ", saying", ": adding", ", while warning", ", before adding".
        let after_comma = prev.is_some_and(|p| p.text == "," || p.text == ":")
            || (prev.is_some_and(|p| p.bit(W_SUBORD)) && c >= lo + 2 && self.t[c - 2].text == ",");
        if cue.forms.has(Forms::GERUND) && after_comma {
            return Some(match self.main_subject(lo, c) {
                Some((a, b)) => Who::Np(a, b),
                None => Who::Nobody,
            });
        }
        // "Peskov was quoted by RIA as saying …": the subject of the passive.
        if cue.forms.has(Forms::GERUND) && prev.is_some_and(|p| p.is("as")) {
            let q = (lo..c - 1)
                .rev()
                .take(10)
                .find(|&k| self.t[k].bit(W_QUOTED))?;
            let mut j = q;
            while j > lo && (self.t[j - 1].bit(W_BLOCK) || self.t[j - 1].pos == Pos::RB) {
                j -= 1;
            }
            if j == q {
                // Active: "TASS quoted a ministry official as saying …" — the object speaks.
                let e = self.np_right(q + 1, c - 1)?;
                return (e == c - 1).then_some(Who::Np(q + 1, e));
            }
            if j == lo {
                return None;
            }
            return self.np_left_app(j - 1, lo).map(|(a, b)| Who::Np(a, b));
        }
        // Progressive only after a form of "be" (a blocker tagged as a verb: not "to", not a
        // modal): "are saying", not "close to agreeing".
        let be_before = prev.is_some_and(|p| {
            p.bit(W_BLOCK) && matches!(p.pos, Pos::VBZ | Pos::VBP | Pos::VBD | Pos::VBN | Pos::VB)
        });
        if cue.forms.has(Forms::GERUND) && !be_before {
            return None;
        }
        let lo_eff = lo;
        if cue.forms.has(Forms::GERUND) {
            // Progressive "officials are saying", "have been saying": the subject is before the
            // auxiliaries.
            let mut j = c;
            while j > lo_eff
                && (self.t[j - 1].bit(W_BLOCK)
                    || self.t[j - 1].bit(W_AUX)
                    || self.t[j - 1].pos == Pos::RB)
            {
                j -= 1;
            }
            if j <= lo_eff || j == c {
                return None;
            }
            return self.np_left(j - 1, lo_eff).map(|(a, b)| Who::Np(a, b));
        }
        match self.subject_of(c, lo_eff) {
            Err(()) => None,
            Ok(Some((a, b))) => Some(Who::Np(a, b)),
            Ok(None) => Some(Who::Nobody),
        }
    }

    /// Reported speech in the sentence `[lo, hi)`.
    fn reported_in(&mut self, lo: usize, hi: usize, out: &mut Vec<Cand>, direct: &[Cand]) {
        let mut covered = lo;
        // (cue index, speaker) of a coordinated clause announced by the previous quotation.
        let mut coord: Option<(usize, Who)> = None;
        let mut c = lo;
        while c < hi {
            let Some(cue) = self.t[c].cue else {
                c += 1;
                continue;
            };
            if self.in_piece(c) || self.used_cue[c] || c < covered {
                c += 1;
                continue;
            }
            let found = if cue.is_prep() {
                self.according(c, lo, hi, covered)
            } else {
                let inherited = coord.take().filter(|(k, _)| *k == c).map(|(_, w)| w);
                self.reported_at(c, lo, hi, covered, inherited, direct)
            };
            // What was said holds its own cue only as a parenthetical ("Demand, de Wit added,
            // remained strong"): "The EU, the US, Britain and France demanded his release" is
            // no quotation of the EU.
            let parenthetical = self.t.get(c + cue.len).is_some_and(|n| n.text == ",");
            let found =
                found.filter(|cand| parenthetical || !(cand.content.0 <= c && c < cand.content.1));
            match found {
                Some(cand) => {
                    for k in c..(c + cue.len).min(hi) {
                        self.used_cue[k] = true;
                    }
                    covered = cand.content.1.max(c + cue.len);
                    if let Some(next) = cand.coord_after {
                        coord = Some((next, cand.who.clone()));
                    }
                    out.push(cand);
                    c = covered;
                }
                None => c += 1,
            }
        }
    }

    /// "According to X, CONTENT", "CONTENT, according to X", "A, according to X, B".
    fn according(&self, c: usize, lo: usize, hi: usize, covered: usize) -> Option<Cand> {
        let cue = self.t[c].cue?;
        let np_start = c + cue.len;
        let e = self.np_right(np_start, hi)?;
        let clause_lo = self.trim_start(covered.max(lo), hi);
        let at_start =
            c == clause_lo || (c > lo && self.t[c - 1].text == "," && c - 1 == clause_lo);
        let content = if at_start {
            let mut a = e;
            if a < hi && matches!(self.t[a].text, "," | ":") {
                a += 1;
            }
            let (b, _) = self.content_end(a, hi, Forms::default());
            (a, self.trim_end(a, b))
        } else if c > clause_lo
            && self.t[c - 1].text == ","
            && (e >= hi
                || self.t[e].is_final()
                // "…, according to the commission, a state-funded body.": a verbless tail
                // is an appositive of the source.
                || (self.t[e].text == "," && !(e + 1..hi).any(|k| self.t[k].is_finite())))
        {
            (clause_lo, self.trim_end(clause_lo, c - 1))
        } else if c > clause_lo
            && self.t[c - 1].text == ","
            && e + 1 < hi
            && self.t[e].text == ","
            && self.t[e + 1].bit(W_COORD)
        {
            // "A has been funded, according to the UN, and convoys …": the source closes A.
            (clause_lo, self.trim_end(clause_lo, c - 1))
        } else if c > clause_lo && self.t[c - 1].text == "," && e < hi && self.t[e].text == "," {
            // "The talks, according to X, will resume."
            (clause_lo, self.trim_end(clause_lo, hi))
        } else {
            return None;
        };
        if self.words(content.0, content.1) < 3 {
            return None;
        }
        Some(Cand {
            kind: QuoteKind::Indirect,
            content,
            cue: Some((c, c + cue.len)),
            who: Who::Np(np_start, e),
            last: e.max(content.1).saturating_sub(1),
            chain: None,
            coord_after: None,
            label: false,
        })
    }

    /// Reported speech around the speech verb at `c`.
    fn reported_at(
        &self,
        c: usize,
        lo: usize,
        hi: usize,
        covered: usize,
        inherited: Option<Who>,
        direct: &[Cand],
    ) -> Option<Cand> {
        let cue = self.t[c].cue?;
        let _ = covered;
        let verb = cue.verb?;
        let flags = self.flags(Some(verb));
        let c_end = c + cue.len;
        let participial = cue.forms.has(Forms::GERUND);
        let clause_lo = covered.max(lo);
        // The speaker, unless the cue makes no statement.
        let who = match inherited {
            Some(w) => w,
            None => {
                // "confirmed the talks but said …": the coordinated verb shares the subject of
                // the clause before the coordinator.
                let mut j = c;
                while j > lo
                    && j + 3 > c
                    && (self.t[j - 1].bit(W_AUX) || self.t[j - 1].pos == Pos::RB)
                {
                    j -= 1;
                }
                if !participial && j > lo + 1 && self.t[j - 1].bit(W_COORD) {
                    match self
                        .nearest_subject(lo, j - 1)
                        .or_else(|| self.main_subject(lo, j - 1))
                    {
                        Some((a, b)) => Who::Np(a, b),
                        None => self.speaker_for(c, lo)?,
                    }
                } else {
                    self.speaker_for(c, lo)?
                }
            }
        };
        let np = match who {
            Who::Np(a, b) => Some((a, b)),
            _ => None,
        };

        // Trailing attribution: "CONTENT, X said." / "CONTENT, said X." / "CONTENT, X says"
        // (headline).
        if !participial && flags.trail {
            let mut k = c_end;
            let mut inv_np = None;
            if np.is_none() && flags.invert && c > lo && self.t[c - 1].text == "," {
                if let Some(e) = self.np_right(k, hi) {
                    inv_np = Some((k, e));
                    k = e;
                }
            }
            if flags.object {
                if let Some(e) = self.np_right(k, hi) {
                    k = e;
                }
            }
            let (k2, _) = self.skip_adjuncts(k, hi);
            // The clause ends, or goes on with an adjunct of the attribution (", speaking on
            // condition of anonymity", ", without giving details", ", adding that …").
            let at_end = k2 >= hi
                || self.t[k2].is_final()
                || self.adjunct_rest(k2, hi)
                // ", a year after fighting erupted": a time adjunct of the attribution.
                || (self.t[k2].text == "," && self.time_relative(k2 + 1, hi))
                || (self.t[k2].text == ","
                    && self.t.get(k2 + 1).is_some_and(|n| {
                        k2 + 1 < hi
                            && !n.is("that")
                            && (n.pos == Pos::VBG || n.pos == Pos::IN || n.bit(W_SUBORD))
                    }));
            let attr_start = match (np, inv_np) {
                (Some((a, _)), _) => Some(a),
                (None, Some(_)) => Some(c),
                _ => None,
            };
            if at_end {
                if let Some(a) = attr_start {
                    // ("…, a charge Kabul denies": a noun summing up the clause makes the
                    // reaction another source's, not the clause's attribution.)
                    if a > clause_lo
                        && matches!(self.t[a - 1].text, "," | "—" | "–" | "-" | ":")
                        && self.content_end_at(a - 1, hi) != Some(true)
                    {
                        let start = self.trim_start(clause_lo, a - 1);
                        let end = self.trim_end(start, a - 1);
                        let headline =
                            self.blocks[self.t[c].block as usize].kind == ZoneKind::Headline;
                        let enough = self.words(start, end) >= 3
                            && (headline
                                || self.has_finite(start, end)
                                || self.has_piece(start, end));
                        if enough && !self.piece_attributed(start, end, direct) {
                            let who = match inv_np {
                                Some((a, b)) => Who::Np(a, b),
                                None => who,
                            };
                            return Some(Cand {
                                kind: QuoteKind::Indirect,
                                content: (start, end),
                                cue: Some((c, c_end)),
                                who,
                                last: k2.min(hi).saturating_sub(1).max(c),
                                chain: None,
                                coord_after: None,
                                label: false,
                            });
                        }
                    }
                }
                return None;
            }
            // Parenthetical: "The talks, he said, were useful."
            if let Some((a, _)) = np {
                if a > clause_lo + 1
                    && self.t[a - 1].text == ","
                    && k2 < hi
                    && self.t[k2].text == ","
                    && !self.t.get(k2 + 1).is_some_and(|n| n.is("that"))
                {
                    let start = self.trim_start(clause_lo, a - 1);
                    // "C, the air force said, and a woman was killed": a whole clause before
                    // the attribution and a coordinator after it — the attribution closes C.
                    let closed = self.t.get(k2 + 1).is_some_and(|n| n.bit(W_COORD))
                        && self.has_finite(start, a - 1)
                        && self.words(start, a - 1) >= 3;
                    if closed && !self.piece_attributed(start, a - 1, direct) {
                        let end = self.trim_end(start, a - 1);
                        return Some(Cand {
                            kind: QuoteKind::Indirect,
                            content: (start, end),
                            cue: Some((c, c_end)),
                            who,
                            last: k2.saturating_sub(1).max(c),
                            chain: None,
                            coord_after: None,
                            label: false,
                        });
                    }
                    let (b, _) = self.content_end(k2 + 1, hi, cue.forms);
                    let end = self.trim_end(start, b);
                    if self.words(start, end) >= 4 && self.has_finite(k2 + 1, end) {
                        return Some(Cand {
                            kind: QuoteKind::Indirect,
                            content: (start, end),
                            cue: Some((c, c_end)),
                            who,
                            last: end.saturating_sub(1),
                            chain: None,
                            coord_after: None,
                            label: false,
                        });
                    }
                }
            }
        }

        // Forward content: the reported clause after the cue.
        let mut who = who;
        if matches!(who, Who::Nobody) && !participial {
            // "Opec+ keeps output steady, says market is balanced" (headline style): the verb
            // after a comma shares the subject of the clause before.
            let display = matches!(
                self.blocks[self.t[c].block as usize].kind,
                ZoneKind::Headline | ZoneKind::Standfirst | ZoneKind::Caption
            );
            if !(display && c > lo && self.t[c - 1].text == ",") {
                return None;
            }
            match self
                .main_subject(lo, c)
                .or_else(|| self.leading_name(lo, c))
            {
                Some((a, b)) => who = Who::Np(a, b),
                None => return None,
            }
        }
        let mut k = c_end;
        let mut bare_start = c_end;
        if flags.object {
            match self.np_right(k, hi) {
                // "warned the heat would last": the phrase is the subject of the clause.
                Some(e) if e < hi && self.t[e].is_finite() => {}
                Some(e)
                    if !self
                        .t
                        .get(e)
                        .is_some_and(|x| x.pos == Pos::TO || x.is("to")) =>
                {
                    k = e;
                    bare_start = e;
                }
                Some(_) => return None,
                None => {}
            }
        }
        let (k2, safe) = self.skip_adjuncts(k, hi);
        let start = if k2 < hi && (self.t[k2].is("that") || self.t[k2].text == ":") {
            k2 + 1
        } else if let Some(after) = self.object_then_that(k2, hi) {
            after
        } else if flags.bare {
            if safe {
                k2
            } else {
                bare_start
            }
        } else {
            return None;
        };
        if start >= hi {
            return None;
        }
        let by_marker =
            start > c_end && (self.t[start - 1].is("that") || self.t[start - 1].text == ":");
        if !by_marker && self.t[start].bit(W_SUBORD) {
            return None;
        }
        let (b, coord_after) = self.content_end(start, hi, cue.forms);
        let end = self.trim_end(start, b);
        if end <= start + 1 || self.words(start, end) < 2 {
            return None;
        }
        let by_that = start > c_end && self.t[start - 1].is("that");
        if !by_that && !self.has_finite(start, end) && !self.has_piece(start, end) {
            return None;
        }
        if self.piece_attributed(start, end, direct) && self.t[start].mark.is_some() {
            return None;
        }
        Some(Cand {
            kind: QuoteKind::Indirect,
            content: (start, end),
            cue: Some((c, c_end)),
            who,
            last: end.saturating_sub(1),
            chain: None,
            coord_after,
            label: false,
        })
    }

    /// "a year after …", "two days before …", "hours after …": a span of time and "after" or
    /// "before" starts at `k`.
    fn time_relative(&self, k: usize, hi: usize) -> bool {
        let mut j = k;
        // "less than a week after", "more than two years after", "just hours before".
        if j + 1 < hi
            && matches!(self.t[j].text, "less" | "more" | "fewer")
            && self.t[j + 1].is("than")
        {
            j += 2;
        } else if j < hi && matches!(self.t[j].text, "just" | "only" | "barely" | "nearly") {
            j += 1;
        }
        if j < hi && matches!(self.t[j].pos, Pos::DT | Pos::CD) {
            j += 1;
        }
        j + 1 < hi && self.t[j].bit(W_TIME) && matches!(self.t[j + 1].text, "after" | "before")
    }

    /// True when `[k, hi)` is only an adjunct before the end of the sentence: it opens with a
    /// preposition or an adverb and holds no clause, quotation or "that" (a tagger slip in
    /// "in its monthly/RB crop report on Tuesday." does not hide the end).
    fn adjunct_rest(&self, k: usize, hi: usize) -> bool {
        if k >= hi
            || !(matches!(self.t[k].pos, Pos::IN | Pos::TO | Pos::RB) || self.t[k].bit(W_ADJUNCT))
        {
            return false;
        }
        let mut end = hi;
        while end > k && self.t[end - 1].is_final() {
            end -= 1;
        }
        end - k <= 12
            && (k..end).all(|i| {
                let x = &self.t[i];
                !x.is("that")
                    && x.mark.is_none()
                    && !x.is_finite()
                    && x.cue.is_none_or(|c| !c.forms.has(Forms::GERUND))
                    && !matches!(x.text, "," | ";" | ":")
            })
    }

    /// "noted reports that …", "told the BBC that …": a short object then "that".
    fn object_then_that(&self, k: usize, hi: usize) -> Option<usize> {
        let e = self.np_right(k, hi)?;
        if e - k > 6 {
            return None;
        }
        let (e2, _) = self.skip_adjuncts(e, hi);
        (e2 < hi && self.t[e2].is("that")).then_some(e2 + 1)
    }

    fn has_piece(&self, a: usize, b: usize) -> bool {
        (a..b).any(|k| self.in_piece(k))
    }

    /// True when `[a, b)` holds a direct quotation attributed on its own.
    fn piece_attributed(&self, a: usize, b: usize, direct: &[Cand]) -> bool {
        (a..b).any(|k| {
            let c = self.in_chain[k];
            c != 0
                && direct
                    .iter()
                    .any(|d| d.chain == Some(c as usize - 1) && d.who != Who::Pending && !d.label)
        })
    }

    /// Headline attribution: "CONTENT: SPEAKER", "SPEAKER: CONTENT", "CONTENT — SPEAKER".
    fn headline(&self, b: Block) -> Option<Cand> {
        let (lo, hi) = (b.start, b.end);
        let hi_t = self.trim_end(lo, hi);
        let sep = (lo..hi_t)
            .rev()
            .find(|&k| matches!(self.t[k].text, ":" | "—" | "–") && !self.in_piece(k))?;
        let (left, right) = ((lo, sep), (sep + 1, hi_t));
        let np_ok = |a: usize, b: usize| -> bool {
            let n = b.saturating_sub(a);
            if n == 0 || n > 5 || (a..b).any(|k| self.t[k].is_finite() || self.t[k].mark.is_some())
            {
                return false;
            }
            let span = Span::new(self.t[a].span.start, self.t[b - 1].span.end);
            let by_entity = self.mentions_in(span).any(|(_, ei)| {
                self.entities
                    .get(ei)
                    .is_some_and(|e| e.kind != EntityType::Norp)
            });
            by_entity || (a..b).any(|k| self.t[k].bit(W_SOURCE) || self.t[k].bit(W_INSTITUTION))
        };
        if self.words(left.0, left.1) >= 3 && np_ok(right.0, right.1) {
            let e = self
                .np_right(right.0, right.1.max(right.0))
                .unwrap_or(right.1);
            return Some(Cand {
                kind: QuoteKind::Indirect,
                content: (
                    self.trim_start(left.0, left.1),
                    self.trim_end(left.0, left.1),
                ),
                cue: None,
                who: Who::Np(right.0, e.max(right.0 + 1).min(right.1)),
                last: hi_t.saturating_sub(1),
                chain: None,
                coord_after: None,
                label: false,
            });
        }
        // "Peskov: talks will go on" — only for a person, or a quotation after the colon.
        if self.t[sep].text == ":"
            && left.1 > left.0
            && left.1 - left.0 <= 4
            && self.words(right.0, right.1) >= 3
        {
            let span = Span::new(self.t[left.0].span.start, self.t[left.1 - 1].span.end);
            let person = self.mentions_in(span).any(|(ms, ei)| {
                ms.start <= span.start
                    && span.end <= ms.end
                    && self
                        .entities
                        .get(ei)
                        .is_some_and(|e| e.kind == EntityType::Person)
            });
            let quoted = self.t[right.0].mark.is_some();
            let named = left.1 - left.0 <= 3
                && (left.0..left.1).all(|k| self.t[k].cap && self.t[k].is_word());
            if person || (quoted && (named || np_ok(left.0, left.1))) {
                return Some(Cand {
                    kind: QuoteKind::Indirect,
                    content: (right.0, right.1),
                    cue: None,
                    who: Who::Np(left.0, left.1),
                    last: hi_t.saturating_sub(1),
                    chain: None,
                    coord_after: None,
                    label: false,
                });
            }
        }
        None
    }

    // ----- speakers ----------------------------------------------------------------------

    /// Entity mentions overlapping `span`: (mention span, entity index).
    fn mentions_in(&self, span: Span) -> impl Iterator<Item = (Span, usize)> + '_ {
        let hi = self.mentions.partition_point(|(s, _)| s.start < span.end);
        let lo =
            self.mentions[..hi].partition_point(|(s, _)| s.start.saturating_add(400) < span.start);
        self.mentions[lo..hi]
            .iter()
            .filter(move |(s, _)| s.overlaps(span))
            .copied()
    }

    fn char_span(&self, a: usize, b: usize) -> Span {
        Span::new(self.t[a].span.start, self.t[b.max(a + 1) - 1].span.end)
    }

    fn slice(&self, a: usize, b: usize) -> &'a str {
        let bs = self.t[a].bs;
        let be = self.t[b.max(a + 1) - 1].be;
        self.text.get(bs..be).unwrap_or("")
    }

    /// Resolves the speaker phrase `[a, b)` to an entity when one of its mentions names the
    /// phrase's head (the part before any modifier: "a spokesman for X" is not X).
    fn resolve(&self, a: usize, b: usize) -> Speaker {
        let b = b.max(a + 1).min(self.t.len());
        let span = self.char_span(a, b);
        let mut sp = Speaker {
            text: self.slice(a, b).to_string(),
            span: Some(span),
            entity: None,
            name: None,
        };
        // Parts split at commas (appositives), relative clauses dropped.
        let mut parts: Vec<(usize, usize)> = Vec::new();
        let mut s = a;
        for k in a..=b {
            if k == b || self.t[k].text == "," {
                if k > s && !self.t[s].bit(W_RELATIVE) {
                    parts.push((s, k));
                }
                s = k + 1;
            }
        }
        let head_zone = |(pa, pb): (usize, usize)| -> (usize, usize) {
            let mut e = pa + 1;
            while e < pb {
                let x = &self.t[e];
                let prev = &self.t[e - 1];
                let next_det = self
                    .t
                    .get(e + 1)
                    .is_some_and(|n| e + 1 < pb && matches!(n.pos, Pos::DT | Pos::PRPS));
                let breaks = (x.bit(W_LINK) && x.pos != Pos::NN && (!prev.cap || next_det))
                    || x.bit(W_RELATIVE)
                    || (matches!(x.pos, Pos::VBN | Pos::VBG) && !x.cap);
                if breaks {
                    // A link inside one mention ("Ministry of Foreign Affairs") does not break.
                    let inside = self
                        .mentions_in(self.char_span(e - 1, e + 1))
                        .any(|(ms, _)| ms.start <= prev.span.start && x.span.end <= ms.end);
                    if !inside {
                        break;
                    }
                }
                e += 1;
            }
            (pa, e)
        };
        let pick = |zone: (usize, usize), head_only: bool| -> Option<usize> {
            let zs = self.char_span(zone.0, zone.1);
            let head = self.t[zone.1 - 1].span;
            let mut best: Option<(bool, usize, usize, usize)> = None; // (person, len, start, ei)
            for (ms, ei) in self.mentions_in(zs) {
                if head_only && !ms.overlaps(head) {
                    continue;
                }
                let Some(e) = self.entities.get(ei) else {
                    continue;
                };
                if e.kind == EntityType::Norp && head_only {
                    continue;
                }
                let key = (e.kind == EntityType::Person, ms.len(), ms.start, ei);
                if best.is_none_or(|b| (key.0, key.1, key.2) > (b.0, b.1, b.2)) {
                    best = Some(key);
                }
            }
            best.map(|b| b.3)
        };
        let mut chosen: Option<usize> = None;
        // A person named at the head of any part.
        for &p in &parts {
            if let Some(ei) = pick(head_zone(p), true) {
                let person = self.entities[ei].kind == EntityType::Person;
                if person {
                    chosen = Some(ei);
                    break;
                }
                if chosen.is_none() {
                    chosen = Some(ei);
                }
            }
        }
        if chosen.is_none() {
            if let Some(&first) = parts.first() {
                let hz = head_zone(first);
                let head = &self.t[hz.1 - 1];
                let unnamed = head.bit(W_SOURCE) || self.has_source_phrase(first.0, first.1);
                if unnamed {
                    // "a senior diplomat", "Ukrainian officials": kept as text only.
                } else if head.bit(W_NOUN) {
                    // "a statement from the ministry": the organisation behind it.
                    chosen = pick(first, false);
                } else if head.bit(W_ANAPHOR)
                    && self.t[first.0].pos == Pos::DT
                    && (first.0 + 1..hz.1).all(|k| !self.t[k].cap)
                {
                    chosen = self.antecedent(self.t[first.0].span.start);
                } else {
                    // "Russia's foreign ministry": the named owner.
                    chosen = pick(hz, false).filter(|&ei| {
                        matches!(self.entities[ei].kind, EntityType::Org | EntityType::Gpe)
                    });
                }
            }
        }
        if let Some(ei) = chosen {
            if let Some(e) = self.entities.get(ei) {
                sp.entity = Some(e.id.clone());
                sp.name = Some(e.name.clone());
            }
        }
        sp
    }

    /// "It said …": the organisation or state that spoke last (within three sentences), else
    /// the organisation named last.
    fn resolve_it(&self, sp: &mut Speaker, k: usize, before: &[(usize, Option<Speaker>, usize)]) {
        let s_here = self.t[k].sent as usize;
        let prev = before.iter().rev().find_map(|(last, prev, _)| {
            let near = self.t[*last].sent as usize + 3 >= s_here;
            let p = prev.as_ref()?;
            let id = p.entity.as_deref()?;
            let e = self.entities.iter().find(|e| e.id == id)?;
            (near && matches!(e.kind, EntityType::Org | EntityType::Gpe)).then_some(e)
        });
        let e = prev.or_else(|| {
            self.antecedent(self.t[k].span.start)
                .and_then(|ei| self.entities.get(ei))
        });
        if let Some(e) = e {
            sp.entity = Some(e.id.clone());
            sp.name = Some(e.name.clone());
        }
    }

    fn has_source_phrase(&self, a: usize, b: usize) -> bool {
        (a..b).any(|k| {
            let x = &self.t[k];
            if !x.bit(crate::lexicon::W_MULTI) {
                return false;
            }
            self.lex
                .multi
                .get(tokens::lower(x.text).as_ref())
                .is_some_and(|v| {
                    v.iter().any(|(rest, m)| {
                        matches!(m, crate::lexicon::Multi::Source)
                            && rest
                                .iter()
                                .enumerate()
                                .all(|(i, w)| k + 1 + i < b && self.t[k + 1 + i].is(w))
                    })
                })
        })
    }

    /// The organisation a definite "the company" refers back to: the last organisation
    /// mentioned before char `before`.
    fn antecedent(&self, before: usize) -> Option<usize> {
        let hi = self.mentions.partition_point(|(s, _)| s.start < before);
        self.mentions[..hi]
            .iter()
            .rev()
            .take_while(|(s, _)| s.start + 800 >= before)
            .find(|(_, ei)| {
                self.entities.get(*ei).is_some_and(|e| {
                    e.kind == EntityType::Org && self.agency.is_none_or(|a| a != e.name)
                })
            })
            .map(|(_, ei)| *ei)
    }

    fn quote(&self, c: &Cand, speaker: Option<Speaker>) -> Quote {
        let (a, b) = c.content;
        let content = self.char_span(a, b);
        let sentence = Some(self.t[a].sent);
        Quote {
            kind: c.kind,
            content,
            text: self.slice(a, b).to_string(),
            cue: c.cue.map(|(x, y)| Mention {
                span: self.char_span(x, y),
                text: self.slice(x, y).to_string(),
                sentence: Some(self.t[x].sent),
            }),
            speaker,
            sentence,
        }
    }
}
