//! Case records out: Markdown and HTML for people, JSON for programs, CSV for audit.
//!
//! Every format has one shape, [`Format`]: it begins a document, takes the records one
//! at a time, and finishes the document. A format writes as it goes where it can (CSV,
//! JSON and Markdown do, so that an export of thousands of records is never held in
//! memory); HTML keeps its pages until the end, because its title and its DRAFT
//! watermark depend on every record. [`export`] is the one dispatch: it reads and
//! verifies each record, finds the framework the practitioner's view draws on, hands
//! the record to the format, and says what it found. A new format is one file and one
//! arm in [`FormatName::format`].
//!
//! Markdown and HTML are rendered from the same [`document::Part`]s, so both say the
//! same thing; the practitioner's view is a different set of parts, built from the
//! record and its framework's `practitioner_view`, roles and support.

pub(crate) mod csv;
pub(crate) mod document;
pub(crate) mod frameworks;
pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod markdown;
pub(crate) mod signed_parts;

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::atomic_file::{self, NewFile};
use crate::diagnostic::Report;
use crate::error::{Error, Status, Usage};
use crate::framework::{self, Framework};
use crate::platform::Stop;

use crate::record::found::{Checked, Outcome as Found, check_each_prepared};
use crate::record::{Integrity, Record};
use crate::terminal::one_line;
use frameworks::Frameworks;

/// What every export format does: begin, one record at a time, finish.
pub(crate) trait Format {
    /// Whether the format can carry the practitioner's view. JSON and CSV cannot: they
    /// always carry the whole record, notes included.
    fn has_practitioner_view(&self) -> bool {
        false
    }

    /// Told, before [`Format::begin`], whether any record of the export is format 2: a
    /// format whose layout is fixed up front (CSV's columns) adds what format 2 has only
    /// then, so that an export of format-1 records is exactly as it always was.
    fn versions(&mut self, _any_format_2: bool) {}

    /// Writes what comes before the first record.
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// Takes one record: written at once, or kept for [`Format::finish`].
    fn record(&mut self, out: &mut dyn Write, entry: &Entry) -> io::Result<()>;

    /// For a format whose output for a record needs nothing but the record (CSV's
    /// rows): what makes that output, run on each record as it is read, in parallel
    /// across the cores; written in order, in place of [`Format::record`]. Asked
    /// after [`Format::versions`].
    fn in_parallel(&self) -> Option<MakeOutput> {
        None
    }

    /// Writes what comes after the last record.
    fn finish(&mut self, _out: &mut dyn Write, _tally: &Tally) -> io::Result<()> {
        Ok(())
    }
}

/// What makes a record's whole output from the record alone ([`Format::in_parallel`]).
pub(crate) type MakeOutput = Box<dyn Fn(&Entry) -> String + Sync>;

/// One record, as a format is given it.
pub struct Entry<'a> {
    /// The record file, as given on the command line.
    pub file: &'a str,
    pub record: &'a Record,
    pub integrity: &'a Integrity,
    /// Who the document is for.
    pub view: View<'a>,
    /// The framework the record was made with, when it is at hand unchanged (format 2
    /// only): the history shows its options' labels rather than their ids.
    pub framework: Option<&'a Framework>,
}

/// Who a document is for.
#[derive(Clone, Copy)]
pub enum View<'a> {
    /// The whole record, for the case file, HR and audit.
    Case,
    /// What can be shared with the practitioner, worded and signposted as the framework
    /// says.
    Practitioner(&'a Framework),
}

/// What a format is told when it finishes.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Tally {
    pub records: usize,
    pub drafts: usize,
}

/// The formats, as `--format` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatName {
    /// The whole record, for a person or a case file
    Markdown,
    /// One self-contained, printable page
    Html,
    /// For other programs (shape `fairness-export/1`)
    Json,
    /// One row per answer, across every record, for audit and analysis
    Csv,
    /// For each key signature, the bytes signed and the signature, with the
    /// `ssh-keygen -Y verify` command that checks them, in the folder `-o` names
    SignedParts,
}

impl FormatName {
    /// The one place a format is chosen.
    pub(crate) fn format(self) -> Box<dyn Format> {
        match self {
            FormatName::Markdown => Box::new(markdown::Markdown::default()),
            FormatName::Html => Box::new(html::Html::default()),
            FormatName::Json => Box::new(json::Json::default()),
            FormatName::Csv => Box::new(csv::Csv::default()),
            // Files in a folder, not one document: written by `signed_parts`.
            FormatName::SignedParts => Box::new(csv::Csv::default()),
        }
    }
}

/// Who the export is for, as `--audience` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Audience {
    /// Everything in the record, for the case file, HR and audit
    Case,
    /// What can be shared with the practitioner: the process, the policy, the
    /// Principles considered and the support available
    Practitioner,
}

/// What to export, and where.
pub(crate) struct Request<'a> {
    pub records: &'a [PathBuf],
    pub format: FormatName,
    pub audience: Audience,
    /// The framework the practitioner's view draws on, instead of the one each record
    /// names.
    pub framework: Option<&'a Path>,
    /// A new file to write; standard output when `None` or `-`.
    pub output: Option<&'a Path>,
}

/// How an export ended.
pub(crate) enum Outcome {
    Done(Summary),
    /// Stopped by a signal between two records; nothing was written.
    Stopped,
}

/// What was exported.
#[derive(Debug)]
pub(crate) struct Summary {
    pub records: usize,
    pub drafts: usize,
    /// The records altered since fairness wrote them, as given.
    pub altered: Vec<String>,
    /// The file written, when the export did not go to standard output.
    pub file: Option<PathBuf>,
}

impl Summary {
    /// What is said once the export is written: the drafts, then each altered record.
    pub fn notices(&self) -> Vec<Notice> {
        let drafts = (self.drafts > 0).then_some(Notice::Drafts { count: self.drafts });
        let altered = self
            .altered
            .iter()
            .map(|file| Notice::Altered { file: file.clone() });
        drafts.into_iter().chain(altered).collect()
    }

    /// Exporting an altered record succeeds, with a warning, and exits as invalid.
    pub fn status(&self) -> Status {
        if self.altered.is_empty() {
            Status::Success
        } else {
            Status::Invalid
        }
    }
}

/// What an export says on the way: notes, which `--quiet` leaves out, and warnings.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Notice {
    /// The framework given with `--framework` is not the version the record was made
    /// with.
    OtherVersionGiven { file: String },
    /// The record was made with an earlier built-in framework.
    BuiltinChanged { file: String },
    /// How many of the records are drafts.
    Drafts { count: usize },
    /// A record was altered after fairness wrote it.
    Altered { file: String },
}

impl Notice {
    pub fn is_warning(&self) -> bool {
        matches!(self, Notice::Altered { .. })
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Notice::OtherVersionGiven { file } => write!(
                f,
                "`{}` was made with a different version of the framework than the one given; the view is built from the given framework",
                one_line(file)
            ),
            Notice::BuiltinChanged { file } => write!(
                f,
                "the built-in framework has changed since `{}` was made; the view is built from today's",
                one_line(file)
            ),
            Notice::Drafts { count } => write!(
                f,
                "{count} of the records {} draft{}, not signed off; the export says so",
                if *count == 1 { "is a" } else { "are" },
                if *count == 1 { "" } else { "s" },
            ),
            Notice::Altered { file } => write!(
                f,
                "`{}` has been ALTERED since fairness wrote it; it was exported with a warning in the output. Run `fairness verify` on it for the details.",
                one_line(file)
            ),
        }
    }
}

/// Reads and verifies every record of `request` and exports them, to `out` or to a new
/// file. Nothing is written unless every record could be read: a file is written under
/// a temporary name and named at the end, standard output is given the whole export at
/// the end. `stop` is checked between records. Notes found on the way go to `notify`.
pub(crate) fn export(
    request: &Request,
    stop: &Stop,
    out: &mut dyn Write,
    notify: &mut dyn FnMut(Notice),
) -> Result<Outcome, Error> {
    let mut format = request.format.format();
    let practitioner = request.audience == Audience::Practitioner;
    if practitioner && !format.has_practitioner_view() {
        return Err(Usage::PractitionerNeedsDocument.into());
    }
    if request.framework.is_some() && !practitioner {
        return Err(Usage::FrameworkNeedsPractitioner.into());
    }
    let target = request.output.filter(|p| *p != Path::new("-"));
    let mut sink = match target {
        Some(path) => Sink::File {
            file: NewFile::create(path, atomic_file::PRIVATE, stop)?,
            failed: None,
        },
        None => Sink::Memory(Vec::new()),
    };
    let given = match request.framework {
        Some(path) if practitioner => Some(framework::load(Some(path))?),
        _ => None,
    };
    let mut frameworks = Frameworks::new(given.as_ref());

    let mut tally = Tally::default();
    let mut altered = Vec::new();
    format.versions(request.records.iter().any(|p| names_format_2(p)));
    sink.put(|out| format.begin(out))?;
    // Read and verified in parallel, a batch at a time, and exported in order; a
    // format that can make a record's output from the record alone makes it in
    // parallel too.
    let made = format.in_parallel();
    let prepare = |checked: &Checked| {
        let make = made.as_ref()?;
        let Found::Read(v) = &checked.outcome else {
            return None;
        };
        Some(make(&Entry {
            file: &checked.path,
            record: &v.record,
            integrity: &v.integrity,
            view: View::Case,
            framework: None,
        }))
    };
    let mut paths = request.records.iter();
    let exported = check_each_prepared(request.records, prepare, |checked, made| {
        let path = paths.next().expect("one checked record for each path");
        if stop.is_set() {
            return Err(Halt::Stopped);
        }
        let verified = match checked.outcome {
            Found::Read(ref v) => v,
            Found::OtherSeal { .. } => unreachable!("export is given no seal to check against"),
            Found::Io(io) => {
                return Err(Halt::Failed(Error::Read {
                    path: path.clone(),
                    io,
                }));
            }
            Found::Unreadable(diagnostics) => {
                let report = Report::new(checked.path, checked.text, diagnostics);
                return Err(Halt::Failed(Error::NotExported(report)));
            }
        };
        let (record, integrity) = (&verified.record, &verified.integrity);
        match integrity {
            Integrity::Altered(_) => altered.push(checked.path.clone()),
            Integrity::Draft => tally.drafts += 1,
            Integrity::Intact => {}
        }
        let (view, own) = if practitioner {
            let fw =
                (frameworks.for_record(&checked.path, record, notify)).map_err(Halt::Failed)?;
            (View::Practitioner(fw), None)
        } else {
            (View::Case, frameworks.own(record))
        };
        let entry = Entry {
            file: &checked.path,
            record,
            integrity,
            view,
            framework: own,
        };
        match made {
            Some(made) => sink.put(|out| out.write_all(made.as_bytes())),
            None => sink.put(|out| format.record(out, &entry)),
        }
        .map_err(Halt::Failed)?;
        tally.records += 1;
        Ok(())
    });
    match exported {
        Ok(()) => {}
        Err(Halt::Stopped) => return Ok(Outcome::Stopped),
        Err(Halt::Failed(error)) => return Err(error),
    }
    sink.put(|out| format.finish(out, &tally))?;

    if stop.is_set() {
        return Ok(Outcome::Stopped);
    }
    sink.finish(out)?;
    Ok(Outcome::Done(Summary {
        records: tally.records,
        drafts: tally.drafts,
        altered,
        file: target.map(Path::to_owned),
    }))
}

/// Why an export ended before its last record.
enum Halt {
    /// Asked to stop (Ctrl-C, a closed terminal, a `kill`).
    Stopped,
    Failed(Error),
}

/// Whether the file at `path` says it is a format-2 record, from its `format:` line
/// alone (read before the records themselves are, for [`Format::versions`]). A file
/// that cannot be read says no here; reading it properly reports why.
fn names_format_2(path: &Path) -> bool {
    // A record names its format on its third line: its beginning is read first, and
    // the rest only when no whole line there names it.
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let mut start = Vec::new();
    if io::Read::read_to_end(&mut io::Read::take(&mut file, 4096), &mut start).is_err() {
        return false;
    }
    let whole_lines = start.iter().rposition(|&b| b == b'\n').map_or(0, |n| n + 1);
    if let Some(line) = format_line(&start[..whole_lines]) {
        return line.contains(crate::record::Format::V2.id());
    }
    let Ok(text) = std::fs::read(path) else {
        return false;
    };
    format_line(&text).is_some_and(|l| l.contains(crate::record::Format::V2.id()))
}

/// The first line of `bytes` that begins `format:`.
fn format_line(bytes: &[u8]) -> Option<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .find(|l| l.starts_with("format:"))
        .map(str::to_owned)
}

/// A whole export in memory, as [`export`] writes it, for records already read: for
/// tests and the fuzz targets.
pub fn render(format: FormatName, entries: &[Entry]) -> String {
    let mut format = format.format();
    let tally = Tally {
        records: entries.len(),
        drafts: entries
            .iter()
            .filter(|e| *e.integrity == Integrity::Draft)
            .count(),
    };
    let mut out = Vec::new();
    format.versions(
        entries
            .iter()
            .any(|e| e.record.format >= crate::record::Format::V2),
    );
    format
        .begin(&mut out)
        .and_then(|()| entries.iter().try_for_each(|e| format.record(&mut out, e)))
        .and_then(|()| format.finish(&mut out, &tally))
        .expect("writing to memory does not fail");
    String::from_utf8(out).expect("every format writes UTF-8")
}

/// Where an export goes as it is written: a new file (named only when the export is
/// complete), or memory, given to standard output at the end.
enum Sink {
    File {
        file: NewFile,
        /// Why the last write failed, with the file's name.
        failed: Option<Error>,
    },
    Memory(Vec<u8>),
}

impl Sink {
    /// Runs one step of a format, with the error as the file's own when it could not
    /// be written.
    fn put(&mut self, step: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Error> {
        step(self).map_err(|io| match self {
            Sink::File { failed, .. } => failed.take().unwrap_or(Error::Output(io)),
            Sink::Memory(_) => Error::Output(io),
        })
    }

    fn finish(self, out: &mut dyn Write) -> Result<(), Error> {
        match self {
            Sink::File { file, .. } => file.finish(),
            Sink::Memory(bytes) => out.write_all(&bytes).map_err(Error::Output),
        }
    }
}

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Memory(memory) => memory.write(bytes),
            Sink::File { file, failed } => match file.write(bytes) {
                Ok(()) => Ok(bytes.len()),
                Err(e) => {
                    *failed = Some(e);
                    Err(io::Error::other("the export file could not be written"))
                }
            },
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{BUILTIN_TEXT, check};
    use crate::record::tests::{sample, sign};
    use crate::record::{Verdict, to_yaml, verify_text};

    /// Every export of every record that a one-character change to a signed record can
    /// give, as long as it still reads: none may panic, and every one of them is
    /// marked altered.
    #[test]
    fn every_export_of_an_altered_record_completes_and_warns() {
        let fw = check(BUILTIN_TEXT).framework.unwrap();
        let mut record = sample();
        sign(&mut record);
        let text = to_yaml(&record);
        let mut read = 0;
        for (n, (at, old)) in text.char_indices().enumerate() {
            let new = ['x', '1', ' ', '\n'][n % 4];
            if new == old {
                continue;
            }
            let mut changed = text.clone();
            changed.replace_range(at..at + old.len_utf8(), &new.to_string());
            let Verdict::Read(v) = verify_text(&changed) else {
                continue;
            };
            read += 1;
            let (r, i) = (&v.record, &v.integrity);
            assert!(matches!(i, Integrity::Altered(_)), "{changed}");
            let entry = |view| Entry {
                file: "f",
                record: r,
                integrity: i,
                view,
                framework: None,
            };
            let both = [entry(View::Case), entry(View::Practitioner(&fw))];
            assert!(render(FormatName::Markdown, &both).contains("ALTERED"));
            assert!(render(FormatName::Html, &both).contains("class=\"alarm\""));
            let whole = &both[..1];
            assert!(render(FormatName::Json, whole).contains("\"altered\""));
            assert!(render(FormatName::Csv, whole).contains("\"ALTERED\""));
        }
        assert!(read > 100, "only {read} changed records could be read");
    }
}
