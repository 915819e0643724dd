//! Snapshots of every rendered output: what `show`, `validate`, `export`, `verify` and
//! `run` print, byte for byte, and the interactive review as a person sees it on a
//! 60- and a 100-column terminal. Each snapshot is a reviewed file under
//! `tests/snapshots/`; a change to what the program prints fails here until the new
//! snapshot is reviewed and accepted. A failing run leaves `NAME.snap.new` beside the
//! snapshot; accept an intended change with `cargo insta review` (cargo-insta), or run
//! with `INSTA_UPDATE=always` and read `git diff tests/snapshots` before committing.
//! Under CI (`CI=true`) nothing is written: a missing or changed snapshot fails.
//!
//! Only the binary is driven, never the library, so these tests stay the same while
//! the code behind them moves. What varies between runs is made fixed before the
//! snapshot: records are stamped with one fixed time and sealed again (the seal is
//! SHA-256 over every byte above the `seal` line), commands run in a temporary folder
//! with relative file names, at a fixed width, without colour. Only two printed
//! values are replaced by a name: the seal `run` prints as it signs, and the time of
//! signing in a terminal session, since both come from the clock. Carriage returns
//! show as `␍` and each snapshot ends with a marker line, so every byte is pinned.

use std::path::{Path, PathBuf};

use crate::harness::{COMMANDS, HANG, root};
use crate::records::EXAMPLES;

/// The width every non-interactive command lays its text out in.
const WIDTH: &str = "100";

/// The time every snapshot's record was made, answered, saved and signed at.
const STAMP: &str = "2026-05-07T09:30:00Z";

/// The broken frameworks in `examples/broken/`, each a snapshot of its own.
const BROKEN: [&str; 13] = [
    "bad-choice",
    "bad-dates",
    "bad-when",
    "duplicate-ids",
    "duplicated-principle",
    "empty-principle",
    "extra-principle",
    "missing-principle",
    "misspelt-fields",
    "near-miss-principle",
    "renamed-principle",
    "syntax-error",
    "wrong-types",
];

const ADAPTED: &str = "examples/adapted/kestrelmoor-framework.yaml";

/// Asserts `value` against `tests/snapshots/NAME.snap`.
fn check(name: &str, value: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("tests/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, value));
}

/// What one run of the binary did.
struct Run {
    args: Vec<String>,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The run as its snapshot shows it: the command line, the exit code, then
    /// standard output and standard error whole, each byte as printed (see [`exact`]).
    fn shown(&self) -> String {
        let code = match self.code {
            Some(code) => code.to_string(),
            None => "killed (it hung)".into(),
        };
        format!(
            "$ fairness {}\nexit: {code}\n--- stdout\n{}--- stderr\n{}--- end\n",
            self.args
                .iter()
                .map(|a| match a.contains(' ') {
                    true => format!("'{a}'"),
                    false => a.clone(),
                })
                .collect::<Vec<_>>()
                .join(" "),
            exact(&self.stdout),
            exact(&self.stderr)
        )
    }
}

/// `text` as a snapshot must hold it to pin every byte. insta compares snapshots with
/// `\r\n` read as `\n` and trailing blanks trimmed, so each carriage return is shown
/// as `␍` (CSV lines end `␍` then a line break), and callers end the snapshot with a
/// marker line, so that a missing or extra final newline shows too.
fn exact(text: &str) -> String {
    text.replace('\r', "␍")
}

/// A file's text for its snapshot: every byte (see [`exact`]), then a marker line.
fn file(text: &str) -> String {
    format!("{}--- end of file\n", exact(text))
}

/// Runs `fairness ARGS` in `dir`, with no input, at [`WIDTH`] columns, without
/// colour.
fn fairness(dir: &Path, args: &[&str]) -> Run {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_fairness"));
    crate::harness::isolate(&mut command, dir);
    let mut command = assert_cmd::Command::from_std(command);
    command
        .current_dir(dir)
        .args(args)
        .env("COLUMNS", WIDTH)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .timeout(HANG)
        .write_stdin(Vec::new());
    let output = crate::harness::output_of(&mut command);
    Run {
        args: args.iter().map(|a| a.to_string()).collect(),
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs `fairness ARGS` in the repository's root, for commands that only read.
fn in_root(args: &[&str]) -> Run {
    fairness(root(), args)
}

/// `text` with every record time (`"YYYY-MM-DDTHH:MM:SSZ"`, quoted as records write
/// it) set to [`STAMP`].
fn stamped(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'"' && is_time(&bytes[i + 1..]) && bytes.get(i + 21) == Some(&b'"') {
            out.push('"');
            out.push_str(STAMP);
            i += 21;
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Whether `bytes` begins with a time as records write it: `2026-05-07T09:30:00Z`.
fn is_time(bytes: &[u8]) -> bool {
    const SHAPE: &[u8] = b"dddd-dd-ddTdd:dd:ddZ";
    bytes.len() >= SHAPE.len()
        && SHAPE.iter().zip(bytes).all(|(&s, &b)| match s {
            b'd' => b.is_ascii_digit(),
            _ => s == b,
        })
}

/// A signed record's text sealed again after a change: SHA-256 over every byte above
/// the last line. A draft (`seal: null`) is returned as it is.
fn resealed(text: &str) -> String {
    use sha2::Digest;
    let Some(at) = text.find("\nseal: \"sha256:") else {
        return text.to_owned();
    };
    let (body, rest) = text.split_at(at + 1);
    // What follows the seal line: the reviews, which these records have none of.
    let after = &rest[rest.find('\n').unwrap() + 1..];
    let hex: String = sha2::Sha256::digest(body.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{body}seal: \"sha256:{hex}\"\n{after}")
}

/// The seal a record's text carries on its `seal` line.
fn seal_of(text: &str) -> &str {
    let line = text
        .lines()
        .find(|l| l.starts_with("seal: "))
        .expect("a record");
    line.strip_prefix("seal: \"")
        .and_then(|s| s.strip_suffix('"'))
        .expect("a sealed record")
}

/// A temporary folder for one test.
fn folder() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// An answers file: `examples/answers/NAME.yaml`, or without its sign-off (a draft's).
fn answers(name: &str, sign: bool) -> String {
    let text = std::fs::read_to_string(root().join(format!("examples/answers/{name}.yaml")))
        .expect("the example answers file");
    if sign {
        text
    } else {
        let cut = text.find("\nsign_off:").expect("the example signs off");
        text[..cut + 1].to_owned()
    }
}

/// What `run --answers` printed and wrote, with the record's times fixed.
struct Made {
    run: Run,
    /// The record as written, times set to [`STAMP`] and sealed again.
    record: String,
    /// The seal the record had as written.
    written_seal: Option<String>,
}

/// `fairness run --answers a.yaml -o r.yaml` on the example `name` (signed when `sign`),
/// in `dir`.
fn made(dir: &Path, name: &str, sign: bool) -> Made {
    std::fs::write(dir.join("a.yaml"), answers(name, sign)).unwrap();
    let run = fairness(dir, &["run", "--answers", "a.yaml", "-o", "r.yaml"]);
    assert_eq!(run.code, Some(0), "{}", run.shown());
    let written = std::fs::read_to_string(dir.join("r.yaml")).unwrap();
    std::fs::remove_file(dir.join("a.yaml")).unwrap();
    std::fs::remove_file(dir.join("r.yaml")).unwrap();
    Made {
        written_seal: sign.then(|| seal_of(&written).to_owned()),
        record: resealed(&stamped(&written)),
        run,
    }
}

/// The signed record of example `name`, stamped and sealed again.
fn signed(name: &str) -> String {
    made(folder().path(), name, true).record
}

/// The draft of the pharmacist example (its answers without the sign-off).
fn draft() -> String {
    made(folder().path(), "pharmacist-informal", false).record
}

/// The signed dentist record with one answer changed by hand (`health` became
/// `conduct`), its seal left as it was.
fn altered() -> String {
    let text = signed("dentist-health");
    let old = "answer: \"health\"";
    assert!(text.contains(old), "the dentist record has no {old}");
    text.replacen(old, "answer: \"conduct\"", 1)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

// --- show ---------------------------------------------------------------------------

#[test]
fn show() {
    check("show_builtin", &in_root(&["show"]).shown());
    check(
        "show_builtin_guidance",
        &in_root(&["show", "--guidance"]).shown(),
    );
    check(
        "show_adapted",
        &in_root(&["show", "--framework", ADAPTED]).shown(),
    );
    check(
        "show_adapted_guidance",
        &in_root(&["show", "--framework", ADAPTED, "--guidance"]).shown(),
    );
}

// --- validate -----------------------------------------------------------------------

#[test]
fn validate_broken_examples_as_text_and_json() {
    for name in BROKEN {
        let file = format!("examples/broken/{name}.yaml");
        check(
            &format!("validate_broken_{name}"),
            &in_root(&["validate", &file]).shown(),
        );
        check(
            &format!("validate_broken_{name}_json"),
            &in_root(&["validate", "--format", "json", &file]).shown(),
        );
    }
}

#[test]
fn validate_valid_frameworks_as_text_and_json() {
    for (name, file) in [
        ("adapted", ADAPTED),
        ("builtin", "framework/fairness-and-proportionality.yaml"),
    ] {
        check(
            &format!("validate_{name}"),
            &in_root(&["validate", file]).shown(),
        );
        check(
            &format!("validate_{name}_json"),
            &in_root(&["validate", "--format", "json", file]).shown(),
        );
    }
}

#[test]
fn validate_several_files_at_once() {
    let files = [
        ADAPTED,
        "examples/broken/bad-choice.yaml",
        "examples/broken/syntax-error.yaml",
    ];
    let mut args = vec!["validate"];
    args.extend(files);
    check("validate_several", &in_root(&args).shown());
    args.extend(["--format", "json"]);
    check("validate_several_json", &in_root(&args).shown());
}

// --- run --answers ------------------------------------------------------------------

/// What `run --answers` prints, and the record it writes, signed and as a draft.
#[test]
fn run_with_an_answers_file() {
    for name in EXAMPLES {
        let dir = folder();
        let made = made(dir.path(), name, true);
        let mut shown = made.run.shown();
        let seal = made.written_seal.unwrap();
        assert!(shown.contains(&seal), "{shown}");
        // The seal covers the times of the run: it is the one value that varies.
        shown = shown.replace(&seal, "sha256:[the seal of the record as written]");
        check(&format!("run_answers_{name}"), &shown);
        check(&format!("record_{name}"), &file(&made.record));
    }
    let dir = folder();
    let made = made(dir.path(), "pharmacist-informal", false);
    check("run_answers_draft", &made.run.shown());
    check("record_draft", &file(&made.record));
}

// --- export -------------------------------------------------------------------------

/// Every format and audience of every example record.
#[test]
fn export_every_format_and_audience_of_every_example() {
    for name in EXAMPLES {
        let dir = folder();
        write(dir.path(), "r.yaml", &signed(name));
        for (format, audiences) in [
            ("markdown", &["case", "practitioner"][..]),
            ("html", &["case", "practitioner"]),
            ("json", &["case"]),
            ("csv", &["case"]),
        ] {
            for audience in audiences {
                let run = fairness(
                    dir.path(),
                    &[
                        "export",
                        "r.yaml",
                        "--format",
                        format,
                        "--audience",
                        audience,
                    ],
                );
                check(&format!("export_{name}_{format}_{audience}"), &run.shown());
            }
        }
    }
}

/// Two records in one export, in the formats that take several (each of the four alone
/// is above); a draft and an altered record in each format and audience.
#[test]
fn export_several_a_draft_and_an_altered_record() {
    let dir = folder();
    let mut files = Vec::new();
    for name in ["dentist-health", "pharmacist-informal"] {
        let file = format!("{name}.yaml");
        write(dir.path(), &file, &signed(name));
        files.push(file);
    }
    for format in ["csv", "json", "markdown"] {
        let mut args = vec!["export"];
        args.extend(files.iter().map(String::as_str));
        args.extend(["--format", format]);
        check(
            &format!("export_two_records_{format}"),
            &fairness(dir.path(), &args).shown(),
        );
    }
    write(dir.path(), "draft.yaml", &draft());
    write(dir.path(), "altered.yaml", &altered());
    for file in ["draft", "altered"] {
        for (format, audience) in [
            ("markdown", "case"),
            ("markdown", "practitioner"),
            ("html", "case"),
            ("html", "practitioner"),
            ("json", "case"),
            ("csv", "case"),
        ] {
            let run = fairness(
                dir.path(),
                &[
                    "export",
                    &format!("{file}.yaml"),
                    "--format",
                    format,
                    "--audience",
                    audience,
                ],
            );
            check(&format!("export_{file}_{format}_{audience}"), &run.shown());
        }
    }
}

// --- verify -------------------------------------------------------------------------

#[test]
fn verify_reports() {
    let dir = folder();
    write(dir.path(), "intact.yaml", &signed("locum-prescribing"));
    write(dir.path(), "draft.yaml", &draft());
    write(dir.path(), "altered.yaml", &altered());
    write(dir.path(), "unreadable.yaml", "this: [is not a record\n");
    for file in ["intact", "draft", "altered", "unreadable"] {
        check(
            &format!("verify_{file}"),
            &fairness(dir.path(), &["verify", &format!("{file}.yaml")]).shown(),
        );
    }
    check(
        "verify_all_four",
        &fairness(
            dir.path(),
            &[
                "verify",
                "intact.yaml",
                "draft.yaml",
                "altered.yaml",
                "unreadable.yaml",
            ],
        )
        .shown(),
    );
    check(
        "verify_missing_file",
        &fairness(dir.path(), &["verify", "nowhere.yaml"]).shown(),
    );
    let seal =
        seal_of(&std::fs::read_to_string(dir.path().join("intact.yaml")).unwrap()).to_owned();
    check(
        "verify_seal_matches",
        &fairness(dir.path(), &["verify", "intact.yaml", "--seal", &seal]).shown(),
    );
    let other = format!("sha256:{}", "0".repeat(64));
    check(
        "verify_seal_differs",
        &fairness(dir.path(), &["verify", "intact.yaml", "--seal", &other]).shown(),
    );
}

// --- refusals and errors -----------------------------------------------------------

/// `text` with `old` replaced once by `new`; fails if `old` is not there, so that a
/// snapshot cannot silently stop showing the refusal it is named for.
fn edit(text: &str, old: &str, new: &str) -> String {
    assert!(text.contains(old), "the text has no {old:?}");
    text.replacen(old, new, 1)
}

/// Each way an answers file is refused: what `run --answers` prints, and that nothing
/// is written.
#[test]
fn run_refuses_a_bad_answers_file() {
    let base = answers("pharmacist-informal", true);
    let cases = [
        (
            "not_an_answer",
            edit(
                &base,
                "  concern-specific:\n    answer: \"yes\"",
                "  concern-specific:\n    answer: \"maybe\"",
            ),
        ),
        (
            "not_an_option",
            edit(&base, "answer: team-or-system", "answer: Team or system"),
        ),
        (
            "unknown_field",
            edit(
                &base,
                "  concern-specific:\n    answer: \"yes\"\n    note: >-",
                "  concern-specific:\n    answer: \"no\"\n    ignored: >-",
            ),
        ),
        (
            "unknown_item",
            edit(
                &base,
                "  concern-specific:\n    answer: \"yes\"",
                "  concern-specfic:\n    answer: \"yes\"",
            ),
        ),
        (
            "not_asked",
            edit(
                &base,
                "  patient-safety-incident:",
                "  learning-response-concern: { answer: \"yes\" }\n  patient-safety-incident:",
            ),
        ),
        (
            "not_a_date",
            edit(
                &edit(
                    &base,
                    "  advice-contacted:\n    answer: \"no\"",
                    "  advice-contacted:\n    answer: \"yes\"",
                ),
                "  # Principle 1:",
                "  advice-contacted-on: { answer: \"2026-02-30\" }\n  advice-given: { answer: \"Talk first.\" }\n  # Principle 1:",
            ),
        ),
        (
            "bad_reference",
            edit(&base, "reference: CASE-2026-104", "reference: ../etc/CASE"),
        ),
        (
            "not_text",
            edit(
                &base,
                "  concern-specific:\n    answer: \"yes\"",
                "  concern-specific:\n    answer: true",
            ),
        ),
        (
            "two_lines",
            edit(&base, "  name: ", "  name: \"Two\\nlines\"\n  x-name: "),
        ),
        (
            "wrong_format",
            edit(
                &base,
                "format: fairness-answers/1",
                "format: fairness-framework/1",
            ),
        ),
        (
            "missing_answer_and_note",
            edit(
                &edit(&base, "  rationale:", "  rationale-x:"),
                "  concern-specific:\n    answer: \"yes\"\n    note:",
                "  concern-specific:\n    answer: \"no\"\n    notes:",
            ),
        ),
        ("syntax_error", edit(&base, "answers:", "answers: [")),
    ];
    for (name, text) in cases {
        let dir = folder();
        write(dir.path(), "case.yaml", &text);
        let run = fairness(
            dir.path(),
            &["run", "--answers", "case.yaml", "-o", "record.yaml"],
        );
        assert!(!dir.path().join("record.yaml").exists(), "{name}");
        check(&format!("run_refused_{name}"), &run.shown());
    }
}

/// A draft written with a required answer left out names what is still needed.
#[test]
fn run_writes_a_draft_that_names_what_is_missing() {
    let base = answers("pharmacist-informal", false);
    // Without `rationale:` and everything indented under it.
    let mut kept = String::new();
    let mut skipping = false;
    for line in base.lines() {
        if line == "  rationale:" {
            skipping = true;
        } else if !(skipping && (line.starts_with("    ") || line.trim().is_empty())) {
            skipping = false;
            kept.push_str(line);
            kept.push('\n');
        }
    }
    assert!(!kept.contains("rationale:") && kept.len() < base.len());
    let dir = folder();
    write(dir.path(), "case.yaml", &kept);
    let run = fairness(
        dir.path(),
        &["run", "--answers", "case.yaml", "-o", "draft.yaml"],
    );
    check("run_answers_draft_missing_rationale", &run.shown());
}

/// Refusals that name a file or an argument: nothing to read, nowhere to write, no
/// terminal, a file that is already there, an invalid framework.
#[test]
fn commands_refuse_clearly() {
    let dir = folder();
    write(
        dir.path(),
        "case.yaml",
        &answers("pharmacist-informal", true),
    );
    write(dir.path(), "taken.yaml", "already here\n");
    write(dir.path(), "r.yaml", &signed("pharmacist-informal"));
    write(dir.path(), "garbage.yaml", "this: [is not a record\n");
    let broken = root().join("examples/broken/bad-choice.yaml");
    std::fs::copy(broken, dir.path().join("broken.yaml")).unwrap();
    let cases: [(&str, &[&str]); 13] = [
        ("run_no_terminal", &["run"]),
        (
            "run_answers_missing",
            &["run", "--answers", "missing.yaml", "-o", "x.yaml"],
        ),
        (
            "run_out_exists",
            &["run", "--answers", "case.yaml", "-o", "taken.yaml"],
        ),
        (
            "run_out_nowhere",
            &["run", "--answers", "case.yaml", "-o", "nowhere/x.yaml"],
        ),
        (
            "run_invalid_framework",
            &[
                "run",
                "--answers",
                "case.yaml",
                "--framework",
                "broken.yaml",
                "-o",
                "x.yaml",
            ],
        ),
        (
            "export_missing",
            &["export", "nothing.yaml", "--format", "csv"],
        ),
        (
            "export_unreadable",
            &["export", "garbage.yaml", "--format", "markdown"],
        ),
        (
            "export_output_exists",
            &["export", "r.yaml", "--format", "json", "-o", "taken.yaml"],
        ),
        (
            "export_practitioner_json",
            &[
                "export",
                "r.yaml",
                "--format",
                "json",
                "--audience",
                "practitioner",
            ],
        ),
        (
            "verify_seal_with_two_records",
            &["verify", "r.yaml", "r.yaml", "--seal", "sha256:00"],
        ),
        ("validate_missing", &["validate", "nothing.yaml"]),
        (
            "show_invalid_framework",
            &["show", "--framework", "broken.yaml"],
        ),
        ("unknown_option", &["show", "--bogus"]),
    ];
    for (name, args) in cases {
        // The folder is made by PowerShell's `mkdir` on Windows, a POSIX shell's
        // `mkdir -p` elsewhere: one snapshot for both.
        let shown = fairness(dir.path(), args)
            .shown()
            .replace("(`mkdir nowhere`)", "(`mkdir -p nowhere`)");
        check(&format!("refused_{name}"), &shown);
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("taken.yaml")).unwrap(),
        "already here\n"
    );
}

// --- quiet --------------------------------------------------------------------------

/// `--quiet` leaves out confirmations, notes and summaries, and keeps results and
/// problems.
#[test]
fn quiet() {
    let dir = folder();
    write(
        dir.path(),
        "case.yaml",
        &answers("pharmacist-informal", false),
    );
    write(dir.path(), "draft.yaml", &draft());
    write(dir.path(), "altered.yaml", &altered());
    write(dir.path(), "r.yaml", &signed("pharmacist-informal"));
    let broken = root().join("examples/broken/bad-choice.yaml");
    std::fs::copy(broken, dir.path().join("broken.yaml")).unwrap();
    let adapted = root().join(ADAPTED);
    std::fs::copy(adapted, dir.path().join("adapted.yaml")).unwrap();
    let cases: [(&str, &[&str]); 6] = [
        (
            "run_draft",
            &["--quiet", "run", "--answers", "case.yaml", "-o", "d.yaml"],
        ),
        (
            "export_draft",
            &["--quiet", "export", "draft.yaml", "--format", "markdown"],
        ),
        (
            "export_altered",
            &["--quiet", "export", "altered.yaml", "--format", "csv"],
        ),
        (
            "verify",
            &["--quiet", "verify", "r.yaml", "draft.yaml", "altered.yaml"],
        ),
        (
            "validate",
            &["--quiet", "validate", "broken.yaml", "adapted.yaml"],
        ),
        ("init", &["--quiet", "init", "-o", "f.yaml"]),
    ];
    for (name, args) in cases {
        check(
            &format!("quiet_{name}"),
            &fairness(dir.path(), args).shown(),
        );
    }
}

// --- init, schema, help -------------------------------------------------------------

#[test]
fn init_and_schema() {
    let dir = folder();
    check(
        "init_to_stdout",
        &fairness(
            dir.path(),
            &[
                "init",
                "--organisation",
                "Kestrel Valley Health Board",
                "-o",
                "-",
            ],
        )
        .shown(),
    );
    let run = fairness(dir.path(), &["init", "-o", "f.yaml"]);
    check("init_to_a_file", &run.shown());
    check(
        "init_file",
        &file(&std::fs::read_to_string(dir.path().join("f.yaml")).unwrap()),
    );
    check("schema", &fairness(dir.path(), &["schema"]).shown());
}

/// The help of the program and of each command, at [`WIDTH`] columns.
#[test]
fn help() {
    check("help", &in_root(&["--help"]).shown());
    check("help_short", &in_root(&["-h"]).shown());
    for command in COMMANDS {
        check(
            &format!("help_{command}"),
            &in_root(&[command, "--help"]).shown(),
        );
    }
}

// --- the interactive review ---------------------------------------------------------

/// `fairness run` in a pseudo-terminal of a given size, typed at as a person would;
/// everything it prints is kept as bytes, for [`screen`].
#[cfg(unix)]
struct Terminal {
    session: expectrl::session::OsSession,
    printed: Vec<u8>,
    width: u16,
}

#[cfg(unix)]
const ROWS: u16 = 40;
#[cfg(unix)]
const DOWN: &str = "\x1b[B";
#[cfg(unix)]
const UP: &str = "\x1b[A";
#[cfg(unix)]
const ENTER: &str = "\r";
/// Clears the text before the cursor in a line prompt.
#[cfg(unix)]
const CTRL_U: &str = "\x15";

#[cfg(unix)]
impl Terminal {
    /// Starts `fairness ARGS` in `dir`, in a `width`×[`ROWS`] terminal, without colour.
    fn start(dir: &Path, args: &[&str], width: u16) -> Terminal {
        // The size is set from inside, before fairness starts: set only from outside
        // once it runs, it can come after fairness first asks it (as tests/pty.rs says).
        let mut command = std::process::Command::new("sh");
        command
            .args([
                "-c",
                &format!("stty cols {width} rows {ROWS} && exec \"$0\" \"$@\""),
            ])
            .arg(env!("CARGO_BIN_EXE_fairness"));
        crate::harness::isolate(&mut command, dir);
        command
            .args(args)
            .current_dir(dir)
            .env("TERM", "xterm-256color")
            .env("CLICOLOR", "0")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("COLUMNS")
            .env_remove("NO_COLOR");
        let mut session =
            expectrl::session::OsSession::spawn(command).expect("the binary starts in a terminal");
        session
            .get_process_mut()
            .set_window_size(width, ROWS)
            .unwrap();
        session.set_expect_timeout(Some(HANG));
        Terminal {
            session,
            printed: Vec::new(),
            width,
        }
    }

    /// Waits until the program prints `text`.
    fn expect(&mut self, text: &str) {
        use expectrl::Expect;
        match self.session.expect(text) {
            Ok(found) => {
                self.printed.extend_from_slice(found.before());
                for part in found.matches() {
                    self.printed.extend_from_slice(part);
                }
            }
            Err(e) => panic!(
                "the program did not print {text:?} ({e}); it printed:\n{}",
                String::from_utf8_lossy(&self.printed)
            ),
        }
    }

    fn keys(&mut self, keys: &str) {
        use expectrl::Expect;
        self.session.send(keys).expect("keys reach the program");
    }

    /// At a menu: waits until it is drawn, then sends `keys`.
    fn menu(&mut self, title: &str, keys: &str) {
        self.expect(title);
        self.expect("❯");
        self.keys(keys);
    }

    /// At a table shown a page at a time: Enter at every page, until the menu `title`
    /// comes; how many pages there were.
    fn page_to(&mut self, title: &str) -> usize {
        use expectrl::Expect;
        let mut pages = 1;
        loop {
            let pattern = format!("Enter more · q stop|{}", regex_escape(title));
            let found = match self.session.expect(expectrl::Regex(pattern.as_str())) {
                Ok(found) => found,
                Err(e) => panic!(
                    "the program did not print {title:?} ({e}); it printed:\n{}",
                    String::from_utf8_lossy(&self.printed)
                ),
            };
            self.printed.extend_from_slice(found.before());
            let matched: Vec<u8> = found.matches().flat_map(|m| m.to_vec()).collect();
            self.printed.extend_from_slice(&matched);
            if matched == title.as_bytes() {
                return pages;
            }
            pages += 1;
            self.keys(ENTER);
        }
    }

    /// At the line prompt `prompt`: clears it, types `text` and presses Enter.
    fn line(&mut self, prompt: &str, text: &str) {
        self.expect(prompt);
        self.expect("›");
        self.keys(&format!("{CTRL_U}{text}{ENTER}"));
    }

    /// Waits for the program to end: its exit code and the screen it leaves, every
    /// line scrolled off the top included.
    fn finish(mut self) -> (i32, String) {
        use expectrl::process::unix::WaitStatus;
        use expectrl::{Eof, Expect};
        match self.session.expect(Eof) {
            Ok(found) => {
                self.printed.extend_from_slice(found.before());
                for part in found.matches() {
                    self.printed.extend_from_slice(part);
                }
            }
            Err(e) => {
                use expectrl::process::unix::Signal;
                let _ = self.session.get_process_mut().signal(Signal::SIGKILL);
                panic!("the program did not end ({e})");
            }
        }
        let code = match self.session.get_process().wait() {
            Ok(WaitStatus::Exited(_, code)) => code,
            other => panic!("the program did not exit normally: {other:?}"),
        };
        (code, screen(&self.printed, self.width, ROWS))
    }
}

/// What a `width`×`rows` terminal shows after `bytes`: every line scrolled off the top,
/// then the screen, without trailing blanks.
#[cfg(unix)]
fn screen(bytes: &[u8], width: u16, rows: u16) -> String {
    use std::num::NonZeroU16;
    let size = |n| NonZeroU16::new(n).expect("a terminal is never 0 wide or high");
    let mut parser = vt100::Parser::new(size(rows), size(width), 10_000);
    parser.process(bytes);
    let scrolled = {
        let screen = parser.screen_mut();
        screen.set_scrollback(usize::MAX);
        screen.scrollback()
    };
    let mut lines = Vec::new();
    for offset in (1..=scrolled).rev() {
        parser.screen_mut().set_scrollback(offset);
        lines.push(parser.screen().rows(0, width).next().unwrap());
    }
    parser.screen_mut().set_scrollback(0);
    lines.extend(parser.screen().rows(0, width));
    let mut text: String = lines
        .iter()
        .map(|line| format!("{}\n", line.trim_end()))
        .collect();
    while text.ends_with("\n\n") {
        text.pop();
    }
    text
}

/// A terminal session's snapshot: what was run and typed, the exit code, the screen.
#[cfg(unix)]
fn session_shown(args: &str, width: u16, typed: &str, code: i32, screen: &str) -> String {
    format!(
        "$ fairness {args}\n(a {width}×{ROWS} terminal; typed: {typed})\nexit: {code}\n\
         --- screen\n{screen}--- end\n"
    )
}

/// `text` with the characters a regular expression gives a meaning escaped.
#[cfg(unix)]
fn regex_escape(text: &str) -> String {
    text.chars()
        .map(|c| {
            if "\\.+*?()|[]{}^$".contains(c) {
                format!("\\{c}")
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The review of a complete draft, resumed in a terminal `width` columns wide: what
/// needs attention, then every answer (Enter at each page), then "save and leave".
#[cfg(unix)]
fn review(width: u16) -> String {
    let dir = folder();
    write(dir.path(), "draft.yaml", &draft());
    let mut terminal = Terminal::start(dir.path(), &["run", "--resume", "draft.yaml"], width);
    terminal.line(crate::pty::SITTING, "Tobias Wrenfield");
    // "Sign off", "Change an answer", "Save and leave", "Show everything".
    // Nothing is marked at first: the first ↓ marks "Sign off".
    terminal.page_to("What next?");
    terminal.keys(&format!("{DOWN}{DOWN}{DOWN}{DOWN}{ENTER}"));
    terminal.expect("Review · every answer");
    let pages = terminal.page_to("What next?");
    terminal.keys(&format!("{DOWN}{DOWN}{DOWN}{ENTER}"));
    terminal.expect("Draft saved");
    let (code, screen) = terminal.finish();
    session_shown(
        "run --resume draft.yaml",
        width,
        &format!(
            "at the review, ↓ ↓ ↓ ↓ Enter: show everything; Enter at each of its {pages} pages; \
             ↓ ↓ ↓ Enter: save and leave (after the name for the history)"
        ),
        code,
        &screen,
    )
}

#[cfg(unix)]
#[test]
fn review_at_60_columns() {
    check("review_60_columns", &review(60));
}

#[cfg(unix)]
#[test]
fn review_at_100_columns() {
    check("review_100_columns", &review(100));
}

#[cfg(unix)]
#[test]
fn review_at_140_columns() {
    check("review_140_columns", &review(140));
}

/// A draft finished in a terminal: the rationale changed at the review, then signed
/// off. The session, the record it writes (with the change in its history), and that
/// record's exports, which show the history.
#[cfg(unix)]
#[test]
fn change_at_the_review_then_sign_off() {
    const RATIONALE: &str =
        "The concern was minor and explained by a vacancy; resolved informally.";
    const NAME: &str = "Tobias Wrenfield";
    let dir = folder();
    write(dir.path(), "draft.yaml", &draft());
    let mut terminal = Terminal::start(dir.path(), &["run", "--resume", "draft.yaml"], 100);
    terminal.line(crate::pty::SITTING, NAME);
    terminal.page_to("What next?");
    terminal.keys(&format!("{DOWN}{DOWN}{ENTER}"));
    // Up from the first entry wraps to "Back", then `told-outcome`, `review-on`,
    // `actions`, then `rationale`.
    terminal.menu("Which answer?", &format!("{UP}{UP}{UP}{UP}{UP}{ENTER}"));
    terminal.line("Answer", RATIONALE);
    terminal.line("Why change it?", "The vacancy is now filled");
    terminal.page_to("What next?");
    terminal.keys(&format!("{DOWN}{ENTER}"));
    terminal.line("Your name", NAME);
    terminal.line("Your role", "Case manager");
    terminal.expect("Declaration");
    terminal.line("Type your name to sign", NAME);
    terminal.expect("Signed and sealed");
    let (code, screen) = terminal.finish();

    let written = std::fs::read_to_string(dir.path().join("draft.yaml")).unwrap();
    let seal = seal_of(&written).to_owned();
    assert!(screen.contains(&seal), "{screen}");
    // The time of signing and the seal that covers it are the values that vary.
    let signed_at = written
        .split("\n  signed: \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the record has a sign-off time");
    // Shown in local time, which the tests pin to UTC.
    let signed_at = crate::harness::shown_utc(signed_at);
    assert!(screen.contains(&signed_at), "{screen}");
    let screen = screen
        .replace(&seal, "sha256:[the seal of the record as written]")
        .replace(&signed_at, "[the time of signing]");
    check(
        "session_change_and_sign",
        &session_shown(
            "run --resume draft.yaml",
            100,
            "the name for the history, then at the review, ↓ Enter (change an answer), \
             ↑ ↑ ↑ ↑ ↑ Enter (the rationale), a new rationale and why, then Enter (sign off), \
             name (offered), role and name again",
            code,
            &screen,
        ),
    );
    let record = resealed(&stamped(&written));
    check("record_with_history", &file(&record));
    write(dir.path(), "signed.yaml", &record);
    for (format, audience) in [
        ("markdown", "case"),
        ("html", "case"),
        ("json", "case"),
        ("csv", "case"),
        ("markdown", "practitioner"),
    ] {
        let run = fairness(
            dir.path(),
            &[
                "export",
                "signed.yaml",
                "--format",
                format,
                "--audience",
                audience,
            ],
        );
        check(&format!("export_history_{format}_{audience}"), &run.shown());
    }
    check(
        "verify_with_history",
        &fairness(dir.path(), &["verify", "signed.yaml"]).shown(),
    );
}
