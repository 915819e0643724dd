//! Fictional data to try `fairness report` on: N signed case records of the built-in
//! framework, made in process through the library as a sitting makes them, with the
//! practitioners' monitoring data, the workforce's headcounts, and `expected.md`, which
//! states the one difference built in with the counts that produced it.
//!
//! Shared by `examples/generate.rs` (the command) and the benchmarks, which include
//! it with `#[path = "../examples/generate/mod.rs"] mod generate;`. Everything is
//! drawn from a seeded SplitMix64 ([`rng`]), case by case, so the same seed gives the
//! same files byte for byte; every timestamp in a record is made from the case's own
//! dates, never from the clock.
//!
//! The folder it writes:
//!
//! - `records/CASE-GEN-00001.yaml` …: one signed record per case. A record that needs
//!   a countersignature (an interim measure, a formal route, a referral to the
//!   regulator) is mostly countersigned, some are left awaiting it, and a few are
//!   returned with comments: each review added after the seal and sealed over it, as
//!   `fairness countersign` adds it ([`Record::add_review`]).
//! - with `exclusions`, beside them, what a report must leave out and name: a draft,
//!   a signed record altered after sealing, and a signed record superseded by its
//!   amendment (`CASE-GEN-xxxxx-v2.yaml`, made as `fairness amend` makes it). The
//!   amendment is the current record of its case, one of the N.
//! - `monitoring.csv`, `workforce.csv` and `expected.md`.

pub mod case;
pub mod expected;
pub mod people;
pub mod rng;

use std::path::{Path, PathBuf};

use fairness::checklist::{Checklist, amend};
use fairness::framework::{self, BUILTIN_TEXT, Framework};
use fairness::record::{self, Outcome, Record, Review, Standing};

use case::{Case, MARKER, Plan, plus, stamp};
use expected::{About, Tally};
use people::Person;

/// The seed when none is given: chosen, among the first hundred, so that 60 records
/// (the tests') show every route, every interim measure, one reviewed more than six
/// months after it started, and every standing, with the built-in difference near 2.
pub const DEFAULT_SEED: u64 = 88;

/// The most records one run writes: case references have five digits.
pub const MAX_RECORDS: usize = 99_000;

/// What to write, and where.
#[derive(Clone, Debug)]
pub struct Options {
    pub records: usize,
    pub out: PathBuf,
    pub seed: u64,
    pub exclusions: bool,
    /// Write into a `records/` folder that already holds files (removing the
    /// `CASE-GEN-*.yaml` an earlier run wrote there first).
    pub force: bool,
}

/// One current, signed record written.
#[derive(Clone, Debug)]
pub struct Written {
    pub path: PathBuf,
    /// How many answers it holds.
    pub answers: usize,
    pub standing: Standing,
}

/// What a run wrote.
#[derive(Clone, Debug)]
pub struct Summary {
    pub dir: PathBuf,
    /// The current, signed records of the N cases, in case order.
    pub records: Vec<Written>,
    /// The files a report leaves out, each with why.
    pub excluded: Vec<(String, String)>,
}

impl Summary {
    /// What the command prints.
    pub fn describe(&self) -> String {
        let count = |s: Standing| self.records.iter().filter(|r| r.standing == s).count();
        let answers: usize = self.records.iter().map(|r| r.answers).sum();
        let name = |r: Option<&Written>| {
            r.and_then(|r| r.path.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let mut text = format!(
            "Wrote {} signed case records ({answers} answers), {} to {}, in {} ({} signed, {} countersigned, {} awaiting countersignature, {} returned)",
            self.records.len(),
            name(self.records.first()),
            name(self.records.last()),
            self.dir.join("records").display(),
            count(Standing::Signed),
            count(Standing::Countersigned),
            count(Standing::Awaiting),
            count(Standing::Returned),
        );
        if !self.excluded.is_empty() {
            let files: Vec<&str> = self.excluded.iter().map(|e| e.0.as_str()).collect();
            text.push_str(&format!(
                ", and {} to be left out: {}",
                files.len(),
                files.join(", ")
            ));
        }
        for (file, what) in [
            ("monitoring.csv", "one monitoring row per case"),
            ("workforce.csv", "the workforce's headcounts"),
            ("expected.md", "the built-in difference, with its counts"),
        ] {
            text.push_str(&format!("\n{}: {what}", self.dir.join(file).display()));
        }
        text
    }
}

/// Case `n`'s reference.
pub fn reference(n: usize) -> String {
    format!("CASE-GEN-{n:05}")
}

/// Writes the folder `options` describe; refuses, before writing anything, a count of
/// 0 or over [`MAX_RECORDS`], and a `records/` folder that holds files already (unless
/// `force`).
pub fn write(options: &Options) -> Result<Summary, String> {
    let n = options.records;
    if n == 0 {
        return Err("`--records` must be at least 1".to_owned());
    }
    if n > MAX_RECORDS {
        return Err(format!(
            "`--records` {n} is more than {MAX_RECORDS}, the most with five-digit case references"
        ));
    }
    let dir = &options.out;
    if dir.as_os_str().is_empty() {
        return Err("`--out` must name a folder".to_owned());
    }
    let records_dir = dir.join("records");
    prepare(&records_dir, options.force)?;

    let checked = framework::check(BUILTIN_TEXT);
    let fw = checked
        .framework
        .ok_or("the built-in framework does not check")?;
    let list = Checklist::new(&fw);
    let digest = checked.digest.as_str();
    let (meaning, declaration) = countersignature_meaning(&fw)?;
    let reviewer = Reviewer {
        meaning,
        declaration,
    };

    let mut written = Vec::with_capacity(n);
    let mut tallies = Vec::with_capacity(n);
    let mut rows = Vec::with_capacity(n);
    let mut excluded = Vec::new();
    let mut files = 0;
    let put = |name: &str, text: &str| -> Result<PathBuf, String> {
        let path = records_dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(path)
    };
    for i in 1..=n {
        let person = Person::draw(&mut rng::Rng::stream(options.seed, 1, i as u64));
        let mut case = Case::draw(options.seed, i, &person);
        let mut record = case.signed_record(&list, digest)?;
        let mut name = format!("{}.yaml", case.reference);
        if options.exclusions && i == n {
            // The last case is amended: its first version returned (or, needing no
            // countersignature, simply corrected), then superseded.
            let old = record;
            let old = match old
                .sign_off
                .as_ref()
                .and_then(|s| s.countersignature.as_ref())
            {
                Some(_) => reviewer.returned(old, &case, case.reviewed),
                None => old,
            };
            put(&name, &record::to_yaml(&old))?;
            files += 1;
            let v2 = format!("{}-v2.yaml", case.reference);
            excluded.push((
                name.clone(),
                format!("superseded by its amendment `{v2}`, which is the case's current record and counted"),
            ));
            record = amendment(&list, &case, &old)?;
            name = v2;
        }
        if record.standing() == Standing::Awaiting {
            let day = match record.case.version {
                1 => case.reviewed,
                _ => plus(case.reviewed, 10),
            };
            record = match case.plan {
                Plan::Countersign => reviewer.countersigned(record, &case, day),
                Plan::Return => reviewer.returned(record, &case, day),
                Plan::Await => record,
            };
        }
        let path = put(&name, &record::to_yaml(&record))?;
        files += 1;
        tallies.push(Tally::of(&record, person));
        rows.push((case.reference.clone(), person));
        written.push(Written {
            path,
            answers: record.answers.len(),
            standing: record.standing(),
        });
    }
    if options.exclusions {
        // A draft left part-way, and a signed record altered after sealing: cases
        // beyond the N, with no monitoring row.
        let mut case = extra(options.seed, n + 1);
        let draft = case.draft(&list, digest, 30)?;
        let name = format!("{}.yaml", case.reference);
        put(&name, &record::to_yaml(&draft))?;
        excluded.push((name, "a draft, not signed yet".to_owned()));
        let mut case = extra(options.seed, n + 2);
        let signed = case.signed_record(&list, digest)?;
        let name = format!("{}.yaml", case.reference);
        put(&name, &alter(&record::to_yaml(&signed))?)?;
        excluded.push((
            name,
            "altered after it was sealed (one letter of the answer to `rationale` changed): `fairness verify` says ALTERED".to_owned(),
        ));
        files += 2;
    }

    let headcounts = people::headcounts(n);
    let mut command = format!(
        "cargo run --release --example generate -- --records {n} --out DIR --seed {}",
        options.seed
    );
    if options.exclusions {
        command.push_str(" --exclusions");
    }
    let about = About {
        command,
        framework: format!("{} {}", fw.name, fw.version),
        excluded: &excluded,
        files,
        headcounts: &headcounts,
    };
    for (name, text) in [
        ("monitoring.csv", people::monitoring_csv(&rows)),
        ("workforce.csv", people::workforce_csv(&headcounts)),
        ("expected.md", expected::expected_md(&tallies, &about)),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(Summary {
        dir: dir.clone(),
        records: written,
        excluded,
    })
}

/// Case `n`, beyond the N: drawn as theirs are, its practitioner's monitoring row
/// never written.
fn extra(seed: u64, n: usize) -> Case {
    Case::draw(
        seed,
        n,
        &Person::draw(&mut rng::Rng::stream(seed, 1, n as u64)),
    )
}

/// Makes `records` (and the folder above it), refusing one that holds anything
/// unless `force`; with `force`, removes the `CASE-GEN-*.yaml` files in it.
fn prepare(records: &Path, force: bool) -> Result<(), String> {
    let shown = records.display();
    if let Some(parent) = records.parent()
        && parent.exists()
        && !parent.is_dir()
    {
        return Err(format!("{} is not a folder", parent.display()));
    }
    match std::fs::read_dir(records) {
        Ok(entries) => {
            let entries: Vec<PathBuf> = entries
                .map(|e| e.map(|e| e.path()))
                .collect::<Result<_, _>>()
                .map_err(|e| format!("cannot read {shown}: {e}"))?;
            if !entries.is_empty() && !force {
                let files = match entries.len() {
                    1 => "a file".to_owned(),
                    n => format!("{n} files"),
                };
                return Err(format!(
                    "{shown} already holds {files}: choose an empty folder, or give `--force` to replace what an earlier run wrote"
                ));
            }
            for path in entries {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if name.starts_with("CASE-GEN-") && name.ends_with(".yaml") && path.is_file() {
                    std::fs::remove_file(&path)
                        .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
                }
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir_all(records)
            .map_err(|e| format!("cannot make the folder {shown}: {e}")),
        Err(e) => Err(format!("cannot read {shown}: {e}")),
    }
}

/// The meaning a countersignature is given with, and its declaration.
fn countersignature_meaning(fw: &Framework) -> Result<(String, String), String> {
    let id = fw
        .signatures
        .as_ref()
        .and_then(|s| s.countersignature.as_ref())
        .map(|c| c.meaning.value.clone())
        .ok_or("the built-in framework requires no countersignature")?;
    let meaning = fw
        .reviewer_meanings()
        .into_iter()
        .find(|m| m.id.value == id)
        .ok_or_else(|| format!("the built-in framework has no meaning `{id}`"))?;
    Ok((id, meaning.declaration))
}

/// The independent reviewer, as `fairness countersign` records one.
struct Reviewer {
    meaning: String,
    declaration: String,
}

impl Reviewer {
    fn review(&self, outcome: Outcome, case: &Case, day: jiff::civil::Date) -> Review {
        const REVIEWERS: [(&str, &str); 3] = [
            ("Dr Quinn Barrowdale", "Medical Director"),
            ("Dr Harper Lowther", "Deputy Medical Director"),
            ("Reese Calloway", "Director of Clinical Governance"),
        ];
        let (name, role) = REVIEWERS[case.concern.day() as usize % REVIEWERS.len()];
        let countersigned = outcome == Outcome::Countersigned;
        let comment = match countersigned {
            true => (case.concern.day() % 3 == 0).then(|| {
                format!(
                    "Reasoning read and checked against the policy (fictional comment, {MARKER})."
                )
            }),
            false => Some(format!(
                "Please record why a lesser step would not deal with the risk, and correct the dates (fictional comment, {MARKER})."
            )),
        };
        Review {
            outcome: outcome.into(),
            meaning: self.meaning.clone(),
            name: name.to_owned(),
            role: role.to_owned(),
            declaration: countersigned.then(|| self.declaration.clone()),
            comment,
            at: stamp(day, 18_000),
            seal: String::new(),
            key_signature: None,
        }
    }

    fn countersigned(&self, mut record: Record, case: &Case, day: jiff::civil::Date) -> Record {
        record.add_review(self.review(Outcome::Countersigned, case, day));
        record
    }

    fn returned(&self, mut record: Record, case: &Case, day: jiff::civil::Date) -> Record {
        record.add_review(self.review(Outcome::Returned, case, day));
        record
    }
}

/// The amendment of `old`, as `fairness amend` makes one: begun from it
/// ([`amend::begin`]), the policy document's answer corrected with a reason, and
/// signed, two days after the review.
fn amendment(list: &Checklist, case: &Case, old: &Record) -> Result<Record, String> {
    let day = plus(case.reviewed, 2);
    let signer = case.signer();
    let reason =
        format!("The policy document's version was given wrongly (fictional reason, {MARKER})");
    let mut record = amend::begin(old, &reason, &stamp(day, 0));
    record.history[0].by = Some(signer.name.clone());
    let i = list
        .index_of("policy-document")
        .ok_or("the built-in framework has no `policy-document`")?;
    let corrected = format!(
        "The organisation's local policy for managing concerns about practitioners, as revised, version 10.1 (fictional document, {MARKER})."
    );
    let given = list.steps[i]
        .item
        .accept_on(&corrected, None, &day.to_string())
        .map_err(|e| format!("{}: {e}", case.reference))?;
    let at = stamp(day, 300);
    list.apply(&mut record, i, &given, &at);
    if let Some(change) = record.history.last_mut() {
        change.by = Some(signer.name.clone());
        change.reason = Some(format!("Corrected as the reviewer asked ({MARKER})"));
    }
    record.case.updated = at;
    list.sign(&mut record, &signer, &stamp(day, 7200));
    Ok(record)
}

/// A signed record's text with one letter of its `rationale` answer changed.
fn alter(text: &str) -> Result<String, String> {
    let item = text
        .find("- item: \"rationale\"")
        .ok_or("no `rationale` answer to alter")?;
    let answer = item + text[item..].find("answer: \"").ok_or("no answer")? + "answer: \"".len();
    let at = answer
        + text[answer..]
            .find(|c: char| c.is_ascii_lowercase())
            .ok_or("no letter to change")?;
    let old = text.as_bytes()[at];
    let new = if old == b'e' { "a" } else { "e" };
    let mut altered = text.to_owned();
    altered.replace_range(at..at + 1, new);
    Ok(altered)
}
