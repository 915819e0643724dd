//! Who and why in the history: the name asked once at the start of a sitting and put
//! on every entry the sitting adds; the reason asked when a confirmed answer is
//! changed, required where the framework says so; an answers file's `name:`; and the
//! framework's `change_reason` checked like every other field.

#[cfg(unix)]
use fairness::record::Event;

use crate::harness::{Problem, Test, builtin, edit, error, private_record};
use crate::records::{answers, from_answers, read, without_sign_off};

const NAME: &str = "Dr Mira Castellan";

/// The pharmacist's draft, with the concern answered No (its note says why), made with
/// the framework `framework` (written as `f.yaml`) when one is given.
#[cfg(unix)]
fn said_no(framework: Option<&str>) -> Test<'static> {
    let text = edit(
        &without_sign_off(&answers("pharmacist-informal")),
        "  concern-specific:\n    answer: \"yes\"",
        "  concern-specific:\n    answer: \"no\"",
    );
    let made =
        from_answers(text).stdout_with(|out| assert!(out.starts_with("Draft written"), "{out}"));
    match framework {
        Some(fw) => made.file("f.yaml", fw).args(["--framework", "f.yaml"]),
        None => made,
    }
}

/// The built-in framework, needing a reason for every change of a confirmed answer.
fn reasons_required() -> String {
    format!("{}\nchange_reason: required\n", builtin().trim_end())
}

/// Resumes `r.yaml` in a terminal, names the sitting by hand, and changes the
/// concern's answer from No to Yes at the review (its note kept): up to the reason.
#[cfg(unix)]
fn change_the_concern(made: &crate::harness::Ran, framework: bool) -> crate::pty::Pty<'static> {
    let pty = made.pty().height(60).args(["run", "--resume", "r.yaml"]);
    // Named by hand, or as most tests do, by the harness on the way.
    let pty = match framework {
        true => pty.args(["--framework", "f.yaml"]).sitting(NAME),
        false => pty.line(crate::pty::SITTING, NAME),
    };
    pty.expect("What next?")
        .pick_here(1)
        .expect("Which answer?")
        .choose(10)
        .expect("Is the concern written down specifically")
        .repick(1, 0)
        .expect("Note (optional)")
        .line_ready()
        .key(crate::pty::Key::Enter)
}

#[cfg(unix)]
fn save_and_leave(pty: crate::pty::Pty) -> crate::pty::Pty {
    pty.expect("What next?").pick_here(2).expect("Draft saved")
}

#[cfg(unix)]
#[test]
fn the_sitting_name_is_asked_once_and_a_change_says_who_and_why_in_the_record_and_export() {
    let made = said_no(None).run();
    let ran = change_the_concern(&made, false)
        .line(
            "Why change it? (optional)",
            "The email turned out to be dated",
        )
        // The review shows the change under its item: what it was, who, and why.
        .expect("What next?")
        .pick_here(3)
        .expect("Review · every answer")
        .expect("↺ changed from “No” · ")
        .expect(format!(" · by {NAME} · reason: “The email"))
        .expect("Enter more · q stop")
        .send("q")
        .steps(save_and_leave)
        .run();
    assert_eq!(
        ran.stdout
            .matches("✔ Your name, for the record's history")
            .count(),
        1,
        "{}",
        ran.stdout
    );
    let record = read(&private_record(&ran.path("r.yaml")));
    let last = record.history.last().expect("the change is in the history");
    assert_eq!(last.event, Event::Changed);
    assert_eq!(last.item.as_deref(), Some("concern-specific"));
    assert_eq!(last.by.as_deref(), Some(NAME));
    assert_eq!(
        last.reason.as_deref(),
        Some("The email turned out to be dated")
    );
    ran.test()
        .args(["export", "r.yaml", "--format", "markdown"])
        .stderr_with(|err| assert!(err.contains("is a draft"), "{err}"))
        .stdout_with(|out| {
            assert!(
                out.contains(&format!(
                    "; by {NAME}; reason: “The email turned out to be dated”"
                )),
                "{out}"
            );
        })
        .run();
}

#[cfg(unix)]
#[test]
fn a_required_reason_is_refused_when_empty_and_then_accepted() {
    let made = said_no(Some(&reasons_required())).run();
    let ran = change_the_concern(&made, true)
        .line("Why change it? (a reason is needed)", "")
        .expect("the framework needs a reason for changing `concern-specific`")
        .send("Read the email again\r")
        .steps(save_and_leave)
        .run();
    let record = read(&private_record(&ran.path("r.yaml")));
    assert_eq!(record.answer("concern-specific").unwrap().answer, "yes");
    let last = record.history.last().unwrap();
    assert_eq!(last.reason.as_deref(), Some("Read the email again"));
    assert_eq!(last.by.as_deref(), Some(NAME));
}

#[cfg(unix)]
#[test]
fn esc_at_a_required_reason_keeps_the_old_answer() {
    let made = said_no(Some(&reasons_required())).run();
    let before = private_record(&made.path("r.yaml"));
    let ran = change_the_concern(&made, true)
        .expect("Why change it? (a reason is needed)")
        .line_ready()
        .key(crate::pty::Key::Esc)
        .expect("The answer is kept as it was.")
        .steps(save_and_leave)
        .run();
    let record = read(&private_record(&ran.path("r.yaml")));
    assert_eq!(record.answer("concern-specific").unwrap().answer, "no");
    assert!(
        !record.history.iter().any(|c| c.event == Event::Changed),
        "{:?}",
        record.history
    );
    assert_eq!(record.answers, read(&before).answers);
}

#[test]
fn an_answers_file_names_who_filled_it_in_and_a_signed_one_its_signer() {
    // The framework answers the nation itself: the record's first history entry.
    let framework = builtin().replacen("jurisdiction: null", "jurisdiction: wales", 1);
    let example = answers("wales-trainee-health");
    let named = without_sign_off(&example).replacen(
        "format: fairness-answers/1\n",
        &format!("format: fairness-answers/1\nname: {NAME}\n"),
        1,
    );
    assert_ne!(named, without_sign_off(&example));
    let run = |text: String| {
        from_answers(text)
            .file("f.yaml", &framework)
            .args(["--framework", "f.yaml"])
            .stdout_with(|out| assert!(out.contains("r.yaml"), "{out}"))
            .run()
    };
    let ran = run(named);
    let record = read(&private_record(&ran.path("r.yaml")));
    assert!(!record.history.is_empty());
    assert!(
        record.history.iter().all(|c| c.by.as_deref() == Some(NAME)),
        "{:?}",
        record.history
    );
    let ran = run(example.clone());
    let record = read(&private_record(&ran.path("r.yaml")));
    let signer = record.sign_off.as_ref().unwrap().name.clone();
    assert!(
        record
            .history
            .iter()
            .all(|c| c.by.as_deref() == Some(signer.as_str())),
        "{:?}",
        record.history
    );
    // Without a name: nobody is named.
    let ran = run(without_sign_off(&example));
    let record = read(&private_record(&ran.path("r.yaml")));
    assert!(record.history.iter().all(|c| c.by.is_none()));
}

/// `fairness validate f.yaml` of `text`: one error, `problem`.
fn refused(text: &str, problem: Problem) {
    Test::new()
        .file("f.yaml", text)
        .args(["validate", "f.yaml"])
        .stdout(format!("{problem}\nf.yaml: 1 error\n"))
        .status(1)
        .run();
}

#[test]
fn a_change_reason_that_is_not_optional_or_required_is_refused_where_it_is() {
    let text = edit(
        &builtin(),
        "    prompt: Which staff group does the practitioner belong to?\n",
        "    prompt: Which staff group does the practitioner belong to?\n    change_reason: always\n",
    );
    refused(
        &text,
        error("`always` is not a valid `change_reason`")
            .at("f.yaml", &text, "always")
            .help("`change_reason` is one of `optional` and `required`"),
    );
    let text = format!("{}\nchange_reason: sometimes\n", builtin().trim_end());
    refused(
        &text,
        error("`sometimes` is not a valid `change_reason`")
            .at("f.yaml", &text, "sometimes")
            .help("`change_reason` is one of `optional` and `required`"),
    );
}

#[test]
fn a_misspelt_change_reason_is_named_with_the_field_meant() {
    let text = edit(
        &builtin(),
        "    prompt: Which staff group does the practitioner belong to?\n",
        "    prompt: Which staff group does the practitioner belong to?\n    change_reasons: required\n",
    );
    refused(
        &text,
        error("unknown field `change_reasons` in item `staff-group`")
            .at("f.yaml", &text, "change_reasons")
            .help("did you mean `change_reason`?"),
    );
}

#[test]
fn a_framework_with_change_reason_is_valid() {
    let text = format!("{}\nchange_reason: required\n", builtin().trim_end());
    Test::new()
        .file("f.yaml", text)
        .args(["validate", "f.yaml"])
        .stdout("f.yaml: valid (5 principles, 70 items)\n")
        .run();
}

/// An amendment from an answers file changes a confirmed answer: where the framework
/// needs a reason, a change without one is refused at the answer, nothing is written,
/// and with the reason it is signed with the reason in its history.
#[test]
fn an_amendment_from_a_file_needs_the_reason_the_framework_requires() {
    let signed = Test::new()
        .file("f.yaml", reasons_required())
        .file("case.yaml", answers("pharmacist-informal"))
        .args(["run", "--answers", "case.yaml", "--framework", "f.yaml"])
        .stdout_any()
        .run();
    let fix = |reason: &str| {
        format!(
            "format: fairness-answers/1\ncase:\n  reference: CASE-2026-104\nanswers:\n  \
             concern-raised-on:\n    answer: \"2026-04-06\"\n    note: The date of the ward sister's email.\n{reason}\
             sign_off:\n  name: {NAME}\n  role: Case manager\n"
        )
    };
    let amend = [
        "amend",
        "CASE-2026-104.yaml",
        "--reason",
        "The date was wrong",
    ];
    let without = fix("");
    signed
        .test()
        .file("fix.yaml", &without)
        .args(amend)
        .args(["--answers", "fix.yaml", "--framework", "f.yaml"])
        .status(1)
        .stderr_contains("`concern-raised-on` changes the answer the record amended gives, and the framework needs a reason for that")
        .stderr_contains(format!(
            "fix.yaml:{}",
            crate::harness::place(&without, "\"2026-04-06\"")
        ))
        .absent("CASE-2026-104-v2.yaml")
        .stdout_any()
        .run();
    let ran = signed
        .test()
        .file(
            "fix.yaml",
            fix("    reason: The email was sent on the 6th.\n"),
        )
        .args(amend)
        .args(["--answers", "fix.yaml", "--framework", "f.yaml"])
        .stdout_contains("Signed and sealed: CASE-2026-104-v2.yaml")
        .run();
    let record = read(&ran.read("CASE-2026-104-v2.yaml"));
    let change = record
        .history
        .iter()
        .find(|c| c.item.as_deref() == Some("concern-raised-on"))
        .expect("the change is in the history");
    assert_eq!(
        change.reason.as_deref(),
        Some("The email was sent on the 6th.")
    );
    assert_eq!(change.by.as_deref(), Some(NAME));
}

/// A change that hides other items says which answers it withdrew, at once: they are
/// not taken away without a word (they stay in the history).
#[cfg(unix)]
#[test]
fn a_change_that_hides_items_says_which_answers_it_withdrew() {
    let made = from_answers(without_sign_off(&answers("locum-prescribing")))
        .stdout_any()
        .run();
    let ran = made
        .pty()
        .height(60)
        .args(["run", "--resume", "r.yaml"])
        .expect("What next?")
        .pick_here(1)
        .expect("Which answer?")
        .choose(12)
        .expect("Has Practitioner Performance Advice been contacted")
        .repick(0, 1)
        .line(
            "Note",
            "Not contacted after all: the first call was about another case.",
        )
        .line("Why change it? (optional)", "")
        .expect("2 items are no longer asked")
        .expect("them): “On what date was Practitioner Performance Advice first cont…”")
        .steps(save_and_leave)
        .run();
    let record = read(&private_record(&ran.path("r.yaml")));
    assert!(record.answer("advice-contacted-on").is_none());
    assert_eq!(
        record
            .history
            .iter()
            .filter(|c| c.event == Event::Withdrawn)
            .count(),
        2
    );
}
