//! A byte scanner that cuts text into words, numbers and single punctuation marks, and marks
//! sentence starts. Offsets are byte offsets into the scanned text.
use crate::lexicon::{lexicon, Lexicon, WdForm};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (ASCII or not).
    Word,
    /// ASCII digits.
    Num,
    /// One punctuation or symbol char.
    Punct,
}

/// Capitalisation of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    Lower,
    /// First letter upper case, the rest lower case.
    Title,
    /// Every letter upper case (two letters or more).
    Upper,
    Other,
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: u32,
    pub end: u32,
    pub kind: Kind,
    /// No white space between the previous token and this one.
    pub glued: bool,
    /// First token of a sentence.
    pub sent_start: bool,
    pub case: Case,
    /// Value of a number (saturating).
    pub val: u32,
    /// Number of digits of a number.
    pub ndig: u8,
    /// A punctuation mark, normalised (dashes to `-`, curly apostrophes to `'`, curly quotes to `"`).
    pub ch: char,
    /// Lexicon entry index plus one; 0 when the word is not in the lexicon.
    pub lex: u16,
}

impl Tok {
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.ch == c
    }
}

fn norm_punct(c: char) -> char {
    match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
        c => c,
    }
}

/// Cuts `text` into tokens. `lower` must be `text.to_ascii_lowercase()`. `breaks` are byte
/// offsets where a sentence is known to start (sorted); sentence starts are also guessed from
/// full stops followed by a capitalised word and from blank lines.
pub(crate) fn scan(text: &str, lower: &str, breaks: &[usize]) -> Vec<Tok> {
    let lx = lexicon();
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut toks: Vec<Tok> = Vec::with_capacity(n / 4 + 4);
    let mut i = 0;
    let mut glued = false;
    let mut newlines = 0u32;
    let mut next_break = 0;
    while i < n {
        let b = bytes[i];
        if b == b' ' || b == b'\t' || b == b'\r' || b == b'\n' {
            if b == b'\n' {
                newlines += 1;
            }
            glued = false;
            i += 1;
            continue;
        }
        let start = i;
        let mut tok = Tok {
            start: start as u32,
            end: 0,
            kind: Kind::Punct,
            glued: glued && !toks.is_empty(),
            sent_start: toks.is_empty() || newlines >= 2,
            case: Case::Other,
            val: 0,
            ndig: 0,
            ch: '\0',
            lex: 0,
        };
        while next_break < breaks.len() && breaks[next_break] <= start {
            next_break += 1;
            tok.sent_start = true;
        }
        if b.is_ascii_digit() {
            let mut v: u32 = 0;
            while i < n && bytes[i].is_ascii_digit() {
                v = v
                    .saturating_mul(10)
                    .saturating_add((bytes[i] - b'0') as u32);
                i += 1;
            }
            tok.kind = Kind::Num;
            tok.val = v;
            tok.ndig = (i - start).min(255) as u8;
        } else if b.is_ascii_alphabetic() || (b >= 0x80 && char_at(text, i).is_alphabetic()) {
            let mut ascii = true;
            while i < n {
                let c = bytes[i];
                if c.is_ascii_alphabetic() {
                    i += 1;
                } else if c >= 0x80 {
                    let ch = char_at(text, i);
                    if ch.is_alphabetic() {
                        ascii = false;
                        i += ch.len_utf8();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            tok.kind = Kind::Word;
            let w = &text[start..i];
            tok.case = case_of(w);
            if ascii {
                tok.lex = lookup(lx, &lower[start..i]);
            }
        } else if b >= 0x80 {
            let ch = char_at(text, i);
            i += ch.len_utf8();
            if ch.is_whitespace() {
                if ch == '\u{2028}' || ch == '\u{2029}' {
                    newlines += 2;
                }
                glued = false;
                continue;
            }
            tok.ch = norm_punct(ch);
        } else {
            i += 1;
            tok.ch = norm_punct(b as char);
        }
        tok.end = i as u32;
        newlines = 0;
        glued = true;
        toks.push(tok);
    }
    guess_sentence_starts(&mut toks, text, lx);
    toks
}

#[inline]
fn lookup(lx: &Lexicon, w: &str) -> u16 {
    lx.lookup(w).map(|i| i + 1).unwrap_or(0)
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

fn case_of(w: &str) -> Case {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return Case::Other;
    };
    let rest_lower = chars.clone().all(|c| !c.is_uppercase());
    let rest_upper = chars.clone().all(|c| !c.is_lowercase());
    if first.is_lowercase() && rest_lower {
        Case::Lower
    } else if first.is_uppercase() && rest_upper && w.chars().count() >= 2 {
        Case::Upper
    } else if first.is_uppercase() && rest_lower {
        Case::Title
    } else {
        Case::Other
    }
}

/// A full stop, `!` or `?` ends a sentence when a capitalised word, a number or an opening
/// quote follows after white space, unless the word before the stop is a single letter or an
/// abbreviation of a month or weekday ("Feb.", "J.").
fn guess_sentence_starts(toks: &mut [Tok], text: &str, lx: &Lexicon) {
    for k in 1..toks.len().saturating_sub(1) {
        let t = toks[k];
        if t.kind != Kind::Punct || !matches!(t.ch, '.' | '!' | '?') {
            continue;
        }
        let mut next = k + 1;
        // closing quotes or brackets after the stop stay in the sentence
        while next < toks.len()
            && toks[next].kind == Kind::Punct
            && matches!(toks[next].ch, '"' | '\'' | ')')
            && toks[next].glued
        {
            next += 1;
        }
        let Some(nt) = toks.get(next) else { break };
        if nt.glued {
            continue;
        }
        let starts = match nt.kind {
            Kind::Word => matches!(nt.case, Case::Title | Case::Upper),
            Kind::Num => true,
            Kind::Punct => matches!(nt.ch, '"' | '(' | '\''),
        };
        if !starts {
            continue;
        }
        if t.ch == '.' {
            let prev = toks[k - 1];
            if prev.kind == Kind::Word && t.glued {
                let w = &text[prev.start as usize..prev.end as usize];
                if w.chars().count() == 1 {
                    continue;
                }
                if prev.lex != 0 {
                    let e = &lx.entries[prev.lex as usize - 1];
                    if (e.month != 0 && e.month_abbr)
                        || e.weekday_form == Some(WdForm::Abbr)
                        || e.abbreviation
                    {
                        continue;
                    }
                }
            }
        }
        toks[next].sent_start = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        scan(s, &s.to_ascii_lowercase(), &[])
    }

    #[test]
    fn cuts_words_numbers_and_marks() {
        let t = toks("On Feb. 26, 2025’s 3pm—ok");
        let kinds: Vec<Kind> = t.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            vec![
                Kind::Word,
                Kind::Word,
                Kind::Punct,
                Kind::Num,
                Kind::Punct,
                Kind::Num,
                Kind::Punct,
                Kind::Word,
                Kind::Num,
                Kind::Word,
                Kind::Punct,
                Kind::Word
            ]
        );
        assert_eq!(t[3].val, 26);
        assert_eq!(t[5].val, 2025);
        assert_eq!(t[6].ch, '\'');
        assert!(t[9].glued && !t[8].glued);
        assert_eq!(t[10].ch, '-');
        assert!(t[1].lex != 0);
    }

    #[test]
    fn guesses_sentence_starts() {
        let t = toks("He left on Feb. 3. Then he came back. Mr. J. Smith met.");
        let starts: Vec<usize> = (0..t.len()).filter(|&i| t[i].sent_start).collect();
        // "He", "Then", "Mr" (after "back.")
        assert_eq!(starts.len(), 3, "{starts:?}");
    }
}
