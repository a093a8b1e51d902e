//! Raw command-line options: what the user typed, validated, with no IO. `commands` turns them
//! into a resolved setup (store opened, pipeline built).
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const AFTER_HELP: &str = "\
Exit codes:
  0  everything asked for was done
  1  the command ran, but some items failed (each is listed with its file and line or byte),
     or the article/record asked for was not found
  2  the command could not run: bad arguments, an unusable data dir, unreadable gold files

Environment:
  DATELINE_DATA  the data dir, when --data is not given

Examples:
  dateline ingest examples/                 read every article under examples/ into the store
  dateline articles --from 2025-02-01 --section world
  dateline show 3f2a                         one article by id or unique id prefix
  dateline entities 3f2a                     its entities, linked to CAMEO actors and Wikidata
  dateline actors peskov                     search the actor knowledge base
  dateline eval ../shared/gold               score the pipeline against gold readings";

/// Read world news into a structured, provenance-linked record of who said and did what to
/// whom, when and where.
///
/// dateline reads articles (plain-text news records, JSON Lines, directories of them, .gz and
/// .zst files), finds their structure, and keeps them in an embedded store (SQLite, no server)
/// in its data dir. Every record it extracts points back to the characters it came from.
#[derive(Debug, Parser)]
#[command(name = "dateline", version, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    /// The data dir holding the store. Default: $XDG_DATA_HOME/dateline, else ~/.local/share/dateline.
    #[arg(long, global = true, env = "DATELINE_DATA", value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// A folder of knowledge-base files (`*.tsv`, format dateline-kb/1) that extend or override
    /// the built-in actors, places and people. See data/kb/README.md for the format.
    #[arg(long, global = true, env = "DATELINE_KB", value_name = "DIR")]
    pub kb: Option<PathBuf>,

    /// Print machine-readable JSON instead of tables (JSON Lines for lists).
    #[arg(long, global = true)]
    pub json: bool,

    /// No progress bars or notes on stderr; errors are still printed.
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles into the store.
    ///
    /// Each PATH is a file or a directory (read recursively). The format is sniffed from the
    /// content: plain-text news records (one or many per file, each opening with a
    /// ` date YYYY-MM-DD SECTION` line), JSON Lines (one article per line; `text` alone is
    /// enough), or either of them compressed with gzip or zstd. Articles already in the store
    /// are reported as duplicates and left alone. A bad item is reported with its file and line
    /// or byte, and the others are still read. Articles are committed in batches: an interrupted
    /// ingest leaves the store consistent, and running it again finishes the job.
    Ingest(IngestArgs),
    /// List stored articles, newest first or filtered.
    Articles(ArticlesArgs),
    /// Show one stored article: its structure and everything read from it.
    Show(ShowArgs),
    /// List the entities of a stored article: who and what it names, resolved and linked.
    ///
    /// Each entity is one cluster of mentions (names, surnames, title phrases such as "the
    /// Kremlin spokesman", pronouns) with a canonical name, a type (PERSON, ORG, GPE, LOC, NORP),
    /// the CAMEO actor code in force on the article's date, and a Wikidata id where known.
    Entities(EntitiesArgs),
    /// List stored quotations, direct and reported, with their speakers.
    ///
    /// --speaker matches the speaker's canonical name or words, case-insensitively and by
    /// part: "Peskov" finds quotes of "Dmitry Peskov", including those introduced by "he" or
    /// "the Kremlin spokesman" once resolved to him.
    Quotes(QuotesArgs),
    /// Search the actor knowledge base: countries, places, organisations, people and agents.
    Actors(ActorsArgs),
    /// Work with knowledge-base files.
    Kb(KbArgs),
    /// Score the pipeline against gold readings (`*.gold.json`, format dateline-gold/1).
    ///
    /// Each gold file names its document; the document is read exactly as `ingest` reads it,
    /// analysed by the same pipeline, and scored section by section: article structure,
    /// entities, times, quotes, events, and events that must not be asserted. Sections whose
    /// stage does not exist yet score zero and say "not run". The last line is the summary.
    Eval(EvalArgs),
    /// Score named entities and coreference on a GUM-style entity file (JSON Lines of
    /// `{text, mentions: [{eid, etype, start, end}]}`), e.g. ../shared/eval/ner/gum_news_entities.jsonl.
    ///
    /// Without --predictions, dateline's own pipeline reads each text (one paragraph per line).
    /// With --predictions FILE (JSON Lines, one `{"mentions": [{start, end, label, cluster}]}`
    /// per document, in order), another system's output is scored by the same rule, so the two
    /// can be compared on equal terms.
    EvalNer(EvalNerArgs),
    /// Score the time tagger on Duckling's English time corpus (../shared/eval/time/en_time_corpus.json).
    ///
    /// Reports accuracy over all examples, over the date-level non-holiday subset, for
    /// time-of-day and holiday entries, and how many negative examples wrongly give a time
    /// expression. Where news conventions deliberately differ from Duckling's (a bare weekday
    /// is read from the tense, mostly as past-or-today), see crates/time/DISAGREEMENTS.md.
    EvalTime(EvalTimeArgs),
    /// Measure throughput and peak memory (benchmarks live here, not in tests).
    Bench(BenchArgs),
}

/// `dateline ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or directories to read.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Articles per store transaction.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..))]
    pub batch: u32,
}

/// `dateline articles`.
#[derive(Debug, Args)]
pub struct ArticlesArgs {
    /// Only articles published on or after this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<String>,
    /// Only articles published on or before this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub to: Option<String>,
    /// Only this section (case-insensitive).
    #[arg(long)]
    pub section: Option<String>,
    /// Only this agency (case-insensitive), e.g. Reuters.
    #[arg(long)]
    pub agency: Option<String>,
    /// Only articles whose text contains this (case-insensitive).
    #[arg(long, value_name = "TEXT")]
    pub contains: Option<String>,
    /// At most this many articles.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Skip this many first.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
}

/// `dateline show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Article id, or a unique prefix of it (at least 4 characters).
    pub id: String,
    /// Also print the full canonical text.
    #[arg(long)]
    pub text: bool,
}

/// `dateline entities`.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Article id, or a unique prefix of it.
    pub id: String,
}

/// `dateline quotes`.
#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// Only quotes of this speaker.
    #[arg(long)]
    pub speaker: Option<String>,
    /// Only quotes of this article (id or unique prefix).
    #[arg(long)]
    pub article: Option<String>,
    /// Only articles published on or after this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<String>,
    /// Only articles published on or before this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub to: Option<String>,
    /// At most this many quotes.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Skip this many first.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
}

/// `dateline actors`.
#[derive(Debug, Args)]
pub struct ActorsArgs {
    /// Words to look for in names and aliases (case and accents ignored).
    pub query: String,
    /// At most this many hits.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

/// `dateline kb`.
#[derive(Debug, Args)]
pub struct KbArgs {
    /// What to do.
    #[command(subcommand)]
    pub what: KbWhat,
}

/// Knowledge-base commands.
#[derive(Debug, Subcommand)]
pub enum KbWhat {
    /// Check a folder of knowledge-base files and list every problem with its file and line.
    Validate {
        /// The folder.
        dir: PathBuf,
    },
    /// Counts of the knowledge base in use (built in, plus --kb DIR), and its sources.
    Stats,
}

/// `dateline eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Folder of `*.gold.json` files and the documents they name.
    pub dir: PathBuf,
}

/// `dateline eval-time`.
#[derive(Debug, Args)]
pub struct EvalTimeArgs {
    /// The corpus file.
    pub file: PathBuf,
    /// Also list every miss and every tagged negative example.
    #[arg(long)]
    pub misses: bool,
}

/// `dateline eval-ner`.
#[derive(Debug, Args)]
pub struct EvalNerArgs {
    /// The gold entity file.
    pub file: PathBuf,
    /// Score this system output instead of dateline's own.
    #[arg(long, value_name = "FILE")]
    pub predictions: Option<PathBuf>,
    /// Also write the predictions scored, in the --predictions format, to FILE.
    #[arg(long, value_name = "FILE")]
    pub save_predictions: Option<PathBuf>,
}

/// `dateline bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// What to measure.
    #[command(subcommand)]
    pub what: BenchWhat,
}

/// Benchmarks.
#[derive(Debug, Subcommand)]
pub enum BenchWhat {
    /// Read, analyse and store PATHs into a fresh store: MB/s, articles/s and peak memory.
    ///
    /// The store is created in a temporary folder (or in --data when given, which must be
    /// empty). The input is read once before timing so that disk cache does not skew the run.
    Ingest {
        /// Files or directories to read.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Only read and parse; do not analyse or store.
        #[arg(long)]
        parse_only: bool,
        /// Articles per store transaction.
        #[arg(long, default_value_t = 500)]
        batch: u32,
    },
    /// Time each analysis stage on PATHs held in memory: words/s after each stage, one core.
    ///
    /// Stage k's cost is the time of stages 1..=k minus that of stages 1..k. Words are
    /// whitespace-separated words of the articles' content zones.
    Stages {
        /// Files or directories to read.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Read at most this many articles.
        #[arg(long)]
        limit: Option<usize>,
        /// Repeat each timing this many times and keep the fastest.
        #[arg(long, default_value_t = 3)]
        repeat: u32,
    },
}

fn parse_date(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if ok {
        Ok(s.to_string())
    } else {
        Err(format!("`{s}` is not a date of the form YYYY-MM-DD"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn dates_are_checked() {
        assert!(parse_date("2025-02-26").is_ok());
        assert!(parse_date("26/02/2025").is_err());
        assert!(parse_date("2025-2-26").is_err());
    }

    #[test]
    fn global_flags_go_anywhere() {
        let cli =
            Cli::try_parse_from(["dateline", "articles", "--json", "--data", "/tmp/x"]).unwrap();
        assert!(cli.json);
        assert_eq!(cli.data, Some(PathBuf::from("/tmp/x")));
        assert!(
            Cli::try_parse_from(["dateline", "ingest"]).is_err(),
            "ingest needs a path"
        );
    }
}
