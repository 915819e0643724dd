use crate::harness::Test;

/// What `run` says when it has no terminal to ask in.
const NO_TERMINAL: &str = "error: `fairness run` asks its questions in a terminal, and this is not one (standard input or standard error is redirected).
To fill in a checklist from a file instead, use `fairness run --answers FILE`; the README shows the answers file's format.
";

#[test]
fn run_without_a_terminal_refuses_at_once_and_points_to_answers_files() {
    Test::new()
        .args(["run"])
        .stderr(NO_TERMINAL)
        .status(2)
        .run();
    // Input waiting on a pipe does not make it start asking.
    Test::new()
        .args(["run"])
        .stdin("CASE-2026-001\n\r\x1b[B\r")
        .stderr(NO_TERMINAL)
        .status(2)
        .absent("CASE-2026-001.yaml")
        .run();
}

#[test]
fn usage_errors_exit_two_and_help_exits_zero() {
    Test::new()
        .args(["validate"])
        .stderr(
            "error: the following required arguments were not provided:
  <FILE>...

Usage: fairness validate <FILE>...

For more information, try '--help'.
",
        )
        .status(2)
        .run();
    Test::new()
        .args(["frobnicate"])
        .stderr(
            "error: unrecognized subcommand 'frobnicate'

Usage: fairness [OPTIONS] <COMMAND>

For more information, try '--help'.
",
        )
        .status(2)
        .run();
    Test::new()
        .args(["run", "--migrate"])
        .stderr(
            "error: the following required arguments were not provided:
  --resume <RECORD>

Usage: fairness run --resume <RECORD> --migrate

For more information, try '--help'.
",
        )
        .status(2)
        .run();
    // The help is clap's, wrapped to the terminal: the parts this project writes.
    Test::new()
        .args(["--help"])
        .stdout_contains(
            "Usage: fairness [OPTIONS] <COMMAND>

Commands:
  run          Work through the checklist for one case, saving a draft after every answer
  amend        Correct a signed record: a new version of it, every answer carried over
  validate     Check framework files and report every problem with its line and column
  show         Print a framework as tables, for reading or review
  init         Write the built-in framework to a file, as a starting point for adapting it
  export       Turn case records into Markdown, HTML, JSON or CSV
  verify       Prove case records have not been changed since they were written and signed
  countersign  Countersign a signed record, or return it to its signer with comments
  cases        List the case records in the case folder: reference, status, progress, last saved and
               signer
  due          List what is due: interim-measure and decision reviews, countersignatures awaited,
               returned records and drafts left unsaved
  report       Report across many records: coverage, how cases are handled, outcomes and, with the
               equality team's monitoring data, whether some groups fare worse
  key          Make or show your signing key: signatures that prove who signed
  config       Show the settings in force and where each came from
  completions  Print a shell completion script
  man          Print the manual page, or write one page per command to a folder
  schema       Print the JSON Schema of the framework format, for editors
  help         Print this message or the help of the given subcommand(s)
",
        )
        .stdout_contains(
            "Exit codes: 0 success, 1 the input is invalid (or a record altered), 2 usage or I/O error, 130
stopped part-way (`run` has saved the draft; a command writing a file has written nothing).
",
        )
        .run();
    Test::new()
        .args(["--version"])
        .stdout(format!("fairness {}\n", env!("CARGO_PKG_VERSION")))
        .run();
}
