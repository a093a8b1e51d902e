//! The pipeline stage: every content zone of an article, tagged and resolved against its
//! publication date.
use dateline_model::{Analysis, Article, Pos, Timex};
use dateline_pipeline::{Layer, Stage};
use jiff::civil::Date;

use crate::{tag_inner, TaggedToken, TenseHint};

/// The time stage (`time@1`): fills [`Analysis::timexes`] with the time expressions of the
/// headline, standfirst, captions, display date, byline, paragraphs and crossheads (not the
/// header, related links, photo credits or the agency line), resolved against
/// [`Article::published`].
///
/// It requires the sentence layer: sentence starts bound the clauses whose tense resolves bare
/// weekdays and months, and each timex records the index of its sentence. When the tokens carry
/// part-of-speech tags (any tag other than [`Pos::X`]), past-tense verbs are read from the
/// `VBD`/`VBN` tags; otherwise from the lexicon's past forms.
#[derive(Debug, Clone, Copy, Default)]
pub struct TimeStage;

impl TimeStage {
    /// The stage.
    pub fn new() -> TimeStage {
        TimeStage
    }
}

/// Reads `YYYY-MM-DD` (anything after the tenth character is ignored).
pub(crate) fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i16 = s.get(0..4)?.parse().ok()?;
    let m: i8 = s.get(5..7)?.parse().ok()?;
    let d: i8 = s.get(8..10)?.parse().ok()?;
    Date::new(y, m, d).ok()
}

impl Stage for TimeStage {
    fn name(&self) -> &'static str {
        "time"
    }

    fn version(&self) -> u32 {
        1
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }

    fn provides(&self) -> &'static [Layer] {
        &[Layer::Timexes]
    }

    fn run(&self, article: &Article, analysis: &mut Analysis) {
        let reference = article.published.as_deref().and_then(parse_date);
        let ix = article.index();
        let tokens = analysis.tokens.as_deref().unwrap_or(&[]);
        let tagged = tokens.iter().any(|t| t.pos != Pos::X);
        let sentences = analysis.sentences.as_deref().unwrap_or(&[]);
        let mut out = Vec::new();
        for zone in &article.zones {
            if !zone.kind.is_content() {
                continue;
            }
            let b0 = ix.byte(zone.span.start);
            let b1 = ix.byte(zone.span.end);
            let Some(text) = article.text.get(b0..b1) else {
                continue;
            };
            let breaks: Vec<usize> = sentences
                .iter()
                .filter(|s| zone.span.contains(s.span))
                .map(|s| ix.byte(s.span.start).saturating_sub(b0))
                .collect();
            let pos: Vec<TaggedToken> = if tagged {
                let first = tokens.partition_point(|t| (t.start_byte as usize) < b0);
                tokens[first..]
                    .iter()
                    .take_while(|t| (t.end_byte as usize) <= b1)
                    .map(|t| (t.start_byte as usize - b0, t.end_byte as usize - b0, t.pos))
                    .collect()
            } else {
                Vec::new()
            };
            let found = tag_inner(
                text,
                reference,
                None,
                tagged.then_some(pos.as_slice()),
                &breaks,
                TenseHint::Auto,
            );
            for f in found {
                let span = ix.span(b0 + f.range.start, b0 + f.range.end);
                let k = sentences.partition_point(|s| s.span.start <= span.start);
                let sentence = k
                    .checked_sub(1)
                    .filter(|&k| sentences[k].span.contains(span))
                    .map(|k| k as u32);
                out.push(Timex {
                    span,
                    text: ix.slice(&article.text, span).to_string(),
                    kind: f.kind,
                    value: f.value,
                    sentence,
                });
            }
        }
        analysis.timexes = Some(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_model::{Sentence, Span, Token, Zone, ZoneKind};

    /// An article of zones given as (kind, text), joined by blank lines; published 2025-02-26.
    fn article(parts: &[(ZoneKind, &str)]) -> Article {
        let mut text = String::new();
        let mut zones = Vec::new();
        for (kind, t) in parts {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.chars().count();
            text.push_str(t);
            zones.push(Zone::new(*kind, Span::new(start, text.chars().count())));
        }
        let mut a = Article::new(text, None);
        a.zones = zones;
        a.published = Some("2025-02-26".to_string());
        a
    }

    /// One sentence per zone, and whitespace tokens tagged by `tag`.
    fn analysis(a: &Article, tag: impl Fn(&str) -> Pos) -> Analysis {
        let mut an = Analysis::empty(a.id.clone());
        let ix = a.index();
        let mut tokens = Vec::new();
        let mut sentences = Vec::new();
        for (si, z) in a.zones.iter().enumerate() {
            let first = tokens.len() as u32;
            let b0 = ix.byte(z.span.start);
            let zt = a.slice(z.span);
            let mut off = 0;
            for w in zt.split(' ') {
                let wb = b0 + off;
                let w_trim = w.trim_end_matches(['.', ',']);
                tokens.push(Token {
                    span: ix.span(wb, wb + w_trim.len()),
                    start_byte: wb as u32,
                    end_byte: (wb + w_trim.len()) as u32,
                    sentence: si as u32,
                    pos: tag(w_trim),
                    dep: dateline_model::Dep::Unparsed,
                    head: Token::NO_HEAD,
                });
                off += w.len() + 1;
            }
            sentences.push(Sentence {
                span: z.span,
                zone: z.kind,
                first_token: first,
                end_token: tokens.len() as u32,
            });
        }
        an.tokens = Some(tokens);
        an.sentences = Some(sentences);
        an
    }

    fn values(a: &Article, an: &mut Analysis) -> Vec<(String, String, Option<u32>)> {
        TimeStage.run(a, an);
        an.timexes
            .as_ref()
            .unwrap()
            .iter()
            .map(|t| {
                assert_eq!(a.slice(t.span), t.text);
                (t.text.clone(), t.value.clone(), t.sentence)
            })
            .collect()
    }

    #[test]
    fn reads_past_tense_from_tags_when_there_are_tags() {
        let a = article(&[(ZoneKind::Paragraph, "Officials read the report in March.")]);
        // without tags "read" is no tense cue: March of the publication year
        let mut untagged = analysis(&a, |_| Pos::X);
        assert_eq!(values(&a, &mut untagged)[0].1, "2025-03");
        // tagged VBD, it is past: the March before
        let mut tagged = analysis(&a, |w| if w == "read" { Pos::VBD } else { Pos::NN });
        assert_eq!(values(&a, &mut tagged)[0].1, "2024-03");
    }

    #[test]
    fn content_zones_only_with_char_spans_and_sentences() {
        let a = article(&[
            (ZoneKind::Header, " date 2025-02-26 WORLD"),
            (ZoneKind::Headline, "Київ talks set for Friday"),
            (ZoneKind::Paragraph, "Ministers met in Київ on Tuesday."),
            (ZoneKind::Related, "Talks held last week"),
        ]);
        let mut an = analysis(&a, |_| Pos::X);
        let v = values(&a, &mut an);
        assert_eq!(
            v,
            vec![
                ("Friday".to_string(), "2025-02-28".to_string(), Some(1)),
                ("Tuesday".to_string(), "2025-02-25".to_string(), Some(2)),
            ]
        );
    }

    #[test]
    fn without_a_publication_date_values_stay_underspecified() {
        let mut a = article(&[(ZoneKind::Paragraph, "They met on Tuesday, Feb. 25.")]);
        a.published = None;
        let mut an = analysis(&a, |_| Pos::X);
        assert_eq!(values(&a, &mut an)[0].1, "XXXX-02-25");
    }

    #[test]
    fn reads_publication_dates() {
        assert_eq!(parse_date("2025-02-26"), Date::new(2025, 2, 26).ok());
        assert_eq!(
            parse_date("2025-02-26T10:00:00Z"),
            Date::new(2025, 2, 26).ok()
        );
        assert_eq!(parse_date("26/02/2025"), None);
        assert_eq!(parse_date("2025-02-30"), None);
    }
}
