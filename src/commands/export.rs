//! `fairness export RECORD... --format markdown|html|json|csv`: records for people and
//! for other tools. Every record is read and verified first; nothing is written unless
//! every one could be read.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::atomic_file::{self, NewFile};
use crate::cli::{Audience, ExportArgs, ExportFormat};
use crate::error::{Error, Status};
use crate::export::{csv, document, html, json, markdown};
use crate::framework::{self, Framework};
use crate::record::{FrameworkSource, Integrity, Record};
use crate::terminal::{label_stderr, neutralise, one_line, quiet};

use super::verify::{Checked, Outcome, check};

pub fn run(args: &ExportArgs, out: &mut dyn Write) -> Result<Status, Error> {
    let practitioner = args.audience == Audience::Practitioner;
    if practitioner && matches!(args.format, ExportFormat::Json | ExportFormat::Csv) {
        return Err(Error::Usage(
            "`--audience practitioner` is for `--format markdown` or `--format html`; JSON and CSV always carry the whole record, notes included"
                .into(),
        ));
    }
    if args.framework.is_some() && !practitioner {
        return Err(Error::Usage(
            "`--framework` is used only with `--audience practitioner`, for its support list; the whole record needs no framework"
                .into(),
        ));
    }
    let target = args.output.as_deref().filter(|p| *p != Path::new("-"));
    // Written as the export goes (a CSV of thousands of records need not be held in
    // memory), and named only once every record has been read.
    let mut file = match target {
        Some(path) => Some(NewFile::create(path, atomic_file::PRIVATE)?),
        None => None,
    };
    // Ctrl-C, a closed terminal or a `kill` stops the export between two records, so
    // that the half-written temporary file is removed rather than left behind.
    let stop = Arc::new(AtomicBool::new(false));
    crate::tui::catch_signals(&stop).map_err(Error::Output)?;
    let stopped = || {
        eprintln!("export stopped: nothing was written");
        Ok(Status::Interrupted)
    };
    let given = match (&args.framework, practitioner) {
        (Some(path), true) => Some(framework::load(Some(path))?),
        _ => None,
    };
    let mut frameworks = Frameworks {
        given: given.as_ref().map(|l| (&l.framework, l.digest.as_str())),
        loaded: HashMap::new(),
    };

    let mut text = String::new();
    let mut parts = Vec::new();
    let mut kept = Vec::new();
    let mut altered = Vec::new();
    let mut drafts = 0;
    if args.format == ExportFormat::Csv {
        csv::header(&mut text);
    }
    for path in &args.records {
        if stop.load(Ordering::Relaxed) {
            return stopped();
        }
        let checked = check(path);
        let verified = match checked.outcome {
            Outcome::Read(ref v) => v,
            Outcome::Io(io) => {
                return Err(Error::Read {
                    path: path.clone(),
                    io,
                });
            }
            Outcome::Unreadable(_) => {
                return Err(Error::InvalidRecord {
                    report: format!("{}\nNothing was exported.", checked.report().trim_end()),
                });
            }
        };
        let (record, integrity) = (&verified.record, &verified.integrity);
        match integrity {
            Integrity::Altered(_) => altered.push(checked.path.clone()),
            Integrity::Draft => drafts += 1,
            Integrity::Intact => {}
        }
        match args.format {
            ExportFormat::Csv => {
                csv::rows(&mut text, &checked.path, record, integrity);
                if let Some(file) = &mut file {
                    file.write(text.as_bytes())?;
                    text.clear();
                }
            }
            ExportFormat::Json => {}
            ExportFormat::Markdown | ExportFormat::Html if practitioner => {
                let fw = frameworks.for_record(&checked, record)?;
                parts.push(document::practitioner(record, integrity, fw));
            }
            ExportFormat::Markdown | ExportFormat::Html => {
                parts.push(document::full(record, integrity));
            }
        }
        if args.format == ExportFormat::Json {
            kept.push(checked);
        }
    }
    match args.format {
        ExportFormat::Csv => {}
        ExportFormat::Json => {
            let records = kept
                .iter()
                .filter_map(|c| match &c.outcome {
                    Outcome::Read(v) => Some(json::record(&c.path, &v.record, &v.integrity)),
                    _ => None,
                })
                .collect();
            text = json::document(records);
        }
        ExportFormat::Markdown => text = markdown::render(&parts),
        ExportFormat::Html => {
            let title = match parts.as_slice() {
                [one] => one.title.clone(),
                many => format!("{} case records", many.len()),
            };
            // A watermark covers every page, so only a page of drafts alone gets one;
            // each draft among signed records carries its own notice.
            text = html::render(&parts, &title, drafts == parts.len());
        }
    }

    if stop.load(Ordering::Relaxed) {
        return stopped();
    }
    match (file, target) {
        (Some(mut file), Some(path)) => {
            file.write(text.as_bytes())?;
            file.finish()?;
            let n = args.records.len();
            if !quiet() {
                writeln!(
                    out,
                    "Exported {n} record{} to {}",
                    if n == 1 { "" } else { "s" },
                    one_line(&path.display().to_string())
                )
                .map_err(Error::Output)?;
            }
        }
        _ => out.write_all(text.as_bytes()).map_err(Error::Output)?,
    }
    if drafts > 0 && !quiet() {
        eprintln!(
            "{} {drafts} of the records {} draft{}, not signed off; the export says so",
            label_stderr("note:"),
            if drafts == 1 { "is a" } else { "are" },
            if drafts == 1 { "" } else { "s" },
        );
    }
    if altered.is_empty() {
        return Ok(Status::Success);
    }
    for path in &altered {
        eprintln!(
            "{} `{}` has been ALTERED since fairness wrote it; it was exported with a warning in the output. Run `fairness verify` on it for the details.",
            label_stderr("warning:"),
            one_line(path)
        );
    }
    Ok(Status::Invalid)
}

/// The frameworks the practitioner's view takes its Principle summaries and support
/// from: the one given with `--framework`, or the one each record names.
struct Frameworks<'g> {
    given: Option<(&'g Framework, &'g str)>,
    loaded: HashMap<String, Framework>,
}

impl Frameworks<'_> {
    fn for_record(&mut self, checked: &Checked, record: &Record) -> Result<&Framework, Error> {
        let wanted = &record.framework;
        if let Some((fw, digest)) = self.given {
            if digest != wanted.digest && !quiet() {
                eprintln!(
                    "{} `{}` was made with a different version of the framework than the one given; the support listed is the given framework's",
                    label_stderr("note:"),
                    one_line(&checked.path)
                );
            }
            return Ok(fw);
        }
        let key = format!("{}\n{}", wanted.source, wanted.digest);
        if !self.loaded.contains_key(&key) {
            let fw = if wanted.source == FrameworkSource::BuiltIn {
                let loaded = framework::load(None)?;
                if loaded.digest != wanted.digest && !quiet() {
                    eprintln!(
                        "{} the built-in framework has changed since `{}` was made; the support listed is today's",
                        label_stderr("note:"),
                        one_line(&checked.path)
                    );
                }
                loaded.framework
            } else {
                let path = Path::new(wanted.source.as_str());
                match framework::load(Some(path)) {
                    Ok(loaded) if loaded.digest == wanted.digest => loaded.framework,
                    found => {
                        let why = match found {
                            Ok(_) => "that file has changed since",
                            Err(_) => "that file cannot be read from here",
                        };
                        return Err(Error::Usage(format!(
                            "`{}` was made with the framework `{}` (version {}) from `{}`, and {why}. \
                             The practitioner's view lists that framework's support: give it with `--framework FILE`.",
                            one_line(&checked.path),
                            neutralise(&wanted.name),
                            neutralise(&wanted.version),
                            neutralise(wanted.source.as_str()),
                        )));
                    }
                }
            };
            self.loaded.insert(key.clone(), fw);
        }
        Ok(&self.loaded[&key])
    }
}
