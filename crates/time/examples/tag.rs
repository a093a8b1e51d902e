//! Tags text for a look at the output.
//!
//! `cargo run -p dateline-time --example tag -- 2025-02-26 < lines.txt`: each line of standard
//! input, against the reference date given (`YYYY-MM-DD`, optional).
//! `cargo run -p dateline-time --example tag -- --jsonl FILE`: the `text` of each JSON line,
//! against its own `published` date.
//! Each expression prints as `text => TYPE value [begin .. end]`; with `MARK=1` the text is
//! printed with `[[expression|value]]` marks instead.
use std::io::BufRead;

use dateline_time::{tag_text, TenseHint};

fn show(line: &str, reference: Option<jiff::civil::Date>) {
    let found = tag_text(line, reference, TenseHint::Auto);
    if std::env::var_os("MARK").is_some() {
        let mut out = String::new();
        let mut at = 0;
        for f in &found {
            out.push_str(&line[at..f.range.start]);
            out.push_str(&format!("[[{}|{}]]", &line[f.range.clone()], f.value));
            at = f.range.end;
        }
        out.push_str(&line[at..]);
        println!("{out}\n");
        return;
    }
    println!("{line}");
    for f in found {
        let mut extra = String::new();
        if let Some(m) = f.modifier {
            extra.push_str(&format!(" mod={}", m.as_str()));
        }
        if f.begin.is_some() || f.end.is_some() {
            extra.push_str(&format!(
                " [{} .. {}]",
                f.begin.as_deref().unwrap_or("-"),
                f.end.as_deref().unwrap_or("-")
            ));
        }
        println!(
            "  {:?} => {:?} {}{extra}",
            &line[f.range.clone()],
            f.kind,
            f.value
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--jsonl") {
        let path = args.get(1).expect("--jsonl FILE");
        let text = std::fs::read_to_string(path).expect("readable file");
        for line in text.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let published = v["published"].as_str().and_then(|s| s.parse().ok());
            println!("## {}", v["published"].as_str().unwrap_or("-"));
            show(v["text"].as_str().unwrap_or(""), published);
        }
        return;
    }
    let reference = args
        .first()
        .and_then(|s| s.parse::<jiff::civil::Date>().ok());
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        show(&line, reference);
    }
}
