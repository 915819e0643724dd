//! Drafts carried over to a changed framework (`run --resume --migrate`): the built-in
//! framework 1.0, kept as a test fixture, still validates; the answers a changed `when`
//! hides are listed before the move and explained in the history; and a draft begun on
//! 1.0 moves to today's built-in framework and is signed.

use crate::fixtures::{ANSWERS_1_0, VERSION_1_0_DIGEST, VERSION_1_0_FILE, version_1_0};
use crate::harness::{Test, edit};
use crate::records::{read, without_sign_off};

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

#[cfg(unix)]
mod in_a_terminal {
    use super::*;
    use crate::harness::private_record;
    use crate::interactive::on_a_terminal;
    use crate::pty::Key::Esc;

    /// A history entry as these tests compare it: event, item, old answer and detail.
    type Entry<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);

    /// 1.0 with a new choice, `interim-measure`, that `exclusion-welfare` now depends
    /// on, and `patient-safety-incident`, on which `being-fair-completed` depends,
    /// reworded.
    fn conditions_changed() -> String {
        let text = edit(
            &version_1_0(),
            "  - id: patient-safety-incident\n    prompt: Does",
            "  - id: interim-measure\n    prompt: Is an exclusion or restriction in place?\n    \
             answer: choice\n    options:\n      - id: none\n        label: Neither\n      \
             - id: exclusion\n        label: An exclusion\n\n  \
             - id: patient-safety-incident\n    prompt: Reworded. Does",
        );
        edit(
            &text,
            "is being considered.\n        answer: check\n",
            "is being considered.\n        answer: check\n        \
             when: { item: interim-measure, not: none }\n",
        )
    }

    /// What a changed `when` hides is counted apart and listed, each item with its
    /// answer and why (the condition, and how the item it depends on stands), before
    /// the move and as it is made; the history says the same for each.
    #[test]
    fn migrate_lists_the_answers_a_changed_condition_hides_and_the_history_says_why() {
        let answers = "format: fairness-answers/1\ncase: { reference: CASE-2026-231 }\nanswers:\n  \
                       staff-group: { answer: doctor }\n  \
                       patient-safety-incident: { answer: \"yes\" }\n  \
                       being-fair-completed: { answer: \"yes\" }\n  \
                       exclusion-welfare: { answer: \"yes\" }\n";
        let made = Test::new()
            .file("fw.yaml", version_1_0())
            .file("a.yaml", answers)
            .args([
                "run",
                "--answers",
                "a.yaml",
                "--framework",
                "fw.yaml",
                "-o",
                "draft.yaml",
            ])
            .stdout_contains("Draft written: draft.yaml (4 answers).\n")
            .run();
        let changed = conditions_changed();
        made.folder.write("fw.yaml", &changed);
        let before = made.read("draft.yaml");

        let reworded = "reworded from \"Does the concern arise from a patient safety incident?\" \
                        to \"Reworded. Does the concern arise from a patient safety incident?\"";
        let fair = "it applies only when `patient-safety-incident` is `yes`, and \
                    `patient-safety-incident` is to be asked again";
        let welfare = "it applies only when `interim-measure` has an answer other than `none`, \
                       and `interim-measure` is not answered yet";
        let listing = format!(
            "which is different.\n\
             1 of this draft's 4 answers carry over unchanged.\n\
             To be asked again:\n  - `patient-safety-incident`: {reworded}\n\n\
             Not asked now, as a condition hides them (their answers stay in the history):\n  \
             - `being-fair-completed` (answered `yes`): {fair}\n  \
             - `exclusion-welfare` (answered `yes`): {welfare}\n\
             Items new to the framework are asked like any other unanswered item.\n"
        );
        made.pty()
            .args(["run", "--resume", "draft.yaml", "--framework", "fw.yaml"])
            .expect("fairness run --resume draft.yaml --framework fw.yaml --migrate")
            .status(2)
            .screen_contains(on_a_terminal(&format!(
                "{listing}\nTo move the draft to this framework, run:\n"
            )))
            .run();
        assert_eq!(
            made.read("draft.yaml"),
            before,
            "refusing changed the draft"
        );

        made.pty()
            .args([
                "run",
                "--resume",
                "draft.yaml",
                "--framework",
                "fw.yaml",
                "--migrate",
            ])
            .expect("The draft now uses this framework")
            // The new choice adds an item to the case details; the first gap is asked.
            .expect("Case details · item 2 of 8")
            .menu()
            .key(Esc)
            .status(130)
            .screen_contains(on_a_terminal(&format!(
                "{listing}\nThe draft now uses this framework; the move is noted in its history.\n"
            )))
            .run();
        let record = read(&private_record(&made.path("draft.yaml")));
        let kept: Vec<&str> = record.answers.iter().map(|a| a.item.as_str()).collect();
        assert_eq!(kept, ["staff-group"]);
        let history: Vec<Entry> = record
            .history
            .iter()
            .map(|c| {
                (
                    c.event.id(),
                    c.item.as_deref(),
                    c.old_answer.as_deref(),
                    c.detail.as_deref(),
                )
            })
            .collect();
        let name = "Principles and Framework for Fairness and Proportionality";
        let moved = format!(
            "moved from {name} version 1.0 ({VERSION_1_0_DIGEST}) to {name} version 1.0 ({}); \
             1 of 4 answers carried over; no longer in the framework: 0; to ask again: 1; \
             not asked now, as a condition hides them: 2",
            fairness::file::digest(changed.as_bytes())
        );
        let (fair, welfare) = (
            format!("not asked in this framework: {fair}"),
            format!("not asked in this framework: {welfare}"),
        );
        assert_eq!(
            history,
            [
                ("migrated", None, None, Some(moved.as_str())),
                (
                    "dropped",
                    Some("patient-safety-incident"),
                    Some("yes"),
                    Some(reworded)
                ),
                (
                    "withdrawn",
                    Some("being-fair-completed"),
                    Some("yes"),
                    Some(fair.as_str())
                ),
                (
                    "withdrawn",
                    Some("exclusion-welfare"),
                    Some("yes"),
                    Some(welfare.as_str())
                ),
            ]
        );
    }

    /// An answer given without a note, to an item that now needs one, is asked again:
    /// the moved draft is not refused as one "edited by hand".
    #[test]
    fn migrate_asks_again_an_answer_that_now_needs_a_note() {
        let answers = "format: fairness-answers/1\ncase: { reference: CASE-2026-232 }\nanswers:\n  \
                       staff-group: { answer: doctor }\n  \
                       patient-safety-incident: { answer: \"no\" }\n";
        let made = Test::new()
            .file("fw.yaml", version_1_0())
            .file("a.yaml", answers)
            .args([
                "run",
                "--answers",
                "a.yaml",
                "--framework",
                "fw.yaml",
                "-o",
                "draft.yaml",
            ])
            .stdout_contains("Draft written: draft.yaml (2 answers).\n")
            .run();
        made.folder.write(
            "fw.yaml",
            edit(
                &version_1_0(),
                "    answer: check\n    note: optional\n",
                "    answer: check\n    note: required\n",
            ),
        );
        made.pty()
            .args([
                "run",
                "--resume",
                "draft.yaml",
                "--framework",
                "fw.yaml",
                "--migrate",
            ])
            .expect(on_a_terminal(
                "1 of this draft's 2 answers carry over unchanged.\n\
                 To be asked again:\n  - `patient-safety-incident`: this item requires a note\n\
                 Items new to the framework are asked like any other unanswered item.\n\n\
                 The draft now uses this framework; the move is noted in its history.\n",
            ))
            .expect("Case details · item 2 of 7")
            .menu()
            .key(Esc)
            .status(130)
            .run();
        let record = read(&private_record(&made.path("draft.yaml")));
        let dropped = &record.history[1];
        assert_eq!(
            (
                dropped.event.id(),
                dropped.item.as_deref(),
                dropped.detail.as_deref()
            ),
            (
                "dropped",
                Some("patient-safety-incident"),
                Some("this item requires a note")
            )
        );
    }

    /// Just after the move, an item new to the framework is asked even where it comes
    /// before the last answer and is optional; resumed otherwise, the draft would go
    /// straight to the review, the new item never put to the person.
    #[test]
    fn migrate_asks_a_new_optional_item_before_the_last_answer() {
        let answers = without_sign_off(ANSWERS_1_0);
        let made = Test::new()
            .file("fw.yaml", version_1_0())
            .file("a.yaml", &answers)
            .args([
                "run",
                "--answers",
                "a.yaml",
                "--framework",
                "fw.yaml",
                "-o",
                "draft.yaml",
            ])
            .stdout_contains("Draft written: draft.yaml (40 answers).\nContinue")
            .run();
        made.folder.write(
            "fw.yaml",
            edit(
                &version_1_0(),
                "\n  - id: governing-policy\n",
                "\n  - id: case-investigator\n    prompt: Who is the case investigator?\n    \
                 answer: text\n    required: false\n\n  - id: governing-policy\n",
            ),
        );
        made.pty()
            .args([
                "run",
                "--resume",
                "draft.yaml",
                "--framework",
                "fw.yaml",
                "--migrate",
            ])
            .expect("40 of this draft's 40 answers carry over unchanged.")
            .expect("The draft now uses this framework")
            .expect("Case details · item 2 of 8")
            .expect("Who is the case investigator?")
            .line("Answer", "A. Example, deputy medical director")
            .expect("Review")
            .menu()
            .key(Esc)
            .status(130)
            .run();
        let record = read(&private_record(&made.path("draft.yaml")));
        assert_eq!(
            record
                .answer("case-investigator")
                .map(|a| a.answer.as_str()),
            Some("A. Example, deputy medical director")
        );
    }
}
