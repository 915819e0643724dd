use crate::harness::old::Test;
use crate::harness::{builtin, edit, place, place_nth, repo_file, root};

fn validate(name: &str, text: impl AsRef<[u8]>) -> crate::harness::old::Outcome {
    Test::new().file(name, text).args(["validate", name]).run()
}

#[test]
fn the_builtin_framework_is_valid() {
    let path = root().join("framework/fairness-and-proportionality.yaml");
    Test::new()
        .args(["validate", path.to_str().unwrap()])
        .run()
        .code(0)
        .stdout_has("valid (5 principles, 41 items)")
        .stdout_lacks("error")
        .stdout_lacks("warning");
}

#[test]
fn an_honest_adaptation_is_valid() {
    // Reorders Principles, rewords, adds and removes items, adds local contacts.
    let text = repo_file("examples/adapted/kestrelmoor-framework.yaml");
    let outcome = validate("adapted.yaml", &text).code(0);
    assert!(
        outcome
            .stdout
            .contains("adapted.yaml: valid (5 principles, 42 items)"),
        "{}",
        outcome.stdout
    );
    let equity = text.find("  - id: equity-and-proportionality").unwrap();
    let process = text.find("  - id: adherence-to-process").unwrap();
    assert!(
        equity < process,
        "the example should reorder the Principles"
    );
}

#[test]
fn principles_may_come_in_any_order_and_items_may_be_removed() {
    let text = builtin();
    let start = text.find("  - id: understanding-the-issues").unwrap();
    let welfare = text.find("  - id: welfare-and-support").unwrap();
    // Move the first Principle to the end of the list, and drop one of its items.
    let first = &text[start..welfare];
    let first = edit(
        first,
        "      - id: whole-record",
        "      - id: whole-record-considered",
    );
    let decision = text.find("# Asked last.").unwrap();
    let reordered = format!(
        "{}{}{}{}",
        &text[..start],
        &text[welfare..decision],
        first,
        &text[decision..]
    );
    validate("reordered.yaml", reordered)
        .code(0)
        .stdout_has("valid");
}

/// Each broken example fails with the message it was written to show, at its place.
#[test]
fn each_broken_example_reports_its_problem_at_its_place() {
    // (example, message, text at the reported place, which occurrence of that text)
    let cases: &[(&str, &str, &str, usize)] = &[
        (
            "renamed-principle",
            "the title of principle `adherence-to-process` is locked",
            "Following the process",
            1,
        ),
        (
            "near-miss-principle",
            "unknown principle `understanding-issues`",
            "understanding-issues",
            1,
        ),
        (
            "missing-principle",
            "principle `practitioner-is-heard` (Ensuring the practitioner is heard) is missing",
            "principles:",
            1,
        ),
        (
            "extra-principle",
            "`value-for-money` is not one of the five Principles",
            "value-for-money",
            1,
        ),
        (
            "duplicated-principle",
            "principle `welfare-and-support` appears more than once",
            "welfare-and-support",
            2,
        ),
        (
            "empty-principle",
            "principle `practitioner-is-heard` has no items",
            "items: []",
            1,
        ),
        (
            "duplicate-ids",
            "id `policy-followed` is used more than once",
            "policy-followed",
            2,
        ),
        (
            "duplicate-ids",
            "`System_Factors` is not a valid id",
            "System_Factors",
            1,
        ),
        (
            "misspelt-fields",
            "unknown field `promt` in item `health-and-wellbeing`",
            "promt:",
            1,
        ),
        (
            "misspelt-fields",
            "unknown field `guidence` in item `told-promptly`",
            "guidence:",
            1,
        ),
        (
            "bad-when",
            "`patient-safety-incident` cannot have the answer `maybe`",
            "\"maybe\"",
            1,
        ),
        (
            "bad-when",
            "`when` refers to `route`, which is asked later",
            "route, answer: formal",
            1,
        ),
        (
            "bad-when",
            "`when` refers to `rationale`, a `text` item",
            "rationale, answer",
            1,
        ),
        (
            "bad-choice",
            "option `informal` is listed twice in `route`",
            "informal, label",
            2,
        ),
        (
            "bad-choice",
            "`route` offers fewer than two distinct options",
            "route\n",
            1,
        ),
        (
            "bad-choice",
            "`options` is only for `choice` items, and this is a `check` item",
            "options:",
            1,
        ),
        (
            "wrong-types",
            "`prompt` should be text, found a list",
            "[Has each step",
            1,
        ),
        (
            "wrong-types",
            "`required` should be true or false, found `no`",
            "no\n",
            1,
        ),
        ("wrong-types", "`essay` is not a valid `answer`", "essay", 1),
        (
            "syntax-error",
            "YAML syntax: mismatched bracket '[' closed by '}'",
            "[A formal",
            1,
        ),
    ];
    for (name, message, at, nth) in cases {
        let path = root().join(format!("examples/broken/{name}.yaml"));
        let text = std::fs::read_to_string(&path).unwrap();
        let place = place_nth(&text, at, *nth);
        let outcome = Test::new()
            .args(["validate", path.to_str().unwrap()])
            .run()
            .code(1);
        let expected = format!("error: {message}\n  --> {}:{place}\n", path.display());
        assert!(
            outcome.stdout.contains(&expected),
            "{name}: expected\n{expected}\nin\n{}",
            outcome.stdout
        );
    }
}

#[test]
fn every_problem_in_a_file_is_reported_in_one_run() {
    let text = edit(&builtin(), "title: Adherence to process", "title: Process");
    let text = edit(
        &text,
        "        prompt: Have the decisions made",
        "        promt: Have the decisions made",
    );
    let text = edit(
        &text,
        "      - id: bias-considered",
        "      - id: same-decision-test",
    );
    let text = edit(
        &text,
        "    when: { item: route, answer: other }",
        "    when: { item: route, answer: elsewhere }",
    );
    let outcome = validate("many.yaml", &text)
        .code(1)
        .stdout_has("many.yaml: 4 errors");
    for message in [
        "the title of principle `adherence-to-process` is locked",
        "unknown field `promt` in item `decisions-recorded`",
        "id `same-decision-test` is used more than once",
        "`route` cannot have the answer `elsewhere`",
    ] {
        assert!(
            outcome.stdout.contains(message),
            "lacks {message:?}:\n{}",
            outcome.stdout
        );
    }
}

#[test]
fn snippets_show_the_offending_line_with_a_caret_under_the_value() {
    let text = edit(
        &builtin(),
        "title: Adherence to process",
        "title: Adherence to the process",
    );
    let line = place(&text, "Adherence to the process");
    let (n, _) = line.split_once(':').unwrap();
    let gutter = " ".repeat(n.len());
    validate("f.yaml", &text).code(1).stdout_has(&format!(
        "  --> f.yaml:{n}:12\n{gutter} |\n{n} |     title: Adherence to the process\n{gutter} |            ^^^^^^^^^^^^^^^^^^^^^^^^\n{gutter} = help: expected `Adherence to process`"
    ));
}

#[test]
fn a_principle_renamed_by_its_title_is_recognised() {
    let text = edit(
        &builtin(),
        "  - id: welfare-and-support\n",
        "  - id: welfare\n",
    );
    validate("f.yaml", text)
        .code(1)
        .stdout_has("unknown principle `welfare`")
        .stdout_has("did you mean `welfare-and-support` (Ensuring welfare and support)?")
        // It is taken as a misspelling, not also reported as missing.
        .stdout_lacks("is missing");
}

#[test]
fn ids_must_be_unique_across_principles_and_items() {
    let text = edit(
        &builtin(),
        "      - id: confidentiality",
        "      - id: welfare-and-support",
    );
    validate("f.yaml", text)
        .code(1)
        .stdout_has("id `welfare-and-support` is used more than once");
}

#[test]
fn when_must_refer_to_an_item_that_exists() {
    let text = edit(
        &builtin(),
        "when: { item: advice-contacted, answer: \"yes\" }",
        "when: { item: advice-contactd, answer: \"yes\" }",
    );
    validate("f.yaml", text)
        .code(1)
        .stdout_has("`when` refers to `advice-contactd`, which is not an item")
        .stdout_has("did you mean `advice-contacted`?");
}

#[test]
fn a_choice_needs_two_options() {
    let text = edit(
        &builtin(),
        "      - id: dentist\n        label: Dentist\n      - id: pharmacist\n        label: Pharmacist\n      - id: other\n        label: Another staff group\n",
        "",
    );
    validate("f.yaml", text)
        .code(1)
        .stdout_has("`staff-group` offers fewer than two distinct options");
}

#[test]
fn required_if_no_is_only_for_check_items() {
    let text = edit(
        &builtin(),
        "    answer: text\n    when: { item: route, answer: other }",
        "    answer: text\n    note: required-if-no\n    when: { item: route, answer: other }",
    );
    validate("f.yaml", text)
        .code(1)
        .stdout_has("`note: required-if-no` is only for `check` items");
}

#[test]
fn missing_fields_and_unknown_top_level_fields_are_errors() {
    let text = edit(&builtin(), "declaration: >-", "declaraton: >-");
    validate("f.yaml", text)
        .code(1)
        .stdout_has("unknown field `declaraton` in the framework")
        .stdout_has("did you mean `declaration`?");
    let text = edit(&builtin(), "format: fairness-framework/1\n", "");
    validate("f.yaml", text)
        .code(1)
        .stdout_has("the framework has no `format`");
}

#[test]
fn other_formats_are_named() {
    validate("f.yaml", "format: fairness-record/1\ncase: {}\n")
        .code(1)
        .stdout_has("this is a case record (`fairness-record/1`), not a framework");
    validate("f.yaml", "format: fairness-framework/9\n")
        .code(1)
        .stdout_has("unsupported format `fairness-framework/9`");
    validate("f.yaml", "- a\n- b\n")
        .code(1)
        .stdout_has("expected the framework (a mapping of fields), found a list");
}

#[test]
fn duplicate_keys_are_reported() {
    let text = edit(
        &builtin(),
        "version: \"1.0\"\n",
        "version: \"1.0\"\nversion: \"2.0\"\n",
    );
    validate("f.yaml", text)
        .code(1)
        .stdout_has("field `version` is given twice in the framework");
}

#[test]
fn warnings_alone_exit_zero() {
    let long = "Is this a very long prompt? ".repeat(15);
    let text = edit(
        &builtin(),
        "    prompt: What is the rationale for the decision?",
        &format!("    prompt: {long}"),
    );
    let text = edit(&text, "label: Doctor", "label: \"Doctor\\e[31m\"");
    let outcome = validate("f.yaml", text)
        .code(0)
        .stdout_has("f.yaml: valid, 2 warnings");
    assert!(
        outcome.stdout.contains(
            "warning: the prompt of `rationale` is 419 characters long
"
        ),
        "{}",
        outcome.stdout
    );
    assert!(
        outcome
            .stdout
            .contains("warning: text contains the control character \\u{1b}"),
        "{}",
        outcome.stdout
    );
    assert!(
        !outcome.stdout.contains('\u{1b}'),
        "the escape reached the terminal"
    );
}

#[test]
fn a_principle_with_one_item_is_a_warning() {
    let text = repo_file("examples/broken/renamed-principle.yaml");
    let text = edit(
        &text,
        "title: Following the process",
        "title: Adherence to process",
    );
    let text = edit(
        &text,
        "      - id: decisions-recorded\n        prompt: Are decisions recorded with their reasons?\n        answer: check\n",
        "",
    );
    validate("f.yaml", text)
        .code(0)
        .stdout_has("warning: principle `adherence-to-process` has a single item");
}

#[test]
fn json_report_escapes_what_could_act_on_a_terminal() {
    // A C1 CSI (a YAML syntax error, shown in the snippet) and, in a second file, a
    // right-to-left override in an unknown field's name (in the message), each file
    // named with a right-to-left override too.
    let c1 = "c1\u{202e}lmy.yaml";
    let bidi = "bidi\u{202e}lmy.yaml";
    let outcome = Test::new()
        .file(c1, "format: fairness-framework/1\nname: a\u{9b}2J\n")
        .file(bidi, "format: fairness-framework/1\nx\u{202e}y: 1\n")
        .args(["validate", "--format", "json", c1, bidi])
        .run()
        .code(1);
    for raw in ['\u{9b}', '\u{202e}'] {
        assert!(
            !outcome.stdout.contains(raw),
            "{raw:?} reached the terminal:\n{}",
            outcome.stdout
        );
    }
    assert!(outcome.stdout.contains(r"\u009b") && outcome.stdout.contains(r"\u202e"));
    // Escaped, not lost: the JSON reads back as the files' own text.
    let json: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("valid JSON");
    let files = json["files"].as_array().unwrap();
    assert_eq!(files[0]["path"], c1);
    assert_eq!(files[1]["path"], bidi);
    let diagnostics = |n: usize| files[n]["diagnostics"].as_array().unwrap().clone();
    assert!(
        diagnostics(0)
            .iter()
            .any(|d| d["snippet"] == "name: a\u{9b}2J"),
        "{:#?}",
        diagnostics(0)
    );
    assert!(
        diagnostics(1)
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("x\u{202e}y")),
        "{:#?}",
        diagnostics(1)
    );
}

#[test]
fn json_report_has_the_same_diagnostics() {
    let text = repo_file("examples/broken/misspelt-fields.yaml");
    let outcome = validate("f.yaml", &text).code(1);
    let text_report = outcome.stdout;
    let outcome = Test::new()
        .file("f.yaml", &text)
        .args(["validate", "--format", "json", "f.yaml"])
        .run()
        .code(1);
    let json: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("valid JSON");
    let file = &json["files"][0];
    assert_eq!(file["path"], "f.yaml");
    assert_eq!(file["valid"], false);
    assert_eq!(file["errors"], 2);
    let diagnostics = file["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 2);
    let first = &diagnostics[0];
    assert_eq!(first["severity"], "error");
    assert_eq!(
        first["message"],
        "unknown field `promt` in item `health-and-wellbeing`"
    );
    assert_eq!(first["help"], "did you mean `prompt`?");
    let at = place(&text, "promt:");
    assert_eq!(format!("{}:{}", first["line"], first["column"]), at);
    assert_eq!(
        first["snippet"],
        "        promt: Have health and wellbeing been considered?"
    );
    for d in diagnostics {
        assert!(text_report.contains(d["message"].as_str().unwrap()));
    }
}

#[test]
fn several_files_are_all_reported_and_the_worst_sets_the_exit_code() {
    let good = builtin();
    let bad = edit(&good, "title: Adherence to process", "title: Process");
    Test::new()
        .file("good.yaml", &good)
        .file("bad.yaml", &bad)
        .args(["validate", "good.yaml", "bad.yaml"])
        .run()
        .code(1)
        .stdout_has("good.yaml: valid")
        .stdout_has("bad.yaml: 1 error")
        .stdout_has("2 files checked: 1 valid, 1 not");
    Test::new()
        .file("good.yaml", &good)
        .file("bad.yaml", &bad)
        .args(["validate", "good.yaml", "bad.yaml", "missing.yaml"])
        .run()
        .code(2)
        .stdout_has("missing.yaml: could not be read")
        .stdout_has("bad.yaml: 1 error");
}

#[test]
fn a_choice_with_an_empty_list_of_options_is_an_error() {
    let text = edit(
        &builtin(),
        "    options:\n      - id: doctor",
        "    options: []\n    x_removed:\n      - id: doctor",
    );
    // Drop the orphaned options that followed, by cutting to the next item.
    let start = text.find("    x_removed:").unwrap();
    let end = text.find("  - id: governing-policy").unwrap();
    let text = format!("{}{}", &text[..start], &text[end..]);
    validate("f.yaml", text)
        .code(1)
        .stdout_has("error: the `options` of item `staff-group` are empty");
}

#[test]
fn a_mistyped_answer_kind_with_options_is_still_read_as_a_choice() {
    // One mistake, one error: the `when` on `route` is not wrongly refused as well.
    let text = edit(
        &builtin(),
        "    answer: choice\n    options:\n      - id: no-further-action",
        "    answer: choise\n    options:\n      - id: no-further-action",
    );
    let outcome = validate("f.yaml", text)
        .code(1)
        .stdout_has("error: `choise` is not a valid `answer`")
        .stdout_has("did you mean `choice`?")
        .stdout_has("f.yaml: 1 error");
    assert!(!outcome.stdout.contains("cannot have the answer"));
}

#[test]
fn a_near_miss_principle_is_still_checked_for_its_other_problems() {
    let text = repo_file("examples/broken/empty-principle.yaml");
    let text = edit(
        &text,
        "  - id: practitioner-is-heard\n    title: Ensuring the practitioner is heard",
        "  - id: practitioner-heard\n    title: Ensuring practitioners are heard",
    );
    validate("f.yaml", text)
        .code(1)
        .stdout_has("unknown principle `practitioner-heard`")
        .stdout_has("the title of principle `practitioner-is-heard` is locked")
        .stdout_has("principle `practitioner-is-heard` has no items")
        .stdout_has("f.yaml: 3 errors");
}

#[test]
fn a_principle_known_by_its_title_is_not_also_missing() {
    let text = edit(
        &builtin(),
        "  - id: welfare-and-support\n    title:",
        "  - title:",
    );
    validate("f.yaml", text)
        .code(1)
        .stdout_has("a principle has no `id`")
        .stdout_lacks("is missing")
        .stdout_has("f.yaml: 1 error");
}

#[test]
fn when_cannot_name_a_principle() {
    let text = edit(
        &builtin(),
        "when: { item: route, answer: other }",
        "when: { item: welfare-and-support, answer: other }",
    );
    validate("f.yaml", text)
        .code(1)
        .stdout_has("`when` refers to `welfare-and-support`, which is a Principle");
}

#[test]
fn a_quoted_boolean_gets_told_to_lose_its_quotes() {
    let text = edit(&builtin(), "    required: false", "    required: \"false\"");
    validate("f.yaml", text)
        .code(1)
        .stdout_has("`required` should be true or false, found the text \"false\"")
        .stdout_has("remove the quotes: `required: false`");
}

#[test]
fn messages_name_the_item_once_its_id_is_known() {
    let text = edit(
        &builtin(),
        "    answer: text\n    required: false",
        "    required: false",
    );
    validate("f.yaml", text)
        .code(1)
        .stdout_has("error: item `actions` has no `answer`");
}

#[test]
fn one_mistake_gives_one_error() {
    // `item:` for `items:`: not also "has no items".
    let text = builtin();
    let start = text.find("  - id: adherence-to-process").unwrap();
    let items = start + text[start..].find("    items:\n").unwrap();
    let text = format!(
        "{}    item:\n{}",
        &text[..items],
        &text[items + "    items:\n".len()..]
    );
    validate("f.yaml", text)
        .code(1)
        .stdout_has("unknown field `item` in principle `adherence-to-process`")
        .stdout_has("did you mean `items`?")
        .stdout_has("f.yaml: 1 error");
    // `principles` written as a mapping: not also five missing Principles.
    validate(
        "f.yaml",
        "format: fairness-framework/1\nname: n\nversion: v\ndeclaration: d\nprinciples:\n  a: 1\n",
    )
    .code(1)
    .stdout_has("`principles` should be a list, found a mapping")
    .stdout_lacks("is missing")
    .stdout_has("f.yaml: 1 error");
    // `format: [x]`: wrong type only, not also empty.
    validate("f.yaml", "format: [x]\n")
        .code(1)
        .stdout_has("`format` should be text, found a list")
        .stdout_has("f.yaml: 1 error");
}

#[test]
fn a_misspelt_format_gets_a_suggestion() {
    let text = edit(
        &builtin(),
        "format: fairness-framework/1",
        "format: fairness-framwork/1",
    );
    validate("f.yaml", text)
        .code(1)
        .stdout_has("unsupported format `fairness-framwork/1`")
        .stdout_has("did you mean `fairness-framework/1`?");
}

#[test]
fn swapped_letters_get_a_suggestion() {
    let text = edit(
        &builtin(),
        "    title: Adherence to process",
        "    titel: Adherence to process",
    );
    validate("f.yaml", text)
        .code(1)
        .stdout_has("unknown field `titel` in principle `adherence-to-process`")
        .stdout_has("did you mean `title`?")
        .stdout_has("f.yaml: 1 error");
}

#[test]
fn snippets_are_shown_for_files_with_any_line_ending() {
    let text = edit(&builtin(), "title: Adherence to process", "title: Process");
    for ending in ["\r\n", "\r"] {
        let converted = text.replace('\n', ending);
        validate("f.yaml", converted)
            .code(1)
            .stdout_has("|     title: Process\n");
    }
}

mod hostile {
    use super::*;

    #[test]
    fn empty_and_comment_only_files() {
        validate("f.yaml", "")
            .code(1)
            .stdout_has("error: the file is empty");
        validate("f.yaml", "# only a comment\n\n")
            .code(1)
            .stdout_has("error: the file is empty");
    }

    #[test]
    fn text_that_is_not_utf8() {
        validate(
            "f.yaml",
            b"format: fairness-framework/1\nname: caf\xE9\n".as_slice(),
        )
        .code(1)
        .stdout_has("error: the file is not UTF-8 text (byte 0xE9)\n  --> f.yaml:2:10");
        validate("f.yaml", b"\xFF\xFEf\0o\0r\0".as_slice())
            .code(1)
            .stdout_has("the file is UTF-16 text, not UTF-8");
    }

    #[test]
    fn binary_files() {
        let mut bytes = b"format: fairness-framework/1\n".to_vec();
        bytes.extend((0..=255u8).cycle().take(4096));
        let outcome = validate("f.bin", bytes).code(1);
        assert!(
            outcome.stdout.contains("NUL byte") || outcome.stdout.contains("not UTF-8"),
            "{}",
            outcome.stdout
        );
        validate("f.yaml", b"name: a\0b\n".as_slice())
            .code(1)
            .stdout_has("the file contains a NUL byte")
            .stdout_has("f.yaml:1:8");
    }

    #[test]
    fn files_over_the_size_limit() {
        let big = format!("name: {}\n", "x".repeat(9 * 1024 * 1024));
        validate("f.yaml", big)
            .code(1)
            .stdout_has("the file is larger than 8 MiB");
    }

    #[test]
    fn alias_bombs() {
        let mut bomb = String::from(
            "format: fairness-framework/1\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
        );
        for i in 1..12 {
            let refs = vec![format!("*a{}", i - 1); 9].join(", ");
            bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        validate("f.yaml", bomb)
            .code(1)
            .stdout_has("the file's aliases (`*name`) expand to more than can be read safely");
    }

    #[test]
    fn deep_nesting() {
        let too_deep = "the file is nested more than 32 levels deep";
        let deep = format!("{}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        validate("f.yaml", deep)
            .code(1)
            .stdout_has(too_deep)
            .stdout_has("f.yaml:1:");
        let deep = format!("{}{}\n", "{a: ".repeat(100_000), "}".repeat(100_000));
        validate("f.yaml", deep).code(1).stdout_has(too_deep);
        let block: String = (0..200)
            .map(|i| format!("{}k:\n", "  ".repeat(i)))
            .collect();
        validate("f.yaml", block).code(1).stdout_has(too_deep);
    }

    #[test]
    fn pipes_are_refused_not_waited_on() {
        let test = Test::new().args(["validate", "fifo"]);
        let fifo = test.path("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        test.run()
            .code(2)
            .stderr_has("it is a pipe or socket, not a file")
            .stdout_has("fifo: could not be read");
    }

    #[test]
    fn many_problems_are_reported_in_linear_time() {
        // 20,000 mistakes, each with a snippet, and 5,000 `when` references to no item.
        // Quadratic work here took minutes; linear work is far inside the hang limit.
        let mut extra = String::new();
        for i in 0..20_000 {
            extra.push_str(&format!(
                "      - id: Extra_{i}\n        prompt: Q{i}?\n        answer: check\n"
            ));
        }
        for i in 0..5_000 {
            extra.push_str(&format!(
                "      - id: extra-when-{i}\n        prompt: W{i}?\n        answer: check\n        when: {{ item: nowhere-{i}, answer: \"yes\" }}\n"
            ));
        }
        let text = edit(
            &builtin(),
            "      - id: whole-record\n",
            &format!("{extra}      - id: whole-record\n"),
        );
        let outcome = validate("f.yaml", text)
            .code(1)
            .stdout_has("f.yaml: 25000 errors");
        assert!(outcome.stdout.contains("`Extra_19999` is not a valid id"));
        assert!(
            outcome
                .stdout
                .contains("`when` refers to `nowhere-4999`, which is not an item")
        );
    }

    #[test]
    fn numbers_of_any_size_are_read_as_written() {
        let text = edit(&builtin(), "version: \"1.0\"", "version: .inf");
        let text = edit(
            &text,
            "guidance: Describe the route in a sentence or two.",
            "guidance: 1e999",
        );
        validate("f.yaml", text).code(0).stdout_has("valid");
    }

    #[test]
    fn yaml_syntax_errors_and_several_documents() {
        validate("f.yaml", "format: fairness-framework/1\nname: [a, b\n")
            .code(1)
            .stdout_has("error: YAML syntax:")
            .stdout_has("f.yaml:");
        validate("f.yaml", "format: fairness-framework/1\n---\nname: b\n")
            .code(1)
            .stdout_has("the file holds more than one YAML document");
        validate("f.yaml", "a:\n\tb: 1\n")
            .code(1)
            .stdout_has("YAML syntax: tabs")
            .stdout_has("indent with spaces");
        let text = edit(
            &builtin(),
            "    prompt: What is the rationale for the decision?",
            "    prompt: Rationale: why this route?",
        );
        validate("f.yaml", text)
            .code(1)
            .stdout_has("YAML syntax: mapping values are not allowed")
            .stdout_has("text that contains `: ` must be in quotes");
    }

    #[test]
    fn files_that_cannot_be_read_exit_two() {
        Test::new()
            .args(["validate", "nowhere.yaml"])
            .run()
            .code(2)
            .stderr_has("nowhere.yaml")
            .stderr_has("cannot read the file: no such file or folder")
            .stdout_lacks("cannot read")
            .stdout_has("nowhere.yaml: could not be read");
        Test::new()
            .file("folder/x", "")
            .args(["validate", "folder"])
            .run()
            .code(2)
            .stderr_has("it is a folder, not a file");
    }

    #[test]
    fn device_files_are_refused_not_read_forever() {
        for device in ["/dev/zero", "/dev/ptmx"] {
            Test::new()
                .args(["validate", device])
                .run()
                .code(2)
                .stderr_has("it is a device, not a file");
        }
    }
}
