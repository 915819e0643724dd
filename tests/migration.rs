//! Drafts carried over to a changed framework (`run --resume --migrate`): the built-in
//! framework 1.0, kept as a test fixture, still validates; the answers a changed `when`
//! hides are listed before the move and explained in the history; and a draft begun on
//! 1.0 moves to today's built-in framework and is signed.

use std::collections::HashMap;

use fairness::framework::Framework;
use fairness::record::Record;

use crate::fixtures::{ANSWERS_1_0, VERSION_1_0_DIGEST, VERSION_1_0_FILE, version_1_0};
use crate::harness::{Ran, Test, edit};
use crate::records::{read, without_sign_off};

/// The kept file is the built-in framework 1.0 as shipped (its digest is checked), and
/// both it and that text still validate with today's fairness: frameworks adapted from
/// 1.0 keep working (the warnings, about what 1.0 did not have yet, may grow).
#[test]
fn the_kept_framework_1_0_is_the_one_fairness_shipped_and_still_validates() {
    let shipped = version_1_0();
    assert!(shipped.contains("\nversion: \"1.0\"\n"));
    for (name, text) in [("kept.yaml", VERSION_1_0_FILE), ("shipped.yaml", &shipped)] {
        let summary = format!(
            r"\n{}: valid, \d+ warnings? \(5 principles, 41 items\)\n$",
            name.replace('.', r"\.")
        );
        Test::new()
            .file(name, text)
            .args(["validate", name])
            .stdout_matches(&summary)
            .run();
    }
}

/// `text` without the entry for `item` in its `answers` (the entry's lines, up to the
/// next entry at the same indent).
fn without_answer(text: &str, item: &str) -> String {
    let start = text
        .find(&format!("\n  {item}:\n"))
        .unwrap_or_else(|| panic!("no answer to {item}"))
        + 1;
    let rest = &text[start..];
    let end = rest
        .split_inclusive('\n')
        .scan(0, |at, line| {
            let here = *at;
            *at += line.len();
            Some((here, line))
        })
        .skip(1)
        .find(|(_, line)| {
            let indent = line.len() - line.trim_start_matches(' ').len();
            indent <= 2 && !line.trim().is_empty()
        })
        .map_or(rest.len(), |(at, _)| at);
    format!("{}{}", &text[..start], &rest[end..])
}

/// A draft begun on the built-in framework 1.0, as `draft.yaml` in a test's folder,
/// with its text: the 1.x answers file (tests/fixtures/answers-1.0.yaml) without its
/// sign-off and without the answer to `left_out`, written by `run --answers` with the
/// kept 1.0 framework, and then naming the built-in framework as where that framework
/// came from, as fairness 1.0 wrote it. For the end-to-end test of a move from 1.x to
/// the built-in framework of the day.
pub fn draft_begun_on_1_0(left_out: &str) -> (Ran, String) {
    let answers = without_answer(&without_sign_off(ANSWERS_1_0), left_out);
    let made = Test::new()
        .file("v1.yaml", version_1_0())
        .file("a.yaml", &answers)
        .args([
            "run",
            "--answers",
            "a.yaml",
            "--framework",
            "v1.yaml",
            "-o",
            "draft.yaml",
        ])
        .stdout_contains(format!("Still needed before sign-off (1): `{left_out}`\n"))
        .run();
    let draft = edit(
        &made.read("draft.yaml"),
        "  source: \"v1.yaml\"\n",
        "  source: \"built-in\"\n",
    );
    made.folder.write("draft.yaml", &draft);
    let record = read(&draft);
    assert_eq!(record.framework.version, "1.0");
    assert_eq!(record.framework.digest, VERSION_1_0_DIGEST);
    assert!(record.answer(left_out).is_none());
    (made, draft)
}

/// What moving `draft` to the framework `new` should do to its answers, worked out from
/// `new`'s items rather than by fairness's migration: an answer carries over when its
/// item keeps its id, prompt and kind and can still take the answer (and its note) with
/// the same label; it is kept when its item is then asked, which each `when` decides
/// on the answers carried over.
#[derive(Debug, Default)]
pub struct Expected {
    /// Answers that carry over to items asked: (item, answer).
    pub kept: Vec<(String, String)>,
    /// Answered items `new` lacks.
    pub gone: Vec<String>,
    /// Answered items asked again (reworded, or unable to take their answer).
    pub asked_again: Vec<String>,
    /// Answered items `new` has but does not ask in this case.
    pub hidden: Vec<String>,
}

pub fn expected(new: &Framework, draft: &Record) -> Expected {
    let item = |id: &str| new.items().find(|i| i.id.value == id);
    let carried: HashMap<&str, &str> = draft
        .answers
        .iter()
        .filter(|a| {
            item(&a.item).is_some_and(|i| {
                i.prompt.value == a.prompt
                    && a.kind == i.answer.kind()
                    && i.accept(&a.answer, a.note.as_deref()).is_ok()
                    && i.label(&a.answer) == a.label
            })
        })
        .map(|a| (a.item.as_str(), a.answer.as_str()))
        .collect();
    let mut shown: HashMap<&str, bool> = HashMap::new();
    for i in new.items() {
        let asked = i.when.as_ref().is_none_or(|w| {
            let on = w.item.value.as_str();
            shown.get(on) == Some(&true) && w.holds(carried.get(on).copied())
        });
        shown.insert(&i.id.value, asked);
    }
    let mut out = Expected::default();
    for a in &draft.answers {
        let id = a.item.clone();
        match (
            shown.get(a.item.as_str()),
            carried.contains_key(a.item.as_str()),
        ) {
            (None, _) => out.gone.push(id),
            (Some(false), _) => out.hidden.push(id),
            (Some(true), true) => out.kept.push((id, a.answer.clone())),
            (Some(true), false) => out.asked_again.push(id),
        }
    }
    out
}

/// fairness's own account of the move of a 1.0 draft to today's built-in framework
/// (what `run --resume` says and `--migrate` does) agrees with [`expected`], worked out
/// from the frameworks: on every system, where the terminal tests below do not run.
#[test]
fn fairness_s_account_of_moving_a_1_0_draft_agrees_with_the_frameworks() {
    let (_, draft) = draft_begun_on_1_0("rationale");
    let begun = read(&draft);
    let new_fw = fairness::framework::check(fairness::framework::BUILTIN_TEXT)
        .framework
        .unwrap();
    let change = expected(&new_fw, &begun);
    let diff =
        fairness::checklist::differences(&fairness::checklist::Checklist::new(&new_fw), &begun);
    let kept: Vec<&str> = change.kept.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(diff.kept, kept);
    assert_eq!(diff.removed, change.gone);
    let mut asked_again: Vec<&str> = diff
        .reworded
        .iter()
        .map(|(id, _, _)| id.as_str())
        .chain(diff.unfit.iter().map(|(id, _)| id.as_str()))
        .collect();
    asked_again.sort_by_key(|id| begun.answers.iter().position(|a| a.item == *id));
    assert_eq!(asked_again, change.asked_again);
    let hidden: Vec<&str> = diff.hidden.iter().map(|h| h.item.as_str()).collect();
    assert_eq!(hidden, change.hidden);
}

#[cfg(unix)]
mod in_a_terminal {
    use fairness::framework::{BUILTIN_TEXT, check};

    use super::*;
    use crate::harness::{assert_sealed, private_record};
    use crate::interactive::{Driver, on_a_terminal, sign};
    use crate::pty::Key::Esc;
    use crate::records::intact;

    /// A history entry as these tests compare it: event, item, old answer and detail.
    type Entry<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);

    /// 1.0 with a new choice, `interim-measure`, that `exclusion-welfare` now depends
    /// on, and `patient-safety-incident`, on which `being-fair-completed` depends,
    /// reworded.
    fn conditions_changed() -> String {
        let text = edit(
            &version_1_0(),
            "  - id: patient-safety-incident\n    prompt: Does",
            "  - id: interim-measure\n    prompt: Is an exclusion or restriction in place?\n    \
             answer: choice\n    options:\n      - id: none\n        label: Neither\n      \
             - id: exclusion\n        label: An exclusion\n\n  \
             - id: patient-safety-incident\n    prompt: Reworded. Does",
        );
        edit(
            &text,
            "is being considered.\n        answer: check\n",
            "is being considered.\n        answer: check\n        \
             when: { item: interim-measure, not: none }\n",
        )
    }

    /// What a changed `when` hides is counted apart and listed, each item with its
    /// answer and why (the condition, and how the item it depends on stands), before
    /// the move and as it is made; the history says the same for each.
    #[test]
    fn migrate_lists_the_answers_a_changed_condition_hides_and_the_history_says_why() {
        let answers = "format: fairness-answers/1\ncase: { reference: CASE-2026-231 }\nanswers:\n  \
                       staff-group: { answer: doctor }\n  \
                       patient-safety-incident: { answer: \"yes\" }\n  \
                       being-fair-completed: { answer: \"yes\" }\n  \
                       exclusion-welfare: { answer: \"yes\" }\n";
        let made = Test::new()
            .file("fw.yaml", version_1_0())
            .file("a.yaml", answers)
            .args([
                "run",
                "--answers",
                "a.yaml",
                "--framework",
                "fw.yaml",
                "-o",
                "draft.yaml",
            ])
            .stdout_contains("Draft written: draft.yaml (4 answers).\n")
            .run();
        let changed = conditions_changed();
        made.folder.write("fw.yaml", &changed);
        let before = made.read("draft.yaml");

        let reworded = "reworded from \"Does the concern arise from a patient safety incident?\" \
                        to \"Reworded. Does the concern arise from a patient safety incident?\"";
        let fair = "it applies only when `patient-safety-incident` is `yes`, and \
                    `patient-safety-incident` is to be asked again";
        let welfare = "it applies only when `interim-measure` has an answer other than `none`, \
                       and `interim-measure` is not answered yet";
        let listing = format!(
            "which is different.\n\
             1 of this draft's 4 answers carry over unchanged.\n\
             To be asked again:\n  - `patient-safety-incident`: {reworded}\n\n\
             Not asked now, as a condition hides them (their answers stay in the history):\n  \
             - `being-fair-completed` (answered `yes`): {fair}\n  \
             - `exclusion-welfare` (answered `yes`): {welfare}\n\
             Items new to the framework are asked like any other unanswered item.\n"
        );
        made.pty()
            // Wide enough that no line of the report is wrapped: its words are the point.
            .width(300)
            .args(["run", "--resume", "draft.yaml", "--framework", "fw.yaml"])
            .expect("fairness run --resume draft.yaml --framework fw.yaml --migrate")
            .status(2)
            .screen_contains(on_a_terminal(&format!(
                "{listing}\nTo move the draft to this framework, run:\n"
            )))
            .run();
        assert_eq!(
            made.read("draft.yaml"),
            before,
            "refusing changed the draft"
        );

        made.pty()
            // Wide enough that no line of the report is wrapped: its words are the point.
            .width(300)
            .args([
                "run",
                "--resume",
                "draft.yaml",
                "--framework",
                "fw.yaml",
                "--migrate",
            ])
            .expect("The draft now uses this framework")
            // The new choice adds an item to the case details; the first gap is asked.
            .expect("Case details · item 2 of ")
            .menu()
            .key(Esc)
            .status(130)
            .screen_contains(on_a_terminal(&format!(
                "{listing}\nThe draft now uses this framework; the move is noted in its history.\n"
            )))
            .run();
        let record = read(&private_record(&made.path("draft.yaml")));
        let kept: Vec<&str> = record.answers.iter().map(|a| a.item.as_str()).collect();
        assert_eq!(kept, ["staff-group"]);
        let history: Vec<Entry> = record
            .history
            .iter()
            .map(|c| {
                (
                    c.event.id(),
                    c.item.as_deref(),
                    c.old_answer.as_deref(),
                    c.detail.as_deref(),
                )
            })
            .collect();
        let name = "Principles and Framework for Fairness and Proportionality";
        let moved = format!(
            "moved from {name} version 1.0 ({VERSION_1_0_DIGEST}) to {name} version 1.0 ({}); \
             1 of 4 answers carried over; no longer in the framework: 0; to ask again: 1; \
             not asked now, as a condition hides them: 2",
            fairness::file::digest(changed.as_bytes())
        );
        let (fair, welfare) = (
            format!("not asked in this framework: {fair}"),
            format!("not asked in this framework: {welfare}"),
        );
        assert_eq!(
            history,
            [
                ("migrated", None, None, Some(moved.as_str())),
                (
                    "dropped",
                    Some("patient-safety-incident"),
                    Some("yes"),
                    Some(reworded)
                ),
                (
                    "withdrawn",
                    Some("being-fair-completed"),
                    Some("yes"),
                    Some(fair.as_str())
                ),
                (
                    "withdrawn",
                    Some("exclusion-welfare"),
                    Some("yes"),
                    Some(welfare.as_str())
                ),
            ]
        );
    }

    /// An answer given without a note, to an item that now needs one, is asked again:
    /// the moved draft is not refused as one "edited by hand".
    #[test]
    fn migrate_asks_again_an_answer_that_now_needs_a_note() {
        let answers = "format: fairness-answers/1\ncase: { reference: CASE-2026-232 }\nanswers:\n  \
                       staff-group: { answer: doctor }\n  \
                       patient-safety-incident: { answer: \"no\" }\n";
        let made = Test::new()
            .file("fw.yaml", version_1_0())
            .file("a.yaml", answers)
            .args([
                "run",
                "--answers",
                "a.yaml",
                "--framework",
                "fw.yaml",
                "-o",
                "draft.yaml",
            ])
            .stdout_contains("Draft written: draft.yaml (2 answers).\n")
            .run();
        made.folder.write(
            "fw.yaml",
            edit(
                &version_1_0(),
                "    answer: check\n    note: optional\n",
                "    answer: check\n    note: required\n",
            ),
        );
        made.pty()
            .args([
                "run",
                "--resume",
                "draft.yaml",
                "--framework",
                "fw.yaml",
                "--migrate",
            ])
            .expect(on_a_terminal(
                "1 of this draft's 2 answers carry over unchanged.\n\
                 To be asked again:\n  - `patient-safety-incident`: this item requires a note\n\
                 Items new to the framework are asked like any other unanswered item.\n\n\
                 The draft now uses this framework; the move is noted in its history.\n",
            ))
            .expect("Case details · item 2 of ")
            .menu()
            .key(Esc)
            .status(130)
            .run();
        let record = read(&private_record(&made.path("draft.yaml")));
        let dropped = &record.history[1];
        assert_eq!(
            (
                dropped.event.id(),
                dropped.item.as_deref(),
                dropped.detail.as_deref()
            ),
            (
                "dropped",
                Some("patient-safety-incident"),
                Some("this item requires a note")
            )
        );
    }

    /// Just after the move, an item new to the framework is asked even where it comes
    /// before the last answer and is optional; resumed otherwise, the draft would go
    /// straight to the review, the new item never put to the person.
    #[test]
    fn migrate_asks_a_new_optional_item_before_the_last_answer() {
        let answers = without_sign_off(ANSWERS_1_0);
        let made = Test::new()
            .file("fw.yaml", version_1_0())
            .file("a.yaml", &answers)
            .args([
                "run",
                "--answers",
                "a.yaml",
                "--framework",
                "fw.yaml",
                "-o",
                "draft.yaml",
            ])
            .stdout_contains("Draft written: draft.yaml (40 answers).\nContinue")
            .run();
        made.folder.write(
            "fw.yaml",
            edit(
                &version_1_0(),
                "\n  - id: governing-policy\n",
                "\n  - id: case-investigator\n    prompt: Who is the case investigator?\n    \
                 answer: text\n    required: false\n\n  - id: governing-policy\n",
            ),
        );
        made.pty()
            .args([
                "run",
                "--resume",
                "draft.yaml",
                "--framework",
                "fw.yaml",
                "--migrate",
            ])
            .expect("40 of this draft's 40 answers carry over unchanged.")
            .expect("The draft now uses this framework")
            .expect("Case details · item 2 of ")
            .expect("Who is the case investigator?")
            .line("Answer", "A. Example, deputy medical director")
            .expect("Review")
            .menu()
            .key(Esc)
            .status(130)
            .run();
        let record = read(&private_record(&made.path("draft.yaml")));
        assert_eq!(
            record
                .answer("case-investigator")
                .map(|a| a.answer.as_str()),
            Some("A. Example, deputy medical director")
        );
    }

    /// A draft begun on the built-in framework 1.0 is resumed on today's built-in
    /// framework: refused at first, saying what changes; then moved with `--migrate`,
    /// which keeps the unchanged answers, asks the new, reworded and unanswered items
    /// (optional ones too), and notes the move; then signed, and it verifies. What is
    /// kept and asked is worked out from the two frameworks ([`expected`]), so the test
    /// holds for whichever version the built-in framework is.
    #[test]
    fn a_draft_begun_on_the_built_in_framework_1_0_moves_to_today_s_and_is_signed() {
        let (ran, draft) = draft_begun_on_1_0("rationale");
        let begun = read(&draft);
        let old_fw = check(&version_1_0()).framework.unwrap();
        let new_fw = check(BUILTIN_TEXT).framework.unwrap();
        let digest = fairness::file::digest(BUILTIN_TEXT.as_bytes());
        let change = expected(&new_fw, &begun);
        let answers = begun.answers.len();
        // The locum case, less its rationale: three `when` branches taken.
        assert_eq!(answers, 39);
        for branch in ["being-fair-completed", "advice-contacted-on", "route-other"] {
            assert!(begun.answer(branch).is_some(), "{branch}");
        }
        // Every answer is accounted for.
        assert_eq!(
            change.kept.len() + change.gone.len() + change.asked_again.len() + change.hidden.len(),
            answers,
            "{change:?}"
        );
        // And the move is not an empty one: from 1.0 to 2.0, unchanged items keep
        // their answers, a reworded one is asked again and removed ones are gone; the
        // rest of the test holds each of these to what fairness does.
        assert_eq!(
            new_fw.version, "2.1",
            "this test names items of 2.0, unchanged in 2.1"
        );
        let kept: Vec<&str> = change.kept.iter().map(|(id, _)| id.as_str()).collect();
        for id in [
            "staff-group",
            "concern-specific",
            "advice-contacted-on",
            "route-other",
        ] {
            assert!(kept.contains(&id), "`{id}` is unchanged: {change:?}");
        }
        assert!(change.asked_again.iter().any(|id| id == "named-contact"));
        for id in [
            "exclusion-advice",
            "governing-policy",
            "being-fair-completed",
        ] {
            assert!(change.gone.iter().any(|g| g == id), "`{id}` is removed");
        }

        ran.pty()
            // Wide enough that no line of the report is wrapped: its words are the point.
            .width(300)
            .args(["run", "--resume", "draft.yaml"])
            .expect(format!(
                "was begun with framework \"{}\" version 1.0 (built-in, {VERSION_1_0_DIGEST}).",
                old_fw.name
            ))
            .expect(format!(
                "The framework in use now is \"{}\" version {} (built-in",
                new_fw.name, new_fw.version
            ))
            .expect(format!("{digest}), which is different."))
            .expect(format!(
                "{} of this draft's {answers} answers carry over unchanged.",
                change.kept.len()
            ))
            .expect("fairness run --resume draft.yaml --migrate")
            .expect("The draft was begun with the built-in framework (of an earlier fairness), which has changed since")
            .status(2)
            .run();
        assert_eq!(ran.read("draft.yaml"), draft, "refusing changed the draft");

        // Moved: every item asked in the case that has no answer is asked, in order,
        // with its sample answer; then the record is signed.
        let mut driver = Driver::new(&new_fw);
        driver.answers = change.kept.iter().cloned().collect();
        // An item asked again offers the note its answer had, for editing.
        for id in &change.asked_again {
            if let Some(note) = begun.answer(id).and_then(|a| a.note.clone()) {
                driver.notes.insert(id.clone(), note);
            }
        }
        driver.skip = new_fw
            .items()
            .map(|i| i.id.value.as_str())
            .filter(|id| driver.answers.contains_key(*id))
            .collect();
        let first = new_fw.items().next().unwrap().id.value.clone();
        let ran_on = ran
            .pty()
            .args(["run", "--resume", "draft.yaml", "--migrate"])
            .expect(format!(
                "{} of this draft's {answers} answers carry over unchanged.",
                change.kept.len()
            ))
            .expect("The draft now uses this framework; the move is noted in its history.")
            .steps(|pty| driver.drive(pty, &first, None, &[]))
            .steps(|pty| sign(pty, "Dr Wenna Carrow"))
            .expect("Signed and sealed: draft.yaml")
            .run();
        let asked_now = driver.answers.clone();

        let text = private_record(&ran_on.path("draft.yaml"));
        assert_sealed(&text);
        let record = read(&text);
        assert_eq!(record.framework.version, new_fw.version);
        assert_eq!(record.framework.digest, digest);
        assert_eq!(record.framework.source.as_str(), "built-in");

        // Unchanged items keep their answers, notes and times (their section is the
        // new framework's, should an item have moved).
        for (id, answer) in &change.kept {
            let was = begun.answer(id).unwrap();
            let now = record
                .answer(id)
                .unwrap_or_else(|| panic!("`{id}` (answered `{answer}`) did not carry over"));
            let fields = |a: &fairness::record::Answer| {
                (
                    a.prompt.clone(),
                    a.answer.clone(),
                    a.label.clone(),
                    a.note.clone(),
                    a.answered.clone(),
                )
            };
            assert_eq!(fields(now), fields(was), "`{id}` changed on the way");
        }
        // The rest was asked: every answer now is one carried over or one just given.
        for a in &record.answers {
            let carried = change.kept.iter().any(|(id, _)| *id == a.item);
            assert!(
                carried || asked_now.get(&a.item) == Some(&a.answer),
                "`{}` was neither carried over nor asked",
                a.item
            );
        }
        // Among them the items asked again, and the one the draft left out.
        let mut asked = change.asked_again.clone();
        asked.push("rationale".to_owned());
        for id in &asked {
            if new_fw.items().any(|i| i.id.value == *id) {
                assert!(record.answer(id).is_some(), "`{id}` was not asked");
            }
        }
        // Asked in the terminal, in today's words: the reworded `named-contact`, and the
        // new `interim-measure` and `concern-raised-on`; `staff-group` and
        // `concern-specific` were not asked, keeping their 1.0 answers.
        for id in ["named-contact", "interim-measure", "concern-raised-on"] {
            let now = record.answer(id).unwrap();
            let item = new_fw.items().find(|i| i.id.value == id).unwrap();
            assert_eq!(now.prompt, item.prompt.value, "`{id}`");
            assert_eq!(asked_now.get(id), Some(&now.answer), "`{id}` was not asked");
        }
        for (id, answer) in [("staff-group", "doctor"), ("concern-specific", "yes")] {
            assert_eq!(record.answer(id).unwrap().answer, answer);
            assert_eq!(
                record.answer(id).unwrap().answered,
                begun.answer(id).unwrap().answered
            );
        }
        assert!(record.answer("exclusion-advice").is_none());

        // The history: the move first, naming both frameworks and what it did; then an
        // entry for each answer not carried over, with its answer.
        let moved = &record.history[0];
        assert_eq!(moved.event.id(), "migrated");
        assert_eq!(
            moved.detail.as_deref(),
            Some(
                format!(
                    "moved from {} version 1.0 ({VERSION_1_0_DIGEST}) to {} version {} ({digest}); \
                     {} of {answers} answers carried over; no longer in the framework: {}; \
                     to ask again: {}; not asked now, as a condition hides them: {}",
                    old_fw.name,
                    new_fw.name,
                    new_fw.version,
                    change.kept.len(),
                    change.gone.len(),
                    change.asked_again.len(),
                    change.hidden.len()
                )
                .as_str()
            )
        );
        let not_carried: Vec<(&str, &str, &str)> = record.history[1..]
            .iter()
            .filter(|c| c.at == moved.at)
            .map(|c| {
                (
                    c.event.id(),
                    c.item.as_deref().unwrap(),
                    c.old_answer.as_deref().unwrap(),
                )
            })
            .collect();
        let answer = |id: &String| begun.answer(id).unwrap().answer.as_str();
        let mut wanted: Vec<(&str, &str, &str)> = change
            .gone
            .iter()
            .chain(&change.asked_again)
            .map(|id| ("dropped", id.as_str(), answer(id)))
            .chain(
                change
                    .hidden
                    .iter()
                    .map(|id| ("withdrawn", id.as_str(), answer(id))),
            )
            .collect();
        wanted.sort();
        let mut found = not_carried.clone();
        found.sort();
        assert_eq!(found, wanted);
        // A removed item's answer is kept in the history, saying why.
        let removed = record.history[1..]
            .iter()
            .find(|c| c.item.as_deref() == Some("exclusion-advice"))
            .expect("the removed `exclusion-advice` is in the history");
        assert_eq!(
            (
                removed.event.id(),
                removed.old_answer.as_deref(),
                removed.detail.as_deref()
            ),
            (
                "dropped",
                Some("yes"),
                Some("the framework no longer has this item")
            )
        );
        assert!(
            removed
                .old_note
                .as_deref()
                .is_some_and(|n| n.starts_with("No exclusion."))
        );

        // Signed and sealed: it verifies.
        ran_on
            .test()
            .args(["verify", "draft.yaml"])
            .stdout(intact("draft.yaml", &text))
            .run();
    }
}

/// A date a 1.0 draft gave freely (1.0 had no `past`) is not carried over to an item
/// whose date must now be today or earlier: it is asked again, and the account of the
/// move says why.
#[test]
fn a_future_date_is_not_carried_over_to_a_date_that_must_be_past() {
    let (_, draft) = draft_begun_on_1_0("rationale");
    assert_eq!(draft.matches("\"2026-02-11\"").count(), 1, "{draft}");
    let draft = draft.replacen("\"2026-02-11\"", "\"2999-01-01\"", 1);
    let begun = read(&draft);
    let new_fw = fairness::framework::check(fairness::framework::BUILTIN_TEXT)
        .framework
        .unwrap();
    let diff =
        fairness::checklist::differences(&fairness::checklist::Checklist::new(&new_fw), &begun);
    assert!(!diff.kept.iter().any(|id| id == "advice-contacted-on"));
    let (_, why) = diff
        .unfit
        .iter()
        .find(|(id, _)| id == "advice-contacted-on")
        .expect("the future date is to be asked again");
    assert!(why.contains("`2999-01-01` is after today"), "{why}");
    assert!(why.contains("cannot be in the future"), "{why}");
    // The account the run gives before and at the move names it, with why.
    assert!(
        diff.dropped()
            .iter()
            .any(|(id, why)| id == "advice-contacted-on" && why.contains("cannot be in the future")),
        "{:?}",
        diff.dropped()
    );
}

/// A draft begun on the built-in framework 2.0 goes on on 2.1 without `--migrate`:
/// 2.1 added only `signatures`, so every answer carries over and nothing is asked
/// again. The move is said, saved at once and noted in the draft's history.
#[cfg(unix)]
#[test]
fn a_draft_begun_on_the_built_in_framework_2_0_goes_on_on_2_1_without_being_asked() {
    let draft = crate::format1::fixture("draft.yaml");
    assert!(draft.contains("  version: \"2.0\"\n  organisation: null\n"));
    let ran = crate::pty::Pty::new()
        .file("draft.yaml", &draft)
        .height(60)
        .args(["run", "--resume", "draft.yaml"])
        .expect("The built-in framework has moved on from version 2.0 to version 2.1")
        .expect("every answer carries over unchanged, and the move is noted in its history.")
        .expect("What next?")
        .pick_here(2)
        .expect("Draft saved")
        .run();
    let record = crate::records::read(&ran.read("draft.yaml"));
    assert_eq!(record.framework.version, "2.1");
    let before = crate::records::read(&draft);
    assert_eq!(record.answers, before.answers);
    let last = record.history.last().unwrap();
    assert_eq!(last.event, fairness::record::Event::Migrated);
    // With `--framework` naming a file, or any answer lost, `--migrate` is still asked
    // for (the tests above).
}
