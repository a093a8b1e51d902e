//! RSS/Atom feeds: items become articles, and a feed item and the page it links to are one
//! article in the store.
use crate::util::*;

const CANONICAL: &str = "https://courier.example/world/river-treaty";

const PROSE: [&str; 3] = [
    "The river commission met on Tuesday in the border town of Lume, where delegates from both countries signed an agreement that ends a decade of disputes over the shared waters.",
    "Under the deal, each side will release an agreed share of the spring flood, and a joint panel of engineers will measure the flow at three stations, publishing the figures every week.",
    "Farmers downstream, who lost much of last year's harvest to drought, welcomed the news, though several said they would wait to see whether the promised water actually arrives.",
];

/// The article page: its canonical URL is the source key.
fn page() -> String {
    format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>River treaty signed | The Courier</title>
<link rel="canonical" href="{CANONICAL}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2025-03-04T10:30:00+01:00">
</head><body><nav><a href="/">Home</a></nav>
<article><h1>River treaty signed</h1><p>{}</p><p>{}</p><p>{}</p></article>
<footer>The Courier</footer></body></html>"#,
        PROSE[0], PROSE[1], PROSE[2]
    )
}

/// A feed with the same story (summary only, tracking parameters on the link) and another.
fn feed() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Courier</title><link>https://courier.example/</link>
<item><title>River treaty signed</title>
<link>{CANONICAL}?utm_source=rss&amp;utm_medium=feed</link>
<pubDate>Tue, 04 Mar 2025 10:30:00 +0100</pubDate>
<description><![CDATA[<p>{}</p>]]></description></item>
<item><title>Bridge reopens &amp; traffic returns</title>
<link>https://courier.example/city/bridge</link>
<pubDate>Wed, 05 Mar 2025 08:00:00 GMT</pubDate>
<category>City</category>
<content:encoded><![CDATA[<p>The old bridge over the Lume reopened on Wednesday after two years of repairs.</p>]]></content:encoded></item>
</channel></rss>"#,
        PROSE[0]
    )
}

#[test]
fn feed_items_are_articles_and_the_linked_page_is_the_same_article() {
    let env = Env::new();
    let f = env.write("in/a-feed.xml", feed());
    let p = env.write("in/b-page.html", page());

    let r = env.run(&["--json", "ingest", f.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["ingested"], 2, "{}", r.stdout);
    let rows = env.run(&["--json", "articles"]).json_lines();
    let bridge = rows
        .iter()
        .find(|r| r["headline"] == "Bridge reopens & traffic returns")
        .expect("the second item, its entity decoded");
    assert_eq!(bridge["published"], "2025-03-05");
    assert_eq!(bridge["section"], "City");

    // The page the first item links to: the same article, not a second one.
    let r = env.run(&["--json", "ingest", p.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["ingested"], 0, "{}", r.stdout);
    assert_eq!(r.json()["duplicates"], 1, "{}", r.stdout);
    let rows = env.run(&["--json", "articles"]).json_lines();
    assert_eq!(rows.len(), 2);
    let treaty: Vec<_> = rows
        .iter()
        .filter(|r| r["headline"] == "River treaty signed")
        .collect();
    assert_eq!(treaty.len(), 1);
    let id = treaty[0]["id"].as_str().unwrap();
    let show = env.run(&["--json", "show", id]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    assert_eq!(show.json()["source"], CANONICAL, "{}", show.stdout);

    // Both at once, page first, in a fresh store: still one treaty article.
    let env2 = Env::new();
    let dir = env2.write("in/a-page.html", page());
    env2.write("in/b-feed.xml", feed());
    let r = env2.run(&["--json", "ingest", dir.parent().unwrap().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["ingested"], 2, "{}", r.stdout);
    assert_eq!(r.json()["duplicates"], 1, "{}", r.stdout);
    let rows = env2.run(&["--json", "articles"]).json_lines();
    assert_eq!(rows.len(), 2);
}

#[test]
fn a_feed_without_items_is_reported() {
    let env = Env::new();
    let f = env.write(
        "empty.xml",
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>"#,
    );
    let r = env.run(&["ingest", f.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("I012"), "{}", r.stderr);
}
