//! Roles: what an item is for, beyond the question it asks. The practitioner's view
//! finds the item that records the route decided, and the one that names the policy,
//! by their role rather than by their id, so that an adapted framework may rename or
//! reword them; `validate` warns when a framework leaves out a role the view needs.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Located, Location};
use crate::yaml::{Fields, Reader};

use super::kind::AnswerKind;
use super::model::{Framework, Item};
use super::parse::unknown_keyword;

/// The roles an item may have: a closed set, each given to one item at most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// The route decided for the concern.
    Route,
    /// The policy the case is handled under.
    GoverningPolicy,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::Route, Role::GoverningPolicy];

    /// The value written in a framework file.
    pub fn id(self) -> &'static str {
        match self {
            Role::Route => "route",
            Role::GoverningPolicy => "governing-policy",
        }
    }

    pub fn from_id(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == id)
    }

    /// What the item with this role records, and what relies on it.
    pub fn description(self) -> &'static str {
        match self {
            Role::Route => {
                "The route decided for the concern: the practitioner's view says which was chosen"
            }
            Role::GoverningPolicy => {
                "The policy the case is handled under: the practitioner's view names it"
            }
        }
    }
}

impl Framework {
    /// The item with `role`, if the framework gives it to one.
    pub fn item_with_role(&self, role: Role) -> Option<&Item> {
        self.items()
            .find(|item| item.role.as_ref().is_some_and(|r| r.value == role))
    }
}

/// An item's `role`, if it has one: a known role, or an error naming the nearest.
pub(super) fn parse(fields: &Fields, r: &mut Reader) -> Option<Located<Role>> {
    let text = r.optional_text(fields, "role")?;
    match Role::from_id(&text.value) {
        Some(role) => Some(Located::new(role, text.at)),
        None => {
            let ids = Role::ALL.map(Role::id);
            r.push(unknown_keyword("role", &text, &ids));
            None
        }
    }
}

/// Each role on one item at most, and on an item that can serve it.
pub(super) fn check(framework: &Framework, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<Role, (&str, Location)> = HashMap::new();
    for item in framework.items() {
        let Some(role) = &item.role else { continue };
        let id = role.value.id();
        if let Some((other, at)) = first.get(&role.value) {
            out.push(
                Diagnostic::error(
                    format!(
                        "`role: {id}` is given to two items, `{other}` and `{}`",
                        item.id.value
                    ),
                    Some(role.at),
                )
                .with_help(format!(
                    "a role belongs to one item; the first is on line {}",
                    at.line
                )),
            );
            continue;
        }
        first.insert(role.value, (&item.id.value, role.at));
        // Only what was chosen from a list is shared with the practitioner: typed text
        // may hold names and reasons.
        if !matches!(item.answer, AnswerKind::Choice(_)) {
            out.push(
                Diagnostic::error(
                    format!(
                        "`role: {id}` is for a `choice` item, and `{}` is a `{}` item",
                        item.id.value,
                        item.answer.id()
                    ),
                    Some(role.at),
                )
                .with_help(
                    "the practitioner's view shows only an answer chosen from a list; make the item a `choice`, or remove its `role`",
                ),
            );
        }
    }
}

/// A warning for each role the practitioner's view needs and the framework does not
/// give, saying what the view will leave out.
pub(super) fn missing(framework: &Framework, out: &mut Vec<Diagnostic>) {
    let has = |role| framework.item_with_role(role).is_some();
    if !has(Role::Route) {
        out.push(
            Diagnostic::warning(
                "no item has `role: route`, so the practitioner's view will not say which route was decided",
                None,
            )
            .with_help(
                "give the `choice` item that records the route decided `role: route`",
            ),
        );
    }
    if !has(Role::GoverningPolicy) {
        // Without the item, the view names the nation's policy, if the framework has one.
        let message = match framework.jurisdiction {
            Some(j) => format!(
                "no item has `role: governing-policy`, so the practitioner's view will name the national policy of {} for every case",
                j.name()
            ),
            None => "no item has `role: governing-policy` and no `jurisdiction` is set, so the practitioner's view will not say which policy applies".into(),
        };
        out.push(Diagnostic::warning(message, None).with_help(
            "give the `choice` item that asks which policy governs the case `role: governing-policy`",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::framework::{BUILTIN_TEXT, check};

    use super::*;

    fn messages(text: &str) -> Vec<String> {
        check(text)
            .diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.message, d.help.as_deref().unwrap_or("")))
            .collect()
    }

    #[test]
    fn the_builtin_framework_gives_each_role_to_a_choice() {
        let fw = check(BUILTIN_TEXT).framework.unwrap();
        for role in Role::ALL {
            let item = fw.item_with_role(role).unwrap();
            assert_eq!(item.id.value, role.id());
            assert!(matches!(item.answer, AnswerKind::Choice(_)));
        }
    }

    #[test]
    fn an_unknown_role_is_refused_with_the_nearest() {
        let text = BUILTIN_TEXT.replacen("    role: route\n", "    role: rout\n", 1);
        let found = messages(&text);
        assert!(
            found.contains(&"`rout` is not a valid `role`: did you mean `route`?".to_owned()),
            "{found:#?}"
        );
    }

    #[test]
    fn a_role_belongs_to_one_choice_item() {
        let text = BUILTIN_TEXT
            .replacen("    role: governing-policy\n", "    role: route\n", 1)
            .replacen(
                "    answer: text\n    when: { item: route, answer: other }",
                "    answer: text\n    role: governing-policy\n    when: { item: route, answer: other }",
                1,
            );
        let found = messages(&text);
        assert!(
            found.iter().any(|m| m.starts_with(
                "`role: route` is given to two items, `governing-policy` and `route`: a role belongs to one item; the first is on line"
            )),
            "{found:#?}"
        );
        assert!(
            found.iter().any(|m| m.starts_with(
                "`role: governing-policy` is for a `choice` item, and `route-other` is a `text` item"
            )),
            "{found:#?}"
        );
    }

    #[test]
    fn a_framework_without_the_roles_is_warned_what_the_view_leaves_out() {
        let text = BUILTIN_TEXT.replacen("    role: route\n", "", 1).replacen(
            "    role: governing-policy\n",
            "",
            1,
        );
        let checked = check(&text);
        assert!(checked.is_valid(), "warnings only");
        let found = messages(&text);
        assert!(
            found
                .iter()
                .any(|m| m.contains("will not say which route was decided")),
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .any(|m| m.contains("will not say which policy applies")),
            "{found:#?}"
        );
        // With a nation set, the view names its policy instead.
        let text = text.replacen("jurisdiction: null", "jurisdiction: wales", 1);
        let found = messages(&text);
        assert!(
            found.iter().any(|m| m.contains(
                "the practitioner's view will name the national policy of Wales for every case"
            )),
            "{found:#?}"
        );
    }
}
