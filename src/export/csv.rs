//! Records as CSV: one row per answer, across any number of records.
//!
//! RFC 4180: every field quoted, quotes doubled, rows ended by CRLF; line breaks inside
//! a note stay inside its quoted field. A cell that a spreadsheet would run as a
//! formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed
//! with `'`, which spreadsheets show as text. Control characters are written as visible
//! escapes such as `\u{1b}`.

use std::io::{self, Write};

use crate::record::{Integrity, Record};
use crate::terminal::neutralise;

use super::document::section_title;
use super::{Entry, Format, MakeOutput};

pub const COLUMNS: [&str; 19] = [
    "case_reference",
    "status",
    "integrity",
    "signed_at",
    "signed_by",
    "signer_role",
    "framework",
    "framework_version",
    "organisation",
    "section",
    "section_title",
    "item",
    "kind",
    "prompt",
    "answer",
    "answer_label",
    "note",
    "answered_at",
    "file",
];

/// The columns added, after [`COLUMNS`], when any record of the export is format 2:
/// the record's version of its case, and the seal of the record it supersedes (empty
/// for a first version). A row per answer of every version is still a row, so an audit
/// counting cases counts each `case_reference` once, or only rows whose record no other
/// supersedes; which record supersedes this one is not knowable from the file alone
/// (`fairness verify` or `cases` says, given the folder).
pub const VERSION_COLUMNS: [&str; 2] = ["version", "supersedes"];

/// The header row, then each record's rows as the record comes.
#[derive(Default)]
pub struct Csv {
    rows: String,
    /// Whether [`VERSION_COLUMNS`] are written: only when a record is format 2, so that
    /// an export of format-1 records alone is exactly as it always was.
    versions: bool,
}

impl Format for Csv {
    fn versions(&mut self, any_format_2: bool) {
        self.versions = any_format_2;
    }

    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let mut header = String::new();
        let added = if self.versions {
            &VERSION_COLUMNS[..]
        } else {
            &[]
        };
        row(&mut header, COLUMNS.iter().chain(added).copied());
        out.write_all(header.as_bytes())
    }

    fn record(&mut self, out: &mut dyn Write, entry: &Entry) -> io::Result<()> {
        self.rows.clear();
        record_rows(&mut self.rows, entry, self.versions);
        out.write_all(self.rows.as_bytes())
    }

    fn in_parallel(&self) -> Option<MakeOutput> {
        let versions = self.versions;
        Some(Box::new(move |entry| {
            let mut rows = String::with_capacity(64 * 1024);
            record_rows(&mut rows, entry, versions);
            rows
        }))
    }
}

/// A record's rows, with the version columns where `versions`.
fn record_rows(out: &mut String, entry: &Entry, versions: bool) {
    let version = entry.record.case.version.to_string();
    let supersedes = entry.record.case.supersedes.as_ref();
    let added = [version.as_str(), supersedes.map_or("", |s| s.seal.as_str())];
    let added = if versions { &added[..] } else { &[] };
    rows(out, entry.file, entry.record, entry.integrity, added);
}

/// A record's rows: one per answer, or a single row with the answer columns empty for a
/// record with no answers, so that every record appears; each row ends with `added`.
fn rows(out: &mut String, path: &str, record: &Record, integrity: &Integrity, added: &[&str]) {
    let integrity = match integrity {
        Integrity::Intact => "intact",
        Integrity::Draft => "draft",
        Integrity::Altered(_) => "ALTERED",
    };
    let sign_off = record.sign_off.as_ref();
    let fw = &record.framework;
    // Format 2: the status cell says where a signed record stands with its reviewers
    // (`awaiting-countersignature`, `returned`, `countersigned`); format 1 as before.
    let status = if record.format >= crate::record::Format::V2 {
        record.standing().id()
    } else {
        record.status.id()
    };
    let head = [
        record.case.reference.as_str(),
        status,
        integrity,
        sign_off.map_or("", |s| &s.signed),
        sign_off.map_or("", |s| &s.name),
        sign_off.map_or("", |s| &s.role),
        &fw.name,
        &fw.version,
        fw.organisation.as_deref().unwrap_or(""),
    ];
    if record.answers.is_empty() {
        let cells = head.into_iter().chain([""; 9]).chain([path]);
        row(out, cells.chain(added.iter().copied()));
        return;
    }
    // The record's own cells are the same on each of its rows: quoted once, and each
    // row is the first of them, the answer's cells, then the last.
    let mut first = String::new();
    for cell in head {
        field(&mut first, cell);
        first.push(',');
    }
    let mut last = String::new();
    for cell in [path].into_iter().chain(added.iter().copied()) {
        last.push(',');
        field(&mut last, cell);
    }
    last.push_str("\r\n");
    for a in &record.answers {
        let title = section_title(&a.section);
        let answer = [
            a.section.as_str(),
            &title,
            &a.item,
            a.kind.as_str(),
            &a.prompt,
            &a.answer,
            a.label.as_deref().unwrap_or(""),
            a.note.as_deref().unwrap_or(""),
            &a.answered,
        ];
        out.push_str(&first);
        for (i, cell) in answer.into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            field(out, cell);
        }
        out.push_str(&last);
    }
}

fn row<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, cell);
    }
    out.push_str("\r\n");
}

/// One quoted field, neutralised and guarded against formula injection.
fn field(out: &mut String, cell: &str) {
    let cell = neutralise(cell);
    out.push('"');
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        out.push('\'');
    }
    // Each `"` doubled; the runs between copied whole.
    let mut rest: &str = &cell;
    while let Some(quote) = rest.find('"') {
        out.push_str(&rest[..=quote]);
        out.push('"');
        rest = &rest[quote + 1..];
    }
    out.push_str(rest);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(cell: &str) -> String {
        let mut out = String::new();
        field(&mut out, cell);
        out
    }

    #[test]
    fn cells_are_quoted_and_formulas_neutralised() {
        assert_eq!(one("plain"), "\"plain\"");
        assert_eq!(
            one("say \"hi\", then\nleave"),
            "\"say \"\"hi\"\", then\nleave\""
        );
        for formula in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx"] {
            assert!(one(formula).starts_with("\"'"), "{formula}");
        }
        assert_eq!(one("\r=1"), "\"\\u{d}=1\"");
        assert_eq!(one("a=1"), "\"a=1\"");
    }
}
