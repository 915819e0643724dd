//! Reading the CSV files a report joins to the records: RFC 4180, a header row, fields
//! separated by commas and quoted with `"` where they hold one, each field with the
//! line and column it starts at, for the diagnostics.

use crate::diagnostic::{Diagnostic, Location};

/// One field as read, with where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub text: String,
    pub at: Location,
}

/// One row: its fields, and the line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub line: u32,
    pub fields: Vec<Field>,
}

/// Every row of `text` (blank lines skipped), or the first problem that stops the
/// reading: a quote left open, or text after a closing quote.
pub fn rows(text: &str) -> Result<Vec<Line>, Diagnostic> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let (mut line, mut column) = (1u32, 1u32);
    loop {
        if chars.peek().is_none() {
            return Ok(out);
        }
        let start = line;
        let mut fields = Vec::new();
        // One row: fields until a line break or the end.
        loop {
            let at = Location::new(line, column, 1);
            let mut field = String::new();
            if chars.peek() == Some(&'"') {
                chars.next();
                column += 1;
                loop {
                    match chars.next() {
                        None => {
                            return Err(Diagnostic::error(
                                "a quoted field is not closed: its `\"` has no partner before the end of the file",
                                Some(at),
                            ));
                        }
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            column += 2;
                            field.push('"');
                        }
                        Some('"') => {
                            column += 1;
                            break;
                        }
                        Some('\n') => {
                            line += 1;
                            column = 1;
                            field.push('\n');
                        }
                        Some(ch) => {
                            column += 1;
                            field.push(ch);
                        }
                    }
                }
                match chars.peek() {
                    None | Some(',') | Some('\n') => {}
                    Some('\r') => {}
                    Some(_) => {
                        return Err(Diagnostic::error(
                            "text follows a closing `\"`: quote the whole field, and write a `\"` inside it as `\"\"`",
                            Some(Location::new(line, column, 1)),
                        ));
                    }
                }
            } else {
                while let Some(&ch) = chars.peek() {
                    if ch == ',' || ch == '\n' {
                        break;
                    }
                    chars.next();
                    column += 1;
                    if ch != '\r' {
                        field.push(ch);
                    }
                }
            }
            if chars.peek() == Some(&'\r') {
                chars.next();
            }
            fields.push(Field { text: field, at });
            match chars.next() {
                Some(',') => column += 1,
                Some('\n') => {
                    line += 1;
                    column = 1;
                    break;
                }
                None => break,
                Some(_) => unreachable!("a field ends at a comma, a line break or the end"),
            }
        }
        let blank = fields.len() == 1 && fields[0].text.trim().is_empty();
        if !blank {
            out.push(Line {
                line: start,
                fields,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<Vec<String>> {
        rows(text)
            .unwrap()
            .into_iter()
            .map(|l| l.fields.into_iter().map(|f| f.text).collect())
            .collect()
    }

    #[test]
    fn plain_and_quoted_fields_with_crlf_and_blank_lines() {
        assert_eq!(
            texts("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\n,z\n"),
            [vec!["a", "b"], vec!["x, y", "say \"hi\""], vec!["", "z"]]
        );
    }

    #[test]
    fn each_field_knows_its_line_and_column() {
        let read = rows("case_reference,sex\nCASE-1,Female\n").unwrap();
        assert_eq!(read[1].line, 2);
        assert_eq!(read[1].fields[1].at, Location::new(2, 8, 1));
    }

    #[test]
    fn an_open_quote_and_text_after_a_quote_are_refused_where_they_are() {
        let open = rows("a\n\"never closed\n").unwrap_err();
        assert_eq!(open.location, Some(Location::new(2, 1, 1)));
        let after = rows("\"a\"b\n").unwrap_err();
        assert_eq!(after.location, Some(Location::new(1, 4, 1)));
    }
}
