//! Signing and sealing: who signs, what sign-off writes into the record, and the seal,
//! which is the SHA-256 of the record's canonical form (every byte above the `seal`
//! line).

use crate::value::digest;

use super::{Record, SignOff, Status, canonical};

/// Who signs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signer {
    pub name: String,
    pub role: String,
}

impl Record {
    /// The seal this record should carry: the digest of its canonical form.
    pub fn compute_seal(&self) -> String {
        digest(canonical(self).as_bytes())
    }
}

/// Signs `record`: records the signer, the `declaration` they confirmed and the time,
/// and seals it. Nothing is checked here; the checklist signs only a complete draft.
pub fn sign(record: &mut Record, signer: &Signer, declaration: &str, now: &str) {
    record.status = Status::Signed;
    record.case.updated = now.to_owned();
    record.sign_off = Some(SignOff {
        name: signer.name.clone(),
        role: signer.role.clone(),
        declaration: declaration.to_owned(),
        signed: now.to_owned(),
    });
    record.seal = None;
    record.seal = Some(record.compute_seal());
}
