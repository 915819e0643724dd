//! `fairness man`: manual pages generated from the same clap definitions as the help,
//! one for fairness itself and one for each command, as git has git-commit(1).

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;
use clap_mangen::Man;

use crate::atomic_file;
use crate::cli::{Cli, ManArgs};
use crate::error::{Error, Status, Usage, shown};
use crate::terminal::Console;

pub fn run(args: &ManArgs, console: &Console, out: &mut dyn Write) -> Result<Status, Error> {
    if let Some(folder) = &args.output {
        let names = write_pages(folder)?;
        if !console.quiet() {
            writeln!(
                out,
                "Wrote {} manual pages into `{}`: {}.",
                names.len(),
                shown(folder),
                names.join(", ")
            )
            .map_err(Error::Output)?;
        }
        return Ok(Status::Success);
    }
    let cli = cli();
    let mut command = cli;
    for name in &args.command {
        command = self::command(&command, name)?.clone();
    }
    out.write_all(&page(command)?.1).map_err(Error::Output)?;
    Ok(Status::Success)
}

/// The whole command line, built, so that each command knows its full name
/// (`fairness-run`, `fairness run`). `fairness help` is left out: it has no page of its
/// own, and every page already says how to get help.
fn cli() -> clap::Command {
    let mut cli = Cli::command().disable_help_subcommand(true);
    cli.build();
    cli
}

/// The command called `name`, or a usage error that lists the commands.
fn command<'c>(cli: &'c clap::Command, name: &str) -> Result<&'c clap::Command, Error> {
    cli.find_subcommand(name).ok_or_else(|| {
        Error::Usage(Usage::NotACommand {
            name: name.to_owned(),
            commands: cli
                .get_subcommands()
                .map(|c| c.get_name().to_owned())
                .collect(),
        })
    })
}

/// One page: its file name (`fairness-run.1`) and its roff.
fn page(command: clap::Command) -> Result<(String, Vec<u8>), Error> {
    let name = command
        .get_display_name()
        .unwrap_or(command.get_name())
        .to_owned();
    // The page footer names the program and its version, on every page: a command's
    // own page would otherwise give its name where the version goes (`"report "`).
    let man = Man::new(command).source(format!("fairness {}", env!("CARGO_PKG_VERSION")));
    let mut roff = Vec::new();
    man.render(&mut roff).map_err(Error::Output)?;
    // clap_mangen puts the text after the help under EXTRA; on fairness(1) that text is
    // the exit codes, which a manual page puts under EXIT STATUS.
    let mut roff =
        String::from_utf8_lossy(&roff).replacen(".SH EXTRA\n", ".SH \"EXIT STATUS\"\n", 1);
    // Our own sections go before VERSION, which clap_mangen writes last but one.
    let ours = crate::manual::sections(&name);
    match roff.find(".SH VERSION\n") {
        Some(at) => roff.insert_str(at, &ours),
        None => roff.push_str(&ours),
    }
    Ok((man.get_filename(), roff.into_bytes()))
}

/// Writes fairness.1 and a page for each command into `folder`, each replacing any page
/// of the same name, and returns the file names in the order written.
fn write_pages(folder: &Path) -> Result<Vec<String>, Error> {
    let write_error = Error::write;
    if folder.exists() && !folder.is_dir() {
        return Err(Usage::PagesFolderIsAFile {
            path: folder.to_owned(),
        }
        .into());
    }
    let stop = crate::platform::catch_signals().map_err(Error::Output)?;
    std::fs::create_dir_all(folder).map_err(|io| write_error(folder, io))?;
    let cli = cli();
    // fairness itself, each command, and each command within one (`key new`).
    let commands = std::iter::once(cli.clone()).chain(
        cli.get_subcommands()
            .flat_map(|c| std::iter::once(c).chain(c.get_subcommands()))
            .cloned(),
    );
    let mut names = Vec::new();
    for command in commands {
        let (name, roff) = page(command)?;
        let path = folder.join(&name);
        if stop.is_set() {
            return Err(Error::Stopped { path });
        }
        atomic_file::replace(&path, &roff, atomic_file::PUBLIC, &stop)
            .map_err(|io| write_error(&path, io))?;
        names.push(name);
    }
    Ok(names)
}
