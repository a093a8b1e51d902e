//! Names of the knowledge base indexed by token sequence, for longest-match lookup in text.
use std::collections::HashMap;

use dateline_kb::Kb;
use dateline_model::EntityType;
use dateline_text::Segmenter;

/// What a knowledge-base name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// A capital city (index into `Kb::countries`): a GPE acting for its country.
    Capital(u32),
    /// A country.
    Country(u32),
    /// A seat of government ("the Kremlin"): country index and seat index.
    Seat(u32, u16),
    /// An organisation.
    Org(u32),
    /// A person.
    Person(u32),
    /// A city, region or other place.
    Place(u32),
    /// A region or bloc.
    Region(u32),
    /// A nationality adjective or noun of a country (NORP).
    Demonym(u32),
    /// A demonym of a region ("European").
    RegionDemonym(u32),
}

impl Target {
    /// The entity type this name has in text.
    pub fn entity_type(self, kb: &Kb) -> EntityType {
        match self {
            Target::Capital(_) | Target::Country(_) => EntityType::Gpe,
            Target::Seat(..) => EntityType::Org,
            Target::Org(i) => kb.orgs[i as usize].kind,
            Target::Person(_) => EntityType::Person,
            Target::Place(i) => kb.places[i as usize].kind,
            Target::Region(i) => kb.regions[i as usize].kind,
            Target::Demonym(_) | Target::RegionDemonym(_) => EntityType::Norp,
        }
    }
}

/// Token-sequence index of every name and alias in the knowledge base.
pub struct Gazetteer {
    /// Key: the name's tokens joined by one space; value: targets, best first.
    names: HashMap<String, Vec<Target>>,
    /// Longest name (in tokens) starting with a given first token.
    first: HashMap<String, usize>,
    /// Every proper prefix of a name (its first 1..n-1 tokens joined by one space): the
    /// longest-match search stops as soon as the words read are no name's beginning.
    prefixes: std::collections::HashSet<String>,
    /// Surname → people whose name ends with it (for a lone surname with no full name in the article).
    pub surnames: HashMap<String, Vec<u32>>,
    /// The surnames of people who still hold a role (an open end: the knowledge base's current
    /// people), which make a lone capitalised word at a sentence start a name.
    pub current_surnames: std::collections::HashSet<String>,
    /// First tokens of the names that start in lower case ("al-Qaeda", "von der Leyen"): only
    /// these lower-case words are looked up in text.
    lower_starts: std::collections::HashSet<String>,
}

/// Normalises a token for lookup: curly apostrophes become straight.
pub fn norm(tok: &str) -> std::borrow::Cow<'_, str> {
    if tok.contains(['’', '‘']) {
        std::borrow::Cow::Owned(tok.replace(['’', '‘'], "'"))
    } else {
        std::borrow::Cow::Borrowed(tok)
    }
}

impl Gazetteer {
    /// Indexes every name in `kb` that starts with a capital letter or a digit, tokenised by
    /// `seg` exactly as article text is.
    pub fn build(kb: &Kb, seg: &Segmenter) -> Gazetteer {
        Gazetteer::build_with_particles(kb, seg, &std::collections::HashSet::new())
    }

    /// As [`Gazetteer::build`], and also the names whose first word is, or begins with, a name
    /// particle followed by a hyphen (`particles`, lower case: "al" admits "al-Qaeda" and
    /// "al Qaeda", "von" admits "von der Leyen"). Other lower-case names ("the EU") stay out.
    pub fn build_with_particles(
        kb: &Kb,
        seg: &Segmenter,
        particles: &std::collections::HashSet<String>,
    ) -> Gazetteer {
        Gazetteer::build_with(kb, seg, particles, &std::collections::HashSet::new())
    }

    /// As [`Gazetteer::build_with_particles`], leaving out of [`Gazetteer::surnames`] the words of
    /// `not_surnames` (first names, titles, common words: a lone "Tom" is not Peter Tom).
    pub fn build_with(
        kb: &Kb,
        seg: &Segmenter,
        particles: &std::collections::HashSet<String>,
        not_surnames: &std::collections::HashSet<String>,
    ) -> Gazetteer {
        let mut g = Gazetteer {
            names: HashMap::new(),
            first: HashMap::new(),
            prefixes: std::collections::HashSet::new(),
            surnames: HashMap::new(),
            current_surnames: std::collections::HashSet::new(),
            lower_starts: std::collections::HashSet::new(),
        };
        let tok = |s: &str| -> Vec<String> {
            seg.tokenize(s)
                .into_iter()
                .map(|r| norm(&s[r]).into_owned())
                .collect()
        };
        let add = |name: &str, t: Target, g: &mut Gazetteer| {
            let name = name.trim();
            let upper = name
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric());
            let particle = |w: &str| {
                particles.contains(w)
                    || w.split_once('-').is_some_and(|(p, rest)| {
                        particles.contains(p) && rest.starts_with(char::is_uppercase)
                    })
            };
            if name.is_empty()
                || !upper && !name.split(' ').next().is_some_and(particle)
                || !upper && !name.chars().any(char::is_uppercase)
            {
                return;
            }
            let toks = tok(name);
            if toks.is_empty() {
                return;
            }
            if !upper {
                g.lower_starts.insert(toks[0].clone());
            }
            let e = g.first.entry(toks[0].clone()).or_insert(0);
            *e = (*e).max(toks.len());
            for k in 1..toks.len() {
                if !g.prefixes.contains(&toks[..k].join(" ")) {
                    g.prefixes.insert(toks[..k].join(" "));
                }
            }
            let v = g.names.entry(toks.join(" ")).or_default();
            if !v.contains(&t) {
                v.push(t);
            }
        };
        for (i, c) in kb.countries.iter().enumerate() {
            let i = i as u32;
            add(&c.name, Target::Country(i), &mut g);
            for a in &c.aliases {
                add(a, Target::Country(i), &mut g);
            }
            for d in &c.demonyms {
                add(d, Target::Demonym(i), &mut g);
            }
            if let Some(cap) = &c.capital {
                add(cap, Target::Capital(i), &mut g);
            }
            for a in &c.capital_aliases {
                add(a, Target::Capital(i), &mut g);
            }
            for (s, (name, _)) in c.seats.iter().enumerate() {
                add(name, Target::Seat(i, s as u16), &mut g);
            }
        }
        for (i, o) in kb.orgs.iter().enumerate() {
            add(&o.name, Target::Org(i as u32), &mut g);
            for a in &o.aliases {
                add(a, Target::Org(i as u32), &mut g);
            }
        }
        for (i, p) in kb.people.iter().enumerate() {
            add(&p.name, Target::Person(i as u32), &mut g);
            for a in &p.aliases {
                add(a, Target::Person(i as u32), &mut g);
            }
            // A surname is a word of two or more letters (not an initial: "George P").
            let last = tok(&p.name).pop().filter(|l| {
                l.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !l.ends_with('.')
            });
            if let Some(last) = last.filter(|l| !not_surnames.contains(l)) {
                if p.roles.iter().any(|r| r.end.is_none()) {
                    g.current_surnames.insert(last.clone());
                }
                g.surnames.entry(last).or_default().push(i as u32);
            }
        }
        for (i, p) in kb.places.iter().enumerate() {
            add(&p.name, Target::Place(i as u32), &mut g);
            for a in &p.aliases {
                add(a, Target::Place(i as u32), &mut g);
            }
        }
        for (i, r) in kb.regions.iter().enumerate() {
            add(&r.name, Target::Region(i as u32), &mut g);
            for a in &r.aliases {
                add(a, Target::Region(i as u32), &mut g);
            }
            for d in &r.demonyms {
                add(d, Target::RegionDemonym(i as u32), &mut g);
            }
        }
        // Best reading first: a capital before a same-named state, a country before a place.
        for v in g.names.values_mut() {
            v.sort();
        }
        g
    }

    /// Whether some name starts with this lower-case word ("al-Qaeda", "von").
    pub fn starts_lower_name(&self, word: &str) -> bool {
        !self.lower_starts.is_empty() && self.lower_starts.contains(norm(word).as_ref())
    }

    /// The longest name starting at `words[0]`: its length in tokens and its targets. Words in
    /// capitals (wire datelines: "MOSCOW") are also tried in title case.
    pub fn longest<'a>(&'a self, words: &[&str]) -> Option<(usize, &'a [Target])> {
        if let Some(hit) = self.longest_exact(words) {
            return Some(hit);
        }
        let w0 = words.first()?;
        if w0.chars().count() >= 3 && w0.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) {
            let titled: Vec<String> = words
                .iter()
                .take_while(|w| w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()))
                .map(|w| {
                    let mut cs = w.chars();
                    match cs.next() {
                        Some(f) => f
                            .to_uppercase()
                            .chain(cs.flat_map(char::to_lowercase))
                            .collect(),
                        None => String::new(),
                    }
                })
                .collect();
            let refs: Vec<&str> = titled.iter().map(String::as_str).collect();
            return self.longest_exact(&refs);
        }
        None
    }

    fn longest_exact<'a>(&'a self, words: &[&str]) -> Option<(usize, &'a [Target])> {
        let first = norm(words.first()?);
        let max = (*self.first.get(first.as_ref())?).min(words.len());
        // Grow the key word by word while it is the beginning of some name; keep the longest
        // full name met.
        let mut key = String::with_capacity(64);
        let mut best = None;
        for (n, w) in words[..max].iter().enumerate() {
            if n > 0 {
                key.push(' ');
            }
            key.push_str(&norm(w));
            if let Some(v) = self.names.get(&key) {
                best = Some((n + 1, v.as_slice()));
            }
            if n + 1 < max && !self.prefixes.contains(&key) {
                break;
            }
        }
        best
    }
}
