//! The endpoints over the store's search and aggregate queries: full-text search across
//! articles, quotes and events; an actor's timeline; an actor's counterparts (the network);
//! a speaker's timeline.
use axum::extract::State;
use axum::Json;
use dateline_store::{Bucket, HitKind, SearchQuery, TimelinePoint, TimelineQuery};
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::params::{Params, MODALITIES};
use crate::AppState;

type ApiResult = Result<Json<Value>, ApiError>;

const KINDS: [&str; 3] = ["article", "quote", "event"];
const BUCKETS: [&str; 3] = ["day", "week", "month"];

fn bucket(p: &Params) -> Result<(Bucket, &'static str), ApiError> {
    Ok(match p.choice("bucket", &BUCKETS)?.as_deref() {
        Some("day") => (Bucket::Day, "day"),
        Some("week") => (Bucket::Week, "week"),
        _ => (Bucket::Month, "month"),
    })
}

fn points(points: Vec<TimelinePoint>) -> Vec<Value> {
    points
        .into_iter()
        .map(|p| {
            json!({
                "period": p.period,
                "events": p.events,
                "goldstein_mean": p.goldstein_mean,
            })
        })
        .collect()
}

/// `GET /api/search`: ranked hits with snippets and highlight spans.
pub async fn search(State(st): State<AppState>, p: Params) -> ApiResult {
    p.allow(
        &[
            "q", "kind", "actor", "country", "speaker", "cameo", "plover", "modality", "from",
            "to", "section", "agency", "limit", "offset",
        ],
        &["kind"],
    )?;
    let (from, to) = p.range()?;
    let limit = p.count(
        "limit",
        dateline_store::DEFAULT_LIMIT,
        dateline_store::MAX_LIMIT,
    )?;
    let offset = p.count("offset", 0, usize::MAX / 2)?;
    let kinds = p
        .choices("kind", &KINDS)?
        .iter()
        .map(|k| match k.as_str() {
            "article" => HitKind::Article,
            "quote" => HitKind::Quote,
            _ => HitKind::Event,
        })
        .collect();
    let query = SearchQuery {
        text: p.text("q")?.unwrap_or_default(),
        kinds,
        actor: p.text("actor")?,
        country: p.actor("country")?,
        speaker: p.text("speaker")?,
        cameo: p.cameo("cameo")?,
        plover: p.text("plover")?,
        modality: p.choice("modality", &MODALITIES)?,
        from,
        to,
        section: p.text("section")?,
        agency: p.text("agency")?,
        limit,
        offset,
    };
    let results = st.pool.read(move |s| Ok(s.search(&query)?)).await?;
    let mut v = serde_json::to_value(&results).map_err(ApiError::internal)?;
    if let Some(obj) = v.as_object_mut() {
        obj.insert("limit".into(), limit.into());
        obj.insert("offset".into(), offset.into());
    }
    Ok(Json(v))
}

/// `GET /api/timeline`: an actor's events per period, with the mean Goldstein score.
pub async fn timeline(State(st): State<AppState>, p: Params) -> ApiResult {
    p.allow(
        &["actor", "other", "bucket", "from", "to", "cameo", "all"],
        &[],
    )?;
    let actor = p
        .actor("actor")?
        .ok_or_else(|| ApiError::bad_param("actor", "required (a CAMEO actor code, e.g. RUS)"))?;
    let (bucket, bucket_name) = bucket(&p)?;
    let (from, to) = p.range()?;
    let query = TimelineQuery {
        actor: actor.clone(),
        other: p.actor("other")?,
        bucket,
        from,
        to,
        cameo: p.cameo("cameo")?,
        all_modalities: p.flag("all")?,
    };
    let other = query.other.clone();
    let all = query.all_modalities;
    let list = st.pool.read(move |s| Ok(s.timeline(&query)?)).await?;
    Ok(Json(json!({
        "actor": actor,
        "other": other,
        "bucket": bucket_name,
        "all_modalities": all,
        "points": points(list),
    })))
}

/// `GET /api/network`: the actors an actor deals with, by number of events.
pub async fn network(State(st): State<AppState>, p: Params) -> ApiResult {
    p.allow(&["actor", "limit", "from", "to", "all"], &[])?;
    let actor = p
        .actor("actor")?
        .ok_or_else(|| ApiError::bad_param("actor", "required (a CAMEO actor code, e.g. RUS)"))?;
    let limit = p.count("limit", 20, 200)?;
    let (from, to) = p.range()?;
    let all = p.flag("all")?;
    let a = actor.clone();
    let list = st
        .pool
        .read(move |s| Ok(s.counterparts(&a, from.as_deref(), to.as_deref(), limit, all)?))
        .await?;
    let counterparts: Vec<Value> = list
        .into_iter()
        .map(|c| {
            json!({
                "code": c.code,
                "name": c.name,
                "events": c.events,
                "as_source": c.as_source,
                "as_target": c.as_target,
                "goldstein_mean": c.goldstein_mean,
            })
        })
        .collect();
    Ok(Json(json!({
        "actor": actor,
        "all_modalities": all,
        "counterparts": counterparts,
    })))
}

/// `GET /api/speakers/timeline`: a speaker's quotes per period.
pub async fn speaker_timeline(State(st): State<AppState>, p: Params) -> ApiResult {
    p.allow(&["speaker", "bucket", "from", "to"], &[])?;
    let speaker = p.required("speaker")?;
    let (bucket, bucket_name) = bucket(&p)?;
    let (from, to) = p.range()?;
    let sp = speaker.clone();
    let list = st
        .pool
        .read(move |s| Ok(s.speaker_timeline(&sp, bucket, from.as_deref(), to.as_deref())?))
        .await?;
    Ok(Json(json!({
        "speaker": speaker,
        "bucket": bucket_name,
        "points": points(list),
    })))
}
