use super::*;
use dateline_model::{Severity, TextIndex};

fn read(bytes: &[u8]) -> Vec<Item> {
    let mut items = Vec::new();
    read_feed("feed.xml", bytes, &mut |i| items.push(i));
    items
}

fn articles(items: &[Item]) -> Vec<&Article> {
    items.iter().filter_map(Item::article).collect()
}

fn body(a: &Article) -> Vec<&str> {
    a.zones
        .iter()
        .filter(|z| z.kind.is_body())
        .map(|z| a.slice(z.span))
        .collect()
}

fn check(a: &Article) {
    let ix = TextIndex::new(&a.text);
    for z in &a.zones {
        assert!(z.span.end <= ix.len_chars() && z.span.start < z.span.end);
        let t = ix.slice(&a.text, z.span);
        assert_eq!(t, t.trim());
    }
    assert_eq!(
        a.id,
        dateline_model::ArticleId::compute(a.source.as_deref(), &a.text)
    );
}

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  <title>The Valmora Courier</title>
  <link>https://courier.example/</link>
  <language>en-gb</language>
  <image><title>Courier logo</title><url>https://courier.example/logo.png</url></image>
  <item>
    <title>Floods &amp; storms: Lume river &lt;rises&gt; again</title>
    <link>https://courier.example/world/lume-floods?utm_source=rss&amp;utm_medium=feed#top</link>
    <guid isPermaLink="false">courier-1042</guid>
    <pubDate>Tue, 04 Mar 2025 10:30:00 +0100</pubDate>
    <dc:creator>Mara Ostrova</dc:creator>
    <category>World</category>
    <category>Weather</category>
    <media:title>Not the headline</media:title>
    <description><![CDATA[<p>The Lume rose a metre overnight.</p>]]></description>
    <content:encoded><![CDATA[
      <p>The Lume rose a metre overnight, flooding the lower town for the second time this year.</p>
      <h2>Evacuations</h2>
      <p>About 300 residents left their homes, the mayor&rsquo;s office said on Tuesday.</p>
      <figure><img src="x.jpg"><figcaption>Sandbags on the quay.</figcaption></figure>
      <script>track()</script>
      <p><a href="https://courier.example/world/lume-floods">Continue reading</a></p>
    ]]></content:encoded>
  </item>
  <item>
    <title>Bridge reopens</title>
    <link>/city/bridge-reopens</link>
    <author>desk@courier.example (Ilan Petrov)</author>
    <pubDate>5 Mar 2025 08:00 GMT</pubDate>
    <description>&lt;p&gt;The old bridge reopened after repairs.&lt;/p&gt;&lt;p&gt;Traffic is light.&lt;/p&gt;</description>
  </item>
</channel>
</rss>"#;

#[test]
fn rss_with_content_encoded_in_cdata() {
    let items = read(RSS.as_bytes());
    assert_eq!(items.len(), 2, "{items:#?}");
    let a = articles(&items)[0];
    check(a);
    assert_eq!(
        a.headline(),
        Some("Floods & storms: Lume river <rises> again")
    );
    assert_eq!(
        a.source.as_deref(),
        Some("https://courier.example/world/lume-floods")
    );
    assert_eq!(a.origin.url, a.source);
    assert_eq!(a.origin.reader, READER);
    assert_eq!(a.origin.external_id.as_deref(), Some("courier-1042"));
    assert_eq!(a.origin.line, Some(9));
    assert_eq!(a.published.as_deref(), Some("2025-03-04"));
    assert_eq!(a.published_time.as_deref(), Some("10:30:00"));
    assert_eq!(a.timezone.as_deref(), Some("+01:00"));
    assert_eq!(a.byline.as_deref(), Some("Mara Ostrova"));
    assert_eq!(a.section.as_deref(), Some("World"));
    assert_eq!(a.language, "en");
    // The description opens the content: no standfirst.
    assert_eq!(a.standfirst(), None);
    assert_eq!(
        body(a),
        [
            "The Lume rose a metre overnight, flooding the lower town for the second time this year.",
            "Evacuations",
            "About 300 residents left their homes, the mayor\u{2019}s office said on Tuesday.",
        ]
    );
    assert_eq!(a.crossheads().collect::<Vec<_>>(), ["Evacuations"]);
    assert_eq!(a.captions()[0].text, "Sandbags on the quay.");
    assert!(!a.text.contains("track()") && !a.text.contains("Continue reading"));

    let b = articles(&items)[1];
    check(b);
    assert_eq!(b.headline(), Some("Bridge reopens"));
    assert_eq!(
        b.source.as_deref(),
        Some("https://courier.example/city/bridge-reopens"),
        "relative link resolved against the channel link"
    );
    assert_eq!(
        body(b),
        [
            "The old bridge reopened after repairs.",
            "Traffic is light."
        ]
    );
    assert_eq!(b.byline.as_deref(), Some("Ilan Petrov"));
    assert_eq!(
        (b.published.as_deref(), b.timezone.as_deref()),
        (Some("2025-03-05"), Some("Z"))
    );
}

#[test]
fn atom_with_xhtml_and_html_content() {
    let feed = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr-FR">
  <title type="text">Le Courrier</title>
  <link rel="self" href="https://courrier.example/atom.xml"/>
  <link href="https://courrier.example/"/>
  <entry>
    <title type="html">Accord &lt;em&gt;historique&lt;/em&gt; sur la Lume</title>
    <link rel="enclosure" href="https://courrier.example/photo.jpg"/>
    <link rel="alternate" type="text/html" href="https://courrier.example/monde/accord"/>
    <id>tag:courrier.example,2025:accord</id>
    <updated>2025-03-02T09:00:00Z</updated>
    <published>2025-03-01T18:45:00+01:00</published>
    <author><name>Jeanne Morel</name><email>jm@courrier.example</email></author>
    <category term="monde" label="Monde"/>
    <summary>Les deux pays partageront les eaux du fleuve.</summary>
    <content type="xhtml">
      <div xmlns="http://www.w3.org/1999/xhtml">
        <p>Les d&#233;l&#233;gations ont sign&#233; l'accord mardi &amp; mercredi.</p>
        <p>Le texte doit encore <strong>&#234;tre ratifi&#233;</strong> par les parlements.</p>
      </div>
    </content>
  </entry>
  <entry xml:lang="en">
    <title>Second entry</title>
    <link href="https://courrier.example/en/second"/>
    <updated>2025-03-03T07:00:00Z</updated>
    <content type="html">&lt;p&gt;First &amp;amp; only paragraph.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Plain text entry</title>
    <id>urn:x:3</id>
    <content>One paragraph.

Another paragraph
wrapped on two lines.</content>
  </entry>
</feed>"#;
    let items = read(feed.as_bytes());
    let arts = articles(&items);
    assert_eq!(arts.len(), 3, "{items:#?}");
    let a = arts[0];
    check(a);
    assert_eq!(a.headline(), Some("Accord historique sur la Lume"));
    assert_eq!(
        a.source.as_deref(),
        Some("https://courrier.example/monde/accord")
    );
    assert_eq!(a.published.as_deref(), Some("2025-03-01"));
    assert_eq!(a.published_time.as_deref(), Some("18:45:00"));
    assert_eq!(a.byline.as_deref(), Some("Jeanne Morel"));
    assert_eq!(a.section.as_deref(), Some("Monde"));
    assert_eq!(a.language, "fr");
    assert_eq!(
        a.standfirst(),
        Some("Les deux pays partageront les eaux du fleuve.")
    );
    assert_eq!(
        body(a),
        [
            "Les délégations ont signé l'accord mardi & mercredi.",
            "Le texte doit encore être ratifié par les parlements.",
        ]
    );
    assert_eq!(
        a.origin.external_id.as_deref(),
        Some("tag:courrier.example,2025:accord")
    );

    let b = arts[1];
    assert_eq!(body(b), ["First & only paragraph."]);
    assert_eq!(b.language, "en");
    assert_eq!(b.published.as_deref(), Some("2025-03-03"), "from updated");

    let c = arts[2];
    assert_eq!(
        body(c),
        ["One paragraph.", "Another paragraph wrapped on two lines."]
    );
    assert_eq!(
        c.source.as_deref(),
        Some("Le Courrier"),
        "no link: publisher"
    );
    assert_eq!(c.origin.url, None);
}

#[test]
fn broken_date_is_a_warning_not_a_failure() {
    let feed = r#"<rss version="2.0"><channel><title>T</title>
<item><title>Dated badly</title><link>https://t.example/a</link>
<pubDate>Someday in March</pubDate>
<description>The council met on Tuesday.</description></item>
<item><title>Impossible date</title><link>https://t.example/b</link>
<pubDate>Mon, 31 Feb 2025 10:00:00 GMT</pubDate>
<description>The council met again.</description></item>
</channel></rss>"#;
    let items = read(feed.as_bytes());
    assert_eq!(items.len(), 2);
    for (i, item) in items.iter().enumerate() {
        let Item::Article(a, w) = item else {
            panic!("{item:?}")
        };
        assert_eq!(a.published, None);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].code, codes::BAD_DATE);
        assert_eq!(w[0].severity, Severity::Warning);
        assert_eq!(w[0].line, Some([2, 5][i]));
    }
}

#[test]
fn entities_in_titles() {
    let feed = r#"<rss version="2.0"><channel><title>Rock &amp;amp; Roll News</title>
<item><title>Minister&amp;rsquo;s &amp;quot;plan&amp;quot; &#8212; caf&eacute; &amp; AT&amp;T</title>
<description>Body text here.</description></item>
<item><title><![CDATA[Talks &amp; a <b>deal</b>]]></title>
<description>Body text again.</description></item>
</channel></rss>"#;
    let items = read(feed.as_bytes());
    let arts = articles(&items);
    assert_eq!(arts.len(), 2, "{items:?}");
    assert_eq!(
        arts[0].headline(),
        Some("Minister\u{2019}s \"plan\" \u{2014} café & AT&T")
    );
    assert_eq!(arts[0].source.as_deref(), Some("Rock & Roll News"));
    assert_eq!(arts[1].headline(), Some("Talks & a <b>deal</b>"));
}

#[test]
fn feeds_without_items_or_text() {
    for feed in [
        &br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>"#[..],
        br#"<feed xmlns="http://www.w3.org/2005/Atom"/>"#,
        b"<rss>",
    ] {
        let items = read(feed);
        assert_eq!(items.len(), 1);
        assert_eq!(
            items[0].failure().map(|d| d.code.as_str()),
            Some(codes::FEED_NO_ITEMS)
        );
    }
    let items =
        read(br#"<rss><channel><item><title>Only a title</title></item><item/></channel></rss>"#);
    assert_eq!(items.len(), 2);
    for i in &items {
        assert_eq!(
            i.failure().map(|d| d.code.as_str()),
            Some(codes::NO_ARTICLE)
        );
    }
}

#[test]
fn malformed_xml_keeps_the_items_before() {
    let feed = "<rss><channel>\n<item><title>One</title><description>First text.</description></item>\n<item><title>Two</title><description>Second <!-- never closed";
    let items = read(feed.as_bytes());
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(articles(&items)[0].headline(), Some("One"));
    let d = items[1].failure().unwrap();
    assert_eq!(d.code, codes::BAD_FEED);
    assert_eq!(d.line, Some(3));
    // Truncated inside an item, without an XML error.
    let items = read(b"<rss><channel><item><title>One</title><description>Text");
    assert_eq!(
        items[0].failure().map(|d| d.code.as_str()),
        Some(codes::BAD_FEED)
    );
    // Raw (unescaped, not well-formed) HTML inside a description is read as HTML.
    let items = read(b"<rss><channel><item><title>T</title><description><p>One<br>two</p><p>Three</description></item></channel></rss>");
    assert_eq!(body(articles(&items)[0]), ["One", "two", "Three"]);
}

#[test]
fn encodings_and_html_pages() {
    let mut feed = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>Caf\xe9</title><description>Cr\xe8me br\xfbl\xe9e.</description></item></channel></rss>".to_vec();
    let items = read(&feed);
    assert_eq!(articles(&items)[0].headline(), Some("Café"));
    // Undeclared and invalid UTF-8: Windows-1252 with a warning on the first article.
    feed.drain(..feed.iter().position(|b| *b == b'>').unwrap() + 1);
    let items = read(&feed);
    let Item::Article(a, w) = &items[0] else {
        panic!()
    };
    assert_eq!(a.headline(), Some("Café"));
    assert_eq!(w[0].code, codes::NOT_UTF8);
    // An HTML page that was taken for a feed goes to the HTML reader.
    let items = read(b"<html><body><p>short</p></body></html>");
    assert_eq!(
        items[0].failure().map(|d| d.code.as_str()),
        Some(codes::NO_ARTICLE)
    );
}

#[test]
fn links_are_normalised() {
    let base = Some("https://x.example/news/index.html");
    assert_eq!(normalize_link("/a/b", base), "https://x.example/a/b");
    assert_eq!(normalize_link("//y.example/c", base), "https://y.example/c");
    assert_eq!(
        normalize_link("d.html", base),
        "https://x.example/news/d.html"
    );
    assert_eq!(
        normalize_link(
            "https://x.example/p?id=3&utm_source=rss&UTM_campaign=z#c",
            base
        ),
        "https://x.example/p?id=3"
    );
    assert_eq!(
        normalize_link("https://x.example/p?utm_a=1", None),
        "https://x.example/p"
    );
    assert_eq!(author_name("a@b.example"), None);
    assert_eq!(
        author_name("Ann Lee <a@b.example>").as_deref(),
        Some("Ann Lee")
    );
    assert_eq!(
        xml_unescape("&lt;&#x41;&#66;&rsquo;&&;&#0;"),
        "<AB&rsquo;&&;&#0;"
    );
}

#[test]
fn rss_1_0_rdf_and_prefixed_atom() {
    let rdf = br#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://r.example/"><title>R</title><link>https://r.example/</link></channel>
  <item rdf:about="https://r.example/1"><title>One</title><link>https://r.example/1</link>
    <dc:date>2025-03-01T12:00:00Z</dc:date><dc:creator>Ann Lee</dc:creator><dc:subject>Science</dc:subject>
    <description>A short text.</description></item>
</rdf:RDF>"#;
    let items = read(rdf);
    let a = articles(&items)[0];
    assert_eq!(
        (a.headline(), a.source.as_deref(), a.published.as_deref()),
        (Some("One"), Some("https://r.example/1"), Some("2025-03-01"))
    );
    assert_eq!(
        (a.byline.as_deref(), a.section.as_deref()),
        (Some("Ann Lee"), Some("Science"))
    );
    let atom = br#"<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>P</atom:title>
<atom:entry><atom:title>Prefixed</atom:title><atom:link href="https://p.example/x"/>
<atom:summary type="html">&lt;p&gt;Summary text.&lt;/p&gt;</atom:summary></atom:entry></atom:feed>"#;
    let items = read(atom);
    let a = articles(&items)[0];
    assert_eq!(a.headline(), Some("Prefixed"));
    assert_eq!(a.source.as_deref(), Some("https://p.example/x"));
    assert_eq!(body(a), ["Summary text."]);
}
