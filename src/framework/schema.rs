//! The framework format as JSON Schema (draft-07, the draft editors' YAML support reads),
//! so that an editor can check and complete a framework file as it is typed.
//!
//! The model in `model.rs` is what a framework *means* once read: values keep their place
//! in the file, defaults are resolved, and a `choice` carries its options. A file is
//! shaped differently (`answer: choice` with a sibling `options` list, `note` and
//! `required` left out for their defaults, a `format` line), so the schema is derived from
//! the small file-shaped types below instead. Everything that could drift is taken from
//! what the parser and rules use: the answer kinds (with their descriptions) and note
//! policies are those of `kind.rs`, the nations the model's own enum, the five
//! Principles come from [`LOCKED`], the format from [`FORMAT`]; and the tests check that
//! every object allows exactly the fields the parser reads, and that the id pattern
//! accepts exactly what the rules accept.
//!
//! A schema cannot say everything `fairness validate` checks: ids unique across the file,
//! option ids and labels unique within an item, `when` naming an earlier `check` or
//! `choice` item and an answer it can have, `not_before` naming earlier `date` items,
//! and each role on one item (or on several that `when` keeps apart) are left to `validate`.

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Value, json};

use crate::value::MAX_ID_LEN;

use super::FORMAT;
use super::kind::{KindId, NotePolicy};
use super::model::{Jurisdiction, ReasonPolicy};
use super::principles::LOCKED;
use super::role::Role;

/// The JSON Schema of `fairness-framework/1`.
pub fn json_schema() -> Schema {
    SchemaSettings::draft07()
        .with_transform(RecursiveTransform(one_line_descriptions))
        .into_generator()
        .into_root_schema_for::<file::Framework>()
}

/// The pattern of an id, as the rules check it (`value::is_slug`): lowercase letters,
/// digits and single hyphens, starting with a letter and not ending with a hyphen.
const SLUG_PATTERN: &str = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$";

/// The file-shaped types. They are only ever described, never built.
#[allow(dead_code)]
mod file {
    use schemars::JsonSchema;

    use super::{
        AnyText, ExplainedRole, Format, Jurisdiction, KindId, NotBefore, NotePolicy, Principles,
        ReasonPolicy, Role, Slug, Text,
    };

    /// A framework for the fairness checklist: what it asks, in what order, and what
    /// counts as a complete answer. `fairness validate` checks more than a schema can:
    /// run it before use.
    #[derive(Default, JsonSchema)]
    #[schemars(title = "fairness-framework/1", deny_unknown_fields)]
    pub struct Framework {
        /// Always `fairness-framework/1`.
        format: Format,
        /// The framework's name, shown at the top of every run and record.
        name: Text,
        /// Your own label for this revision, such as "2026.1".
        version: Text,
        /// Who adapted the framework; null in the built-in one.
        organisation: Option<AnyText>,
        /// The nation whose policy applies. Leave it null when the case details ask
        /// which policy applies, case by case.
        jurisdiction: Option<Jurisdiction>,
        /// What the signer confirms at sign-off.
        declaration: Text,
        /// Where the practitioner can get support.
        support: Option<Vec<Support>>,
        /// What the practitioner's view of a record says, in your own words. Without
        /// it, the view uses the built-in framework's wording.
        practitioner_view: Option<PractitionerView>,
        /// Items asked first, before the Principles.
        case_details: Option<Vec<Item>>,
        /// The five Principles, each exactly once and in any order, each with its items.
        principles: Principles,
        /// Items asked last: the route, the rationale, the actions.
        decision: Option<Vec<Item>>,
        /// Whether changing or clearing a confirmed answer needs a reason, for every
        /// item that does not say: `optional` (the default) or `required`.
        change_reason: Option<ReasonPolicy>,
        /// What a reviewer's signature can mean, and when a record needs a
        /// countersignature (`fairness countersign`).
        signatures: Option<Signatures>,
    }

    /// Signatures beside the case manager's own (`author`, built in).
    #[derive(Default, JsonSchema)]
    #[schemars(deny_unknown_fields)]
    pub struct Signatures {
        /// The meanings a reviewer may sign with, such as an independent reviewer or
        /// board oversight.
        meanings: Option<Vec<Meaning>>,
        /// When a countersignature is required, and with which meaning.
        countersignature: Option<Countersignature>,
    }

    /// What a reviewer's signature means.
    #[derive(Default, JsonSchema)]
    #[schemars(deny_unknown_fields)]
    pub struct Meaning {
        /// A slug, unique among the meanings, other than `author`: records name the
        /// meaning by it.
        id: Slug,
        /// What the meaning is called where a signature is shown.
        label: Text,
        /// What the reviewer declares when signing with this meaning.
        declaration: Text,
    }

    /// A countersignature the framework requires.
    #[derive(Default, JsonSchema)]
    #[schemars(deny_unknown_fields)]
    pub struct Countersignature {
        /// The id of one of the `meanings`.
        meaning: Slug,
        /// The conditions, in the language of an item's `when`, any one of which
        /// makes a countersignature required.
        #[schemars(length(min = 1))]
        when: Vec<Condition>,
    }

    /// Somewhere the practitioner can get support.
    #[derive(Default, JsonSchema)]
    #[schemars(deny_unknown_fields)]
    pub struct Support {
        /// The service, such as "Occupational health".
        name: Text,
        /// What it offers, in a sentence or two.
        detail: Text,
        /// How to reach it locally: a phone number, an address, a web page.
        contact: Option<AnyText>,
    }

    /// What the practitioner's view of a record (`fairness export --audience
    /// practitioner`) says.
    #[derive(Default, JsonSchema)]
    #[schemars(deny_unknown_fields)]
    pub struct PractitionerView {
        /// The paragraph the view opens with.
        introduction: Text,
        /// How the process works, one point each.
        #[schemars(length(min = 1))]
        process: Vec<Text>,
        /// What the view says, in place of its usual sentence, when the item with a
        /// role has a particular answer.
        explanations: Option<Vec<Explanation>>,
    }

    /// What the practitioner's view says when the item with `role` has `answer`.
    #[derive(JsonSchema)]
    #[schemars(deny_unknown_fields)]
    pub struct Explanation {
        /// The role of the item: a role of a `choice` or `check` item.
        role: ExplainedRole,
        /// One of that item's answers: an option's id for a `choice`, or `yes`, `no` or
        /// `not-applicable` for a `check`.
        answer: Slug,
        /// What the view says instead of its usual sentence.
        text: Text,
    }

    /// One of the five Principles. Its id and title are locked; its summary and items
    /// are yours to adapt.
    #[derive(Default, JsonSchema)]
    #[schemars(deny_unknown_fields, transform = super::pin_titles)]
    pub struct Principle {
        /// Locked: the id of one of the five Principles.
        id: super::PrincipleId,
        /// Locked: the title that goes with the id.
        title: super::PrincipleTitle,
        /// A few sentences shown before the Principle's items.
        summary: Option<AnyText>,
        /// The questions asked under this Principle: at least one.
        #[schemars(length(min = 1))]
        items: Vec<Item>,
    }

    /// One question of the checklist.
    #[derive(Default, JsonSchema)]
    #[schemars(
        deny_unknown_fields,
        transform = super::answer_rules,
        transform = super::role_rules
    )]
    pub struct Item {
        /// A lowercase slug (letters, digits and single hyphens, starting with a
        /// letter, at most 64 characters), unique across the whole file. Records and
        /// answers files refer to the item by it.
        id: Slug,
        /// The question, short enough to answer at a glance.
        prompt: Text,
        /// Why the question matters and what good looks like.
        guidance: Option<AnyText>,
        /// The kind of answer the item takes.
        answer: KindId,
        /// For `choice` items only: at least two options, each with an `id` and a
        /// `label`.
        #[serde(default)]
        #[schemars(length(min = 2))]
        options: Vec<ChoiceOption>,
        /// For `date` items only: `true` when the date may not be later than the day it
        /// is given (a concern raised, say); leave it out for a date that may lie ahead.
        past: Option<bool>,
        /// For `date` items only: the earlier `date` items, by id, that this date should
        /// not come before. A date before one of them is a warning at the review.
        #[serde(default)]
        not_before: NotBefore,
        /// When a note is needed. The default is `required-if-no` for `check` items
        /// and `optional` for the others.
        note: Option<NotePolicy>,
        /// Whether sign-off needs an answer to this item.
        #[schemars(extend("default" = true))]
        required: Option<bool>,
        /// Ask this item only when an earlier item's answer passes this test.
        #[serde(default)]
        when: Condition,
        /// What the item is for, where reports across cases or the practitioner's view
        /// rely on it: each role on one item, or on several that `when` keeps apart, of the kind the role needs.
        role: Option<Role>,
        /// Whether changing or clearing this item's confirmed answer needs a reason.
        /// The default is the framework's `change_reason`, else `optional`.
        change_reason: Option<ReasonPolicy>,
    }

    /// One option of a `choice` item.
    #[derive(Default, JsonSchema)]
    #[schemars(deny_unknown_fields)]
    pub struct ChoiceOption {
        /// A slug, unique within the item: records, exports and `when` use it.
        id: Slug,
        /// What a person reads.
        label: Text,
    }

    /// Ask an item only when an earlier item's answer is one given (`answer`), any of
    /// several (`any`), or any answer but one (`not`): exactly one of the three.
    #[derive(Default, JsonSchema)]
    #[schemars(deny_unknown_fields)]
    #[schemars(extend("oneOf" = [
        { "required": ["answer"] },
        { "required": ["any"] },
        { "required": ["not"] },
    ]))]
    pub struct Condition {
        /// The id of a `check` or `choice` item asked earlier.
        item: Slug,
        /// The answer that shows this item: `yes`, `no` or `not-applicable` for a
        /// `check` item, an option's id for a `choice` item.
        #[serde(default)]
        answer: Slug,
        /// Answers any one of which shows this item.
        #[serde(default)]
        #[schemars(length(min = 1), extend("uniqueItems" = true))]
        any: Vec<Slug>,
        /// The one answer that does not show this item; any other does (an item not
        /// answered shows nothing).
        #[serde(default)]
        not: Slug,
    }
}

/// Text in a framework file: any scalar, since the parser reads numbers and booleans
/// as text, exactly as written (`version: 2026.10` is the label "2026.10").
const TEXT_TYPES: [&str; 3] = ["string", "number", "boolean"];

/// Text that must be given and not blank.
#[derive(Default)]
struct Text;

impl JsonSchema for Text {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": TEXT_TYPES, "pattern": "\\S" })
    }
}

/// Text that may be blank.
#[derive(Default)]
struct AnyText;

impl JsonSchema for AnyText {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "AnyText".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": TEXT_TYPES })
    }
}

/// An item's or option's id.
#[derive(Default)]
struct Slug;

impl JsonSchema for Slug {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Slug".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "pattern": SLUG_PATTERN, "maxLength": MAX_ID_LEN })
    }
}

/// The `format` line.
#[derive(Default)]
struct Format;

impl JsonSchema for Format {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Format".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "const": FORMAT })
    }
}

/// A keyword: one of `ids`, each described for an editor's completion list by the
/// matching entry of `descriptions` (`enumDescriptions` is VS Code's extension, which
/// other tools ignore).
fn keyword(ids: &[&str], descriptions: &[String]) -> Schema {
    json_schema!({ "type": "string", "enum": ids, "enumDescriptions": descriptions })
}

impl JsonSchema for KindId {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "AnswerKind".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let descriptions = KindId::ALL.map(|k| k.description().to_owned());
        keyword(&KindId::IDS, &descriptions)
    }
}

impl JsonSchema for NotePolicy {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "NotePolicy".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let descriptions = NotePolicy::IDS.map(|id| {
            match id {
                "optional" => "A note may be added",
                "required" => "A note is needed whatever the answer",
                "required-if-no" => "A note is needed when the answer is No (`check` items only)",
                _ => "",
            }
            .to_owned()
        });
        keyword(&NotePolicy::IDS, &descriptions)
    }
}

impl JsonSchema for ReasonPolicy {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "ReasonPolicy".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let descriptions = ReasonPolicy::IDS.map(|id| {
            match id {
                "optional" => "A reason is asked for, and may be left empty",
                "required" => "The change is not made without a reason",
                _ => "",
            }
            .to_owned()
        });
        keyword(&ReasonPolicy::IDS, &descriptions)
    }
}

impl JsonSchema for Jurisdiction {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Jurisdiction".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let ids = Jurisdiction::ALL.map(Jurisdiction::id);
        let descriptions = Jurisdiction::ALL
            .map(|j| format!("every case handled with this framework is in {}", j.name()));
        keyword(&ids, &descriptions)
    }
}

impl JsonSchema for Role {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Role".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let ids = Role::ALL.map(Role::id);
        let descriptions = Role::ALL.map(|r| r.description().to_owned());
        keyword(&ids, &descriptions)
    }
}

/// A role an explanation may be for: one of a `choice` or `check` item, whose answers
/// are known in advance.
#[derive(Default)]
struct ExplainedRole;

impl JsonSchema for ExplainedRole {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "ExplainedRole".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let roles: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.kind() != KindId::Date)
            .collect();
        let ids: Vec<&str> = roles.iter().map(|r| r.id()).collect();
        let descriptions: Vec<String> = roles.iter().map(|r| r.description().to_owned()).collect();
        keyword(&ids, &descriptions)
    }
}

/// `not_before`: one item's id, or a list of them, each once.
#[derive(Default)]
struct NotBefore;

impl JsonSchema for NotBefore {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "NotBefore".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let slug = generator.subschema_for::<Slug>();
        json_schema!({
            "oneOf": [
                slug,
                { "type": "array", "items": slug, "minItems": 1, "uniqueItems": true },
            ]
        })
    }
}

/// A Principle's id: one of the five.
#[derive(Default)]
struct PrincipleId;

impl JsonSchema for PrincipleId {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "PrincipleId".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let ids = LOCKED.map(|p| p.id);
        let titles = LOCKED.map(|p| p.title.to_owned());
        keyword(&ids, &titles)
    }
}

/// A Principle's title: one of the five.
#[derive(Default)]
struct PrincipleTitle;

impl JsonSchema for PrincipleTitle {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "PrincipleTitle".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "enum": LOCKED.map(|p| p.title) })
    }
}

/// The `principles` list: as many entries as there are locked Principles, and every one
/// of them among the entries, so each appears exactly once.
#[derive(Default)]
struct Principles;

impl JsonSchema for Principles {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Principles".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let each_once: Vec<Value> = LOCKED
            .iter()
            .map(|p| json!({ "contains": { "properties": { "id": { "const": p.id } }, "required": ["id"] } }))
            .collect();
        json_schema!({
            "type": "array",
            "items": generator.subschema_for::<file::Principle>(),
            "minItems": LOCKED.len(),
            "maxItems": LOCKED.len(),
            "allOf": each_once,
        })
    }
}

/// Each Principle's title is the one locked with its id.
fn pin_titles(schema: &mut Schema) {
    let pinned: Vec<Value> = LOCKED
        .iter()
        .map(|p| {
            json!({
                "if": { "properties": { "id": { "const": p.id } }, "required": ["id"] },
                "then": { "properties": { "title": { "const": p.title } } },
            })
        })
        .collect();
    schema.insert("allOf".into(), pinned.into());
}

/// The rules between an item's fields: a `choice` has `options` and nothing else does,
/// and `note: required-if-no` is for `check` items only (an item with no `answer` is
/// read as a `check`). Each is put on the field the parser reports, so that an editor
/// marks the same place.
fn answer_rules(schema: &mut Schema) {
    let rules = json!([
        {
            "if": { "properties": { "answer": { "const": KindId::Choice.id() } }, "required": ["answer"] },
            "then": { "required": ["options"] },
            "else": { "properties": { "options": false } },
        },
        {
            "if": { "properties": { "answer": { "const": KindId::Check.id() } } },
            "else": {
                "properties": { "note": { "not": { "const": NotePolicy::RequiredIfNo.id() } } },
            },
        },
        {
            "if": { "properties": { "answer": { "const": KindId::Date.id() } }, "required": ["answer"] },
            "else": { "properties": { "past": false, "not_before": false } },
        },
    ]);
    schema.insert("allOf".into(), rules);
}

/// A `role` is for an item of the kind it needs, as the rules check it: one rule for
/// each kind, over the roles that need it.
fn role_rules(schema: &mut Schema) {
    let rules = KindId::ALL.into_iter().filter_map(|kind| {
        let roles: Vec<&str> = Role::ALL
            .into_iter()
            .filter(|r| r.kind() == kind)
            .map(Role::id)
            .collect();
        (!roles.is_empty()).then(|| {
            json!({
                "if": { "properties": { "role": { "enum": roles } }, "required": ["role"] },
                "then": { "properties": { "answer": { "const": kind.id() } }, "required": ["answer"] },
            })
        })
    });
    match schema.get_mut("allOf") {
        Some(Value::Array(all)) => all.extend(rules),
        _ => {
            schema.insert("allOf".into(), Value::Array(rules.collect()));
        }
    }
}

/// Descriptions come from doc comments, wrapped at 90 columns; an editor wraps them
/// itself.
fn one_line_descriptions(schema: &mut Schema) {
    if let Some(Value::String(text)) = schema.get_mut("description") {
        *text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::framework::parse;
    use crate::value::is_slug;

    fn schema() -> Value {
        json_schema().to_value()
    }

    fn property_names(object: &Value) -> BTreeSet<&str> {
        object["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("no properties in {object:#}"))
            .keys()
            .map(String::as_str)
            .collect()
    }

    #[test]
    fn every_object_allows_exactly_the_fields_the_parser_reads() {
        let schema = schema();
        let definitions = &schema["definitions"];
        for (object, fields) in [
            (&schema, parse::FRAMEWORK_FIELDS),
            (&definitions["Support"], parse::SUPPORT_FIELDS),
            (&definitions["Principle"], parse::PRINCIPLE_FIELDS),
            (&definitions["Item"], parse::ITEM_FIELDS),
            (&definitions["ChoiceOption"], parse::OPTION_FIELDS),
            (&definitions["Condition"], parse::CONDITION_FIELDS),
            (&definitions["PractitionerView"], parse::VIEW_FIELDS),
            (&definitions["Explanation"], parse::EXPLANATION_FIELDS),
            (&definitions["Signatures"], parse::SIGNATURES_FIELDS),
            (&definitions["Meaning"], parse::MEANING_FIELDS),
            (
                &definitions["Countersignature"],
                parse::COUNTERSIGNATURE_FIELDS,
            ),
        ] {
            assert_eq!(
                property_names(object),
                fields.iter().copied().collect(),
                "{object:#}"
            );
            assert_eq!(object["additionalProperties"], false, "{object:#}");
        }
    }

    #[test]
    fn the_id_pattern_accepts_exactly_what_the_rules_accept() {
        let validator = jsonschema::validator_for(&json!({
            "type": "string", "pattern": SLUG_PATTERN, "maxLength": MAX_ID_LEN
        }))
        .unwrap();
        let long = "a".repeat(MAX_ID_LEN);
        let too_long = "a".repeat(MAX_ID_LEN + 1);
        for id in [
            "a",
            "x9",
            "concern-specific",
            "item-2",
            "a-1-b",
            long.as_str(),
            too_long.as_str(),
            "",
            "Concern",
            "2nd",
            "-a",
            "a-",
            "a--b",
            "a_b",
            "a b",
            "é",
            "a\n",
        ] {
            assert_eq!(
                validator.is_valid(&json!(id)),
                is_slug(id),
                "the schema and the rules disagree on {id:?}"
            );
        }
    }

    #[test]
    fn the_schema_is_valid_draft_07() {
        let schema = schema();
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        jsonschema::draft7::meta::validate(&schema).unwrap();
    }
}
