//! `fairness countersign`: an independent reviewer reads a signed record and either
//! countersigns it or returns it with comments. Either way the review is added after
//! the record's seal and sealed over it ([`Record::add_review`]): nothing the signer
//! sealed, nor any earlier review, changes by a byte.
//!
//! This file holds the rules, over plain types: which records may be reviewed, who may
//! review them, what is written, and what is said of a record's signatures. The
//! terminal's questions are in [`terminal`]; the file form (`fairness-review/1`) in
//! [`answers`].

pub mod answers;
pub mod terminal;

use std::path::{Path, PathBuf};

use crate::atomic_file::{self, PRIVATE};
use crate::checklist::ReviewRow;
use crate::error::{CountersignRefusal, Error};
use crate::framework::{self, BUILTIN_TEXT, CheckAnswer, Framework, Meaning};
use crate::keys::Unlocked;
use crate::keys::plan::Plan;
use crate::platform::Stop;
use crate::record::found::{self, Outcome as Found};
use crate::record::lock::Lock;
use crate::record::{
    Format, FrameworkSource, Integrity, Outcome, Part, Record, Review, SectionId, to_yaml,
};
use crate::terminal::neutralise;
use crate::value::shown_time;

/// What a reviewer gave, before it is checked and sealed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Given {
    pub outcome: Outcome,
    /// The meaning's id (for a return, the meaning the reviewer was asked to review with).
    pub meaning: String,
    pub name: String,
    pub role: String,
    /// The declaration confirmed, for a countersignature.
    pub declaration: Option<String>,
    pub comment: Option<String>,
}

/// A signed record opened for review, held under its lock until written.
pub struct Opened {
    pub path: PathBuf,
    /// The file's text as read: every byte of it stays as it is.
    pub text: String,
    pub record: Record,
    /// The meanings a reviewer may sign with.
    pub meanings: Vec<Meaning>,
    _lock: Lock,
}

/// Opens the record at `path` for review: it is locked, read, and verified first. Only
/// an intact, signed record of format 2 may be reviewed.
pub fn open(path: &Path) -> Result<Opened, Error> {
    let lock = Lock::acquire(path)?;
    let checked = found::check(path);
    let refuse = Error::Countersign;
    let text = checked.text.unwrap_or_default();
    let verified = match checked.outcome {
        Found::Io(io) => {
            return Err(Error::Read {
                path: path.to_owned(),
                io,
            });
        }
        Found::Unreadable(d) => {
            return Err(Error::InvalidRecord(crate::diagnostic::Report::new(
                path.display().to_string(),
                Some(text),
                d,
            )));
        }
        Found::Read(v) | Found::OtherSeal { verified: v, .. } => v,
    };
    let path_buf = path.to_owned();
    match verified.integrity {
        Integrity::Draft => return Err(refuse(CountersignRefusal::Draft { path: path_buf })),
        Integrity::Altered(_) => {
            return Err(refuse(CountersignRefusal::Altered { path: path_buf }));
        }
        Integrity::Intact => {}
    }
    let record = verified.record;
    if record.format < Format::V2 {
        return Err(refuse(CountersignRefusal::Format1 { path: path_buf }));
    }
    // A draft amendment under way leaves this record current until it is signed.
    let seal = record.seal.as_deref().unwrap_or_default();
    if let Some((by, next)) = crate::cases::successors(path, seal)
        .into_iter()
        .find(|(_, v)| v.integrity == Integrity::Intact)
    {
        return Err(refuse(CountersignRefusal::Superseded {
            path: path_buf,
            by,
            version: next.record.case.version,
        }));
    }
    let meanings = framework_of(&record)
        .map(|f| f.reviewer_meanings())
        .unwrap_or_else(|| Framework::default().reviewer_meanings());
    Ok(Opened {
        path: path_buf,
        text,
        record,
        meanings,
        _lock: lock,
    })
}

/// The framework `record` was made with, where it is at hand: the built-in one (whose
/// meanings every built-in version shares), or its file, if that is still the file
/// the record was made with.
fn framework_of(record: &Record) -> Option<Framework> {
    match &record.framework.source {
        FrameworkSource::BuiltIn => framework::check(BUILTIN_TEXT).framework,
        FrameworkSource::File(file) => {
            let text = crate::source::read_text(Path::new(file)).ok()?;
            let checked = framework::check(&crate::source::edited(text));
            (checked.is_valid() && checked.digest == record.framework.digest)
                .then_some(checked.framework)
                .flatten()
        }
    }
}

/// Whether `name` is the signer's own, whatever role is given with it: compared
/// trimmed, without regard to case or full stops, with runs of spaces inside taken as
/// one, and without a title in front ("Dr", "Prof", "Mr", …). A different name is the
/// reviewer's own claim, which fairness cannot prove; the same name in another role,
/// or without its title, is still the signer.
pub fn is_signer(record: &Record, name: &str) -> bool {
    const TITLES: [&str; 9] = [
        "dr",
        "doctor",
        "prof",
        "professor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
    ];
    let plain = |a: &str| {
        let lower = a.to_lowercase().replace('.', " ");
        let mut words: Vec<&str> = lower.split_whitespace().collect();
        while words.len() > 1 && TITLES.contains(&words[0]) {
            words.remove(0);
        }
        words.join(" ")
    };
    record
        .sign_off
        .as_ref()
        .is_some_and(|s| plain(&s.name) == plain(name))
}

/// Whether `given` may not be recorded: the reviewer is the signer.
pub fn refused(record: &Record, given: &Given) -> bool {
    is_signer(record, &given.name)
}

/// The review `given` makes, at `now`, before it is sealed.
pub fn review(given: Given, now: &str) -> Review {
    Review {
        outcome: given.outcome.into(),
        meaning: given.meaning,
        name: given.name.trim().to_owned(),
        role: given.role.trim().to_owned(),
        declaration: given.declaration,
        comment: given.comment.filter(|c| !c.trim().is_empty()),
        at: now.to_owned(),
        seal: String::new(),
        key_signature: None,
    }
}

/// Adds `review` to the opened record and writes the file in place, atomically, under
/// its lock: only if the file is still the one read, and only if every byte of it up
/// to and including its reviews so far is kept. The record as written.
pub fn write(
    opened: &Opened,
    review: Review,
    key: Option<&Unlocked>,
    stop: &Stop,
) -> Result<Record, Error> {
    let mut record = opened.record.clone();
    record.add_review(review);
    if let Some(key) = key {
        let part = Part::Review(record.reviews.len() - 1);
        Plan::sign(&mut record, part, key);
    }
    let text = to_yaml(&record);
    let kept = opened
        .text
        .strip_suffix("reviews: []\n")
        .unwrap_or(&opened.text);
    let now_on_disk = crate::source::read_text(&opened.path).map_err(|_| {
        Error::Countersign(CountersignRefusal::Changed {
            path: opened.path.clone(),
        })
    })?;
    if now_on_disk != opened.text || !text.starts_with(kept) {
        return Err(Error::Countersign(CountersignRefusal::Changed {
            path: opened.path.clone(),
        }));
    }
    crate::record::draft::fits(&text).map_err(Error::RecordTooLarge)?;
    atomic_file::replace(&opened.path, text.as_bytes(), PRIVATE, stop)
        .map_err(|io| Error::write(&opened.path, io))?;
    Ok(record)
}

/// The record's answers as the sign-off summary shows them, read from the record alone:
/// each answer in its part, numbered within it.
pub fn rows(record: &Record) -> Vec<ReviewRow> {
    let mut numbers: Vec<(String, usize)> = Vec::new();
    record
        .answers
        .iter()
        .enumerate()
        .map(|(index, a)| {
            let (section, title) = match a.section.known() {
                Some(SectionId::CaseDetails) => ("Case details".to_owned(), "Case details"),
                Some(SectionId::Decision) => ("Decision".to_owned(), "Decision"),
                Some(SectionId::Principle(p)) => {
                    let n = crate::framework::principles::LOCKED
                        .iter()
                        .position(|l| l.id == p.id)
                        .map_or(0, |i| i + 1);
                    (format!("Principle {n}"), p.title)
                }
                None => (a.section.as_str().to_owned(), a.section.as_str()),
            };
            let number = match numbers.iter_mut().find(|(s, _)| *s == section) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    numbers.push((section.clone(), 1));
                    1
                }
            };
            let checked = a.kind.known().and_then(|k| k.checked(&a.answer));
            ReviewRow {
                index,
                title: title.to_owned(),
                section,
                number,
                item: a.item.clone(),
                prompt: a.prompt.clone(),
                answer: Some(a.label.clone().unwrap_or_else(|| a.answer.clone())),
                checked,
                note: a.note.clone(),
                required: true,
                no_matters: checked == Some(CheckAnswer::No),
                unconfirmed: false,
                fixed: None,
                // The reviewer's summary is of the answers as signed.
                changes: Vec::new(),
            }
        })
        .collect()
}

/// The decision in brief, for the reviewer's summary: the route, the interim measure
/// and the rationale, as the record answers them (by the built-in framework's ids).
pub fn decision_lines(record: &Record) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (id, what) in [
        ("route", "Route"),
        ("interim-measure", "Interim measure"),
        ("regulator-referral", "Referral to the regulator"),
        ("rationale", "Rationale"),
    ] {
        if let Some(a) = record.answer(id) {
            let shown = a.label.clone().unwrap_or_else(|| a.answer.clone());
            out.push((what.to_owned(), neutralise(&shown).into_owned()));
        }
    }
    out
}

/// What `run` says once a record is signed: where it is, who signed, its seal, and,
/// when it needs a countersignature, why and the command that gives one.
pub fn signed_text(record: &Record, path: &Path) -> String {
    let shown = crate::terminal::one_line(&path.display().to_string()).into_owned();
    let mut text = format!("Signed and sealed: {shown}\n");
    if let Some(s) = &record.sign_off {
        text.push_str(&format!(
            "  case {} · signed by {}, at {}\n",
            neutralise(&record.case.reference),
            s.signer(),
            shown_time(&s.signed)
        ));
    }
    text.push_str(&format!(
        "  seal {}\n{}{}",
        record.seal.as_deref().unwrap_or_default(),
        crate::keys::keyed_line(record, Part::SignOff),
        crate::shell::never_changed(path)
    ));
    if let Some(note) = crate::record::awaiting_note(record, path) {
        text.push('\n');
        text.push_str(&note);
    }
    text
}

/// What `countersign` says once the review is written.
pub fn done_text(record: &Record, path: &Path) -> String {
    let shown = crate::terminal::one_line(&path.display().to_string()).into_owned();
    let Some(review) = record.reviews.last() else {
        return String::new();
    };
    let what = match review.outcome.known() {
        Some(Outcome::Countersigned) => "Countersigned",
        _ => "Returned with comments",
    };
    // The meaning in brackets, unless the role already says it.
    let meaning = framework::meaning_label(&review.meaning);
    let role = match review.role.trim().eq_ignore_ascii_case(&meaning) {
        true => neutralise(&review.role).into_owned(),
        false => format!("{} ({meaning})", neutralise(&review.role)),
    };
    format!(
        "{what}: {shown}\n  by {}, {role}, at {}\n  review seal {}\n{}  standing: {}\nKeep the review seal apart from the record, as the record's own: `fairness verify --seal` with it shows that no review up to this one was removed.",
        neutralise(&review.name),
        shown_time(&review.at),
        review.seal,
        crate::keys::keyed_line(record, Part::Review(record.reviews.len() - 1)),
        record.standing().describe()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The framework refuses `author` as a reviewer's meaning and labels it as the
    /// case manager's own: the id the record writes for the sign-off.
    #[test]
    fn the_framework_knows_the_sign_off_s_meaning_by_the_record_s_id() {
        assert_eq!(
            framework::meaning_label(crate::record::AUTHOR),
            "Author (the case manager's sign-off)"
        );
    }

    #[test]
    fn the_signer_s_own_name_is_refused_in_any_role() {
        let mut record = crate::record::tests::well_formed_signed();
        record.format = Format::V2;
        let name = record.sign_off.as_ref().unwrap().name.clone();
        assert!(is_signer(&record, &format!("  {} ", name.to_uppercase())));
        let spaced = name.replace(' ', "   ");
        assert_ne!(spaced, name);
        assert!(is_signer(&record, &spaced));
        assert!(!is_signer(&record, "Dr Other"));
        // Without the title, or with another or with a full stop: still the signer.
        assert_eq!(name, "Dr Example");
        for same in ["example", "Dr. Example", "Prof Example", "MR EXAMPLE"] {
            assert!(is_signer(&record, same), "{same}");
        }
        assert!(!is_signer(&record, "Dr"));
        assert!(!is_signer(&record, "Example Other"));
    }
}
