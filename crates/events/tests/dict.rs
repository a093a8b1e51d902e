//! The shipped verb dictionary and code table: they parse, they inflect, they match.
use dateline_events::cameo::CameoTable;
use dateline_events::verbs::{VerbDict, VerbMatch};

const CAMEO_VERBS: &str = include_str!("../../../data/events/CAMEO.2.0.txt");
const EXTRA_VERBS: &str = include_str!("../../../data/events/verbs-extra.txt");

/// Lines of a dictionary text that are patterns / block headers, counted independently of the
/// parser.
fn count_lines(text: &str) -> (usize, usize) {
    let mut patterns = 0;
    let mut headers = 0;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("---") {
            headers += 1;
        } else if t.starts_with('-') {
            patterns += 1;
        }
    }
    (headers, patterns)
}

/// Splits a clause into lower-case words (tests only: the pipeline has a real tokenizer).
fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// Matches the first word of `clause` that is a form of `verb_form`.
fn code_in(dict: &VerbDict, clause: &str, verb_form: &str) -> Option<VerbMatch> {
    let w = words(clause);
    let at = w
        .iter()
        .position(|x| *x == verb_form)
        .expect("verb in clause");
    let id = dict.lookup(verb_form).expect("verb in dictionary");
    dict.match_at(id, &w, at)
}

#[test]
fn every_pattern_line_of_the_shipped_dictionary_parses() {
    let base = VerbDict::parse(CAMEO_VERBS).expect("CAMEO.2.0.txt parses");
    let s = base.stats();
    let (headers, patterns) = count_lines(CAMEO_VERBS);
    assert_eq!(headers, 397);
    assert_eq!(patterns, 4668, "the kb README's count");
    assert_eq!(s.blocks, 397, "block names are unique in PETRARCH's file");
    assert_eq!(s.patterns, 4668, "every pattern line is kept");
    assert_eq!(s.synsets, 40);
    assert_eq!(s.verbs, 1817, "verb lines, single- and multi-word");
    assert!(s.forms > 6000, "{s:?}");
    let undefined: Vec<&str> = base
        .warnings()
        .iter()
        .map(|w| w.split('&').nth(1).unwrap().split(' ').next().unwrap())
        .collect();
    assert_eq!(
        undefined,
        ["FIGHT_CRIM", "FIGHT_GAMES", "WEATHER", "DEMONSTRATION"]
    );
    assert!(
        base.warnings()[0].starts_with("line 2406: "),
        "{:?}",
        base.warnings()
    );

    let all = VerbDict::embedded().stats();
    let (extra_headers, extra_patterns) = count_lines(EXTRA_VERBS);
    assert_eq!(all.patterns, 4668 + extra_patterns);
    assert_eq!(
        all.blocks,
        397 + 5,
        "verbs-extra.txt adds TEMPER, SANCTION, NEGOTIATE_TALKS, DOWNGRADE and STORM_BUILDING"
    );
    assert!(extra_headers > 2, "and continues PETRARCH blocks");
    println!("CAMEO.2.0.txt: {s:?}\nembedded: {all:?}");
}

#[test]
fn every_code_in_the_dictionaries_is_in_the_code_table() {
    let table = CameoTable::embedded();
    let mut checked = 0;
    let mut missing = Vec::new();
    for (file, text) in [
        ("CAMEO.2.0.txt", CAMEO_VERBS),
        ("verbs-extra.txt", EXTRA_VERBS),
    ] {
        for (n, line) in text.lines().enumerate() {
            let body = line.split(['#', ';']).next().unwrap_or("");
            if body.trim_start().starts_with('~') {
                continue;
            }
            let Some(open) = body.find('[') else { continue };
            let Some(close) = body[open..].find(']') else {
                continue;
            };
            for code in body[open + 1..open + close]
                .trim()
                .trim_end_matches('!')
                .split(':')
            {
                if code.is_empty() || code == "---" {
                    continue;
                }
                if table.get(code).is_none() {
                    missing.push(format!("{file}:{}: {code}", n + 1));
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 5000, "{checked}");
    // PETRARCH's HACK block codes 176 (cyber attack), which CAMEO 1.1b3 and the GDELT and PLOVER
    // tables do not have: the only code without an entry.
    assert!(missing.iter().all(|m| m.ends_with(": 176")), "{missing:?}");
    assert_eq!(missing.len(), 5, "{missing:?}");
}

#[test]
fn inflected_forms_find_their_verb() {
    let dict = VerbDict::embedded();
    let blocks = |w: &str| -> Vec<&str> {
        let id = dict.lookup(w).unwrap_or_else(|| panic!("{w} not found"));
        dict.blocks(id).collect()
    };
    for w in ["visit", "visited", "visits", "visiting"] {
        assert_eq!(blocks(w), ["VISIT"], "{w}");
    }
    assert_eq!(
        blocks("met"),
        ["MEET_PEOPLE"],
        "irregular, from MEET {{MEETS MET MEETING}}"
    );
    assert_eq!(blocks("meeting"), ["MEET_PEOPLE"]);
    assert_eq!(blocks("accused"), ["BLAME"]);
    assert_eq!(blocks("accuses"), ["BLAME"]);
    assert_eq!(blocks("tempered"), ["TEMPER"], "from verbs-extra.txt");
    assert_eq!(
        blocks("denied"),
        ["REFUSE"],
        "DENY {{DENYING DENIED DENIES}}"
    );
    assert_eq!(blocks("sanctioned"), ["SANCTION"]);
    assert!(
        dict.lookup("slammed").is_some(),
        "SLAM {{SLAMS SLAMMED SLAMMING}}"
    );
    assert!(
        dict.lookup("hurried").is_some(),
        "HURRY {{HURRIES HURRYING HURRIED}}"
    );
    assert!(dict.lookup("Visited").is_none(), "lookup takes lower case");
    assert!(dict.lookup("meetinged").is_none());
    // A verb listed in two blocks is in both.
    assert_eq!(blocks("attempted"), ["ATTEMPT", "UNDERTAKE"]);
}

#[test]
fn a_specific_pattern_beats_the_verb_default() {
    let dict = VerbDict::embedded();
    let m = code_in(dict, "ukraine accused russia of war crimes", "accused").unwrap();
    assert_eq!(
        (m.code.as_str(), m.block.as_str(), m.default),
        ("1124", "BLAME", false),
        "{m:?}"
    );
    assert_eq!(m.words, 3, "OF + WAR CRIMES");
    // Without a pattern: ACCUSE's own code, not the block's.
    let m = code_in(dict, "ukraine accused russia", "accused").unwrap();
    assert_eq!((m.code.as_str(), m.default, m.words), ("112", true, 0));
    let m = code_in(dict, "the court convicted him", "convicted").unwrap();
    assert_eq!(m.code, "173", "CONVICT [173] in the BLAME [112] block");
    // Gaps are allowed between pattern words.
    let m = code_in(
        dict,
        "kyiv accused the russian army of grave war crimes",
        "accused",
    )
    .unwrap();
    assert_eq!(m.code, "1124");
}

#[test]
fn synonym_sets_match_members_and_their_plurals() {
    // PETRARCH's own file: `- * (OF &CRIME) [173] # CONVICT`, &CRIME has +CRIME.
    let base = VerbDict::parse(CAMEO_VERBS).unwrap();
    let m = code_in(&base, "they accused russia of war crimes", "accused").unwrap();
    assert_eq!(
        (m.code.as_str(), m.words, m.default),
        ("173", 2, false),
        "{m:?}"
    );
    // `- * &WEAPON (FROM ^) [194]` in SEND_DELIVER-like blocks; members with `_` are phrases.
    let dict = VerbDict::parse(
        "&ARMS\n+WEAPON\n+ROCKET_LAUNCHER\n+AMMUNITION_\n\n\
         ---  SELL   [---]  ---\nSELL {SELLS SOLD SELLING}\n\
         - * &ARMS (TO +)     [072]\n",
    )
    .unwrap();
    let sell = dict.lookup("sold").unwrap();
    let w = words("france sold rocket launchers to ukraine");
    let m = dict.match_at(sell, &w, 1).unwrap();
    assert_eq!((m.code.as_str(), m.words), ("072", 3));
    assert_eq!(m.target_hint, Some(5), "after TO");
    let w = words("france sold weapons to ukraine");
    assert_eq!(dict.match_at(sell, &w, 1).unwrap().code, "072");
    let w = words("france sold ammunitions to ukraine");
    assert_eq!(
        dict.match_at(sell, &w, 1),
        None,
        "AMMUNITION_ has no plural"
    );
}

#[test]
fn groups_and_underscores_need_consecutive_words() {
    let dict = VerbDict::embedded();
    // IMPOSE [170]: `- * {MARTIAL LAW} [1724]`.
    let m = code_in(dict, "the army imposed martial law", "imposed").unwrap();
    assert_eq!((m.code.as_str(), m.words), ("1724", 2));
    let m = code_in(dict, "the army imposed martial and civil law", "imposed").unwrap();
    assert_ne!(m.code, "1724", "{m:?}");
    // `A_B` in a pattern: CONFER `- * IDEA_OF [014]`.
    let m = code_in(dict, "they discussed the idea of a truce", "discussed").unwrap();
    assert_eq!(m.code, "014");
    // A pattern word matches its plural too: START `- * AIRSTRIKE [195]`.
    let m = code_in(dict, "israel launched airstrikes on gaza", "launched").unwrap();
    assert_eq!((m.code.as_str(), m.block.as_str()), ("195", "START"));
    let exact =
        VerbDict::parse("---  X  [010]  ---\nX\n- * FORCE_ [150]\n- * AID [070]\n").unwrap();
    let x = exact.lookup("x").unwrap();
    assert_eq!(
        exact.match_at(x, &words("x forces"), 0).unwrap().code,
        "010",
        "FORCE_: no plural"
    );
    assert_eq!(exact.match_at(x, &words("x aids"), 0).unwrap().code, "070");
    // `A/B`: PHYSICAL_CONFLICT `- * (BY/WITH SANCTIONS) [163]`.
    let m = code_in(dict, "washington hit moscow with sanctions", "hit").unwrap();
    assert_eq!(m.code, "163");
}

#[test]
fn null_codes_give_none() {
    let dict = VerbDict::embedded();
    // ACCELERATE [---] with no pattern matched.
    assert_eq!(
        code_in(dict, "they accelerated the process", "accelerated"),
        None
    );
    // But its patterns code: `- * AID [070]`.
    let m = code_in(dict, "they rushed aid", "rushed").unwrap();
    assert_eq!((m.code.as_str(), m.block.as_str()), ("070", "ACCELERATE"));
    // A `[---]` pattern suppresses the verb's own code: REFUSE `- STOCKS * [---]`, DECLINE [120].
    assert_eq!(code_in(dict, "stocks declined sharply", "declined"), None);
    let m = code_in(dict, "the minister declined", "declined").unwrap();
    assert_eq!((m.code.as_str(), m.default), ("120", true));
    let m = code_in(dict, "the ministry declined to comment", "declined").unwrap();
    assert_eq!(
        (m.code.as_str(), m.words),
        ("011", 2),
        "verbs-extra: (TO COMMENT)"
    );
}

#[test]
fn paired_and_reversed_codes() {
    let dict = VerbDict::embedded();
    let m = code_in(dict, "the president visited kyiv", "visited").unwrap();
    assert_eq!(
        (
            m.code.as_str(),
            m.reciprocal.as_deref(),
            m.reversed,
            m.default
        ),
        ("042", Some("043"), false, true)
    );
    // OBTAIN `- * SUPPORT (FROM) [:051]`: the target supports the source.
    let m = code_in(dict, "kyiv received support from brussels", "received").unwrap();
    assert_eq!(
        (m.code.as_str(), m.reversed, m.reciprocal),
        ("051", true, None)
    );
}

#[test]
fn words_before_the_verb_and_role_hints() {
    let dict = VerbDict::embedded();
    // ACCELERATE `- &MILITARY * [154]`: troops rushed.
    let m = code_in(dict, "the troops rushed", "rushed").unwrap();
    assert_eq!(m.code, "154");
    // Too far before the verb (more than 5 words).
    let m = code_in(dict, "troops and the men of the old town rushed", "rushed");
    assert_eq!(m, None);
    let dict = VerbDict::parse(
        "---  SEND   [---]  ---\nSEND {SENDS SENT SENDING}\n\
         - $ * TROOPS (TO +)  [154]\n\
         - + BEEN * BY $      [112]\n",
    )
    .unwrap();
    let send = dict.lookup("sent").unwrap();
    let w = words("russia sent more troops to belarus");
    let m = dict.match_at(send, &w, 1).unwrap();
    assert_eq!((m.source_hint, m.target_hint), (Some(0), Some(5)));
    let w = words("kyiv has been sent by moscow");
    let m = dict.match_at(send, &w, 3).unwrap();
    assert_eq!(m.code, "112");
    assert_eq!((m.source_hint, m.target_hint), (Some(5), Some(1)), "{m:?}");
}

#[test]
fn the_window_and_barriers_limit_gaps() {
    let dict = VerbDict::parse(
        "---  SEND   [010]  ---\nSEND {SENDS SENT SENDING}\n- * TROOPS  [154]\n\
         ---  SAY   [---]  ---\nSAY {SAYS SAID SAYING}\n",
    )
    .unwrap();
    let send = dict.lookup("sent").unwrap();
    let code = |s: &str| dict.match_at(send, &words(s), 0).map(|m| m.code);
    assert_eq!(code("sent troops").as_deref(), Some("154"));
    assert_eq!(
        code("sent 1 2 3 4 5 6 7 troops").as_deref(),
        Some("154"),
        "8 words after"
    );
    assert_eq!(
        code("sent 1 2 3 4 5 6 7 8 troops").as_deref(),
        Some("010"),
        "9: out of the window"
    );
    assert_eq!(
        code("sent help ; troops").as_deref(),
        Some("010"),
        "`;` stops a gap"
    );
    // With parts of speech, a gap does not cross another dictionary verb.
    let w = words("sent aid said troops");
    let is_verb = |i: usize| i == 0 || i == 2;
    assert_eq!(dict.match_with(send, &w, 0, is_verb).unwrap().code, "010");
    assert_eq!(dict.match_at(send, &w, 0).unwrap().code, "154");
}

#[test]
fn multi_word_verbs_match_consecutive_words() {
    let dict = VerbDict::embedded();
    // CONSTRUCT: `+SET_UP {+SETS_UP +SETTING_UP}` and `- * COMMITTEE [030]`.
    let m = code_in(dict, "they set up a committee", "set").unwrap();
    assert_eq!((m.code.as_str(), m.block.as_str()), ("030", "CONSTRUCT"));
    assert_eq!(m.words, 2, "COMMITTEE + the particle");
    // Plain SET stays in ARRANGE: `- * DEADLINE [139]`.
    let m = code_in(dict, "they set a deadline", "set").unwrap();
    assert_eq!((m.code.as_str(), m.block.as_str()), ("139", "ARRANGE"));
    // CANCEL: `+CALL_OFF [160]`.
    let m = code_in(dict, "they called off the strike", "called").unwrap();
    assert_eq!(m.block, "CANCEL", "{m:?}");
    // A form that only starts a multi-word verb: `+IS_DETERMINED … [030]`.
    let m = code_in(dict, "he is determined", "is").unwrap();
    assert_eq!((m.code.as_str(), m.default, m.words), ("030", true, 1));
    assert_eq!(code_in(dict, "he is here", "is"), None);
}

#[test]
fn extras_continue_blocks_and_errors_name_the_line() {
    let base = "---  SEND   [010]  ---\nSEND\n- * TROOPS  [154]\n";
    let more = "# more\n---  SEND   [010]  ---\n- * AID  [070]\n";
    let dict = VerbDict::parse_files(&[("a.txt", base), ("b.txt", more)]).unwrap();
    assert_eq!(dict.stats().blocks, 1);
    assert_eq!(dict.stats().patterns, 2);
    let send = dict.lookup("sends").unwrap();
    assert_eq!(
        dict.match_at(send, &words("sends aid"), 0).unwrap().code,
        "070"
    );

    let err = |files: &[(&str, &str)]| VerbDict::parse_files(files).unwrap_err();
    let e = err(&[("a.txt", base), ("b.txt", "---  SEND   [020]  ---\n")]);
    assert!(e.starts_with("b.txt:1:") && e.contains("[010]"), "{e}");
    let e = err(&[("a.txt", "---  X  [010]  ---\nX\n- * TROOPS\n")]);
    assert!(e.starts_with("a.txt:3:") && e.contains("[code]"), "{e}");
    let d = VerbDict::parse_files(&[("a.txt", "---  X  [010]  ---\nX\n\n- * &NOPE [010]\n")]);
    let w = d.unwrap().warnings().to_vec();
    assert!(
        w.len() == 1 && w[0].starts_with("a.txt:4:") && w[0].contains("&NOPE"),
        "{w:?}"
    );
    let e = err(&[("a.txt", "---  X  [010]  ---\nX\n- TROOPS [010]\n")]);
    assert!(e.contains("`*`"), "{e}");
    let e = err(&[("a.txt", "---  X  [010]  ---\nX\n- * TROOPS [1x0]\n")]);
    assert!(e.starts_with("a.txt:3:") && e.contains("1x0"), "{e}");
    let e = VerbDict::parse("- * TROOPS [010]\n").unwrap_err();
    assert!(e.starts_with("line 1:"), "{e}");
}

#[test]
fn code_table() {
    let table = CameoTable::embedded();
    assert_eq!(table.version(), "CAMEO 1.1b3");
    assert_eq!(table.len(), 315, "295 codes and 20 roots");
    // CAMEO2PLOVER-2021.txt maps 036 (express intent to meet or negotiate) to AGREE, not CONSULT.
    let c = table.get("036").unwrap();
    assert_eq!(c.name, "Express intent to meet or negotiate");
    assert_eq!(c.plover.as_deref(), Some("AGREE"));
    assert_eq!(c.plover_context.as_deref(), Some("diplomatic"));
    assert_eq!(table.get("040").unwrap().plover.as_deref(), Some("CONSULT"));
    let c = table.get("042").unwrap();
    assert_eq!(c.goldstein, Some(1.9));
    assert_eq!(
        (c.plover.as_deref(), c.plover_mode.as_deref()),
        (Some("CONSULT"), Some("visit"))
    );
    assert_eq!(table.get("190").unwrap().quad_class, 4);
    assert_eq!(table.get("190").unwrap().goldstein, Some(-10.0));
    assert_eq!(
        table.get("1124").unwrap().plover_context.as_deref(),
        Some("military; legal")
    );
    assert_eq!(table.get("19").unwrap().name, "Fight");
    assert_eq!(
        table.get("010").unwrap().plover,
        None,
        "PLOVER maps no 01 code"
    );
    for (code, quad) in [
        ("057", 1),
        ("073", 2),
        ("0874", 2),
        ("112", 3),
        ("1384", 3),
        ("145", 4),
    ] {
        assert_eq!(table.get(code).unwrap().quad_class, quad, "{code}");
    }
    assert!(table.get("999").is_none());
    assert!(table.iter().all(|c| !c.name.is_empty()));
}

#[test]
fn an_additions_pattern_wins_a_tie_with_the_base_file() {
    let base = "---  COMPROMISE   [080]  ---\nNEGOTIATE\n- * (WITH)   [050]\n";
    let extra = "---  NEGOTIATE_TALKS   [046]  ---\nNEGOTIATE\n- * (WITH)   [046]\n";
    let words = ["russia", "negotiated", "with", "ukraine"];
    let only_base = VerbDict::parse(base).unwrap();
    let v = only_base.lookup("negotiated").unwrap();
    assert_eq!(only_base.match_at(v, &words, 1).unwrap().code, "050");
    let both = VerbDict::parse_files(&[("base", base), ("extra", extra)]).unwrap();
    let v = both.lookup("negotiated").unwrap();
    assert_eq!(both.match_at(v, &words, 1).unwrap().code, "046");
    // Within one file the first of equal patterns still wins, as in PETRARCH.
    let same = VerbDict::parse(&format!("{base}{extra}")).unwrap();
    let v = same.lookup("negotiated").unwrap();
    assert_eq!(same.match_at(v, &words, 1).unwrap().code, "050");
}

#[test]
fn summoning_an_ambassador_is_an_official_complaint() {
    let dict = dateline_events::verbs::VerbDict::embedded();
    let words = ["belarus", "summoned", "the", "german", "ambassador"];
    let v = dict.lookup("summoned").unwrap();
    assert_eq!(dict.match_at(v, &words, 1).unwrap().code, "114");
}
