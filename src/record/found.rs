//! A record file as found by `verify` and `export`: its name as given, its text, and
//! the verdict on it, with the report of every problem found.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::diagnostic::{self, Diagnostic, LineIndex};
use crate::error::{Status, describe};
use crate::source::{self, ReadFailure};
use crate::terminal::{Console, neutralise, one_line};

use crate::value::shown_time;

use super::{Integrity, Verdict, Verified, verify_text};

/// A record file as found: its name as given, its text, and the verdict on it.
pub struct Checked {
    pub path: String,
    /// The file's text: none where it could not be read, nor, from [`check_each`], for
    /// a sound record (nothing in it to show at its line).
    pub text: Option<String>,
    pub outcome: Outcome,
}

pub enum Outcome {
    /// The file could not be read at all (missing, a folder, no permission).
    Io(std::io::Error),
    /// Read, but not a readable case record.
    Unreadable(Vec<Diagnostic>),
    Read(Box<Verified>),
    /// Intact on its own (its content matches its own seal), but that seal is not the one
    /// given with `--seal`: the seal was copied wrongly, or this is not the record that
    /// was sealed with it. Either way not to be relied on as that record, but not
    /// evidence that this file was changed.
    OtherSeal {
        verified: Box<Verified>,
        given: String,
    },
}

impl Checked {
    /// What the file's state makes of the exit code.
    pub fn status(&self) -> Status {
        match &self.outcome {
            Outcome::Io(_) => Status::Unreadable,
            Outcome::Unreadable(_) => Status::Invalid,
            Outcome::Read(v) if v.is_altered() => Status::Invalid,
            Outcome::Read(_) => Status::Success,
            Outcome::OtherSeal { .. } => Status::Invalid,
        }
    }

    /// Every problem found, as `validate` prints them: rustc-style, with the line of
    /// the file where there is one.
    pub fn report(&self) -> String {
        self.reports().concat()
    }

    /// [`Checked::report`], one rendered problem at a time.
    pub fn reports(&self) -> Vec<String> {
        let diagnostics: Vec<Diagnostic> = match &self.outcome {
            Outcome::Io(io) => vec![Diagnostic::error(
                format!("cannot read the file: {}", describe(io)),
                None,
            )],
            Outcome::Unreadable(d) => d.clone(),
            Outcome::Read(v) => match &v.integrity {
                Integrity::Altered(findings) => findings
                    .iter()
                    .map(|f| Diagnostic::error(f.message.clone(), f.at))
                    .collect(),
                _ => Vec::new(),
            },
            Outcome::OtherSeal { verified, given } => vec![
                Diagnostic::error(
                    if verified.record.reviews.is_empty() {
                        format!(
                            "the seal given with --seal ({}) does not match this record's seal ({})",
                            neutralise(given),
                            neutralise(verified.record.seal.as_deref().unwrap_or_default()),
                        )
                    } else {
                        format!(
                            "the seal given with --seal ({}) matches neither this record's seal ({}) nor that of any of its {} reviews",
                            neutralise(given),
                            neutralise(verified.record.seal.as_deref().unwrap_or_default()),
                            verified.record.reviews.len(),
                        )
                    },
                    None,
                )
                .with_help(format!(
                    "check that the seal was copied in full from where it was kept; if it was, this file is not the record that was sealed with it{}",
                    if verified.record.format >= super::Format::V2 {
                        ", or the review that was sealed with it has been removed"
                    } else {
                        ""
                    }
                )),
            ],
        };
        if diagnostics.is_empty() {
            return Vec::new();
        }
        let lines = self.text.as_deref().map(LineIndex::new);
        diagnostics
            .iter()
            .map(|d| diagnostic::render(d, &self.path, lines.as_ref()))
            .collect()
    }

    /// Judges the record altered unless it carries the seal `expected` (see
    /// [`Verified::expect_seal`]); a file that is not a readable record stays as it is.
    /// A record intact on its own whose seal differs is [`Outcome::OtherSeal`], not
    /// altered: nothing shows the file was changed.
    pub fn expect_seal(&mut self, expected: &str) {
        let Outcome::Read(v) = &mut self.outcome else {
            return;
        };
        if v.integrity != Integrity::Intact || v.record.holds_seal(expected) {
            v.expect_seal(expected);
            return;
        }
        let Outcome::Read(verified) =
            std::mem::replace(&mut self.outcome, Outcome::Unreadable(Vec::new()))
        else {
            unreachable!("matched above")
        };
        self.outcome = Outcome::OtherSeal {
            verified,
            given: expected.to_owned(),
        };
    }

    /// The verdict on one file in a line (two for an intact record: the seal follows), and
    /// which count it adds to: intact, draft, altered, unreadable.
    pub fn verdict_line(&self, console: &Console) -> (String, usize) {
        let path = one_line(&self.path);
        match &self.outcome {
            Outcome::Io(_) => (format!("{path}: {}", console.bad("could not be read")), 3),
            Outcome::Unreadable(_) => (
                format!("{path}: {}", console.bad("not a readable case record")),
                3,
            ),
            Outcome::Read(v) => {
                let record = &v.record;
                match &v.integrity {
                    Integrity::Intact => {
                        let s = record.sign_off.as_ref().expect("intact records are signed");
                        let mut line = format!(
                            "{path}: {}, signed by {}, at {}\n  case {}, seal {}",
                            console.good("intact"),
                            s.signer(),
                            shown_time(&s.signed),
                            neutralise(&record.case.reference),
                            neutralise(record.seal.as_deref().unwrap_or_default()),
                        );
                        // Format 2: where it stands with its reviewers, and each signature.
                        for said in super::signature_lines(record) {
                            line.push_str("\n  ");
                            line.push_str(&said);
                        }
                        (line, 0)
                    }
                    Integrity::Draft => (
                        format!(
                            "{path}: {}, not signed yet (case {}, {} answer{}, last saved {}); a draft has no seal, so only its form can be checked",
                            console.notice("draft"),
                            neutralise(&record.case.reference),
                            record.answers.len(),
                            if record.answers.len() == 1 { "" } else { "s" },
                            shown_time(&record.case.updated),
                        ),
                        1,
                    ),
                    Integrity::Altered(_) => (
                        format!(
                            "{path}: {}: this record has been changed outside fairness, so it cannot be relied on",
                            console.bad("ALTERED")
                        ),
                        2,
                    ),
                }
            }
            Outcome::OtherSeal { .. } => (
                format!(
                    "{path}: {}: its content matches its own seal, but not the seal given with --seal",
                    console.bad("SEAL DIFFERS")
                ),
                2,
            ),
        }
    }
}

/// Reads and judges one record file.
pub fn check(path: &Path) -> Checked {
    let shown = path.display().to_string();
    match source::read_text(path) {
        Err(ReadFailure::Io(io)) => Checked {
            path: shown,
            text: None,
            outcome: Outcome::Io(io),
        },
        Err(ReadFailure::Invalid(d)) => Checked {
            path: shown,
            text: None,
            outcome: Outcome::Unreadable(vec![d]),
        },
        Ok(text) => {
            let outcome = match verify_text(&text) {
                Verdict::Unreadable(d) => Outcome::Unreadable(d),
                Verdict::Read(v) => Outcome::Read(v),
            };
            Checked {
                path: shown,
                text: Some(text),
                outcome,
            }
        }
    }
}

/// Reads and judges every record file in `paths`, as [`check`] does one, in parallel
/// across the processor's cores (`RAYON_NUM_THREADS` sets how many threads), and
/// returns them in the order given. While it works, and only when that takes more than
/// about a second and standard error is a terminal (and `--quiet` was not given), a
/// progress bar is shown there.
///
/// Every record is held in memory (with its text only where something is wrong with
/// it); for more records than that suits,
/// [`check_each`] takes them a batch at a time.
pub fn check_all<P: AsRef<Path> + Sync>(paths: &[P]) -> Vec<Checked> {
    let mut all = Vec::with_capacity(paths.len());
    let _ = check_each(paths, |checked| {
        all.push(checked);
        Ok::<(), ()>(())
    });
    all
}

/// How many records are read at once by [`check_each`]: enough to keep every core
/// busy, few enough that a batch is soon read and little is held.
const BATCH: usize = 256;

/// [`check_all`], a batch at a time: each file's [`Checked`] is given to `each` in the
/// order of `paths`, a batch having been read in parallel before any of it is given.
/// The first error `each` returns stops the reading, and is returned.
pub fn check_each<P: AsRef<Path> + Sync, E>(
    paths: &[P],
    mut each: impl FnMut(Checked) -> Result<(), E>,
) -> Result<(), E> {
    check_each_prepared(paths, |_| (), |checked, ()| each(checked))
}

/// [`check_each`], with `prepare` run on each record as soon as it is judged, in
/// parallel, and what it makes given to `each` beside the record: for the work that
/// needs the record alone (an export's CSV rows), so that it too is spread across the
/// cores.
pub fn check_each_prepared<P: AsRef<Path> + Sync, T: Send, E>(
    paths: &[P],
    prepare: impl Fn(&Checked) -> T + Sync,
    mut each: impl FnMut(Checked, T) -> Result<(), E>,
) -> Result<(), E> {
    let progress = Progress::new(paths.len());
    for batch in paths.chunks(BATCH) {
        let checked: Vec<(Checked, T)> = batch
            .par_iter()
            .map(|path| {
                let mut checked = check(path.as_ref());
                // Over many records the text is kept only to place what is wrong with
                // one at its line: a sound record's is let go at once, which halves the
                // memory held, and the time the system spends finding it.
                if matches!(&checked.outcome, Outcome::Read(v)
                    if matches!(v.integrity, Integrity::Intact | Integrity::Draft))
                {
                    checked.text = None;
                }
                progress.bar.inc(1);
                let prepared = prepare(&checked);
                (checked, prepared)
            })
            .collect();
        progress.show_when_slow();
        // The bar is taken off while the batch is used, so that anything said on
        // standard error meanwhile is not drawn over.
        progress.bar.suspend(|| {
            (checked.into_iter()).try_for_each(|(checked, prepared)| each(checked, prepared))
        })?;
    }
    Ok(())
}

/// Whether [`hide_progress`] was called.
static PROGRESS_HIDDEN: AtomicBool = AtomicBool::new(false);

/// No progress bar from now on, whatever standard error is: for `--quiet`.
pub fn hide_progress() {
    PROGRESS_HIDDEN.store(true, Ordering::Relaxed);
}

/// A progress bar on standard error, hidden until the work has taken
/// [`Progress::AFTER`], and never drawn unless standard error is a terminal.
struct Progress {
    bar: ProgressBar,
    began: Instant,
    shown: std::cell::Cell<bool>,
}

impl Progress {
    const AFTER: Duration = Duration::from_secs(1);

    fn new(records: usize) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(records as u64), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("reading records {wide_bar} {pos}/{len}") {
            bar.set_style(style.progress_chars("=> "));
        }
        Progress {
            bar,
            began: Instant::now(),
            shown: std::cell::Cell::new(false),
        }
    }

    /// Draws the bar from now on, once the work has gone on long enough.
    fn show_when_slow(&self) {
        use std::io::IsTerminal;
        if self.shown.get() || self.began.elapsed() < Self::AFTER {
            return;
        }
        self.shown.set(true);
        if std::io::stderr().is_terminal() && !PROGRESS_HIDDEN.load(Ordering::Relaxed) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }
}

impl Drop for Progress {
    /// The bar leaves nothing behind: what follows is written where it was.
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
