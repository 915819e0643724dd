//! What is said of a signed record's reviews wherever it is shown: where it stands,
//! each signature with its meaning, and the command that countersigns it.

use std::path::Path;

use crate::framework;
use crate::terminal::neutralise;
use crate::value::shown_time;

use super::{AUTHOR, Format, Outcome, Record, Review, Standing};

/// For a signed record that needs a countersignature: why, and the command for it.
pub fn awaiting_note(record: &Record, path: &Path) -> Option<String> {
    let why = record.sign_off.as_ref()?.countersignature.as_deref()?;
    Some(format!(
        "It needs a countersignature: {}.\nAn independent reviewer countersigns it (or returns it with comments) with:\n    fairness countersign {}",
        neutralise(why),
        crate::shell::word(path.as_os_str())
    ))
}

/// Every signature on a format-2 record, one line each: who, as what, when; for a
/// review, what it did and that its seal was checked. Then the record's standing.
pub fn signature_lines(record: &Record) -> Vec<String> {
    let mut lines = Vec::new();
    if record.format < Format::V2 {
        return lines;
    }
    lines.push(format!("standing: {}", record.standing().describe()));
    if let Some(s) = &record.sign_off {
        let meaning = s.meaning.as_deref().unwrap_or(AUTHOR);
        lines.push(format!(
            "signature 1: {} · {} · signed at {}",
            s.signer(),
            framework::meaning_label(meaning),
            shown_time(&s.signed)
        ));
        if let Some(why) = &s.countersignature
            && record.standing() == Standing::Awaiting
        {
            lines.push(format!(
                "  why a countersignature is required: {}",
                neutralise(why)
            ));
        }
    }
    for (n, r) in record.reviews.iter().enumerate() {
        let sealed = record.compute_review_seal(n).as_deref() == Some(r.seal.as_str());
        lines.push(format!(
            "signature {}: {}, {} · {} · {} at {} · seal {}",
            n + 2,
            neutralise(&r.name),
            neutralise(&r.role),
            framework::meaning_label(&r.meaning),
            r.outcome,
            shown_time(&r.at),
            if sealed { "checked" } else { "DOES NOT MATCH" }
        ));
        if let Some(c) = &r.comment {
            lines.push(format!("  comments: {}", neutralise(c)));
        }
    }
    lines
}

impl Record {
    /// Whether `seal` is this record's seal or the seal of one of its reviews: what
    /// `verify --seal` accepts.
    pub fn holds_seal(&self, seal: &str) -> bool {
        self.seal.as_deref() == Some(seal) || self.reviews.iter().any(|r| r.seal == seal)
    }
}

/// The latest review, when it returned the record: who, when and their comments.
pub fn returned(record: &Record) -> Option<&Review> {
    record
        .reviews
        .last()
        .filter(|r| r.outcome == Outcome::Returned)
}
