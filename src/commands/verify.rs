//! `fairness verify RECORD...`: for each file, intact and signed, a draft, or altered.

use std::io::Write;

use crate::cli::VerifyArgs;
use crate::error::{Error, Status, Usage};
use crate::record::found::{Outcome, check};
use crate::record::parse_seal;
use crate::terminal::Console;

pub fn run(args: &VerifyArgs, console: &Console, out: &mut dyn Write) -> Result<Status, Error> {
    if args.seal.is_some() && args.records.len() != 1 {
        return Err(Usage::SealNeedsOneRecord.into());
    }
    let seal = args.seal.as_deref().map(parse_seal).transpose()?;
    let mut worst = Status::Success;
    let mut counts = [0usize; 4];
    for path in &args.records {
        let mut checked = check(path);
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
