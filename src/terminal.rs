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

/// `text` with every character that could act on a terminal written as a `\uXXXX`
/// escape. JSON escapes only C0 controls itself; DEL, C1 controls and bidirectional
/// overrides would otherwise reach the terminal raw. Outside strings a JSON document
/// holds only ASCII structure, so every such character is inside a string, where the
/// escape reads back as the same character.
pub fn escape_json(text: String) -> String {
    if !text.chars().any(is_unsafe) {
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
    if !text.chars().any(is_unsafe) {
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
            stderr(format_args!("{} {text}\n", self.label("note:", true)));
        }
    }

    /// `warning: …` on standard error, always.
    pub fn warning(&self, text: &dyn std::fmt::Display) {
        stderr(format_args!("{} {text}\n", self.label("warning:", true)));
    }

    /// `error: …` on standard error: what stopped the command.
    pub fn error(&self, text: &dyn std::fmt::Display) {
        stderr(format_args!("{} {text}\n", self.label("error:", true)));
    }

    /// A line on standard error that is said even with `--quiet`.
    pub fn say(&self, text: &dyn std::fmt::Display) {
        stderr(format_args!("{text}\n"));
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

/// Writes to standard error. A closed or broken standard error is not worth a panic
/// (which `eprintln!` would give): what the command did stands, and its exit code says
/// so.
fn stderr(text: std::fmt::Arguments) {
    use std::io::Write;
    let _ = std::io::stderr().lock().write_fmt(text);
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
