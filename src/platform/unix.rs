//! Linux and macOS: termios and `poll` through rustix's safe calls, file modes, and
//! signals through signal-hook.

use std::ffi::OsStr;
use std::fs::{File, OpenOptions};
use std::io::{self, IsTerminal};
use std::os::fd::AsFd;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use rustix::termios::{self, OptionalActions, QueueSelector, Termios};

use super::{Access, LockOpen, NotAFile};

/// Registers SIGINT, SIGTERM and SIGHUP to set `flag` rather than end the process.
///
/// A prompt waiting for a key is woken at once (the wait is a `poll`, which a signal
/// always interrupts). A signal that lands while a prompt is drawing is noticed at the
/// next key or the next signal; between prompts, before the next one is asked. There
/// is deliberately no "second signal ends at once": console answers an interrupted
/// wait by raising SIGINT itself, which would count as a second signal and leave the
/// terminal raw, the cursor hidden and the lock file behind.
pub fn catch_signals(flag: &Arc<AtomicBool>) -> io::Result<()> {
    for signal in [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register(signal, Arc::clone(flag))?;
    }
    Ok(())
}

/// console reads keys from standard input when it is a terminal, and `fairness run`
/// refuses to start in a terminal otherwise.
fn input() -> Option<io::Stdin> {
    let stdin = io::stdin();
    stdin.is_terminal().then_some(stdin)
}

/// console switches the terminal to raw mode for each key it reads and back between
/// keys. Between two reads the line discipline then echoes whatever arrives and holds
/// it as a cooked line, so a fast typist or a paste garbles the screen. Holding the
/// terminal raw for the whole prompt avoids that; console's own switch then changes
/// nothing. Output processing is left as it was, so `\n` still starts a line (the raw
/// mode of crossterm clears it, which is why it is not used here).
pub struct RawInput {
    original: Option<Termios>,
}

impl RawInput {
    pub fn enter() -> RawInput {
        let Some(stdin) = input() else {
            return RawInput { original: None };
        };
        let Ok(original) = termios::tcgetattr(stdin.as_fd()) else {
            return RawInput { original: None };
        };
        let mut raw = original.clone();
        raw.make_raw();
        raw.output_modes = original.output_modes;
        if termios::tcsetattr(stdin.as_fd(), OptionalActions::Now, &raw).is_err() {
            return RawInput { original: None };
        }
        RawInput {
            original: Some(original),
        }
    }
}

impl Drop for RawInput {
    fn drop(&mut self) {
        if let (Some(original), Some(stdin)) = (&self.original, input()) {
            let _ = termios::tcsetattr(stdin.as_fd(), OptionalActions::Now, original);
        }
    }
}

/// Turns bracketed paste on with `ESC [ ? 2004 h` on standard error, the terminal the
/// prompts are drawn on, and off with `ESC [ ? 2004 l` when dropped. A terminal gone
/// meanwhile (a hang-up) makes the last write fail, harmlessly.
pub struct BracketedPaste {
    on: bool,
}

impl BracketedPaste {
    pub fn enter() -> BracketedPaste {
        let on = input().is_some() && io::stderr().is_terminal() && paste_mode(true);
        BracketedPaste { on }
    }
}

impl Drop for BracketedPaste {
    fn drop(&mut self) {
        if self.on {
            paste_mode(false);
        }
    }
}

/// Writes the setting that turns bracketed paste on or off; whether it was written.
fn paste_mode(on: bool) -> bool {
    use std::io::Write;
    let mut err = io::stderr().lock();
    let sequence: &[u8] = if on { b"\x1b[?2004h" } else { b"\x1b[?2004l" };
    err.write_all(sequence).and_then(|()| err.flush()).is_ok()
}

pub fn discard_typeahead() {
    if let Some(stdin) = input() {
        // Failure leaves the keys, harmlessly.
        let _ = termios::tcflush(stdin.as_fd(), QueueSelector::IFlush);
    }
}

pub fn input_pending() -> bool {
    let Some(stdin) = input() else {
        return false;
    };
    let mut fds = [rustix::event::PollFd::new(
        &stdin,
        rustix::event::PollFlags::IN,
    )];
    let zero = rustix::event::Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    matches!(rustix::event::poll(&mut fds, Some(&zero)), Ok(n) if n > 0)
        && fds[0].revents().contains(rustix::event::PollFlags::IN)
}

pub fn take_help_key() -> bool {
    false
}

pub fn describe_access(path: &Path) -> io::Result<String> {
    let mode = std::fs::symlink_metadata(path)?.permissions().mode();
    Ok(format!("mode {:04o}", mode & 0o7777))
}

pub fn create_private_folder(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(path)
}

pub fn readable_by_others(path: &Path) -> io::Result<Option<String>> {
    let mode = std::fs::metadata(path)?.permissions().mode();
    Ok((mode & 0o077 != 0).then(|| format!("mode {:04o}", mode & 0o7777)))
}

pub fn private_access() -> io::Result<String> {
    Ok(format!("mode {:04o}", mode(Access::Private)))
}

fn mode(access: Access) -> u32 {
    match access {
        Access::Public => 0o644,
        Access::Private => 0o600,
    }
}

pub fn new_temp(folder: &Path, access: Access) -> io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(".fairness-")
        .suffix(".tmp")
        .permissions(std::fs::Permissions::from_mode(mode(access)))
        .tempfile_in(folder)
}

pub fn check_new_name(_path: &Path) -> io::Result<()> {
    Ok(())
}

pub fn persist(temp: tempfile::NamedTempFile, path: &Path, overwrite: bool) -> io::Result<()> {
    super::persist_once(temp, path, overwrite).map_err(|e| e.error)
}

pub fn try_lock(file: &File) -> io::Result<bool> {
    match file.try_lock() {
        Ok(()) => Ok(true),
        Err(std::fs::TryLockError::WouldBlock) => Ok(false),
        Err(std::fs::TryLockError::Error(io)) => Err(io),
    }
}

pub fn unlock(file: &File) {
    let _ = file.unlock();
}

pub fn is_closed_pipe(_error: &io::Error) -> bool {
    false
}

pub fn sync_folder(folder: &Path) {
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
}

pub fn open_regular(path: &Path) -> io::Result<File> {
    // Checked before opening: opening a pipe with no writer would wait forever.
    let kind = std::fs::metadata(path)?.file_type();
    if kind.is_fifo() || kind.is_socket() {
        return Err(NotAFile::Pipe.error());
    }
    if kind.is_dir() {
        return Err(NotAFile::Folder.error());
    }
    if kind.is_char_device() || kind.is_block_device() {
        return Err(NotAFile::Device.error());
    }
    File::open(path)
}

pub fn link_count(path: &Path) -> io::Result<u64> {
    Ok(std::fs::symlink_metadata(path)?.nlink())
}

pub fn open_lock(path: &Path) -> Result<File, LockOpen> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        // Never through a symbolic link, which could point at any file; and never
        // waiting, as opening a pipe would.
        .custom_flags((rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK).bits() as i32)
        .open(path)
        .map_err(|io| match io.raw_os_error() {
            Some(code) if code == rustix::io::Errno::LOOP.raw_os_error() => LockOpen::Link,
            _ => LockOpen::Io(io),
        })?;
    match file.metadata() {
        Ok(meta) if meta.is_file() => Ok(file),
        Ok(_) => Err(LockOpen::NotAFile),
        Err(io) => Err(LockOpen::Io(io)),
    }
}

pub fn same_file(held: &File, path: &Path) -> bool {
    match (held.metadata(), std::fs::metadata(path)) {
        (Ok(held), Ok(named)) => held.ino() == named.ino() && held.dev() == named.dev(),
        _ => false,
    }
}

pub fn native_name(name: &OsStr) -> super::NativeName {
    super::NativeName::Bytes(name.as_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A symbolic link where a lock file should be is refused, and the file it points
    /// at is left as it was (a lock file is truncated once held). Unix only: making a
    /// symbolic link on Windows needs a privilege few users have. The refusal a person
    /// sees is tested through the binary in tests/interactive.rs.
    #[test]
    fn a_symbolic_link_in_place_of_a_lock_file_is_refused_and_its_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        let lock = dir.path().join("CASE-1.yaml.lock");
        std::os::unix::fs::symlink(&victim, &lock).unwrap();
        assert!(matches!(open_lock(&lock), Err(LockOpen::Link)));
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    }
}
