//! Standard output as every command writes it. A reader that stops reading (`| head`,
//! a pager quit early) closes the pipe: the rest of the output is not wanted, so it is
//! discarded, but the command goes on to its end. Its verdict, its exit code and what
//! it has to say on standard error are then the same as with a reader: a closed pipe
//! must never turn an altered record or a broken framework into a silent exit 0, which
//! a script with `pipefail` would take for "all intact".
//!
//! Written to a terminal, a command's messages can be wrapped at words to its width
//! ([`Stdout::wrapped`]): pipes and files get the text exactly as written.

use std::io::{self, Write};

/// A writer that, once the reader has gone, takes everything and writes nothing.
pub struct Stdout<W> {
    inner: W,
    /// Whether the reader has closed the pipe.
    closed: bool,
    /// The width each line is wrapped to, on a terminal.
    wrap: Option<usize>,
    /// With `wrap`, the line being written, until its end.
    line: Vec<u8>,
}

impl<W: Write> Stdout<W> {
    pub fn new(inner: W) -> Self {
        Stdout {
            inner,
            closed: false,
            wrap: None,
            line: Vec::new(),
        }
    }

    /// As [`Stdout::new`], each line wrapped at words to `width` columns
    /// ([`crate::terminal::wrap_for_terminal`]) when there is a width: for a terminal.
    pub fn wrapped(inner: W, width: Option<usize>) -> Self {
        Stdout {
            wrap: width,
            ..Stdout::new(inner)
        }
    }

    /// Writes `bytes` through, as they are.
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.write_all(bytes);
        self.unless_closed(result, ())
    }

    /// Writes the line gathered so far, wrapped.
    fn put_line(&mut self) -> io::Result<()> {
        let line = std::mem::take(&mut self.line);
        match (self.wrap, std::str::from_utf8(&line)) {
            (Some(width), Ok(text)) => {
                self.put(crate::terminal::wrap_for_terminal(text, width).as_bytes())
            }
            _ => self.put(&line),
        }
    }

    /// `result`, with a closed pipe taken as the end of the reader's interest rather
    /// than a failure.
    fn unless_closed<T>(&mut self, result: io::Result<T>, discarded: T) -> io::Result<T> {
        match result {
            Err(e) if crate::platform::is_closed_pipe(&e) => {
                self.closed = true;
                Ok(discarded)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(bytes.len());
        }
        if self.wrap.is_some() {
            // Whole lines are wrapped as they end; the rest waits for its end.
            let mut rest = bytes;
            while let Some(at) = rest.iter().position(|&b| b == b'\n') {
                self.line.extend_from_slice(&rest[..=at]);
                self.put_line()?;
                rest = &rest[at + 1..];
            }
            self.line.extend_from_slice(rest);
            return Ok(bytes.len());
        }
        let result = self.inner.write(bytes);
        self.unless_closed(result, bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.line.is_empty() {
            self.put_line()?;
        }
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.unless_closed(result, ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pipe that takes `room` bytes, then fails as a pipe does once its reader has
    /// gone, or with `other` errors if set.
    struct Pipe {
        taken: Vec<u8>,
        room: usize,
        other: Option<io::ErrorKind>,
        writes: usize,
    }

    impl Write for Pipe {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.writes += 1;
            if self.taken.len() >= self.room {
                return Err(self.other.unwrap_or(io::ErrorKind::BrokenPipe).into());
            }
            let n = bytes.len().min(self.room - self.taken.len());
            self.taken.extend_from_slice(&bytes[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn pipe(room: usize, other: Option<io::ErrorKind>) -> Stdout<Pipe> {
        Stdout::new(Pipe {
            taken: Vec::new(),
            room,
            other,
            writes: 0,
        })
    }

    #[test]
    fn on_a_terminal_each_line_is_wrapped_once_it_ends() {
        let mut out = Stdout::wrapped(Vec::new(), Some(30));
        out.write_all(b"Signed and sealed: ").unwrap();
        out.write_all(b"/cases/CASE-2026-001.yaml\n  seal x\nrest")
            .unwrap();
        out.flush().unwrap();
        assert_eq!(
            String::from_utf8(out.inner).unwrap(),
            "Signed and sealed:\n  /cases/CASE-2026-001.yaml\n  seal x\nrest"
        );
        // Elsewhere, as written.
        let mut out = Stdout::wrapped(Vec::new(), None);
        out.write_all(b"Signed and sealed: /cases/CASE-2026-001.yaml\n")
            .unwrap();
        assert_eq!(out.inner, b"Signed and sealed: /cases/CASE-2026-001.yaml\n");
    }

    #[test]
    fn once_the_reader_has_gone_the_rest_is_discarded_without_an_error() {
        let mut out = pipe(5, None);
        out.write_all(b"first line\n").unwrap();
        out.write_all(b"second line\n").unwrap();
        out.flush().unwrap();
        assert_eq!(out.inner.taken, b"first");
        assert!(out.closed);
        // Nothing more is tried once the pipe is known to be closed.
        assert_eq!(out.inner.writes, 2);
    }

    #[test]
    fn any_other_failure_is_still_an_error() {
        let mut out = pipe(0, Some(io::ErrorKind::StorageFull));
        let e = out.write_all(b"x").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::StorageFull);
        assert!(!out.closed);
    }
}
