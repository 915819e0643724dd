//! `fairness run`: the checklist for one case, in a terminal or from an answers file.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use console::Style;

use crate::answers::{self, FilePrompter};
use crate::atomic_file::{self, PRIVATE};
use crate::checklist::{self, Checklist, Memory, Outcome, Session, Start, Store};
use crate::cli::RunArgs;
use crate::diagnostic::{self, LineIndex};
use crate::error::{Error, Status};
use crate::framework::{self, Loaded};
use crate::lock::Lock;
use crate::record::{self, FrameworkSource, Record};
use crate::source;
use crate::terminal::{neutralise, one_line};
use crate::tui::{self, Line, Terminal};
use crate::value;

pub fn run(args: &RunArgs, out: &mut impl Write) -> Result<Status, Error> {
    let loaded = framework::load(args.framework.as_deref())?;
    if let Some(answers) = &args.answers {
        return from_answers(args, answers, &loaded, out);
    }
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(Error::Usage(
            "`fairness run` asks its questions in a terminal, and this is not one \
             (standard input or standard error is redirected).\n\
             To fill in a checklist from a file instead, use `fairness run --answers FILE`; \
             the README shows the answers file's format."
                .to_owned(),
        ));
    }
    let stop = Arc::new(AtomicBool::new(false));
    tui::catch_signals(&stop).map_err(Error::Output)?;
    let terminal = Terminal::new(stop);
    let list = Checklist::new(&loaded.framework);
    let source = source_name(args.framework.as_deref());

    let (path, lock, record, start) = match &args.resume {
        Some(path) => {
            // Said of the record, not of its lock file, when it is not there.
            one_name(path)?;
            let lock = Lock::acquire(path)?;
            // Again with the lock held: a name added meanwhile would have its own lock.
            one_name(path)?;
            let (record, _) = record::from_yaml(path)?;
            let record = prepare_resume(args, path, record, &list, &loaded, &source, &terminal)?;
            (path.clone(), lock, record, Start::Resume)
        }
        None => {
            if let Some(out) = &args.out {
                check_out(out)?;
            }
            welcome(&terminal, &loaded);
            let reference = ask_reference(&terminal, args.out.as_deref());
            let Some(reference) = reference else {
                // Whatever was typed after the prompt was meant for fairness, not the shell.
                tui::discard_typeahead();
                terminal.say("Left before a case reference was given: nothing was saved.");
                return Ok(Status::Interrupted);
            };
            let path = args
                .out
                .clone()
                .unwrap_or_else(|| PathBuf::from(format!("{reference}.yaml")));
            let lock = Lock::acquire(&path)?;
            let record = list.new_record(&reference, &loaded.digest, &source, &value::now());
            atomic_file::create_new(&path, record::to_yaml(&record).as_bytes(), PRIVATE)?;
            terminal.say_wrapped(&format!(
                "Draft created: {} (saved after every answer).",
                one_line(&path.display().to_string())
            ));
            (path, lock, record, Start::Beginning)
        }
    };

    let resume = resume_command(&path, args.framework.as_deref());
    let store = DraftFile {
        path: path.clone(),
        resume: resume.clone(),
    };
    let mut session = Session::new(&list, record, terminal, store, value::now);
    let outcome = session.run(start);
    // Whatever the person typed after the last prompt (the rest of a paste, say) was
    // meant for fairness: on every way out, it must not reach the shell.
    tui::discard_typeahead();
    let outcome = outcome?;
    drop(lock);
    let record = &session.record;
    let shown = one_line(&path.display().to_string()).into_owned();
    match outcome {
        Outcome::Signed => {
            let sign = record
                .sign_off
                .as_ref()
                .map(|s| (&s.name, &s.role, &s.signed));
            writeln!(out, "Signed and sealed: {shown}").map_err(Error::Output)?;
            if let Some((name, role, at)) = sign {
                writeln!(
                    out,
                    "  case {} · signed by {} ({}) at {at}",
                    neutralise(&record.case.reference),
                    neutralise(name),
                    neutralise(role)
                )
                .map_err(Error::Output)?;
            }
            writeln!(out, "  seal {}", record.seal.as_deref().unwrap_or_default())
                .map_err(Error::Output)?;
            writeln!(
                out,
                "A signed record is never changed: it cannot be resumed or overwritten."
            )
            .map_err(Error::Output)?;
            Ok(Status::Success)
        }
        Outcome::Saved | Outcome::Interrupted => {
            let shown_items = list.visible(record).iter().filter(|v| **v).count();
            // After a hang-up the terminal is gone and this cannot be shown; the draft
            // is saved all the same, and the exit code says so.
            let _ = writeln!(
                out,
                "Draft saved: {shown} ({} of {shown_items} items answered).\nContinue with:\n    {resume}",
                record.answers.len()
            );
            Ok(if outcome == Outcome::Saved {
                Status::Success
            } else {
                Status::Interrupted
            })
        }
    }
}

/// Checks the draft to resume is there and has one name: the lock is taken beside the
/// name given, and each save replaces the name given, so through a symbolic link or a
/// second hard link, two sessions could work on one draft (and a save would replace
/// the link).
fn one_name(path: &Path) -> Result<(), Error> {
    match std::fs::symlink_metadata(path) {
        Err(io) => Err(Error::Read {
            path: path.to_owned(),
            io,
        }),
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = std::fs::read_link(path)
                .map(|t| format!(" to `{}`", neutralise(&t.display().to_string())))
                .unwrap_or_default();
            Err(Error::Usage(format!(
                "`{}` is a symbolic link{target}. Resume the draft by the file's own name, \
                 so that only one session at a time can work on it.",
                one_line(&path.display().to_string())
            )))
        }
        Ok(meta) if std::os::unix::fs::MetadataExt::nlink(&meta) > 1 => Err(Error::Usage(format!(
            "`{}` has {} names (hard links), so two sessions could open it by \
                 different names at once. Remove the other names, or copy the draft, \
                 and resume it by one name.",
            one_line(&path.display().to_string()),
            std::os::unix::fs::MetadataExt::nlink(&meta)
        ))),
        Ok(_) => Ok(()),
    }
}

/// Refuses, before anything is asked, an `--out` that names an existing file or a
/// folder that is not there.
fn check_out(out: &Path) -> Result<(), Error> {
    if out.exists() || out.is_symlink() {
        return Err(Error::Exists {
            path: out.to_owned(),
        });
    }
    let folder = atomic_file::folder(out);
    if !folder.is_dir() {
        return Err(Error::Write {
            path: out.to_owned(),
            io: std::io::Error::from(std::io::ErrorKind::NotFound),
        });
    }
    Ok(())
}

/// What the record calls its framework's source.
fn source_name(framework: Option<&Path>) -> FrameworkSource {
    match framework {
        None => FrameworkSource::BuiltIn,
        Some(path) => FrameworkSource::read(path.display().to_string()),
    }
}

fn welcome(terminal: &Terminal, loaded: &Loaded) {
    let fw = &loaded.framework;
    terminal.say(
        &Style::new()
            .bold()
            .apply_to(format!(
                "{} · version {}",
                neutralise(&fw.name),
                neutralise(&fw.version)
            ))
            .to_string(),
    );
    let mut from = format!("Framework: {}", neutralise(&loaded.origin));
    if let Some(org) = &fw.organisation {
        from.push_str(&format!(", adapted by {}", neutralise(org)));
    }
    terminal.say_wrapped(&from);
    if !loaded.warnings.is_empty() {
        terminal.say(&loaded.warnings);
    }
    terminal.say_wrapped(
        "Every answer is saved as you go. Esc or Ctrl-C saves and leaves; \
         `fairness run --resume` continues later.",
    );
    terminal.say("");
}

fn ask_reference(terminal: &Terminal, out: Option<&Path>) -> Option<String> {
    let check = |text: &str| {
        let text = text.trim();
        value::check_reference(text)?;
        if out.is_none() {
            let path = PathBuf::from(format!("{text}.yaml"));
            if path.exists() {
                return Err(format!(
                    "`{text}.yaml` already exists here, and fairness never overwrites a record. \
                     To continue that draft, press Esc and run `fairness run --resume {text}.yaml`"
                ));
            }
        }
        Ok(())
    };
    match terminal.line(
        "Case reference (for example CASE-2026-014)",
        "",
        false,
        "Enter confirm · Esc leave (nothing is saved yet)",
        &check,
    ) {
        Line::Text(t) => Some(t.trim().to_owned()),
        Line::Back | Line::Leave(_) => None,
    }
}

/// Checks a draft can be resumed with this framework, migrating it if asked.
fn prepare_resume(
    args: &RunArgs,
    path: &Path,
    mut record: Record,
    list: &Checklist,
    loaded: &Loaded,
    source: &FrameworkSource,
    terminal: &Terminal,
) -> Result<Record, Error> {
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
    terminal.say_wrapped(&format!(
        "Resuming case {} ({answers} answer{} so far, begun {}).",
        neutralise(&record.case.reference),
        if answers == 1 { "" } else { "s" },
        neutralise(&record.case.started)
    ));
    let refuse = |problems: Vec<String>| {
        let mut report = format!(
            "`{shown}` cannot be resumed: it is not a draft this framework could have written.\n"
        );
        for p in problems {
            report.push_str(&format!("  - {p}\n"));
        }
        report.push_str("It may have been edited by hand. Keep it for the case file; start a new record for this case.");
        Error::CannotResume { report }
    };
    if record.framework.digest == loaded.digest {
        let problems = list.check_draft(&record);
        if !problems.is_empty() {
            return Err(refuse(problems));
        }
        return Ok(record);
    }
    let diff = checklist::differences(list, &record);
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
    if !args.migrate {
        let framework = args
            .framework
            .as_ref()
            .map(|f| format!(" --framework {}", shell_word(f.as_os_str())))
            .unwrap_or_default();
        let resume = shell_word(path.as_os_str());
        report.push_str(&format!(
            "\nTo move the draft to this framework, run:\n    fairness run --resume {resume}{framework} --migrate\n"
        ));
        // The framework the draft was begun with, as the record names it.
        let begun = &record.framework.source;
        if begun == source {
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
        return Err(Error::Usage(report));
    }
    checklist::migrate(list, &mut record, &loaded.digest, source, &value::now());
    let problems = list.check_draft(&record);
    if !problems.is_empty() {
        return Err(refuse(problems));
    }
    record.case.updated = value::now();
    DraftFile {
        path: path.to_owned(),
        resume: resume_command(path, args.framework.as_deref()),
    }
    .save(&record)?;
    terminal.say(&report);
    terminal.say("The draft now uses this framework; the move is noted in its history.");
    Ok(record)
}

/// Saves a draft over itself, atomically.
struct DraftFile {
    path: PathBuf,
    resume: String,
}

impl Store for DraftFile {
    fn save(&mut self, record: &Record) -> Result<(), Error> {
        let text = record::to_yaml(record);
        let not_saved = |io| Error::DraftNotSaved {
            path: self.path.clone(),
            io,
            resume: self.resume.clone(),
        };
        if let Err(why) = fits(&text) {
            return Err(not_saved(std::io::Error::other(why)));
        }
        atomic_file::replace(&self.path, text.as_bytes(), PRIVATE).map_err(not_saved)
    }
}

/// A record must stay small enough to be read back: refuse to write one that is not.
fn fits(text: &str) -> Result<(), String> {
    if text.len() as u64 > source::MAX_FILE_BYTES {
        return Err(format!(
            "the record would be larger than {} MiB, the most fairness reads back; shorten the longest answers or notes",
            source::MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    Ok(())
}

/// The command that continues the draft at `path`.
fn resume_command(path: &Path, framework: Option<&Path>) -> String {
    let mut command = format!("fairness run --resume {}", shell_word(path.as_os_str()));
    if let Some(f) = framework {
        command.push_str(&format!(" --framework {}", shell_word(f.as_os_str())));
    }
    command
}

/// `word` as a shell would need it typed: as it is when nothing in it is special to a
/// shell, else in single quotes; and, when it holds a character that could act on a
/// terminal or is not UTF-8, in `$'…'` quotes (bash, zsh and ksh) with every byte
/// outside printable ASCII written as `\xHH`. The command then names the real file,
/// in any locale, without printing that character.
fn shell_word(word: &std::ffi::OsStr) -> String {
    use std::os::unix::ffi::OsStrExt;
    let bytes = word.as_bytes();
    let plain = !bytes.is_empty()
        && bytes.iter().all(|&b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/' | b'+' | b':' | b'@')
        });
    if plain {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    if let Some(text) = word.to_str()
        && !text
            .chars()
            .any(|c| crate::terminal::is_unsafe(c) || matches!(c, '\n' | '\t'))
    {
        return format!("'{}'", text.replace('\'', r"'\''"));
    }
    let mut quoted = String::from("$'");
    for &b in bytes {
        match b {
            b'\'' => quoted.push_str(r"\'"),
            b'\\' => quoted.push_str(r"\\"),
            b'\n' => quoted.push_str(r"\n"),
            b'\t' => quoted.push_str(r"\t"),
            0x20..=0x7e => quoted.push(char::from(b)),
            _ => quoted.push_str(&format!("\\x{b:02x}")),
        }
    }
    quoted.push('\'');
    quoted
}

/// `fairness run --answers FILE`: the same session, answered from a file, written once.
fn from_answers(
    args: &RunArgs,
    path: &Path,
    loaded: &Loaded,
    out: &mut impl Write,
) -> Result<Status, Error> {
    let shown = path.display().to_string();
    let text = source::read_for(path, |report| Error::InvalidAnswers { report })?;
    let lines = LineIndex::new(&text);
    let refuse = |mut problems: Vec<diagnostic::Diagnostic>| {
        diagnostic::sort(&mut problems);
        let n = problems.len();
        let mut report = diagnostic::render_all(&problems, &shown, Some(&lines));
        report.push_str(&format!(
            "{n} {} found; nothing is signed or written until every one is fixed.",
            if n == 1 { "problem" } else { "problems" }
        ));
        Error::InvalidAnswers { report }
    };
    let (file, mut problems) = answers::parse_file(&text);
    let Some(file) = file else {
        return Err(refuse(problems));
    };
    let list = Checklist::new(&loaded.framework);
    let record_path = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}.yaml", file.reference.value)));
    let now = value::now();
    let record = list.new_record(
        &file.reference.value,
        &loaded.digest,
        &source_name(args.framework.as_deref()),
        &now,
    );
    let mut session = Session::new(&list, record, FilePrompter::new(&file), Memory, value::now);
    let outcome = session.run(Start::Beginning)?;
    let record = session.record;
    let mut prompter = session.prompter;
    prompter.unasked(&list, &record);
    problems.append(&mut prompter.problems);
    if !problems.is_empty() {
        return Err(refuse(problems));
    }
    if record_path.exists() {
        return Err(Error::Exists { path: record_path });
    }
    let text = record::to_yaml(&record);
    fits(&text).map_err(Error::Usage)?;
    atomic_file::create_new(&record_path, text.as_bytes(), PRIVATE)?;
    let shown_path = one_line(&record_path.display().to_string()).into_owned();
    if crate::terminal::quiet() {
        // The record is written; the exit code says which kind.
    } else if outcome == Outcome::Signed {
        writeln!(out, "Signed and sealed: {shown_path}").map_err(Error::Output)?;
        writeln!(out, "  seal {}", record.seal.as_deref().unwrap_or_default())
            .map_err(Error::Output)?;
    } else {
        let missing = list.missing(&record);
        writeln!(
            out,
            "Draft written: {shown_path} ({} answers).",
            record.answers.len()
        )
        .map_err(Error::Output)?;
        if !missing.is_empty() {
            let names: Vec<String> = missing.iter().map(|m| format!("`{}`", m.item)).collect();
            writeln!(
                out,
                "Still needed before sign-off ({}): {}",
                missing.len(),
                names.join(", ")
            )
            .map_err(Error::Output)?;
        }
        writeln!(
            out,
            "Continue in a terminal with:\n    {}",
            resume_command(&record_path, args.framework.as_deref())
        )
        .map_err(Error::Output)?;
    }
    Ok(Status::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What bash, in `locale`, makes of `word` typed as a command's argument.
    fn through_bash(word: &str, locale: &str) -> Vec<u8> {
        let output = std::process::Command::new("bash")
            .args(["-c", &format!("printf %s {word}")])
            .env("LC_ALL", locale)
            .output()
            .expect("bash runs");
        output.stdout
    }

    #[test]
    fn a_shell_word_names_the_same_file_and_prints_nothing_unsafe() {
        use std::os::unix::ffi::OsStrExt;
        let names: Vec<&[u8]> = vec![
            b"CASE-2026-101.yaml",
            b"records/with space.yaml",
            b"it's.yaml",
            "d\u{1b}]8;;https://example.invalid\u{7}LINK\u{1b}]8;;\u{7}\u{1b}[2J.yaml".as_bytes(),
            "c1\u{9b}2J and \u{202e}bidi\u{2066}, caf\u{e9}.yaml".as_bytes(),
            b"two\nlines\tand a 'quote' and a \\.yaml",
            b"\x1ba\x1b1.yaml",
            b"not UTF-8 \xff\xfe.yaml",
        ];
        for name in names {
            let word = shell_word(std::ffi::OsStr::from_bytes(name));
            assert!(
                !word
                    .chars()
                    .any(|c| crate::terminal::is_unsafe(c) || c == '\n' || c == '\u{fffd}'),
                "{word:?}"
            );
            // The C locale too: there `$'\u…'` escapes would not be read.
            for locale in ["C", "C.UTF-8"] {
                assert_eq!(through_bash(&word, locale), name, "{word} in {locale}");
            }
        }
        assert_eq!(shell_word("plain/name.yaml".as_ref()), "plain/name.yaml");
        assert_eq!(shell_word("it's here".as_ref()), r"'it'\''s here'");
        assert_eq!(shell_word("caf\u{e9}.yaml".as_ref()), "'caf\u{e9}.yaml'");
    }
}
