//! `dateline serve`: resolves the options (data dir or demo store, token, pipeline) and hands
//! them to `dateline-server`, which knows nothing of the CLI.
use std::io::Write;
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use dateline_server::demo::Demo;
use dateline_server::Config;

use crate::args::ServeArgs;
use crate::commands::Ctx;
use crate::EXIT_OK;

pub fn run(ctx: &Ctx, a: ServeArgs) -> Result<u8> {
    let pipeline = Arc::new(ctx.pipeline()?);
    let token = a.token.filter(|t| !t.trim().is_empty());
    let demo = if a.demo {
        Some(Demo::create(&pipeline).context("building the demo store")?)
    } else {
        None
    };
    let data_dir = match &demo {
        Some(d) => d.data_dir().to_path_buf(),
        None => {
            let dir = ctx.data_dir()?;
            if token.is_none() && !dir.join(dateline_store::DB_FILE).exists() {
                bail!(
                    "no store in {} yet: run `dateline ingest PATH` first, give --data DIR, \
                     --demo for the bundled examples, or --token to ingest over HTTP",
                    dir.display()
                );
            }
            dir
        }
    };
    if !a.addr.ip().is_loopback() && !ctx.quiet {
        eprintln!(
            "warning: listening on {}: whoever can reach this address can read the store{}",
            a.addr,
            if token.is_some() {
                " (writes need the token)"
            } else {
                ""
            }
        );
    }
    let writes = token.is_some();
    let mut config = Config::new(data_dir.clone());
    config.token = token;
    config.cors = a.cors;
    config.pipeline = Some(pipeline);
    let json = ctx.json;
    let articles = demo.as_ref().map(Demo::articles);
    dateline_server::run(a.addr, config, move |addr| {
        let url = format!("http://{addr}/");
        let mut out = std::io::stdout().lock();
        let _ = if json {
            writeln!(
                out,
                "{}",
                serde_json::json!({
                    "url": url,
                    "data": data_dir.display().to_string(),
                    "writes": writes,
                    "demo_articles": articles,
                })
            )
        } else {
            writeln!(
                out,
                "dateline serving {} at {url} ({}; Ctrl-C stops)",
                match articles {
                    Some(n) => format!("{n} bundled example articles"),
                    None => data_dir.display().to_string(),
                },
                if writes {
                    "writes on: POST /api/ingest needs the token"
                } else {
                    "read-only"
                }
            )
        };
        let _ = out.flush();
    })
    .with_context(|| format!("serving on {}", a.addr))?;
    drop(demo);
    Ok(EXIT_OK)
}
