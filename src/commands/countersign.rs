//! `fairness countersign RECORD`: an independent reviewer countersigns a signed record,
//! or returns it with comments, in a terminal or from a review file.

use std::io::{IsTerminal, Write};

use crate::cli::CountersignArgs;
use crate::commands::RecordFinder;
use crate::countersign::{self, answers, terminal};
use crate::error::{CountersignRefusal, Error, Status, Usage};
use crate::terminal::Console;
use crate::tui::Terminal;

pub fn run(
    args: &CountersignArgs,
    console: &Console,
    out: &mut impl Write,
) -> Result<Status, Error> {
    let path = RecordFinder::new(args.dir.dir.as_deref()).find(&args.record)?;
    let stop = crate::platform::catch_signals().map_err(Error::Output)?;
    let opened = countersign::open(&path)?;
    let given = match &args.answers {
        Some(file) => answers::from_file(file, &opened.record, &opened.meanings)?,
        None => {
            if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
                return Err(Usage::ReviewNotATerminal.into());
            }
            let t = Terminal::new(stop.clone(), *console);
            let given = terminal::ask(&t, &opened);
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
    let review = countersign::review(given, &crate::value::now());
    let record = countersign::write(&opened, review, &stop)?;
    if !console.quiet() {
        writeln!(out, "{}", countersign::done_text(&record, &path)).map_err(Error::Output)?;
    }
    Ok(Status::Success)
}

fn nothing_written(out: &mut impl Write, status: Status) -> Result<Status, Error> {
    writeln!(out, "Nothing was written: the record is as it was.").map_err(Error::Output)?;
    Ok(status)
}
