//! The checklist in a terminal: the [`Prompter`] a case manager uses, on the widgets in
//! [`tui`]. A menu asks checks and choices; the line editor asks text, dates and notes.
//! Everything is drawn on standard error, and every piece of framework text is
//! neutralised before it is drawn.
//!
//! Keys everywhere: Enter confirms; Esc or Ctrl-C saves and leaves (everything answered
//! is already on disk); a closed terminal does the same. "Back" (a menu entry, or ↑ in
//! a text prompt) returns to the previous item. Any answer can carry a note: `n` in a
//! menu, Tab in a text or date prompt, confirms the answer and opens its note; the
//! note prompt comes by itself only where the framework needs a note, or where a
//! changed answer's earlier note is offered for editing. `?` in a menu, F1 in a line,
//! shows every key of the prompt.

use std::path::Path;

use console::Style;

use crate::checklist::{
    Checklist, DateOrder, ItemQuestion, Missing, Passphrase, Prompter, Reply, ReviewChoice,
    ReviewRow, SectionInfo,
};
use crate::error::Error;
use crate::framework::{Asking, Given, Item, Loaded, NoteNeed};
use crate::keys::KeyFile;
use crate::record::draft::{self, DraftFile};
use crate::record::{Field, Record, Signer};
use crate::terminal::{neutralise, one_line};
use crate::tui::{Line, Offered, Secret, Terminal};
use crate::value;

use super::review;

const BACK: &str = "← Back to the previous item";
const BACK_TO_REVIEW: &str = "← Back to the review (keep the answer as it is)";
const SKIP: &str = "Leave unanswered (this item is optional)";

/// Begins a new case: says which framework is in use, asks the case reference, and
/// writes and holds the new draft, at `out` or named for the reference in the case
/// folder `folder`. `None` when the
/// person left before giving a reference: nothing is written.
pub fn begin(
    terminal: &mut Terminal,
    loaded: &Loaded,
    list: &Checklist,
    out: Option<&Path>,
    framework: Option<&Path>,
    folder: &Path,
) -> Result<Option<(DraftFile, Record, String)>, Error> {
    if let Some(out) = out {
        draft::check_out(out)?;
    }
    welcome(terminal, loaded);
    let Some(name) = sitting(terminal) else {
        crate::platform::discard_typeahead();
        terminal.say("Left before the case began: nothing was saved.");
        return Ok(None);
    };
    let Some(reference) = ask_reference(terminal, out, folder) else {
        // Whatever was typed after the prompt was meant for fairness, not the shell.
        crate::platform::discard_typeahead();
        terminal.say("Left before a case reference was given: nothing was saved.");
        return Ok(None);
    };
    let path = out
        .map(Path::to_owned)
        .unwrap_or_else(|| draft::named_for(folder, &reference));
    let source = draft::source_name(framework);
    let record = list.new_record(&reference, &loaded.digest, &source, &value::now());
    let store = DraftFile::create(path, framework, &record, terminal.stop())?;
    terminal.say_wrapped(&format!(
        "Draft created: {} (saved after every answer).",
        one_line(&store.path.display().to_string())
    ));
    Ok(Some((store, record, name)))
}

/// The prompt that asks who is working in a sitting.
pub const SITTING_PROMPT: &str = "Your name, for the record's history";

/// Asks, once at the start of a sitting, the name of the person working: every
/// change made in the sitting is recorded as theirs. The signer name the settings
/// give (`fairness config`) is offered, to confirm with Enter; the name given is then
/// offered at sign-off in its place. `None` when the person leaves instead.
pub fn sitting(terminal: &mut Terminal) -> Option<String> {
    let (offered, role) = terminal.signer_defaults.clone().unwrap_or_default();
    let check = |text: &str| {
        if text.trim().is_empty() {
            return Err("a name is needed: each change is recorded with who made it".to_owned());
        }
        value::check_name(text)
    };
    let name = match terminal.line(
        SITTING_PROMPT,
        &offered,
        false,
        "Enter confirm · Esc leave",
        &check,
    ) {
        Line::Text(t) => t.trim().to_owned(),
        Line::Back | Line::Leave(_) => return None,
    };
    terminal.signer_defaults = Some((name.clone(), role));
    Some(name)
}

/// The framework in use, where it came from, and how leaving and resuming work:
/// said before a new case begins.
fn welcome(terminal: &Terminal, loaded: &Loaded) {
    let fw = &loaded.framework;
    terminal.say(
        &Style::new()
            .bold()
            .apply_to(format!(
                "{} · version {}",
                neutralise(&fw.name),
                neutralise(&fw.version)
            ))
            .to_string(),
    );
    let mut from = format!("Framework: {}", neutralise(&loaded.origin));
    if let Some(org) = &fw.organisation {
        from.push_str(&format!(", adapted by {}", neutralise(org)));
    }
    terminal.say_wrapped(&from);
    if let Some(preset) = fw.preset() {
        terminal.say_wrapped(&format!(
            "The framework's `{}` answers `{}` ({}): it is not asked.",
            preset.source(),
            neutralise(&preset.item.id.value),
            neutralise(&preset.label)
        ));
    }
    if !loaded.warnings.is_empty() {
        terminal.say(&loaded.warnings.to_string());
    }
    terminal.say_wrapped(
        "Every answer is saved as you go. Esc or Ctrl-C saves and leaves; \
         `fairness run --resume` continues later.",
    );
    terminal.say("");
}

/// Asks the reference of a new case: `None` when the person leaves instead. Without
/// `out`, the record is named for the reference in the case folder `folder`, and a
/// reference whose record is already there is refused.
fn ask_reference(terminal: &Terminal, out: Option<&Path>, folder: &Path) -> Option<String> {
    let check = |text: &str| {
        let text = text.trim();
        value::check_reference(text)?;
        if out.is_none() {
            let path = draft::named_for(folder, text);
            let here = if folder.as_os_str().is_empty() {
                "here".to_owned()
            } else {
                format!("in {}", crate::error::shown_folder(folder))
            };
            if path.exists() {
                return Err(if is_signed(&path) {
                    format!(
                        "`{text}.yaml` {here} is a signed record, which cannot be resumed or changed. \
                         To correct it, press Esc and run `{}`; to begin a follow-up record for a \
                         further decision in this case, press Esc and run `{}`",
                        crate::shell::amend_command(&path),
                        crate::shell::follow_up_command(&path)
                    )
                } else {
                    format!(
                        "`{text}.yaml` already exists {here}, and fairness never overwrites a record. \
                         To continue that draft, press Esc and run `{}`",
                        crate::shell::resume_command(&path, None)
                    )
                });
            }
        }
        Ok(())
    };
    match terminal.line(
        "Case reference (for example CASE-2026-014)",
        "",
        false,
        "Enter confirm · Esc leave (nothing is saved yet)",
        &check,
    ) {
        Line::Text(t) => Some(t.trim().to_owned()),
        Line::Back | Line::Leave(_) => None,
    }
}

/// Whether the file at `path` reads as a record that says it is signed (intact or not):
/// one that `--resume` refuses.
fn is_signed(path: &Path) -> bool {
    match crate::record::found::check(path).outcome {
        crate::record::found::Outcome::Read(v) => v.record.status == crate::record::Status::Signed,
        _ => false,
    }
}

/// Asking one item, for the [`Prompter`] below.
impl Terminal {
    /// Asks for the answer itself, with the current answer offered; a date is checked
    /// against `today`. With the answer, whether the person asked to add a note (`n`
    /// in a menu, Tab in a line).
    fn answer(
        &self,
        q: &ItemQuestion,
        current: Option<&str>,
        today: &str,
    ) -> Reply<(String, bool)> {
        let item = q.item;
        let (options, prompt) = match item.answer.asking() {
            Asking::Pick(options) => {
                let options: Vec<(String, String)> = options
                    .into_iter()
                    .map(|(id, label)| (id.to_owned(), neutralise(label).into_owned()))
                    .collect();
                (Some(options), "Answer")
            }
            Asking::Type(prompt) => (None, prompt),
        };
        let back = if q.from_review {
            Some(BACK_TO_REVIEW)
        } else if q.can_go_back {
            Some(BACK)
        } else {
            None
        };
        if let Some(options) = options {
            let mut labels: Vec<String> = options.iter().map(|(_, l)| l.clone()).collect();
            if !item.required {
                labels.push(SKIP.to_owned());
            }
            if let Some(back) = back {
                labels.push(back.to_owned());
            }
            let default = current.and_then(|c| options.iter().position(|(id, _)| id == c));
            let note = if has_note(q) {
                "n choose and edit the note"
            } else {
                "n choose and add a note"
            };
            let hint = if default.is_some() {
                format!(
                    "↑/↓ choose · Enter keep the answer marked · {note} · Esc save and leave · ? all keys"
                )
            } else {
                format!(
                    "↑/↓ choose (nothing is chosen until you move) · Enter choose · {note} · Esc save and leave · ? all keys"
                )
            };
            return match self.choose("Answer", &labels, default, &hint, true) {
                None => Reply::Leave,
                Some((i, noted)) if i < options.len() => {
                    Reply::Value((options[i].0.clone(), noted))
                }
                Some((i, _)) if labels[i] == SKIP && current.is_some() => Reply::Clear,
                Some((i, _)) if labels[i] == SKIP => Reply::Skip,
                Some(_) => Reply::Back,
            };
        }
        let back_hint = match back {
            Some(BACK_TO_REVIEW) => " · ↑ back to the review",
            Some(_) => " · ↑ back to the previous item",
            None => "",
        };
        let optional = if item.required {
            ""
        } else {
            " · Enter on an empty line to leave it unanswered"
        };
        let note = if has_note(q) {
            " · Tab confirm and edit the note"
        } else {
            " · Tab confirm and add a note"
        };
        // Text typed before and left unconfirmed is offered, and marked, over the answer.
        let draft = q.draft(Field::Answer);
        let initial = draft.as_deref().or(current).unwrap_or("");
        let offered = if draft.is_some() && draft.as_deref() != current {
            Offered::Unconfirmed { saved: current }
        } else {
            Offered::Saved
        };
        let put_back = if matches!(offered, Offered::Unconfirmed { saved: Some(_) }) {
            " · Ctrl-R put back the saved answer"
        } else {
            ""
        };
        let hint = format!(
            "Enter confirm{note}{put_back}{back_hint}{optional} · Esc save and leave · F1 all keys"
        );
        let check = |text: &str| {
            if text.trim().is_empty() && !item.required {
                return Ok(());
            }
            item.parse_answer_on(text, today).map(|_| ())
        };
        let (line, left, noted) =
            self.edit_noting(prompt, initial, offered, back.is_some(), &hint, &check);
        match line {
            Line::Text(t) if t.trim().is_empty() && current.is_some() => Reply::Clear,
            Line::Text(t) if t.trim().is_empty() => Reply::Skip,
            Line::Text(t) => Reply::Value((t, noted)),
            Line::Back => {
                q.keep(Field::Answer, &left);
                Reply::Back
            }
            Line::Leave(_) => {
                q.keep(Field::Answer, &left);
                Reply::Leave
            }
        }
    }

    /// Asks the note that goes with the answer just chosen, the note given before,
    /// `saved`, offered for editing (most often the reasons still stand, and retyping
    /// them is how they get lost).
    fn note(&self, q: &ItemQuestion, need: NoteNeed, saved: Option<&str>) -> NoteReply {
        let required = need == NoteNeed::Required;
        let (prompt, hint) = if required {
            (
                "Note (required)",
                "Enter confirm · ↑ change the answer (what you typed is kept) · Esc save and leave · F1 all keys",
            )
        } else {
            (
                "Note (optional)",
                "Enter on an empty line for no note · ↑ change the answer (what you typed is kept) · Esc save and leave · F1 all keys",
            )
        };
        // Text typed before and left unconfirmed is offered, and marked, over the note
        // given before.
        let draft = q.draft(Field::Note);
        let offered = if draft.is_some() && draft.as_deref() != saved {
            Offered::Unconfirmed { saved }
        } else {
            Offered::Saved
        };
        let initial = draft.as_deref().or(saved).unwrap_or_default();
        let hint = if matches!(offered, Offered::Unconfirmed { saved: Some(_) }) {
            // After the first key, Enter's.
            match hint.split_once(" · ") {
                Some((enter, rest)) => format!("{enter} · Ctrl-R put back the saved note · {rest}"),
                None => hint.to_owned(),
            }
        } else {
            hint.to_owned()
        };
        let check = |text: &str| {
            if text.trim().is_empty() {
                if required {
                    return Err(if q.item.note == crate::framework::NotePolicy::Required {
                        "this item needs a note".to_owned()
                    } else {
                        "a note is needed when the answer is No: say why".to_owned()
                    });
                }
                return Ok(());
            }
            crate::value::check_text(text)
        };
        let (line, left) = self.edit(prompt, initial, offered, true, &hint, &check);
        match line {
            Line::Text(t) if t.trim().is_empty() => NoteReply::Given(None),
            Line::Text(t) => NoteReply::Given(Some(t)),
            // What was typed stays with the item, unconfirmed.
            Line::Back => {
                q.keep(Field::Note, &left);
                NoteReply::Back
            }
            Line::Leave(_) => {
                q.keep(Field::Note, &left);
                NoteReply::Leave
            }
        }
    }
}

/// Whether the item has a note to edit: its answer's, or the one a move to a changed
/// framework set aside.
fn has_note(q: &ItemQuestion) -> bool {
    earlier_note(q).is_some()
}

/// The note offered for editing when the item is answered: the current answer's, or,
/// with no answer, the note of the answer a move to a changed framework set aside.
fn earlier_note<'q>(q: &ItemQuestion<'q>) -> Option<&'q str> {
    match q.current {
        Some(a) => a.note.as_deref(),
        None => q.set_aside.and_then(|c| c.old_note.as_deref()),
    }
}

/// What came of asking a note.
enum NoteReply {
    /// The note, or none.
    Given(Option<String>),
    /// ↑: change the answer (what was typed is kept, unconfirmed).
    Back,
    /// Left (what was typed is kept, unconfirmed).
    Leave,
}

impl Prompter for Terminal {
    fn section(&mut self, section: &SectionInfo) -> Result<(), Error> {
        let title = match section.principle {
            Some(n) => format!("Principle {n} · {}", section.title),
            None => section.title.to_owned(),
        };
        let rule = "─".repeat(self.width());
        self.say("");
        self.say(&Style::new().cyan().apply_to(&rule).to_string());
        self.say(
            &Style::new()
                .bold()
                .cyan()
                .apply_to(neutralise(&title))
                .to_string(),
        );
        if let Some(summary) = section.summary {
            self.say(&self.wrapped(summary, ""));
        }
        Ok(())
    }

    fn item(&mut self, q: &ItemQuestion) -> Result<Reply<Given>, Error> {
        self.say("");
        self.say(
            &Style::new()
                .dim()
                .apply_to(format!("{} · {}", q.position, q.progress))
                .to_string(),
        );
        self.say(
            &Style::new()
                .bold()
                .apply_to(self.wrapped(&q.item.prompt.value, ""))
                .to_string(),
        );
        if let Some(guidance) = &q.item.guidance {
            self.say(
                &Style::new()
                    .dim()
                    .apply_to(self.wrapped(guidance, "  "))
                    .to_string(),
            );
        }
        if let Some(old) = q.set_aside.and_then(|c| c.old_answer.as_deref()) {
            self.say(
                &Style::new()
                    .dim()
                    .apply_to(self.wrapped(
                        &format!(
                            "Answered \"{}\" before the framework changed; that answer's note is offered for editing once you answer.",
                            one_line(old)
                        ),
                        "",
                    ))
                    .to_string(),
            );
        }
        let mut current = q.current.map(|a| a.answer.clone());
        let old_note = earlier_note(q);
        // The day the answer is given, for a date that may not lie ahead.
        let today = value::today();
        // A typed answer is kept as the answer field's text once confirmed: going back
        // from its note and then from the item, it is kept unconfirmed.
        let typed = matches!(q.item.answer.asking(), Asking::Type(_));
        // Text left unconfirmed in the note alone of an answered item: straight to it.
        let mut to_the_note =
            q.unconfirmed.note.is_some() && q.unconfirmed.answer.is_none() && q.current.is_some();
        loop {
            let asked = if std::mem::take(&mut to_the_note) {
                // The answer the note goes with, as it was given.
                if let Some(a) = q.current {
                    let label = a.label.as_deref().unwrap_or(&a.answer);
                    self.say_wrapped(&format!("Answer given: {label}"));
                }
                Reply::Value((current.clone().unwrap_or_default(), true))
            } else {
                self.answer(q, current.as_deref(), &today)
            };
            let (answer, noted) = match asked {
                Reply::Value(a) => a,
                Reply::Skip => return Ok(Reply::Skip),
                Reply::Clear => return Ok(Reply::Clear),
                Reply::Back => return Ok(Reply::Back),
                Reply::Leave | Reply::Last(_) => return Ok(Reply::Leave),
            };
            let answer = answer.trim().to_owned();
            if typed {
                q.keep(Field::Answer, &answer);
            }
            let need = q.item.note_need(&answer);
            let unchanged = q.current.is_some_and(|a| a.answer == answer);
            // The note prompt comes by itself only where the framework needs a note or
            // invites one (a check's Not applicable, which the guidance asks to
            // explain), or where the answer changed and the note given before is offered for
            // editing (most often the reasons still stand, and retyping them is how
            // they get lost); else only when asked for, with `n` or Tab.
            // Text typed in the note and not confirmed brings it back too.
            let ask = noted
                || matches!(need, NoteNeed::Required | NoteNeed::Invited)
                || (!unchanged && old_note.is_some())
                || q.draft(Field::Note).is_some();
            let note = if !ask {
                // An unchanged answer keeps its note; a new one has none.
                q.current.filter(|_| unchanged).and_then(|a| a.note.clone())
            } else {
                if !unchanged && old_note.is_some() {
                    self.say(
                        &Style::new()
                            .dim()
                            .apply_to(self.wrapped(
                                "The note given with the earlier answer is kept for editing: Enter keeps it, Ctrl-U clears it.",
                                "",
                            ))
                            .to_string(),
                    );
                }
                match self.note(q, need, old_note) {
                    NoteReply::Given(note) => note,
                    NoteReply::Back => {
                        current = Some(answer);
                        continue;
                    }
                    // Leaving at the note keeps the answer just chosen, if it stands
                    // without a note: the note typed is kept, unconfirmed, and never
                    // saved as the note without Enter (nor is the note of the answer
                    // it replaces).
                    NoteReply::Leave => {
                        if unchanged {
                            return Ok(Reply::Leave);
                        }
                        return Ok(match q.item.accept_on(&answer, None, &today) {
                            Ok(given) => Reply::Last(given),
                            Err(e) => {
                                if !unchanged {
                                    let kept = if q.draft(Field::Note).is_some() {
                                        " What you typed in the note is kept, unconfirmed, and offered again then."
                                    } else {
                                        ""
                                    };
                                    self.say_wrapped(&format!(
                                        "That answer was not saved ({e}). The item is asked again when you continue.{kept}"
                                    ));
                                }
                                Reply::Leave
                            }
                        });
                    }
                }
            };
            match q.item.accept_on(&answer, note.as_deref(), &today) {
                Ok(given) => return Ok(Reply::Value(given)),
                Err(e) => self.error(&e),
            }
        }
    }

    fn review(
        &mut self,
        rows: &[ReviewRow],
        missing: &[Missing],
        dates: &[DateOrder],
    ) -> Result<ReviewChoice, Error> {
        self.dates_to_check = dates.iter().map(ToString::to_string).collect();
        review::review(self, rows, missing, dates)
    }

    fn cannot_sign(&mut self, missing: &[Missing]) -> Result<(), Error> {
        review::cannot_sign(self, missing)
    }

    fn signer(&mut self, declaration: &str, rows: &[ReviewRow]) -> Result<Reply<Signer>, Error> {
        review::signer(self, declaration, rows)
    }

    fn passphrase(&mut self, key: &KeyFile, again: bool) -> Result<Reply<Passphrase>, Error> {
        let reply = passphrase(self, key, again, "back to the review");
        if matches!(reply, Reply::Back) {
            self.say("Nothing was signed: back to the review.");
        }
        Ok(reply)
    }

    fn key_refused(&mut self, problem: Error) -> Result<(), Error> {
        self.error(&problem);
        self.say("Nothing was signed: back to the review.");
        Ok(())
    }

    fn key_warning(&mut self, said: &str) {
        self.warning(&said);
    }

    fn reason(&mut self, item: &Item, required: bool) -> Result<Reply<String>, Error> {
        let (prompt, hint) = if required {
            (
                "Why change it? (a reason is needed)",
                "Enter confirm · Esc keep the answer as it was",
            )
        } else {
            (
                "Why change it? (optional)",
                "Enter confirm (on an empty line: no reason) · Esc keep the answer as it was",
            )
        };
        let id = neutralise(&item.id.value).into_owned();
        let check = |text: &str| match text.trim().is_empty() {
            true if required => Err(format!(
                "the framework needs a reason for changing `{id}`: give one, or press Esc to keep the answer as it was"
            )),
            true => Ok(()),
            false => value::check_text(text),
        };
        Ok(match self.line(prompt, "", false, hint, &check) {
            Line::Text(t) => Reply::Value(t.trim().to_owned()),
            Line::Back | Line::Leave(Some(_)) if !self.stopped() => {
                self.say("The answer is kept as it was.");
                Reply::Back
            }
            Line::Back | Line::Leave(_) => Reply::Leave,
        })
    }

    fn countersignature(&mut self, why: Option<&str>) {
        self.countersignature = why.map(str::to_owned);
    }

    fn withdrawn(&mut self, prompts: &[String]) {
        let listed: Vec<String> = prompts
            .iter()
            .map(|p| format!("\u{201c}{}\u{201d}", crate::tui::cut(p, 60)))
            .collect();
        let (these, are) = match prompts.len() {
            1 => ("1 item".to_owned(), "is"),
            n => (format!("{n} items"), "are"),
        };
        self.say_wrapped(&format!(
            "With this answer, {these} {are} no longer asked, and {} answer{} withdrawn (the history keeps {}): {}.",
            if prompts.len() == 1 { "its" } else { "their" },
            if prompts.len() == 1 { " is" } else { "s are" },
            if prompts.len() == 1 { "it" } else { "them" },
            listed.join("; ")
        ));
    }

    fn amendment(&mut self, said: Option<&str>) {
        self.amendment = said.map(str::to_owned);
    }
}

/// Asks for the passphrase of `key`, about to sign; `again` says the last did not
/// unlock it. Esc goes `back` (as the hint says) with nothing signed.
pub fn passphrase(t: &Terminal, key: &KeyFile, again: bool, back: &str) -> Reply<Passphrase> {
    if again {
        t.error(&"that passphrase does not unlock the key; try again");
    } else {
        t.say_wrapped(&format!(
            "Signing with your key `{}` ({}).",
            crate::error::shown(&key.path),
            key.fingerprint()
        ));
    }
    let hint = format!("Enter sign · Esc {back}, nothing signed · what you type is not shown");
    match t.secret("Passphrase for your key", &hint) {
        Secret::Text(p) => Reply::Value(p),
        Secret::Back => Reply::Back,
        Secret::Leave => Reply::Leave,
    }
}

/// The new passphrase, typed twice the same; `None` if the person leaves.
pub fn new_passphrase(t: &Terminal) -> Option<Passphrase> {
    t.say_wrapped("Choose a passphrase for the key: a few words you will remember, at least 8 characters. It is asked for each time you sign, and is never shown or stored.");
    let hint = "Enter confirm · Esc leave, nothing written · what you type is not shown";
    loop {
        let first = match t.secret("Passphrase", hint) {
            Secret::Text(p) => p,
            _ => return None,
        };
        if first.chars().count() < 8 {
            t.error(&"that is shorter than 8 characters; choose a longer one");
            continue;
        }
        let again = match t.secret("The same passphrase again", hint) {
            Secret::Text(p) => p,
            _ => return None,
        };
        if *again == *first {
            return Some(first);
        }
        t.error(&"the two passphrases differ; choose it again");
    }
}
