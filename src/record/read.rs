//! Reading a record back, reporting every field that is missing, unknown or of the wrong
//! type at its line and column.

use std::path::Path;

use crate::diagnostic::{self, Diagnostic, Report};
use crate::error::Error;
use crate::source;
use crate::yaml::{Fields, Node, Reader, Value, parse};

use super::{
    Answer, Case, Change, Event, Format, FrameworkRef, FrameworkSource, Keyword, Record, Review,
    SignOff, Status, Supersedes, Unconfirmed,
};

/// Reads the record file at `path`, returning it and its text.
pub fn from_yaml(path: &Path) -> Result<(Record, String), Error> {
    let text = source::read_for(path, Error::InvalidRecord)?;
    match from_yaml_text(&text) {
        Ok(record) => Ok((record, text)),
        Err(diagnostics) => Err(Error::InvalidRecord(Report::new(
            path.display().to_string(),
            Some(text),
            diagnostics,
        ))),
    }
}

/// Reads a record from its text: the record, or every problem found.
///
/// Text that is exactly what fairness writes is read by the strict reader of that
/// form alone ([`super::fast`]); anything else by the general reader, which finds and
/// places every problem. Both read the same text as the same record.
pub fn from_yaml_text(text: &str) -> Result<Record, Vec<Diagnostic>> {
    match super::fast::read(text) {
        Some(exact) => Ok(exact.record),
        None => general(text),
    }
}

/// [`from_yaml_text`] by the general reader alone: the YAML parsed into a tree of
/// located values, then read field by field.
pub(super) fn general(text: &str) -> Result<Record, Vec<Diagnostic>> {
    let root = parse(text).map_err(|d| vec![d])?;
    let mut r = Reader::new(text);
    let record = record(&root, &mut r);
    match record {
        Some(record) if r.diagnostics.is_empty() => Ok(record),
        _ => {
            let mut diagnostics = r.diagnostics;
            if diagnostics.is_empty() {
                diagnostics.push(Diagnostic::error(
                    "this is not a case record",
                    Some(root.at),
                ));
            }
            diagnostic::sort(&mut diagnostics);
            Err(diagnostics)
        }
    }
}

fn record(root: &Node, r: &mut Reader) -> Option<Record> {
    const FIELDS: &[&str] = &[
        "format",
        "status",
        "case",
        "framework",
        "answers",
        "history",
        "unconfirmed",
        "sign_off",
        "seal",
        "key_signature",
        "reviews",
    ];
    let fields = r.fields(root, "the record", FIELDS)?;
    let format_text = required(r, &fields, "format");
    if format_text.is_empty() {
        return None;
    }
    let Some(format) = Format::from_id(&format_text) else {
        r.push(
            Diagnostic::error(
                format!("this is not a case record: its format is `{format_text}`"),
                fields.get("format").map(|n| n.at),
            )
            .with_help(format!(
                "a case record starts with `format: {}` (or, written before that, `{}`)",
                Format::CURRENT.id(),
                Format::V1.id()
            )),
        );
        return None;
    };
    let v2 = format >= Format::V2;
    if !v2 && let Some(node) = fields.get("reviews") {
        r.error(
            format!("`reviews` is not part of a `{}` record", Format::V1.id()),
            node.at,
        );
    }
    let status = match required(r, &fields, "status").as_str() {
        "draft" => Status::Draft,
        "signed" => Status::Signed,
        "" => Status::Draft,
        other => {
            r.error(
                format!("`status` should be `draft` or `signed`, found `{other}`"),
                fields.get("status")?.at,
            );
            Status::Draft
        }
    };
    let case = fields.get("case").and_then(|n| case(n, r, v2));
    if fields.get("case").is_none() {
        r.missing(&fields, "case");
    }
    let framework = fields.get("framework").and_then(|n| framework(n, r));
    if fields.get("framework").is_none() {
        r.missing(&fields, "framework");
    }
    let answers = r
        .list(&fields, "answers", true)
        .unwrap_or_default()
        .iter()
        .filter_map(|n| answer(n, r))
        .collect();
    let history = r
        .list(&fields, "history", true)
        .unwrap_or_default()
        .iter()
        .filter_map(|n| change(n, r, v2))
        .collect();
    // Absent from every record but a draft with text left unconfirmed.
    let unconfirmed = r
        .list(&fields, "unconfirmed", false)
        .unwrap_or_default()
        .iter()
        .filter_map(|n| unconfirmed(n, r))
        .collect();
    let sign_off = match fields.get("sign_off") {
        None => {
            r.missing(&fields, "sign_off");
            None
        }
        Some(Node {
            value: Value::Null, ..
        }) => None,
        Some(node) => sign_off(node, r, v2),
    };
    let seal = optional(r, &fields, "seal");
    let key_signature = if_there(r, &fields, "key_signature");
    let reviews = if v2 {
        r.list(&fields, "reviews", true)
            .unwrap_or_default()
            .iter()
            .filter_map(|n| review(n, r))
            .collect()
    } else {
        Vec::new()
    };
    Some(Record {
        format,
        status,
        case: case?,
        framework: framework?,
        answers,
        history,
        unconfirmed,
        sign_off,
        seal,
        key_signature,
        reviews,
    })
}

fn case(node: &Node, r: &mut Reader, v2: bool) -> Option<Case> {
    const V1: &[&str] = &["reference", "started", "updated"];
    const V2: &[&str] = &[
        "reference",
        "version",
        "supersedes",
        "amendment",
        "started",
        "updated",
    ];
    let fields = r.fields(node, "`case`", if v2 { V2 } else { V1 })?;
    let reference = required(r, &fields, "reference");
    let (version, supersedes) = if v2 {
        let version = r.required_text(&fields, "version");
        let number = version.as_ref().and_then(|v| {
            v.value
                .parse::<u32>()
                .ok()
                .filter(|n| *n >= 1 && n.to_string() == v.value)
        });
        if let (Some(v), None) = (&version, number) {
            r.error(
                format!(
                    "`version` should be a whole number from 1, found `{}`",
                    crate::terminal::neutralise(&v.value)
                ),
                v.at,
            );
        }
        let seal = optional(r, &fields, "supersedes");
        let reason = optional(r, &fields, "amendment");
        let supersedes = match (seal, reason) {
            (Some(seal), Some(reason)) => Some(Supersedes { seal, reason }),
            (None, None) => None,
            (seal, _) => {
                let (missing, at) = if seal.is_some() {
                    (
                        "`supersedes` names a record but `amendment` gives no reason",
                        "amendment",
                    )
                } else {
                    (
                        "`amendment` gives a reason but `supersedes` names no record",
                        "supersedes",
                    )
                };
                if let Some(node) = fields.get(at) {
                    r.error(missing, node.at);
                }
                None
            }
        };
        (number.unwrap_or(1), supersedes)
    } else {
        (1, None)
    };
    Some(Case {
        reference,
        version,
        supersedes,
        started: required(r, &fields, "started"),
        updated: required(r, &fields, "updated"),
    })
}

fn framework(node: &Node, r: &mut Reader) -> Option<FrameworkRef> {
    const FIELDS: &[&str] = &[
        "name",
        "version",
        "organisation",
        "jurisdiction",
        "digest",
        "source",
    ];
    let fields = r.fields(node, "`framework`", FIELDS)?;
    Some(FrameworkRef {
        name: required(r, &fields, "name"),
        version: required(r, &fields, "version"),
        organisation: optional(r, &fields, "organisation"),
        jurisdiction: optional(r, &fields, "jurisdiction"),
        digest: required(r, &fields, "digest"),
        source: FrameworkSource::read(required(r, &fields, "source")),
    })
}

fn answer(node: &Node, r: &mut Reader) -> Option<Answer> {
    const FIELDS: &[&str] = &[
        "item", "section", "kind", "prompt", "answer", "label", "note", "answered",
    ];
    let fields = r.fields(node, "an answer", FIELDS)?;
    Some(Answer {
        item: required(r, &fields, "item"),
        section: Keyword::read(required(r, &fields, "section")),
        kind: Keyword::read(required(r, &fields, "kind")),
        prompt: required(r, &fields, "prompt"),
        answer: required(r, &fields, "answer"),
        label: optional(r, &fields, "label"),
        note: optional(r, &fields, "note"),
        answered: required(r, &fields, "answered"),
    })
}

fn change(node: &Node, r: &mut Reader, v2: bool) -> Option<Change> {
    // Format 2 adds `by` and `reason` after format 1's fields.
    const V2: &[&str] = &[
        "at",
        "event",
        "item",
        "old_answer",
        "old_note",
        "new_answer",
        "new_note",
        "detail",
        "by",
        "reason",
    ];
    const V1: &[&str] = V2.split_at(8).0;
    let fields = r.fields(node, "a history entry", if v2 { V2 } else { V1 })?;
    let event_text = required(r, &fields, "event");
    let event = Event::ALL.into_iter().find(|e| e.id() == event_text);
    if event.is_none() && !event_text.is_empty() {
        let names: Vec<&str> = Event::ALL.iter().map(|e| e.id()).collect();
        r.error(
            format!(
                "`event` should be one of {}, found `{event_text}`",
                crate::yaml::quoted_list(&names)
            ),
            fields.get("event")?.at,
        );
    }
    Some(Change {
        at: required(r, &fields, "at"),
        event: event?,
        item: optional(r, &fields, "item"),
        old_answer: optional(r, &fields, "old_answer"),
        old_note: optional(r, &fields, "old_note"),
        new_answer: optional(r, &fields, "new_answer"),
        new_note: optional(r, &fields, "new_note"),
        detail: optional(r, &fields, "detail"),
        by: v2.then(|| optional(r, &fields, "by")).flatten(),
        reason: v2.then(|| optional(r, &fields, "reason")).flatten(),
    })
}

fn unconfirmed(node: &Node, r: &mut Reader) -> Option<Unconfirmed> {
    let fields = r.fields(
        node,
        "an unconfirmed text",
        &["item", "field", "text", "at"],
    )?;
    Some(Unconfirmed {
        item: required(r, &fields, "item"),
        field: Keyword::read(required(r, &fields, "field")),
        text: required(r, &fields, "text"),
        at: required(r, &fields, "at"),
    })
}

fn sign_off(node: &Node, r: &mut Reader, v2: bool) -> Option<SignOff> {
    const V1: &[&str] = &["name", "role", "declaration", "signed"];
    const V2: &[&str] = &[
        "name",
        "role",
        "meaning",
        "declaration",
        "signed",
        "countersignature",
    ];
    let fields = r.fields(node, "`sign_off`", if v2 { V2 } else { V1 })?;
    Some(SignOff {
        name: required(r, &fields, "name"),
        role: required(r, &fields, "role"),
        meaning: v2.then(|| required(r, &fields, "meaning")),
        declaration: required(r, &fields, "declaration"),
        signed: required(r, &fields, "signed"),
        countersignature: v2
            .then(|| optional(r, &fields, "countersignature"))
            .flatten(),
    })
}

fn review(node: &Node, r: &mut Reader) -> Option<Review> {
    const FIELDS: &[&str] = &[
        "outcome",
        "meaning",
        "name",
        "role",
        "declaration",
        "comment",
        "at",
        "seal",
        "key_signature",
    ];
    let fields = r.fields(node, "a review", FIELDS)?;
    Some(Review {
        outcome: Keyword::read(required(r, &fields, "outcome")),
        meaning: required(r, &fields, "meaning"),
        name: required(r, &fields, "name"),
        role: required(r, &fields, "role"),
        declaration: optional(r, &fields, "declaration"),
        comment: optional(r, &fields, "comment"),
        at: required(r, &fields, "at"),
        seal: required(r, &fields, "seal"),
        key_signature: if_there(r, &fields, "key_signature"),
    })
}

/// A field that must be present with text; empty (and reported) otherwise.
fn required(r: &mut Reader, fields: &Fields, name: &str) -> String {
    r.required_text(fields, name)
        .map(|t| t.value)
        .unwrap_or_default()
}

/// A field written only when it has a value: its text, if it is there.
fn if_there(r: &mut Reader, fields: &Fields, name: &str) -> Option<String> {
    fields
        .get(name)
        .and_then(|node| r.text(node, name))
        .map(|t| t.value)
}

/// A field that must be present, as text or null.
fn optional(r: &mut Reader, fields: &Fields, name: &str) -> Option<String> {
    let Some(node) = fields.get(name) else {
        r.missing(fields, name);
        return None;
    };
    r.text(node, name).map(|t| t.value)
}
