//! A menu of entries, chosen with the arrow keys: our own, drawn with the same theme
//! as the line editor (and as dialoguer's `Select`, which it replaced, drew it), so
//! that it can say why Enter did nothing, show its keys, and take a second key that
//! chooses and opens the note.
//!
//! The block it draws is one row per line, every line cut to the terminal's width, so
//! that redrawing it in place never leaves debris.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use console::{Key, Term, measure_text_width};
use dialoguer::theme::Theme;

use super::{Input, cut, echo, read_key, wrap_lines};

/// At most this many rows a menu takes, its head included (as dialoguer had it).
const MAX_ROWS: usize = 15;

/// What came of a menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Picked {
    /// Enter on the entry marked.
    Chosen(usize),
    /// The note key on the entry marked: choose it and open its note.
    WithNote(usize),
    /// Esc, Ctrl-C, the terminal closed, or a signal.
    Leave,
    /// A key that would end the menu arrived with more input waiting: a paste, not a
    /// person. Nothing is chosen.
    Pasted,
}

pub struct Menu<'a> {
    pub prompt: &'a str,
    pub items: &'a [String],
    /// The entry marked at first; with none, nothing is chosen until a key moves.
    pub default: Option<usize>,
    /// Whether `n` chooses the entry marked and opens its note.
    pub note_key: bool,
    /// The line of hints under which the menu is drawn: `?` shows its keys in full.
    pub hint: &'a str,
    /// Set by a signal: leave before waiting for another key.
    pub stop: &'a AtomicBool,
}

impl Menu<'_> {
    pub fn interact(&self, term: &Term, theme: &dyn Theme) -> io::Result<Picked> {
        let len = self.items.len();
        if len == 0 {
            return Ok(Picked::Leave);
        }
        let mut marked = self.default.map(|d| d.min(len - 1));
        let mut message: Option<String> = None;
        let mut help = false;
        let mut block = Block { term, rows: 0 };
        term.hide_cursor()?;
        let result = loop {
            let cols = usize::from(term.size().1).max(20);
            let height = usize::from(term.size().0).max(3);
            let mut below: Vec<String> = Vec::new();
            // An entry too long for its row is cut there; marked, it is shown whole
            // under the menu, so that nothing is chosen unread.
            if let Some(item) = marked.map(|m| &self.items[m])
                && console::measure_text_width(item) > cols.saturating_sub(3)
            {
                for l in wrap_lines(item, cols.saturating_sub(3)) {
                    below.push(
                        console::style(format!("  {l}"))
                            .for_stderr()
                            .dim()
                            .to_string(),
                    );
                }
            }
            if let Some(m) = &message {
                for l in wrap_lines(m, cols.saturating_sub(1)) {
                    below.push(console::style(l).for_stderr().yellow().to_string());
                }
            }
            // The block never grows taller than the screen (the row the cursor waits
            // on included): drawn taller, its first rows would scroll away, out of
            // reach of the next drawing, and stay behind. The keys shown make room by
            // showing fewer entries a page, and at worst are cut.
            let room = height.saturating_sub(3 + below.len());
            let mut keys = if help {
                self.keys(len > MAX_ROWS - 2, cols)
            } else {
                Vec::new()
            };
            keys.truncate(room.saturating_sub(1));
            let capacity = MAX_ROWS
                .min(height)
                .saturating_sub(2)
                .min(room.saturating_sub(keys.len()))
                .max(1);
            let pages = len.div_ceil(capacity);
            let page = marked.map_or(0, |m| m / capacity);
            let mut lines = Vec::new();
            let mut head = String::new();
            let _ = theme.format_select_prompt(&mut head, self.prompt);
            if pages > 1 {
                head.push_str(&format!(" [Page {}/{}] ", page + 1, pages));
            }
            lines.push(head);
            for (i, item) in self.items.iter().enumerate().skip(page * capacity) {
                if i >= (page + 1) * capacity {
                    break;
                }
                let mut line = String::new();
                let _ = theme.format_select_prompt_item(
                    &mut line,
                    &cut(item, cols.saturating_sub(3)),
                    marked == Some(i),
                );
                lines.push(line);
            }
            lines.extend(below);
            for l in keys {
                lines.push(console::style(l).for_stderr().dim().to_string());
            }
            block.draw(&lines)?;

            if self.stop.load(Ordering::SeqCst) {
                break Picked::Leave;
            }
            let key = match read_key(term) {
                Ok(_) if self.stop.load(Ordering::SeqCst) => break Picked::Leave,
                Ok(key) => key,
                // End of input or a hang-up: the terminal is gone.
                Err(_) => break Picked::Leave,
            };
            // A key that ends the menu, or a letter no menu takes, with more already
            // waiting: part of a paste. (Enter with nothing chosen ends nothing: typed
            // twice in a hurry, it only says so.)
            let ending = match key {
                Input::Key(Key::Escape) => true,
                Input::Key(Key::Enter | Key::Char(' ' | 'n' | 'N')) => marked.is_some(),
                Input::Key(Key::Char('j' | 'k' | 'h' | 'l' | '?')) => false,
                Input::Key(Key::Char(_)) => true,
                _ => false,
            };
            if ending && crate::platform::input_pending() {
                break Picked::Pasted;
            }
            message = None;
            let Input::Key(key) = key else {
                help = !help;
                continue;
            };
            match key {
                Key::ArrowDown | Key::Tab | Key::Char('j') => {
                    marked = Some(marked.map_or(0, |m| (m + 1) % len));
                }
                Key::ArrowUp | Key::BackTab | Key::Char('k') => {
                    marked = Some(marked.map_or(len - 1, |m| (m + len - 1) % len));
                }
                Key::Home => marked = Some(0),
                Key::End => marked = Some(len - 1),
                Key::ArrowLeft | Key::PageUp | Key::Char('h') if pages > 1 => {
                    marked = Some(((page + pages - 1) % pages) * capacity);
                }
                Key::ArrowRight | Key::PageDown | Key::Char('l') if pages > 1 => {
                    marked = Some(((page + 1) % pages) * capacity);
                }
                Key::Enter | Key::Char(' ') => match marked {
                    Some(m) => break Picked::Chosen(m),
                    None => message = Some(NOTHING_CHOSEN.to_owned()),
                },
                Key::Char('n' | 'N') if self.note_key => match marked {
                    Some(m) => break Picked::WithNote(m),
                    None => message = Some(format!("{NOTHING_CHOSEN}, then press n to add a note")),
                },
                Key::Char('?') => help = !help,
                Key::Escape | Key::CtrlC => break Picked::Leave,
                _ => {}
            }
        };
        block.clear()?;
        if let Picked::Chosen(i) | Picked::WithNote(i) = result {
            let done = echo(
                theme,
                self.prompt,
                &self.items[i],
                usize::from(term.size().1),
            );
            block.write(&format!("{done}\r\n"))?;
        }
        term.show_cursor()?;
        Ok(result)
    }

    /// The keys of this menu, one per line, for `?`: moving, then what its hint says.
    fn keys(&self, paged: bool, cols: usize) -> Vec<String> {
        let mut fixed = vec![
            (
                "↑/↓ or k/j",
                "move the marker (the first key marks the first or last entry)",
            ),
            ("Home/End", "mark the first or the last entry"),
        ];
        if paged {
            fixed.push(("←/→", "the previous or the next page"));
        }
        super::keys_help(
            "Keys in this menu:",
            &fixed,
            self.hint,
            ("?", "hide these keys"),
            cols,
        )
    }
}

/// What Enter says when nothing is chosen yet.
const NOTHING_CHOSEN: &str = "Nothing chosen yet: move with ↑/↓ first";

/// The rows a menu occupies, from the row its head is on down to the cursor, which
/// waits on the row after its last line.
struct Block<'t> {
    term: &'t Term,
    rows: usize,
}

impl Block<'_> {
    fn draw(&mut self, lines: &[String]) -> io::Result<()> {
        self.clear()?;
        let cols = usize::from(self.term.size().1).max(1);
        let mut out = String::new();
        for line in lines {
            out.push_str(line);
            out.push_str("\r\n");
            // A line as wide as the terminal, or wider, takes more than one row.
            self.rows += 1 + measure_text_width(line).saturating_sub(1) / cols;
        }
        self.write(&out)
    }

    /// Moves to the block's first row and clears from there down.
    fn clear(&mut self) -> io::Result<()> {
        let mut out = String::new();
        if self.rows > 0 {
            out.push_str(&format!("\x1b[{}A", self.rows));
        }
        out.push_str("\r\x1b[J");
        self.rows = 0;
        self.write(&out)
    }

    fn write(&self, text: &str) -> io::Result<()> {
        let mut term = self.term;
        term.write_all(text.as_bytes())?;
        term.flush()
    }
}
