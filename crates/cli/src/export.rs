//! `dateline export`: stored events for other tools, as a GDELT 2.0 event table or as JSON Lines.
//!
//! Both formats take the events [`dateline_store::Store::events`] returns for the filters given
//! (the same filters as `dateline events`), in its order: effective date, then article, then
//! position. For provenance each event's article and analysis are read from the store (once per
//! article while its events are being written). Output is deterministic: the same store and the
//! same arguments give the same bytes.
//!
//! # JSON Lines (`--format jsonl`)
//!
//! One object per line, schema [`EVENT_SCHEMA`] (`dateline-event/1`), keys in this order:
//! `schema`, `article_id`, `published`, `index` (position in the article's event list),
//! `cameo`, `cameo_name`, `cameo_version` (the CAMEO table's version), `plover`, `plover_mode`,
//! `plover_context`, `source` and `target` (`{code, name}` or null), `modality`, `date` (the
//! event's own TIMEX3 value), `speech_date` (the date of the speech it is told in), `goldstein`, `quad_class`, `mentions` (how often the article
//! tells it), `is_root` (told in the headline, standfirst or first paragraph), `source_url`
//! (the article's URL, else the file it was read from), and `provenance`: `sentence` (index),
//! `trigger` (`{start, end}` in chars of the canonical text), `trigger_text`, `quote` (the quote
//! the event is told in, as an index into the article's quotes) and `evidence`
//! (the text of the sentence the event was read from). Missing values are null.
//!
//! # GDELT (`--format gdelt`)
//!
//! Tab-separated, one line per event, no header unless `--header`. First the 61 columns of the
//! GDELT 2.0 event table, in GDELT's order ([`GDELT_COLUMNS`]):
//!
//! | # | column | filled with |
//! |---|---|---|
//! | 1 | GlobalEventID | a 53-bit number from an FNV-1a hash of the article id and the event's position: stable across runs and stores |
//! | 2 | Day | YYYYMMDD: the event's own date when it names a day, else the article's publication date |
//! | 3 | MonthYear | YYYYMM of Day |
//! | 4 | Year | YYYY of Day |
//! | 5 | FractionDate | YYYY + ((month − 1) × 30 + day) / 365, four decimals |
//! | 6 | Actor1Code | the source's CAMEO actor code (`TURGOV`) |
//! | 7 | Actor1Name | its canonical name |
//! | 8 | Actor1CountryCode | the code's first three letters when the knowledge base knows them as a country or region code |
//! | 9–12 | Actor1KnownGroupCode, Actor1EthnicCode, Actor1Religion1Code, Actor1Religion2Code | empty |
//! | 13 | Actor1Type1Code | the three letters after the country code; the first three when there is no country (`IGO` of `IGOUNO`) |
//! | 14–15 | Actor1Type2Code, Actor1Type3Code | empty |
//! | 16–25 | Actor2… | the same ten for the target |
//! | 26 | IsRootEvent | 1 when told in the headline, standfirst or first paragraph, else 0 |
//! | 27 | EventCode | the CAMEO code |
//! | 28 | EventBaseCode | its first three digits |
//! | 29 | EventRootCode | its first two digits |
//! | 30 | QuadClass | 1–4 |
//! | 31 | GoldsteinScale | −10 to 10 |
//! | 32 | NumMentions | tellings of the event in the article |
//! | 33 | NumSources | 1 |
//! | 34 | NumArticles | 1 |
//! | 35 | AvgTone | empty |
//! | 36–43 | Actor1Geo_Type, _FullName, _CountryCode, _ADM1Code, _ADM2Code, _Lat, _Long, _FeatureID | empty |
//! | 44–51 | Actor2Geo_* | empty |
//! | 52–59 | ActionGeo_* | empty |
//! | 60 | DATEADDED | the publication date as YYYYMMDD000000 |
//! | 61 | SOURCEURL | the article's URL, else the file it was read from |
//!
//! Then dateline's own columns ([`EXTRA_COLUMNS`]): 62 `modality`, 63 `event_date` (the TIMEX3
//! value), 64 `article_id`, 65 `sentence`, 66 `trigger_start`, 67 `trigger_end`, 68 `plover`.
//! Tabs and line breaks inside a cell become spaces. GDELT rows are facts; ours carry a
//! modality, and only `asserted` events are told as facts (`--modality asserted`).
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::rc::Rc;

use anyhow::{Context, Result};
use dateline_events::cameo::CameoTable;
use dateline_model::{Analysis, Article, Span, TextIndex, ZoneKind};
use dateline_store::{EventRow, Store};
use serde::Serialize;

use crate::args::{ExportArgs, ExportFormat};
use crate::commands::{event_filter, span_text, Ctx};
use crate::job;
use crate::{EXIT_OK, EXIT_PARTIAL};

/// The schema tag of each JSON Lines record.
pub const EVENT_SCHEMA: &str = "dateline-event/1";

/// The 61 columns of the GDELT 2.0 event table, in order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// dateline's columns, appended after the GDELT ones.
pub const EXTRA_COLUMNS: [&str; 7] = [
    "modality",
    "event_date",
    "article_id",
    "sentence",
    "trigger_start",
    "trigger_end",
    "plover",
];

/// How many articles the exporter keeps loaded at once.
const CACHE_ARTICLES: usize = 256;

/// Runs `dateline export`.
pub fn run(ctx: &Ctx, a: ExportArgs) -> Result<u8> {
    let store = ctx.open_existing_store()?;
    let Some(filter) = event_filter(&store, &a.filter, a.limit, a.offset)? else {
        return Ok(EXIT_PARTIAL);
    };
    let rows = store.events(&filter)?;
    let kb = job::knowledge_base(ctx.kb.as_deref())?;
    let countries: HashSet<&str> = kb
        .countries
        .iter()
        .map(|c| c.code.as_str())
        .chain(kb.regions.iter().map(|r| r.code.as_str()))
        .collect();
    let exporter = Exporter {
        table: CameoTable::embedded(),
        countries,
    };

    // To a file: written beside it and renamed when complete, so a failed export never leaves
    // a truncated file under the name asked for.
    let partial = a.output.as_ref().map(|p| {
        let mut name = p.file_name().unwrap_or_default().to_os_string();
        name.push(".partial");
        p.with_file_name(name)
    });
    let mut out: Box<dyn Write> = match &partial {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    if a.format == ExportFormat::Gdelt && a.header {
        let header: Vec<&str> = GDELT_COLUMNS
            .iter()
            .chain(&EXTRA_COLUMNS)
            .copied()
            .collect();
        writeln!(out, "{}", header.join("\t"))?;
    }
    let mut articles = ArticleCache::new(&store);
    for row in &rows {
        let loaded = articles.get(&row.article_id)?;
        let prov = Provenance::of(row, loaded.as_deref());
        match a.format {
            ExportFormat::Gdelt => {
                let cells = exporter.gdelt_row(row, loaded.as_deref(), &prov);
                writeln!(out, "{}", cells.join("\t"))?;
            }
            ExportFormat::Jsonl => {
                serde_json::to_writer(&mut out, &exporter.record(row, loaded.as_deref(), prov))?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    drop(out);
    if let (Some(partial), Some(path)) = (&partial, &a.output) {
        std::fs::rename(partial, path)
            .with_context(|| format!("renaming {} to {}", partial.display(), path.display()))?;
    }
    if !ctx.quiet {
        eprintln!(
            "exported {} events as {}{}",
            rows.len(),
            match a.format {
                ExportFormat::Gdelt => "GDELT",
                ExportFormat::Jsonl => EVENT_SCHEMA,
            },
            a.output
                .as_ref()
                .map(|p| format!(" to {}", p.display()))
                .unwrap_or_default()
        );
    }
    Ok(if rows.is_empty() {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}

/// An article with its analysis, as the exporter needs it.
struct Loaded {
    article: Article,
    analysis: Option<Analysis>,
    index: TextIndex,
}

/// Articles read from the store, kept while their events are written.
struct ArticleCache<'s> {
    store: &'s Store,
    loaded: HashMap<String, Option<Rc<Loaded>>>,
}

impl<'s> ArticleCache<'s> {
    fn new(store: &'s Store) -> Self {
        ArticleCache {
            store,
            loaded: HashMap::new(),
        }
    }

    fn get(&mut self, id: &str) -> Result<Option<Rc<Loaded>>> {
        if let Some(l) = self.loaded.get(id) {
            return Ok(l.clone());
        }
        if self.loaded.len() >= CACHE_ARTICLES {
            self.loaded.clear();
        }
        let loaded = match self.store.article(id)? {
            Some(article) => {
                let analysis = self.store.analysis(id)?;
                let index = article.index();
                Some(Rc::new(Loaded {
                    article,
                    analysis,
                    index,
                }))
            }
            None => None,
        };
        self.loaded.insert(id.to_string(), loaded.clone());
        Ok(loaded)
    }
}

/// Where an event was read from: its first mention's sentence and trigger.
struct Provenance<'a> {
    sentence_span: Option<Span>,
    evidence: Option<&'a str>,
    trigger_text: Option<&'a str>,
    /// The date of the speech the event is told in, when it is told in a quote.
    speech_date: Option<&'a str>,
    /// The quote (index in the article's quote list) the event is told in.
    quote: Option<u32>,
}

impl<'a> Provenance<'a> {
    fn of(row: &EventRow, loaded: Option<&'a Loaded>) -> Provenance<'a> {
        let none = Provenance {
            sentence_span: None,
            evidence: None,
            trigger_text: None,
            speech_date: None,
            quote: None,
        };
        let Some(l) = loaded else { return none };
        let text = l.article.text.as_str();
        let trigger_text = match (row.trigger_start, row.trigger_end) {
            (Some(s), Some(e)) => {
                Some(span_text(&l.index, text, Span::new(s as usize, e as usize)))
            }
            _ => None,
        };
        // The analysis' event at this position, if it is the one stored (same code).
        let event = l
            .analysis
            .as_ref()
            .and_then(|an| an.events.as_ref())
            .and_then(|evs| evs.get(row.index as usize))
            .filter(|e| e.cameo == row.cameo);
        let mention = event.and_then(|e| e.mentions.first());
        Provenance {
            sentence_span: mention.map(|m| m.sentence_span),
            evidence: mention.map(|m| span_text(&l.index, text, m.sentence_span).trim()),
            trigger_text,
            speech_date: event.and_then(|e| e.speech_date.as_deref()),
            quote: mention.and_then(|m| m.quote),
        }
    }

    /// Told in the headline, the standfirst or the first paragraph.
    fn is_root(&self, loaded: Option<&Loaded>) -> bool {
        let (Some(span), Some(l)) = (self.sentence_span, loaded) else {
            return false;
        };
        let Some(zone) = l.article.zone_at(span) else {
            return false;
        };
        match zone.kind {
            ZoneKind::Headline | ZoneKind::Standfirst => true,
            ZoneKind::Paragraph => l
                .article
                .zones_of(ZoneKind::Paragraph)
                .next()
                .is_some_and(|first| first.span == zone.span),
            _ => false,
        }
    }
}

/// What the exporter looks codes up in.
struct Exporter<'k> {
    table: &'static CameoTable,
    /// Country and region codes of the knowledge base in use.
    countries: HashSet<&'k str>,
}

/// A participant in a JSON record.
#[derive(Serialize)]
struct ActorOut<'a> {
    code: &'a str,
    name: Option<&'a str>,
}

/// A char span in a JSON record.
#[derive(Serialize)]
struct SpanOut {
    start: u64,
    end: u64,
}

/// The provenance part of a JSON record.
#[derive(Serialize)]
struct ProvenanceOut<'a> {
    sentence: Option<u32>,
    trigger: Option<SpanOut>,
    trigger_text: Option<&'a str>,
    evidence: Option<&'a str>,
    /// The quote the event is told in (index in the article's quotes), if any.
    quote: Option<u32>,
}

/// One `dateline-event/1` record.
#[derive(Serialize)]
struct EventRecord<'a> {
    schema: &'static str,
    article_id: &'a str,
    published: Option<&'a str>,
    index: u32,
    cameo: &'a str,
    cameo_name: Option<&'a str>,
    cameo_version: &'a str,
    plover: Option<&'a str>,
    plover_mode: Option<&'a str>,
    plover_context: Option<&'a str>,
    source: Option<ActorOut<'a>>,
    target: Option<ActorOut<'a>>,
    modality: &'a str,
    date: Option<&'a str>,
    /// The date of the speech the event is told in (a quote), beside the event's own date.
    speech_date: Option<&'a str>,
    goldstein: Option<f64>,
    quad_class: Option<u8>,
    mentions: u32,
    is_root: bool,
    source_url: Option<&'a str>,
    provenance: ProvenanceOut<'a>,
}

impl Exporter<'_> {
    fn record<'a>(
        &'a self,
        row: &'a EventRow,
        loaded: Option<&'a Loaded>,
        prov: Provenance<'a>,
    ) -> EventRecord<'a> {
        let info = self.table.get(&row.cameo);
        let plover = row
            .plover
            .as_deref()
            .or_else(|| info.and_then(|i| i.plover.as_deref()));
        // Mode and context belong to the table's category: given only when it is the event's.
        let same = info.filter(|i| i.plover.is_some() && i.plover.as_deref() == plover);
        let actor = |code: &'a Option<String>, name: &'a Option<String>| {
            code.as_deref().map(|code| ActorOut {
                code,
                name: name.as_deref(),
            })
        };
        EventRecord {
            schema: EVENT_SCHEMA,
            article_id: &row.article_id,
            published: row.published.as_deref(),
            index: row.index,
            cameo: &row.cameo,
            cameo_name: info.map(|i| i.name.as_str()).filter(|n| !n.is_empty()),
            cameo_version: self.table.version(),
            plover,
            plover_mode: same.and_then(|i| i.plover_mode.as_deref()),
            plover_context: same.and_then(|i| i.plover_context.as_deref()),
            source: actor(&row.source_code, &row.source_name),
            target: actor(&row.target_code, &row.target_name),
            modality: &row.modality,
            date: row.date.as_deref(),
            speech_date: prov.speech_date,
            goldstein: row.goldstein,
            quad_class: row.quad_class,
            mentions: row.mentions,
            is_root: prov.is_root(loaded),
            source_url: loaded.and_then(|l| source_url(&l.article)),
            provenance: ProvenanceOut {
                sentence: row.sentence,
                trigger: match (row.trigger_start, row.trigger_end) {
                    (Some(start), Some(end)) => Some(SpanOut { start, end }),
                    _ => None,
                },
                trigger_text: prov.trigger_text,
                evidence: prov.evidence,
                quote: prov.quote,
            },
        }
    }

    /// The 61 GDELT cells and dateline's 7.
    fn gdelt_row(&self, row: &EventRow, loaded: Option<&Loaded>, prov: &Provenance) -> Vec<String> {
        let mut cells: Vec<String> = Vec::with_capacity(GDELT_COLUMNS.len() + EXTRA_COLUMNS.len());
        let day = row
            .date
            .as_deref()
            .and_then(full_day)
            .or_else(|| row.published.as_deref().and_then(full_day));
        cells.push(global_event_id(&row.article_id, row.index).to_string());
        match day {
            Some((y, m, d)) => {
                cells.push(format!("{y:04}{m:02}{d:02}"));
                cells.push(format!("{y:04}{m:02}"));
                cells.push(format!("{y:04}"));
                let fraction = f64::from(y) + f64::from((m - 1) * 30 + d) / 365.0;
                cells.push(format!("{fraction:.4}"));
            }
            None => empty(&mut cells, 4),
        }
        for (code, name) in [
            (&row.source_code, &row.source_name),
            (&row.target_code, &row.target_name),
        ] {
            let code = code.as_deref().unwrap_or("");
            let (country, type1) = self.split_actor(code);
            cells.push(code.to_string());
            cells.push(name.clone().unwrap_or_default());
            cells.push(country.to_string());
            empty(&mut cells, 4); // group, ethnic, religion ×2
            cells.push(type1.to_string());
            empty(&mut cells, 2); // type 2, 3
        }
        cells.push(if prov.is_root(loaded) { "1" } else { "0" }.to_string());
        cells.push(row.cameo.clone());
        cells.push(row.cameo.get(..3).unwrap_or(&row.cameo).to_string());
        cells.push(row.cameo.get(..2).unwrap_or(&row.cameo).to_string());
        cells.push(row.quad_class.map(|q| q.to_string()).unwrap_or_default());
        cells.push(row.goldstein.map(|g| g.to_string()).unwrap_or_default());
        cells.push(row.mentions.to_string());
        cells.push("1".to_string()); // NumSources
        cells.push("1".to_string()); // NumArticles
        cells.push(String::new()); // AvgTone
        empty(&mut cells, 24); // three geo blocks of eight
        cells.push(
            row.published
                .as_deref()
                .and_then(full_day)
                .map(|(y, m, d)| format!("{y:04}{m:02}{d:02}000000"))
                .unwrap_or_default(),
        );
        cells.push(
            loaded
                .and_then(|l| source_url(&l.article))
                .unwrap_or("")
                .to_string(),
        );
        debug_assert_eq!(cells.len(), GDELT_COLUMNS.len());
        let opt = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
        cells.push(row.modality.clone());
        cells.push(row.date.clone().unwrap_or_default());
        cells.push(row.article_id.clone());
        cells.push(opt(row.sentence.map(u64::from)));
        cells.push(opt(row.trigger_start));
        cells.push(opt(row.trigger_end));
        cells.push(row.plover.clone().unwrap_or_default());
        for c in &mut cells {
            if c.contains(['\t', '\n', '\r']) {
                *c = c.replace(['\t', '\n', '\r'], " ");
            }
        }
        cells
    }

    /// (country code, type 1 code) of a CAMEO actor code: `TURGOV` → (`TUR`, `GOV`),
    /// `IGOUNO` → (``, `IGO`), `RUS` → (`RUS`, ``).
    fn split_actor<'c>(&self, code: &'c str) -> (&'c str, &'c str) {
        match code.get(..3) {
            Some(first) if self.countries.contains(first) => (first, code.get(3..6).unwrap_or("")),
            Some(first) => ("", first),
            None => ("", ""),
        }
    }
}

/// Appends `n` empty cells.
fn empty(cells: &mut Vec<String>, n: usize) {
    cells.resize(cells.len() + n, String::new());
}

/// The article's URL, else the file it was read from.
fn source_url(a: &Article) -> Option<&str> {
    a.origin.url.as_deref().or(a.origin.path.as_deref())
}

/// (year, month, day) of a value that starts with a full `YYYY-MM-DD` date.
fn full_day(s: &str) -> Option<(u32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || b.get(10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// GlobalEventID: FNV-1a (64-bit) of `article_id`, a NUL and the position, cut to 53 bits so
/// that it survives tools that read numbers as doubles.
fn global_event_id(article_id: &str, index: u32) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let index = index.to_string();
    for b in article_id
        .bytes()
        .chain(std::iter::once(0))
        .chain(index.bytes())
    {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h & ((1 << 53) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_read_from_timex_values() {
        assert_eq!(full_day("2025-03-04"), Some((2025, 3, 4)));
        assert_eq!(full_day("2025-03-04T10:00"), Some((2025, 3, 4)));
        assert_eq!(full_day("2025-03"), None);
        assert_eq!(full_day("2025-W11"), None);
        assert_eq!(full_day("2025-13-01"), None);
        assert_eq!(full_day("PAST_REF"), None);
    }

    #[test]
    fn event_ids_are_stable_and_distinct() {
        let a = global_event_id("8617ceec77da0cff", 0);
        assert_eq!(a, global_event_id("8617ceec77da0cff", 0));
        assert_ne!(a, global_event_id("8617ceec77da0cff", 1));
        assert_ne!(a, global_event_id("755757ebf24b6036", 0));
        assert!(a < 1 << 53);
    }

    #[test]
    fn actor_codes_split_into_country_and_type() {
        let ex = Exporter {
            table: CameoTable::embedded(),
            countries: ["TUR", "RUS", "EUR"].into_iter().collect(),
        };
        assert_eq!(ex.split_actor("TURGOV"), ("TUR", "GOV"));
        assert_eq!(ex.split_actor("RUS"), ("RUS", ""));
        assert_eq!(ex.split_actor("IGOUNO"), ("", "IGO"));
        assert_eq!(ex.split_actor("RUSMILREB"), ("RUS", "MIL"));
        assert_eq!(ex.split_actor(""), ("", ""));
    }

    #[test]
    fn the_tables_have_their_documented_widths() {
        assert_eq!(GDELT_COLUMNS.len() + EXTRA_COLUMNS.len(), 68);
        let unique: HashSet<&str> = GDELT_COLUMNS
            .iter()
            .chain(&EXTRA_COLUMNS)
            .copied()
            .collect();
        assert_eq!(unique.len(), 68);
    }
}
