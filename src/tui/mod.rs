//! Terminal widgets: a menu ([`Terminal::select`]), a line editor
//! ([`Terminal::line`], [`line::LinePrompt`]) and the raw-mode and signal handling they
//! need. They know nothing of checklists: the prompter that asks one with them is in
//! `prompter/terminal.rs`.

mod line;
mod tty;

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use console::{Style, Term};
use dialoguer::Select;
use dialoguer::theme::ColorfulTheme;

use crate::terminal::{Console, neutralise, wrap};

pub use line::{Line, LinePrompt};
pub use tty::discard_typeahead;

pub struct Terminal {
    term: Term,
    theme: ColorfulTheme,
    /// Set by SIGINT, SIGTERM or SIGHUP: stop at the next prompt.
    stop: Arc<AtomicBool>,
    /// How `error:` is styled, as on every other line of standard error.
    console: Console,
}

impl Terminal {
    /// Widgets on standard error, leaving at the next prompt once `stop` is set.
    pub fn new(stop: Arc<AtomicBool>, console: Console) -> Self {
        Terminal {
            term: Term::stderr(),
            theme: ColorfulTheme::default(),
            stop,
            console,
        }
    }

    /// The width text is wrapped to: the terminal's, within 40 to 100 columns.
    pub fn width(&self) -> usize {
        usize::from(self.term.size().1).clamp(40, 100)
    }

    /// Whether a signal has asked the session to stop.
    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
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
