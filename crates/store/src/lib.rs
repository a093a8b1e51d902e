//! `dateline-store`: the embedded default store — one SQLite file, `DIR/dateline.sqlite`.
//!
//! Brief overview:
//! - [`Store::open`] creates the directory and the database, applies the versioned migrations
//!   (`migrations.rs`, recorded in `PRAGMA user_version`), and runs in WAL mode with
//!   `synchronous=NORMAL`, foreign keys on and a busy timeout. A store written by a newer
//!   dateline is refused untouched ([`StoreError::SchemaTooNew`]).
//! - [`Store::write_batch`] writes a batch of `(Article, Analysis)` pairs in **one transaction**:
//!   all of it or nothing. An article whose id is already stored — or whose `source` is an
//!   `http(s)` URL under which an article is already stored — is a [`WriteOutcome::Duplicate`]
//!   and changes nothing, so re-running an interrupted ingest converges to the same store as an
//!   uninterrupted run, and a feed item and the page it links to are stored once.
//! - Reading: [`Store::article`] (by id or unique id prefix), [`Store::analysis`],
//!   [`Store::articles`] (filtered listing), [`Store::quotes`] and [`Store::events`] (records
//!   across articles), [`Store::count_articles`], and [`Store::dump`], a deterministic text
//!   image of every content row for comparing two stores.
//! - Search and aggregates: [`Store::search`] (full-text and structured search over articles,
//!   quotes and events, ranked and paged with highlighted snippets; module `search`),
//!   [`Store::timeline`], [`Store::counterparts`] and [`Store::speaker_timeline`] (module
//!   `query`). Bad parameters are [`StoreError::InvalidQuery`].
//!
//! # Schema (version 1)
//! - `articles`: one row per article — `id` (primary key), `seq` (ingest order: 1, 2, … with
//!   no gaps), the metadata columns of [`Article`], `headline` and `chars` (denormalised for
//!   listing), `text`, `zones` (JSON array of [`Zone`]) and `origin` (JSON of [`Origin`]);
//!   indexed on `published`, `section` and `agency` (the last two case-insensitively).
//! - `analyses`: one row per article — `article_id` (references `articles`), `stages` (JSON
//!   array), `record_schema` ([`RECORD_SCHEMA`]) and `json` (the serialized [`Analysis`]).
//!
//! # Schema (version 2): entities and quotes
//! - `entities`: one row per entity of an analysis (`article_id`, `entity_id`, name, type,
//!   CAMEO actor code, Wikidata id, number of mentions).
//! - `quotes`: one row per quote (`article_id`, `idx`, kind, speaker, content span and text).
//!
//! # Schema (version 3): events
//! - `events`: one row per coded event of an analysis, keyed on `(article_id, idx)` where
//!   `idx` is the event's position in [`Analysis::events`]: the CAMEO code and PLOVER
//!   category, source and target (actor code, canonical name, entity id), modality, the
//!   event's own date (TIMEX3), Goldstein score, QuadClass, and the provenance of its first
//!   mention (sentence index, trigger span) with the number of mentions; indexed on `cameo`,
//!   `source_code`, `target_code` and `modality`. Read with [`Store::events`].
//!
//! # Schema (version 4): articles by source
//! - `articles_source`: an index on `articles(source)`, for the same-URL duplicate check of
//!   [`Store::write_batch`].
//!
//! # Schema (version 5): full-text search
//! - `fts_articles` (headline, text; external content over `articles`, rowid = `seq`),
//!   `fts_quotes` (content, speaker) and `fts_events` (evidence sentence, actors, codes), FTS5
//!   tables whose rowid for a record is `(articles.seq << 20) | idx`. Written by
//!   [`Store::write_batch`] in the same transaction as the rows they index; filled in from the
//!   stored rows on upgrade. Left out of [`Store::dump`].
//! - Covering indexes for the filters of searches and aggregates: `articles_by_date`
//!   (published, seq, id, section, agency), `articles_by_id` (id, seq, published, section,
//!   agency), `entities_actor_article`, `events_source_article`, `events_target_article` (code,
//!   article id; they replace `entities_actor`, `events_source` and `events_target`) and
//!   `quotes_speakers` (speaker name and words, article id, position).
//!
//! # Schema (version 6): filters answered from indexes
//! - `events.published`: the article's publication date, copied onto its events.
//! - `events_by_source`, `events_by_target`: events by either side's code with every column
//!   a timeline or a network reads (they replace `events_source_article` and
//!   `events_target_article`).
//! - `article_actors` (`seq`, `code`): each article's distinct actor codes, from its events'
//!   sides and its entities; written with the article, indexed both ways.
//! - `articles_by_seq` (seq, id, published, section, agency) and `events_by_key` (article id,
//!   position, then every field an event filter reads): a record's filter fields by the key of
//!   the full-text index.
//! - The full-text indexes are merged into one segment each on upgrade (FTS5 `optimize`).
//!
//! Record rows are written with their analysis and, on upgrade, filled in from the analyses
//! already stored, so a store migrated from an older version holds the same rows as one
//! written fresh.
//!
//! The content tables hold no wall-clock time: the same input gives a byte-identical
//! [`Store::dump`], however often the ingest was interrupted and resumed.
//!
//! # Example
//! ```
//! use dateline_model::{Analysis, Article, Span, Zone, ZoneKind};
//! use dateline_store::{Store, WriteOutcome};
//!
//! let mut store = Store::open_in_memory()?;
//! let mut article = Article::new("Harbour reopens\n\nThe harbour reopened on Friday.".into(), None);
//! article.zones.push(Zone::new(ZoneKind::Headline, Span::new(0, 15)));
//! article.zones.push(Zone::new(ZoneKind::Paragraph, Span::new(17, 48)));
//! let analysis = Analysis::empty(article.id.clone());
//!
//! let outcomes = store.write_batch(&[(article.clone(), analysis.clone())])?;
//! assert_eq!(outcomes, vec![WriteOutcome::Inserted]);
//!
//! let prefix = &article.id.as_str()[..6];
//! assert_eq!(store.article(prefix)?, Some(article.clone()));
//! assert_eq!(store.analysis(article.id.as_str())?, Some(analysis));
//! # Ok::<(), dateline_store::StoreError>(())
//! ```
#![deny(missing_docs)]

mod error;
mod migrations;
mod query;
mod rank;
mod search;
#[cfg(test)]
mod search_tests;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::time::Duration;

use dateline_model::{Analysis, Article, ArticleId, Origin, Zone, RECORD_SCHEMA};
use rusqlite::types::{Value, ValueRef};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use serde::Serialize;

pub use error::StoreError;
pub use query::{Bucket, Counterpart, TimelinePoint, TimelineQuery, MODALITIES};
pub use search::{
    HitKind, SearchHit, SearchQuery, SearchResults, DEFAULT_LIMIT, MAX_LIMIT, RANK_WINDOW,
    STOPWORDS,
};

/// The schema version this build writes: the number of migrations.
pub const STORE_SCHEMA_VERSION: u32 = migrations::MIGRATIONS.len() as u32;

/// The database file's name inside the store directory.
pub const DB_FILE: &str = "dateline.sqlite";

/// The shortest id prefix [`Store::article`] accepts.
pub const MIN_PREFIX: usize = 4;

/// How many candidates a [`StoreError::AmbiguousId`] lists at most.
pub const MAX_CANDIDATES: usize = 10;

/// How long a statement waits for a lock held by another connection before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Page size of new stores. Larger than SQLite's default 4 KiB: most article rows then fit in
/// one page without overflow chains, and the per-page WAL overhead shrinks. Measured on
/// 20,000 articles of 1.3 KB: 16 KiB pages write ~35 % faster than 4 KiB pages, 64 KiB pages
/// only ~5 % faster again (and make every point lookup read 64 KiB).
const PAGE_SIZE: i64 = 16 * 1024;

/// Per-connection page cache, in KiB (`PRAGMA cache_size` takes a negative KiB count).
const CACHE_KIB: i64 = 32 * 1024;

/// Prepared statements each connection keeps (rusqlite's default is 16): a search prepares
/// up to ~10 per kind of hit and the timeline and network queries their own, and a statement
/// pushed out of the cache is prepared again on its next use.
const STATEMENT_CACHE: usize = 64;

/// What [`Store::write_batch`] did with one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WriteOutcome {
    /// The article and its analysis were stored.
    Inserted,
    /// An article with this id was already stored (or came earlier in the batch): nothing
    /// was changed.
    Duplicate,
}

/// Which articles [`Store::articles`] lists. The default lists everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleFilter {
    /// Published on or after this date (`YYYY-MM-DD`, compared as text). Articles without a
    /// date are left out when `from` or `to` is set.
    pub from: Option<String>,
    /// Published on or before this date, inclusive. A shorter prefix covers the whole
    /// period: `2025-02` includes every day of February.
    pub to: Option<String>,
    /// Section equal to this, ignoring case.
    pub section: Option<String>,
    /// Agency equal to this, ignoring case.
    pub agency: Option<String>,
    /// The text contains this, ignoring case. Matching is Unicode-aware (both sides are
    /// lower-cased with Rust's `str::to_lowercase`) and done in Rust after the SQL filters,
    /// because SQLite's `lower()` and `LIKE` fold ASCII letters only (`Київ` ≠ `київ`).
    pub contains: Option<String>,
    /// At most this many articles.
    pub limit: Option<usize>,
    /// Skip this many matching articles first.
    pub offset: usize,
}

/// One line of an article listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleSummary {
    /// The article id.
    pub id: String,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Section.
    pub section: Option<String>,
    /// Wire agency.
    pub agency: Option<String>,
    /// Headline.
    pub headline: Option<String>,
    /// Length of the canonical text in chars.
    pub chars: usize,
    /// Where it was read from: the origin's path, else its URL.
    pub origin: Option<String>,
}

#[cfg(test)]
type Hook = Box<dyn FnMut(usize, &Connection) -> Result<(), StoreError> + Send>;

/// The embedded store: one SQLite connection.
///
/// `Store` is `Send` but not `Sync`: give each thread its own (SQLite serialises writers; in
/// WAL mode readers never block the writer).
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The path as shown in error messages (`:memory:` in memory).
    label: String,
    /// Document frequencies and row sizes kept by this connection's ranking function
    /// ([`rank`]).
    doc_freqs: std::sync::Arc<rank::DocFreqs>,
    /// Test-only: called inside `write_batch` after each item, with the open transaction.
    #[cfg(test)]
    hook: Option<Hook>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.label)
            .finish_non_exhaustive()
    }
}

const INSERT_ARTICLE: &str = "INSERT INTO articles \
     (id, seq, published, published_time, timezone, section, agency, byline, dateline, \
      language, source, headline, chars, text, zones, origin) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) \
     ON CONFLICT(id) DO NOTHING";

const INSERT_ENTITY: &str = "INSERT INTO entities \
    (article_id, entity_id, name, type, actor, wikidata, mentions) VALUES (?, ?, ?, ?, ?, ?, ?)";

const INSERT_QUOTE: &str = "INSERT INTO quotes \
    (article_id, idx, kind, speaker_name, speaker_text, speaker_entity, start, end, text) \
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

const INSERT_EVENT: &str = "INSERT INTO events \
    (article_id, idx, cameo, plover, source_code, source_name, source_entity, target_code, \
     target_name, target_entity, modality, date, goldstein, quad_class, sentence, \
     trigger_start, trigger_end, mentions, published) \
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/// A Goldstein score as the `REAL` the migration's backfill reads from the analysis JSON: the
/// shortest decimal of the `f32` (`1.9`, not `1.899999976158142`), so a store filled in on
/// upgrade dumps identically to one written fresh.
fn goldstein_real(g: f32) -> f64 {
    g.to_string().parse().unwrap_or(f64::from(g))
}

/// Writes the record rows (entities, quotes, events) of one analysis of the article `id`
/// published on `published`.
fn insert_records(
    tx: &rusqlite::Transaction<'_>,
    id: &str,
    published: Option<&str>,
    analysis: &Analysis,
) -> rusqlite::Result<()> {
    if let Some(entities) = &analysis.entities {
        let mut st = tx.prepare_cached(INSERT_ENTITY)?;
        for e in entities {
            st.execute(params![
                id,
                e.id,
                e.name,
                e.kind.label(),
                e.actor,
                e.wikidata,
                e.mentions.len() as i64
            ])?;
        }
    }
    if let Some(quotes) = &analysis.quotes {
        let mut st = tx.prepare_cached(INSERT_QUOTE)?;
        for (i, q) in quotes.iter().enumerate() {
            let kind = match q.kind {
                dateline_model::QuoteKind::Direct => "direct",
                dateline_model::QuoteKind::Indirect => "indirect",
                dateline_model::QuoteKind::Mixed => "mixed",
            };
            let sp = q.speaker.as_ref();
            st.execute(params![
                id,
                i as i64,
                kind,
                sp.and_then(|s| s.name.clone()),
                sp.map(|s| s.text.clone()),
                sp.and_then(|s| s.entity.clone()),
                q.content.start as i64,
                q.content.end as i64,
                q.text,
            ])?;
        }
    }
    if let Some(events) = &analysis.events {
        let mut st = tx.prepare_cached(INSERT_EVENT)?;
        for (i, e) in events.iter().enumerate() {
            let first = e.mentions.first();
            let (src, tgt) = (e.source.as_ref(), e.target.as_ref());
            st.execute(params![
                id,
                i as i64,
                e.cameo,
                e.plover,
                src.map(|a| a.code.clone()),
                src.and_then(|a| a.name.clone()),
                src.and_then(|a| a.entity.clone()),
                tgt.map(|a| a.code.clone()),
                tgt.and_then(|a| a.name.clone()),
                tgt.and_then(|a| a.entity.clone()),
                e.modality.name(),
                e.date,
                e.goldstein.map(goldstein_real),
                e.quad_class.map(i64::from),
                first.map(|m| i64::from(m.sentence)),
                first.map(|m| m.trigger.start as i64),
                first.map(|m| m.trigger.end as i64),
                e.mentions.len() as i64,
                published,
            ])?;
        }
    }
    Ok(())
}

/// Which events [`Store::events`] returns. The default returns every stored event.
///
/// Actor and code filters are prefixes, so a country code finds its institutions and a CAMEO
/// root finds its event codes. Every filter given must hold.
///
/// **Dates.** `from` and `to` apply to each event's *effective date*: the event's own date
/// (its TIMEX3 value) when that names a calendar period — a day (`2025-03-04`, also with a
/// time), a month (`2025-03`), an ISO week (`2025-W11`, Monday to Sunday) or a year (`2025`;
/// quarters, halves and seasons such as `2025-Q1` count as their year) — and otherwise
/// (no date, `PAST_REF`, `FUTURE_REF`, …) the article's publication date. An event passes when
/// its period overlaps `[from, to]`: an event dated `2025-03` passes `from = 2025-03-15`.
/// Events with neither date are left out when `from` or `to` is set. Results are ordered by
/// the start of the effective date (undated last), then article id, then position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// Source **or** target actor code starts with this (ASCII case ignored): `RUS` matches
    /// `RUS` and `RUSGOV`.
    pub actor: Option<String>,
    /// Source actor code starts with this (ASCII case ignored).
    pub source: Option<String>,
    /// Target actor code starts with this (ASCII case ignored).
    pub target: Option<String>,
    /// CAMEO event code starts with this: `04` is the whole consult root, `036` is 036 and
    /// its four-digit children.
    pub cameo: Option<String>,
    /// PLOVER category equal to this, ignoring ASCII case (`consult`).
    pub plover: Option<String>,
    /// Modality equal to this (`asserted`, `planned`, `hypothetical`, `negated`, `reported`,
    /// `uncertain`), ignoring ASCII case.
    pub modality: Option<String>,
    /// Effective date on or after this (`YYYY-MM-DD`, or a prefix such as `2025-03`).
    pub from: Option<String>,
    /// Effective date on or before this, inclusive; a prefix covers its whole period.
    pub to: Option<String>,
    /// Only events of this article (full id).
    pub article: Option<String>,
    /// At most this many.
    pub limit: Option<usize>,
    /// Skip this many first.
    pub offset: usize,
}

/// One stored event with its article's publication date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRow {
    /// The article.
    pub article_id: String,
    /// Publication date of the article.
    pub published: Option<String>,
    /// Position in the article's event list ([`Analysis::events`]).
    pub index: u32,
    /// CAMEO event code (`036`).
    pub cameo: String,
    /// PLOVER category (`CONSULT`).
    pub plover: Option<String>,
    /// CAMEO actor code of the source (`RUSGOV`).
    pub source_code: Option<String>,
    /// Canonical name of the source.
    pub source_name: Option<String>,
    /// CAMEO actor code of the target.
    pub target_code: Option<String>,
    /// Canonical name of the target.
    pub target_name: Option<String>,
    /// asserted, planned, hypothetical, negated, reported or uncertain. Only asserted events
    /// are told as facts; the others are kept and labelled.
    pub modality: String,
    /// The event's own date, a TIMEX3 value (`2025-03-04`, `2025-W11`), when the text gives one.
    pub date: Option<String>,
    /// Goldstein score.
    pub goldstein: Option<f64>,
    /// GDELT QuadClass (1–4).
    pub quad_class: Option<u8>,
    /// Sentence index of the first mention.
    pub sentence: Option<u32>,
    /// Start of the first mention's trigger (chars).
    pub trigger_start: Option<u64>,
    /// End of the first mention's trigger (chars).
    pub trigger_end: Option<u64>,
    /// Number of mentions (tellings) of the event in the article.
    pub mentions: u32,
}

/// The SQL of an event's effective date: the start (`end = false`) or the end of the calendar
/// period its TIMEX3 value `d` names, else the publication date `p` (see [`EventFilter`]).
/// Days, months and years are text prefixes (compared with a `U+10FFFF` sentinel appended for
/// the end); an ISO week becomes its Monday and Sunday.
fn effective_date_sql(d: &str, p: &str, end: bool) -> String {
    let year = format!("substr({d}, 1, 4)");
    let monday = format!(
        "date({year} || '-01-04', \
         '-' || ((CAST(strftime('%w', {year} || '-01-04') AS INTEGER) + 6) % 7) || ' days', \
         '+' || ((CAST(substr({d}, 7, 2) AS INTEGER) - 1) * 7) || ' days'{})",
        if end { ", '+6 days'" } else { "" }
    );
    format!(
        "COALESCE(CASE \
           WHEN {d} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN substr({d}, 1, 10) \
           WHEN {d} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN {d} \
           WHEN {d} GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]*' THEN {monday} \
           WHEN {d} GLOB '[0-9][0-9][0-9][0-9]*' THEN {year} \
           ELSE {p} END, {p})"
    )
}

/// Which quotes [`Store::quotes`] returns.
#[derive(Debug, Clone, Default)]
pub struct QuoteFilter {
    /// Speaker: matches a canonical name or speaker text that contains it (case-insensitive
    /// for ASCII), so "Peskov" finds "Dmitry Peskov" and "the Kremlin spokesman" quotes
    /// resolved to him.
    pub speaker: Option<String>,
    /// Only quotes of this article (full id).
    pub article: Option<String>,
    /// Inclusive publication-date bounds (YYYY-MM-DD).
    pub from: Option<String>,
    /// Inclusive publication-date bounds (YYYY-MM-DD).
    pub to: Option<String>,
    /// At most this many.
    pub limit: Option<usize>,
    /// Skip this many first.
    pub offset: usize,
}

/// One stored quote with its article's date and headline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteRow {
    /// The article.
    pub article_id: String,
    /// Publication date of the article.
    pub published: Option<String>,
    /// Position in the article's quote list.
    pub index: u32,
    /// direct, indirect or mixed.
    pub kind: String,
    /// Canonical name of the speaker entity.
    pub speaker_name: Option<String>,
    /// The speaker's words in the text.
    pub speaker_text: Option<String>,
    /// Content span (chars).
    pub start: u64,
    /// End of the content span.
    pub end: u64,
    /// The quoted or reported content.
    pub text: String,
}

/// Is an article stored under this source (a page URL)? Uses the `articles_source` index.
const SELECT_BY_SOURCE: &str = "SELECT 1 FROM articles WHERE source = ?1 LIMIT 1";

/// True for a source that names one page: an `http://` or `https://` URL (scheme in any case).
fn is_page_url(source: &str) -> bool {
    let head = source.get(..8).unwrap_or(source).to_ascii_lowercase();
    (head.starts_with("http://") && source.len() > 7)
        || (head.starts_with("https://") && source.len() > 8)
}

const INSERT_ANALYSIS: &str =
    "INSERT INTO analyses (article_id, stages, record_schema, json) VALUES (?1, ?2, ?3, ?4)";

const SELECT_ARTICLE: &str = "SELECT id, text, zones, published, published_time, timezone, \
     section, agency, byline, dateline, language, source, origin FROM articles WHERE id = ?1";

/// Switches the file to WAL. Changing the journal mode needs a lock that SQLite's busy handler
/// does not wait for, so when several processes open a new store at once the switch is retried
/// for up to the busy timeout. A file already in WAL mode is left alone.
fn wal_mode(conn: &Connection) -> rusqlite::Result<()> {
    let start = std::time::Instant::now();
    loop {
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if mode.eq_ignore_ascii_case("wal") {
            return Ok(());
        }
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Ok(()) => return Ok(()),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    && start.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => return Err(e),
        }
    }
}

impl Store {
    /// Opens the store in `dir`, creating the directory and `dir/dateline.sqlite` when they do
    /// not exist, and brings the schema up to [`STORE_SCHEMA_VERSION`].
    ///
    /// Fails with [`StoreError::SchemaTooNew`] (without writing anything) when the file was
    /// written by a newer dateline, and with [`StoreError::NotADatabase`] when the file is not
    /// a SQLite database.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
            path: dir.display().to_string(),
            source,
        })?;
        let path = dir.join(DB_FILE);
        let label = path.display().to_string();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(&path, flags).map_err(|e| StoreError::sqlite(&label, e))?;
        Store::init(conn, Some(path), label)
    }

    /// A fresh store in memory, at [`STORE_SCHEMA_VERSION`]; gone when dropped.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let label = ":memory:".to_string();
        let conn = Connection::open_in_memory().map_err(|e| StoreError::sqlite(&label, e))?;
        Store::init(conn, None, label)
    }

    fn init(conn: Connection, path: Option<PathBuf>, label: String) -> Result<Store, StoreError> {
        let mut store = Store {
            conn,
            path,
            label,
            doc_freqs: Default::default(),
            #[cfg(test)]
            hook: None,
        };
        store
            .conn
            .set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        store
            .conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| store.err(e))?;
        // The first read of the file: this is where "not a database" shows, and a store from
        // a newer dateline is refused before anything (even the journal mode) is written.
        let found = store.schema_version()?;
        if found > STORE_SCHEMA_VERSION {
            return Err(store.too_new(found));
        }
        // The page size only takes effect in a new, empty file (before WAL is switched on);
        // for an existing store it is a no-op.
        store
            .conn
            .pragma_update(None, "page_size", PAGE_SIZE)
            .and_then(|()| wal_mode(&store.conn))
            .and_then(|()| {
                store.conn.execute_batch(&format!(
                    "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; \
                     PRAGMA temp_store = MEMORY; PRAGMA cache_size = -{CACHE_KIB};"
                ))
            })
            .map_err(|e| store.err(e))?;
        store.migrate()?;
        rank::register(&store.conn, std::sync::Arc::clone(&store.doc_freqs))
            .map_err(|e| store.err(e))?;
        Ok(store)
    }

    /// Applies the migrations the file does not have yet, each in its own transaction.
    fn migrate(&mut self) -> Result<(), StoreError> {
        for (i, sql) in migrations::MIGRATIONS.iter().enumerate() {
            let version = i as u32 + 1;
            if self.schema_version()? >= version {
                continue;
            }
            let label = &self.label;
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(|e| StoreError::sqlite(label, e))?;
            // Another process may have migrated between the check above and taking the lock.
            let current = read_user_version(&tx).map_err(|e| StoreError::sqlite(label, e))?;
            if current > STORE_SCHEMA_VERSION {
                return Err(StoreError::SchemaTooNew {
                    path: label.clone(),
                    found: current,
                    supported: STORE_SCHEMA_VERSION,
                });
            }
            if current >= version {
                continue;
            }
            tx.execute_batch(sql)
                .and_then(|()| tx.pragma_update(None, "user_version", version))
                .and_then(|()| tx.commit())
                .map_err(|source| StoreError::Migration {
                    path: label.clone(),
                    version,
                    source,
                })?;
        }
        Ok(())
    }

    /// The database file, or `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The file's schema version (`PRAGMA user_version`): [`STORE_SCHEMA_VERSION`] once open.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        read_user_version(&self.conn).map_err(|e| self.err(e))
    }

    /// Merges each full-text index into one segment (FTS5 `optimize`). A bulk ingest leaves
    /// several segments per index and every search reads them all: after a large ingest this
    /// makes searches about a quarter cheaper (`docs/benchmarks.md`). Its cost grows with the
    /// index (about 2 s for 108,000 articles), so callers run it after bulk writes only.
    pub fn optimize_search(&mut self) -> Result<(), StoreError> {
        let label = self.label.as_str();
        self.conn
            .execute_batch(
                "INSERT INTO fts_articles(fts_articles) VALUES ('optimize');
                 INSERT INTO fts_quotes(fts_quotes) VALUES ('optimize');
                 INSERT INTO fts_events(fts_events) VALUES ('optimize');",
            )
            .map_err(|e| StoreError::sqlite(label, e))
    }

    /// Writes a batch in one transaction and returns one outcome per item, in order.
    ///
    /// An article whose id is already stored, or came earlier in the same batch, is a
    /// [`WriteOutcome::Duplicate`] and changes nothing (its analysis is not written either).
    ///
    /// **Same page, same article.** An article whose `source` is an `http://` or `https://`
    /// URL is also a duplicate when an article with exactly that `source` is already stored
    /// (or came earlier in the batch), whatever its text: a feed item and the page it links
    /// to (whose canonical URL the HTML reader takes as `source`), or two fetches of one page,
    /// are one article, and the first one written is kept. URLs are compared as they are
    /// (readers normalise them: the feed reader drops `#fragment`s and `utm_*` parameters).
    /// Sources that are not URLs — publisher names such as `Reuters` — identify no single
    /// article and are never deduplicated this way: only the id counts for them.
    /// New articles get the next ingest sequence numbers (`max(seq) + 1`, …), so a batch that
    /// failed and was rolled back leaves no gap.
    ///
    /// All or nothing: on any error (including an analysis whose `article_id` is not its
    /// article's id, [`StoreError::Mismatch`]) nothing of the batch is stored.
    pub fn write_batch(
        &mut self,
        batch: &[(Article, Analysis)],
    ) -> Result<Vec<WriteOutcome>, StoreError> {
        let label = self.label.as_str();
        let err = |e: rusqlite::Error| StoreError::sqlite(label, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let mut outcomes = Vec::with_capacity(batch.len());
        {
            let mut next_seq: i64 = tx
                .query_row("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles", [], |r| {
                    r.get(0)
                })
                .map_err(err)?;
            let mut insert_article = tx.prepare_cached(INSERT_ARTICLE).map_err(err)?;
            let mut insert_analysis = tx.prepare_cached(INSERT_ANALYSIS).map_err(err)?;
            let mut same_source = tx.prepare_cached(SELECT_BY_SOURCE).map_err(err)?;
            for (index, (article, analysis)) in batch.iter().enumerate() {
                let id = article.id.as_str();
                if analysis.article_id != article.id {
                    return Err(StoreError::Mismatch {
                        path: label.to_string(),
                        index,
                        article: id.to_string(),
                        analysis: analysis.article_id.to_string(),
                    });
                }
                let encode = |what: &'static str, source: serde_json::Error| StoreError::Encode {
                    path: label.to_string(),
                    id: id.to_string(),
                    what,
                    source,
                };
                let zones =
                    serde_json::to_string(&article.zones).map_err(|e| encode("zones", e))?;
                let origin =
                    serde_json::to_string(&article.origin).map_err(|e| encode("origin", e))?;
                let chars = article.text.chars().count() as i64;
                let url = article.source.as_deref().filter(|s| is_page_url(s));
                let taken = match url {
                    Some(u) => same_source.exists([u]).map_err(err)?,
                    None => false,
                };
                let inserted = if taken {
                    0
                } else {
                    insert_article
                        .execute(params![
                            id,
                            next_seq,
                            article.published,
                            article.published_time,
                            article.timezone,
                            article.section,
                            article.agency,
                            article.byline,
                            article.dateline,
                            article.language,
                            article.source,
                            article.headline(),
                            chars,
                            article.text,
                            zones,
                            origin,
                        ])
                        .map_err(err)?
                };
                if inserted == 0 {
                    outcomes.push(WriteOutcome::Duplicate);
                } else {
                    let stages = serde_json::to_string(&analysis.stages)
                        .map_err(|e| encode("analysis stages", e))?;
                    let json =
                        serde_json::to_string(analysis).map_err(|e| encode("analysis", e))?;
                    insert_analysis
                        .execute(params![id, stages, RECORD_SCHEMA, json])
                        .map_err(err)?;
                    insert_records(&tx, id, article.published.as_deref(), analysis).map_err(err)?;
                    // The search index, in the same transaction as the rows it indexes.
                    search::index_article(&tx, next_seq, article, analysis).map_err(err)?;
                    next_seq += 1;
                    outcomes.push(WriteOutcome::Inserted);
                }
                #[cfg(test)]
                if let Some(hook) = self.hook.as_mut() {
                    hook(index, &tx)?;
                }
            }
        }
        tx.commit().map_err(err)?;
        Ok(outcomes)
    }

    /// True when an article with exactly this id is stored.
    pub fn contains(&self, id: &str) -> Result<bool, StoreError> {
        self.conn
            .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")
            .and_then(|mut st| st.exists([id]))
            .map_err(|e| self.err(e))
    }

    /// The article with this id, or with a unique id prefix of at least [`MIN_PREFIX`]
    /// characters (hex digits, either case).
    ///
    /// `Ok(None)` when nothing matches; [`StoreError::PrefixTooShort`] for a shorter string
    /// that is not a stored id; [`StoreError::AmbiguousId`], listing the candidates, when the
    /// prefix matches more than one article.
    pub fn article(&self, id_or_prefix: &str) -> Result<Option<Article>, StoreError> {
        if let Some(article) = self.article_by_id(id_or_prefix)? {
            return Ok(Some(article));
        }
        if id_or_prefix.chars().count() < MIN_PREFIX {
            return Err(StoreError::PrefixTooShort {
                path: self.label.clone(),
                prefix: id_or_prefix.to_string(),
                min: MIN_PREFIX,
            });
        }
        // Article ids are lower-case hex: nothing else can be a prefix of one.
        if !id_or_prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let prefix = id_or_prefix.to_ascii_lowercase();
        // Every string starting with `prefix` sorts in [prefix, upper): `upper` is `prefix`
        // with its last (ASCII) char incremented ('9' → ':', 'f' → 'g').
        let mut upper = prefix.clone().into_bytes();
        if let Some(last) = upper.last_mut() {
            *last += 1;
        }
        let upper = String::from_utf8(upper).unwrap_or_default();
        let ids = self
            .conn
            .prepare_cached(
                "SELECT id FROM articles WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT ?3",
            )
            .and_then(|mut st| {
                st.query_map(params![prefix, upper, MAX_CANDIDATES as i64 + 1], |r| {
                    r.get::<_, String>(0)
                })?
                .collect::<Result<Vec<_>, _>>()
            })
            .map_err(|e| self.err(e))?;
        match ids.as_slice() {
            [] => Ok(None),
            [id] => self.article_by_id(id),
            _ => {
                let more = ids.len() > MAX_CANDIDATES;
                let mut candidates = ids;
                candidates.truncate(MAX_CANDIDATES);
                Err(StoreError::AmbiguousId {
                    path: self.label.clone(),
                    prefix: id_or_prefix.to_string(),
                    candidates,
                    more,
                })
            }
        }
    }

    fn article_by_id(&self, id: &str) -> Result<Option<Article>, StoreError> {
        let mut st = self
            .conn
            .prepare_cached(SELECT_ARTICLE)
            .map_err(|e| self.err(e))?;
        let row = st
            .query_row([id], |r| {
                Ok(RawArticle {
                    id: r.get(0)?,
                    text: r.get(1)?,
                    zones: r.get(2)?,
                    published: r.get(3)?,
                    published_time: r.get(4)?,
                    timezone: r.get(5)?,
                    section: r.get(6)?,
                    agency: r.get(7)?,
                    byline: r.get(8)?,
                    dateline: r.get(9)?,
                    language: r.get(10)?,
                    source: r.get(11)?,
                    origin: r.get(12)?,
                })
            })
            .optional()
            .map_err(|e| self.err(e))?;
        let Some(raw) = row else { return Ok(None) };
        let zones: Vec<Zone> =
            serde_json::from_str(&raw.zones).map_err(|e| self.corrupt(&raw.id, "zones", e))?;
        let origin: Origin =
            serde_json::from_str(&raw.origin).map_err(|e| self.corrupt(&raw.id, "origin", e))?;
        Ok(Some(Article {
            id: ArticleId(raw.id),
            text: raw.text,
            zones,
            published: raw.published,
            published_time: raw.published_time,
            timezone: raw.timezone,
            section: raw.section,
            agency: raw.agency,
            byline: raw.byline,
            dateline: raw.dateline,
            language: raw.language,
            source: raw.source,
            origin,
        }))
    }

    /// The analysis stored with the article of exactly this id (no prefixes: resolve one with
    /// [`Store::article`] first).
    pub fn analysis(&self, id: &str) -> Result<Option<Analysis>, StoreError> {
        let row: Option<(String, String)> = self
            .conn
            .prepare_cached("SELECT record_schema, json FROM analyses WHERE article_id = ?1")
            .and_then(|mut st| {
                st.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map_err(|e| self.err(e))?;
        let Some((schema, json)) = row else {
            return Ok(None);
        };
        serde_json::from_str(&json)
            .map(Some)
            .map_err(|e| StoreError::Corrupt {
                path: self.label.clone(),
                id: id.to_string(),
                what: "analysis",
                detail: if schema == RECORD_SCHEMA {
                    e.to_string()
                } else {
                    format!("written as {schema}, this build reads {RECORD_SCHEMA}: {e}")
                },
            })
    }

    /// The articles that pass `filter`, ordered by publication date (undated last), then id.
    pub fn articles(&self, filter: &ArticleFilter) -> Result<Vec<ArticleSummary>, StoreError> {
        if filter.limit == Some(0) {
            return Ok(Vec::new());
        }
        let mut conditions: Vec<&str> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        if let Some(from) = &filter.from {
            conditions.push("published >= ?");
            values.push(Value::Text(from.clone()));
        }
        if let Some(to) = &filter.to {
            // Inclusive, and a prefix (`2025-02`) covers every date that starts with it.
            conditions.push("published <= ?");
            values.push(Value::Text(format!("{to}\u{10FFFF}")));
        }
        // SQLite's NOCASE folds ASCII only; a non-ASCII value is compared in Rust below.
        let mut section_in_rust = None;
        let mut agency_in_rust = None;
        for (column, want, in_rust) in [
            (
                "section = ? COLLATE NOCASE",
                &filter.section,
                &mut section_in_rust,
            ),
            (
                "agency = ? COLLATE NOCASE",
                &filter.agency,
                &mut agency_in_rust,
            ),
        ] {
            match want {
                Some(v) if v.is_ascii() => {
                    conditions.push(column);
                    values.push(Value::Text(v.clone()));
                }
                Some(v) => *in_rust = Some(v.to_lowercase()),
                None => {}
            }
        }
        let needle = filter.contains.as_ref().map(|s| s.to_lowercase());
        let in_rust = needle.is_some() || section_in_rust.is_some() || agency_in_rust.is_some();

        let mut sql =
            String::from("SELECT id, published, section, agency, headline, chars, origin, ");
        // The text is read only when it is searched.
        sql.push_str(if needle.is_some() { "text" } else { "NULL" });
        sql.push_str(" FROM articles");
        if !conditions.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conditions.join(" AND "));
        }
        sql.push_str(" ORDER BY published IS NULL, published, id");
        if !in_rust {
            sql.push_str(" LIMIT ? OFFSET ?");
            values.push(Value::Integer(filter.limit.map_or(-1, clamp_i64)));
            values.push(Value::Integer(clamp_i64(filter.offset)));
        }

        let mut st = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let mut rows = st
            .query(rusqlite::params_from_iter(values.iter()))
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        let mut skip = if in_rust { filter.offset } else { 0 };
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            if in_rust {
                let matches = (|| -> rusqlite::Result<bool> {
                    if let Some(want) = &section_in_rust {
                        if !eq_lower(row.get_ref(2)?, want)? {
                            return Ok(false);
                        }
                    }
                    if let Some(want) = &agency_in_rust {
                        if !eq_lower(row.get_ref(3)?, want)? {
                            return Ok(false);
                        }
                    }
                    if let Some(needle) = &needle {
                        let text = row.get_ref(7)?.as_str()?;
                        if !text.to_lowercase().contains(needle.as_str()) {
                            return Ok(false);
                        }
                    }
                    Ok(true)
                })()
                .map_err(|e| self.err(e))?;
                if !matches {
                    continue;
                }
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
            }
            let id: String = row.get(0).map_err(|e| self.err(e))?;
            let origin_json: String = row.get(6).map_err(|e| self.err(e))?;
            let origin: Origin =
                serde_json::from_str(&origin_json).map_err(|e| self.corrupt(&id, "origin", e))?;
            let chars: i64 = row.get(5).map_err(|e| self.err(e))?;
            out.push(ArticleSummary {
                published: row.get(1).map_err(|e| self.err(e))?,
                section: row.get(2).map_err(|e| self.err(e))?,
                agency: row.get(3).map_err(|e| self.err(e))?,
                headline: row.get(4).map_err(|e| self.err(e))?,
                chars: usize::try_from(chars).unwrap_or(0),
                origin: origin.path.or(origin.url),
                id,
            });
            if in_rust && filter.limit.is_some_and(|limit| out.len() >= limit) {
                break;
            }
        }
        Ok(out)
    }

    /// Stored quotes, filtered, in publication-date then article then position order.
    pub fn quotes(&self, filter: &QuoteFilter) -> Result<Vec<QuoteRow>, StoreError> {
        let mut sql = String::from(
            "SELECT q.article_id, a.published, q.idx, q.kind, q.speaker_name, q.speaker_text, q.start, q.end, q.text \
             FROM quotes q JOIN articles a ON a.id = q.article_id WHERE 1",
        );
        let mut values: Vec<Value> = Vec::new();
        if let Some(sp) = &filter.speaker {
            sql.push_str(
                " AND (q.speaker_name LIKE ? ESCAPE '\\' OR q.speaker_text LIKE ? ESCAPE '\\')",
            );
            let pat = format!(
                "%{}%",
                sp.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            values.push(Value::Text(pat.clone()));
            values.push(Value::Text(pat));
        }
        if let Some(a) = &filter.article {
            sql.push_str(" AND q.article_id = ?");
            values.push(Value::Text(a.clone()));
        }
        if let Some(from) = &filter.from {
            sql.push_str(" AND a.published >= ?");
            values.push(Value::Text(from.clone()));
        }
        if let Some(to) = &filter.to {
            sql.push_str(" AND a.published <= ?");
            values.push(Value::Text(format!("{to}\u{10FFFF}")));
        }
        sql.push_str(
            " ORDER BY a.published IS NULL, a.published, q.article_id, q.idx LIMIT ? OFFSET ?",
        );
        values.push(Value::Integer(filter.limit.map_or(-1, clamp_i64)));
        values.push(Value::Integer(clamp_i64(filter.offset)));
        let mut st = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let rows = st
            .query_map(rusqlite::params_from_iter(values.iter()), |r| {
                Ok(QuoteRow {
                    article_id: r.get(0)?,
                    published: r.get(1)?,
                    index: r.get::<_, i64>(2)? as u32,
                    kind: r.get(3)?,
                    speaker_name: r.get(4)?,
                    speaker_text: r.get(5)?,
                    start: r.get::<_, i64>(6)? as u64,
                    end: r.get::<_, i64>(7)? as u64,
                    text: r.get(8)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// Stored events that pass `filter`, ordered by effective date (undated last), then
    /// article id, then position in the article (see [`EventFilter`] for the date rule).
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<EventRow>, StoreError> {
        if filter.limit == Some(0) {
            return Ok(Vec::new());
        }
        let mut sql = format!(
            "SELECT * FROM (SELECT e.article_id, a.published, e.idx, e.cameo, e.plover, \
               e.source_code, e.source_name, e.target_code, e.target_name, e.modality, e.date, \
               e.goldstein, e.quad_class, e.sentence, e.trigger_start, e.trigger_end, \
               e.mentions, {} AS eff_from, {} AS eff_to \
             FROM events e JOIN articles a ON a.id = e.article_id WHERE 1",
            effective_date_sql("e.date", "a.published", false),
            effective_date_sql("e.date", "a.published", true),
        );
        let mut values: Vec<Value> = Vec::new();
        // `column` starts with `prefix`: a range, so the column's index can serve it.
        let prefix = |column: &str, prefix: &str, values: &mut Vec<Value>| -> String {
            values.push(Value::Text(prefix.to_string()));
            values.push(Value::Text(format!("{prefix}\u{10FFFF}")));
            format!("({column} >= ? AND {column} < ?)")
        };
        if let Some(actor) = &filter.actor {
            let actor = actor.to_ascii_uppercase();
            let s = prefix("e.source_code", &actor, &mut values);
            let t = prefix("e.target_code", &actor, &mut values);
            sql.push_str(&format!(" AND ({s} OR {t})"));
        }
        if let Some(source) = &filter.source {
            let c = prefix("e.source_code", &source.to_ascii_uppercase(), &mut values);
            sql.push_str(&format!(" AND {c}"));
        }
        if let Some(target) = &filter.target {
            let c = prefix("e.target_code", &target.to_ascii_uppercase(), &mut values);
            sql.push_str(&format!(" AND {c}"));
        }
        if let Some(cameo) = &filter.cameo {
            let c = prefix("e.cameo", cameo, &mut values);
            sql.push_str(&format!(" AND {c}"));
        }
        if let Some(plover) = &filter.plover {
            sql.push_str(" AND e.plover = ? COLLATE NOCASE");
            values.push(Value::Text(plover.clone()));
        }
        if let Some(modality) = &filter.modality {
            sql.push_str(" AND e.modality = ?");
            values.push(Value::Text(modality.to_ascii_lowercase()));
        }
        if let Some(a) = &filter.article {
            sql.push_str(" AND e.article_id = ?");
            values.push(Value::Text(a.clone()));
        }
        sql.push_str(") WHERE 1");
        if let Some(from) = &filter.from {
            // The period's end reaches `from`: every string that starts with the end sorts
            // below the end plus the sentinel.
            sql.push_str(" AND eff_to || char(1114111) >= ?");
            values.push(Value::Text(from.clone()));
        }
        if let Some(to) = &filter.to {
            sql.push_str(" AND eff_from <= ?");
            values.push(Value::Text(format!("{to}\u{10FFFF}")));
        }
        sql.push_str(" ORDER BY eff_from IS NULL, eff_from, article_id, idx LIMIT ? OFFSET ?");
        values.push(Value::Integer(filter.limit.map_or(-1, clamp_i64)));
        values.push(Value::Integer(clamp_i64(filter.offset)));
        let mut st = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let rows = st
            .query_map(rusqlite::params_from_iter(values.iter()), |r| {
                let opt_u32 = |i: usize| -> rusqlite::Result<Option<u32>> {
                    Ok(r.get::<_, Option<i64>>(i)?
                        .and_then(|n| u32::try_from(n).ok()))
                };
                let opt_u64 = |i: usize| -> rusqlite::Result<Option<u64>> {
                    Ok(r.get::<_, Option<i64>>(i)?
                        .and_then(|n| u64::try_from(n).ok()))
                };
                Ok(EventRow {
                    article_id: r.get(0)?,
                    published: r.get(1)?,
                    index: r.get::<_, i64>(2)? as u32,
                    cameo: r.get(3)?,
                    plover: r.get(4)?,
                    source_code: r.get(5)?,
                    source_name: r.get(6)?,
                    target_code: r.get(7)?,
                    target_name: r.get(8)?,
                    modality: r.get(9)?,
                    date: r.get(10)?,
                    goldstein: r.get(11)?,
                    quad_class: r
                        .get::<_, Option<i64>>(12)?
                        .and_then(|n| u8::try_from(n).ok()),
                    sentence: opt_u32(13)?,
                    trigger_start: opt_u64(14)?,
                    trigger_end: opt_u64(15)?,
                    mentions: opt_u32(16)?.unwrap_or(0),
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// How many articles are stored.
    pub fn count_articles(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(|e| self.err(e))
    }

    /// A deterministic image of every content row: one line per row,
    /// `TABLE<TAB>{"column":value,…}` (keys sorted, blobs as hex), the lines sorted.
    ///
    /// Covers every table the migrations create except SQLite's own, the bookkeeping tables
    /// and the full-text index (`fts_*`: derived from the content rows, its bytes depend on
    /// batching), so new content tables are included without changing this function. Two
    /// stores built from the same input have equal dumps.
    pub fn dump(&self) -> Result<Vec<String>, StoreError> {
        let mut tables: Vec<String> = self
            .conn
            .prepare(
                r"SELECT name FROM sqlite_schema WHERE type = 'table'
                  AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name",
            )
            .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
            .map_err(|e| self.err(e))?;
        tables.retain(|t| {
            !migrations::BOOKKEEPING_TABLES.contains(&t.as_str())
                && !t.starts_with(migrations::INDEX_TABLE_PREFIX)
        });
        let mut lines = Vec::new();
        for table in &tables {
            let sql = format!("SELECT * FROM \"{}\"", table.replace('"', "\"\""));
            let mut st = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
            let columns: Vec<String> = st.column_names().map(String::from).collect();
            let mut rows = st.query([]).map_err(|e| self.err(e))?;
            while let Some(row) = rows.next().map_err(|e| self.err(e))? {
                let mut obj = serde_json::Map::new();
                for (i, column) in columns.iter().enumerate() {
                    let value = match row.get_ref(i).map_err(|e| self.err(e))? {
                        ValueRef::Null => serde_json::Value::Null,
                        ValueRef::Integer(n) => n.into(),
                        ValueRef::Real(x) => x.into(),
                        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
                        ValueRef::Blob(b) => b
                            .iter()
                            .map(|x| format!("{x:02x}"))
                            .collect::<String>()
                            .into(),
                    };
                    obj.insert(column.clone(), value);
                }
                lines.push(format!("{table}\t{}", serde_json::Value::Object(obj)));
            }
        }
        lines.sort();
        Ok(lines)
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::sqlite(&self.label, e)
    }

    fn corrupt(&self, id: &str, what: &'static str, e: serde_json::Error) -> StoreError {
        StoreError::Corrupt {
            path: self.label.clone(),
            id: id.to_string(),
            what,
            detail: e.to_string(),
        }
    }

    fn too_new(&self, found: u32) -> StoreError {
        StoreError::SchemaTooNew {
            path: self.label.clone(),
            found,
            supported: STORE_SCHEMA_VERSION,
        }
    }

    /// Test-only: install a hook called inside `write_batch` after each item.
    #[cfg(test)]
    pub(crate) fn set_hook(&mut self, hook: Option<Hook>) {
        self.hook = hook;
    }

    /// Test-only: the raw connection.
    #[cfg(test)]
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// An `articles` row before its JSON columns are decoded.
struct RawArticle {
    id: String,
    text: String,
    zones: String,
    published: Option<String>,
    published_time: Option<String>,
    timezone: Option<String>,
    section: Option<String>,
    agency: Option<String>,
    byline: Option<String>,
    dateline: Option<String>,
    language: String,
    source: Option<String>,
    origin: String,
}

/// `PRAGMA user_version`; a negative value (not written by dateline) reads as "too new".
fn read_user_version(conn: &Connection) -> rusqlite::Result<u32> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok(u32::try_from(v).unwrap_or(u32::MAX))
}

/// True when the (nullable text) value lower-cases to `want`.
fn eq_lower(value: ValueRef<'_>, want: &str) -> rusqlite::Result<bool> {
    Ok(match value {
        ValueRef::Null => false,
        v => v.as_str()?.to_lowercase() == want,
    })
}

fn clamp_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
