//! `dateline-pipeline`: runs the analysis stages over articles.
//!
//! Brief overview:
//! - [`Stage`]: one analysis step — a pure function of an [`Article`] and the layers earlier
//!   stages produced. It declares the [`Layer`]s it `requires()` and `provides()`.
//! - [`Pipeline`]: an ordered list of stages, checked at build time so that no stage reads a layer
//!   no earlier stage produced. [`Pipeline::analyse`] runs them on one article, isolating panics:
//!   a stage that panics costs that article's layer and leaves a diagnostic, never the batch.
//!
//! Stages do no IO and read no clock or environment: the same article gives the same analysis.
//!
//! # Example
//! ```
//! use dateline_model::{Analysis, Article};
//! use dateline_pipeline::{Layer, Pipeline, Stage};
//!
//! struct Counter;
//! impl Stage for Counter {
//!     fn name(&self) -> &'static str { "sentences.naive" }
//!     fn version(&self) -> u32 { 1 }
//!     fn requires(&self) -> &'static [Layer] { &[] }
//!     fn provides(&self) -> &'static [Layer] { &[Layer::Sentences] }
//!     fn run(&self, _article: &Article, analysis: &mut Analysis) {
//!         analysis.sentences = Some(Vec::new());
//!     }
//! }
//!
//! let pipeline = Pipeline::new(vec![Box::new(Counter)]).unwrap();
//! let article = Article::new("Talks resumed. Both sides met.".into(), None);
//! let analysis = pipeline.analyse(&article);
//! assert_eq!(analysis.stages, vec!["sentences.naive@1".to_string()]);
//! assert!(analysis.sentences.is_some());
//! assert!(analysis.entities.is_none());
//! ```
#![deny(missing_docs)]

use std::panic::{catch_unwind, AssertUnwindSafe};

use dateline_model::{Analysis, Article, Diagnostic};

/// A layer of the analysed document that a stage can produce or read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    /// Tokens and sentences.
    Sentences,
    /// Part-of-speech tags on the tokens.
    Pos,
    /// Dependency syntax on the tokens: each token's head and relation
    /// ([`dateline_model::Token::head`], [`dateline_model::Token::dep`]).
    Syntax,
    /// Entities with their mentions and links.
    Entities,
    /// Time expressions.
    Timexes,
    /// Quotations.
    Quotes,
    /// Events.
    Events,
}

/// One analysis step. Implementations are pure: no IO, no clock, no randomness.
pub trait Stage: Send + Sync {
    /// Stable name (`quotes`, `time`).
    fn name(&self) -> &'static str;
    /// Version of the stage's behaviour; bump on any change of output.
    fn version(&self) -> u32;
    /// Layers that must exist before this stage runs.
    fn requires(&self) -> &'static [Layer];
    /// Layers this stage fills in.
    fn provides(&self) -> &'static [Layer];
    /// Reads `article` and the layers in `analysis`, and fills in its own layers.
    fn run(&self, article: &Article, analysis: &mut Analysis);
}

/// A pipeline whose stage order was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderError {
    /// The stage that reads a missing layer.
    pub stage: &'static str,
    /// The layer no earlier stage provides.
    pub missing: Layer,
}

impl std::fmt::Display for OrderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "stage `{}` requires layer {:?}, which no earlier stage provides",
            self.stage, self.missing
        )
    }
}

impl std::error::Error for OrderError {}

/// Diagnostic code for a stage that panicked on an article.
pub const STAGE_PANICKED: &str = "P001";

/// Unsets a layer (after its stage failed half-way).
fn clear(analysis: &mut Analysis, layer: Layer) {
    match layer {
        Layer::Sentences => {
            analysis.tokens = None;
            analysis.sentences = None;
        }
        Layer::Pos => {
            if let Some(tokens) = analysis.tokens.as_mut() {
                for t in tokens {
                    t.pos = dateline_model::Pos::X;
                }
            }
        }
        Layer::Syntax => {
            if let Some(tokens) = analysis.tokens.as_mut() {
                for t in tokens {
                    t.head = dateline_model::Token::NO_HEAD;
                    t.dep = dateline_model::Dep::Unparsed;
                }
            }
        }
        Layer::Entities => analysis.entities = None,
        Layer::Timexes => analysis.timexes = None,
        Layer::Quotes => analysis.quotes = None,
        Layer::Events => analysis.events = None,
    }
}

/// An ordered, checked list of stages.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    /// Builds a pipeline, rejecting an order in which a stage requires a layer that no earlier
    /// stage provides.
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Result<Pipeline, OrderError> {
        let mut have: Vec<Layer> = Vec::new();
        for s in &stages {
            if let Some(missing) = s.requires().iter().find(|l| !have.contains(l)) {
                return Err(OrderError {
                    stage: s.name(),
                    missing: *missing,
                });
            }
            have.extend_from_slice(s.provides());
        }
        Ok(Pipeline { stages })
    }

    /// The first `n` stages as a pipeline of their own (benchmarks time each stage as the
    /// difference between successive prefixes).
    pub fn prefix(mut self, n: usize) -> Pipeline {
        self.stages.truncate(n);
        self
    }

    /// Number of stages.
    pub fn len(&self) -> usize {
        self.stages.len()
    }

    /// True when the pipeline has no stages.
    pub fn is_empty(&self) -> bool {
        self.stages.is_empty()
    }

    /// `name@version` of each stage, in order: the pipeline's identity, recorded with its output.
    pub fn id(&self) -> Vec<String> {
        self.stages
            .iter()
            .map(|s| format!("{}@{}", s.name(), s.version()))
            .collect()
    }

    /// Runs every stage on `article`. A stage that panics leaves its layers unset (`None`) and a
    /// [`STAGE_PANICKED`] diagnostic; later stages that need those layers are skipped.
    pub fn analyse(&self, article: &Article) -> Analysis {
        let mut analysis = Analysis::empty(article.id.clone());
        let mut failed: Vec<Layer> = Vec::new();
        for stage in &self.stages {
            if stage.requires().iter().any(|l| failed.contains(l)) {
                failed.extend_from_slice(stage.provides());
                continue;
            }
            match catch_unwind(AssertUnwindSafe(|| stage.run(article, &mut analysis))) {
                Ok(()) => {
                    analysis
                        .stages
                        .push(format!("{}@{}", stage.name(), stage.version()));
                }
                Err(payload) => {
                    let what = payload
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| payload.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown panic".to_string());
                    let mut d = Diagnostic::error(
                        STAGE_PANICKED,
                        format!(
                            "stage `{}` failed on article {}: {what}",
                            stage.name(),
                            article.id
                        ),
                    );
                    d.file = article.origin.path.clone();
                    d.line = article.origin.line;
                    analysis.diagnostics.push(d);
                    // Whatever the stage wrote before it failed is discarded.
                    for layer in stage.provides() {
                        clear(&mut analysis, *layer);
                    }
                    failed.extend_from_slice(stage.provides());
                }
            }
        }
        analysis
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake {
        name: &'static str,
        requires: &'static [Layer],
        provides: &'static [Layer],
        panic: bool,
    }

    impl Stage for Fake {
        fn name(&self) -> &'static str {
            self.name
        }
        fn version(&self) -> u32 {
            1
        }
        fn requires(&self) -> &'static [Layer] {
            self.requires
        }
        fn provides(&self) -> &'static [Layer] {
            self.provides
        }
        fn run(&self, _article: &Article, analysis: &mut Analysis) {
            if self.panic {
                analysis.entities = Some(Vec::new());
                panic!("boom");
            }
            for l in self.provides {
                match l {
                    Layer::Sentences => analysis.sentences = Some(Vec::new()),
                    Layer::Pos | Layer::Syntax => {}
                    Layer::Entities => analysis.entities = Some(Vec::new()),
                    Layer::Timexes => analysis.timexes = Some(Vec::new()),
                    Layer::Quotes => analysis.quotes = Some(Vec::new()),
                    Layer::Events => analysis.events = Some(Vec::new()),
                }
            }
        }
    }

    fn fake(
        name: &'static str,
        requires: &'static [Layer],
        provides: &'static [Layer],
    ) -> Box<dyn Stage> {
        Box::new(Fake {
            name,
            requires,
            provides,
            panic: false,
        })
    }

    #[test]
    fn rejects_a_stage_before_its_inputs() {
        let err = Pipeline::new(vec![
            fake("quotes", &[Layer::Entities], &[Layer::Quotes]),
            fake("entities", &[], &[Layer::Entities]),
        ])
        .err()
        .unwrap();
        assert_eq!(
            err,
            OrderError {
                stage: "quotes",
                missing: Layer::Entities
            }
        );
        assert!(Pipeline::new(vec![
            fake("entities", &[], &[Layer::Entities]),
            fake("quotes", &[Layer::Entities], &[Layer::Quotes]),
        ])
        .is_ok());
    }

    #[test]
    fn a_panicking_stage_costs_its_layers_only() {
        let p = Pipeline::new(vec![
            fake("time", &[], &[Layer::Timexes]),
            Box::new(Fake {
                name: "entities",
                requires: &[],
                provides: &[Layer::Entities],
                panic: true,
            }),
            fake("quotes", &[Layer::Entities], &[Layer::Quotes]),
        ])
        .unwrap();
        let a = Article::new("Text.".into(), None);
        let out = p.analyse(&a);
        assert_eq!(out.stages, vec!["time@1".to_string()]);
        assert!(out.timexes.is_some());
        assert!(
            out.entities.is_none(),
            "a panicking stage's partial output is discarded"
        );
        assert!(
            out.quotes.is_none(),
            "stages that need a failed layer are skipped"
        );
        assert_eq!(out.diagnostics.len(), 1);
        assert_eq!(out.diagnostics[0].code, STAGE_PANICKED);
    }
}
