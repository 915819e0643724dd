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
