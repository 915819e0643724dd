//! Roles: what an item is for, beyond the question it asks. The practitioner's view
//! finds the item that records the route decided, and the one that names the policy,
//! by their role rather than by their id, so that an adapted framework may rename or
//! reword them; `validate` warns when a framework leaves out a role the view needs.
//!
//! This file holds the closed set of roles only: an item's `role` is read in
//! `parse.rs`, checked in `rules.rs`, and found with `Framework::item_with_role` in
//! `model.rs`.

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
