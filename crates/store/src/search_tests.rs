//! Tests of search, timelines and counterparts (in-crate: they use the write hook and the raw
//! connection). Fixture articles are invented for these tests.
use dateline_model::{
    ActorRef, Analysis, Article, Entity, EntityType, Event, EventMention, Mention, Modality, Quote,
    QuoteKind, Span, Speaker, Zone, ZoneKind,
};

use super::*;

/// An article: headline, blank line, body; with date, section and agency.
fn article(headline: &str, body: &str, date: Option<&str>, section: &str) -> Article {
    let text = format!("{headline}\n\n{body}");
    let h = headline.chars().count();
    let mut a = Article::new(text, Some("Valmora Courier".into()));
    a.zones.push(Zone::new(ZoneKind::Headline, Span::new(0, h)));
    a.zones.push(Zone::new(
        ZoneKind::Paragraph,
        Span::new(h + 2, h + 2 + body.chars().count()),
    ));
    a.published = date.map(String::from);
    a.section = Some(section.into());
    a.agency = Some("Valmora Wire".into());
    a
}

/// The char span of the first `needle` in the article's text.
fn find(a: &Article, needle: &str) -> Span {
    let b = a.text.find(needle).unwrap_or_else(|| panic!("{needle:?}"));
    let start = a.text[..b].chars().count();
    Span::new(start, start + needle.chars().count())
}

/// An event told in the sentence `sentence` of `a`.
#[allow(clippy::too_many_arguments)]
fn ev(
    a: &Article,
    sentence: &str,
    cameo: &str,
    plover: &str,
    source: Option<(&str, &str)>,
    target: Option<(&str, &str)>,
    modality: Modality,
    date: Option<&str>,
    goldstein: f32,
) -> Event {
    let actor = |(code, name): (&str, &str)| ActorRef {
        code: code.into(),
        entity: None,
        name: Some(name.into()),
        span: None,
    };
    let span = find(a, sentence);
    Event {
        cameo: cameo.into(),
        plover: Some(plover.into()),
        source: source.map(actor),
        target: target.map(actor),
        modality,
        date: date.map(String::from),
        speech_date: None,
        goldstein: Some(goldstein),
        quad_class: Some(1),
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

fn quote(a: &Article, content: &str, speaker: &str) -> Quote {
    Quote {
        kind: QuoteKind::Direct,
        content: find(a, content),
        text: content.into(),
        cue: None,
        speaker: Some(Speaker {
            text: speaker.into(),
            span: None,
            entity: None,
            name: Some(speaker.into()),
        }),
        sentence: None,
    }
}

fn entity(name: &str, actor: &str) -> Entity {
    Entity {
        id: format!("e-{name}"),
        name: name.into(),
        kind: EntityType::Gpe,
        actor: Some(actor.into()),
        wikidata: None,
        mentions: vec![Mention {
            span: Span::new(0, 1),
            text: name.into(),
            sentence: None,
        }],
    }
}

fn analysis(a: &Article) -> Analysis {
    let mut an = Analysis::empty(a.id.clone());
    an.quotes = Some(Vec::new());
    an.events = Some(Vec::new());
    an.entities = Some(Vec::new());
    an
}

/// Four invented stories with quotes, events and entities.
fn news() -> Vec<(Article, Analysis)> {
    use Modality::*;
    let a = article(
        "Odesa ships sail after talks",
        "Ships left Odesa on Monday as the grain corridor reopened. \
         \"The corridor is open again,\" Olena Marchuk said. \
         Ukraine met Turkish envoys in Istanbul.",
        Some("2025-02-24"),
        "WORLD",
    );
    let mut an = analysis(&a);
    an.quotes = Some(vec![quote(
        &a,
        "The corridor is open again,",
        "Olena Marchuk",
    )]);
    an.events = Some(vec![ev(
        &a,
        "Ukraine met Turkish envoys in Istanbul.",
        "036",
        "CONSULT",
        Some(("UKRGOV", "Ukraine")),
        Some(("TURGOV", "Turkey")),
        Asserted,
        Some("2025-02-24"),
        4.0,
    )]);
    an.entities = Some(vec![entity("Ukraine", "UKR"), entity("Turkey", "TUR")]);

    let b = article(
        "Grain prices climb",
        "Grain traders said the price of grain rose for a third week. \
         Traders said the corridor for grain ships was slow and grain stocks were thin. \
         Russia accused Ukraine of shelling the port.",
        Some("2025-03-10"),
        "BUSINESS",
    );
    let mut bn = analysis(&b);
    bn.quotes = Some(vec![quote(
        &b,
        "the price of grain rose for a third week",
        "Grain traders",
    )]);
    bn.events = Some(vec![ev(
        &b,
        "Russia accused Ukraine of shelling the port.",
        "112",
        "ACCUSE",
        Some(("RUSGOV", "Russia")),
        Some(("UKR", "Ukraine")),
        Reported,
        None,
        -2.0,
    )]);
    bn.entities = Some(vec![entity("Russia", "RUS")]);

    let c = article(
        "Council debates bridge",
        "The Valmora council debated the river bridge. \
         \"We will not wait another year,\" Mayor Ilse Brandt said. \
         The mayor will meet Ukrainian officials next week.",
        Some("2025-03-12"),
        "CITY",
    );
    let mut cn = analysis(&c);
    cn.quotes = Some(vec![quote(
        &c,
        "We will not wait another year,",
        "Ilse Brandt",
    )]);
    cn.events = Some(vec![ev(
        &c,
        "The mayor will meet Ukrainian officials next week.",
        "036",
        "CONSULT",
        Some(("VLMGOV", "Valmora")),
        Some(("UKRGOV", "Ukraine")),
        Planned,
        Some("2025-W12"),
        4.0,
    )]);

    let d = article(
        "Undated notice",
        "A notice about the corridor works was posted.",
        None,
        "CITY",
    );
    let dn = analysis(&d);
    vec![(a, an), (b, bn), (c, cn), (d, dn)]
}

/// An in-memory store holding `batch`, written 500 articles a transaction (large batches
/// then span several commits, as a long ingest does).
fn store_with(batch: &[(Article, Analysis)]) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    for chunk in batch.chunks(500) {
        store.write_batch(chunk).unwrap();
    }
    store
}

fn search(store: &Store, q: SearchQuery) -> SearchResults {
    store.search(&q).unwrap_or_else(|e| panic!("{q:?}: {e}"))
}

fn text(t: &str) -> SearchQuery {
    SearchQuery {
        text: t.into(),
        ..SearchQuery::default()
    }
}

/// `kind:headline[#index]` of each hit.
fn keys(r: &SearchResults) -> Vec<String> {
    r.hits
        .iter()
        .map(|h| {
            format!(
                "{}:{}{}",
                h.kind,
                h.headline.as_deref().unwrap_or("-"),
                h.index.map(|i| format!("#{i}")).unwrap_or_default()
            )
        })
        .collect()
}

/// The highlighted words of a hit, lower-cased.
fn highlighted(h: &SearchHit) -> Vec<String> {
    h.highlights
        .iter()
        .map(|&(s, e)| {
            h.snippet
                .chars()
                .skip(s as usize)
                .take((e - s) as usize)
                .collect::<String>()
                .to_lowercase()
        })
        .collect()
}

/// The FTS5 integrity check of every index table (for the external-content table, against
/// the `articles` rows).
fn check_index(store: &Store) {
    for t in ["fts_articles", "fts_quotes", "fts_events"] {
        store
            .conn()
            .execute(
                &format!("INSERT INTO {t}({t}, rank) VALUES ('integrity-check', 1)"),
                [],
            )
            .unwrap_or_else(|e| panic!("{t}: {e}"));
    }
    let count = |sql: &str| -> i64 { store.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count("SELECT COUNT(*) FROM fts_articles_docsize"),
        count("SELECT COUNT(*) FROM articles")
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM fts_quotes"),
        count("SELECT COUNT(*) FROM quotes")
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM fts_events"),
        count("SELECT COUNT(*) FROM events")
    );
    // Every index row points at its record.
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM fts_quotes f JOIN articles a ON a.seq = f.rowid >> 20 \
             JOIN quotes q ON q.article_id = a.id AND q.idx = (f.rowid & 1048575) \
             WHERE f.content = q.text"
        ),
        count("SELECT COUNT(*) FROM quotes")
    );
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM fts_events f JOIN articles a ON a.seq = f.rowid >> 20 \
             JOIN events e ON e.article_id = a.id AND e.idx = (f.rowid & 1048575) \
             WHERE f.codes LIKE e.cameo || '%'"
        ),
        count("SELECT COUNT(*) FROM events")
    );
}

// ---------------------------------------------------------------- search

#[test]
fn a_phrase_match_ranks_first() {
    let store = store_with(&news());
    // The second story says "grain" five times and "corridor" once, apart; the first has
    // them side by side: the phrase ranks it first among the articles.
    let r = search(
        &store,
        SearchQuery {
            kinds: vec![HitKind::Article],
            ..text("grain corridor")
        },
    );
    assert_eq!(
        keys(&r),
        [
            "article:Odesa ships sail after talks",
            "article:Grain prices climb"
        ]
    );
    assert_eq!(r.total, 2);
    assert!(r.hits[0].score > r.hits[1].score);
    // A quoted phrase matches only the words in order.
    let r = search(&store, text("\"grain corridor\""));
    assert_eq!(keys(&r), ["article:Odesa ships sail after talks"]);
    // Prefixes, OR and exclusions.
    let r = search(
        &store,
        SearchQuery {
            kinds: vec![HitKind::Article],
            ..text("corrid*")
        },
    );
    assert_eq!(r.total, 3, "{:?}", keys(&r));
    let r = search(
        &store,
        SearchQuery {
            kinds: vec![HitKind::Article],
            ..text("corridor -grain")
        },
    );
    assert_eq!(keys(&r), ["article:Undated notice"]);
    let r = search(
        &store,
        SearchQuery {
            kinds: vec![HitKind::Article],
            ..text("bridge OR odesa")
        },
    );
    assert_eq!(r.total, 2);
    // Stemming: "reopening" finds "reopens"/"reopened".
    assert_eq!(search(&store, text("reopening")).total, 1);
}

#[test]
fn function_words_are_left_out_and_the_rest_ranked_by_proximity() {
    let far = article(
        "Bank report",
        "The bank raised its rates. Shares rose in London and across England. \
         The bank said the bank would wait.",
        Some("2025-01-02"),
        "BUSINESS",
    );
    let near = article(
        "Rates held",
        "The Bank of England held rates on Thursday.",
        Some("2025-01-01"),
        "BUSINESS",
    );
    // Stored after `near`, and saying "bank" three times: without the proximity boost it
    // would rank first.
    let mut batch = vec![
        (near.clone(), analysis(&near)),
        (far.clone(), analysis(&far)),
    ];
    for i in 0..5 {
        let a = article(&format!("Weather {i}"), "Rain is expected.", None, "CITY");
        batch.push((a.clone(), analysis(&a)));
    }
    let store = store_with(&batch);
    let r = search(&store, text("bank of england"));
    assert_eq!(keys(&r), ["article:Rates held", "article:Bank report"]);
    assert_eq!(highlighted(&r.hits[0]), ["bank", "england"]);
    // The same matches as without the function word; quoted, it must be there.
    assert_eq!(search(&store, text("bank england")).total, 2);
    assert_eq!(search(&store, text("\"bank of england\"")).total, 1);
    assert_eq!(
        search(&store, text("the")).total,
        2,
        "alone, a function word is searched"
    );
}

#[test]
fn every_kind_is_searched_and_ranked_together() {
    let store = store_with(&news());
    let r = search(&store, text("corridor"));
    let kinds: Vec<HitKind> = r.hits.iter().map(|h| h.kind).collect();
    assert!(kinds.contains(&HitKind::Article) && kinds.contains(&HitKind::Quote));
    assert_eq!(
        r.total,
        3 + 1,
        "three articles and one quote: {:?}",
        keys(&r)
    );
    for w in r.hits.windows(2) {
        assert!(w[0].score >= w[1].score, "{:?}", keys(&r));
    }
    // Events by their evidence, actor names and codes.
    let r = search(
        &store,
        SearchQuery {
            kinds: vec![HitKind::Event],
            ..text("istanbul")
        },
    );
    assert_eq!(keys(&r), ["event:Odesa ships sail after talks#0"]);
    let h = &r.hits[0];
    assert_eq!(h.cameo.as_deref(), Some("036"));
    assert_eq!(h.plover.as_deref(), Some("CONSULT"));
    assert_eq!(h.source_code.as_deref(), Some("UKRGOV"));
    assert_eq!(h.target_name.as_deref(), Some("Turkey"));
    assert_eq!(h.modality.as_deref(), Some("asserted"));
    assert_eq!(h.snippet, "Ukraine met Turkish envoys in Istanbul.");
    assert_eq!(
        search(
            &store,
            SearchQuery {
                kinds: vec![HitKind::Event],
                ..text("accuse")
            }
        )
        .total,
        1
    );
    assert_eq!(
        search(
            &store,
            SearchQuery {
                kinds: vec![HitKind::Event],
                ..text("rusgov")
            }
        )
        .total,
        1
    );
    // Quotes by content and speaker.
    let r = search(
        &store,
        SearchQuery {
            kinds: vec![HitKind::Quote],
            ..text("brandt")
        },
    );
    assert_eq!(keys(&r), ["quote:Council debates bridge#0"]);
    assert_eq!(r.hits[0].speaker.as_deref(), Some("Ilse Brandt"));
    assert_eq!(r.hits[0].snippet, "We will not wait another year,");
    assert_eq!(r.hits[0].date.as_deref(), Some("2025-03-12"));
}

#[test]
fn highlights_point_at_the_words() {
    let store = store_with(&news());
    for (q, words) in [
        ("corridor", vec!["corridor"]),
        ("grain ships", vec!["grain", "ship"]),
        ("\"grain corridor\"", vec!["grain corridor"]),
        ("reopening", vec!["reopen"]),
        ("Київ OR traders", vec!["trader"]),
    ] {
        let r = search(&store, text(q));
        assert!(!r.hits.is_empty(), "{q}");
        for h in &r.hits {
            let hl = highlighted(h);
            if h.kind == HitKind::Article {
                assert!(!hl.is_empty(), "{q}: {h:?}");
            }
            for w in &hl {
                assert!(
                    words.iter().any(|x| w.starts_with(x)),
                    "{q}: highlighted {w:?} in {:?}",
                    h.snippet
                );
            }
        }
    }
    // Ranges count chars, not bytes.
    let a = article(
        "Київ talks",
        "Officials in Київ met on Monday.",
        Some("2025-01-02"),
        "WORLD",
    );
    let store = store_with(&[(a.clone(), analysis(&a))]);
    let r = search(&store, text("monday"));
    assert_eq!(highlighted(&r.hits[0]), ["monday"]);
    let r = search(&store, text("київ"));
    assert!(highlighted(&r.hits[0]).iter().all(|w| w == "київ"));
}

#[test]
fn text_that_is_not_fts_syntax_never_errors() {
    let store = store_with(&news());
    for q in [
        "\"unbalanced",
        "AND OR",
        "OR",
        "NOT",
        "grain AND",
        "( grain",
        "grain)",
        "col:grain",
        "headline:grain",
        "NEAR(grain corridor, 2)",
        "^grain",
        "grain + corridor",
        "*",
        "-",
        "--",
        "-grain",
        "\"\"",
        "'",
        "grain\"corridor",
        "{grain corridor}",
        "grain OR OR corridor",
        "\u{0}",
        "🙂",
        "a\\b",
        "%_",
    ] {
        let r = store.search(&text(q));
        assert!(r.is_ok(), "{q:?}: {r:?}");
    }
    assert_eq!(search(&store, text("AND OR")).total, 0);
    assert!(search(&store, text("( grain")).total > 0);
    assert!(search(&store, text("grain\"corridor")).total > 0);
}

#[test]
fn filters_combine() {
    let store = store_with(&news());
    let all = |q: SearchQuery| {
        let r = search(
            &store,
            SearchQuery {
                limit: MAX_LIMIT,
                ..q
            },
        );
        assert_eq!(r.total as usize, r.hits.len());
        keys(&r)
    };
    // Without text: newest first, undated last, every kind.
    let everything = all(SearchQuery::default());
    assert_eq!(everything.len(), 4 + 3 + 3);
    assert_eq!(
        everything[..3],
        [
            "article:Council debates bridge",
            "quote:Council debates bridge#0",
            "event:Council debates bridge#0"
        ]
    );
    assert_eq!(everything.last().unwrap(), "article:Undated notice");
    // Events are dated by their article; their own date is beside it.
    let events = search(
        &store,
        SearchQuery {
            kinds: vec![HitKind::Event],
            ..SearchQuery::default()
        },
    );
    assert_eq!(events.hits[0].date.as_deref(), Some("2025-03-12"));
    assert_eq!(events.hits[0].event_date.as_deref(), Some("2025-W12"));

    // actor: events by either side, articles and quotes through their article.
    assert_eq!(
        all(SearchQuery {
            actor: Some("rus".into()),
            ..SearchQuery::default()
        }),
        [
            "article:Grain prices climb",
            "quote:Grain prices climb#0",
            "event:Grain prices climb#0"
        ]
    );
    assert_eq!(
        all(SearchQuery {
            actor: Some("TUR".into()),
            kinds: vec![HitKind::Article],
            ..SearchQuery::default()
        }),
        ["article:Odesa ships sail after talks"]
    );
    // country and actor together: both must hold.
    assert_eq!(
        all(SearchQuery {
            country: Some("ukr".into()),
            actor: Some("VLM".into()),
            ..SearchQuery::default()
        }),
        [
            "article:Council debates bridge",
            "quote:Council debates bridge#0",
            "event:Council debates bridge#0"
        ]
    );
    // speaker: quotes only.
    assert_eq!(
        all(SearchQuery {
            speaker: Some("marchuk".into()),
            ..SearchQuery::default()
        }),
        ["quote:Odesa ships sail after talks#0"]
    );
    // cameo, plover, modality: events only.
    assert_eq!(
        all(SearchQuery {
            cameo: Some("03".into()),
            ..SearchQuery::default()
        }),
        [
            "event:Council debates bridge#0",
            "event:Odesa ships sail after talks#0"
        ]
    );
    assert_eq!(
        all(SearchQuery {
            plover: Some("accuse".into()),
            ..text("ukraine")
        }),
        ["event:Grain prices climb#0"]
    );
    assert_eq!(
        all(SearchQuery {
            modality: Some("Planned".into()),
            ..SearchQuery::default()
        }),
        ["event:Council debates bridge#0"]
    );
    // Dates: articles by publication, events by effective date.
    assert_eq!(
        all(SearchQuery {
            from: Some("2025-03".into()),
            to: Some("2025-03-11".into()),
            ..SearchQuery::default()
        }),
        [
            "article:Grain prices climb",
            "quote:Grain prices climb#0",
            "event:Grain prices climb#0"
        ]
    );
    assert_eq!(
        all(SearchQuery {
            from: Some("2025-03-15".into()),
            ..SearchQuery::default()
        }),
        ["event:Council debates bridge#0"],
        "the meeting is in week 12, its article of 2025-03-12 is not"
    );
    // section and agency, with text.
    assert_eq!(
        all(SearchQuery {
            section: Some("city".into()),
            ..text("corridor OR bridge")
        })
        .len(),
        2
    );
    let mut business = all(SearchQuery {
        agency: Some("VALMORA WIRE".into()),
        section: Some("business".into()),
        ..text("grain")
    });
    business.sort();
    assert_eq!(
        business,
        ["article:Grain prices climb", "quote:Grain prices climb#0"]
    );
    assert!(all(SearchQuery {
        agency: Some("Other Wire".into()),
        ..text("grain")
    })
    .is_empty());
    // Text with event filters.
    assert_eq!(
        all(SearchQuery {
            actor: Some("UKR".into()),
            modality: Some("asserted".into()),
            ..text("istanbul")
        }),
        ["event:Odesa ships sail after talks#0"]
    );
    // A filter that cannot apply to a requested kind leaves nothing.
    assert!(all(SearchQuery {
        kinds: vec![HitKind::Article],
        speaker: Some("Brandt".into()),
        ..SearchQuery::default()
    })
    .is_empty());
}

#[test]
fn pages_walk_one_ranking_and_total_counts_all() {
    let mut batch = Vec::new();
    for i in 0..45 {
        let a = article(
            &format!("Bridge report {i}"),
            &format!(
                "{} The bridge over the Valmora river needs repair {i}.",
                "Bridge. ".repeat(i % 5)
            ),
            Some(&format!("2025-01-{:02}", 1 + i % 28)),
            "CITY",
        );
        let mut an = analysis(&a);
        an.quotes = Some(vec![quote(
            &a,
            "The bridge over the Valmora river",
            "Engineer",
        )]);
        batch.push((a, an));
    }
    let store = store_with(&batch);
    for q in [text("bridge"), SearchQuery::default()] {
        let whole = search(
            &store,
            SearchQuery {
                limit: 200,
                ..q.clone()
            },
        );
        assert_eq!(whole.total, 90);
        assert_eq!(whole.hits.len(), 90);
        let mut paged = Vec::new();
        for page in 0..13 {
            let r = search(
                &store,
                SearchQuery {
                    limit: 7,
                    offset: page * 7,
                    ..q.clone()
                },
            );
            assert_eq!(r.total, 90);
            assert_eq!(r.hits.len(), if page < 12 { 7 } else { 6 });
            paged.extend(r.hits);
        }
        assert_eq!(paged, whole.hits, "{q:?}");
        let past = search(
            &store,
            SearchQuery {
                offset: 500,
                ..q.clone()
            },
        );
        assert!(past.hits.is_empty() && past.total == 90);
    }
    // The default page is 20.
    assert_eq!(
        search(
            &store,
            SearchQuery {
                limit: 0,
                ..text("bridge")
            }
        )
        .hits
        .len(),
        20
    );
    assert_eq!(SearchQuery::default().limit, DEFAULT_LIMIT);
}

#[test]
fn beyond_the_ranking_window_matches_follow_newest_first() {
    // More matches than the window: the newest RANK_WINDOW are ranked, the rest follow.
    let n = RANK_WINDOW + 150;
    let batch: Vec<_> = (0..n)
        .map(|i| {
            // Every story says "harbour"; the oldest ones say it most often (best BM25).
            let times = if i < 50 { 6 } else { 1 + i % 3 };
            let a = article(
                &format!("Notice {i}"),
                &format!("{} Story number {i}.", "The harbour. ".repeat(times)),
                Some("2025-01-01"),
                "CITY",
            );
            let an = analysis(&a);
            (a, an)
        })
        .collect();
    let store = store_with(&batch);
    let number = |h: &SearchHit| -> usize {
        h.headline.as_deref().unwrap()["Notice ".len()..]
            .parse()
            .unwrap()
    };
    let first = search(&store, text("harbour"));
    assert_eq!(first.total as usize, n);
    assert!(
        first.hits.iter().all(|h| number(h) >= n - RANK_WINDOW),
        "the first page is ranked from the newest {RANK_WINDOW} matches"
    );
    // Paging walks every match once: the ranked window, then the rest newest first.
    let mut seen = Vec::new();
    let mut offset = 0;
    while offset < n {
        let page = search(
            &store,
            SearchQuery {
                limit: 200,
                offset,
                ..text("harbour")
            },
        );
        assert_eq!(page.total as usize, n);
        seen.extend(page.hits.iter().map(number));
        offset += 200;
    }
    assert_eq!(seen.len(), n);
    let rest: Vec<usize> = seen[RANK_WINDOW..].to_vec();
    assert_eq!(rest, (0..n - RANK_WINDOW).rev().collect::<Vec<_>>());
    let mut all = seen.clone();
    all.sort();
    assert_eq!(all, (0..n).collect::<Vec<_>>());
    // Within the window, by score.
    let ranked = search(
        &store,
        SearchQuery {
            limit: 200,
            ..text("harbour")
        },
    );
    for w in ranked.hits.windows(2) {
        assert!(w[0].score >= w[1].score);
    }
    // Limits are capped at 200.
    assert_eq!(
        search(
            &store,
            SearchQuery {
                limit: 500,
                ..text("harbour")
            }
        )
        .hits
        .len(),
        MAX_LIMIT
    );
    // A rarer word is ranked over all its matches.
    let r = search(&store, text("\"number 7\""));
    assert_eq!(r.total, 1);
}

#[test]
fn bad_parameters_are_invalid_queries() {
    let store = store_with(&news());
    for (q, field) in [
        (
            SearchQuery {
                modality: Some("maybe".into()),
                ..SearchQuery::default()
            },
            "modality",
        ),
        (
            SearchQuery {
                from: Some("2025-13".into()),
                ..SearchQuery::default()
            },
            "from",
        ),
        (
            SearchQuery {
                to: Some("March".into()),
                ..SearchQuery::default()
            },
            "to",
        ),
        (
            SearchQuery {
                from: Some("2025-04".into()),
                to: Some("2025-03".into()),
                ..SearchQuery::default()
            },
            "from",
        ),
        (
            SearchQuery {
                actor: Some("".into()),
                ..SearchQuery::default()
            },
            "actor",
        ),
        (
            SearchQuery {
                actor: Some("RUS GOV".into()),
                ..SearchQuery::default()
            },
            "actor",
        ),
        (
            SearchQuery {
                country: Some("RUSGOV".into()),
                ..SearchQuery::default()
            },
            "country",
        ),
        (
            SearchQuery {
                cameo: Some("4a".into()),
                ..SearchQuery::default()
            },
            "cameo",
        ),
        (
            SearchQuery {
                speaker: Some(" ".into()),
                ..SearchQuery::default()
            },
            "speaker",
        ),
    ] {
        match store.search(&q) {
            Err(StoreError::InvalidQuery { field: f, message }) => {
                assert_eq!(f, field, "{message}");
                assert!(!message.is_empty());
            }
            other => panic!("{q:?}: {other:?}"),
        }
    }
    let e = store
        .timeline(&TimelineQuery::default())
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("invalid actor:"), "{e}");
    assert!(store.counterparts(" ", None, None, 10, false).is_err());
    assert!(store.speaker_timeline("", Bucket::Day, None, None).is_err());
    assert!(store
        .speaker_timeline("Brandt", Bucket::Day, Some("2025-02-30"), None)
        .is_err());
    assert_eq!("Quotes".parse::<HitKind>().unwrap(), HitKind::Quote);
    assert!("people".parse::<HitKind>().is_err());
}

// ---------------------------------------------------------------- the index and the rows

#[test]
fn the_index_survives_reopening_and_is_not_in_the_dump() {
    let dir = tempfile::tempdir().unwrap();
    let news = news();
    let (before, dump) = {
        let mut store = Store::open(dir.path()).unwrap();
        store.write_batch(&news[..2]).unwrap();
        store.write_batch(&news[2..]).unwrap();
        (search(&store, text("corridor")), store.dump().unwrap())
    };
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(search(&store, text("corridor")), before);
    check_index(&store);
    assert!(dump.iter().all(|l| !l.starts_with("fts_")));
    // Batching changes the index's bytes, not the dump.
    assert_eq!(dump, store_with(&news).dump().unwrap());
}

#[test]
fn migration_5_fills_the_index_of_a_store_written_at_schema_4() {
    let dir = tempfile::tempdir().unwrap();
    let news = news();
    {
        // A store at schema 4, as the previous dateline wrote it: the same rows, no index.
        let mut store = Store::open(dir.path()).unwrap();
        store.write_batch(&news).unwrap();
        undo_migration_6(&store);
        store
            .conn()
            .execute_batch(
                "DROP TABLE fts_articles; DROP TABLE fts_quotes; DROP TABLE fts_events; \
                 DROP INDEX articles_by_date; DROP INDEX articles_by_id; \
                 DROP INDEX entities_actor_article; DROP INDEX events_source_article; \
                 DROP INDEX events_target_article; DROP INDEX quotes_speakers; \
                 CREATE INDEX entities_actor ON entities(actor); \
                 CREATE INDEX events_source ON events(source_code); \
                 CREATE INDEX events_target ON events(target_code); \
                 PRAGMA user_version = 4;",
            )
            .unwrap();
        assert!(store.search(&text("corridor")).is_err());
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), STORE_SCHEMA_VERSION);
    check_index(&store);
    // The same schema as a fresh store, and the filled-in index equals the one a fresh store
    // writes, row by row.
    let fresh = store_with(&news);
    assert_eq!(schema(&store), schema(&fresh));
    for t in ["fts_articles", "fts_quotes", "fts_events"] {
        assert_eq!(rows(&store, t), rows(&fresh, t), "{t}");
    }
    assert_eq!(rows(&store, "fts_events").len(), 3);
    for q in ["corridor", "istanbul", "brandt", "grain ships", "rusgov"] {
        assert_eq!(search(&store, text(q)), search(&fresh, text(q)), "{q}");
    }
}

/// The names of a store's tables and indexes, with their kind.
fn schema(s: &Store) -> Vec<String> {
    let mut st = s
        .conn()
        .prepare("SELECT type || ' ' || name FROM sqlite_schema ORDER BY name")
        .unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Every row of table `t` (each value as text), sorted.
fn rows(s: &Store, t: &str) -> Vec<String> {
    let mut st = s.conn().prepare(&format!("SELECT * FROM {t}")).unwrap();
    let n = st.column_count();
    let mut rows = st
        .query_map([], |r| {
            (0..n)
                .map(|i| {
                    Ok(match r.get_ref(i)? {
                        ValueRef::Null => String::new(),
                        ValueRef::Integer(n) => n.to_string(),
                        ValueRef::Real(x) => x.to_string(),
                        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into(),
                    })
                })
                .collect::<Result<Vec<_>, rusqlite::Error>>()
                .map(|v| v.join("|"))
        })
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    rows.sort();
    rows
}

/// Turns a store back into one at schema 5, as the previous dateline wrote it.
fn undo_migration_6(store: &Store) {
    store
        .conn()
        .execute_batch(
            "DROP TABLE article_actors; DROP INDEX articles_by_seq; DROP INDEX events_by_key; \
             DROP INDEX events_by_source; DROP INDEX events_by_target; \
             ALTER TABLE events DROP COLUMN published; \
             CREATE INDEX events_source_article ON events(source_code, article_id); \
             CREATE INDEX events_target_article ON events(target_code, article_id); \
             PRAGMA user_version = 5;",
        )
        .unwrap();
}

#[test]
fn migration_6_fills_actors_and_event_dates_of_a_store_written_at_schema_5() {
    let dir = tempfile::tempdir().unwrap();
    let news = news();
    {
        let mut store = Store::open(dir.path()).unwrap();
        store.write_batch(&news).unwrap();
        undo_migration_6(&store);
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), STORE_SCHEMA_VERSION);
    let fresh = store_with(&news);
    assert_eq!(schema(&store), schema(&fresh));
    for t in ["article_actors", "events"] {
        assert_eq!(rows(&store, t), rows(&fresh, t), "{t}");
    }
    assert_eq!(store.dump().unwrap(), fresh.dump().unwrap());
    // Each article's codes, from its events' sides and its entities, once each.
    assert_eq!(
        rows(&fresh, "article_actors"),
        [
            "1|TUR", "1|TURGOV", "1|UKR", "1|UKRGOV", "2|RUS", "2|RUSGOV", "2|UKR", "3|UKRGOV",
            "3|VLMGOV"
        ]
    );
    let published: Vec<Option<String>> = fresh
        .conn()
        .prepare("SELECT published FROM events ORDER BY rowid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        published,
        [
            Some("2025-02-24".to_string()),
            Some("2025-03-10".to_string()),
            Some("2025-03-12".to_string())
        ]
    );
    let timeline = |s: &Store| {
        s.timeline(&TimelineQuery {
            actor: "UKR".into(),
            all_modalities: true,
            ..TimelineQuery::default()
        })
        .unwrap()
    };
    assert_eq!(timeline(&store), timeline(&fresh));
    for q in [
        SearchQuery {
            actor: Some("UKR".into()),
            ..text("corridor OR grain OR bridge")
        },
        SearchQuery {
            country: Some("RUS".into()),
            ..SearchQuery::default()
        },
    ] {
        assert_eq!(search(&store, q.clone()), search(&fresh, q));
    }
}

#[test]
fn text_searches_with_filters_are_the_text_matches_that_pass_the_filters() {
    // A text search checks each match against the filters; a search without text builds the
    // filtered sets. Both must agree: with text = (text alone) ∩ (filters alone).
    let store = store_with(&news());
    let all = |q: SearchQuery| -> Vec<String> {
        let mut k = keys(&search(
            &store,
            SearchQuery {
                limit: MAX_LIMIT,
                ..q
            },
        ));
        k.sort();
        k
    };
    let filters = [
        SearchQuery {
            actor: Some("UKR".into()),
            ..SearchQuery::default()
        },
        SearchQuery {
            country: Some("TUR".into()),
            ..SearchQuery::default()
        },
        SearchQuery {
            actor: Some("UKRGOV".into()),
            country: Some("VLM".into()),
            ..SearchQuery::default()
        },
        SearchQuery {
            from: Some("2025-03".into()),
            ..SearchQuery::default()
        },
        SearchQuery {
            from: Some("2025-02-20".into()),
            to: Some("2025-03-10".into()),
            ..SearchQuery::default()
        },
        SearchQuery {
            from: Some("2025-03-15".into()),
            ..SearchQuery::default()
        },
        SearchQuery {
            section: Some("city".into()),
            ..SearchQuery::default()
        },
        SearchQuery {
            speaker: Some("brandt".into()),
            ..SearchQuery::default()
        },
        SearchQuery {
            modality: Some("planned".into()),
            actor: Some("VLM".into()),
            ..SearchQuery::default()
        },
        SearchQuery {
            cameo: Some("1".into()),
            ..SearchQuery::default()
        },
    ];
    for words in [
        "corridor OR grain OR bridge OR notice",
        "ukraine",
        "said",
        "mayor",
    ] {
        let matches = all(text(words));
        for f in &filters {
            let alone = all(f.clone());
            let both = all(SearchQuery {
                text: words.into(),
                ..f.clone()
            });
            let expected: Vec<String> = matches
                .iter()
                .filter(|k| alone.contains(k))
                .cloned()
                .collect();
            assert_eq!(both, expected, "{words} with {f:?}");
        }
    }
    // Events without text: a short page of many events walks the articles newest first, a
    // long one lists the set; both give the same order and total.
    for f in &filters {
        let events = |limit: usize, offset: usize| {
            search(
                &store,
                SearchQuery {
                    kinds: vec![HitKind::Event],
                    limit,
                    offset,
                    ..f.clone()
                },
            )
        };
        let whole = events(MAX_LIMIT, 0);
        for (offset, hit) in whole.hits.iter().enumerate() {
            let page = events(1, offset);
            assert_eq!(page.total, whole.total, "{f:?}");
            assert_eq!(page.hits, std::slice::from_ref(hit), "{f:?} at {offset}");
        }
    }
    // Not vacuous: some filters keep some matches and drop others.
    assert_eq!(
        all(SearchQuery {
            actor: Some("UKR".into()),
            ..text("corridor")
        }),
        [
            "article:Grain prices climb",
            "article:Odesa ships sail after talks",
            "quote:Odesa ships sail after talks#0"
        ],
        "not the undated notice, which names no actor"
    );
}

#[test]
fn a_failed_batch_leaves_the_index_consistent_with_the_rows() {
    let dir = tempfile::tempdir().unwrap();
    let news = news();
    let mut store = Store::open(dir.path()).unwrap();
    store.write_batch(&news[..1]).unwrap();
    store.set_hook(Some(Box::new(|i, _| {
        if i == 1 {
            Err(StoreError::Sqlite {
                path: "hook".into(),
                source: rusqlite::Error::InvalidQuery,
            })
        } else {
            Ok(())
        }
    })));
    assert!(store.write_batch(&news[1..]).is_err());
    store.set_hook(None);
    check_index(&store);
    assert_eq!(
        search(&store, text("grain")).total,
        1,
        "only the first story"
    );
    assert_eq!(search(&store, text("bridge")).total, 0);
    // The rerun indexes the rest.
    store.write_batch(&news).unwrap();
    check_index(&store);
    assert_eq!(search(&store, text("bridge")).total, 1);
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    check_index(&store);
    assert_eq!(
        search(&store, text("corridor")),
        search(&store_with(&news), text("corridor"))
    );
}

// ---------------------------------------------------------------- timelines and networks

/// One story of [`timeline_store`]: published, event date, CAMEO code, source, target,
/// modality, Goldstein score.
type Day<'a> = (
    &'a str,
    Option<&'a str>,
    &'a str,
    (&'a str, &'a str),
    (&'a str, &'a str),
    Modality,
    f32,
);

/// Events of `actor` over a year boundary: one story per (date, events).
fn timeline_store() -> Store {
    use Modality::*;
    let mut batch = Vec::new();
    let days: [Day; 8] = [
        // (published, event date, cameo, source, target, modality, goldstein)
        (
            "2024-12-29",
            None,
            "042",
            ("RUSGOV", "Russia"),
            ("UKR", "Ukraine"),
            Asserted,
            1.0,
        ),
        (
            "2024-12-30",
            Some("2024-12-30"),
            "190",
            ("RUSMIL", "Russian army"),
            ("UKRMIL", "Ukrainian army"),
            Asserted,
            -10.0,
        ),
        (
            "2025-01-03",
            Some("2025-01-02"),
            "112",
            ("UKRGOV", "Ukraine"),
            ("RUSGOV", "Kremlin"),
            Asserted,
            -2.0,
        ),
        (
            "2025-01-05",
            Some("2025-W01"),
            "036",
            ("TURGOV", "Turkey"),
            ("RUSGOV", "Russia"),
            Asserted,
            4.0,
        ),
        (
            "2025-01-06",
            None,
            "036",
            ("RUSGOV", "Russia"),
            ("USA", "United States"),
            Asserted,
            4.0,
        ),
        (
            "2025-01-07",
            None,
            "042",
            ("RUSGOV", "Russia"),
            ("UKR", "Ukraine"),
            Planned,
            1.0,
        ),
        (
            "2025-02-10",
            Some("2025"),
            "040",
            ("RUSGOV", "Russia"),
            ("RUSMIL", "Russian army"),
            Asserted,
            1.0,
        ),
        (
            "2025-02-11",
            Some("2025-02"),
            "111",
            ("UKR", "Ukraine"),
            ("RUS", "Russia"),
            Asserted,
            -2.0,
        ),
    ];
    for (i, (published, date, cameo, src, tgt, modality, g)) in days.into_iter().enumerate() {
        let body = format!("Story {i}: something happened between the two sides.");
        let a = article(&format!("Story {i}"), &body, Some(published), "WORLD");
        let mut an = analysis(&a);
        an.events = Some(vec![ev(
            &a,
            &body,
            cameo,
            "X",
            Some(src),
            Some(tgt),
            modality,
            date,
            g,
        )]);
        an.quotes = Some(vec![quote(
            &a,
            "something happened",
            if i % 2 == 0 {
                "Maria Zakharova"
            } else {
                "Dmitry Peskov"
            },
        )]);
        batch.push((a, an));
    }
    store_with(&batch)
}

fn points(v: &[TimelinePoint]) -> Vec<(String, u64, Option<f64>)> {
    v.iter()
        .map(|p| (p.period.clone(), p.events, p.goldstein_mean))
        .collect()
}

fn pt(p: &str, n: u64, g: Option<f64>) -> (String, u64, Option<f64>) {
    (p.to_string(), n, g)
}

#[test]
fn timeline_buckets_by_day_iso_week_and_month() {
    let store = timeline_store();
    let q = |bucket, other: Option<&str>, all| TimelineQuery {
        actor: "rus".into(),
        other: other.map(String::from),
        bucket,
        all_modalities: all,
        ..TimelineQuery::default()
    };
    // Asserted events with a RUS side: stories 0–4, 6 and 7 (story 5 is planned). Story 6's
    // year date counts as undated: its article's day.
    assert_eq!(
        points(&store.timeline(&q(Bucket::Week, None, false)).unwrap()),
        [
            pt("2024-W52", 1, Some(1.0)),
            // 2024-12-30 … 2025-01-05 is 2025's first ISO week.
            pt("2025-W01", 3, Some((-10.0 - 2.0 + 4.0) / 3.0)),
            pt("2025-W02", 1, Some(4.0)),
            pt("2025-W07", 2, Some(-0.5)),
        ]
    );
    assert_eq!(
        points(&store.timeline(&q(Bucket::Month, None, true)).unwrap()),
        [
            pt("2024-12", 2, Some(-4.5)),
            pt("2025-01", 4, Some((-2.0 + 4.0 + 4.0 + 1.0) / 4.0)),
            pt("2025-02", 2, Some(-0.5)),
        ]
    );
    let days = store.timeline(&q(Bucket::Day, None, false)).unwrap();
    let labels: Vec<&str> = days.iter().map(|p| p.period.as_str()).collect();
    // The week-dated meeting sits on its article's day (inside the week); the month-dated
    // accusation on its article's day too.
    assert_eq!(
        labels,
        [
            "2024-12-29",
            "2024-12-30",
            "2025-01-02",
            "2025-01-05",
            "2025-01-06",
            "2025-02-10",
            "2025-02-11"
        ]
    );
    // Between two actors, either direction.
    assert_eq!(
        points(
            &store
                .timeline(&q(Bucket::Month, Some("ukr"), false))
                .unwrap()
        ),
        [
            pt("2024-12", 2, Some(-4.5)),
            pt("2025-01", 1, Some(-2.0)),
            pt("2025-02", 1, Some(-2.0))
        ]
    );
    // CAMEO prefix and date bounds.
    let consult = TimelineQuery {
        cameo: Some("03".into()),
        ..q(Bucket::Day, None, false)
    };
    assert_eq!(
        points(&store.timeline(&consult).unwrap()),
        [
            pt("2025-01-05", 1, Some(4.0)),
            pt("2025-01-06", 1, Some(4.0))
        ]
    );
    let bounded = TimelineQuery {
        from: Some("2025-01".into()),
        to: Some("2025-01-05".into()),
        ..q(Bucket::Day, None, false)
    };
    assert_eq!(
        points(&store.timeline(&bounded).unwrap()),
        [
            pt("2025-01-02", 1, Some(-2.0)),
            pt("2025-01-05", 1, Some(4.0))
        ]
    );
    assert!(store
        .timeline(&q(Bucket::Day, Some("FRA"), true))
        .unwrap()
        .is_empty());
}

#[test]
fn counterparts_are_ranked_by_events_then_code() {
    let store = timeline_store();
    let list = store.counterparts("RUS", None, None, 0, false).unwrap();
    type Row<'a> = (&'a str, Option<&'a str>, u64, u64, u64, Option<f64>);
    let got: Vec<Row> = list
        .iter()
        .map(|c| {
            (
                c.code.as_str(),
                c.name.as_deref(),
                c.events,
                c.as_source,
                c.as_target,
                c.goldstein_mean,
            )
        })
        .collect();
    // RUSGOV → RUSMIL (both RUS) is internal; the planned event needs --all-modalities.
    assert_eq!(
        got,
        [
            ("UKR", Some("Ukraine"), 2, 1, 1, Some(-0.5)),
            ("TURGOV", Some("Turkey"), 1, 1, 0, Some(4.0)),
            ("UKRGOV", Some("Ukraine"), 1, 1, 0, Some(-2.0)),
            ("UKRMIL", Some("Ukrainian army"), 1, 0, 1, Some(-10.0)),
            ("USA", Some("United States"), 1, 0, 1, Some(4.0)),
        ]
    );
    let all = store.counterparts("rus", None, None, 2, true).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!((all[0].code.as_str(), all[0].events), ("UKR", 3));
    // A narrower actor: RUSMIL is then a counterpart of RUSGOV.
    let gov = store.counterparts("RUSGOV", None, None, 0, false).unwrap();
    assert!(gov.iter().any(|c| c.code == "RUSMIL" && c.as_target == 1));
    assert!(
        gov.iter().all(|c| c.code != "UKRMIL"),
        "that was the army's event"
    );
    // Date bounds on the timeline day.
    let jan = store
        .counterparts("RUS", Some("2025-01"), Some("2025-01"), 0, false)
        .unwrap();
    let codes: Vec<&str> = jan.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes, ["TURGOV", "UKRGOV", "USA"]);
}

#[test]
fn speaker_timeline_counts_quotes_per_period() {
    let store = timeline_store();
    let peskov = store
        .speaker_timeline("peskov", Bucket::Week, None, None)
        .unwrap();
    assert_eq!(
        points(&peskov),
        [
            pt("2025-W01", 2, None),
            pt("2025-W02", 1, None),
            pt("2025-W07", 1, None)
        ]
    );
    let z = store
        .speaker_timeline("Zakharova", Bucket::Month, Some("2025"), None)
        .unwrap();
    assert_eq!(points(&z), [pt("2025-01", 2, None), pt("2025-02", 1, None)]);
    assert!(store
        .speaker_timeline("Nobody", Bucket::Day, None, None)
        .unwrap()
        .is_empty());
}

#[test]
fn merging_the_full_text_indexes_changes_no_result() {
    let mut store = store_with(&news());
    let before: Vec<Vec<String>> = ["grain corridor", "talks", "\"grain corridor\""]
        .iter()
        .map(|q| keys(&search(&store, text(q))))
        .collect();
    store.optimize_search().unwrap();
    let after: Vec<Vec<String>> = ["grain corridor", "talks", "\"grain corridor\""]
        .iter()
        .map(|q| keys(&search(&store, text(q))))
        .collect();
    assert!(before.iter().all(|k| !k.is_empty()));
    assert_eq!(before, after);
}

/// Each hit's score as FTS5's own `bm25()` gives it for the search's ranking expression (the
/// ranking function keeps document frequencies and row sizes between searches: it must give
/// these scores to the last bit, before and after the store changes).
fn bm25_scores(store: &Store, words: &str, r: &SearchResults) -> Vec<(f64, f64)> {
    use crate::search::{fts_expression, fts_table, IDX_BITS};
    let ranker = fts_expression(words).unwrap().ranker;
    r.hits
        .iter()
        .map(|h| {
            let (t, weights) = fts_table(h.kind);
            let seq: i64 = store
                .conn()
                .query_row(
                    "SELECT seq FROM articles WHERE id = ?1",
                    [&h.article_id],
                    |row| row.get(0),
                )
                .unwrap();
            let key = match h.index {
                Some(i) => (seq << IDX_BITS) | i64::from(i),
                None => seq,
            };
            let expected: f64 = store
                .conn()
                .query_row(
                    &format!(
                        "SELECT -bm25({t}, {weights}) FROM {t} WHERE {t} MATCH ?1 AND rowid = ?2"
                    ),
                    params![ranker, key],
                    |row| row.get(0),
                )
                .unwrap();
            (h.score, expected)
        })
        .collect()
}

fn assert_bm25(store: &Store, words: &str, context: &str) {
    let r = search(
        store,
        SearchQuery {
            limit: MAX_LIMIT,
            ..text(words)
        },
    );
    assert!(!r.hits.is_empty(), "{words}: {context}");
    for (got, expected) in bm25_scores(store, words, &r) {
        assert_eq!(got.to_bits(), expected.to_bits(), "{words}: {context}");
    }
}

#[test]
fn scores_are_fts5_bm25_before_and_after_the_store_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.write_batch(&news()).unwrap();
    let queries = [
        "grain corridor",
        "corridor",
        "corrid*",
        "corridor -grain",
        "bridge OR odesa",
        "said the mayor",
        "\"grain corridor\"",
        "ukraine",
    ];
    for q in queries {
        assert_bm25(&store, q, "first search");
        assert_bm25(&store, q, "again, from the kept frequencies");
    }
    // A search without text writes its temporary sets only: the kept frequencies stay.
    let kept = store.doc_freqs.len();
    assert!(kept > 2, "{kept}");
    let changes = store.conn().total_changes();
    let filtered = search(
        &store,
        SearchQuery {
            actor: Some("UKR".into()),
            ..SearchQuery::default()
        },
    );
    assert!(
        filtered.total > 0 && store.conn().total_changes() > changes,
        "not vacuous"
    );
    search(&store, text("grain corridor"));
    assert_eq!(store.doc_freqs.len(), kept);
    let before = search(&store, text("grain corridor"));
    // New stories change every frequency and the mean length: written on this connection...
    let more = |n: usize, tag: &str| -> Vec<(Article, Analysis)> {
        (0..n)
            .map(|i| {
                let a = article(
                    &format!("Corridor {tag} {i}"),
                    &format!("The grain corridor was busy; grain and more grain, {tag} {i}."),
                    Some("2025-04-01"),
                    "CITY",
                );
                let an = analysis(&a);
                (a, an)
            })
            .collect()
    };
    store.write_batch(&more(3, "same")).unwrap();
    let after = search(&store, text("grain corridor"));
    assert_ne!(before.hits[0].score, after.hits[0].score, "not vacuous");
    for q in queries {
        assert_bm25(&store, q, "after a write on the same connection");
    }
    // ... and on another connection.
    let mut writer = Store::open(dir.path()).unwrap();
    writer.write_batch(&more(4, "other")).unwrap();
    let later = search(&store, text("grain corridor"));
    assert_ne!(after.total, later.total, "not vacuous");
    for q in queries {
        assert_bm25(&store, q, "after a write on another connection");
    }
    // The same results as a connection that never ranked before.
    let fresh = Store::open(dir.path()).unwrap();
    for q in queries {
        assert_eq!(search(&fresh, text(q)), search(&store, text(q)), "{q}");
    }
}

#[test]
fn filtered_totals_beyond_the_ranking_window_count_every_passing_match() {
    // More matches than the window, a third of them in another section and some undated: the
    // total counts the matches that pass, in the window and beyond it.
    let n = RANK_WINDOW + 400;
    let batch: Vec<_> = (0..n)
        .map(|i| {
            let section = if i % 3 == 0 { "PORT" } else { "CITY" };
            let date = (i % 7 != 0).then_some("2025-01-01");
            let a = article(
                &format!("Notice {i}"),
                &format!("The harbour. Story number {i}."),
                date,
                section,
            );
            let an = analysis(&a);
            (a, an)
        })
        .collect();
    let store = store_with(&batch);
    let city = (0..n).filter(|i| i % 3 != 0).count() as u64;
    let dated_port = (0..n).filter(|i| i % 3 == 0 && i % 7 != 0).count() as u64;
    for (q, expected) in [
        (
            SearchQuery {
                section: Some("city".into()),
                ..text("harbour")
            },
            city,
        ),
        (
            SearchQuery {
                section: Some("port".into()),
                from: Some("2025".into()),
                ..text("harbour")
            },
            dated_port,
        ),
        (
            SearchQuery {
                kinds: vec![HitKind::Article],
                from: Some("2024".into()),
                ..text("harbour")
            },
            (0..n).filter(|i| i % 7 != 0).count() as u64,
        ),
    ] {
        let r = search(&store, q.clone());
        assert_eq!(r.total, expected, "{q:?}");
        // Every page agrees, and paging reaches every passing match once.
        let mut seen = std::collections::BTreeSet::new();
        let mut offset = 0;
        while offset < expected as usize {
            let page = search(
                &store,
                SearchQuery {
                    limit: MAX_LIMIT,
                    offset,
                    ..q.clone()
                },
            );
            assert_eq!(page.total, expected, "{q:?} at {offset}");
            seen.extend(page.hits.iter().map(|h| h.article_id.clone()));
            offset += MAX_LIMIT;
        }
        assert_eq!(seen.len() as u64, expected, "{q:?}");
        // No page asked for: the total alone.
        let none = search(
            &store,
            SearchQuery {
                limit: 1,
                offset: n * 2,
                ..q.clone()
            },
        );
        assert_eq!(none.total, expected, "{q:?}");
    }
}
