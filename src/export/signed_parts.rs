//! `export --format signed-parts -o FOLDER`: for each key signature of each record, the
//! exact bytes it signs and the signature, as files `ssh-keygen -Y verify` reads, with
//! the command that checks them, so that anyone can check who signed without fairness.
//!
//! For a record file `CASE-1.yaml`, signature N gives `CASE-1.sig-N.signed` (the bytes
//! its seal covers) and `CASE-1.sig-N.signed.sig` (the SSH signature, as `ssh-keygen
//! -Y sign` would have written it beside the file); `VERIFY.txt` holds a command for
//! each, checked against the organisation's allowed-signers file at the time it was
//! signed.

use std::path::{Path, PathBuf};

use crate::atomic_file::{self, PRIVATE};
use crate::diagnostic::Report;
use crate::error::{Error, Usage};
use crate::keys::{self, NAMESPACE};
use crate::platform::Stop;
use crate::record::found::{Outcome as Found, check_all};
use crate::record::{Integrity, Part, Record};

/// What was written.
pub struct Written {
    pub folder: PathBuf,
    /// Key signatures written, and records read.
    pub signatures: usize,
    pub records: usize,
    /// Records judged altered (their parts are written, and will not check).
    pub altered: Vec<String>,
    /// Signatures made without a key: nothing to write for them.
    pub unkeyed: usize,
    /// The commands, as VERIFY.txt holds them.
    pub commands: String,
}

/// One file to write: where, and its bytes.
struct File {
    path: PathBuf,
    bytes: Vec<u8>,
}

/// Reads and verifies `records`, then writes every key signature's parts to `folder`;
/// nothing is written unless every record could be read and no file would be replaced.
pub fn export(records: &[PathBuf], folder: Option<&Path>, stop: &Stop) -> Result<Written, Error> {
    let folder = folder
        .filter(|p| *p != Path::new("-"))
        .ok_or(Usage::SignedPartsNeedFolder)?;
    let mut files = Vec::new();
    let mut commands = String::from(COMMANDS_HEAD);
    let (mut signatures, mut unkeyed, mut altered) = (0, 0, Vec::new());
    for (index, (path, checked)) in records.iter().zip(check_all(records)).enumerate() {
        let verified = match checked.outcome {
            Found::Read(v) => v,
            Found::OtherSeal { verified, .. } => verified,
            Found::Io(io) => {
                return Err(Error::Read {
                    path: path.clone(),
                    io,
                });
            }
            Found::Unreadable(d) => {
                return Err(Error::NotExported(Report::new(
                    checked.path,
                    checked.text,
                    d,
                )));
            }
        };
        if matches!(verified.integrity, Integrity::Altered(_)) {
            altered.push(checked.path.clone());
        }
        // The file's own name where it is plain, so that nothing in a command line
        // can be read by a shell as more than a name; `record-N` otherwise.
        let stem = (path.file_stem().and_then(|s| s.to_str()))
            .filter(|s| {
                s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            })
            .filter(|s| !s.starts_with(['-', '.']))
            .map_or_else(|| format!("record-{}", index + 1), str::to_owned);
        let record = &verified.record;
        commands.push_str(&format!(
            "\n# {} (case {})\n",
            crate::terminal::one_line(&checked.path),
            crate::terminal::neutralise(&record.case.reference)
        ));
        if record.signed_parts().is_empty() {
            commands.push_str("#   a draft: not signed, nothing to check\n");
        }
        for part in record.signed_parts() {
            let (name, at) = record.signed_by(part).unwrap_or_default();
            let Some(signature) = record.key_signature(part) else {
                unkeyed += 1;
                commands.push_str(&format!(
                    "#   signature {}: {} signed without a key: nothing to check\n",
                    part.number(),
                    crate::terminal::neutralise(name)
                ));
                continue;
            };
            signatures += 1;
            let signed = format!("{stem}.sig-{}.signed", part.number());
            let bytes = record.signed_bytes(part).unwrap_or_default();
            files.push(File {
                path: folder.join(&signed),
                bytes: bytes.into_bytes(),
            });
            files.push(File {
                path: folder.join(format!("{signed}.sig")),
                bytes: keys::armour(signature).into_bytes(),
            });
            commands.push_str(&command(record, part, name, at, &signed));
        }
    }
    files.push(File {
        path: folder.join("VERIFY.txt"),
        bytes: commands.clone().into_bytes(),
    });
    crate::platform::create_private_folder(folder).map_err(|io| Error::write(folder, io))?;
    if let Some(there) = files.iter().find(|f| f.path.exists()) {
        return Err(Error::Exists {
            path: there.path.clone(),
        });
    }
    for file in &files {
        atomic_file::create_new(&file.path, &file.bytes, PRIVATE, stop)?;
    }
    Ok(Written {
        folder: folder.to_owned(),
        signatures,
        records: records.len(),
        altered,
        unkeyed,
        commands,
    })
}

const COMMANDS_HEAD: &str = "\
# Each signature below is checked by OpenSSH alone, in this folder. First copy in the
# organisation's allowed-signers file as `allowed_signers`, and its revoked-keys file
# as `revoked_keys` (an empty file if it has none): a revoked key's signature must
# not count. `Good \"fairness-record\" signature for NAME` means NAME's listed key,
# not revoked, signed exactly these bytes; -Overify-time checks the key was valid
# when it signed. The commands are for a POSIX shell (sh, bash, zsh; on Windows, Git
# Bash or WSL): each name is in single quotes, so nothing in it is run.
";

/// `text` in a POSIX shell's single quotes, which take every character literally but
/// the quote itself, written `'\''`.
fn single_quoted(text: &str) -> String {
    format!(
        "'{}'",
        crate::terminal::one_line(text).replace('\'', "'\\''")
    )
}

/// The line that checks `part`, with a comment saying whose signature it is.
fn command(record: &Record, part: Part, name: &str, at: &str, signed: &str) -> String {
    let what = match part {
        Part::SignOff => "sign-off".to_owned(),
        Part::Review(n) => record.reviews[n].outcome.as_str().to_owned(),
    };
    let time: String = at.chars().filter(|c| c.is_ascii_digit()).take(14).collect();
    format!(
        "#   signature {}: {what} by {} at {}\nssh-keygen -Y verify -f allowed_signers -r revoked_keys -I {} -n {NAMESPACE} -Overify-time={time}Z -s {signed}.sig < {signed}\n",
        part.number(),
        crate::terminal::neutralise(name),
        crate::value::shown_time(at),
        single_quoted(name)
    )
}
