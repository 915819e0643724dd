//! Nothing typed is lost: text left in an answer or a note without Enter (by ↑, Esc, a
//! closed terminal) is kept in the draft as unconfirmed text, offered again, marked,
//! when the field comes back, and saved as the answer or note only once confirmed; a
//! paste is one insertion however it arrives; ↑ and ↓ move between the rows of a long
//! text.
//!
//! Unix only, as every test typed into a pseudo-terminal (tests/pty.rs says why).
#![cfg(unix)]

use std::path::Path;
use std::time::Duration;

use crate::pty::Key::{CtrlR, Enter, Esc, Up};
use crate::pty::Pty;

/// What the mark under a field with unconfirmed text says.
const MARKED: &str = "Unconfirmed text kept from before";

/// The unconfirmed text in the draft at `path`, each as "item (field): text".
pub(crate) fn unconfirmed(path: &Path) -> Vec<String> {
    let (record, _) = fairness::record::from_yaml(path).expect("the draft is readable");
    record
        .unconfirmed
        .iter()
        .map(|u| format!("{} ({}): {}", u.item, u.field, u.text))
        .collect()
}

/// The answer and note the draft at `path` records for item `id`, if answered.
fn answer(path: &Path, id: &str) -> Option<(String, Option<String>)> {
    let (record, _) = fairness::record::from_yaml(path).expect("the draft is readable");
    record
        .answer(id)
        .map(|a| (a.answer.clone(), a.note.clone()))
}

/// `fairness run` for a new case `reference`: a dentist chosen with the note key, at
/// the staff group's note.
fn at_the_first_note<'a>(pty: Pty<'a>, reference: &str) -> Pty<'a> {
    pty.args(["run"])
        .line("Case reference", reference)
        .expect("Draft created")
        .pick_noting(1)
        .expect("Note (optional)")
        .line_ready()
}

#[test]
fn up_at_a_note_keeps_the_text_and_it_comes_back_marked_with_the_note() {
    let ran = at_the_first_note(Pty::new(), "CASE-2026-301")
        .send("Seen at the clinic")
        .expect("clinic")
        // Back to the answer: the menu, with the answer just chosen marked.
        .key(Up)
        .expect("Enter keep the answer marked")
        .key(Enter)
        // The note again, with what was typed, marked as unconfirmed.
        .expect("Note (optional)")
        .expect(MARKED)
        .send(" on Monday")
        .expect("Monday")
        .key(Enter)
        .expect("Case details · item 2 of ")
        .menu()
        .key(Esc)
        .status(130)
        .run();
    let path = ran.path("CASE-2026-301.yaml");
    assert_eq!(
        answer(&path, "staff-group"),
        Some((
            "dentist".to_owned(),
            Some("Seen at the clinic on Monday".to_owned())
        ))
    );
    assert_eq!(unconfirmed(&path), Vec::<String>::new());
}

#[test]
fn esc_at_a_note_keeps_it_unconfirmed_and_resume_says_so_and_offers_it_again() {
    let ran = at_the_first_note(Pty::new(), "CASE-2026-302")
        .send("Because the clinic")
        .expect("clinic")
        .key(Esc)
        .expect("Draft saved")
        // Leaving says the typed note is kept, not only that the draft is saved.
        .expect("What you typed and did not confirm is kept")
        .status(130)
        .run();
    let path = ran.path("CASE-2026-302.yaml");
    // The answer is saved; the note is not, but is kept.
    assert_eq!(
        answer(&path, "staff-group"),
        Some(("dentist".to_owned(), None))
    );
    assert_eq!(
        unconfirmed(&path),
        ["staff-group (note): Because the clinic"]
    );

    // Resumed: the greeting names the field, and the note is asked first, at once,
    // with its text marked; Enter confirms it.
    ran.pty()
        .args(["run", "--resume", "CASE-2026-302.yaml"])
        .expect("Resuming case CASE-2026-302")
        .expect("Unconfirmed text from your last sitting")
        .expect("Case details · 1, “")
        .expect("Answer given: Dentist")
        .expect("Note (optional)")
        .expect("Because the clinic")
        .expect(MARKED)
        .key(Enter)
        .expect("Case details · item 2 of ")
        .menu()
        .key(Esc)
        .expect("Draft saved")
        .status(130)
        .run();
    assert_eq!(
        answer(&path, "staff-group"),
        Some(("dentist".to_owned(), Some("Because the clinic".to_owned())))
    );
    assert_eq!(unconfirmed(&path), Vec::<String>::new());
}

#[test]
fn a_hang_up_at_a_text_prompt_keeps_the_text_which_resume_offers_to_confirm() {
    // A pharmacist in England, in primary care, under a local policy; then the policy's
    // document, a text item, is half typed when the terminal closes.
    let ran = Pty::new()
        .args(["run"])
        .line("Case reference", "CASE-2026-303")
        .expect("Draft created")
        .pick(2)
        .pick(0)
        .pick(2)
        .pick(3)
        .expect("Which document, and which version of it")
        .line_ready()
        .send("Local policy v")
        .expect("Local policy v")
        .hang_up()
        .status(130)
        .run();
    let path = ran.path("CASE-2026-303.yaml");
    assert_eq!(answer(&path, "policy-document"), None);
    assert_eq!(
        unconfirmed(&path),
        ["policy-document (answer): Local policy v"]
    );

    ran.pty()
        .args(["run", "--resume", "CASE-2026-303.yaml"])
        .expect("Case details · 5, “")
        .expect("Which document, and which version of it")
        .expect(MARKED)
        .send(format!("2{Enter}"))
        .expect("Case details · item 6 of ")
        // An Esc sent before the date's prompt is ready is typeahead, thrown away.
        .line_ready()
        .key(Esc)
        .status(130)
        .run();
    assert_eq!(
        answer(&path, "policy-document"),
        Some(("Local policy v2".to_owned(), None))
    );
    assert_eq!(unconfirmed(&path), Vec::<String>::new());
}

#[test]
fn a_bracketed_paste_in_two_bursts_is_kept_whole_as_one_note() {
    let ran = at_the_first_note(Pty::new(), "CASE-2026-304")
        // A paste, split after its line break, as a slow link delivers it: the first
        // burst's Enter has nothing after it for a while, yet is part of the paste.
        .send("\x1b[200~First line\r")
        .then(|_| std::thread::sleep(Duration::from_millis(100)))
        .send("second line\x1b[201~")
        .expect("second line")
        .key(Enter)
        .expect("Case details · item 2 of ")
        .menu()
        .key(Esc)
        .status(130)
        .screen_with(|screen| {
            // Bracketed paste is asked for while the note is read, and off after.
            let on = screen
                .rfind("\x1b[?2004h")
                .expect("bracketed paste was turned on");
            assert!(
                screen[on..].contains("\x1b[?2004l"),
                "bracketed paste was left on"
            );
        })
        .run();
    assert_eq!(
        answer(&ran.path("CASE-2026-304.yaml"), "staff-group"),
        Some((
            "dentist".to_owned(),
            Some("First line\nsecond line".to_owned())
        ))
    );
}

#[test]
fn a_paste_past_the_limit_keeps_what_fits_and_says_how_much_was_left_out() {
    // The longest text answer or note a record takes (`value::MAX_TEXT_CHARS`).
    let most = 20_000;
    let paste: String = "word ".repeat(most / 5 + 3);
    let ran = at_the_first_note(Pty::new(), "CASE-2026-309")
        .send(format!("\x1b[200~{paste}\x1b[201~"))
        .expect(format!(
            "The text is at its limit of {most} characters: 15 more characters pasted were \
             left out"
        ))
        // Typing on at the limit adds nothing, and says so.
        .send("z")
        .expect("left out; nothing more")
        .key(Esc)
        .expect("Draft saved")
        .status(130)
        .run();
    let kept = unconfirmed(&ran.path("CASE-2026-309.yaml"));
    assert_eq!(kept.len(), 1, "{kept:?}");
    let text = kept[0].split_once(": ").unwrap().1;
    assert_eq!(text.chars().count(), most);
    assert!(paste.starts_with(text));
}

#[test]
fn up_on_the_second_row_of_a_wrapped_note_moves_up_a_row_and_does_not_go_back() {
    let long = "abcdefghij".repeat(8);
    let ran = at_the_first_note(Pty::new().width(60), "CASE-2026-305")
        .send(&long)
        .expect("↑/↓ move between rows")
        // From the end of the second row, a row up: into the first row's text.
        .key(Up)
        .send("X")
        .key(Enter)
        .expect("Case details · item 2 of ")
        .menu()
        .key(Esc)
        .status(130)
        .run();
    let (_, note) = answer(&ran.path("CASE-2026-305.yaml"), "staff-group").unwrap();
    let note = note.expect("the note was kept");
    assert_eq!(note.chars().count(), 81, "{note}");
    let at = note.find('X').unwrap();
    // Sixty columns up from the end of the text.
    assert_eq!(at, 80 - 60, "{note}");
    assert_eq!(note.replace('X', ""), long);
}

#[test]
fn unconfirmed_text_over_a_saved_note_shows_it_and_ctrl_r_puts_it_back() {
    // A note confirmed, then reopened from the next item, added to and left with Esc.
    let ran = at_the_first_note(Pty::new(), "CASE-2026-306")
        .send(format!("Saved note{Enter}"))
        .expect("Case details · item 2 of ")
        .menu()
        .keys([Up, Enter])
        .expect("Which staff group")
        .menu()
        .send("n")
        .expect("Note (optional)")
        .line_ready()
        .send(" plus more")
        .expect("plus more")
        .key(Esc)
        .expect("Draft saved")
        .status(130)
        .run();
    let path = ran.path("CASE-2026-306.yaml");
    assert_eq!(
        unconfirmed(&path),
        ["staff-group (note): Saved note plus more"]
    );

    // Resumed: the saved note is shown under the unconfirmed text, and Ctrl-R then
    // Enter keeps it, and drops the unconfirmed text.
    ran.pty()
        .args(["run", "--resume", "CASE-2026-306.yaml"])
        .expect("Case details · 1, “")
        .expect("Ctrl-R puts the saved one back")
        .expect("Note (optional)")
        .line_ready()
        .expect("Saved note plus more")
        .expect("Saved: Saved note")
        .expect("Ctrl-R puts the saved text back")
        .key(CtrlR)
        .key(Enter)
        .expect("Case details · item 2 of ")
        .menu()
        .key(Esc)
        .status(130)
        .run();
    assert_eq!(
        answer(&path, "staff-group"),
        Some(("dentist".to_owned(), Some("Saved note".to_owned())))
    );
    assert_eq!(unconfirmed(&path), Vec::<String>::new());
}

#[test]
fn a_paste_end_marker_split_across_reads_ends_the_paste_and_is_not_text() {
    let ran = at_the_first_note(Pty::new(), "CASE-2026-307")
        // The end marker split after `ESC [ 2`, as a slow link may deliver it.
        .send("\x1b[200~Pasted reasons\x1b[2")
        .then(|_| std::thread::sleep(Duration::from_millis(200)))
        .send("01~")
        .expect("Pasted reasons")
        .key(Enter)
        .expect("Case details · item 2 of ")
        .menu()
        .key(Esc)
        .status(130)
        .run();
    assert_eq!(
        answer(&ran.path("CASE-2026-307.yaml"), "staff-group"),
        Some(("dentist".to_owned(), Some("Pasted reasons".to_owned())))
    );
}

#[test]
fn a_paste_whose_end_marker_never_comes_ends_after_a_pause() {
    let ran = at_the_first_note(Pty::new(), "CASE-2026-308")
        .send("\x1b[200~Cut short")
        .expect("Cut short")
        .then(|_| std::thread::sleep(Duration::from_millis(900)))
        .key(Enter)
        .expect("Case details · item 2 of ")
        .menu()
        .key(Esc)
        .status(130)
        .run();
    assert_eq!(
        answer(&ran.path("CASE-2026-308.yaml"), "staff-group"),
        Some(("dentist".to_owned(), Some("Cut short".to_owned())))
    );
}

#[test]
fn the_keys_under_a_wrapped_note_wrap_at_spaces_never_inside_a_word() {
    let long = "abcdefghij ".repeat(15);
    let ran = at_the_first_note(Pty::new().width(140), "CASE-2026-309")
        .send(&long)
        .expect("↑/↓ move between rows")
        .key(Esc)
        .status(130)
        .run();
    // Offered again, marked, with the keys for rows: too long for one row together,
    // they wrap at a space (the terminal would cut `keeping the te|xt`).
    ran.pty()
        .width(140)
        .args(["run", "--resume", "CASE-2026-309.yaml"])
        .expect(MARKED)
        .expect("goes back, keeping the")
        .key(Esc)
        .status(130)
        .screen_with(|screen| {
            let marked = screen.rfind(MARKED).expect("the mark is shown");
            let from = marked + screen[marked..].find("keeping the").unwrap();
            let to = from + screen[from..].find("text").unwrap();
            assert!(
                screen[marked..to].contains("\r\n"),
                "not wrapped: {:?}",
                &screen[marked..to]
            );
        })
        .run();
}

#[test]
fn text_left_on_an_item_no_longer_asked_goes_into_the_history_at_sign_off() {
    const NAME: &str = "Tobias Wrenfield";
    // The pharmacist's draft, with a date half typed into the day Advice was
    // contacted: an item not asked, since Advice was not contacted.
    let draft = crate::harness::edit(
        &crate::records::draft(),
        "history: []\n",
        "history: []\nunconfirmed:\n  - item: \"advice-contacted-on\"\n    field: \"answer\"\n    \
         text: \"2026-04\"\n    at: \"2026-04-09T10:00:00Z\"\n",
    );
    let ran = Pty::new()
        .file("draft.yaml", draft)
        .height(60)
        .args(["run", "--resume", "draft.yaml"])
        // It holds nothing up.
        .expect("Everything required is answered")
        .expect("What next?")
        .pick_here(0)
        .line("Your name", NAME)
        .line("Your role", "Case manager")
        .line("Type your name to sign", NAME)
        .expect("Signed and sealed")
        .run();
    let path = ran.path("draft.yaml");
    assert!(unconfirmed(&path).is_empty());
    let (record, _) = fairness::record::from_yaml(&path).expect("the record is readable");
    let left = record.history.last().expect("a history entry");
    assert_eq!(left.item.as_deref(), Some("advice-contacted-on"));
    assert_eq!(
        left.detail.as_deref(),
        Some("text typed into its answer and never confirmed, left out at sign-off: \"2026-04\"")
    );
    // The signed record verifies, and the export says what was left out.
    ran.test()
        .args(["verify", "draft.yaml"])
        .stdout_contains("intact")
        .run();
    ran.test()
        .args(["export", "draft.yaml", "--format", "markdown"])
        .stdout_contains("left out at sign-off: \"2026-04\"")
        .run();
}
