//! `fairness completions SHELL`: a completion script generated from the same clap
//! definitions as the help, so that it never offers a flag that does not exist.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::aot::{Shell, generate};

use crate::cli::{Cli, CompletionsArgs};
use crate::error::{Error, Status};

pub fn run(args: &CompletionsArgs, out: &mut dyn Write) -> Result<Status, Error> {
    out.write_all(&script(args.shell)).map_err(Error::Output)?;
    Ok(Status::Success)
}

/// The completion script for `shell`. Built in memory first: clap_complete panics when a
/// write fails, and a failed write must be an error like any other (a closed pipe not
/// even that: see [`crate::stdout`]).
pub fn script(shell: Shell) -> Vec<u8> {
    let mut script = Vec::new();
    generate(shell, &mut Cli::command(), "fairness", &mut script);
    script
}
