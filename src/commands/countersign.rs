//! `fairness countersign RECORD`: an independent reviewer countersigns a signed record,
//! or returns it with comments, in a terminal or from a review file.

use std::io::{IsTerminal, Write};

use crate::checklist::Reply;
use crate::cli::CountersignArgs;
use crate::commands::RecordFinder;
use crate::countersign::{self, answers, terminal};
use crate::error::{CountersignRefusal, Error, Status, Usage};
use crate::keys::plan::{Plan, passphrase_from};
use crate::keys::{Asked, Unlocked, check};
use crate::prompter;
use crate::terminal::Console;
use crate::tui::Terminal;

pub fn run(
    args: &CountersignArgs,
    console: &Console,
    out: &mut impl Write,
) -> Result<Status, Error> {
    let path = RecordFinder::new(args.dir.dir.as_deref()).find(&args.record)?;
    let stop = crate::platform::catch_signals().map_err(Error::Output)?;
    let settings = crate::config::settings(crate::config::Given {
        key: args.key.key.as_deref(),
        ..Default::default()
    })?;
    // A key that cannot sign is said before the review, not after it.
    let keys = Plan::from_settings(&settings)?;
    let opened = countersign::open(&path)?;
    let trust = crate::keys::plan::Trust::load(&settings)?;
    check::refuse_unless_counted(
        &opened.record,
        &trust,
        keys.required.is_some(),
        "countersigned",
    )?;
    if let Some(key) = &keys.key {
        check::refuse_same_key(&opened.record, &key.public())?;
    }
    let keyed = keys.applies_to(&opened.record)?;
    let mut terminal = None;
    let given = match &args.answers {
        Some(file) => answers::from_file(file, &opened.record, &opened.meanings)?,
        None => {
            if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
                return Err(Usage::ReviewNotATerminal.into());
            }
            let t = terminal.insert(Terminal::new(stop.clone(), *console));
            let given = terminal::ask(t, &opened);
            crate::platform::discard_typeahead();
            match given? {
                terminal::Asked::Given(given) => given,
                terminal::Asked::Left => return nothing_written(out, Status::Success),
                // Stopped part-way: as an interrupted `run` ends.
                terminal::Asked::Stopped => return nothing_written(out, Status::Interrupted),
            }
        }
    };
    if countersign::refused(&opened.record, &given) {
        return Err(Error::Countersign(CountersignRefusal::Signer));
    }
    let now = crate::value::now();
    let (key, said) = match keyed {
        true => match unlock(&keys, (&given.name, &now), terminal.as_ref(), console, args)? {
            Some((key, said)) => (Some(key), said),
            // Left at the passphrase, as at any question before it: exit 130.
            None => return nothing_written(out, Status::Interrupted),
        },
        false => (None, String::new()),
    };
    let review = countersign::review(given, &now);
    let record = countersign::write(&opened, review, key.as_ref(), &stop)?;
    if !console.quiet() {
        writeln!(out, "{}", countersign::done_text(&record, &path)).map_err(Error::Output)?;
        if !said.is_empty() {
            writeln!(out, "  ({said})").map_err(Error::Output)?;
        }
    }
    Ok(Status::Success)
}

/// The reviewer's key, unlocked once the organisation's files allow it: in the
/// terminal the review was given in (three tries; `None` if the reviewer goes back),
/// else with the passphrase from a file or the environment.
fn unlock(
    keys: &Plan,
    (name, now): (&str, &str),
    terminal: Option<&Terminal>,
    console: &Console,
    args: &CountersignArgs,
) -> Result<Option<(Unlocked, String)>, Error> {
    let key = keys.key.as_ref().expect("a plan that applies has a key");
    let at = now.parse().unwrap_or_else(|_| jiff::Timestamp::now());
    if let Some(warning) = keys.check_signer(name, at)? {
        match terminal {
            Some(t) => t.warning(&warning),
            None => console.warning(&warning),
        }
    }
    let Some(t) = terminal.filter(|_| key.protected()) else {
        let (passphrase, said) = passphrase_from(args.key.passphrase_file.as_deref(), key)?;
        return key.unlock(&passphrase).map(|k| Some((k, said)));
    };
    let asked = crate::keys::unlock_asking(key, |again| {
        Ok(
            match prompter::terminal::passphrase(t, key, again, "leave, nothing written") {
                Reply::Value(passphrase) => Ok(passphrase),
                _ => Err(()),
            },
        )
    })?;
    match asked {
        Asked::Unlocked(unlocked) => Ok(Some((unlocked, String::new()))),
        Asked::Stopped(()) => Ok(None),
        Asked::Locked(locked) => Err(locked),
    }
}

fn nothing_written(out: &mut impl Write, status: Status) -> Result<Status, Error> {
    writeln!(out, "Nothing was written: the record is as it was.").map_err(Error::Output)?;
    Ok(status)
}
