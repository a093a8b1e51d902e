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
