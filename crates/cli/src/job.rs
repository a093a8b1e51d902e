//! The one path every command takes from bytes to analysed articles: discover inputs, read
//! them, analyse each article. `ingest` sends the results to the store, `eval` to the scorer,
//! `bench` to a counter, so all three exercise the same code.
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use dateline_ingest::{Input, Item, ReadOptions};
use dateline_model::{Analysis, Article, Diagnostic};
use dateline_pipeline::Pipeline;

/// Diagnostic code for a reader that panicked on an input (a bug; the input is skipped).
pub const READER_PANICKED: &str = "R001";

/// What the job hands on for each item it read.
pub enum Processed {
    /// An article, what the pipeline read from it, and the reader's warnings.
    Article(Box<Article>, Box<Analysis>, Vec<Diagnostic>),
    /// An item that could not be read.
    Failed(Diagnostic),
    /// A reader's note (records skipped on purpose), counted as a warning.
    Note(Diagnostic),
}

/// The knowledge base in use: the built-in one, extended by `--kb DIR` when given. Loaded
/// once per process and kept for its lifetime.
pub fn knowledge_base(dir: Option<&std::path::Path>) -> anyhow::Result<&'static dateline_kb::Kb> {
    match dir {
        None => Ok(dateline_kb::Kb::embedded()),
        Some(d) => {
            let kb = dateline_kb::Kb::load_dir(d)
                .map_err(|e| anyhow::anyhow!("knowledge base {}: {e}", d.display()))?;
            Ok(Box::leak(Box::new(kb)))
        }
    }
}

/// The full analysis pipeline over the given knowledge base: sentences → POS → parse →
/// entities → time → quotes → events.
pub fn pipeline(kb: &'static dateline_kb::Kb) -> Pipeline {
    let linker: &'static dateline_entities::Linker =
        if std::ptr::eq(kb, dateline_kb::Kb::embedded()) {
            dateline_entities::Linker::embedded()
        } else {
            Box::leak(Box::new(dateline_entities::Linker::new(kb)))
        };
    Pipeline::new(vec![
        Box::new(dateline_text::SentenceStage::new()),
        Box::new(dateline_text::PosStage::new()),
        Box::new(dateline_text::ParseStage::new()),
        Box::new(dateline_entities::EntityStage::with_linker(linker)),
        Box::new(dateline_time::TimeStage::new()),
        Box::new(dateline_quotes::QuoteStage::new()),
        Box::new(dateline_events::EventStage::new()),
    ])
    .expect("the default stage order is valid")
}

/// Expands paths into inputs; unreadable entries come back as diagnostics.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<Diagnostic>) {
    dateline_ingest::discover(paths)
}

/// Reads one input and analyses every article in it, in file order.
pub fn process_input(
    input: &Input,
    opts: &ReadOptions,
    pipeline: &Pipeline,
    out: &mut dyn FnMut(Processed),
) {
    let result = catch_unwind(AssertUnwindSafe(|| {
        dateline_ingest::read_input(input, opts, &mut |item| match item {
            Item::Article(article, warnings) => {
                let analysis = pipeline.analyse(&article);
                out(Processed::Article(article, Box::new(analysis), warnings));
            }
            Item::Failed(d) => out(Processed::Failed(d)),
            Item::Note(d) => out(Processed::Note(d)),
        })
    }));
    if result.is_err() {
        let d = Diagnostic::error(
            READER_PANICKED,
            "the reader failed on this input (a bug: please report it)",
        )
        .in_file(input.path.display().to_string());
        out(Processed::Failed(d));
    }
}
