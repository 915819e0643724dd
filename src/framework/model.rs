//! The framework as plain types, with the lookups over them: the sections and items in
//! the order asked, the item with a role, and what the practitioner's view says (the
//! built-in framework's wording standing in where a framework has none). Values that
//! rules or messages need to point at keep their place in the file ([`Located`]).

use std::sync::OnceLock;

use crate::diagnostic::{Located, Location};
use crate::error::Refused;

use super::kind::{AnswerKind, DateRules, Given, NoteNeed, NotePolicy};
use super::letter::PractitionerView;
use super::role::Role;
use super::{BUILTIN_TEXT, check};

/// A whole framework: metadata, what the signer declares, support signposting, and the
/// items in the order they are asked.
#[derive(Clone, Debug, Default)]
pub struct Framework {
    pub name: String,
    /// The adapting organisation's own label for this version of its framework.
    pub version: String,
    /// Who adapted it; `None` for the built-in framework.
    pub organisation: Option<String>,
    /// The nation whose policy the organisation works under; `None` when the case
    /// details ask for it case by case.
    pub jurisdiction: Option<Jurisdiction>,
    /// Where the `jurisdiction`'s value is, if the file names one.
    pub jurisdiction_at: Option<Location>,
    /// What the signer confirms at sign-off.
    pub declaration: String,
    pub support: Vec<Support>,
    /// What the practitioner's view says in the framework's own words; `None` when the
    /// file has none (see [`Framework::letter`]).
    pub practitioner_view: Option<PractitionerView>,
    pub case_details: Vec<Item>,
    pub principles: Vec<Principle>,
    /// Where the `principles` list is, if the file has one.
    pub principles_at: Option<Location>,
    pub decision: Vec<Item>,
    /// What signatures mean and when a countersignature is required; `None` when the
    /// file has no `signatures` section (then [`Framework::reviewer_meanings`] offers the
    /// built-in independent reviewer, and no countersignature is required).
    pub signatures: Option<Signatures>,
    /// Whether changing or clearing a confirmed answer needs a reason, for every item
    /// that does not say (`change_reason:` at the top of the file; optional unless set).
    pub change_reason: ReasonPolicy,
}

/// Whether a reason is asked, or needed, when a confirmed answer is changed or cleared
/// (`change_reason:` of an item, or of the whole framework).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReasonPolicy {
    /// Asked; Enter on an empty line gives none.
    #[default]
    Optional,
    /// Asked until one is given: the change is not made without it.
    Required,
}

impl ReasonPolicy {
    pub const ALL: [ReasonPolicy; 2] = [ReasonPolicy::Optional, ReasonPolicy::Required];
    pub const IDS: [&'static str; 2] = ["optional", "required"];

    /// The value written in a framework file.
    pub const fn id(self) -> &'static str {
        match self {
            ReasonPolicy::Optional => "optional",
            ReasonPolicy::Required => "required",
        }
    }

    pub fn from_id(id: &str) -> Option<ReasonPolicy> {
        ReasonPolicy::ALL.into_iter().find(|p| p.id() == id)
    }
}

impl Framework {
    /// The parts of the checklist in the order they are asked: case details, each
    /// Principle, the decision.
    pub fn sections(&self) -> Vec<Section<'_>> {
        let mut sections = Vec::with_capacity(self.principles.len() + 2);
        sections.push(Section {
            title: "Case details",
            id: None,
            summary: None,
            items: &self.case_details,
            principle: None,
        });
        for (i, p) in self.principles.iter().enumerate() {
            sections.push(Section {
                title: &p.title.value,
                id: Some(&p.id.value),
                summary: p.summary.as_deref(),
                items: &p.items,
                principle: Some(i + 1),
            });
        }
        sections.push(Section {
            title: "Decision",
            id: None,
            summary: None,
            items: &self.decision,
            principle: None,
        });
        sections
    }

    /// Every item, in the order asked.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.case_details
            .iter()
            .chain(self.principles.iter().flat_map(|p| &p.items))
            .chain(&self.decision)
    }

    /// The item with `role`, if the framework gives it to one.
    /// A framework written before items had roles gives none; its `choice` item whose
    /// id is the role's own (`route`, `governing-policy`, as the built-in framework has
    /// always named them) does the job instead, so that frameworks adapted then keep
    /// their practitioner's view.
    pub fn item_with_role(&self, role: Role) -> Option<&Item> {
        self.item_declaring(role)
            .or_else(|| self.item_standing_in(role))
    }

    /// The item that says `role: …` for `role` (the first, where `when` keeps several
    /// apart).
    pub fn item_declaring(&self, role: Role) -> Option<&Item> {
        self.items_declaring(role).next()
    }

    /// Every item that says `role: …` for `role`: one, or several that `when` keeps
    /// apart, so that at most one of them is asked in any case (the built-in framework
    /// asks the policy with one item for each nation).
    pub fn items_declaring(&self, role: Role) -> impl Iterator<Item = &Item> {
        self.items()
            .filter(move |item| item.role.as_ref().is_some_and(|r| r.value == role))
    }

    /// The items that can serve `role`: those declaring it, or the one standing in.
    pub fn items_with_role(&self, role: Role) -> Vec<&Item> {
        let declaring: Vec<&Item> = self.items_declaring(role).collect();
        if declaring.is_empty() {
            self.item_standing_in(role).into_iter().collect()
        } else {
            declaring
        }
    }

    /// Where no item declares `role`, one the practitioner's view reads
    /// ([`Role::VIEW`]): the `choice` item, with no role of its own, whose id is the
    /// role's. Other roles came after frameworks had roles, and have no stand-in.
    pub fn item_standing_in(&self, role: Role) -> Option<&Item> {
        if !Role::VIEW.contains(&role) || self.item_declaring(role).is_some() {
            return None;
        }
        self.items().find(|item| {
            item.id.value == role.id()
                && item.role.is_none()
                && matches!(item.answer, AnswerKind::Choice(_))
        })
    }

    /// The answer the framework gives in advance, which is never asked: with a
    /// `jurisdiction`, the item with `role: nation` is answered with the option of the
    /// jurisdiction's id (`rules.rs` makes sure it has one, and no `when`).
    pub fn preset(&self) -> Option<Preset<'_>> {
        let jurisdiction = self.jurisdiction?;
        let item = self.item_declaring(Role::Nation)?;
        let label = item.label(jurisdiction.id())?;
        Some(Preset {
            item,
            jurisdiction,
            label,
        })
    }

    /// What the practitioner's view says: the framework's own `practitioner_view`, or
    /// the built-in framework's when it has none (a framework adapted before the field
    /// existed keeps the wording it had).
    pub fn letter(&self) -> &PractitionerView {
        self.practitioner_view
            .as_ref()
            .unwrap_or_else(|| builtin_letter())
    }
}

/// The framework's `signatures` section: the meanings a reviewer's signature can have
/// (beside the built-in `author`, the case manager's own), and when a countersignature
/// is required.
#[derive(Clone, Debug, Default)]
pub struct Signatures {
    pub meanings: Vec<Meaning>,
    pub countersignature: Option<Countersignature>,
}

/// What a signature means: its id (written in records), the label shown for it, and
/// what the person signing with it declares.
#[derive(Clone, Debug, Default)]
pub struct Meaning {
    pub id: Located<String>,
    pub label: String,
    pub declaration: String,
}

/// When a record needs a countersignature, and with which meaning: any one condition
/// holding makes it required.
#[derive(Clone, Debug, Default)]
pub struct Countersignature {
    pub meaning: Located<String>,
    pub when: Vec<Condition>,
}

/// The meaning a countersignature has when the framework names none.
pub const INDEPENDENT_REVIEWER: &str = "independent-reviewer";

/// The meanings fairness knows without a framework: the case manager's own, and the two
/// the built-in framework names, so that a record read on its own still says what each
/// signature means.
pub fn known_meaning_label(id: &str) -> Option<&'static str> {
    match id {
        // `record::AUTHOR`: the case manager's own sign-off.
        "author" => Some("Author (the case manager's sign-off)"),
        INDEPENDENT_REVIEWER => Some("Independent reviewer"),
        "board-oversight" => Some("Board oversight (designated board member)"),
        _ => None,
    }
}

impl Framework {
    /// The meanings a reviewer may sign with: the framework's own, or, when it names
    /// none, the built-in framework's independent reviewer.
    pub fn reviewer_meanings(&self) -> Vec<Meaning> {
        match &self.signatures {
            Some(s) if !s.meanings.is_empty() => s.meanings.clone(),
            _ => builtin_signatures()
                .meanings
                .iter()
                .filter(|m| m.id.value == INDEPENDENT_REVIEWER)
                .cloned()
                .collect(),
        }
    }

    /// The label of the signature meaning `id`: the framework's, else one fairness
    /// knows, else the id itself.
    pub fn meaning_label(&self, id: &str) -> String {
        self.signatures
            .iter()
            .flat_map(|s| &s.meanings)
            .find(|m| m.id.value == id)
            .map(|m| m.label.clone())
            .unwrap_or_else(|| meaning_label(id))
    }

    /// Why a record with these answers needs a countersignature, in words naming the
    /// answers that make it so; `None` when the framework requires none for them.
    /// `answer` gives an item's answer id and the label shown for it.
    pub fn countersignature_needed<'a>(
        &self,
        answer: impl Fn(&str) -> Option<(&'a str, Option<&'a str>)>,
    ) -> Option<String> {
        let rule = self.signatures.as_ref()?.countersignature.as_ref()?;
        let reasons: Vec<String> = rule
            .when
            .iter()
            .filter_map(|c| {
                let (id, label) = answer(&c.item.value)?;
                c.holds(Some(id))
                    .then(|| format!("`{}` is \"{}\"", c.item.value, label.unwrap_or(id)))
            })
            .collect();
        if reasons.is_empty() {
            return None;
        }
        let mut unique: Vec<String> = Vec::new();
        for r in reasons {
            if !unique.contains(&r) {
                unique.push(r);
            }
        }
        Some(format!(
            "the framework requires a countersignature ({}), because {}",
            self.meaning_label(&rule.meaning.value),
            join_and(&unique)
        ))
    }
}

/// "a", "a and b", "a, b and c".
fn join_and(parts: &[String]) -> String {
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => parts.join(""),
    }
}

/// The label of the signature meaning `id` with no framework at hand: the built-in
/// framework's, one fairness knows, or the id itself.
pub fn meaning_label(id: &str) -> String {
    builtin_signatures()
        .meanings
        .iter()
        .find(|m| m.id.value == id)
        .map(|m| m.label.clone())
        .or_else(|| known_meaning_label(id).map(str::to_owned))
        .unwrap_or_else(|| id.to_owned())
}

/// The built-in framework's `signatures`, read once.
fn builtin_signatures() -> &'static Signatures {
    static BUILTIN: OnceLock<Signatures> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        check(BUILTIN_TEXT)
            .framework
            .and_then(|f| f.signatures)
            .unwrap_or_default()
    })
}

/// The built-in framework's `practitioner_view`, read once: what stands in for a
/// framework that has none.
fn builtin_letter() -> &'static PractitionerView {
    static BUILTIN: OnceLock<PractitionerView> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        check(BUILTIN_TEXT)
            .framework
            .and_then(|f| f.practitioner_view)
            .unwrap_or_default()
    })
}

/// A part of the checklist: case details, one Principle, or the decision.
#[derive(Clone, Copy, Debug)]
pub struct Section<'a> {
    pub title: &'a str,
    /// A Principle's id.
    pub id: Option<&'a str>,

    pub summary: Option<&'a str>,
    pub items: &'a [Item],
    /// For a Principle, its position (1-based) among the Principles.
    pub principle: Option<usize>,
}

/// An item the framework answers itself: the nation, from its `jurisdiction`.
#[derive(Clone, Debug)]
pub struct Preset<'f> {
    pub item: &'f Item,
    pub jurisdiction: Jurisdiction,
    /// The label of the option it is answered with.
    pub label: String,
}

impl Preset<'_> {
    /// The answer: the jurisdiction's id, which is the option's.
    pub fn answer(&self) -> &'static str {
        self.jurisdiction.id()
    }

    /// The field that gives the answer, as the file writes it: `jurisdiction: wales`.
    pub fn source(&self) -> String {
        format!("jurisdiction: {}", self.jurisdiction.id())
    }
}

/// The nations the framework is used in, each with its own national policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Jurisdiction {
    England,
    Wales,
    NorthernIreland,
}

impl Jurisdiction {
    pub const ALL: [Jurisdiction; 3] = [
        Jurisdiction::England,
        Jurisdiction::Wales,
        Jurisdiction::NorthernIreland,
    ];

    /// The value written in a framework file.
    pub fn id(self) -> &'static str {
        match self {
            Jurisdiction::England => "england",
            Jurisdiction::Wales => "wales",
            Jurisdiction::NorthernIreland => "northern-ireland",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Jurisdiction::England => "England",
            Jurisdiction::Wales => "Wales",
            Jurisdiction::NorthernIreland => "Northern Ireland",
        }
    }

    /// The national policy for handling concerns about practitioners.
    pub fn policy(self) -> &'static str {
        match self {
            Jurisdiction::England => "Maintaining High Professional Standards in the Modern NHS",
            Jurisdiction::Wales => "Upholding Professional Standards in Wales",
            Jurisdiction::NorthernIreland => {
                "Maintaining High Professional Standards in the Modern HPSS"
            }
        }
    }
}

/// Somewhere the practitioner can get support.
#[derive(Clone, Debug, Default)]
pub struct Support {
    pub name: String,
    pub detail: String,
    /// How to reach it locally: a phone number, an address, an intranet page.
    pub contact: Option<String>,
}

/// One of the five Principles, with its adaptable summary and items.
#[derive(Clone, Debug, Default)]
pub struct Principle {
    pub id: Located<String>,
    pub title: Located<String>,
    pub summary: Option<String>,
    pub items: Vec<Item>,
    /// Where the `items` list is named, if the principle has one.
    pub items_at: Option<Location>,
}

/// One question of the checklist.
#[derive(Clone, Debug, Default)]
pub struct Item {
    pub id: Located<String>,
    pub prompt: Located<String>,
    /// Why it matters and what good looks like.
    pub guidance: Option<String>,
    pub answer: AnswerKind,
    pub note: NotePolicy,
    /// Whether sign-off needs an answer (for an item that is shown).
    pub required: bool,
    /// Ask only when an earlier item's answer passes this test.
    pub when: Option<Condition>,
    /// What the item is for, where a view or report relies on it.
    pub role: Option<Located<Role>>,
    /// Whether changing or clearing its confirmed answer needs a reason; `None`: as the
    /// framework's [`Framework::change_reason`] says.
    pub change_reason: Option<ReasonPolicy>,
}

/// What an item's answer kind makes of an answer, with the item's own note policy (the
/// rules are in `kind.rs`).
impl Item {
    /// Checks a raw answer: the value to record, or what is wrong with it.
    pub fn parse_answer(&self, raw: &str) -> Result<String, String> {
        self.answer.parse(raw)
    }

    /// Checks an answer and its note together; see [`AnswerKind::accept`].
    pub fn accept(&self, answer: &str, note: Option<&str>) -> Result<Given, Refused> {
        self.answer.accept(self.note, answer, note)
    }

    /// Checks an answer given on `today` (`YYYY-MM-DD`): as [`Item::accept`], and a
    /// `past` date no later than today. What a person types, or an answers file gives,
    /// passes this; a draft's answers, given on earlier days, pass [`Item::accept`].
    pub fn accept_on(
        &self,
        answer: &str,
        note: Option<&str>,
        today: &str,
    ) -> Result<Given, Refused> {
        let given = self.accept(answer, note)?;
        self.answer
            .check_on(&given.answer, today)
            .map_err(Refused::Answer)?;
        Ok(given)
    }

    /// Checks a raw answer typed on `today`: as [`Item::parse_answer`], and a `past`
    /// date no later than today.
    pub fn parse_answer_on(&self, raw: &str, today: &str) -> Result<String, String> {
        let answer = self.parse_answer(raw)?;
        self.answer.check_on(&answer, today)?;
        Ok(answer)
    }

    /// The rules of a `date` item: none for any other kind.
    pub fn date_rules(&self) -> Option<&DateRules> {
        match &self.answer {
            AnswerKind::Date(rules) => Some(rules),
            _ => None,
        }
    }

    /// The label a person saw for `answer`, for a kind that has labels.
    pub fn label(&self, answer: &str) -> Option<String> {
        self.answer.label(answer)
    }

    /// Whether `answer` asks for a note.
    pub fn note_need(&self, answer: &str) -> NoteNeed {
        self.answer.note_need(self.note, answer)
    }
}

/// Ask an item only when an earlier item's answer passes a test.
#[derive(Clone, Debug)]
pub struct Condition {
    pub item: Located<String>,
    pub test: Wanted,
}

/// What a condition wants of the earlier item's answer.
#[derive(Clone, Debug)]
pub enum Wanted {
    /// `answer: X`: that answer.
    Is(Located<String>),
    /// `any: [X, Y]`: any one of these.
    AnyOf(Vec<Located<String>>),
    /// `not: X`: an answer, and not that one.
    Not(Located<String>),
}

impl Condition {
    /// Whether the earlier item's answer (`None`: not answered) shows the item. An
    /// unanswered item passes no test, `not` included: "any answer but X" needs an
    /// answer.
    pub fn holds(&self, answer: Option<&str>) -> bool {
        let Some(answer) = answer else { return false };
        match &self.test {
            Wanted::Is(wanted) => answer == wanted.value,
            Wanted::AnyOf(wanted) => wanted.iter().any(|w| w.value == answer),
            Wanted::Not(unwanted) => answer != unwanted.value,
        }
    }

    /// Whether no answer can pass both this condition and `other`, so that at most one
    /// of the two items they guard is ever asked: both test the same item, and the
    /// answers they accept have none in common. Two `not`s always share an answer
    /// (any third), so they are never apart.
    pub fn excludes(&self, other: &Condition) -> bool {
        if self.item.value != other.item.value {
            return false;
        }
        let named = |c: &Condition| -> Vec<String> {
            c.answers().into_iter().map(|a| a.value.clone()).collect()
        };
        match (&self.test, &other.test) {
            (Wanted::Not(_), Wanted::Not(_)) => false,
            // `not: x` accepts every answer but x: apart only from tests that accept x
            // alone.
            (Wanted::Not(x), _) => named(other).iter().all(|a| *a == x.value),
            (_, Wanted::Not(x)) => named(self).iter().all(|a| *a == x.value),
            _ => {
                let mine = named(self);
                named(other).iter().all(|a| !mine.contains(a))
            }
        }
    }

    /// Every answer the condition names, where it names it.
    pub fn answers(&self) -> Vec<&Located<String>> {
        match &self.test {
            Wanted::Is(one) | Wanted::Not(one) => vec![one],
            Wanted::AnyOf(many) => many.iter().collect(),
        }
    }

    /// The test in words, after the item's id: "is `formal`", "is `formal` or
    /// `regulator`", "has an answer other than `none`"; each answer between `mark`s.
    pub fn describe(&self, mark: &str) -> String {
        let quoted = |a: &Located<String>| format!("{mark}{}{mark}", a.value);
        match &self.test {
            Wanted::Is(one) => format!("is {}", quoted(one)),
            Wanted::Not(one) => format!("has an answer other than {}", quoted(one)),
            Wanted::AnyOf(many) => {
                let names: Vec<String> = many.iter().map(quoted).collect();
                match names.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("is {} or {last}", rest.join(", "))
                    }
                    _ => format!("is {}", names.join("")),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn condition(test: Wanted) -> Condition {
        Condition {
            item: Located::new("route".into(), Location::default()),
            test,
        }
    }

    fn at(answer: &str) -> Located<String> {
        Located::new(answer.into(), Location::default())
    }

    #[test]
    fn each_kind_of_condition_holds_for_the_answers_it_names_and_says_which() {
        let is = condition(Wanted::Is(at("formal")));
        let any = condition(Wanted::AnyOf(vec![
            at("formal"),
            at("regulator"),
            at("other"),
        ]));
        let not = condition(Wanted::Not(at("informal")));
        for (answer, holds) in [
            (Some("formal"), [true, true, true]),
            (Some("regulator"), [false, true, true]),
            (Some("informal"), [false, false, false]),
            (None, [false, false, false]),
        ] {
            assert_eq!(
                [is.holds(answer), any.holds(answer), not.holds(answer)],
                holds,
                "{answer:?}"
            );
        }
        assert_eq!(is.describe("`"), "is `formal`");
        assert_eq!(any.describe(""), "is formal, regulator or other");
        assert_eq!(not.describe("`"), "has an answer other than `informal`");
        assert_eq!(
            condition(Wanted::AnyOf(vec![at("formal")])).describe(""),
            "is formal"
        );
    }

    #[test]
    fn conditions_are_apart_only_when_no_answer_passes_both() {
        let is = |a: &str| condition(Wanted::Is(at(a)));
        let any = |a: &[&str]| condition(Wanted::AnyOf(a.iter().map(|a| at(a)).collect()));
        let not = |a: &str| condition(Wanted::Not(at(a)));
        let apart = |a: &Condition, b: &Condition| a.excludes(b) && b.excludes(a);
        assert!(apart(&is("wales"), &is("england")));
        assert!(!apart(&is("wales"), &is("wales")));
        assert!(apart(&any(&["wales", "england"]), &is("northern-ireland")));
        assert!(!apart(&any(&["wales", "england"]), &any(&["england"])));
        assert!(apart(&not("none"), &is("none")));
        assert!(apart(&not("none"), &any(&["none"])));
        assert!(!apart(&not("none"), &is("formal")));
        assert!(!apart(&not("none"), &not("formal")));
        assert!(!apart(&not("none"), &not("none")));
        // Tests of different items can both pass.
        let mut other = is("england");
        other.item = at("setting");
        assert!(!apart(&is("wales"), &other));
    }

    #[test]
    fn the_builtin_framework_gives_each_role_of_the_view_to_a_choice() {
        let fw = check(BUILTIN_TEXT).framework.unwrap();
        for role in Role::VIEW {
            let item = fw.item_declaring(role).unwrap();
            assert!(matches!(item.answer, AnswerKind::Choice(_)));
        }
        // Every role it gives is on an item of the kind the role needs.
        for item in fw.items() {
            if let Some(role) = &item.role {
                assert_eq!(item.answer.kind(), role.value.kind(), "{}", item.id.value);
            }
        }
    }
}
