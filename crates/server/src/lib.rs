//! `dateline-server`: `dateline serve` — the HTTP JSON API over the store and the web UI.
//!
//! Brief overview:
//! - [`app`] builds the whole service (an axum [`Router`]) from a [`Config`]: the JSON API
//!   under `/api/` ([`ROUTES`] lists every endpoint; `/api/openapi.json` describes them) and
//!   the web UI at `/` (plain HTML, JS and CSS embedded in the binary: no CDN, no build step).
//! - [`serve`] runs a service on a bound listener until a shutdown future resolves; [`run`] is
//!   the blocking entry point the CLI calls (its own tokio runtime, Ctrl-C stops it).
//! - [`ingest_bytes`] reads one file's bytes (any format the ingest sniffer reads) through the
//!   given pipeline into the store: `POST /api/ingest` and `--demo` ([`demo`]) both use it.
//!
//! **Invariants.**
//! - Read-only unless a token is configured: without one, `POST /api/ingest` answers 403;
//!   with one, every write needs `Authorization: Bearer TOKEN` (401 otherwise).
//! - Article text is data, never markup: the API serves it as JSON strings, the UI builds the
//!   page with `textContent`/`createElement` only, and every response carries
//!   `Content-Security-Policy: default-src 'self'` (no inline script can run).
//! - SQLite reads run on tokio's blocking pool, each on a connection of its own taken from a
//!   small pool ([`Store`] is `Send`, not `Sync`); one writer connection serialises ingests.
//! - The server never reaches back up into the CLI: the analysis pipeline is a parameter
//!   ([`Config::pipeline`]).
//!
//! Errors are `{"error": "..."}` with 400 (a bad parameter, named), 401, 403, 404, 413
//! (body over [`Config::body_limit`]), 503 (a request over [`Config::request_timeout`]) or 500.
#![deny(missing_docs)]

mod analytics;
mod api;
pub mod demo;
mod error;
mod ingest;
mod params;
mod pool;
mod ui;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use dateline_pipeline::Pipeline;
use dateline_store::Store;

pub use error::ApiError;
pub use ingest::{ingest_bytes, IngestReport};

/// The OpenAPI 3.0 document served at `/api/openapi.json`.
pub const OPENAPI_JSON: &str = include_str!("openapi.json");

/// The Content-Security-Policy sent with every response.
pub const CSP: &str =
    "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Every API endpoint: method and path (axum syntax, `{param}`), in the order served.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/health"),
    ("GET", "/api/openapi.json"),
    ("GET", "/api/search"),
    ("GET", "/api/articles"),
    ("GET", "/api/articles/{id}"),
    ("GET", "/api/events"),
    ("GET", "/api/events/{article_id}/{index}"),
    ("GET", "/api/quotes"),
    ("GET", "/api/quotes/{article_id}/{index}"),
    ("GET", "/api/entities/{article_id}/{entity_id}"),
    ("GET", "/api/timeline"),
    ("GET", "/api/network"),
    ("GET", "/api/speakers/timeline"),
    ("POST", "/api/ingest"),
];

/// How the server runs.
#[derive(Clone)]
pub struct Config {
    /// The data dir holding the store (created when missing).
    pub data_dir: PathBuf,
    /// The bearer token for write endpoints; `None` turns writes off (403).
    pub token: Option<String>,
    /// An origin allowed to call the API from a browser (CORS); `None`: no CORS headers.
    pub cors: Option<String>,
    /// The analysis pipeline `POST /api/ingest` runs (the CLI passes the one `dateline ingest`
    /// uses). `None`: ingest answers 503.
    pub pipeline: Option<Arc<Pipeline>>,
    /// Largest request body accepted (413 beyond).
    pub body_limit: usize,
    /// Longest a read request may take (503 beyond).
    pub request_timeout: Duration,
    /// Longest an ingest request may take (503 beyond).
    pub ingest_timeout: Duration,
    /// Read connections kept open (and so concurrent reads).
    pub readers: usize,
}

impl Config {
    /// Defaults: writes off, no CORS, 8 MiB bodies, 10 s per read request, 120 s per ingest,
    /// two read connections per core.
    pub fn new(data_dir: PathBuf) -> Config {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Config {
            data_dir,
            token: None,
            cors: None,
            pipeline: None,
            body_limit: 8 * 1024 * 1024,
            request_timeout: Duration::from_secs(10),
            ingest_timeout: Duration::from_secs(120),
            readers: (2 * cores).clamp(2, 16),
        }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The store could not be opened.
    #[error(transparent)]
    Store(#[from] dateline_store::StoreError),
    /// The address could not be bound, or the runtime not started.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Shared state of every handler.
#[derive(Clone)]
pub(crate) struct AppState {
    pub pool: Arc<pool::ReadPool>,
    pub writer: Arc<Mutex<Option<Store>>>,
    pub config: Arc<Config>,
}

/// Builds the service: API routes, UI assets, security headers, limits, timeouts and CORS.
///
/// Opens the store once (creating and migrating it when needed) so that a bad data dir fails
/// here, not on the first request.
pub fn app(config: Config) -> Result<Router, ServerError> {
    let first = Store::open(&config.data_dir)?;
    let pool = pool::ReadPool::new(config.data_dir.clone(), config.readers, first);
    let state = AppState {
        pool: Arc::new(pool),
        writer: Arc::new(Mutex::new(None)),
        config: Arc::new(config),
    };
    let mut router = Router::new();
    for (path, method_router) in routes() {
        router = router.route(path, method_router);
    }
    let router = router
        .merge(ui::routes())
        .fallback(fallback)
        .layer(DefaultBodyLimit::max(state.config.body_limit))
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state);
    Ok(router)
}

/// The API's routes, one per [`ROUTES`] entry.
fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    let table: Vec<(&'static str, MethodRouter<AppState>)> = vec![
        ("/api/health", get(api::health)),
        ("/api/openapi.json", get(api::openapi)),
        ("/api/search", get(api::search)),
        ("/api/articles", get(api::articles)),
        ("/api/articles/{id}", get(api::article)),
        ("/api/events", get(api::events)),
        ("/api/events/{article_id}/{index}", get(api::event)),
        ("/api/quotes", get(api::quotes)),
        ("/api/quotes/{article_id}/{index}", get(api::quote)),
        ("/api/entities/{article_id}/{entity_id}", get(api::entity)),
        ("/api/timeline", get(api::timeline)),
        ("/api/network", get(api::network)),
        ("/api/speakers/timeline", get(api::speaker_timeline)),
        ("/api/ingest", post(ingest::handler)),
    ];
    debug_assert_eq!(table.len(), ROUTES.len());
    table
}

async fn fallback(method: Method) -> ApiError {
    if method == Method::GET || method == Method::HEAD {
        ApiError::not_found("no such endpoint (see /api/openapi.json)")
    } else {
        ApiError::new(StatusCode::NOT_FOUND, "no such endpoint")
    }
}

/// Every request passes here: CORS preflight, the per-request timeout, and the headers every
/// response carries (CSP, no sniffing, no framing, no caching of API answers).
async fn guard(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let cors = st.config.cors.as_deref();
    let origin_ok = cors.is_some_and(|allowed| {
        allowed == "*"
            || req
                .headers()
                .get(header::ORIGIN)
                .and_then(|o| o.to_str().ok())
                .is_some_and(|o| o == allowed)
    });
    if req.method() == Method::OPTIONS && cors.is_some() {
        let mut res = StatusCode::NO_CONTENT.into_response();
        if origin_ok {
            let h = res.headers_mut();
            h.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("GET, POST, OPTIONS"),
            );
            h.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static("authorization, content-type"),
            );
            h.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("600"),
            );
        }
        return finish(res, cors, origin_ok, true);
    }
    let is_api = req.uri().path().starts_with("/api/");
    let limit = if req.uri().path() == "/api/ingest" {
        st.config.ingest_timeout
    } else {
        st.config.request_timeout
    };
    let res = match tokio::time::timeout(limit, next.run(req)).await {
        Ok(res) => res,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the request took longer than {}; narrow it (filters, a smaller limit) or retry",
                if limit.as_secs() > 0 {
                    format!("{} s", limit.as_secs())
                } else {
                    format!("{} ms", limit.as_millis())
                }
            ),
        )
        .into_response(),
    };
    finish(res, cors, origin_ok, is_api)
}

fn finish(mut res: Response, cors: Option<&str>, origin_ok: bool, no_store: bool) -> Response {
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if no_store && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if let (Some(allowed), true) = (cors, origin_ok) {
        if let Ok(v) = HeaderValue::from_str(allowed) {
            h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
        }
        h.append(header::VARY, HeaderValue::from_static("origin"));
    }
    res
}

/// Serves `app` on `listener` until `shutdown` resolves (in-flight requests are finished).
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Binds `addr`, calls `ready` with the bound address (port 0 picks a free port), and serves
/// until Ctrl-C or SIGTERM. Blocking: runs its own multi-threaded tokio runtime.
pub fn run(
    addr: SocketAddr,
    config: Config,
    ready: impl FnOnce(SocketAddr) + Send + 'static,
) -> Result<(), ServerError> {
    let app = app(config)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("dateline-serve")
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        ready(listener.local_addr()?);
        serve(listener, app, shutdown_signal()).await
    })?;
    Ok(())
}

/// Resolves on Ctrl-C, or SIGTERM on Unix.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
