//! Whether a record read from a file is one fairness could have written, judged from the
//! record alone (no framework needed): a status that matches its sign-off and seal, a
//! safe case reference, times and dates in fairness's own shape, known answer kinds and
//! sections, and answers, notes and names that pass the checks they passed when typed.
//!
//! `verify` reports these for any record; `run --resume` adds the checks that need the
//! framework the draft was begun with.

use std::collections::HashSet;

use crate::framework::KindId;
use crate::terminal::neutralise;
use crate::value::{check_name, check_reference, check_text, is_digest, is_slug, is_timestamp};

use super::{Event, Format, Keyword, Record, Status};

/// Every problem with the record's form, each as a sentence naming the field; empty when
/// the record is well-formed.
pub fn check_form(record: &Record) -> Vec<String> {
    let mut problems = Vec::new();
    status(record, &mut problems);
    if let Err(e) = check_reference(&record.case.reference) {
        problems.push(format!("`case.reference`: {}", neutralise(&e)));
    }
    if !is_digest(&record.framework.digest) {
        problems.push(format!(
            "`framework.digest` `{}` is not a digest as fairness writes one (sha256: and 64 hex digits)",
            neutralise(&record.framework.digest)
        ));
    }
    time(&mut problems, "`case.started`", &record.case.started);
    time(&mut problems, "`case.updated`", &record.case.updated);

    let mut seen = HashSet::new();
    for (n, a) in record.answers.iter().enumerate() {
        let at = Place {
            what: "answer",
            n: n + 1,
            item: Some(&a.item),
        };
        if !is_slug(&a.item) {
            problems.push(format!(
                "answer {}: its item `{}` is not an item id (lower-case letters, digits and `-`)",
                n + 1,
                neutralise(&a.item)
            ));
        } else if !seen.insert(a.item.as_str()) {
            problems.push(format!("{at}: the item is answered more than once"));
        }
        if let Keyword::Unknown(section) = &a.section {
            problems.push(format!(
                "{at}: its section `{}` is not `case-details`, a Principle's id or `decision`",
                neutralise(section)
            ));
        }
        let answer = match &a.kind {
            Keyword::Known(kind) => kind.check_recorded(&a.answer),
            Keyword::Unknown(kind) => {
                let kinds: Vec<String> = KindId::IDS.iter().map(|k| format!("`{k}`")).collect();
                problems.push(format!(
                    "{at}: its kind `{}` is not one of {}",
                    neutralise(kind),
                    kinds.join(", ")
                ));
                Ok(())
            }
        };
        if let Err(e) = answer {
            problems.push(format!("{at}: its answer: {}", neutralise(&e)));
        }
        if let Some(Err(e)) = a.note.as_deref().map(check_text) {
            problems.push(format!("{at}: its note: {}", neutralise(&e)));
        }
        time(&mut problems, format_args!("{at}: its time"), &a.answered);
    }

    for (n, change) in record.history.iter().enumerate() {
        let at = Place {
            what: "history entry",
            n: n + 1,
            item: None,
        };
        time(&mut problems, format_args!("{at}: its time"), &change.at);
        let texts = [
            ("item", &change.item),
            ("old_answer", &change.old_answer),
            ("old_note", &change.old_note),
            ("new_answer", &change.new_answer),
            ("new_note", &change.new_note),
            ("detail", &change.detail),
            ("by", &change.by),
            ("reason", &change.reason),
        ];
        for (name, text) in texts {
            if let Some(Err(e)) = text.as_deref().map(check_text) {
                problems.push(format!("{at}: its `{name}`: {}", neutralise(&e)));
            }
        }
    }

    unconfirmed(record, &mut problems);
    version(record, &mut problems);

    if let Some(s) = &record.sign_off {
        for (name, text) in [("name", &s.name), ("role", &s.role)] {
            if let Err(e) = check_name(text) {
                problems.push(format!("`sign_off.{name}`: {}", neutralise(&e)));
            }
        }
        if s.declaration.trim().is_empty() {
            problems.push("`sign_off.declaration` is blank".to_owned());
        }
        time(&mut problems, "`sign_off.signed`", &s.signed);
        if let Some(meaning) = &s.meaning
            && !is_slug(meaning)
        {
            problems.push(format!(
                "`sign_off.meaning` `{}` is not a meaning's id (lower-case letters, digits and `-`)",
                neutralise(meaning)
            ));
        }
        if let Some(Err(e)) = s.countersignature.as_deref().map(check_text) {
            problems.push(format!("`sign_off.countersignature`: {}", neutralise(&e)));
        }
    }
    reviews(record, &mut problems);
    problems
}

/// A record's version and the record it supersedes agree, and the `amended` event is
/// where an amendment puts it: first in the history of a version after the first.
fn version(record: &Record, problems: &mut Vec<String>) {
    let case = &record.case;
    match &case.supersedes {
        None if case.version > 1 => problems.push(format!(
            "`case.version` is {} but `case.supersedes` names no earlier record",
            case.version
        )),
        Some(_) if case.version < 2 => problems
            .push("`case.supersedes` names an earlier record but `case.version` is 1".to_owned()),
        _ => {}
    }
    if let Some(s) = &case.supersedes {
        if !is_digest(&s.seal) {
            problems.push(format!(
                "`case.supersedes` `{}` is not a seal as fairness writes one (sha256: and 64 hex digits)",
                neutralise(&s.seal)
            ));
        }
        if let Err(e) = check_text(&s.reason) {
            problems.push(format!("`case.amendment`: {}", neutralise(&e)));
        }
    }
    for (n, change) in record.history.iter().enumerate() {
        if change.event != Event::Amended {
            continue;
        }
        if record.format < Format::V2 {
            problems.push(format!(
                "history entry {}: `amended` is not an event of a `{}` record",
                n + 1,
                Format::V1.id()
            ));
        } else if n != 0 || case.supersedes.is_none() {
            problems.push(format!(
                "history entry {}: `amended` belongs first in the history of an amendment",
                n + 1
            ));
        }
    }
}

/// Reviews: only on a signed record, each a known outcome with a meaning, a reviewer
/// who could have typed their name, a declaration when countersigned and a comment when
/// returned. Their seals are checked by `verify`.
fn reviews(record: &Record, problems: &mut Vec<String>) {
    if record.status != Status::Signed && !record.reviews.is_empty() {
        problems
            .push("it says `draft` but has reviews: only a signed record is reviewed".to_owned());
    }
    for (n, r) in record.reviews.iter().enumerate() {
        let at = format!("review {}", n + 1);
        let outcome = match &r.outcome {
            Keyword::Known(outcome) => Some(*outcome),
            Keyword::Unknown(other) => {
                problems.push(format!(
                    "{at}: its outcome `{}` is not `countersigned` or `returned`",
                    neutralise(other)
                ));
                None
            }
        };
        if !is_slug(&r.meaning) {
            problems.push(format!(
                "{at}: its meaning `{}` is not a meaning's id (lower-case letters, digits and `-`)",
                neutralise(&r.meaning)
            ));
        }
        for (name, text) in [("name", &r.name), ("role", &r.role)] {
            if let Err(e) = check_name(text) {
                problems.push(format!("{at}: its `{name}`: {}", neutralise(&e)));
            }
        }
        for (name, text) in [("declaration", &r.declaration), ("comment", &r.comment)] {
            if let Some(Err(e)) = text.as_deref().map(check_text) {
                problems.push(format!("{at}: its `{name}`: {}", neutralise(&e)));
            }
        }
        use super::Outcome;
        match outcome {
            Some(Outcome::Countersigned) if r.declaration.is_none() => {
                problems.push(format!("{at}: a countersignature with no declaration"))
            }
            Some(Outcome::Returned) if r.comment.is_none() => {
                problems.push(format!("{at}: returned with no comment"))
            }
            _ => {}
        }
        time(problems, format_args!("{at}: its time"), &r.at);
        if !is_digest(&r.seal) {
            problems.push(format!(
                "{at}: its seal `{}` is not a seal as fairness writes one (sha256: and 64 hex digits)",
                neutralise(&r.seal)
            ));
        }
    }
}

/// Text left unconfirmed: only in a draft, at most one per field of an item, and text
/// that could have been typed (its length is not limited: it is checked when confirmed).
fn unconfirmed(record: &Record, problems: &mut Vec<String>) {
    if record.status == Status::Signed && !record.unconfirmed.is_empty() {
        problems.push(
            "it says `signed` but holds `unconfirmed` text: sign-off never leaves any".to_owned(),
        );
    }
    let mut seen = HashSet::new();
    for (n, u) in record.unconfirmed.iter().enumerate() {
        let at = format!("unconfirmed text {} (`{}`)", n + 1, neutralise(&u.item));
        if !is_slug(&u.item) {
            problems.push(format!(
                "unconfirmed text {}: its item `{}` is not an item id (lower-case letters, digits and `-`)",
                n + 1,
                neutralise(&u.item)
            ));
        }
        match &u.field {
            Keyword::Unknown(field) => problems.push(format!(
                "{at}: its field `{}` is not `answer` or `note`",
                neutralise(field)
            )),
            Keyword::Known(_) if !seen.insert((u.item.as_str(), u.field.as_str())) => {
                problems.push(format!("{at}: its field is given more than once"));
            }
            Keyword::Known(_) => {}
        }
        if u.text.trim().is_empty() {
            problems.push(format!("{at}: its text is blank"));
        } else if let Some(c) = u
            .text
            .chars()
            .find(|&c| c != '\n' && c != '\t' && crate::terminal::is_unsafe(c))
        {
            problems.push(format!(
                "{at}: its text contains the control character U+{:04X}",
                c as u32
            ));
        }
        time(problems, format_args!("{at}: its time"), &u.at);
    }
}

fn status(record: &Record, problems: &mut Vec<String>) {
    match record.status {
        Status::Draft if record.sign_off.is_some() || record.seal.is_some() => problems.push(
            "it says `draft` but has a sign-off or a seal: a signed record appears to have been altered"
                .to_owned(),
        ),
        Status::Signed if record.sign_off.is_none() => {
            problems.push("it says `signed` but has no `sign_off`".to_owned())
        }
        Status::Signed if record.seal.is_none() => {
            problems.push("it says `signed` but has no `seal`".to_owned())
        }
        _ => {}
    }
    if let Some(seal) = &record.seal
        && !is_digest(seal)
    {
        problems.push(format!(
            "`seal` `{}` is not a seal as fairness writes one (sha256: and 64 hex digits)",
            neutralise(seal)
        ));
    }
}

fn time(problems: &mut Vec<String>, what: impl std::fmt::Display, value: &str) {
    if !is_timestamp(value) {
        problems.push(format!(
            "{what} `{}` is not a time as fairness writes one (YYYY-MM-DDTHH:MM:SSZ)",
            neutralise(value)
        ));
    }
}

/// Where in a record a problem is, as its message names it (`answer 3 (`item-id`)`):
/// put into words only when there is a problem, since every record is checked and
/// almost all have none.
struct Place<'r> {
    what: &'static str,
    n: usize,
    item: Option<&'r str>,
}

impl std::fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{} {}", self.what, self.n)?;
        match self.item {
            Some(item) => write!(f, " (`{}`)", neutralise(item)),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::well_formed_signed as sealed;

    #[test]
    fn a_record_as_fairness_writes_it_is_well_formed() {
        assert_eq!(check_form(&sealed()), Vec::<String>::new());
    }

    #[test]
    fn every_field_is_checked_and_named() {
        let mut bad = sealed();
        bad.status = Status::Draft;
        bad.case.reference = "../x".into();
        bad.framework.digest = "md5:00".into();
        bad.seal = Some("sha256:XYZ".into());
        bad.answers[0].kind = "chek".into();
        bad.answers[1].answer = "\u{1b}[2J".into();
        bad.answers[1].section = "welfare".into();
        bad.answers.push(bad.answers[1].clone());
        bad.history[0].at = "today".into();
        bad.sign_off.as_mut().unwrap().name = "two\nlines".into();
        let problems = check_form(&bad).join("\n");
        for expected in [
            "it says `draft` but has a sign-off or a seal",
            "`case.reference`",
            "`framework.digest` `md5:00`",
            "`seal` `sha256:XYZ`",
            "answer 1 (`concern-specific`): its kind `chek`",
            "answer 2 (`odd`): its answer: this contains the control character U+001B",
            "answer 2 (`odd`): its section `welfare`",
            "answer 3 (`odd`): the item is answered more than once",
            "history entry 1: its time `today`",
            "`sign_off.name`: this must be on one line",
        ] {
            assert!(problems.contains(expected), "{expected}:\n{problems}");
        }
    }

    #[test]
    fn unconfirmed_text_belongs_in_a_draft_and_is_checked() {
        use crate::record::{Field, tests::sample};
        let mut draft = sample();
        draft.answers[1].answer = "plain text".into();
        draft.framework.digest = format!("sha256:{}", "ab".repeat(32));
        draft.keep_unconfirmed(
            "odd",
            Field::Note,
            "Half typed\nand\ttabbed",
            "2026-11-23T09:04:00Z",
        );
        assert_eq!(check_form(&draft), Vec::<String>::new());

        let mut bad = draft.clone();
        bad.unconfirmed.push(bad.unconfirmed[0].clone());
        bad.unconfirmed[1].at = "soon".into();
        bad.unconfirmed.push(crate::record::Unconfirmed {
            item: "Odd!".into(),
            field: "rationale".into(),
            text: "\u{1b}[2J".into(),
            at: "2026-11-23T09:04:00Z".into(),
        });
        let problems = check_form(&bad).join("\n");
        for expected in [
            "unconfirmed text 2 (`odd`): its field is given more than once",
            "unconfirmed text 2 (`odd`): its time `soon`",
            "unconfirmed text 3: its item `Odd!` is not an item id",
            "unconfirmed text 3 (`Odd!`): its field `rationale` is not `answer` or `note`",
            "unconfirmed text 3 (`Odd!`): its text contains the control character U+001B",
        ] {
            assert!(problems.contains(expected), "{expected}:\n{problems}");
        }

        let mut signed = sealed();
        signed.unconfirmed = draft.unconfirmed.clone();
        assert!(
            check_form(&signed)
                .iter()
                .any(|p| p.contains("holds `unconfirmed` text")),
            "{:?}",
            check_form(&signed)
        );
    }

    #[test]
    fn a_signed_record_needs_its_sign_off_and_seal() {
        let mut record = sealed();
        record.seal = None;
        assert_eq!(check_form(&record), ["it says `signed` but has no `seal`"]);
        record.sign_off = None;
        assert_eq!(
            check_form(&record),
            ["it says `signed` but has no `sign_off`"]
        );
    }
}
