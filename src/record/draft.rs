//! The draft store: a record on disk while its checklist is under way, saved over
//! itself after every answer and held by one session at a time (see [`lock`]). Its
//! lock is released when the [`DraftFile`] is dropped.
//!
//! [`lock`]: super::lock

use std::path::{Path, PathBuf};

use crate::atomic_file::{self, PRIVATE};
use crate::error::{DraftRefusal, Error, NotSaved, TooLarge};
use crate::platform::{self, Stop};
use crate::shell::resume_command;
use crate::source;

use super::lock::Lock;
use super::{FrameworkSource, Record, from_yaml, to_yaml};

/// A draft held by this session: its lock is held for as long as the value lives, and
/// every save replaces the file atomically.
#[derive(Debug)]
pub struct DraftFile {
    pub path: PathBuf,
    /// The command that continues the draft, for the message when a save fails.
    pub resume: String,
    /// Released, and its file removed, when the draft is dropped.
    _lock: Lock,
    /// The signals are caught while a draft is held.
    stop: Stop,
}

impl DraftFile {
    /// Opens the draft at `path` to resume it: it must be there under one name, and no
    /// other session may hold it. `framework_for` chooses, from the draft as read, the
    /// framework file it goes on with (`None` for the built-in one), which is returned
    /// with it.
    ///
    /// The draft is read once, with its lock held, and everything is decided from that
    /// one reading: a save by another session just before the lock was taken is what
    /// is resumed, and the framework is chosen for it, not for what was there before.
    pub fn open<'f>(
        path: &Path,
        framework_for: impl FnOnce(&Record) -> Option<&'f Path>,
        stop: &Stop,
    ) -> Result<(DraftFile, Record, Option<&'f Path>), Error> {
        // Said of the record, not of its lock file, when it is not there.
        one_name(path)?;
        let lock = Lock::acquire(path)?;
        // Again with the lock held: a name added meanwhile would have its own lock.
        one_name(path)?;
        let (record, _) = from_yaml(path)?;
        let framework = framework_for(&record);
        let store = DraftFile::held(path.to_owned(), framework, lock, stop);
        Ok((store, record, framework))
    }

    /// Writes the new draft `record` at `path`, which must not exist, and holds it.
    pub fn create(
        path: PathBuf,
        framework: Option<&Path>,
        record: &Record,
        stop: &Stop,
    ) -> Result<DraftFile, Error> {
        let lock = Lock::acquire(&path)?;
        atomic_file::create_new(&path, to_yaml(record).as_bytes(), PRIVATE, stop)?;
        Ok(DraftFile::held(path, framework, lock, stop))
    }

    fn held(path: PathBuf, framework: Option<&Path>, lock: Lock, stop: &Stop) -> DraftFile {
        let resume = resume_command(&path, framework);
        DraftFile {
            path,
            resume,
            _lock: lock,
            stop: stop.clone(),
        }
    }

    /// Replaces the draft on disk with `record`; a draft too large to read back is
    /// refused, and a failure names the command that continues from the last save.
    pub fn save(&self, record: &Record) -> Result<(), Error> {
        let text = to_yaml(record);
        let not_saved = |why| Error::DraftNotSaved {
            path: self.path.clone(),
            why,
            resume: self.resume.clone(),
        };
        fits(&text).map_err(|too_large| not_saved(NotSaved::TooLarge(too_large)))?;
        atomic_file::replace(&self.path, text.as_bytes(), PRIVATE, &self.stop)
            .map_err(|io| not_saved(NotSaved::Io(io)))
    }
}

/// Where a new draft for the case `reference` is written when no `--out` is given: in
/// the case folder `folder` (the empty path for the current folder).
pub fn named_for(folder: &Path, reference: &str) -> PathBuf {
    folder.join(format!("{reference}.yaml"))
}

/// A record must stay small enough to be read back: refuse to write one that is not.
pub fn fits(text: &str) -> Result<(), TooLarge> {
    if text.len() as u64 > source::MAX_FILE_BYTES {
        return Err(TooLarge {
            limit_mib: source::MAX_FILE_BYTES / (1024 * 1024),
        });
    }
    Ok(())
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
        Ok(meta) if meta.file_type().is_symlink() => Err(DraftRefusal::IsALink {
            path: path.to_owned(),
            target: std::fs::read_link(path).ok(),
        }
        .into()),
        Ok(_) => match platform::link_count(path) {
            Ok(names) if names > 1 => Err(DraftRefusal::HardLinks {
                path: path.to_owned(),
                names,
            }
            .into()),
            _ => Ok(()),
        },
    }
}

/// Refuses, before anything is asked, an `--out` that names an existing file or a
/// folder that is not there.
pub fn check_out(out: &Path) -> Result<(), Error> {
    platform::check_new_name(out).map_err(|io| Error::write(out, io))?;
    if out.exists() || out.is_symlink() {
        return Err(Error::Exists {
            path: out.to_owned(),
        });
    }
    let folder = atomic_file::folder(out);
    if !folder.is_dir() {
        return Err(Error::write(
            out,
            std::io::Error::from(std::io::ErrorKind::NotFound),
        ));
    }
    Ok(())
}

/// What the record calls its framework's source.
pub fn source_name(framework: Option<&Path>) -> FrameworkSource {
    match framework {
        None => FrameworkSource::BuiltIn,
        Some(path) => FrameworkSource::read(path.display().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    /// A draft for case `reference`, written at `path`.
    fn write_draft(path: &Path, reference: &str) -> Record {
        let mut record = crate::record::tests::sample();
        record.case.reference = reference.to_owned();
        std::fs::write(path, to_yaml(&record)).unwrap();
        record
    }

    /// The framework is chosen from the very record `open` returns: one reading, with
    /// the lock held, decides both.
    #[test]
    fn the_framework_is_chosen_from_the_draft_as_resumed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("CASE-2026-201.yaml");
        let written = write_draft(&path, "CASE-2026-201");
        let seen = Cell::new(None);
        let chosen = Path::new("ours.yaml");
        let (store, record, framework) = DraftFile::open(
            &path,
            |read| {
                seen.set(Some(to_yaml(read)));
                Some(chosen)
            },
            &Stop::unset(),
        )
        .unwrap();
        assert_eq!(seen.take().as_deref(), Some(to_yaml(&record).as_str()));
        assert_eq!(to_yaml(&record), to_yaml(&written));
        assert_eq!(framework, Some(chosen));
        // The command that continues it names the framework chosen.
        assert!(store.resume.contains("ours.yaml"), "{}", store.resume);
    }

    /// A draft another session holds is refused before it is read at all: nothing is
    /// decided from a draft that may be changing under its holder.
    #[test]
    fn a_held_draft_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("CASE-2026-202.yaml");
        write_draft(&path, "CASE-2026-202");
        let stop = Stop::unset();
        let _held = DraftFile::open(&path, |_| None, &stop).unwrap();
        let read = Cell::new(false);
        let refused = DraftFile::open(
            &path,
            |_| {
                read.set(true);
                None
            },
            &stop,
        )
        .unwrap_err();
        assert!(matches!(refused, Error::Locked { .. }), "{refused}");
        assert!(!read.get(), "the held draft was read");
    }
}
