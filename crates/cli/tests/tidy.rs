//! House rules checked on the source tree.
use crate::util::repo;

/// The dependency sections of a crate's manifest.
fn manifest(krate: &str) -> String {
    let m = std::fs::read_to_string(repo().join("crates").join(krate).join("Cargo.toml")).unwrap();
    let mut deps = String::new();
    let mut in_deps = false;
    for line in m.lines() {
        if line.starts_with('[') {
            in_deps = line.contains("dependencies");
        } else if in_deps {
            deps.push_str(line);
            deps.push('\n');
        }
    }
    deps
}

/// Data flows one way: the model and the reading/analysis crates never depend on the store,
/// the evaluation harness or the binary.
#[test]
fn analysis_crates_do_not_reach_downstream() {
    for krate in ["model", "ingest", "pipeline"] {
        let m = manifest(krate);
        for downstream in [
            "dateline-store",
            "dateline-eval",
            "rusqlite",
            "clap",
            "indicatif",
        ] {
            assert!(
                !m.contains(downstream),
                "crates/{krate} must not depend on {downstream}"
            );
        }
    }
    let model = manifest("model");
    assert!(
        !model.contains("dateline-"),
        "model depends on no other dateline crate"
    );
}

/// Analysis crates read no clock: the reference date is the article's publication date.
#[test]
fn analysis_crates_read_no_clock_or_environment() {
    for krate in ["model", "pipeline"] {
        let dir = repo().join("crates").join(krate).join("src");
        for entry in std::fs::read_dir(&dir).unwrap() {
            let p = entry.unwrap().path();
            let src = std::fs::read_to_string(&p).unwrap();
            for banned in [
                "SystemTime::now",
                "Instant::now",
                "std::env::var",
                "std::fs::",
            ] {
                assert!(!src.contains(banned), "{} uses {banned}", p.display());
            }
        }
    }
}

/// Every library crate documents its public items.
#[test]
fn library_crates_deny_missing_docs() {
    for krate in ["model", "ingest", "pipeline", "store", "eval"] {
        let lib =
            std::fs::read_to_string(repo().join("crates").join(krate).join("src/lib.rs")).unwrap();
        assert!(
            lib.contains("#![deny(missing_docs)]"),
            "crates/{krate}/src/lib.rs lacks #![deny(missing_docs)]"
        );
    }
}
