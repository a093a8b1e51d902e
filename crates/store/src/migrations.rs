//! The store's schema as an ordered list of migrations.
//!
//! Migration `n` (1-based) is `MIGRATIONS[n - 1]`. Each is applied in its own `IMMEDIATE`
//! transaction together with `PRAGMA user_version = n`, so a store is always at exactly one
//! version and a crash mid-migration leaves the previous version intact.
//!
//! Rules for adding a migration:
//! - append a new entry to [`MIGRATIONS`]; never edit or reorder an applied one;
//! - content tables hold no wall-clock time, so two stores built from the same input dump
//!   identically (see [`crate::Store::dump`]);
//! - a bookkeeping table that must stay out of the dump goes into [`BOOKKEEPING_TABLES`].

/// Every migration, in order. `STORE_SCHEMA_VERSION` is its length.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: articles and their analyses.
    r#"
CREATE TABLE articles (
    id             TEXT PRIMARY KEY NOT NULL,
    seq            INTEGER NOT NULL UNIQUE,      -- ingest order, 1-based, no gaps
    published      TEXT,                         -- YYYY-MM-DD
    published_time TEXT,
    timezone       TEXT,
    section        TEXT,
    agency         TEXT,
    byline         TEXT,
    dateline       TEXT,
    language       TEXT NOT NULL,
    source         TEXT,
    headline       TEXT,                         -- denormalised from text + zones, for listing
    chars          INTEGER NOT NULL,             -- length of text in chars, for listing
    text           TEXT NOT NULL,
    zones          TEXT NOT NULL,                -- JSON array of model::Zone
    origin         TEXT NOT NULL                 -- JSON of model::Origin
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_section   ON articles(section COLLATE NOCASE);
CREATE INDEX articles_agency    ON articles(agency COLLATE NOCASE);

CREATE TABLE analyses (
    article_id    TEXT PRIMARY KEY NOT NULL REFERENCES articles(id),
    stages        TEXT NOT NULL,                 -- JSON array of "stage@version"
    record_schema TEXT NOT NULL,                 -- model::RECORD_SCHEMA at write time
    json          TEXT NOT NULL                  -- JSON of model::Analysis
);
"#,
    // 2: entities and quotes as rows, for queries across articles (quotes by speaker, entities
    // by actor). Rows of analyses stored before this migration are filled in from their JSON.
    r#"
CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles(id),
    entity_id  TEXT NOT NULL,                    -- model::Entity::id, unique per article
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,                    -- PERSON, ORG, GPE, LOC, NORP
    actor      TEXT,                             -- CAMEO actor code on the article's date
    wikidata   TEXT,
    mentions   INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX entities_name  ON entities(name COLLATE NOCASE);
CREATE INDEX entities_actor ON entities(actor);

CREATE TABLE quotes (
    article_id     TEXT NOT NULL REFERENCES articles(id),
    idx            INTEGER NOT NULL,             -- position in the analysis' quote list
    kind           TEXT NOT NULL,                -- direct, indirect, mixed
    speaker_name   TEXT,                         -- canonical name of the speaker entity
    speaker_text   TEXT,                         -- the speaker's words in the text
    speaker_entity TEXT,                         -- model::Entity::id
    start          INTEGER NOT NULL,             -- content span, chars
    end            INTEGER NOT NULL,
    text           TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX quotes_speaker_name ON quotes(speaker_name COLLATE NOCASE);

INSERT INTO entities
SELECT a.article_id, json_extract(e.value, '$.id'), json_extract(e.value, '$.name'),
       json_extract(e.value, '$.type'), json_extract(e.value, '$.actor'),
       json_extract(e.value, '$.wikidata'), json_array_length(e.value, '$.mentions')
FROM analyses a, json_each(a.json, '$.entities') e;

INSERT INTO quotes
SELECT a.article_id, q.key, json_extract(q.value, '$.kind'),
       json_extract(q.value, '$.speaker.name'), json_extract(q.value, '$.speaker.text'),
       json_extract(q.value, '$.speaker.entity'), json_extract(q.value, '$.content.start'),
       json_extract(q.value, '$.content.end'), json_extract(q.value, '$.text')
FROM analyses a, json_each(a.json, '$.quotes') q;
"#,
    // 3: coded events as rows, for queries across articles (events by actor, CAMEO code,
    // modality, date) and export. Rows of analyses stored before this migration are filled in
    // from their JSON.
    r#"
CREATE TABLE events (
    article_id    TEXT NOT NULL REFERENCES articles(id),
    idx           INTEGER NOT NULL,              -- position in the analysis' event list
    cameo         TEXT NOT NULL,                 -- CAMEO event code (036)
    plover        TEXT,                          -- PLOVER category (CONSULT)
    source_code   TEXT,                          -- CAMEO actor code of the source (RUSGOV)
    source_name   TEXT,                          -- canonical name of the source
    source_entity TEXT,                          -- model::Entity::id of the source
    target_code   TEXT,
    target_name   TEXT,
    target_entity TEXT,
    modality      TEXT NOT NULL,                 -- asserted, planned, hypothetical, negated, reported, uncertain
    date          TEXT,                          -- the event's own date, TIMEX3 value
    goldstein     REAL,
    quad_class    INTEGER,
    sentence      INTEGER,                       -- sentence index of the first mention
    trigger_start INTEGER,                       -- trigger span of the first mention, chars
    trigger_end   INTEGER,
    mentions      INTEGER NOT NULL,              -- number of mentions
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX events_cameo    ON events(cameo);
CREATE INDEX events_source   ON events(source_code);
CREATE INDEX events_target   ON events(target_code);
CREATE INDEX events_modality ON events(modality);

INSERT INTO events
SELECT a.article_id, e.key, json_extract(e.value, '$.cameo'), json_extract(e.value, '$.plover'),
       json_extract(e.value, '$.source.code'), json_extract(e.value, '$.source.name'),
       json_extract(e.value, '$.source.entity'), json_extract(e.value, '$.target.code'),
       json_extract(e.value, '$.target.name'), json_extract(e.value, '$.target.entity'),
       json_extract(e.value, '$.modality'), json_extract(e.value, '$.date'),
       json_extract(e.value, '$.goldstein'), json_extract(e.value, '$.quad_class'),
       json_extract(e.value, '$.mentions[0].sentence'),
       json_extract(e.value, '$.mentions[0].trigger.start'),
       json_extract(e.value, '$.mentions[0].trigger.end'),
       COALESCE(json_array_length(e.value, '$.mentions'), 0)
FROM analyses a, json_each(a.json, '$.events') e;
"#,
    // 4: articles by source, so that `write_batch` finds an article already stored under the
    // same page URL (a feed item and the page it links to are one article).
    r#"
CREATE INDEX articles_source ON articles(source);
"#,
    // 5: full-text search (SQLite FTS5, compiled into the bundled SQLite). Three indexes, all
    // named `fts_*` (left out of `Store::dump`: they are derived from the content rows, and
    // their bytes depend on how the rows were batched). Written by `write_batch` in the same
    // transaction as the rows they index (`search::index_article`); filled in here from the
    // rows already stored. Tokens: Unicode words, case and diacritics folded, Porter-stemmed.
    //
    // - fts_articles: external content over `articles` (headline, text), keyed on `seq`, so
    //   the article text is stored once.
    // - fts_quotes: the quote's content and its speaker (canonical name, newline, the words
    //   in the text); rowid = (articles.seq << 20) | quotes.idx.
    // - fts_events: the evidence sentence (the first mention's sentence), the actors (source
    //   code, name, target code, name) and the codes (CAMEO, PLOVER), newline-separated;
    //   rowid = (articles.seq << 20) | events.idx.
    //
    // Also covering indexes for the filters of searches, timelines and networks, so that they
    // never read the (large) article rows: articles by date and by id with their seq, id, date,
    // section and agency; entities and event sides by code with their article; quotes by
    // speaker. The code indexes replace those of migrations 2 and 3 (the same first column).
    r#"
CREATE INDEX articles_by_date ON articles(published, seq, id, section, agency);
CREATE INDEX articles_by_id ON articles(id, seq, published, section, agency);
CREATE INDEX entities_actor_article ON entities(actor, article_id);
DROP INDEX entities_actor;
CREATE INDEX events_source_article ON events(source_code, article_id);
DROP INDEX events_source;
CREATE INDEX events_target_article ON events(target_code, article_id);
DROP INDEX events_target;
CREATE INDEX quotes_speakers ON quotes(speaker_name, speaker_text, article_id, idx);

CREATE VIRTUAL TABLE fts_articles USING fts5(
    headline, text,
    content = 'articles', content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO fts_articles(fts_articles) VALUES ('rebuild');

CREATE VIRTUAL TABLE fts_quotes USING fts5(
    content, speaker,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO fts_quotes(rowid, content, speaker)
SELECT (a.seq << 20) | q.idx, q.text,
       COALESCE(q.speaker_name, '') || char(10) || COALESCE(q.speaker_text, '')
FROM quotes q JOIN articles a ON a.id = q.article_id
WHERE q.idx BETWEEN 0 AND 1048575;

CREATE VIRTUAL TABLE fts_events USING fts5(
    evidence, actors, codes,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO fts_events(rowid, evidence, actors, codes)
SELECT (ar.seq << 20) | e.key,
       COALESCE(substr(ar.text,
                       json_extract(e.value, '$.mentions[0].sentence_span.start') + 1,
                       max(json_extract(e.value, '$.mentions[0].sentence_span.end')
                           - json_extract(e.value, '$.mentions[0].sentence_span.start'), 0)),
                ''),
       COALESCE(json_extract(e.value, '$.source.code'), '') || char(10)
         || COALESCE(json_extract(e.value, '$.source.name'), '') || char(10)
         || COALESCE(json_extract(e.value, '$.target.code'), '') || char(10)
         || COALESCE(json_extract(e.value, '$.target.name'), ''),
       COALESCE(json_extract(e.value, '$.cameo'), '') || char(10)
         || COALESCE(json_extract(e.value, '$.plover'), '')
FROM analyses an JOIN articles ar ON ar.id = an.article_id, json_each(an.json, '$.events') e
WHERE e.key BETWEEN 0 AND 1048575;
"#,
    // 6: what filtered searches, timelines and networks need to answer from indexes alone
    // (issue #8: p99 < 50 ms under load on 100,000 articles). Filled in here from the rows
    // already stored; `write_batch` writes them with each article (`search::index_article`
    // for `article_actors`).
    //
    // - events.published: the article's publication date, so that an event's timeline day and
    //   effective date need no join to `articles` (one seek per event: most of a timeline's
    //   cost).
    // - events_by_source, events_by_target: every column a timeline or a network reads, by
    //   either side's code, so that neither reads the event rows.
    // - article_actors: each article's distinct actor codes (event sides and entities), keyed
    //   by article `seq`: an actor filter becomes an index range (which articles) or one seek
    //   per candidate (does this article qualify), instead of a union over three indexes
    //   mapped through article ids.
    // - articles_by_seq: an article's id, date, section and agency by `seq` (the key of the
    //   full-text index), for checking a text match against filters with one seek.
    // - events_by_key: an event's filter fields by its key, for checking a text match of an
    //   event against filters without reading the event row.
    // - The full-text indexes merged into one segment each ('optimize'): a store ingested in
    //   batches holds 8 to 16 segments per index, and every doclist read merges them all
    //   (a quarter of a text search's time on 108,000 articles).
    r#"
ALTER TABLE events ADD COLUMN published TEXT;
UPDATE events SET published = (SELECT a.published FROM articles a WHERE a.id = events.article_id);
CREATE INDEX events_by_source
    ON events(source_code, modality, date, published, goldstein, cameo, target_code, target_name);
CREATE INDEX events_by_target
    ON events(target_code, modality, date, published, goldstein, cameo, source_code, source_name);
DROP INDEX events_source_article;
DROP INDEX events_target_article;

CREATE INDEX articles_by_seq ON articles(seq, id, published, section, agency);
CREATE INDEX events_by_key
    ON events(article_id, idx, source_code, target_code, modality, cameo, plover, date, published);

CREATE TABLE article_actors (
    seq  INTEGER NOT NULL,                       -- articles.seq
    code TEXT NOT NULL,                          -- CAMEO actor code of an event side or entity
    PRIMARY KEY (seq, code)
) WITHOUT ROWID;
CREATE INDEX article_actors_by_code ON article_actors(code, seq);
INSERT OR IGNORE INTO article_actors (seq, code)
SELECT a.seq, x.code FROM (
    SELECT article_id, source_code AS code FROM events WHERE source_code IS NOT NULL
    UNION ALL SELECT article_id, target_code FROM events WHERE target_code IS NOT NULL
    UNION ALL SELECT article_id, actor FROM entities WHERE actor IS NOT NULL
) x JOIN articles a ON a.id = x.article_id;

INSERT INTO fts_articles(fts_articles) VALUES ('optimize');
INSERT INTO fts_quotes(fts_quotes) VALUES ('optimize');
INSERT INTO fts_events(fts_events) VALUES ('optimize');
"#,
];

/// Name prefix of the full-text index tables (FTS5 tables and their shadow tables), which
/// [`crate::Store::dump`] leaves out: they are derived from the content rows, and their bytes
/// depend on how the rows were batched.
pub(crate) const INDEX_TABLE_PREFIX: &str = "fts_";

/// Tables that are schema or run bookkeeping rather than content: [`crate::Store::dump`]
/// leaves them out. (SQLite's own `sqlite_*` tables are always left out.)
pub(crate) const BOOKKEEPING_TABLES: &[&str] = &[];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_is_valid_sql_on_top_of_the_previous_ones() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for (i, sql) in MIGRATIONS.iter().enumerate() {
            conn.execute_batch(sql)
                .unwrap_or_else(|e| panic!("migration {}: {e}", i + 1));
        }
    }
}
