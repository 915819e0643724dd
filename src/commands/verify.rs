//! `fairness verify RECORD...`: for each file, intact and signed, a draft, or altered.

use std::io::Write;
use std::path::Path;

use crate::cli::VerifyArgs;
use crate::diagnostic::{self, Diagnostic, LineIndex};
use crate::error::{Error, Status, describe};
use crate::record::{Finding, Integrity, Verdict, Verified, verify_text};
use crate::source::{self, ReadFailure};
use crate::terminal::with_label_coloured;
use crate::terminal::{bad, good, neutralise, notice, one_line};

/// A record file as found: its name as given, its text, and the verdict on it.
pub struct Checked {
    pub path: String,
    pub text: Option<String>,
    pub outcome: Outcome,
}

pub enum Outcome {
    /// The file could not be read at all (missing, a folder, no permission).
    Io(std::io::Error),
    /// Read, but not a readable case record.
    Unreadable(Vec<Diagnostic>),
    Read(Box<Verified>),
}

impl Checked {
    /// What the file's state makes of the exit code.
    pub fn status(&self) -> Status {
        match &self.outcome {
            Outcome::Io(_) => Status::Unreadable,
            Outcome::Unreadable(_) => Status::Invalid,
            Outcome::Read(v) if v.is_altered() => Status::Invalid,
            Outcome::Read(_) => Status::Success,
        }
    }

    /// Every problem found, as `validate` prints them: rustc-style, with the line of
    /// the file where there is one.
    pub fn report(&self) -> String {
        self.reports().concat()
    }

    /// [`Checked::report`], one rendered problem at a time.
    pub fn reports(&self) -> Vec<String> {
        let lines = self.text.as_deref().map(LineIndex::new);
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
        };
        diagnostics
            .iter()
            .map(|d| diagnostic::render(d, &self.path, lines.as_ref()))
            .collect()
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

pub fn run(args: &VerifyArgs, out: &mut dyn Write) -> Result<Status, Error> {
    if args.seal.is_some() && args.records.len() != 1 {
        return Err(Error::Usage(
            "`--seal` names the seal of one record: give exactly one RECORD with it".into(),
        ));
    }
    let seal = args.seal.as_deref().map(parse_seal).transpose()?;
    let mut worst = Status::Success;
    let mut counts = [0usize; 4];
    for path in &args.records {
        let mut checked = check(path);
        if let (Some(expected), Outcome::Read(v)) = (&seal, &mut checked.outcome) {
            expect_seal(v, expected);
        }
        worst = worst.max(checked.status());
        let (line, kind) = verdict_line(&checked);
        counts[kind] += 1;
        // Quiet: only the records that are not intact or a draft.
        if crate::terminal::quiet() && kind < 2 {
            continue;
        }
        writeln!(out, "{line}").map_err(Error::Output)?;
        let stderr = matches!(checked.outcome, Outcome::Io(_));
        let report: String = checked
            .reports()
            .iter()
            .map(|r| with_label_coloured(r, stderr))
            .collect();
        if stderr {
            // Not a finding about a record but a problem with the command: on standard
            // error, after what has been reported so far.
            out.flush().map_err(Error::Output)?;
            eprint!("{report}");
        } else if !report.is_empty() {
            write!(out, "\n{report}").map_err(Error::Output)?;
        }
    }
    if args.records.len() > 1 && !crate::terminal::quiet() {
        let [intact, draft, altered, unreadable] = counts;
        writeln!(
            out,
            "\n{} records checked: {intact} intact, {draft} draft, {altered} altered, {unreadable} unreadable",
            args.records.len()
        )
        .map_err(Error::Output)?;
    }
    Ok(worst)
}

/// The seal given with `--seal`, as records write it: `sha256:` and 64 lower-case hex
/// digits. The prefix may be left out and the digits may be in capitals; anything else
/// (a shortened seal, a typing slip) is refused rather than taken as a mismatch.
fn parse_seal(given: &str) -> Result<String, Error> {
    let given = given.trim();
    let hex = given
        .strip_prefix("sha256:")
        .or_else(|| given.strip_prefix("SHA256:"))
        .unwrap_or(given)
        .to_ascii_lowercase();
    let seal = format!("sha256:{hex}");
    if crate::value::is_digest(&seal) {
        Ok(seal)
    } else {
        Err(Error::Usage(format!(
            "`--seal {}` is not a whole seal: give it as sign-off printed it, `sha256:` and 64 hex digits",
            crate::terminal::one_line(given)
        )))
    }
}

/// Judges a record altered unless it carries the seal noted at sign-off. The seal in a
/// record proves its content matches the seal; only a copy of the seal kept elsewhere
/// proves the seal itself was not recomputed after an edit.
fn expect_seal(verified: &mut Verified, expected: &str) {
    let found = verified.record.seal.as_deref();
    if found == Some(expected) {
        return;
    }
    let message = match found {
        Some(found) => format!(
            "its seal is {}, not the one given with --seal ({})",
            neutralise(found),
            neutralise(expected)
        ),
        None => format!(
            "it has no seal, but one was given with --seal ({})",
            neutralise(expected)
        ),
    };
    let finding = Finding { message, at: None };
    match &mut verified.integrity {
        Integrity::Altered(findings) => findings.insert(0, finding),
        other => *other = Integrity::Altered(vec![finding]),
    }
}

/// The verdict on one file in a line (two for an intact record: the seal follows), and
/// which count it adds to: intact, draft, altered, unreadable.
fn verdict_line(checked: &Checked) -> (String, usize) {
    let path = one_line(&checked.path);
    match &checked.outcome {
        Outcome::Io(_) => (format!("{path}: {}", bad("could not be read")), 3),
        Outcome::Unreadable(_) => (format!("{path}: {}", bad("not a readable case record")), 3),
        Outcome::Read(v) => {
            let record = &v.record;
            match &v.integrity {
                Integrity::Intact => {
                    let s = record.sign_off.as_ref().expect("intact records are signed");
                    (
                        format!(
                            "{path}: {}, signed by {} ({}) at {}\n  case {}, seal {}",
                            good("intact"),
                            neutralise(&s.name),
                            neutralise(&s.role),
                            crate::value::shown_time(&s.signed),
                            neutralise(&record.case.reference),
                            neutralise(record.seal.as_deref().unwrap_or_default()),
                        ),
                        0,
                    )
                }
                Integrity::Draft => (
                    format!(
                        "{path}: {}, not signed yet (case {}, {} answer{}, last saved {}); a draft has no seal, so only its form can be checked",
                        notice("draft"),
                        neutralise(&record.case.reference),
                        record.answers.len(),
                        if record.answers.len() == 1 { "" } else { "s" },
                        crate::value::shown_time(&record.case.updated),
                    ),
                    1,
                ),
                Integrity::Altered(_) => (
                    format!(
                        "{path}: {}: this record has been changed outside fairness, so it cannot be relied on",
                        bad("ALTERED")
                    ),
                    2,
                ),
            }
        }
    }
}
