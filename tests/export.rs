//! `fairness export`: every format carries the whole record, escaped for where it goes;
//! drafts and altered records say so; the practitioner's view leaves out what is
//! internal.
//!
//! A record's export is hundreds of lines; the snapshot tests pin each format of each
//! example whole. The tests here check what must hold for any record (every answer is
//! there, hostile text is escaped, nothing internal reaches the practitioner), so they
//! look into the output with `stdout_with`; messages are stated exactly.

use fairness::framework::principles::LOCKED;
use fairness::framework::{self, BUILTIN_TEXT, KindId};

use crate::fixtures::{csv_rows, html_escaped};
use crate::harness::{Test, builtin, edit, error, private_record};
use crate::records::{self, EXAMPLES, altered, answers, built, draft, examples, read, signed};

/// `fairness export FILES --format FORMAT` in `test`'s folder.
fn export<'a>(test: Test<'a>, files: &[&str], format: &str) -> Test<'a> {
    test.args(["export"])
        .args(files.iter().copied())
        .args(["--format", format])
}

/// The note `export` prints when drafts are among the records.
const DRAFT_NOTE: &str = "note: 1 of the records is a draft, not signed off; the export says so\n";

/// The warning `export` prints for an altered record `file`.
fn altered_warning(file: &str) -> String {
    format!(
        "warning: `{file}` has been ALTERED since fairness wrote it; it was exported with a warning in the output. Run `fairness verify` on it for the details.\n"
    )
}

#[test]
fn markdown_has_every_principle_item_answer_note_and_the_sign_off() {
    for name in EXAMPLES {
        let record = read(&signed(name));
        export(examples(), &[&format!("{name}.yaml")], "markdown")
            .stdout_with(move |md| {
                assert!(md.starts_with(&format!("# Case record {}\n", record.case.reference)));
                for (i, p) in LOCKED.iter().enumerate() {
                    assert!(
                        md.contains(&format!("\n## Principle {}: {}\n", i + 1, p.title)),
                        "{name}: {}",
                        p.title
                    );
                }
                for heading in [
                    "## Case details",
                    "## Decision",
                    "## Sign-off",
                    "## History",
                ] {
                    assert!(md.contains(heading), "{name}: {heading}");
                }
                for a in &record.answers {
                    // Prompts and notes of the examples hold no Markdown syntax but `1.`
                    // lists.
                    assert!(
                        md.contains(&format!(". {}\n", a.prompt)),
                        "{name}: prompt {}",
                        a.prompt
                    );
                    let shown = a.label.as_deref().unwrap_or(&a.answer);
                    let mut first_line = shown.lines().next().unwrap().to_owned();
                    if first_line.starts_with(|c: char| c.is_ascii_digit()) {
                        first_line = first_line.replacen(". ", "\\. ", 1);
                    }
                    assert!(md.contains(&first_line), "{name}: answer {first_line}");
                    if let Some(note) = &a.note {
                        let first_line = note.lines().next().unwrap();
                        assert!(md.contains(first_line), "{name}: note {first_line}");
                    }
                }
                let s = record.sign_off.as_ref().unwrap();
                assert!(md.contains(&format!("- **Signed by:** {}\n", s.name)));
                assert!(md.contains(&format!("- **Seal:** {}\n", record.seal.as_ref().unwrap())));
                assert!(md.contains("- **Seal checked:** intact when exported\n"));
                assert!(!md.contains("DRAFT") && !md.contains("ALTERED"));
            })
            .run();
    }
}

#[test]
fn html_is_one_self_contained_page_with_every_item_escaped() {
    let record = read(&signed("locum-prescribing"));
    export(examples(), &["locum-prescribing.yaml"], "html")
        .stdout_with(move |html| {
            assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
            assert!(
                html.contains("default-src 'none'"),
                "a policy forbids loading anything"
            );
            for outside in [
                "<script", "<link", "src=", "href=", "url(", "@import", "<img",
            ] {
                assert!(!html.contains(outside), "the page refers to {outside}");
            }
            for p in LOCKED {
                assert!(
                    html.contains(&format!("{}</h2>", html_escaped(p.title))),
                    "{}",
                    p.title
                );
            }
            for a in &record.answers {
                assert!(
                    html.contains(&html_escaped(&a.prompt)),
                    "prompt {}",
                    a.prompt
                );
                if let Some(note) = &a.note {
                    assert!(html.contains(&html_escaped(note)), "note {note}");
                }
            }
            assert!(html.contains("@media print"), "print styles");
            let declaration = &record.sign_off.as_ref().unwrap().declaration;
            assert!(html.contains(&html_escaped(declaration)));
        })
        .run();
}

#[test]
fn hostile_text_is_escaped_in_html_and_markdown_and_guarded_in_csv() {
    let script = "<script>alert('x')</script> & <img src=x onerror=alert(1)>";
    let markdown = "# Heading\n- list\n[link](javascript:alert(1)) *bold* `code`\n    indented";
    let record = built(
        &[
            ("concern-specific", script),
            ("evidence-distinguished", markdown),
            (
                "system-factors",
                "=HYPERLINK(\"http://example.invalid\",\"click\")",
            ),
            ("whole-record", "+1+1"),
            ("informal-resolution-considered", "-2+3"),
            ("induction-and-support", "@SUM(A1:A2)"),
        ],
        &[],
        true,
    );
    let test = || Test::new().file("r.yaml", records::text(&record));

    export(test(), &["r.yaml"], "html")
        .stdout_contains(html_escaped(script))
        .stdout_lacks("<script>")
        .stdout_lacks("<img")
        .run();

    export(test(), &["r.yaml"], "markdown")
        .stdout_contains(
            "\\<script\\>alert('x')\\</script\\> \\& \\<img src=x onerror=alert(1)\\>",
        )
        .stdout_contains("**Note:** \\# Heading\\\n\\- list\\\n\\[link\\](javascript:alert(1)) \\*bold\\* \\`code\\`\\\n\u{a0}\u{a0}\u{a0}\u{a0}indented\n")
        .run();

    export(test(), &["r.yaml"], "csv")
        .stdout_with(|csv| {
            let rows = csv_rows(csv);
            let note = |item: &str| {
                let row = rows.iter().find(|r| r[11] == item).unwrap();
                row[16].clone()
            };
            assert_eq!(
                note("system-factors"),
                "'=HYPERLINK(\"http://example.invalid\",\"click\")"
            );
            assert_eq!(note("whole-record"), "'+1+1");
            assert_eq!(note("informal-resolution-considered"), "'-2+3");
            assert_eq!(note("induction-and-support"), "'@SUM(A1:A2)");
            assert_eq!(
                note("evidence-distinguished"),
                markdown,
                "line breaks survive in CSV"
            );
            assert_eq!(note("concern-specific"), script);
        })
        .run();
}

#[test]
fn json_holds_the_record_exactly_in_a_documented_shape() {
    let record = built(
        &[("concern-specific", "A note\nwith \"quotes\" and é")],
        &[("concern-specific", "no", Some("Changed after the meeting."))],
        true,
    );
    let text = records::text(&record);
    export(Test::new().file("r.yaml", text), &["r.yaml"], "json")
        .stdout_with(move |out| {
            let doc: serde_json::Value = serde_json::from_str(out).unwrap();
            assert_eq!(doc["format"], "fairness-export/1");
            let r = &doc["records"][0];
            let keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
            // Format 2 adds `version` (and, to an amendment, `supersedes`), where the
            // record stands, its sign-off's meaning and its reviews.
            assert_eq!(keys.len(), 14, "{keys:?}");
            assert_eq!(r["standing"], "awaiting-countersignature");
            assert_eq!(r["reviews"], serde_json::json!([]));
            assert_eq!(r["file"], "r.yaml");
            assert_eq!(r["integrity"], "intact");
            assert_eq!(r["findings"], serde_json::json!([]));
            assert_eq!(r["status"], "signed");
            assert_eq!(r["case"]["reference"], "CASE-BUILT-1");
            assert_eq!(r["seal"], record.seal.clone().unwrap());
            assert_eq!(r["sign_off"]["name"], "Dr Example Signer");
            let answers = r["answers"].as_array().unwrap();
            assert_eq!(answers.len(), record.answers.len());
            for (json, a) in answers.iter().zip(&record.answers) {
                assert_eq!(json["item"], a.item.as_str());
                assert_eq!(json["answer"], a.answer.as_str());
                assert_eq!(json["note"].as_str(), a.note.as_deref());
                assert_eq!(json["prompt"], a.prompt.as_str());
            }
            assert_eq!(answers[0]["section_title"], "Case details");
            let history = r["history"].as_array().unwrap();
            assert_eq!(history.len(), 1);
            assert_eq!(history[0]["event"], "changed");
            assert_eq!(history[0]["old_answer"], "yes");
            assert_eq!(history[0]["new_answer"], "no");
            assert_eq!(history[0]["old_note"], "A note\nwith \"quotes\" and é");
        })
        .run();
}

#[test]
fn csv_has_one_row_per_answer_across_every_record() {
    let files: Vec<String> = EXAMPLES.iter().map(|n| format!("{n}.yaml")).collect();
    let refs: Vec<&str> = files.iter().map(String::as_str).collect();
    export(examples(), &refs, "csv")
        .stdout_with(|csv| {
            let rows = csv_rows(csv);
            assert_eq!(
                rows[0].join(","),
                "case_reference,status,integrity,signed_at,signed_by,signer_role,framework,framework_version,organisation,section,section_title,item,kind,prompt,answer,answer_label,note,answered_at,file,version,supersedes"
            );
            let mut expected = 0;
            for name in EXAMPLES {
                let record = read(&signed(name));
                let mine: Vec<&Vec<String>> = rows[1..]
                    .iter()
                    .filter(|r| r[18] == format!("{name}.yaml"))
                    .collect();
                assert_eq!(mine.len(), record.answers.len(), "{name}");
                for (row, a) in mine.iter().zip(&record.answers) {
                    assert_eq!(row[0], record.case.reference);
                    // Format 2: the status says where it stands with its reviewers.
                    let standing = record.standing().id();
                    assert_eq!((row[1].as_str(), row[2].as_str()), (standing, "intact"));
                    assert_eq!(row[4], record.sign_off.as_ref().unwrap().name);
                    assert_eq!(
                        (row[9].as_str(), &row[11], &row[13]),
                        (a.section.as_str(), &a.item, &a.prompt)
                    );
                    assert_eq!(row[14], a.answer);
                    assert_eq!(row[16], a.note.clone().unwrap_or_default());
                    // Format 2: the version, and no record superseded by a first one.
                    assert_eq!((row[19].as_str(), row[20].as_str()), ("1", ""));
                }
                let sections: std::collections::HashSet<&str> =
                    mine.iter().map(|r| r[10].as_str()).collect();
                for (i, p) in LOCKED.iter().enumerate() {
                    assert!(
                        sections.contains(format!("Principle {}: {}", i + 1, p.title).as_str())
                    );
                }
                expected += record.answers.len();
            }
            assert_eq!(rows.len(), expected + 1);
        })
        .run();
}

#[test]
fn a_draft_says_it_is_a_draft_in_every_format() {
    let test = || Test::new().file("d.yaml", draft());
    export(test(), &["d.yaml"], "markdown")
        .stdout_contains("> **DRAFT: not signed off**")
        .stdout_contains("- **Status:** Draft, not signed off")
        .stdout_contains("Not signed off yet.")
        .stderr(DRAFT_NOTE)
        .run();
    export(test(), &["d.yaml"], "html")
        .stdout_contains("<div class=\"watermark\" aria-hidden=\"true\">DRAFT</div>")
        .stdout_contains("<strong>DRAFT: not signed off</strong>")
        .stderr(DRAFT_NOTE)
        .run();
    export(test(), &["d.yaml"], "json")
        .stdout_contains("\"integrity\": \"draft\"")
        .stderr(DRAFT_NOTE)
        .run();
    export(test(), &["d.yaml"], "csv")
        .stdout_with(|csv| {
            let rows = csv_rows(csv);
            assert!(rows.len() > 1, "no rows");
            assert!(
                rows[1..]
                    .iter()
                    .all(|r| r[1] == "draft" && r[2] == "draft" && r[3].is_empty())
            );
        })
        .stderr(DRAFT_NOTE)
        .run();
}

#[test]
fn an_altered_record_is_exported_only_with_a_loud_warning_and_exit_one() {
    let changed = altered();
    let test = || Test::new().file("r.yaml", &changed);
    for (format, alarm) in [
        (
            "markdown",
            "> **WARNING: this record has been ALTERED since fairness wrote it**",
        ),
        (
            "html",
            "<div class=\"alarm\" role=\"alert\"><p><strong>WARNING: this record has been ALTERED",
        ),
        ("json", "\"integrity\": \"altered\""),
        ("csv", "\"ALTERED\""),
    ] {
        export(test(), &["r.yaml"], format)
            .stdout_contains(alarm)
            .stderr(altered_warning("r.yaml"))
            .status(1)
            .run();
    }
    export(test(), &["r.yaml"], "markdown")
        .stdout_contains("- **Seal checked:** NOT intact when exported")
        .stdout_contains("its content is not what was sealed at sign-off")
        .stderr(altered_warning("r.yaml"))
        .status(1)
        .run();
}

#[test]
fn the_practitioner_view_shares_the_process_and_support_but_no_notes() {
    let fw = framework::check(BUILTIN_TEXT).framework.unwrap();
    for name in EXAMPLES {
        let record = read(&signed(name));
        for format in ["markdown", "html"] {
            let fw = fw.clone();
            let record = record.clone();
            examples()
                .args(["export", &format!("{name}.yaml"), "--format", format])
                .args(["--audience", "practitioner"])
                .stdout_with(move |page| {
                    let esc = |t: &str| {
                        if format == "html" {
                            html_escaped(t)
                        } else {
                            t.to_owned()
                        }
                    };
                    for heading in [
                        "How the process works",
                        "Which policy applies",
                        "The Principles considered",
                        "What happens next",
                        "Support available",
                    ] {
                        assert!(page.contains(heading), "{name} {format}: {heading}");
                    }
                    for p in LOCKED {
                        assert!(page.contains(&esc(p.title)), "{name} {format}: {}", p.title);
                    }
                    for s in &fw.support {
                        assert!(
                            page.contains(&esc(&s.name)),
                            "{name} {format}: support {}",
                            s.name
                        );
                    }
                    // The one policy item the nation shows.
                    let policy = ["policy-england", "policy-wales", "policy-northern-ireland"]
                        .iter()
                        .find_map(|id| record.answer(id))
                        .unwrap();
                    let shown = match policy.answer.as_str() {
                        "local-policy" => "under your employer's local policy",
                        _ => policy.label.as_deref().unwrap(),
                    };
                    assert!(page.contains(&esc(shown)), "{name} {format}: policy");
                    for a in &record.answers {
                        if let Some(note) = &a.note {
                            let first = note.lines().next().unwrap();
                            assert!(
                                !page.contains(&esc(first)),
                                "{name} {format}: a note leaked: {first}"
                            );
                        }
                        if a.kind == KindId::Text {
                            let first = a.answer.lines().next().unwrap();
                            assert!(
                                !page.contains(&esc(first)),
                                "{name} {format}: a text answer leaked: {first}"
                            );
                        }
                    }
                    let s = record.sign_off.as_ref().unwrap();
                    assert!(
                        !page.contains(&esc(&s.name)),
                        "{name} {format}: the signer's name"
                    );
                    assert!(
                        !page.contains("History")
                            && !page.contains("**Note:**")
                            && !page.contains("class=\"note\"")
                    );
                })
                .run();
        }
    }
}

#[test]
fn the_practitioner_view_is_refused_for_json_and_csv() {
    for format in ["json", "csv"] {
        examples()
            .args([
                "export",
                "dentist-health.yaml",
                "--format",
                format,
                "--audience",
                "practitioner",
            ])
            .stderr("error: `--audience practitioner` is for `--format markdown` or `--format html`; JSON and CSV always carry the whole record, notes included\n")
            .status(2)
            .run();
    }
}

const PRACTITIONER_VIEW: [&str; 6] = [
    "export",
    "r.yaml",
    "--format",
    "markdown",
    "--audience",
    "practitioner",
];

/// What `export` says when the framework a record was made with cannot be read.
fn framework_not_found(source: &str) -> String {
    format!(
        "error: `r.yaml` was made with the framework `Principles and Framework for Fairness and Proportionality` (version 2.1) from `{source}`, and that file cannot be read from here. The practitioner's view is built from that framework (its wording, the items it relies on and its support list): give it with `--framework FILE`.\n"
    )
}

#[test]
fn the_practitioner_view_needs_the_framework_a_record_names() {
    let mut record = built(&[], &[], false);
    record.framework.source = "frameworks/ours.yaml".into();
    Test::new()
        .file("r.yaml", records::text(&record))
        .args(PRACTITIONER_VIEW)
        .stderr(framework_not_found("frameworks/ours.yaml"))
        .status(2)
        .run();

    Test::new()
        .file("r.yaml", records::text(&record))
        .file(
            "ours.yaml",
            BUILTIN_TEXT.replace(
                "name: Occupational health",
                "name: Kestrel occupational health",
            ),
        )
        .args(PRACTITIONER_VIEW)
        .args(["--framework", "ours.yaml"])
        .stdout_contains("- **Kestrel occupational health:**")
        .stdout_contains("> **DRAFT: not signed off**")
        .stderr(format!(
            "note: `r.yaml` was made with a different version of the framework than the one given; the view is built from the given framework\n{DRAFT_NOTE}"
        ))
        .run();
}

const TO_CASE_HTML: [&str; 6] = [
    "export",
    "dentist-health.yaml",
    "--format",
    "html",
    "-o",
    "case.html",
];

#[test]
fn output_goes_to_a_new_private_file_and_never_over_an_old_one() {
    let ran = examples()
        .args(TO_CASE_HTML)
        .stdout("Exported 1 record to case.html\n")
        .run();
    let html = private_record(&ran.path("case.html"));
    assert!(html.contains("CASE-2026-103"));

    let ran = examples()
        .file("case.html", "keep me")
        .args(TO_CASE_HTML)
        .stderr("error: `case.html` already exists, and fairness never overwrites a file; choose another name with `-o`\n")
        .status(2)
        .run();
    assert_eq!(ran.read("case.html"), "keep me");
    // Nor into a folder, which is said to be one.
    examples()
        .file("case.html/kept.txt", "keep me")
        .args(TO_CASE_HTML)
        .stderr("error: cannot write `case.html`: it is a folder, not a file\n")
        .status(2)
        .run();
}

#[test]
fn one_unreadable_record_stops_the_export_and_nothing_is_written() {
    let junk = "format: fairness-record/1\nstatus: [\n";
    let ran = examples()
        .file("junk.yaml", junk)
        .args([
            "export",
            "dentist-health.yaml",
            "junk.yaml",
            "--format",
            "csv",
            "-o",
            "all.csv",
        ])
        .stderr(format!(
            "error: this file is not a readable case record:\n\n{}{}",
            error("YAML syntax: unclosed bracket '['").at("junk.yaml", junk, "["),
            crate::harness::NOT_EXPORTED
        ))
        .status(1)
        .absent("all.csv")
        .run();
    let left: Vec<String> = ran
        .folder
        .list("")
        .into_iter()
        .filter(|n| n.starts_with(".fairness-"))
        .collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");

    examples()
        .args([
            "export",
            "dentist-health.yaml",
            "gone.yaml",
            "--format",
            "markdown",
        ])
        // A bare name is a case reference too, looked for in the case folder.
        .stderr("error: no record for `gone` in the current folder; `fairness cases` lists the records there\n")
        .status(2)
        .run();
}

#[test]
fn a_history_is_told_in_words() {
    let record = built(
        &[],
        &[
            (
                "concern-specific",
                "no",
                Some("The written account was missing the dates."),
            ),
            ("concern-type", "clinical-capability", None),
        ],
        false,
    );
    let text = records::text(&record);
    // A format-2 record, its framework at hand: each answer by the label the person saw.
    let ran = Test::new()
        .file("r.yaml", &text)
        .args(["export", "r.yaml", "--format", "markdown"])
        .stderr_any()
        .stdout_contains("\n## History\n\n- 2026-11-23 10:05 UTC: “Is the concern written down specifically: what happened, when, and who raised it?” (concern-specific) changed; answer “Yes” → “No”; note nothing → “The written account was missing the dates.”\n")
        .stdout_contains("(concern-type) changed; answer “Conduct” → “Clinical capability”")
        .run();
    ran.test()
        .args(["export", "r.yaml", "--format", "html"])
        .stderr_any()
        .stdout_contains("answer “Conduct” → “Clinical capability”")
        .run();
    // Its framework not at hand: a check still reads Yes / No; a choice, by its ids.
    let digest = &record.framework.digest;
    let elsewhere = edit(&text, digest, &format!("sha256:{}", "cd".repeat(32)));
    Test::new()
        .file("r.yaml", elsewhere)
        .args(["export", "r.yaml", "--format", "markdown"])
        .stderr_any()
        .stdout_contains("answer “Yes” → “No”")
        .stdout_contains("answer “conduct” → “clinical-capability”")
        .run();
}

#[test]
fn several_records_make_one_markdown_document_and_one_html_page() {
    export(
        examples(),
        &["dentist-health.yaml", "pharmacist-informal.yaml"],
        "markdown",
    )
    .stdout_with(|md| {
        assert!(md.starts_with("# Case record CASE-2026-103\n"));
        assert_eq!(md.matches("\n# Case record ").count(), 1);
        assert!(md.contains("\n---\n\n# Case record CASE-2026-104\n"));
    })
    .run();
    export(
        examples(),
        &["dentist-health.yaml", "pharmacist-informal.yaml"],
        "html",
    )
    .stdout_with(|html| {
        assert_eq!(html.matches("<article>").count(), 2);
        assert_eq!(html.matches("<!DOCTYPE html>").count(), 1);
        assert!(html.contains("<title>2 case records</title>"));
    })
    .run();
}

#[test]
fn the_framework_option_is_only_for_the_practitioner_view() {
    examples()
        .args([
            "export",
            "dentist-health.yaml",
            "--format",
            "markdown",
            "--framework",
            "x.yaml",
        ])
        .stderr("error: `--framework` is used only with `--audience practitioner`, for its wording and support list; the whole record needs no framework\n")
        .status(2)
        .run();
}

#[test]
fn only_a_page_of_drafts_alone_is_watermarked() {
    examples()
        .file("d.yaml", draft())
        .args([
            "export",
            "d.yaml",
            "dentist-health.yaml",
            "--format",
            "html",
        ])
        .stdout_lacks("class=\"watermark\"")
        .stdout_with(|html| assert_eq!(html.matches("DRAFT: not signed off").count(), 1))
        .stderr(DRAFT_NOTE)
        .run();
}

/// A `kill` part-way through a long export to a file: exit 130, and neither the file
/// nor its temporary file is left with part of the records in it. (The run is
/// stopped while it works, so it is spawned by hand rather than through `Test`.)
/// Unix only: the stop is a SIGTERM sent with `kill`, which Windows lacks (there the
/// console's events stop it, see `src/platform/windows.rs`).
#[cfg(unix)]
#[test]
fn an_export_stopped_part_way_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let text = signed("dentist-health");
    let mut args = vec!["export".to_owned()];
    for i in 0..3000 {
        let name = format!("r{i}.yaml");
        std::fs::write(dir.path().join(&name), &text).unwrap();
        args.push(name);
    }
    args.extend(["--format", "csv", "-o", "all.csv"].map(String::from));
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_fairness"));
    crate::harness::isolate(&mut command, dir.path());
    let child = command
        .current_dir(dir.path())
        .args(&args)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let temporary = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with(".fairness-"))
            .count()
    };
    // Stopped once the temporary file exists and has some rows in it.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while temporary() == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the export never began"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    // SAFETY: sending a signal to the child this test started.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert_eq!(
        stderr, "export stopped: nothing was written\n",
        "the message"
    );
    assert!(!dir.path().join("all.csv").exists());
    assert_eq!(temporary(), 0, "a temporary file was left behind");
}

/// A record may name any path as its framework's source: a device is refused at once,
/// never opened (a terminal would wait for input forever). The console is Windows'.
#[test]
fn a_framework_source_that_is_a_device_is_refused_not_waited_on() {
    let device = if cfg!(windows) { "CON" } else { "/dev/ptmx" };
    let mut record = built(&[], &[], false);
    record.framework.source = device.into();
    Test::new()
        .file("r.yaml", records::text(&record))
        .args(PRACTITIONER_VIEW)
        .stderr(framework_not_found(device))
        .status(2)
        .run();
}

/// The built-in framework with the items the practitioner's view relies on renamed, and
/// its introduction reworded.
fn renamed_roles() -> String {
    let text = edit(&builtin(), "  - id: route\n", "  - id: outcome\n");
    let text = edit(
        &text,
        "{ item: route, answer: other }",
        "{ item: outcome, answer: other }",
    );
    let text = edit(
        &text,
        "{ item: route, any: [formal, performers-list-action] }",
        "{ item: outcome, any: [formal, performers-list-action] }",
    );
    let text = edit(&text, "  - id: policy-england\n", "  - id: policy\n");
    assert!(!text.contains("item: policy-england"), "no `when` names it");
    edit(
        &text,
        "Your employer (or, if you are on\n    a performers list, the NHS body that manages the list) is handling it using",
        "The Trust is handling it using",
    )
}

/// The pharmacist example, signed with `framework` as `ours.yaml`, its answers to the
/// renamed items given under their new ids.
fn signed_with(framework: &str) -> Test<'static> {
    let answers = edit(
        &answers("pharmacist-informal"),
        "\n  route:",
        "\n  outcome:",
    );
    let answers = edit(&answers, "\n  policy-england:", "\n  policy:");
    signed_with_answers(framework, answers)
}

/// `answers`, signed with `framework` as `ours.yaml`, in a new test as `r.yaml`.
fn signed_with_answers(framework: &str, answers: String) -> Test<'static> {
    let made = records::from_answers(answers)
        .file("ours.yaml", framework)
        .args(["--framework", "ours.yaml"])
        .stdout_matches(&records::signed_and_sealed("r.yaml"))
        .run();
    Test::new()
        .file("ours.yaml", framework)
        .file("r.yaml", made.read("r.yaml"))
}

#[test]
fn the_practitioner_view_finds_its_items_by_role_in_the_framework_s_own_words() {
    signed_with(&renamed_roles())
        .args(PRACTITIONER_VIEW)
        .stdout_contains("\nA concern has been raised about your practice. The Trust is handling it using the Principles")
        .stdout_contains(
            "\nYour case is being handled under your employer's local policy. Your case manager will give you its name and a copy.\n",
        )
        .stdout_contains(
            "\nThe route decided: Informal resolution. Your case manager will explain what this means for you and what happens next.\n",
        )
        .run();
}

#[test]
fn without_the_roles_validate_says_what_the_practitioner_view_leaves_out() {
    let framework = renamed_roles()
        .replace("    role: route\n", "")
        .replace("    role: governing-policy\n", "");
    Test::new()
        .file("ours.yaml", &framework)
        .args(["validate", "ours.yaml"])
        .stdout(format!(
            "{}\n{}\nours.yaml: valid, 2 warnings (5 principles, 70 items)\n",
            crate::harness::warning("no item has `role: route`, so the practitioner's view will not say which route was decided")
                .in_file("ours.yaml")
                .help("give the `choice` item that records the route decided `role: route`"),
            crate::harness::warning("no item has `role: governing-policy` and no `jurisdiction` is set, so the practitioner's view will not say which policy applies")
                .in_file("ours.yaml")
                .help("give the `choice` item that asks which policy governs the case `role: governing-policy`"),
        ))
        .run();
    signed_with(&framework)
        .args(PRACTITIONER_VIEW)
        .stdout_contains(
            "## Which policy applies\n\nYour case manager will tell you which policy applies to your case.\n",
        )
        .stdout_contains(
            "## What happens next\n\nYour case manager will tell you what has been decided and what happens next.\n",
        )
        .stdout_lacks("Informal resolution")
        .run();
}

/// A record made with the built-in framework as it was before items had roles is
/// shown with today's, which finds the same items by their roles: the same view, and
/// a note that the framework has changed.
#[test]
fn a_record_made_before_items_had_roles_gets_the_same_practitioner_view() {
    let today = draft();
    let before = records::begun_with(&today, &records::builtin_before_roles());
    assert_ne!(before, today);
    let now = Test::new()
        .file("r.yaml", &today)
        .args(PRACTITIONER_VIEW)
        .stdout_contains("under your employer's local policy")
        .stderr(DRAFT_NOTE)
        .run();
    Test::new()
        .file("r.yaml", &before)
        .args(PRACTITIONER_VIEW)
        .stdout(&now.stdout)
        .stderr(format!(
            "note: the built-in framework has changed since `r.yaml` was made; the view is built from today's\n{DRAFT_NOTE}"
        ))
        .run();
}

/// A framework adapted before items had roles (as 1.x was, the fixture kept of it):
/// its items with the ids `route` and `governing-policy` stand in for the roles, so its
/// practitioner's view is what it would be with the roles given, and `validate` says
/// so at each item, asking for the role to be added.
#[test]
fn a_framework_adapted_before_roles_keeps_its_practitioner_view_by_item_id() {
    let framework = crate::fixtures::version_1_0();
    assert!(!framework.contains("role:"));
    let stand_in = |role: &str| {
        crate::harness::warning(format!(
            "no item has `role: {role}`, so the practitioner's view uses the item `{role}` for it, by its id"
        ))
        .at_nth("ours.yaml", &framework, role, {
            // The id of the item, not an earlier mention of it.
            let item = framework.find(&format!("- id: {role}\n")).unwrap();
            framework[..item].matches(role).count() + 1
        })
        .help(format!(
            "add `role: {role}` to that item, so that the view still finds it if the item is renamed"
        ))
    };
    Test::new()
        .file("ours.yaml", &framework)
        .args(["validate", "ours.yaml"])
        .stdout(format!(
            "{}\n{}\n{}\nours.yaml: valid, 3 warnings (5 principles, 41 items)\n",
            crate::harness::warning("the framework has no `practitioner_view`, so the practitioner's view will use the built-in framework's introduction and account of how the process works")
                .in_file("ours.yaml")
                .help("add a `practitioner_view` in your own words; `fairness init` writes the built-in one to start from"),
            stand_in("governing-policy"),
            stand_in("route"),
        ))
        .run();
    let with_roles = edit(
        &framework,
        "  - id: route\n",
        "  - id: route\n    role: route\n",
    );
    let with_roles = edit(
        &with_roles,
        "  - id: governing-policy\n",
        "  - id: governing-policy\n    role: governing-policy\n",
    );
    let answers = crate::fixtures::ANSWERS_1_0.to_owned();
    let given = signed_with_answers(&with_roles, answers.clone())
        .args(PRACTITIONER_VIEW)
        .stdout_contains("## What happens next\n\nA route other than the usual ones was decided.")
        .stdout_contains(
            "handled under: England: Maintaining High Professional Standards in the Modern NHS.",
        )
        .run();
    signed_with_answers(&framework, answers)
        .args(PRACTITIONER_VIEW)
        .stdout(&given.stdout)
        .run();
}

/// The policy is asked in one item for each nation, and the items share `role:
/// governing-policy`: the practitioner's view names the policy chosen from the item
/// this case answered, Welsh or Northern Irish as well as English.
#[test]
fn the_practitioner_view_names_the_policy_chosen_for_the_case_s_nation() {
    for (name, item, policy) in [
        (
            "wales-trainee-health",
            "policy-wales",
            "Upholding Professional Standards in Wales",
        ),
        (
            "ni-surgeon-restriction",
            "policy-northern-ireland",
            "Maintaining High Professional Standards in the Modern HPSS",
        ),
    ] {
        let record = read(&signed(name));
        let chosen = record
            .answer(item)
            .unwrap_or_else(|| panic!("{name} answers {item}"));
        assert_eq!(chosen.label.as_deref(), Some(policy));
        assert!(record.answer("policy-england").is_none());
        Test::new()
            .file("r.yaml", signed(name))
            .args(PRACTITIONER_VIEW)
            .stdout_contains(format!(
                "\n## Which policy applies\n\nYour case is being handled under: {policy}. Every step should follow it; ask your case manager for a copy.\n"
            ))
            .run();
    }
}

/// A referral to the regulator is asked apart from the route, and can come on top of
/// any of them: where it is made, the practitioner's view says so in the framework's
/// words under "What happens next", after the route; where it is not, it says nothing
/// of it.
#[test]
fn the_practitioner_view_tells_of_a_referral_to_the_regulator_only_where_one_is_made() {
    let builtin = framework::check(BUILTIN_TEXT).framework.unwrap();
    let referral = builtin
        .letter()
        .explanation(framework::Role::RegulatorReferral, "yes")
        .expect("the built-in framework explains a referral")
        .to_owned();
    for (name, referred) in [
        ("gp-performers-list-referral", "yes"),
        ("dentist-health", "no"),
    ] {
        let record = read(&signed(name));
        assert_eq!(
            record.answer("regulator-referral").unwrap().answer,
            referred
        );
        let referral = referral.clone();
        Test::new()
            .file("r.yaml", signed(name))
            .args(PRACTITIONER_VIEW)
            .stdout_with(move |md| {
                let next = md
                    .split_once("\n## What happens next\n\n")
                    .and_then(|(_, rest)| rest.split_once("\n## "))
                    .map(|(section, _)| section)
                    .expect("the view says what happens next");
                let paragraphs: Vec<&str> = next.trim_end().split("\n\n").collect();
                if referred == "yes" {
                    assert_eq!(paragraphs.len(), 2, "{next}");
                    // The route first (the framework explains a performers-list
                    // decision in its own words), then the referral.
                    assert!(
                        paragraphs[0].starts_with(
                            "A decision was made about your inclusion on the performers list"
                        ),
                        "{next}"
                    );
                    assert_eq!(paragraphs[1], referral);
                } else {
                    assert_eq!(paragraphs.len(), 1, "{next}");
                    assert!(!md.contains(&referral), "{md}");
                }
            })
            .run();
    }
}
