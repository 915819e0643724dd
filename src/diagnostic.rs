//! A problem found in a file, with its place, and the two ways it is shown: a
//! rustc-style report with a snippet of the offending line for people, and JSON for
//! other tools.

use serde::Serialize;

use crate::terminal::neutralise;

/// How serious a problem is. Errors make a file invalid; warnings are reported and
/// leave the exit code alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a text file: 1-based line and column, both counted in characters, and how
/// many characters the offending value spans (at least one is underlined).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    pub line: u32,
    pub column: u32,
    #[serde(skip)]
    pub len: u32,
    /// The byte offset in the file, where known: lets a snippet be cut from a very long
    /// line without walking it from the start.
    #[serde(skip)]
    pub offset: Option<u32>,
}

impl Location {
    pub fn new(line: u32, column: u32, len: u32) -> Self {
        Location {
            line,
            column,
            len,
            offset: None,
        }
    }

    pub fn with_offset(mut self, offset: Option<u32>) -> Self {
        self.offset = offset;
        self
    }
}

/// A value read from a file, with where it was.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub at: Location,
}

impl<T> Located<T> {
    pub fn new(value: T, at: Location) -> Self {
        Located { value, at }
    }
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Where it is. `None` for problems with the file as a whole (too large, say).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// What to do about it, or what was expected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// The longest piece of a file a message quotes whole (between backticks or double
/// quotes), in characters.
const QUOTE_AT_MOST: usize = 200;

/// The longest message, in characters, after quotes are cut.
const MESSAGE_AT_MOST: usize = 2_000;

/// A message or help with every quoted piece of the file longer than
/// [`QUOTE_AT_MOST`] characters cut short, and the whole cut at [`MESSAGE_AT_MOST`]:
/// messages quote what they found, and a hostile file's value can be megabytes, which
/// would otherwise be printed whole (the snippet under the message is cut already).
fn cut_short(text: String) -> String {
    if text.len() <= QUOTE_AT_MOST {
        return text;
    }
    let text = cut_quotes(&cut_quotes(&text, '`'), '"');
    match text.char_indices().nth(MESSAGE_AT_MOST) {
        Some((cut, _)) => format!("{}… (cut short)", &text[..cut]),
        None => text,
    }
}

/// `text` with each piece between two `mark`s cut to [`QUOTE_AT_MOST`] characters.
fn cut_quotes(text: &str, mark: char) -> String {
    let mut out = String::with_capacity(text.len().min(4 * MESSAGE_AT_MOST));
    for (n, part) in text.split(mark).enumerate() {
        if n > 0 {
            out.push(mark);
        }
        match part.char_indices().nth(QUOTE_AT_MOST) {
            // After an odd number of marks: quoted.
            Some((cut, _)) if n % 2 == 1 => {
                let total = part.chars().count();
                out.push_str(&part[..cut]);
                out.push_str(&format!("… ({total} characters)"));
            }
            _ => out.push_str(part),
        }
    }
    out
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, location: Option<Location>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: cut_short(message.into()),
            location,
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>, location: Option<Location>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            message: cut_short(message.into()),
            location,
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(cut_short(help.into()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics into reading order: by place in the file, file-wide ones first.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.location.map(|l| (l.line, l.column)), a.severity)
            .cmp(&(b.location.map(|l| (l.line, l.column)), b.severity))
    });
}

/// The longest stretch of a source line shown in a snippet; longer lines are cropped
/// around the column so that the caret still points at the problem.
const SNIPPET_WIDTH: usize = 100;

/// Renders one diagnostic for a person:
///
/// ```text
/// error: unknown field `promt`
///   --> adapted.yaml:12:7
///    |
/// 12 |       promt: Is the concern written down?
///    |       ^^^^^
///    = help: did you mean `prompt`?
/// ```
///
/// Everything taken from the file is neutralised, so a hostile file cannot drive the
/// terminal through its own error messages.
pub fn render(diagnostic: &Diagnostic, path: &str, source: Option<&LineIndex>) -> String {
    let label = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut out = format!("{label}: {}\n", neutralise(&diagnostic.message));
    let path = crate::terminal::one_line(path);
    let Some(location) = diagnostic.location else {
        out.push_str(&format!("  --> {path}\n"));
        if let Some(help) = &diagnostic.help {
            out.push_str(&format!("   = help: {}\n", neutralise(help)));
        }
        return out;
    };
    out.push_str(&format!(
        "  --> {path}:{}:{}\n",
        location.line, location.column
    ));
    let gutter = location.line.to_string().len();
    if let Some((line_text, line_start)) = source.and_then(|s| s.line(location.line)) {
        let (shown, caret_at, caret_len) = snippet(line_text, line_start, location);

        out.push_str(&format!("{:gutter$} |\n", ""));
        out.push_str(&format!("{} | {}\n", location.line, shown));
        out.push_str(&format!(
            "{:gutter$} | {:caret_at$}{}\n",
            "",
            "",
            "^".repeat(caret_len)
        ));
    }
    if let Some(help) = &diagnostic.help {
        out.push_str(&format!("{:gutter$} = help: {}\n", "", neutralise(help)));
    }
    out
}

/// The visible part of a source line (which starts at byte `line_start` of the file),
/// where the caret starts within it, and how long the caret is. Every character becomes
/// exactly one visible character, so the caret lines up with the column. Only a window
/// around the column is looked at, so a diagnostic on a very long line costs no more
/// than one on a short line.
fn snippet(line: &str, line_start: usize, location: Location) -> (String, usize, usize) {
    let at = location
        .offset
        .map(|o| o as usize)
        .filter(|&o| o >= line_start && o - line_start <= line.len())
        .map(|o| o - line_start)
        .filter(|&o| line.is_char_boundary(o))
        .unwrap_or_else(|| {
            let column = location.column.max(1) as usize - 1;
            line.char_indices()
                .nth(column)
                .map_or(line.len(), |(i, _)| i)
        });
    let (before, after) = line.split_at(at);
    let mut left: Vec<char> = before.chars().rev().take(SNIPPET_WIDTH / 2 + 1).collect();
    let cropped_left = left.len() > SNIPPET_WIDTH / 2;
    left.truncate(SNIPPET_WIDTH / 2);
    left.reverse();
    let room = SNIPPET_WIDTH - left.len();
    let mut right: Vec<char> = after.chars().take(room + 1).collect();
    let cropped_right = right.len() > room;
    right.truncate(room);

    let mut shown = String::with_capacity(SNIPPET_WIDTH * 2);
    if cropped_left {
        shown.push('…');
    }
    shown.extend(left.iter().chain(&right).copied().map(visible_char));
    if cropped_right {
        shown.push('…');
    }
    let caret_at = left.len() + usize::from(cropped_left);
    let caret_len = (location.len.max(1) as usize).min(right.len().max(1));
    (shown, caret_at, caret_len)
}

/// A file's text with the start of every line found once, so that each diagnostic
/// finds its line without rescanning the file. Lines end at `\n`, `\r\n` or a lone
/// `\r`, as in YAML.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { text, starts }
    }

    /// Line `number` (1-based) without its line break, and the byte it starts at.
    pub fn line(&self, number: u32) -> Option<(&'a str, usize)> {
        let index = (number as usize).checked_sub(1)?;
        let start = *self.starts.get(index)?;
        let end = self
            .starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        let line = self.text[start..end].trim_end_matches(['\n', '\r']);
        Some((line, start))
    }
}

/// How many of `diagnostics` are errors.
pub fn error_count(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

/// Renders every diagnostic of one file, one after another.
pub fn render_all(diagnostics: &[Diagnostic], path: &str, source: Option<&LineIndex>) -> String {
    diagnostics
        .iter()
        .map(|d| render(d, path, source))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every problem found in one file, with the file's name and, where it was read, its
/// text (for the snippets): what a refusal carries, rendered when it is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The file as given, or `built-in (…)`.
    pub path: String,
    pub text: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn new(
        path: impl Into<String>,
        text: Option<String>,
        diagnostics: Vec<Diagnostic>,
    ) -> Self {
        Report {
            path: path.into(),
            text,
            diagnostics,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// Each problem rendered, one after the other with no line between them, as
    /// `verify` prints them.
    pub fn listed(&self) -> String {
        let lines = self.text.as_deref().map(LineIndex::new);
        self.diagnostics
            .iter()
            .map(|d| render(d, &self.path, lines.as_ref()))
            .collect()
    }
}

/// Every problem rendered ([`render_all`]), a blank line between two.
impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let lines = self.text.as_deref().map(LineIndex::new);
        f.write_str(&render_all(&self.diagnostics, &self.path, lines.as_ref()))
    }
}

/// One visible character in place of each character of a source line: control
/// characters become `�`, tabs a space.
fn visible_char(c: char) -> char {
    match c {
        '\t' => ' ',
        c if crate::terminal::is_unsafe(c) => '\u{FFFD}',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_quoted_value_is_cut_short_and_its_length_given() {
        let huge = "x".repeat(1_000_000);
        let d = Diagnostic::error(format!("`format` is `{huge}`, not \"{huge}\""), None)
            .with_help(format!("expected `fairness-framework/1`, found `{huge}`"));
        let short = format!("{}… (1000000 characters)", "x".repeat(QUOTE_AT_MOST));
        assert_eq!(d.message, format!("`format` is `{short}`, not \"{short}\""));
        assert_eq!(
            d.help.as_deref(),
            Some(&*format!(
                "expected `fairness-framework/1`, found `{short}`"
            ))
        );
        // Short quotes and ordinary messages are left as they are.
        let ordinary = "unknown field `promt` in item `health-and-wellbeing`";
        assert_eq!(Diagnostic::error(ordinary, None).message, ordinary);
    }

    #[test]
    fn a_huge_message_is_cut_short_whole() {
        let d = Diagnostic::error(format!("found {}", "word ".repeat(100_000)), None);
        assert!(
            d.message.ends_with("… (cut short)"),
            "{}",
            &d.message[..100]
        );
        assert!(d.message.chars().count() < MESSAGE_AT_MOST + 20);
    }

    #[test]
    fn renders_snippet_with_caret_under_the_value() {
        let source = "format: fairness-framework/1\nname: x\n  promt: hello\n";
        let d = Diagnostic::error("unknown field `promt`", Some(Location::new(3, 3, 5)))
            .with_help("did you mean `prompt`?");
        let text = render(&d, "a.yaml", Some(&LineIndex::new(source)));
        assert_eq!(
            text,
            "error: unknown field `promt`\n  --> a.yaml:3:3\n  |\n3 |   promt: hello\n  |   ^^^^^\n  = help: did you mean `prompt`?\n"
        );
    }

    #[test]
    fn neutralises_control_characters_in_snippet_and_message() {
        let source = "name: \u{1b}[31mred\n";
        let d = Diagnostic::warning("text \u{1b}[2J", Some(Location::new(1, 7, 3)));
        let text = render(&d, "a.yaml", Some(&LineIndex::new(source)));
        assert!(!text.contains('\u{1b}'), "{text:?}");
        assert!(text.contains("1 | name: \u{FFFD}[31mred"));
    }

    #[test]
    fn crops_long_lines_around_the_column() {
        let line = format!("{}X{}", "a".repeat(300), "b".repeat(300));
        // The same place found from the column alone and from the byte offset.
        for location in [
            Location::new(1, 301, 1),
            Location::new(1, 301, 1).with_offset(Some(300)),
        ] {
            let d = Diagnostic::error("here", Some(location));
            let text = render(&d, "a.yaml", Some(&LineIndex::new(&line)));
            let lines: Vec<&str> = text.lines().collect();
            let shown = lines[3];
            let caret = lines[4];
            let x = shown.chars().position(|c| c == 'X').unwrap();
            let c = caret.chars().position(|c| c == '^').unwrap();
            assert_eq!(x, c);
            assert!(
                shown.starts_with("1 | …") && shown.ends_with('…'),
                "{shown}"
            );
            assert!(shown.chars().count() < 120);
        }
    }

    #[test]
    fn lines_end_at_any_yaml_line_break() {
        let index = LineIndex::new("a\nb\r\nc\rd");
        let lines: Vec<_> = (1..=5).map(|n| index.line(n).map(|(l, _)| l)).collect();
        assert_eq!(lines, [Some("a"), Some("b"), Some("c"), Some("d"), None]);
        assert_eq!(index.line(4), Some(("d", 7)));
        assert_eq!(index.line(0), None);
    }

    #[test]
    fn file_wide_problems_have_no_snippet() {
        let d = Diagnostic::error("the file is empty", None);
        assert_eq!(
            render(&d, "e.yaml", Some(&LineIndex::new(""))),
            "error: the file is empty\n  --> e.yaml\n"
        );
    }
}
