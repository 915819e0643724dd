//! Reading a text file that may be hostile: only a regular file (a pipe, a socket or a
//! device such as `/dev/tty` could wait forever, `/dev/zero` never ends), capped in
//! size (a multi-gigabyte file is refused, not loaded), and refused unless it is UTF-8
//! text.

use std::io::{self, Read};
use std::path::Path;

use crate::diagnostic::{Diagnostic, Location, Report};
use crate::error::Error;

/// The largest file read: far beyond any honest framework or record (the built-in
/// framework is about 20 KiB, a 10,000-item one about 3 MiB).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Why a file could not be taken as text.
#[derive(Debug)]
pub enum ReadFailure {
    /// The file could not be read at all: missing, a folder, no permission.
    Io(io::Error),
    /// The file was read and is not acceptable text.
    Invalid(Diagnostic),
}

/// Reads `path` with [`read_text`] for a command: a file that cannot be read is an
/// [`Error::Read`]; one that is read but unacceptable becomes `invalid(report)`, the
/// report naming the file.
pub fn read_for(path: &Path, invalid: fn(Report) -> Error) -> Result<String, Error> {
    for_command(path, invalid, read_text(path))
}

/// Reads `path` with [`read_edited`] for a command, as [`read_for`] does.
pub fn read_edited_for(path: &Path, invalid: fn(Report) -> Error) -> Result<String, Error> {
    for_command(path, invalid, read_edited(path))
}

fn for_command(
    path: &Path,
    invalid: fn(Report) -> Error,
    read: Result<String, ReadFailure>,
) -> Result<String, Error> {
    read.map_err(|failure| match failure {
        ReadFailure::Io(io) => Error::Read {
            path: path.to_owned(),
            io,
        },
        ReadFailure::Invalid(d) => invalid(Report::new(path.display().to_string(), None, vec![d])),
    })
}

/// Reads `path` as UTF-8 text of at most [`MAX_FILE_BYTES`].
pub fn read_text(path: &Path) -> Result<String, ReadFailure> {
    // Only a regular file: a pipe, a socket or a device could wait forever.
    let file = crate::platform::open_regular(path).map_err(ReadFailure::Io)?;
    let metadata = file.metadata().map_err(ReadFailure::Io)?;
    if metadata.len() > MAX_FILE_BYTES {
        return Err(ReadFailure::Invalid(too_large()));
    }
    // Special files report a length of zero, so cap the read itself as well.
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadFailure::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadFailure::Invalid(too_large()));
    }
    decode(bytes).map_err(ReadFailure::Invalid)
}

fn too_large() -> Diagnostic {
    Diagnostic::error(
        format!(
            "the file is larger than {} MiB, the most this tool reads",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
        None,
    )
}

/// The bytes as text, or the first place where they are not UTF-8 text.
pub fn decode(bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(
            Diagnostic::error("the file is UTF-16 text, not UTF-8", None)
                .with_help("save it as UTF-8 and try again"),
        );
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let bytes = e.as_bytes();
            let at = e.utf8_error().valid_up_to();
            let prefix = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            return Err(Diagnostic::error(
                format!("the file is not UTF-8 text (byte 0x{:02X})", bytes[at]),
                Some(location_after(prefix)),
            )
            .with_help("save it as UTF-8 text; frameworks, records and answers files are text"));
        }
    };
    if let Some(at) = text.find('\0') {
        return Err(Diagnostic::error(
            "the file contains a NUL byte: it looks like a binary file, not YAML",
            Some(location_after(&text[..at])),
        ));
    }
    Ok(text)
}

/// Reads `path` as [`read_text`] does, as a file a person writes and saves in an
/// editor: a framework or an answers file. It is read as [`edited`] makes it, so that a
/// copy saved by Notepad is the same file as the one it was made from. Not for records:
/// a record's seal covers its bytes as written, and one saved with other line ends has
/// been altered.
pub fn read_edited(path: &Path) -> Result<String, ReadFailure> {
    read_text(path).map(edited)
}

/// `text` without what an editor adds on saving and a reader does not see: a UTF-8
/// byte-order mark at its start, and line ends other than LF (CRLF, and the lone CR of
/// old Macs). YAML reads every one of these as a line end already, so this changes
/// nothing in what the file says: only that its lines, columns and digest are those of
/// the same file with LF line ends. A byte-order mark anywhere else is left for the
/// parser, which refuses it where it is: it is two files run together.
pub fn edited(mut text: String) -> String {
    if text.starts_with(BOM) {
        text.drain(..BOM.len_utf8());
    }
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The UTF-8 byte-order mark, as Notepad writes it at the start of a file.
const BOM: char = '\u{feff}';

/// The location of the character just after `prefix`, as an editor counts it and as
/// every report places a problem: a byte-order mark at the start is not a column, and a
/// line ends at LF, CRLF or a lone CR.
fn location_after(prefix: &str) -> Location {
    let prefix = prefix.strip_prefix(BOM).unwrap_or(prefix);
    let (mut line, mut column) = (1, 1);
    let mut chars = prefix.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => (line, column) = (line + 1, 1),
            _ => column += 1,
        }
    }
    Location::new(line, column, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_at_the_first_byte_that_is_not_utf8() {
        let d = decode(b"a: 1\nb: \xC3\xA9\xFF\n".to_vec()).unwrap_err();
        assert_eq!(d.location, Some(Location::new(2, 5, 1)));
        assert!(d.message.contains("0xFF"), "{}", d.message);
    }

    #[test]
    fn refuses_nul_bytes_and_utf16() {
        let d = decode(b"a: b\x00c".to_vec()).unwrap_err();
        assert!(d.message.contains("NUL"));
        assert_eq!(d.location, Some(Location::new(1, 5, 1)));
        let d = decode(vec![0xFF, 0xFE, b'a', 0]).unwrap_err();
        assert!(d.message.contains("UTF-16"));
    }

    #[test]
    fn places_a_problem_as_an_editor_counts_lines_and_columns() {
        for text in [
            &b"a: 1\nb: \xFF\n"[..],
            b"\xEF\xBB\xBFa: 1\r\nb: \xFF\r\n",
            b"a: 1\rb: \xFF\r",
        ] {
            let d = decode(text.to_vec()).unwrap_err();
            assert_eq!(d.location, Some(Location::new(2, 4, 1)), "{text:?}");
        }
        let d = decode(b"\xEF\xBB\xBFa: \x00".to_vec()).unwrap_err();
        assert_eq!(d.location, Some(Location::new(1, 4, 1)));
    }

    #[test]
    fn an_edited_file_is_read_as_the_same_file_with_lf_line_ends() {
        let lf = "a: 1\nb: |\n  two\n  lines\n";
        for saved in [
            "\u{feff}a: 1\r\nb: |\r\n  two\r\n  lines\r\n",
            "a: 1\r\nb: |\r\n  two\r\n  lines\r\n",
            "\u{feff}a: 1\nb: |\n  two\n  lines\n",
            "a: 1\rb: |\r  two\r  lines\r",
            // Line ends of every kind in one file, as a file edited in two editors has.
            "a: 1\r\nb: |\r  two\n  lines\r\n",
        ] {
            assert_eq!(edited(saved.to_owned()), lf, "{saved:?}");
        }
        // Only the mark at the start is a byte-order mark.
        assert_eq!(edited("a: \u{feff}\n".into()), "a: \u{feff}\n");
        assert_eq!(
            edited("\u{feff}\u{feff}a\n".into()),
            "\u{feff}a\n",
            "a second mark is text, for the parser to refuse"
        );
    }

    #[test]
    fn accepts_text() {
        assert_eq!(decode("name: Café\n".into()).unwrap(), "name: Café\n");
    }
}
