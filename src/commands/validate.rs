//! `fairness validate FILE...`: every problem in every file, in one run.

use std::io::Write;

use crate::cli::{ReportFormat, ValidateArgs};
use crate::error::{Error, Status};
use crate::framework::report::{self, FileReport};
use crate::terminal::Console;

pub fn run(args: &ValidateArgs, console: &Console, out: &mut dyn Write) -> Result<Status, Error> {
    let reports: Vec<FileReport> = args.files.iter().map(|p| report::check_file(p)).collect();
    match args.format {
        ReportFormat::Text => report::write_text(&reports, console, out),
        ReportFormat::Json => report::write_json(&reports, out),
    }
    .map_err(Error::Output)?;
    Ok(report::worst(&reports))
}
