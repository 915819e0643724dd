//! Records as JSON for other programs, in the shape `fairness-export/1` (documented in
//! the README). Values are exactly as the record holds them; every character that could
//! act on a terminal is written as a `\uXXXX` escape.

use serde::Serialize;

use crate::record::{Case, FrameworkRef, Integrity, Record, SignOff};

use super::document::section_title;

/// The shape's name, written as the document's `format`.
pub const FORMAT: &str = "fairness-export/1";

/// One record in the export: its fields in the order the record file has them.
#[derive(Serialize)]
pub struct RecordOut<'a> {
    /// The file the record was read from, as given on the command line.
    file: &'a str,
    /// `intact`, `draft` or `altered`.
    integrity: &'static str,
    /// Why an altered record was judged so; empty otherwise.
    findings: Vec<&'a str>,
    status: &'static str,
    case: &'a Case,
    framework: &'a FrameworkRef,
    answers: Vec<AnswerOut<'a>>,
    history: Vec<ChangeOut<'a>>,
    sign_off: Option<&'a SignOff>,
    seal: Option<&'a str>,
}

#[derive(Serialize)]
struct AnswerOut<'a> {
    item: &'a str,
    section: &'a str,
    section_title: String,
    kind: &'a str,
    prompt: &'a str,
    answer: &'a str,
    label: Option<&'a str>,
    note: Option<&'a str>,
    answered: &'a str,
}

#[derive(Serialize)]
struct ChangeOut<'a> {
    at: &'a str,
    event: &'static str,
    item: Option<&'a str>,
    old_answer: Option<&'a str>,
    old_note: Option<&'a str>,
    new_answer: Option<&'a str>,
    new_note: Option<&'a str>,
    detail: Option<&'a str>,
}

/// One record, ready to serialise.
pub fn record<'a>(path: &'a str, record: &'a Record, integrity: &'a Integrity) -> RecordOut<'a> {
    let (state, findings) = match integrity {
        Integrity::Intact => ("intact", Vec::new()),
        Integrity::Draft => ("draft", Vec::new()),
        Integrity::Altered(f) => ("altered", f.iter().map(|f| f.message.as_str()).collect()),
    };
    RecordOut {
        file: path,
        integrity: state,
        findings,
        status: record.status.id(),
        case: &record.case,
        framework: &record.framework,
        answers: record
            .answers
            .iter()
            .map(|a| AnswerOut {
                item: &a.item,
                section: a.section.as_str(),
                section_title: section_title(&a.section),
                kind: a.kind.as_str(),
                prompt: &a.prompt,
                answer: &a.answer,
                label: a.label.as_deref(),
                note: a.note.as_deref(),
                answered: &a.answered,
            })
            .collect(),
        history: record
            .history
            .iter()
            .map(|c| ChangeOut {
                at: &c.at,
                event: c.event.id(),
                item: c.item.as_deref(),
                old_answer: c.old_answer.as_deref(),
                old_note: c.old_note.as_deref(),
                new_answer: c.new_answer.as_deref(),
                new_note: c.new_note.as_deref(),
                detail: c.detail.as_deref(),
            })
            .collect(),
        sign_off: record.sign_off.as_ref(),
        seal: record.seal.as_deref(),
    }
}

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    records: Vec<RecordOut<'a>>,
}

/// The whole document: `{"format": ..., "records": [...]}`, pretty-printed, ending in a
/// line break.
pub fn document(records: Vec<RecordOut>) -> String {
    let mut text = serde_json::to_string_pretty(&Document {
        format: FORMAT,
        records,
    })
    .expect("records always serialise");
    text.push('\n');
    crate::terminal::escape_json(text)
}
