//! A strict reader of exactly the text fairness writes for a record, for reading many
//! records quickly.
//!
//! An intact record is, by definition, byte for byte what [`to_yaml`] writes for it:
//! the fields in their one order, every text double-quoted with fairness's escapes,
//! two spaces of indent. This reader accepts that form and nothing else, straight
//! into a [`Record`], without the general YAML parse and its tree of located nodes.
//! It takes a text only where writing what it read would give back exactly the same
//! bytes, and proves that as it reads rather than by writing the record again: every
//! line, indent and key is matched as the writer writes it, in the writer's order, with
//! each optional part present exactly when the writer writes it; and every text must be
//! quoted exactly as [`crate::yaml::quote`] quotes what it reads as (no character left
//! bare that `quote` escapes, no escape other than the one `quote` writes). Builds with
//! debug assertions, which the tests and the fuzz target are, write the record again
//! to check. Anything else (a changed space, other quoting, an unknown or missing field,
//! a value the general reader would refuse) is `None`, and the caller takes the
//! general path, which gives today's diagnostics. So this reader never decides
//! anything the general one would decide otherwise: it only decides sooner.

use std::borrow::Cow;

use super::write::{HEADER_V1, HEADER_V2};
use super::{
    Answer, Case, Change, Event, Format, FrameworkRef, FrameworkSource, Keyword, Record, Review,
    SignOff, Status, Supersedes, Unconfirmed, to_yaml,
};

/// The most lines a record may have to be read here: well inside the general reader's
/// limit of a million events (two scalars a line, and an entry's mapping).
const MAX_LINES: usize = 300_000;

/// A record read by [`read`], with where its canonical form ends.
pub(crate) struct Exact {
    pub record: Record,
    /// The length of the text above the `seal` line: `text[..sealed]` is
    /// [`super::canonical`] of the record, what its seal is computed over.
    pub sealed: usize,
}

/// `text` as a record, when it is exactly what fairness writes for one the general
/// reader reads without a problem; `None` otherwise.
pub(crate) fn read(text: &str) -> Option<Exact> {
    // The general reader refuses a file beyond its limits (more than a million YAML
    // events, or scalars above the largest file read); a record this reader takes is
    // far inside them, each line being at most two scalars and a little structure.
    if text.len() > crate::source::MAX_FILE_BYTES as usize
        || text.bytes().filter(|&b| b == b'\n').count() > MAX_LINES
    {
        return None;
    }
    let mut c = Cursor { text, at: 0 };
    let (record, sealed) = record(&mut c)?;
    if c.at != text.len() {
        return None;
    }
    // What the reading proved, tested directly wherever the tests and the fuzz target
    // run: the bytes are those fairness writes for the record.
    debug_assert!(to_yaml(&record) == text, "read strictly, written otherwise");
    Some(Exact { record, sealed })
}

fn record(c: &mut Cursor) -> Option<(Record, usize)> {
    let v2 = if c.lit(HEADER_V2) {
        true
    } else if c.lit(HEADER_V1) {
        false
    } else {
        return None;
    };
    let format = Format::from_id(&c.required("format: ")?)?;
    if (format >= Format::V2) != v2 {
        return None;
    }
    let status = match c.required("status: ")?.as_str() {
        "draft" => Status::Draft,
        "signed" => Status::Signed,
        _ => return None,
    };
    c.expect("case:\n")?;
    let reference = c.required("  reference: ")?;
    let (version, supersedes) = if v2 {
        let text = c.required("  version: ")?;
        let version = text
            .parse::<u32>()
            .ok()
            .filter(|n| *n >= 1 && n.to_string() == text)?;
        let seal = c.optional("  supersedes: ")?;
        let reason = c.optional("  amendment: ")?;
        let supersedes = match (seal, reason) {
            (Some(seal), Some(reason)) => Some(Supersedes { seal, reason }),
            (None, None) => None,
            _ => return None,
        };
        (version, supersedes)
    } else {
        (1, None)
    };
    let case = Case {
        reference,
        version,
        supersedes,
        started: c.required("  started: ")?,
        updated: c.required("  updated: ")?,
    };
    c.expect("framework:\n")?;
    let framework = FrameworkRef {
        name: c.required("  name: ")?,
        version: c.required("  version: ")?,
        organisation: c.optional("  organisation: ")?,
        jurisdiction: c.optional("  jurisdiction: ")?,
        digest: c.required("  digest: ")?,
        source: FrameworkSource::read(c.required("  source: ")?),
    };
    let answers = c.list("answers", answer)?;
    let history = c.list("history", |c| change(c, v2))?;
    // Written only when there is some.
    let unconfirmed = if c.rest().starts_with("unconfirmed:\n") {
        c.list("unconfirmed", unconfirmed)?
    } else {
        Vec::new()
    };
    let sign_off = if c.lit("sign_off: null\n") {
        None
    } else {
        c.expect("sign_off:\n")?;
        Some(sign_off(c, v2)?)
    };
    let sealed = c.at;
    let seal = c.optional("seal: ")?;
    // Written only where a key signed.
    let key_signature = if c.rest().starts_with("key_signature: ") {
        Some(c.required("key_signature: ")?)
    } else {
        None
    };
    let reviews = if v2 {
        c.list("reviews", review)?
    } else {
        Vec::new()
    };
    let record = Record {
        format,
        status,
        case,
        framework,
        answers,
        history,
        unconfirmed,
        sign_off,
        seal,
        key_signature,
        reviews,
    };
    Some((record, sealed))
}

fn answer(c: &mut Cursor) -> Option<Answer> {
    Some(Answer {
        item: c.required("  - item: ")?,
        section: Keyword::read_str(&c.required_text("    section: ")?),
        kind: Keyword::read_str(&c.required_text("    kind: ")?),
        prompt: c.required("    prompt: ")?,
        answer: c.required("    answer: ")?,
        label: c.optional("    label: ")?,
        note: c.optional("    note: ")?,
        answered: c.required("    answered: ")?,
    })
}

fn change(c: &mut Cursor, v2: bool) -> Option<Change> {
    let at = c.required("  - at: ")?;
    let event_text = c.required_text("    event: ")?;
    let event = Event::ALL.into_iter().find(|e| e.id() == event_text)?;
    Some(Change {
        at,
        event,
        item: c.optional("    item: ")?,
        old_answer: c.optional("    old_answer: ")?,
        old_note: c.optional("    old_note: ")?,
        new_answer: c.optional("    new_answer: ")?,
        new_note: c.optional("    new_note: ")?,
        detail: c.optional("    detail: ")?,
        by: if v2 { c.optional("    by: ")? } else { None },
        reason: if v2 {
            c.optional("    reason: ")?
        } else {
            None
        },
    })
}

fn unconfirmed(c: &mut Cursor) -> Option<Unconfirmed> {
    Some(Unconfirmed {
        item: c.required("  - item: ")?,
        field: Keyword::read_str(&c.required_text("    field: ")?),
        text: c.required("    text: ")?,
        at: c.required("    at: ")?,
    })
}

fn sign_off(c: &mut Cursor, v2: bool) -> Option<SignOff> {
    Some(SignOff {
        name: c.required("  name: ")?,
        role: c.required("  role: ")?,
        meaning: if v2 {
            Some(c.required("  meaning: ")?)
        } else {
            None
        },
        declaration: c.required("  declaration: ")?,
        signed: c.required("  signed: ")?,
        countersignature: if v2 {
            c.optional("  countersignature: ")?
        } else {
            None
        },
    })
}

fn review(c: &mut Cursor) -> Option<Review> {
    Some(Review {
        outcome: Keyword::read_str(&c.required_text("  - outcome: ")?),
        meaning: c.required("    meaning: ")?,
        name: c.required("    name: ")?,
        role: c.required("    role: ")?,
        declaration: c.optional("    declaration: ")?,
        comment: c.optional("    comment: ")?,
        at: c.required("    at: ")?,
        seal: c.required("    seal: ")?,
        key_signature: if c.rest().starts_with("    key_signature: ") {
            Some(c.required("    key_signature: ")?)
        } else {
            None
        },
    })
}

/// A place in the text, moving forward only.
struct Cursor<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Cursor<'t> {
    fn rest(&self) -> &str {
        &self.text[self.at..]
    }

    /// Steps over `literal` if the text goes on with it.
    fn lit(&mut self, literal: &str) -> bool {
        let found = self.rest().starts_with(literal);
        if found {
            self.at += literal.len();
        }
        found
    }

    fn expect(&mut self, literal: &str) -> Option<()> {
        self.lit(literal).then_some(())
    }

    /// A line `key` (its indent and name, with `: `) and a value that is text or
    /// `null`: `Some(None)` for null.
    fn optional(&mut self, key: &str) -> Option<Option<String>> {
        Some(self.optional_text(key)?.map(Cow::into_owned))
    }

    /// [`Cursor::optional`], the text borrowed where it has no escape.
    fn optional_text(&mut self, key: &str) -> Option<Option<Cow<'t, str>>> {
        self.expect(key)?;
        let value = if self.lit("null") {
            None
        } else {
            Some(self.quoted()?)
        };
        self.expect("\n")?;
        Some(value)
    }

    /// A line `key` whose value must be text that is not blank, as the general reader
    /// requires it.
    fn required(&mut self, key: &str) -> Option<String> {
        self.required_text(key).map(Cow::into_owned)
    }

    /// [`Cursor::required`], the text borrowed where it has no escape: for a value
    /// read as a keyword, which is then made without copying it.
    fn required_text(&mut self, key: &str) -> Option<Cow<'t, str>> {
        self.optional_text(key)?.filter(|t| !t.trim().is_empty())
    }

    /// A list `name` at the top level: `name: []`, or `name:` and entries that each
    /// begin `  - `.
    fn list<T>(
        &mut self,
        name: &str,
        entry: impl Fn(&mut Cursor<'t>) -> Option<T>,
    ) -> Option<Vec<T>> {
        self.expect(name)?;
        if self.lit(": []\n") {
            return Some(Vec::new());
        }
        self.expect(":\n")?;
        let mut entries = Vec::new();
        while self.rest().starts_with("  - ") {
            entries.push(entry(self)?);
        }
        // `name:` with no entries reads as null in YAML, which fairness writes as `[]`.
        (!entries.is_empty()).then_some(entries)
    }

    /// A double-quoted text with the escapes [`crate::yaml::quote`] writes, undone;
    /// `None` unless it is quoted exactly as `quote` quotes what it reads as: each
    /// character `quote` escapes, escaped as it escapes it, and no other.
    fn quoted(&mut self) -> Option<Cow<'t, str>> {
        use crate::yaml::{is_escaped, next_escaped, push_escape};
        self.expect("\"")?;
        let text: &'t str = self.text;
        let bytes = text.as_bytes();
        let mut run = self.at;
        let first = run + memchr::memchr2(b'"', b'\\', &bytes[run..])?;
        // Most texts have no escape: borrowed whole.
        if bytes[first] == b'"' {
            let plain = &text[run..first];
            next_escaped(plain, 0).is_none().then_some(())?;
            self.at = first + 1;
            return Some(Cow::Borrowed(plain));
        }
        let mut out = String::with_capacity(first - run + 16);
        let mut next = Some(first);
        loop {
            let i = match next.take() {
                Some(i) => i,
                None => run + memchr::memchr2(b'"', b'\\', &bytes[run..])?,
            };
            let plain = &self.text[run..i];
            next_escaped(plain, 0).is_none().then_some(())?;
            out.push_str(plain);
            if bytes[i] == b'"' {
                self.at = i + 1;
                return Some(Cow::Owned(out));
            }
            let (c, len) = match *bytes.get(i + 1)? {
                b'"' => ('"', 2),
                b'\\' => ('\\', 2),
                b'n' => ('\n', 2),
                b't' => ('\t', 2),
                b'r' => ('\r', 2),
                b'x' => (hex(self.text.get(i + 2..i + 4)?)?, 4),
                b'u' => (hex(self.text.get(i + 2..i + 6)?)?, 6),
                _ => return None,
            };
            // Escapes are few: the one `quote` writes for the character is made to
            // compare, so that `\x0a` for a line break, say, is not taken.
            let mut written = String::new();
            if is_escaped(c) {
                push_escape(&mut written, c);
            }
            (written == self.text[i..i + len]).then_some(())?;
            out.push(c);
            run = i + len;
        }
    }
}

/// The character with the code point `digits` spells in lower-case hex, as the writer
/// spells it.
fn hex(digits: &str) -> Option<char> {
    if !digits
        .bytes()
        .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return None;
    }
    char::from_u32(u32::from_str_radix(digits, 16).ok()?)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::record::tests::{sample, sign, well_formed_amended, well_formed_reviewed};
    use crate::record::{canonical, from_yaml_text, verify_text, verify_text_generally};

    /// The verdict on `text` with the strict reader first is the one the general reader
    /// alone gives: the same record, integrity and diagnostics. Whether the strict
    /// reader took it.
    fn same_verdict(text: &str) -> bool {
        // Text the strict reader does not take goes the general way, the very same
        // code with or without it: only what it takes needs comparing.
        if read(text).is_none() {
            return false;
        }
        let fast = format!("{:?}", verify_text(text));
        let general = format!("{:?}", verify_text_generally(text));
        assert_eq!(fast, general, "verdicts differ on:\n{text}");
        let read_fast = from_yaml_text(text);
        let exact = read(text).unwrap();
        assert_eq!(text[..exact.sealed], canonical(&exact.record));
        assert_eq!(Ok(exact.record), read_fast);
        true
    }

    fn fixture(name: &str) -> String {
        let path = format!(
            "{}/tests/fixtures/format1/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(path).unwrap()
    }

    /// A small signed format-1 record.
    fn format_1() -> Record {
        let mut record = crate::record::tests::well_formed_signed();
        record.format = Format::V1;
        record.history[0].by = None;
        record.history[0].reason = None;
        let s = record.sign_off.as_mut().unwrap();
        s.meaning = None;
        s.countersignature = None;
        record.seal = Some(record.compute_seal());
        record
    }

    fn records() -> Vec<String> {
        let mut signed = sample();
        sign(&mut signed);
        vec![
            to_yaml(&sample()),
            to_yaml(&signed),
            to_yaml(&well_formed_reviewed()),
            to_yaml(&well_formed_amended()),
            fixture("draft.yaml"),
            fixture("with_history.yaml"),
            to_yaml(&format_1()),
        ]
    }

    #[test]
    fn records_fairness_writes_are_read_strictly_with_the_same_verdict() {
        for text in records() {
            assert!(same_verdict(&text), "not read strictly:\n{text}");
        }
    }

    #[test]
    fn the_verdict_on_every_single_byte_change_is_unchanged() {
        let mut taken = 0;
        let mut changes = 0;
        for text in [to_yaml(&well_formed_reviewed()), to_yaml(&format_1())] {
            let bytes = text.as_bytes();
            for at in 0..bytes.len() {
                let mut variants: Vec<Vec<u8>> = [b'x', b'"', b'\n', b'\\', b':']
                    .iter()
                    .filter(|&&b| b != bytes[at])
                    .map(|&b| {
                        let mut v = bytes.to_vec();
                        v[at] = b;
                        v
                    })
                    .collect();
                let mut removed = bytes.to_vec();
                removed.remove(at);
                variants.push(removed);
                for v in variants {
                    if let Ok(changed) = std::str::from_utf8(&v) {
                        changes += 1;
                        taken += usize::from(same_verdict(changed));
                    }
                }
            }
        }
        assert!(changes > 10_000, "{changes}");
        // Some changes leave a record fairness could have written (a changed letter in
        // a text, most often); every other is left to the general reader.
        assert!(taken > 1_000 && taken < changes / 2, "{taken} of {changes}");
    }

    /// Text a YAML reader reads as the very same characters, but quoted otherwise than
    /// `quote` quotes them: a character left bare that `quote` escapes, or an escape
    /// other than the one it writes. The strict reader must leave every such text to the
    /// general reader, since the bytes are not those fairness writes.
    #[test]
    fn a_text_quoted_otherwise_than_fairness_quotes_it_is_not_read_strictly() {
        let mut record = well_formed_reviewed();
        record.answers[0].note =
            Some("a\tb\u{85}c\u{2028}d\u{feff}e\u{7f}f é\nzQz \"qq7\" \\ end".to_owned());
        record.seal = Some(record.compute_seal());
        let text = to_yaml(&record);
        assert!(same_verdict(&text), "not read strictly:\n{text}");
        let mut read_generally = 0;
        for (canonical, other) in [
            ("\\t", "\t"),
            ("\\x85", "\u{85}"),
            ("\\x85", "\\u0085"),
            ("\\u2028", "\u{2028}"),
            ("\\ufeff", "\u{feff}"),
            ("\\x7f", "\u{7f}"),
            ("\\x7f", "\\u007f"),
            ("f é", "f \\xe9"),
            ("f é", "f \\u00e9"),
            ("é\\nzQz", "é\\x0azQz"),
            ("é\\nzQz", "é\\u000azQz"),
            ("zQz", "z\\x51z"),
            ("\\\"qq7", "\\x22qq7"),
            ("\" \\\\ end", "\" \\x5c end"),
        ] {
            assert_eq!(text.matches(canonical).count(), 1, "{canonical}");
            let changed = text.replacen(canonical, other, 1);
            assert!(read(&changed).is_none(), "read strictly: {other:?}");
            if let Ok(r) = from_yaml_text(&changed) {
                assert_ne!(to_yaml(&r), changed);
                read_generally += 1;
            }
        }
        // Most are read, by the general reader, as the very same record: these are
        // the texts that only the bytes tell apart.
        assert!(read_generally >= 10, "{read_generally}");
    }

    #[test]
    fn cut_and_padded_records_go_to_the_general_reader() {
        let text = to_yaml(&well_formed_reviewed());
        for cut in [0, 1, 10, text.len() / 2, text.len() - 1] {
            assert!(!same_verdict(&text[..cut]));
        }
        for changed in [
            format!("{text}\n"),
            format!("\u{feff}{text}"),
            text.replace('\n', "\r\n"),
            text.replace("answers:\n", "answers:\n\n"),
            text.replacen("\"no\"", "'no'", 1),
            text.replacen("\"no\"", "no", 1),
            text.replacen("    note: null\n", "", 1),
            text.replacen("  - item: \"odd\"", "  - item: \"\\x6fdd\"", 1),
            text.replacen("\\n", "\\u000a", 1),
            text.replacen("reviews:\n", "reviews: []\n", 1),
            text.replacen(
                "format: \"fairness-record/2\"",
                "format: \"fairness-record/1\"",
                1,
            ),
            text.replacen("version: \"1\"", "version: \"01\"", 1),
            text.replacen("reference: \"CASE-2026-001\"", "reference: \" \"", 1),
        ] {
            assert!(!same_verdict(&changed), "read strictly:\n{changed}");
        }
    }

    fn texts() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[ -~]{0,20}",
            proptest::collection::vec(
                prop_oneof![
                    Just('\u{85}'),
                    Just('\u{2028}'),
                    Just('\u{feff}'),
                    Just('\u{fffe}'),
                    Just('\u{ffff}'),
                    Just('"'),
                    Just('\\'),
                    Just('\t'),
                    Just('\r'),
                    Just('\n'),
                    Just(' '),
                    Just('#'),
                    Just(':'),
                    any::<char>(),
                ],
                0..12
            )
            .prop_map(|cs| cs.into_iter().collect()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any text in any field: read strictly or not, the verdict is the general
        /// reader's.
        #[test]
        fn any_text_in_any_field_gives_the_same_verdict(
            texts in proptest::collection::vec(texts(), 8),
            signed in any::<bool>(),
            v1 in any::<bool>(),
        ) {
            let mut record = well_formed_reviewed();
            record.case.reference = texts[0].clone();
            record.answers[0].prompt = texts[1].clone();
            record.answers[0].note = Some(texts[2].clone());
            record.answers[1].answer = texts[3].clone();
            record.history[0].reason = Some(texts[4].clone());
            record.framework.name = texts[5].clone();
            record.reviews[0].comment = Some(texts[6].clone());
            record.sign_off.as_mut().unwrap().role = texts[7].clone();
            if v1 {
                record.format = Format::V1;
                record.reviews.clear();
                record.history[0].by = None;
                record.history[0].reason = None;
                let s = record.sign_off.as_mut().unwrap();
                s.meaning = None;
                s.countersignature = None;
            }
            if signed {
                record.seal = Some(record.compute_seal());
            } else {
                record.status = Status::Draft;
            }
            let text = to_yaml(&record);
            let strict = same_verdict(&text);
            let blank = |t: &String| t.trim().is_empty();
            prop_assert_eq!(
                strict,
                !(blank(&texts[0]) || blank(&texts[1]) || blank(&texts[3]) || blank(&texts[5]) || blank(&texts[7]))
            );
        }
    }
}
