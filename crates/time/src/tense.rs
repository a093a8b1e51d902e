//! The tense rule: which way a bare weekday, month or holiday points, read from the verbs of
//! the clause it sits in.
//!
//! The sentence is cut into clauses at punctuation (`, ; : ( ) "` and free-standing dashes) and
//! at the clause words of the lexicon (`that`, `which`, `who`, `when`, `but`, `and`, …). The
//! verb group nearest to the expression decides, looking left first (a prepositional phrase
//! attaches to the verb before it: "said on Tuesday", "would visit Trump on Friday"), then
//! right; when the expression's own clause has no verb, the previous clauses of the sentence
//! are read, then the following ones ("On Friday, he will …").
//!
//! A verb group is future when it holds a future word of the lexicon (`will`, `'ll`, `shall`,
//! `would`, `next`, `upcoming`), a modal without a following `have` (`could meet`), an
//! infinitive (`to visit` — headline future), or a verb that takes a future infinitive followed
//! by `to` (`is expected to`, `plans to`, `is going to`, `is scheduled to`). It is past when it
//! holds a past-tense verb: with part-of-speech tags, `VBD` or `VBN`; without them, a past
//! auxiliary (`was`, `had`, `did`), an irregular past form of the lexicon (`said`, `told`), or a
//! lower-case word ending in `-ed` that the lexicon does not list as an exception. Anything else
//! (a present-tense verb) is unmarked.
use dateline_model::Pos;

use crate::grammar::Parser;
use crate::lexicon::{Aux, Entry};
use crate::resolve::Dir;
use crate::scan::{Case, Kind};
use crate::TenseHint;

/// What one token says about tense.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// Not a verb.
    None,
    /// A verb or auxiliary with no tense of its own (base form, `be`, `have`, adverbs inside a
    /// group).
    Verb,
    Present,
    Past,
    Future,
    /// A future verb that needs "to" after it ("expected", "plans").
    FutureIfTo,
    Modal,
    /// The infinitive marker.
    To,
    /// Adverbs that may sit inside a verb group ("not", "also").
    Adverb,
}

impl<'a> Parser<'a> {
    fn lex_entry(&self, k: usize) -> Option<&'static Entry> {
        let t = self.t.get(k)?;
        if t.lex == 0 {
            None
        } else {
            Some(&self.lx.entries[t.lex as usize - 1])
        }
    }

    fn lower_at(&self, k: usize) -> &str {
        match self.t.get(k) {
            Some(t) => &self.lower[t.start as usize..t.end as usize],
            None => "",
        }
    }

    /// A contraction "didn't", "won't": the word before `'t`, as its full form.
    fn contracted(&self, k: usize) -> Option<&'static Entry> {
        let w = self.lower_at(k);
        let apos = self
            .t
            .get(k + 1)
            .is_some_and(|t| t.is_punct('\'') && t.glued);
        let t = self.t.get(k + 2).is_some_and(|t| t.glued) && self.lower_at(k + 2) == "t";
        if !(apos && t) {
            return None;
        }
        let base = match w {
            "won" => "will",
            "shan" => "shall",
            "can" => "can",
            _ => w.strip_suffix('n')?,
        };
        self.lx.lookup(base).map(|i| &self.lx.entries[i as usize])
    }

    fn cue(&self, k: usize) -> Cue {
        let Some(t) = self.t.get(k) else {
            return Cue::None;
        };
        if t.kind != Kind::Word {
            return Cue::None;
        }
        let e = self.contracted(k).or_else(|| self.lex_entry(k));
        let w = self.lower_at(k);
        // month-like names in the middle of a sentence are not modals ("in May")
        let name_like = matches!(t.case, Case::Title) && !t.sent_start;
        if let Some(e) = e {
            if let Some(to) = e.future {
                if !to {
                    return Cue::Future;
                }
                // "due to the storm", "due to its position": a cause, no plan.
                if w == "due"
                    && self.lower_at(k + 1) == "to"
                    && matches!(
                        self.lower_at(k + 2),
                        "the"
                            | "a"
                            | "an"
                            | "its"
                            | "their"
                            | "his"
                            | "her"
                            | "this"
                            | "that"
                            | "these"
                            | "those"
                            | "our"
                    )
                {
                    return Cue::None;
                }
                // "is expected to", "plans to", "scheduled for"
                if matches!(self.lower_at(k + 1), "to" | "for") {
                    return Cue::FutureIfTo;
                }
                // "is due in Istanbul on Friday", "due back on Monday": an arrival to come
                // ("due to the storm" is a cause).
                if w == "due" && matches!(self.lower_at(k + 1), "in" | "on" | "at" | "back") {
                    return Cue::Future;
                }
            }
            if e.modal && !(name_like && e.month != 0) {
                return Cue::Modal;
            }
            match e.aux {
                Some(Aux::Past) => return Cue::Past,
                Some(Aux::Present) => return Cue::Present,
                Some(Aux::Be) | Some(Aux::Have) => {
                    return if w == "had" || w == "been" {
                        Cue::Past
                    } else {
                        Cue::Verb
                    }
                }
                Some(Aux::Adverb) => return Cue::Adverb,
                None => {}
            }
        }
        if w == "to" {
            return Cue::To;
        }
        if let Some(pos) = self.pos.and_then(|p| p.get(k)).copied() {
            // "an emergency meeting", "the bombing": a gerund inside a noun phrase is a noun.
            let in_np = pos == Pos::VBG
                && k > 0
                && self.pos.and_then(|p| p.get(k - 1)).is_some_and(|p| {
                    matches!(
                        p,
                        Pos::DT | Pos::JJ | Pos::PRPS | Pos::NN | Pos::NNP | Pos::POS
                    )
                });
            if in_np {
                return Cue::None;
            }
            return match pos {
                Pos::VBD | Pos::VBN => Cue::Past,
                Pos::VBZ | Pos::VBP => Cue::Present,
                Pos::VB | Pos::VBG => Cue::Verb,
                Pos::MD => Cue::Modal,
                _ => Cue::None,
            };
        }
        if let Some(e) = e {
            if e.past_form {
                return Cue::Past;
            }
            if e.not_past_ed {
                return Cue::None;
            }
        }
        if t.case == Case::Lower && w.len() >= 4 && w.ends_with("ed") && !w.ends_with("eed") {
            return Cue::Past;
        }
        Cue::None
    }

    fn is_clause_break(&self, k: usize) -> bool {
        let Some(t) = self.t.get(k) else { return true };
        match t.kind {
            Kind::Punct => match t.ch {
                ',' | ';' | ':' | '(' | ')' | '"' | '[' | ']' => true,
                '-' => !t.glued || !self.t.get(k + 1).is_some_and(|n| n.glued),
                _ => false,
            },
            Kind::Word => self.lex_entry(k).is_some_and(|e| e.clause_break),
            Kind::Num => false,
        }
    }

    /// Reads the verb group around token `v` (a verb found while scanning) and classifies it.
    /// The direction of the verb group around `v`, whether it is only an infinitive ("to
    /// gauge"), and its first and last tokens.
    fn group_dir(&self, v: usize, lo: usize, hi: usize) -> Option<(Dir, bool, usize, usize)> {
        // extend left and right over verbs, auxiliaries, adverbs and "to"
        let in_group = |k: usize| !matches!(self.cue(k), Cue::None);
        let mut g0 = v;
        while g0 > lo && in_group(g0 - 1) && !self.is_clause_break(g0 - 1) {
            g0 -= 1;
        }
        let mut g1 = v + 1;
        while g1 < hi && in_group(g1) && !self.is_clause_break(g1) {
            g1 += 1;
        }
        let mut future = false;
        let mut past = false;
        let mut present = false;
        let mut verb = false;
        let mut modal_have = false;
        let mut to_inf = false;
        for k in g0..g1 {
            match self.cue(k) {
                Cue::Future => {
                    // "would have been": a past counterfactual
                    if matches!(self.lower_at(k), "would" | "will")
                        && (self.lower_at(k + 1) == "have" || self.lower_at(k + 2) == "have")
                    {
                        modal_have = true;
                    } else {
                        future = true;
                    }
                }
                // "had been planned for February": a plan in the past perfect was for a time
                // now past.
                Cue::FutureIfTo => {
                    if (g0..k).any(|j| self.lower_at(j) == "had") {
                        past = true;
                    } else {
                        future = true;
                    }
                }
                Cue::Modal => {
                    if self.lower_at(k + 1) == "have" || self.lower_at(k + 2) == "have" {
                        modal_have = true;
                    } else {
                        future = true;
                    }
                }
                Cue::Past => past = true,
                Cue::Present => present = true,
                Cue::Verb => verb = true,
                Cue::To => {
                    if self.infinitive(k) {
                        to_inf = true;
                    }
                }
                Cue::Adverb | Cue::None => {}
            }
        }
        let inf_only = to_inf && !future && !past && !present && !modal_have;
        let d = if future || (to_inf && !past) {
            Dir::Future
        } else if past || modal_have {
            Dir::Past
        } else if present || verb || to_inf {
            Dir::Unmarked
        } else {
            return None;
        };
        Some((d, inf_only, g0, g1))
    }

    fn is_verbish(&self, k: usize) -> bool {
        match self.cue(k) {
            Cue::Verb | Cue::Present | Cue::Past | Cue::Future | Cue::FutureIfTo | Cue::Modal => {
                true
            }
            Cue::To => self.infinitive(k),
            _ => false,
        }
    }

    /// True when the "to" at `k` starts an infinitive ("to meet"): a base-form tag after it,
    /// or, without tags, a lower-case word the lexicon does not know as something else and
    /// that does not look like a plural, a gerund or a past form.
    fn infinitive(&self, k: usize) -> bool {
        let j = k + 1;
        let Some(t) = self.t.get(j) else { return false };
        if t.kind != Kind::Word || t.sent_start {
            return false;
        }
        if let Some(pos) = self.pos.and_then(|p| p.get(j)).copied() {
            return pos == Pos::VB;
        }
        if t.case != Case::Lower {
            return false;
        }
        let w = self.lower_at(j);
        if let Some(e) = self.lex_entry(j) {
            // known verbs and auxiliaries count ("to be"); other known words do not
            return matches!(e.aux, Some(Aux::Be) | Some(Aux::Have)) || e.modal;
        }
        !(w.ends_with('s') && !w.ends_with("ss")
            || w.ends_with("ing")
            || w.ends_with("ed")
            || w.ends_with("ly"))
            && w.len() > 1
    }

    /// Scans `[lo, hi)` right to left for the nearest verb group.
    ///
    /// An infinitive alone ("difficult to gauge") defers to a finite verb further on in the
    /// clause ("it was difficult to gauge …" is past); with none, it reads as future
    /// ("Putin to meet Trump on Friday").
    fn scan_left(&self, lo: usize, hi: usize, clo: usize, chi: usize) -> Option<Dir> {
        let mut k = hi;
        let mut fallback = None;
        while k > lo {
            k -= 1;
            if !self.is_verbish(k) {
                continue;
            }
            let Some((d, inf_only, g0, _)) = self.group_dir(k, clo, chi) else {
                continue;
            };
            if !inf_only {
                return Some(d);
            }
            fallback.get_or_insert(d);
            k = g0.max(lo);
        }
        fallback
    }

    /// Scans `[lo, hi)` left to right for the nearest verb group.
    fn scan_right(&self, lo: usize, hi: usize, clo: usize, chi: usize) -> Option<Dir> {
        let mut k = lo;
        let mut fallback = None;
        while k < hi {
            if !self.is_verbish(k) {
                k += 1;
                continue;
            }
            let Some((d, inf_only, _, g1)) = self.group_dir(k, clo, chi) else {
                k += 1;
                continue;
            };
            if !inf_only {
                return Some(d);
            }
            fallback.get_or_insert(d);
            k = g1.max(k + 1);
        }
        fallback
    }

    /// The direction for an expression over tokens `[s, e)`.
    pub(crate) fn direction(&self, s: usize, e: usize) -> Dir {
        match self.hint {
            TenseHint::Past => return Dir::Past,
            TenseHint::Future => return Dir::Future,
            TenseHint::Unmarked => return Dir::Unmarked,
            TenseHint::Auto => {}
        }
        let n = self.t.len();
        if s >= n {
            return Dir::Unmarked;
        }
        // A deadline points forward and a starting point back, whatever the verb's tense:
        // "expected sanctions by the end of June", "has been held since March".
        if s > 0 && !self.t[s].sent_start {
            match self.lower_at(s - 1) {
                "by" | "until" | "till" | "before" => return Dir::Future,
                // An appointment or a postponement points forward, whenever it was made: "have
                // called a day of action for Saturday", "talks were pushed back to Friday";
                // only a plan in the past perfect was for a past time ("had been planned for
                // February").
                "for" | "to" => {
                    let ss = (0..=s).rev().find(|&k| self.t[k].sent_start).unwrap_or(0);
                    let pluperfect =
                        (ss.max(s.saturating_sub(8))..s).any(|k| self.lower_at(k) == "had");
                    return if pluperfect { Dir::Past } else { Dir::Future };
                }
                "since" => return Dir::Past,
                // "called for fresh demonstrations on Thursday", "set for talks on Friday":
                // what is called or set for a day is to come.
                "on" => {
                    let called = (s.saturating_sub(6)..s.saturating_sub(1)).any(|k| {
                        self.lower_at(k) == "for"
                            && k > 0
                            && matches!(
                                self.lower_at(k - 1),
                                "called"
                                    | "call"
                                    | "calls"
                                    | "calling"
                                    | "set"
                                    | "scheduled"
                                    | "slated"
                                    | "planned"
                            )
                    });
                    let pluperfect = (s.saturating_sub(8)..s).any(|k| self.lower_at(k) == "had");
                    if called && !pluperfect {
                        return Dir::Future;
                    }
                }
                _ => {}
            }
        }
        self.clause_direction(s, e)
    }

    /// The direction the verbs of the clauses around `[s, e)` give (see the module docs).
    fn clause_direction(&self, s: usize, e: usize) -> Dir {
        let n = self.t.len();
        let ss = (0..=s).rev().find(|&k| self.t[k].sent_start).unwrap_or(0);
        let se = (s + 1..n).find(|&k| self.t[k].sent_start).unwrap_or(n);
        let e = e.min(se).max(s + 1);
        // the sentence's clauses; breaks inside the expression itself do not count
        let mut clauses: Vec<(usize, usize)> = Vec::new();
        let mut st = ss;
        for k in ss..se {
            if (s..e).contains(&k) || !self.is_clause_break(k) {
                continue;
            }
            if k > st {
                clauses.push((st, k));
            }
            st = if self.t[k].kind == Kind::Word {
                k
            } else {
                k + 1
            };
        }
        if se > st {
            clauses.push((st, se));
        }
        let Some(ci) = clauses.iter().position(|&(a, b)| a <= s && s < b) else {
            return Dir::Unmarked;
        };
        let (cs, ce) = clauses[ci];
        if let Some(d) = self.scan_left(cs, s, cs, ce) {
            return d;
        }
        if let Some(d) = self.scan_right(e.min(ce), ce, cs, ce) {
            return d;
        }
        for &(a, b) in clauses[..ci].iter().rev() {
            if let Some(d) = self.scan_left(a, b, a, b) {
                return d;
            }
        }
        for &(a, b) in &clauses[ci + 1..] {
            if let Some(d) = self.scan_right(a, b, a, b) {
                return d;
            }
        }
        Dir::Unmarked
    }
}
