//! Shell quoting of the commands fairness suggests (`Continue with: fairness run
//! --resume …`), so that a person can paste them as they are printed.

use std::path::Path;

/// The command that continues the draft at `path`.
pub fn resume_command(path: &Path, framework: Option<&Path>) -> String {
    let mut command = format!("fairness run --resume {}", shell_word(path.as_os_str()));
    if let Some(f) = framework {
        command.push_str(&format!(" --framework {}", shell_word(f.as_os_str())));
    }
    command
}

/// `word` as a shell would need it typed: as it is when nothing in it is special to a
/// shell, else in single quotes; and, when it holds a character that could act on a
/// terminal or is not UTF-8, in `$'…'` quotes (bash, zsh and ksh) with every byte
/// outside printable ASCII written as `\xHH`. The command then names the real file,
/// in any locale, without printing that character.
pub fn shell_word(word: &std::ffi::OsStr) -> String {
    use std::os::unix::ffi::OsStrExt;
    let bytes = word.as_bytes();
    let plain = !bytes.is_empty()
        && bytes.iter().all(|&b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/' | b'+' | b':' | b'@')
        });
    if plain {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    if let Some(text) = word.to_str()
        && !text
            .chars()
            .any(|c| crate::terminal::is_unsafe(c) || matches!(c, '\n' | '\t'))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What bash, in `locale`, makes of `word` typed as a command's argument.
    fn through_bash(word: &str, locale: &str) -> Vec<u8> {
        let output = std::process::Command::new("bash")
            .args(["-c", &format!("printf %s {word}")])
            .env("LC_ALL", locale)
            .output()
            .expect("bash runs");
        output.stdout
    }

    #[test]
    fn a_shell_word_names_the_same_file_and_prints_nothing_unsafe() {
        use std::os::unix::ffi::OsStrExt;
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
            let word = shell_word(std::ffi::OsStr::from_bytes(name));
            assert!(
                !word
                    .chars()
                    .any(|c| crate::terminal::is_unsafe(c) || c == '\n' || c == '\u{fffd}'),
                "{word:?}"
            );
            // The C locale too: there `$'\u…'` escapes would not be read.
            for locale in ["C", "C.UTF-8"] {
                assert_eq!(through_bash(&word, locale), name, "{word} in {locale}");
            }
        }
        assert_eq!(shell_word("plain/name.yaml".as_ref()), "plain/name.yaml");
        assert_eq!(shell_word("it's here".as_ref()), r"'it'\''s here'");
        assert_eq!(shell_word("caf\u{e9}.yaml".as_ref()), "'caf\u{e9}.yaml'");
    }
}
