//! A one-line text prompt that, unlike dialoguer's `Input`, lets the person leave with
//! Esc or go back with ↑, and treats Ctrl-C and a closed terminal as leaving. It draws
//! with the same theme as the dialoguer prompts around it. However the prompt is left,
//! the text in the editor is handed back with the outcome, so that the caller can keep
//! what was typed.
//!
//! Pasted text keeps its line breaks. Where the terminal supports bracketed paste
//! (turned on while the editor reads, see [`crate::platform::BracketedPaste`]),
//! everything between its two markers is one insertion, however many reads it arrives
//! in (the markers too may be split anywhere); half a second with no input ends a
//! paste whose end marker never came. Elsewhere an Enter with more input already waiting is taken as part of a paste,
//! so it becomes a line break (drawn `↵`) rather than confirming half the paste and
//! feeding the rest to the next question. Text longer than a few rows is shown through
//! a window that follows the cursor; ↑ and ↓ move between the rows the text wraps on.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use console::{Key, Term, measure_text_width};
use dialoguer::theme::Theme;

/// At most this many rows show the text being edited; longer text scrolls.
const MAX_ROWS: usize = 6;

/// Inside a bracketed paste, or part-way through a marker, this long with no input
/// ends it: a marker lost or mangled on the way must not leave Enter a line break.
const PASTE_PAUSE: std::time::Duration = std::time::Duration::from_millis(500);

/// What came of a line prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    Text(String),
    /// ↑ was pressed on the text's first row (only when going back is allowed).
    Back,
    /// Esc, Ctrl-C, or the terminal closed. With Esc or Ctrl-C pressed, the text as
    /// it was in the editor, seen by the person; `None` when the terminal closed or a
    /// signal came.
    Leave(Option<String>),
}

/// What the text a line prompt starts with is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Offered<'a> {
    /// Confirmed text, or nothing.
    #[default]
    Saved,
    /// Text typed before and never confirmed, offered over `saved`, the value confirmed
    /// before (if any): marked so until the person edits it; the saved value is shown
    /// under it, and Ctrl-R drops the unconfirmed text and puts the saved value back.
    Unconfirmed { saved: Option<&'a str> },
}

pub struct LinePrompt<'a> {
    pub prompt: &'a str,
    pub initial: &'a str,
    /// Whether the initial text is text typed before and never confirmed.
    pub offered: Offered<'a>,
    pub allow_back: bool,
    /// Checks the text when Enter is pressed; an error is shown under the line and the
    /// person carries on editing.
    pub check: &'a dyn Fn(&str) -> Result<(), String>,
    /// Set by a signal: leave before waiting for another key.
    pub stop: &'a AtomicBool,
    /// With a place here, Tab confirms as Enter does and sets it: add a note.
    pub note: Option<&'a std::cell::Cell<bool>>,
    /// The line of hints over the prompt: F1 shows its keys in full.
    pub hint: &'a str,
}

/// Where the editor stands in a bracketed paste's markers (`ESC [ 200 ~` begins a
/// paste, `ESC [ 201 ~` ends it). console reads an escape sequence's first three
/// characters as one key and hands on the rest as characters, which are gathered here.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Marker {
    /// Not in a sequence.
    None,
    /// An Esc read inside a paste: the start of its end marker, if `[` follows.
    Escape,
    /// In a control sequence begun with these parameter characters.
    Sequence(String),
}

impl LinePrompt<'_> {
    /// Asks for the text: the outcome, and the text as it stood in the editor at the
    /// end, whatever the outcome (even when the terminal failed).
    pub fn interact(&self, term: &Term, theme: &dyn Theme) -> (Line, String) {
        // Text from a file could hold control characters; they are never drawn.
        let mut text: Vec<char> = self
            .initial
            .chars()
            .filter(|&c| !crate::terminal::is_unsafe(c))
            .collect();
        let line = self
            .edit(term, theme, &mut text)
            .unwrap_or(Line::Leave(None));
        (line, text.into_iter().collect())
    }

    fn edit(&self, term: &Term, theme: &dyn Theme, text: &mut Vec<char>) -> io::Result<Line> {
        let initial = text.clone();
        let mut pos = text.len();
        let mut error: Option<String> = None;
        let mut help = false;
        let mut screen = Screen::new(term);
        let mut window = Window::default();
        let _raw = crate::platform::RawInput::enter();
        // Dropped, and so turned off, before the input is restored, on every way out.
        let _paste = crate::platform::BracketedPaste::enter();
        let mut pasting = false;
        let mut marker = Marker::None;
        term.show_cursor()?;
        loop {
            // More input already waiting: a paste is arriving.
            let pending = crate::platform::input_pending();
            let mut head = String::new();
            let _ = theme.format_input_prompt(&mut head, self.prompt, None);
            // The rows the text may fill: at most MAX_ROWS, and never more than the
            // terminal can show with the prompt's other lines.
            let rows = MAX_ROWS
                .min(usize::from(term.size().0).saturating_sub(4))
                .max(1);
            let cols = screen.width();
            let head_width = measure_text_width(&head);
            let room = (cols * rows).saturating_sub(head_width + 2).max(10);
            // While a paste is still arriving, drawing each character would only slow
            // it down (and make it quadratic): draw once it has all been read.
            if !pending {
                let (shown, before) = window.show(text, pos, room);
                let mut notes = Vec::new();
                // The value confirmed before, shown while the unconfirmed text is offered
                // over it, so that nobody clears it without seeing it.
                let mut saved_row = None;
                if let Offered::Unconfirmed { saved } = self.offered
                    && *text == initial
                {
                    match saved.filter(|s| !s.trim().is_empty()) {
                        Some(saved) => {
                            let saved = crate::terminal::neutralise(saved);
                            saved_row = Some(format!(
                                "Saved: {}",
                                super::cut(&saved, cols.saturating_sub(8).max(10))
                            ));
                            notes.push(
                                "Unconfirmed text kept from before: Enter confirms it, \
                                 Ctrl-R puts the saved text back, Ctrl-U clears the line"
                                    .to_owned(),
                            );
                        }
                        None => notes.push(
                            "Unconfirmed text kept from before: Enter confirms it, Ctrl-U clears it"
                                .to_owned(),
                        ),
                    }
                }
                if window.cut {
                    notes.push(format!(
                        "{} characters; the text scrolls (←/→, ↑/↓ a row, Home, End)",
                        text.len()
                    ));
                } else if head_width + width(text) >= cols {
                    notes.push(if self.allow_back {
                        "↑/↓ move between rows; ↑ on the first row goes back, keeping the text"
                            .to_owned()
                    } else {
                        "↑/↓ move between rows".to_owned()
                    });
                }
                let below = match &error {
                    Some(e) => super::error_rows(theme, e, cols),
                    None if help => super::line_keys(self.hint, cols),
                    None if notes.is_empty() => String::new(),
                    // Wrapped at spaces, never inside a word, to the terminal's width.
                    None => super::wrap_lines(&notes.join(" · "), cols.saturating_sub(1))
                        .iter()
                        .map(|row| console::style(row).dim().to_string())
                        .collect::<Vec<_>>()
                        .join("\r\n"),
                };
                let below = match saved_row {
                    Some(row) if below.is_empty() => console::style(row).dim().to_string(),
                    Some(row) => format!("{}\r\n{below}", console::style(row).dim()),
                    None => below,
                };
                screen.draw(&head, &shown, &before, &below)?;
            }
            // Leaves the text on screen as it stands, and the prompt.
            let leave = |screen: &mut Screen, window: &mut Window, text: &[char]| {
                let (shown, _) = window.show(text, pos, room);
                screen.replace(&format!("{head}{shown}"))
            };
            if self.stop.load(Ordering::SeqCst) {
                let _ = leave(&mut screen, &mut window, text);
                return Ok(Line::Leave(None));
            }
            // A paste, or a marker, that stops part-way: it ends. An Esc with nothing
            // after it was the person's.
            if (pasting || marker != Marker::None) && !crate::platform::input_within(PASTE_PAUSE) {
                pasting = false;
                if std::mem::replace(&mut marker, Marker::None) == Marker::Escape {
                    leave(&mut screen, &mut window, text)?;
                    return Ok(Line::Leave(Some(text.iter().collect())));
                }
                continue;
            }
            let key = match super::read_key(term) {
                // Asked to stop while waiting (the key is whatever woke the wait, or
                // the person's last): not the person leaving; what they typed is
                // handed back all the same.
                Ok(_) if self.stop.load(Ordering::SeqCst) => {
                    let _ = leave(&mut screen, &mut window, text);
                    return Ok(Line::Leave(None));
                }
                Ok(super::Input::Key(key)) => key,
                Ok(super::Input::Help) => {
                    help = !help;
                    continue;
                }
                // End of input or a hang-up: the terminal is gone.
                Err(_) => {
                    let _ = leave(&mut screen, &mut window, text);
                    return Ok(Line::Leave(None));
                }
            };
            // The rest of a control sequence console did not know: a paste's marker,
            // or a key nobody here uses (F9 and beyond), never text.
            if marker == Marker::Escape {
                marker = Marker::None;
                if key == Key::Char('[') {
                    marker = Marker::Sequence(String::new());
                    continue;
                }
            }
            if let Marker::Sequence(params) = &mut marker {
                match key {
                    Key::Char(c) if ('\u{30}'..='\u{3f}').contains(&c) => {
                        params.push(c);
                        continue;
                    }
                    Key::Char(c) if ('\u{40}'..='\u{7e}').contains(&c) => {
                        match (params.as_str(), c) {
                            ("200", '~') => pasting = true,
                            ("201", '~') => pasting = false,
                            _ => {}
                        }
                        marker = Marker::None;
                        continue;
                    }
                    // Not a sequence after all: the key is read as itself.
                    _ => marker = Marker::None,
                }
            }
            match key {
                // `ESC [` and up to two parameter characters (as many as had arrived):
                // the rest follows as characters, however it is split.
                Key::UnknownEscSeq(seq)
                    if (1..=3).contains(&seq.len())
                        && seq[0] == '['
                        && seq[1..].iter().all(|c| ('\u{30}'..='\u{3f}').contains(c)) =>
                {
                    marker = Marker::Sequence(seq[1..].iter().collect());
                }
                // Inside a bracketed paste, an Esc on its own: perhaps the end marker,
                // split after its first character.
                Key::Escape if pasting => marker = Marker::Escape,
                // Inside a bracketed paste: a line break or tab is text, and no key
                // that arrives with the rest of it confirms, leaves or moves.
                Key::Enter if pasting => {
                    text.insert(pos, '\n');
                    pos += 1;
                    error = None;
                }
                Key::Tab if pasting => {
                    text.insert(pos, '\t');
                    pos += 1;
                    error = None;
                }
                Key::Char(c) if pasting && !c.is_control() && !crate::terminal::is_unsafe(c) => {
                    text.insert(pos, c);
                    pos += 1;
                    error = None;
                }
                _ if pasting && crate::platform::input_pending() => {}
                // Part of a paste: keep the line break, confirm nothing.
                Key::Enter if crate::platform::input_pending() => {
                    text.insert(pos, '\n');
                    pos += 1;
                    error = None;
                }
                Key::Enter | Key::Tab
                    if key == Key::Enter
                        || (self.note.is_some() && !crate::platform::input_pending()) =>
                {
                    let value: String = text.iter().collect();
                    match (self.check)(&value) {
                        Ok(()) => {
                            if let Some(note) = self.note {
                                note.set(key == Key::Tab);
                            }
                            let done = super::echo(theme, self.prompt, &summary(text, room), cols);
                            screen.replace(&done)?;
                            return Ok(Line::Text(value));
                        }
                        Err(e) => error = Some(e),
                    }
                }
                // An Esc that arrived with pasted text, unseen: not a person leaving.
                Key::Escape if pending => {}
                Key::Escape | Key::CtrlC => {
                    leave(&mut screen, &mut window, text)?;
                    return Ok(Line::Leave(Some(text.iter().collect())));
                }
                // ↑ moves up a row of wrapped text; on the first row it goes back.
                Key::ArrowUp => match row_move(text, pos, head_width, cols, Row::Up) {
                    Some(to) => pos = to,
                    None if self.allow_back => {
                        screen.clear()?;
                        return Ok(Line::Back);
                    }
                    None => {}
                },
                Key::ArrowDown => {
                    pos = row_move(text, pos, head_width, cols, Row::Down).unwrap_or(text.len());
                }
                // Ctrl-R, where unconfirmed text was offered over a saved value: drop
                // the text and put the saved value back.
                Key::Char('\u{12}') => {
                    if let Offered::Unconfirmed { saved: Some(saved) } = self.offered {
                        *text = saved
                            .chars()
                            .filter(|&c| !crate::terminal::is_unsafe(c))
                            .collect();
                        pos = text.len();
                        error = None;
                    }
                }
                // Ctrl-U, as in a shell: clear everything before the cursor.
                Key::Char('\u{15}') => {
                    text.drain(..pos);
                    pos = 0;
                    error = None;
                }
                Key::Char(c) if !c.is_control() && !crate::terminal::is_unsafe(c) => {
                    text.insert(pos, c);
                    pos += 1;
                    error = None;
                }
                Key::Backspace if pos > 0 => {
                    pos -= 1;
                    text.remove(pos);
                    error = None;
                }
                Key::Del if pos < text.len() => {
                    text.remove(pos);
                    error = None;
                }
                Key::ArrowLeft if pos > 0 => pos -= 1,
                Key::ArrowRight if pos < text.len() => pos += 1,
                Key::Home => pos = 0,
                Key::End => pos = text.len(),
                _ => {}
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Row {
    Up,
    Down,
}

/// Where the cursor goes one row up or down from `pos`, with the text laid out whole
/// after a prompt `head` columns wide on rows `cols` wide: as near the same column as
/// the characters allow. `None` on the first row (up) or the last (down).
fn row_move(text: &[char], pos: usize, head: usize, cols: usize, row: Row) -> Option<usize> {
    let cols = cols.max(1);
    let at = |i: usize| head + width(&text[..i]);
    let here = at(pos);
    let target = match row {
        Row::Up => here.checked_sub(cols)?,
        Row::Down if (head + width(text)) / cols > here / cols => here + cols,
        Row::Down => return None,
    };
    // The last place at or before the target column.
    Some(
        (0..=text.len())
            .take_while(|&i| at(i) <= target)
            .last()
            .unwrap_or(0),
    )
}

/// The columns `text` takes as drawn.
fn width(text: &[char]) -> usize {
    text.iter().map(|&c| columns(visible(c))).sum()
}

/// The part of the text on screen when it is too long to show whole: the window
/// moves only as far as it must to keep the cursor in view.
#[derive(Default)]
struct Window {
    start: usize,
    /// Whether the last text shown was too long to show whole.
    cut: bool,
}

impl Window {
    /// The text to draw (with `…` where some is hidden) and what of it comes before
    /// the cursor, in at most `room` columns (wide characters count two).
    fn show(&mut self, text: &[char], pos: usize, room: usize) -> (String, Vec<char>) {
        // prefix[i]: the columns of the first i characters.
        let mut prefix = Vec::with_capacity(text.len() + 1);
        prefix.push(0);
        for &c in text {
            prefix.push(prefix[prefix.len() - 1] + columns(visible(c)));
        }
        let total = prefix[text.len()];
        self.cut = total > room;
        if total <= room {
            self.start = 0;
            let shown = text.iter().map(|&c| visible(c)).collect();
            let before = text[..pos].iter().map(|&c| visible(c)).collect();
            return (shown, before);
        }
        // Room for the text between the two marks, and one column for the cursor.
        let span = room.saturating_sub(3).max(1);
        let width = |from: usize, to: usize| prefix[to] - prefix[from];
        self.start = self.start.min(pos);
        while self.start < pos && width(self.start, pos) > span {
            self.start += 1;
        }
        // Text deleted at the end: show as much as fits before it.
        while self.start > 0 && width(self.start - 1, text.len()) <= span {
            self.start -= 1;
        }
        let mut end = self.start;
        while end < text.len() && width(self.start, end + 1) <= span {
            end += 1;
        }
        let end = end.max(pos.min(text.len()));
        let mut shown = String::new();
        let mut before = Vec::new();
        if self.start > 0 {
            shown.push('…');
            before.push('…');
        }
        for (i, &c) in text[self.start..end].iter().enumerate() {
            shown.push(visible(c));
            if self.start + i < pos {
                before.push(visible(c));
            }
        }
        if end < text.len() {
            shown.push('…');
        }
        (shown, before)
    }
}

/// The columns a character takes on the terminal.
fn columns(c: char) -> usize {
    let mut buf = [0; 4];
    measure_text_width(c.encode_utf8(&mut buf))
}

/// The confirmed text as it stays on the screen: whole when it is short, its start and
/// its length when not (the record keeps every character).
fn summary(text: &[char], room: usize) -> String {
    let flat: String = text.iter().map(|&c| visible(c)).collect();
    let flat = crate::terminal::neutralise(flat.trim()).into_owned();
    let count = flat.chars().count();
    if count == 0 {
        return "—".to_owned();
    }
    if count <= room {
        return flat;
    }
    let start: String = flat.chars().take(room.saturating_sub(30).max(10)).collect();
    format!("{start}… ({count} characters)")
}

/// How a character of the text is drawn: a line break or tab from a file as a visible
/// mark one column wide, so that the cursor arithmetic holds.
fn visible(c: char) -> char {
    match c {
        '\n' => '↵',
        '\t' => '→',
        c => c,
    }
}

/// The rows the prompt occupies, redrawn in place: the cursor's row within the block
/// is remembered so that the next drawing starts where this one did.
struct Screen<'t> {
    term: &'t Term,
    /// Rows between the block's first row and the cursor.
    cursor_row: usize,
}

impl<'t> Screen<'t> {
    fn new(term: &'t Term) -> Self {
        Screen {
            term,
            cursor_row: 0,
        }
    }

    fn width(&self) -> usize {
        usize::from(self.term.size().1).max(10)
    }

    /// Moves to the block's first column and clears from there down.
    fn clear(&mut self) -> io::Result<()> {
        let mut out = String::new();
        if self.cursor_row > 0 {
            out.push_str(&format!("\x1b[{}A", self.cursor_row));
        }
        out.push_str("\r\x1b[J");
        self.cursor_row = 0;
        self.write(&out)
    }

    fn draw(
        &mut self,
        head: &str,
        text: &str,
        before_cursor: &[char],
        below: &str,
    ) -> io::Result<()> {
        self.clear()?;
        let cols = self.width();
        let line_width = measure_text_width(head) + measure_text_width(text);
        let cursor: String = before_cursor.iter().collect();
        let cursor_width = measure_text_width(head) + measure_text_width(&cursor);
        let mut out = format!("{head}{text}");
        // Rows from the block's start to where the terminal's cursor ends up.
        let mut end_row = line_width / cols;
        if line_width > 0 && line_width.is_multiple_of(cols) {
            // Leave the pending-wrap state so that the cursor's place is certain.
            out.push_str("\r\n");
        }
        for row in below.split("\r\n").filter(|_| !below.is_empty()) {
            out.push_str("\r\n");
            out.push_str(row);
            end_row += 1 + measure_text_width(row).saturating_sub(1) / cols;
        }
        let row = cursor_width / cols;
        let col = cursor_width % cols;
        if end_row > row {
            out.push_str(&format!("\x1b[{}A", end_row - row));
        }
        out.push('\r');
        if col > 0 {
            out.push_str(&format!("\x1b[{col}C"));
        }
        self.cursor_row = row;
        self.write(&out)
    }

    /// Replaces the block with `text` and moves to the next line.
    fn replace(&mut self, text: &str) -> io::Result<()> {
        self.clear()?;
        self.write(&format!("{text}\r\n"))
    }

    fn write(&self, text: &str) -> io::Result<()> {
        let mut term = self.term;
        term.write_all(text.as_bytes())?;
        term.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_shown_whole() {
        let text: Vec<char> = "a\nb".chars().collect();
        let (shown, before) = Window::default().show(&text, 1, 40);
        assert_eq!(shown, "a↵b");
        assert_eq!(before, ['a']);
    }

    #[test]
    fn long_text_shows_a_window_that_follows_the_cursor() {
        let text: Vec<char> = (0..100)
            .map(|n| char::from(b'a' + (n % 26) as u8))
            .collect();
        let mut window = Window::default();
        // At the end: the last characters, marked as cut at the start.
        let (shown, before) = window.show(&text, 100, 20);
        assert!(shown.starts_with('…') && !shown.ends_with('…'), "{shown}");
        assert!((15..20).contains(&shown.chars().count()), "{shown}");
        assert_eq!(before.len(), shown.chars().count());
        // Moving left inside the window does not move it.
        let (again, _) = window.show(&text, 95, 20);
        assert_eq!(again, shown);
        // Home: the start, marked as cut at the end.
        let (start, before) = window.show(&text, 0, 20);
        assert!(!start.starts_with('…') && start.ends_with('…'), "{start}");
        assert!(before.is_empty());
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let text: Vec<char> = "漢".repeat(100).chars().collect();
        for pos in [0, 50, 100] {
            let (shown, _) = Window::default().show(&text, pos, 20);
            assert!(measure_text_width(&shown) <= 20, "{pos}: {shown}");
        }
    }

    #[test]
    fn up_and_down_move_a_row_of_wrapped_text_and_stop_at_its_ends() {
        let text: Vec<char> = "a".repeat(25).chars().collect();
        // A prompt 5 columns wide, rows of 10: the text fills three rows.
        assert_eq!(row_move(&text, 25, 5, 10, Row::Up), Some(15));
        assert_eq!(row_move(&text, 15, 5, 10, Row::Up), Some(5));
        assert_eq!(row_move(&text, 5, 5, 10, Row::Up), Some(0));
        assert_eq!(row_move(&text, 12, 5, 10, Row::Up), Some(2));
        // Under the prompt: up to the start of the text.
        assert_eq!(row_move(&text, 7, 5, 10, Row::Up), Some(0));
        assert_eq!(row_move(&text, 4, 5, 10, Row::Up), None);
        assert_eq!(row_move(&text, 2, 5, 10, Row::Down), Some(12));
        // Down from the second row to the last, shorter one: as far as it goes.
        assert_eq!(row_move(&text, 19, 5, 10, Row::Down), Some(25));
        assert_eq!(row_move(&text, 25, 5, 10, Row::Down), None);
        // Wide characters count two columns.
        let wide: Vec<char> = "漢".repeat(10).chars().collect();
        assert_eq!(row_move(&wide, 10, 0, 10, Row::Up), Some(5));
    }

    #[test]
    fn a_long_confirmed_text_is_summarised_with_its_length() {
        let text: Vec<char> = "x".repeat(500).chars().collect();
        let shown = summary(&text, 100);
        assert!(shown.ends_with("… (500 characters)"), "{shown}");
        assert!(shown.chars().count() < 100);
        assert_eq!(summary(&['o', 'k'], 100), "ok");
    }
}
