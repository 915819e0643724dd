//! Frameworks and answers files as editors save them, Notepad's habits first: CRLF line
//! ends and a UTF-8 byte-order mark, or the lone CR of old Macs. Each copy is read as
//! the same file as its original with LF line ends: the same report, its problems at
//! the same lines and columns, the same tables, the same record and the same framework
//! digest. Records are not read that way: a record's seal covers its bytes.

use fairness::file;

use crate::harness::{Ran, Test, answers_refused, edit, error, repo_file, root};
use crate::records::{EXAMPLES, answers, intact, signed};

/// A way of saving a file: what it is called, for the failure report, and what it
/// makes of the text.
type Saving = (&'static str, fn(&str) -> String);

/// The ways of saving a file that fairness reads as the file itself.
const SAVED: [Saving; 5] = [
    ("as Notepad saves it, CRLF and a byte-order mark", |t| {
        format!("\u{feff}{}", t.replace('\n', "\r\n"))
    }),
    ("with CRLF line ends", |t| t.replace('\n', "\r\n")),
    ("with a byte-order mark", |t| format!("\u{feff}{t}")),
    ("with the lone CR line ends of old Macs", |t| {
        t.replace('\n', "\r")
    }),
    // A file edited on two systems: every other line end CRLF.
    ("with mixed line ends", |t| {
        t.split_inclusive('\n')
            .enumerate()
            .map(|(n, line)| match n % 2 {
                0 => line.replace('\n', "\r\n"),
                _ => line.to_owned(),
            })
            .collect()
    }),
];

/// Notepad's copy of `text`.
fn notepad(text: &str) -> String {
    (SAVED[0].1)(text)
}

/// Runs `args` in a folder holding `files`, whatever it does.
fn run_with(files: &[(&str, String)], args: &[&str]) -> Ran {
    let mut test = Test::new();
    for (name, text) in files {
        test = test.file(name, text);
    }
    test.args(args.iter().copied())
        .stdout_any()
        .stderr_any()
        .status_in(&[0, 1, 2])
        .run()
}

/// Runs `args` with `files` as written, then with every file saved in each of the
/// [`SAVED`] ways, and checks that each run prints exactly what the first did and
/// exits alike. Returns the runs, the first with the files as written.
fn reads_the_same(files: &[(&str, &str)], args: &[&str]) -> Vec<Ran> {
    let as_written: Vec<(&str, String)> = files.iter().map(|(n, t)| (*n, t.to_string())).collect();
    let first = run_with(&as_written, args);
    let mut runs = vec![];
    for (how, save) in SAVED {
        // Shown with the failure, which names only the command.
        eprintln!("with every file {how}:");
        let mut test = Test::new();
        for (name, text) in files {
            test = test.file(name, save(text));
        }
        runs.push(
            test.args(args.iter().copied())
                .stdout(&first.stdout)
                .stderr(&first.stderr)
                .status(first.status.expect("the run ended"))
                .run(),
        );
    }
    runs.insert(0, first);
    runs
}

/// The example frameworks in `examples/` (adapted and broken), as `(path, text)`.
fn example_frameworks() -> Vec<(String, String)> {
    let mut paths = vec!["examples/adapted/kestrelmoor-framework.yaml".to_owned()];
    let mut broken: Vec<String> = std::fs::read_dir(root().join("examples/broken"))
        .unwrap()
        .map(|e| {
            format!(
                "examples/broken/{}",
                e.unwrap().file_name().to_str().unwrap()
            )
        })
        .collect();
    broken.sort();
    paths.extend(broken);
    paths
        .into_iter()
        .map(|p| {
            let text = repo_file(&p);
            (p, text)
        })
        .collect()
}

/// The framework `fairness init` writes.
fn initial_framework() -> String {
    Test::new()
        .args(["init", "-o", "-"])
        .stdout_any()
        .run()
        .stdout
}

#[test]
fn the_framework_init_writes_is_the_same_framework_saved_by_notepad() {
    let text = initial_framework();
    let file = [("ours.yaml", text.as_str())];
    reads_the_same(&file, &["validate", "ours.yaml"]);
    // The digest is the LF file's: records made with either copy name the same one.
    let json = &reads_the_same(&file, &["validate", "--format", "json", "ours.yaml"])[0].stdout;
    let json: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(json["files"][0]["digest"], file::digest(text.as_bytes()));
    for args in [
        &["show", "--framework", "ours.yaml"][..],
        &["show", "--guidance", "--framework", "ours.yaml"],
    ] {
        let shown = &reads_the_same(&file, args)[0].stdout;
        assert!(shown.contains(&format!("Digest: {}\n", file::digest(text.as_bytes()))));
    }
}

/// The adapted framework and every broken one: the same report, every problem at the
/// same line and column with the same snippet (which has no CR in it), as text and as
/// JSON; and `show` refuses the broken ones with the same report.
#[test]
fn every_example_framework_reads_the_same_saved_by_notepad() {
    for (path, text) in example_frameworks() {
        let file = [("f.yaml", text.as_str())];
        let runs = reads_the_same(&file, &["validate", "f.yaml"]);
        assert!(!runs[0].stdout.contains('\r'), "{path}");
        reads_the_same(&file, &["validate", "--format", "json", "f.yaml"]);
        reads_the_same(&file, &["show", "--framework", "f.yaml"]);
    }
}

/// A problem on the first line of a file with a byte-order mark is placed and marked as
/// in the file without one: the mark is not a column, and is not shown.
#[test]
fn a_problem_on_the_first_line_is_placed_as_if_there_were_no_byte_order_mark() {
    let text = format!(
        "format: fairness-framework/2\n{}",
        edit(&initial_framework(), "format: fairness-framework/1\n", "")
    );
    let problem = error("unsupported format `fairness-framework/2`")
        .at("f.yaml", &text, "fairness-framework/2")
        .help("did you mean `fairness-framework/1`?");
    Test::new()
        .file("f.yaml", &text)
        .args(["validate", "f.yaml"])
        .stdout(format!("{problem}\nf.yaml: 1 error\n"))
        .status(1)
        .run();
    reads_the_same(&[("f.yaml", &text)], &["validate", "f.yaml"]);
}

/// The record each example answers file writes, against the built-in framework and
/// against a framework file, both saved by Notepad: the same record (its times and seal
/// aside), with no CR in any answer or note (some have several lines), and the
/// framework's digest that of the LF file.
#[test]
fn every_example_answers_file_writes_the_same_record_saved_by_notepad() {
    let framework = initial_framework();
    for name in EXAMPLES {
        let answers = answers(name);
        for with_file in [false, true] {
            let mut args = vec!["run", "--answers", "a.yaml", "-o", "r.yaml"];
            let mut files = vec![("a.yaml", answers.clone())];
            if with_file {
                args.extend(["--framework", "ours.yaml"]);
                files.push(("ours.yaml", framework.clone()));
            }
            let as_written = run_with(&files, &args);
            assert_eq!(as_written.status, Some(0), "{}", as_written.stderr);
            let saved: Vec<(&str, String)> = files.iter().map(|(n, t)| (*n, notepad(t))).collect();
            let ran = run_with(&saved, &args);
            assert_eq!(ran.status, Some(0), "{}", ran.stderr);
            let (expected, record) = (as_written.read("r.yaml"), ran.read("r.yaml"));
            assert!(timeless(&record).contains("\n    answered: T\n"));
            assert_eq!(timeless(&record), timeless(&expected), "{name}");
            assert!(!record.contains('\r'), "{name}");
            let digest = crate::records::read(&record).framework.digest;
            if with_file {
                assert_eq!(digest, file::digest(framework.as_bytes()), "{name}");
            }
            ran.test()
                .args(["verify", "r.yaml"])
                .stdout(intact("r.yaml", &record))
                .run();
        }
    }
}

/// `text` with each time a record holds written as `T`, and without its seal, which
/// covers the times: two records made a second apart compare equal.
fn timeless(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("seal: "))
        .map(|line| match line.rsplit_once(": \"") {
            Some((key, value))
                if value.len() == 21 && fairness_time(&value[..20]) && value.ends_with('"') =>
            {
                format!("{key}: T\n")
            }
            _ => format!("{line}\n"),
        })
        .collect()
}

fn fairness_time(text: &str) -> bool {
    let shape = b"0000-00-00T00:00:00Z";
    text.len() == shape.len()
        && text.bytes().zip(shape).all(|(b, &s)| {
            if s == b'0' {
                b.is_ascii_digit()
            } else {
                b == s
            }
        })
}

/// An answers file that is refused names the same problems at the same places however
/// it was saved, the first two on its first line, and shows no CR or byte-order mark.
#[test]
fn a_refused_answers_file_is_refused_alike_saved_by_notepad() {
    let text = "answers: { staff-group: { answer: surgeon }, nonsuch: { answer: \"yes\", note: \"Two\n  lines\" } }\nformat: fairness-answers/1\ncase:\n  reference: CASE 1\n";
    let problems = [
        error("`staff-group`: `surgeon` is not one of this item's options: `doctor`, `dentist`, `pharmacist` and `other`")
            .at("a.yaml", text, "surgeon"),
        error("the framework has no item `nonsuch`")
            .at("a.yaml", text, "nonsuch")
            .help("`fairness show` lists every item's id"),
        error("the case reference cannot contain U+0020: it becomes the record's file name, so use only letters, digits, `-`, `_` and `.`")
            .at("a.yaml", text, "CASE 1"),
    ];
    Test::new()
        .file("a.yaml", text)
        .args(["run", "--answers", "a.yaml"])
        .stderr(answers_refused(&problems))
        .status(1)
        .run();
    reads_the_same(&[("a.yaml", text)], &["run", "--answers", "a.yaml"]);
}

/// A byte-order mark anywhere but at the start is not Notepad's: it is what joining two
/// files gives, and is refused where it is, at the same place in every copy.
#[test]
fn a_byte_order_mark_inside_a_file_is_refused_where_it_is() {
    let text = edit(
        &initial_framework(),
        "\norganisation: null\n",
        "\n\u{feff}organisation: null\n",
    );
    let runs = reads_the_same(&[("f.yaml", &text)], &["validate", "f.yaml"]);
    let line = crate::harness::line_of(&text, "\u{feff}organisation");
    assert!(
        runs[0].stdout.starts_with(&format!(
            "error: YAML syntax: a BOM must not appear inside a document\n  --> f.yaml:{line}:1\n"
        )),
        "{}",
        runs[0].stdout
    );
    assert_eq!(runs[0].status, Some(1));
}

/// What is not UTF-8 is placed where an editor shows it, in every copy.
#[test]
fn a_byte_that_is_not_utf8_is_placed_alike_in_every_copy() {
    let problem = |line, column| {
        format!(
            "{}\nf.yaml: 1 error\n",
            error("the file is not UTF-8 text (byte 0xE9)")
                .at_line("f.yaml", line, column)
                .help("save it as UTF-8 text; frameworks, records and answers files are text")
        )
    };
    let first = b"name: caf\xE9\nformat: fairness-framework/1\n";
    let second = b"format: fairness-framework/1\nname: caf\xE9\n";
    for (bytes, at) in [(&first[..], (1, 10)), (&second[..], (2, 10))] {
        let lf = bytes.to_vec();
        let crlf: Vec<u8> = lf
            .iter()
            .flat_map(|&b| {
                if b == b'\n' {
                    vec![b'\r', b'\n']
                } else {
                    vec![b]
                }
            })
            .collect();
        let mut notepad = b"\xEF\xBB\xBF".to_vec();
        notepad.extend(&crlf);
        let cr: Vec<u8> = lf
            .iter()
            .map(|&b| if b == b'\n' { b'\r' } else { b })
            .collect();
        for bytes in [lf, crlf, notepad, cr] {
            Test::new()
                .file("f.yaml", &bytes)
                .args(["validate", "f.yaml"])
                .stdout(problem(at.0, at.1))
                .status(1)
                .run();
        }
    }
}

/// Notepad's "Unicode" is UTF-16: refused, for a framework and an answers file alike,
/// with what to do.
#[test]
fn utf16_is_refused_with_what_to_do() {
    let utf16 = |text: &str, big_endian: bool| -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.replace('\n', "\r\n").encode_utf16() {
            bytes.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        bytes
    };
    let refusal = |file: &str| {
        error("the file is UTF-16 text, not UTF-8")
            .in_file(file)
            .help("save it as UTF-8 and try again")
    };
    for big_endian in [false, true] {
        Test::new()
            .file("f.yaml", utf16(&initial_framework(), big_endian))
            .args(["validate", "f.yaml"])
            .stdout(format!("{}\nf.yaml: 1 error\n", refusal("f.yaml")))
            .status(1)
            .run();
        Test::new()
            .file("a.yaml", utf16(&answers("dentist-health"), big_endian))
            .args(["run", "--answers", "a.yaml"])
            .stderr(format!(
                "error: the answers file is refused, and nothing was written:\n\n{}\n",
                refusal("a.yaml")
            ))
            .status(1)
            .run();
    }
}

/// A record is not a file a person edits: saved by Notepad it has been altered, and
/// `verify` says so, as it always has.
#[test]
fn a_record_saved_by_notepad_has_been_altered() {
    let record = signed("dentist-health");
    for (how, save) in SAVED {
        eprintln!("the record {how}:");
        Test::new()
            .file("r.yaml", save(&record))
            .args(["verify", "r.yaml"])
            .stdout_matches("^r\\.yaml: ALTERED: ")
            .status(1)
            .run();
    }
    Test::new()
        .file("r.yaml", record.replace('\n', "\r\n"))
        .args(["verify", "r.yaml"])
        .stdout_contains(
            "error: its line endings were changed (to CRLF), so it is not byte for byte as written\n",
        )
        .status(1)
        .run();
}
