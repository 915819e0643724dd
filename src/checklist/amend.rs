//! Amending a signed record (`fairness amend`): a new draft, the next version of the
//! same case, with every answer carried over and the record it supersedes named by its
//! seal, with the reason. The signed record itself is never touched; the draft goes on
//! as any draft does (review, change, sign).

use std::path::{Path, PathBuf};

use crate::record::{self, Change, Event, Record, Status, Supersedes};
use crate::terminal::{neutralise, one_line};
use crate::value::shown_time;

/// Checks the reason given for an amendment: text as an answer is, not blank.
pub fn check_reason(reason: &str) -> Result<String, String> {
    crate::value::check_text(reason)?;
    Ok(reason.trim().to_owned())
}

/// The new draft amending the signed record `old`, begun at `now` for `reason` (checked
/// already): version `old`'s + 1, superseding `old` by its seal, every answer carried
/// over as it was, and a history that begins with the amendment.
pub fn begin(old: &Record, reason: &str, now: &str) -> Record {
    let seal = old.seal.clone().unwrap_or_default();
    let version = old.case.version.saturating_add(1);
    let mut amended = Change::new(now, Event::Amended);
    amended.detail = Some(format!(
        "version {version} of case {}, superseding the record sealed {seal}",
        old.case.reference
    ));
    amended.reason = Some(reason.to_owned());
    Record {
        format: record::Format::CURRENT,
        status: Status::Draft,
        case: record::Case {
            reference: old.case.reference.clone(),
            version,
            supersedes: Some(Supersedes {
                seal,
                reason: reason.to_owned(),
            }),
            started: now.to_owned(),
            updated: now.to_owned(),
        },
        framework: old.framework.clone(),
        answers: old.answers.clone(),
        history: vec![amended],
        unconfirmed: Vec::new(),
        sign_off: None,
        seal: None,
        key_signature: None,
        reviews: Vec::new(),
    }
}

/// Where the amendment of the record at `old_path` is written when no `-o` is given:
/// beside it, named after it with the new version (`STEM-vN.yaml`, where STEM is the
/// old file's stem without any `-vK` of its own: `X.yaml` gives `X-v2.yaml`, and
/// `X-v2.yaml` gives `X-v3.yaml`). Named after the file, not the reference inside it,
/// so that the versions of a case sit together however the first one was named.
pub fn default_path(old_path: &Path, amended: &Record) -> PathBuf {
    let stem = old_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| amended.case.reference.clone());
    let stem = crate::shell::without_version(&stem);
    old_path.with_file_name(format!("{stem}-v{}.yaml", amended.case.version))
}

/// What `amend` says once the new version at `path`, superseding the record at
/// `old_path`, is signed in a terminal: as `run` says of a signed record, with the
/// version and the record it supersedes, and the countersignature it needs, if any.
pub fn signed_text(record: &Record, path: &Path, old_path: &Path) -> String {
    let shown = |p: &Path| one_line(&p.display().to_string()).into_owned();
    let s = record.sign_off.as_ref();
    let mut text = format!(
        "Signed and sealed: {}\n  case {}, version {} · signed by {}, at {}\n  seal {}\n{}  supersedes {}\n{}",
        shown(path),
        neutralise(&record.case.reference),
        record.case.version,
        s.map(|s| s.signer()).unwrap_or_default(),
        s.map(|s| shown_time(&s.signed)).unwrap_or_default(),
        record.seal.as_deref().unwrap_or_default(),
        crate::keys::keyed_line(record, crate::record::Part::SignOff),
        shown(old_path),
        crate::shell::never_changed(path),
    );
    if let Some(note) = record::awaiting_note(record, path) {
        text.push('\n');
        text.push_str(&note);
    }
    text
}

/// When the record amended was returned by a reviewer: who, when, and their comments,
/// said at the start of the amend sitting, since they are what the amendment is for.
pub fn returned_note(old: &Record) -> Option<String> {
    let review = record::returned(old)?;
    Some(format!(
        "It was returned by {}, {}, at {}, with these comments:\n    {}",
        neutralise(&review.name),
        neutralise(&review.role),
        shown_time(&review.at),
        neutralise(review.comment.as_deref().unwrap_or("(none)"))
    ))
}

/// The answers changed, added, cleared or withdrawn since the version `record`
/// supersedes: the history after its amendment began. Empty for a record that is no
/// amendment.
pub fn changed_since_superseded(record: &Record) -> Vec<&Change> {
    let Some(start) = record
        .history
        .iter()
        .position(|c| c.event == Event::Amended)
    else {
        return Vec::new();
    };
    record.history[start + 1..]
        .iter()
        .filter(|c| matches!(c.event, Event::Changed | Event::Cleared | Event::Withdrawn))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::well_formed_signed;

    #[test]
    fn an_amendment_carries_every_answer_and_names_the_seal() {
        let old = well_formed_signed();
        let new = begin(&old, "The date was wrong", "2026-12-01T09:00:00Z");
        assert_eq!(new.answers, old.answers);
        assert_eq!(new.case.version, 2);
        assert_eq!(
            new.case.supersedes.as_ref().unwrap().seal,
            old.seal.clone().unwrap()
        );
        assert_eq!(new.history.len(), 1);
        assert_eq!(new.history[0].event, Event::Amended);
        assert_eq!(new.history[0].reason.as_deref(), Some("The date was wrong"));
        assert!(changed_since_superseded(&new).is_empty());
        assert_eq!(
            default_path(Path::new("cases/CASE-2026-001.yaml"), &new),
            Path::new("cases/CASE-2026-001-v2.yaml")
        );
        // Named after the old file, not the reference inside it; a `-vK` is replaced.
        assert_eq!(
            default_path(Path::new("cases/CASE-2026-404.yaml"), &new),
            Path::new("cases/CASE-2026-404-v2.yaml")
        );
        let mut third = new.clone();
        third.case.version = 3;
        assert_eq!(
            default_path(Path::new("cases/X-v2.yaml"), &third),
            Path::new("cases/X-v3.yaml")
        );
        assert_eq!(
            default_path(Path::new("a-vet-v.yaml"), &new),
            Path::new("a-vet-v-v2.yaml")
        );
        assert!(check_reason("  ").is_err());
        assert!(check_reason("a\u{1b}[2J").is_err());
    }
}
