//! The `validate` report on a set of framework files: what was found in each, as text
//! for a person or as JSON for a program.

use std::io::Write;
use std::path::Path;

use serde_json::json;

use crate::diagnostic::{self, Diagnostic, LineIndex};
use crate::error::{Status, describe};
use crate::source::{self, ReadFailure};
use crate::terminal::Console;

use super::{Framework, check};

/// What was found in one file.
pub struct FileReport {
    path: String,
    source: Option<String>,
    diagnostics: Vec<Diagnostic>,
    /// Set when the file is a readable, valid framework.
    framework: Option<Framework>,
    digest: Option<String>,
    readable: bool,
}

impl FileReport {
    fn errors(&self) -> usize {
        diagnostic::error_count(&self.diagnostics)
    }

    fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// What the file makes of the exit code.
    pub fn status(&self) -> Status {
        if !self.readable {
            Status::Unreadable
        } else if self.errors() > 0 {
            Status::Invalid
        } else {
            Status::Success
        }
    }
}

/// The exit code for a set of files: that of the worst.
pub fn worst(reports: &[FileReport]) -> Status {
    reports
        .iter()
        .map(FileReport::status)
        .max()
        .unwrap_or(Status::Success)
}

/// Reads and checks one framework file.
pub fn check_file(path: &Path) -> FileReport {
    let name = path.display().to_string();
    let unreadable = |diagnostic, readable| FileReport {
        path: name.clone(),
        source: None,
        diagnostics: vec![diagnostic],
        framework: None,
        digest: None,
        readable,
    };
    let text = match source::read_edited(path) {
        Ok(text) => text,
        Err(ReadFailure::Io(io)) => {
            return unreadable(
                Diagnostic::error(format!("cannot read the file: {}", describe(&io)), None),
                false,
            );
        }
        Err(ReadFailure::Invalid(d)) => return unreadable(d, true),
    };
    let checked = check(&text);
    let valid = checked.is_valid();
    FileReport {
        path: name,
        diagnostics: checked.diagnostics,
        framework: checked.framework.filter(|_| valid),
        digest: Some(checked.digest),
        source: Some(text),
        readable: true,
    }
}

/// The reports as `validate` prints them: every problem rustc-style, a line per file
/// and, for more than one file, a count.
pub fn write_text(
    reports: &[FileReport],
    console: &Console,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let quiet = console.quiet();
    for report in reports {
        let lines = report.source.as_deref().map(LineIndex::new);
        for d in report.diagnostics.iter().filter(|d| !quiet || d.is_error()) {
            let rendered = diagnostic::render(d, &report.path, lines.as_ref());
            if report.readable {
                writeln!(out, "{}", console.labelled(&rendered, false))?;
            } else {
                // Not a finding about a framework but a problem with the command: on
                // standard error, after what has been reported so far.
                out.flush()?;
                console.diagnostics(&[rendered], "\n");
            }
        }
        if !quiet {
            writeln!(out, "{}", summary(report, console))?;
        }
    }
    if reports.len() > 1 && !quiet {
        let valid = reports
            .iter()
            .filter(|r| r.status() == Status::Success)
            .count();
        writeln!(
            out,
            "\n{} files checked: {valid} valid, {} not",
            reports.len(),
            reports.len() - valid
        )?;
    }
    Ok(())
}

/// The closing line for one file.
fn summary(report: &FileReport, console: &Console) -> String {
    let path = crate::terminal::neutralise(&report.path);
    let (errors, warnings) = (report.errors(), report.warnings());
    let warned = match warnings {
        0 => String::new(),
        1 => ", 1 warning".to_owned(),
        n => format!(", {n} warnings"),
    };
    match (&report.framework, report.readable) {
        (_, false) => format!("{path}: {}", console.bad("could not be read")),
        (Some(f), _) => format!(
            "{path}: {}{warned} ({} principles, {} items)",
            console.good("valid"),
            f.principles.len(),
            f.items().count()
        ),
        (None, _) => format!(
            "{path}: {}{warned}",
            console.bad(&format!(
                "{errors} error{}",
                if errors == 1 { "" } else { "s" }
            ))
        ),
    }
}

/// The reports as one JSON document, `validate --format json`.
pub fn write_json(reports: &[FileReport], out: &mut dyn Write) -> std::io::Result<()> {
    let files: Vec<_> = reports
        .iter()
        .map(|r| {
            let lines = r.source.as_deref().map(LineIndex::new);
            let diagnostics: Vec<_> = r
                .diagnostics
                .iter()
                .map(|d| {
                    let mut v = serde_json::to_value(d).unwrap_or_default();
                    let line = d
                        .location
                        .and_then(|l| Some(lines.as_ref()?.line(l.line)?.0));
                    if let (Some(line), Some(map)) = (line, v.as_object_mut()) {
                        map.insert("snippet".into(), json!(line));
                    }
                    v
                })
                .collect();
            json!({
                "path": r.path,
                "valid": r.status() == Status::Success,
                "readable": r.readable,
                "errors": r.errors(),
                "warnings": r.warnings(),
                "digest": r.digest,
                "diagnostics": diagnostics,
            })
        })
        .collect();
    let document = json!({ "files": files });
    let text = serde_json::to_string_pretty(&document).map_err(std::io::Error::other)?;
    // Paths, messages and snippets come from the files: their DEL, C1 controls and
    // bidirectional overrides are escaped, as in the JSON export.
    writeln!(out, "{}", crate::terminal::escape_json(text))
}
