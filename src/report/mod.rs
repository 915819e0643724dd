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
pub struct Read {
    pub counted: Vec<Facts>,
    pub left_out: Vec<LeftOut>,
    pub read: usize,
}

/// Reads and verifies every record, and keeps those a report counts.
pub fn read(paths: &[PathBuf], period: Option<&Period>) -> Read {
    let mut intact: Vec<(String, Record)> = Vec::new();
    let mut left_out = Vec::new();
    // In parallel, a batch at a time, in the order given (with a progress bar when
    // it is slow), as export and verify read them.
    let _ = found::check_each(paths, |checked| {
        let file = checked.path;
        match checked.outcome {
            Outcome::Io(_) | Outcome::Unreadable(_) => left_out.push(LeftOut {
                file,
                why: "unreadable",
            }),
            Outcome::OtherSeal { .. } => left_out.push(LeftOut {
                file,
                why: "altered",
            }),
            Outcome::Read(v) => match v.integrity {
                Integrity::Intact => intact.push((file, v.record)),
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
        .filter_map(|(_, r)| r.case.supersedes.as_ref().map(|s| s.seal.clone()))
        .collect();
    let (from, to) = bounds(period);
    let folder = std::path::Path::new("");
    let mut frameworks = Frameworks::new(folder);
    let mut counted = Vec::new();
    for (file, record) in &intact {
        if record.seal.as_ref().is_some_and(|s| superseded.contains(s)) {
            left_out.push(LeftOut {
                file: file.clone(),
                why: "superseded",
            });
            continue;
        }
        let facts = facts::read(record, frameworks.get_beside(record, file));
        let inside = facts
            .dated
            .is_none_or(|d| from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t));
        if period.is_some() && (!inside || facts.dated.is_none()) {
            left_out.push(LeftOut {
                file: file.clone(),
                why: "outside-period",
            });
            continue;
        }
        counted.push(facts);
    }
    Read {
        counted,
        left_out,
        read: paths.len(),
    }
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
        d.parse::<Date>()
            .map(|_| Some(d.to_owned()))
            .map_err(|_| format!("`{d}` is not a date as YYYY-MM-DD"))
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
