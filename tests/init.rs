use crate::harness::{Test, builtin, edit, mkdir};

/// What `init` writes above the framework.
const HEADER: &str = "\
# An adapted copy of the Principles and Framework for Fairness and Proportionality,
# written by `fairness init` from the framework built into fairness.
#
# You may change:
#   - name, version (your own label for each revision), organisation, jurisdiction
#     (set to one nation, it answers the item with `role: nation`, never asked then);
#   - the declaration the signer confirms, and the support signposting (add your
#     local contacts);
#   - the items under each Principle (reword, add, remove; keep at least one), each
#     Principle's summary, and the case_details and decision items;
#   - the practitioner_view: what the practitioner's view of a record says.
# Keep each `role` (route, nation, concern-raised, ...) on the item that does that
# job, whatever you call it: reports across cases, and the practitioner's view, find
# those items by their role.
# You must not change:
#   - the five Principles: each appears exactly once, with its id and title as here
#     (their order is yours to choose);
#   - the `format` line.
#
# Check every change with:  fairness validate THIS-FILE
# Every field is described in framework/README.md in the fairness repository.

";

/// The file `init` writes for `organisation` (quoted as YAML), or for none.
fn initialised(organisation: Option<&str>) -> String {
    let framework = builtin();
    let body = &framework[framework.find("format:").unwrap()..];
    match organisation {
        Some(quoted) => format!(
            "{HEADER}{}",
            edit(
                body,
                "organisation: null",
                &format!("organisation: {quoted}")
            )
        ),
        None => format!("{HEADER}{body}"),
    }
}

#[test]
fn writes_a_valid_framework_that_records_the_organisation() {
    let ran = Test::new()
        .args([
            "init",
            "-o",
            "ours.yaml",
            "--organisation",
            "Fernhollow Community Health Trust",
        ])
        .stdout(
            "Wrote `ours.yaml`: the built-in framework, ready to adapt.
Edit it, then check it with `fairness validate ours.yaml`.
",
        )
        .run();
    let text = ran.read("ours.yaml");
    // Everything after the header is the built-in framework, with the organisation.
    assert_eq!(
        text,
        initialised(Some("\"Fernhollow Community Health Trust\""))
    );
    ran.test()
        .args(["validate", "ours.yaml"])
        .stdout("ours.yaml: valid (5 principles, 70 items)\n")
        .run();
    let digest = fairness::file::digest(text.as_bytes());
    ran.test()
        .args(["show", "--framework", "ours.yaml"])
        // The heading; the tables are pinned by the snapshots.
        .stdout_with(move |out| {
            let heading = format!(
                "Principles and Framework for Fairness and Proportionality
Version 2.1 · Fernhollow Community Health Trust
Jurisdiction: any nation: the case details say which policy applies
From: ours.yaml
Digest: {digest}
"
            );
            assert!(out.starts_with(&heading), "the heading is not\n{heading}");
        })
        .run();
}

#[test]
fn writes_to_the_default_name_and_never_overwrites() {
    let refused = Test::new()
        .file("fairness-framework.yaml", "precious: true\n")
        .args(["init"])
        .stderr(
            "error: `fairness-framework.yaml` already exists, and fairness never overwrites a file; choose another name with `-o`\n",
        )
        .status(2)
        .run();
    assert_eq!(refused.read("fairness-framework.yaml"), "precious: true\n");

    let ran = Test::new()
        .args(["init"])
        .stdout(
            "Wrote `fairness-framework.yaml`: the built-in framework, ready to adapt.
Edit it, then check it with `fairness validate fairness-framework.yaml`.
",
        )
        .run();
    assert_eq!(ran.read("fairness-framework.yaml"), initialised(None));
    // Nothing else is left behind.
    assert_eq!(ran.folder.list(""), ["fairness-framework.yaml"]);
}

#[test]
fn writes_to_standard_output_with_a_dash() {
    let expected = initialised(Some("\"A \\\"quoted\\\": name\""));
    let ran = Test::new()
        .args(["init", "-o", "-", "--organisation", "A \"quoted\": name"])
        .stdout(&expected)
        .run();
    ran.test()
        .file("f.yaml", &ran.stdout)
        .args(["validate", "f.yaml"])
        .stdout("f.yaml: valid (5 principles, 70 items)\n")
        .run();
}

#[test]
fn refuses_an_organisation_name_with_control_characters() {
    Test::new()
        .args(["init", "-o", "x.yaml", "--organisation", "Trust\u{1b}[2J"])
        .stderr(
            "error: the organisation name must be plain text, not empty and without control characters\n",
        )
        .status(2)
        .absent("x.yaml")
        .run();
}

#[test]
fn reports_a_folder_that_does_not_exist() {
    Test::new()
        .args(["init", "-o", "no/such/folder/f.yaml"])
        .stderr(format!(
            "error: cannot write `no/such/folder/f.yaml`: the folder `no/such/folder` does not exist; \
             create it first (`{}`), or choose another place\n",
            mkdir("no/such/folder")
        ))
        .status(2)
        .run();
}
