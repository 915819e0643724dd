//! What the practitioner's view of a record (`fairness export --audience practitioner`)
//! says in the framework's own words: an introduction, how the process works, and what
//! to say for particular answers of the items with a role. It sits in the framework
//! beside `declaration` and `support`, so that an organisation words it as it words the
//! rest; a framework without one is given the built-in framework's, with a warning.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::diagnostic::{Diagnostic, Located};
use crate::suggest;
use crate::yaml::{Fields, Node, Reader, Value};

use super::model::Framework;
use super::role::Role;
use super::{BUILTIN_TEXT, check as check_framework};

pub(super) const FIELDS: &[&str] = &["introduction", "process", "explanations"];
pub(super) const EXPLANATION_FIELDS: &[&str] = &["role", "answer", "text"];

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

impl Framework {
    /// What the practitioner's view says: the framework's own `practitioner_view`, or
    /// the built-in framework's when it has none (a framework adapted before the field
    /// existed keeps the wording it had).
    pub fn letter(&self) -> &PractitionerView {
        self.practitioner_view.as_ref().unwrap_or_else(|| builtin())
    }
}

fn builtin() -> &'static PractitionerView {
    static BUILTIN: OnceLock<PractitionerView> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        check_framework(BUILTIN_TEXT)
            .framework
            .and_then(|f| f.practitioner_view)
            .unwrap_or_default()
    })
}

/// The framework's `practitioner_view`, if it has one (`null` is none).
pub(super) fn parse(fields: &Fields, r: &mut Reader) -> Option<PractitionerView> {
    let node = fields.get("practitioner_view")?;
    if matches!(node.value, Value::Null) {
        return None;
    }
    let fields = r.fields(node, "`practitioner_view`", FIELDS)?;
    let introduction = r
        .required_text(&fields, "introduction")
        .map(|t| t.value)
        .unwrap_or_default();
    let process = match r.list(&fields, "process", true) {
        Some([]) => {
            r.push(
                Diagnostic::error("`process` is empty", fields.key_at("process"))
                    .with_help("say in a few points how the process works for the practitioner"),
            );
            Vec::new()
        }
        Some(nodes) => nodes.iter().filter_map(|n| point(n, r)).collect(),
        None => Vec::new(),
    };
    let explanations = r
        .list(&fields, "explanations", false)
        .unwrap_or_default()
        .iter()
        .filter_map(|n| explanation(n, r))
        .collect();
    Some(PractitionerView {
        introduction,
        process,
        explanations,
    })
}

/// One point of `process`: text, not blank.
fn point(node: &Node, r: &mut Reader) -> Option<String> {
    let text = r.text(node, "process")?;
    if text.value.trim().is_empty() {
        r.error("a point of `process` is empty", node.at);
        return None;
    }
    Some(text.value)
}

fn explanation(node: &Node, r: &mut Reader) -> Option<Explanation> {
    let fields = r.fields(node, "an explanation", EXPLANATION_FIELDS)?;
    // An unknown role is reported as it is on an item; the entry is still read, so that
    // its other fields are checked.
    let role = match r.required_text(&fields, "role") {
        Some(text) => {
            let known = Role::from_id(&text.value);
            if known.is_none() {
                let ids = Role::ALL.map(Role::id);
                r.push(super::parse::unknown_keyword("role", &text, &ids));
            }
            Located::new(known, text.at)
        }
        None => Located::new(None, fields.at),
    };
    let answer = r.required_text(&fields, "answer");
    let text = r.required_text(&fields, "text");
    Some(Explanation {
        role,
        answer: answer?,
        text: text?.value,
    })
}

/// A warning when the framework has no `practitioner_view`, saying what stands in.
pub(super) fn missing(framework: &Framework, out: &mut Vec<Diagnostic>) {
    if framework.practitioner_view.is_none() {
        out.push(
            Diagnostic::warning(
                "the framework has no `practitioner_view`, so the practitioner's view will use the built-in framework's introduction and account of how the process works",
                None,
            )
            .with_help(
                "add a `practitioner_view` in your own words; `fairness init` writes the built-in one to start from",
            ),
        );
    }
}

/// Each explanation is for an answer the item with its role can have, and given once.
pub(super) fn check(framework: &Framework, out: &mut Vec<Diagnostic>) {
    let Some(view) = &framework.practitioner_view else {
        return;
    };
    let mut seen: HashMap<(Role, &str), u32> = HashMap::new();
    for e in &view.explanations {
        let Some(role) = e.role.value else { continue };
        let answer = e.answer.value.as_str();
        if let Some(line) = seen.insert((role, answer), e.answer.at.line) {
            out.push(
                Diagnostic::error(
                    format!(
                        "the answer `{answer}` of `role: {}` is explained twice",
                        role.id()
                    ),
                    Some(e.answer.at),
                )
                .with_help(format!("keep one; the first is on line {line}")),
            );
            continue;
        }
        // A role that is missing, on two items, or on an item without fixed answers is
        // reported by the role rules.
        let mut with_role = framework
            .items()
            .filter(|i| i.role.as_ref().is_some_and(|r| r.value == role));
        let (Some(item), None) = (with_role.next(), with_role.next()) else {
            continue;
        };
        let Some(answers) = item.answer.answers() else {
            continue;
        };
        // A choice whose options could not be read has been reported already.
        if !answers.is_empty() && !answers.contains(&answer) {
            let help =
                suggest::did_you_mean(answer, answers.iter().copied()).unwrap_or_else(|| {
                    format!("its answers are {}", crate::yaml::quoted_list(&answers))
                });
            out.push(
                Diagnostic::error(
                    format!(
                        "`{}` (`role: {}`) cannot have the answer `{answer}`",
                        item.id.value,
                        role.id()
                    ),
                    Some(e.answer.at),
                )
                .with_help(help),
            );
        }
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
        assert_eq!(own.process.len(), 6);
        assert!(own.explanation(Role::Route, "other").is_some());
        assert!(
            own.explanation(Role::GoverningPolicy, "local-policy")
                .is_some()
        );
    }

    #[test]
    fn a_framework_without_one_is_given_the_builtin_wording_with_a_warning() {
        let start = BUILTIN_TEXT.find("practitioner_view:").unwrap();
        let end = BUILTIN_TEXT.find("\n# Asked first.").unwrap();
        let text = format!("{}{}", &BUILTIN_TEXT[..start], &BUILTIN_TEXT[end + 1..]);
        let checked = check(&text);
        assert!(checked.is_valid(), "{:#?}", checked.diagnostics);
        assert!(
            checked.diagnostics[0]
                .message
                .starts_with("the framework has no `practitioner_view`"),
            "{:#?}",
            checked.diagnostics
        );
        let fw = checked.framework.unwrap();
        assert!(fw.practitioner_view.is_none());
        let builtin = check(BUILTIN_TEXT).framework.unwrap();
        assert_eq!(
            fw.letter().introduction,
            builtin.letter().introduction,
            "the built-in wording stands in"
        );
    }

    #[test]
    fn an_explanation_is_of_an_answer_the_item_can_have() {
        let text =
            BUILTIN_TEXT.replacen("answer: other\n      text:", "answer: othr\n      text:", 1);
        let found: Vec<String> = check(&text)
            .diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.message, d.help.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            found,
            ["`route` (`role: route`) cannot have the answer `othr`: did you mean `other`?"]
        );
    }
}
