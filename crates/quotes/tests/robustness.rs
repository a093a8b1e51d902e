//! No panic on any input: random texts made of quotation marks, apostrophes, speech verbs and
//! punctuation, and analyses whose layers do not fit the text.
mod common;

use dateline_model::{Analysis, Entity, EntityType, Mention, Pos, Sentence, Span, Token, ZoneKind};
use dateline_pipeline::Stage;
use dateline_quotes::QuoteStage;

/// xorshift64*: a small deterministic generator (no randomness from the environment).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "`",
    "''",
    "``",
    "„",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    ",",
    ".",
    ":",
    ";",
    "—",
    "-",
    "?",
    "!",
    "(",
    ")",
    "said",
    "says",
    "told",
    "saying",
    "according to",
    "that",
    "he",
    "she",
    "they",
    "Peskov",
    "the Kremlin",
    "officials",
    "a senior diplomat",
    "reporters",
    "but",
    "and",
    "as",
    "while",
    "We",
    "are",
    "ready",
    "talks",
    "will",
    "resume",
    "Trump's",
    "'90s",
    "rock 'n' roll",
    "students'",
    "Київ",
    "é",
    "🙂",
    "12\"",
    "not",
    "was",
    "adding",
    "on Monday",
    "in a statement",
    "warned",
    "confirmed",
    "denied",
    "The",
    "Moscow",
];

fn random_text(rng: &mut Rng) -> String {
    let n = 1 + rng.below(120);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(PIECES[rng.below(PIECES.len())]);
        if rng.below(3) > 0 {
            s.push(' ');
        }
    }
    s
}

#[test]
fn random_texts_never_panic_and_spans_hold() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let base = common::base_pipeline();
    let stage = QuoteStage::new();
    // QUOTES_FUZZ=N runs more rounds (and another seed) by hand.
    let rounds: usize = std::env::var("QUOTES_FUZZ")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(400);
    if rounds != 400 {
        rng = Rng(rounds as u64 | 1);
    }
    for i in 0..rounds {
        let body = random_text(&mut rng);
        // Half as a news record (headline, standfirst, caption zones), half as bare paragraphs.
        let articles = if i % 2 == 0 {
            let rec = format!(
                " date 2025-03-04 WORLD\n{}\n{}\n\n{}\n",
                random_text(&mut rng).replace('\n', " "),
                random_text(&mut rng).replace('\n', " "),
                body
            );
            common::read_all("fuzz.txt", rec.as_bytes())
        } else {
            vec![common::article(&body)]
        };
        for a in articles {
            let mut an = base.analyse(&a);
            stage.run(&a, &mut an);
            let qs = an.quotes.as_ref().unwrap();
            common::check_spans(&a, qs);
            let n = a.text.chars().count();
            for q in qs {
                assert!(q.content.start < q.content.end && q.content.end <= n);
                assert!(q.content.len() <= dateline_quotes::MAX_QUOTE_CHARS + 200);
            }
        }
    }
}

#[test]
fn layers_that_do_not_fit_the_text_never_panic() {
    let mut rng = Rng(42);
    let stage = QuoteStage::new();
    for _ in 0..300 {
        let a = common::article(&random_text(&mut rng));
        let len = a.text.len() as u32;
        let mut an = Analysis::empty(a.id.clone());
        let mut tokens = Vec::new();
        for _ in 0..rng.below(40) {
            let s = rng.below(len as usize + 5) as u32;
            let e = s + rng.below(8) as u32;
            tokens.push(Token {
                span: Span::new(s as usize, e as usize),
                start_byte: s,
                end_byte: e,
                sentence: rng.below(4) as u32,
                pos: Pos::ALL[rng.below(Pos::ALL.len())],
                dep: dateline_model::Dep::Unparsed,
                head: Token::NO_HEAD,
            });
        }
        let mut sentences = Vec::new();
        for _ in 0..rng.below(5) {
            let f = rng.below(tokens.len() + 3) as u32;
            let s = rng.below(len as usize + 3);
            sentences.push(Sentence {
                span: Span::new(s, s + rng.below(50)),
                zone: [ZoneKind::Paragraph, ZoneKind::Headline, ZoneKind::Caption][rng.below(3)],
                first_token: f,
                end_token: f + rng.below(20) as u32,
            });
        }
        let mentions = (0..rng.below(6))
            .map(|_| {
                let s = rng.below(len as usize + 10)
                    + if rng.below(10) == 0 {
                        usize::MAX / 2
                    } else {
                        0
                    };
                Mention {
                    span: Span::new(s, s.saturating_add(rng.below(12))),
                    text: String::new(),
                    sentence: None,
                }
            })
            .collect();
        an.tokens = Some(tokens);
        an.sentences = Some(sentences);
        an.entities = Some(vec![Entity {
            id: "e0".into(),
            name: "X".into(),
            kind: EntityType::Person,
            actor: None,
            wikidata: None,
            mentions,
        }]);
        stage.run(&a, &mut an);
        assert!(an.quotes.is_some());
    }
}

#[test]
fn headline_opening_with_a_separator() {
    for head in [
        ": talks will resume soon",
        "— talks will resume soon",
        ":",
        "“",
        "said:",
    ] {
        let rec = format!(" date 2025-03-04 WORLD\n{head}\n\nBody.\n");
        for a in common::read_all("t.txt", rec.as_bytes()) {
            common::analyse(&a);
        }
    }
}
