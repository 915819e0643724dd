//! Everything that differs between operating systems, behind one set of functions:
//! the terminal's input (raw mode, type-ahead, telling a paste from typing), files only
//! their owner may read, refusing links and devices, syncing a folder, the lock on a
//! draft, how to quote a command for the person's shell, and how a command learns it
//! has been asked to stop (Ctrl-C, a closed terminal, `kill`, or on Windows the
//! console's close, log-off and shut-down events).
//!
//! `unix.rs` serves Linux and macOS, `windows.rs` Windows; nothing outside this folder
//! names either. Each function here is documented once, for both.

use std::ffi::OsStr;
use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as imp;
#[cfg(windows)]
mod windows;
#[cfg(windows)]
use windows as imp;

/// Who may read a file the program writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone the folder lets in: frameworks, manual pages, exports the person places.
    Public,
    /// Its owner alone: case records, drafts and their temporary files, which hold
    /// personal data. On Unix, mode 0600; on Windows, an access list naming only the
    /// current user, not inherited from the folder.
    Private,
}

/// Set once the person or the system has asked the program to stop. Only
/// [`catch_signals`] makes one, so whatever holds a `Stop` knows the signals are
/// already caught: every function that creates a temporary file asks for one, and no
/// signal can then end the process between creating that file and naming or removing
/// it.
#[derive(Clone, Debug)]
pub struct Stop(Arc<AtomicBool>);

impl Stop {
    /// Whether a stop has been asked for.
    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// The flag itself, for widgets that check it while waiting for a key.
    pub fn flag(&self) -> &AtomicBool {
        &self.0
    }

    /// A flag no signal sets, for unit tests that must not catch the test runner's.
    #[cfg(test)]
    pub(crate) fn unset() -> Stop {
        Stop(Arc::new(AtomicBool::new(false)))
    }
}

/// Catches the ways a command is asked to stop, so that they set the returned [`Stop`]
/// rather than end the process: on Unix SIGINT, SIGTERM and SIGHUP; on Windows Ctrl-C,
/// Ctrl-Break and the console's close, log-off and shut-down events. The command then
/// leaves at its next check, tidily: the terminal restored, the lock released, no
/// temporary file left, exit code 130.
///
/// Called again, it returns the same flag: one set of handlers serves the process.
pub fn catch_signals() -> io::Result<Stop> {
    static STOP: std::sync::OnceLock<Arc<AtomicBool>> = std::sync::OnceLock::new();
    if let Some(flag) = STOP.get() {
        return Ok(Stop(Arc::clone(flag)));
    }
    let flag = Arc::new(AtomicBool::new(false));
    imp::catch_signals(&flag)?;
    Ok(Stop(Arc::clone(STOP.get_or_init(|| flag))))
}

/// A command-line seam for the tests of the window between writing a temporary file and
/// naming it: with `FAIRNESS_TEST_HOLD_BEFORE_RENAME` set to a path, the program creates
/// that file once a temporary file is written, then waits (at most 30 seconds) for a
/// stop before going on. Without the variable it does nothing.
///
/// Only in debug builds, which the tests run: a release build has no such seam.
pub fn hold_before_rename(stop: &Stop) {
    if !cfg!(debug_assertions) {
        return;
    }
    let Some(marker) = std::env::var_os("FAIRNESS_TEST_HOLD_BEFORE_RENAME") else {
        return;
    };
    // A new file only: never one that is already there, nor through a link.
    let _ = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(marker);
    let until = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !stop.is_set() && std::time::Instant::now() < until {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// Holds the terminal's input raw until dropped, then restores it: keys are read one
/// by one as they are typed, nothing is echoed, and Ctrl-C is a key the prompt reads.
/// Not a terminal, or a terminal that refuses: nothing changes.
pub struct RawInput(#[allow(dead_code)] imp::RawInput);

impl RawInput {
    pub fn enter() -> RawInput {
        RawInput(imp::RawInput::enter())
    }
}

/// Holds the terminal's bracketed paste on until dropped, then turns it off: the
/// terminal then marks the start and end of pasted text (`ESC [ 200 ~`, `ESC [ 201 ~`)
/// so that a paste is one insertion however it arrives. A terminal that does not know
/// the setting ignores it. On Unix it is asked for on standard error when both it and
/// standard input are terminals; on Windows it is not asked for at all: the console
/// delivers a paste as key presses, and the markers would reach a program only with
/// virtual-terminal input on, which fairness leaves off. There a paste is told from
/// typing as before, by the input already waiting ([`input_pending`]).
pub struct BracketedPaste(#[allow(dead_code)] imp::BracketedPaste);

impl BracketedPaste {
    pub fn enter() -> BracketedPaste {
        BracketedPaste(imp::BracketedPaste::enter())
    }
}

/// Throws away every key typed but not yet read: keys pressed before a question was on
/// the screen were meant for something else (a double Enter, the rest of a paste), and
/// must not answer it.
pub fn discard_typeahead() {
    imp::discard_typeahead()
}

/// Whether more input is already waiting: an Enter followed at once by more keys is a
/// line break inside pasted text, not a person confirming.
pub fn input_pending() -> bool {
    imp::input_pending()
}

/// Whether input arrives within `wait` (at once when some is already waiting).
pub fn input_within(wait: std::time::Duration) -> bool {
    let until = std::time::Instant::now() + wait;
    loop {
        if input_pending() {
            return true;
        }
        if std::time::Instant::now() >= until {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// Waits for the next key and, when it is F1, takes it and says so; any other key is
/// left for the prompt to read. Windows names F1 only here (console reads it as an
/// unknown key); elsewhere F1 is an escape sequence the prompt reads itself, so this
/// returns `false` at once.
pub fn take_help_key() -> bool {
    imp::take_help_key()
}

/// A new, empty temporary file in `folder` (`.fairness-XXXXXX.tmp`), readable as
/// `access` says from the moment it exists.
pub fn new_temp(folder: &Path, access: Access) -> io::Result<tempfile::NamedTempFile> {
    imp::new_temp(folder, access)
}

/// Checks that `path` can name a new file on this system, before anything is written:
/// on Windows a device name (`NUL`, `CON`, `COM1`, …) or a character Windows forbids in
/// file names (`<>:"|?*`) is refused with a message that says so; elsewhere every name
/// the shell can pass is one.
pub fn check_new_name(path: &Path) -> io::Result<()> {
    imp::check_new_name(path)
}

/// Gives the temporary file `temp` the name `path`: over an existing file when
/// `overwrite`, else failing with [`io::ErrorKind::AlreadyExists`] if there is one. On
/// Windows a file that another program (an antivirus scanner, a sync client, a search
/// indexer) holds open for a moment cannot be renamed over, so that is tried again for
/// about a second before it fails.
pub fn persist(temp: tempfile::NamedTempFile, path: &Path, overwrite: bool) -> io::Result<()> {
    imp::persist(temp, path, overwrite)
}

/// Takes the lock on the lock file `file`, held until [`unlock`] or the process ends:
/// `Ok(false)` when another process holds it. On Windows the lock covers one byte far
/// beyond the file's end, so that the holder's process number in the file can still be
/// read by the session that is refused.
pub fn try_lock(file: &File) -> io::Result<bool> {
    imp::try_lock(file)
}

pub fn unlock(file: &File) {
    imp::unlock(file)
}

/// Whether a failed write to standard output means its reader has gone (`| head`, a
/// pager quit early): a broken pipe on Unix; on Windows also the two other errors a
/// pipe whose reader has closed gives (232 and 233).
pub fn is_closed_pipe(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::BrokenPipe || imp::is_closed_pipe(error)
}

/// Flushes a folder's entries to disk after a rename, so that the new name survives a
/// power cut. Best effort, and nothing where the system has no such call (Windows).
pub fn sync_folder(folder: &Path) {
    imp::sync_folder(folder)
}

/// Opens a file to read it as text, refusing what is not a regular file: a folder, a
/// pipe or socket (which could wait forever), a terminal or another device (which could
/// wait for input or never end). Each refusal is an error whose message says what the
/// file is instead.
pub fn open_regular(path: &Path) -> io::Result<File> {
    imp::open_regular(path)
}

/// What [`open_regular`] found instead of a regular file, as the error it gives.
#[derive(Clone, Copy)]
enum NotAFile {
    Folder,
    Pipe,
    Device,
}

impl NotAFile {
    fn error(self) -> io::Error {
        let (kind, why) = match self {
            NotAFile::Folder => (io::ErrorKind::IsADirectory, "it is a folder, not a file"),
            NotAFile::Pipe => (
                io::ErrorKind::InvalidInput,
                "it is a pipe or socket, not a file",
            ),
            NotAFile::Device => (io::ErrorKind::InvalidInput, "it is a device, not a file"),
        };
        io::Error::new(kind, why)
    }
}

/// One rename of `temp` to `path`, over an existing file or not, as [`persist`] says.
fn persist_once(
    temp: tempfile::NamedTempFile,
    path: &Path,
    overwrite: bool,
) -> Result<(), tempfile::PersistError> {
    if overwrite {
        temp.persist(path).map(drop)
    } else {
        temp.persist_noclobber(path).map(drop)
    }
}

/// How many names (hard links) the file at `path` has, not following a symbolic link.
pub fn link_count(path: &Path) -> io::Result<u64> {
    imp::link_count(path)
}

/// Why a lock file could not be opened.
#[derive(Debug)]
pub enum LockOpen {
    /// A symbolic link stands where the lock file should be.
    Link,
    /// Something other than a regular file stands there.
    NotAFile,
    Io(io::Error),
}

/// Opens (creating if need be) the lock file at `path`, owner-only, never through a
/// symbolic link and never anything but a regular file.
pub fn open_lock(path: &Path) -> Result<File, LockOpen> {
    imp::open_lock(path)
}

/// Whether the open file `held` is still the file named `path` (another process may
/// have removed or replaced the name since it was opened).
pub fn same_file(held: &File, path: &Path) -> bool {
    imp::same_file(held, path)
}

/// Who may read the file at `path`, in the system's own words: its mode (`mode 0600`)
/// on Unix, its access list in Windows' descriptor language on Windows.
pub fn describe_access(path: &Path) -> io::Result<String> {
    imp::describe_access(path)
}

/// Whether anyone but the owner may read the file at `path` (as OpenSSH asks of a
/// private key before using it): `None` if not, else who may, in the system's words.
/// On Unix, any permission for the group or others (`mode 0644`); on Windows, an entry
/// of its access list allowing anyone but the user, SYSTEM and the Administrators.
pub fn readable_by_others(path: &Path) -> io::Result<Option<String>> {
    imp::readable_by_others(path)
}

/// Makes the folder at `path` and any it is in; one it makes is its owner's alone on
/// Unix (mode 0700). On Windows the files in it are made private one by one.
pub fn create_private_folder(path: &Path) -> io::Result<()> {
    imp::create_private_folder(path)
}

/// The accounts an access list (in Windows' descriptor language) allows in, other than
/// `user`, the system and the Administrators: what makes a private key open to others.
/// Here, apart from the call that uses it, so that it is tested on every system.
#[cfg_attr(unix, allow(dead_code))]
pub fn others_allowed(list: &str, user: &str) -> Vec<String> {
    const TRUSTED: [&str; 5] = ["SY", "BA", "OW", "S-1-5-18", "S-1-5-32-544"];
    list.split('(')
        .skip(1)
        .filter_map(|entry| {
            let entry = entry.split(')').next()?;
            let fields: Vec<&str> = entry.split(';').collect();
            // (type;flags;rights;object;inherited object;account)
            let (kind, account) = (fields.first()?, fields.get(5)?);
            let allows = *kind == "A" || *kind == "OA";
            (allows && *account != user && !TRUSTED.contains(account)).then(|| account.to_string())
        })
        .collect()
}

/// What [`describe_access`] says of a private file this user has just made.
pub fn private_access() -> io::Result<String> {
    imp::private_access()
}

/// The security descriptor a private file gets on Windows, in Windows' descriptor
/// language (SDDL): owned by the user whose security identifier is `user`
/// (`S-1-5-21-…`, so that an administrator's files are not owned by the
/// Administrators group, as some policies would have it), and with the access list of
/// [`private_list`]. Built here, apart from the call that uses it, so that it is tested
/// on every system.
#[cfg_attr(unix, allow(dead_code))]
pub fn private_descriptor(user: &str) -> io::Result<String> {
    Ok(format!("O:{user}{}", private_list(user)?))
}

/// A private file's access list: protected from inheriting the folder's entries
/// (`D:P`), with one entry allowing all file access (`A;;FA`) to `user`, and to nobody
/// else.
#[cfg_attr(unix, allow(dead_code))]
pub fn private_list(user: &str) -> io::Result<String> {
    let sid = user.starts_with("S-1-")
        && user.len() > 4
        && user[4..]
            .split('-')
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if !sid {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("`{user}` is not a security identifier"),
        ));
    }
    Ok(format!("D:P(A;;FA;;;{user})"))
}

/// A file name as the system holds it, which also says how the person's shell wants it
/// quoted (see [`crate::shell`]).
// Each system makes one of the two.
#[allow(dead_code)]
pub enum NativeName {
    /// Bytes, on Linux and macOS, typed into a POSIX shell.
    Bytes(Vec<u8>),
    /// UTF-16 units, on Windows, typed into PowerShell.
    Wide(Vec<u16>),
}

pub fn native_name(name: &OsStr) -> NativeName {
    imp::native_name(name)
}

#[cfg(test)]
mod key_access_tests {
    #[test]
    fn a_private_list_lets_nobody_else_in_and_a_shared_one_names_who() {
        let user = "S-1-5-21-1-2-3-1001";
        let private = super::private_list(user).unwrap();
        assert!(super::others_allowed(&private, user).is_empty());
        let trusted = format!("D:P(A;;FA;;;{user})(A;;FA;;;SY)(A;;FA;;;BA)");
        assert!(super::others_allowed(&trusted, user).is_empty());
        let shared = format!("D:AI(A;;FA;;;{user})(A;ID;0x1200a9;;;BU)(D;;FA;;;WD)");
        assert_eq!(super::others_allowed(&shared, user), ["BU"]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_are_caught_once_for_the_process() {
        let first = catch_signals().unwrap();
        let second = catch_signals().unwrap();
        assert!(Arc::ptr_eq(&first.0, &second.0));
        assert!(!first.is_set());
    }

    #[test]
    fn a_private_temporary_file_is_its_owners_alone() {
        let dir = tempfile::tempdir().unwrap();
        let temp = new_temp(dir.path(), Access::Private).unwrap();
        let name = temp
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with(".fairness-") && name.ends_with(".tmp"),
            "{name}"
        );
        let access = describe_access(temp.path()).unwrap();
        #[cfg(unix)]
        assert_eq!(access, "mode 0600");
        #[cfg(windows)]
        if std::env::var_os("WINECONFIGDIR").is_some() {
            // Wine does not keep the access list a file is created with: it turns it
            // into a Unix mode and reports the list it makes from that mode, which
            // names SYSTEM too. There it must name this user and nobody else but
            // SYSTEM; on Windows it must be exactly the list built.
            let user = windows::current_user().unwrap();
            assert_eq!(access, format!("D:(A;;FA;;;SY)(A;;FA;;;{user})"));
        } else {
            // Windows may add flags of its own after `P` (`D:PAI(…)`): the entries
            // are what matter.
            let user = windows::current_user().unwrap();
            assert!(access.starts_with("D:P"), "{access}");
            assert!(access.ends_with(&format!("(A;;FA;;;{user})")), "{access}");
            assert_eq!(access.matches('(').count(), 1, "{access}");
        }
    }

    #[test]
    fn the_private_access_list_names_one_user_and_inherits_nothing() {
        let user = "S-1-5-21-1004336348-1177238915-682003330-1001";
        assert_eq!(private_list(user).unwrap(), format!("D:P(A;;FA;;;{user})"));
        assert_eq!(
            private_descriptor(user).unwrap(),
            format!("O:{user}D:P(A;;FA;;;{user})")
        );
        for bad in [
            "",
            "S-1-",
            "S-1-5-)(A;;FA;;;WD",
            "WD",
            "S-1-5--1",
            "S-1-5-x",
        ] {
            assert!(private_descriptor(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_regular_file_opens_and_a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "a: 1\n").unwrap();
        assert!(open_regular(&file).is_ok());
        let e = open_regular(dir.path()).unwrap_err();
        assert!(e.to_string().contains("folder"), "{e}");
        assert_eq!(link_count(&file).unwrap(), 1);
        std::fs::hard_link(&file, dir.path().join("b.yaml")).unwrap();
        assert_eq!(link_count(&file).unwrap(), 2);
    }

    #[test]
    fn a_lock_file_is_the_same_file_until_its_name_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("CASE-1.yaml.lock");
        let held = open_lock(&path).unwrap();
        assert!(same_file(&held, &path));
        let other = dir.path().join("other");
        std::fs::write(&other, "").unwrap();
        assert!(!same_file(&held, &other));
        // Wine refuses to rename over a file that is open, which Windows allows.
        if std::env::var_os("WINECONFIGDIR").is_none() {
            std::fs::rename(&other, &path).unwrap();
            assert!(!same_file(&held, &path));
        }
    }
}
