//! One integration binary that runs the real `dateline` CLI (ripgrep style): each module is an
//! area, each test builds its own data dir and fixtures.
mod util;

mod bad_input;
mod crash;
mod entities;
mod eval;
mod events;
mod extract;
mod feeds;
mod ingest;
mod quotes;
mod search;
mod serve;
mod tidy;
mod web;
