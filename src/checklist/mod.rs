//! The checklist for one case: what is asked and in what order, which items a `when`
//! hides, whether a step is complete, what is still missing before sign-off, and
//! whether a draft read from a file is one this framework could have written.
//!
//! What an answer does to a draft is in `apply.rs`; dates answered out of order in
//! `dates.rs`; the sitting that asks the steps in turn, through a prompter, in
//! `session.rs`; moving a draft to a changed framework in `migrate.rs`. No terminal here: the session talks to a person only through a
//! [`Prompter`].

pub mod amend;
mod apply;
mod dates;
mod migrate;
pub(crate) mod resume;
mod session;

use crate::framework::{Framework, Item, NoteNeed, Preset};
use crate::record::{Keyword, Record, SectionId};

pub use apply::PresetApplied;
pub use dates::DateOrder;
pub use migrate::{Differences, differences, migrate};
pub use resume::kept_unconfirmed;
pub(crate) use session::{
    ItemQuestion, Memory, Outcome, Passphrase, Prompter, Reply, ReviewChoice, ReviewRow, Session,
    Start,
};

/// One item in asking order, with where it stands.
#[derive(Clone, Copy, Debug)]
pub struct Step<'f> {
    pub item: &'f Item,
    /// Index into [`Checklist::sections`].
    pub section: usize,
    /// 1-based position within its section.
    pub number: usize,
}

/// A part of the checklist as the run presents it.
#[derive(Clone, Debug)]
pub struct SectionInfo<'f> {
    /// What records write for the section of an answer given in it.
    pub id: Keyword<SectionId>,
    pub title: &'f str,
    pub summary: Option<&'f str>,
    /// For a Principle, its position (1-based) among the Principles.
    pub principle: Option<usize>,
    pub len: usize,
}

/// A framework laid out for asking.
#[derive(Debug)]
pub struct Checklist<'f> {
    pub framework: &'f Framework,
    pub sections: Vec<SectionInfo<'f>>,
    pub steps: Vec<Step<'f>>,
    /// The step the framework answers itself, which is never asked (see
    /// [`Framework::preset`]).
    preset: Option<usize>,
}

impl<'f> Checklist<'f> {
    pub fn new(framework: &'f Framework) -> Self {
        let mut sections = Vec::new();
        let mut steps = Vec::new();
        for (index, section) in framework.sections().into_iter().enumerate() {
            let id = match (section.id, section.principle) {
                (Some(id), _) => Keyword::from(id),
                (None, _) if index == 0 => SectionId::CaseDetails.into(),
                (None, _) => SectionId::Decision.into(),
            };
            sections.push(SectionInfo {
                id,
                title: section.title,
                summary: section.summary,
                principle: section.principle,
                len: section.items.len(),
            });
            for (i, item) in section.items.iter().enumerate() {
                steps.push(Step {
                    item,
                    section: index,
                    number: i + 1,
                });
            }
        }
        let preset = framework
            .preset()
            .and_then(|p| steps.iter().position(|s| std::ptr::eq(s.item, p.item)));
        Checklist {
            framework,
            sections,
            steps,
            preset,
        }
    }

    /// The step the framework answers itself, with its answer: never asked, and not
    /// changed in a session.
    pub fn preset(&self) -> Option<(usize, Preset<'f>)> {
        Some((self.preset?, self.framework.preset()?))
    }

    /// Whether step `index` is answered by the framework, not asked.
    pub fn is_preset(&self, index: usize) -> bool {
        self.preset == Some(index)
    }

    /// Where step `index` stands, as the run shows it: "Principle 2 of 5 · item 3 of 7",
    /// counting only the items asked in this case (given `record`'s answers so far), so
    /// that the numbers run on without gaps and match the review's.
    pub fn position(&self, record: &Record, index: usize) -> String {
        let step = &self.steps[index];
        let section = &self.sections[step.section];
        let principles = self.framework.principles.len();
        let numbers = self.numbers(record);
        let of = numbers
            .iter()
            .zip(&self.steps)
            .filter(|(n, s)| n.is_some() && s.section == step.section)
            .count();
        // A hidden step (asked only if an answer changes) is placed after the shown
        // steps before it.
        let number = numbers[index].unwrap_or_else(|| {
            1 + numbers[..index]
                .iter()
                .zip(&self.steps)
                .filter(|(n, s)| n.is_some() && s.section == step.section)
                .count()
        });
        let of = of.max(number);
        match section.principle {
            Some(n) => format!("Principle {n} of {principles} · item {number} of {of}"),
            None => format!("{} · item {number} of {of}", section.title),
        }
    }

    /// Each step's number within its section, as the item screens and the review show
    /// it: counting only the steps shown in this case; `None` for a hidden step.
    pub fn numbers(&self, record: &Record) -> Vec<Option<usize>> {
        let shown = self.visible(record);
        let mut count = vec![0; self.sections.len()];
        self.steps
            .iter()
            .enumerate()
            .map(|(i, step)| {
                shown[i].then(|| {
                    count[step.section] += 1;
                    count[step.section]
                })
            })
            .collect()
    }

    /// Whether changing or clearing the confirmed answer to item `id` needs a reason:
    /// the item's `change_reason`, else the framework's (optional unless set). `false`
    /// for an id the framework lacks. For every way an answer is changed: a sitting
    /// in a terminal, and an amendment from an answers file alike.
    pub fn reason_required(&self, id: &str) -> bool {
        let item = self.index_of(id).map(|i| self.steps[i].item);
        item.and_then(|item| item.change_reason)
            .unwrap_or(self.framework.change_reason)
            == crate::framework::ReasonPolicy::Required
            && item.is_some()
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.item.id.value == id)
    }

    /// Which steps are asked, given the record's answers: an item with `when` is asked
    /// only if the item it depends on is asked and its answer passes the condition.
    pub fn visible(&self, record: &Record) -> Vec<bool> {
        self.shown_by(|id| record.answer(id).map(|a| a.answer.as_str()))
    }

    /// Which steps are asked when `answer` gives each item's answer (`None`: not
    /// answered): [`Checklist::visible`] for answers that are not a record's yet.
    pub(crate) fn shown_by<'a>(&self, answer: impl Fn(&str) -> Option<&'a str>) -> Vec<bool> {
        let mut shown = vec![true; self.steps.len()];
        for i in 0..self.steps.len() {
            let Some(when) = &self.steps[i].item.when else {
                continue;
            };
            shown[i] = self
                .index_of(&when.item.value)
                .is_some_and(|j| j < i && shown[j] && when.holds(answer(&when.item.value)));
        }
        shown
    }

    /// Whether step `index` is complete in `record`: answered, with any note its answer
    /// needs. An optional item counts as complete when unanswered.
    pub fn is_complete(&self, record: &Record, index: usize) -> bool {
        let item = self.steps[index].item;
        match record.answer(&item.id.value) {
            None => !item.required,
            Some(a) => item.note_need(&a.answer) != NoteNeed::Required || a.note.is_some(),
        }
    }

    /// How far the case has come: of the items asked in it (given its answers so far),
    /// how many are answered. The item the framework answers itself counts as both.
    pub fn progress(&self, record: &Record) -> Progress {
        let shown = self.visible(record);
        let mut progress = Progress::default();
        for (i, step) in self.steps.iter().enumerate().filter(|&(i, _)| shown[i]) {
            progress.asked += 1;
            if self.is_preset(i) || record.answer(&step.item.id.value).is_some() {
                progress.answered += 1;
            }
        }
        progress
    }

    /// Every shown item that sign-off still needs, in asking order: an answer, a note,
    /// or text left unconfirmed in one of its fields to be confirmed or cleared (said
    /// first, as it may be the answer or note lacking).
    pub fn missing(&self, record: &Record) -> Vec<Missing> {
        let shown = self.visible(record);
        (0..self.steps.len())
            .filter(|&i| shown[i])
            .filter_map(|i| {
                let item = self.steps[i].item;
                let id = &item.id.value;
                let what = if record.has_unconfirmed(id) {
                    Lacks::Unconfirmed
                } else if self.is_complete(record, i) {
                    return None;
                } else if record.answer(id).is_some() {
                    Lacks::Note
                } else {
                    Lacks::Answer
                };
                Some(Missing {
                    item: id.clone(),
                    prompt: item.prompt.value.clone(),
                    what,
                })
            })
            .collect()
    }

    /// What is wrong with a draft, read from a file, for this framework (which must be
    /// the one it was made with): answers to items the framework lacks or does not ask,
    /// answers given twice, answers or notes the item could not have been given, and a
    /// status that does not match its sign-off. Empty when the draft can be resumed.
    pub fn check_draft(&self, record: &Record) -> Vec<String> {
        let mut problems = crate::record::check_form(record);
        let shown = self.visible(record);
        let mut seen = std::collections::HashSet::new();
        for a in &record.answers {
            let id = crate::terminal::neutralise(&a.item);
            // Reported by `check_form`.
            if !seen.insert(a.item.as_str()) {
                continue;
            }
            let Some(i) = self.index_of(&a.item) else {
                problems.push(format!("`{id}` is not an item of this framework"));
                continue;
            };
            let item = self.steps[i].item;
            if !shown[i] {
                problems.push(format!("`{id}` is answered but not asked in this case"));
            }
            if a.prompt != item.prompt.value || a.kind != item.answer.kind() {
                problems.push(format!(
                    "`{id}`: its prompt or kind differs from the framework's"
                ));
            }
            if a.section != self.sections[self.steps[i].section].id {
                problems.push(format!(
                    "`{id}`: its section `{}` is not the framework's",
                    crate::terminal::neutralise(a.section.as_str())
                ));
            }
            match item.accept(&a.answer, a.note.as_deref()) {
                Ok(given) if given.answer == a.answer && item.label(&a.answer) == a.label => {}
                Ok(_) => problems.push(format!("`{id}`: its answer or label has been altered")),
                Err(e) => problems.push(format!(
                    "`{id}`: {}",
                    crate::terminal::neutralise(&e.to_string())
                )),
            }
        }
        problems
    }
}

/// Of the items asked in a case, how many are answered: "23 of 41 answered".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub answered: usize,
    pub asked: usize,
}

impl std::fmt::Display for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{} of {} answered", self.answered, self.asked)
    }
}

/// What sign-off still needs from one item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    pub item: String,
    pub prompt: String,
    pub what: Lacks,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lacks {
    Answer,
    Note,
    /// Text typed into the item's answer or note and never confirmed: to be confirmed
    /// with Enter, or cleared.
    Unconfirmed,
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self.what {
            Lacks::Answer => write!(f, "`{}` is not answered", self.item),
            Lacks::Note => write!(f, "`{}` needs a note", self.item),
            Lacks::Unconfirmed => write!(
                f,
                "`{}` holds unconfirmed text: confirm it with Enter, or clear it",
                self.item
            ),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::framework::{BUILTIN_TEXT, Given, check};
    use crate::record::FrameworkSource;

    pub(crate) fn builtin() -> Framework {
        check(BUILTIN_TEXT).framework.unwrap()
    }

    pub(crate) fn given(answer: &str, note: Option<&str>) -> Given {
        Given {
            answer: answer.into(),
            note: note.map(Into::into),
        }
    }

    #[test]
    fn positions_name_the_principle_and_count_only_the_items_asked() {
        let fw = builtin();
        let list = Checklist::new(&fw);
        let mut record = list.new_record("C-1", "sha256:0", &FrameworkSource::BuiltIn, "t0");
        let first = list.index_of("concern-specific").unwrap();
        // Principle 1 has nine items; `induction-and-support` waits on `circumstances`.
        assert_eq!(
            list.position(&record, first),
            "Principle 1 of 5 · item 1 of 8"
        );
        let details = list.numbers(&record)[..first]
            .iter()
            .filter(|n| n.is_some())
            .count();
        assert!(details < 22, "hidden case details are not counted");
        assert_eq!(
            list.position(&record, 0),
            format!("Case details · item 1 of {details}")
        );
        // The item after `staff-group` is `nation` until a doctor's case shows
        // `doctor-in-training` between them.
        let nation = list.index_of("nation").unwrap();
        assert_eq!(
            list.position(&record, nation),
            format!("Case details · item 2 of {details}")
        );
        let i = list.index_of("staff-group").unwrap();
        let given = list.steps[i].item.accept("doctor", None).unwrap();
        list.apply(&mut record, i, &given, "t1");
        let training = list.index_of("doctor-in-training").unwrap();
        assert_eq!(list.numbers(&record)[training], Some(2));
        assert!(
            list.position(&record, nation)
                .starts_with("Case details · item 3 of ")
        );
        let last = list.steps.len() - 1;
        assert!(list.position(&record, last).starts_with("Decision · item "));
    }

    #[test]
    fn answers_are_checked_against_the_item() {
        let fw = builtin();
        let list = Checklist::new(&fw);
        let check_item = list.steps[list.index_of("concern-specific").unwrap()].item;
        assert!(check_item.accept("yes", None).is_ok());
        assert!(
            check_item
                .accept("no", None)
                .unwrap_err()
                .to_string()
                .contains("note")
        );
        assert!(check_item.accept("no", Some("  ")).is_err());
        assert!(check_item.accept("no", Some("why")).is_ok());
        assert!(
            check_item
                .accept("maybe", None)
                .unwrap_err()
                .to_string()
                .contains("`maybe`")
        );
        let date = list.steps[list.index_of("advice-contacted-on").unwrap()].item;
        assert!(date.accept("2026-02-28", None).is_ok());
        assert!(
            date.accept("2026-02-30", None)
                .unwrap_err()
                .to_string()
                .contains("calendar")
        );
        assert!(
            date.accept("28/02/2026", None)
                .unwrap_err()
                .to_string()
                .contains("YYYY-MM-DD")
        );
        let text = list.steps[list.index_of("rationale").unwrap()].item;
        assert!(
            text.accept("bad \u{1b}[2J", None)
                .unwrap_err()
                .to_string()
                .contains("U+001B")
        );
        assert_eq!(text.accept(" kept \n", None).unwrap().answer, "kept");
    }

    #[test]
    fn a_draft_is_checked_beyond_its_answers() {
        let fw = builtin();
        let list = Checklist::new(&fw);
        let mut record = list.new_record(
            "C-1",
            &format!("sha256:{}", "0".repeat(64)),
            &FrameworkSource::BuiltIn,
            "2026-11-23T10:00:00Z",
        );
        let psi = list.index_of("patient-safety-incident").unwrap();
        list.apply(
            &mut record,
            psi,
            &given("yes", None),
            "2026-11-23T10:01:00Z",
        );
        list.apply(
            &mut record,
            psi,
            &given("no", Some("n")),
            "2026-11-23T10:02:00Z",
        );
        record.case.updated = "2026-11-23T10:02:00Z".into();
        assert_eq!(list.check_draft(&record), Vec::<String>::new());

        let mut bad = record.clone();
        bad.case.reference = "../etc/passwd".into();
        bad.case.updated = "yesterday".into();
        bad.answers[0].section = "decision".into();
        bad.history[0].old_note = Some("\u{1b}[2J".into());
        let problems = list.check_draft(&bad).join("\n");
        for expected in [
            "`case.reference`: the case reference cannot contain `/`",
            "`case.updated` `yesterday` is not a time",
            "its section `decision` is not the framework's",
            "history entry 1: its `old_note`: this contains the control character U+001B",
        ] {
            assert!(problems.contains(expected), "{expected}: {problems}");
        }

        // A clock set back between two sittings is not a sign of editing.
        let mut early = record.clone();
        early.case.updated = "2026-11-22T10:00:00Z".into();
        assert_eq!(list.check_draft(&early), Vec::<String>::new());
    }

    #[test]
    fn sign_off_needs_every_required_answer_and_note() {
        let fw = builtin();
        let list = Checklist::new(&fw);
        let record = list.new_record("C-1", "sha256:0", &FrameworkSource::BuiltIn, "t0");
        let missing = list.missing(&record);
        assert!(missing.iter().any(|m| m.item == "concern-specific"));
        // Optional and hidden items are not missing.
        assert!(!missing.iter().any(|m| m.item == "actions"));
        assert!(!missing.iter().any(|m| m.item == "being-fair-completed"));
    }

    #[test]
    fn sign_off_waits_for_unconfirmed_text_on_a_shown_item_only() {
        use crate::record::Field;
        let fw = builtin();
        let list = Checklist::new(&fw);
        let mut record = list.new_record("C-1", "sha256:0", &FrameworkSource::BuiltIn, "t0");
        // Optional, and unanswered: not missing until text is left in it.
        assert!(!list.missing(&record).iter().any(|m| m.item == "actions"));
        record.keep_unconfirmed("actions", Field::Answer, "Audit in", "t1");
        record.keep_unconfirmed("concern-specific", Field::Note, "Only one", "t1");
        // Hidden until the advice answer is yes: it does not hold sign-off up.
        record.keep_unconfirmed("advice-contacted-on", Field::Answer, "2026", "t1");
        let missing = list.missing(&record);
        let of = |id: &str| missing.iter().find(|m| m.item == id).map(|m| m.what);
        assert_eq!(of("actions"), Some(Lacks::Unconfirmed));
        assert_eq!(of("concern-specific"), Some(Lacks::Unconfirmed));
        assert_eq!(of("advice-contacted-on"), None);
        assert_eq!(
            missing
                .iter()
                .find(|m| m.item == "actions")
                .unwrap()
                .to_string(),
            "`actions` holds unconfirmed text: confirm it with Enter, or clear it"
        );
        // Signing takes what is left (for items not asked) out of the draft, so no
        // signed record has any, and says so in the history, with the text.
        let mut hidden = list.new_record("C-1", "sha256:0", &FrameworkSource::BuiltIn, "t0");
        hidden.keep_unconfirmed("advice-contacted-on", Field::Answer, "2026-04", "t1");
        let signer = crate::record::Signer {
            name: "A".into(),
            role: "B".into(),
        };
        list.sign(&mut hidden, &signer, "t2");
        assert!(hidden.unconfirmed.is_empty());
        let left = hidden.history.last().expect("a history entry");
        assert_eq!(left.event, crate::record::Event::Withdrawn);
        assert_eq!(left.item.as_deref(), Some("advice-contacted-on"));
        assert_eq!((&left.old_answer, &left.new_answer), (&None, &None));
        assert_eq!(
            left.detail.as_deref(),
            Some(
                "text typed into its answer and never confirmed, left out at sign-off: \"2026-04\""
            )
        );
    }

    #[test]
    fn progress_counts_only_the_items_asked_in_the_case() {
        let fw = builtin();
        let list = Checklist::new(&fw);
        let mut record = list.new_record("C-1", "sha256:0", &FrameworkSource::BuiltIn, "t0");
        let before = list.progress(&record);
        assert_eq!(before.answered, 0);
        let shown = list.visible(&record).iter().filter(|&&s| s).count();
        assert_eq!(before.asked, shown);
        assert!(
            before.asked < list.steps.len(),
            "conditional items are not counted"
        );
        let i = list.index_of("staff-group").unwrap();
        let given = list.steps[i].item.accept("doctor", None).unwrap();
        list.apply(&mut record, i, &given, "t1");
        let after = list.progress(&record);
        assert_eq!(after.answered, 1);
        // A doctor's case asks more: whether in training, and the responsible officer.
        assert!(after.asked > before.asked);
        assert_eq!(after.to_string(), format!("1 of {} answered", after.asked));
    }
}
