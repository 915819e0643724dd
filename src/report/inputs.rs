//! The equality team's files a report joins to the records, each checked like every
//! other file fairness reads, and refused with every problem's line and column.
//!
//! - The **monitoring file**: CSV with a header row. Its `case_reference` column links
//!   a row to a record by the record's case reference; every other column is a
//!   characteristic (`ethnicity`, `place_of_qualification`, `sex`, …) whose values are
//!   the groups. An empty cell, or `not stated`, `unknown`, `prefer not to say` and
//!   the like ([`NOT_STATED`], in any capitals), is "not stated".
//! - The **workforce file**: CSV with the header `characteristic,group,headcount`:
//!   how many staff are in each group of each characteristic, for the likelihood of a
//!   case per head. Its characteristics must be columns of the monitoring file.

use std::collections::HashMap;

use std::path::Path;

use crate::diagnostic::{self, Diagnostic, Location, Report as Problems};
use crate::error::{Error, Usage};

use super::csv_in::{self, Field};

/// The column that links a monitoring row to a record.
pub const REFERENCE_COLUMN: &str = "case_reference";

/// The words a monitoring system uses for a value not given, any of which is "not
/// stated" (in any capitals): an "Unknown" or "Prefer not to say" is not a group to be
/// compared.
pub const NOT_STATED: [&str; 8] = [
    "not stated",
    "not known",
    "unknown",
    "prefer not to say",
    "not given",
    "not disclosed",
    "declined",
    "declined to say",
];

/// How a cell says nothing was given: empty, or one of [`NOT_STATED`].
pub fn not_stated(value: &str) -> bool {
    let v = value.trim();
    v.is_empty() || NOT_STATED.iter().any(|n| v.eq_ignore_ascii_case(n))
}

/// The monitoring file as read.
#[derive(Debug, Default)]
pub struct Monitoring {
    /// The characteristics, in the file's order.
    pub characteristics: Vec<String>,
    /// Each case reference's groups, one per characteristic (`None`: not stated).
    pub rows: HashMap<String, Vec<Option<String>>>,
    /// The references in the file's order.
    pub order: Vec<String>,
    /// Values that look like a typing slip for a commoner group of the same
    /// characteristic (`Whtie` beside many `White`), in words: warned of, not refused,
    /// since a small group can have a name close to a large one's.
    pub near_misses: Vec<String>,
}

/// Reads the monitoring file's text, or every problem in it.
pub fn monitoring(text: &str) -> Result<Monitoring, Vec<Diagnostic>> {
    let lines = csv_in::rows(text).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    let Some((header, body)) = lines.split_first() else {
        return Err(vec![Diagnostic::error(
            format!(
                "the file is empty: a monitoring file needs a header row with `{REFERENCE_COLUMN}` and a column for each characteristic"
            ),
            None,
        )]);
    };
    let names: Vec<String> = header
        .fields
        .iter()
        .map(|f| f.text.trim().to_owned())
        .collect();
    let link = names.iter().position(|n| n == REFERENCE_COLUMN);
    if link.is_none() {
        problems.push(
            Diagnostic::error(
                format!("the header row has no `{REFERENCE_COLUMN}` column, which links each row to a record"),
                Some(Location::new(header.line, 1, 1)),
            )
            .with_help(format!("the first row names the columns, for example `{REFERENCE_COLUMN},ethnicity,place_of_qualification,sex`")),
        );
    }
    check_names(&header.fields, &mut problems);
    let link = link.unwrap_or(0);
    let mut read = Monitoring {
        characteristics: names
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != link)
            .map(|(_, n)| n.clone())
            .collect(),
        ..Monitoring::default()
    };
    let mut seen: HashMap<String, u32> = HashMap::new();
    for row in body {
        if row.fields.len() != names.len() {
            problems.push(wrong_width(row, names.len(), "\"Asian, other\""));
            continue;
        }
        let reference = &row.fields[link];
        let key = reference.text.trim().to_owned();
        if key.is_empty() {
            problems.push(Diagnostic::error(
                format!("this row has no case reference in its `{REFERENCE_COLUMN}` column"),
                Some(reference.at),
            ));
            continue;
        }
        if let Some(first) = seen.get(&key) {
            problems.push(
                Diagnostic::error(
                    format!("the case reference `{key}` is given twice: first on line {first}"),
                    Some(span(reference)),
                )
                .with_help("each case has one row; keep the right one and delete the other"),
            );
            continue;
        }
        seen.insert(key.clone(), row.line);
        let mut groups = Vec::new();
        for (i, field) in row.fields.iter().enumerate() {
            if i == link {
                continue;
            }
            if let Some(problem) = odd_value(field) {
                problems.push(problem);
            }
            groups.push((!not_stated(&field.text)).then(|| field.text.trim().to_owned()));
        }
        read.order.push(key.clone());
        read.rows.insert(key, groups);
    }
    // A column of one value a person (a staff number, a date of birth) is not a
    // characteristic, and comparing thousands of groups of one would take minutes.
    for (i, field) in header.fields.iter().enumerate().filter(|(i, _)| *i != link) {
        let groups: std::collections::HashSet<String> = (read.rows.values())
            .filter_map(|row| row[if i < link { i } else { i - 1 }].as_deref())
            .map(str::to_ascii_lowercase)
            .collect();
        if groups.len() > MAX_GROUPS {
            problems.push(
                Diagnostic::error(
                    format!(
                        "the column `{}` has {} different values, more than the {MAX_GROUPS} groups a characteristic may have",
                        field.text.trim(),
                        super::model::thousands(groups.len() as u64)
                    ),
                    Some(span(field)),
                )
                .with_help("a characteristic's values are groups, as ethnicity's or an age band's are, not one for each person: remove the column, or give its groups instead"),
            );
        }
    }
    if problems.is_empty() {
        read.near_misses = near_misses(&read, body, link);
        Ok(read)
    } else {
        Err(problems)
    }
}

/// The most groups a characteristic of the monitoring file may have: more than every
/// place of qualification by country, and few enough that a report over them takes
/// seconds.
pub const MAX_GROUPS: usize = 500;

/// Each value that is in at most two rows and one letter or two from a group at least
/// five times as common, with the same length give or take one (`Whtie` and `White`,
/// not `Male` and `Female`), in words, with the lines it is on.
fn near_misses(read: &Monitoring, body: &[csv_in::Line], link: usize) -> Vec<String> {
    let mut said = Vec::new();
    for (ci, characteristic) in read.characteristics.iter().enumerate() {
        // The column's place in a row, the reference column skipped.
        let column = if ci < link { ci } else { ci + 1 };
        // Each value as first written, with the lines it is on, in the file's order;
        // found by its lower-case form, as a column may hold many values.
        let mut lines: Vec<(String, Vec<u32>)> = Vec::new();
        let mut place: HashMap<String, usize> = HashMap::new();
        for row in body {
            let Some(field) = row.fields.get(column) else {
                continue;
            };
            if not_stated(&field.text) {
                continue;
            }
            let value = field.text.trim();
            let at = *place.entry(value.to_ascii_lowercase()).or_insert_with(|| {
                lines.push((value.to_owned(), Vec::new()));
                lines.len() - 1
            });
            lines[at].1.push(row.line);
        }
        // The groups a slip could be of: five rows at the least (a slip is in one or
        // two), so few even where a column's values are many.
        let common: Vec<&(String, Vec<u32>)> =
            lines.iter().filter(|(_, at)| at.len() >= 5).collect();
        for (value, at) in lines.iter().filter(|(_, at)| at.len() <= 2) {
            let length = value.chars().count();
            let commoner = common.iter().filter(|(other, more)| {
                more.len() >= 5 * at.len() && other.chars().count().abs_diff(length) <= 1
            });
            let commoner: Vec<&str> = commoner.map(|(other, _)| other.as_str()).collect();
            let Some(near) = crate::suggest::closest(value, commoner.iter().copied()) else {
                continue;
            };
            let rows = lines
                .iter()
                .find(|(v, _)| v == near)
                .map_or(0, |(_, m)| m.len());
            let on: Vec<String> = at.iter().map(u32::to_string).collect();
            said.push(format!(
                "the monitoring file's `{characteristic}` value `{value}` ({} {}) is close to `{near}` ({rows} rows): if it is a slip, correct it, as until then it is a group of its own, and counted with the other groups in each comparison against the reference group",
                if on.len() == 1 { "line" } else { "lines" },
                on.join(" and ")
            ));
        }
    }
    said
}

/// The workforce file as read: headcount by characteristic, then group.
#[derive(Debug, Default)]
pub struct Workforce {
    pub headcounts: HashMap<String, Vec<(String, u64)>>,
    /// Where each headcount is in the file, by characteristic and group (in lower
    /// case), for a refusal once the cases are counted.
    pub places: HashMap<(String, String), Location>,
    /// The file's name and text, for that refusal.
    pub source: Option<(String, String)>,
}

impl Workforce {
    /// The headcount of `group` of `characteristic`, matched as groups are (spaces at
    /// either end and capitals aside).
    pub fn headcount(&self, characteristic: &str, group: &str) -> Option<u64> {
        self.headcounts
            .get(characteristic)?
            .iter()
            .find(|(g, _)| same_group(g, group))
            .map(|(_, n)| *n)
    }
}

/// Whether two spellings name the same group.
pub fn same_group(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

const WORKFORCE_HEADER: [&str; 3] = ["characteristic", "group", "headcount"];

/// Reads the workforce file's text, whose characteristics must be among `known` (the
/// monitoring file's), or every problem in it.
pub fn workforce(text: &str, known: &[String]) -> Result<Workforce, Vec<Diagnostic>> {
    let lines = csv_in::rows(text).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    let Some((header, body)) = lines.split_first() else {
        return Err(vec![Diagnostic::error(
            "the file is empty: a workforce file needs the header row `characteristic,group,headcount`",
            None,
        )]);
    };
    let names: Vec<&str> = header.fields.iter().map(|f| f.text.trim()).collect();
    if names != WORKFORCE_HEADER {
        let at = header
            .fields
            .iter()
            .zip(WORKFORCE_HEADER)
            .find(|(f, want)| f.text.trim() != *want)
            .map_or(header.fields.last().map(|f| f.at), |(f, _)| Some(span(f)));
        return Err(vec![
            Diagnostic::error(
                format!(
                    "the header row is `{}`, where the workforce file's is `characteristic,group,headcount`",
                    names.join(",")
                ),
                at,
            )
            .with_help("one row for each group of each characteristic: `ethnicity,White,2500`"),
        ]);
    }
    let mut read = Workforce::default();
    let mut seen: HashMap<(String, String), u32> = HashMap::new();
    for row in body {
        if row.fields.len() != 3 {
            problems.push(wrong_width(row, 3, "\"2,500\""));
            continue;
        }
        let (characteristic, group, headcount) = (&row.fields[0], &row.fields[1], &row.fields[2]);
        let name = characteristic.text.trim();
        if !known.iter().any(|k| k == name) {
            let listed = known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            problems.push(
                Diagnostic::error(
                    format!("`{name}` is not a column of the monitoring file"),
                    Some(span(characteristic)),
                )
                .with_help(format!(
                    "the monitoring file's characteristics are {listed}"
                )),
            );
            continue;
        }
        if not_stated(&group.text) {
            problems.push(Diagnostic::error(
                "this row names no group: a headcount belongs to a group",
                Some(group.at),
            ));
            continue;
        }
        let count = match headcount.text.trim().replace(',', "").parse::<u64>() {
            Ok(n) => n,
            Err(_) => {
                problems.push(Diagnostic::error(
                    format!(
                        "the headcount `{}` is not a whole number of staff",
                        headcount.text.trim()
                    ),
                    Some(span(headcount)),
                ));
                continue;
            }
        };
        let key = (name.to_owned(), group.text.trim().to_ascii_lowercase());
        if let Some(first) = seen.get(&key) {
            problems.push(Diagnostic::error(
                format!(
                    "the group `{}` of `{name}` is given twice: first on line {first}",
                    group.text.trim()
                ),
                Some(span(group)),
            ));
            continue;
        }
        seen.insert(key.clone(), row.line);
        read.places.insert(key, span(headcount));
        read.headcounts
            .entry(name.to_owned())
            .or_default()
            .push((group.text.trim().to_owned(), count));
    }
    if problems.is_empty() {
        Ok(read)
    } else {
        Err(problems)
    }
}

fn span(field: &Field) -> Location {
    let len = field.text.chars().count().max(1) as u32;
    Location::new(field.at.line, field.at.column, len)
}

fn wrong_width(row: &csv_in::Line, want: usize, quoted: &str) -> Diagnostic {
    let n = row.fields.len();
    let at = row.fields.get(want).or(row.fields.last()).map(|f| f.at);
    Diagnostic::error(
        format!(
            "this row has {n} field{}, but the header row names {want} column{}",
            if n == 1 { "" } else { "s" },
            if want == 1 { "" } else { "s" }
        ),
        at,
    )
    .with_help(if n > want {
        format!(
            "{} field{} too many: a comma inside a value needs the value in double quotes, as `{quoted}`",
            n - want,
            if n - want == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{} field{} short: each row has a value for every column of the header, in its order; leave a cell empty (`,,`) where nothing is stated",
            want - n,
            if want - n == 1 { "" } else { "s" }
        )
    })
}

fn check_names(header: &[Field], problems: &mut Vec<Diagnostic>) {
    let mut seen: Vec<&str> = Vec::new();
    for field in header {
        let name = field.text.trim();
        if name.is_empty() {
            problems.push(Diagnostic::error(
                "a column of the header row has no name",
                Some(field.at),
            ));
        } else if seen.contains(&name) {
            problems.push(Diagnostic::error(
                format!("the column `{name}` is named twice in the header row"),
                Some(span(field)),
            ));
        } else if let Some(problem) = odd_value(field) {
            problems.push(problem);
        }
        seen.push(name);
    }
}

/// A value no group is called: control characters, a line break, or one too long to
/// be a group's name.
fn odd_value(field: &Field) -> Option<Diagnostic> {
    let text = field.text.trim();
    if text.chars().any(char::is_control) {
        return Some(Diagnostic::error(
            "this value holds a line break or a control character, which no group's name has",
            Some(span(field)),
        ));
    }
    if text.chars().count() > 80 {
        return Some(Diagnostic::error(
            "this value is longer than 80 characters, too long for a group's name",
            Some(span(field)),
        ));
    }
    None
}

/// The monitoring file at `path`, read and checked.
pub fn read_monitoring(path: &Path) -> Result<Monitoring, Error> {
    read_file(
        path,
        |report| Error::InvalidInput {
            what: "monitoring file",
            report,
        },
        monitoring,
    )
}

/// The workforce file at `path`, read and checked against the monitoring file's
/// characteristics `known`.
pub fn read_workforce(path: &Path, known: &[String]) -> Result<Workforce, Error> {
    read_file(
        path,
        |report| Error::InvalidInput {
            what: "workforce file",
            report,
        },
        |text| {
            workforce(text, known).map(|w| Workforce {
                source: Some((path.display().to_string(), text.to_owned())),
                ..w
            })
        },
    )
}

/// Each headcount against the counted cases linked to its group (`references`, the
/// counted records' case references): the likelihood per head divides a group's cases
/// by its staff, so a group with fewer staff than cases (none, say) would put cases in
/// the numerator whose staff are not in the denominator. Refused as the file's other
/// problems are, each at its headcount.
pub fn check_headcounts<'r>(
    workforce: &Workforce,
    monitoring: &Monitoring,
    references: impl Iterator<Item = &'r str>,
) -> Result<(), Error> {
    let rows: Vec<&Vec<Option<String>>> =
        references.filter_map(|r| monitoring.rows.get(r)).collect();
    let mut problems = Vec::new();
    for (ci, characteristic) in monitoring.characteristics.iter().enumerate() {
        let Some(groups) = workforce.headcounts.get(characteristic) else {
            continue;
        };
        for (group, staff) in groups {
            let cases = rows
                .iter()
                .filter(|row| row[ci].as_deref().is_some_and(|g| same_group(g, group)))
                .count() as u64;
            if cases <= *staff {
                continue;
            }
            let key = (characteristic.clone(), group.to_ascii_lowercase());
            problems.push(
                Diagnostic::error(
                    format!(
                        "the headcount of `{group}` ({characteristic}) is {staff}, fewer than the {cases} counted case{} the monitoring file gives that group",
                        if cases == 1 { "" } else { "s" }
                    ),
                    workforce.places.get(&key).copied(),
                )
                .with_help(
                    "a likelihood per head divides a group's cases by its staff, so the staff cannot be fewer than the cases: check this headcount, and the group the monitoring file gives those cases",
                ),
            );
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    diagnostic::sort(&mut problems);
    let (path, text) = workforce.source.clone().unwrap_or_default();
    Err(Error::InvalidInput {
        what: "workforce file",
        report: Problems::new(path, Some(text), problems),
    })
}

/// A CSV input, read and checked, or refused with every problem in it.
fn read_file<T>(
    path: &Path,
    invalid: fn(Problems) -> Error,
    parse: impl FnOnce(&str) -> Result<T, Vec<Diagnostic>>,
) -> Result<T, Error> {
    use crate::source::ReadFailure;
    let text = crate::source::read_edited(path).map_err(|failure| match failure {
        ReadFailure::Io(io) => Error::Read {
            path: path.to_owned(),
            io,
        },
        // Saved in another encoding: how a CSV file is saved as UTF-8.
        ReadFailure::Invalid(d) => {
            let d = match d.message.contains("UTF-") {
                true => d.with_help(
                    "save it as UTF-8 text: from a spreadsheet, as \"CSV UTF-8\"; from an editor, with the encoding UTF-8",
                ),
                false => d,
            };
            invalid(Problems::new(path.display().to_string(), None, vec![d]))
        }
    })?;
    parse(&text).map_err(|mut problems| {
        diagnostic::sort(&mut problems);
        invalid(Problems::new(
            path.display().to_string(),
            Some(text.clone()),
            problems,
        ))
    })
}

/// Each `--reference` names a column of the monitoring file and a group in it.
pub fn check_references(references: &[(String, String)], m: &Monitoring) -> Result<(), Error> {
    for (characteristic, group) in references {
        let given = format!("`--reference {characteristic}={group}`");
        let Some(at) = m.characteristics.iter().position(|c| c == characteristic) else {
            let listed: Vec<String> = m.characteristics.iter().map(|c| format!("`{c}`")).collect();
            return Err(Error::Usage(Usage::Setting {
                given,
                why: format!(
                    "the monitoring file has no column `{characteristic}`; its characteristics are {}",
                    listed.join(", ")
                ),
            }));
        };
        let known = m
            .rows
            .values()
            .any(|row| row[at].as_deref().is_some_and(|g| same_group(g, group)));
        if !known {
            return Err(Error::Usage(Usage::Setting {
                given,
                why: format!(
                    "no row of the monitoring file has `{group}` as its `{characteristic}`"
                ),
            }));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_monitoring_file_links_references_to_groups() {
        let m =
            monitoring("case_reference,ethnicity,sex\nCASE-1,White,Female\nCASE-2,,Not Stated\n")
                .unwrap();
        assert_eq!(m.characteristics, ["ethnicity", "sex"]);
        assert_eq!(
            m.rows["CASE-1"],
            [Some("White".to_owned()), Some("Female".to_owned())]
        );
        assert_eq!(m.rows["CASE-2"], [None, None]);
        assert_eq!(m.order, ["CASE-1", "CASE-2"]);
    }

    #[test]
    fn every_problem_in_a_monitoring_file_is_found_with_its_place() {
        let text = "case_reference,ethnicity\nCASE-1,White\nCASE-1,Mixed\nCASE-2\n,White\n";
        let problems = monitoring(text).unwrap_err();
        let at: Vec<(u32, u32)> = problems
            .iter()
            .map(|d| d.location.map(|l| (l.line, l.column)).unwrap())
            .collect();
        assert_eq!(at, [(3, 1), (4, 1), (5, 1)]);
        assert!(problems[0].message.contains("given twice: first on line 2"));
        assert!(
            problems[1]
                .message
                .contains("1 field, but the header row names 2")
        );
    }

    #[test]
    fn a_monitoring_file_without_its_link_column_is_refused() {
        let problems = monitoring("reference,ethnicity\nCASE-1,White\n").unwrap_err();
        assert!(problems[0].message.contains("no `case_reference` column"));
    }

    #[test]
    fn a_workforce_file_is_checked_against_the_monitoring_columns() {
        let known = vec!["ethnicity".to_owned()];
        let w = workforce(
            "characteristic,group,headcount\nethnicity,White,\"2,500\"\nethnicity,Mixed,40\n",
            &known,
        )
        .unwrap();
        assert_eq!(w.headcount("ethnicity", " white"), Some(2500));
        let problems = workforce(
            "characteristic,group,headcount\nreligion,None,4\nethnicity,White,many\nethnicity,WHITE,3\nethnicity,white,4\n",
            &known,
        )
        .unwrap_err();
        let at: Vec<(u32, u32)> = problems
            .iter()
            .map(|d| d.location.map(|l| (l.line, l.column)).unwrap())
            .collect();
        assert_eq!(at, [(2, 1), (3, 17), (5, 11)]);
        assert!(
            problems[0]
                .message
                .contains("not a column of the monitoring file")
        );
        let header = workforce("group,characteristic,headcount\n", &known).unwrap_err();
        assert_eq!(header[0].location.map(|l| l.column), Some(1));
    }
}
