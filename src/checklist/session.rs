//! One sitting of the checklist: what to ask next, going back, saving after every
//! answer, the review and sign-off. The session talks to a person (or a file, or a
//! test script) only through a [`Prompter`], and saves only through a [`Store`], so it
//! is plain code that unit tests drive with a script.

use std::cell::RefCell;

use crate::error::Error;
use crate::framework::{CheckAnswer, Given, Item};
use crate::keys::Asked;
use crate::keys::plan::Plan;
use crate::keys::{KeyFile, Unlocked};
use crate::record::draft::DraftFile;
use crate::record::{Answer, Change, Event, Field, Part, Record, Signer};

use super::{Checklist, DateOrder, Missing, SectionInfo};

/// What a person did at a prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply<T> {
    /// An answer, already checked by the prompter.
    Value(T),
    /// Left unanswered (an optional item, or an answers file that does not answer it).
    Skip,
    /// Remove the answer already given to an optional item.
    Clear,
    /// Go back to the previous item (or, at sign-off, to the review).
    Back,
    /// Stop here: Ctrl-C, Esc or a closed terminal. Everything answered is saved.
    Leave,
    /// Save this answer, then stop: the person left at an optional part of the item
    /// (its note) after giving the answer itself.
    Last(T),
}

/// An item to ask.
#[derive(Debug)]
pub struct ItemQuestion<'a> {
    pub item: &'a Item,
    /// "Principle 2 of 5 · item 3 of 7".
    pub position: String,
    /// How far the whole case has come: "23 of 41 answered".
    pub progress: String,
    /// The answer already given, offered as the default.
    pub current: Option<&'a Answer>,
    /// With no answer: the answer a move to a changed framework set aside (the item
    /// was reworded, say), when it had a note. Its note is offered for editing once
    /// the item is answered again, as a changed answer's note is.
    pub set_aside: Option<&'a Change>,
    /// Whether there is an earlier item to go back to.
    pub can_go_back: bool,
    /// Asked from the review to change an answer: "back" returns to the review.
    pub from_review: bool,
    /// Text left unconfirmed in the answer and the note before (in this sitting or an
    /// earlier one): offered again as the field's text, marked as unconfirmed.
    pub unconfirmed: Fields<Option<&'a str>>,
    /// What the prompter found typed in each field it left without a confirmation
    /// ([`ItemQuestion::keep`]): the session keeps it as the field's unconfirmed text.
    pub left: RefCell<Fields<Option<String>>>,
}

/// One value for each field of an item that text is typed into.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fields<T> {
    pub answer: T,
    pub note: T,
}

impl<T> Fields<T> {
    pub fn get(&self, field: Field) -> &T {
        match field {
            Field::Answer => &self.answer,
            Field::Note => &self.note,
        }
    }

    pub fn get_mut(&mut self, field: Field) -> &mut T {
        match field {
            Field::Answer => &mut self.answer,
            Field::Note => &mut self.note,
        }
    }
}

impl ItemQuestion<'_> {
    /// Says that the person left `field` without confirming it, with `text` in it
    /// (blank text: nothing is left to keep, and unconfirmed text kept before goes).
    /// Said for a field the prompter leaves; a field not left keeps what it held.
    pub fn keep(&self, field: Field, text: &str) {
        *self.left.borrow_mut().get_mut(field) = Some(text.to_owned());
    }

    /// The unconfirmed text to offer in `field`: what was left in it while this item
    /// was being asked, else what was left before; `None` for none.
    pub fn draft(&self, field: Field) -> Option<String> {
        let left = self.left.borrow().get(field).clone();
        left.or_else(|| self.unconfirmed.get(field).map(str::to_owned))
            .filter(|t| !t.trim().is_empty())
    }
}

/// One row of the review table.
#[derive(Clone, Debug)]
pub struct ReviewRow {
    pub index: usize,
    /// "Case details", "Principle 2", "Decision".
    pub section: String,
    /// The part's full title ("Ensuring welfare and support").
    pub title: String,
    /// The item's number within its part, as its item screen shows it ("item 3 of
    /// 7"): see [`Checklist::numbers`].
    pub number: usize,
    pub item: String,
    pub prompt: String,
    /// The answer as a person reads it, or `None` when unanswered.
    pub answer: Option<String>,
    /// For a check, which of its three answers was given.
    pub checked: Option<CheckAnswer>,
    pub note: Option<String>,
    pub required: bool,
    /// Whether a No (or Not applicable) to this check is worth looking at again: the
    /// framework asks for a note with its No. Where a check's note is optional (is the
    /// practitioner a doctor in training?), a No is a plain fact of the case.
    pub no_matters: bool,
    /// Whether text typed into its answer or note was left unconfirmed.
    pub unconfirmed: bool,
    /// For the item the framework answers itself, why it cannot be changed here: it
    /// is never asked, and a choice to change it is only told this.
    pub fixed: Option<String>,
    /// Each time a confirmed answer (or its note) was changed or cleared, oldest first,
    /// in words: what it was, when, who made the change and why (see [`changes`]).
    pub changes: Vec<String>,
}

/// The changes the history of `record` holds to the answer of `item`, in words, oldest
/// first: "changed from “No” · 2026-12-02 14:03 GMT · by Dr A. Example · reason: “…”".
/// Only changes and clearings: an answer first given, withdrawn or set by the
/// framework is not a change a person made to a confirmed answer.
pub fn changes(record: &Record, item: &Item) -> Vec<String> {
    let id = &item.id.value;
    let shown = |answer: &Option<String>| match answer {
        Some(a) => format!(
            "\u{201c}{}\u{201d}",
            item.label(a).unwrap_or_else(|| a.clone())
        ),
        None => "nothing".to_owned(),
    };
    record
        .history
        .iter()
        .filter(|c| c.item.as_deref() == Some(id.as_str()))
        .filter_map(|c| {
            let what = match c.event {
                Event::Changed if c.old_answer != c.new_answer => {
                    format!("changed from {}", shown(&c.old_answer))
                }
                Event::Changed => "note changed".to_owned(),
                Event::Cleared => format!("cleared (was {})", shown(&c.old_answer)),
                _ => return None,
            };
            let mut text = format!("{what} · {}", crate::value::shown_time(&c.at));
            if let Some(by) = &c.by {
                text.push_str(&format!(" · by {by}"));
            }
            match &c.reason {
                Some(reason) => text.push_str(&format!(" · reason: \u{201c}{reason}\u{201d}")),
                None if c.by.is_some() => text.push_str(" · no reason given"),
                None => {}
            }
            Some(text)
        })
        .collect()
}

/// What to do after the review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewChoice {
    SignOff,
    /// Change the answer to the step with this index.
    Change(usize),
    /// Save and leave: the draft stays a draft.
    Leave,
    /// Esc, Ctrl-C or a closed terminal at the review.
    Interrupted,
}

/// The person, file or script that answers.
pub trait Prompter {
    /// A new part of the checklist begins.
    fn section(&mut self, section: &SectionInfo) -> Result<(), Error>;
    /// Asks one item; the reply's answer must have passed [`Item::accept`].
    fn item(&mut self, question: &ItemQuestion) -> Result<Reply<Given>, Error>;
    /// Shows every answer, what sign-off still needs and any dates out of order (which
    /// do not stop sign-off), and asks what to do next.
    fn review(
        &mut self,
        rows: &[ReviewRow],
        missing: &[Missing],
        dates: &[DateOrder],
    ) -> Result<ReviewChoice, Error>;
    /// Sign-off was asked for but these are still needed.
    fn cannot_sign(&mut self, missing: &[Missing]) -> Result<(), Error>;
    /// Asks who signs, shows the declaration and has the signer confirm it. `rows` is
    /// the case as the review shows it, every item complete (sign-off is refused
    /// before this while anything is missing), for a summary the signer reads first.
    fn signer(&mut self, declaration: &str, rows: &[ReviewRow]) -> Result<Reply<Signer>, Error>;
    /// A confirmed answer to `item` is being changed or cleared: asks why, after the
    /// new answer. `Value` holds the reason, blank for none (refused by the prompter,
    /// and asked again, where `required`); `Back` abandons the change, which keeps the
    /// old answer; `Leave` abandons it and ends the sitting. A prompter that never
    /// changes a confirmed answer (an answers file) need not ask.
    fn reason(&mut self, item: &Item, required: bool) -> Result<Reply<String>, Error> {
        let _ = (item, required);
        Ok(Reply::Value(String::new()))
    }

    /// Told, just before [`Prompter::signer`], why the record needs a countersignature
    /// once signed (`None`: it needs none), to say so at sign-off.
    fn countersignature(&mut self, _why: Option<&str>) {}

    /// Told, after an answer was given or changed, the prompts of the items it hid,
    /// whose answers were withdrawn into the history: to say so.
    fn withdrawn(&mut self, _prompts: &[String]) {}

    /// Told, before each [`Prompter::review`], what the record amends (its case, then
    /// as [`crate::record::chain::describe_link`] says it), or `None` for a record that
    /// is no amendment: a long review must not scroll that out of sight.
    fn amendment(&mut self, _said: Option<&str>) {}

    /// Asks for the passphrase of `key`, about to sign (`again`: the last one given
    /// did not unlock it). `Back` returns to the review; `Leave` ends the sitting. A
    /// prompter with none to give (an answers file without one) refuses.
    fn passphrase(&mut self, key: &KeyFile, again: bool) -> Result<Reply<Passphrase>, Error> {
        let _ = again;
        Err(Error::Key(crate::error::KeyProblem::NoPassphrase {
            path: key.path.clone(),
        }))
    }

    /// Signing with the key is refused (`problem` says why): nothing is signed. A
    /// person goes back to the review; a file's run ends with the error.
    fn key_refused(&mut self, problem: Error) -> Result<(), Error> {
        Err(problem)
    }

    /// Something to know about the key before it signs (it is not listed for the
    /// name): said, and signing goes on.
    fn key_warning(&mut self, _said: &str) {}
}

/// A passphrase, wiped from memory once dropped.
pub type Passphrase = zeroize::Zeroizing<String>;

/// What unlocking the key at sign-off came to.
enum Unlock {
    /// No key signs: none is set, or the record cannot hold a key signature.
    NoKey,
    Key(Box<Unlocked>),
    /// Back to the review, nothing signed.
    Back,
    Leave,
}

/// Where the record is kept between answers.
pub trait Store {
    fn save(&mut self, record: &Record) -> Result<(), Error>;
}

/// Keeps the record in memory only (an answers file is written once, at the end).
#[derive(Debug, Default)]
pub struct Memory;

impl Store for Memory {
    fn save(&mut self, _: &Record) -> Result<(), Error> {
        Ok(())
    }
}

/// Saves the draft on disk over itself after every answer (a terminal session).
impl Store for DraftFile {
    fn save(&mut self, record: &Record) -> Result<(), Error> {
        DraftFile::save(self, record)
    }
}

/// How a session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Signed and sealed.
    Signed,
    /// Saved as a draft, by choice.
    Saved,
    /// Interrupted; the draft holds everything answered.
    Interrupted,
}

/// Where a session begins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    /// From the first item, asking every item in turn.
    Beginning,
    /// From the first item not yet answered; a complete draft goes to the review.
    Resume,
    /// Just moved to a changed framework (`--migrate`): as `Resume`, and every item
    /// asked in this case that has no answer is asked wherever it is, optional ones
    /// too, so that each item new to the framework or asked again is put to the person
    /// (an optional item left unanswered before the move is offered once more).
    Migrated,
}

pub struct Session<'a, P, S> {
    list: &'a Checklist<'a>,
    pub record: Record,
    pub prompter: P,
    pub store: S,
    clock: fn() -> String,
    /// Who is working in this sitting (see [`Session::sitting`]).
    by: Option<String>,
    /// The history entries from this one on were added in this sitting.
    sitting_from: usize,
    /// The key sign-off signs with, if any (see [`Session::keys`]).
    keys: Option<&'a Plan>,
}

impl<'a, P: Prompter, S: Store> Session<'a, P, S> {
    pub fn new(
        list: &'a Checklist<'a>,
        record: Record,
        prompter: P,
        store: S,
        clock: fn() -> String,
    ) -> Self {
        let sitting_from = record.history.len();
        Session {
            list,
            record,
            prompter,
            store,
            clock,
            by: None,
            sitting_from,
            keys: None,
        }
    }

    /// Sign-off signs with the key `plan` holds, as well as sealing; its passphrase
    /// is asked for once the signer has confirmed the declaration.
    pub fn keys(mut self, plan: &'a Plan) -> Self {
        self.keys = Some(plan);
        self
    }

    /// The key unlocked for `signer`, once the organisation's files allow it.
    fn unlock(&mut self, signer: &Signer) -> Result<Unlock, Error> {
        let Some(plan) = self.keys else {
            return Ok(Unlock::NoKey);
        };
        match plan.applies_to(&self.record) {
            Ok(true) => {}
            Ok(false) => return Ok(Unlock::NoKey),
            Err(refused) => {
                self.prompter.key_refused(refused)?;
                return Ok(Unlock::Back);
            }
        }
        let key = plan.key.as_ref().expect("a plan that applies has a key");
        let now = (self.clock)()
            .parse::<jiff::Timestamp>()
            .unwrap_or_else(|_| jiff::Timestamp::now());
        match plan.check_signer(&signer.name, now) {
            Err(refused) => {
                self.prompter.key_refused(refused)?;
                return Ok(Unlock::Back);
            }
            Ok(Some(warning)) => self.prompter.key_warning(&warning),
            Ok(None) => {}
        }
        if !key.protected() {
            self.prompter.key_warning(&format!(
                "the key `{}` has no passphrase: anyone who can open its file can sign as you",
                crate::error::shown(&key.path)
            ));
            return key.unlock("").map(|k| Unlock::Key(Box::new(k)));
        }
        let asked = crate::keys::unlock_asking(key, |again| {
            Ok(match self.prompter.passphrase(key, again)? {
                Reply::Value(passphrase) => Ok(passphrase),
                Reply::Leave | Reply::Last(_) => Err(Unlock::Leave),
                Reply::Back | Reply::Skip | Reply::Clear => Err(Unlock::Back),
            })
        })?;
        match asked {
            Asked::Unlocked(unlocked) => Ok(Unlock::Key(Box::new(unlocked))),
            Asked::Stopped(stopped) => Ok(stopped),
            Asked::Locked(locked) => {
                self.prompter.key_refused(locked)?;
                Ok(Unlock::Back)
            }
        }
    }

    /// Names who is working in this sitting: every history entry from entry `from` on
    /// (those added since the sitting began, before the session too: a migration, the
    /// framework's own answer) is saved with `by` this name, in a format-2 record.
    /// Entries of earlier sittings are never rewritten. Entries made by sign-off take
    /// the signer's name instead.
    pub fn sitting(mut self, by: Option<String>, from: usize) -> Self {
        self.by = by;
        self.sitting_from = from.min(self.record.history.len());
        self
    }

    /// Puts the sitting's name on every entry of the sitting that has none yet.
    fn stamp(&mut self) {
        if self.record.format == crate::record::Format::V1 {
            return;
        }
        let Some(by) = &self.by else { return };
        let from = self.sitting_from.min(self.record.history.len());
        for change in &mut self.record.history[from..] {
            if change.by.is_none() {
                change.by = Some(by.clone());
            }
        }
    }

    fn save(&mut self) -> Result<(), Error> {
        self.stamp();
        self.store.save(&self.record)
    }

    /// Runs the session to its end.
    pub fn run(&mut self, start: Start) -> Result<Outcome, Error> {
        let steps = self.list.steps.len();
        let from = match start {
            Start::Beginning => 0,
            // Where the draft stopped: after the last item answered. Earlier items are
            // asked only if sign-off still needs them (after a migration, say).
            Start::Resume | Start::Migrated => {
                let shown = self.list.visible(&self.record);
                // The framework's own answer was not given in a sitting.
                (0..steps)
                    .rev()
                    .find(|&i| {
                        shown[i]
                            && !self.list.is_preset(i)
                            && self
                                .record
                                .answer(&self.list.steps[i].item.id.value)
                                .is_some()
                    })
                    .map_or(0, |i| i + 1)
            }
        };
        let unanswered = if start == Start::Migrated {
            Before::Unanswered
        } else {
            Before::Incomplete
        };
        if self.walk(from, unanswered)? == Walked::Left {
            return Ok(Outcome::Interrupted);
        }
        self.review()
    }

    /// Asks the shown items in order: before step `from`, only those sign-off still
    /// needs (and, as `before` says, those without an answer); from `from` on, every one.
    fn walk(&mut self, from: usize, before: Before) -> Result<Walked, Error> {
        let steps = self.list.steps.len();
        let mut i = 0;
        // After going back, the item gone back to is asked even if complete.
        let mut forced = false;
        let mut last_section = None;
        while i < steps {
            let shown = self.list.visible(&self.record);
            // The framework's own answer is never asked: nor gone back to.
            let asked = |j: usize| shown[j] && !self.list.is_preset(j);
            let unanswered = before == Before::Unanswered
                && self
                    .record
                    .answer(&self.list.steps[i].item.id.value)
                    .is_none();
            // Text left unconfirmed is offered again wherever it is.
            let unconfirmed = self
                .record
                .has_unconfirmed(&self.list.steps[i].item.id.value);
            let wanted = asked(i)
                && (forced
                    || i >= from
                    || unanswered
                    || unconfirmed
                    || !self.list.is_complete(&self.record, i));
            if !wanted {
                i += 1;
                continue;
            }
            forced = false;
            let section = self.list.steps[i].section;
            if last_section != Some(section) {
                self.prompter.section(&self.list.sections[section])?;
                last_section = Some(section);
            }
            let previous = (0..i).rev().find(|&j| asked(j));
            match self.ask(i, previous.is_some(), false)? {
                Reply::Value(()) | Reply::Skip | Reply::Clear => i += 1,
                Reply::Back => {
                    if let Some(j) = previous {
                        i = j;
                        forced = true;
                    }
                }
                Reply::Leave | Reply::Last(()) => return Ok(Walked::Left),
            }
        }
        Ok(Walked::Finished)
    }

    /// Asks step `index` and saves the answer, and any text left unconfirmed in its
    /// fields; one save for both.
    fn ask(
        &mut self,
        index: usize,
        can_go_back: bool,
        from_review: bool,
    ) -> Result<Reply<()>, Error> {
        let step = &self.list.steps[index];
        let id = step.item.id.value.clone();
        let current = self.record.answer(&id);
        // The latest change to this item, if the move to a changed framework took its
        // answer and nothing has been given since.
        let set_aside = self
            .record
            .history
            .iter()
            .rev()
            .find(|c| c.item.as_deref() == Some(id.as_str()))
            .filter(|c| current.is_none() && c.event == Event::Dropped && c.old_note.is_some());
        let question = ItemQuestion {
            item: step.item,
            position: self.list.position(&self.record, index),
            progress: self.list.progress(&self.record).to_string(),
            current,
            set_aside,
            can_go_back,
            from_review,
            unconfirmed: Fields {
                answer: self.record.unconfirmed(&id, Field::Answer),
                note: self.record.unconfirmed(&id, Field::Note),
            },
            left: RefCell::default(),
        };
        let reply = self.prompter.item(&question)?;
        let left = question.left.take();
        // A confirmed answer, or its note, changed or cleared: why, before it is made.
        // A note added where there was none changes nothing confirmed.
        let alters = match (&reply, current) {
            (Reply::Value(g) | Reply::Last(g), Some(a)) => {
                a.answer != g.answer || (a.note.is_some() && a.note != g.note)
            }
            (Reply::Clear, Some(_)) => true,
            _ => false,
        };
        let required = self.list.reason_required(&id);
        let mut reply = reply;
        let mut reason = None;
        if alters {
            match &reply {
                // Left at the note after the new answer: it is saved without asking
                // more, unless the framework needs a reason, when the old answer stays.
                Reply::Last(_) if required => reply = Reply::Leave,
                Reply::Last(_) => {}
                _ => match self.prompter.reason(step.item, required)? {
                    Reply::Value(text) if !text.trim().is_empty() => {
                        reason = Some(text.trim().to_owned());
                    }
                    // A prompter that gave none where one is needed: nothing is changed.
                    Reply::Value(_) if required => return Ok(Reply::Skip),
                    Reply::Value(_) => {}
                    Reply::Leave | Reply::Last(_) => return Ok(Reply::Leave),
                    // The old answer is kept, and nothing else of the item changes.
                    Reply::Back | Reply::Skip | Reply::Clear => return Ok(Reply::Skip),
                },
            }
        }
        let now = (self.clock)();
        let before = self.record.history.len();
        let mut changed = match &reply {
            Reply::Value(given) | Reply::Last(given) => {
                self.list.apply(&mut self.record, index, given, &now)
            }
            Reply::Clear => self.list.clear(&mut self.record, index, &now),
            Reply::Skip | Reply::Back | Reply::Leave => false,
        };
        if let Some(reason) = reason
            && let Some(entry) = self.record.history[before..].iter_mut().find(|c| {
                c.item.as_deref() == Some(id.as_str())
                    && matches!(c.event, Event::Changed | Event::Cleared)
            })
        {
            entry.reason = Some(reason);
        }
        changed |= match &reply {
            // Confirmed: nothing of the item is left unconfirmed.
            Reply::Value(_) | Reply::Skip | Reply::Clear => self.record.drop_unconfirmed(&id, None),
            Reply::Back | Reply::Leave | Reply::Last(_) => self.keep_left(&id, left, &now),
        };
        if changed {
            self.record.case.updated = now;
            self.save()?;
        }
        // Answers this one hid: never withdrawn without a word.
        let withdrawn: Vec<String> = self.record.history[before..]
            .iter()
            .filter(|c| c.event == Event::Withdrawn)
            .filter_map(|c| c.item.as_deref())
            .map(|id| match self.list.index_of(id) {
                Some(i) => self.list.steps[i].item.prompt.value.clone(),
                None => id.to_owned(),
            })
            .collect();
        if !withdrawn.is_empty() {
            self.prompter.withdrawn(&withdrawn);
        }
        Ok(match reply {
            Reply::Value(_) => Reply::Value(()),
            Reply::Last(_) => Reply::Last(()),
            Reply::Clear => Reply::Clear,
            Reply::Skip => Reply::Skip,
            Reply::Back => Reply::Back,
            Reply::Leave => Reply::Leave,
        })
    }

    /// Keeps what was left typed in item `id`'s fields as their unconfirmed text: text
    /// that differs from what the record holds for the field, which needs confirming;
    /// blank text, or the record's own, removes any kept before. Whether anything
    /// changed.
    fn keep_left(&mut self, id: &str, left: Fields<Option<String>>, now: &str) -> bool {
        let mut changed = false;
        for field in [Field::Answer, Field::Note] {
            let Some(text) = left.get(field) else {
                continue;
            };
            let answer = self.record.answer(id);
            let saved = match field {
                Field::Answer => answer.map(|a| a.answer.as_str()),
                Field::Note => answer.and_then(|a| a.note.as_deref()),
            };
            changed |= if text.trim() == saved.unwrap_or("").trim() {
                self.record.drop_unconfirmed(id, Some(field))
            } else {
                self.record.keep_unconfirmed(id, field, text, now)
            };
        }
        changed
    }

    fn review(&mut self) -> Result<Outcome, Error> {
        loop {
            let rows = self.rows();
            let missing = self.list.missing(&self.record);
            let dates = self.list.dates_out_of_order(&self.record);
            let amends = crate::record::chain::describe_link(&self.record)
                .map(|link| format!("case {}, {link}", self.record.case.reference));
            self.prompter.amendment(amends.as_deref());
            match self.prompter.review(&rows, &missing, &dates)? {
                ReviewChoice::Leave => return Ok(Outcome::Saved),
                ReviewChoice::Interrupted => return Ok(Outcome::Interrupted),
                // The prompter has said why it cannot be changed (`ReviewRow::fixed`).
                ReviewChoice::Change(index) if self.list.is_preset(index) => {}
                ReviewChoice::Change(index) => match self.ask(index, false, true)? {
                    Reply::Leave | Reply::Last(()) => return Ok(Outcome::Interrupted),
                    Reply::Back => {}
                    // A changed answer can bring new items into the case: ask them.
                    Reply::Value(()) | Reply::Skip | Reply::Clear => {
                        if self.walk(self.list.steps.len(), Before::Incomplete)? == Walked::Left {
                            return Ok(Outcome::Interrupted);
                        }
                    }
                },
                ReviewChoice::SignOff if !missing.is_empty() => {
                    self.prompter.cannot_sign(&missing)?;
                }
                ReviewChoice::SignOff => {
                    let why = self.list.countersignature(&self.record);
                    self.prompter.countersignature(why.as_deref());
                    match self
                        .prompter
                        .signer(&self.list.framework.declaration, &rows)?
                    {
                        Reply::Value(signer) => {
                            let key = match self.unlock(&signer)? {
                                Unlock::NoKey => None,
                                Unlock::Key(key) => Some(*key),
                                Unlock::Back => continue,
                                Unlock::Leave => return Ok(Outcome::Interrupted),
                            };
                            let now = (self.clock)();
                            self.stamp();
                            let mut signed = self.record.clone();
                            self.list.sign(&mut signed, &signer, &now);
                            if let Some(key) = &key {
                                Plan::sign(&mut signed, Part::SignOff, key);
                            }
                            self.store.save(&signed)?;
                            self.record = signed;
                            return Ok(Outcome::Signed);
                        }
                        Reply::Back | Reply::Skip | Reply::Clear => {}
                        Reply::Leave | Reply::Last(_) => return Ok(Outcome::Interrupted),
                    }
                }
            }
        }
    }

    /// The review table: every shown item, answered or not.
    fn rows(&self) -> Vec<ReviewRow> {
        let numbers = self.list.numbers(&self.record);
        self.list
            .steps
            .iter()
            .enumerate()
            .filter_map(|(i, step)| Some((i, step, numbers[i]?)))
            .map(|(index, step, number)| {
                let answer = self.record.answer(&step.item.id.value);
                ReviewRow {
                    index,
                    section: match self.list.sections[step.section].principle {
                        Some(n) => format!("Principle {n}"),
                        None => self.list.sections[step.section].title.to_owned(),
                    },
                    title: self.list.sections[step.section].title.to_owned(),
                    number,
                    item: step.item.id.value.clone(),
                    prompt: step.item.prompt.value.clone(),
                    answer: answer.map(|a| a.label.clone().unwrap_or_else(|| a.answer.clone())),
                    checked: answer.and_then(|a| step.item.answer.kind().checked(&a.answer)),
                    note: answer.and_then(|a| a.note.clone()),
                    required: step.item.required,
                    no_matters: step.item.note != crate::framework::NotePolicy::Optional,
                    unconfirmed: self.record.has_unconfirmed(&step.item.id.value),
                    fixed: self
                        .list
                        .preset()
                        .filter(|(i, _)| *i == index)
                        .map(|(_, preset)| {
                            format!(
                                "`{}` is set by the framework's jurisdiction (`{}`) and cannot be changed here: to record another nation, adapt the framework (its `jurisdiction`, or `jurisdiction: null` to ask the nation case by case)",
                                preset.item.id.value,
                                preset.source()
                            )
                        }),
                    changes: changes(&self.record, step.item),
                }
            })
            .collect()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Walked {
    Finished,
    Left,
}

/// Which items before its starting point a walk through the checklist asks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Before {
    /// Those sign-off still needs.
    Incomplete,
    /// Those, and every other item without an answer.
    Unanswered,
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use super::*;
    use crate::framework::{BUILTIN_TEXT, Framework, check};
    use crate::record::{Event, FrameworkSource, Status};

    /// The text a scripted reply leaves in the item's fields.
    type Left = Vec<(Field, String)>;

    /// A prompter that follows a script: answers by item id, or steps.
    #[derive(Default)]
    struct Script {
        /// Replies to items, in order, with the text each leaves in the item's
        /// fields; an item not in the script is answered with its first acceptable
        /// answer.
        replies: VecDeque<(String, Reply<Given>, Left)>,
        /// The unconfirmed text offered with each item asked, by field.
        offered: Vec<(String, Fields<Option<String>>)>,
        /// Whether each review showed unconfirmed text, by item.
        flagged: Vec<Vec<String>>,
        review: VecDeque<ReviewChoice>,
        signer: Option<Signer>,
        asked: Vec<String>,
        sections: Vec<String>,
        refused: Vec<Vec<Missing>>,
        /// The dates out of order shown at each review.
        dates: Vec<Vec<String>>,
    }

    impl Script {
        /// A script that takes `review` at the review and then signs as a case manager.
        fn signing(review: &[ReviewChoice]) -> Self {
            Script {
                review: review.iter().copied().collect(),
                signer: Some(Signer {
                    name: "A. Tester".into(),
                    role: "Case manager".into(),
                }),
                ..Script::default()
            }
        }

        fn reply(mut self, id: &str, reply: Reply<Given>) -> Self {
            self.replies.push_back((id.to_owned(), reply, Vec::new()));
            self
        }

        /// Replies to `id` with `reply`, leaving `text` in `field` unconfirmed.
        fn leaving(mut self, id: &str, reply: Reply<Given>, field: Field, text: &str) -> Self {
            self.replies
                .push_back((id.to_owned(), reply, vec![(field, text.to_owned())]));
            self
        }
    }

    fn given(answer: &str, note: Option<&str>) -> Reply<Given> {
        Reply::Value(Given {
            answer: answer.into(),
            note: note.map(Into::into),
        })
    }

    fn default_answer(item: &Item) -> Given {
        let answer = item.answer.sample_answer();
        let note = (item.note_need(&answer) == crate::framework::NoteNeed::Required)
            .then(|| "A note".to_owned());
        Given { answer, note }
    }

    impl Prompter for Script {
        fn section(&mut self, section: &SectionInfo) -> Result<(), Error> {
            self.sections.push(section.id.to_string());
            Ok(())
        }
        fn item(&mut self, q: &ItemQuestion) -> Result<Reply<Given>, Error> {
            let id = q.item.id.value.clone();
            self.asked.push(id.clone());
            let offered = Fields {
                answer: q.unconfirmed.answer.map(str::to_owned),
                note: q.unconfirmed.note.map(str::to_owned),
            };
            if offered != Fields::default() {
                self.offered.push((id.clone(), offered));
            }
            if self.replies.front().is_some_and(|(next, ..)| *next == id) {
                let (_, reply, left) = self.replies.pop_front().unwrap();
                for (field, text) in left {
                    q.keep(field, &text);
                }
                return Ok(reply);
            }
            Ok(Reply::Value(default_answer(q.item)))
        }
        fn review(
            &mut self,
            rows: &[ReviewRow],
            _: &[Missing],
            dates: &[DateOrder],
        ) -> Result<ReviewChoice, Error> {
            self.flagged.push(
                rows.iter()
                    .filter(|r| r.unconfirmed)
                    .map(|r| r.item.clone())
                    .collect(),
            );
            self.dates
                .push(dates.iter().map(ToString::to_string).collect());
            Ok(self.review.pop_front().unwrap_or(ReviewChoice::Leave))
        }
        fn cannot_sign(&mut self, missing: &[Missing]) -> Result<(), Error> {
            self.refused.push(missing.to_vec());
            Ok(())
        }
        fn signer(&mut self, _: &str, _: &[ReviewRow]) -> Result<Reply<Signer>, Error> {
            Ok(self.signer.clone().map_or(Reply::Back, Reply::Value))
        }
    }

    /// Counts saves.
    #[derive(Default)]
    struct Counter(usize);

    impl Store for Counter {
        fn save(&mut self, _: &Record) -> Result<(), Error> {
            self.0 += 1;
            Ok(())
        }
    }

    fn clock() -> String {
        "2026-11-23T10:00:00Z".to_owned()
    }

    fn builtin() -> Framework {
        check(BUILTIN_TEXT).framework.unwrap()
    }

    /// A new draft of the case `C-1`, made with the built-in framework.
    fn blank(list: &Checklist) -> Record {
        list.new_record("C-1", "sha256:0", &FrameworkSource::BuiltIn, "t0")
    }

    #[test]
    fn a_whole_case_is_asked_in_order_saved_after_each_answer_and_signed() {
        let fw = builtin();
        let list = Checklist::new(&fw);
        let record = blank(&list);
        let script = Script::signing(&[ReviewChoice::SignOff])
            .reply("patient-safety-incident", given("yes", None))
            .reply(
                "concern-specific",
                given("no", Some("Only one vague email")),
            );
        let mut session = Session::new(&list, record, script, Counter::default(), clock);
        assert_eq!(session.run(Start::Beginning).unwrap(), Outcome::Signed);

        let record = &session.record;
        assert_eq!(record.status, Status::Signed);
        assert!(record.seal.is_some());
        // `learning-response-concern` is asked because the incident answer was yes; the
        // policy of another nation and the other route are not.
        let asked = &session.prompter.asked;
        assert!(asked.contains(&"learning-response-concern".to_owned()));
        assert!(!asked.contains(&"policy-wales".to_owned()));
        assert!(!asked.contains(&"route-other".to_owned()));
        assert_eq!(asked.len(), record.answers.len());
        assert_eq!(
            session.store.0,
            record.answers.len() + 1,
            "one save per answer, one to sign"
        );
        let sections = &session.prompter.sections;
        assert_eq!(sections.len(), 7, "{sections:?}");
        assert_eq!(
            record.answer("concern-specific").unwrap().note.as_deref(),
            Some("Only one vague email")
        );
    }

    #[test]
    fn going_back_asks_the_previous_shown_item_again_and_keeps_the_change() {
        let fw = builtin();
        let list = Checklist::new(&fw);
        let record = blank(&list);
        let script = Script::default()
            .reply("advice-contacted", given("no", Some("Not yet")))
            .reply("interim-measure", Reply::Back)
            // Back skips the hidden `advice-contacted-on` and `advice-given`.
            .reply("advice-contacted", given("yes", None))
            .reply("advice-contacted-on", given("2026-11-01", None));
        let mut session = Session::new(&list, record, script, Counter::default(), clock);
        assert_eq!(session.run(Start::Beginning).unwrap(), Outcome::Saved);
        let record = &session.record;
        assert_eq!(record.answer("advice-contacted").unwrap().answer, "yes");
        assert_eq!(
            record.answer("advice-contacted-on").unwrap().answer,
            "2026-11-01"
        );
        assert_eq!(record.history.len(), 1);
        assert_eq!(record.history[0].event, Event::Changed);
        assert_eq!(record.history[0].old_note.as_deref(), Some("Not yet"));
    }

    #[test]
    fn leaving_stops_at_once_and_resuming_starts_at_the_first_gap() {
        let fw = builtin();
        let list = Checklist::new(&fw);
        let record = blank(&list);
        let script = Script::default().reply("evidence-distinguished", Reply::Leave);
        let mut session = Session::new(&list, record, script, Counter::default(), clock);
        assert_eq!(session.run(Start::Beginning).unwrap(), Outcome::Interrupted);
        assert!(session.record.answer("concern-specific").is_some());
        assert!(session.record.answer("evidence-distinguished").is_none());

        let record = session.record.clone();
        let mut session = Session::new(&list, record, Script::default(), Counter::default(), clock);
        session.run(Start::Resume).unwrap();
        assert_eq!(session.prompter.asked[0], "evidence-distinguished");
    }

    #[test]
    fn text_left_at_a_note_by_going_back_is_kept_unconfirmed_and_offered_again() {
        let fw = builtin();
        let list = Checklist::new(&fw);
        let script = Script::default()
            .reply("advice-contacted", given("no", Some("Not yet")))
            .leaving("interim-measure", Reply::Back, Field::Note, "Half a reason")
            .reply("advice-contacted", given("no", Some("Not yet")))
            .reply("interim-measure", given("no", Some("Half a reason, whole")));
        let mut session = Session::new(&list, blank(&list), script, Counter::default(), clock);
        assert_eq!(session.run(Start::Beginning).unwrap(), Outcome::Saved);
        let offered = &session.prompter.offered;
        assert_eq!(offered.len(), 1, "{offered:?}");
        assert_eq!(offered[0].0, "interim-measure");
        assert_eq!(offered[0].1.note.as_deref(), Some("Half a reason"));
        // Confirmed: the note is the one given, and nothing is left unconfirmed.
        let record = &session.record;
        assert_eq!(
            record.answer("interim-measure").unwrap().note.as_deref(),
            Some("Half a reason, whole")
        );
        assert!(record.unconfirmed.is_empty());
        assert_eq!(session.prompter.flagged, [Vec::<String>::new()]);
    }

    #[test]
    fn text_left_unconfirmed_holds_up_sign_off_and_resuming_goes_back_to_it() {
        let fw = builtin();
        let list = Checklist::new(&fw);
        let rationale = list.index_of("rationale").unwrap();
        // From the review, the rationale is changed and left with ↑, half retyped.
        let script = Script::signing(&[
            ReviewChoice::Change(rationale),
            ReviewChoice::SignOff,
            ReviewChoice::Leave,
        ])
        .reply("rationale", given("Sound reasons", None))
        .leaving("rationale", Reply::Back, Field::Answer, "Because the");
        let mut session = Session::new(&list, blank(&list), script, Counter::default(), clock);
        assert_eq!(session.run(Start::Beginning).unwrap(), Outcome::Saved);
        let record = session.record.clone();
        assert_eq!(record.status, crate::record::Status::Draft);
        assert_eq!(
            record.unconfirmed("rationale", Field::Answer),
            Some("Because the")
        );
        // The answer confirmed before stays the answer.
        assert_eq!(record.answer("rationale").unwrap().answer, "Sound reasons");
        let refused = &session.prompter.refused;
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].len(), 1);
        assert_eq!(refused[0][0].item, "rationale");
        assert_eq!(refused[0][0].what, crate::checklist::Lacks::Unconfirmed);
        assert_eq!(session.prompter.flagged[1], ["rationale"]);

        // Resumed: the rationale, long past, is asked again with its text; nothing
        // else before the end is.
        let script = Script::signing(&[ReviewChoice::SignOff]);
        let mut session = Session::new(&list, record, script, Counter::default(), clock);
        assert_eq!(session.run(Start::Resume).unwrap(), Outcome::Signed);
        assert_eq!(session.prompter.asked, ["rationale"]);
        assert_eq!(
            session.prompter.offered[0].1.answer.as_deref(),
            Some("Because the")
        );
        assert!(session.record.unconfirmed.is_empty());
    }

    #[test]
    fn a_note_left_as_it_was_saved_or_blank_is_not_kept() {
        let fw = builtin();
        let list = Checklist::new(&fw);
        let staff = list.index_of("staff-group").unwrap();
        let script = Script {
            review: [
                ReviewChoice::Change(staff),
                ReviewChoice::Change(staff),
                ReviewChoice::Leave,
            ]
            .into(),
            ..Script::default()
        }
        .reply("staff-group", given("dentist", Some("Kept")))
        .leaving("staff-group", Reply::Back, Field::Note, "Kept")
        .leaving("staff-group", Reply::Back, Field::Note, "  ");
        let mut session = Session::new(&list, blank(&list), script, Counter::default(), clock);
        session.run(Start::Beginning).unwrap();
        assert!(session.record.unconfirmed.is_empty());
        // Leaving at the note after the answer: the answer is saved, the note kept
        // unconfirmed, in one save.
        let record = session.record.clone();
        let saves = session.store.0;
        let last = Reply::Last(Given {
            answer: "doctor".into(),
            note: None,
        });
        let script = Script {
            review: [ReviewChoice::Change(staff)].into(),
            ..Script::default()
        }
        .leaving("staff-group", last, Field::Note, "Because the cli");
        let mut session = Session::new(&list, record, script, Counter(saves), clock);
        assert_eq!(session.run(Start::Resume).unwrap(), Outcome::Interrupted);
        let staff_group = session.record.answer("staff-group").unwrap();
        assert_eq!(staff_group.answer, "doctor");
        assert_eq!(staff_group.note, None);
        assert_eq!(
            session.record.unconfirmed("staff-group", Field::Note),
            Some("Because the cli")
        );
        assert_eq!(session.store.0, saves + 1);
    }

    #[test]
    fn resuming_after_a_skipped_optional_item_does_not_ask_answered_items_again() {
        let fw = builtin();
        let list = Checklist::new(&fw);
        let record = blank(&list);
        // `staff-group` is answered late (at the review): resuming must not walk again
        // through everything after it.
        let staff = list.index_of("staff-group").unwrap();
        let script = Script {
            review: [ReviewChoice::Change(staff), ReviewChoice::Leave].into(),
            ..Script::default()
        }
        .reply("staff-group", Reply::Skip)
        .reply("actions", Reply::Skip)
        .reply("review-on", Reply::Skip)
        .reply("told-outcome", Reply::Skip)
        // A dentist, so that no item for doctors is newly shown; the required item
        // still missing is asked again after the change, and left again.
        .reply("staff-group", given("dentist", None))
        .reply("told-outcome", Reply::Skip);
        let mut session = Session::new(&list, record, script, Counter::default(), clock);
        session.run(Start::Beginning).unwrap();
        assert_eq!(
            session.record.answer("staff-group").unwrap().answer,
            "dentist"
        );
        let record = session.record.clone();
        let mut session = Session::new(&list, record, Script::default(), Counter::default(), clock);
        session.run(Start::Resume).unwrap();
        // Only the items after the last answer are offered again, the optional ones too.
        assert_eq!(
            session.prompter.asked,
            ["actions", "review-on", "told-outcome"]
        );
    }

    /// After a move to a changed framework, an optional item new to it is asked even
    /// where it comes before the last answer; resumed as usual, it would not be.
    #[test]
    fn just_after_a_migration_every_unanswered_item_is_asked_the_optional_ones_too() {
        let fw = builtin();
        let list = Checklist::new(&fw);
        let mut session = Session::new(
            &list,
            blank(&list),
            Script::default(),
            Counter::default(),
            clock,
        );
        session.run(Start::Beginning).unwrap();
        let answered = session.record.clone();

        let text = BUILTIN_TEXT.replacen(
            "\ncase_details:\n",
            "\ncase_details:\n  - id: new-optional\n    prompt: New?\n    answer: text\n    \
             required: false\n\n",
            1,
        );
        assert_ne!(text, BUILTIN_TEXT);
        let changed = check(&text).framework.unwrap();
        let list = Checklist::new(&changed);
        let mut record = answered.clone();
        crate::checklist::migrate(
            &list,
            &mut record,
            "sha256:1",
            &FrameworkSource::BuiltIn,
            "t1",
        );
        assert_eq!(
            record.answers.len(),
            answered.answers.len(),
            "every answer kept"
        );

        let asked = |start| {
            let mut session = Session::new(
                &list,
                record.clone(),
                Script::default(),
                Counter::default(),
                clock,
            );
            session.run(start).unwrap();
            session.prompter.asked
        };
        assert_eq!(asked(Start::Resume), Vec::<String>::new());
        assert_eq!(asked(Start::Migrated), ["new-optional"]);
    }

    #[test]
    fn clearing_an_optional_answer_removes_it_and_keeps_it_in_the_history() {
        let fw = builtin();
        let list = Checklist::new(&fw);
        let record = blank(&list);
        let actions = list.index_of("actions").unwrap();
        let script = Script {
            review: [ReviewChoice::Change(actions), ReviewChoice::Leave].into(),
            ..Script::default()
        }
        .reply("actions", given("Audit in March", None))
        .reply("actions", Reply::Clear);
        let mut session = Session::new(&list, record, script, Counter::default(), clock);
        session.run(Start::Beginning).unwrap();
        assert!(session.record.answer("actions").is_none());
        let last = session.record.history.last().unwrap();
        assert_eq!(last.event, Event::Cleared);
        assert_eq!(last.old_answer.as_deref(), Some("Audit in March"));
    }

    #[test]
    fn a_last_answer_is_saved_and_then_the_session_stops() {
        let fw = builtin();
        let list = Checklist::new(&fw);
        let record = blank(&list);
        let last = Reply::Last(Given {
            answer: "dentist".into(),
            note: None,
        });
        let script = Script::default().reply("staff-group", last);
        let mut session = Session::new(&list, record, script, Counter::default(), clock);
        assert_eq!(session.run(Start::Beginning).unwrap(), Outcome::Interrupted);
        assert_eq!(
            session.record.answer("staff-group").unwrap().answer,
            "dentist"
        );
        assert_eq!(session.store.0, 1);
        assert_eq!(session.prompter.asked, ["staff-group"]);
    }

    #[test]
    fn back_from_a_change_at_the_review_returns_to_it_with_nothing_changed() {
        let fw = builtin();
        let list = Checklist::new(&fw);
        let record = blank(&list);
        let route = list.index_of("route").unwrap();
        let script = Script {
            review: [ReviewChoice::Change(route), ReviewChoice::Leave].into(),
            ..Script::default()
        }
        .reply("route", given("no-further-action", None))
        .reply("route", Reply::Back);
        let mut session = Session::new(&list, record, script, Counter::default(), clock);
        assert_eq!(session.run(Start::Beginning).unwrap(), Outcome::Saved);
        let saves = session.store.0;
        assert_eq!(
            session.record.answer("route").unwrap().answer,
            "no-further-action"
        );
        assert!(session.record.history.is_empty());
        // Asked once in the walk, once from the review; nothing after it.
        assert_eq!(session.prompter.asked.last().unwrap(), "route");
        assert_eq!(saves, session.prompter.asked.len() - 1);
    }

    #[test]
    fn sign_off_is_refused_while_anything_required_is_missing() {
        let fw = builtin();
        let list = Checklist::new(&fw);
        let record = blank(&list);
        let script = Script {
            review: [ReviewChoice::SignOff, ReviewChoice::Leave].into(),
            signer: Some(Signer {
                name: "A".into(),
                role: "B".into(),
            }),
            ..Script::default()
        }
        .reply("rationale", Reply::Skip);
        let mut session = Session::new(&list, record, script, Counter::default(), clock);
        assert_eq!(session.run(Start::Beginning).unwrap(), Outcome::Saved);
        assert_eq!(session.record.status, Status::Draft);
        let refused = &session.prompter.refused;
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0][0].item, "rationale");
    }

    #[test]
    fn dates_out_of_order_are_shown_at_the_review_and_sign_off_goes_ahead() {
        let fw = check(&crate::framework::small(
            "  - { id: raised-on, prompt: When was it raised?, answer: date, role: concern-raised }\n",
            "  - { id: decided-on, prompt: When was it decided?, answer: date, not_before: raised-on }\n",
        ))
        .framework
        .unwrap();
        let list = Checklist::new(&fw);
        let record = blank(&list);
        let decided = list.index_of("decided-on").unwrap();
        let script = Script::signing(&[ReviewChoice::Change(decided), ReviewChoice::SignOff])
            .reply("raised-on", given("2026-03-05", None))
            .reply("decided-on", given("2026-03-01", None))
            .reply("decided-on", given("2026-03-06", None));
        let mut session = Session::new(&list, record, script, Counter::default(), clock);
        assert_eq!(session.run(Start::Beginning).unwrap(), Outcome::Signed);
        assert_eq!(
            session.prompter.dates,
            [
                vec!["the date given for \"When was it decided?\" (decided-on, 2026-03-01) is before the date the concern was raised (raised-on, 2026-03-05): check both".to_owned()],
                vec![],
            ]
        );
    }

    #[test]
    fn a_warned_date_does_not_stop_sign_off() {
        let fw = check(&crate::framework::small(
            "  - { id: raised-on, prompt: When was it raised?, answer: date }\n",
            "  - { id: decided-on, prompt: When was it decided?, answer: date, not_before: raised-on }\n",
        ))
        .framework
        .unwrap();
        let list = Checklist::new(&fw);
        let script = Script::signing(&[ReviewChoice::SignOff])
            .reply("raised-on", given("2026-03-05", None))
            .reply("decided-on", given("2026-03-01", None));
        let mut session = Session::new(&list, blank(&list), script, Counter::default(), clock);
        assert_eq!(session.run(Start::Beginning).unwrap(), Outcome::Signed);
        assert_eq!(session.prompter.dates.len(), 1);
        assert_eq!(session.prompter.dates[0].len(), 1);
    }

    #[test]
    fn the_nation_a_jurisdiction_answers_is_never_asked_gone_back_to_or_changed() {
        // The built-in framework asks the nation (`role: nation`) after the staff group.
        let text = BUILTIN_TEXT.replacen("jurisdiction: null", "jurisdiction: wales", 1);
        let fw = check(&text).framework.unwrap();
        let list = Checklist::new(&fw);
        let nation = list.index_of("nation").unwrap();
        let script = Script {
            review: [ReviewChoice::Change(nation), ReviewChoice::Leave].into(),
            ..Script::default()
        }
        // Back from the first item asked has nowhere to go; from the setting, asked
        // after the nation, it goes to the staff group, past the nation.
        .reply("staff-group", Reply::Back)
        .reply("staff-group", given("dentist", None))
        .reply("setting", Reply::Back)
        .reply("staff-group", given("dentist", None));
        let mut session = Session::new(&list, blank(&list), script, Counter::default(), clock);
        assert_eq!(session.run(Start::Beginning).unwrap(), Outcome::Saved);
        let asked = &session.prompter.asked;
        assert!(!asked.contains(&"nation".to_owned()), "{asked:?}");
        assert_eq!(
            asked[..5],
            [
                "staff-group",
                "staff-group",
                "setting",
                "staff-group",
                "setting"
            ]
        );
        // The jurisdiction's nation shows its own policy item, and only that one.
        assert!(asked.contains(&"policy-wales".to_owned()), "{asked:?}");
        assert!(!asked.contains(&"policy-england".to_owned()), "{asked:?}");
        assert_eq!(session.record.answer("nation").unwrap().answer, "wales");
        // A change chosen at the review asks nothing.
        assert_eq!(asked.len(), session.record.answers.len() + 2, "{asked:?}");
    }

    #[test]
    fn changing_an_answer_at_review_asks_what_it_reveals() {
        let fw = builtin();
        let list = Checklist::new(&fw);
        let record = blank(&list);
        let route = list.index_of("route").unwrap();
        let script = Script {
            review: [ReviewChoice::Change(route), ReviewChoice::Leave].into(),
            ..Script::default()
        }
        .reply("route", given("no-further-action", None))
        .reply("route", given("other", None))
        .reply("route-other", given("Mediation", None));
        let mut session = Session::new(&list, record, script, Counter::default(), clock);
        session.run(Start::Beginning).unwrap();
        assert_eq!(
            session.record.answer("route-other").unwrap().answer,
            "Mediation"
        );
        let tail: Vec<&str> = session
            .prompter
            .asked
            .iter()
            .rev()
            .take(2)
            .map(String::as_str)
            .collect();
        assert_eq!(tail, ["route-other", "route"]);
    }
}
