//! One function per subcommand: resolved setup, library calls, output, exit code.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use dateline_ingest::ReadOptions;
use dateline_model::{Analysis, Article, Diagnostic, Severity, ZoneKind, RECORD_SCHEMA};
use dateline_store::{ArticleFilter, EventFilter, Store, WriteOutcome};
use serde::Serialize;

use crate::args::{ArticlesArgs, Cli, Command, EvalArgs, ExtractArgs, IngestArgs, ShowArgs};
use crate::job::{self, Processed};
use crate::output;
use crate::{EXIT_OK, EXIT_PARTIAL};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<u8> {
    let ctx = Ctx {
        data: cli.data,
        kb: cli.kb,
        json: cli.json,
        quiet: cli.quiet,
    };
    match cli.command {
        Command::Ingest(a) => ingest(&ctx, a),
        Command::Articles(a) => articles(&ctx, a),
        Command::Show(a) => show(&ctx, a),
        Command::Extract(a) => extract(&ctx, a),
        Command::Eval(a) => eval(&ctx, a),
        Command::Entities(a) => entities(&ctx, a),
        Command::Quotes(a) => quotes(&ctx, a),
        Command::Events(a) => events(&ctx, a),
        Command::Export(a) => crate::export::run(&ctx, a),
        Command::Search(a) => crate::query::search(&ctx, a),
        Command::Timeline(a) => crate::query::timeline(&ctx, a),
        Command::Network(a) => crate::query::network(&ctx, a),
        Command::SpeakerTimeline(a) => crate::query::speaker_timeline(&ctx, a),
        Command::EvalTime(a) => eval_time(&ctx, a),
        Command::EvalEvents(a) => {
            crate::eval_events::run(&ctx.pipeline()?, &a.file, a.suite, ctx.json, a.misses)
        }
        Command::EvalNer(a) => eval_ner(&ctx, a),
        Command::Actors(a) => actors(&ctx, a),
        Command::Kb(a) => kb(&ctx, a),
        Command::Bench(a) => crate::bench::run(&ctx, a),
        Command::Serve(a) => crate::serve::run(&ctx, a),
    }
}

/// Global options, resolved.
pub struct Ctx {
    pub data: Option<PathBuf>,
    pub kb: Option<PathBuf>,
    pub json: bool,
    pub quiet: bool,
}

impl Ctx {
    /// The data dir: --data, $DATELINE_DATA (via clap), else the XDG data dir.
    pub fn data_dir(&self) -> Result<PathBuf> {
        if let Some(d) = &self.data {
            return Ok(d.clone());
        }
        if let Some(x) = std::env::var_os("XDG_DATA_HOME").filter(|x| !x.is_empty()) {
            return Ok(PathBuf::from(x).join("dateline"));
        }
        match std::env::var_os("HOME").filter(|h| !h.is_empty()) {
            Some(h) => Ok(PathBuf::from(h).join(".local/share/dateline")),
            None => bail!("no data dir: give --data DIR or set DATELINE_DATA"),
        }
    }

    pub fn open_store(&self) -> Result<Store> {
        let dir = self.data_dir()?;
        Store::open(&dir).with_context(|| format!("cannot open the store in {}", dir.display()))
    }

    /// Opens the store only if it exists (read commands never create one).
    pub fn open_existing_store(&self) -> Result<Store> {
        let dir = self.data_dir()?;
        if !dir.join(dateline_store::DB_FILE).exists() {
            bail!(
                "no store in {} yet: run `dateline ingest PATH` first (or give --data DIR)",
                dir.display()
            );
        }
        self.open_store()
    }

    /// The analysis pipeline over the knowledge base in use.
    pub fn pipeline(&self) -> Result<dateline_pipeline::Pipeline> {
        Ok(job::pipeline(job::knowledge_base(self.kb.as_deref())?))
    }

    pub fn progress_hidden(&self) -> bool {
        self.quiet || self.json
    }
}

/// Counts of one ingest run.
#[derive(Debug, Default, Serialize)]
pub struct IngestSummary {
    pub inputs: usize,
    pub bytes: u64,
    pub read: u64,
    pub ingested: u64,
    pub duplicates: u64,
    pub failed: u64,
    pub warnings: u64,
    pub seconds: f64,
    pub pipeline: Vec<String>,
    pub failures: Vec<Diagnostic>,
    pub warning_list: Vec<Diagnostic>,
}

/// Reads `paths` into `store` in batches of `batch` articles. Shared by `ingest` and `bench`.
pub fn ingest_into(
    pipeline: &dateline_pipeline::Pipeline,
    store: Option<&mut Store>,
    paths: &[PathBuf],
    batch: usize,
    hidden: bool,
    analyse: bool,
) -> Result<IngestSummary> {
    let start = Instant::now();
    let opts = ReadOptions::default();
    let (inputs, problems) = job::discover(paths);
    let mut sum = IngestSummary {
        inputs: inputs.len(),
        bytes: inputs.iter().map(|i| i.size).sum(),
        pipeline: pipeline.id(),
        ..Default::default()
    };
    for d in problems {
        sum.failed += 1;
        sum.failures.push(d);
    }
    let bar = output::bytes_bar(sum.bytes, hidden);
    let mut pending: Vec<(Article, Analysis)> = Vec::with_capacity(batch);
    let mut store = store;
    let mut flush =
        |pending: &mut Vec<(Article, Analysis)>, sum: &mut IngestSummary| -> Result<()> {
            if pending.is_empty() {
                return Ok(());
            }
            if let Some(store) = store.as_deref_mut() {
                let outcomes = store
                    .write_batch(pending)
                    .context("writing a batch to the store")?;
                for o in outcomes {
                    match o {
                        WriteOutcome::Inserted => sum.ingested += 1,
                        WriteOutcome::Duplicate => sum.duplicates += 1,
                    }
                }
            } else {
                sum.ingested += pending.len() as u64;
            }
            pending.clear();
            Ok(())
        };
    let noop = dateline_pipeline::Pipeline::new(Vec::new()).expect("empty pipeline is valid");
    let pipe = if analyse { pipeline } else { &noop };
    for input in &inputs {
        let mut err: Option<anyhow::Error> = None;
        job::process_input(input, &opts, pipe, &mut |p| match p {
            Processed::Article(article, analysis, warnings) => {
                sum.read += 1;
                for w in warnings {
                    sum.warnings += 1;
                    sum.warning_list.push(w);
                }
                for d in &analysis.diagnostics {
                    if d.severity == Severity::Warning {
                        sum.warnings += 1;
                    }
                    sum.warning_list.push(d.clone());
                }
                pending.push((*article, *analysis));
                if pending.len() >= batch && err.is_none() {
                    if let Err(e) = flush(&mut pending, &mut sum) {
                        err = Some(e);
                    }
                }
            }
            Processed::Failed(d) => {
                sum.failed += 1;
                sum.failures.push(d);
            }
            Processed::Note(d) => {
                sum.warnings += 1;
                sum.warning_list.push(d);
            }
        });
        if let Some(e) = err {
            bar.abandon();
            return Err(e);
        }
        bar.inc(input.size);
        bar.set_message(format!("{} articles", sum.read));
    }
    flush(&mut pending, &mut sum)?;
    bar.finish_and_clear();
    sum.seconds = start.elapsed().as_secs_f64();
    Ok(sum)
}

/// Articles an ingest must add before it merges the full-text indexes.
const OPTIMIZE_AFTER: u64 = 1000;

fn ingest(ctx: &Ctx, a: IngestArgs) -> Result<u8> {
    let pipeline = ctx.pipeline()?;
    let mut store = ctx.open_store()?;
    let sum = ingest_into(
        &pipeline,
        Some(&mut store),
        &a.paths,
        a.batch as usize,
        ctx.progress_hidden(),
        true,
    )?;
    // A bulk ingest leaves the full-text indexes in many segments: merge them so searches
    // read one each. Small ingests leave that to SQLite's own merging.
    if sum.ingested >= OPTIMIZE_AFTER {
        store
            .optimize_search()
            .context("merging the full-text indexes")?;
    }
    let mut out = std::io::stdout().lock();
    if ctx.json {
        serde_json::to_writer(&mut out, &sum)?;
        writeln!(out)?;
    } else {
        for d in &sum.failures {
            eprintln!("error: {d}");
        }
        if !ctx.quiet {
            for d in &sum.warning_list {
                eprintln!("warning: {d}");
            }
        }
        writeln!(
            out,
            "ingested {}, duplicates {}, failed {}, warnings {} ({} inputs, {:.1} MB in {:.2} s) into {}",
            sum.ingested,
            sum.duplicates,
            sum.failed,
            sum.warnings,
            sum.inputs,
            sum.bytes as f64 / 1e6,
            sum.seconds,
            store.path().map(|p| p.display().to_string()).unwrap_or_default()
        )?;
    }
    Ok(if sum.failed > 0 {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}

fn articles(ctx: &Ctx, a: ArticlesArgs) -> Result<u8> {
    let store = ctx.open_existing_store()?;
    let filter = ArticleFilter {
        from: a.from,
        to: a.to,
        section: a.section,
        agency: a.agency,
        contains: a.contains,
        limit: Some(a.limit),
        offset: a.offset,
    };
    let list = store.articles(&filter)?;
    let mut out = std::io::stdout().lock();
    if ctx.json {
        for s in &list {
            serde_json::to_writer(&mut out, s)?;
            writeln!(out)?;
        }
    } else {
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|s| {
                vec![
                    s.id.clone(),
                    s.published.clone().unwrap_or_default(),
                    s.section.clone().unwrap_or_default(),
                    s.agency.clone().unwrap_or_default(),
                    s.headline.clone().unwrap_or_default(),
                ]
            })
            .collect();
        write!(
            out,
            "{}",
            output::table(
                &["id", "published", "section", "agency", "headline"],
                &rows,
                70
            )
        )?;
        if !ctx.quiet {
            eprintln!(
                "{} articles (of {} stored)",
                list.len(),
                store.count_articles()?
            );
        }
    }
    Ok(if list.is_empty() {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}

/// The structured view of an article, as `show --json` prints it.
#[derive(Serialize)]
struct ArticleView<'a> {
    schema: &'static str,
    id: &'a str,
    published: Option<&'a str>,
    published_time: Option<&'a str>,
    timezone: Option<&'a str>,
    section: Option<&'a str>,
    headline: Option<&'a str>,
    standfirst: Option<&'a str>,
    byline: Option<&'a str>,
    dateline: Option<&'a str>,
    agency: Option<&'a str>,
    language: &'a str,
    source: Option<&'a str>,
    captions: Vec<dateline_model::Caption>,
    crossheads: Vec<&'a str>,
    related: Vec<&'a str>,
    paragraphs: Vec<&'a str>,
    origin: &'a dateline_model::Origin,
    zones: &'a [dateline_model::Zone],
    text: &'a str,
    analysis: Option<&'a Analysis>,
}

fn view<'a>(a: &'a Article, analysis: Option<&'a Analysis>) -> ArticleView<'a> {
    ArticleView {
        schema: RECORD_SCHEMA,
        id: a.id.as_str(),
        published: a.published.as_deref(),
        published_time: a.published_time.as_deref(),
        timezone: a.timezone.as_deref(),
        section: a.section.as_deref(),
        headline: a.headline(),
        standfirst: a.standfirst(),
        byline: a.byline.as_deref(),
        dateline: a.dateline.as_deref(),
        agency: a.agency.as_deref(),
        language: &a.language,
        source: a.source.as_deref(),
        captions: a.captions(),
        crossheads: a.crossheads().collect(),
        related: a.related().collect(),
        paragraphs: a.paragraphs().collect(),
        origin: &a.origin,
        zones: &a.zones,
        text: &a.text,
        analysis,
    }
}

/// The body of an article as the extraction benchmark sees it: paragraphs and crossheads in
/// order, joined by blank lines.
pub fn body_text(a: &Article) -> String {
    let ix = a.index();
    a.zones
        .iter()
        .filter(|z| z.kind.is_body())
        .map(|z| ix.slice(&a.text, z.span))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[derive(Serialize)]
struct Extracted<'a> {
    id: &'a str,
    headline: Option<&'a str>,
    standfirst: Option<&'a str>,
    published: Option<&'a str>,
    published_time: Option<&'a str>,
    timezone: Option<&'a str>,
    section: Option<&'a str>,
    byline: Option<&'a str>,
    language: &'a str,
    source: Option<&'a str>,
    url: Option<&'a str>,
    reader: &'a str,
    captions: Vec<String>,
    crossheads: Vec<&'a str>,
    paragraphs: usize,
    text: String,
}

fn extract(ctx: &Ctx, a: ExtractArgs) -> Result<u8> {
    let input = dateline_ingest::Input::from_path(&a.file);
    let mut items = Vec::new();
    dateline_ingest::read_input(&input, &ReadOptions::default(), &mut |i| items.push(i));
    let mut out = std::io::stdout().lock();
    let mut code = EXIT_OK;
    let mut first = true;
    for item in items {
        let (article, warnings) = match item {
            dateline_ingest::Item::Article(a, w) => (a, w),
            dateline_ingest::Item::Failed(d) => {
                eprintln!("{d}");
                code = EXIT_PARTIAL;
                continue;
            }
            dateline_ingest::Item::Note(d) => {
                if !ctx.quiet {
                    eprintln!("note: {d}");
                }
                continue;
            }
        };
        for w in &warnings {
            if !ctx.quiet {
                eprintln!("{w}");
            }
        }
        let ix = article.index();
        let v = Extracted {
            id: article.id.as_str(),
            headline: article.headline(),
            standfirst: article.standfirst(),
            published: article.published.as_deref(),
            published_time: article.published_time.as_deref(),
            timezone: article.timezone.as_deref(),
            section: article.section.as_deref(),
            byline: article.byline.as_deref(),
            language: &article.language,
            source: article.source.as_deref(),
            url: article.origin.url.as_deref(),
            reader: &article.origin.reader,
            captions: article.captions().into_iter().map(|c| c.text).collect(),
            // Through one index: `Article::slice` per zone is linear in the text.
            crossheads: article
                .zones_of(ZoneKind::Crosshead)
                .map(|z| ix.slice(&article.text, z.span))
                .collect(),
            paragraphs: article.zones_of(ZoneKind::Paragraph).count(),
            text: body_text(&article),
        };
        if ctx.json {
            serde_json::to_writer(&mut out, &v)?;
            writeln!(out)?;
            continue;
        }
        if !first {
            writeln!(out, "\n----------------------------------------")?;
        }
        first = false;
        let opt = |s: Option<&str>| s.unwrap_or("-").to_string();
        writeln!(out, "id          {}", v.id)?;
        writeln!(out, "reader      {}", v.reader)?;
        writeln!(out, "source      {}", opt(v.source))?;
        writeln!(
            out,
            "published   {}{}{}",
            opt(v.published),
            v.published_time
                .map(|t| format!(" {t}"))
                .unwrap_or_default(),
            v.timezone.map(|t| format!(" {t}")).unwrap_or_default()
        )?;
        writeln!(out, "section     {}", opt(v.section))?;
        writeln!(out, "byline      {}", opt(v.byline))?;
        writeln!(out, "language    {}", v.language)?;
        writeln!(out, "headline    {}", opt(v.headline))?;
        writeln!(out, "standfirst  {}", opt(v.standfirst))?;
        for c in &v.captions {
            writeln!(out, "caption     {c}")?;
        }
        writeln!(out, "paragraphs  {}", v.paragraphs)?;
        writeln!(out)?;
        for z in article.zones.iter().filter(|z| z.kind.is_body()) {
            let t = ix.slice(&article.text, z.span);
            if z.kind == ZoneKind::Crosshead {
                writeln!(out, "## {t}\n")?;
            } else {
                writeln!(out, "{t}\n")?;
            }
        }
    }
    Ok(code)
}

fn show(ctx: &Ctx, a: ShowArgs) -> Result<u8> {
    let store = ctx.open_existing_store()?;
    let Some(article) = store.article(&a.id)? else {
        eprintln!("dateline: no article with id `{}`", a.id);
        return Ok(EXIT_PARTIAL);
    };
    let analysis = store.analysis(article.id.as_str())?;
    let v = view(&article, analysis.as_ref());
    let mut out = std::io::stdout().lock();
    if ctx.json {
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
        return Ok(EXIT_OK);
    }
    let opt = |s: Option<&str>| s.unwrap_or("-").to_string();
    writeln!(out, "id          {}", v.id)?;
    writeln!(
        out,
        "published   {}{}",
        opt(v.published),
        v.published_time
            .map(|t| format!(" {t}"))
            .unwrap_or_default()
    )?;
    writeln!(out, "section     {}", opt(v.section))?;
    writeln!(out, "agency      {}", opt(v.agency))?;
    writeln!(out, "byline      {}", opt(v.byline))?;
    writeln!(out, "dateline    {}", opt(v.dateline))?;
    writeln!(out, "origin      {}", origin_line(&article))?;
    writeln!(out, "headline    {}", opt(v.headline))?;
    writeln!(out, "standfirst  {}", opt(v.standfirst))?;
    for c in &v.captions {
        writeln!(
            out,
            "caption     {}{}",
            c.text,
            c.credit
                .as_ref()
                .map(|c| format!("  [credit: {c}]"))
                .unwrap_or_default()
        )?;
    }
    for c in &v.crossheads {
        writeln!(out, "crosshead   {c}")?;
    }
    for r in &v.related {
        writeln!(out, "related     {r}")?;
    }
    writeln!(out, "paragraphs  {}", v.paragraphs.len())?;
    if a.text {
        writeln!(out)?;
        let ix = article.index();
        for z in article
            .zones
            .iter()
            .filter(|z| z.kind.is_content() && z.kind != ZoneKind::Dateline)
        {
            writeln!(
                out,
                "[{:?} {}..{}] {}",
                z.kind,
                z.span.start,
                z.span.end,
                ix.slice(&article.text, z.span)
            )?;
        }
    } else if let Some(first) = v.paragraphs.first() {
        writeln!(out, "\n{first}")?;
        if v.paragraphs.len() > 1 {
            writeln!(out, "… (--text prints every zone)")?;
        }
    }
    if let Some(an) = &analysis {
        writeln!(out)?;
        writeln!(
            out,
            "pipeline    {}",
            if an.stages.is_empty() {
                "-".to_string()
            } else {
                an.stages.join(", ")
            }
        )?;
        let layer = |n: Option<usize>| n.map_or("not run".to_string(), |n| n.to_string());
        writeln!(
            out,
            "sentences   {}",
            layer(an.sentences.as_ref().map(Vec::len))
        )?;
        writeln!(
            out,
            "entities    {}",
            layer(an.entities.as_ref().map(Vec::len))
        )?;
        writeln!(
            out,
            "quotes      {}",
            layer(an.quotes.as_ref().map(Vec::len))
        )?;
        writeln!(
            out,
            "times       {}",
            layer(an.timexes.as_ref().map(Vec::len))
        )?;
        writeln!(
            out,
            "events      {}",
            layer(an.events.as_ref().map(Vec::len))
        )?;
        if let Some(ts) = &an.timexes {
            if !ts.is_empty() {
                writeln!(out, "\ntime expressions")?;
            }
            for t in ts {
                writeln!(
                    out,
                    "  {:>5}..{:<5} {:<9} {:<20} {}",
                    t.span.start,
                    t.span.end,
                    format!("{:?}", t.kind).to_uppercase(),
                    t.value,
                    t.text
                )?;
            }
        }
        if let Some(es) = &an.entities {
            if !es.is_empty() {
                writeln!(out, "\nentities")?;
            }
            for e in es {
                writeln!(
                    out,
                    "  {:<4} {:<6} {:<28} {:<10} {} mention(s)",
                    e.id,
                    e.kind.label(),
                    e.name,
                    e.actor.as_deref().unwrap_or("-"),
                    e.mentions.len()
                )?;
            }
        }
        if let Some(qs) = &an.quotes {
            if !qs.is_empty() {
                writeln!(out, "\nquotes")?;
            }
            for q in qs {
                let who = q
                    .speaker
                    .as_ref()
                    .map(|s| s.name.clone().unwrap_or_else(|| s.text.clone()))
                    .unwrap_or_else(|| "(unknown)".into());
                writeln!(
                    out,
                    "  {:<8} {:<24} {}",
                    format!("{:?}", q.kind).to_lowercase(),
                    who,
                    q.text
                )?;
            }
        }
        if let Some(evs) = &an.events {
            if !evs.is_empty() {
                writeln!(out, "\nevents")?;
            }
            let ix = article.index();
            for e in evs {
                let actor = |a: &Option<dateline_model::ActorRef>| {
                    a.as_ref().map_or("-".to_string(), |a| a.code.clone())
                };
                writeln!(
                    out,
                    "  {:<5} {:<10} {:>9} → {:<9} {:<12} {}",
                    e.cameo,
                    e.plover.as_deref().unwrap_or("-"),
                    actor(&e.source),
                    actor(&e.target),
                    e.modality.name(),
                    e.date.as_deref().unwrap_or("-"),
                )?;
                if let Some(m) = e.mentions.first() {
                    writeln!(
                        out,
                        "        “{}”",
                        cut_chars(
                            span_text(&ix, &article.text, m.sentence_span).trim(),
                            EVIDENCE_CHARS
                        )
                    )?;
                }
            }
        }
    }
    Ok(EXIT_OK)
}

/// How much of an evidence sentence `show` prints.
const EVIDENCE_CHARS: usize = 100;

/// The text at `span`, empty when the span is reversed (never panics on a stored span).
pub fn span_text<'t>(
    ix: &dateline_model::TextIndex,
    text: &'t str,
    span: dateline_model::Span,
) -> &'t str {
    let end = span.end.min(ix.len_chars());
    let start = span.start.min(end);
    ix.slice(text, dateline_model::Span::new(start, end))
}

/// `s` on one line, cut to at most `max` chars with an ellipsis.
pub fn cut_chars(s: &str, max: usize) -> String {
    let s = s.replace(['\n', '\t', '\r'], " ");
    if s.chars().count() > max {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    } else {
        s
    }
}

fn origin_line(a: &Article) -> String {
    let o = &a.origin;
    let place = o
        .url
        .clone()
        .or_else(|| o.path.clone())
        .unwrap_or_else(|| "-".into());
    let at = match (o.line, o.byte) {
        (Some(l), _) => format!(":{l}"),
        (None, Some(b)) => format!("@{b}"),
        _ => String::new(),
    };
    format!("{place}{at} ({})", o.reader)
}

fn eval(ctx: &Ctx, a: EvalArgs) -> Result<u8> {
    let docs = dateline_eval::load_gold_dir(&a.dir)
        .with_context(|| format!("reading gold files in {}", a.dir.display()))?;
    if docs.is_empty() {
        bail!("no *.gold.json files in {}", a.dir.display());
    }
    let pipeline = ctx.pipeline()?;
    let opts = ReadOptions::default();
    let mut report = dateline_eval::Report::new();
    let mut failed = 0;
    for doc in &docs {
        let name = doc
            .document_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match read_one(&doc.document_path, &opts, &pipeline) {
            Ok((article, analysis)) => report.add(
                &name,
                dateline_eval::score_document(&doc.gold, &article, &analysis),
            ),
            Err(e) => {
                failed += 1;
                eprintln!("error: {}: {e}", doc.document_path.display());
                report.failed_with_gold(&name, &doc.gold, e);
            }
        }
    }
    let mut out = std::io::stdout().lock();
    if ctx.json {
        let mut v = report.to_json();
        if let Some(obj) = v.as_object_mut() {
            obj.insert("summary".into(), report.summary_line().into());
        }
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", report.render_table())?;
        writeln!(out, "{}", report.summary_line())?;
    }
    Ok(if failed > 0 { EXIT_PARTIAL } else { EXIT_OK })
}

/// Reads the first article of a document through the ingest path and analyses it.
fn read_one(
    path: &Path,
    opts: &ReadOptions,
    pipeline: &dateline_pipeline::Pipeline,
) -> Result<(Article, Analysis), String> {
    let (inputs, problems) = job::discover(&[path.to_path_buf()]);
    if let Some(p) = problems.first() {
        return Err(p.to_string());
    }
    let mut first: Option<(Article, Analysis)> = None;
    let mut error: Option<String> = None;
    for input in &inputs {
        job::process_input(input, opts, pipeline, &mut |p| match p {
            Processed::Article(a, an, _) if first.is_none() => first = Some((*a, *an)),
            Processed::Failed(d) if error.is_none() => error = Some(d.to_string()),
            _ => {}
        });
    }
    first.ok_or_else(|| error.unwrap_or_else(|| "no article in the document".to_string()))
}

fn entities(ctx: &Ctx, a: crate::args::EntitiesArgs) -> Result<u8> {
    let store = ctx.open_existing_store()?;
    let Some(article) = store.article(&a.id)? else {
        eprintln!("dateline: no article with id `{}`", a.id);
        return Ok(EXIT_PARTIAL);
    };
    let analysis = store.analysis(article.id.as_str())?;
    let Some(list) = analysis.and_then(|an| an.entities) else {
        eprintln!(
            "dateline: the entity stage has not run on {} (ingest it again with this version)",
            article.id
        );
        return Ok(EXIT_PARTIAL);
    };
    let mut out = std::io::stdout().lock();
    if ctx.json {
        for e in &list {
            serde_json::to_writer(&mut out, e)?;
            writeln!(out)?;
        }
        return Ok(EXIT_OK);
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|e| {
            let mut forms: Vec<&str> = Vec::new();
            for m in &e.mentions {
                if !forms.contains(&m.text.as_str()) {
                    forms.push(&m.text);
                }
            }
            vec![
                e.id.clone(),
                e.kind.label().to_string(),
                e.name.clone(),
                e.actor.clone().unwrap_or_default(),
                e.wikidata.clone().unwrap_or_default(),
                e.mentions.len().to_string(),
                forms.join(" | "),
            ]
        })
        .collect();
    write!(
        out,
        "{}",
        output::table(
            &["id", "type", "name", "actor", "wikidata", "n", "mentions"],
            &rows,
            60
        )
    )?;
    Ok(EXIT_OK)
}

fn actors(ctx: &Ctx, a: crate::args::ActorsArgs) -> Result<u8> {
    let kb = job::knowledge_base(ctx.kb.as_deref())?;
    let hits = kb.search(&a.query, a.limit);
    let mut out = std::io::stdout().lock();
    if ctx.json {
        for h in &hits {
            serde_json::to_writer(
                &mut out,
                &serde_json::json!({"kind": h.kind, "name": h.name, "code": h.code, "wikidata": h.wikidata, "detail": h.detail}),
            )?;
            writeln!(out)?;
        }
    } else {
        let rows: Vec<Vec<String>> = hits
            .iter()
            .map(|h| {
                vec![
                    h.kind.to_string(),
                    h.name.clone(),
                    h.code.clone().unwrap_or_default(),
                    h.wikidata.clone().unwrap_or_default(),
                    h.detail.clone(),
                ]
            })
            .collect();
        write!(
            out,
            "{}",
            output::table(&["kind", "name", "code", "wikidata", "detail"], &rows, 60)
        )?;
    }
    Ok(if hits.is_empty() {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}

fn kb(ctx: &Ctx, a: crate::args::KbArgs) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    match a.what {
        crate::args::KbWhat::Validate { dir } => {
            if !dir.is_dir() {
                anyhow::bail!("{} is not a folder", dir.display());
            }
            let problems = dateline_kb::Kb::validate_dir(&dir);
            if ctx.json {
                for d in &problems {
                    serde_json::to_writer(&mut out, d)?;
                    writeln!(out)?;
                }
            } else {
                for d in &problems {
                    writeln!(
                        out,
                        "{}: {d}",
                        if d.severity == Severity::Error {
                            "error"
                        } else {
                            "warning"
                        }
                    )?;
                }
                writeln!(out, "{} problems in {}", problems.len(), dir.display())?;
            }
            Ok(if problems.iter().any(|d| d.severity == Severity::Error) {
                EXIT_PARTIAL
            } else {
                EXIT_OK
            })
        }
        crate::args::KbWhat::Stats => {
            let kb = job::knowledge_base(ctx.kb.as_deref())?;
            if ctx.json {
                let counts: serde_json::Map<String, serde_json::Value> = kb
                    .stats()
                    .into_iter()
                    .map(|(k, n)| (k.to_string(), n.into()))
                    .collect();
                serde_json::to_writer(
                    &mut out,
                    &serde_json::json!({"version": kb.version, "counts": counts, "sources": kb.sources}),
                )?;
                writeln!(out)?;
            } else {
                writeln!(out, "version  {}", kb.version)?;
                for (k, n) in kb.stats() {
                    writeln!(out, "{k:<9}{n}")?;
                }
                for s in &kb.sources {
                    writeln!(out, "source   {s}")?;
                }
            }
            Ok(EXIT_OK)
        }
    }
}

fn eval_ner(ctx: &Ctx, a: crate::args::EvalNerArgs) -> Result<u8> {
    use dateline_eval::ner::{self, PredMention};
    let docs = ner::load_entities(&a.file)?;
    let preds: Vec<Vec<PredMention>> = match &a.predictions {
        Some(p) => {
            let text =
                std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            let mut out = Vec::new();
            for (i, line) in text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
            {
                #[derive(serde::Deserialize)]
                struct Doc {
                    mentions: Vec<PredMention>,
                }
                let d: Doc = serde_json::from_str(line)
                    .with_context(|| format!("{}:{}", p.display(), i + 1))?;
                out.push(d.mentions);
            }
            out
        }
        None => {
            let pipeline = ctx.pipeline()?;
            docs.iter()
                .map(|d| {
                    let mut article = Article::new(d.text.clone(), None);
                    let mut offset = 0usize;
                    for line in d.text.split('\n') {
                        let n = line.chars().count();
                        if !line.trim().is_empty() {
                            article.zones.push(dateline_model::Zone::new(
                                ZoneKind::Paragraph,
                                dateline_model::Span::new(offset, offset + n),
                            ));
                        }
                        offset += n + 1;
                    }
                    let analysis = pipeline.analyse(&article);
                    analysis
                        .entities
                        .unwrap_or_default()
                        .iter()
                        .flat_map(|e| {
                            e.mentions.iter().map(move |m| PredMention {
                                start: m.span.start,
                                end: m.span.end,
                                label: e.kind.label().to_string(),
                                cluster: Some(e.id.clone()),
                            })
                        })
                        .collect()
                })
                .collect()
        }
    };
    if let Some(path) = &a.save_predictions {
        let mut f = std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        );
        for p in &preds {
            serde_json::to_writer(&mut f, &serde_json::json!({ "mentions": p }))?;
            writeln!(f)?;
        }
    }
    let report = ner::score(&docs, &preds);
    let mut out = std::io::stdout().lock();
    if ctx.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", report.render())?;
        for (c, p) in &report.classes {
            writeln!(out, "METRIC:ner.{}.f1:{:.3}:", c.to_lowercase(), p.f1())?;
        }
        writeln!(out, "METRIC:ner.coref.f1:{:.3}:", report.coref.f1())?;
    }
    Ok(EXIT_OK)
}

fn quotes(ctx: &Ctx, a: crate::args::QuotesArgs) -> Result<u8> {
    let store = ctx.open_existing_store()?;
    let article = match &a.article {
        Some(id) => match store.article(id)? {
            Some(art) => Some(art.id.to_string()),
            None => {
                eprintln!("dateline: no article with id `{id}`");
                return Ok(EXIT_PARTIAL);
            }
        },
        None => None,
    };
    let filter = dateline_store::QuoteFilter {
        speaker: a.speaker,
        article,
        from: a.from,
        to: a.to,
        limit: Some(a.limit),
        offset: a.offset,
    };
    let list = store.quotes(&filter)?;
    let mut out = std::io::stdout().lock();
    if ctx.json {
        for q in &list {
            serde_json::to_writer(&mut out, q)?;
            writeln!(out)?;
        }
    } else {
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|q| {
                vec![
                    q.article_id.clone(),
                    q.published.clone().unwrap_or_default(),
                    q.kind.clone(),
                    q.speaker_name
                        .clone()
                        .or_else(|| q.speaker_text.clone())
                        .unwrap_or_else(|| "(unknown)".into()),
                    q.text.clone(),
                ]
            })
            .collect();
        write!(
            out,
            "{}",
            output::table(
                &["article", "published", "kind", "speaker", "quote"],
                &rows,
                90
            )
        )?;
    }
    Ok(if list.is_empty() {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}

/// The store filter of `events` and `export`, with `--article` resolved to a full id; `None`
/// (after saying so on stderr) when no article matches it.
pub fn event_filter(
    store: &Store,
    f: &crate::args::EventFilterArgs,
    limit: Option<usize>,
    offset: usize,
) -> Result<Option<EventFilter>> {
    let article = match &f.article {
        Some(id) => match store.article(id)? {
            Some(art) => Some(art.id.to_string()),
            None => {
                eprintln!("dateline: no article with id `{id}`");
                return Ok(None);
            }
        },
        None => None,
    };
    Ok(Some(EventFilter {
        actor: f.actor.clone(),
        source: f.source.clone(),
        target: f.target.clone(),
        cameo: f.cameo.clone(),
        plover: f.plover.clone(),
        modality: f.modality.clone(),
        from: f.from.clone(),
        to: f.to.clone(),
        article,
        limit,
        offset,
    }))
}

fn events(ctx: &Ctx, a: crate::args::EventsArgs) -> Result<u8> {
    let store = ctx.open_existing_store()?;
    let Some(filter) = event_filter(&store, &a.filter, Some(a.limit), a.offset)? else {
        return Ok(EXIT_PARTIAL);
    };
    let list = store.events(&filter)?;
    let mut out = std::io::stdout().lock();
    if ctx.json {
        for e in &list {
            serde_json::to_writer(&mut out, e)?;
            writeln!(out)?;
        }
    } else {
        let actor = |code: &Option<String>, name: &Option<String>| match (code, name) {
            (Some(c), Some(n)) => format!("{c} ({n})"),
            (Some(c), None) => c.clone(),
            (None, _) => "-".to_string(),
        };
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|e| {
                vec![
                    e.article_id.clone(),
                    e.published.clone().unwrap_or_default(),
                    e.date.clone().unwrap_or_default(),
                    e.cameo.clone(),
                    e.plover.clone().unwrap_or_default(),
                    actor(&e.source_code, &e.source_name),
                    actor(&e.target_code, &e.target_name),
                    e.modality.clone(),
                    e.goldstein.map(|g| g.to_string()).unwrap_or_default(),
                ]
            })
            .collect();
        write!(
            out,
            "{}",
            output::table(
                &[
                    "article",
                    "published",
                    "date",
                    "cameo",
                    "plover",
                    "source",
                    "target",
                    "modality",
                    "goldstein"
                ],
                &rows,
                36
            )
        )?;
        if !ctx.quiet {
            eprintln!(
                "{} events (only `asserted` ones are told as fact)",
                list.len()
            );
        }
    }
    Ok(if list.is_empty() {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}

fn eval_time(ctx: &Ctx, a: crate::args::EvalTimeArgs) -> Result<u8> {
    // The adapter scores an interval by its first point.
    let tagger =
        |text: &str, reference: jiff::civil::DateTime| -> Vec<(std::ops::Range<usize>, String)> {
            dateline_time::tag_text_at(text, Some(reference), dateline_time::TenseHint::Auto)
                .into_iter()
                .map(|f| (f.range, f.begin.unwrap_or(f.value)))
                .collect()
        };
    let report = dateline_eval::duckling::score_duckling(&a.file, &tagger)
        .map_err(|e| anyhow::anyhow!("{}: {e}", a.file.display()))?;
    let mut out = std::io::stdout().lock();
    if ctx.json {
        let t = |x: &dateline_eval::duckling::Tally| serde_json::json!({"correct": x.correct, "total": x.total, "accuracy": x.accuracy()});
        serde_json::to_writer_pretty(
            &mut out,
            &serde_json::json!({
                "all": t(&report.all),
                "date_level": t(&report.date_level),
                "time_of_day": t(&report.time_of_day),
                "holidays": t(&report.holidays),
                "negatives": t(&report.negatives),
                "negatives_tagged": report.negatives_tagged,
            }),
        )?;
        writeln!(out)?;
    } else {
        write!(out, "{}", report.render())?;
        if a.misses {
            for m in &report.misses {
                writeln!(
                    out,
                    "miss {:?} {:?} expected {} got {:?}",
                    m.group, m.text, m.expected, m.got
                )?;
            }
            for t in &report.negatives_tagged {
                writeln!(out, "negative tagged {t:?}")?;
            }
        }
        writeln!(
            out,
            "METRIC:time.duckling.date_level:{:.3}:",
            report.date_level.accuracy()
        )?;
        writeln!(
            out,
            "METRIC:time.duckling.all:{:.3}:",
            report.all.accuracy()
        )?;
        writeln!(
            out,
            "METRIC:time.duckling.negatives_tagged:{}:",
            report.negatives_tagged.len()
        )?;
    }
    Ok(EXIT_OK)
}
