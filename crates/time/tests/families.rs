//! One test per family of expressions, plus the tense rule and the traps. The reference date
//! is Wednesday 26 February 2025 unless a test says otherwise.
use dateline_model::TimexType;
use dateline_time::{tag_text, Found, Mod, TenseHint};
use jiff::civil::{date, Date};

fn wed() -> Date {
    date(2025, 2, 26)
}

fn tags_at(text: &str, reference: Option<Date>, hint: TenseHint) -> Vec<(String, String)> {
    tag_text(text, reference, hint)
        .into_iter()
        .map(|f| (text[f.range].to_string(), f.value))
        .collect()
}

fn tags(text: &str) -> Vec<(String, String)> {
    tags_at(text, Some(wed()), TenseHint::Auto)
}

/// The single expression of `text`, as (surface, value).
fn one(text: &str) -> (String, String) {
    let t = tags(text);
    assert_eq!(t.len(), 1, "{text:?} gave {t:?}");
    t.into_iter().next().unwrap()
}

/// Asserts that `text` holds exactly one expression, `surface`, with `value`.
fn is(text: &str, surface: &str, value: &str) {
    assert_eq!(
        one(text),
        (surface.to_string(), value.to_string()),
        "in {text:?}"
    );
}

fn found(text: &str) -> Found {
    let f = tag_text(text, Some(wed()), TenseHint::Auto);
    assert_eq!(f.len(), 1, "{text:?} gave {f:?}");
    f.into_iter().next().unwrap()
}

fn nothing(text: &str) {
    let t = tags(text);
    assert!(t.is_empty(), "{text:?} gave {t:?}");
}

#[test]
fn written_dates() {
    is("The deal was signed on Feb. 26.", "Feb. 26", "2025-02-26");
    is(
        "It was signed on 26 February 2025.",
        "26 February 2025",
        "2025-02-26",
    );
    is(
        "It was signed on February 26, 2025.",
        "February 26, 2025",
        "2025-02-26",
    );
    is("It was signed on 2025-02-26.", "2025-02-26", "2025-02-26");
    is("Results are due on 2/26.", "2/26", "2025-02-26");
    is("The vote is on 26/2.", "26/2", "2025-02-26");
    is("They will meet on 3/4 in Paris.", "3/4", "2025-03-04");
    is(
        "It ended on the 26th of February.",
        "the 26th of February",
        "2025-02-26",
    );
    is("It opened in February 2024.", "February 2024", "2024-02");
    is("The law takes effect May 1.", "May 1", "2025-05-01");
    is(
        "Sept. 11, 2001 changed everything.",
        "Sept. 11, 2001",
        "2001-09-11",
    );
    is(
        "Turnout on 12/03/2024 was high.",
        "12/03/2024",
        "2024-12-03",
    );
    nothing("About 2/3 of voters agreed.");
    nothing(
        "The ratio fell to 1/2 last time."
            .split(" last")
            .next()
            .unwrap(),
    );
}

#[test]
fn weekdays_by_tense() {
    is(
        "The Kremlin said on Wednesday that talks went on.",
        "Wednesday",
        "2025-02-26",
    );
    is(
        "He told Reuters on Tuesday that it was so.",
        "Tuesday",
        "2025-02-25",
    );
    is(
        "Zelenskiy would visit Trump on Friday.",
        "Friday",
        "2025-02-28",
    );
    is("The leaders will meet on Monday.", "Monday", "2025-03-03");
    is("He is expected to sign on Monday.", "Monday", "2025-03-03");
    is(
        "She is going to speak on Thursday.",
        "Thursday",
        "2025-02-27",
    );
    is("They plan to travel on Saturday.", "Saturday", "2025-03-01");
    is("Trump met Putin on Friday.", "Friday", "2025-02-21");
    is("Putin to meet Trump on Friday", "Friday", "2025-02-28");
    is(
        "On Friday, the president will travel to Kyiv.",
        "Friday",
        "2025-02-28",
    );
    is(
        "Officials gathered in Riyadh on Monday.",
        "Monday",
        "2025-02-24",
    );
    is("Shares fell on Wednesday.", "Wednesday", "2025-02-26");
    // no tense cue: past or today
    is("Talks in Riyadh on Monday", "Monday", "2025-02-24");
    is("Markets on Wednesday", "Wednesday", "2025-02-26");
    // two clauses, two tenses
    assert_eq!(
        tags("He arrived on Monday and will leave on Friday."),
        vec![
            ("Monday".to_string(), "2025-02-24".to_string()),
            ("Friday".to_string(), "2025-02-28".to_string())
        ]
    );
    // a counterfactual is past
    is("It would have ended on Sunday.", "Sunday", "2025-02-23");
    // hints override the clause
    assert_eq!(
        tags_at("on Friday", Some(wed()), TenseHint::Future),
        vec![("Friday".to_string(), "2025-02-28".to_string())]
    );
    assert_eq!(
        tags_at("will meet on Friday", Some(wed()), TenseHint::Past),
        vec![("Friday".to_string(), "2025-02-21".to_string())]
    );
    // relative weekdays
    is("They met last Tuesday.", "last Tuesday", "2025-02-18");
    is("They meet next Tuesday.", "next Tuesday", "2025-03-04");
    is("They met this Monday.", "this Monday", "2025-02-24");
    is(
        "It opens on Monday, March 3.",
        "Monday, March 3",
        "2025-03-03",
    );
    is(
        "It opened Friday last week.",
        "Friday last week",
        "2025-02-21",
    );
}

#[test]
fn months_by_tense() {
    is("Elections in March", "March", "2025-03");
    is("Prices rose in March.", "March", "2024-03");
    is("Prices will rise in March.", "March", "2025-03");
    is("Inflation in January", "January", "2025-01");
    is("The summit will be held in January.", "January", "2026-01");
    is("It reopens next March.", "next March", "2025-03");
    is("It closed last March.", "last March", "2024-03");
    is("They met in early March.", "early March", "2024-03");
    assert_eq!(found("They met in early March.").modifier, Some(Mod::Start));
    is("Talks may resume in May.", "May", "2025-05");
    is("The attack on Dec. 20 killed six.", "Dec. 20", "2024-12-20");
    is(
        "The summit on Dec. 20 will be held in Rome.",
        "Dec. 20",
        "2025-12-20",
    );
}

#[test]
fn years() {
    is("Growth slowed in 2024.", "2024", "2024");
    is("It was 2024's biggest deal.", "2024", "2024");
    is("Ahead of the 2024 election, he spoke.", "2024", "2024");
    is("Prices have doubled since 2020.", "2020", "2020");
    is("It grew fast in the 1990s.", "the 1990s", "199");
    is("Rome fell in 476 AD.", "476 AD", "0476");
    is("The 2024-25 season began.", "2024-25", "2024");
    nothing("2024 people attended.");
    nothing("He paid $2025 for it.");
    nothing("Pay ABC 2000");
    nothing("The index rose 2100 points.");
}

#[test]
fn seasons_and_parts_of_day() {
    is("It will reopen this summer.", "this summer", "2025-SU");
    is("Gas ran short last winter.", "last winter", "2023-WI");
    is("Talks resume in the spring.", "the spring", "2025-SP");
    is("Fighting began in summer 2024.", "summer 2024", "2024-SU");
    is(
        "Strikes hit Kyiv on Sunday morning.",
        "Sunday morning",
        "2025-02-23TMO",
    );
    is(
        "Russia attacked overnight, officials said.",
        "overnight",
        "2025-02-25TNI",
    );
    is("He will speak tonight.", "tonight", "2025-02-26TNI");
    is(
        "He spoke this afternoon.",
        "this afternoon",
        "2025-02-26TAF",
    );
    is("Sirens sounded last night.", "last night", "2025-02-25TNI");
    is(
        "He left yesterday morning.",
        "yesterday morning",
        "2025-02-25TMO",
    );
    assert_eq!(found("He will speak tonight.").kind, TimexType::Time);
    nothing("Prices fall when supply grows.");
}

#[test]
fn relative_expressions() {
    is("They met last week.", "last week", "2025-W08");
    is("Putin this week tempered hopes.", "this week", "2025-W09");
    is(
        "He will decide later this week.",
        "later this week",
        "2025-W09",
    );
    is(
        "It was announced earlier this month.",
        "earlier this month",
        "2025-02",
    );
    is("He left two days ago.", "two days ago", "2025-02-24");
    is("He left a week ago.", "a week ago", "2025-02-19");
    is("He returns in two weeks.", "in two weeks", "2025-03-12");
    is("The vote is next month.", "next month", "2025-03");
    is("It fell late last year.", "late last year", "2024");
    assert_eq!(found("It fell late last year.").modifier, Some(Mod::End));
    is(
        "It grew over the past three years.",
        "the past three years",
        "P3Y",
    );
    assert_eq!(
        found("It grew over the past three years.").begin.as_deref(),
        Some("2022")
    );
    is("He spoke yesterday.", "yesterday", "2025-02-25");
    is("He speaks today.", "today", "2025-02-26");
    is("He speaks tomorrow.", "tomorrow", "2025-02-27");
    is("Sales rose last year.", "last year", "2024");
    is("Sales will rise next year.", "next year", "2026");
    is("Sales rose this year.", "this year", "2025");
    is("Sales rose last month.", "last month", "2025-01");
    is(
        "It will rain in the next few days.",
        "the next few days",
        "PXD",
    );
    is("Fighting grew in recent weeks.", "recent weeks", "PXW");
    is(
        "It is due by the end of the year.",
        "the end of the year",
        "2025",
    );
}

#[test]
fn durations() {
    let d = found("They fought for three days.");
    assert_eq!((d.kind, d.value.as_str()), (TimexType::Duration, "P3D"));
    is("They fought for three days.", "three days", "P3D");
    is("They signed a two-year deal.", "two-year", "P2Y");
    is("Talks lasted six months.", "six months", "P6M");
    is("He stayed for a week.", "a week", "P1W");
    is("He waited half an hour.", "half an hour", "PT0.5H");
    is("It took a year and a half.", "a year and a half", "P1.5Y");
    is("It took 2.5 hours.", "2.5 hours", "PT2.5H");
    is("A week-long visit ended.", "week-long", "P1W");
    is("Talks dragged on for years.", "years", "PXY");
    nothing("A 45-year-old man was held.");
    nothing("The man, aged 45, was held.");
    nothing("He was 45 years old.");
    nothing("There will be a second round.");
    nothing("He won a second term.");
    nothing("About a quarter of voters agreed.");
}

#[test]
fn sets() {
    let f = found("They meet every Monday.");
    assert_eq!((f.kind, f.value.as_str()), (TimexType::Set, "XXXX-WXX-1"));
    is("The weekly meeting ended.", "weekly", "P1W");
    is("They meet every two weeks.", "every two weeks", "P2W");
    is("They meet twice a year.", "twice a year", "P1Y");
    is("Shops close on Mondays.", "Mondays", "XXXX-WXX-1");
    is("He runs every morning.", "every morning", "XXXX-XX-XXTMO");
    nothing("The Daily Mail reported it.");
}

#[test]
fn references() {
    is("Talks are now under way.", "now", "PRESENT_REF");
    is("He is currently abroad.", "currently", "PRESENT_REF");
    is("He recently left.", "recently", "PAST_REF");
    is("He previously said so.", "previously", "PAST_REF");
    is("An earlier call failed.", "earlier", "PAST_REF");
    is("A deal will come soon.", "soon", "FUTURE_REF");
    is(
        "It may change in the future.",
        "in the future",
        "FUTURE_REF",
    );
    is(
        "He wants a truce as soon as possible.",
        "as soon as possible",
        "FUTURE_REF",
    );
    nothing("He will call as soon as he lands.");
    nothing("The now-defunct party.");
}

#[test]
fn times_of_day() {
    is("The meeting starts at 3 p.m.", "3 p.m.", "2025-02-26T15:00");
    is(
        "They met at 10:30 a.m. on Monday.",
        "10:30 a.m. on Monday",
        "2025-02-24T10:30",
    );
    is(
        "He will speak on Friday at 3pm.",
        "Friday at 3pm",
        "2025-02-28T15:00",
    );
    is(
        "The blast came at 15:30 GMT.",
        "15:30 GMT",
        "2025-02-26T15:30",
    );
    is("Polls close at noon.", "noon", "2025-02-26T12:00");
    is(
        "He spoke at half past three.",
        "half past three",
        "2025-02-26T03:30",
    );
    nothing("Jamie Noon was injured.");
    nothing("It grew three to four times.");
    nothing("The score was 3 30 at one point.");
}

#[test]
fn quarters_holidays_and_ranges() {
    is(
        "Profit rose in the third quarter.",
        "the third quarter",
        "2025-Q3",
    );
    is("Profit rose in Q3 2024.", "Q3 2024", "2024-Q3");
    is(
        "Profit rose in the fourth quarter of 2024.",
        "the fourth quarter of 2024",
        "2024-Q4",
    );
    is(
        "Sales fell in the first half of 2024.",
        "the first half of 2024",
        "2024-H1",
    );
    nothing("He scored in the first half.");
    is("Shops were shut at Christmas.", "Christmas", "2024-12-25");
    is("It happened at Easter 2024.", "Easter 2024", "2024-03-31");
    let r = found("The talks run July 13-15.");
    assert_eq!(r.value, "2025-07-13");
    assert_eq!(
        (r.begin.as_deref(), r.end.as_deref()),
        (Some("2025-07-13"), Some("2025-07-15"))
    );
    let r = found("It runs from 13 to 15 July.");
    assert_eq!(r.end.as_deref(), Some("2025-07-15"));
}

#[test]
fn traps() {
    nothing("Talks may resume.");
    nothing("Protesters march through the city.");
    nothing("They will March on the capital.");
    nothing("Theresa May said the deal was done.");
    nothing("May's government fell.");
    nothing("There will be a second round.");
    nothing("He came in the first.");
    nothing("It was the second time.");
    nothing("Call 650-650-6500 for details.");
    nothing("They won 3-2 away.");
    nothing("A 45-year-old man was arrested.");
    nothing("The Sun reported it.");
    nothing("It was reported by the Sun.");
    nothing("An august body met.");
    nothing("Xi Jinping spoke.");
    nothing("He scored 25 points.");
    nothing("Wed couples marched.");
    nothing("Troops sat down.");
}

#[test]
fn without_a_reference_date() {
    let t = |s: &str| tags_at(s, None, TenseHint::Auto);
    let v = |s: &str| t(s).into_iter().map(|(_, v)| v).collect::<Vec<_>>();
    assert_eq!(v("They met last week."), vec!["XXXX-WXX"]);
    assert_eq!(v("They met on Tuesday."), vec!["XXXX-WXX-2"]);
    assert_eq!(v("They met on Feb. 26."), vec!["XXXX-02-26"]);
    assert_eq!(v("They met yesterday."), vec!["XXXX-XX-XX"]);
    assert_eq!(v("They meet tonight."), vec!["XXXX-XX-XXTNI"]);
    assert_eq!(v("They met in 2024."), vec!["2024"]);
    assert_eq!(v("They met on February 26, 2025."), vec!["2025-02-26"]);
    assert_eq!(v("They met in March."), vec!["XXXX-03"]);
    assert_eq!(v("They left two days ago."), vec!["XXXX-XX-XX"]);
}

#[test]
fn every_value_is_valid_and_spans_hold_their_text() {
    let text = "On Friday, Feb. 28, the talks that began last week in Riyadh will move to \
                Istanbul for three days; officials said on Tuesday that a deal could come \
                as soon as possible, perhaps by the end of March or in the third quarter.";
    let found = tag_text(text, Some(wed()), TenseHint::Auto);
    assert!(found.len() >= 6, "{found:?}");
    for f in &found {
        assert!(dateline_time::is_valid_timex3_value(&f.value), "{f:?}");
        assert!(!text[f.range.clone()].trim().is_empty());
    }
}

#[test]
fn names_odds_tables_and_cues() {
    nothing("Carson hosted the Tonight Show.");
    nothing("Their hit was All Right Now.");
    nothing("The People's Daily said so.");
    nothing("He watched 60 Minutes.");
    nothing("The Aviator is 4/9 and Winslet 8/13 with bookmakers.");
    nothing("She has odds of 25/1 at William Hill.");
    nothing("It rose 5/16 point.");
    nothing("CORN MAY7 160 UP 1 3/4 JUL7 163");
    nothing("This may be the worst disaster.");
    nothing("He believed in may impress them.");
    nothing("Steers 1150-1175 lbs sold.");
    nothing("The price was around 1030.");
    is(
        "The tremor struck at 0620 hrs.",
        "0620 hrs",
        "2025-02-26T06:20",
    );
    is(
        "NOTE: 1986 4th qtr net includes a gain.",
        "1986 4th qtr",
        "1986-Q4",
    );
    is(
        "Talks are scheduled for Thursday.",
        "Thursday",
        "2025-02-27",
    );
    is(
        "It was difficult to judge from Monday's data.",
        "Monday",
        "2025-02-24",
    );
    is("Output fell in 2003-04.", "2003-04", "2003");
    is(
        "It was the music of the 1980's.",
        "the 1980's".trim_start_matches("the "),
        "198",
    );
}

#[test]
fn earlier_and_later_on_a_day() {
    is(
        "The strike happened earlier on Wednesday.",
        "earlier on Wednesday",
        "2025-02-26",
    );
    is(
        "He will speak later in the day.",
        "later in the day",
        "2025-02-26",
    );
    is(
        "Officials said Monday's talks went well.",
        "Monday",
        "2025-02-24",
    );
}

#[test]
fn may_by_a_deadline_or_an_agent() {
    is("They want a deal by May.", "May", "2025-05");
    nothing("The plan was criticised by May.");
}

#[test]
fn deadlines_point_forward_and_starting_points_back() {
    let r = Some(jiff::civil::date(2025, 5, 20));
    let v = |text: &str| -> Vec<String> {
        dateline_time::tag_text(text, r, dateline_time::TenseHint::Auto)
            .into_iter()
            .map(|f| f.value)
            .collect()
    };
    assert_eq!(
        v("Kyiv expected new sanctions by the end of June."),
        vec!["2025-06".to_string()]
    );
    assert_eq!(
        v("The border has been closed since March."),
        vec!["2025-03".to_string()]
    );
    assert_eq!(v("They met in March."), vec!["2025-03".to_string()]);
}

#[test]
fn a_date_before_the_length_of_what_happens_stands_alone() {
    let t = tags("Blinken will travel to Beijing on Sunday for two days of talks.");
    assert!(
        t.contains(&("Sunday".to_string(), "2025-03-02".to_string())),
        "{t:?}"
    );
    // "18th Dec for 10 days" is still one duration starting that day.
    let t = tags("The exhibition runs from March 3 for 10 days.");
    assert!(t.iter().all(|(s, _)| s != "March 3"), "{t:?}");
}

#[test]
fn a_far_superlative_makes_in_n_years_a_span() {
    is(
        "It will be the first by a US secretary of state in five years.",
        "five years",
        "P5Y",
    );
}

#[test]
fn a_plan_in_the_past_perfect_was_for_a_past_time() {
    is(
        "The visit had been planned for February but was called off.",
        "February",
        "2025-02",
    );
}

#[test]
fn an_appointment_or_a_postponement_points_forward() {
    // Wednesday 26 February 2025.
    is(
        "Unions have called a new day of action for Saturday.",
        "Saturday",
        "2025-03-01",
    );
    is(
        "The talks were pushed back to Friday.",
        "Friday",
        "2025-02-28",
    );
}

#[test]
fn arrivals_due_and_days_called_for_point_forward() {
    // Wednesday 26 February 2025.
    is(
        "The delegation is due in Istanbul on Friday.",
        "Friday",
        "2025-02-28",
    );
    is(
        "Unions called for fresh demonstrations on Thursday.",
        "Thursday",
        "2025-02-27",
    );
    // A cause is no plan: the storm was on the Monday past.
    is(
        "Flights were cancelled due to the storm on Monday.",
        "Monday",
        "2025-02-24",
    );
    // A call made for a day now past stays past.
    is(
        "The talks had been called for Monday.",
        "Monday",
        "2025-02-24",
    );
}
