//! The framework format `fairness-framework/1`: what a checklist asks, in what order, and
//! what counts as a complete answer.
//!
//! A framework has case details (asked first), the five locked [`principles`] with the
//! items an organisation may adapt, and the decision (asked last). [`check`] reads a
//! framework file and applies every rule, returning the framework as far as it could be
//! read together with every problem found.

mod builtin;
mod kind;
mod letter;
mod load;
mod model;
mod parse;
pub mod principles;
pub(crate) mod report;
mod role;
mod rules;
pub(crate) mod schema;
pub(crate) mod table;
mod write;

use crate::diagnostic::{self, Diagnostic};
use crate::value::digest;
use crate::yaml::{Reader, parse as parse_yaml};

pub use builtin::BUILTIN_TEXT;
pub(crate) use builtin::{BUILTIN_PATH, template};
pub use kind::{
    AnswerKind, Asking, CheckAnswer, ChoiceOption, DateRules, Given, KindId, NoteNeed, NotePolicy,
};
pub use letter::{Explanation, PractitionerView};
pub(crate) use load::{Loaded, load};
pub use model::{
    Condition, Countersignature, Framework, INDEPENDENT_REVIEWER, Item, Jurisdiction, Meaning,
    Preset, Principle, ReasonPolicy, Section, Signatures, Support, Wanted, meaning_label,
};
pub use role::Role;
pub use write::to_yaml;

/// The `format` line every framework file starts with.
pub(crate) const FORMAT: &str = "fairness-framework/1";

/// A framework file, read and checked.
#[derive(Debug)]
pub struct Checked {
    /// As much of the framework as could be read. `None` when the file is not YAML or
    /// not a mapping at all.
    pub framework: Option<Framework>,
    /// Every problem found, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// `sha256:` and the hex SHA-256 of the file's text as read (with LF line ends and
    /// no byte-order mark: [`crate::source::edited`]): which exact framework a case
    /// record was made with, whichever editor last saved it.
    pub digest: String,
}

impl Checked {
    /// Whether the framework may be used: it was read and no rule is broken.
    pub fn is_valid(&self) -> bool {
        self.framework.is_some() && diagnostic::error_count(&self.diagnostics) == 0
    }
}

/// Reads the framework in `text` and checks every rule.
pub fn check(text: &str) -> Checked {
    let digest = digest(text.as_bytes());
    let root = match parse_yaml(text) {
        Ok(root) => root,
        Err(d) => {
            return Checked {
                framework: None,
                diagnostics: vec![d],
                digest,
            };
        }
    };
    let mut reader = Reader::new(text);
    let framework = parse::framework(&root, &mut reader);
    let mut diagnostics = reader.diagnostics;
    if let Some(framework) = &framework {
        diagnostics.extend(rules::check(framework));
    }
    diagnostics.extend(rules::unsafe_text(&root));
    // What the practitioner's view would leave out is said once nothing else is wrong:
    // until then the framework cannot be used at all, and a misspelt role would be
    // reported twice.
    if let Some(framework) = &framework
        && diagnostic::error_count(&diagnostics) == 0
    {
        diagnostics.extend(rules::view_warnings(framework));
    }
    diagnostic::sort(&mut diagnostics);
    Checked {
        framework,
        diagnostics,
        digest,
    }
}

/// A small valid framework for tests: `case_details` and `decision` as given (YAML
/// list entries at the top level, each line starting `  - ` or deeper), and two
/// `check` items under each Principle.
#[cfg(test)]
pub(crate) fn small(case_details: &str, decision: &str) -> String {
    let mut text = "format: fairness-framework/1\nname: Small\nversion: \"1\"\ndeclaration: I have considered each Principle.\ncase_details:\n".to_owned();
    text.push_str(case_details);
    text.push_str("principles:\n");
    for p in principles::LOCKED {
        text.push_str(&format!(
            "  - id: {id}\n    title: {title}\n    items:\n      - {{ id: {id}-one, prompt: First?, answer: check }}\n      - {{ id: {id}-two, prompt: Second?, answer: check }}\n",
            id = p.id,
            title = p.title
        ));
    }
    text.push_str("decision:\n");
    text.push_str(decision);
    text
}

/// The built-in framework 1.0 as it shipped, kept as a test fixture (the file says
/// why): the shape of a framework adapted before roles, and one that does not change
/// when the built-in one does.
#[cfg(test)]
pub(crate) fn version_1_0() -> String {
    let kept = include_str!("../../tests/fixtures/framework-1.0.yaml");
    let dashes = "# ----------------------------------------------------------------------\
                  ---------------\n";
    let at = kept
        .find(dashes)
        .expect("the fixture's header ends with dashes");
    kept[at + dashes.len()..].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_framework_is_valid_and_complete() {
        let checked = check(BUILTIN_TEXT);
        assert_eq!(checked.diagnostics, [], "{:#?}", checked.diagnostics);
        let framework = checked.framework.unwrap();
        assert_eq!(framework.principles.len(), 5);
        for principle in &framework.principles {
            // Roughly five to eight items each, as the brief asks, besides the
            // follow-ups that `when` shows only for some answers.
            let n = principle.items.iter().filter(|i| i.when.is_none()).count();
            assert!(
                (5..=8).contains(&n),
                "{} has {n} items asked in every case",
                principle.id.value
            );
            for item in &principle.items {
                assert!(item.guidance.is_some(), "{} has no guidance", item.id.value);
            }
        }
        assert!(!framework.support.is_empty());
        assert!(!framework.case_details.is_empty());
        assert!(!framework.decision.is_empty());
    }
}
