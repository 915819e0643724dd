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
            "\n    why a countersignature is required: {}\n",
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
            "^Countersigned: r\\.yaml\n  by Dr Ilse Marrow, Medical Director \\(Independent reviewer\\), at [^\n]+\n  review seal sha256:[0-9a-f]{64}\n  standing: signed and countersigned\nKeep the review seal apart from the record, as the record's own: `fairness verify --seal` with it shows that no review up to this one was removed\\.\n$",
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
    // `due` lists it with the command to correct it, its one placeholder named as
    // everywhere else.
    ran.test()
        .args(["due", "--dir", ".", "--format", "json"])
        .stdout_contains(r#""command": "fairness amend r --dir . --reason TEXT""#)
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
fn the_signer_cannot_countersign_their_own_record_in_any_role() {
    let before = signed(NEEDS_ONE);
    // The signer's name in other case and spacing, and in another role: still theirs.
    let spaced = format!("  {}  ", SIGNER.0.to_uppercase().replace(' ', "   "));
    for role in [SIGNER.1.to_lowercase(), "Medical Director".to_owned()] {
        let file = review(
            "countersigned",
            &format!("\"{spaced}\""),
            &role,
            "declaration_confirmed: true\n",
        );
        let ran = Test::new()
            .file("r.yaml", &before)
            .file("rev.yaml", &file)
            .args(["countersign", "r.yaml", "--answers", "rev.yaml"])
            .stderr(review_refused(&[error(
                "the reviewer has the same name as the person who signed the record",
            )
            .at("rev.yaml", &file, &format!("\"{spaced}\""))
            .help("a countersignature or a return must be someone else's, whatever role it is given in: the signer cannot review their own record")]))
            .status(1)
            .run();
        assert_eq!(ran.read("r.yaml"), before, "nothing is written");
    }
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
            .pick_here(0)
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
            // Nothing is chosen until the reviewer moves: Enter alone chooses nothing.
            .key(Key::Enter)
            .pick_here(1)
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
            .pick_here(0)
            .line("Your name", SIGNER.0)
            .expect("the reviewer has the same name as the person who signed the record")
            .expect("Your name")
            .key(Key::Esc)
            .expect("Nothing was written: the record is as it was.")
            .status(130)
            .run();
        assert_eq!(ran.read("r.yaml"), before);
    }
}

/// `r.yaml` (signed with NEEDS_ONE) with the review files `reviews` added in turn.
fn reviewed(reviews: &[String]) -> crate::harness::Ran {
    let mut ran = Test::new()
        .file("r.yaml", signed(NEEDS_ONE))
        .args(["verify", "r.yaml"])
        .stdout_any()
        .run();
    for (n, file) in reviews.iter().enumerate() {
        let name = format!("rev{n}.yaml");
        ran = ran
            .test()
            .file(&name, file)
            .args(["countersign", "r.yaml", "--answers", name.as_str()])
            .stdout_any()
            .run();
    }
    ran
}

#[test]
fn every_review_is_listed_and_the_latest_decides_the_standing() {
    let ran = reviewed(&[returned(), countersignature()]);
    ran.test()
        .args(["verify", "r.yaml"])
        .stdout_contains("\n  standing: signed and countersigned\n")
        .stdout_contains(" · Independent reviewer · returned at ")
        .stdout_contains("\n  signature 3: Dr Ilse Marrow, Medical Director · Independent reviewer · countersigned at ")
        .run();
    // A return after a countersignature: returned.
    let ran = reviewed(&[countersignature(), returned()]);
    ran.test()
        .args(["verify", "r.yaml"])
        .stdout_contains("\n  standing: signed, returned by the reviewer\n")
        .stdout_contains("\n  signature 2: Dr Ilse Marrow, Medical Director · Independent reviewer · countersigned at ")
        .stdout_contains("\n  signature 3: Dr Ilse Marrow, Medical Director · Independent reviewer · returned at ")
        .run();
}

#[test]
fn a_changed_review_leaves_the_sign_off_s_seal_whole_and_claims_no_standing() {
    let ran = reviewed(&[countersignature()]);
    let changed = edit(
        &ran.read("r.yaml"),
        "checked against the policy",
        "checked against the polity",
    );
    let ran = ran
        .test()
        .file("r.yaml", changed)
        .args(["verify", "r.yaml", "--format", "json"])
        .stdout_any()
        .status(1)
        .run();
    let report: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    let record = &report["records"][0];
    assert_eq!(record["integrity"], "altered");
    assert_eq!(record["standing"], serde_json::Value::Null, "{record}");
    assert_eq!(record["signatures"][0]["kind"], "sign-off");
    assert_eq!(record["signatures"][0]["seal_ok"], true, "{record}");
    assert_eq!(record["signatures"][1]["seal_ok"], false, "{record}");
}

#[test]
fn a_kept_review_seal_shows_reviews_were_removed() {
    let ran = reviewed(&[countersignature()]);
    let text = ran.read("r.yaml");
    let record = read(&text);
    let review_seal = record.reviews[0].seal.clone();
    let record_seal = record.seal.clone().unwrap();
    // The record as written: both its seal and its review's are accepted.
    for seal in [&review_seal, &record_seal] {
        ran.test()
            .args(["verify", "r.yaml", "--seal", seal.as_str()])
            .stdout_contains("r.yaml: intact")
            .run();
    }
    // The review taken out: intact on its own, but not the record the review seal was kept for.
    let start = text.find("\nreviews:\n").unwrap();
    let removed = format!("{}\nreviews: []\n", &text[..start]);
    ran.test()
        .file("r.yaml", &removed)
        .args(["verify", "r.yaml"])
        .stdout_contains("standing: signed, awaiting countersignature")
        .run();
    ran.test()
        .file("r.yaml", &removed)
        .args(["verify", "r.yaml", "--seal", review_seal.as_str()])
        .stdout_contains("r.yaml: SEAL DIFFERS")
        .stdout_contains("or the review that was sealed with it has been removed")
        .status(1)
        .run();
}

#[test]
fn a_superseded_record_is_not_reviewed_and_the_newer_version_is_named() {
    let ran = Test::new()
        .file("case.yaml", crate::records::answers("pharmacist-informal"))
        .args(["run", "--answers", "case.yaml"])
        .stdout_any()
        .run();
    let ran = ran
        .test()
        .file("fix.yaml", AMENDMENT)
        .args([
            "amend",
            "CASE-2026-104.yaml",
            "--reason",
            "The concern date was wrong",
            "--answers",
            "fix.yaml",
        ])
        .stdout_any()
        .run();
    for outcome in [countersignature(), returned()] {
        ran.test()
            .file("rev.yaml", &outcome)
            .args(["countersign", "CASE-2026-104.yaml", "--answers", "rev.yaml"])
            .stderr("error: `CASE-2026-104.yaml` has been superseded by `CASE-2026-104-v2.yaml` (version 2), so it cannot be countersigned or returned: review the newer version instead, with `fairness countersign CASE-2026-104-v2.yaml`\n")
            .status(1)
            .run();
    }
    ran.test()
        .file("rev.yaml", countersignature())
        .args([
            "countersign",
            "CASE-2026-104-v2.yaml",
            "--answers",
            "rev.yaml",
        ])
        .stdout_contains("Countersigned: CASE-2026-104-v2.yaml\n")
        .run();
}

/// A correction of the pharmacist's example case: one date, with its reason, signed.
const AMENDMENT: &str = r#"format: fairness-answers/1
case:
  reference: CASE-2026-104
answers:
  concern-raised-on:
    answer: "2026-04-06"
    note: The date of the ward sister's email to the pharmacy.
    reason: The email was sent on the 6th, not the 7th.
sign_off:
  name: Dr Wren Okafor
  role: Case manager
"#;

#[test]
fn exports_of_a_countersigned_record_say_why_one_was_required_and_which_review_gave_it() {
    let before = Test::new()
        .file("r.yaml", signed(NEEDS_ONE))
        .args(["export", "r.yaml", "--format", "markdown"])
        .stdout_contains("Why a countersignature is required")
        .stdout_lacks("Countersigned in")
        .run();
    drop(before);
    let ran = reviewed(&[returned(), countersignature()]);
    for format in ["markdown", "html"] {
        ran.test()
            .args(["export", "r.yaml", "--format", format])
            .stdout_lacks("Countersignature needed")
            .stdout_contains("Why a countersignature is required")
            .stdout_contains("Review 2, by Dr Ilse Marrow, Medical Director, at ")
            .run();
    }
}

#[test]
fn a_return_with_neither_meaning_nor_comments_is_told_of_both() {
    let before = signed(NEEDS_ONE);
    let file = "format: fairness-review/1\noutcome: returned\nname: Dr Ilse Marrow\nrole: Medical Director\n";
    Test::new()
        .file("r.yaml", &before)
        .file("rev.yaml", file)
        .args(["countersign", "r.yaml", "--answers", "rev.yaml"])
        .stderr_contains(
            "error: the review file has no `meaning`, and this record's framework has several\n",
        )
        .stderr_contains("error: a return needs comments for the case manager\n")
        .stderr_contains("2 problems found")
        .status(1)
        .run();
}

#[cfg(unix)]
mod in_a_terminal_part_way {
    use super::*;
    use crate::pty::{Key, Pty};

    #[test]
    fn stopping_part_way_exits_130_and_leaving_from_the_menu_exits_0() {
        let before = signed(NEEDS_ONE);
        // Ctrl-C at the menu, Esc at the meaning, Esc at the name.
        let stops: [fn(Pty<'static>) -> Pty<'static>; 3] = [
            |p| p.key(Key::CtrlC),
            |p| {
                p.pick_here(0)
                    .expect("You review this record as")
                    .key(Key::Esc)
            },
            |p| {
                p.pick_here(1)
                    .expect("You review this record as")
                    .pick_here(0)
                    .expect("Your name")
                    .key(Key::Esc)
            },
        ];
        for stop in stops {
            let ran = Pty::new()
                .file("r.yaml", &before)
                .height(60)
                .args(["countersign", "r.yaml"])
                .expect("What do you do with this record?")
                .steps(stop)
                .expect("Nothing was written: the record is as it was.")
                .status(130)
                .run();
            assert_eq!(ran.read("r.yaml"), before);
        }
        // The menu's own way out is no interruption.
        Pty::new()
            .file("r.yaml", &before)
            .height(60)
            .args(["countersign", "r.yaml"])
            .expect("What do you do with this record?")
            .pick_here(2)
            .expect("Nothing was written: the record is as it was.")
            .status(0)
            .run();
    }

    #[test]
    fn the_pager_says_esc_leaves_and_q_stops_with_130() {
        let before = signed(NEEDS_ONE);
        let ran = Pty::new()
            .file("r.yaml", &before)
            .height(16)
            .args(["countersign", "r.yaml"])
            .expect("Review of case CASE-2026-105")
            .expect("Enter more · q stop · Esc leave")
            .screen_lacks("save and leave")
            .send("q")
            .expect("A review needs the whole summary read.")
            .expect("Nothing was written: the record is as it was.")
            .status(130)
            .run();
        assert_eq!(ran.read("r.yaml"), before);
        // Said once, not twice.
        assert_eq!(ran.stdout.matches("nothing was written").count(), 0);
    }

    #[test]
    fn the_reviewer_s_summary_has_its_own_heading() {
        Pty::new()
            .file("r.yaml", signed(NEEDS_ONE))
            .height(60)
            .args(["countersign", "r.yaml"])
            .expect("The record as signed: the case on one screen")
            .expect("What do you do with this record?")
            .screen_lacks("Before you sign")
            .key(Key::CtrlC)
            .status(130)
            .run();
    }

    #[test]
    fn the_reviewer_of_an_amendment_sees_what_it_supersedes_and_what_changed() {
        let ran = Test::new()
            .file("case.yaml", crate::records::answers("pharmacist-informal"))
            .args(["run", "--answers", "case.yaml"])
            .stdout_any()
            .run();
        let ran = ran
            .test()
            .file("fix.yaml", AMENDMENT)
            .args([
                "amend",
                "CASE-2026-104.yaml",
                "--reason",
                "The concern date was wrong",
                "--answers",
                "fix.yaml",
            ])
            .stdout_any()
            .run();
        let old_seal = read(&ran.read("CASE-2026-104.yaml")).seal.unwrap();
        ran.pty()
            .height(60)
            .args(["countersign", "CASE-2026-104-v2.yaml"])
            .expect("Version 2, superseding the record sealed")
            .expect(format!("{old_seal} — reason: The concern date"))
            .expect("Changed since version 1:")
            .expect("“2026-04-07” → “2026-04-06”")
            .expect("by Dr Wren Okafor · reason: “The email was sent on the 6th")
            .expect("What do you do with this record?")
            .key(Key::CtrlC)
            .status(130)
            .run();
    }

    /// The amendment changes a check, which shows two more items: the reviewer reads the
    /// check's change in words (its labels, not its ids) and the two answers added.
    #[test]
    fn the_reviewer_of_an_amendment_sees_answers_added_and_labels_not_ids() {
        const ADDED: &str = r#"format: fairness-answers/1
case:
  reference: CASE-2026-104
answers:
  advice-contacted:
    answer: "yes"
    reason: A call to Advice on 2026-04-09 was found in the log.
  advice-contacted-on: "2026-04-09"
  advice-given: To keep the matter informal and review it in four weeks.
sign_off:
  name: Dr Wren Okafor
  role: Case manager
"#;
        let ran = Test::new()
            .file("case.yaml", crate::records::answers("pharmacist-informal"))
            .args(["run", "--answers", "case.yaml"])
            .stdout_any()
            .run();
        let ran = ran
            .test()
            .file("fix.yaml", ADDED)
            .args([
                "amend",
                "CASE-2026-104.yaml",
                "--reason",
                "Advice was called",
            ])
            .args(["--answers", "fix.yaml"])
            .stdout_any()
            .run();
        let record = read(&ran.read("CASE-2026-104-v2.yaml"));
        let added = record
            .history
            .iter()
            .find(|c| c.item.as_deref() == Some("advice-contacted-on"))
            .expect("the added answer is in the history");
        assert_eq!(added.old_answer, None);
        assert_eq!(added.new_answer.as_deref(), Some("2026-04-09"));
        ran.pty()
            .height(60)
            .args(["countersign", "CASE-2026-104-v2.yaml"])
            .expect("Changed since version 1:")
            .expect("contacted about this concern?: “No” → “Yes”")
            .expect("first contacted?: added: “2026-04-09”")
            .expect("advise?: added: “To keep the matter")
            .expect("What do you do with this record?")
            .key(Key::CtrlC)
            .status(130)
            .run();
    }

    #[test]
    fn a_returned_record_s_long_comments_wrap_at_words_when_resumed() {
        let words = "The review date of the restriction is missing from the rationale, and the remediation plan needs a named clinical supervisor before it can be agreed with the practitioner.";
        let ran = Test::new()
            .file("r.yaml", signed(NEEDS_ONE))
            .file(
                "rev.yaml",
                review(
                    "returned",
                    "Dr Ilse Marrow",
                    "Medical Director",
                    &format!("comment: {words}\n"),
                ),
            )
            .args(["countersign", "r.yaml", "--answers", "rev.yaml"])
            .stdout_any()
            .run();
        ran.pty()
            .width(100)
            .args(["run", "--resume", "r.yaml"])
            .expect("fairness amend r.yaml --reason TEXT")
            .screen_with(move |screen| {
                // Every word of the comments is whole on some row.
                let rows: Vec<&str> = screen.lines().collect();
                for word in words.split(' ') {
                    assert!(
                        rows.iter().any(|r| r.split(' ').any(|w| w == word)),
                        "{word:?} is cut:\n{screen}"
                    );
                }
            })
            .status(2)
            .run();
    }
}

/// A meaning the record's own framework names is shown by its label there, in every
/// export that reads that framework (here the Markdown, the framework file beside it).
#[test]
fn a_framework_s_own_meaning_is_shown_by_its_label() {
    let framework = crate::harness::edit(
        &crate::harness::builtin(),
        "    - id: board-oversight\n      label: Board oversight (designated board member)",
        "    - id: clinical-lead\n      label: Clinical lead, not involved",
    );
    let ran = Test::new()
        .file("f.yaml", framework)
        .file("case.yaml", crate::records::answers(NEEDS_ONE))
        .args(["run", "--answers", "case.yaml", "--framework", "f.yaml"])
        .args(["-o", "r.yaml"])
        .stdout_any()
        .run();
    let ran = ran
        .test()
        .file(
            "rev.yaml",
            countersignature().replace("meaning: independent-reviewer", "meaning: clinical-lead"),
        )
        .args(["countersign", "r.yaml", "--answers", "rev.yaml"])
        .stdout_any()
        .run();
    ran.test()
        .args(["export", "r.yaml", "--format", "markdown"])
        .stdout_contains("- **Meaning:** Clinical lead, not involved")
        .run();
}
