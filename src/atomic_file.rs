//! Writing files so that a crash, a full disk or a second writer never leaves a
//! half-written file: the content goes to a temporary file in the same folder, is
//! flushed to disk, and only then takes its final name; the folder is flushed too, so
//! that the new name survives a power cut.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Readable by anyone: frameworks and exports.
pub const PUBLIC: u32 = 0o644;
/// Readable by the owner only: case records, which hold personal data.
pub const PRIVATE: u32 = 0o600;

/// Writes `contents` to a new file at `path` with permissions `mode`, failing if `path`
/// already exists, even if it appears while writing.
pub fn create_new(path: &Path, contents: &[u8], mode: u32) -> Result<(), Error> {
    let mut file = NewFile::create(path, mode)?;
    file.write(contents)?;
    file.finish()
}

/// A new file written piece by piece. It is a temporary file beside `path` until
/// [`NewFile::finish`] gives it its name (never over an existing file); dropped before
/// that, it leaves nothing behind.
pub struct NewFile {
    path: PathBuf,
    temp: BufWriter<tempfile::NamedTempFile>,
}

impl NewFile {
    /// Starts the file, failing at once if `path` already exists.
    pub fn create(path: &Path, mode: u32) -> Result<NewFile, Error> {
        if path.exists() {
            return Err(Error::Exists {
                path: path.to_owned(),
            });
        }
        let temp = new_temp(path, mode).map_err(|io| write_error(path, io))?;
        Ok(NewFile {
            path: path.to_owned(),
            temp: BufWriter::with_capacity(256 * 1024, temp),
        })
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.temp
            .write_all(bytes)
            .map_err(|io| write_error(&self.path, io))
    }

    /// Flushes the file to disk and gives it its name.
    pub fn finish(self) -> Result<(), Error> {
        let path = self.path;
        let temp = self
            .temp
            .into_inner()
            .map_err(|e| write_error(&path, e.into_error()))?;
        temp.as_file()
            .sync_all()
            .map_err(|io| write_error(&path, io))?;
        temp.persist_noclobber(&path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Exists { path: path.clone() }
            } else {
                write_error(&path, e.error)
            }
        })?;
        sync_folder(&path);
        Ok(())
    }
}

/// Replaces the file at `path` with `contents`, atomically: a reader sees the old file
/// or the new one, never a mixture, and a failure leaves the old file as it was.
pub fn replace(path: &Path, contents: &[u8], mode: u32) -> Result<(), std::io::Error> {
    let temp = write_temp(path, contents, mode)?;
    temp.persist(path).map_err(|e| e.error)?;
    sync_folder(path);
    Ok(())
}

/// A temporary file beside `path` holding `contents`, flushed to disk.
fn write_temp(path: &Path, contents: &[u8], mode: u32) -> std::io::Result<tempfile::NamedTempFile> {
    let mut temp = new_temp(path, mode)?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// An empty temporary file beside `path`, with permissions `mode`.
fn new_temp(path: &Path, mode: u32) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(".fairness-")
        .suffix(".tmp")
        .permissions(std::fs::Permissions::from_mode(mode))
        .tempfile_in(folder(path))
}

/// The folder `path` is in.
pub fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Flushes a folder's entries to disk. Best effort: some file systems cannot, and the
/// file itself is already safe.
fn sync_folder(path: &Path) {
    if let Ok(dir) = File::open(folder(path)) {
        let _ = dir.sync_all();
    }
}

fn write_error(path: &Path, io: std::io::Error) -> Error {
    Error::Write {
        path: path.to_owned(),
        io,
    }
}
