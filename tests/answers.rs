//! `fairness run --answers FILE`: the checklist filled in from a file, with the same
//! rules as in a terminal, every problem named with its item and place.

use fairness::checklist::Checklist;
use fairness::framework::{self, BUILTIN_TEXT};

use crate::harness::{
    Problem, Test, answers_refused, assert_sealed, builtin, edit, error, framework_refused, mkdir,
    private_record, root,
};
use crate::records::{
    EXAMPLES, answers, assert_sealed_as_printed, draft_written, from_answers, intact, read, signed,
    signed_and_sealed,
};

fn pharmacist() -> String {
    answers("pharmacist-informal")
}

/// A signed record's text, checked to be private and correctly sealed.
fn signed_record(path: &std::path::Path) -> String {
    let text = private_record(path);
    assert_sealed(&text);
    text
}

#[test]
fn every_example_case_produces_a_signed_sealed_private_record() {
    let dir = root().join("examples/answers");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    names.sort();
    let mut listed: Vec<_> = EXAMPLES
        .iter()
        .map(|n| dir.join(format!("{n}.yaml")))
        .collect();
    listed.sort();
    assert_eq!(names, listed, "`EXAMPLES` lists every example answers file");
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        let ran = Test::new()
            .file("case.yaml", &text)
            .args(["run", "--answers", "case.yaml", "--out", "record.yaml"])
            .stdout_matches(&signed_and_sealed("record.yaml"))
            .run();
        let record = signed_record(&ran.path("record.yaml"));
        assert_sealed_as_printed(&ran.stdout, &record);
        assert!(record.contains("status: \"signed\""));
        let reference = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("reference: "))
            .unwrap();
        assert!(record.contains(&format!("reference: \"{reference}\"")));
        for principle in [
            "understanding-the-issues",
            "welfare-and-support",
            "practitioner-is-heard",
            "adherence-to-process",
            "equity-and-proportionality",
        ] {
            assert!(
                record.contains(&format!("section: \"{principle}\"")),
                "{}",
                path.display()
            );
        }
        assert!(record.contains("declaration: \"I confirm"), "{record}");
    }
}

/// Each example signs, `verify` finds its record intact, and it exports in every
/// format, for each audience the format has.
#[test]
fn every_example_signs_verifies_and_exports_in_every_format() {
    for name in EXAMPLES {
        let text = signed(name);
        let reference = read(&text).case.reference;
        let file = format!("{name}.yaml");
        Test::new()
            .file(&file, &text)
            .args(["verify", &file])
            .stdout(intact(&file, &text))
            .run();
        for (format, audiences) in [
            ("markdown", &["case", "practitioner"][..]),
            ("html", &["case", "practitioner"]),
            ("json", &["case"]),
            ("csv", &["case"]),
        ] {
            for audience in audiences {
                let reference = reference.clone();
                Test::new()
                    .file(&file, &text)
                    .args(["export", &file, "--format", format, "--audience", audience])
                    .stdout_with(move |out| {
                        assert!(
                            out.contains(&reference),
                            "{name}: the {format} export for the {audience} lacks {reference}"
                        );
                    })
                    .run();
            }
        }
    }
}

/// Together the examples take every `when` of the built-in framework both ways: each
/// item with a condition is answered in the signed record of at least one example, and
/// not asked (its condition does not hold) in at least one other.
#[test]
fn the_examples_show_and_hide_every_conditional_item_of_the_builtin_framework() {
    let fw = framework::check(BUILTIN_TEXT)
        .framework
        .expect("the built-in framework is valid");
    let list = Checklist::new(&fw);
    let digest = fairness::file::digest(BUILTIN_TEXT.as_bytes());
    let records: Vec<_> = EXAMPLES.iter().map(|&n| (n, read(&signed(n)))).collect();
    for (name, record) in &records {
        assert_eq!(
            record.framework.digest, digest,
            "{name} is not a record of the built-in framework"
        );
    }
    let shown: Vec<Vec<bool>> = records.iter().map(|(_, r)| list.visible(r)).collect();
    let mut conditional = 0;
    let mut gaps = Vec::new();
    for (i, step) in list.steps.iter().enumerate() {
        let Some(when) = &step.item.when else {
            continue;
        };
        conditional += 1;
        let id = &step.item.id.value;
        let condition = format!("asked when `{}` {}", when.item.value, when.describe("`"));
        let answered = records
            .iter()
            .zip(&shown)
            .any(|((_, r), s)| s[i] && r.answer(id).is_some());
        let hidden = shown.iter().any(|s| !s[i]);
        if !answered {
            gaps.push(format!("`{id}` ({condition}) is answered in no example"));
        }
        if !hidden {
            gaps.push(format!(
                "`{id}` ({condition}) is asked in every example, and hidden in none"
            ));
        }
    }
    assert!(
        conditional > 0,
        "the built-in framework has items with `when`"
    );
    assert!(gaps.is_empty(), "{}", gaps.join("\n"));
}

#[test]
fn the_record_is_named_after_the_case_and_never_overwrites_a_file() {
    let ran = Test::new()
        .file("case.yaml", pharmacist())
        .args(["run", "--answers", "case.yaml"])
        .stdout_matches(&signed_and_sealed("CASE-2026-104.yaml"))
        .run();
    let record = signed_record(&ran.path("CASE-2026-104.yaml"));
    assert_sealed_as_printed(&ran.stdout, &record);

    let ran = Test::new()
        .file("case.yaml", pharmacist())
        .file("CASE-2026-104.yaml", "an earlier record\n")
        .args(["run", "--answers", "case.yaml"])
        .stderr("error: `CASE-2026-104.yaml` already exists, and fairness never overwrites a file; choose another name with `-o`\n")
        .status(2)
        .run();
    assert_eq!(ran.read("CASE-2026-104.yaml"), "an earlier record\n");
}

#[test]
fn without_sign_off_it_writes_a_draft_and_names_what_is_missing() {
    // No sign-off, and no rationale: the answer and everything indented under it.
    let base = pharmacist();
    let mut kept = Vec::new();
    let mut skipping = false;
    for line in base.lines() {
        if line.starts_with("sign_off:") {
            break;
        }
        if line == "  rationale:" {
            skipping = true;
            continue;
        }
        if skipping && (line.starts_with("    ") || line.trim().is_empty()) {
            continue;
        }
        skipping = false;
        kept.push(line);
    }
    let ran = Test::new()
        .file("case.yaml", kept.join("\n"))
        .args(["run", "--answers", "case.yaml", "-o", "draft.yaml"])
        .stdout(draft_written("draft.yaml", 46, &["rationale"]))
        .run();
    let draft = private_record(&ran.path("draft.yaml"));
    assert!(draft.contains("status: \"draft\""));
    assert!(draft.contains("sign_off: null\nseal: null\n"));
}

/// Each refusal: the edit that breaks the file, and every problem it must report, each
/// at its place; nothing is written.
#[test]
fn each_kind_of_bad_answer_is_refused_with_its_item_and_place_and_nothing_is_written() {
    let base = pharmacist();
    let f = "case.yaml";
    type Problems = fn(&str) -> Vec<Problem>;
    let cases: Vec<(String, Problems)> = vec![
        (
            edit(
                &base,
                "  concern-specific:\n    answer: \"yes\"",
                "  concern-specific:\n    answer: \"maybe\"",
            ),
            |t| {
                vec![error("`concern-specific`: `maybe` is not an answer to this item: it takes `yes`, `no` or `not-applicable`")
                    .at("case.yaml", t, "\"maybe\"")]
            },
        ),
        (
            edit(&base, "answer: team-or-system", "answer: Team or system"),
            |t| {
                vec![error("`concern-type`: `Team or system` is not one of this item's options: `conduct`, `clinical-capability`, `health`, `team-or-system`, `more-than-one` and `not-yet-clear`")
                    .at("case.yaml", t, "Team or system")]
            },
        ),
        (
            // A No without its note, and the note misnamed.
            edit(
                &base,
                "  concern-specific:\n    answer: \"yes\"\n    note: >-",
                "  concern-specific:\n    answer: \"no\"\n    ignored: >-",
            ),
            |t| {
                vec![
                    error("`concern-specific`: a note is required when the answer is `no`")
                        .at("case.yaml", t, "\"no\"\n    ignored"),
                    error("unknown field `ignored` in the answer to `concern-specific`")
                        .at("case.yaml", t, "ignored")
                        .help("the fields of the answer to `concern-specific` are `answer`, `note` and `reason`"),
                ]
            },
        ),
        (
            // Misspelt, so the item is unknown and the one meant is missing.
            edit(
                &base,
                "  concern-specific:\n    answer: \"yes\"",
                "  concern-specfic:\n    answer: \"yes\"",
            ),
            |t| {
                vec![
                    error("`concern-specific` is required for sign-off but has no answer")
                        .at("case.yaml", t, "staff-group:")
                        .marks(1)
                        .help("add `concern-specific` under `answers`; it asks: Is the concern written down specifically: what happened, when, and who raised it?"),
                    error("the framework has no item `concern-specfic`")
                        .at("case.yaml", t, "concern-specfic")
                        .help("did you mean `concern-specific`?"),
                ]
            },
        ),
        (
            edit(
                &base,
                "  patient-safety-incident:",
                "  learning-response-concern: { answer: \"yes\" }\n  patient-safety-incident:",
            ),
            |t| {
                vec![error("`learning-response-concern` is not asked in this case: it applies only when `patient-safety-incident` is `yes`, and here it is `no`")
                    .at("case.yaml", t, "learning-response-concern")
                    .help("remove this answer, or change the answer it depends on")]
            },
        ),
        (
            edit(
                &base,
                "  advice-contacted:\n    answer: \"no\"",
                "  advice-contacted:\n    answer: \"yes\"\n  advice-contacted-on: { answer: \"2026-02-30\" }\n  advice-given: { answer: \"Talk first.\" }\n  unused-note:\n    answer: \"no\"",
            ),
            |t| {
                vec![
                    error("`advice-contacted-on`: `2026-02-30` is not a date in the calendar").at(
                        "case.yaml",
                        t,
                        "\"2026-02-30\"",
                    ),
                    error("the framework has no item `unused-note`")
                        .at("case.yaml", t, "unused-note")
                        .help("`fairness show` lists every item's id"),
                ]
            },
        ),
        (
            edit(&base, "reference: CASE-2026-104", "reference: ../etc/CASE"),
            |t| {
                vec![error("the case reference cannot contain `/`: it becomes the record's file name, so use only letters, digits, `-`, `_` and `.`")
                    .at("case.yaml", t, "../etc/CASE")]
            },
        ),
        (
            edit(
                &base,
                "  concern-specific:\n    answer: \"yes\"",
                "  concern-specific:\n    answer: true",
            ),
            |t| {
                vec![
                    error("the answer to `concern-specific` is `true`, which is not an answer")
                        .at("case.yaml", t, "true")
                        .help("write \"yes\", \"no\" or \"not-applicable\", in quotes"),
                ]
            },
        ),
        (
            edit(&base, "  name: ", "  name: \"Two\\nlines\"\n  x-name: "),
            |t| {
                vec![
                    error("this must be on one line").at("case.yaml", t, "\"Two\\nlines\""),
                    error("unknown field `x-name` in `sign_off`")
                        .at("case.yaml", t, "x-name")
                        .help("did you mean `name`?"),
                ]
            },
        ),
        (
            edit(
                &base,
                "format: fairness-answers/1",
                "format: fairness-framework/1",
            ),
            |t| {
                vec![
                    error("this is not an answers file: its format is `fairness-framework/1`")
                        .at("case.yaml", t, "fairness-framework/1")
                        .help("an answers file starts with `format: fairness-answers/1`"),
                ]
            },
        ),
    ];
    for (text, problems) in cases {
        Test::new()
            .file(f, &text)
            .args(["run", "--answers", f, "--out", "record.yaml"])
            .stderr(answers_refused(&problems(&text)))
            .status(1)
            .absent("record.yaml")
            .run();
    }
}

#[test]
fn a_required_item_or_note_left_out_stops_sign_off_and_every_problem_is_reported() {
    let base = pharmacist();
    let f = "case.yaml";
    let text = edit(&base, "  rationale:", "  rationale-x:");
    let text = edit(
        &text,
        "  concern-specific:\n    answer: \"yes\"\n    note:",
        "  concern-specific:\n    answer: \"no\"\n    notes:",
    );
    let problems = [
        error("`rationale` is required for sign-off but has no answer")
            .at(f, &text, "staff-group:")
            .marks(1)
            .help(
                "add `rationale` under `answers`; it asks: What is the rationale for the decision?",
            ),
        error("`concern-specific`: a note is required when the answer is `no`").at(
            f,
            &text,
            "\"no\"\n    notes",
        ),
        error("unknown field `notes` in the answer to `concern-specific`")
            .at(f, &text, "notes")
            .help("did you mean `note`?"),
        error("the framework has no item `rationale-x`")
            .at(f, &text, "rationale-x")
            .help("did you mean `rationale`?"),
    ];
    Test::new()
        .file(f, &text)
        .args(["run", "--answers", f, "--out", "record.yaml"])
        .stderr(answers_refused(&problems))
        .status(1)
        .absent("record.yaml")
        .run();

    // The refused answer is not also reported as missing.
    let text = edit(
        &base,
        "  concern-specific:\n    answer: \"yes\"\n    note: >-",
        "  concern-specific:\n    answer: \"no\"\n    note: \"\"\n  concern-kept: >-",
    );
    let problems = [
        error("`concern-specific`: a note is required when the answer is `no`").at(
            f,
            &text,
            "\"no\"\n    note: \"\"",
        ),
        error("the framework has no item `concern-kept`")
            .at(f, &text, "concern-kept")
            .help("did you mean `concern-type`?"),
    ];
    Test::new()
        .file(f, &text)
        .args(["run", "--answers", f, "--out", "record.yaml"])
        .stderr(answers_refused(&problems))
        .status(1)
        .absent("record.yaml")
        .run();
}

#[test]
fn an_invalid_framework_or_an_unwritable_place_is_refused_clearly() {
    let framework = "format: fairness-framework/1\nname: broken\n";
    let missing = |field: &str| {
        error(format!("the framework has no `{field}`"))
            .at("framework.yaml", framework, "format")
            .marks(1)
    };
    Test::new()
        .file("case.yaml", pharmacist())
        .file("framework.yaml", framework)
        .args([
            "run",
            "--answers",
            "case.yaml",
            "--framework",
            "framework.yaml",
        ])
        .stderr(framework_refused(&[
            missing("version"),
            missing("declaration"),
            missing("principles"),
        ]))
        .status(1)
        .run();
    Test::new()
        .file("case.yaml", pharmacist())
        .args([
            "run",
            "--answers",
            "case.yaml",
            "--out",
            "nowhere/record.yaml",
        ])
        .stderr(format!(
            "error: cannot write `nowhere/record.yaml`: the folder `nowhere` does not exist; \
             create it first (`{}`), or choose another place\n",
            mkdir("nowhere")
        ))
        .status(2)
        .run();
    Test::new()
        .args(["run", "--answers", "missing.yaml"])
        .stderr("error: cannot read `missing.yaml`: no such file or folder; check the name and the folder it is in\n")
        .status(2)
        .run();
}

#[test]
fn a_record_too_large_to_read_back_is_never_written() {
    // 230 more text items, each answered with 20,000 backslashes: a 4.6 MB answers
    // file, but a record of over 9 MB, since a record writes each backslash as two.
    let mut framework = builtin();
    let mut answers = pharmacist();
    let at = framework.find("      - id: concern-specific").unwrap();
    let mut items = String::new();
    let mut extra = String::new();
    for i in 0..230 {
        items.push_str(&format!(
            "      - id: long-{i}\n        prompt: Long question {i}?\n        answer: text\n"
        ));
        extra.push_str(&format!(
            "  long-{i}: {{ answer: '{}' }}\n",
            "\\".repeat(20_000)
        ));
    }
    framework.insert_str(at, &items);
    let at = answers.find("  staff-group:").unwrap();
    answers.insert_str(at, &extra);
    from_answers(answers)
        .file("framework.yaml", framework)
        .args(["--framework", "framework.yaml"])
        .stderr("error: the record would be larger than 8 MiB, the most fairness reads back; shorten the longest answers or notes\n")
        .status(2)
        .absent("r.yaml")
        .run();
}

/// A record whose name begins with `-`: the command printed to continue it names it
/// `./-…` (`.\-…` in PowerShell), which no program takes for an option.
#[test]
fn a_draft_named_like_an_option_is_continued_by_a_command_that_works() {
    let hint = if cfg!(windows) {
        r".\-x.yaml"
    } else {
        "./-x.yaml"
    };
    Test::new()
        .file(
            "a.yaml",
            crate::records::without_sign_off(&crate::records::answers("pharmacist-informal")),
        )
        .args(["run", "--answers", "a.yaml", "--out=-x.yaml"])
        .stdout(format!(
            "Draft written: -x.yaml (47 answers).\nContinue in a terminal with:\n    fairness run --resume {hint}\n"
        ))
        .run();
}

/// One answer is one answer, not "1 answers"; and the items still needed are named.
#[test]
fn a_draft_with_one_answer_says_so_in_the_singular() {
    Test::new()
        .file(
            "a.yaml",
            "format: fairness-answers/1\ncase:\n  reference: CASE-2026-017\nanswers:\n  staff-group: { answer: doctor }\n",
        )
        .args(["run", "--answers", "a.yaml"])
        .stdout_with(|out| {
            assert!(
                out.starts_with("Draft written: CASE-2026-017.yaml (1 answer).\n"),
                "{out}"
            )
        })
        .run();
}

/// Windows cannot give a file a device's name or one with `"` in it: said plainly,
/// before anything is written, rather than in the system's own words.
#[test]
#[cfg(windows)]
fn names_windows_cannot_give_a_file_are_refused_plainly() {
    let device = "it is the name of a Windows device, not a file; choose another name";
    for (args, name, why) in [
        (&["init", "-o", "NUL"][..], "NUL", device.to_owned()),
        (
            &["init", "-o", "com1.yaml"][..],
            "com1.yaml",
            device.to_owned(),
        ),
        (
            &["init", "-o", "a\"b.yaml"][..],
            "a\"b.yaml",
            "a Windows file name cannot contain `\"`; choose another name".to_owned(),
        ),
    ] {
        Test::new()
            .args(args.iter().copied())
            .stderr(format!("error: cannot write `{name}`: {why}\n"))
            .status(2)
            .run();
    }
    Test::new()
        .file("a.yaml", crate::records::answers("dentist-health"))
        .args(["run", "--answers", "a.yaml", "--out", "CON"])
        .stderr(format!("error: cannot write `CON`: {device}\n"))
        .status(2)
        .run();
}

/// `when` with `any` and `not` decides what is asked from an answers file as it does
/// in a terminal: an answer to an item its condition hides is refused, saying what the
/// condition wants and what the answer it depends on is.
#[test]
fn conditions_on_several_answers_and_on_all_but_one_decide_what_is_asked() {
    let answers = format!(
        "{}  route-other:\n    answer: Something else\n",
        crate::records::without_sign_off(&crate::records::answers("dentist-health"))
    );
    for (condition, wants) in [
        (
            "when: { item: route, any: [formal, performers-list-action] }",
            "`route` is `formal` or `performers-list-action`",
        ),
        (
            "when: { item: route, not: no-further-action }",
            "`route` has an answer other than `no-further-action`",
        ),
    ] {
        let framework = edit(
            &builtin(),
            "when: { item: route, answer: other }",
            condition,
        );
        Test::new()
            .file("f.yaml", &framework)
            .file("a.yaml", &answers)
            .args(["run", "--answers", "a.yaml", "--framework", "f.yaml"])
            .stderr_contains(format!(
                "`route-other` is not asked in this case: it applies only when {wants}, and here it is `no-further-action`"
            ))
            .status(1)
            .run();
    }
    // Any answer but `informal`: `no-further-action` shows the item, so it is answered.
    let framework = edit(
        &builtin(),
        "when: { item: route, answer: other }",
        "when: { item: route, not: informal }",
    );
    let ran = Test::new()
        .file("f.yaml", &framework)
        .file("a.yaml", &answers)
        .args([
            "run",
            "--answers",
            "a.yaml",
            "--framework",
            "f.yaml",
            "-o",
            "r.yaml",
        ])
        .stdout_contains("Draft written: r.yaml")
        .run();
    let record = crate::records::read(&ran.read("r.yaml"));
    assert!(record.answers.iter().any(|a| a.item == "route-other"));
}
