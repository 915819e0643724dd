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

use crate::value;

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
        // Characters a paste brought that the text had no room for (at its limit of
        // MAX_TEXT_CHARS), and whether typing met the limit: both said on screen.
        let mut left_out = 0usize;
        let mut full = false;
        let _raw = crate::platform::RawInput::enter();
        // Dropped, and so turned off, before the input is restored, on every way out.
        let _paste = crate::platform::BracketedPaste::enter();
        let mut pasting = false;
        let mut marker = Marker::None;
        term.show_cursor()?;
        loop {
            // More input already waiting: a paste is arriving.
            let pending = crate::platform::input_pending();
            let cols = screen.width();
            let head = head_rows(theme, self.prompt, cols);
            let head_width = measure_text_width(&head[head.len() - 1]);
            // The rows the text may fill: at most MAX_ROWS, and never more than the
            // terminal can show with the prompt's other lines.
            let max = MAX_ROWS
                .min(usize::from(term.size().0).saturating_sub(3 + head.len()))
                .max(2);
            let room = (cols * max).saturating_sub(head_width + 2).max(10);
            // While a paste is still arriving, drawing each character would only slow
            // it down (and make it quadratic): draw once it has all been read.
            if !pending {
                let view = View::new(text, &head, cols, max);
                let (shown, cursor) = view.rows(text, pos, &mut window);
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
                if view.scrolled {
                    let total = view.layout.rows(text);
                    notes.push(format!(
                        "{} characters; the text scrolls (rows {}–{} of {total} shown; ←/→, \
                         ↑/↓ a row, Home, End)",
                        text.len(),
                        window.top + 1,
                        (window.top + max).min(total)
                    ));
                } else if view.layout.rows(text) > 1 {
                    notes.push(if self.allow_back {
                        "↑/↓ move between rows; ↑ on the first row goes back, keeping the text"
                            .to_owned()
                    } else {
                        "↑/↓ move between rows".to_owned()
                    });
                }
                // The text at its limit: what was left out is said, never dropped
                // unseen.
                let limit = (left_out > 0 || full).then(|| {
                    let mut said = format!(
                        "The text is at its limit of {} characters",
                        value::MAX_TEXT_CHARS
                    );
                    if left_out > 0 {
                        said.push_str(&format!(
                            ": {left_out} more characters pasted were left out"
                        ));
                    }
                    if full {
                        said.push_str(if left_out > 0 { "; " } else { ": " });
                        said.push_str("nothing more can be added");
                    }
                    said
                });
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
                let mut rows: Vec<String> = Vec::new();
                if let Some(limit) = limit {
                    rows.extend(
                        super::wrap_lines(&limit, cols.saturating_sub(1))
                            .iter()
                            .map(|row| console::style(row).yellow().to_string()),
                    );
                }
                if let Some(row) = saved_row {
                    rows.push(console::style(row).dim().to_string());
                }
                if !below.is_empty() {
                    rows.push(below);
                }
                screen.draw(&shown, cursor, &rows.join("\r\n"))?;
            }
            // Leaves the text on screen as it stands, and the prompt.
            let leave = |screen: &mut Screen, window: &mut Window, text: &[char]| {
                let (shown, _) = View::new(text, &head, cols, max).rows(text, pos, window);
                screen.replace(&shown.join("\r\n"))
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
                    left_out += usize::from(!insert(text, &mut pos, '\n'));
                    error = None;
                }
                Key::Tab if pasting => {
                    left_out += usize::from(!insert(text, &mut pos, '\t'));
                    error = None;
                }
                Key::Char(c) if pasting && !c.is_control() && !crate::terminal::is_unsafe(c) => {
                    left_out += usize::from(!insert(text, &mut pos, c));
                    error = None;
                }
                _ if pasting && crate::platform::input_pending() => {}
                // Part of a paste: keep the line break, confirm nothing.
                Key::Enter if crate::platform::input_pending() => {
                    left_out += usize::from(!insert(text, &mut pos, '\n'));
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
                Key::ArrowUp => match View::new(text, &head, cols, max).step(text, pos, Row::Up) {
                    Some(to) => pos = to,
                    None if self.allow_back => {
                        screen.clear()?;
                        return Ok(Line::Back);
                    }
                    None => {}
                },
                Key::ArrowDown => {
                    pos = View::new(text, &head, cols, max)
                        .step(text, pos, Row::Down)
                        .unwrap_or(text.len());
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
                        (left_out, full) = (0, false);
                    }
                }
                // Ctrl-U, as in a shell: clear everything before the cursor.
                Key::Char('\u{15}') => {
                    text.drain(..pos);
                    pos = 0;
                    error = None;
                    (left_out, full) = (0, false);
                }
                // Typed, or pasted where the terminal has no bracketed paste (more
                // input already waiting): what does not fit is counted as left out.
                Key::Char(c) if !c.is_control() && !crate::terminal::is_unsafe(c) => {
                    if !insert(text, &mut pos, c) {
                        if pending {
                            left_out += 1;
                        } else {
                            full = true;
                        }
                    }
                    error = None;
                }
                Key::Backspace if pos > 0 => {
                    pos -= 1;
                    text.remove(pos);
                    error = None;
                    (left_out, full) = (0, false);
                }
                Key::Del if pos < text.len() => {
                    text.remove(pos);
                    error = None;
                    (left_out, full) = (0, false);
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

/// Where the cursor goes one row up or down from `pos`, with the text laid out after
/// a prompt `head` columns wide on rows `cols` wide (see [`Layout`]): as near the same
/// column as the characters allow. `None` on the first row (up) or the last (down).
#[cfg(test)]
fn row_move(text: &[char], pos: usize, head: usize, cols: usize, row: Row) -> Option<usize> {
    Layout::new(text, head, cols).step(text, pos, row)
}

/// Whether a character is a space the text may wrap after.
fn is_space(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// The text laid out on the terminal's rows, at words: each row ends after a space
/// where it can, so that no word is split, and a word longer than a whole row breaks
/// at the row's last column. A line break (drawn `↵`) ends its row. The first row
/// follows the prompt, `head` columns of it. Every row fits the terminal, so the
/// terminal never wraps anything itself, and the cursor's place is known for certain.
/// Built in one pass over the text, as are the moves over it.
struct Layout {
    /// The columns of the prompt before the text on its first row.
    head: usize,
    cols: usize,
    /// Where each row begins, in characters; never decreasing. The first row may be
    /// empty, when the text's first word does not fit after the prompt.
    starts: Vec<usize>,
    /// The text's length.
    len: usize,
}

impl Layout {
    fn new(text: &[char], head: usize, cols: usize) -> Self {
        let cols = cols.max(1);
        let mut starts = vec![0];
        let mut used = head;
        // Where the word being laid out began on this row, after a space (or at the
        // text's start, after the prompt): the row can end there instead.
        let mut word = (head > 0).then_some(0);
        for (i, &c) in text.iter().enumerate() {
            let start = starts[starts.len() - 1];
            if i > start && is_space(text[i - 1]) && !is_space(c) {
                word = Some(i);
            }
            let w = columns(visible(c));
            if used + w > cols && used > 0 {
                // The row is full: end it before the word this is in or follows (so
                // that no row begins with the space after it), if the word fits a
                // row of its own; else (a word too long for any row) here.
                let at = match word {
                    Some(b) if word_fits(&text[b..], cols) => b,
                    _ => i,
                };
                starts.push(at);
                used = width(&text[at..i]);
                word = None;
            }
            used += w;
            if c == '\n' {
                starts.push(i + 1);
                used = 0;
                word = None;
            }
        }
        Layout {
            head,
            cols,
            starts,
            len: text.len(),
        }
    }

    /// The row and column of the cursor before character `pos` (`len`: after the
    /// text). After a row that fills the terminal to its edge, the end of the text is
    /// on a row of its own.
    fn locate(&self, text: &[char], pos: usize) -> (usize, usize) {
        let row = self.starts.partition_point(|&s| s <= pos) - 1;
        let lead = if row == 0 { self.head } else { 0 };
        let col = lead + width(&text[self.starts[row]..pos]);
        if col >= self.cols && pos == self.len {
            (row + 1, 0)
        } else {
            (row, col)
        }
    }

    /// How many rows the text takes, the end's own row included.
    fn rows(&self, text: &[char]) -> usize {
        self.locate(text, self.len).0 + 1
    }

    /// Where row `row` begins (the end of the text for the end's own row).
    fn start(&self, row: usize) -> usize {
        self.starts.get(row).copied().unwrap_or(self.len)
    }

    /// The characters of row `row`, as drawn.
    fn row_text(&self, text: &[char], row: usize) -> String {
        let from = self.start(row);
        let to = self.start(row + 1).max(from);
        text[from..to].iter().map(|&c| visible(c)).collect()
    }

    /// Where the cursor goes one row up or down from `pos`: the last place on that
    /// row at or before the cursor's column. `None` where there is no such row.
    fn step(&self, text: &[char], pos: usize, dir: Row) -> Option<usize> {
        let rows = self.rows(text);
        let (row, col) = self.locate(text, pos);
        let target = match dir {
            Row::Up => row.checked_sub(1)?,
            Row::Down if row + 1 < rows => row + 1,
            Row::Down => return None,
        };
        let from = self.start(target);
        // The last place on the row: before the next row's first character, or the
        // text's end on the last row.
        let last = if target + 1 < rows {
            self.start(target + 1)
                .checked_sub(1)
                .filter(|&l| l >= from)?
        } else {
            self.len
        };
        let mut at = if target == 0 { self.head } else { 0 };
        let mut i = from;
        while i < last && at + columns(visible(text[i])) <= col {
            at += columns(visible(text[i]));
            i += 1;
        }
        Some(i)
    }
}

/// Whether the word at the start of `text` (up to a space) fits a row of `cols`.
fn word_fits(text: &[char], cols: usize) -> bool {
    let mut used = 0;
    for &c in text {
        if is_space(c) {
            break;
        }
        used += columns(visible(c));
        if used > cols {
            return false;
        }
        if c == '\n' {
            break;
        }
    }
    true
}

/// The columns `text` takes as drawn.
fn width(text: &[char]) -> usize {
    text.iter().map(|&c| columns(visible(c))).sum()
}

/// Which rows of a text too long to show whole are on screen: a window that moves
/// only as far as it must to keep the cursor's row in view.
#[derive(Default)]
struct Window {
    top: usize,
}

impl Window {
    /// The first row shown of `total`, `max` at a time, with the cursor on `row`.
    fn follow(&mut self, row: usize, total: usize, max: usize) -> usize {
        let max = max.max(1);
        if row < self.top {
            self.top = row;
        }
        if row >= self.top + max {
            self.top = row + 1 - max;
        }
        self.top = self.top.min(total.saturating_sub(max));
        self.top
    }
}

/// Puts `c` into the text at the cursor, unless the text is at its limit
/// ([`value::MAX_TEXT_CHARS`]): whether it went in.
fn insert(text: &mut Vec<char>, pos: &mut usize, c: char) -> bool {
    if text.len() >= value::MAX_TEXT_CHARS {
        return false;
    }
    text.insert(*pos, c);
    *pos += 1;
    true
}

/// The prompt's rows, as the theme draws it (`? Prompt › `): one, or, when it is too
/// wide for the terminal, the prompt wrapped at words, its further rows indented two
/// columns, every row narrower than the terminal.
fn head_rows(theme: &dyn Theme, prompt: &str, cols: usize) -> Vec<String> {
    let mut head = String::new();
    let _ = theme.format_input_prompt(&mut head, prompt, None);
    if measure_text_width(&head) < cols {
        return vec![head];
    }
    let rows = super::wrap_lines(prompt, cols.saturating_sub(6)).join("\n  ");
    let mut head = String::new();
    let _ = theme.format_input_prompt(&mut head, &rows, None);
    head.split('\n').map(str::to_owned).collect()
}

/// The text as it is drawn under its prompt: laid out after the prompt when it fits
/// `max` rows; else from the row under the prompt, `max` rows of it at a time.
struct View<'h> {
    head: &'h [String],
    layout: Layout,
    scrolled: bool,
    max: usize,
}

impl<'h> View<'h> {
    fn new(text: &[char], head: &'h [String], cols: usize, max: usize) -> Self {
        let last = head.last().map_or(0, |h| measure_text_width(h));
        let layout = Layout::new(text, last, cols);
        if layout.rows(text) <= max {
            return View {
                head,
                layout,
                scrolled: false,
                max,
            };
        }
        View {
            head,
            layout: Layout::new(text, 0, cols),
            scrolled: true,
            max,
        }
    }

    /// The rows to draw, the prompt's first, and the cursor's row among them and its
    /// column; `window` follows the cursor.
    fn rows(
        &self,
        text: &[char],
        pos: usize,
        window: &mut Window,
    ) -> (Vec<String>, (usize, usize)) {
        let (row, col) = self.layout.locate(text, pos);
        let total = self.layout.rows(text);
        let mut rows: Vec<String> = self.head.to_vec();
        if self.scrolled {
            let top = window.follow(row, total, self.max);
            for r in top..(top + self.max).min(total) {
                rows.push(self.layout.row_text(text, r));
            }
            return (rows, (self.head.len() + row - top, col));
        }
        window.top = 0;
        let first = rows.len() - 1;
        rows[first].push_str(&self.layout.row_text(text, 0));
        for r in 1..total {
            rows.push(self.layout.row_text(text, r));
        }
        (rows, (first + row, col))
    }

    fn step(&self, text: &[char], pos: usize, dir: Row) -> Option<usize> {
        self.layout.step(text, pos, dir)
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

    /// Draws `rows` (each narrower than the terminal, or as wide), the cursor at
    /// `cursor` (a row among them and a column), and the lines `below` them.
    fn draw(&mut self, rows: &[String], cursor: (usize, usize), below: &str) -> io::Result<()> {
        self.clear()?;
        let cols = self.width();
        // A row as wide as the terminal leaves the cursor waiting to wrap; the line
        // break after it ends that, so each row is one row whatever its width.
        let mut out = rows.join("\r\n");
        let mut end_row = rows.len().saturating_sub(1);
        for row in below.split("\r\n").filter(|_| !below.is_empty()) {
            out.push_str("\r\n");
            out.push_str(row);
            end_row += 1 + measure_text_width(row).saturating_sub(1) / cols;
        }
        let (row, col) = cursor;
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

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    /// The rows `text` is laid out on, after a prompt `head` columns wide.
    fn rows(text: &str, head: usize, cols: usize) -> Vec<String> {
        let text = chars(text);
        let layout = Layout::new(&text, head, cols);
        (0..layout.rows(&text))
            .map(|r| layout.row_text(&text, r))
            .collect()
    }

    #[test]
    fn text_wraps_between_words_and_a_word_longer_than_a_row_breaks() {
        assert_eq!(
            rows("the quick brown fox jumps", 0, 10),
            ["the quick ", "brown fox ", "jumps"]
        );
        // After a prompt: the first row is shorter.
        assert_eq!(rows("the quick brown", 5, 10), ["the ", "quick ", "brown"]);
        // A word too long for any row fills the row it starts on, and goes on.
        assert_eq!(rows("a abcdefghijklmno", 0, 10), ["a abcdefgh", "ijklmno"]);
        // A first word that does not fit after the prompt starts on the next row.
        assert_eq!(rows("hello", 8, 10), ["", "hello"]);
        // A line break ends its row; a text that ends a full row ends on its own.
        assert_eq!(rows("ab\ncd", 0, 10), ["ab↵", "cd"]);
        assert_eq!(rows("abcdefghij", 0, 10), ["abcdefghij", ""]);
        // A space that does not fit takes the word before it to the next row; one
        // after a word as long as a row begins the next row. Wide characters count two.
        assert_eq!(rows("abcde ghij x", 0, 10), ["abcde ", "ghij x"]);
        assert_eq!(rows("abcdefghij  x", 0, 10), ["abcdefghij", "  x"]);
        assert_eq!(rows("漢漢 漢漢漢", 0, 7), ["漢漢 ", "漢漢漢"]);
        // Every row fits the terminal.
        let long: String = (0..300)
            .map(|n| format!("w{} ", "x".repeat(n % 13)))
            .collect();
        for cols in [10, 23, 60] {
            for (r, row) in rows(&long, 7, cols).iter().enumerate() {
                let lead = if r == 0 { 7 } else { 0 };
                assert!(lead + measure_text_width(row) <= cols, "{cols}: {row:?}");
            }
        }
    }

    #[test]
    fn the_cursor_is_placed_on_the_row_and_column_the_text_is_drawn_at() {
        let text = chars("the quick brown fox jumps");
        let layout = Layout::new(&text, 0, 10);
        assert_eq!(layout.locate(&text, 0), (0, 0));
        assert_eq!(layout.locate(&text, 9), (0, 9));
        // The first character of a row is at its start, not past the row before.
        assert_eq!(layout.locate(&text, 10), (1, 0));
        assert_eq!(layout.locate(&text, 25), (2, 5));
        let layout = Layout::new(&text, 5, 10);
        assert_eq!(layout.locate(&text, 0), (0, 5));
        assert_eq!(layout.locate(&text, 4), (1, 0));
        // At the end of a full row: on the row under it.
        let full = chars("abcdefghij");
        assert_eq!(Layout::new(&full, 0, 10).locate(&full, 10), (1, 0));
    }

    #[test]
    fn up_and_down_keep_the_column_across_rows_wrapped_at_words() {
        let text = chars("the quick brown fox jumps");
        assert_eq!(row_move(&text, 13, 0, 10, Row::Up), Some(3));
        assert_eq!(row_move(&text, 3, 0, 10, Row::Down), Some(13));
        assert_eq!(row_move(&text, 13, 0, 10, Row::Down), Some(23));
        // Past the end of a shorter row: its end.
        assert_eq!(row_move(&text, 19, 0, 10, Row::Down), Some(25));
        // Up onto a full row: its last place, never the next row's first.
        assert_eq!(row_move(&text, 19, 0, 10, Row::Up), Some(9));
        assert_eq!(row_move(&text, 3, 0, 10, Row::Up), None);
        assert_eq!(row_move(&text, 23, 0, 10, Row::Down), None);
        // Home and End are the text's ends: ↑ from the end walks every row.
        let mut pos = text.len();
        let mut seen = vec![pos];
        while let Some(to) = row_move(&text, pos, 0, 10, Row::Up) {
            pos = to;
            seen.push(pos);
        }
        assert_eq!(seen, [25, 15, 5]);
    }

    #[test]
    fn row_moves_over_a_text_at_its_limit_take_one_pass_each() {
        // The longest text accepted, in words: walking every row up and back down
        // is quick (it was quadratic in the text's length for each move).
        let text: Vec<char> = "a word or two "
            .chars()
            .cycle()
            .take(value::MAX_TEXT_CHARS)
            .collect();
        let started = std::time::Instant::now();
        let mut pos = text.len();
        let mut moves = 0;
        while let Some(to) = row_move(&text, pos, 12, 60, Row::Up) {
            pos = to;
            moves += 1;
        }
        while let Some(to) = row_move(&text, pos, 12, 60, Row::Down) {
            pos = to;
            moves += 1;
        }
        assert!(moves > 600, "{moves}");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{moves} moves took {:?}",
            started.elapsed()
        );
    }

    #[test]
    fn the_window_follows_the_cursor_s_row_and_moves_only_as_far_as_it_must() {
        let mut window = Window::default();
        assert_eq!(window.follow(0, 20, 6), 0);
        assert_eq!(window.follow(5, 20, 6), 0);
        assert_eq!(window.follow(6, 20, 6), 1);
        assert_eq!(window.follow(19, 20, 6), 14);
        // Moving up inside the window does not move it.
        assert_eq!(window.follow(15, 20, 6), 14);
        assert_eq!(window.follow(3, 20, 6), 3);
        // Text deleted at the end: as much as fits before it.
        assert_eq!(window.follow(3, 5, 6), 0);
    }

    #[test]
    fn nothing_goes_in_past_the_limit() {
        let mut text: Vec<char> = vec!['x'; value::MAX_TEXT_CHARS - 1];
        let mut pos = 0;
        assert!(insert(&mut text, &mut pos, 'a'));
        assert_eq!((text.len(), pos, text[0]), (value::MAX_TEXT_CHARS, 1, 'a'));
        assert!(!insert(&mut text, &mut pos, 'b'));
        assert_eq!((text.len(), pos), (value::MAX_TEXT_CHARS, 1));
    }

    #[test]
    fn a_prompt_too_wide_for_the_terminal_wraps_at_words() {
        let theme = dialoguer::theme::ColorfulTheme::default();
        let prompt =
            "Which document, and which version of it, sets out the policy you are following?";
        let head = head_rows(&theme, prompt, 40);
        assert!(head.len() > 1, "{head:?}");
        for row in &head {
            assert!(measure_text_width(row) < 40, "{row:?}");
        }
        let words: Vec<String> = head
            .iter()
            .map(|r| console::strip_ansi_codes(r).into_owned())
            .collect();
        assert!(words[0].ends_with("version"), "{words:?}");
        assert_eq!(head_rows(&theme, "Your name", 40).len(), 1);
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
