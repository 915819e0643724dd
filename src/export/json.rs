//! Records as JSON for other programs, in the shape `fairness-export/1` (documented in
//! the README). Values are exactly as the record holds them; every character that could
//! act on a terminal is written as a `\uXXXX` escape.

use std::io::{self, Write};

use serde::Serialize;

use crate::record::{
    Case, Change, Format as RecordFormat, FrameworkRef, Integrity, Record, SignOff,
};

use super::document::section_title;
use super::{Entry, Format, Tally};

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
    /// Format 2 only: the record's version, and the record it supersedes with the
    /// answers changed since.
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    supersedes: Option<SupersedesOut<'a>>,
    framework: &'a FrameworkRef,
    answers: Vec<AnswerOut<'a>>,
    history: Vec<ChangeOut<'a>>,
    sign_off: Option<&'a SignOff>,
    seal: Option<&'a str>,
    /// Format 2: where the record stands with its reviewers (`Standing::id`).
    #[serde(skip_serializing_if = "Option::is_none")]
    standing: Option<&'static str>,
    /// Format 2: the label of the sign-off's meaning.
    #[serde(skip_serializing_if = "Option::is_none")]
    sign_off_meaning: Option<String>,
    /// Format 2: every review, oldest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    reviews: Option<Vec<ReviewOut<'a>>>,
}

#[derive(Serialize)]
struct ReviewOut<'a> {
    outcome: &'a str,
    meaning: &'a str,
    meaning_label: String,
    name: &'a str,
    role: &'a str,
    declaration: Option<&'a str>,
    comment: Option<&'a str>,
    at: &'a str,
    seal: &'a str,
    /// Whether its seal matches the review and the seal before it.
    seal_checked: bool,
}

#[derive(Serialize)]
struct SupersedesOut<'a> {
    seal: &'a str,
    reason: &'a str,
    /// The history entries since the amendment began that changed an answer (see
    /// [`crate::checklist::amend::changed_since_superseded`]), as `history` gives them.
    changed: Vec<ChangeOut<'a>>,
}

/// A history entry as the export writes it; `v2`, with who and why.
fn change_out(c: &Change, v2: bool) -> ChangeOut<'_> {
    ChangeOut {
        at: &c.at,
        event: c.event.id(),
        item: c.item.as_deref(),
        old_answer: c.old_answer.as_deref(),
        old_note: c.old_note.as_deref(),
        new_answer: c.new_answer.as_deref(),
        new_note: c.new_note.as_deref(),
        detail: c.detail.as_deref(),
        by: v2.then_some(c.by.as_deref()),
        reason: v2.then_some(c.reason.as_deref()),
    }
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
    /// Format 2 only (left out of a format-1 record's export, which stays as it was):
    /// who was working, and why a confirmed answer was changed; `null` when not known.
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<Option<&'a str>>,
}

/// One record, ready to serialise.
pub fn record<'a>(path: &'a str, record: &'a Record, integrity: &'a Integrity) -> RecordOut<'a> {
    let (state, findings) = match integrity {
        Integrity::Intact => ("intact", Vec::new()),
        Integrity::Draft => ("draft", Vec::new()),
        Integrity::Altered(f) => ("altered", f.iter().map(|f| f.message.as_str()).collect()),
    };
    let v2 = record.format >= crate::record::Format::V2;
    RecordOut {
        file: path,
        integrity: state,
        findings,
        status: record.status.id(),
        case: &record.case,
        version: (record.format >= RecordFormat::V2).then_some(record.case.version),
        supersedes: record.case.supersedes.as_ref().map(|s| SupersedesOut {
            seal: &s.seal,
            reason: &s.reason,
            changed: crate::checklist::amend::changed_since_superseded(record)
                .into_iter()
                .map(|c| change_out(c, v2))
                .collect(),
        }),
        framework: &record.framework,
        answers: record
            .answers
            .iter()
            .map(|a| AnswerOut {
                item: &a.item,
                section: a.section.as_str(),
                section_title: section_title(&a.section).into_owned(),
                kind: a.kind.as_str(),
                prompt: &a.prompt,
                answer: &a.answer,
                label: a.label.as_deref(),
                note: a.note.as_deref(),
                answered: &a.answered,
            })
            .collect(),
        history: record.history.iter().map(|c| change_out(c, v2)).collect(),
        sign_off: record.sign_off.as_ref(),
        seal: record.seal.as_deref(),
        standing: v2.then(|| record.standing().id()),
        sign_off_meaning: record
            .sign_off
            .as_ref()
            .and_then(|s| s.meaning.as_deref())
            .map(crate::framework::meaning_label),
        reviews: v2.then(|| {
            record
                .reviews
                .iter()
                .enumerate()
                .map(|(n, r)| ReviewOut {
                    outcome: r.outcome.as_str(),
                    meaning: &r.meaning,
                    meaning_label: crate::framework::meaning_label(&r.meaning),
                    name: &r.name,
                    role: &r.role,
                    declaration: r.declaration.as_deref(),
                    comment: r.comment.as_deref(),
                    at: &r.at,
                    seal: &r.seal,
                    seal_checked: record.compute_review_seal(n).as_deref() == Some(&r.seal),
                })
                .collect()
        }),
    }
}

/// The document `{"format": ..., "records": [...]}`, pretty-printed and ending in a line
/// break, written a record at a time: each record is printed on its own and indented
/// to its place in the list, which gives the same bytes as printing the document whole.
#[derive(Default)]
pub struct Json {
    records: usize,
}

/// Where a record stands in the document: inside `records`, inside the document.
const INDENT: &str = "    ";

impl Format for Json {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let format = serde_json::to_string(FORMAT).expect("text always serialises");
        write!(out, "{{\n  \"format\": {format},\n  \"records\": [")
    }

    fn record(&mut self, out: &mut dyn Write, entry: &Entry) -> io::Result<()> {
        let one = record(entry.file, entry.record, entry.integrity);
        let text = serde_json::to_string_pretty(&one).expect("records always serialise");
        let mut placed = String::with_capacity(text.len() + text.len() / 8);
        placed.push_str(if self.records == 0 { "\n" } else { ",\n" });
        // A JSON string holds no raw line break, so every line break is between tokens.
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                placed.push('\n');
            }
            placed.push_str(INDENT);
            placed.push_str(line);
        }
        self.records += 1;
        out.write_all(crate::terminal::escape_json(placed).as_bytes())
    }

    fn finish(&mut self, out: &mut dyn Write, _tally: &Tally) -> io::Result<()> {
        let end = if self.records == 0 { "]" } else { "\n  ]" };
        write!(out, "{end}\n}}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{FormatName, View, render};
    use crate::record::tests::{sample, sign};

    #[derive(Serialize)]
    struct Document<'a> {
        format: &'static str,
        records: Vec<RecordOut<'a>>,
    }

    /// The whole document, printed at once.
    fn whole(records: Vec<RecordOut>) -> String {
        let mut text = serde_json::to_string_pretty(&Document {
            format: FORMAT,
            records,
        })
        .unwrap();
        text.push('\n');
        crate::terminal::escape_json(text)
    }

    #[test]
    fn a_record_at_a_time_gives_the_document_printed_whole() {
        let draft = sample();
        let mut signed = sample();
        signed.answers[0].note = Some("a note\nwith \"quotes\", a tab\t and \u{1b}[2J".into());
        sign(&mut signed);
        let entry = |record| Entry {
            file: "r.yaml",
            record,
            integrity: &Integrity::Draft,
            view: View::Case,
            framework: None,
        };
        for records in [vec![], vec![&draft], vec![&draft, &signed, &draft]] {
            let entries: Vec<Entry> = records.iter().map(|r| entry(r)).collect();
            let outs = entries
                .iter()
                .map(|e| record(e.file, e.record, e.integrity))
                .collect();
            assert_eq!(render(FormatName::Json, &entries), whole(outs));
        }
    }
}
