//! One file per subcommand: its arguments in, a call into the library, its output out.

pub mod amend;
pub mod cases;
pub mod completions;
pub mod config;
pub mod countersign;
pub mod due;
pub mod export;
pub mod init;
pub mod key;
pub mod man;
pub mod report;
pub mod run;
pub mod schema;
pub mod show;
pub mod validate;
pub mod verify;

use std::path::{Path, PathBuf};

use crate::config::Given;
use crate::error::Error;

/// Finds each record named on the command line (`verify`, `export`) as `run --resume`
/// finds its draft ([`crate::cases::record_path`]): the file itself, else a case
/// reference in the case folder. The settings, and so the config file, are read only
/// when a name needs the case folder, and then once.
pub struct RecordFinder<'a> {
    /// `--dir`, where the command was given it.
    dir: Option<&'a Path>,
    folder: Option<PathBuf>,
}

impl<'a> RecordFinder<'a> {
    pub fn new(dir: Option<&'a Path>) -> Self {
        RecordFinder { dir, folder: None }
    }

    pub fn find(&mut self, given: &Path) -> Result<PathBuf, Error> {
        let (dir, known) = (self.dir, &mut self.folder);
        crate::cases::record_path(given, || {
            if let Some(folder) = known {
                return Ok(folder.clone());
            }
            let settings = crate::config::settings(Given {
                cases: dir,
                ..Given::default()
            })?;
            let folder = settings.case_folder()?.to_owned();
            *known = Some(folder.clone());
            Ok(folder)
        })
    }
}

/// Every record in the case folder (`--dir`, else the settings'), in order of file
/// name: what `verify`, `due` and `report` read when no record is named.
pub fn records_in_case_folder(dir: Option<&Path>) -> Result<Vec<PathBuf>, Error> {
    crate::cases::record_files_in(&case_folder(dir)?)
}

/// The case folder: `dir` where given, else as the settings say.
pub fn case_folder(dir: Option<&Path>) -> Result<PathBuf, Error> {
    let settings = crate::config::settings(Given {
        cases: dir,
        ..Given::default()
    })?;
    Ok(settings.case_folder()?.to_path_buf())
}

/// Each record `verify` is to check, named as given: those named, found by
/// [`RecordFinder`] (a reference with no record is kept as its message, to be counted
/// as not found), or, where none is named, every record in the case folder.
pub fn to_verify(
    records: &[PathBuf],
    dir: Option<&Path>,
) -> Result<Vec<crate::cases::Named>, Error> {
    if records.is_empty() {
        return Ok(records_in_case_folder(dir)?
            .into_iter()
            .map(|path| (path.display().to_string(), Ok(path)))
            .collect());
    }
    let mut finder = RecordFinder::new(dir);
    let mut found = Vec::new();
    for name in records {
        match finder.find(name) {
            Ok(path) => found.push((name.display().to_string(), Ok(path))),
            // Said plainly (not as a file that could not be read, which sounds like
            // damage), and the rest are checked.
            Err(no_record @ Error::NoRecord { .. }) => {
                found.push((name.display().to_string(), Err(no_record.to_string())));
            }
            Err(error) => return Err(error),
        }
    }
    Ok(found)
}

/// Refuses, as `verify` does (exit 2), where any record named could not be opened at
/// all (missing, a folder, no permission): each is said on standard error, the last as
/// the error, before anything is written.
pub fn refuse_unopened(
    unopened: Vec<(String, std::io::Error)>,
    console: &crate::terminal::Console,
) -> Result<(), Error> {
    let mut errors: Vec<Error> = unopened
        .into_iter()
        .map(|(path, io)| Error::Read {
            path: PathBuf::from(path),
            io,
        })
        .collect();
    let Some(last) = errors.pop() else {
        return Ok(());
    };
    for error in &errors {
        console.error(error);
    }
    Err(last)
}
