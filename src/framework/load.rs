//! Choosing and loading the framework a command works with: the built-in one, or a
//! file given with `--framework`, refused with the full `validate` report when invalid.

use std::path::Path;

use crate::diagnostic::Report;

use crate::error::Error;
use crate::source;

use super::{BUILTIN_PATH, BUILTIN_TEXT, Framework, check};

/// A valid framework, ready to use.
#[derive(Debug)]
pub struct Loaded {
    pub framework: Framework,
    /// See [`super::Checked::digest`].
    pub digest: String,
    /// Where it came from, for messages: the file's path, or `built-in`.
    pub origin: String,
    /// Warnings found while checking it.
    pub warnings: Report,
}

/// Loads and checks the framework at `path`, or the built-in one when `path` is `None`.
pub fn load(path: Option<&Path>) -> Result<Loaded, Error> {
    let (origin, text) = match path {
        None => (
            format!("built-in ({BUILTIN_PATH})"),
            BUILTIN_TEXT.to_owned(),
        ),
        Some(path) => (
            path.display().to_string(),
            source::read_edited_for(path, Error::InvalidFramework)?,
        ),
    };
    let checked = check(&text);
    let valid = checked.is_valid();
    let report = Report::new(origin.clone(), Some(text), checked.diagnostics);
    if !valid {
        return Err(Error::InvalidFramework(report));
    }
    Ok(Loaded {
        // Only warnings are left in a valid framework's diagnostics.
        warnings: report,
        framework: checked.framework.unwrap_or_default(),
        digest: checked.digest,
        origin,
    })
}
