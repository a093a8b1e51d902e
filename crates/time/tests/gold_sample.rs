//! The shared gold sample article, read by a minimal parser of its plain-text format, run
//! through a pipeline (a test-only sentence splitter, then [`TimeStage`]) and scored by the
//! project's own scorer. Skipped when `shared/gold` is absent.
use std::path::PathBuf;

use dateline_model::{Analysis, Article, Sentence, Span, Zone, ZoneKind};
use dateline_pipeline::{Layer, Pipeline, Stage};
use dateline_time::TimeStage;

const SAMPLE: &str = "000_de8c20d388a4a3c7";

fn gold_dir() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold");
    p.join(format!("{SAMPLE}.txt")).exists().then_some(p)
}

/// One zone per non-empty line: the header, related links and the SOURCE line as what they
/// are, a caption's credit split off, everything else a paragraph.
fn article_from(text: &str) -> Article {
    let text = text.replace("\r\n", "\n");
    let mut zones = Vec::new();
    let mut char_pos = 0;
    for (n, line) in text.split('\n').enumerate() {
        let len = line.chars().count();
        let start = char_pos + (line.chars().count() - line.trim_start().chars().count());
        let end = char_pos + line.trim_end().chars().count();
        char_pos += len + 1;
        if line.trim().is_empty() {
            continue;
        }
        let trimmed = line.trim();
        let kind = if n == 0 {
            ZoneKind::Header
        } else if trimmed.starts_with("Related") {
            ZoneKind::Related
        } else if trimmed.starts_with("SOURCE:") {
            ZoneKind::Agency
        } else {
            ZoneKind::Paragraph
        };
        if let Some(cut) = line.find(" / Photo: ") {
            let cap_end = char_pos - len - 1 + line[..cut].chars().count();
            zones.push(Zone::new(ZoneKind::Caption, Span::new(start, cap_end)));
            let credit_start = cap_end + " / Photo: ".chars().count();
            zones.push(Zone::new(ZoneKind::Credit, Span::new(credit_start, end)));
            continue;
        }
        zones.push(Zone::new(kind, Span::new(start, end)));
    }
    let mut article = Article::new(text, None);
    article.zones = zones;
    article.published = Some("2025-02-26".to_string());
    article
}

/// A test-only sentence splitter: a sentence ends at `.`, `!` or `?` before white space and a
/// capital letter or quote.
struct TestSentences;

impl Stage for TestSentences {
    fn name(&self) -> &'static str {
        "sentences.test"
    }
    fn version(&self) -> u32 {
        1
    }
    fn requires(&self) -> &'static [Layer] {
        &[]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn run(&self, article: &Article, analysis: &mut Analysis) {
        let mut out = Vec::new();
        for z in article.zones.iter().filter(|z| z.kind.is_content()) {
            let chars: Vec<char> = article.slice(z.span).chars().collect();
            let mut start = 0;
            for i in 0..chars.len() {
                let end_mark = matches!(chars[i], '.' | '!' | '?');
                let next_starts = i + 2 < chars.len()
                    && chars[i + 1] == ' '
                    && (chars[i + 2].is_uppercase() || chars[i + 2] == '"');
                if end_mark && (next_starts || i + 1 == chars.len()) {
                    out.push(Span::new(z.span.start + start, z.span.start + i + 1));
                    start = i + 2;
                }
            }
            if start < chars.len() {
                out.push(Span::new(z.span.start + start, z.span.end));
            }
        }
        analysis.sentences = Some(
            out.into_iter()
                .map(|span| Sentence {
                    span,
                    zone: article
                        .zone_at(span)
                        .map(|z| z.kind)
                        .unwrap_or(ZoneKind::Paragraph),
                    first_token: 0,
                    end_token: 0,
                })
                .collect(),
        );
    }
}

#[test]
fn the_gold_sample_gives_exactly_the_expected_timexes() {
    let Some(dir) = gold_dir() else {
        eprintln!("skipped: shared/gold not found");
        return;
    };
    let text = std::fs::read_to_string(dir.join(format!("{SAMPLE}.txt"))).unwrap();
    let article = article_from(&text);
    let pipeline = Pipeline::new(vec![Box::new(TestSentences), Box::new(TimeStage)]).unwrap();
    let analysis = pipeline.analyse(&article);
    assert_eq!(analysis.stages, vec!["sentences.test@1", "time@1"]);
    check(&dir, &article, &analysis);
}

/// The same with the text crate's segmenter and part-of-speech tagger before the time stage:
/// past tense is then read from the tags.
#[test]
fn the_gold_sample_with_the_text_stages() {
    let Some(dir) = gold_dir() else {
        eprintln!("skipped: shared/gold not found");
        return;
    };
    let text = std::fs::read_to_string(dir.join(format!("{SAMPLE}.txt"))).unwrap();
    let article = article_from(&text);
    let pipeline = Pipeline::new(vec![
        Box::new(dateline_text::SentenceStage::new()),
        Box::new(dateline_text::PosStage::new()),
        Box::new(TimeStage),
    ])
    .unwrap();
    let analysis = pipeline.analyse(&article);
    assert_eq!(analysis.stages.len(), 3, "{:?}", analysis.diagnostics);
    assert!(analysis
        .tokens
        .as_ref()
        .is_some_and(|t| t.iter().any(|t| t.pos != dateline_model::Pos::X)));
    check(&dir, &article, &analysis);
}

fn check(dir: &std::path::Path, article: &Article, analysis: &Analysis) {
    let timexes = analysis.timexes.clone().expect("the time stage ran");
    for t in &timexes {
        println!(
            "{:?} {:?} {} (sentence {:?})",
            t.text, t.kind, t.value, t.sentence
        );
        assert_eq!(article.slice(t.span), t.text, "the text at the span");
    }

    // the six gold timexes, located by their context
    let expected = [
        ("February 26, 2025", "February 26, 2025", "2025-02-26"),
        ("The Kremlin said on Wednesday", "Wednesday", "2025-02-26"),
        ("a high-level meeting last week", "last week", "2025-W08"),
        (
            "Putin this week tempered expectations",
            "this week",
            "2025-W09",
        ),
        ("would visit Trump on Friday", "Friday", "2025-02-28"),
        ("told Reuters on Tuesday", "Tuesday", "2025-02-25"),
    ];
    for (context, text, value) in expected {
        let at = article.text.find(context).expect("context in the text");
        let char_at = article.text[..at].chars().count()
            + context[..context.find(text).unwrap()].chars().count();
        let span = Span::new(char_at, char_at + text.chars().count());
        let hit = timexes.iter().find(|t| t.span.overlaps(span));
        let hit = hit.unwrap_or_else(|| panic!("no timex at {text:?} in {context:?}"));
        assert_eq!(hit.value, value, "{text:?} in {context:?}");
        assert!(hit.sentence.is_some());
    }
    // anything else must be one of the optional strings
    let optional = [
        "earlier",
        "current",
        "as soon as possible",
        "yet",
        "initially",
    ];
    for t in &timexes {
        let is_gold = expected.iter().any(|(_, text, _)| t.text == *text);
        assert!(
            is_gold || optional.contains(&t.text.to_lowercase().as_str()),
            "unexpected timex {:?} = {}",
            t.text,
            t.value
        );
    }

    // and the project's scorer agrees
    let gold = dateline_eval::load_gold_file(&dir.join(format!("{SAMPLE}.gold.json"))).unwrap();
    let score = dateline_eval::score_document(&gold.gold, article, analysis);
    assert_eq!(
        (score.times.prf.tp, score.times.prf.fp, score.times.prf.fn_),
        (6, 0, 0),
        "missed {:?}, false {:?}",
        score.times.missed,
        score.times.false_positives
    );
}
