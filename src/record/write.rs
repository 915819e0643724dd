//! Writing a record as YAML, always the same way: fields in a fixed order, every text
//! double-quoted, and every character a YAML reader might fold, drop or read as a line
//! break written as an escape. The output is the record's canonical form.

use crate::yaml::{field, list_key, nullable};

use super::{Answer, Change, FORMAT, Record, Unconfirmed};

const HEADER: &str = "\
# A case record written by fairness. Do not edit it by hand: a signed record's seal
# covers every byte above the `seal` line; continue a draft with `fairness run --resume`.
";

/// The record as a YAML document.
pub fn to_yaml(record: &Record) -> String {
    let mut out = canonical(record);
    out.push_str("seal: ");
    nullable(&mut out, record.seal.as_deref());
    out.push('\n');
    out
}

/// Everything [`to_yaml`] writes above the `seal` line: what the seal is computed over.
pub fn canonical(record: &Record) -> String {
    let mut out = String::with_capacity(1024 + record.answers.len() * 512);
    out.push_str(HEADER);
    field(&mut out, 0, "format", Some(FORMAT));
    field(&mut out, 0, "status", Some(record.status.id()));

    out.push_str("case:\n");
    let case = &record.case;
    field(&mut out, 1, "reference", Some(&case.reference));
    field(&mut out, 1, "started", Some(&case.started));
    field(&mut out, 1, "updated", Some(&case.updated));

    out.push_str("framework:\n");
    let fw = &record.framework;
    field(&mut out, 1, "name", Some(&fw.name));
    field(&mut out, 1, "version", Some(&fw.version));
    field(&mut out, 1, "organisation", fw.organisation.as_deref());
    field(&mut out, 1, "jurisdiction", fw.jurisdiction.as_deref());
    field(&mut out, 1, "digest", Some(&fw.digest));
    field(&mut out, 1, "source", Some(fw.source.as_str()));

    list(&mut out, "answers", &record.answers, answer);
    list(&mut out, "history", &record.history, change);
    // Only a draft with text left unconfirmed has the list: every other record is
    // written as it was before the list existed.
    if !record.unconfirmed.is_empty() {
        list(&mut out, "unconfirmed", &record.unconfirmed, unconfirmed);
    }

    match &record.sign_off {
        None => out.push_str("sign_off: null\n"),
        Some(s) => {
            out.push_str("sign_off:\n");
            field(&mut out, 1, "name", Some(&s.name));
            field(&mut out, 1, "role", Some(&s.role));
            field(&mut out, 1, "declaration", Some(&s.declaration));
            field(&mut out, 1, "signed", Some(&s.signed));
        }
    }
    out
}

fn list<T>(out: &mut String, name: &str, entries: &[T], write: fn(&mut String, &T)) {
    list_key(out, 0, name, entries.is_empty());
    for entry in entries {
        write(out, entry);
    }
}

/// An entry of a list: the first field after `- `, the rest indented to match.
fn answer(out: &mut String, a: &Answer) {
    out.push_str("  - ");
    field(out, 0, "item", Some(&a.item));
    field(out, 2, "section", Some(a.section.as_str()));
    field(out, 2, "kind", Some(a.kind.as_str()));
    field(out, 2, "prompt", Some(&a.prompt));
    field(out, 2, "answer", Some(&a.answer));
    field(out, 2, "label", a.label.as_deref());
    field(out, 2, "note", a.note.as_deref());
    field(out, 2, "answered", Some(&a.answered));
}

fn change(out: &mut String, c: &Change) {
    out.push_str("  - ");
    field(out, 0, "at", Some(&c.at));
    field(out, 2, "event", Some(c.event.id()));
    field(out, 2, "item", c.item.as_deref());
    field(out, 2, "old_answer", c.old_answer.as_deref());
    field(out, 2, "old_note", c.old_note.as_deref());
    field(out, 2, "new_answer", c.new_answer.as_deref());
    field(out, 2, "new_note", c.new_note.as_deref());
    field(out, 2, "detail", c.detail.as_deref());
}

fn unconfirmed(out: &mut String, u: &Unconfirmed) {
    out.push_str("  - ");
    field(out, 0, "item", Some(&u.item));
    field(out, 2, "field", Some(u.field.as_str()));
    field(out, 2, "text", Some(&u.text));
    field(out, 2, "at", Some(&u.at));
}
