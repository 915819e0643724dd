//! The organisation's list of who may sign with which key: OpenSSH's allowed-signers
//! file (`man ssh-keygen`, "ALLOWED SIGNERS"), the same file `ssh-keygen -Y verify -f`
//! and git read, and its revoked-keys file, a list of public keys.
//!
//! A line of the allowed-signers file is `PRINCIPALS [OPTIONS] KEYTYPE BASE64
//! [COMMENT]`. fairness takes the signer's name, as typed at sign-off, as the
//! principal: since names hold spaces, it is written in double quotes. PRINCIPALS is
//! a comma-separated list of patterns (`*` and `?` match as in OpenSSH, `!` negates);
//! the options fairness reads are `namespaces="…"`, `valid-after="…"` and
//! `valid-before="…"` (`YYYYMMDD[HHMM[SS]]`, UTC with a trailing `Z`, else local
//! time); `cert-authority` lines name certificate authorities, which fairness does
//! not use, and are left aside. Any other option is refused, as OpenSSH refuses it.

use jiff::Timestamp;

use crate::diagnostic::{Diagnostic, Location};

/// One line of an allowed-signers file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Its line number, from 1.
    pub line: u32,
    /// The principals' patterns, comma-separated, as written (unquoted).
    pub principals: String,
    pub namespaces: Option<String>,
    pub valid_after: Option<Timestamp>,
    pub valid_before: Option<Timestamp>,
    pub cert_authority: bool,
    /// `KEYTYPE BASE64`.
    pub key: String,
}

/// An allowed-signers file, read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Signers {
    pub entries: Vec<Entry>,
}

/// What the file says of a key signing as a name at a time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Listing {
    /// Listed for the name, for this namespace, at that time: on line `line`.
    Listed { line: u32 },
    /// Listed for the name, but not yet valid at that time (`valid-after`).
    NotYet { line: u32, after: Timestamp },
    /// Listed for the name, but no longer valid at that time (`valid-before`).
    Expired { line: u32, before: Timestamp },
    /// Listed for the name, but not for fairness records (`namespaces`).
    OtherNamespace { line: u32 },
    /// Not listed for the name; listed for these principals instead (perhaps none).
    Unlisted { listed_for: Vec<String> },
}

impl Signers {
    /// Reads the file's text: every line that cannot be read is a problem, with its
    /// place.
    pub fn parse(text: &str) -> Result<Signers, Vec<Diagnostic>> {
        let mut entries = Vec::new();
        let mut problems = Vec::new();
        for (n, raw) in text.lines().enumerate() {
            let line = n as u32 + 1;
            let trimmed = raw.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let indent = (raw.len() - trimmed.len()) as u32;
            match entry(trimmed, line) {
                Ok(e) => entries.push(e),
                Err((column, len, why)) => problems.push(Diagnostic::error(
                    why,
                    Some(Location::new(line, indent + column + 1, len.max(1))),
                )),
            }
        }
        if problems.is_empty() {
            Ok(Signers { entries })
        } else {
            Err(problems)
        }
    }

    /// What the file says of `key` (`KEYTYPE BASE64`) signing as `name` at `at`: the
    /// first line that lists the key for the name, valid then, wins, as in OpenSSH.
    pub fn lookup(&self, name: &str, key: &str, at: Timestamp) -> Listing {
        let mut found = None;
        let mut listed_for = Vec::new();
        for e in self
            .entries
            .iter()
            .filter(|e| !e.cert_authority && e.key == key)
        {
            if !matches_list(&e.principals, name) {
                listed_for.extend(e.principals.split(',').map(str::to_owned));
                continue;
            }
            let listing = if !e
                .namespaces
                .as_deref()
                .is_none_or(|n| matches_list(n, super::NAMESPACE))
            {
                Listing::OtherNamespace { line: e.line }
            } else if let Some(after) = e.valid_after.filter(|&t| at < t) {
                Listing::NotYet {
                    line: e.line,
                    after,
                }
            } else if let Some(before) = e.valid_before.filter(|&t| at >= t) {
                Listing::Expired {
                    line: e.line,
                    before,
                }
            } else {
                return Listing::Listed { line: e.line };
            };
            found.get_or_insert(listing);
        }
        found.unwrap_or(Listing::Unlisted { listed_for })
    }
}

/// A revoked-keys file: one public key a line (`KEYTYPE BASE64 [COMMENT]`), as
/// OpenSSH's `RevokedKeys` and `ssh-keygen -Y verify -r` read it in text. (A binary
/// KRL is refused: `ssh-keygen -Q -l -f` lists one's keys.)
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Revoked {
    /// Each key, with its line.
    pub keys: Vec<(String, u32)>,
}

impl Revoked {
    pub fn parse(text: &str) -> Result<Revoked, Vec<Diagnostic>> {
        if text.starts_with("SSHKRL") {
            return Err(vec![Diagnostic::error(
                "this is a binary key revocation list (KRL); fairness reads a revoked-keys file as a list of public keys, one a line",
                Some(Location::new(1, 1, 6)),
            )]);
        }
        let mut keys = Vec::new();
        let mut problems = Vec::new();
        for (n, raw) in text.lines().enumerate() {
            let trimmed = raw.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let column = (raw.len() - trimmed.len()) as u32 + 1;
            match key_at(trimmed) {
                Some((key, _)) => keys.push((key, n as u32 + 1)),
                None => problems.push(Diagnostic::error(
                    "expected a public key: its type and base64, as `ssh-ed25519 AAAA…`",
                    Some(Location::new(n as u32 + 1, column, first_word(trimmed))),
                )),
            }
        }
        if problems.is_empty() {
            Ok(Revoked { keys })
        } else {
            Err(problems)
        }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.line_of(key).is_some()
    }

    /// The line `key` is revoked on, if it is.
    pub fn line_of(&self, key: &str) -> Option<u32> {
        self.keys
            .iter()
            .find(|(k, _)| k == key)
            .map(|&(_, line)| line)
    }
}

/// The line of an allowed-signers file that lists `key` for `name`, with the
/// namespace, as `fairness key show` prints it.
pub fn line_for(name: &str, key: &str) -> String {
    format!(
        "\"{}\" namespaces=\"{}\" {key}",
        name.replace('"', ""),
        super::NAMESPACE
    )
}

/// Why a principal cannot be written for `name` in an allowed-signers file so that it
/// matches the name and nothing else: OpenSSH splits principals at commas, and reads
/// `*`, `?` and a leading `!` as patterns.
pub fn name_problem(name: &str) -> Option<String> {
    let mut bad: Vec<char> = name
        .chars()
        .filter(|c| matches!(c, ',' | '*' | '?' | '"'))
        .collect();
    bad.dedup();
    bad.sort_unstable();
    bad.dedup();
    if name.starts_with('!') {
        bad.insert(0, '!');
    }
    if !bad.is_empty() {
        let shown: Vec<String> = bad.iter().map(|c| format!("`{c}`")).collect();
        return Some(format!(
            "the name holds {}, which an allowed-signers file reads as a list, a pattern or a quote",
            shown.join(", ")
        ));
    }
    None
}

type Problem = (u32, u32, String);

fn entry(text: &str, line: u32) -> Result<Entry, Problem> {
    let (principals, mut rest, mut at) = token(text, 0)?;
    if principals.is_empty() {
        return Err((
            0,
            1,
            "expected the principals (the signer's name) first".to_owned(),
        ));
    }
    let mut e = Entry {
        line,
        principals,
        namespaces: None,
        valid_after: None,
        valid_before: None,
        cert_authority: false,
        key: String::new(),
    };
    rest_skip(&mut rest, &mut at, text);
    if key_at(rest).is_none() && is_key_type(rest.split_whitespace().next().unwrap_or("")) {
        let after = rest.split_whitespace().next().unwrap_or("").len() as u32;
        return Err((
            at + after + 1,
            rest.split_whitespace().nth(1).map_or(1, |w| w.len() as u32),
            "the key's base64 is missing or not valid: copy the whole line `fairness key show` printed".to_owned(),
        ));
    }
    if key_at(rest).is_none() {
        let (options, after, end) = token(rest, at)?;
        for option in split_options(&options) {
            read_option(&mut e, &option).map_err(|why| (at, options.len() as u32, why))?;
        }
        rest = after;
        at = end;
        rest_skip(&mut rest, &mut at, text);
    }
    match key_at(rest) {
        Some((key, _)) => {
            e.key = key;
            Ok(e)
        }
        None => Err((
            at,
            first_word(rest),
            "expected a public key after the principals and options: its type and base64, as `ssh-ed25519 AAAA…`".to_owned(),
        )),
    }
}

/// Moves `rest` past spaces, counting the columns in `at`.
fn rest_skip(rest: &mut &str, at: &mut u32, _whole: &str) {
    let trimmed = rest.trim_start();
    *at += (rest.len() - trimmed.len()) as u32;
    *rest = trimmed;
}

/// A token up to the first space outside double quotes, the quotes taken out of a
/// wholly quoted one: the token, what follows, and the column it ends at.
fn token(text: &str, at: u32) -> Result<(String, &str, u32), Problem> {
    let mut quoted = false;
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    if quoted {
        return Err((
            at,
            text.len() as u32,
            "a double quote is not closed".to_owned(),
        ));
    }
    let raw = &text[..end];
    let value = match raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(inner) if !inner.contains('"') => inner.to_owned(),
        _ => raw.to_owned(),
    };
    Ok((value, &text[end..], at + end as u32))
}

/// Options split at commas outside quotes.
fn split_options(options: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in options.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            ',' if !quoted => out.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    out.push(current);
    out
}

fn read_option(e: &mut Entry, option: &str) -> Result<(), String> {
    let (name, value) = match option.split_once('=') {
        Some((n, v)) => (n, Some(v.trim_matches('"'))),
        None => (option, None),
    };
    match (name.to_ascii_lowercase().as_str(), value) {
        ("cert-authority", None) => e.cert_authority = true,
        ("namespaces", Some(v)) => e.namespaces = Some(v.to_owned()),
        ("valid-after", Some(v)) => e.valid_after = Some(time(v)?),
        ("valid-before", Some(v)) => e.valid_before = Some(time(v)?),
        _ => {
            return Err(format!(
                "unknown option `{}`: an allowed-signers line takes cert-authority, namespaces=\"…\", valid-after=\"…\" and valid-before=\"…\"",
                crate::terminal::one_line(option)
            ));
        }
    }
    Ok(())
}

/// `YYYYMMDD[HHMM[SS]]`, UTC with a trailing `Z`, else in the local time zone (as
/// OpenSSH reads it).
fn time(text: &str) -> Result<Timestamp, String> {
    let (digits, utc) = match text.strip_suffix(['Z', 'z']) {
        Some(d) => (d, true),
        None => (text, false),
    };
    let bad = || {
        format!(
            "`{}` is not a time: write YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS, with Z for UTC",
            crate::terminal::one_line(text)
        )
    };
    if !matches!(digits.len(), 8 | 12 | 14) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let n = |from: usize, to: usize| digits.get(from..to).map_or(Ok(0), str::parse::<i16>);
    let (Ok(y), Ok(mo), Ok(d), Ok(h), Ok(mi), Ok(s)) =
        (n(0, 4), n(4, 6), n(6, 8), n(8, 10), n(10, 12), n(12, 14))
    else {
        return Err(bad());
    };
    let civil = jiff::civil::DateTime::new(y, mo as i8, d as i8, h as i8, mi as i8, s as i8, 0)
        .map_err(|_| bad())?;
    let zone = if utc {
        jiff::tz::TimeZone::UTC
    } else {
        jiff::tz::TimeZone::system()
    };
    civil
        .to_zoned(zone)
        .map(|z| z.timestamp())
        .map_err(|_| bad())
}

/// `KEYTYPE BASE64` at the start of `text`, and what follows, when it is a key.
fn key_at(text: &str) -> Option<(String, &str)> {
    let mut words = text.splitn(3, char::is_whitespace);
    let kind = words.next()?;
    let known = is_key_type(kind);
    let base64 = words.next()?;
    let base64_ok = base64.len() >= 16
        && base64
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
    (known && base64_ok).then(|| (format!("{kind} {base64}"), words.next().unwrap_or("")))
}

/// Whether `word` names a kind of SSH key (`ssh-ed25519`, `ecdsa-sha2-nistp256`, …).
fn is_key_type(word: &str) -> bool {
    ["ssh-", "ecdsa-sha2-", "sk-", "rsa-sha2-"]
        .iter()
        .any(|p| word.starts_with(p))
}

fn first_word(text: &str) -> u32 {
    text.split_whitespace().next().map_or(1, |w| w.len() as u32)
}

/// Whether `name` matches a comma-separated list of patterns: at least one positive
/// pattern matches and no negated one does.
fn matches_list(list: &str, name: &str) -> bool {
    let mut matched = false;
    for pattern in list.split(',') {
        match pattern.strip_prefix('!') {
            Some(negated) if glob(negated, name) => return false,
            Some(_) => {}
            None => matched |= glob(pattern, name),
        }
    }
    matched
}

/// OpenSSH's patterns: `*` any run of characters, `?` any one.
fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ3134fcYYnwwgJBewsomHAMNlM10I7K0oGdQqy2PEQq";
    const OTHER: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOtherKeyOtherKeyOtherKeyOtherKeyOtherKe";

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn a_name_is_listed_for_its_key_in_the_namespace_and_while_valid() {
        let text = format!(
            "# the team\n\"Dr Ada Example\" namespaces=\"fairness-record\" {KEY} laptop\n\
             \"Sam Reviewer,S Reviewer\" valid-before=\"20270101Z\" {OTHER}\n"
        );
        let s = Signers::parse(&text).unwrap();
        let now = at("2026-12-01T10:00:00Z");
        assert_eq!(
            s.lookup("Dr Ada Example", KEY, now),
            Listing::Listed { line: 2 }
        );
        assert_eq!(
            s.lookup("S Reviewer", OTHER, now),
            Listing::Listed { line: 3 }
        );
        assert_eq!(
            s.lookup("S Reviewer", OTHER, at("2027-02-01T00:00:00Z")),
            Listing::Expired {
                line: 3,
                before: at("2027-01-01T00:00:00Z")
            }
        );
        assert_eq!(
            s.lookup("Sam Reviewer", KEY, now),
            Listing::Unlisted {
                listed_for: vec!["Dr Ada Example".to_owned()]
            }
        );
        assert_eq!(
            s.lookup("Dr Ada Example", OTHER, now),
            Listing::Unlisted {
                listed_for: vec!["Sam Reviewer".to_owned(), "S Reviewer".to_owned()]
            }
        );
    }

    #[test]
    fn patterns_namespaces_and_later_validity_are_honoured() {
        let text = format!(
            "*@example.nhs.uk,!x@example.nhs.uk namespaces=\"git,file\" {KEY}\n\
             Dr* valid-after=\"202701010930Z\" {KEY}\n"
        );
        let s = Signers::parse(&text).unwrap();
        let now = at("2026-12-01T10:00:00Z");
        assert_eq!(
            s.lookup("a@example.nhs.uk", KEY, now),
            Listing::OtherNamespace { line: 1 }
        );
        assert!(matches!(
            s.lookup("x@example.nhs.uk", KEY, now),
            Listing::Unlisted { .. }
        ));
        assert_eq!(
            s.lookup("Dr Ada", KEY, now),
            Listing::NotYet {
                line: 2,
                after: at("2027-01-01T09:30:00Z")
            }
        );
        assert_eq!(
            s.lookup("Dr Ada", KEY, at("2027-01-01T09:30:00Z")),
            Listing::Listed { line: 2 }
        );
    }

    #[test]
    fn every_bad_line_is_placed() {
        let text = format!(
            "\"Dr Ada {KEY}\nok {KEY}\nname nonsense\nname restrict {KEY}\nname valid-before=\"2027\" {KEY}\n"
        );
        let problems = Signers::parse(&text).unwrap_err();
        let got: Vec<(u32, u32, &str)> = problems
            .iter()
            .map(|d| {
                let l = d.location.unwrap();
                (l.line, l.column, &d.message[..12])
            })
            .collect();
        assert_eq!(
            got,
            [
                (1, 1, "a double quo"),
                (3, 6, "unknown opti"),
                (4, 6, "unknown opti"),
                (5, 6, "`2027` is no"),
            ]
        );
    }

    #[test]
    fn a_key_whose_base64_is_broken_is_said_to_be_so() {
        let problems = Signers::parse("\"Dr B\" ssh-ed25519 notbase64!!\n").unwrap_err();
        let at = problems[0].location.unwrap();
        assert_eq!((at.line, at.column), (1, 20));
        assert!(
            problems[0]
                .message
                .starts_with("the key's base64 is missing or not valid")
        );
    }

    #[test]
    fn a_revoked_keys_file_lists_keys_and_a_binary_krl_is_refused() {
        let r = Revoked::parse(&format!("# gone\n{KEY} old laptop\n")).unwrap();
        assert!(r.contains(KEY));
        assert!(!r.contains(OTHER));
        assert!(Revoked::parse("SSHKRL\n\0\0").is_err());
        let problems = Revoked::parse("not a key\n").unwrap_err();
        assert_eq!(problems[0].location.unwrap().line, 1);
    }

    #[test]
    fn the_line_for_a_name_is_read_back_as_listing_it() {
        let line = line_for("Dr Ada Example", KEY);
        let s = Signers::parse(&line).unwrap();
        assert_eq!(
            s.lookup("Dr Ada Example", KEY, at("2026-01-01T00:00:00Z")),
            Listing::Listed { line: 1 }
        );
        assert!(name_problem("Dr Ada Example").is_none());
        assert!(name_problem("Example, Ada").is_some());
        assert_eq!(
            name_problem("Dr \"M\" P,x").as_deref(),
            Some(
                "the name holds `\"`, `,`, which an allowed-signers file reads as a list, a pattern or a quote"
            )
        );
        assert!(name_problem("!Ada").is_some());
    }
}
