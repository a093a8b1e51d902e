//! Entity recognition, linking and coreference on articles written for these tests.
use dateline_model::{Analysis, Article, Entity, EntityType, Span, Zone, ZoneKind};
use dateline_pipeline::Pipeline;

/// An article with one paragraph per line, published on `date`.
fn article(date: &str, text: &str) -> Article {
    let mut a = Article::new(text.to_string(), None);
    a.published = Some(date.to_string());
    let mut off = 0;
    for line in text.split('\n') {
        let n = line.chars().count();
        if !line.trim().is_empty() {
            a.zones
                .push(Zone::new(ZoneKind::Paragraph, Span::new(off, off + n)));
        }
        off += n + 1;
    }
    a
}

fn analyse(a: &Article) -> Analysis {
    let p = Pipeline::new(vec![
        Box::new(dateline_text::SentenceStage::new()),
        Box::new(dateline_text::PosStage::new()),
        Box::new(dateline_entities::EntityStage::new()),
    ])
    .unwrap();
    let an = p.analyse(a);
    assert!(an.diagnostics.is_empty(), "{:?}", an.diagnostics);
    // Invariant: the text at every mention's span is the mention's text.
    let ix = a.index();
    for e in an.entities.as_ref().unwrap() {
        for m in &e.mentions {
            assert_eq!(
                ix.slice(&a.text, m.span),
                m.text,
                "mention span of {}",
                e.name
            );
        }
    }
    an
}

fn find<'a>(an: &'a Analysis, name: &str) -> &'a Entity {
    an.entities
        .as_ref()
        .unwrap()
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity {name}: {:#?}", names(an)))
}

fn names(an: &Analysis) -> Vec<(String, EntityType, Option<String>)> {
    an.entities
        .as_ref()
        .unwrap()
        .iter()
        .map(|e| (e.name.clone(), e.kind, e.actor.clone()))
        .collect()
}

fn forms(e: &Entity) -> Vec<&str> {
    e.mentions.iter().map(|m| m.text.as_str()).collect()
}

#[test]
fn capitals_and_seats_act_for_their_governments() {
    let a = article(
        "2025-03-10",
        "The Kremlin said on Monday that Moscow would answer the proposal.\nWashington rejected the claim, and the White House said talks were over.",
    );
    let an = analyse(&a);
    let kremlin = find(&an, "Kremlin");
    assert_eq!(
        (kremlin.kind, kremlin.actor.as_deref()),
        (EntityType::Org, Some("RUSGOV"))
    );
    let moscow = find(&an, "Moscow");
    assert_eq!(
        (moscow.kind, moscow.actor.as_deref()),
        (EntityType::Gpe, Some("RUS"))
    );
    assert_eq!(find(&an, "Washington").actor.as_deref(), Some("USA"));
    assert_eq!(find(&an, "White House").actor.as_deref(), Some("USAGOV"));
}

#[test]
fn roles_are_resolved_by_the_article_date() {
    let text = "Joe Biden spoke with Donald Trump about the handover.";
    let late = analyse(&article("2025-02-26", text));
    assert_eq!(find(&late, "Joe Biden").actor.as_deref(), Some("USAELI"));
    assert_eq!(find(&late, "Donald Trump").actor.as_deref(), Some("USAGOV"));
    let mid = analyse(&article("2022-06-01", text));
    assert_eq!(find(&mid, "Joe Biden").actor.as_deref(), Some("USAGOV"));
    assert_eq!(find(&mid, "Donald Trump").actor.as_deref(), Some("USAELI"));
    assert_eq!(find(&mid, "Joe Biden").wikidata.as_deref(), Some("Q6279"));
}

#[test]
fn unknown_names_are_found_and_typed() {
    let a = article(
        "2025-06-12",
        "Lebanese Foreign Minister Tarek Halabi met Olena Marchenko, an analyst at the Ministry of Rural Affairs, in Tyrnavos.\nHalabi said the talks went well.",
    );
    let an = analyse(&a);
    let halabi = find(&an, "Tarek Halabi");
    assert_eq!(halabi.kind, EntityType::Person);
    assert_eq!(
        halabi.actor.as_deref(),
        Some("LBNGOV"),
        "country from the adjective, role from the title"
    );
    assert_eq!(halabi.wikidata, None);
    assert!(
        forms(halabi).contains(&"Halabi"),
        "surname joins the full name"
    );
    assert_eq!(find(&an, "Olena Marchenko").kind, EntityType::Person);
    assert_eq!(find(&an, "Ministry of Rural Affairs").kind, EntityType::Org);
    assert_eq!(find(&an, "Tyrnavos").kind, EntityType::Gpe);
    assert!(an
        .entities
        .as_ref()
        .unwrap()
        .iter()
        .any(|e| e.kind == EntityType::Norp && e.actor.as_deref() == Some("LBN")));
}

#[test]
fn coreference_chains_names_titles_and_pronouns() {
    let a = article(
        "2025-02-26",
        "Kremlin spokesman Dmitry Peskov said the meeting was useful.\nPeskov added that no date had been set.\nThe Kremlin spokesman noted reports of a visit.\nHe said Moscow was ready.\nMaria Zakharova, the foreign ministry spokeswoman, spoke later. She said the same.",
    );
    let an = analyse(&a);
    let peskov = find(&an, "Dmitry Peskov");
    assert_eq!(peskov.actor.as_deref(), Some("RUSGOV"));
    let f = forms(peskov);
    for form in ["Dmitry Peskov", "Peskov", "The Kremlin spokesman", "He"] {
        assert!(f.contains(&form), "{form} missing from {f:?}");
    }
    let zakharova = find(&an, "Maria Zakharova");
    assert!(forms(zakharova).contains(&"She"), "{:?}", forms(zakharova));
    assert!(!forms(peskov).contains(&"She"));
}

#[test]
fn hyphenated_compounds_and_curly_apostrophes() {
    let a = article(
        "2025-02-26",
        "US-Russia contacts resumed as Zelenskyy’s office welcomed the Russia-Ukraine talks in Kiev.",
    );
    let an = analyse(&a);
    let us = find(&an, "United States");
    assert!(forms(us).contains(&"US"));
    assert_eq!(
        forms(find(&an, "Russia"))
            .iter()
            .filter(|f| **f == "Russia")
            .count(),
        2
    );
    assert!(forms(find(&an, "Volodymyr Zelenskyy")).contains(&"Zelenskyy"));
    let kyiv = find(&an, "Kyiv");
    assert_eq!(forms(kyiv), vec!["Kiev"]);
    assert_eq!(kyiv.actor.as_deref(), Some("UKR"));
}

#[test]
fn non_latin_names_and_combining_marks_keep_their_spans() {
    // "José" written with a combining acute accent; a Cyrillic place name.
    let a = article(
        "2025-04-01",
        "Jose\u{301} Mari\u{301}a Ortega met officials in Київ on Tuesday.",
    );
    let an = analyse(&a);
    let ents = an.entities.as_ref().unwrap();
    assert!(
        ents.iter()
            .any(|e| e.name.starts_with("Jose\u{301}") && e.kind == EntityType::Person),
        "{:#?}",
        names(&an)
    );
    assert!(ents.iter().any(|e| e.name == "Київ"), "{:#?}", names(&an));
    assert!(
        !ents.iter().any(|e| e.name == "Tuesday"),
        "weekdays are not entities"
    );
}

#[test]
fn wire_datelines_and_lists_of_places() {
    let a = article(
        "2025-06-12",
        "KHARKIV, Ukraine, June 12 (Reuters) - Grain left the ports of Odesa, Chornomorsk and Pivdennyi on Monday.",
    );
    let an = analyse(&a);
    let kharkiv = find(&an, "Kharkiv");
    assert_eq!(
        (kharkiv.kind, kharkiv.actor.as_deref()),
        (EntityType::Gpe, Some("UKR")),
        "capitals in a dateline"
    );
    assert_eq!(
        find(&an, "Chornomorsk").kind,
        EntityType::Gpe,
        "a list takes its known neighbour's type"
    );
    assert_eq!(find(&an, "Pivdennyi").kind, EntityType::Gpe);
    assert!(
        !an.entities
            .as_ref()
            .unwrap()
            .iter()
            .any(|e| e.name == "Grain"),
        "{:#?}",
        names(&an)
    );
}

#[test]
fn head_words_type_unknown_places() {
    let a = article(
        "2025-06-12",
        "Patrols in the Varanger Sea and Zorvan Oblast were stepped up on Monday.",
    );
    let an = analyse(&a);
    assert_eq!(find(&an, "Varanger Sea").kind, EntityType::Loc);
    assert_eq!(find(&an, "Zorvan Oblast").kind, EntityType::Gpe);
}

#[test]
fn institutions_named_by_an_agent_take_their_country() {
    let a = article(
        "2025-05-20",
        "The Russian Foreign Ministry summoned the envoy, according to the Kiel Institute for the World Economy.",
    );
    let an = analyse(&a);
    let fm = find(&an, "Foreign Ministry");
    assert_eq!(
        (fm.kind, fm.actor.as_deref()),
        (EntityType::Org, Some("RUSGOV"))
    );
    assert_eq!(
        find(&an, "Kiel Institute for the World Economy").kind,
        EntityType::Org
    );
}

/// An article with no publication date.
fn undated(text: &str) -> Article {
    let mut a = article("2000-01-01", text);
    a.published = None;
    a
}

#[test]
fn historical_people_are_coded_for_the_article_date() {
    let text = "President Bush has threatened further action against Russia.\n\
                Mugabe said the talks would go on.";
    let early = analyse(&article("1990-08-20", text));
    let father = find(&early, "George Bush");
    assert_eq!(father.actor.as_deref(), Some("USAGOV"));
    // the title stays a title: the mention is the name
    assert_eq!(forms(father), ["Bush"]);
    assert_eq!(
        find(&early, "Robert Mugabe").actor.as_deref(),
        Some("ZWEGOV")
    );
    let late = analyse(&article("2003-03-20", text));
    assert_eq!(
        find(&late, "George W. Bush").actor.as_deref(),
        Some("USAGOV")
    );
    assert!(late
        .entities
        .as_ref()
        .unwrap()
        .iter()
        .all(|e| e.name != "George Bush"));
    // after the Phoenix dictionary's last edit nothing is claimed for its people
    let after = analyse(&article("2020-01-01", "Abdelaziz Bouteflika resigned."));
    assert_eq!(find(&after, "Abdelaziz Bouteflika").actor, None);
    // the people of people.tsv keep their current codes
    let now = analyse(&article(
        "2025-02-26",
        "Putin spoke to reporters. Biden did not.",
    ));
    assert_eq!(
        find(&now, "Vladimir Putin").actor.as_deref(),
        Some("RUSGOV")
    );
    assert_eq!(find(&now, "Joe Biden").actor.as_deref(), Some("USAELI"));
}

#[test]
fn with_no_date_the_most_recent_role_or_the_one_a_title_names() {
    let an = analyse(&undated(
        "President Abdelaziz Bouteflika met Kofi Annan.\n\
         Gambian President Dawda Jawara will visit Mauritania.",
    ));
    assert_eq!(
        find(&an, "Abdelaziz Bouteflika").actor.as_deref(),
        Some("DZAGOV")
    );
    assert_eq!(find(&an, "Kofi Annan").actor.as_deref(), Some("IGOUNO"));
    // Jawara's most recent code is an elite one; the text says he is president
    assert_eq!(find(&an, "Dawda Jawara").actor.as_deref(), Some("GMBGOV"));
}

#[test]
fn partial_and_lower_case_names_of_the_knowledge_base() {
    let an = analyse(&article(
        "1987-03-02",
        "Federal Reserve chairman Paul Volcker said rates would hold.\n\
         Officials said al-Qaeda had threatened the embassy, and the European Community sent aid.",
    ));
    // a known name without its middle initial, with a role that day
    assert_eq!(
        find(&an, "Paul A. Volcker").actor.as_deref(),
        Some("USAGOVBUS")
    );
    let aq = find(&an, "Al-Qaeda");
    assert_eq!(
        (aq.kind, aq.actor.as_deref()),
        (EntityType::Org, Some("IMGMUSALQ"))
    );
    assert_eq!(forms(aq), ["al-Qaeda"]);
    assert_eq!(
        find(&an, "European Community").actor.as_deref(),
        Some("IGOEUREEC")
    );
}

#[test]
fn a_title_tied_to_another_country_unlinks_a_namesake() {
    // Phoenix knows a Solomon Islands minister Peter Tom and no British Tom King: the title
    // and its anchor decide
    let an = analyse(&article(
        "1990-06-01",
        "British Defence Secretary Tom King has promised to continue military aid to Mozambique.",
    ));
    let found = names(&an);
    let king = found
        .iter()
        .find(|(n, t, _)| n.starts_with("Tom") && *t == EntityType::Person)
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(king.2.as_deref(), Some("GBRGOV"));
    // a lone capitalised word at a sentence start is no name because some minister bears it
    let an = analyse(&article("2004-05-01", "Note the change in rates."));
    assert!(an.entities.as_ref().unwrap().is_empty(), "{:?}", names(&an));
}

#[test]
fn a_singular_title_is_the_first_names_alone() {
    let a = article(
        "2017-09-03",
        "Japanese Prime Minister Shinzo Abe and Donald Trump spoke by telephone on Sunday.",
    );
    let an = analyse(&a);
    let ents = an.entities.unwrap();
    let trump = ents
        .iter()
        .find(|e| e.name == "Donald Trump")
        .expect("Trump");
    assert_eq!(trump.actor.as_deref(), Some("USAGOV"));
    let abe = ents.iter().find(|e| e.name == "Shinzo Abe").expect("Abe");
    assert_eq!(abe.actor.as_deref(), Some("JPNGOV"));
}

#[test]
fn a_place_opening_a_bodys_full_name_is_part_of_it() {
    let a = article(
        "2019-07-23",
        "The Syrian Observatory for Human Rights said 31 people were killed. The Russian Ministry of Defence denied it.",
    );
    let an = analyse(&a);
    let e = find(&an, "Syrian Observatory for Human Rights");
    assert_eq!(e.kind, EntityType::Org);
    // A government body keeps its country as a separate mention (the actor's country).
    assert!(
        names(&an)
            .iter()
            .any(|(n, _, actor)| n == "Russian" && actor.as_deref() == Some("RUS")),
        "{:#?}",
        names(&an)
    );
}

#[test]
fn particles_titles_and_kinds_of_place_shape_unknown_names() {
    let a = article(
        "2024-06-25",
        "Coalition spokesman Turki al-Maliki spoke after Humberto de la Calle arrived. Defence Minister Aden Duale visited the village of Kirants and the Tavush region.",
    );
    let an = analyse(&a);
    assert_eq!(find(&an, "Turki al-Maliki").kind, EntityType::Person);
    assert_eq!(find(&an, "Humberto de la Calle").kind, EntityType::Person);
    assert_eq!(
        find(&an, "Aden Duale").kind,
        EntityType::Person,
        "a place name after a title and before a surname is a first name"
    );
    assert_eq!(find(&an, "Kirants").kind, EntityType::Gpe);
    assert_eq!(find(&an, "Tavush").kind, EntityType::Gpe);
}

#[test]
fn a_family_name_written_first_is_the_second_mention() {
    let a = article(
        "2023-11-10",
        "Chinese President Xi Jinping will attend the summit.\nBiden and Xi met in Bali last year.\nKim Jong Un did not comment. Kim later left.",
    );
    let an = analyse(&a);
    let xi = find(&an, "Xi Jinping");
    assert!(forms(xi).contains(&"Xi"), "{:?}", forms(xi));
    assert!(
        !names(&an).iter().any(|(n, _, _)| n == "Xi"),
        "{:?}",
        names(&an)
    );
    // Given names first elsewhere: a lone "Joe" is not Joe Biden.
    let a = article(
        "2023-11-10",
        "US President Joe Biden will attend the summit.\nJoe said nothing.",
    );
    let an = analyse(&a);
    assert!(!forms(find(&an, "Joe Biden")).contains(&"Joe"));
}

#[test]
fn title_words_and_model_numbers_are_no_names() {
    let a = article(
        "2024-05-01",
        "Former President Alvaro Uribe said the deal was flawed.\nThe exercise involved F-15K fighter jets.\nSenior officials met in Seoul.",
    );
    let an = analyse(&a);
    let n = names(&an);
    for bad in ["Former", "F", "Senior"] {
        assert!(!n.iter().any(|(x, _, _)| x == bad), "{bad} in {n:?}");
    }
    assert!(n.iter().any(|(x, _, _)| x == "Alvaro Uribe"), "{n:?}");
}

#[test]
fn peoples_and_faiths_named_alone_are_groups() {
    let a = article(
        "2024-05-01",
        "Police detained Uyghur activists in Istanbul.\nOfficials blamed Sikh separatists.\nChristian Lindner said the budget was fixed.",
    );
    let an = analyse(&a);
    let n = names(&an);
    for g in ["Uyghur", "Sikh"] {
        assert!(
            n.iter().any(|(x, t, _)| x == g && *t == EntityType::Norp),
            "{g} in {n:?}"
        );
    }
    // A first name that is also a faith stays a name.
    assert!(
        n.iter()
            .any(|(x, t, _)| x == "Christian Lindner" && *t == EntityType::Person),
        "{n:?}"
    );
}

#[test]
fn a_name_after_port_island_or_capital_of_is_a_place() {
    let a = article(
        "2024-05-01",
        "Russian drones hit the port of Izmail overnight.\nThe leaders met on the island of Bali.",
    );
    let an = analyse(&a);
    let n = names(&an);
    for p in ["Izmail", "Bali"] {
        assert!(
            n.iter().any(|(x, t, _)| x == p && *t == EntityType::Gpe),
            "{p} in {n:?}"
        );
    }
}
