//! `fairness due`: what is due among the case records, for people (a table at the
//! terminal's width) or for other programs (`--format json`).

use std::io::Write;

use crate::cases::due::{self, Named, Thresholds};
use crate::cases::due_render;
use crate::cli::{DueArgs, ReportFormat};
use crate::config::{self, Given, Source};
use crate::error::{Error, Status};
use crate::record::found::Outcome;
use crate::terminal::{self, Console};

use super::RecordFinder;

pub fn run(args: &DueArgs, console: &Console, out: &mut dyn Write) -> Result<Status, Error> {
    let settings = config::settings(Given {
        cases: args.dir.dir.as_deref(),
        due_within: args.within,
        due_stale: args.stale,
        ..Given::default()
    })?;
    let thresholds = Thresholds {
        within: i64::from(settings.due_within.value),
        stale: i64::from(settings.due_stale.value),
    };
    let today = crate::value::today();
    let list = if args.records.is_empty() {
        let folder = settings.case_folder()?;
        // From `--dir`, each command needs the folder again.
        let dir = match &settings.cases.from {
            Source::Flag(_) => format!(" --dir {}", crate::shell::word(folder.as_os_str())),
            _ => String::new(),
        };
        let records = due::in_folder(folder)?;
        due::collect(records, folder, thresholds, &today, &dir, false)
    } else {
        let mut finder = RecordFinder::new(args.dir.dir.as_deref());
        let mut records = Vec::new();
        for given in &args.records {
            records.push(Named {
                path: finder.find(given)?,
                name: given.display().to_string(),
            });
        }
        let dir = match &args.dir.dir {
            Some(d) => format!(" --dir {}", crate::shell::word(d.as_os_str())),
            None => String::new(),
        };
        // A record named that cannot be opened at all is refused, as `verify` does.
        let (checked, unopened): (Vec<_>, Vec<_>) = due::check(records)
            .into_iter()
            .partition(|(_, c)| !matches!(c.outcome, Outcome::Io(_)));
        let unopened = unopened.into_iter().filter_map(|(n, c)| match c.outcome {
            Outcome::Io(io) => Some((n.path.display().to_string(), io)),
            _ => None,
        });
        super::refuse_unopened(unopened.collect(), console)?;
        due::collect(
            checked,
            std::path::Path::new(""),
            thresholds,
            &today,
            &dir,
            true,
        )
    };
    let text = match args.format {
        ReportFormat::Json => due_render::json(&list),
        ReportFormat::Text => due_render::text(&list, terminal::width()),
    };
    out.write_all(text.as_bytes()).map_err(Error::Output)?;
    Ok(if args.fail_on_overdue && list.any_overdue() {
        Status::Invalid
    } else {
        Status::Success
    })
}
