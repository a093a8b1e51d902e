//! `dateline serve --demo`: a temporary store of the repository's bundled example articles
//! (`examples/`), embedded in the binary so that the demo works from any directory.
use std::path::Path;

use dateline_pipeline::Pipeline;
use dateline_store::Store;

use crate::ingest::{ingest_bytes, IngestReport};
use crate::ServerError;

/// The bundled examples: the file's path in the repository and its bytes. A test checks that
/// every file under `examples/` is listed.
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "examples/grain-corridor.txt",
        include_str!("../../../examples/grain-corridor.txt"),
    ),
    (
        "examples/harbour-talks.txt",
        include_str!("../../../examples/harbour-talks.txt"),
    ),
    (
        "examples/summit-two-records.txt",
        include_str!("../../../examples/summit-two-records.txt"),
    ),
    (
        "examples/wire.jsonl",
        include_str!("../../../examples/wire.jsonl"),
    ),
];

/// A temporary data dir holding the bundled examples, analysed by the given pipeline. The
/// directory is removed when this is dropped.
pub struct Demo {
    dir: tempfile::TempDir,
    /// One report per example file.
    pub reports: Vec<IngestReport>,
}

impl Demo {
    /// Creates the temporary store and ingests every example into it.
    pub fn create(pipeline: &Pipeline) -> Result<Demo, ServerError> {
        let dir = tempfile::Builder::new()
            .prefix("dateline-demo-")
            .tempdir()?;
        let reports = ingest_examples(dir.path(), pipeline)?;
        Ok(Demo { dir, reports })
    }

    /// The data dir to serve.
    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    /// Articles stored.
    pub fn articles(&self) -> u64 {
        self.reports.iter().map(|r| r.stored + r.duplicates).sum()
    }
}

/// Ingests every bundled example into the store in `data_dir` (created when missing).
pub fn ingest_examples(
    data_dir: &Path,
    pipeline: &Pipeline,
) -> Result<Vec<IngestReport>, ServerError> {
    let mut store = Store::open(data_dir)?;
    let mut reports = Vec::new();
    for (name, text) in EXAMPLES {
        reports.push(ingest_bytes(&mut store, pipeline, name, text.as_bytes())?);
    }
    Ok(reports)
}
