//! A framework's `jurisdiction` answers the nation in advance: the item with
//! `role: nation` must offer it and always be shown (`validate`), is answered by it in
//! every new record and noted in the history, is never asked in a terminal, cannot be
//! answered otherwise in an answers file, and is filled in or put right when a draft is
//! resumed or migrated onto such a framework.
//!
//! The frameworks here are the built-in one with a nation item of their own added at the
//! start of the case details, and two items shown for one nation each, so that the tests
//! do not depend on which nation items the built-in framework has.

use fairness::checklist::Checklist;
use fairness::framework::{self, NoteNeed};
use fairness::record::FrameworkSource;

use crate::harness::{Problem, Test, answers_refused, builtin, edit, error};
use crate::records::{from_answers, read};

/// The nation item the fixtures add, and one item for each of two nations.
const NATION: &str = "  - id: case-nation
    role: nation
    prompt: In which nation is the case handled?
    answer: choice
    options:
      - id: england
        label: England
      - id: wales
        label: Wales
      - id: northern-ireland
        label: Northern Ireland
";
const BY_NATION: &str = "
  - id: welsh-policy-followed
    prompt: Is Upholding Professional Standards in Wales being followed?
    answer: check
    when: { item: case-nation, answer: wales }

  - id: english-policy-followed
    prompt: Is Maintaining High Professional Standards being followed?
    answer: check
    when: { item: case-nation, answer: england }

";

/// The built-in framework with `jurisdiction` as given and `items` first among the
/// case details. Any item that already has `role: nation` loses it, so that the one
/// added here is the only one.
fn with_items(jurisdiction: &str, items: &str) -> String {
    let text = builtin().replace("    role: nation\n", "");
    let text = edit(
        &text,
        "jurisdiction: null",
        &format!("jurisdiction: {jurisdiction}"),
    );
    edit(&text, "case_details:\n", &format!("case_details:\n{items}"))
}

/// The built-in framework with the nation item and the items for two nations.
fn nation_framework(jurisdiction: &str) -> String {
    with_items(jurisdiction, &format!("{NATION}{BY_NATION}"))
}

/// An answers file for case `reference`: `answers` as its `answers:` lines.
fn answers_file(reference: &str, answers: &str) -> String {
    format!("format: fairness-answers/1\ncase:\n  reference: {reference}\nanswers:\n{answers}")
}

/// An answers file that answers every item `framework` shows but the one it answers
/// itself (yes, the first option, a date, text; a note where one is needed), with
/// `first` answered first; signed when `sign` is set.
fn complete_answers(framework: &str, first: &[(&str, &str)], sign: bool) -> String {
    let fw = framework::check(framework).framework.unwrap();
    let list = Checklist::new(&fw);
    let mut record = list.new_record("CASE-1", "sha256:0", &FrameworkSource::BuiltIn, "t");
    let mut lines = String::new();
    for (id, answer) in first {
        lines.push_str(&format!("  {id}: {answer}\n"));
        let i = list.index_of(id).unwrap();
        let given = list.steps[i].item.accept(answer, None).unwrap();
        list.apply(&mut record, i, &given, "t");
    }
    for i in 0..list.steps.len() {
        let item = list.steps[i].item;
        let id = &item.id.value;
        if !list.visible(&record)[i] || list.is_preset(i) || record.answer(id).is_some() {
            continue;
        }
        let answer = item.answer.sample_answer();
        let note = (item.note_need(&answer) == NoteNeed::Required).then(|| "Why.".to_owned());
        lines.push_str(&format!("  {id}:\n    answer: \"{answer}\"\n"));
        if let Some(note) = &note {
            lines.push_str(&format!("    note: \"{note}\"\n"));
        }
        let given = item.accept(&answer, note.as_deref()).unwrap();
        list.apply(&mut record, i, &given, "t");
    }
    let mut text = answers_file("CASE-NATION-2", &lines);
    if sign {
        text.push_str("sign_off:\n  name: Dr Nia Example\n  role: Case manager\n");
    }
    text
}

// `validate`.

fn validate(text: &str) -> Test<'static> {
    Test::new()
        .file("f.yaml", text)
        .args(["validate", "f.yaml"])
}

fn one_error(problem: Problem) -> String {
    format!("{problem}\nf.yaml: 1 error\n")
}

/// The built-in framework set to one nation: the policy items for the other two can
/// never be asked, and `validate` says so of each, at its `when`, without refusing it.
#[test]
fn items_for_another_nation_than_the_jurisdiction_are_warned_never_asked() {
    let text = edit(&builtin(), "jurisdiction: null", "jurisdiction: wales");
    let never = |item: &str, nation: &str| {
        crate::harness::warning(format!(
            "`{item}` is never asked: it applies only when `nation` is `{nation}`, and `jurisdiction: wales` answers `nation` for every case"
        ))
        .at("f.yaml", &text, &format!("nation, answer: {nation} }}"))
        .marks(6)
        .help("remove the item, or set `jurisdiction: null` to ask the nation case by case")
    };
    let problems = [
        never("policy-england", "england"),
        never("policy-northern-ireland", "northern-ireland"),
    ];
    let mut expected: String = problems.iter().map(|p| format!("{p}\n")).collect();
    expected.push_str("f.yaml: valid, 2 warnings (5 principles, 70 items)\n");
    validate(&text).stdout(expected).run();
}

#[test]
fn a_jurisdiction_the_nation_item_does_not_offer_is_an_error_at_the_jurisdiction() {
    // A near miss of the id.
    let text = with_items("wales", &edit(NATION, "- id: wales", "- id: wale"));
    let problem = error(
        "`jurisdiction: wales` answers the nation for every case, but `case-nation` (`role: nation`) has no option `wales`",
    )
    .at("f.yaml", &text, "wales\n")
    .marks(5)
    .help(
        "did you mean `wale`? Give that option the id `wales`, so that the jurisdiction can answer the item",
    );
    validate(&text).stdout(one_error(problem)).status(1).run();

    // The nation's name as the label of an option with another id.
    let text = with_items("wales", &edit(NATION, "- id: wales", "- id: cymru"));
    let problem = error(
        "`jurisdiction: wales` answers the nation for every case, but `case-nation` (`role: nation`) has no option `wales`",
    )
    .at("f.yaml", &text, "wales\n")
    .marks(5)
    .help(
        "did you mean `cymru`? Give that option the id `wales`, so that the jurisdiction can answer the item",
    );
    validate(&text).stdout(one_error(problem)).status(1).run();

    // Nothing like it: the options are listed.
    let text = with_items(
        "northern-ireland",
        &edit(
            NATION,
            "      - id: northern-ireland\n        label: Northern Ireland\n",
            "",
        ),
    );
    let problem = error(
        "`jurisdiction: northern-ireland` answers the nation for every case, but `case-nation` (`role: nation`) has no option `northern-ireland`",
    )
    .at("f.yaml", &text, "northern-ireland\n")
    .marks(16)
    .help(
        "its options are `england` and `wales`; add one with the id `northern-ireland`, or set `jurisdiction: null` to ask the nation case by case",
    );
    validate(&text).stdout(one_error(problem)).status(1).run();
}

#[test]
fn the_nation_item_may_not_be_hidden_or_need_a_note_when_a_jurisdiction_answers_it() {
    let items = format!(
        "  - {{ id: cross-border, prompt: Does the case cross a border?, answer: check }}\n{}",
        edit(
            NATION,
            "    answer: choice\n",
            "    answer: choice\n    when: { item: cross-border, answer: \"no\" }\n",
        )
    );
    let text = with_items("england", &items);
    let problem = error(
        "`case-nation` (`role: nation`) has a `when`, but `jurisdiction: england` answers it for every case",
    )
    .at("f.yaml", &text, "cross-border, answer: \"no\"")
    .marks(12)
    .help(
        "remove the `when`: an item the framework answers is never asked, so it cannot be hidden",
    );
    validate(&text).stdout(one_error(problem)).status(1).run();

    let text = with_items(
        "england",
        &edit(
            NATION,
            "    answer: choice\n",
            "    answer: choice\n    note: required\n",
        ),
    );
    let problem = error(
        "`case-nation` (`role: nation`) requires a note, but `jurisdiction: england` answers it and nobody is asked for one",
    )
    .at("f.yaml", &text, "nation\n    prompt: In which")
    .marks(6)
    .help("make its `note` `optional`, or leave `note` out");
    validate(&text).stdout(one_error(problem)).status(1).run();
}

#[test]
fn without_a_jurisdiction_or_without_a_nation_item_nothing_is_said() {
    let valid = |text: &str| {
        let items = framework::check(text).framework.unwrap().items().count();
        validate(text)
            .stdout(format!("f.yaml: valid (5 principles, {items} items)\n"))
            .run();
    };
    // No jurisdiction: the nation item may offer anything and be hidden.
    let hidden = format!(
        "  - {{ id: cross-border, prompt: Does the case cross a border?, answer: check }}\n{}",
        edit(
            &edit(NATION, "- id: wales", "- id: cymru"),
            "    answer: choice\n",
            "    answer: choice\n    when: { item: cross-border, answer: \"no\" }\n",
        )
    );
    valid(&with_items("null", &hidden));
    // A jurisdiction and no item with `role: nation`.
    valid(&with_items(
        "wales",
        &edit(&hidden, "    role: nation\n", ""),
    ));
    // Both, and the option there: valid; the item for England is never asked, which
    // is only a warning.
    validate(&nation_framework("wales"))
        .stdout_contains("warning: `english-policy-followed` is never asked")
        .stdout_contains("f.yaml: valid, 1 warning (5 principles,")
        .run();
}

// `show`.

#[test]
fn show_says_the_jurisdiction_answers_the_nation_item() {
    Test::new()
        .file("fw.yaml", nation_framework("wales"))
        .args(["show", "--framework", "fw.yaml"])
        .env("COLUMNS", "250")
        // The item only for England is never asked, as `validate` warns.
        .stderr_contains("`english-policy-followed` is never asked")
        .stdout_with(|out| {
            assert!(out.contains("Jurisdiction: Wales\n"), "{out}");
            assert!(
                out.contains("· answered by `jurisdiction: wales` (Wales): not asked"),
                "{out}"
            );
        })
        .run();
    // Without a jurisdiction the item is asked, and nothing is said.
    Test::new()
        .file("fw.yaml", nation_framework("null"))
        .args(["show", "--framework", "fw.yaml"])
        .env("COLUMNS", "250")
        .stdout_with(|out| {
            assert!(out.contains("· id: case-nation"), "{out}");
            assert!(!out.contains("answered by"), "{out}");
        })
        .run();
}

// `run --answers`.

/// `run --answers a.yaml -o r.yaml --framework fw.yaml`, the framework answering the
/// nation with Wales.
fn from_answers_in_wales(answers: &str) -> Test<'static> {
    from_answers(answers)
        .file("fw.yaml", nation_framework("wales"))
        .args(["--framework", "fw.yaml"])
}

#[test]
fn an_answers_file_needs_no_nation_and_the_record_has_the_jurisdictions() {
    let answers = answers_file(
        "CASE-NATION-1",
        "  staff-group: doctor\n  welsh-policy-followed: \"yes\"\n",
    );
    let ran = from_answers_in_wales(&answers)
        .stdout_with(|out| {
            assert!(
                out.starts_with("Draft written: r.yaml (3 answers).\n"),
                "{out}"
            );
        })
        .run();
    let text = ran.read("r.yaml");
    let record = read(&text);
    let nation = record
        .answer("case-nation")
        .expect("the nation is answered");
    assert_eq!(nation.answer, "wales");
    assert_eq!(nation.label.as_deref(), Some("Wales"));
    assert_eq!(nation.note, None);
    assert_eq!(nation.section.as_str(), "case-details");
    assert_eq!(record.history.len(), 1, "{text}");
    let entry = &record.history[0];
    assert_eq!(entry.event.id(), "preset");
    assert_eq!(entry.item.as_deref(), Some("case-nation"));
    assert_eq!(entry.old_answer, None);
    assert_eq!(entry.new_answer.as_deref(), Some("wales"));
    assert_eq!(
        entry.detail.as_deref(),
        Some("answered by the framework's `jurisdiction: wales`, not asked")
    );
    assert_eq!(entry.at, record.case.started);
    assert!(
        text.contains("    event: \"preset\"\n    item: \"case-nation\"\n"),
        "{text}"
    );
    // The item for Wales was asked, the one for England not.
    assert!(record.answer("welsh-policy-followed").is_some());

    // `verify` reads it as a draft like any other.
    ran.test()
        .args(["verify", "r.yaml"])
        .stdout_matches("^r\\.yaml: draft, not signed yet \\(case CASE-NATION-1, 3 answers, ")
        .run();
}

#[test]
fn an_answers_file_may_give_the_jurisdictions_answer_but_no_other() {
    // The same answer: accepted, and the record is as without it.
    let answers = answers_file(
        "CASE-NATION-1",
        "  case-nation: wales\n  welsh-policy-followed: \"yes\"\n",
    );
    let ran = from_answers_in_wales(&answers)
        .stdout_with(|out| {
            assert!(
                out.starts_with("Draft written: r.yaml (2 answers).\n"),
                "{out}"
            );
        })
        .run();
    let record = read(&ran.read("r.yaml"));
    assert_eq!(record.answer("case-nation").unwrap().answer, "wales");
    assert_eq!(record.history.len(), 1);

    // Another: refused at its place, naming the jurisdiction; and the item for that
    // nation is not asked.
    let answers = answers_file(
        "CASE-NATION-1",
        "  case-nation: england\n  english-policy-followed: \"yes\"\n",
    );
    let f = "a.yaml";
    let problems = [
        error("`case-nation` is answered by the framework's `jurisdiction: wales`, so it cannot be `england` here")
            .at(f, &answers, "england\n")
            .marks(7)
            .help("remove this answer, or give `wales`; to record another nation, adapt the framework (its `jurisdiction`)"),
        error("`english-policy-followed` is not asked in this case: it applies only when `case-nation` is `england`, and here it is `wales`")
            .at(f, &answers, "english-policy-followed")
            .help("remove this answer, or change the answer it depends on"),
    ];
    from_answers_in_wales(&answers)
        .stderr(answers_refused(&problems))
        .status(1)
        .absent("r.yaml")
        .run();

    // A note: refused, as nobody could give one in a terminal.
    let answers = answers_file(
        "CASE-NATION-1",
        "  case-nation:\n    answer: wales\n    note: Works in Cardiff.\n",
    );
    let problems = [error(
        "`case-nation` is answered by the framework's `jurisdiction: wales`, and takes no note here",
    )
    .at(f, &answers, "Works in Cardiff.")
    .help("remove the note: the item is not asked, in a terminal or here")];
    from_answers_in_wales(&answers)
        .stderr(answers_refused(&problems))
        .status(1)
        .absent("r.yaml")
        .run();
}

#[test]
fn a_case_answered_from_a_file_signs_and_verifies_with_the_jurisdictions_answer() {
    let fw = nation_framework("wales");
    let ran = from_answers_in_wales(&complete_answers(&fw, &[], true))
        .stdout_matches("^Signed and sealed: r\\.yaml\n")
        .run();
    let text = ran.read("r.yaml");
    crate::harness::assert_sealed(&text);
    let record = read(&text);
    assert_eq!(record.answer("case-nation").unwrap().answer, "wales");
    assert_eq!(record.history[0].event.id(), "preset");
    ran.test()
        .args(["verify", "r.yaml"])
        .stdout_matches("^r\\.yaml: intact, signed by Dr Nia Example, Case manager, at")
        .run();
}

// In a terminal.

#[cfg(unix)]
mod terminal {
    use super::*;
    use crate::pty::Key::Esc;
    use crate::pty::Pty;

    /// "Case details · item N of " for the item `id` of `framework`, numbered as the run
    /// numbers it in a new case (where the framework has answered the nation); the
    /// total depends on the answers given so far.
    fn position(framework: &str, id: &str) -> String {
        let fw = framework::check(framework).framework.unwrap();
        let list = Checklist::new(&fw);
        let record = list.new_record("CASE-1", "sha256:0", &FrameworkSource::BuiltIn, "t");
        let position = list.position(&record, list.index_of(id).unwrap());
        let of = position.rfind(" of ").unwrap();
        position[..of + 4].to_owned()
    }

    #[test]
    fn the_nation_is_never_asked_nor_gone_back_to_and_the_item_for_it_is_asked() {
        let fw = nation_framework("wales");
        let ran = Pty::new()
            .file("fw.yaml", &fw)
            .args(["run", "--framework", "fw.yaml"])
            .expect("The framework's `jurisdiction: wales` answers `case-nation` (Wales)")
            .line("Case reference", "CASE-NATION-3")
            .expect("Draft created")
            // The first item asked is the second: the one for Wales.
            .expect(position(&fw, "welsh-policy-followed"))
            .expect("Is Upholding Professional Standards in Wales being followed?")
            .pick(0)
            // Then the staff group: the item for England is not asked.
            .expect(position(&fw, "staff-group"))
            // Back goes to the item for Wales, past the nation.
            .pick_last_with_up()
            .expect(position(&fw, "welsh-policy-followed"))
            .menu()
            .key(Esc)
            .expect("Draft saved")
            .screen_lacks("In which nation is the case handled?")
            .screen_lacks("Maintaining High Professional Standards being followed?")
            .screen_lacks(position(&fw, "case-nation"))
            .status(130)
            .run();
        let record = read(&ran.read("CASE-NATION-3.yaml"));
        assert_eq!(record.answer("case-nation").unwrap().answer, "wales");
        assert_eq!(
            record.answer("welsh-policy-followed").unwrap().answer,
            "yes"
        );
        assert_eq!(record.history[0].event.id(), "preset");
    }

    #[test]
    fn at_the_review_the_nation_is_shown_and_cannot_be_changed() {
        let fw = nation_framework("wales");
        let prepared = from_answers_in_wales(&complete_answers(&fw, &[], false))
            .stdout_any()
            .run();
        let before = prepared.read("r.yaml");
        let ran = prepared
            .pty()
            .args(["run", "--resume", "r.yaml", "--framework", "fw.yaml"])
            // Nothing needs attention: "Show everything" lists the nation.
            .expect("Review · what needs attention")
            .expect("Nothing needs attention")
            .expect("What next?")
            .pick_here(3)
            .expect("Review · every answer")
            .expect("In which nation is the case handled?")
            .expect("Wales")
            // The rest, taller than the terminal, is left unread.
            .expect("Enter more · q stop")
            .send("q")
            .expect("What next?")
            .pick_here(1)
            .expect("Which answer?")
            // The nation is the first row, and marked first.
            .choose(0)
            .expect("`case-nation` is set by the framework's jurisdiction (`jurisdiction: wales`)")
            .expect("cannot be changed")
            .expect("adapt the framework")
            .expect("What next?")
            .pick_here(2)
            .expect("Draft saved")
            .run();
        assert_eq!(ran.read("r.yaml"), before, "nothing changed");
    }

    #[test]
    fn a_draft_of_this_framework_without_the_nation_has_it_filled_in_and_saved_on_resuming() {
        // As a fairness that did not yet answer the nation from the jurisdiction wrote
        // it: the same framework, nothing answered, no history.
        let fw = nation_framework("wales");
        let prepared =
            from_answers_in_wales(&answers_file("CASE-NATION-5", "  staff-group: doctor\n"))
                .stdout_any()
                .run();
        let mut record = read(&prepared.read("r.yaml"));
        record.answers.retain(|a| a.item != "case-nation");
        record.history.clear();
        std::fs::write(prepared.path("r.yaml"), fairness::record::to_yaml(&record)).unwrap();
        let ran = prepared
            .pty()
            .args(["run", "--resume", "r.yaml", "--framework", "fw.yaml"])
            .expect("Resuming case CASE-NATION-5 (1 answer so far")
            .expect("The framework's `jurisdiction: wales` answers `case-nation`: it is set to")
            .expect("(noted in the draft's history).")
            // The item for Wales, now shown, is asked.
            .expect(position(&fw, "welsh-policy-followed"))
            .menu()
            .key(Esc)
            .expect("Draft saved")
            .status(130)
            .run();
        let record = read(&ran.read("r.yaml"));
        assert_eq!(record.answer("case-nation").unwrap().answer, "wales");
        assert_eq!(record.history.len(), 1);
        assert_eq!(record.history[0].event.id(), "preset");
        assert_eq!(record.case.updated, record.history[0].at);
    }

    #[test]
    fn a_draft_migrated_onto_a_framework_with_a_jurisdiction_has_its_nation_put_right() {
        // Begun where the nation is asked, and answered England.
        let asked = nation_framework("null");
        let answers = answers_file(
            "CASE-NATION-4",
            "  case-nation: england\n  english-policy-followed: \"yes\"\n",
        );
        let prepared = from_answers(&answers)
            .file("asked.yaml", &asked)
            .args(["--framework", "asked.yaml"])
            .stdout_any()
            .run();
        assert!(read(&prepared.read("r.yaml")).history.is_empty());
        let wales = nation_framework("wales");
        std::fs::write(prepared.path("fw.yaml"), &wales).unwrap();
        let ran = prepared
            .pty()
            .args([
                "run",
                "--resume",
                "r.yaml",
                "--framework",
                "fw.yaml",
                "--migrate",
            ])
            // Before the move: the nation is not counted as carried over but set by
            // the framework, and the item for England is said to be hidden.
            .expect("0 of this draft's 2 answers carry over unchanged.")
            .expect("english-policy-followed")
            .expect("Set by the framework instead (the earlier answer stays in the history):")
            .expect("`case-nation`: answered `england`; the framework's `jurisdiction: wales` sets it to `wales`")
            .expect("The draft now uses this framework")
            .expect("The framework's `jurisdiction: wales` answers `case-nation` for every case")
            .expect("England is replaced with Wales (noted in the draft's history).")
            // The item for Wales is now asked.
            .expect(position(&wales, "welsh-policy-followed"))
            .menu()
            .key(Esc)
            .expect("Draft saved")
            .status(130)
            .run();
        let record = read(&ran.read("r.yaml"));
        assert_eq!(record.answer("case-nation").unwrap().answer, "wales");
        assert!(record.answer("english-policy-followed").is_none());
        let events: Vec<(&str, Option<&str>)> = record
            .history
            .iter()
            .map(|c| (c.event.id(), c.item.as_deref()))
            .collect();
        assert_eq!(
            events,
            [
                ("migrated", None),
                ("preset", Some("case-nation")),
                ("withdrawn", Some("english-policy-followed")),
            ]
        );
        assert_eq!(
            record.history[2].detail.as_deref(),
            Some(
                "not asked in this framework: it applies only when `case-nation` is `england`, and `case-nation` is set to `wales` by the framework's `jurisdiction`"
            )
        );
        let preset = &record.history[1];
        assert_eq!(preset.old_answer.as_deref(), Some("england"));
        assert_eq!(preset.new_answer.as_deref(), Some("wales"));
        assert_eq!(
            preset.detail.as_deref(),
            Some(
                "the framework's `jurisdiction: wales` answers this item for every case, so the earlier answer was replaced"
            )
        );
    }
}
