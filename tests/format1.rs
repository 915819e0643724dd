//! Records written before format 2 (`fairness-record/1`) still verify, and export
//! exactly as they did: the fixtures were written, and exported, by the fairness that
//! wrote format 1.

use crate::harness::{Folder, repo_file};

const FIXTURES: &str = "tests/fixtures/format1";

pub fn fixture(name: &str) -> String {
    repo_file(&format!("{FIXTURES}/{name}"))
}

/// A folder holding the two format-1 records as their files.
fn folder() -> Folder {
    let folder = Folder::new();
    for name in ["with_history.yaml", "draft.yaml"] {
        folder.write(name, fixture(name));
    }
    folder
}

#[test]
fn format_1_records_still_verify() {
    let folder = folder();
    folder
        .test()
        .args(["verify", "with_history.yaml"])
        .stdout(
            "with_history.yaml: intact, signed by Tobias Wrenfield, Case manager, at 2026-05-07 09:30 UTC\n  \
             case CASE-2026-104, seal sha256:fe22caa5e6b745eae52e79fcdc69d8b45f49d9d21ed166959de3d0b60b41f160\n",
        )
        .run();
    folder
        .test()
        .args(["verify", "draft.yaml"])
        .stdout(
            "draft.yaml: draft, not signed yet (case CASE-2026-104, 47 answers, last saved \
             2026-05-07 09:30 UTC); a draft has no seal, so only its form can be checked\n",
        )
        .run();
}

#[test]
fn format_1_records_export_byte_for_byte_as_they_did() {
    let folder = folder();
    for record in ["with_history", "draft"] {
        for format in ["markdown", "json", "csv", "html"] {
            let out = format!("{record}.{format}");
            folder
                .test()
                .args([
                    "export",
                    &format!("{record}.yaml"),
                    "--format",
                    format,
                    "-o",
                    &out,
                ])
                .stdout_any()
                .stderr_any()
                .run();
            assert_eq!(
                folder.read(&out),
                fixture(&out),
                "{out} is not as format 1 exported it"
            );
        }
    }
}

#[test]
fn a_changed_byte_in_a_format_1_record_is_still_caught() {
    let folder = folder();
    let text = fixture("with_history.yaml").replacen("\"no\"", "\"yes\"", 1);
    folder.write("changed.yaml", text);
    folder
        .test()
        .args(["verify", "changed.yaml"])
        .status(1)
        .stdout_contains("changed.yaml: ALTERED")
        .stdout_any()
        .stderr_any()
        .run();
}

#[cfg(unix)]
#[test]
fn a_format_1_draft_resumed_goes_on_in_format_2_and_keeps_its_history() {
    const NAME: &str = "Tobias Wrenfield";
    let ran = crate::pty::Pty::new()
        .file("draft.yaml", fixture("draft.yaml"))
        .height(60)
        .args(["run", "--resume", "draft.yaml"])
        .expect("What next?")
        .pick_here(0)
        .line("Your name", NAME)
        .line("Your role", "Case manager")
        .line("Type your name to sign", NAME)
        .expect("Signed and sealed")
        .run();
    let text = ran.read("draft.yaml");
    assert!(text.contains("\nformat: \"fairness-record/2\"\n"), "{text}");
    assert!(text.contains("\n  meaning: \"author\"\n"), "{text}");
    // The answers as they were.
    let (before, after) = (fixture("draft.yaml"), text.clone());
    let answers = |t: &str| t[t.find("answers:").unwrap()..t.find("history:").unwrap()].to_owned();
    assert_eq!(answers(&before), answers(&after));
    ran.test()
        .args(["verify", "draft.yaml"])
        .stdout_contains("draft.yaml: intact")
        .run();
}
