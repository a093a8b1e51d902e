//! Reading gold folders.
use std::path::{Path, PathBuf};

use dateline_eval::{load_gold_dir, EvalError};

/// A fresh scratch folder under the system temp dir.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dateline-eval-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn loads_sorted_not_recursive_with_document_paths() {
    let dir = scratch("sorted");
    std::fs::write(
        dir.join("b.gold.json"),
        r#"{"format": "dateline-gold/1", "document": "b.txt", "new": 1}"#,
    )
    .unwrap();
    std::fs::write(dir.join("a.gold.json"), r#"{"entities": null}"#).unwrap();
    std::fs::write(dir.join("notes.json"), "not gold").unwrap();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub/c.gold.json"), "{}").unwrap();
    let docs = load_gold_dir(&dir).unwrap();
    let names: Vec<_> = docs
        .iter()
        .map(|d| d.gold_path.file_name().unwrap().to_owned())
        .collect();
    assert_eq!(names, vec!["a.gold.json", "b.gold.json"]);
    assert_eq!(
        docs[0].document_path,
        dir.join("a.txt"),
        "missing document: NAME.txt"
    );
    assert_eq!(docs[1].document_path, dir.join("b.txt"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_json_names_file_line_and_column() {
    let dir = scratch("bad");
    std::fs::write(dir.join("x.gold.json"), "{\n  \"entities\": [1,\n}").unwrap();
    let err = load_gold_dir(&dir).unwrap_err();
    match &err {
        EvalError::Json { path, line, .. } => {
            assert!(path.ends_with("x.gold.json"));
            assert_eq!(*line, 2);
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(err.to_string().contains("x.gold.json:2:"), "{err}");
    assert!(!err.to_string().contains(" at line "), "{err}");
    std::fs::write(dir.join("x.gold.json"), r#"{"format": "dateline-gold/9"}"#).unwrap();
    let err = load_gold_dir(&dir).unwrap_err();
    assert!(matches!(err, EvalError::Format { .. }), "{err:?}");
    assert!(err.to_string().contains("dateline-gold/9"));
    std::fs::remove_dir_all(&dir).unwrap();
    let err = load_gold_dir(&dir).unwrap_err();
    assert!(matches!(err, EvalError::Io { .. }));
}

#[test]
fn loads_the_shared_gold() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold");
    if !dir.is_dir() {
        eprintln!("skipped: {} not found", dir.display());
        return;
    }
    let docs = load_gold_dir(&dir).unwrap();
    assert!(!docs.is_empty());
    for d in &docs {
        assert!(
            d.document_path.is_file(),
            "{} names a missing document",
            d.gold_path.display()
        );
        assert!(d.gold.article_checks() > 0);
        assert!(!d.gold.entities.is_empty());
        assert!(d.gold.events.iter().any(|e| e.required));
    }
}

#[test]
fn shared_gold_contexts_and_quotes_are_locatable() {
    use dateline_model::{Analysis, Article};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold");
    if !dir.is_dir() {
        eprintln!("skipped: {} not found", dir.display());
        return;
    }
    for d in load_gold_dir(&dir).unwrap() {
        let Ok(text) = std::fs::read_to_string(&d.document_path) else {
            continue;
        };
        // No zones: the whole text counts as content.
        let article = Article::new(text, None);
        let s =
            dateline_eval::score_document(&d.gold, &article, &Analysis::empty(article.id.clone()));
        assert_eq!(s.times.unlocated, 0, "{}", d.gold_path.display());
        assert_eq!(s.quotes.unlocated, 0, "{}", d.gold_path.display());
    }
}
