//! `fairness run`: the checklist for one case, in a terminal or from an answers file.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::checklist::resume::{self, Next};
use crate::checklist::{Checklist, Outcome, Session, Start};
use crate::cli::RunArgs;
use crate::config::{self, Settings};
use crate::error::{Error, Status, Usage};
use crate::framework::{self, Loaded};
use crate::keys::plan::Plan;
use crate::prompter::{self, answers};
use crate::terminal::{Console, neutralise, one_line};
use crate::tui::Terminal;
use crate::value;
use crate::{cases, platform};

/// The terminal's questions are drawn on standard error; what the run did (the record
/// it wrote, signed or a draft) is confirmed on standard output, as every command
/// confirms the files it writes (docs/output-and-exit-codes.md).
pub fn run(args: &RunArgs, console: &Console, out: &mut impl Write) -> Result<Status, Error> {
    let settings = config::settings(args.given())?;
    let catch = || platform::catch_signals().map_err(Error::Output);
    let draft = (args.resume.as_deref())
        .map(|given| cases::open_draft(given, &settings, &catch()?))
        .transpose()?;
    let framework = draft.as_ref().map_or(settings.framework_for(None), |d| d.2);
    let loaded = framework::load(framework)?;
    let keys = Plan::from_settings(&settings)?;
    if let Some(answers) = &args.answers {
        return from_answers(args, answers, (&settings, &keys), &loaded, console, out);
    }
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(Usage::NotATerminal.into());
    }
    let mut terminal = Terminal::new(catch()?, *console);
    terminal.signer_defaults = settings.signer_defaults();
    let list = Checklist::new(&loaded.framework);
    // The history entries of this sitting begin after the draft's own.
    let mut sitting_from = 0;
    let (store, record, start, name) = match draft {
        Some((store, record, _)) => {
            sitting_from = record.history.len();
            let path = &store.path;
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
            let name = prompter::terminal::sitting(&mut terminal);
            (store, record, start, name)
        }
        None => match prompter::terminal::begin(
            &mut terminal,
            &loaded,
            &list,
            args.out.as_deref(),
            framework,
            &settings.records_folder(args.out.as_deref())?,
        )? {
            Some((store, record, name)) => (store, record, Start::Beginning, Some(name)),
            None => return Ok(Status::Interrupted),
        },
    };

    let (path, continue_with) = (store.path.clone(), store.resume.clone());
    let asked = name.is_some();
    let mut session = Session::new(&list, record, terminal, store, value::now)
        .sitting(name, sitting_from)
        .keys(&keys);
    // Left at the name: the draft stays as it was.
    let outcome = if asked {
        session.run(start)
    } else {
        Ok(Outcome::Interrupted)
    };
    // Whatever the person typed after the last prompt (the rest of a paste, say) was
    // meant for fairness: on every way out, it must not reach the shell.
    platform::discard_typeahead();
    let outcome = outcome?;
    drop(session.store); // Released before the summary is printed.
    let record = &session.record;
    let shown = one_line(&path.display().to_string()).into_owned();
    match outcome {
        Outcome::Signed => {
            let text = crate::countersign::signed_text(record, &path);
            writeln!(out, "{text}").map_err(Error::Output)?;
            Ok(Status::Success)
        }
        Outcome::Saved | Outcome::Interrupted => {
            // After a hang-up this cannot be shown; the draft is saved all the same.
            let _ = writeln!(
                out,
                "Draft saved: {shown} ({}).{}\nContinue with:\n    {continue_with}",
                list.progress(record),
                crate::checklist::kept_unconfirmed(record)
            );
            Ok(match outcome {
                Outcome::Saved => Status::Success,
                _ => Status::Interrupted,
            })
        }
    }
}

/// `fairness run --answers FILE`: the same session, answered from a file, written once.
fn from_answers(
    args: &RunArgs,
    path: &Path,
    (settings, plan): (&Settings, &Plan),
    loaded: &Loaded,
    console: &Console,
    out: &mut impl Write,
) -> Result<Status, Error> {
    // From here a Ctrl-C or a `kill` leaves no temporary file, and writes no record.
    let stop = platform::catch_signals().map_err(Error::Output)?;
    let written = answers::fill(
        path,
        args.out.as_deref(),
        &settings.records_folder(args.out.as_deref())?,
        settings.framework.value.as_deref(),
        loaded,
        &plan.signing(args.key.passphrase_file.as_deref()),
        &stop,
    )?;
    // Said even with `--quiet`: the record is written all the same, as in a terminal.
    for warning in &written.warnings {
        console.warning(&neutralise(warning));
    }
    // Quiet: the record is written; the exit code says which kind.
    if !console.quiet() {
        write!(out, "{}", written.summary()).map_err(Error::Output)?;
    }
    Ok(Status::Success)
}
