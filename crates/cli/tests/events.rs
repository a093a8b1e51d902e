//! `dateline events`, the events of `dateline show`, and `dateline export` through the real
//! binary.
//!
//! The event stage is still being tuned, so these tests check behaviour that holds whatever it
//! codes: each filter returns exactly the events of the full list that pass it, exports have
//! the documented shape and are byte-identical across runs, evidence is text of the story.
use serde_json::Value;

use crate::util::*;

const VISIT: &str = " date 2025-03-05 WORLD
Erdogan to visit Russia as envoys meet
Turkish President Recep Tayyip Erdogan will visit Russia next week, his office said on Wednesday.

Israel did not attack Lebanon on Tuesday, the army said.

The United Nations said on Monday that Ukraine and Russia met in Istanbul last week.

Russian President Vladimir Putin praised the Turkish mediation.
";

const ACCUSE: &str = " date 2025-02-20 WORLD
Ukraine accuses Russia over strikes
Ukraine accused Russia on Thursday of shelling the city of Kharkiv.

France condemned the attack and pledged aid to Ukraine.
";

const MODALITIES: [&str; 6] = [
    "asserted",
    "planned",
    "hypothetical",
    "negated",
    "reported",
    "uncertain",
];

/// A store holding the two stories.
fn ingested() -> Env {
    let env = Env::new();
    env.write("news/visit.txt", VISIT);
    env.write("news/accuse.txt", ACCUSE);
    let r = env.run(&["-q", "ingest", env.path("news").to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    env
}

/// Every stored event, as `events --json` lists them.
fn all_events(env: &Env) -> Vec<Value> {
    let r = env.run(&["--json", "events", "--limit", "100000"]);
    assert_eq!(r.code, 0, "no events were coded: {}", r.stderr);
    r.json_lines()
}

/// `events --json ARGS`, checked to be exactly the events of `all` that pass `keep`, in the
/// same order.
fn check_filter(env: &Env, all: &[Value], args: &[&str], keep: impl Fn(&Value) -> bool) {
    let mut cmd = vec!["--json", "events", "--limit", "100000"];
    cmd.extend_from_slice(args);
    let r = env.run(&cmd);
    let want: Vec<&Value> = all.iter().filter(|e| keep(e)).collect();
    let got = r.json_lines();
    assert_eq!(
        got.iter().collect::<Vec<_>>(),
        want,
        "events {args:?}:\n{}",
        r.stderr
    );
    assert_eq!(r.code, if want.is_empty() { 1 } else { 0 }, "{args:?}");
}

fn code_starts(e: &Value, side: &str, prefix: &str) -> bool {
    e[format!("{side}_code")]
        .as_str()
        .is_some_and(|c| c.starts_with(prefix))
}

#[test]
fn events_are_listed_and_every_filter_narrows_exactly() {
    let env = ingested();
    let all = all_events(&env);
    assert!(all.len() >= 2, "{all:#?}");
    for e in &all {
        assert!(MODALITIES.contains(&e["modality"].as_str().unwrap()), "{e}");
        assert!(e["cameo"]
            .as_str()
            .unwrap()
            .bytes()
            .all(|b| b.is_ascii_digit()));
        assert!(e["article_id"].is_string() && e["mentions"].as_u64().unwrap() >= 1);
    }
    assert!(
        all.iter().any(|e| e["modality"] != "asserted"),
        "“will visit … next week” and “did not attack” are not asserted: {all:#?}"
    );

    check_filter(&env, &all, &["--actor", "RUS"], |e| {
        code_starts(e, "source", "RUS") || code_starts(e, "target", "RUS")
    });
    check_filter(&env, &all, &["--actor", "rus"], |e| {
        code_starts(e, "source", "RUS") || code_starts(e, "target", "RUS")
    });
    check_filter(&env, &all, &["--source", "UKR"], |e| {
        code_starts(e, "source", "UKR")
    });
    check_filter(&env, &all, &["--target", "RUS"], |e| {
        code_starts(e, "target", "RUS")
    });
    check_filter(&env, &all, &["--actor", "ZZZ"], |_| false);
    for root in ["01", "04", "11", "19"] {
        check_filter(&env, &all, &["--cameo", root], |e| {
            e["cameo"].as_str().unwrap().starts_with(root)
        });
    }
    let plover = all
        .iter()
        .find_map(|e| e["plover"].as_str())
        .expect("some event has a PLOVER category")
        .to_string();
    check_filter(&env, &all, &["--plover", &plover.to_lowercase()], |e| {
        e["plover"] == plover.as_str()
    });
    for m in MODALITIES {
        check_filter(&env, &all, &["--modality", m], |e| e["modality"] == m);
    }
    let article = all[0]["article_id"].as_str().unwrap().to_string();
    check_filter(&env, &all, &["--article", &article[..6]], |e| {
        e["article_id"] == article.as_str()
    });
    check_filter(&env, &all, &["--from", "2000-01-01"], |_| true);
    check_filter(&env, &all, &["--from", "2030-01-01"], |_| false);
    check_filter(&env, &all, &["--to", "2000-01-01"], |_| false);
    check_filter(
        &env,
        &all,
        &["--actor", "RUS", "--modality", "asserted"],
        |e| {
            (code_starts(e, "source", "RUS") || code_starts(e, "target", "RUS"))
                && e["modality"] == "asserted"
        },
    );

    // Paging walks the same list.
    let page = env
        .run(&["--json", "events", "--limit", "1", "--offset", "1"])
        .json_lines();
    assert_eq!(page, all[1..2]);

    // The table shows the same events.
    let table = env.run(&["events", "--limit", "100000"]);
    assert_eq!(table.code, 0);
    assert_eq!(table.stdout.lines().count(), all.len() + 1);
    assert!(table.stdout.starts_with("article"));

    // An unknown article is "not found", not an error.
    assert_eq!(env.run(&["events", "--article", "ffffffff"]).code, 1);
}

#[test]
fn bad_filter_values_are_usage_errors() {
    let env = ingested();
    let r = env.run(&["events", "--modality", "maybe"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("asserted"), "{}", r.stderr);
    assert_eq!(
        env.run(&["export", "--format", "gdelt", "--modality", "x"])
            .code,
        2
    );
    assert_eq!(env.run(&["events", "--cameo", "4a"]).code, 2);
    assert_eq!(env.run(&["events", "--from", "5 March"]).code, 2);
    assert_eq!(env.run(&["export", "--format", "csv"]).code, 2);
    let help = env.run(&["events", "--help"]);
    assert!(help
        .stdout
        .contains("only `asserted` events are told as facts"));
}

#[test]
fn show_lists_each_event_with_its_evidence() {
    let env = ingested();
    let all = all_events(&env);
    let id = all[0]["article_id"].as_str().unwrap();
    let r = env.run(&["show", id]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (_, events) = r
        .stdout
        .split_once("\nevents\n")
        .unwrap_or_else(|| panic!("no events section:\n{}", r.stdout));
    let mine: Vec<&Value> = all.iter().filter(|e| e["article_id"] == id).collect();
    let lines: Vec<&str> = events.lines().collect();
    assert_eq!(lines.len(), 2 * mine.len(), "{events}");
    let story = format!("{VISIT}{ACCUSE}").replace('\n', " ");
    for pair in lines.chunks(2) {
        let code = pair[0].split_whitespace().next().unwrap();
        assert!(mine.iter().any(|e| e["cameo"] == code), "{}", pair[0]);
        assert!(pair[0].contains('→') && MODALITIES.iter().any(|m| pair[0].contains(m)));
        let evidence = pair[1]
            .trim()
            .trim_start_matches('“')
            .trim_end_matches('”')
            .trim_end_matches('…');
        assert!(
            story.contains(evidence),
            "evidence not from the story: {}",
            pair[1]
        );
    }
}

#[test]
fn gdelt_export_has_the_documented_columns_and_is_deterministic() {
    let env = ingested();
    let all = all_events(&env);
    let r = env.run(&["export", "--format", "gdelt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), all.len());
    for (line, event) in lines.iter().zip(&all) {
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(cells.len(), 61 + 7, "{line}");
        assert!(
            cells[0].parse::<u64>().is_ok(),
            "GlobalEventID {}",
            cells[0]
        );
        assert_eq!(cells[1].len(), 8, "Day {}", cells[1]);
        assert!(cells[1].starts_with("2025"));
        assert_eq!(&cells[1][..6], cells[2], "MonthYear");
        assert_eq!(&cells[1][..4], cells[3], "Year");
        assert_eq!(cells[5], event["source_code"].as_str().unwrap_or(""));
        assert_eq!(cells[15], event["target_code"].as_str().unwrap_or(""));
        assert!(cells[25] == "0" || cells[25] == "1");
        let cameo = event["cameo"].as_str().unwrap();
        assert_eq!(cells[26], cameo);
        assert!(cameo.starts_with(cells[27]) && cells[27].len() == cameo.len().min(3));
        assert_eq!(cells[28], &cameo[..2]);
        assert_eq!(cells[31], event["mentions"].to_string());
        assert_eq!((cells[32], cells[33]), ("1", "1"));
        assert!(cells[35..59].iter().all(|c| c.is_empty()), "geo is empty");
        assert_eq!(
            cells[59],
            format!(
                "{}000000",
                event["published"].as_str().unwrap().replace('-', "")
            )
        );
        assert!(cells[60].ends_with(".txt"), "SOURCEURL {}", cells[60]);
        assert_eq!(cells[61], event["modality"]);
        assert_eq!(cells[62], event["date"].as_str().unwrap_or(""));
        assert_eq!(cells[63], event["article_id"]);
        assert_eq!(cells[64], event["sentence"].to_string());
    }
    // Actor codes split into a country and a first type: TURGOV is TUR + GOV; a code without
    // a country (IGOUNO) puts its first three letters in Type1.
    for line in &lines {
        let cells: Vec<&str> = line.split('\t').collect();
        for (code, country, type1) in [(5, 7, 12), (15, 17, 22)] {
            let (code, country, type1) = (cells[code], cells[country], cells[type1]);
            if country.is_empty() {
                assert_eq!(type1, code.get(..3).unwrap_or(""), "{line}");
            } else {
                assert_eq!(country, &code[..3], "{line}");
                assert_eq!(type1, code.get(3..6).unwrap_or(""), "{line}");
            }
            if code == "TURGOV" {
                assert_eq!((country, type1), ("TUR", "GOV"));
            }
        }
    }
    // Event ids differ from each other.
    let mut ids: Vec<&str> = lines
        .iter()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), lines.len());

    // The same store gives the same bytes, to stdout or to a file.
    assert_eq!(env.run(&["export", "--format", "gdelt"]).stdout, r.stdout);
    let out = env.path("events.tsv");
    let f = env.run(&[
        "-q",
        "export",
        "--format",
        "gdelt",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(f.code, 0, "{}", f.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), r.stdout);

    let h = env.run(&["export", "--format", "gdelt", "--header"]);
    let header: Vec<&str> = h.stdout.lines().next().unwrap().split('\t').collect();
    assert_eq!(header.len(), 68);
    assert_eq!(&header[..3], ["GlobalEventID", "Day", "MonthYear"]);
    assert_eq!(
        &header[59..],
        [
            "DATEADDED",
            "SOURCEURL",
            "modality",
            "event_date",
            "article_id",
            "sentence",
            "trigger_start",
            "trigger_end",
            "plover"
        ]
    );

    // Filters apply to the export.
    let asserted = env.run(&["export", "--format", "gdelt", "--modality", "asserted"]);
    let n = all.iter().filter(|e| e["modality"] == "asserted").count();
    assert_eq!(asserted.stdout.lines().count(), n);
    assert!(asserted
        .stdout
        .lines()
        .all(|l| l.split('\t').nth(61) == Some("asserted")));
}

#[test]
fn jsonl_export_records_are_versioned_and_carry_their_evidence() {
    let env = ingested();
    let all = all_events(&env);
    let r = env.run(&["export", "--format", "jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let records = r.json_lines();
    assert_eq!(records.len(), all.len());
    let story = format!("{VISIT}{ACCUSE}");
    for (rec, event) in records.iter().zip(&all) {
        assert_eq!(rec["schema"], "dateline-event/1");
        for key in [
            "article_id",
            "published",
            "cameo",
            "modality",
            "date",
            "goldstein",
            "quad_class",
        ] {
            assert_eq!(rec[key], event[key], "{key}");
        }
        assert!(!rec["cameo_version"].as_str().unwrap().is_empty());
        assert_eq!(rec["source"]["code"], event["source_code"]);
        let prov = &rec["provenance"];
        assert_eq!(prov["sentence"], event["sentence"]);
        assert_eq!(prov["trigger"]["start"], event["trigger_start"]);
        let evidence = prov["evidence"].as_str().expect("evidence");
        assert!(story.contains(evidence), "{evidence}");
        let trigger = prov["trigger_text"].as_str().unwrap();
        assert!(
            !trigger.is_empty() && evidence.contains(trigger),
            "{trigger} in {evidence}"
        );
    }
    assert_eq!(env.run(&["export", "--format", "jsonl"]).stdout, r.stdout);
    let none = env.run(&["export", "--format", "jsonl", "--actor", "ZZZ"]);
    assert_eq!((none.code, none.stdout.as_str()), (1, ""));
}
