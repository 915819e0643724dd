//! Blocks as CommonMark. Every piece of record text is escaped, so a note cannot turn
//! into a heading, a list, a link or HTML, and keeps its line breaks.

use std::io::{self, Write};

use crate::terminal::neutralise;

use super::document::{self, Block, Part};
use super::{Entry, Format};

/// Each record written as it comes, the records divided by a rule.
#[derive(Default)]
pub struct Markdown {
    parts: usize,
}

impl Format for Markdown {
    fn has_practitioner_view(&self) -> bool {
        true
    }

    fn record(&mut self, out: &mut dyn Write, entry: &Entry) -> io::Result<()> {
        let mut text = String::new();
        if self.parts > 0 {
            text.push_str("\n---\n\n");
        }
        part_md(&mut text, &document::part(entry));
        self.parts += 1;
        out.write_all(text.as_bytes())
    }
}

fn part_md(out: &mut String, part: &Part) {
    out.push_str(&format!("# {}\n\n", one_line(&part.title)));
    for block in &part.blocks {
        match block {
            Block::Alarm {
                title,
                text: body,
                findings,
            } => {
                out.push_str(&format!(
                    "> **{}**\n>\n> {}\n>\n",
                    one_line(title),
                    text(body, "").replace('\n', "\n> ")
                ));
                for finding in findings {
                    out.push_str(&format!(
                        "> - {}\n",
                        text(finding, "  ").replace('\n', "\n> ")
                    ));
                }
                out.push('\n');
            }
            Block::Notice { title, text: body } => {
                out.push_str(&format!(
                    "> **{}**\n>\n> {}\n\n",
                    one_line(title),
                    text(body, "").replace('\n', "\n> ")
                ));
            }
            Block::Heading(h) => out.push_str(&format!("## {}\n\n", one_line(h))),
            Block::Subheading(h) => out.push_str(&format!("### {}\n\n", one_line(h))),
            Block::Text(t) => out.push_str(&format!("{}\n\n", text(t, ""))),
            // Both are a list of labelled values in Markdown.
            Block::Facts(pairs) | Block::Entries(pairs) => {
                for (label, value) in pairs {
                    out.push_str(&format!(
                        "- **{}:** {}\n",
                        one_line(label),
                        text(value, "  ")
                    ));
                }
                out.push('\n');
            }
            Block::Item(item) => {
                out.push_str(&format!(
                    "### {}. {}\n\n",
                    item.number,
                    one_line(&item.prompt)
                ));
                if let Some(answer) = &item.answer {
                    out.push_str(&format!("**Answer:** {}\n\n", text(answer, "")));
                }
                if let Some(note) = &item.note {
                    out.push_str(&format!("**Note:** {}\n\n", text(note, "")));
                }
                if let Some(when) = &item.answered {
                    out.push_str(&format!("*Answered {}*\n\n", one_line(when)));
                }
            }
            Block::Bullets(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", text(item, "  ")));
                }
                out.push('\n');
            }
        }
    }
}

/// Text on one line (for headings): line breaks become spaces.
fn one_line(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    escape_line(&neutralise(&flat))
}

/// Text that may span lines: each line escaped, consecutive lines joined with a hard
/// line break (`\` at the end of the line), blank lines kept as paragraph breaks, and
/// every line after the first indented by `indent` (to stay inside a list item).
pub fn text(text: &str, indent: &str) -> String {
    let text = neutralise(text);
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            let previous_blank = lines[i - 1].trim().is_empty();
            if !previous_blank && !line.trim().is_empty() {
                out.push('\\');
            }
            out.push('\n');
            if !line.trim().is_empty() {
                out.push_str(indent);
            }
        }
        out.push_str(&escape_line(line));
    }
    out
}

/// One line with everything CommonMark (and GitHub's extensions) would read as markup
/// escaped with a backslash: emphasis, code, links, HTML, entities, tables,
/// strikethrough anywhere; headings, quotes, lists and rules at the start of the line.
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    if line.trim().is_empty() {
        return String::new();
    }
    let body = line.trim_start_matches([' ', '\t']);
    // Leading spaces and tabs are kept, as non-breaking spaces (a tab as four): four
    // spaces or a tab would start a code block.
    for c in line[..line.len() - body.len()].chars() {
        let width = if c == '\t' { 4 } else { 1 };
        for _ in 0..width {
            out.push('\u{a0}');
        }
    }
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in body.char_indices() {
        let at_start = i == 0 && matches!(c, '#' | '>' | '-' | '+' | '=');
        let list_number = digits > 0 && i == digits && matches!(c, '.' | ')');
        if at_start
            || list_number
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_record_text_is_escaped() {
        assert_eq!(escape_line("# not a heading"), "\\# not a heading");
        assert_eq!(escape_line("1. not a list"), "1\\. not a list");
        assert_eq!(escape_line("- nor this"), "\\- nor this");
        assert_eq!(
            escape_line("[x](javascript:alert(1)) <b>*_`"),
            "\\[x\\](javascript:alert(1)) \\<b\\>\\*\\_\\`"
        );
        assert_eq!(escape_line("    code?"), "\u{a0}\u{a0}\u{a0}\u{a0}code?");
        assert_eq!(escape_line("\t<b>"), "\u{a0}\u{a0}\u{a0}\u{a0}\\<b\\>");
        assert_eq!(escape_line(" \t "), "");
        assert_eq!(
            escape_line("plain 2026-02-11, 3.5"),
            "plain 2026-02-11, 3.5"
        );
    }

    #[test]
    fn line_breaks_are_kept() {
        assert_eq!(text("one\ntwo\n\nthree", "  "), "one\\\n  two\n\n  three");
        assert_eq!(text("one\n  \nthree", ""), "one\n\nthree");
        assert_eq!(text("bell\u{7}", ""), "bell\\\\u{7}");
    }
}
