//! `fairness verify RECORD...`: for each record (a file, or a case reference in the
//! case folder), intact and signed, a draft, or altered; where it stands among its
//! case's versions; and, given together, whether each amendment is linked to the
//! record it supersedes.

use std::io::Write;

use crate::cli::{ReportFormat, VerifyArgs};
use crate::diagnostic::{Diagnostic, render};
use crate::error::{Error, Status, Usage};
use crate::keys::check;
use crate::record::chain;
use crate::record::found::Outcome;
use crate::record::parse_seal;
use crate::record::report;
use crate::terminal::{Console, one_line};

pub fn run(args: &VerifyArgs, console: &Console, out: &mut dyn Write) -> Result<Status, Error> {
    if args.seal.is_some() && args.records.len() != 1 {
        return Err(Usage::SealNeedsOneRecord.into());
    }
    let seal = args.seal.as_deref().map(parse_seal).transpose()?;
    let found = super::to_verify(&args.records, args.dir.dir.as_deref())?;
    // Said in words for a person; for a program, the same document as ever, empty.
    if found.is_empty() && args.format != ReportFormat::Json {
        let folder = crate::error::shown_folder(&super::case_folder(args.dir.dir.as_deref())?);
        writeln!(out, "No case records in {folder}: nothing to verify.").map_err(Error::Output)?;
        return Ok(Status::Success);
    }
    let given = crate::cases::judge_given(found, seal.as_deref());
    let names: Vec<_> = given
        .iter()
        .map(|g| (g.record(), g.file.as_str()))
        .collect();
    let links = chain::links(&names);
    let (trust, required) = check::trust(
        args.signers.as_deref(),
        args.revoked_keys.as_deref(),
        args.require_keys,
    )?;
    let keys = check::each(&given, &trust);
    let mut worst = Status::Success;
    if keys.iter().any(|k| check::failing(k, required)) {
        worst = Status::Invalid;
    }
    for g in &given {
        worst = worst.max(
            g.checked
                .as_ref()
                .map_or(Status::Unreadable, |c| c.status()),
        );
    }
    if links.iter().any(|l| !l.holds()) {
        worst = worst.max(Status::Invalid);
    }
    if args.format == ReportFormat::Json {
        let problems: Vec<Vec<String>> = given
            .iter()
            .map(|g| match &g.checked {
                Ok(c) => c.reports(),
                Err(why) => vec![why.clone()],
            })
            .collect();
        let found = check::found(&keys, required);
        let json = report::json(&given, &links, &problems, &found, required);
        write!(out, "{json}").map_err(Error::Output)?;
        return Ok(worst);
    }
    // Intact, draft, altered, unreadable, and records named that are not there.
    let mut counts = [0usize; 5];
    let signers = trust.signers.as_ref().map(|(path, _)| path.as_path());
    for (g, keys) in given.iter().zip(&keys) {
        let checked = match &g.checked {
            Ok(checked) => checked,
            Err(why) => {
                counts[4] += 1;
                writeln!(
                    out,
                    "{}: {}",
                    one_line(&g.file),
                    console.bad("no such record")
                )
                .and_then(|()| out.flush())
                .map_err(Error::Output)?;
                console.error(why);
                continue;
            }
        };
        let (line, kind) = checked.verdict_line(console);
        let (line, failing) = check::headline(line, keys, required, console);
        counts[kind] += 1;
        // Quiet: only the records that are not intact or a draft, or fail a key.
        if console.quiet() && kind < 2 && !failing {
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
        write!(out, "{}", report::version_lines(g)).map_err(Error::Output)?;
        write!(out, "{}", check::lines(keys, signers, required)).map_err(Error::Output)?;
        let report: String = checked
            .reports()
            .iter()
            .map(|r| console.labelled(r, false))
            .collect();
        if !report.is_empty() {
            write!(out, "\n{report}").map_err(Error::Output)?;
        }
    }
    for link in &links {
        if console.quiet() && link.holds() {
            continue;
        }
        writeln!(out, "\n{}", report::link_heading(link, &given)).map_err(Error::Output)?;
        for problem in &link.problems {
            let rendered = render(
                &Diagnostic::error(problem.clone(), None),
                &given[link.new].file,
                None,
            );
            write!(out, "{}", console.labelled(&rendered, false)).map_err(Error::Output)?;
        }
    }
    if given.len() > 1 && !console.quiet() {
        let [intact, draft, altered, unreadable, missing] = counts;
        let missing = match missing {
            0 => String::new(),
            n => format!(", {n} not found"),
        };
        writeln!(
            out,
            "\n{} records checked: {intact} intact{}, {draft} draft, {altered} altered, {unreadable} unreadable{missing}",
            given.len(),
            check::not_counting(&keys, required),
        )
        .map_err(Error::Output)?;
    }
    Ok(worst)
}
