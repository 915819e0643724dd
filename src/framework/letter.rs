//! What the practitioner's view of a record (`fairness export --audience practitioner`)
//! says in the framework's own words: an introduction, how the process works, and what
//! to say for particular answers of the items with a role. It sits in the framework
//! beside `declaration` and `support`, so that an organisation words it as it words the
//! rest; a framework without one is given the built-in framework's, with a warning.
//!
//! This file holds the types only: the view is read in `parse.rs`, checked in
//! `rules.rs`, and found, with the built-in one standing in, by `Framework::letter` in
//! `model.rs`.

use crate::diagnostic::Located;

use super::role::Role;

/// The framework's `practitioner_view`.
#[derive(Clone, Debug, Default)]
pub struct PractitionerView {
    /// The paragraph the view opens with.
    pub introduction: String,
    /// How the process works, one point each.
    pub process: Vec<String>,
    /// What the view says, in place of its usual sentence, for particular answers.
    pub explanations: Vec<Explanation>,
}

/// What the view says when the item with `role` has `answer`.
#[derive(Clone, Debug, Default)]
pub struct Explanation {
    pub role: Located<Option<Role>>,
    /// An answer the item with the role can have: an option's id.
    pub answer: Located<String>,
    pub text: String,
}

impl PractitionerView {
    /// The explanation given for `answer` of the item with `role`, if there is one.
    pub fn explanation(&self, role: Role, answer: &str) -> Option<&str> {
        self.explanations
            .iter()
            .find(|e| e.role.value == Some(role) && e.answer.value == answer)
            .map(|e| e.text.as_str())
    }
}

#[cfg(test)]
mod tests {
    use crate::framework::{BUILTIN_TEXT, check};

    use super::*;

    #[test]
    fn the_builtin_framework_has_its_own_wording() {
        let fw = check(BUILTIN_TEXT).framework.unwrap();
        let own = fw.practitioner_view.as_ref().unwrap();
        assert!(own.introduction.starts_with("A concern has been raised"));
        assert_eq!(own.process.len(), 7);
        assert!(own.explanation(Role::Route, "other").is_some());
        assert!(
            own.explanation(Role::GoverningPolicy, "local-policy")
                .is_some()
        );
        assert!(own.explanation(Role::RegulatorReferral, "yes").is_some());
    }
}
