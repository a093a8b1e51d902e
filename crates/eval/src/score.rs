//! Score types: counts per section, the metrics computed from them, and details for debugging.
use std::collections::BTreeMap;

use serde::Serialize;

/// `num / den`, or `empty` when `den` is 0.
fn ratio(num: u64, den: u64, empty: f64) -> f64 {
    if den == 0 {
        empty
    } else {
        num as f64 / den as f64
    }
}

/// Harmonic mean of precision and recall (0 when both are 0).
fn harmonic(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// True-positive, false-positive and false-negative counts.
///
/// Rule for empty cases: with nothing expected and nothing output (`tp + fp + fn == 0`)
/// precision, recall and F1 are all 1.0; otherwise a 0/0 precision or recall is 0.0.
///
/// ```
/// use dateline_eval::Prf;
/// let p = Prf { tp: 3, fp: 1, fn_: 3 };
/// assert_eq!(p.precision(), 0.75);
/// assert_eq!(p.recall(), 0.5);
/// assert!((p.f1() - 0.6).abs() < 1e-9);
/// assert_eq!(Prf::default().f1(), 1.0);
/// assert_eq!(Prf { tp: 0, fp: 0, fn_: 2 }.precision(), 0.0);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Prf {
    /// Expected items found.
    pub tp: u64,
    /// Output items that are wrong.
    pub fp: u64,
    /// Expected items missed.
    #[serde(rename = "fn")]
    pub fn_: u64,
}

/// Precision, recall and F1 of a section's `prf` counts, 0 when its stage did not run.
macro_rules! gated_prf {
    () => {
        /// Precision (0 when not run).
        pub fn precision(&self) -> f64 {
            if self.run {
                self.prf.precision()
            } else {
                0.0
            }
        }

        /// Recall (0 when not run).
        pub fn recall(&self) -> f64 {
            if self.run {
                self.prf.recall()
            } else {
                0.0
            }
        }

        /// F1 (0 when not run).
        pub fn f1(&self) -> f64 {
            if self.run {
                self.prf.f1()
            } else {
                0.0
            }
        }
    };
}

impl Prf {
    /// True when nothing was expected and nothing output.
    pub fn is_empty(&self) -> bool {
        self.tp + self.fp + self.fn_ == 0
    }

    /// tp / (tp + fp).
    pub fn precision(&self) -> f64 {
        if self.is_empty() {
            1.0
        } else {
            ratio(self.tp, self.tp + self.fp, 0.0)
        }
    }

    /// tp / (tp + fn).
    pub fn recall(&self) -> f64 {
        if self.is_empty() {
            1.0
        } else {
            ratio(self.tp, self.tp + self.fn_, 0.0)
        }
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        harmonic(self.precision(), self.recall())
    }

    /// Adds another count.
    pub fn add(&mut self, other: &Prf) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

/// One failed article check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckFailure {
    /// The gold field (`headline`, `body_paragraphs`, …).
    pub field: String,
    /// What the gold says.
    pub expected: String,
    /// What the output has.
    pub got: String,
}

/// The `article` section: one check per gold field.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ArticleScore {
    /// Checks made.
    pub checks: u64,
    /// Checks passed.
    pub passed: u64,
    /// The checks that failed.
    pub failed: Vec<CheckFailure>,
}

impl ArticleScore {
    /// passed / checks; 1.0 with no checks.
    pub fn score(&self) -> f64 {
        ratio(self.passed, self.checks, 1.0)
    }
}

/// A surface form found fewer times than expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentionMiss {
    /// Gold entity name.
    pub entity: String,
    /// Surface form.
    pub form: String,
    /// Expected count.
    pub expected: u64,
    /// Count found (content zones, matched output entities).
    pub found: u64,
}

/// A found entity whose actor code differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorError {
    /// Gold entity name.
    pub entity: String,
    /// Gold actor code.
    pub expected: String,
    /// Output actor code (empty when none).
    pub got: String,
}

/// The `entities` section.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EntityScore {
    /// False when the entity layer was not produced (scores 0, shown as "not run").
    pub run: bool,
    /// Gold entities found (tp), missed (fn) and false output entities (fp).
    #[serde(flatten)]
    pub prf: Prf,
    /// Sum over surface forms of min(found, expected).
    pub mentions_found: u64,
    /// Sum over surface forms of expected counts.
    pub mentions_expected: u64,
    /// Gold entities that have an actor code.
    pub actor_expected: u64,
    /// Found gold entities that have an actor code (the base of actor accuracy).
    pub actor_checked: u64,
    /// Of those, exact code matches.
    pub actor_exact: u64,
    /// Of those, matches on the first three letters.
    pub actor_prefix: u64,
    /// Gold entities not found (`name (TYPE)`).
    pub missed: Vec<String>,
    /// False output entities (`name (TYPE)`).
    pub false_positives: Vec<String>,
    /// Surface forms found fewer times than expected.
    pub mention_misses: Vec<MentionMiss>,
    /// Found entities with a wrong actor code.
    pub actor_errors: Vec<ActorError>,
}

impl EntityScore {
    gated_prf!();

    /// Mention recall: mentions_found / mentions_expected (1.0 when nothing expected; 0 when
    /// not run).
    pub fn mention_recall(&self) -> f64 {
        if self.run {
            ratio(self.mentions_found, self.mentions_expected, 1.0)
        } else {
            0.0
        }
    }

    /// Actor accuracy: exact codes / found entities with a gold actor. With none found: 1.0 when
    /// no gold entity has an actor, else 0.0. 0 when not run.
    pub fn actor_accuracy(&self) -> f64 {
        self.actor_ratio(self.actor_exact)
    }

    /// Like [`EntityScore::actor_accuracy`], counting agreement on the first three letters.
    pub fn actor_prefix_accuracy(&self) -> f64 {
        self.actor_ratio(self.actor_prefix)
    }

    fn actor_ratio(&self, right: u64) -> f64 {
        if !self.run {
            return 0.0;
        }
        let empty = if self.actor_expected == 0 { 1.0 } else { 0.0 };
        ratio(right, self.actor_checked, empty)
    }

    fn add(&mut self, o: &EntityScore) {
        self.run |= o.run;
        self.prf.add(&o.prf);
        self.mentions_found += o.mentions_found;
        self.mentions_expected += o.mentions_expected;
        self.actor_expected += o.actor_expected;
        self.actor_checked += o.actor_checked;
        self.actor_exact += o.actor_exact;
        self.actor_prefix += o.actor_prefix;
    }
}

/// A gold time expression not found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeMiss {
    /// Gold text.
    pub text: String,
    /// Gold context.
    pub context: String,
    /// Gold value.
    pub value: String,
    /// Why: not located, no output there, or the value the output gave.
    pub reason: String,
}

/// An output item that is a false positive, with a short description.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FalseItem {
    /// The output's text (clipped).
    pub text: String,
    /// Value, speaker or code, as fits the section.
    pub detail: String,
}

/// The `times` section.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TimeScore {
    /// False when the timex layer was not produced.
    pub run: bool,
    /// Gold timexes found (tp), missed (fn) and false output timexes (fp).
    #[serde(flatten)]
    pub prf: Prf,
    /// Gold timexes whose context or text could not be located in content zones.
    pub unlocated: u64,
    /// Gold timexes not found.
    pub missed: Vec<TimeMiss>,
    /// False output timexes.
    pub false_positives: Vec<FalseItem>,
}

impl TimeScore {
    gated_prf!();

    fn add(&mut self, o: &TimeScore) {
        self.run |= o.run;
        self.prf.add(&o.prf);
        self.unlocated += o.unlocated;
    }
}

/// Counts for one quote kind (`direct`, `indirect`, `mixed`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct KindCounts {
    /// Gold quotes of this kind.
    pub gold: u64,
    /// Of those, matched.
    pub found: u64,
    /// Of those matched, correctly attributed.
    pub attributed: u64,
    /// Of those matched, output with the same kind.
    pub same_kind: u64,
}

/// A gold quote not matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteMiss {
    /// Gold text (clipped).
    pub text: String,
    /// Gold speaker.
    pub speaker: String,
    /// Best share of the gold text any output covered (0–1).
    pub best_coverage: f64,
}

/// A matched quote with the wrong speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Misattribution {
    /// Gold text (clipped).
    pub text: String,
    /// Gold speaker (and alternatives).
    pub expected: String,
    /// Output speaker: name, text, or `none`.
    pub got: String,
}

/// The `quotes` section.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct QuoteScore {
    /// False when the quote layer was not produced.
    pub run: bool,
    /// Gold quotes matched (tp), missed (fn) and false output quotes (fp).
    #[serde(flatten)]
    pub prf: Prf,
    /// Matched gold quotes whose attribution is correct.
    pub attribution_correct: u64,
    /// Gold quotes whose text was not found in content zones (matched by string comparison).
    pub unlocated: u64,
    /// Per gold kind.
    pub by_kind: BTreeMap<String, KindCounts>,
    /// Gold quotes not matched.
    pub missed: Vec<QuoteMiss>,
    /// False output quotes.
    pub false_positives: Vec<FalseItem>,
    /// Matched quotes with a wrong speaker.
    pub misattributed: Vec<Misattribution>,
}

impl QuoteScore {
    gated_prf!();

    /// Correct attributions / matched gold quotes. With none matched: 1.0 when there are no
    /// gold quotes, else 0.0. 0 when not run.
    pub fn attribution(&self) -> f64 {
        if !self.run {
            return 0.0;
        }
        let empty = if self.prf.tp + self.prf.fn_ == 0 {
            1.0
        } else {
            0.0
        };
        ratio(self.attribution_correct, self.prf.tp, empty)
    }

    fn add(&mut self, o: &QuoteScore) {
        self.run |= o.run;
        self.prf.add(&o.prf);
        self.attribution_correct += o.attribution_correct;
        self.unlocated += o.unlocated;
        for (k, c) in &o.by_kind {
            let e = self.by_kind.entry(k.clone()).or_default();
            e.gold += c.gold;
            e.found += c.found;
            e.attributed += c.attributed;
            e.same_kind += c.same_kind;
        }
    }
}

/// A gold event not matched, with the closest output and what it got wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventMiss {
    /// Gold event id (or `#N`, its position).
    pub id: String,
    /// The closest output event, described; `None` when there was no output event.
    pub closest: Option<String>,
    /// The criteria the closest output failed: `evidence`, `cameo`, `actors`, `modality`, `date`.
    pub failed: Vec<String>,
}

/// The `events` section.
///
/// Recall = required_matched / required. Precision = (required_matched + optional_matched) /
/// (that + false_positives). With nothing required and no false positive, both are 1.0.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EventScore {
    /// False when the event layer was not produced.
    pub run: bool,
    /// Required gold events.
    pub required: u64,
    /// Required gold events matched.
    pub required_matched: u64,
    /// Optional gold events matched.
    pub optional_matched: u64,
    /// Output events matching no gold event.
    #[serde(rename = "fp")]
    pub false_positive_count: u64,
    /// Output events matching only gold events already matched (neither found nor false).
    pub duplicates: u64,
    /// Required gold events not matched.
    pub missed: Vec<EventMiss>,
    /// False output events, described.
    pub false_positives: Vec<String>,
}

impl EventScore {
    fn is_empty(&self) -> bool {
        self.required == 0 && self.false_positive_count == 0
    }

    /// The counts as tp (gold events matched, required or optional), fp, fn (required missed).
    pub fn prf(&self) -> Prf {
        Prf {
            tp: self.required_matched + self.optional_matched,
            fp: self.false_positive_count,
            fn_: self.required - self.required_matched.min(self.required),
        }
    }

    /// Precision (0 when not run).
    pub fn precision(&self) -> f64 {
        if !self.run {
            0.0
        } else if self.is_empty() {
            1.0
        } else {
            let matched = self.required_matched + self.optional_matched;
            ratio(matched, matched + self.false_positive_count, 0.0)
        }
    }

    /// Recall (0 when not run).
    pub fn recall(&self) -> f64 {
        if !self.run {
            0.0
        } else if self.is_empty() {
            1.0
        } else {
            ratio(self.required_matched, self.required, 0.0)
        }
    }

    /// F1 (0 when not run).
    pub fn f1(&self) -> f64 {
        harmonic(self.precision(), self.recall())
    }

    fn add(&mut self, o: &EventScore) {
        self.run |= o.run;
        self.required += o.required;
        self.required_matched += o.required_matched;
        self.optional_matched += o.optional_matched;
        self.false_positive_count += o.false_positive_count;
        self.duplicates += o.duplicates;
    }
}

/// One violated `must_not_assert` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriticalError {
    /// The gold evidence (clipped).
    pub evidence: String,
    /// Why it must not be asserted, from the gold.
    pub why: String,
    /// The offending output events, described.
    pub events: Vec<String>,
}

/// The `must_not_assert` section.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CriticalScore {
    /// False when the event layer was not produced.
    pub run: bool,
    /// `must_not_assert` entries violated (each counts once, however many events violate it).
    pub count: u64,
    /// The violations.
    pub errors: Vec<CriticalError>,
}

/// The score of one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DocScore {
    /// Set when the document could not be read or analysed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Article checks.
    pub article: ArticleScore,
    /// Entities.
    pub entities: EntityScore,
    /// Time expressions.
    pub times: TimeScore,
    /// Quotations.
    pub quotes: QuoteScore,
    /// Events.
    pub events: EventScore,
    /// Critical errors (`must_not_assert`).
    pub critical: CriticalScore,
}

impl DocScore {
    /// True when the article was scored and has no critical error.
    pub fn passed(&self) -> bool {
        self.error.is_none() && self.critical.count == 0
    }

    /// Adds the counts of `other` (details are not copied).
    pub fn add_counts(&mut self, other: &DocScore) {
        self.article.checks += other.article.checks;
        self.article.passed += other.article.passed;
        self.entities.add(&other.entities);
        self.times.add(&other.times);
        self.quotes.add(&other.quotes);
        self.events.add(&other.events);
        self.critical.run |= other.critical.run;
        self.critical.count += other.critical.count;
    }
}
