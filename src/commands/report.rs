//! `fairness report`: figures across many records, for a board (small numbers
//! suppressed) or for the equality lead (every count, OFFICIAL-SENSITIVE).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::atomic_file::{self, NewFile};
use crate::cli::{ReportArgs, ReportAudience, ReportOutput};
use crate::error::{Error, Status, Usage};
use crate::report::model::Audience;
use crate::report::{self, Request, build, inputs, render};
use crate::terminal::{Console, one_line};

use super::RecordFinder;

pub fn run(args: &ReportArgs, console: &Console, out: &mut dyn Write) -> Result<Status, Error> {
    let usage = |given: String, why: String| Error::Usage(Usage::Setting { given, why });
    let k = args.suppress.unwrap_or(report::DEFAULT_K);
    // Refused whoever the report is for: the same command for a board would show them.
    if k < report::LOWEST_K {
        return Err(usage(
            format!("`--suppress {k}`"),
            format!(
                "a board would be shown counts as small as {}, which could point to a person; K, the smallest count a board is shown, is {} at the least",
                k.max(1),
                report::LOWEST_K
            ),
        ));
    }
    if args.suppress.is_some() && args.audience == ReportAudience::EqualityLead {
        console.note(&format!(
            "`--suppress {k}` has no effect: the equality lead's report shows every count; it applies to `--audience board`"
        ));
    }
    let period = args
        .period
        .as_deref()
        .map(|p| report::parse_period(p).map_err(|why| usage(format!("`--period {p}`"), why)))
        .transpose()?;
    let references = args
        .references
        .iter()
        .map(|r| report::parse_reference(r).map_err(|why| usage(format!("`--reference {r}`"), why)))
        .collect::<Result<Vec<_>, _>>()?;
    if args.monitoring.is_none() {
        if args.workforce.is_some() {
            return Err(usage(
                "`--workforce`".to_owned(),
                "headcounts are joined to the monitoring file's groups: give `--monitoring FILE` as well".to_owned(),
            ));
        }
        if !references.is_empty() {
            return Err(usage(
                "`--reference`".to_owned(),
                "reference groups are groups of the monitoring file: give `--monitoring FILE` as well".to_owned(),
            ));
        }
    }
    let monitoring = match &args.monitoring {
        Some(path) => Some(inputs::read_monitoring(path)?),
        None => None,
    };
    if let Some(m) = &monitoring {
        inputs::check_references(&references, m)?;
    }
    let workforce = match (&args.workforce, &monitoring) {
        (Some(path), Some(m)) => Some(inputs::read_workforce(path, &m.characteristics)?),
        _ => None,
    };
    let records = records(args)?;
    let audience = match args.audience {
        ReportAudience::Board => Audience::Board,
        ReportAudience::EqualityLead => Audience::EqualityLead,
    };
    let request = Request {
        monitoring: monitoring.as_ref(),
        workforce: workforce.as_ref(),
        period,
        k,
        audience,
        references: &references,
        generated: crate::value::now(),
    };
    // A file already there is refused before anything is said about the records (and
    // again, race-free, when it is written).
    if let Some(path) = args.output.as_deref().filter(|p| *p != Path::new("-")) {
        crate::atomic_file::refuse_existing(path)?;
    }
    let mut read = report::read(&records, request.period.as_ref());
    super::refuse_unopened(std::mem::take(&mut read.unopened), console)?;
    read.tell(console);
    // Said only here, to the person running it: a board's report shows no such count.
    (monitoring.iter().flat_map(|m| &m.near_misses)).for_each(|slip| console.warning(slip));
    let told = read.warnings.clone();
    if let (Some(w), Some(m)) = (&workforce, &monitoring) {
        let counted = read.counted.iter().map(|f| f.reference.as_str());
        inputs::check_headcounts(w, m, counted)?;
    }
    let figures = build::report(&request, read);
    let text = match args.format {
        ReportOutput::Text => render::text(&figures, crate::terminal::width()),
        ReportOutput::Markdown => render::markdown(&figures),
        ReportOutput::Html => crate::report::html::html(&figures),
        ReportOutput::Csv => render::csv(&figures),
        ReportOutput::Json => render::json(&figures),
    };
    match args.output.as_deref().filter(|p| *p != Path::new("-")) {
        Some(path) => {
            let stop = crate::platform::catch_signals().map_err(Error::Output)?;
            let access = match audience {
                Audience::Board => atomic_file::PUBLIC,
                Audience::EqualityLead => atomic_file::PRIVATE,
            };
            let mut file = NewFile::create(path, access, &stop)?;
            file.write(text.as_bytes())?;
            file.finish()?;
            // The report's own warnings, said here too, as the file may not be read soon.
            for warning in figures.coverage.warnings_beyond(&told) {
                console.warning(warning);
            }
            if !console.quiet() {
                writeln!(
                    out,
                    "Wrote the report to {}{}",
                    one_line(&path.display().to_string()),
                    match audience {
                        Audience::EqualityLead => " (OFFICIAL-SENSITIVE: readable by you alone)",
                        Audience::Board => "",
                    }
                )
                .map_err(Error::Output)?;
            }
        }
        None => out.write_all(text.as_bytes()).map_err(Error::Output)?,
    }
    Ok(Status::Success)
}

/// The records given, found as `export` finds them, or every record in the case
/// folder.
fn records(args: &ReportArgs) -> Result<Vec<PathBuf>, Error> {
    if args.records.is_empty() {
        return super::records_in_case_folder(args.dir.dir.as_deref());
    }
    let mut finder = RecordFinder::new(args.dir.dir.as_deref());
    args.records
        .iter()
        .map(|given| finder.find(given))
        .collect()
}
