//! Resuming a draft: whether it may be resumed with the framework in use now, and what
//! is done to it first. [`plan`] decides; the command says and does what it decided.

use std::path::Path;

use crate::error::{Begun, Error, FrameworkChange, Lacks, Named, Origin, ResumeRefusal};
use crate::framework::Loaded;
use crate::record::draft::source_name;
use crate::record::{self, FrameworkSource, Record};
use crate::terminal::neutralise;
use crate::value;

use super::{Checklist, PresetApplied, differences, migrate};

/// What resuming a draft found, once it is a draft that may be resumed at all.
pub struct Resume {
    /// "Resuming case …": said first, whatever comes next.
    pub greeting: String,
    /// What happens to the draft next.
    pub next: Next,
    /// What was done about the answer the framework gives itself (the nation, from its
    /// `jurisdiction`), in words, when the draft lacked it or had another: the draft is
    /// then to be saved before anything else is asked.
    pub preset: Option<String>,
}

/// What happens to a draft being resumed.
pub enum Next {
    /// Begun with the framework in use, and whole: carry on where it stopped.
    Continue(Record),
    /// Begun with another framework and moved to this one (`--migrate`), the move noted
    /// in its history: save it, say `report` (what changed), then carry on.
    Migrated {
        record: Record,
        report: Box<FrameworkChange>,
    },
    /// Not resumed: the draft is not one this framework could have written, or it was
    /// begun with another framework and `--migrate` was not given (the error says what
    /// changed and the commands that go on from here).
    Refused(Error),
}

/// Decides how the draft `record`, read from `path`, is resumed with the framework
/// `loaded` (from the file `framework`, or the built-in one), moving it to that
/// framework when `migrate` is asked. A record that is signed, or says it is, is refused
/// outright.
pub fn plan(
    mut record: Record,
    path: &Path,
    list: &Checklist,
    loaded: &Loaded,
    framework: Option<&Path>,
    migrate_asked: bool,
) -> Result<Resume, Error> {
    if record.status == record::Status::Signed
        && (record.seal.is_none() || record.sign_off.is_none())
    {
        return Err(ResumeRefusal::SignedWithout {
            path: path.to_owned(),
            lacks: if record.seal.is_none() {
                Lacks::Seal
            } else {
                Lacks::SignOff
            },
        }
        .into());
    }
    if let Some(review) = record::returned(&record)
        && record.status == record::Status::Signed
    {
        return Err(ResumeRefusal::Returned(Box::new(crate::error::Returned {
            path: path.to_owned(),
            by: (review.name.clone(), review.role.clone()),
            at: crate::value::shown_time(&review.at),
            comments: review.comment.clone().unwrap_or_default(),
        }))
        .into());
    }
    if record.status == record::Status::Signed {
        return Err(ResumeRefusal::Signed {
            path: path.to_owned(),
            by: record
                .sign_off
                .as_ref()
                .map(|s| (s.name.clone(), crate::value::shown_time(&s.signed))),
        }
        .into());
    }
    // A format-1 draft goes on in the current format: its history keeps what it
    // says, with no name or reason for what was done before.
    record.format = record::Format::CURRENT;
    let answers = record.answers.len();
    let greeting = format!(
        "Resuming case {} ({answers} answer{} so far, begun {}).",
        neutralise(&record.case.reference),
        if answers == 1 { "" } else { "s" },
        crate::value::shown_time(&record.case.started)
    );
    // An amendment's draft says what it amends, and why, before anything else.
    let greeting = match &record.case.supersedes {
        Some(s) => format!(
            "{greeting}\nThis draft is an amendment: version {} of case {}, superseding the record sealed {}. Reason: {}",
            record.case.version,
            neutralise(&record.case.reference),
            neutralise(&s.seal),
            neutralise(&s.reason)
        ),
        None => greeting,
    };
    let greeting = match left_unconfirmed(list, &record) {
        Some(left) => format!("{greeting}\n{left}"),
        None => greeting,
    };
    let next = |next, preset| {
        Ok(Resume {
            greeting,
            next,
            preset,
        })
    };
    let refuse = |problems: Vec<String>| {
        Next::Refused(
            ResumeRefusal::NotThisFrameworks {
                path: path.to_owned(),
                problems,
            }
            .into(),
        )
    };
    if record.framework.digest == loaded.digest {
        let problems = list.check_draft(&record);
        if !problems.is_empty() {
            return next(refuse(problems), None);
        }
        // A draft begun with this framework by a fairness that did not yet answer the
        // nation from the jurisdiction.
        let now = value::now();
        let preset = list.apply_preset(&mut record, &now);
        if preset.is_some() {
            record.case.updated = now;
        }
        let said = said(list, preset);
        return next(Next::Continue(record), said);
    }
    let source = source_name(framework);
    let diff = differences(list, &record);
    // A draft begun on an earlier built-in framework, resumed on today's, where every
    // answer carries over as it is (2.0 to 2.1 added only `signatures`): moved without
    // asking for `--migrate`, since nothing the person gave is lost or asked again.
    let lossless = diff.dropped().is_empty() && diff.hidden.is_empty() && diff.replaced.is_empty();
    let painless =
        lossless && record.framework.source == FrameworkSource::BuiltIn && framework.is_none();
    let asked_again = diff
        .dropped()
        .into_iter()
        .filter(|(id, _)| !diff.removed.contains(id))
        .collect();
    let change = Box::new(FrameworkChange {
        path: path.to_owned(),
        was: Named {
            name: record.framework.name.clone(),
            version: record.framework.version.clone(),
            source: record.framework.source.as_str().to_owned(),
            digest: record.framework.digest.clone(),
        },
        now: Named {
            name: loaded.framework.name.clone(),
            version: loaded.framework.version.clone(),
            source: loaded.origin.clone(),
            digest: loaded.digest.clone(),
        },
        kept: diff.kept.len(),
        answers: record.answers.len(),
        hidden: diff
            .hidden
            .iter()
            .map(|h| (h.item.clone(), h.shown_answer(), h.why.clone()))
            .collect(),
        removed: diff.removed,
        asked_again,
        replaced: diff.replaced,
    });
    if !migrate_asked && !painless {
        // The framework the draft was begun with, as the record names it.
        let begun = &record.framework.source;
        let origin = if *begun == FrameworkSource::BuiltIn {
            Origin::BuiltIn
        } else {
            Origin::File(begun.as_str().to_owned())
        };
        return next(
            Next::Refused(
                ResumeRefusal::OtherFramework {
                    change,
                    framework: framework.map(Path::to_owned),
                    // The same name, different contents: that framework has changed
                    // since.
                    begun: if *begun == source {
                        Begun::Changed(origin)
                    } else {
                        Begun::Other(origin)
                    },
                }
                .into(),
            ),
            None,
        );
    }
    // One moment for the move: its history entry and the draft's last change agree.
    let now = value::now();
    let preset = migrate(list, &mut record, &loaded.digest, &source, &now);
    let problems = list.check_draft(&record);
    if !problems.is_empty() {
        return next(refuse(problems), None);
    }
    record.case.updated = now;
    if painless && !migrate_asked {
        // Nothing to ask again: it goes on where it stopped, the move said and noted
        // in its history (saved with the next answer, or at sign-off).
        let moved = format!(
            "The built-in framework has moved on from version {} to version {} since this draft was begun; every answer carries over unchanged, and the move is noted in its history.",
            neutralise(&change.was.version),
            neutralise(&change.now.version)
        );
        let said = match said(list, preset) {
            Some(preset) => format!("{moved}\n{preset}"),
            None => moved,
        };
        return next(Next::Continue(record), Some(said));
    }
    next(
        Next::Migrated {
            record,
            report: change,
        },
        said(list, preset),
    )
}

/// Which fields hold text typed in an earlier sitting and never confirmed, in asking
/// order, for the greeting; `None` when none do.
/// What a draft left with unconfirmed text says of it on leaving, after "Draft saved":
/// that the text is kept and offered again; empty when there is none.
pub fn kept_unconfirmed(record: &Record) -> String {
    match record.unconfirmed.len() {
        0 => String::new(),
        1 => "\nWhat you typed and did not confirm is kept, unconfirmed, and offered again when you continue.".to_owned(),
        n => format!(
            "\nWhat you typed and did not confirm in {n} fields is kept, unconfirmed, and offered again when you continue."
        ),
    }
}

fn left_unconfirmed(list: &Checklist, record: &Record) -> Option<String> {
    let mut left: Vec<_> = record.unconfirmed.iter().collect();
    if left.is_empty() {
        return None;
    }
    left.sort_by_key(|u| list.index_of(&u.item).unwrap_or(usize::MAX));
    // Named as the item screens and the review name them: the part, the number, the
    // question; an item this case no longer asks is said to be so.
    let numbers = list.numbers(record);
    let fields: Vec<String> = left
        .iter()
        .map(|u| {
            let field = neutralise(u.field.as_str());
            let shown = list.index_of(&u.item).and_then(|i| Some((i, numbers[i]?)));
            match shown {
                Some((i, n)) => {
                    let step = &list.steps[i];
                    let section = &list.sections[step.section];
                    let part = match section.principle {
                        Some(p) => format!("Principle {p}"),
                        None => section.title.to_owned(),
                    };
                    format!(
                        "{} · {n}, \u{201c}{}\u{201d} (in its {field})",
                        neutralise(&part),
                        neutralise(&crate::tui::cut(&step.item.prompt.value, 50))
                    )
                }
                None => format!(
                    "`{}` (in its {field}; not asked in this case as it stands, so not offered)",
                    neutralise(&u.item)
                ),
            }
        })
        .collect();
    Some(format!(
        "Unconfirmed text from your last sitting, not saved as an answer or note: {}. \
         Each is offered again when its item comes: Enter confirms it, Ctrl-U clears the line, and where an \
         answer or note was saved before, Ctrl-R puts the saved one back.",
        fields.join(", ")
    ))
}

/// What was done about the answer the framework gives itself, for the person resuming;
/// `None` when nothing was.
fn said(list: &Checklist, done: Option<PresetApplied>) -> Option<String> {
    let (_, preset) = list.preset()?;
    let done = done?;
    let id = &preset.item.id.value;
    let label = neutralise(&preset.label);
    Some(match done {
        PresetApplied::Given => format!(
            "The framework's `{}` answers `{}`: it is set to {label} and is not asked (noted in the draft's history).",
            preset.source(),
            neutralise(id)
        ),
        PresetApplied::Replaced(old) => format!(
            "The framework's `{}` answers `{}` for every case: the draft's answer {} is replaced with {label} (noted in the draft's history).",
            preset.source(),
            neutralise(id),
            neutralise(&old)
        ),
    })
}
