//! What a report reads from each counted record: the answers of the items with a
//! `role` (staff group, nation, setting, policy, route, interim measure, referral and
//! the dates), found through the framework the record was made with where it is at
//! hand and by the built-in framework's item ids where it is not, and a few items of
//! the built-in framework by their ids. Never a note, never a text answer.

use jiff::civil::Date;

use crate::framework::{Framework, KindId, NotePolicy, Role};
use crate::record::{Answer, Record, Standing};

/// A choice as answered: the option's id, and its label as the person saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

/// A check item's answer as counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    Yes,
    No,
    NotApplicable,
}

impl Check {
    fn read(answer: &str) -> Option<Check> {
        match answer {
            "yes" => Some(Check::Yes),
            "no" => Some(Check::No),
            "not-applicable" => Some(Check::NotApplicable),
            _ => None,
        }
    }
}

/// The facts of one counted record.
#[derive(Clone, Debug)]
pub struct Facts {
    pub reference: String,
    pub standing: Standing,
    pub framework: (String, String),
    pub staff_group: Option<Choice>,
    pub nation: Option<Choice>,
    pub setting: Option<Choice>,
    pub policy: Option<Choice>,
    pub route: Option<Choice>,
    pub interim: Option<Choice>,
    pub referral: Option<Check>,
    pub concern_raised: Option<Date>,
    pub practitioner_told: Option<Date>,
    pub advice_contacted: Option<Check>,
    pub advice_on: Option<Date>,
    pub decided_on: Option<Date>,
    pub measure_start: Option<Date>,
    pub measure_review: Option<Date>,
    pub learning_concern: Option<Check>,
    pub being_fair: Option<Check>,
    pub independent_check: Option<Check>,
    /// The sign-off says a countersignature is needed.
    pub needs_countersignature: bool,
    /// Every check item answered: its id, its prompt as asked, and the answer.
    pub checks: Vec<(String, String, Check)>,
    /// The check items answered whose No is an ordinary answer, not a step missed:
    /// those whose note is optional (is the doctor in training?), as the record's
    /// framework says, else the built-in one.
    pub plain_no: Vec<String>,
    /// The date that places the record in a period: the decision's, else the day it
    /// was signed.
    pub dated: Option<Date>,
}

/// Six months, in days: the normal ceiling of an exclusion under MHPS.
pub const SIX_MONTHS: i64 = 182;

/// The route options that are a formal step: a formal process under the policy, or
/// performers-list action.
pub const FORMAL_ROUTES: [&str; 2] = ["formal", "performers-list-action"];

impl Facts {
    /// The case went to a formal route.
    pub fn formal(&self) -> bool {
        self.route
            .as_ref()
            .is_some_and(|r| FORMAL_ROUTES.contains(&r.id.as_str()))
    }

    /// An interim measure other than none is recorded.
    pub fn had_interim(&self) -> bool {
        self.interim.as_ref().is_some_and(|m| m.id != "none")
    }

    pub fn referred(&self) -> bool {
        self.referral == Some(Check::Yes)
    }

    /// A signed case with nothing answered, for tests to fill in.
    #[cfg(test)]
    pub fn blank(reference: &str) -> Facts {
        Facts {
            reference: reference.to_owned(),
            standing: Standing::Signed,
            framework: ("Fairness framework".to_owned(), "2.1".to_owned()),
            staff_group: None,
            nation: None,
            setting: None,
            policy: None,
            route: None,
            interim: None,
            referral: None,
            concern_raised: None,
            practitioner_told: None,
            advice_contacted: None,
            advice_on: None,
            decided_on: None,
            measure_start: None,
            measure_review: None,
            learning_concern: None,
            being_fair: None,
            independent_check: None,
            needs_countersignature: false,
            checks: Vec::new(),
            plain_no: Vec::new(),
            dated: None,
        }
    }
}

/// The built-in framework's items for each role, used where the record's own
/// framework is not at hand.
fn builtin_ids(role: Role) -> &'static [&'static str] {
    match role {
        Role::StaffGroup => &["staff-group"],
        Role::Nation => &["nation"],
        Role::Setting => &["setting"],
        Role::GoverningPolicy => &["policy-england", "policy-wales", "policy-northern-ireland"],
        Role::Route => &["route"],
        Role::InterimMeasure => &["interim-measure"],
        Role::RegulatorReferral => &["regulator-referral"],
        Role::ConcernRaised => &["concern-raised-on"],
        Role::PractitionerTold => &["practitioner-told-on"],
        Role::AdviceContacted => &["advice-contacted-on"],
        Role::DecisionMade => &["decided-on"],
        Role::DecisionReview => &["review-on"],
        Role::MeasureStart => &["measure-started-on"],
        Role::MeasureReview => &["measure-review-on"],
    }
}

/// The built-in framework's check items whose note is optional, read from it once.
fn builtin_plain_no() -> &'static [String] {
    static IDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    IDS.get_or_init(|| {
        crate::framework::check(crate::framework::BUILTIN_TEXT)
            .framework
            .map(|fw| {
                fw.items()
                    .filter(|i| i.answer.kind() == KindId::Check && i.note == NotePolicy::Optional)
                    .map(|i| i.id.value.clone())
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// Reads the facts of `record`, with the framework it was made with where at hand.
pub fn read(record: &Record, framework: Option<&Framework>) -> Facts {
    let by_role = |role: Role| -> Option<&Answer> {
        match framework {
            Some(fw) => {
                let items = fw.items_with_role(role);
                items.iter().find_map(|item| record.answer(&item.id.value))
            }
            None => builtin_ids(role).iter().find_map(|id| record.answer(id)),
        }
    };
    let choice = |role: Role| {
        by_role(role)
            .filter(|a| !a.answer.is_empty())
            .map(|a| Choice {
                id: a.answer.clone(),
                label: a.label.clone().unwrap_or_else(|| a.answer.clone()),
            })
    };
    let date = |role: Role| by_role(role).and_then(|a| a.answer.parse::<Date>().ok());
    let check_of = |a: Option<&Answer>| a.and_then(|a| Check::read(&a.answer));
    let item = |id: &str| check_of(record.answer(id));
    let checks = record
        .answers
        .iter()
        .filter(|a| a.kind.known() == Some(KindId::Check))
        .filter_map(|a| Check::read(&a.answer).map(|c| (a.item.clone(), a.prompt.clone(), c)))
        .collect();
    // The items whose note is optional, found once for the record rather than once
    // for each of its answers.
    let optional: Vec<&str> = match framework {
        Some(fw) => fw
            .items()
            .filter(|i| i.note == NotePolicy::Optional)
            .map(|i| i.id.value.as_str())
            .collect(),
        None => builtin_plain_no().iter().map(String::as_str).collect(),
    };
    let plain_no = record
        .answers
        .iter()
        .filter(|a| a.kind.known() == Some(KindId::Check))
        .filter(|a| optional.contains(&a.item.as_str()))
        .map(|a| a.item.clone())
        .collect();
    let decided_on = date(Role::DecisionMade);
    let signed = record
        .sign_off
        .as_ref()
        .and_then(|s| s.signed.get(..10))
        .and_then(|d| d.parse::<Date>().ok());
    Facts {
        reference: record.case.reference.clone(),
        standing: record.standing(),
        framework: (
            record.framework.name.clone(),
            record.framework.version.clone(),
        ),
        staff_group: choice(Role::StaffGroup),
        nation: choice(Role::Nation),
        setting: choice(Role::Setting),
        policy: choice(Role::GoverningPolicy),
        route: choice(Role::Route),
        interim: choice(Role::InterimMeasure),
        referral: check_of(by_role(Role::RegulatorReferral)),
        concern_raised: date(Role::ConcernRaised),
        practitioner_told: date(Role::PractitionerTold),
        advice_contacted: item("advice-contacted"),
        advice_on: date(Role::AdviceContacted),
        decided_on,
        measure_start: date(Role::MeasureStart),
        measure_review: date(Role::MeasureReview),
        learning_concern: item("learning-response-concern"),
        being_fair: item("being-fair-used"),
        independent_check: item("independent-check"),
        needs_countersignature: record
            .sign_off
            .as_ref()
            .is_some_and(|s| s.countersignature.is_some()),
        checks,
        plain_no,
        dated: decided_on.or(signed),
    }
}

/// Whole days from `from` to `to`, where both are known and `to` is not earlier.
pub fn days(from: Option<Date>, to: Option<Date>) -> Option<i64> {
    let (from, to) = (from?, to?);
    let span = from.until(to).ok()?;
    let days = i64::from(span.get_days());
    (days >= 0).then_some(days)
}

/// The distinct choices, in the order their ids first appear, then by id for a stable
/// order across runs.
pub fn ordered<'c>(choices: impl Iterator<Item = &'c Choice>) -> Vec<Choice> {
    let mut seen: Vec<Choice> = Vec::new();
    for c in choices {
        if !seen.iter().any(|s| s.id == c.id) {
            seen.push(c.clone());
        }
    }
    seen.sort_by(|a, b| order_of(&a.id).cmp(&order_of(&b.id)).then(a.id.cmp(&b.id)));
    seen
}

/// Where the built-in framework's options come, so that tables list routes and measures
/// in the order the checklist asks them.
fn order_of(id: &str) -> usize {
    const ORDER: [&str; 13] = [
        "none",
        "restriction",
        "immediate-exclusion",
        "formal-exclusion",
        "suspension",
        "conditions-or-undertakings",
        "no-further-action",
        "informal",
        "remediation-plan",
        "advice-referral",
        "formal",
        "performers-list-action",
        "other",
    ];
    ORDER.iter().position(|o| *o == id).unwrap_or(ORDER.len())
}
