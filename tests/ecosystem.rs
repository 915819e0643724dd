//! What fairness offers the tools around it: shell completions, manual pages and the
//! JSON Schema of the framework format. Each is used here the way a shell, `man` or an
//! editor would use it, and the schema is held to the same verdicts as `validate`.

use std::collections::BTreeSet;
#[cfg(unix)]
use std::io::Write;
#[cfg(unix)]
use std::path::Path;
#[cfg(unix)]
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::harness::{COMMANDS, Test, builtin, edit, repo_file, root};

const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "powershell", "elvish"];

/// The five Principles as framework/README.md lists them.
const PRINCIPLES: [(&str, &str); 5] = [
    ("understanding-the-issues", "Understanding the issues"),
    ("welfare-and-support", "Ensuring welfare and support"),
    (
        "practitioner-is-heard",
        "Ensuring the practitioner is heard",
    ),
    ("adherence-to-process", "Adherence to process"),
    ("equity-and-proportionality", "Equity and proportionality"),
];

/// The completion script for `shell`: clap's, so it is checked by the shells that read
/// it, not word for word.
fn completions(shell: &str) -> String {
    Test::new()
        .args(["completions", shell])
        .stdout_with(|script| assert!(script.contains("fairness"), "not a script for fairness"))
        .run()
        .stdout
}

/// Whether `program` can be run here. Tests that need another program are skipped
/// where it is missing, with a note, except under `.ci/run`, which installs them and
/// sets FAIRNESS_ALL_TOOLS so that a missing one fails the test instead.
///
/// Those programs (bash, zsh, fish, elvish, man) are Unix's, so the tests that run them
/// are Unix only; on Windows the completion script people use is PowerShell's, which
/// is checked above only for what it names.
#[cfg(unix)]
fn installed(program: &str) -> bool {
    let found = Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !found {
        assert!(
            std::env::var_os("FAIRNESS_ALL_TOOLS").is_none(),
            "`{program}` is not installed, and FAIRNESS_ALL_TOOLS asks for every tool"
        );
        eprintln!("note: `{program}` is not installed here; its checks are skipped");
    }
    found
}

#[test]
fn every_shell_gets_a_script_that_names_every_command() {
    for shell in SHELLS {
        let script = completions(shell);
        for command in COMMANDS {
            // How each generator lists a command: as a case of its own (bash,
            // PowerShell, elvish) or as a candidate with its description (zsh, fish).
            let marker = match shell {
                "bash" => format!("fairness,{command})"),
                "zsh" => format!("'{command}:"),
                "fish" => format!("-a \"{command}\" -d"),
                "powershell" => format!("'fairness;{command}'"),
                _ => format!("&'fairness;{command}'="),
            };
            assert!(
                script.contains(&marker),
                "the {shell} script lacks {marker:?}"
            );
        }
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    Test::new()
        .args(["completions", "tcsh"])
        .stderr(
            "error: invalid value 'tcsh' for '<SHELL>'
  [possible values: bash, elvish, fish, powershell, zsh]

  tip: a similar value exists: 'zsh'

For more information, try '--help'.
",
        )
        .status(2)
        .run();
}

/// What bash offers after `words`, the last being the word being completed.
#[cfg(unix)]
fn bash_completes(script: &Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let current = words.last().unwrap();
    let previous = words[words.len() - 2];
    let program = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={}\nCOMP_LINE='{}'\nCOMP_POINT=${{#COMP_LINE}}\n\
         _fairness fairness '{current}' '{previous}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display(),
        quoted.join(" "),
        words.len() - 1,
        words.join(" "),
    );
    let output = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

// Unix only: runs a Unix shell or man (see `installed`).
#[cfg(unix)]
#[test]
fn bash_completes_commands_export_formats_and_shells() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("fairness.bash");
    std::fs::write(&script, completions("bash")).unwrap();

    let commands = bash_completes(&script, &["fairness", ""]);
    for command in COMMANDS {
        assert!(commands.iter().any(|c| c == command), "{commands:?}");
    }
    assert_eq!(
        bash_completes(&script, &["fairness", "export", "--format", ""]),
        ["markdown", "html", "json", "csv", "signed-parts"]
    );
    let shells = bash_completes(&script, &["fairness", "completions", ""]);
    for shell in SHELLS {
        assert!(shells.iter().any(|s| s == shell), "{shells:?}");
    }
    assert_eq!(
        bash_completes(&script, &["fairness", "completions", "p"]),
        ["powershell"]
    );
    assert_eq!(bash_completes(&script, &["fairness", "sch"]), ["schema"]);
}

// Unix only: runs a Unix shell or man (see `installed`).
#[cfg(unix)]
#[test]
fn fish_completes_export_formats_with_their_descriptions() {
    if !installed("fish") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("fairness.fish");
    std::fs::write(&script, completions("fish")).unwrap();
    let program = format!(
        "source '{}'; complete --do-complete 'fairness export --format '",
        script.display()
    );
    let output = Command::new("fish")
        .args(["--no-config", "-c", &program])
        .output()
        .unwrap();
    let offered = String::from_utf8_lossy(&output.stdout);
    assert!(
        offered.contains("csv\tOne row per answer"),
        "{offered}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for format in ["html", "json", "markdown"] {
        assert!(offered.contains(&format!("{format}\t")), "{offered}");
    }
}

// Unix only: runs a Unix shell or man (see `installed`).
#[cfg(unix)]
#[test]
fn the_scripts_are_valid_shell_syntax() {
    let dir = tempfile::tempdir().unwrap();
    // bash is always here; zsh and fish are checked where they are installed (elvish
    // has a test of its own; PowerShell cannot be installed from Debian's packages).
    for (shell, check) in [("bash", "-n"), ("zsh", "-n"), ("fish", "--no-execute")] {
        if shell != "bash" && !installed(shell) {
            continue;
        }
        let script = dir.path().join(format!("fairness.{shell}"));
        std::fs::write(&script, completions(shell)).unwrap();
        let output = Command::new(shell)
            .arg(check)
            .arg(&script)
            .output()
            .unwrap();
        assert!(
            output.status.success() && output.stderr.is_empty(),
            "{shell} refuses the script: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// The elvish script, compiled and run by elvish outside its line editor: the two
/// names it takes from the editor (`edit:completion:arg-completer`, which it sets, and
/// `edit:complex-candidate`) are stood in for, so that what it offers can be seen.
// Unix only: runs a Unix shell or man (see `installed`).
#[cfg(unix)]
#[test]
fn elvish_compiles_the_script_and_it_offers_every_command() {
    if !installed("elvish") {
        return;
    }
    let script = completions("elvish");
    for name in ["edit:completion:arg-completer", "edit:complex-candidate"] {
        assert!(script.contains(name), "the script no longer uses {name}");
    }
    let script = script
        .replace("edit:completion:arg-completer", "arg-completer")
        .replace("edit:complex-candidate", "complex-candidate");
    let program = format!(
        "var arg-completer = [&]\nfn complex-candidate {{|@text &display=''| put $text[0] }}\n\
         {script}\nput ($arg-completer[fairness] fairness '')\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fairness.elv");
    std::fs::write(&file, &program).unwrap();
    let compiled = Command::new("elvish")
        .arg("-compileonly")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        compiled.status.success(),
        "elvish refuses the script: {}",
        String::from_utf8_lossy(&compiled.stdout)
    );
    let output = Command::new("elvish").arg(&file).output().unwrap();
    let offered = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{offered}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for command in COMMANDS {
        assert!(
            offered
                .lines()
                .any(|l| l.trim_start_matches("▶ ") == command),
            "{command} is not offered: {offered}"
        );
    }
}

#[test]
fn man_prints_fairness_1_with_every_command_and_the_exit_codes() {
    // The page is clap_mangen's roff: its parts, as `man` reads them.
    Test::new()
        .args(["man"])
        .stdout_with(|page| {
            assert!(page.contains(".TH fairness 1 "));
            assert!(page.contains(".SH NAME\nfairness \\- "));
            for section in ["SYNOPSIS", "DESCRIPTION", "OPTIONS", "SUBCOMMANDS"] {
                assert!(page.contains(&format!(".SH {section}\n")), "{section}");
            }
            for command in COMMANDS {
                assert!(
                    page.contains(&format!("\nfairness\\-{command}(1)\n")),
                    "{command} is not listed"
                );
            }
            assert!(!page.contains("fairness\\-help(1)"), "help has no page");
            assert!(
                page.contains(".SH \"EXIT STATUS\"\nExit codes: 0 success, 1 the input is invalid")
            );
            assert!(!page.contains(".SH EXTRA"));
        })
        .run();
}

// Unix only: runs a Unix shell or man (see `installed`).
#[cfg(unix)]
#[test]
fn the_man_page_renders_without_warnings() {
    if !installed("man") {
        return;
    }
    // What the page says is checked above; here, that `man` renders it cleanly.
    let page = Test::new().args(["man"]).stdout_any().run().stdout;
    let mut man = Command::new("man")
        .args(["--warnings", "-l", "-"])
        .env("MANWIDTH", "100")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    man.stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let output = man.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{output:?}");
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(text.contains("EXIT STATUS"), "{text}");
    assert!(text.contains("fairness-schema(1)"), "{text}");
    // man justifies its lines, widening the spaces between words.
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("130 stopped part-way"), "{text}");
}

#[test]
fn man_prints_the_page_of_one_command() {
    Test::new()
        .args(["man", "export"])
        .stdout_contains(".TH fairness-export 1 ")
        // The footer names the program and its version, not the command again.
        .stdout_contains(format!("\"fairness {}\"", env!("CARGO_PKG_VERSION")))
        .stdout_lacks("\"export \"")
        .stdout_contains("fairness\\-export \\- Turn case records into Markdown, HTML, JSON or CSV")
        .stdout_contains("\\fB\\-f\\fR, \\fB\\-\\-format\\fR")
        .stdout_contains("csv: One row per answer")
        .stdout_lacks(".SH SUBCOMMANDS")
        .run();
}

#[test]
fn man_refuses_an_unknown_command() {
    Test::new()
        .args(["man", "exprot"])
        .stderr("error: `exprot` is not a fairness command; did you mean `export`?\n")
        .status(2)
        .run();
    Test::new()
        .args(["man", "help"])
        .stderr("error: `help` is not a fairness command; the commands are `run`, `amend`, `validate`, `show`, `init`, `export`, `verify`, `countersign`, `cases`, `due`, `report`, `key`, `config`, `completions`, `man` and `schema`\n")
        .status(2)
        .run();
}

#[test]
fn man_writes_a_page_for_fairness_and_each_command_into_a_folder() {
    let outcome = Test::new()
        .args(["man", "-o", "share/man/man1"])
        .stdout("Wrote 19 manual pages into `share/man/man1`: fairness.1, fairness-run.1, fairness-amend.1, fairness-validate.1, fairness-show.1, fairness-init.1, fairness-export.1, fairness-verify.1, fairness-countersign.1, fairness-cases.1, fairness-due.1, fairness-report.1, fairness-key.1, fairness-key-new.1, fairness-key-show.1, fairness-config.1, fairness-completions.1, fairness-man.1, fairness-schema.1.\n")
        .run();
    let folder = outcome.path("share/man/man1");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let mut expected: Vec<String> = COMMANDS
        .iter()
        .map(|c| format!("fairness-{c}.1"))
        .chain(["fairness.1", "fairness-key-new.1", "fairness-key-show.1"].map(str::to_owned))
        .collect();
    expected.sort();
    assert_eq!(names, expected);
    for name in &names {
        let page = std::fs::read_to_string(folder.join(name)).unwrap();
        let title = name.trim_end_matches(".1");
        assert!(page.contains(&format!(".TH {title} 1 ")), "{name}:\n{page}");
    }
    let validate = std::fs::read_to_string(folder.join("fairness-validate.1")).unwrap();
    assert!(validate.contains("Exits 0 when every file is valid"));
}

#[test]
fn man_replaces_the_pages_it_wrote_before() {
    let stale = "stale page\n";
    let outcome = Test::new()
        .file("man1/fairness-run.1", stale)
        .args(["--quiet", "man", "--output", "man1"])
        .run();
    let page = std::fs::read_to_string(outcome.path("man1/fairness-run.1")).unwrap();
    assert!(page.contains(".TH fairness-run 1 "), "{page}");
}

#[test]
fn man_refuses_a_file_for_a_folder() {
    Test::new()
        .file("pages", "not a folder\n")
        .args(["man", "-o", "pages"])
        .stderr("error: `pages` is a file; `-o` names the folder to write the pages into\n")
        .status(2)
        .run();
}

// The schema.

fn schema() -> Value {
    // Compared by the tests below as JSON, key by key.
    let ran = Test::new()
        .args(["schema"])
        .stdout_with(|out| assert!(out.ends_with("}\n"), "one document, ended by a line break"))
        .run();
    serde_json::from_str(&ran.stdout).expect("the schema is JSON")
}

/// A YAML file as JSON, read as editors read YAML 1.2 (`yes` and `no` are text).
fn yaml_to_json(text: &str) -> Value {
    serde_saphyr::from_str_with_options(text, serde_saphyr::options! { strict_booleans: true })
        .expect("the file is YAML")
}

/// Every problem the schema finds in `text`, each as where it is (a JSON pointer) and
/// the keyword that failed: `/principles/3/title const`.
fn schema_errors(schema: &Value, text: &str) -> BTreeSet<String> {
    let validator = jsonschema::validator_for(schema).expect("the schema compiles");
    let instance = yaml_to_json(text);
    validator
        .iter_errors(&instance)
        .map(|e| format!("{} {}", e.instance_path().as_str(), e.kind().keyword()))
        .collect()
}

/// Whether `fairness validate` accepts `text`.
fn validate_accepts(text: &str) -> bool {
    let ran = Test::new()
        .file("framework.yaml", text)
        .args(["validate", "framework.yaml"])
        // The verdict is what is compared; the report is tested in validate.rs.
        .stdout_any()
        .status_in(&[0, 1])
        .run();
    ran.status == Some(0)
}

#[test]
fn the_schema_is_draft_07_with_the_format_and_the_five_principles_pinned() {
    let schema = schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["title"], "fairness-framework/1");
    assert_eq!(
        schema["properties"]["format"]["const"],
        "fairness-framework/1"
    );
    assert_eq!(
        schema["required"],
        json!(["format", "name", "version", "declaration", "principles"])
    );
    let principle = &schema["definitions"]["Principle"];
    assert_eq!(
        principle["properties"]["id"]["enum"],
        json!(PRINCIPLES.map(|(id, _)| id))
    );
    assert_eq!(
        principle["properties"]["title"]["enum"],
        json!(PRINCIPLES.map(|(_, title)| title))
    );
    let item = &schema["definitions"]["Item"]["properties"];
    assert_eq!(
        item["answer"]["enum"],
        json!(["check", "text", "date", "choice"])
    );
    assert!(
        item["id"]["description"]
            .as_str()
            .unwrap()
            .starts_with("A lowercase slug")
    );
}

#[test]
fn the_builtin_and_adapted_frameworks_match_the_schema() {
    let schema = schema();
    for path in [
        "framework/fairness-and-proportionality.yaml",
        "examples/adapted/kestrelmoor-framework.yaml",
    ] {
        assert_eq!(
            schema_errors(&schema, &repo_file(path)),
            BTreeSet::new(),
            "{path}"
        );
    }
}

#[test]
fn every_framework_in_the_repository_that_validate_accepts_matches_the_schema() {
    let schema = schema();
    let mut accepted = 0;
    // tests/fixtures holds the built-in framework 1.0, kept for the migration tests:
    // the schema must go on accepting frameworks adapted from it.
    for folder in [
        "framework",
        "examples/adapted",
        "examples/broken",
        "tests/fixtures",
    ] {
        for entry in std::fs::read_dir(root().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            if validate_accepts(&text) {
                accepted += 1;
                assert_eq!(
                    schema_errors(&schema, &text),
                    BTreeSet::new(),
                    "{}",
                    path.display()
                );
            }
        }
    }
    assert_eq!(
        accepted, 3,
        "the built-in framework, the adapted one and the kept 1.0"
    );
}

#[test]
fn the_schema_rejects_broken_frameworks_at_the_place_of_the_problem() {
    let schema = schema();
    for (file, expected) in [
        (
            "misspelt-fields.yaml",
            &[
                // `promt` for `prompt`: an unknown field, and no `prompt`.
                "/principles/1/items/0 additionalProperties",
                "/principles/1/items/0 required",
                // `guidence` for `guidance`.
                "/principles/2/items/0 additionalProperties",
            ][..],
        ),
        (
            "wrong-types.yaml",
            &[
                "/principles/3/items/0/prompt type",
                "/principles/3/items/1/required type",
                "/decision/1/answer enum",
            ],
        ),
        (
            "renamed-principle.yaml",
            &[
                "/principles/3/title enum",
                // And not the title locked with its id.
                "/principles/3/title const",
            ],
        ),
        (
            "near-miss-principle.yaml",
            &["/principles/0/id enum", "/principles contains"],
        ),
        (
            "extra-principle.yaml",
            &[
                "/principles maxItems",
                "/principles/5/id enum",
                "/principles/5/title enum",
            ],
        ),
        ("duplicated-principle.yaml", &["/principles maxItems"]),
        (
            "missing-principle.yaml",
            &["/principles minItems", "/principles contains"],
        ),
        ("empty-principle.yaml", &["/principles/2/items minItems"]),
        (
            // `options` on a `check` item; the repeated option is beyond a schema.
            "bad-choice.yaml",
            &["/principles/4/items/0/options falseSchema"],
        ),
        (
            // `System_Factors` is not a slug; the repeated id is beyond a schema.
            "duplicate-ids.yaml",
            &["/principles/0/items/1/id pattern"],
        ),
        (
            // `past` on a `check` item; what `not_before` names is beyond a schema.
            "bad-dates.yaml",
            &["/case_details/2/past falseSchema"],
        ),
    ] {
        let text = repo_file(&format!("examples/broken/{file}"));
        assert!(!validate_accepts(&text), "{file}");
        let expected: BTreeSet<String> = expected.iter().map(|e| e.to_string()).collect();
        assert_eq!(schema_errors(&schema, &text), expected, "{file}");
    }
}

#[test]
fn problems_that_need_the_whole_file_are_left_to_validate() {
    // `when` on a later item, on a text item and with an answer its item cannot have:
    // every field is well formed, so only `validate` can tell.
    let text = repo_file("examples/broken/bad-when.yaml");
    assert!(!validate_accepts(&text));
    assert_eq!(schema_errors(&schema(), &text), BTreeSet::new());
}

/// A framework with only the fields that must be there.
const MINIMAL: &str = "\
format: fairness-framework/1
name: Minimal
version: \"1\"
declaration: I have considered each Principle.
principles:
  - id: understanding-the-issues
    title: Understanding the issues
    items: [{ id: concern-specific, prompt: Is the concern specific?, answer: check }]
  - id: welfare-and-support
    title: Ensuring welfare and support
    items: [{ id: support-offered, prompt: Has support been offered?, answer: check }]
  - id: practitioner-is-heard
    title: Ensuring the practitioner is heard
    items: [{ id: heard, prompt: Has the practitioner been heard?, answer: check }]
  - id: adherence-to-process
    title: Adherence to process
    items: [{ id: policy-followed, prompt: Was the policy followed?, answer: check }]
  - id: equity-and-proportionality
    title: Equity and proportionality
    items: [{ id: proportionate, prompt: Is the response proportionate?, answer: check }]
";

#[test]
fn the_schema_and_validate_agree_on_variants_of_a_framework() {
    let schema = schema();
    let builtin = builtin();
    let at_actions = "    answer: text\n    required: false\n";
    let at_doctor = "      - id: doctor\n        label: Doctor\n";
    let at_safety = "    answer: check\n    note: optional\n";
    let at_when_yes = "when: { item: patient-safety-incident, answer: \"yes\" }";
    let variants: Vec<(&str, String)> = vec![
        // Accepted by both.
        ("only the required fields", MINIMAL.to_owned()),
        (
            "empty and null lists",
            format!("{MINIMAL}support: null\ncase_details: []\ndecision:\n"),
        ),
        (
            "an unquoted number as the version",
            edit(&builtin, "version: \"2.1\"", "version: 2026.10"),
        ),
        (
            "a jurisdiction",
            edit(&builtin, "jurisdiction: null", "jurisdiction: wales"),
        ),
        (
            "an organisation",
            edit(
                &builtin,
                "organisation: null",
                "organisation: Fernhollow Trust",
            ),
        ),
        (
            "a note required on a text item",
            edit(
                &builtin,
                at_actions,
                "    answer: text\n    note: required\n",
            ),
        ),
        (
            "required given as null",
            edit(
                &builtin,
                at_actions,
                "    answer: text\n    required: null\n",
            ),
        ),
        (
            "blank guidance",
            edit(
                &builtin,
                "    guidance: Describe the route in a sentence or two.\n",
                "    guidance: \"\"\n",
            ),
        ),
        (
            "`yes` unquoted in `when`",
            edit(
                &builtin,
                at_when_yes,
                "when: { item: patient-safety-incident, answer: yes }",
            ),
        ),
        (
            "a number as a label",
            edit(
                &builtin,
                at_doctor,
                "      - id: doctor\n        label: 1\n",
            ),
        ),
        // Refused by both.
        (
            "an unknown top-level field",
            format!("{MINIMAL}colour: blue\n"),
        ),
        (
            "another format",
            edit(MINIMAL, "fairness-framework/1", "fairness-record/1"),
        ),
        (
            "no declaration",
            edit(
                MINIMAL,
                "declaration: I have considered each Principle.\n",
                "",
            ),
        ),
        (
            "a blank prompt",
            edit(
                MINIMAL,
                "prompt: Is the concern specific?",
                "prompt: \"  \"",
            ),
        ),
        (
            "an unknown nation",
            edit(&builtin, "jurisdiction: null", "jurisdiction: scotland"),
        ),
        (
            "an id that is not a slug",
            edit(MINIMAL, "id: concern-specific", "id: Concern_Specific"),
        ),
        (
            "an id too long",
            edit(
                MINIMAL,
                "id: concern-specific",
                &format!("id: {}", "a".repeat(65)),
            ),
        ),
        (
            "`required` in quotes",
            edit(
                &builtin,
                at_actions,
                "    answer: text\n    required: \"false\"\n",
            ),
        ),
        (
            "`required-if-no` on a text item",
            edit(
                &builtin,
                at_actions,
                "    answer: text\n    note: required-if-no\n",
            ),
        ),
        (
            "an unknown note policy",
            edit(
                &builtin,
                at_safety,
                "    answer: check\n    note: sometimes\n",
            ),
        ),
        (
            "options on a text item",
            edit(
                &builtin,
                at_actions,
                "    answer: text\n    options: [{ id: a, label: A }, { id: b, label: B }]\n",
            ),
        ),
        (
            "a choice without options",
            edit(
                MINIMAL,
                "prompt: Is the concern specific?, answer: check",
                "prompt: Is the concern specific?, answer: choice",
            ),
        ),
        (
            "a choice with one option",
            edit(
                MINIMAL,
                "prompt: Is the concern specific?, answer: check",
                "prompt: Is the concern specific?, answer: choice, options: [{ id: a, label: A }]",
            ),
        ),
        (
            "an option with an unknown field",
            edit(
                &builtin,
                at_doctor,
                "      - id: doctor\n        label: Doctor\n        colour: red\n",
            ),
        ),
        (
            "`when` without an answer",
            edit(
                &builtin,
                at_when_yes,
                "when: { item: patient-safety-incident }",
            ),
        ),
        ("`when` as null", edit(&builtin, at_when_yes, "when: null")),
        (
            "a Principle with no items",
            edit(
                MINIMAL,
                "items: [{ id: heard, prompt: Has the practitioner been heard?, answer: check }]",
                "items: []",
            ),
        ),
        (
            "a Principle's title with its id swapped",
            edit(
                MINIMAL,
                "title: Adherence to process",
                "title: Equity and proportionality",
            ),
        ),
        // Conditions on several answers, or on all but one.
        (
            "a condition on any of several answers",
            edit(
                &builtin,
                at_when_yes,
                "when: { item: patient-safety-incident, any: [\"yes\", not-applicable] }",
            ),
        ),
        (
            "a condition on any answer but one",
            edit(
                &builtin,
                at_when_yes,
                "when: { item: patient-safety-incident, not: \"no\" }",
            ),
        ),
        (
            "a condition with both an answer and any",
            edit(
                &builtin,
                at_when_yes,
                "when: { item: patient-safety-incident, answer: \"yes\", any: [\"no\"] }",
            ),
        ),
        (
            "a condition with no test",
            edit(
                &builtin,
                at_when_yes,
                "when: { item: patient-safety-incident }",
            ),
        ),
        (
            "a condition on any of no answers",
            edit(
                &builtin,
                at_when_yes,
                "when: { item: patient-safety-incident, any: [] }",
            ),
        ),
        (
            "a condition with a blank answer in any",
            edit(
                &builtin,
                at_when_yes,
                "when: { item: patient-safety-incident, any: [\"yes\", ~] }",
            ),
        ),
        (
            "a condition with an answer twice in any",
            edit(
                &builtin,
                at_when_yes,
                "when: { item: patient-safety-incident, any: [\"yes\", \"yes\"] }",
            ),
        ),
        (
            "a condition with a list for not",
            edit(
                &builtin,
                at_when_yes,
                "when: { item: patient-safety-incident, not: [\"no\"] }",
            ),
        ),
    ];
    for (what, text) in &variants {
        let schema_accepts = schema_errors(&schema, text).is_empty();
        assert_eq!(
            schema_accepts,
            validate_accepts(text),
            "{what}: the schema {} it, and validate does not",
            if schema_accepts { "accepts" } else { "refuses" }
        );
    }
    // Both verdicts are tried: twelve variants are valid.
    let valid = variants
        .iter()
        .filter(|(_, text)| schema_errors(&schema, text).is_empty())
        .count();
    assert_eq!(valid, 12);
}

#[test]
fn the_schema_and_validate_agree_on_date_rules_and_roles() {
    use crate::dates::DATED;
    let schema = schema();
    let at_measure = "    prompt: Is an interim measure in place?\n    answer: check\n";
    let at_review = "    required: false\n    role: decision-review";
    let at_decided = "not_before: [raised-on, measure-from]";
    let variants: Vec<(&str, String)> = vec![
        // Accepted by both.
        ("dates with their rules and roles", DATED.to_owned()),
        (
            "`past: false`",
            edit(
                DATED,
                at_review,
                "    required: false\n    past: false\n    role: decision-review",
            ),
        ),
        (
            "`past` as null",
            edit(
                DATED,
                at_review,
                "    required: false\n    past: null\n    role: decision-review",
            ),
        ),
        (
            "one id in `not_before`, without a list",
            edit(DATED, at_decided, "not_before: raised-on"),
        ),
        (
            "a check role on a check",
            edit(
                DATED,
                at_measure,
                &format!("{at_measure}    role: regulator-referral\n"),
            ),
        ),
        // Refused by both.
        (
            "`past` on a check",
            edit(DATED, at_measure, &format!("{at_measure}    past: true\n")),
        ),
        (
            "`not_before` on a check",
            edit(
                DATED,
                at_measure,
                &format!("{at_measure}    not_before: raised-on\n"),
            ),
        ),
        (
            "`past` in quotes",
            edit(
                DATED,
                at_review,
                "    required: false\n    past: \"true\"\n    role: decision-review",
            ),
        ),
        (
            "an empty `not_before`",
            edit(DATED, at_decided, "not_before: []"),
        ),
        (
            "an id twice in `not_before`",
            edit(DATED, at_decided, "not_before: [raised-on, raised-on]"),
        ),
        (
            "`not_before` as a mapping",
            edit(DATED, at_decided, "not_before: { item: raised-on }"),
        ),
        (
            "a date role on a check",
            edit(
                DATED,
                at_measure,
                &format!("{at_measure}    role: measure-start\n"),
            ),
        ),
        (
            "a check role on a date",
            edit(DATED, "role: decision-review", "role: regulator-referral"),
        ),
        (
            "a choice role on a date",
            edit(DATED, "role: decision-review", "role: nation"),
        ),
        (
            "an unknown role",
            edit(DATED, "role: decision-review", "role: review"),
        ),
        (
            "an explanation for a date role",
            edit(
                DATED,
                "    - You will be heard before anything is decided.\n",
                "    - You will be heard before anything is decided.\n  explanations:\n    - { role: decision-made, answer: soon, text: Decided. }\n",
            ),
        ),
    ];
    for (what, text) in &variants {
        let schema_accepts = schema_errors(&schema, text).is_empty();
        assert_eq!(
            schema_accepts,
            validate_accepts(text),
            "{what}: the schema {} it, and validate does not",
            if schema_accepts { "accepts" } else { "refuses" }
        );
    }
    let valid = variants
        .iter()
        .filter(|(_, text)| schema_errors(&schema, text).is_empty())
        .count();
    assert_eq!(valid, 5);
}
