//! Reading one knowledge-base file: the header line, columns mapped by name, rows, validation,
//! and laying the file's entries over a [`Kb`].
use std::collections::{HashMap, HashSet};

use dateline_model::{Diagnostic, EntityType};

use crate::{codes, Agent, Country, DatedCode, Kb, Org, Person, Place, Region, KB_FORMAT};

/// What a file holds, from its first line `# dateline-kb/1 <kind>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Countries,
    Regions,
    Places,
    Organizations,
    People,
    Agents,
}

impl Kind {
    const ALL: [Kind; 6] = [
        Kind::Countries,
        Kind::Regions,
        Kind::Places,
        Kind::Organizations,
        Kind::People,
        Kind::Agents,
    ];

    fn name(self) -> &'static str {
        match self {
            Kind::Countries => "countries",
            Kind::Regions => "regions",
            Kind::Places => "places",
            Kind::Organizations => "organizations",
            Kind::People => "people",
            Kind::Agents => "agents",
        }
    }

    fn from_name(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }

    /// File names of this kind start with one of these.
    fn file_prefixes(self) -> &'static [&'static str] {
        match self {
            Kind::Countries => &["countries"],
            Kind::Regions => &["regions"],
            Kind::Places => &["places", "cities"],
            Kind::Organizations => &["organizations", "organisations", "orgs"],
            Kind::People => &["people"],
            Kind::Agents => &["agents"],
        }
    }

    /// Load order: what others refer to comes first (countries before everything that names a
    /// country code).
    pub(crate) fn rank(self) -> usize {
        Kind::ALL.iter().position(|k| *k == self).unwrap_or(0)
    }
}

/// The kind named by a file's first line, if that line is a valid header.
pub(crate) fn header_kind(text: &str) -> Option<Kind> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.split('\n').next()?;
    match parse_header(first) {
        Header::Ok(k) => Some(k),
        _ => None,
    }
}

enum Header<'t> {
    Ok(Kind),
    Missing,
    OtherFormat(&'t str),
    UnknownKind(&'t str),
}

fn parse_header(line: &str) -> Header<'_> {
    let Some(rest) = line.trim().strip_prefix('#') else {
        return Header::Missing;
    };
    let rest = rest.trim();
    let (format, kind) = match rest.split_once(char::is_whitespace) {
        Some((f, k)) => (f, k.trim()),
        None => (rest, ""),
    };
    if format != KB_FORMAT {
        return if format.starts_with("dateline-kb/") {
            Header::OtherFormat(format)
        } else {
            Header::Missing
        };
    }
    match Kind::from_name(kind) {
        Some(k) => Header::Ok(k),
        None => Header::UnknownKind(kind),
    }
}

/// Actor-type codes that may open a CAMEO code instead of a country or region (CAMEO codebook).
const TYPE_PREFIXES: &[&str] = &["IGO", "NGO", "MNC", "IMG", "INT", "UIS", "NGM"];
/// Columns every kind may carry and the reader ignores without a warning.
const IGNORED_COLUMNS: &[&str] = &["src", "status", "note", "notes", "comment"];

/// Diagnostics of one file.
struct Ctx<'a> {
    file: &'a str,
    diags: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn err(&mut self, code: &str, line: u64, msg: impl Into<String>) {
        self.diags.push(
            Diagnostic::error(code, msg)
                .in_file(self.file)
                .at_line(line),
        );
    }

    fn warn(&mut self, code: &str, line: Option<u64>, msg: impl Into<String>) {
        let d = Diagnostic::warning(code, msg).in_file(self.file);
        self.diags.push(match line {
            Some(l) => d.at_line(l),
            None => d,
        });
    }

    fn has_errors(&self) -> bool {
        self.diags
            .iter()
            .any(|d| d.severity == dateline_model::Severity::Error)
    }

    /// A required cell: an error when empty.
    fn required(&mut self, line: u64, col: &str, v: &str) -> bool {
        if v.is_empty() {
            self.err(codes::EMPTY_CELL, line, format!("empty `{col}` cell"));
            false
        } else {
            true
        }
    }

    /// A CAMEO code: 3–15 uppercase letters or digits, a multiple of 3.
    fn code(&mut self, line: u64, col: &str, v: &str) -> bool {
        if is_cameo(v) {
            true
        } else {
            self.err(
                codes::BAD_CODE,
                line,
                format!(
                    "`{col}` {v:?} is not a CAMEO code (3 to 15 uppercase letters or digits, \
                     in chunks of 3)"
                ),
            );
            false
        }
    }

    /// A 3-letter country or region code.
    fn code3(&mut self, line: u64, col: &str, v: &str) -> bool {
        if v.len() == 3 && v.bytes().all(|b| b.is_ascii_uppercase()) {
            true
        } else {
            self.err(
                codes::BAD_CODE,
                line,
                format!("`{col}` {v:?} is not a code of 3 uppercase letters"),
            );
            false
        }
    }

    fn wikidata(&mut self, line: u64, col: &str, v: &str) -> Option<String> {
        if v.is_empty() {
            return None;
        }
        let ok = v.len() > 1
            && v.starts_with('Q')
            && v[1..].bytes().all(|b| b.is_ascii_digit())
            && !v[1..].starts_with('0');
        if ok {
            Some(v.to_string())
        } else {
            self.err(
                codes::BAD_WIKIDATA,
                line,
                format!("`{col}` {v:?} is not a Wikidata id (Q followed by digits)"),
            );
            None
        }
    }

    /// `|`-separated values; an empty cell is no value.
    fn list(&mut self, line: u64, col: &str, v: &str) -> Vec<String> {
        if v.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut empty = false;
        for x in v.split('|') {
            let x = x.trim();
            if x.is_empty() {
                empty = true;
            } else {
                out.push(x.to_string());
            }
        }
        if empty {
            self.err(
                codes::EMPTY_ELEMENT,
                line,
                format!("empty element in the `|`-separated `{col}` cell"),
            );
        }
        out
    }

    fn date(&mut self, line: u64, col: &str, v: &str) -> Option<String> {
        if v.is_empty() {
            return None;
        }
        if is_date(v) {
            Some(v.to_string())
        } else {
            self.err(
                codes::BAD_DATE,
                line,
                format!("`{col}` {v:?} is not a valid YYYY-MM-DD date"),
            );
            None
        }
    }

    fn dates(&mut self, line: u64, start: &str, end: &str) -> (Option<String>, Option<String>) {
        let s = self.date(line, "start", start);
        let e = self.date(line, "end", end);
        if let (Some(s), Some(e)) = (&s, &e) {
            if s > e {
                self.err(
                    codes::DATE_ORDER,
                    line,
                    format!("start {s} is after end {e}"),
                );
            }
        }
        (s, e)
    }

    fn etype(&mut self, line: u64, v: &str, allowed: &[EntityType]) -> Option<EntityType> {
        match EntityType::from_label(v) {
            Some(t) if allowed.contains(&t) => Some(t),
            _ => {
                let list: Vec<&str> = allowed.iter().map(|t| t.label()).collect();
                self.err(
                    codes::BAD_TYPE,
                    line,
                    format!("type {v:?} is not one of {}", list.join(", ")),
                );
                None
            }
        }
    }
}

/// True for a CAMEO-shaped code: 3–15 uppercase ASCII letters or digits, a multiple of 3 long.
pub(crate) fn is_cameo(v: &str) -> bool {
    (3..=15).contains(&v.len())
        && v.len().is_multiple_of(3)
        && v.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// True for a valid calendar date written `YYYY-MM-DD`.
pub(crate) fn is_date(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = &v[r];
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// The regular English plural of an agent pattern: the head noun takes the plural (the word
/// before the first preposition, `member of parliament` → `members of parliament`, else the
/// last word): +es after s, x, z, ch, sh; consonant + y → ies; else +s.
pub(crate) fn regular_plural(pattern: &str) -> String {
    const PREPOSITIONS: &[&str] = &[
        "of", "for", "in", "on", "at", "to", "from", "with", "against", "without", "under", "over",
        "by", "about",
    ];
    // words as byte ranges, split on spaces and hyphens (commander-in-chief)
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in pattern.char_indices() {
        if c == ' ' || c == '-' {
            if let Some(s) = start.take() {
                words.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        words.push((s, pattern.len()));
    }
    if words.is_empty() {
        return pattern.to_string();
    }
    let head = words
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, (s, e))| PREPOSITIONS.contains(&&pattern[*s..*e]))
        .map(|(i, _)| i - 1)
        .unwrap_or(words.len() - 1);
    let (s, e) = words[head];
    let word = &pattern[s..e];
    let lower = word.to_ascii_lowercase();
    // English compounds in -man/-woman take -men/-women (spokesman, chairwoman); "human",
    // "German" and "shaman" do not.
    let man_compound = (lower.ends_with("man") && lower.len() > 3)
        && !["human", "german", "shaman", "roman", "ottoman", "caiman"].contains(&lower.as_str());
    let plural = if man_compound {
        format!("{}men", &word[..word.len() - 3])
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|x| lower.ends_with(x))
    {
        format!("{word}es")
    } else if lower.len() >= 2
        && lower.ends_with('y')
        && !matches!(
            lower.as_bytes()[lower.len() - 2],
            b'a' | b'e' | b'i' | b'o' | b'u'
        )
    {
        format!("{}ies", &word[..word.len() - 1])
    } else {
        format!("{word}s")
    };
    format!("{}{}{}", &pattern[..s], plural, &pattern[e..])
}

/// One data row.
struct Row<'t> {
    line: u64,
    cells: Vec<&'t str>,
}

/// The rows of a file, with its columns.
struct Sheet<'t> {
    column_line: u64,
    columns: Vec<&'t str>,
    rows: Vec<Row<'t>>,
}

impl Sheet<'_> {
    fn col(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| *c == name)
    }
}

/// The cell of column `c` (empty when the column is absent).
fn cell<'t>(row: &Row<'t>, c: Option<usize>) -> &'t str {
    c.and_then(|i| row.cells.get(i)).copied().unwrap_or("")
}

/// Codes a file may refer to: the countries and regions already loaded, plus its own.
struct Refs<'a> {
    /// False when nothing is known (a lone file parsed into an empty base): no reference checks.
    active: bool,
    countries: HashSet<&'a str>,
    regions: HashSet<&'a str>,
}

impl Refs<'_> {
    fn check_country(&self, cx: &mut Ctx, line: u64, v: &str) {
        if self.active && !self.countries.contains(v) {
            cx.err(
                codes::UNKNOWN_COUNTRY,
                line,
                format!("unknown country code {v:?}"),
            );
        }
    }

    fn check_prefix(&self, cx: &mut Ctx, line: u64, code: &str) {
        if !self.active || code.len() < 3 {
            return;
        }
        let p = &code[..3];
        if !(self.countries.contains(p) || self.regions.contains(p) || TYPE_PREFIXES.contains(&p)) {
            cx.err(
                codes::UNKNOWN_PREFIX,
                line,
                format!(
                    "code {code:?} starts with {p:?}, which is not a known country, region or \
                     actor type"
                ),
            );
        }
    }
}

/// Parses `text` (file label `name`) and, when it has no errors, lays its entries over `into`.
/// Returns every diagnostic found, errors and warnings.
pub(crate) fn parse_into(name: &str, text: &str, into: &mut Kb) -> Vec<Diagnostic> {
    let mut cx = Ctx {
        file: name,
        diags: Vec::new(),
    };
    let local = read(&mut cx, text, into);
    if let Some(local) = local {
        if !cx.has_errors() {
            apply(into, local);
        }
    }
    cx.diags
}

/// Reads one file into a fresh [`Kb`] holding only that file's entries.
fn read(cx: &mut Ctx, text: &str, base: &Kb) -> Option<Kb> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate()
        .map(|(i, l)| (i as u64 + 1, l));
    let first = lines.next().map(|(_, l)| l).unwrap_or("");
    let kind = match parse_header(first) {
        Header::Ok(k) => k,
        Header::Missing => {
            cx.err(
                codes::BAD_HEADER,
                1,
                format!("the first line must be `# {KB_FORMAT} <kind>`"),
            );
            return None;
        }
        Header::OtherFormat(f) => {
            cx.err(
                codes::BAD_HEADER,
                1,
                format!("format {f:?} is not supported (this reader knows {KB_FORMAT})"),
            );
            return None;
        }
        Header::UnknownKind(k) => {
            let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
            cx.err(
                codes::UNKNOWN_KIND,
                1,
                format!("unknown kind {k:?} (one of {})", kinds.join(", ")),
            );
            return None;
        }
    };
    let base_name = cx.file.rsplit(['/', '\\']).next().unwrap_or(cx.file);
    if !kind
        .file_prefixes()
        .iter()
        .any(|p| base_name.starts_with(p))
    {
        cx.warn(
            codes::FILE_NAME,
            None,
            format!(
                "a {} file should be named {}….tsv",
                kind.name(),
                kind.file_prefixes()[0]
            ),
        );
    }

    let mut out = Kb::default();
    let mut sheet: Option<Sheet> = None;
    let mut seen_rows: HashSet<&str> = HashSet::new();
    for (n, line) in lines {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(c) = t.strip_prefix('#') {
            let c = c.trim_start();
            if let Some(v) = c.strip_prefix("version:") {
                if out.version.is_empty() {
                    out.version = v.trim().to_string();
                }
            } else if let Some(v) = c.strip_prefix("source:") {
                let v = v.trim().to_string();
                if !v.is_empty() && !out.sources.contains(&v) {
                    out.sources.push(v);
                }
            }
            continue;
        }
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        match &mut sheet {
            None => {
                sheet = Some(Sheet {
                    column_line: n,
                    columns: cells,
                    rows: Vec::new(),
                })
            }
            Some(s) => {
                if cells.len() != s.columns.len() {
                    cx.err(
                        codes::CELL_COUNT,
                        n,
                        format!(
                            "{} cells, the column row has {}",
                            cells.len(),
                            s.columns.len()
                        ),
                    );
                    continue;
                }
                if !seen_rows.insert(t) {
                    cx.err(codes::DUPLICATE_ROW, n, "the same row appears earlier");
                    continue;
                }
                s.rows.push(Row { line: n, cells });
            }
        }
    }
    if out.sources.is_empty() {
        cx.warn(
            codes::NO_SOURCE,
            None,
            "no `# source:` line: say where the rows come from",
        );
    }
    let Some(sheet) = sheet else {
        cx.err(
            codes::MISSING_COLUMN,
            1,
            "no column row (the first line that is not a comment names the columns)",
        );
        return None;
    };

    let (required, optional): (&[&str], &[&str]) = match kind {
        Kind::Countries => (
            &["code", "iso2", "name"],
            &[
                "wikidata",
                "aliases",
                "demonyms",
                "capital",
                "capital_aliases",
                "capital_wikidata",
                "seats",
            ],
        ),
        Kind::Regions => (&["code", "name", "type"], &["aliases", "demonyms"]),
        Kind::Places => (&["name", "type"], &["aliases", "country", "wikidata"]),
        Kind::Organizations => (
            &["name", "code", "type"],
            &["aliases", "country", "wikidata", "start", "end"],
        ),
        Kind::People => (
            &["name", "code", "role"],
            &["aliases", "wikidata", "start", "end", "gender"],
        ),
        Kind::Agents => (&["pattern", "code"], &["type", "plural", "attach"]),
    };
    if !check_columns(cx, &sheet, required, optional) {
        return None;
    }

    let mut refs = Refs {
        active: !base.countries.is_empty() || kind == Kind::Countries,
        countries: base.countries.iter().map(|c| c.code.as_str()).collect(),
        regions: base.regions.iter().map(|r| r.code.as_str()).collect(),
    };
    match kind {
        Kind::Countries => read_countries(cx, &sheet, &mut refs, &mut out),
        Kind::Regions => read_regions(cx, &sheet, &refs, &mut out),
        Kind::Places => read_places(cx, &sheet, &refs, &mut out),
        Kind::Organizations => read_orgs(cx, &sheet, &refs, &mut out),
        Kind::People => read_people(cx, &sheet, &refs, &mut out),
        Kind::Agents => read_agents(cx, &sheet, &mut out),
    }
    Some(out)
}

fn check_columns(cx: &mut Ctx, sheet: &Sheet, required: &[&str], optional: &[&str]) -> bool {
    let line = sheet.column_line;
    let mut ok = true;
    for (i, c) in sheet.columns.iter().enumerate() {
        if sheet.columns[..i].contains(c) {
            cx.err(
                codes::DUPLICATE_COLUMN,
                line,
                format!("column `{c}` appears twice"),
            );
            ok = false;
        }
    }
    for r in required {
        if sheet.col(r).is_none() {
            cx.err(
                codes::MISSING_COLUMN,
                line,
                format!("required column `{r}` is missing"),
            );
            ok = false;
        }
    }
    for c in &sheet.columns {
        if !(required.contains(c) || optional.contains(c) || IGNORED_COLUMNS.contains(c)) {
            cx.warn(
                codes::UNKNOWN_COLUMN,
                Some(line),
                format!("column `{c}` is not used and is ignored"),
            );
        }
    }
    ok
}

fn opt(v: &str) -> Option<String> {
    (!v.is_empty()).then(|| v.to_string())
}

fn read_countries<'t>(cx: &mut Ctx, sheet: &Sheet<'t>, refs: &mut Refs<'t>, out: &mut Kb) {
    let c_code = sheet.col("code");
    let c_iso2 = sheet.col("iso2");
    let c_name = sheet.col("name");
    let c_wd = sheet.col("wikidata");
    let c_aliases = sheet.col("aliases");
    let c_demonyms = sheet.col("demonyms");
    let c_capital = sheet.col("capital");
    let c_cap_aliases = sheet.col("capital_aliases");
    let c_cap_wd = sheet.col("capital_wikidata");
    let c_seats = sheet.col("seats");
    let mut seen: HashMap<&str, u64> = HashMap::new();
    let mut seat_codes: Vec<(u64, String)> = Vec::new();
    for row in &sheet.rows {
        let n = row.line;
        let code = cell(row, c_code);
        if cx.required(n, "code", code) && cx.code3(n, "code", code) {
            if let Some(first) = seen.insert(code, n) {
                cx.err(
                    codes::DUPLICATE_ROW,
                    n,
                    format!("country {code} is already defined on line {first}"),
                );
            }
            refs.countries.insert(code);
        }
        let iso2 = cell(row, c_iso2);
        if cx.required(n, "iso2", iso2)
            && !(iso2.len() == 2 && iso2.bytes().all(|b| b.is_ascii_uppercase()))
        {
            cx.err(
                codes::BAD_ISO2,
                n,
                format!("iso2 {iso2:?} is not 2 uppercase letters"),
            );
        }
        let name = cell(row, c_name);
        cx.required(n, "name", name);
        let mut seats = Vec::new();
        for s in cx.list(n, "seats", cell(row, c_seats)) {
            match s.rsplit_once('=') {
                Some((sn, sc)) if !sn.trim().is_empty() => {
                    let (sn, sc) = (sn.trim(), sc.trim());
                    if cx.code(n, "seats", sc) {
                        seat_codes.push((n, sc.to_string()));
                    }
                    seats.push((sn.to_string(), sc.to_string()));
                }
                _ => cx.err(codes::BAD_SEAT, n, format!("seat {s:?} is not `name=CODE`")),
            }
        }
        out.countries.push(Country {
            code: code.to_string(),
            iso2: iso2.to_string(),
            name: name.to_string(),
            wikidata: cx.wikidata(n, "wikidata", cell(row, c_wd)),
            aliases: cx.list(n, "aliases", cell(row, c_aliases)),
            demonyms: cx.list(n, "demonyms", cell(row, c_demonyms)),
            capital: opt(cell(row, c_capital)),
            capital_aliases: cx.list(n, "capital_aliases", cell(row, c_cap_aliases)),
            capital_wikidata: cx.wikidata(n, "capital_wikidata", cell(row, c_cap_wd)),
            seats,
        });
    }
    // seats may name codes of countries defined further down the file
    for (n, code) in seat_codes {
        refs.check_prefix(cx, n, &code);
    }
}

fn read_regions(cx: &mut Ctx, sheet: &Sheet, refs: &Refs, out: &mut Kb) {
    let c_code = sheet.col("code");
    let c_name = sheet.col("name");
    let c_aliases = sheet.col("aliases");
    let c_demonyms = sheet.col("demonyms");
    let c_type = sheet.col("type");
    let mut seen: HashMap<&str, u64> = HashMap::new();
    for row in &sheet.rows {
        let n = row.line;
        let code = cell(row, c_code);
        if cx.required(n, "code", code) && cx.code3(n, "code", code) {
            if let Some(first) = seen.insert(code, n) {
                cx.err(
                    codes::DUPLICATE_ROW,
                    n,
                    format!("region {code} is already defined on line {first}"),
                );
            }
            if refs.countries.contains(code) {
                cx.err(
                    codes::BAD_CODE,
                    n,
                    format!("region code {code} is also a country code"),
                );
            }
        }
        let name = cell(row, c_name);
        cx.required(n, "name", name);
        let ty = cell(row, c_type);
        let kind = if cx.required(n, "type", ty) {
            cx.etype(n, ty, &[EntityType::Loc, EntityType::Norp])
        } else {
            None
        };
        out.regions.push(Region {
            code: code.to_string(),
            name: name.to_string(),
            aliases: cx.list(n, "aliases", cell(row, c_aliases)),
            demonyms: cx.list(n, "demonyms", cell(row, c_demonyms)),
            kind: kind.unwrap_or(EntityType::Loc),
        });
    }
}

fn read_places(cx: &mut Ctx, sheet: &Sheet, refs: &Refs, out: &mut Kb) {
    let c_name = sheet.col("name");
    let c_aliases = sheet.col("aliases");
    let c_country = sheet.col("country");
    let c_wd = sheet.col("wikidata");
    let c_type = sheet.col("type");
    let mut seen: HashMap<(&str, &str), u64> = HashMap::new();
    for row in &sheet.rows {
        let n = row.line;
        let name = cell(row, c_name);
        cx.required(n, "name", name);
        let country = cell(row, c_country);
        if !country.is_empty() && cx.code3(n, "country", country) {
            refs.check_country(cx, n, country);
        }
        if let Some(first) = seen.insert((name, country), n) {
            cx.err(
                codes::DUPLICATE_ROW,
                n,
                format!("place {name:?} ({country}) is already defined on line {first}"),
            );
        }
        let ty = cell(row, c_type);
        let kind = if cx.required(n, "type", ty) {
            cx.etype(n, ty, &[EntityType::Gpe, EntityType::Loc])
        } else {
            None
        };
        out.places.push(Place {
            name: name.to_string(),
            aliases: cx.list(n, "aliases", cell(row, c_aliases)),
            country: opt(country),
            wikidata: cx.wikidata(n, "wikidata", cell(row, c_wd)),
            kind: kind.unwrap_or(EntityType::Gpe),
        });
    }
}

/// Adds the values of `more` that `to` lacks.
fn union(to: &mut Vec<String>, more: Vec<String>) {
    for m in more {
        if !to.contains(&m) {
            to.push(m);
        }
    }
}

fn sort_by_start(codes: &mut [DatedCode]) {
    // stable: rows with the same start keep file order; an empty start sorts first
    codes.sort_by(|a, b| a.start.cmp(&b.start));
}

fn read_orgs(cx: &mut Ctx, sheet: &Sheet, refs: &Refs, out: &mut Kb) {
    let c_name = sheet.col("name");
    let c_aliases = sheet.col("aliases");
    let c_code = sheet.col("code");
    let c_type = sheet.col("type");
    let c_country = sheet.col("country");
    let c_wd = sheet.col("wikidata");
    let c_start = sheet.col("start");
    let c_end = sheet.col("end");
    let mut index: HashMap<&str, usize> = HashMap::new();
    for row in &sheet.rows {
        let n = row.line;
        let name = cell(row, c_name);
        cx.required(n, "name", name);
        let code = cell(row, c_code);
        if !code.is_empty() && cx.code(n, "code", code) {
            refs.check_prefix(cx, n, code);
        }
        let ty = cell(row, c_type);
        let kind = if cx.required(n, "type", ty) {
            cx.etype(n, ty, &[EntityType::Org, EntityType::Norp])
        } else {
            None
        };
        let country = cell(row, c_country);
        if !country.is_empty() && cx.code3(n, "country", country) {
            refs.check_country(cx, n, country);
        }
        let wikidata = cx.wikidata(n, "wikidata", cell(row, c_wd));
        let (start, end) = cx.dates(n, cell(row, c_start), cell(row, c_end));
        let aliases = cx.list(n, "aliases", cell(row, c_aliases));
        let dated = (!code.is_empty()).then(|| DatedCode {
            code: code.to_string(),
            start,
            end,
            role: None,
        });
        match index.get(name) {
            Some(&i) => {
                let o: &mut Org = &mut out.orgs[i];
                union(&mut o.aliases, aliases);
                o.codes.extend(dated);
                if o.country.is_none() {
                    o.country = opt(country);
                }
                if o.wikidata.is_none() {
                    o.wikidata = wikidata;
                }
            }
            None => {
                index.insert(name, out.orgs.len());
                out.orgs.push(Org {
                    name: name.to_string(),
                    aliases,
                    codes: dated.into_iter().collect(),
                    kind: kind.unwrap_or(EntityType::Org),
                    country: opt(country),
                    wikidata,
                });
            }
        }
    }
    for o in &mut out.orgs {
        sort_by_start(&mut o.codes);
    }
}

fn read_people(cx: &mut Ctx, sheet: &Sheet, refs: &Refs, out: &mut Kb) {
    let c_name = sheet.col("name");
    let c_aliases = sheet.col("aliases");
    let c_wd = sheet.col("wikidata");
    let c_code = sheet.col("code");
    let c_role = sheet.col("role");
    let c_start = sheet.col("start");
    let c_end = sheet.col("end");
    let c_gender = sheet.col("gender");
    let mut index: HashMap<(&str, &str), usize> = HashMap::new();
    let mut ids: HashMap<&str, (&str, u64)> = HashMap::new();
    for row in &sheet.rows {
        let n = row.line;
        let name = cell(row, c_name);
        cx.required(n, "name", name);
        let wd_cell = cell(row, c_wd);
        let wikidata = cx.wikidata(n, "wikidata", wd_cell);
        if !wd_cell.is_empty() {
            match ids.get(name) {
                Some(&(other, line)) if other != wd_cell => cx.warn(
                    codes::NAME_WIKIDATA,
                    Some(n),
                    format!(
                        "{name:?} has Wikidata id {wd_cell} here and {other} on line {line}: \
                         read as two people"
                    ),
                ),
                Some(_) => {}
                None => {
                    ids.insert(name, (wd_cell, n));
                }
            }
        }
        let code = cell(row, c_code);
        if cx.required(n, "code", code) && cx.code(n, "code", code) {
            refs.check_prefix(cx, n, code);
        }
        let role = cell(row, c_role);
        cx.required(n, "role", role);
        let (start, end) = cx.dates(n, cell(row, c_start), cell(row, c_end));
        let gender = match cell(row, c_gender) {
            "" => None,
            "m" => Some('m'),
            "f" => Some('f'),
            g => {
                cx.err(
                    codes::BAD_GENDER,
                    n,
                    format!("gender {g:?} is neither m nor f"),
                );
                None
            }
        };
        let aliases = cx.list(n, "aliases", cell(row, c_aliases));
        let dated = DatedCode {
            code: code.to_string(),
            start,
            end,
            role: opt(role),
        };
        match index.get(&(name, wd_cell)) {
            Some(&i) => {
                let p: &mut Person = &mut out.people[i];
                union(&mut p.aliases, aliases);
                p.roles.push(dated);
                if p.gender.is_none() {
                    p.gender = gender;
                }
            }
            None => {
                index.insert((name, wd_cell), out.people.len());
                out.people.push(Person {
                    name: name.to_string(),
                    aliases,
                    wikidata,
                    roles: vec![dated],
                    gender,
                });
            }
        }
    }
    for p in &mut out.people {
        sort_by_start(&mut p.roles);
    }
}

fn read_agents(cx: &mut Ctx, sheet: &Sheet, out: &mut Kb) {
    let c_pattern = sheet.col("pattern");
    let c_code = sheet.col("code");
    let c_type = sheet.col("type");
    let c_plural = sheet.col("plural");
    let c_attach = sheet.col("attach");
    for row in &sheet.rows {
        let n = row.line;
        let pattern = cell(row, c_pattern);
        if cx.required(n, "pattern", pattern) && pattern != pattern.to_lowercase() {
            cx.warn(
                codes::PATTERN_CASE,
                Some(n),
                format!("pattern {pattern:?} is not lower case"),
            );
        }
        let code = cell(row, c_code);
        if cx.required(n, "code", code) {
            cx.code(n, "code", code);
        }
        let prefix = match cell(row, c_attach) {
            "" | "suffix" => false,
            "prefix" => true,
            a => {
                cx.err(
                    codes::BAD_ATTACH,
                    n,
                    format!("attach {a:?} is neither suffix nor prefix"),
                );
                false
            }
        };
        let plural = match cell(row, c_plural) {
            "-" => None,
            "" => Some(regular_plural(pattern)),
            p => Some(p.to_string()),
        };
        out.agents.push(Agent {
            pattern: pattern.to_string(),
            plural,
            code: code.to_string(),
            kind: cell(row, c_type).to_string(),
            prefix,
        });
    }
}

/// Lays `new` over `base`: every base entry that `same` matches with a new entry of the same
/// `key` is replaced (the new entries take the place of the first one replaced); new entries
/// that match nothing are appended in their order.
fn overlay<T>(
    base: &mut Vec<T>,
    new: Vec<T>,
    key: impl Fn(&T) -> &str,
    same: impl Fn(&T, &T) -> bool,
) {
    if new.is_empty() {
        return;
    }
    if base.is_empty() {
        *base = new;
        return;
    }
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, t) in new.iter().enumerate() {
        by_key.entry(key(t).to_string()).or_default().push(i);
    }
    // decide with references first, then move
    let old = std::mem::take(base);
    let plans: Vec<Vec<usize>> = old
        .iter()
        .map(|b| match by_key.get(key(b)) {
            Some(c) => c.iter().copied().filter(|&i| same(b, &new[i])).collect(),
            None => Vec::new(),
        })
        .collect();
    let mut new: Vec<Option<T>> = new.into_iter().map(Some).collect();
    for (b, plan) in old.into_iter().zip(plans) {
        if plan.is_empty() {
            base.push(b);
        }
        for i in plan {
            if let Some(n) = new[i].take() {
                base.push(n);
            }
        }
    }
    base.extend(new.into_iter().flatten());
}

/// Lays the entries of one parsed file over `into`.
fn apply(into: &mut Kb, file: Kb) {
    if into.version.is_empty() {
        into.version = file.version;
    }
    for s in file.sources {
        if !into.sources.contains(&s) {
            into.sources.push(s);
        }
    }
    overlay(
        &mut into.countries,
        file.countries,
        |c| &c.code,
        |_, _| true,
    );
    overlay(
        &mut into.places,
        file.places,
        |p| &p.name,
        |a, b| a.country == b.country,
    );
    overlay(&mut into.regions, file.regions, |r| &r.code, |_, _| true);
    overlay(&mut into.orgs, file.orgs, |o| &o.name, |_, _| true);
    overlay(
        &mut into.people,
        file.people,
        |p| &p.name,
        |a, b| match (&a.wikidata, &b.wikidata) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        },
    );
    overlay(&mut into.agents, file.agents, |a| &a.pattern, |_, _| true);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2025-13-01"));
        assert!(!is_date("2025-1-01"));
        assert!(!is_date("2025-01-00"));
        assert!(!is_date("+025-01-01"));
    }

    #[test]
    fn cameo_shape() {
        assert!(is_cameo("RUS"));
        assert!(is_cameo("IGOUNO"));
        assert!(is_cameo("ABCDEFGHIJKLMNO"));
        assert!(!is_cameo("ABCDEFGHIJKLMNOPQR"));
        assert!(!is_cameo("RUSG"));
        assert!(!is_cameo("rus"));
        assert!(!is_cameo(""));
    }

    #[test]
    fn plurals() {
        assert_eq!(regular_plural("police officer"), "police officers");
        assert_eq!(
            regular_plural("member of parliament"),
            "members of parliament"
        );
        assert_eq!(regular_plural("boss"), "bosses");
        assert_eq!(regular_plural("militia"), "militias");
        assert_eq!(regular_plural("ministry"), "ministries");
        assert_eq!(regular_plural("attorney"), "attorneys");
        assert_eq!(regular_plural("church"), "churches");
        assert_eq!(regular_plural("commander-in-chief"), "commanders-in-chief");
        assert_eq!(regular_plural("spokesman"), "spokesmen");
        assert_eq!(regular_plural("congresswoman"), "congresswomen");
        assert_eq!(
            regular_plural("human rights activist"),
            "human rights activists"
        );
        assert_eq!(regular_plural("German"), "Germans");
    }

    #[test]
    fn overlay_replaces_in_place_and_appends() {
        let mut base = vec![("a", 1), ("b", 1), ("a", 2), ("c", 1)];
        overlay(
            &mut base,
            vec![("a", 9), ("d", 9), ("a", 8)],
            |t| t.0,
            |_, _| true,
        );
        assert_eq!(base, vec![("a", 9), ("a", 8), ("b", 1), ("c", 1), ("d", 9)]);
    }

    #[test]
    fn overlay_respects_same() {
        let mut base = vec![("a", 1), ("a", 2)];
        overlay(&mut base, vec![("a", 2)], |t| t.0, |x, y| x.1 == y.1);
        assert_eq!(base, vec![("a", 1), ("a", 2)]);
        overlay(&mut base, vec![("a", 3)], |t| t.0, |x, y| x.1 == y.1);
        assert_eq!(base, vec![("a", 1), ("a", 2), ("a", 3)]);
    }
}
