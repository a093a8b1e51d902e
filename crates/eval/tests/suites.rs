//! Tests of the event-suite adapters over small invented fixtures in the suites' shapes, and one
//! run over the real development files (skipped when they are absent).
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use dateline_eval::suites::{score_petr2, score_plover, SuiteEvent};
use dateline_eval::EvalError;

fn write_fixture(name: &str, content: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("suites-{name}"));
    std::fs::write(&path, content).unwrap();
    path
}

fn ev(cameo: &str, plover: Option<&str>, source: Option<&str>, target: Option<&str>) -> SuiteEvent {
    SuiteEvent {
        cameo: cameo.into(),
        plover: plover.map(String::from),
        source: source.map(String::from),
        target: target.map(String::from),
    }
}

// ---------------------------------------------------------------------------------------------
// PLOVER

const PLOVER_FIXTURE: &str = r#"[
  {"id": "FIX-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "header", "version": "0.5b1"},
  {"id": "FIX-AGREE-0001", "date": "2000-01-01", "event": "AGREE", "eventText": "agreed",
   "source": [{"actorText": "Norwegian", "code": "NOR", "sector": "GOV"}],
   "target": [{"actorText": "Sweden", "code": "SWE"}],
   "text": "Norwegian officials agreed to share fishing data with Sweden.",
   "textInfo": {"markup": "(SRC: Norwegian) officials (EVT: agreed) to share fishing data with (TAR: Sweden)."}},
  {"id": "FIX-DEMAND-0001", "date": "2000-01-01", "event": "DEMAND", "eventText": "demanded",
   "source": [{"actorText": "Kenya", "code": "KEN"}],
   "target": [{"actorText": "the African Union", "code": "IGO"}],
   "text": "Kenya demanded that the African Union send more observers."},
  {"id": "FIX-FIGHT-0001", "date": "2000-01-01", "event": "FIGHT", "eventText": "clashed",
   "source": [{"actorText": "Peruvian", "code": "PER", "sector": "MIL"},
              {"actorText": "Ecuadorian", "code": "ECU", "sector": "MIL"}],
   "target": "",
   "text": "Peruvian and Ecuadorian troops clashed along the border."},
  {"id": "FIX-DISAPPROVE-0001", "date": "2000-01-01", "event": "DISAPPROVE", "eventText": "criticised",
   "source": [{"actorText": "Chile", "code": "CHL"}],
   "text": "Chile criticised the new tariff.", "mode": ""},
  {"id": "FIX-ASSAULT-0001", "date": "2000-01-01", "event": "ASSAULT", "eventText": "killed",
   "target": [{"actorText": "Nigerian villagers", "code": "NGA", "sector": "CVL"}],
   "text": "Five Nigerian villagers were killed in an overnight raid."}
]"#;

/// The right event of each fixture record.
fn plover_truth() -> HashMap<&'static str, SuiteEvent> {
    HashMap::from([
        (
            "Norwegian officials agreed to share fishing data with Sweden.",
            ev("030", Some("AGREE"), Some("NORGOV"), Some("SWE")),
        ),
        (
            "Kenya demanded that the African Union send more observers.",
            ev("100", Some("REQUEST"), Some("KEN"), Some("IGOAFRAU")),
        ),
        (
            "Peruvian and Ecuadorian troops clashed along the border.",
            ev("190", Some("ASSAULT"), Some("PERMIL"), Some("ECUMIL")),
        ),
        (
            "Chile criticised the new tariff.",
            ev("111", Some("ACCUSE"), Some("CHLGOV"), None),
        ),
        (
            "Five Nigerian villagers were killed in an overnight raid.",
            ev("180", Some("ASSAULT"), None, Some("NGACVL")),
        ),
    ])
}

#[test]
fn plover_perfect_coder() {
    let path = write_fixture("plover-perfect.json", PLOVER_FIXTURE);
    let truth = plover_truth();
    let dates = RefCell::new(Vec::new());
    let coder = |text: &str, date: Option<&str>| {
        dates.borrow_mut().push(date.map(String::from));
        vec![truth[text].clone()]
    };
    let r = score_plover(&path, &coder).unwrap();
    assert_eq!(r.records, 5, "the DOCUMENT header is skipped");
    assert_eq!((r.category.correct, r.category.total), (5, 5));
    assert_eq!((r.dyad.correct, r.dyad.total), (5, 5));
    assert_eq!((r.full.correct, r.full.total), (5, 5));
    assert!(r.misses.is_empty());
    assert_eq!(r.full.accuracy(), 1.0);
    assert!(
        dates.borrow().iter().all(Option::is_none),
        "the placeholder date is not passed"
    );
    assert!(r.render().contains("5 records"));
}

#[test]
fn plover_empty_coder() {
    let path = write_fixture("plover-empty.json", PLOVER_FIXTURE);
    let r = score_plover(&path, &|_: &str, _: Option<&str>| Vec::new()).unwrap();
    assert_eq!(r.records, 5);
    assert_eq!(r.category.correct, 0);
    assert_eq!(r.dyad.correct, 0);
    assert_eq!(r.full.correct, 0);
    assert_eq!(r.full.accuracy(), 0.0);
    assert_eq!(r.misses.len(), 5);
    let m = &r.misses[1];
    assert_eq!(m.id, "FIX-DEMAND-0001");
    assert_eq!(m.expected, "REQUEST KEN -> IGO");
    assert!(m.got.is_empty());
    assert_eq!(r.misses[2].expected, "ASSAULT PER -> *");
    assert_eq!(r.misses[3].expected, "ACCUSE CHL -> *");
    assert_eq!(r.misses[4].expected, "ASSAULT * -> NGA");
}

#[test]
fn plover_category_only() {
    let path = write_fixture("plover-category.json", PLOVER_FIXTURE);
    let truth = plover_truth();
    let coder = |text: &str, _: Option<&str>| {
        let mut e = truth[text].clone();
        e.source = Some("XXXGOV".into());
        e.target = Some("YYY".into());
        vec![e]
    };
    let r = score_plover(&path, &coder).unwrap();
    assert_eq!(r.category.correct, 5);
    assert_eq!(r.dyad.correct, 0);
    assert_eq!(r.full.correct, 0);
    assert_eq!(r.misses.len(), 5);
    assert_eq!(r.misses[0].got, vec!["030 AGREE XXXGOV -> YYY".to_string()]);
}

#[test]
fn plover_old_category_names_are_not_current() {
    let path = write_fixture("plover-oldnames.json", PLOVER_FIXTURE);
    let truth = plover_truth();
    let coder = |text: &str, _: Option<&str>| {
        let mut e = truth[text].clone();
        if e.plover.as_deref() == Some("REQUEST") {
            e.plover = Some("DEMAND".into());
        }
        if e.plover.as_deref() == Some("ACCUSE") {
            e.plover = Some("accuse".into()); // case does not matter
        }
        vec![e]
    };
    let r = score_plover(&path, &coder).unwrap();
    assert_eq!(r.category.correct, 4);
    assert_eq!(r.misses.len(), 1);
    assert_eq!(r.misses[0].id, "FIX-DEMAND-0001");
}

#[test]
fn plover_swapped_dyad() {
    let path = write_fixture("plover-swapped.json", PLOVER_FIXTURE);
    let truth = plover_truth();
    let coder = |text: &str, _: Option<&str>| {
        let mut e = truth[text].clone();
        std::mem::swap(&mut e.source, &mut e.target);
        vec![e]
    };
    let r = score_plover(&path, &coder).unwrap();
    assert_eq!(r.category.correct, 5);
    assert_eq!(r.dyad.correct, 0);
    assert_eq!(r.full.correct, 0);
}

#[test]
fn plover_full_needs_one_event_right_on_both() {
    let path = write_fixture("plover-split.json", PLOVER_FIXTURE);
    let truth = plover_truth();
    let coder = |text: &str, _: Option<&str>| {
        let right = truth[text].clone();
        let mut category = right.clone();
        category.source = Some("XXX".into());
        category.target = Some("YYY".into());
        let mut dyad = right;
        dyad.cameo = "010".into();
        dyad.plover = Some("COOPERATE".into());
        vec![dyad, category]
    };
    let r = score_plover(&path, &coder).unwrap();
    assert_eq!(r.category.correct, 5, "any event, not only the first");
    assert_eq!(r.dyad.correct, 5);
    assert_eq!(r.full.correct, 0);
}

#[test]
fn plover_errors_name_the_file() {
    let path = write_fixture("plover-bad.json", "[{\"event\": \"AGREE\"");
    assert!(matches!(
        score_plover(&path, &|_: &str, _: Option<&str>| Vec::new()),
        Err(EvalError::Json { .. })
    ));
    let path = write_fixture("plover-notext.json", r#"[{"id": "X-1", "event": "AGREE"}]"#);
    let e = score_plover(&path, &|_: &str, _: Option<&str>| Vec::new()).unwrap_err();
    assert!(e.to_string().contains("X-1 has no `text`"), "{e}");
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("suites-no-such-file.json");
    assert!(matches!(
        score_plover(&missing, &|_: &str, _: Option<&str>| Vec::new()),
        Err(EvalError::Io { .. })
    ));
}

// ---------------------------------------------------------------------------------------------
// PETR2

const PETR2_FIXTURE: &str = r#"<?xml version='1.0' encoding='utf-8'?>
<Validation>

######################################################################
#   Invented fixture records. Each has <EventCoding...> lines.
######################################################################

<Environment>
    <Verbfile>CAMEO.2.0.txt</Verbfile>
</Environment>
<Sentences>
<Sentence category="AFP" date="20090315" id="FIX_1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="NORGOV" targetcode="SWE" />
<Text>
Norway's prime minister travelled to Stockholm
on Monday for talks &amp; a   dinner.
</Text>
<Parse>
1	Norway	Norway	PROPN	NNP	_	3	nmod:poss	_	_
</Parse>
</Sentence>

<Sentence category="AFP" date="20090316" id="FIX_2" evaluate="true">
<!-- <EventCoding eventcode="999" sourcecode="AAA" targetcode="BBB" /> commented out -->
<EventCoding noevents="True" />
<Text>
The weather in	Oslo was mild.
</Text>
<Parse>
</Parse></Sentence>

<!--
<Sentence category="OTHER" date="20090316" id="COMMENTED" evaluate="true"/>
<Text>Not a record.</Text>
</Sentence>
-->

<Sentence category="GOLD" date="0316" id="FIX_3" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="KENMIL" targetcode="---REB" />
<EventCoding eventcode="0841" sourcecode="---REB" targetcode="KENCVL" />
<Text>
Kenyan soldiers fought rebels who later freed the villagers they held.
</Text>
<Parse/>
<!---
<Parse/>-->
</Sentence>
</Sentences>
</Validation>
"#;

const FIX_1: &str =
    "Norway's prime minister travelled to Stockholm on Monday for talks & a dinner.";
const FIX_2: &str = "The weather in Oslo was mild.";
const FIX_3: &str = "Kenyan soldiers fought rebels who later freed the villagers they held.";

fn petr2_truth(text: &str) -> Vec<SuiteEvent> {
    match text {
        FIX_1 => vec![ev("042", Some("CONSULT"), Some("NORGOV"), Some("SWE"))],
        FIX_2 => vec![],
        FIX_3 => vec![
            ev("190", Some("ASSAULT"), Some("KENMIL"), Some("---REB")),
            ev("0841", Some("CONCEDE"), Some("---REB"), Some("KENCVL")),
        ],
        other => panic!("unexpected text {other:?}"),
    }
}

#[test]
fn petr2_perfect_coder() {
    let path = write_fixture("petr2-perfect.xml", PETR2_FIXTURE);
    let calls = RefCell::new(Vec::new());
    let coder = |text: &str, date: Option<&str>| {
        calls
            .borrow_mut()
            .push((text.to_string(), date.map(String::from)));
        petr2_truth(text)
    };
    let r = score_petr2(&path, &coder).unwrap();
    assert_eq!(r.records, 3);
    assert_eq!(r.no_event_records, 1);
    assert_eq!((r.correct, r.missed, r.extra), (4, 0, 0));
    assert_eq!(r.correct_country, 4);
    assert_eq!(r.recall(), 1.0);
    assert_eq!(r.extra_per_record(), 0.0);
    assert!(r.misses.is_empty());
    let calls = calls.borrow();
    assert_eq!(
        *calls,
        vec![
            (FIX_1.to_string(), Some("2009-03-15".to_string())),
            (FIX_2.to_string(), Some("2009-03-16".to_string())),
            (FIX_3.to_string(), None),
        ]
    );
    let table = r.render();
    assert!(table.contains("3 records (1 with no event)"), "{table}");
    assert!(table.contains("100.0%"), "{table}");
}

#[test]
fn petr2_empty_coder() {
    let path = write_fixture("petr2-empty.xml", PETR2_FIXTURE);
    let r = score_petr2(&path, &|_: &str, _: Option<&str>| Vec::new()).unwrap();
    // The no-event record left uncoded counts as found, as in the suite's validation.py.
    assert_eq!((r.correct, r.missed, r.extra), (1, 3, 0));
    assert_eq!(r.recall(), 0.25);
    assert_eq!(r.misses.len(), 2);
    assert_eq!(r.misses[0].id, "FIX_1");
    assert_eq!(r.misses[0].expected, "042 NORGOV -> SWE");
    assert_eq!(
        r.misses[1].expected,
        "190 KENMIL -> ---REB; 0841 ---REB -> KENCVL"
    );
}

#[test]
fn petr2_right_code_country_actors_only() {
    let path = write_fixture("petr2-country.xml", PETR2_FIXTURE);
    let coder = |text: &str, _: Option<&str>| {
        petr2_truth(text)
            .into_iter()
            .map(|mut e| {
                let three = |a: Option<String>| a.map(|a| a[..3].to_string());
                e.source = three(e.source.take());
                e.target = three(e.target.take());
                e
            })
            .collect()
    };
    let r = score_petr2(&path, &coder).unwrap();
    assert_eq!((r.correct, r.missed, r.extra), (1, 3, 3));
    assert_eq!(r.correct_country, 4, "full codes differ, countries agree");
    assert_eq!(r.country_recall(), 1.0);
    assert_eq!(r.extra_per_record(), 1.0);
}

#[test]
fn petr2_swapped_dyad() {
    let path = write_fixture("petr2-swapped.xml", PETR2_FIXTURE);
    let coder = |text: &str, _: Option<&str>| {
        petr2_truth(text)
            .into_iter()
            .map(|mut e| {
                std::mem::swap(&mut e.source, &mut e.target);
                e
            })
            .collect()
    };
    let r = score_petr2(&path, &coder).unwrap();
    assert_eq!((r.correct, r.missed, r.extra), (1, 3, 3));
    assert_eq!(r.correct_country, 1);
    assert_eq!(
        r.misses[0].got,
        vec!["042 CONSULT SWE -> NORGOV".to_string()]
    );
}

#[test]
fn petr2_no_event_records_duplicates_and_nulls() {
    let path = write_fixture("petr2-noisy.xml", PETR2_FIXTURE);
    let coder = |text: &str, _: Option<&str>| match text {
        FIX_2 => vec![ev("010", None, Some("NOR"), None)],
        FIX_1 => {
            let mut v = petr2_truth(text);
            v.push(v[0].clone()); // the same triple twice counts once
            v.push(ev("---", None, Some("NOR"), Some("SWE"))); // null event: not scored
            v
        }
        _ => petr2_truth(text),
    };
    let r = score_petr2(&path, &coder).unwrap();
    assert_eq!((r.correct, r.missed, r.extra), (3, 1, 1));
    assert_eq!(r.no_event_extra, 1);
    assert_eq!(r.null_events, 1);
    assert_eq!(r.misses.len(), 1);
    assert_eq!(r.misses[0].id, "FIX_2");
    assert_eq!(r.misses[0].expected, "no events");
    assert_eq!(r.misses[0].got, vec!["010 - NOR -> -".to_string()]);
    assert!(r.render().contains("null events"));
}

#[test]
fn petr2_rejects_a_file_without_sentences() {
    let path = write_fixture(
        "petr2-none.xml",
        "<Validation><Sentences></Sentences></Validation>",
    );
    let e = score_petr2(&path, &|_: &str, _: Option<&str>| Vec::new()).unwrap_err();
    assert!(e.to_string().contains("no <Sentence> block"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// The real development files

fn shared(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/eval/events")
        .join(name);
    if p.is_file() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent", p.display());
        None
    }
}

#[test]
fn real_plover_suite_reads() {
    let Some(path) = shared("plover_gsr_dev.json") else {
        return;
    };
    let texts = RefCell::new(0usize);
    let coder = |text: &str, date: Option<&str>| {
        assert!(!text.trim().is_empty());
        assert!(date.is_none());
        *texts.borrow_mut() += 1;
        Vec::new()
    };
    let r = score_plover(&path, &coder).unwrap();
    assert_eq!(r.records, 161);
    assert_eq!(*texts.borrow(), 161);
    assert_eq!(r.category.total, 161);
    assert_eq!(r.full.correct, 0);
    assert_eq!(r.misses.len(), 161);
    assert!(r.misses.iter().all(|m| m.text.chars().count() <= 120));
    assert!(!r.misses.iter().any(|m| m.expected.starts_with("DEMAND")
        || m.expected.starts_with("DISAPPROVE")
        || m.expected.starts_with("INVESTIGATE")
        || m.expected.starts_with("FIGHT")));
}

#[test]
fn real_petr2_suite_reads() {
    let Some(path) = shared("PETR2_GSR_validation.dev.xml") else {
        return;
    };
    let dated = RefCell::new(0usize);
    let coder = |text: &str, date: Option<&str>| {
        assert!(!text.is_empty());
        assert!(!text.contains('<') && !text.contains("&amp;") && !text.contains('\n'));
        assert_eq!(text, text.trim());
        if let Some(d) = date {
            assert_eq!(d.len(), 10, "{d}");
            *dated.borrow_mut() += 1;
        }
        Vec::new()
    };
    let r = score_petr2(&path, &coder).unwrap();
    assert_eq!(r.records, 39);
    assert_eq!(r.no_event_records, 5);
    assert_eq!(r.correct, 5, "the five no-event records, left uncoded");
    assert_eq!(
        r.correct + r.missed,
        42,
        "37 triples and 5 no-event records"
    );
    assert_eq!(r.extra, 0);
    assert_eq!(
        *dated.borrow(),
        38,
        "one record has a date of another shape"
    );
}
