//! Ingest, list and show on the bundled examples.
use crate::util::*;

#[test]
fn examples_ingest_list_show_and_reingest_as_duplicates() {
    let env = Env::new();
    let examples = repo().join("examples");
    let r = env.run(&["--json", "ingest", examples.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sum = r.json();
    assert_eq!(sum["failed"], 0);
    let ingested = sum["ingested"].as_u64().unwrap();
    assert_eq!(ingested, 6, "4 news records and 2 JSON lines: {sum}");

    let list = env.run(&["--json", "articles"]);
    assert_eq!(list.code, 0);
    let rows = list.json_lines();
    assert_eq!(rows.len(), 6);
    let summit = rows
        .iter()
        .find(|r| r["headline"] == "Leaders agree to meet before year end")
        .expect("the first record of the two-record file");
    assert_eq!(summit["published"], "2025-09-20");

    let id = summit["id"].as_str().unwrap();
    let show = env.run(&["--json", "show", &id[..8]]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    let v = show.json();
    assert_eq!(v["id"], id);
    assert_eq!(v["section"], "POLITICS");
    assert_eq!(v["agency"], "AP");
    assert_eq!(v["dateline"], "OTTAWA");
    assert_eq!(v["paragraphs"].as_array().unwrap().len(), 2);

    // The same articles again: nothing new, everything a duplicate.
    let again = env.run(&["--json", "ingest", examples.to_str().unwrap()]);
    assert_eq!(again.code, 0);
    assert_eq!(again.json()["duplicates"], 6);
    assert_eq!(again.json()["ingested"], 0);
}

#[test]
fn filters_select_articles() {
    let env = Env::new();
    let examples = repo().join("examples");
    assert_eq!(
        env.run(&["-q", "ingest", examples.to_str().unwrap()]).code,
        0
    );
    let by_section = env
        .run(&["--json", "articles", "--section", "politics"])
        .json_lines();
    assert_eq!(by_section.len(), 2);
    let by_date = env
        .run(&[
            "--json",
            "articles",
            "--from",
            "2025-06-01",
            "--to",
            "2025-06-30",
        ])
        .json_lines();
    assert_eq!(by_date.len(), 1);
    assert_eq!(
        by_date[0]["headline"],
        "Grain shipments rise as new corridor opens"
    );
    let by_text = env
        .run(&["--json", "articles", "--contains", "WAR-RISK"])
        .json_lines();
    assert_eq!(by_text.len(), 1);
    let none = env.run(&["--json", "articles", "--agency", "nobody"]);
    assert_eq!(none.code, 1, "nothing matched");
    assert!(none.stdout.trim().is_empty());
}

#[test]
fn data_dir_comes_from_the_environment() {
    let env = Env::new();
    let f = env.write(
        "a.txt",
        record(
            "2025-01-02",
            "WORLD",
            "Rain in the north",
            "Rain fell on Monday.",
        ),
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["-q", "ingest", f.to_str().unwrap()])
        .env("DATELINE_DATA", env.data())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(env.data().join("dateline.sqlite").exists());
}

#[test]
fn read_commands_need_a_store_and_unknown_ids_say_so() {
    let env = Env::new();
    let r = env.run(&["articles"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no store"), "{}", r.stderr);
    let f = env.write(
        "a.txt",
        record(
            "2025-01-02",
            "WORLD",
            "Rain in the north",
            "Rain fell on Monday.",
        ),
    );
    assert_eq!(env.run(&["-q", "ingest", f.to_str().unwrap()]).code, 0);
    let r = env.run(&["show", "ffffffffffffffff"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no article"), "{}", r.stderr);
}

#[test]
fn help_documents_exit_codes() {
    let env = Env::new();
    let r = env.run(&["--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("Exit codes"));
    assert!(r.stdout.contains("DATELINE_DATA"));
}

/// Every stage runs to the end on the project's own 48-article development set: a stage that
/// panics leaves a P001 diagnostic, which would show among the warnings.
#[test]
fn no_stage_fails_on_the_development_articles() {
    let env = Env::new();
    let dev = repo().join("eval/quotes-dev");
    let mut args = vec!["--json".to_string(), "ingest".to_string()];
    args.push(dev.to_str().unwrap().to_string());
    args.push(repo().join("examples").to_str().unwrap().to_string());
    // Real wire copy too, read in place when the shared corpora are beside the repository.
    if let Some(shared) = shared() {
        for f in [
            "corpus/reuters-21578/reuters21578-000.jsonl",
            "corpus/bbc-news/bbc-news-000.jsonl",
        ] {
            args.push(shared.join(f).to_str().unwrap().to_string());
        }
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = env.run(&args);
    let sum = r.json();
    let stage_failures: Vec<_> = sum["warning_list"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "P001")
        .collect();
    assert!(stage_failures.is_empty(), "{stage_failures:#?}");
    assert!(sum["ingested"].as_u64().unwrap() >= 50);
}
