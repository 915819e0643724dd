//! The review and the sign-off summary in a terminal, typed at as a person would: the
//! review opens on what needs attention, marked in words that read without colour;
//! "Show everything" lists every answer a page at a time; the change list numbers
//! items as the item screens do; and before the name is asked, the case on one
//! screen, with every No and its note.
//!
//! Unix only: every test here types into a pseudo-terminal (tests/pty.rs says why).
#![cfg(unix)]

use crate::harness::Ran;
use crate::pty::Key::Enter;
use crate::pty::Pty;
use crate::records::draft;

/// The pager's prompt after each page but the last.
const PAGER: &str = "Enter more · q stop · Esc save and leave";

/// The example draft (the pharmacist's case, 47 answers: three No, one of them
/// needing a reason, and three Not applicable), resumed in a terminal `width`×`height`.
fn resumed(width: u16, height: u16) -> Pty<'static> {
    Pty::new()
        .file("draft.yaml", draft())
        .width(width)
        .height(height)
        .args(["run", "--resume", "draft.yaml"])
}

/// At the review's menu, nothing marked: "Save and leave" (the third entry).
fn save_and_leave(pty: Pty) -> Pty {
    pty.expect("What next?").pick_here(2).expect("Draft saved")
}

/// The lines of each page the pager showed after `from` (the first counted from
/// there), but the last (which runs on into what follows the table), in `ran`'s screen.
fn pages(ran: &Ran, from: &str) -> Vec<usize> {
    let after = ran.stdout.split_once(from).expect("the screen shows it").1;
    let parts: Vec<&str> = after.split(PAGER).collect();
    parts[..parts.len() - 1]
        .iter()
        .map(|page| page.matches('\n').count())
        .collect()
}

#[test]
fn the_review_opens_on_what_needs_attention_each_no_and_not_applicable_marked_in_words_notes_whole()
{
    for colour in [&["--color", "never"][..], &[]] {
        let ran = Pty::new()
            .file("draft.yaml", draft())
            // Tall enough for the review and its menu on one screen.
            .height(60)
            .env("NO_COLOR", "1")
            .args(colour.iter().copied())
            .args(["run", "--resume", "draft.yaml"])
            .expect("Review · what needs attention")
            .expect("4 of 48 items need attention (1 No, 3 Not applicable)")
            .expect("Case details")
            .expect(" 9  Has Practitioner Performance")
            .expect("✘ No")
            // The note is whole here: these are the rows a signer must read.
            .expect("four weeks, so contact was not needed.")
            .expect("Principle 2 · Ensuring welfare and support")
            .expect(" 4  Have reasonable adjustments been")
            .expect("– Not applicable")
            .steps(save_and_leave)
            .run();
        // The Yes answers are left out: the first of Principle 1, say.
        assert!(
            !ran.stdout.contains("Is the concern written down"),
            "{}",
            ran.stdout
        );
        // So is a No that is a plain fact of the case, where the framework asks for
        // no reason: the concern did not arise from a patient safety incident.
        assert!(
            !ran.stdout.contains("Does the concern arise from a"),
            "{}",
            ran.stdout
        );
        assert!(!ran.stdout.contains("shortened"), "{}", ran.stdout);
        assert!(!ran.stdout.contains("\u{1b}[31"), "colour is off");
    }
}

#[test]
fn with_colour_on_the_marks_are_in_colour_and_still_in_words() {
    let ran = Pty::new()
        .file("draft.yaml", draft())
        // Tall enough for the review and its menu on one screen.
        .height(60)
        .env("CLICOLOR", "1")
        .args(["run", "--resume", "draft.yaml"])
        .expect("what needs attention")
        .steps(save_and_leave)
        .run();
    assert!(
        ran.stdout.contains("\u{1b}[31m\u{1b}[1m✘ No"),
        "{}",
        ran.stdout
    );
    assert!(ran.stdout.contains("\u{1b}[33m– Not applicable"));
}

#[test]
fn show_everything_lists_every_answer_and_then_what_needs_attention_again() {
    resumed(140, 200)
        .expect("What next?")
        .pick_here(3)
        .expect("Review · every answer")
        .expect("Is the concern written down specifically")
        .expect("On what date will the decision and its")
        .expect("— not answered (optional)")
        // The fourth entry now goes back.
        .expect("What next?")
        .pick_here(3)
        .expect("What next? · Show only what needs attention")
        .expect("Review · what needs attention")
        .steps(save_and_leave)
        .run();
}

#[test]
fn at_60_columns_by_24_rows_the_review_is_paged_and_q_stops() {
    let ran = resumed(60, 24)
        // What needs attention is taller than the terminal too.
        .expect(PAGER)
        .send("q")
        .expect("What next?")
        .pick_here(3)
        .expect("Review · every answer")
        .expect(PAGER)
        .send(Enter.to_string())
        .expect(PAGER)
        .send(Enter.to_string())
        .expect(PAGER)
        // Stops before the end: the menu comes at once.
        .send("q")
        .steps(save_and_leave)
        .run();
    let pages = pages(&ran, "Review · every answer");
    assert_eq!(pages.len(), 3, "{pages:?}");
    for lines in pages {
        assert!((10..=23).contains(&lines), "a page of {lines} lines");
    }
    // Stopped: the decision's items were never shown.
    assert!(
        !ran.stdout
            .contains("What is the rationale for the decision?")
    );
}

#[test]
fn the_change_list_numbers_items_within_their_part_as_the_item_screens_do() {
    resumed(100, 60)
        .expect("What next?")
        .pick_here(1)
        .expect("Which answer?")
        .expect("Case details · 1. Which staff group")
        .expect("Case details · 8. Does the concern arise")
        .expect("[✘ No]")
        .expect("Principle 1 · 1. Is the concern written down")
        .expect("Principle 1 · 2. Is the evidence")
        // Ten case details, then Principle 1's second item.
        .send(crate::pty::Key::Down.times(11) + &Enter.to_string())
        .expect("Principle 1 of 5 · item 2 of 8")
        .expect("Is the evidence behind the concern identified")
        // Yes is marked; after Yes, No and Not applicable comes "Back to the review".
        .repick(0, 3)
        .expect("What next?")
        .pick_here(1)
        .expect("Which answer?")
        .expect("❯")
        // Up from the first entry wraps to "Back", then the decision's seven items
        // from the last: `regulator-referral` is the fifth.
        .send(crate::pty::Key::Up.times(6) + &Enter.to_string())
        .expect("Decision · 3. Is the practitioner being referred")
        .expect("Decision · item 3 of 7")
        .expect("Is the practitioner being referred to their professional regulator?")
        .repick(1, 3)
        .steps(save_and_leave)
        .run();
}

#[test]
fn before_signing_the_case_is_on_one_screen_with_every_no_and_its_note() {
    const NAME: &str = "Tobias Wrenfield";
    let ran = resumed(100, 40)
        .expect(PAGER)
        .send("q")
        .expect("What next?")
        .pick_here(0)
        .expect("Before you sign: the case on one screen")
        .expect("Part          Yes   No  N/A  Other  Blank")
        .expect("Case details    0    2    0      8      0")
        .expect("Principle 1     6    0    0      2      0")
        .expect("Principle 2     4    0    1      0      0")
        .expect("Decision        1    1    0      4      1")
        .expect("3 answers are No:")
        .expect("✘ Case details · 8. Does the concern arise from a")
        .expect("Three discharges were delayed")
        .expect("✘ Case details · 9. Has Practitioner Performance")
        .expect("Considered on 2026-04-08")
        // Each note whole, not cut to a line: the signer confirms having read them.
        .expect("more serious came to light. It resolved the concern within four weeks")
        .expect("✘ Decision · 3. Is the practitioner being referred")
        .expect("Nothing in the concern bears")
        .line("Your name", NAME)
        .line("Your role", "Case manager")
        .expect("Declaration")
        .expect("Typing your name again (Tobias Wrenfield) confirms that you")
        .line("Type your name to sign", NAME)
        .expect("Signed and sealed")
        .run();
    // The summary fits the screen: no page of it, and no more lines than the
    // terminal has, from its title to the name prompt's hint.
    let summary = ran
        .stdout
        .split("Before you sign")
        .nth(1)
        .and_then(|rest| rest.split("Sign-off").next())
        .unwrap();
    assert!(!summary.contains(PAGER), "{summary}");
    assert!(summary.matches('\n').count() <= 39, "{summary}");
}

#[test]
fn at_60_by_24_the_summary_fits_one_screen_with_the_name_prompt_under_it() {
    let ran = resumed(60, 24)
        .expect(PAGER)
        .send("q")
        .expect("What next?")
        .pick_here(0)
        .expect("Before you sign: the case on one screen")
        .expect("Case details: 2 No, 8 other · Principle 1: 6 Yes, 2 other")
        .expect("Decision: 1 Yes, 1 No, 4 other, 1 blank")
        .expect("✘ Case details · 8. Does the concern arise")
        .expect("Your name")
        .key(crate::pty::Key::Esc)
        .expect("Draft saved")
        .status(130)
        .run();
    let summary = ran.stdout.split("Before you sign").nth(1).unwrap();
    assert!(!summary.contains(PAGER), "{summary}");
    // The screen as the name prompt is first drawn: the whole summary is on it, from
    // its title to the last No's note, and the prompt under it.
    let at = ran.stdout.find("Before you sign").unwrap();
    let prompt = at + ran.stdout[at..].find("Your name").unwrap() + "Your name".len();
    let size = |n| std::num::NonZeroU16::new(n).unwrap();
    let mut parser = vt100::Parser::new(size(24), size(60), 0);
    parser.process(&ran.stdout.as_bytes()[..prompt]);
    let screen = parser.screen().contents();
    for line in [
        "Before you sign: the case on one screen",
        "Case details: 2 No, 8 other",
        "✘ Case details · 8.",
        "timeliness and one exchange with a nurse.",
        "✘ Case details · 9.",
        "not needed.",
        "✘ Decision · 3.",
        "fitness to practise.",
        "Sign-off",
        "? Your name",
    ] {
        assert!(
            screen.contains(line),
            "{line:?} is not on the screen:\n{screen}"
        );
    }
}

#[test]
fn at_60_by_20_a_long_menu_with_its_keys_shown_stays_within_the_screen() {
    // Thirteen entries a page and eight lines of keys: taller than the screen, its
    // first rows would scroll out of the redraw's reach and stay behind.
    let ran = resumed(60, 20)
        .expect(PAGER)
        .send("q")
        .expect("What next?")
        .pick_here(1)
        .expect("Which answer?")
        .expect("❯")
        .send("?")
        .expect("Keys in this menu:")
        .expect("hide these keys")
        .send(crate::pty::Key::Down.times(2))
        .expect("Case details · 3.")
        .expect("hide these keys")
        .key(crate::pty::Key::Esc)
        .steps(save_and_leave)
        .run();
    // The screen as the menu was last drawn with its keys: all of it, head first, and
    // the hint over it.
    let last = ran.stdout.rfind("hide these keys").unwrap() + "hide these keys".len();
    let size = |n| std::num::NonZeroU16::new(n).unwrap();
    let mut parser = vt100::Parser::new(size(20), size(60), 0);
    parser.process(&ran.stdout.as_bytes()[..last]);
    let screen = parser.screen().contents();
    for part in [
        "Esc back to the menu",
        "? Which answer?",
        "❯ Case details · 3.",
        "Keys in this menu:",
        "hide these keys",
    ] {
        assert!(
            screen.contains(part),
            "{part:?} is not on the screen:\n{screen}"
        );
    }
}

#[test]
fn stopping_the_summary_part_way_goes_back_to_the_review_not_on_to_signing() {
    // At 60×12 the summary takes more than one page.
    resumed(60, 12)
        .expect(PAGER)
        .send("q")
        .expect("What next?")
        .pick_here(0)
        .expect("Before you sign: the case on one screen")
        .expect(PAGER)
        .send("q")
        .expect("Sign-off needs the whole summary read: back to the review.")
        .expect(PAGER)
        .send("q")
        .screen_lacks("Your name ›")
        .steps(save_and_leave)
        .run();
}

#[test]
fn a_framework_set_in_the_environment_does_not_stop_a_built_in_draft_from_resuming() {
    // Another framework (the built-in one renamed) as the default for new cases: the
    // example draft, begun with the built-in framework, goes on with that.
    let ours = fairness::framework::BUILTIN_TEXT.replacen(
        "name: Principles and Framework for Fairness and Proportionality",
        "name: Our adapted framework",
        1,
    );
    assert_ne!(ours, fairness::framework::BUILTIN_TEXT);
    resumed(100, 60)
        .file("ours.yaml", ours)
        .env("FAIRNESS_FRAMEWORK", "ours.yaml")
        .expect("Resuming case CASE-2026-104")
        .screen_lacks("--migrate")
        .steps(save_and_leave)
        .run();
}

#[test]
fn at_60_by_24_the_last_page_of_everything_is_on_the_screen_with_the_menu() {
    let ran = resumed(60, 24)
        .expect(PAGER)
        .send("q")
        .expect("What next?")
        .pick_here(3)
        .expect("Review · every answer")
        .steps(|mut pty| {
            for _ in 0..PAGES_OF_EVERYTHING - 1 {
                pty = pty.expect(PAGER).send(Enter.to_string());
            }
            pty
        })
        .expect("What next?")
        .expect("Show only what needs attention")
        // "Save and leave": nothing is marked at first.
        .send(crate::pty::Key::Down.times(3) + &Enter.to_string())
        .expect("Draft saved")
        .run();
    // The screen as the menu is first drawn under the last page.
    let everything = ran.stdout.find("Review · every answer").unwrap();
    let last_pager = everything + ran.stdout[everything..].rfind(PAGER).unwrap();
    let menu = last_pager
        + ran.stdout[last_pager..]
            .find("Show only what needs attention")
            .unwrap()
        + "Show only what needs attention".len();
    let size = |n| std::num::NonZeroU16::new(n).unwrap();
    let mut parser = vt100::Parser::new(size(24), size(60), 0);
    parser.process(&ran.stdout.as_bytes()[..menu]);
    let screen = parser.screen().contents();
    assert!(screen.contains("What next?"), "{screen}");
    // Every line of the last page, and of what follows it, is on the screen with the
    // menu: none went into the scrollback.
    let last_page = &ran.stdout[last_pager + PAGER.len()..menu];
    let last_page = last_page.split("What next?").next().unwrap();
    assert!(
        last_page.contains("Has the practitioner been told"),
        "{last_page}"
    );
    for line in console::strip_ansi_codes(last_page).lines() {
        let line = line.trim();
        if !line.is_empty() {
            assert!(
                screen.contains(line),
                "{line:?} is not on the screen:\n{screen}"
            );
        }
    }
}

/// How many pages "Show everything" takes at 60×24.
const PAGES_OF_EVERYTHING: usize = 15;

#[test]
fn what_next_opens_with_nothing_marked_so_a_hurried_enter_does_not_sign_off() {
    resumed(100, 60)
        .expect("What next?")
        .expect("Show everything")
        .send(Enter.to_string())
        .expect("Nothing chosen yet: move with ↑/↓ first")
        .send(crate::pty::Key::Down.times(3) + &Enter.to_string())
        .expect("Draft saved")
        .screen_lacks("Before you sign")
        .screen_with(|screen| {
            // As first drawn, the menu marks no entry.
            let first = screen.split("What next? ›").nth(1).unwrap();
            let first = first.split("Show everything").next().unwrap();
            assert!(!first.contains('❯'), "{first}");
        })
        .run();
}
