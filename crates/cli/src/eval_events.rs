//! `dateline eval-events`: the event coder on sentence-level suites (PLOVER GSR, PETR2 GSR).
use std::io::Write;
use std::path::Path;

use anyhow::Result;
use dateline_eval::suites::{self, SuiteEvent};
use dateline_model::{Article, Span, Zone, ZoneKind};
use dateline_pipeline::Pipeline;

use crate::EXIT_OK;

/// Which suite a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Suite {
    /// PLOVER gold-standard records (JSON array): category, dyad and full-match accuracy.
    Plover,
    /// PETRARCH2 validation records (`<Sentence>` blocks): recall and extra events per record.
    Petr2,
}

/// Codes one sentence as an article of one paragraph, published on `date`.
fn coder(pipeline: &Pipeline) -> impl Fn(&str, Option<&str>) -> Vec<SuiteEvent> + '_ {
    move |text: &str, date: Option<&str>| {
        let mut a = Article::new(text.to_string(), None);
        a.published = date.map(str::to_string);
        a.zones.push(Zone::new(
            ZoneKind::Paragraph,
            Span::new(0, text.chars().count()),
        ));
        let analysis = pipeline.analyse(&a);
        analysis
            .events
            .unwrap_or_default()
            .into_iter()
            .map(|e| SuiteEvent {
                cameo: e.cameo,
                plover: e.plover,
                source: e.source.map(|x| x.code),
                target: e.target.map(|x| x.code),
            })
            .collect()
    }
}

/// Lists the records the coder got wrong.
fn print_misses(out: &mut impl Write, misses: &[suites::SuiteMiss]) -> std::io::Result<()> {
    for m in misses {
        writeln!(
            out,
            "miss {}: {} | expected {} | got {:?}",
            m.id, m.text, m.expected, m.got
        )?;
    }
    Ok(())
}

/// Runs a suite and prints its report.
pub fn run(pipeline: &Pipeline, file: &Path, suite: Suite, json: bool, misses: bool) -> Result<u8> {
    let code = coder(pipeline);
    let mut out = std::io::stdout().lock();
    match suite {
        Suite::Plover => {
            let r = suites::score_plover(file, &code)?;
            if json {
                serde_json::to_writer_pretty(&mut out, &r)?;
                writeln!(out)?;
            } else {
                write!(out, "{}", r.render())?;
                if misses {
                    print_misses(&mut out, &r.misses)?;
                }
                writeln!(
                    out,
                    "METRIC:events.plover.category:{:.3}:",
                    r.category.accuracy()
                )?;
                writeln!(out, "METRIC:events.plover.dyad:{:.3}:", r.dyad.accuracy())?;
                writeln!(out, "METRIC:events.plover.full:{:.3}:", r.full.accuracy())?;
            }
        }
        Suite::Petr2 => {
            let r = suites::score_petr2(file, &code)?;
            if json {
                serde_json::to_writer_pretty(&mut out, &r)?;
                writeln!(out)?;
            } else {
                write!(out, "{}", r.render())?;
                if misses {
                    print_misses(&mut out, &r.misses)?;
                }
                writeln!(out, "METRIC:events.petr2.recall:{:.3}:", r.recall())?;
                writeln!(
                    out,
                    "METRIC:events.petr2.extra_per_record:{:.3}:",
                    r.extra_per_record()
                )?;
            }
        }
    }
    Ok(EXIT_OK)
}
