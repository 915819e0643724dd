//! A board's report read as someone trying to undo its suppression would read it: every
//! relation its figures publish, within a table and across tables (a total, a figure of
//! one table that is a sum of another's, the same count in two places, the groups of a
//! comparison taken together), worked through exactly, and with the bounds that `<K`
//! and `*` give. No hidden count may come out. The relations are written here from the
//! report as printed, by its tables' labels, not from the code that suppresses.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

/// The counts of a report, each once however many places show it, and the relations
/// between them: `Σ coefficient × count = 0`.
#[derive(Default)]
struct Published {
    names: HashMap<String, usize>,
    /// Each count's true value, from the equality lead's report of the same records.
    values: Vec<i128>,
    /// How the board's report shows it: `None` shown, else the bounds its sign gives.
    hidden: Vec<Option<(i128, i128)>>,
    relations: Vec<Vec<(usize, i128)>>,
}

const UNBOUNDED: i128 = 1 << 100;

impl Published {
    /// The count in both reports' `cell`s, named `name`.
    fn count(&mut self, name: &str, board: &Value, lead: &Value, k: i128) -> usize {
        let value = lead["value"]
            .as_i64()
            .unwrap_or_else(|| panic!("{name}: no value for the equality lead: {lead}"));
        let hidden = match board["suppressed"].as_str() {
            None => None,
            Some("small") => Some((1, k - 1)),
            Some("secondary") => Some((k, UNBOUNDED)),
            Some(other) => panic!("{name}: a count suppressed as {other}"),
        };
        if board["suppressed"].is_null() {
            assert_eq!(
                board["value"], lead["value"],
                "{name}: shown as another value"
            );
        }
        let i = *self.names.entry(name.to_owned()).or_insert_with(|| {
            self.values.push(i128::from(value));
            self.hidden.push(hidden);
            self.values.len() - 1
        });
        assert_eq!(self.values[i], i128::from(value), "{name}: two values");
        assert_eq!(
            self.hidden[i].is_some(),
            hidden.is_some(),
            "{name}: hidden in one place and shown in another"
        );
        i
    }

    /// `total = Σ parts`.
    fn sum(&mut self, total: usize, parts: &[usize]) {
        let mut relation = vec![(total, 1)];
        relation.extend(parts.iter().map(|&p| (p, -1)));
        let holds: i128 = relation.iter().map(|&(i, c)| c * self.values[i]).sum();
        assert_eq!(
            holds, 0,
            "a relation of the model does not hold: {relation:?}"
        );
        self.relations.push(relation);
    }

    /// The hidden counts that come out, each with its name.
    fn recoverable(&self) -> Vec<String> {
        let name = |i: usize| {
            self.names
                .iter()
                .find(|&(_, &j)| j == i)
                .map(|(n, _)| n.clone())
                .unwrap_or_default()
        };
        let mut out: Vec<String> = self
            .by_elimination()
            .into_iter()
            .chain(self.by_bounds())
            .map(|i| format!("{} = {}", name(i), self.values[i]))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Gauss–Jordan elimination over the hidden counts, in whole numbers: a row left
    /// with one hidden count gives it.
    fn by_elimination(&self) -> Vec<usize> {
        let unknown = |i: usize| self.hidden[i].is_some();
        // Each relation over the hidden counts, with what the shown ones make of it.
        let mut rows: Vec<(BTreeMap<usize, i128>, i128)> = self
            .relations
            .iter()
            .map(|r| {
                let mut row = BTreeMap::new();
                let mut constant = 0;
                for &(i, c) in r {
                    if unknown(i) {
                        *row.entry(i).or_insert(0) += c;
                    } else {
                        constant -= c * self.values[i];
                    }
                }
                row.retain(|_, c| *c != 0);
                (row, constant)
            })
            .collect();
        let mut pivots: Vec<(usize, usize)> = Vec::new();
        for r in 0..rows.len() {
            for &(p, pr) in &pivots {
                if let Some(&c) = rows[r].0.get(&p) {
                    let (pivot_row, pivot_constant) = rows[pr].clone();
                    let a = pivot_row[&p];
                    let (row, constant) = &mut rows[r];
                    for v in row.values_mut() {
                        *v *= a;
                    }
                    *constant *= a;
                    for (&i, &x) in &pivot_row {
                        *row.entry(i).or_insert(0) -= c * x;
                    }
                    *constant -= c * pivot_constant;
                    row.retain(|_, x| *x != 0);
                    reduce(row, constant);
                }
            }
            let Some(&p) = rows[r].0.keys().next() else {
                continue;
            };
            // Take the new pivot out of the rows before.
            for &(_, pr) in &pivots {
                if let Some(&c) = rows[pr].0.get(&p) {
                    let (new_row, new_constant) = rows[r].clone();
                    let a = new_row[&p];
                    let (row, constant) = &mut rows[pr];
                    for v in row.values_mut() {
                        *v *= a;
                    }
                    *constant *= a;
                    for (&i, &x) in &new_row {
                        *row.entry(i).or_insert(0) -= c * x;
                    }
                    *constant -= c * new_constant;
                    row.retain(|_, x| *x != 0);
                    reduce(row, constant);
                }
            }
            pivots.push((p, r));
        }
        let mut out = Vec::new();
        for (row, constant) in &rows {
            if let &[(&i, &c)] = row.iter().collect::<Vec<_>>().as_slice() {
                assert_eq!(
                    c * self.values[i],
                    *constant,
                    "the model works out a wrong value"
                );
                out.push(i);
            }
        }
        out
    }

    /// Each relation narrows the bounds of its hidden counts from the others', until
    /// none moves: a count whose bounds meet comes out.
    fn by_bounds(&self) -> Vec<usize> {
        let mut bounds: Vec<(i128, i128)> = (0..self.values.len())
            .map(|i| self.hidden[i].unwrap_or((self.values[i], self.values[i])))
            .collect();
        for _ in 0..100 {
            let mut moved = false;
            for r in &self.relations {
                for &(j, cj) in r {
                    if self.hidden[j].is_none() {
                        continue;
                    }
                    // cj·xj = −Σ others.
                    let (mut lo, mut hi) = (0i128, 0i128);
                    for &(i, c) in r {
                        if i == j {
                            continue;
                        }
                        let (a, b) = (bounds[i].0 * c, bounds[i].1 * c);
                        lo = (lo + a.min(b)).max(-UNBOUNDED);
                        hi = (hi + a.max(b)).min(UNBOUNDED);
                    }
                    let (new_lo, new_hi) = if cj > 0 { (-hi, -lo) } else { (lo, hi) };
                    let (old_lo, old_hi) = bounds[j];
                    let next = (
                        if new_lo.abs() < UNBOUNDED / 2 {
                            old_lo.max(new_lo)
                        } else {
                            old_lo
                        },
                        if new_hi.abs() < UNBOUNDED / 2 {
                            old_hi.min(new_hi)
                        } else {
                            old_hi
                        },
                    );
                    if next != bounds[j] {
                        bounds[j] = next;
                        moved = true;
                    }
                }
            }
            if !moved {
                break;
            }
        }
        (0..bounds.len())
            .filter(|&i| self.hidden[i].is_some() && bounds[i].0 == bounds[i].1)
            .collect()
    }
}

fn reduce(row: &mut BTreeMap<usize, i128>, constant: &mut i128) {
    fn gcd(a: i128, b: i128) -> i128 {
        if b == 0 { a.abs() } else { gcd(b, a % b) }
    }
    let g = row.values().fold(*constant, |g, &x| gcd(g, x));
    if g > 1 {
        for v in row.values_mut() {
            *v /= g;
        }
        *constant /= g;
    }
}

/// Every table of a report, by id: the coverage's and the sections'.
fn tables(report: &Value) -> BTreeMap<String, &Value> {
    let mut all = BTreeMap::new();
    for name in ["records", "monitoring", "not_stated"] {
        let t = &report["coverage"][name];
        if t.is_object() {
            all.insert(t["id"].as_str().unwrap().to_owned(), t);
        }
    }
    for section in report["sections"].as_array().unwrap() {
        for t in section["tables"].as_array().unwrap() {
            all.insert(t["id"].as_str().unwrap().to_owned(), t);
        }
    }
    all
}

fn column(table: &Value, name: &str) -> Option<usize> {
    table["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c == name)
}

fn rows(table: &Value) -> &Vec<Value> {
    table["rows"].as_array().unwrap()
}

/// A column of counts (not a share, a median or a version).
fn counts_column(name: &str) -> bool {
    !(name.contains('%')
        || name.starts_with("Share")
        || name.starts_with("Median")
        || name == "Version")
}

/// Reads both reports of the same records and checks that no count the board's hides
/// can be worked out from the rest, at `k`. Every record must be linked to the
/// monitoring file, so that the equality tables count the same records as the others.
pub fn assert_nothing_recoverable(board: &Value, lead: &Value) {
    let k = i128::from(board["suppress"].as_u64().expect("a board's report"));
    let (b, l) = (tables(board), tables(lead));
    let mut p = Published::default();
    // Each count of each table, named by the count it is wherever it is the same.
    let mut named: HashMap<(String, String, String), usize> = HashMap::new();
    for (id, t) in &b {
        let lt = l[id];
        let columns = t["columns"].as_array().unwrap();
        for (r, row) in rows(t).iter().enumerate() {
            for (c, name) in columns.iter().enumerate() {
                let name = name.as_str().unwrap();
                let cell = &row["cells"][c];
                if !counts_column(name) || (cell["value"].is_null() && cell["suppressed"].is_null())
                {
                    continue;
                }
                let label = row["label"].as_str().unwrap();
                let identity = identity(id, label, name, row["total"] == true);
                // The lead's same count, by the row's label: a ranking's rows differ
                // (a board's leaves out items with hidden counts), so a row the lead's
                // ranking lacks is read from the table it repeats.
                let by_label = |t: &Value| {
                    rows(t)
                        .iter()
                        .find(|x| x["label"] == label && x["total"] == row["total"])
                        .cloned()
                };
                let (lead_row, lead_table) = match by_label(lt) {
                    Some(found) => (found, lt),
                    None if id == "most-often-no" => {
                        let answers = l["answers-by-item"];
                        (
                            by_label(answers).expect("every ranked item is answered"),
                            answers,
                        )
                    }
                    None => (rows(lt)[r].clone(), lt),
                };
                let lc = lead_table["columns"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .position(|x| x == name)
                    .unwrap_or(c);
                let i = p.count(&identity, cell, &lead_row["cells"][lc], k);
                named.insert((id.clone(), label.to_owned(), name.to_owned()), i);
            }
        }
    }
    let at = |t: &str, r: &str, c: &str| {
        named
            .get(&(t.to_owned(), r.to_owned(), c.to_owned()))
            .copied()
    };
    // Each table's lines: rows to a total column, columns to a total row.
    for (id, t) in &b {
        let columns: Vec<&str> = t["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        // The ranking of items repeats counts of the table of answers.
        let total_column = columns
            .iter()
            .position(|c| ["Total", "Answered", "Asked", "Linked records"].contains(c))
            .filter(|_| id != "most-often-no");
        let labels: Vec<&str> = rows(t)
            .iter()
            .map(|r| r["label"].as_str().unwrap())
            .collect();
        if let Some(tc) = total_column {
            for r in &labels {
                let parts: Vec<usize> = columns[..tc].iter().filter_map(|c| at(id, r, c)).collect();
                if let Some(total) = at(id, r, columns[tc]) {
                    p.sum(total, &parts);
                }
            }
        }
        if let Some(total_row) = rows(t).iter().position(|r| r["total"] == true)
            && id != "records"
        {
            for c in columns.iter().filter(|c| counts_column(c)) {
                let parts: Vec<usize> = labels
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != total_row)
                    .filter_map(|(_, r)| at(id, r, c))
                    .collect();
                if let Some(total) = at(id, labels[total_row], c) {
                    p.sum(total, &parts);
                }
            }
        }
    }
    let counted = at("records", "Counted", "Number").expect("the records counted");
    // A grand total of every record counted is the records counted, as the coverage
    // says (each record of the trial has a route, an interim measure and a referral
    // answered).
    for id in b.keys() {
        for column in ["Total", "Cases"] {
            if let Some(total) = at(id, "Total", column)
                && p.values[total] == p.values[counted]
                && total != counted
            {
                p.sum(total, &[counted]);
            }
        }
    }
    assert_eq!(
        at("monitoring-link", "Without a monitoring row", "Number").map(|i| p.values[i]),
        Some(0),
        "every record linked"
    );
    // The records by standing, and those that needed a countersignature.
    let standings: Vec<usize> = [
        "Signed, no countersignature needed",
        "Countersigned",
        "Awaiting countersignature",
        "Returned by the reviewer",
    ]
    .iter()
    .filter_map(|r| at("records", r, "Number"))
    .collect();
    p.sum(counted, &standings);
    for (mine, theirs) in [
        ("Countersigned", "Countersigned"),
        ("Awaiting", "Awaiting countersignature"),
        ("Returned", "Returned by the reviewer"),
    ] {
        if let (Some(a), Some(b)) = (
            at("countersignature", "Countersignature", mine),
            at("records", theirs, "Number"),
        ) {
            p.sum(a, &[b]);
        }
    }
    if let (Some(a), Some(b)) = (
        at("countersignature", "Countersignature", "Total"),
        at("independent-check", "Independent check", "Total"),
    ) {
        p.sum(a, &[b]);
    }
    // Advice, as the check item asks it, and as the days to it count it.
    let advice = "Has Practitioner Performance Advice been contacted about this concern?";
    if let Some(yes) = at("advice-contacted", "Advice contacted", "Yes") {
        p.sum(yes, &[at("answers-by-item", advice, "Yes").unwrap()]);
        let no = at("advice-contacted", "Advice contacted", "No").unwrap();
        let parts = [
            at("answers-by-item", advice, "No").unwrap(),
            at("answers-by-item", advice, "Not applicable").unwrap(),
        ];
        p.sum(no, &parts);
    }
    if let (Some(a), Some(b)) = (
        at("advice-how-soon", "Advice contacted", "Total"),
        at("days-taken", "to Advice being contacted", "Records"),
    ) {
        p.sum(a, &[b]);
    }
    // The equality tables: Formal is the two formal routes, Cases a group's routes.
    let characteristics: Vec<String> = b
        .keys()
        .filter_map(|id| id.strip_prefix("escalation-by-").map(str::to_owned))
        .collect();
    for ch in &characteristics {
        let escalation = format!("escalation-by-{ch}");
        let routes = format!("routes-by-{ch}");
        let route_columns: Vec<String> = b[&routes]["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_owned())
            .collect();
        let formal: Vec<&String> = route_columns
            .iter()
            .filter(|c| {
                c.starts_with("A formal process") || c.starts_with("Performers-list action")
            })
            .collect();
        for row in rows(b[&escalation]) {
            let g = row["label"].as_str().unwrap();
            let parts: Vec<usize> = formal.iter().filter_map(|c| at(&routes, g, c)).collect();
            p.sum(at(&escalation, g, "Formal").unwrap(), &parts);
            p.sum(
                at(&escalation, g, "Cases").unwrap(),
                &[at(&routes, g, "Total").unwrap()],
            );
        }
        // Not stated, and stated, in the coverage.
        let stated: Vec<usize> = rows(b[&escalation])
            .iter()
            .filter(|r| r["total"] != true && r["label"] != "Not stated")
            .map(|r| at(&escalation, r["label"].as_str().unwrap(), "Cases").unwrap())
            .collect();
        let row_of = rows(b["not-stated"])
            .iter()
            .map(|r| r["label"].as_str().unwrap().to_owned())
            .find(|l| l.to_lowercase() == ch.replace('_', " "))
            .expect("a row of the coverage's not stated");
        p.sum(
            at("not-stated", &row_of, "Not stated").unwrap(),
            &[at(&escalation, "Not stated", "Cases").unwrap()],
        );
        p.sum(at("not-stated", &row_of, "Stated").unwrap(), &stated);
        p.sum(
            at("not-stated", &row_of, "Linked records").unwrap(),
            &[counted],
        );
    }
    // Interim measures by kind, and referrals, in the handling and outcomes tables.
    let kinds: Vec<String> = b
        .get("interim-measures")
        .map(|t| {
            rows(t)
                .iter()
                .filter(|r| r["total"] != true)
                .map(|r| r["label"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default();
    let any_escalation = characteristics
        .first()
        .map(|c| format!("escalation-by-{c}"));
    if let (Some(esc), Some(total)) = (&any_escalation, at("interim-measures", "Total", "Measures"))
    {
        p.sum(total, &[at(esc, "Total", "Interim").unwrap()]);
    }
    for dim in ["staff-group", "nation", "setting", "policy"] {
        let by = format!("interim-measures-by-{dim}");
        for kind in &kinds {
            if let (Some(a), Some(b)) = (
                at(&by, "Total", kind),
                at("interim-measures", kind, "Measures"),
            ) {
                p.sum(a, &[b]);
            }
        }
        if let (Some(esc), Some(referred)) = (
            &any_escalation,
            at(&format!("referrals-by-{dim}"), "Total", "Referred"),
        ) {
            p.sum(referred, &[at(esc, "Total", "Referred").unwrap()]);
        }
    }
    // The comparisons: each side a group of the equality table, or several together.
    for section in board["sections"].as_array().unwrap() {
        let lead_section = lead["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == section["id"])
            .unwrap();
        for (c, lc) in section["comparisons"]
            .as_array()
            .unwrap()
            .iter()
            .zip(lead_section["comparisons"].as_array().unwrap())
        {
            let escalation = format!("escalation-by-{}", c["characteristic"].as_str().unwrap());
            let column = match c["measure"].as_str().unwrap() {
                "formal" | "formal-per-head" => "Formal",
                "interim-measure" => "Interim",
                "regulator-referral" => "Referred",
                "case-per-head" => "Cases",
                other => panic!("a measure {other}"),
            };
            let per_head = c["measure"].as_str().unwrap().ends_with("per-head");
            let groups: Vec<String> = rows(b[&escalation])
                .iter()
                .filter(|r| r["total"] != true && r["label"] != "Not stated")
                .map(|r| r["label"].as_str().unwrap().to_owned())
                .collect();
            let reference = c["reference"].as_str().unwrap();
            let is_reference = |g: &str| {
                if groups.iter().any(|x| x == reference) {
                    g == reference
                } else {
                    g.to_lowercase().starts_with(&reference.to_lowercase())
                }
            };
            let group = c["group"].as_str().unwrap();
            let members = |side: &str| -> Vec<String> {
                if side == reference {
                    groups.iter().filter(|g| is_reference(g)).cloned().collect()
                } else if groups.iter().any(|g| g == side) {
                    vec![side.to_owned()]
                } else {
                    groups
                        .iter()
                        .filter(|g| !is_reference(g))
                        .cloned()
                        .collect()
                }
            };
            for (side, count, total) in [
                (group, "group_count", "group_total"),
                (reference, "reference_count", "reference_total"),
            ] {
                let name =
                    |what: &str| format!("comparison {escalation} {:?} {what}", members(side));
                let mut cells = vec![(count, column)];
                if !per_head {
                    cells.push((total, "Cases"));
                }
                for (field, col) in cells {
                    if c[field]["value"].is_null() && c[field]["suppressed"].is_null() {
                        continue;
                    }
                    let i = p.count(&name(col), &c[field], &lc[field], k);
                    let parts: Vec<usize> = members(side)
                        .iter()
                        .map(|g| at(&escalation, g, col).unwrap())
                        .collect();
                    p.sum(i, &parts);
                }
            }
        }
    }
    let out = p.recoverable();
    assert!(
        out.is_empty(),
        "hidden counts that can be worked out:\n{}",
        out.join("\n")
    );
    assert!(p.hidden.iter().any(Option::is_some), "nothing is hidden");
}

/// What a table's count is, in words that are the same wherever the same count is: the
/// routes tables' totals and the equality tables' totals are each one count.
fn identity(table: &str, row: &str, column: &str, total_row: bool) -> String {
    let dimension = ["routes-by-", "interim-measures-by-", "referrals-by-"]
        .iter()
        .find(|p| table.starts_with(**p));
    match (dimension, total_row, column) {
        (Some(kind), true, _) => format!("{kind}* Total {column}"),
        (None, true, _) if table.starts_with("escalation-by-") => {
            format!("escalation Total {column}")
        }
        _ if table == "most-often-no" => format!("answers-by-item / {row} / {column}"),
        _ if table == "records" && row == "Counted" => "all records".to_owned(),
        _ if table == "monitoring-link" && row == "Counted records" => "all records".to_owned(),
        _ if table == "monitoring-link" && row == "With a monitoring row" => {
            "all records".to_owned()
        }
        _ => format!("{table} / {row} / {column}"),
    }
}

// --- the board's report of the trial's records ---------------------------------------

use crate::harness::Folder;

/// The trial's records: 300 of the generator's, with its exclusions.
fn trial() -> Folder {
    crate::report::generated(300)
}

fn report(folder: &Folder, args: &[&str]) -> Value {
    let out = folder
        .test()
        .args([
            "report",
            "--dir",
            "gen/records",
            "--monitoring",
            "gen/monitoring.csv",
        ])
        .args(["--format", "json"])
        .args(args.iter().copied())
        .stdout_any()
        .stderr_any()
        .run()
        .stdout;
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn no_hidden_count_of_a_boards_report_can_be_worked_out_from_any_figure_it_shows() {
    let folder = trial();
    let lead = report(&folder, &["--audience", "equality-lead"]);
    for k in ["10", "20"] {
        let board = report(&folder, &["--suppress", k]);
        assert_nothing_recoverable(&board, &lead);
    }
}

#[test]
fn the_formal_column_of_one_table_gives_away_no_route_hidden_in_another() {
    // The trial found Asian or Asian British Formal = 15 in "Cases and escalation",
    // and formal process = 12 beside performers-list action <10 in "Routes decided":
    // Formal is those two routes, so the hidden count was 3.
    let folder = trial();
    let lead = report(&folder, &["--audience", "equality-lead"]);
    let board = report(&folder, &[]);
    let cell = |r: &Value, table: &str, row: &str, name: &str| -> Value {
        let t = tables(r)[table];
        let c = column(t, name).unwrap();
        rows(t).iter().find(|x| x["label"] == row).unwrap()["cells"][c].clone()
    };
    let group = "Asian or Asian British";
    let formal = cell(&lead, "escalation-by-ethnicity", group, "Formal");
    let process = "A formal process under the governing policy";
    let list = "Performers-list action (conditions, undertakings, suspension or removal)";
    assert_eq!(formal["value"], 15);
    assert_eq!(
        cell(&lead, "routes-by-ethnicity", group, process)["value"],
        12
    );
    assert_eq!(cell(&lead, "routes-by-ethnicity", group, list)["value"], 3);
    let shown = |table, column| cell(&board, table, group, column)["suppressed"].is_null();
    assert!(!shown("routes-by-ethnicity", list));
    assert!(
        !(shown("escalation-by-ethnicity", "Formal") && shown("routes-by-ethnicity", process)),
        "Formal and formal process both shown give performers-list action away"
    );
}

#[test]
fn the_boards_headline_comparisons_are_shown_where_their_counts_allow() {
    let folder = trial();
    let board = report(&folder, &[]);
    let expected = folder.read("gen/expected.md");
    assert!(
        expected.contains("ethnic minority: 28 of 124"),
        "{expected}"
    );
    let equality = board["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "equality")
        .unwrap();
    let comparison = |characteristic: &str, group: &str| {
        equality["comparisons"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| {
                c["characteristic"] == characteristic
                    && c["group"] == group
                    && c["measure"] == "formal"
            })
            .unwrap()
            .clone()
    };
    // 28 of 124 against 10 of 146, and 15 of 135 against 25 of 143: every count 10
    // or more, each protected by hiding another count rather than these.
    for (characteristic, group, counts, ratio) in [
        ("ethnicity", "Ethnic minority", [28, 124, 10, 146], "3.30"),
        ("sex", "Female", [15, 135, 25, 143], "0.64"),
    ] {
        let c = comparison(characteristic, group);
        let got = [
            &c["group_count"]["value"],
            &c["group_total"]["value"],
            &c["reference_count"]["value"],
            &c["reference_total"]["value"],
        ];
        assert_eq!(got, counts, "{c}");
        let sentence = c["sentence"].as_str().unwrap();
        assert!(
            sentence.contains(&format!("{ratio} times as often")),
            "{sentence}"
        );
    }
    // A comparison not made says why, truly: too few where a count is under 10.
    let black = comparison("ethnicity", "Black or Black British");
    assert!(black["ratio"].is_null());
    let sentence = black["sentence"].as_str().unwrap();
    assert!(
        sentence.contains(
            "too few to compare: fewer than 10 cases in the Black or Black British group went to a formal route"
        ),
        "{sentence}"
    );
    // Where a count is hidden only to protect another, it says that instead.
    for c in equality["comparisons"].as_array().unwrap() {
        let cells = [
            "group_count",
            "group_total",
            "reference_count",
            "reference_total",
        ];
        let why: Vec<&str> = cells
            .iter()
            .filter_map(|f| c[f]["suppressed"].as_str())
            .collect();
        let sentence = c["sentence"].as_str().unwrap();
        // A group none of whose cases did so says that, the true reason, first.
        if c["group_count"]["value"] == 0 && c["group_total"]["value"].as_u64() > Some(0) {
            assert!(sentence.contains(": none of the "), "{sentence}");
            assert!(!sentence.contains("hidden"), "{sentence}");
        } else if why.contains(&"small") {
            assert!(sentence.contains("too few to compare"), "{sentence}");
        } else if why.contains(&"secondary") {
            assert!(sentence.contains("not compared here"), "{sentence}");
            assert!(sentence.contains("elsewhere in the report"), "{sentence}");
            assert!(!sentence.contains("too few"), "{sentence}");
        }
    }
    // The routes chart draws the White row, 146 cases, hidden routes together.
    let page = folder
        .test()
        .args([
            "report",
            "--dir",
            "gen/records",
            "--monitoring",
            "gen/monitoring.csv",
        ])
        .args(["--format", "html"])
        .stdout_any()
        .stderr_any()
        .run()
        .stdout;
    let at = page.find("Chart: Routes decided, by ethnicity").unwrap();
    let chart = &page[at..at + page[at..].find("</svg>").unwrap()];
    assert!(
        chart.contains("<title>White: No further action 40 of 146"),
        "{chart}"
    );
    assert!(chart.contains("<title>White: routes whose counts are hidden, together"));
}
