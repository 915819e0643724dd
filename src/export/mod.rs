//! Case records out: Markdown and HTML for people, JSON for programs, CSV for audit.
//!
//! Markdown and HTML are rendered from the same [`document::Part`]s, so both say the
//! same thing; the practitioner's view is a different set of parts, built from the
//! record and the framework's support signposting.

pub mod csv;
pub mod document;
pub mod html;
pub mod json;
pub mod markdown;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{BUILTIN_TEXT, check};
    use crate::record::tests::{sample, sign};
    use crate::record::{Integrity, Verdict, to_yaml, verify_text};

    /// Every export of every record that a one-character change to a signed record can
    /// give, as long as it still reads: none may panic, and every one of them is
    /// marked altered.
    #[test]
    fn every_export_of_an_altered_record_completes_and_warns() {
        let fw = check(BUILTIN_TEXT).framework.unwrap();
        let mut record = sample();
        sign(&mut record);
        let text = to_yaml(&record);
        let mut read = 0;
        for (n, (at, old)) in text.char_indices().enumerate() {
            let new = ['x', '1', ' ', '\n'][n % 4];
            if new == old {
                continue;
            }
            let mut changed = text.clone();
            changed.replace_range(at..at + old.len_utf8(), &new.to_string());
            let Verdict::Read(v) = verify_text(&changed) else {
                continue;
            };
            read += 1;
            let (r, i) = (&v.record, &v.integrity);
            assert!(matches!(i, Integrity::Altered(_)), "{changed}");
            let parts = [document::full(r, i), document::practitioner(r, i, &fw)];
            assert!(markdown::render(&parts).contains("ALTERED"));
            assert!(html::render(&parts, "t", false).contains("class=\"alarm\""));
            assert!(json::document(vec![json::record("f", r, i)]).contains("\"altered\""));
            let mut out = String::new();
            csv::rows(&mut out, "f", r, i);
            assert!(out.contains("\"ALTERED\""));
        }
        assert!(read > 100, "only {read} changed records could be read");
    }
}
