//! `dateline serve`: the real binary, on a free port, stopped with SIGTERM.
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use crate::util::{record, Env};

/// Starts `serve` with `args` and returns the child and its first stdout line (JSON).
fn start(env: &Env, args: &[&str], token: Option<&str>) -> (Child, serde_json::Value) {
    let mut cmd = env.cmd();
    cmd.args(["--json", "serve", "--addr", "127.0.0.1:0"])
        .args(args)
        .env_remove("DATELINE_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(t) = token {
        cmd.env("DATELINE_TOKEN", t);
    }
    let mut child = cmd.spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(line.trim())
        .unwrap_or_else(|e| panic!("first line is not JSON ({e}): {line:?}"));
    (child, v)
}

/// One request to `url` (`http://HOST:PORT/`) + `path`; the status and body.
fn request(url: &str, method: &str, path: &str, headers: &[&str], body: &str) -> (u16, String) {
    let host = url.trim_start_matches("http://").trim_end_matches('/');
    let mut s = TcpStream::connect(host).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for h in headers {
        head.push_str(h);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body.as_bytes()).unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, body.to_string())
}

/// SIGTERM by pid, then the exit code.
fn stop(mut child: Child) -> i32 {
    let ok = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .unwrap()
        .success();
    assert!(ok);
    child.wait().unwrap().code().unwrap_or(-1)
}

#[test]
fn demo_serves_the_bundled_examples_and_cleans_up() {
    let env = Env::new();
    let (child, v) = start(&env, &["--demo"], None);
    let url = v["url"].as_str().unwrap().to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{v}");
    assert!(v["demo_articles"].as_u64().unwrap() >= 6);
    let data = std::path::PathBuf::from(v["data"].as_str().unwrap());
    assert!(data.is_dir());
    let (status, body) = request(&url, "GET", "/api/health", &[], "");
    assert_eq!(status, 200, "{body}");
    let h: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(h["articles"], v["demo_articles"]);
    assert_eq!(h["writes"], false);
    let (status, page) = request(&url, "GET", "/", &[], "");
    assert_eq!(status, 200);
    assert!(page.contains("dateline"));
    let (status, _) = request(&url, "POST", "/api/ingest", &[], "x");
    assert_eq!(status, 403, "read-only without a token");
    assert_eq!(stop(child), 0);
    assert!(!data.exists(), "the demo store is removed on exit");
}

#[test]
fn ingest_over_http_runs_the_ingest_pipeline() {
    let env = Env::new();
    let (child, v) = start(&env, &[], Some("tok-123"));
    let url = v["url"].as_str().unwrap().to_string();
    assert_eq!(v["writes"], true);
    let rec = record(
        "2025-03-04",
        "WORLD",
        "Talks resume",
        "ANKARA, March 4 (Reuters) - Turkey's foreign minister met his Greek counterpart in Athens on Tuesday.",
    );
    let (status, _) = request(
        &url,
        "POST",
        "/api/ingest",
        &["Authorization: Bearer nope"],
        &rec,
    );
    assert_eq!(status, 401);
    let (status, body) = request(
        &url,
        "POST",
        "/api/ingest?name=talks.txt",
        &["Authorization: Bearer tok-123"],
        &rec,
    );
    assert_eq!(status, 200, "{body}");
    let r: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(r["stored"], 1, "{r}");
    assert_eq!(stop(child), 0);
    // The same store `dateline ingest` writes, analysed by the same stages.
    let run = env.run(&["--json", "articles"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let id = run.json_lines()[0]["id"].as_str().unwrap().to_string();
    let show = env.run(&["--json", "show", &id]);
    let stages = show.json()["analysis"]["stages"].as_array().unwrap().len();
    assert_eq!(
        stages as u64,
        r["pipeline"].as_array().unwrap().len() as u64
    );
}

#[test]
fn serve_needs_a_store_or_a_token() {
    let env = Env::new();
    let run = env.run(&["serve", "--addr", "127.0.0.1:0"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no store"), "{}", run.stderr);
    let run = env.run(&["serve", "--addr", "not-an-address"]);
    assert_eq!(run.code, 2);
}
