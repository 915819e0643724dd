//! `fairness cases`: every record in the case folder, for people (a table at the
//! terminal's width) or for other programs (`--format json`).

use std::io::Write;

use crate::cases::{self, State, render};
use crate::cli::{CasesArgs, ReportFormat};
use crate::config::{self, Given};
use crate::error::{Error, Status};
use crate::terminal::{self, Console};

pub fn run(args: &CasesArgs, console: &Console, out: &mut dyn Write) -> Result<Status, Error> {
    let settings = config::settings(Given {
        cases: args.dir.dir.as_deref(),
        ..Given::default()
    })?;
    let listing = cases::list(settings.case_folder()?)?;
    let text = match args.format {
        ReportFormat::Json => render::json(&listing),
        ReportFormat::Text => render::text(&listing, &settings, console.quiet(), terminal::width()),
    };
    out.write_all(text.as_bytes()).map_err(Error::Output)?;
    // A record that cannot be relied on is worth an exit code, as `verify` gives it.
    let doubtful = listing
        .records
        .iter()
        .any(|r| matches!(r.status, State::Altered | State::Unreadable));
    Ok(if doubtful {
        Status::Invalid
    } else {
        Status::Success
    })
}
