use crate::fixtures::{alias_bomb, deeply_nested, renamed_title};
use crate::harness::{Problem, Test, builtin, edit, error, place_nth, repo_file, root, warning};

/// `fairness validate NAME`, with `text` as the file `NAME`.
fn validate(name: &str, text: impl AsRef<[u8]>) -> Test<'static> {
    Test::new().file(name, text).args(["validate", name])
}

/// The report `validate` prints for one file: each problem, then the verdict.
fn report(problems: &[Problem], verdict: &str) -> String {
    let mut out = String::new();
    for p in problems {
        out.push_str(&format!("{p}\n"));
    }
    out.push_str(verdict);
    out.push('\n');
    out
}

/// What `validate` prints on standard error for a file it cannot read.
fn unreadable(file: &str, why: &str) -> String {
    format!(
        "{}\n",
        error(format!("cannot read the file: {why}")).in_file(file)
    )
}

/// The help under a locked title that was changed.
fn locked_title_help(title: &str) -> String {
    format!("expected `{title}`; put your own wording in `summary`")
}

#[test]
fn the_builtin_framework_is_valid() {
    let path = root().join("framework/fairness-and-proportionality.yaml");
    let path = path.to_str().unwrap();
    Test::new()
        .args(["validate", path])
        .stdout(format!("{path}: valid (5 principles, 70 items)\n"))
        .run();
}

#[test]
fn an_honest_adaptation_is_valid() {
    // Reorders Principles, rewords, adds and removes items, adds local contacts, and
    // keeps every role of the built-in framework on the item that does that job.
    let text = repo_file("examples/adapted/kestrelmoor-framework.yaml");
    let equity = text.find("  - id: equity-and-proportionality").unwrap();
    let process = text.find("  - id: adherence-to-process").unwrap();
    assert!(
        equity < process,
        "the example should reorder the Principles"
    );
    let roles = |text: &str| -> std::collections::BTreeSet<String> {
        text.lines()
            .filter_map(|line| line.trim_start().strip_prefix("role: "))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        roles(&text),
        roles(&builtin()),
        "the example should keep every role"
    );
    validate("adapted.yaml", &text)
        .stdout("adapted.yaml: valid (5 principles, 70 items)\n")
        .run();
}

#[test]
fn principles_may_come_in_any_order_and_items_may_be_renamed() {
    let text = builtin();
    let start = text.find("  - id: understanding-the-issues").unwrap();
    let welfare = text.find("  - id: welfare-and-support").unwrap();
    // Move the first Principle to the end of the list, and rename one of its items.
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
        .stdout("reordered.yaml: valid (5 principles, 70 items)\n")
        .run();
}

/// Each broken example reports every problem it was written to show, each at its
/// place, and nothing else. (The snapshot tests pin each whole report, snippets and
/// help included.)
#[test]
fn each_broken_example_reports_its_problems_at_their_places() {
    // (example, [(message, text at the reported place, which occurrence of that text)])
    type Expected = &'static [(&'static str, &'static str, usize)];
    let cases: &[(&str, Expected)] = &[
        (
            "bad-choice",
            &[
                (
                    "error: `options` is only for `choice` items, and this is a `check` item",
                    "options:",
                    1,
                ),
                (
                    "error: `route` offers fewer than two distinct options",
                    "route\n",
                    1,
                ),
                (
                    "error: option `informal` is listed twice in `route`",
                    "informal, label",
                    2,
                ),
                (
                    "error: two options of `route` have the label `Informal resolution`",
                    "Informal resolution",
                    2,
                ),
            ],
        ),
        (
            "bad-dates",
            &[
                (
                    "error: `not_before` refers to `decision-made-on`, which is asked later",
                    "decision-made-on]",
                    1,
                ),
                (
                    "error: `past` is only for `date` items, and this is a `check` item",
                    "past: true",
                    3,
                ),
                (
                    "error: `not_before` refers to `concern-raised-onn`, which is not an item",
                    "concern-raised-onn",
                    1,
                ),
            ],
        ),
        (
            "bad-when",
            &[
                (
                    "error: `patient-safety-incident` cannot have the answer `maybe`",
                    "\"maybe\"",
                    1,
                ),
                (
                    "error: `when` refers to `route`, which is asked later",
                    "route, answer: formal",
                    1,
                ),
                (
                    "error: `route` cannot have the answer `informel`",
                    "informel",
                    1,
                ),
                (
                    "error: `route` cannot have the answer `formall`",
                    "formall",
                    1,
                ),
                (
                    "error: `when` refers to `rationale`, a `text` item",
                    "rationale, answer",
                    1,
                ),
            ],
        ),
        (
            "duplicate-ids",
            &[
                (
                    "error: `System_Factors` is not a valid id",
                    "System_Factors",
                    1,
                ),
                (
                    "error: id `policy-followed` is used more than once",
                    "policy-followed",
                    2,
                ),
            ],
        ),
        (
            "duplicated-principle",
            &[(
                "error: principle `welfare-and-support` appears more than once",
                "welfare-and-support",
                2,
            )],
        ),
        (
            "empty-principle",
            &[(
                "error: principle `practitioner-is-heard` has no items",
                "items: []",
                1,
            )],
        ),
        (
            "extra-principle",
            &[(
                "error: `value-for-money` is not one of the five Principles",
                "value-for-money",
                1,
            )],
        ),
        (
            "missing-principle",
            &[(
                "error: principle `practitioner-is-heard` (Ensuring the practitioner is heard) is missing",
                "principles:",
                1,
            )],
        ),
        (
            "misspelt-fields",
            &[
                (
                    "error: unknown field `promt` in item `health-and-wellbeing`",
                    "promt:",
                    1,
                ),
                (
                    "error: unknown field `guidence` in item `told-promptly`",
                    "guidence:",
                    1,
                ),
            ],
        ),
        (
            "near-miss-principle",
            &[(
                "error: unknown principle `understanding-issues`",
                "understanding-issues",
                1,
            )],
        ),
        (
            "renamed-principle",
            &[(
                "error: the title of principle `adherence-to-process` is locked",
                "Following the process",
                1,
            )],
        ),
        (
            "syntax-error",
            &[(
                "error: YAML syntax: mismatched bracket '[' closed by '}'",
                "[A formal",
                1,
            )],
        ),
        (
            "wrong-types",
            &[
                (
                    "error: `prompt` should be text, found a list",
                    "[Has each step",
                    1,
                ),
                (
                    "error: `required` should be true or false, found `no`",
                    "no\n",
                    1,
                ),
                ("error: `essay` is not a valid `answer`", "essay", 1),
            ],
        ),
    ];
    let mut examples: Vec<String> = std::fs::read_dir(root().join("examples/broken"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    examples.sort();
    let named: Vec<String> = cases.iter().map(|(n, _)| format!("{n}.yaml")).collect();
    assert_eq!(examples, named, "every broken example has its case here");

    for (name, problems) in cases {
        let file = format!("{name}.yaml");
        let text = repo_file(&format!("examples/broken/{file}"));
        let expected: Vec<String> = problems
            .iter()
            .map(|(message, at, nth)| {
                format!("{message}\n  --> {file}:{}", place_nth(&text, at, *nth))
            })
            .collect();
        let verdict = match problems.len() {
            1 => format!("{file}: 1 error\n"),
            n => format!("{file}: {n} errors\n"),
        };
        validate(&file, &text)
            .stdout_with(move |out| {
                // Each problem's first two lines: the message and its place.
                let lines: Vec<&str> = out.lines().collect();
                let found: Vec<String> = lines
                    .windows(2)
                    .filter(|w| w[0].starts_with("error: ") || w[0].starts_with("warning: "))
                    .map(|w| format!("{}\n{}", w[0], w[1]))
                    .collect();
                assert_eq!(found, expected);
                assert!(out.ends_with(&format!("\n\n{verdict}")), "the verdict");
            })
            .status(1)
            .run();
    }
}

#[test]
fn every_problem_in_a_file_is_reported_in_one_run() {
    let text = renamed_title();
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
    let f = "many.yaml";
    let problems = [
        error("the title of principle `adherence-to-process` is locked")
            .at(f, &text, "Process\n")
            .marks(7)
            .help(locked_title_help("Adherence to process")),
        error("unknown field `promt` in item `decisions-recorded`")
            .at(f, &text, "promt")
            .help("did you mean `prompt`?"),
        error("id `same-decision-test` is used more than once")
            .at_nth(f, &text, "same-decision-test", 2)
            .help(format!(
                "ids are unique across the file; the first is on line {}",
                crate::harness::line_of(&text, "same-decision-test")
            )),
        error("`route` cannot have the answer `elsewhere`")
            .at(f, &text, "elsewhere")
            .help("its answers are `no-further-action`, `informal`, `remediation-plan`, `advice-referral`, `formal`, `performers-list-action` and `other`"),
    ];
    validate(f, &text)
        .stdout(report(&problems, "many.yaml: 4 errors"))
        .status(1)
        .run();
}

#[test]
fn snippets_show_the_offending_line_with_a_caret_under_the_value() {
    let text = edit(
        &builtin(),
        "title: Adherence to process",
        "title: Adherence to the process",
    );
    let problem = error("the title of principle `adherence-to-process` is locked")
        .at("f.yaml", &text, "Adherence to the process")
        .help(locked_title_help("Adherence to process"));
    // Spelt out once, as a person reads it.
    let line = crate::harness::line_of(&text, "Adherence to the process");
    let gutter = " ".repeat(line.to_string().len());
    assert_eq!(
        problem.to_string(),
        format!(
            "error: the title of principle `adherence-to-process` is locked
  --> f.yaml:{line}:12
{gutter} |
{line} |     title: Adherence to the process
{gutter} |            ^^^^^^^^^^^^^^^^^^^^^^^^
{gutter} = help: expected `Adherence to process`; put your own wording in `summary`
"
        )
    );
    validate("f.yaml", &text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
}

#[test]
fn a_principle_renamed_by_its_title_is_recognised() {
    let text = edit(
        &builtin(),
        "  - id: welfare-and-support\n",
        "  - id: welfare\n",
    );
    // It is taken as a misspelling, not also reported as missing.
    let problem = error("unknown principle `welfare`")
        .at("f.yaml", &text, "welfare\n")
        .marks(7)
        .help("did you mean `welfare-and-support` (Ensuring welfare and support)? The ids and titles of the five Principles are locked");
    validate("f.yaml", &text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
}

#[test]
fn ids_must_be_unique_across_principles_and_items() {
    let text = edit(
        &builtin(),
        "      - id: confidentiality",
        "      - id: welfare-and-support",
    );
    let problem = error("id `welfare-and-support` is used more than once")
        .at_nth("f.yaml", &text, "welfare-and-support", 2)
        .help(format!(
            "ids are unique across the file; the first is on line {}",
            crate::harness::line_of(&text, "welfare-and-support")
        ));
    validate("f.yaml", &text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
}

#[test]
fn when_must_refer_to_an_item_that_exists() {
    let text = edit(
        &builtin(),
        "when: { item: advice-contacted, answer: \"yes\" }",
        "when: { item: advice-contactd, answer: \"yes\" }",
    );
    let problem = error("`when` refers to `advice-contactd`, which is not an item")
        .at("f.yaml", &text, "advice-contactd")
        .help("did you mean `advice-contacted`?");
    validate("f.yaml", &text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
}

/// How to write a condition, as the messages that refuse one say.
const CONDITION_HELP: &str = "write `when: { item: ID, answer: ANSWER }` for one answer, `any: [ANSWER, ANSWER]` for any of several, or `not: ANSWER` for any answer but one";

#[test]
fn a_condition_on_several_answers_or_on_all_but_one_is_valid_and_shown() {
    let text = edit(
        &edit(
            &builtin(),
            "when: { item: advice-contacted, answer: \"yes\" }",
            "when: { item: advice-contacted, any: [\"yes\", not-applicable] }",
        ),
        "when: { item: route, answer: other }",
        "when: { item: route, not: informal }",
    );
    validate("f.yaml", &text)
        .stdout("f.yaml: valid (5 principles, 70 items)\n")
        .run();
    Test::new()
        .file("f.yaml", &text)
        .args(["show", "--framework", "f.yaml"])
        // The table wraps the line at its column's width.
        .stdout_with(|out| {
            let words = out
                .replace(['│', '┆'], " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            for shown in [
                "· only if advice-contacted is yes or not-applicable",
                "· only if route has an answer other than informal",
            ] {
                assert!(words.contains(shown), "{shown} not in {out}");
            }
        })
        .run();
}

#[test]
fn a_condition_needs_exactly_one_of_answer_any_and_not() {
    let cases = [
        (
            "when: { item: advice-contacted, answer: \"yes\", not: \"no\" }",
            "`when` has both `answer` and `not`: it can have only one",
            "not: \"no\"",
        ),
        (
            "when: { item: advice-contacted }",
            "`when` has no `answer`, `any` or `not`",
            "{ item: advice-contacted }",
        ),
    ];
    for (condition, message, marked) in cases {
        let text = edit(
            &builtin(),
            "when: { item: advice-contacted, answer: \"yes\" }",
            condition,
        );
        let mut problem = error(message).at("f.yaml", &text, marked);
        // The key is marked, not its value; a missing field, where the mapping starts.
        if marked.starts_with("not") {
            problem = problem.marks(3);
        } else {
            problem = problem.marks(1);
        }
        validate("f.yaml", &text)
            .stdout(report(&[problem.help(CONDITION_HELP)], "f.yaml: 1 error"))
            .status(1)
            .run();
    }
    let text = edit(
        &builtin(),
        "when: { item: advice-contacted, answer: \"yes\" }",
        "when: { item: advice-contacted, any: [] }",
    );
    let problem = error("`any` lists no answers")
        .at("f.yaml", &text, "[]")
        .marks(1)
        .help("list the answers that show the item: `any: [ANSWER, ANSWER]`");
    validate("f.yaml", &text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
}

#[test]
fn each_answer_in_any_is_text_given_once() {
    for (answers, message, marked) in [
        ("[\"yes\", ~]", "an answer in `any` is empty", "~"),
        ("[\"yes\", \"\"]", "an answer in `any` is empty", "\"\""),
        (
            "[\"yes\", \"yes\"]",
            "`yes` is listed twice in `any`",
            "\"yes\"]",
        ),
        (
            "[\"yes\", { x: 1 }]",
            "each answer in `any` should be text, found a mapping",
            "{ x: 1 }",
        ),
    ] {
        let text = edit(
            &builtin(),
            "when: { item: advice-contacted, answer: \"yes\" }",
            &format!("when: {{ item: advice-contacted, any: {answers} }}"),
        );
        let marks = if marked.ends_with(']') {
            5
        } else if marked == "{ x: 1 }" {
            1
        } else {
            marked.len()
        };
        let problem = error(message).at("f.yaml", &text, marked).marks(marks);
        validate("f.yaml", &text)
            .stdout(report(&[problem], "f.yaml: 1 error"))
            .status(1)
            .run();
    }
}

#[test]
fn a_choice_needs_two_options() {
    let text = edit(
        &builtin(),
        "      - id: dentist\n        label: Dentist\n      - id: pharmacist\n        label: Pharmacist\n      - id: other\n        label: Another staff group\n",
        "",
    );
    let problem = error("`staff-group` offers fewer than two distinct options")
        .at("f.yaml", &text, "staff-group")
        .help("a `choice` needs at least two options; use `check` or `text` for anything else");
    validate("f.yaml", &text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
}

#[test]
fn required_if_no_is_only_for_check_items() {
    let text = edit(
        &builtin(),
        "    answer: text\n    when: { item: route, answer: other }",
        "    answer: text\n    note: required-if-no\n    when: { item: route, answer: other }",
    );
    let problem =
        error("`note: required-if-no` is only for `check` items, and this is a `text` item")
            .at("f.yaml", &text, "required-if-no")
            .help("use `optional` or `required`");
    validate("f.yaml", &text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
}

#[test]
fn missing_fields_and_unknown_top_level_fields_are_errors() {
    // Misspelt: one error, not also "has no `declaration`".
    let text = edit(&builtin(), "declaration: >-", "declaraton: >-");
    let problem = error("unknown field `declaraton` in the framework")
        .at("f.yaml", &text, "declaraton")
        .help("did you mean `declaration`?");
    validate("f.yaml", &text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
    let text = edit(&builtin(), "format: fairness-framework/1\n", "");
    let problem = error("the framework has no `format`")
        .at("f.yaml", &text, "name: Principles")
        .marks(1)
        .help("add `format: fairness-framework/1` as the first line");
    validate("f.yaml", &text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
}

#[test]
fn other_formats_are_named() {
    let text = "format: fairness-record/1\ncase: {}\n";
    validate("f.yaml", text)
        .stdout(report(
            &[
                error("this is a case record (`fairness-record/1`), not a framework")
                    .at("f.yaml", text, "fairness-record/1")
                    .help("`fairness validate` checks framework files"),
                error("unknown field `case` in the framework")
                    .at("f.yaml", text, "case")
                    .help("did you mean `name`?"),
            ],
            "f.yaml: 2 errors",
        ))
        .status(1)
        .run();
    let text = "format: fairness-framework/9\n";
    validate("f.yaml", text)
        .stdout(report(
            &[error("unsupported format `fairness-framework/9`")
                .at("f.yaml", text, "fairness-framework/9")
                .help("did you mean `fairness-framework/1`?")],
            "f.yaml: 1 error",
        ))
        .status(1)
        .run();
    let text = "- a\n- b\n";
    validate("f.yaml", text)
        .stdout(report(
            &[
                error("expected the framework (a mapping of fields), found a list")
                    .at("f.yaml", text, "-"),
            ],
            "f.yaml: 1 error",
        ))
        .status(1)
        .run();
}

#[test]
fn duplicate_keys_are_reported() {
    let text = edit(
        &builtin(),
        "version: \"2.1\"\n",
        "version: \"2.1\"\nversion: \"2.2\"\n",
    );
    let problem = error("field `version` is given twice in the framework")
        .at_nth("f.yaml", &text, "version", 2)
        .help(format!(
            "keep one; the first is on line {}",
            crate::harness::line_of(&text, "version: \"2.1\"")
        ));
    validate("f.yaml", &text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
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
    // The long prompt's line is cropped in its snippet, to 100 characters.
    let problems = [
        warning("text contains the control character \\u{1b}")
            .at("f.yaml", &text, "\"Doctor\\e[31m\"")
            .help("terminal control characters are shown escaped; remove them"),
        warning("the prompt of `rationale` is 419 characters long")
            .at("f.yaml", &text, &long)
            .help("keep prompts under 300 characters and move detail into `guidance`"),
    ];
    validate("f.yaml", &text)
        .stdout(report(
            &problems,
            "f.yaml: valid, 2 warnings (5 principles, 70 items)",
        ))
        .run();
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
    // The example is an older, smaller framework: it has no roles and no
    // practitioner_view, which are warned about too; its `route` item stands in for
    // the role.
    let problems = [
        warning("no item has `role: governing-policy`, so the practitioner's view will name the national policy of England for every case")
            .in_file("f.yaml")
            .help("give the `choice` item that asks which policy governs the case `role: governing-policy`"),
        warning("the framework has no `practitioner_view`, so the practitioner's view will use the built-in framework's introduction and account of how the process works")
            .in_file("f.yaml")
            .help("add a `practitioner_view` in your own words; `fairness init` writes the built-in one to start from"),
        warning("principle `adherence-to-process` has a single item")
            .at("f.yaml", &text, "adherence-to-process")
            .help("one question rarely covers a whole Principle; the built-in framework has five to seven"),
        warning("no item has `role: route`, so the practitioner's view uses the item `route` for it, by its id")
            .at("f.yaml", &text, "route\n")
            .help("add `role: route` to that item, so that the view still finds it if the item is renamed"),
    ];
    validate("f.yaml", &text)
        .stdout(report(
            &problems,
            "f.yaml: valid, 4 warnings (5 principles, 13 items)",
        ))
        .run();
}

#[test]
fn json_report_escapes_what_could_act_on_a_terminal() {
    // A C1 CSI (a YAML syntax error, shown in the snippet) and, in a second file, a
    // right-to-left override in an unknown field's name (in the message), each file
    // named with a right-to-left override too.
    let c1 = "c1\u{202e}lmy.yaml";
    let bidi = "bidi\u{202e}lmy.yaml";
    Test::new()
        .file(c1, "format: fairness-framework/1\nname: a\u{9b}2J\n")
        .file(bidi, "format: fairness-framework/1\nx\u{202e}y: 1\n")
        .args(["validate", "--format", "json", c1, bidi])
        // Parsed, and compared field by field: the escapes are what matters.
        .stdout_with(move |out| {
            for raw in ['\u{9b}', '\u{202e}'] {
                assert!(!out.contains(raw), "{raw:?} reached the terminal");
            }
            assert!(out.contains(r"\u009b") && out.contains(r"\u202e"));
            // Escaped, not lost: the JSON reads back as the files' own text.
            let json: serde_json::Value = serde_json::from_str(out).expect("valid JSON");
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
        })
        .status(1)
        .run();
}

#[test]
fn json_report_has_the_same_diagnostics() {
    let text = repo_file("examples/broken/misspelt-fields.yaml");
    let text_report = validate("f.yaml", &text)
        .stdout_any()
        .status(1)
        .run()
        .stdout;
    let at = crate::harness::place(&text, "promt:");
    Test::new()
        .file("f.yaml", &text)
        .args(["validate", "--format", "json", "f.yaml"])
        .stdout_with(move |out| {
            let json: serde_json::Value = serde_json::from_str(out).expect("valid JSON");
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
            assert_eq!(format!("{}:{}", first["line"], first["column"]), at);
            assert_eq!(
                first["snippet"],
                "        promt: Have health and wellbeing been considered?"
            );
            for d in diagnostics {
                assert!(text_report.contains(d["message"].as_str().unwrap()));
            }
        })
        .status(1)
        .run();
}

#[test]
fn several_files_are_all_reported_and_the_worst_sets_the_exit_code() {
    let good = builtin();
    let bad = renamed_title();
    let problem = error("the title of principle `adherence-to-process` is locked")
        .at("bad.yaml", &bad, "Process\n")
        .marks(7)
        .help(locked_title_help("Adherence to process"));
    Test::new()
        .file("good.yaml", &good)
        .file("bad.yaml", &bad)
        .args(["validate", "good.yaml", "bad.yaml"])
        .stdout(format!(
            "good.yaml: valid (5 principles, 70 items)\n{problem}\nbad.yaml: 1 error\n\n2 files checked: 1 valid, 1 not\n"
        ))
        .status(1)
        .run();
    Test::new()
        .file("good.yaml", &good)
        .file("bad.yaml", &bad)
        .args(["validate", "good.yaml", "bad.yaml", "missing.yaml"])
        .stdout(format!(
            "good.yaml: valid (5 principles, 70 items)\n{problem}\nbad.yaml: 1 error\nmissing.yaml: could not be read\n\n3 files checked: 1 valid, 2 not\n"
        ))
        .stderr(unreadable("missing.yaml", "no such file or folder"))
        .status(2)
        .run();
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
    let end = text.find("  - id: doctor-in-training").unwrap();
    let text = format!("{}{}", &text[..start], &text[end..]);
    let problem = error("the `options` of item `staff-group` are empty")
        .at("f.yaml", &text, "options: []")
        .marks(7)
        .help("a `choice` needs at least two options, each with an `id` and a `label`");
    validate("f.yaml", &text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
}

#[test]
fn a_mistyped_answer_kind_with_options_is_still_read_as_a_choice() {
    // One mistake, one error: the `when` on `route` is not wrongly refused as well.
    let text = edit(
        &builtin(),
        "    answer: choice\n    options:\n      - id: no-further-action",
        "    answer: choise\n    options:\n      - id: no-further-action",
    );
    let problem = error("`choise` is not a valid `answer`")
        .at("f.yaml", &text, "choise")
        .help("did you mean `choice`?");
    validate("f.yaml", &text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
}

#[test]
fn a_near_miss_principle_is_still_checked_for_its_other_problems() {
    let text = repo_file("examples/broken/empty-principle.yaml");
    let text = edit(
        &text,
        "  - id: practitioner-is-heard\n    title: Ensuring the practitioner is heard",
        "  - id: practitioner-heard\n    title: Ensuring practitioners are heard",
    );
    let f = "f.yaml";
    let problems = [
        error("unknown principle `practitioner-heard`")
            .at(f, &text, "practitioner-heard")
            .help("did you mean `practitioner-is-heard` (Ensuring the practitioner is heard)? The ids and titles of the five Principles are locked"),
        error("the title of principle `practitioner-is-heard` is locked")
            .at(f, &text, "Ensuring practitioners are heard")
            .help(locked_title_help("Ensuring the practitioner is heard")),
        error("principle `practitioner-is-heard` has no items")
            .at(f, &text, "items: []")
            .marks(5)
            .help("every Principle keeps at least one item"),
    ];
    validate(f, &text)
        .stdout(report(&problems, "f.yaml: 3 errors"))
        .status(1)
        .run();
}

#[test]
fn a_principle_known_by_its_title_is_not_also_missing() {
    let text = edit(
        &builtin(),
        "  - id: welfare-and-support\n    title:",
        "  - title:",
    );
    let problem = error("a principle has no `id`")
        .at("f.yaml", &text, "title: Ensuring welfare")
        .marks(1);
    validate("f.yaml", &text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
}

#[test]
fn when_cannot_name_a_principle() {
    let text = edit(
        &builtin(),
        "when: { item: route, answer: other }",
        "when: { item: welfare-and-support, answer: other }",
    );
    let problem = error("`when` refers to `welfare-and-support`, which is a Principle")
        .at_nth("f.yaml", &text, "welfare-and-support", 2)
        .help("`when` names an item, such as one of that Principle's items");
    validate("f.yaml", &text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
}

#[test]
fn a_quoted_boolean_gets_told_to_lose_its_quotes() {
    let text = edit(&builtin(), "    required: false", "    required: \"false\"");
    let problem = error("`required` should be true or false, found the text \"false\"")
        .at("f.yaml", &text, "\"false\"")
        .help("remove the quotes: `required: false`");
    validate("f.yaml", &text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
}

#[test]
fn messages_name_the_item_once_its_id_is_known() {
    let text = edit(
        &builtin(),
        "    answer: text\n    required: false",
        "    required: false",
    );
    let problem = error("item `actions` has no `answer`")
        .at("f.yaml", &text, "id: actions")
        .marks(1);
    validate("f.yaml", &text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
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
    let problem = error("unknown field `item` in principle `adherence-to-process`")
        .at("f.yaml", &text, "item:\n")
        .marks(4)
        .help("did you mean `items`?");
    validate("f.yaml", &text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
    // `principles` written as a mapping: not also five missing Principles.
    let text =
        "format: fairness-framework/1\nname: n\nversion: v\ndeclaration: d\nprinciples:\n  a: 1\n";
    let problem = error("`principles` should be a list, found a mapping")
        .at("f.yaml", text, "a: 1")
        .marks(1);
    validate("f.yaml", text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
    // `format: [x]`: wrong type only, not also empty.
    let text = "format: [x]\n";
    let problem = error("`format` should be text, found a list").at("f.yaml", text, "[");
    validate("f.yaml", text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
}

#[test]
fn a_misspelt_format_gets_a_suggestion() {
    let text = edit(
        &builtin(),
        "format: fairness-framework/1",
        "format: fairness-framwork/1",
    );
    let problem = error("unsupported format `fairness-framwork/1`")
        .at("f.yaml", &text, "fairness-framwork/1")
        .help("did you mean `fairness-framework/1`?");
    validate("f.yaml", &text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
}

#[test]
fn swapped_letters_get_a_suggestion() {
    let text = edit(
        &builtin(),
        "    title: Adherence to process",
        "    titel: Adherence to process",
    );
    let problem = error("unknown field `titel` in principle `adherence-to-process`")
        .at("f.yaml", &text, "titel")
        .help("did you mean `title`?");
    validate("f.yaml", &text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
}

#[test]
fn snippets_are_shown_for_files_with_any_line_ending() {
    let text = renamed_title();
    let problem = error("the title of principle `adherence-to-process` is locked")
        .at("f.yaml", &text, "Process\n")
        .marks(7)
        .help(locked_title_help("Adherence to process"));
    for ending in ["\r\n", "\r"] {
        validate("f.yaml", text.replace('\n', ending))
            .stdout(report(std::slice::from_ref(&problem), "f.yaml: 1 error"))
            .status(1)
            .run();
    }
}

mod hostile {
    use super::*;

    #[test]
    fn empty_and_comment_only_files() {
        for text in ["", "# only a comment\n\n"] {
            validate("f.yaml", text)
                .stdout(report(
                    &[error("the file is empty").in_file("f.yaml").help(
                        "a framework starts with `format: fairness-framework/1`; `fairness init` writes one to start from",
                    )],
                    "f.yaml: 1 error",
                ))
                .status(1)
                .run();
        }
    }

    #[test]
    fn text_that_is_not_utf8() {
        validate(
            "f.yaml",
            b"format: fairness-framework/1\nname: caf\xE9\n".as_slice(),
        )
        .stdout(report(
            &[error("the file is not UTF-8 text (byte 0xE9)")
                .at_line("f.yaml", 2, 10)
                .help("save it as UTF-8 text; frameworks, records and answers files are text")],
            "f.yaml: 1 error",
        ))
        .status(1)
        .run();
        validate("f.yaml", b"\xFF\xFEf\0o\0r\0".as_slice())
            .stdout(report(
                &[error("the file is UTF-16 text, not UTF-8")
                    .in_file("f.yaml")
                    .help("save it as UTF-8 and try again")],
                "f.yaml: 1 error",
            ))
            .status(1)
            .run();
    }

    #[test]
    fn binary_files() {
        let mut bytes = b"format: fairness-framework/1\n".to_vec();
        bytes.extend((0..=255u8).cycle().take(4096));
        // NUL is the first byte after the first line, but what is not UTF-8 is told first:
        // on line 4, after the cycle's LF (0x0A) and its lone CR (0x0D), which end a line
        // in every report fairness gives, as they do for the YAML parser.
        validate("f.bin", bytes)
            .stdout(report(
                &[error("the file is not UTF-8 text (byte 0x80)")
                    .at_line("f.bin", 4, 115)
                    .help("save it as UTF-8 text; frameworks, records and answers files are text")],
                "f.bin: 1 error",
            ))
            .status(1)
            .run();
        validate("f.yaml", b"name: a\0b\n".as_slice())
            .stdout(report(
                &[
                    error("the file contains a NUL byte: it looks like a binary file, not YAML")
                        .at_line("f.yaml", 1, 8),
                ],
                "f.yaml: 1 error",
            ))
            .status(1)
            .run();
    }

    #[test]
    fn files_over_the_size_limit() {
        let big = format!("name: {}\n", "x".repeat(9 * 1024 * 1024));
        validate("f.yaml", big)
            .stdout(report(
                &[
                    error("the file is larger than 8 MiB, the most this tool reads")
                        .in_file("f.yaml"),
                ],
                "f.yaml: 1 error",
            ))
            .status(1)
            .run();
    }

    #[test]
    fn alias_bombs() {
        let bomb = alias_bomb("fairness-framework/1");
        validate("f.yaml", &bomb)
            .stdout(report(
                &[
                    error("the file's aliases (`*name`) expand to more than can be read safely")
                        .at("f.yaml", &bomb, "*a4")
                        .marks(1)
                        .help("write the values out in full; frameworks, records and answers files need no aliases"),
                ],
                "f.yaml: 1 error",
            ))
            .status(1)
            .run();
    }

    #[test]
    fn deep_nesting() {
        let too_deep = "the file is nested more than 32 levels deep, too deep to read safely";
        let help = "frameworks, records and answers files need only a few levels of nesting";
        let [lists, mappings] = deeply_nested();
        let block: String = (0..200)
            .map(|i| format!("{}k:\n", "  ".repeat(i)))
            .collect();
        // Where reading stops: at the 33rd level, however it is written.
        for (text, marked, nth) in [(lists, "[", 256), (mappings, "{", 256), (block, "k:", 33)] {
            validate("f.yaml", &text)
                .stdout(report(
                    &[error(too_deep)
                        .at_nth("f.yaml", &text, marked, nth)
                        .marks(1)
                        .help(help)],
                    "f.yaml: 1 error",
                ))
                .status(1)
                .run();
        }
    }

    // Unix only: a named pipe among files is made with mkfifo; Windows' named pipes
    // live apart from files (\\.\pipe\), and its device test below covers what
    // is not a disk file.
    #[cfg(unix)]
    #[test]
    fn pipes_are_refused_not_waited_on() {
        let test = Test::new().args(["validate", "fifo"]);
        let made = std::process::Command::new("mkfifo")
            .arg(test.path("fifo"))
            .status()
            .unwrap();
        assert!(made.success());
        test.stdout("fifo: could not be read\n")
            .stderr(unreadable("fifo", "it is a pipe or socket, not a file"))
            .status(2)
            .run();
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
        // 25,000 problems: the first and last of each kind, and the count.
        validate("f.yaml", text)
            .stdout_contains("error: `Extra_0` is not a valid id\n")
            .stdout_contains("error: `Extra_19999` is not a valid id\n")
            .stdout_contains("error: `when` refers to `nowhere-0`, which is not an item\n")
            .stdout_contains("error: `when` refers to `nowhere-4999`, which is not an item\n")
            .stdout_with(|out| {
                assert_eq!(out.matches("\nerror: ").count() + 1, 25_000);
                assert!(out.ends_with("\n\nf.yaml: 25000 errors\n"));
            })
            .status(1)
            .run();
    }

    #[test]
    fn numbers_of_any_size_are_read_as_written() {
        let text = edit(&builtin(), "version: \"2.1\"", "version: .inf");
        let text = edit(
            &text,
            "guidance: Describe the route in a sentence or two.",
            "guidance: 1e999",
        );
        validate("f.yaml", text)
            .stdout("f.yaml: valid (5 principles, 70 items)\n")
            .run();
    }

    #[test]
    fn yaml_syntax_errors_and_several_documents() {
        let f = "f.yaml";
        let text = "format: fairness-framework/1\nname: [a, b\n";
        validate(f, text)
            .stdout(report(
                &[error("YAML syntax: unclosed bracket '['").at(f, text, "[")],
                "f.yaml: 1 error",
            ))
            .status(1)
            .run();
        let text = "format: fairness-framework/1\n---\nname: b\n";
        validate(f, text)
            .stdout(report(
                &[error("the file holds more than one YAML document")
                    .at(f, text, "name: b")
                    .marks(1)
                    .help("keep one document per file; remove the extra `---` line")],
                "f.yaml: 1 error",
            ))
            .status(1)
            .run();
        let text = "a:\n\tb: 1\n";
        validate(f, text)
            .stdout(report(
                &[
                    error("YAML syntax: tabs disallowed within this context (block indentation)")
                        .at(f, text, "b")
                        .help("indent with spaces: YAML does not allow tabs for indentation"),
                ],
                "f.yaml: 1 error",
            ))
            .status(1)
            .run();
        let text = edit(
            &builtin(),
            "    prompt: What is the rationale for the decision?",
            "    prompt: Rationale: why this route?",
        );
        validate(f, &text)
            .stdout(report(
                &[error("YAML syntax: mapping values are not allowed in this context")
                    .at(f, &text, ": why this route?")
                    .marks(1)
                    .help("text that contains `: ` must be in quotes, as in `prompt: \"Is it: yes?\"`")],
                "f.yaml: 1 error",
            ))
            .status(1)
            .run();
    }

    #[test]
    fn files_that_cannot_be_read_exit_two() {
        Test::new()
            .args(["validate", "nowhere.yaml"])
            .stdout("nowhere.yaml: could not be read\n")
            .stderr(unreadable("nowhere.yaml", "no such file or folder"))
            .status(2)
            .run();
        Test::new()
            .file("folder/x", "")
            .args(["validate", "folder"])
            .stdout("folder: could not be read\n")
            .stderr(unreadable("folder", "it is a folder, not a file"))
            .status(2)
            .run();
    }

    /// Devices as each system names them: on Windows, reserved names and one reached
    /// through the device namespace.
    #[cfg(unix)]
    const DEVICES: [&str; 2] = ["/dev/zero", "/dev/ptmx"];
    #[cfg(windows)]
    const DEVICES: [&str; 3] = ["NUL", "CON", r"\\.\NUL"];

    #[test]
    fn device_files_are_refused_not_read_forever() {
        for device in DEVICES {
            Test::new()
                .args(["validate", device])
                .stdout(format!("{device}: could not be read\n"))
                .stderr(unreadable(device, "it is a device, not a file"))
                .status(2)
                .run();
        }
    }
}

#[test]
fn an_unknown_role_is_an_error_at_its_place_with_the_nearest_role() {
    let text = edit(&builtin(), "    role: route\n", "    role: rout\n");
    let problem = error("`rout` is not a valid `role`")
        .at("f.yaml", &text, "rout\n")
        .marks(4)
        .help("did you mean `route`?");
    validate("f.yaml", &text)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
}

#[test]
fn a_role_belongs_to_one_item_and_to_a_choice() {
    let text = edit(
        &builtin(),
        "    role: governing-policy\n",
        "    role: route\n",
    );
    // The role of `setting`, moved to a `text` item.
    let text = edit(&text, "    role: setting\n", "");
    let text = edit(
        &text,
        "    answer: text\n    when: { item: route, answer: other }",
        "    answer: text\n    role: setting\n    when: { item: route, answer: other }",
    );
    let first_line = crate::harness::line_of(&text, "route\n    prompt");
    let problems = [
        error("`role: route` is given to two items, `policy-england` and `route`")
            .at_nth("f.yaml", &text, "route\n    prompt", 2)
            .marks(5)
            .help(format!(
                "a role belongs to one item, or to several that `when` keeps apart (each shown only for different answers of the same earlier item); the first is on line {first_line}"
            )),
        error("`role: setting` is for a `choice` item, and `route-other` is a `text` item")
            .at("f.yaml", &text, "setting\n    when")
            .marks(7)
            .help("reports across cases read this role's answer as one of a fixed list of options, and the practitioner's view shows only an answer chosen from a list; make the item a `choice`, or remove its `role`"),
    ];
    validate("f.yaml", &text)
        .stdout(report(&problems, "f.yaml: 2 errors"))
        .status(1)
        .run();
}

#[test]
fn an_adapted_framework_without_a_practitioner_view_is_given_the_built_in_wording() {
    let text = builtin();
    let start = text.find("practitioner_view:").unwrap();
    let end = text.find("\n# Asked first.").unwrap();
    let text = format!("{}{}", &text[..start], &text[end + 1..]);
    let problem = warning("the framework has no `practitioner_view`, so the practitioner's view will use the built-in framework's introduction and account of how the process works")
        .in_file("f.yaml")
        .help("add a `practitioner_view` in your own words; `fairness init` writes the built-in one to start from");
    validate("f.yaml", text)
        .stdout(report(
            &[problem],
            "f.yaml: valid, 1 warning (5 principles, 70 items)",
        ))
        .run();
}

/// The built-in framework asks the policy in one item for each nation, and the three
/// share `role: governing-policy`: `when` on `nation` keeps them apart, so no case asks
/// two of them. Let two be asked in one case and the role is refused at the second,
/// with the help that fits how they meet.
#[test]
fn the_policy_items_share_their_role_only_while_when_keeps_them_apart() {
    let text = builtin();
    for (id, nation) in [
        ("policy-england", "england"),
        ("policy-wales", "wales"),
        ("policy-northern-ireland", "northern-ireland"),
    ] {
        let start = text
            .find(&format!("  - id: {id}\n    role: governing-policy\n"))
            .unwrap_or_else(|| panic!("`{id}` has `role: governing-policy`"));
        let item = &text[start..start + text[start..].find("\n\n").unwrap()];
        assert!(
            item.contains(&format!("    when: {{ item: nation, answer: {nation} }}")),
            "`{id}` is asked in {nation} only"
        );
    }
    validate("f.yaml", &text)
        .stdout("f.yaml: valid (5 principles, 70 items)\n")
        .run();

    // The role of `policy-england`: the first of the three.
    let first = |text: &str| {
        crate::harness::line_of(text, "  - id: policy-england\n    role: governing-policy") + 1
    };
    // Wales's policy asked in England too: both `when`s can hold at once.
    let both = edit(
        &text,
        "when: { item: nation, answer: wales }",
        "when: { item: nation, any: [wales, england] }",
    );
    let problem = error("`role: governing-policy` is given to two items, `policy-england` and `policy-wales`")
        .at_nth("f.yaml", &both, "governing-policy\n    prompt", 2)
        .marks(16)
        .help(format!(
            "a role belongs to one item, or to several that `when` keeps apart; these two can both be asked. The first is on line {}",
            first(&both)
        ));
    validate("f.yaml", &both)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();

    // Northern Ireland's policy asked in every case.
    let always = edit(
        &text,
        "    when: { item: nation, answer: northern-ireland }\n",
        "",
    );
    let problem = error("`role: governing-policy` is given to two items, `policy-england` and `policy-northern-ireland`")
        .at_nth("f.yaml", &always, "governing-policy\n    prompt", 3)
        .marks(16)
        .help(format!(
            "a role belongs to one item, or to several that `when` keeps apart (each shown only for different answers of the same earlier item); the first is on line {}",
            first(&always)
        ));
    validate("f.yaml", &always)
        .stdout(report(&[problem], "f.yaml: 1 error"))
        .status(1)
        .run();
}

/// An explanation of `role: governing-policy` is for an answer one of the three policy
/// items can have; one that none of them has is refused, naming all three.
#[test]
fn an_explanation_of_a_shared_role_is_of_an_answer_one_of_its_items_has() {
    let anchor = "role: governing-policy\n      answer: local-policy\n";
    for (answer, help) in [
        ("local-polcy", "did you mean `local-policy`?".to_owned()),
        // Far from every answer: all of them are listed, each once, in asking order.
        (
            "mhps-scotland",
            "its answers are `mhps`, `performers-lists-england`, `performance-advisory-group`, `local-policy`, `upholding-professional-standards`, `performers-lists-wales`, `mhps-hpss` and `disciplinary-procedures-regulations`".to_owned(),
        ),
    ] {
        let text = edit(
            &builtin(),
            anchor,
            &format!("role: governing-policy\n      answer: {answer}\n"),
        );
        let problem = error(format!(
            "none of `policy-england`, `policy-wales` and `policy-northern-ireland` (`role: governing-policy`) can have the answer `{answer}`"
        ))
        .at("f.yaml", &text, &format!("{answer}\n"))
        .marks(answer.len())
        .help(help);
        validate("f.yaml", &text)
            .stdout(report(&[problem], "f.yaml: 1 error"))
            .status(1)
            .run();
    }
}
