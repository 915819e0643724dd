//! What the shells get: bash completes file names where a command takes files, the
//! manual pages have EXAMPLES, ENVIRONMENT and FILES, and times people read are in
//! their own zone (the record keeps UTC).

use crate::harness::Test;
use crate::records::{built, text};

/// What bash offers for `words` (the last being the word completed), run in `dir`.
#[cfg(unix)]
fn bash_offers(dir: &std::path::Path, script: &str, words: &[&str]) -> Vec<String> {
    std::fs::write(dir.join("fairness.bash"), script).unwrap();
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source ./fairness.bash\nCOMP_WORDS=({})\nCOMP_CWORD={}\n\
         _fairness fairness '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        quoted.join(" "),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let output = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .current_dir(dir)
        .output()
        .expect("bash runs");
    assert!(output.status.success(), "{output:?}");
    let mut offered: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    offered.sort();
    offered
}

#[cfg(unix)]
#[test]
fn bash_completes_file_names_for_file_arguments_with_nothing_typed() {
    let ran = Test::new()
        .file("CASE-2026-201.yaml", "a record\n")
        .file("with space.yaml", "another\n")
        .args(["completions", "bash"])
        .stdout_any()
        .run();
    let dir = ran.path("");
    let offer = |words: &[&str]| bash_offers(&dir, &ran.stdout, words);
    let files = ["CASE-2026-201.yaml", "fairness.bash", "with space.yaml"];
    for command in ["verify", "export", "validate"] {
        assert_eq!(offer(&["fairness", command, ""]), files, "{command}");
        // After another file too.
        assert_eq!(
            offer(&["fairness", command, "CASE-2026-201.yaml", "w"]),
            ["with space.yaml"],
            "{command}"
        );
    }
    // An option is still offered once `-` is typed, and an option's file as before.
    assert!(offer(&["fairness", "verify", "--"]).contains(&"--seal".to_owned()));
    assert_eq!(
        offer(&["fairness", "run", "--resume", "C"]),
        ["CASE-2026-201.yaml"]
    );
    // Where the argument is not a file, no file is offered.
    assert_eq!(offer(&["fairness", "man", "ru"]), Vec::<String>::new());
}

#[test]
fn man_pages_have_examples_environment_and_files() {
    let page = |args: &[&str]| {
        Test::new()
            .args(args.iter().copied())
            .stdout_any()
            .run()
            .stdout
    };
    let fairness = page(&["man"]);
    for section in [".SH EXAMPLES\n", ".SH ENVIRONMENT\n", ".SH FILES\n"] {
        assert!(fairness.contains(section), "fairness(1) lacks {section:?}");
    }
    // Before the version, which clap_mangen writes near the end.
    assert!(fairness.find(".SH FILES\n") < fairness.find(".SH VERSION\n"));
    for var in [
        "FAIRNESS_CASES",
        "FAIRNESS_FRAMEWORK",
        "FAIRNESS_SIGNER_NAME",
        "FAIRNESS_SIGNER_ROLE",
        "FAIRNESS_CONFIG",
        "NO_COLOR",
        "TZ",
    ] {
        assert!(fairness.contains(&format!("\\fB{var}\\fR")), "{var}");
    }
    assert!(fairness.contains("$XDG_CONFIG_HOME/fairness/config.yaml"));
    assert!(
        fairness.contains("%APPDATA%\\e"),
        "the Windows path, its backslashes escaped"
    );
    let run = page(&["man", "run"]);
    assert!(
        run.contains(".SH EXAMPLES\n.TP\n\\fBfairness run\\fR\n"),
        "{run}"
    );
    assert!(
        run.contains("fairness run \\-\\-resume CASE\\-2026\\-201"),
        "{run}"
    );
    // `verify` reads the case folder's setting for a case reference.
    let verify = page(&["man", "verify"]);
    assert!(verify.contains(".SH EXAMPLES\n"));
    assert!(verify.contains(".SH ENVIRONMENT\n"));
    assert!(
        verify.contains("fairness verify CASE\\-2026\\-201 \\-\\-dir"),
        "{verify}"
    );
    // A command that reads no setting has examples only.
    let validate = page(&["man", "validate"]);
    assert!(validate.contains(".SH EXAMPLES\n"));
    assert!(!validate.contains(".SH ENVIRONMENT\n"));
}

/// Markdown and HTML show times in the zone `TZ` names, with the zone; JSON and CSV,
/// and the record itself, keep UTC.
#[test]
fn exports_for_people_show_local_time_with_its_zone() {
    // Signed at 10:10 UTC on 23 November 2026: 05:10 in New York (EST).
    let record = text(&built(&[], &[], true));
    let ran = Test::new()
        .file("r.yaml", &record)
        .env("TZ", "America/New_York")
        .args(["export", "r.yaml", "--format", "markdown"])
        .stdout_contains("- **Started:** 2026-11-23 05:00 EST (-05:00)\n")
        .stdout_contains("2026-11-23 05:10 EST (-05:00)")
        .stdout_lacks(" UTC")
        .run();
    ran.test()
        .env("TZ", "Europe/London")
        .args(["export", "r.yaml", "--format", "html"])
        .stdout_contains("2026-11-23 10:10 GMT")
        .stdout_lacks("EST")
        .run();
    ran.test()
        .env("TZ", "America/New_York")
        .args(["export", "r.yaml", "--format", "json"])
        .stdout_contains("\"2026-11-23T10:10:00Z\"")
        .stdout_lacks("EST")
        .run();
    ran.test()
        .env("TZ", "America/New_York")
        .args(["export", "r.yaml", "--format", "csv"])
        .stdout_contains("2026-11-23T10:00:00Z")
        .stdout_lacks("EST")
        .run();
    // On screen too: `verify` says when it was signed, in local time.
    ran.test()
        .env("TZ", "Asia/Tokyo")
        .args(["verify", "r.yaml"])
        .stdout_contains(" at 2026-11-23 19:10 JST (+09:00)\n")
        .run();
    assert_eq!(ran.read("r.yaml"), record, "the record keeps UTC");
}
