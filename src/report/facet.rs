//! What each count of a report counts, in one vocabulary across every table: a [`Key`]
//! is a set of cases, named by the values it allows of each *facet* of a case (its
//! route, its staff group, its ethnicity in the monitoring file, its answer to a check
//! item, …). Two tables that count the same set of cases name it by the same key, so
//! suppression ([`super::suppress`]) sees one count, not two; and a total, a route
//! "formal" that is two routes, or the groups of a comparison taken together, are keys
//! whose cases are the union of others', which is how the relations between the
//! report's counts are found.
//!
//! Each case has exactly one value of every facet: `""` where the record gives none
//! (a route not recorded, a characteristic not stated) and [`UNLINKED`] for a
//! characteristic of a record with no row in the monitoring file.

use std::collections::{BTreeMap, BTreeSet};

use super::facts::{Check, FORMAL_ROUTES, Facts, SIX_MONTHS, days};
use super::inputs::Monitoring;

/// The value of a monitoring characteristic for a record without a monitoring row
/// (no group can hold it: the monitoring file refuses control characters).
pub const UNLINKED: &str = "\u{0}";

/// The values a key allows of one facet.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Allowed {
    Only(BTreeSet<String>),
    AllBut(BTreeSet<String>),
}

/// A set of cases: those whose facets each take one of the values allowed. A facet
/// not named may take any value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key(BTreeMap<String, Allowed>);

impl Key {
    /// Every case counted.
    pub fn all() -> Key {
        Key::default()
    }

    /// These cases whose `facet` is `value`.
    pub fn is(self, facet: &str, value: &str) -> Key {
        self.any_of(facet, [value])
    }

    /// These cases whose `facet` is one of `values`.
    pub fn any_of<'v>(mut self, facet: &str, values: impl IntoIterator<Item = &'v str>) -> Key {
        let values: BTreeSet<String> = values.into_iter().map(str::to_owned).collect();
        let allowed = match self.0.remove(facet) {
            None => Allowed::Only(values),
            Some(Allowed::Only(had)) => Allowed::Only(had.intersection(&values).cloned().collect()),
            Some(Allowed::AllBut(not)) => Allowed::Only(values.difference(&not).cloned().collect()),
        };
        self.0.insert(facet.to_owned(), allowed);
        self
    }

    /// These cases whose `facet` is none of `values`.
    pub fn none_of<'v>(mut self, facet: &str, values: impl IntoIterator<Item = &'v str>) -> Key {
        let values: BTreeSet<String> = values.into_iter().map(str::to_owned).collect();
        let allowed = match self.0.remove(facet) {
            None => Allowed::AllBut(values),
            Some(Allowed::Only(had)) => Allowed::Only(had.difference(&values).cloned().collect()),
            Some(Allowed::AllBut(not)) => Allowed::AllBut(not.union(&values).cloned().collect()),
        };
        self.0.insert(facet.to_owned(), allowed);
        self
    }

    /// The cases of both keys.
    pub fn and(&self, other: &Key) -> Key {
        let mut key = self.clone();
        for (facet, allowed) in &other.0 {
            key = match allowed {
                Allowed::Only(values) => key.any_of(facet, values.iter().map(String::as_str)),
                Allowed::AllBut(values) => key.none_of(facet, values.iter().map(String::as_str)),
            };
        }
        key
    }
}

/// A key as the cases counted make it exact: each facet it names limited to values
/// some case has, and a facet that allows every such value left out, so that two keys
/// of the same cases by definition are equal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Exact(pub BTreeMap<String, BTreeSet<String>>);

impl Exact {
    /// The same cases, with `facet` taking `value` only.
    pub fn at(&self, facet: &str, value: &str) -> Exact {
        let mut at = self.clone();
        at.0.insert(facet.to_owned(), BTreeSet::from([value.to_owned()]));
        at
    }

    /// Without any limit on `facet`.
    pub fn without(&self, facet: &str) -> Exact {
        let mut without = self.clone();
        without.0.remove(facet);
        without
    }

    /// Whether a facet is limited to the value a record leaves empty: a "Not stated"
    /// or "Not recorded" row.
    pub fn of_nothing_recorded(&self) -> bool {
        self.0
            .values()
            .any(|v| v.len() == 1 && v.iter().all(String::is_empty))
    }
}

/// The counted cases, each as its facets, held as one set of cases per value of each
/// facet so that any key is counted at once.
pub struct Population {
    cases: usize,
    /// Each facet's values, and the cases (a bit each) that have it.
    facets: BTreeMap<String, BTreeMap<String, Vec<u64>>>,
}

impl Population {
    /// The facets of each case counted, with the monitoring file's characteristics of
    /// those it links to (a group as its lower-case name, `""` where not stated).
    pub fn new(cases: &[Facts], monitoring: Option<&Monitoring>) -> Population {
        let words = cases.len().div_ceil(64);
        let mut facets: BTreeMap<String, BTreeMap<String, Vec<u64>>> = BTreeMap::new();
        let mut set = |facet: &str, value: &str, i: usize| {
            // Looked up before anything is made: a facet and its values are few, the
            // cases many.
            if !facets.contains_key(facet) {
                facets.insert(facet.to_owned(), BTreeMap::new());
            }
            let values = facets.get_mut(facet).expect("inserted above");
            if !values.contains_key(value) {
                values.insert(value.to_owned(), vec![0; words]);
            }
            let bits = values.get_mut(value).expect("inserted above");
            bits[i / 64] |= 1 << (i % 64);
        };
        // The check items, each with its place in `answered` below.
        let mut item_ids: BTreeSet<&str> = SPECIAL_ITEMS.iter().map(|(id, _)| *id).collect();
        for f in cases {
            item_ids.extend(f.checks.iter().map(|(id, _, _)| id.as_str()));
        }
        let items: Vec<(&str, String)> = item_ids.iter().map(|id| (*id, check_facet(id))).collect();
        let place: std::collections::HashMap<&str, usize> = items
            .iter()
            .enumerate()
            .map(|(n, (id, _))| (*id, n))
            .collect();
        let mut answered: Vec<Option<Check>> = vec![None; items.len()];
        let characteristics: Vec<String> = monitoring
            .map(|m| {
                m.characteristics
                    .iter()
                    .map(|c| monitoring_facet(c))
                    .collect()
            })
            .unwrap_or_default();
        for (i, f) in cases.iter().enumerate() {
            for (facet, value) in facets_of(f) {
                set(facet, &value, i);
            }
            // Each item's answer: the record's first to it, else (for the items read
            // otherwise where a framework has no such check) as the facts give it.
            answered.fill(None);
            for (item, _, c) in &f.checks {
                if let Some(&n) = place.get(item.as_str()) {
                    answered[n].get_or_insert(*c);
                }
            }
            for ((id, facet), answer) in items.iter().zip(&answered) {
                let answer = answer.or_else(|| {
                    SPECIAL_ITEMS
                        .iter()
                        .find(|(s, _)| s == id)
                        .and_then(|(_, of)| of(f))
                });
                set(facet, check_value(answer), i);
            }
            if let Some(m) = monitoring {
                let row = m.rows.get(&f.reference);
                set("linked", if row.is_some() { "yes" } else { "no" }, i);
                for (ci, facet) in characteristics.iter().enumerate() {
                    let value = match row {
                        None => UNLINKED.to_owned(),
                        Some(row) => row[ci].as_deref().map_or_else(String::new, group_value),
                    };
                    set(facet, &value, i);
                }
            }
        }
        Population {
            cases: cases.len(),
            facets,
        }
    }

    /// The key as the cases make it exact, or `None` where it can count no case.
    pub fn exact(&self, key: &Key) -> Option<Exact> {
        self.tighten(self.as_written(key)?)
    }

    /// The key with each facet's values among those some case has, but no further
    /// made exact: as written, so that the parts of a total differ in the one facet
    /// its line does. `None` where a facet allows no value a case has.
    pub fn as_written(&self, key: &Key) -> Option<Exact> {
        let mut exact = BTreeMap::new();
        for (facet, allowed) in &key.0 {
            let universe = self.values(facet);
            let values: BTreeSet<String> = universe
                .iter()
                .filter(|v| match allowed {
                    Allowed::Only(only) => only.contains(**v),
                    Allowed::AllBut(not) => !not.contains(**v),
                })
                .map(|v| (*v).to_owned())
                .collect();
            if values.is_empty() {
                return None;
            }
            if values.len() < universe.len() {
                exact.insert(facet.clone(), values);
            }
        }
        Some(Exact(exact))
    }

    /// The same cases, each facet limited to the values some of them have, and a facet
    /// left out where its limit leaves out no case the key's other facets allow: so
    /// that keys of the same cases are equal whichever way they were written. `None`
    /// where the key counts no case.
    pub fn tighten(&self, mut key: Exact) -> Option<Exact> {
        if self.cases == 0 {
            return None;
        }
        loop {
            let mut changed = false;
            let facets: Vec<String> = key.0.keys().cloned().collect();
            for facet in facets {
                let context = self.bits(&key.without(&facet));
                let of = self.facets.get(&facet)?;
                let present: BTreeSet<String> = of
                    .iter()
                    .filter(|(_, bits)| overlap(&context, bits))
                    .map(|(v, _)| v.clone())
                    .collect();
                let allowed = &key.0[&facet];
                let kept: BTreeSet<String> = allowed.intersection(&present).cloned().collect();
                if kept.is_empty() {
                    return None;
                }
                if kept == present {
                    key.0.remove(&facet);
                    changed = true;
                } else if kept != *allowed {
                    key.0.insert(facet, kept);
                    changed = true;
                }
            }
            if !changed {
                return Some(key);
            }
        }
    }

    /// The cases of `key`, a bit each.
    pub fn bits(&self, key: &Exact) -> Vec<u64> {
        let words = self.cases.div_ceil(64);
        let mut cases = vec![u64::MAX; words];
        if let Some(last) = cases.last_mut()
            && !self.cases.is_multiple_of(64)
        {
            *last = (1 << (self.cases % 64)) - 1;
        }
        for (facet, values) in &key.0 {
            let mut any = vec![0u64; words];
            if let Some(of) = self.facets.get(facet) {
                for value in values {
                    if let Some(bits) = of.get(value) {
                        for (a, b) in any.iter_mut().zip(bits) {
                            *a |= b;
                        }
                    }
                }
            }
            for (c, a) in cases.iter_mut().zip(&any) {
                *c &= a;
            }
        }
        cases
    }

    /// How many cases the key counts.
    pub fn count(&self, key: &Exact) -> u64 {
        self.bits(key)
            .iter()
            .map(|w| u64::from(w.count_ones()))
            .sum()
    }

    /// The values some case has of `facet`.
    pub fn values(&self, facet: &str) -> Vec<&str> {
        self.facets
            .get(facet)
            .map(|v| v.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }
}

fn overlap(a: &[u64], b: &[u64]) -> bool {
    a.iter().zip(b).any(|(x, y)| x & y != 0)
}

/// The items of the built-in framework a report reads by id, with the fact each gives,
/// for a record whose framework does not make them check items.
type SpecialItem = (&'static str, fn(&Facts) -> Option<Check>);
const SPECIAL_ITEMS: [SpecialItem; 4] = [
    ("advice-contacted", |f| f.advice_contacted),
    ("learning-response-concern", |f| f.learning_concern),
    ("being-fair-used", |f| f.being_fair),
    ("independent-check", |f| f.independent_check),
];

/// The facet of a check item's answer.
pub fn check_facet(item: &str) -> String {
    format!("check:{item}")
}

/// A check answer as a facet's value: `yes`, `no`, `not-applicable`, `""`.
pub fn check_value(answer: Option<Check>) -> &'static str {
    match answer {
        Some(Check::Yes) => "yes",
        Some(Check::No) => "no",
        Some(Check::NotApplicable) => "not-applicable",
        None => "",
    }
}

/// The facet of a monitoring characteristic.
pub fn monitoring_facet(characteristic: &str) -> String {
    format!("monitoring:{characteristic}")
}

/// A group of the monitoring file as a facet's value: its name as the file's groups are
/// matched, ignoring capitals and spaces at either end.
pub fn group_value(group: &str) -> String {
    group.trim().to_ascii_lowercase()
}

/// The advice bands of "how soon": within 7 days, 8 to 28, later.
pub const ADVICE_BANDS: [(&str, i64, i64); 3] =
    [("0-7", 0, 7), ("8-28", 8, 28), ("29+", 29, i64::MAX)];

/// The cases with Advice contacted at a known number of days: any band of
/// [`ADVICE_BANDS`].
pub fn advice_timed() -> Key {
    Key::all().none_of("advice-soon", [""])
}

/// The cases that went to a formal route.
pub fn formal() -> Key {
    Key::all().any_of("route", FORMAL_ROUTES)
}

/// The cases with an interim measure other than none.
pub fn interim() -> Key {
    Key::all().none_of("interim", ["", "none"])
}

/// The cases referred to the regulator.
pub fn referred() -> Key {
    Key::all().is("referral", "yes")
}

/// A case's facets other than its check items and its monitoring characteristics.
fn facets_of(f: &Facts) -> Vec<(&'static str, String)> {
    let id =
        |c: &Option<super::facts::Choice>| c.as_ref().map_or_else(String::new, |c| c.id.clone());
    let advice_days =
        days(f.concern_raised, f.advice_on).filter(|_| f.advice_contacted == Some(Check::Yes));
    let band = advice_days.map_or("", |d| {
        ADVICE_BANDS
            .iter()
            .find(|(_, lo, hi)| d >= *lo && d <= *hi)
            .map_or("", |(b, _, _)| b)
    });
    let length = days(f.measure_start, f.measure_review).map_or("", |d| {
        if d > SIX_MONTHS {
            "over-six-months"
        } else {
            "within-six-months"
        }
    });
    let known = |d: Option<i64>| if d.is_some() { "yes" } else { "" };
    vec![
        ("staff-group", id(&f.staff_group)),
        ("nation", id(&f.nation)),
        ("setting", id(&f.setting)),
        ("policy", id(&f.policy)),
        ("route", id(&f.route)),
        ("interim", id(&f.interim)),
        ("referral", check_value(f.referral).to_owned()),
        ("standing", standing_value(f.standing).to_owned()),
        (
            "countersignature",
            if f.needs_countersignature {
                "needed"
            } else {
                ""
            }
            .to_owned(),
        ),
        ("advice-soon", band.to_owned()),
        ("interim-length", length.to_owned()),
        (
            "days:told",
            known(days(f.concern_raised, f.practitioner_told)).to_owned(),
        ),
        (
            "days:decided",
            known(days(f.concern_raised, f.decided_on)).to_owned(),
        ),
    ]
}

/// A record's standing as a facet's value.
pub fn standing_value(standing: crate::record::Standing) -> &'static str {
    use crate::record::Standing as S;
    match standing {
        S::Signed => "signed",
        S::Countersigned => "countersigned",
        S::Awaiting => "awaiting",
        S::Returned => "returned",
        S::Draft => "draft",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_the_same_cases_are_equal_once_exact() {
        let mut a = Facts::blank("A");
        a.route = Some(super::super::facts::Choice {
            id: "formal".into(),
            label: "Formal".into(),
        });
        let mut b = Facts::blank("B");
        b.route = Some(super::super::facts::Choice {
            id: "informal".into(),
            label: "Informal".into(),
        });
        let population = Population::new(&[a, b], None);
        // Every route recorded is every case.
        let recorded = population
            .exact(&Key::all().none_of("route", [""]))
            .unwrap();
        assert_eq!(recorded, population.exact(&Key::all()).unwrap());
        // "Formal" is the one formal route that occurs.
        let formal = population.exact(&formal()).unwrap();
        assert_eq!(
            formal,
            population.exact(&Key::all().is("route", "formal")).unwrap()
        );
        assert_eq!(population.count(&formal), 1);
        // No case has performers-list action.
        assert!(
            population
                .exact(&Key::all().is("route", "performers-list-action"))
                .is_none()
        );
        assert_eq!(population.count(&Exact::default()), 2);
    }
}
