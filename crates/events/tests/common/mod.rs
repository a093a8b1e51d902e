//! The whole analysis pipeline, as the binary wires it, for the event tests.
use dateline_pipeline::Pipeline;

/// sentences → POS → parse → entities → time → quotes → events.
pub fn pipeline() -> Pipeline {
    Pipeline::new(vec![
        Box::new(dateline_text::SentenceStage::new()),
        Box::new(dateline_text::PosStage::new()),
        Box::new(dateline_text::ParseStage::new()),
        Box::new(dateline_entities::EntityStage::new()),
        Box::new(dateline_time::TimeStage::new()),
        Box::new(dateline_quotes::QuoteStage::new()),
        Box::new(dateline_events::EventStage::new()),
    ])
    .unwrap()
}
