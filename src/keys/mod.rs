//! Keys and signatures that prove who signed: an Ed25519 key in OpenSSH's own format,
//! protected by a passphrase, and SSH signatures ("sshsig", namespace
//! [`NAMESPACE`]) over exactly the bytes a seal covers, which anyone can check with
//! `ssh-keygen -Y verify` and an allowed-signers file, without fairness.
//!
//! A record keeps each signature beside the seal it goes with, as the base64 of the
//! signature's bytes on one line: [`armour`] turns that back into the file OpenSSH
//! reads. Which key may sign for whom is the organisation's allowed-signers file
//! ([`signers`]); a key that must no longer be trusted is in its revoked-keys file.

pub mod check;
pub mod plan;
pub mod signers;

use std::path::{Path, PathBuf};

use ssh_key::rand_core::OsRng;
use ssh_key::{Algorithm, HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};
use zeroize::Zeroizing;

use crate::error::{Error, KeyProblem};

/// What every fairness signature is made for, so that it cannot be passed off as a
/// signature of anything else (a git commit, a file), nor one of those as a record's.
pub const NAMESPACE: &str = "fairness-record";

/// The name of the key `fairness key new` makes, in the keys folder.
pub const KEY_NAME: &str = "fairness_ed25519";

/// OpenSSH writes a signature's base64 in lines of this many characters.
const ARMOUR_WIDTH: usize = 70;
const BEGIN: &str = "-----BEGIN SSH SIGNATURE-----";
const END: &str = "-----END SSH SIGNATURE-----";

/// A private key file, read and checked, not yet unlocked.
pub struct KeyFile {
    pub path: PathBuf,
    key: PrivateKey,
}

/// A key unlocked with its passphrase: it can sign.
pub struct Unlocked {
    key: PrivateKey,
}

impl KeyFile {
    /// Reads the key at `path`: refused when it is not there, when others may read it
    /// (as OpenSSH refuses such a key), when it is not an OpenSSH private key, and
    /// when it is not Ed25519.
    pub fn open(path: &Path) -> Result<KeyFile, Error> {
        let refuse = |why| Error::Key(why);
        let text = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(io) if io.kind() == std::io::ErrorKind::NotFound => {
                return Err(refuse(KeyProblem::Missing {
                    path: path.to_owned(),
                }));
            }
            Err(io) => {
                return Err(Error::Read {
                    path: path.to_owned(),
                    io,
                });
            }
        };
        // A public key is said to be one, whoever may read it.
        if String::from_utf8_lossy(&text).starts_with("ssh-") {
            return Err(refuse(KeyProblem::NotAKey {
                path: path.to_owned(),
                public: true,
            }));
        }
        if let Some(access) =
            crate::platform::readable_by_others(path).map_err(|io| Error::Read {
                path: path.to_owned(),
                io,
            })?
        {
            return Err(refuse(KeyProblem::Unprotected {
                path: path.to_owned(),
                access,
            }));
        }
        let key = PrivateKey::from_openssh(&text).map_err(|_| {
            // OpenSSH's format, of a kind this build cannot read (ECDSA, say).
            if text.starts_with(b"-----BEGIN OPENSSH PRIVATE KEY-----") {
                return refuse(KeyProblem::NotEd25519 {
                    path: path.to_owned(),
                    algorithm: String::new(),
                });
            }
            refuse(KeyProblem::NotAKey {
                path: path.to_owned(),
                public: false,
            })
        })?;
        if key.algorithm() != Algorithm::Ed25519 {
            return Err(refuse(KeyProblem::NotEd25519 {
                path: path.to_owned(),
                algorithm: key.algorithm().to_string(),
            }));
        }
        Ok(KeyFile {
            path: path.to_owned(),
            key,
        })
    }

    /// The public key as one line of an allowed-signers file takes it:
    /// `ssh-ed25519 AAAA…`, without its comment.
    pub fn public(&self) -> String {
        public_line(self.key.public_key())
    }

    /// `SHA256:…`, as `ssh-keygen -l` shows it.
    pub fn fingerprint(&self) -> String {
        self.key.fingerprint(HashAlg::Sha256).to_string()
    }

    /// The comment stored with the key (fairness stores the signer's name).
    pub fn comment(&self) -> &str {
        self.key.comment()
    }

    /// Whether a passphrase is needed to sign with it.
    pub fn protected(&self) -> bool {
        self.key.is_encrypted()
    }

    /// The key, unlocked; a wrong passphrase is refused. A key with no passphrase
    /// takes any.
    pub fn unlock(&self, passphrase: &str) -> Result<Unlocked, Error> {
        if !self.key.is_encrypted() {
            return Ok(Unlocked {
                key: self.key.clone(),
            });
        }
        match self.key.decrypt(passphrase.as_bytes()) {
            Ok(key) => Ok(Unlocked { key }),
            Err(_) => Err(Error::Key(KeyProblem::WrongPassphrase {
                path: self.path.clone(),
            })),
        }
    }
}

impl Unlocked {
    /// An SSH signature of `message`, as a record keeps it (see [`armour`]).
    pub fn sign(&self, message: &[u8]) -> String {
        let signature = self
            .key
            .sign(NAMESPACE, HashAlg::Sha512, message)
            .expect("an unlocked Ed25519 key signs any message");
        let pem = signature
            .to_pem(LineEnding::LF)
            .expect("a signature just made encodes");
        stored(&pem)
    }
}

/// A new Ed25519 key with `comment`, encrypted with `passphrase`: the private key in
/// OpenSSH's format, and the public key's line (`ssh-ed25519 AAAA… comment`).
pub fn new_key(comment: &str, passphrase: &str) -> (Zeroizing<String>, String) {
    let mut key =
        PrivateKey::random(&mut OsRng, Algorithm::Ed25519).expect("the system makes random keys");
    key.set_comment(comment);
    // The comment is kept inside the encrypted part: the public line is taken first.
    let public = key.public_key().to_openssh().expect("a new key encodes");
    let key = key
        .encrypt(&mut OsRng, passphrase.as_bytes())
        .expect("a new key encrypts");
    let private = key.to_openssh(LineEnding::LF).expect("a new key encodes");
    (private, public)
}

/// `ssh-ed25519 AAAA…`: a public key's type and base64, which is how two files name
/// the same key whatever their comments.
pub fn public_line(key: &PublicKey) -> String {
    let line = key.to_openssh().unwrap_or_default();
    line.split(' ').take(2).collect::<Vec<_>>().join(" ")
}

/// A signature's PEM file as a record keeps it: the base64 alone, on one line.
fn stored(pem: &str) -> String {
    pem.lines()
        .filter(|line| !line.starts_with("-----"))
        .collect()
}

/// A signature as a record keeps it, as the file `ssh-keygen -Y verify -s` reads.
pub fn armour(stored: &str) -> String {
    let mut out = String::with_capacity(stored.len() + 80);
    out.push_str(BEGIN);
    out.push('\n');
    let bytes = stored.as_bytes();
    for chunk in bytes.chunks(ARMOUR_WIDTH) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push('\n');
    }
    out.push_str(END);
    out.push('\n');
    out
}

/// Who a good signature is from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedBy {
    /// `ssh-ed25519 AAAA…`.
    pub key: String,
    /// `SHA256:…`.
    pub fingerprint: String,
}

/// Why a signature does not count at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Bad {
    /// It is not an SSH signature.
    Unreadable,
    /// It is one made for something other than a fairness record.
    Namespace(String),
    /// It does not match the bytes it is kept with (they, or it, have changed).
    Mismatch { by: SignedBy },
}

/// Checks the signature `stored` over `message`: who it is from, if it is good.
pub fn verify(stored: &str, message: &[u8]) -> Result<SignedBy, Bad> {
    let valid = stored
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
    if !valid || stored.is_empty() {
        return Err(Bad::Unreadable);
    }
    let signature = SshSig::from_pem(armour(stored)).map_err(|_| Bad::Unreadable)?;
    let public = PublicKey::new(signature.public_key().clone(), "");
    let by = SignedBy {
        key: public_line(&public),
        fingerprint: public.fingerprint(HashAlg::Sha256).to_string(),
    };
    if signature.namespace() != NAMESPACE {
        return Err(Bad::Namespace(signature.namespace().to_owned()));
    }
    match public.verify(NAMESPACE, message, &signature) {
        Ok(()) => Ok(by),
        Err(_) => Err(Bad::Mismatch { by }),
    }
}

/// The key in force, as `fairness config` shows it: the one set, else `fairness key
/// new`'s, if it is there.
pub fn in_force(settings: &crate::config::Settings) -> String {
    use crate::error::shown;
    if let Some(path) = &settings.key.value {
        return shown(path);
    }
    match default_key() {
        Some(path) if path.exists() => format!("{} (made by `fairness key new`)", shown(&path)),
        _ => "none (signatures carry no key; `fairness key new` makes one)".to_owned(),
    }
}

/// "  signed with the key SHA256:…\n" where `part` of `record` carries a good key
/// signature, for the summaries that follow signing; nothing otherwise.
pub fn keyed_line(record: &crate::record::Record, part: crate::record::Part) -> String {
    let by = (record.key_signature(part))
        .zip(record.signed_bytes(part))
        .and_then(|(signature, bytes)| verify(signature, bytes.as_bytes()).ok());
    match by {
        Some(by) => format!("  signed with the key {}\n", by.fingerprint),
        None => String::new(),
    }
}

/// `KEY.pub` beside `KEY`, as ssh-keygen writes it.
pub fn public_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".pub");
    PathBuf::from(name)
}

/// The folder `fairness key new` keeps keys in: `keys` beside the config file.
pub fn keys_folder() -> Option<PathBuf> {
    crate::config::file_path().and_then(|p| p.parent().map(|f| f.join("keys")))
}

/// The key `fairness key new` makes, where it is (whether or not it is there).
pub fn default_key() -> Option<PathBuf> {
    keys_folder().map(|f| f.join(KEY_NAME))
}

/// What came of asking for a key's passphrase ([`unlock_asking`]).
pub enum Asked<S> {
    /// A passphrase unlocked it.
    Unlocked(Unlocked),
    /// The person stopped asking, with this (back, leave).
    Stopped(S),
    /// Three passphrases did not unlock it: the error that says so.
    Locked(Error),
}

/// How many passphrases are asked for before the key is given up on.
const TRIES: usize = 3;

/// Asks for `key`'s passphrase with `ask` (told whether the one before it did not
/// unlock the key) until one does, three times at most: the checklist's sign-off and
/// `countersign` ask in one way.
pub fn unlock_asking<S>(
    key: &KeyFile,
    mut ask: impl FnMut(bool) -> Result<Result<Zeroizing<String>, S>, Error>,
) -> Result<Asked<S>, Error> {
    for attempt in 0..TRIES {
        match ask(attempt > 0)? {
            Ok(passphrase) => {
                if let Ok(unlocked) = key.unlock(&passphrase) {
                    return Ok(Asked::Unlocked(unlocked));
                }
            }
            Err(stopped) => return Ok(Asked::Stopped(stopped)),
        }
    }
    Ok(Asked::Locked(Error::Key(KeyProblem::Unlocked {
        path: key.path.clone(),
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unlocked() -> Unlocked {
        let key = PrivateKey::random(&mut OsRng, Algorithm::Ed25519).unwrap();
        Unlocked { key }
    }

    #[test]
    fn a_signature_is_kept_on_one_line_and_armoured_as_openssh_writes_it() {
        let key = unlocked();
        let signature = key.key.sign(NAMESPACE, HashAlg::Sha512, b"bytes").unwrap();
        let pem = signature.to_pem(LineEnding::LF).unwrap();
        let kept = key.sign(b"bytes");
        assert!(!kept.contains('\n'));
        assert_eq!(armour(&stored(&pem)), pem);
    }

    #[test]
    fn a_good_signature_names_its_key_and_any_change_is_caught() {
        let key = unlocked();
        let kept = key.sign(b"the sealed bytes");
        let by = verify(&kept, b"the sealed bytes").unwrap();
        assert_eq!(by.key, public_line(key.key.public_key()));
        assert!(by.fingerprint.starts_with("SHA256:"));
        assert_eq!(
            verify(&kept, b"the sealed bytez"),
            Err(Bad::Mismatch { by: by.clone() })
        );
        assert_eq!(verify("not base64!", b"x"), Err(Bad::Unreadable));
        assert_eq!(verify("", b"x"), Err(Bad::Unreadable));
        // One character of the signature changed.
        let mut changed: Vec<char> = kept.chars().collect();
        let at = changed.len() - 10;
        changed[at] = if changed[at] == 'A' { 'B' } else { 'A' };
        let changed: String = changed.into_iter().collect();
        assert!(verify(&changed, b"the sealed bytes").is_err());
    }

    #[test]
    fn a_signature_made_for_something_else_is_not_a_records() {
        let key = unlocked();
        let signature = key.key.sign("git", HashAlg::Sha512, b"x").unwrap();
        let kept = stored(&signature.to_pem(LineEnding::LF).unwrap());
        assert_eq!(verify(&kept, b"x"), Err(Bad::Namespace("git".to_owned())));
    }

    #[test]
    fn a_new_key_is_protected_and_opens_only_with_its_passphrase() {
        let (private, public) = new_key("Dr Ada Example", "correct horse");
        let key = PrivateKey::from_openssh(private.as_bytes()).unwrap();
        assert!(key.is_encrypted());
        assert!(public.starts_with("ssh-ed25519 AAAA"));
        assert!(public.ends_with(" Dr Ada Example"));
        let file = KeyFile {
            path: PathBuf::from("k"),
            key,
        };
        assert!(file.protected());
        assert!(matches!(
            file.unlock("wrong"),
            Err(Error::Key(KeyProblem::WrongPassphrase { .. }))
        ));
        let signed = file.unlock("correct horse").unwrap().sign(b"m");
        assert_eq!(verify(&signed, b"m").unwrap().key, file.public());
    }
}
