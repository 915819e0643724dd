//! `fairness`: the *Principles and Framework for Fairness and Proportionality* as a
//! checklist that a case manager runs in a terminal, and a framework format that a
//! governance lead can adapt and validate.
//!
//! The binary is a thin shell over this library: [`app::run`] parses the command line,
//! dispatches to one of the commands, and turns any [`Error`] into a message and an exit
//! code.
//!
//! # The library's surface
//!
//! Deliberately small: what the integration tests, the benchmarks and the fuzz targets
//! (`fuzz/`) need to drive the domain in process, and nothing of how the commands, the
//! terminal or the answers-file prompter work. It is a few public modules named for
//! what they hold, each public only in the part named here, rather than one flat list
//! of `pub use`s: the domain's own nouns (a framework, a record, a checklist, an
//! export, a diagnostic) already say where a thing belongs, and a flat list would have
//! to rename what two of them share (`framework::to_yaml` and `record::to_yaml`,
//! `framework::Checked` and `record::found::Checked`).
//!
//! - [`app::run`]: the binary's entry.
//! - [`framework`]: what a framework is ([`framework::Framework`], its items and answer
//!   kinds), how to check one ([`framework::check`]) and write it
//!   ([`framework::to_yaml`]), the built-in framework's text and the locked
//!   [`framework::principles`].
//! - [`record`]: what a case record is ([`record::Record`]), how to read it
//!   ([`record::from_yaml`], [`record::from_yaml_text`]), write it
//!   ([`record::to_yaml`]), check its form ([`record::check_form`]) and verify it
//!   ([`record::verify_text`]), and a record file as `verify` and `export` find it
//!   ([`record::found`]).
//! - [`checklist`]: the steps a case is asked in ([`checklist::Checklist`]), what an
//!   answer does to a draft, and the move of a draft to a changed framework.
//! - [`export`]: a whole export rendered in memory ([`export::render`]).
//! - [`diagnostic`]: problems, where they are in a file, and how they are shown.
//! - [`answers`]: reading an answers file (`run --answers`).
//! - [`file`](mod@file): what every file the program reads or writes goes through, whatever its
//!   format: bytes taken as text, the digest that names them, the YAML tree, YAML
//!   quoting and the atomic save.
//!
//! Everything else is `pub(crate)`: `cli`, the commands, the terminal, the prompters,
//! YAML, files and the other plumbing can change shape without touching anything
//! outside the crate. The last two modules above are re-exports of a few such
//! functions, so that the modules themselves stay private.

// The docs are written for whoever works on the crate, and link freely to its private
// items; `cargo doc --document-private-items` resolves every such link.
#![allow(rustdoc::private_intra_doc_links)]

pub mod app;
pub(crate) mod atomic_file;
pub(crate) mod cases;
pub mod checklist;
pub(crate) mod cli;
pub(crate) mod commands;
pub(crate) mod config;
pub(crate) mod countersign;
pub mod diagnostic;
pub(crate) mod error;
pub mod export;
pub mod framework;
pub(crate) mod keys;
pub(crate) mod manual;
pub(crate) mod platform;
pub(crate) mod prompter;
pub mod record;
pub(crate) mod report;
pub(crate) mod shell;
pub(crate) mod source;
pub(crate) mod stdout;
pub(crate) mod suggest;
pub(crate) mod terminal;
pub(crate) mod tui;
pub(crate) mod value;
pub(crate) mod words;
pub(crate) mod yaml;

pub use error::Error;

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The answers file `fairness-answers/1`: the case's answers written out in advance,
/// which `run --answers` turns into a record.
pub mod answers {
    pub use crate::prompter::answers::{AnswersFile, Entry, parse_file};
}

/// What every file the program reads or writes goes through, framework, record or
/// answers file alike.
pub mod file {
    /// Replaces a file atomically, as every save of a draft does: a temporary file,
    /// fsync, rename, fsync of the folder.
    pub use crate::atomic_file::replace;
    /// Who may read a file: a record is its owner's alone ([`Access::Private`]).
    pub use crate::platform::Access;
    /// Catching Ctrl-C and the like, which every function that writes a file needs
    /// first, so that no temporary file outlives a stopped command.
    pub use crate::platform::{Stop, catch_signals};
    /// Who may read a file, in the system's words (`mode 0600`, or on Windows its
    /// access list), and what that says of a record's.
    pub use crate::platform::{describe_access, private_access};
    /// The text in a file's bytes, or the diagnostic that says why they are not text
    /// the program reads.
    pub use crate::source::decode;
    /// A framework's or answers file's text as the program reads it: without a leading
    /// byte-order mark, every line ended by LF, so that a copy saved by a Windows
    /// editor is the same file. (A record is read as [`decode`] gives it.)
    pub use crate::source::edited;
    /// `sha256:` and the hex SHA-256 of some bytes: how a record names the exact
    /// framework it was made with (of its text as read, LF line ends and no
    /// byte-order mark), and a `validate` report the framework it read.
    pub use crate::value::digest;
    /// A file's text read into the spanned YAML tree, the first step of reading any
    /// file.
    pub use crate::yaml::parse as parse_yaml;
    /// Any text as a YAML double-quoted scalar, as the program writes one.
    pub use crate::yaml::quote as quote_yaml;
}
