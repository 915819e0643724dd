//! `fairness run` in a pseudo-terminal: whole cases typed key by key, leaving with
//! Ctrl-C and resuming, the lock, failed saves, signed records and changed frameworks.

use std::collections::HashMap;
use std::path::Path;

use crate::harness::{assert_sealed, private_record};
use fairness::checklist::{NoteNeed, note_need};
use fairness::framework::{
    AnswerKind, BUILTIN_TEXT, CHECK_ANSWERS as CHECKS, Framework, Item, check,
};

use crate::pty::old::{CTRL_C, CTRL_U, DOWN, ENTER, ESC, Pty, UP};

fn builtin() -> Framework {
    check(BUILTIN_TEXT).framework.unwrap()
}

/// What to do at one item.
#[derive(Clone, Copy)]
enum Act {
    /// In a menu: the option this many places down, then a note if one is asked.
    Pick(usize, &'static str),
    /// Type this text (a text or date item), then a note if one is asked.
    Type(&'static str, &'static str),
    /// Go back to the previous item.
    Back,
}

/// Types answers into a running session, item by item, keeping track of which items
/// `when` shows, and waiting for each item's position on the screen before typing.
struct Driver<'f> {
    fw: &'f Framework,
    /// (section label, principle number, items) in asking order.
    order: Vec<(String, Option<usize>, &'f [Item])>,
    answers: HashMap<String, String>,
    /// Items answered in an earlier sitting, which a resumed session does not ask.
    skip: Vec<&'static str>,
}

impl<'f> Driver<'f> {
    fn new(fw: &'f Framework) -> Self {
        let mut order = vec![("Case details".to_owned(), None, &fw.case_details[..])];
        for (i, p) in fw.principles.iter().enumerate() {
            order.push((String::new(), Some(i + 1), &p.items[..]));
        }
        order.push(("Decision".to_owned(), None, &fw.decision[..]));
        Driver {
            fw,
            order,
            answers: HashMap::new(),
            skip: Vec::new(),
        }
    }

    /// Every item in order with its position text.
    fn steps(&self) -> Vec<(String, &'f Item)> {
        let mut steps = Vec::new();
        for (label, principle, items) in &self.order {
            for (i, item) in items.iter().enumerate() {
                let position = match principle {
                    Some(n) => format!(
                        "Principle {n} of {} · item {} of {}",
                        self.fw.principles.len(),
                        i + 1,
                        items.len()
                    ),
                    None => format!("{label} · item {} of {}", i + 1, items.len()),
                };
                steps.push((position, item));
            }
        }
        steps
    }

    fn shown(&self, item: &Item) -> bool {
        item.when
            .as_ref()
            .is_none_or(|w| self.answers.get(&w.item.value) == Some(&w.answer.value))
    }

    /// Answers items from `from` (an item id) until `until` (not answered), or to the
    /// end; `acts` overrides the default answer of the items it names, in turn.
    fn drive(&mut self, pty: &mut Pty, from: &str, until: Option<&str>, acts: &[(&str, Act)]) {
        let steps = self.steps();
        let mut i = steps
            .iter()
            .position(|(_, it)| it.id.value == from)
            .unwrap();
        let mut acts: Vec<(&str, Act)> = acts.to_vec();
        while i < steps.len() {
            let (position, item) = &steps[i];
            if Some(item.id.value.as_str()) == until {
                pty.expect(position);
                return;
            }
            if !self.shown(item) || self.skip.contains(&item.id.value.as_str()) {
                i += 1;
                continue;
            }
            pty.expect(position);
            let act = match acts.iter().position(|(id, _)| *id == item.id.value) {
                Some(k) => acts.remove(k).1,
                None => default_act(item),
            };
            if let Act::Back = act {
                match item.answer {
                    // ↑ with nothing chosen marks the last entry: "Back".
                    AnswerKind::Check | AnswerKind::Choice(_) => {
                        pty.pick_last_with_up();
                    }
                    _ => {
                        pty.expect("›");
                        pty.keys(UP);
                    }
                }
                i = (0..i).rev().find(|&j| self.shown(steps[j].1)).unwrap();
                continue;
            }
            let answer = self.answer(item, act, pty);
            self.answers.insert(item.id.value.clone(), answer);
            i += 1;
        }
    }

    /// Gives one answer and its note; returns the answer's id.
    fn answer(&self, item: &Item, act: Act, pty: &mut Pty) -> String {
        let ids: Vec<String> = match &item.answer {
            AnswerKind::Check => CHECKS.iter().map(|&c| c.to_owned()).collect(),
            AnswerKind::Choice(options) => options.iter().map(|o| o.id.value.clone()).collect(),
            _ => Vec::new(),
        };
        // An item answered before (gone back to) has its answer marked.
        let current = self
            .answers
            .get(&item.id.value)
            .and_then(|a| ids.iter().position(|id| id == a));
        let (answer, note) = match (act, &item.answer) {
            (Act::Pick(n, note), AnswerKind::Check | AnswerKind::Choice(_)) => {
                match current {
                    Some(from) => pty.repick(from, n),
                    None => pty.pick(n),
                }
                (ids[n].clone(), note)
            }
            (Act::Type(text, note), AnswerKind::Date) => {
                pty.line("Date (YYYY-MM-DD)", text);
                (text.to_owned(), note)
            }
            (Act::Type(text, note), AnswerKind::Text) => {
                pty.line("Answer", text);
                (text.to_owned(), note)
            }
            _ => panic!("no such act for {}", item.id.value),
        };
        match note_need(item, &answer) {
            NoteNeed::None => {}
            NoteNeed::Optional => pty.line("Note (optional)", note),
            NoteNeed::Required => pty.line("Note (required)", note),
        }
        answer
    }
}

/// Yes to checks (with a note where one is required), the first option of choices,
/// some text, a date.
fn default_act(item: &Item) -> Act {
    let note = if note_need(item, "yes") == NoteNeed::Required
        || matches!(item.answer, AnswerKind::Text)
    {
        "Checked with the case file."
    } else {
        ""
    };
    match item.answer {
        AnswerKind::Check | AnswerKind::Choice(_) => Act::Pick(0, note),
        AnswerKind::Date => Act::Type("2026-11-02", ""),
        AnswerKind::Text => Act::Type("Recorded in the case file.", ""),
    }
}

fn start_case(dir: &Path, reference: &str) -> Pty {
    let mut pty = Pty::start(dir, &["run"]);
    pty.line("Case reference", reference);
    pty.expect("Draft created");
    pty
}

/// At the review: "Change an answer", then row 6 (`concern-specific` in the example
/// drafts, after five case details).
fn change_row_6_at_the_review(pty: &mut Pty) {
    pty.expect("What next?");
    pty.expect("❯");
    pty.keys(&format!("{DOWN}{ENTER}"));
    pty.expect("Which answer?");
    pty.expect("❯");
    pty.keys(&format!("{}{ENTER}", DOWN.repeat(5)));
    pty.expect("Principle 1 of 5 · item 1 of 7");
}

fn sign(pty: &mut Pty, name: &str) {
    pty.expect("What next?");
    pty.expect("❯");
    pty.keys(ENTER);
    pty.line("Your name", name);
    pty.line("Your role", "Case manager");
    pty.expect("Declaration");
    pty.line("Type your name to sign", name);
}

#[test]
fn a_whole_case_typed_in_a_terminal_with_a_branch_a_note_going_back_a_change_and_sign_off() {
    let dir = tempfile::tempdir().unwrap();
    let fw = builtin();
    let mut pty = start_case(dir.path(), "CASE-2026-201");
    let mut driver = Driver::new(&fw);
    driver.drive(
        &mut pty,
        "staff-group",
        Some("concern-specific"),
        &[
            // A local policy: its name is asked (a `when` branch).
            ("governing-policy", Act::Pick(4, "")),
            (
                "local-policy-name",
                Act::Type("Hollinbrook concerns policy v3", ""),
            ),
            ("patient-safety-incident", Act::Pick(1, "")),
        ],
    );
    // No, without a note first: refused, then with one.
    pty.pick(1);
    pty.expect("Note (required)");
    pty.keys(ENTER);
    pty.expect("a note is needed when the answer is No");
    pty.keys(&format!("Only one undated email so far{ENTER}"));
    driver
        .answers
        .insert("concern-specific".into(), "no".into());
    driver.drive(
        &mut pty,
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
    );

    // The review: every Principle is there; change the rationale.
    pty.expect("Review");
    let review = pty.expect("What next?");
    for part in ["Case details", "Principle 1", "Principle 5", "Decision"] {
        assert!(review.contains(part), "the review lacks {part}:\n{review}");
    }
    pty.expect("❯");
    pty.keys(&format!("{DOWN}{ENTER}"));
    pty.expect("Which answer?");
    pty.expect("❯");
    // Up from the first entry wraps to "Back", then the optional `actions`, then the
    // rationale.
    pty.keys(&format!("{UP}{UP}{UP}{ENTER}"));
    pty.line(
        "Answer",
        "Informal route agreed: the concern is specific but minor.",
    );

    // Sign-off: a wrong name is refused.
    pty.expect("What next?");
    pty.expect("❯");
    pty.keys(ENTER);
    pty.line("Your name", "Dr Imogen Halloway");
    pty.line("Your role", "Case manager");
    pty.expect("Declaration");
    pty.line("Type your name to sign", "Someone Else");
    pty.expect("that is not the name you gave");
    pty.keys(&format!("{CTRL_U}dr imogen halloway{ENTER}"));
    pty.expect("Signed and sealed");
    let (code, _) = pty.finish();
    assert_eq!(code, 0);

    let text = private_record(&dir.path().join("CASE-2026-201.yaml"));
    assert_sealed(&text);
    for expected in [
        "status: \"signed\"",
        "reference: \"CASE-2026-201\"",
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
    assert!(
        !text.contains("being-fair-completed"),
        "a hidden item was recorded"
    );
    // Two changes in the history: the answer changed after going back, and the
    // rationale changed at the review.
    assert_eq!(text.matches("event: \"changed\"").count(), 2, "{text}");
    assert!(
        text.contains("  - at: ")
            && text.contains("old_answer: \"yes\"\n    old_note: null\n    new_answer: \"no\"")
    );
    assert!(text.contains("old_answer: \"Recorded in the case file.\""));
    for principle in &fw.principles {
        assert!(text.contains(&format!("section: \"{}\"", principle.id.value)));
    }
    assert!(
        !dir.path().join("CASE-2026-201.yaml.lock").exists(),
        "the lock file was left"
    );
}

#[test]
fn ctrl_c_keeps_every_answer_shows_the_cursor_and_resume_finishes_the_case() {
    let dir = tempfile::tempdir().unwrap();
    let fw = builtin();
    let mut pty = start_case(dir.path(), "CASE-2026-202");
    let mut driver = Driver::new(&fw);
    driver.drive(&mut pty, "staff-group", Some("named-contact"), &[]);
    pty.menu();
    pty.keys(CTRL_C);
    pty.expect("Draft saved: CASE-2026-202.yaml");
    pty.expect("fairness run --resume CASE-2026-202.yaml");
    let (code, screen) = pty.finish();
    assert_eq!(code, 130);
    let hidden = screen.rfind("\x1b[?25l").expect("the menu hid the cursor");
    assert!(
        screen[hidden..].contains("\x1b[?25h"),
        "the cursor was left hidden"
    );

    let path = dir.path().join("CASE-2026-202.yaml");
    let draft = private_record(&path);
    assert!(draft.contains("status: \"draft\""));
    assert!(draft.contains("item: \"health-and-wellbeing\""));
    assert!(!draft.contains("item: \"named-contact\""));
    assert!(!dir.path().join("CASE-2026-202.yaml.lock").exists());

    // Resume: it starts at the first unanswered item, and Esc at a text prompt leaves
    // again.
    let mut pty = Pty::start(dir.path(), &["run", "--resume", "CASE-2026-202.yaml"]);
    pty.expect("Resuming case CASE-2026-202");
    driver.drive(&mut pty, "named-contact", Some("rationale"), &[]);
    pty.expect("›");
    pty.keys(ESC);
    pty.expect("Draft saved");
    assert_eq!(pty.finish().0, 130);

    let mut pty = Pty::start(dir.path(), &["run", "--resume", "CASE-2026-202.yaml"]);
    driver.drive(
        &mut pty,
        "rationale",
        None,
        &[("actions", Act::Type("", ""))],
    );
    sign(&mut pty, "Dr Ptolemy Ashgrove");
    pty.expect("Signed and sealed");
    assert_eq!(pty.finish().0, 0);
    let text = private_record(&path);
    assert_sealed(&text);
    assert!(
        text.contains("item: \"health-and-wellbeing\"") && text.contains("item: \"rationale\"")
    );
    // 6 case details (the incident and Advice branches), 30 under the Principles, and
    // the route and rationale (the optional actions were left).
    assert_eq!(text.matches("  - item: ").count(), 38);

    // A signed record is never resumed.
    let mut pty = Pty::start(dir.path(), &["run", "--resume", "CASE-2026-202.yaml"]);
    pty.expect("never resumed or changed");
    assert_eq!(pty.finish().0, 2);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);

    // Nor is one whose seal has been cut off: it says signed, so it was altered.
    let unsealed = &text[..text.rfind("seal:").unwrap()];
    std::fs::write(dir.path().join("unsealed.yaml"), unsealed).unwrap();
    let mut pty = Pty::start(dir.path(), &["run", "--resume", "unsealed.yaml"]);
    pty.expect("the record has no `seal`");
    assert_eq!(pty.finish().0, 1);
}

#[test]
fn a_second_session_on_the_same_draft_is_refused_while_the_first_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = start_case(dir.path(), "CASE-2026-203");
    first.menu();
    let mut second = Pty::start(dir.path(), &["run", "--resume", "CASE-2026-203.yaml"]);
    second.expect("is open in another fairness session");
    assert_eq!(second.finish().0, 2);
    // The first carries on, unharmed.
    first.keys(&format!("{DOWN}{ENTER}"));
    first.line("Note (optional)", "");
    first.expect("Case details · item 2 of 7");
    first.menu();
    first.keys(ESC);
    assert_eq!(first.finish().0, 130);
    let draft = private_record(&dir.path().join("CASE-2026-203.yaml"));
    assert!(draft.contains("answer: \"doctor\""));
    // Once it has ended, resuming works.
    let mut again = Pty::start(dir.path(), &["run", "--resume", "CASE-2026-203.yaml"]);
    again.expect("Case details · item 2 of 7");
    again.menu();
    again.keys(ESC);
    assert_eq!(again.finish().0, 130);
}

#[test]
fn a_failed_save_says_why_and_leaves_the_previous_draft_intact() {
    let dir = tempfile::tempdir().unwrap();
    // Files may grow to 1 KiB: enough for the new draft and one answer.
    let mut pty = Pty::shell(
        dir.path(),
        "trap '' XFSZ; ulimit -f 2; exec \"$FAIRNESS\" run",
    );
    pty.line("Case reference", "CASE-2026-204");
    pty.pick(0);
    pty.line("Note (optional)", "");
    pty.expect("Case details · item 2 of 7");
    let before = std::fs::read_to_string(dir.path().join("CASE-2026-204.yaml")).unwrap();
    assert!(before.contains("answer: \"doctor\""));
    // The second answer makes the draft too large to save.
    pty.pick(0);
    pty.line("Note (optional)", "");
    // By now a save has failed and the session has stopped.
    let (code, screen) = pty.finish();
    assert_eq!(code, 2, "exit code {code}; the screen:\n{screen}");
    assert!(
        screen.contains("cannot save the draft `CASE-2026-204.yaml`"),
        "{screen}"
    );
    assert!(screen.contains("The file still holds the draft as it was before your last answer"));
    let draft = private_record(&dir.path().join("CASE-2026-204.yaml"));
    assert_eq!(draft, before, "the draft changed");
    fairness::record::from_yaml_text(&draft).expect("the old draft is whole");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn a_changed_framework_is_explained_and_migrate_carries_unchanged_answers_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    std::fs::write(path("fw.yaml"), BUILTIN_TEXT).unwrap();
    let answers = "format: fairness-answers/1\ncase: { reference: CASE-2026-205 }\nanswers:\n  \
                   staff-group: { answer: dentist }\n  \
                   concern-specific: { answer: \"yes\" }\n  \
                   evidence-distinguished: { answer: \"no\", note: \"Mixed up\" }\n";
    std::fs::write(path("answers.yaml"), answers).unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_fairness"))
        .current_dir(dir.path())
        .args([
            "run",
            "--answers",
            "answers.yaml",
            "--framework",
            "fw.yaml",
            "-o",
            "draft.yaml",
        ])
        .status()
        .unwrap();
    assert!(status.success());

    // The organisation rewords one item.
    let changed = BUILTIN_TEXT.replacen(
        "id: evidence-distinguished\n        prompt: ",
        "id: evidence-distinguished\n        prompt: Locally reworded. ",
        1,
    );
    assert_ne!(changed, BUILTIN_TEXT);
    std::fs::write(path("fw.yaml"), &changed).unwrap();
    let before = std::fs::read_to_string(path("draft.yaml")).unwrap();

    let mut pty = Pty::start(
        dir.path(),
        &["run", "--resume", "draft.yaml", "--framework", "fw.yaml"],
    );
    pty.expect("which is different");
    pty.expect("2 of this draft's 3 answers carry over unchanged");
    pty.expect("`evidence-distinguished`: reworded from");
    pty.expect("fairness run --resume draft.yaml --framework fw.yaml --migrate");
    assert_eq!(pty.finish().0, 2);
    assert_eq!(
        std::fs::read_to_string(path("draft.yaml")).unwrap(),
        before,
        "refusing changed the draft"
    );

    let mut pty = Pty::start(
        dir.path(),
        &[
            "run",
            "--resume",
            "draft.yaml",
            "--framework",
            "fw.yaml",
            "--migrate",
        ],
    );
    pty.expect("The draft now uses this framework");
    // The first gap is asked first.
    pty.expect("Case details · item 2 of 7");
    pty.menu();
    pty.keys(ESC);
    assert_eq!(pty.finish().0, 130);
    let text = private_record(&path("draft.yaml"));
    let record = fairness::record::from_yaml_text(&text).unwrap();
    assert_eq!(
        record.framework.digest,
        fairness::framework::digest(changed.as_bytes())
    );
    assert!(record.answer("concern-specific").is_some());
    assert!(record.answer("evidence-distinguished").is_none());
    let events: Vec<&str> = record.history.iter().map(|c| c.event.id()).collect();
    assert_eq!(events, ["migrated", "dropped"]);
    assert_eq!(record.history[1].old_note.as_deref(), Some("Mixed up"));

    // Resumed again, the reworded item is asked in its new words.
    let mut pty = Pty::start(
        dir.path(),
        &["run", "--resume", "draft.yaml", "--framework", "fw.yaml"],
    );
    let changed_fw = check(&changed).framework.unwrap();
    let mut driver = Driver::new(&changed_fw);
    driver
        .answers
        .insert("staff-group".into(), "dentist".into());
    driver
        .answers
        .insert("concern-specific".into(), "yes".into());
    driver.skip = vec!["staff-group", "concern-specific"];
    driver.drive(
        &mut pty,
        "governing-policy",
        Some("evidence-distinguished"),
        &[],
    );
    pty.expect("Locally reworded.");
    pty.menu();
    pty.keys(ESC);
    assert_eq!(pty.finish().0, 130);
}

#[test]
fn control_characters_in_framework_text_are_shown_harmlessly() {
    let dir = tempfile::tempdir().unwrap();
    let evil = BUILTIN_TEXT.replacen(
        "prompt: Which staff group does the practitioner belong to?",
        "prompt: \"Which staff group \\e[31mRED\\e[2J does the practitioner belong to?\"",
        1,
    );
    assert_ne!(evil, BUILTIN_TEXT);
    std::fs::write(dir.path().join("evil.yaml"), evil).unwrap();
    let mut pty = Pty::start(dir.path(), &["run", "--framework", "evil.yaml"]);
    pty.line("Case reference", "CASE-2026-206");
    let screen = pty.expect("does the practitioner belong to?");
    assert!(screen.contains("\\u{1b}[31mRED\\u{1b}[2J"), "{screen}");
    assert!(
        !screen.contains("\x1b[31mRED"),
        "a colour code reached the terminal"
    );
    pty.menu();
    pty.keys(ESC);
    assert_eq!(pty.finish().0, 130);
}

#[test]
fn a_hang_up_at_a_text_prompt_keeps_the_draft_and_exits_130() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start_case(dir.path(), "CASE-2026-207");
    pty.pick(2);
    pty.line("Note (optional)", "");
    pty.pick(4);
    pty.line("Note (optional)", "");
    pty.expect("Case details · item 3 of 7");
    pty.expect("›");
    pty.keys("Half a policy na");
    pty.expect("Half a policy na");
    pty.hang_up();
    let (code, _) = pty.finish();
    assert_eq!(code, 130);
    let draft = private_record(&dir.path().join("CASE-2026-207.yaml"));
    assert!(draft.contains("answer: \"pharmacist\"") && draft.contains("answer: \"local-policy\""));
    assert!(
        !draft.contains("Half a policy"),
        "an unfinished answer was saved"
    );
}

#[test]
fn an_existing_record_is_never_overwritten_by_a_new_case() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("CASE-2026-208.yaml"), "kept\n").unwrap();
    let mut pty = Pty::start(dir.path(), &["run"]);
    pty.line("Case reference", "CASE-2026-208");
    pty.expect("`CASE-2026-208.yaml` already exists here");
    pty.expect("fairness run --resume CASE-2026-208.yaml");
    // A reference that is not a safe file name is refused too.
    pty.keys(&format!("{CTRL_U}../../etc/passwd{ENTER}"));
    pty.expect("cannot contain `/`");
    pty.keys(ESC);
    pty.expect("nothing was saved");
    assert_eq!(pty.finish().0, 130);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("CASE-2026-208.yaml")).unwrap(),
        "kept\n"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "a file was created"
    );

    // With --out naming an existing file, nothing is asked.
    let mut pty = Pty::start(dir.path(), &["run", "--out", "CASE-2026-208.yaml"]);
    pty.expect("already exists, and fairness never overwrites a file");
    assert_eq!(pty.finish().0, 2);
}

#[test]
fn an_invalid_framework_is_refused_with_the_validate_report_before_anything_is_asked() {
    let dir = tempfile::tempdir().unwrap();
    let broken = BUILTIN_TEXT.replacen(
        "title: Adherence to process",
        "title: Adherance to process",
        1,
    );
    std::fs::write(dir.path().join("broken.yaml"), broken).unwrap();
    let mut pty = Pty::start(dir.path(), &["run", "--framework", "broken.yaml"]);
    pty.expect("the framework is not valid, so it cannot be used");
    pty.expect("broken.yaml:");
    let (code, screen) = pty.finish();
    assert_eq!(code, 1);
    assert!(!screen.contains("Case reference"), "{screen}");
}

/// A draft made from an example answers file, without its sign-off.
fn example_draft(dir: &Path, example: &str, out: &str) {
    let text = crate::harness::repo_file(example);
    let text = &text[..text.find("\nsign_off:").unwrap()];
    std::fs::write(dir.join("answers.yaml"), text).unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_fairness"))
        .current_dir(dir)
        .args(["run", "--answers", "answers.yaml", "-o", out])
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn a_draft_altered_by_hand_is_refused_on_resume_with_each_problem_named() {
    let dir = tempfile::tempdir().unwrap();
    example_draft(
        dir.path(),
        "examples/answers/pharmacist-informal.yaml",
        "draft.yaml",
    );
    let draft = std::fs::read_to_string(dir.path().join("draft.yaml")).unwrap();
    let altered = draft
        .replacen("answer: \"team-or-system\"", "answer: \"\\x1b[2Jgone\"", 1)
        .replacen("item: \"whole-record\"", "item: \"found-guilty\"", 1);
    assert_ne!(altered, draft);
    std::fs::write(dir.path().join("draft.yaml"), &altered).unwrap();
    let mut pty = Pty::start(dir.path(), &["run", "--resume", "draft.yaml"]);
    pty.expect("cannot be resumed");
    pty.expect("`concern-type`: `\\u{1b}[2Jgone` is not one of this item's options");
    pty.expect("`found-guilty` is not an item of this framework");
    let (code, screen) = pty.finish();
    assert_eq!(code, 1);
    assert!(
        !screen.contains("\x1b[2Jgone"),
        "an escape sequence from the record reached the screen"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("draft.yaml")).unwrap(),
        altered
    );

    // A signed record whose status was set back to draft is not a draft.
    let signed = dir.path().join("signed.yaml");
    std::fs::write(
        dir.path().join("a2.yaml"),
        crate::harness::repo_file("examples/answers/dentist-health.yaml"),
    )
    .unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_fairness"))
        .current_dir(dir.path())
        .args(["run", "--answers", "a2.yaml", "-o", "signed.yaml"])
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(&signed).unwrap().replacen(
        "status: \"signed\"",
        "status: \"draft\"",
        1,
    );
    std::fs::write(&signed, text).unwrap();
    let mut pty = Pty::start(dir.path(), &["run", "--resume", "signed.yaml"]);
    pty.expect("a signed record appears to have been altered");
    assert_eq!(pty.finish().0, 1);
}

#[test]
fn confirming_an_answer_again_keeps_its_note() {
    let dir = tempfile::tempdir().unwrap();
    example_draft(
        dir.path(),
        "examples/answers/pharmacist-informal.yaml",
        "draft.yaml",
    );
    let before = std::fs::read_to_string(dir.path().join("draft.yaml")).unwrap();
    let mut pty = Pty::start(dir.path(), &["run", "--resume", "draft.yaml"]);
    // Everything is answered: straight to the review. Change `concern-specific`
    // (row 6, after five case details) and confirm its Yes.
    change_row_6_at_the_review(&mut pty);
    pty.repick(0, 0);
    pty.expect("What next?");
    pty.expect("❯");
    pty.keys(&format!("{DOWN}{DOWN}{ENTER}"));
    pty.expect("Draft saved");
    assert_eq!(pty.finish().0, 0);
    let after = std::fs::read_to_string(dir.path().join("draft.yaml")).unwrap();
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
fn resuming_a_record_that_is_not_there_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = Pty::start(dir.path(), &["run", "--resume", "nowhere/CASE-1.yaml"]);
    pty.expect("cannot read `nowhere/CASE-1.yaml`: no such file or folder");
    assert_eq!(pty.finish().0, 2);
    let mut pty = Pty::start(dir.path(), &["run", "--resume", "CASE-1.yaml"]);
    pty.expect("cannot read `CASE-1.yaml`: no such file or folder");
    assert_eq!(pty.finish().0, 2);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "a file was left"
    );
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
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start_case(dir.path(), "CASE-2026-210");
    pty.menu();
    pty.keys(ENTER);
    pty.keys(ENTER);
    // Still at the first item: Esc leaves with nothing answered.
    pty.keys(ESC);
    let (code, screen) = pty.finish();
    assert_eq!(code, 130);
    assert!(!screen.contains("Note (optional)"), "{screen}");
    assert!(draft_answers(&dir.path().join("CASE-2026-210.yaml")).is_empty());
}

#[test]
fn a_paste_into_a_note_keeps_its_line_breaks_and_answers_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start_case(dir.path(), "CASE-2026-211");
    pty.pick(0);
    pty.expect("Note (optional)");
    pty.expect("›");
    // Three lines pasted at once: the line breaks stay in the note.
    pty.keys("First line\rSecond line\rThird line");
    pty.expect("Third line");
    pty.keys(ENTER);
    // Keys sent with the note's Enter, as type-ahead or the tail of a paste, are
    // not taken as the next item's answer.
    pty.expect("Case details · item 2 of 7");
    pty.pick(1);
    pty.expect("Note (optional)");
    pty.expect("›");
    pty.keys(&format!("Checked{ENTER}{DOWN}{ENTER}{DOWN}{ENTER}"));
    // (Item 3 is asked only for a local policy.)
    pty.expect("Case details · item 4 of 7");
    pty.menu();
    pty.keys(ESC);
    assert_eq!(pty.finish().0, 130);
    let answers = draft_answers(&dir.path().join("CASE-2026-211.yaml"));
    assert_eq!(
        answers["staff-group"].1.as_deref(),
        Some("First line\nSecond line\nThird line")
    );
    // The rest of that burst became part of the second note; nothing answered item 3.
    assert_eq!(answers["governing-policy"].1.as_deref(), Some("Checked"));
    assert_eq!(answers.len(), 2, "{answers:?}");
}

#[test]
fn keys_typed_before_the_first_question_appears_are_thrown_away() {
    let dir = tempfile::tempdir().unwrap();
    // The program starts only once the keys have been typed.
    let mut pty = Pty::shell(
        dir.path(),
        "while [ ! -e typed ]; do sleep 0.05; done; exec \"$FAIRNESS\" run",
    );
    pty.keys(&format!("CASE-2026-214{ENTER}"));
    std::thread::sleep(std::time::Duration::from_millis(200));
    std::fs::write(dir.path().join("typed"), "").unwrap();
    pty.expect("Case reference");
    pty.expect("›");
    pty.keys(ESC);
    pty.expect("nothing was saved");
    assert_eq!(pty.finish().0, 130);
    assert!(!dir.path().join("CASE-2026-214.yaml").exists());
}

#[test]
fn text_pasted_into_a_menu_neither_chooses_nor_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start_case(dir.path(), "CASE-2026-215");
    // `q` would leave the menu, and the rest of the paste would reach the shell.
    pty.menu();
    pty.keys(&format!("The practitioner requested it{ENTER}more"));
    pty.expect("That looked like pasted text, so it was ignored");
    // ↓ then space would choose the first entry.
    pty.menu();
    pty.keys("j and so on");
    pty.expect("That looked like pasted text, so it was ignored");
    pty.menu();
    pty.keys(ESC);
    assert_eq!(pty.finish().0, 130);
    assert!(draft_answers(&dir.path().join("CASE-2026-215.yaml")).is_empty());
}

#[test]
fn esc_at_a_note_keeps_the_answer_and_the_note_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start_case(dir.path(), "CASE-2026-216");
    pty.pick(1);
    pty.expect("Note (optional)");
    pty.expect("›");
    // An Esc that arrives with pasted text is part of the paste, not leaving.
    pty.keys(&format!("Typed, not yet confirmed{ESC}"));
    pty.expect("confirmed");
    pty.keys(ESC);
    pty.expect("Draft saved");
    assert_eq!(pty.finish().0, 130);
    let answers = draft_answers(&dir.path().join("CASE-2026-216.yaml"));
    assert_eq!(
        answers["staff-group"],
        (
            "dentist".to_owned(),
            Some("Typed, not yet confirmed".to_owned())
        )
    );
}

#[test]
fn a_hang_up_at_a_note_keeps_the_answer_but_not_the_half_typed_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start_case(dir.path(), "CASE-2026-217");
    pty.pick(1);
    pty.expect("Note (optional)");
    pty.expect("›");
    pty.keys("Because the cli");
    pty.expect("Because the cli");
    pty.hang_up();
    assert_eq!(pty.finish().0, 130);
    let answers = draft_answers(&dir.path().join("CASE-2026-217.yaml"));
    assert_eq!(answers["staff-group"], ("dentist".to_owned(), None));
}

#[test]
fn esc_at_an_optional_note_keeps_the_answer_just_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start_case(dir.path(), "CASE-2026-212");
    pty.pick(2);
    pty.expect("Note (optional)");
    pty.expect("›");
    pty.keys(ESC);
    pty.expect("Draft saved");
    assert_eq!(pty.finish().0, 130);
    let answers = draft_answers(&dir.path().join("CASE-2026-212.yaml"));
    assert_eq!(answers.len(), 1, "{answers:?}");
    assert_eq!(answers["staff-group"].1, None);
}

#[test]
fn a_long_note_scrolls_in_its_window_and_is_kept_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start_case(dir.path(), "CASE-2026-213");
    pty.pick(0);
    pty.expect("Note (optional)");
    pty.expect("›");
    let note: String = (0..300).map(|n| format!("word{n:04} ")).collect();
    pty.keys(note.trim_end());
    pty.expect("characters; the text scrolls");
    pty.keys(ENTER);
    pty.expect("Case details · item 2 of 7");
    pty.menu();
    pty.keys(ESC);
    assert_eq!(pty.finish().0, 130);
    let answers = draft_answers(&dir.path().join("CASE-2026-213.yaml"));
    assert_eq!(answers["staff-group"].1.as_deref(), Some(note.trim_end()));
}

#[test]
fn back_from_a_change_at_the_review_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    example_draft(
        dir.path(),
        "examples/answers/pharmacist-informal.yaml",
        "draft.yaml",
    );
    let before = std::fs::read_to_string(dir.path().join("draft.yaml")).unwrap();
    let mut pty = Pty::start(dir.path(), &["run", "--resume", "draft.yaml"]);
    change_row_6_at_the_review(&mut pty);
    // Yes is marked; after Yes, No and Not applicable comes "Back to the review".
    pty.repick(0, 3);
    let menu = pty.expect("What next?");
    assert!(menu.contains("Back to the review"), "{menu}");
    pty.expect("❯");
    pty.keys(&format!("{DOWN}{DOWN}{ENTER}"));
    pty.expect("Draft saved");
    assert_eq!(pty.finish().0, 0);
    let after = std::fs::read_to_string(dir.path().join("draft.yaml")).unwrap();
    assert_eq!(after, before);
}

#[test]
fn a_draft_reached_through_a_symbolic_link_or_with_a_second_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    example_draft(
        dir.path(),
        "examples/answers/pharmacist-informal.yaml",
        "draft.yaml",
    );
    std::os::unix::fs::symlink("draft.yaml", dir.path().join("link.yaml")).unwrap();
    let mut pty = Pty::start(dir.path(), &["run", "--resume", "link.yaml"]);
    pty.expect("`link.yaml` is a symbolic link to `draft.yaml`");
    let (code, _) = pty.finish();
    assert_eq!(code, 2);
    assert!(
        dir.path().join("link.yaml").is_symlink(),
        "the link was replaced"
    );
    assert!(!dir.path().join("link.yaml.lock").exists());

    // A second name for the same file would have a lock of its own, too.
    std::fs::hard_link(dir.path().join("draft.yaml"), dir.path().join("other.yaml")).unwrap();
    let mut pty = Pty::start(dir.path(), &["run", "--resume", "draft.yaml"]);
    pty.expect("`draft.yaml` has 2 names (hard links)");
    assert_eq!(pty.finish().0, 2);
}

#[test]
fn a_hostile_file_name_is_shown_escaped_when_resuming() {
    // A hyperlink, a screen clear and a red background, in a file name.
    const NAME: &str =
        "d\u{1b}]8;;https:example.invalid\u{7}LINK\u{1b}]8;;\u{7}\u{1b}[2J\u{1b}[41m.yaml";
    let raw = ["\u{1b}]8;;https", "\u{1b}[2J", "\u{1b}[41m"];
    let shown = r"d\u{1b}]8;;https:example.invalid\u{7}LINK";
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    let clean = |screen: &str| {
        for r in raw {
            assert!(!screen.contains(r), "{r:?} reached the terminal:\n{screen}");
        }
    };

    // A signed record is refused, naming the file.
    let signed = format!("s{NAME}");
    std::fs::write(path(&signed), crate::records::signed("pharmacist-informal")).unwrap();
    let mut pty = Pty::start(dir.path(), &["run", "--resume", &signed]);
    pty.expect("was signed by");
    let (code, screen) = pty.finish();
    assert_eq!(code, 2, "{screen}");
    assert!(screen.contains(&format!("`s{shown}")), "{screen}");
    clean(&screen);

    // A draft whose lock is a symbolic link.
    std::fs::write(path(NAME), crate::records::draft()).unwrap();
    std::os::unix::fs::symlink("/nonexistent", path(&format!("{NAME}.lock"))).unwrap();
    let mut pty = Pty::start(dir.path(), &["run", "--resume", NAME]);
    pty.expect("is a symbolic link, not a lock file");
    let (code, screen) = pty.finish();
    assert_eq!(code, 2, "{screen}");
    assert!(screen.contains(shown), "{screen}");
    clean(&screen);
    std::fs::remove_file(path(&format!("{NAME}.lock"))).unwrap();

    // The same draft with a changed framework: the command it suggests names the
    // real file, in quotes a shell reads back, and prints nothing unsafe.
    let changed = BUILTIN_TEXT.replacen(
        "id: evidence-distinguished\n        prompt: ",
        "id: evidence-distinguished\n        prompt: Locally reworded. ",
        1,
    );
    std::fs::write(path("fw.yaml"), changed).unwrap();
    let mut pty = Pty::start(
        dir.path(),
        &["run", "--resume", NAME, "--framework", "fw.yaml"],
    );
    pty.expect("which is different");
    pty.expect("--migrate");
    let (code, screen) = pty.finish();
    assert_eq!(code, 2, "{screen}");
    assert!(
        screen.contains(
            r"fairness run --resume $'d\x1b]8;;https:example.invalid\x07LINK\x1b]8;;\x07\x1b[2J\x1b[41m.yaml' --framework fw.yaml --migrate"
        ),
        "{screen}"
    );
    clean(&screen);
}
