//! How `fairness cases` shows a listing: a table at a width for people, JSON in the
//! documented shape (docs/records.md) for other programs.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width};
use serde::Serialize;

use crate::config::{Settings, Source};
use crate::error::shown_folder;
use crate::shell::word;
use crate::terminal::{escape_json, neutralise};
use crate::value::shown_time;

use super::{Entry, Listing, State};
use crate::record::Standing;

/// The `format` of `cases --format json`, changed only with its shape.
pub const FORMAT: &str = "fairness-cases/1";

/// The listing for people: where, a table, and how to go on.
pub fn text(listing: &Listing, settings: &Settings, quiet: bool, width: u16) -> String {
    let mut text = format!(
        "Case folder: {}\n",
        match &settings.cases.from {
            Source::Default => "the current folder".to_owned(),
            from => format!("{} (from {from})", shown_folder(&listing.folder)),
        }
    );
    let skipped = match listing.skipped {
        0 => String::new(),
        1 => "; 1 file that is not a case record is left out".to_owned(),
        n => format!("; {n} files that are not case records are left out"),
    };
    if listing.records.is_empty() {
        text.push_str(&format!("No case records here{skipped}.\n"));
        return text;
    }
    if width < 72 {
        // Too narrow for the table's five columns: a few lines per record instead.
        for record in &listing.records {
            let [reference, status, answered, saved, signer] = row(record, false);
            let one = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut entry = format!(
                "{} · {} · {} answered · saved {}",
                one(&reference),
                one(&status),
                one(&answered),
                one(&saved)
            );
            if signer != "-" {
                let (name, role) = signer.split_once('\n').unwrap_or((&signer, ""));
                entry.push_str(&format!(" · signed by {name}, {}", one(role)));
            }
            let wrapped =
                crate::terminal::wrap_for_terminal(&format!("- {entry}"), usize::from(width));
            text.push_str(&wrapped);
            text.push('\n');
        }
    } else {
        text.push_str(&format!("{}\n", table(listing, width)));
    }
    let n = listing.records.len();
    let count = |state: State| listing.records.iter().filter(|r| r.status == state).count();
    let mut kinds: Vec<String> = Vec::new();
    for (state, one, many) in [
        (State::Draft, "draft", "drafts"),
        (State::Signed, "signed", "signed"),
        (State::Altered, "altered", "altered"),
        (State::Unreadable, "unreadable", "unreadable"),
    ] {
        match count(state) {
            0 => {}
            1 => kinds.push(format!("1 {one}")),
            k => kinds.push(format!("{k} {many}")),
        }
    }
    text.push_str(&format!(
        "{n} record{}: {}{skipped}.\n",
        if n == 1 { "" } else { "s" },
        kinds.join(", ")
    ));
    // From `--dir`, the folder must be given again; from the environment or the config
    // file, it is in force for `run` and `verify` too.
    let dir = match &settings.cases.from {
        Source::Flag(_) => format!(" --dir {}", word(listing.folder.as_os_str())),
        _ => String::new(),
    };
    if count(State::Draft) > 0 && !quiet {
        text.push_str(&format!(
            "Continue a draft with `fairness run --resume REFERENCE{dir}`.\n"
        ));
    }
    if count(State::Altered) + count(State::Unreadable) > 0 && !quiet {
        text.push_str(&format!(
            "An altered or unreadable record cannot be relied on: `fairness verify REFERENCE{dir}` says what is wrong with it.\n",
        ));
    }
    text
}

/// The records as a table `width` columns wide.
fn table(listing: &Listing, width: u16) -> Table {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    table.set_width(width);
    table.set_header(["Reference", "Status", "Answered", "Last saved", "Signed by"]);
    for record in &listing.records {
        table.add_row(row(record, width < 90));
    }
    // The reference, status and count are never broken; the time and the signer wrap
    // at their spaces instead.
    for i in [0, 1, 2] {
        if let Some(column) = table.column_mut(i) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    if let Some(column) = table.column_mut(3) {
        // At least the day, `2026-12-02`, on one line.
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(12)));
    }
    table
}

/// A record's row; `narrow`, the time is put on two lines (the day, then the time), to
/// leave the signer's name room to be whole.
fn row(record: &Entry, narrow: bool) -> [String; 5] {
    // An amendment's version beside its reference: `CASE-2026-201 v2`.
    let version = match record.version {
        Some(v) if v > 1 => format!(" v{v}"),
        _ => String::new(),
    };
    let reference = match &record.reference {
        Some(reference) if record.file == format!("{reference}.yaml") => {
            format!("{}{version}", neutralise(reference))
        }
        Some(reference) => format!(
            "{}{version}\n({})",
            neutralise(reference),
            neutralise(&record.file)
        ),
        None => neutralise(&record.file).into_owned(),
    };
    let status = match (record.status, record.standing) {
        (State::Altered, _) => "ALTERED".to_owned(),
        (State::Signed, _) if record.superseded_by.is_some() => "superseded".to_owned(),
        (_, Some(Standing::Awaiting)) => "awaiting\ncountersignature".to_owned(),
        (_, Some(Standing::Returned)) => "returned".to_owned(),
        (_, Some(Standing::Countersigned)) => "countersigned".to_owned(),
        (state, _) => state.id().to_owned(),
    };
    let answered = match (record.progress, record.answers) {
        (Some(p), _) => format!("{} of {}", p.answered, p.asked),
        (None, Some(n)) => format!(
            "{n} answer{}\n(framework\nnot at hand)",
            if n == 1 { "" } else { "s" }
        ),
        (None, None) => "-".to_owned(),
    };
    let saved = record
        .saved
        .as_deref()
        .map(shown_time)
        .map(|t| if narrow { t.replacen(' ', "\n", 1) } else { t })
        .unwrap_or_else(|| "-".to_owned());
    let signer = record
        .signer
        .as_ref()
        .map(|s| format!("{}\n{}", neutralise(&s.name), neutralise(&s.role)))
        .unwrap_or_else(|| "-".to_owned());
    [reference, status, answered, saved, signer]
}

/// `cases --format json`, in the shape docs/records.md describes: fields in this
/// order, times in UTC as records hold them.
#[derive(Serialize)]
struct Json<'a> {
    format: &'static str,
    folder: String,
    records: Vec<JsonRecord<'a>>,
    skipped: usize,
}

#[derive(Serialize)]
struct JsonRecord<'a> {
    file: &'a str,
    reference: Option<&'a str>,
    status: &'static str,
    answers: Option<usize>,
    answered: Option<usize>,
    asked: Option<usize>,
    framework_at_hand: bool,
    saved: Option<&'a str>,
    signer: Option<JsonSigner<'a>>,
    version: Option<u32>,
    superseded_by: Option<&'a str>,
    /// Where a signed record stands with its reviewers (`awaiting-countersignature`,
    /// `returned`, `countersigned`, or `signed`); absent for any other record.
    #[serde(skip_serializing_if = "Option::is_none")]
    standing: Option<&'static str>,
}

#[derive(Serialize)]
struct JsonSigner<'a> {
    name: &'a str,
    role: &'a str,
    signed: &'a str,
}

pub fn json(listing: &Listing) -> String {
    let value = Json {
        format: FORMAT,
        // The current folder, when that is the case folder, by its path: programs
        // reading this are not in the shell that ran it.
        folder: match listing.folder.as_os_str().is_empty() {
            true => std::env::current_dir()
                .map(|d| d.display().to_string())
                .unwrap_or_else(|_| ".".to_owned()),
            false => listing.folder.display().to_string(),
        },
        records: listing
            .records
            .iter()
            .map(|r| JsonRecord {
                file: &r.file,
                reference: r.reference.as_deref(),
                status: r.status.id(),
                answers: r.answers,
                answered: r.progress.map(|p| p.answered),
                asked: r.progress.map(|p| p.asked),
                framework_at_hand: r.framework_at_hand,
                saved: r.saved.as_deref(),
                signer: r.signer.as_ref().map(|s| JsonSigner {
                    name: &s.name,
                    role: &s.role,
                    signed: &s.signed,
                }),
                version: r.version,
                superseded_by: r.superseded_by.as_deref(),
                standing: r.standing.map(Standing::id),
            })
            .collect(),
        skipped: listing.skipped,
    };
    let text = serde_json::to_string_pretty(&value).expect("the listing serialises");
    format!("{}\n", escape_json(text))
}
