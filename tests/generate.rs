//! The generator of fictional data, `cargo run --example generate` (docs/generated-data.md),
//! run as its own binary: its records verify (the altered one altered), `cases` and
//! `due` read them, the monitoring file has one row per case under the documented
//! header, the same seed writes the same bytes, `expected.md`'s counts are the records'
//! own, and bad arguments are refused with nothing written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use crate::harness::{Folder, root};

/// The generator's binary. On Unix it is built first (`cargo build --example
/// generate`, a moment when `cargo test` has built it already, as it builds every
/// example), so that a run of the integration tests alone never uses a stale one. On
/// Windows, where the tests may run under Wine and cannot start cargo, it is the one
/// `cargo test` built beside the test binary.
fn generator() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        if cfg!(unix) {
            built_by_cargo()
        } else {
            beside_the_tests()
        }
    })
}

/// Builds the example and returns the executable cargo names.
fn built_by_cargo() -> PathBuf {
    let output = Command::new(env!("CARGO"))
        .current_dir(root())
        .args(["build", "--quiet", "--offline", "--example", "generate"])
        .args(["--message-format", "json"])
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo build --example generate failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "generate")
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .expect("cargo names the example's executable")
}

/// `examples/generate` in the folder of the profile the tests were built in.
fn beside_the_tests() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let profile = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/PROFILE/deps");
    let path = profile
        .join("examples")
        .join(format!("generate{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.is_file(),
        "{} is missing: `cargo test` builds it, or `cargo build --example generate`",
        path.display()
    );
    path
}

/// Runs the generator with `args`.
pub fn generate(args: &[&str]) -> Output {
    Command::new(generator())
        .args(args)
        .output()
        .expect("the generator runs")
}

/// A folder with 60 records and the exclusions written into `gen/`, the default seed.
fn generated() -> Folder {
    let folder = Folder::new();
    let out = folder.path("gen");
    let ran = generate(&[
        "--records",
        "60",
        "--out",
        out.to_str().unwrap(),
        "--exclusions",
    ]);
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    let said = String::from_utf8(ran.stdout).unwrap();
    assert!(
        said.starts_with("Wrote 60 signed case records (")
            && said.contains(&format!("in {} (", out.join("records").display()))
            && said.contains(
                "and 3 to be left out: CASE-GEN-00060.yaml, CASE-GEN-00061.yaml, CASE-GEN-00062.yaml\n"
            ),
        "{said}"
    );
    folder
}

/// The record files in `gen/records`, by name, sorted.
fn record_files(folder: &Folder) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder.path("gen").join("records"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// `fairness verify --format json` over every record file, as JSON.
///
/// Each record is verified in a folder of its own, but for the superseded record and
/// its amendment, which share one: `verify` reads every record beside the one it
/// verifies to find any that supersedes it, so that 63 records in one folder cost
/// 63 × 63 reads and parses, a minute in a debug build on a loaded machine.
fn verified(folder: &Folder) -> serde_json::Value {
    let mut files = Vec::new();
    for name in record_files(folder) {
        let sub = match name.as_str() {
            "CASE-GEN-00060.yaml" | "CASE-GEN-00060-v2.yaml" => "pair".to_owned(),
            other => other.trim_end_matches(".yaml").to_owned(),
        };
        let to = Path::new("split").join(sub).join(&name);
        std::fs::create_dir_all(folder.path("").join(&to).parent().unwrap()).unwrap();
        std::fs::copy(
            folder.path("gen").join("records").join(&name),
            folder.path("").join(&to),
        )
        .unwrap();
        files.push(to.display().to_string());
    }
    let ran = folder
        .test()
        .args(["verify", "--format", "json"])
        .args(files)
        // The altered record makes it 1.
        .status(1)
        .stdout_any()
        .run();
    serde_json::from_str(&ran.stdout).unwrap()
}

#[test]
fn every_generated_record_verifies_but_the_draft_and_the_altered_one() {
    let folder = generated();
    let names = record_files(&folder);
    assert_eq!(names.len(), 63, "{names:?}");
    assert!(names.contains(&"CASE-GEN-00060-v2.yaml".to_owned()));
    let json = verified(&folder);
    let records = json["records"].as_array().unwrap();
    assert_eq!(records.len(), 63);
    let file = |r: &serde_json::Value| {
        Path::new(r["file"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned()
    };
    for r in records {
        let (name, integrity) = (file(r), r["integrity"].as_str().unwrap());
        let expected = match name.as_str() {
            "CASE-GEN-00061.yaml" => "draft",
            "CASE-GEN-00062.yaml" => "altered",
            _ => "intact",
        };
        assert_eq!(integrity, expected, "{name}");
        let superseded = r["superseded_by"].is_null();
        assert_eq!(superseded, name != "CASE-GEN-00060.yaml", "{name}");
    }
    // The amendment names the record it supersedes, and is the current version.
    let v2 = records
        .iter()
        .find(|r| file(r) == "CASE-GEN-00060-v2.yaml")
        .unwrap();
    assert_eq!(v2["version"], 2);
    assert_eq!(v2["chain"]["link"], "linked");
    assert_eq!(v2["chain"]["current"], true);
    // Some records that need a countersignature have it, some await it, one at least
    // was returned.
    let standings: Vec<&str> = records
        .iter()
        .filter_map(|r| r["standing"].as_str())
        .collect();
    for standing in [
        "signed",
        "countersigned",
        "awaiting-countersignature",
        "returned",
    ] {
        assert!(standings.contains(&standing), "{standing}: {standings:?}");
    }
}

#[test]
fn cases_lists_every_generated_record() {
    let folder = generated();
    let ran = folder
        .test()
        .cwd("gen")
        .args(["cases", "--dir", "records", "--format", "json"])
        // The altered record makes it 1.
        .status(1)
        .stdout_any()
        .run();
    let cases: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    let listed = cases["records"].as_array().unwrap();
    assert_eq!(listed.len(), 63);
    let status = |s: &str| listed.iter().filter(|r| r["status"] == s).count();
    assert_eq!((status("signed"), status("draft")), (61, 1), "{listed:?}");
}

#[test]
fn due_lists_the_generated_reviews_countersignatures_and_draft() {
    let folder = generated();
    let ran = folder
        .test()
        .cwd("gen")
        .args(["due", "--dir", "records", "--format", "json"])
        .stdout_any()
        .run();
    let due: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    let entries = due["entries"].as_array().unwrap();
    let of = |kind: &str| -> Vec<&str> {
        entries
            .iter()
            .filter(|e| e["kind"] == kind)
            .map(|e| e["reference"].as_str().unwrap())
            .collect()
    };
    // The generated dates all lie before November 2026: every review is overdue.
    assert!(!of("interim-measure-review").is_empty(), "{entries:?}");
    assert!(
        entries
            .iter()
            .all(|e| e["kind"] == "awaiting-countersignature"
                || e["kind"] == "returned"
                || e["kind"] == "stale-draft"
                || e["overdue"] == true)
    );
    assert_eq!(of("stale-draft"), ["CASE-GEN-00061"]);
    let records = current(&folder);
    let awaiting: Vec<&str> = records
        .iter()
        .filter(|r| r.standing() == fairness::record::Standing::Awaiting)
        .map(|r| r.case.reference.as_str())
        .collect();
    assert!(!awaiting.is_empty());
    let mut listed = of("awaiting-countersignature");
    listed.sort();
    assert_eq!(listed, awaiting);
}

#[test]
fn the_same_seed_writes_the_same_bytes_and_another_seed_other_ones() {
    let first = generated();
    let second = generated();
    let files = |f: &Folder| -> BTreeMap<String, Vec<u8>> {
        let mut all = BTreeMap::new();
        for name in ["monitoring.csv", "workforce.csv", "expected.md"] {
            all.insert(
                name.to_owned(),
                std::fs::read(f.path("gen").join(name)).unwrap(),
            );
        }
        for name in record_files(f) {
            let path = f.path("gen").join("records").join(&name);
            all.insert(name, std::fs::read(path).unwrap());
        }
        all
    };
    let (a, b) = (files(&first), files(&second));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(
            *bytes == b[name],
            "{name} differs between two runs with one seed"
        );
    }
    let other = Folder::new();
    let out = other.path("gen");
    let ran = generate(&[
        "--records",
        "60",
        "--out",
        out.to_str().unwrap(),
        "--seed",
        "89",
    ]);
    assert!(ran.status.success());
    let differ = std::fs::read(out.join("monitoring.csv")).unwrap() != a["monitoring.csv"];
    assert!(differ, "seed 89 wrote the default seed's monitoring file");
}

/// The monitoring file as rows of cells, after its header.
fn monitoring(folder: &Folder) -> (String, BTreeMap<String, Vec<String>>) {
    let text = std::fs::read_to_string(folder.path("gen").join("monitoring.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap().to_owned();
    let rows = lines
        .map(|l| {
            let cells: Vec<String> = l.split(',').map(str::to_owned).collect();
            (cells[0].clone(), cells[1..].to_vec())
        })
        .collect();
    (header, rows)
}

/// The current records: intact, signed, and superseded by no other, judged in
/// process as `verify` judges them.
fn current(folder: &Folder) -> Vec<fairness::record::Record> {
    use fairness::record::{Integrity, Verdict, verify_text};
    let intact: Vec<fairness::record::Record> = record_files(folder)
        .iter()
        .filter_map(|name| {
            let path = folder.path("gen").join("records").join(name);
            match verify_text(&std::fs::read_to_string(path).unwrap()) {
                Verdict::Read(v) if v.integrity == Integrity::Intact => Some(v.record),
                _ => None,
            }
        })
        .collect();
    let superseded: Vec<&str> = intact
        .iter()
        .filter_map(|r| r.case.supersedes.as_ref().map(|s| s.seal.as_str()))
        .collect();
    intact
        .iter()
        .filter(|r| !superseded.contains(&r.seal.as_deref().unwrap()))
        .cloned()
        .collect()
}

#[test]
fn the_monitoring_file_has_one_row_per_case_and_every_text_the_marker() {
    let folder = generated();
    let (header, rows) = monitoring(&folder);
    assert_eq!(
        header,
        "case_reference,ethnicity,place_of_qualification,sex,age_band,disability"
    );
    let records = current(&folder);
    assert_eq!(records.len(), 60);
    let references: Vec<&str> = records.iter().map(|r| r.case.reference.as_str()).collect();
    assert_eq!(rows.keys().map(String::as_str).collect::<Vec<_>>(), {
        let mut sorted = references.clone();
        sorted.sort();
        sorted
    });
    // Some cells not stated, but under a fifth of any column.
    for column in 0..5 {
        let unstated = rows
            .values()
            .filter(|cells| cells[column].is_empty() || cells[column] == "not stated")
            .count();
        assert!(unstated * 5 < rows.len(), "column {column}: {unstated}");
    }
    // Every note and text answer, every review's comment and the amendment's reason
    // hold the marker a report must never show.
    for record in &records {
        for a in &record.answers {
            let text = a.kind == fairness::framework::KindId::Text;
            for t in a.note.iter().chain(text.then_some(&a.answer)) {
                assert!(t.contains("NOTE-TEXT-MARKER"), "{}: {t}", a.item);
            }
        }
        for c in record.reviews.iter().filter_map(|r| r.comment.as_ref()) {
            assert!(c.contains("NOTE-TEXT-MARKER"), "{c}");
        }
        if let Some(s) = &record.case.supersedes {
            assert!(s.reason.contains("NOTE-TEXT-MARKER"));
        }
    }
    let workforce = std::fs::read_to_string(folder.path("gen").join("workforce.csv")).unwrap();
    let mut lines = workforce.lines();
    assert_eq!(lines.next(), Some("characteristic,group,headcount"));
    let mut total: BTreeMap<&str, usize> = BTreeMap::new();
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        *total.entry(cells[0]).or_default() += cells[2].parse::<usize>().unwrap();
    }
    assert_eq!(total.len(), 5, "{total:?}");
    assert!(
        total.values().all(|&n| n == 180),
        "three staff a record: {total:?}"
    );
}

#[test]
fn expected_md_states_the_counts_the_records_hold() {
    let folder = generated();
    let expected = std::fs::read_to_string(folder.path("gen").join("expected.md")).unwrap();
    let (_, rows) = monitoring(&folder);
    let records = current(&folder);
    let columns = [
        "ethnicity",
        "place_of_qualification",
        "sex",
        "age_band",
        "disability",
    ];
    // (characteristic, group) -> [cases, formal route, interim measure, referral].
    let mut counted: BTreeMap<(String, String), [usize; 4]> = BTreeMap::new();
    let (mut minority, mut white) = ([0, 0], [0, 0]);
    for record in &records {
        let answer = |id: &str| record.answer(id).map(|a| a.answer.as_str());
        let formal = matches!(answer("route"), Some("formal" | "performers-list-action"));
        let interim = answer("interim-measure") != Some("none");
        let referral = answer("regulator-referral") == Some("yes");
        let cells = &rows[&record.case.reference];
        for (column, cell) in columns.iter().zip(cells) {
            let group = match cell.as_str() {
                "" => "not stated",
                g => g,
            };
            let c = counted
                .entry((column.to_string(), group.to_owned()))
                .or_default();
            for (n, yes) in c.iter_mut().zip([true, formal, interim, referral]) {
                *n += usize::from(yes);
            }
        }
        let side = match cells[0].as_str() {
            "" | "not stated" => continue,
            "White" => &mut white,
            _ => &mut minority,
        };
        side[0] += 1;
        side[1] += usize::from(formal);
    }
    let mut stated: BTreeMap<(String, String), [usize; 4]> = BTreeMap::new();
    for line in expected.lines() {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells.len() == 6 && columns.contains(&cells[0]) {
            let n = |i: usize| cells[i].parse::<usize>().unwrap();
            stated.insert(
                (cells[0].to_owned(), cells[1].to_owned()),
                [n(2), n(3), n(4), n(5)],
            );
        }
    }
    assert_eq!(stated, counted);
    assert!(
        expected.contains(&format!(
            "- ethnic minority: {} of {} cases went to a formal route",
            minority[1], minority[0]
        )),
        "{expected}"
    );
    assert!(
        expected.contains(&format!(
            "- White: {} of {} cases went to a formal route",
            white[1], white[0]
        )),
        "{expected}"
    );
    let not_stated = records.len() - minority[0] - white[0];
    assert!(expected.contains(&format!(
        "- ethnicity not stated (`not stated` or an empty cell): {not_stated} cases"
    )));
    for (standing, n) in [
        "signed",
        "countersigned",
        "awaiting-countersignature",
        "returned",
    ]
    .map(|s| (s, records.iter().filter(|r| r.standing().id() == s).count()))
    {
        assert!(
            expected.contains(&format!("| {standing} | {n} |")),
            "{standing} {n}"
        );
    }
    // The default seed shows every route and interim measure in 60 records, and a
    // measure reviewed more than six months after it started.
    let answers = |id: &str| -> Vec<&str> {
        let mut all: Vec<&str> = records
            .iter()
            .filter_map(|r| r.answer(id).map(|a| a.answer.as_str()))
            .collect();
        all.sort();
        all.dedup();
        all
    };
    assert_eq!(
        answers("route"),
        [
            "advice-referral",
            "formal",
            "informal",
            "no-further-action",
            "other",
            "performers-list-action",
            "remediation-plan"
        ]
    );
    assert_eq!(answers("interim-measure").len(), 6);
    let long = records.iter().any(|r| {
        let day = |id: &str| r.answer(id)?.answer.parse::<jiff::civil::Date>().ok();
        let (Some(start), Some(review)) = (day("measure-started-on"), day("measure-review-on"))
        else {
            return false;
        };
        review > start.checked_add(jiff::Span::new().months(6)).unwrap()
    });
    assert!(long, "no interim measure runs past six months");
    for (file, what) in [
        (
            "CASE-GEN-00060.yaml",
            "superseded by its amendment `CASE-GEN-00060-v2.yaml`",
        ),
        ("CASE-GEN-00061.yaml", "a draft"),
        ("CASE-GEN-00062.yaml", "altered after it was sealed"),
    ] {
        assert!(expected.contains(&format!("- `{file}`: {what}")), "{file}");
    }
}

#[test]
fn bad_arguments_are_refused_and_nothing_is_written() {
    let folder = Folder::new();
    let out = folder.path("gen");
    let out = out.to_str().unwrap();
    for (args, says) in [
        (
            vec!["--records", "0", "--out", out],
            "at least 1 record is needed",
        ),
        (
            vec!["--records", "ten", "--out", out],
            "`ten` is not a whole number",
        ),
        (
            vec!["--records", "100000", "--out", out],
            "at most 99000 records",
        ),
        (vec!["--out", out], "--records <N>"),
    ] {
        let ran = generate(&args);
        let stderr = String::from_utf8_lossy(&ran.stderr);
        assert_eq!(ran.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(!folder.path("gen").exists(), "{args:?} wrote something");
    }
    // A folder of records already there is kept, unless `--force`.
    folder.write("gen/records/mine.yaml", "kept");
    let ran = generate(&["--records", "3", "--out", out]);
    assert_eq!(ran.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&ran.stderr);
    let records = folder.path("gen").join("records");
    assert_eq!(
        stderr,
        format!(
            "error: {} already holds a file: choose an empty folder, or give `--force` to replace what an earlier run wrote\n",
            records.display()
        )
    );
    assert!(!folder.path("gen").join("monitoring.csv").exists());
    let ran = generate(&["--records", "3", "--out", out, "--force"]);
    assert!(ran.status.success());
    assert_eq!(folder.read("gen/records/mine.yaml"), "kept");
    // A file where the folder should be.
    folder.write("file", "");
    let file = folder.path("file");
    let ran = generate(&["--records", "3", "--out", file.to_str().unwrap()]);
    assert_eq!(ran.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&ran.stderr),
        format!("error: {} is not a folder\n", file.display())
    );
}
