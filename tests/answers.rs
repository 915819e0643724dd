//! `fairness run --answers FILE`: the checklist filled in from a file, with the same
//! rules as in a terminal, every problem named with its item and place.

use std::os::unix::fs::PermissionsExt;

use crate::harness::old::Test;
use crate::harness::{assert_sealed, edit, place, private_record, repo_file, root};

const PHARMACIST: &str = "examples/answers/pharmacist-informal.yaml";

fn pharmacist() -> String {
    repo_file(PHARMACIST)
}

/// A signed record's text, checked to be private and correctly sealed.
fn signed_record(path: &std::path::Path) -> String {
    let text = private_record(path);
    assert_sealed(&text);
    text
}

#[test]
fn every_example_case_produces_a_signed_sealed_private_record() {
    let dir = root().join("examples/answers");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 4, "{names:?}");
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        let outcome = Test::new()
            .file("case.yaml", &text)
            .args(["run", "--answers", "case.yaml", "--out", "record.yaml"])
            .run()
            .code(0)
            .stdout_has("Signed and sealed: record.yaml");
        let record = signed_record(&outcome.path("record.yaml"));
        assert!(record.contains("status: \"signed\""));
        let reference = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("reference: "))
            .unwrap();
        assert!(record.contains(&format!("reference: \"{reference}\"")));
        for principle in [
            "understanding-the-issues",
            "welfare-and-support",
            "practitioner-is-heard",
            "adherence-to-process",
            "equity-and-proportionality",
        ] {
            assert!(
                record.contains(&format!("section: \"{principle}\"")),
                "{}",
                path.display()
            );
        }
        assert!(record.contains("declaration: \"I confirm"), "{record}");
    }
}

#[test]
fn the_record_is_named_after_the_case_and_never_overwrites_a_file() {
    let outcome = Test::new()
        .file("case.yaml", pharmacist())
        .args(["run", "--answers", "case.yaml"])
        .run()
        .code(0)
        .stdout_has("Signed and sealed: CASE-2026-104.yaml");
    signed_record(&outcome.path("CASE-2026-104.yaml"));

    let outcome = Test::new()
        .file("case.yaml", pharmacist())
        .file("CASE-2026-104.yaml", "an earlier record\n")
        .args(["run", "--answers", "case.yaml"])
        .run()
        .code(2)
        .stderr_has("`CASE-2026-104.yaml` already exists, and fairness never overwrites a file");
    let kept = std::fs::read_to_string(outcome.path("CASE-2026-104.yaml")).unwrap();
    assert_eq!(kept, "an earlier record\n");
}

#[test]
fn without_sign_off_it_writes_a_draft_and_names_what_is_missing() {
    // No sign-off, and no rationale: the answer and everything indented under it.
    let base = pharmacist();
    // Drop the rationale's answer lines too: everything indented under it.
    let mut kept = Vec::new();
    let mut skipping = false;
    for line in base.lines() {
        if line.starts_with("sign_off:") {
            break;
        }
        if line == "  rationale:" {
            skipping = true;
            continue;
        }
        if skipping && (line.starts_with("    ") || line.trim().is_empty()) {
            continue;
        }
        skipping = false;
        kept.push(line);
    }
    let outcome = Test::new()
        .file("case.yaml", kept.join("\n"))
        .args(["run", "--answers", "case.yaml", "-o", "draft.yaml"])
        .run()
        .code(0)
        .stdout_has("Draft written: draft.yaml")
        .stdout_has("Still needed before sign-off (1): `rationale`")
        .stdout_has("fairness run --resume draft.yaml");
    let draft = std::fs::read_to_string(outcome.path("draft.yaml")).unwrap();
    assert!(draft.contains("status: \"draft\""));
    assert!(draft.contains("sign_off: null\nseal: null\n"));
    let mode = std::fs::metadata(outcome.path("draft.yaml"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

/// Each refusal: the edit that breaks the file, the message, and the text the message
/// must point at.
#[test]
fn each_kind_of_bad_answer_is_refused_with_its_item_and_place_and_nothing_is_written() {
    let base = pharmacist();
    let cases: Vec<(String, &str, &str)> = vec![
        (
            edit(
                &base,
                "  concern-specific:\n    answer: \"yes\"",
                "  concern-specific:\n    answer: \"maybe\"",
            ),
            "`concern-specific`: `maybe` is not an answer to this item: it takes `yes`, `no` or `not-applicable`",
            "\"maybe\"",
        ),
        (
            edit(&base, "answer: team-or-system", "answer: Team or system"),
            "`concern-type`: `Team or system` is not one of this item's options",
            "Team or system",
        ),
        (
            edit(
                &base,
                "  concern-specific:\n    answer: \"yes\"\n    note: >-",
                "  concern-specific:\n    answer: \"no\"\n    ignored: >-",
            ),
            "unknown field `ignored`",
            "ignored:",
        ),
        (
            edit(
                &base,
                "  concern-specific:\n    answer: \"yes\"",
                "  concern-specfic:\n    answer: \"yes\"",
            ),
            "the framework has no item `concern-specfic`",
            "concern-specfic:",
        ),
        (
            edit(
                &base,
                "  patient-safety-incident:",
                "  being-fair-completed: { answer: \"yes\" }\n  patient-safety-incident:",
            ),
            "`being-fair-completed` is not asked in this case: it applies only when `patient-safety-incident` is `yes`, and here it is `no`",
            "being-fair-completed:",
        ),
        (
            edit(
                &base,
                "  advice-contacted:\n    answer: \"no\"",
                "  advice-contacted:\n    answer: \"yes\"\n  advice-contacted-on: { answer: \"2026-02-30\" }\n  unused-note:\n    answer: \"no\"",
            ),
            "`advice-contacted-on`: `2026-02-30` is not a date in the calendar",
            "\"2026-02-30\"",
        ),
        (
            edit(&base, "reference: CASE-2026-104", "reference: ../etc/CASE"),
            "the case reference cannot contain `/`",
            "../etc/CASE",
        ),
        (
            edit(
                &base,
                "  concern-specific:\n    answer: \"yes\"",
                "  concern-specific:\n    answer: true",
            ),
            "the answer to `concern-specific` is `true`, which is not an answer",
            "true",
        ),
        (
            edit(&base, "  name: ", "  name: \"Two\\nlines\"\n  x-name: "),
            "this must be on one line",
            "\"Two",
        ),
        (
            edit(
                &base,
                "format: fairness-answers/1",
                "format: fairness-framework/1",
            ),
            "this is not an answers file: its format is `fairness-framework/1`",
            "fairness-framework/1",
        ),
    ];
    for (text, message, at) in cases {
        let outcome = Test::new()
            .file("case.yaml", &text)
            .args(["run", "--answers", "case.yaml", "--out", "record.yaml"])
            .run()
            .code(1)
            .stderr_has("the answers file is refused, and nothing was written")
            .stderr_has(message)
            .stderr_has(&format!("case.yaml:{}", place(&text, at)));
        assert!(
            !outcome.path("record.yaml").exists(),
            "a record was written for {message}"
        );
    }
}

#[test]
fn a_required_item_or_note_left_out_stops_sign_off_and_every_problem_is_reported() {
    let base = pharmacist();
    let text = edit(&base, "  rationale:", "  rationale-x:");
    let text = edit(
        &text,
        "  concern-specific:\n    answer: \"yes\"\n    note:",
        "  concern-specific:\n    answer: \"no\"\n    notes:",
    );
    let outcome = Test::new()
        .file("case.yaml", &text)
        .args(["run", "--answers", "case.yaml", "--out", "record.yaml"])
        .run()
        .code(1)
        .stderr_has("`rationale` is required for sign-off but has no answer")
        .stderr_has("the framework has no item `rationale-x`")
        .stderr_has("did you mean `rationale`?")
        .stderr_has("unknown field `notes`");
    assert!(!outcome.path("record.yaml").exists());

    let text = edit(
        &base,
        "  concern-specific:\n    answer: \"yes\"\n    note: >-",
        "  concern-specific:\n    answer: \"no\"\n    note: \"\"\n  x: >-",
    );
    let text = edit(&text, "  x: >-", "  concern-kept: >-");
    let outcome = Test::new()
        .file("case.yaml", &text)
        .args(["run", "--answers", "case.yaml", "--out", "record.yaml"])
        .run()
        .code(1)
        .stderr_has("`concern-specific`: a note is required when the answer is `no`")
        .stderr_has("2 problems found; nothing is signed or written");
    assert!(!outcome.path("record.yaml").exists());
    // The refused answer is not also reported as missing.
    assert!(
        !outcome
            .stderr
            .contains("`concern-specific` is required for sign-off")
    );
}

#[test]
fn an_invalid_framework_or_an_unwritable_place_is_refused_clearly() {
    Test::new()
        .file("case.yaml", pharmacist())
        .file(
            "framework.yaml",
            "format: fairness-framework/1\nname: broken\n",
        )
        .args([
            "run",
            "--answers",
            "case.yaml",
            "--framework",
            "framework.yaml",
        ])
        .run()
        .code(1)
        .stderr_has("the framework is not valid, so it cannot be used")
        .stderr_has("framework.yaml:");
    Test::new()
        .file("case.yaml", pharmacist())
        .args([
            "run",
            "--answers",
            "case.yaml",
            "--out",
            "nowhere/record.yaml",
        ])
        .run()
        .code(2)
        .stderr_has("cannot write `nowhere/record.yaml`: no such file or folder");
    Test::new()
        .args(["run", "--answers", "missing.yaml"])
        .run()
        .code(2)
        .stderr_has("cannot read `missing.yaml`: no such file or folder");
}

#[test]
fn a_record_too_large_to_read_back_is_never_written() {
    // 230 more text items, each answered with 20,000 backslashes: a 4.6 MB answers
    // file, but a record of over 9 MB, since a record writes each backslash as two.
    let mut framework = crate::harness::builtin();
    let mut answers = pharmacist();
    let at = framework.find("      - id: concern-specific").unwrap();
    let mut items = String::new();
    let mut extra = String::new();
    for i in 0..230 {
        items.push_str(&format!(
            "      - id: long-{i}\n        prompt: Long question {i}?\n        answer: text\n"
        ));
        extra.push_str(&format!(
            "  long-{i}: {{ answer: '{}' }}\n",
            "\\".repeat(20_000)
        ));
    }
    framework.insert_str(at, &items);
    let at = answers.find("  staff-group:").unwrap();
    answers.insert_str(at, &extra);
    let outcome = Test::new()
        .file("framework.yaml", framework)
        .file("case.yaml", answers)
        .args([
            "run",
            "--answers",
            "case.yaml",
            "--framework",
            "framework.yaml",
            "-o",
            "r.yaml",
        ])
        .run()
        .code(2)
        .stderr_has("the record would be larger than 8 MiB");
    assert!(!outcome.path("r.yaml").exists());
}
