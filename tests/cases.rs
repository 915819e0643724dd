//! The case folder: `fairness cases` lists it (table and JSON), `run --resume` finds
//! a draft in it by its reference and suggests the nearest when the reference is
//! wrong, and new records go to it.

use fairness::checklist::Checklist;
use fairness::framework::{self, BUILTIN_TEXT, Given, NoteNeed};
use fairness::record::{FrameworkSource, Record, Signer};

use crate::harness::{Test, edit, mkdir};
use crate::records::{answers, signed_and_sealed, text};

/// A record of the built-in framework for case `reference`, begun and saved at
/// `saved`, with its first `answered` items answered (all of them when `None`), and
/// signed by a fictional case manager when `sign` is set.
fn case(reference: &str, saved: &str, answered: Option<usize>, sign: bool) -> Record {
    let fw = framework::check(BUILTIN_TEXT).framework.unwrap();
    let digest = fairness::file::digest(BUILTIN_TEXT.as_bytes());
    let list = Checklist::new(&fw);
    let mut record = list.new_record(reference, &digest, &FrameworkSource::BuiltIn, saved);
    let mut given = 0;
    for i in 0..list.steps.len() {
        if !list.visible(&record)[i] || answered.is_some_and(|n| given == n) {
            continue;
        }
        let item = list.steps[i].item;
        let answer = item.answer.sample_answer();
        let note = (item.note_need(&answer) == NoteNeed::Required)
            .then(|| format!("Why, for {}.", item.id.value));
        list.apply(&mut record, i, &Given { answer, note }, saved);
        given += 1;
    }
    if sign {
        let signer = Signer {
            name: "Dr Imelda Strand".into(),
            role: "Case manager".into(),
        };
        list.sign(&mut record, &signer, saved);
    }
    record
}

/// "answered of asked" for `record`, as the built-in framework counts them.
fn progress(record: &Record) -> String {
    let fw = framework::check(BUILTIN_TEXT).framework.unwrap();
    let p = Checklist::new(&fw).progress(record);
    format!("{} of {}", p.answered, p.asked)
}

fn drafts() -> [Record; 2] {
    [
        case("CASE-2026-201", "2026-12-01T16:30:00Z", Some(3), false),
        case("CASE-2026-199", "2026-11-28T11:15:00Z", Some(10), false),
    ]
}

/// A case folder `cases/` with two drafts, a signed record, an altered one, a file that
/// is not a record, and a framework (not a record either).
fn folder() -> Test<'static> {
    let signed = text(&case("CASE-2026-150", "2026-11-20T09:00:00Z", None, true));
    let [newer, older] = drafts();
    Test::new()
        .file("cases/CASE-2026-201.yaml", text(&newer))
        .file("cases/CASE-2026-199.yaml", text(&older))
        .file("cases/CASE-2026-150.yaml", &signed)
        .file(
            "cases/CASE-2026-120.yaml",
            edit(
                &text(&case("CASE-2026-120", "2026-11-02T08:45:00Z", None, true)),
                "Dr Imelda Strand",
                "Dr Imelda Strange",
            ),
        )
        .file(
            "cases/notes.txt",
            "Ring the practitioner's representative on Monday.\n",
        )
        .file("cases/ours.yaml", BUILTIN_TEXT)
        .env("COLUMNS", "100")
}

#[test]
fn cases_lists_drafts_signed_and_altered_records_most_recent_first() {
    let [newer, older] = drafts();
    let (newer, older) = (progress(&newer), progress(&older));
    let whole = progress(&case("CASE-2026-150", "2026-11-20T09:00:00Z", None, true));
    folder()
        .args(["cases", "--dir", "cases"])
        .stdout(format!(
            "Case folder: `cases` (from `--dir`)
┌───────────────┬──────────────────┬──────────┬──────────────────────┬───────────────────┐
│ Reference     ┆ Status           ┆ Answered ┆ Last saved           ┆ Signed by         │
╞═══════════════╪══════════════════╪══════════╪══════════════════════╪═══════════════════╡
│ CASE-2026-201 ┆ draft            ┆ {newer:<8} ┆ 2026-12-01 16:30 UTC ┆ -                 │
│ CASE-2026-199 ┆ draft            ┆ {older:<8} ┆ 2026-11-28 11:15 UTC ┆ -                 │
│ CASE-2026-150 ┆ awaiting         ┆ {whole:<8} ┆ 2026-11-20 09:00 UTC ┆ Dr Imelda Strand  │
│               ┆ countersignature ┆          ┆                      ┆ Case manager      │
│ CASE-2026-120 ┆ ALTERED          ┆ {whole:<8} ┆ 2026-11-02 08:45 UTC ┆ Dr Imelda Strange │
│               ┆                  ┆          ┆                      ┆ Case manager      │
└───────────────┴──────────────────┴──────────┴──────────────────────┴───────────────────┘
4 records: 2 drafts, 1 signed, 1 altered; 2 files that are not case records are left out.
Continue a draft with `fairness run --resume REFERENCE --dir cases`.
An altered or unreadable record cannot be relied on: `fairness verify REFERENCE --dir cases` says what is wrong with it.
"
        ))
        .status(1)
        .run();
}

/// With no case folder set, the current folder is listed, and the JSON names it by its
/// path: a program reading the JSON is not in the shell that ran it.
/// Narrow, the time goes on two lines to leave the signer's name whole (80 columns);
/// narrower still, each record is a few wrapped lines instead of a table (60).
#[test]
fn a_narrow_terminal_gets_the_names_whole() {
    folder()
        .env("COLUMNS", "80")
        .args(["cases", "--dir", "cases"])
        .stdout_contains("┆ 2026-11-20 ┆ Dr Imelda Strand  │\n")
        .stdout_contains("┆ 09:00 UTC  ┆ Case manager      │\n")
        .status(1)
        .run();
    folder()
        .env("COLUMNS", "60")
        .args(["cases", "--dir", "cases"])
        .stdout_contains(
            "- CASE-2026-150 · awaiting countersignature · 61 of 61\n  answered · saved 2026-11-20 09:00 UTC · signed by Dr\n  Imelda Strand, Case manager\n",
        )
        .stdout_lacks("┌")
        .status(1)
        .run();
}

#[test]
fn cases_as_json_names_the_current_folder_by_its_path() {
    folder()
        .cwd("cases")
        .args(["cases", "--format", "json"])
        .stdout_with(|out| {
            let json: serde_json::Value = serde_json::from_str(out).unwrap();
            let shown = std::path::PathBuf::from(json["folder"].as_str().unwrap());
            assert!(shown.is_absolute(), "{shown:?}");
            assert!(shown.ends_with("cases"), "{shown:?}");
            assert_eq!(json["records"].as_array().unwrap().len(), 4);
        })
        .status(1)
        .run();
}

#[test]
fn cases_as_json_has_one_entry_per_record_with_utc_times() {
    let fw = framework::check(BUILTIN_TEXT).framework.unwrap();
    let n = Checklist::new(&fw).progress(&drafts()[0]).asked;
    folder()
        .env("FAIRNESS_CASES", "cases")
        // The zone changes what people read, never the JSON.
        .env("TZ", "America/New_York")
        .args(["cases", "--format", "json"])
        .stdout_with(|out| {
            let json: serde_json::Value = serde_json::from_str(out).unwrap();
            assert_eq!(json["format"], "fairness-cases/1");
            assert_eq!(json["folder"], "cases");
            assert_eq!(json["skipped"], 2);
            let records = json["records"].as_array().unwrap();
            let references: Vec<&str> = records
                .iter()
                .map(|r| r["reference"].as_str().unwrap())
                .collect();
            assert_eq!(
                references,
                [
                    "CASE-2026-201",
                    "CASE-2026-199",
                    "CASE-2026-150",
                    "CASE-2026-120"
                ]
            );
            assert_eq!(
                records[0],
                serde_json::json!({
                    "file": "CASE-2026-201.yaml",
                    "reference": "CASE-2026-201",
                    "status": "draft",
                    "answers": 3,
                    "answered": 3,
                    "asked": n,
                    "framework_at_hand": true,
                    "saved": "2026-12-01T16:30:00Z",
                    "signer": null,
                    "version": 1,
                    "superseded_by": null,
                })
            );
            assert_eq!(records[2]["status"], "signed");
            assert_eq!(
                records[2]["signer"],
                serde_json::json!({
                    "name": "Dr Imelda Strand",
                    "role": "Case manager",
                    "signed": "2026-11-20T09:00:00Z",
                })
            );
            assert_eq!(records[3]["status"], "altered");
        })
        .status(1)
        .run();
}

/// A record that cannot be read is listed as such, and one made with a framework that
/// is not here says so rather than counting against today's built-in one.
#[test]
fn an_unreadable_record_and_a_missing_framework_are_said_not_guessed() {
    let draft = text(&case(
        "CASE-2026-300",
        "2026-12-01T10:00:00Z",
        Some(2),
        false,
    ));
    let digest = fairness::file::digest(BUILTIN_TEXT.as_bytes());
    let elsewhere = draft
        .replace(&digest, &format!("sha256:{}", "0".repeat(64)))
        .replace("source: \"built-in\"", "source: \"gone/ours.yaml\"");
    assert_ne!(elsewhere, draft);
    Test::new()
        .file("CASE-2026-300.yaml", &draft)
        .file("CASE-2026-301.yaml", &elsewhere)
        .file(
            "CASE-2026-302.yaml",
            "format: fairness-record/1\ncase: [broken\n",
        )
        .env("COLUMNS", "100")
        .args(["cases", "--format", "json"])
        .stdout_with(|out| {
            let json: serde_json::Value = serde_json::from_str(out).unwrap();
            let records = json["records"].as_array().unwrap();
            assert_eq!(records.len(), 3, "{out}");
            let by_file = |file: &str| {
                records
                    .iter()
                    .find(|r| r["file"] == file)
                    .unwrap_or_else(|| panic!("{file} is not listed: {out}"))
            };
            assert_eq!(by_file("CASE-2026-300.yaml")["answered"], 2);
            let elsewhere = by_file("CASE-2026-301.yaml");
            assert_eq!(elsewhere["answers"], 2);
            assert_eq!(elsewhere["answered"], serde_json::Value::Null);
            assert_eq!(elsewhere["framework_at_hand"], false);
            let broken = by_file("CASE-2026-302.yaml");
            assert_eq!(broken["status"], "unreadable");
            assert_eq!(broken["reference"], serde_json::Value::Null);
            // Last: it has no time to be sorted by.
            assert_eq!(records[2]["file"], "CASE-2026-302.yaml");
        })
        .status(1)
        .run();
}

#[test]
fn an_empty_case_folder_says_so_and_a_missing_one_is_named() {
    Test::new()
        .file("cases/notes.txt", "nothing here yet\n")
        .args(["cases", "--dir", "cases"])
        .stdout(
            "Case folder: `cases` (from `--dir`)\n\
             No case records here; 1 file that is not a case record is left out.\n",
        )
        .run();
    Test::new()
        .env("FAIRNESS_CASES", "nowhere")
        .args(["cases"])
        .stderr(format!(
            "error: the case folder `nowhere` (set by FAIRNESS_CASES) does not exist; create it with `{}`, \
             or choose another with `--dir`, FAIRNESS_CASES or the config file (`fairness config` shows which is in force)\n",
            mkdir("nowhere")
        ))
        .status(2)
        .run();
}

/// `run --answers` writes a new record into the case folder, named for its reference;
/// `-o` still names the file itself.
#[test]
fn new_records_go_to_the_case_folder_unless_out_names_the_file() {
    let file = answers("pharmacist-informal");
    let ran = Test::new()
        .file("a.yaml", &file)
        .file("cases/.keep", "")
        .env("FAIRNESS_CASES", "cases")
        .args(["run", "--answers", "a.yaml"])
        .stdout_matches(&signed_and_sealed(
            &std::path::Path::new("cases")
                .join("CASE-2026-104.yaml")
                .display()
                .to_string(),
        ))
        .run();
    assert!(ran.exists("cases/CASE-2026-104.yaml"));
    // `--dir` outranks the environment; `-o` outranks both.
    ran.test()
        .file("other/.keep", "")
        .env("FAIRNESS_CASES", "cases")
        .args([
            "run",
            "--answers",
            "a.yaml",
            "--dir",
            "other",
            "-o",
            "mine.yaml",
        ])
        .stdout_matches(&signed_and_sealed("mine.yaml"))
        .run();
    assert!(ran.exists("mine.yaml"));
    assert_eq!(ran.folder.list("other"), [".keep"]);
}

/// `--resume` by case reference, in a terminal.
#[cfg(unix)]
mod terminal {
    use super::*;
    use crate::pty::{Key, Pty};

    #[test]
    fn resume_takes_a_case_reference_from_the_case_folder() {
        let draft = text(&case(
            "CASE-2026-201",
            "2026-12-01T16:30:00Z",
            Some(3),
            false,
        ));
        Pty::new()
            .file("cases/CASE-2026-201.yaml", &draft)
            .env("FAIRNESS_CASES", "cases")
            .args(["run", "--resume", "CASE-2026-201"])
            .expect("Resuming case CASE-2026-201 (3 answers so far, begun 2026-12-01 16:30 UTC).")
            .menu()
            .key(Key::Esc)
            .expect("Draft saved: cases/CASE-2026-201.yaml")
            .status(130)
            .run();
    }

    #[test]
    fn a_wrong_reference_suggests_the_nearest_in_the_case_folder() {
        let draft = text(&case(
            "CASE-2026-201",
            "2026-12-01T16:30:00Z",
            Some(3),
            false,
        ));
        Pty::new()
            .file("cases/CASE-2026-201.yaml", &draft)
            .args(["run", "--resume", "CASE-2026-210", "--dir", "cases"])
            .screen(
                // Wrapped at words to the terminal's 100 columns.
                "error: no record for `CASE-2026-210` in `cases`; did you mean `CASE-2026-201`? \
                 `fairness cases`\r\n  lists them\r\n",
            )
            .status(2)
            .run();
    }
}

/// A link to a record and a pipe in the case folder are neither listed nor read: a
/// link is not a name `--resume` takes a draft by, and reading a pipe would wait for
/// ever.
#[cfg(unix)]
#[test]
fn cases_skips_links_and_pipes_without_waiting_on_them() {
    let [newer, _] = drafts();
    let ran = Test::new()
        .file("cases/CASE-2026-201.yaml", text(&newer))
        .env("COLUMNS", "100")
        .args(["cases", "--dir", "cases", "--format", "json"])
        .stdout_with(|out: &str| {
            assert!(out.contains("CASE-2026-201.yaml"), "{out}");
        })
        .run();
    let folder = ran.folder.path("cases");
    std::os::unix::fs::symlink(
        folder.join("CASE-2026-201.yaml"),
        folder.join("LINKED.yaml"),
    )
    .unwrap();
    let fifo = std::ffi::CString::new(folder.join("pipe.yaml").to_str().unwrap()).unwrap();
    // SAFETY: a valid, NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    ran.test()
        .args(["cases", "--dir", "cases", "--format", "json"])
        .stdout_with(|out: &str| {
            assert!(out.contains("CASE-2026-201.yaml"), "{out}");
            assert!(!out.contains("LINKED"), "a link is listed: {out}");
            assert!(!out.contains("pipe"), "a pipe is listed: {out}");
        })
        .run();
}

/// `verify` and `export` take a case reference as `run --resume` does: from `--dir`,
/// FAIRNESS_CASES or the config file's `cases`, and a file of that name wins.
#[test]
fn verify_and_export_take_a_case_reference_from_the_case_folder() {
    // The path as the platform writes it: `cases\CASE-2026-201.yaml` on Windows.
    let draft = format!(
        "{}: draft, not signed yet (case CASE-2026-201, 3 answers, \
         last saved 2026-12-01 16:30 UTC); a draft has no seal, so only its form can be checked\n",
        std::path::Path::new("cases")
            .join("CASE-2026-201.yaml")
            .display()
    );
    folder()
        .args(["verify", "CASE-2026-201", "--dir", "cases"])
        .stdout(&draft)
        .run();
    folder()
        .env("FAIRNESS_CASES", "cases")
        .args(["verify", "CASE-2026-201.yaml"])
        .stdout(&draft)
        .run();
    folder()
        .file("config.yaml", "cases: cases\n")
        .env("FAIRNESS_CONFIG", "config.yaml")
        .args(["verify", "CASE-2026-201"])
        .stdout(&draft)
        .run();
    // A path is taken as it is, and named as it was given: the case folder is
    // not looked in.
    let given = draft.replacen(
        &std::path::Path::new("cases")
            .join("CASE-2026-201.yaml")
            .display()
            .to_string(),
        "cases/CASE-2026-201.yaml",
        1,
    );
    folder()
        .args(["verify", "cases/CASE-2026-201.yaml", "--dir", "nowhere"])
        .stdout(&given)
        .run();
    // The same rows as for its path, which the `file` column gives as the platform
    // writes it when the reference is looked up.
    let path = std::path::Path::new("cases").join("CASE-2026-150.yaml");
    let by_file = folder()
        .args(["export", &path.display().to_string(), "--format", "csv"])
        .stdout_any()
        .run();
    folder()
        .args([
            "export",
            "CASE-2026-150",
            "--format",
            "csv",
            "--dir",
            "cases",
        ])
        .stdout(&by_file.stdout)
        .run();
    folder()
        .env("FAIRNESS_CASES", "cases")
        .args([
            "export",
            "CASE-2026-150",
            "--format",
            "markdown",
            "-o",
            "out.md",
        ])
        .stdout("Exported 1 record to out.md\n")
        .run();
}

/// A wrong reference is refused with the near references in the case folder: `verify`
/// goes on to the rest, `export` writes nothing.
#[test]
fn verify_and_export_suggest_near_references_for_a_wrong_one() {
    folder()
        .args(["verify", "CASE-2026-210", "CASE-2026-201", "--dir", "cases"])
        .stdout(format!(
            "CASE-2026-210: no such record\n\
             {}: draft, not signed yet (case CASE-2026-201, 3 answers, \
             last saved 2026-12-01 16:30 UTC); a draft has no seal, so only its form can be checked\n\
             \n2 records checked: 0 intact, 1 draft, 0 altered, 0 unreadable, 1 not found\n",
            std::path::Path::new("cases")
                .join("CASE-2026-201.yaml")
                .display()
        ))
        // 120 and 201 are one edit away (a swap), 150 two, 199 three; at most three.
        .stderr(
            "error: no record for `CASE-2026-210` in `cases`; did you mean `CASE-2026-120`, \
             `CASE-2026-201` or `CASE-2026-150`? `fairness cases` lists them\n",
        )
        .status(2)
        .run();
    // One near: that one alone.
    let [newer, _] = drafts();
    Test::new()
        .file("cases/CASE-2026-201.yaml", text(&newer))
        .file("cases/ours.yaml", BUILTIN_TEXT)
        .args(["verify", "CASE-2026-210", "--dir", "cases"])
        .stdout("CASE-2026-210: no such record\n")
        .stderr(
            "error: no record for `CASE-2026-210` in `cases`; did you mean `CASE-2026-201`? \
             `fairness cases` lists them\n",
        )
        .status(2)
        .run();
    // None near.
    folder()
        .args(["verify", "CASE-2031-877", "--dir", "cases"])
        .stdout("CASE-2031-877: no such record\n")
        .stderr("error: no record for `CASE-2031-877` in `cases`; `fairness cases` lists the records there\n")
        .status(2)
        .run();
    // Several near, as `export` refuses them: nothing is written.
    folder()
        .env("FAIRNESS_CASES", "cases")
        .args([
            "export",
            "CASE-2026-150",
            "CASE-2026-200",
            "--format",
            "csv",
            "-o",
            "out.csv",
        ])
        .stdout("")
        .stderr(
            "error: no record for `CASE-2026-200` in `cases`; did you mean `CASE-2026-201`, \
             `CASE-2026-120` or `CASE-2026-150`? `fairness cases` lists them\n",
        )
        .absent("out.csv")
        .status(2)
        .run();
}

/// `run --resume` with a wrong reference: the near references, nearest first, before
/// a terminal is needed.
#[test]
fn resume_suggests_up_to_three_near_references() {
    folder()
        .args(["run", "--resume", "CASE-2026-151", "--dir", "cases"])
        // 150 is one edit away; 120, 199 and 201 two each, in the folder's order; three
        // in all.
        .stderr(
            "error: no record for `CASE-2026-151` in `cases`; did you mean `CASE-2026-150`, \
             `CASE-2026-120` or `CASE-2026-199`? `fairness cases` lists them\n",
        )
        .status(2)
        .run();
}
