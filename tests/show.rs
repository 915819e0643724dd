//! `fairness show`: the framework as tables. What the tables hold, row by row, is
//! pinned by the snapshot tests; these check what any framework's tables must do.

use fairness::framework::principles::LOCKED;

use crate::fixtures::renamed_title;
use crate::harness::{Test, builtin, edit, error, framework_refused, repo_file, warning};
#[cfg(unix)]
use crate::pty::Pty;

#[test]
fn shows_every_principle_and_item_of_the_builtin_framework() {
    Test::new()
        .args(["show"])
        .env("COLUMNS", "250")
        // Hundreds of lines of tables: every part that must be among them.
        .stdout_with(|out| {
            for (n, p) in LOCKED.iter().enumerate() {
                let (id, title) = (p.id, p.title);
                let heading = format!("\nPrinciple {} of 5 · {title} ({id})\n", n + 1);
                assert!(out.contains(&heading), "{title} missing");
            }
            for heading in [
                "Case details",
                "Decision",
                "Support for the practitioner",
                "Declaration at sign-off",
            ] {
                assert!(out.contains(&format!("\n{heading}\n")), "{heading} missing");
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
        })
        .run();
}

#[test]
fn tables_fit_the_width_given() {
    for width in [60, 80, 132] {
        Test::new()
            .args(["show"])
            .env("COLUMNS", &width.to_string())
            .stdout_with(move |out| {
                assert!(out.contains("Principle 5 of 5"), "the tables are missing");
                for line in out.lines() {
                    assert!(
                        line.chars().count() <= width,
                        "line wider than {width}: {line:?}"
                    );
                }
            })
            .run();
    }
}

/// In a terminal, without `COLUMNS`, the tables fit the terminal's own width.
// Unix only: in a pseudo-terminal (tests/pty.rs says why).
#[cfg(unix)]
#[test]
fn tables_fit_the_terminal_they_are_shown_in() {
    for width in [60, 100] {
        Pty::new()
            .args(["show"])
            .width(width)
            .screen_with(move |screen| {
                assert!(
                    screen.contains("Principle 5 of 5"),
                    "the tables are missing"
                );
                for line in screen.split("\r\n") {
                    assert!(
                        line.chars().count() <= usize::from(width),
                        "line wider than {width}: {line:?}"
                    );
                }
            })
            .run();
    }
}

#[test]
fn guidance_is_shown_on_request() {
    let guidance = "Workload, staffing levels, equipment";
    Test::new()
        .args(["show"])
        .stdout_contains("Principle 1 of 5 · Understanding the issues")
        .stdout_lacks(guidance)
        .run();
    Test::new()
        .args(["show", "--guidance"])
        .env("COLUMNS", "200")
        .stdout_contains(guidance)
        .run();
}

#[test]
fn shows_an_adapted_framework_with_its_contacts() {
    let text = repo_file("examples/adapted/kestrelmoor-framework.yaml");
    let digest = fairness::file::digest(text.as_bytes());
    Test::new()
        .file("adapted.yaml", text)
        .args(["show", "--framework", "adapted.yaml"])
        .env("COLUMNS", "160")
        .stdout_with(move |out| {
            let heading = format!(
                "Principles and Framework for Fairness and Proportionality
Version KUHB-2026.3 · Kestrelmoor University Health Board
Jurisdiction: Wales
From: adapted.yaml
Digest: {digest}
"
            );
            assert!(out.starts_with(&heading), "the heading is not\n{heading}");
        })
        .stdout_contains("┆ Contact ")
        .stdout_contains("┆ wellbeing@kestrelmoor.example.org, 01632 960 377 ")
        .stdout_contains("welsh-language")
        .run();
}

#[test]
fn refuses_an_invalid_framework_with_the_validate_report() {
    let text = renamed_title();
    let problem = error("the title of principle `adherence-to-process` is locked")
        .at("bad.yaml", &text, "Process\n")
        .marks(7)
        .help("expected `Adherence to process`; put your own wording in `summary`");
    Test::new()
        .file("bad.yaml", &text)
        .args(["show", "--framework", "bad.yaml"])
        .stderr(framework_refused(&[problem]))
        .status(1)
        .run();
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
    let help = "terminal control characters are shown escaped; remove them";
    let warnings = [
        warning("text contains the control character \\u{1b}")
            .at("f.yaml", &text, "\"Evil\\e[31m framework\"")
            .help(help),
        warning("text contains the control character \\u{1b}")
            .at(
                "f.yaml",
                &text,
                "\"Which staff group?\\e[2J\\e]0;owned\\a\"",
            )
            .help(help),
    ];
    Test::new()
        .file("f.yaml", &text)
        .args(["show", "--framework", "f.yaml"])
        // Wide enough that the escaped prompt is never wrapped, whatever the system.
        .env("COLUMNS", "250")
        .stdout_with(|out| {
            assert!(
                !out.contains('\u{1b}') && !out.contains('\u{7}'),
                "a control character reached the terminal"
            );
            assert!(out.starts_with("Evil\\u{1b}[31m framework\n"));
            assert!(out.contains("Which staff group?\\u{1b}[2J"));
        })
        .stderr(format!("{}\n{}\n", warnings[0], warnings[1]))
        .run();
}

#[test]
fn a_missing_framework_file_exits_two() {
    Test::new()
        .args(["show", "--framework", "none.yaml"])
        .stderr("error: cannot read `none.yaml`: no such file or folder; check the name and the folder it is in\n")
        .status(2)
        .run();
}
