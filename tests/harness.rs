//! The builder every test runs the binary with. As in casey/just's test suite, a test
//! states what it expects before the run, and the run checks it:
//!
//! ```ignore
//! Test::new()
//!     .file("f.yaml", text)
//!     .args(["validate", "f.yaml"])
//!     .stdout("f.yaml: valid (5 principles, 41 items)\n")
//!     .run();
//! ```
//!
//! Exact by default: standard output and standard error must be what `.stdout(..)` and
//! `.stderr(..)` say, character for character, and a stream the test says nothing about
//! must be empty; the exit status must be 0 unless `.status(..)` says otherwise. Where
//! exact output is impractical (it is long, or part of it varies), the test says what it
//! checks instead, and only that: `stdout_contains` (the part appears), `stdout_lacks`
//! (it does not), `stdout_matches` (a regular expression finds a match), `stdout_with`
//! (a closure's assertions hold) or `stdout_any` (anything at all), and the same for
//! standard error.
//!
//! `.status_in(..)` accepts any of several statuses, for runs whose verdict is not the
//! point; `.stdin(..)` feeds standard input (nothing, unless given, so that a command
//! waiting for input fails instead of hanging); `.stdout_closed()` gives it a standard
//! output nobody reads, as `| head -c0` does; `.absent(..)` states that a file must
//! not exist after the run. A run that takes longer than [`HANG`] is stopped and fails.
//!
//! `run` returns what the run did, for the test to look at the files it wrote. The
//! folder a test runs in is a [`Folder`]; `Folder::test` and `Folder::pty` start another
//! run in the same one. [`Problem`] renders a report as fairness does, so that a test
//! can state a report whole, with places computed from the file it wrote.

use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use predicates::Predicate;
use tempfile::TempDir;

/// Long enough for any honest run on a loaded machine; a run that takes longer has
/// hung, and fails instead of stalling the suite.
pub const HANG: Duration = Duration::from_secs(60);

/// A fresh temporary folder that runs share; removed once the last of them is done.
#[derive(Clone)]
pub struct Folder(Arc<TempDir>);

impl Folder {
    pub fn new() -> Self {
        Folder(Arc::new(tempfile::tempdir().expect("a temporary folder")))
    }

    /// A run of `fairness` in this folder.
    pub fn test(&self) -> Test<'static> {
        Test::within(self.clone())
    }

    /// A run of `fairness` in a terminal, in this folder.
    #[cfg(unix)]
    pub fn pty(&self) -> crate::pty::Pty<'static> {
        crate::pty::Pty::within(self.clone())
    }

    /// The folder's own path, or a path in it.
    pub fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }

    /// Writes a file, making the folders it needs.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, contents).unwrap();
    }

    /// A file in the folder, as text.
    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name))
            .unwrap_or_else(|e| panic!("cannot read `{name}` in the test's folder: {e}"))
    }

    pub fn exists(&self, name: &str) -> bool {
        self.path(name).exists()
    }

    /// The names of what is in the folder (or in `sub`, a folder in it), sorted.
    pub fn list(&self, sub: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path(sub))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }
}

/// What a test states about one output stream.
enum Check<'a> {
    Is(String),
    Contains(String),
    Lacks(String),
    Matches(String),
    With(Box<dyn Fn(&str) + 'a>),
    Any,
}

/// The checks on one stream: exactly one `Is`, or opt-outs, or none (which means empty).
pub(crate) struct Stream<'a> {
    name: &'static str,
    checks: Vec<Check<'a>>,
}

impl<'a> Stream<'a> {
    pub(crate) fn new(name: &'static str) -> Self {
        Stream {
            name,
            checks: Vec::new(),
        }
    }

    fn add(&mut self, check: Check<'a>) {
        let exact = |c: &Check| matches!(c, Check::Is(_));
        assert!(
            !self.checks.iter().any(exact) && (!exact(&check) || self.checks.is_empty()),
            "the test states {} exactly and also in part: choose one",
            self.name
        );
        self.checks.push(check);
    }

    pub(crate) fn is(&mut self, text: &str) {
        self.add(Check::Is(text.to_owned()));
    }
    pub(crate) fn contains(&mut self, part: &str) {
        self.add(Check::Contains(part.to_owned()));
    }
    pub(crate) fn lacks(&mut self, part: &str) {
        self.add(Check::Lacks(part.to_owned()));
    }
    pub(crate) fn matches(&mut self, pattern: &str) {
        predicates::str::is_match(pattern).expect("a valid regular expression");
        self.add(Check::Matches(pattern.to_owned()));
    }
    pub(crate) fn with(&mut self, check: impl Fn(&str) + 'a) {
        self.add(Check::With(Box::new(check)));
    }
    pub(crate) fn any(&mut self) {
        self.add(Check::Any);
    }

    /// Whether nothing at all is stated (for the terminal runs, Unix's only).
    #[cfg(unix)]
    pub(crate) fn is_unstated(&self) -> bool {
        self.checks.is_empty()
    }

    /// The expected text, when it is stated exactly (or empty, by default).
    fn exact(&self) -> Option<&str> {
        match self.checks.as_slice() {
            [] => Some(""),
            [Check::Is(text)] => Some(text),
            _ => None,
        }
    }

    /// What is wrong with `actual`, one line per problem.
    pub(crate) fn judge(&self, actual: &str) -> Vec<String> {
        let name = self.name;
        if let Some(expected) = self.exact() {
            if actual == expected {
                return Vec::new();
            }
            if expected.is_empty() {
                return vec![format!("{name} should be empty")];
            }
            return vec![format!(
                "{name} is not as stated: {}",
                first_difference(expected, actual)
            )];
        }
        let mut problems = Vec::new();
        for check in &self.checks {
            match check {
                Check::Is(_) | Check::Any => {}
                Check::Contains(part) if !actual.contains(part.as_str()) => {
                    problems.push(format!("{name} lacks {part:?}"));
                }
                Check::Lacks(part) if actual.contains(part.as_str()) => {
                    problems.push(format!("{name} has {part:?}, and should not"));
                }
                Check::Matches(pattern)
                    if !predicates::str::is_match(pattern).unwrap().eval(actual) =>
                {
                    problems.push(format!("{name} has no match for /{pattern}/"));
                }
                Check::With(check) => {
                    if let Err(payload) = panic::catch_unwind(AssertUnwindSafe(|| check(actual))) {
                        problems.push(format!("{name}: {}", panic_message(&payload)));
                    }
                }
                _ => {}
            }
        }
        problems
    }

    /// The expected text for a report, when it was stated exactly and not met.
    pub(crate) fn expected_for_report(&self, actual: &str) -> Option<String> {
        self.exact()
            .filter(|e| *e != actual && !e.is_empty())
            .map(|e| format!("--- {} as stated:\n{}", self.name, shown(e)))
    }
}

/// Where two texts first differ: the line number and both lines.
fn first_difference(expected: &str, actual: &str) -> String {
    let mut expected_lines = expected.split_inclusive('\n');
    let mut actual_lines = actual.split_inclusive('\n');
    for n in 1.. {
        match (expected_lines.next(), actual_lines.next()) {
            (Some(e), Some(a)) if e == a => continue,
            (e, a) => {
                return format!(
                    "line {n} differs\n      stated: {}\n      actual: {}",
                    e.map_or("(the end)".to_owned(), |e| format!("{e:?}")),
                    a.map_or("(the end)".to_owned(), |a| format!("{a:?}"))
                );
            }
        }
    }
    unreachable!()
}

pub(crate) fn panic_message(payload: &Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "a check panicked".to_owned())
}

/// A stream for a failure report: cut short when it is very long.
pub(crate) fn shown(text: &str) -> String {
    const MOST: usize = 20_000;
    if text.len() <= MOST {
        return text.to_owned();
    }
    let mut end = MOST;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!(
        "{}\n[… {} more bytes not shown]",
        &text[..end],
        text.len() - end
    )
}

/// One run of `fairness` with what it is expected to do.
pub struct Test<'a> {
    folder: Folder,
    args: Vec<String>,
    env: Vec<(String, String)>,
    /// A folder within the test's folder to run in, when not the folder itself.
    cwd: Option<String>,
    stdin: Vec<u8>,
    /// The exit statuses accepted; `[0]` unless the test says otherwise.
    status: Vec<i32>,
    stdout: Stream<'a>,
    stderr: Stream<'a>,
    /// Files that must not exist after the run.
    absent: Vec<String>,
    /// Whether standard output is a pipe nobody reads.
    stdout_closed: bool,
}

impl<'a> Test<'a> {
    /// A run in a fresh folder of its own.
    pub fn new() -> Self {
        Test::within(Folder::new())
    }

    fn within(folder: Folder) -> Self {
        Test {
            folder,
            args: Vec::new(),
            env: Vec::new(),
            cwd: None,
            stdin: Vec::new(),
            status: vec![0],
            stdout: Stream::new("stdout"),
            stderr: Stream::new("stderr"),
            absent: Vec::new(),
            stdout_closed: false,
        }
    }

    /// Writes a file into the test's folder, before the run.
    pub fn file(self, name: &str, contents: impl AsRef<[u8]>) -> Self {
        self.folder.write(name, contents);
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: Into<String>>(mut self, args: I) -> Self {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Runs the binary in `sub`, a folder within the test's folder (made if needed), so
    /// that anything written to `..` stays inside the test's folder.
    pub fn cwd(mut self, sub: &str) -> Self {
        std::fs::create_dir_all(self.folder.path(sub)).unwrap();
        self.cwd = Some(sub.to_owned());
        self
    }

    /// What the run reads on standard input; nothing unless given, so that a command
    /// that waits for input fails instead of hanging.
    pub fn stdin(mut self, input: impl AsRef<[u8]>) -> Self {
        self.stdin = input.as_ref().to_vec();
        self
    }

    /// The path of a file in the test's folder, for set-up the builder has no word for.
    // Only Unix-only tests use it today.
    #[cfg_attr(windows, allow(dead_code))]
    pub fn path(&self, name: &str) -> PathBuf {
        self.folder.path(name)
    }

    /// The exit status expected; 0 unless stated.
    pub fn status(mut self, code: i32) -> Self {
        self.status = vec![code];
        self
    }

    /// Any of these exit statuses: for a run whose status is not what the test is about.
    pub fn status_in(mut self, codes: &[i32]) -> Self {
        self.status = codes.to_vec();
        self
    }

    /// Standard output, exactly.
    pub fn stdout(mut self, text: impl AsRef<str>) -> Self {
        self.stdout.is(text.as_ref());
        self
    }

    /// Standard output holds `part` somewhere (and anything else besides).
    pub fn stdout_contains(mut self, part: impl AsRef<str>) -> Self {
        self.stdout.contains(part.as_ref());
        self
    }

    /// Standard output does not hold `part` (and may hold anything else).
    pub fn stdout_lacks(mut self, part: impl AsRef<str>) -> Self {
        self.stdout.lacks(part.as_ref());
        self
    }

    /// The regular expression `pattern` finds a match in standard output (anchor it
    /// with `^` and `$` to match it whole; `(?s)` lets `.` match line ends).
    pub fn stdout_matches(mut self, pattern: &str) -> Self {
        self.stdout.matches(pattern);
        self
    }

    /// The assertions in `check` hold for standard output.
    pub fn stdout_with(mut self, check: impl Fn(&str) + 'a) -> Self {
        self.stdout.with(check);
        self
    }

    /// Standard output may be anything: the test is about something else.
    pub fn stdout_any(mut self) -> Self {
        self.stdout.any();
        self
    }

    /// Standard error, exactly.
    pub fn stderr(mut self, text: impl AsRef<str>) -> Self {
        self.stderr.is(text.as_ref());
        self
    }

    pub fn stderr_contains(mut self, part: impl AsRef<str>) -> Self {
        self.stderr.contains(part.as_ref());
        self
    }

    pub fn stderr_lacks(mut self, part: impl AsRef<str>) -> Self {
        self.stderr.lacks(part.as_ref());
        self
    }

    pub fn stderr_matches(mut self, pattern: &str) -> Self {
        self.stderr.matches(pattern);
        self
    }

    pub fn stderr_with(mut self, check: impl Fn(&str) + 'a) -> Self {
        self.stderr.with(check);
        self
    }

    pub fn stderr_any(mut self) -> Self {
        self.stderr.any();
        self
    }

    /// Standard output is a pipe whose reader has already gone, as `| head -c0` leaves
    /// it: every write to it fails. Standard output is then empty as far as the test
    /// is concerned; the status and standard error are checked as usual.
    pub fn stdout_closed(mut self) -> Self {
        self.stdout_closed = true;
        self
    }

    /// After the run there is no file (or folder) `name` in the test's folder.
    pub fn absent(mut self, name: &str) -> Self {
        self.absent.push(name.to_owned());
        self
    }

    /// Runs the binary and checks everything stated; fails the test, showing what was
    /// stated and what happened, if anything is not so.
    #[track_caller]
    pub fn run(self) -> Ran {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_fairness"));
        command
            .current_dir(match &self.cwd {
                Some(sub) => self.folder.path(sub),
                None => self.folder.path(""),
            })
            .args(&self.args)
            .env_remove("COLUMNS");
        isolate(&mut command, &self.folder.path(""));
        for (k, v) in &self.env {
            command.env(k, v);
        }
        let output = if self.stdout_closed {
            into_closed_pipe(command, &self.stdin)
        } else {
            let mut command = assert_cmd::Command::from_std(command);
            command.timeout(HANG).write_stdin(self.stdin.clone());
            output_of(&mut command)
        };
        let ran = Ran {
            status: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
            folder: self.folder.clone(),
        };

        let mut problems = Vec::new();
        match ran.status {
            None => problems.push(format!(
                "the run was stopped after {} seconds: it hung",
                HANG.as_secs()
            )),
            Some(code) if !self.status.contains(&code) => problems.push(format!(
                "the exit status is {code}, and should be {}",
                statuses(&self.status)
            )),
            Some(_) => {}
        }
        problems.extend(self.stdout.judge(&ran.stdout));
        problems.extend(self.stderr.judge(&ran.stderr));
        for name in &self.absent {
            if ran.folder.path(name).exists() {
                problems.push(format!("`{name}` exists after the run, and should not"));
            }
        }
        if !problems.is_empty() {
            let mut report = format!(
                "`fairness {}` did not do what the test states:\n",
                self.args.join(" ")
            );
            for p in &problems {
                let _ = writeln!(report, "  - {p}");
            }
            let _ = write!(
                report,
                "--- exit status: {:?}\n--- stdout:\n{}\n--- stderr:\n{}\n",
                ran.status,
                shown(&ran.stdout),
                shown(&ran.stderr)
            );
            for stream in [
                self.stdout.expected_for_report(&ran.stdout),
                self.stderr.expected_for_report(&ran.stderr),
            ]
            .into_iter()
            .flatten()
            {
                let _ = writeln!(report, "{stream}");
            }
            panic!("{report}");
        }
        ran
    }
}

/// Runs `command` with standard output a pipe whose reading end is closed before the
/// run begins, so that every write to it fails (with EPIPE, or on Windows
/// ERROR_NO_DATA: both are `BrokenPipe`) however little is written and however fast.
/// Stopped, with no status, after [`HANG`].
fn into_closed_pipe(mut command: std::process::Command, stdin: &[u8]) -> std::process::Output {
    use std::io::{Read, Write};
    use std::process::Stdio;
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // The parent's copy of the writing end goes with the command.
    drop(command);
    let input = stdin.to_vec();
    let mut child_stdin = child.stdin.take().unwrap();
    let feeding = std::thread::spawn(move || {
        let _ = child_stdin.write_all(&input);
    });
    let mut child_stderr = child.stderr.take().unwrap();
    let reading = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = child_stderr.read_to_end(&mut text);
        text
    });
    let deadline = std::time::Instant::now() + HANG;
    let status = loop {
        if let Some(status) = child.try_wait().expect("the run can be waited for") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            break child.wait().expect("the stopped run can be waited for");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let _ = feeding.join();
    std::process::Output {
        status,
        stdout: Vec::new(),
        stderr: reading.join().unwrap(),
    }
}

pub(crate) fn statuses(codes: &[i32]) -> String {
    let codes: Vec<String> = codes.iter().map(i32::to_string).collect();
    codes.join(" or ")
}

/// What a run did: its status and output (all as stated, once `run` returns), and the
/// folder it ran in, for the files it wrote.
pub struct Ran {
    /// `None` when the run was stopped.
    pub status: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub folder: Folder,
}

impl Ran {
    pub fn path(&self, name: &str) -> PathBuf {
        self.folder.path(name)
    }

    pub fn read(&self, name: &str) -> String {
        self.folder.read(name)
    }

    pub fn exists(&self, name: &str) -> bool {
        self.folder.exists(name)
    }

    /// Another run in the same folder.
    pub fn test(&self) -> Test<'static> {
        self.folder.test()
    }

    /// A run in a terminal in the same folder.
    #[cfg(unix)]
    pub fn pty(&self) -> crate::pty::Pty<'static> {
        self.folder.pty()
    }
}

/// Every command of the binary, in the order its help lists them.
pub const COMMANDS: [&str; 16] = [
    "run",
    "amend",
    "validate",
    "show",
    "init",
    "export",
    "verify",
    "countersign",
    "cases",
    "due",
    "report",
    "key",
    "config",
    "completions",
    "man",
    "schema",
];

/// Keeps a run of the binary from the settings of whoever runs the tests: no
/// FAIRNESS_CASES, FAIRNESS_FRAMEWORK or signer in the environment, a config file
/// (FAIRNESS_CONFIG) that is not there rather than the real one, and times shown in
/// UTC (`TZ`, which jiff reads on every system). A test sets any of them itself,
/// after this.
pub fn isolate(command: &mut std::process::Command, dir: &Path) {
    for var in [
        "FAIRNESS_CASES",
        "FAIRNESS_FRAMEWORK",
        "FAIRNESS_SIGNER_NAME",
        "FAIRNESS_SIGNER_ROLE",
        "FAIRNESS_KEY",
        "FAIRNESS_SIGNERS",
        "FAIRNESS_REVOKED_KEYS",
        "FAIRNESS_REQUIRE_KEYS",
        "FAIRNESS_KEY_PASSPHRASE",
    ] {
        command.env_remove(var);
    }
    command
        .env(
            "FAIRNESS_CONFIG",
            dir.join("no-config-here").join("config.yaml"),
        )
        .env("TZ", "UTC");
}

/// A record's time (`2026-11-23T16:42:05Z`) as fairness shows it in the tests' zone,
/// UTC (see [`isolate`]): `2026-11-23 16:42 UTC`. Used by the terminal tests, which run
/// on Unix only.
#[cfg(unix)]
pub fn shown_utc(time: &str) -> String {
    format!("{} {} UTC", &time[..10], &time[11..16])
}

/// The command fairness suggests for making the folder `path`: PowerShell's `mkdir`
/// on Windows makes the folders above it unasked.
pub fn mkdir(path: &str) -> String {
    if cfg!(windows) {
        format!("mkdir {path}")
    } else {
        format!("mkdir -p {path}")
    }
}

/// The repository's root folder.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file of the repository, as text.
pub fn repo_file(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

/// The built-in framework's text.
pub fn builtin() -> String {
    repo_file("framework/fairness-and-proportionality.yaml")
}

/// `text` with `old` replaced once by `new`; fails if `old` is not there, so a test
/// cannot silently stop testing anything when the framework changes.
pub fn edit(text: &str, old: &str, new: &str) -> String {
    assert!(text.contains(old), "the text has no {old:?}");
    text.replacen(old, new, 1)
}

/// The 1-based line and column where `needle` first appears in `text`, as
/// `line:column`.
pub fn place(text: &str, needle: &str) -> String {
    place_nth(text, needle, 1)
}

/// Like [`place`], for the `nth` (1-based) time `needle` appears.
pub fn place_nth(text: &str, needle: &str, nth: usize) -> String {
    let at = text
        .match_indices(needle)
        .nth(nth - 1)
        .unwrap_or_else(|| panic!("no {needle:?} number {nth} in the text"))
        .0;
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    format!("{line}:{column}")
}

/// The line of `text` (1-based) where `needle` first appears.
pub fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("no {needle:?} in the text"));
    text[..at].matches('\n').count() + 1
}

/// A problem as fairness reports one, for stating a report exactly: the label and
/// message, where it is, the offending line with the marked text underlined, and any
/// help. (The format is rustc's; `src/diagnostic.rs` renders it.)
///
/// ```ignore
/// error("unknown field `promt`").at("f.yaml", &text, "promt").help("did you mean `prompt`?")
/// ```
pub struct Problem {
    label: &'static str,
    message: String,
    /// `file:line:column`, or the file alone.
    place: String,
    /// The line's number, its text, where the mark starts and how long it is.
    snippet: Option<(usize, String, usize, usize)>,
    /// The gutter's width where there is no snippet to set it.
    gutter: Option<usize>,
    help: Option<String>,
}

pub fn error(message: impl Into<String>) -> Problem {
    Problem::new("error", message.into())
}

pub fn warning(message: impl Into<String>) -> Problem {
    Problem::new("warning", message.into())
}

impl Problem {
    fn new(label: &'static str, message: String) -> Self {
        Problem {
            label,
            message,
            place: String::new(),
            snippet: None,
            gutter: None,
            help: None,
        }
    }

    /// At the first `marked` in `text`, the file `file` holds; the mark underlines it.
    pub fn at(self, file: &str, text: &str, marked: &str) -> Self {
        self.at_nth(file, text, marked, 1)
    }

    /// At the `nth` (1-based) `marked` in `text`.
    pub fn at_nth(mut self, file: &str, text: &str, marked: &str, nth: usize) -> Self {
        let at = text
            .match_indices(marked)
            .nth(nth - 1)
            .unwrap_or_else(|| panic!("no {marked:?} number {nth} in the text"))
            .0;
        let line_start = text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let line_end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
        // One visible character for each in the file, so that the mark lines up: a tab
        // is shown as a space, and what could act on a terminal as U+FFFD.
        let line: String = text[line_start..line_end]
            .chars()
            .map(|c| match c {
                '\t' => ' ',
                c if c.is_control()
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') =>
                {
                    '\u{fffd}'
                }
                c => c,
            })
            .collect();
        let number = text[..at].matches('\n').count() + 1;
        let column = text[line_start..at].chars().count() + 1;
        let len = marked.lines().next().unwrap_or("").chars().count().max(1);
        self.place = format!("{file}:{number}:{column}");
        self.snippet = Some((number, line, column - 1, len));
        self
    }

    /// At `line:column` of `file`, shown without a snippet (as for a file that is not
    /// text).
    pub fn at_line(mut self, file: &str, line: usize, column: usize) -> Self {
        self.place = format!("{file}:{line}:{column}");
        self.gutter = Some(line.to_string().len());
        self
    }

    /// The mark `len` characters long, not as long as the marked text.
    pub fn marks(mut self, len: usize) -> Self {
        let snippet = self.snippet.as_mut().expect("a place first");
        snippet.3 = len;
        self
    }

    /// About the file as a whole, with no line.
    pub fn in_file(mut self, file: &str) -> Self {
        self.place = file.to_owned();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A snippet's line as shown: at most 100 characters, at most 50 of them before the
/// mark, with `…` where the line is cut; and where the mark starts in it and how long
/// it is (no longer than what is shown after its start).
fn cropped(line: &str, at: usize, len: usize) -> (String, usize, usize) {
    const WIDTH: usize = 100;
    let chars: Vec<char> = line.chars().collect();
    let start = at.saturating_sub(WIDTH / 2);
    let left = &chars[start..at];
    let end = chars.len().min(at + WIDTH - left.len());
    let right = &chars[at..end];
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(left.iter().chain(right));
    if end < chars.len() {
        shown.push('…');
    }
    (
        shown,
        left.len() + usize::from(start > 0),
        len.min(right.len().max(1)),
    )
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        writeln!(f, "{}: {}", self.label, self.message)?;
        assert!(!self.place.is_empty(), "a problem needs a place");
        writeln!(f, "  --> {}", self.place)?;
        let gutter = match &self.snippet {
            Some((number, line, at, len)) => {
                let (shown, at, len) = cropped(line, *at, *len);
                let gutter = number.to_string().len();
                writeln!(f, "{:gutter$} |", "")?;
                writeln!(f, "{number} | {shown}")?;
                writeln!(f, "{:gutter$} | {:at$}{}", "", "", "^".repeat(len))?;
                gutter
            }
            None => self.gutter.unwrap_or(2),
        };
        if let Some(help) = &self.help {
            writeln!(f, "{:gutter$} = help: {help}", "")?;
        }
        Ok(())
    }
}

/// What a command prints on standard error when the framework it is given is not valid.
pub fn framework_refused(problems: &[Problem]) -> String {
    let mut out = "error: the framework is not valid, so it cannot be used:\n\n".to_owned();
    for p in problems {
        out.push_str(&format!("{p}\n"));
    }
    out.push_str(FRAMEWORK_NEXT);
    out
}

/// The line that ends the refusal of an invalid framework: what to do next.
pub const FRAMEWORK_NEXT: &str = "Fix each problem above, then check the file again with `fairness validate FILE`; without `--framework`, fairness uses its built-in framework.\n";

/// What ends the refusal of a file that is not a record, given to `export`.
pub const NOT_EXPORTED: &str = "Nothing was exported. Give only case records that fairness wrote (`fairness cases` lists those in a case folder).\n";

/// What ends the refusal of a file to resume that is not a record (the terminal tests,
/// which run on Unix only).
#[cfg(unix)]
pub const NOT_RESUMED: &str = "It cannot be resumed. `fairness cases` lists the records in the case folder, and `fairness run` begins a new one.\n";

/// What `run --answers` prints on standard error when it refuses an answers file.
pub fn answers_refused(problems: &[Problem]) -> String {
    let all: Vec<String> = problems.iter().map(Problem::to_string).collect();
    let count = match problems.len() {
        1 => "1 problem".to_owned(),
        n => format!("{n} problems"),
    };
    format!(
        "error: the answers file is refused, and nothing was written:\n\n{}{count} found; nothing is signed or written until every one is fixed.\n",
        all.join("\n")
    )
}

/// The record at `path`, as text, checked to be readable by its owner only: mode 0600
/// on Unix; on Windows an access list naming the current user alone, inheriting nothing
/// from the folder.
pub fn private_record(path: &Path) -> String {
    let access = fairness::file::describe_access(path).unwrap();
    let private = fairness::file::private_access().unwrap();
    #[cfg(unix)]
    assert_eq!(access, "mode 0600", "{}", path.display());
    #[cfg(windows)]
    {
        assert!(private.starts_with("D:P(A;;FA;;;S-1-"), "{private}");
        assert_eq!(private.matches('(').count(), 1, "one entry only: {private}");
    }
    // Wine does not keep the access list a file is created with: it turns it into a
    // Unix mode and reports the list it makes from that mode, which names SYSTEM too.
    // There the list must name the user (the one entry of `private`) and nobody else
    // but SYSTEM; on Windows it must be `private`'s one entry.
    if cfg!(windows) && std::env::var_os("WINECONFIGDIR").is_some() {
        let user = private.trim_start_matches("D:P");
        assert_eq!(
            access,
            format!("D:(A;;FA;;;SY){user}"),
            "{}",
            path.display()
        );
    } else if cfg!(windows) {
        // Windows may add flags of its own after `P` (`D:PAI(…)`): the one entry is
        // what matters.
        let entry = private.trim_start_matches("D:P");
        assert!(
            access.starts_with("D:P") && access.ends_with(entry),
            "{access}"
        );
        assert_eq!(access.matches('(').count(), 1, "{access}");
    } else {
        assert_eq!(access, private, "{} is not private", path.display());
    }
    std::fs::read_to_string(path).unwrap()
}

/// Where a record's `seal` line starts: every byte before it is what the seal covers.
fn seal_line(text: &str) -> usize {
    if text.starts_with("seal: ") {
        return 0;
    }
    text.find("\nseal: ").expect("the record has a `seal` line") + 1
}

/// A record's digest as `verify` computes it, independently: `sha256:` and the SHA-256
/// of every byte above the `seal` line.
pub fn body_digest(text: &str) -> String {
    use sha2::Digest;
    let hex: String = sha2::Sha256::digest(&text.as_bytes()[..seal_line(text)])
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256:{hex}")
}

/// Checks a signed record's seal independently: its `seal` line seals every byte
/// above it, and (a record's reviews are sealed over it) only `reviews` follows.
pub fn assert_sealed(text: &str) {
    let at = seal_line(text);
    let line_end = at + text[at..].find('\n').unwrap() + 1;
    assert_eq!(
        &text[at..line_end],
        format!("seal: \"{}\"\n", body_digest(text)),
        "the seal does not match"
    );
    let after = &text[line_end..];
    assert!(
        after.is_empty() || after.starts_with("reviews:"),
        "only the reviews follow the seal: {after}"
    );
}

/// The harness itself: a stated expectation that is not met fails the run, and the
/// report says what was stated and what happened.
/// What running `command` gave. Under Wine, starting a process now and then fails
/// inside Wine itself, before the program runs (Windows error 1359, "Internal error"):
/// that is not fairness's doing, and starting it again is safe, so it is tried up to
/// three more times. Anywhere else, or for any other error, a failure to start fails
/// the test.
pub fn output_of(command: &mut assert_cmd::Command) -> std::process::Output {
    let under_wine = cfg!(windows) && std::env::var_os("WINECONFIGDIR").is_some();
    let mut tries = 0;
    loop {
        match command.output() {
            Ok(output) => return output,
            Err(e) if under_wine && e.raw_os_error() == Some(1359) && tries < 3 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            Err(e) => panic!("the binary runs: {e:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(test: Test) -> String {
        let payload = panic::catch_unwind(AssertUnwindSafe(|| {
            test.run();
        }))
        .expect_err("the run should fail the test");
        panic_message(&payload)
    }

    #[test]
    fn an_unstated_stream_must_be_empty_and_the_status_zero() {
        let report = failure(Test::new().args(["--version"]));
        assert!(report.contains("stdout should be empty"), "{report}");
        let report = failure(Test::new().args(["frobnicate"]).stderr_any());
        assert!(
            report.contains("the exit status is 2, and should be 0"),
            "{report}"
        );
    }

    #[test]
    fn exact_output_is_compared_line_by_line() {
        let report = failure(Test::new().args(["--version"]).stdout("fairness 9.9\n"));
        assert!(
            report.contains(
                "stdout is not as stated: line 1 differs\n      stated: \"fairness 9.9\\n\"\n      actual: \"fairness 0.1.0\\n\""
            ),
            "{report}"
        );
        assert!(
            report.contains("--- stdout as stated:\nfairness 9.9\n"),
            "{report}"
        );
        let report = failure(Test::new().args(["--version"]).stdout("fairness 0.1.0"));
        assert!(report.contains("line 1 differs"), "{report}");
        let report = failure(
            Test::new()
                .args(["--version"])
                .stdout("fairness 0.1.0\nmore\n"),
        );
        assert!(report.contains("actual: (the end)"), "{report}");
    }

    #[test]
    fn each_opt_out_checks_what_it_says() {
        let version = || Test::new().args(["--version"]);
        version().stdout_contains("0.1").run();
        version()
            .stdout_matches(r"^fairness \d+\.\d+\.\d+\n$")
            .run();
        version()
            .stdout_with(|out| assert!(out.starts_with("fairness")))
            .run();
        version().stdout_any().run();
        Test::new()
            .args(["frobnicate"])
            .stderr_contains("'frobnicate'")
            .stderr_lacks("panicked")
            .status(2)
            .run();
        for (test, problem) in [
            (version().stdout_contains("9.9"), "stdout lacks \"9.9\""),
            (
                version().stdout_lacks("fairness"),
                "stdout has \"fairness\", and should not",
            ),
            (
                version().stdout_matches(r"^\d"),
                "stdout has no match for /^\\d/",
            ),
            (
                Test::new()
                    .args(["frobnicate"])
                    .stderr_lacks("error")
                    .status(2),
                "stderr has \"error\", and should not",
            ),
            (
                version().stdout_with(|out| assert_eq!(out, "x", "the version line")),
                "stdout: assertion `left == right` failed: the version line",
            ),
        ] {
            let report = failure(test);
            assert!(report.contains(problem), "{report}");
        }
    }

    #[test]
    #[should_panic(expected = "the test states stdout exactly and also in part")]
    fn a_stream_is_stated_exactly_or_in_part_not_both() {
        let _ = Test::new().stdout("a").stdout_contains("b");
    }

    #[test]
    fn a_file_that_should_not_be_written_is_caught() {
        let report = failure(
            Test::new()
                .args(["init", "-o", "f.yaml", "--quiet"])
                .absent("f.yaml"),
        );
        assert!(
            report.contains("`f.yaml` exists after the run, and should not"),
            "{report}"
        );
    }
}
