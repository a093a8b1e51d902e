//! Scoring tests over an invented four-paragraph story, built by hand.
use dateline_eval::gold::Gold;
use dateline_eval::{fold, score_document, DocScore, Report};
use dateline_model::{
    ActorRef, Analysis, Article, Entity, EntityType, Event, EventMention, Mention, Modality, Quote,
    QuoteKind, Span, Speaker, Timex, TimexType, Zone, ZoneKind,
};
use serde_json::json;

/// Builds an article piece by piece, zoning the pieces given a kind.
struct Story {
    text: String,
    zones: Vec<Zone>,
    n: usize,
}

impl Story {
    fn new() -> Story {
        Story {
            text: String::new(),
            zones: Vec::new(),
            n: 0,
        }
    }

    fn put(&mut self, kind: Option<ZoneKind>, s: &str) -> Span {
        let start = self.n;
        self.text.push_str(s);
        self.n += s.chars().count();
        let span = Span::new(start, self.n);
        if let Some(k) = kind {
            self.zones.push(Zone::new(k, span));
        }
        span
    }

    fn zone(&mut self, kind: ZoneKind, s: &str) -> Span {
        self.put(Some(kind), s)
    }

    fn raw(&mut self, s: &str) {
        self.put(None, s);
    }
}

const P1: &str = "BERGEN, Nov 18 (Reuters) - Norway and Iceland signed a fishing agreement on Monday, Norwegian officials said.";
const P2: &str = "\u{201C}This deal protects our fishermen and our seas for a decade,\u{201D} Foreign Minister Kari Lund said.";
const P3: &str = "Iceland could leave the deal if cod stocks fall, a senior diplomat said.";
const P4: &str = "Lund will visit Reykjavik next week to meet Prime Minister Jon Olafsson.";

/// The invented story, zoned as ingest would zone it.
fn story() -> Article {
    let mut s = Story::new();
    s.zone(ZoneKind::Header, " date 2024-11-18 EUROPE");
    s.raw("\n");
    s.zone(ZoneKind::Headline, "Norway and Iceland agree fishing pact");
    s.raw("\n");
    s.zone(
        ZoneKind::Standfirst,
        "Oslo said on Monday that talks with Reykjavik\u{2019}s government had ended in a deal.",
    );
    s.raw("\n");
    s.zone(ZoneKind::Caption, "Ministers shake hands in Bergen.");
    s.raw(" / Photo: ");
    s.zone(ZoneKind::Credit, "NTB");
    s.raw("\n");
    s.zone(ZoneKind::DisplayDate, "November 18, 2024");
    s.raw("\n\n");
    let p1 = s.zone(ZoneKind::Paragraph, P1);
    s.zones.push(Zone::new(
        ZoneKind::Dateline,
        Span::new(p1.start, p1.start + 6),
    ));
    s.raw("\n\n");
    s.zone(ZoneKind::Paragraph, P2);
    s.raw("\n\n");
    s.zone(ZoneKind::Crosshead, "Quota talks");
    s.raw("\n\n");
    s.zone(ZoneKind::Paragraph, P3);
    s.raw("\n\n");
    s.zone(ZoneKind::Paragraph, P4);
    s.raw("\n\nRelated");
    s.zone(ZoneKind::Related, "Norway hosts Nordic summit");
    s.raw("\nSOURCE:");
    s.zone(ZoneKind::Agency, "Reuters");
    s.raw("\n");
    let mut a = Article::new(s.text, None);
    a.zones = s.zones;
    a.published = Some("2024-11-18".into());
    a.section = Some("EUROPE".into());
    a.agency = Some("Reuters".into());
    a.dateline = Some("BERGEN".into());
    a
}

/// The char span of the `nth` occurrence of `needle` in the article text.
fn at(a: &Article, needle: &str, nth: usize) -> Span {
    let ix = a.index();
    let (b, _) = a
        .text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in story"));
    ix.span(b, b + needle.len())
}

fn mention(a: &Article, text: &str, nth: usize) -> Mention {
    Mention {
        span: at(a, text, nth),
        text: text.to_string(),
        sentence: None,
    }
}

fn entity(name: &str, kind: EntityType, actor: Option<&str>, mentions: Vec<Mention>) -> Entity {
    Entity {
        id: format!("e-{name}"),
        name: name.to_string(),
        kind,
        actor: actor.map(str::to_string),
        wikidata: None,
        mentions,
    }
}

fn timex(a: &Article, text: &str, nth: usize, value: &str) -> Timex {
    Timex {
        span: at(a, text, nth),
        text: text.to_string(),
        kind: TimexType::Date,
        value: value.to_string(),
        sentence: None,
    }
}

fn quote(a: &Article, kind: QuoteKind, text: &str, speaker: Option<(&str, Option<&str>)>) -> Quote {
    let content = at(a, text, 0);
    Quote {
        kind,
        content,
        text: text.to_string(),
        cue: None,
        speaker: speaker.map(|(t, n)| Speaker {
            text: t.to_string(),
            span: None,
            entity: None,
            name: n.map(str::to_string),
        }),
        sentence: None,
    }
}

fn actor(code: &str) -> ActorRef {
    ActorRef {
        code: code.to_string(),
        entity: None,
        name: None,
        span: None,
    }
}

fn event(
    a: &Article,
    cameo: &str,
    source: Option<&str>,
    target: Option<&str>,
    modality: Modality,
    date: Option<&str>,
    sentence: &str,
) -> Event {
    let span = at(a, sentence, 0);
    Event {
        cameo: cameo.to_string(),
        plover: None,
        source: source.map(actor),
        target: target.map(actor),
        modality,
        date: date.map(str::to_string),
        speech_date: None,
        goldstein: None,
        quad_class: None,
        mentions: vec![EventMention {
            sentence: 0,
            sentence_span: span,
            trigger: Span::new(span.start, span.start + 1),
            source: None,
            target: None,
            quote: None,
        }],
    }
}

fn gold_json() -> serde_json::Value {
    json!({
        "format": "dateline-gold/1",
        "document": "story.txt",
        "article": {
            "published": "2024-11-18",
            "section": "EUROPE",
            "headline": "Norway and Iceland agree fishing pact",
            "standfirst": "Oslo said on Monday that talks with Reykjavik's government had ended in a deal.",
            "captions": [{"text": "Ministers shake hands in Bergen.", "credit": "NTB"}],
            "crossheads": ["Quota talks"],
            "related": ["Norway hosts Nordic summit"],
            "agency": "Reuters",
            "body_paragraphs": 4,
            "body_starts": "BERGEN, Nov 18 (Reuters) - Norway and Iceland",
            "body_ends": "Prime Minister Jon  Olafsson.",
            "byline": null,
            "dateline": "BERGEN"
        },
        "entities": [
            {"name": "Norway", "type": "GPE", "actor": "NOR", "mentions": {"Norway": 2}},
            {"name": "Iceland", "type": "GPE", "actor": "ISL", "mentions": {"Iceland": 3}},
            {"name": "Kari Lund", "type": "PERSON", "actor": "NORGOV", "mentions": {"Kari Lund": 1, "Lund": 1}},
            {"name": "Reuters", "type": "ORG", "mentions": {"Reuters": 2}},
            {"name": "Jon Olafsson", "type": "PERSON", "actor": "ISLGOV", "mentions": {"Jon Olafsson": 1}},
            {"name": "Oslo", "type": "GPE", "actor": "NOR", "mentions": {"Oslo": 1}}
        ],
        "optional_entities": ["Bergen"],
        "times": [
            {"text": "Monday", "context": "a fishing agreement on Monday", "value": "2024-11-18"},
            {"text": "next week", "context": "visit Reykjavik next week", "value": "2024-W48",
             "value_alternatives": ["2024-11-25"]},
            {"text": "November 18, 2024", "context": "November 18, 2024", "value": "2024-11-18"},
            {"text": "Monday", "context": "Oslo said on Monday", "value": "2024-11-18"},
            {"text": "Tuesday", "context": "on Tuesday", "value": "2024-11-19"}
        ],
        "optional_times": ["A  Decade"],
        "quotes": [
            {"kind": "direct", "text": "This deal protects our fishermen and our seas for a decade.", "speaker": "Kari Lund"},
            {"kind": "indirect", "text": "Iceland could leave the deal if cod stocks fall", "speaker": "a senior diplomat",
             "speaker_alternatives": ["diplomat"]},
            {"kind": "indirect", "text": "talks with Reykjavik's government had ended in a deal", "speaker": "Oslo"},
            {"kind": "direct", "text": "We will not sign anything before spring", "speaker": "Jon Olafsson"}
        ],
        "optional_quotes": [
            {"text": "Norway and Iceland signed a fishing agreement on Monday", "speaker": "Norwegian officials"}
        ],
        "events": [
            {"id": "pact-signed", "required": true,
             "evidence": ["Norway and Iceland signed a fishing agreement", "Norway and Iceland agree fishing pact"],
             "cameo": ["057"], "source": ["NOR"], "target": ["ISL"], "symmetric": true,
             "modality": ["asserted"], "date": "2024-11-18", "date_alternatives": ["2024-11-17"]},
            {"id": "lund-visit", "required": true, "evidence": ["Lund will visit Reykjavik"],
             "cameo": ["042", "043"], "source": ["NOR"], "target": ["ISL", null],
             "modality": ["planned"], "date": "2024-W48"},
            {"id": "olafsson-meeting", "required": true, "evidence": ["to meet Prime Minister Jon Olafsson"],
             "cameo": ["036", "040"], "source": ["NOR"], "target": ["ISL"], "modality": ["planned"], "date": null},
            {"id": "iceland-leave", "required": false, "evidence": ["Iceland could leave the deal"],
             "cameo": ["161"], "source": ["ISL"], "target": ["NOR", null], "modality": ["hypothetical"], "date": null}
        ],
        "must_not_assert": [
            {"evidence": "Iceland could leave the deal if cod stocks fall", "cameo": ["161"], "why": "only a threat"}
        ],
        "unknown_field": {"ignored": true}
    })
}

fn gold() -> Gold {
    serde_json::from_value(gold_json()).expect("test gold parses")
}

fn entities(a: &Article) -> Vec<Entity> {
    vec![
        entity(
            "Norway",
            EntityType::Gpe,
            Some("NOR"),
            vec![
                mention(a, "Norway", 0),
                mention(a, "Norway", 1),
                mention(a, "Norway", 2),
            ],
        ),
        entity(
            "Republic of Iceland",
            EntityType::Gpe,
            Some("ISLGOV"),
            vec![
                mention(a, "Iceland", 0),
                mention(a, "Iceland", 1),
                mention(a, "Iceland", 2),
            ],
        ),
        entity(
            "Kari Lund",
            EntityType::Person,
            Some("NORGOV"),
            vec![mention(a, "Kari Lund", 0), mention(a, "Lund", 1)],
        ),
        entity(
            "Reuters",
            EntityType::Org,
            None,
            vec![mention(a, "Reuters", 0), mention(a, "Reuters", 1)],
        ),
        entity(
            "Bergen",
            EntityType::Gpe,
            Some("NOR"),
            vec![mention(a, "Bergen", 0)],
        ),
        entity(
            "Nordic",
            EntityType::Norp,
            None,
            vec![mention(a, "Nordic", 0)],
        ),
        entity(
            "Quota talks",
            EntityType::Org,
            None,
            vec![mention(a, "Quota talks", 0)],
        ),
        entity("Oslo", EntityType::Org, None, vec![mention(a, "Oslo", 0)]),
    ]
}

fn timexes(a: &Article) -> Vec<Timex> {
    vec![
        timex(a, "2024-11-18", 0, "2024-11-18"), // header line: ignored
        timex(a, "Monday", 0, "2024-11-11"),     // standfirst, wrong value
        timex(a, "November 18, 2024", 0, "2024-11-18"),
        timex(a, "Nov 18", 0, "2024-11-18"), // not in gold: false
        timex(a, "Monday", 1, "2024-11-18"),
        timex(a, "a decade", 0, "P10Y"), // optional
        timex(a, "next week", 0, "2024-11-25"),
    ]
}

fn quotes(a: &Article) -> Vec<Quote> {
    vec![
        quote(
            a,
            QuoteKind::Indirect,
            "talks with Reykjavik\u{2019}s government had ended in a deal",
            None,
        ),
        quote(
            a,
            QuoteKind::Direct,
            "\u{201C}This deal protects our fishermen and our seas for a decade,\u{201D}",
            Some(("Foreign Minister Kari Lund", Some("Kari Lund"))),
        ),
        quote(
            a,
            QuoteKind::Indirect,
            "Norway and Iceland signed a fishing agreement on Monday",
            None,
        ),
        quote(
            a,
            QuoteKind::Indirect,
            "Iceland could leave the deal if cod stocks fall",
            Some(("a senior diplomat", None)),
        ),
        quote(
            a,
            QuoteKind::Indirect,
            "Lund will visit Reykjavik next week",
            Some(("Lund", Some("Kari Lund"))),
        ),
        quote(a, QuoteKind::Direct, "Nordic summit", None), // related link: ignored
    ]
}

fn events(a: &Article) -> Vec<Event> {
    use Modality::*;
    vec![
        event(
            a,
            "057",
            Some("ISLGOV"),
            Some("NORGOV"),
            Asserted,
            Some("2024-11-17"),
            P1,
        ),
        event(
            a,
            "057",
            Some("NOR"),
            Some("ISL"),
            Asserted,
            Some("2024-11-18"),
            "Norway and Iceland agree fishing pact",
        ),
        event(
            a,
            "042",
            Some("NORGOV"),
            None,
            Planned,
            Some("2024-W48"),
            P4,
        ),
        event(a, "040", Some("NORGOV"), Some("ISLGOV"), Asserted, None, P4),
        event(a, "161", Some("ISL"), Some("NOR"), Hypothetical, None, P3),
        event(a, "161", Some("ISL"), Some("NOR"), Asserted, None, P3),
        event(
            a,
            "036",
            Some("NOR"),
            Some("ISL"),
            Asserted,
            None,
            "Norway hosts Nordic summit",
        ), // related: ignored
    ]
}

fn full_analysis(a: &Article) -> Analysis {
    let mut an = Analysis::empty(a.id.clone());
    an.entities = Some(entities(a));
    an.timexes = Some(timexes(a));
    an.quotes = Some(quotes(a));
    an.events = Some(events(a));
    an
}

fn scored() -> DocScore {
    let a = story();
    score_document(&gold(), &a, &full_analysis(&a))
}

fn close(x: f64, y: f64) -> bool {
    (x - y).abs() < 1e-9
}

#[test]
fn folding_treats_curly_quotes_and_white_space_alike() {
    assert_eq!(
        fold("\u{201C}Deal\u{201D}  \n done\u{2019}s "),
        "\"Deal\" done's"
    );
    assert_eq!(
        fold("\u{2018}a\u{2019} \u{201E}b\u{201F} \u{2032}\u{2033}"),
        "'a' \"b\" '\""
    );
    assert!(dateline_eval::same("Kari\tLund", " Kari Lund"));
    assert!(!dateline_eval::same("kari lund", "Kari Lund"));
}

#[test]
fn article_checks_pass_after_folding() {
    let s = scored();
    assert_eq!(s.article.checks, 13, "{:?}", s.article.failed);
    assert_eq!(s.article.passed, 13, "{:?}", s.article.failed);
    assert_eq!(s.article.score(), 1.0);
}

#[test]
fn article_checks_fail_and_name_the_field() {
    let mut a = story();
    a.zones.retain(|z| z.kind != ZoneKind::Crosshead);
    a.byline = Some("Jane Doe".into());
    a.dateline = None;
    let s = score_document(&gold(), &a, &Analysis::empty(a.id.clone()));
    let failed: Vec<&str> = s.article.failed.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(failed, vec!["crossheads", "byline", "dateline"]);
    assert_eq!(s.article.passed, 10);
    assert!(close(s.article.score(), 10.0 / 13.0));

    let mut g = gold();
    g.article.body_paragraphs = Some(Some(5));
    g.article.body_ends = Some(Some("Olafsson".into()));
    g.article.headline = Some(Some("Norway and Iceland agree".into()));
    let a = story();
    let s = score_document(&g, &a, &Analysis::empty(a.id.clone()));
    let failed: Vec<&str> = s.article.failed.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(failed, vec!["headline", "body_paragraphs", "body_ends"]);
    assert_eq!(s.article.failed[1].expected, "5");
    assert_eq!(s.article.failed[1].got, "4");
}

#[test]
fn entities_found_by_name_or_mention_with_false_positives_and_optional() {
    let s = scored();
    let e = &s.entities;
    assert!(e.run);
    // Found: Norway (name), Iceland (mention of "Republic of Iceland"), Kari Lund, Reuters.
    assert_eq!((e.prf.tp, e.prf.fp, e.prf.fn_), (4, 2, 2), "{e:#?}");
    assert_eq!(
        e.missed,
        vec![
            "Jon Olafsson (PERSON)".to_string(),
            "Oslo (GPE)".to_string()
        ]
    );
    // Bergen is optional, Nordic sits only in a related link: neither is false.
    assert_eq!(
        e.false_positives,
        vec!["Quota talks (ORG)".to_string(), "Oslo (ORG)".to_string()]
    );
    // Mentions: the related-link "Norway" and the SOURCE "Reuters" do not count.
    assert_eq!((e.mentions_found, e.mentions_expected), (8, 11));
    let reuters = e
        .mention_misses
        .iter()
        .find(|m| m.entity == "Reuters")
        .expect("Reuters short");
    assert_eq!((reuters.found, reuters.expected), (1, 2));
    // Actors: NOR exact, ISLGOV for ISL (prefix only), NORGOV exact.
    assert_eq!(
        (
            e.actor_expected,
            e.actor_checked,
            e.actor_exact,
            e.actor_prefix
        ),
        (5, 3, 2, 3)
    );
    assert!(close(e.actor_accuracy(), 2.0 / 3.0));
    assert_eq!(e.actor_prefix_accuracy(), 1.0);
    assert!(close(e.precision(), 4.0 / 6.0));
    assert!(close(e.recall(), 4.0 / 6.0));
}

#[test]
fn entity_mentions_outside_content_do_not_count() {
    let a = story();
    let g: Gold = serde_json::from_value(json!({
        "entities": [{"name": "Norway", "type": "GPE", "mentions": {"Norway": 3}}]
    }))
    .unwrap();
    let mut an = Analysis::empty(a.id.clone());
    // Only the related-link mention: the entity is ignored entirely (not found, not false).
    an.entities = Some(vec![entity(
        "Norway",
        EntityType::Gpe,
        None,
        vec![mention(&a, "Norway", 2)],
    )]);
    let s = score_document(&g, &a, &an).entities;
    assert_eq!((s.prf.tp, s.prf.fp, s.prf.fn_), (0, 0, 1));
    assert_eq!(s.mentions_found, 0);
    // Wrong type: not a match.
    an.entities = Some(vec![entity(
        "Norway",
        EntityType::Org,
        None,
        vec![mention(&a, "Norway", 0)],
    )]);
    let s = score_document(&g, &a, &an).entities;
    assert_eq!((s.prf.tp, s.prf.fp, s.prf.fn_), (0, 1, 1));
}

#[test]
fn times_overlap_alternatives_and_optional() {
    let s = scored();
    let t = &s.times;
    assert_eq!((t.prf.tp, t.prf.fp, t.prf.fn_), (3, 1, 2), "{t:#?}");
    assert_eq!(t.false_positives.len(), 1);
    assert_eq!(t.false_positives[0].text, "Nov 18");
    assert_eq!(t.unlocated, 1);
    let reasons: Vec<(&str, &str)> = t
        .missed
        .iter()
        .map(|m| (m.context.as_str(), m.reason.as_str()))
        .collect();
    assert_eq!(reasons[0].0, "Oslo said on Monday");
    assert!(reasons[0].1.contains("2024-11-11"), "{reasons:?}");
    assert_eq!(reasons[1], ("on Tuesday", "not located in the text"));
}

#[test]
fn times_overlap_is_enough() {
    let a = story();
    let g: Gold = serde_json::from_value(json!({
        "times": [{"text": "next week", "context": "Reykjavik next week to meet", "value": "2024-W48"}]
    }))
    .unwrap();
    let mut an = Analysis::empty(a.id.clone());
    // "week to meet" overlaps "next week".
    an.timexes = Some(vec![timex(&a, "week to", 0, "2024-W48")]);
    let t = score_document(&g, &a, &an).times;
    assert_eq!((t.prf.tp, t.prf.fp, t.prf.fn_), (1, 0, 0));
    an.timexes = Some(vec![timex(&a, "Reykjavik next", 0, "2024-W47")]);
    let t = score_document(&g, &a, &an).times;
    assert_eq!(
        (t.prf.tp, t.prf.fp, t.prf.fn_),
        (0, 0, 1),
        "wrong value: missed but not false"
    );
}

#[test]
fn quotes_match_one_to_one_and_check_attribution() {
    let s = scored();
    let q = &s.quotes;
    assert_eq!((q.prf.tp, q.prf.fp, q.prf.fn_), (3, 1, 1), "{q:#?}");
    assert_eq!(q.attribution_correct, 2);
    assert!(close(q.attribution(), 2.0 / 3.0));
    assert_eq!(q.misattributed.len(), 1);
    assert_eq!(q.misattributed[0].expected, "Oslo");
    assert_eq!(q.misattributed[0].got, "none");
    assert_eq!(q.missed[0].speaker, "Jon Olafsson");
    assert_eq!(
        q.false_positives[0].text,
        "Lund will visit Reykjavik next week"
    );
    let direct = q.by_kind["direct"];
    assert_eq!(
        (
            direct.gold,
            direct.found,
            direct.attributed,
            direct.same_kind
        ),
        (2, 1, 1, 1)
    );
    let indirect = q.by_kind["indirect"];
    assert_eq!(
        (
            indirect.gold,
            indirect.found,
            indirect.attributed,
            indirect.same_kind
        ),
        (2, 2, 1, 2)
    );
}

/// A story with a quote of exactly 100 chars, for the coverage thresholds.
fn hundred() -> (Article, Gold, Span) {
    let q = "Our boats will stay in port until the ministry publishes the new quota tables for each fleet zone no";
    assert_eq!(q.chars().count(), 100);
    let body = format!("Skipper Ola Berg said {q}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx today.");
    let mut a = Article::new(body.clone(), None);
    a.zones = vec![Zone::new(
        ZoneKind::Paragraph,
        Span::new(0, body.chars().count()),
    )];
    let start = "Skipper Ola Berg said ".chars().count();
    let g: Gold = serde_json::from_value(json!({
        "quotes": [{"kind": "indirect", "text": q, "speaker": "Ola Berg"}]
    }))
    .unwrap();
    (a, g, Span::new(start, start + 100))
}

fn quote_at(span: Span, speaker: Option<Speaker>) -> Quote {
    Quote {
        kind: QuoteKind::Indirect,
        content: span,
        text: String::new(),
        cue: None,
        speaker,
        sentence: None,
    }
}

#[test]
fn quote_coverage_thresholds() {
    let (a, g, q) = hundred();
    let run = |span: Span| {
        let mut an = Analysis::empty(a.id.clone());
        an.quotes = Some(vec![quote_at(span, None)]);
        let s = score_document(&g, &a, &an).quotes;
        (s.prf.tp, s.prf.fp)
    };
    assert_eq!(
        run(Span::new(q.start, q.start + 90)),
        (1, 0),
        "90% covered passes"
    );
    assert_eq!(
        run(Span::new(q.start + 10, q.end)),
        (1, 0),
        "90% covered passes"
    );
    assert_eq!(
        run(Span::new(q.start, q.start + 89)),
        (0, 1),
        "89% covered fails"
    );
    assert_eq!(
        run(Span::new(q.start + 11, q.end)),
        (0, 1),
        "89% covered fails"
    );
    assert_eq!(
        run(Span::new(q.start, q.end + 20)),
        (1, 0),
        "20% longer passes"
    );
    assert_eq!(
        run(Span::new(q.start, q.end + 21)),
        (0, 1),
        "21% longer fails"
    );
}

#[test]
fn quote_attribution_by_name_or_text() {
    let (a, g, q) = hundred();
    let sp = |text: &str, name: Option<&str>| {
        Some(Speaker {
            text: text.into(),
            span: None,
            entity: None,
            name: name.map(str::to_string),
        })
    };
    let attr = |speaker: Option<Speaker>| {
        let mut an = Analysis::empty(a.id.clone());
        an.quotes = Some(vec![quote_at(q, speaker)]);
        let s = score_document(&g, &a, &an).quotes;
        assert_eq!(s.prf.tp, 1);
        s.attribution_correct
    };
    assert_eq!(
        attr(sp("he", Some("ola berg"))),
        1,
        "name, case-insensitive"
    );
    assert_eq!(
        attr(sp("Skipper Ola Berg", None)),
        1,
        "text contains the speaker"
    );
    assert_eq!(attr(sp("Skipper", Some("Ola Bergen"))), 0);
    assert_eq!(attr(None), 0);
}

#[test]
fn quotes_one_output_matches_one_gold() {
    let (a, mut g, q) = hundred();
    g.quotes.push(g.quotes[0].clone());
    let mut an = Analysis::empty(a.id.clone());
    an.quotes = Some(vec![quote_at(q, None)]);
    let s = score_document(&g, &a, &an).quotes;
    assert_eq!((s.prf.tp, s.prf.fp, s.prf.fn_), (1, 0, 1));
}

#[test]
fn events_swap_null_actor_dates_and_duplicates() {
    let s = scored();
    let e = &s.events;
    assert_eq!(e.required, 3);
    assert_eq!(e.required_matched, 2, "{e:#?}");
    assert_eq!(e.optional_matched, 1);
    assert_eq!(e.false_positive_count, 2);
    assert_eq!(e.duplicates, 1);
    assert!(close(e.precision(), 0.6));
    assert!(close(e.recall(), 2.0 / 3.0));
    assert!(close(e.f1(), 2.0 * 0.6 * (2.0 / 3.0) / (0.6 + 2.0 / 3.0)));
    assert_eq!(e.missed.len(), 1);
    assert_eq!(e.missed[0].id, "olafsson-meeting");
    assert_eq!(e.missed[0].failed, vec!["modality".to_string()]);
    assert!(e.missed[0]
        .closest
        .as_deref()
        .unwrap_or("")
        .starts_with("040 NORGOV->ISLGOV asserted"));
}

#[test]
fn events_date_and_actor_rules() {
    let a = story();
    let g = gold();
    let one = |ev: Event| {
        let mut an = Analysis::empty(a.id.clone());
        an.events = Some(vec![ev]);
        let s = score_document(&g, &a, &an).events;
        (s.required_matched, s.false_positive_count)
    };
    use Modality::*;
    assert_eq!(
        one(event(
            &a,
            "057",
            Some("NOR"),
            Some("ISL"),
            Asserted,
            Some("2024-11-18"),
            P1
        )),
        (1, 0)
    );
    assert_eq!(
        one(event(
            &a,
            "057",
            Some("NOR"),
            Some("ISL"),
            Asserted,
            Some("2024-11-19"),
            P1
        )),
        (0, 1),
        "date"
    );
    assert_eq!(
        one(event(
            &a,
            "057",
            Some("NOR"),
            Some("ISL"),
            Asserted,
            None,
            P1
        )),
        (0, 1),
        "no date"
    );
    assert_eq!(
        one(event(
            &a,
            "057",
            Some("NOR"),
            None,
            Asserted,
            Some("2024-11-18"),
            P1
        )),
        (0, 1),
        "target needed"
    );
    assert_eq!(
        one(event(
            &a,
            "042",
            Some("NOR"),
            Some("ISLGOV"),
            Planned,
            Some("2024-W48"),
            P4
        )),
        (1, 0)
    );
    assert_eq!(
        one(event(
            &a,
            "042",
            Some("ISL"),
            Some("NOR"),
            Planned,
            Some("2024-W48"),
            P4
        )),
        (0, 1),
        "not symmetric"
    );
    assert_eq!(
        one(event(&a, "042", None, None, Planned, Some("2024-W48"), P4)),
        (0, 1),
        "source needed"
    );
}

#[test]
fn must_not_assert_is_a_critical_error() {
    let s = scored();
    assert!(s.critical.run);
    assert_eq!(s.critical.count, 1);
    assert_eq!(s.critical.errors[0].why, "only a threat");
    assert_eq!(s.critical.errors[0].events.len(), 1);
    assert!(!s.passed());
    let mut r = Report::new();
    r.add("story.txt", s);
    assert!(r.render_table().contains("story.txt  FAIL (1 critical)"));
    assert!(r.summary_line().ends_with("critical 1"));
}

#[test]
fn layers_not_run_score_zero() {
    let a = story();
    let s = score_document(&gold(), &a, &Analysis::empty(a.id.clone()));
    assert!(!s.entities.run && !s.times.run && !s.quotes.run && !s.events.run && !s.critical.run);
    assert_eq!(s.entities.f1(), 0.0);
    assert_eq!(s.entities.prf.fn_, 6);
    assert_eq!(s.times.recall(), 0.0);
    assert_eq!(s.quotes.attribution(), 0.0);
    assert_eq!(s.events.precision(), 0.0);
    let mut r = Report::new();
    r.add("story.txt", s);
    let table = r.render_table();
    for section in ["entities", "times", "quotes", "events", "critical"] {
        let line = table
            .lines()
            .find(|l| l.trim_start().starts_with(section))
            .unwrap();
        assert!(line.ends_with("not run"), "{line}");
    }
    assert_eq!(
        r.summary_line(),
        "eval: 1 articles, article 1.00, entities F1 0.00, times F1 0.00, quotes F1 0.00, attribution 0.00, events F1 0.00, critical 0"
    );
    let j = r.to_json();
    assert_eq!(j["documents"][0]["entities"]["status"], "not run");
    assert_eq!(j["total"]["times"]["f1"], 0.0);
}

#[test]
fn empty_sections_are_perfect() {
    let a = story();
    let mut an = Analysis::empty(a.id.clone());
    an.entities = Some(vec![]);
    an.timexes = Some(vec![]);
    an.quotes = Some(vec![]);
    an.events = Some(vec![]);
    let s = score_document(&Gold::default(), &a, &an);
    let mut r = Report::new();
    r.add("story.txt", s);
    assert_eq!(
        r.summary_line(),
        "eval: 1 articles, article 1.00, entities F1 1.00, times F1 1.00, quotes F1 1.00, attribution 1.00, events F1 1.00, critical 0"
    );
}

#[test]
fn report_pools_counts_and_formats() {
    let mut r = Report::new();
    r.add("story.txt", scored());
    r.add("story-again.txt", scored());
    r.failed_with_gold("broken.txt", &gold(), "cannot read".to_string());
    r.failed("lost.txt", "no gold at hand".to_string());
    let t = r.total();
    assert_eq!(t.entities.prf.tp, 8);
    assert_eq!(t.entities.prf.fn_, 4 + 6);
    assert_eq!(t.article.checks, 39);
    assert_eq!(t.article.passed, 26);
    assert_eq!(t.quotes.prf.fn_, 2 + 4);
    assert_eq!(t.events.required, 9);
    assert_eq!(t.critical.count, 2);
    assert_eq!(r.failures(), 4);
    let ent_f1 = t.entities.f1();
    let line = r.summary_line();
    assert!(
        line.starts_with("eval: 4 articles, article 0.67, "),
        "{line}"
    );
    assert!(line.contains(&format!("entities F1 {ent_f1:.2}")), "{line}");
    assert!(line.ends_with(", critical 2"), "{line}");
    let table = r.render_table();
    assert!(table.contains("broken.txt  ERROR: cannot read"), "{table}");
    assert!(
        table.contains("overall: 4 articles, 0 passed, 4 failed (2 could not be read)"),
        "{table}"
    );
    assert!(table.ends_with('\n'));
    let j = r.to_json();
    assert_eq!(j["articles"], 4);
    assert_eq!(j["documents"][0]["name"], "story.txt");
    assert_eq!(j["documents"][0]["status"], "fail");
    assert_eq!(j["documents"][2]["status"], "error");
    assert_eq!(j["documents"][0]["entities"]["tp"], 4);
    assert_eq!(j["documents"][0]["events"]["tp"], 3);
    assert_eq!(j["total"]["article"]["checks"], 39);
    assert_eq!(j["summary"], line);
}

#[test]
fn odd_gold_does_not_panic() {
    let a = story();
    let g: Gold = serde_json::from_value(json!({
        "article": {"headline": "", "captions": null, "body_starts": "", "body_paragraphs": null},
        "entities": [{"name": "", "type": "", "mentions": {"": 2}}, {}],
        "optional_entities": [""],
        "times": [{"text": "", "context": "", "value": ""}, {}],
        "optional_times": [""],
        "quotes": [{"text": ""}, {"text": "\u{201C}.\u{201D}"}],
        "optional_quotes": [{}],
        "events": [{}, {"evidence": [""], "cameo": [], "source": [null]}],
        "must_not_assert": [{"evidence": ""}]
    }))
    .unwrap();
    let s = score_document(&g, &a, &full_analysis(&a));
    assert_eq!(s.entities.prf.tp, 0);
    assert_eq!(s.times.prf.tp, 0);
    assert_eq!(s.quotes.prf.tp, 0);
    assert_eq!(s.events.required_matched, 0);
    assert_eq!(s.critical.count, 0);
    // An empty article and wild spans.
    let mut empty = Article::new(String::new(), None);
    empty
        .zones
        .push(Zone::new(ZoneKind::Paragraph, Span { start: 5, end: 2 }));
    let s = score_document(&gold(), &empty, &full_analysis(&a));
    assert_eq!(s.entities.prf.tp, 0);
    let mut r = Report::new();
    r.add("x", s);
    let _ = r.render_table();
    let _ = r.to_json();
}
