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
}

impl Token {
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
}
