//! `fairness amend`: the next version of a signed record, the old one untouched, and
//! the chain between them as `verify`, `cases` and the exports show it.

use crate::harness::{Ran, Test, body_digest};
use crate::records::answers;

const OLD: &str = "CASE-2026-104.yaml";
const NEW: &str = "CASE-2026-104-v2.yaml";

/// The correction: one date, with its reason, signed.
const FIX: &str = r#"format: fairness-answers/1
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

/// The pharmacist's example case, signed as OLD.
fn signed() -> Ran {
    Test::new()
        .file("case.yaml", answers("pharmacist-informal"))
        .args(["run", "--answers", "case.yaml"])
        .stdout_any()
        .run()
}

/// OLD signed, then amended from FIX as NEW.
fn amended() -> (Ran, String) {
    let ran = signed();
    let old = ran.read(OLD);
    let ran = ran
        .test()
        .file("fix.yaml", FIX)
        .args([
            "amend",
            OLD,
            "--reason",
            "The concern date was wrong",
            "--answers",
            "fix.yaml",
        ])
        .stdout_contains(
            "Amending case CASE-2026-104: version 2, superseding the record sealed sha256:",
        )
        .stdout_contains(format!("Signed and sealed: {NEW}\n"))
        .run();
    (ran, old)
}

fn seal_of(text: &str) -> String {
    let at = text.find("\nseal: \"").unwrap() + 8;
    text[at..at + 71].to_owned()
}

#[test]
fn an_amendment_carries_every_answer_changes_one_with_its_reason_and_leaves_the_old_untouched() {
    let (ran, old) = amended();
    assert_eq!(ran.read(OLD), old, "the signed record is never touched");
    let new = ran.read(NEW);
    assert!(new.contains("\nformat: \"fairness-record/2\"\n"), "{new}");
    for part in [
        "  version: \"2\"\n".to_owned(),
        format!(
            "  supersedes: \"{}\"\n  amendment: \"The concern date was wrong\"\n",
            seal_of(&old)
        ),
        "    event: \"amended\"\n".to_owned(),
        "    old_answer: \"2026-04-07\"\n".to_owned(),
        "    new_answer: \"2026-04-06\"\n".to_owned(),
        "    reason: \"The email was sent on the 6th, not the 7th.\"\n".to_owned(),
    ] {
        assert!(new.contains(&part), "{part}\n{new}");
    }
    // Every answer carried over: as many as before.
    assert_eq!(
        new.matches("\n    answered: ").count(),
        old.matches("\n    answered: ").count()
    );
}

#[test]
fn verify_checks_the_chain_says_which_is_current_and_that_the_old_is_superseded() {
    let (ran, old) = amended();
    let seal = seal_of(&old);
    ran.test()
        .args(["verify", OLD, NEW])
        .stdout_contains(format!("  superseded by {NEW} (version 2, signed by Dr Wren Okafor, Case manager, at "))
        .stdout_contains(format!("  version 2, superseding the record sealed {seal} (reason: The concern date was wrong)\n"))
        .stdout_contains(format!("Versions of case CASE-2026-104: {OLD} (version 1) → {NEW} (version 2): linked; the current version is {NEW}\n"))
        .run();
    // Alone, each still verifies, and says where it stands.
    ran.test()
        .args(["verify", OLD])
        .stdout_contains(format!("  superseded by {NEW} (version 2, signed by"))
        .run();
    ran.test()
        .args(["verify", NEW])
        .stdout_contains(format!("version 2, superseding the record sealed {seal}"))
        .stdout_lacks("superseded by")
        .run();
}

#[test]
fn verify_as_json_reports_every_signature_seal_and_link() {
    let (ran, old) = amended();
    let ran = ran
        .test()
        .args(["verify", "--format", "json", OLD, NEW])
        .stdout_any()
        .run();
    let report: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(report["format"], "fairness-verify/1");
    assert_eq!(report["verdict"], "intact");
    let [first, second] = report["records"].as_array().unwrap().as_slice() else {
        panic!("two records: {report}")
    };
    assert_eq!(first["file"], OLD);
    assert_eq!(first["reference"], "CASE-2026-104");
    assert_eq!(first["format"], "fairness-record/2");
    assert_eq!(first["standing"], "signed");
    assert_eq!(first["integrity"], "intact");
    assert_eq!(first["seal"], seal_of(&old));
    assert_eq!(first["version"], 1);
    assert_eq!(first["superseded_by"], NEW);
    assert_eq!(first["signatures"][0]["kind"], "sign-off");
    assert_eq!(first["signatures"][0]["meaning"], "author");
    assert_eq!(first["signatures"][0]["seal_ok"], true);
    assert_eq!(second["version"], 2);
    assert_eq!(second["supersedes"]["seal"], seal_of(&old));
    assert_eq!(second["supersedes"]["reason"], "The concern date was wrong");
    assert_eq!(second["superseded_by"], serde_json::Value::Null);
    assert_eq!(second["chain"]["supersedes_file"], OLD);
    assert_eq!(second["chain"]["link"], "linked");
    assert_eq!(second["chain"]["current"], true);
}

/// NEW with its `supersedes` seal replaced, and the record sealed again over the change.
fn relinked(text: &str, old_seal: &str) -> String {
    let other = format!("sha256:{}", "ab".repeat(32));
    let body = text.replacen(old_seal, &other, 1);
    let body = &body[..body.find("\nseal: ").unwrap() + 1];
    let rest = &text[text.find("\nseal: ").unwrap() + 1..];
    let after = &rest[rest.find('\n').unwrap() + 1..];
    format!(
        "{body}seal: \"{}\"\n{after}",
        body_digest(&format!("{body}seal: x\n"))
    )
}

#[test]
fn a_broken_link_is_a_finding_and_a_changed_byte_in_the_link_is_caught() {
    let (ran, old) = amended();
    let seal = seal_of(&old);
    let new = ran.read(NEW);
    // Sealed again, so intact on its own: only the chain shows what is wrong.
    let resealed = relinked(&new, &seal);
    let check = ran
        .test()
        .file("relinked.yaml", &resealed)
        .args(["verify", "relinked.yaml"])
        .stdout_any()
        .run();
    assert!(
        check.stdout.contains("relinked.yaml: intact"),
        "{}",
        check.stdout
    );
    ran.test()
        .file("relinked.yaml", &resealed)
        .args(["verify", OLD, "relinked.yaml"])
        .stdout_contains("the link is BROKEN")
        .stdout_contains("names the record sealed sha256:abab")
        .stdout_contains(format!("but the seal of `{OLD}` is {seal}"))
        .status(1)
        .run();
    // The link changed by hand, not sealed again: the record is altered.
    ran.test()
        .file(
            "edited.yaml",
            new.replacen(&seal, &format!("sha256:{}", "ab".repeat(32)), 1),
        )
        .args(["verify", "edited.yaml"])
        .stdout_contains("edited.yaml: ALTERED")
        .status(1)
        .run();
    // A version gap.
    let gap = relinked(&new, "no such seal").replacen("  version: \"2\"", "  version: \"3\"", 1);
    let gap = relinked(&gap, "no such seal");
    ran.test()
        .file("gap.yaml", &gap)
        .args(["verify", OLD, "gap.yaml"])
        .stdout_contains("is version 3 of its case, but")
        .status(1)
        .run();
}

#[test]
fn a_draft_an_altered_record_a_superseded_one_or_no_reason_is_refused() {
    let (ran, old) = amended();
    let reason = ["--reason", "A correction"];
    // Superseded already.
    ran.test()
        .args(["amend", OLD])
        .args(reason)
        .stderr(format!("error: `{OLD}` has been superseded already, by `{NEW}`: amend the latest version instead\n"))
        .status(2)
        .run();
    // Altered.
    ran.test()
        .file("altered.yaml", old.replacen("2026-04-07", "2026-04-08", 1))
        .args(["amend", "altered.yaml"])
        .args(reason)
        .stderr_contains("is not an intact signed record, so it cannot be amended")
        .status(1)
        .absent("CASE-2026-104-v2.yaml.lock")
        .run();
    // A draft.
    let unsigned = answers("pharmacist-informal");
    let unsigned = &unsigned[..unsigned.find("\nsign_off:").unwrap() + 1];
    let draft = Test::new()
        .file("case.yaml", unsigned)
        .args(["run", "--answers", "case.yaml", "-o", "draft.yaml"])
        .stdout_contains("Draft written")
        .run();
    draft
        .test()
        .args(["amend", "draft.yaml"])
        .args(reason)
        .stderr_contains("`draft.yaml` is a draft, not a signed record")
        .status(2)
        .run();
    // No reason, or a blank one.
    ran.test()
        .args(["amend", NEW])
        .stderr_contains("--reason")
        .status(2)
        .run();
    ran.test()
        .args(["amend", NEW, "--reason", "   "])
        .stderr("error: the reason given with --reason cannot be used: this cannot be blank; say in words why the signed record needs correcting\n")
        .status(2)
        .absent("CASE-2026-104-v3.yaml")
        .run();
}

#[test]
fn exports_show_the_version_what_it_supersedes_and_the_answers_changed() {
    let (ran, old) = amended();
    let seal = seal_of(&old);
    ran.test()
        .args(["export", "-f", "markdown", NEW])
        .stdout_contains(format!("Version 2, superseding the record sealed {seal} — reason: The concern date was wrong"))
        .stdout_contains("### Answers changed since version 1")
        .stdout_contains("changed; answer “2026-04-07” → “2026-04-06”; by Dr Wren Okafor; reason: “The email was sent on the 6th, not the 7th.”")
        .run();
    ran.test()
        .args(["export", "-f", "markdown", OLD])
        .stdout_lacks("Amendment")
        .run();
    ran.test()
        .args(["export", "-f", "html", NEW])
        .stdout_contains("Version 2, superseding the record sealed")
        .run();
    let json = ran
        .test()
        .args(["export", "-f", "json", NEW])
        .stdout_any()
        .run();
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let record = &doc["records"][0];
    assert_eq!(record["version"], 2);
    assert_eq!(record["supersedes"]["seal"], seal);
    assert_eq!(
        record["supersedes"]["changed"][0]["item"],
        "concern-raised-on"
    );
    assert_eq!(
        record["supersedes"]["changed"][0]["new_answer"],
        "2026-04-06"
    );
}

#[test]
fn cases_shows_the_version_and_what_is_superseded() {
    let (ran, _) = amended();
    ran.test()
        .args(["cases", "--dir", "."])
        .stdout_contains("CASE-2026-104 v2")
        .stdout_contains("superseded")
        .run();
    let listed = ran
        .test()
        .args(["cases", "--dir", ".", "--format", "json"])
        .stdout_any()
        .run();
    let doc: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    let records = doc["records"].as_array().unwrap();
    let of = |file: &str| records.iter().find(|r| r["file"] == file).unwrap().clone();
    assert_eq!(of(NEW)["version"], 2);
    assert_eq!(of(NEW)["superseded_by"], serde_json::Value::Null);
    assert_eq!(of(OLD)["version"], 1);
    assert_eq!(of(OLD)["superseded_by"], NEW);
}

#[cfg(unix)]
#[test]
fn in_a_terminal_the_amendment_goes_to_the_review_and_is_signed_again() {
    let ran = signed();
    let old = ran.read(OLD);
    let ran = ran
        .pty()
        .height(60)
        .args([
            "amend",
            OLD,
            "--reason",
            "Signed in error by the wrong manager",
        ])
        .expect("Amending case CASE-2026-104: version 2")
        .steps(|pty| crate::interactive::sign(pty, "Dr Wren Okafor"))
        .expect("Signed and sealed")
        .run();
    assert_eq!(ran.read(OLD), old);
    let new = ran.read(NEW);
    assert!(
        new.contains("  amendment: \"Signed in error by the wrong manager\"\n"),
        "{new}"
    );
    assert!(new.contains("  name: \"Dr Wren Okafor\"\n"), "{new}");
    ran.test()
        .args(["verify", OLD, NEW])
        .stdout_contains("linked; the current version is")
        .run();
}

/// FIX without its sign-off: the amendment written as a draft.
#[cfg(unix)]
fn fix_draft() -> String {
    crate::records::without_sign_off(FIX)
}

#[test]
fn from_a_file_the_amended_entry_names_the_signer_and_a_countersignature_is_asked_for() {
    let (ran, _) = amended();
    let new = crate::records::read(&ran.read(NEW));
    assert_eq!(new.history[0].by.as_deref(), Some("Dr Wren Okafor"));
    // A record the framework needs countersigned says so once amended, as once signed.
    let needs = crate::records::signed("ni-surgeon-restriction");
    let reference = crate::records::read(&needs).case.reference;
    let fix = format!(
        "format: fairness-answers/1\ncase:\n  reference: {reference}\nanswers: {{}}\nsign_off:\n  name: Dr Aoibheann Quillan\n  role: Case manager\n"
    );
    Test::new()
        .file("r.yaml", &needs)
        .file("fix.yaml", fix)
        .args(["amend", "r.yaml", "--reason", "A correction", "--answers"])
        .args(["fix.yaml"])
        .stdout_contains("Signed and sealed: r-v2.yaml\n")
        .stdout_contains("It needs a countersignature: ")
        .stdout_contains("\n    fairness countersign r-v2.yaml\n")
        .run();
}

#[test]
fn without_a_terminal_amend_names_its_own_answers_command() {
    signed()
        .test()
        .args(["amend", OLD, "--reason", "A correction"])
        .stderr_contains("use `fairness amend RECORD --reason TEXT --answers FILE`")
        .stderr_lacks("fairness run --answers")
        .status(2)
        .absent(NEW)
        .run();
}

#[test]
fn the_new_version_is_named_after_the_old_file_not_the_reference_inside() {
    let ran = signed();
    let old = ran.read(OLD);
    let ran = ran
        .test()
        .file("CASE-2026-404.yaml", &old)
        .file("fix.yaml", FIX)
        .args(["amend", "CASE-2026-404.yaml", "--reason", "A correction"])
        .args(["--answers", "fix.yaml"])
        .stdout_contains("Signed and sealed: CASE-2026-404-v2.yaml\n")
        .absent("CASE-2026-104-v2.yaml")
        .run();
    let fix = FIX.replace("2026-04-06", "2026-04-05");
    ran.test()
        .file("fix.yaml", fix)
        .args(["amend", "CASE-2026-404-v2.yaml", "--reason", "Again"])
        .args(["--answers", "fix.yaml"])
        .stdout_contains("Signed and sealed: CASE-2026-404-v3.yaml\n")
        .absent("CASE-2026-404-v2-v3.yaml")
        .run();
}

#[cfg(unix)]
#[test]
fn in_a_terminal_the_amender_is_asked_their_name_which_is_on_the_history_and_offered_at_sign_off() {
    let ran = signed();
    let ran = ran
        .pty()
        .height(24)
        .width(60)
        .args(["amend", OLD, "--reason", "The concern date was wrong"])
        .expect("Amending case CASE-2026-104: version 2")
        .line(crate::pty::SITTING, "Dr Wren Okafor")
        // The review, paged on a small screen, says first what is being amended.
        .expect("Review ·")
        .expect("Amending case CASE-2026-104, version 2, superseding")
        .expect("(reason: The concern date was wrong).")
        .expect("Enter more · q stop")
        .send("q")
        .steps(|pty| {
            let pty = pty.expect("What next?").pick_here(0).expect("Your name");
            // The name given for the history is offered: Enter confirms it.
            pty.expect("Dr Wren Okafor")
                .send("\r")
                .line("Your role", "Case manager")
                .expect("Declaration")
                .line("Type your name to sign", "Dr Wren Okafor")
        })
        .expect("Signed and sealed")
        .expect("fairness amend CASE-2026-104-v2.yaml --reason TEXT")
        .run();
    let new = crate::records::read(&ran.read(NEW));
    assert_eq!(new.history[0].by.as_deref(), Some("Dr Wren Okafor"));
    assert_eq!(new.sign_off.unwrap().name, "Dr Wren Okafor");
}

#[cfg(unix)]
#[test]
fn resuming_an_amendment_says_what_it_amends_and_why() {
    let ran = signed()
        .test()
        .file("fix.yaml", fix_draft())
        .args(["amend", OLD, "--reason", "The concern date was wrong"])
        .args(["--answers", "fix.yaml"])
        .stdout_contains(format!("Draft written: {NEW}"))
        .run();
    ran.pty()
        .height(60)
        .args(["run", "--resume", NEW])
        .expect("This draft is an amendment: version 2 of case CASE-2026-104, superseding the record sealed")
        .expect("Reason: The concern date")
        .expect("Amending case CASE-2026-104, version 2, superseding the record sealed")
        .expect("What next?")
        .pick_here(2)
        .expect("Draft saved")
        .run();
}

#[cfg(unix)]
#[test]
fn amending_a_returned_record_shows_the_reviewers_comments_and_the_countersignature_needed() {
    let ran = Test::new()
        .file("r.yaml", crate::records::signed("ni-surgeon-restriction"))
        .file(
            "rev.yaml",
            "format: fairness-review/1\noutcome: returned\nmeaning: independent-reviewer\nname: Dr Ilse Marrow\nrole: Medical Director\ncomment: The review date of the restriction is missing.\n",
        )
        .args(["countersign", "r.yaml", "--answers", "rev.yaml"])
        .stdout_contains("Returned with comments")
        .run();
    ran.pty()
        .height(60)
        .args(["amend", "r.yaml", "--reason", "The review date was missing"])
        .expect("It was returned by Dr Ilse Marrow, Medical Director, at ")
        .expect("The review date of the restriction is missing.")
        .steps(|pty| crate::interactive::sign(pty, "Dr Aoibheann Quillan"))
        .expect("Signed and sealed: r-v2.yaml")
        .expect("It needs a countersignature")
        .expect("fairness countersign r-v2.yaml")
        .run();
}

/// The format-1 fixtures, and their CSV export as the old fairness wrote it.
fn format1(name: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/format1/");
    std::fs::read_to_string(format!("{path}{name}")).unwrap()
}

#[test]
fn csv_gives_each_row_its_version_and_the_seal_it_supersedes_only_when_a_record_is_format_2() {
    let (ran, old) = amended();
    let seal = seal_of(&old);
    let ran = ran
        .test()
        .file("v1.yaml", format1("with_history.yaml"))
        .args(["export", "-f", "csv", "v1.yaml", OLD, NEW])
        .stdout_any()
        .run();
    let rows = crate::fixtures::csv_rows(&ran.stdout);
    assert_eq!(rows[0][18..], ["file", "version", "supersedes"]);
    let of =
        |file: &str| -> Vec<&Vec<String>> { rows[1..].iter().filter(|r| r[18] == file).collect() };
    assert!(!of("v1.yaml").is_empty() && !of(NEW).is_empty());
    assert!(rows[1..].iter().all(|r| r.len() == 21));
    assert!(
        of("v1.yaml")
            .iter()
            .all(|r| r[19] == "1" && r[20].is_empty())
    );
    assert!(of(OLD).iter().all(|r| r[19] == "1" && r[20].is_empty()));
    assert!(of(NEW).iter().all(|r| r[19] == "2" && r[20] == seal));
    // Format-1 records alone: byte for byte as the old fairness wrote them, header too.
    ran.test()
        .file("v1.yaml", format1("with_history.yaml"))
        .file("d1.yaml", format1("draft.yaml"))
        .args(["export", "-f", "csv", "v1.yaml", "d1.yaml"])
        .stdout_with(|csv| {
            assert!(csv.starts_with("\"case_reference\","), "{csv}");
            assert!(csv.lines().next().unwrap().ends_with(",\"file\""), "{csv}");
            assert!(!csv.contains("\"version\""), "{csv}");
        })
        .stderr_any()
        .run();
}
