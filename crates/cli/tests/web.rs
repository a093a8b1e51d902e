//! WARC archives through `dateline ingest`: pages become articles, other records are counted.
use crate::util::*;

fn record(kind: &str, uri: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-04-02T10:00:00Z\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

const PAGE: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><title>Port strike ends</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>Port strike ends</h1><p>Dock workers in the northern port returned to work on Wednesday after a four-day strike over pay, the union said in a statement.</p><p>The port authority said ships delayed by the strike would be handled by the weekend, and that no cargo had been lost.</p><p>Talks on a new contract will resume next month, both sides said.</p><p>The strike had halted container traffic at three terminals and left dozens of lorries queuing on the approach roads, where drivers waited for days without facilities.</p><p>Exporters of fruit and machinery said the stoppage had cost them orders, and a shipping line diverted two vessels to a port further south while the dispute lasted.</p></article><footer>Contact us</footer></body></html>";

#[test]
fn warc_pages_are_ingested_and_other_records_counted() {
    let env = Env::new();
    let mut w = record("warcinfo", "", b"software: test\r\n");
    w.extend(record(
        "request",
        "https://news.example/port",
        b"GET /port HTTP/1.1\r\n\r\n",
    ));
    w.extend(record(
        "response",
        "https://news.example/port",
        PAGE.as_bytes(),
    ));
    w.extend(record(
        "metadata",
        "https://news.example/port",
        b"fetchTimeMs: 12\r\n",
    ));
    let f = env.write("crawl.warc", w);
    let r = env.run(&["--json", "ingest", f.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let sum = r.json();
    assert_eq!(sum["ingested"], 1);
    assert_eq!(sum["failed"], 0);
    let notes = sum["warning_list"].as_array().unwrap();
    assert!(
        notes
            .iter()
            .any(|n| n["code"] == "I013" && n["message"].as_str().unwrap().contains("skipped 3")),
        "{notes:#?}"
    );
    let list = env.run(&["--json", "articles"]).json_lines();
    assert_eq!(list[0]["headline"], "Port strike ends");
}
