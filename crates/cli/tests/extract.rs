//! `dateline extract`: what the HTML reader sees in one page.
use std::io::Write;

use crate::util::*;

const PAGE: &str = r##"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Harbour reopens | Gazette</title>
<link rel="canonical" href="https://gazette.example/harbour-reopens">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour reopens after storm",
"datePublished":"2025-01-10T07:00:00Z","author":{"@type":"Person","name":"Sam Reed"},"articleSection":"Business"}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/business">Business</a></nav>
<article><h1>Harbour reopens after storm</h1>
<p>The harbour of the old town reopened on Friday, a week after the storm that sank three fishing boats and flooded the quays.</p>
<h2>Repairs</h2>
<p>Engineers said the sea wall held, but the cranes of the container terminal will need new motors, which could take a month.</p>
<div class="share"><a href="#">Share</a></div>
</article>
<footer>Copyright Gazette</footer></body></html>"##;

#[test]
fn extract_json_gives_fields_and_body_text() {
    let env = Env::new();
    let file = env.write("page.html", PAGE);
    let r = env.run(&["extract", file.to_str().unwrap(), "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    assert_eq!(v["headline"], "Harbour reopens after storm");
    assert_eq!(v["published"], "2025-01-10");
    assert_eq!(v["byline"], "Sam Reed");
    assert_eq!(v["section"], "Business");
    assert_eq!(v["source"], "https://gazette.example/harbour-reopens");
    assert_eq!(v["reader"], "html/1");
    assert_eq!(v["crossheads"][0], "Repairs");
    let text = v["text"].as_str().unwrap();
    assert!(
        text.starts_with("The harbour of the old town reopened"),
        "{text}"
    );
    assert!(
        text.contains("quays.\n\nRepairs\n\nEngineers said"),
        "{text}"
    );
    for junk in ["Home", "Share", "Copyright"] {
        assert!(!text.contains(junk), "{junk} in {text}");
    }

    // Gzip is sniffed like everything else and gives the same article.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(PAGE.as_bytes()).unwrap();
    let gzfile = env.write("page.html.gz", gz.finish().unwrap());
    let r2 = env.run(&["--json", "extract", gzfile.to_str().unwrap()]);
    assert_eq!(r2.code, 0, "{}", r2.stderr);
    assert_eq!(r2.json()["id"], v["id"]);

    // The plain view.
    let r3 = env.run(&["extract", file.to_str().unwrap()]);
    assert_eq!(r3.code, 0);
    assert!(r3
        .stdout
        .contains("headline    Harbour reopens after storm"));
    assert!(r3.stdout.contains("## Repairs"));
}

#[test]
fn extract_reports_a_page_without_article() {
    let env = Env::new();
    let file = env.write(
        "404.html",
        "<html><body><h1>Not found</h1><p>Sorry.</p></body></html>",
    );
    let r = env.run(&["--json", "extract", file.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("[I009]"), "{}", r.stderr);
    assert!(r.stdout.trim().is_empty());
}
