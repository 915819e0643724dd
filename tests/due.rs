//! `fairness due`: what is due in the case folder (reviews of interim measures and of
//! decisions, countersignatures awaited, drafts left unsaved), most urgent first, with
//! the command to act; superseded records left out, altered ones named; exit 0 unless
//! `--fail-on-overdue` and something is overdue.

use crate::harness::{Test, edit};
use crate::records::{answers, without_sign_off};

/// The day `days` from today (UTC, as the harness runs the binary), `YYYY-MM-DD`.
fn day(days: i64) -> String {
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    today
        .checked_add(jiff::Span::new().days(days))
        .unwrap()
        .strftime("%Y-%m-%d")
        .to_string()
}

/// The surgeon's case (a restriction, which needs a countersignature), with its next
/// review of the restriction `measure` days from today and its decision review
/// `decision` days from today.
fn surgeon(measure: i64, decision: i64) -> String {
    let text = answers("ni-surgeon-restriction");
    let text = edit(
        &text,
        "measure-review-on:\n    answer: \"2026-10-06\"",
        &format!("measure-review-on:\n    answer: \"{}\"", day(measure)),
    );
    edit(
        &text,
        "review-on:\n    answer: \"2026-10-06\"\n  told-outcome",
        &format!(
            "review-on:\n    answer: \"{}\"\n  told-outcome",
            day(decision)
        ),
    )
}

/// A case folder `cases/` with the surgeon's record signed from `answers`.
fn folder(answers: &str) -> crate::harness::Ran {
    Test::new()
        .file("a.yaml", answers)
        .file("cases/.keep", "")
        .args(["run", "--answers", "a.yaml", "--dir", "cases"])
        .stdout_any()
        .run()
}

fn json(ran: &crate::harness::Ran, args: &[&str]) -> serde_json::Value {
    let out = ran
        .test()
        .args(["due", "--dir", "cases", "--format", "json"])
        .args(args.iter().copied())
        .stdout_any()
        .run()
        .stdout;
    serde_json::from_str(&out).unwrap()
}

#[test]
fn an_overdue_review_and_an_awaited_countersignature_are_listed_most_urgent_first() {
    let ran = folder(&surgeon(-3, 30));
    ran.test()
        .args(["due", "--dir", "cases"])
        .env("COLUMNS", "120")
        .stdout_with(|out| {
            let overdue = out.find("overdue by 3 days").expect(out);
            let awaited = out.find("countersignature awaited").expect(out);
            assert!(overdue < awaited, "{out}");
            assert!(out.contains("interim measure review"), "{out}");
            assert!(
                out.contains("fairness countersign CASE-2026-105 --dir cases"),
                "{out}"
            );
            // The date beside how overdue it is, on one line of the table.
            assert!(
                out.contains(&format!("┆ overdue by 3 days ({}) ┆", day(-3))),
                "{out}"
            );
            // The decision review is a month away: not within a week.
            assert!(!out.contains("decision review"), "{out}");
            assert!(
                out.contains("2 things due in 1 record, 1 overdue.\n"),
                "{out}"
            );
        })
        .run();
    // A list, not a check: exit 0, unless asked for a scheduled job.
    ran.test()
        .args(["due", "--dir", "cases", "--fail-on-overdue"])
        .stdout_any()
        .status(1)
        .run();
    // By reference, as `verify` takes it.
    ran.test()
        .args(["due", "CASE-2026-105", "--dir", "cases"])
        .stdout_contains("overdue by 3 days")
        .run();
}

#[test]
fn within_sets_how_near_a_review_must_be() {
    let ran = folder(&surgeon(5, 20));
    let kinds = |args: &[&str]| -> Vec<String> {
        json(&ran, args)["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["kind"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        kinds(&[]),
        ["awaiting-countersignature", "interim-measure-review"]
    );
    assert_eq!(kinds(&["--within", "3"]), ["awaiting-countersignature"]);
    assert_eq!(
        kinds(&["--within", "30"]),
        [
            "awaiting-countersignature",
            "interim-measure-review",
            "decision-review"
        ]
    );
    ran.test()
        .args(["due", "--dir", "cases"])
        .env("COLUMNS", "120")
        .stdout_contains("due in 5 days")
        .run();
    // Nothing overdue: 0 even for a scheduled job.
    ran.test()
        .args(["due", "--dir", "cases", "--fail-on-overdue"])
        .stdout_any()
        .run();
    // Nothing ahead: said as it is, not "within 0 days"; and the heading names all
    // that the list holds.
    ran.test()
        .args(["due", "--dir", "cases", "--within", "0", "--stale", "1"])
        .env("COLUMNS", "400")
        .stdout_contains("Due as of")
        .stdout_contains("reviews due today or overdue, countersignatures awaited, records returned by a reviewer, and drafts unsaved for more than 1 day.")
        .run();
    // The flags take what the setting takes, up to ten years; a negative number is
    // refused as out of range, not taken for an option.
    for flag in ["--within", "--stale"] {
        for days in ["3651", "-1"] {
            ran.test()
                .args(["due", "--dir", "cases", flag, days])
                .stderr_contains(format!(
                    "invalid value '{days}' for '{flag} <DAYS>': {days} is not in 0..=3650"
                ))
                .status(2)
                .run();
        }
    }
}

#[test]
fn the_json_has_every_entry_in_its_documented_shape() {
    let ran = folder(&surgeon(-3, 0));
    let value = json(&ran, &[]);
    assert_eq!(value["format"], "fairness-due/1");
    assert_eq!(value["within"], 7);
    assert_eq!(value["stale"], 14);
    assert_eq!(value["overdue"], true);
    assert_eq!(value["superseded"], 0);
    let entries = value["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3, "{value:#}");
    let first = &entries[0];
    let file = std::path::Path::new("cases").join("CASE-2026-105.yaml");
    assert_eq!(first["file"], file.display().to_string());
    assert_eq!(first["reference"], "CASE-2026-105");
    assert_eq!(first["kind"], "interim-measure-review");
    assert_eq!(first["date"], day(-3));
    assert_eq!(first["days"], -3);
    assert_eq!(first["overdue"], true);
    // A review held is a further decision: a follow-up record beside the signed one.
    let command = first["command"].as_str().unwrap();
    assert!(
        command.starts_with("fairness run --out ") && command.contains("CASE-2026-105-2.yaml"),
        "{command}"
    );
    assert_eq!(entries[1]["kind"], "decision-review");
    assert_eq!(entries[1]["days"], 0);
    assert_eq!(entries[1]["overdue"], false);
    assert_eq!(entries[2]["kind"], "awaiting-countersignature");
    assert_eq!(
        entries[2]["command"],
        "fairness countersign CASE-2026-105 --dir cases"
    );
}

#[test]
fn a_draft_left_unsaved_is_listed_and_a_recent_one_is_not() {
    let draft = without_sign_off(&answers("pharmacist-informal"));
    let ran = Test::new()
        .file("a.yaml", &draft)
        .file("cases/.keep", "")
        .args(["run", "--answers", "a.yaml", "--dir", "cases"])
        .stdout_any()
        .run();
    ran.test()
        .args(["due", "--dir", "cases"])
        .stdout_contains("Nothing is due.\n")
        .run();
    let text = ran.read("cases/CASE-2026-104.yaml");
    let updated = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("updated: "))
        .unwrap()
        .to_owned();
    let old = format!("\"{}T09:00:00Z\"", day(-20));
    ran.folder.write(
        "cases/CASE-2026-104.yaml",
        edit(
            &text,
            &format!("updated: {updated}"),
            &format!("updated: {old}"),
        ),
    );
    ran.test()
        .args(["verify", "cases/CASE-2026-104.yaml"])
        .stdout_contains("draft")
        .run();
    ran.test()
        .args(["due", "--dir", "cases"])
        .env("COLUMNS", "120")
        .stdout_contains("draft not saved lately")
        .stdout_contains("saved 20 days ago")
        .stdout_contains("fairness run --resume CASE-2026-104 --dir cases")
        .run();
    ran.test()
        .args(["due", "--dir", "cases", "--stale", "30"])
        .stdout_contains("Nothing is due.\n")
        .run();
}

/// A correction of the surgeon's case, signed: version 2 beside version 1.
const AMENDMENT: &str = r#"format: fairness-answers/1
case:
  reference: CASE-2026-105
answers:
  regulator-referral:
    answer: "no"
    note: Discussed with the GMC's Employer Liaison Adviser; no referral.
    reason: The note is shortened.
sign_off:
  name: Dr Aoibheann Quillan
  role: Case manager (Deputy Medical Director)
"#;

#[test]
fn a_superseded_record_is_left_out_and_an_altered_one_named() {
    let ran = folder(&surgeon(-3, 30));
    let ran = ran
        .test()
        .file("fix.yaml", AMENDMENT)
        .args([
            "amend",
            "CASE-2026-105",
            "--dir",
            "cases",
            "--reason",
            "The referral was confirmed",
            "--answers",
            "fix.yaml",
        ])
        .stdout_any()
        .run();
    let value = json(&ran, &[]);
    assert_eq!(value["superseded"], 1, "{value:#}");
    let files: Vec<&str> = value["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"].as_str().unwrap())
        .collect();
    let v2 = std::path::Path::new("cases").join("CASE-2026-105-v2.yaml");
    let v2 = v2.display().to_string();
    assert_eq!(files, [v2.as_str(), v2.as_str()], "{value:#}");
    // Given by itself, the old version is still seen to be superseded.
    ran.test()
        .args(["due", "cases/CASE-2026-105.yaml"])
        .stdout_contains("Nothing is due.\n")
        .stdout_contains("1 superseded record left out")
        .run();
    // An altered record is named, not listed.
    let text = ran.read("cases/CASE-2026-105-v2.yaml");
    ran.folder.write(
        "cases/CASE-2026-105-v2.yaml",
        edit(&text, "Dr Aoibheann Quillan", "Dr Aoibheann Quillon"),
    );
    ran.test()
        .args(["due", "--dir", "cases"])
        .stdout_contains("Not listed, as they cannot be relied on: ")
        .stdout_contains("CASE-2026-105-v2.yaml (altered)")
        .run();
}

/// A follow-up record of a review held takes over: the case's review dates are those of
/// its record signed last, so the review the earlier record set is no longer due.
#[test]
fn a_follow_up_record_takes_over_the_case_s_review_dates() {
    let ran = folder(&surgeon(-3, 30));
    // Signed a second later at least: records' times are to the second.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let ran = ran
        .test()
        .file("b.yaml", surgeon(25, 30))
        .args([
            "run",
            "--answers",
            "b.yaml",
            "-o",
            "cases/CASE-2026-105-2.yaml",
        ])
        .stdout_any()
        .run();
    let due = json(&ran, &[]);
    let entries = due["entries"].as_array().unwrap();
    assert!(
        entries
            .iter()
            .all(|e| e["kind"] != "interim-measure-review"),
        "{entries:#?}"
    );
    // Each record still awaits its countersignature.
    let awaited = entries
        .iter()
        .filter(|e| e["kind"] == "awaiting-countersignature")
        .count();
    assert_eq!(awaited, 2, "{entries:#?}");
}

#[test]
fn the_thresholds_come_from_the_config_file_and_the_environment_unless_a_flag_says() {
    let ran = folder(&surgeon(5, 20));
    let within = |env: &[(&str, &str)], args: &[&str]| -> serde_json::Value {
        let mut test = ran
            .test()
            .file("config.yaml", "due_within: 30\ndue_stale: 60\n")
            .env(
                "FAIRNESS_CONFIG",
                &ran.path("config.yaml").display().to_string(),
            );
        for (k, v) in env {
            test = test.env(k, v);
        }
        let out = test
            .args(["due", "--dir", "cases", "--format", "json"])
            .args(args.iter().copied())
            .stdout_any()
            .run()
            .stdout;
        serde_json::from_str(&out).unwrap()
    };
    let from_file = within(&[], &[]);
    assert_eq!(
        (from_file["within"].as_i64(), from_file["stale"].as_i64()),
        (Some(30), Some(60))
    );
    // The decision review 20 days away is within the file's 30.
    assert!(
        from_file["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "decision-review")
    );
    assert_eq!(within(&[("FAIRNESS_DUE_WITHIN", "3")], &[])["within"], 3);
    assert_eq!(
        within(&[("FAIRNESS_DUE_WITHIN", "3")], &["--within", "9"])["within"],
        9
    );
    // `fairness config` says where each came from.
    ran.test()
        .file("config.yaml", "due_within: 30\n")
        .env("FAIRNESS_CONFIG", &ran.path("config.yaml").display().to_string())
        .env("FAIRNESS_DUE_STALE", "21")
        .args(["config"])
        .stdout_contains("due_within:    30 days [from the config file]\ndue_stale:     21 days [from FAIRNESS_DUE_STALE]\n")
        .run();
    // A threshold that is not a number of days is refused where it is.
    ran.test()
        .file("bad.yaml", "due_within: soon\n")
        .env(
            "FAIRNESS_CONFIG",
            &ran.path("bad.yaml").display().to_string(),
        )
        .args(["due", "--dir", "cases"])
        .status(1)
        .stderr_contains(
            "`due_within`: `soon` is not a number of days: give a whole number from 0 to 3650",
        )
        .stderr_contains("bad.yaml:1:13")
        .run();
    ran.test()
        .env("FAIRNESS_DUE_STALE", "-1")
        .args(["due", "--dir", "cases"])
        .status(2)
        .stderr_contains("FAIRNESS_DUE_STALE: `-1` is not a number of days")
        .run();
}

#[test]
fn a_record_named_that_is_not_there_or_is_a_folder_is_refused_as_verify_refuses_it() {
    let ran = folder(&surgeon(3, 40));
    ran.test()
        .args(["due", "cases/nothere.yaml"])
        .status(2)
        .stderr_contains("error: cannot read `cases/nothere.yaml`: no such file or folder")
        .stdout("")
        .run();
    ran.test()
        .args(["due", "cases"])
        .status(2)
        .stderr_contains("error: cannot read `cases`: it is a folder, not a file")
        .stdout("")
        .run();
}

/// A command to act is to be copied, so it is never broken: where the table would
/// not hold every command whole, each thing due is a line with its command indented on
/// the next, and a table is drawn only where the commands fit in it.
#[test]
fn a_command_to_act_is_never_broken_however_narrow_the_terminal() {
    let folder = "cases-of-the-north-east-and-yorkshire-region-2026";
    let ran = Test::new()
        .file("a.yaml", surgeon(-3, 30))
        .file(&format!("{folder}/.keep"), "")
        .args(["run", "--answers", "a.yaml", "--dir", folder])
        .stdout_any()
        .run();
    let command = format!("fairness countersign CASE-2026-105 --dir {folder}");
    for columns in ["60", "80", "100"] {
        ran.test()
            .args(["due", "--dir", folder])
            .env("COLUMNS", columns)
            .stdout_with(|out| {
                assert!(!out.contains('┆'), "a table at {columns}: {out}");
                assert!(out.contains(&format!("\n    {command}\n")), "{out}");
                assert!(
                    out.contains("- CASE-2026-105 · interim measure review · overdue by"),
                    "{out}"
                );
                for line in out.lines().filter(|l| !l.starts_with("    ")) {
                    let width: usize = columns.parse().unwrap();
                    assert!(line.chars().count() <= width, "{line}\n{out}");
                }
            })
            .run();
    }
    // Wide enough, one table with each command whole in its row.
    ran.test()
        .args(["due", "--dir", folder])
        .env("COLUMNS", "160")
        .stdout_with(|out| {
            let row = out
                .lines()
                .find(|l| l.contains("countersignature awaited"))
                .expect(out);
            assert!(row.contains(&format!("┆ {command} ")), "{out}");
        })
        .run();
}
