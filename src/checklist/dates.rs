//! Dates out of order: a date answered earlier than a date it should not come before
//! (`not_before`), such as a decision before the concern was raised. Such a pair is a
//! warning, shown at the review and by `run --answers`, never a refusal: the dates may
//! be right, and the case manager is the one to say.

use std::fmt;

use crate::framework::Item;
use crate::record::Record;

use super::Checklist;

/// A date that comes before one it should not come before.
#[derive(Clone, Debug)]
pub struct DateOrder<'f> {
    /// The item with `not_before`, and its date.
    pub later: (&'f Item, String),
    /// The item it names, and its (later) date.
    pub earlier: (&'f Item, String),
}

impl Checklist<'_> {
    /// Every pair of answered, shown dates out of the order `not_before` asks for, in
    /// asking order. An item hidden by `when`, or not answered, takes no part.
    pub fn dates_out_of_order(&self, record: &Record) -> Vec<DateOrder<'_>> {
        let shown = self.visible(record);
        let date = |i: usize| {
            shown[i]
                .then(|| record.answer(&self.steps[i].item.id.value))
                .flatten()
                .and_then(|a| a.answer.parse::<jiff::civil::Date>().ok().map(|d| (d, a)))
        };
        let mut out = Vec::new();
        for (i, step) in self.steps.iter().enumerate() {
            let Some(rules) = step.item.date_rules() else {
                continue;
            };
            let Some((day, answer)) = date(i) else {
                continue;
            };
            for named in &rules.not_before {
                let Some(j) = self.index_of(&named.value) else {
                    continue;
                };
                if let Some((other_day, other)) = date(j)
                    && day < other_day
                {
                    out.push(DateOrder {
                        later: (step.item, answer.answer.clone()),
                        earlier: (self.steps[j].item, other.answer.clone()),
                    });
                }
            }
        }
        out
    }
}

/// A date item in words, for the warning: what its role says it records ("the date
/// the concern was raised"), or else its prompt.
fn in_words(item: &Item) -> String {
    match item.role.as_ref().and_then(|r| r.value.date_in_words()) {
        Some(words) => words.to_owned(),
        None => format!("the date given for \"{}\"", item.prompt.value.trim()),
    }
}

/// "the date the decision was made (decided-on, 2026-03-01) is before the date the
/// concern was raised (raised-on, 2026-03-05): check both"; framework text as it is,
/// for the terminal to neutralise.
impl fmt::Display for DateOrder<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let ((later, later_date), (earlier, earlier_date)) = (&self.later, &self.earlier);
        write!(
            f,
            "{} ({}, {later_date}) is before {} ({}, {earlier_date}): check both",
            in_words(later),
            later.id.value,
            in_words(earlier),
            earlier.id.value
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::tests::given;
    use crate::framework::{Framework, check, small};
    use crate::record::FrameworkSource;

    fn framework() -> Framework {
        let text = small(
            "  - id: raised-on
    prompt: When was the concern raised?
    answer: date
    role: concern-raised
  - { id: measure, prompt: Is a measure in place?, answer: check, note: optional }
  - id: measure-from
    prompt: When did the measure begin?
    answer: date
    not_before: raised-on
    when: { item: measure, answer: \"yes\" }
",
            "  - id: decided-on
    prompt: When was the decision made?
    answer: date
    role: decision-made
    not_before: [raised-on, measure-from]
",
        );
        let checked = check(&text);
        assert!(checked.is_valid(), "{:#?}", checked.diagnostics);
        checked.framework.unwrap()
    }

    fn answered(list: &Checklist, answers: &[(&str, &str)]) -> Record {
        let mut record = list.new_record("C-1", "sha256:0", &FrameworkSource::BuiltIn, "t0");
        for (id, answer) in answers {
            let i = list.index_of(id).unwrap();
            list.apply(&mut record, i, &given(answer, None), "t1");
        }
        record
    }

    fn warnings(list: &Checklist, answers: &[(&str, &str)]) -> Vec<String> {
        let record = answered(list, answers);
        list.dates_out_of_order(&record)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_date_before_one_it_should_follow_is_named_with_both() {
        let fw = framework();
        let list = Checklist::new(&fw);
        let found = warnings(
            &list,
            &[("raised-on", "2026-03-05"), ("decided-on", "2026-03-01")],
        );
        assert_eq!(
            found,
            [
                "the date the decision was made (decided-on, 2026-03-01) is before the date the concern was raised (raised-on, 2026-03-05): check both"
            ]
        );
    }

    #[test]
    fn the_same_day_or_later_is_in_order() {
        let fw = framework();
        let list = Checklist::new(&fw);
        for decided in ["2026-03-05", "2026-03-06", "2027-01-01"] {
            let found = warnings(
                &list,
                &[("raised-on", "2026-03-05"), ("decided-on", decided)],
            );
            assert_eq!(found, Vec::<String>::new(), "{decided}");
        }
    }

    #[test]
    fn an_item_without_a_role_is_named_by_its_prompt_and_each_pair_is_told() {
        let fw = framework();
        let list = Checklist::new(&fw);
        let found = warnings(
            &list,
            &[
                ("raised-on", "2026-03-05"),
                ("measure", "yes"),
                ("measure-from", "2026-03-04"),
                ("decided-on", "2026-03-01"),
            ],
        );
        assert_eq!(
            found,
            [
                "the date given for \"When did the measure begin?\" (measure-from, 2026-03-04) is before the date the concern was raised (raised-on, 2026-03-05): check both",
                "the date the decision was made (decided-on, 2026-03-01) is before the date the concern was raised (raised-on, 2026-03-05): check both",
                "the date the decision was made (decided-on, 2026-03-01) is before the date given for \"When did the measure begin?\" (measure-from, 2026-03-04): check both",
            ]
        );
    }

    #[test]
    fn an_unanswered_or_hidden_date_takes_no_part() {
        let fw = framework();
        let list = Checklist::new(&fw);
        // Nothing to compare with.
        assert_eq!(
            warnings(&list, &[("decided-on", "2026-03-01")]),
            Vec::<String>::new()
        );
        // `measure-from` was answered, then hidden by changing `measure`.
        let found = warnings(
            &list,
            &[
                ("measure", "yes"),
                ("measure-from", "2026-03-04"),
                ("measure", "no"),
                ("decided-on", "2026-03-01"),
            ],
        );
        assert_eq!(found, Vec::<String>::new());
    }
}
