//! The fuzz targets' kept corpus and every input the fuzzers found a problem with,
//! replayed through the same code the targets run (`fuzz/src/lib.rs`, included here),
//! so that `cargo test` on stable Rust keeps them fixed without a fuzzer. See
//! `fuzz/README.md`.

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

#[path = "../fuzz/src/lib.rs"]
mod targets;

/// Every file kept for `target`: `fuzz/corpus/TARGET/*` and `fuzz/regressions/TARGET/*`,
/// in name order.
fn inputs(target: &str) -> Vec<PathBuf> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for kept in ["corpus", "regressions"] {
        let Ok(entries) = fs::read_dir(fuzz.join(kept).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("a readable folder").path();
            if path.is_file() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Runs `run` on every input kept for `target`, and fails naming each input that
/// panicked.
fn replay(target: &str, run: fn(&[u8])) {
    let files = inputs(target);
    assert!(
        files
            .iter()
            .any(|f| f.components().any(|c| c.as_os_str() == "corpus")),
        "no corpus kept for the `{target}` fuzz target"
    );
    let failed: Vec<String> = files
        .iter()
        .filter(|path| {
            let data = fs::read(path).expect("a readable file");
            panic::catch_unwind(AssertUnwindSafe(|| run(&data))).is_err()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} inputs panicked:\n{}",
        failed.len(),
        files.len(),
        failed.join("\n")
    );
}

#[test]
fn framework_inputs_load_validate_and_render() {
    replay("framework", targets::framework);
}

#[test]
fn record_inputs_load_verify_and_export() {
    replay("record", targets::record);
}

/// The record corpus again, each input through the strict reader of fairness's own
/// form and the general reader, which must give the same verdict.
#[test]
fn record_inputs_get_the_same_verdict_read_strictly() {
    replay("record", targets::strict_record);
}
