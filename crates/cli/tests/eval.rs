//! `dateline eval` on the shared gold sample: the floor we have reached, and the output format.
use crate::util::*;

#[test]
fn eval_scores_the_article_section_fully_on_the_gold_sample() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared/gold not present");
        return;
    };
    let gold = shared.join("gold");
    let env = Env::new();
    let r = env.run(&["eval", gold.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let last = r.stdout.lines().last().unwrap();
    assert!(
        last.starts_with("eval: 1 articles, article 1.00, entities F1 "),
        "{last}"
    );
    assert!(last.contains(", critical "), "{last}");

    let j = env.run(&["--json", "eval", gold.to_str().unwrap()]);
    assert_eq!(j.code, 0);
    let v = j.json();
    assert_eq!(
        v["summary"].as_str(),
        Some(last),
        "--json carries the same summary"
    );
}

#[test]
fn eval_of_a_missing_folder_is_an_error() {
    let env = Env::new();
    let r = env.run(&["eval", env.path("nowhere").to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("nowhere"), "{}", r.stderr);
}

#[test]
fn eval_time_scores_the_duckling_corpus_at_the_floor_reached() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared not present");
        return;
    };
    let env = Env::new();
    let file = shared.join("eval/time/en_time_corpus.json");
    let r = env.run(&["--json", "eval-time", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    assert_eq!(v["date_level"]["total"], 386);
    assert!(v["date_level"]["accuracy"].as_f64().unwrap() >= 0.95, "{v}");
    assert_eq!(v["negatives_tagged"].as_array().unwrap().len(), 0);
}

#[test]
fn eval_ner_scores_gum_news_and_other_systems_by_the_same_rule() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared not present");
        return;
    };
    let env = Env::new();
    let file = shared.join("eval/ner/gum_news_entities.jsonl");
    let saved = env.path("ours.jsonl");
    let r = env.run(&[
        "--json",
        "eval-ner",
        file.to_str().unwrap(),
        "--save-predictions",
        saved.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ours = r.json();
    // Scoring the saved predictions as another system's gives the same numbers.
    let again = env
        .run(&[
            "--json",
            "eval-ner",
            file.to_str().unwrap(),
            "--predictions",
            saved.to_str().unwrap(),
        ])
        .json();
    assert_eq!(ours, again);
    let all = ours["classes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c[0] == "ALL")
        .unwrap()[1]
        .clone();
    assert!(all["tp"].as_u64().unwrap() >= 80, "{all}");
    assert!(
        ours["coref"]["tp"].as_u64().unwrap() >= 70,
        "{}",
        ours["coref"]
    );
}
