use crate::harness::old::Test;
use crate::harness::{builtin, edit, repo_file};

#[test]
fn shows_every_principle_and_item_of_the_builtin_framework() {
    let outcome = Test::new()
        .args(["show"])
        .env("COLUMNS", "250")
        .run()
        .code(0)
        .stderr_is_empty();
    let out = &outcome.stdout;
    for (n, title) in [
        "Understanding the issues",
        "Ensuring welfare and support",
        "Ensuring the practitioner is heard",
        "Adherence to process",
        "Equity and proportionality",
    ]
    .iter()
    .enumerate()
    {
        assert!(
            out.contains(&format!("Principle {} of 5 · {title}", n + 1)),
            "{title} missing:\n{out}"
        );
    }
    for heading in [
        "Case details",
        "Decision",
        "Support for the practitioner",
        "Declaration at sign-off",
    ] {
        assert!(out.contains(heading), "{heading} missing");
    }
    // Every item id of the built-in framework is listed.
    let framework = builtin();
    let ids: Vec<&str> = framework
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- id: "))
        .filter(|id| !id.starts_with('{'))
        .collect();
    assert!(ids.len() > 40);
    for id in ids {
        assert!(out.contains(id), "{id} missing from show");
    }
    assert!(out.contains("· only if patient-safety-incident is yes"));
    assert!(out.contains("Yes / No / N/A"));
}

#[test]
fn tables_fit_the_width_given() {
    for width in [60, 80, 132] {
        let outcome = Test::new()
            .args(["show"])
            .env("COLUMNS", &width.to_string())
            .run()
            .code(0);
        for line in outcome.stdout.lines() {
            assert!(
                line.chars().count() <= width,
                "line wider than {width}: {line:?}"
            );
        }
    }
}

#[test]
fn guidance_is_shown_on_request() {
    let guidance = "Workload, staffing levels, equipment";
    Test::new()
        .args(["show"])
        .run()
        .code(0)
        .stdout_lacks(guidance);
    let outcome = Test::new()
        .args(["show", "--guidance"])
        .env("COLUMNS", "200")
        .run()
        .code(0);
    assert!(outcome.stdout.contains(guidance), "{}", outcome.stdout);
}

#[test]
fn shows_an_adapted_framework_with_its_contacts() {
    Test::new()
        .file(
            "adapted.yaml",
            repo_file("examples/adapted/kestrelmoor-framework.yaml"),
        )
        .args(["show", "--framework", "adapted.yaml"])
        .env("COLUMNS", "160")
        .run()
        .code(0)
        .stdout_has("Version KUHB-2026.2 · Kestrelmoor University Health Board")
        .stdout_has("Jurisdiction: Wales (Upholding Professional Standards in Wales)")
        .stdout_has("Contact")
        .stdout_has("wellbeing@kestrelmoor.example.org, 01632 960 377")
        .stdout_has("welsh-language");
}

#[test]
fn refuses_an_invalid_framework_with_the_validate_report() {
    let text = edit(&builtin(), "title: Adherence to process", "title: Process");
    Test::new()
        .file("bad.yaml", text)
        .args(["show", "--framework", "bad.yaml"])
        .run()
        .code(1)
        .stderr_has("error: the framework is not valid, so it cannot be used")
        .stderr_has(
            "error: the title of principle `adherence-to-process` is locked\n  --> bad.yaml:",
        );
}

#[test]
fn control_characters_from_the_file_never_reach_the_terminal() {
    let text = edit(
        &builtin(),
        "    prompt: Which staff group does the practitioner belong to?",
        "    prompt: \"Which staff group?\\e[2J\\e]0;owned\\a\"",
    );
    let text = edit(
        &text,
        "name: Principles and Framework for Fairness and Proportionality",
        "name: \"Evil\\e[31m framework\"",
    );
    let outcome = Test::new()
        .file("f.yaml", text)
        .args(["show", "--framework", "f.yaml"])
        .run()
        .code(0);
    assert!(
        !outcome.stdout.contains('\u{1b}') && !outcome.stdout.contains('\u{7}'),
        "{:?}",
        outcome.stdout
    );
    assert!(!outcome.stderr.contains('\u{1b}'), "{:?}", outcome.stderr);
    assert!(outcome.stdout.contains("Which staff group?\\u{1b}[2J"));
    assert!(
        outcome
            .stderr
            .contains("warning: text contains the control character")
    );
}

#[test]
fn a_missing_framework_file_exits_two() {
    Test::new()
        .args(["show", "--framework", "none.yaml"])
        .run()
        .code(2)
        .stderr_has("error: cannot read `none.yaml`: no such file or folder");
}
