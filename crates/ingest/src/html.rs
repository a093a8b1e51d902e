//! HTML article pages (`html/1`): one page, one article.
//!
//! # What is read
//! - **Body**: the main content, found readability-style. Boilerplate subtrees are skipped
//!   (`script`, `style`, `nav`, `header`, `footer`, `aside`, forms controls, hidden elements,
//!   navigation roles, and containers whose class or id says comments, share bars, related
//!   stories, ads, sidebars, …). The remaining text is cut into blocks (paragraphs, crossheads,
//!   list items, quotes, text directly in a `div`). Each paragraph-like block of 25 chars or more
//!   scores its ancestors (1 + commas + one per 100 chars, at most 3; divided by 1, 2, 6, 9, 12
//!   going up); a container's score is then damped by its link density. The best container,
//!   moved up to an ancestor that several near-best containers share, plus its siblings that
//!   score well or read as prose, is the article. Inside it, containers that look like
//!   boilerplate (link-heavy, image- or form-heavy, negatively named) are dropped. When that
//!   leaves under 500 chars, the page is read again without the class/id filters and the longer
//!   result is kept.
//! - **Metadata**: JSON-LD (`NewsArticle`, `Article`, `BlogPosting`, … also inside `@graph`):
//!   `headline`, `datePublished`, `author`, `articleSection`, `description`, `url`; OpenGraph and
//!   Twitter cards (`og:title`, `og:description`, `og:url`, `article:published_time`,
//!   `article:section`, `article:author`); other `<meta>` dates and authors; `<time datetime>`;
//!   `<title>`; `<html lang>`; `<link rel=canonical>`.
//! - **Charset**: a UTF-8 BOM; else a charset given by the container (a WARC record's HTTP
//!   header); else `<meta charset>` or `<meta http-equiv=Content-Type>` in the first 4 KiB; else
//!   UTF-8, with invalid bytes decoded as Windows-1252 (warning `I104`). A page declared as a
//!   single-byte legacy charset that is nevertheless valid UTF-8 with non-ASCII text is read as
//!   UTF-8 (a common mislabelling).
//!
//! # Canonical text
//! Headline, standfirst (the description, unless the body already opens with it), the captions
//! (`<figcaption>` or text inside `<figure>` within the article) and the body blocks, joined by
//! blank lines; zones Headline, Standfirst, Caption, Paragraph and Crosshead (`h2`–`h6`).
//! `source` (and so the id) is the canonical URL (`<link rel=canonical>`, `og:url`, JSON-LD
//! `url`, else the URL the container gives).
//!
//! # Errors
//! A page without an article (a section front, an error page, almost no prose) is one
//! `I009` failure: nothing is stored. A page larger than `max_record_bytes` is `I105`.
//! Parsing never fails and every walk over the tree is iterative, so deeply nested or malformed
//! markup costs time linear in its size.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Read;

use dateline_model::{Article, Diagnostic, Origin, ZoneKind};
use ego_tree::iter::Edge;
use encoding_rs::{Encoding, UTF_8};
use scraper::{Html, Node};

use crate::codes;
use crate::dates::{parse_timestamp, valid_iso_date};
use crate::text::{decode, not_utf8_warning, Zones};
use crate::{Item, ReadOptions};

/// The reader name and version recorded in [`Origin::reader`].
pub const READER: &str = "html/1";

/// Below this many chars of body text in long, prose-like blocks a page is not an article.
const MIN_PROSE_CHARS: usize = 250;
/// A first (strict) pass that yields less body text than this is retried without filters.
const RETRY_CHARS: usize = 500;

/// What a container (a WARC record, an HTTP response) knows about a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageHints {
    /// The URL the page was fetched from.
    pub url: Option<String>,
    /// The charset from the HTTP `Content-Type` header.
    pub charset: Option<String>,
    /// The fetch date (`YYYY-MM-DD…`), used only when the page gives no publication date.
    pub fetched: Option<String>,
}

/// Reads one HTML page from a stream (the page is held in memory, bounded by
/// [`ReadOptions::max_record_bytes`]).
pub(crate) fn read(name: &str, reader: impl Read, opts: &ReadOptions, sink: &mut dyn FnMut(Item)) {
    if let Some(buf) = crate::read::read_bounded(name, reader, opts, "HTML page", sink) {
        sink(read_html(name, &buf, &PageHints::default()));
    }
}

/// Reads one HTML page from bytes: the article, or an [`Item::Failed`] (`I009`) when the page
/// holds no article. `name` is used in diagnostics and as `Origin::path`.
pub fn read_html(name: &str, bytes: &[u8], hints: &PageHints) -> Item {
    let mut warnings = Vec::new();
    let (text, bad) = decode_page(bytes, hints.charset.as_deref());
    if let Some(off) = bad {
        warnings.push(not_utf8_warning(name, None, off as u64));
    }
    let doc = Html::parse_document(&text);
    let page = extract(&doc);
    match build(name, page, hints) {
        Ok(a) => Item::Article(Box::new(a), warnings),
        Err(d) => Item::Failed(d),
    }
}

// ---------------------------------------------------------------------------------------------
// Charset

/// Decodes a page: returns the text and, for UTF-8 with invalid bytes, the first bad offset.
fn decode_page<'a>(bytes: &'a [u8], hint: Option<&str>) -> (Cow<'a, str>, Option<usize>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (t, bad) = decode(rest);
        return (t, bad.map(|b| b + 3));
    }
    let declared = hint
        .and_then(|h| Encoding::for_label(h.trim().as_bytes()))
        .or_else(|| prescan_charset(&bytes[..bytes.len().min(4096)]));
    match declared {
        Some(enc)
            if enc != UTF_8
                && enc != encoding_rs::UTF_16LE
                && enc != encoding_rs::UTF_16BE
                && enc != encoding_rs::REPLACEMENT =>
        {
            if enc.is_single_byte() && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
                return decode(bytes);
            }
            let (t, _) = enc.decode_without_bom_handling(bytes);
            (t, None)
        }
        _ => decode(bytes),
    }
}

/// The charset of the first `<meta charset=…>` or `<meta http-equiv … content="…charset=…">`.
fn prescan_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"<meta") {
        let start = from + i;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let mut v = &tag[c + 7..];
            v = v.trim_ascii_start();
            if let Some(r) = v.strip_prefix(b"=") {
                let r = r.trim_ascii_start();
                let r = r
                    .strip_prefix(b"\"")
                    .or_else(|| r.strip_prefix(b"'"))
                    .unwrap_or(r);
                let len = r
                    .iter()
                    .position(|b| {
                        matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace()
                    })
                    .unwrap_or(r.len());
                if let Some(enc) = Encoding::for_label(&r[..len]) {
                    // UTF-16 declared in an ASCII-compatible byte stream means UTF-8.
                    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                        return Some(UTF_8);
                    }
                    return Some(enc);
                }
            }
        }
        from = end.max(start + 1);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

// ---------------------------------------------------------------------------------------------
// The walk: one iterative pass over the tree builds an arena of elements and the text blocks.

const NONE: u32 = u32::MAX;

/// Elements whose whole subtree is never content.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "select", "option", "button", "input", "textarea", "nav", "aside",
    "footer", "header", "head", "dialog", "menu", "map", "label",
];

/// Elements that start and end a text block.
const BLOCK_TAGS: &[&str] = &[
    "html",
    "body",
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "figure",
    "figcaption",
    "hr",
    "address",
    "form",
    "fieldset",
    "details",
    "summary",
    "center",
    "picture",
];

/// Class/id words of containers that are never the article (readability's "unlikely
/// candidates"), unless the words of [`MAYBE`] are there too.
const UNLIKELY: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
    "share",
    "newsletter",
    "subscribe",
    "cookie",
    "promo",
    "outbrain",
    "taboola",
    "recommend",
    "most-popular",
    "trending",
    "signup",
    "paywall-prompt",
    "byline",
    "author-bio",
];
const MAYBE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "mathjax", "shadow",
];
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
];
const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
    "byline",
    "newsletter",
    "caption",
    "credit",
];
const BAD_ROLES: &[&str] = &[
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
    "banner",
    "contentinfo",
    "search",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Para,
    H1,
    Heading,
    Item,
    Quote,
    Pre,
    Cell,
    Caption,
    Text,
}

#[derive(Debug)]
struct El<'a> {
    tag: &'a str,
    class: &'a str,
    parent: u32,
    /// Last descendant's arena index (arena is in document order).
    end: u32,
    weight: i32,
    text: u32,
    links: u32,
    commas: u32,
    p: u32,
    li: u32,
    img: u32,
    inputs: u32,
    embeds: u32,
    score: f64,
    scored: bool,
}

#[derive(Debug)]
struct Block {
    kind: Kind,
    text: String,
    chars: usize,
    links: usize,
    owner: u32,
}

/// Metadata gathered from the head and body.
#[derive(Debug, Default)]
struct Meta {
    /// `<meta>` by lower-cased property/name/itemprop; first wins.
    meta: HashMap<String, String>,
    canonical: Option<String>,
    title: Option<String>,
    lang: Option<String>,
    time: Option<String>,
    json_ld: Vec<String>,
}

struct Walk<'a> {
    els: Vec<El<'a>>,
    blocks: Vec<Block>,
}

fn contains_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

fn class_weight(class_id: &str) -> i32 {
    if class_id.is_empty() {
        return 0;
    }
    let mut w = 0;
    if contains_any(class_id, NEGATIVE) {
        w -= 25;
    }
    if contains_any(class_id, POSITIVE) {
        w += 25;
    }
    w
}

fn is_hidden(e: &scraper::node::Element) -> bool {
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

fn block_kind(tag: &str) -> Kind {
    match tag {
        "p" => Kind::Para,
        "h1" => Kind::H1,
        "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading,
        "li" | "dd" | "dt" => Kind::Item,
        "blockquote" => Kind::Quote,
        "pre" => Kind::Pre,
        "td" | "th" => Kind::Cell,
        "figcaption" => Kind::Caption,
        _ => Kind::Text,
    }
}

/// The text of an element's direct text children.
fn own_text(node: ego_tree::NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for c in node.children() {
        if let Node::Text(t) = c.value() {
            s.push_str(t);
        }
    }
    s
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn walk<'a>(doc: &'a Html, strict: bool, meta: Option<&mut Meta>) -> Walk<'a> {
    struct Frame {
        idx: u32,
        skipped_here: bool,
        block: bool,
        link: bool,
        figure: bool,
    }
    let mut meta = meta;
    let mut els: Vec<El<'a>> = Vec::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut frames: Vec<Frame> = Vec::new();
    let mut block_stack: Vec<u32> = Vec::new();
    let mut cur = String::new();
    let mut cur_links = 0usize;
    let mut cur_chars = 0usize;
    let mut space = false;
    let mut skip = 0u32;
    let mut links = 0u32;
    let mut figure = 0u32;

    let flush = |cur: &mut String,
                 cur_links: &mut usize,
                 cur_chars: &mut usize,
                 space: &mut bool,
                 blocks: &mut Vec<Block>,
                 els: &[El<'a>],
                 owner: u32,
                 figure: u32| {
        *space = false;
        if *cur_chars > 0 && owner != NONE {
            let mut kind = block_kind(els[owner as usize].tag);
            if figure > 0 {
                kind = Kind::Caption;
            }
            let text = std::mem::take(cur);
            let t = text.trim_end();
            blocks.push(Block {
                kind,
                text: t.to_string(),
                chars: *cur_chars,
                links: *cur_links,
                owner,
            });
        }
        cur.clear();
        *cur_links = 0;
        *cur_chars = 0;
    };

    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let tag = e.name();
                    if let Some(m) = meta.as_deref_mut() {
                        collect_meta(m, tag, e, node);
                    }
                    if skip > 0 {
                        frames.push(Frame {
                            idx: NONE,
                            skipped_here: false,
                            block: false,
                            link: false,
                            figure: false,
                        });
                        continue;
                    }
                    let class = e.attr("class").unwrap_or("");
                    let id = e.attr("id").unwrap_or("");
                    let class_id = if class.is_empty() && id.is_empty() {
                        String::new()
                    } else {
                        format!("{class} {id}").to_ascii_lowercase()
                    };
                    let protected = matches!(
                        tag,
                        "html"
                            | "body"
                            | "article"
                            | "main"
                            | "a"
                            | "table"
                            | "tbody"
                            | "tr"
                            | "td"
                            | "th"
                            | "p"
                    );
                    let mut skip_this = SKIP_TAGS.contains(&tag) || is_hidden(e);
                    if !skip_this && strict {
                        if let Some(role) = e.attr("role") {
                            skip_this = BAD_ROLES.contains(&role.trim());
                        }
                        if !skip_this
                            && !protected
                            && !class_id.is_empty()
                            && contains_any(&class_id, UNLIKELY)
                            && !contains_any(&class_id, MAYBE)
                        {
                            skip_this = true;
                        }
                    }
                    // Count media and controls on the enclosing element before skipping.
                    if let Some(f) = frames.last() {
                        if f.idx != NONE {
                            let p = &mut els[f.idx as usize];
                            match tag {
                                "img" | "picture" => p.img += 1,
                                "input" | "textarea" | "select" | "button" => p.inputs += 1,
                                "embed" | "object" | "iframe" | "video" => p.embeds += 1,
                                _ => {}
                            }
                        }
                    }
                    if skip_this {
                        let owner = block_stack.last().copied().unwrap_or(NONE);
                        flush(
                            &mut cur,
                            &mut cur_links,
                            &mut cur_chars,
                            &mut space,
                            &mut blocks,
                            &els,
                            owner,
                            figure,
                        );
                        skip += 1;
                        frames.push(Frame {
                            idx: NONE,
                            skipped_here: true,
                            block: false,
                            link: false,
                            figure: false,
                        });
                        continue;
                    }
                    let parent = frames
                        .iter()
                        .rev()
                        .find(|f| f.idx != NONE)
                        .map_or(NONE, |f| f.idx);
                    let idx = els.len() as u32;
                    els.push(El {
                        tag,
                        class,
                        parent,
                        end: idx,
                        weight: if strict { class_weight(&class_id) } else { 0 },
                        text: 0,
                        links: 0,
                        commas: 0,
                        p: u32::from(tag == "p"),
                        li: u32::from(tag == "li"),
                        img: 0,
                        inputs: 0,
                        embeds: 0,
                        score: 0.0,
                        scored: false,
                    });
                    let block = BLOCK_TAGS.contains(&tag);
                    let owner = block_stack.last().copied().unwrap_or(NONE);
                    if block || tag == "br" {
                        flush(
                            &mut cur,
                            &mut cur_links,
                            &mut cur_chars,
                            &mut space,
                            &mut blocks,
                            &els,
                            owner,
                            figure,
                        );
                    }
                    if block {
                        block_stack.push(idx);
                    }
                    let link = tag == "a";
                    links += u32::from(link);
                    let fig = tag == "figure" || tag == "figcaption";
                    figure += u32::from(fig);
                    frames.push(Frame {
                        idx,
                        skipped_here: false,
                        block,
                        link,
                        figure: fig,
                    });
                }
                Node::Text(t) if skip == 0 => {
                    let Some(owner_el) = frames.iter().rev().find(|f| f.idx != NONE) else {
                        continue;
                    };
                    let mut n = 0usize;
                    let mut commas = 0u32;
                    for c in t.chars() {
                        if c.is_whitespace() {
                            space = true;
                        } else {
                            if space && !cur.is_empty() {
                                cur.push(' ');
                            }
                            space = false;
                            cur.push(c);
                            n += 1;
                            if c == ',' || c == '，' {
                                commas += 1;
                            }
                        }
                    }
                    cur_chars += n;
                    if links > 0 {
                        cur_links += n;
                    }
                    let el = &mut els[owner_el.idx as usize];
                    el.text += n as u32;
                    el.commas += commas;
                    if links > 0 {
                        el.links += n as u32;
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if !matches!(node.value(), Node::Element(_)) {
                    continue;
                }
                let Some(f) = frames.pop() else { continue };
                if f.skipped_here {
                    skip -= 1;
                    continue;
                }
                if f.idx == NONE {
                    continue;
                }
                if f.block {
                    flush(
                        &mut cur,
                        &mut cur_links,
                        &mut cur_chars,
                        &mut space,
                        &mut blocks,
                        &els,
                        f.idx,
                        figure,
                    );
                    block_stack.pop();
                }
                if f.link {
                    links -= 1;
                }
                if f.figure {
                    figure -= 1;
                }
                let i = f.idx as usize;
                els[i].end = (els.len() - 1) as u32;
                let p = els[i].parent;
                if p != NONE {
                    let (text, l, c, pp, li, img, inp, emb) = {
                        let e = &els[i];
                        (
                            e.text, e.links, e.commas, e.p, e.li, e.img, e.inputs, e.embeds,
                        )
                    };
                    let pe = &mut els[p as usize];
                    pe.text += text;
                    pe.links += l;
                    pe.commas += c;
                    pe.p += pp;
                    pe.li += li;
                    pe.img += img;
                    pe.inputs += inp;
                    pe.embeds += emb;
                }
            }
        }
    }
    Walk { els, blocks }
}

fn collect_meta(
    m: &mut Meta,
    tag: &str,
    e: &scraper::node::Element,
    node: ego_tree::NodeRef<'_, Node>,
) {
    match tag {
        "meta" => {
            let key = e
                .attr("property")
                .or_else(|| e.attr("name"))
                .or_else(|| e.attr("itemprop"));
            if let (Some(k), Some(v)) = (key, e.attr("content")) {
                let v = v.trim();
                if !v.is_empty() {
                    m.meta
                        .entry(k.trim().to_ascii_lowercase())
                        .or_insert_with(|| v.to_string());
                }
            }
        }
        "link" => {
            if m.canonical.is_none() {
                let rel = e.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") {
                    if let Some(h) = e.attr("href").map(str::trim).filter(|h| !h.is_empty()) {
                        m.canonical = Some(h.to_string());
                    }
                }
            }
        }
        "script" => {
            if e.attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                && m.json_ld.len() < 32
            {
                m.json_ld.push(own_text(node));
            }
        }
        "title" => {
            if m.title.is_none() {
                let t = collapse(&own_text(node));
                if !t.is_empty() {
                    m.title = Some(t);
                }
            }
        }
        "html" => {
            if m.lang.is_none() {
                m.lang = e.attr("lang").map(str::to_string);
            }
        }
        "time" => {
            if m.time.is_none() {
                m.time = e.attr("datetime").map(str::to_string);
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// Choosing the article

/// What extraction found on a page.
#[derive(Debug, Default)]
struct Page {
    meta: Meta,
    body: Vec<(Kind, String)>,
    captions: Vec<String>,
    h1: Option<String>,
    /// Chars of body blocks that read as prose (long, few links).
    prose_chars: usize,
}

fn is_descendant(els: &[El], x: u32, s: u32) -> bool {
    s <= x && x <= els[s as usize].end
}

fn link_density(e: &El) -> f64 {
    if e.text == 0 {
        0.0
    } else {
        f64::from(e.links) / f64::from(e.text)
    }
}

fn tag_base(tag: &str) -> f64 {
    match tag {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Children of element `p` in the arena.
fn children(els: &[El], p: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let mut j = p + 1;
    while (j as usize) < els.len() && j <= els[p as usize].end {
        out.push(j);
        j = els[j as usize].end + 1;
    }
    out
}

/// The selected containers and the blocks of the article from one walk.
fn choose(w: &mut Walk<'_>, strict: bool) -> (Vec<(Kind, String)>, Vec<String>, Option<String>) {
    let els = &mut w.els;
    if els.is_empty() {
        return Default::default();
    }
    // Score ancestors of paragraph-like blocks.
    for b in &w.blocks {
        if !matches!(
            b.kind,
            Kind::Para | Kind::Pre | Kind::Cell | Kind::Text | Kind::Quote
        ) {
            continue;
        }
        if b.chars < 25 {
            continue;
        }
        let commas = b.text.matches([',', '，']).count() as f64;
        let content = 1.0 + commas + (b.chars as f64 / 100.0).floor().min(3.0);
        let mut a = els[b.owner as usize].parent;
        let mut level = 0;
        while a != NONE && level < 5 {
            let e = &mut els[a as usize];
            if !e.scored {
                e.scored = true;
                e.score = tag_base(e.tag) + f64::from(e.weight);
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => f64::from(l) * 3.0,
            };
            e.score += content / div;
            a = e.parent;
            level += 1;
        }
    }
    let mut cands: Vec<(f64, u32)> = Vec::new();
    for (i, e) in els.iter_mut().enumerate() {
        if e.scored {
            e.score *= 1.0 - link_density(e);
            cands.push((e.score, i as u32));
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let body = els
        .iter()
        .position(|e| e.tag == "body")
        .map_or(0, |i| i as u32);
    let Some(&(top_score, mut top)) = cands.first() else {
        return Default::default();
    };
    // Several near-best candidates under one ancestor: take the ancestor.
    let alts: Vec<u32> = cands[1..cands.len().min(5)]
        .iter()
        .filter(|(s, _)| *s / top_score.max(1e-9) >= 0.75)
        .map(|&(_, i)| i)
        .collect();
    if alts.len() >= 3 {
        let mut p = els[top as usize].parent;
        while p != NONE && p != body {
            let n = alts.iter().filter(|&&a| is_descendant(els, a, p)).count();
            if n >= 3 {
                top = p;
                break;
            }
            p = els[p as usize].parent;
        }
    }
    // Move up while the parent scores higher.
    {
        let mut last = els[top as usize].score;
        let threshold = last / 3.0;
        let mut p = els[top as usize].parent;
        while p != NONE && p != body {
            let pe = &els[p as usize];
            if !pe.scored {
                p = pe.parent;
                continue;
            }
            if pe.score < threshold {
                break;
            }
            if pe.score > last {
                top = p;
                break;
            }
            last = pe.score;
            p = pe.parent;
        }
    }
    // An only child: use the parent.
    loop {
        let p = els[top as usize].parent;
        if p == NONE || p == body || children(els, p).len() != 1 {
            break;
        }
        top = p;
    }
    // Siblings.
    let mut selected = vec![top];
    let parent = els[top as usize].parent;
    if parent != NONE {
        let top_score = els[top as usize].score;
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = els[top as usize].class;
        // The last text block of each element (for "ends like a sentence"), built once.
        let last_text: HashMap<u32, &str> = w
            .blocks
            .iter()
            .map(|b| (b.owner, b.text.as_str()))
            .collect();
        for s in children(els, parent) {
            if s == top {
                continue;
            }
            let e = &els[s as usize];
            let mut bonus = 0.0;
            if !top_class.is_empty() && e.class == top_class {
                bonus += top_score * 0.2;
            }
            let ok = if e.scored && e.score + bonus >= threshold {
                true
            } else if e.tag == "p" {
                let ld = link_density(e);
                let ends_sentence = last_text.get(&s).is_some_and(|t| t.ends_with('.'));
                let len = e.text as usize;
                (len > 80 && ld < 0.25) || (len > 0 && len <= 80 && ld == 0.0 && ends_sentence)
            } else {
                false
            };
            if ok {
                selected.push(s);
            }
        }
    }
    selected.sort_unstable();
    // Conditional cleaning inside the selection. The arena is in document order, so one pass
    // propagates "inside the selection" and "removed" from parents to children.
    let n = els.len();
    let mut is_sel = vec![false; n];
    for &s in &selected {
        is_sel[s as usize] = true;
    }
    let mut in_sel = vec![false; n];
    let mut dead = vec![false; n];
    for i in 0..n {
        let e = &els[i];
        let p = e.parent;
        let parent_in = p != NONE && in_sel[p as usize];
        in_sel[i] = is_sel[i] || parent_in;
        if p != NONE && dead[p as usize] {
            dead[i] = true;
            continue;
        }
        if parent_in {
            dead[i] = strict && remove_conditionally(e);
        }
    }
    let inside = |x: u32| in_sel[x as usize];
    let mut body_blocks = Vec::new();
    let mut captions = Vec::new();
    let mut h1 = None;
    // Captions may sit beside the body, in the container that holds it.
    let area = match parent {
        p if p != NONE && !matches!(els[p as usize].tag, "body" | "html") => p,
        _ => NONE,
    };
    let in_area = |x: u32| inside(x) || (area != NONE && is_descendant(els, x, area));
    for b in &w.blocks {
        let wanted = match b.kind {
            Kind::H1 => h1.is_none(),
            Kind::Caption => in_area(b.owner),
            _ => inside(b.owner),
        };
        if !wanted {
            continue;
        }
        if b.kind == Kind::H1 {
            if h1.is_none() {
                h1 = Some(b.text.clone());
            }
            continue;
        }
        if b.kind == Kind::Caption {
            if !in_area(b.owner) {
                continue;
            }
            if !captions.contains(&b.text) {
                captions.push(b.text.clone());
            }
            continue;
        }
        if dead[b.owner as usize] {
            continue;
        }
        // A block that is mostly a link is navigation ("Read more: …").
        if b.links * 2 > b.chars && b.kind != Kind::Heading {
            continue;
        }
        body_blocks.push((b.kind, b.text.clone()));
    }
    // Headings left dangling at the end are not content.
    while body_blocks.last().is_some_and(|(k, _)| *k == Kind::Heading) {
        body_blocks.pop();
    }
    (body_blocks, captions, h1)
}

/// Readability's "clean conditionally": containers inside the article that look like
/// boilerplate.
fn remove_conditionally(e: &El) -> bool {
    if matches!(e.tag, "h1" | "h2" | "h3") && e.weight < 0 {
        return true;
    }
    if !matches!(
        e.tag,
        "div" | "section" | "ul" | "ol" | "table" | "form" | "fieldset"
    ) {
        return false;
    }
    let weight = f64::from(e.weight);
    let score = if e.scored { e.score } else { 0.0 };
    if weight + score < 0.0 {
        return true;
    }
    if e.commas >= 10 {
        return false;
    }
    let is_list = matches!(e.tag, "ul" | "ol");
    let p = f64::from(e.p);
    let img = f64::from(e.img);
    let li = f64::from(e.li) - 100.0;
    let ld = link_density(e);
    let len = e.text;
    (img > 1.0 && p / img < 0.5)
        || (!is_list && li > p)
        || f64::from(e.inputs) > (p / 3.0).floor()
        || (!is_list && len < 25 && (e.img == 0 || e.img > 2))
        || (!is_list && weight < 25.0 && ld > 0.2)
        || (weight >= 25.0 && ld > 0.5)
        || (e.embeds == 1 && len < 75)
        || e.embeds > 1
}

// ---------------------------------------------------------------------------------------------
// Fragments (feed items): no page around them, so no boilerplate search.

/// The text blocks of an HTML fragment (a feed item's content), in document order, each with
/// its zone kind: headings are crossheads, `<figcaption>` and text inside `<figure>` captions,
/// everything else paragraphs. Skipped as on a page: scripts, styles, forms, hidden elements,
/// `nav`/`aside`/`header`/`footer`; and blocks that are mostly link text ("Continue reading",
/// "The post … appeared first on …"). Text directly in the fragment is a paragraph; `<br>`
/// ends a block. Parsing never fails and the walk is iterative.
pub(crate) fn fragment_blocks(html: &str) -> Vec<(ZoneKind, String)> {
    let doc = Html::parse_fragment(html);
    let w = walk(&doc, false, None);
    w.blocks
        .into_iter()
        .filter(|b| !(b.links * 2 > b.chars && b.kind != Kind::Heading))
        .filter(|b| !b.text.trim().is_empty())
        .map(|b| {
            let kind = match b.kind {
                Kind::H1 | Kind::Heading => ZoneKind::Crosshead,
                Kind::Caption => ZoneKind::Caption,
                _ => ZoneKind::Paragraph,
            };
            (kind, b.text)
        })
        .collect()
}

/// The text of an HTML fragment (tags dropped, entities decoded, whitespace collapsed): for
/// titles and other one-line fields that may carry markup.
pub(crate) fn fragment_text(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return collapse(html);
    }
    let doc = Html::parse_fragment(html);
    let mut s = String::new();
    for node in doc.tree.root().descendants() {
        if let Node::Text(t) = node.value() {
            s.push_str(t);
        }
    }
    collapse(&s)
}

/// Plain text with HTML character references decoded (`&rsquo;`, `&#8217;`, `&amp;`) and
/// whitespace collapsed; a `<` stays a `<` (no markup is interpreted).
pub(crate) fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return collapse(text);
    }
    fragment_text(&text.replace('<', "&lt;"))
}

fn extract(doc: &Html) -> Page {
    let mut meta = Meta::default();
    let mut w = walk(doc, true, Some(&mut meta));
    let (mut body, mut captions, mut h1) = choose(&mut w, true);
    let chars = |b: &[(Kind, String)]| b.iter().map(|(_, t)| t.len()).sum::<usize>();
    if chars(&body) < RETRY_CHARS {
        drop(w);
        let mut w2 = walk(doc, false, None);
        let (b2, c2, h2) = choose(&mut w2, false);
        if chars(&b2) > chars(&body) {
            body = b2;
            captions = c2;
            h1 = h1.or(h2);
        }
    }
    let prose_chars = body
        .iter()
        .filter(|(k, t)| *k != Kind::Heading && t.chars().count() >= 80)
        .map(|(_, t)| t.chars().count())
        .sum();
    Page {
        meta,
        body,
        captions,
        h1,
        prose_chars,
    }
}

// ---------------------------------------------------------------------------------------------
// JSON-LD

#[derive(Debug, Default)]
struct LdArticle {
    headline: Option<String>,
    published: Option<String>,
    authors: Vec<String>,
    section: Option<String>,
    description: Option<String>,
    url: Option<String>,
    is_article: bool,
}

fn is_article_type(t: &str) -> bool {
    let t = t.rsplit('/').next().unwrap_or(t);
    t.ends_with("Article") || matches!(t, "BlogPosting" | "LiveBlogPosting" | "Report")
}

fn ld_types(v: &serde_json::Value) -> Vec<&str> {
    match v.get("@type") {
        Some(serde_json::Value::String(s)) => vec![s.as_str()],
        Some(serde_json::Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).collect(),
        _ => Vec::new(),
    }
}

fn ld_string(v: Option<&serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::String(s) => {
            let s = collapse(s);
            (!s.is_empty()).then_some(s)
        }
        serde_json::Value::Array(a) => a.iter().find_map(|x| ld_string(Some(x))),
        serde_json::Value::Object(o) => ld_string(o.get("@id").or_else(|| o.get("url"))),
        _ => None,
    }
}

fn ld_names(v: Option<&serde_json::Value>, out: &mut Vec<String>) {
    match v {
        Some(serde_json::Value::String(s)) => {
            let s = collapse(s);
            if !s.is_empty() && !out.contains(&s) {
                out.push(s);
            }
        }
        Some(serde_json::Value::Array(a)) => {
            for x in a {
                if !matches!(x, serde_json::Value::Array(_)) {
                    ld_names(Some(x), out);
                }
            }
        }
        Some(serde_json::Value::Object(o)) => {
            if let Some(serde_json::Value::String(n)) = o.get("name") {
                ld_names(Some(&serde_json::Value::String(n.clone())), out);
            }
        }
        _ => {}
    }
}

/// The first article object in the page's JSON-LD blocks.
fn json_ld(blocks: &[String]) -> LdArticle {
    for raw in blocks {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(raw.trim()) else {
            continue;
        };
        // Iterative search through arrays and @graph.
        let mut stack = vec![&v];
        while let Some(x) = stack.pop() {
            match x {
                serde_json::Value::Array(a) => stack.extend(a.iter().rev()),
                serde_json::Value::Object(o) => {
                    if ld_types(x).iter().any(|t| is_article_type(t)) {
                        let mut authors = Vec::new();
                        ld_names(o.get("author"), &mut authors);
                        return LdArticle {
                            headline: ld_string(o.get("headline"))
                                .or_else(|| ld_string(o.get("name"))),
                            published: ld_string(o.get("datePublished")),
                            authors,
                            section: ld_string(o.get("articleSection")),
                            description: ld_string(o.get("description")),
                            url: ld_string(o.get("url"))
                                .or_else(|| ld_string(o.get("mainEntityOfPage"))),
                            is_article: true,
                        };
                    }
                    if let Some(g) = o.get("@graph") {
                        stack.push(g);
                    }
                }
                _ => {}
            }
        }
    }
    LdArticle::default()
}

// ---------------------------------------------------------------------------------------------
// Building the article

fn push_part(text: &mut String, part: &str) -> Option<(usize, usize)> {
    let t = part.trim();
    if t.is_empty() {
        return None;
    }
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    let s = text.len();
    text.push_str(t);
    Some((s, text.len()))
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//")
}

fn build(name: &str, page: Page, hints: &PageHints) -> Result<Article, Diagnostic> {
    let m = &page.meta;
    let ld = json_ld(&m.json_ld);
    let get = |k: &str| m.meta.get(k).map(|s| collapse(s)).filter(|s| !s.is_empty());
    let og_article = get("og:type").is_some_and(|t| t.eq_ignore_ascii_case("article"));
    let body_chars: usize = page.body.iter().map(|(_, t)| t.chars().count()).sum();
    let looks_article = ld.is_article || og_article;
    if page.prose_chars < MIN_PROSE_CHARS
        && !(looks_article && body_chars >= 100 && page.prose_chars > 0)
    {
        return Err(Diagnostic::error(
            codes::NO_ARTICLE,
            format!(
                "no article on this page ({} chars of prose found)",
                page.prose_chars
            ),
        )
        .in_file(name));
    }
    let headline = ld
        .headline
        .clone()
        .or_else(|| page.h1.clone())
        .or_else(|| get("og:title"))
        .or_else(|| get("twitter:title"))
        .or_else(|| m.title.clone());
    let first_para = page
        .body
        .iter()
        .find(|(k, _)| *k != Kind::Heading)
        .map(|(_, t)| t.as_str())
        .unwrap_or("");
    let standfirst = ld
        .description
        .clone()
        .or_else(|| get("og:description"))
        .or_else(|| get("description"))
        .or_else(|| get("twitter:description"))
        .filter(|d| {
            let d = d.trim_end_matches(['.', '…']).trim_end_matches("...");
            !first_para.starts_with(d) && Some(d) != headline.as_deref()
        });

    let mut text = String::new();
    let mut z = Zones::default();
    if let Some((s, e)) = headline.as_deref().and_then(|h| push_part(&mut text, h)) {
        z.add(&text, ZoneKind::Headline, s, e);
    }
    if let Some((s, e)) = standfirst.as_deref().and_then(|h| push_part(&mut text, h)) {
        z.add(&text, ZoneKind::Standfirst, s, e);
    }
    for c in &page.captions {
        if let Some((s, e)) = push_part(&mut text, c) {
            z.add(&text, ZoneKind::Caption, s, e);
        }
    }
    for (k, t) in &page.body {
        if let Some((s, e)) = push_part(&mut text, t) {
            let kind = if *k == Kind::Heading {
                ZoneKind::Crosshead
            } else {
                ZoneKind::Paragraph
            };
            z.add(&text, kind, s, e);
        }
    }

    let source = m
        .canonical
        .clone()
        .filter(|u| is_url(u))
        .or_else(|| get("og:url").filter(|u| is_url(u)))
        .or_else(|| ld.url.clone().filter(|u| is_url(u)))
        .or_else(|| hints.url.clone());
    let mut article = Article::new(text, source.clone());
    crate::text::set_zones(&mut article, z);

    // Publication date: the first candidate that parses.
    let date_keys = [
        "article:published_time",
        "og:published_time",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "publish-date",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "parsely-pub-date",
        "sailthru.date",
        "publication_date",
    ];
    let mut candidates: Vec<String> = Vec::new();
    candidates.extend(ld.published.clone());
    candidates.extend(date_keys.iter().filter_map(|k| get(k)));
    candidates.extend(m.time.clone());
    candidates.extend(hints.fetched.clone());
    for c in &candidates {
        let c = c.trim();
        if let Some(ts) = parse_timestamp(c) {
            article.published = Some(ts.date);
            article.published_time = ts.time;
            article.timezone = ts.timezone;
            break;
        }
        if c.len() >= 10 && c.is_char_boundary(10) && valid_iso_date(&c[..10]) {
            article.published = Some(c[..10].to_string());
            break;
        }
    }
    article.section = ld
        .section
        .clone()
        .or_else(|| get("article:section"))
        .or_else(|| get("section"));
    let byline = if !ld.authors.is_empty() {
        Some(ld.authors.join(", "))
    } else {
        get("author")
            .or_else(|| get("article:author"))
            .or_else(|| get("parsely-author"))
            .or_else(|| get("byl").map(|b| b.trim_start_matches("By ").to_string()))
            .filter(|a| !is_url(a))
    };
    article.byline = byline;
    if let Some(lang) = &m.lang {
        let l: String = lang
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase();
        if l.len() == 2 || l.len() == 3 {
            article.language = l;
        }
    }
    article.origin = Origin {
        path: Some(name.to_string()),
        url: source.or_else(|| hints.url.clone()),
        reader: READER.to_string(),
        ..Origin::default()
    };
    Ok(article)
}

#[cfg(test)]
mod tests;
