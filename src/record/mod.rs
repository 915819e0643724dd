//! The case record format `fairness-record/1`: one YAML file per case, self-contained.
//!
//! A record holds the case reference, which framework it was made with, every answer
//! with the prompt as it was asked, the history of changed answers and, once signed,
//! the sign-off and a seal.
//!
//! The file is written by [`write::to_yaml`], which is deterministic: the same record
//! always gives the same bytes. Those bytes, up to the last line (`seal: ...`), are the
//! record's canonical form, and the seal is their SHA-256. A record can be proved intact
//! by reading it, writing it again and comparing both the bytes and the seal.

mod check;
mod read;
mod seal;
mod verify;
mod write;

pub use check::{check_form, is_section};
pub use read::{from_yaml, from_yaml_text};
pub use seal::{Signer, sign};
pub use verify::{Finding, Integrity, Verdict, Verified, verify_text};
pub use write::{canonical, to_yaml};

/// The `format` line every record starts with.
pub const FORMAT: &str = "fairness-record/1";

/// A case record, draft or signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub status: Status,
    pub case: Case,
    pub framework: FrameworkRef,
    /// One per item shown and answered, in the order the framework asks them.
    pub answers: Vec<Answer>,
    /// Every change to an answer after it was first given, oldest first.
    pub history: Vec<Change>,
    pub sign_off: Option<SignOff>,
    /// `sha256:` and the hex SHA-256 of the canonical form; only on a signed record.
    pub seal: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Draft,
    Signed,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Signed => "signed",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Case {
    /// The organisation's own reference for the case; also the default file name.
    pub reference: String,
    /// When the record was begun (UTC, RFC 3339).
    pub started: String,
    /// When the record was last saved.
    pub updated: String,
}

/// Which framework the record was made with, so that the record stays meaningful when
/// the framework changes.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FrameworkRef {
    pub name: String,
    pub version: String,
    pub organisation: Option<String>,
    pub jurisdiction: Option<String>,
    /// See [`crate::framework::Checked::digest`].
    pub digest: String,
    /// Where the framework was read from: a path, or `built-in`.
    pub source: String,
}

/// One answered item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub item: String,
    /// `case-details`, a Principle's id, or `decision`.
    pub section: String,
    /// The item's answer kind: `check`, `text`, `date` or `choice`.
    pub kind: String,
    /// The prompt exactly as it was asked.
    pub prompt: String,
    /// `yes`, `no` or `not-applicable` for a check; an option id for a choice; the
    /// text or the ISO date otherwise.
    pub answer: String,
    /// What the person saw and chose, for a check or a choice ("Not applicable").
    pub label: Option<String>,
    pub note: Option<String>,
    /// When the answer was last given or changed.
    pub answered: String,
}

/// One entry of a record's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub at: String,
    pub event: Event,
    /// The item concerned; `None` for an event about the whole record.
    pub item: Option<String>,
    pub old_answer: Option<String>,
    pub old_note: Option<String>,
    pub new_answer: Option<String>,
    pub new_note: Option<String>,
    /// Why, in words, where the event needs explaining.
    pub detail: Option<String>,
}

/// What happened to an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// An answer or its note was changed.
    Changed,
    /// An optional item's answer was removed by the person.
    Cleared,
    /// An answer was removed because its item is no longer asked (an earlier answer
    /// it depends on changed).
    Withdrawn,
    /// The record moved to a changed framework.
    Migrated,
    /// An answer was not carried over to a changed framework: its item was removed,
    /// reworded, or can no longer take the answer.
    Dropped,
}

impl Event {
    pub const ALL: [Event; 5] = [
        Event::Changed,
        Event::Cleared,
        Event::Withdrawn,
        Event::Migrated,
        Event::Dropped,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Event::Changed => "changed",
            Event::Cleared => "cleared",
            Event::Withdrawn => "withdrawn",
            Event::Migrated => "migrated",
            Event::Dropped => "dropped",
        }
    }
}

/// Who signed, as what, what they declared, and when.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SignOff {
    pub name: String,
    pub role: String,
    pub declaration: String,
    pub signed: String,
}

impl Record {
    /// The answer to item `id`, if it has one.
    pub fn answer(&self, id: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.item == id)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn sample() -> Record {
        Record {
            status: Status::Draft,
            case: Case {
                reference: "CASE-2026-001".into(),
                started: "2026-11-23T09:00:00Z".into(),
                updated: "2026-11-23T09:05:00Z".into(),
            },
            framework: FrameworkRef {
                name: "A framework".into(),
                version: "1.0".into(),
                organisation: None,
                jurisdiction: Some("wales".into()),
                digest: "sha256:00".into(),
                source: "built-in".into(),
            },
            answers: vec![
                Answer {
                    item: "concern-specific".into(),
                    section: "understanding-the-issues".into(),
                    kind: "check".into(),
                    prompt: "Is the concern: specific?\n\"quoted\" \\ yes".into(),
                    answer: "no".into(),
                    label: Some("No".into()),
                    note: Some("line one\nline two\ttabbed  \n".into()),
                    answered: "2026-11-23T09:01:00Z".into(),
                },
                Answer {
                    item: "odd".into(),
                    section: "decision".into(),
                    kind: "text".into(),
                    prompt: "null".into(),
                    answer: " yes \u{7}\u{1b}[31m\u{85}\u{2028}\u{feff}\u{202e}é漢🙂 ~ &a *b #c"
                        .into(),
                    label: None,
                    note: None,
                    answered: "2026-11-23T09:02:00Z".into(),
                },
            ],
            history: vec![Change {
                at: "2026-11-23T09:03:00Z".into(),
                event: Event::Changed,
                item: Some("concern-specific".into()),
                old_answer: Some("yes".into()),
                old_note: None,
                new_answer: Some("no".into()),
                new_note: Some("line one".into()),
                detail: None,
            }],
            sign_off: None,
            seal: None,
        }
    }

    /// Signs and seals `record` as sign-off does.
    pub(crate) fn sign(record: &mut Record) {
        record.status = Status::Signed;
        record.sign_off = Some(SignOff {
            name: "Dr Example".into(),
            role: "Case manager".into(),
            declaration: "I confirm.".into(),
            signed: "2026-11-23T10:00:00Z".into(),
        });
        record.seal = Some(record.compute_seal());
    }

    /// [`sample`] made one fairness could have written (the sample's odd text answer,
    /// there to test the writer, replaced), signed and sealed.
    pub(crate) fn well_formed_signed() -> Record {
        let mut record = sample();
        record.framework.digest = format!("sha256:{}", "ab".repeat(32));
        record.answers[1].answer = "plain text".into();
        record.answers[1].prompt = "What?".into();
        sign(&mut record);
        record
    }

    #[test]
    fn a_record_reads_back_exactly_as_written() {
        let mut record = sample();
        let text = to_yaml(&record);
        assert_eq!(from_yaml_text(&text).unwrap(), record);

        sign(&mut record);
        let text = to_yaml(&record);
        let back = from_yaml_text(&text).unwrap();
        assert_eq!(back, record);
        assert_eq!(to_yaml(&back), text, "writing is deterministic");
    }

    #[test]
    fn the_seal_covers_everything_but_itself() {
        let mut record = sample();
        let seal = record.compute_seal();
        record.seal = Some(seal.clone());
        assert_eq!(record.compute_seal(), seal);
        record.history[0].old_answer = Some("not-applicable".into());
        assert_ne!(record.compute_seal(), seal);
    }

    #[test]
    fn an_empty_record_reads_back() {
        let mut record = sample();
        record.answers.clear();
        record.history.clear();
        let text = to_yaml(&record);
        assert!(text.contains("answers: []\n"), "{text}");
        assert_eq!(from_yaml_text(&text).unwrap(), record);
    }
}
