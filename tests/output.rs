//! What every command shares: colour (`--color`, NO_COLOR), `--quiet`, and results on
//! standard output with problems on standard error.

use crate::fixtures::renamed_title;
use crate::harness::{Test, builtin, error, repo_file};
#[cfg(unix)]
use crate::pty::Pty;
use crate::records::{altered, altered_report, answers, draft, intact, signed};

const ESC: &str = "\u{1b}[";

/// `text` as a terminal shows it: every line ended by `\r\n`.
#[cfg(unix)]
fn on_a_terminal(text: &str) -> String {
    text.replace('\n', "\r\n")
}

/// What `verify` prints for the dentist's record as `r.yaml`, coloured or not.
fn verified(coloured: bool) -> String {
    let plain = intact("r.yaml", &signed("dentist-health"));
    if coloured {
        plain.replacen("intact", "\u{1b}[32m\u{1b}[1mintact\u{1b}[0m", 1)
    } else {
        plain
    }
}

// Unix only: in a pseudo-terminal (tests/pty.rs says why).
#[cfg(unix)]
#[test]
fn colour_follows_the_terminal_and_no_color() {
    for (env, options, coloured) in [
        (&[("CLICOLOR", "1")][..], &[][..], true),
        (&[("NO_COLOR", "1"), ("CLICOLOR", "1")], &[], false),
        (&[("CLICOLOR", "1")], &["--color", "never"], false),
        (&[("NO_COLOR", "1")], &["--color", "always"], true),
    ] {
        let mut pty = Pty::new().file("r.yaml", signed("dentist-health"));
        for (key, value) in env {
            pty = pty.env(key, value);
        }
        pty.args(options.iter().copied())
            .args(["verify", "r.yaml"])
            .screen(on_a_terminal(&verified(coloured)))
            .run();
    }
}

// Unix only: in a pseudo-terminal (tests/pty.rs says why).
#[cfg(unix)]
#[test]
fn no_color_outranks_clicolor_force() {
    for (script, coloured) in [
        ("CLICOLOR_FORCE=1 $FAIRNESS verify r.yaml | cat", true),
        (
            "NO_COLOR=1 CLICOLOR_FORCE=1 $FAIRNESS verify r.yaml | cat",
            false,
        ),
    ] {
        Pty::new()
            .file("r.yaml", signed("dentist-health"))
            .shell(script)
            .screen(on_a_terminal(&verified(coloured)))
            .run();
    }
}

/// Help and usage errors are clap's, styled by clap: whether they are coloured is the
/// point here, not their words.
// Unix only: in a pseudo-terminal (tests/pty.rs says why).
#[cfg(unix)]
#[test]
fn help_and_usage_errors_follow_the_colour_choice() {
    for (script, coloured, status) in [
        ("CLICOLOR=1 $FAIRNESS export r.yaml", true, 2),
        ("CLICOLOR=1 $FAIRNESS --color never export r.yaml", false, 2),
        ("CLICOLOR=1 $FAIRNESS export r.yaml --color=never", false, 2),
        ("CLICOLOR=1 $FAIRNESS --color never exprot", false, 2),
        ("NO_COLOR=1 CLICOLOR=1 $FAIRNESS exprot", false, 2),
        ("NO_COLOR=1 $FAIRNESS --color always exprot", true, 2),
        ("CLICOLOR=1 $FAIRNESS verify --help", true, 0),
        ("CLICOLOR=1 $FAIRNESS --color never verify --help", false, 0),
        (
            "CLICOLOR=1 $FAIRNESS --color never completions tcsh",
            false,
            2,
        ),
    ] {
        Pty::new()
            .shell(script)
            .screen_with(move |screen| {
                assert!(
                    screen.contains("error:") || screen.contains("Usage:"),
                    "{script}: neither an error nor a usage"
                );
                assert_eq!(screen.contains(ESC), coloured, "{script}: {screen:?}");
            })
            .status(status)
            .run();
    }
}

// Unix only: in a pseudo-terminal (tests/pty.rs says why).
#[cfg(unix)]
#[test]
fn a_mistaken_argument_is_quoted_with_its_escapes_shown() {
    for script in [
        r"$FAIRNESS $(printf 'X\033[41m\033]8;;http:x\007L')",
        r"$FAIRNESS export r.yaml --format $(printf 'X\033[41m')",
        r"$FAIRNESS --color never export r.yaml --format $(printf 'X\302\233')",
    ] {
        Pty::new()
            .shell(&format!("CLICOLOR=1 {script}"))
            .screen_with(move |screen| {
                assert!(
                    screen.contains(r"X\u{1b}[41m") || screen.contains(r"X\u{9b}"),
                    "{script}: the argument is not shown escaped"
                );
                for raw in ["X\u{1b}[41m", "\u{1b}]8", "\u{7}", "\u{9b}"] {
                    assert!(
                        !screen.contains(raw),
                        "{script}: {raw:?} reached the terminal"
                    );
                }
            })
            .status(2)
            .run();
    }
}

#[test]
fn a_pipe_gets_no_colour_unless_asked() {
    let test = || Test::new().file("r.yaml", signed("dentist-health"));
    test()
        .args(["verify", "r.yaml"])
        .stdout(verified(false))
        .run();
    test()
        .args(["--color", "always", "verify", "r.yaml"])
        .stdout(verified(true))
        .run();
    Test::new()
        .args([
            "--color",
            "always",
            "export",
            "gone.yaml",
            "--format",
            "csv",
        ])
        .stderr(
            "\u{1b}[31m\u{1b}[1merror:\u{1b}[0m no record for `gone` in the current folder; `fairness cases` lists the records there\n",
        )
        .status(2)
        .run();
}

#[test]
fn quiet_leaves_only_results_and_problems() {
    let text = signed("dentist-health");
    Test::new()
        .file("good.yaml", &text)
        .file("bad.yaml", altered())
        .args(["verify", "--quiet", "good.yaml", "bad.yaml"])
        .stdout(altered_report("bad.yaml"))
        .status(1)
        .run();
    Test::new()
        .file("good.yaml", &text)
        .args(["-q", "verify", "good.yaml"])
        .run();

    let ran = Test::new()
        .file("good.yaml", &text)
        .args([
            "export",
            "good.yaml",
            "--format",
            "csv",
            "-o",
            "x.csv",
            "--quiet",
        ])
        .run();
    assert!(ran.exists("x.csv"), "the export is written");

    Test::new().args(["init", "-o", "ours.yaml", "-q"]).run();

    Test::new()
        .args(["validate", "--quiet", "ours.yaml"])
        .stderr(format!(
            "{}\n",
            error("cannot read the file: no such file or folder").in_file("ours.yaml")
        ))
        .status(2)
        .run();
    Test::new()
        .file("ours.yaml", builtin())
        .args(["validate", "--quiet", "ours.yaml"])
        .run();
}

#[test]
fn results_go_to_stdout_and_problems_to_stderr() {
    Test::new()
        .file("bad.yaml", altered())
        .args(["export", "bad.yaml", "--format", "json"])
        .stdout_with(|out| {
            let json: serde_json::Value =
                serde_json::from_str(out).expect("stdout is the JSON alone");
            assert_eq!(json["records"][0]["integrity"], "altered");
        })
        .stderr("warning: `bad.yaml` has been ALTERED since fairness wrote it; it was exported with a warning in the output. Run `fairness verify` on it for the details.\n")
        .status(1)
        .run();
}

/// A folder holding the signed record `r.yaml` and the built-in framework as a file,
/// for commands that read one or the other.
fn with_a_record(record: &str) -> Test<'static> {
    Test::new().file("r.yaml", record).file(
        "framework/fairness-and-proportionality.yaml",
        fairness::framework::BUILTIN_TEXT,
    )
}

#[test]
fn every_command_keeps_results_and_problems_apart() {
    let record = signed("dentist-health");
    // Results: on standard output, with nothing on standard error.
    for args in [
        &["validate", "framework/fairness-and-proportionality.yaml"][..],
        &["show"],
        &["init", "-o", "-"],
        &["verify", "r.yaml"],
        &["export", "r.yaml", "--format", "csv"],
        &["completions", "bash"],
        &["man"],
        &["schema"],
    ] {
        with_a_record(&record)
            .args(args.iter().copied())
            // Each result is checked whole by its own tests.
            .stdout_with(move |out| assert!(!out.is_empty(), "{args:?} printed no result"))
            .run();
    }
    // Problems with the command: on standard error, with no result on standard
    // output beyond the one line per file that `validate` and `verify` give.
    for (args, stdout) in [
        (
            &["validate", "gone.yaml"][..],
            "gone.yaml: could not be read\n",
        ),
        (&["verify", "gone.yaml"], "gone.yaml: no such record\n"),
        (&["show", "--framework", "gone.yaml"], ""),
        (&["export", "gone.yaml", "--format", "html"], ""),
        (&["run", "--answers", "gone.yaml"], ""),
        (
            &["run", "--answers", "a.yaml", "--framework", "gone.yaml"],
            "",
        ),
        (&["init", "-o", "r.yaml"], ""),
        (&["completions", "tcsh"], ""),
        (&["exprot"], ""),
    ] {
        Test::new()
            .file("r.yaml", &record)
            .file("a.yaml", answers("dentist-health"))
            .args(args.iter().copied())
            .stdout(stdout)
            // Each message is stated whole by the tests of its command.
            .stderr_matches("^error: ")
            .status(2)
            .run();
    }
}

#[test]
fn report_labels_are_coloured_when_colour_is_asked_for() {
    let broken = repo_file("examples/broken/bad-choice.yaml");
    for (args, label) in [
        (&["--color", "always", "validate", "f.yaml"][..], "31m"),
        (&["--color", "always", "verify", "r.yaml"], "31m"),
    ] {
        Test::new()
            .file("f.yaml", &broken)
            .file("r.yaml", altered())
            .args(args.iter().copied())
            .stdout_contains(format!("{ESC}{label}{ESC}1merror:{ESC}0m"))
            .status(1)
            .run();
        Test::new()
            .file("f.yaml", &broken)
            .file("r.yaml", altered())
            .args(args[2..].iter().copied())
            .stdout_lacks(ESC)
            .stdout_contains("\nerror: ")
            .status(1)
            .run();
    }
}

// Standard output into a pipe whose reader has gone, as `| head -c0` leaves it (or
// `| head` once it has its lines): every run below states its exit code and its
// standard error whole, and they are those of the same run with a reader.

#[test]
fn an_altered_record_fails_verify_even_when_nobody_reads_the_verdict() {
    Test::new()
        .file("bad.yaml", altered())
        .args(["verify", "bad.yaml"])
        .stdout_closed()
        .status(1)
        .run();
    // Every record is still checked, and what goes to standard error still said.
    Test::new()
        .file("bad.yaml", altered())
        .args(["verify", "bad.yaml", "gone/nowhere.yaml"])
        .stdout_closed()
        .stderr(
            error("cannot read the file: no such file or folder")
                .in_file("gone/nowhere.yaml")
                .to_string(),
        )
        .status(2)
        .run();
}

#[test]
fn intact_records_into_a_closed_pipe_pass() {
    Test::new()
        .file("good.yaml", signed("dentist-health"))
        .file("draft.yaml", draft())
        .args(["verify", "good.yaml", "draft.yaml"])
        .stdout_closed()
        .run();
}

#[test]
fn an_altered_record_exported_into_a_closed_pipe_warns_and_fails() {
    for format in ["markdown", "html", "json", "csv"] {
        Test::new()
            .file("bad.yaml", altered())
            .file("draft.yaml", draft())
            .args(["export", "bad.yaml", "draft.yaml", "--format", format])
            .stdout_closed()
            .stderr(concat!(
                "note: 1 of the records is a draft, not signed off; the export says so\n",
                "warning: `bad.yaml` has been ALTERED since fairness wrote it; it was exported with a warning in the output. Run `fairness verify` on it for the details.\n",
            ))
            .status(1)
            .run();
    }
}

#[test]
fn a_broken_framework_fails_validate_even_when_nobody_reads_the_report() {
    for format in ["text", "json"] {
        Test::new()
            .file("broken.yaml", renamed_title())
            .args(["validate", "--format", format, "broken.yaml"])
            .stdout_closed()
            .status(1)
            .run();
    }
    Test::new()
        .file("broken.yaml", renamed_title())
        .args(["validate", "broken.yaml", "gone.yaml"])
        .stdout_closed()
        .stderr(format!(
            "{}\n",
            error("cannot read the file: no such file or folder").in_file("gone.yaml")
        ))
        .status(2)
        .run();
}

/// Where the output is the whole result and all is well, a reader that stops early
/// (`fairness show | head`) took what it wanted: exit 0, and nothing said about it.
#[test]
fn every_command_that_succeeds_into_a_closed_pipe_exits_zero_quietly() {
    let record = signed("dentist-health");
    for args in [
        &["validate", "framework/fairness-and-proportionality.yaml"][..],
        &["show"],
        &["show", "--guidance"],
        &["init", "-o", "-"],
        &["verify", "r.yaml"],
        &["export", "r.yaml", "--format", "html"],
        &["export", "r.yaml", "--format", "csv", "-o", "r.csv"],
        &["completions", "bash"],
        &["man"],
        &["man", "verify"],
        &["schema"],
        &["--help"],
        &["verify", "--help"],
        &["--version"],
    ] {
        with_a_record(&record)
            .args(args.iter().copied())
            .stdout_closed()
            .run();
    }
    // The record is written whether or not anyone reads the summary.
    let ran = Test::new()
        .file("a.yaml", answers("dentist-health"))
        .args(["run", "--answers", "a.yaml", "-o", "new.yaml"])
        .stdout_closed()
        .run();
    ran.test()
        .args(["verify", "new.yaml"])
        .stdout(intact("new.yaml", &ran.read("new.yaml")))
        .run();
}
