//! What signing with a key needs, settled before anyone is asked for a passphrase:
//! the key in force (read and checked when the command starts, so that a missing or
//! unprotected key is said at once, not after the checklist), whether keys are
//! required, and the organisation's signers and revoked-keys files, which the key is
//! checked against before it signs.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use zeroize::Zeroizing;

use super::signers::{Listing, Revoked, Signers, name_problem};
use super::{KeyFile, Unlocked};
use crate::config::Settings;
use crate::diagnostic::{self, Report};
use crate::error::{Error, KeyProblem};
use crate::record::{Part, Record};

/// The variable an automated run gives a key's passphrase in.
pub const PASSPHRASE_VAR: &str = "FAIRNESS_KEY_PASSPHRASE";

/// The organisation's files: who may sign with which key, and which keys are revoked.
#[derive(Default)]
pub struct Trust {
    pub signers: Option<(PathBuf, Signers)>,
    pub revoked: Option<(PathBuf, Revoked)>,
}

impl Trust {
    /// The files the settings name, read; each refused with every problem placed.
    pub fn load(settings: &Settings) -> Result<Trust, Error> {
        let signers = (settings.signers.value.as_deref())
            .map(|p| read(p, invalid_signers, Signers::parse).map(|s| (p.to_owned(), s)))
            .transpose()?;
        let revoked = (settings.revoked_keys.value.as_deref())
            .map(|p| read(p, invalid_revoked, Revoked::parse).map(|r| (p.to_owned(), r)))
            .transpose()?;
        Ok(Trust { signers, revoked })
    }
}

fn invalid_signers(report: Report) -> Error {
    Error::InvalidKeyList {
        what: "allowed-signers file",
        report,
    }
}

fn invalid_revoked(report: Report) -> Error {
    Error::InvalidKeyList {
        what: "revoked-keys file",
        report,
    }
}

fn read<T>(
    path: &Path,
    invalid: fn(Report) -> Error,
    parse: fn(&str) -> Result<T, Vec<diagnostic::Diagnostic>>,
) -> Result<T, Error> {
    let text = crate::source::read_edited_for(path, invalid)?;
    parse(&text).map_err(|problems| {
        invalid(Report::new(
            path.display().to_string(),
            Some(text.clone()),
            problems,
        ))
    })
}

/// How a run from a file signs: the plan, and where a protected key's passphrase is
/// (a file, else FAIRNESS_KEY_PASSPHRASE).
pub struct Signing<'p> {
    pub plan: &'p Plan,
    pub passphrase_file: Option<&'p Path>,
}

/// How signing will go.
pub struct Plan {
    /// The key to sign with; `None`: signatures carry no key.
    pub key: Option<KeyFile>,
    /// Where `require_keys` was set, when it is.
    pub required: Option<String>,
    pub trust: Trust,
}

impl Plan {
    /// The plan the settings make: the key set, else `fairness key new`'s if it is
    /// there. Refused when keys are required and there is none, or when the key cannot
    /// be used.
    pub fn from_settings(settings: &Settings) -> Result<Plan, Error> {
        let path = match &settings.key.value {
            Some(path) => Some(path.clone()),
            None => super::default_key().filter(|p| p.exists()),
        };
        let required =
            (settings.require_keys.value).then(|| settings.require_keys.from.to_string());
        // A key set but not there is said with what set it.
        let key = match path.as_deref().map(KeyFile::open).transpose() {
            Err(Error::Key(KeyProblem::Missing { path })) => {
                return Err(Error::Key(KeyProblem::MissingSet {
                    path,
                    from: settings.key.from.to_string(),
                }));
            }
            other => other?,
        };
        if let (None, Some(from)) = (&key, &required) {
            return Err(Error::Key(KeyProblem::Required { from: from.clone() }));
        }
        let trust = match key {
            Some(_) => Trust::load(settings)?,
            None => Trust::default(),
        };
        Ok(Plan {
            key,
            required,
            trust,
        })
    }

    /// How a run from a file signs with this plan.
    pub fn signing<'p>(&'p self, passphrase_file: Option<&'p Path>) -> Signing<'p> {
        Signing {
            plan: self,
            passphrase_file,
        }
    }

    /// Whether `record` can carry a key signature; refused where keys are required and
    /// it cannot.
    pub fn applies_to(&self, record: &Record) -> Result<bool, Error> {
        let v1 = record.format == crate::record::Format::V1;
        match (&self.key, &self.required) {
            (Some(_), Some(from)) if v1 => {
                Err(Error::Key(KeyProblem::Format1 { from: from.clone() }))
            }
            (Some(_), _) => Ok(!v1),
            (None, _) => Ok(false),
        }
    }

    /// Checks the key against the organisation's files before `name` signs with it at
    /// `now`: refused when it is revoked, listed for the name but not now, or (where
    /// keys are required) not listed for the name. A warning, to say, when it is not
    /// listed and keys are not required.
    pub fn check_signer(&self, name: &str, now: Timestamp) -> Result<Option<String>, Error> {
        let Some(key) = &self.key else {
            return Ok(None);
        };
        let public = key.public();
        if let Some((file, revoked)) = &self.trust.revoked
            && let Some(line) = revoked.line_of(&public)
        {
            return Err(Error::Key(KeyProblem::Revoked {
                fingerprint: key.fingerprint(),
                file: file.clone(),
                line,
            }));
        }
        let Some((file, signers)) = &self.trust.signers else {
            return Ok(None);
        };
        if let Some(why) = name_problem(name) {
            return Err(Error::Key(KeyProblem::Name {
                name: name.to_owned(),
                why,
            }));
        }
        let refuse = |why: String| {
            Err(Error::Key(KeyProblem::NotListed {
                name: name.to_owned(),
                fingerprint: key.fingerprint(),
                signers: file.clone(),
                why,
            }))
        };
        match signers.lookup(name, &public, now) {
            Listing::Listed { .. } => Ok(None),
            Listing::Expired { line, before } => refuse(format!(
                "lists this key for the name only until {} (line {line}, `valid-before`)",
                crate::value::shown_time(&before.to_string())
            )),
            Listing::NotYet { line, after } => refuse(format!(
                "lists this key for the name only from {} (line {line}, `valid-after`)",
                crate::value::shown_time(&after.to_string())
            )),
            Listing::OtherNamespace { line } => refuse(format!(
                "lists this key for the name, but not for fairness records (line {line}, `namespaces`)"
            )),
            Listing::Unlisted { listed_for } => {
                let why = unlisted_why(&listed_for);
                if self.required.is_some() {
                    refuse(why)
                } else {
                    Ok(Some(format!(
                        "the signers file `{}` {why}: the signature will be checked as made with a key not listed for \"{}\". If this is your key, send the line `fairness key show` prints to your governance lead; if it is not, sign with your own (`--key`)",
                        crate::error::shown(file),
                        crate::terminal::neutralise(name)
                    )))
                }
            }
        }
    }

    /// The key signature `part` of `record` gets, from `key`.
    pub fn sign(record: &mut Record, part: Part, key: &Unlocked) {
        let bytes = record
            .signed_bytes(part)
            .expect("a part just signed has its bytes");
        record.set_key_signature(part, key.sign(bytes.as_bytes()));
    }
}

/// "does not list this key", and for whom it does.
pub fn unlisted_why(listed_for: &[String]) -> String {
    if listed_for.is_empty() {
        "does not list this key".to_owned()
    } else {
        let names: Vec<String> = listed_for
            .iter()
            .map(|n| format!("\"{}\"", crate::terminal::neutralise(n)))
            .collect();
        format!(
            "lists this key only for {}, not for this name",
            names.join(", ")
        )
    }
}

/// A passphrase for signing without a terminal: from `file` (its first line), else
/// from FAIRNESS_KEY_PASSPHRASE; with what to say of where it came from.
pub fn passphrase_from(
    file: Option<&Path>,
    key: &KeyFile,
) -> Result<(Zeroizing<String>, String), Error> {
    match given_passphrase(file)? {
        Some(given) => Ok(given),
        None if !key.protected() => Ok((Zeroizing::new(String::new()), String::new())),
        None => Err(Error::Key(KeyProblem::NoPassphrase {
            path: key.path.clone(),
        })),
    }
}

/// A passphrase from the first line of `file`, else from FAIRNESS_KEY_PASSPHRASE, if
/// either is given; with where it came from, in words.
pub fn given_passphrase(file: Option<&Path>) -> Result<Option<(Zeroizing<String>, String)>, Error> {
    if let Some(path) = file {
        let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|io| Error::Read {
            path: path.to_owned(),
            io,
        })?);
        let first = Zeroizing::new(text.lines().next().unwrap_or("").to_owned());
        if first.is_empty() {
            return Err(Error::Key(KeyProblem::EmptyPassphrase {
                path: path.to_owned(),
            }));
        }
        let said = format!(
            "the key's passphrase was read from `{}`",
            crate::error::shown(path)
        );
        return Ok(Some((first, said)));
    }
    Ok(std::env::var(PASSPHRASE_VAR)
        .ok()
        .filter(|v| !v.is_empty())
        .map(|v| {
            let said = format!("the key's passphrase was read from {PASSPHRASE_VAR}");
            (Zeroizing::new(v), said)
        }))
}
