//! Stopping a command while it writes: a Ctrl-C, a closed terminal or a `kill` that
//! lands after a temporary file is written and before it is named must leave no
//! temporary file (which would hold the whole case), write nothing, and exit 130.
//!
//! The window is a few microseconds, so the program is held in it: with
//! `FAIRNESS_TEST_HOLD_BEFORE_RENAME` set, it creates the named marker once the
//! temporary file is written and waits there for the stop. Signals are sent with
//! `kill`, which Windows lacks (there the console's events set the same flag, see
//! `src/platform/windows.rs`), so these tests run on Unix.
#![cfg(unix)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::repo_file;
use crate::records::signed;

/// The hidden temporary files in `dir`.
fn temporary(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(".fairness-"))
        .collect()
}

/// Starts `fairness ARGS` in `dir` and returns it once it is held between writing a
/// temporary file in `folder` and naming it, checked to be there and not empty.
fn held(dir: &Path, args: &[&str], folder: &Path) -> Child {
    let marker = dir.join("held");
    let mut command = Command::new(env!("CARGO_BIN_EXE_fairness"));
    crate::harness::isolate(&mut command, dir);
    let child = command
        .current_dir(dir)
        .args(args)
        .env("FAIRNESS_TEST_HOLD_BEFORE_RENAME", &marker)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !marker.exists() {
        assert!(
            Instant::now() < deadline,
            "fairness {args:?} never reached the window"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    // In the window: the temporary file is there, holding what is being written.
    let temporary = temporary(folder);
    assert_eq!(temporary.len(), 1, "{temporary:?}");
    assert!(std::fs::metadata(folder.join(&temporary[0])).unwrap().len() > 0);
    child
}

/// Sends `signal` to `child`, and returns its exit code, standard output and error
/// once it has ended, checking that it left no temporary file in `folder`.
fn stop(child: Child, signal: i32, folder: &Path) -> (Option<i32>, String, String) {
    // SAFETY: sending a signal to a child this test started.
    assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        temporary(folder),
        Vec::<String>::new(),
        "a temporary file was left"
    );
    let text = |bytes| String::from_utf8(bytes).unwrap();
    (
        output.status.code(),
        text(output.stdout),
        text(output.stderr),
    )
}

/// Runs `fairness ARGS` in `dir`, sends `signal` once it is held between writing its
/// temporary file and naming it, and returns its exit code and standard error; it
/// must print nothing on standard output.
fn stopped_in_the_window(dir: &Path, args: &[&str], signal: i32) -> (Option<i32>, String) {
    let (code, stdout, stderr) = stop(held(dir, args, dir), signal, dir);
    assert_eq!(stdout, "", "{stderr}");
    (code, stderr)
}

fn stopped(path: &str) -> String {
    format!("stopped before `{path}` was written; no part of it was written\n")
}

#[test]
fn a_record_from_an_answers_file_stopped_before_it_is_named_is_not_written() {
    for signal in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("answers.yaml"),
            repo_file("examples/answers/dentist-health.yaml"),
        )
        .unwrap();
        let args = ["run", "--answers", "answers.yaml", "--out", "r.yaml"];
        let (code, stderr) = stopped_in_the_window(dir.path(), &args, signal);
        assert_eq!(code, Some(130), "signal {signal}: {stderr}");
        assert_eq!(stderr, stopped("r.yaml"), "signal {signal}");
        assert!(!dir.path().join("r.yaml").exists());
    }
}

#[test]
fn an_export_to_a_file_stopped_before_it_is_named_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.yaml"), signed("dentist-health")).unwrap();
    let args = ["export", "r.yaml", "--format", "html", "-o", "r.html"];
    let (code, stderr) = stopped_in_the_window(dir.path(), &args, libc::SIGTERM);
    assert_eq!(code, Some(130), "{stderr}");
    assert_eq!(stderr, stopped("r.html"));
    assert!(!dir.path().join("r.html").exists());
}

#[test]
fn a_framework_from_init_stopped_before_it_is_named_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["init", "-o", "ours.yaml"];
    let (code, stderr) = stopped_in_the_window(dir.path(), &args, libc::SIGTERM);
    assert_eq!(code, Some(130), "{stderr}");
    assert_eq!(stderr, stopped("ours.yaml"));
    assert!(!dir.path().join("ours.yaml").exists());
}

/// Manual pages are replaced one by one: a stop lets the page being written take its
/// name (it is whole), and no later page is begun.
#[test]
fn manual_pages_stopped_part_way_leave_whole_pages_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    let child = held(dir.path(), &["man", "-o", "pages"], &pages);
    let (code, _, stderr) = stop(child, libc::SIGTERM, &pages);
    assert_eq!(code, Some(130), "{stderr}");
    let written: Vec<_> = std::fs::read_dir(&pages).unwrap().collect();
    assert_eq!(written.len(), 1, "only the page in hand is finished");
    assert!(stderr.starts_with("stopped before `pages"), "{stderr}");
}
