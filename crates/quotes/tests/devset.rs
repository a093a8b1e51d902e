//! The quote development set (`eval/quotes-dev`, the project's own writing) through the scorer.
mod common;

/// Floors on the development set (reached: F1 0.996, attribution 0.982 over 48 articles and
/// 284 gold quotes); raise them when the stage improves.
const MIN_F1: f64 = 0.98;
const MIN_ATTRIBUTION: f64 = 0.97;

#[test]
fn development_set_scores() {
    let dir = common::repo().join("eval/quotes-dev");
    let verbose = std::env::var_os("QUOTES_VERBOSE").is_some();
    let (docs, tp, fp, fn_, attr) = common::score_dir(&dir, verbose);
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    let attribution = attr as f64 / tp.max(1) as f64;
    println!(
        "quotes-dev: {} articles, tp {tp} fp {fp} fn {fn_}: P {p:.3} R {r:.3} F1 {f1:.3}, \
         attribution {attribution:.3} ({attr}/{tp})",
        docs.len()
    );
    assert!(docs.len() >= 20);
    assert!(f1 >= MIN_F1, "quote F1 {f1:.3} below {MIN_F1}");
    assert!(
        attribution >= MIN_ATTRIBUTION,
        "attribution {attribution:.3} below {MIN_ATTRIBUTION}"
    );
}
