//! `fairness verify RECORD...`: for each file, intact and signed, a draft, or altered.

use std::io::Write;

use crate::cli::VerifyArgs;
use crate::error::{Error, Status, Usage};
use crate::record::found::{Outcome, check};
use crate::record::parse_seal;
use crate::terminal::with_label_coloured;

pub fn run(args: &VerifyArgs, out: &mut dyn Write) -> Result<Status, Error> {
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
        let (line, kind) = checked.verdict_line();
        counts[kind] += 1;
        // Quiet: only the records that are not intact or a draft.
        if crate::terminal::quiet() && kind < 2 {
            continue;
        }
        writeln!(out, "{line}").map_err(Error::Output)?;
        let stderr = matches!(checked.outcome, Outcome::Io(_));
        let report: String = checked
            .reports()
            .iter()
            .map(|r| with_label_coloured(r, stderr))
            .collect();
        if stderr {
            // Not a finding about a record but a problem with the command: on standard
            // error, after what has been reported so far.
            out.flush().map_err(Error::Output)?;
            eprint!("{report}");
        } else if !report.is_empty() {
            write!(out, "\n{report}").map_err(Error::Output)?;
        }
    }
    if args.records.len() > 1 && !crate::terminal::quiet() {
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
