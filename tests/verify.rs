//! `fairness verify`: intact and signed, draft, or altered; exit 1 for any altered or
//! unreadable record.

use crate::harness::{Test, edit, error};
use crate::records::{
    EXAMPLES, altered, altered_line, altered_report, draft, examples, intact, not_as_sealed, read,
    shown_time, signed,
};

#[test]
fn signed_examples_are_intact_and_say_who_signed_and_when() {
    let files: Vec<String> = EXAMPLES.iter().map(|n| format!("{n}.yaml")).collect();
    let mut expected: String = EXAMPLES
        .iter()
        .map(|name| intact(&format!("{name}.yaml"), &signed(name)))
        .collect();
    let n = EXAMPLES.len();
    expected.push_str(&format!(
        "\n{n} records checked: {n} intact, 0 draft, 0 altered, 0 unreadable\n"
    ));
    examples()
        .args(["verify"])
        .args(files)
        .stdout(expected)
        .run();
}

#[test]
fn a_draft_is_reported_as_a_draft_and_passes() {
    let text = draft();
    let updated = shown_time(&read(&text).case.updated);
    Test::new()
        .file("d.yaml", text)
        .args(["verify", "d.yaml"])
        .stdout(format!(
            "d.yaml: draft, not signed yet (case CASE-2026-104, 47 answers, last saved {updated} UTC); a draft has no seal, so only its form can be checked\n"
        ))
        .run();
}

/// Every changed character must be caught: sampled positions across the whole file,
/// and every position of the first, the status and the seal lines. (The unit tests
/// of `record::verify` change every position of a record, in process.)
#[test]
fn one_changed_character_anywhere_in_a_signed_record_is_caught() {
    let text = signed("dentist-health");
    let seal_line = text.rfind("seal:").unwrap();
    let status_line = text.find("status:").unwrap();
    let mut positions: Vec<usize> = (0..text.len()).step_by(97).collect();
    positions.extend(0..20);
    positions.extend(status_line..status_line + 18);
    positions.extend(seal_line..text.len());
    positions.retain(|&p| text.is_char_boundary(p));
    positions.sort();
    positions.dedup();
    for at in positions {
        let old = text[at..].chars().next().unwrap();
        let new = match old {
            'a' => 'b',
            '\n' => ' ',
            _ => 'a',
        };
        let mut changed = text.clone();
        changed.replace_range(at..at + old.len_utf8(), &new.to_string());
        Test::new()
            .file("r.yaml", changed)
            .args(["verify", "r.yaml"])
            // What is wrong depends on where the change is: the verdict is the point.
            .stdout_with(move |out| {
                assert!(
                    out.starts_with(
                        "r.yaml: ALTERED: this record has been changed outside fairness"
                    ) || out.starts_with("r.yaml: not a readable case record\n"),
                    "{old:?} -> {new:?} at byte {at}"
                );
            })
            .status(1)
            .run();
    }
}

#[test]
fn a_changed_answer_is_caught_by_the_seal() {
    let text = signed("locum-prescribing");
    let seal = read(&text).seal.unwrap();
    let changed = edit(&text, "answer: \"no\"", "answer: \"yes\"");
    Test::new()
        .file("r.yaml", &changed)
        .args(["verify", "r.yaml"])
        .stdout(format!(
            "{}{}",
            altered_line("r.yaml"),
            not_as_sealed("r.yaml", &seal, &changed)
        ))
        .status(1)
        .run();
}

#[test]
fn a_reformatted_line_is_placed_at_its_line_and_column() {
    let text = signed("locum-prescribing");
    let changed = edit(&text, "status: \"signed\"", "status: signed");
    let problem = error(
        "line 4 is not as fairness writes it: found \"status: signed\" where fairness writes \"status: \\\"signed\\\"\"",
    )
    .at("r.yaml", &changed, "signed\n")
    .marks(6);
    Test::new()
        .file("r.yaml", &changed)
        .args(["verify", "r.yaml"])
        .stdout(format!("{}{problem}", altered_line("r.yaml")))
        .status(1)
        .run();
}

#[test]
fn a_signed_record_passed_off_as_a_draft_is_caught() {
    let text = signed("pharmacist-informal");
    let changed = edit(&text, "status: \"signed\"", "status: \"draft\"");
    let problem = error(
        "it says `draft` but has a sign-off or a seal: a signed record appears to have been altered",
    )
    .in_file("r.yaml");
    Test::new()
        .file("r.yaml", changed)
        .args(["verify", "r.yaml"])
        .stdout(format!("{}{problem}", altered_line("r.yaml")))
        .status(1)
        .run();
}

#[test]
fn a_malformed_record_says_precisely_what_is_wrong() {
    let text = signed("pharmacist-informal");
    let changed = edit(&text, "    kind: \"check\"", "    kinds: \"check\"");
    let problem = error("unknown field `kinds` in an answer")
        .at("r.yaml", &changed, "kinds")
        .help("did you mean `kind`?");
    Test::new()
        .file("r.yaml", &changed)
        .args(["verify", "r.yaml"])
        .stdout(format!("r.yaml: not a readable case record\n\n{problem}"))
        .status(1)
        .run();

    // A field fairness checks beyond its type: the case reference becomes a file name.
    let seal = read(&text).seal.unwrap();
    let changed = edit(
        &text,
        "reference: \"CASE-2026-104\"",
        "reference: \"../CASE\"",
    );
    let reference = error(
        "`case.reference`: the case reference cannot contain `/`: it becomes the record's file name, so use only letters, digits, `-`, `_` and `.`",
    )
    .in_file("r.yaml");
    Test::new()
        .file("r.yaml", &changed)
        .args(["verify", "r.yaml"])
        .stdout(format!(
            "{}{}{reference}",
            altered_line("r.yaml"),
            not_as_sealed("r.yaml", &seal, &changed)
        ))
        .status(1)
        .run();
}

#[test]
fn a_mix_of_records_is_counted_and_the_worst_sets_the_exit_code() {
    let text = signed("dentist-health");
    let draft = draft();
    let updated = shown_time(&read(&draft).case.updated);
    let junk = "just: [text\n";
    let syntax = error("YAML syntax: unclosed bracket '['").at("junk.yaml", junk, "[");
    Test::new()
        .file("good.yaml", &text)
        .file("draft.yaml", &draft)
        .file("bad.yaml", altered())
        .file("junk.yaml", junk)
        .args(["verify", "good.yaml", "draft.yaml", "bad.yaml", "junk.yaml"])
        .stdout(format!(
            "{}draft.yaml: draft, not signed yet (case CASE-2026-104, 47 answers, last saved {updated} UTC); a draft has no seal, so only its form can be checked\n{}junk.yaml: not a readable case record\n\n{syntax}\n4 records checked: 1 intact, 1 draft, 1 altered, 1 unreadable\n",
            intact("good.yaml", &text),
            altered_report("bad.yaml"),
        ))
        .status(1)
        .run();
}

#[test]
fn a_missing_file_is_an_io_error() {
    Test::new()
        .args(["verify", "records/nowhere.yaml"])
        .stdout("records/nowhere.yaml: could not be read\n")
        .stderr(
            error("cannot read the file: no such file or folder")
                .in_file("records/nowhere.yaml")
                .to_string(),
        )
        .status(2)
        .run();
    // A bare name that is not a file is a case reference, not in the case folder.
    Test::new()
        .args(["verify", "nowhere.yaml"])
        .stdout("nowhere.yaml: no such record\n")
        .stderr("error: no record for `nowhere` in the current folder; `fairness cases` lists the records there\n")
        .status(2)
        .run();
}

/// What `verify --seal GIVEN` prints for a record intact on its own whose seal is
/// `found`.
fn other_seal(file: &str, given: &str, found: &str) -> String {
    format!(
        "{file}: SEAL DIFFERS: its content matches its own seal, but not the seal given with --seal\n\n{}",
        error(format!(
            "the seal given with --seal ({given}) does not match this record's seal ({found})"
        ))
        .in_file(file)
        .help("check that the seal was copied in full from where it was kept; if it was, this file is not the record that was sealed with it, or the review that was sealed with it has been removed")
    )
}

/// A mistyped seal is not an accusation: the record is intact on its own, so `verify`
/// says the seal given does not match, shows both, and says what to check.
#[test]
fn a_mistyped_seal_says_the_seals_differ_not_that_the_record_was_changed() {
    let text = signed("pharmacist-informal");
    let sealed = read(&text).seal.unwrap();
    let mut mistyped = sealed.clone();
    let last = mistyped.pop().unwrap();
    mistyped.push(if last == '0' { '1' } else { '0' });
    Test::new()
        .file("r.yaml", &text)
        .args(["verify", "r.yaml", "--seal", &mistyped])
        .stdout(other_seal("r.yaml", &mistyped, &sealed))
        .status(1)
        .run();
    // Quiet still prints it: it is neither intact nor a draft.
    Test::new()
        .file("r.yaml", &text)
        .args(["verify", "-q", "r.yaml", "--seal", &mistyped])
        .stdout(other_seal("r.yaml", &mistyped, &sealed))
        .status(1)
        .run();
}

/// A record that does not match its own seal is still reported as changed, whatever
/// seal is given; the seal given is the first finding.
#[test]
fn a_changed_record_with_a_seal_given_is_still_reported_as_changed() {
    let text = signed("locum-prescribing");
    let sealed = read(&text).seal.unwrap();
    let changed = edit(&text, "answer: \"no\"", "answer: \"yes\"");
    let given = format!("sha256:{}", "0".repeat(64));
    Test::new()
        .file("r.yaml", &changed)
        .args(["verify", "r.yaml", "--seal", &given])
        .stdout(format!(
            "{}{}{}",
            altered_line("r.yaml"),
            error(format!(
                "its seal is {sealed}, not the one given with --seal ({given})"
            ))
            .in_file("r.yaml"),
            not_as_sealed("r.yaml", &sealed, &changed)
        ))
        .status(1)
        .run();
    // With the seal it was signed with, only the change is reported.
    Test::new()
        .file("r.yaml", &changed)
        .args(["verify", "r.yaml", "--seal", &sealed])
        .stdout(format!(
            "{}{}",
            altered_line("r.yaml"),
            not_as_sealed("r.yaml", &sealed, &changed)
        ))
        .status(1)
        .run();
}

/// A record edited and resealed by hand passes on its own seal; the seal noted at
/// sign-off, kept elsewhere, catches it.
#[test]
fn a_seal_kept_apart_catches_a_record_resealed_by_hand() {
    let text = signed("dentist-health");
    let noted = read(&text).seal.unwrap();
    let mut forged = read(&text);
    forged.sign_off.as_mut().unwrap().name = "Someone Else".into();
    forged.seal = Some(forged.compute_seal());
    let forged = fairness::record::to_yaml(&forged);

    Test::new()
        .file("r.yaml", &text)
        .args(["verify", "r.yaml", "--seal", &noted])
        .stdout(intact("r.yaml", &text))
        .run();
    Test::new()
        .file("r.yaml", &forged)
        .args(["verify", "r.yaml"])
        .stdout(intact("r.yaml", &forged))
        .run();
    let forged_seal = read(&forged).seal.unwrap();
    Test::new()
        .file("r.yaml", &forged)
        .args(["verify", "r.yaml", "--seal", &noted])
        .stdout(other_seal("r.yaml", &noted, &forged_seal))
        .status(1)
        .run();
    // As noted by hand: without its prefix, in capitals.
    let hex = noted.strip_prefix("sha256:").unwrap().to_uppercase();
    Test::new()
        .file("r.yaml", &text)
        .args(["verify", "r.yaml", "--seal", &hex])
        .stdout(intact("r.yaml", &text))
        .run();
    // A shortened seal is a mistake in the command, not evidence of tampering.
    Test::new()
        .file("r.yaml", &text)
        .args(["verify", "r.yaml", "--seal", &noted[..20]])
        .stderr(format!(
            "error: `--seal {}` is not a whole seal: give it as sign-off printed it, `sha256:` and 64 hex digits\n",
            &noted[..20]
        ))
        .status(2)
        .run();
    Test::new()
        .file("r.yaml", &text)
        .args(["verify", "r.yaml", "r.yaml", "--seal", &noted])
        .stderr("error: `--seal` names the seal of one record: give exactly one RECORD with it\n")
        .status(2)
        .run();
}

/// With no record named, every record in the case folder is verified, as `due`,
/// `report` and `cases` read it; files there that are not records are passed over, and
/// a folder with no record says so and passes.
#[test]
fn with_no_record_named_every_record_in_the_case_folder_is_verified() {
    let text = signed("dentist-health");
    // Each named as found in the folder, with the system's separator.
    let path = |name: &str| {
        std::path::Path::new("cases")
            .join(name)
            .display()
            .to_string()
    };
    let ran = Test::new()
        .file("cases/good.yaml", &text)
        .file("cases/bad.yaml", altered())
        .file("cases/notes.txt", "not a record\n")
        .file("empty/.keep", "")
        .args(["verify", "--dir", "cases"])
        .stdout(format!(
            "{}{}\n2 records checked: 1 intact, 0 draft, 1 altered, 0 unreadable\n",
            altered_report(&path("bad.yaml")),
            intact(&path("good.yaml"), &text),
        ))
        .status(1)
        .run();
    ran.test()
        .args(["verify", "--dir", "empty"])
        .stdout("No case records in `empty`: nothing to verify.\n")
        .run();
    // For a program, the same document as for any records: with none in it.
    ran.test()
        .args(["verify", "--dir", "empty", "--format", "json"])
        .stdout_with(|out| {
            let json: serde_json::Value = serde_json::from_str(out).expect(out);
            assert_eq!(json["format"], "fairness-verify/1", "{out}");
            assert_eq!(json["records"], serde_json::json!([]), "{out}");
        })
        .run();
    // The case folder from the environment, as every command takes it.
    ran.test()
        .env("FAIRNESS_CASES", "cases")
        .args(["verify", "--quiet"])
        .stdout(altered_report(&path("bad.yaml")))
        .status(1)
        .run();
}
