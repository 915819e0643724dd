//! `fairness report`: how cases are handled across many records, what was decided,
//! and, joined to the equality team's monitoring data, whether some groups fare worse
//! than others — with small numbers suppressed for a board, and every count shown to
//! the equality lead alone.
//!
//! Every record is verified first. Drafts, altered and unreadable records, records an
//! amendment among those given supersedes, and records outside `--period` are counted
//! and named in the coverage, and left out of every figure. No free text from a record
//! (a note, a text answer, a name) appears in any report: only the answers of check,
//! choice and date items, and the groups of the monitoring file.

use std::path::PathBuf;

pub mod build;
pub mod csv_in;
pub mod equality;
pub mod facet;
pub mod facts;
pub mod html;
pub mod inputs;
pub mod model;
pub mod render;
pub mod solve;
pub mod stats;
pub mod suppress;
pub mod table;

use jiff::civil::Date;

use crate::cases::Frameworks;
use crate::record::found::{self, Outcome};
use crate::record::{Integrity, Record};
use crate::terminal::{Console, one_line};

use facts::Facts;
use model::{Audience, LeftOut, Period};

/// The lowest `--suppress` allowed.
pub const LOWEST_K: u64 = 5;

/// K where `--suppress` is not given.
pub const DEFAULT_K: u64 = 10;

/// What to report on, and for whom.
pub struct Request<'a> {
    pub monitoring: Option<&'a inputs::Monitoring>,
    pub workforce: Option<&'a inputs::Workforce>,
    pub period: Option<Period>,
    /// K: the smallest count shown to a board.
    pub k: u64,
    pub audience: Audience,
    /// `--reference CHARACTERISTIC=GROUP`, where given.
    pub references: &'a [(String, String)],
    /// When the report is made (UTC).
    pub generated: String,
}

/// The records given, sorted into those counted and those left out.
#[derive(Default)]
pub struct Read {
    pub counted: Vec<Facts>,
    /// The files left out and why, named in the coverage: drafts, altered, unreadable,
    /// superseded, copies and earlier records of a case. Records outside the period are
    /// only counted ([`Read::outside`]): a year's report would otherwise name every
    /// file of the years before it.
    pub left_out: Vec<LeftOut>,
    /// How many distinct files were read (a file named twice is read once).
    pub read: usize,
    /// The case references of the records left out as outside the period, one for
    /// each record: their monitoring rows are counted apart, not as rows that match
    /// nothing.
    pub outside: Vec<String>,
    /// The files that could not be opened at all (missing, a folder, no permission),
    /// with why: the command refuses to report without them.
    pub unopened: Vec<(String, std::io::Error)>,
    /// Each file named again after its first naming (`./a.yaml` after `a.yaml`), with
    /// the name it was first given by: read once.
    pub repeated: Vec<(String, String)>,
    /// Sentences for the coverage's warnings: the copies and earlier records of a case.
    pub warnings: Vec<String>,
}

impl Read {
    /// Says on standard error what was found along the way: no record at all, the
    /// copies and earlier records of a case, a file named twice, and each altered or
    /// unreadable record left out.
    pub fn tell(&self, console: &Console) {
        if self.read == 0 {
            console.warning(&"no record was read: the case folder holds none, so every figure of the report is zero. `fairness cases` lists what it holds.");
        }
        for warning in &self.warnings {
            console.warning(warning);
        }
        for (again, first) in &self.repeated {
            console.note(&format!(
                "`{}` is `{}` named again: it is read once.",
                one_line(again),
                one_line(first)
            ));
        }
        for left in &self.left_out {
            if matches!(left.why, "altered" | "unreadable") {
                console.warning(&format!(
                    "`{}` is {}: it is left out of the report. Run `fairness verify` on it for the details.",
                    one_line(&left.file),
                    render::why_words(left.why)
                ));
            }
        }
    }
}

/// `paths` with each file named more than once kept at its first naming (the same
/// file by another path, as `./a.yaml` is `a.yaml`), and the names dropped, each with
/// the name it was first given by.
pub fn distinct(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(String, String)>) {
    let mut seen: std::collections::HashMap<PathBuf, usize> = std::collections::HashMap::new();
    let mut kept: Vec<PathBuf> = Vec::new();
    let mut repeated = Vec::new();
    for path in paths {
        // A file that cannot be resolved (missing, say) is kept by its name as given,
        // so that reading it says what is wrong.
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        match seen.get(&key) {
            Some(&first) => repeated.push((
                path.display().to_string(),
                kept[first].display().to_string(),
            )),
            None => {
                seen.insert(key, kept.len());
                kept.push(path.clone());
            }
        }
    }
    (kept, repeated)
}

/// What a report keeps of an intact record: its facts, and what tells a copy, a
/// follow-up and a superseded record apart. The rest is let go as soon as the record
/// is read, so that reading many records holds little.
struct Held {
    facts: Facts,
    version: u32,
    seal: Option<String>,
    supersedes: Option<String>,
    reviews: usize,
    signed: Option<String>,
}

impl Held {
    fn of(record: Record, framework: Option<&crate::framework::Framework>) -> Held {
        Held {
            facts: facts::read(&record, framework),
            version: record.case.version,
            supersedes: record.case.supersedes.map(|s| s.seal),
            reviews: record.reviews.len(),
            signed: record.sign_off.map(|s| s.signed),
            seal: record.seal,
        }
    }
}

/// Reads and verifies every record, and keeps those a report counts.
pub fn read(paths: &[PathBuf], period: Option<&Period>) -> Read {
    let (paths, repeated) = distinct(paths);
    let mut intact: Vec<(String, Held)> = Vec::new();
    let mut left_out = Vec::new();
    let mut unopened = Vec::new();
    let folder = std::path::Path::new("");
    let mut frameworks = Frameworks::new(folder);
    // In parallel, a batch at a time, in the order given (with a progress bar when
    // it is slow), as export and verify read them.
    let _ = found::check_each(&paths, |checked| {
        let file = checked.path;
        match checked.outcome {
            Outcome::Io(io) => unopened.push((file, io)),
            Outcome::Unreadable(_) => left_out.push(LeftOut {
                file,
                why: "unreadable",
            }),
            Outcome::OtherSeal { .. } => left_out.push(LeftOut {
                file,
                why: "altered",
            }),
            Outcome::Read(v) => match v.integrity {
                Integrity::Intact => {
                    let framework = frameworks.get_beside(&v.record, &file);
                    let held = Held::of(v.record, framework);
                    intact.push((file, held));
                }
                Integrity::Draft => left_out.push(LeftOut { file, why: "draft" }),
                Integrity::Altered(_) => left_out.push(LeftOut {
                    file,
                    why: "altered",
                }),
            },
        }
        Ok::<(), std::convert::Infallible>(())
    });
    // A signed amendment among the records given replaces the record it supersedes.
    let superseded: std::collections::HashSet<String> = intact
        .iter()
        .filter_map(|(_, h)| h.supersedes.clone())
        .collect();
    let (current, superseded): (Vec<_>, Vec<_>) = intact
        .into_iter()
        .partition(|(_, h)| !h.seal.as_ref().is_some_and(|s| superseded.contains(s)));
    left_out.extend(superseded.into_iter().map(|(file, _)| LeftOut {
        file,
        why: "superseded",
    }));
    let (current, copies, warnings) = one_of_each(current);
    left_out.extend(copies);
    let (from, to) = bounds(period);
    let mut counted = Vec::new();
    let mut outside = Vec::new();
    for (_, held) in current {
        let facts = held.facts;
        let inside = facts
            .dated
            .is_none_or(|d| from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t));
        if period.is_some() && (!inside || facts.dated.is_none()) {
            outside.push(facts.reference);
            continue;
        }
        counted.push(facts);
    }
    Read {
        counted,
        left_out,
        read: paths.len(),
        outside,
        unopened,
        repeated,
        warnings,
    }
}

/// One record for each version of each case. Two files that hold the same version of
/// a case are either copies of one record (the same seal), counted once — the copy
/// with the most reviews, as the latest state of the record, else the first given —
/// with the others left out as `copy`; or two different records of the case (their
/// seals differ): a follow-up record for a further decision (`run --out
/// CASE-…-2.yaml`), or two cases given one reference by mistake. The monitoring file
/// has one row a case, so one is counted: the record signed last, the case's latest
/// decision (as `due` takes it), else the first given; the others are left out as
/// `earlier`. Both are said.
fn one_of_each(records: Vec<(String, Held)>) -> (Vec<(String, Held)>, Vec<LeftOut>, Vec<String>) {
    use std::collections::HashMap;
    let mut by_version: HashMap<(String, u32), Vec<usize>> = HashMap::new();
    for (i, (_, h)) in records.iter().enumerate() {
        by_version
            .entry((h.facts.reference.clone(), h.version))
            .or_default()
            .push(i);
    }
    let mut drop: HashMap<usize, &'static str> = HashMap::new();
    let mut warnings = Vec::new();
    let mut groups: Vec<&Vec<usize>> = by_version.values().filter(|g| g.len() > 1).collect();
    groups.sort();
    for group in groups {
        let first = &records[group[0]].1;
        let what = format!(
            "version {} of case `{}`",
            first.version,
            one_line(&first.facts.reference)
        );
        let names = |of: &[usize]| -> String {
            let mut named: Vec<String> = of
                .iter()
                .map(|&i| format!("`{}`", one_line(&records[i].0)))
                .collect();
            let last = named.pop().unwrap_or_default();
            match named.is_empty() {
                true => last,
                false => format!("{} and {last}", named.join(", ")),
            }
        };
        if group.iter().all(|&i| records[i].1.seal == first.seal) {
            // The latest state of the record: the most reviews, then the first given.
            let keep = *group
                .iter()
                .max_by_key(|&&i| (records[i].1.reviews, std::cmp::Reverse(i)))
                .expect("a group of two or more");
            for &i in group.iter().filter(|&&i| i != keep) {
                drop.insert(i, "copy");
            }
            let copies: Vec<usize> = group.iter().copied().filter(|&i| i != keep).collect();
            warnings.push(format!(
                "{} {} a copy of `{}`, {what}: the case is counted once.",
                names(&copies),
                if copies.len() == 1 { "is" } else { "are each" },
                one_line(&records[keep].0),
            ));
        } else {
            // The latest decision: signed last, then the first given.
            let signed = |i: usize| {
                let at = records[i].1.signed.as_deref();
                at.and_then(|t| t.parse::<jiff::Timestamp>().ok())
            };
            let keep = *group
                .iter()
                .max_by_key(|&&i| (signed(i), std::cmp::Reverse(i)))
                .expect("a group of two or more");
            let earlier: Vec<usize> = group.iter().copied().filter(|&i| i != keep).collect();
            for &i in &earlier {
                drop.insert(i, "earlier");
            }
            warnings.push(format!(
                "{} and `{}` are different records of case `{}` (their seals differ): a follow-up decision, or two cases given one reference. The case is counted once, by the record signed last, `{}`; check the others are earlier decisions of the same case.",
                names(&earlier),
                one_line(&records[keep].0),
                one_line(&first.facts.reference),
                one_line(&records[keep].0),
            ));
        }
    }
    let mut kept = Vec::new();
    let mut left_out = Vec::new();
    for (i, (file, held)) in records.into_iter().enumerate() {
        match drop.get(&i) {
            Some(why) => left_out.push(LeftOut { file, why }),
            None => kept.push((file, held)),
        }
    }
    (kept, left_out, warnings)
}

fn bounds(period: Option<&Period>) -> (Option<Date>, Option<Date>) {
    let date = |d: &Option<String>| d.as_deref().and_then(|d| d.parse::<Date>().ok());
    match period {
        Some(p) => (date(&p.from), date(&p.to)),
        None => (None, None),
    }
}

/// `--period FROM..TO`, either end left open: `2025-04-01..2026-03-31`,
/// `2025-04-01..`, `..2026-03-31`.
pub fn parse_period(given: &str) -> Result<Period, String> {
    let Some((from, to)) = given.split_once("..") else {
        return Err(format!(
            "`{given}` is not a period: give FROM..TO, as 2025-04-01..2026-03-31 (either end may be left out)"
        ));
    };
    let date = |d: &str| -> Result<Option<String>, String> {
        let d = d.trim();
        if d.is_empty() {
            return Ok(None);
        }
        // "not a date written YYYY-MM-DD", or for 2025-02-30 "not a date in the
        // calendar": the same words as for a date answer.
        crate::value::parse_date(d).map(|()| Some(d.to_owned()))
    };
    let (from, to) = (date(from)?, date(to)?);
    if let (Some(f), Some(t)) = (&from, &to)
        && f > t
    {
        return Err(format!("the period ends ({t}) before it begins ({f})"));
    }
    if from.is_none() && to.is_none() {
        return Err("the period has neither a start nor an end: give FROM..TO".to_owned());
    }
    Ok(Period { from, to })
}

/// `--reference CHARACTERISTIC=GROUP`.
pub fn parse_reference(given: &str) -> Result<(String, String), String> {
    match given.split_once('=') {
        Some((c, g)) if !c.trim().is_empty() && !g.trim().is_empty() => {
            Ok((c.trim().to_owned(), g.trim().to_owned()))
        }
        _ => Err(format!(
            "`{given}` is not CHARACTERISTIC=GROUP, as `sex=Female` or `ethnicity=White`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_may_be_open_at_either_end() {
        let p = parse_period("2025-04-01..2026-03-31").unwrap();
        assert_eq!(p.describe(), "2025-04-01 to 2026-03-31");
        assert_eq!(
            parse_period("2025-04-01..").unwrap().describe(),
            "from 2025-04-01"
        );
        assert_eq!(
            parse_period("..2026-03-31").unwrap().describe(),
            "up to 2026-03-31"
        );
        assert!(
            parse_period("2026-04-01..2025-03-31")
                .unwrap_err()
                .contains("ends")
        );
        assert!(parse_period("2025").unwrap_err().contains("FROM..TO"));
        assert!(
            parse_period("2025-13-01..")
                .unwrap_err()
                .contains("not a date")
        );
        assert!(parse_period("..").is_err());
    }

    #[test]
    fn references_name_a_characteristic_and_a_group() {
        assert_eq!(
            parse_reference("sex = Female").unwrap(),
            ("sex".into(), "Female".into())
        );
        assert!(parse_reference("sex").is_err());
        assert!(parse_reference("=Female").is_err());
    }
}
