//! The case record formats `fairness-record/2` and, read and kept as written,
//! `fairness-record/1`: one YAML file per case, self-contained.
//!
//! A record holds the case reference (and, from format 2, its version and the record
//! it supersedes), which framework it was made with, every answer with the prompt as it
//! was asked, the history of changed answers (from format 2, with who made each change
//! and why) and, once signed, the sign-off and a seal. From format 2 a signed record
//! ends with its reviews: countersignatures and returns, each sealed over the seal
//! before it, so that a review never changes a byte the signer sealed.
//!
//! The file is written by [`write::to_yaml`], which is deterministic: the same record
//! always gives the same bytes. Those bytes, up to the `seal: ...` line, are the
//! record's canonical form, and the seal is their SHA-256. A record can be proved intact
//! by reading it, writing it again and comparing both the bytes and the seals.
//!
//! Fields with a closed set of values (an answer's kind and section, the framework's
//! source) are typed, and keep what an altered record holds instead ([`Keyword`]), so
//! that such a record still reads, writes back byte for byte, and is reported.

pub mod chain;
mod check;
pub(crate) mod draft;
mod fast;
pub mod found;
pub(crate) mod lock;
mod read;
pub mod report;
mod reviews;
mod seal;
mod verify;
mod write;

/// The moment, as a record's timestamps write it.
pub use crate::value::now;
pub use check::check_form;
pub use read::{from_yaml, from_yaml_text};
pub use reviews::{awaiting_note, returned, signature_lines};
pub(crate) use seal::sign;
pub use seal::{Part, Signer};
pub(crate) use verify::parse_seal;
pub use verify::{Finding, Integrity, Verdict, Verified, verify_text, verify_text_generally};
pub(crate) use write::canonical;
pub use write::to_yaml;

use std::fmt;

/// `text` as a record when it is exactly what fairness writes for one, read by the
/// strict reader alone (see `fast.rs`); `None` for anything else. For the tests that
/// prove it agrees with the general reader.
#[doc(hidden)]
pub fn read_strictly(text: &str) -> Option<Record> {
    fast::read(text).map(|exact| exact.record)
}

use crate::framework::KindId;
use crate::framework::principles::{self, LockedPrinciple};

/// Which shape of record a file has: the `format` line it starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// `fairness-record/1`, written until records had versions, reviews, and who and
    /// why in the history. Still read, verified and exported exactly as written.
    V1,
    /// `fairness-record/2`: every record fairness begins now.
    V2,
}

impl Format {
    /// The format every new record is written in.
    pub const CURRENT: Format = Format::V2;
    pub const ALL: [Format; 2] = [Format::V1, Format::V2];

    pub fn id(self) -> &'static str {
        match self {
            Format::V1 => "fairness-record/1",
            Format::V2 => "fairness-record/2",
        }
    }

    pub fn from_id(id: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.id() == id)
    }
}

/// A case record, draft or signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub format: Format,
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
    /// Format 2 only: the signer's SSH signature over the canonical form (the bytes
    /// the seal covers), as [`crate::keys`] keeps one; `None` where no key was used.
    pub key_signature: Option<String>,
    /// Format 2 only: what reviewers did with the signed record, oldest first, each
    /// sealed over the seal before it ([`Review::seal`]). Empty in a draft.
    pub reviews: Vec<Review>,
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
    /// Format 2: which version of the case's record this is, from 1; an amendment is
    /// the version after the record it supersedes. Always 1 in format 1.
    #[serde(skip)]
    pub version: u32,
    /// Format 2: the signed record this one corrects, and why; `None` for version 1.
    #[serde(skip)]
    pub supersedes: Option<Supersedes>,
    /// When the record was begun (UTC, RFC 3339).
    pub started: String,
    /// When the record was last saved.
    pub updated: String,
}

/// The signed record an amendment corrects: named by its seal, which proves which
/// record it was, with the reason given for the amendment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Supersedes {
    pub seal: String,
    pub reason: String,
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

    /// [`Keyword::read`] of borrowed text: a known keyword is made without copying it.
    pub fn read_str(text: &str) -> Keyword<T> {
        match T::from_id(text) {
            Some(known) => Keyword::Known(known),
            None => Keyword::Unknown(text.to_owned()),
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
    /// Format 2: who was working when it happened (the name given at the start of the
    /// sitting, or the signer); `None` when no name was given, and in format 1.
    pub by: Option<String>,
    /// Format 2: the reason given for changing or clearing a confirmed answer, or for
    /// an amendment; `None` when none was asked or given, and in format 1.
    pub reason: Option<String>,
}

impl Change {
    /// An entry for `event` at `at`, with nothing else filled in.
    pub fn new(at: &str, event: Event) -> Change {
        Change {
            at: at.to_owned(),
            event,
            item: None,
            old_answer: None,
            old_note: None,
            new_answer: None,
            new_note: None,
            detail: None,
            by: None,
            reason: None,
        }
    }
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
    /// Format 2: the record was begun as an amendment of a signed record, every answer
    /// carried over; the reason is the amendment's.
    Amended,
}

impl Event {
    pub const ALL: [Event; 7] = [
        Event::Changed,
        Event::Cleared,
        Event::Withdrawn,
        Event::Migrated,
        Event::Dropped,
        Event::Preset,
        Event::Amended,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Event::Changed => "changed",
            Event::Cleared => "cleared",
            Event::Withdrawn => "withdrawn",
            Event::Migrated => "migrated",
            Event::Dropped => "dropped",
            Event::Preset => "preset",
            Event::Amended => "amended",
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
    /// Format 2: what the signature means, as an id of the framework's signature
    /// meanings (`author` for the case manager's sign-off).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meaning: Option<String>,
    pub declaration: String,
    pub signed: String,
    /// Format 2: why the record needs a countersignature, in words, when the framework
    /// requires one for this case; `None` when it needs none, and in format 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub countersignature: Option<String>,
}

/// The meaning of the case manager's own signature.
pub const AUTHOR: &str = "author";

/// What a reviewer did with a signed record (format 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    pub outcome: Keyword<Outcome>,
    /// What the signature means, as an id of the framework's signature meanings
    /// (`independent-reviewer`, `board-oversight`, or one the framework names).
    pub meaning: String,
    pub name: String,
    pub role: String,
    /// What the reviewer declared, as they confirmed it; `None` when returned.
    pub declaration: Option<String>,
    /// The reviewer's comment: optional with a countersignature, required when the
    /// record is returned.
    pub comment: Option<String>,
    pub at: String,
    /// `sha256:` and the hex SHA-256 of the seal before this one (the record's, or the
    /// review before), a line break, and this review's own fields as written.
    pub seal: String,
    /// The reviewer's SSH signature over what the seal covers; `None` where no key
    /// was used.
    pub key_signature: Option<String>,
}

/// Whether a reviewer countersigned a record or returned it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Countersigned,
    Returned,
}

impl Id for Outcome {
    fn id(self) -> &'static str {
        match self {
            Outcome::Countersigned => "countersigned",
            Outcome::Returned => "returned",
        }
    }

    fn from_id(id: &str) -> Option<Self> {
        match id {
            "countersigned" => Some(Outcome::Countersigned),
            "returned" => Some(Outcome::Returned),
            _ => None,
        }
    }
}

/// Where a signed record stands with its reviewers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Not signed yet.
    Draft,
    /// Signed, and needs no countersignature (and has none).
    Signed,
    /// Signed, needs a countersignature, and has none yet.
    Awaiting,
    /// Signed, and the latest review returned it with comments.
    Returned,
    /// Signed and countersigned.
    Countersigned,
}

impl Standing {
    /// As `verify`, `cases` and the exports say it.
    pub fn describe(self) -> &'static str {
        match self {
            Standing::Draft => "draft, not signed yet",
            Standing::Signed => "signed",
            Standing::Awaiting => "signed, awaiting countersignature",
            Standing::Returned => "signed, returned by the reviewer",
            Standing::Countersigned => "signed and countersigned",
        }
    }

    /// A short id for tables and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Standing::Draft => "draft",
            Standing::Signed => "signed",
            Standing::Awaiting => "awaiting-countersignature",
            Standing::Returned => "returned",
            Standing::Countersigned => "countersigned",
        }
    }
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
    /// Where the record stands with its reviewers: the latest review decides, then
    /// whether the sign-off says a countersignature is needed.
    pub fn standing(&self) -> Standing {
        if self.status != Status::Signed {
            return Standing::Draft;
        }
        match self.reviews.last().and_then(|r| r.outcome.known()) {
            Some(Outcome::Returned) => Standing::Returned,
            _ if self
                .reviews
                .iter()
                .any(|r| r.outcome == Outcome::Countersigned) =>
            {
                Standing::Countersigned
            }
            _ if self
                .sign_off
                .as_ref()
                .is_some_and(|s| s.countersignature.is_some()) =>
            {
                Standing::Awaiting
            }
            _ => Standing::Signed,
        }
    }

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
            format: Format::CURRENT,
            status: Status::Draft,
            case: Case {
                reference: "CASE-2026-001".into(),
                version: 1,
                supersedes: None,
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
                by: Some("Dr Example".into()),
                reason: Some("The first answer was a slip".into()),
            }],
            unconfirmed: Vec::new(),
            sign_off: None,
            seal: None,
            key_signature: None,
            reviews: Vec::new(),
        }
    }

    /// Signs and seals `record` as sign-off does.
    pub(crate) fn sign(record: &mut Record) {
        record.status = Status::Signed;
        record.sign_off = Some(SignOff {
            name: "Dr Example".into(),
            role: "Case manager".into(),
            meaning: Some(AUTHOR.into()),
            declaration: "I confirm.".into(),
            signed: "2026-11-23T10:00:00Z".into(),
            countersignature: Some("an interim measure is in place".into()),
        });
        record.seal = Some(record.compute_seal());
    }

    /// A review as countersign or a return writes it, before it is sealed.
    pub(crate) fn review(outcome: Outcome, name: &str) -> Review {
        Review {
            outcome: outcome.into(),
            meaning: "independent-reviewer".into(),
            name: name.into(),
            role: "Medical Director".into(),
            declaration: (outcome == Outcome::Countersigned)
                .then(|| "I was not involved in this case.".into()),
            comment: Some("Reasoning checked \"line\" by line.".into()),
            at: "2026-11-24T10:00:00Z".into(),
            seal: String::new(),
            key_signature: None,
        }
    }

    /// [`well_formed_signed`], returned once and then countersigned.
    pub(crate) fn well_formed_reviewed() -> Record {
        let mut record = well_formed_signed();
        record.add_review(review(Outcome::Returned, "Dr Second"));
        record.add_review(review(Outcome::Countersigned, "Dr Third"));
        record
    }

    /// [`well_formed_signed`] as version 2 of its case, superseding an earlier one.
    pub(crate) fn well_formed_amended() -> Record {
        let mut record = sample();
        record.framework.digest = format!("sha256:{}", "ab".repeat(32));
        record.answers[1].answer = "plain text".into();
        record.answers[1].prompt = "What?".into();
        record.case.version = 2;
        record.case.supersedes = Some(Supersedes {
            seal: format!("sha256:{}", "cd".repeat(32)),
            reason: "The concern was raised on 3 March, not 3 May".into(),
        });
        let mut amended = Change::new("2026-11-23T08:59:00Z", Event::Amended);
        amended.by = Some("Dr Example".into());
        amended.reason = Some("The concern was raised on 3 March, not 3 May".into());
        record.history.insert(0, amended);
        sign(&mut record);
        record
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
    fn reviews_and_amendments_read_back_exactly_as_written() {
        for record in [well_formed_reviewed(), well_formed_amended()] {
            let text = to_yaml(&record);
            let back = from_yaml_text(&text).unwrap();
            assert_eq!(back, record);
            assert_eq!(to_yaml(&back), text);
            assert_eq!(check_form(&back), Vec::<String>::new(), "{text}");
        }
        let text = to_yaml(&well_formed_reviewed());
        assert!(
            text.contains(
                "\nreviews:\n  - outcome: \"returned\"\n    meaning: \"independent-reviewer\"\n"
            ),
            "{text}"
        );
        let amended = to_yaml(&well_formed_amended());
        assert!(
            amended.contains("  version: \"2\"\n  supersedes: \"sha256:cdcd"),
            "{amended}"
        );
    }

    #[test]
    fn a_review_changes_nothing_the_signer_sealed() {
        let signed = well_formed_signed();
        let reviewed = well_formed_reviewed();
        assert_eq!(reviewed.seal, signed.seal);
        assert_eq!(canonical(&reviewed), canonical(&signed));
        let before = to_yaml(&signed);
        let after = to_yaml(&reviewed);
        let kept = before.strip_suffix("reviews: []\n").unwrap();
        assert!(after.starts_with(kept), "{after}");
        // Each review's seal rests on the one before it.
        assert_eq!(
            reviewed.compute_review_seal(1).as_deref(),
            Some(reviewed.reviews[1].seal.as_str())
        );
        let mut other = reviewed.clone();
        other.reviews[0].comment = Some("Other words".into());
        assert_ne!(
            other.compute_review_seal(0),
            reviewed.compute_review_seal(0)
        );
    }

    #[test]
    fn standing_follows_the_latest_review() {
        let mut record = sample();
        assert_eq!(record.standing(), Standing::Draft);
        sign(&mut record);
        assert_eq!(record.standing(), Standing::Awaiting);
        record.add_review(review(Outcome::Returned, "Dr Second"));
        assert_eq!(record.standing(), Standing::Returned);
        record.add_review(review(Outcome::Countersigned, "Dr Second"));
        assert_eq!(record.standing(), Standing::Countersigned);
        let mut plain = well_formed_signed();
        plain.sign_off.as_mut().unwrap().countersignature = None;
        plain.seal = Some(plain.compute_seal());
        assert_eq!(plain.standing(), Standing::Signed);
    }

    #[test]
    fn a_format_1_record_has_no_format_2_fields() {
        let mut record = well_formed_signed();
        record.format = Format::V1;
        record.history[0].by = None;
        record.history[0].reason = None;
        let s = record.sign_off.as_mut().unwrap();
        s.meaning = None;
        s.countersignature = None;
        record.seal = Some(record.compute_seal());
        let text = to_yaml(&record);
        for absent in [
            "  version: \"1\"",
            "supersedes",
            "    by:",
            "reason:",
            "meaning",
            "reviews",
            "countersignature",
        ] {
            assert!(!text.contains(absent), "{absent}:\n{text}");
        }
        assert_eq!(from_yaml_text(&text).unwrap(), record);
        let with_reviews = format!("{text}reviews: []\n");
        let problems = from_yaml_text(&with_reviews).unwrap_err();
        assert!(
            problems[0]
                .message
                .contains("`reviews` is not part of a `fairness-record/1` record"),
            "{problems:?}"
        );
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
