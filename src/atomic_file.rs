//! Writing files so that a crash, a full disk or a second writer never leaves a
//! half-written file: the content goes to a temporary file in the same folder, is
//! flushed to disk, and only then takes its final name; the folder is flushed too, so
//! that the new name survives a power cut.
//!
//! Each function takes the [`Stop`] that only catching the signals makes, so no signal
//! can end the process while a temporary file exists: a stop asked for before a new
//! file is named removes the temporary file and writes nothing.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::platform::{self, Access, Stop};

/// Readable by anyone: frameworks and exports.
pub const PUBLIC: Access = Access::Public;
/// Readable by the owner only: case records, which hold personal data.
pub const PRIVATE: Access = Access::Private;

/// Writes `contents` to a new file at `path`, readable as `access` says, failing if
/// `path` already exists, even if it appears while writing.
pub fn create_new(path: &Path, contents: &[u8], access: Access, stop: &Stop) -> Result<(), Error> {
    let mut file = NewFile::create(path, access, stop)?;
    file.write(contents)?;
    file.finish()
}

/// A new file written piece by piece. It is a temporary file beside `path` until
/// [`NewFile::finish`] gives it its name (never over an existing file); dropped before
/// that, it leaves nothing behind.
pub struct NewFile {
    path: PathBuf,
    temp: BufWriter<tempfile::NamedTempFile>,
    stop: Stop,
}

/// An error unless nothing is at `path` yet: fairness never overwrites a file, and a
/// folder is said to be one, not a file it declines to overwrite.
pub fn refuse_existing(path: &Path) -> Result<(), Error> {
    if path.is_dir() {
        let io = std::io::Error::from(std::io::ErrorKind::IsADirectory);
        return Err(write_error(path, io));
    }
    if path.exists() {
        return Err(Error::Exists {
            path: path.to_owned(),
        });
    }
    Ok(())
}

impl NewFile {
    /// Starts the file, failing at once if `path` already exists.
    pub fn create(path: &Path, access: Access, stop: &Stop) -> Result<NewFile, Error> {
        platform::check_new_name(path).map_err(|io| write_error(path, io))?;
        refuse_existing(path)?;
        let temp = platform::new_temp(folder(path), access).map_err(|io| write_error(path, io))?;
        Ok(NewFile {
            path: path.to_owned(),
            temp: BufWriter::with_capacity(256 * 1024, temp),
            stop: stop.clone(),
        })
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.temp
            .write_all(bytes)
            .map_err(|io| write_error(&self.path, io))
    }

    /// Flushes the file to disk and gives it its name; or, when a stop has been asked
    /// for, removes it and says so ([`Error::Stopped`]).
    pub fn finish(self) -> Result<(), Error> {
        let path = self.path;
        let temp = self
            .temp
            .into_inner()
            .map_err(|e| write_error(&path, e.into_error()))?;
        temp.as_file()
            .sync_all()
            .map_err(|io| write_error(&path, io))?;
        platform::hold_before_rename(&self.stop);
        if self.stop.is_set() {
            return Err(Error::Stopped { path });
        }
        platform::persist(temp, &path, false).map_err(|io| {
            if io.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Exists { path: path.clone() }
            } else {
                write_error(&path, io)
            }
        })?;
        platform::sync_folder(folder(&path));
        Ok(())
    }
}

/// Replaces the file at `path` with `contents`, atomically: a reader sees the old file
/// or the new one, never a mixture, and a failure leaves the old file as it was.
///
/// A stop asked for meanwhile does not abandon it: this is how a draft saves an answer
/// already given, and the session leaves once it is saved.
pub fn replace(
    path: &Path,
    contents: &[u8],
    access: Access,
    stop: &Stop,
) -> Result<(), std::io::Error> {
    let mut temp = platform::new_temp(folder(path), access)?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    platform::hold_before_rename(stop);
    platform::persist(temp, path, true)?;
    platform::sync_folder(folder(path));
    Ok(())
}

/// The folder `path` is in.
pub fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn write_error(path: &Path, io: std::io::Error) -> Error {
    Error::write(path, io)
}
