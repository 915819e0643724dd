//! `expected.md`: what the generated records hold, counted from the records as written
//! (never from the rates they were drawn with), so that a reader can check
//! `fairness report` by hand.

use std::fmt::Write as _;

use jiff::Span;
use jiff::civil::Date;

use fairness::record::{Record, Standing};

use super::case::days;
use super::people::{CHARACTERISTICS, Person, WHITE};

/// What the report reads of one current, signed record, and its practitioner's
/// monitoring row.
#[derive(Clone, Debug)]
pub struct Tally {
    pub standing: Standing,
    pub person: Person,
    pub staff_group: String,
    pub nation: String,
    pub setting: String,
    pub policy: String,
    pub route: String,
    pub interim: String,
    pub measure_started: Option<Date>,
    pub measure_review: Option<Date>,
    pub referral: bool,
    pub concern: Option<Date>,
    pub decided: Option<Date>,
    pub advice: Option<Date>,
    pub learning_concern: bool,
    pub being_fair: Option<bool>,
}

impl Tally {
    /// The tally of `record`, of the practitioner `person`.
    pub fn of(record: &Record, person: Person) -> Tally {
        let text = |id: &str| record.answer(id).map(|a| a.answer.clone());
        let day = |id: &str| text(id).and_then(|d| d.parse::<Date>().ok());
        let policy = ["policy-england", "policy-wales", "policy-northern-ireland"]
            .into_iter()
            .find_map(text);
        Tally {
            standing: record.standing(),
            person,
            staff_group: text("staff-group").unwrap_or_default(),
            nation: text("nation").unwrap_or_default(),
            setting: text("setting").unwrap_or_default(),
            policy: policy.unwrap_or_default(),
            route: text("route").unwrap_or_default(),
            interim: text("interim-measure").unwrap_or_default(),
            measure_started: day("measure-started-on"),
            measure_review: day("measure-review-on"),
            referral: text("regulator-referral").as_deref() == Some("yes"),
            concern: day("concern-raised-on"),
            decided: day("decided-on"),
            advice: day("advice-contacted-on"),
            learning_concern: text("learning-response-concern").as_deref() == Some("yes"),
            being_fair: text("being-fair-used").map(|a| a == "yes"),
        }
    }

    /// Whether the case went to a formal route.
    pub fn formal(&self) -> bool {
        matches!(self.route.as_str(), "formal" | "performers-list-action")
    }

    pub fn interim_measure(&self) -> bool {
        !self.interim.is_empty() && self.interim != "none"
    }

    /// Whether the measure's next review is more than six months after it started.
    pub fn over_six_months(&self) -> bool {
        match (self.measure_started, self.measure_review) {
            (Some(start), Some(review)) => start
                .checked_add(Span::new().months(6))
                .is_ok_and(|limit| review > limit),
            _ => false,
        }
    }
}

/// What `expected.md` says besides the tallies: how the data was made.
pub struct About<'a> {
    pub command: String,
    pub framework: String,
    /// The files left out of a report, each with why (`--exclusions`).
    pub excluded: &'a [(String, String)],
    /// Every record file written.
    pub files: usize,
    /// The workforce's headcounts, as `workforce.csv` has them.
    pub headcounts: &'a [(&'static str, &'static str, usize)],
}

/// The relative likelihood `(a/n1) / (c/n2)` with its 95% confidence interval, from
/// the log risk ratio (SE = √(1/a − 1/n1 + 1/c − 1/n2)); `None` when a count is 0.
pub fn relative(a: usize, n1: usize, c: usize, n2: usize) -> Option<(f64, f64, f64)> {
    if a == 0 || c == 0 || n1 == 0 || n2 == 0 {
        return None;
    }
    let [a, n1, c, n2] = [a, n1, c, n2].map(|x| x as f64);
    let ratio = (a / n1) / (c / n2);
    let se = (1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n2).sqrt();
    Some((
        ratio,
        (ratio.ln() - 1.96 * se).exp(),
        (ratio.ln() + 1.96 * se).exp(),
    ))
}

fn percent(a: usize, n: usize) -> String {
    if n == 0 {
        return "no cases".to_owned();
    }
    format!("{:.1}%", 100.0 * a as f64 / n as f64)
}

fn ratio_text(r: Option<(f64, f64, f64)>) -> String {
    match r {
        Some((r, low, high)) => format!("{r:.2}, 95% CI {low:.2}–{high:.2}"),
        None => "not computable (a count is 0)".to_owned(),
    }
}

/// The middle value, or the mean of the two middle values.
fn median(mut values: Vec<i64>) -> Option<f64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2] as f64),
        _ => Some((values[n / 2 - 1] + values[n / 2]) as f64 / 2.0),
    }
}

fn median_text(values: Vec<i64>) -> String {
    let (low, high) = (values.iter().min().copied(), values.iter().max().copied());
    match (median(values), low, high) {
        (Some(m), Some(low), Some(high)) => format!("median {m} days (from {low} to {high})"),
        _ => "none".to_owned(),
    }
}

/// Counts of `tallies` by the value `key` gives, in the order first seen in `order`
/// (then any other value, alphabetically).
fn by<'a>(
    tallies: &'a [Tally],
    order: &[&str],
    key: impl Fn(&'a Tally) -> &'a str,
) -> Vec<(String, Vec<&'a Tally>)> {
    let mut groups: Vec<(String, Vec<&Tally>)> =
        order.iter().map(|o| (o.to_string(), Vec::new())).collect();
    let mut others: Vec<(String, Vec<&Tally>)> = Vec::new();
    for t in tallies {
        let k = key(t);
        match groups
            .iter_mut()
            .chain(others.iter_mut())
            .find(|g| g.0 == k)
        {
            Some(g) => g.1.push(t),
            None => others.push((k.to_owned(), vec![t])),
        }
    }
    others.sort_by(|a, b| a.0.cmp(&b.0));
    groups.extend(others);
    groups.retain(|g| !g.1.is_empty());
    groups
}

/// `expected.md`.
pub fn expected_md(tallies: &[Tally], about: &About) -> String {
    let mut out = String::new();
    let n = tallies.len();
    let w = &mut out;
    let _ = writeln!(w, "# What the generated data holds\n");
    let _ = writeln!(
        w,
        "Written by `{}`: {n} fictional case records of the built-in framework ({}), each signed, with the practitioners' equality monitoring data (`monitoring.csv`, one row per case) and the workforce's headcounts (`workforce.csv`). Every figure here is counted from the files as written, so that `fairness report` can be checked against it by hand. Every note and text answer holds the word `NOTE-TEXT-MARKER`: no report should show it.\n",
        about.command, about.framework
    );

    // The difference.
    let of = |minority: bool| -> Vec<&Tally> {
        tallies
            .iter()
            .filter(|t| t.person.ethnic_minority() == Some(minority))
            .collect()
    };
    let (minority, white) = (of(true), of(false));
    let formal = |ts: &[&Tally]| ts.iter().filter(|t| t.formal()).count();
    let (a, n1, c, n2) = (
        formal(&minority),
        minority.len(),
        formal(&white),
        white.len(),
    );
    let not_stated = n - n1 - n2;
    let _ = writeln!(w, "## The built-in difference\n");
    let _ = writeln!(
        w,
        "One difference is built in: the cases of ethnic-minority practitioners (ethnicity stated, and not {WHITE}) were drawn to go to a formal route (`route` is `formal` or `performers-list-action`) at twice the rate of {WHITE} practitioners' cases (20% against 10%). Nothing else depends on who the practitioner is: staff group, nation, setting, interim measures, referrals, dates and the other characteristics are drawn alike for everyone, so their differences are chance. As written:\n"
    );
    let _ = writeln!(
        w,
        "- ethnic minority: {a} of {n1} cases went to a formal route ({})",
        percent(a, n1)
    );
    let _ = writeln!(
        w,
        "- {WHITE}: {c} of {n2} cases went to a formal route ({})",
        percent(c, n2)
    );
    let _ = writeln!(
        w,
        "- relative likelihood, ethnic minority against {WHITE}: {} (log risk ratio: SE = √(1/a − 1/n₁ + 1/c − 1/n₂))",
        ratio_text(relative(a, n1, c, n2))
    );
    let _ = writeln!(
        w,
        "- ethnicity not stated (`not stated` or an empty cell): {not_stated} cases, left out of both sides"
    );
    let head = |minority: bool| -> usize {
        about
            .headcounts
            .iter()
            .filter(|(ch, g, _)| *ch == "ethnicity" && (*g != WHITE) == minority)
            .map(|h| h.2)
            .sum()
    };
    let (h1, h2) = (head(true), head(false));
    let _ = writeln!(
        w,
        "- per head of the workforce (`workforce.csv`): {a} formal cases for {h1} ethnic-minority staff, against {c} for {h2} {WHITE} staff: relative likelihood {}\n",
        ratio_text(relative(a, h1, c, h2))
    );

    // The records.
    let _ = writeln!(w, "## The records\n");
    let _ = writeln!(
        w,
        "{} record files in `records/`; {n} are the current, intact, signed records of {n} cases, which a report counts:\n",
        about.files
    );
    let _ = writeln!(w, "| standing | records |\n|---|---|");
    for standing in [
        Standing::Signed,
        Standing::Countersigned,
        Standing::Awaiting,
        Standing::Returned,
    ] {
        let k = tallies.iter().filter(|t| t.standing == standing).count();
        let _ = writeln!(w, "| {} | {k} |", standing.id());
    }
    let _ = writeln!(
        w,
        "\n`signed` needs no countersignature; the others needed one (an interim measure, a formal route or a referral to the regulator): `countersigned` has it, `awaiting-countersignature` has none yet, and `returned` was sent back by the reviewer with comments.\n"
    );
    if about.excluded.is_empty() {
        let _ = writeln!(w, "No record is to be left out (no `--exclusions`).\n");
    } else {
        let _ = writeln!(w, "Left out of a report, and named by it:\n");
        for (file, why) in about.excluded {
            let _ = writeln!(w, "- `{file}`: {why}");
        }
        let _ = writeln!(w);
    }

    // By group.
    let _ = writeln!(w, "## Outcomes by group\n");
    let _ = writeln!(
        w,
        "Each characteristic's groups as `monitoring.csv` has them; `not stated` counts both `not stated` and empty cells. A formal route is `formal` or `performers-list-action`; an interim measure is any but `none`.\n"
    );
    let _ = writeln!(
        w,
        "| characteristic | group | cases | formal route | interim measure | regulator referral |\n|---|---|---|---|---|---|"
    );
    for (i, ch) in CHARACTERISTICS.iter().enumerate() {
        let mut order: Vec<&str> = ch.groups.iter().map(|g| g.0).collect();
        order.push(super::people::NOT_STATED);
        let groups = by(tallies, &order, |t| {
            t.person.cells[i]
                .group()
                .unwrap_or(super::people::NOT_STATED)
        });
        for (group, ts) in groups {
            let _ = writeln!(
                w,
                "| {} | {group} | {} | {} | {} | {} |",
                ch.column,
                ts.len(),
                ts.iter().filter(|t| t.formal()).count(),
                ts.iter().filter(|t| t.interim_measure()).count(),
                ts.iter().filter(|t| t.referral).count()
            );
        }
    }
    let _ = writeln!(w);
    for (field, what, key) in [
        ("staff-group", "staff group", 0),
        ("nation", "nation", 1),
        ("setting", "setting", 2),
        ("policy", "governing policy", 3),
    ] {
        let groups = by(tallies, &[], |t| match key {
            0 => t.staff_group.as_str(),
            1 => t.nation.as_str(),
            2 => t.setting.as_str(),
            _ => t.policy.as_str(),
        });
        let _ = writeln!(
            w,
            "By {what} (`{field}`):\n\n| {field} | cases | formal route | interim measure | regulator referral |\n|---|---|---|---|---|"
        );
        for (group, ts) in groups {
            let _ = writeln!(
                w,
                "| {group} | {} | {} | {} | {} |",
                ts.len(),
                ts.iter().filter(|t| t.formal()).count(),
                ts.iter().filter(|t| t.interim_measure()).count(),
                ts.iter().filter(|t| t.referral).count()
            );
        }
        let _ = writeln!(w);
    }

    // Handling.
    let _ = writeln!(w, "## How the cases were handled\n");
    let routes = by(
        tallies,
        &[
            "no-further-action",
            "informal",
            "remediation-plan",
            "advice-referral",
            "formal",
            "performers-list-action",
            "other",
        ],
        |t| t.route.as_str(),
    );
    let _ = writeln!(w, "| route | cases |\n|---|---|");
    for (route, ts) in routes {
        let _ = writeln!(w, "| {route} | {} |", ts.len());
    }
    let _ = writeln!(w);
    let measures = by(
        tallies,
        &[
            "none",
            "restriction",
            "immediate-exclusion",
            "formal-exclusion",
            "suspension",
            "conditions-or-undertakings",
        ],
        |t| t.interim.as_str(),
    );
    let _ = writeln!(
        w,
        "| interim-measure | cases | with a start date | next review more than six months after the start |\n|---|---|---|---|"
    );
    for (kind, ts) in measures {
        let _ = writeln!(
            w,
            "| {kind} | {} | {} | {} |",
            ts.len(),
            ts.iter().filter(|t| t.measure_started.is_some()).count(),
            ts.iter().filter(|t| t.over_six_months()).count()
        );
    }
    let _ = writeln!(
        w,
        "\nAn interim measure without a start date is only proposed (`measure-started-on` and `measure-review-on` left blank). The length counted here is from `measure-started-on` to `measure-review-on`.\n"
    );
    let referrals = tallies.iter().filter(|t| t.referral).count();
    let _ = writeln!(w, "- referred to the regulator: {referrals} of {n}");
    let advice: Vec<i64> = tallies
        .iter()
        .filter_map(|t| Some(days(t.concern?, t.advice?)))
        .collect();
    let _ = writeln!(
        w,
        "- Practitioner Performance Advice contacted: {} of {n}; days from the concern raised to the first contact: {}",
        advice.len(),
        median_text(advice)
    );
    let learning = tallies.iter().filter(|t| t.learning_concern).count();
    let fair = tallies
        .iter()
        .filter(|t| t.learning_concern && t.being_fair == Some(true))
        .count();
    let _ = writeln!(
        w,
        "- a learning response raised a concern about the practitioner: {learning}; the Being fair tool was used in {fair} of them"
    );
    let decided: Vec<i64> = tallies
        .iter()
        .filter_map(|t| Some(days(t.concern?, t.decided?)))
        .collect();
    let _ = writeln!(
        w,
        "- days from the concern raised to the decision: {}",
        median_text(decided)
    );
    out
}
