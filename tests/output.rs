//! What every command shares: colour (`--color`, NO_COLOR), `--quiet`, and results on
//! standard output with problems on standard error.

use crate::harness::old::Test;
use crate::pty::old::Pty;
use crate::records::signed;

const ESC: &str = "\u{1b}[";

#[test]
fn colour_follows_the_terminal_and_no_color() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.yaml"), signed("dentist-health")).unwrap();
    for (script, coloured) in [
        ("CLICOLOR=1 $FAIRNESS verify r.yaml", true),
        ("NO_COLOR=1 CLICOLOR=1 $FAIRNESS verify r.yaml", false),
        ("CLICOLOR=1 $FAIRNESS --color never verify r.yaml", false),
        ("NO_COLOR=1 $FAIRNESS verify r.yaml --color always", true),
    ] {
        let (code, screen) = Pty::shell(dir.path(), script).finish();
        assert_eq!(code, 0, "{script}: {screen}");
        assert!(screen.contains("intact"), "{script}: {screen}");
        assert_eq!(screen.contains(ESC), coloured, "{script}: {screen:?}");
    }
}

#[test]
fn no_color_outranks_clicolor_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.yaml"), signed("dentist-health")).unwrap();
    for (script, coloured) in [
        ("CLICOLOR_FORCE=1 $FAIRNESS verify r.yaml | cat", true),
        (
            "NO_COLOR=1 CLICOLOR_FORCE=1 $FAIRNESS verify r.yaml | cat",
            false,
        ),
    ] {
        let (code, screen) = Pty::shell(dir.path(), script).finish();
        assert_eq!(code, 0, "{script}: {screen}");
        assert_eq!(screen.contains(ESC), coloured, "{script}: {screen:?}");
    }
}

#[test]
fn help_and_usage_errors_follow_the_colour_choice() {
    let dir = tempfile::tempdir().unwrap();
    for (script, coloured) in [
        ("CLICOLOR=1 $FAIRNESS export r.yaml", true),
        ("CLICOLOR=1 $FAIRNESS --color never export r.yaml", false),
        ("CLICOLOR=1 $FAIRNESS export r.yaml --color=never", false),
        ("CLICOLOR=1 $FAIRNESS --color never exprot", false),
        ("NO_COLOR=1 CLICOLOR=1 $FAIRNESS exprot", false),
        ("NO_COLOR=1 $FAIRNESS --color always exprot", true),
        ("CLICOLOR=1 $FAIRNESS verify --help", true),
        ("CLICOLOR=1 $FAIRNESS --color never verify --help", false),
        ("CLICOLOR=1 $FAIRNESS --color never completions tcsh", false),
    ] {
        let (_, screen) = Pty::shell(dir.path(), script).finish();
        assert!(
            screen.contains("error:") || screen.contains("Usage:"),
            "{script}: {screen}"
        );
        assert_eq!(screen.contains(ESC), coloured, "{script}: {screen:?}");
    }
}

#[test]
fn a_mistaken_argument_is_quoted_with_its_escapes_shown() {
    let dir = tempfile::tempdir().unwrap();
    for script in [
        r"$FAIRNESS $(printf 'X\033[41m\033]8;;http:x\007L')",
        r"$FAIRNESS export r.yaml --format $(printf 'X\033[41m')",
        r"$FAIRNESS --color never export r.yaml --format $(printf 'X\302\233')",
    ] {
        let (code, screen) = Pty::shell(dir.path(), &format!("CLICOLOR=1 {script}")).finish();
        assert_eq!(code, 2, "{script}: {screen}");
        assert!(
            screen.contains(r"X\u{1b}[41m") || screen.contains(r"X\u{9b}"),
            "{script}: {screen}"
        );
        for raw in ["X\u{1b}[41m", "\u{1b}]8", "\u{7}", "\u{9b}"] {
            assert!(
                !screen.contains(raw),
                "{script}: {raw:?} reached the terminal: {screen:?}"
            );
        }
    }
}

#[test]
fn a_pipe_gets_no_colour_unless_asked() {
    let test = || Test::new().file("r.yaml", signed("dentist-health"));
    let plain = test().args(["verify", "r.yaml"]).run().code(0);
    assert!(!plain.stdout.contains(ESC));
    let forced = test()
        .args(["--color", "always", "verify", "r.yaml"])
        .run()
        .code(0);
    assert!(
        forced.stdout.contains(&format!("{ESC}32m")),
        "{:?}",
        forced.stdout
    );
    let error = Test::new()
        .args([
            "--color",
            "always",
            "export",
            "gone.yaml",
            "--format",
            "csv",
        ])
        .run()
        .code(2);
    assert!(
        error.stderr.contains(&format!("{ESC}31m")),
        "{:?}",
        error.stderr
    );
}

#[test]
fn quiet_leaves_only_results_and_problems() {
    let text = signed("dentist-health");
    let altered = text.replacen("Hester Quaile", "Hester Quayle", 1);
    Test::new()
        .file("good.yaml", &text)
        .file("bad.yaml", &altered)
        .args(["verify", "--quiet", "good.yaml", "bad.yaml"])
        .run()
        .code(1)
        .stdout_lacks("good.yaml")
        .stdout_lacks("records checked")
        .stdout_has("bad.yaml: ALTERED");
    Test::new()
        .file("good.yaml", &text)
        .args(["-q", "verify", "good.yaml"])
        .run()
        .code(0)
        .stdout_lacks("intact");

    let out = Test::new()
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
        .run()
        .code(0);
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    assert!(out.path("x.csv").exists());

    let out = Test::new()
        .args(["init", "-o", "ours.yaml", "-q"])
        .run()
        .code(0);
    assert!(
        out.stdout.is_empty() && out.stderr.is_empty(),
        "{}",
        out.stderr
    );

    Test::new()
        .args(["validate", "--quiet", "ours.yaml"])
        .run()
        .code(2)
        .stderr_has("cannot read the file");
    let out = Test::new()
        .file("ours.yaml", crate::harness::builtin())
        .args(["validate", "--quiet", "ours.yaml"])
        .run()
        .code(0);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

#[test]
fn results_go_to_stdout_and_problems_to_stderr() {
    let text = signed("dentist-health");
    let altered = text.replacen("Hester Quaile", "Hester Quayle", 1);
    let out = Test::new()
        .file("bad.yaml", &altered)
        .args(["export", "bad.yaml", "--format", "json"])
        .run()
        .code(1);
    let json: serde_json::Value =
        serde_json::from_str(&out.stdout).expect("stdout is the JSON alone");
    assert_eq!(json["records"][0]["integrity"], "altered");
    assert!(out.stderr.contains("has been ALTERED"));
}

#[test]
fn every_command_keeps_results_and_problems_apart() {
    let record = signed("dentist-health");
    let answers = crate::harness::repo_file("examples/answers/dentist-health.yaml");
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
        let out = Test::new()
            .file("r.yaml", &record)
            .file(
                "framework/fairness-and-proportionality.yaml",
                fairness::framework::BUILTIN_TEXT,
            )
            .args(args.iter().copied())
            .run()
            .code(0);
        assert!(!out.stdout.is_empty(), "{args:?} printed no result");
        assert!(out.stderr.is_empty(), "{args:?}: {}", out.stderr);
    }
    // Problems with the command: on standard error, with no result on standard
    // output beyond the one line per file that `validate` and `verify` give.
    for (args, stdout) in [
        (
            &["validate", "gone.yaml"][..],
            "gone.yaml: could not be read\n",
        ),
        (&["verify", "gone.yaml"], "gone.yaml: could not be read\n"),
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
        let out = Test::new()
            .file("r.yaml", &record)
            .file("a.yaml", &answers)
            .args(args.iter().copied())
            .run()
            .code(2);
        assert_eq!(out.stdout, stdout, "{args:?}");
        assert!(
            out.stderr.contains("error"),
            "{args:?}: nothing on standard error"
        );
    }
}

#[test]
fn report_labels_are_coloured_when_colour_is_asked_for() {
    let broken = crate::harness::repo_file("examples/broken/bad-choice.yaml");
    let altered = signed("dentist-health").replacen("Hester Quaile", "Hester Quayle", 1);
    for (args, label) in [
        (&["--color", "always", "validate", "f.yaml"][..], "31m"),
        (&["--color", "always", "verify", "r.yaml"], "31m"),
    ] {
        let out = Test::new()
            .file("f.yaml", &broken)
            .file("r.yaml", &altered)
            .args(args.iter().copied())
            .run()
            .code(1);
        assert!(
            out.stdout
                .contains(&format!("{ESC}{label}{ESC}1merror:{ESC}0m")),
            "{args:?}: {:?}",
            out.stdout
        );
        let plain = Test::new()
            .file("f.yaml", &broken)
            .file("r.yaml", &altered)
            .args(args[2..].iter().copied())
            .run()
            .code(1);
        assert!(!plain.stdout.contains(ESC) && plain.stdout.contains("\nerror: "));
    }
}
