//! How long saving one answer takes: `fairness run` rewrites the whole draft after every
//! answer, atomically (temporary file, fsync, rename, fsync of the folder).
//!
//! `cargo bench --bench save` prints, for a draft of the built-in framework with every
//! item answered (the largest a draft of it gets), the median time of:
//!
//! - a plain write: `std::fs::write` of the same bytes, no fsync (the baseline);
//! - writing the record as YAML (the canonical form), in memory;
//! - one save as `run` does it: the YAML, then the atomic replace with both fsyncs;
//!
//! and each as a ratio to the plain write measured in the same run, the three timed in
//! turns so that a change in the machine's load weighs on each alike. The folder is a
//! temporary folder under `target/`, so the figures are those of the disk the
//! repository is on (a case manager's records would be on a disk like it); fsync
//! dominates, and varies a lot by disk.
//! The `RATIO` line at the end is for `benches/ratios.sh`.

use std::hint::black_box;

mod common;
use common::{Timing, medians, ratio_line, thousands};

use fairness::checklist::Checklist;
use fairness::file::{self, Access};
use fairness::framework::{self, BUILTIN_TEXT, Given, KindId};
use fairness::record::{self, FrameworkSource};

fn main() {
    let stop = file::catch_signals().expect("signals can be caught");
    let quick = !common::full();
    let runs = if quick { 3 } else { 101 };

    let fw = framework::check(BUILTIN_TEXT).framework.unwrap();
    let list = Checklist::new(&fw);
    let mut draft = list.new_record(
        "CASE-BENCH-1",
        "sha256:0",
        &FrameworkSource::BuiltIn,
        &record::now(),
    );
    for i in 0..list.steps.len() {
        let item = list.steps[i].item;
        // Free text at a realistic length: it is most of what a record's size is.
        let answer = match item.answer.kind() {
            KindId::Text => "A realistic paragraph of free text. ".repeat(8),
            _ => item.answer.sample_answer(),
        };
        let given = Given {
            answer,
            note: Some(
                "A note of a typical length, saying why and what was done about it.".to_owned(),
            ),
        };
        if list.visible(&draft)[i] {
            list.apply(&mut draft, i, &given, &record::now());
        }
    }
    let bytes = record::to_yaml(&draft).into_bytes();

    // Under target/ (ignored by git), on the disk the repository is on.
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temporary folder there");
    let plain_path = dir.path().join("plain.yaml");
    let draft_path = dir.path().join("draft.yaml");
    std::fs::write(&draft_path, &bytes).unwrap();

    let [plain, yaml, save] = medians(
        runs,
        [
            &mut || std::fs::write(&plain_path, black_box(&bytes)).unwrap(),
            &mut || {
                black_box(record::to_yaml(black_box(&draft)));
            },
            &mut || {
                let text = record::to_yaml(black_box(&draft));
                file::replace(&draft_path, text.as_bytes(), Access::Private, &stop).unwrap();
            },
        ],
    );
    let ratio = |t: Timing| t.median.as_secs_f64() / plain.median.as_secs_f64();
    println!(
        "saving a draft: {} answers, {} KiB, median of {runs} runs",
        draft.answers.len(),
        bytes.len() / 1024
    );
    println!(
        "  plain write, no fsync (baseline)   {:>10.3?}   1.00x",
        plain.median
    );
    println!(
        "  record to YAML, in memory          {:>10.3?}   {:.2}x",
        yaml.median,
        ratio(yaml)
    );
    println!(
        "  one save (YAML + atomic + fsync)   {:>10.3?}   {:.2}x",
        save.median,
        ratio(save)
    );
    ratio_line(
        &format!(
            "save one answer ({} answers, {} KiB)",
            thousands(draft.answers.len()),
            bytes.len() / 1024
        ),
        &save,
        "plain write, no fsync",
        &plain,
    );
}
