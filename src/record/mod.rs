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
//!
//! Fields with a closed set of values (an answer's kind and section, the framework's
//! source) are typed, and keep what an altered record holds instead ([`Keyword`]), so
//! that such a record still reads, writes back byte for byte, and is reported.

mod check;
pub(crate) mod draft;
pub mod found;
pub(crate) mod lock;
mod read;
mod seal;
mod verify;
mod write;

/// The moment, as a record's timestamps write it.
pub use crate::value::now;
pub use check::check_form;
pub use read::{from_yaml, from_yaml_text};
pub use seal::Signer;
pub(crate) use seal::sign;
pub(crate) use verify::parse_seal;
pub use verify::{Finding, Integrity, Verdict, Verified, verify_text};
pub(crate) use write::canonical;
pub use write::to_yaml;

use std::fmt;

use crate::framework::KindId;
use crate::framework::principles::{self, LockedPrinciple};

/// The `format` line every record starts with.
pub(crate) const FORMAT: &str = "fairness-record/1";

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
    /// Text typed into a field and left without being confirmed (↑, Esc, Ctrl-C, a
    /// closed terminal): kept in a draft to be offered again, never an answer or a
    /// note. Written only when there is some; a signed record never has any.
    pub unconfirmed: Vec<Unconfirmed>,
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
    pub source: FrameworkSource,
}

/// Where a record's framework was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FrameworkSource {
    /// The framework built into fairness (of the version that began the record).
    BuiltIn,
    /// A framework file, by the path it was given as.
    File(String),
}

impl FrameworkSource {
    /// What a record writes for [`FrameworkSource::BuiltIn`].
    pub const BUILT_IN: &str = "built-in";

    /// The source a record names: `built-in`, or any other text as a path.
    pub fn read(text: String) -> FrameworkSource {
        if text == Self::BUILT_IN {
            FrameworkSource::BuiltIn
        } else {
            FrameworkSource::File(text)
        }
    }

    /// As the record writes it.
    pub fn as_str(&self) -> &str {
        match self {
            FrameworkSource::BuiltIn => Self::BUILT_IN,
            FrameworkSource::File(path) => path,
        }
    }
}

impl From<&str> for FrameworkSource {
    fn from(text: &str) -> Self {
        FrameworkSource::read(text.to_owned())
    }
}

impl fmt::Display for FrameworkSource {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for FrameworkSource {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A value from a closed set, as a record holds it: one fairness writes, or, in a record
/// altered by hand, any other text, kept as found so that the record still reads, is
/// written back byte for byte, and `verify` can say what is wrong with it.
///
/// Two keywords are equal when a record writes them the same.
#[derive(Clone, Debug)]
pub enum Keyword<T> {
    Known(T),
    Unknown(String),
}

/// A closed set of values with the id a record writes for each.
pub trait Id: Copy + Sized {
    fn id(self) -> &'static str;
    fn from_id(id: &str) -> Option<Self>;
}

impl<T: Id> Keyword<T> {
    /// The keyword a record's text names.
    pub fn read(text: String) -> Keyword<T> {
        match T::from_id(&text) {
            Some(known) => Keyword::Known(known),
            None => Keyword::Unknown(text),
        }
    }

    /// As the record writes it.
    pub fn as_str(&self) -> &str {
        match self {
            Keyword::Known(known) => known.id(),
            Keyword::Unknown(text) => text,
        }
    }

    /// The value, when it is one fairness knows.
    pub fn known(&self) -> Option<T> {
        match self {
            Keyword::Known(known) => Some(*known),
            Keyword::Unknown(_) => None,
        }
    }
}

impl<T: Id> From<T> for Keyword<T> {
    fn from(known: T) -> Self {
        Keyword::Known(known)
    }
}

impl<T: Id> From<&str> for Keyword<T> {
    fn from(text: &str) -> Self {
        Keyword::read(text.to_owned())
    }
}

impl<T: Id> PartialEq for Keyword<T> {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl<T: Id> Eq for Keyword<T> {}

impl<T: Id> PartialEq<T> for Keyword<T> {
    fn eq(&self, other: &T) -> bool {
        self.as_str() == other.id()
    }
}

impl<T: Id> fmt::Display for Keyword<T> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Id for KindId {
    fn id(self) -> &'static str {
        KindId::id(self)
    }

    fn from_id(id: &str) -> Option<Self> {
        KindId::from_id(id)
    }
}

/// The part of the checklist an answer belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionId {
    CaseDetails,
    Principle(&'static LockedPrinciple),
    Decision,
}

impl SectionId {
    /// Every section, in the order the built-in framework asks them.
    pub fn all() -> impl Iterator<Item = SectionId> {
        std::iter::once(SectionId::CaseDetails)
            .chain(principles::LOCKED.iter().map(SectionId::Principle))
            .chain(std::iter::once(SectionId::Decision))
    }
}

impl Id for SectionId {
    /// `case-details`, a Principle's id, or `decision`.
    fn id(self) -> &'static str {
        match self {
            SectionId::CaseDetails => "case-details",
            SectionId::Principle(p) => p.id,
            SectionId::Decision => "decision",
        }
    }

    fn from_id(id: &str) -> Option<Self> {
        match id {
            "case-details" => Some(SectionId::CaseDetails),
            "decision" => Some(SectionId::Decision),
            _ => principles::by_id(id).map(SectionId::Principle),
        }
    }
}

/// One answered item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub item: String,
    pub section: Keyword<SectionId>,
    pub kind: Keyword<KindId>,
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
    /// it depends on changed, or a condition of the framework the draft moved to
    /// hides it).
    Withdrawn,
    /// The record moved to a changed framework.
    Migrated,
    /// An answer was not carried over to a changed framework: its item was removed,
    /// reworded, or can no longer take the answer.
    Dropped,
    /// An answer was given by the framework, not asked: the nation, from the
    /// framework's `jurisdiction`; with an old answer, one the framework replaced.
    Preset,
}

impl Event {
    pub const ALL: [Event; 6] = [
        Event::Changed,
        Event::Cleared,
        Event::Withdrawn,
        Event::Migrated,
        Event::Dropped,
        Event::Preset,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Event::Changed => "changed",
            Event::Cleared => "cleared",
            Event::Withdrawn => "withdrawn",
            Event::Migrated => "migrated",
            Event::Dropped => "dropped",
            Event::Preset => "preset",
        }
    }
}

/// Text typed into one field of an item and not confirmed: the person left the field
/// (went back, pressed Esc or Ctrl-C, or the terminal closed) before pressing Enter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unconfirmed {
    pub item: String,
    pub field: Keyword<Field>,
    /// The text as it stood in the editor.
    pub text: String,
    /// When it was left.
    pub at: String,
}

/// The field of an item that text was typed into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The answer itself (a text or a date).
    Answer,
    Note,
}

impl Id for Field {
    fn id(self) -> &'static str {
        match self {
            Field::Answer => "answer",
            Field::Note => "note",
        }
    }

    fn from_id(id: &str) -> Option<Self> {
        match id {
            "answer" => Some(Field::Answer),
            "note" => Some(Field::Note),
            _ => None,
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

impl SignOff {
    /// Who signed, as a sentence says it: "Dr A. Example, Case manager". A comma, not
    /// brackets, sets off the role, which can have brackets of its own ("Case manager
    /// (Associate Medical Director)"). Neutralised for a terminal.
    pub fn signer(&self) -> String {
        format!(
            "{}, {}",
            crate::terminal::neutralise(&self.name),
            crate::terminal::neutralise(&self.role)
        )
    }
}

impl Record {
    /// The answer to item `id`, if it has one.
    pub fn answer(&self, id: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.item == id)
    }

    /// The unconfirmed text left in `field` of item `id`, if any.
    pub fn unconfirmed(&self, id: &str, field: Field) -> Option<&str> {
        self.unconfirmed
            .iter()
            .find(|u| u.item == id && u.field == field)
            .map(|u| u.text.as_str())
    }

    /// Whether item `id` holds unconfirmed text in any field.
    pub fn has_unconfirmed(&self, id: &str) -> bool {
        self.unconfirmed.iter().any(|u| u.item == id)
    }

    /// Keeps `text` as the unconfirmed text of `field` of item `id`, left at `now`,
    /// replacing any kept before; blank text removes it. Whether anything changed.
    pub fn keep_unconfirmed(&mut self, id: &str, field: Field, text: &str, now: &str) -> bool {
        if text.trim().is_empty() {
            return self.drop_unconfirmed(id, Some(field));
        }
        match self
            .unconfirmed
            .iter_mut()
            .find(|u| u.item == id && u.field == field)
        {
            Some(u) if u.text == text => false,
            Some(u) => {
                u.text = text.to_owned();
                u.at = now.to_owned();
                true
            }
            None => {
                self.unconfirmed.push(Unconfirmed {
                    item: id.to_owned(),
                    field: field.into(),
                    text: text.to_owned(),
                    at: now.to_owned(),
                });
                true
            }
        }
    }

    /// Removes the unconfirmed text of item `id`: of `field`, or of every field with
    /// `None`. Whether there was any.
    pub fn drop_unconfirmed(&mut self, id: &str, field: Option<Field>) -> bool {
        let before = self.unconfirmed.len();
        self.unconfirmed
            .retain(|u| !(u.item == id && field.is_none_or(|f| u.field == f)));
        self.unconfirmed.len() != before
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
            unconfirmed: Vec::new(),
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
    fn an_unknown_kind_section_or_source_is_kept_as_found() {
        let mut record = sample();
        record.answers[0].kind = "chek".into();
        record.answers[0].section = "welfare".into();
        record.answers[1].kind = KindId::Date.into();
        record.framework.source = "frameworks/ours.yaml".into();
        assert!(matches!(record.answers[0].kind, Keyword::Unknown(_)));
        assert_eq!(record.answers[1].kind, KindId::Date);
        assert_eq!(record.answers[1].section, SectionId::Decision);
        let text = to_yaml(&record);
        for written in [
            "    kind: \"chek\"\n",
            "    section: \"welfare\"\n",
            "  source: \"frameworks/ours.yaml\"\n",
        ] {
            assert!(text.contains(written), "{written}\n{text}");
        }
        let back = from_yaml_text(&text).unwrap();
        assert_eq!(back, record);
        assert_eq!(to_yaml(&back), text);
        assert_eq!(
            FrameworkSource::from("built-in"),
            FrameworkSource::BuiltIn,
            "a record names the built-in framework so"
        );
    }

    #[test]
    fn unconfirmed_text_is_written_only_when_there_is_some_and_reads_back() {
        let mut record = sample();
        let without = to_yaml(&record);
        assert!(!without.contains("unconfirmed"), "{without}");
        assert!(record.keep_unconfirmed(
            "odd",
            Field::Note,
            "Half a\nnote",
            "2026-11-23T09:04:00Z"
        ));
        assert!(record.keep_unconfirmed(
            "concern-specific",
            Field::Answer,
            "x",
            "2026-11-23T09:04:00Z"
        ));
        assert!(!record.keep_unconfirmed("odd", Field::Note, "Half a\nnote", "later"));
        let text = to_yaml(&record);
        assert!(
            text.contains(
                "unconfirmed:\n  - item: \"odd\"\n    field: \"note\"\n    text: \"Half a\\nnote\"\n    at: \"2026-11-23T09:04:00Z\"\n"
            ),
            "{text}"
        );
        let back = from_yaml_text(&text).unwrap();
        assert_eq!(back, record);
        assert_eq!(to_yaml(&back), text);
        assert_eq!(back.unconfirmed("odd", Field::Note), Some("Half a\nnote"));
        assert!(back.has_unconfirmed("concern-specific"));
        // Blank text, or dropping it, removes it; with none left the field goes too.
        assert!(record.keep_unconfirmed("odd", Field::Note, "  ", "t"));
        assert!(record.drop_unconfirmed("concern-specific", None));
        assert!(!record.drop_unconfirmed("concern-specific", None));
        assert_eq!(to_yaml(&record), without);
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
