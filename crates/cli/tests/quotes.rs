//! `dateline quotes` through the real binary.
use crate::util::*;

const STORY: &str = " date 2025-03-03 WORLD
Envoys to meet again, ministry says
Kremlin spokesman Dmitry Peskov said on Monday that the envoys would meet again next week.

\"We are not in a hurry,\" Peskov told reporters. \"Everything needs preparation.\"

A senior diplomat said the venue had not been chosen.
";

#[test]
fn quotes_are_listed_by_speaker() {
    let env = Env::new();
    let f = env.write("s.txt", STORY);
    assert_eq!(env.run(&["-q", "ingest", f.to_str().unwrap()]).code, 0);
    let all = env.run(&["--json", "quotes"]).json_lines();
    assert!(all.len() >= 3, "{all:#?}");
    let peskov = env
        .run(&["--json", "quotes", "--speaker", "peskov"])
        .json_lines();
    assert!(peskov.len() >= 2, "{peskov:#?}");
    assert!(peskov.iter().all(|q| q["speaker_name"] == "Dmitry Peskov"));
    assert!(peskov
        .iter()
        .any(|q| q["kind"] == "direct" && q["text"].as_str().unwrap().contains("not in a hurry")));
    assert!(peskov.iter().any(|q| q["kind"] == "indirect"
        && q["text"]
            .as_str()
            .unwrap()
            .contains("envoys would meet again")));
    let diplomat = env
        .run(&["--json", "quotes", "--speaker", "diplomat"])
        .json_lines();
    assert_eq!(
        diplomat.len(),
        1,
        "an unnamed source is kept by its words: {diplomat:#?}"
    );
    assert!(diplomat[0]["speaker_name"].is_null());
    let none = env.run(&["quotes", "--speaker", "Zakharova"]);
    assert_eq!(none.code, 1);
}
