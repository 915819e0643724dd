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
    read_text(path).map_err(|failure| match failure {
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

/// The location of the character just after `prefix`.
fn location_after(prefix: &str) -> Location {
    let line = prefix.matches('\n').count() + 1;
    let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Location::new(line as u32, column as u32, 1)
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
    fn accepts_text() {
        assert_eq!(decode("name: Café\n".into()).unwrap(), "name: Café\n");
    }
}
