//! The chain of versions of one case: an amendment (`fairness amend`) names the signed
//! record it supersedes by its seal, and is the version after it. Whether two records
//! are so linked is decided here, from the records alone; finding the records (given on
//! the command line, or beside each other in a folder) is for the caller.

use crate::terminal::neutralise;

use super::{Record, Status};

/// The link from one given record to the one it supersedes, among several given
/// together: by their places in the list, and what is wrong with it (nothing, when the
/// link holds).
#[derive(Debug, PartialEq, Eq)]
pub struct Link {
    pub old: usize,
    pub new: usize,
    pub problems: Vec<String>,
}

impl Link {
    pub fn holds(&self) -> bool {
        self.problems.is_empty()
    }
}

/// What is wrong with the link from `new` (read from the file `new_file`) to `old`
/// (from `old_file`), the record it is to supersede: nothing when `new` is the next
/// version of the same case and names `old`'s seal.
pub fn link_problems(old: &Record, old_file: &str, new: &Record, new_file: &str) -> Vec<String> {
    let (old_file, new_file) = (neutralise(old_file), neutralise(new_file));
    let mut problems = Vec::new();
    if old.case.reference != new.case.reference {
        problems.push(format!(
            "`{new_file}` is a record of case {}, but `{old_file}`, the record it is linked to, is of case {}",
            neutralise(&new.case.reference),
            neutralise(&old.case.reference)
        ));
    }
    if new.case.version != old.case.version.saturating_add(1) {
        problems.push(format!(
            "`{new_file}` is version {} of its case, but `{old_file}` is version {}: an amendment is the version straight after the record it supersedes",
            new.case.version, old.case.version
        ));
    }
    if old.status != Status::Signed || old.seal.is_none() {
        problems.push(format!(
            "`{old_file}` is not signed, so no record can supersede it"
        ));
    }
    let named = new.case.supersedes.as_ref().map(|s| s.seal.as_str());
    match (named, old.seal.as_deref()) {
        (None, _) => problems.push(format!(
            "`{new_file}` supersedes no record, but it is given with `{old_file}` as its earlier version"
        )),
        (Some(named), Some(seal)) if named != seal => problems.push(format!(
            "`{new_file}` names the record sealed {} as the one it supersedes, but the seal of `{old_file}` is {}",
            neutralise(named),
            neutralise(seal)
        )),
        _ => {}
    }
    problems
}

/// "version 2, superseding the record sealed sha256:… (reason: …)", for a record that
/// supersedes another; neutralised for a terminal.
pub fn describe_link(record: &Record) -> Option<String> {
    let s = record.case.supersedes.as_ref()?;
    Some(format!(
        "version {}, superseding the record sealed {} (reason: {})",
        record.case.version,
        neutralise(&s.seal),
        neutralise(&s.reason)
    ))
}

/// The links among records given together (`None` for a file that could not be read),
/// each with its file name: for every amendment among them, the record it supersedes
/// when that is given too. That record is the one with the seal it names; failing that,
/// an earlier signed version of the same case, whose link is then broken.
pub fn links(records: &[(Option<&Record>, &str)]) -> Vec<Link> {
    let mut links = Vec::new();
    for (new, (record, new_file)) in records.iter().enumerate() {
        let Some(record) = record else { continue };
        if record.case.version < 2 && record.case.supersedes.is_none() {
            continue;
        }
        let named = record.case.supersedes.as_ref().map(|s| s.seal.as_str());
        let by_seal = records.iter().position(|(other, _)| {
            other.is_some_and(|o| o.seal.is_some() && o.seal.as_deref() == named)
        });
        let by_case = || {
            records
                .iter()
                .enumerate()
                .filter(|&(i, (other, _))| {
                    i != new
                        && other.is_some_and(|o| {
                            o.case.reference == record.case.reference
                                && o.case.version < record.case.version
                                && o.status == Status::Signed
                        })
                })
                .max_by_key(|(_, (other, _))| other.map(|o| o.case.version))
                .map(|(i, _)| i)
        };
        let Some(old) = by_seal.filter(|&i| i != new).or_else(by_case) else {
            continue;
        };
        let (Some(old_record), old_file) = records[old] else {
            continue;
        };
        links.push(Link {
            old,
            new,
            problems: link_problems(old_record, old_file, record, new_file),
        });
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::{well_formed_amended, well_formed_signed};

    fn pair() -> (Record, Record) {
        let old = well_formed_signed();
        let mut new = well_formed_amended();
        new.case.supersedes.as_mut().unwrap().seal = old.seal.clone().unwrap();
        (old, new)
    }

    #[test]
    fn an_amendment_links_to_the_record_whose_seal_it_names() {
        let (old, new) = pair();
        let found = links(&[(Some(&new), "new.yaml"), (Some(&old), "old.yaml")]);
        assert_eq!(
            found,
            [Link {
                old: 1,
                new: 0,
                problems: vec![]
            }]
        );
    }

    #[test]
    fn a_wrong_seal_a_gap_or_another_case_breaks_the_link() {
        let (old, mut new) = pair();
        new.case.supersedes.as_mut().unwrap().seal = format!("sha256:{}", "ef".repeat(32));
        let found = links(&[(Some(&old), "old.yaml"), (Some(&new), "new.yaml")]);
        assert_eq!(found.len(), 1);
        assert!(found[0].problems[0].contains("names the record sealed sha256:efef"));

        let (old, mut new) = pair();
        new.case.version = 3;
        let problems = link_problems(&old, "old.yaml", &new, "new.yaml");
        assert!(problems[0].contains("is version 3"), "{problems:?}");

        let (old, mut new) = pair();
        new.case.reference = "CASE-2026-999".into();
        let problems = link_problems(&old, "old.yaml", &new, "new.yaml");
        assert!(
            problems[0].contains("of case CASE-2026-999"),
            "{problems:?}"
        );
        // Linked by its seal all the same, so the other case is found and said.
        assert_eq!(
            links(&[(Some(&old), "old.yaml"), (Some(&new), "new.yaml")]).len(),
            1
        );
    }

    #[test]
    fn records_of_unrelated_cases_have_no_links() {
        let old = well_formed_signed();
        let mut other = well_formed_signed();
        other.case.reference = "CASE-2026-002".into();
        assert!(links(&[(Some(&old), "a.yaml"), (Some(&other), "b.yaml")]).is_empty());
    }
}
