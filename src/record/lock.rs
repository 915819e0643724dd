//! One session per draft: a lock file beside the record, held with an advisory lock
//! for as long as the session runs. The operating system releases the lock when the
//! process ends, however it ends, so a crash never leaves a draft locked.

use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::error::{DraftRefusal, Error};
use crate::platform::{self, LockOpen};

/// A held lock on a record. Dropping it removes the lock file and releases the lock.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    file: File,
}

impl Lock {
    /// The lock file for the record at `record`: `RECORD.lock`.
    pub fn path_for(record: &Path) -> PathBuf {
        let mut name = record.as_os_str().to_owned();
        name.push(".lock");
        PathBuf::from(name)
    }

    /// Takes the lock for the record at `record`, or says which process holds it.
    pub fn acquire(record: &Path) -> Result<Lock, Error> {
        let path = Self::path_for(record);
        let write_error = |io: std::io::Error| Error::write(&path, io);
        // A lock file removed by its holder between our opening and our locking it is
        // no lock at all: try again on the new file.
        for _ in 0..10 {
            // Never through a symbolic link (which could point at any file), and a
            // regular file only: a lock file is truncated once held.
            let mut file = platform::open_lock(&path).map_err(|e| match e {
                LockOpen::Link => DraftRefusal::LockIsALink { path: path.clone() }.into(),
                LockOpen::NotAFile => DraftRefusal::LockNotAFile { path: path.clone() }.into(),
                LockOpen::Io(io) => write_error(io),
            })?;
            match platform::try_lock(&file) {
                Ok(true) => {}
                Ok(false) => {
                    let mut holder = String::new();
                    let _ = file.read_to_string(&mut holder);
                    return Err(Error::Locked {
                        path: record.to_owned(),
                        holder: holder.trim().parse().ok(),
                    });
                }
                Err(io) => return Err(write_error(io)),
            }
            let same = platform::same_file(&file, &path);
            if !same {
                continue;
            }
            file.set_len(0)
                .and_then(|()| file.rewind())
                .and_then(|()| write!(file, "{}", std::process::id()))
                .map_err(write_error)?;
            return Ok(Lock { path, file });
        }
        Err(Error::Locked {
            path: record.to_owned(),
            holder: None,
        })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, so no other session can take a lock on a file
        // that is about to disappear (it would find the name gone and retry).
        let _ = std::fs::remove_file(&self.path);
        platform::unlock(&self.file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_record_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("CASE-1.yaml");
        let first = Lock::acquire(&record).unwrap();
        match Lock::acquire(&record) {
            Err(Error::Locked { holder, .. }) => assert_eq!(holder, Some(std::process::id())),
            other => panic!("expected Locked, got {other:?}"),
        }
        drop(first);
        assert!(!Lock::path_for(&record).exists());
        let _again = Lock::acquire(&record).unwrap();
    }
}
