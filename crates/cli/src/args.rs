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
  DATELINE_TOKEN the bearer token of `dateline serve` (turns on POST /api/ingest)

Examples:
  dateline ingest examples/                 read every article under examples/ into the store
  dateline articles --from 2025-02-01 --section world
  dateline show 3f2a                         one article by id or unique id prefix
  dateline entities 3f2a                     its entities, linked to CAMEO actors and Wikidata
  dateline events --actor RUS --modality asserted
  dateline export --format gdelt --output events.tsv
  dateline actors peskov                     search the actor knowledge base
  dateline search '\"grain corridor\"' --kind article --from 2025-02
  dateline timeline RUS UKR --by week        Russia–Ukraine events per ISO week
  dateline eval ../shared/gold               score the pipeline against gold readings
  dateline serve --demo                      the web UI and JSON API on the bundled examples";

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
    /// Show what the readers see in one file (an HTML page, a feed, a WARC archive, any input
    /// `ingest` reads), without storing or analysing anything.
    ///
    /// Prints each article's metadata, captions and body. With --json, one JSON object per
    /// article: its fields, the captions, the crossheads and the body as `text` (paragraphs and
    /// crossheads joined by blank lines). The format is sniffed from the content, so a gzipped
    /// page (`.html.gz`) works too. A page without an article is reported with code I009.
    Extract(ExtractArgs),
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
    /// List stored events: who did what to whom, when, and whether it happened.
    ///
    /// Each event has a CAMEO code (with its PLOVER category), a source and a target actor
    /// (CAMEO actor codes), a modality, the event's own date when the text gives one, and the
    /// sentence it was read from.
    ///
    /// Modality: only `asserted` events are told as facts (it happened or is happening).
    /// The others are kept and labelled, never silently dropped: `planned` (scheduled,
    /// intended, expected), `hypothetical` (could, if, would), `negated` (explicitly did not or
    /// will not happen), `reported` (a claim attributed to a source, not confirmed) and
    /// `uncertain` (the text itself is unsure). `--modality asserted` keeps the facts only.
    ///
    /// Dates: --from/--to apply to the event's own date when it names a day, month, ISO week
    /// or year, else to the article's publication date; an event passes when its period
    /// overlaps the range. The list is ordered by that date, then article, then position.
    Events(EventsArgs),
    /// Export stored events for other tools: GDELT 2.0 event table (TSV) or JSON Lines
    ///
    /// Takes the same filters as `dateline events`; without filters every event is exported.
    /// The output is deterministic: the same store gives the same bytes.
    ///
    /// --format jsonl: one JSON object per event, schema `dateline-event/1`: article_id,
    /// published, index, cameo, cameo_name, cameo_version, plover, plover_mode, plover_context,
    /// source and target ({code, name}), modality, date, goldstein, quad_class, mentions,
    /// is_root, source_url, and provenance {sentence, trigger {start, end}, trigger_text,
    /// evidence (the sentence's text)}.
    ///
    /// --format gdelt: tab-separated, one line per event, no header unless --header. The 61
    /// columns of the GDELT 2.0 event table, in GDELT's order:
    ///   1 GlobalEventID  2 Day  3 MonthYear  4 Year  5 FractionDate
    ///   6-15 Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode
    ///        Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code
    ///        Actor1Type3Code
    ///   16-25 the same ten for Actor2
    ///   26 IsRootEvent  27 EventCode  28 EventBaseCode  29 EventRootCode  30 QuadClass
    ///   31 GoldsteinScale  32 NumMentions  33 NumSources  34 NumArticles  35 AvgTone
    ///   36-43 Actor1Geo_Type _FullName _CountryCode _ADM1Code _ADM2Code _Lat _Long _FeatureID
    ///   44-51 Actor2Geo_* (the same eight)  52-59 ActionGeo_* (the same eight)
    ///   60 DATEADDED  61 SOURCEURL
    /// then dateline's own columns: 62 modality  63 event_date (TIMEX3)  64 article_id
    /// 65 sentence  66 trigger_start  67 trigger_end  68 plover.
    ///
    /// How they are filled: GlobalEventID is a number derived from the article id and the
    /// event's position (stable across runs); Day is the event's date when it names a day,
    /// else the article's publication date; FractionDate is YYYY + ((month - 1) * 30 + day) /
    /// 365; an actor code is split into the country (its first three letters, when the
    /// knowledge base knows them as a country or region code) and Type1 (the next three
    /// letters; the first three when there is no country); EventBaseCode and EventRootCode
    /// are the first three and two digits of the code; IsRootEvent is 1 when the event is
    /// told in the headline, standfirst or first paragraph; NumMentions counts its tellings
    /// in the article; NumSources and NumArticles are 1; DATEADDED is the publication date
    /// with time 000000; SOURCEURL is the article's URL, else the file it was read from.
    /// Columns dateline does not produce (known group, ethnic and religion codes, Type2/3,
    /// AvgTone, every Geo column) are empty. Only asserted events are facts: filter with
    /// --modality asserted for a GDELT-like table, or read column 62.
    #[command(verbatim_doc_comment)]
    Export(ExportArgs),
    /// Search articles, quotes and events: ranked full-text search with filters.
    ///
    /// QUERY: words (all must match, in any form: `talks` finds "talk"), "quoted phrases"
    /// (the words in order), prefix* (`negotiat*`), `a OR b`, and -word to leave out what
    /// contains it (quote the whole query then: 'talks -moscow'). Anything else is read
    /// literally, never as an error. Function words (the, of, to, …) are ignored unless quoted
    /// or alone. Plain words side by side in the text rank higher. Leave QUERY out to list by
    /// filters only, newest first.
    ///
    /// Hits of every kind are ranked together (BM25; a headline weighs more than the text;
    /// for a very common word, the 2,000 most recently stored matches of each kind are ranked
    /// and the rest follow, newest first); each comes with its article's date, its article
    /// id, a snippet with the matched words highlighted
    /// (bold on a terminal, [brackets] otherwise) and, for quotes and events, its position in
    /// the article (`id#2`). --speaker keeps quotes only; --cameo, --plover and --modality
    /// keep events only; --actor and --country match events by either side and articles and
    /// quotes by their article's events and entities. --from/--to take YYYY-MM-DD or a
    /// prefix (2025-02, 2025) and apply to the publication date (events: their own date when
    /// the text gives one, as in `dateline events`).
    ///
    /// --json prints one object: {"total": N, "hits": [...]}, each hit with kind, article_id,
    /// index, date, headline, snippet, highlights ([start, end) char ranges in the snippet),
    /// score, and cameo, plover, modality, source_code/name, target_code/name and event_date
    /// (events) or speaker (quotes).
    #[command(after_help = SEARCH_EXAMPLES)]
    Search(SearchArgs),
    /// Count an actor's events per day, ISO week or month, with their mean Goldstein score.
    ///
    /// Counts the events with one side whose actor code starts with ACTOR (RUS counts RUS,
    /// RUSGOV, RUSMIL…) and, when OTHER is given, the other side starting with OTHER, in
    /// either direction. Only asserted events (told as fact) unless --all-modalities. Each
    /// event is dated by its own date when the text gives a day, a week or a month (a week or
    /// month holding the publication date counts on that day, else on its first day), and by
    /// the article's publication date otherwise. Periods without events are not listed. With
    /// --json, one {"period", "events", "goldstein_mean"} object per line.
    #[command(after_help = TIMELINE_EXAMPLES)]
    Timeline(TimelineArgs),
    /// List an actor's counterparts: the actors on the other side of its events, most first.
    ///
    /// For each counterpart code: events in all, how many it was the source of (it acted on
    /// ACTOR) and the target of (ACTOR acted on it), and the mean Goldstein score (negative:
    /// conflict, positive: cooperation). Events between two codes that both start with ACTOR
    /// are not counted (RUSGOV and RUSMIL are both RUS). Only asserted events unless
    /// --all-modalities; dates as in `dateline timeline`. --json: one object per line.
    #[command(after_help = NETWORK_EXAMPLES)]
    Network(NetworkArgs),
    /// Count a speaker's quotes per day, ISO week or month.
    ///
    /// SPEAKER matches the canonical name or words of the speaker, case-insensitively and by
    /// part, as `dateline quotes --speaker` does; quotes are dated by their article's
    /// publication date. --json: one {"period", "events", "goldstein_mean": null} object per
    /// line (`events` counts quotes).
    #[command(after_help = SPEAKER_TIMELINE_EXAMPLES)]
    SpeakerTimeline(SpeakerTimelineArgs),
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
    /// Score the event coder on a sentence-level suite: PLOVER gold-standard records
    /// (../shared/eval/events/plover_gsr_dev.json: category, dyad and full-match accuracy) or
    /// PETRARCH2 validation records (PETR2_GSR_validation.dev.xml: recall and extra events per
    /// record). Each sentence is read as a one-paragraph article dated as the record says.
    EvalEvents(EvalEventsArgs),
    /// Measure throughput and peak memory (benchmarks live here, not in tests).
    Bench(BenchArgs),
    /// Serve the store over HTTP: a JSON API under /api/ and a web UI at /.
    ///
    /// Listens on 127.0.0.1:8080 unless --addr says otherwise. Read-only unless a token is
    /// given (--token or DATELINE_TOKEN): then `POST /api/ingest` takes one file's bytes, with
    /// `Authorization: Bearer TOKEN`, through the same pipeline as `dateline ingest`. Every
    /// endpoint is described at /api/openapi.json. --demo serves a temporary store of the
    /// bundled example articles (removed on exit). Ctrl-C stops the server.
    Serve(ServeArgs),
}

/// `dateline serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on (port 0 picks a free port). Anything but a loopback address
    /// makes the store readable by whoever can reach it.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub addr: std::net::SocketAddr,
    /// Turn on writes (POST /api/ingest), which then need `Authorization: Bearer TOKEN`.
    #[arg(
        long,
        env = "DATELINE_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,
    /// Let pages from this origin call the API from a browser (CORS), e.g.
    /// http://localhost:3000, or `*` for any origin. Off by default.
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Option<String>,
    /// Serve a temporary store of the bundled example articles instead of the data dir.
    #[arg(long)]
    pub demo: bool,
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

/// `dateline extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The file to read.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
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

/// The modalities an event can have (`--modality`).
pub const MODALITIES: [&str; 6] = [
    "asserted",
    "planned",
    "hypothetical",
    "negated",
    "reported",
    "uncertain",
];

/// Which events `events` and `export` take.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Event filters")]
pub struct EventFilterArgs {
    /// Only events whose source or target actor code starts with this (case ignored): RUS
    /// matches RUS and RUSGOV.
    #[arg(long, value_name = "CODE")]
    pub actor: Option<String>,
    /// Only events whose source actor code starts with this.
    #[arg(long, value_name = "CODE")]
    pub source: Option<String>,
    /// Only events whose target actor code starts with this.
    #[arg(long, value_name = "CODE")]
    pub target: Option<String>,
    /// Only events whose CAMEO code starts with this: 04 is every consult code, 036 is 036
    /// and its four-digit children.
    #[arg(long, value_name = "CODE", value_parser = parse_cameo)]
    pub cameo: Option<String>,
    /// Only this PLOVER category (case-insensitive), e.g. CONSULT, ASSAULT.
    #[arg(long, value_name = "CATEGORY")]
    pub plover: Option<String>,
    /// Only events of this modality; `asserted` keeps only what the text tells as fact.
    #[arg(long, value_parser = MODALITIES)]
    pub modality: Option<String>,
    /// Only events on or after this date (YYYY-MM-DD): the event's own date, else the
    /// article's publication date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<String>,
    /// Only events on or before this date (YYYY-MM-DD), the same way.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<String>,
    /// Only events of this article (id or unique prefix).
    #[arg(long, value_name = "ID")]
    pub article: Option<String>,
}

/// `dateline events`.
#[derive(Debug, Args)]
pub struct EventsArgs {
    /// At most this many events.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Skip this many first.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Which events (flattened last: its help heading covers what follows).
    #[command(flatten)]
    pub filter: EventFilterArgs,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// GDELT 2.0 event table, tab-separated, plus dateline's columns.
    Gdelt,
    /// JSON Lines, one `dateline-event/1` record per event.
    Jsonl,
}

/// `dateline export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// gdelt: start with a header line naming the columns.
    #[arg(long)]
    pub header: bool,
    /// At most this many events (default: all).
    #[arg(long)]
    pub limit: Option<usize>,
    /// Skip this many first.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Which events (flattened last: its help heading covers what follows).
    #[command(flatten)]
    pub filter: EventFilterArgs,
}

const SEARCH_EXAMPLES: &str = "\
Examples:
  dateline search ceasefire                          every kind of hit, best first
  dateline search '\"grain corridor\" Odesa' --kind article
  dateline search 'negotiat* -moscow' --from 2025-02 --to 2025-03
  dateline search talks --actor RUS --modality asserted     coded events only
  dateline search --speaker Peskov --limit 50        a speaker's quotes, newest first
  dateline search sanctions --json --limit 100 --offset 100 page three of a long list";

const TIMELINE_EXAMPLES: &str = "\
Examples:
  dateline timeline RUS                     every asserted event involving Russia, per day
  dateline timeline RUS UKR --by week       Russia–Ukraine events per ISO week (2025-W09)
  dateline timeline USA --cameo 04 --by month --from 2025-01
  dateline timeline TUR --all-modalities --json";

const NETWORK_EXAMPLES: &str = "\
Examples:
  dateline network RUS                      Russia's counterparts, most events first
  dateline network RUSGOV --from 2025-02 --to 2025-02 --limit 5
  dateline network UKR --all-modalities --json";

const SPEAKER_TIMELINE_EXAMPLES: &str = "\
Examples:
  dateline speaker-timeline Peskov --by week
  dateline speaker-timeline 'Kremlin spokesman' --by month --from 2025 --json";

/// The buckets of `timeline` and `speaker-timeline`.
pub const BUCKETS: [&str; 3] = ["day", "week", "month"];

/// `dateline search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for (several words are joined: `dateline search grain corridor`).
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    /// Only hits of this kind; repeat or separate with commas for several.
    #[arg(long = "kind", value_name = "KIND", value_delimiter = ',',
          value_parser = ["article", "quote", "event"])]
    pub kinds: Vec<String>,
    /// Actor code or its start, on either side of an event (RUS, RUSGOV).
    #[arg(long, value_name = "CODE")]
    pub actor: Option<String>,
    /// Three-letter country code: actor codes starting with it.
    #[arg(long, value_name = "CODE")]
    pub country: Option<String>,
    /// Quotes of this speaker only (canonical name or words, by part).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Events whose CAMEO code starts with this only (04, 036).
    #[arg(long, value_name = "CODE", value_parser = parse_cameo)]
    pub cameo: Option<String>,
    /// Events of this PLOVER category only (case-insensitive).
    #[arg(long, value_name = "CATEGORY")]
    pub plover: Option<String>,
    /// Events of this modality only.
    #[arg(long, value_parser = MODALITIES)]
    pub modality: Option<String>,
    /// On or after this date (YYYY-MM-DD, or YYYY-MM, YYYY).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// On or before this date, inclusive (YYYY-MM-DD, or a whole YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Articles of this section only (case-insensitive).
    #[arg(long)]
    pub section: Option<String>,
    /// Articles of this agency only (case-insensitive).
    #[arg(long)]
    pub agency: Option<String>,
    /// Hits per page (at most 200).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=200))]
    pub limit: u32,
    /// Skip this many hits first (the next page: --offset 20).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
}

/// `dateline timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Actor code or its start (RUS counts RUS, RUSGOV, RUSMIL, …).
    #[arg(value_name = "ACTOR")]
    pub actor: String,
    /// Only events between ACTOR and this actor (code or its start), either direction.
    #[arg(value_name = "OTHER")]
    pub other: Option<String>,
    /// The period to count in: day, week (ISO, 2025-W09) or month.
    #[arg(long, default_value = "day", value_parser = BUCKETS)]
    pub by: String,
    /// From this date (YYYY-MM-DD, or YYYY-MM, YYYY).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// To this date, inclusive.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only events whose CAMEO code starts with this (04, 036).
    #[arg(long, value_name = "CODE", value_parser = parse_cameo)]
    pub cameo: Option<String>,
    /// Count every modality, not only asserted events.
    #[arg(long)]
    pub all_modalities: bool,
}

/// `dateline network`.
#[derive(Debug, Args)]
pub struct NetworkArgs {
    /// Actor code or its start.
    #[arg(value_name = "ACTOR")]
    pub actor: String,
    /// At most this many counterparts (0: all).
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// From this date (YYYY-MM-DD, or YYYY-MM, YYYY).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// To this date, inclusive.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Count every modality, not only asserted events.
    #[arg(long)]
    pub all_modalities: bool,
}

/// `dateline speaker-timeline`.
#[derive(Debug, Args)]
pub struct SpeakerTimelineArgs {
    /// The speaker: a name or part of one.
    #[arg(value_name = "SPEAKER")]
    pub speaker: String,
    /// The period to count in: day, week (ISO) or month.
    #[arg(long, default_value = "day", value_parser = BUCKETS)]
    pub by: String,
    /// From this date (YYYY-MM-DD, or YYYY-MM, YYYY).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// To this date, inclusive.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
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

/// `dateline eval-events`.
#[derive(Debug, Args)]
pub struct EvalEventsArgs {
    /// The suite file.
    pub file: PathBuf,
    /// Which suite it is.
    #[arg(long, value_enum)]
    pub suite: crate::eval_events::Suite,
    /// Also list every record the coder got wrong.
    #[arg(long)]
    pub misses: bool,
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
        #[arg(long, conflicts_with = "no_analysis")]
        parse_only: bool,
        /// Read, parse and store, without the analysis stages (the reader and store alone).
        #[arg(long)]
        no_analysis: bool,
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
    /// Score and time the HTML reader's main-content extraction on the extraction benchmark
    /// (DIR = ../shared/eval/html: ground-truth.json and html/<id>.html.gz).
    ///
    /// Uses the benchmark's own metric (4-token shingles over `\w+` tokens, per-page precision
    /// and recall, their means, F1 of the means, exact-match accuracy). The pages are
    /// decompressed before timing; pages/s counts decoding, parsing and extraction on one core.
    Html {
        /// The benchmark folder.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Repeat the timing this many times and keep the fastest.
        #[arg(long, default_value_t = 3)]
        repeat: u32,
        /// Also list each page's precision and recall, worst first.
        #[arg(long)]
        pages: bool,
    },
    /// Time `search`, `timeline`, `network` and `speaker-timeline` queries: p50/p99 latency
    /// per kind of query, on one core.
    ///
    /// With PATHs, first builds a store of --copies passes over them, each pass under its own
    /// source key (so every pass stores new articles: 5 passes over the 22k-article corpus make
    /// a 110k-article store), in --data (which must not hold a store yet) or a temporary
    /// folder. Without PATHs, queries the existing store in the data dir.
    Search {
        /// Files or directories to build the store from.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Passes over PATHs when building.
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
        copies: u32,
        /// Timed runs of each query (after one untimed warm-up run).
        #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..))]
        runs: u32,
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

fn parse_cameo(s: &str) -> Result<String, String> {
    if (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(s.to_string())
    } else {
        Err(format!(
            "`{s}` is not a CAMEO event code or prefix (1 to 4 digits, e.g. 04 or 036)"
        ))
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
    fn event_filters_are_checked() {
        assert!(parse_cameo("04").is_ok());
        assert!(parse_cameo("0431").is_ok());
        assert!(parse_cameo("04a").is_err());
        assert!(parse_cameo("").is_err());
        assert!(Cli::try_parse_from(["dateline", "events", "--modality", "planned"]).is_ok());
        assert!(Cli::try_parse_from(["dateline", "events", "--modality", "maybe"]).is_err());
        assert!(
            Cli::try_parse_from(["dateline", "export"]).is_err(),
            "needs --format"
        );
        let cli =
            Cli::try_parse_from(["dateline", "export", "--format", "gdelt", "--actor", "RUS"])
                .unwrap();
        match cli.command {
            Command::Export(e) => {
                assert_eq!(e.format, ExportFormat::Gdelt);
                assert_eq!(e.filter.actor.as_deref(), Some("RUS"));
                assert_eq!(e.limit, None);
            }
            other => panic!("{other:?}"),
        }
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
