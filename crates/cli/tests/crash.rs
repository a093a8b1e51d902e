//! kill -9 in the middle of a large ingest, then a rerun, gives exactly the store of an
//! uninterrupted run.
use std::time::{Duration, Instant};

use crate::util::*;

fn big_input(env: &Env) -> std::path::PathBuf {
    let mut s = String::new();
    for i in 0..12_000 {
        s.push_str(&format!(
            "{{\"id\": \"t{i}\", \"headline\": \"Story {i}\", \"published\": \"2025-03-{:02}\", \"source\": \"Test Wire\", \
             \"text\": \"Officials in the capital said on Monday that talks number {i} would resume next week. \
             The ministry declined to comment further on the schedule, which has slipped twice.\"}}\n",
            1 + i % 28
        ));
    }
    env.write("big/input.jsonl", s)
}

#[test]
fn kill_9_then_rerun_equals_a_clean_run() {
    let env = Env::new();
    let input = big_input(&env);
    let input = input.to_str().unwrap();

    // Interrupted run.
    let killed = env.path("killed");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args([
            "--data",
            killed.to_str().unwrap(),
            "-q",
            "ingest",
            "--batch",
            "200",
            input,
        ])
        .spawn()
        .unwrap();
    let db = killed.join("dateline.sqlite");
    let started = Instant::now();
    // Wait until some batches are committed, then kill.
    loop {
        std::thread::sleep(Duration::from_millis(20));
        let committed = rows(&killed);
        if committed >= 1000 {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "ingest ended before it could be interrupted"
        );
        assert!(started.elapsed() < Duration::from_secs(120), "no progress");
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "ingest ended before it could be interrupted"
    );
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(db.exists());
    let partial = rows(&killed);
    assert!(partial > 0 && partial < 12_000, "partial store: {partial}");

    // Rerun finishes the job.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args([
            "--data",
            killed.to_str().unwrap(),
            "--json",
            "ingest",
            "--batch",
            "200",
            input,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Clean run.
    let clean = env.path("clean");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args([
            "--data",
            clean.to_str().unwrap(),
            "-q",
            "ingest",
            "--batch",
            "200",
            input,
        ])
        .output()
        .unwrap();
    assert!(out.status.success());

    let a = dateline_store::Store::open(&killed)
        .unwrap()
        .dump()
        .unwrap();
    let b = dateline_store::Store::open(&clean).unwrap().dump().unwrap();
    assert_eq!(a.len(), b.len());
    assert!(a == b, "the resumed store differs from a clean run");
}

/// Articles committed so far, read through a second connection (WAL lets readers in).
fn rows(dir: &std::path::Path) -> u64 {
    if !dir.join("dateline.sqlite").exists() {
        return 0;
    }
    match dateline_store::Store::open(dir) {
        Ok(s) => s.count_articles().unwrap_or(0),
        Err(_) => 0,
    }
}
