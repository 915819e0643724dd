//! Resuming a draft: whether it may be resumed with the framework in use now, and what
//! is done to it first. [`plan`] decides; the command says and does what it decided.

use std::path::Path;

use crate::error::Error;
use crate::framework::Loaded;
use crate::record::draft::source_name;
use crate::record::{self, FrameworkSource, Record};
use crate::shell::shell_word;
use crate::terminal::neutralise;
use crate::value;

use super::{Checklist, differences, migrate};

/// What resuming a draft found, once it is a draft that may be resumed at all.
pub struct Resume {
    /// "Resuming case …": said first, whatever comes next.
    pub greeting: String,
    /// What happens to the draft next.
    pub next: Next,
}

/// What happens to a draft being resumed.
pub enum Next {
    /// Begun with the framework in use, and whole: carry on where it stopped.
    Continue(Record),
    /// Begun with another framework and moved to this one (`--migrate`), the move noted
    /// in its history: save it, say `report` (what changed), then carry on.
    Migrated { record: Record, report: String },
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
    let shown = crate::error::shown(path);
    if record.status == record::Status::Signed
        && (record.seal.is_none() || record.sign_off.is_none())
    {
        return Err(Error::CannotResume {
            report: format!(
                "`{shown}` says it is signed but has no {}: it has been altered, and cannot be resumed or trusted. \
                 Keep it for the case file; start a new record for this case.",
                if record.seal.is_none() {
                    "seal"
                } else {
                    "sign-off"
                }
            ),
        });
    }
    if record.status == record::Status::Signed {
        let by = record
            .sign_off
            .as_ref()
            .map(|s| format!(" by {} on {}", neutralise(&s.name), neutralise(&s.signed)))
            .unwrap_or_default();
        return Err(Error::Usage(format!(
            "`{shown}` was signed{by} and is sealed: a signed record is never resumed or changed. \
             For a further decision on the same case, start a new record with `fairness run`."
        )));
    }
    let answers = record.answers.len();
    let greeting = format!(
        "Resuming case {} ({answers} answer{} so far, begun {}).",
        neutralise(&record.case.reference),
        if answers == 1 { "" } else { "s" },
        neutralise(&record.case.started)
    );
    let next = |next| Ok(Resume { greeting, next });
    let refuse = |problems: Vec<String>| {
        let mut report = format!(
            "`{shown}` cannot be resumed: it is not a draft this framework could have written.\n"
        );
        for p in problems {
            report.push_str(&format!("  - {p}\n"));
        }
        report.push_str("It may have been edited by hand. Keep it for the case file; start a new record for this case.");
        Next::Refused(Error::CannotResume { report })
    };
    if record.framework.digest == loaded.digest {
        let problems = list.check_draft(&record);
        if !problems.is_empty() {
            return next(refuse(problems));
        }
        return next(Next::Continue(record));
    }
    let source = source_name(framework);
    let diff = differences(list, &record);
    let dropped = diff.dropped();
    let mut report = format!(
        "`{shown}` was begun with framework \"{}\" version {} ({}, {}).\n\
         The framework in use now is \"{}\" version {} ({}, {}), which is different.\n",
        neutralise(&record.framework.name),
        neutralise(&record.framework.version),
        neutralise(record.framework.source.as_str()),
        neutralise(&record.framework.digest),
        neutralise(&loaded.framework.name),
        neutralise(&loaded.framework.version),
        neutralise(&loaded.origin),
        loaded.digest,
    );
    report.push_str(&format!(
        "{} of this draft's {} answers carry over unchanged.",
        diff.kept.len(),
        record.answers.len()
    ));
    if !diff.removed.is_empty() {
        report.push_str("\nNo longer in the framework (their answers stay in the history):\n");
        for id in &diff.removed {
            report.push_str(&format!("  - `{}`\n", neutralise(id)));
        }
    }
    let again: Vec<&(String, String)> = dropped
        .iter()
        .filter(|(id, _)| !diff.removed.contains(id))
        .collect();
    if !again.is_empty() {
        report.push_str("\nTo be asked again:\n");
        for (id, why) in again {
            report.push_str(&format!("  - `{}`: {}\n", neutralise(id), neutralise(why)));
        }
    }
    report.push_str("Items new to the framework are asked like any other unanswered item.\n");
    if !migrate_asked {
        let framework = framework
            .map(|f| format!(" --framework {}", shell_word(f.as_os_str())))
            .unwrap_or_default();
        let resume = shell_word(path.as_os_str());
        report.push_str(&format!(
            "\nTo move the draft to this framework, run:\n    fairness run --resume {resume}{framework} --migrate\n"
        ));
        // The framework the draft was begun with, as the record names it.
        let begun = &record.framework.source;
        if *begun == source {
            // The same name, different contents: that framework has changed since.
            report.push_str(&format!(
                "The draft was begun with {}, which has changed since; the version it was begun with is no longer here.",
                if *begun == FrameworkSource::BuiltIn {
                    "the built-in framework (of an earlier fairness)".to_owned()
                } else {
                    format!("`{}`", neutralise(begun.as_str()))
                }
            ));
        } else if *begun == FrameworkSource::BuiltIn {
            report.push_str(&format!(
                "To continue with the built-in framework it was begun with instead, run:\n    fairness run --resume {resume}"
            ));
        } else {
            report.push_str(&format!(
                "To continue with the framework file it was begun with instead (if you still have it unchanged), run:\n    fairness run --resume {resume} --framework {}",
                shell_word(std::ffi::OsStr::new(begun.as_str()))
            ));
        }
        return next(Next::Refused(Error::Usage(report)));
    }
    migrate(list, &mut record, &loaded.digest, &source, &value::now());
    let problems = list.check_draft(&record);
    if !problems.is_empty() {
        return next(refuse(problems));
    }
    record.case.updated = value::now();
    next(Next::Migrated { record, report })
}
