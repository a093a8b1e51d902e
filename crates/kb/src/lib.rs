//! `dateline-kb`: the actor knowledge base — countries, places, regions, organisations, people
//! with dated roles, and generic agents — loaded from the tab-separated files in `data/kb/`.
//!
//! Brief overview:
//! - [`Kb::embedded`]: the shipped files, compiled into the binary and parsed once per process.
//! - [`Kb::load_dir`]: the shipped base extended (and overridden, entry by entry) by a user folder
//!   of files in the same format; [`Kb::validate_dir`] checks such a folder and reports every
//!   problem as a [`Diagnostic`] with a stable code (see [`codes`]) and `file:line`.
//! - [`Kb::code_on`]: the CAMEO code in force on a date, among an actor's dated codes (a
//!   president after the term is an elite, `USAELI`).
//! - [`Kb::search`]: free-text search over all names and aliases, diacritics folded.
//!
//! # File format (`dateline-kb/1`)
//! The first line is `# dateline-kb/1 <kind>` (`countries`, `places`, `regions`,
//! `organizations`, `people`, `agents`). Other `#` lines are comments; `# version:` and
//! `# source:` lines are kept ([`Kb::version`], [`Kb::sources`]). The first other line names
//! the columns (tab-separated); columns are mapped by name, so their order may change and extra
//! columns are ignored. Cells are trimmed, empty means none, `|` separates multiple values.
//! Rows with the same name are one entry: an organisation's or a person's rows are its dated
//! codes.
//!
//! # Example
//! ```
//! use dateline_kb::Kb;
//!
//! let kb = Kb::embedded();
//! let biden = kb.person("Joe Biden").unwrap();
//! assert_eq!(Kb::code_on(&biden.roles, Some("2022-06-01")).unwrap().code, "USAGOV");
//! assert_eq!(Kb::code_on(&biden.roles, Some("2025-02-26")).unwrap().code, "USAELI");
//! let russia = kb.country("RUS").unwrap();
//! assert!(russia.seats.iter().any(|(name, code)| name == "Kremlin" && code == "RUSGOV"));
//! ```
#![deny(missing_docs)]

pub mod codes;
mod parse;
mod search;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use dateline_model::{Diagnostic, EntityType, Severity};

pub use search::fold;

/// The format tag of the first line of every knowledge-base file: `# dateline-kb/1 <kind>`.
pub const KB_FORMAT: &str = "dateline-kb/1";

/// A CAMEO code with the dates it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    /// The CAMEO code (`USAGOV`).
    pub code: String,
    /// First day it holds, `YYYY-MM-DD`, inclusive; `None`: since long ago.
    pub start: Option<String>,
    /// Last day it holds, `YYYY-MM-DD`, inclusive; `None`: still holds.
    pub end: Option<String>,
    /// The role in plain text (`President of the United States`); people only.
    pub role: Option<String>,
}

/// A country (or territory with its own ISO code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-3, which CAMEO uses as the country code (`RUS`).
    pub code: String,
    /// ISO 3166-1 alpha-2 (`RU`).
    pub iso2: String,
    /// Common English name.
    pub name: String,
    /// Wikidata id (`Q159`).
    pub wikidata: Option<String>,
    /// Other names (`Russian Federation`).
    pub aliases: Vec<String>,
    /// Demonyms, singular and plural (`Russian`, `Russians`).
    pub demonyms: Vec<String>,
    /// The capital city; it stands for the country.
    pub capital: Option<String>,
    /// Other names of the capital.
    pub capital_aliases: Vec<String>,
    /// Wikidata id of the capital.
    pub capital_wikidata: Option<String>,
    /// Seats of power standing for an institution: (name, CAMEO code), `("Kremlin", "RUSGOV")`.
    pub seats: Vec<(String, String)>,
}

/// A city, state, province or other place; it stands for its country in CAMEO.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Name.
    pub name: String,
    /// Other names and spellings.
    pub aliases: Vec<String>,
    /// Country code of the state it belongs to; `None` when it spans several or is disputed.
    pub country: Option<String>,
    /// Wikidata id.
    pub wikidata: Option<String>,
    /// [`EntityType::Gpe`] (governed place) or [`EntityType::Loc`] (sea, region, …).
    pub kind: EntityType,
}

/// A world region or grouping with a CAMEO region code (`AFR`, `WST`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// CAMEO region code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Demonyms (NORP forms taking the same code).
    pub demonyms: Vec<String>,
    /// [`EntityType::Loc`] or [`EntityType::Norp`].
    pub kind: EntityType,
}

/// An organisation: an institution, an international body, an armed group, a news agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    /// Name.
    pub name: String,
    /// Other names and abbreviations, from all its rows.
    pub aliases: Vec<String>,
    /// Its CAMEO codes, sorted by start; empty for news agencies and outlets (sources, not
    /// actors).
    pub codes: Vec<DatedCode>,
    /// [`EntityType::Org`] or [`EntityType::Norp`].
    pub kind: EntityType,
    /// The country it belongs to.
    pub country: Option<String>,
    /// Wikidata id.
    pub wikidata: Option<String>,
}

/// A person with dated roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Name.
    pub name: String,
    /// Other spellings and full forms, from all rows.
    pub aliases: Vec<String>,
    /// Wikidata id.
    pub wikidata: Option<String>,
    /// Every role row of the person, sorted by start (an empty start first).
    pub roles: Vec<DatedCode>,
    /// `'m'` or `'f'`, when known.
    pub gender: Option<char>,
}

/// A generic agent noun (`police`, `peacekeepers`): a role code combined with the actor's
/// country code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    /// The pattern, lower case (`police officer`).
    pub pattern: String,
    /// The plural: the irregular one from the file, else the regular one computed (+s, +es,
    /// y → ies on the head noun); `None` when the file says `-` (no plural).
    pub plural: Option<String>,
    /// The role code (`COP`, `GOVMIL`).
    pub code: String,
    /// Free-text type from the file (`ORG`, `PERSON-role`, `NORP`, `PRODUCT`); may be empty.
    pub kind: String,
    /// True when the code goes before the country code (`attach=prefix`: peacekeepers →
    /// `IGO` + country), false when after (`RUS` + `COP`).
    pub prefix: bool,
}

/// One result of [`Kb::search`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// `country`, `place`, `region`, `org`, `person` or `agent` (a seat of power is a
    /// `country` hit carrying the seat's institution code).
    pub kind: &'static str,
    /// The entry's name (an agent's pattern, a seat's name).
    pub name: String,
    /// The current code: a country's or region's code, a place's country, the code in force
    /// today of an organisation or person, an agent's role code.
    pub code: Option<String>,
    /// Wikidata id.
    pub wikidata: Option<String>,
    /// A short description: the current role, the country, the type.
    pub detail: String,
    /// The name, alias or code that matched the query.
    pub matched: String,
}

/// The actor knowledge base.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kb {
    /// The version of the shipped files (`2025.1`), plus `+local` when a user folder was loaded.
    pub version: String,
    /// Countries.
    pub countries: Vec<Country>,
    /// Cities, states and other places.
    pub places: Vec<Place>,
    /// Regions.
    pub regions: Vec<Region>,
    /// Organisations.
    pub orgs: Vec<Org>,
    /// People.
    pub people: Vec<Person>,
    /// Generic agents.
    pub agents: Vec<Agent>,
    /// The `# source:` lines of the files, without duplicates.
    pub sources: Vec<String>,
}

/// Loading a knowledge base failed.
#[derive(Debug, thiserror::Error)]
pub enum KbError {
    /// A folder or file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The folder or file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// Files have errors; nothing was loaded.
    #[error("{}", list(diagnostics))]
    Invalid {
        /// Every problem found, each with its file and line.
        diagnostics: Vec<Diagnostic>,
    },
}

fn list(diags: &[Diagnostic]) -> String {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let mut s = format!("invalid knowledge base ({errors} errors):");
    for d in diags {
        s.push_str("\n  ");
        s.push_str(&d.to_string());
    }
    s
}

/// The shipped files, in load order (countries first: the others refer to them). The files
/// generated from Phoenix (`*_phoenix.tsv`) only add entries: a name is in one file of its kind
/// (`tools/validate.py` checks it), so laying one over the other replaces nothing.
const EMBEDDED: [(&str, &str); 8] = [
    (
        "data/kb/countries.tsv",
        include_str!("../../../data/kb/countries.tsv"),
    ),
    (
        "data/kb/regions.tsv",
        include_str!("../../../data/kb/regions.tsv"),
    ),
    (
        "data/kb/cities.tsv",
        include_str!("../../../data/kb/cities.tsv"),
    ),
    (
        "data/kb/organizations.tsv",
        include_str!("../../../data/kb/organizations.tsv"),
    ),
    (
        "data/kb/organizations_phoenix.tsv",
        include_str!("../../../data/kb/organizations_phoenix.tsv"),
    ),
    (
        "data/kb/people.tsv",
        include_str!("../../../data/kb/people.tsv"),
    ),
    (
        "data/kb/people_phoenix.tsv",
        include_str!("../../../data/kb/people_phoenix.tsv"),
    ),
    (
        "data/kb/agents.tsv",
        include_str!("../../../data/kb/agents.tsv"),
    ),
];

/// Parses the shipped files, with every diagnostic (a test asserts there are none).
fn load_embedded() -> (Kb, Vec<Diagnostic>) {
    let mut kb = Kb::default();
    let mut diags = Vec::new();
    for (name, text) in EMBEDDED {
        diags.extend(parse::parse_into(name, text, &mut kb));
    }
    (kb, diags)
}

fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == Severity::Error)
}

/// Lays every `*.tsv` file of `dir` over `kb`, countries first; returns all diagnostics.
fn overlay_dir(kb: &mut Kb, dir: &Path) -> Result<Vec<Diagnostic>, KbError> {
    let io = |path: &Path, source| KbError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| io(dir, e))? {
        let path = entry.map_err(|e| io(dir, e))?.path();
        if path.extension().is_some_and(|e| e == "tsv") && path.is_file() {
            paths.push(path);
        }
    }
    let mut diags = Vec::new();
    if paths.is_empty() {
        diags.push(
            Diagnostic::warning(codes::NO_FILES, "no .tsv files in this folder")
                .in_file(dir.display().to_string()),
        );
    }
    let mut files = Vec::new();
    for path in paths {
        let bytes = std::fs::read(&path).map_err(|e| io(&path, e))?;
        let label = path.display().to_string();
        match String::from_utf8(bytes) {
            Ok(text) => files.push((label, text)),
            Err(e) => diags.push(
                Diagnostic::error(codes::IO, format!("not UTF-8: {e}"))
                    .in_file(label)
                    .at_byte(e.utf8_error().valid_up_to() as u64),
            ),
        }
    }
    files.sort_by(|(a, ta), (b, tb)| {
        let rank = |t: &str| parse::header_kind(t).map_or(usize::MAX, |k| k.rank());
        (rank(ta), a).cmp(&(rank(tb), b))
    });
    for (label, text) in &files {
        diags.extend(parse::parse_into(label, text, kb));
    }
    Ok(diags)
}

impl Kb {
    /// The default knowledge base compiled into the binary (the files of `data/kb/`), parsed
    /// once per process. Panics only if the shipped files are broken (a test guards that).
    pub fn embedded() -> &'static Kb {
        static KB: OnceLock<Kb> = OnceLock::new();
        KB.get_or_init(|| {
            let (kb, diags) = load_embedded();
            if has_errors(&diags) {
                panic!("the embedded knowledge base is broken: {}", list(&diags));
            }
            kb
        })
    }

    /// The embedded base extended by every `*.tsv` file in `dir` (not its subfolders). Files are
    /// named like the shipped ones (`people.tsv`) or start so (`people-local.tsv`); the kind is
    /// taken from the first line `# dateline-kb/1 <kind>`. A user entry with the same key as
    /// base entries replaces them — countries and regions by code, places by name and country,
    /// organisations by name, agents by pattern (all rows of that pattern), people by name and
    /// Wikidata id (an empty id matches any; all role rows of that person are replaced); other
    /// entries are added. Among user files, a later file (countries first, then by name)
    /// overrides an earlier one.
    ///
    /// Errors name `file:line`; when any file has an error nothing is returned:
    /// [`KbError::Invalid`] lists every problem of every file (warnings included).
    pub fn load_dir(dir: &Path) -> Result<Kb, KbError> {
        let mut kb = Kb::embedded().clone();
        let diags = overlay_dir(&mut kb, dir)?;
        if has_errors(&diags) {
            return Err(KbError::Invalid { diagnostics: diags });
        }
        kb.version.push_str("+local");
        Ok(kb)
    }

    /// Parses one file's text (`name` labels diagnostics) and lays its entries over `into`,
    /// replacing entries with the same key as [`Kb::load_dir`] does. With any error, `into` is
    /// left unchanged and every error is returned; warnings are dropped (see
    /// [`Kb::validate_dir`]). Country codes and code prefixes are checked against the countries
    /// and regions in `into` (plus the file's own, for a countries file); when `into` has no
    /// countries those checks are skipped.
    pub fn parse_file(name: &str, text: &str, into: &mut Kb) -> Result<(), Vec<Diagnostic>> {
        let diags = parse::parse_into(name, text, into);
        if has_errors(&diags) {
            Err(diags
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .collect())
        } else {
            Ok(())
        }
    }

    /// Checks a folder of knowledge-base files as [`Kb::load_dir`] would read it, without
    /// loading it: every problem, errors and warnings, as diagnostics (for
    /// `dateline kb validate`). An unreadable folder or file is a [`codes::IO`] error.
    pub fn validate_dir(dir: &Path) -> Vec<Diagnostic> {
        let mut kb = Kb::embedded().clone();
        match overlay_dir(&mut kb, dir) {
            Ok(diags) => diags,
            Err(KbError::Io { path, source }) => {
                vec![
                    Diagnostic::error(codes::IO, format!("cannot read: {source}"))
                        .in_file(path.display().to_string()),
                ]
            }
            Err(KbError::Invalid { diagnostics }) => diagnostics,
        }
    }

    /// The code in force on `date` (`YYYY-MM-DD`; a longer timestamp is cut to its date) among
    /// dated codes: the row whose `[start, end]` contains the date; when several hold, the one
    /// that started last, so on a handover day the row that starts that day wins (ties: the
    /// first in order). With no date (or one that is not a date): the open-ended row (still
    /// held), else the one that ended last. `None` if no row holds.
    pub fn code_on<'a>(codes: &'a [DatedCode], date: Option<&str>) -> Option<&'a DatedCode> {
        let date = date
            .map(str::trim)
            .and_then(|d| d.get(..10))
            .filter(|d| parse::is_date(d));
        // `max_by` keeps the last of equal elements: iterate reversed to prefer the first
        match date {
            Some(d) => codes
                .iter()
                .rev()
                .filter(|c| {
                    c.start.as_deref().is_none_or(|s| s <= d)
                        && c.end.as_deref().is_none_or(|e| d <= e)
                })
                .max_by(|a, b| a.start.cmp(&b.start)),
            None => codes
                .iter()
                .rev()
                .filter(|c| c.end.is_none())
                .max_by(|a, b| a.start.cmp(&b.start))
                .or_else(|| {
                    codes
                        .iter()
                        .rev()
                        .max_by(|a, b| (&a.end, &a.start).cmp(&(&b.end, &b.start)))
                }),
        }
    }

    /// The country with this code (`RUS`).
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code == code)
    }

    /// The person with exactly this name (the first, if several share it).
    pub fn person(&self, name: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.name == name)
    }

    /// The organisation with exactly this name.
    pub fn org(&self, name: &str) -> Option<&Org> {
        self.orgs.iter().find(|o| o.name == name)
    }

    /// Free-text search over the names and aliases of every kind (plus demonyms, seats of
    /// power, agents' plurals, and codes matched exactly): case-insensitive substring with
    /// diacritics folded (see [`fold`]), so `zelensk` finds Volodymyr Zelenskyy. Ranked: exact,
    /// then prefix, then prefix of a later word, then substring; canonical names before aliases;
    /// then by kind (country, place, region, org, person, agent) and shorter name. At most
    /// `limit` hits, one per entry. For `dateline actors QUERY`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        search::search(self, query, limit)
    }

    /// Counts per kind (`countries`, `places`, `regions`, `orgs`, `people`, `agents`), for
    /// `--json` summaries.
    pub fn stats(&self) -> Vec<(&'static str, usize)> {
        vec![
            ("countries", self.countries.len()),
            ("places", self.places.len()),
            ("regions", self.regions.len()),
            ("orgs", self.orgs.len()),
            ("people", self.people.len()),
            ("agents", self.agents.len()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_have_no_diagnostics() {
        let (kb, diags) = load_embedded();
        assert!(diags.is_empty(), "{}", list(&diags));
        assert_eq!(kb.version, "2025.1");
        assert!(!kb.sources.is_empty());
    }
}
