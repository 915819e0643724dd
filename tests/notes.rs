//! Notes on any answer, the menu's keys and what an item screen shows, typed in a
//! pseudo-terminal as a person would: a note added with the note key to an answer that
//! asks for none, Not applicable asking why by itself, a changed answer that keeps its note for editing (at the review, and
//! after a move to a changed framework), Enter on a menu before moving, the help keys,
//! the case's progress, and a long answer echoed at a narrow width.
//!
//! Unix only, as every pseudo-terminal test (tests/pty.rs says why).
#![cfg(unix)]

use std::path::Path;

use crate::harness::{edit, private_record};
use crate::pty::Key::{Down, Enter, Esc, F1};
use crate::pty::Pty;
use crate::records::{answers, draft, draft_written, from_answers, read, without_sign_off};

/// tests/dates.rs's small framework with a text item first: a text, a date, then a
/// check (`measure`) whose Yes asks no note.
fn small() -> String {
    edit(
        crate::dates::DATED,
        "case_details:\n",
        "case_details:\n  - id: summary\n    prompt: In a sentence, what is the concern?\n    \
         answer: text\n",
    )
}

/// `fairness run --framework small.yaml` in `pty`: a new case, up to its first question.
fn new_case<'a>(pty: Pty<'a>, reference: &str) -> Pty<'a> {
    pty.file("small.yaml", small())
        .args(["run", "--framework", "small.yaml"])
        .line("Case reference", reference)
        .expect("Draft created")
}

/// The draft's answer to `item`: (answer, note).
fn answer_of(path: &Path, item: &str) -> (String, Option<String>) {
    let record = read(&private_record(path));
    let a = record
        .answer(item)
        .unwrap_or_else(|| panic!("`{item}` is not answered"));
    (a.answer.clone(), a.note.clone())
}

#[test]
fn a_yes_takes_a_note_with_the_note_key_and_a_date_with_tab() {
    let ran = new_case(Pty::new(), "CASE-2026-401")
        .line("Answer", "Late entries in the controlled drugs register")
        // Tab confirms the date and opens its note.
        .expect("Tab confirm and add a note")
        .line_noting("Date (YYYY-MM-DD)", "2026-03-05")
        .line("Note (optional)", "Raised by the pharmacy manager by email")
        // A check's Yes asks no note: the note key opens one.
        .expect("Is an interim measure in place?")
        .pick_noting(0)
        .line(
            "Note (optional)",
            "Supervised dispensing, agreed with the practitioner",
        )
        .expect("When did the measure begin?")
        .line_ready()
        .key(Esc)
        .status(130)
        .run();
    let path = ran.path("CASE-2026-401.yaml");
    assert_eq!(
        answer_of(&path, "measure"),
        (
            "yes".to_owned(),
            Some("Supervised dispensing, agreed with the practitioner".to_owned())
        )
    );
    assert_eq!(
        answer_of(&path, "raised-on"),
        (
            "2026-03-05".to_owned(),
            Some("Raised by the pharmacy manager by email".to_owned())
        )
    );
    // Nothing typed asked for the text item's note: it has none.
    assert_eq!(answer_of(&path, "summary").1, None);
}

#[test]
fn an_answer_that_asks_no_note_is_taken_without_a_note_prompt() {
    new_case(Pty::new(), "CASE-2026-402")
        .line("Answer", "Late entries")
        .line("Date (YYYY-MM-DD)", "2026-03-05")
        // Straight on: no optional note asked after the date.
        .expect("Is an interim measure in place?")
        .pick(0)
        .expect("When did the measure begin?")
        .line_ready()
        .key(Esc)
        .screen_lacks("Note (optional)")
        .status(130)
        .run();
}

#[test]
fn not_applicable_asks_why_by_itself_and_enter_leaves_the_note_empty() {
    let ran = new_case(Pty::new(), "CASE-2026-403")
        .line("Answer", "Late entries")
        .line("Date (YYYY-MM-DD)", "2026-03-05")
        .expect("Is an interim measure in place?")
        .pick(0)
        .expect("When did the measure begin?")
        .line("Date (YYYY-MM-DD)", "2026-03-06")
        // Principle 1's first check, Not applicable: the note is asked for at once.
        .expect("Is the concern specific?")
        .pick(2)
        .line(
            "Note (optional)",
            "Withdrawn before it could be written down",
        )
        // The second, Not applicable again, and no note: Enter on the empty line.
        .expect("Has the context been considered?")
        .pick(2)
        .line("Note (optional)", "")
        .expect("Has support been offered?")
        .line_ready()
        .key(Esc)
        .status(130)
        .run();
    let path = ran.path("CASE-2026-403.yaml");
    assert_eq!(
        answer_of(&path, "concern-specific"),
        (
            "not-applicable".to_owned(),
            Some("Withdrawn before it could be written down".to_owned())
        )
    );
    assert_eq!(
        answer_of(&path, "context-considered"),
        ("not-applicable".to_owned(), None)
    );
}

#[test]
fn no_with_a_note_changed_to_yes_at_the_review_keeps_the_note_for_editing() {
    const NOTE: &str = "The ward sister's email of 2026-04-07";
    // The pharmacist's draft, with the concern answered No (its note says why).
    let said_no = edit(
        &without_sign_off(&answers("pharmacist-informal")),
        "  concern-specific:\n    answer: \"yes\"",
        "  concern-specific:\n    answer: \"no\"",
    );
    let made = from_answers(said_no)
        .stdout(draft_written("r.yaml", 47, &[]))
        .run();
    let note = answer_of(&made.path("r.yaml"), "concern-specific")
        .1
        .expect("the draft's No has its note");
    assert!(note.starts_with(NOTE), "{note}");

    let ran = made
        .pty()
        // Tall enough for the review's seven items that need attention on one page.
        .height(60)
        .args(["run", "--resume", "r.yaml"])
        .expect("What next?")
        // "Change an answer", then the concern (row 11).
        .pick_here(1)
        .expect("Which answer?")
        .choose(10)
        .expect("Is the concern written down specifically")
        // From No (marked) to Yes, which asks no note: the note is offered all the same.
        .repick(1, 0)
        .expect("The note given with the earlier answer is kept for editing")
        .expect("Note (optional)")
        .expect(NOTE)
        .key(Enter)
        // A confirmed answer changed: why is asked, and Enter on an empty line gives none.
        .line("Why change it? (optional)", "")
        .expect("What next?")
        .pick_here(2)
        .expect("Draft saved")
        .run();
    let record = read(&private_record(&ran.path("r.yaml")));
    let answer = record.answer("concern-specific").unwrap();
    assert_eq!(
        (answer.answer.as_str(), answer.note.as_deref()),
        ("yes", Some(note.as_str()))
    );
    let change = record.history.last().unwrap();
    assert_eq!(
        (
            change.old_answer.as_deref(),
            change.new_answer.as_deref(),
            change.old_note.as_deref(),
            change.new_note.as_deref()
        ),
        (
            Some("no"),
            Some("yes"),
            Some(note.as_str()),
            Some(note.as_str())
        )
    );
}

#[test]
fn after_migrate_a_reworded_item_offers_the_note_its_old_answer_had() {
    const NOTE: &str = "The delays are shown by the discharge system's timestamps";
    let ran = Pty::new()
        .file("draft.yaml", draft())
        .file("fw.yaml", crate::fixtures::reworded())
        // Tall enough for the review and its menu on one screen.
        .height(60)
        .args([
            "run",
            "--resume",
            "draft.yaml",
            "--framework",
            "fw.yaml",
            "--migrate",
        ])
        .expect("The draft now uses this framework")
        .expect("Locally reworded.")
        .expect("Answered \"yes\" before the framework changed")
        .pick(0)
        .expect("Note (optional)")
        .expect(NOTE)
        .key(Enter)
        // The optional review date the draft left out is offered again; left again.
        .line("Date (YYYY-MM-DD)", "")
        .expect("What next?")
        .pick_here(2)
        .expect("Draft saved")
        .run();
    let (answer, note) = answer_of(&ran.path("draft.yaml"), "evidence-distinguished");
    assert_eq!(answer, "yes");
    assert!(note.is_some_and(|n| n.starts_with(NOTE)));
}

#[test]
fn enter_before_moving_says_nothing_is_chosen_and_then_moving_works() {
    let ran = new_case(Pty::new(), "CASE-2026-403")
        .line("Answer", "Late entries")
        .line("Date (YYYY-MM-DD)", "2026-03-05")
        .menu()
        .key(Enter)
        .expect("Nothing chosen yet: move with ↑/↓ first")
        .keys([Down, Enter])
        .expect("✔ Answer · Yes")
        .expect("When did the measure begin?")
        .line_ready()
        .key(Esc)
        .status(130)
        .run();
    assert_eq!(
        answer_of(&ran.path("CASE-2026-403.yaml"), "measure").0,
        "yes"
    );
}

#[test]
fn the_help_keys_list_the_keys_of_the_menu_and_of_the_line() {
    new_case(Pty::new(), "CASE-2026-404")
        .expect("F1 all keys")
        .line_ready()
        .key(F1)
        .expect("Keys here:")
        .expect("Ctrl-U")
        .expect("clear the text before the cursor")
        .expect("Tab")
        .expect("confirm and add a note")
        .expect("F1")
        .expect("hide these keys")
        .send(format!("Late entries{Enter}"))
        .line("Date (YYYY-MM-DD)", "2026-03-05")
        .menu()
        .expect("? all keys")
        .send("?")
        .expect("Keys in this menu:")
        .expect("Home/End")
        .expect("mark the first or the last entry")
        .expect("Enter")
        .expect("choose")
        .expect("n")
        .expect("choose and add a note")
        .expect("Esc")
        .expect("save and leave")
        .key(Esc)
        .status(130)
        .run();
}

#[test]
fn each_item_screen_shows_the_case_s_progress() {
    new_case(Pty::new(), "CASE-2026-405")
        .expect("Case details · item 1 of 3 · 0 of 17 answered")
        .line("Answer", "Late entries")
        .expect("Case details · item 2 of 3 · 1 of 17 answered")
        .line("Date (YYYY-MM-DD)", "2026-03-05")
        .expect("Case details · item 3 of 3 · 2 of 17 answered")
        // Yes brings in the date the measure began: one more item in the case.
        .pick(0)
        .expect("Case details · item 4 of 4 · 3 of 18 answered")
        .line_ready()
        .key(Esc)
        .status(130)
        .run();
}

#[test]
fn a_long_answer_echoed_at_60_columns_wraps_at_a_space() {
    new_case(Pty::new().width(60), "CASE-2026-406")
        .line(
            "Answer",
            "The practitioner's record keeping was questioned after a pharmacy audit in the spring of this year",
        )
        .expect(
            "✔ Answer · The practitioner's record keeping was questioned\r\n  \
             after a pharmacy audit in the spring of this year",
        )
        .line_ready()
        .key(Esc)
        .status(130)
        .run();
}
