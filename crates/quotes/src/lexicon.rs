//! The speech lexicon (`data/lexicon/speech.txt`): speech verbs in all their forms with a class
//! and the constructions they take, speech nouns, multi-word cues, unnamed-source heads, and the
//! small word lists that bound a reported clause.
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The default lexicon shipped with dateline.
pub const DEFAULT: &str = include_str!("../../../data/lexicon/speech.txt");

/// A small, fast, deterministic string hasher (FNV-1a): the lexicon is looked up once per token.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Which form of a verb a word is. A word may be several forms at once ("said": past and past
/// participle), so forms are bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Forms(pub u8);

impl Forms {
    /// The base form ("say", also the plural present).
    pub const BASE: Forms = Forms(1);
    /// Third person singular present ("says").
    pub const S: Forms = Forms(2);
    /// Simple past ("said").
    pub const PAST: Forms = Forms(4);
    /// Past participle ("said", "written").
    pub const PART: Forms = Forms(8);
    /// Gerund or present participle ("saying").
    pub const GERUND: Forms = Forms(16);

    /// True when any form of `other` is among these.
    pub fn has(self, other: Forms) -> bool {
        self.0 & other.0 != 0
    }

    /// True when two cues are in the same tense, so that they can head coordinated clauses
    /// ("reiterated ... but said": both past; "told ... but says": not).
    pub fn compatible(self, other: Forms) -> bool {
        let group = |f: Forms| -> u8 {
            let mut g = 0;
            if f.has(Forms(Forms::PAST.0 | Forms::PART.0)) {
                g |= 1;
            }
            if f.has(Forms::S) {
                g |= 2;
            }
            if f.has(Forms::BASE) {
                g |= 4;
            }
            if f.has(Forms::GERUND) {
                g |= 8;
            }
            g
        };
        group(self) & group(other) != 0
    }
}

/// Constructions a speech verb takes (the `flags` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VerbFlags {
    /// The reported clause may follow without "that".
    pub bare: bool,
    /// The attribution may follow the content ("…, officials said.").
    pub trail: bool,
    /// The speaker may follow the verb ("…, said Peskov.").
    pub invert: bool,
    /// The verb takes the listener before the content ("told reporters that").
    pub object: bool,
}

/// One speech verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verb {
    /// The base form ("say", "point out").
    pub lemma: String,
    /// The kind of speech act ("say", "confirm", "deny", …).
    pub class: String,
    /// Constructions it takes.
    pub flags: VerbFlags,
}

/// What the lexicon says about one lower-case word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordInfo {
    /// Bits of the `W_*` word classes.
    pub(crate) bits: u32,
    /// The single-word speech verb this word is a form of: verb index and forms.
    pub(crate) verb: Option<(u16, Forms)>,
}

pub(crate) const W_NOUN: u32 = 1;
pub(crate) const W_SOURCE: u32 = 1 << 1;
pub(crate) const W_ANAPHOR: u32 = 1 << 2;
pub(crate) const W_COORD: u32 = 1 << 3;
pub(crate) const W_ADJUNCT: u32 = 1 << 4;
pub(crate) const W_LINK: u32 = 1 << 5;
pub(crate) const W_TIME: u32 = 1 << 6;
pub(crate) const W_AUX: u32 = 1 << 7;
pub(crate) const W_NEG: u32 = 1 << 8;
pub(crate) const W_BLOCK: u32 = 1 << 9;
pub(crate) const W_OPENER: u32 = 1 << 10;
pub(crate) const W_RELATIVE: u32 = 1 << 11;
pub(crate) const W_SUBORD: u32 = 1 << 13;
pub(crate) const W_TMOD: u32 = 1 << 14;
pub(crate) const W_QUOTED: u32 = 1 << 15;
pub(crate) const W_LABEL: u32 = 1 << 16;
pub(crate) const W_INSTITUTION: u32 = 1 << 17;
/// First word of a multi-word entry (a verb form, a preposition cue or a content end).
pub(crate) const W_MULTI: u32 = 1 << 12;

/// A multi-word entry: the words after the first, and what the whole is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Multi {
    /// A form of a verb ("pointed out").
    Verb(u16, Forms),
    /// A preposition cue ("according to").
    Preposition,
    /// A multi-word speech noun ("press conference").
    Noun,
    /// A multi-word unnamed-source phrase ("people familiar with").
    Source,
    /// A sequence that cancels a cue ("adds up").
    NotCue,
}

/// The parsed speech lexicon.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Speech verbs, in file order (a verb's index is its id).
    pub verbs: Vec<Verb>,
    pub(crate) words: FastMap<String, WordInfo>,
    /// Multi-word entries by first word: the remaining words and the entry.
    pub(crate) multi: FastMap<String, Vec<(Vec<String>, Multi)>>,
    /// Content ends by their first word after the leading punctuation: (words, exception).
    pub(crate) content_end: Vec<(Vec<String>, bool)>,
    /// Verbs (and phrases) that, right after "and"/"but", are the speaker's own next act, not
    /// more of what was said: "said … and called on the government to …".
    pub(crate) speaker_acts: Vec<Vec<String>>,
}

/// A problem in a lexicon file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for LexiconError {}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(|w| w.to_lowercase()).collect()
}

impl Lexicon {
    /// The lexicon shipped with dateline (`data/lexicon/speech.txt`).
    pub fn embedded() -> Lexicon {
        // The embedded file is checked by a unit test; a broken build would fail it.
        Lexicon::parse(DEFAULT).unwrap_or_default()
    }

    /// Parses the lexicon format: `[section]` headers, one entry a line, `#` comments.
    pub fn parse(text: &str) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::default();
        let mut section = String::new();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim_end();
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let err = |message: String| LexiconError {
                line: n + 1,
                message,
            };
            if line.starts_with('[') && line.ends_with(']') {
                section = line[1..line.len() - 1].to_string();
                continue;
            }
            match section.as_str() {
                "verbs" => {
                    let cols: Vec<&str> = line.split('\t').collect();
                    if cols.len() < 6 {
                        return Err(err(format!(
                            "a verb needs 5 forms and a class, got {} columns",
                            cols.len()
                        )));
                    }
                    let mut flags = VerbFlags::default();
                    for f in cols.get(6).copied().unwrap_or("").split_whitespace() {
                        match f {
                            "bare" => flags.bare = true,
                            "trail" => flags.trail = true,
                            "invert" => flags.invert = true,
                            "object" => flags.object = true,
                            other => return Err(err(format!("unknown verb flag {other:?}"))),
                        }
                    }
                    let lemma = words(cols[0]).join(" ");
                    if lex.verbs.iter().any(|v| v.lemma == lemma) {
                        continue;
                    }
                    if lex.verbs.len() >= u16::MAX as usize {
                        return Err(err("too many verbs".into()));
                    }
                    let id = lex.verbs.len() as u16;
                    lex.verbs.push(Verb {
                        lemma,
                        class: cols[5].trim().to_string(),
                        flags,
                    });
                    let forms = [
                        Forms::BASE,
                        Forms::S,
                        Forms::PAST,
                        Forms::PART,
                        Forms::GERUND,
                    ];
                    for (col, form) in cols[..5].iter().zip(forms) {
                        let ws = words(col);
                        if ws.is_empty() {
                            return Err(err("empty verb form".into()));
                        }
                        if ws.len() == 1 {
                            let e = lex.words.entry(ws[0].clone()).or_default();
                            match &mut e.verb {
                                Some((v, f)) if *v == id => f.0 |= form.0,
                                Some(_) => {}
                                None => e.verb = Some((id, form)),
                            }
                        } else {
                            lex.add_multi(&ws, Multi::Verb(id, form));
                        }
                    }
                }
                "speaker_acts" => {
                    let ws = words(line);
                    if ws.is_empty() {
                        return Err(err("empty speaker act".into()));
                    }
                    lex.speaker_acts.push(ws);
                }
                "content_end" => {
                    let (exception, body) = match line.trim().strip_prefix('!') {
                        Some(rest) => (true, rest),
                        None => (false, line.trim()),
                    };
                    // Punctuation is its own word: ", as" → [",", "as"].
                    let mut ws = Vec::new();
                    for w in body.split_whitespace() {
                        let w = w.to_lowercase();
                        if let Some(stripped) = w.strip_prefix([',', ';']) {
                            ws.push(w[..1].to_string());
                            if !stripped.is_empty() {
                                ws.push(stripped.to_string());
                            }
                        } else {
                            ws.push(w);
                        }
                    }
                    if ws.is_empty() {
                        return Err(err("empty content end".into()));
                    }
                    lex.content_end.push((ws, exception));
                }
                "nouns" | "prepositions" | "sources" | "anaphors" | "coordinators" | "adjuncts"
                | "links" | "time" | "aux" | "negations" | "blockers" | "openers" | "relatives"
                | "subordinators" | "time_modifiers" | "not_cues" | "quoted_as" | "label_verbs"
                | "institutions" => {
                    let ws = words(line);
                    let bit = match section.as_str() {
                        "nouns" => W_NOUN,
                        "sources" => W_SOURCE,
                        "anaphors" => W_ANAPHOR,
                        "coordinators" => W_COORD,
                        "adjuncts" => W_ADJUNCT,
                        "links" => W_LINK,
                        "time" => W_TIME,
                        "aux" => W_AUX,
                        "negations" => W_NEG,
                        "blockers" => W_BLOCK,
                        "openers" => W_OPENER,
                        "relatives" => W_RELATIVE,
                        "subordinators" => W_SUBORD,
                        "time_modifiers" => W_TMOD,
                        "quoted_as" => W_QUOTED,
                        "label_verbs" => W_LABEL,
                        "institutions" => W_INSTITUTION,
                        _ => 0,
                    };
                    match (section.as_str(), ws.len()) {
                        ("prepositions", _) => lex.add_multi(&ws, Multi::Preposition),
                        ("not_cues", _) => lex.add_multi(&ws, Multi::NotCue),
                        (_, 1) => lex.words.entry(ws[0].clone()).or_default().bits |= bit,
                        ("nouns", _) => lex.add_multi(&ws, Multi::Noun),
                        ("sources", _) => lex.add_multi(&ws, Multi::Source),
                        _ => {
                            return Err(err(format!(
                                "section [{section}] takes single words, got {line:?}"
                            )))
                        }
                    }
                }
                "" => return Err(err("entry before any [section]".into())),
                other => return Err(err(format!("unknown section [{other}]"))),
            }
        }
        // Longest content ends first, so that exceptions win over their prefixes.
        lex.content_end
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        Ok(lex)
    }

    fn add_multi(&mut self, ws: &[String], what: Multi) {
        if ws.is_empty() {
            return;
        }
        self.words.entry(ws[0].clone()).or_default().bits |= W_MULTI;
        self.multi
            .entry(ws[0].clone())
            .or_default()
            .push((ws[1..].to_vec(), what));
        // Longest first.
        if let Some(v) = self.multi.get_mut(&ws[0]) {
            v.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        }
    }

    /// What the lexicon says about a lower-case word.
    pub(crate) fn info(&self, lower: &str) -> WordInfo {
        self.words.get(lower).copied().unwrap_or_default()
    }

    /// The verb at index `id`.
    pub fn verb(&self, id: u16) -> Option<&Verb> {
        self.verbs.get(id as usize)
    }

    /// The class of the single- or multi-word verb form `form` ("warned" → "warn").
    pub fn class_of(&self, form: &str) -> Option<&str> {
        let ws = words(form);
        let first = ws.first()?;
        if ws.len() == 1 {
            let (id, _) = self.info(first).verb?;
            return self.verb(id).map(|v| v.class.as_str());
        }
        self.multi.get(first)?.iter().find_map(|(rest, m)| match m {
            Multi::Verb(id, _) if rest[..] == ws[1..] => self.verb(*id).map(|v| v.class.as_str()),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_parses() {
        let lex = Lexicon::parse(DEFAULT).unwrap();
        assert!(lex.verbs.len() > 60);
        let said = lex.info("said");
        let (id, forms) = said.verb.unwrap();
        assert_eq!(lex.verbs[id as usize].lemma, "say");
        assert!(forms.has(Forms::PAST) && forms.has(Forms::PART));
        assert!(lex.verbs[id as usize].flags.bare);
        assert_eq!(lex.class_of("warned"), Some("warn"));
        assert_eq!(lex.class_of("pointed out"), Some("note"));
        assert_eq!(lex.class_of("reiterates"), Some("reiterate"));
        assert!(lex.info("officials").bits & W_SOURCE != 0);
        assert!(lex.info("statement").bits & W_NOUN != 0);
        assert!(lex.info("according").bits & W_MULTI != 0);
        assert!(lex
            .content_end
            .iter()
            .any(|(w, ex)| w == &[",", "as"] && !ex));
        // Exceptions sort before their prefixes.
        let as_well = lex
            .content_end
            .iter()
            .position(|(w, _)| w == &[",", "as", "well", "as"])
            .unwrap();
        let as_ = lex
            .content_end
            .iter()
            .position(|(w, _)| w == &[",", "as"])
            .unwrap();
        assert!(as_well < as_);
    }

    #[test]
    fn forms_compatibility() {
        let said = Forms(Forms::PAST.0 | Forms::PART.0);
        assert!(said.compatible(Forms::PAST));
        assert!(!Forms::S.compatible(Forms::PAST));
        assert!(Forms::S.compatible(Forms::S));
    }

    #[test]
    fn errors_name_the_line() {
        let e = Lexicon::parse("[verbs]\nsay\tsays\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = Lexicon::parse("[nope]\nx\n").unwrap_err();
        assert!(e.message.contains("unknown section"));
        let e = Lexicon::parse("x\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = Lexicon::parse("[verbs]\nsay\tsays\tsaid\tsaid\tsaying\tsay\tloud\n").unwrap_err();
        assert!(e.message.contains("loud"));
    }
}
