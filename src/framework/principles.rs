//! The five Principles of the framework. Organisations adapt the items under them but
//! never the Principles themselves: their ids and titles are fixed here, once.

/// One of the five locked Principles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LockedPrinciple {
    pub id: &'static str,
    pub title: &'static str,
}

/// The five Principles, in the order the built-in framework asks them.
pub const LOCKED: [LockedPrinciple; 5] = [
    LockedPrinciple {
        id: "understanding-the-issues",
        title: "Understanding the issues",
    },
    LockedPrinciple {
        id: "welfare-and-support",
        title: "Ensuring welfare and support",
    },
    LockedPrinciple {
        id: "practitioner-is-heard",
        title: "Ensuring the practitioner is heard",
    },
    LockedPrinciple {
        id: "adherence-to-process",
        title: "Adherence to process",
    },
    LockedPrinciple {
        id: "equity-and-proportionality",
        title: "Equity and proportionality",
    },
];

/// The locked Principle with this id.
pub(crate) fn by_id(id: &str) -> Option<&'static LockedPrinciple> {
    LOCKED.iter().find(|p| p.id == id)
}
