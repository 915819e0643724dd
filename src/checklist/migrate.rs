//! Moving a draft to a changed framework: what differs for this draft, and carrying over
//! the answers whose item keeps its id and prompt.

use std::collections::{HashMap, HashSet};

use crate::record::{Change, Event, FrameworkSource, Record};

use super::{Checklist, PresetApplied};

/// The longest piece of framework text a history entry quotes, in characters (a
/// reason that lists a choice's options is cut the same way).
const QUOTED_AT_MOST: usize = 1_000;

/// Framework text as a history entry quotes it: with any character that could act on a
/// terminal written as an escape, and cut short past [`QUOTED_AT_MOST`] characters. A
/// framework with such characters is only warned about, but a record's history may not
/// hold them (nor run past its length limit), so a draft migrated to such a framework
/// would otherwise be judged altered and could not be resumed.
fn quoted(text: &str) -> String {
    let text = crate::terminal::neutralise(text);
    match text.char_indices().nth(QUOTED_AT_MOST) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.into_owned(),
    }
}

/// The longest answer a message shows for an item a condition now hides, in characters:
/// enough for any option or date, and the start of a text answer.
const SHOWN_AT_MOST: usize = 60;

/// How a changed framework affects one draft's answers. Each answer is in one list.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Differences {
    /// Answers that carry over unchanged, to items still asked.
    pub kept: Vec<String>,
    /// Answered items the framework no longer has.
    pub removed: Vec<String>,
    /// Answered items whose prompt changed: (id, as asked, as now).
    pub reworded: Vec<(String, String, String)>,
    /// Answered items that can no longer take their answer: (id, why).
    pub unfit: Vec<(String, String)>,
    /// Answered items the framework still has but does not ask in this case, as a
    /// condition (`when`) hides them once the move is made: their answers are
    /// withdrawn, whether or not they would have carried over.
    pub hidden: Vec<Hidden>,
    /// The answered item the framework answers itself (the nation, from its
    /// `jurisdiction`), where the draft's answer differs: (id, why). The framework's
    /// answer replaces the draft's, which the history keeps.
    pub replaced: Vec<(String, String)>,
}

/// An answered item that a condition of the changed framework hides.
#[derive(Debug, PartialEq, Eq)]
pub struct Hidden {
    pub item: String,
    /// The answer it had.
    pub answer: String,
    /// Why it is not asked, in words: the condition and how the item it depends on
    /// stands after the move ("it applies only when `route` is `formal`, and `route`
    /// is answered `informal`").
    pub why: String,
}

impl Hidden {
    /// The answer as a message shows it: on one line, harmless, cut short past
    /// [`SHOWN_AT_MOST`] characters.
    pub fn shown_answer(&self) -> String {
        let text = crate::terminal::one_line(&self.answer);
        match text.char_indices().nth(SHOWN_AT_MOST) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text.into_owned(),
        }
    }
}

impl Differences {
    /// Answers that will not carry over, each with the reason, for messages: those of
    /// removed items, then those asked again. Not those in [`Differences::hidden`].
    pub fn dropped(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for id in &self.removed {
            out.push((
                id.clone(),
                "the framework no longer has this item".to_owned(),
            ));
        }
        for (id, old, new) in &self.reworded {
            out.push((
                id.clone(),
                format!("reworded from \"{}\" to \"{}\"", quoted(old), quoted(new)),
            ));
        }
        for (id, why) in &self.unfit {
            out.push((id.clone(), quoted(why)));
        }
        out
    }
}

/// How the framework in `list` differs from the one `record` was made with, for the
/// items `record` has answered.
pub fn differences(list: &Checklist, record: &Record) -> Differences {
    let mut diff = Differences::default();
    let today = crate::value::today();
    for answer in &record.answers {
        let Some(index) = list.index_of(&answer.item) else {
            diff.removed.push(answer.item.clone());
            continue;
        };
        let item = list.steps[index].item;
        if item.prompt.value != answer.prompt {
            diff.reworded.push((
                answer.item.clone(),
                answer.prompt.clone(),
                item.prompt.value.clone(),
            ));
        } else if answer.kind != item.answer.kind() {
            diff.unfit.push((
                answer.item.clone(),
                format!(
                    "it now takes a {} answer, not a {}",
                    item.answer.id(),
                    answer.kind
                ),
            ));
        } else if let Err(why) = item.accept_on(&answer.answer, answer.note.as_deref(), &today) {
            // An answer it can no longer have, one that now needs a note it lacks, or
            // a date in the future where the framework now wants one in the past.
            diff.unfit.push((answer.item.clone(), why.to_string()));
        } else if item.label(&answer.answer) != answer.label {
            diff.unfit.push((
                answer.item.clone(),
                format!(
                    "the option chosen now reads \"{}\"",
                    quoted(&item.label(&answer.answer).unwrap_or_default())
                ),
            ));
        } else {
            diff.kept.push(answer.item.clone());
        }
    }
    // The framework's own answer wins over a different one the draft gave.
    if let Some((_, preset)) = list.preset() {
        let id = &preset.item.id.value;
        if let Some(given) = record.answer(id).filter(|a| a.answer != preset.answer())
            && let Some(at) = diff.kept.iter().position(|k| k == id)
        {
            diff.kept.remove(at);
            diff.replaced.push((
                id.clone(),
                format!(
                    "answered `{}`; the framework's `{}` sets it to `{}`",
                    quoted(&given.answer),
                    preset.source(),
                    preset.answer()
                ),
            ));
        }
    }
    hide(list, record, &mut diff);
    diff
}

/// Moves to [`Differences::hidden`] every answered item that the framework in `list`
/// will not ask once the move is made: with only the answers that carry over, its
/// condition (or one further up) fails. What `withdraw_hidden` would withdraw after
/// the move, said beforehand and with why.
fn hide(list: &Checklist, record: &Record, diff: &mut Differences) {
    let kept: HashSet<&str> = diff.kept.iter().map(String::as_str).collect();
    // The first answer to each item, as `Record::answer` finds it.
    let mut carried: HashMap<&str, &str> = HashMap::new();
    for a in record
        .answers
        .iter()
        .filter(|a| kept.contains(a.item.as_str()))
    {
        carried.entry(a.item.as_str()).or_insert(a.answer.as_str());
    }
    // The answer the framework gives itself, whatever the draft's was.
    if let Some((_, preset)) = list.preset() {
        carried.insert(preset.item.id.value.as_str(), preset.answer());
    }
    let carried = |id: &str| carried.get(id).copied();
    let shown = list.shown_by(carried);
    let again: HashSet<&str> = (diff.reworded.iter().map(|(id, _, _)| id.as_str()))
        .chain(diff.unfit.iter().map(|(id, _)| id.as_str()))
        .collect();
    let asked_again = |id: &str| again.contains(id);
    let mut hidden = Vec::new();
    for answer in &record.answers {
        let Some(i) = list.index_of(&answer.item) else {
            continue;
        };
        let Some(when) = list.steps[i].item.when.as_ref().filter(|_| !shown[i]) else {
            continue;
        };
        let on = quoted(&when.item.value);
        let stands = match list.index_of(&when.item.value) {
            Some(j) if j < i && !shown[j] => format!("`{on}` is not asked either"),
            Some(j) if j < i => match carried(&when.item.value) {
                Some(a) if list.is_preset(j) => {
                    format!(
                        "`{on}` is set to `{}` by the framework's `jurisdiction`",
                        quoted(a)
                    )
                }
                Some(a) => format!("`{on}` is answered `{}`", quoted(a)),
                None if asked_again(&when.item.value) => format!("`{on}` is to be asked again"),
                None => format!("`{on}` is not answered yet"),
            },
            // Not in a framework that passed `validate`.
            _ => format!("`{on}` is not an earlier item"),
        };
        hidden.push(Hidden {
            item: answer.item.clone(),
            answer: answer.answer.clone(),
            why: format!(
                "it applies only when `{on}` {}, and {stands}",
                quoted(&when.describe("`"))
            ),
        });
    }
    let gone: HashSet<String> = hidden.iter().map(|h| h.item.clone()).collect();
    diff.kept.retain(|id| !gone.contains(id));
    diff.reworded.retain(|(id, _, _)| !gone.contains(id));
    diff.unfit.retain(|(id, _)| !gone.contains(id));
    diff.hidden = hidden;
}

/// The history entry's account of a move: how many answers carry over, and how many
/// do not, by why.
fn counted(diff: &Differences, answers: usize) -> String {
    format!(
        "{} of {answers} answers carried over; no longer in the framework: {}; to ask again: {}; \
         not asked now, as a condition hides them: {}{}",
        diff.kept.len(),
        diff.removed.len(),
        diff.reworded.len() + diff.unfit.len(),
        diff.hidden.len(),
        if diff.replaced.is_empty() {
            String::new()
        } else {
            format!("; set by the framework: {}", diff.replaced.len())
        }
    )
}

/// Moves `record` to the framework in `list`: keeps the answers that carry over, drops
/// the others, withdraws those to items a condition now hides, gives the answer the
/// framework gives itself (the nation, from its `jurisdiction`), and notes each of these
/// and the move itself in the history, with why. Returns what was done about the
/// framework's own answer, if anything.
pub fn migrate(
    list: &Checklist,
    record: &mut Record,
    digest: &str,
    source: &FrameworkSource,
    now: &str,
) -> Option<PresetApplied> {
    let diff = differences(list, record);
    let old = record.framework.clone();
    let new = list.framework_ref(digest, source);
    record.history.push(Change {
        by: None,
        reason: None,
        at: now.to_owned(),
        event: Event::Migrated,
        item: None,
        old_answer: None,
        old_note: None,
        new_answer: None,
        new_note: None,
        detail: Some(format!(
            "moved from {} version {} ({}) to {} version {} ({}); {}",
            quoted(&old.name),
            quoted(&old.version),
            quoted(&old.digest),
            quoted(&new.name),
            quoted(&new.version),
            quoted(&new.digest),
            counted(&diff, record.answers.len())
        )),
    });
    let removed: Vec<(String, Event, String)> = diff
        .dropped()
        .into_iter()
        .map(|(id, why)| (id, Event::Dropped, why))
        .collect();
    let withdrawn: Vec<(String, Event, String)> = diff
        .hidden
        .iter()
        .map(|h| {
            (
                h.item.clone(),
                Event::Withdrawn,
                format!("not asked in this framework: {}", h.why),
            )
        })
        .collect();
    take(record, removed, now);
    // The framework's own answer, before what it hides is withdrawn: `differences`
    // took it into account.
    let preset = list.give_preset(record, now);
    take(record, withdrawn, now);
    // Kept answers take the new framework's section (Principles may be reordered;
    // an item may move). Prompts and labels are unchanged, or the answer was dropped.
    for answer in &mut record.answers {
        if let Some(i) = list.index_of(&answer.item) {
            answer.section = list.sections[list.steps[i].section].id.clone();
        }
    }
    record.framework = new;
    // Nothing is left to withdraw (`differences` found what a condition hides), unless
    // the draft answers one item twice.
    list.withdraw_hidden(record, now);
    list.sort_answers(record);
    preset
}

/// Removes the answers to the items named, each noted in the history as `event`, with
/// why.
fn take(record: &mut Record, answers: Vec<(String, Event, String)>, now: &str) {
    for (id, event, why) in answers {
        let Some(pos) = record.answers.iter().position(|a| a.item == id) else {
            continue;
        };
        let old = record.answers.remove(pos);
        record.history.push(Change {
            by: None,
            reason: None,
            at: now.to_owned(),
            event,
            item: Some(old.item),
            old_answer: Some(old.answer),
            old_note: old.note,
            new_answer: None,
            new_note: None,
            detail: Some(why),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{BUILTIN_TEXT, Framework, Given, check, version_1_0};

    /// `text` with `old` replaced once by `new`, which must be there.
    fn edit(text: &str, old: &str, new: &str) -> String {
        assert!(text.contains(old), "the text has no {old:?}");
        text.replacen(old, new, 1)
    }

    fn framework(text: &str) -> Framework {
        let checked = check(text);
        checked
            .framework
            .unwrap_or_else(|| panic!("{:?}", checked.diagnostics))
    }

    const T0: &str = "2026-11-23T10:00:00Z";
    const T1: &str = "2026-11-23T10:05:00Z";
    const T2: &str = "2026-11-24T09:00:00Z";

    /// A digest of `byte`s: the framework a test's draft names.
    fn digest(byte: char) -> String {
        format!("sha256:{}", byte.to_string().repeat(64))
    }

    /// A draft of `list` with these answers, in turn.
    fn answered(list: &Checklist, answers: &[(&str, &str)]) -> Record {
        let mut record = list.new_record("C-1", &digest('0'), &FrameworkSource::BuiltIn, T0);
        for (id, answer) in answers {
            let i = list.index_of(id).unwrap_or_else(|| panic!("no item {id}"));
            let given = Given {
                answer: (*answer).into(),
                note: None,
            };
            list.apply(&mut record, i, &given, T1);
        }
        record.case.updated = T1.into();
        assert_eq!(record.answers.len(), answers.len(), "an answer was hidden");
        record
    }

    /// 1.0 changed as 2.0 might change it: a new choice gates an old item, another old
    /// item and a whole branch come to depend on the staff group, a gate is reworded,
    /// and an item renamed.
    fn conditions_changed() -> String {
        let text = edit(
            &version_1_0(),
            "  - id: patient-safety-incident\n    prompt: Does",
            "  - id: interim-measure\n    prompt: Is an exclusion or restriction in place?\n    \
             answer: choice\n    options:\n      - id: none\n        label: Neither\n      \
             - id: exclusion\n        label: An exclusion\n\n  \
             - id: patient-safety-incident\n    prompt: Reworded. Does",
        );
        let text = edit(
            &text,
            "    answer: choice\n    options:\n      - id: mhps-england",
            "    answer: choice\n    when: { item: staff-group, answer: dentist }\n    \
             options:\n      - id: mhps-england",
        );
        let text = edit(
            &text,
            "prompt: What is the local policy called",
            "prompt: Reworded. What is the local policy called",
        );
        let text = edit(
            &text,
            "is being considered.\n        answer: check\n",
            "is being considered.\n        answer: check\n        \
             when: { item: interim-measure, not: none }\n",
        );
        let text = edit(
            &text,
            "there has been no exclusion or restriction.\n        answer: check\n",
            "there has been no exclusion or restriction.\n        answer: check\n        \
             when: { item: staff-group, any: [dentist, pharmacist] }\n",
        );
        edit(&text, "id: whole-record\n", "id: whole-record-read\n")
    }

    const ANSWERS: [(&str, &str); 11] = [
        ("staff-group", "doctor"),
        ("governing-policy", "local-policy"),
        ("local-policy-name", "Hollinbrook concerns policy v3"),
        ("patient-safety-incident", "yes"),
        ("being-fair-completed", "yes"),
        ("advice-contacted", "yes"),
        ("advice-contacted-on", "2026-03-02"),
        ("concern-specific", "yes"),
        ("whole-record", "yes"),
        ("exclusion-welfare", "yes"),
        ("exclusion-advice", "yes"),
    ];

    /// Each answered item a changed condition hides, with its answer and why: the
    /// condition and how the item it depends on stands once the draft is moved (not
    /// answered yet, answered otherwise, asked again, or hidden itself).
    #[test]
    fn answers_a_changed_condition_hides_are_counted_apart_each_with_why() {
        let old_fw = framework(&version_1_0());
        let record = answered(&Checklist::new(&old_fw), &ANSWERS);
        let new_fw = framework(&conditions_changed());
        let diff = differences(&Checklist::new(&new_fw), &record);

        assert_eq!(
            diff.kept,
            [
                "staff-group",
                "advice-contacted",
                "advice-contacted-on",
                "concern-specific"
            ]
        );
        assert_eq!(diff.removed, ["whole-record"]);
        let reworded: Vec<&str> = diff.reworded.iter().map(|r| r.0.as_str()).collect();
        // `local-policy-name` is reworded too, but not asked: it is not asked again.
        assert_eq!(reworded, ["patient-safety-incident"]);
        assert_eq!(diff.unfit, []);
        let hidden: Vec<(&str, &str, &str)> = diff
            .hidden
            .iter()
            .map(|h| (h.item.as_str(), h.answer.as_str(), h.why.as_str()))
            .collect();
        assert_eq!(
            hidden,
            [
                (
                    "governing-policy",
                    "local-policy",
                    "it applies only when `staff-group` is `dentist`, and `staff-group` is answered `doctor`"
                ),
                (
                    "local-policy-name",
                    "Hollinbrook concerns policy v3",
                    "it applies only when `governing-policy` is `local-policy`, and `governing-policy` is not asked either"
                ),
                (
                    "being-fair-completed",
                    "yes",
                    "it applies only when `patient-safety-incident` is `yes`, and `patient-safety-incident` is to be asked again"
                ),
                (
                    "exclusion-welfare",
                    "yes",
                    "it applies only when `interim-measure` has an answer other than `none`, and `interim-measure` is not answered yet"
                ),
                (
                    "exclusion-advice",
                    "yes",
                    "it applies only when `staff-group` is `dentist` or `pharmacist`, and `staff-group` is answered `doctor`"
                ),
            ]
        );
        // Every answer is in one list.
        assert_eq!(
            diff.kept.len() + diff.removed.len() + 1 + diff.hidden.len(),
            ANSWERS.len()
        );
    }

    /// The move withdraws what a condition hides with the same why as the summary, and
    /// counts each kind of answer apart; nothing is left for `withdraw_hidden`.
    #[test]
    fn migration_withdraws_hidden_answers_saying_why_and_counts_each_kind() {
        let old_fw = framework(&version_1_0());
        let mut record = answered(&Checklist::new(&old_fw), &ANSWERS);
        let new_fw = framework(&conditions_changed());
        let new = Checklist::new(&new_fw);
        let diff = differences(&new, &record);
        migrate(&new, &mut record, &digest('1'), &"new.yaml".into(), T2);
        record.case.updated = T2.into();

        let kept: Vec<&str> = record.answers.iter().map(|a| a.item.as_str()).collect();
        assert_eq!(kept, diff.kept);
        assert_eq!(new.check_draft(&record), Vec::<String>::new());
        let entries: Vec<(Event, Option<&str>, Option<&str>)> = record
            .history
            .iter()
            .map(|c| (c.event, c.item.as_deref(), c.old_answer.as_deref()))
            .collect();
        assert_eq!(
            entries,
            [
                (Event::Migrated, None, None),
                (Event::Dropped, Some("whole-record"), Some("yes")),
                (Event::Dropped, Some("patient-safety-incident"), Some("yes")),
                (
                    Event::Withdrawn,
                    Some("governing-policy"),
                    Some("local-policy")
                ),
                (
                    Event::Withdrawn,
                    Some("local-policy-name"),
                    Some("Hollinbrook concerns policy v3")
                ),
                (Event::Withdrawn, Some("being-fair-completed"), Some("yes")),
                (Event::Withdrawn, Some("exclusion-welfare"), Some("yes")),
                (Event::Withdrawn, Some("exclusion-advice"), Some("yes")),
            ]
        );
        let detail = |i: usize| record.history[i].detail.as_deref().unwrap();
        assert!(
            detail(0).ends_with(
                "; 4 of 11 answers carried over; no longer in the framework: 1; to ask again: 1; \
                 not asked now, as a condition hides them: 5"
            ),
            "{}",
            detail(0)
        );
        for (k, hidden) in diff.hidden.iter().enumerate() {
            assert_eq!(
                detail(3 + k),
                format!("not asked in this framework: {}", hidden.why)
            );
        }
        assert_eq!(
            detail(6),
            "not asked in this framework: it applies only when `interim-measure` has an answer \
             other than `none`, and `interim-measure` is not answered yet"
        );
    }

    /// A framework unchanged but for its version: every answer carries over, none is
    /// hidden, and the history says so in numbers.
    #[test]
    fn a_move_that_changes_no_answer_says_every_answer_carried_over() {
        let old_fw = framework(&version_1_0());
        let mut record = answered(&Checklist::new(&old_fw), &ANSWERS);
        let new_fw = framework(&edit(
            &version_1_0(),
            "version: \"1.0\"",
            "version: \"1.0.1\"",
        ));
        let new = Checklist::new(&new_fw);
        let diff = differences(&new, &record);
        assert_eq!(diff.kept.len(), ANSWERS.len());
        assert_eq!(diff.hidden, []);
        migrate(
            &new,
            &mut record,
            &digest('1'),
            &FrameworkSource::BuiltIn,
            T2,
        );
        assert_eq!(record.answers.len(), ANSWERS.len());
        assert_eq!(
            record.history[0].detail.as_deref(),
            Some(
                format!(
                    "moved from Principles and Framework for Fairness and Proportionality version 1.0 \
                     ({}) to Principles and Framework for Fairness and Proportionality version \
                     1.0.1 ({}); 11 of 11 answers carried over; no longer in the framework: 0; \
                     to ask again: 0; not asked now, as a condition hides them: 0",
                    digest('0'),
                    digest('1')
                )
                .as_str()
            )
        );
    }

    /// An answer whose item now needs a note it was given without is asked again, not
    /// carried over into a draft the framework could not have written.
    #[test]
    fn an_answer_that_now_needs_a_note_is_asked_again() {
        let old_fw = framework(&version_1_0());
        let mut record = answered(
            &Checklist::new(&old_fw),
            &[("patient-safety-incident", "no")],
        );
        let new_fw = framework(&edit(
            &version_1_0(),
            "    answer: check\n    note: optional\n",
            "    answer: check\n    note: required\n",
        ));
        let new = Checklist::new(&new_fw);
        let diff = differences(&new, &record);
        assert_eq!(
            diff.unfit,
            [(
                "patient-safety-incident".to_owned(),
                "this item requires a note".to_owned()
            )]
        );
        migrate(
            &new,
            &mut record,
            &digest('1'),
            &FrameworkSource::BuiltIn,
            T2,
        );
        record.case.updated = T2.into();
        assert_eq!(record.answers, []);
        assert_eq!(new.check_draft(&record), Vec::<String>::new());
    }

    /// A draft's nation that the new framework's `jurisdiction` answers otherwise is
    /// not counted as carried over: it is listed as set by the framework, and what
    /// depended on it says the framework set it.
    #[test]
    fn a_nation_the_jurisdiction_answers_otherwise_is_replaced_not_kept() {
        use crate::framework::BUILTIN_TEXT;
        let old_fw = framework(BUILTIN_TEXT);
        let record = answered(
            &Checklist::new(&old_fw),
            &[
                ("nation", "england"),
                ("policy-england", "mhps"),
                ("concern-specific", "yes"),
            ],
        );
        let new_fw =
            framework(&BUILTIN_TEXT.replacen("jurisdiction: null", "jurisdiction: wales", 1));
        let diff = differences(&Checklist::new(&new_fw), &record);
        assert_eq!(diff.kept, ["concern-specific"]);
        assert_eq!(
            diff.replaced,
            [(
                "nation".to_owned(),
                "answered `england`; the framework's `jurisdiction: wales` sets it to `wales`"
                    .to_owned()
            )]
        );
        assert_eq!(diff.hidden.len(), 1);
        assert_eq!(
            diff.hidden[0].why,
            "it applies only when `nation` is `england`, and `nation` is set to `wales` by the framework's `jurisdiction`"
        );
        assert!(counted(&diff, 3).ends_with("; set by the framework: 1"));
    }

    #[test]
    fn a_long_hidden_answer_is_shown_on_one_line_and_cut_short() {
        let hidden = Hidden {
            item: "a".into(),
            answer: format!("Line one\n{}", "x".repeat(100)),
            why: String::new(),
        };
        let shown = hidden.shown_answer();
        assert!(shown.starts_with("Line one\\nxx"), "{shown}");
        assert_eq!(shown.chars().count(), SHOWN_AT_MOST + 1);
        assert!(shown.ends_with('…'));
    }

    #[test]
    fn reasons_quoted_in_the_history_are_escaped_and_cut_short() {
        // A choice with 1,500 options lists them all when an answer no longer fits;
        // the history may hold no more than 20,000 characters in a detail.
        let diff = Differences {
            reworded: vec![("a".into(), "Old \u{1b}[2J?".into(), "New?".into())],
            unfit: vec![(
                "b".into(),
                format!("not one of {}", "`option`, ".repeat(1_500)),
            )],
            ..Differences::default()
        };
        let dropped = diff.dropped();
        assert_eq!(dropped[0].1, r#"reworded from "Old \u{1b}[2J?" to "New?""#);
        assert!(dropped[1].1.ends_with('…'));
        assert_eq!(dropped[1].1.chars().count(), QUOTED_AT_MOST + 1);
    }

    #[test]
    fn migration_keeps_unchanged_answers_and_drops_reworded_ones() {
        let old_fw = check(BUILTIN_TEXT).framework.unwrap();
        let old = Checklist::new(&old_fw);
        let mut record = old.new_record("C-1", "sha256:old", &FrameworkSource::BuiltIn, "t0");
        for (id, answer) in [
            ("concern-specific", "yes"),
            ("evidence-distinguished", "yes"),
        ] {
            let i = old.index_of(id).unwrap();
            let given = Given {
                answer: answer.into(),
                note: None,
            };
            old.apply(&mut record, i, &given, "t1");
        }

        let text = BUILTIN_TEXT.replace(
            "id: evidence-distinguished\n        prompt: ",
            "id: evidence-distinguished\n        prompt: Reworded. ",
        );
        let new_fw = check(&text).framework.unwrap();
        let new = Checklist::new(&new_fw);
        let diff = differences(&new, &record);
        assert_eq!(diff.kept, ["concern-specific"]);
        assert_eq!(diff.reworded.len(), 1, "{diff:?}");

        migrate(&new, &mut record, "sha256:new", &"new.yaml".into(), "t2");
        assert_eq!(record.answers.len(), 1);
        assert_eq!(record.framework.digest, "sha256:new");
        let events: Vec<Event> = record.history.iter().map(|c| c.event).collect();
        assert_eq!(events, [Event::Migrated, Event::Dropped]);
        assert_eq!(
            record.history[1].item.as_deref(),
            Some("evidence-distinguished")
        );
    }
}
