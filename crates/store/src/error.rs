//! The store's one error type. Every message starts with the database path (`:memory:` for an
//! in-memory store), so a CLI can print it as is — except [`StoreError::InvalidQuery`], which
//! is about a caller's query parameter, not the store.
use rusqlite::ErrorCode;

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The store directory could not be created.
    #[error("{path}: cannot create the store directory: {source}")]
    CreateDir {
        /// The directory.
        path: String,
        /// Why.
        source: std::io::Error,
    },

    /// The file exists but is not a SQLite database (or is damaged or encrypted).
    #[error("{path}: not a dateline store: the file is not a SQLite database (or it is damaged)")]
    NotADatabase {
        /// The database file.
        path: String,
    },

    /// The store was written by a newer dateline; nothing was written to it.
    #[error(
        "{path}: store schema version {found} is newer than this build of dateline supports \
         ({supported}); use a newer dateline (the store was not modified)"
    )]
    SchemaTooNew {
        /// The database file.
        path: String,
        /// The file's schema version (`PRAGMA user_version`).
        found: u32,
        /// The newest version this build knows ([`crate::STORE_SCHEMA_VERSION`]).
        supported: u32,
    },

    /// A migration failed; the store stays at the previous version.
    #[error("{path}: migration to schema version {version} failed: {source}")]
    Migration {
        /// The database file.
        path: String,
        /// The version the migration would have produced.
        version: u32,
        /// The SQLite error.
        source: rusqlite::Error,
    },

    /// Any other SQLite error (locked database, full disk, I/O error, …).
    #[error("{path}: {source}")]
    Sqlite {
        /// The database file.
        path: String,
        /// The SQLite error.
        source: rusqlite::Error,
    },

    /// A stored value could not be decoded (hand-edited or damaged row).
    #[error("{path}: stored {what} of article {id} cannot be read: {detail}")]
    Corrupt {
        /// The database file.
        path: String,
        /// The article.
        id: String,
        /// Which value (`zones`, `origin`, `analysis`, …).
        what: &'static str,
        /// What is wrong with it.
        detail: String,
    },

    /// A value could not be encoded to JSON for storing.
    #[error("{path}: cannot encode {what} of article {id}: {source}")]
    Encode {
        /// The database file.
        path: String,
        /// The article.
        id: String,
        /// Which value.
        what: &'static str,
        /// Why.
        source: serde_json::Error,
    },

    /// A batch item's analysis belongs to another article; the whole batch was rolled back.
    #[error(
        "{path}: batch item {index}: the analysis is of article {analysis} but the article is \
         {article} (nothing of the batch was stored)"
    )]
    Mismatch {
        /// The database file.
        path: String,
        /// 0-based index of the item in the batch.
        index: usize,
        /// The article's id.
        article: String,
        /// The analysis' `article_id`.
        analysis: String,
    },

    /// An id prefix shorter than [`crate::MIN_PREFIX`] that is not itself a stored id.
    #[error("{path}: article id prefix `{prefix}` is too short: give at least {min} characters")]
    PrefixTooShort {
        /// The database file.
        path: String,
        /// The prefix given.
        prefix: String,
        /// The minimum length.
        min: usize,
    },

    /// An id prefix that matches more than one article.
    #[error(
        "{path}: article id prefix `{prefix}` is ambiguous: it matches {}{}",
        candidates.join(", "),
        if *more { ", …" } else { "" }
    )]
    AmbiguousId {
        /// The database file.
        path: String,
        /// The prefix given.
        prefix: String,
        /// Matching ids, sorted (at most [`crate::MAX_CANDIDATES`]).
        candidates: Vec<String>,
        /// True when more ids match than are listed.
        more: bool,
    },

    /// A query parameter that cannot be used (an unknown modality, a malformed date, an empty
    /// actor, …). The message names the parameter and says what is accepted; unlike the other
    /// variants it does not start with the database path, because it is about the caller's
    /// input rather than the store (a server answers it with HTTP 400).
    #[error("invalid {field}: {message}")]
    InvalidQuery {
        /// The parameter (`modality`, `from`, `actor`, …).
        field: &'static str,
        /// What is wrong and what is accepted.
        message: String,
    },
}

impl StoreError {
    /// Wraps a SQLite error, recognising "file is not a database".
    pub(crate) fn sqlite(path: &str, source: rusqlite::Error) -> StoreError {
        if source.sqlite_error_code() == Some(ErrorCode::NotADatabase) {
            StoreError::NotADatabase {
                path: path.to_string(),
            }
        } else {
            StoreError::Sqlite {
                path: path.to_string(),
                source,
            }
        }
    }
}
