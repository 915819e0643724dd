//! How `fairness due` shows what is due: a table at a width for people, JSON in the
//! documented shape (docs/records.md) for other programs.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ColumnConstraint, ContentArrangement, Table};
use serde::Serialize;

use crate::terminal::{escape_json, neutralise};

use super::due::{Due, DueList, FORMAT};

/// What is due, for people: the day and thresholds, a table, and what was left out.
pub fn text(list: &DueList, width: u16) -> String {
    let t = list.thresholds;
    let days = |n: i64| match n {
        1 => "1 day".to_owned(),
        n => format!("{n} days"),
    };
    let reviews = match t.within {
        0 => "reviews due today or overdue".to_owned(),
        n => format!("reviews due within {} or overdue", days(n)),
    };
    let drafts = match t.stale {
        0 => "drafts not saved today".to_owned(),
        n => format!("drafts unsaved for more than {}", days(n)),
    };
    // Everything the list can hold, so that none of it comes as a surprise.
    let mut text = crate::terminal::wrap_for_terminal(
        &format!(
            "Due as of {}: {reviews}, countersignatures awaited, records returned by a reviewer, and {drafts}.",
            list.today
        ),
        usize::from(width),
    );
    text.push('\n');
    if list.entries.is_empty() {
        text.push_str("Nothing is due.\n");
    } else if fits_whole(&list.entries, width) {
        text.push_str(&format!("{}\n", table(&list.entries, width)));
    } else {
        // A command is to be copied, so it is never broken inside a path: where the
        // table would not hold the commands whole, a line for each, with its command
        // indented on the next line.
        for due in &list.entries {
            let entry = format!(
                "- {} · {} · {} ({}):",
                neutralise(&due.reference),
                due.kind.describe(),
                due.when(),
                due.date,
            );
            text.push_str(&crate::terminal::wrap_for_terminal(
                &entry,
                usize::from(width),
            ));
            text.push_str(&format!("\n    {}\n", due.command));
        }
    }
    let n = list.entries.len();
    let overdue = list.entries.iter().filter(|d| d.overdue()).count();
    let mut summary = format!(
        "{n} thing{} due in {} record{}",
        if n == 1 { "" } else { "s" },
        list.records,
        if list.records == 1 { "" } else { "s" }
    );
    if overdue > 0 {
        summary.push_str(&format!(", {overdue} overdue"));
    }
    match list.superseded {
        0 => {}
        1 => summary.push_str("; 1 superseded record left out"),
        k => summary.push_str(&format!("; {k} superseded records left out")),
    }
    summary.push('.');
    text.push_str(&crate::terminal::wrap_for_terminal(
        &summary,
        usize::from(width),
    ));
    text.push('\n');
    if !list.doubtful.is_empty() {
        let named: Vec<String> = list
            .doubtful
            .iter()
            .map(|d| format!("{} ({})", neutralise(&d.file), d.status))
            .collect();
        text.push_str(&crate::terminal::wrap_for_terminal(
            &format!(
                "Not listed, as they cannot be relied on: {}. `fairness verify` says what is wrong.",
                named.join(", ")
            ),
            usize::from(width),
        ));
        text.push('\n');
    }
    text
}

/// Whether a table with every column at its content's width, commands whole, fits
/// `width` columns.
fn fits_whole(entries: &[Due], width: u16) -> bool {
    let widest = |f: &dyn Fn(&Due) -> usize, heading: &str| {
        entries
            .iter()
            .map(f)
            .chain([heading.chars().count()])
            .max()
            .unwrap_or(0)
    };
    let columns = [
        widest(&|d| neutralise(&d.reference).chars().count(), "Reference"),
        widest(&|d| d.kind.describe().chars().count(), "Due"),
        widest(
            &|d| d.when().chars().count().max(d.date.chars().count()),
            "When",
        ),
        widest(&|d| d.command.chars().count(), "To act"),
    ];
    // Each column has a space either side and a border after it, and the table one
    // border before the first.
    let needed: usize = columns.iter().map(|w| w + 3).sum::<usize>() + 1;
    needed <= usize::from(width)
}

/// The table of what is due, every column at its content's width.
fn table(entries: &[Due], width: u16) -> Table {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    table.set_width(width);
    table.set_header(["Reference", "Due", "When", "To act"]);
    for due in entries {
        table.add_row([
            neutralise(&due.reference).into_owned(),
            due.kind.describe().to_owned(),
            format!("{} ({})", due.when(), due.date),
            due.command.clone(),
        ]);
    }
    for i in 0..4 {
        if let Some(column) = table.column_mut(i) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    table
}

#[derive(Serialize)]
struct Json<'a> {
    format: &'static str,
    today: &'a str,
    within: i64,
    stale: i64,
    entries: Vec<JsonDue<'a>>,
    overdue: bool,
    superseded: usize,
    not_listed: Vec<JsonDoubtful<'a>>,
}

#[derive(Serialize)]
struct JsonDue<'a> {
    file: &'a str,
    reference: &'a str,
    kind: &'static str,
    date: &'a str,
    days: i64,
    overdue: bool,
    command: &'a str,
}

#[derive(Serialize)]
struct JsonDoubtful<'a> {
    file: &'a str,
    status: &'static str,
}

/// `due --format json`, in the shape docs/records.md describes.
pub fn json(list: &DueList) -> String {
    let value = Json {
        format: FORMAT,
        today: &list.today,
        within: list.thresholds.within,
        stale: list.thresholds.stale,
        entries: list
            .entries
            .iter()
            .map(|d| JsonDue {
                file: &d.file,
                reference: &d.reference,
                kind: d.kind.id(),
                date: &d.date,
                days: d.days,
                overdue: d.overdue(),
                command: &d.command,
            })
            .collect(),
        overdue: list.any_overdue(),
        superseded: list.superseded,
        not_listed: list
            .doubtful
            .iter()
            .map(|d| JsonDoubtful {
                file: &d.file,
                status: d.status,
            })
            .collect(),
    };
    let text = serde_json::to_string_pretty(&value).expect("the list serialises");
    format!("{}\n", escape_json(text))
}
