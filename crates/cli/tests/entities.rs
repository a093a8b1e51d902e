//! `dateline entities`, `actors`, `kb` and `--kb DIR` through the real binary.
use crate::util::*;

const STORY: &str = " date 2025-02-26 WORLD
Talks go on, Kremlin says
Kremlin spokesman Dmitry Peskov said on Wednesday that talks with Washington would continue.

Peskov added that Joe Biden had not been invited. He declined to say more.
";

#[test]
fn entities_of_a_stored_article_are_linked_and_resolved() {
    let env = Env::new();
    let f = env.write("story.txt", STORY);
    assert_eq!(env.run(&["-q", "ingest", f.to_str().unwrap()]).code, 0);
    let id = env.run(&["--json", "articles"]).json_lines()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = env.run(&["--json", "entities", &id]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ents = r.json_lines();
    let by_name = |n: &str| {
        ents.iter()
            .find(|e| e["name"] == n)
            .unwrap_or_else(|| panic!("{n} missing: {ents:#?}"))
    };
    let peskov = by_name("Dmitry Peskov");
    assert_eq!(peskov["type"], "PERSON");
    assert_eq!(peskov["actor"], "RUSGOV");
    let forms: Vec<&str> = peskov["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(forms, vec!["Dmitry Peskov", "Peskov", "He"]);
    assert_eq!(
        by_name("Joe Biden")["actor"],
        "USAELI",
        "a former president in 2025"
    );
    assert_eq!(by_name("Kremlin")["actor"], "RUSGOV");
    assert_eq!(by_name("Washington")["actor"], "USA");
    // The table view names the same entities.
    let t = env.run(&["entities", &id]);
    assert!(t.stdout.contains("Dmitry Peskov") && t.stdout.contains("RUSGOV"));
}

#[test]
fn actors_searches_the_knowledge_base() {
    let env = Env::new();
    let r = env.run(&["--json", "actors", "peskov"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let hits = r.json_lines();
    assert_eq!(hits[0]["name"], "Dmitry Peskov");
    assert_eq!(hits[0]["code"], "RUSGOV");
    let none = env.run(&["actors", "zzzzqqq"]);
    assert_eq!(none.code, 1);
}

#[test]
fn a_user_knowledge_base_adds_people_and_bad_files_are_reported() {
    let env = Env::new();
    let kb = env.path("kb");
    std::fs::create_dir_all(&kb).unwrap();
    env.write(
        "kb/people-local.tsv",
        "# dateline-kb/1 people\n# source: test fixture\nname\taliases\twikidata\tcode\trole\tstart\tend\tgender\tsrc\n\
         Tarek Halabi\t\t\tLBNGOV\tMinister of Foreign Affairs of Lebanon\t2024-01-01\t\tm\ttest\n",
    );
    let story =
        " date 2025-02-26 WORLD\nMinister visits\n\nTarek Halabi arrived in Paris on Monday.\n";
    let f = env.write("s.txt", story);
    let kbs = kb.to_str().unwrap();
    assert_eq!(
        env.run(&["-q", "--kb", kbs, "ingest", f.to_str().unwrap()])
            .code,
        0
    );
    let id = env.run(&["--json", "articles"]).json_lines()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let ents = env.run(&["--json", "entities", &id]).json_lines();
    let halabi = ents.iter().find(|e| e["name"] == "Tarek Halabi").unwrap();
    assert_eq!(halabi["actor"], "LBNGOV", "the user's row links him");

    let v = env.run(&["kb", "validate", kbs]);
    assert_eq!(v.code, 0, "{}", v.stdout);
    env.write(
        "kb/people-bad.tsv",
        "# dateline-kb/1 people\nname\tcode\trole\tstart\nX Y\tnot a code\tnone\t2025-13-40\n",
    );
    let v = env.run(&["--json", "kb", "validate", kbs]);
    assert_eq!(v.code, 1);
    let problems = v.json_lines();
    assert!(
        problems
            .iter()
            .any(|p| p["file"].as_str().unwrap().ends_with("people-bad.tsv")
                && p["line"] == 3
                && p["code"] == "K008"),
        "{problems:#?}"
    );
    let r = env.run(&["--kb", kbs, "ingest", f.to_str().unwrap()]);
    assert_eq!(
        r.code, 2,
        "a broken knowledge base is refused: {}",
        r.stderr
    );
    assert!(r.stderr.contains("people-bad.tsv"), "{}", r.stderr);
}
