//! `fairness`: the *Principles and Framework for Fairness and Proportionality* as a
//! checklist that a case manager runs in a terminal, and a framework format that a
//! governance lead can adapt and validate.
//!
//! The binary is a thin shell over this library: [`app::run`] parses the command line,
//! dispatches to one of [`commands`], and turns any [`Error`] into a message and an exit
//! code. The domain lives in [`framework`] (the format, the locked Principles and the
//! validation rules) and [`diagnostic`] (problems with their place in a file).

pub mod answers;
pub mod app;
pub mod atomic_file;
pub mod checklist;
pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod error;
pub mod export;
pub mod framework;
pub mod lock;
pub mod record;
pub mod source;
pub mod suggest;
pub mod terminal;
pub mod tui;
pub mod value;
pub mod yaml;

pub use error::Error;

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
