//! Drafts carried over to a changed framework (`run --resume --migrate`): the built-in
//! framework 1.0, kept as a test fixture, still validates; the answers a changed `when`
//! hides are listed before the move and explained in the history; and a draft begun on
//! 1.0 moves to today's built-in framework and is signed.

use crate::fixtures::{VERSION_1_0_FILE, version_1_0};
use crate::harness::Test;

/// The kept file is the built-in framework 1.0 as shipped (its digest is checked), and
/// both it and that text still validate with today's fairness: frameworks adapted from
/// 1.0 keep working (the warnings, about what 1.0 did not have yet, may grow).
#[test]
fn the_kept_framework_1_0_is_the_one_fairness_shipped_and_still_validates() {
    let shipped = version_1_0();
    assert!(shipped.contains("\nversion: \"1.0\"\n"));
    for (name, text) in [("kept.yaml", VERSION_1_0_FILE), ("shipped.yaml", &shipped)] {
        let summary = format!(
            r"\n{}: valid, \d+ warnings? \(5 principles, 41 items\)\n$",
            name.replace('.', r"\.")
        );
        Test::new()
            .file(name, text)
            .args(["validate", name])
            .stdout_matches(&summary)
            .run();
    }
}
