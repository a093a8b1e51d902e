//! `dateline search`, `timeline`, `network` and `speaker-timeline` through the real binary, on
//! the bundled example articles.
//!
//! Text search is checked against the examples' own words. The event stage is still being
//! tuned, so the event filters, timelines and networks are checked against what
//! `dateline events` and `dateline quotes` list for the same store (an independent oracle
//! computed here with jiff's calendar), never against a fixed list of coded events.
use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::{Date, ISOWeekDate, Weekday};
use jiff::ToSpan;
use serde_json::Value;

use crate::util::*;

/// A store holding the bundled examples.
fn examples() -> Env {
    let env = Env::new();
    let dir = repo().join("examples");
    let r = env.run(&["-q", "ingest", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    env
}

/// `--json search ARGS`: the results object (exit 0 with hits, 1 without).
fn search(env: &Env, args: &[&str]) -> Value {
    let mut cmd = vec!["--json", "search"];
    cmd.extend_from_slice(args);
    let r = env.run(&cmd);
    let v = r.json();
    let n = v["hits"].as_array().unwrap().len();
    assert_eq!(r.code, if n == 0 { 1 } else { 0 }, "{args:?}: {}", r.stderr);
    v
}

fn hits(v: &Value) -> &Vec<Value> {
    v["hits"].as_array().unwrap()
}

/// The highlighted words of a hit, lower-cased.
fn highlighted(h: &Value) -> Vec<String> {
    let snippet: Vec<char> = h["snippet"].as_str().unwrap().chars().collect();
    h["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let (s, e) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            );
            snippet[s..e].iter().collect::<String>().to_lowercase()
        })
        .collect()
}

/// `(article_id, index)` of records (events, quotes or hits).
fn records(list: &[Value]) -> BTreeSet<(String, u64)> {
    list.iter()
        .map(|r| {
            (
                r["article_id"].as_str().unwrap().to_string(),
                r["index"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn lines(env: &Env, args: &[&str]) -> Vec<Value> {
    let mut cmd = vec!["--json"];
    cmd.extend_from_slice(args);
    let r = env.run(&cmd);
    assert!(r.code == 0 || r.code == 1, "{args:?}: {}", r.stderr);
    r.json_lines()
}

#[test]
fn search_finds_words_and_phrases_with_highlights() {
    let env = examples();
    let r = search(&env, &["\"southern corridor\"", "--kind", "article"]);
    assert_eq!(r["total"], 1);
    let h = &hits(&r)[0];
    assert_eq!(h["kind"], "article");
    assert_eq!(h["headline"], "Grain shipments rise as new corridor opens");
    assert_eq!(h["date"], "2025-06-12");
    assert!(h["index"].is_null());
    assert_eq!(highlighted(h), ["southern corridor"]);

    // A word in several forms: every hit ranked, highlighted at a form of the word.
    for (q, stem) in [
        ("talks", "talk"),
        ("summit", "summit"),
        ("ministry", "minist"),
        ("corridor", "corridor"),
    ] {
        let r = search(&env, &[q, "--limit", "200"]);
        let list = hits(&r);
        assert!(!list.is_empty(), "{q}");
        assert_eq!(r["total"].as_u64().unwrap() as usize, list.len(), "{q}");
        for w in list.windows(2) {
            assert!(w[0]["score"].as_f64() >= w[1]["score"].as_f64(), "{q}");
        }
        for h in list {
            let words = highlighted(h);
            if h["kind"] == "article" {
                assert!(!words.is_empty(), "{q}: {h}");
            }
            assert!(words.iter().all(|w| w.starts_with(stem)), "{q}: {words:?}");
        }
    }

    // Quotes by their words: exactly the quotes whose text says "summit".
    let quotes = lines(&env, &["quotes", "--limit", "1000"]);
    let want: Vec<Value> = quotes
        .iter()
        .filter(|q| {
            q["text"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("summit")
        })
        .cloned()
        .collect();
    assert_eq!(want.len(), 3, "{quotes:#?}");
    let r = search(&env, &["summit", "--kind", "quote"]);
    assert_eq!(records(hits(&r)), records(&want));

    // The table: one line per hit plus its snippet, matches in brackets off a terminal.
    let t = env.run(&["search", "summit", "--kind", "article"]);
    assert_eq!(t.code, 0, "{}", t.stderr);
    let out: Vec<&str> = t.stdout.lines().collect();
    assert_eq!(out.len(), 2, "{}", t.stdout);
    assert!(out[0].starts_with("article  2025-09-20  "), "{}", out[0]);
    assert!(out[0].ends_with("Leaders agree to meet before year end"));
    assert!(out[1].contains("[summit]"), "{}", out[1]);
    assert!(t.stderr.contains("hits 1–1 of 1"), "{}", t.stderr);
}

#[test]
fn search_filters_select_what_events_quotes_and_articles_list() {
    let env = examples();
    let events = lines(&env, &["events", "--limit", "1000"]);
    assert!(events.len() >= 3, "{events:#?}");
    let mut actors = BTreeSet::new();
    for e in &events {
        for side in ["source_code", "target_code"] {
            if let Some(c) = e[side].as_str() {
                actors.insert(c.get(..3).unwrap_or(c).to_string());
                actors.insert(c.to_string());
            }
        }
    }
    for actor in &actors {
        let want = lines(&env, &["events", "--actor", actor, "--limit", "1000"]);
        let got = search(
            &env,
            &["--kind", "event", "--actor", actor, "--limit", "200"],
        );
        assert_eq!(records(hits(&got)), records(&want), "--actor {actor}");
        assert!(!want.is_empty());
    }
    for m in [
        "asserted",
        "planned",
        "hypothetical",
        "negated",
        "reported",
        "uncertain",
    ] {
        let want = lines(&env, &["events", "--modality", m, "--limit", "1000"]);
        let got = search(&env, &["--modality", m, "--limit", "200"]);
        assert_eq!(records(hits(&got)), records(&want), "--modality {m}");
        assert!(hits(&got).iter().all(|h| h["kind"] == "event"));
    }
    for root in ["03", "04", "09", "12"] {
        let want = lines(&env, &["events", "--cameo", root, "--limit", "1000"]);
        let got = search(&env, &["--cameo", root, "--limit", "200"]);
        assert_eq!(records(hits(&got)), records(&want), "--cameo {root}");
    }

    // Speakers: the quotes `dateline quotes --speaker` lists, and nothing else.
    let want = lines(&env, &["quotes", "--speaker", "keceli"]);
    assert_eq!(want.len(), 2, "{want:#?}");
    let got = search(&env, &["--speaker", "keceli"]);
    assert_eq!(records(hits(&got)), records(&want));
    let got = search(&env, &["constructive", "--speaker", "keceli"]);
    assert_eq!(hits(&got).len(), 1);
    assert_eq!(hits(&got)[0]["speaker"], "Oncu Keceli");

    // Articles without text: the listing, newest first; dates and sections narrow it.
    let articles = lines(&env, &["articles"]);
    let got = search(&env, &["--kind", "article", "--limit", "200"]);
    let ids = |l: &[Value], key: &str| -> Vec<String> {
        l.iter()
            .map(|a| a[key].as_str().unwrap().to_string())
            .collect()
    };
    let mut newest_first = articles.clone();
    newest_first.sort_by(|a, b| b["published"].as_str().cmp(&a["published"].as_str()));
    assert_eq!(ids(hits(&got), "article_id").len(), articles.len());
    assert_eq!(
        hits(&got)
            .iter()
            .map(|h| h["date"].as_str().map(String::from))
            .collect::<Vec<_>>(),
        newest_first
            .iter()
            .map(|a| a["published"].as_str().map(String::from))
            .collect::<Vec<_>>()
    );
    let politics = lines(&env, &["articles", "--section", "politics"]);
    let got = search(&env, &["--kind", "article", "--section", "POLITICS"]);
    let set = |v: Vec<String>| v.into_iter().collect::<BTreeSet<_>>();
    assert_eq!(
        set(ids(hits(&got), "article_id")),
        set(ids(&politics, "id"))
    );
    assert_eq!(politics.len(), 2);
    let june = search(
        &env,
        &["--kind", "article", "--from", "2025-06", "--to", "2025-06"],
    );
    assert_eq!(hits(&june).len(), 1);
    assert_eq!(
        hits(&june)[0]["headline"],
        "Grain shipments rise as new corridor opens"
    );
}

#[test]
fn search_pages_and_takes_any_text_but_rejects_bad_filters() {
    let env = examples();
    let whole = search(&env, &["--limit", "200"]);
    let total = whole["total"].as_u64().unwrap();
    assert_eq!(total as usize, hits(&whole).len());
    assert!(total > 10, "{total}");
    let page = search(&env, &["--limit", "5", "--offset", "5"]);
    assert_eq!(page["total"], total);
    assert_eq!(hits(&page)[..], hits(&whole)[5..10]);

    for q in [
        "\"unbalanced",
        "AND OR",
        "NEAR(",
        "*",
        "col:talks",
        "talks OR",
        "((",
        "talks -",
    ] {
        let r = env.run(&["--json", "search", q]);
        assert!(r.code == 0 || r.code == 1, "{q:?}: {}", r.stderr);
        r.json();
    }
    assert!(hits(&search(&env, &["\"unbalanced talks"])).is_empty());
    assert!(!hits(&search(&env, &["(talks"])).is_empty());

    for (args, says) in [
        (vec!["search", "x", "--modality", "maybe"], "asserted"),
        (vec!["search", "x", "--from", "2025-13"], "invalid from"),
        (
            vec!["search", "x", "--country", "RUSGOV"],
            "invalid country",
        ),
        (vec!["search", "x", "--kind", "person"], "article"),
        (vec!["search", "x", "--limit", "201"], "201"),
        (vec!["timeline", "RUS", "--by", "year"], "week"),
        (vec!["timeline", " "], "invalid actor"),
        (vec!["network", "RUS", "--to", "March"], "invalid to"),
        (
            vec!["speaker-timeline", "Peskov", "--from", "2025-02-30"],
            "invalid from",
        ),
    ] {
        let r = env.run(&args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
    }
    let help = env.run(&["search", "--help"]);
    assert!(help.stdout.contains("Examples:") && help.stdout.contains("--speaker Peskov"));
    // Read commands never create a store.
    let empty = Env::new();
    let r = empty.run(&["search", "talks"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no store"), "{}", r.stderr);
}

// ---------------------------------------------------------------- the oracle

/// The day a timeline puts an event on (the documented rule, computed with jiff): its own
/// day; a week or month holding the publication date: that date, else its first day;
/// anything else: the publication date.
fn placed(e: &Value) -> Option<Date> {
    let published: Option<Date> = e["published"].as_str().and_then(|p| p.parse().ok());
    let Some(d) = e["date"].as_str() else {
        return published;
    };
    if let Some(day) = d.get(..10).and_then(|s| s.parse::<Date>().ok()) {
        return Some(day);
    }
    let year: Option<i16> = d.get(..4).and_then(|y| y.parse().ok());
    let period = match (year, d.get(4..5), d.get(5..6)) {
        (Some(y), Some("-"), Some("W")) => d
            .get(6..8)
            .and_then(|w| w.parse::<i8>().ok())
            .and_then(|w| ISOWeekDate::new(y, w, Weekday::Monday).ok())
            .map(|w| (w.date(), w.date().checked_add(6.days()).unwrap())),
        (Some(y), Some("-"), Some(_)) if d.len() == 7 => d[5..7]
            .parse::<i8>()
            .ok()
            .and_then(|m| Date::new(y, m, 1).ok())
            .map(|first| (first, first.last_of_month())),
        _ => None,
    };
    match (period, published) {
        (Some((first, last)), Some(p)) if first <= p && p <= last => Some(p),
        (Some((first, _)), _) => Some(first),
        (None, p) => p,
    }
}

fn label(day: Date, by: &str) -> String {
    match by {
        "day" => day.to_string(),
        "month" => day.to_string()[..7].to_string(),
        _ => {
            let w = day.iso_week_date();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
    }
}

fn starts(e: &Value, side: &str, prefix: &str) -> bool {
    e[side].as_str().is_some_and(|c| c.starts_with(prefix))
}

/// `(period, events, goldstein_mean)` of the events, bucketed by `by`.
fn bucketed(events: &[&Value], by: &str) -> Vec<(String, u64, Option<f64>)> {
    let mut m: BTreeMap<String, (u64, f64, u64)> = BTreeMap::new();
    for e in events {
        let Some(day) = placed(e) else { continue };
        let s = m.entry(label(day, by)).or_default();
        s.0 += 1;
        if let Some(g) = e["goldstein"].as_f64() {
            s.1 += g;
            s.2 += 1;
        }
    }
    m.into_iter()
        .map(|(p, (n, g, gn))| (p, n, (gn > 0).then(|| g / gn as f64)))
        .collect()
}

fn points(list: &[Value]) -> Vec<(String, u64, Option<f64>)> {
    list.iter()
        .map(|p| {
            (
                p["period"].as_str().unwrap().to_string(),
                p["events"].as_u64().unwrap(),
                p["goldstein_mean"].as_f64(),
            )
        })
        .collect()
}

fn same_points(got: &[(String, u64, Option<f64>)], want: &[(String, u64, Option<f64>)]) -> bool {
    got.len() == want.len()
        && got.iter().zip(want).all(|(g, w)| {
            g.0 == w.0
                && g.1 == w.1
                && match (g.2, w.2) {
                    (Some(a), Some(b)) => (a - b).abs() < 1e-9,
                    (a, b) => a == b,
                }
        })
}

#[test]
fn timelines_count_the_events_that_events_lists() {
    let env = examples();
    let all = lines(&env, &["events", "--limit", "1000"]);
    let mut actors = BTreeSet::new();
    let mut pairs = BTreeSet::new();
    for e in &all {
        let s = e["source_code"]
            .as_str()
            .map(|c| c.get(..3).unwrap_or(c).to_string());
        let t = e["target_code"]
            .as_str()
            .map(|c| c.get(..3).unwrap_or(c).to_string());
        actors.extend(s.clone());
        actors.extend(t.clone());
        if let (Some(s), Some(t)) = (s, t) {
            pairs.insert((s, t));
        }
    }
    let mut nonempty = 0;
    for actor in &actors {
        for all_modalities in [false, true] {
            let mine: Vec<&Value> = all
                .iter()
                .filter(|e| starts(e, "source_code", actor) || starts(e, "target_code", actor))
                .filter(|e| all_modalities || e["modality"] == "asserted")
                .collect();
            for by in ["day", "week", "month"] {
                let mut args = vec!["timeline", actor.as_str(), "--by", by];
                if all_modalities {
                    args.push("--all-modalities");
                }
                let got = points(&lines(&env, &args));
                let want = bucketed(&mine, by);
                assert!(same_points(&got, &want), "{args:?}:\n{got:?}\n{want:?}");
                nonempty += usize::from(!got.is_empty());
            }
        }
    }
    assert!(nonempty > 0, "no timeline had a point: {all:#?}");
    for (a, b) in &pairs {
        let between: Vec<&Value> = all
            .iter()
            .filter(|e| {
                (starts(e, "source_code", a) && starts(e, "target_code", b))
                    || (starts(e, "source_code", b) && starts(e, "target_code", a))
            })
            .collect();
        let args = [
            "timeline",
            b.as_str(),
            a.as_str(),
            "--by",
            "week",
            "--all-modalities",
        ];
        let got = points(&lines(&env, &args));
        assert!(same_points(&got, &bucketed(&between, "week")), "{args:?}");
        assert!(!got.is_empty());
    }
    // The table: a header and one line per period.
    let actor = actors.iter().next().unwrap();
    let t = env.run(&["timeline", actor, "--all-modalities", "--by", "month"]);
    assert_eq!(t.code, 0, "{}", t.stderr);
    assert!(t.stdout.starts_with("period"), "{}", t.stdout);
    assert!(t.stdout.contains('#'));
    assert_eq!(env.run(&["timeline", "ZZZ"]).code, 1);
}

#[test]
fn network_ranks_the_counterparts_that_events_lists() {
    let env = examples();
    let all = lines(&env, &["events", "--limit", "1000"]);
    let mut actors = BTreeSet::new();
    for e in &all {
        for side in ["source_code", "target_code"] {
            if let Some(c) = e[side].as_str() {
                actors.insert(c.get(..3).unwrap_or(c).to_string());
            }
        }
    }
    let mut nonempty = 0;
    for actor in &actors {
        for all_modalities in [false, true] {
            // code → (events, as source, goldstein sum, goldstein count)
            let mut m: BTreeMap<String, (u64, u64, f64, u64)> = BTreeMap::new();
            for e in all
                .iter()
                .filter(|e| all_modalities || e["modality"] == "asserted")
            {
                let (s, t) = (e["source_code"].as_str(), e["target_code"].as_str());
                let other = match (s, t) {
                    (Some(s), Some(t))
                        if s.starts_with(actor.as_str()) && !t.starts_with(actor.as_str()) =>
                    {
                        (t, 0)
                    }
                    (Some(s), Some(t))
                        if t.starts_with(actor.as_str()) && !s.starts_with(actor.as_str()) =>
                    {
                        (s, 1)
                    }
                    _ => continue,
                };
                let c = m.entry(other.0.to_string()).or_default();
                c.0 += 1;
                c.1 += other.1;
                if let Some(g) = e["goldstein"].as_f64() {
                    c.2 += g;
                    c.3 += 1;
                }
            }
            let mean = |sum: f64, n: u64| (n > 0).then(|| format!("{:.6}", sum / n as f64));
            let mut want: Vec<(String, u64, u64, u64, Option<String>)> = m
                .into_iter()
                .map(|(code, (n, src, g, gn))| (code, n, src, n - src, mean(g, gn)))
                .collect();
            want.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let mut args = vec!["network", actor.as_str(), "--limit", "0"];
            if all_modalities {
                args.push("--all-modalities");
            }
            let got: Vec<(String, u64, u64, u64, Option<String>)> = lines(&env, &args)
                .iter()
                .map(|c| {
                    (
                        c["code"].as_str().unwrap().to_string(),
                        c["events"].as_u64().unwrap(),
                        c["as_source"].as_u64().unwrap(),
                        c["as_target"].as_u64().unwrap(),
                        c["goldstein_mean"].as_f64().map(|g| format!("{g:.6}")),
                    )
                })
                .collect();
            assert_eq!(got, want, "{args:?}");
            nonempty += usize::from(!got.is_empty());
            if !want.is_empty() {
                let first = lines(
                    &env,
                    &[&args[..2], &["--limit", "1"][..], &args[4..]].concat(),
                );
                assert_eq!(first.len(), 1);
                assert_eq!(first[0]["code"].as_str().unwrap(), want[0].0);
            }
        }
    }
    assert!(nonempty > 0, "no actor had a counterpart: {all:#?}");
    let t = env.run(&["network", "ZZZ"]);
    assert_eq!(t.code, 1);
}

#[test]
fn speaker_timeline_counts_what_quotes_lists() {
    let env = examples();
    let all = lines(&env, &["quotes", "--limit", "1000"]);
    let speakers: BTreeSet<String> = all
        .iter()
        .filter_map(|q| q["speaker_name"].as_str().map(String::from))
        .collect();
    assert!(speakers.len() >= 3, "{speakers:?}");
    for sp in &speakers {
        let theirs = lines(&env, &["quotes", "--speaker", sp, "--limit", "1000"]);
        for by in ["day", "week", "month"] {
            let mut m: BTreeMap<String, u64> = BTreeMap::new();
            for q in &theirs {
                let Some(day) = q["published"].as_str() else {
                    continue; // undated articles are not on a timeline
                };
                let day: Date = day.parse().unwrap();
                *m.entry(label(day, by)).or_default() += 1;
            }
            let want: Vec<(String, u64, Option<f64>)> =
                m.into_iter().map(|(p, n)| (p, n, None)).collect();
            let got = points(&lines(&env, &["speaker-timeline", sp, "--by", by]));
            assert_eq!(got, want, "{sp} by {by}");
        }
    }
    assert_eq!(env.run(&["speaker-timeline", "Nobody Atall"]).code, 1);
}

#[test]
fn bench_search_builds_copies_and_times_every_kind_of_query() {
    let env = Env::new();
    let dir = repo().join("examples");
    let r = env.run(&[
        "-q",
        "--json",
        "bench",
        "search",
        dir.to_str().unwrap(),
        "--copies",
        "2",
        "--runs",
        "1",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    let single = examples().run(&["--json", "articles"]).json_lines().len() as u64;
    assert_eq!(v["articles"].as_u64().unwrap(), 2 * single, "{v}");
    let kinds: BTreeSet<&str> = v["queries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["kind"].as_str().unwrap())
        .collect();
    for k in [
        "common word",
        "rare word",
        "phrase",
        "with filters",
        "timeline",
        "network",
    ] {
        assert!(kinds.contains(k), "{kinds:?}");
    }
    // The store it built stays in --data; without PATHs it is queried again.
    let again = env.run(&["bench", "search", "--runs", "1"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.contains("METRIC:search.common_word.p99:"));
    assert_eq!(
        env.run(&["bench", "search", dir.to_str().unwrap()]).code,
        2,
        "PATHs need a new store"
    );
}
