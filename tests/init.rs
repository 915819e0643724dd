use crate::harness::builtin;
use crate::harness::old::Test;

#[test]
fn writes_a_valid_framework_that_records_the_organisation() {
    let outcome = Test::new()
        .args([
            "init",
            "-o",
            "ours.yaml",
            "--organisation",
            "Fernhollow Community Health Trust",
        ])
        .run()
        .code(0)
        .stderr_has("Wrote `ours.yaml`")
        .stderr_has("fairness validate ours.yaml");
    let text = std::fs::read_to_string(outcome.path("ours.yaml")).unwrap();
    assert!(text.starts_with("# An adapted copy of the Principles and Framework"));
    assert!(text.contains("# You must not change:"));
    assert!(text.contains("organisation: \"Fernhollow Community Health Trust\"\n"));
    // Everything after the header is the built-in framework.
    let body = &builtin()[builtin().find("format:").unwrap()..];
    assert_eq!(
        text[text.find("format:").unwrap()..].replace(
            "organisation: \"Fernhollow Community Health Trust\"",
            "organisation: null"
        ),
        body
    );
    Test::new()
        .file("ours.yaml", &text)
        .args(["validate", "ours.yaml"])
        .run()
        .code(0)
        .stdout_has("ours.yaml: valid (5 principles, 41 items)");
    Test::new()
        .file("ours.yaml", &text)
        .args(["show", "--framework", "ours.yaml"])
        .run()
        .code(0)
        .stdout_has("Version 1.0 · Fernhollow Community Health Trust");
}

#[test]
fn writes_to_the_default_name_and_never_overwrites() {
    let test = Test::new().file("fairness-framework.yaml", "precious: true\n");
    let refused = test
        .args(["init"])
        .run()
        .code(2)
        .stderr_has("`fairness-framework.yaml` already exists");
    let kept = std::fs::read_to_string(refused.path("fairness-framework.yaml")).unwrap();
    assert_eq!(kept, "precious: true\n");

    let outcome = Test::new().args(["init"]).run().code(0);
    let text = std::fs::read_to_string(outcome.path("fairness-framework.yaml")).unwrap();
    assert!(text.contains("organisation: null"));
    // Nothing else is left behind.
    let entries: Vec<_> = std::fs::read_dir(outcome.path(".")).unwrap().collect();
    assert_eq!(entries.len(), 1);
}

#[test]
fn writes_to_standard_output_with_a_dash() {
    let outcome = Test::new()
        .args(["init", "-o", "-", "--organisation", "A \"quoted\": name"])
        .run()
        .code(0)
        .stderr_is_empty();
    assert!(
        outcome
            .stdout
            .contains("organisation: \"A \\\"quoted\\\": name\"\n"),
        "{}",
        outcome.stdout
    );
    Test::new()
        .file("f.yaml", &outcome.stdout)
        .args(["validate", "f.yaml"])
        .run()
        .code(0);
}

#[test]
fn refuses_an_organisation_name_with_control_characters() {
    Test::new()
        .args(["init", "-o", "x.yaml", "--organisation", "Trust\u{1b}[2J"])
        .run()
        .code(2)
        .stderr_has("the organisation name must be plain text");
}

#[test]
fn reports_a_folder_that_does_not_exist() {
    Test::new()
        .args(["init", "-o", "no/such/folder/f.yaml"])
        .run()
        .code(2)
        .stderr_has("error: cannot write `no/such/folder/f.yaml`");
}
