//! Standard output as every command writes it. A reader that stops reading (`| head`,
//! a pager quit early) closes the pipe: the rest of the output is not wanted, so it is
//! discarded, but the command goes on to its end. Its verdict, its exit code and what
//! it has to say on standard error are then the same as with a reader: a closed pipe
//! must never turn an altered record or a broken framework into a silent exit 0, which
//! a script with `pipefail` would take for "all intact".

use std::io::{self, Write};

/// A writer that, once the reader has gone, takes everything and writes nothing.
pub struct Stdout<W> {
    inner: W,
    /// Whether the reader has closed the pipe.
    closed: bool,
}

impl<W: Write> Stdout<W> {
    pub fn new(inner: W) -> Self {
        Stdout {
            inner,
            closed: false,
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
        let result = self.inner.write(bytes);
        self.unless_closed(result, bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
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
