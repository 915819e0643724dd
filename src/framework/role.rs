//! Roles: what an item is for, beyond the question it asks. Reports across cases find
//! the items that record the staff group, the nation, the route decided, the interim
//! measure, the key dates and the rest by their role rather than by their id, so that
//! an adapted framework may rename or reword them; the practitioner's view finds the
//! route decided and the policy the same way. `validate` warns when a framework leaves
//! out a role the practitioner's view needs.
//!
//! Each role is for one kind of answer ([`Role::kind`]): what a report reads from the
//! item. This file holds the closed set of roles only: an item's `role` is read in
//! `parse.rs`, checked in `rules.rs`, and found with `Framework::item_with_role` in
//! `model.rs`.

use super::kind::KindId;

/// The roles an item may have: a closed set, each given to one item, or to several that `when` keeps apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// The practitioner's staff group.
    StaffGroup,
    /// The nation whose policy the case is handled under.
    Nation,
    /// Where the practitioner works.
    Setting,
    /// The policy the case is handled under.
    GoverningPolicy,
    /// The route decided for the concern.
    Route,
    /// The interim measure in place or proposed, if any.
    InterimMeasure,
    /// Whether the practitioner has been referred to their regulator.
    RegulatorReferral,
    /// When the concern was raised.
    ConcernRaised,
    /// When the practitioner was told of the concern.
    PractitionerTold,
    /// When Practitioner Performance Advice was contacted.
    AdviceContacted,
    /// When the decision was made.
    DecisionMade,
    /// When the decision is to be reviewed.
    DecisionReview,
    /// When the interim measure began.
    MeasureStart,
    /// When the interim measure is next to be reviewed.
    MeasureReview,
}

impl Role {
    /// Every role, in the order messages, the schema and the documentation list them:
    /// the choices, the check, the dates.
    pub const ALL: [Role; 14] = [
        Role::StaffGroup,
        Role::Nation,
        Role::Setting,
        Role::GoverningPolicy,
        Role::Route,
        Role::InterimMeasure,
        Role::RegulatorReferral,
        Role::ConcernRaised,
        Role::PractitionerTold,
        Role::AdviceContacted,
        Role::DecisionMade,
        Role::DecisionReview,
        Role::MeasureStart,
        Role::MeasureReview,
    ];

    /// The roles the practitioner's view reads. Only these stand in for a missing
    /// role by an item's id (see `Framework::item_with_role`), as frameworks adapted
    /// before roles existed named them so; and only these are warned about when no
    /// item has them.
    pub const VIEW: [Role; 2] = [Role::Route, Role::GoverningPolicy];

    /// The value written in a framework file.
    pub fn id(self) -> &'static str {
        match self {
            Role::StaffGroup => "staff-group",
            Role::Nation => "nation",
            Role::Setting => "setting",
            Role::GoverningPolicy => "governing-policy",
            Role::Route => "route",
            Role::InterimMeasure => "interim-measure",
            Role::RegulatorReferral => "regulator-referral",
            Role::ConcernRaised => "concern-raised",
            Role::PractitionerTold => "practitioner-told",
            Role::AdviceContacted => "advice-contacted",
            Role::DecisionMade => "decision-made",
            Role::DecisionReview => "decision-review",
            Role::MeasureStart => "measure-start",
            Role::MeasureReview => "measure-review",
        }
    }

    pub fn from_id(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The kind of answer the item with this role takes: what reports read from it.
    pub fn kind(self) -> KindId {
        match self {
            Role::StaffGroup
            | Role::Nation
            | Role::Setting
            | Role::GoverningPolicy
            | Role::Route
            | Role::InterimMeasure => KindId::Choice,
            Role::RegulatorReferral => KindId::Check,
            Role::ConcernRaised
            | Role::PractitionerTold
            | Role::AdviceContacted
            | Role::DecisionMade
            | Role::DecisionReview
            | Role::MeasureStart
            | Role::MeasureReview => KindId::Date,
        }
    }

    /// What the item with this role records, and what relies on it.
    pub fn description(self) -> &'static str {
        match self {
            Role::StaffGroup => {
                "The practitioner's staff group: reports across cases compare cases by it"
            }
            Role::Nation => {
                "The nation whose policy the case is handled under: reports across cases compare cases by it"
            }
            Role::Setting => {
                "Where the practitioner works, such as a hospital or primary care: reports across cases compare cases by it"
            }
            Role::GoverningPolicy => {
                "The policy the case is handled under: the practitioner's view names it, and reports across cases read it"
            }
            Role::Route => {
                "The route decided for the concern: the practitioner's view says which was chosen, and reports across cases read it"
            }
            Role::InterimMeasure => {
                "The interim measure in place or proposed, if any (an exclusion or a restriction, say): reports across cases read it"
            }
            Role::RegulatorReferral => {
                "Whether the practitioner has been referred to their regulator: reports across cases read it"
            }
            Role::ConcernRaised => {
                "The date the concern was raised: reports across cases measure how long cases take from it"
            }
            Role::PractitionerTold => {
                "The date the practitioner was told of the concern: reports across cases read it"
            }
            Role::AdviceContacted => {
                "The date Practitioner Performance Advice was contacted: reports across cases read it"
            }
            Role::DecisionMade => {
                "The date the decision was made: reports across cases measure how long cases take to it"
            }
            Role::DecisionReview => {
                "The date the decision is to be reviewed: reports across cases read it"
            }
            Role::MeasureStart => {
                "The date the interim measure began: reports across cases measure how long measures last from it"
            }
            Role::MeasureReview => {
                "The date the interim measure is next to be reviewed: reports across cases read it"
            }
        }
    }

    /// For a date role, the date in words, for messages that compare two dates: "the
    /// date the concern was raised".
    pub fn date_in_words(self) -> Option<&'static str> {
        Some(match self {
            Role::ConcernRaised => "the date the concern was raised",
            Role::PractitionerTold => "the date the practitioner was told of the concern",
            Role::AdviceContacted => "the date Practitioner Performance Advice was contacted",
            Role::DecisionMade => "the date the decision was made",
            Role::DecisionReview => "the date the decision is to be reviewed",
            Role::MeasureStart => "the date the interim measure began",
            Role::MeasureReview => "the date the interim measure is to be reviewed",
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_is_named_by_its_id_and_described() {
        for role in Role::ALL {
            assert_eq!(Role::from_id(role.id()), Some(role));
            assert!(!role.description().is_empty());
            // Every date role, and only a date role, has the date in words.
            assert_eq!(
                role.date_in_words().is_some(),
                role.kind() == KindId::Date,
                "{role:?}"
            );
        }
        let ids: Vec<&str> = Role::ALL.iter().map(|r| r.id()).collect();
        let unique: std::collections::HashSet<&&str> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len());
        for role in Role::VIEW {
            assert_eq!(role.kind(), KindId::Choice);
        }
    }
}
