//! One bad item never stops a batch: each is reported with its file and line or byte, the rest
//! is stored, the exit code says something failed, and nothing stored before is lost.
use std::io::Write;

use crate::util::*;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn a_batch_of_bad_inputs_keeps_the_good_ones() {
    let env = Env::new();
    // Something stored before the bad batch.
    let first = env.write(
        "first/ok.txt",
        record(
            "2025-01-01",
            "WORLD",
            "Before the batch",
            "An earlier story.",
        ),
    );
    let r = env.run(&["-q", "ingest", first.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    let good = record(
        "2025-02-03",
        "WORLD",
        "Ministers meet in Rome",
        "Ministers met in Rome on Monday.",
    );
    env.write("batch/01-good.txt", &good);
    env.write("batch/02-empty.txt", "");
    env.write(
        "batch/03-junk.bin",
        [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 254, 0, 0, 7, 8],
    );
    env.write(
        "batch/04-noheader.txt",
        "Just some text without the header line.\n\nAnother paragraph.\n",
    );
    env.write(
        "batch/05-lines.jsonl",
        "{\"text\": \"First good line.\"}\n{\"text\": \"broken\n{\"text\": \"Third line is fine.\", \"headline\": \"Third\"}\n",
    );
    let many: String = (0..50)
        .map(|i| format!("{{\"text\": \"Compressed story number {i} about harbour talks.\"}}\n"))
        .collect();
    let gz = gzip(many.as_bytes());
    env.write("batch/06-cut.jsonl.gz", &gz[..gz.len() * 2 / 3]);
    let mut latin =
        b" date 2025-02-04 WORLD\nCaf\xe9 owners protest\n\nThey said \x93enough\x94 on Tuesday.\n"
            .to_vec();
    latin.extend_from_slice(b"\n");
    env.write("batch/07-latin1.txt", &latin);
    std::os::unix::fs::symlink(
        env.path("does-not-exist"),
        env.path("batch/08-dangling.txt"),
    )
    .unwrap();

    let r = env.run(&["--json", "ingest", env.path("batch").to_str().unwrap()]);
    assert_eq!(
        r.code, 1,
        "failures must show in the exit code: {}",
        r.stderr
    );
    let sum = r.json();
    let failures = sum["failures"].as_array().unwrap();
    let files: Vec<String> = failures
        .iter()
        .map(|f| f["file"].as_str().unwrap_or("").to_string())
        .collect();
    for bad in [
        "02-empty.txt",
        "03-junk.bin",
        "04-noheader.txt",
        "05-lines.jsonl",
        "06-cut.jsonl.gz",
        "08-dangling.txt",
    ] {
        assert!(
            files.iter().any(|f| f.ends_with(bad)),
            "no failure reported for {bad}: {failures:#?}"
        );
    }
    let json_failure = failures
        .iter()
        .find(|f| f["file"].as_str().unwrap().ends_with("05-lines.jsonl"))
        .unwrap();
    assert_eq!(json_failure["line"], 2, "the broken JSON line is named");
    let cut = failures
        .iter()
        .find(|f| f["file"].as_str().unwrap().ends_with("06-cut.jsonl.gz"))
        .unwrap();
    assert!(
        cut["byte"].is_u64() || cut["line"].is_u64(),
        "the truncation point is named: {cut}"
    );

    // good record + 2 good JSON lines + the complete lines before the cut + the Latin-1 record.
    let ingested = sum["ingested"].as_u64().unwrap();
    assert!(ingested >= 5, "{sum}");
    let warnings = sum["warning_list"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w["file"].as_str().unwrap_or("").ends_with("07-latin1.txt")),
        "{warnings:#?}"
    );

    let list = env
        .run(&["--json", "articles", "--limit", "1000"])
        .json_lines();
    assert_eq!(
        list.len() as u64,
        ingested + 1,
        "the earlier article is still there"
    );
    assert!(list.iter().any(|a| a["headline"] == "Before the batch"));
    let latin = list
        .iter()
        .find(|a| a["headline"] == "Café owners protest")
        .expect("Windows-1252 decoded");
    let show = env
        .run(&["--json", "show", latin["id"].as_str().unwrap()])
        .json();
    assert!(show["text"].as_str().unwrap().contains("“enough”"));
}

#[test]
fn a_50_mb_line_is_refused_and_the_next_line_is_read() {
    let env = Env::new();
    let mut big = String::from("{\"text\": \"");
    big.push_str(&"x".repeat(50 * 1024 * 1024));
    big.push_str("\"}\n{\"text\": \"The line after the giant one.\"}\n");
    let f = env.write("big.jsonl", big);
    let r = env.run(&["--json", "ingest", f.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    let sum = r.json();
    assert_eq!(sum["ingested"], 1);
    assert_eq!(sum["failures"][0]["line"], 1);
}
