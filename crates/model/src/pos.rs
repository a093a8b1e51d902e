//! Part-of-speech tags (Penn Treebank, as in GUM's XPOS column) and tokens.
use serde::{Deserialize, Serialize};

use crate::span::Span;

macro_rules! penn {
    ($($v:ident = $s:literal),* $(,)?) => {
        /// A Penn Treebank part-of-speech tag. `X` stands for untagged or unknown.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[allow(missing_docs)]
        pub enum Pos { $($v),* }

        impl Pos {
            /// Every tag, in a fixed order (the order of a tagger's weight rows).
            pub const ALL: &'static [Pos] = &[$(Pos::$v),*];

            /// The Penn spelling (`NNP`, `-LRB-`, `,`).
            pub fn penn(self) -> &'static str {
                match self { $(Pos::$v => $s),* }
            }

            /// Parses a Penn spelling; unknown tags give `None`.
            pub fn from_penn(s: &str) -> Option<Pos> {
                match s { $($s => Some(Pos::$v),)* _ => None }
            }
        }
    };
}

penn! {
    X = "XX", CC = "CC", CD = "CD", DT = "DT", EX = "EX", FW = "FW", IN = "IN", JJ = "JJ",
    JJR = "JJR", JJS = "JJS", LS = "LS", MD = "MD", NN = "NN", NNS = "NNS", NNP = "NNP",
    NNPS = "NNPS", PDT = "PDT", POS = "POS", PRP = "PRP", PRPS = "PRP$", RB = "RB", RBR = "RBR",
    RBS = "RBS", RP = "RP", SYM = "SYM", TO = "TO", UH = "UH", VB = "VB", VBD = "VBD",
    VBG = "VBG", VBN = "VBN", VBP = "VBP", VBZ = "VBZ", WDT = "WDT", WP = "WP", WPS = "WP$",
    WRB = "WRB", HYPH = "HYPH", LRB = "-LRB-", RRB = "-RRB-", COMMA = ",", PERIOD = ".",
    COLON = ":", OQUOTE = "``", CQUOTE = "''", DOLLAR = "$", HASH = "#", GW = "GW", NFP = "NFP",
    ADD = "ADD", AFX = "AFX",
}

impl Pos {
    /// Proper noun (NNP, NNPS).
    pub fn is_proper(self) -> bool {
        matches!(self, Pos::NNP | Pos::NNPS)
    }

    /// Any noun.
    pub fn is_noun(self) -> bool {
        matches!(self, Pos::NN | Pos::NNS | Pos::NNP | Pos::NNPS)
    }

    /// Any verb form, including modals.
    pub fn is_verb(self) -> bool {
        matches!(
            self,
            Pos::VB | Pos::VBD | Pos::VBG | Pos::VBN | Pos::VBP | Pos::VBZ | Pos::MD
        )
    }

    /// A finite verb: past, present or a modal (VBD, VBZ, VBP, MD).
    pub fn is_finite(self) -> bool {
        matches!(self, Pos::VBD | Pos::VBZ | Pos::VBP | Pos::MD)
    }
}

macro_rules! ud_relations {
    ($($v:ident = $s:literal),* $(,)?) => {
        /// A Universal Dependencies relation (GUM's DEPREL column, subtypes kept), the label
        /// of a token's arc to its head. [`Dep::Unparsed`] until a parser has run.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
        #[repr(u8)]
        #[allow(missing_docs)]
        pub enum Dep {
            /// No parse yet (written `_`, as in CoNLL-U).
            #[default]
            Unparsed,
            $($v),*
        }

        impl Dep {
            /// Every relation, [`Dep::Unparsed`] excluded, in a fixed order.
            pub const ALL: &'static [Dep] = &[$(Dep::$v),*];

            /// The UD spelling (`nsubj:pass`, `obl:agent`, `root`); `_` for [`Dep::Unparsed`].
            pub fn name(self) -> &'static str {
                match self { Dep::Unparsed => "_", $(Dep::$v => $s),* }
            }

            /// Parses a UD spelling exactly; unknown relations give `None`.
            pub fn from_name(s: &str) -> Option<Dep> {
                match s { $($s => Some(Dep::$v),)* _ => None }
            }
        }
    };
}

ud_relations! {
    Acl = "acl", AclRelcl = "acl:relcl", Advcl = "advcl", AdvclRelcl = "advcl:relcl",
    Advmod = "advmod", Amod = "amod", Appos = "appos", Aux = "aux", AuxPass = "aux:pass",
    Case = "case", Cc = "cc", CcPreconj = "cc:preconj", Ccomp = "ccomp", Compound = "compound",
    CompoundPrt = "compound:prt", Conj = "conj", Cop = "cop", Csubj = "csubj",
    CsubjOuter = "csubj:outer", CsubjPass = "csubj:pass", Unspecified = "dep", Det = "det",
    DetPredet = "det:predet", Discourse = "discourse", Dislocated = "dislocated", Expl = "expl",
    Fixed = "fixed", Flat = "flat", FlatForeign = "flat:foreign", Goeswith = "goeswith",
    Iobj = "iobj", List = "list", Mark = "mark", Nmod = "nmod", NmodDesc = "nmod:desc",
    NmodNpmod = "nmod:npmod", NmodPoss = "nmod:poss", NmodTmod = "nmod:tmod",
    NmodUnmarked = "nmod:unmarked", Nsubj = "nsubj", NsubjOuter = "nsubj:outer",
    NsubjPass = "nsubj:pass", Nummod = "nummod", Obj = "obj", Obl = "obl", OblAgent = "obl:agent",
    OblNpmod = "obl:npmod", OblTmod = "obl:tmod", OblUnmarked = "obl:unmarked", Orphan = "orphan",
    Parataxis = "parataxis", Punct = "punct", Reparandum = "reparandum", Root = "root",
    Vocative = "vocative", Xcomp = "xcomp",
}

impl Dep {
    /// The universal relation without its subtype (`nsubj:pass` → `nsubj`, `obl:agent` →
    /// `obl`); a relation without subtype is itself.
    pub fn universal(self) -> Dep {
        let name = self.name();
        match name.split_once(':') {
            Some((base, _)) => Dep::from_name(base).unwrap_or(self),
            None => self,
        }
    }

    /// True once a parser has labelled the token.
    pub fn is_parsed(self) -> bool {
        self != Dep::Unparsed
    }
}

/// One token of the canonical text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Char span.
    pub span: Span,
    /// Byte offset of the first byte (for fast slicing).
    pub start_byte: u32,
    /// Byte offset one past the last byte.
    pub end_byte: u32,
    /// Index of the sentence the token belongs to.
    pub sentence: u32,
    /// Part of speech; [`Pos::X`] until a tagger has run.
    pub pos: Pos,
    /// Relation to the head; [`Dep::Unparsed`] until a parser has run.
    pub dep: Dep,
    /// Sentence-relative index of the head token; [`Token::NO_HEAD`] for the sentence's root
    /// and before parsing.
    pub head: u32,
}

impl Token {
    /// [`Token::head`] of a root or of an unparsed token.
    pub const NO_HEAD: u32 = u32::MAX;

    /// The token's text, sliced from the canonical text by byte offsets.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start_byte as usize..self.end_byte as usize)
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn penn_round_trip() {
        for p in Pos::ALL {
            assert_eq!(Pos::from_penn(p.penn()), Some(*p));
        }
        assert_eq!(Pos::from_penn("PRP$"), Some(Pos::PRPS));
        assert_eq!(Pos::from_penn("nope"), None);
        assert!(Pos::NNP.is_proper() && Pos::MD.is_verb() && !Pos::JJ.is_noun());
    }

    #[test]
    fn relations_round_trip() {
        for d in Dep::ALL {
            assert_eq!(Dep::from_name(d.name()), Some(*d));
            assert!(d.is_parsed());
        }
        assert_eq!(Dep::from_name("nsubj:pass"), Some(Dep::NsubjPass));
        assert_eq!(Dep::NsubjPass.universal(), Dep::Nsubj);
        assert_eq!(Dep::OblAgent.universal(), Dep::Obl);
        assert_eq!(Dep::Obj.universal(), Dep::Obj);
        assert_eq!(Dep::default(), Dep::Unparsed);
        assert_eq!(Dep::from_name("nope"), None);
        assert!(Dep::ALL.len() < 64, "parsers keep label sets in a u64");
        assert!(std::mem::size_of::<Token>() <= 40);
    }
}
