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
    let mut text = format!(
        "Due as of {} (reviews within {} days, drafts unsaved for more than {} days):\n",
        list.today, t.within, t.stale
    );
    if list.entries.is_empty() {
        text.push_str("Nothing is due.\n");
    } else if width < 72 {
        for due in &list.entries {
            let entry = format!(
                "- {} · {} · {} ({}) · {}",
                neutralise(&due.reference),
                due.kind.describe(),
                due.when(),
                due.date,
                due.command
            );
            text.push_str(&crate::terminal::wrap_for_terminal(
                &entry,
                usize::from(width),
            ));
            text.push('\n');
        }
    } else {
        text.push_str(&format!("{}\n", table(&list.entries, width)));
    }
    let n = list.entries.len();
    let overdue = list.entries.iter().filter(|d| d.overdue()).count();
    text.push_str(&format!(
        "{n} thing{} due in {} record{}",
        if n == 1 { "" } else { "s" },
        list.records,
        if list.records == 1 { "" } else { "s" }
    ));
    if overdue > 0 {
        text.push_str(&format!(", {overdue} overdue"));
    }
    match list.superseded {
        0 => {}
        1 => text.push_str("; 1 superseded record left out"),
        k => text.push_str(&format!("; {k} superseded records left out")),
    }
    text.push_str(".\n");
    if !list.doubtful.is_empty() {
        let named: Vec<String> = list
            .doubtful
            .iter()
            .map(|d| format!("{} ({})", neutralise(&d.file), d.status))
            .collect();
        text.push_str(&format!(
            "Not listed, as they cannot be relied on: {}. `fairness verify` says what is wrong.\n",
            named.join(", ")
        ));
    }
    text
}

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
            format!("{}\n{}", due.when(), due.date),
            due.command.clone(),
        ]);
    }
    // The reference is never broken; the rest wrap at their spaces.
    if let Some(column) = table.column_mut(0) {
        column.set_constraint(ColumnConstraint::ContentWidth);
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
