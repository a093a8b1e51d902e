//! The JSON API through the service (`tower::ServiceExt::oneshot`): every endpoint, bad
//! parameters, limits, tokens, CORS and hostile article text.
mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::*;

/// The first stored event (article id and index).
async fn first_event(app: &axum::Router) -> (String, u64) {
    let v = ok(app, "/api/events?limit=1").await;
    let e = &v["items"][0];
    (
        e["article_id"].as_str().unwrap().to_string(),
        e["index"].as_u64().unwrap(),
    )
}

#[tokio::test]
async fn health_reports_the_store() {
    let app = read_app();
    let v = ok(&app, "/api/health").await;
    assert_eq!(v["status"], "ok");
    assert!(v["articles"].as_u64().unwrap() >= 6, "{v}");
    assert_eq!(v["writes"], false);
    bad(&app, "/api/health?x=1", "x").await;
}

#[tokio::test]
async fn openapi_covers_every_route_and_only_those() {
    let app = read_app();
    let a = get(&app, "/api/openapi.json").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    let doc = a.json;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.0"));
    let paths = doc["paths"].as_object().unwrap();
    for (method, path) in dateline_server::ROUTES {
        let op = &paths
            .get(*path)
            .unwrap_or_else(|| panic!("{path} is not in openapi.json"))
            [method.to_ascii_lowercase()];
        assert!(op.is_object(), "{method} {path} is not in openapi.json");
        assert!(
            op["responses"]["200"].is_object(),
            "{method} {path}: no 200"
        );
        // Every path parameter is declared.
        for seg in path.split('/').filter(|s| s.starts_with('{')) {
            let name = seg.trim_matches(|c| c == '{' || c == '}');
            let declared = op["parameters"]
                .as_array()
                .is_some_and(|ps| ps.iter().any(|p| p["name"] == name && p["in"] == "path"));
            assert!(declared, "{method} {path}: parameter {name} not declared");
        }
    }
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            assert!(
                dateline_server::ROUTES
                    .iter()
                    .any(|(m, p)| p == path && m.eq_ignore_ascii_case(method)),
                "openapi.json documents {method} {path}, which is not served"
            );
        }
    }
}

#[tokio::test]
async fn every_route_is_served() {
    let app = read_app();
    let (aid, idx) = first_event(&app).await;
    for (method, path) in dateline_server::ROUTES {
        let uri = path
            .replace("{id}", &aid)
            .replace("{article_id}", &aid)
            .replace("{index}", &idx.to_string())
            .replace("{entity_id}", "e0");
        let req = Request::builder()
            .method(*method)
            .uri(&uri)
            .body(Body::empty())
            .unwrap();
        let a = send(&app, req).await;
        assert!(
            a.status != StatusCode::NOT_FOUND || !a.text.contains("no such endpoint"),
            "{method} {uri} is not routed"
        );
        assert_ne!(a.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
        assert_ne!(a.status, StatusCode::NOT_IMPLEMENTED, "{method} {uri}");
        assert!(
            a.header("content-type")
                .unwrap_or("")
                .starts_with("application/json"),
            "{method} {uri}: {:?}",
            a.header("content-type")
        );
    }
    let a = get(&app, "/api/nothing-here").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(a.error().contains("no such endpoint"));
}

#[tokio::test]
async fn articles_list_filter_and_page() {
    let app = read_app();
    let all = ok(&app, "/api/articles").await;
    let items = all["items"].as_array().unwrap();
    assert!(items.len() >= 6);
    assert_eq!(all["stored"].as_u64().unwrap() as usize, items.len());
    let business = ok(&app, "/api/articles?section=business").await;
    assert!(business["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["section"]
            .as_str()
            .unwrap()
            .eq_ignore_ascii_case("business")));
    let page = ok(&app, "/api/articles?limit=2&offset=1").await;
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    assert_eq!(page["items"][0]["id"], items[1]["id"]);
    let march = ok(&app, "/api/articles?from=2025-03&to=2025-03").await;
    assert!(march["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["published"].as_str().unwrap().starts_with("2025-03")));
    let ferry = ok(&app, "/api/articles?q=ferry").await;
    assert_eq!(ferry["items"].as_array().unwrap().len(), 1);

    bad(&app, "/api/articles?from=yesterday", "from").await;
    bad(&app, "/api/articles?to=2025-13-01", "to").await;
    bad(&app, "/api/articles?from=2025-05-01&to=2025-04-01", "from").await;
    bad(&app, "/api/articles?limit=many", "limit").await;
    bad(&app, "/api/articles?limit=100000", "limit").await;
    bad(&app, "/api/articles?offset=-1", "offset").await;
    bad(&app, "/api/articles?sort=date", "sort").await;
    bad(&app, "/api/articles?section=a&section=b", "section").await;
}

#[tokio::test]
async fn article_carries_text_zones_and_every_span() {
    let app = read_app();
    let list = ok(&app, "/api/articles?q=ferry").await;
    let id = list["items"][0]["id"].as_str().unwrap().to_string();
    let a = ok(&app, &format!("/api/articles/{id}")).await;
    let text = a["text"].as_str().unwrap();
    assert_eq!(a["chars"].as_u64().unwrap() as usize, text.chars().count());
    assert!(a["headline"].as_str().unwrap().contains("Ports dispute"));
    assert!(!a["zones"].as_array().unwrap().is_empty());
    let an = &a["analysis"];
    let entities = an["entities"].as_array().unwrap();
    assert!(!entities.is_empty());
    for e in entities {
        for m in e["mentions"].as_array().unwrap() {
            let (s, t) = (
                m["span"]["start"].as_u64().unwrap(),
                m["span"]["end"].as_u64().unwrap(),
            );
            assert_eq!(chars(text, s, t), m["text"].as_str().unwrap());
        }
    }
    for q in an["quotes"].as_array().unwrap() {
        let (s, t) = (
            q["content"]["start"].as_u64().unwrap(),
            q["content"]["end"].as_u64().unwrap(),
        );
        assert_eq!(chars(text, s, t), q["text"].as_str().unwrap());
    }
    for t in an["timexes"].as_array().unwrap() {
        let (s, e) = (
            t["span"]["start"].as_u64().unwrap(),
            t["span"]["end"].as_u64().unwrap(),
        );
        assert_eq!(chars(text, s, e), t["text"].as_str().unwrap());
    }
    let events = an["events"].as_array().unwrap();
    assert!(!events.is_empty(), "the harbour article has events");
    for e in events {
        assert!(!e["mentions"].as_array().unwrap().is_empty());
    }
    // A unique prefix works; unknown ids are 404; short prefixes a 400 naming `id`.
    let by_prefix = ok(&app, &format!("/api/articles/{}", &id[..8])).await;
    assert_eq!(by_prefix["id"], a["id"]);
    let missing = get(&app, "/api/articles/ffffffffffffffff").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.error().contains("ffffffffffffffff"));
    bad(&app, "/api/articles/ab", "id").await;
}

#[tokio::test]
async fn events_list_and_evidence() {
    let app = read_app();
    let all = ok(&app, "/api/events?limit=1000").await;
    let items = all["items"].as_array().unwrap();
    assert!(!items.is_empty());
    let asserted = ok(&app, "/api/events?modality=asserted&limit=1000").await;
    assert!(asserted["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["modality"] == "asserted"));
    let some_code = items
        .iter()
        .find_map(|e| e["source_code"].as_str())
        .expect("an event with a source");
    let prefix = &some_code[..3];
    let by_actor = ok(
        &app,
        &format!("/api/events?actor={}", prefix.to_lowercase()),
    )
    .await;
    let by_actor = by_actor["items"].as_array().unwrap();
    assert!(!by_actor.is_empty());
    for e in by_actor {
        let s = e["source_code"].as_str().unwrap_or("");
        let t = e["target_code"].as_str().unwrap_or("");
        assert!(s.starts_with(prefix) || t.starts_with(prefix), "{e}");
    }
    let aid = items[0]["article_id"].as_str().unwrap();
    let of_article = ok(&app, &format!("/api/events?article={}", &aid[..6])).await;
    assert!(of_article["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["article_id"] == aid));

    bad(&app, "/api/events?modality=maybe", "modality").await;
    bad(&app, "/api/events?cameo=04x", "cameo").await;
    bad(&app, "/api/events?actor=RU%20S", "actor").await;
    bad(&app, "/api/events?from=2025-02-30x", "from").await;

    // Evidence: each telling's sentence, trigger, source and target with their text.
    let (aid, idx) = first_event(&app).await;
    let article = ok(&app, &format!("/api/articles/{aid}")).await;
    let text = article["text"].as_str().unwrap();
    let d = ok(&app, &format!("/api/events/{aid}/{idx}")).await;
    assert_eq!(d["article"]["id"], aid.as_str());
    assert!(d["event"]["cameo"].is_string());
    let ev = d["evidence"].as_array().unwrap();
    assert!(!ev.is_empty());
    for m in ev {
        for part in ["sentence", "trigger", "source", "target"] {
            let p = &m[part];
            if p.is_null() {
                continue;
            }
            let (s, e) = (p["start"].as_u64().unwrap(), p["end"].as_u64().unwrap());
            assert_eq!(chars(text, s, e), p["text"].as_str().unwrap(), "{part}");
        }
        let (ss, se) = (
            m["sentence"]["start"].as_u64().unwrap(),
            m["sentence"]["end"].as_u64().unwrap(),
        );
        let (ts, te) = (
            m["trigger"]["start"].as_u64().unwrap(),
            m["trigger"]["end"].as_u64().unwrap(),
        );
        assert!(ss <= ts && te <= se, "the trigger lies in its sentence");
    }
    let n = article["analysis"]["events"].as_array().unwrap().len();
    let past = get(&app, &format!("/api/events/{aid}/{n}")).await;
    assert_eq!(past.status, StatusCode::NOT_FOUND);
    bad(&app, &format!("/api/events/{aid}/first"), "index").await;
    let nowhere = get(&app, "/api/events/ffffffffffffffff/0").await;
    assert_eq!(nowhere.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn quotes_list_and_detail() {
    let app = read_app();
    let all = ok(&app, "/api/quotes").await;
    let items = all["items"].as_array().unwrap();
    assert!(!items.is_empty());
    let q = &items[0];
    let (aid, idx) = (
        q["article_id"].as_str().unwrap(),
        q["index"].as_u64().unwrap(),
    );
    let d = ok(&app, &format!("/api/quotes/{aid}/{idx}")).await;
    assert_eq!(d["quote"]["text"], q["text"]);
    if !d["sentence"].is_null() {
        let s = d["sentence"]["text"].as_str().unwrap();
        assert!(!s.is_empty());
    }
    let marchenko = ok(&app, "/api/quotes?speaker=Marchenko").await;
    for q in marchenko["items"].as_array().unwrap() {
        let who = format!("{} {}", q["speaker_name"], q["speaker_text"]);
        assert!(who.contains("Marchenko"), "{q}");
    }
    bad(&app, "/api/quotes?to=soon", "to").await;
    bad(&app, &format!("/api/quotes/{aid}/x"), "index").await;
    let past = get(&app, &format!("/api/quotes/{aid}/9999")).await;
    assert_eq!(past.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn entity_detail() {
    let app = read_app();
    let list = ok(&app, "/api/articles?q=ferry").await;
    let id = list["items"][0]["id"].as_str().unwrap().to_string();
    let d = ok(&app, &format!("/api/entities/{id}/e0")).await;
    assert_eq!(d["entity"]["id"], "e0");
    assert!(!d["entity"]["mentions"].as_array().unwrap().is_empty());
    assert!(d["events"].is_array() && d["quotes"].is_array());
    let missing = get(&app, &format!("/api/entities/{id}/e999")).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.error().contains("e999"));
}

#[tokio::test]
async fn timeline_network_and_speakers() {
    let app = read_app();
    let events = ok(&app, "/api/events?limit=1000&modality=asserted").await;
    let actor = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|e| e["source_code"].as_str())
        .map(|c| c[..3].to_string())
        .expect("an asserted event with a source");

    let t = ok(&app, &format!("/api/timeline?actor={actor}&bucket=month")).await;
    assert_eq!(t["actor"], actor.as_str());
    assert_eq!(t["bucket"], "month");
    let points = t["points"].as_array().unwrap();
    assert!(!points.is_empty(), "{t}");
    for p in points {
        assert!(p["period"].is_string() && p["events"].as_u64().unwrap() > 0);
    }
    let day = ok(
        &app,
        &format!("/api/timeline?actor={actor}&bucket=day&all=true"),
    )
    .await;
    assert_eq!(day["all_modalities"], true);
    bad(&app, "/api/timeline", "actor").await;
    bad(
        &app,
        &format!("/api/timeline?actor={actor}&bucket=year"),
        "bucket",
    )
    .await;
    bad(
        &app,
        &format!("/api/timeline?actor={actor}&all=maybe"),
        "all",
    )
    .await;
    bad(
        &app,
        &format!("/api/timeline?actor={actor}&cameo=x"),
        "cameo",
    )
    .await;

    let n = ok(&app, &format!("/api/network?actor={actor}&all=1")).await;
    let cps = n["counterparts"].as_array().unwrap();
    for c in cps {
        assert!(c["code"].is_string() && c["events"].as_u64().unwrap() > 0);
    }
    bad(&app, "/api/network", "actor").await;
    bad(
        &app,
        &format!("/api/network?actor={actor}&limit=5000"),
        "limit",
    )
    .await;

    let s = ok(&app, "/api/speakers/timeline?speaker=Marchenko&bucket=week").await;
    assert_eq!(s["speaker"], "Marchenko");
    assert!(s["points"].is_array());
    bad(&app, "/api/speakers/timeline", "speaker").await;
    bad(
        &app,
        "/api/speakers/timeline?speaker=x&bucket=hour",
        "bucket",
    )
    .await;
}

#[tokio::test]
async fn search_hits_and_bad_parameters() {
    let app = read_app();
    let v = ok(&app, "/api/search?q=ferry").await;
    let hits = v["hits"].as_array().unwrap();
    assert!(!hits.is_empty(), "{v}");
    assert!(v["total"].as_u64().unwrap() >= hits.len() as u64);
    for h in hits {
        assert!(["article", "quote", "event"].contains(&h["kind"].as_str().unwrap()));
        assert!(h["article_id"].is_string() && h["snippet"].is_string());
    }
    let only = ok(&app, "/api/search?q=ferry&kind=article,quote").await;
    assert!(only["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["kind"] != "event"));
    let repeated = ok(&app, "/api/search?q=ferry&kind=article&kind=quote").await;
    assert_eq!(repeated["total"], only["total"]);
    bad(&app, "/api/search?q=ferry&kind=tweet", "kind").await;
    bad(&app, "/api/search?q=ferry&modality=perhaps", "modality").await;
    bad(&app, "/api/search?q=ferry&limit=x", "limit").await;
    bad(&app, "/api/search?q=ferry&from=2025-99", "from").await;
    bad(&app, "/api/search?query=ferry", "query").await;
}

fn ingest_req(token: Option<&str>, body: impl Into<Body>, length: Option<usize>) -> Request<Body> {
    let mut b = Request::post("/api/ingest?name=test.txt");
    if let Some(t) = token {
        b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    if let Some(n) = length {
        b = b.header(header::CONTENT_LENGTH, n);
    }
    b.body(body.into()).unwrap()
}

const RECORD: &str = " date 2025-10-01 WORLD\nTalks resume in Geneva\n\nGENEVA, Oct 1 (Reuters) - Delegations from Armenia and Azerbaijan met in Geneva on Wednesday.\n";

#[tokio::test]
async fn writes_are_off_without_a_token() {
    let app = read_app();
    let a = send(&app, ingest_req(None, RECORD, Some(RECORD.len()))).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert!(a.error().contains("token"));
    let a = send(&app, ingest_req(Some("guess"), RECORD, Some(RECORD.len()))).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn ingest_needs_the_right_token_and_runs_the_pipeline() {
    let (_dir, app) = fresh_app(|c| c.token = Some("s3cret-token".into()));
    let before = ok(&app, "/api/health").await["articles"].as_u64().unwrap();

    let a = send(&app, ingest_req(None, RECORD, Some(RECORD.len()))).await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    assert!(a.header("www-authenticate").unwrap().starts_with("Bearer"));
    let a = send(
        &app,
        ingest_req(Some("s3cret-tokem"), RECORD, Some(RECORD.len())),
    )
    .await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    assert!(a.error().contains("wrong token"));

    let a = send(
        &app,
        ingest_req(Some("s3cret-token"), RECORD, Some(RECORD.len())),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    let r = &a.json;
    assert_eq!(r["stored"], 1, "{r}");
    assert_eq!(r["failed"], 0);
    assert_eq!(r["name"], "test.txt");
    assert_eq!(r["pipeline"].as_array().unwrap().len(), 6);
    let id = r["articles"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(r["articles"][0]["outcome"], "inserted");
    let after = ok(&app, "/api/health").await["articles"].as_u64().unwrap();
    assert_eq!(after, before + 1);
    // Analysed by the same pipeline: the stored article has entities and events.
    let art = ok(&app, &format!("/api/articles/{id}")).await;
    assert_eq!(art["analysis"]["stages"].as_array().unwrap().len(), 6);
    assert!(!art["analysis"]["entities"].as_array().unwrap().is_empty());

    // Again: a duplicate, nothing changes.
    let a = send(
        &app,
        ingest_req(Some("s3cret-token"), RECORD, Some(RECORD.len())),
    )
    .await;
    assert_eq!(a.json["duplicates"], 1);
    assert_eq!(a.json["stored"], 0);

    // Junk: read, reported with a stable code, nothing stored.
    let junk = "\u{0}\u{1}\u{2} not an article";
    let a = send(
        &app,
        ingest_req(Some("s3cret-token"), junk, Some(junk.len())),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.json["stored"], 0);
    assert!(a.json["failed"].as_u64().unwrap() >= 1, "{}", a.text);
    assert!(a.json["diagnostics"][0]["code"].is_string());

    // An empty body is a 400; a bad name too.
    let a = send(&app, ingest_req(Some("s3cret-token"), "", Some(0))).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    let req = Request::post("/api/ingest?name=a%0Ab")
        .header(header::AUTHORIZATION, "Bearer s3cret-token")
        .body(Body::from(RECORD))
        .unwrap();
    let a = send(&app, req).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.error().contains("`name`"));
}

#[tokio::test]
async fn oversize_bodies_are_413() {
    let (_dir, app) = fresh_app(|c| {
        c.token = Some("t0ken".into());
        c.body_limit = 4096;
    });
    let big = "x".repeat(5000);
    // Declared too large: refused before reading.
    let a = send(
        &app,
        ingest_req(Some("t0ken"), big.clone(), Some(big.len())),
    )
    .await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", a.text);
    assert!(a.error().contains("4096"));
    // No length given: the limit trips while reading.
    let a = send(&app, ingest_req(Some("t0ken"), big, None)).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", a.text);
    // The default limit is 8 MiB.
    let (_dir2, app) = fresh_app(|c| c.token = Some("t0ken".into()));
    let nine = vec![b'a'; 9 * 1024 * 1024];
    let a = send(&app, ingest_req(Some("t0ken"), nine, None)).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Without the token, a big body is a 401, not read at all.
    let a = send(&app, ingest_req(None, "x".repeat(10), None)).await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn hostile_text_is_served_as_escaped_json() {
    let app = read_app();
    let id = hostile_id(shared_store());
    let a = get(&app, &format!("/api/articles/{id}")).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    assert_eq!(a.header("x-content-type-options"), Some("nosniff"));
    assert!(a
        .header("content-security-policy")
        .unwrap()
        .contains("default-src 'self'"));
    let text = a.json["text"].as_str().unwrap();
    assert!(text.contains("<script>window.__xss = 3</script>"));
    assert!(text.contains("<img src=x onerror=\"window.__xss = 2\">"));
    // In the raw body the markup is inside JSON strings (quotes escaped), never bare HTML
    // that a browser sniffing the response could render.
    assert!(a.text.contains(r#"onerror=\"window.__xss = 2\""#));
    // The UI never parses data as HTML.
    let js = include_str!("../ui/app.js");
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!js.contains(sink), "app.js uses {sink}");
    }
}

#[tokio::test]
async fn ui_is_served_with_a_strict_policy() {
    let app = read_app();
    for (path, kind) in [
        ("/", "text/html"),
        ("/app.js", "text/javascript"),
        ("/app.css", "text/css"),
    ] {
        let a = get(&app, path).await;
        assert_eq!(a.status, StatusCode::OK, "{path}");
        assert!(
            a.header("content-type").unwrap().starts_with(kind),
            "{path}"
        );
        let csp = a.header("content-security-policy").unwrap();
        assert!(csp.starts_with("default-src 'self'"), "{csp}");
        assert_eq!(a.header("x-frame-options"), Some("DENY"));
    }
    let html = get(&app, "/").await.text;
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no CDN"
    );
    assert!(html.contains("id=\"search-form\""));
    assert!(
        !html.contains("<script>") && !html.contains("style="),
        "no inline script or style"
    );
}

#[tokio::test]
async fn cors_is_off_unless_asked_for() {
    let app = read_app();
    let req = Request::get("/api/health")
        .header(header::ORIGIN, "http://evil.example")
        .body(Body::empty())
        .unwrap();
    let a = send(&app, req).await;
    assert_eq!(a.header("access-control-allow-origin"), None);

    let app = app_with(|c| c.cors = Some("http://localhost:3000".into()));
    let req = Request::get("/api/health")
        .header(header::ORIGIN, "http://localhost:3000")
        .body(Body::empty())
        .unwrap();
    let a = send(&app, req).await;
    assert_eq!(
        a.header("access-control-allow-origin"),
        Some("http://localhost:3000")
    );
    let req = Request::get("/api/health")
        .header(header::ORIGIN, "http://evil.example")
        .body(Body::empty())
        .unwrap();
    let a = send(&app, req).await;
    assert_eq!(a.header("access-control-allow-origin"), None);
    let req = Request::options("/api/ingest")
        .header(header::ORIGIN, "http://localhost:3000")
        .header("access-control-request-method", "POST")
        .body(Body::empty())
        .unwrap();
    let a = send(&app, req).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT);
    assert!(a
        .header("access-control-allow-headers")
        .unwrap()
        .contains("authorization"));
}

#[tokio::test]
async fn slow_requests_time_out() {
    // Analysing 200 articles takes far longer than 1 ms: the answer is a 503, and the ingest
    // (already running on the blocking pool) still completes.
    let (_dir, app) = fresh_app(|c| {
        c.token = Some("t".into());
        c.ingest_timeout = Duration::from_millis(1);
    });
    let before = ok(&app, "/api/health").await["articles"].as_u64().unwrap();
    let body: String = (0..200)
        .map(|i| {
            format!(
                "{{\"text\": \"Ministers from Turkey and Greece met in Brussels on Tuesday for talks number {i}.\", \"published\": \"2025-03-04\"}}\n"
            )
        })
        .collect();
    let a = send(&app, ingest_req(Some("t"), body.clone(), Some(body.len()))).await;
    assert_eq!(a.status, StatusCode::SERVICE_UNAVAILABLE, "{}", a.text);
    assert!(a.error().contains("longer than"));
    let mut after = before;
    for _ in 0..200 {
        after = ok(&app, "/api/health").await["articles"].as_u64().unwrap();
        if after == before + 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(after, before + 200);
}

#[tokio::test]
async fn reads_run_concurrently() {
    let app = app_with(|c| c.readers = 3);
    let mut tasks = Vec::new();
    for i in 0..24 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let uri = if i % 2 == 0 {
                "/api/events?limit=5"
            } else {
                "/api/articles?limit=5"
            };
            get(&app, uri).await.status
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::OK);
    }
}

#[test]
fn every_example_file_is_bundled() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| format!("examples/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    files.sort();
    let mut bundled: Vec<String> = dateline_server::demo::EXAMPLES
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    bundled.sort();
    assert_eq!(
        files, bundled,
        "list every file of examples/ in demo::EXAMPLES"
    );
}

#[test]
fn demo_store_holds_the_examples() {
    let demo = dateline_server::demo::Demo::create(&pipeline()).unwrap();
    assert!(demo.articles() >= 6);
    let store = dateline_store::Store::open(demo.data_dir()).unwrap();
    assert_eq!(store.count_articles().unwrap(), demo.articles());
    let dir = demo.data_dir().to_path_buf();
    drop(demo);
    assert!(!dir.exists(), "the demo dir is removed");
}

#[test]
fn server_never_reaches_up_into_the_cli() {
    // The binary hands the server its pipeline: the server's own dependencies are the store,
    // ingest, pipeline and model crates, never the CLI (nor the analysis stages or clap).
    let manifest = include_str!("../Cargo.toml");
    let deps = manifest.split("[dev-dependencies]").next().unwrap();
    for banned in [
        "dateline.workspace",
        "dateline =",
        "dateline-text",
        "dateline-entities",
        "dateline-events",
        "dateline-quotes",
        "dateline-time",
        "dateline-eval",
        "clap",
    ] {
        assert!(
            !deps.contains(banned),
            "dateline-server depends on {banned}"
        );
    }
}
