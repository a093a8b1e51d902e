//! The `dateline` binary: parses arguments, wires the library crates together, reports progress
//! and maps outcomes to exit codes. It holds no reading logic of its own.

mod args;
mod bench;
mod commands;
mod eval_events;
mod export;
mod job;
mod output;
mod query;
mod serve;

use std::process::ExitCode;

use clap::Parser;

/// Exit code: everything asked for was done.
pub const EXIT_OK: u8 = 0;
/// Exit code: the command ran, but some items failed (they are listed) or nothing matched.
pub const EXIT_PARTIAL: u8 = 1;
/// Exit code: the command could not run (bad arguments, unusable data dir, unreadable gold).
pub const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    // A stage that fails on one article is isolated and reported as a P001 diagnostic; one line
    // on stderr is enough (set RUST_BACKTRACE for the full default report).
    if std::env::var_os("RUST_BACKTRACE").is_none() {
        std::panic::set_hook(Box::new(|info| {
            eprintln!("dateline: internal error: {info}")
        }));
    }
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::from(EXIT_OK);
            }
            eprintln!("dateline: {err:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
