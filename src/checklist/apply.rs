//! What an answer does to a draft: a new draft, an answer recorded or changed (the old
//! one kept in the history), an optional answer cleared, answers to items no longer
//! asked withdrawn, and sign-off.

use crate::framework::Given;
use crate::record::{
    self, Answer, Case, Change, Event, FrameworkRef, FrameworkSource, Record, Signer, Status,
};

use super::Checklist;

impl Checklist<'_> {
    /// A new, empty draft for case `reference`.
    pub fn new_record(
        &self,
        reference: &str,
        digest: &str,
        source: &FrameworkSource,
        now: &str,
    ) -> Record {
        Record {
            status: Status::Draft,
            case: Case {
                reference: reference.to_owned(),
                started: now.to_owned(),
                updated: now.to_owned(),
            },
            framework: self.framework_ref(digest, source),
            answers: Vec::new(),
            history: Vec::new(),
            sign_off: None,
            seal: None,
        }
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
            None => record.answers.push(answer),
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
    pub fn sign(&self, record: &mut Record, signer: &Signer, now: &str) {
        record::sign(record, signer, &self.framework.declaration, now);
    }
}

#[cfg(test)]
mod tests {
    use crate::checklist::Checklist;
    use crate::checklist::tests::{builtin, given};
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
