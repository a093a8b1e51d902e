//! The event stage: triggers, actors, modality, dates and merging.
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use dateline_model::{
    ActorRef, Analysis, Article, Dep, Event, EventMention, Modality, Pos, Span, Token, ZoneKind,
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
    light: HashSet<String>,
    unnamed_attackers: HashSet<String>,
    crowds: HashSet<String>,
    /// "thousands", "hundreds": counts that, as a protest's subject, are a crowd.
    crowd_counts: HashSet<String>,
    /// "backed", "led": after "Iran-", a modifier of the next actor ("Iran-backed Hezbollah").
    compound_participles: HashSet<String>,
    accusing: HashSet<String>,
    permission: HashSet<String>,
    both_sides: Vec<String>,
    irregular_past: HashSet<String>,
    attack_anaphors: Vec<String>,
    /// `[act_anaphors]`: nouns after "the"/"that"/"this" that point back to an act the story
    /// told ("welcomed the ruling", "rejected that demand").
    act_anaphors: HashSet<String>,
    subordinators: HashSet<String>,
    reciprocal: HashSet<String>,
    contact_doubts: Vec<(String, String)>,
    readiness: HashSet<String>,
    tail: HashSet<String>,
    /// "a charge", "claims": a noun that opens another source's reaction after a comma.
    summary_nouns: HashSet<String>,
    /// "report", "claims": what a denial names before its "that" clause.
    denied_nouns: HashSet<String>,
    /// "called", "described": verbs that, with an evaluation after their object, judge it.
    evaluation_verbs: HashSet<String>,
    /// "say", "comment", "confirm": negated, the subject declines to comment (011).
    no_comment_verbs: HashSet<String>,
    /// "gave no reason", "had no comment": the same with a noun.
    no_comment_phrases: Vec<Vec<String>>,
    /// `[expulsion_phrases]`: said of someone, the speaker expels them (174).
    expulsion_phrases: Vec<Vec<String>>,
    /// "brokered", "mediated": before "by", the broker mediates between the story's sides (045).
    mediation_participles: HashSet<String>,
    /// "nothing to do with": after "had"/"has", the speaker denies involvement (016).
    involvement_denials: Vec<Vec<String>>,
    /// "talks", "summit": a host (043) whose object names one of these hosts both sides.
    hosted_objects: HashSet<String>,
    /// "respond", "answer": said to come, a threat (130).
    response_verbs: HashSet<String>,
    /// Words of a judgement: code 111 (negative) or 051 (positive).
    evaluations: HashMap<String, String>,
    intent_blocks: HashSet<String>,
    coded_defaults: HashSet<String>,
    desire: HashSet<String>,
    negating_phrases: Vec<Vec<String>>,
    adopting: HashSet<String>,
    /// `[continuing_verbs]`: with an event noun as their subject and no object, that event goes
    /// on ("riots are still continuing").
    continuing: HashSet<String>,
    /// `[ruling_verbs]`: besides the verbs of saying, verbs whose "that X must …" is a demand.
    ruling: HashSet<String>,
    /// `[wish_verbs]`: right before "to" and a verb, the subject's own wish.
    wish: HashSet<String>,
    /// `[object_control_verbs]`: besides the desire and permission verbs, verbs whose object
    /// does what their infinitive says ("forced Iran to retreat").
    object_control: HashSet<String>,
    locative: HashSet<String>,
    intent_words: HashSet<String>,
    refusal_modals: HashSet<String>,
    refusal_verbs: HashSet<String>,
    /// "the bloc", "the world body": noun → required actor-code prefix ("IGO" by default).
    body_anaphors: Vec<(Vec<String>, String)>,
    /// "the two leaders", "both sides": subjects that are the story's pair.
    pair_subjects: Vec<String>,
    /// Verbs whose complement is a topic: "to discuss efforts to counter …".
    discussion: HashSet<String>,
    /// Verbs that, negated before an event noun, leave it unconfirmed: "has not confirmed".
    unconfirming: HashSet<String>,
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
            light: HashSet::new(),
            unnamed_attackers: HashSet::new(),
            crowds: HashSet::new(),
            crowd_counts: HashSet::new(),
            compound_participles: HashSet::new(),
            accusing: HashSet::new(),
            permission: HashSet::new(),
            both_sides: Vec::new(),
            irregular_past: HashSet::new(),
            attack_anaphors: Vec::new(),
            act_anaphors: HashSet::new(),
            subordinators: HashSet::new(),
            reciprocal: HashSet::new(),
            contact_doubts: Vec::new(),
            readiness: HashSet::new(),
            tail: HashSet::new(),
            summary_nouns: HashSet::new(),
            denied_nouns: HashSet::new(),
            evaluation_verbs: HashSet::new(),
            no_comment_verbs: HashSet::new(),
            no_comment_phrases: Vec::new(),
            expulsion_phrases: Vec::new(),
            mediation_participles: HashSet::new(),
            involvement_denials: Vec::new(),
            hosted_objects: HashSet::new(),
            response_verbs: HashSet::new(),
            evaluations: HashMap::new(),
            intent_blocks: HashSet::new(),
            coded_defaults: HashSet::new(),
            desire: HashSet::new(),
            negating_phrases: Vec::new(),
            adopting: HashSet::new(),
            continuing: HashSet::new(),
            ruling: HashSet::new(),
            wish: HashSet::new(),
            object_control: HashSet::new(),
            locative: HashSet::new(),
            intent_words: HashSet::new(),
            refusal_modals: HashSet::new(),
            refusal_verbs: HashSet::new(),
            body_anaphors: Vec::new(),
            pair_subjects: Vec::new(),
            discussion: HashSet::new(),
            unconfirming: HashSet::new(),
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
                "light_verbs" => drop(l.light.insert(w)),
                "unnamed_attackers" => drop(l.unnamed_attackers.insert(w)),
                "crowds" => drop(l.crowds.insert(w)),
                "crowd_counts" => drop(l.crowd_counts.insert(w)),
                "compound_participles" => drop(l.compound_participles.insert(w)),
                "accusing_verbs" => drop(l.accusing.insert(w)),
                "permission_verbs" => drop(l.permission.insert(w)),
                "both_sides" => l.both_sides.push(w),
                "irregular_past" => drop(l.irregular_past.insert(w)),
                "attack_anaphors" => l.attack_anaphors.push(w),
                "act_anaphors" => drop(l.act_anaphors.insert(w)),
                "subordinators" => drop(l.subordinators.insert(w)),
                "reciprocal_verbs" => drop(l.reciprocal.insert(w)),
                "readiness_words" => drop(l.readiness.insert(w)),
                "pair_subjects" => l.pair_subjects.push(w),
                "discussion_verbs" => drop(l.discussion.insert(w)),
                "unconfirming_verbs" => drop(l.unconfirming.insert(w)),
                "body_anaphors" => {
                    let prefix = cols.next().map(str::trim).filter(|c| !c.is_empty());
                    l.body_anaphors
                        .push((words_of(&w), prefix.unwrap_or("IGO").to_string()));
                }
                "contact_doubts" => {
                    let root = cols.next().unwrap_or("").trim().to_string();
                    l.contact_doubts.push((w, root));
                }
                "reporting_tail" => drop(l.tail.insert(w)),
                "summary_nouns" => drop(l.summary_nouns.insert(w)),
                "denied_nouns" => drop(l.denied_nouns.insert(w)),
                "evaluation_verbs" => drop(l.evaluation_verbs.insert(w)),
                "no_comment_verbs" => drop(l.no_comment_verbs.insert(w)),
                "response_verbs" => drop(l.response_verbs.insert(w)),
                "no_comment_phrases" => l.no_comment_phrases.push(words_of(&w)),
                "expulsion_phrases" => l.expulsion_phrases.push(words_of(&w)),
                "mediation_participles" => drop(l.mediation_participles.insert(w)),
                "involvement_denials" => l.involvement_denials.push(words_of(&w)),
                "hosted_objects" => drop(l.hosted_objects.insert(w)),
                "negative_evaluations" => drop(l.evaluations.insert(w, "111".to_string())),
                "positive_evaluations" => drop(l.evaluations.insert(w, "051".to_string())),
                "intent_blocks" => drop(l.intent_blocks.insert(w.to_uppercase())),
                "coded_defaults" => drop(l.coded_defaults.insert(w.to_uppercase())),
                "desire_verbs" => drop(l.desire.insert(w)),
                "adopting_verbs" => drop(l.adopting.insert(w)),
                "continuing_verbs" => drop(l.continuing.insert(w)),
                "ruling_verbs" => drop(l.ruling.insert(w)),
                "wish_verbs" => drop(l.wish.insert(w)),
                "object_control_verbs" => drop(l.object_control.insert(w)),
                "locative_prepositions" => drop(l.locative.insert(w)),
                "negating_phrases" => l.negating_phrases.push(words_of(&w)),
                "intent_words" => drop(l.intent_words.insert(w)),
                "refusal_modals" => drop(l.refusal_modals.insert(w)),
                "refusal_verbs" => drop(l.refusal_verbs.insert(w)),
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
    /// Agents that are things, not people or bodies ("drones", "missiles": type PRODUCT).
    things: HashSet<String>,
    max_words: usize,
}

fn agents() -> &'static Agents {
    static A: OnceLock<Agents> = OnceLock::new();
    A.get_or_init(|| {
        let mut by_words = HashMap::new();
        let mut things = HashSet::new();
        let mut max_words = 1;
        for a in &dateline_kb::Kb::embedded().agents {
            for form in std::iter::once(a.pattern.as_str()).chain(a.plural.as_deref()) {
                let key = form.to_lowercase();
                max_words = max_words.max(key.split(' ').count());
                if a.kind == "PRODUCT" {
                    things.insert(key.clone());
                }
                by_words
                    .entry(key)
                    .or_insert_with(|| (a.code.clone(), a.prefix));
            }
        }
        Agents {
            by_words,
            things,
            max_words,
        }
    })
}

/// "The bloc would propose new sanctions", "the alliance was fully involved": a body anaphor
/// of the lexicon after "the" is the latest international body the story named whose code
/// starts with the anaphor's prefix (the EU, NATO, the UN). Not "the bloc's" own members: a
/// following "of" ("the alliance of …") names something else.
fn body_anaphors(
    lex: &Lexicon,
    words: &[String],
    toks: &[Token],
    bodies: &[Actor],
    actors: &mut Vec<Actor>,
) {
    let covered = |actors: &[Actor], k: usize| actors.iter().any(|a| a.first <= k && k < a.end);
    let mut found = Vec::new();
    for k in 1..words.len() {
        if words[k - 1] != "the" || covered(actors, k) {
            continue;
        }
        for (ws, prefix) in &lex.body_anaphors {
            let end = k + ws.len();
            if end > words.len() || words[k..end] != ws[..] {
                continue;
            }
            if words.get(end).is_some_and(|w| w == "of") {
                continue;
            }
            if let Some(b) = bodies
                .iter()
                .rev()
                .find(|b| b.code.starts_with(prefix.as_str()))
            {
                found.push(Actor {
                    first: k - 1,
                    end,
                    span: Span::new(toks[k - 1].span.start, toks[end - 1].span.end),
                    bare: false,
                    state: false,
                    person: false,
                    ..b.clone()
                });
            }
            break;
        }
    }
    if !found.is_empty() {
        actors.extend(found);
        actors.sort_by_key(|a| (a.first, a.end));
    }
}

/// A title resolved to a person of another country is that country's office holder: "the
/// president of Armenia" in a sentence about Putin is Armenia's president (ARMGOV), whatever
/// the coreference of "the president" said. The title is the mention's only words (no proper
/// noun); "of" and a country actor follow it.
fn title_of_country(words: &[String], toks: &[Token], actors: &mut Vec<Actor>) {
    let kb = dateline_kb::Kb::embedded();
    let mut k = 0;
    while k < actors.len() {
        let a = &actors[k];
        let title_only = (a.first..a.end).all(|t| !matches!(toks[t].pos, Pos::NNP | Pos::NNPS));
        let of = words.get(a.end).is_some_and(|w| w == "of");
        let next = actors.get(k + 1).filter(|c| {
            c.first > a.end
                && c.first <= a.end + 2
                && (a.end + 1..c.first).all(|t| words[t] == "the")
                && c.code.len() == 3
                && kb.country(&c.code).is_some()
                && a.code.get(..3) != Some(c.code.as_str())
        });
        if let (true, true, Some(c)) = (title_only, of, next) {
            let role = a.code.get(3..).unwrap_or("").to_string();
            let c = c.clone();
            let a = &mut actors[k];
            a.code = format!("{}{role}", c.code);
            a.entity = c.entity.clone();
            a.name = format!("{} of {}", words[a.first..a.end].join(" "), c.name);
            a.end = c.end;
            a.span = Span::new(a.span.start, c.span.end);
            actors.remove(k + 1);
        }
        k += 1;
    }
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

/// Generic agents standing alone ("rebels", "police", "protesters"): an actor with the role
/// only (`---REB`), or joined to the country right after it ("rebels in the Ivory Coast",
/// "opposition groups in Zimbabwe" → CIVREB, ZWEOPP), which then stops being an actor of its own.
fn bare_agents(
    words: &[String],
    toks: &[Token],
    unknown_people: &[(usize, usize, &str)],
    actors: &mut Vec<Actor>,
) {
    let ag = agents();
    let n = words.len();
    let covered = |actors: &[Actor], k: usize| actors.iter().any(|a| a.first <= k && k < a.end);
    let mut found: Vec<Actor> = Vec::new();
    let mut i = 0;
    while i < n {
        if covered(actors, i) {
            i += 1;
            continue;
        }
        let mut hit = None;
        for len in (1..=ag.max_words.min(n - i)).rev() {
            if (i..i + len).any(|k| covered(actors, k)) {
                continue;
            }
            let key = words[i..i + len].join(" ");
            if let Some(v) = ag.by_words.get(&key) {
                // The agent's head noun must be a noun here ("court" the verb, "state" ...).
                // (A longer entry that fails gives way to a shorter one: "embassy in" before
                // "Quito" is no noun phrase, "embassy" is.)
                // ("party" alone is too vague; named, "the Umma (Nation) party", it is one.)
                let named = len == 1
                    && key == "party"
                    && toks[i].pos == Pos::NN
                    && i > 0
                    && (toks[i - 1].pos == Pos::NNP
                        || (words[i - 1] == ")"
                            && (i.saturating_sub(5)..i - 1)
                                .any(|j| words[j] == "(" && j > 0 && toks[j - 1].pos == Pos::NNP)));
                if toks[i + len - 1].pos.is_noun() && (named || !BARE_SKIP.contains(&key.as_str()))
                {
                    hit = Some((len, v.clone()));
                    break;
                }
                if toks[i + len - 1].pos.is_noun() || len == 1 {
                    break;
                }
            }
        }
        let Some((len, (code, _))) = hit else {
            i += 1;
            continue;
        };
        // A weapon on its own ("shot down 21 drones", "drones hit a refinery") is no actor:
        // whose it is, only a country attached to it says ("Russian drones").
        if ag.things.contains(&words[i..i + len].join(" ")) {
            i += len;
            continue;
        }
        let end = i + len;
        // An agent noun that modifies the next noun is no actor: "artillery fire", "a police
        // station", "army bases".
        if matches!(toks[end - 1].pos, Pos::NN | Pos::NNS)
            && toks
                .get(end)
                .is_some_and(|t| matches!(t.pos, Pos::NN | Pos::NNS) && !covered(actors, end))
        {
            i = end;
            continue;
        }
        // A title before a person the knowledge base does not know is that person's actor:
        // "President Abdelaziz Bouteflika" → ---GOV, given a country below.
        if let Some(&(_, pend, id)) = unknown_people
            .iter()
            .find(|(f, _, _)| *f == end || (*f == end + 1 && toks[end].pos == Pos::NNP))
        {
            found.push(Actor {
                first: i,
                end: pend,
                code: format!("---{code}"),
                entity: id.to_string(),
                name: words[i..pend].join(" "),
                span: Span::new(toks[i].span.start, toks[pend - 1].span.end),
                bare: false,
                state: false,
                person: false,
            });
            i = pend;
            continue;
        }
        // A title before a name ("President Obama") or a role after an actor the knowledge
        // base could not join ("Israeli intelligence officials") is not an actor of its own.
        let next_is_actor = actors.iter().any(|a| a.first == end)
            || toks.get(end).is_some_and(|t| t.pos == Pos::NNP) && len == 1;
        let after_actor = actors.iter().any(|a| {
            a.end <= i
                && a.end + 2 >= i
                && (a.end..i).all(|k| is_modifier(&words[k]) && !toks[k].pos.is_verb())
        });
        if next_is_actor || after_actor {
            i = end;
            continue;
        }
        found.push(Actor {
            first: i,
            end,
            code: format!("---{code}"),
            entity: format!("agent@{}", toks[i].span.start),
            name: words[i..end].join(" "),
            span: Span::new(toks[i].span.start, toks[end - 1].span.end),
            bare: true,
            state: false,
            person: false,
        });
        i = end;
    }
    for mut a in found {
        // "rebels in the Ivory Coast", "students throughout Indonesia", "guerrillas from Chad".
        // (Not "its ambassador from Caracas": the owner says whose it is.)
        let owned = a.first > 0 && toks[a.first - 1].pos == Pos::PRPS;
        let place = actors.iter().position(|c| {
            !owned
                && c.code.len() == 3
                && c.first > a.end
                && c.first <= a.end + 2
                && matches!(
                    words[a.end].as_str(),
                    "in" | "of" | "from" | "throughout" | "across"
                )
                && (a.end + 1..c.first).all(|k| words[k] == "the")
        });
        if let Some(p) = place {
            let c = actors.remove(p);
            a.code = format!("{}{}", c.code, &a.code[3..]);
            a.end = c.end;
            a.span = Span::new(a.span.start, c.span.end);
        }
        actors.push(a);
    }
    actors.sort_by_key(|a| (a.first, a.end));
}

/// An agent with no country ("the government", "rebels", "President X" unknown to the knowledge
/// base) acts for the country the sentence is about: the nearest actor or place placed in a
/// country gives its code ("the government … in Abidjan" → CIVGOV). International bodies and
/// regions give none.
fn inherit_countries(
    lex: &Lexicon,
    words: &[String],
    toks: &[Token],
    context: Option<&str>,
    actors: &mut [Actor],
) {
    let kb = dateline_kb::Kb::embedded();
    let country = |code: &str| {
        code.get(..3)
            .filter(|c| kb.country(c).is_some())
            .map(str::to_string)
    };
    // A party named after "by", "against", "with" … is another side ("forces, backed by
    // Russia,"; "talks with Iran"), not the agent's own country.
    let other_side = |f: usize| {
        f > 0
            && matches!(
                words[f - 1].as_str(),
                "by" | "against" | "with" | "from" | "to" | "on" | "toward" | "towards"
            )
    };
    let placed: Vec<(usize, usize, String)> = actors
        .iter()
        .filter(|a| !other_side(a.first))
        .filter_map(|a| Some((a.first, a.end, country(&a.code)?)))
        .collect();
    let owners: Vec<(usize, String)> = actors
        .iter()
        .filter(|a| !a.person && !a.code.starts_with("---"))
        .filter_map(|a| Some((a.end, country(&a.code)?)))
        .collect();
    let owners_at: Vec<(usize, usize, String)> = actors
        .iter()
        .filter(|a| !a.person && !a.code.starts_with("---"))
        .filter_map(|a| Some((a.first, a.end, country(&a.code)?)))
        .collect();
    // A place after "in", "at", "near" says where the sentence happens; it wins over a party
    // of the event ("President Bush threatened action against Russia").
    let locative = |f: usize| f > 0 && lex.locative.contains(words[f - 1].as_str());
    for a in actors.iter_mut().filter(|a| a.code.starts_with("---")) {
        let dist = |f: usize, e: usize| {
            let d = if f >= a.end {
                f - a.end
            } else {
                a.first.saturating_sub(e)
            };
            (!locative(f), d)
        };
        // Past a finite verb, a party is what the agent acts on ("the junta spokesman accused
        // France"): in a story already placed, the agent belongs to the story's country.
        let across_verb = |f: usize| f >= a.end && (a.end..f).any(|k| toks[k].pos.is_finite());
        // "recalled its ambassador from Caracas": "its" is the nearest state or body before
        // it (never a person: "Maduro's victory"), not the place after.
        if a.first > 0 && matches!(words[a.first - 1].as_str(), "its" | "their") {
            // (With a parse: the subject of the verb the phrase belongs to, "Algeria closed … Mali
            // … and recalled its ambassadors".)
            let subject = subject_of_phrase(toks, a.first - 1);
            let by_subject = subject.and_then(|t| {
                owners_at
                    .iter()
                    .find(|(f, e, _)| *f <= t && t < *e)
                    .map(|(_, _, c)| c)
            });
            if let Some(c) = by_subject.or_else(|| {
                owners
                    .iter()
                    .rev()
                    .find(|(e, _)| *e < a.first)
                    .map(|(_, c)| c)
            }) {
                a.code = format!("{c}{}", &a.code[3..]);
                continue;
            }
        }
        let near = placed.iter().filter(|(f, _, _)| !across_verb(*f));
        let best = match (near.clone().min_by_key(|(f, e, _)| dist(*f, *e)), context) {
            (Some((_, _, c)), _) => Some(c.as_str()),
            // A place where the sentence happens, even past the verb, wins over the story's
            // last country ("the junta spokesman accused France of seeking to intervene in
            // Niger").
            (None, _) if placed.iter().any(|(f, _, _)| locative(*f)) => placed
                .iter()
                .find(|(f, _, _)| locative(*f))
                .map(|(_, _, c)| c.as_str()),
            // (Only instead of such a party: an agent the sentence does not place at all stays
            // unplaced.)
            (None, Some(c)) if !placed.is_empty() => Some(c),
            (None, Some(_)) => None,
            (None, None) => placed
                .iter()
                .min_by_key(|(f, e, _)| dist(*f, *e))
                .map(|(_, _, c)| c.as_str()),
        };
        if let Some(c) = best {
            a.code = format!("{c}{}", &a.code[3..]);
        }
    }
}

/// The subject token of the verb whose phrase holds token `t` (a possessive "its"), from the
/// parse: up from `t` to the first verb, then its subject, or its first conjunct's.
fn subject_of_phrase(toks: &[Token], t: usize) -> Option<usize> {
    if !toks.get(t)?.dep.is_parsed() {
        return None;
    }
    // Up from `from` to the first verb: the verb and the token right below it on the way.
    let verb_above = |from: usize| -> Option<(usize, usize)> {
        let mut v = from;
        for _ in 0..6 {
            let below = v;
            v = toks[v].head as usize;
            if v >= toks.len() {
                return None;
            }
            if toks[v].pos.is_verb() {
                return Some((v, below));
            }
        }
        None
    };
    let (mut v, mut below) = verb_above(t)?;
    for _ in 0..4 {
        // (The subject nearest the verb: a dateline the parser took for a second subject,
        // "ALGIERS, April 8 (Reuters) - Algeria closed …", stands further off.)
        let is_subject = |k: usize| {
            toks[k].head as usize == v && matches!(toks[k].dep, Dep::Nsubj | Dep::NsubjPass)
        };
        if let Some(k) = (0..v)
            .rev()
            .find(|&k| is_subject(k))
            .or_else(|| (v..toks.len()).find(|&k| is_subject(k)))
        {
            // "Mexico broke off relations after its embassy was stormed": a possessive inside
            // the subject itself is the subject of the clause above.
            if k != below {
                return Some(k);
            }
            (v, below) = verb_above(v)?;
            continue;
        }
        if toks[v].dep != Dep::Conj {
            return None;
        }
        below = v;
        v = toks[v].head as usize;
        if v >= toks.len() {
            return None;
        }
    }
    None
}

/// The country a sentence is about: the place where it happens ("in", "at" … a place in a
/// country), else the country its actors name most often (the first on a tie).
fn sentence_country(lex: &Lexicon, words: &[String], actors: &[Actor]) -> Option<String> {
    let kb = dateline_kb::Kb::embedded();
    let placed: Vec<(&Actor, &str)> = actors
        .iter()
        .filter_map(|a| Some((a, a.code.get(..3).filter(|c| kb.country(c).is_some())?)))
        .collect();
    let locative = placed
        .iter()
        .find(|(a, _)| a.first > 0 && lex.locative.contains(words[a.first - 1].as_str()));
    if let Some((_, c)) = locative {
        return Some(c.to_string());
    }
    let count = |c: &str| placed.iter().filter(|(_, x)| *x == c).count();
    let best = placed.iter().map(|(_, c)| count(c)).max()?;
    placed
        .iter()
        .find(|(_, c)| count(c) == best)
        .map(|(_, c)| c.to_string())
}

/// A title and the name after it are one actor: "Russian President" (RUSGOV, from the
/// adjective and the title) + "Vladimir Putin" (RUSGOV) → one mention, so that "Chinese
/// President Xi Jinping and Russian President Vladimir Putin" is a pair. Adjacent actors merge
/// when they share the country; the named entity's code and identity win over the title's.
fn merge_adjacent(actors: &mut Vec<Actor>) {
    let mut k = 0;
    while k + 1 < actors.len() {
        let (a, b) = (&actors[k], &actors[k + 1]);
        let same_country = a.code.get(..3).is_some() && a.code.get(..3) == b.code.get(..3);
        if b.first == a.end && same_country && !a.code.starts_with("---") {
            let b = actors.remove(k + 1);
            let a = &mut actors[k];
            if !b.bare || a.bare {
                a.code = b.code;
                a.entity = b.entity;
                a.name = b.name;
                a.bare = b.bare;
            }
            a.end = b.end;
            a.span = Span::new(a.span.start, b.span.end);
            continue;
        }
        k += 1;
    }
}

/// Agent words too vague to stand alone as an actor.
const BARE_SKIP: &[&str] = &[
    "business", "company", "boss", "state", "party", "parties", "group", "people",
];

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
    /// A generic agent found on its own ("rebels"), not a named entity.
    bare: bool,
    /// A state or its government speaking as one (a country named as such, a government
    /// agent): its protests are official complaints, not demonstrations.
    state: bool,
    /// A person named as such (never what "its" refers to).
    person: bool,
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
    /// Dependents of each token (sentence-relative), in text order; empty when the sentence
    /// was not parsed.
    children: Vec<Vec<usize>>,
    /// The comma opening a trailing attribution (", the White House announced Tuesday."), or
    /// the sentence length when there is none.
    tail: usize,
    /// The country the story is about at this sentence (its own place, else the last one).
    context: Option<String>,
    /// The first token after the wire dateline ("PARIS, May 6 (Reuters) -"), 0 without one:
    /// nothing before it is part of any clause's modality ("May" is no modal).
    lead: usize,
    /// The last two countries the story set against each other before this sentence (source
    /// and target of its last event between two countries).
    story_pair: Option<(String, String)>,
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
                    bare: false,
                    state: false,
                    person: false,
                })
            });
        speaker_actor.push((q.content, a));
    }
    let datelines: Vec<Span> = article
        .zones
        .iter()
        .filter(|z| z.kind == ZoneKind::Dateline)
        .map(|z| z.span)
        .collect();
    // The country of the wire dateline's first place ("NAYPYITAW/BANGKOK, March 31 (Reuters)
    // -" → MMR): where the story happens.
    let dateline_country: Option<String> = datelines.first().and_then(|d| {
        entities
            .iter()
            .filter_map(|e| {
                let code = e.actor.as_deref().filter(|c| c.len() == 3)?;
                let m = e.mentions.iter().find(|m| d.overlaps(m.span))?;
                Some((m.span.start, code))
            })
            .min()
            .map(|(_, c)| c.to_string())
    });
    let mut out: Vec<Event> = Vec::new();
    let mut context_country: Option<String> = None;
    // Named organisations met so far (name, code, entity), for "the court" after "the
    // International Court of Justice".
    let mut named_orgs: Vec<(String, String, String)> = Vec::new();
    // International bodies named so far, the latest last: what "the bloc" refers to.
    let mut bodies: Vec<Actor> = Vec::new();
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
        // People the knowledge base does not know, by token range: a title before one of them
        // ("President Abdelaziz Bouteflika") makes the pair an actor of the title's role.
        let mut unknown_people: Vec<(usize, usize, &str)> = Vec::new();
        for e in entities {
            let Some(code) = e.actor.clone() else {
                if e.kind == dateline_model::EntityType::Person {
                    for m in e.mentions.iter().filter(|m| s.span.contains(m.span)) {
                        let first = tok_at(m.span.start);
                        let end = toks
                            .partition_point(|t| t.span.start < m.span.end)
                            .max(first + 1);
                        unknown_people.push((first, end, e.id.as_str()));
                    }
                }
                continue;
            };
            for m in &e.mentions {
                // The wire dateline's place ("BRUSSELS -", "PARIS, April 16 (Reuters) -") says
                // where the story was filed, not who acted.
                if !s.span.contains(m.span) || datelines.iter().any(|d| d.overlaps(m.span)) {
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
                    bare: false,
                    state: e.kind == dateline_model::EntityType::Gpe && code.len() == 3,
                    person: e.kind == dateline_model::EntityType::Person,
                });
            }
        }
        actors.sort_by_key(|a| (a.first, a.end));
        for a in &actors {
            if a.code.starts_with("IGO") && !a.entity.is_empty() && !a.person {
                bodies.retain(|b: &Actor| b.code != a.code);
                bodies.push(a.clone());
            }
        }
        body_anaphors(lex, &words, toks, &bodies, &mut actors);
        title_of_country(&words, toks, &mut actors);
        attach_agents(&words, toks, &mut actors);
        bare_agents(&words, toks, &unknown_people, &mut actors);
        // Police and courts the sentence does not place ("Police detained dozens of
        // demonstrators") act in the country the story was last about. (Other agents, from
        // spokesmen to rescue workers, are too often foreign or no party to be guessed.)
        // The rest then take their country from them ("… dozens of demonstrators": ARMOPP).
        // "The court ruled …" after "the International Court of Justice": a definite generic
        // agent whose noun is a word of an organisation named before is that organisation.
        for a in actors.iter_mut().filter(|a| a.bare && a.end <= a.first + 2) {
            let definite = (words[a.first] == "the" && a.end == a.first + 2)
                || (a.first > 0 && words[a.first - 1] == "the" && a.end == a.first + 1);
            let head = &words[a.end - 1];
            // (The first one named: the story's own court, not "the European Court of Human
            // Rights" a party said it would turn to.)
            if let Some((_, code, entity)) = named_orgs.iter().find(|(name, _, _)| {
                definite && name.split(' ').any(|w| w.eq_ignore_ascii_case(head))
            }) {
                a.code = code.clone();
                a.entity = entity.clone();
                a.bare = false;
            }
        }
        inherit_countries(lex, &words, toks, context_country.as_deref(), &mut actors);
        if let Some(c) = &context_country {
            let domestic = |a: &Actor| matches!(a.code.as_str(), "---COP" | "---JUD" | "---PTY");
            if actors.iter().any(domestic) {
                for a in actors.iter_mut().filter(|a| domestic(a)) {
                    a.code = format!("{c}{}", &a.code[3..]);
                }
                inherit_countries(lex, &words, toks, Some(c), &mut actors);
            }
        }
        if let Some(c) = sentence_country(lex, &words, &actors) {
            context_country = Some(c);
        }
        merge_adjacent(&mut actors);
        // "The US commander in Iraq, General David Petraeus, …": a person set in apposition to
        // a role of the same country is described by it; the role the text gives wins over the
        // knowledge base's (undated or later) role for the person.
        for k in 0..actors.len() {
            let b = &actors[k];
            if !b.person {
                continue;
            }
            // The comma before the person (titles may stand between: ", General David …").
            let Some(comma) = (b.first.saturating_sub(3)..b.first)
                .rev()
                .find(|&j| words[j] == ",")
                .filter(|&c| (c + 1..b.first).all(|j| toks[j].pos == Pos::NNP))
            else {
                continue;
            };
            // The role before the comma, maybe with a place after it ("in Iraq").
            let role = actors[..k].iter().rev().find(|a| {
                a.code.len() > 3
                    && a.end <= comma
                    && comma - a.end <= 3
                    && (a.end..comma).all(|j| matches!(toks[j].pos, Pos::IN | Pos::DT | Pos::NNP))
            });
            let Some(a) = role else { continue };
            if !a.person && !a.code.starts_with("---") && a.code.get(..3) == b.code.get(..3) {
                let code = a.code.clone();
                actors[k].code = code;
            }
        }
        // "Iran-backed Hezbollah", "US-led coalition": a name glued to "-backed"/"-led" modifies
        // the actor right after it, which then spans the whole phrase; it is no party of its own.
        let mut k = 0;
        while k < actors.len() {
            let a = &actors[k];
            let modifier = words.get(a.end).is_some_and(|w| w == "-")
                && words
                    .get(a.end + 1)
                    .is_some_and(|w| lex.compound_participles.contains(w.as_str()));
            if !modifier {
                k += 1;
                continue;
            }
            let (first, start, end) = (a.first, a.span.start, a.end);
            if let Some(next) = actors.get_mut(k + 1).filter(|n| n.first == end + 2) {
                next.first = first;
                next.span = Span::new(start, next.span.end);
                actors.remove(k);
            } else {
                // ("Sudan's army-led government": with no actor after it, the name stays the
                // actor, the best the sentence says of who acts.)
                k += 1;
            }
        }
        // Where the wire dateline of this sentence ends: the first dash within a dozen words
        // after its place.
        let dateline_end = datelines
            .iter()
            .find(|d| s.span.contains(**d))
            .and_then(|d| {
                let k = tok_at(d.start);
                (k..toks.len().min(k + 12))
                    .find(|&j| matches!(words[j].as_str(), "-" | "–" | "—" | "--"))
                    .map(|j| toks[j].span.end)
            });
        let times: Vec<(usize, usize, String)> = analysis
            .timexes
            .as_deref()
            .unwrap_or(&[])
            .iter()
            // The dateline's date ("BOGOTA, Oct 3 (Reuters) -") is when the story was filed,
            // not when its first sentence's act happened ("… on Sunday").
            .filter(|t| s.span.contains(t.span) && dateline_end.is_none_or(|e| t.span.start >= e))
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
        let tail = reporting_tail(&words, toks, lex);
        let mut children: Vec<Vec<usize>> = Vec::new();
        if toks.iter().any(|t| t.dep.is_parsed()) {
            children = vec![Vec::new(); toks.len()];
            for (k, t) in toks.iter().enumerate() {
                if let Some(h) = children.get_mut(t.head as usize) {
                    h.push(k);
                }
            }
        }
        for a in actors
            .iter()
            .filter(|a| !a.bare && !a.person && a.code.len() > 3)
        {
            if a.name.split(' ').count() > 1 {
                named_orgs.push((a.name.clone(), a.code.clone(), a.entity.clone()));
            }
        }
        let sent = Sent {
            idx: si as u32,
            span: s.span,
            toks,
            words,
            actors,
            times,
            quote_speaker,
            quote_of,
            children,
            tail,
            context: context_country.clone(),
            lead: dateline_end.map_or(0, |e| toks.partition_point(|t| t.span.start < e)),
            story_pair: out.iter().rev().find_map(|e| {
                let c = |a: &Option<ActorRef>| a.as_ref()?.code.get(..3).map(str::to_string);
                let (x, y) = (c(&e.source)?, c(&e.target)?);
                (x != y
                    && dateline_kb::Kb::embedded().country(&x).is_some()
                    && dateline_kb::Kb::embedded().country(&y).is_some())
                .then_some((x, y))
            }),
        };
        // `DATELINE_DEBUG_ACTORS=1`: print each sentence's actors to stderr (a debugging aid for
        // `examples/code.rs`; read once).
        static DEBUG: OnceLock<bool> = OnceLock::new();
        if *DEBUG.get_or_init(|| std::env::var_os("DATELINE_DEBUG_ACTORS").is_some()) {
            for a in &sent.actors {
                eprintln!(
                    "   actor {}..{} {} {:?} bare={}",
                    a.first, a.end, a.code, a.name, a.bare
                );
            }
        }
        code_sentence(&sent, lex, dict, &speaker_actor, &mut out);
    }
    answer_accusers(&mut out);
    both_sides(lex, text, &mut out);
    condemned_attackers(lex, text, &mut out);
    reactions_to_acts(lex, text, &mut out);
    // A sentence that says a contact or a deal has not happened or only might ("no date has
    // been set for talks", "a deal could be signed if …") is read by sentence: an asserted
    // contact, intent or agreement in it is stated only under that cloud, so it is uncertain.
    for e in out.iter_mut() {
        if e.modality != Modality::Asserted || !matches!(e.cameo.get(..2), Some("03" | "04" | "05"))
        {
            continue;
        }
        let sp = e.mentions[0].sentence_span;
        let sentence: String = text
            .chars()
            .skip(sp.start)
            .take(sp.end - sp.start)
            .collect::<String>()
            .to_lowercase();
        let doubted = lex.contact_doubts.iter().any(|(phrase, root)| {
            e.cameo.starts_with(root.as_str()) && sentence.contains(phrase.as_str())
        });
        if doubted {
            e.modality = Modality::Uncertain;
        }
    }
    // What only could happen is a record when it is a contact, an intent or an agreement
    // between two named parties ("the two leaders could speak again by phone"); a vague "could"
    // otherwise ("could respond", "might strike") says too little to be kept.
    out.retain(|e| {
        e.modality != Modality::Hypothetical
            || (matches!(e.cameo.get(..2), Some("03" | "04" | "05"))
                && e.source.is_some()
                && e.target.is_some())
    });
    // A photo caption shows a moment of some earlier story ("Macron welcomes Xi at the Elysee
    // Palace", "Peskov attends a news briefing"): its acts are no record of this one's events
    // (they were read above only as context: who the story's parties are).
    out.retain(|e| {
        sentences
            .get(e.mentions[0].sentence as usize)
            .is_none_or(|s| !matches!(s.zone, ZoneKind::Caption | ZoneKind::Credit))
    });
    domestic_targets(&mut out);
    aid_recipients(&mut out, dateline_country.as_deref());
    // An event needs at least one side placed in a country or an international body: "the
    // minister" with no country says too little to be a record of who did what to whom.
    let placed = |a: &Option<ActorRef>| a.as_ref().is_some_and(|a| !a.code.starts_with("---"));
    out.retain(|e| placed(&e.source) || placed(&e.target));
    // The date of each quote's speech: the time expression of the cue's sentence nearest the
    // cue, outside the quoted content ("said on Tuesday that …").
    let quotes = analysis.quotes.as_deref().unwrap_or(&[]);
    let timexes = analysis.timexes.as_deref().unwrap_or(&[]);
    let speech_dates: Vec<Option<String>> = quotes
        .iter()
        .map(|q| {
            let cue = q.cue.as_ref()?;
            let sent = sentences.iter().find(|s| s.span.contains(cue.span))?;
            timexes
                .iter()
                .filter(|t| sent.span.contains(t.span) && !q.content.overlaps(t.span))
                .filter(|t| !t.value.ends_with("_REF"))
                .min_by_key(|t| {
                    if t.span.start >= cue.span.end {
                        t.span.start - cue.span.end
                    } else {
                        cue.span.start.saturating_sub(t.span.end)
                    }
                })
                .map(|t| t.value.clone())
        })
        .collect();
    for e in &mut out {
        if let Some(info) = table.get(&e.cameo) {
            e.plover = info.plover.clone();
            e.goldstein = info.goldstein;
            e.quad_class = Some(info.quad_class);
        }
        let Some(q) = e.mentions.first().and_then(|m| m.quote).map(|q| q as usize) else {
            continue;
        };
        e.speech_date = speech_dates.get(q).cloned().flatten();
        // A speaker's own verbal act (a refusal, an appeal, a threat) with no date of its own
        // happened when it was said.
        let own = speaker_actor
            .get(q)
            .and_then(|(_, a)| a.as_ref())
            .zip(e.source.as_ref())
            .is_some_and(|(sp, src)| src.entity.as_deref() == Some(sp.entity.as_str()));
        if e.date.is_none() && own && matches!(e.quad_class, Some(1) | Some(3)) {
            e.date = e.speech_date.clone();
        }
    }
    merge(out)
}

/// Aid given or pledged (07x, 033x) with no recipient named, or with only the giver's own
/// channel ("pledged $2 million through humanitarian organisations", "flew in relief supplies
/// and a field hospital"), goes to the country the story is filed from, when that is another
/// country than the giver's: "China has pledged 100 million yuan in emergency aid" in a story
/// from Naypyitaw → CHN→MMR.
fn aid_recipients(events: &mut [Event], story: Option<&str>) {
    let Some(story) = story else {
        return;
    };
    let kb = dateline_kb::Kb::embedded();
    for e in events.iter_mut() {
        // (Not asylum, 075: who is sheltered is no country's to guess.)
        if !(e.cameo.starts_with("07") || e.cameo.starts_with("033")) || e.cameo.starts_with("075")
        {
            continue;
        }
        let Some(giver) = e.source.as_ref().and_then(|a| a.code.get(..3)) else {
            continue;
        };
        if giver == story || kb.country(giver).is_none() {
            continue;
        }
        let own_channel = e.target.as_ref().is_some_and(|t| {
            t.code.starts_with(giver) && t.entity.as_deref().is_none_or(|x| x.starts_with("agent@"))
        });
        if e.target.is_none() || own_channel {
            e.target = Some(ActorRef {
                code: story.to_string(),
                entity: None,
                name: kb.country(story).map(|c| c.name.clone()),
                span: None,
            });
        }
    }
}

/// A protest, strike or boycott (14x), or a curfew, martial law or state of emergency imposed or
/// eased (172x, 0813, 0814), that names no target is aimed at the actor's own state: "students
/// throughout Indonesia staged demonstrations" → IDN→IDN, the convention of the CAMEO manual's
/// coded examples. The target has no words in the text (no span, no entity).
fn domestic_targets(events: &mut [Event]) {
    let kb = dateline_kb::Kb::embedded();
    for e in events.iter_mut() {
        // (So are the administrative sanctions a state imposes at home and their easing: a
        // curfew, martial law, a state of emergency — 172x, 0813, 0814.)
        let domestic = e.cameo.starts_with("14")
            || e.cameo.starts_with("172")
            || matches!(e.cameo.as_str(), "0813" | "0814");
        if !domestic || e.target.is_some() {
            continue;
        }
        let Some(country) = e
            .source
            .as_ref()
            .and_then(|s| s.code.get(..3))
            .filter(|c| kb.country(c).is_some())
        else {
            continue;
        };
        e.target = Some(ActorRef {
            code: country.to_string(),
            entity: None,
            name: kb.country(country).map(|c| c.name.clone()),
            span: None,
        });
    }
}

/// The comma opening a trailing attribution: after it, at most a dozen words, one of them a
/// reporting word (said, announced, according, reports) and no other verb, no "that". The sentence length when there is none.
fn reporting_tail(words: &[String], toks: &[Token], lex: &Lexicon) -> usize {
    let n = words.len();
    let end = if words
        .last()
        .is_some_and(|w| matches!(w.as_str(), "." | "!" | "?"))
    {
        n - 1
    } else {
        n
    };
    let Some(k) = (2..end).rev().find(|&k| words[k] == ",") else {
        return n;
    };
    let tail = &words[k + 1..end];
    if tail.is_empty() || tail.len() > 12 || tail.iter().any(|w| w == "that") {
        return n;
    }
    // "…, a charge Kabul denies": another source's reaction, coded as an event of its own.
    let opening = if matches!(tail[0].as_str(), "a" | "an" | "the") {
        tail.get(1)
    } else {
        tail.first()
    };
    if opening.is_some_and(|w| lex.summary_nouns.contains(w.as_str())) {
        return n;
    }
    let reporting = tail.iter().any(|w| lex.tail.contains(w.as_str()));
    let other_verb = (k + 1..end).any(|j| {
        toks[j].pos.is_verb()
            && toks[j].pos != Pos::MD
            && !lex.tail.contains(words[j].as_str())
            && !matches!(words[j].as_str(), "has" | "have" | "had" | "was" | "is")
    });
    if reporting && !other_verb {
        k
    } else {
        n
    }
}

/// A denial or a rejection with no target answers whoever accused or pressed that actor
/// earlier in the article: "Iran's foreign ministry rejected the accusation." → the actor whose
/// accusation, demand or protest (10x, 11x, 14x) was aimed at Iran in a previous sentence.
/// "China urged both sides to exercise restraint": an act on "both sides" (or "the two
/// countries" …) with no target of its own is aimed at the last two countries the story set
/// against each other — one event for each. Events are in text order.
fn both_sides(lex: &Lexicon, text: &str, events: &mut Vec<Event>) {
    let country = |a: &Option<ActorRef>| {
        a.as_ref()
            .and_then(|a| a.code.get(..3))
            .filter(|c| dateline_kb::Kb::embedded().country(c).is_some())
            .map(str::to_string)
    };
    let mut pair: Option<(ActorRef, ActorRef)> = None;
    // The pair the story set against each other most often so far (the latest on a tie): one
    // third country's act on one side ("Nicaragua suspended ties with Ecuador") does not make it
    // a side of the story.
    let mut seen: HashMap<(String, String), (usize, usize)> = HashMap::new();
    let mut extra = Vec::new();
    for (n, e) in events.iter_mut().enumerate() {
        if let (Some(a), Some(b)) = (country(&e.source), country(&e.target)) {
            if a != b {
                let key = if a < b { (a, b) } else { (b, a) };
                let entry = seen.entry(key).or_insert((0, 0));
                *entry = (entry.0 + 1, n);
                let side = |code: &str| ActorRef {
                    code: code.to_string(),
                    entity: None,
                    name: None,
                    span: None,
                };
                pair = seen
                    .iter()
                    .max_by_key(|(_, v)| **v)
                    .map(|((x, y), _)| (side(x), side(y)));
                continue;
            }
            // (A host whose own country is the venue goes on below.)
            if e.cameo != "043" {
                continue;
            }
        }
        let Some((p, q)) = &pair else { continue };
        // (A host's own country named as the venue is no guest: "hosting the two countries'
        // leaders in Ankara".)
        let own_venue = e.cameo == "043"
            && country(&e.target).is_some()
            && country(&e.target) == country(&e.source);
        if e.target.is_some() && !own_venue {
            continue;
        }
        let after = text_after(text, &e.mentions[0], 40);
        // ("urged them to settle the matter": a plural pronoun object is the story's pair.)
        let them = after.split_whitespace().next() == Some("them");
        // ("MBS hosted the talks": a host's guests are the parties of the talks.)
        // ("hosted two earlier rounds of indirect talks", "hosting the two countries' leaders":
        // a meeting word within the object.)
        let object: Vec<&str> = after
            .split(['.', ',', ';'])
            .next()
            .unwrap_or("")
            .split_whitespace()
            .take(7)
            .collect();
        let hosted = e.cameo == "043" && object.iter().any(|w| lex.hosted_objects.contains(*w));
        if !them && !hosted && !lex.both_sides.iter().any(|w| after.contains(w.as_str())) {
            continue;
        }
        let me = country(&e.source);
        let sides: Vec<&ActorRef> = [p, q]
            .into_iter()
            .filter(|x| me.as_deref() != Some(x.code.as_str()))
            .collect();
        if let Some((first, rest)) = sides.split_first() {
            for other in rest {
                let mut copy = e.clone();
                copy.target = Some((*other).clone());
                extra.push(copy);
            }
            e.target = Some((*first).clone());
        }
    }
    events.extend(extra);
}

/// Up to `max` characters of the sentence after a mention's trigger, lower case.
fn text_after(text: &str, m: &EventMention, max: usize) -> String {
    text.chars()
        .skip(m.trigger.end)
        .take(m.sentence_span.end.saturating_sub(m.trigger.end).min(max))
        .collect::<String>()
        .to_lowercase()
}

/// The first `n` words of `s`, with quotation marks, commas and full stops dropped.
fn first_words(s: &str, n: usize) -> Vec<&str> {
    s.split(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '”' | ',' | '.'))
        .filter(|w| !w.is_empty())
        .take(n)
        .collect()
}

/// "Guyana's president welcomed the ruling", "EU officials rejected that demand": a reaction —
/// praise (05x), criticism or accusation (11x), rejection (12x), denial (016) — with no target
/// of its own, to a definite noun naming an act (`act_anaphors`), is aimed at whoever did the
/// last act the story told before it by another country (the one told as a fact first).
fn reactions_to_acts(lex: &Lexicon, text: &str, events: &mut [Event]) {
    let country =
        |a: &Option<ActorRef>| a.as_ref().and_then(|a| a.code.get(..3)).map(str::to_string);
    for k in 0..events.len() {
        let e = &events[k];
        let reaction = matches!(e.cameo.get(..2), Some("05" | "11" | "12")) || e.cameo == "016";
        if !reaction || e.target.is_some() || e.source.is_none() {
            continue;
        }
        let m = &e.mentions[0];
        let after = text_after(text, m, 40);
        let words = first_words(&after, 3);
        let noun = match words.as_slice() {
            [d, n, ..] if matches!(*d, "the" | "that" | "this" | "these" | "those") => {
                if lex.act_anaphors.contains(*n) {
                    Some(*n)
                } else {
                    words
                        .get(2)
                        .copied()
                        .filter(|n2| lex.act_anaphors.contains(*n2) && !n.ends_with('s'))
                }
            }
            _ => None,
        };
        let Some(noun) = noun else { continue };
        // What kind of act the noun names: a demand (10x), an accusation (11x), an offer or plan
        // (03x), or a court's ruling (an act of a judicial body).
        let kind = |p: &Event| match noun {
            "demand" | "demands" | "request" | "ultimatum" => p.cameo.starts_with("10"),
            "charge" | "charges" | "accusation" | "accusations" | "allegation" | "allegations" => {
                p.cameo.starts_with("11")
            }
            "offer" | "proposal" | "plan" => p.cameo.starts_with("03"),
            "ruling" | "verdict" => p.source.as_ref().is_some_and(|a| a.code.contains("JUD")),
            _ => false,
        };
        let named = |p: &Event| country(&p.source).is_some_and(|c| !c.starts_with('-'));
        if let Some(doer) = doer_before(events, k, |p| named(p) && kind(p)) {
            events[k].target = Some(doer);
        }
    }
}

/// The source of the last act before event `k` (earlier in the story, or earlier in its
/// sentence) that `of_kind` accepts, by another country than `k`'s source — the last one the
/// story tells as a fact, else the last one told at all. Its span is dropped: it is named
/// elsewhere.
fn doer_before(events: &[Event], k: usize, of_kind: impl Fn(&Event) -> bool) -> Option<ActorRef> {
    let country =
        |a: &Option<ActorRef>| a.as_ref().and_then(|a| a.code.get(..3)).map(str::to_string);
    let m = &events[k].mentions[0];
    let (sentence, at, me) = (m.sentence, m.trigger.start, country(&events[k].source));
    let earlier = |p: &&Event| {
        (p.mentions[0].sentence < sentence
            || (p.mentions[0].sentence == sentence && p.mentions[0].trigger.start < at))
            && p.source.is_some()
            && country(&p.source) != me
            && of_kind(p)
    };
    events[..k]
        .iter()
        .rev()
        .filter(earlier)
        .find(|p| p.modality == Modality::Asserted)
        .or_else(|| events[..k].iter().rev().find(earlier))
        .and_then(|p| p.source.clone())
        .map(|a| ActorRef { span: None, ..a })
}

/// "Iran condemned the strikes": a condemnation or criticism (11x) of an attack the story told
/// is aimed at the attacker, not at the place attacked (whatever else the sentence names). The
/// attack is the last earlier one (18x–20x) with a source of another country; the phrase naming
/// it follows the trigger (`attack_anaphors`).
fn condemned_attackers(lex: &Lexicon, text: &str, events: &mut [Event]) {
    let country =
        |a: &Option<ActorRef>| a.as_ref().and_then(|a| a.code.get(..3)).map(str::to_string);
    for k in 0..events.len() {
        // (Supporting the strikes is aimed at the attacker too.)
        if !(events[k].cameo.starts_with("11") || events[k].cameo.starts_with("05")) {
            continue;
        }
        let m = &events[k].mentions[0];
        // The first words after the verb, quotes dropped: "the strike", "the \"cowardly\"
        // attack", "\"cowardly\" attack" (a headline), "it".
        let after = text_after(text, m, 30);
        let words = first_words(&after, 3);
        let anaphor = |phrase: &str| lex.attack_anaphors.iter().any(|w| w == phrase);
        let pointed = match words.as_slice() {
            [a, b, c, ..] => {
                anaphor(&format!("{a} {b}"))
                    || anaphor(&format!("{a} {c}"))
                    || anaphor(&format!("the {b}"))
                    || anaphor(&format!("the {a}"))
                    || anaphor(a)
            }
            [a, b] => anaphor(&format!("{a} {b}")) || anaphor(&format!("the {b}")) || anaphor(a),
            [a] => anaphor(a),
            [] => false,
        };
        if !pointed {
            continue;
        }
        // (An embassy stormed, 171, is "the raid" too.)
        let attack = |p: &Event| matches!(p.cameo.get(..2), Some("17" | "18" | "19" | "20"));
        if let Some(attacker) = doer_before(events, k, attack) {
            events[k].target = Some(attacker);
        }
    }
    // "vowed to retaliate for air strikes that it said were carried out by Pakistani jets": a
    // threat (13x) with no target of its own is aimed at the attacker its sentence names.
    for k in 0..events.len() {
        if !events[k].cameo.starts_with("13") || events[k].target.is_some() {
            continue;
        }
        let sentence = events[k].mentions[0].sentence;
        let me = country(&events[k].source);
        let attacker = events
            .iter()
            .filter(|p| {
                p.mentions[0].sentence == sentence
                    && matches!(p.cameo.get(..2), Some("18" | "19" | "20"))
                    && p.source.is_some()
                    && country(&p.source) != me
            })
            .find_map(|p| p.source.clone());
        if let Some(a) = attacker {
            events[k].target = Some(ActorRef { span: None, ..a });
        }
    }
}

fn answer_accusers(events: &mut [Event]) {
    let country = |a: &Option<ActorRef>| {
        a.as_ref()
            .and_then(|a| a.code.get(..3))
            .filter(|c| !c.starts_with('-'))
            .map(str::to_string)
    };
    for k in 0..events.len() {
        let e = &events[k];
        let answers = e.cameo == "016" || e.cameo.starts_with("12");
        // A denial answers its accuser even when it names what it denies ("Tehran denies
        // arming the Houthis" answers Washington, not the Houthis).
        let denial = e.cameo == "016";
        if !answers || (e.target.is_some() && !denial) {
            continue;
        }
        let Some(me) = country(&e.source) else {
            continue;
        };
        let sentence = e.mentions[0].sentence;
        let at = e.mentions[0].trigger.start;
        // (Earlier in the story, or earlier in the same sentence: "Islamabad accuses the
        // Taliban of …, a charge Kabul denies".)
        let earlier = || {
            events[..k]
                .iter()
                .rev()
                .filter(|p| {
                    p.mentions[0].sentence < sentence
                        || (p.mentions[0].sentence == sentence && p.mentions[0].trigger.start < at)
                })
                .filter(|p| country(&p.source).is_some_and(|c| c != me))
        };
        let accusing = |p: &&Event| matches!(p.cameo.get(..2), Some("10" | "11" | "14"));
        let at_me = |p: &&Event| country(&p.target).as_deref() == Some(me.as_str());
        // An accusation, demand or protest aimed at this actor; else an accusation whose target
        // went unnamed ("accusing the militant group of reneging"); else whoever last acted on
        // this actor.
        // (A denial that names its object answers only someone who accused this very actor;
        // with no accuser it has no target: what it denies is no party to it.)
        let named = e.target.is_some();
        // (An attack by this actor that its victim reports is an accusation too: "Guyana said
        // its soldiers had been fired on from the Venezuelan side. Venezuela denied …")
        let mine = |a: &Option<ActorRef>| country(a).as_deref() == Some(me.as_str());
        let reported_attack = |p: &Event| {
            denial
                && p.modality == Modality::Reported
                && matches!(p.cameo.get(..2), Some("18" | "19" | "20"))
                && mine(&p.source)
                && country(&p.target).is_some_and(|c| c != me)
        };
        let accuser = events[..k]
            .iter()
            .rev()
            .filter(|p| {
                p.mentions[0].sentence < sentence
                    || (p.mentions[0].sentence == sentence && p.mentions[0].trigger.start < at)
            })
            .find(|p| (accusing(p) && at_me(p) && !mine(&p.source)) || reported_attack(p))
            .and_then(|p| {
                if reported_attack(p) {
                    p.target.clone()
                } else {
                    p.source.clone()
                }
            })
            .or_else(|| {
                earlier()
                    .filter(|_| !named)
                    .find(|p| p.cameo.starts_with("11") && p.target.is_none())
                    .or_else(|| earlier().filter(|_| !named).find(at_me))
                    .and_then(|p| p.source.clone())
            });
        if let Some(a) = accuser {
            let a = ActorRef { span: None, ..a };
            // "Phnom Penh denied planting new mines and downgraded its ties in response": a
            // hostile act of the same actor later in the sentence answers the same accuser.
            let trigger = events[k].mentions[0].trigger.start;
            let source = events[k].source.as_ref().map(|x| x.code.clone());
            for later in events[k + 1..].iter_mut() {
                let m = &later.mentions[0];
                if m.sentence == sentence
                    && m.trigger.start > trigger
                    && later.target.is_none()
                    && later.source.as_ref().map(|x| x.code.clone()) == source
                    && matches!(later.cameo.get(..2), Some("11" | "12" | "13" | "16" | "17"))
                {
                    later.target = Some(a.clone());
                }
            }
            events[k].target = Some(a);
        } else if denial {
            // A denial whose accuser the story does not name answers nobody it names: what it
            // denies ("denied supplying Moscow with weapons") is no party to it.
            events[k].target = None;
        }
    }
}

/// Clause bounds `[a, b)` around token `i`: cut at clause breaks and at complementisers after
/// speech verbs.
fn clause(s: &Sent, lex: &Lexicon, i: usize) -> (usize, usize) {
    let n = s.words.len();
    let is_break = |k: usize| {
        let w = s.words[k].as_str();
        k == s.tail
            || lex.breaks.contains(w)
            || (lex.speech.contains(w) && s.toks[k].pos.is_verb())
            || matches!(w, "that" | "how" | "which" | "who" | "whom" | ":")
            || (w == ","
                && s.words
                    .get(k + 1)
                    .is_some_and(|n| matches!(n.as_str(), "as" | "saying" | "adding")))
    };
    let mut a = i;
    loop {
        while a > 0 && !is_break(a - 1) {
            a -= 1;
        }
        // A relative clause set off by commas (", which backs the rebels ,") sits inside the
        // clause it comments on: the clause goes on before it ("Turkey, which …, called on").
        let rel = a >= 2
            && matches!(s.words[a - 1].as_str(), "which" | "who")
            && s.words[a - 2] == ","
            && (a..i).any(|k| s.words[k] == ",");
        if !rel {
            break;
        }
        a -= 2;
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
    let a = a.max(s.lead.min(i));
    // A relative clause between commas before the trigger ("…, which was not invited,
    // criticised …") says nothing of the trigger's own modality.
    let mut a = a;
    if let Some(c2) = (a..i).rev().find(|&k| s.words[k] == ",") {
        let rel = (a..c2).rev().find(|&k| {
            matches!(s.words[k].as_str(), "which" | "who") && k > 0 && s.words[k - 1] == ","
        });
        if rel.is_some() {
            a = c2 + 1;
        }
    }
    // A finite verb after "and" starts its own predicate: the modal of the one before does not
    // reach it ("said it would respond … and summoned the ambassador").
    // So does a new subject after ", and": "Belgrade does not recognise it, and the US and the
    // EU have urged …"; "… would take the matter to the UN and had placed its forces on alert".
    let perfect = s.toks[i].pos == Pos::VBN
        && i > 0
        && matches!(s.words[i - 1].as_str(), "has" | "have" | "had");
    if matches!(s.toks[i].pos, Pos::VBD | Pos::VBZ) || perfect {
        let verb_start = if perfect { i - 1 } else { i };
        let starts_predicate = |k: usize| {
            let between = k + 1..verb_start;
            let adverbs = between.clone().all(|x| s.toks[x].pos == Pos::RB);
            let new_subject = k > 0
                && s.words[k - 1] == ","
                && between.clone().count() <= 8
                && between
                    .clone()
                    .all(|x| !s.toks[x].pos.is_verb() && s.words[x] != "to");
            adverbs || new_subject
        };
        if let Some(k) = (a..verb_start)
            .rev()
            .filter(|&k| matches!(s.words[k].as_str(), "and" | "but"))
            .find(|&k| starts_predicate(k))
        {
            a = k + 1;
        }
        // So does a clause of time or cause with its own tensed verb: "would increase its
        // presence after he spoke with Stubb" (the talk happened). ("if", "unless", "whether"
        // keep their condition.)
        if let Some(k) = (a..verb_start).rev().find(|&k| {
            lex.subordinators.contains(s.words[k].as_str())
                && !matches!(s.words[k].as_str(), "if" | "whether" | "once" | "until")
                && verb_start - k <= 6
                && (k + 1..verb_start).all(|x| !s.toks[x].pos.is_verb())
        }) {
            a = k + 1;
        }
    }
    // Words of a time expression are no cues ("in May" is no modal).
    let in_time = |k: usize| s.times.iter().any(|(f, e, _)| *f <= k && k < *e);
    let cue_words = |from: usize, to: usize| -> Vec<String> {
        (from..to)
            .filter(|&k| !in_time(k))
            .map(|k| s.words[k].clone())
            .collect()
    };
    let before = &cue_words(a, i)[..];
    let after = &cue_words(i + 1, b)[..];
    let has = |set: &HashSet<String>, ws: &[String]| ws.iter().any(|w| set.contains(w.as_str()));
    let near_before = &s.words[a.max(i.saturating_sub(4))..i];
    // "denied that …", "refused claims that …": the whole complement clause is negated.
    // ("denied a media report that …", "rejected claims that …": the same through a noun that
    // names what is denied.)
    let negated_complement = a >= 2
        && s.words[a - 1] == "that"
        && (lex.negated.contains(s.words[a - 2].as_str())
            || (lex.denied_nouns.contains(s.words[a - 2].as_str())
                && s.words[a.saturating_sub(6)..a - 2]
                    .iter()
                    .any(|w| lex.negated.contains(w.as_str()))));
    if has(&lex.negated, near_before)
        || (noun && has(&lex.negated, before))
        || negated_complement
        || negating_phrase(s, lex, i)
        || refused_chain(s, lex, i)
    {
        return Modality::Negated;
    }
    // "accused Serbia of arming the gunmen", "blamed Iran for attacking …": what an accuser
    // says the accused did is the accuser's claim.
    if accused_act(s, lex, a, i) {
        return Modality::Reported;
    }
    if has(&lex.uncertain, before) {
        return Modality::Uncertain;
    }
    // What someone wants, asks or urges another to do has not happened: "urged Iran to return
    // to talks", "wants Putin to attack".
    if desired(s, lex, a, i) {
        return Modality::Hypothetical;
    }
    // The topic of a discussion has not happened: "met … to discuss efforts to counter
    // Islamic State".
    if i >= 1
        && s.words[i - 1] == "to"
        && s.words[a.max(i.saturating_sub(6))..i]
            .iter()
            .any(|w| lex.discussion.contains(w.as_str()))
    {
        return Modality::Hypothetical;
    }
    if has(&lex.hypothetical, before) || after.iter().any(|w| w == "if") {
        return Modality::Hypothetical;
    }
    // ("near"/"close" is a plan only for what is near: "near a deal", "close to an agreement",
    // not "ambushed near the village".)
    let planned_cue = (a..i).filter(|&k| !in_time(k)).any(|k| {
        let w = s.words[k].as_str();
        lex.planned.contains(w)
            && (!matches!(w, "near" | "nearing" | "close" | "closer")
                || s.words.get(k + 1).is_some_and(|n| {
                    matches!(n.as_str(), "a" | "an" | "to") || lex.nouns.contains_key(n)
                }))
    });
    if planned_cue || planned_infinitive(s, a, i) {
        return Modality::Planned;
    }
    if has(&lex.reported, near_before) {
        return Modality::Reported;
    }
    // Progressive/present of a planning verb governing a noun ("preparations were being made
    // for talks") is planned; a past-tense verb trigger is asserted.
    Modality::Asserted
}

/// The verb at `i` is an infinitive under a refused or negated verb, through a chain of
/// infinitives ("refused to allow the envoy to meet Suu Kyi", "did not agree to let monitors
/// visit"): it did not happen. Read from the parse; `false` without one.
fn refused_chain(s: &Sent, lex: &Lexicon, i: usize) -> bool {
    // "refused to allow the envoy, …, to meet Suu Kyi" (the parse often hangs the second
    // infinitive on the envoy): a refused permission covers the infinitive it lets happen.
    let refused_permission = i >= 2
        && s.words[i - 1] == "to"
        && (i.saturating_sub(20)..i.saturating_sub(3)).any(|r| {
            lex.refusal_verbs.contains(s.words[r].as_str())
                && s.words[r + 1] == "to"
                && lex.permission.contains(s.words[r + 2].as_str())
        });
    if refused_permission {
        return true;
    }
    if s.children.is_empty() {
        return false;
    }
    let mut v = i;
    for _ in 0..4 {
        // Only an infinitive ("to allow", "to meet") hangs on the refusal.
        let infinitive = v > 0 && s.words[v - 1] == "to" && s.toks[v].pos == Pos::VB;
        if !infinitive || !matches!(s.toks[v].dep, Dep::Xcomp | Dep::Ccomp) {
            return false;
        }
        let h = s.toks[v].head as usize;
        if h >= s.toks.len() {
            return false;
        }
        let negated_head = s.children[h]
            .iter()
            .any(|&c| matches!(s.words[c].as_str(), "not" | "n't" | "never"));
        if lex.refusal_verbs.contains(s.words[h].as_str()) || negated_head {
            return h != i;
        }
        v = h;
    }
    false
}

/// Token `k` is in the "of …" or "for …" complement of an accusing verb before it in its clause
/// ("accused France of seeking to intervene", "blamed Iran for the attack").
fn accused_act(s: &Sent, lex: &Lexicon, a: usize, k: usize) -> bool {
    (a.max(k.saturating_sub(12))..k)
        .filter(|&d| lex.accusing.contains(s.words[d].as_str()) && s.toks[d].pos.is_verb())
        .any(|d| (d + 1..k).any(|j| matches!(s.words[j].as_str(), "of" | "for")))
}

/// Token `k` is (in) what a verb of wanting or asking asks for: a desire verb within ten words
/// before it, then "to" and a verb ("urged Iran to return to talks", "wants Putin to attack").
fn desired(s: &Sent, lex: &Lexicon, a: usize, k: usize) -> bool {
    let near = (a.max(k.saturating_sub(10))..k)
        .filter(|&d| lex.desire.contains(s.words[d].as_str()) && s.toks[d].pos.is_verb())
        .any(|d| {
            (d + 1..k)
                .any(|j| s.words[j] == "to" && s.toks.get(j + 1).is_some_and(|t| t.pos == Pos::VB))
        });
    // "urged Sharaa to join the Abraham Accords … and to deport militants": an infinitive
    // coordinated with a wanted one is wanted too, however far its verb.
    let mut v = k;
    for _ in 0..3 {
        if s.toks[v].dep != Dep::Conj || s.toks[v].head as usize >= s.toks.len() {
            break;
        }
        v = s.toks[v].head as usize;
    }
    let by_parse = v != k
        && s.toks[v].dep == Dep::Xcomp
        && (s.toks[v].head as usize) < s.toks.len()
        && lex
            .desire
            .contains(s.words[s.toks[v].head as usize].as_str());
    near || by_parse
}

/// The verb at `i` is hypothetical only because an "if" follows it in its clause.
fn only_conditional(s: &Sent, lex: &Lexicon, i: usize) -> bool {
    let (a, b) = clause(s, lex, i);
    !s.words[a..i]
        .iter()
        .any(|w| lex.hypothetical.contains(w.as_str()))
        && s.words[i + 1..b].iter().any(|w| w == "if")
}

/// "Armenia and Azerbaijan to hold talks" (a headline's future), "the minister is to visit":
/// the verb at `v` follows "to" with no finite verb before it in its clause but a form of "be".
fn planned_infinitive(s: &Sent, a: usize, v: usize) -> bool {
    if v == 0 || s.words[v - 1] != "to" || s.toks[v].pos != Pos::VB {
        return false;
    }
    let be = |k: usize| matches!(s.words[k].as_str(), "is" | "are" | "was" | "were");
    // The subject ends right before "to" (or "is to"): "Armenia and Azerbaijan to hold …",
    // not "moves to repair relations".
    let subject_end = if v >= 3 && be(v - 2) { v - 2 } else { v - 1 };
    (a..v - 1).all(|k| {
        let finite = s.toks[k].pos.is_finite();
        !finite || (be(k) && k + 2 == v)
    }) && s
        .actors
        .iter()
        .any(|x| x.end == subject_end && x.first >= a)
}

/// A phrase that calls off what follows ("ruled out direct talks", "called off the summit")
/// ends within the six words before `k`.
fn negating_phrase(s: &Sent, lex: &Lexicon, k: usize) -> bool {
    let from = k.saturating_sub(6);
    lex.negating_phrases.iter().any(|p| {
        (from..k).any(|e| {
            e + 1 >= p.len()
                && e + 1 - p.len() >= from
                && s.words[e + 1 - p.len()..=e]
                    .iter()
                    .zip(p)
                    .all(|(w, x)| w == x)
        })
    })
}

/// The time expression closest to token `i` in its clause.
fn date_of(s: &Sent, lex: &Lexicon, i: usize) -> Option<String> {
    let (a, b) = clause(s, lex, i);
    // "the 2015 nuclear deal", "the 2019 election": a date modifying a noun dates that noun,
    // not the clause's act.
    let modifier = |f: usize, e: usize| {
        f > 0
            && matches!(s.toks[f - 1].pos, Pos::DT | Pos::PRPS)
            && s.toks.get(e).is_some_and(|t| {
                matches!(t.pos, Pos::JJ | Pos::NN | Pos::NNS | Pos::NNP | Pos::NNPS)
            })
    };
    // A time across a subordinating word belongs to the other clause: "broke off relations on
    // Saturday after its embassy was stormed … late on Friday".
    let across = |f: usize, e: usize| {
        let between = if f > i { i + 1..f } else { e..i };
        between
            .into_iter()
            .any(|k| lex.subordinators.contains(s.words[k].as_str()))
    };
    s.times
        .iter()
        // A duration ("for 30 days", "in three years", P30D) is no date.
        .filter(|(f, e, v)| *f >= a && *e <= b && !modifier(*f, *e) && !v.starts_with('P'))
        .min_by_key(|(f, e, _)| {
            let d = if *f > i { f - i } else { i.saturating_sub(*e) };
            (across(*f, *e), d)
        })
        .map(|t| t.2.clone())
        // (Nor a recurring or unanchored time, "every evening" XXXX-XX-XXTEV.)
        .filter(|v| !v.ends_with("_REF") && !v.starts_with("XXXX"))
}

/// The date of a noun trigger: a time expression inside its noun phrase or right after it
/// ("a meeting last week", "Friday's talks").
fn noun_date(s: &Sent, i: usize) -> Option<String> {
    let st = np_start(s, i);
    s.times
        .iter()
        .find(|(f, e, v)| ((*f >= st && *e <= i) || (*f > i && *f <= i + 2)) && !v.starts_with('P'))
        .map(|t| t.2.clone())
        .filter(|v| !v.ends_with("_REF") && !v.starts_with("XXXX"))
}

/// An asserted event inside someone's quote is only that source's claim — reported — unless the
/// speaker is one of the parties (a government confirming its own talks), and not the target
/// of a concession (08x) it tells of. An attack (18x–20x)
/// told only in a party's own words stays that party's claim ("the Houthis said they had
/// launched drones", "the ministry said air defences had destroyed 50 drones").
fn attribute(
    s: &Sent,
    speakers: &[(Span, Option<Actor>)],
    i: usize,
    m: Modality,
    src: &Actor,
    tgt: Option<&Actor>,
    code: &str,
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
            let violent = matches!(code.get(..2), Some("18" | "19" | "20"));
            // (That the other side gave in — yielded, eased, withdrew (08x) — told only by the
            // side it favours is that side's claim: "Petro wrote that Washington had accepted
            // his demand".)
            let conceded = code.starts_with("08") && c != country(&src.code);
            if violent || conceded {
                Modality::Reported
            } else if c == country(&src.code) || tgt.is_some_and(|t| country(&t.code) == c) {
                m
            } else {
                Modality::Reported
            }
        }
    }
}

/// The clause `a..i` opens with a personal pronoun, after "that", a time expression, adverbs or
/// commas ("said today it had expelled", "said that on Monday they would").
fn opens_with_pronoun(s: &Sent, a: usize, i: usize) -> bool {
    let in_time = |k: usize| s.times.iter().any(|(f, e, _)| *f <= k && k < *e);
    (a..i)
        .find(|&k| {
            !(s.words[k] == "that"
                || s.words[k] == ","
                || in_time(k)
                || matches!(s.toks[k].pos, Pos::RB | Pos::IN) && in_time(k + 1))
        })
        .is_some_and(|k| {
            matches!(
                s.words[k].as_str(),
                "it" | "they" | "he" | "she" | "we" | "its" | "their" | "his" | "her"
            )
        })
}

fn actor_ref(a: &Actor) -> ActorRef {
    // An actor the sentence does not name (the story's parties) has no entity and no words.
    let named = !a.entity.is_empty();
    ActorRef {
        code: a.code.clone(),
        entity: named.then(|| a.entity.clone()),
        name: Some(a.name.clone()),
        span: named.then_some(a.span),
    }
}

/// Two actors joined by "and" / "-" (or "X and Y's"), starting at actor `k`.
fn pair_from(s: &Sent, k: usize) -> Option<(usize, usize)> {
    let a = s.actors.get(k)?;
    let b = s.actors.get(k + 1)?;
    // Overlapping mentions (a title actor inside a name's span) are no pair.
    let gap = s.words.get(a.end..b.first)?;
    let gap: Vec<&str> = gap.iter().map(String::as_str).collect();
    matches!(gap.as_slice(), ["and"] | ["-"] | ["–"] | ["and", "the"]).then_some((k, k + 1))
}

fn code_sentence(
    s: &Sent,
    lex: &Lexicon,
    dict: &VerbDict,
    speakers: &[(Span, Option<Actor>)],
    out: &mut Vec<Event>,
) {
    let from = out.len();
    code_triggers(s, lex, dict, speakers, out);
    claims_of_force(out, from);
    prune_sentence(s, out, from);
}

/// "The US claimed that ISIL had attacked Iraq": a disapproval (110) whose target the same
/// sentence reports using force (17x–20x) accuses it of that force (112).
fn claims_of_force(out: &mut [Event], from: usize) {
    let code = |a: &Option<ActorRef>| a.as_ref().map(|x| x.code.clone());
    for k in from..out.len() {
        if out[k].cameo != "110" || out[k].target.is_none() {
            continue;
        }
        let (at, target) = (out[k].mentions[0].trigger.start, code(&out[k].target));
        let forceful = out[from..].iter().any(|e| {
            e.modality == Modality::Reported
                && e.mentions[0].trigger.start > at
                && matches!(e.cameo.get(..2), Some("17" | "18" | "19" | "20"))
                && code(&e.source) == target
        });
        if forceful {
            out[k].cameo = "112".to_string();
        }
    }
}

/// One telling per act in a sentence: of two events close together with the same source, the
/// same CAMEO root and the same target (or none), the one with the more specific code (then the one with a
/// target, then the first) stays: "ordered an investigation against Iran" is one 09x event, not
/// a verb event and a noun event. An intent verb's own 030 ("pledged to expel") gives way to
/// the coded infinitive after it. One-sided events of an actor give way to a dyadic event of the same actor.
fn prune_sentence(s: &Sent, out: &mut Vec<Event>, from: usize) {
    let code_of = |a: &Option<ActorRef>| a.as_ref().map(|x| x.code.clone());
    let trig = |e: &Event| e.mentions[0].trigger;
    let tok_of = |c: usize| s.toks.partition_point(|t| t.span.end <= c);
    let evs: Vec<Event> = out.drain(from..).collect();
    let mut keep = vec![true; evs.len()];
    for x in 0..evs.len() {
        for y in 0..evs.len() {
            if x == y || !keep[y] {
                continue;
            }
            let (e, f) = (&evs[x], &evs[y]);
            if code_of(&e.source) != code_of(&f.source) {
                continue;
            }
            if e.cameo == "030" && matches!(e.modality, Modality::Planned | Modality::Asserted) {
                let (te, tf) = (tok_of(trig(e).start), tok_of(trig(f).start));
                // (Any coded infinitive: "pledged to expel" is the threat 137, not also 030.)
                if tf > te && tf <= te + 3 {
                    keep[x] = false;
                    break;
                }
            }
            let same_root = e.cameo.get(..2) == f.cameo.get(..2);
            let covered = e.target.is_none() || code_of(&e.target) == code_of(&f.target);
            // Two tellings of one act sit next to each other (a verb and its object noun).
            let near = tok_of(trig(e).start).abs_diff(tok_of(trig(f).start)) <= 4;
            if !same_root || !covered || !near || e.date != f.date {
                continue;
            }
            let rank = |g: &Event| (g.cameo.len(), !g.cameo.ends_with('0'), g.target.is_some());
            if rank(f) > rank(e) || (rank(f) == rank(e) && y < x) {
                keep[x] = false;
                break;
            }
        }
    }
    // A sentence coding a dyad says what its actors do: their one-sided events are mostly
    // subordinate verbs ("met … to discuss", "attacked …, killing").
    let sides: Vec<String> = evs
        .iter()
        .zip(&keep)
        .filter(|(e, k)| **k && e.target.is_some())
        .flat_map(|(e, _)| [code_of(&e.source), code_of(&e.target)])
        .flatten()
        .collect();
    // With a parse, only a subordinate verb gives way; a main or coordinated verb is an act of
    // its own ("rejected the accusation and called on Baku to …").
    let subordinate = |e: &Event| {
        let t = tok_of(trig(e).start);
        s.children.is_empty()
            || !s.toks[t].pos.is_verb()
            || matches!(
                s.toks[t].dep,
                Dep::Advcl | Dep::Xcomp | Dep::Acl | Dep::AclRelcl | Dep::Ccomp | Dep::Amod
            )
    };
    for (k, e) in keep.iter_mut().zip(&evs) {
        if e.target.is_none()
            && code_of(&e.source).is_some_and(|c| sides.contains(&c))
            && subordinate(e)
        {
            *k = false;
        }
    }
    // "would not recognise Maduro's victory and recalled its ambassador for consultations",
    // "denied the charge and downgraded its ties": a coordinated verb of the same actor with no
    // party of its own acts on the first verb's.
    let mut evs = evs;
    if !s.children.is_empty() {
        for x in 0..evs.len() {
            if !keep[x] || evs[x].target.is_some() || evs[x].source.is_none() {
                continue;
            }
            let t = tok_of(trig(&evs[x]).start);
            if s.toks[t].dep != Dep::Conj || !s.toks[t].pos.is_verb() {
                continue;
            }
            let h = s.toks[t].head as usize;
            let first = (0..evs.len()).find(|&y| {
                keep[y]
                    && y != x
                    && tok_of(trig(&evs[y]).start) == h
                    && code_of(&evs[y].source) == code_of(&evs[x].source)
                    && evs[y].target.is_some()
            });
            if let Some(y) = first {
                let (target, span) = (evs[y].target.clone(), evs[y].mentions[0].target);
                evs[x].target = target;
                evs[x].mentions[0].target = span;
            }
        }
    }
    out.extend(
        evs.into_iter()
            .zip(keep)
            .filter_map(|(e, k)| k.then_some(e)),
    );
}

fn code_triggers(
    s: &Sent,
    lex: &Lexicon,
    dict: &VerbDict,
    speakers: &[(Span, Option<Actor>)],
    out: &mut Vec<Event>,
) {
    let n = s.words.len();
    let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
    let from = out.len();
    // The participle of an agent-noun event ("attack launched by Tehran"): no event of its own.
    let mut agent_participle: Option<usize> = None;
    let mut i = 0;
    while i < n {
        if agent_participle == Some(i) {
            i += 1;
            continue;
        }
        let mut pos = s.toks[i].pos;
        // A verb the tagger read as a noun between a name and its object: "The Houthis hit
        // Saudi Arabia", "Israel bombs Gaza". A dictionary verb in that place is the verb.
        if matches!(pos, Pos::NN | Pos::NNS)
            && i > 0
            && matches!(s.toks[i - 1].pos, Pos::NNP | Pos::NNPS)
            && s.actors.iter().any(|a| a.end == i)
            && s.toks
                .get(i + 1)
                .is_some_and(|t| matches!(t.pos, Pos::NNP | Pos::NNPS | Pos::DT | Pos::PRPS))
            && s.actors
                .iter()
                .any(|a| a.first == i + 1 || a.first == i + 2)
            && dict.lookup(words[i]).is_some()
        {
            pos = Pos::VBD;
        }
        // "Blinken spoke by phone with …": a past form right after a name that opens the
        // sentence, before a preposition, is that name's verb.
        if pos == Pos::NN
            && i > 0
            && s.actors.iter().any(|a| {
                // (the name may start with a particle the recogniser left out: "Von der Leyen")
                a.end == i && a.first <= 3 && (0..a.first).all(|k| !s.toks[k].pos.is_verb())
            })
            && s.toks.get(i + 1).is_some_and(|t| t.pos == Pos::IN)
            && (words[i].ends_with("ed") || lex.irregular_past.contains(words[i]))
            && dict.lookup(words[i]).is_some()
        {
            pos = Pos::VBD;
        }
        // Noun triggers (longest first).
        let mut noun_hit = None;
        // "a meeting", "the bombing": a gerund after a determiner is a noun.
        if pos == Pos::VBG && i > 0 && matches!(s.toks[i - 1].pos, Pos::DT | Pos::PRPS | Pos::JJ) {
            pos = Pos::NN;
        }
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
            // A noun modifying the next one is not the event: "an arrest warrant", "sanctions
            // relief", "the protest movement".
            // (A trigger ending in its preposition, "strikes on", is followed by its target.)
            if s.toks[last].pos.is_noun()
                && s.toks
                    .get(last + 1)
                    .is_some_and(|t| matches!(t.pos, Pos::NN | Pos::NNS))
            {
                i += len;
                continue;
            }
            // "lifted the curfew" is the lifting, "ratified an agreement" the ratification:
            // the object of a verb that was coded is no second event. (A verb that adopts its
            // object, "signed an agreement", "staged demonstrations", codes it as the noun.)
            // (A noun naming its parties with "between" is another event: "host talks between
            // Russia and Ukraine".)
            let st = np_start(s, i);
            let between = (last + 1..n.min(last + 6)).any(|k| s.words[k] == "between");
            let verb_coded = st > 0
                && out[from..]
                    .iter()
                    .any(|e| e.mentions[0].trigger.start == s.toks[st - 1].span.start);
            if verb_coded && !between {
                i += len;
                continue;
            }
            if let Some(ev) = noun_event(s, lex, speakers, i, last, &code, sym) {
                out.push(ev);
            } else if let Some(ev) = sym
                .then(|| setting_event(s, i, &code, &out[from..]))
                .flatten()
            {
                out.push(ev);
            } else if !sym {
                // The noun is an event of its own only under a verb that says nothing by
                // itself ("imposed a curfew", "staged demonstrations"), or with a participle
                // that names its agent ("an attack launched by Tehran").
                if let Some(ev) = object_noun_event(s, lex, i, last, &code) {
                    out.push(ev);
                } else if let Some((ev, k)) = agent_noun_event(s, lex, speakers, last, &code) {
                    out.push(ev);
                    agent_participle = Some(k);
                }
            }
            i += len;
            continue;
        }
        if lex.mediation_participles.contains(words[i]) && words.get(i + 1) == Some(&"by") {
            if let Some(found) = mediation_events(s, lex, i) {
                out.extend(found);
                i += 1;
                continue;
            }
        }
        if lex.response_verbs.contains(words[i]) && pos.is_verb() {
            if let Some(ev) = response_threat(s, lex, i) {
                out.push(ev);
                i += 1;
                continue;
            }
        }
        if matches!(words[i], "had" | "has" | "have")
            && lex
                .involvement_denials
                .iter()
                .any(|p| phrase_at(&s.words, i + 1, p))
        {
            if let Some(ev) = involvement_denial(s, speakers, i) {
                out.push(ev);
                i += 1;
                continue;
            }
        }
        if lex
            .expulsion_phrases
            .iter()
            .any(|p| phrase_at(&s.words, i, p))
        {
            if let Some(ev) = expulsion_event(s, lex, speakers, i) {
                out.push(ev);
                i += 1;
                continue;
            }
        }
        let comment_phrase = lex
            .no_comment_phrases
            .iter()
            .any(|p| phrase_at(&s.words, i, p));
        if comment_phrase || lex.no_comment_verbs.contains(words[i]) {
            if let Some(ev) = no_comment_event(s, lex, i, comment_phrase) {
                out.push(ev);
                i += 1;
                continue;
            }
        }
        if pos.is_verb() && lex.evaluation_verbs.contains(words[i]) {
            if let Some(ev) = evaluation_event(s, lex, i) {
                out.push(ev);
                i += 1;
                continue;
            }
        }
        if pos.is_verb() && (lex.speech.contains(words[i]) || lex.ruling.contains(words[i])) {
            if let Some(ev) = demand_event(s, lex, speakers, i) {
                out.push(ev);
            }
        }
        // A present-tense "verb" right before a modal or a finite verb is a noun the tagger
        // misread: "US-Russia contacts would focus …".
        // So is one right after a determiner or inside a prepositional phrase: "the targets",
        // "strikes on Houthi targets in Yemen".
        let in_phrase = |k: usize| {
            k >= 1
                && (matches!(s.toks[k - 1].pos, Pos::IN | Pos::DT)
                    || (k >= 2
                        && matches!(s.toks[k - 1].pos, Pos::NNP | Pos::NNPS | Pos::JJ)
                        && s.toks[k - 2].pos == Pos::IN
                        // (not a conjunction opening a clause: "before Sarkozy heads to …")
                        && !lex.subordinators.contains(s.words[k - 2].as_str())))
        };
        let noun_misread = matches!(pos, Pos::VBZ | Pos::VBP)
            && (s
                .toks
                .get(i + 1)
                .is_some_and(|t| matches!(t.pos, Pos::MD | Pos::VBD | Pos::VBZ | Pos::VBP))
                || in_phrase(i)
                // ("press secretary Karoline Leavitt": the first word of a title before a name.)
                || (s.toks.get(i + 1).is_some_and(|t| t.pos == Pos::NN)
                    && s.toks.get(i + 2).is_some_and(|t| t.pos == Pos::NNP))
                // ("requires Israeli forces to withdraw": the head of an actor's own phrase.)
                || s.actors.iter().any(|a| a.first < i && i < a.end));
        // A participle modifying a noun ("sweeping sanctions") is no verb.
        // (The parser also reads "The US presented evidence" as a noun phrase: a past
        // participle counts as adjectival only after a determiner or an adjective.)
        let adjectival = (matches!(s.toks[i].dep, Dep::Amod | Dep::Compound)
            && (pos == Pos::VBG
                || i > 0 && matches!(s.toks[i - 1].pos, Pos::DT | Pos::JJ | Pos::PRPS | Pos::CD)
))
            // "fired on vehicles approaching restricted areas": a participle describing the
            // object of a preposition that no actor names does nothing a record could say.
            || (pos == Pos::VBG
                && s.toks[i].dep == Dep::Acl
                && (s.toks[i].head as usize) < s.toks.len()
                && matches!(
                    s.toks[s.toks[i].head as usize].dep.universal(),
                    Dep::Obl | Dep::Nmod
                )
                && !s.actors.iter().any(|a| {
                    let h = s.toks[i].head as usize;
                    a.first <= h && h < a.end
                }))
            // "endorsed sweeping economic sanctions": a participle between a verb and its
            // object's modifiers.
            // ("released jailed opposition figures": a participle right after a verb, before
            // its object's modifiers.)
            || (pos == Pos::VBN
                && i > 0
                && matches!(s.toks[i - 1].pos, Pos::VBD | Pos::VBZ | Pos::VBP)
                && !matches!(
                    words[i - 1],
                    "was" | "were" | "is" | "are" | "has" | "have" | "had" | "gets" | "got"
                )
                && s.toks
                    .get(i + 1)
                    .is_some_and(|t| matches!(t.pos, Pos::JJ | Pos::NN | Pos::NNS)))
            // ("was suspending ties" is the progressive.)
            || (pos == Pos::VBG
                && i > 0
                && s.toks[i - 1].pos.is_verb()
                && !matches!(
                    words[i - 1],
                    "is" | "are" | "was" | "were" | "be" | "been" | "being" | "'s" | "'re" | "am"
                )
                && s.toks
                    .get(i + 1)
                    .is_some_and(|t| matches!(t.pos, Pos::JJ | Pos::NN | Pos::NNS)));
        // "a Kenyan-led force", "an Iran-backed militia": the second half of a hyphenated
        // compound is an adjective, not a verb.
        let adjectival = adjectival
            || (i > 0
                && words[i - 1] == "-"
                && s.toks[i - 1].span.end == s.toks[i].span.start
                && i > 1
                && s.toks[i - 2].span.end == s.toks[i - 1].span.start);
        // "endorsed sweeping sanctions against Belarus", "announced a suspension of flights":
        // a verb that adopts what its object names codes as that object (the parse's object).
        if pos.is_verb() && !adjectival && lex.adopting.contains(words[i]) {
            let object = s
                .children
                .get(i)
                .and_then(|cs| {
                    cs.iter()
                        .find(|&&c| s.toks[c].dep == Dep::Obj)
                        .and_then(|&c| {
                            // (Its compound first: "continued their hunger strike", 142.)
                            let compound = (c > 0)
                                .then(|| format!("{} {}", s.words[c - 1], s.words[c]))
                                .and_then(|w| lex.nouns.get(&w));
                            // (Then with the word after it: "renewed its call for", 020.)
                            let with_next = s
                                .words
                                .get(c + 1)
                                .and_then(|n| lex.nouns.get(&format!("{} {n}", s.words[c])));
                            // (Or a measure of one: "began two days of exercises".)
                            let measured = (s.words.get(c + 1).map(String::as_str) == Some("of"))
                                .then(|| s.words.get(c + 2).and_then(|n| lex.nouns.get(n)))
                                .flatten();
                            compound
                                .or(with_next)
                                .or(measured)
                                .or_else(|| lex.nouns.get(&s.words[c]))
                                .map(|v| v.0.clone())
                        })
                        .or_else(|| {
                            // "Palestinian riots … are still continuing": with no object,
                            // the event noun that is the subject of a verb of going on.
                            let no_object = !cs.iter().any(|&c| s.toks[c].dep == Dep::Obj);
                            (no_object && lex.continuing.contains(words[i]))
                                .then(|| cs.iter().find(|&&c| s.toks[c].dep == Dep::Nsubj))
                                .flatten()
                                .and_then(|&c| lex.nouns.get(&s.words[c]))
                                .map(|v| v.0.clone())
                        })
                })
                .or_else(|| {
                    // Without a usable parse: the head noun of the phrase right after the verb.
                    let mut k = i + 1;
                    while k < n
                        && matches!(
                            s.toks[k].pos,
                            Pos::DT
                                | Pos::JJ
                                | Pos::JJR
                                | Pos::JJS
                                | Pos::VBG
                                | Pos::CD
                                | Pos::PRPS
                        )
                    {
                        k += 1;
                    }
                    // (A time after the noun is no part of it: "reiterated its demand today".)
                    let timed = |j: usize| s.times.iter().any(|(f, e, _)| *f <= j && j < *e);
                    let head = (k < n && s.toks[k].pos.is_noun())
                        && !s
                            .toks
                            .get(k + 1)
                            .is_some_and(|t| matches!(t.pos, Pos::NN | Pos::NNS) && !timed(k + 1));
                    head.then(|| lex.nouns.get(&s.words[k]).map(|v| v.0.clone()))
                        .flatten()
                });
            if let Some(code) = object {
                // "threatened more attacks", "offered support", "pledged aid": a verb of intent
                // adopts its object as what it says will happen — a threat (13x) or an intent
                // (03x), never the attack or the aid itself.
                let code = if lex.intent_words.contains(words[i]) {
                    intent_code(&code).map_or(code, str::to_string)
                } else {
                    code
                };
                out.extend(verb_event(s, lex, speakers, i, &code));
                i += 1;
                continue;
            }
        }
        if pos.is_verb()
            && pos != Pos::MD
            && !lex.speech.contains(words[i])
            && !noun_misread
            && !adjectival
        {
            if let Some(v) = dict.lookup(words[i]) {
                let (a, mut b) = clause(s, lex, i);
                // ("declined to say whether …": the speech verb that ends the clause is still
                // the pattern's word, `* (TO SAY)` 011.)
                if words.get(i + 1) == Some(&"to")
                    && words.get(i + 2).is_some_and(|w| lex.speech.contains(*w))
                {
                    b = b.max(i + 3);
                }
                let is_verb = |k: usize| s.toks[a + k].pos.is_verb();
                if let Some(m) = dict.match_with(v, &words[a..b], i - a, is_verb) {
                    // "Make statement" (010) is what quotes record; a block's generic root
                    // code (x0) with no pattern behind it says too little to be an event.
                    // Meeting verbs are the exception: their block default (040) is the event;
                    // so are conflict verbs (attack → 190), which are rarely vague.
                    // Promising, offering, vowing or agreeing *to* do something is the
                    // intent itself (030), whatever the infinitive codes.
                    let next = words.get(i + 1).copied().unwrap_or("");
                    let intent = m.default
                        && lex.intent_blocks.contains(m.block.as_str())
                        && (next == "to" || (m.block == "AGREE" && matches!(next, "on" | "upon")));
                    let code = if intent { "030" } else { m.code.as_str() };
                    let generic = !intent
                        && !((intends(s, lex, i) || wishes(s, lex, i))
                            && intent_code(&m.code).is_some())
                        && m.default
                        && m.code.len() == 3
                        && m.code.ends_with('0')
                        && m.code.as_str() < "09"
                        && !m.code.starts_with("04")
                        && !lex.coded_defaults.contains(m.block.as_str());
                    // A light verb ("take", "keep", "make") codes only through a pattern.
                    // (A multi-word verb with a noun is its own pattern: "leave office"; not
                    // "going to", "give up".)
                    // (Nor one with its particle: "give up", "take over".)
                    let own_noun = m.words > 0
                        && s.toks
                            .get(i + 1)
                            .is_some_and(|t| matches!(t.pos, Pos::NN | Pos::NNS | Pos::RP));
                    let light = m.default && !own_noun && lex.light.contains(words[i]);
                    // A word of intent outside the intent blocks, before an infinitive, codes
                    // through that infinitive only: "have sworn to fight" is a threat to fight
                    // (1384), not the ALLEGE block's claim (110).
                    // (A threatening verb is the threat itself: "threatened to impose a
                    // curfew", 130.)
                    // (Nor is wanting to do it an appeal: "wants to help Israel" is an intent
                    // to give aid, 033, where "wants Putin to help" asks Putin.)
                    let vow = !intent
                        && ((m.default && lex.intent_words.contains(words[i]))
                            || lex.wish.contains(words[i]))
                        && !m.code.starts_with("13")
                        && next == "to"
                        && s.toks.get(i + 2).is_some_and(|t| t.pos == Pos::VB);
                    if m.code != "010" && !generic && !light && !vow {
                        // "called Putin" is a phone call (the CALL block's default 041); "called
                        // the decision short-sighted" is not.
                        let phone_default = m.default && m.code.starts_with("041");
                        for mut ev in verb_event(s, lex, speakers, i, code) {
                            if phone_default {
                                let called = ev.mentions[0]
                                    .target
                                    .map(|t| s.toks.partition_point(|x| x.span.end <= t.start));
                                if !called.is_some_and(|t| t > i && t <= i + 3) {
                                    continue;
                                }
                                // "called NATO's summit a step towards escalation", "called
                                // Kyiv a threat": naming something, not a phone call.
                                let end = ev.mentions[0]
                                    .target
                                    .map(|t| s.toks.partition_point(|x| x.span.end <= t.end))
                                    .unwrap_or(i);
                                let naming =
                                    s.words.get(end).is_some_and(|w| w == "'s" || w == "'")
                                        || s.toks.get(end).is_some_and(|t| {
                                            matches!(t.pos, Pos::DT | Pos::JJ | Pos::JJS)
                                        });
                                if naming {
                                    continue;
                                }
                            }
                            if m.reversed {
                                std::mem::swap(&mut ev.source, &mut ev.target);
                            }
                            // "arrived in Beijing for talks", "travelled to Kyiv": a traveller's
                            // destination is who is met.
                            if ev.target.is_none()
                                && matches!(m.block.as_str(), "ARRIVE" | "GO_SOMEWHERE")
                                && ev.cameo.starts_with("04")
                            {
                                let mut k = i + 1;
                                if k < n && matches!(words[k], "in" | "to") {
                                    k += 1;
                                    if k < n && words[k] == "the" {
                                        k += 1;
                                    }
                                    let mine = ev.source.as_ref().and_then(|a| a.code.get(..3));
                                    if let Some(place) = s.actors.iter().find(|a| {
                                        a.first == k && a.code.get(..3) != mine && !a.person
                                    }) {
                                        ev.target = Some(actor_ref(place));
                                    }
                                }
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

/// "a deal brokered by the United States and France", "talks mediated by the African Union":
/// mediation (045) by each named broker after the participle at `i` toward the story's sides.
/// `None` when no broker or no sides are named; a broker of a side's own country mediates nothing.
fn mediation_events(s: &Sent, lex: &Lexicon, i: usize) -> Option<Vec<Event>> {
    let brokers: Vec<usize> = match s
        .actors
        .iter()
        .position(|a| a.first > i + 1 && a.first <= i + 3)
    {
        Some(k) => match pair_from(s, k) {
            Some((x, y)) => vec![x, y],
            None => vec![k],
        },
        None => return None,
    };
    let (side, _) = story_sides(s, i)?;
    let (m, date) = (modality(s, lex, i, false), date_of(s, lex, i));
    let events = brokers
        .into_iter()
        .map(|k| &s.actors[k])
        .filter(|b| b.code.get(..3) != side.code.get(..3))
        .map(|b| {
            record(
                s,
                i,
                i,
                "045".to_string(),
                Some(b),
                Some(&side),
                m,
                date.clone(),
            )
        })
        .collect();
    Some(events)
}

/// "Peskov said the incident had nothing to do with Russia": the quoted speaker's denial (016)
/// of what the auxiliary at `i` opens.
fn involvement_denial(s: &Sent, speakers: &[(Span, Option<Actor>)], i: usize) -> Option<Event> {
    let q = s.quote_speaker.get(i).copied().flatten()?;
    let sp = speakers.get(q)?.1.clone()?;
    Some(record(
        s,
        i,
        i,
        "016".to_string(),
        Some(&sp),
        None,
        Modality::Asserted,
        None,
    ))
}

/// "Rubio said on Friday that Rasool was no longer welcome in the United States": the one the
/// phrase is said of (the actor right before it) is expelled (174) by who says so — the
/// quotation's speaker, or the actor whose verb of saying governs the clause.
fn expulsion_event(
    s: &Sent,
    lex: &Lexicon,
    speakers: &[(Span, Option<Actor>)],
    i: usize,
) -> Option<Event> {
    let tgt = s
        .actors
        .iter()
        .rfind(|x| x.end <= i && i - x.end <= 3)?
        .clone();
    let said = (0..tgt.first)
        .rev()
        .find(|&k| lex.speech.contains(s.words[k].as_str()) && s.toks[k].pos.is_verb());
    let src = s
        .quote_speaker
        .get(i)
        .copied()
        .flatten()
        .and_then(|q| speakers.get(q)?.1.clone())
        .or_else(|| {
            let v = said?;
            s.actors.iter().rfind(|x| x.end <= v).cloned()
        })?;
    if src.code.get(..3) == tgt.code.get(..3) {
        return None;
    }
    let date = said.and_then(|v| date_of(s, lex, v));
    Some(record(
        s,
        i,
        i,
        "174".to_string(),
        Some(&src),
        Some(&tgt),
        Modality::Asserted,
        date,
    ))
}

/// A lexicon phrase as the words it is matched by.
fn words_of(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(str::to_string).collect()
}

/// The words from `i` on begin with `phrase`.
fn phrase_at(words: &[String], i: usize, phrase: &[String]) -> bool {
    words.get(i..i + phrase.len()) == Some(phrase)
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
        source: src.filter(|a| !a.entity.is_empty()).map(|a| a.span),
        target: tgt.filter(|a| !a.entity.is_empty()).map(|a| a.span),
        quote: s.quote_of.get(i).copied().flatten().map(|q| q as u32),
    }
}

/// An event whose trigger is tokens `i..=last`, with its source and target as named in the
/// sentence (the mention keeps their spans; PLOVER and Goldstein are filled in later).
#[allow(clippy::too_many_arguments)]
fn record(
    s: &Sent,
    i: usize,
    last: usize,
    cameo: String,
    src: Option<&Actor>,
    tgt: Option<&Actor>,
    modality: Modality,
    date: Option<String>,
) -> Event {
    // "has not ruled out resuming strikes": an act its actor will not rule out is the intent
    // (or, for force, the threat: 1384), made when it is said.
    let (cameo, modality) = match intent_code(&cameo) {
        Some(c) if modality == Modality::Negated && not_ruled_out(s, i) => {
            (c.to_string(), Modality::Asserted)
        }
        _ => (cameo, modality),
    };
    Event {
        cameo,
        plover: None,
        source: src.map(actor_ref),
        target: tgt.map(actor_ref),
        modality,
        date,
        speech_date: None,
        goldstein: None,
        quad_class: None,
        mentions: vec![mention(s, i, last, src, tgt)],
    }
}

fn finish(code: &str, m: Modality) -> String {
    // An intended or planned consultation is CAMEO 036, "express intent to meet or negotiate".
    // (A scheduled visit and its hosting keep their codes, 042 and 043: "will visit Trump on
    // Friday", "will host the leaders on Saturday".)
    if m == Modality::Planned && matches!(code, "040" | "044" | "046") {
        "036".to_string()
    } else {
        code.to_string()
    }
}

/// "Pakistan would respond at a time and place of its choosing", "Israel will answer": saying
/// one will respond is a threat (130), made when said, by the subject against the story's other
/// side (or a named target after "to"/"against").
fn response_threat(s: &Sent, lex: &Lexicon, i: usize) -> Option<Event> {
    if !future(s, lex, i) || i < 1 || matches!(s.words[i - 1].as_str(), "not" | "n't" | "never") {
        return None;
    }
    let (_, b) = clause(s, lex, i);
    let src = subject_actor(s, lex, i, i)?;
    let mine = src.code.get(..3).map(str::to_string);
    let named = (i + 1..b)
        .find(|&k| matches!(s.words[k].as_str(), "to" | "against"))
        .and_then(|k| {
            s.actors
                .iter()
                .find(|x| x.first == k + 1 || x.first == k + 2)
        })
        .filter(|x| x.code.get(..3).map(str::to_string) != mine)
        .cloned();
    let tgt = named.or_else(|| other_side(s, i, mine.as_deref()));
    Some(record(
        s,
        i,
        i,
        "130".to_string(),
        Some(&src),
        tgt.as_ref(),
        Modality::Asserted,
        None,
    ))
}

/// The subject of the verb at `i`: its parsed subject, else the nearest actor of its clause that
/// ends by `before`.
fn subject_actor(s: &Sent, lex: &Lexicon, i: usize, before: usize) -> Option<Actor> {
    let (a, _) = clause(s, lex, i);
    let k = dep_roles(s, lex, i).and_then(|r| r.subject).or_else(|| {
        s.actors
            .iter()
            .rposition(|x| x.end <= before && x.first >= a)
    })?;
    s.actors.get(k).cloned()
}

/// "Aliyev did not say whether Baku would recall its ambassador", "Pakistan's military did not
/// confirm the strikes", "North Korea has not commented": declining to comment (011) by the
/// subject of a negated verb of saying.
/// `phrase`: a no-comment phrase starts at `i` ("gave no reason", "had no comment", "made no
/// mention of": the same, said with a noun).
fn no_comment_event(s: &Sent, lex: &Lexicon, i: usize, phrase: bool) -> Option<Event> {
    let negated_verb = i >= 2
        && matches!(s.words[i - 1].as_str(), "not" | "n't" | "never")
        && matches!(
            s.words[i - 2].as_str(),
            "did"
                | "does"
                | "do"
                | "has"
                | "have"
                | "had"
                | "would"
                | "will"
                | "could"
                | "can"
                | "wo"
                | "ca"
        );
    if !phrase && !negated_verb {
        return None;
    }
    let src = subject_actor(s, lex, i, if phrase { i } else { i - 2 })?;
    Some(record(
        s,
        i,
        i,
        "011".to_string(),
        Some(&src),
        None,
        Modality::Asserted,
        None,
    ))
}

/// "Moscow called NATO's summit a step towards escalation", "Saar called the decision
/// \"outrageous\"", "called the talks \"a healthy step forward\"": a verb of calling with an
/// evaluation after its object judges the object — criticism (111) or praise (051), by the
/// verb's subject, of the actor the object names, else of the story's other side when the
/// subject is one of its two. Not "called
/// on", "called for", "called off", nor "what X called …" (the judged thing is the clause's
/// own object there).
fn evaluation_event(s: &Sent, lex: &Lexicon, i: usize) -> Option<Event> {
    let n = s.words.len();
    if s.words
        .get(i + 1)
        .is_some_and(|w| matches!(w.as_str(), "on" | "for" | "off" | "in" | "up" | "upon"))
        || (i > 0 && s.words[i - 1] == "what")
    {
        return None;
    }
    let (_, b) = clause(s, lex, i);
    let (e, code) = (i + 2..b.min(n).min(i + 14)).find_map(|k| {
        // ("short-sighted" is three tokens.)
        let joined = (s.words.get(k + 1).is_some_and(|w| w == "-"))
            .then(|| s.words.get(k + 2).map(|w| format!("{}-{w}", s.words[k])))
            .flatten();
        joined
            .and_then(|j| lex.evaluations.get(&j))
            .or_else(|| lex.evaluations.get(&s.words[k]))
            .map(|c| (k, c.clone()))
    })?;
    let src = subject_actor(s, lex, i, i)?;
    let mine = src.code.get(..3).map(str::to_string);
    // The object's actor, between the verb and the evaluation: "NATO's summit", "Ottawa's
    // allegations".
    let named = s
        .actors
        .iter()
        .find(|x| x.first > i && x.end <= e && x.code.get(..3).map(str::to_string) != mine)
        .cloned();
    // (Else the story's other side.)
    let tgt = named.or_else(|| other_side(s, i, mine.as_deref()));
    let m = modality(s, lex, i, false);
    Some(record(
        s,
        i,
        i,
        code,
        Some(&src),
        tgt.as_ref(),
        m,
        date_of(s, lex, i),
    ))
}

/// "Putin apologised to Aliyev in a phone call on Saturday": a contact noun (a call, a meeting,
/// talks) in a phrase after "in", "during" or "at" is the setting of the verb's act — a contact
/// of its own between the act's two parties, with the act's modality and date.
fn setting_event(s: &Sent, i: usize, code: &str, earlier: &[Event]) -> Option<Event> {
    let st = np_start(s, i);
    if st == 0 || !matches!(s.words[st - 1].as_str(), "in" | "during" | "at") {
        return None;
    }
    let at = s.toks[st - 1].span.start;
    let act = earlier
        .iter()
        .rev()
        .find(|e| e.mentions[0].trigger.start < at && e.source.is_some() && e.target.is_some())?;
    let mut ev = act.clone();
    ev.cameo = code.to_string();
    ev.plover = None;
    ev.goldstein = None;
    ev.quad_class = None;
    let m = &mut ev.mentions[0];
    m.trigger = Span::new(s.toks[i].span.start, s.toks[i].span.end);
    Some(ev)
}

/// A one-sided noun trigger whose agent a participle names: "a missile attack launched by
/// Tehran against Israel", "air strikes that it said were carried out by Pakistani jets", "the
/// strikes were carried out by …". The participle (an adopting verb: launch, carry out,
/// conduct …) comes within a few words of the noun, across only "that", "which", pronouns,
/// "said" and auxiliaries; the actor after "by" is the source, an actor after "against", "on"
/// or "in" the target. Returns the event and the participle's position (which codes nothing
/// of its own then).
fn agent_noun_event(
    s: &Sent,
    lex: &Lexicon,
    speakers: &[(Span, Option<Actor>)],
    last: usize,
    code: &str,
) -> Option<(Event, usize)> {
    let n = s.words.len();
    let mut k = last + 1;
    while k < n
        && k <= last + 6
        && matches!(
            s.words[k].as_str(),
            "that"
                | "which"
                | "it"
                | "they"
                | "he"
                | "she"
                | "said"
                | "says"
                | "were"
                | "was"
                | "had"
                | "have"
                | "has"
                | "been"
                | "being"
                | "reportedly"
                | "allegedly"
        )
    {
        k += 1;
    }
    if k >= n
        || !matches!(s.toks[k].pos, Pos::VBN | Pos::VBD)
        || !lex.adopting.contains(&s.words[k])
    {
        return None;
    }
    let mut by = k + 1;
    if by < n && s.toks[by].pos == Pos::RP {
        by += 1;
    }
    if by >= n || s.words[by] != "by" {
        return None;
    }
    let src = s
        .actors
        .iter()
        .find(|x| x.first > by && x.first <= by + 3)?;
    let (_, b) = clause(s, lex, k);
    let tgt = (src.end..b.min(src.end + 8))
        .find(|&j| matches!(s.words[j].as_str(), "against" | "on" | "in" | "at"))
        .and_then(|p| {
            s.actors
                .iter()
                .find(|x| x.first > p && x.first <= p + 3 && x.end <= b && x.code != src.code)
        });
    let m = attribute(s, speakers, k, modality(s, lex, k, false), src, tgt, code);
    Some((
        record(
            s,
            k,
            k,
            finish(code, m),
            Some(src),
            tgt,
            m,
            date_of(s, lex, k),
        ),
        k,
    ))
}

/// A one-sided noun trigger as the object of a verb: "staged demonstrations", "mounted an
/// invasion of Lebanon", "imposed sanctions on the Taliban", "launched an investigation into":
/// the verb's subject is the source, an actor after a preposition (or "that") the target.
fn object_noun_event(s: &Sent, lex: &Lexicon, i: usize, last: usize, code: &str) -> Option<Event> {
    let mut st = np_start(s, i);
    // "carried out air and sea strikes": past coordinated modifiers and the verb's particle.
    if st >= 3
        && matches!(s.words[st - 1].as_str(), "and" | "or")
        && matches!(s.toks[st - 2].pos, Pos::NN | Pos::JJ)
    {
        st = np_start(s, st - 2);
    }
    if st >= 2 && s.toks[st - 1].pos == Pos::RP {
        st -= 1;
    }
    // Only a verb that carries out or adopts what the noun names ("staged demonstrations",
    // "launched an investigation"), not one that mentions it ("did not mention the attack").
    if st == 0 || !s.toks[st - 1].pos.is_verb() || !lex.adopting.contains(&s.words[st - 1]) {
        return None;
    }
    let (a, b) = clause(s, lex, st - 1);
    let mut src = s
        .actors
        .iter()
        .filter(|x| x.first >= a && x.end < st)
        .last();
    if src.is_none() && a > 0 {
        if opens_with_pronoun(s, a, st - 1) {
            src = s
                .actors
                .iter()
                .filter(|x| x.end <= a && a - x.end <= 8)
                .last();
        }
    }
    let src = src?;
    let n = s.words.len();
    let prep = (i + 1..n.min(last + 4)).find(|&k| {
        matches!(
            s.words[k].as_str(),
            "against" | "on" | "into" | "of" | "with" | "to" | "at" | "that" | "over"
        )
    });
    let end = if prep.is_some_and(|k| s.words[k] == "that") {
        n
    } else {
        b
    };
    let tgt = prep.and_then(|p| {
        s.actors
            .iter()
            .find(|x| x.first > p && x.first <= p + 3 && x.end <= end)
    });
    // "strikes on more than 60 targets in Yemen": an attack on things of a place is on the
    // place.
    let violent = matches!(code.get(..2), Some("18" | "19" | "20"));
    let tgt = tgt.or_else(|| {
        prep.filter(|_| violent).and_then(|p| {
            s.actors.iter().find(|x| {
                x.first > p
                    && x.first <= p + 8
                    && x.end <= end
                    && x.first > 0
                    && lex.locative.contains(s.words[x.first - 1].as_str())
                    && x.code != src.code
            })
        })
    });
    if tgt.is_some_and(|t| t.code == src.code) {
        return None;
    }
    let m = noun_modality(s, lex, i);
    let m = if m == Modality::Asserted {
        modality(s, lex, st - 1, false)
    } else {
        m
    };
    Some(record(
        s,
        i,
        last,
        finish(code, m),
        Some(src),
        tgt,
        m,
        date_of(s, lex, st - 1),
    ))
}

/// "Russia said that Sudan must return the helicopter": saying that someone must (or should)
/// act is a demand (CAMEO 100) of the speaker on that actor.
fn demand_event(
    s: &Sent,
    lex: &Lexicon,
    speakers: &[(Span, Option<Actor>)],
    i: usize,
) -> Option<Event> {
    let n = s.words.len();
    let mut k = i + 1;
    // "said on Tuesday that", "said Friday that".
    while k < n && k <= i + 4 && s.words[k] != "that" && !s.actors.iter().any(|a| a.first == k) {
        k += 1;
    }
    if k < n && s.words[k] == "that" {
        k += 1;
    }
    let t = s
        .actors
        .iter()
        .position(|a| a.first >= k && a.first <= k + 2)?;
    let modal = (s.actors[t].end..n.min(s.actors[t].end + 8))
        .take_while(|&j| !matches!(s.words[j].as_str(), "," | ";" | "that" | "which" | "who"))
        .find(|&j| matches!(s.words[j].as_str(), "must" | "should"))?;
    if !s.toks.get(modal + 1).is_some_and(|x| x.pos.is_verb()) && s.words[modal + 1] != "not" {
        return None;
    }
    let (a, _) = clause(s, lex, i);
    let src = s
        .actors
        .iter()
        .filter(|x| x.end <= i && x.first + 12 >= a)
        .last()
        .or_else(|| {
            let q = s.quote_speaker.get(i).copied().flatten()?;
            speakers.get(q)?.1.as_ref()
        })?;
    let tgt = &s.actors[t];
    if src.code == tgt.code {
        return None;
    }
    Some(record(
        s,
        i,
        i,
        "100".to_string(),
        Some(src),
        Some(tgt),
        Modality::Asserted,
        date_of(s, lex, i),
    ))
}

/// The verb at `i` is what its subject says it will do ("will withdraw", "would boycott",
/// "pledged to release", "is willing to negotiate"), not what someone plans or schedules.
fn intends(s: &Sent, lex: &Lexicon, i: usize) -> bool {
    let (a, _) = clause(s, lex, i);
    s.words[a.max(i.saturating_sub(5))..i]
        .iter()
        .any(|w| lex.intent_words.contains(w.as_str()))
}

/// The verb at `i` is what its subject wants to do: a wish verb right before "to", not negated
/// ("wants to help Israel"; not "does not want to meet").
fn wishes(s: &Sent, lex: &Lexicon, i: usize) -> bool {
    i >= 3
        && s.words[i - 1] == "to"
        && lex.wish.contains(s.words[i - 2].as_str())
        && !matches!(s.words[i - 3].as_str(), "not" | "n't" | "never")
}

/// "will", "would", "'ll" or "shall" within the five words before `i` in its clause.
fn future(s: &Sent, lex: &Lexicon, i: usize) -> bool {
    let (a, _) = clause(s, lex, i);
    s.words[a.max(i.saturating_sub(5))..i]
        .iter()
        .any(|w| matches!(w.as_str(), "will" | "would" | "'ll" | "shall"))
}

/// "not … rule(d) out" (or "n't", "never") within the six words before `i`: "Israel has not
/// ruled out resuming strikes".
fn not_ruled_out(s: &Sent, i: usize) -> bool {
    let w = &s.words[i.saturating_sub(6)..i];
    w.windows(2).enumerate().any(|(k, p)| {
        matches!(p[0].as_str(), "rule" | "rules" | "ruled" | "ruling")
            && p[1] == "out"
            && w[..k]
                .iter()
                .any(|x| matches!(x.as_str(), "not" | "n't" | "never"))
    })
}

/// The verb at `i` is refused by its subject: "will not / would not / won't / cannot" right before
/// it, or "refused / declined / rejected … to" governing it.
fn refuses(s: &Sent, lex: &Lexicon, i: usize) -> bool {
    let (a, _) = clause(s, lex, i);
    let w = &s.words[a.max(i.saturating_sub(4))..i];
    let modal_not = w.windows(2).any(|p| {
        lex.refusal_modals.contains(p[0].as_str())
            && matches!(p[1].as_str(), "not" | "n't" | "never")
    });
    let refusing = i >= 2
        && s.words[i - 1] == "to"
        && w.iter().any(|x| lex.refusal_verbs.contains(x.as_str()));
    modal_not || refusing
}

/// CAMEO's code for refusing a cooperative act (roots 03–08): reject material cooperation
/// (121), aid (122), a proposal to meet (125), an agreement (127), to yield (124), else 120.
fn refusal_code(code: &str) -> Option<&'static str> {
    let c = match code {
        "061" => "1211",
        "062" => "1212",
        "063" => "1213",
        "064" => "1214",
        "071" => "1221",
        "072" => "1222",
        "073" => "1223",
        "074" => "1224",
        _ if code.starts_with("081") => "1241",
        "082" => "1242",
        _ if code.starts_with("083") => "123",
        _ if code.starts_with("084") => "1243",
        "085" => "1244",
        _ if code.starts_with("086") => "1245",
        _ if code.starts_with("087") => "1246",
        _ => match code.get(..2)? {
            "03" => "120",
            "04" => "125",
            "05" if code.starts_with("057") => "127",
            "05" => "120",
            "06" => "121",
            "07" => "122",
            "08" => "124",
            _ => return None,
        },
    };
    Some(c)
}

/// CAMEO's code for saying one will do an act: cooperation becomes an intent (03x: "will
/// provide aid" 033, "will release" 0353, "will withdraw" 0356), conflict a threat (13x:
/// "would boycott" 1312, "will attack" 1384). Talks (04x) are handled by [`finish`].
fn intent_code(code: &str) -> Option<&'static str> {
    let c = match code {
        "061" => "0311",
        "062" => "0312",
        "063" => "0313",
        "064" => "0314",
        "071" => "0331",
        "072" => "0332",
        "073" => "0333",
        "074" => "0334",
        "081" | "0811" | "0812" | "0813" | "0814" => "0351",
        "082" => "0352",
        "083" | "0831" | "0832" | "0833" | "0834" => "034",
        "084" | "0841" | "0842" => "0353",
        "085" => "0354",
        "086" | "0861" | "0862" | "0863" => "0355",
        "087" | "0871" | "0872" | "0873" | "0874" => "0356",
        "161" => "1313",
        "162" | "1621" | "1622" | "1623" => "1311",
        "163" => "1312",
        "172" | "1721" | "1722" | "1723" | "1724" => "132",
        // Saying one will meet or negotiate is 036; a visit or a call keeps its code (planned).
        "040" | "043" | "044" | "045" | "046" => "036",
        "191" => "1381",
        "192" => "1382",
        _ => match code.get(..2)? {
            "05" => "032",
            "06" => "031",
            "07" => "033",
            "08" => "035",
            "14" => "133",
            "16" => "131",
            "17" => "137",
            "18" => "1383",
            "19" => "1384",
            "20" => "1385",
            _ => return None,
        },
    };
    Some(c)
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
    // "There are no plans for a new summit", "no date has been set for further talks": talks
    // that did not, or may, happen between parties the sentence does not name are between the
    // story's two parties.
    let story = story_sides(s, i);
    let unnamed = _sym
        && !s.actors.iter().any(|x| x.first >= a && x.end <= b)
        && noun_modality(s, lex, i) != Modality::Asserted;
    let (src, tgt) = if let Some((x, y)) = pair {
        (Some(&s.actors[x]), Some(&s.actors[y]))
    } else if let (true, Some((x, y))) = (unnamed, story.as_ref()) {
        (Some(x), Some(y))
    } else {
        // "negotiations with Washington": the target after "with", the source the clause's
        // subject or the speaker of the quote.
        let with = (last + 1..b.min(last + 4)).find(|&k| s.words[k] == "with");
        let tgt = with.and_then(|w| s.actors.iter().find(|x| x.first > w && x.first <= w + 2));
        // (A destination or a place is no party: "will travel to Beijing … for talks with
        // senior Chinese officials" are the traveller's talks.)
        let place = |x: &Actor| {
            x.first > 0
                && (lex.locative.contains(s.words[x.first - 1].as_str())
                    || matches!(s.words[x.first - 1].as_str(), "to" | "from"))
        };
        let src = s
            .actors
            .iter()
            .filter(|x| x.end <= i && x.first >= a && !place(x))
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
    if src.code == tgt.code {
        return None;
    }
    let _ = a;
    let m = attribute(
        s,
        speakers,
        i,
        noun_modality(s, lex, i),
        src,
        Some(tgt),
        code,
    );
    let cameo = finish(code, m);
    // "remained open to dialogue with Washington", "is willing to hold talks": the readiness
    // (036) was expressed; only "will" or "would" makes it a plan.
    let m = if m == Modality::Planned && cameo == "036" && intends(s, lex, i) && !future(s, lex, i)
    {
        Modality::Asserted
    } else {
        m
    };
    Some(Event {
        cameo,
        plover: None,
        source: Some(actor_ref(src)),
        target: Some(actor_ref(tgt)),
        modality: m,
        // ("A ceasefire … took effect on Wednesday": a noun that is the subject of its verb is
        // dated by that verb's clause.)
        date: noun_date(s, i).or_else(|| {
            let h = s.toks[i].head as usize;
            (matches!(s.toks[i].dep, Dep::Nsubj | Dep::NsubjPass) && h < s.toks.len())
                .then(|| date_of(s, lex, h))
                .flatten()
        }),
        speech_date: None,
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
        // Actors modify the head too ("a US-Iran meeting", "no direct US-Iran talks").
        let in_actor = s.actors.iter().any(|a| a.first < k && a.end >= k);
        if !modifier && !in_actor {
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
/// The noun at `i` is an argument of a negated predicate, read from the parse: the first verb
/// above it (through its noun phrase) has "not" or "never", or a subject with "no" ("a meeting
/// with Xi has not been scheduled", "no date had been set for a fresh round of talks").
fn predicate_negated(s: &Sent, i: usize) -> bool {
    // By words first: the noun, its prepositional phrase, then "has not", "was not", "will
    // not" … before the clause ends ("a meeting with Xi Jinping has not been scheduled").
    // (The noun's own phrase may hold "between Modi and Sharif" or a relative clause: "a
    // treaty … that has not been signed".)
    let end = s.words.len().min(i + 14);
    for k in i + 1..end {
        let w = s.words[k].as_str();
        if matches!(w, "," | ";" | ":" | "but" | "who" | "said") {
            break;
        }
        if matches!(w, "not" | "n't" | "never")
            && k > i + 1
            && matches!(
                s.words[k - 1].as_str(),
                "has"
                    | "have"
                    | "had"
                    | "is"
                    | "are"
                    | "was"
                    | "were"
                    | "will"
                    | "would"
                    | "did"
                    | "does"
                    | "do"
                    | "could"
                    | "can"
                    | "wo"
                    | "ca"
            )
        {
            return true;
        }
        if s.toks[k].pos.is_verb()
            && !matches!(s.toks[k].pos, Pos::MD)
            && !matches!(
                w,
                "has" | "have" | "had" | "is" | "are" | "was" | "were" | "did" | "does" | "do"
            )
        {
            break;
        }
    }
    if s.children.is_empty() {
        return false;
    }
    let mut v = i;
    for _ in 0..5 {
        let h = s.toks[v].head as usize;
        if h >= s.toks.len() {
            return false;
        }
        if s.toks[h].pos.is_verb() {
            let not = s.children[h]
                .iter()
                .any(|&c| matches!(s.words[c].as_str(), "not" | "n't" | "never"));
            let no_subject = s.children[h]
                .iter()
                .filter(|&&c| matches!(s.toks[c].dep, Dep::Nsubj | Dep::NsubjPass))
                .any(|&c| s.children[c].iter().any(|&d| s.words[d] == "no"));
            return not || no_subject;
        }
        v = h;
    }
    false
}

fn noun_modality(s: &Sent, lex: &Lexicon, i: usize) -> Modality {
    let st = np_start(s, i);
    let np = &s.words[st..i];
    let gov_from = st.saturating_sub(4).max(s.lead.min(st));
    let gov = &s.words[gov_from..st];
    let has = |set: &HashSet<String>, ws: &[String]| ws.iter().any(|w| set.contains(w.as_str()));
    if has(&lex.negated, np)
        || has(&lex.negated, gov)
        || negating_phrase(s, lex, st)
        || predicate_negated(s, i)
    {
        // "has not confirmed the meeting", "did not announce the talks": what a party does not
        // confirm is unconfirmed, not called off.
        if !has(&lex.negated, np) && has(&lex.unconfirming, &s.words[gov_from..i]) {
            return Modality::Uncertain;
        }
        return Modality::Negated;
    }
    let (a, _) = clause(s, lex, i);
    if has(&lex.uncertain, &s.words[a.min(st)..st]) {
        return Modality::Uncertain;
    }
    if has(&lex.hypothetical, np) || has(&lex.hypothetical, gov) || desired(s, lex, a, st) {
        return Modality::Hypothetical;
    }
    if has(&lex.reported, np) {
        return Modality::Reported;
    }
    // "a phone call could be arranged": the noun's own modal wins over the planning verb.
    if let Some(m) = subject_modal(s, lex, i) {
        if m == Modality::Hypothetical {
            return m;
        }
    }
    if has(&lex.planned, np)
        || governed_by_planning(s, lex, i)
        || has(&lex.planned, gov)
        || (st > 0 && planned_infinitive(s, a, st - 1))
    {
        return Modality::Planned;
    }
    subject_modal(s, lex, i).unwrap_or(Modality::Asserted)
}

/// The noun at `i` as a subject: the modality its verb gives it ("the talks would start on
/// Monday", "the meeting could be delayed", "the deal did not hold"), if any.
fn subject_modal(s: &Sent, lex: &Lexicon, i: usize) -> Option<Modality> {
    // (Past the noun's prepositional phrase: "a separate trade deal with the United States
    // would breach the rules".)
    let mut from = i + 1;
    if s.words
        .get(from)
        .is_some_and(|w| matches!(w.as_str(), "with" | "between" | "on" | "of" | "to"))
    {
        from += 1;
        while from < s.words.len()
            && from < i + 8
            && (s.toks[from].pos.is_noun()
                || matches!(s.toks[from].pos, Pos::DT | Pos::JJ | Pos::CC | Pos::POS))
        {
            from += 1;
        }
    }
    let after: Vec<&str> = s.words[from.min(s.words.len())..(from + 3).min(s.words.len())]
        .iter()
        .map(String::as_str)
        .collect();
    for w in after {
        if lex.negated.contains(w) {
            return Some(Modality::Negated);
        }
        if lex.hypothetical.contains(w) && w != "if" {
            return Some(Modality::Hypothetical);
        }
        if matches!(w, "will" | "would" | "shall" | "'ll") {
            return Some(Modality::Planned);
        }
        if matches!(w, "," | "." | "that" | "which" | "and" | "but") {
            break;
        }
    }
    None
}

fn verb_event(
    s: &Sent,
    lex: &Lexicon,
    speakers: &[(Span, Option<Actor>)],
    i: usize,
    code: &str,
) -> Vec<Event> {
    let (a, b) = clause(s, lex, i);
    // Subject: the nearest actor before the verb in the clause (a pair "A and B" counts as
    // both); object: the first actor after it.
    let before: Vec<usize> = (0..s.actors.len())
        .filter(|&k| s.actors[k].first >= a && s.actors[k].end <= i)
        .collect();
    // Places after "in", "at", "near" say where, not to whom.
    // (Past an article: "outside the presidential office", "in the United States".)
    let locative = |k: usize| {
        let mut f = s.actors[k].first;
        if f > 1 && s.words[f - 1] == "the" {
            f -= 1;
        }
        f > 0 && lex.locative.contains(s.words[f - 1].as_str())
    };
    // Named actors before generic agents: "Britain mobilized army reservists against Iraq".
    // A possessive pronoun ("his Turkish counterpart") is the owner, not the party.
    let possessive = |k: usize| {
        s.actors[k].end == s.actors[k].first + 1 && s.toks[s.actors[k].first].pos == Pos::PRPS
    };
    let in_after =
        |k: usize| s.actors[k].first > i && s.actors[k].end <= b && !locative(k) && !possessive(k);
    let after = (0..s.actors.len())
        .find(|&k| in_after(k) && !s.actors[k].bare)
        .or_else(|| (0..s.actors.len()).find(|&k| in_after(k)));
    // A place where something happens is the subject only when nothing else is ("a bombing near
    // Samarra killed …"; "Obama and Putin will meet in Zurich to discuss …" is theirs).
    // A meeting's place is its venue, not a party ("began talks in Vienna", "meet in Ankara",
    // "met on the Indonesian island of Bali").
    let consultation = code.starts_with("04") || code == "036";
    let mut src = before
        .iter()
        .rev()
        .find(|&&k| !locative(k))
        .or(before.last())
        .copied();
    // An appositive between commas is not the subject: "Pakistan, a key U.S. ally in the war,
    // has refused …", "The US commander in Iraq, General Petraeus, held talks …".
    if let Some(k) = src {
        let c2 = (s.actors[k].end..i).find(|&c| s.words[c] == ",");
        let c1 = (a..s.actors[k].first).rev().find(|&c| s.words[c] == ",");
        if let (Some(c1), Some(_)) = (c1, c2) {
            let head = before
                .iter()
                .rev()
                .find(|&&h| s.actors[h].end <= c1 && !locative(h))
                .copied();
            let appositive = s.toks.get(c1 + 1).is_some_and(|t| {
                matches!(t.pos, Pos::DT | Pos::NNP | Pos::NNPS | Pos::JJ | Pos::PRPS)
            });
            if head.is_some() && appositive {
                src = head;
            }
        }
    }
    // "Syria says it is willing to withdraw", "the rebels said they will release": a pronoun
    // opening the clause after a speech verb (or its "that") is the speaker.
    if src.is_none() && a > 0 && a < i {
        if opens_with_pronoun(s, a, i) {
            src = (0..s.actors.len())
                .filter(|&k| s.actors[k].end <= a && a - s.actors[k].end <= 8)
                .last();
        }
    }
    let mut tgt = after;
    // A compound subject ("Germany and France expelled …", "the US and Britain imposed …")
    // acts as each of its members: one event per member. With no target, a symmetric act
    // ("Russia and Ukraine met", "… clashed") is between the two: one event, the pair.
    let mut partner: Option<usize> = None;
    if let Some(k) = src {
        let pair = if k > 0 && before.contains(&(k - 1)) {
            pair_from(s, k - 1)
        } else {
            None
        };
        if let Some((p0, p1)) = pair {
            if tgt.is_none() && symmetric(code) {
                src = Some(p0);
                tgt = Some(p1);
            } else {
                src = Some(p0);
                partner = Some(p1);
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
    // Without an agent the subject is still the target, and whoever acted is unnamed — or is
    // the authority of the place where it happened ("was arrested in Lebanon": LBN → CAN).
    // (Not for violence: "civilians being killed in the Ukrainian town of Bucha" says nothing
    // of who killed them.)
    let violence = matches!(code.get(..2), Some("18" | "19" | "20"));
    let mut agentless = false;
    let mut unnamed_subject = false;
    let mut pos_agent = None;
    // (A reduced relative, "an agreement forced on the Gulf state by Saudi Arabia": the agent
    // may come a few words later, and the actor before the participle is no party.)
    // (Only for violence or a head noun that is an actor: "a convoy attacked by militants",
    // "civilians detained by police"; "the documents, released by the president" is no
    // release of anyone.)
    let head = s.toks[i].head as usize;
    let reduced = s.toks[i].pos == Pos::VBN
        && !be_before
        && s.toks[i].dep == Dep::Acl
        && (matches!(code.get(..2), Some("18" | "19" | "20"))
            || s.actors.iter().any(|a| a.first <= head && head < a.end));
    if s.toks[i].pos == Pos::VBN && (be_before || reduced) {
        let reach = if reduced { 9 } else { 3 };
        let agent = (i + 1..b.min(i + reach))
            .take_while(|&k| !reduced || !matches!(s.words[k].as_str(), "," | ";"))
            .find(|&k| s.words[k] == "by")
            .and_then(|by| {
                (0..s.actors.len()).find(|&k| s.actors[k].first > by && s.actors[k].first <= by + 2)
            });
        pos_agent = agent;
        if let (Some(agent), true) = (agent, reduced) {
            // (The noun it describes is the target when it is an actor: "civilians attacked
            // near El Fasher by the RSF"; else an actor between: "forced on Qatar by …".)
            let by = s.actors[agent].first;
            tgt = (0..s.actors.len())
                .find(|&k| s.actors[k].first <= head && head < s.actors[k].end)
                .or_else(|| {
                    (0..s.actors.len()).find(|&k| s.actors[k].first > i && s.actors[k].end < by)
                });
            src = Some(agent);
        } else if let Some(agent) = agent {
            tgt = src;
            src = Some(agent);
        } else if src.is_some() && !reduced {
            agentless = true;
            tgt = src;
            src = (0..s.actors.len())
                .find(|&k| s.actors[k].first > i && s.actors[k].end <= b && locative(k))
                .filter(|_| !violence);
        }
    }
    // "Lithuania's foreign minister said he would urge …": a pronoun subject of the clause a
    // speech verb reports is that verb's subject, whatever the pronoun was linked to.
    if let Some(k) = src {
        let pronoun = s.actors[k].end == s.actors[k].first + 1
            && s.toks[s.actors[k].first].pos == Pos::PRP
            && s.actors[k].first >= a;
        let speech = (a.saturating_sub(2)..a)
            .rev()
            .find(|&j| lex.speech.contains(s.words[j].as_str()) && s.toks[j].pos.is_verb());
        if let (true, Some(sv)) = (pronoun, speech) {
            if let Some(speaker) = (0..s.actors.len())
                .filter(|&x| s.actors[x].end <= sv && sv - s.actors[x].end <= 6)
                .last()
            {
                src = Some(speaker);
            }
        }
    }
    // The parse, when there is one, says who did it to whom: the verb's subject (or, for an
    // infinitive, its controller; for a coordinated verb, its first conjunct's subject) and its
    // object or a prepositional object; in the passive, the agent and the subject.
    if let Some(r) = dep_roles(s, lex, i) {
        if r.passive {
            match r.agent {
                Some(ag) => {
                    src = Some(ag);
                    tgt = r.subject;
                    agentless = false;
                }
                // ("was shot dead by settlers": the parse hung the agent on "dead"; the
                // "by" right after the participle still names it.)
                None if pos_agent.is_some() => {
                    src = pos_agent;
                    tgt = r.subject.or(tgt);
                    agentless = false;
                }
                None => {
                    agentless = true;
                    tgt = r.subject.or(tgt);
                    src = (0..s.actors.len())
                        .find(|&k| s.actors[k].first > i && s.actors[k].end <= b && locative(k))
                        .filter(|_| !violence);
                }
            }
            partner = None;
        } else {
            if r.subject_given && r.subject.is_some() {
                src = r.subject;
                partner = r.partner;
            } else if r.subject_given
                && r.subject_head.is_some_and(|t| {
                    std::iter::once(t)
                        .chain(s.children[t].iter().copied())
                        .any(|k| {
                            lex.unnamed_attackers.contains(&s.words[k])
                                || lex.nouns.contains_key(&s.words[k])
                        })
                        // "its drones hit …": the owner is the attacker.
                        && !s.children[t].iter().any(|&k| s.toks[k].pos == Pos::PRPS)
                })
            {
                // The subject is an attack, a weapon or another event, not an actor ("a
                // roadside bombing killed one US soldier and wounded two others", "the
                // agreement would have allowed …"): no actor nearby stands in for it.
                src = None;
                partner = None;
                unnamed_subject = true;
            }
            if r.object_given && r.object_venue && consultation {
                tgt = None;
            } else if r.object_given {
                tgt = r.object;
            } else if partner.is_some() && symmetric(code) && !r.thing_object {
                // "Abe and Trump spoke by telephone … UN sanctions": the pair, not a later name.
                tgt = None;
            }
            // (Not when the act has an object that is a thing: "US and British warships shot
            // down 21 drones" is each navy's act, not one against the other.)
            // ("Ethiopia and Somalia have agreed to resolve the dispute": cooperation between
            // the pair is mutual whatever its object; not aid, 033x.)
            let mutual =
                matches!(code.get(..2), Some("03" | "05" | "06")) && !code.starts_with("033");
            if let (Some(p), None) = (partner, tgt) {
                if symmetric(code) && (!r.thing_object || mutual) {
                    tgt = Some(p);
                    partner = None;
                }
            }
        }
    }
    // "demanded that the US cancel …", "urged that Israel ease …": the subject of the
    // complement clause right after the verb is the one the demand is made of.
    if tgt.is_none() && b < s.words.len() && s.words[b] == "that" && b <= i + 3 {
        let (_, b2) = clause(s, lex, b + 1);
        tgt = (0..s.actors.len()).find(|&k| {
            s.actors[k].first > b && s.actors[k].first <= b + 3 && s.actors[k].end <= b2
        });
    }
    // With no other target, the place where it happened is what it was done to: "fired shells
    // at targets in Jericho" (PSE), "a curfew in Algiers" (DZA).
    // A meeting's place is its venue, not a party ("began talks in Vienna", "meet in Ankara").
    if tgt.is_none() && !agentless && !consultation {
        let src_code = src.map(|k| s.actors[k].code.as_str());
        tgt = (0..s.actors.len()).find(|&k| {
            s.actors[k].first > i
                && s.actors[k].end <= b
                && locative(k)
                && Some(s.actors[k].code.as_str()) != src_code
        });
    }
    // A participle right after a noun is a reduced relative clause ("the curfew imposed in
    // Sudan", "a guard involved in a shooting"): the sentence's subject did not do it; only an
    // agent after "by" says who did.
    // (The tagger often reads a main verb's past tense as a participle: it is a reduced
    // relative only when the clause already has its finite verb.)
    let reduced = s.toks[i].pos == Pos::VBN
        && !be_before
        && i > 0
        && s.toks[i - 1].pos.is_noun()
        && (a..i).any(|k| {
            s.toks[k].pos.is_finite() && !matches!(s.words[k].as_str(), "have" | "has" | "had")
        });
    if reduced && src.is_some_and(|k| s.actors[k].end <= i) {
        return Vec::new();
    }
    // "A house in Gaza City was hit by a strike": an attack with no named attacker is still
    // recorded, against the place's country.
    let violent = matches!(code.get(..2), Some("18" | "19" | "20"));
    // "'I am ready to meet Putin,' Zelenskyy told reporters": inside a quote, "I" or "we" is
    // the quote's speaker.
    let first_person = || {
        let subject = if s.children.is_empty() {
            (a..i).rev().find(|&k| s.toks[k].pos == Pos::PRP)
        } else {
            subject_token(s, i, 0).map(|(t, _)| t)
        };
        subject.is_some_and(|t| matches!(s.words[t].as_str(), "i" | "we"))
    };
    let quoted_speaker = || {
        let q = s.quote_speaker.get(i).copied().flatten()?;
        speakers.get(q)?.1.clone()
    };
    // "Thousands of people marched in Caracas": a protest by people no actor names is the
    // place's people protesting (its target, by then that place, becomes its own state below).
    let mut tgt = tgt;
    let mut place_people = false;
    let mut crowd_of_place: Option<Actor> = None;
    if src.is_none() && !agentless && code.starts_with("14") {
        // ("protested outside the presidential office in Seoul": the institution is what they
        // protest against, the place's people protest.)
        let institution = tgt.filter(|&k| locative(k) && s.actors[k].code.len() > 3);
        let people_of = institution.and_then(|k| {
            (0..s.actors.len()).find(|&p| {
                p != k
                    && locative(p)
                    && s.actors[p].first > i
                    && s.actors[p].end <= b
                    && s.actors[p].code.len() == 3
                    && s.actors[k].code.get(..3) == Some(s.actors[p].code.as_str())
            })
        });
        // ("marched across France against Macron's plan": the place need not be the target.)
        let place_elsewhere = (0..s.actors.len()).find(|&p| {
            Some(p) != tgt
                && locative(p)
                && s.actors[p].first > i
                && s.actors[p].end <= b
                && s.actors[p].code.len() == 3
        });
        if let Some(p) = people_of {
            src = Some(p);
            place_people = true;
        } else if let (Some(p), Some(t), None) = (place_elsewhere, tgt, institution) {
            // (Not a party named past a comma: "rallied in Niamey, some waving Russian flags".)
            let same_phrase = (i..s.actors[t].first).all(|k| s.words[k] != ",");
            if !locative(t) {
                src = Some(p);
                place_people = true;
                if !same_phrase {
                    tgt = None;
                }
            }
        } else if let Some(k) = institution.filter(|&k| {
            let c = s.actors[k].code.get(..3).unwrap_or("");
            dateline_kb::Kb::embedded().country(c).is_some()
        }) {
            // (The place inside the institution's phrase: its country's people.)
            let inst = &s.actors[k];
            crowd_of_place = Some(Actor {
                code: inst.code[..3].to_string(),
                entity: format!("people@{}", inst.span.start),
                name: inst.code[..3].to_string(),
                bare: true,
                state: false,
                person: false,
                ..inst.clone()
            });
            place_people = true;
        } else if let Some(k) = tgt.filter(|&k| locative(k) && s.actors[k].code.len() == 3) {
            src = Some(k);
            tgt = None;
            place_people = true;
        } else if let (Some(h), Some(c)) = (
            dep_roles(s, lex, i).and_then(|r| r.subject_head),
            s.context.as_deref(),
        ) {
            // "Thousands have rallied every evening since …": a crowd no place names is the
            // people of the country the story is about.
            if tgt.is_none()
                && (lex.crowds.contains(s.words[h].as_str())
                    || lex.crowd_counts.contains(s.words[h].as_str()))
            {
                crowd_of_place = Some(people_at(s, h, c));
                place_people = true;
            }
        }
    }
    // "At least 46 people had been detained": coercion or violence done to people no actor
    // names, by someone unnamed, happened to the people of the country the story is about.
    let coercive = matches!(code.get(..2), Some("17" | "18" | "19" | "20"));
    let mut people = None;
    if agentless && coercive && src.is_none() && tgt.is_none() {
        let subject = dep_roles(s, lex, i).and_then(|r| r.subject_head);
        if let (Some(h), Some(c)) = (subject, s.context.as_deref()) {
            if matches!(s.toks[h].pos, Pos::NNS | Pos::NN | Pos::CD) {
                people = Some(people_at(s, h, c));
            }
        }
    }
    // "The visit had been planned for February but was called off", "the talks were
    // postponed": an act on a meeting whose parties the sentence does not name is between the
    // story's two parties.
    let meeting_subject = src.is_none()
        && tgt.is_none()
        && matches!(code.get(..2), Some("16" | "12" | "04" | "03" | "05" | "08"))
        && dep_roles(s, lex, i)
            .and_then(|r| r.subject_head)
            .is_some_and(|h| {
                lex.nouns
                    .get(&s.words[h])
                    .is_some_and(|v| v.0.starts_with("04"))
            });
    // "the two leaders could meet in person": a contact or agreement of the story's pair.
    // (A generic agent inside the phrase, "the two men", is no actor of its own here.)
    let pair_words = {
        let before = s.words[a..i].join(" ");
        lex.pair_subjects
            .iter()
            .any(|p| before == *p || before.starts_with(&format!("{p} ")))
    };
    if pair_words && src.is_some_and(|k| s.actors[k].bare && s.actors[k].first < i) {
        src = None;
    }
    // ("the two men had discussed the war in Ukraine": what a pair discusses is a topic.)
    if pair_words && src.is_none() && lex.discussion.contains(s.words[i].as_str()) {
        tgt = None;
    }
    let pair_subject = src.is_none()
        && tgt.is_none()
        && matches!(code.get(..2), Some("03" | "04" | "05"))
        && pair_words;
    let story_sides = story_sides(s, i).filter(|_| meeting_subject || pair_subject);
    let mut src_actor = match src {
        _ if crowd_of_place.is_some() => crowd_of_place,
        None if story_sides.is_some() => story_sides.as_ref().map(|(x, _)| x.clone()),
        Some(k) => Some(s.actors[k].clone()),
        None if people.is_some() => None,
        None if (agentless || unnamed_subject) && violent && tgt.is_some() => None,
        None => match quoted_speaker().filter(|_| !agentless && first_person()) {
            Some(sp) => Some(sp),
            None => return Vec::new(),
        },
    };
    if place_people {
        // The place's people, not its state: their protest is no official complaint.
        if let Some(a) = src_actor.as_mut() {
            a.state = false;
        }
    }
    // "sent its special envoy", "withdrew their troops": the subject's own people are what it
    // acts with, not whom it acts on.
    // So are a state's own forces: "had no plans to send ground troops", "deployed the army".
    let own = |t: &Actor| {
        let same_country = src_actor
            .as_ref()
            .is_some_and(|sa| sa.code.get(..3) == t.code.get(..3));
        let possessed = t.first > 0 && s.toks[t.first - 1].pos == Pos::PRPS;
        let forces = matches!(t.code.get(3..), Some("MIL" | "COP" | "SPY"))
            && src_actor
                .as_ref()
                .is_some_and(|sa| !matches!(sa.code.get(3..), Some("REB" | "OPP" | "INS")));
        // ("Mali, Burkina Faso and Niger recalled their ambassadors": whose, of the three, the
        // country says only for one; "their" is all of theirs.)
        let theirs = possessed && s.words[t.first - 1] == "their";
        t.bare && ((same_country && (possessed || forces)) || theirs)
    };
    // ("mobilized army reservists for a possible war against Iraq": with its own forces as the
    // object, the act is aimed at the next party of the clause.)
    let own_object = tgt.is_some_and(|k| own(&s.actors[k]));
    let tgt_actor = tgt
        .map(|k| s.actors[k].clone())
        .filter(|t| !own(t))
        .or_else(|| {
            after
                .filter(|&k| own_object && Some(k) != tgt && s.actors[k].first > tgt.unwrap_or(0))
                .map(|k| s.actors[k].clone())
                .filter(|t| !own(t))
        })
        .or(people);
    // The same actor on both sides is no event; one entity in two roles is ("Georgian
    // demonstrators … the Georgian government": GEOOPP, GEOGOV).
    // The same actor on both sides is no dyad: keep the act, without the target.
    // "Trump meets Syria's Sharaa, urges him to …": an object pronoun never stands for its own
    // clause's subject; when coreference made it the source, it is the latest other person
    // before it in the sentence.
    let tgt_actor = match (&tgt_actor, &src_actor) {
        (Some(t), Some(sa))
            if t.code == sa.code
                && t.end == t.first + 1
                && matches!(s.words[t.first].as_str(), "him" | "her" | "them") =>
        {
            s.actors
                .iter()
                .rev()
                .find(|x| x.end <= t.first && x.code != sa.code && x.person)
                .cloned()
        }
        _ => tgt_actor,
    };
    let tgt_actor = tgt_actor.filter(|t| src_actor.as_ref().is_none_or(|sa| sa.code != t.code));
    // What is given goes to its recipient: "provided weapons and military intelligence to
    // Ukraine" — the actor after "to" in the clause, not a generic agent the object names.
    let tgt_actor = if matches!(code.get(..2), Some("06" | "07"))
        && tgt_actor.as_ref().is_none_or(|t| t.bare)
    {
        let (_, b) = clause(s, lex, i);
        s.actors
            .iter()
            .find(|x| {
                x.first > i + 1
                    && x.end <= b
                    && s.words[x.first - 1] == "to"
                    && src_actor.as_ref().is_none_or(|sa| sa.code != x.code)
            })
            .cloned()
            .or(tgt_actor)
            .or_else(|| {
                // ("gave the Ivory Coast 5.1 million dollars": the first of two objects.)
                s.actors
                    .iter()
                    .find(|x| {
                        (x.first == i + 1 || (x.first == i + 2 && s.words[i + 1] == "the"))
                            && s.toks.get(x.end).is_some_and(|t| {
                                matches!(t.pos, Pos::CD | Pos::DT | Pos::JJ | Pos::NN | Pos::NNS)
                            })
                    })
                    .cloned()
            })
    } else {
        tgt_actor
    };
    // Force used to some end is aimed at the object of that end: "opened fire to disperse
    // demonstrators".
    let tgt_actor = tgt_actor.or_else(|| {
        if !matches!(code.get(..2), Some("17" | "18" | "19" | "20")) || s.children.is_empty() {
            return None;
        }
        let purpose = s.children.get(i)?.iter().copied().find(|&c| {
            matches!(s.toks[c].dep, Dep::Xcomp | Dep::Advcl)
                && s.children[c]
                    .iter()
                    .any(|&m| s.toks[m].dep == Dep::Mark && s.words[m] == "to")
        })?;
        let object = s.children[purpose]
            .iter()
            .copied()
            .find(|&c| s.toks[c].dep == Dep::Obj)?;
        s.actors
            .iter()
            .find(|x| x.first <= object && object < x.end)
            .filter(|x| src_actor.as_ref().is_none_or(|sa| sa.code != x.code))
            .cloned()
    });
    // A protest names what it is against, even inside its subject: "Palestinian riots against
    // Israeli military policies are still continuing" (not the protesters' own country).
    let tgt_actor = if code.starts_with("14")
        && tgt_actor.as_ref().is_none_or(|t| {
            src_actor
                .as_ref()
                .is_some_and(|sa| sa.code.get(..3) == t.code.get(..3))
        }) {
        let (a, _) = clause(s, lex, i);
        s.actors
            .iter()
            .find(|x| {
                x.first > a
                    && x.first < i
                    && s.words[x.first - 1] == "against"
                    && src_actor
                        .as_ref()
                        .is_none_or(|sa| sa.code.get(..3) != x.code.get(..3))
            })
            .cloned()
            .or(tgt_actor)
    } else {
        tgt_actor
    };
    // What is demanded is demanded of the actor the "that" clause names: "reiterated its demand
    // today that Israel ease restrictions".
    let tgt_actor = tgt_actor.or_else(|| {
        if !code.starts_with("10") {
            return None;
        }
        // (The "that" opens a clause of its own: within six words, no clause bound.)
        s.actors
            .iter()
            .find(|x| {
                x.first > i + 1
                    && x.first <= i + 6
                    && s.words[x.first - 1] == "that"
                    && src_actor.as_ref().is_none_or(|sa| sa.code != x.code)
            })
            .cloned()
    });
    let tgt_actor = tgt_actor.or_else(|| story_sides.map(|(_, y)| y));
    // A denial is answered to someone else: "the Kremlin denied that Moscow had hardened its
    // position" names no party of the denial (the accuser is found later in the story).
    let tgt_actor = tgt_actor.filter(|t| {
        code != "016"
            || src_actor
                .as_ref()
                .is_none_or(|sa| sa.code.get(..3) != t.code.get(..3))
    });
    // "warned that any new violation of its airspace would meet a firm response": a threat that
    // names no target is aimed at the story's other side when its source is one of the two.
    let tgt_actor = tgt_actor.or_else(|| {
        let mine = src_actor.as_ref()?.code.get(..3)?.to_string();
        // (So is an expulsion: "Germany declared 40 embassy staff persona non grata".)
        (code.starts_with("13") || code.starts_with("166") || code == "174")
            .then(|| other_side(s, i, Some(mine.as_str())))
            .flatten()
    });
    let Some(side) = src_actor.as_ref().or(tgt_actor.as_ref()) else {
        return Vec::new();
    };
    let m = attribute(
        s,
        speakers,
        i,
        modality(s, lex, i, false),
        side,
        tgt_actor.as_ref(),
        code,
    );
    // A threat, a demand, an appeal or a refusal made on a condition was made: "threatened
    // Moscow with sanctions if it does not agree", "warned that more measures could follow if".
    // (Not one said to come: "would ask the Security Council to enforce it if Venezuela
    // defied the court" has not been made.)
    let m = if m == Modality::Hypothetical
        && matches!(code.get(..2), Some("02" | "10" | "11" | "12" | "13"))
        && only_conditional(s, lex, i)
        && !(code.starts_with("02") && future(s, lex, i))
    {
        Modality::Asserted
    } else {
        m
    };
    // (A dated meeting of one body, with no other party, is scheduled, not an intent to meet:
    // "NATO ambassadors were due to meet later on Wednesday", 040 planned.)
    let scheduled_own = m == Modality::Planned
        && code == "040"
        && tgt_actor.is_none()
        && date_of(s, lex, i).is_some();
    let mut code = if scheduled_own {
        code.to_string()
    } else {
        finish(code, m).to_string()
    };
    let mut m = m;
    // "India protested against a new Chinese map": a state's protest is an official
    // complaint (114), not a demonstration (14x).
    let official = src_actor
        .as_ref()
        .is_some_and(|a| a.state || a.code.ends_with("GOV"));
    if official && code.starts_with("14") {
        code = "114".to_string();
    }
    // "Demonstrators broke through police lines", "protesters attacked a police station": a
    // crowd's violence is a violent protest (145), not an armed assault.
    let crowd = src_actor.as_ref().is_some_and(|a| {
        a.end > 0
            && s.words
                .get(a.end - 1)
                .is_some_and(|w| lex.crowds.contains(w.as_str()))
    });
    if crowd && matches!(code.get(..2), Some("17" | "18" | "19")) {
        code = "145".to_string();
    }
    // Saying one will not cooperate is itself an act: a refusal ("will not accept refugees",
    // "refused to deploy peacekeepers", "would not give permission" → 12x, asserted), unlike a
    // cooperation that merely did not happen ("did not sign", "no plans to meet": negated).
    if m == Modality::Negated && refuses(s, lex, i) {
        if let Some(c) = refusal_code(&code) {
            code = c.to_string();
            m = Modality::Asserted;
        }
    }
    // (Told in someone else's words the intent is theirs to report: "offered to resign, his
    // ministry said" is a reported 034.)
    let told = m == Modality::Reported;
    // ("wants to help Israel": what the subject itself wants to do is its intent, 033, where
    // "hoped to conclude an agreement", with no intent code, stays only hoped for.)
    let own_wish = m == Modality::Hypothetical && wishes(s, lex, i);
    // ("said they would meet the mediator if he gave them a veto": an act promised on a
    // condition is the intent, 036, or — for force — the threat; "could speak if needed" stays
    // a possibility.)
    let offered = m == Modality::Hypothetical && future(s, lex, i) && only_conditional(s, lex, i);
    let stated = offered
        || matches!(
            m,
            Modality::Planned | Modality::Asserted | Modality::Reported
        );
    if own_wish || (stated && intends(s, lex, i)) {
        // (A planned meeting is already 036 by `finish`.)
        // ("ready to attend", "offered to visit": a visit that is only offered is the intent to
        // meet, 036; "will visit on Friday" keeps 042, planned.)
        let offered_visit = code == "042"
            && !future(s, lex, i)
            && s.words[i.saturating_sub(4)..i]
                .iter()
                .any(|w| lex.readiness.contains(w.as_str()));
        let intent = intent_code(&code)
            .or((code == "036").then_some("036"))
            .or(offered_visit.then_some("036"));
        // (A dated act said to come is scheduled, a plan: "would protest outside the consulate
        // on Thursday" is a planned 141, not a threat to protest.)
        let scheduled =
            future(s, lex, i) && date_of(s, lex, i).is_some() && code.get(..2) != Some("04");
        if let Some(c) = intent.filter(|_| !scheduled) {
            code = c.to_string();
            // "will withdraw" is planned; "pledged / committed / offered to withdraw", "is
            // ready / willing to meet" is an intent that was expressed: the 03x is asserted.
            // (A threat, 13x, is made when it is said: "says it will retaliate" is asserted.)
            m = if told {
                Modality::Reported
            } else if future(s, lex, i) && !code.starts_with("13") && !offered {
                Modality::Planned
            } else {
                Modality::Asserted
            };
        }
    }
    let event = |src: Option<&Actor>| {
        record(
            s,
            i,
            i,
            code.clone(),
            src,
            tgt_actor.as_ref(),
            m,
            date_of(s, lex, i),
        )
    };
    let mut out = vec![event(src_actor.as_ref())];
    if let Some(p) = partner {
        let p = &s.actors[p];
        if tgt_actor.as_ref().is_none_or(|t| t.code != p.code) {
            out.push(event(Some(p)));
        }
    }
    out
}

/// Who did it to whom, from the parse: actor indices.
struct Roles {
    /// The parse names a subject (not a pronoun): `subject` is its actor, if any.
    subject_given: bool,
    /// The subject's head token, when the parse gives one.
    subject_head: Option<usize>,
    subject: Option<usize>,
    /// A second actor coordinated with the subject ("Germany and France").
    partner: Option<usize>,
    /// The parse names an object or prepositional object: `object` is its actor, if any.
    object_given: bool,
    /// The verb's direct object is a thing, neither an actor nor an event noun ("shot down 21
    /// drones", not "held talks").
    thing_object: bool,
    object: Option<usize>,
    /// The object came from a phrase after "on" or "at" whose head is no actor ("on the
    /// Indonesian island of Bali"): for a meeting, that is the venue.
    object_venue: bool,
    passive: bool,
    /// The passive's agent ("by Russia").
    agent: Option<usize>,
}

/// The story's two parties (the last pair of countries an event set against each other) as
/// actors at token `i`: for acts whose parties the sentence does not name.
fn story_sides(s: &Sent, i: usize) -> Option<(Actor, Actor)> {
    let (x, y) = s.story_pair.as_ref()?;
    let side = |code: &str| Actor {
        first: i,
        end: i,
        code: code.to_string(),
        entity: String::new(),
        name: code.to_string(),
        span: Span::new(s.toks[i].span.start, s.toks[i].span.start),
        bare: true,
        state: true,
        person: false,
    };
    Some((side(x), side(y)))
}

/// The people of country `code` named by the word at token `h` ("thousands", "46 people"): an
/// actor the entity layer did not give.
fn people_at(s: &Sent, h: usize, code: &str) -> Actor {
    Actor {
        first: h,
        end: h + 1,
        code: code.to_string(),
        entity: format!("people@{}", s.toks[h].span.start),
        name: s.words[h].clone(),
        span: s.toks[h].span,
        bare: true,
        state: false,
        person: false,
    }
}

/// The side of the story's pair that is not country `mine`, when `mine` is one of the two.
fn other_side(s: &Sent, i: usize, mine: Option<&str>) -> Option<Actor> {
    let (x, y) = story_sides(s, i)?;
    if Some(x.code.as_str()) == mine {
        Some(y)
    } else if Some(y.code.as_str()) == mine {
        Some(x)
    } else {
        None
    }
}

/// The actor mentioned at token `t`, if any.
fn actor_at(s: &Sent, t: usize) -> Option<usize> {
    s.actors.iter().position(|a| a.first <= t && t < a.end)
}

/// The actor a noun phrase headed at `h` stands for: the head's own mention, else the nearest
/// one among its modifiers, breadth first ("the Turkish and Greek sides of … Cyprus" → Turkish;
/// "sanctions against Belarus" → Belarus). Relative clauses and other clauses are not entered.
fn actor_of_phrase(s: &Sent, h: usize) -> Option<usize> {
    actor_token_of_phrase(s, h).map(|(a, _)| a)
}

/// [`actor_of_phrase`] with the token where the actor was found.
fn actor_token_of_phrase(s: &Sent, h: usize) -> Option<(usize, usize)> {
    let mut queue = std::collections::VecDeque::from([(h, 0usize)]);
    while let Some((t, depth)) = queue.pop_front() {
        if let Some(a) = actor_at(s, t) {
            return Some((a, t));
        }
        if depth >= 4 {
            continue;
        }
        for &c in &s.children[t] {
            let d = s.toks[c].dep.universal();
            if matches!(
                d,
                Dep::Compound
                    | Dep::Amod
                    | Dep::Nmod
                    | Dep::Flat
                    | Dep::Appos
                    | Dep::Conj
                    // ("on about $120 billion of Chinese imports": the amount's goods)
                    | Dep::Nummod
            ) {
                queue.push_back((c, depth + 1));
            }
        }
    }
    None
}

/// The case marker of a nominal ("against" of "against Belarus").
fn case_of<'s>(s: &'s Sent<'_>, t: usize) -> Option<&'s str> {
    s.children[t]
        .iter()
        .find(|&&c| s.toks[c].dep == Dep::Case)
        .map(|&c| s.words[c].as_str())
}

/// The subject token of verb `v`, following infinitives to their controller (the object of
/// "urged Iran to return", else the subject of "agreed to share") and coordinated verbs to the
/// first conjunct. `true` with it when it is a passive subject.
fn subject_token(s: &Sent, v: usize, depth: usize) -> Option<(usize, bool)> {
    for &c in &s.children[v] {
        // (Never the wire dateline, which the parser may take for a subject: "ALGIERS,
        // April 8 (Reuters) - Algeria closed …".)
        if c < s.lead {
            continue;
        }
        match s.toks[c].dep {
            Dep::Nsubj | Dep::NsubjOuter | Dep::Csubj => return Some((c, false)),
            Dep::NsubjPass | Dep::CsubjPass => return Some((c, true)),
            _ => {}
        }
    }
    if depth > 3 {
        return None;
    }
    let h = s.toks[v].head as usize;
    if h >= s.toks.len() {
        return None;
    }
    match s.toks[v].dep {
        Dep::Xcomp => {
            // ("said the US decision to expel …": a noun right before "to" that an actor owns —
            // however the parser hung the infinitive — is whose act it is.)
            if v >= 2 && s.words[v - 1] == "to" && matches!(s.toks[v - 2].pos, Pos::NN) {
                let n = v - 2;
                if let Some(&o) = s.children[n].iter().find(|&&c| {
                    matches!(s.toks[c].dep, Dep::Compound | Dep::NmodPoss)
                        && s.actors.iter().any(|x| x.first <= c && c < x.end)
                }) {
                    return Some((o, false));
                }
            }
            // Object control ("urged Iran to return", "allowed the opposition to hold a
            // rally") for verbs that ask, let or make someone act, when the object is someone;
            // else the subject is in control ("opened fire to disperse the crowd", "will visit
            // Mauritania and Senegal to mediate").
            let lex = lexicon();
            let controls = lex.desire.contains(s.words[h].as_str())
                || lex.permission.contains(s.words[h].as_str())
                || lex.object_control.contains(s.words[h].as_str());
            let someone = |o: usize| {
                s.toks[o].pos == Pos::PRP || s.actors.iter().any(|x| x.first <= o && o < x.end)
            };
            if let Some(&o) = s.children[h]
                .iter()
                .find(|&&c| s.toks[c].dep == Dep::Obj && controls && someone(c))
            {
                return Some((o, false));
            }
            subject_token(s, h, depth + 1).map(|(t, _)| (t, false))
        }
        // "it would not recognise the result and recalled its ambassador": a finite verb
        // cannot share the modal of a base form; it is coordinated with the finite verb above
        // ("said"), whose subject it shares.
        // (Also a subjunctive the tagger read as present: "demanded that she withdraw/VBP the
        // remarks and summoned Japan's ambassador".)
        Dep::Conj
            if matches!(s.toks[v].pos, Pos::VBD | Pos::VBZ)
                && (s.toks[h].pos == Pos::VB
                    || (s.toks[h].pos == Pos::VBP && s.toks[v].pos == Pos::VBD))
                && matches!(s.toks[h].dep, Dep::Ccomp | Dep::Xcomp)
                && s.toks.get(s.toks[h].head as usize).is_some_and(|g| {
                    matches!(g.pos, Pos::VBD | Pos::VBZ) && g.pos == s.toks[v].pos
                }) =>
        {
            subject_token(s, s.toks[h].head as usize, depth + 1)
        }
        // "told a news conference that there would be no new election and accused …": a
        // finite verb the parser coordinated with a noun shares the subject of the nearest verb
        // above of its own tense.
        Dep::Conj if matches!(s.toks[v].pos, Pos::VBD | Pos::VBZ) && !s.toks[h].pos.is_verb() => {
            let mut g = h;
            for _ in 0..6 {
                g = s.toks[g].head as usize;
                if g >= s.toks.len() {
                    return None;
                }
                if s.toks[g].pos == s.toks[v].pos {
                    return subject_token(s, g, depth + 1);
                }
            }
            None
        }
        // (A finite verb is active whatever the voice of the one it is coordinated with: "it
        // was concerned … and praised Romanian institutions".)
        Dep::Conj => subject_token(s, h, depth + 1).map(|(t, passive)| {
            (
                t,
                passive && !matches!(s.toks[v].pos, Pos::VBD | Pos::VBZ | Pos::VBP),
            )
        }),
        // "…, killing eight people", "met … to discuss": the participle's or the purpose
        // infinitive's subject is the main clause's.
        Dep::Advcl
            if s.toks[v].pos == Pos::VBG
                || s.children[v]
                    .iter()
                    .any(|&c| s.toks[c].dep == Dep::Mark && s.words[c] == "to") =>
        {
            // (A gerund after "to" is active whatever the voice above: "Vietnam is committed
            // to opening up its economy" — Vietnam opens it; "was hit by a strike, killing
            // five" keeps the passive.)
            let after_to = v > 0 && s.words[v - 1] == "to" && s.toks[v].pos == Pos::VBG;
            subject_token(s, h, depth + 1).map(|(t, passive)| (t, passive && !after_to))
        }
        // "will travel to Nuuk next week to meet …": a purpose infinitive the parser hung on a
        // noun has the subject of the verb above that noun.
        Dep::Acl
            if s.children[v]
                .iter()
                .any(|&c| s.toks[c].dep == Dep::Mark && s.words[c] == "to") =>
        {
            // ("the US decision to expel its ambassador", "Russia's plan to cut supplies": the
            // noun's owner acts, when an actor names it.)
            let owner = s.children[h].iter().copied().find(|&c| {
                matches!(s.toks[c].dep, Dep::Compound | Dep::NmodPoss)
                    && c < h
                    && s.actors.iter().any(|x| x.first <= c && c < x.end)
            });
            if let Some(o) = owner {
                return Some((o, false));
            }
            let mut g = h;
            for _ in 0..4 {
                if s.toks[g].pos.is_verb() {
                    return subject_token(s, g, depth + 1).map(|(t, _)| (t, false));
                }
                g = s.toks[g].head as usize;
                if g >= s.toks.len() {
                    return None;
                }
            }
            None
        }
        // "Trump meets Syria's Sharaa in Riyadh, urges him to …": a finite verb set beside
        // another after a comma, with no subject of its own, shares that verb's subject.
        Dep::Parataxis if s.toks[v].pos.is_finite() && s.toks[h].pos.is_finite() => {
            subject_token(s, h, depth + 1)
        }
        // "troops who attacked the town", "forces attacking the town": the noun.
        Dep::AclRelcl | Dep::Acl if s.toks[v].pos != Pos::VBN => Some((h, false)),
        // (Whatever the parser made of it — "Israel delays the vote, accuses/cop Hamas of
        // reneging" — a present-tense verb right after a comma shares the subject of the
        // sentence's first finite verb.)
        _ if s.toks[v].pos == Pos::VBZ && v > 0 && s.words[v - 1] == "," => (0..v - 1)
            .find(|&f| s.toks[f].pos == Pos::VBZ)
            .and_then(|f| subject_token(s, f, depth + 1)),
        _ => None,
    }
}

fn dep_roles(s: &Sent, lex: &Lexicon, v: usize) -> Option<Roles> {
    if s.children.is_empty() || !s.toks[v].dep.is_parsed() {
        return None;
    }
    let pronoun = |t: usize| matches!(s.toks[t].pos, Pos::PRP | Pos::WP | Pos::WDT | Pos::EX);
    let mut r = Roles {
        subject_given: false,
        thing_object: false,
        subject_head: None,
        subject: None,
        partner: None,
        object_given: false,
        object: None,
        object_venue: false,
        passive: false,
        agent: None,
    };
    if let Some((mut t, passive)) = subject_token(s, v, 0) {
        r.passive = passive;
        // "a Malian drone that was shot down by …", "Zelenskyy, who met Trump at the White
        // House on Friday, …": a relative pronoun stands for the noun the clause describes —
        // in a passive clause, or as "who" (an active "which" clause describes more often than
        // it reports an act: "the IMF, which has pushed Kenya to …"; measured worse).
        if (passive || s.toks[t].pos == Pos::WP)
            && matches!(s.toks[t].pos, Pos::WDT | Pos::WP)
            && s.toks[v].dep == Dep::AclRelcl
            && (s.toks[v].head as usize) < s.toks.len()
        {
            t = s.toks[v].head as usize;
        }
        // "The State Department said it was concerned … and praised Romanian institutions":
        // "it"/"they" as the subject of what a speaker says is the speaker.
        if matches!(s.words[t].as_str(), "it" | "they" | "he" | "she") {
            let mut c = v;
            for _ in 0..4 {
                if s.toks[c].dep != Dep::Conj {
                    break;
                }
                c = s.toks[c].head as usize;
                if c >= s.toks.len() {
                    break;
                }
            }
            let speech = (c < s.toks.len() && s.toks[c].dep == Dep::Ccomp)
                .then(|| s.toks[c].head as usize)
                .filter(|&h| h < s.toks.len() && lex.speech.contains(s.words[h].as_str()));
            if let Some((st, _)) = speech.and_then(|h| subject_token(s, h, 0)) {
                if !pronoun(st) && actor_of_phrase(s, st).is_some() {
                    t = st;
                }
            }
        }
        if !pronoun(t) {
            r.subject_given = true;
            r.subject_head = Some(t);
            let found = actor_token_of_phrase(s, t);
            r.subject = found.map(|(a, _)| a);
            // "Germany and France …", "the ministers of Armenia and Azerbaijan": the actor
            // coordinated with the subject's head or with a token of the subject's actor (one
            // actor may span "foreign ministers of Armenia").
            let span = found.map_or(0..0, |(a, _)| s.actors[a].first..s.actors[a].end);
            let heads = std::iter::once(t)
                .chain(found.map(|(_, at)| at))
                .chain(span.clone());
            r.partner = heads
                .flat_map(|h| s.children[h].iter().copied())
                .filter(|&c| s.toks[c].dep == Dep::Conj)
                .find_map(|c| actor_of_phrase(s, c))
                .filter(|&p| Some(p) != r.subject)
                // "Thai and Cambodian troops": the subject's actor is itself the second
                // conjunct of a modifier.
                .or_else(|| {
                    span.clone()
                        .filter(|&k| s.toks[k].dep == Dep::Conj)
                        .find_map(|k| actor_at(s, s.toks[k].head as usize))
                        .filter(|&p| Some(p) != r.subject)
                });
        }
    }
    // "Turkey, which backs some rebel factions and has troops in Idlib, called on Moscow …",
    // "Brazil and Colombia, whose leaders have kept close ties with Caracas, urged …": a finite
    // verb right after the comma that closes a relative clause has the noun before that clause
    // as its subject (the parser often loses it in the long clause).
    if matches!(s.toks[v].pos, Pos::VBD | Pos::VBZ | Pos::VBP | Pos::VBN) && v >= 4 {
        let mut c = v - 1;
        while c > 0 && s.toks[c].pos == Pos::RB {
            c -= 1;
        }
        if s.words[c] == "," {
            let opener = (1..c).rev().find(|&o| {
                matches!(s.words[o].as_str(), "which" | "who" | "whose") && s.words[o - 1] == ","
            });
            if let Some(o) = opener {
                if let Some(k) = s.actors.iter().position(|x| x.end == o - 1) {
                    let (first, partner) = match k.checked_sub(1).and_then(|j| pair_from(s, j)) {
                        Some((x, y)) if y == k => (x, Some(y)),
                        _ => (k, None),
                    };
                    r.subject_given = true;
                    r.subject_head = Some(s.actors[first].first);
                    r.subject = Some(first);
                    r.partner = partner;
                    r.passive = false;
                }
            }
        }
    }
    let mut has_object = false;
    // A time the parser took for the object ("lifted Friday/iobj a blockade/xcomp on …"): the
    // noun it hung as a complement is the object.
    let timed = |c: usize| s.times.iter().any(|(f, e, _)| *f <= c && c < *e);
    let time_object = s.children[v]
        .iter()
        .any(|&c| matches!(s.toks[c].dep, Dep::Obj | Dep::Iobj) && timed(c))
        && s.children[v]
            .iter()
            .any(|&c| s.toks[c].dep == Dep::Xcomp && s.toks[c].pos.is_noun());
    for &c in &s.children[v] {
        let d = s.toks[c].dep;
        let d = if time_object && d == Dep::Xcomp && s.toks[c].pos.is_noun() {
            Dep::Obj
        } else {
            d
        };
        if time_object && matches!(d, Dep::Obj | Dep::Iobj) && timed(c) {
            continue;
        }
        if matches!(d, Dep::Obj | Dep::Iobj) && !r.object_given && !pronoun(c) {
            has_object = true;
            // ("exchanged artillery fire", "traded fire": a reciprocal verb's object is what
            // passes between the pair.)
            r.thing_object = d == Dep::Obj
                && s.toks[c].pos.is_noun()
                && !lex.nouns.contains_key(&s.words[c])
                && !lex.reciprocal.contains(s.words[v].as_str())
                && !s
                    .actors
                    .iter()
                    .any(|x| x.first <= c && c < x.end && !x.bare);
            if let Some(a) = actor_of_phrase(s, c) {
                r.object_given = true;
                r.object = Some(a);
            }
        }
        if d == Dep::OblAgent || (d == Dep::Obl && case_of(s, c) == Some("by") && r.passive) {
            r.agent = actor_of_phrase(s, c);
        }
    }
    // "boats were rammed and boarded by Chinese coast guard vessels": coordinated passive
    // participles share the agent the last one names.
    if r.passive && r.agent.is_none() {
        r.agent = s.children[v]
            .iter()
            .filter(|&&c| s.toks[c].dep == Dep::Conj && s.toks[c].pos == Pos::VBN)
            .flat_map(|&c| s.children[c].iter().copied())
            .filter(|&g| s.toks[g].dep == Dep::OblAgent)
            .find_map(|g| actor_of_phrase(s, g));
    }
    if !r.object_given {
        // A prepositional object: "attacked … against Belarus", "talks with Washington".
        for &c in &s.children[v] {
            if s.toks[c].dep.universal() != Dep::Obl {
                continue;
            }
            let to_whom = matches!(
                case_of(s, c),
                Some(
                    "against"
                        | "on"
                        | "with"
                        | "to"
                        | "into"
                        | "toward"
                        | "towards"
                        | "over"
                        | "at"
                        | "upon"
                )
            );
            if to_whom {
                if let Some(a) = actor_of_phrase(s, c) {
                    r.object_given = true;
                    r.object = Some(a);
                    r.object_venue =
                        matches!(case_of(s, c), Some("on" | "at")) && actor_at(s, c).is_none();
                    break;
                }
            }
        }
    }
    if !r.object_given && has_object {
        // The object names no actor ("mobilized reservists for a war against Iraq"): the one
        // a non-locative prepositional phrase of the verb names, else none — never a name from
        // a later clause ("met … to discuss efforts to counter Islamic State").
        r.object_given = true;
        r.object = s.children[v]
            .iter()
            .filter(|&&c| s.toks[c].dep.universal() == Dep::Obl)
            .filter(|&&c| {
                !case_of(s, c).is_some_and(|w| {
                    lex.locative.contains(w) || matches!(w, "by" | "during" | "after" | "before")
                })
            })
            .find_map(|&c| actor_of_phrase(s, c));
    }
    Some(r)
}

/// Acts done between two parties when a pair is their subject and nothing else is named:
/// statements of accord, intents, consultations, cooperation, agreements, fighting.
fn symmetric(code: &str) -> bool {
    matches!(code.get(..2), Some("01" | "03" | "04" | "05" | "06" | "19"))
        || code.starts_with("087")
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
