//! Hostile input: framework files come from other organisations and records pass
//! between people, so every file fairness reads may have been made to hurt it. Each
//! case must end with a clear error or a safe result, never a panic or a hang (the
//! harness kills a run after 60 seconds and fails the test; speed itself is measured
//! by the benchmarks, not here).
//!
//! `fairness validate` on alias bombs, deep nesting, size limits, binary files, pipes
//! and devices is in `validate.rs` (`hostile`); this suite feeds the same kinds of
//! file to every other command that reads a framework, a record or an answers file,
//! and follows hostile text (terminal escapes, CSV and HTML injection, path tricks) on
//! its way through every command.

use fairness::framework::{self, AnswerKind, BUILTIN_TEXT, KindId};
use fairness::record::{Answer, FrameworkSource, Keyword, Record, SignOff};

use crate::fixtures::{alias_bomb, csv_rows, deeply_nested, html_unescaped};
use crate::harness::{Problem, Test, answers_refused, edit, error, place, warning};
use crate::records::{answers, built, from_answers, signed};

/// Everything that can act on a terminal or reorder what a reader sees: CSI and OSC
/// sequences (a colour, a window title, an OSC 8 hyperlink), a C1 CSI, a carriage return
/// that is not part of a line end (it lets text overwrite what came before it on the
/// line), a bell, NEL, DEL, and every bidirectional override and isolate.
const ESCAPES: &str = concat!(
    "\u{1b}[31mred\u{1b}[0m",
    "\u{1b}]0;title\u{7}",
    "\u{1b}]8;;https://example.invalid\u{7}LINK\u{1b}]8;;\u{7}",
    "\u{9b}2J",
    "hidden\roverwritten",
    "\u{85}\u{7f}",
    "\u{202a}a\u{202b}b\u{202c}c\u{202d}d\u{202e}txet",
    "\u{2066}w\u{2067}x\u{2068}y\u{2069}z",
);

/// The characters of `text` that could act on a terminal: controls other than a line
/// feed, a tab and a carriage return that ends a line (CSV is written with CRLF line
/// ends), and the bidirectional overrides and isolates.
fn unsafe_chars(text: &str) -> Vec<char> {
    let mut bad = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let unsafe_char = match c {
            '\n' | '\t' => false,
            '\r' => chars.peek() != Some(&'\n'),
            c => c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'),
        };
        if unsafe_char {
            bad.push(c);
        }
    }
    bad
}

/// No character that acts on a terminal is in `text` (a whole output stream), and
/// nothing panicked: for `stdout_with` and `stderr_with`.
fn inert(text: &str) {
    let bad = unsafe_chars(text);
    assert!(bad.is_empty(), "it carries {bad:?}");
    assert!(!text.contains("panicked"), "a panic");
}

#[test]
fn the_inertness_check_catches_what_it_is_for() {
    assert!(unsafe_chars("line\r\nline\n\ttab").is_empty());
    for bad in [
        "a\rb",
        "end\r",
        "\u{1b}[2J",
        "\u{9b}",
        "\u{7f}",
        "\u{85}",
        "\u{202e}",
    ] {
        assert!(!unsafe_chars(bad).is_empty(), "{bad:?}");
    }
    for c in ('\u{202a}'..='\u{202e}').chain('\u{2066}'..='\u{2069}') {
        assert!(ESCAPES.contains(c), "ESCAPES lacks U+{:04X}", c as u32);
    }
    let cr = ESCAPES.find('\r').expect("ESCAPES has a carriage return");
    assert!(!ESCAPES[cr..].starts_with("\r\n"));
    assert!(ESCAPES.contains("\u{1b}]8;;https://example.invalid\u{7}LINK\u{1b}]8;;\u{7}"));
}

/// `fairness verify r.yaml`, with `text` as `r.yaml`.
fn verify(text: impl AsRef<[u8]>) -> Test<'static> {
    Test::new().file("r.yaml", text).args(["verify", "r.yaml"])
}

fn answers_file() -> String {
    answers("pharmacist-informal")
}

/// The pharmacist example's first note, on one line: the place tests put
/// hostile text into.
const FIRST_NOTE: &str =
    "note: Ward-based clinical pharmacist covering the surgical wards, in post four years.";

/// What `verify` prints for a file it cannot read as a record, as `r.yaml`.
fn unreadable(problem: Problem) -> String {
    format!("r.yaml: not a readable case record\n\n{problem}")
}

/// What `export` prints for a file it cannot read as a record.
fn not_exported(problem: Problem) -> String {
    format!(
        "error: this file is not a readable case record:\n\n{problem}{}",
        crate::harness::NOT_EXPORTED
    )
}

/// What `run --answers` prints for an answers file it cannot read at all (no count of
/// problems follows: there is only the one).
fn answers_unreadable(problem: Problem) -> String {
    format!("error: the answers file is refused, and nothing was written:\n\n{problem}\n")
}

/// The place (`line`, `column`) of byte `at` of `text`.
fn place_of_byte(text: &[u8], at: usize) -> (usize, usize) {
    let before = String::from_utf8_lossy(&text[..at]);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, column)
}

#[test]
fn alias_bombs_in_records_and_answers_files() {
    let refused = |file: &str, bomb: &str| {
        error("the file's aliases (`*name`) expand to more than can be read safely")
            .at(file, bomb, "*a4")
            .marks(1)
            .help("write the values out in full; frameworks, records and answers files need no aliases")
    };
    let bomb = alias_bomb("fairness-record/1");
    verify(&bomb)
        .stdout(unreadable(refused("r.yaml", &bomb)))
        .status(1)
        .run();
    let bomb = alias_bomb("fairness-answers/1");
    from_answers(&bomb)
        .stderr(answers_refused(&[refused("a.yaml", &bomb)]))
        .status(1)
        .absent("r.yaml")
        .run();
}

#[test]
fn deep_nesting_in_records_and_answers_files() {
    let too_deep = |file: &str, text: &str, marked: &str| {
        error("the file is nested more than 32 levels deep, too deep to read safely")
            .at_nth(file, text, marked, 256)
            .marks(1)
            .help("frameworks, records and answers files need only a few levels of nesting")
    };
    for (deep, marked) in deeply_nested().into_iter().zip(["[", "{"]) {
        verify(&deep)
            .stdout(unreadable(too_deep("r.yaml", &deep, marked)))
            .status(1)
            .run();
        from_answers(&deep)
            .stderr(answers_refused(&[too_deep("a.yaml", &deep, marked)]))
            .status(1)
            .absent("r.yaml")
            .run();
        Test::new()
            .file("r.yaml", &deep)
            .args(["export", "r.yaml", "--format", "json"])
            .stderr(not_exported(too_deep("r.yaml", &deep, marked)))
            .status(1)
            .run();
    }
}

#[test]
fn huge_scalars_and_files_over_the_limit() {
    // A 7 MiB note: under the file limit, over what a note may hold.
    let text = signed("pharmacist-informal");
    let seal = crate::records::read(&text).seal.unwrap();
    let huge = "x".repeat(7 * 1024 * 1024);
    let bloated = edit(
        &text,
        "note: \"Ward-based clinical pharmacist",
        &format!("note: \"{huge} Ward-based clinical pharmacist"),
    );
    let note_length = bloated
        .lines()
        .find_map(|l| l.strip_prefix("    note: \""))
        .unwrap()
        .trim_end_matches('"')
        .chars()
        .count();
    verify(&bloated)
        .stdout(format!(
            "{}{}{}",
            crate::records::altered_line("r.yaml"),
            crate::records::not_as_sealed("r.yaml", &seal, &bloated),
            error(format!(
                "answer 1 (`staff-group`): its note: this is {note_length} characters long; the most accepted is 20000"
            ))
            .in_file("r.yaml")
        ))
        .status(1)
        .run();
    let ran = Test::new()
        .file("r.yaml", &bloated)
        .args(["export", "r.yaml", "--format", "csv", "-o", "x.csv"])
        .stdout("Exported 1 record to x.csv\n")
        .stderr("warning: `r.yaml` has been ALTERED since fairness wrote it; it was exported with a warning in the output. Run `fairness verify` on it for the details.\n")
        .status(1)
        .run();
    assert!(std::fs::metadata(ran.path("x.csv")).unwrap().len() > 7 * 1024 * 1024);

    // A 7 MiB prompt in a framework: valid, with a warning whose message and snippet
    // are cut short. (`show` of a huge prompt has a test of its own.)
    let fw = edit(
        BUILTIN_TEXT,
        "prompt: Which staff group does the practitioner belong to?",
        &format!("prompt: \"{huge}?\""),
    );
    let problem = warning(format!(
        "the prompt of `staff-group` is {} characters long",
        huge.len() + 1
    ))
    .at("f.yaml", &fw, &format!("\"{huge}?\""))
    .help("keep prompts under 300 characters and move detail into `guidance`");
    Test::new()
        .file("f.yaml", &fw)
        .args(["validate", "f.yaml"])
        .stdout(format!(
            "{problem}\nf.yaml: valid, 1 warning (5 principles, 70 items)\n"
        ))
        .run();

    let too_large =
        |file: &str| error("the file is larger than 8 MiB, the most this tool reads").in_file(file);
    let over = format!("{text}# {}\n", "x".repeat(9 * 1024 * 1024));
    verify(&over)
        .stdout(unreadable(too_large("r.yaml")))
        .status(1)
        .run();
    from_answers(format!(
        "{}# {}\n",
        answers_file(),
        "x".repeat(9 * 1024 * 1024)
    ))
    .stderr(answers_unreadable(too_large("a.yaml")))
    .status(1)
    .absent("r.yaml")
    .run();
}

#[test]
fn binary_records_and_nul_bytes() {
    let mut bytes = signed("dentist-health").into_bytes();
    bytes[200] = 0xff;
    let (line, column) = place_of_byte(&bytes, 200);
    verify(&bytes)
        .stdout(unreadable(
            error("the file is not UTF-8 text (byte 0xFF)")
                .at_line("r.yaml", line, column)
                .help("save it as UTF-8 text; frameworks, records and answers files are text"),
        ))
        .status(1)
        .run();
    bytes[200] = 0;
    let nul = |file: &str, line: usize, column: usize| {
        error("the file contains a NUL byte: it looks like a binary file, not YAML")
            .at_line(file, line, column)
    };
    verify(&bytes)
        .stdout(unreadable(nul("r.yaml", line, column)))
        .status(1)
        .run();
    let answers = answers_file().replacen("CASE-2026-104", "CASE\0-2026-104", 1);
    let at = place(&answers, "\0");
    let (line, column) = at.split_once(':').unwrap();
    from_answers(&answers)
        .stderr(answers_unreadable(nul(
            "a.yaml",
            line.parse().unwrap(),
            column.parse().unwrap(),
        )))
        .status(1)
        .absent("r.yaml")
        .run();
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
    // Dozens of warnings, one for each field: that there are some, and that they and
    // everything else printed are inert.
    test()
        .args(["validate", "f.yaml"])
        .stdout_contains("\nwarning: text contains the control character \\u{1b}\n")
        .stdout_with(inert)
        .run();
    test()
        .args(["show", "--framework", "f.yaml", "--guidance"])
        .stdout_with(inert)
        .stderr_contains("warning: text contains the control character \\u{1b}\n")
        .stderr_with(inert)
        .run();

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
        .stdout_matches(&crate::records::signed_and_sealed("r.yaml"))
        .stderr_with(inert)
        .run();
    let record = made.read("r.yaml");
    assert!(
        record.contains("\\x1b[31m"),
        "the record keeps the text, escaped"
    );
    let with_record = || Test::new().file("r.yaml", &record).file("f.yaml", &fw);
    with_record()
        .args(["verify", "r.yaml"])
        .stdout(crate::records::intact("r.yaml", &record))
        .run();
    for format in ["markdown", "html", "json", "csv"] {
        with_record()
            .args(["export", "r.yaml", "--format", format])
            .stdout_with(inert)
            .run();
    }
    for format in ["markdown", "html"] {
        with_record()
            .args([
                "export",
                "r.yaml",
                "--format",
                format,
                "--audience",
                "practitioner",
            ])
            .args(["--framework", "f.yaml"])
            .stdout_with(inert)
            .run();
    }
}

/// `text` with [`ESCAPES`] added.
fn taint(text: &mut String) {
    text.push_str(ESCAPES);
}

/// A way to put [`ESCAPES`] into some of a record's fields.
type Tamper = fn(&mut Record);

/// Every text field a record holds, in groups that a reader takes in one pass (so that
/// one field refused does not hide another from the test), each group with a way to
/// put [`ESCAPES`] in it.
fn record_fields() -> Vec<(&'static str, Tamper)> {
    fn of_kind(r: &mut Record, kind: KindId) -> &mut Answer {
        r.answers.iter_mut().find(|a| a.kind == kind).unwrap()
    }
    vec![
        ("the sign-off", |r| {
            let s: &mut SignOff = r.sign_off.as_mut().unwrap();
            for text in [&mut s.name, &mut s.role, &mut s.declaration, &mut s.signed] {
                taint(text);
            }
        }),
        ("answers, notes, prompts and labels", |r| {
            taint(of_kind(r, KindId::Check).note.get_or_insert_default());
            taint(&mut of_kind(r, KindId::Check).prompt);
            taint(&mut of_kind(r, KindId::Text).answer);
            taint(&mut of_kind(r, KindId::Date).answer);
            let choice = of_kind(r, KindId::Choice);
            taint(&mut choice.answer);
            taint(choice.label.get_or_insert_default());
        }),
        ("an answer's item, section, kind and time", |r| {
            let a = &mut r.answers[0];
            for text in [&mut a.item, &mut a.answered] {
                taint(text);
            }
            a.section = Keyword::Unknown(format!("{}{ESCAPES}", a.section));
            a.kind = Keyword::Unknown(format!("{}{ESCAPES}", a.kind));
        }),
        ("the case reference and times", |r| {
            taint(&mut r.case.reference);
            taint(&mut r.case.started);
            taint(&mut r.case.updated);
        }),
        ("the framework's source and digest", |r| {
            r.framework.source = FrameworkSource::File(format!("{}{ESCAPES}", r.framework.source));
            taint(&mut r.framework.digest);
        }),
        (
            "the framework's name, version, organisation and nation",
            |r| {
                let fw = &mut r.framework;
                taint(&mut fw.name);
                taint(&mut fw.version);
                fw.organisation = Some(format!("Org {ESCAPES}"));
                fw.jurisdiction = Some(format!("england{ESCAPES}"));
            },
        ),
        ("a history entry", |r| {
            let change = &mut r.history[0];
            taint(change.item.get_or_insert_default());
            taint(change.old_note.get_or_insert_default());
            taint(change.new_note.get_or_insert_default());
            taint(change.detail.get_or_insert_default());
        }),
    ]
}

/// A signed record (with a history) for each group of [`record_fields`] with escapes
/// in it, and one with escapes in every field, each resealed so that the escapes are
/// all that is wrong with it; and the last as a draft too.
fn escaping_records() -> Vec<(String, Record)> {
    let base = built(
        &[("concern-specific", "A note.")],
        &[(
            "concern-specific",
            "no",
            Some("Changed: only one undated email."),
        )],
        true,
    );
    assert!(!base.history.is_empty(), "the record has a history");
    let mut all = base.clone();
    let mut records = Vec::new();
    for (fields, tamper) in record_fields() {
        let mut record = base.clone();
        tamper(&mut record);
        tamper(&mut all);
        records.push((fields.to_owned(), record));
    }
    let mut draft = all.clone();
    records.push(("every field".to_owned(), all));
    for (_, record) in &mut records {
        record.seal = Some(record.compute_seal());
    }
    draft.status = fairness::record::Status::Draft;
    draft.sign_off = None;
    draft.seal = None;
    records.push(("every field, in a draft".to_owned(), draft));
    records
}

#[test]
fn terminal_escapes_in_every_record_field_never_reach_the_terminal() {
    let runs: [&[&str]; 7] = [
        &["verify", "r.yaml"],
        &["export", "r.yaml", "--format", "markdown"],
        &["export", "r.yaml", "--format", "html"],
        &["export", "r.yaml", "--format", "json"],
        &["export", "r.yaml", "--format", "csv"],
        &[
            "export",
            "r.yaml",
            "--format",
            "markdown",
            "--audience",
            "practitioner",
        ],
        &[
            "export",
            "r.yaml",
            "--format",
            "html",
            "--audience",
            "practitioner",
        ],
    ];
    let records = escaping_records();
    std::thread::scope(|scope| {
        for (field, record) in &records {
            scope.spawn(move || {
                let text = fairness::record::to_yaml(record);
                // The escapes are in the file, and read back as they were put in.
                assert_eq!(&crate::records::read(&text), record, "{field}");
                let mut shown = false;
                for args in runs {
                    // Some of these records are refused, some exported with a warning
                    // and some exported: what matters is that nothing printed acts on
                    // the terminal, whatever the verdict.
                    let ran = Test::new()
                        .file("r.yaml", &text)
                        .args(args.iter().copied())
                        .stdout_with(inert)
                        .stderr_with(inert)
                        .status_in(&[0, 1, 2])
                        .run();
                    // Somewhere the hostile text is shown, made visible.
                    shown |= [&ran.stdout, &ran.stderr]
                        .iter()
                        .any(|s| s.contains("u{1b}") || s.contains("u001b"));
                }
                assert!(shown, "{field}: no output showed the escapes at all");
            });
        }
    });
}

/// [`ESCAPES`], with `before` in front, as a YAML double-quoted scalar.
fn quoted_escapes(before: &str) -> String {
    let mut out = String::new();
    fairness::file::quote_yaml(&mut out, &format!("{before}{ESCAPES}"));
    out
}

#[test]
fn terminal_escapes_in_an_answers_file_never_reach_the_terminal() {
    let answers = answers_file();
    let value = |anchor: &str, key: &str, before: &str| {
        edit(
            &answers,
            anchor,
            &format!("{key}: {}", quoted_escapes(before)),
        )
    };
    let key = |anchor: &str, indent: &str, key: &str, rest: &str| {
        edit(
            &answers,
            anchor,
            &format!("{indent}{}:{rest}", quoted_escapes(key)),
        )
    };
    // Each file, and whether the refusal quotes the hostile text (it does where it
    // names what it found; a control character in typed text is named by its code
    // point instead).
    let files = [
        // Values.
        (
            true,
            value("format: fairness-answers/1", "format", "fairness-answers/1"),
        ),
        (
            false,
            value("reference: CASE-2026-104", "reference", "CASE-2026-104"),
        ),
        (true, value("answer: pharmacist", "answer", "pharmacist")),
        (false, value(FIRST_NOTE, "note", "Ward-based")),
        (
            false,
            value(
                "answer: >-\n      Ledworth Valley NHS Foundation Trust, \"Managing concerns about pharmacy\n      professionals\", version 2.3, approved September 2025.",
                "answer",
                "Ledworth Valley policy",
            ),
        ),
        (
            false,
            value("name: Tobias Wrenfield", "name", "Tobias Wrenfield"),
        ),
        (
            false,
            value(
                "role: Case manager (Lead Pharmacist, Clinical Services)",
                "role",
                "Case manager",
            ),
        ),
        // Keys: an item, a field of an answer, of the case, of the sign-off and of the
        // file, and a field the format does not have.
        (true, key("  staff-group:", "  ", "staff-group", "")),
        (
            true,
            key("    answer: pharmacist", "    ", "answer", " pharmacist"),
        ),
        (
            true,
            key(
                "  reference: CASE-2026-104",
                "  ",
                "reference",
                " CASE-2026-104",
            ),
        ),
        (
            true,
            key(
                "  name: Tobias Wrenfield",
                "  ",
                "name",
                " Tobias Wrenfield",
            ),
        ),
        (
            true,
            key(
                "format: fairness-answers/1",
                "",
                "format",
                " fairness-answers/1",
            ),
        ),
        (
            true,
            edit(
                &answers,
                "format: fairness-answers/1\n",
                &format!(
                    "format: fairness-answers/1\n{}: 1\n",
                    quoted_escapes("extra")
                ),
            ),
        ),
    ];
    for (quoted, file) in files {
        // Each of these is refused (a control character is never accepted in typed
        // text, and an unknown field is an error), with nothing written. The reports
        // differ with the place: that they refuse, quote, and are inert is the point.
        let mut test = from_answers(&file)
            .stderr_contains("error: the answers file is refused, and nothing was written:\n")
            .stderr_with(inert)
            .status(1)
            .absent("r.yaml");
        if quoted {
            test = test.stderr_contains("\\u{1b}[31mred\\u{1b}[0m");
        }
        test.run();
    }
}

#[test]
fn control_characters_in_typed_text_are_refused_by_name() {
    // Each as a YAML double-quoted escape (so the file itself is valid YAML and the
    // character reaches the note), or raw where YAML allows the character raw; and the
    // code point the refusal must name.
    let cases = [
        (r"\e[31mred\e[0m", "U+001B"),
        (
            r"\x1b]8;;https://example.invalid\x07LINK\x1b]8;;\x07",
            "U+001B",
        ),
        (r"\u009b2J", "U+009B"),
        (r"hidden\roverwritten", "U+000D"),
        (r"bell\a", "U+0007"),
        (r"\x7f", "U+007F"),
        (r"\N", "U+0085"),
        ("\u{202e}txet", "U+202E"),
        ("\u{2066}isolated\u{2069}", "U+2066"),
        (r"\u202a", "U+202A"),
    ];
    for (escape, code_point) in cases {
        let note = format!("\"Ward-based {escape} pharmacist\"");
        let answers = edit(&answers_file(), FIRST_NOTE, &format!("note: {note}"));
        // At the note, not at the answer above it.
        let problem = error(format!(
            "`staff-group`: the note: this contains the control character {code_point}; remove it"
        ))
        .at("a.yaml", &answers, &note);
        from_answers(&answers)
            .stderr(answers_refused(&[problem]))
            .status(1)
            .absent("r.yaml")
            .run();
    }

    // The signer's name and role, typed at sign-off, are held to the same rule.
    for (field, anchor) in [
        ("name", "name: Tobias Wrenfield"),
        (
            "role",
            "role: Case manager (Lead Pharmacist, Clinical Services)",
        ),
    ] {
        let typed = "\"Tobias \\e]0;pwned\\a Wrenfield\"";
        let answers = edit(&answers_file(), anchor, &format!("{field}: {typed}"));
        let problem = error("this contains the control character U+001B; remove it")
            .at("a.yaml", &answers, typed);
        from_answers(&answers)
            .stderr(answers_refused(&[problem]))
            .status(1)
            .absent("r.yaml")
            .run();
    }
}

/// `answers` with the note of `item` set to `note` (single-quoted), in place of any note
/// it had. The item's entry is the block of lines indented under `  ITEM:`.
fn with_note(answers: &str, item: &str, note: &str) -> String {
    let head = format!("\n  {item}:\n");
    let start = answers
        .find(&head)
        .unwrap_or_else(|| panic!("the answers file has no item `{item}`"))
        + head.len();
    let rest = &answers[start..];
    let len: usize = rest
        .split_inclusive('\n')
        .take_while(|line| line.starts_with("    "))
        .map(str::len)
        .sum();
    let mut entry = String::new();
    let mut in_note = false;
    for line in rest[..len].split_inclusive('\n') {
        if line.starts_with("    note:") {
            in_note = true;
        } else if !(in_note && line.starts_with("      ")) {
            in_note = false;
            entry.push_str(line);
        }
    }
    format!(
        "{}{entry}    note: '{}'\n{}",
        &answers[..start],
        note.replace('\'', "''"),
        &rest[len..]
    )
}

#[test]
fn csv_and_html_injection_in_notes_is_made_harmless() {
    // Each payload in the note of its own item.
    let payloads = [
        ("staff-group", "=cmd|' /C calc'!A0"),
        (
            "policy-england",
            "+HYPERLINK(\"http://example.invalid\",\"click\")",
        ),
        ("patient-safety-incident", "@SUM(1+1)*cmd|' /C calc'!A0"),
        ("advice-contacted", "-1+1+cmd|' /C calc'!A0"),
        ("no-measure-reasons", "=DDE(\"cmd\";\"/C calc\";\"!A0\")"),
        ("decisions-recorded", "</textarea><script>alert(1)</script>"),
        ("independent-check", "\"><img src=x onerror=alert(1)>"),
        (
            "told-outcome",
            "<svg/onload=alert(1)><a href=\"javascript:alert(1)\">x</a>",
        ),
    ];
    let mut answers = answers_file();
    for (item, payload) in payloads {
        answers = with_note(&answers, item, payload);
    }
    // Every payload is in the answers file, as the note of its item.
    let (file, problems) = fairness::answers::parse_file(&answers);
    assert!(problems.is_empty(), "{problems:?}");
    let file = file.unwrap();
    for (item, payload) in payloads {
        let entry = file.answers.iter().find(|e| e.id.value == item).unwrap();
        assert_eq!(
            entry.note.as_ref().map(|n| n.value.as_str()),
            Some(payload),
            "{item}"
        );
    }

    let made = from_answers(&answers)
        .stdout_matches(&crate::records::signed_and_sealed("r.yaml"))
        .run();
    let record = made.read("r.yaml");
    let read = crate::records::read(&record);
    for (item, payload) in payloads {
        assert_eq!(
            read.answer(item).and_then(|a| a.note.as_deref()),
            Some(payload),
            "the record holds {item}'s note as given"
        );
    }
    let with = || Test::new().file("r.yaml", &record);

    // CSV: no cell a spreadsheet would run; each payload's cell is the payload, with
    // `'` in front of those that start as a formula.
    with()
        .args(["export", "r.yaml", "--format", "csv"])
        .stdout_with(|csv| {
            let rows = csv_rows(csv);
            let column = |name: &str| rows[0].iter().position(|c| c == name).unwrap();
            let (item_column, note_column) = (column("item"), column("note"));
            for (n, row) in rows.iter().enumerate() {
                assert_eq!(row.len(), rows[0].len(), "row {n} has its own shape");
                for cell in row {
                    assert!(
                        !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                        "row {n}: a cell a spreadsheet runs: {cell:?}"
                    );
                }
            }
            for (item, payload) in payloads {
                let row = rows
                    .iter()
                    .find(|r| r[item_column] == item)
                    .unwrap_or_else(|| panic!("no row for {item}"));
                let expected = if payload.starts_with(['=', '+', '-', '@', '\t']) {
                    format!("'{payload}")
                } else {
                    payload.to_owned()
                };
                assert_eq!(row[note_column], expected, "{item}");
            }
        })
        .run();

    // HTML: each payload shown as text, and no tag or attribute of its own.
    with()
        .args(["export", "r.yaml", "--format", "html"])
        .stdout_with(|html| {
            let lower = html.to_lowercase();
            for raw in ["<script", "<img", "<svg", "<a href", "</textarea"] {
                assert!(!lower.contains(raw), "the HTML has a raw {raw}");
            }
            let mut rest = lower.as_str();
            while let Some(open) = rest.find('<') {
                let tag = &rest[open..open + rest[open..].find('>').expect("a tag ends")];
                for attribute in ["onerror", "onload", "javascript:"] {
                    assert!(!tag.contains(attribute), "a tag has {attribute}: {tag}");
                }
                rest = &rest[open + tag.len()..];
            }
            let shown = html_unescaped(html);
            for (item, payload) in payloads {
                assert!(
                    shown.contains(payload),
                    "{item}: the HTML does not show {payload:?}"
                );
            }
        })
        .run();
}

/// The end of a message about a character a case reference cannot hold.
const FILE_NAME: &str =
    "it becomes the record's file name, so use only letters, digits, `-`, `_` and `.`";

#[test]
fn path_tricks_in_case_references_are_refused_and_nothing_is_written() {
    let device = |name: &str| {
        format!(
            "`{name}` is a device name on Windows and cannot be a file name; choose another reference"
        )
    };
    let contains = |what: &str| format!("the case reference cannot contain {what}: {FILE_NAME}");
    let start = "the case reference must start with a letter or a digit".to_owned();
    // Each as written in the answers file (in double quotes), and the refusal.
    for (reference, problem) in [
        ("../outside", contains("`/`")),
        ("../../etc/passwd", contains("`/`")),
        ("/etc/passwd", contains("`/`")),
        ("/tmp/x", contains("`/`")),
        ("a/b", contains("`/`")),
        ("..", start.clone()),
        (".hidden", start.clone()),
        ("x\\\\y", contains("`\\`")),
        ("C:x", contains("`:`")),
        ("CON", device("CON")),
        ("nul", device("nul")),
        ("com1.txt", device("com1.txt")),
        ("LPT9", device("LPT9")),
        ("CASE 1", contains("U+0020")),
        ("CASE\\t1", contains("U+0009")),
    ] {
        let quoted = format!("\"{reference}\"");
        let answers = edit(
            &answers_file(),
            "reference: CASE-2026-104",
            &format!("reference: {quoted}"),
        );
        let ran = Test::new()
            .file("in/a.yaml", &answers)
            .cwd("in")
            .args(["run", "--answers", "a.yaml"])
            .stderr(answers_refused(&[
                error(problem).at("a.yaml", &answers, &quoted)
            ]))
            .status(1)
            .run();
        // Only the answers file, in the only folder: nothing written anywhere.
        assert_eq!(ran.folder.list("in"), ["a.yaml"], "{reference}");
        assert_eq!(ran.folder.list(""), ["in"], "{reference}");
    }
}

/// The most a refusal of a hostile file may print: enough for every message and its
/// snippet, far less than the hostile content itself.
const MOST_OUTPUT: usize = 64 * 1024;

/// A file made to hurt its reader: what it is, its bytes, and a phrase the refusal
/// must carry.
struct Hostile {
    what: &'static str,
    bytes: Vec<u8>,
    phrase: &'static str,
}

/// Each kind of hostile file, built from `valid` (a valid file of the kind) and its
/// `format` line.
fn hostile_files(valid: &str, format: &str) -> Vec<Hostile> {
    let mut bomb = format!("format: {format}\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    // One byte in the file's second half made invalid: a file that starts well.
    let at = valid[valid.len() / 2..].find('e').unwrap() + valid.len() / 2;
    let mut latin1 = valid.as_bytes().to_vec();
    latin1[at] = 0xe9;
    let mut nul = valid.as_bytes().to_vec();
    nul[at] = 0;
    vec![
        Hostile {
            what: "an alias bomb",
            bytes: bomb.into_bytes(),
            phrase: "the file's aliases (`*name`) expand to more than can be read safely",
        },
        Hostile {
            what: "100,000-deep nesting",
            bytes: format!("{}{}\n", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
            phrase: "the file is nested more than 32 levels deep",
        },
        Hostile {
            what: "a file over the size limit",
            bytes: format!("{valid}# {}\n", "x".repeat(9 * 1024 * 1024)).into_bytes(),
            phrase: "the file is larger than 8 MiB",
        },
        Hostile {
            what: "text that is not UTF-8",
            bytes: latin1,
            phrase: "the file is not UTF-8 text (byte 0xE9)",
        },
        Hostile {
            what: "a NUL byte",
            bytes: nul,
            phrase: "the file contains a NUL byte",
        },
        Hostile {
            what: "a huge scalar",
            bytes: format!("{}\n", "x".repeat(1024 * 1024)).into_bytes(),
            phrase: "a mapping of fields), found text",
        },
    ]
}

/// What a refusal of the hostile `file` (named `name` in the run) must show, on the
/// stream that carries the report: its phrase, the file named at the problem, a
/// bounded length, and nothing that acts on a terminal. (The report's place and
/// snippet differ with each kind of file; the exact reports of each kind are stated
/// by the tests of `validate` and above.)
fn refusal(what: &'static str, name: &'static str, phrase: &'static str) -> impl Fn(&str) {
    move |report| {
        assert!(report.contains(phrase), "{what}: lacks {phrase:?}");
        assert!(
            report.contains(&format!("--> {name}")),
            "{what}: does not name {name}"
        );
        assert!(
            report.len() < MOST_OUTPUT,
            "{what}: {} bytes of output",
            report.len()
        );
        inert(report);
    }
}

/// Runs `check` on every hostile file at once, each in a thread of its own.
fn each(files: Vec<Hostile>, check: impl Fn(&Hostile) + Sync) {
    std::thread::scope(|scope| {
        for file in &files {
            let check = &check;
            scope.spawn(move || check(file));
        }
    });
}

fn hostile_frameworks() -> Vec<Hostile> {
    hostile_files(BUILTIN_TEXT, "fairness-framework/1")
}

fn hostile_records() -> Vec<Hostile> {
    hostile_files(&signed("pharmacist-informal"), "fairness-record/1")
}

/// A test folder with the hostile file as `f.yaml` and `r.yaml`, beside a valid
/// answers file (`a.yaml`) and a signed record (`good.yaml`).
fn with_hostile(file: &Hostile) -> Test<'static> {
    Test::new()
        .file("f.yaml", &file.bytes)
        .file("r.yaml", &file.bytes)
        .file("a.yaml", answers_file())
        .file("good.yaml", signed("pharmacist-informal"))
}

/// `fairness ARGS` refuses the hostile framework `f.yaml` as unusable, names it, and
/// writes nothing to standard output or to `out`.
fn framework_refused(file: &Hostile, args: &[&str]) {
    with_hostile(file)
        .args(args.iter().copied())
        .stderr_contains("error: the framework is not valid, so it cannot be used:\n")
        .stderr_with(refusal(file.what, "f.yaml", file.phrase))
        .status(1)
        .absent("out")
        .run();
}

#[test]
fn hostile_frameworks_are_refused_by_show() {
    each(hostile_frameworks(), |file| {
        framework_refused(file, &["show", "--framework", "f.yaml", "--guidance"]);
    });
}

#[test]
fn hostile_frameworks_are_refused_by_run() {
    each(hostile_frameworks(), |file| {
        framework_refused(
            file,
            &[
                "run",
                "--framework",
                "f.yaml",
                "--answers",
                "a.yaml",
                "-o",
                "out",
            ],
        );
    });
}

#[test]
fn hostile_frameworks_are_refused_by_export_for_the_practitioner() {
    each(hostile_frameworks(), |file| {
        framework_refused(
            file,
            &[
                "export",
                "good.yaml",
                "--format",
                "html",
                "--audience",
                "practitioner",
                "--framework",
                "f.yaml",
                "-o",
                "out",
            ],
        );
    });
}

#[test]
fn hostile_records_are_refused_by_verify() {
    each(hostile_records(), |file| {
        with_hostile(file)
            .args(["verify", "r.yaml"])
            .stdout_contains("r.yaml: not a readable case record\n")
            .stdout_with(refusal(file.what, "r.yaml", file.phrase))
            .status(1)
            .run();
    });
}

/// `fairness export` of the hostile record `r.yaml` as `format` refuses it, names it,
/// and writes nothing: not with `-o`, and (with `beside`) not to standard output beside
/// a good record either.
fn export_refused(format: &str, beside: bool) {
    each(hostile_records(), |file| {
        let mut runs = vec![&["r.yaml", "-o", "out"][..]];
        if beside {
            runs.push(&["good.yaml", "r.yaml"]);
        }
        for args in runs {
            with_hostile(file)
                .args(["export"])
                .args(args.iter().copied())
                .args(["--format", format])
                .stderr_contains("error: this file is not a readable case record:\n")
                .stderr_contains(format!("\n{}", crate::harness::NOT_EXPORTED))
                .stderr_with(refusal(file.what, "r.yaml", file.phrase))
                .status(1)
                .absent("out")
                .run();
        }
    });
}

#[test]
fn hostile_records_are_refused_by_export_to_markdown() {
    export_refused("markdown", false);
}

#[test]
fn hostile_records_are_refused_by_export_to_html() {
    export_refused("html", false);
}

#[test]
fn hostile_records_are_refused_by_export_to_json() {
    export_refused("json", false);
}

#[test]
fn hostile_records_are_refused_by_export_to_csv() {
    export_refused("csv", true);
}

#[test]
fn hostile_answers_files_are_refused_by_run() {
    let answers = answers_file();
    let huge = "x".repeat(1024 * 1024);
    let at = answers.find("Ward-based").unwrap();
    let mut latin1 = answers.clone().into_bytes();
    latin1[at] = 0xe9;
    let cases: [(&str, Vec<u8>, &str); 6] = [
        (
            "text that is not UTF-8",
            latin1,
            "the file is not UTF-8 text (byte 0xE9)",
        ),
        (
            "a huge scalar for the whole file",
            format!("{huge}\n").into_bytes(),
            "expected the answers file (a mapping of fields), found text",
        ),
        (
            "a huge note",
            edit(&answers, FIRST_NOTE, &format!("note: {huge}")).into_bytes(),
            "the note: this is 1048576 characters long; the most accepted is 20000",
        ),
        (
            "a huge case reference",
            edit(
                &answers,
                "reference: CASE-2026-104",
                &format!("reference: {huge}"),
            )
            .into_bytes(),
            "the case reference is 1048576 characters long; the most accepted is 64",
        ),
        (
            "a huge text answer",
            edit(
                &answers,
                "answer: >-\n      Ledworth Valley",
                &format!("answer: >-\n      {huge} Ledworth Valley"),
            )
            .into_bytes(),
            "characters long; the most accepted is 20000",
        ),
        (
            "a huge signer's name",
            edit(&answers, "name: Tobias Wrenfield", &format!("name: {huge}")).into_bytes(),
            "this is 1048576 characters long; the most accepted is 20000",
        ),
    ];
    for (what, bytes, phrase) in cases {
        from_answers(bytes)
            .stderr_contains("error: the answers file is refused, and nothing was written:\n")
            .stderr_with(refusal(what, "a.yaml", phrase))
            .status(1)
            .absent("r.yaml")
            .run();
    }
}

/// A problem message quotes what it found in a file; a hostile file's value can be
/// megabytes, and must be cut short as the snippets are, not printed whole.
#[test]
fn a_huge_value_is_never_quoted_in_full() {
    let huge = "x".repeat(1024 * 1024);
    let record = signed("pharmacist-informal");
    let answers = answers_file();
    let cases: Vec<(&str, &str, String)> = vec![
        (
            "validate",
            "a framework's format",
            edit(
                BUILTIN_TEXT,
                "format: fairness-framework/1",
                &format!("format: {huge}"),
            ),
        ),
        (
            "validate",
            "a framework's unknown field",
            edit(
                BUILTIN_TEXT,
                "format: fairness-framework/1",
                &format!("format: fairness-framework/1\n? {huge}\n: 1"),
            ),
        ),
        (
            "validate",
            "an item's id",
            edit(
                BUILTIN_TEXT,
                "  - id: staff-group",
                &format!("  - id: staff-group{huge}"),
            ),
        ),
        (
            "verify",
            "a record's format",
            edit(
                &record,
                "format: \"fairness-record/2\"",
                &format!("format: \"{huge}\""),
            ),
        ),
        (
            "verify",
            "a record's status",
            edit(
                &record,
                "status: \"signed\"",
                &format!("status: \"{huge}\""),
            ),
        ),
        (
            "verify",
            "a record's unknown field",
            edit(
                &record,
                "status: \"signed\"",
                &format!("status: \"signed\"\n? {huge}\n: 1"),
            ),
        ),
        (
            "run",
            "an answers file's format",
            edit(
                &answers,
                "format: fairness-answers/1",
                &format!("format: {huge}"),
            ),
        ),
        (
            "run",
            "a choice's answer",
            edit(&answers, "answer: pharmacist", &format!("answer: {huge}")),
        ),
        (
            "run",
            "an item's key",
            edit(&answers, "  staff-group:", &format!("  ? {huge}\n  :")),
        ),
    ];
    for (command, what, text) in &cases {
        let args: &[&str] = match *command {
            "validate" => &["validate", "f.yaml"],
            "verify" => &["verify", "f.yaml"],
            _ => &["run", "--answers", "f.yaml", "-o", "r.yaml"],
        };
        // Each refusal is stated whole elsewhere; here, its size: neither stream
        // quotes the value in full.
        let bounded = move |stream: &str| {
            assert!(
                stream.len() < MOST_OUTPUT / 2,
                "{what} (`fairness {}`): quoted in full, {} bytes",
                args.join(" "),
                stream.len()
            );
        };
        Test::new()
            .file("f.yaml", text)
            .args(args.iter().copied())
            .stdout_with(bounded)
            .stderr_with(bounded)
            .status(1)
            .run();
    }
}

#[test]
fn path_tricks_in_a_record_s_case_reference_are_reported_not_accepted() {
    let device = |name: &str| {
        format!(
            "`{name}` is a device name on Windows and cannot be a file name; choose another reference"
        )
    };
    let contains = |what: &str| format!("the case reference cannot contain {what}: {FILE_NAME}");
    let start = "the case reference must start with a letter or a digit".to_owned();
    for (reference, problem) in [
        ("../x", contains("`/`")),
        ("../../etc/passwd", contains("`/`")),
        ("/etc/passwd", contains("`/`")),
        ("/dev/null", contains("`/`")),
        ("..", start.clone()),
        (".hidden", start.clone()),
        ("a\\b", contains("`\\`")),
        ("C:x", contains("`:`")),
        ("CON", device("CON")),
        ("NUL", device("NUL")),
        ("nul.yaml", device("nul.yaml")),
        ("com1", device("com1")),
        ("CASE\n1", contains("U+000A")),
    ] {
        // Signed and resealed, so that the reference is all that is wrong; and as a
        // draft.
        let mut record = built(&[], &[], true);
        record.case.reference = reference.to_owned();
        record.seal = Some(record.compute_seal());
        let mut draft = record.clone();
        draft.status = fairness::record::Status::Draft;
        draft.sign_off = None;
        draft.seal = None;
        let report = format!(
            "{}{}",
            crate::records::altered_line("r.yaml"),
            error(format!("`case.reference`: {problem}")).in_file("r.yaml")
        );
        for record in [record, draft] {
            verify(fairness::record::to_yaml(&record))
                .stdout(&report)
                .status(1)
                .run();
        }
    }
    // An empty reference does not read as a record at all.
    let mut record = built(&[], &[], true);
    record.case.reference = String::new();
    record.seal = Some(record.compute_seal());
    let text = fairness::record::to_yaml(&record);
    verify(&text)
        .stdout(unreadable(
            error("`reference` is empty").at("r.yaml", &text, "\"\""),
        ))
        .status(1)
        .run();
}

#[test]
fn one_very_long_word_is_shown_quickly_and_wrapped() {
    let word = "x".repeat(200_000);
    let fw = edit(
        BUILTIN_TEXT,
        "prompt: Which staff group does the practitioner belong to?",
        &format!("prompt: {word}"),
    );
    let fw = edit(
        &fw,
        "guidance: Describe the route in a sentence or two.",
        &format!("guidance: {word}"),
    );
    let long = warning("the prompt of `staff-group` is 200000 characters long")
        .at("f.yaml", &fw, &word)
        .help("keep prompts under 300 characters and move detail into `guidance`");
    Test::new()
        .file("f.yaml", &fw)
        .args(["validate", "f.yaml"])
        .stdout(format!(
            "{long}\nf.yaml: valid, 1 warning (5 principles, 70 items)\n"
        ))
        .run();
    for args in [
        &["show", "--framework", "f.yaml"][..],
        &["show", "--framework", "f.yaml", "--guidance"],
    ] {
        Test::new()
            .file("f.yaml", &fw)
            .env("COLUMNS", "100")
            .args(args.iter().copied())
            .stdout_with(move |out| {
                let widest = out.lines().map(|l| l.chars().count()).max();
                assert!(
                    widest.is_some_and(|w| w <= 100),
                    "{args:?}: a line of {widest:?} characters"
                );
                assert!(
                    out.contains(&"x".repeat(40)),
                    "{args:?}: the word is not shown at all"
                );
            })
            .stderr(format!("{long}\n"))
            .run();
    }
}
