//! `dateline-eval`: scores dateline's output against gold readings (`dateline-gold/1`). It is
//! the only crate that reads gold files.
//!
//! Brief overview:
//! - [`gold`]: serde types for gold files ([`gold::Gold`]); [`load_gold_dir`] reads every
//!   `*.gold.json` of a folder into [`GoldDoc`]s (gold plus the path of its document).
//! - [`score_document`]: scores one [`Article`] and its [`Analysis`] against a gold, giving a
//!   [`DocScore`] with per-section counts ([`Prf`] tp/fp/fn and more) and details of what was
//!   missed or false.
//! - [`Report`]: collects the scores of many articles; [`Report::render_table`],
//!   [`Report::summary_line`] and [`Report::to_json`] show them, pooled over articles with
//!   [`Report::total`] (counts summed, then divided).
//!
//! Every text comparison goes through [`fold`]: runs of white space become one space, the ends
//! are trimmed, curly quotes become straight. Only records in content zones
//! ([`dateline_model::ZoneKind::is_content`]) are scored; records lying only in the header,
//! related links, photo credits or the SOURCE line are neither found nor false. A layer that was
//! not produced (`None` in the [`Analysis`]) scores 0 and shows as "not run". A section with
//! nothing expected and nothing output scores 1.00.
//!
//! # Example
//! ```
//! use dateline_eval::{gold::Gold, score_document, Report};
//! use dateline_model::{Analysis, Article, Entity, EntityType, Mention, Span, Zone, ZoneKind};
//!
//! let text = "Norway signs pact\n\nNorway signed the pact on Monday.".to_string();
//! let mut article = Article::new(text, None);
//! article.zones.push(Zone::new(ZoneKind::Headline, Span::new(0, 17)));
//! article.zones.push(Zone::new(ZoneKind::Paragraph, Span::new(19, 52)));
//!
//! let gold = Gold::from_json(r#"{
//!     "article": {"headline": "Norway signs pact", "body_paragraphs": 1},
//!     "entities": [{"name": "Norway", "type": "GPE", "actor": "NOR", "mentions": {"Norway": 2}}]
//! }"#).unwrap();
//!
//! let mention = |start| Mention { span: Span::new(start, start + 6), text: "Norway".into(), sentence: None };
//! let mut analysis = Analysis::empty(article.id.clone());
//! analysis.entities = Some(vec![Entity {
//!     id: "e0".into(), name: "Norway".into(), kind: EntityType::Gpe, actor: Some("NOR".into()),
//!     wikidata: None, mentions: vec![mention(0), mention(19)],
//! }]);
//!
//! let score = score_document(&gold, &article, &analysis);
//! assert_eq!(score.article.passed, 2);
//! assert_eq!(score.entities.f1(), 1.0);
//! assert_eq!(score.entities.mention_recall(), 1.0);
//! assert!(!score.times.run); // no timex layer: "not run", scores 0
//!
//! let mut report = Report::new();
//! report.add("norway.txt", score);
//! assert_eq!(
//!     report.summary_line(),
//!     "eval: 1 articles, article 1.00, entities F1 1.00, times F1 0.00, quotes F1 0.00, \
//!      attribution 0.00, events F1 0.00, critical 0"
//! );
//! ```
#![deny(missing_docs)]

use std::path::{Path, PathBuf};

use dateline_model::{Analysis, Article};

pub mod duckling;
pub mod gold;
pub mod html;
pub mod ner;
mod report;
mod score;
mod sections;
pub mod suites;
mod text;

pub use report::Report;
pub use score::{
    ActorError, ArticleScore, CheckFailure, CriticalError, CriticalScore, DocScore, EntityScore,
    EventMiss, EventScore, FalseItem, KindCounts, MentionMiss, Misattribution, Prf, QuoteMiss,
    QuoteScore, TimeMiss, TimeScore,
};
pub use text::{fold, fold_lower, same, same_ci, strip_quote};

/// Suffix of gold file names.
pub const GOLD_SUFFIX: &str = ".gold.json";

/// Problems reading gold files. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The folder or a file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The folder or file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A gold file is not valid JSON or has a field of the wrong type.
    #[error("{}:{line}:{column}: invalid gold file: {message}", path.display())]
    Json {
        /// The gold file.
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// serde's message.
        message: String,
    },
    /// A gold file declares a format other than `dateline-gold/1`.
    #[error("{}: unsupported gold format {found:?} (expected {})", path.display(), gold::GOLD_FORMAT)]
    Format {
        /// The gold file.
        path: PathBuf,
        /// The format it declares.
        found: String,
    },
}

/// One gold file, read.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldDoc {
    /// The gold file.
    pub gold_path: PathBuf,
    /// The document it reads: the gold's `document`, resolved relative to the gold file's
    /// folder (when `document` is missing: the gold file's name with `.txt` for `.gold.json`).
    pub document_path: PathBuf,
    /// The gold.
    pub gold: gold::Gold,
}

/// Every `*.gold.json` file in `dir` (not recursive), sorted by file name.
pub fn load_gold_dir(dir: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let io = |source| EvalError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let is_gold = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(GOLD_SUFFIX));
        if is_gold && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    paths.iter().map(|p| load_gold_file(p)).collect()
}

/// Reads one gold file.
pub fn load_gold_file(path: &Path) -> Result<GoldDoc, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let gold = gold::Gold::from_json(&text).map_err(|e| {
        let message = e.to_string();
        let at = format!(" at line {} column {}", e.line(), e.column());
        EvalError::Json {
            path: path.to_path_buf(),
            line: e.line(),
            column: e.column(),
            message: message.strip_suffix(&at).unwrap_or(&message).to_string(),
        }
    })?;
    if let Some(found) = &gold.format {
        if found.trim() != gold::GOLD_FORMAT {
            return Err(EvalError::Format {
                path: path.to_path_buf(),
                found: found.clone(),
            });
        }
    }
    let folder = path.parent().unwrap_or(Path::new(""));
    let document = match gold
        .document
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => d.to_string(),
        None => {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            format!("{}.txt", name.strip_suffix(GOLD_SUFFIX).unwrap_or(name))
        }
    };
    Ok(GoldDoc {
        gold_path: path.to_path_buf(),
        document_path: folder.join(document),
        gold,
    })
}

/// Scores one article's output against its gold.
pub fn score_document(gold: &gold::Gold, article: &Article, analysis: &Analysis) -> DocScore {
    let doc = text::Doc::new(article);
    let (events, critical) = sections::events::score(gold, &doc, analysis.events.as_deref());
    DocScore {
        error: None,
        article: sections::article::score(&gold.article, article),
        entities: sections::entities::score(gold, &doc, analysis.entities.as_deref()),
        times: sections::times::score(gold, &doc, analysis.timexes.as_deref()),
        quotes: sections::quotes::score(gold, &doc, analysis.quotes.as_deref()),
        events,
        critical,
    }
}

impl DocScore {
    /// The score of a document that could not be read or analysed: every article check failed,
    /// every gold entity, timex, quote and required event missed, no critical error.
    pub fn missed(gold: &gold::Gold, error: String) -> DocScore {
        let article = Article::new(String::new(), None);
        let mut analysis = Analysis::empty(article.id.clone());
        analysis.entities = Some(Vec::new());
        analysis.timexes = Some(Vec::new());
        analysis.quotes = Some(Vec::new());
        analysis.events = Some(Vec::new());
        let mut s = score_document(gold, &article, &analysis);
        s.article.passed = 0;
        s.article.failed.clear();
        s.times.missed.clear();
        s.times.unlocated = 0;
        s.quotes.unlocated = 0;
        s.error = Some(error);
        s
    }
}
