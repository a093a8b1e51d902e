//! `POST /api/ingest` and the function behind it: one file's bytes through the ingest
//! sniffer, the given analysis pipeline and the store — the same path as `dateline ingest`,
//! with the pipeline handed in by the caller.
use std::panic::{catch_unwind, AssertUnwindSafe};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use dateline_ingest::{Item, ReadOptions};
use dateline_model::{Analysis, Article, Diagnostic, Severity};
use dateline_pipeline::Pipeline;
use dateline_store::{Store, StoreError, WriteOutcome};
use serde::Serialize;

use crate::error::ApiError;
use crate::params::Params;
use crate::AppState;

/// Diagnostic code for a reader that panicked on the bytes (a bug; the input is skipped).
/// The same code `dateline ingest` reports.
pub const READER_PANICKED: &str = "R001";

/// Articles per store transaction.
const BATCH: usize = 500;

/// At most this many articles are listed in a report (the counts cover all).
const MAX_LISTED: usize = 1000;

/// What one ingest did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IngestReport {
    /// The name the bytes were read under (diagnostics and `Origin::path` use it).
    pub name: String,
    /// Size of the input.
    pub bytes: u64,
    /// Articles read.
    pub read: u64,
    /// Articles newly stored.
    pub stored: u64,
    /// Articles already in the store (unchanged).
    pub duplicates: u64,
    /// Items that could not be read.
    pub failed: u64,
    /// Warnings (reader and pipeline).
    pub warnings: u64,
    /// The pipeline's stages (`name@version`).
    pub pipeline: Vec<String>,
    /// Each article read, in order: its id, headline and what the store did with it (the first
    /// 1,000).
    pub articles: Vec<IngestedArticle>,
    /// Every failure and warning, with its stable code.
    pub diagnostics: Vec<Diagnostic>,
}

/// One article of an [`IngestReport`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IngestedArticle {
    /// The article id.
    pub id: String,
    /// Its headline.
    pub headline: Option<String>,
    /// `inserted` or `duplicate`.
    pub outcome: WriteOutcome,
}

/// Reads `bytes` (any format the ingest sniffer knows: news records, JSON Lines, HTML, feeds,
/// WARC, gzip/zstd of them), analyses every article with `pipeline` and writes them to
/// `store` in batches. Bad items become diagnostics; only a store failure is an error.
pub fn ingest_bytes(
    store: &mut Store,
    pipeline: &Pipeline,
    name: &str,
    bytes: &[u8],
) -> Result<IngestReport, StoreError> {
    let mut report = IngestReport {
        name: name.to_string(),
        bytes: bytes.len() as u64,
        pipeline: pipeline.id(),
        ..IngestReport::default()
    };
    let mut items: Vec<Item> = Vec::new();
    let read = catch_unwind(AssertUnwindSafe(|| {
        dateline_ingest::read_bytes(name, bytes, &ReadOptions::default(), &mut |item| {
            items.push(item)
        })
    }));
    if read.is_err() {
        items.push(Item::Failed(
            Diagnostic::error(
                READER_PANICKED,
                "the reader failed on this input (a bug: please report it)",
            )
            .in_file(name),
        ));
    }
    let mut pending: Vec<(Article, Analysis)> = Vec::new();
    for item in items {
        match item {
            Item::Article(article, warnings) => {
                report.read += 1;
                report.warnings += warnings.len() as u64;
                report.diagnostics.extend(warnings);
                let analysis = pipeline.analyse(&article);
                for d in &analysis.diagnostics {
                    if d.severity == Severity::Warning {
                        report.warnings += 1;
                    }
                    report.diagnostics.push(d.clone());
                }
                pending.push((*article, analysis));
                if pending.len() >= BATCH {
                    flush(store, &mut pending, &mut report)?;
                }
            }
            Item::Failed(d) => {
                report.failed += 1;
                report.diagnostics.push(d);
            }
            Item::Note(d) => {
                report.warnings += 1;
                report.diagnostics.push(d);
            }
        }
    }
    flush(store, &mut pending, &mut report)?;
    Ok(report)
}

fn flush(
    store: &mut Store,
    pending: &mut Vec<(Article, Analysis)>,
    report: &mut IngestReport,
) -> Result<(), StoreError> {
    if pending.is_empty() {
        return Ok(());
    }
    let outcomes = store.write_batch(pending)?;
    for ((article, _), outcome) in pending.iter().zip(outcomes) {
        match outcome {
            WriteOutcome::Inserted => report.stored += 1,
            WriteOutcome::Duplicate => report.duplicates += 1,
        }
        if report.articles.len() < MAX_LISTED {
            report.articles.push(IngestedArticle {
                id: article.id.to_string(),
                headline: article.headline().map(str::to_string),
                outcome,
            });
        }
    }
    pending.clear();
    Ok(())
}

/// Compares in time independent of where the strings first differ.
fn same_token(given: &[u8], want: &[u8]) -> bool {
    given.len() == want.len()
        && given
            .iter()
            .zip(want)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// Writes need a configured token (403 otherwise) and `Authorization: Bearer TOKEN` (401).
pub(crate) fn authorize(st: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = st.config.token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "writes are off: this server was started without a token \
             (dateline serve --token TOKEN, or DATELINE_TOKEN)",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        });
    match given {
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "missing token: send `Authorization: Bearer TOKEN`",
        )),
        Some(g) if same_token(g.trim().as_bytes(), token.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::new(StatusCode::UNAUTHORIZED, "wrong token")),
    }
}

fn too_large(limit: usize) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "the body is larger than {} bytes ({} MiB): send smaller files",
            limit,
            limit / (1024 * 1024)
        ),
    )
}

/// `POST /api/ingest[?name=NAME]`: the body is one file's bytes.
pub async fn handler(
    State(st): State<AppState>,
    headers: HeaderMap,
    p: Params,
    body: Body,
) -> Result<Json<IngestReport>, ApiError> {
    authorize(&st, &headers)?;
    p.allow(&["name"], &[])?;
    let name = p.text("name")?.unwrap_or_else(|| "upload".to_string());
    if name.chars().any(char::is_control) {
        return Err(ApiError::bad_param("name", "contains control characters"));
    }
    let limit = st.config.body_limit;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large(limit));
    }
    let bytes = axum::body::to_bytes(body, limit).await.map_err(|e| {
        // `to_bytes` fails with http-body-util's LengthLimitError when the limit trips
        // (a chunked body without Content-Length); anything else is a broken upload.
        let text = e.to_string();
        if text.contains("length limit") {
            too_large(limit)
        } else {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                format!("cannot read the body: {text}"),
            )
        }
    })?;
    if bytes.is_empty() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "the body is empty: send the bytes of one file",
        ));
    }
    let Some(pipeline) = st.config.pipeline.clone() else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "this server has no analysis pipeline: ingest is not available",
        ));
    };
    let writer = st.writer.clone();
    let dir = st.config.data_dir.clone();
    let report = tokio::task::spawn_blocking(move || -> Result<IngestReport, ApiError> {
        let mut guard = writer
            .lock()
            .map_err(|_| ApiError::internal("the writer lock is poisoned"))?;
        if guard.is_none() {
            *guard = Some(Store::open(&dir)?);
        }
        let store = guard.as_mut().expect("opened above");
        Ok(ingest_bytes(store, &pipeline, &name, &bytes)?)
    })
    .await
    .map_err(|e| ApiError::internal(format!("ingest task failed: {e}")))??;
    Ok(Json(report))
}

#[cfg(test)]
mod tests {
    use super::same_token;

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token(b"abc", b"abc"));
        assert!(!same_token(b"abd", b"abc"));
        assert!(!same_token(b"ab", b"abc"));
        assert!(!same_token(b"", b"abc"));
    }
}
