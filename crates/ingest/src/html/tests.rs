use super::*;

const PROSE: &[&str] = &[
    "The river commission met on Tuesday in the border town of Lume, where delegates from both countries signed an agreement that ends a decade of disputes over the shared waters.",
    "Under the deal, each side will release an agreed share of the spring flood, and a joint panel of engineers will measure the flow at three stations, publishing the figures every week.",
    "Farmers downstream, who lost much of last year's harvest to drought, welcomed the news, though several said they would wait to see whether the promised water actually arrives.",
    "The agreement still has to be ratified by both parliaments, a step officials expect to take until the autumn, after the summer recess and a round of regional consultations.",
];

fn page(body: &str, head: &str) -> String {
    format!("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">{head}</head><body>{body}</body></html>")
}

fn read(html: &[u8]) -> Item {
    read_html("page.html", html, &PageHints::default())
}

fn article(html: &[u8]) -> (Article, Vec<Diagnostic>) {
    match read(html) {
        Item::Article(a, w) => (*a, w),
        Item::Failed(d) | Item::Note(d) => panic!("not read: {d}"),
    }
}

fn body(a: &Article) -> String {
    a.zones
        .iter()
        .filter(|z| z.kind.is_body())
        .map(|z| a.slice(z.span))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn story_page() -> String {
    let head = r#"<title>River treaty signed | The Courier</title>
<link rel="canonical" href="https://courier.example/world/river-treaty">
<meta property="og:title" content="River treaty signed - The Courier">
<meta property="og:type" content="article">
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[
  {"@type":"WebSite","name":"The Courier"},
  {"@type":["NewsArticle"],"headline":"River treaty signed after decade of talks",
   "datePublished":"2025-03-01T09:30:00+01:00","articleSection":"World",
   "description":"Two neighbours agree to share the waters of the Lume.",
   "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"Ali Khan"}]}
]}
</script>"#;
    let body = format!(
        r##"<header class="site-header"><a href="/">The Courier</a><nav><ul><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="share-bar"><a href="#">Share on X</a> <a href="#">Share by email</a></div>
<main><article class="story">
  <h1>River treaty signed after decade of talks</h1>
  <p class="byline">By Jane Doe and Ali Khan</p>
  <figure><img src="a.jpg"><figcaption>Delegates at the signing in Lume.</figcaption></figure>
  <div class="story-body">
    <p>{}</p>
    <p>{}</p>
    <div class="ad-slot advert">Advertisement</div>
    <h2>Waiting for water</h2>
    <p>{}</p>
    <p>{} <a href="/more">Read the full text</a>.</p>
  </div>
  <aside class="related"><h3>Related</h3><ul><li><a href="/a">Dam opens on the upper river</a></li><li><a href="/b">Drought hits farmers</a></li></ul></aside>
  <section id="comments" class="comments"><p>Great news, finally a deal that works for everyone involved in this long dispute!</p></section>
</article></main>
<footer><p>Copyright 2025 The Courier. All rights reserved. Terms of use and privacy policy apply.</p></footer>"##,
        PROSE[0], PROSE[1], PROSE[2], PROSE[3]
    );
    page(&body, head)
}

#[test]
fn extracts_the_article_without_boilerplate() {
    let (a, warnings) = article(story_page().as_bytes());
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(a.origin.reader, READER);
    assert_eq!(
        a.headline(),
        Some("River treaty signed after decade of talks")
    );
    assert_eq!(
        a.standfirst(),
        Some("Two neighbours agree to share the waters of the Lume.")
    );
    assert_eq!(a.published.as_deref(), Some("2025-03-01"));
    assert_eq!(a.published_time.as_deref(), Some("09:30:00"));
    assert_eq!(a.timezone.as_deref(), Some("+01:00"));
    assert_eq!(a.section.as_deref(), Some("World"));
    assert_eq!(a.byline.as_deref(), Some("Jane Doe, Ali Khan"));
    assert_eq!(a.language, "en");
    assert_eq!(
        a.source.as_deref(),
        Some("https://courier.example/world/river-treaty")
    );
    assert_eq!(
        a.id,
        dateline_model::ArticleId::compute(a.source.as_deref(), &a.text)
    );
    let caps: Vec<String> = a.captions().into_iter().map(|c| c.text).collect();
    assert_eq!(caps, ["Delegates at the signing in Lume."]);
    assert_eq!(a.crossheads().collect::<Vec<_>>(), ["Waiting for water"]);
    let paras: Vec<&str> = a.paragraphs().collect();
    assert_eq!(paras.len(), 4, "{paras:#?}");
    assert_eq!(paras[0], PROSE[0]);
    assert!(paras[3].ends_with("Read the full text."), "{}", paras[3]);
    for junk in [
        "Share on X",
        "Advertisement",
        "Dam opens",
        "Great news",
        "Copyright",
        "Sport",
        "By Jane Doe",
    ] {
        assert!(!a.text.contains(junk), "{junk} kept:\n{}", a.text);
    }
    // Headline, standfirst, caption, then the body, in that order.
    assert!(a
        .text
        .starts_with("River treaty signed after decade of talks\n\nTwo neighbours"));
    let b = body(&a);
    assert!(b.starts_with(PROSE[0]));
    assert!(b.contains("\n\nWaiting for water\n\n"));
}

#[test]
fn opengraph_and_meta_when_there_is_no_json_ld() {
    let head = r#"<title>Quiet harbour | Gazette</title>
<meta property="og:url" content="https://gazette.example/harbour">
<meta property="og:title" content="Quiet harbour reopens">
<meta name="description" content="The port is open again.">
<meta property="article:published_time" content="2024-11-19T08:00:00Z">
<meta property="article:section" content="Business">
<meta name="author" content="Sam Reed">"#;
    let body = format!(
        "<div id=\"content\"><p>{}</p><p>{}</p></div>",
        PROSE[0], PROSE[1]
    );
    let (a, _) = article(page(&body, head).as_bytes());
    assert_eq!(a.headline(), Some("Quiet harbour reopens"));
    assert_eq!(a.standfirst(), Some("The port is open again."));
    assert_eq!(a.published.as_deref(), Some("2024-11-19"));
    assert_eq!(a.timezone.as_deref(), Some("Z"));
    assert_eq!(a.section.as_deref(), Some("Business"));
    assert_eq!(a.byline.as_deref(), Some("Sam Reed"));
    assert_eq!(a.source.as_deref(), Some("https://gazette.example/harbour"));
    assert_eq!(a.paragraphs().count(), 2);
}

#[test]
fn time_element_and_title_are_fallbacks() {
    let body = format!(
        "<article><time datetime=\"2023-05-04\">4 May</time><p>{}</p><p>{}</p></article>",
        PROSE[2], PROSE[3]
    );
    let (a, _) = article(page(&body, "<title>Farm news</title>").as_bytes());
    assert_eq!(a.headline(), Some("Farm news"));
    assert_eq!(a.published.as_deref(), Some("2023-05-04"));
    assert_eq!(a.source, None);
}

#[test]
fn charsets() {
    let text = format!("<p>{}</p><p>{}</p>", PROSE[0], PROSE[1]);
    // Declared windows-1252: curly quotes and é.
    let mut bytes = b"<html><head><meta charset=\"windows-1252\"></head><body><p>\x93Caf\xe9\x94 owners cheered the news from the river commission, saying the summer trade depends on it.</p>".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    let (a, w) = article(&bytes);
    assert!(w.is_empty());
    assert!(
        a.text.contains("\u{201c}Caf\u{e9}\u{201d} owners"),
        "{}",
        a.text
    );

    // http-equiv latin-1.
    let mut bytes = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>Le caf\xe9 du port a rouvert ses portes mardi, apr\xe8s des mois de travaux sur les quais de la ville.</p>".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    let (a, _) = article(&bytes);
    assert!(a.text.contains("Le café du port"), "{}", a.text);

    // Declared latin-1 but really UTF-8: read as UTF-8.
    let s = format!("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Київ café news travelled fast along the river, where traders had waited for months.</p>{text}");
    let (a, _) = article(s.as_bytes());
    assert!(a.text.contains("Київ café"), "{}", a.text);

    // No declaration, invalid UTF-8: Windows-1252 for the bad bytes, with a warning.
    let mut bytes = b"<html><body><p>Caf\xe9 owners cheered the news from the river commission, saying the summer trade depends on it.</p>".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    let (a, w) = article(&bytes);
    assert!(a.text.contains("Café owners"));
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].code, codes::NOT_UTF8);

    // A UTF-8 BOM wins over a wrong declaration.
    let s = format!("\u{feff}<html><head><meta charset=\"windows-1252\"></head><body><p>Café society returned to the old harbour this week, as the ferries resumed.</p>{text}");
    let (a, _) = article(s.as_bytes());
    assert!(a.text.contains("Café society"), "{}", a.text);

    // The container's charset (an HTTP header) is used when the page says nothing.
    let mut bytes = b"<html><body><p>Caf\xe9 owners cheered the news from the river commission, saying the summer trade depends on it.</p>".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    let hints = PageHints {
        charset: Some("latin1".into()),
        ..PageHints::default()
    };
    let Item::Article(a, w) = read_html("p", &bytes, &hints) else {
        panic!()
    };
    assert!(w.is_empty());
    assert!(a.text.contains("Café owners"));
}

#[test]
fn section_fronts_and_error_pages_are_not_articles() {
    let mut cards = String::new();
    for i in 0..12 {
        cards.push_str(&format!(
            "<div class=\"card\"><h2><a href=\"/story/{i}\">Story number {i} makes the news</a></h2><p>A short teaser for story {i}.</p></div>"
        ));
    }
    let front = page(
        &format!("<main><h1>World</h1>{cards}</main>"),
        "<title>World news</title>",
    );
    let Item::Failed(d) = read(front.as_bytes()) else {
        panic!("section front read as an article")
    };
    assert_eq!(d.code, codes::NO_ARTICLE);
    assert_eq!(d.file.as_deref(), Some("page.html"));

    let e404 = page(
        "<h1>Page not found</h1><p>Sorry, we could not find that page.</p><p><a href=\"/\">Home</a></p>",
        "<title>404</title>",
    );
    let Item::Failed(d) = read(e404.as_bytes()) else {
        panic!("404 read as an article")
    };
    assert_eq!(d.code, codes::NO_ARTICLE);

    let Item::Failed(d) = read(b"<html><body></body></html>") else {
        panic!()
    };
    assert_eq!(d.code, codes::NO_ARTICLE);
}

#[test]
fn deep_nesting_does_not_crash_or_hang() {
    let depth = 10_000;
    let mut s = String::from("<html><body>");
    for _ in 0..depth {
        s.push_str("<div>");
    }
    for p in PROSE {
        s.push_str(&format!("<p>{p}</p>"));
    }
    for _ in 0..depth {
        s.push_str("</div>");
    }
    s.push_str("</body></html>");
    // Run on a small stack: any recursion over the depth would overflow it.
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || match read(s.as_bytes()) {
            Item::Article(a, _) => a.paragraphs().count(),
            Item::Failed(_) | Item::Note(_) => 0,
        })
        .unwrap();
    assert_eq!(handle.join().unwrap(), 4);

    // Unclosed inline elements, nested without end.
    let mut s = String::from("<html><body><p>");
    s.push_str(&"<b><i><span>".repeat(depth));
    s.push_str(PROSE[0]);
    let _ = read(s.as_bytes());
}

#[test]
fn malformed_markup_still_reads() {
    let s = format!(
        "<html><body><div id=main><p>{}<p>{}</div></div></span><p class=\"x>{}<table><p>{}</td></body>",
        PROSE[0], PROSE[1], PROSE[2], PROSE[3]
    );
    let (a, _) = article(s.as_bytes());
    assert!(a.text.contains(PROSE[0]));
    assert!(a.text.contains(PROSE[1]));
    for junk in ["<", "</"] {
        assert!(!body(&a).contains(junk));
    }
    // Markup fragments and garbage never panic.
    for bytes in [
        &b"<"[..],
        b"<p",
        b"<html><body><!-- unterminated",
        b"<script>never closed",
        b"</p></p></div>",
        b"<p>\x00\x01</p>",
    ] {
        let _ = read(bytes);
    }
}

#[test]
fn big_pages_are_read() {
    // Many paragraphs of boilerplate around one article: linear time.
    let mut s = String::from("<html><body>");
    for i in 0..5_000 {
        s.push_str(&format!(
            "<div class=\"promo\"><a href=\"/{i}\">Promo link number {i} goes here</a></div>"
        ));
    }
    s.push_str("<article>");
    for p in PROSE.iter().cycle().take(200) {
        s.push_str(&format!("<p>{p}</p>"));
    }
    s.push_str("</article></body></html>");
    assert!(s.len() > 300_000);
    let (a, _) = article(s.as_bytes());
    assert_eq!(a.paragraphs().count(), 200);
    assert!(!a.text.contains("Promo link"));
}

#[test]
fn dispatched_by_content_including_gzip() {
    use std::io::Write;
    let html = story_page();
    let mut items = Vec::new();
    crate::read_bytes(
        "a.html",
        html.as_bytes(),
        &ReadOptions::default(),
        &mut |i| items.push(i),
    );
    assert_eq!(items.len(), 1);
    let a = items[0].article().expect("article");
    assert_eq!(a.origin.reader, READER);
    assert_eq!(a.origin.path.as_deref(), Some("a.html"));
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(html.as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    let mut items2 = Vec::new();
    crate::read_bytes("a.html.gz", &gz, &ReadOptions::default(), &mut |i| {
        items2.push(i)
    });
    assert_eq!(items2[0].article().map(|a| &a.id), Some(&a.id));

    // Too large for max_record_bytes.
    let opts = ReadOptions {
        max_record_bytes: 100,
    };
    let mut items3 = Vec::new();
    crate::read_bytes("a.html", html.as_bytes(), &opts, &mut |i| items3.push(i));
    assert_eq!(
        items3[0].failure().map(|d| d.code.as_str()),
        Some(codes::TOO_LARGE)
    );
}

#[test]
fn prescan_finds_declared_charsets() {
    assert_eq!(
        prescan_charset(b"<meta charset='windows-1251'>").map(|e| e.name()),
        Some("windows-1251")
    );
    assert_eq!(
        prescan_charset(b"<META HTTP-EQUIV=content-type CONTENT=\"text/html;charset=utf-16\">"),
        Some(UTF_8)
    );
    assert_eq!(prescan_charset(b"<meta name=x content=y>"), None);
}
