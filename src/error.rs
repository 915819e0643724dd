//! Everything that can stop a command, each with the context needed to say what went
//! wrong and what to do next. [`Error`] is rendered in one place, `app::run`.

use std::fmt;
use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

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
    /// every answer given; `export` has written nothing.
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
    /// Writing to standard output failed (a closed pipe is handled separately).
    Output(io::Error),
    /// The command would overwrite a file, which it never does.
    Exists { path: PathBuf },
    /// The framework to use is not valid; `report` is the full `validate` report.
    InvalidFramework { report: String },
    /// A case record cannot be read as one; `report` says where and why.
    InvalidRecord { report: String },
    /// A case record was read but cannot be resumed; `report` says why.
    CannotResume { report: String },
    /// An answers file is refused; `report` names every problem.
    InvalidAnswers { report: String },
    /// Another session has the draft open.
    Locked { path: PathBuf, holder: Option<u32> },
    /// A draft could not be saved; the file on disk is the previous draft.
    DraftNotSaved {
        path: PathBuf,
        io: io::Error,
        resume: String,
    },
    /// A value given on the command line cannot be used.
    Usage(String),
}

impl Error {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::InvalidFramework { .. }
            | Error::InvalidRecord { .. }
            | Error::CannotResume { .. }
            | Error::InvalidAnswers { .. } => ExitCode::from(1),
            _ => ExitCode::from(2),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Error::Read { path, io } => {
                write!(f, "cannot read `{}`: {}", shown(path), describe(io))
            }
            Error::Write { path, io } => {
                write!(f, "cannot write `{}`: {}", shown(path), describe(io))
            }
            Error::Output(io) => write!(f, "cannot write the output: {}", describe(io)),
            Error::Exists { path } => write!(
                f,
                "`{}` already exists, and fairness never overwrites a file; choose another name with `-o`",
                shown(path)
            ),
            Error::InvalidFramework { report } => {
                write!(
                    f,
                    "the framework is not valid, so it cannot be used:\n\n{report}"
                )
            }
            Error::InvalidRecord { report } => {
                write!(f, "this file is not a readable case record:\n\n{report}")
            }
            Error::CannotResume { report } => f.write_str(report),
            Error::InvalidAnswers { report } => write!(
                f,
                "the answers file is refused, and nothing was written:\n\n{report}"
            ),
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
            Error::DraftNotSaved { path, io, resume } => write!(
                f,
                "cannot save the draft `{}`: {}\n\
                 The file still holds the draft as it was before your last answer; nothing else is lost.\n\
                 When the problem is fixed, continue with:\n    {resume}",
                shown(path),
                describe(io)
            ),
            Error::Usage(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

/// A path as messages show it: neutralised and on one line, so that a hostile file
/// name cannot drive the terminal or fake a line of the report.
pub fn shown(path: &std::path::Path) -> String {
    crate::terminal::one_line(&path.display().to_string()).into_owned()
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
