//! The few things about the terminal's input that console and dialoguer leave to us:
//! keeping it raw for the whole of a prompt, throwing away keys typed before a
//! question was shown, and telling a paste from typing.
//!
//! console switches the terminal to raw mode for each key it reads and back between
//! keys. Between two reads the line discipline then echoes whatever arrives and holds
//! it as a cooked line, so a fast typist or a paste garbles the screen. Holding the
//! terminal raw for the whole prompt ([`Raw`]) avoids that; console's own switch then
//! changes nothing. Output processing is left as it was, so `\n` still starts a line.

use std::os::fd::RawFd;

/// The terminal's input: console reads keys from standard input when it is a terminal,
/// and `fairness run` refuses to start in a terminal otherwise.
const INPUT: RawFd = libc::STDIN_FILENO;

fn is_tty() -> bool {
    // SAFETY: isatty only inspects the descriptor.
    unsafe { libc::isatty(INPUT) == 1 }
}

/// Holds the terminal's input in raw mode until dropped, then restores it.
pub struct Raw {
    original: Option<libc::termios>,
}

impl Raw {
    /// Switches to raw input. Not a terminal, or a terminal that refuses: nothing
    /// changes, and the prompt works as console alone would have it.
    pub fn enter() -> Raw {
        if !is_tty() {
            return Raw { original: None };
        }
        let mut termios = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: tcgetattr fills the termios it is given when it returns 0.
        if unsafe { libc::tcgetattr(INPUT, termios.as_mut_ptr()) } != 0 {
            return Raw { original: None };
        }
        // SAFETY: tcgetattr returned 0, so the value is initialised.
        let original = unsafe { termios.assume_init() };
        let mut raw = original;
        // SAFETY: cfmakeraw only changes the flags of the termios it is given.
        unsafe { libc::cfmakeraw(&mut raw) };
        raw.c_oflag = original.c_oflag;
        // SAFETY: a valid termios for this descriptor.
        if unsafe { libc::tcsetattr(INPUT, libc::TCSANOW, &raw) } != 0 {
            return Raw { original: None };
        }
        Raw {
            original: Some(original),
        }
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        if let Some(original) = &self.original {
            // SAFETY: the settings read from this descriptor in `enter`.
            unsafe { libc::tcsetattr(INPUT, libc::TCSANOW, original) };
        }
    }
}

/// Throws away every key typed but not yet read: keys pressed before a question was on
/// the screen were meant for something else (a double Enter, the rest of a paste), and
/// must not answer it.
pub fn discard_typeahead() {
    if is_tty() {
        // SAFETY: tcflush on a terminal descriptor; failure leaves the keys, harmlessly.
        unsafe { libc::tcflush(INPUT, libc::TCIFLUSH) };
    }
}

/// Whether more input is already waiting: an Enter followed at once by more keys is a
/// line break inside pasted text, not a person confirming.
pub fn input_pending() -> bool {
    if !is_tty() {
        return false;
    }
    let mut poll = libc::pollfd {
        fd: INPUT,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, no waiting.
    let ready = unsafe { libc::poll(&mut poll, 1, 0) };
    ready > 0 && poll.revents & libc::POLLIN != 0
}
