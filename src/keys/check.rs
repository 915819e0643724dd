//! `verify`'s look at each signature's key: whether a key signed it, whether the
//! signature is good, and what the organisation's files say of the key for the name
//! signed in.

use jiff::Timestamp;

use super::plan::{Trust, unlisted_why};
use super::signers::Listing;
use super::{Bad, SignedBy};
use crate::record::{Part, Record};

/// One signature, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub part: Part,
    /// The name signed in, as typed.
    pub name: String,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Signed by this key, which the signers file lists for the name (on `line`).
    Listed { by: SignedBy, line: u32 },
    /// A good signature by a key the signers file does not list for the name.
    Unlisted { by: SignedBy, why: String },
    /// A good signature by a key listed for the name, but not then, or not for records.
    NotValid { by: SignedBy, why: String },
    /// A good signature by a key in the revoked-keys file.
    Revoked { by: SignedBy },
    /// A good signature, with no signers file to say whose key it is.
    Unchecked { by: SignedBy },
    /// A signature that does not hold.
    Bad(Bad),
    /// No key was used.
    NoKey,
    /// A good signature by the key of an earlier signature of the record, in another
    /// name: one person signed twice, as two.
    SameKey { by: SignedBy, as_number: usize },
}

impl Outcome {
    /// Whether it makes the record fail: a bad signature or a revoked key always;
    /// where keys are required, a signature without a key or by one not listed for the
    /// name.
    pub fn fails(&self, required: bool) -> bool {
        match self {
            Outcome::Bad(_) | Outcome::Revoked { .. } | Outcome::SameKey { .. } => true,
            Outcome::NoKey | Outcome::Unlisted { .. } | Outcome::NotValid { .. } => required,
            Outcome::Listed { .. } | Outcome::Unchecked { .. } => false,
        }
    }

    /// A word for JSON and tests: `listed`, `unlisted`, `not-valid`, `revoked`,
    /// `unchecked`, `bad`, `no-key`.
    pub fn id(&self) -> &'static str {
        match self {
            Outcome::Listed { .. } => "listed",
            Outcome::Unlisted { .. } => "unlisted",
            Outcome::NotValid { .. } => "not-valid",
            Outcome::Revoked { .. } => "revoked",
            Outcome::Unchecked { .. } => "unchecked",
            Outcome::Bad(_) => "bad",
            Outcome::NoKey => "no-key",
            Outcome::SameKey { .. } => "same-key",
        }
    }

    /// The key's fingerprint, where a readable signature names one.
    pub fn fingerprint(&self) -> Option<&str> {
        match self {
            Outcome::Listed { by, .. }
            | Outcome::Unlisted { by, .. }
            | Outcome::NotValid { by, .. }
            | Outcome::Revoked { by }
            | Outcome::Unchecked { by }
            | Outcome::SameKey { by, .. }
            | Outcome::Bad(Bad::Mismatch { by }) => Some(&by.fingerprint),
            Outcome::Bad(_) | Outcome::NoKey => None,
        }
    }

    /// What it is, in words, after "signature N: ".
    pub fn describe(&self, name: &str, signers: Option<&str>) -> String {
        let name = crate::terminal::neutralise(name);
        let file = signers.map(|f| format!(" in `{f}`")).unwrap_or_default();
        match self {
            Outcome::Listed { by, line } => format!(
                "signed with the key {}, listed for \"{name}\"{file} (line {line})",
                by.fingerprint
            ),
            Outcome::Unlisted { by, why } => format!(
                "NOT LISTED: signed with the key {}, but the signers file {why}; the signature is not shown to be \"{name}\"'s",
                by.fingerprint
            ),
            Outcome::NotValid { by, why } => format!(
                "NOT VALID: signed with the key {}, but the signers file {why}",
                by.fingerprint
            ),
            Outcome::Revoked { by } => format!(
                "REVOKED: signed with the key {}, which is in the revoked-keys file",
                by.fingerprint
            ),
            Outcome::Unchecked { by } => format!(
                "signed with the key {} (not checked against a signers file: give `--signers`)",
                by.fingerprint
            ),
            Outcome::Bad(Bad::Mismatch { by }) => format!(
                "BAD SIGNATURE: the signature by the key {} does not match what it signs: the record, or the signature, has been changed",
                by.fingerprint
            ),
            Outcome::Bad(Bad::Namespace(other)) => format!(
                "BAD SIGNATURE: it was made for `{}`, not for a fairness record",
                crate::terminal::neutralise(other)
            ),
            Outcome::Bad(Bad::Unreadable) => {
                "BAD SIGNATURE: its `key_signature` is not an SSH signature".to_owned()
            }
            Outcome::NoKey => "no key: signed without a key".to_owned(),
            Outcome::SameKey { by, as_number } => format!(
                "SAME KEY: signed with the key {}, which made signature {as_number} in another name: one person signed both",
                by.fingerprint
            ),
        }
    }
}

impl Checked {
    /// As `verify --format json` gives it.
    pub fn found(&self, required: bool) -> crate::record::report::KeyFound {
        crate::record::report::KeyFound {
            number: self.part.number(),
            outcome: self.outcome.id(),
            fingerprint: self.outcome.fingerprint().map(str::to_owned),
            says: self.outcome.describe(&self.name, None),
            counts: !self.outcome.fails(required),
        }
    }
}

/// What `verify` checks keys against, from its flags and the settings: the
/// organisation's files, and whether keys are required.
pub fn trust(
    signers: Option<&std::path::Path>,
    revoked_keys: Option<&std::path::Path>,
    require_keys: bool,
) -> Result<(Trust, bool), crate::Error> {
    let settings = crate::config::settings(crate::config::Given {
        signers,
        revoked_keys,
        require_keys,
        ..Default::default()
    })?;
    Ok((Trust::load(&settings)?, settings.require_keys.value))
}

/// Each intact record's signatures, checked; nothing for any other.
pub fn each(given: &[crate::record::report::Given], trust: &Trust) -> Vec<Vec<Checked>> {
    (given.iter())
        .map(|g| g.intact().map_or_else(Vec::new, |r| check(r, trust)))
        .collect()
}

/// Every signature of `record`, checked against `trust`.
pub fn check(record: &Record, trust: &Trust) -> Vec<Checked> {
    let mut checked: Vec<Checked> = record
        .signed_parts()
        .into_iter()
        .map(|part| {
            let (name, at) = record.signed_by(part).unwrap_or_default();
            // The signed bytes (the record written out again) only where there is a key
            // signature to check them against: most records have none.
            let signed = record
                .key_signature(part)
                .and_then(|signature| Some((signature, record.signed_bytes(part)?)));
            let outcome = match signed {
                Some((signature, bytes)) => match super::verify(signature, bytes.as_bytes()) {
                    Ok(by) => judge(by, name, at, trust),
                    Err(bad) => Outcome::Bad(bad),
                },
                _ => Outcome::NoKey,
            };
            Checked {
                part,
                name: name.to_owned(),
                outcome,
            }
        })
        .collect();
    // A signature by the key of an earlier one, in another name, is the same person.
    for n in 1..checked.len() {
        let Some(by) = good_by(&checked[n].outcome).cloned() else {
            continue;
        };
        let earlier = (0..n).find(|&m| {
            good_by(&checked[m].outcome).is_some_and(|b| b.key == by.key)
                && checked[m].name != checked[n].name
        });
        if let Some(m) = earlier {
            checked[n].outcome = Outcome::SameKey {
                by,
                as_number: checked[m].part.number(),
            };
        }
    }
    checked
}

fn judge(by: SignedBy, name: &str, at: &str, trust: &Trust) -> Outcome {
    if trust
        .revoked
        .as_ref()
        .is_some_and(|(_, r)| r.contains(&by.key))
    {
        return Outcome::Revoked { by };
    }
    let Some((_, signers)) = &trust.signers else {
        return Outcome::Unchecked { by };
    };
    // Valid when it was signed: the time the signature covers.
    let at = at.parse::<Timestamp>().unwrap_or_else(|_| Timestamp::now());
    match signers.lookup(name, &by.key, at) {
        Listing::Listed { line } => Outcome::Listed { by, line },
        Listing::Unlisted { listed_for } => Outcome::Unlisted {
            by,
            why: unlisted_why(&listed_for),
        },
        Listing::Expired { line, before } => Outcome::NotValid {
            by,
            why: format!(
                "lists it for the name only until {} (line {line}), before this was signed",
                crate::value::shown_time(&before.to_string())
            ),
        },
        Listing::NotYet { line, after } => Outcome::NotValid {
            by,
            why: format!(
                "lists it for the name only from {} (line {line}), after this was signed",
                crate::value::shown_time(&after.to_string())
            ),
        },
        Listing::OtherNamespace { line } => Outcome::NotValid {
            by,
            why: format!("lists it for the name, but not for fairness records (line {line})"),
        },
    }
}

/// The lines `verify` says of the keys under a record's verdict, each beginning with
/// two spaces; nothing where no key signed, no signers file was given and keys are
/// not required, so that such a record reads as it did before keys.
pub fn lines(checks: &[Checked], signers: Option<&std::path::Path>, required: bool) -> String {
    let keyed = checks.iter().any(|c| c.outcome != Outcome::NoKey);
    if checks.is_empty() || !(keyed || signers.is_some() || required) {
        return String::new();
    }
    let file = signers.map(crate::error::shown);
    // Said first where it fails: the seal holds, but the record does not pass.
    let mut out = String::from(if failing(checks, required) {
        "  KEYS: A SIGNATURE DOES NOT COUNT; keys"
    } else {
        "  keys"
    });
    out.push_str(&match &file {
        Some(f) => format!(", checked against `{f}`"),
        None => {
            " (no signers file: give `--signers`, or set `signers` in the config file)".to_owned()
        }
    });
    out.push_str(if required {
        ", every signature required to have one:\n"
    } else {
        ":\n"
    });
    for c in checks {
        out.push_str(&format!(
            "    signature {}: {}\n",
            c.part.number(),
            c.outcome.describe(&c.name, None)
        ));
        // Failing only because keys are required: say so.
        if c.outcome.fails(required) && !c.outcome.fails(false) {
            out.push_str(
                "      keys are required (`require_keys`): this signature does not count\n",
            );
        }
    }
    out
}

/// Whether any of a record's signatures makes it fail ([`Outcome::fails`]).
pub fn failing(checks: &[Checked], required: bool) -> bool {
    checks.iter().any(|c| c.outcome.fails(required))
}

/// Each record's checks as `verify --format json` gives them.
pub fn found(keys: &[Vec<Checked>], required: bool) -> Vec<Vec<crate::record::report::KeyFound>> {
    (keys.iter())
        .map(|k| k.iter().map(|c| c.found(required)).collect())
        .collect()
}

/// What `verify`'s count of intact records adds: how many have a key signature that
/// does not count (nothing when none has).
pub fn not_counting(keys: &[Vec<Checked>], required: bool) -> String {
    match keys.iter().filter(|k| failing(k, required)).count() {
        0 => String::new(),
        n => format!(" ({n} with a key signature that does not count)"),
    }
}

/// The signer of a good signature, whatever the files say of its key.
fn good_by(outcome: &Outcome) -> Option<&SignedBy> {
    match outcome {
        Outcome::Listed { by, .. }
        | Outcome::Unlisted { by, .. }
        | Outcome::NotValid { by, .. }
        | Outcome::Revoked { by }
        | Outcome::Unchecked { by } => Some(by),
        _ => None,
    }
}

/// Refuses to build on `record` (`what`: countersign or amend it) when any of its
/// signatures does not count: a new signature must not vouch for a forged one.
pub fn refuse_unless_counted(
    record: &Record,
    trust: &Trust,
    required: bool,
    what: &'static str,
) -> Result<(), crate::Error> {
    match check(record, trust)
        .into_iter()
        .find(|c| c.outcome.fails(required))
    {
        None => Ok(()),
        Some(c) => Err(crate::Error::Key(crate::error::KeyProblem::RecordFails {
            what,
            number: c.part.number(),
            says: c.outcome.describe(&c.name, None),
        })),
    }
}

/// Refuses `key` for a review of `record` when an earlier signature was made with it.
pub fn refuse_same_key(record: &Record, key: &str) -> Result<(), crate::Error> {
    let same = (record.signed_parts().into_iter()).find(|&part| {
        (record.key_signature(part).zip(record.signed_bytes(part)))
            .and_then(|(s, b)| super::verify(s, b.as_bytes()).ok())
            .is_some_and(|by| by.key == key)
    });
    match same {
        None => Ok(()),
        Some(part) => Err(crate::Error::Key(crate::error::KeyProblem::SameKeyAgain {
            number: part.number(),
        })),
    }
}

/// `verify`'s first line of a record, saying so where a key signature does not count:
/// the seal holds, but the record does not pass. With whether it fails.
pub fn headline(
    line: String,
    checks: &[Checked],
    required: bool,
    console: &crate::terminal::Console,
) -> (String, bool) {
    if !failing(checks, required) {
        return (line, false);
    }
    let intact = format!("{}, signed by", console.good("intact"));
    let said = format!(
        "{} (its seal holds), but {}; signed by",
        console.good("intact"),
        console.bad("A KEY SIGNATURE DOES NOT COUNT")
    );
    (line.replacen(&intact, &said, 1), true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::{review, well_formed_signed};
    use crate::record::{Outcome as Review, Part};

    fn key() -> super::super::Unlocked {
        let (private, _) = super::super::new_key("x", "long enough passphrase");
        let key = ssh_key::PrivateKey::from_openssh(private.as_bytes()).unwrap();
        let file = super::super::KeyFile {
            path: "k".into(),
            key,
        };
        file.unlock("long enough passphrase").unwrap()
    }

    #[test]
    fn a_review_signed_with_the_signers_key_in_another_name_is_the_same_person() {
        let key = key();
        let mut record = well_formed_signed();
        super::super::plan::Plan::sign(&mut record, Part::SignOff, &key);
        record.add_review(review(Review::Countersigned, "Dr Second"));
        super::super::plan::Plan::sign(&mut record, Part::Review(0), &key);
        let checked = check(&record, &Trust::default());
        assert_eq!(checked[0].outcome.id(), "unchecked");
        assert_eq!(checked[1].outcome.id(), "same-key");
        assert!(checked[1].outcome.fails(false));
        assert!(refuse_unless_counted(&record, &Trust::default(), false, "countersigned").is_err());
        let public = super::super::verify(
            record.key_signature.as_deref().unwrap(),
            record.signed_bytes(Part::SignOff).unwrap().as_bytes(),
        )
        .unwrap()
        .key;
        assert!(refuse_same_key(&record, &public).is_err());
        assert!(refuse_same_key(&record, "ssh-ed25519 AAAAother").is_ok());
    }
}
