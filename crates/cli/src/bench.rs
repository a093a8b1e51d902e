//! `dateline bench`: throughput and peak-memory measurements. Speed targets live here, never
//! in timed tests. Each run prints `METRIC:name:value:unit` lines that scripts can collect.
use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use serde::Serialize;

use crate::args::{BenchArgs, BenchWhat};
use crate::commands::{ingest_into, Ctx};
use crate::EXIT_OK;

#[derive(Serialize)]
struct IngestBench {
    what: &'static str,
    inputs: usize,
    bytes: u64,
    articles: u64,
    failed: u64,
    duplicates: u64,
    seconds: f64,
    mb_per_s: f64,
    articles_per_s: f64,
    peak_rss_mb: Option<f64>,
    cores: usize,
    version: &'static str,
    pipeline: Vec<String>,
}

/// Runs a benchmark.
pub fn run(ctx: &Ctx, a: BenchArgs) -> Result<u8> {
    match a.what {
        BenchWhat::Ingest {
            paths,
            parse_only,
            no_analysis,
            batch,
        } => ingest(ctx, &paths, parse_only, !no_analysis, batch as usize),
        BenchWhat::Stages {
            paths,
            limit,
            repeat,
        } => stages(ctx, &paths, limit, repeat.max(1)),
        BenchWhat::Html { dir, repeat, pages } => html(ctx, &dir, repeat.max(1), pages),
        BenchWhat::Search {
            paths,
            copies,
            runs,
        } => crate::query::bench(ctx, &paths, copies, runs),
    }
}

/// The body the HTML reader extracts from one page (empty when it finds no article).
fn html_body(name: &str, bytes: &[u8]) -> String {
    match dateline_ingest::read_html(name, bytes, &dateline_ingest::PageHints::default()) {
        dateline_ingest::Item::Article(a, _) => crate::commands::body_text(&a),
        dateline_ingest::Item::Failed(_) | dateline_ingest::Item::Note(_) => String::new(),
    }
}

fn html(ctx: &Ctx, dir: &std::path::Path, repeat: u32, list_pages: bool) -> Result<u8> {
    let gt_path = dir.join("ground-truth.json");
    let gt: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(
        &std::fs::read(&gt_path).with_context(|| format!("cannot read {}", gt_path.display()))?,
    )
    .with_context(|| format!("{} is not a JSON object", gt_path.display()))?;
    // Decompress every page before timing.
    let mut pages: Vec<(String, Vec<u8>, String)> = Vec::new();
    for (id, v) in &gt {
        let truth = v
            .get("articleBody")
            .and_then(|t| t.as_str())
            .unwrap_or("")
            .to_string();
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let raw =
            std::fs::read(&path).with_context(|| format!("cannot open {}", path.display()))?;
        let bytes = dateline_ingest::decompress_all(&raw)
            .with_context(|| format!("cannot decompress {}", path.display()))?;
        pages.push((id.clone(), bytes, truth));
    }
    if pages.is_empty() {
        bail!("no pages in {}", gt_path.display());
    }
    let mut best = f64::MAX;
    let mut preds = Vec::new();
    for _ in 0..repeat {
        let t = std::time::Instant::now();
        preds = pages
            .iter()
            .map(|(id, bytes, _)| html_body(id, bytes))
            .collect::<Vec<_>>();
        best = best.min(t.elapsed().as_secs_f64());
    }
    let scores: Vec<_> = pages
        .iter()
        .zip(&preds)
        .map(|((_, _, truth), pred)| dateline_eval::html::score_page(pred, truth))
        .collect();
    let sum = dateline_eval::html::summarize(&scores);
    let bytes: usize = pages.iter().map(|p| p.1.len()).sum();
    let pages_per_s = pages.len() as f64 / best.max(1e-9);
    let mut out = std::io::stdout().lock();
    if ctx.json {
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({
                "pages": sum.pages, "precision": sum.precision, "recall": sum.recall,
                "f1": sum.f1, "accuracy": sum.accuracy, "seconds": best,
                "pages_per_s": pages_per_s, "mb": bytes as f64 / 1e6,
            }),
        )?;
        writeln!(out)?;
        return Ok(EXIT_OK);
    }
    if list_pages {
        let mut rows: Vec<(f64, &str, Option<f64>, f64)> = pages
            .iter()
            .zip(&scores)
            .map(|((id, _, _), s)| {
                let p = s.precision.unwrap_or(0.0);
                let f = if p + s.recall > 0.0 {
                    2.0 * p * s.recall / (p + s.recall)
                } else {
                    0.0
                };
                (f, id.as_str(), s.precision, s.recall)
            })
            .collect();
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (f, id, p, r) in rows {
            let p = p.map_or("   -".to_string(), |p| format!("{p:.3}"));
            writeln!(out, "{f:.3}  P {p}  R {r:.3}  {}", &id[..id.len().min(16)])?;
        }
    }
    writeln!(
        out,
        "{} pages ({:.1} MB) in {:.3} s, one core, best of {repeat}: P {:.3}  R {:.3}  F1 {:.3}  accuracy {:.3}",
        sum.pages,
        bytes as f64 / 1e6,
        best,
        sum.precision,
        sum.recall,
        sum.f1,
        sum.accuracy
    )?;
    writeln!(out, "METRIC:html.f1:{:.4}:", sum.f1)?;
    writeln!(out, "METRIC:html.precision:{:.4}:", sum.precision)?;
    writeln!(out, "METRIC:html.recall:{:.4}:", sum.recall)?;
    writeln!(out, "METRIC:html.accuracy:{:.4}:", sum.accuracy)?;
    writeln!(out, "METRIC:html.pages_per_s:{pages_per_s:.0}:pages/s")?;
    Ok(EXIT_OK)
}

fn ingest(
    ctx: &Ctx,
    paths: &[PathBuf],
    parse_only: bool,
    analyse: bool,
    batch: usize,
) -> Result<u8> {
    // Warm the page cache so the first timed read is not a disk read.
    let (inputs, _) = dateline_ingest::discover(paths);
    for i in &inputs {
        let _ = std::fs::read(&i.path);
    }
    let tmp = std::env::temp_dir().join(format!("dateline-bench-{}", std::process::id()));
    let dir = match &ctx.data {
        Some(d) => {
            if d.join(dateline_store::DB_FILE).exists() {
                bail!(
                    "bench needs an empty data dir; {} already holds a store",
                    d.display()
                );
            }
            d.clone()
        }
        None => tmp.clone(),
    };
    let pipeline = ctx.pipeline()?;
    let sum = if parse_only {
        ingest_into(&pipeline, None, paths, batch, ctx.progress_hidden(), false)?
    } else {
        let mut store = dateline_store::Store::open(&dir)?;
        ingest_into(
            &pipeline,
            Some(&mut store),
            paths,
            batch,
            ctx.progress_hidden(),
            analyse,
        )?
    };
    if ctx.data.is_none() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    let articles = sum.ingested + sum.duplicates;
    let r = IngestBench {
        what: if parse_only {
            "parse"
        } else if analyse {
            "parse+analyse+store"
        } else {
            "parse+store"
        },
        inputs: sum.inputs,
        bytes: sum.bytes,
        articles,
        failed: sum.failed,
        duplicates: sum.duplicates,
        seconds: sum.seconds,
        mb_per_s: sum.bytes as f64 / 1e6 / sum.seconds.max(1e-9),
        articles_per_s: articles as f64 / sum.seconds.max(1e-9),
        peak_rss_mb: peak_rss_mb(),
        cores: std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
        version: env!("CARGO_PKG_VERSION"),
        pipeline: sum.pipeline.clone(),
    };
    let mut out = std::io::stdout().lock();
    if ctx.json {
        serde_json::to_writer(&mut out, &r)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{}: {} inputs, {:.1} MB, {} articles ({} duplicates, {} failed) in {:.2} s",
            r.what,
            r.inputs,
            r.bytes as f64 / 1e6,
            r.articles,
            r.duplicates,
            r.failed,
            r.seconds
        )?;
        writeln!(out, "METRIC:ingest.mb_per_s:{:.1}:MB/s", r.mb_per_s)?;
        writeln!(
            out,
            "METRIC:ingest.articles_per_s:{:.0}:articles/s",
            r.articles_per_s
        )?;
        if let Some(m) = r.peak_rss_mb {
            writeln!(out, "METRIC:ingest.peak_rss:{m:.1}:MB")?;
        }
    }
    Ok(EXIT_OK)
}

#[derive(Serialize)]
struct StageTiming {
    stages: Vec<String>,
    seconds: f64,
    words_per_s: f64,
    articles_per_s: f64,
    stage_seconds: f64,
    stage_share: f64,
}

fn stages(ctx: &Ctx, paths: &[PathBuf], limit: Option<usize>, repeat: u32) -> Result<u8> {
    let (inputs, _) = dateline_ingest::discover(paths);
    let opts = dateline_ingest::ReadOptions::default();
    let mut articles = Vec::new();
    'read: for input in &inputs {
        let mut done = false;
        dateline_ingest::read_input(input, &opts, &mut |item| {
            if let dateline_ingest::Item::Article(a, _) = item {
                if limit.is_none_or(|l| articles.len() < l) {
                    articles.push(*a);
                } else {
                    done = true;
                }
            }
        });
        if done {
            break 'read;
        }
    }
    let words: usize = articles
        .iter()
        .map(|a| {
            a.zones
                .iter()
                .filter(|z| z.kind.is_content() && z.kind != dateline_model::ZoneKind::Dateline)
                .map(|z| a.slice(z.span).split_whitespace().count())
                .sum::<usize>()
        })
        .sum();
    let full = ctx.pipeline()?;
    let n = full.len();
    let mut rows: Vec<StageTiming> = Vec::new();
    let mut prev = 0.0;
    for k in 1..=n {
        let p = ctx.pipeline()?.prefix(k);
        let mut best = f64::MAX;
        for _ in 0..repeat {
            let t = std::time::Instant::now();
            for a in &articles {
                std::hint::black_box(p.analyse(a));
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        rows.push(StageTiming {
            stages: p.id(),
            seconds: best,
            words_per_s: words as f64 / best.max(1e-9),
            articles_per_s: articles.len() as f64 / best.max(1e-9),
            stage_seconds: (best - prev).max(0.0),
            stage_share: 0.0,
        });
        prev = best;
    }
    let total = rows.last().map_or(0.0, |r| r.seconds);
    for r in &mut rows {
        r.stage_share = r.stage_seconds / total.max(1e-9);
    }
    let mut out = std::io::stdout().lock();
    if ctx.json {
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({"articles": articles.len(), "words": words, "timings": rows, "peak_rss_mb": peak_rss_mb()}),
        )?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{} articles, {} words, one core, best of {repeat}",
            articles.len(),
            words
        )?;
        for r in &rows {
            let last = r.stages.last().cloned().unwrap_or_default();
            writeln!(
                out,
                "  + {:<18} {:>8.3} s  {:>10.0} words/s  {:>8.0} articles/s  stage {:>5.1}%",
                last,
                r.seconds,
                r.words_per_s,
                r.articles_per_s,
                r.stage_share * 100.0
            )?;
            let name = last.split('@').next().unwrap_or("").replace('.', "_");
            writeln!(
                out,
                "METRIC:stages.{name}.cum_words_per_s:{:.0}:words/s",
                r.words_per_s
            )?;
        }
        if let Some(m) = peak_rss_mb() {
            writeln!(out, "METRIC:stages.peak_rss:{m:.1}:MB")?;
        }
    }
    Ok(EXIT_OK)
}

/// Peak resident memory of this process (VmHWM), where the OS tells it.
pub fn peak_rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
