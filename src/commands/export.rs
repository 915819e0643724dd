//! `fairness export RECORD... --format markdown|html|json|csv`: records (files, or case
//! references in the case folder) for people and for other tools. Every record is
//! found, read and verified first; nothing is written unless every one could be read.

use std::io::Write;

use crate::cli::{Audience, ExportArgs, ExportFormat};
use crate::commands::RecordFinder;
use crate::error::{Error, Status, Usage};
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
    if args.format == ExportFormat::SignedParts {
        if args.audience != Audience::Case || args.framework.is_some() {
            return Err(Usage::PractitionerNeedsDocument.into());
        }
        return signed_parts(&records, args, &stop, console, out);
    }
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

/// `--format signed-parts`: the files written, and what to do with them.
fn signed_parts(
    records: &[std::path::PathBuf],
    args: &ExportArgs,
    stop: &crate::platform::Stop,
    console: &Console,
    out: &mut dyn Write,
) -> Result<Status, Error> {
    let written = export::signed_parts::export(records, args.output.as_deref(), stop)?;
    for file in &written.altered {
        console.warning(&format!(
            "`{}` has been changed since it was sealed: its parts are written as it is now, and will not check",
            one_line(file)
        ));
    }
    if !console.quiet() {
        let folder = one_line(&written.folder.display().to_string()).into_owned();
        writeln!(
            out,
            "Wrote the signed parts of {} key signature{} from {} record{} to {folder}{}; check each with OpenSSH, as {folder}/VERIFY.txt says:\n{}",
            written.signatures,
            if written.signatures == 1 { "" } else { "s" },
            written.records,
            if written.records == 1 { "" } else { "s" },
            match written.unkeyed {
                0 => String::new(),
                n => format!(" ({n} signed without a key: nothing to check)"),
            },
            written.commands
        )
        .map_err(Error::Output)?;
    }
    Ok(if written.altered.is_empty() {
        Status::Success
    } else {
        Status::Invalid
    })
}

/// A note (unless `--quiet`) or a warning, on standard error.
fn say(console: &Console, notice: Notice) {
    if notice.is_warning() {
        console.warning(&notice);
    } else {
        console.note(&notice);
    }
}
