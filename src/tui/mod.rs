//! The checklist in a terminal: the [`Prompter`] a case manager uses. dialoguer's
//! `Select` asks checks and choices; [`line::LinePrompt`] asks text, dates and notes.
//! Everything is drawn on standard error, and every piece of framework text is
//! neutralised before it is drawn.
//!
//! Keys everywhere: Enter confirms; Esc or Ctrl-C saves and leaves (everything answered
//! is already on disk); a closed terminal does the same. "Back" (a menu entry, or ↑ in
//! a text prompt) returns to the previous item.

mod line;
mod tty;

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use comfy_table::{ContentArrangement, Table, presets};
use console::{Style, Term};
use dialoguer::Select;
use dialoguer::theme::ColorfulTheme;

use crate::checklist::{
    ItemQuestion, Lacks, Missing, Prompter, Reply, ReviewChoice, ReviewRow, SectionInfo,
};
use crate::error::Error;
use crate::framework::{Asking, Given, NoteNeed};
use crate::record::Signer;
use crate::terminal::{neutralise, wrap};

pub use line::{Line, LinePrompt};
pub use tty::discard_typeahead;

const BACK: &str = "← Back to the previous item";
const BACK_TO_REVIEW: &str = "← Back to the review (keep the answer as it is)";
const SKIP: &str = "Leave unanswered (this item is optional)";

pub struct Terminal {
    term: Term,
    theme: ColorfulTheme,
    /// Set by SIGINT, SIGTERM or SIGHUP: stop at the next prompt.
    stop: Arc<AtomicBool>,
}

impl Terminal {
    /// A prompter on standard error, leaving at the next prompt once `stop` is set.
    pub fn new(stop: Arc<AtomicBool>) -> Self {
        Terminal {
            term: Term::stderr(),
            theme: ColorfulTheme::default(),
            stop,
        }
    }

    fn width(&self) -> usize {
        usize::from(self.term.size().1).clamp(40, 100)
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// Prints text; a terminal that has gone away is not an error here (the next
    /// prompt finds it gone and leaves).
    pub fn say(&self, text: &str) {
        let mut term = &self.term;
        let _ = term.write_all(text.as_bytes());
        let _ = term.write_all(b"\n");
        let _ = term.flush();
    }

    /// Prints a paragraph of plain text, wrapped to the terminal.
    pub fn say_wrapped(&self, text: &str) {
        self.say(self.wrapped(text, "").trim_end());
    }

    fn wrapped(&self, text: &str, indent: &str) -> String {
        let width = self.width().saturating_sub(indent.len());
        wrap(&neutralise(text), width)
            .lines()
            .map(|l| format!("{indent}{l}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// A menu, under the line `hint`: the index chosen, or `None` for Esc, Ctrl-C or a
    /// closed terminal. With no `default`, nothing is chosen until an arrow key is
    /// pressed, so Enter alone cannot answer a question nobody has read.
    ///
    /// Keys typed before the menu appears are thrown away, and a choice confirmed with
    /// more input already waiting (a paste, not a person) is not taken: the menu is
    /// asked again.
    pub fn select(
        &self,
        prompt: &str,
        items: &[String],
        default: Option<usize>,
        hint: &str,
    ) -> Option<usize> {
        loop {
            // Raw first: from here on, a Ctrl-C is a key the menu reads, not a signal
            // that could land before it starts waiting; and nothing typed is echoed.
            let _raw = tty::Raw::enter();
            tty::discard_typeahead();
            self.hint(hint);
            if self.stopped() {
                return None;
            }
            // dialoguer redraws a menu by counting its entries as lines, so an entry
            // that wraps would leave debris: each is cut to the terminal's width.
            let room = usize::from(self.term.size().1).saturating_sub(4).max(10);
            let shown: Vec<String> = items.iter().map(|item| cut(item, room)).collect();
            let mut select = Select::with_theme(&self.theme);
            select = select.with_prompt(prompt).items(&shown).max_length(15);
            if let Some(d) = default {
                select = select.default(d.min(items.len().saturating_sub(1)));
            }
            let result = select.interact_on_opt(&self.term);
            // dialoguer hides the cursor while a menu is open; whatever happened, show it.
            let _ = self.term.show_cursor();
            match result {
                Ok(_) if self.stopped() => return None,
                // A key that ended the menu (Enter, space, Esc, `q`) with more input
                // already waiting is part of a paste, not a person: neither a choice
                // nor leaving (which would hand the rest of the paste to the shell).
                Ok(_) if tty::input_pending() => {
                    tty::discard_typeahead();
                    self.say(
                        &Style::new()
                            .yellow()
                            .apply_to("That looked like pasted text, so it was ignored. Choose with ↑/↓ and Enter.")
                            .to_string(),
                    );
                }
                Ok(choice) => return choice,
                Err(_) => return None,
            }
        }
    }

    /// A line of text under the line `hint`, checked by `check`. Keys typed before the
    /// prompt appears are thrown away.
    pub fn line(
        &self,
        prompt: &str,
        initial: &str,
        allow_back: bool,
        hint: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Line {
        let _raw = tty::Raw::enter();
        tty::discard_typeahead();
        self.hint(hint);
        if self.stopped() {
            return Line::Leave(None);
        }
        let prompt = LinePrompt {
            prompt,
            initial,
            allow_back,
            check,
            stop: &self.stop,
        };
        match prompt.interact(&self.term, &self.theme) {
            Ok(Line::Text(_) | Line::Back) if self.stopped() => Line::Leave(None),
            Ok(line) => line,
            Err(_) => Line::Leave(None),
        }
    }

    fn hint(&self, text: &str) {
        let text = self.wrapped(text, "");
        self.say(&Style::new().dim().apply_to(text.trim_end()).to_string());
    }

    /// Asks for the answer itself, with the current answer offered.
    fn answer(&self, q: &ItemQuestion, current: Option<&str>) -> Reply<String> {
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
            let hint = if default.is_some() {
                "↑/↓ choose · Enter keep the answer marked · Esc save and leave"
            } else {
                "↑/↓ choose (nothing is chosen until you move) · Enter confirm · Esc save and leave"
            };
            return match self.select("Answer", &labels, default, hint) {
                None => Reply::Leave,
                Some(i) if i < options.len() => Reply::Value(options[i].0.clone()),
                Some(i) if labels[i] == SKIP && current.is_some() => Reply::Clear,
                Some(i) if labels[i] == SKIP => Reply::Skip,
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
        let hint = format!("Enter confirm{back_hint}{optional} · Esc save and leave");
        let check = |text: &str| {
            if text.trim().is_empty() && !item.required {
                return Ok(());
            }
            item.parse_answer(text).map(|_| ())
        };
        match self.line(prompt, current.unwrap_or(""), back.is_some(), &hint, &check) {
            Line::Text(t) if t.trim().is_empty() && current.is_some() => Reply::Clear,
            Line::Text(t) if t.trim().is_empty() => Reply::Skip,
            Line::Text(t) => Reply::Value(t),
            Line::Back => Reply::Back,
            Line::Leave(_) => Reply::Leave,
        }
    }

    /// Asks the note that goes with the answer just chosen.
    fn note(&self, q: &ItemQuestion, need: NoteNeed) -> NoteReply {
        let required = need == NoteNeed::Required;
        let (prompt, hint) = if required {
            (
                "Note (required)",
                "Enter confirm · ↑ change the answer · Esc save and leave",
            )
        } else {
            (
                "Note (optional)",
                "Enter on an empty line for no note · ↑ change the answer · Esc save and leave",
            )
        };
        // The note given before is offered for editing, even when the answer changes:
        // most often the reasons still stand, and retyping them is how they get lost.
        let initial = q.current.and_then(|a| a.note.clone()).unwrap_or_default();
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
        match self.line(prompt, &initial, true, hint, &check) {
            Line::Text(t) if t.trim().is_empty() => NoteReply::Given(None),
            Line::Text(t) => NoteReply::Given(Some(t)),
            Line::Back => NoteReply::Back,
            Line::Leave(text) => NoteReply::Leave(text),
        }
    }
}

/// What came of asking a note.
enum NoteReply {
    /// The note, or none.
    Given(Option<String>),
    /// ↑: change the answer.
    Back,
    /// Left: with the note as it stood in the editor when Esc was pressed, or `None`
    /// when the terminal closed or a signal came.
    Leave(Option<String>),
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
        self.say(&Style::new().dim().apply_to(&q.position).to_string());
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
        let mut current = q.current.map(|a| a.answer.clone());
        loop {
            let answer = match self.answer(q, current.as_deref()) {
                Reply::Value(a) => a,
                Reply::Skip => return Ok(Reply::Skip),
                Reply::Clear => return Ok(Reply::Clear),
                Reply::Back => return Ok(Reply::Back),
                Reply::Leave | Reply::Last(_) => return Ok(Reply::Leave),
            };
            let answer = answer.trim().to_owned();
            let need = q.item.note_need(&answer);
            let unchanged = q.current.is_some_and(|a| a.answer == answer);
            let note = match need {
                // No note is asked for; one given before (in an answers file) is kept
                // while the answer it went with stands.
                NoteNeed::None => q.current.filter(|_| unchanged).and_then(|a| a.note.clone()),
                NoteNeed::Optional | NoteNeed::Required => match self.note(q, need) {
                    NoteReply::Given(note) => note,
                    NoteReply::Back => {
                        current = Some(answer);
                        continue;
                    }
                    // Leaving at the note keeps the answer just chosen. The note goes
                    // with it only as the person saw it when pressing Esc: never after
                    // a hang-up or signal (half-typed), and never the note of the
                    // answer it replaces, left as it was offered.
                    NoteReply::Leave(text) => {
                        let old = q.current.and_then(|a| a.note.as_deref());
                        let note = text.filter(|t| unchanged || Some(t.as_str()) != old);
                        if unchanged && note.is_none() {
                            return Ok(Reply::Leave);
                        }
                        return Ok(match q.item.accept(&answer, note.as_deref()) {
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
                },
            };
            match q.item.accept(&answer, note.as_deref()) {
                Ok(given) => return Ok(Reply::Value(given)),
                Err(e) => self.say(&format!("error: {e}")),
            }
        }
    }

    fn review(&mut self, rows: &[ReviewRow], missing: &[Missing]) -> Result<ReviewChoice, Error> {
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
            let note = match &row.note {
                Some(n) => shorten(&neutralise(n)),
                None if lacks_note => "— missing".to_owned(),
                None => String::new(),
            };
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
                        Some(i) if i < rows.len() => {
                            return Ok(ReviewChoice::Change(rows[i].index));
                        }
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

/// How many characters of an answer or note the review table shows.
const SHORT: usize = 160;

/// `text` cut to [`SHORT`] characters, on one line, for the review table.
fn shorten(text: &str) -> String {
    cut(text, SHORT)
}

/// `text` on one line, cut to at most `max` characters (the last being `…` when cut).
fn cut(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let kept: String = flat.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// Registers SIGINT, SIGTERM and SIGHUP so that they set `stop` rather than ending the
/// process: the session then leaves at the current prompt, tidily, with the terminal
/// restored, the cursor shown, the lock released and the resume command printed.
///
/// A prompt waiting for a key is woken at once (the wait is a `poll`, which a signal
/// always interrupts). A signal that lands while a prompt is drawing is noticed at
/// the next key or the next signal; between prompts, before the next one is asked.
/// There is deliberately no "second signal ends at once": console answers an
/// interrupted wait by raising SIGINT itself, which would count as a second signal and
/// leave the terminal raw, the cursor hidden and the lock file behind. Nothing is lost
/// either way: every answer is already on disk, and a save is never half-done.
pub fn catch_signals(stop: &Arc<AtomicBool>) -> io::Result<()> {
    for signal in [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register(signal, Arc::clone(stop))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_keeps_one_line_and_marks_what_it_removes() {
        assert_eq!(cut("a  b\nc", 10), "a b c");
        assert_eq!(cut("abcdefghij", 5), "abcd…");
        assert_eq!(cut("abcde", 5), "abcde");
    }
}
