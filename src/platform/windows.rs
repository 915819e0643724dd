//! Windows: the console's input modes and input queue, files created with an access
//! list naming only the current user, file identity and link counts from the file
//! system, and the console's control events. Every call into Windows is here, through
//! windows-sys, each `unsafe` block saying what makes it sound.

use std::ffi::{OsStr, OsString};
use std::fs::{File, OpenOptions};
use std::io;
use std::os::windows::ffi::{OsStrExt, OsStringExt};
use std::os::windows::fs::OpenOptionsExt;
use std::os::windows::io::{AsRawHandle, FromRawHandle, OwnedHandle};
use std::path::Path;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use windows_sys::Win32::Foundation::{
    ERROR_ACCESS_DENIED, ERROR_LOCK_VIOLATION, ERROR_NO_DATA, ERROR_PIPE_NOT_CONNECTED,
    ERROR_SHARING_VIOLATION, GENERIC_READ, GENERIC_WRITE, HANDLE, INVALID_HANDLE_VALUE, LocalFree,
    TRUE, WAIT_OBJECT_0,
};
use windows_sys::Win32::Security::Authorization::{
    ConvertSecurityDescriptorToStringSecurityDescriptorW, ConvertSidToStringSidW,
    ConvertStringSecurityDescriptorToSecurityDescriptorW, GetNamedSecurityInfoW, SDDL_REVISION_1,
    SE_FILE_OBJECT,
};
use windows_sys::Win32::Security::{
    DACL_SECURITY_INFORMATION, GetTokenInformation, PSECURITY_DESCRIPTOR, SECURITY_ATTRIBUTES,
    TOKEN_QUERY, TOKEN_USER, TokenUser,
};
use windows_sys::Win32::Storage::FileSystem::{
    BY_HANDLE_FILE_INFORMATION, CREATE_NEW, CreateFileW, DELETE, FILE_ATTRIBUTE_NORMAL,
    FILE_FLAG_BACKUP_SEMANTICS, FILE_FLAG_OPEN_REPARSE_POINT, FILE_SHARE_DELETE, FILE_SHARE_READ,
    FILE_SHARE_WRITE, FILE_TYPE_DISK, FILE_TYPE_PIPE, GetFileInformationByHandle, GetFileType,
    LOCKFILE_EXCLUSIVE_LOCK, LOCKFILE_FAIL_IMMEDIATELY, LockFileEx, OPEN_ALWAYS, UnlockFileEx,
};
use windows_sys::Win32::System::Console::{
    CONSOLE_MODE, CTRL_BREAK_EVENT, CTRL_C_EVENT, ENABLE_ECHO_INPUT, ENABLE_LINE_INPUT,
    ENABLE_PROCESSED_INPUT, FlushConsoleInputBuffer, GetConsoleMode, GetStdHandle, INPUT_RECORD,
    KEY_EVENT, KEY_EVENT_RECORD, KEY_EVENT_RECORD_0, PeekConsoleInputW, ReadConsoleInputW,
    STD_INPUT_HANDLE, SetConsoleCtrlHandler, SetConsoleMode, WriteConsoleInputW,
};
use windows_sys::Win32::System::IO::OVERLAPPED;
use windows_sys::Win32::System::Threading::{
    GetCurrentProcess, INFINITE, OpenProcessToken, WaitForSingleObject,
};
use windows_sys::Win32::UI::Input::KeyboardAndMouse::{VK_ESCAPE, VK_F1};
use windows_sys::core::BOOL;

use super::{Access, LockOpen, NotAFile};

/// The flag the console's control handler sets.
static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();

/// How many [`RawInput`]s are alive: a prompt holds the console's input while any is.
static PROMPTING: AtomicUsize = AtomicUsize::new(0);

/// Wakes a prompt waiting for a key, by putting an Esc in the console's input: the
/// prompt finds the flag set and leaves, as a signal makes it leave on Unix. (With the
/// input raw, Windows gives Ctrl-C to the prompt as a key; Wine, and a close event,
/// come here instead, while the prompt waits.)
fn wake_prompt() {
    if PROMPTING.load(Ordering::SeqCst) == 0 {
        return;
    }
    let Some((handle, _)) = console_input() else {
        return;
    };
    // SAFETY: INPUT_RECORD is plain data, valid when zeroed.
    let mut record: INPUT_RECORD = unsafe { std::mem::zeroed() };
    record.EventType = KEY_EVENT as u16;
    record.Event.KeyEvent = KEY_EVENT_RECORD {
        bKeyDown: TRUE,
        wRepeatCount: 1,
        wVirtualKeyCode: VK_ESCAPE,
        wVirtualScanCode: 1,
        uChar: KEY_EVENT_RECORD_0 { UnicodeChar: 0x1b },
        dwControlKeyState: 0,
    };
    let mut written = 0u32;
    // SAFETY: one record, and a place for the count written.
    unsafe { WriteConsoleInputW(handle, &record, 1, &mut written) };
}

/// Runs on a thread of its own when the console sends an event. Ctrl-C and Ctrl-Break
/// set the flag and are handled. For the console's close, log-off and shut-down events
/// Windows ends the process as soon as the handler returns, so it waits instead (at most
/// five seconds, as long as Windows allows a closing console) while the main thread
/// leaves tidily; the process ends when it does.
unsafe extern "system" fn on_console_event(event: u32) -> BOOL {
    if let Some(flag) = FLAG.get() {
        flag.store(true, Ordering::SeqCst);
    }
    wake_prompt();
    if event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT {
        std::thread::sleep(std::time::Duration::from_secs(5));
    }
    TRUE
}

pub fn catch_signals(flag: &Arc<AtomicBool>) -> io::Result<()> {
    let _ = FLAG.set(Arc::clone(flag));
    // SAFETY: the handler is a plain function that lives as long as the process.
    if unsafe { SetConsoleCtrlHandler(Some(on_console_event), TRUE) } == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Standard input, when it is a console (not a pipe or a file), with its mode.
fn console_input() -> Option<(HANDLE, CONSOLE_MODE)> {
    // SAFETY: GetStdHandle has no preconditions.
    let handle = unsafe { GetStdHandle(STD_INPUT_HANDLE) };
    if handle.is_null() || handle == INVALID_HANDLE_VALUE {
        return None;
    }
    let mut mode: CONSOLE_MODE = 0;
    // SAFETY: `mode` is a valid place for the mode; a handle that is not a console's
    // makes the call fail, and nothing else.
    (unsafe { GetConsoleMode(handle, &mut mode) } != 0).then_some((handle, mode))
}

/// The console's input without line editing, echo or Ctrl-C processing (so Ctrl-C is
/// a key), restored on drop. Output is untouched: Windows keeps its mode apart.
pub struct RawInput {
    original: Option<(HANDLE, CONSOLE_MODE)>,
}

impl RawInput {
    pub fn enter() -> RawInput {
        let Some((handle, mode)) = console_input() else {
            return RawInput { original: None };
        };
        let raw = mode & !(ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT | ENABLE_PROCESSED_INPUT);
        // SAFETY: a console input handle and a mode made from its own.
        if unsafe { SetConsoleMode(handle, raw) } == 0 {
            return RawInput { original: None };
        }
        PROMPTING.fetch_add(1, Ordering::SeqCst);
        RawInput {
            original: Some((handle, mode)),
        }
    }
}

impl Drop for RawInput {
    fn drop(&mut self) {
        if let Some((handle, mode)) = self.original {
            PROMPTING.fetch_sub(1, Ordering::SeqCst);
            // SAFETY: the mode read from this handle in `enter`.
            unsafe { SetConsoleMode(handle, mode) };
        }
    }
}

/// Nothing: with virtual-terminal input off (as [`RawInput`] leaves it), the console
/// delivers a paste as key presses, with no markers to ask for (see the platform
/// module's `BracketedPaste`).
pub struct BracketedPaste;

impl BracketedPaste {
    pub fn enter() -> BracketedPaste {
        BracketedPaste
    }
}

pub fn discard_typeahead() {
    if let Some((handle, _)) = console_input() {
        // SAFETY: a console input handle; failure leaves the keys, harmlessly.
        unsafe { FlushConsoleInputBuffer(handle) };
    }
}

/// A key pressed and not yet read. Releases of keys already read (the Enter just
/// taken leaves its key-up behind) and mouse or focus events do not count.
pub fn input_pending() -> bool {
    let Some((handle, _)) = console_input() else {
        return false;
    };
    // SAFETY: INPUT_RECORD is plain data, valid when zeroed.
    let mut records: [INPUT_RECORD; 64] = unsafe { std::mem::zeroed() };
    let mut read = 0u32;
    // SAFETY: room for 64 records, and `read` says how many were filled.
    if unsafe { PeekConsoleInputW(handle, records.as_mut_ptr(), 64, &mut read) } == 0 {
        return false;
    }
    records[..read as usize].iter().any(|r| {
        // SAFETY: the union's key member is the one filled for a KEY_EVENT.
        r.EventType == KEY_EVENT as u16 && unsafe { r.Event.KeyEvent.bKeyDown } != 0
    })
}

/// Waits until the console's input holds an event, then looks at the oldest: F1
/// pressed is taken and reported; another key pressed is left for console to read;
/// anything else (a key released, the mouse, focus), which console would skip, is
/// taken and the wait goes on. The Esc a signal puts in the input ends the wait.
pub fn take_help_key() -> bool {
    let Some((handle, _)) = console_input() else {
        return false;
    };
    loop {
        // SAFETY: a console input handle, which is signalled while input is waiting.
        if unsafe { WaitForSingleObject(handle, INFINITE) } != WAIT_OBJECT_0 {
            return false;
        }
        // SAFETY: INPUT_RECORD is plain data, valid when zeroed.
        let mut record: INPUT_RECORD = unsafe { std::mem::zeroed() };
        let mut read = 0u32;
        // SAFETY: room for one record, and `read` says whether it was filled.
        if unsafe { PeekConsoleInputW(handle, &mut record, 1, &mut read) } == 0 || read == 0 {
            return false;
        }
        // SAFETY: the union's key member is the one filled for a KEY_EVENT.
        let pressed =
            record.EventType == KEY_EVENT as u16 && unsafe { record.Event.KeyEvent.bKeyDown } != 0;
        // SAFETY: as above.
        if pressed && unsafe { record.Event.KeyEvent.wVirtualKeyCode } != VK_F1 {
            return false;
        }
        // SAFETY: room for the one record just looked at.
        if unsafe { ReadConsoleInputW(handle, &mut record, 1, &mut read) } == 0 {
            return false;
        }
        if pressed {
            return true;
        }
    }
}

/// The current user's security identifier, as text (`S-1-5-21-…`).
pub fn current_user() -> io::Result<String> {
    static USER: OnceLock<String> = OnceLock::new();
    if let Some(user) = USER.get() {
        return Ok(user.clone());
    }
    let mut token: HANDLE = null_mut();
    // SAFETY: the pseudo-handle of this process, and a place for the token.
    if unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) } == 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: OpenProcessToken gave a handle this function alone owns.
    let token = unsafe { OwnedHandle::from_raw_handle(token) };
    let mut size = 0u32;
    // SAFETY: asks only for the size needed (this call fails, saying it).
    unsafe { GetTokenInformation(token.as_raw_handle(), TokenUser, null_mut(), 0, &mut size) };
    // u64s, so that the TOKEN_USER read from it is aligned.
    let mut buffer = vec![0u64; (size as usize).div_ceil(8)];
    // SAFETY: a buffer of at least `size` bytes.
    if unsafe {
        GetTokenInformation(
            token.as_raw_handle(),
            TokenUser,
            buffer.as_mut_ptr().cast(),
            size,
            &mut size,
        )
    } == 0
    {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: GetTokenInformation filled the buffer with a TOKEN_USER.
    let sid = unsafe { (*buffer.as_ptr().cast::<TOKEN_USER>()).User.Sid };
    let mut text = null_mut();
    // SAFETY: a valid SID from the token, and a place for the string Windows allocates.
    if unsafe { ConvertSidToStringSidW(sid, &mut text) } == 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: a string Windows allocated, ended by a NUL, freed here once read.
    let user = unsafe { take_wide(text) };
    Ok(USER.get_or_init(|| user).clone())
}

/// Reads a NUL-ended wide string Windows allocated with LocalAlloc, and frees it.
///
/// # Safety
/// `text` must be such a string.
unsafe fn take_wide(text: *mut u16) -> String {
    // SAFETY: the caller's promise: a NUL-ended string.
    let length = (0..).take_while(|&i| unsafe { *text.add(i) } != 0).count();
    // SAFETY: `length` units before the NUL.
    let units = unsafe { std::slice::from_raw_parts(text, length) };
    let string = OsString::from_wide(units).to_string_lossy().into_owned();
    // SAFETY: allocated by Windows with LocalAlloc, not used after this.
    unsafe { LocalFree(text.cast()) };
    string
}

pub fn create_private_folder(path: &Path) -> io::Result<()> {
    std::fs::create_dir_all(path)
}

pub fn readable_by_others(path: &Path) -> io::Result<Option<String>> {
    let list = describe_access(path)?;
    let others = super::others_allowed(&list, &current_user()?);
    Ok((!others.is_empty()).then(|| format!("its access list also allows {}", others.join(", "))))
}

pub fn private_access() -> io::Result<String> {
    super::private_list(&current_user()?)
}

/// The access list of the file at `path`, in Windows' descriptor language.
pub fn describe_access(path: &Path) -> io::Result<String> {
    let wide = wide(path.as_os_str());
    let mut descriptor: PSECURITY_DESCRIPTOR = null_mut();
    // SAFETY: a NUL-ended path; only the descriptor is asked for, allocated by Windows.
    let status = unsafe {
        GetNamedSecurityInfoW(
            wide.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION,
            null_mut(),
            null_mut(),
            null_mut(),
            null_mut(),
            &mut descriptor,
        )
    };
    if status != 0 {
        return Err(io::Error::from_raw_os_error(status as i32));
    }
    let mut text = null_mut();
    // SAFETY: the descriptor just read, and a place for the string Windows allocates.
    let ok = unsafe {
        ConvertSecurityDescriptorToStringSecurityDescriptorW(
            descriptor,
            SDDL_REVISION_1,
            DACL_SECURITY_INFORMATION,
            &mut text,
            null_mut(),
        )
    };
    let error = io::Error::last_os_error();
    // SAFETY: allocated by GetNamedSecurityInfoW, not used after this.
    unsafe { LocalFree(descriptor) };
    if ok == 0 {
        return Err(error);
    }
    // SAFETY: a string Windows allocated.
    Ok(unsafe { take_wide(text) })
}

fn wide(text: &OsStr) -> Vec<u16> {
    text.encode_wide().chain(std::iter::once(0)).collect()
}

/// Creates or opens `path` with CreateFileW, as `disposition` says, a new file getting
/// the private access list from the moment it exists.
fn create(path: &Path, access: Access, disposition: u32, flags: u32) -> io::Result<File> {
    let descriptor = match access {
        Access::Public => None,
        Access::Private => Some(super::private_descriptor(&current_user()?)?),
    };
    let mut security: PSECURITY_DESCRIPTOR = null_mut();
    if let Some(text) = &descriptor {
        let text = wide(OsStr::new(text));
        // SAFETY: a NUL-ended descriptor string, and a place for the descriptor
        // Windows allocates (freed below).
        if unsafe {
            ConvertStringSecurityDescriptorToSecurityDescriptorW(
                text.as_ptr(),
                SDDL_REVISION_1,
                &mut security,
                null_mut(),
            )
        } == 0
        {
            return Err(io::Error::last_os_error());
        }
    }
    let attributes = SECURITY_ATTRIBUTES {
        nLength: size_of::<SECURITY_ATTRIBUTES>() as u32,
        lpSecurityDescriptor: security,
        bInheritHandle: 0,
    };
    let name = wide(path.as_os_str());
    // SAFETY: a NUL-ended path and attributes that outlive the call.
    let handle = unsafe {
        CreateFileW(
            name.as_ptr(),
            GENERIC_READ | GENERIC_WRITE | DELETE,
            FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
            if security.is_null() {
                std::ptr::null()
            } else {
                &attributes
            },
            disposition,
            FILE_ATTRIBUTE_NORMAL | flags,
            null_mut(),
        )
    };
    let error = io::Error::last_os_error();
    if !security.is_null() {
        // SAFETY: allocated above by Windows, not used after this.
        unsafe { LocalFree(security) };
    }
    if handle == INVALID_HANDLE_VALUE {
        return Err(error);
    }
    // SAFETY: CreateFileW gave a handle that the File now owns.
    Ok(unsafe { File::from_raw_handle(handle) })
}

pub fn new_temp(folder: &Path, access: Access) -> io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(".fairness-")
        .suffix(".tmp")
        .make_in(folder, |path| create(path, access, CREATE_NEW, 0))
}

pub fn check_new_name(path: &Path) -> io::Result<()> {
    let Some(name) = path.file_name().map(OsStr::to_string_lossy) else {
        return Ok(());
    };
    if crate::value::is_device_name(&name) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is the name of a Windows device, not a file; choose another name",
        ));
    }
    if let Some(c) = name.chars().find(|c| r#"<>:"|?*"#.contains(*c)) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("a Windows file name cannot contain `{c}`; choose another name"),
        ));
    }
    Ok(())
}

/// The errors a rename gives while another program has the file open for a moment.
const BUSY: [i32; 3] = [
    ERROR_ACCESS_DENIED as i32,
    ERROR_SHARING_VIOLATION as i32,
    ERROR_LOCK_VIOLATION as i32,
];

pub fn persist(temp: tempfile::NamedTempFile, path: &Path, overwrite: bool) -> io::Result<()> {
    let mut temp = temp;
    let mut wait = std::time::Duration::from_millis(10);
    for attempt in 0.. {
        match super::persist_once(temp, path, overwrite) {
            Ok(()) => return Ok(()),
            // 10 + 20 + … + 640 ms: about 1.3 seconds in all.
            Err(e) if attempt < 7 && e.error.raw_os_error().is_some_and(|c| BUSY.contains(&c)) => {
                temp = e.file;
                std::thread::sleep(wait);
                wait *= 2;
            }
            Err(e) => return Err(e.error),
        }
    }
    unreachable!("the loop returns")
}

/// The lock's one byte, at 2⁴⁰: far past anything a lock file holds, so that the bytes
/// it does hold (the holder's process number) stay readable to everyone.
fn lock_place() -> OVERLAPPED {
    // SAFETY: plain data, valid when zeroed.
    let mut place: OVERLAPPED = unsafe { std::mem::zeroed() };
    place.Anonymous.Anonymous.OffsetHigh = 1 << 8;
    place
}

pub fn try_lock(file: &File) -> io::Result<bool> {
    let mut place = lock_place();
    // SAFETY: an open handle, and an OVERLAPPED that says where; the call does not
    // wait (FAIL_IMMEDIATELY), so the OVERLAPPED need not outlive it.
    let locked = unsafe {
        LockFileEx(
            file.as_raw_handle(),
            LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY,
            0,
            1,
            0,
            &mut place,
        )
    };
    if locked != 0 {
        return Ok(true);
    }
    let error = io::Error::last_os_error();
    match error.raw_os_error() {
        Some(code) if code == ERROR_LOCK_VIOLATION as i32 => Ok(false),
        _ => Err(error),
    }
}

pub fn unlock(file: &File) {
    let mut place = lock_place();
    // SAFETY: the byte `try_lock` locked, on the same handle.
    unsafe { UnlockFileEx(file.as_raw_handle(), 0, 1, 0, &mut place) };
}

pub fn is_closed_pipe(error: &io::Error) -> bool {
    matches!(
        error.raw_os_error(),
        Some(code) if code == ERROR_NO_DATA as i32 || code == ERROR_PIPE_NOT_CONNECTED as i32
    )
}

/// Windows has no call that flushes a folder's entries: the rename is already as
/// durable as its file system makes it.
pub fn sync_folder(_folder: &Path) {}

fn kind_of(file: &File) -> u32 {
    // SAFETY: an open handle.
    unsafe { GetFileType(file.as_raw_handle()) }
}

pub fn open_regular(path: &Path) -> io::Result<File> {
    // Refused by name first: opening the console without one fails with a puzzling
    // "invalid handle", and with one could wait for input.
    if path
        .file_name()
        .and_then(OsStr::to_str)
        .is_some_and(crate::value::is_device_name)
    {
        return Err(NotAFile::Device.error());
    }
    // A named pipe is refused before it is opened: opening one connects to the
    // program serving it.
    let text = path
        .as_os_str()
        .to_string_lossy()
        .replace('/', "\\")
        .to_ascii_lowercase();
    if text.starts_with(r"\\.\pipe\") || text.starts_with(r"\\?\pipe\") {
        return Err(NotAFile::Pipe.error());
    }
    let file = match File::open(path) {
        Ok(file) => file,
        Err(_) if path.is_dir() => {
            return Err(NotAFile::Folder.error());
        }
        Err(e) => return Err(e),
    };
    match kind_of(&file) {
        FILE_TYPE_DISK => match file.metadata()? {
            meta if meta.is_file() => Ok(file),
            meta if meta.is_dir() => Err(NotAFile::Folder.error()),
            // A whole volume (`\\.\C:`), say.
            _ => Err(NotAFile::Device.error()),
        },
        FILE_TYPE_PIPE => Err(NotAFile::Pipe.error()),
        // A console, a serial port, NUL: a device, which could wait for input or
        // never end.
        _ => Err(NotAFile::Device.error()),
    }
}

fn information(file: &File) -> io::Result<BY_HANDLE_FILE_INFORMATION> {
    // SAFETY: plain data, valid when zeroed.
    let mut info: BY_HANDLE_FILE_INFORMATION = unsafe { std::mem::zeroed() };
    // SAFETY: an open handle and a place for its information.
    if unsafe { GetFileInformationByHandle(file.as_raw_handle(), &mut info) } == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(info)
}

/// The file at `path` itself (a link, not what it points to), opened only to ask
/// about it.
fn open_to_ask(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .access_mode(0)
        .custom_flags(FILE_FLAG_OPEN_REPARSE_POINT | FILE_FLAG_BACKUP_SEMANTICS)
        .open(path)
}

pub fn link_count(path: &Path) -> io::Result<u64> {
    Ok(u64::from(information(&open_to_ask(path)?)?.nNumberOfLinks))
}

pub fn open_lock(path: &Path) -> Result<File, LockOpen> {
    let file = create(
        path,
        Access::Private,
        OPEN_ALWAYS,
        FILE_FLAG_OPEN_REPARSE_POINT,
    )
    .map_err(LockOpen::Io)?;
    let meta = file.metadata().map_err(LockOpen::Io)?;
    if meta.file_type().is_symlink() {
        return Err(LockOpen::Link);
    }
    if !meta.is_file() || kind_of(&file) != FILE_TYPE_DISK {
        return Err(LockOpen::NotAFile);
    }
    Ok(file)
}

pub fn same_file(held: &File, path: &Path) -> bool {
    let named = match open_to_ask(path) {
        Ok(file) => file,
        Err(_) => return false,
    };
    match (information(held), information(&named)) {
        (Ok(a), Ok(b)) => {
            a.dwVolumeSerialNumber == b.dwVolumeSerialNumber
                && a.nFileIndexHigh == b.nFileIndexHigh
                && a.nFileIndexLow == b.nFileIndexLow
        }
        _ => false,
    }
}

pub fn native_name(name: &OsStr) -> super::NativeName {
    super::NativeName::Wide(name.encode_wide().collect())
}
