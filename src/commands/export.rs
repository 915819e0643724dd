//! `fairness export RECORD... --format markdown|html|json|csv`: records (files, or case
//! references in the case folder) for people and for other tools. Every record is
//! found, read and verified first; nothing is written unless every one could be read.

use std::io::Write;

use crate::cli::ExportArgs;
use crate::commands::RecordFinder;
use crate::error::{Error, Status};
use crate::export::{self, Notice, Outcome, Request};
use crate::terminal::{Console, one_line};

pub fn run(args: &ExportArgs, console: &Console, out: &mut dyn Write) -> Result<Status, Error> {
    // Ctrl-C, a closed terminal or a `kill` stops the export between two records, so
    // that the half-written temporary file is removed rather than left behind.
    let stop = crate::platform::catch_signals().map_err(Error::Output)?;
    let mut finder = RecordFinder::new(args.dir.dir.as_deref());
    let records = (args.records.iter())
        .map(|given| finder.find(given))
        .collect::<Result<Vec<_>, _>>()?;
    let request = Request {
        records: &records,
        format: args.format,
        audience: args.audience,
        framework: args.framework.as_deref(),
        output: args.output.as_deref(),
    };
    let mut tell = |notice: Notice| say(console, notice);
    let summary = match export::export(&request, &stop, out, &mut tell)? {
        Outcome::Done(summary) => summary,
        Outcome::Stopped => {
            console.say(&"export stopped: nothing was written");
            return Ok(Status::Interrupted);
        }
    };
    if let Some(path) = &summary.file
        && !console.quiet()
    {
        let n = summary.records;
        writeln!(
            out,
            "Exported {n} record{} to {}",
            if n == 1 { "" } else { "s" },
            one_line(&path.display().to_string())
        )
        .map_err(Error::Output)?;
    }
    for notice in summary.notices() {
        tell(notice);
    }
    Ok(summary.status())
}

/// A note (unless `--quiet`) or a warning, on standard error.
fn say(console: &Console, notice: Notice) {
    if notice.is_warning() {
        console.warning(&notice);
    } else {
        console.note(&notice);
    }
}
