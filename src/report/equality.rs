//! The equality section: each characteristic of the monitoring file, the share of each
//! group's cases that escalated, and each group's relative likelihood against the
//! reference group, with its 95% interval, against the range NHS England treats as
//! non-adverse (0.80–1.25).
//!
//! The reference group: for ethnicity, every group whose name begins with "White"
//! (WRES compares ethnic minority staff, together, with white staff); for the place of
//! qualification, the UK; for any other characteristic, its largest group; and
//! `--reference CHARACTERISTIC=GROUP` for any of them. "Not stated" is left out of
//! both sides of every comparison, and counted.

use super::facet::{self, Key, UNLINKED, group_value, monitoring_facet};
use super::facts::{Choice, Facts};
use super::inputs::{Monitoring, Workforce, same_group};
use super::model::{Cell, Comparison, Row, Section, Table, Why, thousands};
use super::stats::{Band, NON_ADVERSE, percent, relative_likelihood};
use super::suppress::{Keep, Ledger};
use super::table::{Grid, Show, cell};

/// A characteristic's groups as the comparisons see them.
struct Groups {
    /// Each stated group, reference groups first.
    names: Vec<String>,
    /// Which of `names` make up the reference group.
    reference: Vec<usize>,
    /// The reference group in words: `White`.
    reference_label: String,
    /// The other groups together, in words, where they are compared together:
    /// `Ethnic minority`.
    others_label: Option<String>,
}

/// The cases each column of the equality table counts, of a group's.
fn column_keys() -> [Key; 4] {
    [
        Key::all(),
        facet::formal(),
        facet::interim(),
        facet::referred(),
    ]
}

/// The cases of a characteristic's groups `names` (`""` for not stated), together.
fn of_groups<'n>(characteristic: &str, names: impl IntoIterator<Item = &'n str>) -> Key {
    let values: Vec<String> = names.into_iter().map(group_value).collect();
    Key::all().is("linked", "yes").any_of(
        &monitoring_facet(characteristic),
        values.iter().map(String::as_str),
    )
}

/// What the measures count, by column of the equality table.
const MEASURES: [(&str, &str, usize); 3] = [
    ("formal", "went to a formal route", 1),
    ("interim-measure", "had an interim measure", 2),
    ("regulator-referral", "were referred to the regulator", 3),
];

/// The equality section; the coverage's tables of linking and of "not stated"; and
/// its warnings.
pub fn section(
    cases: &[Facts],
    outside: &[String],
    monitoring: &Monitoring,
    workforce: Option<&Workforce>,
    references: &[(String, String)],
    ledger: &mut Ledger,
) -> (Section, Table, Table, Vec<String>) {
    let k = ledger.k();
    let mut warnings = Vec::new();
    let linked: Vec<(&Facts, &Vec<Option<String>>)> = cases
        .iter()
        .filter_map(|f| monitoring.rows.get(&f.reference).map(|row| (f, row)))
        .collect();
    let counted: std::collections::HashSet<&str> =
        cases.iter().map(|f| f.reference.as_str()).collect();
    // Rows of records outside the period are expected, and counted apart.
    let outside: std::collections::HashSet<&str> = outside.iter().map(String::as_str).collect();
    let (of_outside, unmatched_references): (Vec<&String>, Vec<&String>) = monitoring
        .order
        .iter()
        .filter(|r| !counted.contains(r.as_str()))
        .partition(|r| outside.contains(r.as_str()));
    let (of_outside, unmatched) = (of_outside.len(), unmatched_references.len());
    let share = percent(linked.len() as u64, cases.len() as u64);
    // Shown whatever K is, as the coverage's counts of records are: the records
    // without a row are a fault of the files to put right, and their number is said.
    let with_row = Key::all().is("linked", "yes");
    ledger.public(&with_row, linked.len() as u64);
    ledger.public(
        &Key::all().is("linked", "no"),
        (cases.len() - linked.len()) as u64,
    );
    let link_table = Table {
        id: "monitoring-link".to_owned(),
        title: "Records linked to the monitoring file".to_owned(),
        corner: "Records".to_owned(),
        columns: vec!["Number".to_owned()],
        rows: [
            ("Counted records", cases.len()),
            ("With a monitoring row", linked.len()),
            ("Without a monitoring row", cases.len() - linked.len()),
            ("Monitoring rows matching no counted record", unmatched),
        ]
        .into_iter()
        .chain(
            (!outside.is_empty())
                .then_some(("Monitoring rows of records outside the period", of_outside)),
        )
        .map(|(label, n)| Row {
            label: label.to_owned(),
            total: false,
            cells: vec![Cell::count(n as u64)],
        })
        .collect(),
        chart: false,
        notes: vec![match share {
            Some(p) => format!("{p:.1}% of the counted records are linked to monitoring data."),
            None => "No record was counted.".to_owned(),
        }],
    };
    if cases.len() > linked.len() {
        warnings.push(format!(
            "{} counted record{} no row in the monitoring file, and {} left out of the equality figures.",
            thousands((cases.len() - linked.len()) as u64),
            if cases.len() - linked.len() == 1 { " has" } else { "s have" },
            if cases.len() - linked.len() == 1 { "is" } else { "are" },
        ));
    }
    if unmatched > 0 {
        // Named, so that a reference typed differently can be found: the first few.
        const NAMED: usize = 5;
        let mut named: Vec<String> = (unmatched_references.iter().take(NAMED))
            .map(|r| r.to_string())
            .collect();
        if unmatched > NAMED {
            named.push(format!("{} more", thousands((unmatched - NAMED) as u64)));
        }
        let named = and_list(named);
        warnings.push(format!(
            "{} row{} of the monitoring file match{} no counted record (a draft, a record left out, or a reference typed differently): {named}.",
            thousands(unmatched as u64),
            if unmatched == 1 { "" } else { "s" },
            if unmatched == 1 { "es" } else { "" },
        ));
    }

    let mut not_stated = Grid::new(
        "not-stated",
        "Not stated, by characteristic",
        "Characteristic",
    );
    not_stated.columns = vec!["Not stated".into(), "Stated".into()];
    not_stated.row_totals = true;
    let mut tables = Vec::new();
    let mut comparisons = Vec::new();
    let mut sentences = vec![format!(
        "For each characteristic in the monitoring file: of the cases in each group, the share that went to a formal route, had an interim measure, or were referred to the regulator; and each group's relative likelihood against the reference group, with its 95% confidence interval. NHS England treats a relative likelihood from {:.2} to {:.2} as non-adverse. \"Not stated\" is left out of both sides of every comparison.",
        NON_ADVERSE.0, NON_ADVERSE.1
    )];
    if workforce.is_some() {
        sentences.push("With the workforce file: each group's likelihood of a case, and of a formal route, per head of staff, as WRES indicator 3 measures entry into a formal process.".to_owned());
    }
    // Why there is nothing to compare, said once for the whole file.
    if monitoring.characteristics.is_empty() {
        sentences.push(format!(
            "The monitoring file has no column but `{}`: it links the records to its rows (counted in the coverage), but gives no characteristic to compare.",
            super::inputs::REFERENCE_COLUMN
        ));
    } else if linked.is_empty() {
        sentences.push(if cases.is_empty() {
            "No record was counted, so there is nothing to compare.".to_owned()
        } else {
            "No counted record has a row in the monitoring file, so there is nothing to compare: check that its `case_reference` column holds the records' case references.".to_owned()
        });
    }
    for (ci, characteristic) in monitoring.characteristics.iter().enumerate() {
        let values: Vec<(&Facts, Option<&str>)> = linked
            .iter()
            .map(|(f, row)| (*f, row[ci].as_deref()))
            .collect();
        let missing = values.iter().filter(|(_, v)| v.is_none()).count() as u64;
        not_stated.rows.push(heading(characteristic));
        not_stated
            .counts
            .push(vec![missing, values.len() as u64 - missing]);
        let of_characteristic = monitoring_facet(characteristic);
        not_stated.keys.push(vec![
            with_row.clone().is(&of_characteristic, ""),
            with_row.clone().none_of(&of_characteristic, ["", UNLINKED]),
        ]);
        if let Some(p) = percent(missing, values.len() as u64)
            && p > 20.0
        {
            // The share only where the count it is built on is shown.
            let not_stated = with_row.clone().is(&of_characteristic, "");
            let share = if cell(ledger, &not_stated, missing).is_hidden() {
                String::new()
            } else {
                format!(" ({p:.1}%)")
            };
            warnings.push(format!(
                "{} is not stated for more than 20% of the linked records{share}: its figures may not represent the whole.",
                heading(characteristic),
            ));
        }
        // The workforce's groups with no case count too: in the denominator of the
        // groups they belong to, and shown with no cases.
        let staffed = workforce.and_then(|w| w.headcounts.get(characteristic));
        let Some(groups) = groups(characteristic, &values, staffed, references) else {
            if !linked.is_empty() {
                sentences.push(format!(
                    "{}: no group is stated for any of the {} linked record{}, so there is nothing to compare.",
                    heading(characteristic),
                    thousands(linked.len() as u64),
                    if linked.len() == 1 { "" } else { "s" }
                ));
            }
            continue;
        };
        let row_of = |v: Option<&str>| match v {
            Some(v) => groups.names.iter().position(|n| same_group(n, v)),
            None => Some(groups.names.len()),
        };
        // The equality table: cases and each measure, by group.
        let mut grid = Grid::new(
            format!("escalation-by-{characteristic}"),
            format!("Cases and escalation, by {}", words(characteristic)),
            heading(characteristic),
        );
        grid.rows = groups.names.clone();
        grid.rows.push("Not stated".to_owned());
        grid.columns = vec![
            "Cases".into(),
            "Formal route".into(),
            "Interim measure".into(),
            "Referred".into(),
        ];
        grid.counts = vec![vec![0; 4]; grid.rows.len()];
        let row_keys: Vec<Key> = groups
            .names
            .iter()
            .map(|n| of_groups(characteristic, [n.as_str()]))
            .chain([of_groups(characteristic, [""])])
            .collect();
        grid.keys = row_keys
            .iter()
            .map(|row| column_keys().iter().map(|c| row.and(c)).collect())
            .collect();
        grid.column_totals = true;
        for (f, v) in &values {
            if let Some(r) = row_of(*v) {
                let row = &mut grid.counts[r];
                row[0] += 1;
                row[1] += u64::from(f.formal());
                row[2] += u64::from(f.had_interim());
                row[3] += u64::from(f.referred());
            }
        }
        let others: Vec<usize> = (0..groups.names.len())
            .filter(|i| !groups.reference.contains(i))
            .collect();
        // The counts of each comparison that can be shown (all four K or more), kept
        // where another count protects as well: the headline comparison's most, the
        // reference group's against the other groups' together (or the one other).
        if ledger.gathering() && !groups.reference.is_empty() {
            let side = |members: &[usize], c: usize| -> (Key, u64) {
                let names = members.iter().map(|&i| groups.names[i].as_str());
                let n = members.iter().map(|&r| grid.counts[r][c]).sum();
                (of_groups(characteristic, names).and(&column_keys()[c]), n)
            };
            let singles = others.iter().map(|&i| (vec![i], Keep::Comparison));
            let compared = std::iter::once((others.clone(), Keep::Headline)).chain(singles);
            for (members, keep) in compared.filter(|(m, _)| !m.is_empty()) {
                for (_, _, c) in MEASURES {
                    let four = [
                        side(&groups.reference, c),
                        side(&groups.reference, 0),
                        side(&members, c),
                        side(&members, 0),
                    ];
                    if four.iter().all(|(_, n)| *n >= k) {
                        for (key, n) in four {
                            ledger.protect(&key, n, keep);
                        }
                    }
                }
            }
        }
        let table = grid.table_showing(
            ledger,
            &[
                Show::Count(0, "Cases"),
                Show::Count(1, "Formal"),
                Show::Share {
                    part: 1,
                    whole: 0,
                    label: "% formal",
                },
                Show::Count(2, "Interim"),
                Show::Share {
                    part: 2,
                    whole: 0,
                    label: "% interim",
                },
                Show::Count(3, "Referred"),
                Show::Share {
                    part: 3,
                    whole: 0,
                    label: "% referred",
                },
            ],
        );
        // A side of a comparison: the count of a measure (a column of the grid) of
        // one group or several together, and of their cases.
        let side = |ledger: &mut Ledger, members: &[usize], column: usize| -> (Cell, Cell) {
            let key = of_groups(
                characteristic,
                members.iter().map(|&i| groups.names[i].as_str()),
            );
            let mut count = |c: usize| {
                let n = members.iter().map(|&r| grid.counts[r][c]).sum();
                cell(ledger, &key.and(&column_keys()[c]), n)
            };
            (count(column), count(0))
        };
        let mut sides: Vec<(String, Vec<usize>)> = Vec::new();
        if let Some(label) = &groups.others_label
            && others.len() > 1
        {
            sides.push((label.clone(), others.clone()));
        }
        for &i in &others {
            sides.push((groups.names[i].clone(), vec![i]));
        }
        if groups.reference.is_empty() {
            sentences.push(format!(
                "{}: no reference group was found among its values; name one with `--reference {characteristic}=GROUP`.",
                heading(characteristic)
            ));
        } else {
            for (measure, words, column) in MEASURES {
                for (label, members) in &sides {
                    // A group of the workforce file alone, with no case, has nothing
                    // to compare but per head.
                    if let [one] = members.as_slice()
                        && grid.counts[*one][0] == 0
                    {
                        continue;
                    }
                    let (a, n1) = side(ledger, members, column);
                    let (c, n2) = side(ledger, &groups.reference, column);
                    comparisons.push(compare(
                        characteristic,
                        measure,
                        words,
                        (label, a, n1),
                        (&groups.reference_label, c, n2),
                        false,
                        k,
                    ));
                }
            }
            if let Some(workforce) = workforce {
                let heads = |members: &[usize]| -> Option<Cell> {
                    let counts: Vec<u64> = members
                        .iter()
                        .map(|&i| workforce.headcount(characteristic, &groups.names[i]))
                        .collect::<Option<Vec<u64>>>()?;
                    let any_small = counts.iter().any(|&n| n >= 1 && n < k);
                    let sum: u64 = counts.iter().sum();
                    Some(if any_small && members.len() > 1 {
                        Cell::secondary()
                    } else if sum >= 1 && sum < k {
                        Cell::hidden(k)
                    } else {
                        Cell::count(sum)
                    })
                };
                if !workforce.headcounts.contains_key(characteristic) {
                    sentences.push(format!(
                        "{}: the workforce file gives no headcounts for it, so no likelihood per head is worked out.",
                        heading(characteristic)
                    ));
                } else if let Some(why) =
                    lacking_headcounts(characteristic, &groups, &sides, workforce)
                {
                    sentences.push(why);
                }
                for (measure, words, column) in [
                    ("case-per-head", "had a case", 0usize),
                    ("formal-per-head", "went to a formal route", 1),
                ] {
                    for (label, members) in &sides {
                        let (Some(n1), Some(n2)) = (heads(members), heads(&groups.reference))
                        else {
                            continue;
                        };
                        let (a, _) = side(ledger, members, column);
                        let (c, _) = side(ledger, &groups.reference, column);
                        comparisons.push(compare(
                            characteristic,
                            measure,
                            words,
                            (label, a, n1),
                            (&groups.reference_label, c, n2),
                            true,
                            k,
                        ));
                    }
                }
            }
        }
        tables.push(table);
        // Routes by group, for the chart.
        let routes = super::facts::ordered(values.iter().filter_map(|(f, _)| f.route.as_ref()));
        let mut grid = Grid::new(
            format!("routes-by-{characteristic}"),
            format!("Routes decided, by {}", words(characteristic)),
            heading(characteristic),
        );
        grid.rows = groups.names.clone();
        grid.rows.push("Not stated".to_owned());
        grid.columns = routes.iter().map(|r: &Choice| r.label.clone()).collect();
        grid.counts = vec![vec![0; routes.len()]; grid.rows.len()];
        grid.keys = row_keys
            .iter()
            .map(|row| {
                routes
                    .iter()
                    .map(|r| row.clone().is("route", &r.id))
                    .collect()
            })
            .collect();
        grid.row_totals = true;
        grid.column_totals = true;
        for (f, v) in &values {
            if let (Some(r), Some(route)) = (row_of(*v), &f.route)
                && let Some(c) = routes.iter().position(|x| x.id == route.id)
            {
                grid.counts[r][c] += 1;
            }
        }
        if !routes.is_empty() {
            let mut t = grid.table(ledger);
            t.chart = true;
            tables.push(t);
        }
    }
    let not_stated = not_stated.table_showing(
        ledger,
        &[
            Show::Count(0, "Not stated"),
            Show::Count(1, "Stated"),
            Show::Count(2, "Linked records"),
            Show::Share {
                part: 0,
                whole: 2,
                label: "Share not stated",
            },
        ],
    );
    let section = Section {
        id: "equality",
        title: "Equality".to_owned(),
        sentences,
        tables,
        comparisons,
    };
    (section, link_table, not_stated, warnings)
}

/// Why some likelihoods per head cannot be worked out, in words, where a group with
/// cases has no headcount: the staff of any side with that group in it cannot be
/// counted, and of the reference group, no comparison per head can be made at all.
fn lacking_headcounts(
    characteristic: &str,
    groups: &Groups,
    sides: &[(String, Vec<usize>)],
    workforce: &Workforce,
) -> Option<String> {
    let lacking: Vec<usize> = (0..groups.names.len())
        .filter(|&i| {
            workforce
                .headcount(characteristic, &groups.names[i])
                .is_none()
        })
        .collect();
    if lacking.is_empty() {
        return None;
    }
    let quoted = |i: &usize| format!("`{}`", groups.names[*i]);
    let listed = and_list(lacking.iter().map(quoted).collect());
    let rows = and_list(
        lacking
            .iter()
            .map(|&i| format!("`{characteristic},{},HEADCOUNT`", groups.names[i]))
            .collect(),
    );
    let heading = heading(characteristic);
    let reference = &groups.reference_label;
    if lacking.iter().any(|i| groups.reference.contains(i)) {
        let of = match groups.reference.len() {
            1 => "the reference group".to_owned(),
            _ => format!("of the reference group {reference}"),
        };
        return Some(format!(
            "{heading}: the workforce file has no headcount for {listed}, {of}, so no likelihood per head can be worked out for any group: each is against the reference group's staff, which cannot be counted without it. A row {rows} in the workforce file would give them."
        ));
    }
    let with_lacking = |members: &Vec<usize>| members.iter().any(|i| lacking.contains(i));
    let together: Vec<&String> = sides
        .iter()
        .filter(|(_, members)| members.len() > 1 && with_lacking(members))
        .map(|(label, _)| label)
        .collect();
    let them = if lacking.len() == 1 { "it" } else { "them" };
    let nor = match together.as_slice() {
        [] => String::new(),
        [label, ..] => format!(
            ", nor for {label}, the groups but {reference} together, whose staff cannot be counted without {them}"
        ),
    };
    Some(format!(
        "{heading}: the workforce file has no headcount for {listed}, so no likelihood per head is worked out for {them}{nor}. A row {rows} in the workforce file would give {them}."
    ))
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(mut items: Vec<String>) -> String {
    let last = items.pop().unwrap_or_default();
    if items.is_empty() {
        last
    } else {
        format!("{} and {last}", items.join(", "))
    }
}

/// The other groups together, compared with the reference group, where they have no
/// name of their own ("Ethnic minority", "Outside the UK").
const ALL_OTHERS: &str = "All other groups";

/// Whether a group's name is of the reference group.
type Matcher = Box<dyn Fn(&str) -> bool>;

/// The groups of `characteristic` among `values`, and which is the reference group.
fn groups(
    characteristic: &str,
    values: &[(&Facts, Option<&str>)],
    staffed: Option<&Vec<(String, u64)>>,
    references: &[(String, String)],
) -> Option<Groups> {
    let mut names: Vec<(String, usize)> = Vec::new();
    for v in values.iter().filter_map(|(_, v)| *v) {
        match names.iter_mut().find(|(n, _)| same_group(n, v)) {
            Some((_, count)) => *count += 1,
            None => names.push((v.trim().to_owned(), 1)),
        }
    }
    if names.is_empty() {
        return None;
    }
    for (group, _) in staffed.into_iter().flatten() {
        if !names.iter().any(|(n, _)| same_group(n, group)) {
            names.push((group.clone(), 0));
        }
    }
    let lower = characteristic.to_ascii_lowercase();
    let given = references
        .iter()
        .find(|(c, _)| c == characteristic)
        .map(|(_, g)| g.as_str());
    let (is_reference, reference_label, others_label): (Matcher, String, Option<String>) =
        if let Some(g) = given {
            let g = g.to_owned();
            let label = names
                .iter()
                .find(|(n, _)| same_group(n, &g))
                .map_or(g.clone(), |(n, _)| n.clone());
            // The other groups keep the name WRES gives them where they are what it
            // names: every group but White ones against White, the rest of the world
            // against the UK.
            let white = |n: &str| n.trim().to_ascii_lowercase().starts_with("white");
            let others: Vec<&str> = names
                .iter()
                .map(|(n, _)| n.as_str())
                .filter(|n| !same_group(n, &g))
                .collect();
            let others_label =
                if lower.contains("ethnic") && white(&g) && !others.iter().any(|n| white(n)) {
                    "Ethnic minority"
                } else if lower.contains("qualif")
                    && (same_group(&g, "UK") || same_group(&g, "United Kingdom"))
                {
                    "Outside the UK"
                } else {
                    ALL_OTHERS
                };
            (
                Box::new(move |n: &str| same_group(n, &g)),
                label,
                Some(others_label.to_owned()),
            )
        } else if lower.contains("ethnic") {
            (
                Box::new(|n: &str| n.trim().to_ascii_lowercase().starts_with("white")),
                "White".to_owned(),
                Some("Ethnic minority".to_owned()),
            )
        } else if lower.contains("qualif") {
            (
                Box::new(|n: &str| same_group(n, "UK") || same_group(n, "United Kingdom")),
                "UK".to_owned(),
                Some("Outside the UK".to_owned()),
            )
        } else {
            // The largest group; the first in alphabetical order of the largest.
            let largest = names
                .iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(n, _)| n.clone())
                .unwrap_or_default();
            let label = largest.clone();
            (
                Box::new(move |n: &str| same_group(n, &largest)),
                label,
                Some(ALL_OTHERS.to_owned()),
            )
        };
    // The reference group first, then in order: by the number a name begins its range
    // with where every name has one (age bands: "Under 35", "35-44", "45-54", "55 and
    // over"), else alphabetically.
    let numbered = names.iter().all(|(n, _)| band_start(n).is_some());
    let order = |n: &str| {
        (
            !is_reference(n),
            if numbered { band_start(n) } else { None },
            n.to_ascii_lowercase(),
        )
    };
    names.sort_by_key(|a| order(&a.0));
    let reference = names
        .iter()
        .enumerate()
        .filter(|(_, (n, _))| is_reference(n))
        .map(|(i, _)| i)
        .collect();
    Some(Groups {
        names: names.into_iter().map(|(n, _)| n).collect(),
        reference,
        reference_label,
        others_label,
    })
}

/// Where a band such as an age band begins, in tenths, for putting bands in order: the
/// first number in its name, a little below it for a band under or below it ("Under
/// 35" before "35-44"). `None` for a name with no number.
fn band_start(name: &str) -> Option<i64> {
    let lower = name.trim().to_ascii_lowercase();
    let digits: String = lower
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    let n: i64 = digits.parse().ok()?;
    let under = ["under", "below", "less than", "up to", "<"]
        .iter()
        .any(|w| lower.starts_with(w));
    Some(n * 10 - i64::from(under))
}

/// One comparison: `group`'s `a` of `n1` against the reference's `c` of `n2`.
fn compare(
    characteristic: &str,
    measure: &'static str,
    words: &str,
    (group, a, n1): (&str, Cell, Cell),
    (reference, c, n2): (&str, Cell, Cell),
    per_head: bool,
    k: u64,
) -> Comparison {
    let share = |x: &Cell, n: &Cell| match (x.as_count(), n.as_count()) {
        (Some(x), Some(n)) => percent(x, n).map_or_else(Cell::none, Cell::percent),
        _ => Cell::built_on_hidden(),
    };
    let (group_percent, reference_percent) = (share(&a, &n1), share(&c, &n2));
    let mut out = Comparison {
        characteristic: characteristic.to_owned(),
        measure,
        measure_words: format!(
            "{words}{}",
            if per_head { ", per head of staff" } else { "" }
        ),
        group: group.to_owned(),
        reference: reference.to_owned(),
        group_count: a.clone(),
        group_total: n1.clone(),
        group_percent,
        reference_count: c.clone(),
        reference_total: n2.clone(),
        reference_percent,
        ratio: None,
        low: None,
        high: None,
        band: None,
        sentence: String::new(),
    };
    let counts = (a.as_count(), n1.as_count(), c.as_count(), n2.as_count());
    // A group whose name does not say what it is a group of ("Yes", "55 and over") is
    // named with its characteristic.
    let against = if matches!(
        characteristic,
        "ethnicity" | "place_of_qualification" | "sex"
    ) {
        format!("{group} against {reference}")
    } else {
        format!(
            "{group} against {reference} ({})",
            self::words(characteristic)
        )
    };
    let of = if per_head { "staff" } else { "cases" };
    out.sentence = match counts {
        (Some(a), Some(n1), Some(c), Some(n2)) => match relative_likelihood(a, n1, c, n2) {
            Some(rl) => {
                let band = Band::of(rl.ratio);
                out.ratio = Some(super::model::round(rl.ratio, 2));
                out.low = Some(super::model::round(rl.low, 2));
                out.high = Some(super::model::round(rl.high, 2));
                out.band = Some(band);
                let how = match band {
                    Band::Within => format!(
                        "within the range {:.2}–{:.2} that NHS England treats as non-adverse",
                        NON_ADVERSE.0, NON_ADVERSE.1
                    ),
                    Band::Above => format!(
                        "above the non-adverse range {:.2}–{:.2}: more likely than {reference}",
                        NON_ADVERSE.0, NON_ADVERSE.1
                    ),
                    Band::Below => format!(
                        "below the non-adverse range {:.2}–{:.2}: less likely than {reference}",
                        NON_ADVERSE.0, NON_ADVERSE.1
                    ),
                };
                let chance = if rl.low <= 1.0 && rl.high >= 1.0 {
                    " The interval includes 1.00, so the difference could be chance."
                } else {
                    ""
                };
                format!(
                    "{against}: {words} {:.2} times as often (95% CI {:.2}–{:.2}), {how}.{chance}",
                    rl.ratio, rl.low, rl.high,
                )
            }
            None if n1 == 0 || n2 == 0 => format!(
                "{against}: no {of} of {} were counted, so there is nothing to compare.",
                if n1 == 0 { group } else { reference },
            ),
            None => format!(
                "{against}: {a} of {} {of} {words}, against {c} of {} for {reference}; with {} on one side, a relative likelihood cannot be estimated.",
                thousands(n1),
                thousands(n2),
                if a == 0 || c == 0 {
                    "none"
                } else {
                    "every case"
                },
            ),
        },
        // A group with no cases, or none that did so, has nothing to compare, whatever
        // else is hidden: that is said first.
        (_, Some(0), _, _) => {
            format!("{against}: no {of} of {group} were counted, so there is nothing to compare.")
        }
        (Some(0), Some(n1), _, _) => format!(
            "{against}: none of the {} {group} {of} {words}, so a relative likelihood cannot be estimated.",
            thousands(n1)
        ),
        _ => hidden_sentence(
            &against,
            [(group, &a, &n1), (reference, &c, &n2)],
            words,
            of,
            k,
        ),
    };
    out
}

/// Why a comparison with a hidden count is not made, in words: too few where a count
/// is under K, and otherwise which count is hidden to protect another.
fn hidden_sentence(
    against: &str,
    sides: [(&str, &Cell, &Cell); 2],
    words: &str,
    of: &str,
    k: u64,
) -> String {
    let mut small = Vec::new();
    let mut secondary = Vec::new();
    for (side, count, total) in sides {
        // "cases in the 55 and over group", "cases in all other groups": the same
        // words whatever the group is called, and no name run into the count before
        // it ("fewer than 10 55 and over cases", "10 Yes cases").
        let cases = match side {
            ALL_OTHERS => format!("{of} in all other groups"),
            _ => format!("{of} in the {side} group"),
        };
        if total.suppressed == Some(Why::Small) {
            small.push(format!("there are fewer than {k} {cases}"));
        } else if count.suppressed == Some(Why::Small) {
            small.push(format!("fewer than {k} {cases} {words}"));
        }
        if total.suppressed == Some(Why::Secondary) {
            secondary.push(format!("the number of {cases}"));
        }
        if count.suppressed == Some(Why::Secondary) {
            secondary.push(format!("the number of {cases} that {words}"));
        }
    }
    if !small.is_empty() {
        format!(
            "{against}: too few to compare: {}, and no ratio is built on a count that small.",
            small.join("; ")
        )
    } else {
        format!(
            "{against}: not compared here: {} hidden (*), not for being small but so that a count under {k} elsewhere in the report cannot be worked out from it; no ratio is built on a hidden count.",
            listed(&secondary, "is", "are")
        )
    }
}

/// `a is`, `a and b are`.
fn listed(what: &[String], one: &str, many: &str) -> String {
    match what {
        [only] => format!("{only} {one}"),
        [rest @ .., last] => format!("{} and {last} {many}", rest.join(", ")),
        [] => String::new(),
    }
}

/// A column's name in words, for titles: `place_of_qualification` as "place of
/// qualification".
pub fn words(characteristic: &str) -> String {
    characteristic.replace(['_', '-'], " ")
}

/// A column's name as a heading: "Place of qualification".
pub fn heading(characteristic: &str) -> String {
    let words = words(characteristic);
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
