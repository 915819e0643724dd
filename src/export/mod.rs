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
