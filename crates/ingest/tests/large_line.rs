//! A single 50 MB JSON line: a clean failure with the default limit, the other lines still read,
//! and memory bounded. Alone in its own test binary so the peak-memory reading is not disturbed
//! by other tests.
use std::io::Write;

use dateline_ingest::{codes, read_input, Input, Item, ReadOptions};

/// Peak resident memory of this process in KiB (Linux), if known.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn fifty_megabyte_line_is_a_clean_failure() {
    const BIG: usize = 50 * 1024 * 1024;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        f.write_all(b"{\"text\": \"Before the big line.\"}\n{\"text\": \"")
            .unwrap();
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..BIG / chunk.len() {
            f.write_all(&chunk).unwrap();
        }
        f.write_all(b"\"}\n{\"text\": \"After the big line.\"}\n")
            .unwrap();
    }
    let before = peak_rss_kib();
    let mut items = Vec::new();
    read_input(
        &Input::from_path(&path),
        &ReadOptions::default(),
        &mut |i| items.push(i),
    );
    let after = peak_rss_kib();

    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(
        items[0].article().map(|a| a.text.as_str()),
        Some("Before the big line.")
    );
    let d = items[1].failure().expect("a failure");
    assert_eq!(d.code, codes::TOO_LARGE);
    assert_eq!(d.line, Some(2));
    assert!(d.message.contains(&(BIG + 12).to_string()), "{}", d.message);
    assert_eq!(
        items[2].article().map(|a| a.text.as_str()),
        Some("After the big line.")
    );
    assert!(matches!(items[2], Item::Article(..)));

    if let (Some(b), Some(a)) = (before, after) {
        // The line buffer stops at the 16 MiB limit; the 50 MB line is never held.
        let grown_mib = a.saturating_sub(b) / 1024;
        assert!(grown_mib < 40, "peak memory grew by {grown_mib} MiB");
    }
}
