//! What an answer does to a draft: a new draft, an answer recorded or changed (the old
//! one kept in the history), an optional answer cleared, answers to items no longer
//! asked withdrawn, and sign-off.

use crate::framework::Given;
use crate::record::{
    self, Answer, Case, Change, Event, FrameworkRef, FrameworkSource, Record, Signer, Status,
};

use super::Checklist;

/// What [`Checklist::apply_preset`] did to a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PresetApplied {
    /// Gave the answer, which the record lacked.
    Given,
    /// Replaced an answer that differed: this one, as the person saw it.
    Replaced(String),
}

impl Checklist<'_> {
    /// A new draft for case `reference`: empty but for the answer the framework gives
    /// itself, if it gives one ([`Checklist::preset`]), noted in the history.
    pub fn new_record(
        &self,
        reference: &str,
        digest: &str,
        source: &FrameworkSource,
        now: &str,
    ) -> Record {
        let mut record = Record {
            format: record::Format::CURRENT,
            status: Status::Draft,
            case: Case {
                reference: reference.to_owned(),
                version: 1,
                supersedes: None,
                started: now.to_owned(),
                updated: now.to_owned(),
            },
            framework: self.framework_ref(digest, source),
            answers: Vec::new(),
            history: Vec::new(),
            unconfirmed: Vec::new(),
            sign_off: None,
            seal: None,
            key_signature: None,
            reviews: Vec::new(),
        };
        self.apply_preset(&mut record, now);
        record
    }

    /// Gives the answer the framework gives itself (the nation, from its
    /// `jurisdiction`) to a record that lacks it or has another, noting it in the
    /// history; answers to items no longer asked are then withdrawn. The framework
    /// governs: an earlier answer that differs (one a person gave before the framework
    /// set a jurisdiction) is replaced, and the history keeps it. Returns what was done,
    /// or `None` when the record had the answer already.
    pub fn apply_preset(&self, record: &mut Record, now: &str) -> Option<PresetApplied> {
        let done = self.give_preset(record, now)?;
        self.withdraw_hidden(record, now);
        self.sort_answers(record);
        Some(done)
    }

    /// [`Checklist::apply_preset`] without withdrawing what it hides or putting the
    /// answers in order: for a move to a changed framework, which withdraws with its
    /// own reasons.
    pub(super) fn give_preset(&self, record: &mut Record, now: &str) -> Option<PresetApplied> {
        let (index, preset) = self.preset()?;
        let step = &self.steps[index];
        let id = &preset.item.id.value;
        let answer = Answer {
            item: id.clone(),
            section: self.sections[step.section].id.clone(),
            kind: preset.item.answer.kind().into(),
            prompt: preset.item.prompt.value.clone(),
            answer: preset.answer().to_owned(),
            label: Some(preset.label.clone()),
            note: None,
            answered: now.to_owned(),
        };
        let source = preset.source();
        let (old, done) = match record.answers.iter().position(|a| &a.item == id) {
            Some(i) if record.answers[i].answer == answer.answer => return None,
            Some(i) => {
                let old = std::mem::replace(&mut record.answers[i], answer);
                let done = PresetApplied::Replaced(
                    old.label.clone().unwrap_or_else(|| old.answer.clone()),
                );
                (Some(old), done)
            }
            None => {
                record.answers.push(answer);
                (None, PresetApplied::Given)
            }
        };
        let detail = match &old {
            Some(_) => format!(
                "the framework's `{source}` answers this item for every case, so the earlier answer was replaced"
            ),
            None => format!("answered by the framework's `{source}`, not asked"),
        };
        record.history.push(Change {
            by: None,
            reason: None,
            at: now.to_owned(),
            event: Event::Preset,
            item: Some(id.clone()),
            old_answer: old.as_ref().map(|a| a.answer.clone()),
            old_note: old.and_then(|a| a.note),
            new_answer: Some(preset.answer().to_owned()),
            new_note: None,
            detail: Some(detail),
        });
        Some(done)
    }

    pub fn framework_ref(&self, digest: &str, source: &FrameworkSource) -> FrameworkRef {
        let fw = self.framework;
        FrameworkRef {
            name: fw.name.clone(),
            version: fw.version.clone(),
            organisation: fw.organisation.clone(),
            jurisdiction: fw.jurisdiction.map(|j| j.id().to_owned()),
            digest: digest.to_owned(),
            source: source.clone(),
        }
    }

    /// Records `given` as the answer to step `index`. A changed answer or note goes into
    /// the history; answers to items that are no longer asked are withdrawn, also into
    /// the history. Returns whether the record changed.
    ///
    /// `given` must have passed [`Item::accept`].
    pub fn apply(&self, record: &mut Record, index: usize, given: &Given, now: &str) -> bool {
        let step = &self.steps[index];
        let item = step.item;
        let id = &item.id.value;
        let answer = Answer {
            item: id.clone(),
            section: self.sections[step.section].id.clone(),
            kind: item.answer.kind().into(),
            prompt: item.prompt.value.clone(),
            answer: given.answer.clone(),
            label: item.label(&given.answer),
            note: given.note.clone(),
            answered: now.to_owned(),
        };
        match record.answers.iter().position(|a| &a.item == id) {
            Some(i) => {
                let old = &record.answers[i];
                if old.answer == answer.answer && old.note == answer.note {
                    return false;
                }
                record.history.push(Change {
                    by: None,
                    reason: None,
                    at: now.to_owned(),
                    event: Event::Changed,
                    item: Some(id.clone()),
                    old_answer: Some(old.answer.clone()),
                    old_note: old.note.clone(),
                    new_answer: Some(answer.answer.clone()),
                    new_note: answer.note.clone(),
                    detail: None,
                });
                record.answers[i] = answer;
            }
            None => {
                // In an amendment, an answer the superseded version did not have is a
                // difference from it, and the history says so (a change from nothing).
                if record.case.supersedes.is_some() {
                    let mut added = Change::new(now, Event::Changed);
                    added.item = Some(id.clone());
                    added.new_answer = Some(answer.answer.clone());
                    added.new_note = answer.note.clone();
                    record.history.push(added);
                }
                record.answers.push(answer);
            }
        }
        self.withdraw_hidden(record, now);
        self.sort_answers(record);
        true
    }

    /// Removes the answer to optional step `index`, noting it in the history (and
    /// withdrawing answers that depended on it). Returns whether there was one.
    pub fn clear(&self, record: &mut Record, index: usize, now: &str) -> bool {
        let id = &self.steps[index].item.id.value;
        let Some(pos) = record.answers.iter().position(|a| &a.item == id) else {
            return false;
        };
        let old = record.answers.remove(pos);
        record.history.push(Change {
            by: None,
            reason: None,
            at: now.to_owned(),
            event: Event::Cleared,
            item: Some(old.item),
            old_answer: Some(old.answer),
            old_note: old.note,
            new_answer: None,
            new_note: None,
            detail: None,
        });
        self.withdraw_hidden(record, now);
        true
    }

    pub fn withdraw_hidden(&self, record: &mut Record, now: &str) {
        let shown = self.visible(record);
        let hidden: Vec<usize> = (0..self.steps.len()).filter(|&i| !shown[i]).collect();
        for i in hidden {
            let item = self.steps[i].item;
            let Some(pos) = record.answers.iter().position(|a| a.item == item.id.value) else {
                continue;
            };
            let old = record.answers.remove(pos);
            let when = item.when.as_ref();
            record.history.push(Change {
                by: None,
                reason: None,
                at: now.to_owned(),
                event: Event::Withdrawn,
                item: Some(old.item),
                old_answer: Some(old.answer),
                old_note: old.note,
                new_answer: None,
                new_note: None,
                detail: when.map(|w| {
                    format!(
                        "no longer asked: it applies only when `{}` {}",
                        w.item.value,
                        w.describe("`")
                    )
                }),
            });
        }
    }

    /// Puts answers in asking order (answers to items the framework lacks go last).
    pub(super) fn sort_answers(&self, record: &mut Record) {
        record
            .answers
            .sort_by_key(|a| self.index_of(&a.item).unwrap_or(usize::MAX));
    }

    /// Signs `record`: records the signer and the framework's declaration, and seals it.
    /// Text still left unconfirmed can only be for items no longer asked (sign-off
    /// waits for every other, [`Lacks::Unconfirmed`](super::Lacks)): it is never part
    /// of the answers, but it is not dropped without a word either. Each such text
    /// goes into the history, as withdrawn, with the text it held, so that the signed
    /// record says what was typed and left out.
    pub fn sign(&self, record: &mut Record, signer: &Signer, now: &str) {
        // Made by sign-off itself: the signer's doing (format 2 says who).
        let by = (record.format != record::Format::V1).then(|| signer.name.clone());
        for left in std::mem::take(&mut record.unconfirmed) {
            record.history.push(Change {
                by: by.clone(),
                reason: None,
                at: now.to_owned(),
                event: Event::Withdrawn,
                item: Some(left.item),
                old_answer: None,
                old_note: None,
                new_answer: None,
                new_note: None,
                detail: Some(format!(
                    "text typed into its {} and never confirmed, left out at sign-off: {:?}",
                    left.field, left.text
                )),
            });
        }
        let countersignature = self.countersignature(record);
        record::sign(
            record,
            signer,
            &self.framework.declaration,
            countersignature,
            now,
        );
    }

    /// Why the framework requires a countersignature of `record`, in words naming the
    /// answers that make it so; `None` when it requires none.
    pub fn countersignature(&self, record: &Record) -> Option<String> {
        self.framework.countersignature_needed(|id| {
            record
                .answer(id)
                .map(|a| (a.answer.as_str(), a.label.as_deref()))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::checklist::tests::{builtin, given};
    use crate::checklist::{Checklist, PresetApplied};
    use crate::record::{Event, FrameworkSource};

    #[test]
    fn when_hides_an_item_until_its_answer_is_given_and_withdraws_it_after() {
        let fw = builtin();
        let list = Checklist::new(&fw);
        let mut record = list.new_record("C-1", "sha256:0", &FrameworkSource::BuiltIn, "t0");
        let psi = list.index_of("patient-safety-incident").unwrap();
        let fair = list.index_of("learning-response-concern").unwrap();
        assert!(!list.visible(&record)[fair]);

        list.apply(&mut record, psi, &given("yes", None), "t1");
        assert!(list.visible(&record)[fair]);
        list.apply(&mut record, fair, &given("yes", None), "t2");

        assert!(list.apply(&mut record, psi, &given("no", Some("n")), "t3"));
        assert!(!list.visible(&record)[fair]);
        assert!(record.answer("learning-response-concern").is_none());
        let events: Vec<Event> = record.history.iter().map(|c| c.event).collect();
        assert_eq!(events, [Event::Changed, Event::Withdrawn]);
        assert_eq!(record.history[1].old_answer.as_deref(), Some("yes"));
    }

    /// `not: "no"` shows the item for any answer but No, none for no answer at all,
    /// and says so when it withdraws one.
    #[test]
    fn a_condition_on_all_answers_but_one_needs_an_answer_and_withdraws_on_that_one() {
        let text = crate::framework::BUILTIN_TEXT.replace(
            r#"when: { item: patient-safety-incident, answer: "yes" }"#,
            r#"when: { item: patient-safety-incident, not: "no" }"#,
        );
        let fw = crate::framework::check(&text).framework.unwrap();
        let list = Checklist::new(&fw);
        let mut record = list.new_record("C-1", "sha256:0", &FrameworkSource::BuiltIn, "t0");
        let psi = list.index_of("patient-safety-incident").unwrap();
        let fair = list.index_of("learning-response-concern").unwrap();
        assert!(!list.visible(&record)[fair], "no answer, no item");
        list.apply(&mut record, psi, &given("not-applicable", None), "t1");
        assert!(list.visible(&record)[fair]);
        list.apply(&mut record, fair, &given("yes", None), "t2");
        list.apply(&mut record, psi, &given("no", Some("n")), "t3");
        assert!(!list.visible(&record)[fair]);
        assert_eq!(
            record.history.last().unwrap().detail.as_deref(),
            Some(
                "no longer asked: it applies only when `patient-safety-incident` has an answer other than `no`"
            )
        );
    }

    /// The built-in framework set in Wales, with a nation item first and an item shown
    /// only for England.
    fn in_wales() -> String {
        crate::framework::BUILTIN_TEXT
            .replacen("jurisdiction: null", "jurisdiction: wales", 1)
            .replacen(
                "case_details:\n",
                "case_details:\n  - id: nation\n    role: nation\n    prompt: Which nation?\n    answer: choice\n    options:\n      - { id: england, label: England }\n      - { id: wales, label: Wales }\n  - { id: english-only, prompt: English?, answer: check, when: { item: nation, answer: england } }\n",
                1,
            )
    }

    #[test]
    fn the_framework_answers_the_nation_once_and_puts_another_answer_right() {
        let text = in_wales();
        let fw = crate::framework::check(&text).framework.unwrap();
        let list = Checklist::new(&fw);
        let mut record = list.new_record("C-1", "sha256:0", &FrameworkSource::BuiltIn, "t0");
        assert_eq!(record.answer("nation").unwrap().answer, "wales");
        assert_eq!(record.history.len(), 1);
        assert_eq!(record.history[0].event, Event::Preset);
        // Given already: nothing more.
        assert_eq!(list.apply_preset(&mut record, "t1"), None);
        assert_eq!(record.history.len(), 1);

        // Another answer (given before the jurisdiction was set) is replaced, and what
        // depended on it withdrawn.
        let nation = list.index_of("nation").unwrap();
        let english = list.index_of("english-only").unwrap();
        list.apply(&mut record, nation, &given("england", Some("n")), "t2");
        list.apply(&mut record, english, &given("yes", None), "t2");
        assert_eq!(
            list.apply_preset(&mut record, "t3"),
            Some(PresetApplied::Replaced("England".into()))
        );
        assert_eq!(record.answer("nation").unwrap().answer, "wales");
        assert_eq!(record.answer("nation").unwrap().note, None);
        assert!(record.answer("english-only").is_none());
        let events: Vec<Event> = record.history.iter().map(|c| c.event).collect();
        assert_eq!(
            events,
            [
                Event::Preset,
                Event::Changed,
                Event::Preset,
                Event::Withdrawn
            ]
        );
        let replaced = &record.history[2];
        assert_eq!(replaced.old_answer.as_deref(), Some("england"));
        assert_eq!(replaced.old_note.as_deref(), Some("n"));
    }

    #[test]
    fn an_unchanged_answer_changes_nothing() {
        let fw = builtin();
        let list = Checklist::new(&fw);
        let mut record = list.new_record("C-1", "sha256:0", &FrameworkSource::BuiltIn, "t0");
        let i = list.index_of("concern-specific").unwrap();
        assert!(list.apply(&mut record, i, &given("yes", None), "t1"));
        assert!(!list.apply(&mut record, i, &given("yes", None), "t2"));
        assert!(record.history.is_empty());
    }
}
