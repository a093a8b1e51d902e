//! Mention finding, typing, clustering and linking.
use std::collections::HashMap;

use dateline_kb::Kb;
use dateline_model::{
    Analysis, Article, Entity, EntityType, Mention, Pos, TextIndex, Token, ZoneKind,
};

use crate::gazetteer::{norm, Target};
use crate::lexicon::Gender;
use crate::Linker;

/// A piece of a token: tokens with inner hyphens ("US-Russia") are looked at part by part.
#[derive(Debug, Clone, Copy)]
struct Unit<'t> {
    text: &'t str,
    bs: usize,
    be: usize,
    pos: Pos,
    /// Index of the sentence.
    sent: u32,
    /// First unit of its sentence.
    sent_start: bool,
    /// Whitespace before this unit.
    space_before: bool,
}

#[derive(Debug, Clone)]
enum Kind {
    /// A name; `Some` when the knowledge base knows it.
    Name(Option<Target>),
    /// A definite title phrase ("the Kremlin spokesman"): the title and its anchor mention.
    Title(String, Option<usize>),
    /// he/she/his/her.
    Pronoun(Gender),
}

#[derive(Debug, Clone)]
struct Cand {
    /// Units `[start, end)`.
    start: usize,
    end: usize,
    kind: Kind,
    /// For names: the title before it ("spokesman") and that title's anchor candidate.
    title: Option<(String, Option<usize>)>,
    cluster: Option<usize>,
}

#[derive(Debug, Clone)]
struct Cluster {
    etype: EntityType,
    target: Option<Target>,
    name: String,
    gender: Option<Gender>,
    /// Titles given to it in the text ("spokesman") with their anchors' actor codes.
    titles: Vec<(String, Option<String>)>,
    actor: Option<String>,
    mentions: Vec<usize>,
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn is_acronym(s: &str) -> bool {
    s.chars().count() >= 2 && s.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
}

fn singular(title: &str) -> String {
    for (pl, sg) in [
        ("spokesmen", "spokesman"),
        ("presidents", "president"),
        ("ministers", "minister"),
        ("leaders", "leader"),
    ] {
        if let Some(stem) = title.strip_suffix(pl) {
            return format!("{stem}{sg}");
        }
    }
    title.to_string()
}

/// Builds the units of every sentence (hyphenated tokens split unless the whole is a name).
fn units<'t>(
    linker: &Linker,
    text: &'t str,
    tokens: &[Token],
    analysis: &Analysis,
) -> Vec<Unit<'t>> {
    let mut out = Vec::with_capacity(tokens.len() + 8);
    let Some(sentences) = analysis.sentences.as_ref() else {
        return out;
    };
    for (si, s) in sentences.iter().enumerate() {
        if s.zone == ZoneKind::DisplayDate {
            continue;
        }
        let toks = &tokens[s.first_token as usize..(s.end_token as usize).min(tokens.len())];
        // An all-capitals zone (wire headlines) says nothing about names: skip it.
        let (mut up, mut letters) = (0usize, 0usize);
        for t in toks {
            for c in t.text(text).chars().filter(|c| c.is_alphabetic()) {
                letters += 1;
                up += c.is_uppercase() as usize;
            }
        }
        if letters > 12 && up * 10 > letters * 7 {
            continue;
        }
        let mut first = true;
        let mut prev_end = usize::MAX;
        for t in toks {
            // Opening quotes and brackets do not end a sentence's start.
            let opener = matches!(t.pos, Pos::OQUOTE | Pos::LRB)
                || matches!(t.text(text), "\"" | "“" | "‘" | "'" | "(" | "[" | "«");
            let w = t.text(text);
            let (bs, be) = (t.start_byte as usize, t.end_byte as usize);
            let space_before = prev_end != bs;
            prev_end = be;
            let split = w.len() > 2
                && w.contains('-')
                && starts_upper(w)
                && linker.gaz.longest(&[w]).is_none_or(|(n, _)| n != 1);
            if split {
                let mut off = 0;
                for (k, part) in w.split('-').enumerate() {
                    if k > 0 {
                        out.push(Unit {
                            text: &w[off - 1..off],
                            bs: bs + off - 1,
                            be: bs + off,
                            pos: Pos::HYPH,
                            sent: si as u32,
                            sent_start: false,
                            space_before: false,
                        });
                    }
                    if !part.is_empty() {
                        out.push(Unit {
                            text: part,
                            bs: bs + off,
                            be: bs + off + part.len(),
                            pos: if starts_upper(part) { Pos::NNP } else { t.pos },
                            sent: si as u32,
                            sent_start: first && k == 0,
                            space_before: k == 0 && space_before,
                        });
                    }
                    off += part.len() + 1;
                }
            } else {
                out.push(Unit {
                    text: w,
                    bs,
                    be,
                    pos: t.pos,
                    sent: si as u32,
                    sent_start: first,
                    space_before,
                });
            }
            // After a spaced dash (the end of a wire dateline "LONDON (Reuters) - ") capitals
            // say nothing either.
            let dash = matches!(w, "-" | "–" | "—" | "--") && space_before;
            first = (first && opener) || dash;
        }
    }
    out
}

pub(crate) fn run(linker: &Linker, article: &Article, analysis: &Analysis) -> Vec<Entity> {
    let Some(tokens) = analysis.tokens.as_ref() else {
        return Vec::new();
    };
    let text = article.text.as_str();
    let u = units(linker, text, tokens, analysis);
    let date = article.published.as_deref();
    let lex = &linker.lex;
    let kb = linker.kb;

    let idx = TextIndex::new(text);
    // 1. Candidates, in text order.
    let mut cands: Vec<Cand> = Vec::new();
    let same_sent = |a: usize, b: usize| u[a].sent == u[b].sent;
    // Words capitalised inside sentences: at a sentence start, where every word is
    // capitalised, a word is a name only if the tagger says so or the article or the knowledge
    // base uses it as one ("Peskov added …").
    let inner_names: std::collections::HashSet<&str> = u
        .iter()
        .filter(|x| !x.sent_start && starts_upper(x.text) && matches!(x.pos, Pos::NNP | Pos::NNPS))
        .map(|x| x.text)
        .collect();
    let is_name_unit = |k: usize| -> bool {
        let w = u[k].text;
        if !starts_upper(w) || lex.not_names.contains(w) {
            return false;
        }
        // A letter before a hyphen is a model number ("F-16", "S-400"), not a name.
        if w.chars().count() == 1 && u.get(k + 1).is_some_and(|n| n.text == "-") {
            return false;
        }
        if u[k].sent_start {
            // A lone word at a sentence start is a name only if the article or the knowledge
            // base uses it as one: the tagger cannot tell "Grain exports" from "Gazprom said".
            let lone = !(k + 1 < u.len() && same_sent(k, k + 1) && starts_upper(u[k + 1].text));
            return (matches!(u[k].pos, Pos::NNP | Pos::NNPS) && !lone)
                || inner_names.contains(w)
                || is_acronym(w)
                // a surname of someone in office now, or any known surname the tagger calls a
                // proper noun ("Note the …" is no name though some Phoenix minister is a Note)
                || linker.gaz.current_surnames.contains(w)
                || (matches!(u[k].pos, Pos::NNP | Pos::NNPS) && linker.gaz.surnames.contains_key(w))
                || (u[k].pos == Pos::X
                    && k + 1 < u.len()
                    && same_sent(k, k + 1)
                    && starts_upper(u[k + 1].text));
        }
        !matches!(
            u[k].pos,
            Pos::PRP | Pos::PRPS | Pos::DT | Pos::IN | Pos::CC | Pos::WP | Pos::WDT | Pos::WRB
        )
    };
    let mut i = 0;
    while i < u.len() {
        let w = u[i].text;
        let lw = w.to_lowercase();
        if let Some(g) = lex.pronouns.get(lw.as_str()) {
            if matches!(u[i].pos, Pos::PRP | Pos::PRPS | Pos::X) {
                cands.push(Cand {
                    start: i,
                    end: i + 1,
                    kind: Kind::Pronoun(*g),
                    title: None,
                    cluster: None,
                });
            }
            i += 1;
            continue;
        }
        // Lower-case words start nothing, except a knowledge-base name opened by a particle
        // ("al-Qaeda", "von der Leyen").
        let lower = !starts_upper(w);
        if lower && !linker.gaz.starts_lower_name(w) {
            i += 1;
            continue;
        }
        // Knowledge-base names, longest first, within the sentence.
        let mut sent_end = i;
        while sent_end < u.len() && u[sent_end].sent == u[i].sent {
            sent_end += 1;
        }
        let words: Vec<&str> = u[i..sent_end.min(i + 8)].iter().map(|x| x.text).collect();
        let kb_name = linker.gaz.longest(&words);
        if lower && kb_name.is_none() {
            i += 1;
            continue;
        }
        if let Some((n, targets)) = kb_name {
            let t = choose_target(kb, targets, date);
            let demonym = matches!(t, Target::Demonym(_) | Target::RegionDemonym(_));
            // At a sentence start capitals say nothing, and the tagger is unsure: trust the
            // knowledge base for countries, capitals, seats and people, and for any name the
            // article also uses inside a sentence; doubt the rest ("Nice", "Reading").
            let strong = matches!(
                t,
                Target::Country(_) | Target::Capital(_) | Target::Seat(..) | Target::Person(_)
            );
            let doubtful = u[i].sent_start
                && n == 1
                && !demonym
                && !strong
                && !inner_names.contains(w)
                && !matches!(u[i].pos, Pos::NNP | Pos::NNPS | Pos::X);
            // A place opening a body's full name ("Kenya National Commission on Human Rights")
            // is part of that name: the capitalised run after it holds a named-body head and
            // then "of", "for" or "on" and a capitalised word.
            let opens_body = matches!(t, Target::Country(_) | Target::Demonym(_)) && {
                let mut k = i + n;
                let mut head = false;
                while k < sent_end && starts_upper(u[k].text) {
                    head |= lex.named_body_heads.contains(&u[k].text.to_lowercase());
                    k += 1;
                }
                head && k + 1 < sent_end
                    && matches!(u[k].text, "of" | "for" | "on")
                    && starts_upper(u[k + 1].text)
            };
            // "Defence Minister Aden Duale": a one-word place right after a person's title and
            // before another capitalised name is the person's first name.
            let first_name = n == 1
                && matches!(t, Target::Place(_) | Target::Capital(_))
                && i > 0
                && (1..=lex.max_title_words.min(i)).any(|m| {
                    let key: Vec<String> =
                        u[i - m..i].iter().map(|x| x.text.to_lowercase()).collect();
                    lex.titles.contains_key(&key.join(" "))
                })
                && i + 1 < sent_end
                && starts_upper(u[i + 1].text)
                && linker.gaz.longest(&[u[i + 1].text]).is_none();
            let not_a_name = n == 1 && lex.not_names.contains(w);
            if !(doubtful || opens_body || first_name || not_a_name) {
                // A person's name given with a title ("President Bush", an alias kept because
                // the surname alone is shared): the mention is the name, the title stays a title.
                let skip = match t {
                    Target::Person(_) => (1..n)
                        .rev()
                        .find(|&k| {
                            let key: Vec<String> =
                                u[i..i + k].iter().map(|x| x.text.to_lowercase()).collect();
                            lex.titles.contains_key(&key.join(" "))
                        })
                        .unwrap_or(0),
                    _ => 0,
                };
                cands.push(Cand {
                    start: i + skip,
                    end: i + n,
                    kind: Kind::Name(Some(t)),
                    title: None,
                    cluster: None,
                });
                i += n;
                continue;
            }
            if lower {
                i += 1;
                continue;
            }
        }
        // Title words ("Foreign Minister") are not names themselves.
        if let Some(n) = (1..=lex.max_title_words.min(sent_end - i))
            .rev()
            .find(|&n| {
                let key: Vec<String> = u[i..i + n].iter().map(|x| x.text.to_lowercase()).collect();
                lex.titles.contains_key(&key.join(" "))
            })
        {
            i += n;
            continue;
        }
        if is_name_unit(i) {
            let mut j = i + 1;
            // Name particles ("de la", "al-", "van der") inside a name: the position after them
            // and the capitalised word they lead to.
            let particle_run = |j: usize| -> Option<usize> {
                let mut k = j;
                while k < sent_end
                    && k < j + 3
                    && lex.particles.contains(&u[k].text.to_lowercase())
                    && !matches!(u[k].text, "of" | "for" | "and" | "the" | "on")
                {
                    k += 1;
                    if k < sent_end && u[k].text == "-" && !u[k].space_before {
                        k += 1;
                    }
                }
                (k > j && k < sent_end && is_name_unit(k)).then_some(k + 1)
            };
            let has_head = |a: usize, b: usize| {
                (a..b).any(|k| lex.org_heads.contains(&u[k].text.to_lowercase()))
            };
            loop {
                if j < sent_end
                    && is_name_unit(j)
                    && linker
                        .gaz
                        .longest(&[u[j].text])
                        .is_none_or(|_| j > i && !u[j].space_before)
                {
                    j += 1;
                } else if let Some(after) = particle_run(j) {
                    // "Humberto de la Calle", "Turki al-Maliki", "Ursula von der Leyen".
                    j = after;
                } else if j + 1 < sent_end
                    && is_name_unit(j + 1)
                    // "Commission on Human Rights", "Observatory for Human Rights".
                    && matches!(u[j].text, "of" | "for" | "on")
                    && has_head(i, j)
                {
                    j += 2;
                } else if j + 2 < sent_end
                    && matches!(u[j].text, "of" | "for")
                    && u[j + 1].text == "the"
                    && is_name_unit(j + 2)
                    && has_head(i, j)
                {
                    // "Kiel Institute for the World Economy", "Bank of the South".
                    j += 3;
                } else if j + 1 < sent_end
                    && u[j].text == "-"
                    && !u[j].space_before
                    && !u[j + 1].space_before
                    && is_name_unit(j + 1)
                {
                    j += 2;
                } else {
                    break;
                }
            }
            cands.push(Cand {
                start: i,
                end: j,
                kind: Kind::Name(None),
                title: None,
                cluster: None,
            });
            i = j;
            continue;
        }
        i += 1;
    }

    // 2. Titles: before a name (an appositive title: "Kremlin spokesman Dmitry Peskov"), or
    //    alone after "the" (a title phrase that refers back: "the Kremlin spokesman").
    let max_t = lex.max_title_words;
    let title_ending_at = |end: usize, floor: usize| -> Option<(usize, String)> {
        for n in (1..=max_t).rev() {
            if end < n || end - n < floor {
                continue;
            }
            let s = end - n;
            if !(s..end).all(|k| u[k].sent == u[end - 1].sent) {
                continue;
            }
            let key: Vec<String> = (s..end).map(|k| u[k].text.to_lowercase()).collect();
            let key = key.join(" ");
            if lex.titles.contains_key(&key) {
                return Some((s, key));
            }
        }
        None
    };
    let mut extra: Vec<Cand> = Vec::new();
    let name_at: HashMap<usize, usize> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.kind, Kind::Name(_)))
        .map(|(ci, c)| (c.start, ci))
        .collect();
    let name_ending: HashMap<usize, usize> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.kind, Kind::Name(_)))
        .map(|(ci, c)| (c.end, ci))
        .collect();
    let cand_sent: Vec<u32> = cands.iter().map(|c| u[c.start].sent).collect();
    let anchor_before = |s: usize| -> Option<usize> {
        if s == 0 {
            return None;
        }
        let mut e = s;
        if matches!(norm(u[e - 1].text).as_ref(), "'s" | "'") {
            e -= 1;
        }
        name_ending
            .get(&e)
            .copied()
            .filter(|&ci| cand_sent[ci] == u[s].sent)
    };
    for ci in 0..cands.len() {
        if !matches!(cands[ci].kind, Kind::Name(_)) {
            continue;
        }
        let s = cands[ci].start;
        let floor = if ci > 0 { cands[ci - 1].end } else { 0 };
        if let Some((ts, title)) = title_ending_at(s, floor) {
            cands[ci].title = Some((singular(&title), anchor_before(ts)));
        } else if s >= 1
            && matches!(u[s - 1].text, "and" | ",")
            && ci > 0
            && cands[ci - 1].end + 1 == s
        {
            // "presidents Vladimir Putin and Donald Trump": the second name shares a plural
            // title; a singular one ("Japanese Prime Minister Shinzo Abe and Donald Trump")
            // is the first name's alone.
            let prev_floor = if ci > 1 { cands[ci - 2].end } else { 0 };
            let plural = title_ending_at(cands[ci - 1].start, prev_floor)
                .is_some_and(|(_, t)| singular(&t) != t);
            if let (true, Some(t)) = (plural, cands[ci - 1].title.clone()) {
                cands[ci].title = Some(t);
            }
        }
    }
    for k in 0..u.len() {
        // A title phrase not followed by a name.
        let Some((ts, title)) = title_ending_at(k + 1, 0) else {
            continue;
        };
        if title.ends_with('s') && title != "boss" || name_at.contains_key(&(k + 1)) {
            continue;
        }
        if k + 1 < u.len() && starts_upper(u[k + 1].text) && same_sent(k, k + 1) {
            continue;
        }
        let anchor = anchor_before(ts);
        let det_at = anchor.map(|a| cands[a].start).unwrap_or(ts);
        if det_at == 0 || !matches!(u[det_at - 1].text, "the" | "The") || !same_sent(det_at - 1, k)
        {
            continue;
        }
        if anchor.is_none() && lex.titles[&title].code.is_none() {
            continue;
        }
        extra.push(Cand {
            start: det_at - 1,
            end: k + 1,
            kind: Kind::Title(title, anchor),
            title: None,
            cluster: None,
        });
    }

    // 3. Clusters of names.
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let span_text = |a: usize, b: usize| &text[u[a].bs..u[b - 1].be];
    let actor_of = |t: Target| -> Option<String> { target_actor(kb, t, date) };
    // Known names first, then unknown multi-word names, then unknown single words.
    let mut order: Vec<usize> = (0..cands.len())
        .filter(|&c| matches!(cands[c].kind, Kind::Name(Some(_))))
        .collect();
    order.extend((0..cands.len()).filter(|&c| {
        matches!(cands[c].kind, Kind::Name(None)) && cands[c].end - cands[c].start > 1
    }));
    order.extend((0..cands.len()).filter(|&c| {
        matches!(cands[c].kind, Kind::Name(None)) && cands[c].end - cands[c].start == 1
    }));
    for ci in order {
        let c = cands[ci].clone();
        let surface = span_text(c.start, c.end).to_string();
        let key;
        let mut new_cluster: Option<Cluster> = None;
        match c.kind {
            Kind::Name(Some(t)) => {
                key = format!("kb:{t:?}");
                if !by_key.contains_key(&key) {
                    new_cluster = Some(Cluster {
                        etype: t.entity_type(kb),
                        target: Some(t),
                        name: target_name(kb, t),
                        gender: match t {
                            Target::Person(p) => match kb.people[p as usize].gender {
                                Some('m') => Some(Gender::Male),
                                Some('f') => Some(Gender::Female),
                                _ => None,
                            },
                            _ => None,
                        },
                        titles: Vec::new(),
                        actor: actor_of(t),
                        mentions: Vec::new(),
                    });
                }
            }
            _ => {
                let n = c.end - c.start;
                let last = norm(u[c.end - 1].text).into_owned();
                // A lone word that ends a person's name already in the article is that person.
                let in_article = if n == 1 {
                    clusters.iter().position(|cl| {
                        cl.etype == EntityType::Person
                            && cl.mentions.iter().any(|&m| {
                                let mc = &cands[m];
                                mc.end - mc.start > 1 && norm(u[mc.end - 1].text) == last
                            })
                    })
                } else {
                    None
                };
                // ... or the first word of one, for people written family name first ("Xi" for
                // Xi Jinping, "Hun" for Hun Manet).
                let in_article = in_article.or_else(|| {
                    if n != 1 {
                        return None;
                    }
                    let first = norm(u[c.start].text).into_owned();
                    clusters.iter().position(|cl| {
                        cl.etype == EntityType::Person
                            && cl
                                .actor
                                .as_deref()
                                .and_then(|a| a.get(..3))
                                .is_some_and(|c3| linker.lex.family_name_first.contains(c3))
                            && cl.name.split(' ').count() > 1
                            && cl.name.split(' ').next() == Some(first.as_str())
                    })
                });
                let known = if in_article.is_some() {
                    None
                } else if n == 1 {
                    // ... or a person the knowledge base knows by that surname alone, who has a
                    // role on the article's date (several share it: the one the date fits best).
                    linker.gaz.surnames.get(&last).and_then(|people| {
                        if c.title.is_none() && u[c.start].pos != Pos::NNP {
                            return None;
                        }
                        let eligible: Vec<u32> = people
                            .iter()
                            .copied()
                            .filter(|&p| in_office(kb, p, date))
                            .collect();
                        pick_person(kb, &eligible, date)
                    })
                } else {
                    // A known person's name without some of its middle words ("Omar Hassan
                    // al-Bashir" for Omar Hassan Ahmad al-Bashir): same first and last word, the
                    // others in order.
                    let words: Vec<String> = (c.start..c.end)
                        .map(|k| norm(u[k].text).into_owned())
                        .collect();
                    linker.gaz.surnames.get(&last).and_then(|people| {
                        let fits: Vec<u32> = people
                            .iter()
                            .copied()
                            .filter(|&p| {
                                let name = &kb.people[p as usize].name;
                                name.split(' ').next() == Some(words[0].as_str())
                                    && name.split(' ').count() > words.len()
                                    && in_order(&words, name)
                                    && in_office(kb, p, date)
                            })
                            .collect();
                        pick_person(kb, &fits, date)
                    })
                };
                let joined = in_article.or_else(|| {
                    let p = known?;
                    let t = Target::Person(p);
                    let key = format!("kb:{t:?}");
                    if let Some(&k) = by_key.get(&key) {
                        return Some(k);
                    }
                    clusters.push(Cluster {
                        etype: EntityType::Person,
                        target: Some(t),
                        name: target_name(kb, t),
                        gender: match kb.people[p as usize].gender {
                            Some('m') => Some(Gender::Male),
                            Some('f') => Some(Gender::Female),
                            _ => None,
                        },
                        titles: Vec::new(),
                        actor: actor_of(t),
                        mentions: Vec::new(),
                    });
                    by_key.insert(key, clusters.len() - 1);
                    Some(clusters.len() - 1)
                });
                if let Some(k) = joined {
                    cands[ci].cluster = Some(k);
                    clusters[k].mentions.push(ci);
                    if let Some(t) = &c.title {
                        let anchor = t.1.and_then(|a| cluster_actor(&cands, &clusters, a));
                        clusters[k].titles.push((t.0.clone(), anchor));
                    }
                    continue;
                }
                let in_dateline = article
                    .zones_of(ZoneKind::Dateline)
                    .any(|z| z.span.contains(index_span(&idx, &u, c.start, c.end)));
                let etype = if in_dateline {
                    EntityType::Gpe
                } else {
                    type_unknown(linker, &u, &c)
                };
                key = format!("name:{}:{}", etype.label(), norm(&surface));
                if !by_key.contains_key(&key) {
                    let gender = if etype == EntityType::Person {
                        lex.first_names.get(u[c.start].text).copied()
                    } else {
                        None
                    };
                    new_cluster = Some(Cluster {
                        etype,
                        target: None,
                        name: surface.clone(),
                        gender,
                        titles: Vec::new(),
                        actor: None,
                        mentions: Vec::new(),
                    });
                }
            }
        }
        if let Some(cl) = new_cluster {
            clusters.push(cl);
            by_key.insert(key.clone(), clusters.len() - 1);
        }
        let k = by_key[&key];
        cands[ci].cluster = Some(k);
        clusters[k].mentions.push(ci);
        if let Some(t) = &c.title {
            let anchor_code = t.1.and_then(|a| cluster_actor(&cands, &clusters, a));
            clusters[k].titles.push((t.0.clone(), anchor_code));
            if clusters[k].gender.is_none() {
                clusters[k].gender = lex.titles.get(&t.0).and_then(|x| x.gender);
            }
        }
    }
    // Unknown single names in a list take the type of a known neighbour ("the ports of Odesa,
    // Chornomorsk and Pivdennyi").
    for _ in 0..2 {
        for ci in 0..cands.len() {
            let Kind::Name(None) = cands[ci].kind else {
                continue;
            };
            let Some(k) = cands[ci].cluster else { continue };
            let single_word = cands[ci].end - cands[ci].start == 1;
            if !single_word || clusters[k].mentions.len() != 1 || clusters[k].target.is_some() {
                continue;
            }
            let linked = |other: usize, between: usize| -> bool {
                matches!(u[between].text, "," | "and" | "or")
                    && u[between].sent == u[cands[ci].start].sent
                    && {
                        let _ = other;
                        true
                    }
            };
            let mut neighbour_type = None;
            if ci > 0
                && cands[ci - 1].end + 1 == cands[ci].start
                && linked(ci - 1, cands[ci - 1].end)
            {
                neighbour_type = cands[ci - 1].cluster.map(|n| clusters[n].etype);
            }
            if neighbour_type.is_none()
                && ci + 1 < cands.len()
                && cands[ci].end + 1 == cands[ci + 1].start
                && linked(ci + 1, cands[ci].end)
            {
                neighbour_type = cands[ci + 1].cluster.map(|n| clusters[n].etype);
            }
            if let Some(t) =
                neighbour_type.filter(|t| matches!(t, EntityType::Gpe | EntityType::Loc))
            {
                clusters[k].etype = t;
            }
        }
    }
    // Unknown institutions named by a generic agent take their country's code joined with the
    // agent's role: "Russian Foreign Ministry" → RUSGOV, "Turkey's Interior Ministry" → TURGOV.
    for ci in 0..cands.len() {
        let Kind::Name(None) = cands[ci].kind else {
            continue;
        };
        let Some(k) = cands[ci].cluster else { continue };
        if clusters[k].target.is_some()
            || clusters[k].actor.is_some()
            || clusters[k].etype != EntityType::Org
        {
            continue;
        }
        let Some((role, prefix)) = linker.agents.get(&clusters[k].name.to_lowercase()).cloned()
        else {
            continue;
        };
        let mut e = cands[ci].start;
        if e > 0 && matches!(norm(u[e - 1].text).as_ref(), "'s" | "'") {
            e -= 1;
        }
        let country = (0..ci)
            .rev()
            .find(|&p| cands[p].end == e && u[cands[p].start].sent == u[cands[ci].start].sent)
            .and_then(|p| cands[p].cluster)
            .and_then(|p| clusters[p].actor.clone())
            .filter(|c| c.len() == 3);
        if let Some(c) = country {
            clusters[k].actor = Some(if prefix {
                format!("{role}{c}")
            } else {
                format!("{c}{role}")
            });
        }
    }
    // A known person whose title the text ties to a country none of their roles belongs to is
    // someone else of the same name: "British Defence Secretary Tom King" is not the Solomon
    // Islands minister Tom King. The entity is unlinked and coded from its title below.
    for cl in clusters.iter_mut() {
        let Some(Target::Person(p)) = cl.target else {
            continue;
        };
        let roles = &kb.people[p as usize].roles;
        let elsewhere = cl.titles.iter().any(|(_, anchor)| {
            anchor.as_deref().is_some_and(|a| {
                a.len() >= 3 && !roles.iter().any(|r| r.code.get(..3) == a.get(..3))
            })
        });
        if elsewhere {
            cl.target = None;
            cl.actor = None;
        }
    }
    // With no article date a known person's code is their most recent; a title in the text
    // says which of their roles is meant: "President Dawda Jawara" is the president (GMBGOV),
    // not the later elite (GMBELI).
    if !has_day(date) {
        for cl in clusters.iter_mut() {
            let Some(Target::Person(p)) = cl.target else {
                continue;
            };
            let Some(want) = cl
                .titles
                .iter()
                .find_map(|(t, _)| lex.titles.get(t)?.code.clone())
            else {
                continue;
            };
            let agrees = |c: &str| c.get(3..).is_some_and(|r| r.starts_with(want.as_str()));
            if cl.actor.as_deref().is_some_and(agrees) {
                continue;
            }
            let roles = &kb.people[p as usize].roles;
            if let Some(r) = roles.iter().filter(|r| agrees(&r.code)).max_by(|a, b| {
                (a.end.is_none(), &a.end, &a.start).cmp(&(b.end.is_none(), &b.end, &b.start))
            }) {
                cl.actor = Some(r.code.clone());
            }
        }
    }
    // Unknown people take a code from their title: "Ukrainian Foreign Minister X" → UKRGOV.
    for cl in clusters.iter_mut() {
        if cl.actor.is_none() && cl.etype == EntityType::Person {
            cl.actor = cl.titles.iter().find_map(|(t, anchor)| {
                let anchor = anchor.as_ref()?;
                if anchor.len() > 3 {
                    return Some(anchor.clone());
                }
                let code = lex.titles.get(t)?.code.clone()?;
                Some(format!("{anchor}{code}"))
            });
        }
    }

    // 4. Title phrases and pronouns join the cluster they refer to.
    let mut all = cands;
    let first_extra = all.len();
    all.extend(extra);
    for ci in first_extra..all.len() {
        let Kind::Title(title, anchor) = all[ci].kind.clone() else {
            continue;
        };
        let anchor_code = anchor.and_then(|a| cluster_actor(&all, &clusters, a));
        let country = anchor_code.as_deref().map(|c| &c[..c.len().min(3)]);
        let sg = singular(&title);
        let matches: Vec<usize> = clusters
            .iter()
            .enumerate()
            .filter(|(_, cl)| cl.etype == EntityType::Person)
            .filter(|(_, cl)| {
                let by_text = cl.titles.iter().any(|(t, a)| {
                    *t == sg
                        && (country.is_none()
                            || a.as_deref().map(|a| &a[..a.len().min(3)]) == country)
                });
                let by_kb = match cl.target {
                    Some(Target::Person(p)) => {
                        let roles = &kb.people[p as usize].roles;
                        Kb::code_on(roles, date).is_some_and(|r| {
                            r.role
                                .as_deref()
                                .is_some_and(|role| role.to_lowercase().contains(&sg))
                                && country.is_none_or(|c| {
                                    r.code.starts_with(c)
                                        || anchor_code.as_deref() == Some(r.code.as_str())
                                })
                        })
                    }
                    _ => false,
                };
                by_text || by_kb
            })
            .map(|(k, _)| k)
            .collect();
        if matches.len() == 1 {
            all[ci].cluster = Some(matches[0]);
            clusters[matches[0]].mentions.push(ci);
        }
    }
    // Mentions in text order, to find the salient person before each pronoun.
    let mut by_pos: Vec<usize> = (0..all.len())
        .filter(|&c| all[c].cluster.is_some())
        .collect();
    by_pos.sort_by_key(|&c| all[c].start);
    for ci in 0..all.len() {
        let Kind::Pronoun(g) = all[ci].kind else {
            continue;
        };
        let here = all[ci].start;
        let s = u[here].sent;
        let mut chosen = None;
        for back in 0..=2u32 {
            if back > s {
                break;
            }
            let sent = s - back;
            let first_person = by_pos.iter().copied().find(|&m| {
                let c = &all[m];
                u[c.start].sent == sent
                    && (back > 0 || c.end <= here)
                    && c.cluster.is_some_and(|k| {
                        clusters[k].etype == EntityType::Person
                            && clusters[k].gender.is_none_or(|cg| cg == g)
                    })
            });
            if let Some(m) = first_person {
                chosen = all[m].cluster;
                break;
            }
        }
        if let Some(k) = chosen {
            all[ci].cluster = Some(k);
            clusters[k].mentions.push(ci);
            by_pos.push(ci);
            by_pos.sort_by_key(|&c| all[c].start);
        }
    }

    // 5. Entities in order of first mention.
    let index = &idx;
    let mut firsts: Vec<(usize, usize)> = clusters
        .iter()
        .enumerate()
        .filter_map(|(k, cl)| {
            cl.mentions
                .iter()
                .map(|&m| all[m].start)
                .min()
                .map(|s| (s, k))
        })
        .collect();
    firsts.sort();
    let mut out = Vec::with_capacity(firsts.len());
    for (n, (_, k)) in firsts.into_iter().enumerate() {
        let cl = &clusters[k];
        let mut ms: Vec<usize> = cl.mentions.clone();
        ms.sort_by_key(|&m| all[m].start);
        ms.dedup();
        let mentions: Vec<Mention> = ms
            .iter()
            .map(|&m| {
                let c = &all[m];
                let (bs, be) = (u[c.start].bs, u[c.end - 1].be);
                Mention {
                    span: index.span(bs, be),
                    text: text[bs..be].to_string(),
                    sentence: Some(u[c.start].sent),
                }
            })
            .collect();
        let name = if cl.target.is_none() && cl.etype == EntityType::Person {
            // The longest name used for an unknown person ("Olena Marchenko" over "Marchenko").
            ms.iter()
                .filter(|&&m| matches!(all[m].kind, Kind::Name(_)))
                .map(|&m| span_text(all[m].start, all[m].end))
                .max_by_key(|s| s.len())
                .unwrap_or(&cl.name)
                .to_string()
        } else {
            cl.name.clone()
        };
        out.push(Entity {
            id: format!("e{n}"),
            name,
            kind: cl.etype,
            actor: cl.actor.clone(),
            wikidata: cl.target.and_then(|t| target_wikidata(kb, t)),
            mentions,
        });
    }
    out
}

/// The char span of units `[a, b)`.
fn index_span(idx: &TextIndex, u: &[Unit], a: usize, b: usize) -> dateline_model::Span {
    idx.span(u[a].bs, u[b - 1].be)
}

/// The actor code of the cluster a candidate belongs to.
fn cluster_actor(cands: &[Cand], clusters: &[Cluster], ci: usize) -> Option<String> {
    clusters.get(cands.get(ci)?.cluster?)?.actor.clone()
}

/// Types an unknown name from its context.
fn type_unknown(linker: &Linker, u: &[Unit], c: &Cand) -> EntityType {
    let lex = &linker.lex;
    if c.title.is_some() {
        return EntityType::Person;
    }
    let words: Vec<&str> = u[c.start..c.end].iter().map(|x| x.text).collect();
    // Peoples, faiths and political camps named alone ("Uyghur", "Sikh", "Shi'ite").
    if words.len() == 1 && lex.groups.contains(&words[0].to_lowercase()) {
        return EntityType::Norp;
    }
    // The last word names the kind of place ("Barents Sea", "Kursk Oblast") ...
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    if words.len() > 1 && lex.loc_heads.contains(&last) {
        return EntityType::Loc;
    }
    if words.len() > 1 && lex.gpe_heads.contains(&last) {
        return EntityType::Gpe;
    }
    // ... and an organisation word anywhere makes an organisation ("Bank of England").
    if words
        .iter()
        .any(|w| lex.org_heads.contains(&w.to_lowercase()))
    {
        return EntityType::Org;
    }
    if lex.first_names.contains_key(words[0]) && words.len() > 1 {
        return EntityType::Person;
    }
    if words.len() == 1 && is_acronym(words[0]) {
        return EntityType::Org;
    }
    let prev = if c.start > 0 && u[c.start - 1].sent == u[c.start].sent {
        Some(u[c.start - 1].text)
    } else {
        None
    };
    // "the village of Kirants", "the Caribbean city of Cartagena": a kind of place and "of".
    let place_of = c.start >= 2
        && prev == Some("of")
        && u[c.start - 2].sent == u[c.start].sent
        && lex.gpe_heads.contains(&u[c.start - 2].text.to_lowercase());
    // "Tavush region", "Ryazan province": the kind of place after the name, in lower case.
    let place_after = u
        .get(c.end)
        .filter(|n| n.sent == u[c.start].sent)
        .is_some_and(|n| !starts_upper(n.text) && lex.gpe_heads.contains(n.text));
    if place_of || place_after {
        return EntityType::Gpe;
    }
    if matches!(
        prev,
        Some(
            "in" | "at" | "near" | "from" | "across" | "outside" | "inside" | "In" | "At" | "From"
        )
    ) {
        return EntityType::Gpe;
    }
    if matches!(prev, Some("the" | "The")) {
        return EntityType::Org;
    }
    if words.len() > 1 {
        return EntityType::Person;
    }
    let next = u.get(c.end).filter(|n| n.sent == u[c.start].sent);
    match next {
        Some(n) if n.pos.is_verb() || matches!(norm(n.text).as_ref(), "'s") => EntityType::Person,
        _ if lex.first_names.contains_key(words[0]) => EntityType::Person,
        _ => EntityType::Org,
    }
}

fn target_name(kb: &Kb, t: Target) -> String {
    match t {
        Target::Capital(i) => kb.countries[i as usize].capital.clone().unwrap_or_default(),
        Target::Country(i) => kb.countries[i as usize].name.clone(),
        Target::Seat(i, s) => kb.countries[i as usize].seats[s as usize].0.clone(),
        Target::Org(i) => kb.orgs[i as usize].name.clone(),
        Target::Person(i) => kb.people[i as usize].name.clone(),
        Target::Place(i) => kb.places[i as usize].name.clone(),
        Target::Region(i) => kb.regions[i as usize].name.clone(),
        Target::Demonym(i) => {
            let c = &kb.countries[i as usize];
            c.demonyms
                .first()
                .cloned()
                .unwrap_or_else(|| c.name.clone())
        }
        Target::RegionDemonym(i) => {
            let r = &kb.regions[i as usize];
            r.demonyms
                .first()
                .cloned()
                .unwrap_or_else(|| r.name.clone())
        }
    }
}

fn target_actor(kb: &Kb, t: Target, date: Option<&str>) -> Option<String> {
    match t {
        Target::Capital(i) | Target::Country(i) | Target::Demonym(i) => {
            Some(kb.countries[i as usize].code.clone())
        }
        Target::Seat(i, s) => Some(kb.countries[i as usize].seats[s as usize].1.clone()),
        Target::Org(i) => Kb::code_on(&kb.orgs[i as usize].codes, date).map(|c| c.code.clone()),
        Target::Person(i) => {
            Kb::code_on(&kb.people[i as usize].roles, date).map(|c| c.code.clone())
        }
        Target::Place(i) => kb.places[i as usize].country.clone(),
        Target::Region(i) | Target::RegionDemonym(i) => Some(kb.regions[i as usize].code.clone()),
    }
}

fn target_wikidata(kb: &Kb, t: Target) -> Option<String> {
    match t {
        Target::Capital(i) => kb.countries[i as usize].capital_wikidata.clone(),
        Target::Country(i) => kb.countries[i as usize].wikidata.clone(),
        Target::Org(i) => kb.orgs[i as usize].wikidata.clone(),
        Target::Person(i) => kb.people[i as usize].wikidata.clone(),
        Target::Place(i) => kb.places[i as usize].wikidata.clone(),
        _ => None,
    }
}

/// Whether `date` starts with a `YYYY-MM-DD` date (as [`Kb::code_on`] reads it).
fn has_day(date: Option<&str>) -> bool {
    date.map(str::trim)
        .and_then(|d| d.get(..10))
        .is_some_and(|d| {
            d.bytes().enumerate().all(|(k, b)| {
                if k == 4 || k == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            })
        })
}

/// How well a person fits the article's date, to choose among people who share a name or a
/// surname. With a date, by the code in force that day: 3 an office (any code but `…ELI`),
/// 2 an elite code, 0 none. With no date: 4 a role still held (open end: the knowledge base's
/// current people), else by the most recent code, 2 an office, 1 an elite code.
fn person_fit(kb: &Kb, p: u32, date: Option<&str>) -> u8 {
    let roles = &kb.people[p as usize].roles;
    let by_code = |c: &str, office: u8| {
        if c.ends_with("ELI") {
            office - 1
        } else {
            office
        }
    };
    if has_day(date) {
        Kb::code_on(roles, date).map_or(0, |r| by_code(&r.code, 3))
    } else if roles.iter().any(|r| r.end.is_none()) {
        4
    } else {
        Kb::code_on(roles, None).map_or(0, |r| by_code(&r.code, 2))
    }
}

/// Whether a person may be meant by a partial name (a lone surname, a name without its middle
/// words): someone in office on the article's date ([`person_fit`] 3), or one of the knowledge
/// base's current people (a role with an open end) with any role then. An elite code alone is
/// weak evidence: every Phoenix minister is an elite before and after office. With no date
/// there is no such evidence either way: anyone with a role.
fn in_office(kb: &Kb, p: u32, date: Option<&str>) -> bool {
    let fit = person_fit(kb, p, date);
    if !has_day(date) {
        return fit > 0;
    }
    fit >= 3 || fit > 0 && kb.people[p as usize].roles.iter().any(|r| r.end.is_none())
}

/// The one person among `people` who fits the date best ([`person_fit`]), if one does better
/// than all others and fits at all.
fn pick_person(kb: &Kb, people: &[u32], date: Option<&str>) -> Option<u32> {
    let mut best: Option<(u8, u32)> = None;
    let mut tie = false;
    for &p in people {
        let f = person_fit(kb, p, date);
        match best {
            Some((b, _)) if f < b => {}
            Some((b, _)) if f == b => tie = true,
            _ => {
                best = Some((f, p));
                tie = false;
            }
        }
    }
    best.filter(|&(f, _)| f > 0 && !tie).map(|(_, p)| p)
}

/// The reading of a knowledge-base name: the first target (a country before a place, …), but
/// among several people of that name the one the date fits ([`pick_person`]; on a tie the first).
fn choose_target(kb: &Kb, targets: &[Target], date: Option<&str>) -> Target {
    let first = targets[0];
    if !matches!(first, Target::Person(_)) {
        return first;
    }
    let people: Vec<u32> = targets
        .iter()
        .filter_map(|t| match t {
            Target::Person(p) => Some(*p),
            _ => None,
        })
        .collect();
    if people.len() < 2 {
        return first;
    }
    pick_person(kb, &people, date).map_or(first, Target::Person)
}

/// Whether every word of `part` occurs among the space-separated words of `whole`, in order.
fn in_order(part: &[String], whole: &str) -> bool {
    let mut it = whole.split(' ');
    part.iter().all(|w| it.any(|x| x == w))
}
