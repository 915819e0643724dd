//! Date rules and roles: `past` (a date that may not lie ahead) and `not_before` (a
//! date that should not come before another), validated with their places, held to in
//! answers files and in a terminal, and warned about at the review; and roles, each for
//! the kind of answer it needs.

use crate::harness::{Problem, Test, answers_refused, edit, error};
use crate::records::signed_and_sealed;

/// A small framework with dated items: the concern raised (not in the future), an
/// interim measure and its start, the decision (not before either) and its review
/// (which may lie ahead).
pub const DATED: &str = r#"format: fairness-framework/1
name: Dated
version: "1"
declaration: I have considered each Principle.
practitioner_view:
  introduction: A concern has been raised about your practice.
  process:
    - You will be heard before anything is decided.
case_details:
  - id: raised-on
    prompt: When was the concern raised?
    answer: date
    past: true
    role: concern-raised
  - id: measure
    prompt: Is an interim measure in place?
    answer: check
  - id: measure-from
    prompt: When did the measure begin?
    answer: date
    past: true
    not_before: raised-on
    when: { item: measure, answer: "yes" }
principles:
  - id: understanding-the-issues
    title: Understanding the issues
    items:
      - { id: concern-specific, prompt: Is the concern specific?, answer: check }
      - { id: context-considered, prompt: Has the context been considered?, answer: check }
  - id: welfare-and-support
    title: Ensuring welfare and support
    items:
      - { id: support-offered, prompt: Has support been offered?, answer: check }
      - { id: wellbeing-considered, prompt: Has wellbeing been considered?, answer: check }
  - id: practitioner-is-heard
    title: Ensuring the practitioner is heard
    items:
      - { id: account-given, prompt: Has the practitioner given their account?, answer: check }
      - { id: told-promptly, prompt: Was the practitioner told promptly?, answer: check }
  - id: adherence-to-process
    title: Adherence to process
    items:
      - { id: policy-followed, prompt: Was the policy followed?, answer: check }
      - { id: timescales-kept, prompt: Were timescales kept?, answer: check }
  - id: equity-and-proportionality
    title: Equity and proportionality
    items:
      - { id: proportionate, prompt: Is the response proportionate?, answer: check }
      - { id: bias-considered, prompt: Has bias been considered?, answer: check }
decision:
  - id: policy
    prompt: Which policy governs the case?
    answer: choice
    role: governing-policy
    options:
      - { id: national, label: The national policy }
      - { id: local, label: A local policy }
  - id: route
    prompt: What route has been decided?
    answer: choice
    role: route
    options:
      - { id: informal, label: Informal resolution }
      - { id: formal, label: A formal process }
  - id: decided-on
    prompt: When was the decision made?
    answer: date
    past: true
    role: decision-made
    not_before: [raised-on, measure-from]
  - id: review-on
    prompt: When will the decision be reviewed?
    answer: date
    required: false
    role: decision-review
    not_before: decided-on
"#;

/// `fairness validate f.yaml`, with `text` as `f.yaml`.
fn validate(text: &str) -> Test<'static> {
    Test::new()
        .file("f.yaml", text)
        .args(["validate", "f.yaml"])
}

/// The report `validate` prints for `f.yaml`: each problem, then the count.
fn refused(problems: &[Problem]) -> String {
    let mut out = String::new();
    for p in problems {
        out.push_str(&format!("{p}\n"));
    }
    match problems.len() {
        1 => out.push_str("f.yaml: 1 error\n"),
        n => out.push_str(&format!("f.yaml: {n} errors\n")),
    }
    out
}

/// Today where the tests run, as fairness takes it: the local date.
fn today() -> String {
    jiff::Zoned::now().date().strftime("%Y-%m-%d").to_string()
}

/// The case details of [`DATED`] as `show` prints them, 120 columns wide.
const CASE_DETAILS_SHOWN: &str = "\
Case details
┌───┬─────────────────────────────────┬───────────────────────────┬────────────────┐
│ # ┆ Question                        ┆ Answer                    ┆ Note           │
╞═══╪═════════════════════════════════╪═══════════════════════════╪════════════════╡
│ 1 ┆ When was the concern raised?    ┆ Date, no later than today ┆ optional       │
│   ┆ · id: raised-on                 ┆                           ┆                │
│   ┆ · role: concern-raised          ┆                           ┆                │
│ 2 ┆ Is an interim measure in place? ┆ Yes / No / N/A            ┆ required if No │
│   ┆ · id: measure                   ┆                           ┆                │
│ 3 ┆ When did the measure begin?     ┆ Date, no later than today ┆ optional       │
│   ┆ · id: measure-from              ┆ Not before: raised-on     ┆                │
│   ┆ · only if measure is yes        ┆                           ┆                │
└───┴─────────────────────────────────┴───────────────────────────┴────────────────┘
";

/// The decision of [`DATED`] as `show` prints it, 120 columns wide.
const DECISION_SHOWN: &str = "\
Decision
┌───┬─────────────────────────────────────┬──────────────────────────────────┬──────────┐
│ # ┆ Question                            ┆ Answer                           ┆ Note     │
╞═══╪═════════════════════════════════════╪══════════════════════════════════╪══════════╡
│ 1 ┆ Which policy governs the case?      ┆ One of:                          ┆ optional │
│   ┆ · id: policy                        ┆ • The national policy (national) ┆          │
│   ┆ · role: governing-policy            ┆ • A local policy (local)         ┆          │
│ 2 ┆ What route has been decided?        ┆ One of:                          ┆ optional │
│   ┆ · id: route                         ┆ • Informal resolution (informal) ┆          │
│   ┆ · role: route                       ┆ • A formal process (formal)      ┆          │
│ 3 ┆ When was the decision made?         ┆ Date, no later than today        ┆ optional │
│   ┆ · id: decided-on                    ┆ Not before: raised-on,           ┆          │
│   ┆ · role: decision-made               ┆ measure-from                     ┆          │
│ 4 ┆ When will the decision be reviewed? ┆ Date                             ┆ optional │
│   ┆ · id: review-on                     ┆ Not before: decided-on           ┆          │
│   ┆ · role: decision-review             ┆ (may be left blank)              ┆          │
└───┴─────────────────────────────────────┴──────────────────────────────────┴──────────┘
";

#[test]
fn dated_items_with_roles_are_valid_and_shown_with_their_rules() {
    validate(DATED)
        .stdout("f.yaml: valid (5 principles, 17 items)\n")
        .run();
    // The date rules in the answer column, the role under the question.
    Test::new()
        .file("f.yaml", DATED)
        .args(["show", "--framework", "f.yaml"])
        .env("COLUMNS", "120")
        .stdout_contains(CASE_DETAILS_SHOWN)
        .stdout_contains(DECISION_SHOWN)
        .run();
}

#[test]
fn past_false_is_the_default_and_allowed() {
    let text = edit(
        DATED,
        "    required: false\n    role: decision-review",
        "    required: false\n    past: false\n    role: decision-review",
    );
    validate(&text)
        .stdout("f.yaml: valid (5 principles, 17 items)\n")
        .run();
}

#[test]
fn past_and_not_before_are_only_for_date_items() {
    let text = edit(
        DATED,
        "    prompt: Is an interim measure in place?\n    answer: check\n",
        "    prompt: Is an interim measure in place?\n    answer: check\n    past: true\n",
    );
    let text = edit(
        &text,
        "    answer: choice\n    role: route\n",
        "    answer: choice\n    not_before: raised-on\n    role: route\n",
    );
    validate(&text)
        .stdout(refused(&[
            error("`past` is only for `date` items, and this is a `check` item")
                .at("f.yaml", &text, "past: true\n  - id: measure-from")
                .marks(4)
                .help("remove `past`, or make it `answer: date`"),
            error("`not_before` is only for `date` items, and this is a `choice` item")
                .at("f.yaml", &text, "not_before: raised-on\n    role")
                .marks(10)
                .help("remove `not_before`, or make it `answer: date`"),
        ]))
        .status(1)
        .run();
}

#[test]
fn past_is_true_or_false() {
    let text = edit(
        DATED,
        "    answer: date\n    past: true\n    role: concern-raised",
        "    answer: date\n    past: \"yes\"\n    role: concern-raised",
    );
    validate(&text)
        .stdout(refused(&[error(
            "`past` should be true or false, found `yes`",
        )
        .at("f.yaml", &text, "\"yes\"\n    role")
        .marks(5)
        .help("write `true` or `false`")]))
        .status(1)
        .run();
}

#[test]
fn not_before_names_earlier_date_items_each_once() {
    let cases: [(&str, &str, &str, Option<&str>); 7] = [
        (
            "not_before: [raised-on, measure-from]",
            "not_before: [raised-on, measure-frm]",
            "`not_before` refers to `measure-frm`, which is not an item",
            Some("did you mean `measure-from`?"),
        ),
        (
            "not_before: [raised-on, measure-from]",
            "not_before: [raised-on, measure]",
            "`not_before` refers to `measure`, a `check` item",
            Some("`not_before` names `date` items, whose answers are dates"),
        ),
        (
            "not_before: [raised-on, measure-from]",
            "not_before: [raised-on, review-on]",
            "`not_before` refers to `review-on`, which is asked later",
            Some(
                "a date can be held only to dates asked before it; put `not_before` on the later of the two",
            ),
        ),
        (
            "not_before: [raised-on, measure-from]",
            "not_before: [raised-on, decided-on]",
            "`decided-on` names itself in `not_before`",
            Some("`not_before` names other `date` items, asked before this one"),
        ),
        (
            "not_before: [raised-on, measure-from]",
            "not_before: [raised-on, welfare-and-support]",
            "`not_before` refers to `welfare-and-support`, which is a Principle",
            Some("`not_before` names `date` items"),
        ),
        (
            "not_before: [raised-on, measure-from]",
            "not_before: []",
            "`not_before` names no items",
            Some(
                "name the earlier `date` items this date should not come before: `not_before: ID` or `not_before: [ID, ID]`",
            ),
        ),
        (
            "not_before: [raised-on, measure-from]",
            "not_before: [raised-on, raised-on]",
            "`raised-on` is listed twice in `not_before`",
            None,
        ),
    ];
    for (old, new, message, help) in cases {
        let text = edit(DATED, old, new);
        // The mark is under the last entry of the list, or under the empty list.
        let entry = new
            .trim_start_matches("not_before: ")
            .trim_end_matches(']')
            .rsplit([' ', '['])
            .next()
            .unwrap();
        let (marked, len) = match entry {
            "" => ("[]".to_owned(), 1),
            entry => (format!("{entry}]"), entry.len()),
        };
        let mut problem = error(message).at("f.yaml", &text, &marked).marks(len);
        if let Some(help) = help {
            problem = problem.help(help);
        }
        validate(&text).stdout(refused(&[problem])).status(1).run();
    }
}

#[test]
fn one_id_may_stand_without_a_list_and_a_misspelt_one_is_suggested() {
    let text = edit(DATED, "not_before: raised-on\n", "not_before: raised\n");
    validate(&text)
        .stdout(refused(&[error(
            "`not_before` refers to `raised`, which is not an item",
        )
        .at("f.yaml", &text, "raised\n    when")
        .help("did you mean `raised-on`?")]))
        .status(1)
        .run();
}

#[test]
fn each_role_is_for_the_kind_of_answer_it_needs() {
    // A date role on a check, a check role on a date, a choice role on a text item.
    let text = edit(
        DATED,
        "    prompt: Is an interim measure in place?\n    answer: check\n",
        "    prompt: Is an interim measure in place?\n    answer: check\n    role: measure-start\n",
    );
    let text = edit(
        &text,
        "    required: false\n    role: decision-review",
        "    required: false\n    role: regulator-referral",
    );
    let text = edit(
        &text,
        "decision:\n",
        "decision:\n  - { id: staff, prompt: What is the staff group?, answer: text, role: staff-group }\n",
    );
    validate(&text)
        .stdout(refused(&[
            error("`role: measure-start` is for a `date` item, and `measure` is a `check` item")
                .at("f.yaml", &text, "measure-start")
                .help("reports across cases read this role's answer as a calendar date; make the item a `date`, or remove its `role`"),
            error("`role: staff-group` is for a `choice` item, and `staff` is a `text` item")
                .at("f.yaml", &text, "staff-group }")
                .marks(11)
                .help("reports across cases read this role's answer as one of a fixed list of options, and the practitioner's view shows only an answer chosen from a list; make the item a `choice`, or remove its `role`"),
            error("`role: regulator-referral` is for a `check` item, and `review-on` is a `date` item")
                .at("f.yaml", &text, "regulator-referral")
                .help("reports across cases read this role's answer as yes, no or not applicable; make the item a `check`, or remove its `role`"),
        ]))
        .status(1)
        .run();
}

#[test]
fn every_role_is_known_and_a_misspelt_one_is_suggested_from_all_of_them() {
    let text = edit(DATED, "role: concern-raised", "role: concern-raise");
    validate(&text)
        .stdout(refused(&[error("`concern-raise` is not a valid `role`")
            .at("f.yaml", &text, "concern-raise\n")
            .help("did you mean `concern-raised`?")]))
        .status(1)
        .run();
    let text = edit(DATED, "role: concern-raised", "role: reporter");
    validate(&text)
        .stdout(refused(&[error("`reporter` is not a valid `role`")
            .at("f.yaml", &text, "reporter")
            .help("`role` is one of `staff-group`, `nation`, `setting`, `governing-policy`, `route`, `interim-measure`, `regulator-referral`, `concern-raised`, `practitioner-told`, `advice-contacted`, `decision-made`, `decision-review`, `measure-start` and `measure-review`")]))
        .status(1)
        .run();
    // Every one of them, on an item of its kind, is valid.
    for (role, kind) in [
        ("nation", "choice"),
        ("setting", "choice"),
        ("interim-measure", "choice"),
        ("practitioner-told", "date"),
        ("advice-contacted", "date"),
        ("measure-review", "date"),
        ("regulator-referral", "check"),
    ] {
        let item = match kind {
            "choice" => format!(
                "  - {{ id: extra, prompt: Which?, answer: choice, role: {role}, options: [{{ id: a, label: A }}, {{ id: b, label: B }}] }}\n"
            ),
            kind => format!("  - {{ id: extra, prompt: Which?, answer: {kind}, role: {role} }}\n"),
        };
        let text = edit(DATED, "decision:\n", &format!("decision:\n{item}"));
        validate(&text)
            .stdout("f.yaml: valid (5 principles, 18 items)\n")
            .run();
    }
}

#[test]
fn explanations_are_for_the_roles_of_choices_and_checks_not_of_dates() {
    let with = |explanations: &str| {
        let text = edit(
            DATED,
            "    - You will be heard before anything is decided.\n",
            &format!(
                "    - You will be heard before anything is decided.\n  explanations:\n{explanations}"
            ),
        );
        edit(
            &text,
            "    prompt: Is an interim measure in place?\n    answer: check\n",
            "    prompt: Is an interim measure in place?\n    answer: check\n    role: regulator-referral\n",
        )
    };
    let text = with(
        "    - { role: regulator-referral, answer: \"yes\", text: Your regulator has been told. }\n    - { role: route, answer: formal, text: A formal process follows. }\n",
    );
    validate(&text)
        .stdout("f.yaml: valid (5 principles, 17 items)\n")
        .run();
    let text = with(
        "    - { role: regulator-referral, answer: maybe, text: Perhaps. }\n    - { role: decision-made, answer: today, text: Decided. }\n",
    );
    validate(&text)
        .stdout(refused(&[
            error("`measure` (`role: regulator-referral`) cannot have the answer `maybe`")
                .at("f.yaml", &text, "maybe")
                .help("its answers are `yes`, `no` and `not-applicable`"),
            error("`role: decision-made` is for a `date` item, and explanations are only for the roles of `choice` and `check` items")
                .at("f.yaml", &text, "decision-made, answer")
                .marks(13)
                .help("an explanation replaces what the practitioner's view says for one answer chosen from a list, or one of yes, no and not applicable; remove this one"),
        ]))
        .status(1)
        .run();
}

/// An answers file for [`DATED`]: every item answered yes or with its first option,
/// the dates as given (`None`: not answered), signed off.
fn answers(raised: &str, measure_from: Option<&str>, decided: &str) -> String {
    let mut out = format!(
        "format: fairness-answers/1\ncase:\n  reference: CASE-2026-301\nanswers:\n  raised-on: \"{raised}\"\n"
    );
    match measure_from {
        Some(date) => out.push_str(&format!("  measure: \"yes\"\n  measure-from: \"{date}\"\n")),
        None => out.push_str("  measure: { answer: \"no\", note: None in place. }\n"),
    }
    for id in [
        "concern-specific",
        "context-considered",
        "support-offered",
        "wellbeing-considered",
        "account-given",
        "told-promptly",
        "policy-followed",
        "timescales-kept",
        "proportionate",
        "bias-considered",
    ] {
        out.push_str(&format!("  {id}: \"yes\"\n"));
    }
    out.push_str(&format!(
        "  policy: national\n  route: informal\n  decided-on: \"{decided}\"\nsign_off:\n  name: A. Tester\n  role: Case manager\n"
    ));
    out
}

/// `run --answers a.yaml -o r.yaml` with [`DATED`] as the framework.
fn run(answers: &str) -> Test<'static> {
    Test::new()
        .file("dated.yaml", DATED)
        .file("a.yaml", answers)
        .args([
            "run",
            "--framework",
            "dated.yaml",
            "--answers",
            "a.yaml",
            "-o",
            "r.yaml",
        ])
}

#[test]
fn a_date_in_the_future_is_refused_in_an_answers_file_at_its_place() {
    let text = answers("2999-01-05", None, "2026-03-01");
    run(&text)
        .stderr_with(|err| {
            let problem = error(format!(
                "`raised-on`: `2999-01-05` is after today ({}): this date cannot be in the future",
                today()
            ))
            .at("a.yaml", &text, "\"2999-01-05\"");
            assert_eq!(err, answers_refused(&[problem]));
        })
        .status(1)
        .absent("r.yaml")
        .run();
}

#[test]
fn today_is_not_in_the_future_and_a_review_date_may_lie_ahead() {
    let today = today();
    let text = answers(&today, None, &today);
    let text = edit(&text, "sign_off:", "  review-on: \"2999-06-30\"\nsign_off:");
    let ran = run(&text)
        .stdout_matches(&signed_and_sealed("r.yaml"))
        .run();
    let record = ran.read("r.yaml");
    assert!(record.contains(&format!("answer: \"{today}\"")), "{record}");
    assert!(record.contains("answer: \"2999-06-30\""), "{record}");
}

#[test]
fn dates_out_of_order_are_warned_about_and_the_record_is_still_signed() {
    let text = answers("2026-03-05", Some("2026-03-04"), "2026-03-01");
    let ran = run(&text)
        .stdout_matches(&signed_and_sealed("r.yaml"))
        .stderr(
            "warning: the date given for \"When did the measure begin?\" (measure-from, 2026-03-04) is before the date the concern was raised (raised-on, 2026-03-05): check both\n\
             warning: the date the decision was made (decided-on, 2026-03-01) is before the date the concern was raised (raised-on, 2026-03-05): check both\n\
             warning: the date the decision was made (decided-on, 2026-03-01) is before the date given for \"When did the measure begin?\" (measure-from, 2026-03-04): check both\n",
        )
        .run();
    assert!(ran.read("r.yaml").contains("status: \"signed\""));
    // With `--quiet` the warnings are still said; in order, nothing is.
    run(&text)
        .args(["--quiet"])
        .stderr_contains("warning: the date the decision was made")
        .run();
    run(&answers("2026-03-05", Some("2026-03-05"), "2026-03-06"))
        .stdout_matches(&signed_and_sealed("r.yaml"))
        .run();
}

// A date hidden by `when` takes no part in the comparison: an answers file cannot
// answer a hidden item, so the unit test `an_unanswered_or_hidden_date_takes_no_part`
// in src/checklist/dates.rs covers it, with an answer given and then hidden.

/// In a terminal: a future date refused and asked again, then the order warning at the
/// review, and the record signed all the same.
#[cfg(unix)]
#[test]
fn in_a_terminal_a_future_date_is_asked_again_and_dates_out_of_order_are_shown_at_the_review() {
    use crate::pty::Key::{CtrlU, Enter};
    use crate::pty::Pty;

    let mut pty = Pty::new()
        .file("dated.yaml", DATED)
        .args(["run", "--framework", "dated.yaml"])
        .line("Case reference", "CASE-2026-302")
        .expect("Draft created")
        .expect("Case details · item 1 of ")
        .line("Date (YYYY-MM-DD)", "2999-01-05")
        .expect(format!(
            "`2999-01-05` is after today ({}): this date cannot be in the future",
            today()
        ))
        // The same prompt, asked again.
        .send(format!("{CtrlU}2026-03-05{Enter}"))
        // No measure: its start is not asked. Not applicable invites a note, which
        // may be left empty.
        .expect("Case details · item 2 of ")
        .pick(2)
        .line("Note (optional)", "");
    for n in 1..=5 {
        pty = pty
            .expect(format!("Principle {n} of 5 · item 1 of 2"))
            .pick(0)
            .expect(format!("Principle {n} of 5 · item 2 of 2"))
            .pick(0);
    }
    let ran = pty
        .expect("Decision · item 1 of ")
        .pick(0)
        .expect("Decision · item 2 of ")
        .pick(0)
        .expect("Decision · item 3 of ")
        .line("Date (YYYY-MM-DD)", "2026-03-01")
        .expect("Decision · item 4 of ")
        .line("Date (YYYY-MM-DD)", "")
        .expect("Review")
        .expect("Dates to check (they do not stop sign-off):")
        .expect(
            "  - The date the decision was made (decided-on, 2026-03-01) is before the date the concern was\r\n    raised (raised-on, 2026-03-05): check both.",
        )
        .expect("What next?")
        .pick_here(0)
        // Said again before signing, which it does not stop.
        .expect("Before you sign")
        .expect("Dates to check (they do not stop sign-off):")
        .expect("(decided-on, 2026-03-01) is before the date the concern was")
        .line("Your name", "A. Tester")
        .line("Your role", "Case manager")
        .expect("Declaration")
        .line("Type your name to sign", "A. Tester")
        .expect("Signed and sealed")
        .run();
    let record = ran.read("CASE-2026-302.yaml");
    assert!(record.contains("status: \"signed\""));
    assert!(!record.contains("2999-01-05"), "{record}");
}
