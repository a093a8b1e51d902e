//! Full-text and structured search over articles, quotes and events ([`Store::search`]).
//!
//! **Index.** Three SQLite FTS5 tables (migration 5): `fts_articles` (headline and canonical
//! text, external content over `articles`), `fts_quotes` (content and speaker) and `fts_events`
//! (evidence sentence, actor codes and names, CAMEO code and PLOVER category). Tokens are
//! Unicode words with case and diacritics folded and English (Porter) stemming, so `talks`
//! finds `talk`. [`index_article`] writes an article's index rows inside
//! [`Store::write_batch`]'s transaction: the index always holds exactly the stored rows.
//!
//! **Query language** (the `text` of a [`SearchQuery`]): words are ANDed; `"a quoted phrase"`
//! matches the words in order; `word*` matches words starting with `word`; `a OR b` matches
//! either; `-word` leaves out what contains it. Anything else is taken literally — there is
//! no syntax error: an unbalanced quote runs to the end, a lone operator is a word, and
//! punctuation only separates words. A few English function words (`the`, `of`, `to`, … —
//! [`STOPWORDS`]) are left out unless quoted or alone: they are in nearly every text, so they
//! narrow nothing, and ranking them costs a pass over nearly every row. Several plain words
//! also match as a phrase, and that match ranks higher, so `grain corridor` puts "the grain
//! corridor" before "a corridor for grain" (with function words left out, the other words
//! close together rank higher: `bank of england` favours "Bank of England").
//!
//! **Ranking.** BM25 (`bm25()` of FTS5; an article's headline weighs 3 times its text), higher
//! score first; hits of the different kinds are merged on that score. When more than
//! [`RANK_WINDOW`] records of a kind match (a very common word), the most recently stored
//! `RANK_WINDOW` of them are ranked and come first, and the rest follow, most recently stored
//! first: BM25 costs about a microsecond a row, and this bounds the cost of a common word. The
//! total counts every match. Without text, hits come newest first (publication date). The
//! scores are `bm25()`'s, computed by `dateline_bm25` (`rank.rs`), which keeps the phrases'
//! document frequencies and the rows' sizes per connection until the store changes.
//!
//! **Filters.** With text, each full-text match is checked against the filters by index
//! seeks on its key (`articles_by_seq`, `article_actors`, `events_by_key`, migration 6), so
//! a search costs in proportion to its matches. Without text, the records passing the filters
//! are gathered once into temporary tables (`temp.search_*`, filled inside the search's read
//! transaction and rolled back after it) and listed newest first; when events passing the
//! filters are many, the newest are found by walking the articles newest first instead.
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use dateline_model::{Analysis, Article, TextIndex, Zone, ZoneKind};
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::query::{
    check_actor, check_cameo, check_country, check_modality, check_range, invalid, like_contains,
    prefix_sql,
};
use crate::{effective_date_sql, Store, StoreError};

/// Bits of an `fts_quotes`/`fts_events` rowid that hold the record's position in its article:
/// rowid = `(articles.seq << 20) | idx`. Records past position 2^20 − 1 are not indexed.
pub(crate) const IDX_BITS: u32 = 20;
const IDX_MASK: i64 = (1 << IDX_BITS) - 1;

/// [`SearchQuery::limit`] when it is 0.
pub const DEFAULT_LIMIT: usize = 20;
/// The largest [`SearchQuery::limit`]; larger values are capped.
pub const MAX_LIMIT: usize = 200;

/// Marks the start and end of a highlighted match in FTS5's snippets (Unicode noncharacters:
/// never text).
const OPEN: char = '\u{FDD0}';
const CLOSE: char = '\u{FDD1}';
/// Longest snippet, in tokens (FTS5 allows up to 64).
const SNIPPET_TOKENS: [i64; 3] = [28, 48, 48];
/// Longest snippet of a search without text, in chars.
const PLAIN_SNIPPET_CHARS: usize = 240;

/// What a search hit is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    /// An article (headline and text).
    #[default]
    Article,
    /// A quotation (content and speaker).
    Quote,
    /// A coded event (evidence sentence, actors, codes).
    Event,
}

impl HitKind {
    /// Every kind, in the order hits of equal rank are listed.
    pub const ALL: [HitKind; 3] = [HitKind::Article, HitKind::Quote, HitKind::Event];

    /// The lower-case name (`article`, `quote`, `event`).
    pub fn name(self) -> &'static str {
        match self {
            HitKind::Article => "article",
            HitKind::Quote => "quote",
            HitKind::Event => "event",
        }
    }
}

impl fmt::Display for HitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for HitKind {
    type Err = StoreError;

    /// `article`, `quote` or `event` (case ignored; plurals accepted).
    fn from_str(s: &str) -> Result<HitKind, StoreError> {
        let k = s.trim().to_ascii_lowercase();
        match k.strip_suffix('s').unwrap_or(&k) {
            "article" => Ok(HitKind::Article),
            "quote" => Ok(HitKind::Quote),
            "event" => Ok(HitKind::Event),
            _ => Err(invalid(
                "kind",
                format!("`{s}` is not a kind of hit: use article, quote or event"),
            )),
        }
    }
}

/// What [`Store::search`] looks for. Every filter given must hold.
///
/// Filters on a record's own fields apply to that kind only, and a kind they do not apply to
/// is left out while they are set: `speaker` keeps quotes only; `cameo`, `plover` and
/// `modality` keep events only. `actor` and `country` apply to every kind: an event by its
/// source or target code, an article or quote by its article (which has an event with such
/// a source or target, or an entity with such an actor code). `from`/`to`, `section` and
/// `agency` apply through the article (events: `from`/`to` on the event's effective date, as
/// [`crate::EventFilter`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    /// Words and phrases (see the module documentation); empty: filters only, newest first.
    pub text: String,
    /// Which kinds of hits; empty: all.
    pub kinds: Vec<HitKind>,
    /// Actor code prefix (`RUS`, `RUSGOV`; ASCII case ignored).
    pub actor: Option<String>,
    /// Three-letter country code: actor codes starting with it.
    pub country: Option<String>,
    /// Quotes whose speaker's canonical name or words contain this (ASCII case ignored).
    pub speaker: Option<String>,
    /// Events whose CAMEO code starts with this (`04`, `036`).
    pub cameo: Option<String>,
    /// Events of this PLOVER category (case ignored).
    pub plover: Option<String>,
    /// Events of this modality: asserted, planned, hypothetical, negated, reported or
    /// uncertain.
    pub modality: Option<String>,
    /// On or after this date (`YYYY-MM-DD`, or a prefix: `2025-02`).
    pub from: Option<String>,
    /// On or before this date, inclusive; a prefix covers its whole period.
    pub to: Option<String>,
    /// Articles of this section (ASCII case ignored).
    pub section: Option<String>,
    /// Articles of this agency (ASCII case ignored).
    pub agency: Option<String>,
    /// Hits per page: 0 means [`DEFAULT_LIMIT`]; at most [`MAX_LIMIT`].
    pub limit: usize,
    /// Hits to skip (paging).
    pub offset: usize,
}

impl Default for SearchQuery {
    fn default() -> SearchQuery {
        SearchQuery {
            text: String::new(),
            kinds: Vec::new(),
            actor: None,
            country: None,
            speaker: None,
            cameo: None,
            plover: None,
            modality: None,
            from: None,
            to: None,
            section: None,
            agency: None,
            limit: DEFAULT_LIMIT,
            offset: 0,
        }
    }
}

/// One search hit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// Article, quote or event.
    pub kind: HitKind,
    /// The article (of the quote or event).
    pub article_id: String,
    /// Position of the quote or event in its article (`None` for articles).
    pub index: Option<u32>,
    /// The article's publication date (a search without text lists newest first by it). An
    /// event's own date is [`SearchHit::event_date`].
    pub date: Option<String>,
    /// The article's headline.
    pub headline: Option<String>,
    /// The matching passage (whitespace collapsed): of the article's text, the quote, or the
    /// event's evidence sentence. Without search text: the start of the article's standfirst
    /// or first paragraph, the quote, the evidence.
    pub snippet: String,
    /// `[start, end)` char ranges of the matched words in `snippet`.
    pub highlights: Vec<(u32, u32)>,
    /// Relevance, higher is better (BM25); 0 without search text.
    pub score: f64,
    /// Events: CAMEO code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    /// Events: PLOVER category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
    /// Events: modality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modality: Option<String>,
    /// Events: source actor code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_code: Option<String>,
    /// Events: source actor's canonical name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_name: Option<String>,
    /// Events: target actor code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_code: Option<String>,
    /// Events: target actor's canonical name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_name: Option<String>,
    /// Events: the event's own date (TIMEX3), when the text gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_date: Option<String>,
    /// Quotes: the speaker's canonical name, else the speaker's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
}

/// One page of hits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Hits in all, over every page.
    pub total: u64,
    /// This page's hits, best (or newest) first.
    pub hits: Vec<SearchHit>,
}

// ---------------------------------------------------------------- writing the index

/// Writes the index rows of one newly stored article, inside the caller's transaction.
/// `seq` is the article's `articles.seq`.
pub(crate) fn index_article(
    tx: &Transaction<'_>,
    seq: i64,
    article: &Article,
    analysis: &Analysis,
) -> rusqlite::Result<()> {
    // External content: exactly the values of the `articles` row.
    tx.prepare_cached("INSERT INTO fts_articles (rowid, headline, text) VALUES (?1, ?2, ?3)")?
        .execute(params![seq, article.headline(), article.text])?;
    if let Some(quotes) = &analysis.quotes {
        let mut st = tx.prepare_cached(
            "INSERT INTO fts_quotes (rowid, content, speaker) VALUES (?1, ?2, ?3)",
        )?;
        for (i, q) in quotes.iter().enumerate().take(IDX_MASK as usize + 1) {
            let sp = q.speaker.as_ref();
            let speaker = format!(
                "{}\n{}",
                sp.and_then(|s| s.name.as_deref()).unwrap_or(""),
                sp.map(|s| s.text.as_str()).unwrap_or("")
            );
            st.execute(params![(seq << IDX_BITS) | i as i64, q.text, speaker])?;
        }
    }
    if let Some(events) = &analysis.events {
        let mut st = tx.prepare_cached(
            "INSERT INTO fts_events (rowid, evidence, actors, codes) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let ix = (!events.is_empty()).then(|| TextIndex::new(&article.text));
        for (i, e) in events.iter().enumerate().take(IDX_MASK as usize + 1) {
            // The first mention's sentence, as migration 5 cuts it with substr().
            let evidence = match (e.mentions.first(), &ix) {
                (Some(m), Some(ix)) if m.sentence_span.end > m.sentence_span.start => {
                    ix.slice(&article.text, m.sentence_span)
                }
                _ => "",
            };
            let (sc, sn) = actor_fields(e.source.as_ref());
            let (tc, tn) = actor_fields(e.target.as_ref());
            let actors = format!("{sc}\n{sn}\n{tc}\n{tn}");
            let codes = format!("{}\n{}", e.cameo, e.plover.as_deref().unwrap_or(""));
            st.execute(params![
                (seq << IDX_BITS) | i as i64,
                evidence,
                actors,
                codes
            ])?;
        }
    }
    // The article's actor codes, from the rows just written, as migration 6 fills them in.
    tx.prepare_cached(
        "INSERT OR IGNORE INTO article_actors (seq, code) SELECT ?1, code FROM ( \
           SELECT source_code AS code FROM events WHERE article_id = ?2 \
           UNION ALL SELECT target_code FROM events WHERE article_id = ?2 \
           UNION ALL SELECT actor FROM entities WHERE article_id = ?2) \
         WHERE code IS NOT NULL",
    )?
    .execute(params![seq, article.id.as_str()])?;
    Ok(())
}

/// An event side's code and name, empty when absent.
fn actor_fields(a: Option<&dateline_model::ActorRef>) -> (&str, &str) {
    (
        a.map(|a| a.code.as_str()).unwrap_or(""),
        a.and_then(|a| a.name.as_deref()).unwrap_or(""),
    )
}

// ---------------------------------------------------------------- the query language

/// One term of the user's query.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    text: String,
    phrase: bool,
    prefix: bool,
    negated: bool,
}

impl Term {
    /// A bare `AND`/`OR`: an operator when it stands between two terms.
    fn operator(&self) -> Option<&'static str> {
        if self.phrase || self.prefix || self.negated {
            return None;
        }
        match self.text.as_str() {
            "AND" => Some("AND"),
            "OR" => Some("OR"),
            _ => None,
        }
    }

    /// The term as an FTS5 string (quoted, so nothing in it is syntax).
    fn fts(&self) -> String {
        format!(
            "\"{}\"{}",
            self.text.replace('"', "\"\""),
            if self.prefix { "*" } else { "" }
        )
    }

    /// True when the tokenizer finds a word in it.
    fn searchable(&self) -> bool {
        self.text.chars().any(char::is_alphanumeric)
    }
}

/// Splits the user's text into terms.
fn lex(input: &str) -> Vec<Term> {
    let chars: Vec<char> = input.chars().collect();
    let n = chars.len();
    let mut terms = Vec::new();
    let mut i = 0;
    while i < n {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let negated = chars[i] == '-' && i + 1 < n && !chars[i + 1].is_whitespace();
        if negated {
            i += 1;
        }
        if chars[i] == '"' {
            i += 1;
            let start = i;
            while i < n && chars[i] != '"' {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            i = (i + 1).min(n);
            let prefix = i < n && chars[i] == '*';
            while i < n && chars[i] == '*' {
                i += 1;
            }
            terms.push(Term {
                text,
                phrase: true,
                prefix,
                negated,
            });
        } else {
            let start = i;
            while i < n && !chars[i].is_whitespace() && chars[i] != '"' {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let text = word.trim_end_matches('*');
            terms.push(Term {
                prefix: text.len() < word.len(),
                text: text.to_string(),
                phrase: false,
                negated,
            });
        }
    }
    terms
}

/// The FTS5 expressions of the user's text, `None` when it holds no searchable word.
///
/// Groups of terms joined by `OR` are ANDed; `-terms` are subtracted with `NOT`. The first
/// expression (the matcher) selects and counts the rows; the second (the ranker) selects the
/// same rows but, for two to eight plain words, adds the words as a phrase (an extra `OR`
/// branch), so that rows holding the phrase get its BM25 weight too.
pub(crate) fn fts_expression(input: &str) -> Option<Expr> {
    let terms = lex(input);
    let is_op = |i: usize| -> Option<&'static str> {
        let op = terms[i].operator()?;
        let term_at = |j: usize| terms.get(j).is_some_and(|t| t.operator().is_none());
        (i > 0 && term_at(i - 1) && term_at(i + 1)).then_some(op)
    };
    let mut groups: Vec<Vec<&Term>> = Vec::new();
    let mut negs: Vec<&Term> = Vec::new();
    let mut join_next = false;
    for (i, t) in terms.iter().enumerate() {
        match is_op(i) {
            Some("OR") => {
                join_next = true;
                continue;
            }
            Some(_) => continue,
            None => {}
        }
        let join = std::mem::take(&mut join_next);
        if !t.searchable() {
            continue;
        }
        if t.negated {
            negs.push(t);
        } else if join && !groups.is_empty() {
            groups.last_mut().expect("not empty").push(t);
        } else {
            groups.push(vec![t]);
        }
    }
    if groups.is_empty() {
        return None;
    }
    // English function words add nothing to a match but cost a pass over a doclist that
    // holds nearly every row (BM25 counts every phrase's rows): left out unless quoted, or
    // unless the query is nothing else.
    let plain_word = |g: &Vec<&Term>| g.len() == 1 && !g[0].phrase && !g[0].prefix;
    let stop = |g: &Vec<&Term>| plain_word(g) && is_stopword(&g[0].text);
    let mut dropped = 0;
    if groups.iter().any(|g| !stop(g)) {
        let before = groups.len();
        groups.retain(|g| !stop(g));
        dropped = before - groups.len();
    }
    let all = groups
        .iter()
        .map(|g| {
            let alts: Vec<String> = g.iter().map(|t| t.fts()).collect();
            if alts.len() == 1 {
                alts.into_iter().next().expect("one")
            } else {
                format!("({})", alts.join(" OR "))
            }
        })
        .collect::<Vec<_>>()
        .join(" AND ");
    let plain = groups.iter().all(plain_word);
    let mut ranker = if plain && (2..=8).contains(&groups.len()) {
        let words: Vec<&str> = groups.iter().map(|g| g[0].text.as_str()).collect();
        let near = if dropped == 0 {
            // The words side by side, in order.
            Term {
                text: words.join(" "),
                phrase: true,
                prefix: false,
                negated: false,
            }
            .fts()
        } else {
            // With the function words left out: the words that many tokens apart at most.
            let quoted: Vec<String> = groups.iter().map(|g| g[0].fts()).collect();
            format!("NEAR({}, {dropped})", quoted.join(" "))
        };
        format!("{near} OR ({all})")
    } else {
        all.clone()
    };
    let mut matcher = all;
    if !negs.is_empty() {
        let n: Vec<String> = negs.iter().map(|t| t.fts()).collect();
        let n = n.join(" OR ");
        matcher = format!("({matcher}) NOT ({n})");
        ranker = format!("({ranker}) NOT ({n})");
    }
    Some(Expr { matcher, ranker })
}

/// English function words that a search leaves out unless they are quoted or the whole query.
pub const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
    "have", "in", "into", "is", "it", "its", "of", "on", "or", "than", "that", "the", "their",
    "this", "to", "was", "were", "with",
];

/// True for a word of [`STOPWORDS`] (ASCII case ignored).
fn is_stopword(word: &str) -> bool {
    STOPWORDS.iter().any(|s| s.eq_ignore_ascii_case(word))
}

/// The two FTS5 expressions of a search text (see [`fts_expression`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Expr {
    matcher: String,
    pub(crate) ranker: String,
}

/// A snippet with FTS5's markers turned into char ranges, whitespace runs collapsed to one
/// space and the ends trimmed.
fn unmark(marked: &str) -> (String, Vec<(u32, u32)>) {
    let mut out = String::with_capacity(marked.len());
    let mut len: u32 = 0;
    let mut ranges = Vec::new();
    // Inside a highlight: `Some(None)` until its first char is written, then its start.
    let mut open: Option<Option<u32>> = None;
    let mut space = false;
    for c in marked.chars() {
        match c {
            OPEN => open = Some(None),
            CLOSE => {
                if let Some(Some(start)) = open.take() {
                    ranges.push((start, len));
                }
            }
            c if c.is_whitespace() => space = true,
            c => {
                if space && len > 0 {
                    out.push(' ');
                    len += 1;
                }
                space = false;
                if let Some(None) = open {
                    open = Some(Some(len));
                }
                out.push(c);
                len += 1;
            }
        }
    }
    (out, ranges)
}

/// The start of `text`, whitespace collapsed, cut at a word boundary near `max` chars.
fn plain_snippet(text: &str) -> String {
    let (flat, _) = unmark(text);
    if flat.chars().count() <= PLAIN_SNIPPET_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(PLAIN_SNIPPET_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(b) if b > PLAIN_SNIPPET_CHARS / 2 => &cut[..b],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

// ---------------------------------------------------------------- the search

/// Matches of one kind beyond this many are not all ranked: the most recently stored
/// `RANK_WINDOW` are ranked by BM25 and listed first, the others follow, newest first. BM25
/// costs about a microsecond a row; this bounds a common word's search (see
/// docs/benchmarks.md). The total still counts every match.
pub const RANK_WINDOW: usize = 1_000;

/// A checked, normalised query.
struct Plan {
    /// The FTS5 expressions; `None` for a search by filters only.
    expr: Option<Expr>,
    kinds: Vec<HitKind>,
    actors: Vec<String>,
    speaker: Option<String>,
    cameo: Option<String>,
    plover: Option<String>,
    modality: Option<String>,
    from: Option<String>,
    to: Option<String>,
    section: Option<String>,
    agency: Option<String>,
    limit: usize,
    offset: usize,
}

impl Plan {
    /// Checks `q`; `Ok(None)` when the text holds no searchable word (nothing can match).
    fn new(q: &SearchQuery) -> Result<Option<Plan>, StoreError> {
        let nonempty = |field: &'static str, v: &Option<String>| -> Result<_, StoreError> {
            match v.as_deref().map(str::trim) {
                Some("") => Err(invalid(field, "empty value: leave it out instead".into())),
                v => Ok(v.map(String::from)),
            }
        };
        let mut actors = Vec::new();
        if let Some(a) = &q.actor {
            actors.push(check_actor("actor", a)?);
        }
        if let Some(c) = &q.country {
            actors.push(check_country(c)?);
        }
        let (from, to) = check_range(q.from.as_deref(), q.to.as_deref())?;
        let speaker = nonempty("speaker", &q.speaker)?;
        let cameo = q.cameo.as_deref().map(check_cameo).transpose()?;
        let plover = nonempty("plover", &q.plover)?;
        let modality = q.modality.as_deref().map(check_modality).transpose()?;
        let section = nonempty("section", &q.section)?;
        let agency = nonempty("agency", &q.agency)?;
        let event_only = cameo.is_some() || plover.is_some() || modality.is_some();
        let mut kinds: Vec<HitKind> = HitKind::ALL
            .into_iter()
            .filter(|k| q.kinds.is_empty() || q.kinds.contains(k))
            .collect();
        kinds.retain(|k| match k {
            HitKind::Article => speaker.is_none() && !event_only,
            HitKind::Quote => !event_only,
            HitKind::Event => speaker.is_none(),
        });
        let expr = if q.text.trim().is_empty() {
            None
        } else {
            match fts_expression(&q.text) {
                Some(e) => Some(e),
                None => return Ok(None),
            }
        };
        Ok(Some(Plan {
            expr,
            kinds,
            actors,
            speaker,
            cameo,
            plover,
            modality,
            from,
            to,
            section,
            agency,
            limit: match q.limit {
                0 => DEFAULT_LIMIT,
                n => n.min(MAX_LIMIT),
            },
            offset: q.offset,
        }))
    }

    /// Filters that select articles (and, through them, quotes).
    fn filters_articles(&self) -> bool {
        self.from.is_some()
            || self.to.is_some()
            || self.section.is_some()
            || self.agency.is_some()
            || !self.actors.is_empty()
    }

    /// Filters that select events.
    fn filters_events(&self) -> bool {
        !self.actors.is_empty()
            || self.cameo.is_some()
            || self.plover.is_some()
            || self.modality.is_some()
            || self.from.is_some()
            || self.to.is_some()
            || self.section.is_some()
            || self.agency.is_some()
    }
}

/// The temporary tables that hold the records passing the filters of a search without text,
/// one search at a time on a connection (inside the search's read transaction, rolled back
/// after it): article `seq`s (with their ids), and quote and event keys (`seq << 20 | idx`),
/// each with its publication date. They have no date index (filling one costs more than it
/// saves): records of a set of articles are listed newest first by walking the
/// `articles_by_date` index and probing the set, which stops after one page.
const SEARCH_SETS: &str = "
CREATE TEMP TABLE IF NOT EXISTS search_articles (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, published TEXT);
CREATE TEMP TABLE IF NOT EXISTS search_quotes (key INTEGER PRIMARY KEY, published TEXT);
CREATE TEMP TABLE IF NOT EXISTS search_events (key INTEGER PRIMARY KEY, published TEXT);
";

/// Which filtered set a kind's hits must belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Set {
    /// No filter: every record of the kind.
    All,
    /// Records of the articles in `temp.search_articles`.
    Articles,
    /// The quotes in `temp.search_quotes`.
    Quotes,
    /// The events passing the event filters: those in `temp.search_events`, or found by a
    /// walk ([`Sizes::events_walk`]).
    Events,
}

/// The FTS5 table of a kind and its BM25 column weights (an article's headline weighs 3).
pub(crate) fn fts_table(kind: HitKind) -> (&'static str, &'static str) {
    match kind {
        HitKind::Article => ("fts_articles", "3.0, 1.0"),
        HitKind::Quote => ("fts_quotes", "1.0, 1.0"),
        HitKind::Event => ("fts_events", "1.0, 1.0, 1.0"),
    }
}

/// The content table of a kind's records.
fn record_table(kind: HitKind) -> &'static str {
    match kind {
        HitKind::Quote => "quotes",
        _ => "events",
    }
}

/// The conditions a text match of `kind` (FTS row id `key`) must meet to pass the plan's
/// filters, as `" AND …"` (empty without filters), its parameters appended to `values`.
///
/// Each is a correlated `EXISTS` that costs one or two index seeks per match, so a search
/// costs in proportion to its text matches, however many records the filters select alone
/// (`coffee` from March to June: 3,400 matches, not the 90,000 articles of those months).
fn probes(plan: &Plan, kind: HitKind, key: &str, values: &mut Vec<Value>) -> String {
    let mut conds = Vec::new();
    let seq = match kind {
        HitKind::Article => key.to_string(),
        _ => format!("({key} >> {IDX_BITS})"),
    };
    // The record's row, through its article's id (the rows are keyed on it).
    let record = |table: &str, alias: &str, conds: &[String]| {
        format!(
            "EXISTS (SELECT 1 FROM articles a INDEXED BY articles_by_seq \
             CROSS JOIN {table} \
               ON {alias}.article_id = a.id AND {alias}.idx = ({key} & {IDX_MASK}) \
             WHERE a.seq = {seq} AND {})",
            conds.join(" AND ")
        )
    };
    match kind {
        HitKind::Article | HitKind::Quote => {
            let mut fields = Vec::new();
            date_range("a.published", plan, &mut fields, values);
            section_agency(plan, &mut fields, values);
            if !fields.is_empty() {
                conds.push(format!(
                    "EXISTS (SELECT 1 FROM articles a INDEXED BY articles_by_seq \
                     WHERE a.seq = {seq} AND {})",
                    fields.join(" AND ")
                ));
            }
            for actor in &plan.actors {
                let code = prefix_sql("x.code", actor, values);
                conds.push(format!(
                    "EXISTS (SELECT 1 FROM article_actors x WHERE x.seq = {seq} AND {code})"
                ));
            }
            if let (HitKind::Quote, Some(sp)) = (kind, &plan.speaker) {
                let pat = like_contains(sp);
                values.extend([Value::Text(pat.clone()), Value::Text(pat)]);
                conds.push(record(
                    "quotes q",
                    "q",
                    &[
                        "(q.speaker_name LIKE ? ESCAPE '\\' OR q.speaker_text LIKE ? ESCAPE '\\')"
                            .to_string(),
                    ],
                ));
            }
        }
        HitKind::Event => {
            let fields = event_conds(plan, values);
            if !fields.is_empty() {
                // `events_by_key` holds every field an event filter reads.
                conds.push(record("events e INDEXED BY events_by_key", "e", &fields));
            }
        }
    }
    conds.iter().map(|c| format!(" AND {c}")).collect()
}

/// The conditions of the plan's event filters on the event `e` of the article `a`.
fn event_conds(plan: &Plan, values: &mut Vec<Value>) -> Vec<String> {
    let mut conds = Vec::new();
    for actor in &plan.actors {
        let s = prefix_sql("e.source_code", actor, values);
        let t = prefix_sql("e.target_code", actor, values);
        conds.push(format!("({s} OR {t})"));
    }
    if let Some(c) = &plan.cameo {
        conds.push(prefix_sql("e.cameo", c, values));
    }
    if let Some(p) = &plan.plover {
        conds.push("e.plover = ? COLLATE NOCASE".into());
        values.push(Value::Text(p.clone()));
    }
    if let Some(m) = &plan.modality {
        // `+`: not through the modality index (most events are asserted).
        conds.push("+e.modality = ?".into());
        values.push(Value::Text(m.clone()));
    }
    // Dates: the event's effective period overlaps [from, to], as in `Store::events`.
    if let Some(f) = &plan.from {
        let eff_to = effective_date_sql("e.date", "e.published", true);
        conds.push(format!("{eff_to} || char(1114111) >= ?"));
        values.push(Value::Text(f.clone()));
    }
    if let Some(t) = &plan.to {
        let eff_from = effective_date_sql("e.date", "e.published", false);
        conds.push(format!("{eff_from} <= ?"));
        values.push(Value::Text(format!("{t}\u{10FFFF}")));
    }
    section_agency(plan, &mut conds, values);
    conds
}

/// The conditions of the plan's publication-date range on `column`.
fn date_range(column: &str, plan: &Plan, conds: &mut Vec<String>, values: &mut Vec<Value>) {
    if let Some(from) = &plan.from {
        conds.push(format!("{column} >= ?"));
        values.push(Value::Text(from.clone()));
    }
    if let Some(to) = &plan.to {
        conds.push(format!("{column} <= ?"));
        values.push(Value::Text(format!("{to}\u{10FFFF}")));
    }
}

/// A hit before its details are read.
#[derive(Debug, Clone)]
struct Candidate {
    kind: HitKind,
    /// `articles.seq` for an article, `seq << 20 | idx` for a quote or event.
    key: i64,
    /// 0: ranked by score (or a search without text); 1: a match beyond the ranking window.
    tier: u8,
    score: f64,
    date: Option<String>,
}

impl Candidate {
    fn seq(&self) -> i64 {
        match self.kind {
            HitKind::Article => self.key,
            _ => self.key >> IDX_BITS,
        }
    }
}

/// The order of hits. With text: ranked hits by score (best first), then the matches beyond
/// the ranking window, most recently stored first. Without text: newest publication date
/// first (undated last), then most recently stored. Ties: article, quote, event; then the
/// later record.
fn rank(a: &Candidate, b: &Candidate) -> Ordering {
    let newer = match (&a.date, &b.date) {
        (Some(x), Some(y)) => y.cmp(x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    let first = match (a.tier, b.tier) {
        (0, 0) => b.score.total_cmp(&a.score).then(newer),
        (x, y) => x.cmp(&y),
    };
    first
        .then_with(|| b.seq().cmp(&a.seq()))
        .then_with(|| a.kind.cmp(&b.kind))
        .then_with(|| b.key.cmp(&a.key))
}

impl Store {
    /// Full-text and structured search over articles, quotes and events (see the module
    /// documentation for the query language and ranking, and [`SearchQuery`] for the
    /// filters): one page of hits, best first (newest first without text), and the total.
    ///
    /// Fails with [`StoreError::InvalidQuery`] for an unknown modality, a malformed date or
    /// code, or an empty filter value; never for the search text.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults, StoreError> {
        let Some(plan) = Plan::new(q)? else {
            return Ok(SearchResults::default());
        };
        if plan.kinds.is_empty() {
            return Ok(SearchResults::default());
        }
        let err = |e| self.err(e);
        let want = plan.offset.saturating_add(plan.limit);
        // One snapshot for the counts and the hits; dropping it rolls the sets back.
        let tx = self.conn.unchecked_transaction().map_err(err)?;
        // Filters are sets only without text; a text search checks its matches instead.
        let sets = match plan.expr {
            Some(_) => {
                // The cached document frequencies hold for this snapshot only.
                self.doc_freqs.check(&self.conn).map_err(err)?;
                Sizes::default()
            }
            None => {
                // Writes to the temporary sets only: they do not change what is ranked.
                let before = self.conn.total_changes();
                let filled = self
                    .conn
                    .execute_batch(SEARCH_SETS)
                    .map_err(err)
                    .and_then(|()| self.fill_sets(&plan, want));
                self.doc_freqs
                    .temporary_changes(self.conn.total_changes().wrapping_sub(before));
                filled?
            }
        };
        let mut total = 0u64;
        let mut candidates: Vec<Candidate> = Vec::new();
        for &kind in &plan.kinds {
            let n = match &plan.expr {
                Some(expr) => self.ranked(&plan, kind, expr, want, &mut candidates)?,
                None => {
                    let set = match kind {
                        HitKind::Article if sets.articles.is_some() => Set::Articles,
                        HitKind::Quote if sets.quotes.is_some() => Set::Quotes,
                        HitKind::Quote if sets.articles.is_some() => Set::Articles,
                        HitKind::Event if sets.events.is_some() => Set::Events,
                        _ => Set::All,
                    };
                    self.newest(&plan, kind, set, &sets, want, &mut candidates)?
                }
            };
            total += n;
        }
        candidates.sort_by(rank);
        let hits = candidates
            .into_iter()
            .skip(plan.offset)
            .take(plan.limit)
            .map(|c| self.hit(&plan, &c))
            .collect::<Result<Vec<_>, _>>()?;
        drop(tx);
        Ok(SearchResults { total, hits })
    }

    /// Fills the temporary sets the plan's filters need for a page ending at `want`; their
    /// sizes.
    fn fill_sets(&self, plan: &Plan, want: usize) -> Result<Sizes, StoreError> {
        let err = |e| self.err(e);
        self.conn
            .execute_batch(
                "DELETE FROM temp.search_articles; DELETE FROM temp.search_quotes; \
                 DELETE FROM temp.search_events;",
            )
            .map_err(err)?;
        let mut sizes = Sizes::default();
        let has = |k: HitKind| plan.kinds.contains(&k);
        let run = |sql: &str, values: &[Value]| -> Result<u64, StoreError> {
            self.conn
                .prepare_cached(sql)
                .and_then(|mut st| st.execute(rusqlite::params_from_iter(values.iter())))
                .map(|n| n as u64)
                .map_err(err)
        };
        if (has(HitKind::Article) || has(HitKind::Quote)) && plan.filters_articles() {
            let mut conds = Vec::new();
            let mut values = Vec::new();
            date_range("a.published", plan, &mut conds, &mut values);
            section_agency(plan, &mut conds, &mut values);
            for actor in &plan.actors {
                // An event with a side, or an entity, whose code starts with the actor: a
                // range of `article_actors_by_code`.
                let code = prefix_sql("code", actor, &mut values);
                conds.push(format!(
                    "a.seq IN (SELECT seq FROM article_actors WHERE {code})"
                ));
            }
            let sql = format!(
                "INSERT INTO temp.search_articles (seq, id, published) \
                 SELECT a.seq, a.id, a.published FROM articles a WHERE {}",
                conds.join(" AND ")
            );
            sizes.articles = Some(run(&sql, &values)?);
        }
        if has(HitKind::Quote) {
            if let Some(sp) = &plan.speaker {
                let pat = like_contains(sp);
                let mut sql = String::from(
                    "INSERT INTO temp.search_quotes (key, published) \
                     SELECT (a.seq << 20) | q.idx, a.published \
                     FROM quotes q CROSS JOIN articles a INDEXED BY articles_by_id \
                       ON a.id = q.article_id \
                     WHERE (q.speaker_name LIKE ?1 ESCAPE '\\' OR q.speaker_text LIKE ?1 ESCAPE '\\')",
                );
                if sizes.articles.is_some() {
                    sql.push_str(" AND a.seq IN (SELECT seq FROM temp.search_articles)");
                }
                sizes.quotes = Some(run(&sql, &[Value::Text(pat)])?);
            }
        }
        if has(HitKind::Event) && plan.filters_events() {
            let n = self.count_events(plan)?;
            let articles: i64 = self
                .conn
                .prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM articles")
                .and_then(|mut st| st.query_row([], |r| r.get(0)))
                .map_err(err)?;
            // Walking the articles newest first reads about want × articles / n of them
            // before a page is full; filling the set reads the n events. (`--kind event
            // --actor USA`: 25,500 events, a walk of ~100 articles.)
            sizes.events_walk =
                u128::from(n) * u128::from(n) >= want as u128 * articles.max(0) as u128;
            if !sizes.events_walk {
                let mut values = Vec::new();
                let conds = event_conds(plan, &mut values);
                let sql = format!(
                    "INSERT INTO temp.search_events (key, published) \
                     SELECT (a.seq << 20) | e.idx, e.published \
                     FROM events e JOIN articles a INDEXED BY articles_by_id \
                       ON a.id = e.article_id \
                     WHERE {}",
                    conds.join(" AND ")
                );
                run(&sql, &values)?;
            }
            sizes.events = Some(n);
        }
        Ok(sizes)
    }

    /// The number of events that pass the plan's event filters.
    fn count_events(&self, plan: &Plan) -> Result<u64, StoreError> {
        let join = if plan.section.is_some() || plan.agency.is_some() {
            " JOIN articles a INDEXED BY articles_by_id ON a.id = e.article_id"
        } else {
            ""
        };
        let mut values = Vec::new();
        let sql = match plan.actors.first() {
            None => format!(
                "SELECT COUNT(*) FROM events e{join} WHERE {}",
                event_conds(plan, &mut values).join(" AND ")
            ),
            // By side, each part a range of one covering index and each event counted once:
            // an `OR` of the two sides would read every event row.
            Some(actor) => {
                let s = prefix_sql("e.source_code", actor, &mut values);
                let first = event_conds(plan, &mut values).join(" AND ");
                let t = prefix_sql("e.target_code", actor, &mut values);
                let not_s = prefix_sql("e.source_code", actor, &mut values);
                let second = event_conds(plan, &mut values).join(" AND ");
                format!(
                    "SELECT (SELECT COUNT(*) FROM events e INDEXED BY events_by_source{join} \
                       WHERE {s} AND {first}) \
                     + (SELECT COUNT(*) FROM events e INDEXED BY events_by_target{join} \
                       WHERE {t} AND NOT COALESCE({not_s}, 0) AND {second})"
                )
            }
        };
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut st| {
                st.query_row(rusqlite::params_from_iter(values.iter()), |r| {
                    r.get::<_, i64>(0)
                })
            })
            .map(|n| n as u64)
            .map_err(|e| self.err(e))
    }

    /// A text search of one kind: adds the best `want` matches that pass the plan's filters
    /// (see [`RANK_WINDOW`]) to `out`; the number of such matches.
    fn ranked(
        &self,
        plan: &Plan,
        kind: HitKind,
        expr: &Expr,
        want: usize,
        out: &mut Vec<Candidate>,
    ) -> Result<u64, StoreError> {
        let err = |e| self.err(e);
        let (t, weights) = fts_table(kind);
        let mut filter = Vec::new();
        let probes = probes(plan, kind, &format!("{t}.rowid"), &mut filter);
        let params = |text: &str, page: &[i64]| -> Vec<Value> {
            let mut v = vec![Value::Text(text.to_string())];
            v.extend(filter.iter().cloned());
            v.extend(page.iter().map(|&n| Value::Integer(n)));
            v
        };
        // `bm25()` with the phrases' document frequencies kept between searches (same
        // scores); the expression is ?1 twice: matched, and the key of those frequencies.
        let select = format!(
            "SELECT {t}.rowid AS k, -{bm25}({t}, '{t}', ?1, {weights}) AS s FROM {t} \
             WHERE {t} MATCH ?1{probes}",
            bm25 = crate::rank::FUNCTION
        );
        let candidate = |(key, score): (i64, f64), tier: u8| Candidate {
            kind,
            key,
            tier,
            score,
            date: None,
        };
        // The most recently stored matches, up to the window, ranked here. Fewer than the
        // window are all the matches, and their number is the total: no counting pass (which
        // would check every match against the filters a second time).
        let window = RANK_WINDOW.max(1);
        let mut ranked: Vec<(i64, f64)> = Vec::new();
        if want > 0 {
            let mut st = self
                .conn
                .prepare_cached(&format!("{select} ORDER BY k DESC LIMIT {window}"))
                .map_err(err)?;
            let rows = st
                .query_map(rusqlite::params_from_iter(params(&expr.ranker, &[])), |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .map_err(err)?;
            for r in rows {
                ranked.push(r.map_err(err)?);
            }
        }
        let n = if want > 0 && ranked.len() < window {
            ranked.len() as u64
        } else {
            // The window holds the newest `window` matches (the ranker and the matcher select
            // the same rows): count only the older ones, rather than check the window's
            // matches against the filters a second time.
            let (older, before) = match ranked.last() {
                Some(&(oldest, _)) if want > 0 => (format!(" AND {t}.rowid < ?"), vec![oldest]),
                _ => (String::new(), Vec::new()),
            };
            let counted = self
                .conn
                .prepare_cached(&format!(
                    "SELECT COUNT(*) FROM {t} WHERE {t} MATCH ?{probes}{older}"
                ))
                .and_then(|mut st| {
                    st.query_row(
                        rusqlite::params_from_iter(params(&expr.matcher, &before)),
                        |r| r.get::<_, i64>(0),
                    )
                })
                .map_err(err)? as u64;
            counted + ranked.len() as u64
        };
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
        out.extend(ranked.into_iter().take(want).map(|r| candidate(r, 0)));
        if want > window && n > window as u64 {
            // Beyond the window: the next matches, most recently stored first.
            let mut st = self
                .conn
                .prepare_cached(&format!("{select} ORDER BY k DESC LIMIT ? OFFSET ?"))
                .map_err(err)?;
            let page = [(want - window) as i64, window as i64];
            let rows = st
                .query_map(
                    rusqlite::params_from_iter(params(&expr.ranker, &page)),
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .map_err(err)?;
            for r in rows {
                out.push(candidate(r.map_err(err)?, 1));
            }
        }
        Ok(n)
    }

    /// A search of one kind without text: adds the newest `want` records of `set` to `out`;
    /// the number of records in it.
    fn newest(
        &self,
        plan: &Plan,
        kind: HitKind,
        set: Set,
        sizes: &Sizes,
        want: usize,
        out: &mut Vec<Candidate>,
    ) -> Result<u64, StoreError> {
        let err = |e| self.err(e);
        let records = record_table(kind);
        let mut values = Vec::new();
        let (count, list) = match (kind, set) {
            (_, Set::Events) if sizes.events_walk => (
                Err(sizes.events.unwrap_or(0)),
                format!(
                    "SELECT (a.seq << 20) | e.idx, a.published \
                     FROM articles a INDEXED BY articles_by_date \
                     CROSS JOIN events e ON e.article_id = a.id WHERE {} \
                     ORDER BY a.published DESC, a.seq DESC, e.idx DESC LIMIT ?",
                    event_conds(plan, &mut values).join(" AND ")
                ),
            ),
            (HitKind::Article, Set::Articles) => (
                Err(sizes.articles.unwrap_or(0)),
                "SELECT a.seq, a.published FROM articles a \
                 WHERE +a.seq IN (SELECT seq FROM temp.search_articles) \
                 ORDER BY a.published DESC, a.seq DESC LIMIT ?"
                    .to_string(),
            ),
            (HitKind::Article, _) => (
                Ok("SELECT COUNT(*) FROM articles".to_string()),
                "SELECT seq, published FROM articles ORDER BY published DESC, seq DESC LIMIT ?"
                    .to_string(),
            ),
            (_, Set::Quotes) => (
                Err(sizes.quotes.unwrap_or(0)),
                "SELECT key, published FROM temp.search_quotes \
                 ORDER BY published DESC, key DESC LIMIT ?"
                    .to_string(),
            ),
            (_, Set::Events) => (
                Err(sizes.events.unwrap_or(0)),
                "SELECT key, published FROM temp.search_events \
                 ORDER BY published DESC, key DESC LIMIT ?"
                    .to_string(),
            ),
            (_, Set::Articles) => (
                Ok(format!(
                    "SELECT COUNT(*) FROM temp.search_articles s \
                     CROSS JOIN {records} r ON r.article_id = s.id"
                )),
                format!(
                    "SELECT (a.seq << 20) | r.idx, a.published FROM articles a \
                     CROSS JOIN {records} r ON r.article_id = a.id \
                     WHERE +a.seq IN (SELECT seq FROM temp.search_articles) \
                     ORDER BY a.published DESC, a.seq DESC, r.idx DESC LIMIT ?"
                ),
            ),
            (_, Set::All) => (
                Ok(format!("SELECT COUNT(*) FROM {records}")),
                format!(
                    "SELECT (a.seq << 20) | r.idx, a.published FROM articles a \
                     CROSS JOIN {records} r ON r.article_id = a.id \
                     ORDER BY a.published DESC, a.seq DESC, r.idx DESC LIMIT ?"
                ),
            ),
        };
        let n = match count {
            Err(n) => n,
            Ok(sql) => self
                .conn
                .prepare_cached(&sql)
                .and_then(|mut st| st.query_row([], |r| r.get::<_, i64>(0)))
                .map_err(err)? as u64,
        };
        if n == 0 || want == 0 {
            return Ok(n);
        }
        values.push(Value::Integer(want as i64));
        let mut st = self.conn.prepare_cached(&list).map_err(err)?;
        let rows = st
            .query_map(rusqlite::params_from_iter(values.iter()), |r| {
                Ok(Candidate {
                    kind,
                    key: r.get(0)?,
                    tier: 0,
                    score: 0.0,
                    date: r.get(1)?,
                })
            })
            .map_err(err)?;
        for c in rows {
            out.push(c.map_err(err)?);
        }
        Ok(n)
    }

    /// The details and snippet of one candidate.
    fn hit(&self, plan: &Plan, c: &Candidate) -> Result<SearchHit, StoreError> {
        let err = |e| self.err(e);
        let seq = c.seq();
        let idx = (c.kind != HitKind::Article).then_some(c.key & IDX_MASK);
        let (article_id, published, headline): (String, Option<String>, Option<String>) = self
            .conn
            .prepare_cached("SELECT id, published, headline FROM articles WHERE seq = ?1")
            .and_then(|mut st| st.query_row([seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))))
            .map_err(err)?;
        let mut hit = SearchHit {
            kind: c.kind,
            article_id,
            index: idx.map(|i| i as u32),
            date: published,
            headline,
            score: c.score,
            ..SearchHit::default()
        };
        // The snippet: FTS5's best passage when there is text, else the start of the record.
        let (table, _) = fts_table(c.kind);
        let column = if c.kind == HitKind::Article { 1 } else { 0 };
        let marked: Option<String> = match &plan.expr {
            Some(expr) => self
                .conn
                .prepare_cached(&format!(
                    "SELECT snippet({table}, {column}, ?1, ?2, '…', ?3) FROM {table} \
                     WHERE {table} MATCH ?4 AND rowid = ?5"
                ))
                .and_then(|mut st| {
                    st.query_row(
                        params![
                            OPEN.to_string(),
                            CLOSE.to_string(),
                            SNIPPET_TOKENS[c.kind as usize],
                            // The words, without the phrase branch: the same highlights, and
                            // no phrase matching over common words' position lists.
                            expr.matcher,
                            c.key
                        ],
                        |r| r.get(0),
                    )
                    .optional()
                })
                .map_err(err)?,
            None => None,
        };
        let plain = |text: &str| (plain_snippet(text), Vec::new());
        match c.kind {
            HitKind::Article => {
                (hit.snippet, hit.highlights) = match &marked {
                    Some(m) => unmark(m),
                    None => {
                        let (text, zones): (String, String) = self
                            .conn
                            .prepare_cached("SELECT text, zones FROM articles WHERE seq = ?1")
                            .and_then(|mut st| st.query_row([seq], |r| Ok((r.get(0)?, r.get(1)?))))
                            .map_err(err)?;
                        plain(lead(&text, &zones))
                    }
                };
            }
            HitKind::Quote => {
                let (name, words, text): (Option<String>, Option<String>, String) = self
                    .conn
                    .prepare_cached(
                        "SELECT speaker_name, speaker_text, text FROM quotes \
                         WHERE article_id = ?1 AND idx = ?2",
                    )
                    .and_then(|mut st| {
                        st.query_row(params![hit.article_id, idx], |r| {
                            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                        })
                    })
                    .map_err(err)?;
                hit.speaker = name.or(words);
                (hit.snippet, hit.highlights) = match &marked {
                    Some(m) => unmark(m),
                    None => plain(&text),
                };
            }
            HitKind::Event => {
                self.conn
                    .prepare_cached(
                        "SELECT cameo, plover, modality, source_code, source_name, \
                           target_code, target_name, date \
                         FROM events WHERE article_id = ?1 AND idx = ?2",
                    )
                    .and_then(|mut st| {
                        st.query_row(params![hit.article_id, idx], |r| {
                            hit.cameo = r.get(0)?;
                            hit.plover = r.get(1)?;
                            hit.modality = r.get(2)?;
                            hit.source_code = r.get(3)?;
                            hit.source_name = r.get(4)?;
                            hit.target_code = r.get(5)?;
                            hit.target_name = r.get(6)?;
                            hit.event_date = r.get(7)?;
                            Ok(())
                        })
                    })
                    .map_err(err)?;
                (hit.snippet, hit.highlights) = match &marked {
                    Some(m) => unmark(m),
                    None => {
                        let evidence: String = self
                            .conn
                            .prepare_cached("SELECT evidence FROM fts_events WHERE rowid = ?1")
                            .and_then(|mut st| st.query_row([c.key], |r| r.get(0)).optional())
                            .map_err(err)?
                            .unwrap_or_default();
                        plain(&evidence)
                    }
                };
            }
        }
        Ok(hit)
    }
}

/// Rows in each temporary set the search filled (`None`: not used).
#[derive(Debug, Default, Clone, Copy)]
struct Sizes {
    articles: Option<u64>,
    quotes: Option<u64>,
    events: Option<u64>,
    /// The events passing the filters are too many to list in `temp.search_events`: the
    /// newest are found by walking the articles newest first instead.
    events_walk: bool,
}

/// The section and agency conditions on the article `a`.
fn section_agency(plan: &Plan, conds: &mut Vec<String>, values: &mut Vec<Value>) {
    if let Some(s) = &plan.section {
        conds.push("a.section = ? COLLATE NOCASE".into());
        values.push(Value::Text(s.clone()));
    }
    if let Some(s) = &plan.agency {
        conds.push("a.agency = ? COLLATE NOCASE".into());
        values.push(Value::Text(s.clone()));
    }
}

/// The article's lead for a snippet: its standfirst, else its first paragraph, else its text.
fn lead<'t>(text: &'t str, zones: &str) -> &'t str {
    let zones: Vec<Zone> = serde_json::from_str(zones).unwrap_or_default();
    let pick = |kind: ZoneKind| zones.iter().find(|z| z.kind == kind).map(|z| z.span);
    match pick(ZoneKind::Standfirst).or_else(|| pick(ZoneKind::Paragraph)) {
        Some(span) if span.end > span.start => TextIndex::new(text).slice(text, span),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_becomes_a_safe_expression() {
        // The ranker; the matcher is the same without the phrase branch.
        let e = |s: &str| fts_expression(s).map(|x| x.ranker);
        assert_eq!(
            fts_expression("grain corridor -odesa").unwrap(),
            Expr {
                matcher: r#"("grain" AND "corridor") NOT ("odesa")"#.into(),
                ranker: r#"("grain corridor" OR ("grain" AND "corridor")) NOT ("odesa")"#.into(),
            }
        );
        assert_eq!(e("ceasefire").unwrap(), r#""ceasefire""#);
        // Function words are left out unless quoted or alone; the rest must be near.
        assert_eq!(
            fts_expression("said the Government").unwrap(),
            Expr {
                matcher: r#""said" AND "Government""#.into(),
                ranker: r#"NEAR("said" "Government", 1) OR ("said" AND "Government")"#.into(),
            }
        );
        assert_eq!(e("The").unwrap(), r#""The""#);
        assert_eq!(e("the the").unwrap(), r#""the the" OR ("the" AND "the")"#);
        assert_eq!(e("\"the government\"").unwrap(), r#""the government""#);
        assert_eq!(e("government of").unwrap(), r#""government""#);
        assert_eq!(
            e("grain corridor").unwrap(),
            r#""grain corridor" OR ("grain" AND "corridor")"#
        );
        assert_eq!(e(r#""grain corridor""#).unwrap(), r#""grain corridor""#);
        assert_eq!(e("negotiat*").unwrap(), r#""negotiat"*"#);
        assert_eq!(
            e("talks OR meeting kyiv").unwrap(),
            r#"("talks" OR "meeting") AND "kyiv""#
        );
        assert_eq!(e("talks -moscow").unwrap(), r#"("talks") NOT ("moscow")"#);
        // Operators without terms on both sides are words; punctuation only separates.
        assert_eq!(e("AND OR").unwrap(), r#""AND OR" OR ("AND" AND "OR")"#);
        assert_eq!(e(r#""unbalanced"#).unwrap(), r#""unbalanced""#);
        assert_eq!(
            e("NEAR(a b)").unwrap(),
            r#""NEAR(a b)" OR ("NEAR(a" AND "b)")"#
        );
        assert_eq!(e(r#"x"y"#).unwrap(), r#""x" AND "y""#);
        assert_eq!(e(r#"say "it""#).unwrap(), r#""say" AND "it""#);
        assert_eq!(e("*** - ! ?"), None);
        assert_eq!(e("-moscow"), None, "nothing to subtract from");
    }

    #[test]
    fn markers_become_char_ranges() {
        let (s, r) = unmark("…the  \u{FDD0}grain\u{FDD1}\n\u{FDD0}Київ\u{FDD1} talks …");
        assert_eq!(s, "…the grain Київ talks …");
        let words: Vec<String> = r
            .iter()
            .map(|&(a, b)| s.chars().skip(a as usize).take((b - a) as usize).collect())
            .collect();
        assert_eq!(words, ["grain", "Київ"]);
        assert_eq!(unmark("  a \u{FDD0}\u{FDD1} b ").0, "a b");
        assert!(unmark("  a \u{FDD0}\u{FDD1} b ").1.is_empty());
    }

    #[test]
    fn plain_snippets_are_cut_at_words() {
        let long = "word ".repeat(100);
        let s = plain_snippet(&long);
        assert!(
            s.ends_with("word…") && s.chars().count() <= PLAIN_SNIPPET_CHARS + 1,
            "{s}"
        );
        assert_eq!(plain_snippet(" short\ntext "), "short text");
    }
}
