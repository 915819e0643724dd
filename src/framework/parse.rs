//! From a YAML tree to a [`Framework`], field by field. Every problem of shape (unknown
//! or repeated fields, wrong types, missing or empty values, unknown keywords) is
//! recorded and reading goes on, so one run reports them all; rules that look across the
//! file are in `rules.rs`.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::diagnostic::{Diagnostic, Located};
use crate::suggest;
use crate::yaml::{Fields, Node, Reader, Value};

use super::FORMAT;
use super::kind::{AnswerKind, ChoiceOption, DateRules, KindId, NotePolicy};
use super::letter::{Explanation, PractitionerView};
use super::model::{
    Condition, Countersignature, Framework, Item, Jurisdiction, Meaning, Principle, ReasonPolicy,
    Signatures, Support, Wanted,
};
use super::role::Role;

pub(super) const FRAMEWORK_FIELDS: &[&str] = &[
    "format",
    "name",
    "version",
    "organisation",
    "jurisdiction",
    "declaration",
    "support",
    "practitioner_view",
    "case_details",
    "principles",
    "decision",
    "change_reason",
    "signatures",
];
pub(super) const SIGNATURES_FIELDS: &[&str] = &["meanings", "countersignature"];
pub(super) const MEANING_FIELDS: &[&str] = &["id", "label", "declaration"];
pub(super) const COUNTERSIGNATURE_FIELDS: &[&str] = &["meaning", "when"];
pub(super) const PRINCIPLE_FIELDS: &[&str] = &["id", "title", "summary", "items"];
pub(super) const ITEM_FIELDS: &[&str] = &[
    "id",
    "prompt",
    "guidance",
    "answer",
    "options",
    "past",
    "not_before",
    "note",
    "required",
    "when",
    "role",
    "change_reason",
];
/// The fields only a `date` item may have.
const DATE_FIELDS: [&str; 2] = ["past", "not_before"];
/// How to write `not_before`, for the messages that refuse one.
const NOT_BEFORE_HELP: &str = "name the earlier `date` items this date should not come before: `not_before: ID` or `not_before: [ID, ID]`";
pub(super) const OPTION_FIELDS: &[&str] = &["id", "label"];
pub(super) const CONDITION_FIELDS: &[&str] = &["item", "answer", "any", "not"];
/// The fields of a condition of which it has exactly one: what it wants of the answer.
const CONDITION_TESTS: [&str; 3] = ["answer", "any", "not"];
/// How to write a condition, for the messages that refuse one.
const CONDITION_HELP: &str = "write `when: { item: ID, answer: ANSWER }` for one answer, `any: [ANSWER, ANSWER]` for any of several, or `not: ANSWER` for any answer but one";
pub(super) const SUPPORT_FIELDS: &[&str] = &["name", "detail", "contact"];
pub(super) const VIEW_FIELDS: &[&str] = &["introduction", "process", "explanations"];
pub(super) const EXPLANATION_FIELDS: &[&str] = &["role", "answer", "text"];
const OTHER_FORMATS: &[(&str, &str)] = &[
    ("fairness-record/1", "a case record"),
    ("fairness-answers/1", "an answers file"),
];

/// Reads a whole framework. `None` only when the file is not a framework at all (empty,
/// not a mapping, or another format); otherwise as much as could be read.
pub fn framework(root: &Node, r: &mut Reader) -> Option<Framework> {
    if matches!(root.value, Value::Null) {
        r.push(Diagnostic::error("the file is empty", None).with_help(format!(
            "a framework starts with `format: {FORMAT}`; `fairness init` writes one to start from"
        )));
        return None;
    }
    let fields = r.fields(root, "the framework", FRAMEWORK_FIELDS)?;
    if !format_is_framework(&fields, r) {
        return None;
    }
    let text = |r: &mut Reader, name| r.required_text(&fields, name).map(|t| t.value);
    let name = text(r, "name").unwrap_or_default();
    let version = text(r, "version").unwrap_or_default();
    let organisation = r.optional_text(&fields, "organisation").map(|t| t.value);
    let jurisdiction = fields
        .get("jurisdiction")
        .and_then(|node| jurisdiction(node, r));
    let jurisdiction_at = jurisdiction.and(fields.get("jurisdiction").map(|node| node.at));
    let declaration = text(r, "declaration").unwrap_or_default();
    let support = r
        .list(&fields, "support", false)
        .unwrap_or_default()
        .iter()
        .filter_map(|n| support(n, r))
        .collect();
    let practitioner_view = practitioner_view(&fields, r);
    let case_details = items(r.list(&fields, "case_details", false), r);
    let principle_nodes = r.list(&fields, "principles", true);
    // Only a list of principles can be missing one; anything else is reported as such.
    let principles_at = principle_nodes.and(fields.key_at("principles"));
    let principles = principle_nodes
        .unwrap_or_default()
        .iter()
        .filter_map(|n| principle(n, r))
        .collect();
    let decision = items(r.list(&fields, "decision", false), r);
    let change_reason = reason_policy(&fields, r).unwrap_or_default();
    let signatures = fields.get("signatures").and_then(|n| signatures(n, r));
    Some(Framework {
        name,
        version,
        organisation,
        jurisdiction,
        jurisdiction_at,
        declaration,
        support,
        practitioner_view,
        case_details,
        principles,
        principles_at,
        decision,
        change_reason,
        signatures,
    })
}

/// The framework's `signatures` section, if it has one (`null` is none).
fn signatures(node: &Node, r: &mut Reader) -> Option<Signatures> {
    if matches!(node.value, Value::Null) {
        return None;
    }
    let fields = r.fields(node, "`signatures`", SIGNATURES_FIELDS)?;
    let meanings = r
        .list(&fields, "meanings", false)
        .unwrap_or_default()
        .iter()
        .filter_map(|n| meaning(n, r))
        .collect();
    let countersignature = fields
        .get("countersignature")
        .filter(|n| !matches!(n.value, Value::Null))
        .and_then(|n| countersignature(n, r));
    Some(Signatures {
        meanings,
        countersignature,
    })
}

fn meaning(node: &Node, r: &mut Reader) -> Option<Meaning> {
    let fields = r.fields(node, named("meaning", "a meaning", node), MEANING_FIELDS)?;
    let id = r.required_text(&fields, "id");
    let label = r.required_text(&fields, "label");
    let declaration = r.required_text(&fields, "declaration");
    Some(Meaning {
        id: id?,
        label: label?.value,
        declaration: declaration?.value,
    })
}

fn countersignature(node: &Node, r: &mut Reader) -> Option<Countersignature> {
    let fields = r.fields(node, "`countersignature`", COUNTERSIGNATURE_FIELDS)?;
    let meaning = r.required_text(&fields, "meaning");
    let when = match fields.get("when") {
        None => {
            r.missing(&fields, "when");
            Vec::new()
        }
        // One condition, or a list of them of which any one holding is enough.
        Some(n) => match &n.value {
            Value::Seq(list) if list.is_empty() => {
                r.push(
                    Diagnostic::error("`when` lists no conditions", Some(n.at)).with_help(
                        "list the answers that make a countersignature required: `- { item: ID, answer: ANSWER }`",
                    ),
                );
                Vec::new()
            }
            Value::Seq(list) => list.iter().filter_map(|c| condition(c, r)).collect(),
            _ => condition(n, r).into_iter().collect(),
        },
    };
    Some(Countersignature {
        meaning: meaning?,
        when,
    })
}

/// Checks the `format` line. A file of another format is named as such and read no
/// further, since every field would be unknown.
fn format_is_framework(fields: &Fields, r: &mut Reader) -> bool {
    let Some(node) = fields.get("format") else {
        r.push(
            Diagnostic::error("the framework has no `format`", Some(fields.at))
                .with_help(format!("add `format: {FORMAT}` as the first line")),
        );
        return true;
    };
    let Some(format) = r.required_text(fields, "format") else {
        return matches!(node.value, Value::Null);
    };
    if format.value == FORMAT {
        return true;
    }
    let d = match OTHER_FORMATS.iter().find(|(f, _)| *f == format.value) {
        Some((_, what)) => Diagnostic::error(
            format!("this is {what} (`{}`), not a framework", format.value),
            Some(format.at),
        )
        .with_help("`fairness validate` checks framework files"),
        None => {
            let d = Diagnostic::error(
                format!("unsupported format `{}`", format.value),
                Some(format.at),
            );
            match suggest::did_you_mean(&format.value, [FORMAT]) {
                Some(help) => d.with_help(help),
                None => d.with_help(format!("this version of fairness reads `{FORMAT}`")),
            }
        }
    };
    r.push(d);
    false
}

fn jurisdiction(node: &Node, r: &mut Reader) -> Option<Jurisdiction> {
    let text = r.text(node, "jurisdiction")?;
    let found = Jurisdiction::ALL.into_iter().find(|j| j.id() == text.value);
    if found.is_none() {
        let ids: Vec<&str> = Jurisdiction::ALL.iter().map(|j| j.id()).collect();
        r.push(unknown_keyword("jurisdiction", &text, &ids));
    }
    found
}

fn support(node: &Node, r: &mut Reader) -> Option<Support> {
    let fields = r.fields(node, "a support entry", SUPPORT_FIELDS)?;
    let text = |r: &mut Reader, name| r.required_text(&fields, name).map(|t| t.value);
    Some(Support {
        name: text(r, "name").unwrap_or_default(),
        detail: text(r, "detail").unwrap_or_default(),
        contact: r.optional_text(&fields, "contact").map(|t| t.value),
    })
}

/// The framework's `practitioner_view`, if it has one (`null` is none).
fn practitioner_view(fields: &Fields, r: &mut Reader) -> Option<PractitionerView> {
    let node = fields.get("practitioner_view")?;
    if matches!(node.value, Value::Null) {
        return None;
    }
    let fields = r.fields(node, "`practitioner_view`", VIEW_FIELDS)?;
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
                r.push(unknown_keyword("role", &text, &ids));
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

fn principle(node: &Node, r: &mut Reader) -> Option<Principle> {
    let fields = r.fields(
        node,
        named("principle", "a principle", node),
        PRINCIPLE_FIELDS,
    )?;
    let id = r.required_text(&fields, "id");
    let title = r.required_text(&fields, "title");
    let summary = r.optional_text(&fields, "summary").map(|t| t.value);
    let item_nodes = r.list(&fields, "items", true);
    Some(Principle {
        // A principle with no id still counts, so that its items are checked; the
        // missing id has been reported.
        id: id.unwrap_or_else(|| Located::new(String::new(), fields.at)),
        title: title.unwrap_or_else(|| Located::new(String::new(), fields.at)),
        summary,
        items_at: item_nodes.and(fields.key_at("items")),
        items: items(item_nodes, r),
    })
}

fn items(nodes: Option<&[Node]>, r: &mut Reader) -> Vec<Item> {
    nodes
        .unwrap_or_default()
        .iter()
        .filter_map(|n| item(n, r))
        .collect()
}

fn item(node: &Node, r: &mut Reader) -> Option<Item> {
    let fields = r.fields(node, named("item", "an item", node), ITEM_FIELDS)?;
    let id = r.required_text(&fields, "id");
    let prompt = r.required_text(&fields, "prompt");
    let guidance = r.optional_text(&fields, "guidance").map(|t| t.value);
    let answer = answer_kind(&fields, r);
    let note = note_policy(&fields, &answer, r);
    let required = r.optional_bool(&fields, "required").unwrap_or(true);
    let when = fields.get("when").and_then(|n| condition(n, r));
    let role = role(&fields, r);
    let change_reason = reason_policy(&fields, r);
    let here = |value: Option<Located<String>>| {
        value.unwrap_or_else(|| Located::new(String::new(), fields.at))
    };
    Some(Item {
        id: here(id),
        prompt: here(prompt),
        guidance,
        answer,
        note,
        required,
        when,
        role,
        change_reason,
    })
}

/// `change_reason: optional | required`, of an item or of the whole framework; `None`
/// when absent (or not one of them: reported).
fn reason_policy(fields: &Fields, r: &mut Reader) -> Option<ReasonPolicy> {
    let text = r.optional_text(fields, "change_reason")?;
    let policy = ReasonPolicy::from_id(text.value.trim());
    if policy.is_none() {
        r.push(unknown_keyword("change_reason", &text, &ReasonPolicy::IDS));
    }
    policy
}

/// The kind of answer an item takes. When the kind is missing or unknown but the item
/// has `options`, it is taken as a `choice` (after the error is reported), so that the
/// options are still checked and `when` conditions on it are not wrongly refused.
fn answer_kind(fields: &Fields, r: &mut Reader) -> AnswerKind {
    let options = fields.get("options");
    let kind = match r.required_text(fields, "answer") {
        Some(text) => match KindId::from_id(&text.value) {
            Some(id) => Some(AnswerKind::new(id)),
            None => {
                r.push(unknown_keyword("answer", &text, &KindId::IDS));
                None
            }
        },
        None => None,
    };
    let rules = date_rules(fields, kind.as_ref(), r);
    let kind = kind.map(|kind| match kind {
        AnswerKind::Date(_) => AnswerKind::Date(rules),
        other => other,
    });
    match (kind, options) {
        (Some(AnswerKind::Choice(_)) | None, Some(node)) => {
            AnswerKind::Choice(choice_options(node, fields, r))
        }
        (Some(AnswerKind::Choice(_)), None) => {
            r.push(
                Diagnostic::error(
                    format!("{} is a `choice` with no `options`", fields.what()),
                    fields.key_at("answer"),
                )
                .with_help("list at least two options, each with an `id` and a `label`"),
            );
            AnswerKind::Choice(Vec::new())
        }
        (Some(kind), Some(_)) => {
            r.push(
                Diagnostic::error(
                    format!(
                        "`options` is only for `choice` items, and this is a `{}` item",
                        kind.id()
                    ),
                    fields.key_at("options"),
                )
                .with_help("remove `options`, or make it `answer: choice`"),
            );
            kind
        }
        (Some(kind), None) => kind,
        (None, None) => AnswerKind::Check,
    }
}

/// `past` and `not_before`, the rules of a `date` item: read on a date item, and
/// refused on an item of another kind. On an item whose kind could not be read (which
/// is reported already) they are read, so that their own problems are found, and then
/// left out.
fn date_rules(fields: &Fields, kind: Option<&AnswerKind>, r: &mut Reader) -> DateRules {
    if let Some(kind) = kind.filter(|k| k.kind() != KindId::Date) {
        for name in DATE_FIELDS {
            if let Some(at) = fields.key_at(name) {
                r.push(
                    Diagnostic::error(
                        format!(
                            "`{name}` is only for `date` items, and this is a `{}` item",
                            kind.id()
                        ),
                        Some(at),
                    )
                    .with_help(format!("remove `{name}`, or make it `answer: date`")),
                );
            }
        }
        return DateRules::default();
    }
    DateRules {
        past: r.optional_bool(fields, "past").unwrap_or(false),
        not_before: fields
            .get("not_before")
            .map(|node| not_before(node, r))
            .unwrap_or_default(),
    }
}

/// The ids `not_before` names: one id, or a list of them, none blank, none twice.
/// Whether each is an earlier date item is for the rules.
fn not_before(node: &Node, r: &mut Reader) -> Vec<Located<String>> {
    let entries: Vec<&Node> = match &node.value {
        Value::Seq(list) if !list.is_empty() => list.iter().collect(),
        Value::Seq(_) | Value::Null => {
            r.push(
                Diagnostic::error("`not_before` names no items", Some(node.at))
                    .with_help(NOT_BEFORE_HELP),
            );
            return Vec::new();
        }
        Value::Map(_) => {
            r.push(
                Diagnostic::error(
                    "`not_before` should be an item's id or a list of ids, found a mapping",
                    Some(node.at),
                )
                .with_help(NOT_BEFORE_HELP),
            );
            return Vec::new();
        }
        _ => vec![node],
    };
    let mut ids: Vec<Located<String>> = Vec::with_capacity(entries.len());
    // A set, so that a hostile file's long list is checked in one pass.
    let mut seen: HashSet<String> = HashSet::new();
    for entry in entries {
        let problem = match &entry.value {
            Value::Seq(_) | Value::Map(_) => Some(format!(
                "each entry of `not_before` should be an item's id, found {}",
                entry.value.kind()
            )),
            _ => match r
                .text(entry, "not_before")
                .filter(|id| !id.value.trim().is_empty())
            {
                None => Some("an entry of `not_before` is empty".to_owned()),
                Some(id) if !seen.insert(id.value.clone()) => {
                    Some(format!("`{}` is listed twice in `not_before`", id.value))
                }
                Some(id) => {
                    ids.push(id);
                    None
                }
            },
        };
        if let Some(message) = problem {
            r.push(Diagnostic::error(message, Some(entry.at)));
        }
    }
    ids
}

fn choice_options(node: &Node, fields: &Fields, r: &mut Reader) -> Vec<ChoiceOption> {
    let nodes = match &node.value {
        Value::Seq(nodes) if !nodes.is_empty() => nodes,
        Value::Seq(_) | Value::Null => {
            r.push(
                Diagnostic::error(
                    format!("the `options` of {} are empty", fields.what()),
                    fields.key_at("options"),
                )
                .with_help(
                    "a `choice` needs at least two options, each with an `id` and a `label`",
                ),
            );
            return Vec::new();
        }
        other => {
            r.error(
                format!("`options` should be a list, found {}", other.kind()),
                node.at,
            );
            return Vec::new();
        }
    };
    nodes
        .iter()
        .filter_map(|n| {
            let fields = r.fields(n, "an option", OPTION_FIELDS)?;
            let id = r.required_text(&fields, "id");
            let label = r.required_text(&fields, "label");
            Some(ChoiceOption {
                id: id?,
                label: label?,
            })
        })
        .collect()
}

fn note_policy(fields: &Fields, kind: &AnswerKind, r: &mut Reader) -> NotePolicy {
    let default = kind.default_note();
    let Some(text) = r.optional_text(fields, "note") else {
        return default;
    };
    let Some(policy) = NotePolicy::from_id(&text.value) else {
        r.push(unknown_keyword("note", &text, &NotePolicy::IDS));
        return default;
    };
    if policy == NotePolicy::RequiredIfNo && *kind != AnswerKind::Check {
        r.push(
            Diagnostic::error(
                format!(
                    "`note: required-if-no` is only for `check` items, and this is a `{}` item",
                    kind.id()
                ),
                Some(text.at),
            )
            .with_help("use `optional` or `required`"),
        );
        return default;
    }
    policy
}

fn condition(node: &Node, r: &mut Reader) -> Option<Condition> {
    if !matches!(node.value, Value::Map(_)) {
        r.push(
            Diagnostic::error(
                format!(
                    "`when` should name an item and an answer, found {}",
                    node.value.kind()
                ),
                Some(node.at),
            )
            .with_help(CONDITION_HELP),
        );
        return None;
    }
    let fields = r.fields(node, "`when`", CONDITION_FIELDS)?;
    let item = r.required_text(&fields, "item");
    let given: Vec<&str> = CONDITION_TESTS
        .into_iter()
        .filter(|name| fields.get(name).is_some())
        .collect();
    let test = match given[..] {
        [] => {
            if !CONDITION_TESTS.iter().any(|t| fields.misspelt(t)) {
                r.push(
                    Diagnostic::error("`when` has no `answer`, `any` or `not`", Some(fields.at))
                        .with_help(CONDITION_HELP),
                );
            }
            None
        }
        ["answer"] => r.required_text(&fields, "answer").map(Wanted::Is),
        ["not"] => r.required_text(&fields, "not").map(Wanted::Not),
        [_] => {
            let entries = r.list(&fields, "any", true)?;
            if entries.is_empty() {
                r.push(
                    Diagnostic::error("`any` lists no answers", fields.get("any").map(|n| n.at))
                        .with_help("list the answers that show the item: `any: [ANSWER, ANSWER]`"),
                );
                return None;
            }
            let mut answers: Vec<Located<String>> = Vec::with_capacity(entries.len());
            let mut whole = true;
            for entry in entries {
                let problem = match &entry.value {
                    Value::Seq(_) | Value::Map(_) => Some(format!(
                        "each answer in `any` should be text, found {}",
                        entry.value.kind()
                    )),
                    // Null and blank alike are empty.
                    _ => match r.text(entry, "any").filter(|a| !a.value.trim().is_empty()) {
                        None => Some("an answer in `any` is empty".to_owned()),
                        Some(answer) if answers.iter().any(|a| a.value == answer.value) => {
                            Some(format!("`{}` is listed twice in `any`", answer.value))
                        }
                        Some(answer) => {
                            answers.push(answer);
                            None
                        }
                    },
                };
                if let Some(message) = problem {
                    r.push(Diagnostic::error(message, Some(entry.at)));
                    whole = false;
                }
            }
            whole.then_some(Wanted::AnyOf(answers))
        }
        [first, second, ..] => {
            r.push(
                Diagnostic::error(
                    format!("`when` has both `{first}` and `{second}`: it can have only one"),
                    fields.key_at(second),
                )
                .with_help(CONDITION_HELP),
            );
            None
        }
    };
    Some(Condition {
        item: item?,
        test: test?,
    })
}

/// An item's `role`, if it has one: a known role, or an error naming the nearest.
fn role(fields: &Fields, r: &mut Reader) -> Option<Located<Role>> {
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

/// How messages name a mapping: by its id where it has one ("item `route`"), else
/// generally ("an item").
fn named(kind: &str, unnamed: &'static str, node: &Node) -> Cow<'static, str> {
    match node.id() {
        Some(id) => Cow::Owned(format!("{kind} `{id}`")),
        None => Cow::Borrowed(unnamed),
    }
}

/// A value that should be one of a few keywords and is not.
fn unknown_keyword(field: &str, found: &Located<String>, allowed: &[&str]) -> Diagnostic {
    let d = Diagnostic::error(
        format!("`{}` is not a valid `{field}`", found.value),
        Some(found.at),
    );
    let help = suggest::did_you_mean(&found.value, allowed.iter().copied())
        .unwrap_or_else(|| format!("`{field}` is one of {}", crate::yaml::quoted_list(allowed)));
    d.with_help(help)
}

#[cfg(test)]
mod tests {
    use crate::framework::{BUILTIN_TEXT, check};

    fn messages(text: &str) -> Vec<String> {
        check(text)
            .diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.message, d.help.as_deref().unwrap_or("")))
            .collect()
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
}
