//! `fairness run` in a pseudo-terminal: whole cases typed key by key, leaving with
//! Ctrl-C and resuming, the lock, failed saves, signed records and changed frameworks.
//!
//! Unix only: every test here types into a pseudo-terminal (tests/pty.rs says why that
//! is Unix only), and some make symbolic links, which Windows lets only administrators
//! and developer-mode accounts make.
#![cfg(unix)]

use std::collections::HashMap;
use std::path::Path;

use fairness::framework::{Asking, BUILTIN_TEXT, Framework, Item, NoteNeed, check};

use crate::drafts::unconfirmed;
use crate::fixtures::reworded;
use crate::harness::{Folder, Test, assert_sealed, edit, error, framework_refused, private_record};
use crate::pty::Key::{CtrlC, CtrlU, Down, Enter, Esc, Up};
use crate::pty::Pty;
use crate::records::{draft, signed};

fn builtin() -> Framework {
    check(BUILTIN_TEXT).framework.unwrap()
}

/// The reason the driver gives when it changes a confirmed answer.
pub(crate) const REASON: &str = "Gone back to correct it";

/// What to do at one item.
#[derive(Clone, Copy)]
pub(crate) enum Act {
    /// In a menu: the option this many places down, then a note if one is asked.
    Pick(usize, &'static str),
    /// Type this text (a text or date item), then a note if one is asked.
    Type(&'static str, &'static str),
    /// The item's sample answer (`AnswerKind::sample_answer`: yes to checks, the first
    /// option of choices, a date, some text), with a note where one is required.
    Sample,
    /// Go back to the previous item.
    Back,
}

/// Works out the keys a person types to answer items in a session, item by item,
/// keeping track of which items `when` shows, and waiting for each item's position on
/// the screen before typing: the steps it adds to a [`Pty`] run.
pub(crate) struct Driver<'f> {
    fw: &'f Framework,
    /// (section label, principle number, items) in asking order.
    order: Vec<(String, Option<usize>, &'f [Item])>,
    pub(crate) answers: HashMap<String, String>,
    /// The notes given, by item id: a changed answer offers its note for editing.
    pub(crate) notes: HashMap<String, String>,
    /// Items answered in an earlier sitting, which a resumed session does not ask.
    pub(crate) skip: Vec<&'f str>,
}

impl<'f> Driver<'f> {
    pub(crate) fn new(fw: &'f Framework) -> Self {
        let mut order = vec![("Case details".to_owned(), None, &fw.case_details[..])];
        for (i, p) in fw.principles.iter().enumerate() {
            order.push((String::new(), Some(i + 1), &p.items[..]));
        }
        order.push(("Decision".to_owned(), None, &fw.decision[..]));
        Driver {
            fw,
            order,
            answers: HashMap::new(),
            notes: HashMap::new(),
            skip: Vec::new(),
        }
    }

    /// Every item in order with the start of its position text; the number counts only
    /// the items shown before it (see [`Driver::position`]).
    fn steps(&self) -> Vec<(usize, usize, &'f Item)> {
        let mut steps = Vec::new();
        for (s, (_, _, items)) in self.order.iter().enumerate() {
            for (i, item) in items.iter().enumerate() {
                steps.push((s, i, item));
            }
        }
        steps
    }

    /// "Principle 2 of 5 · item 3 of ", numbering as the run does: only the items of
    /// the section shown given the answers so far.
    fn position(&self, section: usize, index: usize) -> String {
        let (label, principle, items) = &self.order[section];
        let n = 1 + items[..index].iter().filter(|i| self.shown(i)).count();
        match principle {
            Some(p) => format!(
                "Principle {p} of {} · item {n} of ",
                self.fw.principles.len()
            ),
            None => format!("{label} · item {n} of "),
        }
    }

    fn shown(&self, item: &Item) -> bool {
        item.when
            .as_ref()
            .is_none_or(|w| w.holds(self.answers.get(&w.item.value).map(|a| a.as_str())))
    }

    /// Answers items from `from` (an item id) until `until` (not answered), or to the
    /// end; `acts` overrides the default answer of the items it names, in turn.
    pub(crate) fn drive<'a>(
        &mut self,
        mut pty: Pty<'a>,
        from: &str,
        until: Option<&str>,
        acts: &[(&str, Act)],
    ) -> Pty<'a> {
        let steps = self.steps();
        let mut i = steps
            .iter()
            .position(|(_, _, it)| it.id.value == from)
            .unwrap();
        let mut acts: Vec<(&str, Act)> = acts.to_vec();
        while i < steps.len() {
            let (section, index, item) = steps[i];
            let position = self.position(section, index);
            if Some(item.id.value.as_str()) == until {
                return pty.expect(position);
            }
            if !self.shown(item) || self.skip.contains(&item.id.value.as_str()) {
                i += 1;
                continue;
            }
            pty = pty.expect(position);
            let act = match acts.iter().position(|(id, _)| *id == item.id.value) {
                Some(k) => acts.remove(k).1,
                None => Act::Sample,
            };
            if let Act::Back = act {
                pty = match item.answer.asking() {
                    // ↑ with nothing chosen marks the last entry: "Back".
                    Asking::Pick(_) => pty.pick_last_with_up(),
                    Asking::Type(_) => pty.line_ready().key(Up),
                };
                i = (0..i).rev().find(|&j| self.shown(steps[j].2)).unwrap();
                continue;
            }
            let (answer, note, next) = self.answer(item, act, pty);
            pty = next;
            self.answers.insert(item.id.value.clone(), answer);
            self.notes.insert(item.id.value.clone(), note.to_owned());
            i += 1;
        }
        pty
    }

    /// Gives one answer and its note, as a person would: the note key (`n` in a menu,
    /// Tab in a line) where a note is given and none is asked for; returns the answer's
    /// id and the note.
    fn answer<'a>(&self, item: &Item, act: Act, pty: Pty<'a>) -> (String, &'static str, Pty<'a>) {
        let sample = item.answer.sample_answer();
        let sample_note = if item.note_need(&sample) == NoteNeed::Required {
            "Checked with the case file."
        } else {
            ""
        };
        let (answer, note) = match (act, item.answer.asking()) {
            (Act::Pick(n, note), Asking::Pick(options)) => (options[n].0.to_owned(), note),
            (Act::Type(text, note), Asking::Type(_)) => (text.to_owned(), note),
            (Act::Sample, _) => (sample.clone(), sample_note),
            _ => panic!("no such act for {}", item.id.value),
        };
        let need = item.note_need(&answer);
        let before = self.answers.get(&item.id.value);
        let old_note = self.notes.get(&item.id.value).filter(|n| !n.is_empty());
        // The note prompt comes by itself for a required note, for an invited one (a
        // check's Not applicable), and for a changed answer (or one asked again after a
        // migration) whose earlier note is offered for editing.
        let comes = matches!(need, NoteNeed::Required | NoteNeed::Invited)
            || (before != Some(&answer) && old_note.is_some());
        let noting = !note.is_empty() && !comes;
        let pty = match item.answer.asking() {
            Asking::Pick(options) => {
                let n = options.iter().position(|(id, _)| *id == answer).unwrap();
                self.pick(item, &options, n, noting, pty)
            }
            Asking::Type(prompt) if noting => pty.line_noting(prompt, &answer),
            Asking::Type(prompt) => pty.line(prompt, &answer),
        };
        let pty = match (comes || noting, need) {
            (false, _) => pty,
            (true, NoteNeed::Required) => pty.line("Note (required)", note),
            (true, _) => pty.line("Note (optional)", note),
        };
        // A confirmed answer (or its note) changed: why is asked, after it.
        let changed = before
            .is_some_and(|b| *b != answer || old_note.is_some_and(|old| old.as_str() != note));
        let pty = match changed {
            true => pty.line("Why change it? (optional)", REASON),
            false => pty,
        };
        (answer, note, pty)
    }

    /// Picks option `n`; an item answered before (gone back to) has its answer marked.
    fn pick<'a>(
        &self,
        item: &Item,
        options: &[(&str, &str)],
        n: usize,
        noting: bool,
        pty: Pty<'a>,
    ) -> Pty<'a> {
        let current = self
            .answers
            .get(&item.id.value)
            .and_then(|a| options.iter().position(|(id, _)| id == a));
        match (current, noting) {
            (Some(from), false) => pty.repick(from, n),
            (Some(from), true) => pty.repick_noting(from, n),
            (None, false) => pty.pick(n),
            (None, true) => pty.pick_noting(n),
        }
    }
}

/// `fairness run` in `pty`'s folder: a new case, up to its first question.
fn new_case<'a>(pty: Pty<'a>, reference: &str) -> Pty<'a> {
    pty.args(["run"])
        .line("Case reference", reference)
        .expect("Draft created")
}

/// At the review: "Change an answer", then row 11 (`concern-specific` in the example
/// draft, after ten case details: the staff group, nation, setting, policy, its
/// document, two dates, the incident, Advice and the interim measure).
fn change_concern_specific_at_the_review(pty: Pty) -> Pty {
    pty.expect("What next?")
        .pick_here(1)
        .expect("Which answer?")
        .choose(10)
        .expect("Principle 1 of 5 · item 1 of ")
        .expect("Is the concern written down specifically")
}

/// At the review: signs as `name`, a case manager.
pub(crate) fn sign<'a>(pty: Pty<'a>, name: &str) -> Pty<'a> {
    pty.expect("What next?")
        .pick_here(0)
        .line("Your name", name)
        .line("Your role", "Case manager")
        .expect("Declaration")
        .line("Type your name to sign", name)
}

/// At the review: "Save and leave" (the third entry).
fn save_and_leave(pty: Pty) -> Pty {
    pty.expect("What next?").pick_here(2)
}

/// `text` as a terminal shows it: every line ended by `\r\n`.
pub(crate) fn on_a_terminal(text: &str) -> String {
    text.replace('\n', "\r\n")
}

/// A draft (the pharmacist example without its sign-off) as `draft.yaml`, ready to
/// resume.
fn with_draft() -> Pty<'static> {
    Pty::new().file("draft.yaml", draft())
}

#[test]
fn a_whole_case_typed_in_a_terminal_with_a_branch_a_note_going_back_a_change_and_sign_off() {
    let fw = builtin();
    let mut driver = Driver::new(&fw);
    let ran = new_case(Pty::new(), "CASE-2026-201")
        .steps(|pty| {
            driver.drive(
                pty,
                "staff-group",
                Some("concern-specific"),
                &[
                    // Wales: its own policy item is asked (a `when` branch), and
                    // England's and Northern Ireland's are not.
                    ("nation", Act::Pick(1, "")),
                    ("policy-wales", Act::Pick(2, "")),
                    (
                        "policy-document",
                        Act::Type("Hollinbrook concerns policy v3", ""),
                    ),
                    ("patient-safety-incident", Act::Pick(1, "")),
                ],
            )
        })
        // No, without a note first: refused, then with one.
        .pick(1)
        .expect("Note (required)")
        .key(Enter)
        .expect("a note is needed when the answer is No")
        .send(format!("Only one undated email so far{Enter}"))
        .steps(|pty| {
            driver
                .answers
                .insert("concern-specific".into(), "no".into());
            driver.drive(
                pty,
                "evidence-distinguished",
                None,
                &[
                    ("evidence-distinguished", Act::Pick(0, "")),
                    // Back from item 3 to item 2, which is changed to No.
                    ("concern-type", Act::Back),
                    (
                        "evidence-distinguished",
                        Act::Pick(1, "Witness accounts not yet separated"),
                    ),
                    ("actions", Act::Type("", "")),
                ],
            )
        })
        // The review opens on what needs attention: the two Nos of Principle 1, marked
        // (the No of the case details, no patient safety incident, is a plain fact
        // and is left out). Change the rationale.
        .expect("Review · what needs attention")
        .expect("(2 No)")
        .expect("Principle 1 · ")
        .expect("✘ No")
        .expect("✘ No")
        .expect("What next?")
        .pick_here(1)
        .expect("Which answer?")
        .expect("❯")
        // Up from the first entry wraps to "Back", then `told-outcome`, the optional
        // `review-on` and `actions`, then the rationale.
        .keys([Up, Up, Up, Up, Up, Enter])
        .expect("What is the rationale for the decision?")
        .line(
            "Answer",
            "Informal route agreed: the concern is specific but minor.",
        )
        .line(
            "Why change it? (optional)",
            "The route was agreed after all",
        )
        // Sign-off: a wrong name is refused.
        .expect("What next?")
        .pick_here(0)
        .line("Your name", "Dr Imogen Halloway")
        .line("Your role", "Case manager")
        .expect("Declaration")
        .line("Type your name to sign", "Someone Else")
        .expect("that is not the name you gave")
        .send(format!("{CtrlU}dr imogen halloway{Enter}"))
        .expect("Signed and sealed")
        .run();

    let text = private_record(&ran.path("CASE-2026-201.yaml"));
    assert_sealed(&text);
    for expected in [
        "status: \"signed\"",
        "reference: \"CASE-2026-201\"",
        "item: \"policy-wales\"",
        "answer: \"local-policy\"",
        "answer: \"Hollinbrook concerns policy v3\"",
        "note: \"Only one undated email so far\"",
        "note: \"Witness accounts not yet separated\"",
        "answer: \"Informal route agreed: the concern is specific but minor.\"",
        "name: \"Dr Imogen Halloway\"",
        "role: \"Case manager\"",
        "section: \"equity-and-proportionality\"",
    ] {
        assert!(
            text.contains(expected),
            "the record lacks {expected}:\n{text}"
        );
    }
    for hidden in [
        "policy-england",
        "policy-northern-ireland",
        "learning-response-concern",
    ] {
        assert!(
            !text.contains(&format!("item: \"{hidden}\"")),
            "a hidden item, {hidden}, was recorded"
        );
    }
    // Two changes in the history: the answer changed after going back, and the
    // rationale changed at the review.
    assert_eq!(text.matches("event: \"changed\"").count(), 2, "{text}");
    assert!(
        text.contains("  - at: ")
            && text.contains("old_answer: \"yes\"\n    old_note: null\n    new_answer: \"no\"")
    );
    assert!(text.contains("old_answer: \"Recorded in the case file.\""));
    // Each says who was working (the sitting's name) and why.
    assert_eq!(
        text.matches("by: \"A. Tester\"\n    reason: \"").count(),
        2,
        "{text}"
    );
    assert!(text.contains(&format!("reason: \"{REASON}\"")), "{text}");
    assert!(
        text.contains("reason: \"The route was agreed after all\""),
        "{text}"
    );
    for principle in &fw.principles {
        assert!(text.contains(&format!("section: \"{}\"", principle.id.value)));
    }
    assert!(
        !ran.exists("CASE-2026-201.yaml.lock"),
        "the lock file was left"
    );
}

/// A whole case on the built-in framework 2.0, typed key by key: an interim measure
/// (a restriction), whose follow-ups under the Principles are then asked; a date that
/// must lie in the past refused when it is in the future, then corrected; and a
/// decision dated before the practitioner was told, which the review shows as a date to
/// check, naming both, without stopping sign-off.
#[test]
fn a_whole_case_with_an_interim_measure_a_future_date_refused_and_dates_out_of_order() {
    let fw = builtin();
    let mut driver = Driver::new(&fw);
    let ran = new_case(Pty::new(), "CASE-2026-218")
        .steps(|pty| {
            driver.drive(
                pty,
                "staff-group",
                Some("concern-raised-on"),
                &[
                    ("nation", Act::Pick(2, "")),
                    ("policy-northern-ireland", Act::Pick(0, "")),
                ],
            )
        })
        // The concern cannot have been raised in the future: refused, then corrected.
        .expect("On what date was the concern first raised with the organisation?")
        .line("Date (YYYY-MM-DD)", "2999-03-04")
        .expect("`2999-03-04` is after today")
        .expect("this date cannot be in the future")
        .send(format!("{CtrlU}2026-10-05{Enter}"))
        .steps(|pty| {
            driver
                .answers
                .insert("concern-raised-on".into(), "2026-10-05".into());
            driver.drive(
                pty,
                "practitioner-told-on",
                None,
                &[
                    ("practitioner-told-on", Act::Type("2026-10-21", "")),
                    (
                        "interim-measure",
                        Act::Pick(1, "Supervised practice on the unit only"),
                    ),
                    ("measure-started-on", Act::Type("2026-10-07", "")),
                    // A review date may lie ahead.
                    ("measure-review-on", Act::Type("2999-01-04", "")),
                    // The day before the practitioner was told: a date to check.
                    ("decided-on", Act::Type("2026-10-20", "")),
                ],
            )
        })
        .expect("Review")
        .expect("Dates to check (they do not stop sign-off):")
        .expect("The date the decision was made (decided-on, 2026-10-20) is before")
        .expect("(practitioner-told-on, 2026-10-21): check both.")
        .expect("Everything required is answered: the record can be signed off.")
        .steps(|pty| sign(pty, "Dr Orla Penhallow"))
        .expect("Signed and sealed")
        // An interim measure: the framework requires a countersignature, said at
        // sign-off and after it, with the command that gives one.
        .expect("It needs a countersignature: the framework requires a countersignature")
        .expect("fairness countersign CASE-2026-218.yaml")
        .screen_contains("This record will need a countersignature once signed")
        .run();

    let text = private_record(&ran.path("CASE-2026-218.yaml"));
    assert_sealed(&text);
    let record = crate::records::read(&text);
    let answer = |id: &str| record.answer(id).map(|a| a.answer.as_str());
    assert_eq!(answer("interim-measure"), Some("restriction"));
    assert_eq!(
        record.answer("interim-measure").unwrap().note.as_deref(),
        Some("Supervised practice on the unit only")
    );
    assert_eq!(answer("concern-raised-on"), Some("2026-10-05"));
    assert_eq!(answer("measure-review-on"), Some("2999-01-04"));
    assert_eq!(answer("decided-on"), Some("2026-10-20"));
    assert!(!text.contains("2999-03-04"), "the refused date was kept");
    // Every item gated on the interim measure was asked; the one for no measure was
    // not.
    for id in [
        "measure-started-on",
        "measure-review-on",
        "measure-welfare",
        "measure-advice",
        "measure-reviewed",
        "measure-justified",
    ] {
        assert!(answer(id).is_some(), "`{id}` was not asked");
    }
    assert_eq!(answer("no-measure-reasons"), None);
    assert_eq!(answer("policy-northern-ireland"), Some("mhps-hpss"));
    ran.test()
        .args(["verify", "CASE-2026-218.yaml"])
        .stdout(crate::records::intact("CASE-2026-218.yaml", &text))
        .run();
}

#[test]
fn ctrl_c_keeps_every_answer_shows_the_cursor_and_resume_finishes_the_case() {
    let fw = builtin();
    let mut driver = Driver::new(&fw);
    let ran = new_case(Pty::new(), "CASE-2026-202")
        .steps(|pty| driver.drive(pty, "staff-group", Some("named-contact"), &[]))
        .menu()
        .key(CtrlC)
        .expect("Draft saved: CASE-2026-202.yaml")
        .expect("fairness run --resume CASE-2026-202.yaml")
        .screen_with(|screen| {
            let hidden = screen.rfind("\x1b[?25l").expect("the menu hid the cursor");
            assert!(
                screen[hidden..].contains("\x1b[?25h"),
                "the cursor was left hidden"
            );
        })
        .status(130)
        .run();

    let draft = private_record(&ran.path("CASE-2026-202.yaml"));
    assert!(draft.contains("status: \"draft\""));
    assert!(draft.contains("item: \"health-and-wellbeing\""));
    assert!(!draft.contains("item: \"named-contact\""));
    assert!(!ran.exists("CASE-2026-202.yaml.lock"));

    // Resume: it starts at the first unanswered item, and Esc at a text prompt leaves
    // again.
    let resume = ["run", "--resume", "CASE-2026-202.yaml"];
    ran.pty()
        .args(resume)
        .expect("Resuming case CASE-2026-202")
        .steps(|pty| driver.drive(pty, "named-contact", Some("rationale"), &[]))
        .line_ready()
        .key(Esc)
        .expect("Draft saved")
        .status(130)
        .run();

    ran.pty()
        .args(resume)
        .steps(|pty| driver.drive(pty, "rationale", None, &[("actions", Act::Type("", ""))]))
        .steps(|pty| sign(pty, "Dr Ptolemy Ashgrove"))
        .expect("Signed and sealed")
        .run();
    let text = private_record(&ran.path("CASE-2026-202.yaml"));
    assert_sealed(&text);
    assert!(
        text.contains("item: \"health-and-wellbeing\"") && text.contains("item: \"rationale\"")
    );
    // The sample answers: 18 case details (a doctor in training in England, the
    // incident, Being fair and Advice branches, no interim measure), 32 under the
    // Principles, and 10 in the decision (a regulator referral with its four follow-ups,
    // the review date); the optional actions were left, and are not recorded.
    assert_eq!(text.matches("  - item: ").count(), 60);
    assert!(!text.contains("item: \"actions\""));

    // A signed record is never resumed.
    ran.pty()
        .args(resume)
        .expect("cannot be resumed or changed")
        .status(2)
        .run();
    assert_eq!(ran.read("CASE-2026-202.yaml"), text);

    // Nor is one whose seal has been cut off: it says signed, so it was altered.
    let unsealed = &text[..text.rfind("seal:").unwrap()];
    ran.pty()
        .file("unsealed.yaml", unsealed)
        .args(["run", "--resume", "unsealed.yaml"])
        .expect("the record has no `seal`")
        .status(1)
        .run();
}

#[test]
fn a_second_session_on_the_same_draft_is_refused_while_the_first_holds_it() {
    let ran = new_case(Pty::new(), "CASE-2026-203")
        .menu()
        .then(|folder| {
            folder
                .pty()
                .args(["run", "--resume", "CASE-2026-203.yaml"])
                .expect("is open in another fairness session")
                .status(2)
                .run();
        })
        // The first carries on, unharmed.
        .keys([Down, Enter])
        .expect("Case details · item 2 of ")
        .menu()
        .key(Esc)
        .status(130)
        .run();
    let draft = private_record(&ran.path("CASE-2026-203.yaml"));
    assert!(draft.contains("answer: \"doctor\""));
    // Once it has ended, resuming works.
    ran.pty()
        .args(["run", "--resume", "CASE-2026-203.yaml"])
        .expect("Case details · item 2 of ")
        .menu()
        .key(Esc)
        .status(130)
        .run();
}

#[test]
fn a_failed_save_says_why_and_leaves_the_previous_draft_intact() {
    let mut before = String::new();
    // Files may grow to 1 KiB: enough for the new draft and one answer.
    let ran = Pty::new()
        .shell("trap '' XFSZ; ulimit -f 2; exec \"$FAIRNESS\" run")
        .line("Case reference", "CASE-2026-204")
        .pick(0)
        .expect("Case details · item 2 of ")
        .then(|folder| {
            before = folder.read("CASE-2026-204.yaml");
            assert!(before.contains("answer: \"doctor\""));
        })
        // The second answer makes the draft too large to save, and the session stops.
        .pick(0)
        .expect("cannot save the draft `CASE-2026-204.yaml`")
        .expect("The file still holds the draft as it was before your last answer")
        .status(2)
        .run();
    let draft = private_record(&ran.path("CASE-2026-204.yaml"));
    assert_eq!(draft, before, "the draft changed");
    fairness::record::from_yaml_text(&draft).expect("the old draft is whole");
    let leftovers: Vec<String> = ran
        .folder
        .list("")
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn a_changed_framework_is_explained_and_migrate_carries_unchanged_answers_over() {
    let answers = "format: fairness-answers/1\ncase: { reference: CASE-2026-205 }\nanswers:\n  \
                   staff-group: { answer: dentist }\n  \
                   concern-specific: { answer: \"yes\" }\n  \
                   evidence-distinguished: { answer: \"no\", note: \"Mixed up\" }\n";
    let made = Test::new()
        .file("fw.yaml", BUILTIN_TEXT)
        .file("answers.yaml", answers)
        .args([
            "run",
            "--answers",
            "answers.yaml",
            "--framework",
            "fw.yaml",
            "-o",
            "draft.yaml",
        ])
        .stdout_contains("Draft written: draft.yaml (3 answers).\n")
        .run();

    // The organisation rewords one item.
    let changed = reworded();
    made.folder.write("fw.yaml", &changed);
    let before = made.read("draft.yaml");

    made.pty()
        .args(["run", "--resume", "draft.yaml", "--framework", "fw.yaml"])
        .expect("The framework in use now is")
        .expect("2 of this draft's 3 answers carry over unchanged")
        .expect("`evidence-distinguished`: reworded from")
        .expect("fairness run --resume draft.yaml --framework fw.yaml --migrate")
        .status(2)
        .run();
    assert_eq!(
        made.read("draft.yaml"),
        before,
        "refusing changed the draft"
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
        .expect("The draft now uses this framework")
        // The first gap is asked first: the nation (the item about training is not counted:
        // it is asked only for a doctor).
        .expect("Case details · item 2 of ")
        .expect("In which nation does the practitioner work?")
        .menu()
        .key(Esc)
        .status(130)
        .run();
    let text = private_record(&made.path("draft.yaml"));
    let record = fairness::record::from_yaml_text(&text).unwrap();
    assert_eq!(
        record.framework.digest,
        fairness::file::digest(changed.as_bytes())
    );
    assert!(record.answer("concern-specific").is_some());
    assert!(record.answer("evidence-distinguished").is_none());
    let events: Vec<&str> = record.history.iter().map(|c| c.event.id()).collect();
    assert_eq!(events, ["migrated", "dropped"]);
    assert_eq!(record.history[1].old_note.as_deref(), Some("Mixed up"));

    // Resumed again, the reworded item is asked in its new words.
    let changed_fw = check(&changed).framework.unwrap();
    let mut driver = Driver::new(&changed_fw);
    driver
        .answers
        .insert("staff-group".into(), "dentist".into());
    driver
        .answers
        .insert("concern-specific".into(), "yes".into());
    driver.skip = vec!["staff-group", "concern-specific"];
    made.pty()
        .args(["run", "--resume", "draft.yaml", "--framework", "fw.yaml"])
        .steps(|pty| driver.drive(pty, "nation", Some("evidence-distinguished"), &[]))
        .expect("Locally reworded.")
        .menu()
        .key(Esc)
        .status(130)
        .run();
}

#[test]
fn control_characters_in_framework_text_are_shown_harmlessly() {
    let evil = edit(
        BUILTIN_TEXT,
        "prompt: Which staff group does the practitioner belong to?",
        "prompt: \"Which staff group \\e[31mRED\\e[2J does the practitioner belong to?\"",
    );
    Pty::new()
        .file("evil.yaml", evil)
        .args(["run", "--framework", "evil.yaml"])
        .line("Case reference", "CASE-2026-206")
        .expect("\\u{1b}[31mRED\\u{1b}[2J")
        .expect("does the practitioner belong to?")
        .menu()
        .key(Esc)
        .screen_lacks("\x1b[31mRED")
        .status(130)
        .run();
}

#[test]
fn a_hang_up_at_a_text_prompt_keeps_the_draft_and_exits_130() {
    // A pharmacist in England, in primary care, under a local policy; then the policy's
    // document, a text item, is half typed.
    let ran = new_case(Pty::new(), "CASE-2026-207")
        .pick(2)
        .pick(0)
        .pick(2)
        .pick(3)
        .expect("Case details · item 5 of ")
        .expect("Which document, and which version of it")
        .line_ready()
        .send("Half a policy na")
        .expect("Half a policy na")
        .hang_up()
        .status(130)
        .run();
    let draft = private_record(&ran.path("CASE-2026-207.yaml"));
    assert!(draft.contains("answer: \"pharmacist\"") && draft.contains("answer: \"local-policy\""));
    // The half-typed answer is kept, but only as unconfirmed text.
    let answers = draft_answers(&ran.path("CASE-2026-207.yaml"));
    assert!(
        answers.values().all(|(a, _)| !a.contains("Half a policy")),
        "an unfinished answer was saved: {answers:?}"
    );
    assert_eq!(
        unconfirmed(&ran.path("CASE-2026-207.yaml")),
        ["policy-document (answer): Half a policy na"]
    );
}

#[test]
fn an_existing_record_is_never_overwritten_by_a_new_case() {
    let ran = Pty::new()
        .file("CASE-2026-208.yaml", "kept\n")
        .args(["run"])
        .line("Case reference", "CASE-2026-208")
        .expect("`CASE-2026-208.yaml` already exists here")
        .expect("fairness run --resume CASE-2026-208.yaml")
        // A reference that is not a safe file name is refused too.
        .send(format!("{CtrlU}../../etc/passwd{Enter}"))
        .expect("cannot contain `/`")
        .key(Esc)
        .expect("nothing was saved")
        .status(130)
        .run();
    assert_eq!(ran.read("CASE-2026-208.yaml"), "kept\n");
    assert_eq!(
        ran.folder.list(""),
        ["CASE-2026-208.yaml"],
        "a file was created"
    );

    // With --out naming an existing file, nothing is asked.
    ran.pty()
        .args(["run", "--out", "CASE-2026-208.yaml"])
        .screen(on_a_terminal(
            "error: `CASE-2026-208.yaml` already exists, and fairness never overwrites a file; choose another\n  name with `-o`\n",
        ))
        .status(2)
        .run();
}

/// A follow-up record for a signed case does not go round in a circle: `run` with the
/// signed record's reference and `--resume` of it both say that it cannot be resumed or
/// changed and give the `--out` command that begins a follow-up, with a name not taken;
/// and that command works.
#[test]
fn a_signed_case_leads_to_a_follow_up_record_with_out() {
    let text = signed("pharmacist-informal");
    let sign = fairness::record::from_yaml_text(&text)
        .unwrap()
        .sign_off
        .unwrap();
    let refusal = |next: &str| {
        on_a_terminal(&format!(
            "error: `CASE-2026-104.yaml` was signed by {} on {} and is sealed: a\n  signed record cannot be resumed or changed. \
             To correct it, begin its next version, which keeps it\n  as it is and names it:\n    fairness amend CASE-2026-104.yaml --reason TEXT\n\
             To begin a follow-up record for a further decision in the same case, run:\n    fairness run --out {next}\n",
            sign.name,
            crate::harness::shown_utc(&sign.signed)
        ))
    };
    let ran = Pty::new()
        .file("CASE-2026-104.yaml", &text)
        .args(["run", "--resume", "CASE-2026-104.yaml"])
        .screen(refusal("CASE-2026-104-2.yaml"))
        .status(2)
        .run();
    // A name already taken is not suggested.
    ran.pty()
        .file("CASE-2026-104-2.yaml", "kept\n")
        .args(["run", "--resume", "CASE-2026-104.yaml"])
        .screen(refusal("CASE-2026-104-3.yaml"))
        .status(2)
        .run();
    std::fs::remove_file(ran.path("CASE-2026-104-2.yaml")).unwrap();

    // A new case with the signed record's reference: not `--resume`, but `--out`.
    ran.pty()
        .width(320)
        .args(["run"])
        .line("Case reference", "CASE-2026-104")
        .expect(
            "`CASE-2026-104.yaml` here is a signed record, which cannot be resumed or changed. \
             To correct it, press Esc and run `fairness amend CASE-2026-104.yaml --reason TEXT`; to begin a follow-up \
             record for a further decision in this case, press Esc and run `fairness run --out CASE-2026-104-2.yaml`",
        )
        .key(Esc)
        .expect("nothing was saved")
        .status(130)
        .run();
    // A draft with the reference is still to be resumed.
    ran.pty()
        .width(220)
        .file("CASE-2026-105.yaml", draft())
        .args(["run"])
        .line("Case reference", "CASE-2026-105")
        .expect(
            "To continue that draft, press Esc and run `fairness run --resume CASE-2026-105.yaml`",
        )
        .key(Esc)
        .expect("nothing was saved")
        .status(130)
        .run();

    // The command suggested begins the follow-up, under the same reference.
    ran.pty()
        .args(["run", "--out", "CASE-2026-104-2.yaml"])
        .line("Case reference", "CASE-2026-104")
        .expect("Draft created")
        .menu()
        .key(Esc)
        .expect("Draft saved")
        .status(130)
        .run();
    assert!(
        private_record(&ran.path("CASE-2026-104-2.yaml")).contains("reference: \"CASE-2026-104\"")
    );
    assert_eq!(ran.read("CASE-2026-104.yaml"), text);
}

#[test]
fn an_invalid_framework_is_refused_with_the_validate_report_before_anything_is_asked() {
    let broken = edit(
        BUILTIN_TEXT,
        "title: Adherence to process",
        "title: Adherance to process",
    );
    let problem = error("the title of principle `adherence-to-process` is locked")
        .at("broken.yaml", &broken, "Adherance to process")
        .help("expected `Adherence to process`; put your own wording in `summary`");
    Pty::new()
        .file("broken.yaml", &broken)
        .args(["run", "--framework", "broken.yaml"])
        // Its last line wrapped at words to the terminal's 100 columns.
        .screen(on_a_terminal(&framework_refused(&[problem]).replace(
            "`fairness validate FILE`; without `--framework`",
            "`fairness validate FILE`; without\n  `--framework`",
        )))
        .status(1)
        .run();
}

#[test]
fn a_draft_altered_by_hand_is_refused_on_resume_with_each_problem_named() {
    let text = draft();
    let altered = edit(
        &edit(
            &text,
            "answer: \"team-or-system\"",
            "answer: \"\\x1b[2Jgone\"",
        ),
        "item: \"whole-record\"",
        "item: \"found-guilty\"",
    );
    let ran = Pty::new()
        .file("draft.yaml", &altered)
        .args(["run", "--resume", "draft.yaml"])
        .expect("cannot be resumed")
        .expect("`concern-type`: `\\u{1b}[2Jgone` is not one of this item's options")
        .expect("`found-guilty` is not an item of this framework")
        .screen_lacks("\x1b[2Jgone")
        .status(1)
        .run();
    assert_eq!(ran.read("draft.yaml"), altered);

    // A signed record whose status was set back to draft is not a draft.
    let text = edit(
        &signed("dentist-health"),
        "status: \"signed\"",
        "status: \"draft\"",
    );
    ran.pty()
        .file("signed.yaml", text)
        .args(["run", "--resume", "signed.yaml"])
        .expect("a signed record appears to have been altered")
        .status(1)
        .run();
}

#[test]
fn confirming_an_answer_again_keeps_its_note() {
    let before = draft();
    // Everything is answered: straight to the review. Change `concern-specific` and
    // confirm its Yes.
    let ran = with_draft()
        // Tall enough for the review and its menu on one screen.
        .height(60)
        .args(["run", "--resume", "draft.yaml"])
        .steps(change_concern_specific_at_the_review)
        .repick(0, 0)
        .steps(save_and_leave)
        .expect("Draft saved")
        .run();
    let after = ran.read("draft.yaml");
    assert!(
        after.contains("The ward sister's email of 2026-04-07"),
        "the note was lost"
    );
    assert!(
        after.contains("history: []"),
        "re-confirming recorded a change:\n{after}"
    );
    assert_eq!(after, before);
}

#[test]
fn a_wide_character_at_the_edge_of_a_row_leaves_no_prompt_behind() {
    // Forty columns after the prompt: the wide character would take the 60th and a
    // 61st, so the terminal puts it on the next row. Counted as if it did not, every
    // redraw began a row too low and left the prompt's row behind, once per key.
    let ran = new_case(Pty::new().width(60), "CASE-2026-215")
        .pick_noting(0)
        .expect("Note (optional)")
        .line_ready()
        .send(format!("{}漢", "x".repeat(39)))
        .expect("漢")
        // Up to the end of the second row, and one more: the count was a column
        // short, and at a row's end a row short.
        .send("y".repeat(59))
        .expect("yyy")
        .send("z")
        .expect("z")
        .key(Enter)
        .expect("Case details · item 2 of ")
        .menu()
        .key(Esc)
        .status(130)
        .run();
    let screen = screen_rows(&ran.stdout, 60, 40);
    assert!(
        !screen.iter().any(|r| r.starts_with("? Note (optional)")),
        "{screen:#?}"
    );
    assert!(
        screen.iter().any(|r| r.starts_with("✔ Note (optional)")),
        "{screen:#?}"
    );
}

#[test]
fn at_60_columns_a_refusal_and_the_settings_wrap_between_words() {
    // On a terminal: at words, a further row indented, a name whole on its row. The
    // harness sets the size before the program starts, which asks it at once (a size
    // set here as well raced the harness's own).
    let at_60 = |command: &str| {
        Pty::new()
            .width(60)
            .shell(&format!("exec \"$FAIRNESS\" {command}"))
    };
    at_60("run --resume CASE-1.yaml")
        .screen(
            "error: no record for `CASE-1` in the current folder;\r\n  \
             `fairness cases` lists the records there\r\n",
        )
        .status(2)
        .run();
    let ran = at_60("config").run();
    let screen = screen_rows(&ran.stdout, 60, 40);
    for row in [
        "  framework      flag `--framework`, variable",
        "                 FAIRNESS_FRAMEWORK",
        "Each setting comes from the first of: its flag, its",
        "  environment variable, the config file, its default.",
    ] {
        assert!(screen.iter().any(|r| r == row), "{row:?} in {screen:#?}");
    }
}

#[test]
fn resuming_a_record_that_is_not_there_names_it() {
    let ran = Pty::new()
        .args(["run", "--resume", "nowhere/CASE-1.yaml"])
        // Wrapped at words to the terminal's 100 columns.
        .screen("error: cannot read `nowhere/CASE-1.yaml`: no such file or folder; check the name and the folder it\r\n  is in\r\n")
        .status(2)
        .run();
    ran.pty()
        .args(["run", "--resume", "CASE-1.yaml"])
        .screen(
            "error: no record for `CASE-1` in the current folder; `fairness cases` lists the records there\r\n",
        )
        .status(2)
        .run();
    assert_eq!(ran.folder.list(""), Vec::<String>::new(), "a file was left");
}

#[test]
fn resuming_a_file_that_is_not_a_record_says_what_to_do_instead() {
    Pty::new()
        .file(
            "notes.yaml",
            "shopping: [milk, bread]\nthis: [is not a record\n",
        )
        .args(["run", "--resume", "notes.yaml"])
        .expect("error: this file is not a readable case record:")
        .expect("--> notes.yaml:2:7")
        // Wrapped at words to the terminal's 100 columns.
        .expect(crate::harness::NOT_RESUMED.trim_end().replace(
            "and `fairness run` begins",
            "and `fairness run`\r\n  begins",
        ))
        .status(1)
        .run();
}

/// The draft's answers, by item id: (answer, note).
fn draft_answers(path: &Path) -> HashMap<String, (String, Option<String>)> {
    let (record, _) = fairness::record::from_yaml(path).expect("the draft is readable");
    record
        .answers
        .into_iter()
        .map(|a| (a.item, (a.answer, a.note)))
        .collect()
}

#[test]
fn a_menu_starts_with_nothing_chosen_so_enter_alone_answers_nothing() {
    let ran = new_case(Pty::new(), "CASE-2026-210")
        .menu()
        .key(Enter)
        .key(Enter)
        // Still at the first item: Esc leaves with nothing answered.
        .key(Esc)
        .screen_lacks("Note (optional)")
        .status(130)
        .run();
    assert!(draft_answers(&ran.path("CASE-2026-210.yaml")).is_empty());
}

#[test]
fn a_paste_into_a_note_keeps_its_line_breaks_and_answers_nothing_else() {
    let ran = new_case(Pty::new(), "CASE-2026-211")
        .pick_noting(0)
        .expect("Note (optional)")
        .line_ready()
        // Three lines pasted at once: the line breaks stay in the note.
        .send("First line\rSecond line\rThird line")
        .expect("Third line")
        .key(Enter)
        // Keys sent with the note's Enter, as type-ahead or the tail of a paste, are
        // not taken as the next item's answer.
        .expect("Case details · item 2 of ")
        // Not a doctor in training.
        .pick_noting(1)
        .expect("Note (optional)")
        .line_ready()
        .send(format!("Checked{Enter}{Down}{Enter}{Down}{Enter}"))
        // The nation, a menu the burst would have answered.
        .expect("Case details · item 3 of ")
        .menu()
        .key(Esc)
        .status(130)
        .run();
    let answers = draft_answers(&ran.path("CASE-2026-211.yaml"));
    assert_eq!(
        answers["staff-group"].1.as_deref(),
        Some("First line\nSecond line\nThird line")
    );
    // The rest of that burst became part of the second note; nothing answered item 3.
    assert_eq!(
        answers["doctor-in-training"],
        ("no".to_owned(), Some("Checked".to_owned()))
    );
    assert_eq!(answers.len(), 2, "{answers:?}");
}

#[test]
fn keys_typed_before_the_first_question_appears_are_thrown_away() {
    // The program starts only once the keys have been typed.
    let ran = Pty::new()
        .shell("while [ ! -e typed ]; do sleep 0.05; done; exec \"$FAIRNESS\" run")
        .send(format!("CASE-2026-214{Enter}"))
        .then(|folder| {
            std::thread::sleep(std::time::Duration::from_millis(200));
            folder.write("typed", "");
        })
        .expect("Case reference")
        .line_ready()
        .key(Esc)
        .expect("nothing was saved")
        .status(130)
        .run();
    assert!(!ran.exists("CASE-2026-214.yaml"));
}

#[test]
fn text_pasted_into_a_menu_neither_chooses_nor_leaves() {
    let ran = new_case(Pty::new(), "CASE-2026-215")
        // `q` would leave the menu, and the rest of the paste would reach the shell.
        .menu()
        .send(format!("The practitioner requested it{Enter}more"))
        .expect("That looked like pasted text, so it was ignored")
        // ↓ then space would choose the first entry.
        .menu()
        .send("j and so on")
        .expect("That looked like pasted text, so it was ignored")
        .menu()
        .key(Esc)
        .status(130)
        .run();
    assert!(draft_answers(&ran.path("CASE-2026-215.yaml")).is_empty());
}

#[test]
fn esc_at_a_note_keeps_the_answer_and_the_note_as_typed_unconfirmed() {
    let ran = new_case(Pty::new(), "CASE-2026-216")
        .pick_noting(1)
        .expect("Note (optional)")
        .line_ready()
        // An Esc that arrives with pasted text is part of the paste, not leaving.
        .send(format!("Typed, not yet confirmed{Esc}"))
        .expect("confirmed")
        .key(Esc)
        .expect("Draft saved")
        .status(130)
        .run();
    let answers = draft_answers(&ran.path("CASE-2026-216.yaml"));
    assert_eq!(answers["staff-group"], ("dentist".to_owned(), None));
    assert_eq!(
        unconfirmed(&ran.path("CASE-2026-216.yaml")),
        ["staff-group (note): Typed, not yet confirmed"]
    );
}

#[test]
fn esc_at_a_required_note_says_the_answer_waits_and_the_typed_note_is_kept() {
    let fw = builtin();
    let mut driver = Driver::new(&fw);
    let ran = new_case(Pty::new(), "CASE-2026-218")
        .steps(|pty| driver.drive(pty, "staff-group", Some("concern-specific"), &[]))
        .pick(1)
        .expect("Note (required)")
        .line_ready()
        .send("Only one undated")
        .expect("Only one undated")
        .key(Esc)
        .expect("That answer was not saved")
        .expect("What you typed in the note is kept, unconfirmed, and offered again then.")
        .expect("Draft saved")
        .status(130)
        .run();
    let path = ran.path("CASE-2026-218.yaml");
    assert!(!draft_answers(&path).contains_key("concern-specific"));
    assert_eq!(
        unconfirmed(&path),
        ["concern-specific (note): Only one undated"]
    );
}

#[test]
fn a_hang_up_at_a_note_keeps_the_answer_and_the_half_typed_note_unconfirmed() {
    let ran = new_case(Pty::new(), "CASE-2026-217")
        .pick_noting(1)
        .expect("Note (optional)")
        .line_ready()
        .send("Because the cli")
        .expect("Because the cli")
        .hang_up()
        .status(130)
        .run();
    let answers = draft_answers(&ran.path("CASE-2026-217.yaml"));
    assert_eq!(answers["staff-group"], ("dentist".to_owned(), None));
    assert_eq!(
        unconfirmed(&ran.path("CASE-2026-217.yaml")),
        ["staff-group (note): Because the cli"]
    );
}

#[test]
fn esc_at_an_optional_note_keeps_the_answer_just_chosen() {
    let ran = new_case(Pty::new(), "CASE-2026-212")
        .pick_noting(2)
        .expect("Note (optional)")
        .line_ready()
        .key(Esc)
        .expect("Draft saved")
        .status(130)
        .run();
    let answers = draft_answers(&ran.path("CASE-2026-212.yaml"));
    assert_eq!(answers.len(), 1, "{answers:?}");
    assert_eq!(answers["staff-group"].1, None);
}

#[test]
fn a_long_note_scrolls_in_its_window_and_is_kept_whole() {
    let note: String = (0..300).map(|n| format!("word{n:04} ")).collect();
    let ran = new_case(Pty::new(), "CASE-2026-213")
        .pick_noting(0)
        .expect("Note (optional)")
        .line_ready()
        .send(note.trim_end())
        .expect("characters; the text scrolls")
        .key(Enter)
        .expect("Case details · item 2 of ")
        .menu()
        .key(Esc)
        .status(130)
        .run();
    let answers = draft_answers(&ran.path("CASE-2026-213.yaml"));
    assert_eq!(answers["staff-group"].1.as_deref(), Some(note.trim_end()));
}

/// The rows of the screen, as the terminal `cols`×`rows` shows `stream` at its end.
pub(crate) fn screen_rows(stream: &str, cols: u16, rows: u16) -> Vec<String> {
    let size = |n| std::num::NonZeroU16::new(n).unwrap();
    let mut parser = vt100::Parser::new(size(rows), size(cols), 0);
    parser.process(stream.as_bytes());
    parser
        .screen()
        .contents()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn at_60_columns_a_long_note_wraps_between_words_and_the_cursor_keeps_its_column() {
    let note = "Considered on 2026-04-08. The case manager judged that a first informal \
                conversation was the right step and that Advice would be contacted if that \
                did not resolve matters or if anything more serious came to light.";
    let ran = new_case(Pty::new().width(60), "CASE-2026-214")
        .pick_noting(0)
        .expect("Note (optional)")
        .line_ready()
        .send(note)
        .expect("light.")
        // Home, then down a row: the column after the prompt, on the second row.
        .send(format!("\x1b[H{Down}^"))
        .expect("^")
        .key(Esc)
        .expect("Draft saved")
        .status(130)
        .run();
    let screen = screen_rows(&ran.stdout, 60, 40);
    let at = screen
        .iter()
        .position(|r| r.starts_with("? Note (optional) ›"))
        .expect("the note is on the screen");
    let words: Vec<&str> = note.split(' ').collect();
    let mut shown: Vec<String> = Vec::new();
    for row in &screen[at..] {
        let row = row.trim_start_matches("? Note (optional) ›");
        shown.extend(row.split_whitespace().map(|w| w.replace('^', "")));
        if shown.len() >= words.len() {
            break;
        }
    }
    // Every word whole on its row: none split across two.
    assert_eq!(shown, words, "{screen:#?}");
    assert!(screen[at].len() > 40, "the first row is used: {screen:#?}");
    // The mark typed on the second row, in the column the cursor was in on the first.
    let second: Vec<char> = screen[at + 1].chars().collect();
    assert_eq!(second.get(20), Some(&'^'), "{screen:#?}");
    let kept = unconfirmed(&ran.path("CASE-2026-214.yaml"));
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0].contains('^'), "{kept:?}");
    assert!(kept[0].replace('^', "").ends_with(note), "{kept:?}");
}

#[test]
fn back_from_a_change_at_the_review_changes_nothing() {
    let before = draft();
    let ran = with_draft()
        // Tall enough for the review and its menu on one screen.
        .height(60)
        .args(["run", "--resume", "draft.yaml"])
        .steps(change_concern_specific_at_the_review)
        // Yes is marked; after Yes, No and Not applicable comes "Back to the review".
        .repick(0, 3)
        .expect("Back to the review")
        .steps(save_and_leave)
        .expect("Draft saved")
        .run();
    assert_eq!(ran.read("draft.yaml"), before);
}

#[test]
fn a_draft_reached_through_a_symbolic_link_or_with_a_second_name_is_refused() {
    let folder = Folder::new();
    folder.write("draft.yaml", draft());
    std::os::unix::fs::symlink("draft.yaml", folder.path("link.yaml")).unwrap();
    let ran = folder
        .pty()
        .args(["run", "--resume", "link.yaml"])
        .expect("`link.yaml` is a symbolic link to `draft.yaml`")
        .status(2)
        .run();
    assert!(ran.path("link.yaml").is_symlink(), "the link was replaced");
    assert!(!ran.exists("link.yaml.lock"));

    // A second name for the same file would have a lock of its own, too.
    std::fs::hard_link(ran.path("draft.yaml"), ran.path("other.yaml")).unwrap();
    ran.pty()
        .args(["run", "--resume", "draft.yaml"])
        .expect("`draft.yaml` has 2 names (hard links)")
        .status(2)
        .run();
}

#[test]
fn a_hostile_file_name_is_shown_escaped_when_resuming() {
    // A hyperlink, a screen clear and a red background, in a file name.
    const NAME: &str =
        "d\u{1b}]8;;https:example.invalid\u{7}LINK\u{1b}]8;;\u{7}\u{1b}[2J\u{1b}[41m.yaml";
    let shown = r"d\u{1b}]8;;https:example.invalid\u{7}LINK";
    let clean = |pty: Pty<'static>| {
        pty.screen_lacks("\u{1b}]8;;https")
            .screen_lacks("\u{1b}[2J")
            .screen_lacks("\u{1b}[41m")
    };

    // A signed record is refused, naming the file.
    let signed_name = format!("s{NAME}");
    let ran = Pty::new()
        .file(&signed_name, signed("pharmacist-informal"))
        .args(["run", "--resume", &signed_name])
        .expect("signed by")
        .screen_contains(format!("`s{shown}"))
        .steps(clean)
        .status(2)
        .run();

    // A draft whose lock is a symbolic link.
    std::os::unix::fs::symlink("/nonexistent", ran.path(&format!("{NAME}.lock"))).unwrap();
    ran.pty()
        .file(NAME, draft())
        .args(["run", "--resume", NAME])
        .expect("symbolic link, not a lock file")
        .screen_contains(shown)
        .steps(clean)
        .status(2)
        .run();
    std::fs::remove_file(ran.path(&format!("{NAME}.lock"))).unwrap();

    // The same draft with a changed framework: the command it suggests names the
    // real file, in quotes a shell reads back, and prints nothing unsafe.
    ran.pty()
        .file("fw.yaml", reworded())
        .args(["run", "--resume", NAME, "--framework", "fw.yaml"])
        .expect("The framework in use now is")
        .expect("--migrate")
        .screen_contains(
            r"fairness run --resume $'d\x1b]8;;https:example.invalid\x07LINK\x1b]8;;\x07\x1b[2J\x1b[41m.yaml' --framework fw.yaml --migrate",
        )
        .steps(clean)
        .status(2)
        .run();
}

/// A draft begun on the built-in framework 1.0, before items had roles (the kept
/// fixture, tests/fixtures/framework-1.0.yaml): resuming says the framework has changed
/// and how many answers carry over; an item that has since only gained a role
/// (`staff-group`, `advice-contacted-on`) has not changed, so every such answer carries
/// over with the others unchanged; and `--migrate` moves the draft to today's built-in
/// framework and asks the first item without an answer.
#[test]
fn a_draft_begun_before_items_had_roles_migrates_with_every_answer() {
    let (ran, before) = crate::migration::draft_begun_on_1_0("rationale");
    let begun = crate::records::read(&before);
    let old_fw = check(&crate::fixtures::version_1_0()).framework.unwrap();
    let new_fw = builtin();
    let change = crate::migration::expected(&new_fw, &begun);
    let answers = begun.answers.len();
    let kept: Vec<&str> = change.kept.iter().map(|(id, _)| id.as_str()).collect();
    // Items 1.0 had without a role, which today's gives one and otherwise leaves as
    // they were: their answers are among those kept.
    fn item<'f>(fw: &'f Framework, id: &str) -> &'f Item {
        fw.items().find(|i| i.id.value == id).unwrap()
    }
    for id in ["staff-group", "advice-contacted-on"] {
        let (was, now) = (item(&old_fw, id), item(&new_fw, id));
        assert!(
            was.role.is_none() && now.role.is_some(),
            "`{id}` gained a role"
        );
        assert_eq!(was.prompt.value, now.prompt.value);
        assert!(kept.contains(&id), "`{id}` is not carried over: {change:?}");
    }
    assert!(
        change.kept.len() < answers,
        "1.0 to today changes some answers"
    );

    ran.pty()
        .args(["run", "--resume", "draft.yaml"])
        .expect("The framework in use now is")
        .expect(format!(
            "{} of this draft's {answers} answers carry over unchanged",
            change.kept.len()
        ))
        .expect("fairness run --resume draft.yaml --migrate")
        .status(2)
        .run();
    assert_eq!(ran.read("draft.yaml"), before, "refusing changed the draft");

    // Moved; the first item without an answer is asked: whether the doctor is in
    // training, new since 1.0.
    ran.pty()
        .args(["run", "--resume", "draft.yaml", "--migrate"])
        .expect("The draft now uses this framework")
        .expect("Case details · item 2 of ")
        .expect("Is the doctor in a postgraduate training programme?")
        .menu()
        .key(Esc)
        .status(130)
        .run();
    let record =
        fairness::record::from_yaml_text(&private_record(&ran.path("draft.yaml"))).unwrap();
    assert_eq!(
        record.framework.digest,
        fairness::file::digest(BUILTIN_TEXT.as_bytes())
    );
    let now: Vec<(&str, &str)> = record
        .answers
        .iter()
        .map(|a| (a.item.as_str(), a.answer.as_str()))
        .collect();
    let carried: Vec<(&str, &str)> = change
        .kept
        .iter()
        .map(|(id, answer)| (id.as_str(), answer.as_str()))
        .collect();
    assert_eq!(now, carried);
    // The move, then an entry for each answer not carried over; nothing else.
    let events: Vec<&str> = record.history.iter().map(|c| c.event.id()).collect();
    assert_eq!(events[0], "migrated");
    assert_eq!(events.len(), 1 + answers - change.kept.len(), "{events:?}");
    assert!(
        events[1..]
            .iter()
            .all(|e| ["dropped", "withdrawn"].contains(e)),
        "{events:?}"
    );
}

/// At 60 columns an option too long for its row is cut there, and shown whole under
/// the menu while it is marked: nothing is chosen unread.
#[test]
fn a_long_option_marked_is_shown_whole_under_the_menu() {
    Pty::new()
        .width(60)
        .args(["run"])
        .line("Case reference", "CASE-2026-330")
        .expect("Draft created")
        .pick(2)
        .expect("In which nation")
        .pick(0)
        .expect("In which setting")
        .expect("Primary care, under contract or employed, not on a perfo…")
        .send(crate::pty::Key::Down.times(3))
        .expect("  Primary care, under contract or employed, not on a")
        .expect("  performers list")
        .key(crate::pty::Key::Esc)
        .expect("Draft saved")
        .status(130)
        .run();
}
