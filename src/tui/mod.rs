//! Terminal widgets: a menu ([`Terminal::select`], [`menu::Menu`]) and a line editor
//! ([`Terminal::line`], [`line::LinePrompt`]); raw input and signals come from the
//! platform layer. They know nothing of checklists: the prompter that asks one with them is in
//! `prompter/terminal.rs`.

mod line;
mod menu;
mod screen;

use std::cell::Cell;
use std::io::{self, Write};

use console::{Key, Style, Term, measure_text_width};
use dialoguer::theme::{ColorfulTheme, Theme};

use crate::platform::{self, RawInput, Stop};
use crate::terminal::{Console, neutralise, wrap};

pub use line::{Line, LinePrompt, Offered};
pub use menu::{Menu, Picked};
pub use screen::Paged;

pub struct Terminal {
    term: Term,
    theme: ColorfulTheme,
    /// Set by Ctrl-C, a closed terminal or a `kill`: stop at the next prompt.
    stop: Stop,
    /// How `error:` is styled, as on every other line of standard error.
    console: Console,
    /// The signer's name and role from the settings (`fairness config`), offered as
    /// the initial text of the sign-off prompts: never signed without being confirmed.
    pub signer_defaults: Option<(String, String)>,
    /// Why the record about to be signed needs a countersignature, said at sign-off;
    /// `None` when it needs none.
    pub countersignature: Option<String>,
    /// The dates out of order the last review showed, in words: said again in the
    /// summary before signing, which they do not stop.
    pub dates_to_check: Vec<String>,
    /// What the record under review amends (its version, the record it supersedes and
    /// why), said at the head of the review; `None` for a record that is no amendment.
    pub amendment: Option<String>,
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
            countersignature: None,
            dates_to_check: Vec::new(),
            amendment: None,
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

    /// Prints `error: …`, its label styled as the console styles it, wrapped at spaces.
    pub fn error(&self, text: &dyn std::fmt::Display) {
        let text = wrap_lines(&format!("error: {text}"), self.width()).join("\n");
        self.say(&self.console.labelled(&text, true));
    }

    /// Prints `warning: …`, its label styled as the console styles it, wrapped.
    pub fn warning(&self, text: &dyn std::fmt::Display) {
        let text = wrap_lines(&format!("warning: {text}"), self.width()).join("\n");
        self.say(&self.console.labelled(&text, true));
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
    /// pressed, so Enter alone cannot answer a question nobody has read (it says so).
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
        self.choose(prompt, items, default, hint, false)
            .map(|(i, _)| i)
    }

    /// As [`Terminal::select`]; with `note_key`, `n` also chooses the entry marked, and
    /// the second value says it did: the person wants to add a note to the answer.
    pub fn choose(
        &self,
        prompt: &str,
        items: &[String],
        default: Option<usize>,
        hint: &str,
        note_key: bool,
    ) -> Option<(usize, bool)> {
        loop {
            // Raw first: from here on, a Ctrl-C is a key the menu reads, not a signal
            // that could land before it starts waiting; and nothing typed is echoed.
            let _raw = RawInput::enter();
            platform::discard_typeahead();
            self.hint(hint);
            if self.stopped() {
                return None;
            }
            let menu = Menu {
                prompt,
                items,
                default,
                note_key,
                hint,
                stop: self.stop.flag(),
            };
            let result = menu.interact(&self.term, &self.theme);
            // The menu hides the cursor while it is open; whatever happened, show it.
            let _ = self.term.show_cursor();
            match result {
                Ok(_) if self.stopped() => return None,
                // A key that would end the menu (Enter, space, `n`, Esc) with more input
                // already waiting is part of a paste, not a person: neither a choice
                // nor leaving (which would hand the rest of the paste to the shell).
                Ok(Picked::Pasted) => {
                    platform::discard_typeahead();
                    self.say(
                        &Style::new()
                            .yellow()
                            .apply_to("That looked like pasted text, so it was ignored. Choose with ↑/↓ and Enter.")
                            .to_string(),
                    );
                }
                Ok(Picked::Chosen(i)) => return Some((i, false)),
                Ok(Picked::WithNote(i)) => return Some((i, true)),
                Ok(Picked::Leave) | Err(_) => return None,
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
        self.edit(prompt, initial, Offered::Saved, allow_back, hint, check)
            .0
    }

    /// [`Terminal::line`] for a field whose text must not be lost: `initial` is marked
    /// as unconfirmed text (over the value saved before) when `offered` says it is, and the text in the editor
    /// when the prompt ended is handed back with the outcome, however it ended.
    pub fn edit(
        &self,
        prompt: &str,
        initial: &str,
        offered: Offered,
        allow_back: bool,
        hint: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> (Line, String) {
        self.edit_with(prompt, initial, offered, allow_back, hint, check, None)
    }

    /// As [`Terminal::edit`], where Tab confirms as Enter does and says so in the
    /// third value: the person wants to add a note to the answer.
    pub fn edit_noting(
        &self,
        prompt: &str,
        initial: &str,
        offered: Offered,
        allow_back: bool,
        hint: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> (Line, String, bool) {
        let noted = Cell::new(false);
        let (line, text) = self.edit_with(
            prompt,
            initial,
            offered,
            allow_back,
            hint,
            check,
            Some(&noted),
        );
        let noted = noted.get() && matches!(line, Line::Text(_));
        (line, text, noted)
    }

    #[allow(clippy::too_many_arguments)]
    fn edit_with(
        &self,
        prompt: &str,
        initial: &str,
        offered: Offered,
        allow_back: bool,
        hint: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
        note: Option<&Cell<bool>>,
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
            offered,
            allow_back,
            check,
            stop: self.stop.flag(),
            note,
            hint,
        };
        match prompt.interact(&self.term, &self.theme) {
            (Line::Text(_) | Line::Back, text) if self.stopped() => (Line::Leave(None), text),
            done => done,
        }
    }

    /// Asks for a secret, a key's passphrase: nothing typed is shown, not even its
    /// length. Enter gives it; Esc goes back; Ctrl-C, a signal or a closed terminal
    /// leaves.
    pub fn secret(&self, prompt: &str, hint: &str) -> Secret {
        let _raw = RawInput::enter();
        platform::discard_typeahead();
        self.hint(hint);
        if self.stopped() {
            return Secret::Leave;
        }
        let mut head = String::new();
        let _ = self.theme.format_input_prompt(&mut head, prompt, None);
        let mut term = &self.term;
        let _ = term.write_all(head.as_bytes());
        let _ = term.flush();
        let mut text = zeroize::Zeroizing::new(String::new());
        let end = |said: &str| {
            let mut term = &self.term;
            let _ = term.write_all(format!("{said}\r\n").as_bytes());
            let _ = term.flush();
        };
        loop {
            let key = match read_key(&self.term) {
                Ok(_) if self.stopped() => {
                    end("");
                    return Secret::Leave;
                }
                Ok(Input::Key(key)) => key,
                Ok(Input::Help) => continue,
                Err(_) => {
                    end("");
                    return Secret::Leave;
                }
            };
            match key {
                Key::Enter => {
                    end("(given)");
                    return Secret::Text(text);
                }
                Key::Escape => {
                    end("");
                    return Secret::Back;
                }
                // As at every other prompt: stop, saving what was answered.
                Key::CtrlC | Key::Char('\u{3}') => {
                    end("");
                    return Secret::Leave;
                }
                Key::Backspace => {
                    text.pop();
                }
                Key::Char(c) if !c.is_control() => text.push(c),
                _ => {}
            }
        }
    }

    fn hint(&self, text: &str) {
        let text = self.wrapped(text, "");
        self.say(&Style::new().dim().apply_to(text.trim_end()).to_string());
    }
}

/// What [`Terminal::secret`] was given.
pub enum Secret {
    Text(zeroize::Zeroizing<String>),
    Back,
    Leave,
}

/// A key read from the terminal, or the help key.
pub(crate) enum Input {
    Key(Key),
    /// F1 (`?` in a menu is a plain key): show or hide the prompt's keys.
    Help,
}

/// Reads the next key, in raw mode. F1 comes as the help key however the terminal
/// sends it: console knows only part of its escape sequence (ESC O P on xterm, VTE and
/// tmux; ESC [ [ A on the Linux console), and Windows names it only to the platform
/// layer. ESC O followed by an arrow's letter (a terminal in application mode) is
/// that arrow.
pub(crate) fn read_key(term: &Term) -> io::Result<Input> {
    if platform::take_help_key() {
        return Ok(Input::Help);
    }
    let key = term.read_key_raw()?;
    Ok(match key {
        Key::UnknownEscSeq(seq) if seq == ['O'] && platform::input_pending() => {
            match term.read_key_raw()? {
                Key::Char('P') => Input::Help,
                Key::Char('A') => Input::Key(Key::ArrowUp),
                Key::Char('B') => Input::Key(Key::ArrowDown),
                Key::Char('C') => Input::Key(Key::ArrowRight),
                Key::Char('D') => Input::Key(Key::ArrowLeft),
                Key::Char('H') => Input::Key(Key::Home),
                Key::Char('F') => Input::Key(Key::End),
                _ => Input::Key(Key::Unknown),
            }
        }
        Key::UnknownEscSeq(seq) if seq == ['[', '[', 'A'] => Input::Help,
        key => Input::Key(key),
    })
}

/// The line a prompt leaves on the screen once answered, `✔ Answer · Yes`: a value
/// too long for one row wraps at spaces, never inside a word, its further rows
/// indented two columns. `cols` is the terminal's width.
pub(crate) fn echo(theme: &dyn Theme, prompt: &str, value: &str, cols: usize) -> String {
    let mut head = String::new();
    let _ = theme.format_input_prompt_selection(&mut head, prompt, "");
    let room = cols.saturating_sub(1).max(20);
    // The head as one word of its width, so that the first row leaves room for it.
    let stand_in = "x".repeat(measure_text_width(&head).saturating_sub(1).max(1));
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let first_row = wrap(&format!("{stand_in} {value}"), room)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    let first = first_row[stand_in.len()..].trim_start();
    let rest = value[first.len()..].trim_start();
    let mut shown = first.to_owned();
    for row in wrap_lines(rest, room.saturating_sub(2)) {
        shown.push_str("\n  ");
        shown.push_str(&row);
    }
    let mut out = String::new();
    let _ = theme.format_input_prompt_selection(&mut out, prompt, &shown);
    out
}

/// `text` wrapped at spaces to `width` columns, as rows.
pub(crate) fn wrap_lines(text: &str, width: usize) -> Vec<String> {
    let mut rows: Vec<String> = wrap(text, width.max(10))
        .lines()
        .map(|l| l.trim_end().to_owned())
        .collect();
    while rows.last().is_some_and(|l| l.is_empty()) {
        rows.pop();
    }
    rows
}

/// An error to show under a line, `✘ …`, wrapped at spaces to the terminal's `cols`.
pub(crate) fn error_rows(theme: &dyn Theme, error: &str, cols: usize) -> String {
    let text = wrap_lines(error, cols.saturating_sub(3)).join("\r\n  ");
    let mut out = String::new();
    let _ = theme.format_error(&mut out, &text);
    out
}

/// The keys of a prompt, for its help key: `title`, then each key and what it does,
/// `fixed` first, then each key the prompt's `hint` names (its parts are "KEY what it
/// does", joined by ` · `), then `toggle`; wrapped to `cols`.
pub(crate) fn keys_help(
    title: &str,
    fixed: &[(&str, &str)],
    hint: &str,
    toggle: (&str, &str),
    cols: usize,
) -> Vec<String> {
    let is_key =
        |k: &str| matches!(k, "Enter" | "Esc" | "Tab" | "n" | "↑" | "↓") || k.starts_with("Ctrl-");
    let mut entries: Vec<(&str, &str)> = fixed.to_vec();
    for part in hint.split(" · ") {
        if let Some((key, what)) = part.split_once(' ')
            && is_key(key)
        {
            entries.push((key, what));
        }
    }
    entries.push(toggle);
    let width = entries
        .iter()
        .map(|(k, _)| measure_text_width(k))
        .max()
        .unwrap_or(0);
    let mut rows = vec![title.to_owned()];
    let indent = " ".repeat(width + 4);
    for (key, what) in entries {
        let pad = " ".repeat(width - measure_text_width(key));
        for (n, row) in wrap_lines(what, cols.saturating_sub(width + 5))
            .into_iter()
            .enumerate()
        {
            rows.push(if n == 0 {
                format!("  {key}{pad}  {row}")
            } else {
                format!("{indent}{row}")
            });
        }
    }
    rows
}

/// The keys of a line prompt under `hint`, for F1: editing, then what the hint says.
pub(crate) fn line_keys(hint: &str, cols: usize) -> String {
    let fixed = [
        ("←/→", "move in the text"),
        ("↑/↓", "move between the rows of a long text"),
        ("Home/End", "the start or the end of the text"),
        ("Ctrl-U", "clear the text before the cursor"),
    ];
    let rows = keys_help("Keys here:", &fixed, hint, ("F1", "hide these keys"), cols);
    Style::new()
        .for_stderr()
        .dim()
        .apply_to(rows.join("\r\n"))
        .to_string()
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
