//! Fuzz-style robustness tests of every reader, small enough to run in CI on each change.
//!
//! For each reader (news record, JSON Lines, HTML, RSS and Atom feeds, WARC, and the gzip and
//! zstd wrappers around them) a few valid seed inputs written here are mutated — bytes flipped,
//! cut short, `<`, `"`, `&`, NUL, CDATA and quote characters inserted, ranges deleted or
//! repeated, deep nesting and huge lines spliced in — with a fixed-seed PRNG for a bounded
//! number of iterations, and every mutant is read. The properties:
//! - reading never panics (a panic names the seed, the mutation and the input);
//! - every article's zones lie inside its text, and the text of each zone is non-empty;
//! - the article id is the one its source and text give;
//! - every failure is an Error with a code from the catalogue, every warning a catalogued code.
//!
//! Coverage-guided fuzzing (`cargo fuzz`, libFuzzer) needs a nightly toolchain, which this
//! project does not use; these tests are the stable-toolchain substitute. The budget is fixed
//! (the whole file runs in a few seconds in a debug build); set `DATELINE_FUZZ_ITERS` to a
//! multiplier (e.g. `50`) and `DATELINE_FUZZ_SEED` to another seed for a longer local run.
use std::collections::HashSet;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};

use dateline_ingest::codes::CATALOGUE;
use dateline_ingest::{read_bytes, Item, ReadOptions};
use dateline_model::{Severity, TextIndex};

/// A small deterministic PRNG (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

fn seed() -> u64 {
    std::env::var("DATELINE_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x00da_7e11_4e00_f022)
}

fn iterations(base: usize) -> usize {
    let k: usize = std::env::var("DATELINE_FUZZ_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    base * k.max(1)
}

const PROSE: &str = "The river commission met on Tuesday in the border town of Lume, where delegates from both countries signed an agreement that ends a decade of disputes over the shared waters, after long talks.";

fn news_seed() -> Vec<u8> {
    format!(
        " date 2025-03-01 WORLD\nRiver treaty signed\nBy Mara Ostrova\n\nMOSCOW, March 1 (Reuters) - {PROSE}\n\nA photo of the quay / Photo: AP\n\n{PROSE}\nSOURCE:Reuters\n date 2025-03-02 CITY\nBridge reopens\n\n{PROSE}\n"
    )
    .into_bytes()
}

fn jsonl_seed() -> Vec<u8> {
    format!(
        "{{\"headline\":\"River treaty\",\"text\":\"MOSCOW, Feb 26 (Reuters) - {PROSE}\\n\\n{PROSE}\",\"published\":\"2025-02-26T14:05:00Z\",\"url\":\"https://x.example/a\",\"captions\":[{{\"text\":\"Quay\",\"credit\":\"AP\"}}],\"author\":[\"A\",\"B\"]}}\n{{\"text\":\"Short \\u00e9 text\",\"id\":7,\"date\":\"bad\"}}\n\n{{\"title\":\"Third\",\"text\":\"{PROSE}\",\"section\":\"WORLD\"}}\n"
    )
    .into_bytes()
}

fn html_seed() -> Vec<u8> {
    format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>River treaty | Courier</title>
<link rel="canonical" href="https://courier.example/world/river">
<meta property="og:type" content="article"><meta property="article:published_time" content="2025-03-01T10:00:00Z">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"River treaty signed","author":{{"name":"Mara"}}}}</script>
</head><body><nav><a href="/">Home</a></nav><article><h1>River treaty signed</h1>
<figure><img src="a.jpg"><figcaption>The quay at dawn.</figcaption></figure>
<p>{PROSE}</p><h2>Next steps</h2><p>{PROSE} &amp; more, &rsquo;quoted&rsquo;.</p><p>{PROSE}</p></article>
<aside class="related">Related stories</aside><footer>© Courier</footer></body></html>"#
    )
    .into_bytes()
}

fn rss_seed() -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Courier</title><link>https://courier.example/</link><language>en</language>
<item><title>Floods &amp;amp; storms &#8212; again</title><link>https://courier.example/a?utm_source=rss</link>
<guid isPermaLink="false">c-1</guid><pubDate>Tue, 04 Mar 2025 10:30:00 +0100</pubDate><dc:creator>Mara</dc:creator>
<category>World</category><description>&lt;p&gt;{PROSE}&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>{PROSE}</p><h2>More</h2><p>{PROSE}</p><figure><figcaption>Quay</figcaption></figure>]]></content:encoded></item>
<item><title>Second</title><link>/b</link><pubDate>not a date</pubDate><description>{PROSE}

{PROSE}</description></item>
</channel></rss>"#
    )
    .into_bytes()
}

fn atom_seed() -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Courier</title><link href="https://courier.example/"/>
<entry><title type="html">Accord &lt;em&gt;signed&lt;/em&gt;</title><link rel="alternate" href="https://courier.example/c"/>
<id>tag:c,2025:1</id><published>2025-03-01T18:45:00+01:00</published><author><name>Jeanne</name></author>
<category term="world" label="World"/><summary>{PROSE}</summary>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>{PROSE}</p><p>Caf&#233; &amp; <b>bold</b> {PROSE}</p></div></content></entry>
<entry><title>Text</title><updated>2025-03-02T09:00:00Z</updated><content type="text">{PROSE}

{PROSE}</content></entry>
</feed>"#
    )
    .into_bytes()
}

fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-03-02T10:00:00Z\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn warc_seed() -> Vec<u8> {
    let mut page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    page.extend(html_seed());
    let mut w = warc_record("warcinfo", "", b"software: fuzz\r\n");
    w.extend(warc_record(
        "request",
        "https://courier.example/w",
        b"GET /w HTTP/1.1\r\n\r\n",
    ));
    w.extend(warc_record("response", "https://courier.example/w", &page));
    w.extend(warc_record(
        "response",
        "https://courier.example/i",
        b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
    ));
    w
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn zstd(bytes: &[u8]) -> Vec<u8> {
    ruzstd::encoding::compress_to_vec(bytes, ruzstd::encoding::CompressionLevel::Fastest)
}

/// One mutation of `input`, described for the failure message.
fn mutate(rng: &mut Rng, input: &mut Vec<u8>) -> String {
    const INSERTS: &[&[u8]] = &[
        b"<",
        b">",
        b"\"",
        b"&",
        b"\0",
        b"]]>",
        b"<![CDATA[",
        b"<!--",
        b"{",
        b"}",
        b"\\",
        b"\n",
        b"\r",
        b"&#0;",
        b"&#x110000;",
        b"&amp",
        b"\xff\xfe",
        b"\xe2\x80",
        b"</item>",
        b"<entry>",
        b"</p>",
        b"WARC/1.1\r\n",
        b" date 2025-13-45 X\n",
    ];
    let len = input.len();
    let at = rng.below(len + 1);
    match rng.below(10) {
        0 => {
            let n = 1 + rng.below(8);
            for _ in 0..n {
                if !input.is_empty() {
                    let i = rng.below(input.len());
                    input[i] ^= 1 << rng.below(8);
                }
            }
            format!("flip {n} bits")
        }
        1 => {
            input.truncate(at);
            format!("truncate at {at}")
        }
        2 | 3 => {
            let s = rng.pick(INSERTS);
            input.splice(at..at, s.iter().copied());
            format!("insert {:?} at {at}", String::from_utf8_lossy(s))
        }
        4 => {
            let end = (at + rng.below(64)).min(len);
            input.drain(at..end);
            format!("delete {at}..{end}")
        }
        5 => {
            let end = (at + rng.below(256)).min(len);
            let copy: Vec<u8> = input[at..end].to_vec();
            let to = rng.below(input.len() + 1);
            input.splice(to..to, copy);
            format!("repeat {at}..{end} at {to}")
        }
        6 => {
            let (open, close): (&[u8], &[u8]) = *rng.pick(&[
                (&b"<div>"[..], &b"</div>"[..]),
                (b"<p><b>", b""),
                (b"<item>", b""),
                (b"<x:y a='1'>", b"</x:y>"),
                (b"[", b"]"),
                (b"{\"a\":", b"}"),
                (b"<![CDATA[", b"]]>"),
            ]);
            let depth = 1 + rng.below(3000);
            let mut nest = open.repeat(depth);
            nest.extend(close.repeat(rng.below(depth + 1)));
            input.splice(at..at, nest);
            format!("nest {depth} x {:?} at {at}", String::from_utf8_lossy(open))
        }
        7 => {
            let n = 1000 + rng.below(300_000);
            let c = *rng.pick(b"a <&\"");
            input.splice(at..at, vec![c; n]);
            format!("huge line of {n} x {:?} at {at}", c as char)
        }
        8 => {
            // Replace a byte with a structural one.
            if !input.is_empty() {
                let i = rng.below(input.len());
                input[i] = *rng.pick(b"<>/&;\"'=\n\r\t{}[]:,\0 ");
            }
            "replace one byte".to_string()
        }
        _ => {
            let a = rng.below(len + 1);
            let b = rng.below(len + 1);
            let (a, b) = (a.min(b), a.max(b));
            let cut: Vec<u8> = input.drain(a..b).collect();
            let to = rng.below(input.len() + 1);
            input.splice(to..to, cut);
            format!("move {a}..{b} to {to}")
        }
    }
}

/// Reads `bytes` and checks the properties; panics name the case. Returns the number of
/// articles read.
fn check(case: &str, bytes: &[u8], opts: &ReadOptions, codes: &HashSet<&str>) -> usize {
    let mut items = Vec::new();
    let run = catch_unwind(AssertUnwindSafe(|| {
        read_bytes("fuzz.in", bytes, opts, &mut |i| items.push(i));
    }));
    let show = || {
        let head = &bytes[..bytes.len().min(400)];
        format!(
            "{case} ({} bytes): {:?}",
            bytes.len(),
            String::from_utf8_lossy(head)
        )
    };
    if run.is_err() {
        panic!("reader panicked on {}", show());
    }
    for item in &items {
        match item {
            Item::Article(a, warnings) => {
                let ix = TextIndex::new(&a.text);
                let n = ix.len_chars();
                for z in &a.zones {
                    assert!(
                        z.span.start < z.span.end && z.span.end <= n,
                        "zone {z:?} outside the text of {n} chars: {}",
                        show()
                    );
                    let t = ix.slice(&a.text, z.span);
                    assert!(!t.trim().is_empty(), "empty zone {z:?}: {}", show());
                }
                assert_eq!(
                    a.id,
                    dateline_model::ArticleId::compute(a.source.as_deref(), &a.text),
                    "{}",
                    show()
                );
                for w in warnings {
                    assert!(
                        codes.contains(w.code.as_str()),
                        "warning code {} not in the catalogue: {}",
                        w.code,
                        show()
                    );
                }
            }
            Item::Note(d) => {
                assert!(
                    codes.contains(d.code.as_str()),
                    "note code {}: {}",
                    d.code,
                    show()
                );
                assert_eq!(d.severity, Severity::Warning, "{d:?}: {}", show());
            }
            Item::Failed(d) => {
                assert!(
                    codes.contains(d.code.as_str()),
                    "failure code {} not in the catalogue: {}",
                    d.code,
                    show()
                );
                assert_eq!(d.severity, Severity::Error, "{d:?}: {}", show());
            }
        }
    }
    items.iter().filter(|i| i.article().is_some()).count()
}

/// Mutates each seed `iters` times (one to three mutations stacked) and checks every mutant,
/// also wrapped by `wrap` when given.
/// A compressor wrapped around the mutants.
type Wrap = fn(&[u8]) -> Vec<u8>;

fn fuzz(reader: &str, seeds: &[Vec<u8>], iters: usize, wrap: Option<Wrap>) {
    let codes: HashSet<&str> = CATALOGUE.iter().map(|(c, _, _)| *c).collect();
    let mut rng = Rng(seed()
        ^ reader
            .bytes()
            .fold(0u64, |h, b| h.rotate_left(5) ^ b as u64));
    let small = ReadOptions {
        max_record_bytes: 64 * 1024,
    };
    let default = ReadOptions::default();
    for (s, input) in seeds.iter().enumerate() {
        // The seed itself reads without failures.
        let plain = match wrap {
            Some(w) => w(input),
            None => input.clone(),
        };
        let mut items = Vec::new();
        read_bytes("seed", &plain, &default, &mut |i| items.push(i));
        assert!(
            !items.is_empty()
                && items.iter().all(|i| i.failure().is_none())
                && items.iter().any(|i| i.article().is_some()),
            "{reader} seed {s} does not read cleanly: {items:#?}"
        );
        check(&format!("{reader} seed {s}"), &plain, &default, &codes);
        // Mutants that still give an article: mutation must not only exercise the failure paths.
        let mut readable = 0;
        for i in 0..iters {
            let mut m = input.clone();
            let mut what = Vec::new();
            for _ in 0..1 + rng.below(3) {
                what.push(mutate(&mut rng, &mut m));
            }
            let opts = if rng.below(4) == 0 { &small } else { &default };
            let case = format!("{reader} seed {s} iteration {i}: {}", what.join(", "));
            match wrap {
                Some(w) => {
                    readable += usize::from(check(&case, &w(&m), opts, &codes) > 0);
                    // Damage to the compressed bytes themselves.
                    let mut c = w(input);
                    let what = mutate(&mut rng, &mut c);
                    check(&format!("{case}; compressed: {what}"), &c, opts, &codes);
                }
                None => {
                    readable += usize::from(check(&case, &m, opts, &codes) > 0);
                }
            }
        }
        assert!(
            readable * 4 >= iters,
            "{reader} seed {s}: only {readable} of {iters} mutants gave an article"
        );
    }
}

#[test]
fn news_records_survive_mutation() {
    fuzz("news-record", &[news_seed()], iterations(300), None);
}

#[test]
fn json_lines_survive_mutation() {
    fuzz("jsonl", &[jsonl_seed()], iterations(300), None);
}

#[test]
fn html_pages_survive_mutation() {
    fuzz("html", &[html_seed()], iterations(120), None);
}

#[test]
fn feeds_survive_mutation() {
    fuzz("feed", &[rss_seed(), atom_seed()], iterations(120), None);
}

#[test]
fn warc_archives_survive_mutation() {
    fuzz("warc", &[warc_seed()], iterations(100), None);
}

#[test]
fn compressed_inputs_survive_mutation() {
    let seeds = [news_seed(), jsonl_seed(), rss_seed()];
    fuzz("gzip", &seeds, iterations(40), Some(gzip));
    fuzz("zstd", &seeds, iterations(40), Some(zstd));
}
