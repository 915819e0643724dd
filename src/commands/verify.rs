//! `fairness verify RECORD...`: for each record (a file, or a case reference in the
//! case folder), intact and signed, a draft, or altered.

use std::io::Write;

use crate::cli::VerifyArgs;
use crate::commands::RecordFinder;
use crate::error::{Error, Status, Usage};
use crate::record::found::{Outcome, check};
use crate::record::parse_seal;
use crate::terminal::{Console, one_line};

pub fn run(args: &VerifyArgs, console: &Console, out: &mut dyn Write) -> Result<Status, Error> {
    if args.seal.is_some() && args.records.len() != 1 {
        return Err(Usage::SealNeedsOneRecord.into());
    }
    let seal = args.seal.as_deref().map(parse_seal).transpose()?;
    let mut worst = Status::Success;
    let mut counts = [0usize; 4];
    let mut finder = RecordFinder::new(args.dir.dir.as_deref());
    for given in &args.records {
        let path = match finder.find(given) {
            Ok(path) => path,
            // A reference with no record is counted as unreadable, said plainly (not as
            // a file that could not be read, which sounds like damage), and the rest
            // are checked.
            Err(no_record @ Error::NoRecord { .. }) => {
                worst = worst.max(Status::Unreadable);
                counts[3] += 1;
                let shown = given.display().to_string();
                writeln!(
                    out,
                    "{}: {}",
                    one_line(&shown),
                    console.bad("no such record")
                )
                .and_then(|()| out.flush())
                .map_err(Error::Output)?;
                console.error(&no_record);
                continue;
            }
            Err(error) => return Err(error),
        };
        let mut checked = check(&path);
        if let Some(expected) = &seal {
            checked.expect_seal(expected);
        }
        worst = worst.max(checked.status());
        let (line, kind) = checked.verdict_line(console);
        counts[kind] += 1;
        // Quiet: only the records that are not intact or a draft.
        if console.quiet() && kind < 2 {
            continue;
        }
        writeln!(out, "{line}").map_err(Error::Output)?;
        if matches!(checked.outcome, Outcome::Io(_)) {
            // Not a finding about a record but a problem with the command: on standard
            // error, after what has been reported so far.
            out.flush().map_err(Error::Output)?;
            console.diagnostics(&checked.reports(), "");
            continue;
        }
        let report: String = checked
            .reports()
            .iter()
            .map(|r| console.labelled(r, false))
            .collect();
        if !report.is_empty() {
            write!(out, "\n{report}").map_err(Error::Output)?;
        }
    }
    if args.records.len() > 1 && !console.quiet() {
        let [intact, draft, altered, unreadable] = counts;
        writeln!(
            out,
            "\n{} records checked: {intact} intact, {draft} draft, {altered} altered, {unreadable} unreadable",
            args.records.len()
        )
        .map_err(Error::Output)?;
    }
    Ok(worst)
}
