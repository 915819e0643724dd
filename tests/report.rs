//! `fairness report`: figures across many records, with small numbers suppressed for a
//! board, the relative likelihood of escalation by group with its interval, the input
//! files checked with line and column, and no free text from any record in any format.

use crate::harness::{Ran, Test, edit};
use crate::records::answers;

/// A case folder `cases/` with one signed record per reference in `references`, each
/// the pharmacist's informal case under its own reference.
fn folder(references: &[String]) -> Ran {
    let mut test = Test::new().file("cases/.keep", "");
    let base = answers("pharmacist-informal");
    for (i, reference) in references.iter().enumerate() {
        let text = edit(
            &base,
            "reference: CASE-2026-104",
            &format!("reference: {reference}"),
        );
        test = test.file(&format!("a{i}.yaml"), text);
    }
    let ran = test.args(["--version"]).stdout_any().run();
    for i in 0..references.len() {
        ran.test()
            .args(["run", "--answers", &format!("a{i}.yaml"), "--dir", "cases"])
            .stdout_any()
            .run();
    }
    ran
}

fn references(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("CASE-T-{i:03}")).collect()
}

/// A monitoring file giving each reference the ethnicity of its group.
fn monitoring(groups: &[(&str, std::ops::Range<usize>)]) -> String {
    let mut text = String::from("case_reference,ethnicity,sex\n");
    for (group, range) in groups {
        for i in range.clone() {
            text.push_str(&format!("CASE-T-{:03},{group},Female\n", i + 1));
        }
    }
    text
}

fn json(ran: &Ran, args: &[&str]) -> serde_json::Value {
    let out = ran
        .test()
        .args(["report", "--dir", "cases", "--format", "json"])
        .args(args.iter().copied())
        .stdout_any()
        .run()
        .stdout;
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// Every table of a report: the coverage's and each section's.
fn tables(report: &serde_json::Value) -> Vec<&serde_json::Value> {
    let mut all = Vec::new();
    for section in report["sections"].as_array().unwrap() {
        all.extend(section["tables"].as_array().unwrap());
    }
    all
}

fn table<'r>(report: &'r serde_json::Value, id: &str) -> &'r serde_json::Value {
    tables(report)
        .into_iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("no table {id}"))
}

/// The comparisons of a report's equality section.
fn comparisons(report: &serde_json::Value) -> &Vec<serde_json::Value> {
    report["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "equality")
        .expect("an equality section")["comparisons"]
        .as_array()
        .unwrap()
}

/// The sentence of each comparison of a report.
fn sentences(report: &serde_json::Value) -> Vec<&str> {
    (comparisons(report).iter())
        .map(|c| c["sentence"].as_str().unwrap())
        .collect()
}

/// The cell of `table` in the row labelled `row`, column `column`.
fn cell<'r>(table: &'r serde_json::Value, row: &str, column: &str) -> &'r serde_json::Value {
    let at = table["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c == column)
        .unwrap_or_else(|| panic!("no column {column} in {}", table["id"]));
    let row = table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["label"] == row)
        .unwrap_or_else(|| panic!("no row {row} in {}", table["id"]));
    &row["cells"][at]
}

/// No line of any table (a column with a total row, a row with a total column) has
/// exactly one hidden count, which the total and the others would give away.
fn assert_no_count_recoverable(report: &serde_json::Value) {
    for t in tables(report) {
        let columns: Vec<&str> = t["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        let rows = t["rows"].as_array().unwrap();
        let hidden =
            |c: &serde_json::Value| c["suppressed"] == "small" || c["suppressed"] == "secondary";
        let counts: Vec<usize> = (0..columns.len())
            .filter(|&i| {
                !columns[i].contains('%')
                    && !columns[i].starts_with("Share")
                    && !columns[i].starts_with("Median")
            })
            .collect();
        if rows.iter().any(|r| r["total"] == true) {
            for &c in &counts {
                let n = rows.iter().filter(|r| hidden(&r["cells"][c])).count();
                assert_ne!(
                    n, 1,
                    "column {} of {} gives a hidden count away",
                    columns[c], t["id"]
                );
            }
        }
        if let Some(total) = columns
            .iter()
            .position(|c| *c == "Total" || *c == "Answered")
        {
            for r in rows {
                let n = (0..=total).filter(|&c| hidden(&r["cells"][c])).count();
                assert_ne!(
                    n, 1,
                    "row {} of {} gives a hidden count away",
                    r["label"], t["id"]
                );
            }
        }
    }
}

#[test]
fn the_worked_check_gives_a_relative_likelihood_of_two_with_its_interval() {
    // 12 cases among 1,000 staff of one group, 15 among 2,500 White staff.
    let ran = folder(&references(27));
    ran.test()
        .file("m.csv", monitoring(&[("Black or Black British", 0..12), ("White", 12..27)]))
        .file(
            "w.csv",
            "characteristic,group,headcount\nethnicity,White,\"2,500\"\nethnicity,Black or Black British,1000\n",
        )
        .args(["--version"])
        .stdout_any()
        .run();
    for audience in ["board", "equality-lead"] {
        let report = json(
            &ran,
            &[
                "--monitoring",
                "m.csv",
                "--workforce",
                "w.csv",
                "--audience",
                audience,
            ],
        );
        let per_head = comparisons(&report)
            .iter()
            .find(|c| c["measure"] == "case-per-head" && c["characteristic"] == "ethnicity")
            .expect("a comparison per head");
        assert_eq!(per_head["group"], "Black or Black British");
        assert_eq!(per_head["reference"], "White");
        assert_eq!(per_head["group_count"]["value"], 12);
        assert_eq!(per_head["group_total"]["value"], 1000);
        assert_eq!(per_head["reference_count"]["value"], 15);
        assert_eq!(per_head["reference_total"]["value"], 2500);
        assert_eq!(per_head["group_percent"]["shown"], "1.2%");
        assert_eq!(per_head["reference_percent"]["shown"], "0.6%");
        assert_eq!(per_head["ratio"], 2.0);
        assert_eq!(per_head["low"], 0.94);
        assert_eq!(per_head["high"], 4.26);
        assert_eq!(per_head["band"], "above");
        let sentence = per_head["sentence"].as_str().unwrap();
        assert!(
            sentence.contains("2.00 times as often (95% CI 0.94–4.26)"),
            "{sentence}"
        );
        assert!(sentence.contains("could be chance"), "{sentence}");
    }
    // The same figures in words, at the terminal.
    ran.test()
        .args([
            "report",
            "--dir",
            "cases",
            "--monitoring",
            "m.csv",
            "--workforce",
            "w.csv",
        ])
        .env("COLUMNS", "120")
        .stdout_contains("Against White, the reference group: 15 of 2,500 (0.6%).")
        .stdout_contains("│ Black or Black British ┆    12 ┆ 1,000 ┆ 1.2% ┆  2.00 ┆ 0.94–4.26 │")
        .run();
    // And in Markdown, laid out the same way.
    ran.test()
        .args(["report", "--dir", "cases", "--monitoring", "m.csv", "--workforce", "w.csv"])
        .args(["--format", "markdown"])
        .stdout_contains("Against White, the reference group: 15 of 2,500 (0.6%).\n\n| Group | Count | Of | % | Ratio | 95% CI |\n|---|---:|---:|---:|---:|---:|\n")
        .stdout_contains("| Black or Black British | 12 | 1,000 | 1.2% | 2.00 | 0.94–4.26 |")
        .run();
}

/// No group's name is run into the count before it: "fewer than 10 cases in the 55
/// and over group", never "fewer than 10 55 and over cases".
#[test]
fn a_group_named_by_a_number_reads_as_a_group_when_it_is_too_small_to_compare() {
    let ran = folder(&references(30));
    let mut rows = String::from("case_reference,age_band\n");
    for i in 1..=30 {
        let band = if i <= 24 { "35 to 44" } else { "55 and over" };
        rows.push_str(&format!("CASE-T-{i:03},{band}\n"));
    }
    ran.folder.write("m.csv", rows);
    let board = json(&ran, &["--monitoring", "m.csv"]);
    let sentences = sentences(&board);
    assert!(
        sentences
            .iter()
            .any(|s| s.contains("there are fewer than 10 cases in the 55 and over group")),
        "{sentences:#?}"
    );
    assert!(
        sentences.iter().all(|s| !s.contains("10 55")),
        "{sentences:#?}"
    );
}

/// "Unknown" and "Prefer not to say" are not groups to compare; a value one slip away
/// from a much commoner group is warned of to the person running the report (with its
/// line), never in the report itself, and is still counted as given.
#[test]
fn unknown_is_not_stated_and_a_likely_slip_is_warned_of_but_not_in_the_report() {
    let ran = folder(&references(30));
    let mut rows = String::from("case_reference,ethnicity\n");
    for i in 1..=30 {
        let group = match i {
            1..=20 => "White",
            21..=27 => "Asian or Asian British",
            28 => "Unknown",
            29 => "prefer not to say",
            _ => "Whtie",
        };
        rows.push_str(&format!("CASE-T-{i:03},{group}\n"));
    }
    ran.folder.write("m.csv", rows);
    let slip = "warning: the monitoring file's `ethnicity` value `Whtie` (line 31) is close to `White` (20 rows)";
    let out = ran
        .test()
        .args(["report", "--dir", "cases", "--monitoring", "m.csv"])
        .args(["--audience", "equality-lead", "--format", "json"])
        .stdout_any()
        .stderr_contains(slip)
        .run()
        .stdout;
    let lead: serde_json::Value = serde_json::from_str(&out).unwrap();
    let escalation = table(&lead, "escalation-by-ethnicity");
    let groups: Vec<&str> = escalation["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["label"].as_str().unwrap())
        .collect();
    assert!(
        !groups.iter().any(|g| g.eq_ignore_ascii_case("unknown")),
        "{groups:?}"
    );
    assert!(
        !groups
            .iter()
            .any(|g| g.eq_ignore_ascii_case("prefer not to say")),
        "{groups:?}"
    );
    // A group of one case gets no ratio: its interval would be as narrow as if the
    // share were known exactly.
    let one_case: Vec<_> = (comparisons(&lead).iter())
        .filter(|c| c["group"] == "Whtie")
        .collect();
    assert!(!one_case.is_empty());
    for c in one_case {
        assert!(c["ratio"].is_null(), "{c}");
        assert!(
            c["sentence"]
                .as_str()
                .unwrap()
                .contains("a relative likelihood cannot be estimated"),
            "{c}"
        );
    }
    let not_stated = &lead["coverage"]["not_stated"];
    assert_eq!(cell(not_stated, "Ethnicity", "Not stated")["value"], 2);
    // Not in a board's report, which shows no count that small.
    let board = ran
        .test()
        .args([
            "report",
            "--dir",
            "cases",
            "--monitoring",
            "m.csv",
            "--format",
            "json",
        ])
        .stdout_any()
        .stderr_contains(slip)
        .run()
        .stdout;
    assert!(!board.contains("Whtie` ("), "{board}");
}

/// A column of one value a person is not a characteristic: refused at its header
/// cell, in a moment, rather than compared group by group for minutes.
#[test]
fn a_column_with_more_values_than_a_characteristic_has_groups_is_refused() {
    let ran = folder(&references(2));
    let mut rows = String::from("case_reference,ethnicity,badge\n");
    for i in 1..=501 {
        rows.push_str(&format!("CASE-T-{i:03},White,B{i:04}\n"));
    }
    ran.folder.write("m.csv", rows);
    ran.test()
        .args(["report", "--dir", "cases", "--monitoring", "m.csv", "-o", "r.txt"])
        .status(1)
        .stderr_contains("the column `badge` has 501 different values, more than the 500 groups a characteristic may have")
        .stderr_contains("m.csv:1:26")
        .absent("r.txt")
        .run();
}

/// With `-o`, the report's warnings are said on standard error too, as well as in the
/// file: it may not be read soon.
#[test]
fn a_report_written_to_a_file_says_its_warnings_where_it_was_run() {
    let ran = folder(&references(2));
    ran.folder.write(
        "m.csv",
        "case_reference,ethnicity\nCASE-T-001,White\nCASE-T-002,White\nCASE-X-9,White\n",
    );
    ran.test()
        .args(["report", "--dir", "cases", "--monitoring", "m.csv", "-o", "r.txt"])
        .stdout("Wrote the report to r.txt\n")
        .stderr_contains("1 row of the monitoring file matches no counted record (a draft, a record left out, or a reference typed differently): CASE-X-9.")
        .run();
    assert!(ran.folder.read("r.txt").contains("CASE-X-9"));
}

#[test]
fn small_counts_are_hidden_from_a_board_with_a_partner_so_no_total_gives_them_away() {
    // 15 White, 12 Asian, 3 Mixed: 3 is hidden, and 12 with it, or the total of 30
    // would give the 3 away.
    let ran = folder(&references(30));
    ran.test()
        .file(
            "m.csv",
            monitoring(&[
                ("White", 0..15),
                ("Asian or Asian British", 15..27),
                ("Mixed", 27..30),
            ]),
        )
        .args(["--version"])
        .stdout_any()
        .run();
    let board = json(&ran, &["--monitoring", "m.csv"]);
    let escalation = table(&board, "escalation-by-ethnicity");
    assert_eq!(cell(escalation, "White", "Cases")["value"], 15);
    let mixed = cell(escalation, "Mixed", "Cases");
    assert_eq!(
        (mixed["shown"].as_str(), mixed["value"].is_null()),
        (Some("<10"), true)
    );
    assert_eq!(mixed["suppressed"], "small");
    let asian = cell(escalation, "Asian or Asian British", "Cases");
    assert_eq!(
        (asian["shown"].as_str(), asian["suppressed"].as_str()),
        (Some("*"), Some("secondary"))
    );
    assert_eq!(cell(escalation, "Total", "Cases")["value"], 30);
    assert_no_count_recoverable(&board);
    // No ratio is built on a hidden count; the two groups together are shown, as the
    // total less the White cases gives them anyway.
    for c in comparisons(&board) {
        // Mixed is too small to compare; Asian's cases are hidden, not for being
        // small, and the sentence says so.
        let why = match c["group"].as_str().unwrap() {
            "Mixed" => "too few to compare: there are fewer than 10 cases in the Mixed group",
            "Asian or Asian British" => {
                "not compared here: the number of cases in the Asian or Asian British group is hidden (*), not for being small but so that a count under 10 elsewhere in the report cannot be worked out from it"
            }
            _ => "",
        };
        if !why.is_empty() {
            assert!(c["ratio"].is_null(), "{c}");
            assert!(c["sentence"].as_str().unwrap().contains(why), "{c}");
        }
        if c["group"] == "Ethnic minority" {
            assert_eq!(c["group_total"]["value"], 15, "{c}");
        }
    }
    // K may be raised, not set below 5.
    let strict = json(&ran, &["--monitoring", "m.csv", "--suppress", "13"]);
    assert_eq!(
        cell(
            table(&strict, "escalation-by-ethnicity"),
            "Asian or Asian British",
            "Cases"
        )["shown"],
        "<13"
    );
    assert_no_count_recoverable(&strict);
    ran.test()
        .args(["report", "--dir", "cases", "--suppress", "4"])
        .status(2)
        .stderr_contains(
            "`--suppress 4`: a board would be shown counts as small as 4, which could point to a person; K, the smallest count a board is shown, is 5 at the least",
        )
        .run();
    // For the equality lead K has no effect, and a note says so; a K too low is
    // refused whoever the report is for.
    ran.test()
        .args([
            "report",
            "--dir",
            "cases",
            "--audience",
            "equality-lead",
            "--suppress",
            "20",
        ])
        .stdout_any()
        .stderr_contains(
            "note: `--suppress 20` has no effect: the equality lead's report shows every count",
        )
        .run();
    ran.test()
        .args(["report", "--dir", "cases", "--audience", "equality-lead"])
        .stdout_any()
        .stderr_lacks("--suppress")
        .run();
    ran.test()
        .args([
            "report",
            "--dir",
            "cases",
            "--audience",
            "equality-lead",
            "--suppress",
            "3",
        ])
        .status(2)
        .stderr_contains("is 5 at the least")
        .run();
    // The equality lead sees every count, marked.
    let lead = json(
        &ran,
        &["--monitoring", "m.csv", "--audience", "equality-lead"],
    );
    assert_eq!(
        cell(table(&lead, "escalation-by-ethnicity"), "Mixed", "Cases")["value"],
        3
    );
    assert_eq!(lead["marking"], "OFFICIAL-SENSITIVE");
    assert!(board["marking"].is_null());
}

#[test]
fn no_free_text_from_any_record_appears_in_any_format() {
    let ran = folder(&references(3));
    let record = ran.read("cases/CASE-T-001.yaml");
    // Every note and text answer of the record, by a long enough piece of it.
    let texts: Vec<String> = record
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("note: \"")
                .or_else(|| l.trim().strip_prefix("answer: \""))
        })
        .map(|t| t.trim_end_matches('"').to_owned())
        .filter(|t| t.len() > 25 && t.contains(' '))
        .collect();
    assert!(texts.len() > 10, "{texts:?}");
    for format in ["text", "markdown", "html", "csv", "json"] {
        let out = ran
            .test()
            .args([
                "report",
                "--dir",
                "cases",
                "--format",
                format,
                "--audience",
                "equality-lead",
            ])
            .stdout_any()
            .run()
            .stdout;
        for t in &texts {
            let piece: String = t.chars().take(40).collect();
            assert!(!out.contains(&piece), "{format} shows {piece:?}");
        }
    }
}

#[test]
fn a_bad_monitoring_file_is_refused_with_each_problem_where_it_is() {
    let ran = folder(&references(2));
    ran.test()
        .file(
            "m.csv",
            "case_reference,ethnicity\nCASE-T-001,White\nCASE-T-001,Mixed\nCASE-T-002\n",
        )
        .args([
            "report",
            "--dir",
            "cases",
            "--monitoring",
            "m.csv",
            "-o",
            "out.md",
            "--format",
            "markdown",
        ])
        .status(1)
        .stderr_contains("error: the monitoring file is refused, and no report was written: 2 problems, each to fix before the report can be made\n\n1. the case reference `CASE-T-001` is given twice: first on line 2\n  --> m.csv:3:1")
        .stderr_contains("\n\n2. this row has 1 field, but the header row names 2 columns\n  --> m.csv:4:1")
        .stderr_contains("= help: 1 field short: each row has a value for every column of the header")
        // One message: the problems under it have no `error:` of their own.
        .stderr_with(|e| assert_eq!(e.matches("error:").count(), 1, "{e}"))
        .absent("out.md")
        .run();
    ran.test()
        .file(
            "w.csv",
            "characteristic,group,headcount\nreligion,None,40\n",
        )
        .file("m2.csv", "case_reference,ethnicity\nCASE-T-001,White\n")
        .args([
            "report",
            "--dir",
            "cases",
            "--monitoring",
            "m2.csv",
            "--workforce",
            "w.csv",
        ])
        .status(1)
        .stderr_contains("w.csv:2:1")
        .stderr_contains("`religion` is not a column of the monitoring file")
        .run();
    ran.test()
        .args(["report", "--dir", "cases", "--workforce", "w.csv"])
        .status(2)
        .stderr_contains("give `--monitoring FILE` as well")
        .run();
    ran.test()
        .args([
            "report",
            "--dir",
            "cases",
            "--monitoring",
            "m2.csv",
            "--reference",
            "religion=None",
        ])
        .status(2)
        .stderr_contains(
            "the monitoring file has no column `religion`; its characteristics are `ethnicity`",
        )
        .run();
    ran.test()
        .args(["report", "--dir", "cases", "--period", "2026-04-01"])
        .status(2)
        .stderr_contains("give FROM..TO")
        .run();
}

#[test]
fn an_equality_leads_report_is_written_for_its_owner_alone_and_marked() {
    let ran = folder(&references(2));
    ran.test()
        .args([
            "report",
            "--dir",
            "cases",
            "--audience",
            "equality-lead",
            "--format",
            "markdown",
            "-o",
            "lead.md",
        ])
        .stdout_contains("Wrote the report to lead.md (OFFICIAL-SENSITIVE: readable by you alone)")
        .run();
    let text = ran.read("lead.md");
    assert!(text.starts_with("**OFFICIAL-SENSITIVE**"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(ran.path("lead.md"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
    // A report is never written over a file.
    ran.test()
        .args(["report", "--dir", "cases", "-o", "lead.md"])
        .status(2)
        .stderr_any()
        .run();
    assert_eq!(ran.read("lead.md"), text);
    ran.test()
        .args([
            "report", "--dir", "cases", "--format", "markdown", "-o", "board.md",
        ])
        .stdout_contains("Wrote the report to board.md\n")
        .run();
    assert!(!ran.read("board.md").contains("OFFICIAL-SENSITIVE"));
}

/// The seven fictional cases of examples/answers/, signed into `cases/`.
fn examples() -> Ran {
    let names = [
        "dentist-health",
        "gp-performers-list-referral",
        "international-graduate-communication",
        "locum-prescribing",
        "ni-surgeon-restriction",
        "pharmacist-informal",
        "wales-trainee-health",
    ];
    let mut test = Test::new().file("cases/.keep", "");
    for name in names {
        test = test.file(&format!("{name}.yaml"), answers(name));
    }
    let ran = test.args(["--version"]).stdout_any().run();
    for name in names {
        ran.test()
            .args([
                "run",
                "--answers",
                &format!("{name}.yaml"),
                "--dir",
                "cases",
            ])
            .stdout_any()
            .run();
    }
    ran
}

fn records_row(report: &serde_json::Value, label: &str) -> serde_json::Value {
    report["coverage"]["records"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["label"] == label)
        .unwrap_or_else(|| panic!("no row {label}"))["cells"][0]["value"]
        .clone()
}

#[test]
fn a_period_counts_the_decisions_made_in_it_and_names_the_rest() {
    let ran = examples();
    let report = json(&ran, &["--period", "2026-04-01..2026-09-10"]);
    assert_eq!(report["period"]["from"], "2026-04-01");
    assert_eq!(records_row(&report, "Read"), 7);
    // Decided on 30 June, 8 September and 10 April.
    assert_eq!(records_row(&report, "Counted"), 3);
    assert_eq!(records_row(&report, "Left out: outside the period"), 4);
    // Counted, not named: a year's report would otherwise name every file of the
    // years before it.
    assert_eq!(report["coverage"]["left_out"], serde_json::json!([]));
    assert_eq!(report["coverage"]["outside_period"], 4);
    ran.test()
        .args([
            "report",
            "--dir",
            "cases",
            "--period",
            "2026-04-01..2026-09-10",
        ])
        .env("COLUMNS", "300")
        .stdout_contains("named below (those outside the period are counted, not named).")
        .stdout_lacks("CASE-2026-101.yaml")
        .run();
    // Open at one end.
    let from = json(&ran, &["--period", "2026-09-01.."]);
    assert_eq!(records_row(&from, "Counted"), 2);
    // The routes of the counted records, by staff group, add up to them: two, shown
    // to a board too, as the coverage says how many records are counted.
    let routes = table(&from, "routes-by-staff-group");
    let total = routes["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["total"] == true)
        .unwrap();
    assert_eq!(
        total["cells"].as_array().unwrap().last().unwrap()["shown"],
        "2"
    );

    let lead = json(
        &ran,
        &["--period", "2026-09-01..", "--audience", "equality-lead"],
    );
    let routes = table(&lead, "routes-by-staff-group");
    let total = routes["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["total"] == true)
        .unwrap();
    assert_eq!(
        total["cells"].as_array().unwrap().last().unwrap()["value"],
        2
    );
    // A date that is not in the calendar is called that, in the words used for a
    // date answer; one not written YYYY-MM-DD is told how to write it.
    for (period, why) in [
        ("2025-02-30..", "`2025-02-30` is not a date in the calendar"),
        (
            "2025-4-1..",
            "`2025-4-1` is not a date written YYYY-MM-DD (for example 2026-03-14)",
        ),
    ] {
        ran.test()
            .args(["report", "--dir", "cases", "--period", period])
            .stderr_contains(why)
            .status(2)
            .run();
    }
}

#[test]
fn the_handling_figures_come_from_the_answers() {
    let ran = examples();
    let lead = json(&ran, &["--audience", "equality-lead"]);
    // Two of the seven need a countersignature (the surgeon's restriction and the GP's
    // performers-list action), and neither has one yet.
    let signed = table(&lead, "countersignature");
    assert_eq!(cell(signed, "Countersignature", "Awaiting")["value"], 2);
    assert_eq!(cell(signed, "Countersignature", "Total")["value"], 2);
    let advice = table(&lead, "advice-contacted");
    assert_eq!(cell(advice, "Advice contacted", "Asked")["value"], 7);
    let days = table(&lead, "days-taken");
    assert_eq!(cell(days, "to the decision", "Records")["value"], 7);
    assert!(cell(days, "to the decision", "Median days")["value"].is_number());
    // An item whose No is ordinary (its note optional: is the doctor in training? did
    // it arise from a patient safety incident?) is counted but never ranked as a
    // step missed, though the examples answer it No more often than any other.
    let answers = table(&lead, "answers-by-item");
    let training = "Is the doctor in a postgraduate training programme?";
    assert_eq!(cell(answers, training, "No")["value"], 4);
    let ranked = table(&lead, "most-often-no");
    let labels: Vec<&str> = ranked["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["label"].as_str().unwrap())
        .collect();
    assert!(!labels.is_empty(), "{ranked}");
    assert!(
        labels
            .iter()
            .all(|l| *l != training && !l.contains("patient safety incident")),
        "{labels:?}"
    );
    assert!(
        ranked["notes"][0]
            .as_str()
            .unwrap()
            .contains("No is an ordinary answer"),
        "{ranked}"
    );
    // For a board, seven records are too few for any median, though their number is
    // shown: the coverage says seven records are counted.
    let board = json(&ran, &[]);
    let days = table(&board, "days-taken");
    assert_eq!(cell(days, "to the decision", "Records")["shown"], "7");
    assert_eq!(cell(days, "to the decision", "Median days")["shown"], "–");
    assert_no_count_recoverable(&board);
}

/// `n` generated records with the exclusions, in `gen/` of a new folder.
pub(crate) fn generated(n: usize) -> crate::harness::Folder {
    let folder = crate::harness::Folder::new();
    let out = folder.path("gen");
    let ran = crate::generate::generate(&[
        "--records",
        &n.to_string(),
        "--out",
        out.to_str().unwrap(),
        "--exclusions",
    ]);
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    folder
}

/// `(a, n)` of the line of expected.md that begins `- {group}: a of n cases`.
fn expected_counts(expected: &str, group: &str) -> (u64, u64) {
    let line = expected
        .lines()
        .find(|l| l.starts_with(&format!("- {group}: ")))
        .unwrap_or_else(|| panic!("no line for {group} in {expected}"));
    let words: Vec<&str> = line.split(' ').collect();
    let of = words.iter().position(|w| *w == "of").unwrap();
    (
        words[of - 1].parse().unwrap(),
        words[of + 1].parse().unwrap(),
    )
}

#[test]
fn on_generated_records_the_report_finds_the_difference_built_in_and_leaves_out_the_exclusions() {
    let folder = generated(200);
    let expected = folder.read("gen/expected.md");
    let (a, n1) = expected_counts(&expected, "ethnic minority");
    let (c, n2) = expected_counts(&expected, "White");
    let records: Vec<String> = {
        let mut files = folder.list("gen/records");
        files.sort();
        files
            .into_iter()
            .map(|f| format!("gen/records/{f}"))
            .collect()
    };
    assert_eq!(records.len(), 203);
    let run = |args: &[&str]| {
        folder
            .test()
            .args(["report"])
            .args(records.iter().map(String::as_str))
            .args(["--monitoring", "gen/monitoring.csv", "--workforce", "gen/workforce.csv"])
            .args(args.iter().copied())
            .stdout_any()
            .stderr_contains("CASE-GEN-00202.yaml` is altered since fairness wrote it: it is left out of the report")
            .run()
            .stdout
    };
    let lead: serde_json::Value =
        serde_json::from_str(&run(&["--format", "json", "--audience", "equality-lead"])).unwrap();
    // The three files left out, each named with why.
    let left: Vec<(String, String)> = lead["coverage"]["left_out"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["file"].as_str().unwrap().to_owned(),
                l["why"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let named = |name: &str, why: &str| left.iter().any(|(f, w)| f.ends_with(name) && w == why);
    assert!(named("CASE-GEN-00200.yaml", "superseded"), "{left:?}");
    assert!(named("CASE-GEN-00201.yaml", "draft"), "{left:?}");
    assert!(named("CASE-GEN-00202.yaml", "altered"), "{left:?}");
    assert_eq!(left.len(), 3);
    assert_eq!(records_row(&lead, "Counted"), 200);
    // The difference, as expected.md counts it from the records.
    let formal = comparisons(&lead)
        .iter()
        .find(|c| {
            c["characteristic"] == "ethnicity"
                && c["group"] == "Ethnic minority"
                && c["measure"] == "formal"
        })
        .unwrap();
    assert_eq!(
        [
            &formal["group_count"]["value"],
            &formal["group_total"]["value"],
            &formal["reference_count"]["value"],
            &formal["reference_total"]["value"]
        ],
        [a, n1, c, n2]
    );
    let rl = fairness_ratio(a, n1, c, n2);
    assert!(
        expected.contains(&format!(
            "relative likelihood, ethnic minority against White: {rl}"
        )),
        "{rl} {expected}"
    );
    assert_eq!(
        format!(
            "{:.2}, 95% CI {:.2}–{:.2}",
            formal["ratio"].as_f64().unwrap(),
            formal["low"].as_f64().unwrap(),
            formal["high"].as_f64().unwrap()
        ),
        rl
    );
    // A group whose name does not say what it is a group of is named with its
    // characteristic; one whose name does, is not.
    let sentences = sentences(&lead);
    assert!(
        sentences
            .iter()
            .any(|s| s.starts_with("Yes against No (disability): ")),
        "{sentences:?}"
    );
    assert!(
        sentences
            .iter()
            .any(|s| s.starts_with("Ethnic minority against White: ")),
        "{sentences:?}"
    );
    // For a board nothing can be worked out from the totals, and in no format does
    // any note or text answer (each holds the marker) appear.
    let board: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).unwrap();
    assert_no_count_recoverable(&board);
    for format in ["text", "markdown", "html", "csv", "json"] {
        for audience in ["board", "equality-lead"] {
            let out = run(&["--format", format, "--audience", audience]);
            assert!(
                !out.contains("NOTE-TEXT-MARKER"),
                "{format} for {audience} shows free text"
            );
        }
    }
}

/// `2.49, 95% CI 1.64–3.78`, worked out here from the counts.
fn fairness_ratio(a: u64, n1: u64, c: u64, n2: u64) -> String {
    let (a, n1, c, n2) = (a as f64, n1 as f64, c as f64, n2 as f64);
    let rr = (a / n1) / (c / n2);
    let se = (1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n2).sqrt();
    let z = 1.959_963_984_540_054;
    format!(
        "{rr:.2}, 95% CI {:.2}–{:.2}",
        (rr.ln() - z * se).exp(),
        (rr.ln() + z * se).exp()
    )
}

#[test]
fn the_html_page_shows_hidden_counts_as_the_board_sees_them_and_marks_the_leads() {
    let ran = folder(&references(30));
    ran.test()
        .file(
            "m.csv",
            monitoring(&[
                ("White", 0..15),
                ("Asian", 15..27),
                ("<i>Mixed</i>", 27..30),
            ]),
        )
        .args(["--version"])
        .stdout_any()
        .run();
    for (audience, file) in [("board", "board.html"), ("equality-lead", "lead.html")] {
        ran.test()
            .args(["report", "--dir", "cases", "--monitoring", "m.csv"])
            .args(["--format", "html", "--audience", audience, "-o", file])
            .stdout_any()
            .run();
    }
    let board = ran.read("board.html");
    assert!(board.starts_with("<!DOCTYPE html>"));
    assert!(board.contains("<svg"));
    assert!(board.contains("<th scope=\"row\">&lt;i&gt;Mixed&lt;/i&gt;</th><td class=\"num suppressed\" title=\"a count from 1 to 9, not shown\">&lt;10</td>"));
    assert!(board.contains("not drawn: its total is hidden"));
    assert!(!board.contains("<i>Mixed"));
    assert!(!board.contains("OFFICIAL-SENSITIVE"));
    let lead = ran.read("lead.html");
    assert!(lead.contains("<title>OFFICIAL-SENSITIVE: "));
    assert!(
        lead.contains("<th scope=\"row\">&lt;i&gt;Mixed&lt;/i&gt;</th><td class=\"num\">3</td>")
    );
    assert!(!lead.contains("not drawn: its total is hidden"));
}

#[test]
fn a_file_named_twice_is_read_once_and_a_copy_of_a_record_is_counted_once() {
    let ran = folder(&references(3));
    let first = "cases/CASE-T-001.yaml".to_owned();
    let report = |args: &[&str]| -> serde_json::Value {
        let out = ran
            .test()
            .args(["report", "--format", "json"])
            .args(args.iter().copied())
            .stdout_any()
            .stderr_any()
            .run()
            .stdout;
        serde_json::from_str(&out).unwrap()
    };
    // The same file by three names: one file, read once, said on standard error.
    let again = format!("./{first}");
    ran.test()
        .args(["report", &first, &first, &again, "--format", "json"])
        .stdout_any()
        .stderr_contains(format!(
            "note: `{again}` is `{first}` named again: it is read once."
        ))
        .run();
    let once = report(&[&first, &first, &again]);
    assert_eq!(records_row(&once, "Read"), 1);
    assert_eq!(records_row(&once, "Counted"), 1);
    // A copy of a record in the case folder: counted once, the copy named.
    ran.folder.write("cases/copy-of-it.yaml", ran.read(&first));
    ran.test()
        .args(["report", "--dir", "cases", "--format", "json"])
        .stdout_any()
        .stderr_contains(format!(
            "`{}` is a copy of",
            std::path::Path::new("cases")
                .join("copy-of-it.yaml")
                .display()
        ))
        .stderr_contains("the case is counted once")
        .run();
    let folder_report = report(&["--dir", "cases"]);
    assert_eq!(records_row(&folder_report, "Read"), 4);
    assert_eq!(records_row(&folder_report, "Counted"), 3);
    assert_eq!(
        records_row(&folder_report, "Left out: a copy of another file given"),
        1
    );
    let left = &folder_report["coverage"]["left_out"];
    assert_eq!(left[0]["why"], "copy", "{left}");
    assert!(
        left[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("copy-of-it.yaml"),
        "{left}"
    );
    // Joined to the monitoring file, the case is one case, not two.
    ran.folder.write(
        "m.csv",
        "case_reference,ethnicity\nCASE-T-001,White\nCASE-T-002,White\nCASE-T-003,Mixed\n",
    );
    let lead = report(&[
        "--dir",
        "cases",
        "--monitoring",
        "m.csv",
        "--audience",
        "equality-lead",
    ]);
    let cases = table(&lead, "escalation-by-ethnicity");
    assert_eq!(cell(cases, "White", "Cases")["value"], 2);
    assert_eq!(cell(cases, "Mixed", "Cases")["value"], 1);
}

#[test]
fn two_different_records_of_one_case_count_once_by_the_one_signed_last() {
    let ran = folder(&references(2));
    // Another record under the first reference, made apart from the first.
    let text = edit(
        &answers("locum-prescribing"),
        "reference: CASE-2026-101",
        "reference: CASE-T-001",
    );
    ran.folder.write("other.yaml", text);
    ran.folder.write("elsewhere/.keep", "");
    ran.test()
        .args(["run", "--answers", "other.yaml", "--dir", "elsewhere"])
        .stdout_any()
        .stderr_any()
        .run();
    let other = "elsewhere/CASE-T-001.yaml";
    let out = ran
        .test()
        .args(["report", "--dir", "cases", "--format", "json"])
        .args(["cases/CASE-T-001.yaml", "cases/CASE-T-002.yaml", other])
        .stdout_any()
        .stderr_contains("are different records of case `CASE-T-001` (their seals differ)")
        .stderr_contains("The case is counted once, by the record signed last")
        .run()
        .stdout;
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(records_row(&report, "Read"), 3);
    // The case counts once, by its record signed last: the other file's.
    assert_eq!(records_row(&report, "Counted"), 2);
    assert_eq!(
        records_row(&report, "Left out: an earlier record of a case counted"),
        1
    );
}

/// A report file already there is refused first, before anything is said of the
/// records (an altered one's warning would otherwise come before the refusal), and is
/// left as it was.
#[test]
fn a_report_file_already_there_is_refused_before_the_records_are_read() {
    let ran = folder(&references(2));
    let first = "cases/CASE-T-001.yaml";
    let text = ran.folder.read(first);
    ran.folder.write(
        first,
        edit(
            &text,
            "reference: \"CASE-T-001\"",
            "reference: \"CASE-T-009\"",
        ),
    );
    ran.folder.write("r.txt", "kept\n");
    ran.test()
        .args(["report", "--dir", "cases", "-o", "r.txt"])
        .status(2)
        .stderr("error: `r.txt` already exists, and fairness never overwrites a file; choose another name with `-o`\n")
        .stdout("")
        .run();
    assert_eq!(ran.folder.read("r.txt"), "kept\n");
    // A folder is said to be one, not a file fairness declines to overwrite.
    ran.folder.write("out/kept.txt", "kept\n");
    ran.test()
        .args(["report", "--dir", "cases", "-o", "out"])
        .status(2)
        .stderr("error: cannot write `out`: it is a folder, not a file\n")
        .stdout("")
        .run();
    assert_eq!(ran.folder.read("out/kept.txt"), "kept\n");
}

#[test]
fn a_record_that_is_not_there_or_is_a_folder_is_refused_and_nothing_is_written() {
    let ran = folder(&references(2));
    let first = "cases/CASE-T-001.yaml";
    ran.test()
        .args(["report", first, "cases/nothere.yaml", "-o", "r.txt"])
        .status(2)
        .stderr_contains("error: cannot read `cases/nothere.yaml`: no such file or folder")
        .stdout("")
        .absent("r.txt")
        .run();
    ran.test()
        .args(["report", "cases", "-o", "r.txt"])
        .status(2)
        .stderr_contains("error: cannot read `cases`: it is a folder, not a file")
        .absent("r.txt")
        .run();
    // Two of them: each is named.
    ran.test()
        .args(["report", "nowhere/a.yaml", "cases"])
        .status(2)
        .stderr_contains("`nowhere/a.yaml`")
        .stderr_contains("`cases`: it is a folder")
        .stdout("")
        .run();
}

/// Ten White cases, six Black or Black British and four Mixed, joined to `m.csv`.
fn ten_six_four() -> Ran {
    let ran = folder(&references(20));
    ran.folder.write(
        "m.csv",
        monitoring(&[
            ("White", 0..10),
            ("Black or Black British", 10..16),
            ("Mixed", 16..20),
        ]),
    );
    ran
}

fn per_head<'r>(report: &'r serde_json::Value, group: &str) -> Option<&'r serde_json::Value> {
    comparisons(report).iter().find(|c| {
        c["measure"] == "case-per-head" && c["characteristic"] == "ethnicity" && c["group"] == group
    })
}

#[test]
fn a_headcount_smaller_than_its_groups_cases_is_refused_where_it_is() {
    let ran = ten_six_four();
    for (black, shown) in [("0", "is 0"), ("5", "is 5")] {
        ran.folder.write(
            "w.csv",
            format!("characteristic,group,headcount\nethnicity,White,500\nethnicity,Black or Black British,{black}\nethnicity,Mixed,40\n"),
        );
        ran.test()
            .args([
                "report", "--dir", "cases", "--monitoring", "m.csv", "--workforce", "w.csv", "-o",
                "r.txt",
            ])
            .status(1)
            .stderr_contains("the workforce file is refused, and no report was written")
            .stderr_contains(format!(
                "the headcount of `Black or Black British` (ethnicity) {shown}, fewer than the 6 counted cases"
            ))
            .stderr_contains("w.csv:3:34")
            .absent("r.txt")
            .run();
    }
    // As many staff as cases is a share of 100%, not a mistake.
    ran.folder.write(
        "w.csv",
        "characteristic,group,headcount\nethnicity,White,500\nethnicity,Black or Black British,6\nethnicity,Mixed,40\n",
    );
    let report = json(
        &ran,
        &[
            "--monitoring",
            "m.csv",
            "--workforce",
            "w.csv",
            "--audience",
            "equality-lead",
        ],
    );
    let minority = per_head(&report, "Ethnic minority").unwrap();
    assert_eq!(minority["group_count"]["value"], 10);
    assert_eq!(minority["group_total"]["value"], 46);
}

#[test]
fn staff_of_a_group_with_no_case_count_in_the_denominator_of_their_group() {
    let ran = ten_six_four();
    ran.folder.write(
        "w.csv",
        "characteristic,group,headcount\nethnicity,White,500\nethnicity,Black or Black British,60\nethnicity,Mixed,40\nethnicity,Chinese,100\nethnicity,White Irish,50\n",
    );
    let report = json(
        &ran,
        &[
            "--monitoring",
            "m.csv",
            "--workforce",
            "w.csv",
            "--audience",
            "equality-lead",
        ],
    );
    // Chinese staff are of the ethnic minority, White Irish staff of the reference.
    let minority = per_head(&report, "Ethnic minority").unwrap();
    assert_eq!(minority["group_count"]["value"], 10);
    assert_eq!(minority["group_total"]["value"], 200);
    assert_eq!(minority["reference_count"]["value"], 10);
    assert_eq!(minority["reference_total"]["value"], 550);
    let chinese = per_head(&report, "Chinese").unwrap();
    assert_eq!(chinese["group_count"]["value"], 0);
    assert_eq!(chinese["group_total"]["value"], 100);
    // Shown in the equality table with no case.
    let cases = table(&report, "escalation-by-ethnicity");
    assert_eq!(cell(cases, "Chinese", "Cases")["value"], 0);
    assert_eq!(cell(cases, "White Irish", "Cases")["value"], 0);
}

#[test]
fn a_group_with_cases_but_no_headcount_says_which_comparisons_per_head_cannot_be_made() {
    let ran = ten_six_four();
    ran.folder.write(
        "w.csv",
        "characteristic,group,headcount\nethnicity,White,500\nethnicity,Black or Black British,60\n",
    );
    let report = json(
        &ran,
        &[
            "--monitoring",
            "m.csv",
            "--workforce",
            "w.csv",
            "--audience",
            "equality-lead",
        ],
    );
    assert!(per_head(&report, "Ethnic minority").is_none());
    assert!(per_head(&report, "Mixed").is_none());
    assert!(per_head(&report, "Black or Black British").is_some());
    let sentences = report["sections"][2]["sentences"].to_string();
    assert!(
        sentences.contains("the workforce file has no headcount for `Mixed`, so no likelihood per head is worked out for it, nor for Ethnic minority, the groups but White together, whose staff cannot be counted without it"),
        "{sentences}"
    );
    // Without the reference group's headcount, none can be made.
    ran.folder.write(
        "w.csv",
        "characteristic,group,headcount\nethnicity,Black or Black British,60\nethnicity,Mixed,40\n",
    );
    let report = json(
        &ran,
        &[
            "--monitoring",
            "m.csv",
            "--workforce",
            "w.csv",
            "--audience",
            "equality-lead",
        ],
    );
    assert!(per_head(&report, "Black or Black British").is_none());
    let sentences = report["sections"][2]["sentences"].to_string();
    assert!(
        sentences.contains("no headcount for `White`, the reference group, so no likelihood per head can be worked out for any group"),
        "{sentences}"
    );
}

#[test]
fn an_equality_leads_csv_carries_its_marking_at_top_and_bottom() {
    let ran = folder(&references(2));
    let lead = ran
        .test()
        .args([
            "report",
            "--dir",
            "cases",
            "--audience",
            "equality-lead",
            "--format",
            "csv",
        ])
        .stdout_any()
        .run()
        .stdout;
    let lines: Vec<&str> = lead.lines().collect();
    assert_eq!(lines[0], "section,table,row,column,value,shown,suppressed");
    assert_eq!(lines[1], "marking,,,,,OFFICIAL-SENSITIVE,");
    assert_eq!(lines.last(), Some(&"marking,,,,,OFFICIAL-SENSITIVE,"));
    // Every row still has the header's seven fields.
    assert!(lines.iter().all(|l| l.split(',').count() >= 7), "{lead}");
    let board = ran
        .test()
        .args(["report", "--dir", "cases", "--format", "csv"])
        .stdout_any()
        .run()
        .stdout;
    assert!(!board.contains("OFFICIAL-SENSITIVE"), "{board}");
}

#[test]
fn monitoring_rows_of_records_outside_the_period_are_counted_apart_without_a_warning() {
    let ran = examples();
    let mut rows = String::from("case_reference,ethnicity\n");
    for n in 101..=107 {
        rows.push_str(&format!("CASE-2026-{n},White\n"));
    }
    rows.push_str("CASE-2026-999,White\n");
    ran.folder.write("m.csv", rows);
    let report = json(
        &ran,
        &[
            "--monitoring",
            "m.csv",
            "--period",
            "2026-04-01..2026-09-10",
        ],
    );
    let link = &report["coverage"]["monitoring"];
    let row = |label: &str| {
        link["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["label"] == label)
            .unwrap_or_else(|| panic!("no row {label} in {link}"))["cells"][0]["value"]
            .clone()
    };
    assert_eq!(row("With a monitoring row"), 3);
    assert_eq!(row("Monitoring rows of records outside the period"), 4);
    // Only the row that matches no record at all is warned of.
    assert_eq!(row("Monitoring rows matching no counted record"), 1);
    let warnings = report["coverage"]["warnings"].to_string();
    assert!(
        warnings.contains("1 row of the monitoring file matches no counted record (a draft, a record left out, or a reference typed differently): CASE-2026-999."),
        "{warnings}"
    );
    // The first five are named, and the rest counted.
    let mut rows = String::from("case_reference,ethnicity\n");
    for n in 1..=7 {
        rows.push_str(&format!("CASE-X-{n},White\n"));
    }
    ran.folder.write("m.csv", rows);
    let report = json(&ran, &["--monitoring", "m.csv"]);
    let warnings = report["coverage"]["warnings"].to_string();
    assert!(
        warnings.contains("7 rows of the monitoring file match no counted record (a draft, a record left out, or a reference typed differently): CASE-X-1, CASE-X-2, CASE-X-3, CASE-X-4, CASE-X-5 and 2 more."),
        "{warnings}"
    );
}

#[test]
fn an_input_refused_or_a_report_with_nothing_to_show_says_why_in_one_plain_message() {
    let ran = folder(&references(2));
    // One problem: the refusal and the problem in one message.
    ran.folder.write(
        "m.csv",
        "case_reference,ethnicity\nCASE-T-001,White,extra\n",
    );
    ran.test()
        .args(["report", "--dir", "cases", "--monitoring", "m.csv"])
        .status(1)
        .stderr_contains("error: the monitoring file is refused, and no report was written: this row has 3 fields, but the header row names 2 columns\n  --> m.csv:2:")
        .stderr_contains("= help: 1 field too many: a comma inside a value needs the value in double quotes")
        .stderr_with(|e| assert_eq!(e.matches("error:").count(), 1, "{e}"))
        .run();
    // Not UTF-8: how to save a CSV file as UTF-8, not a word of frameworks.
    ran.folder.write(
        "latin1.csv",
        b"case_reference,ethnicity\nCASE-T-001,Fran\xe7aise\n",
    );
    ran.test()
        .args(["report", "--dir", "cases", "--monitoring", "latin1.csv"])
        .status(1)
        .stderr_contains("the file is not UTF-8 text (byte 0xE7)")
        .stderr_contains("as \"CSV UTF-8\"")
        .stderr_lacks("frameworks")
        .run();
    ran.test()
        .args(["report", "--dir", "cases", "--suppress", "0"])
        .status(2)
        .stderr_contains("`--suppress 0`: a board would be shown counts as small as 1")
        .stderr_lacks("under 0")
        .run();
    // A monitoring file of references alone: said, not an empty section.
    ran.folder
        .write("refs.csv", "case_reference\nCASE-T-001\nCASE-T-002\n");
    let report = json(&ran, &["--monitoring", "refs.csv"]);
    let sentences = report["sections"][2]["sentences"].to_string();
    assert!(
        sentences.contains("The monitoring file has no column but `case_reference`"),
        "{sentences}"
    );
    // A period that holds no record: said once, not as "no group is stated".
    ran.folder
        .write("m.csv", "case_reference,ethnicity\nCASE-T-001,White\n");
    let report = json(
        &ran,
        &[
            "--monitoring",
            "m.csv",
            "--period",
            "2001-01-01..2001-12-31",
        ],
    );
    let sentences = report["sections"][2]["sentences"].to_string();
    assert!(
        sentences.contains("No record was counted, so there is nothing to compare."),
        "{sentences}"
    );
    assert!(!sentences.contains("no group is stated"), "{sentences}");
    assert!(
        report["coverage"]["warnings"]
            .to_string()
            .contains("No record falls within the period."),
    );
    // An empty case folder: warned of, on standard error and in the report.
    ran.folder.write("empty/.keep", "");
    ran.test()
        .args(["report", "--dir", "empty", "--format", "json"])
        .stdout_contains("No record was read, so every figure is zero")
        .stderr_contains("warning: no record was read: the case folder holds none")
        .run();
}

#[test]
fn a_reference_named_as_the_default_keeps_the_name_of_the_others_and_bands_come_in_order() {
    let ran = folder(&references(12));
    let mut m = String::from("case_reference,ethnicity,age_band\n");
    for (i, (group, band)) in [
        ("White", "55 and over"),
        ("White", "Under 35"),
        ("White", "35-44"),
        ("White", "35-44"),
        ("Mixed", "45-54"),
        ("Asian or Asian British", "Under 35"),
    ]
    .iter()
    .cycle()
    .take(12)
    .enumerate()
    {
        m.push_str(&format!("CASE-T-{:03},{group},{band}\n", i + 1));
    }
    ran.folder.write("m.csv", m);
    let report = json(
        &ran,
        &["--monitoring", "m.csv", "--reference", "ethnicity=White"],
    );
    let groups: Vec<String> = report["sections"][2]["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["characteristic"] == "ethnicity")
        .map(|c| c["group"].as_str().unwrap().to_owned())
        .collect();
    assert!(groups.iter().any(|g| g == "Ethnic minority"), "{groups:?}");
    assert!(
        !groups.iter().any(|g| g == "All other groups"),
        "{groups:?}"
    );
    // The reference band (the largest) first, then the others in the order of age.
    let bands: Vec<&str> = table(&report, "escalation-by-age_band")["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        bands,
        [
            "35-44",
            "Under 35",
            "45-54",
            "55 and over",
            "Not stated",
            "Total"
        ]
    );
}

/// At 70 columns the text report still fits: every line of it is at most 70 characters,
/// titles wrap between words, and no figure is broken across two lines (a row's label
/// and a column's heading may wrap; its count, rate or interval never does).
#[test]
fn at_70_columns_every_line_fits_and_no_figure_is_broken_across_lines() {
    let folder = generated(60);
    let report = |format: &str| {
        folder
            .test()
            .env("COLUMNS", "70")
            .args(["report", "--dir", "gen/records", "--format", format])
            .args(["--monitoring", "gen/monitoring.csv"])
            .args(["--workforce", "gen/workforce.csv"])
            .stdout_any()
            .stderr_any()
            .run()
            .stdout
    };
    let json: serde_json::Value = serde_json::from_str(&report("json")).unwrap();
    // Every figure the report shows: each `shown`, anywhere in it, and each ratio and
    // interval as the text writes them.
    fn gather(v: &serde_json::Value, figures: &mut std::collections::HashSet<String>) {
        match v {
            serde_json::Value::Object(map) => {
                if let Some(s) = map.get("shown").and_then(|s| s.as_str()) {
                    figures.insert(s.to_owned());
                }
                if let (Some(r), Some(l), Some(h)) = (
                    map.get("ratio").and_then(|r| r.as_f64()),
                    map.get("low").and_then(|r| r.as_f64()),
                    map.get("high").and_then(|r| r.as_f64()),
                ) {
                    figures.insert(format!("{r:.2}"));
                    figures.insert(format!("{l:.2}–{h:.2}"));
                }
                map.values().for_each(|v| gather(v, figures));
            }
            serde_json::Value::Array(list) => list.iter().for_each(|v| gather(v, figures)),
            _ => {}
        }
    }
    let mut figures = std::collections::HashSet::new();
    gather(&json, &mut figures);
    let text = report("text");
    let (mut in_body, mut checked) = (false, 0);
    for line in text.lines() {
        assert!(line.chars().count() <= 70, "longer than 70: {line}\n{text}");
        if line.starts_with('╞') {
            in_body = true;
        } else if line.starts_with('└') {
            in_body = false;
        } else if in_body && line.starts_with('│') {
            // The cells after the row's label: each a whole figure, or empty where
            // the label goes on to a second line.
            let cells: Vec<&str> = line.trim_matches('│').split('┆').map(str::trim).collect();
            for c in cells.iter().skip(1).filter(|c| !c.is_empty()) {
                assert!(
                    figures.contains(*c) || !c.chars().any(|ch| ch.is_ascii_digit()),
                    "`{c}` is a broken figure, in: {line}\n{text}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 200, "only {checked} cells checked:\n{text}");
}
