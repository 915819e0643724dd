//! Everything that can stop a command, each with the data needed to say what went wrong
//! and what to do next, and every such message, written here and nowhere else. An
//! [`Error`] is printed once, by `app::run`, through the run's `Console`.
//!
//! The messages share one way of being built: a variant carries paths, counts, names
//! and the diagnostics of a file as found, and its `Display` below writes the sentence,
//! showing every path with [`shown`] and every piece of a file's text neutralised.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diagnostic::Report;
use crate::shell::word as shell_word;
use crate::terminal::{neutralise, one_line};

/// How a command ended, when it ran to the end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Exit code 0.
    Success,
    /// Exit code 1: the input was examined and is invalid.
    Invalid,
    /// Exit code 2: an input could not be read.
    Unreadable,
    /// Exit code 130: stopped part-way by the person or a signal. `run` has saved
    /// every answer given; a command writing a file has written nothing.
    Interrupted,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(match status {
            Status::Success => 0,
            Status::Invalid => 1,
            Status::Unreadable => 2,
            Status::Interrupted => 130,
        })
    }
}

#[derive(Debug)]
pub enum Error {
    /// A file could not be read.
    Read { path: PathBuf, io: io::Error },
    /// A file could not be written.
    Write { path: PathBuf, io: io::Error },
    /// A file could not be written because the folder it is to go in, `folder`, is
    /// not there (see [`Error::write`]).
    NoFolder { path: PathBuf, folder: PathBuf },
    /// The case folder in force is not there: which it is, and what set it.
    NoCaseFolder { folder: PathBuf, from: String },
    /// A case reference (`run --resume`, `verify`, `export`) with no record of that name
    /// in the case folder: the nearest references there, nearest first, if any is close.
    NoRecord {
        reference: String,
        folder: PathBuf,
        near: Vec<String>,
    },
    /// The config file cannot be used: every problem found in it.
    InvalidConfig(Report),
    /// Writing to standard output failed (a closed pipe is not a failure: see
    /// [`crate::stdout`]).
    Output(io::Error),
    /// The command would overwrite a file, which it never does.
    Exists { path: PathBuf },
    /// Asked to stop (Ctrl-C, a closed terminal, a `kill`) before the new file at `path`
    /// was named: its temporary file is removed and nothing is written. Exit code 130.
    Stopped { path: PathBuf },
    /// The framework to use is not valid: every problem found in it.
    InvalidFramework(Report),
    /// A case record cannot be read as one: where and why.
    InvalidRecord(Report),
    /// A record given to `export` cannot be read as one, so nothing was exported.
    NotExported(Report),
    /// An answers file is not text fairness reads (too large, not UTF-8, binary).
    AnswersNotText(Report),
    /// An answers file is refused: every problem in it.
    InvalidAnswers(Report),
    /// Another session has the draft open.
    Locked { path: PathBuf, holder: Option<u32> },
    /// A draft could not be saved; the file on disk is the previous draft.
    DraftNotSaved {
        path: PathBuf,
        why: NotSaved,
        /// The command that continues from the last save.
        resume: String,
    },
    /// A record filled in from an answers file is too large to be read back.
    RecordTooLarge(TooLarge),
    /// A value given on the command line cannot be used.
    Usage(Usage),
    /// A draft, or its lock file, is not a file a session may hold.
    Draft(DraftRefusal),
    /// A draft cannot be resumed as it is.
    Resume(ResumeRefusal),
    /// `fairness amend`: the record given cannot be amended.
    Amend(AmendRefusal),
    /// `countersign` refused the record, or the review, and wrote nothing.
    Countersign(CountersignRefusal),
    /// A review file (`countersign --answers`) is refused: every problem in it.
    InvalidReview(Report),
    /// `report --monitoring` or `--workforce`: the file is refused, with every problem
    /// in it. `what` names it: `monitoring file`, `workforce file`.
    InvalidInput { what: &'static str, report: Report },
    /// A key cannot sign, or may not: nothing was signed.
    Key(KeyProblem),
    /// The allowed-signers or revoked-keys file is refused, with every problem in it.
    /// `what` names it.
    InvalidKeyList { what: &'static str, report: Report },
    /// `export --audience practitioner`: the framework a record was made with is not at
    /// hand, so its support cannot be listed.
    FrameworkNotAtHand {
        /// The record, as given.
        file: String,
        /// The framework as the record names it.
        name: String,
        version: String,
        source: String,
        /// Whether the file is there but has changed since (else it cannot be read).
        changed: bool,
    },
}

/// A value given on the command line that cannot be used, or two that do not go
/// together.
#[derive(Debug, PartialEq, Eq)]
pub enum Usage {
    /// `run` without `--answers`, where standard input or error is not a terminal.
    NotATerminal,
    /// `amend` without `--answers`, where standard input or error is not a terminal.
    AmendNotATerminal,
    /// `countersign` without `--answers`, where standard input or error is not a
    /// terminal.
    ReviewNotATerminal,
    /// `verify --seal` with more than one record.
    SealNeedsOneRecord,
    /// `verify --seal` with something that is not a whole seal (trimmed, as given).
    NotASeal { given: String },
    /// `man COMMAND` with a name that is not one of `commands`.
    NotACommand { name: String, commands: Vec<String> },
    /// `man -o` naming a file rather than a folder.
    PagesFolderIsAFile { path: PathBuf },
    /// `export --audience practitioner` with a format that has no such view.
    PractitionerNeedsDocument,
    /// `export --framework` without `--audience practitioner`.
    FrameworkNeedsPractitioner,
    /// `export --format signed-parts` without `-o FOLDER`.
    SignedPartsNeedFolder,
    /// `init --organisation` with an empty name, or one with control characters.
    OrganisationName,
    /// A setting given as a flag or in the environment that cannot be used: where it
    /// was given (`FAIRNESS_SIGNER_NAME`, `--signer-name`) and why.
    Setting { given: String, why: String },
}

/// A draft to resume, or its lock file, that a session may not hold.
#[derive(Debug, PartialEq, Eq)]
pub enum DraftRefusal {
    /// The draft is a symbolic link (to `target`, where it can be read).
    IsALink {
        path: PathBuf,
        target: Option<PathBuf>,
    },
    /// The draft has more than one name.
    HardLinks { path: PathBuf, names: u64 },
    /// The lock file beside the draft is a symbolic link.
    LockIsALink { path: PathBuf },
    /// The lock file beside the draft is not a regular file.
    LockNotAFile { path: PathBuf },
}

/// Why a draft is not resumed.
#[derive(Debug, PartialEq, Eq)]
pub enum ResumeRefusal {
    /// It says it is signed but lacks its seal or its sign-off.
    SignedWithout { path: PathBuf, lacks: Lacks },
    /// It is signed and sealed (by the name, on the date, where the sign-off says).
    Signed {
        path: PathBuf,
        by: Option<(String, String)>,
    },
    /// It is signed, and a reviewer returned it (boxed: it is the largest refusal, and
    /// every `Result` carries the size of its error).
    Returned(Box<Returned>),
    /// It is not a draft the framework in use could have written: each problem found.
    NotThisFrameworks {
        path: PathBuf,
        problems: Vec<String>,
    },
    /// It was begun with another framework, and `--migrate` was not given.
    OtherFramework {
        change: Box<FrameworkChange>,
        /// The framework file given with `--framework`, if any.
        framework: Option<PathBuf>,
        /// What the draft was begun with, and how that stands now.
        begun: Begun,
    },
}

/// A signed record a reviewer returned: who (name, role), when, and their comments, to
/// be shown to the case manager.
#[derive(Debug, PartialEq, Eq)]
pub struct Returned {
    pub path: PathBuf,
    pub by: (String, String),
    pub at: String,
    pub comments: String,
}

/// Why `fairness amend` does not amend a record.
#[derive(Debug, PartialEq, Eq)]
pub enum AmendRefusal {
    /// `--reason` is blank or not acceptable text: why.
    Reason { why: String },
    /// The record is a draft: it can still be changed as it is.
    Draft { path: PathBuf },
    /// The record has been changed outside fairness, or cannot be read as a record.
    NotIntact { path: PathBuf },
    /// A record beside it supersedes it already (or is amending it, as a draft).
    Superseded {
        path: PathBuf,
        by: PathBuf,
        signed: bool,
    },
}

/// Why a key cannot sign (or may not), or cannot be made: in each case nothing is
/// signed or written.
#[derive(Debug, PartialEq, Eq)]
pub enum KeyProblem {
    /// No key file at the path in force.
    Missing { path: PathBuf },
    /// No key file at the path a setting gave (`from` says which).
    MissingSet { path: PathBuf, from: String },
    /// Others may read the key file: `access` in the system's words.
    Unprotected { path: PathBuf, access: String },
    /// Not an OpenSSH private key (`public`: it is a public key's line).
    NotAKey { path: PathBuf, public: bool },
    /// A key of another kind than Ed25519.
    NotEd25519 { path: PathBuf, algorithm: String },
    /// The passphrase given does not unlock the key.
    WrongPassphrase { path: PathBuf },
    /// Asked too many times in a terminal, and never unlocked.
    Unlocked { path: PathBuf },
    /// A protected key, signing from a file, with no passphrase given.
    NoPassphrase { path: PathBuf },
    /// A passphrase file whose text is empty.
    EmptyPassphrase { path: PathBuf },
    /// `key new` asked for the passphrase where there is no terminal and none given.
    NewKeyNeedsPassphrase,
    /// `key new` where a key (or its `.pub`) is already there.
    KeyExists { path: PathBuf },
    /// `key new` with a passphrase too short to protect the key.
    WeakPassphrase,
    /// Keys are required (`from` says where), and no key is set.
    Required { from: String },
    /// Keys are required, and the record is in format 1, which cannot hold one.
    Format1 { from: String },
    /// The key is in the revoked-keys file, on `line`.
    Revoked {
        fingerprint: String,
        file: PathBuf,
        line: u32,
    },
    /// The allowed-signers file does not list the key for the name (when keys are
    /// required), or lists it only for others, or not for now.
    NotListed {
        name: String,
        fingerprint: String,
        signers: PathBuf,
        /// Why, in words: "lists it only for …", "lists it only until …".
        why: String,
    },
    /// The record to countersign or amend has a signature that does not count.
    RecordFails {
        what: &'static str,
        number: usize,
        says: String,
    },
    /// The reviewer's key made an earlier signature of the record.
    SameKeyAgain { number: usize },
    /// The name cannot be written as a principal of an allowed-signers file.
    Name { name: String, why: String },
}

impl fmt::Display for KeyProblem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        const NAME_IT: &str = "make one with `fairness key new`, or name your own OpenSSH key with `--key`, FAIRNESS_KEY or the config file's `key`";
        match self {
            KeyProblem::MissingSet { path, from } => write!(
                f,
                "there is no key at `{}` (set by {from}): {NAME_IT}; nothing was signed",
                shown(path)
            ),
            KeyProblem::Missing { path } => write!(
                f,
                "there is no key at `{}`: {NAME_IT}; nothing was signed",
                shown(path)
            ),
            KeyProblem::Unprotected { path, access } => write!(
                f,
                "the key `{}` can be read by others ({access}), so fairness will not use it, as OpenSSH will not. Make it readable by you alone{}; nothing was signed",
                shown(path),
                if cfg!(unix) {
                    format!(" (`chmod 600 {}`)", shell_word(path.as_os_str()))
                } else {
                    String::new()
                }
            ),
            KeyProblem::NotAKey { path, public: true } => write!(
                f,
                "`{}` is a public key: give the private key it goes with (the file without `.pub`)",
                shown(path)
            ),
            KeyProblem::NotAKey { path, public: false } => write!(
                f,
                "`{}` is not an OpenSSH private key: {NAME_IT}",
                shown(path)
            ),
            KeyProblem::NotEd25519 { path, algorithm } => write!(
                f,
                "`{}` is {}; fairness signs with Ed25519 keys only: make one with `fairness key new` or `ssh-keygen -t ed25519`",
                shown(path),
                if algorithm.is_empty() {
                    "an OpenSSH key of another kind (ECDSA, say)".to_owned()
                } else {
                    format!("an {} key", one_line(algorithm))
                }
            ),
            KeyProblem::WrongPassphrase { path } => write!(
                f,
                "the passphrase does not unlock the key `{}`; nothing was signed",
                shown(path)
            ),
            KeyProblem::Unlocked { path } => write!(
                f,
                "the key `{}` was not unlocked after three tries; nothing was signed",
                shown(path)
            ),
            KeyProblem::NoPassphrase { path } => write!(
                f,
                "the key `{}` is protected by a passphrase: give it in a file with `--passphrase-file`, or in FAIRNESS_KEY_PASSPHRASE; nothing was signed",
                shown(path)
            ),
            KeyProblem::EmptyPassphrase { path } => write!(
                f,
                "the passphrase file `{}` is empty; nothing was signed",
                shown(path)
            ),
            KeyProblem::NewKeyNeedsPassphrase => f.write_str(
                "a new key is protected by a passphrase, asked for in a terminal; without one, give it with `--passphrase-file` or FAIRNESS_KEY_PASSPHRASE",
            ),
            KeyProblem::KeyExists { path } => write!(
                f,
                "there is a key at `{}` already, and nothing was written: `fairness key new --force` replaces it (the signatures it made still check), or `-o FILE` makes another beside it",
                shown(path)
            ),
            KeyProblem::WeakPassphrase => f.write_str(
                "the passphrase is too short: give one of at least 8 characters (a few words are easier to remember)",
            ),
            KeyProblem::Required { from } => write!(
                f,
                "every signature must be made with a key (`require_keys` is set, by {from}), and no key is set: {NAME_IT}; nothing was signed"
            ),
            KeyProblem::Format1 { from } => write!(
                f,
                "every signature must be made with a key (`require_keys` is set, by {from}), and this is a `fairness-record/1` record, which has no place for one; nothing was signed"
            ),
            KeyProblem::Revoked {
                fingerprint,
                file,
                line,
            } => write!(
                f,
                "the key {fingerprint} is revoked (it is in `{}`, line {line}): it can no longer sign, and nothing was signed. Make a new key (`fairness key new --force`) and send its line (`fairness key show`) to your governance lead",
                shown(file)
            ),
            KeyProblem::NotListed {
                name,
                fingerprint,
                signers,
                why,
            } => write!(
                f,
                "the signers file `{}` {why}, so a signature by \"{}\" with the key {fingerprint} would not count as theirs; nothing was signed. {}",
                shown(signers),
                neutralise(name),
                if why.contains("only until") || why.contains("only from") {
                    "Ask your governance lead whether the key should still sign, or make a new one (`fairness key new --force`) and send them its line"
                } else {
                    "Send the line `fairness key show` prints to your governance lead, or sign in the name the file lists"
                }
            ),
            KeyProblem::RecordFails { what, number, says } => write!(
                f,
                "the record cannot be {what}: its signature {number} does not count ({says}); nothing was written. `fairness verify --signers FILE` says more"
            ),
            KeyProblem::SameKeyAgain { number } => write!(
                f,
                "your key made signature {number} of this record: a countersignature must be someone else's, with their own key; nothing was written"
            ),
            KeyProblem::Name { name, why } => write!(
                f,
                "\"{}\" cannot be listed in an allowed-signers file as it is: {why}; sign with a name without them",
                neutralise(name)
            ),
        }
    }
}

/// Why `countersign` wrote nothing.
#[derive(Debug, PartialEq, Eq)]
pub enum CountersignRefusal {
    /// The record is a draft: only a signed record is reviewed.
    Draft { path: PathBuf },
    /// The record has been changed since it was sealed.
    Altered { path: PathBuf },
    /// A `fairness-record/1` record, whose format has no place for reviews.
    Format1 { path: PathBuf },
    /// The file changed while the reviewer was reading it.
    Changed { path: PathBuf },
    /// The reviewer gave the signer's own name (in whatever role).
    Signer,
    /// A signed record beside it supersedes it: the newer version is the one to review.
    Superseded {
        path: PathBuf,
        by: PathBuf,
        version: u32,
    },
}

impl fmt::Display for CountersignRefusal {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            CountersignRefusal::Draft { path } => write!(
                f,
                "`{}` is a draft: only a signed record can be countersigned. The case manager signs it first (`{}`)",
                shown(path),
                crate::shell::resume_command(path, None)
            ),
            CountersignRefusal::Altered { path } => write!(
                f,
                "`{}` has been changed since it was sealed, so it cannot be countersigned; `fairness verify {}` says what is wrong with it",
                shown(path),
                shell_word(path.as_os_str())
            ),
            CountersignRefusal::Format1 { path } => write!(
                f,
                "`{}` is a `fairness-record/1` record, written before records could be countersigned: its format has no place for a review, and a sealed record is never changed. Keep it as it is; a new record of the case can be countersigned",
                shown(path)
            ),
            CountersignRefusal::Changed { path } => write!(
                f,
                "`{}` changed while it was being reviewed, so nothing was written; run `fairness countersign` again to review it as it is now",
                shown(path)
            ),
            CountersignRefusal::Signer => f.write_str(
                "the reviewer has the same name as the person who signed the record: a countersignature must be someone else's, whatever role it is given in, and nothing was written",
            ),
            CountersignRefusal::Superseded { path, by, version } => write!(
                f,
                "`{}` has been superseded by `{}` (version {version}), so it cannot be countersigned or returned: review the newer version instead, with `fairness countersign {}`",
                shown(path),
                shown(by),
                shell_word(by.as_os_str())
            ),
        }
    }
}

/// What a record that says it is signed lacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lacks {
    Seal,
    SignOff,
}

/// The framework a draft was begun with, as the draft names it.
#[derive(Debug, PartialEq, Eq)]
pub enum Begun {
    /// The one in use now, by the same name, changed since.
    Changed(Origin),
    /// Another one, which the draft can be continued with.
    Other(Origin),
}

/// Where a framework comes from.
#[derive(Debug, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    /// A file, as a record names it.
    File(String),
}

/// A framework as a message names it: as the record has it, or as loaded.
#[derive(Debug, PartialEq, Eq)]
pub struct Named {
    pub name: String,
    pub version: String,
    /// Where it came from (`built-in`, a file).
    pub source: String,
    pub digest: String,
}

/// What moving a draft to another framework does to it: said before it is moved
/// (`--migrate`), and in the refusal that asks for `--migrate`.
#[derive(Debug, PartialEq, Eq)]
pub struct FrameworkChange {
    pub path: PathBuf,
    pub was: Named,
    pub now: Named,
    /// How many of the draft's `answers` carry over unchanged.
    pub kept: usize,
    pub answers: usize,
    /// Items no longer in the framework.
    pub removed: Vec<String>,
    /// Items whose answers are asked again, each with why.
    pub asked_again: Vec<(String, String)>,
    /// Items still in the framework that a condition hides once the draft is moved,
    /// so that their answers are withdrawn: each with its answer (as shown) and why.
    pub hidden: Vec<(String, String, String)>,
    /// The item the framework answers itself, where the draft's answer differs, with
    /// why: the framework's answer replaces it.
    pub replaced: Vec<(String, String)>,
}

/// Why a draft was not saved.
#[derive(Debug)]
pub enum NotSaved {
    Io(io::Error),
    TooLarge(TooLarge),
}

/// A record too large to be read back: fairness reads at most `limit_mib` MiB.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLarge {
    pub limit_mib: u64,
}

/// Why an answer, with its note, is not accepted for an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    /// The answer does not suit the item's kind: why.
    Answer(String),
    /// The note is not acceptable text: why.
    Note(String),
    /// No note, where the answer needs one (`when_no`: because the answer is `no`).
    NoteNeeded { when_no: bool },
}

/// The part of an answer a refusal is about, for pointing at it in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Answer,
    Note,
}

impl Refused {
    pub fn part(&self) -> Part {
        match self {
            Refused::Note(_) => Part::Note,
            Refused::Answer(_) | Refused::NoteNeeded { .. } => Part::Answer,
        }
    }
}

impl Error {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::InvalidFramework(_)
            | Error::InvalidRecord(_)
            | Error::NotExported(_)
            | Error::AnswersNotText(_)
            | Error::InvalidAnswers(_)
            | Error::InvalidReview(_)
            | Error::InvalidInput { .. }
            | Error::InvalidKeyList { .. }
            | Error::Countersign(_)
            | Error::InvalidConfig(_)
            | Error::Resume(
                ResumeRefusal::SignedWithout { .. } | ResumeRefusal::NotThisFrameworks { .. },
            )
            | Error::Amend(AmendRefusal::NotIntact { .. }) => ExitCode::from(1),
            Error::Stopped { .. } => Status::Interrupted.into(),
            _ => ExitCode::from(2),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Error::Read { path, io } => {
                write!(f, "cannot read `{}`: {}", shown(path), describe(io))?;
                // What to do next, where there is something to say.
                match io.kind() {
                    io::ErrorKind::NotFound => f.write_str(
                        "; check the name and the folder it is in",
                    ),
                    io::ErrorKind::IsADirectory => f.write_str("; give a file in it"),
                    io::ErrorKind::PermissionDenied => f.write_str(
                        "; ask whoever manages the file for read access, or work on a copy you can read",
                    ),
                    _ => Ok(()),
                }
            }
            Error::Write { path, io } => {
                write!(f, "cannot write `{}`: {}", shown(path), describe(io))
            }
            Error::NoFolder { path, folder } => write!(
                f,
                "cannot write `{}`: the folder `{}` does not exist; create it first (`{}`), or choose another place",
                shown(path),
                shown(folder),
                crate::shell::mkdir_command(folder)
            ),
            Error::NoCaseFolder { folder, from } => write!(
                f,
                "the case folder `{}` (set by {from}) does not exist; create it with `{}`, \
                 or choose another with `--dir`, FAIRNESS_CASES or the config file \
                 (`fairness config` shows which is in force)",
                shown(folder),
                crate::shell::mkdir_command(folder)
            ),
            Error::NoRecord {
                reference,
                folder,
                near,
            } => {
                write!(
                    f,
                    "no record for `{}` in {}",
                    one_line(reference),
                    shown_folder(folder)
                )?;
                let near: Vec<std::borrow::Cow<str>> = near.iter().map(|n| one_line(n)).collect();
                let near: Vec<&str> = near.iter().map(|n| n.as_ref()).collect();
                match crate::suggest::asking(&near) {
                    Some(asking) => write!(f, "; {asking} `fairness cases` lists them"),
                    None => f.write_str("; `fairness cases` lists the records there"),
                }
            }
            Error::InvalidConfig(report) => write!(
                f,
                "the config file is not valid, so no command that reads it runs until it is fixed:\n\n{report}"
            ),
            Error::Output(io) => write!(f, "cannot write the output: {}", describe(io)),
            Error::Exists { path } => write!(
                f,
                "`{}` already exists, and fairness never overwrites a file; choose another name with `-o`",
                shown(path)
            ),
            Error::Stopped { path } => write!(
                f,
                "stopped before `{}` was written; no part of it was written",
                shown(path)
            ),
            Error::InvalidFramework(report) => write!(
                f,
                "the framework is not valid, so it cannot be used:\n\n{report}\n\
                 Fix each problem above, then check the file again with `fairness validate FILE`; \
                 without `--framework`, fairness uses its built-in framework."
            ),
            Error::InvalidRecord(report) => {
                write!(
                    f,
                    "this file is not a readable case record:\n\n{report}\
                     It cannot be resumed. `fairness cases` lists the records in the case folder, \
                     and `fairness run` begins a new one."
                )
            }
            Error::NotExported(report) => write!(
                f,
                "this file is not a readable case record:\n\n{}\nNothing was exported. \
                 Give only case records that fairness wrote (`fairness cases` lists those in a case folder).",
                report.listed().trim_end()
            ),
            Error::AnswersNotText(report) => write!(
                f,
                "the answers file is refused, and nothing was written:\n\n{report}"
            ),
            Error::InvalidReview(report) => {
                let n = report.diagnostics.len();
                write!(
                    f,
                    "the review file is refused, and nothing was written:\n\n{report}\
                     {n} {} found; the record is left as it was until every one is fixed.",
                    if n == 1 { "problem" } else { "problems" }
                )
            }
            Error::Countersign(refusal) => refusal.fmt(f),
            Error::Key(problem) => problem.fmt(f),
            Error::InvalidKeyList { what, report } => {
                let n = report.diagnostics.len();
                write!(
                    f,
                    "the {what} is refused, so no signature is made or checked against it:\n\n{report}\
                     {n} {} found; fix {} and run the command again.",
                    if n == 1 { "problem" } else { "problems" },
                    if n == 1 { "it" } else { "them" }
                )
            }
            Error::InvalidInput { what, report } => {
                // One message: the refusal, then each problem under it without an
                // `error:` of its own.
                let lines = report
                    .text
                    .as_deref()
                    .map(crate::diagnostic::LineIndex::new);
                let problems: Vec<String> = report
                    .diagnostics
                    .iter()
                    .map(|d| {
                        let shown = crate::diagnostic::render(d, &report.path, lines.as_ref());
                        match shown.strip_prefix("error: ") {
                            Some(rest) => rest.to_owned(),
                            None => shown,
                        }
                    })
                    .collect();
                write!(f, "the {what} is refused, and no report was written: ")?;
                match problems.as_slice() {
                    [one] => f.write_str(one.trim_end()),
                    many => {
                        write!(
                            f,
                            "{} problems, each to fix before the report can be made",
                            many.len()
                        )?;
                        for (i, problem) in many.iter().enumerate() {
                            write!(f, "\n\n{}. {}", i + 1, problem.trim_end())?;
                        }
                        Ok(())
                    }
                }
            }
            Error::InvalidAnswers(report) => {
                let n = report.diagnostics.len();
                write!(
                    f,
                    "the answers file is refused, and nothing was written:\n\n{report}\
                     {n} {} found; nothing is signed or written until every one is fixed.",
                    if n == 1 { "problem" } else { "problems" }
                )
            }
            Error::Locked { path, holder } => {
                write!(f, "`{}` is open in another fairness session", shown(path))?;
                if let Some(pid) = holder {
                    write!(f, " (process {pid})")?;
                }
                write!(
                    f,
                    "; finish or leave that session first. Only one session at a time may work on a draft."
                )
            }
            Error::DraftNotSaved { path, why, resume } => write!(
                f,
                "cannot save the draft `{}`: {}\n\
                 The file still holds the draft as it was before your last answer; nothing else is lost.\n\
                 When the problem is fixed, continue with:\n    {resume}",
                shown(path),
                match why {
                    NotSaved::Io(io) => describe(io),
                    NotSaved::TooLarge(too_large) => too_large.to_string(),
                }
            ),
            Error::RecordTooLarge(too_large) => write!(f, "{too_large}"),
            Error::Usage(usage) => write!(f, "{usage}"),
            Error::Draft(refusal) => write!(f, "{refusal}"),
            Error::Resume(refusal) => write!(f, "{refusal}"),
            Error::Amend(refusal) => write!(f, "{refusal}"),
            Error::FrameworkNotAtHand {
                file,
                name,
                version,
                source,
                changed,
            } => write!(
                f,
                "`{}` was made with the framework `{}` (version {}) from `{}`, and {}. \
                 The practitioner's view is built from that framework (its wording, the items it relies on and its support list): give it with `--framework FILE`.",
                one_line(file),
                neutralise(name),
                neutralise(version),
                neutralise(source),
                if *changed {
                    "that file has changed since"
                } else {
                    "that file cannot be read from here"
                }
            ),
        }
    }
}

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Usage::NotATerminal => f.write_str(
                "`fairness run` asks its questions in a terminal, and this is not one \
                 (standard input or standard error is redirected).\n\
                 To fill in a checklist from a file instead, use `fairness run --answers FILE`; \
                 the README shows the answers file's format.",
            ),
            Usage::AmendNotATerminal => f.write_str(
                "`fairness amend` asks its questions in a terminal, and this is not one \
                 (standard input or standard error is redirected).\n\
                 To correct the record from a file instead, use \
                 `fairness amend RECORD --reason TEXT --answers FILE` \
                 (docs/answers-files.md shows the file's format).",
            ),
            Usage::ReviewNotATerminal => f.write_str(
                "`fairness countersign` asks its questions in a terminal, and this is not one \
                 (standard input or standard error is redirected).\n\
                 To review from a file instead, use `fairness countersign RECORD --answers FILE` \
                 with a `fairness-review/1` file (docs/answers-files.md shows its format).",
            ),
            Usage::SealNeedsOneRecord => f.write_str(
                "`--seal` names the seal of one record: give exactly one RECORD with it",
            ),
            Usage::NotASeal { given } => write!(
                f,
                "`--seal {}` is not a whole seal: give it as sign-off printed it, `sha256:` and 64 hex digits",
                one_line(given)
            ),
            Usage::NotACommand { name, commands } => {
                let commands: Vec<&str> = commands.iter().map(String::as_str).collect();
                let help = crate::suggest::did_you_mean(name, commands.iter().copied())
                    .unwrap_or_else(|| {
                        format!(
                            "the commands are {}",
                            crate::suggest::quoted_list(&commands)
                        )
                    });
                write!(f, "`{}` is not a fairness command; {help}", one_line(name))
            }
            Usage::PagesFolderIsAFile { path } => write!(
                f,
                "`{}` is a file; `-o` names the folder to write the pages into",
                shown(path)
            ),
            Usage::PractitionerNeedsDocument => f.write_str(
                "`--audience practitioner` is for `--format markdown` or `--format html`; JSON and CSV always carry the whole record, notes included",
            ),
            Usage::SignedPartsNeedFolder => f.write_str(
                "`--format signed-parts` writes files, two for each key signature and a list of the commands that check them: name the folder for them with `-o FOLDER`",
            ),
            Usage::FrameworkNeedsPractitioner => f.write_str(
                "`--framework` is used only with `--audience practitioner`, for its wording and support list; the whole record needs no framework",
            ),
            Usage::OrganisationName => f.write_str(
                "the organisation name must be plain text, not empty and without control characters",
            ),
            Usage::Setting { given, why } => write!(f, "{given}: {why}"),
        }
    }
}

impl fmt::Display for DraftRefusal {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            DraftRefusal::IsALink { path, target } => write!(
                f,
                "`{}` is a symbolic link{}. Resume the draft by the file's own name, \
                 so that only one session at a time can work on it.",
                shown(path),
                target
                    .as_ref()
                    .map(|t| format!(" to `{}`", shown(t)))
                    .unwrap_or_default()
            ),
            DraftRefusal::HardLinks { path, names } => write!(
                f,
                "`{}` has {names} names (hard links), so two sessions could open it by \
                 different names at once. Remove the other names, or copy the draft, \
                 and resume it by one name.",
                shown(path)
            ),
            DraftRefusal::LockIsALink { path } => write!(
                f,
                "`{}` is a symbolic link, not a lock file; remove it and try again",
                shown(path)
            ),
            DraftRefusal::LockNotAFile { path } => write!(
                f,
                "`{}` is not a regular file, so it cannot be this draft's lock; remove it and try again",
                shown(path)
            ),
        }
    }
}

impl fmt::Display for AmendRefusal {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            AmendRefusal::Reason { why } => write!(
                f,
                "the reason given with --reason cannot be used: {why}; say in words why the signed record needs correcting"
            ),
            AmendRefusal::Draft { path } => write!(
                f,
                "`{}` is a draft, not a signed record: change it as it is, with:\n    {}",
                shown(path),
                crate::shell::resume_command(path, None)
            ),
            AmendRefusal::NotIntact { path } => write!(
                f,
                "`{}` is not an intact signed record, so it cannot be amended: `fairness verify {}` says what is wrong with it",
                shown(path),
                shell_word(path.as_os_str())
            ),
            AmendRefusal::Superseded {
                path,
                by,
                signed: true,
            } => write!(
                f,
                "`{}` has been superseded already, by `{}`: amend the latest version instead",
                shown(path),
                shown(by)
            ),
            AmendRefusal::Superseded {
                path,
                by,
                signed: false,
            } => write!(
                f,
                "`{}` is being amended already, in the draft `{}`: continue that one with:\n    {}",
                shown(path),
                shown(by),
                crate::shell::resume_command(by, None)
            ),
        }
    }
}

impl fmt::Display for ResumeRefusal {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            ResumeRefusal::SignedWithout { path, lacks } => write!(
                f,
                "`{}` says it is signed but has no {}: it has been altered, and cannot be resumed or trusted. \
                 Keep it for the case file; start a new record for this case.",
                shown(path),
                match lacks {
                    Lacks::Seal => "seal",
                    Lacks::SignOff => "sign-off",
                }
            ),
            ResumeRefusal::Signed { path, by } => write!(
                f,
                "`{}` was signed{} and is sealed: a signed record cannot be resumed or changed. \
                 To correct it, begin its next version, which keeps it as it is and names it:\n    {}\n\
                 To begin a follow-up record for a further decision in the same case, run:\n    {}",
                shown(path),
                by.as_ref()
                    .map(|(name, on)| format!(" by {} on {}", neutralise(name), neutralise(on)))
                    .unwrap_or_default(),
                crate::shell::amend_command(path),
                crate::shell::follow_up_command(path)
            ),
            ResumeRefusal::Returned(returned) => {
                let Returned {
                    path,
                    by,
                    at,
                    comments,
                } = &**returned;
                writeln!(
                    f,
                    "`{}` was returned by its reviewer, {}, {}, on {}, with these comments:",
                    shown(path),
                    neutralise(&by.0),
                    neutralise(&by.1),
                    neutralise(at)
                )?;
                // Indented two columns, not four: the terminal wraps a line indented four
                // or more as a command (whole), which cut long comments mid-word.
                for line in comments.lines() {
                    writeln!(f, "  {}", neutralise(line))?;
                }
                write!(
                    f,
                    "A signed record cannot be resumed or changed. To correct it, begin an amendment, which keeps this record as it is and names it:\n    fairness amend {} --reason TEXT",
                    shell_word(path.as_os_str())
                )
            }
            ResumeRefusal::NotThisFrameworks { path, problems } => {
                writeln!(
                    f,
                    "`{}` cannot be resumed: it is not a draft this framework could have written.",
                    shown(path)
                )?;
                for p in problems {
                    writeln!(f, "  - {p}")?;
                }
                f.write_str(
                    "It may have been edited by hand. Keep it for the case file; start a new record for this case.",
                )
            }
            ResumeRefusal::OtherFramework {
                change,
                framework,
                begun,
            } => {
                let resume = shell_word(change.path.as_os_str());
                let framework = framework
                    .as_ref()
                    .map(|f| format!(" --framework {}", shell_word(f.as_os_str())))
                    .unwrap_or_default();
                write!(
                    f,
                    "{change}\nTo move the draft to this framework, run:\n    \
                     fairness run --resume {resume}{framework} --migrate\n"
                )?;
                match begun {
                    Begun::Changed(origin) => write!(
                        f,
                        "The draft was begun with {}, which has changed since; the version it was begun with is no longer here.",
                        match origin {
                            Origin::BuiltIn =>
                                "the built-in framework (of an earlier fairness)".to_owned(),
                            Origin::File(file) => format!("`{}`", neutralise(file)),
                        }
                    ),
                    Begun::Other(Origin::BuiltIn) => write!(
                        f,
                        "To continue with the built-in framework it was begun with instead, run:\n    \
                         fairness run --resume {resume}"
                    ),
                    Begun::Other(Origin::File(file)) => write!(
                        f,
                        "To continue with the framework file it was begun with instead (if you still have it unchanged), run:\n    \
                         fairness run --resume {resume} --framework {}",
                        shell_word(std::ffi::OsStr::new(file))
                    ),
                }
            }
        }
    }
}

impl fmt::Display for FrameworkChange {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let (was, now) = (&self.was, &self.now);
        writeln!(
            f,
            "`{}` was begun with framework \"{}\" version {} ({}, {}).",
            shown(&self.path),
            neutralise(&was.name),
            neutralise(&was.version),
            neutralise(&was.source),
            neutralise(&was.digest),
        )?;
        writeln!(
            f,
            "The framework in use now is \"{}\" version {} ({}, {}), which is different.",
            neutralise(&now.name),
            neutralise(&now.version),
            neutralise(&now.source),
            neutralise(&now.digest),
        )?;
        write!(
            f,
            "{} of this draft's {} answers carry over unchanged.",
            self.kept, self.answers
        )?;
        if !self.removed.is_empty() {
            f.write_str("\nNo longer in the framework (their answers stay in the history):\n")?;
            for id in &self.removed {
                writeln!(f, "  - `{}`", neutralise(id))?;
            }
        }
        if !self.asked_again.is_empty() {
            f.write_str("\nTo be asked again:\n")?;
            for (id, why) in &self.asked_again {
                writeln!(f, "  - `{}`: {}", neutralise(id), neutralise(why))?;
            }
        }
        if !self.hidden.is_empty() {
            f.write_str(
                "\nNot asked now, as a condition hides them (their answers stay in the history):\n",
            )?;
            for (id, answer, why) in &self.hidden {
                writeln!(
                    f,
                    "  - `{}` (answered `{}`): {}",
                    neutralise(id),
                    neutralise(answer),
                    neutralise(why)
                )?;
            }
        }
        if !self.replaced.is_empty() {
            f.write_str(
                "\nSet by the framework instead (the earlier answer stays in the history):\n",
            )?;
            for (id, why) in &self.replaced {
                writeln!(f, "  - `{}`: {}", neutralise(id), neutralise(why))?;
            }
        }
        if self.removed.is_empty()
            && self.asked_again.is_empty()
            && self.hidden.is_empty()
            && self.replaced.is_empty()
        {
            // No list above ends the count's line.
            f.write_str("\n")?;
        }
        writeln!(
            f,
            "Items new to the framework are asked like any other unanswered item."
        )
    }
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "the record would be larger than {} MiB, the most fairness reads back; shorten the longest answers or notes",
            self.limit_mib
        )
    }
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Refused::Answer(why) => f.write_str(why),
            Refused::Note(why) => write!(f, "the note: {why}"),
            Refused::NoteNeeded { when_no: true } => {
                f.write_str("a note is required when the answer is `no`")
            }
            Refused::NoteNeeded { when_no: false } => f.write_str("this item requires a note"),
        }
    }
}

impl std::error::Error for Error {}

impl From<Usage> for Error {
    fn from(usage: Usage) -> Error {
        Error::Usage(usage)
    }
}

impl From<DraftRefusal> for Error {
    fn from(refusal: DraftRefusal) -> Error {
        Error::Draft(refusal)
    }
}

impl From<AmendRefusal> for Error {
    fn from(refusal: AmendRefusal) -> Error {
        Error::Amend(refusal)
    }
}

impl From<ResumeRefusal> for Error {
    fn from(refusal: ResumeRefusal) -> Error {
        Error::Resume(refusal)
    }
}

/// A path as messages show it: neutralised and on one line, so that a hostile file
/// name cannot drive the terminal or fake a line of the report.
pub fn shown(path: &Path) -> String {
    one_line(&path.display().to_string()).into_owned()
}

/// A folder as messages show it: `the current folder` for the empty path, else as
/// [`shown`].
pub fn shown_folder(folder: &Path) -> String {
    if folder.as_os_str().is_empty() {
        "the current folder".to_owned()
    } else {
        format!("`{}`", shown(folder))
    }
}

impl Error {
    /// The error for `io` in writing `path`: [`Error::NoFolder`] when the folder it
    /// goes in is not there, so that the message names the folder.
    pub fn write(path: &Path, io: io::Error) -> Error {
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if io.kind() == io::ErrorKind::NotFound && !folder.is_dir() {
            return Error::NoFolder {
                path: path.to_owned(),
                folder: folder.to_owned(),
            };
        }
        Error::Write {
            path: path.to_owned(),
            io,
        }
    }
}

/// An I/O error in plain words, without the operating system's error number.
pub fn describe(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => "it is a folder, not a file".to_owned(),
        io::ErrorKind::StorageFull => "the disk is full".to_owned(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".to_owned(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_owned(),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(removed: &[&str]) -> Box<FrameworkChange> {
        let named = |name: &str, source: &str| Named {
            name: name.into(),
            version: "1".into(),
            source: source.into(),
            digest: "sha256:ab".into(),
        };
        Box::new(FrameworkChange {
            path: "d.yaml".into(),
            was: named("Old", "adapted.yaml"),
            now: named("New", "built-in"),
            kept: 3,
            answers: 4,
            removed: removed.iter().map(|id| id.to_string()).collect(),
            asked_again: vec![("q".into(), "its options changed".into())],
            hidden: Vec::new(),
            replaced: Vec::new(),
        })
    }

    #[test]
    fn an_answer_the_framework_sets_is_listed_apart() {
        let mut c = change(&[]);
        c.asked_again.clear();
        c.replaced = vec![("nation".into(), "answered `england`; set to `wales`".into())];
        let text = c.to_string();
        assert!(
            text.contains(
                "\nSet by the framework instead (the earlier answer stays in the history):\n  - `nation`: answered `england`; set to `wales`\n"
            ),
            "{text}"
        );
    }

    /// A link's target is a path like any other: shown on one line, so that a name
    /// with a line break in it cannot fake a line of the message.
    #[test]
    fn a_link_s_target_is_shown_on_one_line() {
        let refusal = DraftRefusal::IsALink {
            path: "d.yaml".into(),
            target: Some("x\nerror: forged".into()),
        };
        assert!(
            refusal
                .to_string()
                .starts_with("`d.yaml` is a symbolic link to `x\\nerror: forged`. "),
            "{refusal}"
        );
    }

    /// With nothing removed and nothing asked again, the count still ends its line.
    #[test]
    fn a_change_that_keeps_every_answer_says_so_on_a_line_of_its_own() {
        let mut unchanged = change(&[]);
        unchanged.asked_again.clear();
        unchanged.kept = 4;
        assert!(unchanged.to_string().ends_with(
            "which is different.\n\
             4 of this draft's 4 answers carry over unchanged.\n\
             Items new to the framework are asked like any other unanswered item.\n"
        ));
    }

    /// The answers a condition hides after the move are listed last, each with its
    /// answer and why, and are not counted as carried over.
    #[test]
    fn a_change_lists_the_answers_a_condition_will_hide_with_why() {
        let mut hiding = change(&["gone"]);
        hiding.kept = 1;
        hiding.hidden = vec![(
            "exclusion-welfare".into(),
            "yes".into(),
            "it applies only when `interim-measure` has an answer other than `none`, \
             and `interim-measure` is not answered yet"
                .into(),
        )];
        assert!(
            hiding.to_string().ends_with(
                "which is different.\n\
                 1 of this draft's 4 answers carry over unchanged.\n\
                 No longer in the framework (their answers stay in the history):\n  - `gone`\n\n\
                 To be asked again:\n  - `q`: its options changed\n\n\
                 Not asked now, as a condition hides them (their answers stay in the history):\n  \
                 - `exclusion-welfare` (answered `yes`): it applies only when `interim-measure` \
                 has an answer other than `none`, and `interim-measure` is not answered yet\n\
                 Items new to the framework are asked like any other unanswered item.\n"
            ),
            "{hiding}"
        );
        // Alone, the list follows the count directly, as the others do.
        hiding.removed.clear();
        hiding.asked_again.clear();
        assert!(
            hiding.to_string().contains(
                "1 of this draft's 4 answers carry over unchanged.\n\
                 Not asked now, as a condition hides them"
            ),
            "{hiding}"
        );
    }

    /// The refusals no integration test reaches, stated whole.
    #[test]
    fn resume_refusals_say_what_changed_and_how_to_go_on() {
        let head = "`d.yaml` was begun with framework \"Old\" version 1 (adapted.yaml, sha256:ab).\n\
             The framework in use now is \"New\" version 1 (built-in, sha256:ab), which is different.\n\
             3 of this draft's 4 answers carry over unchanged.\n\
             No longer in the framework (their answers stay in the history):\n  - `gone`\n\n\
             To be asked again:\n  - `q`: its options changed\n\
             Items new to the framework are asked like any other unanswered item.\n\n\
             To move the draft to this framework, run:\n    fairness run --resume d.yaml --migrate\n";
        let refusal = |begun| {
            Error::Resume(ResumeRefusal::OtherFramework {
                change: change(&["gone"]),
                framework: None,
                begun,
            })
            .to_string()
        };
        assert_eq!(
            refusal(Begun::Other(Origin::File("adapted.yaml".into()))),
            format!(
                "{head}To continue with the framework file it was begun with instead (if you still have it unchanged), run:\n    \
                 fairness run --resume d.yaml --framework adapted.yaml"
            )
        );
        assert_eq!(
            refusal(Begun::Changed(Origin::BuiltIn)),
            format!(
                "{head}The draft was begun with the built-in framework (of an earlier fairness), which has changed since; \
                 the version it was begun with is no longer here."
            )
        );
        let signed = Error::Resume(ResumeRefusal::SignedWithout {
            path: "s.yaml".into(),
            lacks: Lacks::Seal,
        });
        assert_eq!(signed.exit_code(), ExitCode::from(1));
        assert_eq!(
            signed.to_string(),
            "`s.yaml` says it is signed but has no seal: it has been altered, and cannot be resumed or trusted. \
             Keep it for the case file; start a new record for this case."
        );
    }

    #[test]
    fn an_answer_refused_for_its_note_points_at_the_note() {
        assert_eq!(
            Refused::Note("this cannot be blank".into()).part(),
            Part::Note
        );
        assert_eq!(Refused::NoteNeeded { when_no: true }.part(), Part::Answer);
        assert_eq!(
            Refused::Note("this cannot be blank".into()).to_string(),
            "the note: this cannot be blank"
        );
    }
}
