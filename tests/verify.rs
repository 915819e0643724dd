//! `fairness verify`: intact and signed, draft, or altered; exit 1 for any altered or
//! unreadable record.

use crate::harness::old::Test;
use crate::harness::{edit, place};
use crate::records::{EXAMPLES, draft, read, signed};

#[test]
fn signed_examples_are_intact_and_say_who_signed_and_when() {
    let mut test = Test::new();
    for name in EXAMPLES {
        test = test.file(&format!("{name}.yaml"), signed(name));
    }
    let files: Vec<String> = EXAMPLES.iter().map(|n| format!("{n}.yaml")).collect();
    let mut outcome = test
        .args(["verify"])
        .args(files)
        .run()
        .code(0)
        .stderr_is_empty();
    for name in EXAMPLES {
        let record = read(&signed(name));
        let s = record.sign_off.unwrap();
        let time = format!("{} {} UTC", &s.signed[..10], &s.signed[11..16]);
        outcome = outcome
            .stdout_has(&format!(
                "{name}.yaml: intact, signed by {} ({}) at {time}",
                s.name, s.role
            ))
            .stdout_has(&record.seal.unwrap());
    }
    outcome.stdout_has("4 records checked: 4 intact, 0 draft, 0 altered, 0 unreadable");
}

#[test]
fn a_draft_is_reported_as_a_draft_and_passes() {
    Test::new()
        .file("d.yaml", draft())
        .args(["verify", "d.yaml"])
        .run()
        .code(0)
        .stdout_has("d.yaml: draft, not signed yet (case CASE-2026-104,")
        .stdout_has("a draft has no seal");
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
        let outcome = Test::new()
            .file("r.yaml", changed)
            .args(["verify", "r.yaml"])
            .run()
            .code(1);
        assert!(
            outcome.stdout.contains("r.yaml: ALTERED")
                || outcome
                    .stdout
                    .contains("r.yaml: not a readable case record"),
            "{old:?} -> {new:?} at byte {at}:\n{}",
            outcome.stdout
        );
    }
}

#[test]
fn a_changed_answer_is_caught_by_the_seal() {
    let text = signed("locum-prescribing");
    let changed = edit(&text, "answer: \"no\"", "answer: \"yes\"");
    Test::new()
        .file("r.yaml", changed)
        .args(["verify", "r.yaml"])
        .run()
        .code(1)
        .stdout_has("r.yaml: ALTERED: this record has been changed outside fairness")
        .stdout_has("its content is not what was sealed at sign-off");
}

#[test]
fn a_reformatted_line_is_placed_at_its_line_and_column() {
    let text = signed("locum-prescribing");
    let changed = edit(&text, "status: \"signed\"", "status: signed");
    let at = place(&changed, "signed\n");
    Test::new()
        .file("r.yaml", changed)
        .args(["verify", "r.yaml"])
        .run()
        .code(1)
        .stdout_has("error: line 4 is not as fairness writes it")
        .stdout_has(&format!("--> r.yaml:{at}"))
        .stdout_has("4 | status: signed");
}

#[test]
fn a_signed_record_passed_off_as_a_draft_is_caught() {
    let text = signed("pharmacist-informal");
    let changed = edit(&text, "status: \"signed\"", "status: \"draft\"");
    Test::new()
        .file("r.yaml", changed)
        .args(["verify", "r.yaml"])
        .run()
        .code(1)
        .stdout_has("r.yaml: ALTERED: this record has been changed")
        .stdout_has("it says `draft` but has a sign-off or a seal");
}

#[test]
fn a_malformed_record_says_precisely_what_is_wrong() {
    let text = signed("pharmacist-informal");
    let changed = edit(&text, "    kind: \"check\"", "    kinds: \"check\"");
    let at = place(&changed, "kinds");
    Test::new()
        .file("r.yaml", changed)
        .args(["verify", "r.yaml"])
        .run()
        .code(1)
        .stdout_has("r.yaml: not a readable case record")
        .stdout_has("unknown field `kinds`")
        .stdout_has(&format!("--> r.yaml:{at}"));

    // A field fairness checks beyond its type: the case reference becomes a file name.
    let changed = edit(
        &text,
        "reference: \"CASE-2026-104\"",
        "reference: \"../CASE\"",
    );
    Test::new()
        .file("r.yaml", changed)
        .args(["verify", "r.yaml"])
        .run()
        .code(1)
        .stdout_has("`case.reference`: the case reference cannot contain `/`");
}

#[test]
fn a_mix_of_records_is_counted_and_the_worst_sets_the_exit_code() {
    let text = signed("dentist-health");
    Test::new()
        .file("good.yaml", &text)
        .file("draft.yaml", draft())
        .file("bad.yaml", text.replacen("Hester", "Hestor", 1))
        .file("junk.yaml", "just: [text\n")
        .args(["verify", "good.yaml", "draft.yaml", "bad.yaml", "junk.yaml"])
        .run()
        .code(1)
        .stdout_has("good.yaml: intact")
        .stdout_has("draft.yaml: draft")
        .stdout_has("bad.yaml: ALTERED")
        .stdout_has("junk.yaml: not a readable case record")
        .stdout_has("4 records checked: 1 intact, 1 draft, 1 altered, 1 unreadable");
}

#[test]
fn a_missing_file_is_an_io_error() {
    Test::new()
        .args(["verify", "nowhere.yaml"])
        .run()
        .code(2)
        .stdout_has("nowhere.yaml: could not be read")
        .stdout_lacks("cannot read the file")
        .stderr_has("nowhere.yaml")
        .stderr_has("cannot read the file: no such file or folder");
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
        .run()
        .code(0)
        .stdout_has("r.yaml: intact");
    Test::new()
        .file("r.yaml", &forged)
        .args(["verify", "r.yaml"])
        .run()
        .code(0);
    Test::new()
        .file("r.yaml", &forged)
        .args(["verify", "r.yaml", "--seal", &noted])
        .run()
        .code(1)
        .stdout_has("r.yaml: ALTERED")
        .stdout_has(&format!("not the one given with --seal ({noted})"));
    // As noted by hand: without its prefix, in capitals.
    let hex = noted.strip_prefix("sha256:").unwrap().to_uppercase();
    Test::new()
        .file("r.yaml", &text)
        .args(["verify", "r.yaml", "--seal", &hex])
        .run()
        .code(0)
        .stdout_has("r.yaml: intact");
    // A shortened seal is a mistake in the command, not evidence of tampering.
    Test::new()
        .file("r.yaml", &text)
        .args(["verify", "r.yaml", "--seal", &noted[..20]])
        .run()
        .code(2)
        .stderr_has("is not a whole seal");
    Test::new()
        .file("r.yaml", &text)
        .args(["verify", "r.yaml", "r.yaml", "--seal", &noted])
        .run()
        .code(2)
        .stderr_has("give exactly one RECORD with it");
}
