//! Moving a draft to a changed framework: what differs for this draft, and carrying over
//! the answers whose item keeps its id and prompt.

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

/// How a changed framework affects one draft's answers.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Differences {
    /// Answers that carry over unchanged.
    pub kept: Vec<String>,
    /// Answered items the framework no longer has.
    pub removed: Vec<String>,
    /// Answered items whose prompt changed: (id, as asked, as now).
    pub reworded: Vec<(String, String, String)>,
    /// Answered items that can no longer take their answer: (id, why).
    pub unfit: Vec<(String, String)>,
}

impl Differences {
    /// Answers that will not carry over, each with the reason, for messages.
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
        } else if let Err(why) = item.parse_answer(&answer.answer) {
            diff.unfit.push((answer.item.clone(), why));
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
    diff
}

/// Moves `record` to the framework in `list`: keeps the answers that carry over, drops
/// the others, gives the answer the framework gives itself (the nation, from its
/// `jurisdiction`), and notes each drop, that answer and the move itself in the
/// history. Answers to items that are no longer asked are withdrawn as usual. Returns
/// what was done about the framework's own answer, if anything.
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
        at: now.to_owned(),
        event: Event::Migrated,
        item: None,
        old_answer: None,
        old_note: None,
        new_answer: None,
        new_note: None,
        detail: Some(format!(
            "moved from {} version {} ({}) to {} version {} ({}); {} answers carried over, {} to ask again",
            quoted(&old.name),
            quoted(&old.version),
            quoted(&old.digest),
            quoted(&new.name),
            quoted(&new.version),
            quoted(&new.digest),
            diff.kept.len(),
            diff.dropped().len()
        )),
    });
    for (id, why) in diff.dropped() {
        let Some(pos) = record.answers.iter().position(|a| a.item == id) else {
            continue;
        };
        let old = record.answers.remove(pos);
        record.history.push(Change {
            at: now.to_owned(),
            event: Event::Dropped,
            item: Some(old.item),
            old_answer: Some(old.answer),
            old_note: old.note,
            new_answer: None,
            new_note: None,
            detail: Some(why),
        });
    }
    // Kept answers take the new framework's section (Principles may be reordered;
    // an item may move). Prompts and labels are unchanged, or the answer was dropped.
    for answer in &mut record.answers {
        if let Some(i) = list.index_of(&answer.item) {
            answer.section = list.sections[list.steps[i].section].id.clone();
        }
    }
    record.framework = new;
    let preset = list.apply_preset(record, now);
    list.withdraw_hidden(record, now);
    list.sort_answers(record);
    preset
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{BUILTIN_TEXT, Given, check};

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
