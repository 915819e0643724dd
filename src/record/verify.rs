//! Proving a record is as fairness wrote it.
//!
//! A record file is intact when three things hold: it reads as a record and is
//! well-formed ([`check_form`]); its bytes are exactly those fairness writes for what it
//! holds (so no comment, quoting, spacing or line ending was changed); and, once signed,
//! its seal is the SHA-256 of every byte above the `seal` line. Any single changed
//! character breaks at least one of the three.

use crate::diagnostic::{Diagnostic, Location};
use crate::error::{Error, Usage};
use crate::terminal::neutralise;
use std::borrow::Cow;

use crate::value::{digest, is_digest};

use super::write::after_canonical;
use super::{Record, Status, canonical, check_form, fast, read};

/// What a record file was found to be.
#[derive(Debug)]
pub enum Verdict {
    /// Not a readable record: every problem, with its place in the file.
    Unreadable(Vec<Diagnostic>),
    /// Read, and judged.
    Read(Box<Verified>),
}

#[derive(Clone, Debug)]
pub struct Verified {
    pub record: Record,
    pub integrity: Integrity,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Integrity {
    /// Signed, and every byte is as it was at sign-off.
    Intact,
    /// Not signed yet, and as fairness last saved it. A draft has no seal, so this
    /// proves only that it was not changed in a way fairness would not have made.
    Draft,
    /// Changed outside fairness: why, in words, and where in the file when that can be
    /// told.
    Altered(Vec<Finding>),
}

/// One reason a record is judged altered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub message: String,
    pub at: Option<Location>,
}

impl Verified {
    pub fn is_altered(&self) -> bool {
        matches!(self.integrity, Integrity::Altered(_))
    }

    /// Judges a record altered unless it carries the seal noted at sign-off, or the seal
    /// of one of its reviews (noted when it was countersigned or returned). The seal in a
    /// record proves its content matches the seal; only a copy of the seal kept elsewhere
    /// proves the seal itself was not recomputed after an edit. A review's seal is sealed
    /// over the record's and every review before it, so a kept review seal the record
    /// still holds also proves no review up to it was removed.
    pub fn expect_seal(&mut self, expected: &str) {
        if self.record.holds_seal(expected) {
            return;
        }
        let found = self.record.seal.as_deref();
        let message = match found {
            Some(found) if self.record.reviews.is_empty() => format!(
                "its seal is {}, not the one given with --seal ({})",
                neutralise(found),
                neutralise(expected)
            ),
            Some(found) => format!(
                "neither its seal ({}) nor the seal of any of its reviews is the one given with --seal ({})",
                neutralise(found),
                neutralise(expected)
            ),
            None => format!(
                "it has no seal, but one was given with --seal ({})",
                neutralise(expected)
            ),
        };
        let finding = Finding { message, at: None };
        match &mut self.integrity {
            Integrity::Altered(findings) => findings.insert(0, finding),
            other => *other = Integrity::Altered(vec![finding]),
        }
    }
}

/// The seal given with `--seal`, as records write it: `sha256:` and 64 lower-case hex
/// digits. The prefix may be left out and the digits may be in capitals; anything else
/// (a shortened seal, a typing slip) is refused rather than taken as a mismatch.
pub fn parse_seal(given: &str) -> Result<String, Error> {
    let given = given.trim();
    let hex = given
        .strip_prefix("sha256:")
        .or_else(|| given.strip_prefix("SHA256:"))
        .unwrap_or(given)
        .to_ascii_lowercase();
    let seal = format!("sha256:{hex}");
    if is_digest(&seal) {
        Ok(seal)
    } else {
        Err(Usage::NotASeal {
            given: given.to_owned(),
        }
        .into())
    }
}

/// Judges the text of a record file.
pub fn verify_text(text: &str) -> Verdict {
    judge(text, true)
}

/// [`verify_text`] without the strict reader of fairness's own form: every record read
/// by the general YAML reader. The verdict is the same (the strict reader only decides
/// sooner); kept to prove that, in the tests and the fuzz target.
#[doc(hidden)]
pub fn verify_text_generally(text: &str) -> Verdict {
    judge(text, false)
}

fn judge(text: &str, strict_first: bool) -> Verdict {
    // The canonical form, what the seal covers: for text read by the strict reader,
    // the text above its `seal` line; otherwise written once, for the seal and for the
    // byte-for-byte comparison alike.
    let exact = strict_first.then(|| fast::read(text)).flatten();
    let (record, canonical) = match exact {
        Some(exact) => (exact.record, Cow::Borrowed(&text[..exact.sealed])),
        None => match read::general(text) {
            Ok(record) => {
                let canonical = Cow::Owned(canonical(&record));
                (record, canonical)
            }
            Err(diagnostics) => return Verdict::Unreadable(diagnostics),
        },
    };
    let mut findings = Vec::new();
    if record.status == Status::Signed
        && let Some(seal) = &record.seal
    {
        let content = digest(canonical.as_bytes());
        if *seal != content {
            findings.push(Finding {
                message: format!(
                    "its content is not what was sealed at sign-off: the seal is {seal}, but the content now gives {content}"
                ),
                at: None,
            });
        }
    }
    for (n, review) in record.reviews.iter().enumerate() {
        if let Some(content) = record.compute_review_seal(n)
            && content != review.seal
        {
            findings.push(Finding {
                message: format!(
                    "review {} is not what was sealed when it was made: its seal is {}, but the review and the seal before it now give {content}",
                    n + 1,
                    neutralise(&review.seal)
                ),
                at: None,
            });
        }
    }
    if let Cow::Owned(canonical) = canonical {
        let expected = after_canonical(canonical, &record);
        if expected != text {
            findings.push(first_difference(text, &expected));
        }
    }
    findings.extend(
        check_form(&record)
            .into_iter()
            .map(|message| Finding { message, at: None }),
    );
    let integrity = if !findings.is_empty() {
        Integrity::Altered(findings)
    } else if record.status == Status::Signed {
        Integrity::Intact
    } else {
        Integrity::Draft
    };
    Verdict::Read(Box::new(Verified { record, integrity }))
}

/// Where `text` first departs from what fairness writes for the same record.
fn first_difference(text: &str, expected: &str) -> Finding {
    if text.contains("\r\n") && text.replace("\r\n", "\n") == expected {
        return Finding {
            message:
                "its line endings were changed (to CRLF), so it is not byte for byte as written"
                    .into(),
            at: None,
        };
    }
    if format!("{text}\n") == expected {
        // Many editors save without the last line break; the lines themselves match.
        return Finding {
            message: "its last line break was removed, so it is not byte for byte as written"
                .into(),
            at: None,
        };
    }
    let mut found = text.split_inclusive('\n');
    let mut wanted = expected.split_inclusive('\n');
    let mut line = 1u32;
    loop {
        match (found.next(), wanted.next()) {
            (Some(f), Some(w)) if f == w => line += 1,
            (Some(f), Some(w)) => {
                let column = f.chars().zip(w.chars()).take_while(|(a, b)| a == b).count();
                let at = f.chars().take(column).map(char::len_utf8).sum::<usize>();
                let width = f[at..].trim_end_matches('\n').chars().count().max(1);
                return Finding {
                    message: format!(
                        "line {line} is not as fairness writes it: found {:?} where fairness writes {:?}",
                        around(f, column),
                        around(w, column)
                    ),
                    at: Some(Location::new(line, column as u32 + 1, width as u32)),
                };
            }
            (Some(_), None) => {
                return Finding {
                    message: format!("something was added after the `seal` line, from line {line}"),
                    at: Some(Location::new(line, 1, 1)),
                };
            }
            (None, _) => {
                return Finding {
                    message: format!("the file ends early, at line {line}"),
                    at: None,
                };
            }
        }
    }
}

/// Up to 60 characters of `line` (without its line break) around character `column`,
/// with `…` where it is cut.
fn around(line: &str, column: usize) -> String {
    let chars: Vec<char> = line.trim_end_matches('\n').chars().collect();
    let start = column.saturating_sub(20).min(chars.len());
    let end = (start + 60).min(chars.len());
    let mut out: String = chars[start..end].iter().collect();
    if start > 0 {
        out.insert(0, '…');
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::{well_formed_amended, well_formed_reviewed, well_formed_signed};
    use crate::record::to_yaml;

    fn signed_text() -> String {
        to_yaml(&well_formed_signed())
    }

    /// Every single-character change to `text` is caught.
    fn every_change_caught(text: &str) {
        assert_eq!(integrity(text), Some(Integrity::Intact), "{text}");
        let replacements = ['x', '0', ' ', '"', '\n', 'é'];
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        // Every position, each with one of the replacements in turn.
        for (n, &(at, old)) in chars.iter().enumerate() {
            let mut new = replacements[n % replacements.len()];
            if new == old {
                new = replacements[(n + 1) % replacements.len()];
            }
            let mut changed = String::with_capacity(text.len());
            changed.push_str(&text[..at]);
            changed.push(new);
            changed.push_str(&text[at + old.len_utf8()..]);
            assert_ne!(
                integrity(&changed),
                Some(Integrity::Intact),
                "{old:?} -> {new:?} at byte {at} was not caught:\n{changed}"
            );
        }
    }

    #[test]
    fn every_single_character_change_to_reviews_or_the_link_is_caught() {
        every_change_caught(&to_yaml(&well_formed_reviewed()));
        every_change_caught(&to_yaml(&well_formed_amended()));
    }

    #[test]
    fn a_review_resealed_without_its_record_is_caught() {
        let mut record = well_formed_reviewed();
        record.reviews[0].comment = Some("Changed later".into());
        let text = to_yaml(&record);
        let Some(Integrity::Altered(f)) = integrity(&text) else {
            panic!("not caught")
        };
        assert!(
            f[0].message.starts_with("review 1 is not what was sealed"),
            "{f:?}"
        );
    }

    fn integrity(text: &str) -> Option<Integrity> {
        match verify_text(text) {
            Verdict::Read(v) => Some(v.integrity),
            Verdict::Unreadable(_) => None,
        }
    }

    #[test]
    fn a_signed_record_as_written_is_intact() {
        assert_eq!(integrity(&signed_text()), Some(Integrity::Intact));
    }

    #[test]
    fn every_single_character_change_is_caught() {
        every_change_caught(&signed_text());
    }

    #[test]
    fn a_difference_is_placed_at_its_line_and_column() {
        let text = signed_text().replacen("status: \"signed\"", "status: signed", 1);
        let Some(Integrity::Altered(findings)) = integrity(&text) else {
            panic!("not caught")
        };
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(
            findings[0].message,
            r#"line 4 is not as fairness writes it: found "status: signed" where fairness writes "status: \"signed\"""#
        );
        assert_eq!(findings[0].at, Some(Location::new(4, 9, 6)));
    }

    #[test]
    fn line_endings_and_additions_are_named() {
        let crlf = signed_text().replace('\n', "\r\n");
        let Some(Integrity::Altered(f)) = integrity(&crlf) else {
            panic!("crlf")
        };
        assert!(f[0].message.contains("CRLF"), "{f:?}");

        let added = signed_text() + "# checked\n";
        let Some(Integrity::Altered(f)) = integrity(&added) else {
            panic!("added")
        };
        assert!(f[0].message.contains("after the `seal` line"), "{f:?}");

        let cut = signed_text().strip_suffix('\n').unwrap().to_owned();
        let Some(Integrity::Altered(f)) = integrity(&cut) else {
            panic!("no final line break")
        };
        assert_eq!(
            f[0].message,
            "its last line break was removed, so it is not byte for byte as written"
        );
    }

    #[test]
    fn a_changed_value_breaks_the_seal() {
        let text = signed_text().replacen("\"no\"", "\"yes\"", 1);
        let Some(Integrity::Altered(f)) = integrity(&text) else {
            panic!("not caught")
        };
        assert!(
            f[0].message
                .starts_with("its content is not what was sealed"),
            "{f:?}"
        );
    }
}
