//! Hostile input: framework files come from other organisations and records pass
//! between people, so every file fairness reads may have been made to hurt it. Each
//! case must end with a clear error or a safe result, never a panic or a hang (the
//! harness kills a run after 60 seconds and fails the test; speed itself is measured
//! by the benchmarks, not here).
//!
//! The framework side of alias bombs, deep nesting, size limits, binary files, pipes
//! and devices is in `validate.rs` (`hostile_files`); this suite covers the same for
//! records and answers files, and what hostile text does on its way through every
//! command.

use fairness::framework::{self, AnswerKind, BUILTIN_TEXT};

use crate::harness::{Outcome, Test, edit, repo_file};
use crate::records::signed;

const ESCAPES: &str = "\u{1b}[31mred\u{1b}[0m\u{1b}]0;title\u{7}\u{9b}2J\u{202e}txet\u{85}";

/// No character that acts on a terminal reaches standard output or standard error.
fn assert_inert(outcome: &Outcome) {
    for (stream, text) in [("stdout", &outcome.stdout), ("stderr", &outcome.stderr)] {
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| {
                (c.is_control() && c != '\n' && c != '\t' && c != '\r')
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            })
            .collect();
        assert!(bad.is_empty(), "{stream} carries {bad:?}:\n{text}");
    }
}

fn verify(text: impl AsRef<[u8]>) -> Outcome {
    Test::new()
        .file("r.yaml", text)
        .args(["verify", "r.yaml"])
        .run()
}

fn answers_file() -> String {
    repo_file("examples/answers/pharmacist-informal.yaml")
}

fn run_answers(answers: &str) -> Outcome {
    Test::new()
        .file("a.yaml", answers)
        .args(["run", "--answers", "a.yaml", "-o", "r.yaml"])
        .run()
}

#[test]
fn alias_bombs_in_records_and_answers_files() {
    let mut bomb = String::from("format: fairness-record/1\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let expands = "the file's aliases (`*name`) expand to more than can be read safely";
    verify(&bomb).code(1).stdout_has(expands);
    let answers = bomb.replace("fairness-record/1", "fairness-answers/1");
    run_answers(&answers).code(1).stderr_has(expands);
}

#[test]
fn deep_nesting_in_records_and_answers_files() {
    let too_deep = "nested more than 32 levels deep";
    for deep in [
        format!("{}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
        format!("{}{}\n", "{a: ".repeat(100_000), "}".repeat(100_000)),
    ] {
        verify(&deep).code(1).stdout_has(too_deep);
        run_answers(&deep).code(1).stderr_has(too_deep);
        Test::new()
            .file("r.yaml", &deep)
            .args(["export", "r.yaml", "--format", "json"])
            .run()
            .code(1)
            .stderr_has(too_deep);
    }
}

#[test]
fn huge_scalars_and_files_over_the_limit() {
    // A 7 MiB note: under the file limit, over what a note may hold.
    let text = signed("pharmacist-informal");
    let huge = "x".repeat(7 * 1024 * 1024);
    let bloated = edit(
        &text,
        "note: \"Ward-based clinical pharmacist",
        &format!("note: \"{huge} Ward-based clinical pharmacist"),
    );
    verify(&bloated)
        .code(1)
        .stdout_has("ALTERED")
        .stdout_has("the most accepted is 20000");
    let out = Test::new()
        .file("r.yaml", &bloated)
        .args(["export", "r.yaml", "--format", "csv", "-o", "x.csv"])
        .run()
        .code(1);
    assert!(std::fs::metadata(out.path("x.csv")).unwrap().len() > 7 * 1024 * 1024);

    // A 7 MiB prompt in a framework: valid, with a warning, and shown cut short.
    let fw = edit(
        BUILTIN_TEXT,
        "prompt: Which staff group does the practitioner belong to?",
        &format!("prompt: \"{huge}?\""),
    );
    Test::new()
        .file("f.yaml", &fw)
        .args(["validate", "f.yaml"])
        .run()
        .code(0)
        .stdout_has("valid, 1 warning");

    let over = format!("{text}# {}\n", "x".repeat(9 * 1024 * 1024));
    verify(&over)
        .code(1)
        .stdout_has("the file is larger than 8 MiB");
    run_answers(&format!(
        "{}# {}\n",
        answers_file(),
        "x".repeat(9 * 1024 * 1024)
    ))
    .code(1)
    .stderr_has("the file is larger than 8 MiB");
}

#[test]
fn binary_records_and_nul_bytes() {
    let mut bytes = signed("dentist-health").into_bytes();
    bytes[200] = 0xff;
    verify(&bytes).code(1).stdout_has("not UTF-8");
    let mut bytes = signed("dentist-health").into_bytes();
    bytes[200] = 0;
    verify(&bytes).code(1).stdout_has("NUL byte");
    run_answers(&answers_file().replacen("CASE-2026-104", "CASE\0-2026-104", 1))
        .code(1)
        .stderr_has("NUL byte");
}

/// The built-in framework with terminal escapes in every piece of text it has.
fn escaping_framework() -> String {
    let mut fw = framework::check(BUILTIN_TEXT).framework.unwrap();
    let taint = |t: &mut String| t.push_str(ESCAPES);
    taint(&mut fw.name);
    taint(&mut fw.version);
    fw.organisation = Some(format!("Org {ESCAPES}"));
    taint(&mut fw.declaration);
    for s in &mut fw.support {
        taint(&mut s.name);
        taint(&mut s.detail);
        s.contact = Some(format!("Call {ESCAPES}"));
    }
    let mut item = |i: &mut framework::Item| {
        taint(&mut i.prompt.value);
        if let Some(g) = &mut i.guidance {
            taint(g);
        }
        if let AnswerKind::Choice(options) = &mut i.answer {
            for o in options {
                taint(&mut o.label.value);
            }
        }
    };
    fw.case_details.iter_mut().for_each(&mut item);
    fw.decision.iter_mut().for_each(&mut item);
    for p in &mut fw.principles {
        if let Some(s) = &mut p.summary {
            taint(s);
        }
        p.items.iter_mut().for_each(&mut item);
    }
    framework::to_yaml(&fw)
}

#[test]
fn terminal_escapes_in_every_text_field_never_reach_the_terminal() {
    let fw = escaping_framework();
    let test = || Test::new().file("f.yaml", &fw);
    let out = test().args(["validate", "f.yaml"]).run().code(0);
    assert!(out.stdout.contains("warning"), "{}", out.stdout);
    assert_inert(&out);
    assert_inert(
        &test()
            .args(["show", "--framework", "f.yaml", "--guidance"])
            .run()
            .code(0),
    );

    // A record made with it holds the escapes in its prompts, labels and declaration.
    let made = test()
        .file("a.yaml", answers_file())
        .args([
            "run",
            "--framework",
            "f.yaml",
            "--answers",
            "a.yaml",
            "-o",
            "r.yaml",
        ])
        .run()
        .code(0);
    assert_inert(&made);
    let record = std::fs::read_to_string(made.path("r.yaml")).unwrap();
    assert!(
        record.contains("\\x1b[31m"),
        "the record keeps the text, escaped"
    );
    let with_record = || Test::new().file("r.yaml", &record).file("f.yaml", &fw);
    assert_inert(&with_record().args(["verify", "r.yaml"]).run().code(0));
    for format in ["markdown", "html", "json", "csv"] {
        assert_inert(
            &with_record()
                .args(["export", "r.yaml", "--format", format])
                .run()
                .code(0),
        );
    }
    for format in ["markdown", "html"] {
        assert_inert(
            &with_record()
                .args([
                    "export",
                    "r.yaml",
                    "--format",
                    format,
                    "--audience",
                    "practitioner",
                ])
                .args(["--framework", "f.yaml"])
                .run()
                .code(0),
        );
    }

    // Typed text (notes, names) with control characters is refused, and the refusal
    // shows them escaped.
    let answers = edit(
        &answers_file(),
        "note: Ward-based clinical pharmacist",
        &format!("note: \"{}\"\n    x: ", ESCAPES.escape_default()),
    );
    assert_inert(&run_answers(&answers).code(1));
}

#[test]
fn csv_and_html_injection_in_notes_is_made_harmless() {
    let payloads = [
        "=cmd|' /C calc'!A0",
        "+HYPERLINK(\"http://example.invalid\")",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "-1+1",
        "</textarea><script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
    ];
    let mut answers = answers_file();
    let notes = [
        "note: Ward-based clinical pharmacist covering the surgical wards, in post four years.",
        "note: The summary was written by the case manager",
    ];
    let mut used = Vec::new();
    for (payload, note) in payloads.iter().zip(notes.iter().cycle()) {
        if answers.contains(note) && used.len() < 2 {
            answers = edit(
                &answers,
                note,
                &format!("note: '{}'", payload.replace('\'', "''")),
            );
            used.push(*payload);
        }
    }
    assert!(!used.is_empty());
    let made = run_answers(&answers).code(0);
    let record = std::fs::read_to_string(made.path("r.yaml")).unwrap();
    let with = || Test::new().file("r.yaml", &record);
    let csv = with()
        .args(["export", "r.yaml", "--format", "csv"])
        .run()
        .code(0)
        .stdout;
    let html = with()
        .args(["export", "r.yaml", "--format", "html"])
        .run()
        .code(0)
        .stdout;
    for payload in &used {
        let quoted = format!("\"'{}\"", payload.replace('"', "\"\""));
        assert!(csv.contains(&quoted), "{payload} is not guarded in:\n{csv}");
    }
    assert!(!html.contains("<script") && !html.contains("<img"));
}

#[test]
fn path_tricks_in_case_references_are_refused_and_nothing_is_written() {
    for reference in [
        "../outside",
        "../../etc/passwd",
        "/etc/passwd",
        "/tmp/x",
        "a/b",
        "..",
        ".hidden",
        "x\\\\y",
        "C:x",
        "CON",
        "nul",
        "com1.txt",
        "LPT9",
        "CASE 1",
        "CASE\\t1",
    ] {
        let answers = edit(
            &answers_file(),
            "reference: CASE-2026-104",
            &format!("reference: \"{reference}\""),
        );
        let out = Test::new()
            .file("in/a.yaml", answers)
            .cwd("in")
            .args(["run", "--answers", "a.yaml"])
            .run()
            .code(1);
        assert!(
            out.stderr.contains("nothing was written") && out.stderr.contains("reference"),
            "{reference}: {}",
            out.stderr
        );
        // Only the answers file, in the only folder: nothing written anywhere.
        assert_eq!(
            std::fs::read_dir(out.path("in")).unwrap().count(),
            1,
            "{reference}"
        );
        assert_eq!(
            std::fs::read_dir(out.path("")).unwrap().count(),
            1,
            "{reference}"
        );
    }
}
