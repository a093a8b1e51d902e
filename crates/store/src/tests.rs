//! Unit tests of the store (in-crate, so they can use the test-only write hook).
use std::path::Path;

use dateline_model::{
    ActorRef, Analysis, Article, ArticleId, Diagnostic, Entity, EntityType, Event, EventMention,
    Mention, Modality, Origin, Quote, QuoteKind, Sentence, Span, Speaker, Timex, TimexType, Zone,
    ZoneKind,
};

use super::*;

/// A small invented article: headline, blank line, one paragraph.
fn story(headline: &str, body: &str) -> Article {
    let text = format!("{headline}\n\n{body}");
    let h = headline.chars().count();
    let b = body.chars().count();
    let mut a = Article::new(text, Some("Valmora Courier".to_string()));
    a.zones.push(Zone::new(ZoneKind::Headline, Span::new(0, h)));
    a.zones
        .push(Zone::new(ZoneKind::Paragraph, Span::new(h + 2, h + 2 + b)));
    a.origin = Origin {
        path: Some(format!("feeds/{}.txt", &a.id.as_str()[..6])),
        reader: "news-record/1".to_string(),
        ..Origin::default()
    };
    a
}

fn meta(
    mut a: Article,
    published: Option<&str>,
    section: Option<&str>,
    agency: Option<&str>,
) -> Article {
    a.published = published.map(String::from);
    a.section = section.map(String::from);
    a.agency = agency.map(String::from);
    a
}

fn pair(a: Article) -> (Article, Analysis) {
    let an = Analysis::empty(a.id.clone());
    (a, an)
}

/// `n` distinct invented articles.
fn corpus(n: usize) -> Vec<(Article, Analysis)> {
    (0..n)
        .map(|i| {
            let a = story(
                &format!("Council vote {i}"),
                &format!(
                    "The Valmora city council voted {i} to {} on Tuesday to widen the river \
                     bridge, the mayor's office said.",
                    i % 7
                ),
            );
            let day = format!("2025-03-{:02}", 1 + i % 28);
            pair(meta(a, Some(&day), Some("CITY"), None))
        })
        .collect()
}

fn rich_analysis(a: &Article) -> Analysis {
    let mut an = Analysis::empty(a.id.clone());
    an.stages = vec!["sentences@1".into(), "entities@1".into(), "quotes@1".into()];
    an.sentences = Some(vec![
        Sentence {
            span: Span::new(0, 10),
            zone: ZoneKind::Headline,
            first_token: 0,
            end_token: 2,
        },
        Sentence {
            span: Span::new(11, 30),
            zone: ZoneKind::Paragraph,
            first_token: 2,
            end_token: 6,
        },
    ]);
    an.entities = Some(vec![Entity {
        id: "e0".into(),
        name: "Олена Коваль".into(),
        kind: EntityType::Person,
        actor: Some("UKRGOV".into()),
        wikidata: None,
        mentions: vec![Mention {
            span: Span::new(3, 15),
            text: "Олена Коваль".into(),
            sentence: Some(0),
        }],
    }]);
    an.quotes = Some(vec![Quote {
        kind: QuoteKind::Direct,
        content: Span::new(20, 28),
        text: "«Мир»".into(),
        cue: Some(Mention {
            span: Span::new(29, 34),
            text: "said".into(),
            sentence: None,
        }),
        speaker: Some(Speaker {
            text: "she".into(),
            span: None,
            entity: Some("e0".into()),
            name: None,
        }),
        sentence: Some(1),
    }]);
    an.timexes = Some(vec![Timex {
        span: Span::new(1, 4),
        text: "Tuesday".into(),
        kind: TimexType::Date,
        value: "2025-03-04".into(),
        sentence: Some(0),
    }]);
    an.events = Some(vec![Event {
        cameo: "036".into(),
        plover: Some("CONSULT".into()),
        source: Some(ActorRef {
            code: "UKRGOV".into(),
            entity: Some("e0".into()),
            name: None,
            span: None,
        }),
        target: None,
        modality: Modality::Planned,
        date: Some("2025-03-04".into()),
        speech_date: None,
        goldstein: Some(4.0),
        quad_class: Some(1),
        mentions: vec![EventMention {
            sentence: 0,
            sentence_span: Span::new(0, 10),
            trigger: Span::new(2, 5),
            source: None,
            target: None,
            quote: Some(0),
        }],
    }]);
    an.diagnostics = vec![Diagnostic::warning("D999", "invented warning")
        .in_file("feeds/x.txt")
        .at_line(3)];
    an
}

fn ids(list: &[ArticleSummary]) -> Vec<String> {
    list.iter().map(|s| s.id.clone()).collect()
}

fn seqs(store: &Store) -> Vec<i64> {
    let mut st = store
        .conn()
        .prepare("SELECT seq FROM articles ORDER BY seq")
        .unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A store built from `batches` in one uninterrupted run.
fn clean_dump(batches: &[&[(Article, Analysis)]]) -> Vec<String> {
    let mut store = Store::open_in_memory().unwrap();
    for b in batches {
        store.write_batch(b).unwrap();
    }
    store.dump().unwrap()
}

// ---------------------------------------------------------------- opening and migrations

#[test]
fn store_moves_between_threads_and_errors_convert_to_anyhow() {
    fn send<T: Send>() {}
    fn error<T: std::error::Error + Send + Sync + 'static>() {}
    send::<Store>();
    error::<StoreError>();
}

#[test]
fn migrations_from_empty() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("a/b");
    let store = Store::open(&sub).unwrap();
    assert_eq!(store.path(), Some(sub.join(DB_FILE).as_path()));
    assert!(sub.join(DB_FILE).is_file());
    assert_eq!(STORE_SCHEMA_VERSION as usize, migrations::MIGRATIONS.len());
    assert_eq!(store.schema_version().unwrap(), STORE_SCHEMA_VERSION);
    let mode: String = store
        .conn()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = store
        .conn()
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    let sync: i64 = store
        .conn()
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 1, "synchronous=NORMAL");
    let page: i64 = store
        .conn()
        .pragma_query_value(None, "page_size", |r| r.get(0))
        .unwrap();
    assert_eq!(page, PAGE_SIZE);
    assert_eq!(store.count_articles().unwrap(), 0);
    assert!(store.dump().unwrap().is_empty());

    let mem = Store::open_in_memory().unwrap();
    assert_eq!(mem.path(), None);
    assert_eq!(mem.schema_version().unwrap(), STORE_SCHEMA_VERSION);
}

#[test]
fn reopening_applies_nothing_and_keeps_data() {
    let dir = tempfile::tempdir().unwrap();
    let data = corpus(5);
    let (dump, cookie) = {
        let mut store = Store::open(dir.path()).unwrap();
        store.write_batch(&data).unwrap();
        let cookie: i64 = store
            .conn()
            .pragma_query_value(None, "schema_version", |r| r.get(0))
            .unwrap();
        (store.dump().unwrap(), cookie)
    };
    let mut store = Store::open(dir.path()).unwrap();
    let cookie2: i64 = store
        .conn()
        .pragma_query_value(None, "schema_version", |r| r.get(0))
        .unwrap();
    assert_eq!(cookie, cookie2, "no schema change on reopen");
    assert_eq!(store.schema_version().unwrap(), STORE_SCHEMA_VERSION);
    assert_eq!(store.dump().unwrap(), dump);
    assert_eq!(store.count_articles().unwrap(), 5);
    let again = store.write_batch(&data).unwrap();
    assert!(again.iter().all(|o| *o == WriteOutcome::Duplicate));
}

#[test]
fn two_stores_opened_at_once_both_migrate_safely() {
    let dir = tempfile::tempdir().unwrap();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let p = dir.path().to_path_buf();
            std::thread::spawn(move || Store::open(&p).map(|s| s.schema_version().unwrap()))
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap().unwrap(), STORE_SCHEMA_VERSION);
    }
    // A reader sees a writer's committed batches.
    let mut writer = Store::open(dir.path()).unwrap();
    let reader = Store::open(dir.path()).unwrap();
    writer.write_batch(&corpus(3)).unwrap();
    assert_eq!(reader.count_articles().unwrap(), 3);
}

fn file_bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

#[test]
fn schema_too_new_is_refused_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    {
        // A newer dateline's store, in rollback-journal mode, so any write would show.
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (1);")
            .unwrap();
        conn.pragma_update(None, "user_version", STORE_SCHEMA_VERSION + 1)
            .unwrap();
    }
    let before = file_bytes(&db);
    let err = Store::open(dir.path()).unwrap_err();
    assert!(
        matches!(err, StoreError::SchemaTooNew { found, supported, .. }
            if found == STORE_SCHEMA_VERSION + 1 && supported == STORE_SCHEMA_VERSION),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(msg.contains(&db.display().to_string()), "{msg}");
    assert!(msg.contains("newer"), "{msg}");
    assert_eq!(file_bytes(&db), before, "the file was modified");
    assert!(!dir.path().join(format!("{DB_FILE}-wal")).exists());
    let conn = Connection::open(&db).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
}

#[test]
fn not_a_database_is_refused_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    let junk = b"2025-03-04 WORLD\nThis is a news record, not a database at all.\n".repeat(100);
    std::fs::write(&db, &junk).unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    assert!(err.to_string().contains(&db.display().to_string()), "{err}");
    assert_eq!(file_bytes(&db), junk);
}

#[test]
fn a_file_where_the_directory_should_be_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("store");
    std::fs::write(&file, "x").unwrap();
    let err = Store::open(&file).unwrap_err();
    assert!(matches!(err, StoreError::CreateDir { .. }), "{err:?}");
    assert!(
        err.to_string().contains(&file.display().to_string()),
        "{err}"
    );
}

// ---------------------------------------------------------------- writing

#[test]
fn insert_and_duplicate_outcomes() {
    use WriteOutcome::*;
    let mut store = Store::open_in_memory().unwrap();
    let c = corpus(4);
    assert_eq!(store.write_batch(&[]).unwrap(), vec![]);
    let out = store
        .write_batch(&[c[0].clone(), c[1].clone(), c[0].clone()])
        .unwrap();
    assert_eq!(
        out,
        vec![Inserted, Inserted, Duplicate],
        "duplicate within a batch"
    );
    let out = store
        .write_batch(&[c[1].clone(), c[2].clone(), c[3].clone(), c[2].clone()])
        .unwrap();
    assert_eq!(
        out,
        vec![Duplicate, Inserted, Inserted, Duplicate],
        "duplicate across batches"
    );
    assert_eq!(store.count_articles().unwrap(), 4);
    assert_eq!(seqs(&store), vec![1, 2, 3, 4], "seqs have no gaps");
    for (a, _) in &c {
        assert!(store.contains(a.id.as_str()).unwrap());
    }
    assert!(!store.contains("0000000000000000").unwrap());

    // A duplicate changes nothing: the first analysis stays.
    let before = store.dump().unwrap();
    let (a0, _) = c[0].clone();
    let other = rich_analysis(&a0);
    assert_eq!(
        store.write_batch(&[(a0.clone(), other)]).unwrap(),
        vec![Duplicate]
    );
    assert_eq!(store.dump().unwrap(), before);
    assert_eq!(
        store.analysis(a0.id.as_str()).unwrap(),
        Some(c[0].1.clone())
    );
}

/// `story` with another source.
fn sourced(headline: &str, body: &str, source: &str) -> Article {
    let mut a = story(headline, body);
    a.source = Some(source.to_string());
    a.refresh_id();
    a
}

#[test]
fn same_page_url_is_a_duplicate_but_a_publisher_name_is_not() {
    use WriteOutcome::*;
    let mut store = Store::open_in_memory().unwrap();
    let url = "https://courier.example/world/river-treaty";
    // The feed item (summary only) and the page (full text) differ in text, so in id.
    let item = sourced(
        "River treaty signed",
        "Two neighbours agree to share the Lume.",
        url,
    );
    let page = sourced(
        "River treaty signed",
        "Two neighbours agree to share the Lume. The deal ends a decade of disputes.",
        url,
    );
    assert_ne!(item.id, page.id);
    let out = store.write_batch(&[pair(item.clone())]).unwrap();
    assert_eq!(out, vec![Inserted]);
    let before = store.dump().unwrap();
    assert_eq!(
        store.write_batch(&[pair(page.clone())]).unwrap(),
        vec![Duplicate],
        "same URL in a later batch"
    );
    assert_eq!(store.dump().unwrap(), before, "a duplicate changes nothing");
    assert!(!store.contains(page.id.as_str()).unwrap());
    assert_eq!(store.article(item.id.as_str()).unwrap(), Some(item.clone()));

    // Within one batch, and next to other URLs and sources.
    let b1 = sourced(
        "Bridge reopens",
        "The old bridge reopened.",
        "http://courier.example/b",
    );
    let b2 = sourced(
        "Bridge reopens",
        "The old bridge reopened on Monday.",
        "http://courier.example/b",
    );
    let other = sourced(
        "Bridge reopens",
        "The old bridge reopened.",
        "http://courier.example/c",
    );
    let reuters1 = sourced("Markets rise", "Shares rose on Monday.", "Reuters");
    let reuters2 = sourced("Markets fall", "Shares fell on Tuesday.", "Reuters");
    let none1 = {
        let mut a = story("No source", "Text one.");
        a.source = None;
        a.refresh_id();
        a
    };
    let mut none2 = none1.clone();
    none2.text.push_str(" More.");
    none2.refresh_id();
    let not_url = sourced("Ftp", "Text.", "ftp://courier.example/b");
    let not_url2 = sourced("Ftp", "Other text.", "ftp://courier.example/b");
    let out = store
        .write_batch(&[
            pair(b1.clone()),
            pair(b2),
            pair(other),
            pair(reuters1),
            pair(reuters2),
            pair(none1),
            pair(none2),
            pair(not_url),
            pair(not_url2),
            pair(page),
        ])
        .unwrap();
    assert_eq!(
        out,
        vec![
            Inserted, Duplicate, Inserted, Inserted, Inserted, Inserted, Inserted, Inserted,
            Inserted, Duplicate
        ]
    );
    assert_eq!(store.count_articles().unwrap(), 9);
    assert_eq!(seqs(&store), (1..=9).collect::<Vec<i64>>(), "no gaps");
    // The same article again is still a duplicate by id.
    assert_eq!(store.write_batch(&[pair(b1)]).unwrap(), vec![Duplicate]);
}

#[test]
fn migration_4_indexes_sources() {
    let store = Store::open_in_memory().unwrap();
    let plan: Vec<String> = store
        .conn()
        .prepare(&format!("EXPLAIN QUERY PLAN {SELECT_BY_SOURCE}"))
        .unwrap()
        .query_map(["https://x.example/"], |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        plan.iter().any(|p| p.contains("articles_source")),
        "{plan:?}"
    );
}

#[test]
fn article_and_analysis_round_trip() {
    let mut store = Store::open_in_memory().unwrap();
    let headline = "«Мир» у Києві: переговори тривають";
    let body = "КИЇВ — Делегації зустрілися у вівторок. “We are close,” said Olena Koval. 東京 🙂";
    let mut a = story(headline, body);
    a.published_time = Some("14:05:00".into());
    a.timezone = Some("Europe/Kyiv".into());
    a.section = Some("Світ".into());
    a.agency = Some("Reuters".into());
    a.byline = Some("Ірина Бондар".into());
    a.dateline = Some("КИЇВ".into());
    a.language = "uk".into();
    a.published = Some("2025-03-04".into());
    let h = headline.chars().count();
    a.zones
        .insert(1, Zone::new(ZoneKind::Dateline, Span::new(h + 2, h + 6)));
    a.origin = Origin {
        path: Some("feeds/uk/день 1.jsonl.gz".into()),
        url: Some("https://example.test/мир".into()),
        line: Some(42),
        byte: Some(12_345),
        external_id: Some("uk-7".into()),
        reader: "jsonl/1".into(),
    };
    a.source = Some("https://example.test/мир".into());
    a.refresh_id();
    let an = rich_analysis(&a);
    let plain = story("Plain", "Nothing else.");
    let plain_an = Analysis::empty(plain.id.clone());

    store
        .write_batch(&[(a.clone(), an.clone()), (plain.clone(), plain_an.clone())])
        .unwrap();
    assert_eq!(store.article(a.id.as_str()).unwrap(), Some(a.clone()));
    assert_eq!(store.analysis(a.id.as_str()).unwrap(), Some(an));
    assert_eq!(
        store.article(plain.id.as_str()).unwrap(),
        Some(plain.clone())
    );
    assert_eq!(store.analysis(plain.id.as_str()).unwrap(), Some(plain_an));
    assert_eq!(store.analysis("0000000000000000").unwrap(), None);

    let list = store.articles(&ArticleFilter::default()).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(
        list[0],
        ArticleSummary {
            id: a.id.to_string(),
            published: Some("2025-03-04".into()),
            section: Some("Світ".into()),
            agency: Some("Reuters".into()),
            headline: Some(headline.into()),
            chars: a.text.chars().count(),
            origin: Some("feeds/uk/день 1.jsonl.gz".into()),
        }
    );
    // URL when there is no path; nothing when neither.
    let mut u = story("Url only", "Body.");
    u.origin = Origin {
        url: Some("https://example.test/u".into()),
        ..Origin::default()
    };
    let mut n = story("No origin", "Body.");
    n.origin = Origin::default();
    store
        .write_batch(&[pair(u.clone()), pair(n.clone())])
        .unwrap();
    let list = store.articles(&ArticleFilter::default()).unwrap();
    let find = |id: &ArticleId| {
        list.iter()
            .find(|s| s.id == id.as_str())
            .unwrap()
            .origin
            .clone()
    };
    assert_eq!(find(&u.id).as_deref(), Some("https://example.test/u"));
    assert_eq!(find(&n.id), None);
}

#[test]
fn mismatched_analysis_fails_the_whole_batch() {
    let mut store = Store::open_in_memory().unwrap();
    let c = corpus(4);
    store.write_batch(&c[..1]).unwrap();
    let before = store.dump().unwrap();
    let mut bad = c[1..].to_vec();
    bad[1].1.article_id = ArticleId("ffffffffffffffff".into());
    let err = store.write_batch(&bad).unwrap_err();
    assert!(
        matches!(err, StoreError::Mismatch { index: 1, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains(":memory:"), "{err}");
    assert_eq!(
        store.dump().unwrap(),
        before,
        "nothing of the failed batch is visible"
    );
    store.write_batch(&c[1..]).unwrap();
    assert_eq!(store.dump().unwrap(), clean_dump(&[&c]));
}

// ---------------------------------------------------------------- crash safety

#[test]
fn failure_half_way_through_a_batch_leaves_nothing_and_a_rerun_converges() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(9);
    let (b1, b2, b3) = (&c[..3], &c[3..6], &c[6..]);
    let expected = clean_dump(&[b1, b2, b3]);
    {
        let mut store = Store::open(dir.path()).unwrap();
        store.write_batch(b1).unwrap();
        // Fail after the second item of the next batch was written (inside the transaction).
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
        assert!(store.write_batch(b2).is_err());
        store.set_hook(None);
        assert_eq!(store.count_articles().unwrap(), 3);
        assert_eq!(store.dump().unwrap(), clean_dump(&[b1]));
    }
    // Rerun the whole ingest on the reopened store: duplicates skipped, same result.
    let mut store = Store::open(dir.path()).unwrap();
    for b in [b1, b2, b3] {
        store.write_batch(b).unwrap();
    }
    assert_eq!(store.dump().unwrap(), expected);
    assert_eq!(seqs(&store), (1..=9).collect::<Vec<_>>());
}

#[test]
fn store_dropped_mid_transaction_by_a_panic_loses_only_that_batch() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(6);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut store = Store::open(dir.path()).unwrap();
        store.write_batch(&c[..2]).unwrap();
        store.set_hook(Some(Box::new(|i, _| {
            if i == 2 {
                panic!("simulated crash")
            } else {
                Ok(())
            }
        })));
        let _ = store.write_batch(&c[2..]);
    }));
    assert!(result.is_err());
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(store.dump().unwrap(), clean_dump(&[&c[..2]]));
    store.write_batch(&c).unwrap();
    assert_eq!(store.dump().unwrap(), clean_dump(&[&c]));
}

/// The on-disk image a `kill -9` would leave: the database, WAL and shared-memory files as they
/// are while a batch's transaction is open, with uncommitted pages already spilled to the WAL.
#[test]
fn crash_image_taken_mid_batch_holds_only_committed_batches() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live");
    let image = dir.path().join("image");
    std::fs::create_dir_all(&image).unwrap();
    // Big articles and a tiny page cache, so the open transaction spills pages into the WAL.
    let big: Vec<_> = (0..40)
        .map(|i| {
            let body =
                format!("Paragraph {i} of the long report on the Valmora floods. ").repeat(200);
            pair(meta(
                story(&format!("Flood report {i}"), &body),
                Some("2025-04-01"),
                None,
                None,
            ))
        })
        .collect();
    let (b1, b2) = (&big[..10], &big[10..]);
    let wal = live.join(format!("{DB_FILE}-wal"));
    {
        let mut store = Store::open(&live).unwrap();
        store.write_batch(b1).unwrap();
        store.conn().execute_batch("PRAGMA cache_size = 8").unwrap();
        let wal_at_commit = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        let (wal2, image2) = (wal.clone(), image.clone());
        let live2 = live.clone();
        store.set_hook(Some(Box::new(move |i, _| {
            if i == 25 {
                let grown = std::fs::metadata(&wal2).unwrap().len();
                assert!(
                    grown > wal_at_commit,
                    "expected uncommitted frames in the WAL"
                );
                for suffix in ["", "-wal", "-shm"] {
                    let name = format!("{DB_FILE}{suffix}");
                    if live2.join(&name).exists() {
                        std::fs::copy(live2.join(&name), image2.join(&name)).unwrap();
                    }
                }
            }
            Ok(())
        })));
        store.write_batch(b2).unwrap();
    }
    assert!(image.join(format!("{DB_FILE}-wal")).exists());
    let mut store = Store::open(&image).unwrap();
    assert_eq!(
        store.dump().unwrap(),
        clean_dump(&[b1]),
        "only the committed batch survives"
    );
    // Rerunning the same ingest converges to an uninterrupted run.
    store.write_batch(b1).unwrap();
    store.write_batch(b2).unwrap();
    assert_eq!(store.dump().unwrap(), clean_dump(&[b1, b2]));
}

// ---------------------------------------------------------------- reading

fn with_ids(ids: &[&str]) -> Vec<(Article, Analysis)> {
    ids.iter()
        .map(|id| {
            let mut a = story(&format!("Story {id}"), "Body text.");
            a.id = ArticleId(id.to_string());
            pair(a)
        })
        .collect()
}

#[test]
fn prefix_lookup() {
    let mut store = Store::open_in_memory().unwrap();
    let mut list = vec![
        "abcd000000000001",
        "abcd000000000002",
        "abce000000000000",
        "a9ff000000000000",
        "fff0000000000000",
    ];
    let many: Vec<String> = (0..12).map(|i| format!("0123{i:012x}")).collect();
    list.extend(many.iter().map(String::as_str));
    store.write_batch(&with_ids(&list)).unwrap();

    // Full id and unique prefixes (any case).
    let got = |p: &str| store.article(p).map(|a| a.map(|a| a.id.0));
    assert_eq!(
        got("abcd000000000001").unwrap().as_deref(),
        Some("abcd000000000001")
    );
    assert_eq!(got("abce").unwrap().as_deref(), Some("abce000000000000"));
    assert_eq!(got("ABCE00").unwrap().as_deref(), Some("abce000000000000"));
    assert_eq!(
        got("a9ff").unwrap().as_deref(),
        Some("a9ff000000000000"),
        "'9' boundary"
    );
    assert_eq!(
        got("fff0").unwrap().as_deref(),
        Some("fff0000000000000"),
        "'f' boundary"
    );
    assert_eq!(
        got("abcd0000000000020").unwrap(),
        None,
        "longer than any id"
    );
    // Missing.
    assert_eq!(got("abcf").unwrap(), None);
    assert_eq!(got("9999999999999999").unwrap(), None);
    assert_eq!(got("not-hex!").unwrap(), None);
    // Too short.
    let err = store.article("abc").unwrap_err();
    assert!(
        matches!(err, StoreError::PrefixTooShort { min: 4, .. }),
        "{err:?}"
    );
    assert!(store.article("").is_err());
    // Ambiguous: the candidates are listed.
    match store.article("abcd").unwrap_err() {
        StoreError::AmbiguousId {
            candidates, more, ..
        } => {
            assert_eq!(candidates, vec!["abcd000000000001", "abcd000000000002"]);
            assert!(!more);
        }
        e => panic!("{e:?}"),
    }
    let err = store.article("0123").unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("ambiguous") && msg.contains("0123000000000000") && msg.contains('…'),
        "{msg}"
    );
    match err {
        StoreError::AmbiguousId {
            candidates, more, ..
        } => {
            assert_eq!(candidates.len(), MAX_CANDIDATES);
            assert!(more);
        }
        e => panic!("{e:?}"),
    }
    // A real, computed id by a prefix.
    let real = corpus(1);
    store.write_batch(&real).unwrap();
    let id = real[0].0.id.as_str();
    assert_eq!(store.article(&id[..8]).unwrap(), Some(real[0].0.clone()));
}

fn filter_store() -> (Store, Vec<Article>) {
    let mut store = Store::open_in_memory().unwrap();
    let arts = vec![
        meta(
            story("Bridge opens", "The new bridge over the Tarn opened."),
            Some("2025-02-27"),
            Some("CITY"),
            Some("Reuters"),
        ),
        meta(
            story("Mayor resigns", "Mayor Lund resigned on Friday."),
            Some("2025-02-28"),
            Some("city"),
            Some("AP"),
        ),
        meta(
            story("Storm warning", "A STORM is expected over the Tarn valley."),
            Some("2025-03-01"),
            Some("WEATHER"),
            Some("reuters"),
        ),
        meta(
            story("Вибори у Києві", "У КИЄВІ відбулися вибори."),
            Some("2025-03-01"),
            Some("Світ"),
            Some("Укрінформ"),
        ),
        meta(
            story("Undated note", "A note with no date about the Tarn."),
            None,
            Some("CITY"),
            None,
        ),
        meta(
            story("Late report", "Storm damage was reported."),
            Some("2025-03-15"),
            None,
            Some("Reuters"),
        ),
    ];
    store
        .write_batch(&arts.iter().cloned().map(pair).collect::<Vec<_>>())
        .unwrap();
    (store, arts)
}

#[test]
fn listing_order_and_every_filter_field() {
    let (store, a) = filter_store();
    let id = |i: usize| a[i].id.to_string();
    let list = |f: ArticleFilter| ids(&store.articles(&f).unwrap());
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };

    // Order: by published, undated last, ties by id.
    let mut same_day = sorted(vec![id(2), id(3)]);
    let mut all = vec![id(0), id(1)];
    all.append(&mut same_day);
    all.extend([id(5), id(4)]);
    assert_eq!(list(ArticleFilter::default()), all);

    // from / to, inclusive; undated articles are left out.
    let f = ArticleFilter {
        from: Some("2025-02-28".into()),
        ..Default::default()
    };
    assert_eq!(list(f), all[1..5].to_vec());
    let f = ArticleFilter {
        to: Some("2025-03-01".into()),
        ..Default::default()
    };
    assert_eq!(list(f), all[..4].to_vec());
    let f = ArticleFilter {
        from: Some("2025-02-28".into()),
        to: Some("2025-02-28".into()),
        ..Default::default()
    };
    assert_eq!(list(f), vec![id(1)]);
    let f = ArticleFilter {
        to: Some("2025-02".into()),
        ..Default::default()
    };
    assert_eq!(
        list(f),
        vec![id(0), id(1)],
        "a month prefix covers the month"
    );

    // section / agency: case-insensitive equality, ASCII and not.
    let f = ArticleFilter {
        section: Some("City".into()),
        ..Default::default()
    };
    assert_eq!(list(f), vec![id(0), id(1), id(4)]);
    let f = ArticleFilter {
        section: Some("сВІТ".into()),
        ..Default::default()
    };
    assert_eq!(list(f), vec![id(3)]);
    let f = ArticleFilter {
        section: Some("CIT".into()),
        ..Default::default()
    };
    assert!(list(f).is_empty(), "equality, not prefix");
    let f = ArticleFilter {
        agency: Some("REUTERS".into()),
        ..Default::default()
    };
    assert_eq!(list(f), vec![id(0), id(2), id(5)]);
    let f = ArticleFilter {
        agency: Some("укрінформ".into()),
        ..Default::default()
    };
    assert_eq!(list(f), vec![id(3)]);

    // contains: case-insensitive substring of the text, Unicode too.
    let f = ArticleFilter {
        contains: Some("storm".into()),
        ..Default::default()
    };
    assert_eq!(list(f), vec![id(2), id(5)]);
    let f = ArticleFilter {
        contains: Some("києві".into()),
        ..Default::default()
    };
    assert_eq!(list(f), vec![id(3)]);
    let f = ArticleFilter {
        contains: Some("50%_".into()),
        ..Default::default()
    };
    assert!(list(f).is_empty(), "no LIKE wildcards");
    let f = ArticleFilter {
        contains: Some("TARN".into()),
        ..Default::default()
    };
    assert_eq!(list(f), vec![id(0), id(2), id(4)]);

    // limit / offset, both in SQL and after a Rust-side filter.
    let f = ArticleFilter {
        limit: Some(2),
        offset: 1,
        ..Default::default()
    };
    assert_eq!(list(f), all[1..3].to_vec());
    let f = ArticleFilter {
        limit: Some(0),
        ..Default::default()
    };
    assert!(list(f).is_empty());
    let f = ArticleFilter {
        offset: 10,
        ..Default::default()
    };
    assert!(list(f).is_empty());
    let f = ArticleFilter {
        offset: usize::MAX,
        limit: Some(usize::MAX),
        ..Default::default()
    };
    assert!(list(f).is_empty());
    let f = ArticleFilter {
        contains: Some("tarn".into()),
        limit: Some(1),
        offset: 1,
        ..Default::default()
    };
    assert_eq!(list(f), vec![id(2)]);

    // Combined.
    let f = ArticleFilter {
        from: Some("2025-02-28".into()),
        section: Some("weather".into()),
        agency: Some("Reuters".into()),
        contains: Some("valley".into()),
        ..Default::default()
    };
    assert_eq!(list(f), vec![id(2)]);
    let f = ArticleFilter {
        section: Some("city".into()),
        contains: Some("mayor".into()),
        ..Default::default()
    };
    assert_eq!(list(f), vec![id(1)]);
}

#[test]
fn damaged_rows_give_errors_not_panics() {
    let (store, a) = filter_store();
    let (x, y) = (a[0].id.as_str(), a[1].id.as_str());
    let c = store.conn();
    c.execute(
        "UPDATE articles SET zones = '[{\"kind\":\"nope\"}]' WHERE id = ?1",
        [x],
    )
    .unwrap();
    c.execute("UPDATE analyses SET json = '{' WHERE article_id = ?1", [x])
        .unwrap();
    c.execute(
        "UPDATE articles SET text = CAST(x'ff00fe' AS TEXT), origin = 'null' WHERE id = ?1",
        [y],
    )
    .unwrap();
    let e = store.article(x).unwrap_err();
    assert!(
        matches!(e, StoreError::Corrupt { what: "zones", .. }),
        "{e:?}"
    );
    let e = store.analysis(x).unwrap_err();
    assert!(
        matches!(
            e,
            StoreError::Corrupt {
                what: "analysis",
                ..
            }
        ),
        "{e:?}"
    );
    assert!(store.article(y).is_err());
    assert!(store.articles(&ArticleFilter::default()).is_err());
    let f = ArticleFilter {
        contains: Some("x".into()),
        ..Default::default()
    };
    assert!(store.articles(&f).is_err());
    assert!(!store.dump().unwrap().is_empty());
}

// ---------------------------------------------------------------- dump

#[test]
fn dump_is_deterministic_and_independent_of_batching() {
    let c = corpus(10);
    let whole = clean_dump(&[&c]);
    let split = clean_dump(&[&c[..3], &c[3..4], &c[4..]]);
    assert_eq!(whole, split);
    let again = clean_dump(&[&c[..5], &c[..7], &c]);
    assert_eq!(whole, again, "reruns with duplicates change nothing");
    assert_eq!(
        whole.len(),
        20,
        "one line per article row and per analysis row"
    );
    assert!(whole.iter().filter(|l| l.starts_with("articles\t")).count() == 10);
    assert!(whole.iter().filter(|l| l.starts_with("analyses\t")).count() == 10);
    let mut sorted = whole.clone();
    sorted.sort();
    assert_eq!(whole, sorted);
    // Every line is `table<TAB>json object`.
    for line in &whole {
        let (_, json) = line.split_once('\t').unwrap();
        assert!(serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(json).is_ok());
    }
    // A different ingest order is a different store (seq differs).
    let mut rev = c.clone();
    rev.reverse();
    assert_ne!(whole, clean_dump(&[&rev]));

    // File and memory stores dump alike.
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.write_batch(&c).unwrap();
    assert_eq!(store.dump().unwrap(), whole);
}

// ---------------------------------------------------------------- throughput

/// `cargo test -p dateline-store --release -- --ignored --nocapture write_throughput`
#[test]
#[ignore]
fn write_throughput() {
    let n = 20_000;
    let filler = "Officials in the coastal province said on Tuesday that repairs to the harbour \
                  wall would take until the end of the month, after storms damaged the quay. ";
    let mk = |rich: bool| -> Vec<(Article, Analysis)> {
        (0..n)
            .map(|i| {
                let body = format!("Report number {i}. {}", filler.repeat(10));
                let mut a = story(
                    &format!("Harbour repairs continue, report {i}"),
                    &body[..1250],
                );
                a.published = Some(format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28));
                a.section = Some("WORLD".into());
                let an = if rich {
                    rich_analysis(&a)
                } else {
                    Analysis::empty(a.id.clone())
                };
                (a, an)
            })
            .collect()
    };
    for rich in [false, true] {
        let data = mk(rich);
        let bytes: usize = data.iter().map(|(a, _)| a.text.len()).sum();
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let t = std::time::Instant::now();
        for batch in data.chunks(1000) {
            store.write_batch(batch).unwrap();
        }
        assert_eq!(store.count_articles().unwrap(), n as u64);
        drop(store); // includes the final WAL checkpoint
        let secs = t.elapsed().as_secs_f64();
        println!(
            "write_batch, {} analyses: {n} articles, {:.1} MB of text in {secs:.3} s = {:.1} MB/s, {:.0} articles/s",
            if rich { "rich" } else { "empty" },
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs,
            n as f64 / secs
        );
    }
}

#[test]
fn entity_and_quote_rows_are_written_and_queried_by_speaker() {
    let mut store = Store::open_in_memory().unwrap();
    let a = story(
        "Kovalenko speaks",
        "She said peace would come. Others were silent.",
    );
    let mut an = rich_analysis(&a);
    if let Some(q) = an.quotes.as_mut() {
        q[0].speaker.as_mut().unwrap().name = Some("Олена Коваль".into());
    }
    let b = story("Nothing said", "The ministry published figures.");
    let bn = Analysis::empty(b.id.clone());
    store.write_batch(&[(a.clone(), an), (b, bn)]).unwrap();

    let all = store.quotes(&QuoteFilter::default()).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].kind, "direct");
    assert_eq!(all[0].text, "«Мир»");
    assert_eq!(all[0].article_id, a.id.as_str());
    // Part of the canonical name finds the quote; another name does not.
    assert_eq!(
        store
            .quotes(&QuoteFilter {
                speaker: Some("Коваль".into()),
                ..Default::default()
            })
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        store
            .quotes(&QuoteFilter {
                speaker: Some("she".into()),
                ..Default::default()
            })
            .unwrap()
            .len(),
        1
    );
    assert!(store
        .quotes(&QuoteFilter {
            speaker: Some("Peskov".into()),
            ..Default::default()
        })
        .unwrap()
        .is_empty());
    assert!(store
        .quotes(&QuoteFilter {
            speaker: Some("%".into()),
            ..Default::default()
        })
        .unwrap()
        .is_empty());
    let dump = store.dump().unwrap();
    assert!(dump
        .iter()
        .any(|l| l.starts_with("entities\t") && l.contains("UKRGOV")));
    assert!(dump.iter().any(|l| l.starts_with("quotes\t")));
}

#[test]
fn migration_2_fills_rows_from_analyses_stored_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let a = story("Kovalenko speaks", "She said peace would come.");
    let an = rich_analysis(&a);
    {
        // A store at schema 1, as an earlier dateline wrote it.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(migrations::MIGRATIONS[0]).unwrap();
        conn.execute_batch("PRAGMA user_version = 1").unwrap();
        conn.execute(
            "INSERT INTO articles (id, seq, language, text, chars, zones, origin) VALUES (?, 1, 'en', ?, 1, '[]', '{}')",
            params![a.id.as_str(), a.text],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO analyses (article_id, stages, record_schema, json) VALUES (?, '[]', ?, ?)",
            params![
                a.id.as_str(),
                RECORD_SCHEMA,
                serde_json::to_string(&an).unwrap()
            ],
        )
        .unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), STORE_SCHEMA_VERSION);
    let q = store.quotes(&QuoteFilter::default()).unwrap();
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker_text.as_deref(), Some("she"));
    assert!(store
        .dump()
        .unwrap()
        .iter()
        .any(|l| l.starts_with("entities\t") && l.contains("Олена Коваль")));
}

// ---------------------------------------------------------------- events

/// An invented event: `code` from `source` to `target`, told once in sentence `sentence`.
fn event(
    cameo: &str,
    plover: Option<&str>,
    source: Option<&str>,
    target: Option<&str>,
    modality: Modality,
    date: Option<&str>,
    sentence: u32,
) -> Event {
    let actor = |code: &str, at: usize| ActorRef {
        code: code.into(),
        entity: Some(format!("e{at}")),
        name: Some(format!("Name of {code}")),
        span: Some(Span::new(at, at + 3)),
    };
    Event {
        cameo: cameo.into(),
        plover: plover.map(String::from),
        source: source.map(|c| actor(c, 0)),
        target: target.map(|c| actor(c, 10)),
        modality,
        date: date.map(String::from),
        speech_date: None,
        goldstein: Some(1.9),
        quad_class: Some(1),
        mentions: vec![
            EventMention {
                sentence,
                sentence_span: Span::new(0, 20),
                trigger: Span::new(4, 9),
                source: None,
                target: None,
                quote: None,
            },
            EventMention {
                sentence: sentence + 1,
                sentence_span: Span::new(21, 40),
                trigger: Span::new(25, 30),
                source: None,
                target: None,
                quote: None,
            },
        ],
    }
}

/// Three invented articles with events: one published 2025-03-05 (a planned visit dated to a
/// week, a negated attack on a day, a reported meeting in an earlier week, an undated
/// statement), one published 2025-02-20 (an accusation on that day, an appeal dated to the
/// year) and one without a date (an undated demand).
fn event_store() -> (Store, [Article; 3]) {
    use Modality::*;
    let a = meta(
        story("Leader to visit", "The leader will visit next week."),
        Some("2025-03-05"),
        None,
        None,
    );
    let b = meta(
        story(
            "Accusations fly",
            "The ministry accused the army on Thursday.",
        ),
        Some("2025-02-20"),
        None,
        None,
    );
    let c = story("Undated demand", "The council demanded answers.");
    let mut an = Analysis::empty(a.id.clone());
    an.events = Some(vec![
        event(
            "042",
            Some("CONSULT"),
            Some("TURGOV"),
            Some("RUS"),
            Planned,
            Some("2025-W11"),
            0,
        ),
        event(
            "190",
            Some("ASSAULT"),
            Some("ISR"),
            Some("LBN"),
            Negated,
            Some("2025-03-04"),
            1,
        ),
        event(
            "036",
            Some("CONSULT"),
            Some("UKR"),
            Some("RUSGOV"),
            Reported,
            Some("2025-W09"),
            2,
        ),
        event("040", Some("CONSULT"), Some("RUS"), None, Asserted, None, 3),
    ]);
    let mut bn = Analysis::empty(b.id.clone());
    bn.events = Some(vec![
        event(
            "112",
            Some("ACCUSE"),
            Some("UKR"),
            Some("RUSMIL"),
            Asserted,
            Some("2025-02-20"),
            0,
        ),
        event(
            "0431",
            Some("CONSULT"),
            Some("FRA"),
            Some("UKR"),
            Asserted,
            Some("2025"),
            1,
        ),
    ]);
    let mut cn = Analysis::empty(c.id.clone());
    cn.events = Some(vec![event(
        "10",
        None,
        Some("XYZ"),
        None,
        Uncertain,
        None,
        0,
    )]);
    let mut store = Store::open_in_memory().unwrap();
    store
        .write_batch(&[(a.clone(), an), (b.clone(), bn), (c.clone(), cn)])
        .unwrap();
    (store, [a, b, c])
}

/// The events of `filter` as `cameo` codes, in order.
fn cameos(store: &Store, filter: EventFilter) -> Vec<String> {
    store
        .events(&filter)
        .unwrap()
        .into_iter()
        .map(|r| r.cameo)
        .collect()
}

#[test]
fn event_rows_are_written_with_their_provenance() {
    let (store, [a, _, c]) = event_store();
    let all = store.events(&EventFilter::default()).unwrap();
    assert_eq!(all.len(), 7);
    let visit = all.iter().find(|r| r.cameo == "042").unwrap();
    assert_eq!(
        visit,
        &EventRow {
            article_id: a.id.to_string(),
            published: Some("2025-03-05".into()),
            index: 0,
            cameo: "042".into(),
            plover: Some("CONSULT".into()),
            source_code: Some("TURGOV".into()),
            source_name: Some("Name of TURGOV".into()),
            target_code: Some("RUS".into()),
            target_name: Some("Name of RUS".into()),
            modality: "planned".into(),
            date: Some("2025-W11".into()),
            // The f32's shortest decimal, not 1.899999976158142.
            goldstein: Some(1.9),
            quad_class: Some(1),
            sentence: Some(0),
            trigger_start: Some(4),
            trigger_end: Some(9),
            mentions: 2,
        }
    );
    let demand = all.last().unwrap();
    assert_eq!(demand.article_id, c.id.as_str(), "undated events come last");
    assert_eq!(demand.source_code.as_deref(), Some("XYZ"));
    assert_eq!(demand.target_code, None);
    assert_eq!(demand.plover, None);
    let dump = store.dump().unwrap();
    assert_eq!(dump.iter().filter(|l| l.starts_with("events\t")).count(), 7);
    assert!(dump
        .iter()
        .any(|l| l.starts_with("events\t") && l.contains(r#""source_entity":"e0""#)));
}

#[test]
fn events_are_ordered_by_effective_date() {
    let (store, _) = event_store();
    // 2025 (a year starts before any of its days), 2025-02-20, W09 (Mon 2025-02-24), 2025-03-04, undated → published 2025-03-05,
    // W11 (Mon 2025-03-10), then the article without any date.
    assert_eq!(
        cameos(&store, EventFilter::default()),
        ["0431", "112", "036", "190", "040", "042", "10"]
    );
}

#[test]
fn every_event_filter_narrows() {
    let (store, [a, b, _]) = event_store();
    let f = |filter: EventFilter| cameos(&store, filter);
    // Actor: a prefix of the source or the target code, any case.
    assert_eq!(
        f(EventFilter {
            actor: Some("rus".into()),
            ..Default::default()
        }),
        ["112", "036", "040", "042"]
    );
    assert_eq!(
        f(EventFilter {
            actor: Some("RUSGOV".into()),
            ..Default::default()
        }),
        ["036"]
    );
    assert_eq!(
        f(EventFilter {
            source: Some("UKR".into()),
            ..Default::default()
        }),
        ["112", "036"]
    );
    assert_eq!(
        f(EventFilter {
            target: Some("UKR".into()),
            ..Default::default()
        }),
        ["0431"]
    );
    assert_eq!(
        f(EventFilter {
            source: Some("UKR".into()),
            target: Some("RUSMIL".into()),
            ..Default::default()
        }),
        ["112"]
    );
    // CAMEO: a root takes its codes; a three-digit code its four-digit children.
    assert_eq!(
        f(EventFilter {
            cameo: Some("04".into()),
            ..Default::default()
        }),
        ["0431", "040", "042"]
    );
    assert_eq!(
        f(EventFilter {
            cameo: Some("043".into()),
            ..Default::default()
        }),
        ["0431"]
    );
    assert_eq!(
        f(EventFilter {
            cameo: Some("190".into()),
            ..Default::default()
        }),
        ["190"]
    );
    assert_eq!(
        f(EventFilter {
            plover: Some("consult".into()),
            ..Default::default()
        }),
        ["0431", "036", "040", "042"]
    );
    assert_eq!(
        f(EventFilter {
            modality: Some("asserted".into()),
            ..Default::default()
        }),
        ["0431", "112", "040"]
    );
    assert_eq!(
        f(EventFilter {
            modality: Some("NEGATED".into()),
            ..Default::default()
        }),
        ["190"]
    );
    assert!(f(EventFilter {
        modality: Some("hypothetical".into()),
        ..Default::default()
    })
    .is_empty());
    assert_eq!(
        f(EventFilter {
            article: Some(b.id.to_string()),
            ..Default::default()
        }),
        ["0431", "112"]
    );
    assert_eq!(
        f(EventFilter {
            article: Some(a.id.to_string()),
            limit: Some(2),
            offset: 1,
            ..Default::default()
        }),
        ["190", "040"]
    );
    assert!(f(EventFilter {
        limit: Some(0),
        ..Default::default()
    })
    .is_empty());
    // Wildcards are plain characters.
    assert!(f(EventFilter {
        actor: Some("%".into()),
        ..Default::default()
    })
    .is_empty());
}

#[test]
fn event_dates_filter_on_the_effective_period() {
    let (store, _) = event_store();
    let f = |from: Option<&str>, to: Option<&str>| {
        cameos(
            &store,
            EventFilter {
                from: from.map(String::from),
                to: to.map(String::from),
                ..Default::default()
            },
        )
    };
    // A day: the negated attack of 2025-03-04 (and the year 2025, which covers it).
    assert_eq!(f(Some("2025-03-04"), Some("2025-03-04")), ["0431", "190"]);
    // The undated statement takes its article's date, 2025-03-05.
    assert_eq!(f(Some("2025-03-05"), Some("2025-03-05")), ["0431", "040"]);
    // Week 11 runs Monday 2025-03-10 to Sunday 2025-03-16.
    assert_eq!(f(Some("2025-03-16"), Some("2025-03-16")), ["0431", "042"]);
    assert_eq!(
        f(Some("2025-03-17"), None),
        ["0431"],
        "only the year reaches past W11"
    );
    // Week 9 (2025-02-24 … 2025-03-02) overlaps March.
    assert_eq!(f(Some("2025-03-01"), Some("2025-03-03")), ["0431", "036"]);
    assert_eq!(f(None, Some("2025-02-23")), ["0431", "112"]);
    // A prefix bound covers its period; events with no date at all are left out.
    assert_eq!(f(Some("2025-02"), Some("2025-02")), ["0431", "112", "036"]);
    assert_eq!(f(Some("2024-01-01"), None).len(), 6);
    assert!(f(Some("2026-01-01"), None).is_empty());
}

#[test]
fn migration_3_fills_event_rows_from_analyses_stored_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let a = meta(
        story("Kovalenko speaks", "She said peace would come."),
        Some("2025-03-04"),
        None,
        None,
    );
    let mut an = rich_analysis(&a);
    an.events.as_mut().unwrap().push(event(
        "112",
        Some("ACCUSE"),
        Some("UKR"),
        Some("RUS"),
        Modality::Reported,
        None,
        1,
    ));
    {
        // A store at schema 2, as the previous dateline wrote it.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(migrations::MIGRATIONS[0]).unwrap();
        conn.execute_batch(migrations::MIGRATIONS[1]).unwrap();
        conn.execute_batch("PRAGMA user_version = 2").unwrap();
        conn.execute(
            "INSERT INTO articles (id, seq, published, language, text, chars, zones, origin) \
             VALUES (?, 1, '2025-03-04', 'en', ?, 1, '[]', '{}')",
            params![a.id.as_str(), a.text],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO analyses (article_id, stages, record_schema, json) VALUES (?, '[]', ?, ?)",
            params![
                a.id.as_str(),
                RECORD_SCHEMA,
                serde_json::to_string(&an).unwrap()
            ],
        )
        .unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), STORE_SCHEMA_VERSION);
    let rows = store.events(&EventFilter::default()).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].cameo, "036");
    assert_eq!(rows[0].modality, "planned");
    assert_eq!(rows[0].source_code.as_deref(), Some("UKRGOV"));
    assert_eq!(rows[0].goldstein, Some(4.0));
    assert_eq!(rows[0].mentions, 1);
    assert_eq!(rows[1].cameo, "112");
    assert_eq!(rows[1].index, 1);
    assert_eq!(rows[1].mentions, 2);
    assert_eq!(rows[1].published.as_deref(), Some("2025-03-04"));

    // The filled-in rows equal the rows a fresh store writes.
    let events_of = |dump: Vec<String>| -> Vec<String> {
        dump.into_iter()
            .filter(|l| l.starts_with("events\t"))
            .collect()
    };
    let mut fresh = Store::open_in_memory().unwrap();
    fresh.write_batch(&[(a.clone(), an)]).unwrap();
    assert_eq!(
        events_of(store.dump().unwrap()),
        events_of(fresh.dump().unwrap())
    );
}
