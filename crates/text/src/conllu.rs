//! A minimal CoNLL-U reader for training and evaluating the tagger on treebanks (GUM).
//!
//! Reads, per sentence, the `# text =` line and the FORM and XPOS columns of the word lines;
//! multi-word token ranges (`3-4`) and empty nodes (`5.1`) are skipped, so the words are the
//! syntactic words (`Trump` `'s`), which is how the tokenizer splits too. Pure: the caller
//! reads the files.
use dateline_model::Pos;

use crate::train::Example;

/// One sentence of a CoNLL-U file.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldSentence {
    /// The `# text =` line, if present.
    pub text: Option<String>,
    /// The words (FORM column).
    pub words: Vec<String>,
    /// The Penn tags (XPOS column); [`Pos::X`] where the tag is missing or unknown.
    pub tags: Vec<Pos>,
}

impl GoldSentence {
    /// The sentence as a training example.
    pub fn example(&self) -> Example {
        Example {
            words: self.words.clone(),
            tags: self.tags.clone(),
        }
    }

    /// Byte ranges of the words in [`GoldSentence::text`], found left to right; `None` for a
    /// word that is not found where expected (the text differs from the word forms).
    pub fn word_offsets(&self) -> Vec<Option<(usize, usize)>> {
        let Some(text) = &self.text else {
            return vec![None; self.words.len()];
        };
        let mut at = 0usize;
        self.words
            .iter()
            .map(|w| {
                let rest = &text[at..];
                let skip = rest.len() - rest.trim_start().len();
                if rest[skip..].starts_with(w.as_str()) {
                    let a = at + skip;
                    at = a + w.len();
                    Some((a, at))
                } else {
                    None
                }
            })
            .collect()
    }
}

/// The sentences of a CoNLL-U document.
pub fn parse_conllu(src: &str) -> Vec<GoldSentence> {
    let mut out = Vec::new();
    let mut cur = GoldSentence {
        text: None,
        words: Vec::new(),
        tags: Vec::new(),
    };
    let flush = |cur: &mut GoldSentence, out: &mut Vec<GoldSentence>| {
        if !cur.words.is_empty() {
            out.push(std::mem::replace(
                cur,
                GoldSentence {
                    text: None,
                    words: Vec::new(),
                    tags: Vec::new(),
                },
            ));
        }
        cur.text = None;
    };
    for line in src.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            flush(&mut cur, &mut out);
        } else if let Some(t) = line.strip_prefix("# text = ") {
            cur.text = Some(t.to_string());
        } else if !line.starts_with('#') {
            let mut cols = line.split('\t');
            let id = cols.next().unwrap_or("");
            if id.contains('-') || id.contains('.') {
                continue;
            }
            let form = cols.next().unwrap_or("");
            let xpos = cols.nth(2).unwrap_or("_");
            cur.words.push(form.to_string());
            cur.tags.push(Pos::from_penn(xpos).unwrap_or(Pos::X));
        }
    }
    flush(&mut cur, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_and_tags() {
        let src = "# sent_id = x-1\n# text = Kyiv's mayor spoke.\n\
            1-2\tKyiv's\t_\t_\t_\t_\t_\t_\t_\t_\n\
            1\tKyiv\tKyiv\tPROPN\tNNP\t_\t3\tnmod\t_\t_\n\
            2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_\n\
            3\tmayor\tmayor\tNOUN\tNN\t_\t4\tnsubj\t_\t_\n\
            4\tspoke\tspeak\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n\
            5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";
        let s = parse_conllu(src);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words, ["Kyiv", "'s", "mayor", "spoke", "."]);
        assert_eq!(s[0].tags[1], Pos::POS);
        let offs = s[0].word_offsets();
        assert_eq!(offs[1], Some((4, 6)));
        assert_eq!(offs[4], Some((18, 19)));
    }
}
