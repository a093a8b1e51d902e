//! `dateline-entities`: named entities of an article, resolved and linked.
//!
//! Brief overview:
//! - [`Linker`]: finds name mentions in the tokens of each content sentence — knowledge-base
//!   names by longest match ([`Gazetteer`]), unknown names as capitalised chunks typed from
//!   context (titles such as "spokesman X", organisation heads such as "Ministry of …", first
//!   names, locative prepositions) — then clusters them into entities (same knowledge-base
//!   entry; surname ↔ full name; title phrases such as "the Kremlin spokesman"; he/she to the
//!   salient person) and links each entity: canonical name, OntoNotes type, CAMEO actor code for
//!   the article's date (dated roles: a president after the term is an elite, `…ELI`), Wikidata id.
//! - [`EntityStage`]: the pipeline stage (`entities@1`), requiring sentences and POS tags.
//!
//! Knowledge comes from data files: the actor knowledge base (`dateline-kb`) and the entity
//! lexicon `data/lexicon/entities.txt` (titles, organisation heads, first names, pronouns).
//!
//! # Example
//! ```
//! use dateline_model::{Article, Span, Zone, ZoneKind};
//! use dateline_pipeline::Pipeline;
//!
//! let text = "Kremlin spokesman Dmitry Peskov met reporters in Moscow. He said talks would go on.";
//! let mut article = Article::new(text.to_string(), None);
//! article.published = Some("2025-02-26".into());
//! article.zones.push(Zone::new(ZoneKind::Paragraph, Span::new(0, text.chars().count())));
//! let pipeline = Pipeline::new(vec![
//!     Box::new(dateline_text::SentenceStage::new()),
//!     Box::new(dateline_text::PosStage::new()),
//!     Box::new(dateline_entities::EntityStage::new()),
//! ]).unwrap();
//! let analysis = pipeline.analyse(&article);
//! let entities = analysis.entities.unwrap();
//! let peskov = entities.iter().find(|e| e.name == "Dmitry Peskov").unwrap();
//! assert_eq!(peskov.actor.as_deref(), Some("RUSGOV"));
//! assert!(peskov.mentions.iter().any(|m| m.text == "He"));
//! assert!(entities.iter().any(|e| e.name == "Moscow" && e.actor.as_deref() == Some("RUS")));
//! ```
#![deny(missing_docs)]

mod gazetteer;
mod lexicon;
mod link;

use std::sync::OnceLock;

use dateline_kb::Kb;
use dateline_model::{Analysis, Article, Entity};
use dateline_pipeline::{Layer, Stage};
use dateline_text::Segmenter;

pub use gazetteer::{Gazetteer, Target};
pub use lexicon::{Gender, Lexicon};

/// Recognises, clusters and links the named entities of an article.
pub struct Linker {
    kb: &'static Kb,
    gaz: Gazetteer,
    lex: Lexicon,
    /// Generic agents by lower-case pattern and plural: role code, and whether it goes first.
    agents: std::collections::HashMap<String, (String, bool)>,
}

impl Linker {
    /// A linker over `kb` with the default lexicon.
    pub fn new(kb: &'static Kb) -> Linker {
        let seg = Segmenter::new();
        let mut agents = std::collections::HashMap::new();
        for a in &kb.agents {
            for form in std::iter::once(a.pattern.as_str()).chain(a.plural.as_deref()) {
                agents
                    .entry(form.to_lowercase())
                    .or_insert_with(|| (a.code.clone(), a.prefix));
            }
        }
        let lex = Lexicon::parse(lexicon::DEFAULT);
        // Name particles that may open a name in lower case ("al-Qaeda", "von der Leyen"); the
        // function words among the particles never do ("the EU" stays out).
        let particles: std::collections::HashSet<String> = lex
            .particles
            .iter()
            .filter(|p| !matches!(p.as_str(), "of" | "for" | "and" | "the"))
            .map(|p| p.trim_end_matches('-').to_string())
            .collect();
        // Words that are no surname on their own: first names, titles and words the lexicon
        // says are never names (a lone "Tom" is not Peter Tom, a lone "Long" nobody).
        let mut not_surnames: std::collections::HashSet<String> =
            lex.first_names.keys().cloned().collect();
        not_surnames.extend(lex.not_names.iter().cloned());
        for t in lex.titles.keys().filter(|t| !t.contains(' ')) {
            let mut cs = t.chars();
            if let Some(f) = cs.next() {
                not_surnames.insert(f.to_uppercase().chain(cs).collect());
            }
        }
        Linker {
            kb,
            gaz: Gazetteer::build_with(kb, &seg, &particles, &not_surnames),
            lex,
            agents,
        }
    }

    /// The linker over the embedded knowledge base, built once per process.
    pub fn embedded() -> &'static Linker {
        static L: OnceLock<Linker> = OnceLock::new();
        L.get_or_init(|| Linker::new(Kb::embedded()))
    }

    /// The knowledge base in use.
    pub fn kb(&self) -> &'static Kb {
        self.kb
    }

    /// The entities of `article`, given its tokens (with POS tags) and sentences.
    pub fn link(&self, article: &Article, analysis: &Analysis) -> Vec<Entity> {
        link::run(self, article, analysis)
    }
}

/// The entity stage: fills `analysis.entities`.
pub struct EntityStage {
    linker: &'static Linker,
}

impl EntityStage {
    /// The stage over the embedded knowledge base.
    pub fn new() -> EntityStage {
        EntityStage {
            linker: Linker::embedded(),
        }
    }

    /// The stage over a given linker (e.g. built from a user's `--kb DIR`).
    pub fn with_linker(linker: &'static Linker) -> EntityStage {
        EntityStage { linker }
    }
}

impl Default for EntityStage {
    fn default() -> Self {
        EntityStage::new()
    }
}

impl Stage for EntityStage {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn version(&self) -> u32 {
        1
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Pos]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }
    fn run(&self, article: &Article, analysis: &mut Analysis) {
        analysis.entities = Some(self.linker.link(article, analysis));
    }
}
