//! Tests of segmentation and the stages on articles written by the team.
use dateline_model::{Analysis, Article, Pos, Sentence, Span, TextIndex, Token, Zone, ZoneKind};
use dateline_pipeline::{Layer, Pipeline, Stage};

use crate::*;

/// Builds an article from zones, separated by blank lines.
fn article(zones: &[(ZoneKind, &str)]) -> Article {
    let mut text = String::new();
    let mut spans = Vec::new();
    for (i, (kind, t)) in zones.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
        }
        let start = text.chars().count();
        text.push_str(t);
        spans.push(Zone::new(*kind, Span::new(start, text.chars().count())));
    }
    let mut a = Article::new(text, None);
    a.zones = spans;
    a
}

/// Asserts the invariants of a segmentation and returns it.
fn segment_checked(seg: &Segmenter, a: &Article) -> (Vec<Token>, Vec<Sentence>) {
    let (tokens, sentences) = seg.segment(a);
    let ix = TextIndex::new(&a.text);
    let mut prev_end = 0;
    for (i, t) in tokens.iter().enumerate() {
        let by_span = ix.slice(&a.text, t.span);
        assert_eq!(
            by_span,
            t.text(&a.text),
            "token {i} span and bytes disagree"
        );
        assert_eq!(by_span, a.slice(t.span));
        assert!(
            !by_span.is_empty() && by_span.trim() == by_span,
            "token {i}: {by_span:?}"
        );
        assert!(
            t.span.start >= prev_end,
            "tokens overlap or are out of order at {i}"
        );
        prev_end = t.span.end;
        let s = &sentences[t.sentence as usize];
        assert!(s.first_token as usize <= i && i < s.end_token as usize);
        assert!(s.span.contains(t.span));
    }
    let mut next = 0;
    for s in &sentences {
        assert_eq!(
            s.first_token, next,
            "sentences must cover the tokens in order"
        );
        assert!(s.end_token > s.first_token);
        next = s.end_token;
        let zone = a.zone_at(s.span).expect("sentence inside a content zone");
        assert_eq!(zone.kind, s.zone);
        assert_eq!(s.span.start, tokens[s.first_token as usize].span.start);
        assert_eq!(s.span.end, tokens[s.end_token as usize - 1].span.end);
    }
    assert_eq!(next as usize, tokens.len());
    (tokens, sentences)
}

/// Checks sentence splitting of one paragraph written with `|` between the expected sentences.
fn check(marked: &str) {
    let text = marked.replace('|', "");
    let expected: Vec<&str> = marked
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let a = article(&[(ZoneKind::Paragraph, &text)]);
    let (_, sentences) = segment_checked(&Segmenter::new(), &a);
    let got: Vec<&str> = sentences.iter().map(|s| a.slice(s.span)).collect();
    assert_eq!(got, expected, "sentences of {text:?}");
}

/// The token texts of `text` read as one paragraph.
fn words(text: &str) -> Vec<String> {
    let a = article(&[(ZoneKind::Paragraph, text)]);
    let (tokens, _) = segment_checked(&Segmenter::new(), &a);
    tokens.iter().map(|t| t.text(&a.text).to_string()).collect()
}

#[test]
fn abbreviations_and_initials() {
    check("Gen. Mark Ellis met Sen. Joan Park on Jan. 12 in Washington. | They spoke for an hour.");
    check("Donald J. Trump and Mrs. Okafor spoke at 9 a.m. local time. | Nothing was agreed.");
    check("Shares of Acme Inc. rose after Dr. Reyes resigned. | The board met.");
    check("Exports rose, e.g. of steel, vs. last year. | No. 10 did not comment.");
    check("The J.P. Morgan analyst and the Ph.D. student agreed. | Both left.");
}

#[test]
fn abbreviation_at_sentence_end() {
    check("The envoy flew to the U.S. | The talks resume next week.");
    check("Aid arrived from the U.K. | However, more is needed.");
    check("The U.S. President spoke; the U.N. Security Council listened.");
    check("The firm is Acme Corp. | It employs 200 people.");
    check("Troops, tanks, etc. | Mr. Novak listed them all.");
    check("He moved to Washington, D.C. | In 2019 he left.");
    check("Exports to the U.S. And Europe rose.");
}

#[test]
fn decimals_and_thousands() {
    check("Inflation was 5.93 percent in March, up from 4.1 percent. | About 155,221 people and 1,000 firms were hit.");
    assert_eq!(
        words("It cost $1,250.50, or 3.5% more."),
        ["It", "cost", "$", "1,250.50", ",", "or", "3.5", "%", "more", "."]
    );
}

#[test]
fn quotes_and_closing_quote_after_stop() {
    check("\"We are ready for this preparation.\" | The minister left.");
    check("“We are ready.” | “So are we,” the rebels said.");
    check("“Why now?” he asked. | Nobody answered.");
    check("He said: “The deal is done. | We sign tomorrow.” | Markets rose.");
    check("Officials called it 'a mistake.' | The ministry disagreed.");
    check("(The vote was close.) | It passed.");
    check("He asked if she knew “who decided?”. | She did not.");
}

#[test]
fn ellipses_and_marks() {
    check("We waited... | Then the doors opened.");
    check("The plan was... unclear, aides said.");
    check("He called it “harder... Acme's plans are late” and left.");
    check("Really?! | Yes.");
    check("Is this the end? | No! | It is not.");
}

#[test]
fn headlines_captions_crossheads_are_sentences() {
    let a = article(&[
        (ZoneKind::Headline, "Talks collapse as envoys leave Geneva"),
        (
            ZoneKind::Standfirst,
            "Both sides blame each other. A new round is unlikely",
        ),
        (ZoneKind::Caption, "The delegations on Tuesday"),
        (ZoneKind::Credit, "Reuters"),
        (
            ZoneKind::Paragraph,
            "The talks collapsed on Tuesday. Envoys left.",
        ),
        (ZoneKind::Crosshead, "What comes next"),
        (ZoneKind::Paragraph, "Nobody knows"),
        (ZoneKind::Related, "Earlier talks failed too"),
    ]);
    let (tokens, sentences) = segment_checked(&Segmenter::new(), &a);
    let got: Vec<(ZoneKind, &str)> = sentences
        .iter()
        .map(|s| (s.zone, a.slice(s.span)))
        .collect();
    assert_eq!(
        got,
        [
            (ZoneKind::Headline, "Talks collapse as envoys leave Geneva"),
            (ZoneKind::Standfirst, "Both sides blame each other."),
            (ZoneKind::Standfirst, "A new round is unlikely"),
            (ZoneKind::Caption, "The delegations on Tuesday"),
            (ZoneKind::Paragraph, "The talks collapsed on Tuesday."),
            (ZoneKind::Paragraph, "Envoys left."),
            (ZoneKind::Crosshead, "What comes next"),
            (ZoneKind::Paragraph, "Nobody knows"),
        ]
    );
    assert!(
        !tokens.iter().any(|t| t.text(&a.text) == "Reuters"),
        "credit is not content"
    );
}

#[test]
fn hard_wrapped_lines_and_wire_dateline() {
    let para = "MOSCOW, Feb 26 (Reuters) - The Kremlin said on Wednesday it\nwas ready for talks \
                with the U.S. on\n  arms control. It gave no date.";
    let mut a = article(&[(ZoneKind::Paragraph, para)]);
    a.zones.push(Zone::new(ZoneKind::Dateline, Span::new(0, 6)));
    let (tokens, sentences) = segment_checked(&Segmenter::new(), &a);
    let got: Vec<&str> = sentences.iter().map(|s| a.slice(s.span)).collect();
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].starts_with("MOSCOW, Feb 26 (Reuters) - The Kremlin"));
    assert!(got[0].ends_with("arms control."));
    assert_eq!(got[1], "It gave no date.");
    assert_eq!(
        tokens
            .iter()
            .filter(|t| t.text(&a.text) == "MOSCOW")
            .count(),
        1,
        "the dateline zone is not read twice"
    );
    check("A blank line inside a zone\n\n| ends a sentence");
}

#[test]
fn clitics_straight_and_curly() {
    assert_eq!(
        words("Trump's aides don't know; we'll see. They’re sure it’s Kyiv’s call, can’t wait."),
        [
            "Trump", "'s", "aides", "do", "n't", "know", ";", "we", "'ll", "see", ".", "They",
            "’re", "sure", "it", "’s", "Kyiv", "’s", "call", ",", "ca", "n’t", "wait", "."
        ]
    );
}

#[test]
fn hyphen_compounds() {
    assert_eq!(
        words("US-Russia expert-level talks on a non-profit, re-elected co-founder's plan"),
        [
            "US",
            "-",
            "Russia",
            "expert",
            "-",
            "level",
            "talks",
            "on",
            "a",
            "non-profit",
            ",",
            "re-elected",
            "co-founder",
            "'s",
            "plan"
        ]
    );
}

#[test]
fn unicode_text() {
    let text = "“Київ не здається,” said Zelenskyy’s aide. The café\u{301} was closed — again…";
    assert_eq!(
        words(text),
        [
            "“",
            "Київ",
            "не",
            "здається",
            ",",
            "”",
            "said",
            "Zelenskyy",
            "’s",
            "aide",
            ".",
            "The",
            "café\u{301}",
            "was",
            "closed",
            "—",
            "again",
            "…"
        ]
    );
    check("“Київ не здається,” said Zelenskyy’s aide. | The café\u{301} was closed.");
    // A zone that starts after non-ASCII text: char and byte offsets differ.
    let a = article(&[
        (ZoneKind::Headline, "Україна — “готова”"),
        (
            ZoneKind::Paragraph,
            "Talks in Kyiv — the “final” round — began. Ministers met.",
        ),
    ]);
    let (_, sentences) = segment_checked(&Segmenter::new(), &a);
    assert_eq!(sentences.len(), 3);
    assert_eq!(a.slice(sentences[2].span), "Ministers met.");
}

#[test]
fn custom_abbreviation_list() {
    let seg = Segmenter::with_abbreviations("# test list\nApprox.\tprefix\n");
    let a = article(&[(
        ZoneKind::Paragraph,
        "Approx. Ten people came. Mr. Lee left.",
    )]);
    let (tokens, sentences) = segment_checked(&seg, &a);
    let t: Vec<&str> = tokens.iter().map(|t| t.text(&a.text)).collect();
    assert_eq!(&t[..2], ["Approx.", "Ten"]);
    // "Mr." is not in this list: its stop is split off and ends a sentence.
    assert!(t.contains(&"Mr"));
    assert_eq!(sentences.len(), 3);
}

#[test]
fn empty_and_odd_zones() {
    let mut a = article(&[(ZoneKind::Paragraph, "   "), (ZoneKind::Paragraph, "One.")]);
    a.zones
        .push(Zone::new(ZoneKind::Paragraph, Span::new(100, 200)));
    let (tokens, sentences) = segment_checked(&Segmenter::new(), &a);
    assert_eq!(tokens.len(), 2);
    assert_eq!(sentences.len(), 1);
    let empty = Article::new(String::new(), None);
    assert_eq!(Segmenter::new().segment(&empty), (vec![], vec![]));
}

#[test]
fn sentence_stage_fills_tokens_and_sentences() {
    let a = article(&[
        (ZoneKind::Headline, "Ceasefire holds"),
        (
            ZoneKind::Paragraph,
            "The ceasefire held overnight. Both armies stayed put.",
        ),
    ]);
    let stage = SentenceStage::new();
    assert_eq!((stage.name(), stage.version()), ("text.sentences", 1));
    assert_eq!(stage.requires(), &[] as &[Layer]);
    assert_eq!(stage.provides(), &[Layer::Sentences]);
    let mut an = Analysis::empty(a.id.clone());
    stage.run(&a, &mut an);
    let sentences = an.sentences.as_ref().unwrap();
    assert_eq!(sentences.len(), 3);
    assert_eq!(
        sentences.iter().map(|s| s.zone).collect::<Vec<_>>(),
        [ZoneKind::Headline, ZoneKind::Paragraph, ZoneKind::Paragraph]
    );
    assert_eq!(an.tokens.as_ref().unwrap().len(), 2 + 5 + 5);
    let t = tokens_of(&an, &sentences[1]);
    assert_eq!(t.len(), 5);
    assert!(t.iter().all(|t| t.pos == Pos::X && t.sentence == 1));
}

#[test]
fn pipeline_tags_every_token() {
    let a = article(&[
        (ZoneKind::Headline, "Rebels seize airport"),
        (
            ZoneKind::Paragraph,
            "Rebel fighters seized the airport on Sunday, officials said. The government \
             didn't comment.",
        ),
    ]);
    let p = Pipeline::new(vec![
        Box::new(SentenceStage::new()),
        Box::new(PosStage::new()),
    ])
    .unwrap();
    assert_eq!(p.id(), ["text.sentences@1", "text.pos@2"]);
    let an = p.analyse(&a);
    let tokens = an.tokens.as_ref().unwrap();
    assert!(tokens.iter().all(|t| t.pos != Pos::X));
    let tag = |w: &str| {
        tokens
            .iter()
            .find(|t| t.text(&a.text) == w)
            .map(|t| t.pos)
            .unwrap()
    };
    assert_eq!(tag("seized"), Pos::VBD);
    assert_eq!(tag("airport"), Pos::NN);
    assert_eq!(tag("Sunday"), Pos::NNP);
    assert_eq!(tag("n't"), Pos::RB);
    assert_eq!(tag("."), Pos::PERIOD);
    let stage = PosStage::new();
    assert_eq!((stage.name(), stage.version()), ("text.pos", 2));
    assert_eq!(stage.requires(), &[Layer::Sentences]);
    assert_eq!(stage.provides(), &[Layer::Pos]);
}

#[test]
fn helpers() {
    assert!(is_capitalized("Київ") && is_capitalized("U.S.") && !is_capitalized("iPhone"));
    assert!(!is_capitalized("") && !is_capitalized("'s"));
    let cases = [
        ("talks", Shape::Lower),
        ("Talks", Shape::Capitalized),
        ("Київ", Shape::Capitalized),
        ("NATO", Shape::Upper),
        ("I", Shape::Upper),
        ("2025", Shape::Digits),
        ("5.93", Shape::Digits),
        ("U.S.", Shape::Initials),
        ("J.", Shape::Initials),
        ("iPhone", Shape::Mixed),
        ("McDonald", Shape::Mixed),
        ("G7", Shape::Mixed),
        ("“", Shape::Punct),
        ("a.m.", Shape::Lower),
    ];
    for (w, s) in cases {
        assert_eq!(shape(w), s, "{w}");
    }
    assert_eq!(shape("U.S.").as_str(), "X.X.");
    let a = article(&[(ZoneKind::Paragraph, "Fine. “Smith said so,” Jones added.")]);
    let (tokens, _) = Segmenter::new().segment(&a);
    let starts: Vec<&str> = (0..tokens.len())
        .filter(|&i| is_sentence_start(&a.text, &tokens, i))
        .map(|i| tokens[i].text(&a.text))
        .collect();
    assert_eq!(starts, ["Fine", "“", "Smith"]);
    let an = Analysis::empty(a.id.clone());
    let s = Sentence {
        span: Span::new(0, 1),
        zone: ZoneKind::Paragraph,
        first_token: 0,
        end_token: 1,
    };
    assert!(tokens_of(&an, &s).is_empty());
}

#[test]
fn tagger_round_trips_through_bytes() {
    let t = Tagger::embedded();
    let bytes = t.to_bytes();
    let back = Tagger::from_bytes(&bytes).unwrap();
    assert_eq!(back.to_bytes(), bytes);
    assert_eq!(back.tags(), t.tags());
    let words = ["The", "minister", "resigned", "on", "Friday", "."];
    assert_eq!(back.tag_words(&words), t.tag_words(&words));
    assert_eq!(
        t.tag_words(&words),
        [Pos::DT, Pos::NN, Pos::VBD, Pos::IN, Pos::NNP, Pos::PERIOD]
    );
}

#[test]
fn corrupt_models_are_rejected() {
    let good = Tagger::embedded().to_bytes();
    let err = |b: &[u8]| match Tagger::from_bytes(b) {
        Ok(_) => panic!("a corrupt model must be rejected"),
        Err(e) => e,
    };
    assert_eq!(err(b""), TaggerError::BadMagic);
    assert_eq!(err(b"NOTAMODEL and more bytes"), TaggerError::BadMagic);
    let mut v = good.clone();
    v[8] = 9;
    assert_eq!(err(&v), TaggerError::UnsupportedVersion(9));
    let mut v = good.clone();
    v[12] = 99;
    assert!(matches!(
        err(&v),
        TaggerError::FeatureSetMismatch { found: 99, .. }
    ));
    for cut in [10, 20, good.len() / 2, good.len() - 1] {
        assert!(
            matches!(err(&good[..cut]), TaggerError::Truncated(_)),
            "cut at {cut}: {:?}",
            err(&good[..cut])
        );
    }
    let mut v = good.clone();
    let mid = v.len() / 2;
    v[mid] ^= 0x40;
    assert!(matches!(
        err(&v),
        TaggerError::BadChecksum | TaggerError::Invalid(_) | TaggerError::Truncated(_)
    ));
    let mut v = good.clone();
    v.push(0);
    assert_eq!(err(&v), TaggerError::TrailingBytes(1));
    assert!(err(b"DLPOSAP\0\x01\0\0\0")
        .to_string()
        .contains("truncated"));
}

#[test]
fn random_text_keeps_invariants() {
    // Deterministic pseudo-random texts over an alphabet of awkward characters.
    let pieces = [
        "a", "Z", "é", "\u{301}", "К", "5", "0", ".", ",", "'", "’", "\"", "“", "”", "-", "–", "(",
        ")", "[", "@", "#", "/", ":", "!", "?", "…", " ", " ", " ", "\n", "\n\n", "\u{a0}", "U.S.",
        "Mr.", "No.", "www.", "http://", ".com", "n't", "'s", "1,000", "5.9", "km", "😀",
        "\u{fe0f}", "\u{200b}", "\t", "&", "$", "%",
    ];
    let mut state = 0x1234_5678_9abc_def0u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let seg = Segmenter::new();
    let tagger = Tagger::embedded();
    for _ in 0..300 {
        let len = (next() % 60) as usize;
        let text: String = (0..len)
            .map(|_| pieces[(next() % pieces.len() as u64) as usize])
            .collect();
        let n = text.chars().count();
        let cut = if n > 0 {
            (next() % n as u64) as usize
        } else {
            0
        };
        let mut a = Article::new(text, None);
        a.zones = vec![
            Zone::new(ZoneKind::Headline, Span::new(0, cut)),
            Zone::new(ZoneKind::Paragraph, Span::new(cut, n)),
        ];
        let (mut tokens, sentences) = segment_checked(&seg, &a);
        for s in &sentences {
            tagger.tag(
                &a.text,
                &mut tokens[s.first_token as usize..s.end_token as usize],
            );
        }
        assert!(tokens.iter().all(|t| t.pos != Pos::X));
    }
}

#[test]
fn a_sentence_gets_its_finite_verb() {
    let tagger = Tagger::embedded();
    // The model alone reads both words as adjectives ("Iran/JJ suspended/JJ cooperation").
    let tags = tagger.tag_words(&[
        "Iran",
        "suspended",
        "cooperation",
        "with",
        "the",
        "IAEA",
        ".",
    ]);
    assert_eq!(tags[..2], [Pos::NNP, Pos::VBD]);
    let tags = tagger.tag_words(&["The", "government", "suspended", "cooperation", "."]);
    assert_eq!(tags[2], Pos::VBD);
    // A sentence that has its verb keeps its adjectives.
    let tags = tagger.tag_words(&["The", "suspended", "talks", "resumed", "on", "Monday", "."]);
    assert_eq!(tags[1], Pos::JJ);
    assert_eq!(tags[3], Pos::VBD);
}

#[test]
fn a_gerund_after_a_determiner_is_a_noun() {
    let tagger = Tagger::embedded();
    let w = [
        "He", "did", "not", "want", "\"", "a", "wasted", "meeting", "\"", ".",
    ];
    assert_eq!(tagger.tag_words(&w)[7], Pos::NN);
    // Before a noun it stays a modifier; a verb's gerund stays a verb.
    let tags = tagger.tag_words(&["A", "growing", "number", "of", "people", "left", "."]);
    assert_ne!(tags[1], Pos::NN);
    let tags = tagger.tag_words(&["They", "are", "meeting", "in", "Geneva", "."]);
    assert_eq!(tags[2], Pos::VBG);
}

#[test]
fn an_adjective_before_the_verb_heads_its_noun_phrase() {
    let tagger = Tagger::embedded();
    let tags = tagger.tag_words(&[
        "The", "Israeli", "military", "said", "it", "was", "ready", ".",
    ]);
    assert_eq!(tags[2], Pos::NN);
    // After the verb an adjective stays one.
    assert_eq!(tags[6], Pos::JJ);
}

#[test]
fn infinitival_to_and_irregular_pasts_are_repaired() {
    let tagger = Tagger::embedded();
    let w = [
        "Algeria", "closed", "its", "airspace", "to", "flights", "from", "Mali", ".",
    ];
    assert_eq!(tagger.tag_words(&w)[4], Pos::IN);
    let w = ["Officials", "agreed", "to", "meet", "again", "."];
    assert_eq!(tagger.tag_words(&w)[2], Pos::TO);
    // Before a base form "to" is the marker, and a coordinated base form before "their" is one.
    let w = [
        "Iran",
        "and",
        "Saudi",
        "Arabia",
        "agreed",
        "on",
        "Friday",
        "to",
        "re-establish",
        "diplomatic",
        "relations",
        "and",
        "reopen",
        "their",
        "embassies",
        ".",
    ];
    let tags = tagger.tag_words(&w);
    assert_eq!((tags[7], tags[8], tags[12]), (Pos::TO, Pos::VB, Pos::VB));
    // A participle after "and" with an object, after a verb that is no participle, is finite;
    // after a participle it stays one.
    let w = [
        "Kobakhidze",
        "told",
        "a",
        "news",
        "conference",
        "that",
        "there",
        "would",
        "be",
        "no",
        "new",
        "election",
        "and",
        "accused",
        "foreign",
        "groups",
        "of",
        "meddling",
        ".",
    ];
    assert_eq!(tagger.tag_words(&w)[13], Pos::VBD);
    let w = [
        "They",
        "had",
        "met",
        "and",
        "discussed",
        "trade",
        "in",
        "Paris",
        ".",
    ];
    assert_eq!(tagger.tag_words(&w)[4], Pos::VBN);
    let w = [
        "India", "flew", "in", "relief", "supplies", "on", "Saturday", ".",
    ];
    assert_eq!(tagger.tag_words(&w)[1], Pos::VBD);
}

#[test]
fn a_repaired_verb_is_decoded_again_with_what_follows() {
    let tagger = Tagger::embedded();
    let w = [
        "Police",
        "used",
        "water",
        "cannon",
        "and",
        "tear",
        "gas",
        "against",
        "protesters",
        ".",
    ];
    let tags = tagger.tag_words(&w);
    assert_eq!(tags[1], Pos::VBD);
    assert_eq!(tags[5], Pos::NN);
    // "need" is no past: a sentence whose only "-eed" word is not a verb is left alone.
    let w = ["The", "country", "need", "assessment", "report", "."];
    assert_ne!(tagger.tag_words(&w)[2], Pos::VBD);
}

#[test]
fn a_simple_past_must_look_like_one() {
    let tagger = Tagger::embedded();
    let w = [
        "The",
        "European",
        "Union",
        "and",
        "France",
        "have",
        "suspended",
        "budget",
        "support",
        "and",
        "development",
        "aid",
        "to",
        "Niger",
        ".",
    ];
    assert_ne!(tagger.tag_words(&w)[11], Pos::VBD);
    // Irregular pasts the model reads as VBD stay VBD.
    let w = ["Russia", "struck", "the", "port", "and", "fled", "."];
    assert_eq!(tagger.tag_words(&w)[1], Pos::VBD);
}

#[test]
fn verb_tags_fit_the_form() {
    let tagger = Tagger::embedded();
    for sentence in [
        &["The", "budget", "talks", "failed", "."][..],
        &["Officials", "said", "the", "plan", "faces", "delays", "."][..],
    ] {
        for (w, t) in sentence.iter().zip(tagger.tag_words(sentence)) {
            match t {
                Pos::VBG => assert!(w.ends_with("ing"), "{w}/{t:?}"),
                Pos::VBZ => assert!(w.ends_with('s'), "{w}/{t:?}"),
                _ => {}
            }
        }
    }
}

#[test]
fn a_capitalised_rare_word_inside_the_sentence_is_no_function_word() {
    let tagger = Tagger::embedded();
    let w = [
        "Driscoll",
        ",",
        "who",
        "visited",
        "Kyiv",
        "this",
        "week",
        ",",
        "met",
        "officials",
        ".",
    ];
    assert_eq!(tagger.tag_words(&w)[4], Pos::NNP);
}

#[test]
fn a_rare_plural_before_a_past_form_is_the_subject() {
    let tagger = Tagger::embedded();
    // The model reads the unknown "warplanes" as the verb and "struck" as an adjective.
    let tags = tagger.tag_words(&words(
        "Israeli warplanes struck military targets in Iran .",
    ));
    assert_eq!((tags[1], tags[2]), (Pos::NNS, Pos::VBD));
    // Before a trailing attribution the clause still gets its verb.
    let w = words(
        "JERUSALEM , Oct 26 ( Reuters ) - Israeli warplanes struck military targets in Iran \
         before dawn on Saturday , the Israeli military said .",
    );
    assert_eq!(tagger.tag_words(&w)[10], Pos::VBD);
}

#[test]
fn a_participle_with_an_object_after_a_passive_is_finite() {
    let tagger = Tagger::embedded();
    let w = words(
        "The ministry said it was concerned about the vote and praised Romanian institutions.",
    );
    let praised = w.iter().position(|x| x == "praised").unwrap();
    assert_eq!(tagger.tag_words(&w)[praised], Pos::VBD);
}

#[test]
fn a_capitalised_gerund_before_the_verb_is_a_name() {
    let tagger = Tagger::embedded();
    let w = words("Beijing demanded that she withdraw the remarks.");
    assert_eq!(tagger.tag_words(&w)[0], Pos::NNP);
}

#[test]
fn a_plural_noun_of_people_after_a_modifier_is_no_verb() {
    let tagger = Tagger::embedded();
    let w: Vec<&str> =
        "Five hundred Ugandan rebels surrendered last week in the town , a local official said ."
            .split(' ')
            .collect();
    let tags = tagger.tag_words(&w);
    // "rebels" heads the subject; the past form before the trailing attribution is the verb,
    // though the attribution's subject ends in a word the model reads as an adjective.
    assert_eq!(tags[3], Pos::NNS);
    assert_eq!(tags[4], Pos::VBD);
    // "official" before a past form with no other verb heads the subject.
    let w: Vec<&str> = "A top U.S. official praised Haiti 's efforts ."
        .split(' ')
        .collect();
    assert_eq!(tagger.tag_words(&w)[4], Pos::VBD);
    // A verb after a pronoun is still a verb.
    let w: Vec<&str> = "He rebels against the rules .".split(' ').collect();
    assert_ne!(tagger.tag_words(&w)[1], Pos::NNS);
}

#[test]
fn an_adverb_after_a_determiner_before_punctuation_is_a_noun() {
    let tagger = Tagger::embedded();
    let w: Vec<&str> = "The government allowed the opposition to hold a rally ."
        .split(' ')
        .collect();
    let tags = tagger.tag_words(&w);
    assert_eq!(tags[8], Pos::NN, "{tags:?}");
    let w: Vec<&str> = "It was a very big rally .".split(' ').collect();
    assert_eq!(tagger.tag_words(&w)[3], Pos::RB);
}

#[test]
fn glued_and_reduced_participles_are_no_finite_verbs() {
    let tagger = Tagger::embedded();
    let w: Vec<&str> = "Hundreds of UN troops withdrew from the Syrian to the Israeli - occupied sector on Monday ."
        .split(' ')
        .collect();
    let tags = tagger.tag_words(&w);
    assert_eq!(tags[4], Pos::VBD, "{tags:?}");
    assert_eq!(tags[12], Pos::VBN, "{tags:?}");
    let w: Vec<&str> = "Qatar accepted an agreement forced on the Gulf state by Saudi Arabia ."
        .split(' ')
        .collect();
    let tags = tagger.tag_words(&w);
    assert_eq!(tags[4], Pos::VBN, "{tags:?}");
    // An active past before its object keeps its tag.
    let w: Vec<&str> = "Russia attacked Ukraine on Monday .".split(' ').collect();
    assert_eq!(tagger.tag_words(&w)[1], Pos::VBD);
}
