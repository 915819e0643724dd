//! `fairness run`: the checklist for one case, in a terminal or from an answers file.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::checklist::resume::{self, Next};
use crate::checklist::{Checklist, Outcome, Session, Start};
use crate::cli::RunArgs;
use crate::error::{Error, Status, Usage};
use crate::framework::{self, Loaded};
use crate::platform;
use crate::prompter::{self, answers};
use crate::record::draft::DraftFile;
use crate::terminal::{Console, neutralise, one_line};
use crate::tui::Terminal;
use crate::value;

pub fn run(args: &RunArgs, console: &Console, out: &mut impl Write) -> Result<Status, Error> {
    let loaded = framework::load(args.framework.as_deref())?;
    if let Some(answers) = &args.answers {
        return from_answers(args, answers, &loaded, console, out);
    }
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(Usage::NotATerminal.into());
    }
    let terminal = Terminal::new(platform::catch_signals().map_err(Error::Output)?, *console);
    let list = Checklist::new(&loaded.framework);

    let framework = args.framework.as_deref();
    let (store, record, start) = match &args.resume {
        Some(path) => {
            let (store, record) = DraftFile::open(path, framework, terminal.stop())?;
            let plan = resume::plan(record, path, &list, &loaded, framework, args.migrate)?;
            terminal.say_wrapped(&plan.greeting);
            let (record, start) = match plan.next {
                Next::Continue(record) => (record, Start::Resume),
                Next::Refused(error) => return Err(error),
                Next::Migrated { record, report } => {
                    store.save(&record)?;
                    terminal.say(&report.to_string());
                    terminal.say(
                        "The draft now uses this framework; the move is noted in its history.",
                    );
                    (record, Start::Migrated)
                }
            };
            // The framework's own answer, given to the draft: saved (again, if migrated).
            if let Some(said) = &plan.preset {
                store.save(&record)?;
                terminal.say_wrapped(said);
            }
            (store, record, start)
        }
        None => match prompter::terminal::begin(
            &terminal,
            &loaded,
            &list,
            args.out.as_deref(),
            framework,
        )? {
            Some((store, record)) => (store, record, Start::Beginning),
            None => return Ok(Status::Interrupted),
        },
    };

    let (path, continue_with) = (store.path.clone(), store.resume.clone());
    let mut session = Session::new(&list, record, terminal, store, value::now);
    let outcome = session.run(start);
    // Whatever the person typed after the last prompt (the rest of a paste, say) was
    // meant for fairness: on every way out, it must not reach the shell.
    platform::discard_typeahead();
    let outcome = outcome?;
    // Released before the summary is printed.
    drop(session.store);
    let record = &session.record;
    let shown = one_line(&path.display().to_string()).into_owned();
    match outcome {
        Outcome::Signed => {
            writeln!(out, "Signed and sealed: {shown}").map_err(Error::Output)?;
            if let Some(sign) = &record.sign_off {
                writeln!(
                    out,
                    "  case {} · signed by {}, at {}",
                    neutralise(&record.case.reference),
                    sign.signer(),
                    sign.signed
                )
                .map_err(Error::Output)?;
            }
            writeln!(out, "  seal {}", record.seal.as_deref().unwrap_or_default())
                .map_err(Error::Output)?;
            writeln!(
                out,
                "A signed record is never changed: it cannot be resumed or overwritten."
            )
            .map_err(Error::Output)?;
            Ok(Status::Success)
        }
        Outcome::Saved | Outcome::Interrupted => {
            let shown_items = list.visible(record).iter().filter(|v| **v).count();
            // After a hang-up the terminal is gone and this cannot be shown; the draft
            // is saved all the same, and the exit code says so.
            let _ = writeln!(
                out,
                "Draft saved: {shown} ({} of {shown_items} items answered).\nContinue with:\n    {continue_with}",
                record.answers.len()
            );
            Ok(if outcome == Outcome::Saved {
                Status::Success
            } else {
                Status::Interrupted
            })
        }
    }
}

/// `fairness run --answers FILE`: the same session, answered from a file, written once.
fn from_answers(
    args: &RunArgs,
    path: &Path,
    loaded: &Loaded,
    console: &Console,
    out: &mut impl Write,
) -> Result<Status, Error> {
    // Before anything is written: a Ctrl-C or a `kill` from here on leaves no
    // temporary file behind, and stops the record from being written at all.
    let stop = platform::catch_signals().map_err(Error::Output)?;
    let written = answers::fill(
        path,
        args.out.as_deref(),
        args.framework.as_deref(),
        loaded,
        &stop,
    )?;
    // Dates out of order are warnings, said even with `--quiet`: the record is
    // written all the same, as sign-off in a terminal goes ahead after them.
    for warning in &written.warnings {
        console.warning(&neutralise(warning));
    }
    // Quiet: the record is written; the exit code says which kind.
    if !console.quiet() {
        write!(out, "{}", written.summary()).map_err(Error::Output)?;
    }
    Ok(Status::Success)
}
