//! The practitioners' equality monitoring data and the workforce's headcounts: what an
//! equality team holds apart from the case records, keyed by case reference, and what
//! the workforce system gives. Written as `monitoring.csv` and `workforce.csv`.

use super::rng::Rng;

/// A column of the monitoring file: a protected characteristic, its groups with how
/// common each is (in the workforce and among the practitioners alike), and how often
/// it is not stated.
pub struct Characteristic {
    pub column: &'static str,
    pub groups: &'static [(&'static str, u32)],
    pub not_stated: f64,
}

/// The monitoring file's columns after `case_reference`, in order. Ethnicity is left
/// unstated a little more often than the rest, as in real monitoring returns; about 5%
/// of all cells are `not stated` or empty.
pub const CHARACTERISTICS: [Characteristic; 5] = [
    Characteristic {
        column: "ethnicity",
        groups: &[
            (WHITE, 58),
            ("Asian or Asian British", 25),
            ("Black or Black British", 9),
            ("Mixed", 3),
            ("Other ethnic group", 5),
        ],
        not_stated: 0.09,
    },
    Characteristic {
        column: "place_of_qualification",
        groups: &[("UK", 62), ("EEA", 9), ("Outside the EEA", 29)],
        not_stated: 0.04,
    },
    Characteristic {
        column: "sex",
        groups: &[("Female", 52), ("Male", 48)],
        not_stated: 0.04,
    },
    Characteristic {
        column: "age_band",
        groups: &[
            ("Under 35", 28),
            ("35-44", 31),
            ("45-54", 25),
            ("55 and over", 16),
        ],
        not_stated: 0.04,
    },
    Characteristic {
        column: "disability",
        groups: &[("Yes", 6), ("No", 94)],
        not_stated: 0.04,
    },
];

/// The reference group for ethnicity, as WRES compares: white against ethnic minority.
pub const WHITE: &str = "White";

/// A cell the practitioner left unanswered, as the monitoring file writes it.
pub const NOT_STATED: &str = "not stated";

/// Staff in the workforce file for each case record: about three.
pub const STAFF_PER_RECORD: usize = 3;

/// One cell of a practitioner's monitoring row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    Group(&'static str),
    /// Written `not stated`.
    NotStated,
    /// Written as an empty cell, which also means not stated.
    Empty,
}

impl Cell {
    /// The group, when one is stated.
    pub fn group(self) -> Option<&'static str> {
        match self {
            Cell::Group(g) => Some(g),
            Cell::NotStated | Cell::Empty => None,
        }
    }

    fn written(self) -> &'static str {
        match self {
            Cell::Group(g) => g,
            Cell::NotStated => NOT_STATED,
            Cell::Empty => "",
        }
    }
}

/// A practitioner's monitoring data, one cell per [`CHARACTERISTICS`].
#[derive(Clone, Copy, Debug)]
pub struct Person {
    pub cells: [Cell; 5],
}

impl Person {
    pub fn draw(rng: &mut Rng) -> Person {
        let cells = CHARACTERISTICS.map(|c| {
            if rng.chance(c.not_stated) {
                if rng.chance(0.5) {
                    Cell::NotStated
                } else {
                    Cell::Empty
                }
            } else {
                Cell::Group(rng.weighted(c.groups))
            }
        });
        Person { cells }
    }

    /// Whether the practitioner is of an ethnic minority (ethnicity stated, and not
    /// white); `None` when their ethnicity is not stated.
    pub fn ethnic_minority(&self) -> Option<bool> {
        self.cells[0].group().map(|g| g != WHITE)
    }
}

/// `monitoring.csv`: a header, then one row per case, in the order given.
pub fn monitoring_csv(rows: &[(String, Person)]) -> String {
    let mut out = String::from("case_reference");
    for c in &CHARACTERISTICS {
        out.push(',');
        out.push_str(c.column);
    }
    out.push('\n');
    for (reference, person) in rows {
        out.push_str(&cell(reference));
        for c in person.cells {
            out.push(',');
            out.push_str(&cell(c.written()));
        }
        out.push('\n');
    }
    out
}

/// The workforce's headcount in each group of each characteristic: `records` times
/// [`STAFF_PER_RECORD`] people, shared out by the groups' weights (largest remainders,
/// so that every characteristic adds up to the same whole).
pub fn headcounts(records: usize) -> Vec<(&'static str, &'static str, usize)> {
    let total = records * STAFF_PER_RECORD;
    let mut out = Vec::new();
    for c in &CHARACTERISTICS {
        let weights: u64 = c.groups.iter().map(|g| u64::from(g.1)).sum();
        let exact: Vec<(usize, u64)> = c
            .groups
            .iter()
            .map(|g| {
                let share = total as u64 * u64::from(g.1);
                ((share / weights) as usize, share % weights)
            })
            .collect();
        let mut counts: Vec<usize> = exact.iter().map(|e| e.0).collect();
        let mut left = total - counts.iter().sum::<usize>();
        let mut order: Vec<usize> = (0..exact.len()).collect();
        // Largest remainder first; ties to the group listed first.
        order.sort_by(|&a, &b| exact[b].1.cmp(&exact[a].1).then(a.cmp(&b)));
        for i in order {
            if left == 0 {
                break;
            }
            counts[i] += 1;
            left -= 1;
        }
        for (g, n) in c.groups.iter().zip(counts) {
            out.push((c.column, g.0, n));
        }
    }
    out
}

/// `workforce.csv`: a header, then one row per characteristic and group.
pub fn workforce_csv(headcounts: &[(&str, &str, usize)]) -> String {
    let mut out = String::from("characteristic,group,headcount\n");
    for (characteristic, group, n) in headcounts {
        out.push_str(&format!("{},{},{n}\n", cell(characteristic), cell(group)));
    }
    out
}

/// A CSV cell: as it is, or quoted when it holds a comma, a quote or a line break
/// (none of the values here do; the rule is there for whoever adds one).
fn cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}
