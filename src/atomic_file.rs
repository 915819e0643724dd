//! Writing files so that a crash, a full disk or a second writer never leaves a
//! half-written file: the content goes to a temporary file in the same folder, is
//! flushed to disk, and only then takes its final name.

use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// Writes `contents` to a new file at `path`, failing if `path` already exists, even if
/// it appears while writing.
pub fn create_new(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let write_error = |io| Error::Write {
        path: path.to_owned(),
        io,
    };
    if path.exists() {
        return Err(Error::Exists {
            path: path.to_owned(),
        });
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".fairness-")
        .suffix(".tmp")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644))
        .tempfile_in(folder)
        .map_err(write_error)?;
    temp.write_all(contents).map_err(write_error)?;
    temp.as_file().sync_all().map_err(write_error)?;
    temp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Exists {
                path: path.to_owned(),
            }
        } else {
            write_error(e.error)
        }
    })?;
    Ok(())
}
