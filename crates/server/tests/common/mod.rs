//! Shared helpers of the server tests: the default pipeline (wired as the binary wires it),
//! a store of the bundled examples plus a hostile article, requests through the service, and
//! a tiny HTTP/1.1 client for tests that use a real port.
#![allow(dead_code)]
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use dateline_pipeline::Pipeline;
use dateline_server::Config;
use serde_json::Value;
use tower::ServiceExt;

/// sentences → POS → entities → time → quotes → events, as `dateline ingest` runs them.
pub fn pipeline() -> Arc<Pipeline> {
    static P: OnceLock<Arc<Pipeline>> = OnceLock::new();
    P.get_or_init(|| {
        Arc::new(
            Pipeline::new(vec![
                Box::new(dateline_text::SentenceStage::new()),
                Box::new(dateline_text::PosStage::new()),
                Box::new(dateline_entities::EntityStage::new()),
                Box::new(dateline_time::TimeStage::new()),
                Box::new(dateline_quotes::QuoteStage::new()),
                Box::new(dateline_events::EventStage::new()),
            ])
            .unwrap(),
        )
    })
    .clone()
}

/// An article whose text and headline carry markup that must never run or render.
pub const HOSTILE_JSONL: &str = concat!(
    r#"{"id": "xss-1", "headline": "Ministers meet <script>window.__xss = 1</script>", "#,
    r#""published": "2025-04-02", "section": "world", "source": "Test Wire", "#,
    r#""text": "LONDON, April 2 (Reuters) - Britain's foreign minister met her French counterpart "#,
    r#"in Paris on Wednesday. <img src=x onerror=\"window.__xss = 2\"> The two ministers "#,
    r#"discussed trade. <script>window.__xss = 3</script> \"We agreed on a plan,\" she said."}"#,
    "\n"
);

/// A data dir holding the bundled examples and [`HOSTILE_JSONL`], built once per test binary.
pub fn shared_store() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        fill(dir.path());
        dir
    })
    .path()
}

/// Ingests the examples and the hostile article into `dir`.
pub fn fill(dir: &Path) {
    let p = pipeline();
    let reports = dateline_server::demo::ingest_examples(dir, &p).unwrap();
    assert!(reports.iter().all(|r| r.failed == 0), "{reports:#?}");
    let mut store = dateline_store::Store::open(dir).unwrap();
    let r =
        dateline_server::ingest_bytes(&mut store, &p, "hostile.jsonl", HOSTILE_JSONL.as_bytes())
            .unwrap();
    assert_eq!(r.stored + r.duplicates, 1, "{r:#?}");
}

/// The id of the hostile article.
pub fn hostile_id(dir: &Path) -> String {
    let store = dateline_store::Store::open(dir).unwrap();
    let list = store
        .articles(&dateline_store::ArticleFilter {
            contains: Some("window.__xss".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(list.len(), 1);
    list[0].id.clone()
}

/// A read-only service over the shared store.
pub fn read_app() -> Router {
    app_with(|_| {})
}

/// A service over the shared store with a changed configuration.
pub fn app_with(change: impl FnOnce(&mut Config)) -> Router {
    let mut config = Config::new(shared_store().to_path_buf());
    config.pipeline = Some(pipeline());
    change(&mut config);
    dateline_server::app(config).unwrap()
}

/// A service over a fresh copy of the examples (for tests that write).
pub fn fresh_app(change: impl FnOnce(&mut Config)) -> (tempfile::TempDir, Router) {
    let dir = tempfile::tempdir().unwrap();
    fill(dir.path());
    let mut config = Config::new(dir.path().to_path_buf());
    config.pipeline = Some(pipeline());
    change(&mut config);
    let app = dateline_server::app(config).unwrap();
    (dir, app)
}

/// One answer: status, headers and the body (as JSON when it is JSON, else `Value::Null`)
/// with the raw text.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub json: Value,
    pub text: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `error` message of an error answer.
    pub fn error(&self) -> &str {
        self.json["error"]
            .as_str()
            .unwrap_or_else(|| panic!("no error message in {}: {}", self.status, self.text))
    }
}

pub async fn send(app: &Router, req: Request<Body>) -> Answer {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        json,
        text,
    }
}

pub async fn get(app: &Router, uri: &str) -> Answer {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// GET that must answer 200.
pub async fn ok(app: &Router, uri: &str) -> Value {
    let a = get(app, uri).await;
    assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.text);
    a.json
}

/// GET that must answer 400 with a message naming `param`.
pub async fn bad(app: &Router, uri: &str, param: &str) {
    let a = get(app, uri).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{uri}: {}", a.text);
    assert!(
        a.error().contains(&format!("`{param}`")),
        "{uri}: the message should name `{param}`: {}",
        a.error()
    );
}

/// The text at char offsets `[start, end)`.
pub fn chars(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

/// The workspace's target dir (for test artifacts).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"))
}

// ---------- a tiny HTTP/1.1 client (real ports: the served app, chromedriver) ----------

/// Sends one request with `Connection: close` and returns the status and body.
pub fn http(
    method: &str,
    addr: SocketAddr,
    path: &str,
    body: Option<&str>,
) -> std::io::Result<(u16, String)> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    s.set_read_timeout(Some(Duration::from_secs(60)))?;
    let body = body.unwrap_or("");
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes())?;
    s.write_all(body.as_bytes())?;
    // Read the head, then exactly the body: some servers (chromedriver) keep the connection
    // open whatever the request says, so reading to EOF would wait for the read timeout.
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    let split = loop {
        if let Some(p) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break p;
        }
        let n = s.read(&mut buf)?;
        if n == 0 {
            return Err(std::io::Error::other(
                "connection closed before the head ended",
            ));
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut rest = raw[split + 4..].to_vec();
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line: {head}")))?;
    let lower = head.to_ascii_lowercase();
    let length = lower.lines().find_map(|l| {
        l.strip_prefix("content-length:")
            .and_then(|v| v.trim().parse::<usize>().ok())
    });
    if method == "HEAD" || status == 204 || status == 304 {
        rest.clear();
    } else if let Some(n) = length {
        while rest.len() < n {
            let k = s.read(&mut buf)?;
            if k == 0 {
                break;
            }
            rest.extend_from_slice(&buf[..k]);
        }
        rest.truncate(n);
    } else if lower.contains("transfer-encoding: chunked") {
        while !rest.ends_with(b"0\r\n\r\n") {
            let k = s.read(&mut buf)?;
            if k == 0 {
                break;
            }
            rest.extend_from_slice(&buf[..k]);
        }
        rest = dechunk(&rest);
    } else {
        s.read_to_end(&mut rest)?;
    }
    Ok((status, String::from_utf8_lossy(&rest).into_owned()))
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(nl) = b.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&b[..nl]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .unwrap_or(0);
        b = &b[nl + 2..];
        if size == 0 || size > b.len() {
            break;
        }
        out.extend_from_slice(&b[..size]);
        b = &b[(size + 2).min(b.len())..];
    }
    out
}

/// Decodes standard base64 (WebDriver screenshots).
pub fn base64_decode(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}
