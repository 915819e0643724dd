//! The framework each record's practitioner's view is built from: the one given with
//! `--framework`, today's built-in one, or the file the record names if it is still
//! there unchanged. Each is loaded once, however many records name it.

use std::collections::HashMap;
use std::path::Path;

use crate::error::Error;
use crate::framework::{self, Framework, Loaded};
use crate::record::{FrameworkSource, Record};

use super::Notice;

/// The frameworks the practitioner's view takes its wording, roles, Principle
/// summaries and support from: the one given with `--framework`, or the one each record
/// names, each loaded once.
pub(super) struct Frameworks<'g> {
    given: Option<&'g Loaded>,
    loaded: HashMap<String, Framework>,
    /// Each record's own framework, by source and digest: `None` when it is not at hand
    /// unchanged (see [`Frameworks::own`]).
    own: HashMap<String, Option<Framework>>,
}

impl<'g> Frameworks<'g> {
    pub(super) fn new(given: Option<&'g Loaded>) -> Self {
        Frameworks {
            given,
            loaded: HashMap::new(),
            own: HashMap::new(),
        }
    }

    pub(super) fn for_record(
        &mut self,
        file: &str,
        record: &Record,
        notify: &mut dyn FnMut(Notice),
    ) -> Result<&Framework, Error> {
        let wanted = &record.framework;
        if let Some(given) = self.given {
            if given.digest != wanted.digest {
                notify(Notice::OtherVersionGiven { file: file.into() });
            }
            return Ok(&given.framework);
        }
        let key = format!("{}\n{}", wanted.source, wanted.digest);
        if !self.loaded.contains_key(&key) {
            let fw = if wanted.source == FrameworkSource::BuiltIn {
                // Only today's built-in framework is at hand: a record made with an
                // earlier one is shown with it, its items found by their roles.
                let loaded = framework::load(None)?;
                if loaded.digest != wanted.digest {
                    notify(Notice::BuiltinChanged { file: file.into() });
                }
                loaded.framework
            } else {
                let path = Path::new(wanted.source.as_str());
                match framework::load(Some(path)) {
                    Ok(loaded) if loaded.digest == wanted.digest => loaded.framework,
                    found => {
                        return Err(Error::FrameworkNotAtHand {
                            file: file.to_owned(),
                            name: wanted.name.clone(),
                            version: wanted.version.clone(),
                            source: wanted.source.as_str().to_owned(),
                            changed: found.is_ok(),
                        });
                    }
                }
            };
            self.loaded.insert(key.clone(), fw);
        }
        Ok(&self.loaded[&key])
    }

    /// The framework a format-2 `record` was made with, when it is at hand exactly as it
    /// was (today's built-in one, or the file it names, with the digest it names): what
    /// the history's option labels are taken from. `None` otherwise, and for a format-1
    /// record, whose export never changes; never an error, nor a notice.
    pub(super) fn own(&mut self, record: &Record) -> Option<&Framework> {
        if record.format < crate::record::Format::V2 {
            return None;
        }
        let wanted = &record.framework;
        let key = format!("{}\n{}", wanted.source, wanted.digest);
        self.own
            .entry(key)
            .or_insert_with(|| own_framework(record))
            .as_ref()
    }
}

/// The framework `record` was made with, read afresh, when it is at hand exactly as it
/// was (see [`Frameworks::own`], which keeps what this finds); never an error.
pub(crate) fn own_framework(record: &Record) -> Option<Framework> {
    let wanted = &record.framework;
    let path =
        (wanted.source != FrameworkSource::BuiltIn).then(|| Path::new(wanted.source.as_str()));
    framework::load(path)
        .ok()
        .filter(|loaded| loaded.digest == wanted.digest)
        .map(|loaded| loaded.framework)
}
