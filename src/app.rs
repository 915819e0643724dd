//! The binary's whole life: parse the arguments, run one command, print any error once
//! on standard error, and choose the exit code.

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::{Cli, ColorChoice, Command};
use crate::commands;
use crate::error::{Error, Status};
use crate::stdout::Stdout;
use crate::terminal::Console;

pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let args: Vec<OsString> = args.into_iter().collect();
    let cli = match parse(&args) {
        Ok(cli) => cli,
        Err(e) => {
            print_clap(&e, &args);
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let console = Console::new(
        cli.quiet,
        match cli.color {
            ColorChoice::Auto => None,
            ColorChoice::Always => Some(true),
            ColorChoice::Never => Some(false),
        },
    );
    let console = &console;
    if cli.quiet {
        // Nothing said along the way: no progress bar while many records are read.
        crate::record::found::hide_progress();
    }
    // Buffered: a report of many thousands of lines is written in large pieces. A
    // reader that stops reading (`| head`) does not stop the command: its verdict is
    // still the exit code.
    // On a terminal, the messages of `run` and `config` are wrapped at words to its
    // width; other commands print documents, tables and data, laid out as they are.
    let wrap = (matches!(
        cli.command,
        Command::Run(_) | Command::Amend(_) | Command::Config(_)
    ) && io::IsTerminal::is_terminal(&io::stdout()))
    .then(|| usize::from(crate::terminal::width()));
    let mut out = io::BufWriter::new(Stdout::wrapped(io::stdout().lock(), wrap));

    let result = match &cli.command {
        Command::Run(args) => commands::run::run(args, console, &mut out),
        Command::Amend(args) => commands::amend::run(args, console, &mut out),
        Command::Cases(args) => commands::cases::run(args, console, &mut out),
        Command::Due(args) => commands::due::run(args, console, &mut out),
        Command::Report(args) => commands::report::run(args, console, &mut out),
        Command::Config(args) => commands::config::run(args, &mut out),
        Command::Key(args) => commands::key::run(args, console, &mut out),

        Command::Validate(args) => commands::validate::run(args, console, &mut out),
        Command::Show(args) => commands::show::run(args, console, &mut out),
        Command::Init(args) => commands::init::run(args, console, &mut out),
        Command::Export(args) => commands::export::run(args, console, &mut out),
        Command::Verify(args) => commands::verify::run(args, console, &mut out),
        Command::Countersign(args) => commands::countersign::run(args, console, &mut out),
        Command::Completions(args) => commands::completions::run(args, &mut out),
        Command::Man(args) => commands::man::run(args, console, &mut out),
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
        // Asked to stop: said plainly, as the person asked for it.
        Err(error @ Error::Stopped { .. }) => {
            console.say(&error);
            error.exit_code()
        }
        Err(error) => {
            console.error(&error);
            error.exit_code()
        }
    }
}

/// The colour clap's own output (help, usage errors) is given, from `--color` as typed,
/// since clap prints before its value is known: `never` and `always` as asked, and
/// `never` when NO_COLOR is set and `--color` is not.
fn clap_color(args: &[OsString]) -> clap::ColorChoice {
    let mut choice = None;
    let mut words = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        let value = match word {
            "--" => break,
            "--color" => words.next(),
            _ => word.strip_prefix("--color="),
        };
        if let Some(value) = value {
            choice = Some(value);
        }
    }
    match choice {
        Some("never") => clap::ColorChoice::Never,
        Some("always") => clap::ColorChoice::Always,
        _ if crate::terminal::no_color() => clap::ColorChoice::Never,
        _ => clap::ColorChoice::Auto,
    }
}

fn parse(args: &[OsString]) -> Result<Cli, clap::Error> {
    Cli::command()
        .color(clap_color(args))
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
}

/// Prints clap's help or usage error. clap quotes a mistaken argument raw, so when an
/// argument holds a character that could act on a terminal, the error printed is the
/// one the same arguments give with each such character written as an escape
/// (`\u{1b}`): the mistake is shown as typed, and nothing in it reaches the terminal.
fn print_clap(e: &clap::Error, args: &[OsString]) {
    let unsafe_arg = |a: &OsString| a.to_string_lossy().chars().any(crate::terminal::is_unsafe);
    if !args.iter().any(unsafe_arg) {
        let _ = e.print();
        return;
    }
    let shown: Vec<OsString> = args
        .iter()
        .map(|a| {
            if unsafe_arg(a) {
                crate::terminal::neutralise(&a.to_string_lossy())
                    .into_owned()
                    .into()
            } else {
                a.clone()
            }
        })
        .collect();
    match parse(&shown) {
        Err(shown) if shown.kind() == e.kind() => {
            let _ = shown.print();
        }
        // Escaped, the arguments no longer give the same error: clap's own message,
        // without colour and with anything unsafe left in it escaped.
        _ => {
            let text = e.render().to_string();
            let text = crate::terminal::neutralise(&text);
            let _ = if e.use_stderr() {
                io::stderr().write_all(text.as_bytes())
            } else {
                io::stdout().write_all(text.as_bytes())
            };
        }
    }
}
