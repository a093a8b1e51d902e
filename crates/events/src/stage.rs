//! The event stage: triggers, actors, modality, dates and merging.
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use dateline_model::{
    ActorRef, Analysis, Article, Event, EventMention, Modality, Pos, Span, Token, ZoneKind,
};
use dateline_pipeline::{Layer, Stage};

use crate::cameo::CameoTable;
use crate::verbs::VerbDict;

/// The event lexicon (`data/events/lexicon.txt`): noun triggers, planning and speech verbs,
/// modality cues, clause breaks.
struct Lexicon {
    nouns: HashMap<String, (String, bool)>,
    max_noun_words: usize,
    planning: HashSet<String>,
    speech: HashSet<String>,
    hypothetical: HashSet<String>,
    planned: HashSet<String>,
    negated: HashSet<String>,
    uncertain: HashSet<String>,
    reported: HashSet<String>,
    breaks: HashSet<String>,
}

const LEXICON: &str = include_str!("../../../data/events/lexicon.txt");

fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        let mut l = Lexicon {
            nouns: HashMap::new(),
            max_noun_words: 1,
            planning: HashSet::new(),
            speech: HashSet::new(),
            hypothetical: HashSet::new(),
            planned: HashSet::new(),
            negated: HashSet::new(),
            uncertain: HashSet::new(),
            reported: HashSet::new(),
            breaks: HashSet::new(),
        };
        let mut section = "";
        for line in LEXICON.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') && line.ends_with(']') {
                section = &line[1..line.len() - 1];
                continue;
            }
            let mut cols = line.split('\t');
            let w = cols.next().unwrap_or("").trim().to_lowercase();
            match section {
                "nouns" => {
                    let code = cols.next().unwrap_or("").trim().to_string();
                    let sym = cols.next().map(str::trim) == Some("sym");
                    l.max_noun_words = l.max_noun_words.max(w.split(' ').count());
                    l.nouns.insert(w, (code, sym));
                }
                "planning_verbs" => drop(l.planning.insert(w)),
                "speech_verbs" => drop(l.speech.insert(w)),
                "modal_hypothetical" => drop(l.hypothetical.insert(w)),
                "modal_planned" => drop(l.planned.insert(w)),
                "modal_negated" => drop(l.negated.insert(w)),
                "modal_uncertain" => drop(l.uncertain.insert(w)),
                "modal_reported" => drop(l.reported.insert(w)),
                "clause_breaks" => drop(l.breaks.insert(w)),
                _ => {}
            }
        }
        l
    })
}

/// Generic agents of the knowledge base ("police", "foreign ministry", "soldiers") by their
/// lower-case words, singular and plural: code and whether it goes before the country code.
struct Agents {
    by_words: HashMap<String, (String, bool)>,
    max_words: usize,
}

fn agents() -> &'static Agents {
    static A: OnceLock<Agents> = OnceLock::new();
    A.get_or_init(|| {
        let mut by_words = HashMap::new();
        let mut max_words = 1;
        for a in &dateline_kb::Kb::embedded().agents {
            for form in std::iter::once(a.pattern.as_str()).chain(a.plural.as_deref()) {
                let key = form.to_lowercase();
                max_words = max_words.max(key.split(' ').count());
                by_words
                    .entry(key)
                    .or_insert_with(|| (a.code.clone(), a.prefix));
            }
        }
        Agents {
            by_words,
            max_words,
        }
    })
}

/// Folds "Israeli soldiers", "Russian police", "Turkey's foreign ministry" into one actor whose
/// code joins the country and the agent's role (ISRMIL, RUSCOP, TURGOV).
fn attach_agents(words: &[String], toks: &[Token], actors: &mut [Actor]) {
    let ag = agents();
    let mut k = 0;
    while k < actors.len() {
        let a = &actors[k];
        if a.code.len() != 3 {
            k += 1;
            continue;
        }
        let mut start = a.end;
        if words.get(start).is_some_and(|w| w == "'s" || w == "'") {
            start += 1;
        }
        let next_actor = actors.get(k + 1).map_or(usize::MAX, |n| n.first);
        let mut hit = None;
        for len in (1..=ag.max_words).rev() {
            if start + len > words.len() || start + len > next_actor {
                continue;
            }
            let key = words[start..start + len].join(" ");
            if let Some(v) = ag.by_words.get(&key) {
                hit = Some((len, v.clone()));
                break;
            }
        }
        if let Some((len, (code, prefix))) = hit {
            let a = &mut actors[k];
            a.code = if prefix {
                format!("{code}{}", a.code)
            } else {
                format!("{}{code}", a.code)
            };
            a.end = start + len;
            a.span = Span::new(a.span.start, toks[a.end - 1].span.end);
        }
        k += 1;
    }
}

/// The event stage (`events@1`).
#[derive(Debug, Default, Clone, Copy)]
pub struct EventStage;

impl EventStage {
    /// The stage with the embedded dictionaries.
    pub fn new() -> EventStage {
        EventStage
    }
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }
    fn version(&self) -> u32 {
        1
    }
    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Sentences,
            Layer::Pos,
            Layer::Entities,
            Layer::Timexes,
            Layer::Quotes,
        ]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Events]
    }
    fn run(&self, article: &Article, analysis: &mut Analysis) {
        analysis.events = Some(code_article(article, analysis));
    }
}

/// An actor mention in token coordinates.
#[derive(Debug, Clone)]
struct Actor {
    first: usize,
    end: usize,
    code: String,
    entity: String,
    name: String,
    span: Span,
}

struct Sent<'a> {
    idx: u32,
    span: Span,
    toks: &'a [Token],
    /// Lower-case words.
    words: Vec<String>,
    /// Actor mentions, by first token (sentence-relative), in order.
    actors: Vec<Actor>,
    /// (first token, end token, value) of time expressions.
    times: Vec<(usize, usize, String)>,
    /// Speaker actor of a quote covering each token, if any.
    quote_speaker: Vec<Option<usize>>,
    /// The quote (index into the analysis' quotes) covering each token, if any.
    quote_of: Vec<Option<usize>>,
}

fn code_article(article: &Article, analysis: &Analysis) -> Vec<Event> {
    let (Some(tokens), Some(sentences)) = (analysis.tokens.as_ref(), analysis.sentences.as_ref())
    else {
        return Vec::new();
    };
    let text = article.text.as_str();
    let lex = lexicon();
    let dict = VerbDict::embedded();
    let table = CameoTable::embedded();
    let entities = analysis.entities.as_deref().unwrap_or(&[]);
    // Quote speakers' actors, by entity id.
    let mut speaker_actor: Vec<(Span, Option<Actor>)> = Vec::new();
    for q in analysis.quotes.as_deref().unwrap_or(&[]) {
        let a = q
            .speaker
            .as_ref()
            .and_then(|s| s.entity.as_ref())
            .and_then(|id| {
                let e = entities.iter().find(|e| &e.id == id)?;
                Some(Actor {
                    first: 0,
                    end: 0,
                    code: e.actor.clone()?,
                    entity: e.id.clone(),
                    name: e.name.clone(),
                    span: q.speaker.as_ref().and_then(|s| s.span).unwrap_or(q.content),
                })
            });
        speaker_actor.push((q.content, a));
    }
    let mut out: Vec<Event> = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        if s.zone == ZoneKind::DisplayDate || s.zone == ZoneKind::Byline {
            continue;
        }
        let toks = &tokens[s.first_token as usize..(s.end_token as usize).min(tokens.len())];
        if toks.is_empty() {
            continue;
        }
        let words: Vec<String> = toks
            .iter()
            .map(|t| t.text(text).to_lowercase().replace('’', "'"))
            .collect();
        let tok_at = |c: usize| toks.partition_point(|t| t.span.end <= c);
        let mut actors = Vec::new();
        for e in entities {
            let Some(code) = e.actor.clone() else {
                continue;
            };
            for m in &e.mentions {
                if !s.span.contains(m.span) {
                    continue;
                }
                let first = tok_at(m.span.start);
                let end = toks
                    .partition_point(|t| t.span.start < m.span.end)
                    .max(first + 1);
                actors.push(Actor {
                    first,
                    end,
                    code: code.clone(),
                    entity: e.id.clone(),
                    name: e.name.clone(),
                    span: m.span,
                });
            }
        }
        actors.sort_by_key(|a| (a.first, a.end));
        attach_agents(&words, toks, &mut actors);
        let times: Vec<(usize, usize, String)> = analysis
            .timexes
            .as_deref()
            .unwrap_or(&[])
            .iter()
            .filter(|t| s.span.contains(t.span))
            .map(|t| {
                (
                    tok_at(t.span.start),
                    toks.partition_point(|x| x.span.start < t.span.end),
                    t.value.clone(),
                )
            })
            .collect();
        let quote_speaker: Vec<Option<usize>> = toks
            .iter()
            .map(|t| {
                speaker_actor
                    .iter()
                    .position(|(c, a)| a.is_some() && c.contains(t.span))
            })
            .collect();
        let quote_of: Vec<Option<usize>> = toks
            .iter()
            .map(|t| speaker_actor.iter().position(|(c, _)| c.contains(t.span)))
            .collect();
        let sent = Sent {
            idx: si as u32,
            span: s.span,
            toks,
            words,
            actors,
            times,
            quote_speaker,
            quote_of,
        };
        code_sentence(&sent, lex, dict, &speaker_actor, &mut out);
    }
    for e in &mut out {
        if let Some(info) = table.get(&e.cameo) {
            e.plover = info.plover.clone();
            e.goldstein = info.goldstein;
            e.quad_class = Some(info.quad_class);
        }
    }
    merge(out)
}

/// Clause bounds `[a, b)` around token `i`: cut at clause breaks and at complementisers after
/// speech verbs.
fn clause(s: &Sent, lex: &Lexicon, i: usize) -> (usize, usize) {
    let n = s.words.len();
    let is_break = |k: usize| {
        let w = s.words[k].as_str();
        lex.breaks.contains(w)
            || lex.speech.contains(w)
            || matches!(w, "that" | "how" | "which" | "who" | "whom" | ":")
            || (w == ","
                && s.words
                    .get(k + 1)
                    .is_some_and(|n| matches!(n.as_str(), "as" | "saying" | "adding")))
    };
    let mut a = i;
    while a > 0 && !is_break(a - 1) {
        a -= 1;
    }
    let mut b = i + 1;
    while b < n && !is_break(b) {
        b += 1;
    }
    (a, b)
}

/// The modality of a trigger at token `i` (with its governing words before it).
fn modality(s: &Sent, lex: &Lexicon, i: usize, noun: bool) -> Modality {
    let (a, b) = clause(s, lex, i);
    let before = &s.words[a..i];
    let after = &s.words[i + 1..b];
    let has = |set: &HashSet<String>, ws: &[String]| ws.iter().any(|w| set.contains(w.as_str()));
    let near_before = &s.words[a.max(i.saturating_sub(4))..i];
    // "denied that …", "refused claims that …": the whole complement clause is negated.
    let negated_complement =
        a >= 2 && s.words[a - 1] == "that" && lex.negated.contains(s.words[a - 2].as_str());
    if has(&lex.negated, near_before) || (noun && has(&lex.negated, before)) || negated_complement {
        return Modality::Negated;
    }
    if has(&lex.uncertain, before) {
        return Modality::Uncertain;
    }
    if has(&lex.hypothetical, before) || after.iter().any(|w| w == "if") {
        return Modality::Hypothetical;
    }
    if has(&lex.planned, before) {
        return Modality::Planned;
    }
    if has(&lex.reported, near_before) {
        return Modality::Reported;
    }
    // Progressive/present of a planning verb governing a noun ("preparations were being made
    // for talks") is planned; a past-tense verb trigger is asserted.
    Modality::Asserted
}

/// The time expression closest to token `i` in its clause.
fn date_of(s: &Sent, lex: &Lexicon, i: usize) -> Option<String> {
    let (a, b) = clause(s, lex, i);
    s.times
        .iter()
        .filter(|(f, e, _)| *f >= a && *e <= b)
        .min_by_key(|(f, e, _)| if *f > i { f - i } else { i.saturating_sub(*e) })
        .map(|t| t.2.clone())
        .filter(|v| !v.ends_with("_REF"))
}

/// The date of a noun trigger: a time expression inside its noun phrase or right after it
/// ("a meeting last week", "Friday's talks").
fn noun_date(s: &Sent, i: usize) -> Option<String> {
    let st = np_start(s, i);
    s.times
        .iter()
        .find(|(f, e, _)| (*f >= st && *e <= i) || (*f > i && *f <= i + 2))
        .map(|t| t.2.clone())
        .filter(|v| !v.ends_with("_REF"))
}

/// An asserted event inside someone's quote is only that source's claim — reported — unless the
/// speaker is one of the parties (a government confirming its own talks).
fn attribute(
    s: &Sent,
    speakers: &[(Span, Option<Actor>)],
    i: usize,
    m: Modality,
    src: &Actor,
    tgt: Option<&Actor>,
) -> Modality {
    if m != Modality::Asserted {
        return m;
    }
    let Some(q) = s.quote_of.get(i).copied().flatten() else {
        return m;
    };
    let country = |c: &str| c.get(..3).unwrap_or(c).to_string();
    match speakers.get(q).and_then(|x| x.1.as_ref()) {
        None => Modality::Reported,
        Some(sp) => {
            let c = country(&sp.code);
            if c == country(&src.code) || tgt.is_some_and(|t| country(&t.code) == c) {
                m
            } else {
                Modality::Reported
            }
        }
    }
}

fn actor_ref(a: &Actor) -> ActorRef {
    ActorRef {
        code: a.code.clone(),
        entity: Some(a.entity.clone()),
        name: Some(a.name.clone()),
        span: Some(a.span),
    }
}

/// Two actors joined by "and" / "-" (or "X and Y's"), starting at actor `k`.
fn pair_from(s: &Sent, k: usize) -> Option<(usize, usize)> {
    let a = s.actors.get(k)?;
    let b = s.actors.get(k + 1)?;
    let gap: Vec<&str> = s.words[a.end..b.first].iter().map(String::as_str).collect();
    matches!(gap.as_slice(), ["and"] | ["-"] | ["–"] | ["and", "the"] if b.first >= a.end)
        .then_some((k, k + 1))
}

fn code_sentence(
    s: &Sent,
    lex: &Lexicon,
    dict: &VerbDict,
    speakers: &[(Span, Option<Actor>)],
    out: &mut Vec<Event>,
) {
    let n = s.words.len();
    let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
    let mut i = 0;
    while i < n {
        let pos = s.toks[i].pos;
        // Noun triggers (longest first).
        let mut noun_hit = None;
        if pos.is_noun() || pos == Pos::X {
            for len in (1..=lex.max_noun_words.min(n - i)).rev() {
                let key = words[i..i + len].join(" ");
                if let Some(v) = lex.nouns.get(&key) {
                    noun_hit = Some((len, v.clone()));
                    break;
                }
            }
        }
        if let Some((len, (code, sym))) = noun_hit {
            let last = i + len - 1;
            if let Some(ev) = noun_event(s, lex, speakers, i, last, &code, sym) {
                out.push(ev);
            }
            i += len;
            continue;
        }
        if pos.is_verb() && pos != Pos::MD && !lex.speech.contains(words[i]) {
            if let Some(v) = dict.lookup(words[i]) {
                let (a, b) = clause(s, lex, i);
                let is_verb = |k: usize| s.toks[a + k].pos.is_verb();
                if let Some(m) = dict.match_with(v, &words[a..b], i - a, is_verb) {
                    // "Make statement" (010) is what quotes record; a block's generic root
                    // code (x0) with no pattern behind it says too little to be an event.
                    // Meeting verbs are the exception: their block default (040) is the event;
                    // so are conflict verbs (attack → 190), which are rarely vague.
                    let generic = m.default
                        && m.code.len() == 3
                        && m.code.ends_with('0')
                        && m.code.as_str() < "09"
                        && !m.code.starts_with("04");
                    if m.code != "010" && !generic {
                        if let Some(mut ev) = verb_event(s, lex, speakers, i, &m.code) {
                            if m.reversed {
                                std::mem::swap(&mut ev.source, &mut ev.target);
                            }
                            out.push(ev);
                        }
                    }
                }
            }
        }
        i += 1;
    }
}

fn mention(
    s: &Sent,
    i: usize,
    last: usize,
    src: Option<&Actor>,
    tgt: Option<&Actor>,
) -> EventMention {
    EventMention {
        sentence: s.idx,
        sentence_span: s.span,
        trigger: Span::new(s.toks[i].span.start, s.toks[last].span.end),
        source: src.map(|a| a.span),
        target: tgt.map(|a| a.span),
        quote: s.quote_of.get(i).copied().flatten().map(|q| q as u32),
    }
}

fn finish(code: &str, m: Modality) -> String {
    // An intended or planned consultation is CAMEO 036, "express intent to meet or negotiate".
    if m == Modality::Planned && matches!(code, "040" | "043" | "044" | "046") {
        "036".to_string()
    } else {
        code.to_string()
    }
}

#[allow(clippy::too_many_arguments)]
fn noun_event(
    s: &Sent,
    lex: &Lexicon,
    speakers: &[(Span, Option<Actor>)],
    i: usize,
    last: usize,
    code: &str,
    _sym: bool,
) -> Option<Event> {
    let n = s.words.len();
    let (a, b) = clause(s, lex, i);
    // "between A and B" after the noun (or after a coordinated noun: "a meeting and a call
    // between A and B").
    let mut pair: Option<(usize, usize)> = None;
    let mut k = last + 1;
    let mut crossed_and = false;
    while k < b.min(n) && k <= last + 12 {
        if s.words[k] == "between" {
            if let Some(ai) = s
                .actors
                .iter()
                .position(|x| x.first > k && x.first <= k + 2)
            {
                pair = pair_from(s, ai);
            }
            break;
        }
        if s.words[k] == "and" {
            if crossed_and {
                break;
            }
            crossed_and = true;
        }
        if matches!(s.words[k].as_str(), "," | "." | "that" | "to") {
            break;
        }
        k += 1;
    }
    // ... or a pair before it: "US-Russia talks", "Trump and Putin's discussion".
    if pair.is_none() {
        if let Some(ai) = s.actors.iter().rposition(|x| x.end <= i && x.end + 3 >= i) {
            if ai > 0 {
                pair = pair_from(s, ai - 1).filter(|_| {
                    s.words[s.actors[ai].end..i].iter().all(|w| {
                        w == "'s"
                            || w == "'"
                            || !w.chars().any(char::is_alphabetic)
                            || is_modifier(w)
                    })
                });
            }
        }
    }
    let (src, tgt) = if let Some((x, y)) = pair {
        (Some(&s.actors[x]), Some(&s.actors[y]))
    } else {
        // "negotiations with Washington": the target after "with", the source the clause's
        // subject or the speaker of the quote.
        let with = (last + 1..b.min(last + 4)).find(|&k| s.words[k] == "with");
        let tgt = with.and_then(|w| s.actors.iter().find(|x| x.first > w && x.first <= w + 2));
        let src = s
            .actors
            .iter()
            .filter(|x| x.end <= i && x.first >= a)
            .last()
            .or_else(|| {
                let q = s.quote_speaker.get(i).copied().flatten()?;
                speakers.get(q)?.1.as_ref()
            });
        // A subject outside the clause speaks for it: "Moscow confirmed that negotiations
        // with Washington …".
        let src = src.or_else(|| s.actors.iter().filter(|x| x.end <= a).last());
        match (src, tgt) {
            (Some(x), Some(y)) => (Some(x), Some(y)),
            // A planning verb's subject: "Russia and US prepare for more talks".
            (Some(x), None) => {
                let k = s.actors.iter().position(|y| y.first == x.first)?;
                let p = if k > 0 { pair_from(s, k - 1) } else { None };
                match p {
                    Some((p0, p1)) if governed_by_planning(s, lex, i) => {
                        (Some(&s.actors[p0]), Some(&s.actors[p1]))
                    }
                    _ => return None,
                }
            }
            _ => return None,
        }
    };
    let (src, tgt) = (src?, tgt?);
    if src.code == tgt.code || src.entity == tgt.entity {
        return None;
    }
    let _ = a;
    let m = attribute(s, speakers, i, noun_modality(s, lex, i), src, Some(tgt));
    Some(Event {
        cameo: finish(code, m),
        plover: None,
        source: Some(actor_ref(src)),
        target: Some(actor_ref(tgt)),
        modality: m,
        date: noun_date(s, i),
        goldstein: None,
        quad_class: None,
        mentions: vec![mention(s, i, last, Some(src), Some(tgt))],
    })
}

fn is_modifier(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_alphabetic() || c == '-') && w.len() < 15
}

/// The first token of the noun phrase whose head is at `i` (determiners, adjectives,
/// modifiers and hyphens before it).
fn np_start(s: &Sent, i: usize) -> usize {
    let mut k = i;
    while k > 0 {
        let p = s.toks[k - 1].pos;
        let w = s.words[k - 1].as_str();
        let modifier = matches!(
            p,
            Pos::DT
                | Pos::JJ
                | Pos::JJR
                | Pos::JJS
                | Pos::HYPH
                | Pos::CD
                | Pos::PRPS
                | Pos::POS
                | Pos::NN
                | Pos::NNS
                | Pos::VBN
        ) || w == "-"
            || w == "no";
        if !modifier || s.actors.iter().any(|a| a.first < k && a.end >= k) {
            break;
        }
        k -= 1;
    }
    k
}

/// The noun at `i` is the object of a planning word: "preparations (were being made) for
/// talks", "prepare for more talks", "plans for a summit".
fn governed_by_planning(s: &Sent, lex: &Lexicon, i: usize) -> bool {
    let st = np_start(s, i);
    if st == 0 || !matches!(s.words[st - 1].as_str(), "for" | "to" | "of" | "on") {
        return st > 0 && lex.planning.contains(s.words[st - 1].as_str());
    }
    let from = st.saturating_sub(6);
    s.words[from..st - 1]
        .iter()
        .any(|w| lex.planning.contains(w.as_str()))
}

/// The modality of a noun trigger: from its own noun phrase ("a reported agreement", "no
/// talks", "a planned summit"), the word governing it ("preparations for talks", "no plans for
/// a call"), a modal verb right before that, or the date it is given.
fn noun_modality(s: &Sent, lex: &Lexicon, i: usize) -> Modality {
    let st = np_start(s, i);
    let np = &s.words[st..i];
    let gov_from = st.saturating_sub(4);
    let gov = &s.words[gov_from..st];
    let has = |set: &HashSet<String>, ws: &[String]| ws.iter().any(|w| set.contains(w.as_str()));
    if has(&lex.negated, np) || has(&lex.negated, gov) {
        return Modality::Negated;
    }
    let (a, _) = clause(s, lex, i);
    if has(&lex.uncertain, &s.words[a..st]) {
        return Modality::Uncertain;
    }
    if has(&lex.hypothetical, np) || has(&lex.hypothetical, gov) {
        return Modality::Hypothetical;
    }
    if has(&lex.reported, np) {
        return Modality::Reported;
    }
    if has(&lex.planned, np) || governed_by_planning(s, lex, i) || has(&lex.planned, gov) {
        return Modality::Planned;
    }
    Modality::Asserted
}

fn verb_event(
    s: &Sent,
    lex: &Lexicon,
    speakers: &[(Span, Option<Actor>)],
    i: usize,
    code: &str,
) -> Option<Event> {
    let (a, b) = clause(s, lex, i);
    // Subject: the nearest actor before the verb in the clause (a pair "A and B" counts as
    // both); object: the first actor after it.
    let before: Vec<usize> = (0..s.actors.len())
        .filter(|&k| s.actors[k].first >= a && s.actors[k].end <= i)
        .collect();
    // Places after "in", "at", "near" say where, not to whom.
    let locative = |k: usize| {
        let f = s.actors[k].first;
        f > 0
            && matches!(
                s.words[f - 1].as_str(),
                "in" | "at" | "near" | "outside" | "inside"
            )
    };
    let after = (0..s.actors.len())
        .find(|&k| s.actors[k].first > i && s.actors[k].end <= b && !locative(k));
    let mut src = before.last().copied();
    let mut tgt = after;
    if let (Some(k), None) = (src, tgt) {
        if k > 0 && before.contains(&(k - 1)) {
            if let Some((p0, p1)) = pair_from(s, k - 1) {
                src = Some(p0);
                tgt = Some(p1);
            }
        }
    }
    // Passive: "Ukraine was attacked by Russia" — the agent after "by" is the source.
    let be_before = (i.saturating_sub(3)..i).any(|k| {
        matches!(
            s.words[k].as_str(),
            "was" | "were" | "is" | "are" | "been" | "being" | "be"
        )
    });
    if s.toks[i].pos == Pos::VBN && be_before {
        if let Some(by) = (i + 1..b.min(i + 3)).find(|&k| s.words[k] == "by") {
            if let Some(agent) =
                (0..s.actors.len()).find(|&k| s.actors[k].first > by && s.actors[k].first <= by + 2)
            {
                tgt = src;
                src = Some(agent);
            }
        }
    }
    let src_actor = s.actors[src?].clone();
    let tgt_actor = tgt.map(|k| s.actors[k].clone());
    if tgt_actor
        .as_ref()
        .is_some_and(|t| t.entity == src_actor.entity || t.code == src_actor.code)
    {
        return None;
    }
    let m = attribute(
        s,
        speakers,
        i,
        modality(s, lex, i, false),
        &src_actor,
        tgt_actor.as_ref(),
    );
    Some(Event {
        cameo: finish(code, m),
        plover: None,
        source: Some(actor_ref(&src_actor)),
        target: tgt_actor.as_ref().map(actor_ref),
        modality: m,
        date: date_of(s, lex, i),
        goldstein: None,
        quad_class: None,
        mentions: vec![mention(s, i, i, Some(&src_actor), tgt_actor.as_ref())],
    })
}

/// Merges the tellings of one event (same code, actors and modality) into one record.
fn merge(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for e in events {
        let key = |x: &Event| {
            let mut pair = [
                x.source
                    .as_ref()
                    .map(|a| a.code.clone())
                    .unwrap_or_default(),
                x.target
                    .as_ref()
                    .map(|a| a.code.clone())
                    .unwrap_or_default(),
            ];
            pair.sort();
            (x.cameo.clone(), pair, x.modality)
        };
        if let Some(prev) = out
            .iter_mut()
            .find(|p| key(p) == key(&e) && (p.date == e.date || e.date.is_none()))
        {
            prev.mentions.extend(e.mentions);
        } else {
            out.push(e);
        }
    }
    out
}
