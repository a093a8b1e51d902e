//! One test per quotation pattern, on sentences written for these tests.
mod common;

use common::{quotes, show};
use dateline_model::{Quote, QuoteKind};

/// The quote whose text is `text`, or a panic listing the quotes found.
fn find<'a>(qs: &'a [Quote], text: &str) -> &'a Quote {
    qs.iter()
        .find(|q| q.text == text)
        .unwrap_or_else(|| panic!("no quote {text:?} in:\n{}", list(qs)))
}

fn list(qs: &[Quote]) -> String {
    qs.iter().map(|q| format!("  {}\n", show(q))).collect()
}

fn speaker_name(q: &Quote) -> Option<&str> {
    q.speaker.as_ref().and_then(|s| s.name.as_deref())
}

fn speaker_text(q: &Quote) -> Option<&str> {
    q.speaker.as_ref().map(|s| s.text.as_str())
}

const INTRO: &str = "Foreign Minister Anna Kessler arrived in Vienna on Monday for the talks.";

#[test]
fn direct_quote_with_cue_after() {
    let qs = quotes(&format!(
        "{INTRO}\n\"We are ready to sign,\" Kessler said.\n“The rest is detail,” said Kessler."
    ));
    let q = find(&qs, "We are ready to sign,");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.cue.as_ref().unwrap().text, "said");
    assert_eq!(speaker_text(q), Some("Kessler"));
    assert_eq!(speaker_name(q), Some("Anna Kessler"));
    let q = find(&qs, "The rest is detail,");
    assert_eq!(speaker_name(q), Some("Anna Kessler"), "inverted cue");
}

#[test]
fn direct_quote_with_cue_before() {
    let qs = quotes(&format!(
        "{INTRO}\nKessler told reporters: \"Nothing is agreed until everything is agreed.\""
    ));
    let q = find(&qs, "Nothing is agreed until everything is agreed.");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.cue.as_ref().unwrap().text, "told");
    assert_eq!(speaker_name(q), Some("Anna Kessler"));
}

#[test]
fn pronoun_speaker_resolves_through_coreference() {
    let qs = quotes(&format!("{INTRO}\n\"We will not be rushed,\" she said."));
    let q = find(&qs, "We will not be rushed,");
    assert_eq!(speaker_text(q), Some("she"));
    assert_eq!(speaker_name(q), Some("Anna Kessler"));
    assert!(q.speaker.as_ref().unwrap().entity.is_some());
}

#[test]
fn second_quoted_sentence_inherits_the_speaker() {
    let qs = quotes(&format!(
        "{INTRO}\n\"We are close,\" Kessler said. \"But we are not there yet.\""
    ));
    let q = find(&qs, "But we are not there yet.");
    assert!(q.cue.is_none());
    assert_eq!(speaker_name(q), Some("Anna Kessler"));
}

#[test]
fn split_quote_is_one_quote() {
    let qs = quotes(&format!(
        "{INTRO}\n\"Our patience,\" Kessler said, \"is running out.\""
    ));
    assert_eq!(qs.len(), 1, "{}", list(&qs));
    let q = &qs[0];
    assert_eq!(q.text, "Our patience,\" Kessler said, \"is running out.");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(speaker_name(q), Some("Anna Kessler"));
}

#[test]
fn quote_over_several_paragraphs() {
    let qs = quotes(&format!(
        "{INTRO}\nKessler said: \"The first point is trade.\n\"The second point is energy.\n\"The third is security.\"\nTalks resume on Tuesday."
    ));
    assert_eq!(qs.len(), 1, "{}", list(&qs));
    let q = &qs[0];
    assert!(q.text.starts_with("The first point is trade."));
    assert!(q.text.ends_with("The third is security."));
    assert_eq!(speaker_name(q), Some("Anna Kessler"));
}

#[test]
fn unbalanced_mark_stops_at_the_paragraph_end() {
    let qs = quotes(&format!(
        "{INTRO}\nKessler said the delay was \"regrettable and avoidable.\nThe delegations will meet again on Friday in Geneva.\nOfficials said the venue had not been confirmed."
    ));
    // The open quotation never swallows the next paragraphs.
    for q in &qs {
        assert!(!q.text.contains("Geneva"), "{}", list(&qs));
    }
    let q = find(&qs, "the venue had not been confirmed");
    assert_eq!(speaker_text(q), Some("Officials"));
}

#[test]
fn nested_quotes_stay_inside() {
    let qs = quotes(&format!(
        "{INTRO}\n“A farmer told me, ‘We have nothing left to sell,’ and I believed him,” Kessler said."
    ));
    assert_eq!(qs.len(), 1, "{}", list(&qs));
    assert_eq!(
        qs[0].text,
        "A farmer told me, ‘We have nothing left to sell,’ and I believed him,"
    );
    assert_eq!(speaker_name(&qs[0]), Some("Anna Kessler"));
}

#[test]
fn apostrophes_are_not_quotes() {
    let qs = quotes(
        "Trump's envoy praised the '90s-style deal and the students' union's rock 'n' roll night.\nIt's the firm's best year since the '80s, we'll see.",
    );
    assert!(qs.is_empty(), "{}", list(&qs));
}

#[test]
fn scare_quotes_are_not_quotes() {
    let qs = quotes(
        "The plan is a so-called \"reset\" of relations.\nThe \"peace plan\" was published on Monday.",
    );
    assert!(qs.is_empty(), "{}", list(&qs));
}

#[test]
fn quoted_labels_belong_to_the_subject() {
    let qs = quotes("Critics called the plan a \"fantasy\".\nThe ministry said it had called the move \"reckless\" and would respond.");
    let q = find(&qs, "fantasy");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(speaker_text(q), Some("Critics"));
    assert_eq!(q.cue.as_ref().unwrap().text, "called");
    // Inside a reported clause the label is part of a mixed quotation.
    let q = find(&qs, "it had called the move \"reckless\" and would respond");
    assert_eq!(q.kind, QuoteKind::Mixed);
    assert_eq!(qs.len(), 2, "{}", list(&qs));
}

#[test]
fn quote_without_recoverable_speaker() {
    let qs = quotes(
        "Thousands marched through the capital on Saturday.\n\"Europe is our future.\" The words were written on a banner.",
    );
    let q = find(&qs, "Europe is our future.");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert!(q.speaker.is_none(), "never guessed: {}", show(q));
}

#[test]
fn reported_speech_with_that_and_without() {
    let qs = quotes(&format!(
        "{INTRO}\nKessler said on Monday that the talks were making progress.\nShe said the ministers would meet again soon."
    ));
    let q = find(&qs, "the talks were making progress");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(speaker_name(q), Some("Anna Kessler"));
    let q = find(&qs, "the ministers would meet again soon");
    assert_eq!(speaker_name(q), Some("Anna Kessler"));
}

#[test]
fn trailing_attribution() {
    let qs = quotes("Talks on the new treaty will resume next week, officials said.\nThe deal is unlikely before June, said one diplomat.");
    let q = find(&qs, "Talks on the new treaty will resume next week");
    assert_eq!(speaker_text(q), Some("officials"));
    assert!(speaker_name(q).is_none(), "unnamed source");
    let q = find(&qs, "The deal is unlikely before June");
    assert_eq!(speaker_text(q), Some("one diplomat"));
}

#[test]
fn according_to() {
    let qs = quotes(
        "According to a senior diplomat, the draft runs to forty pages.\nThe draft was finished on Sunday, according to two people familiar with the talks.",
    );
    let q = find(&qs, "the draft runs to forty pages");
    assert_eq!(q.cue.as_ref().unwrap().text, "According to");
    assert_eq!(speaker_text(q), Some("a senior diplomat"));
    let q = find(&qs, "The draft was finished on Sunday");
    assert_eq!(speaker_text(q), Some("two people familiar with the talks"));
}

#[test]
fn told_with_listener() {
    let qs = quotes(&format!(
        "{INTRO}\nKessler told reporters in Vienna that no date had been set."
    ));
    let q = find(&qs, "no date had been set");
    assert_eq!(q.cue.as_ref().unwrap().text, "told");
    assert_eq!(speaker_name(q), Some("Anna Kessler"));
}

#[test]
fn speech_verbs_of_many_classes() {
    let qs = quotes(
        "The ministry confirmed that two ships had been seized.\nThe company denied that it had broken the rules.\nThe central bank warned that inflation could rise again.\nThe union urged that the vote be delayed.\nThe minister reiterated that the border would stay open.\nAnalysts noted that exports had fallen for a third month.",
    );
    for (text, cue) in [
        ("two ships had been seized", "confirmed"),
        ("it had broken the rules", "denied"),
        ("inflation could rise again", "warned"),
        ("the vote be delayed", "urged"),
        ("the border would stay open", "reiterated"),
        ("exports had fallen for a third month", "noted"),
    ] {
        let q = find(&qs, text);
        assert_eq!(q.cue.as_ref().unwrap().text, cue);
        assert_eq!(q.kind, QuoteKind::Indirect);
    }
}

#[test]
fn coordinated_speech_clauses_are_two_quotes() {
    let qs = quotes(&format!(
        "{INTRO}\nKessler reiterated that a deal was possible but said there were no details yet on timing."
    ));
    let a = find(&qs, "a deal was possible");
    let b = find(&qs, "there were no details yet on timing");
    assert_eq!(speaker_name(a), Some("Anna Kessler"));
    assert_eq!(speaker_name(b), Some("Anna Kessler"));
    assert_eq!(b.cue.as_ref().unwrap().text, "said");
}

#[test]
fn a_coordinated_verb_in_another_tense_stays_in_the_content() {
    let qs = quotes(
        "A source told Reuters that the draft does not mention guarantees, but says that aid will continue.",
    );
    assert_eq!(qs.len(), 1, "{}", list(&qs));
    assert_eq!(
        qs[0].text,
        "the draft does not mention guarantees, but says that aid will continue"
    );
}

#[test]
fn adjunct_clause_of_the_main_clause_ends_the_content() {
    let qs = quotes(
        "Moscow confirmed that talks were in progress after the call, as concerns grow over the fate of the region.\nThe minister said prices would fall, while the opposition said they would rise.",
    );
    find(&qs, "talks were in progress after the call");
    find(&qs, "prices would fall");
    let q = find(&qs, "they would rise");
    assert_eq!(speaker_text(q), Some("the opposition"));
}

#[test]
fn participial_saying_takes_the_main_subject() {
    let qs = quotes(&format!(
        "{INTRO}\nKessler this week played down hopes of a quick deal, saying that the gaps remained wide."
    ));
    let q = find(&qs, "the gaps remained wide");
    assert_eq!(q.cue.as_ref().unwrap().text, "saying");
    assert_eq!(speaker_name(q), Some("Anna Kessler"));
}

#[test]
fn mixed_quote() {
    let qs = quotes(&format!(
        "{INTRO}\nKessler said her government would not negotiate \"under pressure\" from anyone."
    ));
    assert_eq!(
        qs.len(),
        1,
        "the fragment is not output apart: {}",
        list(&qs)
    );
    let q = &qs[0];
    assert_eq!(q.kind, QuoteKind::Mixed);
    assert_eq!(
        q.text,
        "her government would not negotiate \"under pressure\" from anyone"
    );
}

#[test]
fn negated_passive_and_future_cues_make_no_quote() {
    let qs = quotes(
        "The ministry did not say when the talks would resume.\nIt was announced that the talks had ended.\nThe minister is expected to say that the talks will resume.\nOfficials declined to comment.",
    );
    assert!(qs.is_empty(), "{}", list(&qs));
}

#[test]
fn unnamed_sources_keep_their_phrase() {
    let qs = quotes(
        "A source familiar with the contents of the draft said the text was final.\nA senior diplomat at the embassy said Russian troops had been moved.",
    );
    let q = find(&qs, "the text was final");
    assert_eq!(
        speaker_text(q),
        Some("A source familiar with the contents of the draft")
    );
    assert!(q.speaker.as_ref().unwrap().entity.is_none());
    let q = find(&qs, "Russian troops had been moved");
    assert_eq!(speaker_text(q), Some("A senior diplomat at the embassy"));
    assert!(q.speaker.as_ref().unwrap().entity.is_none());
}

#[test]
fn organisations_and_states_speak() {
    let qs = quotes("The Kremlin said that preparations were under way.\nMoscow confirmed the meeting would take place.");
    let q = find(&qs, "preparations were under way");
    assert_eq!(speaker_name(q), Some("Kremlin"));
    let q = find(&qs, "the meeting would take place");
    assert_eq!(speaker_name(q), Some("Moscow"));
}

#[test]
fn appositive_speaker() {
    let qs = quotes("Dmitry Peskov, the Kremlin spokesman, said the call had been useful.");
    let q = find(&qs, "the call had been useful");
    assert_eq!(
        speaker_text(q),
        Some("Dmitry Peskov, the Kremlin spokesman")
    );
    assert_eq!(speaker_name(q), Some("Dmitry Peskov"));
}

#[test]
fn wire_dateline_is_not_content() {
    let text = " date 2025-03-04 WORLD\nTalks to resume\n\nVIENNA, March 4 (Reuters) - Talks on the treaty will resume next week, two diplomats said.\n";
    let articles = common::read_all("t.txt", text.as_bytes());
    let a = &articles[0];
    let an = common::analyse(a);
    let qs = an.quotes.unwrap();
    find(&qs, "Talks on the treaty will resume next week");
}

#[test]
fn headline_attribution() {
    let text = " date 2025-03-04 WORLD\nRussia and US prepare for more talks: Kremlin\nTalks will resume soon, officials say\n\nThe Kremlin said talks would resume.\n";
    let articles = common::read_all("t.txt", text.as_bytes());
    let an = common::analyse(&articles[0]);
    let qs = an.quotes.unwrap();
    let q = find(&qs, "Russia and US prepare for more talks");
    assert!(q.cue.is_none());
    assert_eq!(speaker_name(q), Some("Kremlin"));
    let q = find(&qs, "Talks will resume soon");
    assert_eq!(speaker_text(q), Some("officials"));
}

#[test]
fn caption_is_read_like_a_sentence() {
    let text = " date 2025-03-04 WORLD\nTalks to resume\nThe Kremlin said that the leaders will meet in person. / Photo: AP\n\nBody text here.\n";
    let articles = common::read_all("t.txt", text.as_bytes());
    let an = common::analyse(&articles[0]);
    let qs = an.quotes.unwrap();
    let q = find(&qs, "the leaders will meet in person");
    assert_eq!(speaker_name(q), Some("Kremlin"));
}

#[test]
fn spans_and_sentences_point_into_the_text() {
    let a = common::article(&format!(
        "{INTRO}\n“Our patience,” she said, “is running out.” Kessler said the talks would resume."
    ));
    let an = common::analyse(&a);
    let sentences = an.sentences.as_ref().unwrap();
    for q in an.quotes.as_ref().unwrap() {
        let s = sentences[q.sentence.unwrap() as usize];
        assert!(s.span.start <= q.content.start && q.content.start < s.span.end);
        let sp = q.speaker.as_ref().unwrap();
        assert_eq!(a.slice(sp.span.unwrap()), sp.text);
    }
}

#[test]
fn no_analysis_layers_no_quotes() {
    let a = common::article("He said it.");
    let an = dateline_model::Analysis::empty(a.id.clone());
    assert!(dateline_quotes::Quoter::embedded()
        .quotes(&a, &an)
        .is_empty());
}

#[test]
fn chains_of_appositives() {
    let qs = quotes(
        "Andrew Fisher, 20, from Omaha, Nebraska, said he would sell the space.\nIn Moscow, officials, who spoke on condition of anonymity, said the plan had been shelved.\nDet Insp Mark Rowe, of West Yorkshire Police, said the inquiry was closed.",
    );
    let q = find(&qs, "he would sell the space");
    assert_eq!(
        speaker_text(q),
        Some("Andrew Fisher, 20, from Omaha, Nebraska")
    );
    assert_eq!(speaker_name(q), Some("Andrew Fisher"));
    let q = find(&qs, "the plan had been shelved");
    assert_eq!(
        speaker_text(q),
        Some("officials, who spoke on condition of anonymity")
    );
    assert!(speaker_name(q).is_none());
    let q = find(&qs, "the inquiry was closed");
    assert!(speaker_text(q).unwrap().starts_with("Det Insp Mark Rowe"));
}

#[test]
fn phrasal_verbs_and_time_words() {
    let qs = quotes(
        "The evidence adds up to a strong case, the lawyer said.\nThe firm said this tactic was designed to spread the virus.\nThe firm said last week that sales had risen.",
    );
    let q = find(&qs, "The evidence adds up to a strong case");
    assert_eq!(speaker_text(q), Some("the lawyer"));
    find(&qs, "this tactic was designed to spread the virus");
    find(&qs, "sales had risen");
    assert_eq!(qs.len(), 3, "{}", list(&qs));
}

#[test]
fn quoted_as_saying_and_it_said() {
    let qs = quotes(
        "Dmitry Peskov was quoted by RIA news agency as saying that the talks had been useful.\nThe Kremlin said on Monday that the call had been constructive. It said a meeting was possible.",
    );
    let q = find(&qs, "the talks had been useful");
    assert_eq!(speaker_name(q), Some("Dmitry Peskov"));
    let q = find(&qs, "a meeting was possible");
    assert_eq!(speaker_text(q), Some("It"));
    assert_eq!(speaker_name(q), Some("Kremlin"));
}

#[test]
fn headline_with_forward_reported_speech() {
    let text = " date 2025-03-04 WORLD\nKremlin says talks with US are making progress\n\nBody.\n";
    let articles = common::read_all("t.txt", text.as_bytes());
    let an = common::analyse(&articles[0]);
    let qs = an.quotes.unwrap();
    let q = find(&qs, "talks with US are making progress");
    assert_eq!(speaker_name(q), Some("Kremlin"));
}

#[test]
fn coordinated_verb_takes_the_nearest_subject() {
    let qs = quotes(
        "The key is whether Gerrard comes out and says that he is happy.\nSome people have been saying the games should be scrapped.",
    );
    let q = find(&qs, "he is happy");
    assert_eq!(speaker_text(q), Some("Gerrard"));
    let q = find(&qs, "the games should be scrapped");
    assert_eq!(speaker_text(q), Some("Some people"));
}

#[test]
fn an_attribution_between_two_clauses_closes_the_first() {
    let qs = quotes(&format!(
        "{INTRO}\nRussia launched 40 drones at Ukraine overnight, the Ukrainian air force said, and a woman was killed in Kyiv."
    ));
    let q = find(&qs, "Russia launched 40 drones at Ukraine overnight");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(speaker_text(q), Some("the Ukrainian air force"));
}

#[test]
fn a_past_verb_after_a_modal_clause_is_the_speakers_act() {
    let qs = quotes(&format!(
        "{INTRO}\nThe foreign ministry said on Thursday it would respond with new measures and summoned the German ambassador."
    ));
    find(&qs, "it would respond with new measures");
}

#[test]
fn a_trailing_according_to_with_an_appositive_ends_the_content() {
    let qs = quotes(
        "At least 22 people were killed across the country, according to the Kenya National Commission on Human Rights, a state-funded body.",
    );
    let q = find(&qs, "At least 22 people were killed across the country");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(
        speaker_name(q),
        Some("Kenya National Commission on Human Rights")
    );
}

#[test]
fn a_coordinated_modal_clause_goes_on_saying_but_a_refusal_to_comment_does_not() {
    let qs = quotes(&format!(
        "{INTRO}\nKessler said the government was open to dialogue but would not withdraw the reform.\nKessler said the talks had been useful but would not elaborate."
    ));
    find(
        &qs,
        "the government was open to dialogue but would not withdraw the reform",
    );
    find(&qs, "the talks had been useful");
}

#[test]
fn a_time_adjunct_after_a_trailing_attribution_is_not_content() {
    let qs = quotes(&format!(
        "{INTRO}\nDonors pledged two billion euros in aid at a conference in Paris on Monday, Kessler said, a year after fighting erupted."
    ));
    let q = find(
        &qs,
        "Donors pledged two billion euros in aid at a conference in Paris on Monday",
    );
    assert_eq!(speaker_name(q), Some("Anna Kessler"));
}

#[test]
fn according_to_between_two_clauses_closes_the_first() {
    let qs = quotes(
        "Only about 6% of the appeal has been funded so far, according to the United Nations, and convoys reached just a handful of towns.",
    );
    find(&qs, "Only about 6% of the appeal has been funded so far");
}

#[test]
fn an_expectation_after_but_goes_on_saying() {
    let qs = quotes(&format!(
        "{INTRO}\nKessler said she was disappointed but expected to see the minister soon."
    ));
    find(
        &qs,
        "she was disappointed but expected to see the minister soon",
    );
}

#[test]
fn another_sources_words_after_a_comma_end_the_content() {
    let qs = quotes(&format!(
        "{INTRO}\nKessler said the ban would not take effect until contracts expired, a loophole critics say could last a year.\nKessler said Moscow would retaliate for the expulsions, which Berlin described as a response to atrocities.\nKessler said the union was considering a strike, a step that would halt trains."
    ));
    find(&qs, "the ban would not take effect until contracts expired");
    find(&qs, "Moscow would retaliate for the expulsions");
    find(&qs, "the union was considering a strike");
}

#[test]
fn continued_with_an_object_is_no_new_statement() {
    let qs = quotes(&format!(
        "{INTRO}\nKessler said Vienna would not hold talks while the rebels continued their attacks."
    ));
    find(
        &qs,
        "Vienna would not hold talks while the rebels continued their attacks",
    );
}

#[test]
fn a_capitalised_word_inside_a_name_is_no_cue() {
    let qs = quotes(
        "The European Union, the United States, Britain and France demanded his immediate release.",
    );
    assert!(qs.is_empty(), "{}", list(&qs));
    // A parenthetical attribution still holds its cue inside the content.
    let qs = quotes(&format!(
        "{INTRO}\nDemand from chipmakers, Kessler added, remained strong."
    ));
    find(
        &qs,
        "Demand from chipmakers, Kessler added, remained strong",
    );
}

#[test]
fn present_perfect_after_and_is_the_speakers_own_deed() {
    // The cue is in the present: "and has offered ..." tells what the speaker has done.
    let qs = quotes(&format!(
        "{INTRO}\nKessler says the project is vital to its development and has offered only guidelines."
    ));
    find(&qs, "the project is vital to its development");
    // In the past the same shape stays reported: "said ... and had offered" is not touched.
    let qs = quotes(&format!(
        "{INTRO}\nKessler said the ministry was ready and had offered new guidelines."
    ));
    find(&qs, "the ministry was ready and had offered new guidelines");
}

#[test]
fn a_noun_summing_up_the_clause_is_the_reporters() {
    let qs = quotes(&format!(
        "{INTRO}\nShe said several protesters had been beaten by police in detention, a charge the interior ministry denied."
    ));
    find(
        &qs,
        "several protesters had been beaten by police in detention",
    );
    // Without a speech verb before it, the clause is no quote of the one who reacts.
    let qs = quotes(&format!(
        "{INTRO}\nIslamabad accuses the Taliban of sheltering fighters who have attacked its forces, a charge Kabul denies."
    ));
    assert!(
        qs.iter().all(|q| !q.text.starts_with("Islamabad accuses")),
        "{:?}",
        qs.iter().map(|q| &q.text).collect::<Vec<_>>()
    );
}

#[test]
fn long_appositives_participles_and_time_adjuncts_around_the_attribution() {
    let qs = quotes(&format!(
        "{INTRO}\nKessler, a critic of the ruling Freedom Party, said she would not resign.\nTwo officials, speaking on condition of anonymity, said the draft had been agreed.\nThe summit has been put on hold, a senior official said on Tuesday, less than a week after it was announced."
    ));
    assert_eq!(
        speaker_name(find(&qs, "she would not resign")),
        Some("Anna Kessler")
    );
    let two = speaker_text(find(&qs, "the draft had been agreed")).unwrap();
    assert!(two.starts_with("Two officials"), "{two}");
    assert_eq!(
        speaker_text(find(&qs, "The summit has been put on hold")),
        Some("a senior official")
    );
}

#[test]
fn the_speakers_next_act_after_and_ends_what_was_said() {
    let qs = quotes(&format!(
        "{INTRO}\nLasconi said the court had trampled on democracy and called on the government to organise the vote quickly.\nThe State Department said it was concerned about Russian involvement and praised Romanian institutions.\nIndia said it received the request but declines to comment further."
    ));
    for content in [
        "the court had trampled on democracy",
        "it was concerned about Russian involvement",
        "it received the request",
    ] {
        find(&qs, content);
    }
}
