//! `dateline-events`: who did what to whom, when — and whether it happened.
//!
//! Brief overview:
//! - [`cameo::CameoTable`]: CAMEO 1.1b3 codes with names, Goldstein scores, GDELT QuadClass and
//!   their PLOVER category, mode and context.
//! - [`verbs::VerbDict`]: the PETRARCH verb-pattern dictionary (plus dateline's additions),
//!   matched against the words of a clause.
//! - [`EventStage`]: the pipeline stage (`events@1`): finds verb and noun triggers in every
//!   content sentence, takes source and target actors from the entity layer, decides the
//!   modality (asserted, planned, hypothetical, negated, reported, uncertain) from the clause,
//!   dates the event from the clause's time expressions, and merges the tellings of one event.
#![deny(missing_docs)]

pub mod cameo;
mod stage;
pub mod verbs;

pub use stage::EventStage;
