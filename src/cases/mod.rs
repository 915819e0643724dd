//! The case folder: where new records go, where `run --resume REFERENCE`, `verify
//! REFERENCE` and `export REFERENCE` find a record, and what `fairness cases` lists.
//!
//! A record in the folder is `REFERENCE.yaml`, as `run` names it. Listing judges each
//! record as `verify` does ([`found::check`]), and counts its progress with the
//! framework it was made with, where that framework is at hand.

use std::path::{Path, PathBuf};

pub mod due;
pub mod due_render;
pub mod render;

use crate::checklist::{Checklist, Progress};
use crate::config::Settings;
use crate::error::{AmendRefusal, Error};
use crate::framework::{self, Framework};
use crate::platform::Stop;
use crate::record::draft::DraftFile;
use crate::record::found::{self, Outcome};
use crate::record::report::{Given, Successor};
use crate::record::{FrameworkSource, Integrity, Record, Verified};

/// The record `given` names for `run --resume`, `verify` or `export`: the file itself
/// when it is there; otherwise a bare name is a case reference (or a record's file
/// name) in `folder`, which is asked for only then. A bare name with no record there
/// is refused with the nearest references in the folder; any other path is left for
/// opening it to report.
pub fn record_path(
    given: &Path,
    folder: impl FnOnce() -> Result<PathBuf, Error>,
) -> Result<PathBuf, Error> {
    if given.exists() || given.is_symlink() {
        return Ok(given.to_owned());
    }
    let bare = given.components().count() == 1 && given.file_name().is_some();
    if !bare {
        return Ok(given.to_owned());
    }
    let name = given.to_string_lossy();
    let reference = name.strip_suffix(".yaml").unwrap_or(&name).to_owned();
    let folder = folder()?;
    let path = folder.join(format!("{reference}.yaml"));
    if path.exists() || path.is_symlink() {
        return Ok(path);
    }
    let references = references_in(&folder);
    let near = crate::suggest::nearest(&reference, references.iter().map(String::as_str));
    let near = near.into_iter().map(str::to_owned).collect();
    Err(Error::NoRecord {
        reference,
        folder,
        near,
    })
}

/// The draft `given` names for `run --resume` (as [`record_path`] finds it), opened
/// and held, with the framework it goes on with: [`Settings::framework_for`] the draft
/// as read. It is read once, with its lock held (see [`DraftFile::open`]).
pub fn open_draft<'s>(
    given: &Path,
    settings: &'s Settings,
    stop: &Stop,
) -> Result<(DraftFile, Record, Option<&'s Path>), Error> {
    let path = record_path(given, || settings.case_folder().map(Path::to_owned))?;
    DraftFile::open(&path, |read| settings.framework_for(Some(read)), stop)
}

/// The records beside the one at `path`, in its folder, that say they supersede the
/// record sealed `seal` (`fairness amend` writes them there), each as found, by file
/// name: signed, drafts under way, and altered ones alike. Files that are not records,
/// links and the record itself are passed over.
pub fn successors(path: &Path, seal: &str) -> Vec<(PathBuf, Box<Verified>)> {
    let folder = path.parent().unwrap_or(Path::new(""));
    let mut found: Vec<(PathBuf, Box<Verified>)> = read_folder(folder)
        .unwrap_or_default()
        .into_iter()
        .filter(|(p, regular)| {
            *regular
                && p.file_name() != path.file_name()
                && p.extension().is_some_and(|e| e == "yaml")
                && claims_to_be_a_record(p)
        })
        .filter_map(|(p, _)| match found::check(&p).outcome {
            Outcome::Read(v) | Outcome::OtherSeal { verified: v, .. } => Some((p, v)),
            Outcome::Io(_) | Outcome::Unreadable(_) => None,
        })
        .filter(|(_, v)| {
            v.record
                .case
                .supersedes
                .as_ref()
                .is_some_and(|s| s.seal == seal)
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// [`successors`] for many records at once: each folder is read, and each record in it
/// that supersedes another is judged, once, however many records of it are asked
/// about; records already judged (the ones given) are not read again.
#[derive(Default)]
pub struct Beside {
    /// Each folder asked about, with the records in it that supersede one: each file,
    /// and it as found.
    folders: Vec<(PathBuf, Vec<Found>)>,
}

/// A record file, and it as found.
type Found = (PathBuf, Box<Verified>);

impl Beside {
    /// An index of no folder yet; each is read when first asked about.
    pub fn new() -> Beside {
        Beside::default()
    }

    /// [`successors`] of the record at `path` sealed `seal`, with `known` the record
    /// files already judged.
    pub fn successors(
        &mut self,
        path: &Path,
        seal: &str,
        known: &[(&Path, &found::Checked)],
    ) -> Vec<(PathBuf, Box<Verified>)> {
        let folder = path.parent().unwrap_or(Path::new(""));
        let index = match self.folders.iter().position(|(f, _)| f == folder) {
            Some(index) => index,
            None => {
                self.folders
                    .push((folder.to_owned(), superseding_in(folder, known)));
                self.folders.len() - 1
            }
        };
        let mut found: Vec<(PathBuf, Box<Verified>)> = self.folders[index]
            .1
            .iter()
            .filter(|(p, v)| {
                p.file_name() != path.file_name()
                    && v.record
                        .case
                        .supersedes
                        .as_ref()
                        .is_some_and(|s| s.seal == seal)
            })
            .cloned()
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0));
        found
    }

    /// The successors of the record `checked`, read from `path`, as `verify` reports
    /// them.
    pub fn successors_of(
        &mut self,
        path: &Path,
        checked: &found::Checked,
        known: &[(&Path, &found::Checked)],
    ) -> Vec<Successor> {
        match &checked.outcome {
            Outcome::Read(v) if v.record.seal.is_some() => self
                .successors(path, v.record.seal.as_deref().unwrap_or_default(), known)
                .into_iter()
                .map(|(p, verified)| Successor {
                    file: p.display().to_string(),
                    verified,
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// A record as named, and where it was found, or why none was.
pub type Named = (String, Result<PathBuf, String>);

/// The records `verify` is given, each by the name it was given as and its file (or why
/// there is none), read and judged in parallel (against `seal`, if one was given), each
/// with the records beside it that supersede it.
pub fn judge_given(found: Vec<Named>, seal: Option<&str>) -> Vec<Given> {
    let paths: Vec<&PathBuf> = found.iter().filter_map(|(_, p)| p.as_ref().ok()).collect();
    let mut checks = found::check_all(&paths);
    if let Some(expected) = seal {
        for checked in &mut checks {
            checked.expect_seal(expected);
        }
    }
    let known: Vec<(&Path, &found::Checked)> =
        paths.iter().map(|p| p.as_path()).zip(&checks).collect();
    let mut beside = Beside::new();
    let successors: Vec<_> = known
        .iter()
        .map(|(path, checked)| beside.successors_of(path, checked, &known))
        .collect();
    let mut checked = checks.into_iter().zip(successors);
    found
        .into_iter()
        .map(|(name, path)| match path {
            Ok(_) => {
                let (checked, successors) = checked.next().expect("one check for each path");
                Given {
                    file: checked.path.clone(),
                    checked: Ok(checked),
                    successors,
                }
            }
            Err(no_record) => Given {
                file: name,
                checked: Err(no_record),
                successors: Vec::new(),
            },
        })
        .collect()
}

/// The records in `folder` that supersede one, as [`successors`] finds them: regular
/// `.yaml` files that say they are records, read as records (intact or not). A file of
/// `known` is taken as judged there.
fn superseding_in(
    folder: &Path,
    known: &[(&Path, &found::Checked)],
) -> Vec<(PathBuf, Box<Verified>)> {
    let supersedes = |outcome: &Outcome| match outcome {
        Outcome::Read(v) | Outcome::OtherSeal { verified: v, .. } => {
            v.record.case.supersedes.is_some().then(|| v.clone())
        }
        Outcome::Io(_) | Outcome::Unreadable(_) => None,
    };
    let known: std::collections::HashMap<&Path, &found::Checked> = known.iter().copied().collect();
    let mut found = Vec::new();
    let mut unread = Vec::new();
    for (p, regular) in read_folder(folder).unwrap_or_default() {
        if !regular || p.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        match known.get(p.as_path()) {
            // Only a record that supersedes one is kept, and only one that says it is
            // a record is a successor: most are passed over without opening them again.
            Some(checked) => {
                if let Some(v) = supersedes(&checked.outcome)
                    && claims_to_be_a_record(&p)
                {
                    found.push((p, v));
                }
            }
            None if claims_to_be_a_record(&p) => unread.push(p),
            None => {}
        }
    }
    let checked = found::check_all(&unread);
    for (p, checked) in unread.into_iter().zip(checked) {
        if let Some(v) = supersedes(&checked.outcome) {
            found.push((p, v));
        }
    }
    found
}

/// The signed record at `path`, for `fairness amend`: refused unless it is intact and
/// signed, and no record beside it supersedes it or is amending it already.
pub fn amendable(path: &Path) -> Result<Record, Error> {
    let refused = |r: AmendRefusal| Err(r.into());
    let verified = match found::check(path).outcome {
        Outcome::Io(io) => {
            return Err(Error::Read {
                path: path.to_owned(),
                io,
            });
        }
        Outcome::Read(v) => v,
        Outcome::Unreadable(_) | Outcome::OtherSeal { .. } => {
            return refused(AmendRefusal::NotIntact {
                path: path.to_owned(),
            });
        }
    };
    match verified.integrity {
        Integrity::Intact => {}
        Integrity::Draft => {
            return refused(AmendRefusal::Draft {
                path: path.to_owned(),
            });
        }
        Integrity::Altered(_) => {
            return refused(AmendRefusal::NotIntact {
                path: path.to_owned(),
            });
        }
    }
    let seal = verified.record.seal.as_deref().unwrap_or_default();
    if let Some((by, next)) = successors(path, seal).into_iter().next() {
        return refused(AmendRefusal::Superseded {
            path: path.to_owned(),
            by,
            signed: next.record.status == crate::record::Status::Signed,
        });
    }
    Ok(verified.record)
}

/// The references of the records in `folder` by their file names (`X.yaml`), sorted.
fn references_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = read_folder(folder)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(p, _)| {
            let name = p.file_name()?.to_str()?;
            name.strip_suffix(".yaml").map(str::to_owned)
        })
        .collect();
    names.sort();
    names
}

/// The files in `folder` (not what is in its subfolders), in no particular order, each
/// with whether it is a regular file: not a link (to anything), pipe or device. That is
/// the folder entry's own type, which on Unix and Windows alike is not the type of what
/// a link leads to.
fn read_folder(folder: &Path) -> std::io::Result<Vec<(PathBuf, bool)>> {
    let shown = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(shown)? {
        let entry = entry?;
        if let Ok(t) = entry.file_type()
            && !t.is_dir()
        {
            files.push((folder.join(entry.file_name()), t.is_file()));
        }
    }
    Ok(files)
}

/// Every record in a case folder.
#[derive(Debug)]
pub struct Listing {
    /// The folder, as given (empty for the current folder).
    pub folder: PathBuf,
    /// Most recently saved first; records that cannot be read last, by file name.
    pub records: Vec<Entry>,
    /// Files in the folder that are not case records (a framework, a note), not listed.
    pub skipped: usize,
}

/// One record as listed.
#[derive(Debug)]
pub struct Entry {
    /// The file's name in the folder.
    pub file: String,
    pub status: State,
    /// The case reference; `None` for a record that cannot be read.
    pub reference: Option<String>,
    /// Answered of the items asked, where the framework it was made with is at hand.
    pub progress: Option<Count>,
    /// How many answers it holds (`None` for a record that cannot be read).
    pub answers: Option<usize>,
    /// Whether the framework the record was made with is at hand, unchanged: without it,
    /// how many items the case asks cannot be told.
    pub framework_at_hand: bool,
    /// When it was last saved, UTC, as the record has it.
    pub saved: Option<String>,
    /// Who signed it, with their role.
    pub signer: Option<Signer>,
    /// Which version of its case's record it is (1 unless it is an amendment).
    pub version: Option<u32>,
    /// The file in the folder of the signed, intact record that supersedes it.
    pub superseded_by: Option<String>,
    /// Its seal, and the seal of the record it supersedes, to find who supersedes whom.
    seal: Option<String>,
    supersedes: Option<String>,
    /// Where an intact signed record stands with its reviewers.
    pub standing: Option<crate::record::Standing>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Draft,
    Signed,
    /// Changed outside fairness since it was written.
    Altered,
    /// Not readable as a case record.
    Unreadable,
}

impl State {
    pub fn id(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Signed => "signed",
            State::Altered => "altered",
            State::Unreadable => "unreadable",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Count {
    pub answered: usize,
    pub asked: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signer {
    pub name: String,
    pub role: String,
    /// When, UTC, as the record has it.
    pub signed: String,
}

/// Lists the records in `folder`. A file is taken for a record when it ends `.yaml`
/// and says it is one (`format: fairness-record/…`), or cannot be read to tell; lock
/// files and hidden files are left out without being counted.
pub fn list(folder: &Path) -> Result<Listing, Error> {
    let files = folder_files(folder)?;
    let mut frameworks = Frameworks::new(folder);
    let mut records = Vec::new();
    let skipped = scan(files, |name, checked| {
        records.push(entry(checked, name, &mut frameworks));
    });
    mark_superseded(&mut records);
    records.sort_by(|a, b| {
        (a.saved.is_none(), &b.saved, &a.file).cmp(&(b.saved.is_none(), &a.saved, &b.file))
    });
    Ok(Listing {
        folder: folder.to_owned(),
        records,
        skipped,
    })
}

/// The files in the case folder `folder`, as [`read_folder`] gives them; refused when
/// the folder cannot be read.
fn folder_files(folder: &Path) -> Result<Vec<(PathBuf, bool)>, Error> {
    read_folder(folder).map_err(|io| Error::Read {
        path: if folder.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            folder.to_owned()
        },
        io,
    })
}

/// The records in the case folder `folder` that [`list`] lists, in its order, each with
/// its file name, as found (without its text).
pub fn checked_in(folder: &Path) -> Result<Vec<(String, found::Checked)>, Error> {
    let mut records = Vec::new();
    scan(folder_files(folder)?, |name, mut checked| {
        checked.text = None;
        records.push((name, checked));
    });
    let saved = |c: &found::Checked| match &c.outcome {
        Outcome::Read(v) | Outcome::OtherSeal { verified: v, .. } => {
            Some(v.record.case.updated.clone())
        }
        Outcome::Io(_) | Outcome::Unreadable(_) => None,
    };
    let mut keyed: Vec<_> = records.into_iter().map(|r| (saved(&r.1), r)).collect();
    // As `list` sorts: most recently saved first, then records that cannot be read.
    keyed.sort_by(|(a_saved, a), (b_saved, b)| {
        (a_saved.is_none(), b_saved, &a.0).cmp(&(b_saved.is_none(), a_saved, &b.0))
    });
    Ok(keyed.into_iter().map(|(_, r)| r).collect())
}

/// The records among `files` (a folder's, as [`read_folder`] gives them), each judged
/// and given to `each` with its file name, in parallel a batch at a time; how many
/// files were passed over as not records. A file is taken for a record when it ends
/// `.yaml` and says it is one (`format: fairness-record/…`), or cannot be read to tell;
/// lock files and hidden files are left out without being counted.
fn scan(files: Vec<(PathBuf, bool)>, mut each: impl FnMut(String, found::Checked)) -> usize {
    let (records, skipped) = record_files(files);
    let paths: Vec<&PathBuf> = records.iter().map(|(p, _)| p).collect();
    let mut names = records.iter().map(|(_, n)| n);
    let _ = found::check_each(&paths, |checked| {
        each(
            names.next().expect("a name for each record").clone(),
            checked,
        );
        Ok::<(), ()>(())
    });
    skipped
}

/// The records among `files` as [`scan`] takes them, each with its file name, by file
/// name, unread; and how many files were passed over as not records.
fn record_files(files: Vec<(PathBuf, bool)>) -> (Vec<(PathBuf, String)>, usize) {
    let mut skipped = 0;
    let mut records = Vec::new();
    for (path, regular) in files {
        let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        if name.starts_with('.') || name.ends_with(".lock") {
            continue;
        }
        // A link, pipe or device is never listed: a link would be listed under a name
        // `--resume` refuses (a draft is held by its own name only), and a pipe or
        // device could make the listing wait for ever.
        if !regular || !name.ends_with(".yaml") || !claims_to_be_a_record(&path) {
            skipped += 1;
            continue;
        }
        records.push((path, name));
    }
    (records, skipped)
}

/// The record files in the case folder `folder`, as `list` takes them, by file name,
/// unread, in the order of their names: for `report`, which reads and judges them
/// itself.
pub fn record_files_in(folder: &Path) -> Result<Vec<PathBuf>, Error> {
    let (records, _) = record_files(folder_files(folder)?);
    let mut paths: Vec<PathBuf> = records.into_iter().map(|(path, _)| path).collect();
    paths.sort();
    Ok(paths)
}

/// Whether the file at `path` says it is a case record, or cannot be read to tell. Only
/// its beginning is read, where a record names its format: a large file that is not a
/// record costs no more than a small one.
fn claims_to_be_a_record(path: &Path) -> bool {
    use std::io::Read;
    const LIMIT: usize = 64 * 1024;
    let says = |line: &[u8]| {
        String::from_utf8_lossy(line)
            .trim_start()
            .strip_prefix("format:")
            .is_some_and(|v| v.contains("fairness-record/"))
    };
    let Ok(mut file) = crate::platform::open_regular(path) else {
        return true;
    };
    // A few kilobytes at a time, each whole line looked at as it comes, so that a
    // record, which names its format in its first lines, costs one small read (reading
    // the beginning whole, as before, was a fifth of `report --dir` on 10,000 records).
    let mut bytes = Vec::with_capacity(4096);
    let mut looked = 0;
    loop {
        let mut chunk = [0u8; 4096];
        let room = (LIMIT - bytes.len()).min(chunk.len());
        let n = match file.read(&mut chunk[..room]) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return true,
        };
        bytes.extend_from_slice(&chunk[..n]);
        let last = n == 0 || bytes.len() >= LIMIT;
        let whole = if last {
            bytes.len()
        } else {
            bytes
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(looked, |i| i + 1)
        };
        if bytes[looked..whole].split(|&b| b == b'\n').any(says) {
            return true;
        }
        looked = whole;
        if last {
            return false;
        }
    }
}

fn entry(checked: found::Checked, file: String, frameworks: &mut Frameworks) -> Entry {
    let unreadable = Entry {
        file: file.clone(),
        status: State::Unreadable,
        reference: None,
        progress: None,
        answers: None,
        framework_at_hand: false,
        saved: None,
        signer: None,
        version: None,
        superseded_by: None,
        seal: None,
        supersedes: None,
        standing: None,
    };
    let verified = match checked.outcome {
        Outcome::Read(v) | Outcome::OtherSeal { verified: v, .. } => v,
        Outcome::Io(_) | Outcome::Unreadable(_) => return unreadable,
    };
    let record = &verified.record;
    let status = match verified.integrity {
        Integrity::Intact => State::Signed,
        Integrity::Draft => State::Draft,
        Integrity::Altered(_) => State::Altered,
    };
    let progress = frameworks.get(record).map(|fw| {
        let Progress { answered, asked } = Checklist::new(fw).progress(record);
        Count { answered, asked }
    });
    Entry {
        file,
        status,
        reference: Some(record.case.reference.clone()),
        framework_at_hand: progress.is_some(),
        progress,
        answers: Some(record.answers.len()),
        saved: Some(record.case.updated.clone()),
        signer: record.sign_off.as_ref().map(|s| Signer {
            name: s.name.clone(),
            role: s.role.clone(),
            signed: s.signed.clone(),
        }),
        standing: (status == State::Signed).then(|| record.standing()),
        version: Some(record.case.version),
        superseded_by: None,
        seal: (status == State::Signed)
            .then(|| record.seal.clone())
            .flatten(),
        supersedes: (status == State::Signed)
            .then(|| record.case.supersedes.as_ref().map(|s| s.seal.clone()))
            .flatten(),
    }
}

/// Marks each record superseded by a signed, intact record in the same listing.
fn mark_superseded(records: &mut [Entry]) {
    let links: Vec<(usize, String)> = records
        .iter()
        .filter_map(|newer| {
            let named = newer.supersedes.as_deref()?;
            let old = records
                .iter()
                .position(|r| r.seal.as_deref() == Some(named))?;
            Some((old, newer.file.clone()))
        })
        .collect();
    for (old, file) in links {
        records[old].superseded_by = Some(file);
    }
}

/// The frameworks records were made with, each loaded once: the built-in one when its
/// digest is the record's, or the file the record names (as given, else beside the
/// records) when it is there unchanged.
pub(crate) struct Frameworks {
    folder: PathBuf,
    loaded: Vec<(String, String, Option<Framework>)>,
}

impl Frameworks {
    pub(crate) fn new(folder: &Path) -> Self {
        Frameworks {
            folder: folder.to_owned(),
            loaded: Vec::new(),
        }
    }

    /// The framework of `record`, read from `file`: a framework file the record names
    /// by a relative path is looked for beside the record as well.
    pub(crate) fn get_beside(&mut self, record: &Record, file: &str) -> Option<&Framework> {
        self.folder = Path::new(file).parent().unwrap_or(Path::new("")).to_owned();
        self.get(record)
    }

    pub(crate) fn get(&mut self, record: &Record) -> Option<&Framework> {
        let wanted = &record.framework;
        let source = wanted.source.as_str().to_owned();
        let at = match self
            .loaded
            .iter()
            .position(|(s, d, _)| *s == source && *d == wanted.digest)
        {
            Some(at) => at,
            None => {
                let fw = self.load(&wanted.source, &wanted.digest);
                self.loaded.push((source, wanted.digest.clone(), fw));
                self.loaded.len() - 1
            }
        };
        self.loaded[at].2.as_ref()
    }

    fn load(&self, source: &FrameworkSource, digest: &str) -> Option<Framework> {
        let paths: Vec<Option<PathBuf>> = match source {
            FrameworkSource::BuiltIn => vec![None],
            FrameworkSource::File(file) => {
                let file = PathBuf::from(file);
                let mut paths = vec![Some(file.clone())];
                if file.is_relative() && !self.folder.as_os_str().is_empty() {
                    paths.push(Some(self.folder.join(&file)));
                }
                paths
            }
        };
        paths.into_iter().find_map(|path| {
            framework::load(path.as_deref())
                .ok()
                .filter(|loaded| loaded.digest == digest)
                .map(|loaded| loaded.framework)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The folder's own entry types say which files are regular, without a second
    /// look at each file, and a subfolder is not listed at all. (That links and pipes
    /// are not regular, and so never listed, is tests/cases.rs's.)
    #[test]
    fn read_folder_says_which_files_are_regular() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path();
        std::fs::write(folder.join("CASE-2026-201.yaml"), "format: x\n").unwrap();
        std::fs::create_dir(folder.join("old")).unwrap();
        let found: Vec<(String, bool)> = read_folder(folder)
            .unwrap()
            .into_iter()
            .map(|(p, regular)| (p.file_name().unwrap().to_string_lossy().into(), regular))
            .collect();
        assert_eq!(found, [("CASE-2026-201.yaml".to_owned(), true)]);
    }
}
