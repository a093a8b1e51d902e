//! Codes sentences read from standard input, one per line (optionally `YYYY-MM-DD<TAB>` first),
//! and prints what each layer saw: tokens with their tags, actors, events. A debugging aid for
//! the event lexicon and dictionaries:
//!
//! ```text
//! echo "Russia attacked Ukraine on Monday." | cargo run -q -p dateline-events --example code
//! ```
//!
//! With `DATELINE_DEBUG_ACTORS=1` the event stage also prints each sentence's actors (token
//! range, code, name) to stderr.
use std::io::BufRead;

use dateline_model::{Article, Span, Zone, ZoneKind};
use dateline_pipeline::Pipeline;

fn main() {
    // `--no-parse`: without the dependency parser (the event stage then reads roles by position).
    let mut stages: Vec<Box<dyn dateline_pipeline::Stage>> = vec![
        Box::new(dateline_text::SentenceStage::new()),
        Box::new(dateline_text::PosStage::new()),
    ];
    if !std::env::args().any(|a| a == "--no-parse") {
        stages.push(Box::new(dateline_text::ParseStage::new()));
    }
    stages.extend([
        Box::new(dateline_entities::EntityStage::new()) as Box<dyn dateline_pipeline::Stage>,
        Box::new(dateline_time::TimeStage::new()),
        Box::new(dateline_quotes::QuoteStage::new()),
        Box::new(dateline_events::EventStage::new()),
    ]);
    let pipeline = Pipeline::new(stages).expect("valid stage order");
    let quiet = std::env::args().any(|a| a == "-q");
    // `--suites DIR`: score both development suites of DIR (shared/eval/events) and write the
    // misses to /tmp/events-misses.txt.
    let args: Vec<String> = std::env::args().collect();
    // `--gold DIR`: score every gold reading of DIR (format dateline-gold/1) and list the event
    // misses, false events and critical errors.
    if let Some(k) = args.iter().position(|a| a == "--gold") {
        let dir = std::path::PathBuf::from(args.get(k + 1).expect("--gold DIR"));
        gold(&pipeline, &dir);
        return;
    }
    if let Some(k) = args.iter().position(|a| a == "--suites") {
        let dir = std::path::PathBuf::from(args.get(k + 1).expect("--suites DIR"));
        suites(&pipeline, &dir);
        return;
    }
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin");
        let (date, text) = match line.split_once('\t') {
            Some((d, t)) if d.len() == 10 => (Some(d.to_string()), t.to_string()),
            _ => (None, line.clone()),
        };
        let mut a = Article::new(text.clone(), None);
        a.published = date;
        a.zones.push(Zone::new(
            ZoneKind::Paragraph,
            Span::new(0, text.chars().count()),
        ));
        let an = pipeline.analyse(&a);
        println!("== {text}");
        if !quiet {
            let toks = an.tokens.as_deref().unwrap_or(&[]);
            let tagged: Vec<String> = toks
                .iter()
                .enumerate()
                .map(|(k, t)| {
                    let head = if t.head == dateline_model::Token::NO_HEAD {
                        "-".to_string()
                    } else {
                        t.head.to_string()
                    };
                    format!(
                        "{k}:{}/{:?}<{}:{head}",
                        t.text(&a.text),
                        t.pos,
                        t.dep.name()
                    )
                })
                .collect();
            println!("   {}", tagged.join(" "));
            for e in an.entities.as_deref().unwrap_or(&[]) {
                println!(
                    "   entity {:?} {} actor={:?} mentions={}",
                    e.kind,
                    e.name,
                    e.actor,
                    e.mentions.len()
                );
            }
        }
        for q in an.quotes.as_deref().unwrap_or(&[]) {
            let content: String = a
                .text
                .chars()
                .skip(q.content.start)
                .take(q.content.end - q.content.start)
                .collect();
            println!(
                "   quote {:?} {:?} speaker={:?}",
                q.kind,
                content,
                q.speaker.as_ref().map(|s| s.name.clone())
            );
        }
        for e in an.events.as_deref().unwrap_or(&[]) {
            let m = &e.mentions[0];
            let trig: String = a
                .text
                .chars()
                .skip(m.trigger.start)
                .take(m.trigger.end - m.trigger.start)
                .collect();
            println!(
                "   event {} {:?} {} -> {} [{:?}] date={:?} trigger={trig:?}",
                e.cameo,
                e.plover,
                e.source.as_ref().map_or("-", |x| x.code.as_str()),
                e.target.as_ref().map_or("-", |x| x.code.as_str()),
                e.modality,
                e.date,
            );
        }
    }
}

fn coder(
    p: &Pipeline,
) -> impl Fn(&str, Option<&str>) -> Vec<dateline_eval::suites::SuiteEvent> + '_ {
    move |text: &str, date: Option<&str>| {
        let mut a = Article::new(text.to_string(), None);
        a.published = date.map(str::to_string);
        a.zones.push(Zone::new(
            ZoneKind::Paragraph,
            Span::new(0, text.chars().count()),
        ));
        p.analyse(&a)
            .events
            .unwrap_or_default()
            .into_iter()
            .map(|e| dateline_eval::suites::SuiteEvent {
                cameo: e.cameo,
                plover: e.plover,
                source: e.source.map(|x| x.code),
                target: e.target.map(|x| x.code),
            })
            .collect()
    }
}

fn suites(p: &Pipeline, dir: &std::path::Path) {
    use std::fmt::Write;
    let c = coder(p);
    let mut misses = String::new();
    let r = dateline_eval::suites::score_plover(&dir.join("plover_gsr_dev.json"), &c)
        .expect("plover suite");
    print!("{}", r.render());
    for m in &r.misses {
        let _ = writeln!(
            misses,
            "miss {}: {} | expected {} | got {:?}",
            m.id, m.text, m.expected, m.got
        );
    }
    let r = dateline_eval::suites::score_petr2(&dir.join("PETR2_GSR_validation.dev.xml"), &c)
        .expect("petr2 suite");
    print!("{}", r.render());
    for m in &r.misses {
        let _ = writeln!(
            misses,
            "miss {}: {} | expected {} | got {:?}",
            m.id, m.text, m.expected, m.got
        );
    }
    std::fs::write("/tmp/events-misses.txt", misses).expect("write misses");
}

fn gold(p: &Pipeline, dir: &std::path::Path) {
    let docs = dateline_eval::load_gold_dir(dir).expect("gold dir");
    let mut r = dateline_eval::Report::new();
    for doc in docs {
        let bytes = std::fs::read(&doc.document_path).expect("document");
        let mut article = None;
        dateline_ingest::read_bytes("doc", &bytes, &Default::default(), &mut |i| {
            if let dateline_ingest::Item::Article(a, _) = i {
                article.get_or_insert(*a);
            }
        });
        let Some(article) = article else {
            println!("{}: not read", doc.document_path.display());
            continue;
        };
        let an = p.analyse(&article);
        let score = dateline_eval::score_document(&doc.gold, &article, &an);
        let name = doc
            .document_path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        for m in &score.events.missed {
            println!("{name} MISS {m:?}");
        }
        for f in &score.events.false_positives {
            println!("{name} FP {f}");
        }
        for c in &score.critical.errors {
            println!("{name} CRITICAL {c:?}");
        }
        if std::env::args().any(|a| a == "--times") {
            for m in &score.times.missed {
                println!("{name} TMISS {m:?}");
            }
            for f in &score.times.false_positives {
                println!("{name} TFP {f:?}");
            }
        }
        if std::env::args().any(|a| a == "--entities") {
            for m in &score.entities.missed {
                println!("{name} EMISS {m}");
            }
            for f in &score.entities.false_positives {
                println!("{name} EFP {f}");
            }
        }
        if std::env::args().any(|a| a == "--quotes") {
            for m in &score.quotes.missed {
                println!("{name} QMISS {m:?}");
            }
            for f in &score.quotes.false_positives {
                println!("{name} QFP {f:?}");
            }
        }
        r.add(&name, score);
    }
    println!("{}", r.render_table());
    println!("{}", r.summary_line());
}
