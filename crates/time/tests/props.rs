//! Property tests: tagging never panics, on any text and any reference date, and every value
//! it gives is a valid TIMEX3 value; ranges are in bounds and on char boundaries.
use dateline_time::{is_valid_timex3_value, tag_text, tag_text_at, TenseHint};
use jiff::civil::Date;
use proptest::prelude::*;

/// Words and marks that exercise the grammar.
const VOCAB: &[&str] = &[
    "last",
    "next",
    "this",
    "past",
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "at",
    "for",
    "from",
    "to",
    "and",
    "every",
    "each",
    "early",
    "late",
    "mid",
    "end",
    "beginning",
    "earlier",
    "later",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "day",
    "days",
    "quarter",
    "half",
    "weekend",
    "Monday",
    "friday",
    "Sun",
    "Sat.",
    "March",
    "May",
    "may",
    "Feb.",
    "December",
    "2025",
    "1999",
    "26",
    "15th",
    "first",
    "third",
    "3",
    "12",
    "99",
    "0",
    "ago",
    "hence",
    "from now",
    "after",
    "before",
    "next",
    "tonight",
    "overnight",
    "morning",
    "night",
    "Christmas",
    "Easter",
    "summer",
    "winter",
    "fall",
    "p.m.",
    "am",
    "o'clock",
    "noon",
    "3:30",
    "15h00",
    "-",
    "/",
    ":",
    ",",
    ".",
    "'s",
    "'",
    "$",
    "%",
    "Q3",
    "2024-25",
    "1990s",
    "'90s",
    "said",
    "will",
    "would",
    "to",
    "is",
    "expected",
    "BC",
    "A.D.",
    "two-year",
    "45-year-old",
    "aged",
    "now",
    "soon",
    "closest",
    "ides",
    "upcoming",
    "twice",
    "times",
    "half",
    "and a half",
    "2.5",
    "—",
    "“",
    "é",
    "Київ",
    "\n\n",
];

fn words() -> impl Strategy<Value = String> {
    prop::collection::vec((0..VOCAB.len(), any::<bool>()), 0..24).prop_map(|ws| {
        let mut s = String::new();
        for (i, glue) in ws {
            if !glue && !s.is_empty() {
                s.push(' ');
            }
            s.push_str(VOCAB[i]);
        }
        s
    })
}

fn reference() -> impl Strategy<Value = Option<Date>> {
    prop_oneof![
        Just(None),
        (-9999i16..=9999, 1i8..=12, 1i8..=31).prop_map(|(y, m, d)| Date::new(y, m, d.min(28)).ok()),
        (1900i16..=2100, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).ok()),
    ]
}

fn hint() -> impl Strategy<Value = TenseHint> {
    prop_oneof![
        Just(TenseHint::Auto),
        Just(TenseHint::Past),
        Just(TenseHint::Future),
        Just(TenseHint::Unmarked),
    ]
}

fn check(text: &str, found: &[dateline_time::Found]) -> Result<(), TestCaseError> {
    let mut last_end = 0;
    for f in found {
        prop_assert!(is_valid_timex3_value(&f.value), "{:?} -> {:?}", text, f);
        for p in [&f.begin, &f.end].into_iter().flatten() {
            prop_assert!(is_valid_timex3_value(p), "{:?} -> {:?}", text, f);
        }
        prop_assert!(f.range.start < f.range.end && f.range.end <= text.len());
        prop_assert!(text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end));
        prop_assert!(
            f.range.start >= last_end,
            "overlapping expressions in {:?}",
            text
        );
        last_end = f.range.end;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,80}", rf in reference(), h in hint()) {
        let found = tag_text(&text, rf, h);
        check(&text, &found)?;
    }

    #[test]
    fn time_words_give_valid_values(text in words(), rf in reference(), h in hint()) {
        let found = tag_text(&text, rf, h);
        check(&text, &found)?;
        let at = rf.map(|d| d.to_datetime(jiff::civil::Time::midnight()));
        let found = tag_text_at(&text, at, h);
        check(&text, &found)?;
    }
}
