//! Terminal widgets: a menu ([`Terminal::select`]) and a line editor
//! ([`Terminal::line`], [`line::LinePrompt`]); raw input and signals come from the
//! platform layer. They know nothing of checklists: the prompter that asks one with them is in
//! `prompter/terminal.rs`.

mod line;
mod screen;

use std::io::Write;

use console::{Style, Term};
use dialoguer::Select;
use dialoguer::theme::ColorfulTheme;

use crate::platform::{self, RawInput, Stop};
use crate::terminal::{Console, neutralise, wrap};

pub use line::{Line, LinePrompt};
pub use screen::Paged;

pub struct Terminal {
    term: Term,
    theme: ColorfulTheme,
    /// Set by Ctrl-C, a closed terminal or a `kill`: stop at the next prompt.
    stop: Stop,
    /// How `error:` is styled, as on every other line of standard error.
    console: Console,
    /// The signer's name and role, offered as the text of their prompts at sign-off
    /// (from the config file, say); `None` offers nothing. Set after [`Terminal::new`].
    pub signer_defaults: Option<(String, String)>,
}

impl Terminal {
    /// Widgets on standard error, leaving at the next prompt once `stop` is set.
    pub fn new(stop: Stop, console: Console) -> Self {
        Terminal {
            term: Term::stderr(),
            theme: ColorfulTheme::default(),
            stop,
            console,
            signer_defaults: None,
        }
    }

    /// The width text is wrapped to: the terminal's, within 40 to 100 columns.
    pub fn width(&self) -> usize {
        usize::from(self.term.size().1).clamp(40, 100)
    }

    /// What a signal sets: the session stops at the next prompt.
    pub fn stop(&self) -> &Stop {
        &self.stop
    }

    /// Whether a signal has asked the session to stop.
    pub fn stopped(&self) -> bool {
        self.stop.is_set()
    }

    /// Prints `error: …`, its label styled as the console styles it.
    pub fn error(&self, text: &dyn std::fmt::Display) {
        self.say(&self.console.labelled(&format!("error: {text}"), true));
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

    /// `text`, neutralised and wrapped to the terminal, each line after `indent`.
    pub fn wrapped(&self, text: &str, indent: &str) -> String {
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
            let _raw = RawInput::enter();
            platform::discard_typeahead();
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
                Ok(_) if platform::input_pending() => {
                    platform::discard_typeahead();
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
        self.edit(prompt, initial, false, allow_back, hint, check).0
    }

    /// [`Terminal::line`] for a field whose text must not be lost: `initial` is marked
    /// as unconfirmed text when `unconfirmed` says it is, and the text in the editor
    /// when the prompt ended is handed back with the outcome, however it ended.
    pub fn edit(
        &self,
        prompt: &str,
        initial: &str,
        unconfirmed: bool,
        allow_back: bool,
        hint: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> (Line, String) {
        let _raw = RawInput::enter();
        platform::discard_typeahead();
        self.hint(hint);
        if self.stopped() {
            return (Line::Leave(None), initial.to_owned());
        }
        let prompt = LinePrompt {
            prompt,
            initial,
            unconfirmed,
            allow_back,
            check,
            stop: self.stop.flag(),
        };
        match prompt.interact(&self.term, &self.theme) {
            (Line::Text(_) | Line::Back, text) if self.stopped() => (Line::Leave(None), text),
            done => done,
        }
    }

    fn hint(&self, text: &str) {
        let text = self.wrapped(text, "");
        self.say(&Style::new().dim().apply_to(text.trim_end()).to_string());
    }
}

/// `text` on one line, cut to at most `max` characters (the last being `…` when cut).
pub fn cut(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let kept: String = flat.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
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
