//! `fairness countersign`: a reviewer countersigns a signed record, or returns it with
//! comments, from a review file or in a terminal; the signer cannot review their own
//! record; and wherever a record is shown, where it stands with its reviewers.

use crate::harness::{Test, edit, error};
use crate::records::{read, signed};

/// Signed with an interim measure (a restriction), which the built-in framework
/// requires a countersignature for.
const NEEDS_ONE: &str = "ni-surgeon-restriction";
const SIGNER: (&str, &str) = (
    "Dr Aoibheann Quillan",
    "Case manager (Deputy Medical Director)",
);

fn review(outcome: &str, name: &str, role: &str, extra: &str) -> String {
    format!(
        "format: fairness-review/1\noutcome: {outcome}\nmeaning: independent-reviewer\nname: {name}\nrole: {role}\n{extra}"
    )
}

fn countersignature() -> String {
    review(
        "countersigned",
        "Dr Ilse Marrow",
        "Medical Director",
        "declaration_confirmed: true\ncomment: Reasoning checked against the policy.\n",
    )
}

fn returned() -> String {
    review(
        "returned",
        "Dr Ilse Marrow",
        "Medical Director",
        "comment: The review date of the restriction is missing from the rationale.\n",
    )
}

/// What the record's text must keep, byte for byte, once a review is added.
fn kept(before: &str) -> &str {
    before.strip_suffix("reviews: []\n").unwrap()
}

#[test]
fn a_countersignature_required_by_the_framework_is_awaited_in_verify_cases_and_every_export() {
    let text = signed(NEEDS_ONE);
    let record = read(&text);
    let why = record.sign_off.as_ref().unwrap().countersignature.clone();
    assert_eq!(
        why.as_deref(),
        Some(
            "the framework requires a countersignature (Independent reviewer), because `interim-measure` is \"Restriction of practice\""
        )
    );
    let t = || Test::new().file("cases/r.yaml", &text);
    t().args(["verify", "cases/r.yaml"])
        .stdout_contains("\n  standing: signed, awaiting countersignature\n")
        .stdout_contains(format!(
            "\n    countersignature needed: {}\n",
            why.as_deref().unwrap()
        ))
        .run();
    t().args(["cases", "--dir", "cases"])
        .env("COLUMNS", "120")
        .stdout_contains("┆ awaiting         ┆")
        .stdout_contains("┆ countersignature ┆")
        .run();
    t().args(["cases", "--dir", "cases", "--format", "json"])
        .stdout_contains("\"standing\": \"awaiting-countersignature\"")
        .run();
    for (format, said) in [
        (
            "markdown",
            "- **Status:** Signed, awaiting countersignature\n",
        ),
        ("html", "Signed, awaiting countersignature"),
        ("json", "\"standing\": \"awaiting-countersignature\""),
        (
            "csv",
            "\"CASE-2026-105\",\"awaiting-countersignature\",\"intact\"",
        ),
    ] {
        t().args(["export", "cases/r.yaml", "--format", format])
            .stdout_contains(said)
            .run();
    }
    // A case that needs none is plainly signed.
    Test::new()
        .file("p.yaml", signed("pharmacist-informal"))
        .args(["verify", "p.yaml"])
        .stdout_contains("\n  standing: signed\n")
        .stdout_lacks("countersignature")
        .run();
}

#[test]
fn a_review_file_countersigns_without_changing_a_byte_the_signer_sealed() {
    let before = signed(NEEDS_ONE);
    let ran = Test::new()
        .file("r.yaml", &before)
        .file("rev.yaml", countersignature())
        .args(["countersign", "r.yaml", "--answers", "rev.yaml"])
        .stdout_matches(
            "^Countersigned: r\\.yaml\n  by Dr Ilse Marrow, Medical Director \\(Independent reviewer\\), at [^\n]+\n  review seal sha256:[0-9a-f]{64}\n  standing: signed and countersigned\n$",
        )
        .run();
    let after = ran.read("r.yaml");
    assert!(after.starts_with(kept(&before)), "{after}");
    let record = read(&after);
    assert_eq!(record.seal, read(&before).seal);
    assert_eq!(record.reviews.len(), 1);
    assert_eq!(record.reviews[0].meaning, "independent-reviewer");
    assert!(
        record.reviews[0]
            .declaration
            .as_deref()
            .unwrap()
            .starts_with("I am senior to the decision and was not involved in this case.")
    );
    ran.test()
        .args(["verify", "r.yaml"])
        .stdout_contains("\n  standing: signed and countersigned\n")
        .stdout_contains(
            "\n  signature 2: Dr Ilse Marrow, Medical Director · Independent reviewer · countersigned at ",
        )
        .stdout_contains(" · seal checked\n    comments: Reasoning checked against the policy.\n")
        .run();
    ran.test()
        .args(["export", "r.yaml", "--format", "markdown"])
        .stdout_contains("- **Status:** Signed and countersigned\n")
        .stdout_contains("- **Meaning:** Independent reviewer\n")
        .run();
    ran.test()
        .args(["export", "r.yaml", "--format", "json"])
        .stdout_contains("\"meaning_label\": \"Independent reviewer\"")
        .stdout_contains("\"seal_checked\": true")
        .run();
}

#[test]
fn verify_catches_a_changed_byte_in_a_review() {
    let ran = Test::new()
        .file("r.yaml", signed(NEEDS_ONE))
        .file("rev.yaml", countersignature())
        .args(["countersign", "r.yaml", "--answers", "rev.yaml"])
        .stdout_any()
        .run();
    let text = ran.read("r.yaml");
    let changed = edit(
        &text,
        "checked against the policy",
        "checked against the polity",
    );
    ran.test()
        .file("r.yaml", changed)
        .args(["verify", "r.yaml"])
        .stdout_contains("r.yaml: ALTERED")
        .stdout_contains("review 1 is not what was sealed when it was made")
        .status(1)
        .run();
}

#[test]
fn a_returned_record_shows_its_comments_in_verify_and_when_resumed() {
    let ran = Test::new()
        .file("r.yaml", signed(NEEDS_ONE))
        .file("rev.yaml", returned())
        .args(["countersign", "r.yaml", "--answers", "rev.yaml"])
        .stdout_contains("Returned with comments: r.yaml\n")
        .stdout_contains("  standing: signed, returned by the reviewer\n")
        .run();
    ran.test()
        .args(["verify", "r.yaml"])
        .stdout_contains("\n  standing: signed, returned by the reviewer\n")
        .stdout_contains(" · Independent reviewer · returned at ")
        .stdout_contains(
            "\n    comments: The review date of the restriction is missing from the rationale.\n",
        )
        .run();
    ran.test()
        .args(["cases", "--dir", "."])
        .stdout_contains("┆ returned ")
        .run();
    // In a terminal, the case manager is shown the comments.
    #[cfg(unix)]
    ran.pty()
        .args(["run", "--resume", "r.yaml"])
        .expect("was returned by its reviewer, Dr Ilse Marrow, Medical Director, on ")
        .expect("The review date of the restriction is missing from the rationale.")
        .expect("fairness amend r.yaml --reason TEXT")
        .status(2)
        .run();
}

#[test]
fn the_signer_cannot_countersign_their_own_record() {
    let before = signed(NEEDS_ONE);
    // The same name and role, in other case and spacing.
    let file = review(
        "countersigned",
        &format!("  {}  ", SIGNER.0.to_uppercase()),
        &SIGNER.1.to_lowercase(),
        "declaration_confirmed: true\n",
    );
    let file = file
        .replace("name:   ", "name: \"  ")
        .replace("  \nrole", "  \"\nrole");
    let ran = Test::new()
        .file("r.yaml", &before)
        .file("rev.yaml", &file)
        .args(["countersign", "r.yaml", "--answers", "rev.yaml"])
        .stderr(review_refused(&[error(
            "the reviewer has the same name and role as the person who signed the record",
        )
        .at("rev.yaml", &file, &format!("\"  {}  \"", SIGNER.0.to_uppercase()))
        .help("a countersignature or a return must be someone else's: the signer cannot review their own record")]))
        .status(1)
        .run();
    assert_eq!(ran.read("r.yaml"), before, "nothing is written");
    // The same name in another role is the reviewer's own claim, and recorded.
    Test::new()
        .file("r.yaml", &before)
        .file(
            "rev.yaml",
            review(
                "countersigned",
                SIGNER.0,
                "Medical Director",
                "declaration_confirmed: true\n",
            ),
        )
        .args(["countersign", "r.yaml", "--answers", "rev.yaml"])
        .stdout_contains("Countersigned: r.yaml\n")
        .run();
}

/// What `countersign --answers` prints when it refuses a review file.
fn review_refused(problems: &[crate::harness::Problem]) -> String {
    let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let count = match problems.len() {
        1 => "1 problem".to_owned(),
        n => format!("{n} problems"),
    };
    format!(
        "error: the review file is refused, and nothing was written:\n\n{}{count} found; the record is left as it was until every one is fixed.\n",
        all.join("\n")
    )
}

#[test]
fn a_malformed_review_file_is_reported_at_line_and_column_and_nothing_is_written() {
    let before = signed(NEEDS_ONE);
    let file = "format: fairness-review/1\noutcome: countersign\nmeaning: independent-reveiwer\nname: Dr Ilse Marrow\nrole: Medical Director\ncomment: Checked.\nsigned: yes\n";
    let ran = Test::new()
        .file("r.yaml", &before)
        .file("rev.yaml", file)
        .args(["countersign", "r.yaml", "--answers", "rev.yaml"])
        .stderr(review_refused(&[
            error("`countersign` is not a valid `outcome`")
                .at("rev.yaml", file, "countersign")
                .help("did you mean `countersigned`?"),
            error("`independent-reveiwer` is not a meaning this record's framework has")
                .at("rev.yaml", file, "independent-reveiwer")
                .help("did you mean `independent-reviewer`?"),
            error("unknown field `signed` in the review file")
                .at("rev.yaml", file, "signed")
                .help("the fields of the review file are `format`, `outcome`, `meaning`, `name`, `role`, `declaration_confirmed` and `comment`"),
        ]))
        .status(1)
        .run();
    assert_eq!(ran.read("r.yaml"), before);
    // A countersignature without the declaration confirmed, a return without comments.
    for (file, problem) in [
        (
            review("countersigned", "Dr Ilse Marrow", "Medical Director", ""),
            "a countersignature needs the reviewer's declaration confirmed",
        ),
        (
            review("returned", "Dr Ilse Marrow", "Medical Director", ""),
            "a return needs comments for the case manager",
        ),
    ] {
        Test::new()
            .file("r.yaml", &before)
            .file("rev.yaml", &file)
            .args(["countersign", "r.yaml", "--answers", "rev.yaml"])
            .stderr_contains(format!("error: {problem}\n  --> rev.yaml:1:1\n"))
            .status(1)
            .run();
    }
}

#[test]
fn only_an_intact_signed_record_of_format_2_is_reviewed() {
    let format1 = crate::format1::fixture("with_history.yaml");
    Test::new()
        .file("old.yaml", &format1)
        .file("rev.yaml", countersignature())
        .args(["countersign", "old.yaml", "--answers", "rev.yaml"])
        .stderr_contains("`old.yaml` is a `fairness-record/1` record, written before records could be countersigned")
        .status(1)
        .run();
    let text = signed(NEEDS_ONE);
    Test::new()
        .file(
            "r.yaml",
            edit(&text, "Restriction of practice", "Restriction of practise"),
        )
        .file("rev.yaml", countersignature())
        .args(["countersign", "r.yaml", "--answers", "rev.yaml"])
        .stderr_contains(
            "`r.yaml` has been changed since it was sealed, so it cannot be countersigned",
        )
        .status(1)
        .run();
}

#[cfg(unix)]
mod in_a_terminal {
    use super::*;
    use crate::pty::{Key, Pty};

    #[test]
    fn a_reviewer_countersigns_in_a_terminal() {
        let before = signed(NEEDS_ONE);
        let ran = Pty::new()
            .file("r.yaml", &before)
            .height(60)
            .args(["countersign", "r.yaml"])
            .expect("Review of case CASE-2026-105")
            .expect("Standing: signed, awaiting countersignature")
            .expect("Interim measure: Restriction of practice")
            .expect("What do you do with this record?")
            .pick_here(0)
            .expect("You review this record as")
            .choose(0)
            .line("Your name", "Dr Ilse Marrow")
            .line("Your role", "Medical Director")
            .expect("Declaration: Independent reviewer")
            .line("Type your name to countersign", "Dr Ilse Marrow")
            .line("A comment", "")
            .expect("Countersigned: r.yaml")
            .run();
        let after = ran.read("r.yaml");
        assert!(after.starts_with(kept(&before)), "{after}");
        assert_eq!(read(&after).reviews[0].comment, None);
    }

    #[test]
    fn a_reviewer_returns_the_record_with_comments_in_a_terminal() {
        let ran = Pty::new()
            .file("r.yaml", signed(NEEDS_ONE))
            .height(60)
            .args(["countersign", "r.yaml"])
            .expect("What do you do with this record?")
            .pick_here(1)
            .expect("You review this record as")
            .choose(1)
            .line("Your name", "Dr Corin Vale")
            .line("Your role", "Non-executive director")
            .line(
                "Your comments",
                "Please record why Advice was not contacted first.",
            )
            .expect("Returned with comments: r.yaml")
            .run();
        let record = read(&ran.read("r.yaml"));
        assert_eq!(record.reviews[0].meaning, "board-oversight");
        ran.test()
            .args(["verify", "r.yaml"])
            .stdout_contains(" · Board oversight (designated board member) · returned at ")
            .stdout_contains("comments: Please record why Advice was not contacted first.")
            .run();
    }

    #[test]
    fn the_signer_is_refused_in_a_terminal_and_nothing_is_written() {
        let before = signed(NEEDS_ONE);
        let ran = Pty::new()
            .file("r.yaml", &before)
            .height(60)
            .args(["countersign", "r.yaml"])
            .expect("What do you do with this record?")
            .pick_here(0)
            .expect("You review this record as")
            .choose(0)
            .line("Your name", SIGNER.0)
            .line("Your role", SIGNER.1)
            .expect("the reviewer has the same name and role as the person who signed the record")
            .expect("Your name")
            .key(Key::Esc)
            .expect("Nothing was written: the record is as it was.")
            .run();
        assert_eq!(ran.read("r.yaml"), before);
    }
}
