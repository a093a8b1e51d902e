//! The recogniser: a hand-written, longest-match parser over the scanner's tokens.
//!
//! At each token that can start a time expression (a number, or a word of the lexicon) every
//! family of patterns is tried; the longest match wins and the scan goes on after it. Each
//! family is one method (`p_*`); tails (a time of day, a part of the day, a range, an anchored
//! duration) extend a date once it is found. Values are resolved against the reference date at
//! parse time, except the few whose value depends on the tense of their clause (bare weekdays,
//! months, dates without a year, holidays, seasons), which keep an [`Anchor`] until the clause is
//! read.
use std::cell::Cell;

use dateline_model::Pos;
use jiff::civil::Date;

use crate::lexicon::{Entry, Era, Lexicon, PhraseKind, WdForm};
use crate::resolve::{
    holiday_date, period_bounds, refine, resolve_anchor, season_occurrence, wd_in_week,
    wd_on_or_after, wd_on_or_before, Anchor, Dir, Refine,
};
use crate::scan::{Case, Kind, Tok};
use crate::value::{
    add_days, add_months, date, monday_of, Count, Dur, Mod, Part, RefKind, Season, Unit, Value,
};
use crate::TenseHint;

/// A value, or an anchor waiting for its clause's tense.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Sem {
    Val(Value),
    Dir(Anchor, Refine),
}

impl Sem {
    fn day_level(&self) -> bool {
        match self {
            Sem::Val(Value::Day(_)) => true,
            Sem::Val(Value::Under(u)) => u.len() == 10,
            Sem::Dir(a, Refine::None) => matches!(
                a,
                Anchor::Weekday(_)
                    | Anchor::ThisWeekday(_)
                    | Anchor::MonthDay(..)
                    | Anchor::DayOfMonth(..)
                    | Anchor::Holiday(_)
            ),
            _ => false,
        }
    }

    fn with_refine(self, r: Refine) -> Sem {
        match self {
            Sem::Val(v) => Sem::Val(refine(v, r)),
            Sem::Dir(a, _) => Sem::Dir(a, r),
        }
    }
}

/// A match: tokens `[s, e)` and what they mean.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub s: usize,
    pub e: usize,
    pub sem: Sem,
    pub md: Option<Mod>,
    pub begin: Option<Sem>,
    pub end: Option<Sem>,
    /// Give the start of the sub-period `md` names as `begin`.
    pub sub_begin: bool,
}

impl Cand {
    fn new(s: usize, e: usize, sem: Sem) -> Cand {
        Cand {
            s,
            e,
            sem,
            md: None,
            begin: None,
            end: None,
            sub_begin: false,
        }
    }

    fn val(s: usize, e: usize, v: Value) -> Cand {
        Cand::new(s, e, Sem::Val(v))
    }
}

fn longer(best: &mut Option<Cand>, c: Option<Cand>) {
    if let Some(c) = c {
        if best.as_ref().is_none_or(|b| c.e > b.e) {
            *best = Some(c);
        }
    }
}

/// The parser over one text.
pub(crate) struct Parser<'a> {
    pub lower: &'a str,
    pub t: &'a [Tok],
    pub lx: &'static Lexicon,
    pub rf: Option<Date>,
    /// Reference time of day (h, m, s), when known.
    pub rt: Option<(u8, u8, u8)>,
    /// Part-of-speech tags aligned with `t`, when a tagger ran.
    pub pos: Option<&'a [Pos]>,
    pub hint: TenseHint,
    /// The current sentence: `[lo, hi)` in tokens. Parsers never look outside it.
    lo: Cell<usize>,
    hi: Cell<usize>,
}

impl<'a> Parser<'a> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        lower: &'a str,
        t: &'a [Tok],
        lx: &'static Lexicon,
        rf: Option<Date>,
        rt: Option<(u8, u8, u8)>,
        pos: Option<&'a [Pos]>,
        hint: TenseHint,
    ) -> Parser<'a> {
        Parser {
            lower,
            t,
            lx,
            rf,
            rt,
            pos,
            hint,
            lo: Cell::new(0),
            hi: Cell::new(t.len()),
        }
    }

    // ----- token access ------------------------------------------------------------------

    #[inline]
    pub(crate) fn tok(&self, i: usize) -> Option<&Tok> {
        if i < self.hi.get() {
            self.t.get(i)
        } else {
            None
        }
    }

    #[inline]
    pub(crate) fn lw(&self, i: usize) -> &str {
        match self.tok(i) {
            Some(t) => &self.lower[t.start as usize..t.end as usize],
            None => "",
        }
    }

    #[inline]
    pub(crate) fn ent(&self, i: usize) -> Option<&'static Entry> {
        let t = self.tok(i)?;
        if t.lex == 0 {
            None
        } else {
            Some(&self.lx.entries[t.lex as usize - 1])
        }
    }

    #[inline]
    fn word(&self, i: usize, w: &str) -> bool {
        self.tok(i).is_some_and(|t| t.kind == Kind::Word) && self.lw(i) == w
    }

    #[inline]
    fn words(&self, i: usize, ws: &[&str]) -> bool {
        self.tok(i).is_some_and(|t| t.kind == Kind::Word) && ws.contains(&self.lw(i))
    }

    #[inline]
    fn punct(&self, i: usize, c: char) -> bool {
        self.tok(i).is_some_and(|t| t.is_punct(c))
    }

    #[inline]
    fn glued(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.glued)
    }

    #[inline]
    fn is_word(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.kind == Kind::Word)
    }

    #[inline]
    fn case(&self, i: usize) -> Case {
        self.tok(i).map(|t| t.case).unwrap_or(Case::Other)
    }

    fn num(&self, i: usize) -> Option<(u32, u8)> {
        let t = self.tok(i)?;
        (t.kind == Kind::Num).then_some((t.val, t.ndig))
    }

    /// The token before `i` inside the sentence.
    fn prev(&self, i: usize) -> Option<usize> {
        (i > self.lo.get() && i > 0).then(|| i - 1)
    }

    /// True when the number at `i` is part of a larger numeric token: money, a decimal, a
    /// grouped number, a phone number, a ratio.
    fn numeric_context(&self, i: usize) -> bool {
        if let Some(p) = self.prev(i) {
            if self.glued(i) {
                if let Some(pt) = self.tok(p) {
                    if pt.kind == Kind::Num
                        || (pt.kind == Kind::Punct
                            && matches!(pt.ch, '$' | '£' | '€' | '#' | '.' | ',' | '/' | ':' | '+'))
                        || (pt.kind == Kind::Punct
                            && pt.ch == '-'
                            && self.prev(p).is_some_and(|pp| {
                                self.num(pp).is_some()
                                    && self.glued(p)
                                    && (self
                                        .prev(pp)
                                        .is_some_and(|q| self.punct(q, '-') && self.glued(pp))
                                        || (self.punct(i + 1, '-')
                                            && self.glued(i + 1)
                                            && self.num(i + 2).is_some()))
                            }))
                    {
                        return true;
                    }
                }
            }
        }
        if self.glued(i + 1) {
            if let Some(nt) = self.tok(i + 1) {
                if nt.kind == Kind::Punct
                    && matches!(nt.ch, '%' | ',' | '.')
                    && self.num(i + 2).is_some()
                    && self.glued(i + 2)
                {
                    return true;
                }
                if nt.kind == Kind::Punct && nt.ch == '%' {
                    return true;
                }
            }
        }
        false
    }

    // ----- small readers ------------------------------------------------------------------

    /// A cardinal: digits, or number words up to 99 ("twenty-three", "twenty three").
    fn cardinal(&self, i: usize) -> Option<(usize, u32)> {
        if let Some((v, _)) = self.num(i) {
            if self.numeric_context(i) {
                return None;
            }
            return Some((i + 1, v));
        }
        let v = self.ent(i)?.number?;
        if (20..100).contains(&v) && v % 10 == 0 {
            let j = if self.punct(i + 1, '-') && self.glued(i + 1) && self.glued(i + 2) {
                i + 2
            } else {
                i + 1
            };
            if let Some(u) = self.ent(j).and_then(|e| e.number) {
                if (1..=9).contains(&u) {
                    return Some((j + 1, v + u));
                }
            }
        }
        if v == 100 || v == 12 && self.word(i, "dozen") {
            return None;
        }
        if v < 10 && self.word(i + 1, "hundred") {
            return Some((i + 2, v * 100));
        }
        Some((i + 1, v))
    }

    /// A count of units. The flag is true for a weak count ("a", "an", "one").
    fn count(&self, i: usize) -> Option<(usize, Count, bool)> {
        let (mut j, mut c, weak) = if let Some((v, _)) = self.num(i) {
            if self.punct(i + 1, '.') && self.glued(i + 1) && self.glued(i + 2) {
                let (f, fd) = self.num(i + 2)?;
                if self.prev(i).is_some_and(|p| {
                    self.glued(i) && self.tok(p).is_some_and(|t| t.kind != Kind::Word)
                }) {
                    return None;
                }
                if fd == 1 && f == 5 {
                    (i + 3, Count::Half(v), false)
                } else if f == 0 {
                    (i + 3, Count::Int(v), false)
                } else {
                    return None;
                }
            } else {
                let (j, v) = self.cardinal(i)?;
                (j, Count::Int(v), false)
            }
        } else if self.words(i, &["a", "an"]) {
            if let Some(q) = self.ent(i + 1).and_then(|e| e.quantity) {
                let mut j = i + 2;
                if self.word(j, "of") {
                    j += 1;
                }
                (j, q.map(Count::Int).unwrap_or(Count::X), false)
            } else if self.word(i + 1, "dozen") {
                (i + 2, Count::Int(12), false)
            } else {
                (i + 1, Count::Int(1), true)
            }
        } else if self.word(i, "half") && self.words(i + 1, &["a", "an"]) {
            (i + 2, Count::Half(0), false)
        } else if let Some(q) = self.ent(i).and_then(|e| e.quantity) {
            let mut j = i + 1;
            if self.word(j, "of") {
                j += 1;
            }
            (j, q.map(Count::Int).unwrap_or(Count::X), false)
        } else {
            let (j, v) = self.cardinal(i)?;
            (j, Count::Int(v), v == 1)
        };
        if let Count::Int(n) = c {
            if self.word(j, "and") && self.words(j + 1, &["a", "an"]) && self.word(j + 2, "half") {
                c = Count::Half(n);
                j += 3;
            }
        }
        Some((j, c, weak))
    }

    /// A unit word ("days", "wk", "week-end").
    fn unit(&self, i: usize) -> Option<(usize, Unit, bool)> {
        let e = self.ent(i)?;
        let (u, plural) = e.unit?;
        if u == Unit::Week && self.word(i + 1, "end") {
            return Some((i + 2, Unit::Weekend, false));
        }
        if u == Unit::Week
            && self.punct(i + 1, '-')
            && self.glued(i + 1)
            && self.glued(i + 2)
            && self.words(i + 2, &["end", "ends"])
        {
            return Some((i + 3, Unit::Weekend, self.word(i + 2, "ends")));
        }
        Some((i + 1, u, plural))
    }

    /// A duration: count and unit ("three days", "2.5 hours", "a year and a half", "two-year").
    /// Flags: weak count, hyphenated.
    fn dur(&self, i: usize) -> Option<(usize, Dur, bool, bool)> {
        let (j, mut n, mut weak) = self.count(i)?;
        let (j, hyph) = if self.punct(j, '-') && self.glued(j) && self.glued(j + 1) {
            (j + 1, true)
        } else {
            (j, false)
        };
        let (mut k, unit, _) = self.unit(j)?;
        if let Count::Int(c) = n {
            if self.word(k, "and") && self.words(k + 1, &["a", "an"]) && self.word(k + 2, "half") {
                n = Count::Half(c);
                weak = false;
                k += 3;
            }
        }
        Some((k, Dur { n, unit }, weak, hyph))
    }

    /// An age: "45-year-old", "45 years old", "aged 45", "six-month-old". Returns its end.
    fn age_end(&self, i: usize) -> Option<usize> {
        if self.word(i, "aged") {
            return self.cardinal(i + 1).map(|(e, _)| e);
        }
        let (j, d, _, _) = self.dur(i)?;
        if !matches!(d.unit, Unit::Year | Unit::Month | Unit::Week | Unit::Day) {
            return None;
        }
        let k = if self.punct(j, '-') && self.glued(j) {
            j + 1
        } else {
            j
        };
        self.ent(k).is_some_and(|e| e.age).then_some(k + 1)
    }

    /// A day of the month: 1–31 as digits (with an optional ordinal suffix) or an ordinal word.
    /// The flag tells whether it was an ordinal.
    fn day_at(&self, i: usize) -> Option<(usize, u8, bool)> {
        if let Some((v, nd)) = self.num(i) {
            if nd > 2 || !(1..=31).contains(&v) || self.numeric_context(i) {
                return None;
            }
            if self.glued(i + 1) {
                if let Some(t) = self.tok(i + 1) {
                    match t.kind {
                        Kind::Word => {
                            if self.ent(i + 1).is_some_and(|e| e.ordinal_suffix) {
                                return Some((i + 2, v as u8, true));
                            }
                            if self.ent(i + 1).is_some_and(|e| e.month != 0) {
                                return Some((i + 1, v as u8, false));
                            }
                            return None;
                        }
                        Kind::Num => return None,
                        Kind::Punct if t.ch == ':' => return None,
                        Kind::Punct if t.ch == '/' && self.num(i + 2).is_some() => return None,
                        _ => {}
                    }
                }
            }
            return Some((i + 1, v as u8, false));
        }
        let (j, v) = self.ordinal_word(i)?;
        (1..=31).contains(&v).then_some((j, v as u8, true))
    }

    /// An ordinal word ("first", "twenty-first", "thirty first").
    fn ordinal_word(&self, i: usize) -> Option<(usize, u32)> {
        let e = self.ent(i)?;
        if e.ordinal != 0 {
            return Some((i + 1, e.ordinal as u32));
        }
        let tens = e.number?;
        if tens != 20 && tens != 30 {
            return None;
        }
        let j = if self.punct(i + 1, '-') && self.glued(i + 1) && self.glued(i + 2) {
            i + 2
        } else {
            i + 1
        };
        let o = self.ent(j)?.ordinal;
        (1..=9).contains(&o).then_some((j + 1, tens + o as u32))
    }

    /// An ordinal: "3rd", "15th", "first", "twenty-first".
    fn ordinal(&self, i: usize) -> Option<(usize, u32)> {
        if let Some((v, nd)) = self.num(i) {
            if nd <= 3 && self.glued(i + 1) && self.ent(i + 1).is_some_and(|e| e.ordinal_suffix) {
                return Some((i + 2, v));
            }
            return None;
        }
        self.ordinal_word(i)
    }

    /// A month name, with the full stop of an abbreviation.
    fn month_at(&self, i: usize) -> Option<(usize, u8, bool)> {
        let e = self.ent(i)?;
        if e.month == 0 {
            return None;
        }
        let mut j = i + 1;
        if e.month_abbr && self.punct(j, '.') && self.glued(j) {
            j += 1;
        }
        Some((j, e.month, e.month_abbr))
    }

    /// A weekday name (full or abbreviated, not plural), with an abbreviation's full stop.
    fn weekday_at(&self, i: usize) -> Option<(usize, u8, WdForm)> {
        let e = self.ent(i)?;
        let form = e.weekday_form?;
        if form == WdForm::Plural {
            return None;
        }
        let mut j = i + 1;
        if form == WdForm::Abbr && self.punct(j, '.') && self.glued(j) {
            j += 1;
        }
        Some((j, e.weekday, form))
    }

    /// A full weekday name.
    fn weekday_full(&self, i: usize) -> Option<(usize, u8)> {
        let (j, w, f) = self.weekday_at(i)?;
        (f == WdForm::Full).then_some((j, w))
    }

    /// The cue strength before token `i` (0 none, 1 cue, 2 strong cue).
    fn cue_before(&self, i: usize) -> u8 {
        let Some(p) = self.prev(i) else { return 0 };
        if self.punct(p, '-') && self.glued(i) && self.glued(p) {
            if let Some(pp) = self.prev(p) {
                if self.word(pp, "mid") {
                    return 2;
                }
            }
        }
        if let Some(e) = self.ent(p) {
            if e.cue > 0 {
                return e.cue;
            }
        }
        if self.case(i) == Case::Lower && self.ent(i).is_some_and(|e| e.month_ambiguous) {
            return 0;
        }
        if self.punct(p, ',') || self.words(p, &["and", "or", "to"]) || self.punct(p, '-') {
            if let Some(pp) = self.prev(p) {
                if self
                    .ent(pp)
                    .is_some_and(|e| e.month != 0 || e.season.is_some())
                {
                    return 2;
                }
            }
        }
        0
    }

    /// True when the capitalised word at `i` sits in a name or title ("the Tonight Show",
    /// "All Right Now"): not at a sentence start, next to another capitalised word, in text
    /// that is not in capitals throughout.
    fn in_title(&self, i: usize) -> bool {
        if self.case(i) != Case::Title || self.tok(i).is_some_and(|t| t.sent_start) {
            return false;
        }
        let title = |k: Option<usize>| {
            k.is_some_and(|k| {
                self.is_word(k)
                    && self.case(k) == Case::Title
                    && !self.tok(k).is_some_and(|t| t.sent_start)
            })
        };
        let before = self.prev(i).filter(|&p| {
            self.ent(p)
                .is_none_or(|e| e.cue == 0 && e.relative.is_none())
        });
        title(before) || (title(Some(i + 1)) && self.ent(i + 1).is_none_or(|e| e.part.is_none()))
    }

    /// True when nothing but punctuation surrounds `[s, e)` in its sentence.
    fn isolated(&self, s: usize, e: usize) -> bool {
        let before = self.prev(s).is_none_or(|p| {
            self.tok(p)
                .is_some_and(|t| t.kind == Kind::Punct && t.ch != '-')
        });
        let after = match self.tok(e) {
            None => true,
            Some(t) => {
                t.kind == Kind::Punct && matches!(t.ch, '.' | ',' | ';' | ':' | '!' | '?' | ')')
            }
        };
        before && after
    }

    /// True when the token at `j` shows that the name before it is a person ("May said").
    fn name_follows(&self, j: usize, possessive: bool) -> bool {
        if self.ent(j).is_some_and(|e| e.name_follower) {
            return true;
        }
        possessive && self.punct(j, '\'') && self.glued(j) && self.word(j + 1, "s")
    }

    /// Whether a month name at `i..me` is a month. `attached`: a day or year is next to it.
    fn month_ok(&self, i: usize, me: usize, attached: bool) -> bool {
        let Some(e) = self.ent(i) else { return false };
        let case = self.case(i);
        if attached {
            return true;
        }
        let cue = self.cue_before(i);
        if e.month_abbr {
            return cue >= 1;
        }
        if e.month_ambiguous {
            if self.name_follows(me, true) {
                return false;
            }
            if case == Case::Lower {
                // "this may be", "and may defend": only after a preposition ("in may"), and
                // not before a content word ("believed in may impress")
                let content_next = self.is_word(me)
                    && self.case(me) == Case::Lower
                    && !self.ent(me).is_some_and(|x| x.after_duration);
                return cue >= 3 && !content_next;
            }
            // "a deal by May" (a deadline) but not "criticised by May" (the agent)
            let by_deadline = self.prev(i).is_some_and(|p| {
                self.word(p, "by")
                    && self.prev(p).is_some_and(|q| {
                        let w = self.lw(q);
                        self.is_word(q)
                            && !(w.ends_with("ed") || self.ent(q).is_some_and(|e| e.past_form))
                    })
            });
            return cue >= 2 || by_deadline || self.isolated(i, me);
        }
        if cue >= 1 {
            return true;
        }
        match case {
            Case::Title => {
                !self.name_follows(me, false)
                    && !(self.is_word(me)
                        && self.case(me) == Case::Title
                        && !self.tok(me).is_some_and(|t| t.sent_start))
            }
            Case::Upper => true,
            _ => false,
        }
    }

    /// A four-digit year (1000–2999) after a date, with an optional era.
    fn year4(&self, i: usize) -> Option<(usize, i32)> {
        let (v, nd) = self.num(i)?;
        if nd != 4 || !(1000..=2999).contains(&v) {
            return None;
        }
        if self.glued(i + 1)
            && self
                .tok(i + 1)
                .is_some_and(|t| t.kind == Kind::Num || t.is_punct(':'))
        {
            return None;
        }
        if let Some((e, era)) = self.era_at(i + 1) {
            return Some((
                e,
                if era == Era::Bc {
                    -(v as i32)
                } else {
                    v as i32
                },
            ));
        }
        Some((i + 1, v as i32))
    }

    /// An era: "AD", "A.D.", "BC", "B.C.", "BCE".
    fn era_at(&self, i: usize) -> Option<(usize, Era)> {
        if let Some(e) = self.ent(i) {
            if let Some(era) = e.era {
                if self.case(i) == Case::Upper || self.lw(i) == "bc" || self.lw(i) == "bce" {
                    return Some((i + 1, era));
                }
            }
        }
        // dotted: a . d . / b . c .
        let (l1, l2) = (self.lw(i), self.lw(i + 2));
        if self.punct(i + 1, '.') && self.glued(i + 1) && self.glued(i + 2) {
            let era = match (l1, l2) {
                ("a", "d") => Era::Ad,
                ("b", "c") => Era::Bc,
                _ => return None,
            };
            let mut e = i + 3;
            if self.punct(e, '.') && self.glued(e) {
                e += 1;
            }
            return Some((e, era));
        }
        None
    }

    /// Two-digit years read with a pivot: 00–49 → 2000s, 50–99 → 1900s.
    fn year2(v: u32) -> i32 {
        if v < 50 {
            2000 + v as i32
        } else {
            1900 + v as i32
        }
    }

    /// A phrase of the lexicon starting at `i`: the longest match.
    fn phrase_at(&self, i: usize) -> Option<(usize, PhraseKind)> {
        if !self.ent(i).is_some_and(|e| e.phrase_start) {
            return None;
        }
        let mut best: Option<(usize, PhraseKind)> = None;
        'ph: for &pi in self.lx.phrases_starting(self.lw(i)) {
            let ph = &self.lx.phrases[pi as usize];
            let mut k = i;
            for (wi, w) in ph.words.iter().enumerate() {
                if wi > 0 {
                    // skip a possessive 's, a plural possessive ', hyphens and abbreviation stops
                    loop {
                        if self.punct(k, '\'') && self.glued(k) {
                            if self.word(k + 1, "s") && self.glued(k + 1) {
                                k += 2;
                                continue;
                            }
                            if self.lw(k - 1).ends_with('s') {
                                k += 1;
                                continue;
                            }
                            continue 'ph;
                        }
                        if (self.punct(k, '-') || self.punct(k, '.')) && self.glued(k) {
                            k += 1;
                            continue;
                        }
                        break;
                    }
                }
                if self.tok(k).is_none_or(|t| t.kind == Kind::Punct) || self.lw(k) != *w {
                    continue 'ph;
                }
                k += 1;
            }
            // a trailing possessive belongs to the phrase ("valentine's")
            if self.punct(k, '\'') && self.glued(k) && self.word(k + 1, "s") && self.glued(k + 1) {
                k += 2;
            }
            if best.as_ref().is_none_or(|(e, _)| k > *e) {
                best = Some((k, ph.kind));
            }
        }
        best
    }

    // ----- resolution helpers -------------------------------------------------------------

    fn y0(&self) -> Option<i32> {
        self.rf.map(|d| d.year() as i32)
    }

    /// The period `off` units from the reference date's ("last week", "next year").
    fn rel_unit(&self, u: Unit, off: i64) -> Option<Value> {
        let Some(rf) = self.rf else {
            return Some(Value::Under(
                match u {
                    Unit::Week => "XXXX-WXX",
                    Unit::Weekend => "XXXX-WXX-WE",
                    Unit::Month => "XXXX-XX",
                    Unit::Quarter => "XXXX-QX",
                    Unit::Year => "XXXX",
                    Unit::Decade => "XXX",
                    Unit::Century => "XX",
                    Unit::Day => "XXXX-XX-XX",
                    _ => return None,
                }
                .to_string(),
            ));
        };
        let y = rf.year() as i32;
        Some(match u {
            Unit::Day => Value::Day(add_days(rf, off)?),
            Unit::Week => Value::Week(add_days(monday_of(rf), 7 * off)?),
            Unit::Weekend => Value::Weekend(add_days(monday_of(rf), 7 * off)?),
            Unit::Fortnight => Value::Week(add_days(monday_of(rf), 14 * off)?),
            Unit::Month => {
                let d = add_months(rf.first_of_month(), off)?;
                Value::Month(d.year() as i32, d.month())
            }
            Unit::Quarter => {
                let q0 = (rf.month() as i64 - 1) / 3;
                let lin = y as i64 * 4 + q0 + off;
                Value::Quarter(lin.div_euclid(4) as i32, (lin.rem_euclid(4) + 1) as i8)
            }
            Unit::Year => Value::Year(y + off as i32),
            Unit::Decade => Value::Decade(y.div_euclid(10) + off as i32),
            Unit::Century => Value::Century(y.div_euclid(100) + off as i32),
            Unit::Season => {
                let (cy, cs) = Season::of(rf);
                let (sy, ss) = Season::from_linear(Season::linear(cy, cs) + off as i32);
                Value::Season(sy, ss)
            }
            _ => return None,
        })
    }

    /// The point `n` units before (sign -1) or after (sign 1) the reference: days, weeks and
    /// months give a day, years a month (one grain finer than the unit), clock units a time.
    fn shift_point(&self, d: Dur, sign: i64) -> Option<Value> {
        let n = match d.n {
            Count::Int(n) => n as i64,
            Count::Half(n) if d.unit.is_clock() => n as i64,
            _ => return None,
        };
        if n > 100_000 {
            return None;
        }
        let Some(rf) = self.rf else {
            return Some(Value::Under(
                match d.unit {
                    Unit::Year => "XXXX-XX",
                    Unit::Decade | Unit::Century => "XXXX",
                    u if u.is_clock() => return None,
                    _ => "XXXX-XX-XX",
                }
                .to_string(),
            ));
        };
        Some(match d.unit {
            Unit::Day => Value::Day(add_days(rf, sign * n)?),
            Unit::Week => Value::Day(add_days(rf, sign * 7 * n)?),
            Unit::Fortnight => Value::Day(add_days(rf, sign * 14 * n)?),
            Unit::Month => Value::Day(add_months(rf, sign * n)?),
            Unit::Quarter => Value::Day(add_months(rf, sign * 3 * n)?),
            Unit::Year => {
                let x = add_months(rf, sign * 12 * n)?;
                Value::Month(x.year() as i32, x.month())
            }
            Unit::Decade => Value::Year(rf.year() as i32 + (sign * 10 * n) as i32),
            Unit::Century => Value::Year(rf.year() as i32 + (sign * 100 * n) as i32),
            Unit::Hour | Unit::Minute | Unit::Second => {
                let (h, m, s) = self.rt?;
                let secs = match d.unit {
                    Unit::Hour => {
                        n * 3600
                            + if matches!(d.n, Count::Half(_)) {
                                1800
                            } else {
                                0
                            }
                    }
                    Unit::Minute => n * 60 + if matches!(d.n, Count::Half(_)) { 30 } else { 0 },
                    _ => n,
                };
                let base = h as i64 * 3600 + m as i64 * 60 + s as i64 + sign * secs;
                let days = base.div_euclid(86400);
                let rem = base.rem_euclid(86400);
                Value::Time(
                    add_days(rf, days)?,
                    (rem / 3600) as u8,
                    (rem % 3600 / 60) as u8,
                    Some((rem % 60) as u8),
                )
            }
            _ => return None,
        })
    }

    /// The first unit of "the last/next n units": the past ones end before the current unit,
    /// the next ones start after it.
    fn range_begin(&self, d: Dur, past: bool) -> Option<Value> {
        let rf = self.rf?;
        let n = match d.n {
            Count::Int(n) => n as i64,
            Count::X => 3,
            Count::Half(n) => n as i64 + 1,
        };
        let off = if past { -n } else { 1 };
        match d.unit {
            Unit::Hour | Unit::Minute | Unit::Second => {
                let (h, m, s) = self.rt?;
                let (step, base) = match d.unit {
                    Unit::Hour => (3600, h as i64 * 3600),
                    Unit::Minute => (60, h as i64 * 3600 + m as i64 * 60),
                    _ => (1, h as i64 * 3600 + m as i64 * 60 + s as i64),
                };
                let t = base + off * step;
                let days = t.div_euclid(86400);
                let rem = t.rem_euclid(86400);
                Some(Value::Time(
                    add_days(rf, days)?,
                    (rem / 3600) as u8,
                    (rem % 3600 / 60) as u8,
                    (d.unit == Unit::Second).then_some((rem % 60) as u8),
                ))
            }
            u => self.rel_unit(u, off),
        }
    }

    fn sem_day(&self, f: impl FnOnce(Date) -> Option<Date>) -> Option<Sem> {
        match self.rf {
            Some(rf) => Some(Sem::Val(Value::Day(f(rf)?))),
            None => Some(Sem::Val(Value::Under("XXXX-XX-XX".to_string()))),
        }
    }

    /// Resolves a semantic value now, with an unmarked tense (for values nested in others).
    pub(crate) fn resolve(&self, s: &Sem, dir: Dir) -> Option<Value> {
        match s {
            Sem::Val(v) => Some(v.clone()),
            Sem::Dir(a, r) => Some(refine(resolve_anchor(*a, self.rf, dir)?, *r)),
        }
    }

    // ----- the families -------------------------------------------------------------------

    /// The best match at token `i`.
    pub fn best_at(&self, i: usize) -> Option<Cand> {
        let mut best = self.p_date(i);
        longer(&mut best, self.p_time(i));
        longer(&mut best, self.p_shift(i));
        longer(&mut best, self.p_in(i));
        longer(&mut best, self.p_dur(i));
        longer(&mut best, self.p_vague(i));
        longer(&mut best, self.p_set(i));
        longer(&mut best, self.p_ref(i));
        longer(&mut best, self.p_between(i));
        longer(&mut best, self.p_for(i));
        best
    }

    /// Every match in the text, left to right.
    pub fn run(&self) -> Vec<Cand> {
        let n = self.t.len();
        let mut out = Vec::new();
        let mut i = 0;
        while i < n {
            if self.t[i].sent_start {
                let hi = (i + 1..n).find(|&k| self.t[k].sent_start).unwrap_or(n);
                self.lo.set(i);
                self.hi.set(hi);
            }
            let t = &self.t[i];
            let trigger = t.kind == Kind::Num
                || t.lex != 0
                || (t.kind == Kind::Word && (self.lw(i) == "q") && self.glued(i + 1));
            if !trigger {
                i += 1;
                continue;
            }
            if let Some(e) = self.age_end(i) {
                i = e.max(i + 1);
                continue;
            }
            match self.best_at(i) {
                Some(c) if c.e > i => {
                    i = c.e;
                    out.push(c);
                }
                _ => i += 1,
            }
        }
        out
    }

    /// Dates: the atoms, then their tails.
    fn p_date(&self, i: usize) -> Option<Cand> {
        let mut best = self.p_deictic(i);
        longer(&mut best, self.p_relative(i, false));
        longer(&mut best, self.p_weekday(i));
        longer(&mut best, self.p_month(i));
        longer(&mut best, self.p_numeric(i));
        longer(&mut best, self.p_ordinal(i));
        longer(&mut best, self.p_the(i));
        longer(&mut best, self.p_year(i));
        longer(&mut best, self.p_quarter(i));
        longer(&mut best, self.p_season(i));
        longer(&mut best, self.p_modified(i));
        longer(&mut best, self.p_period_abbrev(i));
        longer(&mut best, self.p_holiday(i));
        longer(&mut best, self.p_on_the(i));
        longer(&mut best, self.p_part_of(i));
        longer(&mut best, self.p_rest(i));
        let c = best?;
        Some(self.tails(c))
    }

    /// A date atom without tails (for the inside of ranges and shifts).
    fn p_date_atom(&self, i: usize) -> Option<Cand> {
        let mut best = self.p_deictic(i);
        longer(&mut best, self.p_relative(i, false));
        longer(&mut best, self.p_weekday(i));
        longer(&mut best, self.p_month(i));
        longer(&mut best, self.p_numeric(i));
        longer(&mut best, self.p_ordinal(i));
        longer(&mut best, self.p_the(i));
        longer(&mut best, self.p_year(i));
        longer(&mut best, self.p_holiday(i));
        best
    }

    /// "today", "tomorrow evening", "the day after tomorrow", "overnight".
    fn p_deictic(&self, i: usize) -> Option<Cand> {
        let e = self.ent(i)?;
        if self.in_title(i) {
            return None;
        }
        if e.overnight {
            return Some(Cand::new(
                i,
                i + 1,
                Sem::Dir(Anchor::Overnight, Refine::None),
            ));
        }
        if let Some((off, part)) = e.deictic {
            let mut c = Cand::new(i, i + 1, self.sem_day(|rf| add_days(rf, off as i64))?);
            if let Some(p) = part {
                c.sem = c.sem.with_refine(Refine::Part(p));
            }
            return Some(c);
        }
        // (the) day after tomorrow / day before yesterday
        let mut j = i;
        if self.word(j, "the") {
            j += 1;
        }
        if self.word(j, "day") && self.words(j + 1, &["after", "before"]) {
            let after = self.word(j + 1, "after");
            let k = j + 2;
            if after && self.word(k, "tomorrow") {
                return Some(Cand::new(i, k + 1, self.sem_day(|rf| add_days(rf, 2))?));
            }
            if !after && self.word(k, "yesterday") {
                return Some(Cand::new(i, k + 1, self.sem_day(|rf| add_days(rf, -2))?));
            }
        }
        None
    }

    /// "last week", "this Friday", "next March", "the past three years", "last night".
    fn p_relative(&self, i: usize, the: bool) -> Option<Cand> {
        let e = self.ent(i)?;
        let mut r = e.relative? as i64;
        let rword = self.lw(i);
        let mut j = i + 1;
        if rword == "this" {
            if self.words(j, &["past", "last", "previous"]) {
                r = -1;
                j += 1;
            } else if self.words(j, &["coming", "next", "upcoming"]) {
                r = 1;
                j += 1;
            }
        }
        let mut best: Option<Cand> = None;
        if rword == "last" {
            longer(&mut best, self.p_nth_in(i, -1, i + 1));
        }
        // count + unit: "last 2 days", "the next few weeks", "upcoming two weeks"
        if r != 0 {
            if let Some((k, d, _, false)) = self.dur(j) {
                if !matches!(d.unit, Unit::Season | Unit::Weekend) {
                    if rword == "upcoming" && !the {
                        if let Count::Int(n) = d.n {
                            if let Some(v) = self.rel_unit(d.unit, n as i64) {
                                longer(&mut best, Some(Cand::val(i, k, v)));
                            }
                        }
                    } else {
                        let mut c = Cand::val(i, k, Value::Duration(d));
                        c.begin = self.range_begin(d, r < 0).map(Sem::Val);
                        longer(&mut best, Some(c));
                    }
                }
            }
        }
        // a unit
        if let Some((k, u, plural)) = self.unit(j) {
            if plural {
                // "the coming days", "the past weeks": an unspecified number of units
                if r != 0 && the && !matches!(u, Unit::Season | Unit::Weekend) {
                    let d = Dur {
                        n: Count::X,
                        unit: u,
                    };
                    let mut c = Cand::val(i, k, Value::Duration(d));
                    c.begin = self.range_begin(d, r < 0).map(Sem::Val);
                    longer(&mut best, Some(c));
                } else if u == Unit::Season && !the {
                    longer(&mut best, self.rel_unit(u, r).map(|v| Cand::val(i, k, v)));
                }
            } else if !matches!(u, Unit::Day | Unit::Hour | Unit::Minute | Unit::Second) {
                let span_prep = self
                    .prev(i.saturating_sub(1))
                    .is_some_and(|p| self.words(p, &["over", "within", "during", "for", "in"]));
                let past_span = r == -1
                    && matches!(rword, "past" | "last")
                    && !matches!(u, Unit::Season | Unit::Quarter);
                let next_span = r == 1 && matches!(rword, "next" | "coming") && span_prep;
                if the && (past_span || next_span) && u != Unit::Season {
                    let d = Dur {
                        n: Count::Int(1),
                        unit: u,
                    };
                    let mut c = Cand::val(i, k, Value::Duration(d));
                    c.begin = self.range_begin(d, r < 0).map(Sem::Val);
                    longer(&mut best, Some(c));
                } else if let Some(v) = self.rel_unit(u, r) {
                    let mut c = Cand::val(i, k, v.clone());
                    // "last week's Sunday"
                    if let Value::Week(mon) = v {
                        if self.punct(k, '\'') && self.glued(k) && self.word(k + 1, "s") {
                            if let Some((we, wd)) = self.weekday_full(k + 2) {
                                if let Some(d) = add_days(mon, wd as i64 - 1) {
                                    c = Cand::val(i, we, Value::Day(d));
                                }
                            }
                        }
                    }
                    longer(&mut best, Some(c));
                }
            }
        }
        // a weekday
        if let Some((k, wd, form)) = self.weekday_at(j) {
            if form == WdForm::Full || self.punct(k - 1, '.') {
                let sem = match (r, rword) {
                    (0, "this") => Some(Sem::Dir(Anchor::ThisWeekday(wd), Refine::None)),
                    (0, _) => None,
                    (-1, "last") => self.sem_day(|rf| wd_in_week(add_days(rf, -7)?, wd)),
                    (-1, _) => self.sem_day(|rf| wd_on_or_before(rf, wd, true)),
                    (_, "next") => self.sem_day(|rf| wd_in_week(add_days(rf, 7)?, wd)),
                    _ => self.sem_day(|rf| wd_on_or_after(rf, wd, true)),
                };
                if let Some(sem) = sem {
                    longer(&mut best, Some(Cand::new(i, k, sem)));
                }
            }
        }
        // a month
        if let Some((k, m, abbr)) = self.month_at(j) {
            // "this may be", "at last march"
            let verb_like =
                self.ent(j).is_some_and(|e| e.month_ambiguous) && self.case(j) == Case::Lower;
            if (!abbr || self.punct(k - 1, '.')) && !verb_like {
                let v = match self.rf {
                    None => Some(Value::Under(format!("XXXX-{m:02}"))),
                    Some(rf) => {
                        let (y0, m0) = (rf.year() as i32, rf.month() as u8);
                        let y = match r {
                            0 => y0,
                            r if r < 0 => {
                                if m < m0 {
                                    y0
                                } else {
                                    y0 - 1
                                }
                            }
                            _ => {
                                if m > m0 {
                                    y0
                                } else {
                                    y0 + 1
                                }
                            }
                        };
                        Some(Value::Month(y, m as i8))
                    }
                };
                longer(&mut best, v.map(|v| Cand::val(i, k, v)));
            }
        }
        // a season
        if let Some(s) = self.ent(j).and_then(|e| e.season) {
            let v = match self.rf {
                None => Some(Value::Under(format!("XXXX-{}", s.code()))),
                Some(rf) => {
                    let (cy, cs) = Season::of(rf);
                    let cur = Season::linear(cy, cs);
                    let pick = match r {
                        0 => season_occurrence(rf, s, Dir::Unmarked),
                        r if r < 0 => (cur - 4..cur)
                            .rev()
                            .map(Season::from_linear)
                            .find(|(_, x)| *x == s),
                        _ => (cur + 1..cur + 5)
                            .map(Season::from_linear)
                            .find(|(_, x)| *x == s),
                    };
                    pick.map(|(y, s)| Value::Season(y, s))
                }
            };
            longer(&mut best, v.map(|v| Cand::val(i, j + 1, v)));
        }
        // a part of the day: "this morning", "last night"
        if let Some(p) = self.ent(j).and_then(|e| e.part) {
            let off = match (r, rword) {
                (0, _) => Some(0),
                (-1, "last") if matches!(p, Part::Night | Part::Evening) => Some(-1),
                _ => None,
            };
            if let Some(off) = off {
                if let Some(s) = self.sem_day(|rf| add_days(rf, off)) {
                    longer(
                        &mut best,
                        Some(Cand::new(i, j + 1, s.with_refine(Refine::Part(p)))),
                    );
                }
            }
        }
        // a holiday
        if let Some((k, PhraseKind::Holiday(rule))) = self.phrase_at(j) {
            let v = match self.rf {
                None => None,
                Some(rf) => {
                    let y0 = rf.year() as i32;
                    let h = holiday_date(rule, y0)?;
                    match r {
                        0 => Some(h),
                        r if r < 0 => {
                            if h < rf {
                                Some(h)
                            } else {
                                holiday_date(rule, y0 - 1)
                            }
                        }
                        _ => {
                            if h > rf {
                                Some(h)
                            } else {
                                holiday_date(rule, y0 + 1)
                            }
                        }
                    }
                }
            };
            let sem = match v {
                Some(d) => Sem::Val(Value::Day(d)),
                None => Sem::Dir(Anchor::Holiday(rule), Refine::None),
            };
            longer(&mut best, Some(Cand::new(i, k, sem)));
        }
        best
    }

    /// "Friday", "Monday, Feb 18", "Tuesday the 19th", "Wednesday of next week",
    /// "Friday after next".
    fn p_weekday(&self, i: usize) -> Option<Cand> {
        let (we, wd, form) = self.weekday_at(i)?;
        let mut best: Option<Cand> = None;
        let j = if self.punct(we, ',') { we + 1 } else { we };
        // with a date
        if let Some(c) = self.p_month(j).or_else(|| self.p_numeric(j)) {
            let sem = match c.sem {
                Sem::Dir(Anchor::MonthDay(m, d, None), r) => {
                    Some(Sem::Dir(Anchor::MonthDay(m, d, Some(wd)), r))
                }
                Sem::Val(Value::Day(d)) => Some(Sem::Val(Value::Day(d))),
                _ => None,
            };
            if let Some(sem) = sem {
                longer(&mut best, Some(Cand::new(i, c.e, sem)));
            }
        }
        // with a day of the month: "Tuesday the 19th", "Thu 15th"
        {
            let k = if self.word(we, "the") { we + 1 } else { we };
            if let Some((de, d, true)) = self.day_at(k) {
                if self.month_at(de).is_none() && !self.word(de, "of") {
                    longer(
                        &mut best,
                        Some(Cand::new(
                            i,
                            de,
                            Sem::Dir(Anchor::DayOfMonth(d, Some(wd)), Refine::None),
                        )),
                    );
                }
            }
        }
        if form == WdForm::Full || (form == WdForm::Abbr && best.is_some()) {
            // of this / next / last week
            let mut k = we;
            if self.words(k, &["of", "from"]) {
                k += 1;
            }
            if self.word(k, "the") {
                k += 1;
            }
            if let Some(r) = self.ent(k).and_then(|e| e.relative) {
                if self
                    .unit(k + 1)
                    .is_some_and(|(_, u, pl)| u == Unit::Week && !pl)
                {
                    let (ke, _, _) = self.unit(k + 1)?;
                    let sem = self.sem_day(|rf| wd_in_week(add_days(rf, 7 * r as i64)?, wd))?;
                    longer(&mut best, Some(Cand::new(i, ke, sem)));
                }
            }
            // after next / before last
            if self.word(we, "after") && self.word(we + 1, "next") {
                let sem = self.sem_day(|rf| add_days(wd_on_or_after(rf, wd, true)?, 7))?;
                longer(&mut best, Some(Cand::new(i, we + 2, sem)));
            }
            if self.word(we, "before") && self.word(we + 1, "last") {
                let sem = self.sem_day(|rf| add_days(wd_on_or_before(rf, wd, true)?, -7))?;
                longer(&mut best, Some(Cand::new(i, we + 2, sem)));
            }
            if form == WdForm::Full {
                longer(
                    &mut best,
                    Some(Cand::new(
                        i,
                        we,
                        Sem::Dir(Anchor::Weekday(wd), Refine::None),
                    )),
                );
            }
        }
        best
    }

    /// "February 26, 2025", "Feb. 26", "February the 15th", "march third 2015", "October 2014",
    /// "March", "next March" (elsewhere), "March after next", "March in 1 year".
    fn p_month(&self, i: usize) -> Option<Cand> {
        let (me, m, _abbr) = self.month_at(i)?;
        let mut best: Option<Cand> = None;
        // month [the] day [,] [year] [, weekday]
        {
            let mut j = me;
            let the = self.word(j, "the");
            if the {
                j += 1;
            }
            // "Feb13" glued is a date; "MAY7" in a price table is a contract month
            let glued_ok = !(j == me && self.glued(j))
                || (self.num(j).is_some_and(|(_, nd)| nd == 2) && self.case(i) != Case::Upper);
            if let Some((de, d, ord)) = self.day_at(j).filter(|_| glued_ok) {
                let counted = !ord && self.ent(de).is_some_and(|e| e.unit.is_some());
                let time_after = !ord && self.punct(de, ':');
                if (!the || ord) && !counted && !time_after {
                    let mut k = de;
                    let kc = if self.punct(k, ',') { k + 1 } else { k };
                    let mut year = None;
                    if let Some((ye, y)) = self.year4(kc) {
                        year = Some(y);
                        k = ye;
                    }
                    let mut wd = None;
                    if self.punct(k, ',') {
                        if let Some((we, w, _)) = self.weekday_at(k + 1) {
                            wd = Some(w);
                            k = we;
                        }
                    }
                    let sem = match year {
                        Some(y) => date(y, m as i32, d as i32).map(|x| Sem::Val(Value::Day(x))),
                        None => Some(Sem::Dir(Anchor::MonthDay(m, d, wd), Refine::None)),
                    };
                    if let Some(sem) = sem {
                        if (1..=31).contains(&d) && date(2000, m as i32, d as i32).is_some() {
                            longer(&mut best, Some(Cand::new(i, k, sem)));
                        }
                    }
                }
            }
        }
        // month [,|of] year
        {
            let mut j = me;
            if self.punct(j, ',') || self.word(j, "of") {
                j += 1;
            }
            if let Some((ye, y)) = self.year4(j) {
                longer(&mut best, Some(Cand::val(i, ye, Value::Month(y, m as i8))));
            }
        }
        {
            // March after next
            if self.word(me, "after") && self.word(me + 1, "next") {
                if let Some(rf) = self.rf {
                    let (y0, m0) = (rf.year() as i32, rf.month() as u8);
                    let y = if m > m0 { y0 + 1 } else { y0 + 2 };
                    longer(
                        &mut best,
                        Some(Cand::val(i, me + 2, Value::Month(y, m as i8))),
                    );
                }
            }
            // March in 1 year
            if self.word(me, "in") {
                if let Some((k, d, _, false)) = self.dur(me + 1) {
                    if let (Unit::Year, Count::Int(n), Some(y0)) = (d.unit, d.n, self.y0()) {
                        longer(
                            &mut best,
                            Some(Cand::val(i, k, Value::Month(y0 + n as i32, m as i8))),
                        );
                    }
                }
            }
        }
        if self.month_ok(i, me, false) || self.range_follows_month(me) {
            longer(
                &mut best,
                Some(Cand::new(i, me, Sem::Dir(Anchor::Month(m), Refine::None))),
            );
        }
        best
    }

    /// True when a month name ending at `me` starts a range of months ("May to July").
    fn range_follows_month(&self, me: usize) -> bool {
        (self.punct(me, '-') || self.words(me, &["to", "through", "until", "and"]))
            && self
                .month_at(me + 1)
                .is_some_and(|(e, _, _)| self.month_ok(me + 1, e, false))
    }

    /// Dates that start with a number: ISO and numeric forms, "26 February 2025",
    /// "15 of february", "14april 2015", "31-Oct-74", quarters "18q4", "2018Q4".
    fn p_numeric(&self, i: usize) -> Option<Cand> {
        let (v, nd) = self.num(i)?;
        if self.prev(i).is_some_and(|p| {
            self.glued(i)
                && self.tok(p).is_some_and(|t| {
                    t.kind == Kind::Num
                        || (t.kind == Kind::Punct
                            && matches!(
                                t.ch,
                                '$' | '£' | '€' | '#' | '.' | ',' | '/' | ':' | '+' | '-'
                            ))
                })
        }) {
            return None;
        }
        let mut best: Option<Cand> = None;
        let sep = |k: usize| -> Option<char> {
            let t = self.tok(k)?;
            (t.kind == Kind::Punct
                && matches!(t.ch, '-' | '/' | '.')
                && t.glued
                && self.glued(k + 1))
            .then_some(t.ch)
        };
        // a following number part glued after a separator
        let next_num = |k: usize| -> Option<(u32, u8)> { self.num(k) };
        let ends_clean = |k: usize| -> bool {
            // not followed by more of a numeric token
            !(self.glued(k)
                && self.tok(k).is_some_and(|t| {
                    t.kind == Kind::Num
                        || (t.kind == Kind::Punct && matches!(t.ch, '-' | '/' | '.' | ':'))
                            && self.num(k + 1).is_some()
                            && self.glued(k + 1)
                }))
                && !(self.glued(k) && self.tok(k).is_some_and(|t| t.kind == Kind::Word))
        };
        if nd == 4 {
            // YYYY-MM-DD, YYYY/MM/DD, YYYY-MM, YYYY/MM
            if let Some(s1) = sep(i + 1) {
                if s1 != '.' {
                    if let Some((mo, mnd)) = next_num(i + 2) {
                        if mnd <= 2 {
                            if sep(i + 3) == Some(s1) {
                                if let Some((dd, dnd)) = next_num(i + 4) {
                                    if dnd <= 2 && ends_clean(i + 5) {
                                        if let Some(x) = date(v as i32, mo as i32, dd as i32) {
                                            longer(
                                                &mut best,
                                                Some(Cand::val(i, i + 5, Value::Day(x))),
                                            );
                                        }
                                    }
                                }
                            } else if ends_clean(i + 3)
                                && (1..=12).contains(&mo)
                                && mnd == 2
                                && mo != (v + 1) % 100
                            {
                                longer(
                                    &mut best,
                                    Some(Cand::val(i, i + 3, Value::Month(v as i32, mo as i8))),
                                );
                            }
                        }
                    }
                }
            }
            // 2018Q4
            if self.glued(i + 1) && self.word(i + 1, "q") {
                if let Some((q, 1)) = self.num(i + 2) {
                    if self.glued(i + 2) && (1..=4).contains(&q) && ends_clean(i + 3) {
                        longer(
                            &mut best,
                            Some(Cand::val(i, i + 3, Value::Quarter(v as i32, q as i8))),
                        );
                    }
                }
            }
        }
        if nd == 2 && self.glued(i + 1) && self.word(i + 1, "q") {
            if let Some((q, 1)) = self.num(i + 2) {
                if self.glued(i + 2) && (1..=4).contains(&q) && ends_clean(i + 3) {
                    longer(
                        &mut best,
                        Some(Cand::val(i, i + 3, Value::Quarter(Self::year2(v), q as i8))),
                    );
                }
            }
        }
        if nd <= 2 {
            // M/D/Y, D/M/Y, M-D-Y, M.D.Y; M/YYYY; M/D, D/M
            if let Some(s1) = sep(i + 1) {
                if let Some((b, bnd)) = next_num(i + 2) {
                    if bnd <= 2 && sep(i + 3) == Some(s1) {
                        if let Some((c, cnd)) = next_num(i + 4) {
                            if (cnd == 2 || cnd == 4) && ends_clean(i + 5) {
                                let y = if cnd == 4 { c as i32 } else { Self::year2(c) };
                                let (mo, dd) = if v > 12 && b <= 12 { (b, v) } else { (v, b) };
                                if let Some(x) = date(y, mo as i32, dd as i32) {
                                    longer(&mut best, Some(Cand::val(i, i + 5, Value::Day(x))));
                                }
                            }
                        }
                    } else if bnd == 4 && s1 == '/' && (1..=12).contains(&v) && ends_clean(i + 3) {
                        longer(
                            &mut best,
                            Some(Cand::val(i, i + 3, Value::Month(b as i32, v as i8))),
                        );
                    } else if bnd <= 2 && s1 == '/' && ends_clean(i + 3) {
                        if let Some(c) = self.md_pair(i, v, b, i + 3, false) {
                            longer(&mut best, Some(c));
                        }
                    } else if bnd <= 2 && s1 == '-' && ends_clean(i + 3) {
                        if let Some(c) = self.md_pair(i, v, b, i + 3, true) {
                            longer(&mut best, Some(c));
                        }
                    }
                }
            }
            // spaced "2 / 15", "2 - 15"
            if (self.punct(i + 1, '/') || self.punct(i + 1, '-'))
                && !self.glued(i + 1)
                && !self.glued(i + 2)
            {
                if let Some((b, bnd)) = next_num(i + 2) {
                    if bnd <= 2
                        && ends_clean(i + 3)
                        && !self.punct(i + 3, '/')
                        && !self.punct(i + 3, '-')
                    {
                        if let Some(c) = self.md_pair(i, v, b, i + 3, true) {
                            longer(&mut best, Some(c));
                        }
                    }
                }
            }
            // day [of] month [year]: "26 February 2025", "14april 2015", "31-Oct-74", "15 of february"
            if let Some((de, d, _)) = self.day_at(i) {
                longer(&mut best, self.day_month_tail(i, de, d));
            }
        }
        best
    }

    /// A numeric month/day pair without a year. `/` pairs read M/D, or D/M when the first part
    /// cannot be a month; hyphenated pairs (easily scores) only with a day of 13 or more, at a
    /// sentence start or after a date preposition, never after a score word.
    fn md_pair(&self, i: usize, a: u32, b: u32, e: usize, hyphen: bool) -> Option<Cand> {
        let prev_word = self.prev(i).map(|p| self.lw(p)).unwrap_or("");
        let date_prep = matches!(prev_word, "on" | "since" | "until" | "from" | "by" | "till");
        if self
            .prev(i)
            .and_then(|p| self.ent(p))
            .is_some_and(|e| e.score_cue)
        {
            return None;
        }
        // not followed by a fraction's noun ("2/3 of", "5/16 point"), a percentage or a unit
        if self.punct(e, '%')
            || self
                .ent(e)
                .is_some_and(|x| x.unit.is_some() || x.fraction_follow)
        {
            return None;
        }
        // odds and runs of fractions: "4/9 and 8/13", "odds of 25/1"
        let lo = self.lo.get();
        let slash_pair = |k: usize| {
            self.num(k).is_some()
                && self.punct(k + 1, '/')
                && self.glued(k + 1)
                && self.num(k + 2).is_some()
                && self.glued(k + 2)
        };
        if (i.saturating_sub(6).max(lo)..i)
            .any(|k| slash_pair(k) || self.ent(k).is_some_and(|x| x.fraction_before))
            || (e..e + 6).any(slash_pair)
        {
            return None;
        }
        // not part of a mixed number ("1 3/8", "10-9/16")
        if self
            .prev(i)
            .is_some_and(|p| self.num(p).is_some() || (self.punct(p, '-') && self.glued(i)))
        {
            return None;
        }
        // halves, quarters, eighths, sixteenths: fractions unless a date word comes before
        if !hyphen && matches!(b, 2 | 4 | 8 | 16 | 32 | 64) && !date_prep {
            return None;
        }
        let (m, d) = if (1..=12).contains(&a) && (13..=31).contains(&b) {
            (a, b)
        } else if (13..=31).contains(&a) && (1..=12).contains(&b) && !hyphen {
            (b, a)
        } else if (1..=12).contains(&a) && (1..=12).contains(&b) && !hyphen && date_prep {
            (a, b)
        } else {
            return None;
        };
        if hyphen && !(date_prep || self.prev(i).is_none()) {
            return None;
        }
        date(2000, m as i32, d as i32)?;
        Some(Cand::new(
            i,
            e,
            Sem::Dir(Anchor::MonthDay(m as u8, d as u8, None), Refine::None),
        ))
    }

    /// After a day number ending at `de`: `[of|-|/] month [year]`.
    fn day_month_tail(&self, i: usize, de: usize, d: u8) -> Option<Cand> {
        let mut j = de;
        let mut sep_char = None;
        if self.word(j, "of") {
            j += 1;
        } else if (self.punct(j, '-') || self.punct(j, '/')) && self.glued(j) && self.glued(j + 1) {
            sep_char = self.tok(j).map(|t| t.ch);
            j += 1;
        }
        let (me, m, _) = self.month_at(j)?;
        date(2000, m as i32, d as i32)?;
        if self.glued(me) && self.num(me).is_some() && sep_char.is_none() {
            // "7 SEP7": a table of contract months
            return None;
        }
        let mut k = me;
        let mut year = None;
        if let Some(s) = sep_char {
            if self.punct(k, s) && self.glued(k) {
                if let Some((y, ynd)) = self.num(k + 1) {
                    if self.glued(k + 1) && (ynd == 2 || ynd == 4) {
                        year = Some(if ynd == 4 { y as i32 } else { Self::year2(y) });
                        k += 2;
                    }
                }
            }
        } else {
            let kc = if self.punct(k, ',') { k + 1 } else { k };
            if let Some((ye, y)) = self.year4(kc) {
                year = Some(y);
                k = ye;
            } else if let Some((y, 2)) = self.num(k) {
                // "14th April 15": a two-digit year only at the end of a clause
                let end_after = self
                    .tok(k + 1)
                    .is_none_or(|t| t.kind == Kind::Punct && matches!(t.ch, '.' | ',' | ';' | ')'));
                if end_after && !self.glued(k + 1) || self.tok(k + 1).is_none() {
                    year = Some(Self::year2(y));
                    k += 1;
                }
            }
        }
        let sem = match year {
            Some(y) => Sem::Val(Value::Day(date(y, m as i32, d as i32)?)),
            None => Sem::Dir(Anchor::MonthDay(m, d, None), Refine::None),
        };
        Some(Cand::new(i, k, sem))
    }

    /// Ordinal constructions: "15th of February", "first Tuesday of October",
    /// "third day of October", "first week of October 2014", "third last week of 2018",
    /// "4th quarter 2018", "first half of 2025", "20th of next month",
    /// "second closest Monday to Oct 5th".
    fn p_ordinal(&self, i: usize) -> Option<Cand> {
        let (oe, n) = match self.ordinal(i) {
            Some(x) => x,
            None => {
                // "20 of next month"
                let (e, v) = self.cardinal(i)?;
                if !self.word(e, "of") || self.num(i).is_none() {
                    return None;
                }
                (e, v)
            }
        };
        let mut best: Option<Cand> = None;
        // day-of-month constructions
        if (1..=31).contains(&n) {
            if let Some(c) = self.day_month_tail(i, oe, n as u8) {
                if self.word(oe, "of") || self.ordinal(i).is_some() {
                    longer(&mut best, Some(c));
                }
            }
            // "20th (day) of (the) next month"
            let mut k = oe;
            if self.word(k, "day") {
                k += 1;
            }
            if self.word(k, "of") {
                k += 1;
                if self.word(k, "the") {
                    k += 1;
                }
                if let Some(r) = self.ent(k).and_then(|e| e.relative) {
                    if self
                        .unit(k + 1)
                        .is_some_and(|(_, u, pl)| u == Unit::Month && !pl)
                    {
                        let sem = self.sem_day(|rf| {
                            let m = add_months(rf.first_of_month(), r as i64)?;
                            date(m.year() as i32, m.month() as i32, n as i32)
                        })?;
                        longer(&mut best, Some(Cand::new(i, k + 2, sem)));
                    }
                }
            }
        }
        if self.ordinal(i).is_none() {
            return best;
        }
        // "third last week of 2018", "fifth last day of May"
        if self.word(oe, "last") {
            longer(&mut best, self.p_nth_in(i, -(n as i32), oe + 1));
        }
        longer(&mut best, self.p_nth_in(i, n as i32, oe));
        // quarters and halves
        // "first-quarter"
        let qe = if self.punct(oe, '-') && self.glued(oe) && self.glued(oe + 1) {
            oe + 1
        } else {
            oe
        };
        if let Some((ue, u, false)) = self.unit(qe) {
            if u == Unit::Quarter && (1..=4).contains(&n) {
                let (ye, y) = self.period_year(ue);
                let y = y.or(self.y0());
                let v = match y {
                    Some(y) => Value::Quarter(y, n as i8),
                    None => Value::Under(format!("XXXX-Q{n}")),
                };
                longer(&mut best, Some(Cand::val(i, ye, v)));
            }
        }
        if self.word(qe, "half") && (1..=2).contains(&n) && self.word(qe + 1, "of") {
            // only with its year: "the first half" alone is as often a match's
            if let (ye, Some(y)) = self.period_year(qe + 1) {
                longer(&mut best, Some(Cand::val(i, ye, Value::Half(y, n as i8))));
            }
        }
        // "second closest Mon to October fifth"
        if self.word(oe, "closest") {
            longer(&mut best, self.p_closest(i, n, oe + 1));
        }
        best
    }

    /// After a quarter or half: `[of [the]] year`, or "of this/next/last year". Returns the end
    /// and the year when one was given.
    fn period_year(&self, j: usize) -> (usize, Option<i32>) {
        let mut k = j;
        if self.word(k, "of") {
            k += 1;
            if self.word(k, "the") {
                k += 1;
            }
        }
        if let Some((ye, y)) = self.year4(k) {
            return (ye, Some(y));
        }
        if let Some(r) = self.ent(k).and_then(|e| e.relative) {
            if self
                .unit(k + 1)
                .is_some_and(|(_, u, pl)| u == Unit::Year && !pl)
            {
                if let Some(y0) = self.y0() {
                    return (k + 2, Some(y0 + r as i32));
                }
            }
        }
        (j, None)
    }

    /// "the closest Monday to Oct 5th" (n = 1), "the second closest Mon to October fifth":
    /// the n-th nearest occurrence of a weekday or holiday to a date.
    fn p_closest(&self, i: usize, n: u32, j: usize) -> Option<Cand> {
        enum What {
            Wd(u8),
            Hol(crate::lexicon::HolidayRule),
        }
        let (we, what) = if let Some((we, wd, _)) = self.weekday_at(j) {
            (we, What::Wd(wd))
        } else if let Some((he, PhraseKind::Holiday(r))) = self.phrase_at(j) {
            (he, What::Hol(r))
        } else {
            return None;
        };
        if !self.word(we, "to") {
            return None;
        }
        let (te, target) = if self.word(we + 1, "today") {
            (we + 2, self.rf?)
        } else {
            let c = self.p_date_atom(we + 1)?;
            match self.resolve(&c.sem, Dir::Unmarked)? {
                Value::Day(d) => (c.e, d),
                _ => return None,
            }
        };
        let mut occ: Vec<Date> = match what {
            What::Wd(wd) => (-10..=10)
                .filter_map(|k| add_days(wd_on_or_after(target, wd, false)?, 7 * k))
                .collect(),
            What::Hol(r) => (-10..=10)
                .filter_map(|k| holiday_date(r, target.year() as i32 + k))
                .collect(),
        };
        occ.sort_by_key(|d| {
            let dist = (target.since(*d).map(|s| s.get_days() as i64).unwrap_or(0)).abs();
            (dist, *d)
        });
        let d = *occ.get(n.checked_sub(1)? as usize)?;
        Some(Cand::val(i, te, Value::Day(d)))
    }

    /// The n-th (negative: from the end) weekday, day, week or weekend of a period:
    /// `what (of|in) period`, with `what` at token `j`.
    fn p_nth_in(&self, i: usize, n: i32, j: usize) -> Option<Cand> {
        #[derive(Clone, Copy)]
        enum What {
            Wd(u8),
            Day,
            Week,
            Weekend,
        }
        let (we, what) = if let Some((we, wd, _)) = self.weekday_at(j) {
            (we, What::Wd(wd))
        } else if let Some((we, u, false)) = self.unit(j) {
            match u {
                Unit::Day => (we, What::Day),
                Unit::Week => (we, What::Week),
                Unit::Weekend => (we, What::Weekend),
                _ => return None,
            }
        } else {
            return None;
        };
        // "after <date>": the n-th weekday after it
        if let What::Wd(wd) = what {
            if self.word(we, "after") && n > 0 {
                let c = self.p_date_atom(we + 1)?;
                let Value::Day(d) = self.resolve(&c.sem, Dir::Unmarked)? else {
                    return None;
                };
                let first = wd_on_or_after(d, wd, true)?;
                return Some(Cand::val(
                    i,
                    c.e,
                    Value::Day(add_days(first, 7 * (n as i64 - 1))?),
                ));
            }
        }
        if !self.words(we, &["of", "in"]) {
            return None;
        }
        let (pe, pv) = self.period_at(we + 1)?;
        let (start, end) = period_bounds(&pv)?;
        let v = match what {
            What::Wd(wd) => {
                let first = wd_on_or_after(start, wd, false)?;
                let last = wd_on_or_before(add_days(end, -1)?, wd, false)?;
                let d = if n > 0 {
                    add_days(first, 7 * (n as i64 - 1))?
                } else {
                    add_days(last, -7 * (-n as i64 - 1))?
                };
                if d < start || d >= end {
                    return None;
                }
                Value::Day(d)
            }
            What::Day => {
                let d = if n > 0 {
                    add_days(start, n as i64 - 1)?
                } else {
                    add_days(end, n as i64)?
                };
                if d < start || d >= end {
                    return None;
                }
                Value::Day(d)
            }
            What::Week | What::Weekend => {
                // weeks (Monday to Sunday) that lie wholly inside the period
                let first = wd_on_or_after(start, 1, false)?;
                let last = add_days(wd_on_or_before(add_days(end, -1)?, 7, false)?, -6)?;
                let mon = if n > 0 {
                    add_days(first, 7 * (n as i64 - 1))?
                } else {
                    add_days(last, -7 * (-n as i64 - 1))?
                };
                if mon < start || add_days(mon, 7)? > end {
                    return None;
                }
                if matches!(what, What::Week) {
                    Value::Week(mon)
                } else {
                    Value::Weekend(mon)
                }
            }
        };
        Some(Cand::val(i, pe, v))
    }

    /// A period after "of"/"in": a month [year], a year, "this/next/last month|year|week",
    /// "the month", "the year".
    fn period_at(&self, j: usize) -> Option<(usize, Value)> {
        let mut k = j;
        if self.word(k, "the") {
            k += 1;
        }
        if let Some((me, m, _)) = self.month_at(k) {
            let kc = if self.punct(me, ',') { me + 1 } else { me };
            if let Some((ye, y)) = self.year4(kc) {
                return Some((ye, Value::Month(y, m as i8)));
            }
            let v = resolve_anchor(Anchor::Month(m), self.rf, self.dir_guess(j))?;
            return Some((me, v));
        }
        if let Some((ye, y)) = self.year4(k) {
            return Some((ye, Value::Year(y)));
        }
        if let Some(r) = self.ent(k).and_then(|e| e.relative) {
            if let Some((ue, u, false)) = self.unit(k + 1) {
                if matches!(u, Unit::Month | Unit::Year | Unit::Week | Unit::Quarter) {
                    return Some((ue, self.rel_unit(u, r as i64)?));
                }
            }
        }
        if k > j {
            if let Some((ue, u, false)) = self.unit(k) {
                if matches!(u, Unit::Month | Unit::Year | Unit::Week) {
                    return Some((ue, self.rel_unit(u, 0)?));
                }
            }
        }
        None
    }

    /// The tense direction around token `j`, for anchors nested in larger expressions.
    fn dir_guess(&self, j: usize) -> Dir {
        self.direction(j, j + 1)
    }

    /// Constructions that start with "the".
    fn p_the(&self, i: usize) -> Option<Cand> {
        if !self.word(i, "the") {
            return None;
        }
        let j = i + 1;
        let mut best: Option<Cand> = None;
        let widen = |c: Option<Cand>| {
            c.map(|mut c| {
                c.s = i;
                c
            })
        };
        longer(&mut best, widen(self.p_relative(j, true)));
        longer(&mut best, widen(self.p_ordinal(j)));
        longer(&mut best, widen(self.p_modified(j)));
        longer(&mut best, widen(self.p_period_abbrev(j)));
        longer(&mut best, widen(self.p_deictic(i)));
        longer(&mut best, widen(self.p_holiday(j)));
        // the ides of March
        if self.word(j, "ides") && self.word(j + 1, "of") {
            if let Some((me, m, _)) = self.month_at(j + 2) {
                let day = self
                    .ent(j + 2)
                    .and_then(|e| e.ides)
                    .unwrap_or(self.lx.ides_default);
                let (k, year) = match self.year4(me) {
                    Some((ye, y)) => (ye, Some(y)),
                    None => (me, None),
                };
                let sem = match year {
                    Some(y) => Sem::Val(Value::Day(date(y, m as i32, day as i32)?)),
                    None => Sem::Dir(Anchor::MonthDay(m, day, None), Refine::None),
                };
                longer(&mut best, Some(Cand::new(i, k, sem)));
            }
        }
        // the week of October 6th
        if self.word(j, "week") && self.word(j + 1, "of") {
            if let Some(c) = self.p_date_atom(j + 2) {
                if let Some(Value::Day(d)) = self.resolve(&c.sem, self.dir_guess(i)) {
                    // a week "of" a Sunday starts that Sunday: the ISO week after it
                    let d = if d.weekday().to_monday_one_offset() == 7 {
                        add_days(d, 1)?
                    } else {
                        d
                    };
                    longer(
                        &mut best,
                        Some(Cand::val(i, c.e, Value::Week(monday_of(d)))),
                    );
                }
            }
        }
        // the closest Monday to Oct 5th
        if self.word(j, "closest") {
            longer(&mut best, self.p_closest(i, 1, j + 1));
        }
        // the weekend
        if self
            .unit(j)
            .is_some_and(|(_, u, pl)| u == Unit::Weekend && !pl)
        {
            let (ue, _, _) = self.unit(j)?;
            longer(
                &mut best,
                Some(Cand::new(i, ue, Sem::Dir(Anchor::Weekend, Refine::None))),
            );
        }
        // the 1990s, the '90s
        longer(&mut best, widen(self.p_decade(j)));
        // the 2024 election
        if let Some((ye, y)) = self.year4(j) {
            if (1900..=2100).contains(&y)
                && self.is_word(ye)
                && self.case(ye) == Case::Lower
                && !self.ent(ye).is_some_and(|e| e.unit.is_some())
                && !self.numeric_context(j)
            {
                longer(&mut best, Some(Cand::val(j, ye, Value::Year(y))));
            }
        }
        // the 15th (a day of the month alone, not followed by a noun)
        if let Some((de, d)) = self.ordinal(j) {
            if self.num(j).is_some() && (1..=31).contains(&d) && !self.is_word(de) {
                longer(
                    &mut best,
                    Some(Cand::new(
                        i,
                        de,
                        Sem::Dir(Anchor::DayOfMonth(d as u8, None), Refine::None),
                    )),
                );
            }
        }
        best
    }

    /// "on the first", "on the 15th": a day of the month alone after "on", at a clause end.
    fn p_on_the(&self, i: usize) -> Option<Cand> {
        if !(self.word(i, "the") && self.prev(i).is_some_and(|p| self.word(p, "on"))) {
            return None;
        }
        let (de, d) = self.ordinal(i + 1)?;
        if !(1..=31).contains(&d) {
            return None;
        }
        let end_ok = self.tok(de).is_none_or(|t| {
            t.kind == Kind::Punct && matches!(t.ch, '.' | ',' | ';' | '!' | '?' | ')')
        });
        end_ok.then(|| {
            Cand::new(
                i,
                de,
                Sem::Dir(Anchor::DayOfMonth(d as u8, None), Refine::None),
            )
        })
    }

    /// Decades: "1990s", "'90s", "90s".
    fn p_decade(&self, i: usize) -> Option<Cand> {
        let (j, apostrophe) = if self.punct(i, '\'') {
            (i + 1, true)
        } else {
            (i, false)
        };
        let (v, nd) = self.num(j)?;
        if !(self.glued(j + 1) && self.word(j + 1, "s")) || v % 10 != 0 {
            return None;
        }
        if apostrophe && !self.glued(j) {
            return None;
        }
        let dec = match nd {
            4 if (1000..=2990).contains(&v) => (v / 10) as i32,
            2 => {
                let y0 = self.y0().unwrap_or(2000);
                let d20 = 200 + (v / 10) as i32;
                if d20 * 10 <= y0 {
                    d20
                } else {
                    190 + (v / 10) as i32
                }
            }
            _ => return None,
        };
        if nd == 2
            && !apostrophe
            && !self.prev(i).is_some_and(|p| {
                self.word(p, "the") || self.ent(p).is_some_and(|e| e.modifier.is_some())
            })
        {
            return None;
        }
        Some(Cand::val(i, j + 2, Value::Decade(dec)))
    }

    /// Years: "in 2024", "2024's", "since 2020", "1990s", "2014 BC", "in 14 a.d.", "2024-25".
    fn p_year(&self, i: usize) -> Option<Cand> {
        let (v, nd) = self.num(i)?;
        if let Some(c) = self.p_decade(i) {
            let cue = self.cue_before(i) > 0 || self.prev(i).is_some_and(|p| self.word(p, "the"));
            if nd == 4 && (cue || self.case(i) != Case::Lower) {
                return Some(c);
            }
        }
        if self.numeric_context(i) {
            return None;
        }
        // with an era
        if let Some((ee, era)) = self.era_at(i + 1) {
            if nd <= 4 && v > 0 && !self.glued(i + 1) {
                let y = if era == Era::Bc {
                    -(v as i32)
                } else {
                    v as i32
                };
                return Some(Cand::val(i, ee, Value::Year(y)));
            }
        }
        if nd != 4 || !(1000..=2999).contains(&v) {
            return None;
        }
        if self.glued(i + 1)
            && self.tok(i + 1).is_some_and(|t| {
                t.kind != Kind::Punct
                    || matches!(t.ch, ':' | '.' | '/') && self.num(i + 2).is_some()
            })
        {
            return None;
        }
        let y = v as i32;
        // fiscal / range: 2024-25, 1990-2000
        if self.punct(i + 1, '-') && self.glued(i + 1) && self.glued(i + 2) {
            if let Some((w, wnd)) = self.num(i + 2) {
                let end = match wnd {
                    2 => Some(y / 100 * 100 + w as i32),
                    4 => Some(w as i32),
                    _ => None,
                };
                let licensed = self.cue_before(i) > 0 || (1800..=2100).contains(&y);
                if let Some(e) = end.filter(|e| *e > y && *e - y <= 100 && licensed) {
                    let mut c = Cand::val(i, i + 3, Value::Year(y));
                    c.begin = Some(Sem::Val(Value::Year(y)));
                    c.end = Some(Sem::Val(Value::Year(e)));
                    return Some(c);
                }
            }
        }
        // "the 1980's": a decade
        if y % 10 == 0
            && self.punct(i + 1, '\'')
            && self.word(i + 2, "s")
            && self.prev(i).is_some_and(|p| {
                self.word(p, "the") || self.ent(p).is_some_and(|e| e.modifier.is_some())
            })
        {
            return Some(Cand::val(i, i + 3, Value::Decade(y / 10)));
        }
        // "1986 4th qtr": a quarter of that year
        if let Some((oe, q)) = self.ordinal(i + 1) {
            if let Some((qe, Unit::Quarter, false)) = self.unit(oe) {
                if (1..=4).contains(&q) {
                    return Some(Cand::val(i, qe, Value::Quarter(y, q as i8)));
                }
            }
        }
        let possessive = self.punct(i + 1, '\'')
            && self.glued(i + 1)
            && self.word(i + 2, "s")
            && self.glued(i + 2);
        // before 1500 only after a preposition ("in 1066"; not "around 1030")
        let cue = if y < 1500 {
            self.cue_before(i) >= 3
        } else {
            self.cue_before(i) > 0
        };
        let paren = self.prev(i).is_some_and(|p| self.punct(p, '(')) && self.punct(i + 1, ')');
        // a range of years licenses both ("from 1990 to 2000"): modern years only
        let modern = |w: u32| (1800..=2100).contains(&w);
        let range = modern(v)
            && (self.punct(i + 1, '-') || self.words(i + 1, &["to", "and"]))
            && self.num(i + 2).is_some_and(|(w, n)| n == 4 && modern(w));
        let after_range = self.prev(i).is_some_and(|p| {
            (self.punct(p, '-') || self.words(p, &["to", "and"]))
                && modern(v)
                && self
                    .prev(p)
                    .is_some_and(|pp| self.num(pp).is_some_and(|(w, n)| n == 4 && modern(w)))
        });
        if !(possessive || cue || paren || range || after_range) {
            return None;
        }
        // a count, not a year: "in 2000 cases"
        if !possessive && self.is_word(i + 1) && self.case(i + 1) == Case::Lower {
            let w = self.lw(i + 1);
            if self.ent(i + 1).is_none() && w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
                return None;
            }
            if self.ent(i + 1).is_some_and(|e| e.unit.is_some()) {
                return None;
            }
        }
        if self
            .prev(i)
            .is_some_and(|p| self.punct(p, '$') || self.punct(p, '£') || self.punct(p, '€'))
        {
            return None;
        }
        Some(Cand::val(i, i + 1, Value::Year(y)))
    }

    /// "Q3", "Q3 2024", "Q4 of 2018".
    fn p_quarter(&self, i: usize) -> Option<Cand> {
        if !(self.word(i, "q") && self.glued(i + 1)) {
            return None;
        }
        let (q, nd) = self.num(i + 1)?;
        if nd != 1
            || !(1..=4).contains(&q)
            || (self.glued(i + 2) && self.tok(i + 2).is_some_and(|t| t.kind != Kind::Punct))
        {
            return None;
        }
        let (ye, y) = self.period_year(i + 2);
        let (ye, y) = match y {
            Some(y) => (ye, Some(y)),
            None => match self.year4(i + 2) {
                Some((e, y)) => (e, Some(y)),
                None => (i + 2, self.y0()),
            },
        };
        let v = match y {
            Some(y) => Value::Quarter(y, q as i8),
            None => Value::Under(format!("XXXX-Q{q}")),
        };
        Some(Cand::val(i, ye, v))
    }

    /// Seasons: "summer 2024", "the spring of 2024", "in the summer", "early spring".
    fn p_season(&self, i: usize) -> Option<Cand> {
        let (s_tok, s) = if self.word(i, "the") {
            (i + 1, self.ent(i + 1)?.season?)
        } else {
            (i, self.ent(i)?.season?)
        };
        let mut k = s_tok + 1;
        if self.punct(k, ',') || self.word(k, "of") {
            k += 1;
        }
        if let Some((ye, y)) = self.year4(k) {
            return Some(Cand::val(i, ye, Value::Season(y, s)));
        }
        let cue = self.cue_before(i);
        let ok = if self.lw(s_tok) == "fall" {
            cue >= 2 && s_tok > i
        } else {
            cue >= 1
        };
        if !ok
            || self.case(s_tok) == Case::Title
                && s_tok == i
                && !self.tok(i).is_some_and(|t| t.sent_start)
                && cue == 0
        {
            return None;
        }
        Some(Cand::new(
            i,
            s_tok + 1,
            Sem::Dir(Anchor::Season(s), Refine::None),
        ))
    }

    /// A modifier and the period it modifies: "early March", "late last year",
    /// "earlier this month", "the end of the year", "mid-2024", "beginning of this week".
    fn p_modified(&self, i: usize) -> Option<Cand> {
        let md = self.ent(i)?.modifier?;
        let w = self.lw(i);
        let mut j = i + 1;
        if self.punct(j, '-') && self.glued(j) && self.glued(j + 1) {
            j += 1;
        }
        let needs_of = matches!(w, "end" | "beginning" | "start" | "middle" | "close");
        if needs_of {
            if !self.word(j, "of") {
                return None;
            }
            j += 1;
        } else if self.word(j, "in") && matches!(w, "early" | "late") {
            // "early in the year"
            j += 1;
        }
        if self.words(j, &["around", "about", "approximately"]) {
            j += 1;
        }
        let the = self.word(j, "the");
        let k = if the { j + 1 } else { j };
        let mut inner: Option<Cand> = None;
        if matches!(w, "earlier" | "later") {
            // "earlier on Wednesday", "later in the day": the day (week, month, year) itself
            if self.word(k, "on") {
                if let Some(c) = self.p_date_atom(k + 1).filter(|c| c.sem.day_level()) {
                    let mut c = self.tails(c);
                    c.s = i;
                    return Some(c);
                }
            }
            if self.word(k, "in") && self.word(k + 1, "the") {
                if let Some((ue, u, false)) = self.unit(k + 2) {
                    if matches!(u, Unit::Day | Unit::Week | Unit::Month | Unit::Year) {
                        let v = if u == Unit::Day {
                            match self.rf {
                                Some(rf) => Value::Day(rf),
                                None => Value::Under("XXXX-XX-XX".to_string()),
                            }
                        } else {
                            self.rel_unit(u, 0)?
                        };
                        return Some(Cand::val(i, ue, v));
                    }
                }
            }
            // only "earlier this month", "later this week", "later next year"
            if self.ent(k).and_then(|e| e.relative).is_some() {
                longer(&mut inner, self.p_relative(k, false));
            }
            if let Some(c) = &inner {
                if !matches!(
                    c.sem,
                    Sem::Val(
                        Value::Week(_)
                            | Value::Month(..)
                            | Value::Year(_)
                            | Value::Quarter(..)
                            | Value::Season(..)
                            | Value::Weekend(_)
                    ) | Sem::Dir(Anchor::ThisWeekday(_), _)
                ) {
                    inner = None;
                }
            }
        } else {
            longer(&mut inner, self.p_relative(k, false));
            longer(&mut inner, self.p_deictic(k));
            longer(&mut inner, self.p_month(k));
            longer(&mut inner, self.p_year(k));
            longer(&mut inner, self.p_decade(k));
            longer(&mut inner, self.p_season(k));
            if let Some((ye, y)) = self.year4(k) {
                longer(&mut inner, Some(Cand::val(k, ye, Value::Year(y))));
            }
            if let Some((ue, u, false)) = self.unit(k) {
                if (the || needs_of)
                    && matches!(u, Unit::Month | Unit::Year | Unit::Week | Unit::Day)
                {
                    let v = if u == Unit::Day {
                        self.rf.map(Value::Day)
                    } else {
                        self.rel_unit(u, 0)
                    };
                    longer(&mut inner, v.map(|v| Cand::val(k, ue, v)));
                }
            }
            // "late tonight", "late last night"
            if let Some(c) = &inner {
                if let Sem::Val(Value::Duration(_)) = c.sem {
                    inner = None;
                }
            }
        }
        let inner = inner?;
        let mut c = inner.clone();
        c.s = i;
        c.md = md;
        c.sub_begin = md.is_some();
        Some(c)
    }

    /// "all week", "(the) rest of the week": the current week (month, year), beginning at its
    /// start or at the reference day.
    fn p_rest(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        if self.word(j, "the") {
            j += 1;
        }
        let rest = self.word(j, "rest") && self.word(j + 1, "of");
        let all = j == i && self.word(j, "all");
        let k = if rest {
            if self.word(j + 2, "the") {
                j + 3
            } else {
                j + 2
            }
        } else if all {
            j + 1
        } else {
            return None;
        };
        let (ue, u, false) = self.unit(k)? else {
            return None;
        };
        if !matches!(u, Unit::Week | Unit::Month | Unit::Year | Unit::Weekend) {
            return None;
        }
        let v = self.rel_unit(u, 0)?;
        let mut c = Cand::val(i, ue, v.clone());
        c.begin = if rest {
            self.rf.map(|d| Sem::Val(Value::Day(d)))
        } else {
            period_bounds(&v).map(|(a, _)| Sem::Val(Value::Day(a)))
        };
        Some(c)
    }

    /// Upper-case "EOM", "BOY": the end or start of the month or year.
    fn p_period_abbrev(&self, i: usize) -> Option<Cand> {
        let (m, u) = self.ent(i)?.period_abbrev?;
        if self.case(i) != Case::Upper {
            return None;
        }
        let v = self.rel_unit(u, 0)?;
        let mut c = Cand::val(i, i + 1, v);
        c.md = Some(m);
        c.sub_begin = true;
        Some(c)
    }

    /// Holidays: "Christmas", "Easter 2010", "Thanksgiving of next year".
    fn p_holiday(&self, i: usize) -> Option<Cand> {
        let (he, kind) = self.phrase_at(i)?;
        let PhraseKind::Holiday(rule) = kind else {
            return None;
        };
        // "may day" must not swallow "May" the month in "May Day" only when it is that phrase
        if let Some((ye, y)) = self.year4(he) {
            return Some(Cand::val(i, ye, Value::Day(holiday_date(rule, y)?)));
        }
        if self.word(he, "of") {
            let (pe, y) = self.period_year(he);
            if let Some(y) = y {
                return Some(Cand::val(i, pe, Value::Day(holiday_date(rule, y)?)));
            }
        }
        if self.word(he, "in") {
            if let Some((k, d, _, false)) = self.dur(he + 1) {
                if let (Unit::Year, Count::Int(n), Some(y0)) = (d.unit, d.n, self.y0()) {
                    return Some(Cand::val(
                        i,
                        k,
                        Value::Day(holiday_date(rule, y0 + n as i32)?),
                    ));
                }
            }
        }
        Some(Cand::new(
            i,
            he,
            Sem::Dir(Anchor::Holiday(rule), Refine::None),
        ))
    }

    /// "morning of the 15th of February", "morning of Christmas".
    fn p_part_of(&self, i: usize) -> Option<Cand> {
        let p = self.ent(i)?.part?;
        if !self.word(i + 1, "of") {
            return None;
        }
        let mut j = i + 2;
        if self.word(j, "this") && self.phrase_at(j + 1).is_some() {
            j += 1;
        }
        let c = self.p_date_atom(j)?;
        if !c.sem.day_level() {
            return None;
        }
        Some(Cand::new(i, c.e, c.sem.with_refine(Refine::Part(p))))
    }

    // ----- tails ---------------------------------------------------------------------------

    /// Extends a date with a part of the day, a time, a range end or an anchored duration.
    fn tails(&self, mut c: Cand) -> Cand {
        if c.sem.day_level() {
            // part of the day: "Sunday morning", "in the morning", "at night"
            let mut k = c.e;
            let mut part = None;
            if let Some(p) = self.ent(k).and_then(|e| e.part) {
                if !self.words(k, &["mornings", "afternoons", "evenings", "nights"]) {
                    part = Some((k + 1, p));
                }
            } else if self.word(k, "in") && self.word(k + 1, "the") {
                if let Some(p) = self.ent(k + 2).and_then(|e| e.part) {
                    part = Some((k + 3, p));
                }
            } else if self.word(k, "at") && self.word(k + 1, "night") {
                part = Some((k + 2, Part::Night));
            }
            if let Some((pe, p)) = part {
                c.sem = c.sem.clone().with_refine(Refine::Part(p));
                c.e = pe;
                k = pe;
            }
            // time: "at 3 p.m.", ", 07:00 PM", "@ 3pm"
            let mut j = k;
            if self.word(j, "at") || self.punct(j, '@') || self.punct(j, ',') {
                j += 1;
            }
            if let Some((te, h, m, s)) = self.clock(j, part.map(|(_, p)| p), j > k) {
                c.sem = match c.sem {
                    Sem::Val(Value::DayPart(d, _)) => Sem::Val(Value::Time(d, h, m, s)),
                    Sem::Val(Value::Under(u)) => Sem::Val(Value::Under(format!(
                        "{}T{h:02}:{m:02}",
                        &u[..u.find('T').unwrap_or(u.len())]
                    ))),
                    Sem::Dir(a, _) => Sem::Dir(a, Refine::Time(h, m, s)),
                    other => Sem::Val(refine(
                        self.resolve(&other, Dir::Unmarked)
                            .unwrap_or(Value::Ref(RefKind::Present)),
                        Refine::Time(h, m, s),
                    )),
                };
                c.e = te;
            }
        } else if let Sem::Val(Value::DayPart(d, p)) = c.sem.clone() {
            // "this morning at 10", "tonight at 8"
            let mut j = c.e;
            if self.word(j, "at") || self.punct(j, '@') {
                j += 1;
            }
            if let Some((te, h, m, s)) = self.clock(j, Some(p), j > c.e) {
                c.sem = Sem::Val(Value::Time(d, h, m, s));
                c.e = te;
            }
        }
        // ranges
        if let Some((e, end)) = self.range_tail(&c) {
            c.begin = Some(c.sem.clone());
            c.end = Some(end);
            c.e = e;
        }
        // "18th Dec for 10 days" (not "on Sunday for two days of talks": the days are the
        // talks', the date stands alone)
        if self.word(c.e, "for") && c.sem.day_level() {
            if let Some((k, d, _, false)) = self.dur(c.e + 1).filter(|&(k, ..)| !self.word(k, "of"))
            {
                let begin = c.sem.clone();
                c = Cand {
                    begin: Some(begin),
                    ..Cand::val(c.s, k, Value::Duration(d))
                };
            }
        }
        c
    }

    /// A range end after a date: "- Aug 12", "to 15", "through July 15", "-25" (years).
    fn range_tail(&self, c: &Cand) -> Option<(usize, Sem)> {
        let k = c.e;
        let conn = self.punct(k, '-') || self.words(k, &["to", "thru", "through", "till", "until"]);
        if !conn {
            return None;
        }
        let j = k + 1;
        let j2 = if self.word(j, "the") { j + 1 } else { j };
        // a bare day after a month and day: "July 13-15", "August 27th - 29th"
        if let Sem::Dir(Anchor::MonthDay(m, _, _), Refine::None) = c.sem {
            if let Some((de, d, _)) = self.day_at(j2) {
                if self.month_at(de).is_none() && !self.punct(de, ':') && !self.is_word(de)
                    || self.tok(de).is_none()
                {
                    date(2000, m as i32, d as i32)?;
                    return Some((de, Sem::Dir(Anchor::MonthDay(m, d, None), Refine::None)));
                }
            }
        }
        if let Sem::Val(Value::Day(x)) = c.sem {
            if let Some((de, d, _)) = self.day_at(j2) {
                if self.month_at(de).is_none() && !self.is_word(de) && !self.punct(de, ':') {
                    let e = date(x.year() as i32, x.month() as i32, d as i32)?;
                    return Some((de, Sem::Val(Value::Day(e))));
                }
            }
        }
        let other = self.p_date_atom(j)?;
        let same_kind = matches!(
            (&c.sem, &other.sem),
            (
                Sem::Val(Value::Day(_)) | Sem::Dir(Anchor::MonthDay(..), _),
                Sem::Val(Value::Day(_)) | Sem::Dir(Anchor::MonthDay(..), _)
            ) | (
                Sem::Val(Value::Month(..)) | Sem::Dir(Anchor::Month(_), _),
                Sem::Val(Value::Month(..)) | Sem::Dir(Anchor::Month(_), _)
            ) | (Sem::Val(Value::Year(_)), Sem::Val(Value::Year(_)))
                | (
                    Sem::Dir(Anchor::Weekday(_), _),
                    Sem::Dir(Anchor::Weekday(_), _)
                )
        );
        same_kind.then_some((other.e, other.sem))
    }

    /// A range that starts with a day number: "13-15 July", "from the 13th to the 15th of July",
    /// "1-8 september", "23rd to 26th Oct". Also "between A and B", "from A to B" (handled by
    /// the date's own range tail) and "for 10 days from 18th Dec".
    fn p_between(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let lead = self.words(j, &["from", "between"]);
        if lead {
            j += 1;
        }
        if self.word(j, "the") {
            j += 1;
        }
        let (d1e, d1, _) = self.day_at(j)?;
        let conn = self.punct(d1e, '-')
            || self.words(d1e, &["to", "through", "thru", "till", "until", "and"]);
        if !conn {
            return None;
        }
        let mut k = d1e + 1;
        if self.word(k, "the") {
            k += 1;
        }
        let (d2e, d2, _) = self.day_at(k)?;
        let tail = self.day_month_tail(k, d2e, d2)?;
        let (m, end_sem) = match &tail.sem {
            Sem::Dir(Anchor::MonthDay(m, _, _), _) => (*m, tail.sem.clone()),
            Sem::Val(Value::Day(x)) => (x.month() as u8, tail.sem.clone()),
            _ => return None,
        };
        if d1 >= d2 {
            return None;
        }
        let begin = match &end_sem {
            Sem::Val(Value::Day(x)) => {
                Sem::Val(Value::Day(date(x.year() as i32, m as i32, d1 as i32)?))
            }
            _ => Sem::Dir(Anchor::MonthDay(m, d1, None), Refine::None),
        };
        let mut c = Cand::new(if lead { i + 1 } else { i }, tail.e, begin.clone());
        c.begin = Some(begin);
        c.end = Some(end_sem);
        Some(c)
    }

    /// "for 10 days from 18th Dec": a duration anchored at a date.
    fn p_for(&self, i: usize) -> Option<Cand> {
        let (j, from_first) = if self.word(i, "for") {
            (i + 1, false)
        } else if self.word(i, "from") {
            (i + 1, true)
        } else {
            return None;
        };
        if from_first {
            // from 18th Dec for 10 days
            let c = self.p_date(j)?;
            if let Sem::Val(Value::Duration(_)) = c.sem {
                return Some(c);
            }
            return None;
        }
        let (k, d, _, false) = self.dur(j)? else {
            return None;
        };
        if !self.words(k, &["from", "starting"]) {
            return None;
        }
        let mut m = k + 1;
        if self.word(m, "from") {
            m += 1;
        }
        let at = self.p_date_atom(m)?;
        if !at.sem.day_level() {
            return None;
        }
        let mut c = Cand::val(j, at.e, Value::Duration(d));
        c.begin = Some(at.sem);
        Some(c)
    }

    // ----- clock times ---------------------------------------------------------------------

    /// A meridiem after a clock number: "pm", "p.m.", "PM", "p m", "a.m".
    fn meridiem(&self, j: usize) -> Option<(usize, bool)> {
        if let Some(pm) = self.ent(j).and_then(|e| e.meridiem_pm) {
            return Some((j + 1, pm));
        }
        let l = self.lw(j);
        if l == "a" || l == "p" {
            let pm = l == "p";
            if self.punct(j + 1, '.')
                && self.glued(j + 1)
                && self.word(j + 2, "m")
                && self.glued(j + 2)
            {
                let mut e = j + 3;
                if self.punct(e, '.') && self.glued(e) {
                    e += 1;
                }
                return Some((e, pm));
            }
            if self.word(j + 1, "m") && !self.glued(j + 1) {
                return Some((j + 2, pm));
            }
        }
        None
    }

    /// A clock time at `j`: "3 p.m.", "15:30", "3:15pm", "15h00", "noon", "3 o'clock",
    /// "half past three". `part` adjusts an hour without am/pm; `after_at`: an "at" came
    /// before (a bare hour then needs a part of the day).
    fn clock(
        &self,
        j: usize,
        part: Option<Part>,
        after_at: bool,
    ) -> Option<(usize, u8, u8, Option<u8>)> {
        let fix = |h: u32, pm: Option<bool>| -> u32 {
            match pm {
                Some(true) if h < 12 => h + 12,
                Some(false) if h == 12 => 0,
                Some(_) => h,
                None => match part {
                    Some(Part::Afternoon | Part::Evening) if h < 12 => h + 12,
                    Some(Part::Night) if (6..12).contains(&h) => h + 12,
                    Some(Part::Morning) if h == 12 => 0,
                    _ => h,
                },
            }
        };
        let tz = |e: usize| -> usize {
            if self.ent(e).is_some_and(|x| x.timezone) && self.case(e) == Case::Upper {
                return e + 1;
            }
            if self.punct(e, '(')
                && self.ent(e + 1).is_some_and(|x| x.timezone)
                && self.punct(e + 2, ')')
            {
                return e + 3;
            }
            e
        };
        if let Some(w) = self.ent(j) {
            if let Some((h, m)) = w.clock {
                // "Jamie Noon": a capitalised clock word after a name is a name
                let name = self.case(j) != Case::Lower
                    && !self.tok(j).is_some_and(|t| t.sent_start)
                    && self.cue_before(j) == 0
                    && !self.prev(j).is_some_and(|p| self.words(p, &["at", "the"]));
                if name {
                    return None;
                }
                return Some((tz(j + 1), h, m, None));
            }
        }
        // half past / a quarter past / 20 past / 15 to
        {
            let (k, mins) = if self.word(j, "half") && self.word(j + 1, "past") {
                (j + 2, Some(30i32))
            } else if self.words(j, &["a"])
                && self.word(j + 1, "quarter")
                && self.words(j + 2, &["past", "to", "after"])
            {
                (j + 3, Some(if self.word(j + 2, "to") { -15 } else { 15 }))
            } else if self.word(j, "quarter") && self.words(j + 1, &["past", "to", "after"]) {
                (j + 2, Some(if self.word(j + 1, "to") { -15 } else { 15 }))
            } else if let Some((e, v)) = self.cardinal(j) {
                let minutes_word = self.words(e, &["minutes", "mins", "min"]);
                let e2 = if minutes_word { e + 1 } else { e };
                // "20 past 3pm", "15 minutes to noon"; never "three to four"
                let clock_follows = self.clock(e2 + 1, part, true).is_some();
                if v < 60
                    && self.words(e2, &["past", "after", "to"])
                    && (minutes_word || clock_follows)
                {
                    (
                        e2 + 1,
                        Some(if self.word(e2, "to") {
                            -(v as i32)
                        } else {
                            v as i32
                        }),
                    )
                } else {
                    (j, None)
                }
            } else {
                (j, None)
            };
            if let Some(mins) = mins {
                let base = if let Some((e, h, m, s)) = self.clock(k, part, true) {
                    Some((e, h, m, s))
                } else if let Some((e, v)) = self.cardinal(k).filter(|_| {
                    !self.num(j).is_some() && !self.ent(j).is_some_and(|x| x.number.is_some())
                }) {
                    (1..=12)
                        .contains(&v)
                        .then(|| (e, fix(v, None) as u8, 0u8, None))
                } else {
                    None
                };
                if let Some((e, h, m, _)) = base {
                    let t = (h as i32 * 60 + m as i32 + mins).rem_euclid(24 * 60);
                    return Some((e, (t / 60) as u8, (t % 60) as u8, None));
                }
            }
        }
        let (v, nd) = self.num(j)?;
        if self.prev(j).is_some_and(|p| {
            self.glued(j)
                && self.tok(p).is_some_and(|t| {
                    t.kind == Kind::Num || t.is_punct(':') || t.is_punct('.') || t.is_punct('$')
                })
        }) {
            return None;
        }
        // HH:MM[:SS] [am|pm]
        if nd <= 2 && self.punct(j + 1, ':') && self.glued(j + 1) && self.glued(j + 2) {
            let (m, mnd) = self.num(j + 2)?;
            if mnd != 2 || v > 24 || m > 59 {
                return None;
            }
            let mut e = j + 3;
            let mut s = None;
            if self.punct(e, ':') && self.glued(e) && self.glued(e + 1) {
                let (sv, snd) = self.num(e + 1)?;
                if snd != 2 || sv > 59 {
                    return None;
                }
                s = Some(sv as u8);
                e += 2;
            }
            if self.glued(e)
                && self.tok(e).is_some_and(|t| {
                    t.kind == Kind::Num
                        || (t.is_punct(':') || t.is_punct('.')) && self.num(e + 1).is_some()
                })
            {
                return None;
            }
            let (e, pm) = match self.meridiem(e) {
                Some((me, pm)) => (me, Some(pm)),
                None => (e, None),
            };
            let h = if pm.is_some() || part.is_some() {
                fix(v, pm)
            } else {
                v
            };
            return Some((tz(e), h.min(23) as u8, m as u8, s));
        }
        // 15h00, 3h18, 15h
        if nd <= 2 && self.glued(j + 1) && self.word(j + 1, "h") && v <= 24 {
            if let Some((m, 2)) = self.num(j + 2) {
                if self.glued(j + 2) && m <= 59 {
                    return Some((tz(j + 3), v.min(23) as u8, m as u8, None));
                }
            }
            if nd == 2 && (!self.glued(j + 2) || self.tok(j + 2).is_none()) {
                return Some((tz(j + 2), v.min(23) as u8, 0, None));
            }
        }
        // 0620 hrs, 1600 GMT
        if nd == 4 && v / 100 < 24 && v % 100 < 60 {
            let unit_hrs = self.words(j + 1, &["hrs", "hours", "h"]);
            let zone =
                self.ent(j + 1).is_some_and(|x| x.timezone) && self.case(j + 1) == Case::Upper;
            if unit_hrs || zone {
                let e = if unit_hrs { tz(j + 2) } else { tz(j + 1) };
                return Some((e, (v / 100) as u8, (v % 100) as u8, None));
            }
        }
        // 3pm, 3 p.m., 330 p.m.
        if let Some((e, pm)) = self.meridiem(j + 1) {
            if nd <= 2 && (1..=12).contains(&v) {
                return Some((tz(e), fix(v, Some(pm)) as u8, 0, None));
            }
            if (nd == 3 || nd == 4) && (1..=12).contains(&(v / 100)) && v % 100 < 60 {
                return Some((tz(e), fix(v / 100, Some(pm)) as u8, (v % 100) as u8, None));
            }
        }
        // 3 o'clock
        let (oe, oclock) =
            if self.word(j + 1, "o") && self.punct(j + 2, '\'') && self.word(j + 3, "clock") {
                (j + 4, true)
            } else if self.word(j + 1, "oclock") {
                (j + 2, true)
            } else {
                (j + 1, false)
            };
        if nd <= 2 && (1..=12).contains(&v) && (oclock || (after_at && part.is_some())) {
            let (e, pm) = match self.meridiem(oe) {
                Some((me, pm)) => (me, Some(pm)),
                None => (oe, None),
            };
            return Some((tz(e), fix(v, pm) as u8, 0, None));
        }
        None
    }

    /// Times of day that start a time expression: "3 p.m. tomorrow", "at 7:30 PM on Fri,
    /// Sep 20", "15:30", "noon".
    fn p_time(&self, i: usize) -> Option<Cand> {
        let (ce, h, m, s) = self.clock(i, None, false)?;
        // a part of the day after: "3 in the morning", "8 tonight"
        let (mut e, mut h) = (ce, h);
        if self.word(e, "in") && self.word(e + 1, "the") {
            if let Some(p) = self.ent(e + 2).and_then(|x| x.part) {
                if matches!(p, Part::Afternoon | Part::Evening | Part::Night) && h < 12 {
                    h += 12;
                }
                e += 3;
            }
        }
        // a date after: "on Saturday", "tomorrow"
        let mut j = e;
        if self.word(j, "on") || self.punct(j, ',') {
            j += 1;
        }
        let sem = match self.p_date_atom(j).filter(|c| c.sem.day_level()) {
            Some(c) => {
                e = c.e;
                match c.sem {
                    Sem::Dir(a, _) => Sem::Dir(a, Refine::Time(h, m, s)),
                    v => Sem::Val(refine(
                        self.resolve(&v, Dir::Unmarked)?,
                        Refine::Time(h, m, s),
                    )),
                }
            }
            None => match self.rf {
                Some(rf) => Sem::Val(Value::Time(rf, h, m, s)),
                None => Sem::Val(Value::Under(format!("XXXX-XX-XXT{h:02}:{m:02}"))),
            },
        };
        Some(Cand::new(i, e, sem))
    }

    // ----- shifts, durations, sets, references ---------------------------------------------

    /// "two days ago", "3 years from today", "three days after Easter", "3 fridays from now",
    /// "2 upcoming weeks", "two days later" (a duration).
    fn p_shift(&self, i: usize) -> Option<Cand> {
        let (ce, n, _) = self.count(i)?;
        // weekdays: "3 fridays from now", "2 thursdays ago"
        if let Some(e) = self.ent(ce) {
            if e.weekday_form == Some(WdForm::Plural) {
                let Count::Int(k) = n else { return None };
                if k == 0 || k > 100 {
                    return None;
                }
                let we = ce + 1;
                if let Some((pe, PhraseKind::FromNow)) = self.phrase_at(we) {
                    let sem = self.sem_day(|rf| {
                        add_days(wd_on_or_after(rf, e.weekday, true)?, 7 * (k as i64 - 1))
                    })?;
                    return Some(Cand::new(i, pe, sem));
                }
                if self.ent(we).is_some_and(|x| x.shift < 0) {
                    let sem = self.sem_day(|rf| {
                        add_days(wd_on_or_before(rf, e.weekday, true)?, -7 * (k as i64 - 1))
                    })?;
                    return Some(Cand::new(i, we + 1, sem));
                }
                return None;
            }
        }
        // "2 upcoming weeks"
        if self.word(ce, "upcoming") {
            let (ue, u, _) = self.unit(ce + 1)?;
            let Count::Int(k) = n else { return None };
            return Some(Cand::val(i, ue, self.rel_unit(u, k as i64)?));
        }
        let (de, d, _, hyph) = self.dur(i)?;
        if hyph {
            return None;
        }
        if let Some(sh) = self.ent(de).map(|e| e.shift).filter(|s| *s != 0) {
            let v = self.shift_point(d, sh as i64)?;
            return Some(Cand::val(i, de + 1, v));
        }
        if let Some((pe, PhraseKind::FromNow)) = self.phrase_at(de) {
            // "from today" counts from a day: the result is a day
            let v = match (self.word(pe - 1, "today"), self.rf, d.unit, d.n) {
                (true, Some(rf), Unit::Year | Unit::Decade, Count::Int(n)) => {
                    let k = if d.unit == Unit::Year { 12 } else { 120 };
                    Value::Day(add_months(rf, k * n as i64)?)
                }
                _ => self.shift_point(d, 1)?,
            };
            return Some(Cand::val(i, pe, v));
        }
        if self.words(de, &["after", "before", "from"]) {
            let sign = if self.word(de, "before") { -1 } else { 1 };
            if let Some(c) = self.p_date_atom(de + 1) {
                if c.sem.day_level() {
                    let base = self.resolve(&c.sem, self.dir_guess(i))?;
                    if let Value::Day(x) = base {
                        let n = match d.n {
                            Count::Int(n) => n as i64,
                            _ => return None,
                        };
                        let v = match d.unit {
                            Unit::Day => add_days(x, sign * n),
                            Unit::Week => add_days(x, sign * 7 * n),
                            Unit::Month => add_months(x, sign * n),
                            Unit::Year => add_months(x, sign * 12 * n),
                            _ => None,
                        }?;
                        return Some(Cand::val(i, c.e, Value::Day(v)));
                    }
                }
            }
        }
        if self.words(de, &["later", "earlier"]) {
            return Some(Cand::val(i, de + 1, Value::Duration(d)));
        }
        None
    }

    /// "in two weeks" (a day two weeks on); after a superlative or in a past clause ("the
    /// highest in five years") a duration.
    fn p_in(&self, i: usize) -> Option<Cand> {
        if !self.word(i, "in") {
            return None;
        }
        let (de, d, weak, hyph) = self.dur(i + 1)?;
        if !self.count_agrees(i + 1, de, d, hyph) {
            return None;
        }
        if hyph || matches!(d.unit, Unit::Season | Unit::Weekend) || self.age_end(i + 1).is_some() {
            return None;
        }
        if (weak || self.word(de, "of")) && d.unit == Unit::Quarter {
            // "in a quarter of an hour"
            return None;
        }
        if weak && !self.function_word_or_end(de) {
            return None;
        }
        if d.n == Count::X {
            return Some(Cand::val(i + 1, de, Value::Duration(d)));
        }
        // a superlative before: "the first time in 10 years", "lowest in a decade"
        let lo = self.lo.get();
        // (up to eight words back: "the first by a US secretary of state in five years")
        let superlative = (i.saturating_sub(8).max(lo)..i).any(|k| {
            let w = self.lw(k);
            let e = self.ent(k);
            self.is_word(k)
                && (e.is_some_and(|e| e.superlative)
                    || (w.ends_with("est") && w.len() > 4 && !e.is_some_and(|e| e.not_superlative)))
        });
        if superlative || self.direction(i, de) == Dir::Past {
            return Some(Cand::val(i + 1, de, Value::Duration(d)));
        }
        let v = self.shift_point(d, 1).or(Some(Value::Duration(d)))?;
        Some(Cand::val(i, de, v))
    }

    /// Durations: "three days", "six months", "a two-year deal", "a week-long visit".
    fn p_dur(&self, i: usize) -> Option<Cand> {
        let (de, d, weak, hyph) = self.dur(i)?;
        if matches!(d.unit, Unit::Season | Unit::Weekend) || !self.count_agrees(i, de, d, hyph) {
            return None;
        }
        if d.unit == Unit::Hour && self.num(i).is_some_and(|(_, nd)| nd == 4) {
            // "0620 hrs" is a clock time
            return None;
        }
        let mut e = de;
        let mut long = false;
        if self.punct(e, '-') && self.glued(e) && self.word(e + 1, "long") {
            e += 2;
            long = true;
        } else if self.word(e, "long") {
            e += 1;
            long = true;
        }
        if (weak || self.word(de, "of")) && d.unit == Unit::Quarter {
            // "a quarter of the votes"
            return None;
        }
        if weak && !hyph && !long {
            let cue = self
                .prev(i)
                .is_some_and(|p| self.ent(p).is_some_and(|x| x.duration_cue));
            let next_ok = self.function_word_or_end(e);
            if !(cue && next_ok) {
                return None;
            }
            if matches!(d.unit, Unit::Second)
                && !self
                    .prev(i)
                    .is_some_and(|p| self.words(p, &["for", "within", "in"]))
            {
                return None;
            }
        }
        if hyph && self.age_end(i).is_some() {
            return None;
        }
        // "a week-long visit": the article is not part of the expression
        let s = if long && self.words(i, &["a", "an"]) {
            i + 1
        } else {
            i
        };
        Some(Cand::val(s, e, Value::Duration(d)))
    }

    /// True at the end of the sentence, before punctuation, or before a word that may follow a
    /// duration ("a week of talks", "for a year and …"), not before a content word ("a second
    /// round").
    fn function_word_or_end(&self, e: usize) -> bool {
        match self.tok(e) {
            None => true,
            Some(t) if t.kind == Kind::Punct => true,
            Some(t) if t.kind == Kind::Word => self.ent(e).is_some_and(|x| x.after_duration),
            _ => false,
        }
    }

    /// A count of two or more wants a plural unit ("1985 year" is not 1985 years), unless the
    /// two are joined by a hyphen ("two-year").
    fn count_agrees(&self, _i: usize, de: usize, d: Dur, hyph: bool) -> bool {
        let plural = (1..=3).any(|k| {
            de >= k
                && self
                    .ent(de - k)
                    .and_then(|e| e.unit)
                    .is_some_and(|(_, pl)| pl)
        });
        // "60 Minutes", "28 Days Later": a title, not a duration
        let unit_tok = (1..=3)
            .map(|k| de.wrapping_sub(k))
            .find(|&k| self.ent(k).is_some_and(|e| e.unit.is_some()));
        if let Some(u) = unit_tok {
            if self.case(u) == Case::Title && !self.tok(u).is_some_and(|t| t.sent_start) {
                return false;
            }
        }
        match d.n {
            Count::Int(n) if n >= 2 => hyph || plural,
            _ => true,
        }
    }

    /// Unspecified spans: "for years", "months of talks", "recent weeks", "in recent days".
    fn p_vague(&self, i: usize) -> Option<Cand> {
        let (j, recent) = if self.word(i, "recent") {
            (i + 1, true)
        } else {
            (i, false)
        };
        let (ue, u, plural) = self.unit(j)?;
        if !plural || matches!(u, Unit::Season | Unit::Weekend | Unit::Fortnight) {
            return None;
        }
        let cue = recent
            || self
                .prev(i)
                .is_some_and(|p| self.words(p, &["for", "over", "within", "in", "after"]))
            || (self.word(ue, "of")
                && self
                    .prev(i)
                    .is_none_or(|p| self.tok(p).is_some_and(|t| t.kind == Kind::Punct)))
            || (self.punct(ue, '-') && self.glued(ue) && self.word(ue + 1, "long"));
        if !cue {
            return None;
        }
        let e = if self.punct(ue, '-') && self.word(ue + 1, "long") {
            ue + 2
        } else {
            ue
        };
        Some(Cand::val(
            i,
            e,
            Value::Duration(Dur {
                n: Count::X,
                unit: u,
            }),
        ))
    }

    /// Sets: "every Monday", "each year", "every two weeks", "weekly", "on Mondays",
    /// "twice a week".
    fn p_set(&self, i: usize) -> Option<Cand> {
        let e = self.ent(i)?;
        if let Some(v) = e.set {
            // newspaper and programme names: "Daily Mail", "the People's Daily"
            let sent_start = self.tok(i).is_some_and(|t| t.sent_start);
            if self.case(i) == Case::Title
                && (!sent_start || (self.case(i + 1) == Case::Title && self.is_word(i + 1)))
            {
                return None;
            }
            return Some(Cand::val(i, i + 1, Value::Set(v.to_string())));
        }
        if e.weekday_form == Some(WdForm::Plural)
            && self.prev(i).is_some_and(|p| self.word(p, "on"))
        {
            return Some(Cand::val(
                i,
                i + 1,
                Value::Set(format!("XXXX-WXX-{}", e.weekday)),
            ));
        }
        if self.words(i, &["every", "each"]) {
            let mut j = i + 1;
            let other = self.word(j, "other");
            if other {
                j += 1;
            }
            if let Some((we, wd, WdForm::Full)) = self.weekday_at(j) {
                return Some(Cand::val(i, we, Value::Set(format!("XXXX-WXX-{wd}"))));
            }
            if let Some((me, m, false)) = self.month_at(j) {
                return Some(Cand::val(i, me, Value::Set(format!("XXXX-{m:02}"))));
            }
            if let Some(p) = self.ent(j).and_then(|x| x.part) {
                return Some(Cand::val(
                    i,
                    j + 1,
                    Value::Set(format!("XXXX-XX-XXT{}", p.code())),
                ));
            }
            if let Some(s) = self.ent(j).and_then(|x| x.season) {
                return Some(Cand::val(
                    i,
                    j + 1,
                    Value::Set(format!("XXXX-{}", s.code())),
                ));
            }
            let (ue, n, u) = if let Some((ue, u, _)) = self.unit(j) {
                (ue, if other { 2 } else { 1 }, u)
            } else if let Some((de, d, _, false)) = self.dur(j) {
                match d.n {
                    Count::Int(n) => (de, n, d.unit),
                    _ => return None,
                }
            } else {
                return None;
            };
            if u == Unit::Weekend {
                return Some(Cand::val(i, ue, Value::Set("XXXX-WXX-WE".to_string())));
            }
            if u == Unit::Season {
                return None;
            }
            let d = Dur {
                n: Count::Int(n),
                unit: u,
            };
            return Some(Cand::val(i, ue, Value::Set(d.format())));
        }
        // once a week, twice a year, three times a month
        let (fe, freq) = if self.words(i, &["once", "twice"]) {
            (i + 1, true)
        } else if let Some((ce, _)) = self.cardinal(i) {
            (ce + 1, self.word(ce, "times"))
        } else {
            (i, false)
        };
        if freq && self.words(fe, &["a", "an", "per", "each", "every"]) {
            let (ue, u, false) = self.unit(fe + 1)? else {
                return None;
            };
            if matches!(u, Unit::Season | Unit::Weekend) {
                return None;
            }
            let d = Dur {
                n: Count::Int(1),
                unit: u,
            };
            return Some(Cand::val(i, ue, Value::Set(d.format())));
        }
        None
    }

    /// PRESENT_REF / PAST_REF / FUTURE_REF words and phrases.
    fn p_ref(&self, i: usize) -> Option<Cand> {
        if self.in_title(i) {
            return None;
        }
        let (e, kind) = self.phrase_at(i)?;
        let PhraseKind::Ref(r) = kind else {
            return None;
        };
        // "now-defunct"; "as soon as he arrives"
        if self.punct(e, '-') && self.glued(e) {
            return None;
        }
        if self.word(i, "soon")
            && self.word(e, "as")
            && self.prev(i).is_some_and(|p| self.word(p, "as"))
        {
            return None;
        }
        if self.word(i, "soon") && self.word(e, "after") {
            return None;
        }
        Some(Cand::val(i, e, Value::Ref(r)))
    }
}
