//! Writing a record as YAML, always the same way: fields in a fixed order, every text
//! double-quoted, and every character a YAML reader might fold, drop or read as a line
//! break written as an escape. The output is the record's canonical form.

use std::fmt::Write as _;

use super::{Answer, Change, FORMAT, Record};

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
    field(&mut out, 1, "source", Some(&fw.source));

    list(&mut out, "answers", &record.answers, answer);
    list(&mut out, "history", &record.history, change);

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
    if entries.is_empty() {
        let _ = writeln!(out, "{name}: []");
        return;
    }
    let _ = writeln!(out, "{name}:");
    for entry in entries {
        write(out, entry);
    }
}

/// An entry of a list: the first field after `- `, the rest indented to match.
fn answer(out: &mut String, a: &Answer) {
    out.push_str("  - ");
    field(out, 0, "item", Some(&a.item));
    field(out, 2, "section", Some(&a.section));
    field(out, 2, "kind", Some(&a.kind));
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

fn field(out: &mut String, depth: usize, name: &str, value: Option<&str>) {
    for _ in 0..depth {
        out.push_str("  ");
    }
    out.push_str(name);
    out.push_str(": ");
    nullable(out, value);
    out.push('\n');
}

fn nullable(out: &mut String, value: Option<&str>) {
    match value {
        None => out.push_str("null"),
        Some(text) => quote(out, text),
    }
}

/// Appends `text` as a YAML double-quoted scalar that reads back as exactly `text`.
///
/// Escaped: `"` and `\`; every control character (tab and line breaks included, so a
/// value is always one line); DEL; the C1 controls, NEL among them; the line and
/// paragraph separators; the byte order mark; and the non-characters U+FFFE and U+FFFF.
/// These are the characters a YAML reader may fold, drop or refuse. Everything else,
/// including non-ASCII text, is written as it is.
pub fn quote(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> String {
        let mut out = String::new();
        quote(&mut out, text);
        out
    }

    #[test]
    fn quoting_escapes_what_yaml_would_alter() {
        assert_eq!(quoted("plain"), "\"plain\"");
        assert_eq!(quoted("a \"b\" \\ c"), r#""a \"b\" \\ c""#);
        assert_eq!(quoted("one\ntwo\tthree"), r#""one\ntwo\tthree""#);
        assert_eq!(quoted("\u{1b}[2J\u{85}"), r#""\x1b[2J\x85""#);
        assert_eq!(quoted("\u{2028}\u{feff}"), r#""\u2028\ufeff""#);
        assert_eq!(quoted("é 漢 🙂"), "\"é 漢 🙂\"");
    }
}
