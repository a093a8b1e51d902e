//! End-to-end tests of the readers. Every fixture is invented here (no research text).
use std::io::Write;
use std::path::{Path, PathBuf};

use dateline_ingest::{
    codes, discover, parse_news_records, read_bytes, read_input, sniff, Format, Input, Item,
    ReadOptions,
};
use dateline_model::{Article, Diagnostic, Severity, TextIndex, ZoneKind};

// ---------------------------------------------------------------------------------------------
// Helpers

const PORT_STORY: &str = " date 2024-11-18 BUSINESS
Harbour authority approves second container terminal
The expansion will double capacity at the port by 2028, officials say.
Cranes unload a cargo ship at the eastern quay. / Photo: Port of Valdemar
November 18, 2024
By Mara Quint

VALDEMAR, Nov 18 (Reuters) - The harbour authority of Valdemar approved on Monday a plan to build a second container terminal, ending two years of debate.

The project will cost an estimated 1.2 billion euros, chairman Olek Brandt told reporters.

\u{201c}This is the largest investment in the port\u{2019}s history,\u{201d} he said.

Funding questions

Half of the money will come from private operators,
the authority said in a statement.

RelatedDockworkers strike over automation plans
SOURCE:Reuters
";

const ORCHARD_STORY: &str = "   date 2024-09-02 SCIENCE
Frost-resistant apple bred after 20 years of trials
Growers in the northern valleys could plant the variety from next spring.

Researchers at the Kessel agricultural institute said on Monday they had bred an apple that survives late frosts.

The variety, called Nordlicht, flowered after nights of minus four degrees in field tests.

Growers welcomed the news.
";

const MARATHON_STORY: &str = " date 2024-10-06
City marathon draws record field

More than 40,000 runners started the race on Sunday morning.
";

fn read_all(name: &str, bytes: &[u8]) -> Vec<Item> {
    let mut items = Vec::new();
    read_bytes(name, bytes, &ReadOptions::default(), &mut |i| items.push(i));
    items
}

fn read_file(path: &Path, opts: &ReadOptions) -> Vec<Item> {
    let mut items = Vec::new();
    read_input(&Input::from_path(path), opts, &mut |i| items.push(i));
    items
}

fn articles(items: &[Item]) -> Vec<&Article> {
    items.iter().filter_map(Item::article).collect()
}

fn failures(items: &[Item]) -> Vec<&Diagnostic> {
    items.iter().filter_map(Item::failure).collect()
}

fn only_article(items: &[Item]) -> (&Article, &[Diagnostic]) {
    assert_eq!(items.len(), 1, "{items:#?}");
    match &items[0] {
        Item::Article(a, w) => (a, w),
        Item::Failed(d) | Item::Note(d) => panic!("failed: {d}"),
    }
}

fn only_failure(items: &[Item]) -> &Diagnostic {
    assert_eq!(items.len(), 1, "{items:#?}");
    let d = items[0].failure().expect("a failure");
    assert_eq!(d.severity, Severity::Error);
    d
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn zstd(bytes: &[u8]) -> Vec<u8> {
    ruzstd::encoding::compress_to_vec(bytes, ruzstd::encoding::CompressionLevel::Fastest)
}

/// The model's invariants: spans inside the text, zones in text order, the headline zone's text
/// is the headline, non-whitespace zone ends, datelines inside the first paragraph.
fn check_invariants(a: &Article) {
    let ix = TextIndex::new(&a.text);
    let n = ix.len_chars();
    let mut prev = (0usize, usize::MAX);
    for z in &a.zones {
        assert!(
            z.span.start < z.span.end && z.span.end <= n,
            "{z:?} outside text of {n} chars"
        );
        assert!(
            (z.span.start, std::cmp::Reverse(z.span.end)) >= (prev.0, std::cmp::Reverse(prev.1)),
            "zones out of order at {z:?}"
        );
        prev = (z.span.start, z.span.end);
        let t = ix.slice(&a.text, z.span);
        assert_eq!(t, t.trim(), "zone {z:?} not trimmed");
        assert!(!t.is_empty());
    }
    if let Some(h) = a.headline() {
        let z = a.zones_of(ZoneKind::Headline).next().unwrap();
        assert_eq!(ix.slice(&a.text, z.span), h);
    }
    for d in a.zones_of(ZoneKind::Dateline) {
        let first = a
            .zones_of(ZoneKind::Paragraph)
            .next()
            .expect("dateline without paragraph");
        assert!(first.span.contains(d.span));
        assert_eq!(Some(ix.slice(&a.text, d.span)), a.dateline.as_deref());
    }
    assert!(!a.text.contains('\r'));
    assert_eq!(
        a.id,
        dateline_model::ArticleId::compute(a.source.as_deref(), &a.text)
    );
}

fn check_all(items: &[Item]) {
    for a in articles(items) {
        check_invariants(a);
    }
}

// ---------------------------------------------------------------------------------------------
// News records

#[test]
fn news_record_structure() {
    let items = read_all("port.txt", PORT_STORY.as_bytes());
    let (a, w) = only_article(&items);
    assert!(w.is_empty(), "{w:?}");
    check_invariants(a);
    assert_eq!(a.published.as_deref(), Some("2024-11-18"));
    assert_eq!(a.section.as_deref(), Some("BUSINESS"));
    assert_eq!(
        a.headline(),
        Some("Harbour authority approves second container terminal")
    );
    assert_eq!(
        a.standfirst(),
        Some("The expansion will double capacity at the port by 2028, officials say.")
    );
    let caps = a.captions();
    assert_eq!(caps.len(), 1);
    assert_eq!(
        caps[0].text,
        "Cranes unload a cargo ship at the eastern quay."
    );
    assert_eq!(caps[0].credit.as_deref(), Some("Port of Valdemar"));
    assert_eq!(
        a.texts_of(ZoneKind::DisplayDate).collect::<Vec<_>>(),
        ["November 18, 2024"]
    );
    assert_eq!(
        a.texts_of(ZoneKind::Byline).collect::<Vec<_>>(),
        ["By Mara Quint"]
    );
    assert_eq!(a.byline.as_deref(), Some("Mara Quint"));
    assert_eq!(a.dateline.as_deref(), Some("VALDEMAR"));
    assert_eq!(a.agency.as_deref(), Some("Reuters"));
    assert_eq!(a.source.as_deref(), Some("Reuters"));
    assert_eq!(a.crossheads().collect::<Vec<_>>(), ["Funding questions"]);
    assert_eq!(
        a.related().collect::<Vec<_>>(),
        ["Dockworkers strike over automation plans"]
    );
    assert_eq!(
        a.texts_of(ZoneKind::Agency).collect::<Vec<_>>(),
        ["SOURCE:Reuters"]
    );
    let paras: Vec<&str> = a.paragraphs().collect();
    assert_eq!(paras.len(), 4, "{paras:#?}");
    assert!(paras[0].starts_with("VALDEMAR, Nov 18 (Reuters) - The harbour"));
    assert_eq!(
        paras[3],
        "Half of the money will come from private operators,\nthe authority said in a statement."
    );
    assert_eq!(
        a.texts_of(ZoneKind::Header).collect::<Vec<_>>(),
        ["date 2024-11-18 BUSINESS"]
    );
    assert_eq!(a.text, PORT_STORY.trim_end());
    assert_eq!(a.origin.reader, "news-record/1");
    assert_eq!(a.origin.path.as_deref(), Some("port.txt"));
}

#[test]
fn minimal_records_and_optional_parts() {
    let items = read_all("m.txt", MARATHON_STORY.as_bytes());
    let (a, _) = only_article(&items);
    check_invariants(a);
    assert_eq!(a.section, None);
    assert_eq!(a.standfirst(), None);
    assert_eq!(
        a.paragraphs().collect::<Vec<_>>(),
        ["More than 40,000 runners started the race on Sunday morning."]
    );
    assert_eq!(a.agency, None);
    assert_eq!(a.source, None);

    // Header and headline only.
    let items = read_all("h.txt", b" date 2024-10-06 SPORT\nHeadline only\n");
    let (a, _) = only_article(&items);
    assert_eq!(a.headline(), Some("Headline only"));
    assert_eq!(a.paragraphs().count(), 0);

    // A header alone is a failed record.
    let items = read_all("e.txt", b" date 2024-10-06 SPORT\n\n  \n");
    assert_eq!(only_failure(&items).code, codes::EMPTY_RECORD);

    // An impossible date: read, published None, warning.
    let items = read_all("d.txt", b"date 2024-13-45 WORLD\nA headline\n");
    let (a, w) = only_article(&items);
    assert_eq!(a.published, None);
    assert_eq!(
        w.iter().map(|d| d.code.as_str()).collect::<Vec<_>>(),
        [codes::BAD_DATE]
    );
}

#[test]
fn multi_record_file() {
    let content = format!("{PORT_STORY}\n{ORCHARD_STORY}{MARATHON_STORY}");
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "many.txt", content.as_bytes());
    let items = read_file(&path, &ReadOptions::default());
    check_all(&items);
    let arts = articles(&items);
    assert_eq!(arts.len(), 3, "{items:#?}");
    assert_eq!(
        arts[1].headline(),
        Some("Frost-resistant apple bred after 20 years of trials")
    );
    assert_eq!(arts[1].text, ORCHARD_STORY.trim_end());
    assert_eq!(arts[1].section.as_deref(), Some("SCIENCE"));
    assert_eq!(arts[1].paragraphs().count(), 3);
    assert_eq!(arts[1].crossheads().count(), 0);
    // Origin: 1-based header line and byte offset in the file.
    let second_line = PORT_STORY.lines().count() as u64 + 2;
    assert_eq!(arts[1].origin.line, Some(second_line));
    assert_eq!(arts[1].origin.byte, Some(PORT_STORY.len() as u64 + 1));
    let third = content.find(" date 2024-10-06").unwrap() as u64;
    assert_eq!(arts[2].origin.byte, Some(third));
    assert_eq!(
        arts[0].origin.path.as_deref(),
        Some(path.display().to_string().as_str())
    );
    // Distinct ids, deterministic.
    assert_ne!(arts[0].id, arts[1].id);
    let again = read_file(&path, &ReadOptions::default());
    assert_eq!(articles(&again)[2].id, arts[2].id);
}

#[test]
fn crlf_and_cr_line_endings() {
    let lf = read_all("lf.txt", format!("{PORT_STORY}{ORCHARD_STORY}").as_bytes());
    for eol in ["\r\n", "\r"] {
        let converted = format!("{PORT_STORY}{ORCHARD_STORY}").replace('\n', eol);
        let items = read_all("crlf.txt", converted.as_bytes());
        check_all(&items);
        let (a, b) = (articles(&lf), articles(&items));
        assert_eq!(b.len(), 2);
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.text, y.text);
            assert_eq!(x.zones, y.zones);
            assert_eq!(x.id, y.id);
            assert_eq!(x.origin.line, y.origin.line);
        }
        // Byte offsets are offsets in the raw file.
        let second = converted.find("   date 2024-09-02").unwrap() as u64;
        assert_eq!(b[1].origin.byte, Some(second));
    }
    // parse_news_records handles them too.
    let mut items = Vec::new();
    parse_news_records("s", &PORT_STORY.replace('\n', "\r\n"), &mut |i| {
        items.push(i)
    });
    assert_eq!(articles(&items)[0].text, articles(&lf)[0].text);
}

#[test]
fn record_without_header() {
    let items = read_all(
        "prose.txt",
        b"\n\nThe harbour authority met on Monday.\nNo header here.\n",
    );
    let d = only_failure(&items);
    assert_eq!(d.code, codes::NO_HEADER);
    assert_eq!(d.location(), "prose.txt:3");

    // In a string: text before the first header fails once, the records after it are read.
    let mut items = Vec::new();
    let text = format!("Stray line one\nStray line two\n{ORCHARD_STORY}");
    parse_news_records("s.txt", &text, &mut |i| items.push(i));
    assert_eq!(items.len(), 2, "{items:#?}");
    let d = items[0].failure().unwrap();
    assert_eq!((d.code.as_str(), d.line), (codes::NO_HEADER, Some(1)));
    assert_eq!(items[1].article().unwrap().origin.line, Some(3));

    let mut items = Vec::new();
    parse_news_records("blank", " \n\n", &mut |i| items.push(i));
    assert_eq!(only_failure(&items).code, codes::EMPTY);
}

#[test]
fn empty_and_whitespace_files() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("ws.txt", &b"  \n\t\r\n"[..]),
        ("bom.txt", &b"\xEF\xBB\xBF\n"[..]),
    ] {
        let p = write(dir.path(), name, bytes);
        let items = read_file(&p, &ReadOptions::default());
        let d = only_failure(&items);
        assert_eq!(d.code, codes::EMPTY, "{name}");
        assert_eq!(d.file.as_deref(), Some(p.display().to_string().as_str()));
    }
    // An empty gzip is an empty file too.
    let items = read_all("e.gz", &gzip(b""));
    assert_eq!(only_failure(&items).code, codes::EMPTY);
}

#[test]
fn binary_junk() {
    let mut junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    junk[0] = b'x'; // not a compression magic
    let items = read_all("junk.bin", &junk);
    assert_eq!(only_failure(&items).code, codes::BINARY);
    let items = read_all("ctrl.bin", b"\x01\x02\x03\x04 abc \x05\x06\x07\x08");
    assert_eq!(only_failure(&items).code, codes::BINARY);
    let items = read_all("utf16.txt", b"\xff\xfed\x00a\x00t\x00e\x00");
    assert_eq!(only_failure(&items).code, codes::BINARY);
}

#[test]
fn other_formats_are_not_available_yet() {
    let cases: [(&[u8], &str); 6] = [
        (
            b"<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>",
            codes::NO_ARTICLE, // read by the HTML reader: too little prose for an article
        ),
        (b"<p>A fragment</p>", codes::NO_ARTICLE),
        (
            b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>",
            codes::FEED_NO_ITEMS, // read by the feed reader: no items
        ),
        (
            b"<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"/>",
            codes::FEED_NO_ITEMS,
        ),
        (
            b"<?xml version=\"1.0\"?>\n<catalogue/>",
            codes::XML_NOT_SUPPORTED,
        ),
        (
            b"WARC/1.1\r\nWARC-Type: warcinfo\r\n\r\n",
            codes::BAD_WARC, // read by the WARC reader: no Content-Length
        ),
    ];
    for (bytes, code) in cases {
        assert_eq!(only_failure(&read_all("x", bytes)).code, code);
        // Also inside gzip.
        assert_eq!(only_failure(&read_all("x.gz", &gzip(bytes))).code, code);
    }
    let items = read_all("a.json", b"[{\"text\": \"x\"}]");
    assert_eq!(only_failure(&items).code, codes::JSON_NOT_LINES);
    let items = read_all("pretty.json", b"{\n  \"text\": \"x\"\n}\n");
    assert_eq!(only_failure(&items).code, codes::JSON_NOT_LINES);
}

#[test]
fn invalid_utf8_decodes_as_windows_1252() {
    // News record: 0x93/0x94 are curly quotes in Windows-1252.
    let mut bytes = b" date 2024-05-02 WORLD\nMayor opens bridge\n\nThe mayor said: ".to_vec();
    let at = bytes.len();
    bytes.extend_from_slice(b"\x93It is finished.\x94 Traffic flows.\n");
    let items = read_all("cp.txt", &bytes);
    let (a, w) = only_article(&items);
    check_invariants(a);
    assert_eq!(
        a.paragraphs().next(),
        Some("The mayor said: \u{201c}It is finished.\u{201d} Traffic flows.")
    );
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].code, codes::NOT_UTF8);
    assert_eq!(w[0].severity, Severity::Warning);
    assert_eq!(w[0].byte, Some(at as u64));
    assert_eq!(w[0].line, Some(4));

    // Valid UTF-8 elsewhere in the same record is kept as is.
    let items = read_all(
        "mix.txt",
        b"date 2024-05-02\nCaf\xc3\xa9 reopens\n\nIt said \x93yes\x94.",
    );
    let (a, _) = only_article(&items);
    assert_eq!(a.headline(), Some("Café reopens"));

    // JSON Lines: the offset is in the file.
    let mut jl = b"{\"text\": \"First line.\"}\n".to_vec();
    let line2 = jl.len();
    jl.extend_from_slice(b"{\"text\": \"He said \x93no\x94.\"}\n");
    let items = read_all("cp.jsonl", &jl);
    assert_eq!(items.len(), 2);
    let Item::Article(a, w) = &items[1] else {
        panic!()
    };
    assert_eq!(a.text, "He said \u{201c}no\u{201d}.");
    assert_eq!(w[0].code, codes::NOT_UTF8);
    assert_eq!(w[0].byte, Some((line2 + 18) as u64));
    assert_eq!(w[0].line, Some(2));
}

#[test]
fn byte_order_mark_is_stripped() {
    let items = read_all("bom.txt", format!("\u{feff}{ORCHARD_STORY}").as_bytes());
    let (a, _) = only_article(&items);
    assert_eq!(a.text, ORCHARD_STORY.trim_end());
    assert_eq!(a.origin.byte, Some(3));
    let items = read_all("bom.jsonl", "\u{feff}{\"text\": \"Hello.\"}\n".as_bytes());
    assert_eq!(only_article(&items).0.text, "Hello.");
}

#[test]
fn record_too_large_is_skipped() {
    let big = format!(" date 2024-01-01 X\nBig\n\n{}\n", "word ".repeat(400));
    let content = format!("{ORCHARD_STORY}{big}{MARATHON_STORY}");
    let items = {
        let mut v = Vec::new();
        read_bytes(
            "big.txt",
            content.as_bytes(),
            &ReadOptions {
                max_record_bytes: 1000,
            },
            &mut |i| v.push(i),
        );
        v
    };
    assert_eq!(items.len(), 3, "{items:#?}");
    let d = items[1].failure().unwrap();
    assert_eq!(d.code, codes::TOO_LARGE);
    assert_eq!(d.line, Some(ORCHARD_STORY.lines().count() as u64 + 1));
    assert!(items[2].article().is_some());
}

// ---------------------------------------------------------------------------------------------
// JSON Lines

#[test]
fn text_only_jsonl() {
    let items = read_all(
        "t.jsonl",
        b"{\"text\": \"The council voted to close the library on Sundays.\"}\n",
    );
    let (a, w) = only_article(&items);
    check_invariants(a);
    assert!(w.is_empty());
    assert_eq!(a.text, "The council voted to close the library on Sundays.");
    assert_eq!(a.zones.len(), 1);
    assert_eq!(a.paragraphs().count(), 1);
    assert_eq!(a.headline(), None);
    assert_eq!(a.language, "en");
    assert_eq!((a.source.as_ref(), a.published.as_ref()), (None, None));
    assert_eq!(a.origin.reader, "jsonl/1");
    assert_eq!((a.origin.line, a.origin.byte), (Some(1), Some(0)));
}

#[test]
fn jsonl_fields() {
    let line = r#"{"id": 42, "title": "Tram line extended", "summary": "Four new stops open.", "date": "2024-06-01T08:30:00+02:00", "section": "local", "publisher": "Valdemar Post", "url": "https://example.org/tram", "author": ["Ana Ruiz", "Tom Berg"], "language": "de", "captions": ["A tram at the new terminus", {"text": "Passengers board", "credit": "Jo Lind"}], "extra": {"deep": [1, 2, {"x": null}]}, "text": "The tram line now reaches the airport.\n\nTickets cost the same."}"#;
    let items = read_all("f.jsonl", line.as_bytes());
    let (a, w) = only_article(&items);
    check_invariants(a);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(a.headline(), Some("Tram line extended"));
    assert_eq!(a.standfirst(), Some("Four new stops open."));
    let caps = a.captions();
    assert_eq!(caps.len(), 2);
    assert_eq!(
        (caps[0].text.as_str(), caps[0].credit.as_deref()),
        ("A tram at the new terminus", None)
    );
    assert_eq!(
        (caps[1].text.as_str(), caps[1].credit.as_deref()),
        ("Passengers board", Some("Jo Lind"))
    );
    assert_eq!(
        a.paragraphs().collect::<Vec<_>>(),
        [
            "The tram line now reaches the airport.",
            "Tickets cost the same."
        ]
    );
    assert_eq!(a.published.as_deref(), Some("2024-06-01"));
    assert_eq!(a.published_time.as_deref(), Some("08:30:00"));
    assert_eq!(a.timezone.as_deref(), Some("+02:00"));
    assert_eq!(a.section.as_deref(), Some("local"));
    assert_eq!(a.source.as_deref(), Some("https://example.org/tram"));
    assert_eq!(a.origin.url.as_deref(), Some("https://example.org/tram"));
    assert_eq!(a.origin.external_id.as_deref(), Some("42"));
    assert_eq!(a.byline.as_deref(), Some("Ana Ruiz, Tom Berg"));
    assert_eq!(a.language, "de");
    assert!(a.text.starts_with(
        "Tram line extended\n\nFour new stops open.\n\nA tram at the new terminus\n\n"
    ));

    // source without url; bad date; wrong types warn.
    let line = r#"{"headline": "Ferry delayed", "source": "Coast Radio", "published": "last Tuesday", "section": 7, "text": "The ferry left two hours late."}"#;
    let items = read_all("g.jsonl", line.as_bytes());
    let (a, w) = only_article(&items);
    assert_eq!(a.source.as_deref(), Some("Coast Radio"));
    assert_eq!(a.published, None);
    assert_eq!(a.section, None);
    let mut got: Vec<&str> = w.iter().map(|d| d.code.as_str()).collect();
    got.sort();
    assert_eq!(got, [codes::BAD_DATE, codes::JSON_FIELD_TYPE]);
    assert!(w
        .iter()
        .all(|d| d.severity == Severity::Warning && d.line == Some(1)));
}

#[test]
fn jsonl_bad_lines_do_not_stop_reading() {
    let content = concat!(
        "{\"text\": \"First story.\"}\n",
        "\n",
        "{\"text\": \"Broken story\", \n",
        "{\"headline\": \"No text here\"}\n",
        "{\"text\": \"   \"}\n",
        "{\"text\": 12}\n",
        "\"just a string\"\n",
        "{\"text\": \"Last story.\"}\n",
    );
    let items = read_all("mixed.jsonl", content.as_bytes());
    let got: Vec<(String, Option<u64>)> = items
        .iter()
        .map(|i| match i {
            Item::Article(a, _) => (a.text.clone(), a.origin.line),
            Item::Failed(d) | Item::Note(d) => (d.code.clone(), d.line),
        })
        .collect();
    assert_eq!(
        got,
        [
            ("First story.".to_string(), Some(1)),
            (codes::JSON_SYNTAX.to_string(), Some(3)),
            (codes::JSON_NO_TEXT.to_string(), Some(4)),
            (codes::JSON_NO_TEXT.to_string(), Some(5)),
            (codes::JSON_NO_TEXT.to_string(), Some(6)),
            (codes::JSON_SYNTAX.to_string(), Some(7)),
            ("Last story.".to_string(), Some(8)),
        ]
    );
    let d = items[1].failure().unwrap();
    assert_eq!(d.file.as_deref(), Some("mixed.jsonl"));
    assert!(d.message.contains("column"), "{}", d.message);
    assert_eq!(d.location(), "mixed.jsonl:3");
    assert_eq!(
        items[6].article().unwrap().origin.byte,
        Some(content.find("{\"text\": \"Last").unwrap() as u64)
    );
}

#[test]
fn jsonl_too_long_line_with_small_limit() {
    let content = format!(
        "{{\"text\": \"a\"}}\n{{\"text\": \"{}\"}}\n{{\"text\": \"b\"}}\n",
        "x".repeat(5000)
    );
    let mut items = Vec::new();
    read_bytes(
        "l.jsonl",
        content.as_bytes(),
        &ReadOptions {
            max_record_bytes: 1024,
        },
        &mut |i| items.push(i),
    );
    assert_eq!(items.len(), 3);
    let d = items[1].failure().unwrap();
    assert_eq!((d.code.as_str(), d.line), (codes::TOO_LARGE, Some(2)));
    assert!(d.message.contains("5012"), "{}", d.message);
    assert_eq!(items[2].article().unwrap().text, "b");
}

#[test]
fn reuters_style_hard_wraps_split_into_paragraphs() {
    let text = "Valdemar Shipping Co said it will\nbuy two container vessels for 80 mln\ndlrs to serve its northern routes.\n    The company said delivery is\nexpected in the third quarter.\n    Shares rose 2 pct.";
    let line = serde_json::json!({
        "headline": "VALDEMAR SHIPPING TO BUY TWO VESSELS",
        "published": "1987-03-09",
        "text": text,
        "source": "Reuters",
        "meta": {"dateline": "VALDEMAR, March 9 -", "time": "15:02:20", "topics": ["ship"]},
    })
    .to_string();
    let items = read_all("r.jsonl", line.as_bytes());
    let (a, _) = only_article(&items);
    check_invariants(a);
    let paras: Vec<&str> = a.paragraphs().collect();
    assert_eq!(
        paras,
        [
            "Valdemar Shipping Co said it will\nbuy two container vessels for 80 mln\ndlrs to serve its northern routes.",
            "The company said delivery is\nexpected in the third quarter.",
            "Shares rose 2 pct.",
        ]
    );
    assert_eq!(a.dateline.as_deref(), Some("VALDEMAR"));
    assert_eq!(a.zones_of(ZoneKind::Dateline).count(), 0); // the dateline is not in the text
    assert_eq!(a.published_time.as_deref(), Some("15:02:20"));
    assert_eq!(a.source.as_deref(), Some("Reuters"));
    // The text keeps the indentation inside: nothing dropped.
    assert!(a.text.contains("routes.\n    The company"));
}

#[test]
fn wire_dateline_variants() {
    let cases = [
        (
            "MOSCOW, Feb 26 (Reuters) - Officials met.",
            Some("MOSCOW"),
            Some("Reuters"),
        ),
        (
            "WASHINGTON (AP) \u{2014} Lawmakers voted.",
            Some("WASHINGTON"),
            Some("AP"),
        ),
        (
            "KYIV, Ukraine, March 3 (Reuters) - Power returned.",
            Some("KYIV"),
            Some("Reuters"),
        ),
        ("LONDON - Shares fell.", Some("LONDON"), None),
        (
            "NEW YORK, March 9 \u{2013} Stocks rose.",
            Some("NEW YORK"),
            None,
        ),
        (
            "CAMBRIDGE, Mass., March 9 - A lab opened.",
            Some("CAMBRIDGE"),
            None,
        ),
        (
            "SÃO PAULO (AFP) - Rain fell.",
            Some("SÃO PAULO"),
            Some("AFP"),
        ),
        ("The LONDON - PARIS train was late.", None, None),
        ("NATO allies met - again.", None, None),
        ("LONDON-based banks fell.", None, None),
    ];
    for (text, place, agency) in cases {
        // JSON Lines
        let line = serde_json::json!({ "text": text }).to_string();
        let items = read_all("w.jsonl", line.as_bytes());
        let (a, _) = only_article(&items);
        check_invariants(a);
        assert_eq!(a.dateline.as_deref(), place, "{text}");
        assert_eq!(a.agency.as_deref(), agency, "{text}");
        assert_eq!(
            a.zones_of(ZoneKind::Dateline).count(),
            usize::from(place.is_some())
        );
        // News record
        let rec = format!(" date 2024-02-26 WORLD\nA headline\n\n{text}\n");
        let items = read_all("w.txt", rec.as_bytes());
        let (a, _) = only_article(&items);
        check_invariants(a);
        assert_eq!(a.dateline.as_deref(), place, "{text}");
        assert_eq!(a.agency.as_deref(), agency, "{text}");
        assert_eq!(a.source.as_deref(), agency, "{text}");
        assert_eq!(
            a.paragraphs().next(),
            Some(text),
            "the dateline stays in the paragraph"
        );
    }
    // An explicit agency field wins over the dateline's.
    let items = read_all(
        "w.jsonl",
        br#"{"agency": "AFP", "text": "PARIS (Reuters) - Strikes."}"#,
    );
    assert_eq!(only_article(&items).0.agency.as_deref(), Some("AFP"));
}

// ---------------------------------------------------------------------------------------------
// Compression

fn jsonl_corpus(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&serde_json::json!({
            "id": format!("story-{i}"),
            "headline": format!("Council {i} approves budget of {} crowns", i * 7919 % 100_003),
            "text": format!("The council of district {i} met on day {} and voted {} to {} for the plan.\n\nA second vote follows in week {}.", i % 28, i * 31 % 97, i * 17 % 89, i * 13 % 52),
        }).to_string());
        s.push('\n');
    }
    s
}

fn news_corpus(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!(
            " date 2024-03-{:02} REGION\nBridge {i} reopens after repairs costing {} crowns\nTraffic returns to route {}.\n\nEngineers finished work on bridge {i} on {}, the roads office said.\n\n",
            i % 28 + 1,
            i * 7919 % 100_003,
            i * 37 % 101,
            i * 13 % 57,
        ));
    }
    s
}

#[test]
fn gzip_and_zstd_are_read() {
    let plain = jsonl_corpus(30);
    let expect = read_all("p.jsonl", plain.as_bytes());
    assert_eq!(articles(&expect).len(), 30);
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("c.jsonl.gz", gzip(plain.as_bytes())),
        ("c.jsonl.zst", zstd(plain.as_bytes())),
        ("no-extension", zstd(plain.as_bytes())),
        ("double.gz", gzip(&gzip(plain.as_bytes()))),
        ("gz-in-zst", zstd(&gzip(plain.as_bytes()))),
    ] {
        let p = write(dir.path(), name, &bytes);
        let items = read_file(&p, &ReadOptions::default());
        check_all(&items);
        assert_eq!(items.len(), 30, "{name}: {:?}", failures(&items));
        for (x, y) in articles(&expect).iter().zip(articles(&items)) {
            assert_eq!(x.text, y.text);
            assert_eq!(x.id, y.id);
            assert_eq!(x.origin.line, y.origin.line);
            assert_eq!(x.origin.byte, y.origin.byte);
        }
    }
    // Concatenated members / frames are one stream.
    let half = plain
        .find("{\"headline\": \"Council 15")
        .unwrap_or(plain.len() / 2);
    let (a, b) = plain.split_at(plain[..half].rfind('\n').map_or(0, |i| i + 1));
    let mut two = gzip(a.as_bytes());
    two.extend(gzip(b.as_bytes()));
    assert_eq!(articles(&read_all("two.gz", &two)).len(), 30);
    let mut two = zstd(a.as_bytes());
    two.extend(zstd(b.as_bytes()));
    assert_eq!(articles(&read_all("two.zst", &two)).len(), 30);
    // News records compressed.
    let news = news_corpus(12);
    assert_eq!(
        articles(&read_all("n.zst", &zstd(news.as_bytes()))).len(),
        12
    );
    assert_eq!(
        articles(&read_all("n.gz", &gzip(news.as_bytes()))).len(),
        12
    );
}

fn check_truncated(name: &str, plain: &str, compressed: &[u8], total: usize) {
    let cut = &compressed[..compressed.len() * 6 / 10];
    let items = read_all(name, cut);
    check_all(&items);
    let (last, rest) = items.split_last().expect("something");
    let d = last
        .failure()
        .unwrap_or_else(|| panic!("{name}: no failure at the end"));
    assert_eq!(d.code, codes::CORRUPT_COMPRESSED, "{name}: {d}");
    assert_eq!(d.file.as_deref(), Some(name));
    let offset = d.byte.expect("offset") as usize;
    assert!(
        offset > 0 && offset < plain.len(),
        "{name}: offset {offset}"
    );
    let arts: Vec<&Article> = rest
        .iter()
        .map(|i| i.article().expect("only articles before the error"))
        .collect();
    assert!(
        !arts.is_empty() && arts.len() < total,
        "{name}: {} of {total}",
        arts.len()
    );
    // Every complete item before the damage, in order, and none past it.
    for (k, a) in arts.iter().enumerate() {
        assert!(a.origin.byte.unwrap() < offset as u64);
        if k > 0 {
            assert!(a.origin.byte > arts[k - 1].origin.byte);
        }
    }
    assert!(plain.is_char_boundary(offset) || offset <= plain.len());
}

#[test]
fn truncated_compressed_streams_keep_what_came_before() {
    // Large enough for several zstd blocks (a block is decoded whole or not at all).
    let plain = jsonl_corpus(3000);
    assert!(plain.len() > 4 * 128 * 1024);
    check_truncated("cut.jsonl.gz", &plain, &gzip(plain.as_bytes()), 3000);
    check_truncated("cut.jsonl.zst", &plain, &zstd(plain.as_bytes()), 3000);
    let news = news_corpus(3000);
    check_truncated("cut.txt.gz", &news, &gzip(news.as_bytes()), 3000);
    check_truncated("cut.txt.zst", &news, &zstd(news.as_bytes()), 3000);

    // JSONL: exactly the complete lines before the offset.
    for compressed in [gzip(plain.as_bytes()), zstd(plain.as_bytes())] {
        let items = read_all("x", &compressed[..compressed.len() / 2]);
        let offset = items.last().unwrap().failure().unwrap().byte.unwrap() as usize;
        let complete_lines = plain[..offset].matches('\n').count();
        assert_eq!(articles(&items).len(), complete_lines);
        assert!(complete_lines > 1000, "{complete_lines}");
    }

    // Corrupt (not truncated) data, and a stream cut inside the gzip header.
    let mut bad = gzip(plain.as_bytes());
    let n = bad.len();
    for b in &mut bad[n / 2..n / 2 + 64] {
        *b ^= 0x5a;
    }
    let items = read_all("bad.gz", &bad);
    assert_eq!(
        items.last().unwrap().failure().map(|d| d.code.as_str()),
        Some(codes::CORRUPT_COMPRESSED)
    );
    let items = read_all("hdr.gz", &gzip(plain.as_bytes())[..5]);
    assert_eq!(only_failure(&items).code, codes::CORRUPT_COMPRESSED);
    let items = read_all("hdr.zst", &zstd(plain.as_bytes())[..6]);
    assert_eq!(only_failure(&items).code, codes::CORRUPT_COMPRESSED);
}

#[test]
fn deep_nesting_is_refused() {
    let mut data = b"{\"text\": \"x\"}\n".to_vec();
    for _ in 0..5 {
        data = gzip(&data);
    }
    assert_eq!(
        only_failure(&read_all("deep.gz", &data)).code,
        codes::NESTED_COMPRESSION
    );
}

// ---------------------------------------------------------------------------------------------
// Files and directories

#[cfg(unix)]
#[test]
fn directory_with_unreadable_entries() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("b/nested")).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    write(root, "a.txt", ORCHARD_STORY.as_bytes());
    write(root, "b/nested/c.jsonl", b"{\"text\": \"Nested story.\"}\n");
    write(root, "b/z.txt.gz", &gzip(MARATHON_STORY.as_bytes()));
    write(root, ".hidden.txt", ORCHARD_STORY.as_bytes());
    write(root, ".git/config", b"[core]\n");
    std::os::unix::fs::symlink(root.join("missing.txt"), root.join("b/dangling.txt")).unwrap();
    std::os::unix::fs::symlink(root.join("a.txt"), root.join("link-to-a.txt")).unwrap();

    let (inputs, diags) = discover(&[root.to_path_buf(), root.join("nope.txt")]);
    let rel: Vec<String> = inputs
        .iter()
        .map(|i| i.path.strip_prefix(root).unwrap().display().to_string())
        .collect();
    assert_eq!(
        rel,
        ["a.txt", "b/nested/c.jsonl", "b/z.txt.gz", "link-to-a.txt"]
    );
    assert_eq!(inputs[0].size, ORCHARD_STORY.len() as u64);
    assert_eq!(diags.len(), 2, "{diags:#?}");
    assert!(diags
        .iter()
        .all(|d| d.code == codes::NOT_FOUND && d.severity == Severity::Error));
    assert!(diags[0].file.as_deref().unwrap().ends_with("dangling.txt"));
    assert!(diags[1].file.as_deref().unwrap().ends_with("nope.txt"));

    let mut items = Vec::new();
    for input in &inputs {
        read_input(input, &ReadOptions::default(), &mut |i| items.push(i));
    }
    check_all(&items);
    assert_eq!(articles(&items).len(), 4, "{items:#?}");

    // read_input on something that vanished or is not a file.
    let gone = Input {
        path: root.join("gone.txt"),
        size: 0,
    };
    let mut items = Vec::new();
    read_input(&gone, &ReadOptions::default(), &mut |i| items.push(i));
    assert_eq!(only_failure(&items).code, codes::NOT_FOUND);
    let mut items = Vec::new();
    read_input(
        &Input::from_path(root.join("b")),
        &ReadOptions::default(),
        &mut |i| items.push(i),
    );
    assert_eq!(only_failure(&items).code, codes::NOT_REGULAR);
}

#[test]
fn read_input_and_read_bytes_agree() {
    let dir = tempfile::tempdir().unwrap();
    let content = format!("{PORT_STORY}{ORCHARD_STORY}");
    let p = write(dir.path(), "same.txt", content.as_bytes());
    let name = p.display().to_string();
    let a = read_file(&p, &ReadOptions::default());
    let b = read_all(&name, content.as_bytes());
    assert_eq!(a, b);
    assert_eq!(sniff(content.as_bytes()), Format::NewsRecord);
}

// ---------------------------------------------------------------------------------------------
// Robustness: no panics on damaged input; invariants hold on whatever is read.

#[test]
fn damaged_inputs_never_panic() {
    let seeds: Vec<Vec<u8>> = vec![
        format!("{PORT_STORY}{ORCHARD_STORY}{MARATHON_STORY}").into_bytes(),
        jsonl_corpus(5).into_bytes(),
        gzip(news_corpus(5).as_bytes()),
        zstd(jsonl_corpus(5).as_bytes()),
        "date 2024-01-01 \u{1F600}\n\u{201c}Ünïcödé\u{201d} headline — ok\nЗаголовок / Photo: АП\n\nКИЇВ, 3 березня (Reuters) - Текст.\n".as_bytes().to_vec(),
    ];
    let mut state: u64 = 0x9e3779b97f4a7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    // DATELINE_FUZZ_ROUNDS=100000 for a long local run.
    let rounds: usize = std::env::var("DATELINE_FUZZ_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    for seed in &seeds {
        for round in 0..rounds {
            let mut data = seed.clone();
            let edits = 1 + (next() % 8) as usize;
            for _ in 0..edits {
                if data.is_empty() {
                    break;
                }
                let pos = (next() as usize) % data.len();
                match next() % 5 {
                    0 => data[pos] = next() as u8,
                    1 => {
                        data.remove(pos);
                    }
                    2 => data.insert(
                        pos,
                        [b'\n', b'\r', b' ', 0x93, 0xff, b'-', b'('][(next() % 7) as usize],
                    ),
                    3 => data.truncate(pos),
                    _ => {
                        let l = (next() % 40) as usize;
                        let chunk: Vec<u8> = data[pos..(pos + l).min(data.len())].to_vec();
                        let at = (next() as usize) % data.len().max(1);
                        data.splice(at..at, chunk);
                    }
                }
            }
            let mut opts = ReadOptions::default();
            if round % 7 == 0 {
                opts.max_record_bytes = 64;
            }
            let mut items = Vec::new();
            read_bytes("fuzz", &data, &opts, &mut |i| items.push(i));
            assert!(!items.is_empty());
            check_all(&items);
            if let Ok(s) = std::str::from_utf8(&data) {
                let mut items = Vec::new();
                parse_news_records("fuzz", s, &mut |i| items.push(i));
                check_all(&items);
            }
        }
    }
}
