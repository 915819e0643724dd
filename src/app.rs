//! The binary's whole life: parse the arguments, run one command, print any error once
//! on standard error, and choose the exit code.

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, ColorChoice, Command};
use crate::commands;
use crate::error::{Error, Status};

pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    crate::terminal::configure(
        cli.quiet,
        match cli.color {
            ColorChoice::Auto => None,
            ColorChoice::Always => Some(true),
            ColorChoice::Never => Some(false),
        },
    );
    // Buffered: a report of many thousands of lines is written in large pieces.
    let mut out = io::BufWriter::new(io::stdout().lock());

    let result = match &cli.command {
        Command::Run(args) => commands::run::run(args, &mut out),

        Command::Validate(args) => commands::validate::run(args, &mut out),
        Command::Show(args) => commands::show::run(args, &mut out),
        Command::Init(args) => commands::init::run(args, &mut out),
        Command::Export(args) => commands::export::run(args, &mut out),
        Command::Verify(args) => commands::verify::run(args, &mut out),
        Command::Completions(args) => commands::completions::run(args, &mut out),
        Command::Man(args) => commands::man::run(args, &mut out),
        Command::Schema => commands::schema::run(&mut out),
    };
    let result = result.and_then(|status| match out.flush() {
        Ok(()) => Ok(status),
        // Leaving `run` because the terminal closed: the summary cannot be shown, but
        // the draft is saved, and that is what the exit code reports.
        Err(_) if status == Status::Interrupted => Ok(status),
        Err(e) => Err(Error::Output(e)),
    });
    match result {
        Ok(status) => status.into(),
        // Output piped into a program that stopped reading (`| head`): not an error.
        Err(Error::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{} {error}", crate::terminal::label_stderr("error:"));
            error.exit_code()
        }
    }
}
