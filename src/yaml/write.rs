//! Writing YAML the one way fairness writes it, for records and frameworks alike: every
//! text double-quoted and escaped so that it reads back exactly, `null` for what is
//! absent, two spaces per level of indent.

use std::fmt::Write as _;

/// Appends `text` as a YAML double-quoted scalar that reads back as exactly `text`.
///
/// Escaped: `"` and `\`; every control character (tab and line breaks included, so a
/// value is always one line); DEL; the C1 controls, NEL among them; the line and
/// paragraph separators; the byte order mark; and the non-characters U+FFFE and U+FFFF.
/// These are the characters a YAML reader may fold, drop or refuse. Everything else,
/// including non-ASCII text, is written as it is.
pub fn quote(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    let mut run = 0;
    while let Some((at, c)) = next_escaped(text, run) {
        out.push_str(&text[run..at]);
        push_escape(out, c);
        run = at + c.len_utf8();
    }
    out.push_str(&text[run..]);
    out.push('"');
}

/// Where the first character from `from` on that [`quote`] escapes begins, and that
/// character; `None` where the rest of `text` is written as it is. `from` must be at
/// the start of a character.
pub fn next_escaped(text: &str, from: usize) -> Option<(usize, char)> {
    // Runs of text that need no escape are passed over whole. Every character that
    // does begins with one of these bytes: ASCII controls, `"`, `\` and DEL, and the
    // lead bytes of U+0080..U+009F (0xC2), U+2028 and U+2029 (0xE2), and U+FEFF,
    // U+FFFE and U+FFFF (0xEF). A lead byte is never inside another character's
    // encoding, so each such byte starts a character.
    let bytes = text.as_bytes();
    let mut at = from;
    while at < bytes.len() {
        // Eight bytes at a time where none of them could begin a character to escape,
        // as most of a note's text: quoting was the largest part of writing a record.
        if let Some(word) = crate::words::word_at(bytes, at)
            && !may_begin_escape(word)
        {
            at += 8;
            continue;
        }
        let b = bytes[at];
        if !(b < 0x20 || matches!(b, b'"' | b'\\' | 0x7f | 0xc2 | 0xe2 | 0xef)) {
            at += 1;
            continue;
        }
        let c = text[at..].chars().next().expect("a character starts here");
        if is_escaped(c) {
            return Some((at, c));
        }
        at += c.len_utf8();
    }
    None
}

/// Whether [`quote`] writes `c` as an escape.
pub fn is_escaped(c: char) -> bool {
    matches!(
        c,
        '"' | '\\'
            | '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{feff}'
            | '\u{fffe}'
            | '\u{ffff}'
    )
}

/// Appends the escape [`quote`] writes for `c`, one of the characters it escapes.
pub fn push_escape(out: &mut String, c: char) {
    let named = match c {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\n' => "\\n",
        '\t' => "\\t",
        '\r' => "\\r",
        _ if (c as u32) <= 0xff => {
            let _ = write!(out, "\\x{:02x}", c as u32);
            return;
        }
        _ => {
            let _ = write!(out, "\\u{:04x}", c as u32);
            return;
        }
    };
    out.push_str(named);
}

/// Whether any of the eight bytes of `word` is below 0x20, `"`, `\`, DEL, or from 0x80
/// on (every byte that can begin a character [`quote`] escapes is among these).
fn may_begin_escape(word: u64) -> bool {
    use crate::words::{has, has_below, has_high};
    has_high(word)
        || has_below(word, 0x20)
        || has(word, b'"')
        || has(word, b'\\')
        || has(word, 0x7f)
}

/// Appends `value` quoted, or `null` when there is none.
pub fn nullable(out: &mut String, value: Option<&str>) {
    match value {
        None => out.push_str("null"),
        Some(text) => quote(out, text),
    }
}

/// Appends `depth` levels of indent.
pub fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// Appends the line that opens a list `name` at `depth`: `name: []` when it has no
/// entries, else `name:`, its entries to follow on lines of their own.
pub fn list_key(out: &mut String, depth: usize, name: &str, empty: bool) {
    indent(out, depth);
    out.push_str(name);
    out.push_str(if empty { ": []\n" } else { ":\n" });
}

/// Appends one line `name: value` at `depth`, the value quoted or `null`.
pub fn field(out: &mut String, depth: usize, name: &str, value: Option<&str>) {
    indent(out, depth);
    out.push_str(name);
    out.push_str(": ");
    nullable(out, value);
    out.push('\n');
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

    /// Quoting as it was first written, a character at a time: copying runs must give
    /// exactly the same bytes.
    fn quoted_by_character(text: &str) -> String {
        let mut out = String::from('"');
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
        out
    }

    #[test]
    fn copying_runs_quotes_every_character_as_before() {
        let every = (0..=0x3000u32)
            .chain(0xd000..=0x10400)
            .chain([0x1f642, 0x10ffff])
            .filter_map(char::from_u32);
        for c in every {
            for text in [c.to_string(), format!("ab{c}"), format!("{c}{c}é{c}x")] {
                assert_eq!(quoted(&text), quoted_by_character(&text), "{:x}", c as u32);
            }
            // At every place in and around a run of eight plain bytes, and at the end.
            for before in 0..18 {
                let text = format!("{}{c}{}", "a".repeat(before), "z".repeat(18 - before));
                assert_eq!(quoted(&text), quoted_by_character(&text), "{:x}", c as u32);
            }
        }
    }

    #[test]
    fn a_word_is_passed_over_only_when_no_byte_of_it_could_begin_an_escape() {
        let begins = |b: u8| b < 0x20 || matches!(b, b'"' | b'\\' | 0x7f) || b >= 0x80;
        for plain in (0x20..0x7f).filter(|b| !begins(*b)) {
            let mut word = [plain; 8];
            assert!(!may_begin_escape(u64::from_le_bytes(word)));
            for place in 0..8 {
                for b in 0..=255u8 {
                    word[place] = b;
                    assert_eq!(
                        may_begin_escape(u64::from_le_bytes(word)),
                        begins(b),
                        "{b:#x} at {place} among {plain:#x}"
                    );
                }
                word[place] = plain;
            }
        }
    }

    #[test]
    fn a_field_is_one_indented_line() {
        let mut out = String::new();
        field(&mut out, 2, "note", None);
        field(&mut out, 0, "id", Some("a\nb"));
        assert_eq!(out, "    note: null\nid: \"a\\nb\"\n");
    }
}
