//! The read endpoints: each checks its parameters (400 naming the one at fault), runs one
//! store call on a pooled read connection, and answers JSON.
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use dateline_model::{Analysis, Article, Span, TextIndex, RECORD_SCHEMA};
use dateline_store::{ArticleFilter, EventFilter, QuoteFilter, Store};
use serde::Serialize;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::params::{Params, MODALITIES};
use crate::AppState;

pub use crate::analytics::{network, search, speaker_timeline, timeline};

type ApiResult = Result<Json<Value>, ApiError>;

fn to_json(v: impl Serialize) -> Result<Value, ApiError> {
    serde_json::to_value(v).map_err(ApiError::internal)
}

/// `GET /api/health`: the server is up; how many articles; whether writes are on.
pub async fn health(State(st): State<AppState>, p: Params) -> ApiResult {
    p.allow(&[], &[])?;
    let writes = st.config.token.is_some();
    let ingest = writes && st.config.pipeline.is_some();
    let (articles, schema) = st
        .pool
        .read(|s| Ok((s.count_articles()?, s.schema_version()?)))
        .await?;
    Ok(Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "record_schema": RECORD_SCHEMA,
        "store_schema": schema,
        "articles": articles,
        "writes": writes,
        "ingest": ingest,
    })))
}

/// `GET /api/openapi.json`.
pub async fn openapi() -> Response {
    let mut res = crate::OPENAPI_JSON.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}

/// A full article id from an id or a unique prefix; 404 when nothing matches.
fn resolve(store: &Store, id: &str) -> Result<Article, ApiError> {
    if id.is_empty() || id.len() > 64 {
        return Err(ApiError::bad_param("id", "not an article id"));
    }
    store
        .article(id)?
        .ok_or_else(|| ApiError::not_found(format!("no article `{id}`")))
}

/// The article and its analysis; 404 when either is missing.
fn article_and_analysis(store: &Store, id: &str) -> Result<(Article, Analysis), ApiError> {
    let article = resolve(store, id)?;
    let analysis = store
        .analysis(article.id.as_str())?
        .unwrap_or_else(|| Analysis::empty(article.id.clone()));
    Ok((article, analysis))
}

/// `GET /api/articles`: the article listing ([`ArticleFilter`]).
pub async fn articles(State(st): State<AppState>, p: Params) -> ApiResult {
    p.allow(
        &[
            "from", "to", "section", "agency", "contains", "q", "limit", "offset",
        ],
        &[],
    )?;
    let (from, to) = p.range()?;
    let (limit, offset) = p.page(50)?;
    let contains = match (p.text("contains")?, p.text("q")?) {
        (Some(_), Some(_)) => {
            return Err(ApiError::bad_param("q", "give `q` or `contains`, not both"))
        }
        (a, b) => a.or(b),
    };
    let filter = ArticleFilter {
        from,
        to,
        section: p.text("section")?,
        agency: p.text("agency")?,
        contains,
        limit: Some(limit),
        offset,
    };
    let (items, stored) = st
        .pool
        .read(move |s| Ok((s.articles(&filter)?, s.count_articles()?)))
        .await?;
    Ok(Json(json!({
        "items": to_json(items)?,
        "limit": limit,
        "offset": offset,
        "stored": stored,
    })))
}

/// The fields of an article view (text, zones, metadata) plus its analysis.
#[derive(Serialize)]
struct ArticleView<'a> {
    schema: &'static str,
    id: &'a str,
    published: Option<&'a str>,
    published_time: Option<&'a str>,
    timezone: Option<&'a str>,
    section: Option<&'a str>,
    agency: Option<&'a str>,
    byline: Option<&'a str>,
    dateline: Option<&'a str>,
    language: &'a str,
    source: Option<&'a str>,
    headline: Option<&'a str>,
    standfirst: Option<&'a str>,
    origin: &'a dateline_model::Origin,
    /// Length of `text` in chars (every span counts chars, not bytes or UTF-16 units).
    chars: usize,
    text: &'a str,
    zones: &'a [dateline_model::Zone],
    analysis: &'a Analysis,
}

/// `GET /api/articles/{id}`: text, zones, metadata and the whole analysis (entities with
/// their mentions, quotes, timexes, events with their mentions, sentences): every span the UI
/// highlights.
pub async fn article(State(st): State<AppState>, Path(id): Path<String>, p: Params) -> ApiResult {
    p.allow(&[], &[])?;
    st.pool
        .read(move |s| {
            let (a, an) = article_and_analysis(s, &id)?;
            let view = ArticleView {
                schema: RECORD_SCHEMA,
                id: a.id.as_str(),
                published: a.published.as_deref(),
                published_time: a.published_time.as_deref(),
                timezone: a.timezone.as_deref(),
                section: a.section.as_deref(),
                agency: a.agency.as_deref(),
                byline: a.byline.as_deref(),
                dateline: a.dateline.as_deref(),
                language: &a.language,
                source: a.source.as_deref(),
                headline: a.headline(),
                standfirst: a.standfirst(),
                origin: &a.origin,
                chars: a.text.chars().count(),
                text: &a.text,
                zones: &a.zones,
                analysis: &an,
            };
            Ok(Json(to_json(view)?))
        })
        .await
}

/// `GET /api/events`: stored events across articles ([`EventFilter`]).
pub async fn events(State(st): State<AppState>, p: Params) -> ApiResult {
    p.allow(
        &[
            "actor", "source", "target", "cameo", "plover", "modality", "from", "to", "article",
            "limit", "offset",
        ],
        &[],
    )?;
    let (from, to) = p.range()?;
    let (limit, offset) = p.page(50)?;
    let mut filter = EventFilter {
        actor: p.actor("actor")?,
        source: p.actor("source")?,
        target: p.actor("target")?,
        cameo: p.cameo("cameo")?,
        plover: p.text("plover")?,
        modality: p.choice("modality", &MODALITIES)?,
        from,
        to,
        article: None,
        limit: Some(limit),
        offset,
    };
    let article = p.text("article")?;
    let items = st
        .pool
        .read(move |s| {
            if let Some(id) = article {
                filter.article = Some(resolve(s, &id)?.id.0);
            }
            Ok(s.events(&filter)?)
        })
        .await?;
    Ok(Json(json!({
        "items": to_json(items)?,
        "limit": limit,
        "offset": offset,
    })))
}

/// `GET /api/quotes`: stored quotes across articles ([`QuoteFilter`]).
pub async fn quotes(State(st): State<AppState>, p: Params) -> ApiResult {
    p.allow(
        &["speaker", "article", "from", "to", "limit", "offset"],
        &[],
    )?;
    let (from, to) = p.range()?;
    let (limit, offset) = p.page(50)?;
    let mut filter = QuoteFilter {
        speaker: p.text("speaker")?,
        article: None,
        from,
        to,
        limit: Some(limit),
        offset,
    };
    let article = p.text("article")?;
    let items = st
        .pool
        .read(move |s| {
            if let Some(id) = article {
                filter.article = Some(resolve(s, &id)?.id.0);
            }
            Ok(s.quotes(&filter)?)
        })
        .await?;
    Ok(Json(json!({
        "items": to_json(items)?,
        "limit": limit,
        "offset": offset,
    })))
}

/// A span with the text at it.
fn spanned(ix: &TextIndex, text: &str, span: Span) -> Value {
    json!({ "start": span.start, "end": span.end, "text": ix.slice(text, span) })
}

/// The article fields every record view repeats.
fn article_head(a: &Article) -> Value {
    json!({
        "id": a.id.as_str(),
        "headline": a.headline(),
        "published": a.published,
        "section": a.section,
        "agency": a.agency,
    })
}

fn parse_index(raw: &str) -> Result<usize, ApiError> {
    raw.parse::<u32>()
        .map(|n| n as usize)
        .map_err(|_| ApiError::bad_param("index", format!("`{raw}` is not a whole number ≥ 0")))
}

/// `GET /api/events/{article_id}/{index}`: one event with its evidence — per telling, the
/// sentence and the trigger, source and target spans with their text.
pub async fn event(
    State(st): State<AppState>,
    Path((id, index)): Path<(String, String)>,
    p: Params,
) -> ApiResult {
    p.allow(&[], &[])?;
    let i = parse_index(&index)?;
    st.pool
        .read(move |s| {
            let (a, an) = article_and_analysis(s, &id)?;
            let events = an.events.as_deref().unwrap_or(&[]);
            let e = events.get(i).ok_or_else(|| {
                ApiError::not_found(format!(
                    "article {} has no event {i} ({} events)",
                    a.id,
                    events.len()
                ))
            })?;
            let ix = a.index();
            let evidence: Vec<Value> = e
                .mentions
                .iter()
                .map(|m| {
                    json!({
                        "sentence": spanned(&ix, &a.text, m.sentence_span),
                        "sentence_index": m.sentence,
                        "trigger": spanned(&ix, &a.text, m.trigger),
                        "source": m.source.map(|sp| spanned(&ix, &a.text, sp)),
                        "target": m.target.map(|sp| spanned(&ix, &a.text, sp)),
                        "quote": m.quote,
                    })
                })
                .collect();
            Ok(Json(json!({
                "article": article_head(&a),
                "index": i,
                "event": to_json(e)?,
                "evidence": evidence,
            })))
        })
        .await
}

/// `GET /api/quotes/{article_id}/{index}`: one quote with its sentence and speaker entity.
pub async fn quote(
    State(st): State<AppState>,
    Path((id, index)): Path<(String, String)>,
    p: Params,
) -> ApiResult {
    p.allow(&[], &[])?;
    let i = parse_index(&index)?;
    st.pool
        .read(move |s| {
            let (a, an) = article_and_analysis(s, &id)?;
            let quotes = an.quotes.as_deref().unwrap_or(&[]);
            let q = quotes.get(i).ok_or_else(|| {
                ApiError::not_found(format!(
                    "article {} has no quote {i} ({} quotes)",
                    a.id,
                    quotes.len()
                ))
            })?;
            let ix = a.index();
            let sentence = q
                .sentence
                .and_then(|n| an.sentences.as_ref()?.get(n as usize).map(|s| s.span))
                .map(|sp| spanned(&ix, &a.text, sp));
            let speaker_entity = q
                .speaker
                .as_ref()
                .and_then(|sp| sp.entity.as_deref())
                .and_then(|eid| an.entities.as_ref()?.iter().find(|e| e.id == eid));
            Ok(Json(json!({
                "article": article_head(&a),
                "index": i,
                "quote": to_json(q)?,
                "sentence": sentence,
                "speaker_entity": to_json(speaker_entity)?,
            })))
        })
        .await
}

/// `GET /api/entities/{article_id}/{entity_id}`: one entity with its mentions, and the
/// events and quotes of the article it takes part in.
pub async fn entity(
    State(st): State<AppState>,
    Path((id, entity_id)): Path<(String, String)>,
    p: Params,
) -> ApiResult {
    p.allow(&[], &[])?;
    st.pool
        .read(move |s| {
            let (a, an) = article_and_analysis(s, &id)?;
            let e = an
                .entities
                .as_ref()
                .and_then(|es| es.iter().find(|e| e.id == entity_id))
                .ok_or_else(|| {
                    ApiError::not_found(format!("article {} has no entity `{entity_id}`", a.id))
                })?;
            let is = |r: Option<&dateline_model::ActorRef>| {
                r.and_then(|r| r.entity.as_deref()) == Some(e.id.as_str())
            };
            let events: Vec<Value> = an
                .events
                .as_deref()
                .unwrap_or(&[])
                .iter()
                .enumerate()
                .filter_map(|(i, ev)| {
                    let role = match (is(ev.source.as_ref()), is(ev.target.as_ref())) {
                        (true, true) => "source+target",
                        (true, false) => "source",
                        (false, true) => "target",
                        (false, false) => return None,
                    };
                    Some(json!({
                        "index": i,
                        "role": role,
                        "cameo": ev.cameo,
                        "plover": ev.plover,
                        "modality": ev.modality,
                        "date": ev.date,
                    }))
                })
                .collect();
            let quotes: Vec<Value> = an
                .quotes
                .as_deref()
                .unwrap_or(&[])
                .iter()
                .enumerate()
                .filter(|(_, q)| {
                    q.speaker.as_ref().and_then(|sp| sp.entity.as_deref()) == Some(e.id.as_str())
                })
                .map(|(i, q)| json!({ "index": i, "kind": q.kind, "text": q.text }))
                .collect();
            Ok(Json(json!({
                "article": article_head(&a),
                "entity": to_json(e)?,
                "events": events,
                "quotes": quotes,
            })))
        })
        .await
}
