//! The report's figures, from the records counted: coverage, how cases are handled,
//! and outcomes. The equality section is [`super::equality`].

use std::collections::{BTreeMap, HashMap};

use super::facet::{self, ADVICE_BANDS, Key, Population, check_facet, standing_value};
use super::facts::{Check, Choice, Facts, SIX_MONTHS, days, ordered};
use super::model::{
    Audience, Cell, Coverage, FORMAT, LeftOut, Report, Row, SENSITIVE, Section, Table, Why,
};
use super::stats::median;
use super::suppress::Ledger;
use super::table::{Grid, Show, cell};
use super::{Read, Request, equality};

/// The whole report.
pub fn report(request: &Request, read: Read) -> Report {
    let k = match request.audience {
        Audience::Board => request.k,
        Audience::EqualityLead => 0,
    };
    let population = Population::new(&read.counted, request.monitoring);
    let mut ledger = Ledger::new(k, population);
    if ledger.gathering() {
        // Built once to gather every count the report shows, so that suppression is
        // settled across all of them; then again, to show each as settled. The
        // building is a function of the records alone, so both see the same counts.
        let _ = figures(request, &read, &mut ledger);
        ledger.settle();
    }
    let (coverage, sections) = figures(request, &read, &mut ledger);
    Report {
        format: FORMAT,
        title: "Fairness and proportionality: report across cases".to_owned(),
        audience: request.audience,
        marking: (request.audience == Audience::EqualityLead).then_some(SENSITIVE),
        generated: request.generated.clone(),
        period: request.period.clone(),
        suppress: (k > 1).then_some(k),
        coverage,
        sections,
    }
}

/// Every figure of the report: the coverage, and its sections.
fn figures(request: &Request, read: &Read, ledger: &mut Ledger) -> (Coverage, Vec<Section>) {
    let cases = &read.counted;
    let mut sections = vec![handling(cases, ledger), outcomes(cases, ledger)];
    let mut coverage = coverage(read, request, ledger);
    if let Some(monitoring) = request.monitoring {
        let (section, linked, not_stated, warnings) = equality::section(
            cases,
            &read.outside,
            monitoring,
            request.workforce,
            request.references,
            ledger,
        );
        sections.push(section);
        coverage.monitoring = Some(linked);
        coverage.not_stated = Some(not_stated);
        coverage.warnings.extend(warnings);
    }
    (coverage, sections)
}

/// The records read, counted and left out are files, and are never suppressed (the
/// files left out are named); the records counted by their standing are cases, as
/// every other count.
fn coverage(read: &Read, request: &Request, ledger: &mut Ledger) -> Coverage {
    let cases = &read.counted;
    let why = |w: &str| read.left_out.iter().filter(|l| l.why == w).count() as u64;
    ledger.public(&Key::all(), cases.len() as u64);
    use crate::record::Standing as S;
    let mut standing = |s: S| {
        let n = cases.iter().filter(|f| f.standing == s).count() as u64;
        cell(ledger, &Key::all().is("standing", standing_value(s)), n)
    };
    let rows: Vec<(&str, Cell)> = vec![
        ("Read", Cell::count(read.read as u64)),
        ("Counted", Cell::count(cases.len() as u64)),
        ("Signed, no countersignature needed", standing(S::Signed)),
        ("Countersigned", standing(S::Countersigned)),
        ("Awaiting countersignature", standing(S::Awaiting)),
        ("Returned by the reviewer", standing(S::Returned)),
        ("Left out: draft", Cell::count(why("draft"))),
        ("Left out: altered", Cell::count(why("altered"))),
        ("Left out: unreadable", Cell::count(why("unreadable"))),
        (
            "Left out: superseded by an amendment",
            Cell::count(why("superseded")),
        ),
        (
            "Left out: a copy of another file given",
            Cell::count(why("copy")),
        ),
        (
            "Left out: an earlier record of a case counted",
            Cell::count(why("earlier")),
        ),
        (
            "Left out: outside the period",
            Cell::count(read.outside.len() as u64),
        ),
    ];
    let mut records = Table {
        id: "records".to_owned(),
        title: "Records".to_owned(),
        corner: "Records".to_owned(),
        columns: vec!["Number".to_owned()],
        rows: rows
            .into_iter()
            .map(|(label, cell)| Row {
                label: label.to_owned(),
                total: label == "Read",
                cells: vec![cell],
            })
            .collect(),
        chart: false,
        notes: vec![format!(
            "Counted: intact, signed records, each the latest version among those given. The records read, counted and left out are never suppressed: the files left out are named below{}.",
            if read.outside.is_empty() {
                ""
            } else {
                " (those outside the period are counted, not named)"
            }
        )],
    };
    hidden_notes(&mut records, ledger.k());
    let mut by_framework: BTreeMap<(String, String), u64> = BTreeMap::new();
    for f in cases {
        *by_framework.entry(f.framework.clone()).or_default() += 1;
    }
    let frameworks = Table {
        id: "frameworks".to_owned(),
        title: "Frameworks the counted records were made with".to_owned(),
        corner: "Framework".to_owned(),
        columns: vec!["Version".to_owned(), "Records".to_owned()],
        rows: by_framework
            .into_iter()
            .map(|((name, version), n)| Row {
                label: name,
                total: false,
                cells: vec![
                    Cell {
                        value: None,
                        shown: version,
                        suppressed: None,
                    },
                    Cell::count(n),
                ],
            })
            .collect(),
        chart: false,
        notes: Vec::new(),
    };
    let mut warnings = read.warnings.clone();
    if read.read == 0 {
        warnings.push(
            "No record was read, so every figure is zero: the case folder holds no record. `fairness cases` lists what it holds."
                .to_owned(),
        );
    } else if request.period.is_some() && cases.is_empty() && !read.outside.is_empty() {
        warnings.push("No record falls within the period.".to_owned());
    } else if cases.is_empty() {
        warnings.push(
            "No record was counted, so every figure is zero: each file read is left out, for the reason given."
                .to_owned(),
        );
    }
    Coverage {
        records,
        left_out: read
            .left_out
            .iter()
            .map(|l| LeftOut {
                file: l.file.clone(),
                why: l.why,
            })
            .collect(),
        outside_period: read.outside.len(),
        frameworks,
        monitoring: None,
        not_stated: None,
        warnings,
    }
}

fn handling(cases: &[Facts], ledger: &mut Ledger) -> Section {
    let k = ledger.k();
    let mut tables = Vec::new();
    let mut sentences = vec![
        "How each case was handled, from the answers themselves: no demographic data is needed for this section.".to_owned(),
    ];

    // Each check item: Yes, No, Not applicable.
    // In the order first answered, each with its counts (found by its place, as there
    // are as many answers as cases times items).
    let mut items: Vec<(String, String)> = Vec::new();
    let mut counts: Vec<[u64; 3]> = Vec::new();
    let mut place: HashMap<&str, usize> = HashMap::new();
    let mut plain_no: std::collections::BTreeSet<&str> = Default::default();
    for f in cases {
        plain_no.extend(f.plain_no.iter().map(String::as_str));
        for (id, prompt, check) in &f.checks {
            let n = *place.entry(id.as_str()).or_insert_with(|| {
                items.push((id.clone(), prompt.clone()));
                counts.push([0; 3]);
                items.len() - 1
            });
            let at = match check {
                Check::Yes => 0,
                Check::No => 1,
                Check::NotApplicable => 2,
            };
            counts[n][at] += 1;
        }
    }
    let mut grid = Grid::new("answers-by-item", "Answers to each check item", "Item");
    grid.columns = vec!["Yes".into(), "No".into(), "Not applicable".into()];
    grid.row_totals = true;
    for ((id, prompt), counts) in items.iter().zip(&counts) {
        grid.rows.push(prompt.clone());
        grid.counts.push(counts.to_vec());
        let item = check_facet(id);
        grid.keys.push(
            ["yes", "no", "not-applicable"]
                .iter()
                .map(|a| Key::all().is(&item, a))
                .collect(),
        );
    }
    let mut answers = grid.table_showing(
        ledger,
        &[
            Show::Count(0, "Yes"),
            Show::Count(1, "No"),
            Show::Count(2, "Not applicable"),
            Show::Count(3, "Answered"),
        ],
    );
    if items.is_empty() {
        answers
            .notes
            .push("No check item was answered in the records counted.".to_owned());
    }

    // The items most often answered No, of those whose counts are shown and whose No
    // is a step not taken: not those where No is an ordinary answer.
    let plain = |i: usize| {
        items
            .get(i)
            .is_some_and(|(id, _)| plain_no.contains(id.as_str()))
    };
    let mut ranked: Vec<(usize, f64)> = answers
        .rows
        .iter()
        .enumerate()
        .filter(|(i, _)| !plain(*i))
        .filter_map(|(i, row)| {
            let no = row.cells[1].as_count()?;
            let all = row.cells[3].as_count()?;
            (no > 0 && all > 0).then(|| (i, no as f64 / all as f64))
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let most_no = Table {
        id: "most-often-no".to_owned(),
        title: "Items most often answered No".to_owned(),
        corner: "Item".to_owned(),
        columns: vec!["No".into(), "Answered".into(), "Share No".into()],
        rows: ranked
            .iter()
            .take(5)
            .map(|&(i, share)| {
                let row = &answers.rows[i];
                Row {
                    label: row.label.clone(),
                    total: false,
                    cells: vec![
                        row.cells[1].clone(),
                        row.cells[3].clone(),
                        Cell::percent(share * 100.0),
                    ],
                }
            })
            .collect(),
        chart: false,
        notes: {
            let mut notes = Vec::new();
            if !plain_no.is_empty() {
                notes.push("Items where No is an ordinary answer, not a step missed (those whose note is optional, such as whether the doctor is in training), are not ranked.".to_owned());
            }
            if answers
                .rows
                .iter()
                .enumerate()
                .any(|(i, r)| !plain(i) && (r.cells[1].is_hidden() || r.cells[3].is_hidden()))
            {
                notes
                    .push("Items whose counts are hidden are left out of this ranking.".to_owned());
            }
            notes
        },
    };
    tables.push(answers);
    tables.push(most_no);

    // Advice.
    let asked: Vec<&Facts> = cases
        .iter()
        .filter(|f| f.advice_contacted.is_some())
        .collect();
    let mut advice = Grid::new(
        "advice-contacted",
        "Practitioner Performance Advice contacted",
        "Records",
    );
    advice.columns = vec!["Yes".into(), "No".into()];
    advice.row_totals = true;
    advice.rows = vec!["Advice contacted".into()];
    let yes = asked
        .iter()
        .filter(|f| f.advice_contacted == Some(Check::Yes))
        .count() as u64;
    advice.counts = vec![vec![yes, asked.len() as u64 - yes]];
    let item = check_facet("advice-contacted");
    advice.keys = vec![vec![
        Key::all().is(&item, "yes"),
        Key::all().any_of(&item, ["no", "not-applicable"]),
    ]];
    tables.push(advice.table_showing(
        ledger,
        &[
            Show::Count(0, "Yes"),
            Show::Count(1, "No"),
            Show::Count(2, "Asked"),
            Show::Share {
                part: 0,
                whole: 2,
                label: "Share yes",
            },
        ],
    ));
    let mut soon = Grid::new(
        "advice-how-soon",
        "How soon Advice was contacted after the concern was raised",
        "Records",
    );
    soon.columns = vec![
        "Within 7 days".into(),
        "8 to 28 days".into(),
        "After 28 days".into(),
    ];
    soon.row_totals = true;
    soon.rows = vec!["Advice contacted".into()];
    let mut waits: Vec<i64> = cases
        .iter()
        .filter(|f| f.advice_contacted == Some(Check::Yes))
        .filter_map(|f| days(f.concern_raised, f.advice_on))
        .collect();
    let band = |lo: i64, hi: i64| waits.iter().filter(|&&d| d >= lo && d <= hi).count() as u64;
    soon.counts = vec![
        ADVICE_BANDS
            .iter()
            .map(|&(_, lo, hi)| band(lo, hi))
            .collect(),
    ];
    soon.keys = vec![
        ADVICE_BANDS
            .iter()
            .map(|(b, _, _)| Key::all().is("advice-soon", b))
            .collect(),
    ];
    let mut soon = soon.table(ledger);
    push_median(&mut soon, 0, &mut waits, k);
    tables.push(soon);

    // Being fair, where a learning response raised a concern about the individual.
    let learning: Vec<&Facts> = cases
        .iter()
        .filter(|f| f.learning_concern == Some(Check::Yes))
        .collect();
    let mut fair = Grid::new(
        "being-fair",
        "The Being fair tool, where a learning response raised a concern about the practitioner",
        "Records",
    );
    fair.columns = vec!["Used".into(), "Not used".into()];
    fair.row_totals = true;
    fair.rows = vec!["Being fair tool".into()];
    let used = learning
        .iter()
        .filter(|f| f.being_fair == Some(Check::Yes))
        .count() as u64;
    fair.counts = vec![vec![used, learning.len() as u64 - used]];
    let concern = Key::all().is(&check_facet("learning-response-concern"), "yes");
    let item = check_facet("being-fair-used");
    fair.keys = vec![vec![
        concern.clone().is(&item, "yes"),
        concern.none_of(&item, ["yes"]),
    ]];
    tables.push(fair.table(ledger));

    // The independent check and countersignature, where a step needed them.
    let needing: Vec<&Facts> = cases.iter().filter(|f| f.needs_countersignature).collect();
    let mut check = Grid::new(
        "independent-check",
        "Before formal action, an interim measure or a referral: the independent check and countersignature",
        "Records needing a countersignature",
    );
    check.columns = vec![
        "Checked: yes".into(),
        "Checked: no".into(),
        "Not answered".into(),
    ];
    check.row_totals = true;
    check.rows = vec!["Independent check".into()];
    let c = |want: Option<Check>| {
        needing
            .iter()
            .filter(|f| f.independent_check == want)
            .count() as u64
    };
    let other = needing.len() as u64 - c(Some(Check::Yes)) - c(Some(Check::No));
    check.counts = vec![vec![c(Some(Check::Yes)), c(Some(Check::No)), other]];
    let needed = Key::all().is("countersignature", "needed");
    let item = check_facet("independent-check");
    check.keys = vec![vec![
        needed.clone().is(&item, "yes"),
        needed.clone().is(&item, "no"),
        needed.clone().none_of(&item, ["yes", "no"]),
    ]];
    tables.push(check.table(ledger));
    use crate::record::Standing as S;
    let mut signed = Grid::new(
        "countersignature",
        "Countersignature of the records that need one",
        "Records needing a countersignature",
    );
    signed.columns = vec!["Countersigned".into(), "Awaiting".into(), "Returned".into()];
    signed.row_totals = true;
    signed.rows = vec!["Countersignature".into()];
    let s = |want: S| needing.iter().filter(|f| f.standing == want).count() as u64;
    signed.counts = vec![vec![s(S::Countersigned), s(S::Awaiting), s(S::Returned)]];
    signed.keys = vec![
        [S::Countersigned, S::Awaiting, S::Returned]
            .iter()
            .map(|&st| needed.clone().is("standing", standing_value(st)))
            .collect(),
    ];
    tables.push(signed.table(ledger));

    // How long things took.
    let mut timing = Table {
        id: "days-taken".to_owned(),
        title: "Days taken".to_owned(),
        corner: "From the concern being raised".to_owned(),
        columns: vec!["Records".into(), "Median days".into()],
        rows: Vec::new(),
        chart: false,
        notes: Vec::new(),
    };
    for (label, to, key) in [
        (
            "to the practitioner being told",
            (|f: &Facts| f.practitioner_told) as fn(&Facts) -> _,
            Key::all().is("days:told", "yes"),
        ),
        (
            "to Advice being contacted",
            |f: &Facts| {
                f.advice_on
                    .filter(|_| f.advice_contacted == Some(Check::Yes))
            },
            facet::advice_timed(),
        ),
        (
            "to the decision",
            |f: &Facts| f.decided_on,
            Key::all().is("days:decided", "yes"),
        ),
    ] {
        let mut spans: Vec<i64> = cases
            .iter()
            .filter_map(|f| days(f.concern_raised, to(f)))
            .collect();
        let n = spans.len() as u64;
        let count = cell(ledger, &key, n);
        // Nor a median of fewer than K, which is one case's own figure, even where
        // their number is known from the coverage.
        let med = if count.is_hidden() || (ledger.suppresses() && n < k) {
            Cell::built_on_hidden()
        } else {
            median(&mut spans).map_or_else(Cell::none, Cell::days)
        };
        timing.rows.push(Row {
            label: label.to_owned(),
            total: false,
            cells: vec![count, med],
        });
    }
    hidden_notes(&mut timing, k);
    tables.push(timing);

    // Interim measures by kind and length.
    let measures: Vec<&Facts> = cases.iter().filter(|f| f.had_interim()).collect();
    let kinds = ordered(measures.iter().filter_map(|f| f.interim.as_ref()));
    let mut grid = Grid::new(
        "interim-measures",
        "Interim measures, by kind and length",
        "Interim measure",
    );
    grid.columns = vec![
        "Measures".into(),
        "Length known".into(),
        "Over six months".into(),
    ];
    grid.column_totals = true;
    let mut lengths: Vec<Vec<i64>> = Vec::new();
    for kind in &kinds {
        let of: Vec<&&Facts> = measures
            .iter()
            .filter(|f| f.interim.as_ref().is_some_and(|m| m.id == kind.id))
            .collect();
        let known: Vec<i64> = of
            .iter()
            .filter_map(|f| days(f.measure_start, f.measure_review))
            .collect();
        let long = known.iter().filter(|&&d| d > SIX_MONTHS).count() as u64;
        grid.rows.push(kind.label.clone());
        grid.counts
            .push(vec![of.len() as u64, known.len() as u64, long]);
        let measure = Key::all().is("interim", &kind.id);
        grid.keys.push(vec![
            measure.clone(),
            measure
                .clone()
                .any_of("interim-length", ["within-six-months", "over-six-months"]),
            measure.is("interim-length", "over-six-months"),
        ]);
        lengths.push(known);
    }
    lengths.push(lengths.iter().flatten().copied().collect());
    let mut table = grid.table(ledger);
    table.columns.push("Median length, days".to_owned());
    for (row, mut known) in table.rows.iter_mut().zip(lengths) {
        let cell = if row.cells[1].is_hidden() {
            Cell::built_on_hidden()
        } else {
            median(&mut known).map_or_else(Cell::none, Cell::days)
        };
        row.cells.push(cell);
    }
    table.notes.push(format!(
        "Length: from the measure's start to the latest review date the record gives for it. Six months ({SIX_MONTHS} days) is the normal ceiling of an exclusion under MHPS, except in criminal matters."
    ));
    tables.push(table);
    if cases.is_empty() {
        sentences.push("No record was counted, so there is nothing to show.".to_owned());
    }
    Section {
        id: "handling",
        title: "How cases are handled".to_owned(),
        sentences,
        tables,
        comparisons: Vec::new(),
    }
}

/// Adds a median column to a one-row table of bands.
fn push_median(table: &mut Table, row: usize, values: &mut [i64], k: u64) {
    table.columns.push("Median days".to_owned());
    for (i, r) in table.rows.iter_mut().enumerate() {
        let total = r.cells.last().cloned().unwrap_or_else(Cell::none);
        let cell = if i != row {
            Cell::none()
        } else if total.is_hidden() || (values.len() as u64) < k {
            Cell::built_on_hidden()
        } else {
            median(values).map_or_else(Cell::none, Cell::days)
        };
        r.cells.push(cell);
    }
}

fn hidden_notes(table: &mut Table, k: u64) {
    if k <= 1 {
        return;
    }
    let any = |why: Why| {
        table
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .any(|c| c.suppressed == Some(why))
    };
    let (small, secondary) = (any(Why::Small), any(Why::Secondary));
    if small {
        table.notes.push(format!(
            "<{k}: a count from 1 to {} is not shown, and nothing is worked out from it.",
            k - 1
        ));
    }
    if secondary {
        table.notes.push(
            "*: a count also hidden, so that a smaller one cannot be worked out from the totals, here or elsewhere in the report."
                .to_owned(),
        );
    }
}

/// A dimension a case is described by, and how to read it from the facts.
type Dimension = (&'static str, &'static str, fn(&Facts) -> Option<&Choice>);

pub const DIMENSIONS: [Dimension; 4] = [
    ("staff-group", "Staff group", |f| f.staff_group.as_ref()),
    ("nation", "Nation", |f| f.nation.as_ref()),
    ("setting", "Setting", |f| f.setting.as_ref()),
    ("policy", "Policy", |f| f.policy.as_ref()),
];

/// The id of a case's group in a dimension: its answer's, `""` where it has none.
fn group_of(of: fn(&Facts) -> Option<&Choice>, f: &Facts) -> &str {
    of(f).map_or("", |c| c.id.as_str())
}

/// What was decided, by each dimension.
fn outcomes(cases: &[Facts], ledger: &mut Ledger) -> Section {
    let mut tables = Vec::new();
    let not_recorded = Choice {
        id: String::new(),
        label: "Not recorded".to_owned(),
    };
    for (id, name, of) in DIMENSIONS {
        let groups = ordered(cases.iter().filter_map(of));
        let mut groups: Vec<Choice> = groups;
        if cases.iter().any(|f| of(f).is_none()) {
            groups.push(not_recorded.clone());
        }
        // A case is in the group whose id its answer has ("" where it has none), and
        // each table is counted in one pass over the cases, by group id.
        let by_group = |value: fn(&Facts) -> Option<&Choice>| {
            let mut n: HashMap<(&str, &str), u64> = HashMap::new();
            for f in cases {
                if let Some(v) = value(f) {
                    *n.entry((group_of(of, f), v.id.as_str())).or_default() += 1;
                }
            }
            n
        };
        let count = |n: &HashMap<(&str, &str), u64>, g: &Choice, v: &Choice| {
            n.get(&(g.id.as_str(), v.id.as_str())).copied().unwrap_or(0)
        };
        // Routes.
        let routes = ordered(cases.iter().filter_map(|f| f.route.as_ref()));
        let by_route = by_group(|f| f.route.as_ref());
        let mut grid = Grid::new(
            format!("routes-by-{id}"),
            format!("Routes decided, by {}", name.to_lowercase()),
            name,
        );
        grid.columns = routes.iter().map(|r| r.label.clone()).collect();
        grid.row_totals = true;
        grid.column_totals = true;
        for g in &groups {
            grid.rows.push(g.label.clone());
            grid.keys.push(
                routes
                    .iter()
                    .map(|r| Key::all().is(id, &g.id).is("route", &r.id))
                    .collect(),
            );
            grid.counts
                .push(routes.iter().map(|r| count(&by_route, g, r)).collect());
        }
        if !routes.is_empty() {
            let mut t = grid.table(ledger);
            t.chart = true;
            tables.push(t);
        }
        // Interim measures.
        let kinds = ordered(cases.iter().filter_map(|f| f.interim.as_ref()));
        let by_interim = by_group(|f| f.interim.as_ref());
        let mut grid = Grid::new(
            format!("interim-measures-by-{id}"),
            format!("Interim measures, by {}", name.to_lowercase()),
            name,
        );
        grid.columns = kinds.iter().map(|r| r.label.clone()).collect();
        grid.row_totals = true;
        grid.column_totals = true;
        for g in &groups {
            grid.rows.push(g.label.clone());
            grid.keys.push(
                kinds
                    .iter()
                    .map(|m| Key::all().is(id, &g.id).is("interim", &m.id))
                    .collect(),
            );
            grid.counts
                .push(kinds.iter().map(|m| count(&by_interim, g, m)).collect());
        }
        if !kinds.is_empty() {
            tables.push(grid.table(ledger));
        }
        // Referrals to the regulator.
        let mut grid = Grid::new(
            format!("referrals-by-{id}"),
            format!("Referrals to the regulator, by {}", name.to_lowercase()),
            name,
        );
        grid.columns = vec!["Referred".into(), "Not referred".into()];
        grid.row_totals = true;
        grid.column_totals = true;
        // Of the cases with an answer, by group: referred, and all.
        let mut referrals: HashMap<&str, (u64, u64)> = HashMap::new();
        for f in cases.iter().filter(|f| f.referral.is_some()) {
            let n = referrals.entry(group_of(of, f)).or_default();
            n.0 += u64::from(f.referred());
            n.1 += 1;
        }
        for g in &groups {
            grid.rows.push(g.label.clone());
            let (yes, all) = referrals.get(g.id.as_str()).copied().unwrap_or_default();
            grid.counts.push(vec![yes, all - yes]);
            let group = Key::all().is(id, &g.id);
            grid.keys.push(vec![
                group.clone().and(&facet::referred()),
                group.any_of("referral", ["no", "not-applicable"]),
            ]);
        }
        if !groups.is_empty() {
            tables.push(grid.table(ledger));
        }
    }
    Section {
        id: "outcomes",
        title: "Outcomes".to_owned(),
        sentences: vec![
            "Routes decided, interim measures and referrals to the regulator, by staff group, nation, setting and the policy the case was handled under.".to_owned(),
        ],
        tables,
        comparisons: Vec::new(),
    }
}
