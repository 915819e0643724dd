//! What is due in the case folder, for `fairness due`: interim-measure reviews and
//! decision reviews due soon or overdue, countersignatures awaited, records a reviewer
//! returned, and drafts left unsaved for a while. Superseded records are left out;
//! records that cannot be relied on are named, not listed.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::framework::Role;
use crate::record::found::{self, Outcome};
use crate::record::{Integrity, Record, Standing};

use super::Frameworks;

/// The `format` of `due --format json`, changed only with its shape.
pub const FORMAT: &str = "fairness-due/1";

/// How near a review date must be to be listed, and how long a draft may go unsaved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Thresholds {
    /// A review due within this many days is listed (overdue ones always are).
    pub within: i64,
    /// A draft last saved more than this many days ago is listed.
    pub stale: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            within: 7,
            stale: 14,
        }
    }
}

/// What is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The interim measure's next review.
    MeasureReview,
    /// The decision's review date.
    DecisionReview,
    /// Returned by a reviewer with comments.
    Returned,
    /// Signed, awaiting a countersignature.
    Awaiting,
    /// A draft not saved for more than the stale threshold.
    StaleDraft,
}

impl Kind {
    pub fn id(self) -> &'static str {
        match self {
            Kind::MeasureReview => "interim-measure-review",
            Kind::DecisionReview => "decision-review",
            Kind::Returned => "returned",
            Kind::Awaiting => "awaiting-countersignature",
            Kind::StaleDraft => "stale-draft",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Kind::MeasureReview => "interim measure review",
            Kind::DecisionReview => "decision review",
            Kind::Returned => "returned by the reviewer",
            Kind::Awaiting => "countersignature awaited",
            Kind::StaleDraft => "draft not saved lately",
        }
    }

    /// Whether the entry has a date it falls due on (else its date is when it began
    /// to wait).
    pub fn is_dated(self) -> bool {
        matches!(self, Kind::MeasureReview | Kind::DecisionReview)
    }
}

/// One thing due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    /// The record's file, as found.
    pub file: String,
    pub reference: String,
    pub kind: Kind,
    /// `YYYY-MM-DD`: the date it falls due on, or (awaited, returned, stale) the day it
    /// was signed, returned or last saved.
    pub date: String,
    /// `date` less today, in days: negative in the past.
    pub days: i64,
    /// The command that acts on it.
    pub command: String,
}

impl Due {
    /// A review whose date has passed.
    pub fn overdue(&self) -> bool {
        self.kind.is_dated() && self.days < 0
    }

    /// "overdue by 3 days", "today", "due in 2 days"; for the others, how long ago.
    pub fn when(&self) -> String {
        let n = self.days.abs();
        let days = format!("{n} day{}", if n == 1 { "" } else { "s" });
        match (self.kind.is_dated(), self.days) {
            (true, 0) => "today".to_owned(),
            (true, d) if d < 0 => format!("overdue by {days}"),
            (true, _) => format!("due in {days}"),
            (false, 0) => format!("{} today", self.verb()),
            (false, d) if d < 0 => format!("{} {days} ago", self.verb()),
            (false, _) => format!("{} in {days}", self.verb()),
        }
    }

    fn verb(&self) -> &'static str {
        match self.kind {
            Kind::Returned => "returned",
            Kind::Awaiting => "signed",
            _ => "saved",
        }
    }

    /// Most urgent first: overdue and today's reviews, returned records, awaited
    /// countersignatures, reviews coming up, then stale drafts; the earliest first
    /// within each.
    fn urgency(&self) -> (u8, i64) {
        let class = match self.kind {
            _ if self.kind.is_dated() && self.days <= 0 => 0,
            Kind::Returned => 1,
            Kind::Awaiting => 2,
            Kind::StaleDraft => 4,
            _ => 3,
        };
        (class, self.days)
    }
}

/// A record that was found and judged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doubtful {
    pub file: String,
    /// `altered` or `unreadable`.
    pub status: &'static str,
}

/// Everything due among the records read.
#[derive(Debug)]
pub struct DueList {
    pub today: String,
    pub thresholds: Thresholds,
    /// Most urgent first.
    pub entries: Vec<Due>,
    pub doubtful: Vec<Doubtful>,
    /// Records left out because a newer version is beside them.
    pub superseded: usize,
    pub records: usize,
}

impl DueList {
    pub fn any_overdue(&self) -> bool {
        self.entries.iter().any(Due::overdue)
    }
}

/// A record to look at: its file, and how a command names it (`CASE-2026-201`, or
/// the path given).
pub struct Named {
    pub path: PathBuf,
    pub name: String,
}

/// The records in the case `folder`, each named by its reference where its file is
/// `REFERENCE.yaml`, as found.
pub fn in_folder(folder: &Path) -> Result<Vec<(Named, found::Checked)>, crate::error::Error> {
    Ok(super::checked_in(folder)?
        .into_iter()
        .map(|(file, checked)| {
            let named = Named {
                path: folder.join(&file),
                name: file.strip_suffix(".yaml").unwrap_or(&file).to_owned(),
            };
            (named, checked)
        })
        .collect())
}

/// The records named, each read and judged (in parallel), for [`collect`].
pub fn check(records: Vec<Named>) -> Vec<(Named, found::Checked)> {
    let paths: Vec<&Path> = records.iter().map(|n| n.path.as_path()).collect();
    let checked = found::check_all(&paths);
    records.into_iter().zip(checked).collect()
}

/// What is due among `records` on `today` (`YYYY-MM-DD`). `dir` is added to each
/// command (` --dir FOLDER`) where the case folder must be given again. `beside`: look
/// beside each record for a newer version (records given one by one); otherwise the
/// records given are the whole folder and are looked at together.
pub fn collect(
    records: Vec<(Named, found::Checked)>,
    folder: &Path,
    thresholds: Thresholds,
    today: &str,
    dir: &str,
    beside: bool,
) -> DueList {
    let day = today.parse::<Date>().ok();
    let mut frameworks = Frameworks::new(folder);
    let count = records.len();
    let mut read: Vec<(Named, Record, bool)> = Vec::new();
    let mut doubtful = Vec::new();
    let mut beside_index = super::Beside::new();
    for (named, checked) in records {
        let file = named.path.display().to_string();
        match checked.outcome {
            Outcome::Read(v) => match v.integrity {
                Integrity::Altered(_) => doubtful.push(Doubtful {
                    file,
                    status: "altered",
                }),
                Integrity::Intact => read.push((named, v.record, true)),
                Integrity::Draft => read.push((named, v.record, false)),
            },
            Outcome::OtherSeal { .. } => doubtful.push(Doubtful {
                file,
                status: "altered",
            }),
            Outcome::Io(_) | Outcome::Unreadable(_) => doubtful.push(Doubtful {
                file,
                status: "unreadable",
            }),
        }
    }
    let superseding: Vec<String> = read
        .iter()
        .filter_map(|(_, r, _)| r.case.supersedes.as_ref().map(|s| s.seal.clone()))
        .collect();
    // Of a case's signed records, the one signed last sets its review dates: a
    // follow-up record of a review held takes over from the record before it.
    let latest = |reference: &str| {
        read.iter()
            .filter(|(_, r, signed)| *signed && r.case.reference == reference)
            .filter_map(|(_, r, _)| r.sign_off.as_ref().map(|s| s.signed.as_str()))
            .max()
    };
    let mut entries = Vec::new();
    let mut superseded = 0;
    for (named, record, signed) in &read {
        if let Some(seal) = record.seal.as_deref().filter(|_| *signed) {
            let newer = superseding.iter().any(|s| s == seal)
                || (beside && !beside_index.successors(&named.path, seal, &[]).is_empty());
            if newer {
                superseded += 1;
                continue;
            }
        }
        let mut ids = |role: Role, fallback: &str| {
            frameworks
                .get(record)
                .and_then(|fw| fw.item_with_role(role))
                .map(|item| item.id.value.clone())
                .unwrap_or_else(|| fallback.to_owned())
        };
        let measure = ids(Role::MeasureReview, "measure-review-on");
        let decision = ids(Role::DecisionReview, "review-on");
        let name = crate::shell::word(std::ffi::OsStr::new(&named.name));
        // A review held is a further decision: a follow-up record, beside the signed
        // one. A returned record is corrected: an amendment.
        let act = |kind: Kind| match kind {
            Kind::Awaiting => format!("fairness countersign {name}{dir}"),
            _ if !*signed => format!("fairness run --resume {name}{dir}"),
            // TEXT, as fairness names the reason everywhere else: the one word to replace.
            Kind::Returned => format!("fairness amend {name}{dir} --reason TEXT"),
            _ => crate::shell::follow_up_command(&named.path),
        };
        let mut add = |kind: Kind, date: &str| {
            let Some(days) = day.and_then(|d| days_between(d, date)) else {
                return;
            };
            entries.push(Due {
                file: named.path.display().to_string(),
                reference: record.case.reference.clone(),
                kind,
                date: date.get(..10).unwrap_or(date).to_owned(),
                days,
                command: act(kind),
            });
        };
        let followed_up = *signed
            && record
                .sign_off
                .as_ref()
                .is_some_and(|s| latest(&record.case.reference) > Some(s.signed.as_str()));
        for (id, kind) in [
            (&measure, Kind::MeasureReview),
            (&decision, Kind::DecisionReview),
        ] {
            if followed_up {
                break;
            }
            if let Some(answer) = record.answer(id)
                && let Some(d) = day.and_then(|d| days_between(d, &answer.answer))
                && d <= thresholds.within
            {
                add(kind, &answer.answer.clone());
            }
        }
        if *signed {
            match record.standing() {
                Standing::Awaiting => {
                    let signed = record.sign_off.as_ref().map(|s| s.signed.clone());
                    add(Kind::Awaiting, signed.as_deref().unwrap_or_default());
                }
                Standing::Returned => {
                    let at = record.reviews.last().map(|r| r.at.clone());
                    add(Kind::Returned, at.as_deref().unwrap_or_default());
                }
                _ => {}
            }
        } else if day
            .and_then(|d| days_between(d, &record.case.updated))
            .is_some_and(|d| -d > thresholds.stale)
        {
            add(Kind::StaleDraft, &record.case.updated.clone());
        }
    }
    entries.sort_by(|a, b| {
        (a.urgency(), &a.reference, &a.file).cmp(&(b.urgency(), &b.reference, &b.file))
    });
    DueList {
        today: today.to_owned(),
        thresholds,
        entries,
        doubtful,
        superseded,
        records: count,
    }
}

/// Days from `today` to `date` (`YYYY-MM-DD`, or a UTC time whose day is taken).
fn days_between(today: Date, date: &str) -> Option<i64> {
    let date = date.get(..10)?.parse::<Date>().ok()?;
    today.until(date).ok().map(|s| i64::from(s.get_days()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_counted_across_months_and_from_times() {
        let today: Date = "2026-12-02".parse().unwrap();
        assert_eq!(days_between(today, "2026-11-28"), Some(-4));
        assert_eq!(days_between(today, "2026-12-02T23:10:00Z"), Some(0));
        assert_eq!(days_between(today, "2027-01-01"), Some(30));
        assert_eq!(days_between(today, "soon"), None);
    }

    #[test]
    fn when_says_overdue_today_and_due_in() {
        let due = |kind, days| Due {
            file: String::new(),
            reference: String::new(),
            kind,
            date: String::new(),
            days,
            command: String::new(),
        };
        assert_eq!(due(Kind::MeasureReview, -3).when(), "overdue by 3 days");
        assert_eq!(due(Kind::DecisionReview, 0).when(), "today");
        assert_eq!(due(Kind::MeasureReview, 1).when(), "due in 1 day");
        assert_eq!(due(Kind::Awaiting, -2).when(), "signed 2 days ago");
        assert!(due(Kind::MeasureReview, -1).overdue());
        assert!(!due(Kind::StaleDraft, -30).overdue());
    }
}
