//! The word lists the tokenizer and sentence splitter read: abbreviations, sentence starters,
//! hyphen prefixes, unit suffixes and split words. The defaults are the files in
//! `data/lexicon/`, embedded at compile time; each file documents its format and provenance.
use std::collections::{HashMap, HashSet};

/// Default abbreviation list (`data/lexicon/abbreviations.txt`).
pub const DEFAULT_ABBREVIATIONS: &str = include_str!("../../../data/lexicon/abbreviations.txt");
/// Default sentence starters (`data/lexicon/sentence-starters.txt`).
pub const DEFAULT_SENTENCE_STARTERS: &str =
    include_str!("../../../data/lexicon/sentence-starters.txt");
/// Default tokenizer lexicon (`data/lexicon/tokenizer.txt`).
pub const DEFAULT_TOKENIZER_LEXICON: &str = include_str!("../../../data/lexicon/tokenizer.txt");

/// How an abbreviation behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevKind {
    /// Always followed by what it qualifies (`Mr.`, `vs.`): never ends a sentence.
    Prefix,
    /// An abbreviation only before a number (`No. 10`); never ends a sentence.
    Number,
    /// May end a sentence (`U.S.`, `Inc.`, `etc.`).
    Plain,
}

/// The lexicon of one [`crate::Segmenter`].
#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    abbreviations: HashMap<String, AbbrevKind>,
    starters: HashSet<String>,
    hyphen_prefixes: HashSet<String>,
    unit_suffixes: HashSet<String>,
    domains: HashSet<String>,
    /// Lower-cased word → char lengths of its parts.
    split_words: HashMap<String, Vec<usize>>,
}

/// Lines of a list file without comments and blank lines.
fn lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

impl Lexicon {
    /// A lexicon from the three list files.
    pub(crate) fn parse(abbreviations: &str, starters: &str, tokenizer: &str) -> Lexicon {
        let mut lex = Lexicon {
            abbreviations: HashMap::new(),
            starters: HashSet::new(),
            hyphen_prefixes: HashSet::new(),
            unit_suffixes: HashSet::new(),
            domains: HashSet::new(),
            split_words: HashMap::new(),
        };
        for line in lines(abbreviations) {
            let mut cols = line.split('\t').map(str::trim).filter(|c| !c.is_empty());
            let Some(word) = cols.next() else { continue };
            // "et al." is written with a space but tokenised as "et" + "al.": only the last
            // word of a multi-word entry carries the stop.
            let word = word.rsplit(' ').next().unwrap_or(word);
            let kind = match cols.next() {
                Some("prefix") => AbbrevKind::Prefix,
                Some("number") => AbbrevKind::Number,
                _ => AbbrevKind::Plain,
            };
            lex.add_abbreviation(word, kind);
        }
        for line in lines(starters) {
            lex.starters.insert(line.to_lowercase());
        }
        let mut section = "";
        for line in lines(tokenizer) {
            if line.starts_with('[') && line.ends_with(']') {
                section = &line[1..line.len() - 1];
                continue;
            }
            match section {
                "hyphen-prefixes" => {
                    lex.hyphen_prefixes.insert(line.to_lowercase());
                }
                "unit-suffixes" => {
                    lex.unit_suffixes.insert(line.to_lowercase());
                }
                "domains" => {
                    lex.domains.insert(line.to_lowercase());
                }
                "split-words" => {
                    if let Some((w, parts)) = line.split_once('=') {
                        let parts: Vec<usize> = parts
                            .split_whitespace()
                            .map(|p| p.chars().count())
                            .collect();
                        let w = w.trim().to_lowercase();
                        if parts.iter().sum::<usize>() == w.chars().count() && parts.len() > 1 {
                            lex.split_words.insert(w, parts);
                        }
                    }
                }
                _ => {}
            }
        }
        lex
    }

    fn add_abbreviation(&mut self, word: &str, kind: AbbrevKind) {
        if !word.ends_with('.') || word.len() < 2 {
            return;
        }
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            if first.is_lowercase() {
                let cap: String = first.to_uppercase().chain(chars).collect();
                self.abbreviations.entry(cap).or_insert(kind);
            }
        }
        self.abbreviations.insert(word.to_string(), kind);
    }

    /// The kind of `word` (with its final stop) if it is an abbreviation, by list or pattern:
    /// a single capital letter (`J.`) or a letter-dot sequence (`U.S.`, `a.m.`, `Ph.D.`).
    pub(crate) fn abbreviation(&self, word: &str) -> Option<AbbrevKind> {
        if let Some(k) = self.abbreviations.get(word) {
            return Some(*k);
        }
        if is_initial(word) || is_dotted(word) {
            return Some(AbbrevKind::Plain);
        }
        None
    }

    /// True when `word` (any case) opens sentences often enough to split after an abbreviation.
    pub(crate) fn is_starter(&self, word: &str) -> bool {
        if word.is_ascii() {
            let mut buf = [0u8; 24];
            if word.len() <= buf.len() {
                let b = &mut buf[..word.len()];
                b.copy_from_slice(word.as_bytes());
                b.make_ascii_lowercase();
                return std::str::from_utf8(b)
                    .map(|s| self.starters.contains(s))
                    .unwrap_or(false);
            }
            return false;
        }
        self.starters.contains(&word.to_lowercase())
    }

    /// True when `left` (the part before a hyphen) keeps the hyphenated word whole.
    pub(crate) fn is_hyphen_prefix(&self, left: &str) -> bool {
        left.len() <= 8 && self.hyphen_prefixes.contains(&left.to_lowercase())
    }

    /// True when `s` is a unit glued to a number that is split off.
    pub(crate) fn is_unit_suffix(&self, s: &str) -> bool {
        s.len() <= 4 && self.unit_suffixes.contains(&s.to_lowercase())
    }

    /// True when `tld` (lower case as written) is a top-level domain (`com`, `ru`).
    pub(crate) fn is_domain(&self, tld: &str) -> bool {
        tld.len() <= 4 && self.domains.contains(tld)
    }

    /// The char lengths of the parts of a word written as one (`cannot` → `[3, 3]`).
    pub(crate) fn split_word(&self, word: &str) -> Option<&[usize]> {
        if word.len() > 8 || word.len() < 4 {
            return None;
        }
        self.split_words
            .get(&word.to_lowercase())
            .map(|v| v.as_slice())
    }
}

/// `J.`: one capital letter and a stop.
fn is_initial(word: &str) -> bool {
    let mut c = word.chars();
    matches!((c.next(), c.next(), c.next()), (Some(l), Some('.'), None) if l.is_uppercase())
}

/// `U.S.`, `a.m.`, `Ph.D.`: two or more groups of one or two ASCII letters, each with a stop.
fn is_dotted(word: &str) -> bool {
    let b = word.as_bytes();
    let mut groups = 0;
    let mut run = 0;
    for &c in b {
        if c.is_ascii_alphabetic() {
            run += 1;
            if run > 2 {
                return false;
            }
        } else if c == b'.' {
            if run == 0 {
                return false;
            }
            groups += 1;
            run = 0;
        } else {
            return false;
        }
    }
    run == 0 && groups >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::parse(
            DEFAULT_ABBREVIATIONS,
            DEFAULT_SENTENCE_STARTERS,
            DEFAULT_TOKENIZER_LEXICON,
        )
    }

    #[test]
    fn default_lists_parse() {
        let l = lex();
        assert_eq!(l.abbreviation("Mr."), Some(AbbrevKind::Prefix));
        assert_eq!(l.abbreviation("Inc."), Some(AbbrevKind::Plain));
        assert_eq!(l.abbreviation("E.g."), Some(AbbrevKind::Prefix));
        assert_eq!(l.abbreviation("No."), Some(AbbrevKind::Number));
        assert_eq!(l.abbreviation("al."), Some(AbbrevKind::Plain));
        assert_eq!(l.abbreviation("J."), Some(AbbrevKind::Plain));
        assert_eq!(l.abbreviation("U.S."), Some(AbbrevKind::Plain));
        assert_eq!(l.abbreviation("Ph.D."), Some(AbbrevKind::Plain));
        assert_eq!(l.abbreviation("end."), None);
        assert_eq!(l.abbreviation("ill."), None);
        assert_eq!(l.abbreviation("a."), None);
        assert!(l.is_starter("The") && l.is_starter("HOWEVER") && !l.is_starter("President"));
        assert!(l.is_hyphen_prefix("Non") && !l.is_hyphen_prefix("expert"));
        assert!(l.is_unit_suffix("km") && !l.is_unit_suffix("s"));
        assert!(l.is_domain("com") && !l.is_domain("COM") && !l.is_domain("xyzzy"));
        assert_eq!(l.split_word("Cannot"), Some(&[3usize, 3][..]));
    }

    #[test]
    fn patterns() {
        assert!(is_dotted("U.S.") && is_dotted("a.m.") && is_dotted("U.S.S.R."));
        assert!(!is_dotted("U.S") && !is_dotted("Inc.") && !is_dotted("5.9."));
        assert!(is_initial("J.") && !is_initial("j.") && !is_initial("Jo."));
    }
}
