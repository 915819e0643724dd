//! Shell quoting of the commands fairness suggests (`Continue with: fairness run
//! --resume …`), so that a person can paste them as they are printed: for a POSIX
//! shell (bash, zsh, ksh) on Linux and macOS, for PowerShell on Windows. Which one a
//! system uses is the platform layer's choice; both are plain functions here, tested
//! on every system.

use std::path::{Path, PathBuf};

/// The command that continues the draft at `path`.
pub fn resume_command(path: &Path, framework: Option<&Path>) -> String {
    let mut command = format!("fairness run --resume {}", word(path.as_os_str()));
    if let Some(f) = framework {
        command.push_str(&format!(" --framework {}", word(f.as_os_str())));
    }
    command
}

/// The command that makes the folder `path`, with any folders it is in: `mkdir -p`
/// in a POSIX shell; PowerShell's `mkdir` makes them without being asked.
pub fn mkdir_command(path: &Path) -> String {
    let word = word(path.as_os_str());
    if cfg!(windows) {
        format!("mkdir {word}")
    } else {
        format!("mkdir -p {word}")
    }
}

/// What is said of a signed record that cannot be changed, named at `path`: how to
/// correct it (its next version, `fairness amend`), and how to begin a follow-up record
/// for a further decision in the case.
pub fn never_changed(path: &Path) -> String {
    format!(
        "A signed record is never changed: it cannot be resumed or overwritten.\n\
         To correct it, begin its next version, which keeps it as it is and names it:\n    {}\n\
         For a further decision in the case, begin a follow-up record:\n    {}",
        amend_command(path),
        follow_up_command(path)
    )
}

/// The command that begins the amendment of the signed record at `path`.
pub fn amend_command(path: &Path) -> String {
    format!("fairness amend {} --reason TEXT", word(path.as_os_str()))
}

/// The command that begins a follow-up record to the signed record at `path`, for the
/// same case: `fairness run --out` with a name beside it that is not taken.
pub fn follow_up_command(path: &Path) -> String {
    format!(
        "fairness run --out {}",
        word(follow_up_name(path).as_os_str())
    )
}

/// A file stem without the version an amendment's name ends in (`X-v2` is `X`;
/// anything else is as it is).
pub fn without_version(stem: &str) -> &str {
    match stem.rsplit_once("-v") {
        Some((base, k))
            if !base.is_empty() && !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()) =>
        {
            base
        }
        _ => stem,
    }
}

/// A name for a follow-up record to the record at `path`, beside it: its name (without
/// an amendment's version: a follow-up is a further decision, not a version) with `-2`
/// added, or the first of `-3`, `-4`, … that is not taken (the last tried, if all are).
pub fn follow_up_name(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "record".to_owned());
    let stem = without_version(&stem);
    let named = |n: u32| path.with_file_name(format!("{stem}-{n}.yaml"));
    (2..100)
        .map(named)
        .find(|p| !p.exists())
        .unwrap_or_else(|| named(100))
}

/// `word` quoted for the shell the person types commands into: PowerShell on Windows,
/// a POSIX shell elsewhere.
pub fn word(word: &std::ffi::OsStr) -> String {
    match crate::platform::native_name(word) {
        crate::platform::NativeName::Bytes(bytes) => posix_word(&bytes),
        crate::platform::NativeName::Wide(units) => powershell_word(&units),
    }
}

/// A file name's bytes as a POSIX shell would need them typed: as they are when nothing
/// in them is special to a shell, else in single quotes; and, when they hold a
/// character that could act on a terminal or are not UTF-8, in `$'…'` quotes (bash, zsh
/// and ksh) with every byte outside printable ASCII written as `\xHH`. The command then
/// names the real file, in any locale, without printing that character.
///
/// A name that begins with `-` is written `./-…`, so that the command does not take
/// it for an option.
pub fn posix_word(bytes: &[u8]) -> String {
    if bytes.first() == Some(&b'-') {
        return posix_word(&[b"./", bytes].concat());
    }
    let plain = !bytes.is_empty()
        && bytes.iter().all(|&b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/' | b'+' | b':' | b'@')
        });
    if plain {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes)
        && !text.chars().any(needs_escape)
    {
        return format!("'{}'", text.replace('\'', r"'\''"));
    }
    let mut quoted = String::from("$'");
    for &b in bytes {
        match b {
            b'\'' => quoted.push_str(r"\'"),
            b'\\' => quoted.push_str(r"\\"),
            b'\n' => quoted.push_str(r"\n"),
            b'\t' => quoted.push_str(r"\t"),
            0x20..=0x7e => quoted.push(char::from(b)),
            _ => quoted.push_str(&format!("\\x{b:02x}")),
        }
    }
    quoted.push('\'');
    quoted
}

/// A character that must not be printed as it is.
fn needs_escape(c: char) -> bool {
    crate::terminal::is_unsafe(c) || c.is_control()
}

/// PowerShell reads these as single quotes too, so inside a single-quoted string each
/// is doubled like `'`.
const PS_SINGLE: [char; 5] = ['\'', '\u{2018}', '\u{2019}', '\u{201a}', '\u{201b}'];
/// And these as double quotes.
const PS_DOUBLE: [char; 4] = ['"', '\u{201c}', '\u{201d}', '\u{201e}'];

/// A file name's UTF-16 units as PowerShell (Windows PowerShell 5.1 and PowerShell 7)
/// would need them typed: as they are when nothing in them is special, else in single
/// quotes (each kind of single quote doubled); and, when they hold a character that
/// could act on a terminal or a unit that is not text (a lone surrogate), in double
/// quotes with each such unit written `$([char]0xHHHH)`, and `` ` ``, `$` and the
/// double quotes escaped with a backtick.
///
/// A name that begins with `-` is written `.\-…`, so that the command does not take it
/// for an option.
pub fn powershell_word(units: &[u16]) -> String {
    if units.first() == Some(&u16::from(b'-')) {
        let mut here: Vec<u16> = ".\\".encode_utf16().collect();
        here.extend_from_slice(units);
        return powershell_word(&here);
    }
    let plain = !units.is_empty()
        && units.iter().all(|&u| {
            u8::try_from(u).is_ok_and(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/' | b'\\' | b':')
            })
        });
    if plain {
        return String::from_utf16_lossy(units);
    }
    if let Ok(text) = String::from_utf16(units)
        && !text.chars().any(needs_escape)
    {
        let mut quoted = String::from("'");
        for c in text.chars() {
            if PS_SINGLE.contains(&c) {
                quoted.push(c);
            }
            quoted.push(c);
        }
        quoted.push('\'');
        return quoted;
    }
    let mut quoted = String::from("\"");
    for unit in char::decode_utf16(units.iter().copied()) {
        match unit {
            Ok(c) if needs_escape(c) => {
                let mut buffer = [0u16; 2];
                for u in c.encode_utf16(&mut buffer) {
                    quoted.push_str(&format!("$([char]0x{u:04x})"));
                }
            }
            Ok(c) if PS_DOUBLE.contains(&c) || c == '`' || c == '$' => {
                quoted.push('`');
                quoted.push(c);
            }
            Ok(c) => quoted.push(c),
            Err(lone) => quoted.push_str(&format!("$([char]0x{:04x})", lone.unpaired_surrogate())),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_follow_up_is_named_after_the_case_not_its_version() {
        assert_eq!(without_version("CASE-1-v2"), "CASE-1");
        assert_eq!(without_version("CASE-1-v12"), "CASE-1");
        for kept in ["CASE-1", "CASE-v", "-v2", "CASE-1-vx", "CASE-1-2"] {
            assert_eq!(without_version(kept), kept);
        }
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            follow_up_name(&dir.path().join("CASE-1-v2.yaml")),
            dir.path().join("CASE-1-2.yaml")
        );
    }

    /// What bash, in `locale`, makes of `word` typed as a command's argument.
    #[cfg(unix)]
    fn through_bash(word: &str, locale: &str) -> Vec<u8> {
        let output = std::process::Command::new("bash")
            .args(["-c", &format!("printf %s {word}")])
            .env("LC_ALL", locale)
            .output()
            .expect("bash runs");
        output.stdout
    }

    #[test]
    #[cfg(unix)] // bash is there to read the words back
    fn a_posix_word_names_the_same_file_and_prints_nothing_unsafe() {
        let names: Vec<&[u8]> = vec![
            b"CASE-2026-101.yaml",
            b"records/with space.yaml",
            b"it's.yaml",
            "d\u{1b}]8;;https://example.invalid\u{7}LINK\u{1b}]8;;\u{7}\u{1b}[2J.yaml".as_bytes(),
            "c1\u{9b}2J and \u{202e}bidi\u{2066}, caf\u{e9}.yaml".as_bytes(),
            b"two\nlines\tand a 'quote' and a \\.yaml",
            b"\x1ba\x1b1.yaml",
            b"not UTF-8 \xff\xfe.yaml",
        ];
        for name in names {
            let word = posix_word(name);
            assert!(
                !word.chars().any(|c| needs_escape(c) || c == '\u{fffd}'),
                "{word:?}"
            );
            // The C locale too: there `$'\u…'` escapes would not be read.
            for locale in ["C", "C.UTF-8"] {
                assert_eq!(through_bash(&word, locale), name, "{word} in {locale}");
            }
        }
        assert_eq!(posix_word(b"plain/name.yaml"), "plain/name.yaml");
        assert_eq!(posix_word(b"it's here"), r"'it'\''s here'");
        assert_eq!(posix_word("caf\u{e9}.yaml".as_bytes()), "'caf\u{e9}.yaml'");
        assert_eq!(posix_word(b"-x.yaml"), "./-x.yaml");
        assert_eq!(posix_word(b"-it's.yaml"), r"'./-it'\''s.yaml'");
    }

    /// What PowerShell makes of one argument written as `word`, following its rules for
    /// the three forms `powershell_word` writes: bare, single-quoted (a doubled single
    /// quote of any kind is one) and double-quoted (a backtick escapes the next
    /// character; `$([char]0xHHHH)` is that unit). Anything else is refused, so a form
    /// the quoting should not write fails the test.
    fn through_powershell(word: &str) -> Vec<u16> {
        let chars: Vec<char> = word.chars().collect();
        let mut out = Vec::new();
        let push = |out: &mut Vec<u16>, c: char| {
            let mut b = [0u16; 2];
            out.extend_from_slice(c.encode_utf16(&mut b));
        };
        match chars.first() {
            Some(q) if PS_SINGLE.contains(q) => {
                let mut i = 1;
                loop {
                    let c = chars[i];
                    if PS_SINGLE.contains(&c) {
                        if i + 1 == chars.len() {
                            break;
                        }
                        assert!(PS_SINGLE.contains(&chars[i + 1]), "lone quote in {word}");
                        i += 1;
                    }
                    push(&mut out, chars[i]);
                    i += 1;
                }
            }
            Some('"') => {
                let mut i = 1;
                while i < chars.len() - 1 {
                    let c = chars[i];
                    if c == '`' {
                        push(&mut out, chars[i + 1]);
                        i += 2;
                    } else if c == '$' {
                        let rest: String = chars[i..].iter().collect();
                        assert!(rest.starts_with("$([char]0x"), "bare $ in {word}");
                        let hex = &rest[10..14];
                        assert_eq!(&rest[14..15], ")", "{word}");
                        out.push(u16::from_str_radix(hex, 16).unwrap());
                        i += 15;
                    } else {
                        assert!(!PS_DOUBLE.contains(&c), "bare quote in {word}");
                        push(&mut out, c);
                        i += 1;
                    }
                }
                assert_eq!(chars.last(), Some(&'"'));
            }
            _ => {
                for &c in &chars {
                    assert!(
                        c.is_ascii_alphanumeric() || "-_./\\:".contains(c),
                        "{c:?} bare in {word}"
                    );
                    push(&mut out, c);
                }
            }
        }
        out
    }

    #[test]
    fn a_powershell_word_names_the_same_file_and_prints_nothing_unsafe() {
        let names: Vec<Vec<u16>> = [
            "CASE-2026-101.yaml",
            r"C:\Users\case.manager\Documents\CASE-2026-101.yaml",
            r"records\with space.yaml",
            "it's.yaml",
            "curly \u{2019}quotes\u{2018} and \u{201c}double\u{201d}.yaml",
            "dollar $HOME and `backtick` (paren) & amp; semi @at.yaml",
            "c1\u{9b}2J and \u{202e}bidi\u{2066}, caf\u{e9}.yaml",
            "-starts-with-a-dash.yaml",
            "\u{1b}[2J $x \u{201d}.yaml",
        ]
        .iter()
        .map(|n| n.encode_utf16().collect())
        .chain([vec![0x61, 0xd800, 0x62]])
        .collect();
        for name in names {
            let word = powershell_word(&name);
            assert!(
                !word.chars().any(|c| needs_escape(c) || c == '\u{fffd}'),
                "{word:?}"
            );
            // A leading `-` gains `.\`, naming the same file.
            let mut meant = name.clone();
            if name.first() == Some(&u16::from(b'-')) {
                meant.splice(0..0, utf16(".\\"));
            }
            assert_eq!(through_powershell(&word), meant, "{word}");
        }
        assert_eq!(
            powershell_word(&utf16(r"C:\x\CASE-1.yaml")),
            r"C:\x\CASE-1.yaml"
        );
        assert_eq!(powershell_word(&utf16("it's here")), "'it''s here'");
        assert_eq!(powershell_word(&utf16("-x.yaml")), r".\-x.yaml");
        assert_eq!(
            powershell_word(&utf16("a\u{202e}b$c")),
            "\"a$([char]0x202e)b`$c\""
        );
    }

    fn utf16(text: &str) -> Vec<u16> {
        text.encode_utf16().collect()
    }
}
