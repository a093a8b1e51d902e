//! Speed of the dependency parser on real news text, one core.
//!
//! ```text
//! cargo run --release -p dateline-text --example bench_dep -- [../shared/corpus] [seconds]
//! ```
//!
//! Reads every `*.jsonl` file under the corpus folder (sorted; the `text` field of each line,
//! see `../shared/corpus/*/README.md`), segments and tags it once, then parses every sentence
//! repeatedly for at least `seconds` (default 5) and prints the parser's tokens/s, with the
//! tagger's for comparison. Only aggregate numbers are printed (the corpora are research-only).
use std::path::{Path, PathBuf};
use std::time::Instant;

use dateline_model::{Sentence, Token};
use dateline_text::{Parser, Segmenter, Tagger};

/// The string value of `"key": "…"` on a JSON line (JSON escapes decoded), if present.
fn json_string(line: &str, key: &str) -> Option<String> {
    let pat = format!("\"{key}\": \"");
    let start = line.find(&pat)? + pat.len();
    let mut out = String::new();
    let mut chars = line[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'b' | 'f' => out.push(' '),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    let cp = u32::from_str_radix(&hex, 16).ok()?;
                    out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

/// CPU time of this process (user + system), from `/proc/self/stat` (Linux; `None` elsewhere):
/// on a shared machine, tokens per CPU second is steadier than tokens per wall second.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0) // USER_HZ is 100 on Linux
}

fn jsonl_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            jsonl_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "jsonl") {
            out.push(p);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus = PathBuf::from(args.first().map_or("../shared/corpus", |s| s.as_str()));
    let seconds: f64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(5.0);
    let mut files = Vec::new();
    jsonl_files(&corpus, &mut files);
    let seg = Segmenter::new();
    let tagger = Tagger::embedded();
    let parser = Parser::embedded();
    let mut docs: Vec<(String, Vec<Token>, Vec<Sentence>)> = Vec::new();
    let t_tag = Instant::now();
    let mut tag_secs = 0.0;
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for line in src.lines() {
            let Some(text) = json_string(line, "text") else {
                continue;
            };
            let (mut tokens, sentences) = seg.segment_text(&text);
            let t0 = Instant::now();
            for s in &sentences {
                tagger.tag(
                    &text,
                    &mut tokens[s.first_token as usize..s.end_token as usize],
                );
            }
            tag_secs += t0.elapsed().as_secs_f64();
            docs.push((text, tokens, sentences));
        }
    }
    let n_tokens: usize = docs.iter().map(|d| d.1.len()).sum();
    let n_sentences: usize = docs.iter().map(|d| d.2.len()).sum();
    println!(
        "{} files, {} articles, {} sentences, {} tokens (read, segmented and tagged in {:.1} s)",
        files.len(),
        docs.len(),
        n_sentences,
        n_tokens,
        t_tag.elapsed().as_secs_f64()
    );
    if n_tokens == 0 {
        return;
    }
    let (mut parsed, mut rounds) = (0usize, 0usize);
    let mut roots = 0usize;
    let cpu0 = cpu_seconds();
    let t0 = Instant::now();
    while rounds == 0 || t0.elapsed().as_secs_f64() < seconds {
        for (text, tokens, sentences) in &mut docs {
            for s in sentences.iter() {
                let slice = &mut tokens[s.first_token as usize..s.end_token as usize];
                parser.parse(text, slice);
                parsed += slice.len();
            }
            roots += tokens.iter().filter(|t| t.head == Token::NO_HEAD).count();
        }
        rounds += 1;
    }
    let secs = t0.elapsed().as_secs_f64();
    if let (Some(a), Some(b)) = (cpu0, cpu_seconds()) {
        println!(
            "parser: {:.0} tokens per CPU second ({:.2} CPU s)",
            parsed as f64 / (b - a),
            b - a
        );
    }
    println!(
        "parser: {:.0} tokens/s ({parsed} tokens in {secs:.2} s, {rounds} rounds; {} roots per \
         round = sentences {n_sentences})",
        parsed as f64 / secs,
        roots / rounds
    );
    println!(
        "tagger (one pass, for comparison): {:.0} tokens/s",
        n_tokens as f64 / tag_secs
    );
}
