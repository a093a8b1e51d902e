//! One module per scored section.
pub(crate) mod article;
pub(crate) mod entities;
pub(crate) mod events;
pub(crate) mod quotes;
pub(crate) mod times;
