//! Loading and querying the knowledge base: the shipped files, user folders, diagnostics.
use std::path::Path;

use dateline_kb::{codes, DatedCode, Kb, KbError};
use dateline_model::{Diagnostic, EntityType, Severity};

fn roles<'a>(kb: &'a Kb, name: &str) -> &'a [DatedCode] {
    &kb.person(name)
        .unwrap_or_else(|| panic!("{name} is not in the KB"))
        .roles
}

fn code_of(codes: &[DatedCode], date: Option<&str>) -> Option<String> {
    Kb::code_on(codes, date).map(|c| c.code.clone())
}

fn dc(code: &str, start: Option<&str>, end: Option<&str>) -> DatedCode {
    DatedCode {
        code: code.to_string(),
        start: start.map(str::to_string),
        end: end.map(str::to_string),
        role: None,
    }
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn errors(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

/// The codes of the diagnostics on `line` of a file whose name ends with `file`.
fn codes_at(diags: &[Diagnostic], file: &str, line: u64) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d.file.as_deref().is_some_and(|f| f.ends_with(file)) && d.line == Some(line))
        .map(|d| d.code.clone())
        .collect()
}

const PEOPLE_HEADER: &str = "# dateline-kb/1 people\n# version: test\n# source: test fixture\n";

#[test]
fn embedded_kb_has_the_shipped_files() {
    let kb = Kb::embedded();
    assert!(kb.countries.len() >= 190, "{}", kb.countries.len());
    assert!(kb.people.len() >= 300, "{}", kb.people.len());
    assert!(kb.places.len() >= 100);
    assert!(kb.orgs.len() >= 100);
    assert!(kb.regions.len() >= 10);
    assert!(kb.agents.len() >= 1000);
    assert!(!kb.version.is_empty() && !kb.version.contains("+local"));
    assert!(kb.sources.iter().any(|s| s.contains("petrarch2")));
    let stats = kb.stats();
    assert_eq!(
        stats.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
        ["countries", "places", "regions", "orgs", "people", "agents"]
    );
    assert!(std::ptr::eq(kb, Kb::embedded()), "parsed once");
}

#[test]
fn dated_roles_of_shipped_people() {
    let kb = Kb::embedded();
    let biden = roles(kb, "Joe Biden");
    assert_eq!(
        code_of(biden, Some("2025-02-26")).as_deref(),
        Some("USAELI")
    );
    assert_eq!(
        code_of(biden, Some("2022-06-01")).as_deref(),
        Some("USAGOV")
    );
    let trump = roles(kb, "Donald Trump");
    assert_eq!(
        code_of(trump, Some("2025-02-26")).as_deref(),
        Some("USAGOV")
    );
    assert_eq!(
        code_of(trump, Some("2023-01-01")).as_deref(),
        Some("USAELI")
    );
    // handover days: the row that starts that day wins
    assert_eq!(
        code_of(trump, Some("2025-01-20")).as_deref(),
        Some("USAGOV")
    );
    assert_eq!(
        code_of(trump, Some("2021-01-20")).as_deref(),
        Some("USAELI")
    );
    assert_eq!(
        code_of(biden, Some("2021-01-20")).as_deref(),
        Some("USAGOV")
    );
    assert_eq!(
        code_of(biden, Some("2025-01-20")).as_deref(),
        Some("USAELI")
    );
    // no date: the open-ended row
    assert_eq!(code_of(trump, None).as_deref(), Some("USAGOV"));
    assert_eq!(code_of(biden, None).as_deref(), Some("USAELI"));
    // roles are sorted by start, an empty start first
    assert!(trump[0].start.is_none());
    assert!(trump.windows(2).all(|w| w[0].start <= w[1].start));
    assert_eq!(
        Kb::code_on(trump, Some("2025-02-26"))
            .unwrap()
            .role
            .as_deref(),
        Some("President of the United States")
    );
}

#[test]
fn dated_codes_of_shipped_orgs() {
    let kb = Kb::embedded();
    let taliban = &kb.org("Taliban").unwrap().codes;
    assert_eq!(taliban.len(), 2);
    assert_eq!(
        code_of(taliban, Some("2020-01-01")).as_deref(),
        Some("AFGREB")
    );
    assert_eq!(
        code_of(taliban, Some("2021-08-15")).as_deref(),
        Some("AFGGOV")
    );
    assert_eq!(code_of(taliban, None).as_deref(), Some("AFGGOV"));
    // news agencies carry no code
    assert!(kb.org("Reuters").unwrap().codes.is_empty());
    assert_eq!(code_of(&kb.org("Reuters").unwrap().codes, None), None);
}

#[test]
fn code_on_rules() {
    let closed = [
        dc("AAAGOV", Some("2010-01-01"), Some("2015-01-01")),
        dc("AAAELI", Some("2015-01-01"), Some("2020-01-01")),
    ];
    // no open row: the latest
    assert_eq!(code_of(&closed, None).as_deref(), Some("AAAELI"));
    // no row holds
    assert_eq!(code_of(&closed, Some("2009-12-31")), None);
    assert_eq!(code_of(&closed, Some("2020-01-02")), None);
    // bounds are inclusive, the handover day goes to the row starting that day
    assert_eq!(
        code_of(&closed, Some("2010-01-01")).as_deref(),
        Some("AAAGOV")
    );
    assert_eq!(
        code_of(&closed, Some("2015-01-01")).as_deref(),
        Some("AAAELI")
    );
    assert_eq!(
        code_of(&closed, Some("2020-01-01")).as_deref(),
        Some("AAAELI")
    );
    // a timestamp counts by its date; something that is no date counts as none
    assert_eq!(
        code_of(&closed, Some("2012-05-05T10:00:00Z")).as_deref(),
        Some("AAAGOV")
    );
    assert_eq!(code_of(&closed, Some("soon")).as_deref(), Some("AAAELI"));
    assert_eq!(code_of(&[], Some("2012-01-01")), None);
    assert_eq!(code_of(&[], None), None);

    // an undated code holds always; a later appointment wins while it lasts
    let overlapping = [
        dc("BBBBUS", None, None),
        dc("BBBGOV", Some("2025-01-20"), Some("2025-05-30")),
    ];
    assert_eq!(
        code_of(&overlapping, Some("2025-03-01")).as_deref(),
        Some("BBBGOV")
    );
    assert_eq!(
        code_of(&overlapping, Some("2025-06-01")).as_deref(),
        Some("BBBBUS")
    );
    assert_eq!(code_of(&overlapping, None).as_deref(), Some("BBBBUS"));
    // two open rows without a date: the later start
    let two_open = [
        dc("CCCGOV", Some("2001-01-01"), None),
        dc("CCCMIL", None, None),
    ];
    assert_eq!(code_of(&two_open, None).as_deref(), Some("CCCGOV"));
}

#[test]
fn country_lookup_and_seats() {
    let kb = Kb::embedded();
    let rus = kb.country("RUS").unwrap();
    assert_eq!(rus.name, "Russia");
    assert_eq!(rus.iso2, "RU");
    assert!(rus
        .seats
        .iter()
        .any(|(name, code)| name == "Kremlin" && code == "RUSGOV"));
    assert_eq!(rus.capital.as_deref(), Some("Moscow"));
    assert!(rus.demonyms.iter().any(|d| d == "Russian"));
    assert!(kb.country("XXX").is_none());
}

#[test]
fn user_people_override_and_extend_the_base() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "people-local.tsv",
        &format!(
            "{PEOPLE_HEADER}name\taliases\twikidata\tcode\trole\tstart\tend\tgender\tsrc\n\
             Joe Biden\tJoseph R. Biden\tQ6279\tUSAGOV\tTest role\t2021-01-20\t\tm\tlocal\n\
             Jane Example\t\t\tGBRGOV\tMinister of Examples\t2024-07-05\t\tf\tlocal\n\
             Jane Example\t\t\tGBRELI\tFormer Minister\t2020-01-01\t2024-07-05\tf\tlocal\n"
        ),
    );
    let kb = Kb::load_dir(dir.path()).unwrap();
    assert!(kb.version.ends_with("+local"), "{}", kb.version);
    assert_eq!(kb.version, format!("{}+local", Kb::embedded().version));
    let biden = kb.person("Joe Biden").unwrap();
    assert_eq!(biden.roles.len(), 1, "all base rows replaced");
    assert_eq!(biden.aliases, ["Joseph R. Biden"]);
    assert_eq!(
        code_of(&biden.roles, Some("2025-02-26")).as_deref(),
        Some("USAGOV")
    );
    assert_eq!(
        kb.people.iter().filter(|p| p.name == "Joe Biden").count(),
        1
    );
    let jane = kb.person("Jane Example").unwrap();
    assert_eq!(jane.gender, Some('f'));
    assert_eq!(jane.roles.len(), 2);
    assert_eq!(jane.roles[0].code, "GBRELI", "sorted by start");
    assert_eq!(
        code_of(&jane.roles, Some("2024-07-05")).as_deref(),
        Some("GBRGOV")
    );
    assert_eq!(kb.people.len(), Kb::embedded().people.len() + 1);
    // the base itself is untouched: four dateline rows and Phoenix's one before 2009
    let base = &Kb::embedded().person("Joe Biden").unwrap().roles;
    assert_eq!(base.len(), 5);
    assert_eq!(base.iter().filter(|r| r.code == "USAGOV").count(), 2);
    assert!(kb.sources.iter().any(|s| s == "test fixture"));
}

#[test]
fn user_files_of_every_kind_override_by_key() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "countries.tsv",
        "# dateline-kb/1 countries\n# source: t\ncode\tiso2\tname\tseats\n\
         RUS\tRU\tRussian Federation\tKremlin=RUSGOV|Old Square=RUSGOV\n\
         XKX\tXX\tExampleland\t\n",
    );
    write(
        dir.path(),
        "organizations-extra.tsv",
        "# dateline-kb/1 organizations\n# source: t\nname\tcode\ttype\tcountry\tstart\tend\n\
         Taliban\tAFGGOV\tORG\tAFG\t\t\n\
         Example Party\tXKXPTY\tORG\tXKX\t\t\n\
         Example Wire\t\tORG\tXKX\t\t\n",
    );
    write(
        dir.path(),
        "agents-mine.tsv",
        "# dateline-kb/1 agents\n# source: t\npattern\tcode\ttype\tplural\tattach\n\
         police\tMIL\tORG\t-\tsuffix\n\
         blue helmet\tIGO\tPERSON-role\t\tprefix\n",
    );
    write(dir.path(), "README.txt", "not a KB file");
    let kb = Kb::load_dir(dir.path()).unwrap();
    let base = Kb::embedded();
    assert_eq!(kb.country("RUS").unwrap().name, "Russian Federation");
    assert_eq!(kb.country("RUS").unwrap().seats.len(), 2);
    assert_eq!(kb.countries.len(), base.countries.len() + 1);
    let pos = |kb: &Kb| kb.countries.iter().position(|c| c.code == "RUS");
    assert_eq!(pos(&kb), pos(base), "replaced in place");
    // organisation codes may start with a country defined in the same folder
    assert_eq!(kb.org("Example Party").unwrap().codes[0].code, "XKXPTY");
    assert!(kb.org("Example Wire").unwrap().codes.is_empty());
    let taliban = &kb.org("Taliban").unwrap().codes;
    assert_eq!(taliban.len(), 1);
    assert_eq!(
        code_of(taliban, Some("2020-01-01")).as_deref(),
        Some("AFGGOV")
    );
    let police: Vec<_> = kb.agents.iter().filter(|a| a.pattern == "police").collect();
    assert_eq!(police.len(), 1);
    assert_eq!(police[0].code, "MIL");
    assert_eq!(police[0].plural, None);
    let bh = kb
        .agents
        .iter()
        .find(|a| a.pattern == "blue helmet")
        .unwrap();
    assert!(bh.prefix);
    assert_eq!(bh.plural.as_deref(), Some("blue helmets"));
    assert_eq!(bh.kind, "PERSON-role");
}

#[test]
fn broken_user_file_reports_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "people.tsv",
        &format!(
            "{PEOPLE_HEADER}name\taliases\twikidata\tcode\trole\tstart\tend\tgender\n\
             Good Person\t\tQ1\tGBRGOV\tMinister\t2020-01-01\t\tm\n\
             Bad Code\t\t\tgbrgov\tMinister\t\t\tm\n\
             Bad Date\t\t\tGBRGOV\tMinister\t2020-02-30\t\tm\n\
             Backwards\t\t\tGBRGOV\tMinister\t2021-01-01\t2020-01-01\tm\n\
             No Role\t\t\tGBRGOV\t\t\t\tf\n\
             Odd Gender\t\tQ5x\tGBRGOV\tMinister\t\t\tx\n\
             Too Few\tGBRGOV\n\
             Nowhere\t\t\tZZZGOV\tMinister\t\t\tm\n\
             \t\t\tGBRGOV|USAGOV\tMinister\t\t\tm\n"
        ),
    );
    write(
        dir.path(),
        "cities.tsv",
        "# dateline-kb/1 places\n# source: t\nname\tcountry\ttype\n\
         Springfield\tUSA\tCITY\n\
         Atlantis\tATL\tLOC\n",
    );
    let err = Kb::load_dir(dir.path()).unwrap_err();
    let KbError::Invalid { diagnostics } = &err else {
        panic!("expected Invalid, got {err}");
    };
    let d = diagnostics;
    // header lines 1-3, column row 4, data from line 5
    assert!(codes_at(d, "people.tsv", 5).is_empty());
    assert_eq!(codes_at(d, "people.tsv", 6), [codes::BAD_CODE]);
    assert_eq!(codes_at(d, "people.tsv", 7), [codes::BAD_DATE]);
    assert_eq!(codes_at(d, "people.tsv", 8), [codes::DATE_ORDER]);
    assert_eq!(codes_at(d, "people.tsv", 9), [codes::EMPTY_CELL]);
    let l10 = codes_at(d, "people.tsv", 10);
    assert!(l10.contains(&codes::BAD_GENDER.to_string()), "{l10:?}");
    assert!(l10.contains(&codes::BAD_WIKIDATA.to_string()), "{l10:?}");
    assert_eq!(codes_at(d, "people.tsv", 11), [codes::CELL_COUNT]);
    assert_eq!(codes_at(d, "people.tsv", 12), [codes::UNKNOWN_PREFIX]);
    let l13 = codes_at(d, "people.tsv", 13);
    assert!(l13.contains(&codes::EMPTY_CELL.to_string()), "{l13:?}");
    assert!(l13.contains(&codes::BAD_CODE.to_string()), "{l13:?}");
    assert_eq!(codes_at(d, "cities.tsv", 4), [codes::BAD_TYPE]);
    assert_eq!(codes_at(d, "cities.tsv", 5), [codes::UNKNOWN_COUNTRY]);
    for e in errors(d) {
        assert!(e.file.is_some() && e.line.is_some(), "{e}");
    }
    // the message lists every problem as file:line
    let text = err.to_string();
    assert!(text.contains("people.tsv:6:"), "{text}");
    assert!(text.contains("cities.tsv:5:"), "{text}");
    // validate_dir reports the same problems
    let v = Kb::validate_dir(dir.path());
    assert_eq!(errors(&v).len(), errors(d).len());
}

#[test]
fn columns_are_mapped_by_name() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "people.tsv",
        &format!(
            "{PEOPLE_HEADER}gender\tend\tstart\trole\tcode\twikidata\tname\tnotes\tsrc\n\
             f\t\t2024-01-01\tMayor of Example\tGBRGOV\tQ42\tAnna Sample\twhatever\tlocal\n"
        ),
    );
    let kb = Kb::load_dir(dir.path()).unwrap();
    let anna = kb.person("Anna Sample").unwrap();
    assert_eq!(anna.wikidata.as_deref(), Some("Q42"));
    assert_eq!(anna.gender, Some('f'));
    assert_eq!(anna.roles[0].role.as_deref(), Some("Mayor of Example"));
    assert_eq!(anna.roles[0].start.as_deref(), Some("2024-01-01"));
    assert!(anna.aliases.is_empty());
    // without optional columns
    let mut into = Kb::default();
    Kb::parse_file(
        "people.tsv",
        "# dateline-kb/1 people\n# source: t\nname\tcode\trole\nX Y\tGBRGOV\tMinister\n",
        &mut into,
    )
    .unwrap();
    assert_eq!(into.people[0].gender, None);
    assert_eq!(
        code_of(&into.people[0].roles, None).as_deref(),
        Some("GBRGOV")
    );
}

#[test]
fn header_and_column_errors() {
    let cases: &[(&str, &str)] = &[
        ("", codes::BAD_HEADER),
        ("name\tcode\trole\n", codes::BAD_HEADER),
        (
            "# dateline-kb/2 people\nname\tcode\trole\n",
            codes::BAD_HEADER,
        ),
        ("# dateline-kb/1 widgets\nname\n", codes::UNKNOWN_KIND),
        (
            "# dateline-kb/1 people\n# source: t\n",
            codes::MISSING_COLUMN,
        ),
        (
            "# dateline-kb/1 people\nname\tcode\n",
            codes::MISSING_COLUMN,
        ),
        (
            "# dateline-kb/1 people\nname\tcode\trole\tcode\n",
            codes::DUPLICATE_COLUMN,
        ),
        (
            "# dateline-kb/1 people\nname\tcode\trole\nA\tGBRGOV\tX\nA\tGBRGOV\tX\n",
            codes::DUPLICATE_ROW,
        ),
        (
            "# dateline-kb/1 people\nname\taliases\tcode\trole\nA\tB||C\tGBRGOV\tX\n",
            codes::EMPTY_ELEMENT,
        ),
    ];
    for (text, code) in cases {
        let mut into = Kb::default();
        let diags = Kb::parse_file("people.tsv", text, &mut into).unwrap_err();
        assert!(
            diags.iter().any(|d| d.code == *code),
            "{text:?}: expected {code}, got {diags:?}"
        );
        assert_eq!(
            into,
            Kb::default(),
            "nothing loaded from a file with errors"
        );
    }
}

#[test]
fn file_with_errors_is_not_loaded_partially() {
    let mut kb = Kb::embedded().clone();
    let text = format!(
        "{PEOPLE_HEADER}name\twikidata\tcode\trole\n\
         Joe Biden\tQ6279\tUSAGOV\tOverride\n\
         Broken\t\tUSA-GOV\tX\n"
    );
    let diags = Kb::parse_file("people.tsv", &text, &mut kb).unwrap_err();
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, codes::BAD_CODE);
    assert_eq!(diags[0].location(), "people.tsv:6");
    assert_eq!(&kb, Kb::embedded());
}

#[test]
fn rows_of_every_kind_parse() {
    let mut kb = Kb::default();
    let files = [
        (
            "countries.tsv",
            "# dateline-kb/1 countries\n# version: 9\n# source: s1\n\
             code\tiso2\tname\twikidata\taliases\tdemonyms\tcapital\tcapital_aliases\tseats\n\
             AAA\tAA\tAland\tQ1\tThe Aland|Alandia\tAlander|Alanders\tA City\tAcity\tHall=AAAGOV\n",
        ),
        (
            "regions.tsv",
            "# dateline-kb/1 regions\n# source: s2\ncode\tname\taliases\tdemonyms\ttype\n\
             ZZR\tZedland\t\tZeds\tNORP\n",
        ),
        (
            "places.tsv",
            "# dateline-kb/1 places\n# source: s1\nname\taliases\tcountry\twikidata\ttype\n\
             A City\tAcity\tAAA\tQ2\tGPE\nA Sea\t\t\t\tLOC\n",
        ),
        (
            "organizations.tsv",
            "# dateline-kb/1 organizations\n# source: s1\n\
             name\taliases\tcode\ttype\tcountry\twikidata\tstart\tend\n\
             Front\tF\tAAAREB\tORG\tAAA\t\t\t2020-01-01\n\
             Front\tThe Front\tAAAGOV\tORG\tAAA\tQ3\t2020-01-01\t\n\
             Zed Union\t\tIGOZZR\tORG\t\t\t\t\n",
        ),
        (
            "agents.tsv",
            "# dateline-kb/1 agents\n# source: s1\npattern\tcode\ttype\tplural\tattach\n\
             spy\tSPY\tPERSON-role\t\t\nchief of police\tCOP\tPERSON-role\t\tsuffix\n\
             police\tCOP\tORG\t-\tsuffix\n",
        ),
    ];
    for (name, text) in files {
        Kb::parse_file(name, text, &mut kb).unwrap_or_else(|d| panic!("{name}: {d:?}"));
    }
    assert_eq!(kb.version, "9");
    assert_eq!(kb.sources, ["s1", "s2"]);
    let a = kb.country("AAA").unwrap();
    assert_eq!(a.aliases, ["The Aland", "Alandia"]);
    assert_eq!(a.capital_aliases, ["Acity"]);
    assert_eq!(a.seats, [("Hall".to_string(), "AAAGOV".to_string())]);
    assert_eq!(kb.regions[0].kind, EntityType::Norp);
    assert_eq!(kb.places[1].kind, EntityType::Loc);
    assert_eq!(kb.places[1].country, None);
    let front = kb.org("Front").unwrap();
    assert_eq!(front.aliases, ["F", "The Front"]);
    assert_eq!(front.wikidata.as_deref(), Some("Q3"));
    assert_eq!(
        code_of(&front.codes, Some("2019-01-01")).as_deref(),
        Some("AAAREB")
    );
    assert_eq!(
        code_of(&front.codes, Some("2020-01-01")).as_deref(),
        Some("AAAGOV")
    );
    let plural = |p: &str| {
        kb.agents
            .iter()
            .find(|a| a.pattern == p)
            .unwrap()
            .plural
            .clone()
    };
    assert_eq!(plural("spy").as_deref(), Some("spies"));
    assert_eq!(
        plural("chief of police").as_deref(),
        Some("chiefs of police")
    );
    assert_eq!(plural("police"), None);
}

#[test]
fn validate_dir_reports_warnings_and_io_problems() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mine.tsv",
        "# dateline-kb/1 people\nname\tcode\trole\twikidta\nA B\tGBRGOV\tX\tQ1\n",
    );
    let v = Kb::validate_dir(dir.path());
    assert!(errors(&v).is_empty(), "{v:?}");
    let got: Vec<&str> = v.iter().map(|d| d.code.as_str()).collect();
    for code in [codes::FILE_NAME, codes::NO_SOURCE, codes::UNKNOWN_COLUMN] {
        assert!(got.contains(&code), "{code} missing in {got:?}");
    }
    // warnings do not stop loading
    assert!(Kb::load_dir(dir.path()).unwrap().person("A B").is_some());

    let missing = dir.path().join("no-such-folder");
    assert_eq!(Kb::validate_dir(&missing)[0].code, codes::IO);
    assert!(matches!(Kb::load_dir(&missing), Err(KbError::Io { .. })));

    let empty = tempfile::tempdir().unwrap();
    assert_eq!(Kb::validate_dir(empty.path())[0].code, codes::NO_FILES);

    let bad = tempfile::tempdir().unwrap();
    std::fs::write(
        bad.path().join("people.tsv"),
        b"# dateline-kb/1 people\n\xff\n",
    )
    .unwrap();
    assert_eq!(Kb::validate_dir(bad.path())[0].code, codes::IO);
}

#[test]
fn the_shipped_folder_validates_clean() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/kb");
    let v = Kb::validate_dir(&dir);
    assert!(v.is_empty(), "{v:?}");
    // laying the shipped files over themselves changes nothing
    assert_eq!(Kb::load_dir(&dir).unwrap().people, Kb::embedded().people);
}

#[test]
fn search_ranks_names() {
    let kb = Kb::embedded();
    let hits = kb.search("putin", 5);
    assert_eq!(hits[0].name, "Vladimir Putin");
    assert_eq!(hits[0].kind, "person");
    assert_eq!(hits[0].code.as_deref(), Some("RUSGOV"));
    let hits = kb.search("kiev", 5);
    assert_eq!(hits[0].name, "Kyiv");
    assert_eq!(hits[0].matched, "Kiev");
    assert!(kb
        .search("ZELENSK", 5)
        .iter()
        .any(|h| h.name == "Volodymyr Zelenskyy"));
    // diacritics fold both ways
    assert!(kb.search("tiranë", 3).iter().any(|h| h.name == "Tirana"));
    assert!(kb
        .search("elysee", 3)
        .iter()
        .any(|h| h.code.as_deref() == Some("FRAGOV")));
    // exact before prefix before substring
    let hits = kb.search("georgia", 10);
    assert_eq!(hits[0].name, "Georgia");
    assert_eq!(hits[0].kind, "country");
    assert!(kb.search("russia", 1)[0].name == "Russia");
    assert_eq!(kb.search("russia", 3).len(), 3);
    assert!(kb.search("", 10).is_empty());
    assert!(kb.search("qqqxqqq", 10).is_empty());
}

#[test]
fn data_warnings_are_reported_but_do_not_block() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "people.tsv",
        &format!(
            "{PEOPLE_HEADER}name\twikidata\tcode\trole\n\
             Same Name\tQ10\tGBRGOV\tMinister\n\
             Same Name\tQ11\tFRAGOV\tMinister\n\
             Vladimir Putin\t\tRUSGOV\tPresident of Russia\n"
        ),
    );
    write(
        dir.path(),
        "agents.tsv",
        "# dateline-kb/1 agents\n# source: t\npattern\tcode\nBorder Guard\tMIL\n",
    );
    let v = Kb::validate_dir(dir.path());
    assert!(errors(&v).is_empty(), "{v:?}");
    assert_eq!(codes_at(&v, "people.tsv", 6), [codes::NAME_WIKIDATA]);
    assert_eq!(codes_at(&v, "agents.tsv", 4), [codes::PATTERN_CASE]);
    let kb = Kb::load_dir(dir.path()).unwrap();
    assert_eq!(
        kb.people.iter().filter(|p| p.name == "Same Name").count(),
        2
    );
    // a user row without a Wikidata id replaces the base person of that name
    let putin: Vec<_> = kb
        .people
        .iter()
        .filter(|p| p.name == "Vladimir Putin")
        .collect();
    assert_eq!(putin.len(), 1);
    assert_eq!(putin[0].roles.len(), 1);
    assert_eq!(putin[0].wikidata, None);
}

/// The shipped data folder.
fn data_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/kb")
}

/// The data rows of a shipped file, each split into cells by column name.
fn data_rows(file: &str) -> Vec<std::collections::HashMap<String, String>> {
    let text = std::fs::read_to_string(data_dir().join(file)).unwrap();
    let mut cols: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cells: Vec<String> = line.split('\t').map(str::to_string).collect();
        match &cols {
            None => cols = Some(cells),
            Some(c) => rows.push(c.iter().cloned().zip(cells).collect()),
        }
    }
    rows
}

#[test]
fn historical_people_from_phoenix_resolve_by_date() {
    let kb = Kb::embedded();
    // a row in Phoenix's terms: [DZAELI 550101-000101] [DZAGOV >990427] [DZAELI]
    let b = roles(kb, "Abdelaziz Bouteflika");
    assert_eq!(code_of(b, Some("2008-08-20")).as_deref(), Some("DZAGOV"));
    assert_eq!(code_of(b, Some("1999-04-27")).as_deref(), Some("DZAGOV"));
    assert_eq!(code_of(b, Some("1999-04-26")).as_deref(), Some("DZAELI"));
    assert_eq!(code_of(b, Some("1962-07-05")).as_deref(), Some("DZAELI"));
    // no date: the role in force when the dictionary was last edited
    assert_eq!(code_of(b, None).as_deref(), Some("DZAGOV"));
    // after that nothing is claimed (an empty end would mean "still in 2025")
    assert_eq!(code_of(b, Some("2016-01-01")), None);
    assert!(b.iter().all(|r| r.end.as_deref() <= Some("2015-02-17")));

    // the undated default is only the fallback between and after dated roles
    let w = roles(kb, "George W. Bush");
    assert_eq!(code_of(w, Some("2003-03-20")).as_deref(), Some("USAGOV"));
    assert_eq!(code_of(w, Some("1995-01-01")).as_deref(), Some("USAELI"));
    assert_eq!(code_of(w, Some("2012-01-01")).as_deref(), Some("USAELI"));
    assert_eq!(code_of(w, None).as_deref(), Some("USAELI"));
    let father = roles(kb, "George Bush");
    assert_eq!(
        code_of(father, Some("1990-08-02")).as_deref(),
        Some("USAGOV")
    );
    assert_eq!(
        code_of(father, Some("2003-03-20")).as_deref(),
        Some("USAELI")
    );
    // "President Bush" names both: the resolver picks by date
    for name in ["George Bush", "George W. Bush"] {
        assert!(kb
            .person(name)
            .unwrap()
            .aliases
            .iter()
            .any(|a| a == "President Bush"));
    }

    // a head of an IGO, from Phoenix.International (its default [ELI] has no country: dropped)
    let annan = kb.person("Kofi Annan").unwrap();
    assert!(annan.aliases.iter().any(|a| a == "Kofi Atta Annan"));
    assert_eq!(
        code_of(&annan.roles, Some("2003-03-20")).as_deref(),
        Some("IGOUNO")
    );
    assert_eq!(code_of(&annan.roles, None).as_deref(), Some("IGOUNO"));
    // names proper-cased, Arabic articles written al-X with the usual other spellings
    let abadi = kb.person("Haidar al-Abadi").unwrap();
    assert!(abadi.aliases.iter().any(|a| a == "Haidar Abadi"));
    assert!(abadi.aliases.iter().any(|a| a == "Haidar Al-Abadi"));
    assert!(kb.person("Mahmoud Abbas").is_some());
    // a mononym head of state is kept; one-word and office entries are not people
    assert_eq!(
        code_of(roles(kb, "Suharto"), Some("1990-01-01")).as_deref(),
        Some("IDNGOV")
    );
    assert!(kb.person("Hussein").is_none());
    assert!(kb.person("White House").is_none());
    assert!(kb.person("Bush Administration").is_none());
}

#[test]
fn people_of_2015_on_keep_their_codes_and_gain_earlier_roles() {
    let kb = Kb::embedded();
    let putin = roles(kb, "Vladimir Putin");
    assert_eq!(
        code_of(putin, Some("2025-02-26")).as_deref(),
        Some("RUSGOV")
    );
    assert_eq!(code_of(putin, None).as_deref(), Some("RUSGOV"));
    assert_eq!(
        code_of(putin, Some("2005-01-01")).as_deref(),
        Some("RUSGOV")
    );
    // Phoenix's rows before the first dateline row (2000-05-07): prime minister from 1999-08-09
    assert_eq!(
        code_of(putin, Some("1999-09-01")).as_deref(),
        Some("RUSGOV")
    );
    assert_eq!(
        code_of(putin, Some("1995-01-01")).as_deref(),
        Some("RUSELI")
    );
    let biden = roles(kb, "Joe Biden");
    assert_eq!(
        code_of(biden, Some("2025-02-26")).as_deref(),
        Some("USAELI")
    );
    assert_eq!(
        code_of(biden, Some("2022-06-01")).as_deref(),
        Some("USAGOV")
    );
    assert_eq!(
        code_of(biden, Some("2005-01-01")).as_deref(),
        Some("USAELI")
    );
    // the added rows end on or before each person's first dateline row, and carry its id
    let people = data_rows("people.tsv");
    let mut first: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for r in people.iter().filter(|r| r["src"] != "phoenix") {
        let e = first
            .entry(r["name"].as_str())
            .or_insert(r["start"].as_str());
        if r["start"].as_str() < *e {
            *e = r["start"].as_str();
        }
    }
    let added: Vec<_> = people.iter().filter(|r| r["src"] == "phoenix").collect();
    assert!(added.len() > 100, "{}", added.len());
    for r in added {
        let start = first
            .get(r["name"].as_str())
            .unwrap_or_else(|| panic!("{} is not a dateline person", r["name"]));
        assert!(
            !start.is_empty(),
            "{} holds a role since long ago",
            r["name"]
        );
        assert!(r["end"].as_str() <= *start, "{r:?} runs past {start}");
        let id = people
            .iter()
            .find(|x| x["name"] == r["name"] && x["src"] != "phoenix")
            .unwrap()["wikidata"]
            .clone();
        assert_eq!(r["wikidata"], id, "{r:?}");
    }
}

#[test]
fn phoenix_rows_have_no_duplicate_or_overlapping_periods() {
    let rows = data_rows("people_phoenix.tsv");
    assert!(rows.len() > 20_000, "{}", rows.len());
    let mut by_name: std::collections::BTreeMap<&str, Vec<(&str, &str)>> = Default::default();
    for r in &rows {
        assert_eq!(r["src"], "phoenix");
        assert!(!r["end"].is_empty(), "{r:?}: an empty end would claim 2025");
        by_name
            .entry(r["name"].as_str())
            .or_default()
            .push((r["start"].as_str(), r["end"].as_str()));
    }
    for (name, mut spans) in by_name {
        spans.sort();
        for w in spans.windows(2) {
            assert!(
                !w[0].1.is_empty() && w[0].1 < w[1].0,
                "{name}: {:?} and {:?} overlap",
                w[0],
                w[1]
            );
        }
    }
    // one file per name: the generated files only add entries
    let curated: std::collections::HashSet<String> = data_rows("people.tsv")
        .into_iter()
        .map(|r| r["name"].clone())
        .collect();
    assert!(rows.iter().all(|r| !curated.contains(&r["name"])));
    let orgs: std::collections::HashSet<String> = data_rows("organizations.tsv")
        .into_iter()
        .map(|r| r["name"].clone())
        .collect();
    assert!(data_rows("organizations_phoenix.tsv")
        .iter()
        .all(|r| !orgs.contains(&r["name"]) && r["src"] == "phoenix"));
    // every shipped person and organisation is loaded once
    let kb = Kb::embedded();
    let mut seen = std::collections::HashSet::new();
    for p in &kb.people {
        assert!(
            seen.insert((p.name.as_str(), p.wikidata.as_deref())),
            "{} twice",
            p.name
        );
        let mut rs: Vec<_> = p
            .roles
            .iter()
            .map(|r| (&r.code, &r.start, &r.end))
            .collect();
        let n = rs.len();
        rs.dedup();
        assert_eq!(rs.len(), n, "{} repeats a period", p.name);
    }
}

#[test]
fn organisations_from_phoenix_and_their_aliases() {
    let kb = Kb::embedded();
    let code = |name: &str, date: Option<&str>| {
        code_of(
            &kb.org(name)
                .unwrap_or_else(|| panic!("{name} is not in the KB"))
                .codes,
            date,
        )
    };
    assert_eq!(
        code("European Community", None).as_deref(),
        Some("IGOEUREEC")
    );
    assert_eq!(
        code("Islamic Salvation Front", None).as_deref(),
        Some("DZAOPP")
    );
    assert_eq!(
        code("Moro Islamic Liberation Front", None).as_deref(),
        Some("PHLREB")
    );
    assert_eq!(code("Tawhid and Jihad", None).as_deref(), Some("IRQREB"));
    let bush = &kb.org("Bush administration").unwrap().codes;
    assert_eq!(code_of(bush, Some("2003-03-20")).as_deref(), Some("USAGOV"));
    assert_eq!(code_of(bush, Some("1995-01-01")), None);
    let unsc = kb.org("United Nations Security Council").unwrap();
    assert!(unsc.aliases.iter().any(|a| a == "Security Council"));
    let aq = kb.org("Al-Qaeda").unwrap();
    assert!(aq.aliases.iter().any(|a| a == "al-Qaeda"));
    // groups only: people and companies of the Phoenix files are not organisations
    assert!(kb.org("Koichiro Matsuura").is_none());
    assert!(kb.org("Hafiz Saeed").is_none());
    let generated: Vec<_> = data_rows("organizations_phoenix.tsv");
    assert!(generated.len() > 500, "{}", generated.len());
    assert!(generated
        .iter()
        .all(|r| !r["code"].starts_with("MNC") && !r["code"].starts_with("NGO")));
}

#[test]
fn the_manifest_lists_every_data_file_with_its_row_count() {
    let man = std::fs::read_to_string(data_dir().join("MANIFEST")).unwrap();
    let listed: Vec<(String, usize)> = man
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 3, "{l}");
            assert_eq!(f[2].len(), 64, "sha256 of {}", f[0]);
            (f[0].to_string(), f[1].parse().unwrap())
        })
        .collect();
    let mut files: Vec<String> = std::fs::read_dir(data_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tsv"))
        .collect();
    files.sort();
    let names: Vec<&String> = listed.iter().map(|(f, _)| f).collect();
    assert_eq!(names, files.iter().collect::<Vec<_>>());
    for (f, n) in &listed {
        assert_eq!(data_rows(f).len(), *n, "{f}: rows in MANIFEST");
    }
}
