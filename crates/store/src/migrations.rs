//! The store's schema as an ordered list of migrations.
//!
//! Migration `n` (1-based) is `MIGRATIONS[n - 1]`. Each is applied in its own `IMMEDIATE`
//! transaction together with `PRAGMA user_version = n`, so a store is always at exactly one
//! version and a crash mid-migration leaves the previous version intact.
//!
//! Rules for adding a migration (e.g. the entity / quote / event tables):
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
];

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
