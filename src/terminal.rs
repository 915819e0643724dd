//! What may reach the terminal. Framework files come from other organisations, so any
//! text taken from one is neutralised before it is printed: a file must not be able to
//! move the cursor, clear the screen or recolour the terminal.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` could act on a terminal or hide text from a reader: C0 and C1 control
/// characters (other than newline and tab), DEL, and the Unicode bidirectional
/// overrides and isolates that can make text display in a different order from the
/// one it is read in.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `text` has any character [`is_unsafe`] says is, tested a byte at a time:
/// each such character begins with an ASCII control byte (or DEL), 0xC2 (the C1
/// controls) or 0xE2 (the bidirectional controls), and most text has none of those
/// bytes at all.
pub fn any_unsafe(text: &str) -> bool {
    use crate::words::{has, has_below, word_at};
    let may_begin =
        |b: u8| (b < 0x20 && b != b'\n' && b != b'\t') || matches!(b, 0x7f | 0xc2 | 0xe2);
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut found = false;
    while at < bytes.len() && !found {
        // Eight bytes at a time where none could begin one (a line break or a tab is
        // looked at a byte at a time): this ran over every byte that export writes.
        match word_at(bytes, at) {
            Some(w) if !(has_below(w, 0x20) || has(w, 0x7f) || has(w, 0xc2) || has(w, 0xe2)) => {}
            Some(_) => found = bytes[at..at + 8].iter().copied().any(may_begin),
            None => found = bytes[at..].iter().copied().any(may_begin),
        }
        at += 8;
    }
    found && text.chars().any(is_unsafe)
}

/// `text` with every character that could act on a terminal written as a `\uXXXX`
/// escape. JSON escapes only C0 controls itself; DEL, C1 controls and bidirectional
/// overrides would otherwise reach the terminal raw. Outside strings a JSON document
/// holds only ASCII structure, so every such character is inside a string, where the
/// escape reads back as the same character.
pub fn escape_json(text: String) -> String {
    if !any_unsafe(&text) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 64);
    for c in text.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` with every unsafe character replaced by a visible escape such as `\u{1b}`.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if !any_unsafe(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if is_unsafe(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// `text` neutralised and on one line: line breaks and tabs are shown as `\n`, `\r`
/// and `\t` too, so that a file name cannot start a line of its own in a report.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| is_unsafe(c) || matches!(c, '\n' | '\t'))
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' => "\\n".to_owned(),
                '\t' => "\\t".to_owned(),
                c if is_unsafe(c) => c.escape_unicode().to_string(),
                c => c.to_string(),
            })
            .collect(),
    )
}

/// How this run speaks to the person: whether `--quiet` was given, and whether each
/// stream is coloured. Made once, in `app::run`, from the flags, and given to every
/// command: the one place that prints `note:`, `warning:` and `error:` lines and the
/// confirmations `--quiet` leaves out, and that styles their labels.
#[derive(Clone, Copy, Debug)]
pub struct Console {
    quiet: bool,
    /// Colour on standard output.
    colour_out: bool,
    /// Colour on standard error.
    colour_err: bool,
}

impl Console {
    /// The console for `--quiet` and the colour choice (`None` leaves console's own
    /// rule: a terminal, and neither NO_COLOR nor CLICOLOR=0).
    pub fn new(quiet: bool, colour: Option<bool>) -> Console {
        // NO_COLOR outranks CLICOLOR_FORCE, which `console` would let colour a terminal.
        let colour = colour.or(no_color().then_some(false));
        if let Some(on) = colour {
            // The widgets of an interactive `run` (dialoguer's menus) style text by
            // the `console` crate's own switch, so it is told the choice too.
            console::set_colors_enabled(on);
            console::set_colors_enabled_stderr(on);
        }
        Console {
            quiet,
            colour_out: colour.unwrap_or_else(console::colors_enabled),
            colour_err: colour.unwrap_or_else(console::colors_enabled_stderr),
        }
    }

    /// Whether `--quiet` was given: confirmations, notes and summaries are left out.
    pub fn quiet(&self) -> bool {
        self.quiet
    }

    /// `note: …` on standard error, unless `--quiet`.
    pub fn note(&self, text: &dyn std::fmt::Display) {
        if !self.quiet {
            message(format!("{} {text}\n", self.label("note:", true)));
        }
    }

    /// `warning: …` on standard error, always.
    pub fn warning(&self, text: &dyn std::fmt::Display) {
        message(format!("{} {text}\n", self.label("warning:", true)));
    }

    /// `error: …` on standard error: what stopped the command.
    pub fn error(&self, text: &dyn std::fmt::Display) {
        message(format!("{} {text}\n", self.label("error:", true)));
    }

    /// A line on standard error that is said even with `--quiet`.
    pub fn say(&self, text: &dyn std::fmt::Display) {
        message(format!("{text}\n"));
    }

    /// Rendered diagnostics (each beginning `error:` or `warning:`) on standard error,
    /// their labels styled, `end` after them.
    pub fn diagnostics(&self, rendered: &[String], end: &str) {
        let text: String = rendered.iter().map(|r| self.labelled(r, true)).collect();
        stderr(format_args!("{text}{end}"));
    }

    /// A rendered diagnostic with its leading `error:` or `warning:` label styled as
    /// the stream it is for styles it (standard error when `stderr`).
    pub fn labelled(&self, rendered: &str, stderr: bool) -> String {
        for label in ["error:", "warning:"] {
            if let Some(rest) = rendered.strip_prefix(label) {
                return format!("{}{rest}", self.label(label, stderr));
            }
        }
        rendered.to_owned()
    }

    /// `text` in bold red (a problem), for standard output.
    pub fn bad(&self, text: &str) -> String {
        self.out().apply_to(text).red().bold().to_string()
    }

    /// `text` in bold green (all well), for standard output.
    pub fn good(&self, text: &str) -> String {
        self.out().apply_to(text).green().bold().to_string()
    }

    /// `text` in bold yellow (take note), for standard output.
    pub fn notice(&self, text: &str) -> String {
        self.out().apply_to(text).yellow().bold().to_string()
    }

    fn out(&self) -> console::Style {
        console::Style::new().force_styling(self.colour_out)
    }

    /// `label` in bold, red for `error:` and yellow for `warning:`, when colour is on
    /// for the stream it is for (standard error when `stderr`).
    fn label(&self, label: &str, stderr: bool) -> String {
        let on = if stderr {
            self.colour_err
        } else {
            self.colour_out
        };
        let style = console::Style::new().force_styling(on).bold();
        match label {
            "error:" => style.red(),
            "warning:" => style.yellow(),
            _ => style,
        }
        .apply_to(label)
        .to_string()
    }
}

/// Writes a message to standard error: on a terminal, wrapped at words to its width
/// ([`wrap_for_terminal`]); elsewhere as it is.
fn message(text: String) {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        let text = wrap_for_terminal(&text, usize::from(width()));
        stderr(format_args!("{text}"));
    } else {
        stderr(format_args!("{text}"));
    }
}

/// Writes to standard error. A closed or broken standard error is not worth a panic
/// (which `eprintln!` would give): what the command did stands, and its exit code says
/// so.
fn stderr(text: std::fmt::Arguments) {
    use std::io::Write;
    let _ = std::io::stderr().lock().write_fmt(text);
}

/// `text` as it is written to a terminal `width` columns wide: each line longer than
/// that wrapped at spaces, never inside a word, so that a path or a command is never
/// cut in two (one longer than a row stays whole, on a row of its own). A further row
/// is indented as its line is, and two columns more; a line laid out in columns
/// (`name:   value`, a run of two spaces or more after its first word) goes on under
/// its value. Styles (ANSI escapes) take no columns.
pub fn wrap_for_terminal(text: &str, width: usize) -> String {
    let width = width.max(20);
    let mut out = String::with_capacity(text.len() + 16);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        // A line indented four columns or more is a command or an example to copy:
        // left whole.
        if console::measure_text_width(line) <= width || line.starts_with("    ") {
            out.push_str(line);
            continue;
        }
        // The line as words, each with the spaces before it; a command in backticks
        // is one word.
        let mut words: Vec<(&str, &str)> = Vec::new();
        let mut rest = line;
        while !rest.is_empty() {
            let spaces = rest.len() - rest.trim_start_matches(' ').len();
            let (gap, after) = rest.split_at(spaces);
            let mut end = after.find(' ').unwrap_or(after.len());
            if after[..end].matches('`').count() % 2 == 1
                && let Some(close) = after[end..].find('`')
            {
                let close = end + close + 1;
                end = close + after[close..].find(' ').unwrap_or(after.len() - close);
            }
            let (word, after) = after.split_at(end);
            words.push((gap, word));
            rest = after;
        }
        let indent = words.first().map_or(0, |(gap, _)| gap.len());
        let mut hang = indent + 2;
        if let [(first_gap, first), (gap, _), ..] = words[..]
            && gap.len() >= 2
        {
            let column = first_gap.len() + console::measure_text_width(first) + gap.len();
            if column <= width / 2 {
                hang = column;
            }
        }
        let mut used = 0;
        for (i, (gap, word)) in words.iter().enumerate() {
            let w = console::measure_text_width(word);
            // A word that fits no row better stays where it is (the terminal wraps it).
            if i > 0 && used > hang.max(indent) && used + gap.len() + w > width && hang + w <= width
            {
                out.push('\n');
                out.push_str(&" ".repeat(hang));
                out.push_str(word);
                used = hang + w;
            } else {
                out.push_str(gap);
                out.push_str(word);
                used += gap.len() + w;
            }
        }
    }
    out
}

/// Whether NO_COLOR is set to anything but the empty string (no-color.org): no colour
/// unless `--color always` asks for it.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The width to lay text out in: `COLUMNS` when it is exported (an explicit choice),
/// else the controlling terminal's, which is found even when standard output is a
/// pipe (`fairness show | less`), else 100.
pub fn width() -> u16 {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or_else(|| crossterm::terminal::size().ok().map(|(w, _)| w))
        .filter(|&w| w >= 20)
        .unwrap_or(100)
}

/// `text` wrapped at word boundaries to lines of at most `width` characters (a longer
/// word stands alone on its line), ending with a newline.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for paragraph in text.split('\n') {
        let mut line_len = 0;
        for word in paragraph.split_whitespace() {
            let len = word.chars().count();
            if line_len > 0 && line_len + 1 + len > width {
                out.push('\n');
                line_len = 0;
            } else if line_len > 0 {
                out.push(' ');
                line_len += 1;
            }
            out.push_str(word);
            line_len += len;
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_test_for_unsafe_text_agrees_with_the_character_test() {
        for c in (0..=0x3000u32)
            .chain(0xfe00..=0x10000)
            .filter_map(char::from_u32)
        {
            // Alone, after other text, and at every place in and around a run of eight
            // plain bytes (among line breaks and tabs, which are safe).
            let plain = |n: usize, from: usize| -> String {
                (from..from + n)
                    .map(|i| ['a', '\n', 'z', '\t'][i % 4])
                    .collect()
            };
            let around = (0..18).map(|k| format!("{}{c}{}", plain(k, 0), plain(18 - k, k)));
            for text in [c.to_string(), format!("ab{c}é")].into_iter().chain(around) {
                assert_eq!(
                    any_unsafe(&text),
                    text.chars().any(is_unsafe),
                    "{:x} in {text:?}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn a_line_too_wide_for_the_terminal_wraps_at_spaces_and_keeps_long_words_whole() {
        assert_eq!(wrap_for_terminal("short\n", 20), "short\n");
        assert_eq!(
            wrap_for_terminal(
                "Signed and sealed: /a/very/long/folder/of/cases/CASE-1.yaml",
                45
            ),
            "Signed and sealed:\n  /a/very/long/folder/of/cases/CASE-1.yaml"
        );
        // A word too long for any row stays where it is, after the word before it.
        assert_eq!(
            wrap_for_terminal("  seal sha256:0123456789abcdef0123456789abcdef done", 24),
            "  seal sha256:0123456789abcdef0123456789abcdef\n    done"
        );
        // A line in columns goes on under its value.
        assert_eq!(
            wrap_for_terminal("cases:       the folder of every case record [default]", 40),
            "cases:       the folder of every case\n             record [default]"
        );
        // A command in backticks is kept whole, and so is a line indented as one.
        assert_eq!(
            wrap_for_terminal("then run `fairness run --resume a.yaml`, or leave", 36),
            "then run\n  `fairness run --resume a.yaml`, or\n  leave"
        );
        let command = "    fairness run --resume a-long-name.yaml --migrate";
        assert_eq!(wrap_for_terminal(command, 30), command);
        // Styles take no columns.
        let red = "\u{1b}[31merror:\u{1b}[0m";
        assert_eq!(
            wrap_for_terminal(&format!("{red} one two three four five six"), 20),
            format!("{red} one two three\n  four five six")
        );
    }

    #[test]
    fn json_escapes_what_acts_on_a_terminal_and_reads_back() {
        let raw = "a\u{7f}b\u{9b}2J\u{202e}c\u{1b}";
        let text = escape_json(serde_json::to_string(raw).unwrap());
        assert_eq!(text, r#""a\u007fb\u009b2J\u202ec\u001b""#);
        assert_eq!(serde_json::from_str::<String>(&text).unwrap(), raw);
    }

    #[test]
    fn one_line_keeps_a_file_name_on_its_line() {
        assert_eq!(one_line("plain.yaml"), "plain.yaml");
        assert_eq!(
            one_line("a.yaml: intact\n  seal\tx\u{1b}[2J"),
            "a.yaml: intact\\n  seal\\tx\\u{1b}[2J"
        );
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        assert!(matches!(
            neutralise("Line one\n\tline two, £5 — ok"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour\n");
        assert_eq!(wrap("a verylongword b", 4), "a\nverylongword\nb\n");
    }

    #[test]
    fn escapes_control_and_bidi_characters() {
        assert_eq!(neutralise("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(neutralise("x\u{9b}y\u{7f}"), "x\\u{9b}y\\u{7f}");
        assert_eq!(neutralise("\u{202E}abc"), "\\u{202e}abc");
        assert_eq!(neutralise("cr\rhere"), "cr\\u{d}here");
    }
}
