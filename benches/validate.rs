//! How long `validate` takes, against the time to parse the same YAML alone.
//!
//! `cargo bench --bench validate` prints, for the built-in framework and for a
//! generated framework of 10,000 items, the median time of:
//!
//! - a bare parse: serde-saphyr reading the text and discarding it (the baseline);
//! - the spanned tree: the same parse building the tree validation reads;
//! - full validation: parse, read every field, apply every rule.
//!
//! and each as a ratio to the bare parse measured in the same run, since absolute
//! times on shared machines mean little. The three are timed in turns, so a change in
//! the machine's load weighs on each alike. The `RATIO` lines at the end are for
//! `benches/ratios.sh`.

use std::hint::black_box;

mod common;
use common::{Timing, medians, ratio_line, thousands};

use fairness::framework::{self, BUILTIN_TEXT};
use serde::de::IgnoredAny;

/// The built-in framework with extra `check` items spread over the five Principles,
/// `total` items in all.
fn generated(total: usize) -> String {
    let base = BUILTIN_TEXT;
    let existing = framework::check(base).framework.unwrap().items().count();
    let extra = total.saturating_sub(existing);
    let mut text = String::with_capacity(base.len() + extra * 200);
    let marker = "    items:\n";
    let mut rest = base;
    let mut principle = 0;
    while let Some(at) = rest.find(marker) {
        text.push_str(&rest[..at + marker.len()]);
        rest = &rest[at + marker.len()..];
        let count = extra / 5 + usize::from(principle < extra % 5);
        for i in 0..count {
            text.push_str(&format!(
                "      - id: generated-{principle}-{i}\n        prompt: Generated question {i} of principle {principle}?\n        guidance: Generated guidance to give the item a realistic size.\n        answer: check\n"
            ));
        }
        principle += 1;
    }
    text.push_str(rest);
    text
}

fn bench(label: &str, short: &str, text: &str, runs: usize) {
    let checked = framework::check(text);
    assert!(checked.is_valid(), "{label}: {:#?}", checked.diagnostics);
    let items = checked.framework.unwrap().items().count();

    let [bare, tree, full] = medians(
        runs,
        [
            &mut || {
                let _: IgnoredAny = serde_saphyr::from_str(black_box(text)).unwrap();
            },
            &mut || {
                black_box(fairness::file::parse_yaml(black_box(text)).unwrap());
            },
            &mut || {
                black_box(framework::check(black_box(text)));
            },
        ],
    );
    let ratio = |t: Timing| t.median.as_secs_f64() / bare.median.as_secs_f64();
    println!(
        "{label}: {items} items, {} KiB, median of {runs} runs",
        text.len() / 1024
    );
    println!(
        "  bare YAML parse (baseline)   {:>10.3?}   1.00x",
        bare.median
    );
    println!(
        "  parse into the spanned tree  {:>10.3?}   {:.2}x",
        tree.median,
        ratio(tree)
    );
    println!(
        "  full validation              {:>10.3?}   {:.2}x",
        full.median,
        ratio(full)
    );
    ratio_line(
        &format!("validate, {short} ({} items)", thousands(items)),
        &full,
        "bare YAML parse",
        &bare,
    );
}

fn main() {
    // `cargo test --benches` runs benches with `--bench` absent: keep that quick.
    let quick = !common::full();
    let runs = if quick { 3 } else { 51 };
    bench("built-in framework", "built-in", BUILTIN_TEXT, runs);
    bench(
        "generated framework",
        "generated",
        &generated(10_000),
        if quick { 1 } else { 11 },
    );
}
