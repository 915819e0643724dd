//! From a YAML tree to a [`Framework`], field by field. Every problem of shape (unknown
//! or repeated fields, wrong types, missing or empty values, unknown keywords) is
//! recorded and reading goes on, so one run reports them all; rules that look across the
//! file are in `rules.rs`.

use crate::diagnostic::{Diagnostic, Located};
use crate::suggest;
use crate::yaml::{Fields, Node, Reader, Value};

use super::FORMAT;
use super::model::{
    AnswerKind, ChoiceOption, Condition, Framework, Item, Jurisdiction, NotePolicy, Principle,
    Support,
};

const FRAMEWORK_FIELDS: &[&str] = &[
    "format",
    "name",
    "version",
    "organisation",
    "jurisdiction",
    "declaration",
    "support",
    "case_details",
    "principles",
    "decision",
];
const PRINCIPLE_FIELDS: &[&str] = &["id", "title", "summary", "items"];
const ITEM_FIELDS: &[&str] = &[
    "id", "prompt", "guidance", "answer", "options", "note", "required", "when",
];
const OPTION_FIELDS: &[&str] = &["id", "label"];
const CONDITION_FIELDS: &[&str] = &["item", "answer"];
const SUPPORT_FIELDS: &[&str] = &["name", "detail", "contact"];
const ANSWER_KINDS: &[&str] = &["check", "text", "date", "choice"];

/// Reads a whole framework. `None` only when the file is not a framework at all (empty,
/// not a mapping, or another format); otherwise as much as could be read.
pub fn framework(root: &Node, r: &mut Reader) -> Option<Framework> {
    if matches!(root.value, Value::Null) {
        r.push(
            Diagnostic::error("the file is empty", None)
                .with_help(format!("a framework starts with `format: {FORMAT}`; `fairness init` writes one to start from")),
        );
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
    let declaration = text(r, "declaration").unwrap_or_default();
    let support = r
        .list(&fields, "support", false)
        .iter()
        .filter_map(|n| support(n, r))
        .collect();
    let case_details = items(r.list(&fields, "case_details", false), r);
    let principles = r
        .list(&fields, "principles", true)
        .iter()
        .filter_map(|n| principle(n, r))
        .collect();
    let principles_at = fields.key_at("principles");
    let decision = items(r.list(&fields, "decision", false), r);
    Some(Framework {
        name,
        version,
        organisation,
        jurisdiction,
        declaration,
        support,
        case_details,
        principles,
        principles_at,
        decision,
    })
}

/// Checks the `format` line. A file of another known format is named as such and read
/// no further, since every field would be unknown.
fn format_is_framework(fields: &Fields, r: &mut Reader) -> bool {
    let Some(node) = fields.get("format") else {
        r.push(
            Diagnostic::error("the framework has no `format`", Some(fields.at))
                .with_help(format!("add `format: {FORMAT}` as the first line")),
        );
        return true;
    };
    let Some(format) = r.text(node, "format") else {
        r.error("`format` is empty", node.at);
        return true;
    };
    match format.value.as_str() {
        FORMAT => true,
        "fairness-record/1" | "fairness-answers/1" => {
            let what = if format.value.starts_with("fairness-record") {
                "a case record"
            } else {
                "an answers file"
            };
            r.push(
                Diagnostic::error(
                    format!("this is {what} (`{}`), not a framework", format.value),
                    Some(format.at),
                )
                .with_help("`fairness validate` checks framework files"),
            );
            false
        }
        other => {
            r.push(
                Diagnostic::error(format!("unsupported format `{other}`"), Some(format.at))
                    .with_help(format!("this version of fairness reads `{FORMAT}`")),
            );
            false
        }
    }
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
    Some(Support {
        name: r
            .required_text(&fields, "name")
            .map(|t| t.value)
            .unwrap_or_default(),
        detail: r
            .required_text(&fields, "detail")
            .map(|t| t.value)
            .unwrap_or_default(),
        contact: r.optional_text(&fields, "contact").map(|t| t.value),
    })
}

fn principle(node: &Node, r: &mut Reader) -> Option<Principle> {
    let fields = r.fields(node, "a principle", PRINCIPLE_FIELDS)?;
    let id = r.required_text(&fields, "id");
    let title = r.required_text(&fields, "title");
    let summary = r.optional_text(&fields, "summary").map(|t| t.value);
    let items = items(r.list(&fields, "items", true), r);
    Some(Principle {
        // A principle with no id still counts, so that its items are checked; the
        // missing id has been reported.
        id: id.unwrap_or_else(|| Located::new(String::new(), fields.at)),
        title: title.unwrap_or_else(|| Located::new(String::new(), fields.at)),
        summary,
        items,
    })
}

fn items(nodes: &[Node], r: &mut Reader) -> Vec<Item> {
    nodes.iter().filter_map(|n| item(n, r)).collect()
}

fn item(node: &Node, r: &mut Reader) -> Option<Item> {
    let fields = r.fields(node, "an item", ITEM_FIELDS)?;
    let id = r
        .required_text(&fields, "id")
        .unwrap_or_else(|| Located::new(String::new(), fields.at));
    let prompt = r
        .required_text(&fields, "prompt")
        .unwrap_or_else(|| Located::new(String::new(), fields.at));
    let guidance = r.optional_text(&fields, "guidance").map(|t| t.value);
    let answer = answer_kind(&fields, r);
    let note = note_policy(&fields, &answer, r);
    let required = r.optional_bool(&fields, "required").unwrap_or(true);
    let when = fields.get("when").and_then(|n| condition(n, r));
    Some(Item {
        id,
        prompt,
        guidance,
        answer,
        note,
        required,
        when,
    })
}

fn answer_kind(fields: &Fields, r: &mut Reader) -> AnswerKind {
    let options = fields.get("options");
    let kind = match r.required_text(fields, "answer") {
        Some(text) => match text.value.as_str() {
            "check" => AnswerKind::Check,
            "text" => AnswerKind::Text,
            "date" => AnswerKind::Date,
            "choice" => AnswerKind::Choice(Vec::new()),
            _ => {
                r.push(unknown_keyword("answer", &text, ANSWER_KINDS));
                return AnswerKind::Check;
            }
        },
        None => return AnswerKind::Check,
    };
    match (kind, options) {
        (AnswerKind::Choice(_), Some(node)) => AnswerKind::Choice(choice_options(node, r)),
        (AnswerKind::Choice(_), None) => {
            r.push(
                Diagnostic::error("a `choice` item has no `options`", fields.key_at("answer"))
                    .with_help("list at least two options, each with an `id` and a `label`"),
            );
            AnswerKind::Choice(Vec::new())
        }
        (kind, Some(_)) => {
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
        (kind, None) => kind,
    }
}

fn choice_options(node: &Node, r: &mut Reader) -> Vec<ChoiceOption> {
    let Value::Seq(nodes) = &node.value else {
        r.error(
            format!("`options` should be a list, found {}", node.value.kind()),
            node.at,
        );
        return Vec::new();
    };
    nodes
        .iter()
        .filter_map(|n| {
            let fields = r.fields(n, "an option", OPTION_FIELDS)?;
            let id = r.required_text(&fields, "id")?;
            let label = r.required_text(&fields, "label")?;
            Some(ChoiceOption { id, label })
        })
        .collect()
}

fn note_policy(fields: &Fields, kind: &AnswerKind, r: &mut Reader) -> NotePolicy {
    let default = NotePolicy::default_for(kind);
    let Some(text) = r.optional_text(fields, "note") else {
        return default;
    };
    let policy = match text.value.as_str() {
        "optional" => NotePolicy::Optional,
        "required" => NotePolicy::Required,
        "required-if-no" => NotePolicy::RequiredIfNo,
        _ => {
            r.push(unknown_keyword("note", &text, &NotePolicy::IDS));
            return default;
        }
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
    let fields = r.fields(node, "`when`", CONDITION_FIELDS)?;
    let item = r.required_text(&fields, "item");
    let answer = r.required_text(&fields, "answer");
    Some(Condition {
        item: item?,
        answer: answer?,
    })
}

/// A value that should be one of a few keywords and is not.
fn unknown_keyword(field: &str, found: &Located<String>, allowed: &[&str]) -> Diagnostic {
    let d = Diagnostic::error(
        format!("`{}` is not a valid `{field}`", found.value),
        Some(found.at),
    );
    match suggest::closest(&found.value, allowed.iter().copied()) {
        Some(near) => d.with_help(format!("did you mean `{near}`?")),
        None => d.with_help(format!(
            "`{field}` is one of {}",
            crate::yaml::list(allowed)
        )),
    }
}
