//! The PETRARCH verb-pattern dictionary and a pattern matcher that needs no parse tree.
//!
//! # The dictionary
//!
//! [`VerbDict::embedded`] is `data/events/CAMEO.2.0.txt` (the PETRARCH CAMEO verb dictionary, MIT)
//! followed by `data/events/verbs-extra.txt` (dateline's additions, same format). The format, as
//! read here:
//!
//! - `#` and `;` start a comment; `<!-- … -->` is a comment; blank lines are skipped.
//! - `&NAME` starts a synonym set, `+WORD` or `+TWO_WORDS` lines are its members. Regular plurals
//!   of the last word are added (`+CRIME` also matches "crimes"), except for a member ending in `_`
//!   or a set whose name ends in `_`. Naming a set again adds members to it; a set may be used
//!   before it is defined; a set never defined is a warning ([`VerbDict::warnings`]) and its
//!   patterns never match.
//! - `---  NAME   [code]  ---` starts a verb block; `[---]` or no code: the block's verbs code
//!   nothing by themselves. A header naming a block that exists already continues that block (this
//!   is how `verbs-extra.txt` adds patterns to PETRARCH's blocks); its code must then be the same.
//! - A verb line: `VERB`, optionally `{FORM FORM …}` (the complete list of inflected forms: no
//!   regular forms are generated then) and `[code]` (the verb's own code, replacing the block's for
//!   this verb). Without `{}` the regular forms are generated (see [`VerbDict::lookup`]).
//!   A multi-word verb joins its words with `_` and marks the verb word with `+`
//!   (`+SET_UP {+SETS_UP +SETTING_UP}`, `+ANGERED_BY {}`): the other words must be next to it.
//! - A pattern line: `- words * words [code] # comment`. `*` is the verb; words before it must be
//!   found before the verb, words after it after. `$` marks where the source sits, `+` the
//!   target. A word also matches its regular plural (`AIRSTRIKE`: "airstrikes"), except when
//!   written with a final `_` (PETRARCH's "the word ends here"); `&SET` matches any member of the
//!   set; `{A B}` and `A_B` are words that must be consecutive; `A/B` is either word; `( )`
//!   (PETRARCH's prepositional phrases) are ignored, their words still match; `^` (skip a noun
//!   phrase) and `%` (compound actor) are ignored. Codes: `[042]`; `[042:043]` a paired code (the
//!   source visits, the target hosts: [`VerbMatch::reciprocal`]); `[:051]` a code for the event
//!   the *target* does to the source ("X received support from Y": [`VerbMatch::reversed`]);
//!   `[080!]` is read as `[080]`; `[---]` codes nothing.
//! - Lines starting with `~` (PETRARCH 2's transformations) are not used.
//!
//! A verb listed in several blocks (PETRARCH has 30 such) is matched against the patterns of all
//! of them; when no pattern matches, its first listing gives the code.
//!
//! # Matching: a simplified PETRARCH without a parse tree
//!
//! PETRARCH matches patterns against a Treebank parse. Here a clause is only its lower-case words,
//! so [`VerbDict::match_at`] approximates:
//!
//! 1. **Verb.** If a multi-word form of the verb fits the words around it (`set up`, `angered by`),
//!    only the longest such forms count and their extra words add to [`VerbMatch::words`];
//!    otherwise the single-word listings count.
//! 2. **Words after `*`** must appear in order in the [`WINDOW_AFTER`] words after the verb (more
//!    for long patterns: pattern words + 4), with gaps allowed; **words before `*`** in order within
//!    the [`WINDOW_BEFORE`] words before it (pattern words + 2 for long patterns). Each pattern
//!    unit is taken at its first possible place going outwards from the verb (greedy), and a set
//!    member at its longest. A gap may not cross `;`, `.`, `!` or `?`, nor — with
//!    [`VerbDict::match_with`], which knows which words are verbs — another dictionary verb that
//!    belongs to none of this verb's blocks.
//! 3. **Best pattern**: most pattern words matched, then the tighter span around the verb (words
//!    nearer the verb belong to its phrase), then most letters matched, then the earlier line. If the best
//!    pattern's code is `[---]`, there is no event ("- TRANSACTIONS * [---]": "transactions were
//!    halted" is not a CAMEO event).
//! 4. **Default**: no pattern matched → the verb's own code or its block's, with
//!    [`VerbMatch::default`] set; `[---]` → `None`.
//! 5. **Hints**: `$`/`+` do not consume words; [`VerbMatch::source_hint`]/[`target_hint`] point at
//!    the word right after the element that precedes the marker in the pattern (the verb or a
//!    matched word: `* (OF $)`, `FROM + *`), or, for a marker that opens the pattern, right before
//!    the element that follows it (`$ * …`, `+ BEEN * BY $`). `None` when that word is out of the
//!    clause or is itself matched.
//!
//! [`target_hint`]: VerbMatch::target_hint
//!
//! The search allocates nothing: [`VerbDict::find`] returns borrowed strings; [`VerbDict::match_at`]
//! copies the code and block name into a [`VerbMatch`].
//!
//! ```
//! use dateline_events::verbs::VerbDict;
//!
//! let dict = VerbDict::embedded();
//! let words = ["they", "accused", "russia", "of", "war", "crimes"];
//! let verb = dict.lookup("accused").unwrap();
//! let m = dict.match_at(verb, &words, 1).unwrap();
//! assert_eq!(m.block, "BLAME");
//! assert_eq!(m.code, "1124"); // accuse of war crimes
//! assert!(!m.default);
//! ```
use std::collections::HashMap;
use std::sync::OnceLock;

const CAMEO_VERBS: &str = include_str!("../../../data/events/CAMEO.2.0.txt");
const EXTRA_VERBS: &str = include_str!("../../../data/events/verbs-extra.txt");

/// How many words after the verb the words of a pattern's `* …` part may spread over (at least).
pub const WINDOW_AFTER: usize = 8;
/// How many words before the verb the words of a pattern's `… *` part may spread over (at least).
pub const WINDOW_BEFORE: usize = 5;

/// Most units (words, `{}` groups, sets) on one side of a pattern's `*`.
const MAX_UNITS: usize = 16;

/// A verb of the dictionary: what [`VerbDict::lookup`] found for one word form. Pass it back to
/// [`VerbDict::match_at`]; it is only meaningful for the dictionary that produced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VerbId(u32);

/// The code a verb gets in one clause, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbMatch {
    /// The CAMEO event code (`"1124"`). For a paired code `[042:043]` the first one (the source's
    /// act); for `[:051]` the one code, which is the target's act ([`VerbMatch::reversed`]).
    pub code: String,
    /// Pattern words matched, plus the extra words of a multi-word verb: more is more specific.
    /// 0 for a default code of a single-word verb.
    pub words: usize,
    /// The verb block (`"BLAME"`), as named in the dictionary.
    pub block: String,
    /// Word index (in the `words` given) of where the pattern placed the source (`$`), if it did.
    pub source_hint: Option<usize>,
    /// Word index of where the pattern placed the target (`+`), if it did.
    pub target_hint: Option<usize>,
    /// True if no pattern matched and this is the verb's (or its block's) own code.
    pub default: bool,
    /// The second code of a paired code `[042:043]`: the event the target does to the source at
    /// the same time (043: host a visit). `None` for plain codes.
    pub reciprocal: Option<String>,
    /// True for a code written `[:051]`: the event goes from the target to the source ("X received
    /// support from Y" is Y 051 X), so the caller swaps the roles.
    pub reversed: bool,
}

/// [`VerbMatch`] with the strings borrowed from the dictionary: what [`VerbDict::find`] returns
/// without allocating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerbMatchRef<'d> {
    /// See [`VerbMatch::code`].
    pub code: &'d str,
    /// See [`VerbMatch::words`].
    pub words: usize,
    /// See [`VerbMatch::block`].
    pub block: &'d str,
    /// See [`VerbMatch::source_hint`].
    pub source_hint: Option<usize>,
    /// See [`VerbMatch::target_hint`].
    pub target_hint: Option<usize>,
    /// See [`VerbMatch::default`].
    pub default: bool,
    /// See [`VerbMatch::reciprocal`].
    pub reciprocal: Option<&'d str>,
    /// See [`VerbMatch::reversed`].
    pub reversed: bool,
}

impl VerbMatchRef<'_> {
    /// The owned form.
    pub fn to_match(&self) -> VerbMatch {
        VerbMatch {
            code: self.code.to_string(),
            words: self.words,
            block: self.block.to_string(),
            source_hint: self.source_hint,
            target_hint: self.target_hint,
            default: self.default,
            reciprocal: self.reciprocal.map(str::to_string),
            reversed: self.reversed,
        }
    }
}

/// Sizes of a dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DictStats {
    /// Verb blocks (`---  NAME  [code]  ---`), counting a continued block once.
    pub blocks: usize,
    /// Verb lines (single- and multi-word verbs, as listed).
    pub verbs: usize,
    /// Distinct word forms [`VerbDict::lookup`] knows.
    pub forms: usize,
    /// Pattern lines (`- … * … [code]`).
    pub patterns: usize,
    /// Synonym sets defined (`&NAME`).
    pub synsets: usize,
}

/// A code as written in `[...]`; `None` where it is `[---]`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Code {
    code: Box<str>,
    reciprocal: Option<Box<str>>,
    reversed: bool,
}

#[derive(Debug)]
struct Block {
    name: Box<str>,
    code: Option<Code>,
    patterns: Vec<Pattern>,
}

/// One listing of a verb form in a block.
#[derive(Debug)]
struct Sense {
    block: u32,
    code: Option<Code>,
    /// Words that must come right before the verb word (multi-word verbs).
    before: Box<[Box<str>]>,
    /// Words that must come right after it.
    after: Box<[Box<str>]>,
    /// 0 for a form written in the file, 1 for a generated one.
    rank: u8,
    /// Order of listing, across files.
    order: u32,
}

impl Sense {
    fn is_multi(&self) -> bool {
        !self.before.is_empty() || !self.after.is_empty()
    }
}

#[derive(Debug)]
enum Atom {
    /// A word and its regular plural (none for a word written with a final `_`).
    Word(Box<str>, Option<Box<str>>),
    Alt(Box<[Box<str>]>),
    Set(u32),
}

/// Atoms that must be consecutive.
#[derive(Debug)]
struct Unit {
    atoms: Box<[Atom]>,
}

impl Unit {
    /// True if the unit is the one plain word `w` (lower case).
    fn is_word(&self, w: &str) -> bool {
        matches!(&*self.atoms, [Atom::Word(x, _)] if &**x == w)
    }
}

/// Where a `$` or `+` sits: on which side of `*`, after how many units of that side.
#[derive(Debug, Clone, Copy)]
struct Mark {
    post: bool,
    at: usize,
}

#[derive(Debug)]
struct Pattern {
    pre: Box<[Unit]>,
    post: Box<[Unit]>,
    pre_atoms: usize,
    post_atoms: usize,
    source: Option<Mark>,
    target: Option<Mark>,
    code: Option<Code>,
    /// Index of the file it was read from: a later file's pattern wins a tie with an earlier
    /// one's (the additions refine the base dictionary: `NEGOTIATE (WITH)` → 046).
    file: u8,
}

#[derive(Debug, Default)]
struct Synset {
    name: Box<str>,
    members: Vec<Box<[Box<str>]>>,
    /// First word → members starting with it, longest first.
    by_first: HashMap<Box<str>, Vec<u32>>,
    defined: bool,
    first_use: Option<String>,
}

/// The verb dictionary: word forms → verbs → blocks of patterns with CAMEO codes.
#[derive(Debug)]
pub struct VerbDict {
    blocks: Vec<Block>,
    synsets: Vec<Synset>,
    /// Indexed by [`VerbId`].
    entries: Vec<Vec<Sense>>,
    forms: HashMap<Box<str>, VerbId>,
    verb_lines: usize,
    pattern_lines: usize,
    warnings: Vec<String>,
}

impl VerbDict {
    /// The dictionary shipped with dateline: `CAMEO.2.0.txt` + `verbs-extra.txt`, parsed once.
    pub fn embedded() -> &'static VerbDict {
        static DICT: OnceLock<VerbDict> = OnceLock::new();
        DICT.get_or_init(|| {
            VerbDict::parse_files(&[
                ("data/events/CAMEO.2.0.txt", CAMEO_VERBS),
                ("data/events/verbs-extra.txt", EXTRA_VERBS),
            ])
            .unwrap_or_else(|e| panic!("embedded verb dictionary: {e}"))
        })
    }

    /// Parses one dictionary text. Errors read `line N: problem`.
    pub fn parse(text: &str) -> Result<VerbDict, String> {
        VerbDict::parse_files(&[("", text)])
    }

    /// Parses several dictionary texts as one, in order (`(name, text)`; later files can continue
    /// blocks and sets of earlier ones). Errors read `name:N: problem` (`line N: problem` for an
    /// empty name).
    pub fn parse_files(files: &[(&str, &str)]) -> Result<VerbDict, String> {
        let mut b = Builder::default();
        for (name, text) in files {
            b.file(name, text)?;
            b.files = b.files.saturating_add(1);
        }
        b.finish()
    }

    /// Sizes of the dictionary.
    pub fn stats(&self) -> DictStats {
        DictStats {
            blocks: self.blocks.len(),
            verbs: self.verb_lines,
            forms: self.forms.len(),
            patterns: self.pattern_lines,
            synsets: self.synsets.iter().filter(|s| s.defined).count(),
        }
    }

    /// Problems that do not stop reading, as `file:line: problem`: a synonym set used but never
    /// defined (PETRARCH skips such patterns; here they stay but never match). The shipped
    /// `CAMEO.2.0.txt` has four: `&FIGHT_CRIM`, `&FIGHT_GAMES`, `&WEATHER`, `&DEMONSTRATION`.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The verb a lower-case word form belongs to: a form written in the dictionary (`met`, from
    /// `MEET {MEETS MET MEETING}`) or a regular form generated for a verb listed without `{}`:
    /// `-s`/`-es`/`-ies`; `-ed`/`-d`/`-ied`; `-ing` with the final `e` dropped (`-ying` for `-ie`);
    /// a doubled final consonant after a single vowel (`banned`; for longer verbs both `visited`
    /// and `visitted` are generated, only the real one ever occurs); `-ic` → `-icked`. The first
    /// word of a multi-word verb is a form too (`was` of `+WAS_DETERMINED`); [`VerbDict::match_at`]
    /// then checks the other words.
    pub fn lookup(&self, word_lower: &str) -> Option<VerbId> {
        self.forms.get(word_lower).copied()
    }

    /// Names of the blocks `verb` is listed in, in order of listing.
    pub fn blocks(&self, verb: VerbId) -> impl Iterator<Item = &str> + '_ {
        let senses = self.entries.get(verb.0 as usize).map_or(&[][..], |s| s);
        senses
            .iter()
            .enumerate()
            .filter(move |(i, s)| !senses[..*i].iter().any(|t| t.block == s.block))
            .map(move |(_, s)| &*self.blocks[s.block as usize].name)
    }

    /// The code of `verb`, the word at `verb_at` of the clause `words` (lower case): the best
    /// pattern of its block(s), else its default; `None` if that is `[---]`. See the module
    /// documentation for the rules. Gaps are only stopped by sentence punctuation; use
    /// [`VerbDict::match_with`] when parts of speech are known.
    pub fn match_at(&self, verb: VerbId, words: &[&str], verb_at: usize) -> Option<VerbMatch> {
        self.find(verb, words, verb_at, |_| false)
            .map(|m| m.to_match())
    }

    /// [`VerbDict::match_at`] knowing which words are verbs (`is_verb(i)` for `words[i]`, e.g. from
    /// the tagger): a gap between pattern words may then not cross a dictionary verb of another
    /// block.
    pub fn match_with(
        &self,
        verb: VerbId,
        words: &[&str],
        verb_at: usize,
        is_verb: impl Fn(usize) -> bool,
    ) -> Option<VerbMatch> {
        self.find(verb, words, verb_at, is_verb)
            .map(|m| m.to_match())
    }

    /// [`VerbDict::match_with`] without allocating: the strings are borrowed from the dictionary.
    pub fn find(
        &self,
        verb: VerbId,
        words: &[&str],
        verb_at: usize,
        is_verb: impl Fn(usize) -> bool,
    ) -> Option<VerbMatchRef<'_>> {
        let senses = self.entries.get(verb.0 as usize)?;
        if verb_at >= words.len() {
            return None;
        }
        // 1. Which listings apply: the longest multi-word forms that fit, else single words.
        let mut best_extra = 0;
        for s in senses.iter().filter(|s| s.is_multi()) {
            if fits(s, words, verb_at) {
                best_extra = best_extra.max(s.before.len() + s.after.len());
            }
        }
        let applies = |s: &Sense| {
            if best_extra == 0 {
                !s.is_multi()
            } else {
                s.before.len() + s.after.len() == best_extra && fits(s, words, verb_at)
            }
        };
        let first = senses.iter().find(|s| applies(s))?;
        let (vstart, vend) = if best_extra == 0 {
            (verb_at, verb_at)
        } else {
            (verb_at - first.before.len(), verb_at + first.after.len())
        };
        let in_blocks = |block: u32| senses.iter().any(|s| s.block == block && applies(s));
        let barrier = |i: usize| {
            matches!(words[i], ";" | "." | "!" | "?")
                || (i != verb_at && is_verb(i) && self.other_verb(words[i], &in_blocks))
        };

        // 2. The best pattern of every block that applies.
        let mut best: Option<(Score, &Pattern, u32)> = None;
        for (i, s) in senses.iter().enumerate() {
            if !applies(s) || senses[..i].iter().any(|t| t.block == s.block && applies(t)) {
                continue;
            }
            for p in &self.blocks[s.block as usize].patterns {
                if let Some(score) = self.match_pattern(p, words, vstart, vend, &barrier, &is_verb)
                {
                    let wins = match &best {
                        None => true,
                        Some((b, bp, _)) => {
                            score.better_than(b) || (!b.better_than(&score) && p.file > bp.file)
                        }
                    };
                    if wins {
                        best = Some((score, p, s.block));
                    }
                }
            }
        }
        let extra = vend - vstart;
        if let Some((score, p, block)) = best {
            let code = p.code.as_ref()?;
            return Some(VerbMatchRef {
                code: &code.code,
                words: score.words + extra,
                block: &self.blocks[block as usize].name,
                source_hint: score.source_hint,
                target_hint: score.target_hint,
                default: false,
                reciprocal: code.reciprocal.as_deref(),
                reversed: code.reversed,
            });
        }
        // 3. The default of the first listing.
        let code = first.code.as_ref()?;
        Some(VerbMatchRef {
            code: &code.code,
            words: extra,
            block: &self.blocks[first.block as usize].name,
            source_hint: None,
            target_hint: None,
            default: true,
            reciprocal: code.reciprocal.as_deref(),
            reversed: code.reversed,
        })
    }

    /// True if `word` is a single-word dictionary verb none of whose blocks pass `in_blocks`.
    fn other_verb(&self, word: &str, in_blocks: &dyn Fn(u32) -> bool) -> bool {
        let Some(id) = self.lookup(word) else {
            return false;
        };
        let senses = &self.entries[id.0 as usize];
        senses.iter().any(|s| !s.is_multi()) && !senses.iter().any(|s| in_blocks(s.block))
    }

    /// Matches one pattern around the verb words `vstart..=vend`.
    fn match_pattern(
        &self,
        p: &Pattern,
        words: &[&str],
        vstart: usize,
        vend: usize,
        barrier: &dyn Fn(usize) -> bool,
        is_verb: &dyn Fn(usize) -> bool,
    ) -> Option<Score> {
        let mut post_pos = [(0usize, 0usize); MAX_UNITS];
        let mut pre_pos = [(0usize, 0usize); MAX_UNITS];
        let mut score = Score {
            words: 0,
            chars: 0,
            span: 0,
            source_hint: None,
            target_hint: None,
        };
        // After the verb: first place going right.
        let limit = words
            .len()
            .min(vend + 1 + WINDOW_AFTER.max(p.post_atoms + 4));
        let mut pos = vend + 1;
        let mut last = vend;
        for (k, unit) in p.post.iter().enumerate() {
            let mut s = pos;
            let found = loop {
                if s >= limit {
                    break None;
                }
                if let Some(m) = self.match_unit(&unit.atoms, words, s, limit) {
                    // A pattern's last word "to" is the preposition ("welcomed him (TO) Moscow"),
                    // not the infinitive marker before a verb ("praised its efforts to improve").
                    let infinitive = k + 1 == p.post.len()
                        && unit.is_word("to")
                        && s + 1 < words.len()
                        && is_verb(s + 1);
                    if !infinitive {
                        break Some((s, m));
                    }
                }
                if barrier(s) {
                    break None;
                }
                s += 1;
            };
            let (s, (next, w, c)) = found?;
            post_pos[k] = (s, next - 1);
            score.words += w;
            score.chars += c;
            pos = next;
            last = next - 1;
        }
        // Before the verb: first place going left.
        let lower = vstart.saturating_sub(WINDOW_BEFORE.max(p.pre_atoms + 2));
        let mut bound = vstart; // units must end before this
        let mut first = vstart;
        for (k, unit) in p.pre.iter().enumerate().rev() {
            let mut found = None;
            let mut s = bound;
            while s > lower {
                s -= 1;
                if let Some(m) = self.match_unit(&unit.atoms, words, s, bound) {
                    found = Some((s, m));
                    break;
                }
            }
            let (s, (next, w, c)) = found?;
            if (next..bound).any(barrier) {
                return None;
            }
            pre_pos[k] = (s, next - 1);
            score.words += w;
            score.chars += c;
            bound = s;
            first = s;
        }
        score.span = last - first;
        // A marker's word: right after the element on its left (the verb, or a matched unit),
        // or, opening the pattern, right before the element on its right.
        let hint = |m: Mark| -> Option<usize> {
            let (len, pos) = if m.post {
                (p.post.len(), &post_pos)
            } else {
                (p.pre.len(), &pre_pos)
            };
            let left = match (m.at, m.post) {
                (0, true) => Some(vend),
                (0, false) => None,
                (at, _) => Some(pos[at - 1].1),
            };
            let right = match (m.at < len, m.post) {
                (true, _) => Some(pos[m.at].0),
                (false, true) => None,
                (false, false) => Some(vstart),
            };
            let h = match left {
                Some(l) => l + 1,
                None => right?.checked_sub(1)?,
            };
            let free = h < words.len()
                && !matches!(right, Some(r) if h >= r)
                && !(vstart..=vend).contains(&h);
            free.then_some(h)
        };
        score.source_hint = p.source.and_then(hint);
        score.target_hint = p.target.and_then(hint);
        Some(score)
    }

    /// Matches consecutive atoms starting at `at`, within `..limit`: (index after the last word
    /// matched, words, letters). Set members are tried longest first, with backtracking within
    /// the unit.
    fn match_unit(
        &self,
        atoms: &[Atom],
        words: &[&str],
        at: usize,
        limit: usize,
    ) -> Option<(usize, usize, usize)> {
        let Some((atom, rest)) = atoms.split_first() else {
            return Some((at, 0, 0));
        };
        if at >= limit {
            return None;
        }
        let w = words[at];
        match atom {
            Atom::Word(x, plural) if **x == *w || plural.as_deref() == Some(w) => {}
            Atom::Alt(xs) if xs.iter().any(|x| **x == *w) => {}
            Atom::Word(..) | Atom::Alt(_) => return None,
            Atom::Set(id) => {
                let set = &self.synsets[*id as usize];
                for &m in set.by_first.get(w)? {
                    let member = &set.members[m as usize];
                    let n = member.len();
                    if at + n > limit
                        || !member
                            .iter()
                            .zip(&words[at..at + n])
                            .all(|(a, b)| **a == **b)
                    {
                        continue;
                    }
                    if let Some((next, k, c)) = self.match_unit(rest, words, at + n, limit) {
                        let letters: usize = words[at..at + n].iter().map(|x| x.len()).sum();
                        return Some((next, k + n, c + letters));
                    }
                }
                return None;
            }
        }
        let (next, n, c) = self.match_unit(rest, words, at + 1, limit)?;
        Some((next, n + 1, c + w.len()))
    }
}

/// True if the multi-word listing `s` fits around `words[verb_at]`.
fn fits(s: &Sense, words: &[&str], verb_at: usize) -> bool {
    verb_at >= s.before.len()
        && verb_at + s.after.len() < words.len()
        && s.before
            .iter()
            .zip(&words[verb_at - s.before.len()..verb_at])
            .all(|(a, b)| **a == **b)
        && s.after
            .iter()
            .zip(&words[verb_at + 1..])
            .all(|(a, b)| **a == **b)
}

#[derive(Debug, Clone, Copy)]
struct Score {
    words: usize,
    chars: usize,
    span: usize,
    source_hint: Option<usize>,
    target_hint: Option<usize>,
}

impl Score {
    /// Strictly better: more words, then a tighter span (words nearer the verb belong to it),
    /// then more letters. Ties keep the earlier.
    fn better_than(&self, other: &Score) -> bool {
        (self.words, std::cmp::Reverse(self.span), self.chars)
            > (other.words, std::cmp::Reverse(other.span), other.chars)
    }
}

// ---------------------------------------------------------------------------------------------
// Reading the dictionary.

#[derive(Clone, Copy)]
enum Mode {
    None,
    Synset(u32),
    Block(u32),
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    block_by_name: HashMap<Box<str>, u32>,
    synsets: Vec<Synset>,
    synset_by_name: HashMap<Box<str>, u32>,
    /// Per synset: whether its plurals are suppressed (name ends in `_`).
    entries: Vec<Vec<Sense>>,
    forms: HashMap<Box<str>, VerbId>,
    order: u32,
    verb_lines: usize,
    pattern_lines: usize,
    files: u8,
    /// The verb line being added gives its own code (`RALLY [141]`).
    explicit_code: bool,
}

impl Builder {
    fn file(&mut self, name: &str, text: &str) -> Result<(), String> {
        let mut mode = Mode::None;
        let mut in_comment = false;
        let mut noplural_set = false;
        for (n, raw) in text.lines().enumerate() {
            let at = |problem: String| {
                if name.is_empty() {
                    format!("line {}: {problem}", n + 1)
                } else {
                    format!("{name}:{}: {problem}", n + 1)
                }
            };
            let line = strip_comments(raw, &mut in_comment);
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            if t.starts_with("---") {
                mode = Mode::Block(self.block_header(t).map_err(at)?);
            } else if t.starts_with('~') {
                // PETRARCH 2 transformations: not used.
            } else if let Some(rest) = t.strip_prefix('&') {
                let label = rest.split_whitespace().next().unwrap_or("");
                if label.is_empty() {
                    return Err(at("`&` without a set name".into()));
                }
                noplural_set = label.ends_with('_');
                let id = self.synset_id(label.trim_end_matches('_'));
                self.synsets[id as usize].defined = true;
                mode = Mode::Synset(id);
            } else if t.starts_with('-') {
                let Mode::Block(block) = mode else {
                    return Err(at("pattern outside a verb block".into()));
                };
                let loc = at(String::new());
                let mut p = self.pattern(t, &loc).map_err(at)?;
                p.file = self.files;
                self.blocks[block as usize].patterns.push(p);
                self.pattern_lines += 1;
            } else if let (Some(member), Mode::Synset(id)) = (t.strip_prefix('+'), mode) {
                self.synset_member(id, member, noplural_set).map_err(at)?;
            } else {
                let Mode::Block(block) = mode else {
                    return Err(at(format!("`{t}`: a verb outside a verb block")));
                };
                self.verb_line(block, t).map_err(at)?;
                self.verb_lines += 1;
            }
        }
        Ok(())
    }

    fn block_header(&mut self, t: &str) -> Result<u32, String> {
        let inner = t.trim_start_matches('-').trim();
        let name_end = inner
            .find(|c: char| c.is_whitespace() || c == '[')
            .unwrap_or(inner.len());
        let name = inner[..name_end].trim_end_matches('-');
        if name.is_empty() {
            return Err("block header without a name: `---  NAME   [code]  ---`".into());
        }
        let code = match bracket(inner)? {
            Some(c) => parse_code(c)?,
            None => None,
        };
        if let Some(&id) = self.block_by_name.get(name) {
            let old = &self.blocks[id as usize].code;
            if *old != code {
                return Err(format!(
                    "block {name} exists with code [{}]; a header continuing it must repeat that code",
                    show_code(old)
                ));
            }
            return Ok(id);
        }
        let id = self.blocks.len() as u32;
        self.blocks.push(Block {
            name: name.into(),
            code,
            patterns: Vec::new(),
        });
        self.block_by_name.insert(name.into(), id);
        Ok(id)
    }

    fn synset_id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.synset_by_name.get(name) {
            return id;
        }
        let id = self.synsets.len() as u32;
        self.synsets.push(Synset {
            name: name.into(),
            ..Synset::default()
        });
        self.synset_by_name.insert(name.into(), id);
        id
    }

    fn synset_member(&mut self, id: u32, member: &str, noplural_set: bool) -> Result<(), String> {
        let member = member.trim();
        let noplural = noplural_set || member.ends_with('_');
        let words: Vec<Box<str>> = member
            .split(|c: char| c == '_' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase().into_boxed_str())
            .collect();
        if words.is_empty() {
            return Err("`+` without a member".into());
        }
        let mut variants = vec![words.clone()];
        if !noplural {
            let last = words.last().expect("not empty");
            let mut plural = words.clone();
            *plural.last_mut().expect("not empty") = noun_plural(last).into_boxed_str();
            variants.push(plural);
        }
        let set = &mut self.synsets[id as usize];
        for v in variants {
            if set.members.iter().any(|m| **m == *v) {
                continue;
            }
            set.members.push(v.into_boxed_slice());
        }
        Ok(())
    }

    fn verb_line(&mut self, block: u32, t: &str) -> Result<(), String> {
        let brace = t.find('{');
        let bracket_at = t.find('[');
        let main_end = [brace, bracket_at]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(t.len());
        let main = t[..main_end].trim();
        if main.is_empty() {
            return Err(format!("`{t}`: verb line without a verb"));
        }
        let listed: Option<Vec<&str>> = match brace {
            Some(open) => {
                let close = t[open..]
                    .find('}')
                    .ok_or_else(|| format!("`{t}`: `{{` without `}}`"))?;
                Some(
                    t[open + 1..open + close]
                        .split(|c: char| c.is_whitespace() || c == ',')
                        .filter(|w| !w.is_empty())
                        .collect(),
                )
            }
            None => None,
        };
        let after_forms = match brace {
            Some(open) => open + t[open..].find('}').unwrap_or(0),
            None => 0,
        };
        let own = bracket(&t[after_forms..])?;
        self.explicit_code = own.is_some();
        let code = match own {
            Some(c) => parse_code(c)?,
            None => self.blocks[block as usize].code.clone(),
        };
        let (head, before, after) = split_phrase(main)?;
        self.order += 1;
        let order = self.order;
        let add = |b: &mut Builder, form: &str, before: &[Box<str>], after: &[Box<str>], rank| {
            b.add_form(
                form,
                Sense {
                    block,
                    code: code.clone(),
                    before: before.into(),
                    after: after.into(),
                    rank,
                    order,
                },
            )
        };
        add(self, &head, &before, &after, 0);
        match listed {
            Some(forms) => {
                for f in forms {
                    let (h, b, a) = split_phrase(f)?;
                    add(self, &h, &b, &a, 0);
                }
            }
            None => {
                for f in verb_forms(&head) {
                    add(self, &f, &before, &after, 1);
                }
            }
        }
        Ok(())
    }

    fn add_form(&mut self, form: &str, sense: Sense) {
        let id = match self.forms.get(form) {
            Some(&id) => id,
            None => {
                let id = VerbId(self.entries.len() as u32);
                self.entries.push(Vec::new());
                self.forms.insert(form.into(), id);
                id
            }
        };
        let senses = &mut self.entries[id.0 as usize];
        if let Some(old) = senses
            .iter_mut()
            .find(|s| s.block == sense.block && s.before == sense.before && s.after == sense.after)
        {
            // A later listing with a code of its own gives a verb listed without one its
            // default (`REJECT [120]` in the additions file, for the base file's bare `REJECT`);
            // in the additions file it also replaces the block's code the verb inherited
            // (`RALLY [141]` in MOBILIZE [150]).
            if (old.code.is_none() || (self.files > 0 && self.explicit_code))
                && sense.code.is_some()
            {
                old.code = sense.code;
            }
            return;
        }
        senses.push(sense);
    }

    fn pattern(&mut self, t: &str, loc: &str) -> Result<Pattern, String> {
        let body = &t[1..];
        let open = body
            .find('[')
            .ok_or_else(|| format!("`{t}`: pattern without a [code]"))?;
        let code = parse_code(bracket(&body[open..])?.unwrap_or(""))?;
        let text = body[..open]
            .replace("**", "*")
            .replace('*', " * ")
            .replace(['(', ')'], " ")
            .replace('{', " { ")
            .replace('}', " } ");
        let mut pre: Vec<Unit> = Vec::new();
        let mut post: Vec<Unit> = Vec::new();
        let mut seen_verb = false;
        let mut group: Option<Vec<Atom>> = None;
        let mut source = None;
        let mut target = None;
        for tok in text.split_whitespace() {
            let side = if seen_verb { &mut post } else { &mut pre };
            match tok {
                "*" | "**" => {
                    if seen_verb {
                        return Err(format!("`{t}`: more than one `*`"));
                    }
                    if group.is_some() {
                        return Err(format!("`{t}`: `*` inside `{{ }}`"));
                    }
                    seen_verb = true;
                }
                "$" | "+" => {
                    if group.is_some() {
                        return Err(format!("`{t}`: `{tok}` inside `{{ }}`"));
                    }
                    let mark = Some(Mark {
                        post: seen_verb,
                        at: side.len(),
                    });
                    if tok == "$" {
                        source = mark;
                    } else {
                        target = mark;
                    }
                }
                "^" | "%" => {}
                "{" => {
                    if group.is_some() {
                        return Err(format!("`{t}`: nested `{{`"));
                    }
                    group = Some(Vec::new());
                }
                "}" => {
                    let atoms = group
                        .take()
                        .ok_or_else(|| format!("`{t}`: `}}` without `{{`"))?;
                    if !atoms.is_empty() {
                        side.push(Unit {
                            atoms: atoms.into(),
                        });
                    }
                }
                word => {
                    let atoms = self.atoms(word, loc)?;
                    match group.as_mut() {
                        Some(g) => g.extend(atoms),
                        None if !atoms.is_empty() => side.push(Unit {
                            atoms: atoms.into(),
                        }),
                        None => {}
                    }
                }
            }
        }
        if group.is_some() {
            return Err(format!("`{t}`: `{{` without `}}`"));
        }
        if !seen_verb {
            return Err(format!("`{t}`: pattern without `*` (the verb)"));
        }
        if pre.len() > MAX_UNITS || post.len() > MAX_UNITS {
            return Err(format!(
                "`{t}`: more than {MAX_UNITS} words on one side of `*`"
            ));
        }
        let count = |units: &[Unit]| units.iter().map(|u| u.atoms.len()).sum();
        Ok(Pattern {
            pre_atoms: count(&pre),
            post_atoms: count(&post),
            pre: pre.into(),
            post: post.into(),
            source,
            target,
            code,
            file: 0,
        })
    }

    /// One token of a pattern: `&SET`, `WORD`, `A_B` (consecutive), `A/B` (either).
    fn atoms(&mut self, tok: &str, loc: &str) -> Result<Vec<Atom>, String> {
        if let Some(name) = tok.strip_prefix('&') {
            let name = name.trim_end_matches('_');
            if name.is_empty() {
                return Err("`&` without a set name".into());
            }
            let id = self.synset_id(name);
            let set = &mut self.synsets[id as usize];
            if set.first_use.is_none() {
                set.first_use = Some(loc.trim_end_matches(": ").to_string());
            }
            return Ok(vec![Atom::Set(id)]);
        }
        let mut out = Vec::new();
        let exact = tok.ends_with('_');
        for piece in tok.split('_').filter(|p| !p.is_empty()) {
            let piece = piece.to_lowercase();
            if piece.contains('/') {
                let alts: Vec<Box<str>> = piece
                    .split('/')
                    .filter(|a| !a.is_empty())
                    .map(Into::into)
                    .collect();
                if alts.is_empty() {
                    return Err(format!("`{tok}`: empty alternatives"));
                }
                out.push(Atom::Alt(alts.into()));
            } else {
                let plural = (!exact).then(|| noun_plural(&piece).into_boxed_str());
                out.push(Atom::Word(piece.into(), plural));
            }
        }
        Ok(out)
    }

    fn finish(mut self) -> Result<VerbDict, String> {
        let mut warnings = Vec::new();
        for set in &mut self.synsets {
            if !set.defined {
                warnings.push(format!(
                    "{}: synonym set &{} is never defined: patterns using it never match",
                    set.first_use.as_deref().unwrap_or("?"),
                    set.name
                ));
            }
            let mut by_first: HashMap<Box<str>, Vec<u32>> = HashMap::new();
            for (i, m) in set.members.iter().enumerate() {
                by_first.entry(m[0].clone()).or_default().push(i as u32);
            }
            for list in by_first.values_mut() {
                list.sort_by_key(|&i| std::cmp::Reverse(set.members[i as usize].len()));
            }
            set.by_first = by_first;
        }
        for senses in &mut self.entries {
            senses.sort_by_key(|s| (s.rank, s.order));
        }
        Ok(VerbDict {
            blocks: self.blocks,
            synsets: self.synsets,
            entries: self.entries,
            forms: self.forms,
            verb_lines: self.verb_lines,
            pattern_lines: self.pattern_lines,
            warnings,
        })
    }
}

/// Removes `#` and `;` comments and `<!-- … -->` (possibly spanning lines).
fn strip_comments<'a>(raw: &'a str, in_comment: &mut bool) -> std::borrow::Cow<'a, str> {
    let mut s = std::borrow::Cow::Borrowed(raw);
    if *in_comment || s.contains("<!--") {
        let mut out = String::new();
        let mut rest = raw;
        loop {
            if *in_comment {
                match rest.find("-->") {
                    Some(i) => {
                        rest = &rest[i + 3..];
                        *in_comment = false;
                    }
                    None => break,
                }
            } else {
                match rest.find("<!--") {
                    Some(i) => {
                        out.push_str(&rest[..i]);
                        rest = &rest[i + 4..];
                        *in_comment = true;
                    }
                    None => {
                        out.push_str(rest);
                        break;
                    }
                }
            }
        }
        s = std::borrow::Cow::Owned(out);
    }
    match s.find(['#', ';']) {
        Some(i) => match s {
            std::borrow::Cow::Borrowed(b) => std::borrow::Cow::Borrowed(&b[..i]),
            std::borrow::Cow::Owned(mut o) => {
                o.truncate(i);
                std::borrow::Cow::Owned(o)
            }
        },
        None => s,
    }
}

/// The text between the first `[` and the next `]`, if there is a `[`.
fn bracket(s: &str) -> Result<Option<&str>, String> {
    let Some(open) = s.find('[') else {
        return Ok(None);
    };
    let close = s[open..]
        .find(']')
        .ok_or_else(|| format!("`{s}`: `[` without `]`"))?;
    Ok(Some(s[open + 1..open + close].trim()))
}

/// `042`, `042:043`, `:051`, `080!`, `---` (→ `None`).
fn parse_code(c: &str) -> Result<Option<Code>, String> {
    let c = c.trim().trim_end_matches('!');
    if c == "---" || c.is_empty() {
        return Ok(None);
    }
    let check = |x: &str| -> Result<Box<str>, String> {
        if crate::cameo::is_code(x) {
            Ok(x.into())
        } else {
            Err(format!(
                "[{c}]: `{x}` is not a CAMEO code (2 to 4 digits, or ---)"
            ))
        }
    };
    Ok(Some(match c.split_once(':') {
        None => Code {
            code: check(c)?,
            reciprocal: None,
            reversed: false,
        },
        Some(("", b)) => Code {
            code: check(b)?,
            reciprocal: None,
            reversed: true,
        },
        Some((a, "")) => Code {
            code: check(a)?,
            reciprocal: None,
            reversed: false,
        },
        Some((a, b)) => Code {
            code: check(a)?,
            reciprocal: Some(check(b)?),
            reversed: false,
        },
    }))
}

fn show_code(c: &Option<Code>) -> String {
    match c {
        None => "---".into(),
        Some(c) if c.reversed => format!(":{}", c.code),
        Some(c) => match &c.reciprocal {
            Some(r) => format!("{}:{r}", c.code),
            None => c.code.to_string(),
        },
    }
}

/// A verb phrase split at its verb word: (verb, words before, words after).
type Phrase = (String, Vec<Box<str>>, Vec<Box<str>>);

/// `+SET_UP` → (`set`, [], [`up`]); `RE_+OPEN` → (`open`, [`re`], []); `ABANDON` → (`abandon`, …).
/// Without a `+`, the first word is the verb.
fn split_phrase(p: &str) -> Result<Phrase, String> {
    let words: Vec<&str> = p
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Err(format!("`{p}`: no verb"));
    }
    let head = words.iter().position(|w| w.starts_with('+')).unwrap_or(0);
    let low = |w: &str| w.trim_start_matches('+').to_lowercase();
    let verb = low(words[head]);
    if verb.is_empty() {
        return Err(format!("`{p}`: `+` without a verb"));
    }
    let before = words[..head].iter().map(|w| low(w).into()).collect();
    let after = words[head + 1..].iter().map(|w| low(w).into()).collect();
    Ok((verb, before, after))
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Ends consonant–vowel–consonant (`ban`, `visit`; not `rain`, `fix`, `stay`; `quit` counts).
fn ends_cvc(w: &[u8]) -> bool {
    let n = w.len();
    if n < 3 {
        return false;
    }
    let (a, b, c) = (w[n - 3], w[n - 2], w[n - 1]);
    let a_consonant = !is_vowel(a) || (a == b'u' && n >= 4 && w[n - 4] == b'q');
    c.is_ascii_lowercase()
        && !is_vowel(c)
        && !matches!(c, b'w' | b'x' | b'y')
        && is_vowel(b)
        && a_consonant
        && a.is_ascii_lowercase()
}

fn vowel_groups(w: &[u8]) -> usize {
    let mut n = 0;
    let mut prev = false;
    for &c in w {
        let v = is_vowel(c);
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    n
}

/// Regular inflected forms of a verb (see [`VerbDict::lookup`]).
fn verb_forms(base: &str) -> Vec<String> {
    let b = base.as_bytes();
    let n = b.len();
    let mut out = Vec::new();
    if n == 0 || !b.is_ascii() {
        return out;
    }
    let last = b[n - 1];
    let cons_y = last == b'y' && n >= 2 && !is_vowel(b[n - 2]);
    let stem_y = &base[..n - 1];
    // -s
    if base.ends_with(['s', 'x', 'z']) || base.ends_with("ch") || base.ends_with("sh") {
        out.push(format!("{base}es"));
    } else if cons_y {
        out.push(format!("{stem_y}ies"));
    } else if last == b'o' {
        out.push(format!("{base}es"));
        out.push(format!("{base}s"));
    } else {
        out.push(format!("{base}s"));
    }
    // -ed / -ing
    let cvc = ends_cvc(b);
    let doubled = format!("{base}{}", last as char);
    if last == b'e' {
        out.push(format!("{base}d"));
        if base.ends_with("ie") {
            out.push(format!("{}ying", &base[..n - 2]));
        } else if base.ends_with("ee") || base.ends_with("ye") || base.ends_with("oe") {
            out.push(format!("{base}ing"));
        } else {
            out.push(format!("{stem_y}ing"));
        }
    } else if cons_y {
        out.push(format!("{stem_y}ied"));
        out.push(format!("{base}ing"));
    } else if base.ends_with("ic") {
        out.push(format!("{base}ked"));
        out.push(format!("{base}king"));
        out.push(format!("{base}ed"));
        out.push(format!("{base}ing"));
    } else if cvc {
        out.push(format!("{doubled}ed"));
        out.push(format!("{doubled}ing"));
        if vowel_groups(b) > 1 {
            out.push(format!("{base}ed"));
            out.push(format!("{base}ing"));
        }
    } else {
        out.push(format!("{base}ed"));
        out.push(format!("{base}ing"));
    }
    out
}

/// Regular plural of a noun: `crimes`, `parties`, `taxes`, `days`.
fn noun_plural(w: &str) -> String {
    let b = w.as_bytes();
    let n = b.len();
    if w.ends_with(['s', 'x', 'z']) || w.ends_with("ch") || w.ends_with("sh") {
        format!("{w}es")
    } else if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &w[..n - 1])
    } else {
        format!("{w}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_forms() {
        let f = |w: &str| verb_forms(w);
        assert_eq!(
            f("visit"),
            ["visits", "visitted", "visitting", "visited", "visiting"]
        );
        assert_eq!(f("ban"), ["bans", "banned", "banning"]);
        assert_eq!(f("accuse"), ["accuses", "accused", "accusing"]);
        assert_eq!(f("deny"), ["denies", "denied", "denying"]);
        assert_eq!(f("stay"), ["stays", "stayed", "staying"]);
        assert_eq!(f("push"), ["pushes", "pushed", "pushing"]);
        assert_eq!(f("tie"), ["ties", "tied", "tying"]);
        assert_eq!(f("agree"), ["agrees", "agreed", "agreeing"]);
        assert_eq!(f("quit")[1], "quitted");
        assert!(f("panic").contains(&"panicked".to_string()));
        assert_eq!(noun_plural("party"), "parties");
        assert_eq!(noun_plural("crime"), "crimes");
    }

    #[test]
    fn codes() {
        let c = parse_code("042:043").unwrap().unwrap();
        assert_eq!(
            (&*c.code, c.reciprocal.as_deref(), c.reversed),
            ("042", Some("043"), false)
        );
        let c = parse_code(":051").unwrap().unwrap();
        assert_eq!((&*c.code, c.reversed), ("051", true));
        assert_eq!(&*parse_code("080!").unwrap().unwrap().code, "080");
        assert_eq!(parse_code("---").unwrap(), None);
        assert!(parse_code("12a").is_err());
    }

    #[test]
    fn comments() {
        let mut c = false;
        assert_eq!(strip_comments("SCRAP {X};shan", &mut c), "SCRAP {X}");
        assert_eq!(strip_comments("A <!-- x --> B # c", &mut c), "A  B ");
        assert_eq!(strip_comments("A <!-- x", &mut c), "A ");
        assert!(c);
        assert_eq!(strip_comments("still --> B", &mut c), " B");
        assert!(!c);
    }
}
