//! `dateline search`, `timeline`, `network`, `speaker-timeline` and `bench search`: the
//! store's search and aggregate queries on the command line.
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use dateline_model::{Analysis, Article};
use dateline_store::{
    Bucket, HitKind, SearchHit, SearchQuery, SearchResults, Store, TimelinePoint, TimelineQuery,
};
use serde::Serialize;

use crate::args::{NetworkArgs, SearchArgs, SpeakerTimelineArgs, TimelineArgs};
use crate::commands::Ctx;
use crate::job::{self, Processed};
use crate::output;
use crate::{EXIT_OK, EXIT_PARTIAL};

/// `dateline search`.
pub fn search(ctx: &Ctx, a: SearchArgs) -> Result<u8> {
    let store = ctx.open_existing_store()?;
    let kinds = a
        .kinds
        .iter()
        .map(|k| k.parse::<HitKind>())
        .collect::<Result<Vec<_>, _>>()?;
    let q = SearchQuery {
        text: a.query.join(" "),
        kinds,
        actor: a.actor,
        country: a.country,
        speaker: a.speaker,
        cameo: a.cameo,
        plover: a.plover,
        modality: a.modality,
        from: a.from,
        to: a.to,
        section: a.section,
        agency: a.agency,
        limit: a.limit as usize,
        offset: a.offset,
    };
    let r = store.search(&q)?;
    let mut out = std::io::stdout().lock();
    if ctx.json {
        serde_json::to_writer(&mut out, &r)?;
        writeln!(out)?;
    } else {
        let bold = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        write!(out, "{}", render_hits(&r, bold))?;
        if !ctx.quiet {
            if r.hits.is_empty() {
                eprintln!("no hits (of {} in all)", r.total);
            } else {
                let last = q.offset + r.hits.len();
                let more = if (last as u64) < r.total {
                    format!(" (--offset {last} for more)")
                } else {
                    String::new()
                };
                eprintln!("hits {}–{last} of {}{more}", q.offset + 1, r.total);
            }
        }
    }
    Ok(if r.hits.is_empty() {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}

/// The hits as text: one line of kind, date, id and title, then the indented snippet with
/// its matches in bold (`bold`) or in [brackets].
fn render_hits(r: &SearchResults, bold: bool) -> String {
    let mut s = String::new();
    for h in &r.hits {
        let id = match h.index {
            Some(i) => format!("{}#{i}", h.article_id),
            None => h.article_id.clone(),
        };
        s.push_str(&format!(
            "{:<7}  {:<10}  {id}  {}\n",
            h.kind.name(),
            h.date.as_deref().unwrap_or("-"),
            title(h)
        ));
        s.push_str("    ");
        s.push_str(&highlight(&h.snippet, &h.highlights, bold));
        s.push('\n');
    }
    s
}

/// What a hit is about: the headline; the speaker; the event's code, actors and modality.
fn title(h: &SearchHit) -> String {
    let headline = h.headline.as_deref().unwrap_or("");
    match h.kind {
        HitKind::Article => headline.to_string(),
        HitKind::Quote => format!(
            "{} — {headline}",
            h.speaker.as_deref().unwrap_or("(unknown speaker)")
        ),
        HitKind::Event => {
            let side = |code: &Option<String>, name: &Option<String>| match (code, name) {
                (Some(c), Some(n)) => format!("{c} ({n})"),
                (Some(c), None) => c.clone(),
                _ => "-".to_string(),
            };
            format!(
                "{} {}  {} → {}  {}",
                h.cameo.as_deref().unwrap_or(""),
                h.plover.as_deref().unwrap_or(""),
                side(&h.source_code, &h.source_name),
                side(&h.target_code, &h.target_name),
                h.modality.as_deref().unwrap_or("")
            )
        }
    }
}

/// `snippet` with the char ranges marked.
fn highlight(snippet: &str, ranges: &[(u32, u32)], bold: bool) -> String {
    let (open, close) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let mut out = String::with_capacity(snippet.len() + 8 * ranges.len());
    for (i, c) in snippet.chars().enumerate() {
        let i = i as u32;
        if ranges.iter().any(|r| r.0 == i) {
            out.push_str(open);
        }
        out.push(c);
        if ranges.iter().any(|r| r.1 == i + 1) {
            out.push_str(close);
        }
    }
    out
}

fn bucket(by: &str) -> Result<Bucket> {
    Ok(by.parse::<Bucket>()?)
}

/// Timeline points: JSON Lines, or a table with a bar per period.
fn print_points(ctx: &Ctx, points: &[TimelinePoint], what: &str, goldstein: bool) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    if ctx.json {
        for p in points {
            serde_json::to_writer(&mut out, p)?;
            writeln!(out)?;
        }
    } else {
        let max = points.iter().map(|p| p.events).max().unwrap_or(0).max(1);
        let rows: Vec<Vec<String>> = points
            .iter()
            .map(|p| {
                let bar = "#".repeat(((p.events * 40).div_ceil(max)) as usize);
                let mut row = vec![p.period.clone(), p.events.to_string()];
                if goldstein {
                    row.push(
                        p.goldstein_mean
                            .map(|g| format!("{g:.2}"))
                            .unwrap_or_default(),
                    );
                }
                row.push(bar);
                row
            })
            .collect();
        let header: &[&str] = if goldstein {
            &["period", what, "goldstein", ""]
        } else {
            &["period", what, ""]
        };
        write!(out, "{}", output::table(header, &rows, 60))?;
        if !ctx.quiet {
            let n: u64 = points.iter().map(|p| p.events).sum();
            eprintln!("{n} {what} in {} periods", points.len());
        }
    }
    Ok(if points.is_empty() {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}

/// `dateline timeline`.
pub fn timeline(ctx: &Ctx, a: TimelineArgs) -> Result<u8> {
    let store = ctx.open_existing_store()?;
    let points = store.timeline(&TimelineQuery {
        actor: a.actor,
        other: a.other,
        bucket: bucket(&a.by)?,
        from: a.from,
        to: a.to,
        cameo: a.cameo,
        all_modalities: a.all_modalities,
    })?;
    print_points(ctx, &points, "events", true)
}

/// `dateline speaker-timeline`.
pub fn speaker_timeline(ctx: &Ctx, a: SpeakerTimelineArgs) -> Result<u8> {
    let store = ctx.open_existing_store()?;
    let points = store.speaker_timeline(
        &a.speaker,
        bucket(&a.by)?,
        a.from.as_deref(),
        a.to.as_deref(),
    )?;
    print_points(ctx, &points, "quotes", false)
}

/// `dateline network`.
pub fn network(ctx: &Ctx, a: NetworkArgs) -> Result<u8> {
    let store = ctx.open_existing_store()?;
    let list = store.counterparts(
        &a.actor,
        a.from.as_deref(),
        a.to.as_deref(),
        a.limit,
        a.all_modalities,
    )?;
    let mut out = std::io::stdout().lock();
    if ctx.json {
        for c in &list {
            serde_json::to_writer(&mut out, c)?;
            writeln!(out)?;
        }
    } else {
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|c| {
                vec![
                    c.code.clone(),
                    c.name.clone().unwrap_or_default(),
                    c.events.to_string(),
                    c.as_source.to_string(),
                    c.as_target.to_string(),
                    c.goldstein_mean
                        .map(|g| format!("{g:.2}"))
                        .unwrap_or_default(),
                ]
            })
            .collect();
        write!(
            out,
            "{}",
            output::table(
                &[
                    "code",
                    "name",
                    "events",
                    "as source",
                    "as target",
                    "goldstein"
                ],
                &rows,
                40
            )
        )?;
        if !ctx.quiet {
            eprintln!(
                "{} counterparts of {} (as source: it acted on {0}; as target: {0} acted on it)",
                list.len(),
                a.actor.to_ascii_uppercase()
            );
        }
    }
    Ok(if list.is_empty() {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}

// ---------------------------------------------------------------- bench search

/// One timed query of `bench search`.
#[derive(Serialize)]
struct QueryTiming {
    kind: &'static str,
    query: String,
    /// Hits in all (search) or periods/counterparts (aggregates).
    results: u64,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    runs: usize,
}

#[derive(Serialize)]
struct SearchBench {
    articles: u64,
    quotes_and_events_indexed: u64,
    db_mb: f64,
    build_seconds: Option<f64>,
    queries: Vec<QueryTiming>,
    cores: usize,
    version: &'static str,
}

type Timed = Box<dyn Fn(&Store) -> Result<u64>>;

/// The queries `bench search` times: English news words of every frequency, phrases,
/// prefixes, filters, and the aggregates.
fn bench_queries() -> Vec<(&'static str, String, Timed)> {
    let text = |t: &str| SearchQuery {
        text: t.into(),
        ..SearchQuery::default()
    };
    let s = |kind: &'static str, q: SearchQuery| -> (&'static str, String, Timed) {
        (
            kind,
            describe(&q),
            Box::new(move |st: &Store| Ok(st.search(&q)?.total)),
        )
    };
    let tl = |kind: &'static str, q: TimelineQuery| -> (&'static str, String, Timed) {
        (
            kind,
            format!(
                "timeline({}{}, {}{})",
                q.actor,
                q.other
                    .as_deref()
                    .map(|o| format!("–{o}"))
                    .unwrap_or_default(),
                q.bucket,
                if q.all_modalities {
                    ", all modalities"
                } else {
                    ""
                }
            ),
            Box::new(move |st: &Store| Ok(st.timeline(&q)?.len() as u64)),
        )
    };
    vec![
        s("common word", text("said")),
        s("common word", text("year")),
        s(
            "common word",
            SearchQuery {
                kinds: vec![HitKind::Article],
                ..text("said")
            },
        ),
        s("common words", text("said the government")),
        s("common words", text("minister said")),
        s("common words", text("central bank")),
        s("rare word", text("zimbabwe")),
        s("rare word", text("ceasefire")),
        s("phrase", text("\"prime minister\"")),
        s("phrase", text("\"interest rates\"")),
        s("prefix", text("negotiat*")),
        s("words", text("oil prices opec")),
        s(
            "with filters",
            SearchQuery {
                actor: Some("USA".into()),
                ..text("said")
            },
        ),
        s(
            "with filters",
            SearchQuery {
                kinds: vec![HitKind::Event],
                modality: Some("asserted".into()),
                ..text("oil")
            },
        ),
        s(
            "with filters",
            SearchQuery {
                from: Some("1987-03".into()),
                to: Some("1987-03".into()),
                country: Some("GBR".into()),
                ..text("bank")
            },
        ),
        s(
            "with filters",
            SearchQuery {
                speaker: Some("Blair".into()),
                ..text("election")
            },
        ),
        s(
            "with filters",
            SearchQuery {
                country: Some("JPN".into()),
                ..text("japan")
            },
        ),
        s(
            "with filters",
            SearchQuery {
                modality: Some("asserted".into()),
                ..text("agreement")
            },
        ),
        s(
            "filters only",
            SearchQuery {
                actor: Some("USA".into()),
                ..SearchQuery::default()
            },
        ),
        s(
            "filters only",
            SearchQuery {
                speaker: Some("Blair".into()),
                ..SearchQuery::default()
            },
        ),
        s(
            "filters only",
            SearchQuery {
                kinds: vec![HitKind::Event],
                actor: Some("USA".into()),
                ..SearchQuery::default()
            },
        ),
        s("filters only", SearchQuery::default()),
        tl(
            "timeline",
            TimelineQuery {
                actor: "USA".into(),
                bucket: Bucket::Week,
                ..TimelineQuery::default()
            },
        ),
        tl(
            "timeline",
            TimelineQuery {
                actor: "JPN".into(),
                bucket: Bucket::Month,
                ..TimelineQuery::default()
            },
        ),
        tl(
            "timeline",
            TimelineQuery {
                actor: "USA".into(),
                other: Some("GBR".into()),
                bucket: Bucket::Month,
                all_modalities: true,
                ..TimelineQuery::default()
            },
        ),
        (
            "network",
            "counterparts(USA, limit 20)".into(),
            Box::new(|st: &Store| Ok(st.counterparts("USA", None, None, 20, false)?.len() as u64)),
        ),
        (
            "speaker timeline",
            "speaker_timeline(Blair, month)".into(),
            Box::new(|st: &Store| {
                Ok(st
                    .speaker_timeline("Blair", Bucket::Month, None, None)?
                    .len() as u64)
            }),
        ),
    ]
}

/// A search query as `bench search` lists it: the text and the filters that are set.
fn describe(q: &SearchQuery) -> String {
    let mut parts = vec![if q.text.is_empty() {
        "(no text)".to_string()
    } else {
        q.text.clone()
    }];
    if !q.kinds.is_empty() {
        let k: Vec<&str> = q.kinds.iter().map(|k| k.name()).collect();
        parts.push(format!("kind={}", k.join(",")));
    }
    for (name, v) in [
        ("actor", &q.actor),
        ("country", &q.country),
        ("speaker", &q.speaker),
        ("modality", &q.modality),
        ("from", &q.from),
        ("to", &q.to),
    ] {
        if let Some(v) = v {
            parts.push(format!("{name}={v}"));
        }
    }
    parts.join(" ")
}

/// The `q`-quantile of sorted durations (nearest rank), in ms.
fn quantile(sorted: &[Duration], q: f64) -> f64 {
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1].as_secs_f64() * 1e3
}

/// Stores `copies` passes over `paths` into `store`, each pass after the first under its own
/// source key (`bench-copy-K:SOURCE`) so that its articles get new ids.
fn build(ctx: &Ctx, store: &mut Store, paths: &[PathBuf], copies: u32) -> Result<()> {
    let pipeline = ctx.pipeline()?;
    let opts = dateline_ingest::ReadOptions::default();
    let (inputs, _) = job::discover(paths);
    for k in 0..copies {
        let start = Instant::now();
        let mut pending: Vec<(Article, Analysis)> = Vec::with_capacity(500);
        let mut failed: Option<anyhow::Error> = None;
        for input in &inputs {
            job::process_input(input, &opts, &pipeline, &mut |p| {
                let Processed::Article(mut article, mut analysis, _) = p else {
                    return;
                };
                if k > 0 {
                    article.source = Some(format!(
                        "bench-copy-{k}:{}",
                        article.source.as_deref().unwrap_or("")
                    ));
                    article.refresh_id();
                    analysis.article_id = article.id.clone();
                }
                pending.push((*article, *analysis));
                if pending.len() >= 500 && failed.is_none() {
                    if let Err(e) = store.write_batch(&pending) {
                        failed = Some(e.into());
                    }
                    pending.clear();
                }
            });
            if let Some(e) = failed.take() {
                return Err(e);
            }
        }
        store.write_batch(&pending)?;
        if !ctx.quiet {
            eprintln!(
                "pass {}/{copies}: {} articles stored ({:.1} s)",
                k + 1,
                store.count_articles()?,
                start.elapsed().as_secs_f64()
            );
        }
    }
    Ok(())
}

/// `dateline bench search`.
pub fn bench(ctx: &Ctx, paths: &[PathBuf], copies: u32, runs: u32) -> Result<u8> {
    let tmp = std::env::temp_dir().join(format!("dateline-bench-search-{}", std::process::id()));
    let mut build_seconds = None;
    let store = if paths.is_empty() {
        ctx.open_existing_store()?
    } else {
        let dir = match &ctx.data {
            Some(d) if d.join(dateline_store::DB_FILE).exists() => bail!(
                "bench search with PATHs builds a new store; {} already holds one \
                 (leave out the PATHs to query it)",
                d.display()
            ),
            Some(d) => d.clone(),
            None => tmp.clone(),
        };
        let mut store = Store::open(&dir)?;
        let start = Instant::now();
        build(ctx, &mut store, paths, copies).context("building the store")?;
        build_seconds = Some(start.elapsed().as_secs_f64());
        store
    };
    let db = store.path().map(|p| p.to_path_buf());
    let db_bytes: u64 = db
        .iter()
        .flat_map(|p| {
            ["", "-wal"].map(|s| {
                std::fs::metadata(format!("{}{s}", p.display()))
                    .map(|m| m.len())
                    .unwrap_or(0)
            })
        })
        .sum();
    let articles = store.count_articles()?;
    let records = store
        .search(&SearchQuery {
            kinds: vec![HitKind::Quote, HitKind::Event],
            limit: 1,
            ..SearchQuery::default()
        })?
        .total;

    let mut timings = Vec::new();
    for (kind, label, run) in bench_queries() {
        let results = run(&store)?; // warm-up
        let mut times = Vec::with_capacity(runs as usize);
        for _ in 0..runs {
            let t = Instant::now();
            run(&store)?;
            times.push(t.elapsed());
        }
        times.sort();
        timings.push(QueryTiming {
            kind,
            query: label,
            results,
            p50_ms: quantile(&times, 0.50),
            p99_ms: quantile(&times, 0.99),
            max_ms: quantile(&times, 1.0),
            runs: times.len(),
        });
    }
    drop(store);
    if ctx.data.is_none() && !paths.is_empty() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    let r = SearchBench {
        articles,
        quotes_and_events_indexed: records,
        db_mb: db_bytes as f64 / 1e6,
        build_seconds,
        queries: timings,
        cores: std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
        version: env!("CARGO_PKG_VERSION"),
    };
    let mut out = std::io::stdout().lock();
    if ctx.json {
        serde_json::to_writer(&mut out, &r)?;
        writeln!(out)?;
        return Ok(EXIT_OK);
    }
    writeln!(
        out,
        "store: {} articles, {} quotes and events, {:.0} MB{}",
        r.articles,
        r.quotes_and_events_indexed,
        r.db_mb,
        r.build_seconds
            .map(|s| format!(", built in {s:.0} s"))
            .unwrap_or_default()
    )?;
    let rows: Vec<Vec<String>> = r
        .queries
        .iter()
        .map(|t| {
            vec![
                t.kind.to_string(),
                format!("{:.2}", t.p50_ms),
                format!("{:.2}", t.p99_ms),
                t.results.to_string(),
                t.query.clone(),
            ]
        })
        .collect();
    write!(
        out,
        "{}",
        output::table(
            &["kind", "p50 ms", "p99 ms", "results", "query"],
            &rows,
            110
        )
    )?;
    // Per kind of query: the median of its queries' p50s and the worst p99.
    let mut kinds: Vec<&str> = r.queries.iter().map(|t| t.kind).collect();
    kinds.dedup();
    for k in kinds {
        let of: Vec<&QueryTiming> = r.queries.iter().filter(|t| t.kind == k).collect();
        let mut p50: Vec<f64> = of.iter().map(|t| t.p50_ms).collect();
        p50.sort_by(f64::total_cmp);
        let p99 = of.iter().map(|t| t.p99_ms).fold(0.0, f64::max);
        let name = k.replace(' ', "_");
        writeln!(out, "METRIC:search.{name}.p50:{:.2}:ms", p50[p50.len() / 2])?;
        writeln!(out, "METRIC:search.{name}.p99:{p99:.2}:ms")?;
    }
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_are_bracketed_or_bold_by_chars() {
        assert_eq!(
            highlight("Київ talks resume", &[(0, 4), (11, 17)], false),
            "[Київ] talks [resume]"
        );
        assert_eq!(highlight("a b", &[(2, 3)], true), "a \x1b[1mb\x1b[0m");
        assert_eq!(highlight("none", &[], false), "none");
    }

    #[test]
    fn quantiles_take_the_nearest_rank() {
        let d: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(quantile(&d, 0.5), 50.0);
        assert_eq!(quantile(&d, 0.99), 99.0);
        assert_eq!(quantile(&d[..1], 0.99), 1.0);
    }
}
