//! Writing a record as YAML, always the same way: fields in a fixed order, every text
//! double-quoted, and every character a YAML reader might fold, drop or read as a line
//! break written as an escape. The output is the record's canonical form.

use crate::yaml::{field, list_key, nullable};

use super::{Answer, Change, Format, Record, Review, Unconfirmed};

pub(super) const HEADER_V1: &str = "\
# A case record written by fairness. Do not edit it by hand: a signed record's seal
# covers every byte above the `seal` line; continue a draft with `fairness run --resume`.
";

pub(super) const HEADER_V2: &str = "\
# A case record written by fairness. Do not edit it by hand: its seals cover every byte
# up to them; continue a draft with `fairness run --resume`.
";

/// The record as a YAML document.
pub fn to_yaml(record: &Record) -> String {
    after_canonical(canonical(record), record)
}

/// [`to_yaml`], given the record's canonical form (computed once for both the seal and
/// the whole text).
pub(super) fn after_canonical(mut out: String, record: &Record) -> String {
    out.push_str("seal: ");
    nullable(&mut out, record.seal.as_deref());
    out.push('\n');
    // Written only where a key signed: every other record is as it was before.
    if let Some(signature) = &record.key_signature {
        field(&mut out, 0, "key_signature", Some(signature));
    }
    if record.format >= Format::V2 {
        list_key(&mut out, 0, "reviews", record.reviews.is_empty());
        for r in &record.reviews {
            out.push_str(&review_fields(r));
            field(&mut out, 2, "seal", Some(&r.seal));
            if let Some(signature) = &r.key_signature {
                field(&mut out, 2, "key_signature", Some(signature));
            }
        }
    }
    out
}

/// A review's entry as [`to_yaml`] writes it, up to (not including) its `seal` line:
/// with the seal before it, what its seal covers ([`super::Review::seal`]).
pub fn review_fields(r: &Review) -> String {
    let mut out = String::with_capacity(512);
    out.push_str("  - ");
    field(&mut out, 0, "outcome", Some(r.outcome.as_str()));
    field(&mut out, 2, "meaning", Some(&r.meaning));
    field(&mut out, 2, "name", Some(&r.name));
    field(&mut out, 2, "role", Some(&r.role));
    field(&mut out, 2, "declaration", r.declaration.as_deref());
    field(&mut out, 2, "comment", r.comment.as_deref());
    field(&mut out, 2, "at", Some(&r.at));
    out
}

/// Everything [`to_yaml`] writes above the `seal` line: what the seal is computed over.
pub fn canonical(record: &Record) -> String {
    let mut out = String::with_capacity(1024 + record.answers.len() * 512);
    let v2 = record.format >= Format::V2;
    out.push_str(if v2 { HEADER_V2 } else { HEADER_V1 });
    field(&mut out, 0, "format", Some(record.format.id()));
    field(&mut out, 0, "status", Some(record.status.id()));

    out.push_str("case:\n");
    let case = &record.case;
    field(&mut out, 1, "reference", Some(&case.reference));
    if v2 {
        field(&mut out, 1, "version", Some(&case.version.to_string()));
        let supersedes = case.supersedes.as_ref();
        field(
            &mut out,
            1,
            "supersedes",
            supersedes.map(|s| s.seal.as_str()),
        );
        field(
            &mut out,
            1,
            "amendment",
            supersedes.map(|s| s.reason.as_str()),
        );
    }
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
    if v2 {
        list(&mut out, "history", &record.history, change_v2);
    } else {
        list(&mut out, "history", &record.history, change);
    }
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
            if v2 {
                field(&mut out, 1, "meaning", s.meaning.as_deref());
            }
            field(&mut out, 1, "declaration", Some(&s.declaration));
            field(&mut out, 1, "signed", Some(&s.signed));
            if v2 {
                field(
                    &mut out,
                    1,
                    "countersignature",
                    s.countersignature.as_deref(),
                );
            }
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

/// A format-2 history entry: format 1's fields, then who and why.
fn change_v2(out: &mut String, c: &Change) {
    change(out, c);
    field(out, 2, "by", c.by.as_deref());
    field(out, 2, "reason", c.reason.as_deref());
}

fn unconfirmed(out: &mut String, u: &Unconfirmed) {
    out.push_str("  - ");
    field(out, 0, "item", Some(&u.item));
    field(out, 2, "field", Some(u.field.as_str()));
    field(out, 2, "text", Some(&u.text));
    field(out, 2, "at", Some(&u.at));
}
