//! Penn-Treebank-like tokenisation, matching the way GUM tokenises (its CoNLL-U FORM column),
//! so that the tagger sees at run time the kind of tokens it was trained on.
//!
//! Decisions (each checked against counts in the GUM treebank):
//! - White space (any Unicode white space, including `\n` of hard-wrapped lines) separates
//!   tokens and is never part of one. Punctuation is split off, one character per token, except
//!   runs of dots (`...`), of hyphens (`--`) and doubled quotes (` `` ` / `''`).
//! - Clitics are split: `Trump's` → `Trump` `'s`, `don't` → `do` `n't`, `can't` → `ca` `n't`,
//!   `we'll` → `we` `'ll`, with straight `'` or curly `’`. Other inner apostrophes stay
//!   (`O'Brien`, `L'Enfant`); a trailing one is split (`players` `'`).
//! - Words Penn writes apart are split (`cannot` → `can` `not`, `gonna` → `gon` `na`).
//! - Hyphens: GUM splits hyphenated compounds at the hyphen, with the hyphen as its own token
//!   (`US-Russia` → `US` `-` `Russia`, `expert-level` → `expert` `-` `level`, `1990-1995`),
//!   but keeps words with a prefix such as `non-`, `re-`, `pro-`, `anti-`, `co-`, `e-` whole
//!   (`data/lexicon/tokenizer.txt`). ISO dates (`2025-02-26`) stay whole.
//! - Numbers keep inner decimal points, thousands commas, colons and slashes between digits
//!   (`5.93`, `155,221`, `10:30`, `9/11`); a glued unit is split (`430km` → `430` `km`,
//!   `6:00am` → `6:00` `am`), other suffixes stay (`1990s`, `3rd`).
//! - Abbreviations keep their stop (`Gen.`, `Feb.`, `U.S.`, `a.m.`, initials `J.`), also at the
//!   end of a sentence (`… to the U.S.` is one token, as in GUM).
//! - URLs (`http://…`, `www.…`) and e-mail addresses are one token; trailing punctuation is not
//!   part of them. `@handles` and `#hashtags` are one token.
//! - Combining marks stay with the character before them; tokens never split a character.
use crate::lexicon::{AbbrevKind, Lexicon};

/// Splits `text` into tokens, pushing their byte ranges (offset by `base`) to `out`.
pub(crate) fn tokenize(lex: &Lexicon, text: &str, base: usize, out: &mut Vec<(usize, usize)>) {
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(text.len() + 1);
    chars.extend(text.char_indices());
    let n = chars.len();
    chars.push((text.len(), ' '));
    let mut t = Tok {
        lex,
        text,
        ch: &chars,
        base,
        out,
    };
    let mut i = 0;
    while i < n {
        if is_space(chars[i].1) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n && !is_space(chars[j].1) {
            j += 1;
        }
        t.chunk(i, j);
        i = j;
    }
}

/// Separates tokens and is never part of one.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' || (c.is_control() && c != '\u{AD}')
}

/// Combining marks and joiners: they belong to the character before them.
#[inline]
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C | 0x200D | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0xAD)
}

#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

#[inline]
fn is_hyphen(c: char) -> bool {
    c == '-' || c == '\u{2010}' || c == '\u{2011}'
}

/// Trailing characters that are never part of a URL or e-mail address.
fn is_url_trailer(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '>' | '"' | '\'' | '”' | '’' | '»'
    )
}

struct Tok<'a> {
    lex: &'a Lexicon,
    text: &'a str,
    ch: &'a [(usize, char)],
    base: usize,
    out: &'a mut Vec<(usize, usize)>,
}

impl<'a> Tok<'a> {
    #[inline]
    fn c(&self, i: usize) -> char {
        self.ch[i].1
    }

    /// The char at `i` if it lies before `e`.
    #[inline]
    fn at(&self, i: usize, e: usize) -> Option<char> {
        (i < e).then(|| self.ch[i].1)
    }

    #[inline]
    fn str(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.ch[a].0..self.ch[b].0]
    }

    #[inline]
    fn emit(&mut self, a: usize, b: usize) {
        if a < b {
            self.out
                .push((self.base + self.ch[a].0, self.base + self.ch[b].0));
        }
    }

    /// Extends `i` over combining marks.
    #[inline]
    fn marks(&self, mut i: usize, e: usize) -> usize {
        while i < e && is_mark(self.c(i)) {
            i += 1;
        }
        i
    }

    /// One white-space-free chunk `[s, e)`.
    fn chunk(&mut self, s: usize, e: usize) {
        let mut p = s;
        while p < e {
            let c = self.c(p);
            if c.is_alphanumeric() {
                if let Some(q) = self.url(p, e).or_else(|| self.email(p, e)) {
                    self.emit(p, q);
                    p = q;
                    continue;
                }
                if let Some(q) = self.dotted(p, e) {
                    self.emit(p, q);
                    p = q;
                    continue;
                }
                if let Some(q) = self.iso_date(p, e) {
                    self.emit(p, q);
                    p = q;
                    continue;
                }
                p = self.word(p, e);
                continue;
            }
            let next = self.at(p + 1, e);
            let q = match c {
                '@' | '#' if next.is_some_and(|n| n.is_alphabetic()) && !self.after_word(p, s) => {
                    let mut q = p + 1;
                    while q < e && (is_word_char(self.c(q)) || self.c(q) == '_') {
                        q += 1;
                    }
                    q
                }
                '\'' | '’' if self.decade(p, e) => p + 4,
                '.' => self.run(p, e, '.', usize::MAX),
                '-' => self.run(p, e, '-', usize::MAX),
                '`' => self.run(p, e, '`', 2),
                '\'' if next == Some('\'') => p + 2,
                '\'' | '’' if p > s => self.clitic_after(p, e).unwrap_or(p + 1),
                _ => p + 1,
            };
            let q = self.marks(q, e);
            self.emit(p, q);
            p = q;
        }
    }

    fn after_word(&self, p: usize, s: usize) -> bool {
        p > s && is_word_char(self.c(p - 1))
    }

    fn run(&self, p: usize, e: usize, c: char, max: usize) -> usize {
        let mut q = p + 1;
        while q < e && self.c(q) == c && q - p < max {
            q += 1;
        }
        q
    }

    /// `'90s`: an apostrophe, two digits and an optional `s`.
    fn decade(&self, p: usize, e: usize) -> bool {
        let d = |i| self.at(i, e).is_some_and(|c: char| c.is_ascii_digit());
        if !(d(p + 1) && d(p + 2)) {
            return false;
        }
        match self.at(p + 3, e) {
            Some('s') => !self.at(p + 4, e).is_some_and(is_word_char),
            _ => false,
        }
    }

    /// `'s` after a token that is not a word (`Inc.'s`): the clitic's end.
    fn clitic_after(&self, p: usize, e: usize) -> Option<usize> {
        let mut q = p + 1;
        while q < e && self.c(q).is_ascii_alphabetic() && q - p <= 2 {
            q += 1;
        }
        if self.at(q, e).is_some_and(is_word_char) {
            return None;
        }
        let w = self.str(p + 1, q).to_ascii_lowercase();
        matches!(w.as_str(), "s" | "m" | "d" | "re" | "ve" | "ll").then_some(q)
    }

    /// A URL starting at `p`: `http://`, `https://` or `www.`, up to the end of the chunk
    /// less trailing punctuation.
    fn url(&self, p: usize, e: usize) -> Option<usize> {
        let rest = &self.text[self.ch[p].0..self.ch[e].0];
        let head = rest.get(..8).unwrap_or(rest).to_ascii_lowercase();
        if !(head.starts_with("http://")
            || head.starts_with("https://")
            || head.starts_with("www.")
            || self.domain(p, e))
        {
            return None;
        }
        let mut q = e;
        while q > p + 4 && is_url_trailer(self.c(q - 1)) {
            q -= 1;
        }
        Some(q)
    }

    /// True when a domain name starts at `p`: labels of letters, digits and hyphens joined by
    /// stops, the last a known top-level domain in lower case, then the end, a `/` or
    /// punctuation (`Amazon.com`, `kremlin.ru/events`).
    fn domain(&self, p: usize, e: usize) -> bool {
        let mut q = p;
        let mut labels = 0;
        loop {
            let l = q;
            while q < e && (self.c(q).is_ascii_alphanumeric() || self.c(q) == '-') {
                q += 1;
            }
            if q == l {
                return false;
            }
            labels += 1;
            if labels >= 2 && self.lex.is_domain(self.str(l, q)) {
                let after = self.at(q, e);
                if after.is_none_or(|c| c == '/' || (c != '.' && is_url_trailer(c)))
                    || (after == Some('.') && !self.at(q + 1, e).is_some_and(is_word_char))
                {
                    return true;
                }
            }
            if q < e && self.c(q) == '.' {
                q += 1;
            } else {
                return false;
            }
        }
    }

    /// An e-mail address starting at `p`.
    fn email(&self, p: usize, e: usize) -> Option<usize> {
        let local = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
        let mut q = p;
        while q < e && local(self.c(q)) {
            q += 1;
        }
        if q == p || q >= e || self.c(q) != '@' {
            return None;
        }
        let d0 = q + 1;
        let mut d = d0;
        while d < e && (self.c(d).is_alphanumeric() || matches!(self.c(d), '.' | '-')) {
            d += 1;
        }
        while d > d0 && matches!(self.c(d - 1), '.' | '-') {
            d -= 1;
        }
        let domain = self.str(d0, d);
        (domain.contains('.') && !domain.starts_with('.')).then_some(d)
    }

    /// A dotted abbreviation (`U.S.`, `a.m.`, `Ph.D.`) starting at `p`, ending at a boundary.
    fn dotted(&self, p: usize, e: usize) -> Option<usize> {
        let mut q = p;
        let mut groups = 0;
        loop {
            let g = q;
            while q < e && self.c(q).is_ascii_alphabetic() && q - g < 3 {
                q += 1;
            }
            if q == g || q >= e || self.c(q) != '.' {
                q = g;
                break;
            }
            q += 1;
            groups += 1;
        }
        if groups < 2 || self.at(q, e).is_some_and(|c| c.is_alphanumeric()) {
            return None;
        }
        self.abbreviation_ends(p, q).then_some(q)
    }

    /// True when `[p, q)` (ending in a stop) is an abbreviation here: listed or of an
    /// abbreviation's pattern, and for a `number` kind (`No.`) followed by a digit.
    fn abbreviation_ends(&self, p: usize, q: usize) -> bool {
        match self.lex.abbreviation(self.str(p, q)) {
            None => false,
            Some(AbbrevKind::Number) => {
                let mut k = q;
                while k < self.ch.len() - 1 && is_space(self.c(k)) {
                    k += 1;
                }
                k < self.ch.len() - 1 && self.c(k).is_ascii_digit()
            }
            Some(_) => true,
        }
    }

    /// `2025-02-26`, not followed by a digit.
    fn iso_date(&self, p: usize, e: usize) -> Option<usize> {
        if p + 10 > e {
            return None;
        }
        for k in 0..10 {
            let c = self.c(p + k);
            let ok = if k == 4 || k == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            };
            if !ok {
                return None;
            }
        }
        (!self.at(p + 10, e).is_some_and(is_word_char)).then_some(p + 10)
    }

    /// A word starting at `p` (an alphanumeric char); emits it (and its clitics) and returns
    /// where it ends.
    fn word(&mut self, p: usize, e: usize) -> usize {
        let mut q = p + 1;
        let mut seg = p; // start of the current hyphen segment
        while q < e {
            let c = self.c(q);
            if is_word_char(c) {
                q += 1;
                continue;
            }
            let prev = self.c(q - 1);
            let next = self.at(q + 1, e);
            let next_is = |f: fn(char) -> bool| next.is_some_and(f);
            let take = match c {
                '.' | ':' | '/' => prev.is_ascii_digit() && next_is(|c| c.is_ascii_digit()),
                ',' => {
                    prev.is_ascii_digit()
                        && (1..=3).all(|k| self.at(q + k, e).is_some_and(|c| c.is_ascii_digit()))
                        && !self.at(q + 4, e).is_some_and(|c| c.is_ascii_digit())
                }
                '&' => prev.is_uppercase() && next_is(char::is_uppercase),
                '\'' | '’' => prev.is_alphabetic() && next_is(char::is_alphabetic),
                c if is_hyphen(c) => {
                    prev.is_alphanumeric()
                        && next_is(char::is_alphanumeric)
                        && self.lex.is_hyphen_prefix(self.str(seg, q))
                }
                _ => false,
            };
            if !take {
                break;
            }
            q += 1;
            if is_hyphen(c) {
                seg = q;
            }
        }
        // A stop that belongs to the word: `Gen.`, `J.`, `Calif.`.
        if q < e
            && self.c(q) == '.'
            && !self.at(q + 1, e).is_some_and(|c| c.is_alphanumeric())
            && self.abbreviation_ends(p, q + 1)
        {
            self.emit(p, q + 1);
            return q + 1;
        }
        self.emit_word(p, q);
        q
    }

    /// Emits the word `[p, q)`, splitting clitics, split words and glued units.
    fn emit_word(&mut self, p: usize, q: usize) {
        // Clitics, from the end.
        let mut end = q;
        let mut clitics: [(usize, usize); 2] = [(0, 0); 2];
        let mut nc = 0;
        while nc < 2 {
            match self.clitic(p, end) {
                Some(k) => {
                    clitics[nc] = (k, end);
                    nc += 1;
                    end = k;
                }
                None => break,
            }
        }
        let stem = self.str(p, end);
        let lex = self.lex;
        if let Some(parts) = lex.split_word(stem) {
            let mut a = p;
            for &len in parts {
                self.emit(a, a + len);
                a += len;
            }
        } else if let Some(k) = self.unit(p, end) {
            self.emit(p, k);
            self.emit(k, end);
        } else {
            self.emit(p, end);
        }
        for &(a, b) in clitics[..nc].iter().rev() {
            self.emit(a, b);
        }
    }

    /// Start of a clitic ending the word `[p, q)`: `'s 'm 'd 're 've 'll n't`.
    fn clitic(&self, p: usize, q: usize) -> Option<usize> {
        let len = q - p;
        let lower = |i: usize| self.c(i).to_ascii_lowercase();
        // n't
        if len >= 4 && lower(q - 1) == 't' && is_apostrophe(self.c(q - 2)) && lower(q - 3) == 'n' {
            return Some(q - 3);
        }
        for k in [2usize, 3] {
            if len > k && is_apostrophe(self.c(q - k)) {
                let ok = match k {
                    2 => matches!(lower(q - 1), 's' | 'm' | 'd'),
                    _ => matches!(
                        (lower(q - 2), lower(q - 1)),
                        ('r', 'e') | ('v', 'e') | ('l', 'l')
                    ),
                };
                return ok.then_some(q - k);
            }
        }
        None
    }

    /// Where a glued unit starts in a number (`430km`, `6:00am`).
    fn unit(&self, p: usize, q: usize) -> Option<usize> {
        if !self.c(p).is_ascii_digit() {
            return None;
        }
        let mut k = p;
        while k < q && (self.c(k).is_ascii_digit() || matches!(self.c(k), '.' | ',' | ':' | '/')) {
            k += 1;
        }
        if k == q || !self.c(k - 1).is_ascii_digit() {
            return None;
        }
        let suffix = self.str(k, q);
        (suffix.chars().all(|c| c.is_ascii_alphabetic()) && self.lex.is_unit_suffix(suffix))
            .then_some(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::*;

    fn toks(text: &str) -> Vec<&str> {
        let lex = Lexicon::parse(
            DEFAULT_ABBREVIATIONS,
            DEFAULT_SENTENCE_STARTERS,
            DEFAULT_TOKENIZER_LEXICON,
        );
        let mut out = Vec::new();
        tokenize(&lex, text, 0, &mut out);
        out.iter().map(|&(a, b)| &text[a..b]).collect()
    }

    fn check(text: &str, expect: &str) {
        assert_eq!(toks(text).join(" "), expect, "tokens of {text:?}");
    }

    #[test]
    fn punctuation_and_clitics() {
        check(
            "Trump's aides don't know, we'll see.",
            "Trump 's aides do n't know , we 'll see .",
        );
        check(
            "It’s what they’ve said: “No.”",
            "It ’s what they ’ve said : “ No . ”",
        );
        check("I can't, won't, cannot.", "I ca n't , wo n't , can not .");
        check("O'Brien's players' union", "O'Brien 's players ' union");
        check(
            "\"Quote\" 'single' ``tex''",
            "\" Quote \" ' single ' `` tex ''",
        );
        check("'90s rock (and roll)...", "'90s rock ( and roll ) ...");
    }

    #[test]
    fn numbers_and_abbreviations() {
        check(
            "Shares rose 5.93% to $155,221 on Feb. 5, 1,000 more.",
            "Shares rose 5.93 % to $ 155,221 on Feb. 5 , 1,000 more .",
        );
        check(
            "At 10:30am the 9/11 panel met 430km away.",
            "At 10:30 am the 9/11 panel met 430 km away .",
        );
        check(
            "Gen. Mark J. Smith of the U.S. Army",
            "Gen. Mark J. Smith of the U.S. Army",
        );
        check("talks in the U.S.", "talks in the U.S.");
        check(
            "No. 10 said “No.” to No.\n5",
            "No. 10 said “ No . ” to No. 5",
        );
        check("at 5 p.m. today, e.g. here", "at 5 p.m. today , e.g. here");
        check("the end. The", "the end . The");
        check(
            "a U.S.-led force in 1990s-era",
            "a U.S. - led force in 1990s - era",
        );
        check("Acme Inc.'s shares", "Acme Inc. 's shares");
    }

    #[test]
    fn hyphens() {
        check(
            "US-Russia expert-level talks on non-profit re-election",
            "US - Russia expert - level talks on non-profit re-election",
        );
        check(
            "the 2014-2015 season, on 2025-02-26",
            "the 2014 - 2015 season , on 2025-02-26",
        );
        check("a 20-year-old -- maybe", "a 20 - year - old -- maybe");
        check("east–west — north", "east – west — north");
    }

    #[test]
    fn urls_and_unicode() {
        check(
            "Amazon.com, kremlin.ru/events. Ends.It",
            "Amazon.com , kremlin.ru/events . Ends . It",
        );
        check(
            "See https://example.org/a-b?x=1. Mail press@example.com, or @dateline #news.",
            "See https://example.org/a-b?x=1 . Mail press@example.com , or @dateline #news .",
        );
        check(
            "«Київ» said Zelenskyy’s aide",
            "« Київ » said Zelenskyy ’s aide",
        );
        check("Cafe\u{301} au lait", "Cafe\u{301} au lait");
        check("wrapped\nline  and\u{a0}nbsp", "wrapped line and nbsp");
    }
}
