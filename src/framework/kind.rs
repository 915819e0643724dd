//! Everything an answer kind does, in one file: its id in framework files and records,
//! the answers it takes and how a typed one is read, the label a person sees, when it
//! asks for a note, how the schema describes it, how `show` names it, how the terminal
//! asks it, what a record may hold for it, and the answer tests and benchmarks give.
//!
//! To add a kind, add it to [`KindId`] and [`AnswerKind`] and follow the compiler
//! through the matches below: nothing outside this file matches on every kind. (Other
//! files look only at what one kind alone has: a choice's options and a date's rules
//! ([`DateRules`]), which the parser reads, the rules check and the writer writes; and
//! `note: required-if-no`, which is for checks.)

use crate::diagnostic::Located;
use crate::error::Refused;
use crate::terminal::neutralise;
use crate::value::{check_not_after, check_text, is_slug, parse_date};

/// The kinds of answer, by name: what a framework's `answer:` and a record's `kind:`
/// say. An item that names none is a check.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum KindId {
    #[default]
    Check,
    Text,
    Date,
    Choice,
}

impl KindId {
    /// Every kind, in the order messages and the schema list them.
    pub const ALL: [KindId; 4] = [KindId::Check, KindId::Text, KindId::Date, KindId::Choice];

    /// The id of every kind, in the order of [`KindId::ALL`].
    pub const IDS: [&'static str; KindId::ALL.len()] = {
        let mut ids = [""; KindId::ALL.len()];
        let mut i = 0;
        while i < ids.len() {
            ids[i] = KindId::ALL[i].id();
            i += 1;
        }
        ids
    };

    /// The value written in a framework file and a record.
    pub const fn id(self) -> &'static str {
        match self {
            KindId::Check => "check",
            KindId::Text => "text",
            KindId::Date => "date",
            KindId::Choice => "choice",
        }
    }

    /// The kind with this id.
    pub fn from_id(id: &str) -> Option<KindId> {
        KindId::ALL.into_iter().find(|k| k.id() == id)
    }

    /// What an answer of this kind is, for an editor's completion list.
    pub fn description(self) -> &'static str {
        match self {
            KindId::Check => "Yes, No or Not applicable",
            KindId::Text => "Free text",
            KindId::Date => "A calendar date, written YYYY-MM-DD",
            KindId::Choice => "One of the item's `options`",
        }
    }

    /// Whether `answer` is one an item of this kind could have been given, judged from
    /// a record alone, without the framework (so a choice is only known to be an
    /// option id).
    pub fn check_recorded(self, answer: &str) -> Result<(), String> {
        match self {
            KindId::Check if !CHECK_ANSWERS.contains(&answer) => {
                Err("a check is answered `yes`, `no` or `not-applicable`".to_owned())
            }
            KindId::Check => Ok(()),
            KindId::Choice if !is_slug(answer) => {
                Err("a choice is answered with an option id".to_owned())
            }
            KindId::Choice => Ok(()),
            KindId::Date => parse_date(answer),
            KindId::Text => check_text(answer),
        }
    }
}

impl KindId {
    /// Which of a check's three answers `answer` is; `None` for any other kind (a
    /// choice labelled "No" is not a check's No). Told apart by the answer recorded,
    /// never by its label.
    pub fn checked(self, answer: &str) -> Option<CheckAnswer> {
        match (self, answer) {
            (KindId::Check, "yes") => Some(CheckAnswer::Yes),
            (KindId::Check, "no") => Some(CheckAnswer::No),
            (KindId::Check, "not-applicable") => Some(CheckAnswer::NotApplicable),
            _ => None,
        }
    }
}

/// A check's answer, as the review marks and counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckAnswer {
    Yes,
    No,
    NotApplicable,
}

/// The kind of answer an item takes, with what the kind needs from the framework (a
/// choice's options, a date's rules).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum AnswerKind {
    /// Yes, No or Not applicable.
    #[default]
    Check,
    /// Free text.
    Text,
    /// A calendar date, written `YYYY-MM-DD`.
    Date(DateRules),
    /// One of a list of options.
    Choice(Vec<ChoiceOption>),
}

/// What a `date` item says of its answer beyond being a date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateRules {
    /// `past: true`: the date may not be later than the day it is given (a concern
    /// raised, Advice contacted); a review date leaves it out.
    pub past: bool,
    /// `not_before`: the earlier `date` items this date should not come before (a
    /// decision, not before the concern was raised). Only warned about, at the review.
    pub not_before: Vec<Located<String>>,
}

/// The answers a `check` item can have, as written in answers files and `when`.
const CHECK_ANSWERS: [&str; 3] = ["yes", "no", "not-applicable"];

/// What a person reads for a `check` answer: "Yes", "No", "Not applicable".
fn check_label(answer: &str) -> &str {
    match answer {
        "yes" => "Yes",
        "no" => "No",
        "not-applicable" => "Not applicable",
        other => other,
    }
}

/// How the terminal asks for an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Asking<'a> {
    /// A pick from a list: each answer's id with the label a person reads (as written,
    /// not yet neutralised).
    Pick(Vec<(&'a str, &'a str)>),
    /// A line typed after this prompt, which says what to type.
    Type(&'static str),
}

impl AnswerKind {
    /// The kind with this id, as a framework file names it, before anything else is
    /// read: a choice has no options yet.
    pub fn new(id: KindId) -> AnswerKind {
        match id {
            KindId::Check => AnswerKind::Check,
            KindId::Text => AnswerKind::Text,
            KindId::Date => AnswerKind::Date(DateRules::default()),
            KindId::Choice => AnswerKind::Choice(Vec::new()),
        }
    }

    pub fn kind(&self) -> KindId {
        match self {
            AnswerKind::Check => KindId::Check,
            AnswerKind::Text => KindId::Text,
            AnswerKind::Date(_) => KindId::Date,
            AnswerKind::Choice(_) => KindId::Choice,
        }
    }

    /// The value written in a framework file.
    pub fn id(&self) -> &'static str {
        self.kind().id()
    }

    /// The answers an item of this kind can have, where they are a fixed set.
    pub fn answers(&self) -> Option<Vec<&str>> {
        match self {
            AnswerKind::Check => Some(CHECK_ANSWERS.to_vec()),
            AnswerKind::Choice(options) => {
                Some(options.iter().map(|o| o.id.value.as_str()).collect())
            }
            AnswerKind::Text | AnswerKind::Date(_) => None,
        }
    }

    /// Checks a raw answer, returning the value to record or what is wrong with it, in
    /// words that name the acceptable answers.
    pub fn parse(&self, raw: &str) -> Result<String, String> {
        let value = raw.trim();
        match self {
            AnswerKind::Check => {
                if CHECK_ANSWERS.contains(&value) {
                    Ok(value.to_owned())
                } else {
                    Err(format!(
                        "`{value}` is not an answer to this item: it takes `yes`, `no` or `not-applicable`"
                    ))
                }
            }
            AnswerKind::Choice(options) => {
                if options.iter().any(|o| o.id.value == value) {
                    Ok(value.to_owned())
                } else {
                    let ids: Vec<&str> = options.iter().map(|o| o.id.value.as_str()).collect();
                    Err(format!(
                        "`{value}` is not one of this item's options: {}",
                        crate::yaml::quoted_list(&ids)
                    ))
                }
            }
            AnswerKind::Date(_) => parse_date(value).map(|()| value.to_owned()),
            AnswerKind::Text => check_text(raw).map(|()| raw.trim().to_owned()),
        }
    }

    /// The label a person saw for `answer`: "Not applicable", or a choice's label.
    pub fn label(&self, answer: &str) -> Option<String> {
        match self {
            AnswerKind::Check => Some(check_label(answer).to_owned()),
            AnswerKind::Choice(options) => options
                .iter()
                .find(|o| o.id.value == answer)
                .map(|o| o.label.value.clone()),
            AnswerKind::Text | AnswerKind::Date(_) => None,
        }
    }

    /// The note policy an item of this kind has when its file names none.
    pub fn default_note(&self) -> NotePolicy {
        match self {
            AnswerKind::Check => NotePolicy::RequiredIfNo,
            AnswerKind::Text | AnswerKind::Date(_) | AnswerKind::Choice(_) => NotePolicy::Optional,
        }
    }

    /// Whether an item of this kind with note policy `policy`, answered `answer`, asks
    /// for a note. A required note is required; a check's "No" needs one by default and
    /// its "Not applicable" invites one (asked, and may be left empty); free text is
    /// its own note.
    pub fn note_need(&self, policy: NotePolicy, answer: &str) -> NoteNeed {
        match (policy, self) {
            (NotePolicy::Required, _) => NoteNeed::Required,
            (NotePolicy::RequiredIfNo, _) if answer == "no" => NoteNeed::Required,
            (NotePolicy::RequiredIfNo, _) if answer == "not-applicable" => NoteNeed::Invited,
            (NotePolicy::RequiredIfNo, _) => NoteNeed::None,
            (NotePolicy::Optional, AnswerKind::Text) => NoteNeed::None,
            (
                NotePolicy::Optional,
                AnswerKind::Check | AnswerKind::Date(_) | AnswerKind::Choice(_),
            ) => NoteNeed::Optional,
        }
    }

    /// Checks an answer and its note together: the answer must suit the kind, and a
    /// note must be given where the answer needs one. Returns the answer to record.
    pub fn accept(
        &self,
        policy: NotePolicy,
        answer: &str,
        note: Option<&str>,
    ) -> Result<Given, Refused> {
        let answer = self.parse(answer).map_err(Refused::Answer)?;
        let note = match note.map(str::trim).filter(|n| !n.is_empty()) {
            Some(note) => {
                check_text(note).map_err(Refused::Note)?;
                Some(note.to_owned())
            }
            None => None,
        };
        if note.is_none() && self.note_need(policy, &answer) == NoteNeed::Required {
            return Err(Refused::NoteNeeded {
                when_no: policy == NotePolicy::RequiredIfNo,
            });
        }
        Ok(Given { answer, note })
    }

    /// Checks an answer already accepted against the day it is given, `today`
    /// (`YYYY-MM-DD`): a `past` date may not be later. The other rules of a kind do not
    /// depend on the day, so a draft's answers stay acceptable as the days go by.
    pub fn check_on(&self, answer: &str, today: &str) -> Result<(), String> {
        match self {
            AnswerKind::Date(rules) if rules.past => check_not_after(answer, today),
            _ => Ok(()),
        }
    }

    /// What `show` says an item of this kind takes.
    pub fn shown(&self) -> String {
        match self {
            AnswerKind::Check => "Yes / No / N/A".to_owned(),
            AnswerKind::Text => "Text".to_owned(),
            AnswerKind::Date(rules) => {
                let mut text = if rules.past {
                    "Date, no later than today".to_owned()
                } else {
                    "Date".to_owned()
                };
                if !rules.not_before.is_empty() {
                    let ids: Vec<String> = rules
                        .not_before
                        .iter()
                        .map(|id| neutralise(&id.value).into_owned())
                        .collect();
                    text.push_str(&format!("\nNot before: {}", ids.join(", ")));
                }
                text
            }
            AnswerKind::Choice(options) => {
                let labels: Vec<String> = options
                    .iter()
                    .map(|o| {
                        format!(
                            "• {} ({})",
                            neutralise(&o.label.value),
                            neutralise(&o.id.value)
                        )
                    })
                    .collect();
                format!("One of:\n{}", labels.join("\n"))
            }
        }
    }

    /// How the terminal asks for an answer of this kind.
    pub fn asking(&self) -> Asking<'_> {
        match self {
            AnswerKind::Check => Asking::Pick(
                CHECK_ANSWERS
                    .into_iter()
                    .map(|a| (a, check_label(a)))
                    .collect(),
            ),
            AnswerKind::Choice(options) => Asking::Pick(
                options
                    .iter()
                    .map(|o| (o.id.value.as_str(), o.label.value.as_str()))
                    .collect(),
            ),
            AnswerKind::Date(_) => Asking::Type("Date (YYYY-MM-DD)"),
            AnswerKind::Text => Asking::Type("Answer"),
        }
    }

    /// An answer an item of this kind accepts, the same every time: `yes`, the first
    /// option, a date, a sentence of text. What tests and benchmarks answer when the
    /// answer itself does not matter.
    pub fn sample_answer(&self) -> String {
        match self {
            AnswerKind::Check => "yes".to_owned(),
            AnswerKind::Choice(options) => options
                .first()
                .map(|o| o.id.value.clone())
                .unwrap_or_default(),
            AnswerKind::Date(_) => "2026-11-02".to_owned(),
            AnswerKind::Text => "Recorded in the case file.".to_owned(),
        }
    }
}

/// One option of a `choice` item: a stable id (used in records, exports and `when`)
/// and the label a person reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChoiceOption {
    pub id: Located<String>,
    pub label: Located<String>,
}

/// When an item asks for a note.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NotePolicy {
    /// A note may be added.
    #[default]
    Optional,
    /// A note is needed whatever the answer.
    Required,
    /// A note is needed when the answer is No (for `check` items only).
    RequiredIfNo,
}

impl NotePolicy {
    pub const ALL: [NotePolicy; 3] = [
        NotePolicy::Optional,
        NotePolicy::Required,
        NotePolicy::RequiredIfNo,
    ];

    /// The id of every policy, in the order of [`NotePolicy::ALL`].
    pub const IDS: [&'static str; NotePolicy::ALL.len()] = {
        let mut ids = [""; NotePolicy::ALL.len()];
        let mut i = 0;
        while i < ids.len() {
            ids[i] = NotePolicy::ALL[i].id();
            i += 1;
        }
        ids
    };

    /// The value written in a framework file.
    pub const fn id(self) -> &'static str {
        match self {
            NotePolicy::Optional => "optional",
            NotePolicy::Required => "required",
            NotePolicy::RequiredIfNo => "required-if-no",
        }
    }

    /// The policy with this id.
    pub fn from_id(id: &str) -> Option<NotePolicy> {
        NotePolicy::ALL.into_iter().find(|p| p.id() == id)
    }
}

/// Whether an answer asks for a note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteNeed {
    /// No note is asked for (one may still be given in an answers file).
    None,
    /// A note may be given: the terminal asks for it only when asked to (`n`, Tab).
    Optional,
    /// A note is asked for by itself, and may be left empty: a check's Not
    /// applicable, where a No would need a note, says why it does not apply.
    Invited,
    Required,
}

/// An answer as given, checked by [`AnswerKind::accept`], before it is recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Given {
    pub answer: String,
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_named_by_its_id() {
        for kind in KindId::ALL {
            assert_eq!(KindId::from_id(kind.id()), Some(kind));
            assert_eq!(AnswerKind::new(kind).kind(), kind);
            assert!(!kind.description().is_empty());
        }
        assert_eq!(KindId::IDS, ["check", "text", "date", "choice"]);
        assert_eq!(KindId::from_id("chek"), None);
    }

    #[test]
    fn a_checks_three_answers_are_told_apart_by_the_answer_not_its_label() {
        assert_eq!(
            CHECK_ANSWERS.map(|a| KindId::Check.checked(a)),
            [
                Some(CheckAnswer::Yes),
                Some(CheckAnswer::No),
                Some(CheckAnswer::NotApplicable)
            ]
        );
        assert_eq!(KindId::Check.checked(check_label("no")), None);
        for kind in [KindId::Text, KindId::Date, KindId::Choice] {
            assert_eq!(kind.checked("no"), None, "{kind:?}");
        }
    }

    #[test]
    fn a_check_needs_a_note_with_no_and_invites_one_with_not_applicable() {
        let check = AnswerKind::Check;
        let policy = check.default_note();
        assert_eq!(check.note_need(policy, "yes"), NoteNeed::None);
        assert_eq!(check.note_need(policy, "no"), NoteNeed::Required);
        assert_eq!(check.note_need(policy, "not-applicable"), NoteNeed::Invited);
        // An invited note may be left out.
        assert!(check.accept(policy, "not-applicable", None).is_ok());
        // Where the note is optional, no answer of a check asks for it by itself.
        for answer in CHECK_ANSWERS {
            assert_eq!(
                check.note_need(NotePolicy::Optional, answer),
                NoteNeed::Optional
            );
        }
    }

    #[test]
    fn the_sample_answer_is_accepted_and_recordable() {
        let options = vec![ChoiceOption {
            id: Located::new("first".to_owned(), Default::default()),
            label: Located::new("First".to_owned(), Default::default()),
        }];
        for kind in KindId::ALL {
            let kind = match AnswerKind::new(kind) {
                AnswerKind::Choice(_) => AnswerKind::Choice(options.clone()),
                other => other,
            };
            let answer = kind.sample_answer();
            let given = kind.accept(kind.default_note(), &answer, Some("A note"));
            assert_eq!(given.map(|g| g.answer), Ok(answer.clone()), "{kind:?}");
            assert_eq!(kind.kind().check_recorded(&answer), Ok(()), "{kind:?}");
            match kind.asking() {
                Asking::Pick(list) => assert_eq!(list[0].0, answer),
                Asking::Type(prompt) => assert!(!prompt.is_empty()),
            }
        }
    }
}
