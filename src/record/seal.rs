//! Signing and sealing: who signs, what sign-off writes into the record, and the seal,
//! which is the SHA-256 of the record's canonical form (every byte above the `seal`
//! line).

use crate::value::digest;

use super::write::review_fields;
use super::{AUTHOR, Format, Record, Review, SignOff, Status, canonical};

/// One signature of a signed record: the sign-off, or a review (from 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    SignOff,
    Review(usize),
}

impl Part {
    /// Its number as `verify` shows it: the sign-off is signature 1.
    pub fn number(self) -> usize {
        match self {
            Part::SignOff => 1,
            Part::Review(n) => n + 2,
        }
    }
}

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

    /// The seal review `index` should carry: the digest of the seal before it (the
    /// record's, or the previous review's), a line break, and the review's own fields as
    /// written. `None` when the record has no seal to build on.
    pub fn compute_review_seal(&self, index: usize) -> Option<String> {
        self.review_sealed(index)
            .map(|bytes| digest(bytes.as_bytes()))
    }

    /// What review `index`'s seal covers: the seal before it, a line break, and the
    /// review's own fields as written.
    fn review_sealed(&self, index: usize) -> Option<String> {
        let before = match index {
            0 => self.seal.as_deref()?,
            n => &self.reviews.get(n - 1)?.seal,
        };
        let review = self.reviews.get(index)?;
        let mut bytes = String::with_capacity(before.len() + 512);
        bytes.push_str(before);
        bytes.push('\n');
        bytes.push_str(&review_fields(review));
        Some(bytes)
    }

    /// Every signature of a signed record, in order: the sign-off, then each review.
    pub fn signed_parts(&self) -> Vec<Part> {
        if self.sign_off.is_none() || self.seal.is_none() {
            return Vec::new();
        }
        std::iter::once(Part::SignOff)
            .chain((0..self.reviews.len()).map(Part::Review))
            .collect()
    }

    /// Exactly the bytes `part`'s seal covers, which its key signature signs.
    pub fn signed_bytes(&self, part: Part) -> Option<String> {
        match part {
            Part::SignOff => self.sign_off.as_ref().map(|_| canonical(self)),
            Part::Review(n) => self.review_sealed(n),
        }
    }

    /// `part`'s key signature, where a key was used.
    pub fn key_signature(&self, part: Part) -> Option<&str> {
        match part {
            Part::SignOff => self.key_signature.as_deref(),
            Part::Review(n) => self.reviews.get(n)?.key_signature.as_deref(),
        }
    }

    /// Puts `signature` on `part`.
    pub fn set_key_signature(&mut self, part: Part, signature: String) {
        match part {
            Part::SignOff => self.key_signature = Some(signature),
            Part::Review(n) => {
                if let Some(r) = self.reviews.get_mut(n) {
                    r.key_signature = Some(signature);
                }
            }
        }
    }

    /// Who signed `part`, and when (as the record writes the time).
    pub fn signed_by(&self, part: Part) -> Option<(&str, &str)> {
        match part {
            Part::SignOff => self
                .sign_off
                .as_ref()
                .map(|s| (s.name.as_str(), s.signed.as_str())),
            Part::Review(n) => self
                .reviews
                .get(n)
                .map(|r| (r.name.as_str(), r.at.as_str())),
        }
    }

    /// Adds `review` to a signed record and seals it over the seal before it. Nothing
    /// the signer sealed, nor any earlier review, changes.
    pub fn add_review(&mut self, mut review: Review) {
        review.seal = String::new();
        review.key_signature = None;
        self.reviews.push(review);
        let index = self.reviews.len() - 1;
        let seal = self
            .compute_review_seal(index)
            .expect("a review is added only to a sealed record");
        self.reviews[index].seal = seal;
    }
}

/// Signs `record`: records the signer, the `declaration` they confirmed, why the record
/// needs a countersignature (`None`: it needs none; kept only in format 2) and the
/// time, and seals it. Nothing is checked here; the checklist signs only a complete
/// draft.
pub fn sign(
    record: &mut Record,
    signer: &Signer,
    declaration: &str,
    countersignature: Option<String>,
    now: &str,
) {
    record.status = Status::Signed;
    record.case.updated = now.to_owned();
    let v2 = record.format >= Format::V2;
    record.sign_off = Some(SignOff {
        name: signer.name.clone(),
        role: signer.role.clone(),
        meaning: v2.then(|| AUTHOR.to_owned()),
        declaration: declaration.to_owned(),
        signed: now.to_owned(),
        countersignature: countersignature.filter(|_| v2),
    });
    record.seal = None;
    record.key_signature = None;
    record.seal = Some(record.compute_seal());
}
