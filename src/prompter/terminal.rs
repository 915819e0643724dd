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

use comfy_table::{ContentArrangement, Table, presets};
use console::Style;

use crate::checklist::{
    Checklist, DateOrder, ItemQuestion, Lacks, Missing, Prompter, Reply, ReviewChoice, ReviewRow,
    SectionInfo,
};
use crate::error::Error;
use crate::framework::{Asking, Given, Loaded, NoteNeed};
use crate::record::draft::{self, DraftFile};
use crate::record::{Field, Record, Signer};
use crate::terminal::{neutralise, one_line};
use crate::tui::{Line, Terminal, cut};
use crate::value;

const BACK: &str = "← Back to the previous item";
const BACK_TO_REVIEW: &str = "← Back to the review (keep the answer as it is)";
const SKIP: &str = "Leave unanswered (this item is optional)";

/// Begins a new case: says which framework is in use, asks the case reference, and
/// writes and holds the new draft, at `out` or named for the reference in the case
/// folder `folder`. `None` when the
/// person left before giving a reference: nothing is written.
pub fn begin(
    terminal: &Terminal,
    loaded: &Loaded,
    list: &Checklist,
    out: Option<&Path>,
    framework: Option<&Path>,
    folder: &Path,
) -> Result<Option<(DraftFile, Record)>, Error> {
    if let Some(out) = out {
        draft::check_out(out)?;
    }
    welcome(terminal, loaded);
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
    Ok(Some((store, record)))
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
                         To begin a follow-up record for this case, press Esc and run `{}`",
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
        let hint =
            format!("Enter confirm{note}{back_hint}{optional} · Esc save and leave · F1 all keys");
        let check = |text: &str| {
            if text.trim().is_empty() && !item.required {
                return Ok(());
            }
            item.parse_answer_on(text, today).map(|_| ())
        };
        // Text typed before and left unconfirmed is offered, and marked, over the answer.
        let draft = q.draft(Field::Answer);
        let initial = draft.as_deref().or(current).unwrap_or("");
        let unconfirmed = draft.is_some() && draft.as_deref() != current;
        let (line, left, noted) =
            self.edit_noting(prompt, initial, unconfirmed, back.is_some(), &hint, &check);
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
        let unconfirmed = draft.is_some() && draft.as_deref() != saved;
        let initial = draft.as_deref().or(saved).unwrap_or_default();
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
        let (line, left) = self.edit(prompt, initial, unconfirmed, true, hint, &check);
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
                    self.say(&format!("Answer given: {}", neutralise(label)));
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
            // The note prompt comes by itself only where the framework needs a note,
            // or where the answer changed and the note given before is offered for
            // editing (most often the reasons still stand, and retyping them is how
            // they get lost); else only when asked for, with `n` or Tab.
            // Text typed in the note and not confirmed brings it back too.
            let ask = noted
                || need == NoteNeed::Required
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
                                    self.say_wrapped(&format!(
                                        "That answer was not saved ({e}). The item is asked again when you continue."
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
        self.say("");
        self.say(&Style::new().bold().cyan().apply_to("Review").to_string());
        let mut legend: Vec<String> = Vec::new();
        for row in rows {
            let entry = format!("{}: {}", row.section, row.title);
            if row.section != row.title && !legend.contains(&entry) {
                legend.push(entry);
            }
        }
        if !legend.is_empty() {
            self.say_wrapped(&neutralise(&legend.join(" · ")));
        }
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(self.width() as u16)
            .set_header(["#", "Part", "Item", "Answer", "Note"]);
        for (n, row) in rows.iter().enumerate() {
            let answer = match (&row.answer, row.required) {
                (Some(a), _) => shorten(&neutralise(a)),
                (None, true) => "— missing".to_owned(),
                (None, false) => "—".to_owned(),
            };
            let lacks_note = missing
                .iter()
                .any(|m| m.item == row.item && m.what == Lacks::Note);
            let mut note = match &row.note {
                Some(n) => shorten(&neutralise(n)),
                None if lacks_note => "— missing".to_owned(),
                None => String::new(),
            };
            if row.unconfirmed {
                note.push_str(" (unconfirmed text kept: change the answer to confirm it)");
            }
            table.add_row([
                (n + 1).to_string(),
                neutralise(&row.section).into_owned(),
                neutralise(&row.prompt).into_owned(),
                answer,
                note,
            ]);
        }
        self.say(&table.to_string());
        let answered = rows.iter().filter(|r| r.answer.is_some()).count();
        self.say(&format!("{answered} of {} items answered.", rows.len()));
        if rows.iter().any(|r| {
            r.answer
                .as_deref()
                .is_some_and(|a| a.chars().count() > SHORT)
        }) || rows
            .iter()
            .any(|r| r.note.as_deref().is_some_and(|n| n.chars().count() > SHORT))
        {
            self.say_wrapped(
                "Long answers and notes are shortened here (…); the record keeps them whole.",
            );
        }
        if !dates.is_empty() {
            self.say("");
            self.say(
                &Style::new()
                    .yellow()
                    .bold()
                    .apply_to("Dates to check (they do not stop sign-off):")
                    .to_string(),
            );
            for order in dates {
                // A list entry, its lines after the first indented under its text.
                let entry = self.wrapped(&format!("{}.", sentence(&order.to_string())), "    ");
                self.say(&format!("  - {}", &entry[4..]));
            }
            self.say("");
        }
        if missing.is_empty() {
            self.say_wrapped("Everything required is answered: the record can be signed off.");
        } else {
            self.say_wrapped(&format!(
                "Sign-off still needs {} more: {}",
                missing.len(),
                missing
                    .iter()
                    .map(|m| format!("`{}`", m.item))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let menu = [
            "Sign off".to_owned(),
            "Change an answer".to_owned(),
            "Save and leave (the record stays a draft)".to_owned(),
        ];
        let menu_hint = "↑/↓ choose · Enter confirm · Esc save and leave";
        loop {
            let default = if missing.is_empty() { 0 } else { 1 };
            match self.select("What next?", &menu, Some(default), menu_hint) {
                None => return Ok(ReviewChoice::Interrupted),
                Some(0) => return Ok(ReviewChoice::SignOff),
                Some(2) => return Ok(ReviewChoice::Leave),
                Some(_) => {
                    // One line per answer, whatever the width of the terminal.
                    let room = self.width().saturating_sub(8);
                    let mut items: Vec<String> = rows
                        .iter()
                        .enumerate()
                        .map(|(n, r)| {
                            let answer = cut(r.answer.as_deref().unwrap_or("—"), room / 3);
                            let prompt =
                                cut(&r.prompt, room.saturating_sub(answer.chars().count() + 3));
                            neutralise(&format!("{:>2}. {prompt} [{answer}]", n + 1)).into_owned()
                        })
                        .collect();
                    items.push("← Back to the menu".to_owned());
                    let first_gap = rows
                        .iter()
                        .position(|r| missing.iter().any(|m| m.item == r.item))
                        .unwrap_or(0);
                    match self.select(
                        "Which answer?",
                        &items,
                        Some(first_gap),
                        "↑/↓ choose · Enter change it · Esc back to the menu",
                    ) {
                        Some(i) if i < rows.len() => match &rows[i].fixed {
                            // Not asked: said why, and back to the menu.
                            Some(why) => {
                                self.say("");
                                self.say_wrapped(&format!("{}.", sentence(&neutralise(why))));
                                continue;
                            }
                            None => return Ok(ReviewChoice::Change(rows[i].index)),
                        },
                        _ if self.stopped() => return Ok(ReviewChoice::Interrupted),
                        _ => continue,
                    }
                }
            }
        }
    }

    fn cannot_sign(&mut self, missing: &[Missing]) -> Result<(), Error> {
        let red = Style::new().red().bold();
        self.say("");
        self.say(
            &red.apply_to("Sign-off is not possible yet. Still needed:")
                .to_string(),
        );
        for m in missing {
            let what = match m.what {
                Lacks::Answer => "not answered",
                Lacks::Note => "needs a note",
                Lacks::Unconfirmed => "holds unconfirmed text",
            };
            let prompt: String = m.prompt.chars().take(70).collect();
            self.say(&format!(
                "  - `{}` ({what}): {}",
                m.item,
                neutralise(&prompt)
            ));
        }
        self.say("Choose \"Change an answer\" to complete them.");
        Ok(())
    }

    fn signer(&mut self, declaration: &str) -> Result<Reply<Signer>, Error> {
        self.say("");
        self.say(&Style::new().bold().cyan().apply_to("Sign-off").to_string());
        let hint = "Enter confirm · ↑ back to the review · Esc save and leave";
        let check_name = |t: &str| crate::value::check_name(t);
        let name = match self.line("Your name", "", true, hint, &check_name) {
            Line::Text(t) => t.trim().to_owned(),
            Line::Back => return Ok(Reply::Back),
            Line::Leave(_) => return Ok(Reply::Leave),
        };
        let role = match self.line(
            "Your role (for example Case manager)",
            "",
            true,
            hint,
            &check_name,
        ) {
            Line::Text(t) => t.trim().to_owned(),
            Line::Back => return Ok(Reply::Back),
            Line::Leave(_) => return Ok(Reply::Leave),
        };
        self.say("");
        self.say(&Style::new().bold().apply_to("Declaration").to_string());
        self.say(&self.wrapped(declaration, "  "));
        self.say("");
        let hint = format!(
            "To sign this declaration, type your name again ({}) · Enter on an empty line to go back to the review",
            neutralise(&name)
        );
        let confirm = |t: &str| {
            if t.trim().is_empty() || t.trim().eq_ignore_ascii_case(&name) {
                Ok(())
            } else {
                Err(format!(
                    "that is not the name you gave (\"{}\")",
                    neutralise(&name)
                ))
            }
        };
        match self.line("Type your name to sign", "", false, &hint, &confirm) {
            Line::Text(t) if t.trim().is_empty() => Ok(Reply::Back),
            Line::Text(_) => Ok(Reply::Value(Signer { name, role })),
            Line::Back => Ok(Reply::Back),
            Line::Leave(_) => Ok(Reply::Leave),
        }
    }
}

/// A message as a sentence: its first letter a capital.
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How many characters of an answer or note the review table shows.
const SHORT: usize = 160;

/// `text` cut to [`SHORT`] characters, on one line, for the review table.
fn shorten(text: &str) -> String {
    cut(text, SHORT)
}
