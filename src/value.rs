//! The shapes of values, each checked in one place: free text, a signer's name, a case
//! reference, a date, a timestamp, a digest and an id (a slug). Frameworks, records,
//! answers files and the terminal all accept or refuse a value by these functions, so
//! that what a person may type and what a record may hold cannot drift apart.
//!
//! Plain functions over text; the only thing they take from the crate is
//! [`crate::terminal`]'s notion of a character that could act on a terminal (and its
//! escapes, for a time that is not one), which sits at the same layer and imports
//! nothing itself.

use sha2::{Digest, Sha256};

use crate::terminal::{is_unsafe, neutralise};

/// The longest text answer or note accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// The longest case reference accepted, in characters.
pub const MAX_REFERENCE_CHARS: usize = 64;

/// The longest id (of an item, a Principle or an option) accepted, in characters.
pub const MAX_ID_LEN: usize = 64;

/// Free text (an answer, a note, a name): not blank, not too long, and free of
/// terminal control characters (tabs and line breaks are allowed).
pub fn check_text(text: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err("this cannot be blank".to_owned());
    }
    // A text has at least as many bytes as characters: counted only when it could be
    // too long.
    if text.len() > MAX_TEXT_CHARS {
        let chars = text.chars().count();
        if chars > MAX_TEXT_CHARS {
            return Err(format!(
                "this is {chars} characters long; the most accepted is {MAX_TEXT_CHARS}"
            ));
        }
    }
    if crate::terminal::any_unsafe(text)
        && let Some(c) = text.chars().find(|&c| is_unsafe(c))
    {
        return Err(format!(
            "this contains the control character U+{:04X}; remove it",
            c as u32
        ));
    }
    Ok(())
}

/// A signer's name or role: free text on one line, at most 200 characters.
pub fn check_name(text: &str) -> Result<(), String> {
    check_text(text)?;
    if text.contains(['\n', '\t']) {
        return Err("this must be on one line".to_owned());
    }
    if text.trim().chars().count() > 200 {
        return Err("this is longer than 200 characters".to_owned());
    }
    Ok(())
}

/// Checks a case reference: it becomes a file name, so only letters, digits, `-`, `_`
/// and `.` are accepted, it must start with a letter or digit, and it must not be a
/// name that Windows reserves for a device.
pub fn check_reference(reference: &str) -> Result<(), String> {
    if reference.is_empty() {
        return Err("the case reference cannot be blank".to_owned());
    }
    let chars = reference.chars().count();
    if chars > MAX_REFERENCE_CHARS {
        return Err(format!(
            "the case reference is {chars} characters long; the most accepted is {MAX_REFERENCE_CHARS}"
        ));
    }
    if let Some(c) = reference
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        let shown = if is_unsafe(c) || c.is_whitespace() {
            format!("U+{:04X}", c as u32)
        } else {
            format!("`{c}`")
        };
        return Err(format!(
            "the case reference cannot contain {shown}: it becomes the record's file name, so use only letters, digits, `-`, `_` and `.`"
        ));
    }
    if !reference.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Err("the case reference must start with a letter or a digit".to_owned());
    }
    if is_device_name(reference) {
        return Err(format!(
            "`{reference}` is a device name on Windows and cannot be a file name; choose another reference"
        ));
    }
    Ok(())
}

/// Whether Windows takes a file named `name` for a device (`CON`, `NUL`, `COM1`, …),
/// whatever follows its first dot and however it is capitalised: opening it would
/// reach the console, a port or nothing at all, never a file.
pub fn is_device_name(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end_matches([' ', '.'])
        .to_ascii_uppercase();
    matches!(
        stem.as_str(),
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$"
    ) || ((stem.starts_with("COM") || stem.starts_with("LPT"))
        && stem.chars().count() == 4
        && stem
            .chars()
            .nth(3)
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, '¹' | '²' | '³')))
}

/// A date written `YYYY-MM-DD` that exists in the calendar.
pub fn parse_date(value: &str) -> Result<(), String> {
    let shaped = value.len() == 10
        && value.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(format!(
            "`{value}` is not a date written YYYY-MM-DD (for example 2026-03-14)"
        ));
    }
    value
        .parse::<jiff::civil::Date>()
        .map(|_| ())
        .map_err(|_| format!("`{value}` is not a date in the calendar"))
}

/// A date (as [`parse_date`] accepts it) that is not after `today` (`YYYY-MM-DD`):
/// today itself is fine.
pub fn check_not_after(date: &str, today: &str) -> Result<(), String> {
    match (
        date.parse::<jiff::civil::Date>(),
        today.parse::<jiff::civil::Date>(),
    ) {
        (Ok(day), Ok(now)) if day > now => Err(format!(
            "`{date}` is after today ({today}): this date cannot be in the future"
        )),
        _ => Ok(()),
    }
}

/// Today's date where fairness runs (the computer's own time zone), `YYYY-MM-DD`: the
/// day a person means by "today" when typing a date.
pub fn today() -> String {
    jiff::Zoned::now().date().strftime("%Y-%m-%d").to_string()
}

/// The current time, UTC, to the second, as records write it.
pub fn now() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Whether `text` is a time as [`now`] writes it: `YYYY-MM-DDTHH:MM:SSZ`, and a real
/// one.
pub fn is_timestamp(text: &str) -> bool {
    const SHAPE: &[u8; 20] = b"0000-00-00T00:00:00Z";
    text.len() == SHAPE.len()
        && text.bytes().zip(SHAPE).all(|(b, &s)| {
            if s == b'0' {
                b.is_ascii_digit()
            } else {
                b == s
            }
        })
        && text.parse::<jiff::Timestamp>().is_ok()
}

/// A record's time for people, in the local time zone with the zone's name:
/// `2026-11-23 16:42 GMT`, or with the offset from UTC where it is not zero,
/// `2026-06-02 15:05 BST (+01:00)`. Records keep UTC; only what people read is
/// local. The zone is the system's (`TZ` where it is set, on every system). Text that
/// is not a time as records write one is shown as it is, neutralised.
pub fn shown_time(time: &str) -> String {
    match timestamp(time) {
        Some(t) => local_time(t),
        None => neutralise(time).into_owned(),
    }
}

/// [`shown_time`] of a moment.
pub fn local_time(t: jiff::Timestamp) -> String {
    in_zone(t, jiff::tz::TimeZone::system())
}

/// [`shown_time`] of a moment in the zone `tz`.
fn in_zone(t: jiff::Timestamp, tz: jiff::tz::TimeZone) -> String {
    let zoned = t.to_zoned(tz);
    let offset = zoned.offset();
    let zone = zoned.strftime("%Z").to_string();
    let clock = zoned.strftime("%Y-%m-%d %H:%M").to_string();
    // A zone without a name of letters (`+03`) is named by its offset alone.
    if zone.starts_with(['+', '-']) || zone.is_empty() {
        format!("{clock} {}", zoned.strftime("%:z"))
    } else if offset.seconds() == 0 {
        format!("{clock} {zone}")
    } else {
        format!("{clock} {zone} ({})", zoned.strftime("%:z"))
    }
}

/// The day of a record's time, in the local time zone: `2026-11-23`; other text as
/// [`shown_time`] shows it.
pub fn shown_date(time: &str) -> String {
    match timestamp(time) {
        Some(t) => t
            .to_zoned(jiff::tz::TimeZone::system())
            .strftime("%Y-%m-%d")
            .to_string(),
        None => shown_time(time),
    }
}

/// A time as records write it, read.
fn timestamp(time: &str) -> Option<jiff::Timestamp> {
    if is_timestamp(time) {
        time.parse().ok()
    } else {
        None
    }
}

/// `sha256:` followed by the lowercase hex SHA-256 of `bytes`: which exact framework a
/// record was made with, and a signed record's seal.
pub fn digest(bytes: &[u8]) -> String {
    let hash = Sha256::digest(bytes);
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for byte in hash.iter() {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        out.push(HEX[usize::from(byte >> 4)] as char);
        out.push(HEX[usize::from(byte & 0xf)] as char);
    }
    out
}

/// Whether `text` is a digest as [`digest`] writes it: `sha256:` and 64 lower-case hex
/// digits.
pub fn is_digest(text: &str) -> bool {
    text.strip_prefix("sha256:").is_some_and(|hex| {
        hex.len() == 64 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// Whether `id` is a lowercase slug: letters, digits and single hyphens, starting with
/// a letter, not ending with a hyphen, at most [`MAX_ID_LEN`] characters. The ids of
/// items, Principles and options are slugs; so is every item id and choice answer in a
/// record, since a record's ids come from a valid framework.
pub fn is_slug(id: &str) -> bool {
    id.len() <= MAX_ID_LEN
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `text` with its first letter a capital, as it reads at the start of a sentence or
/// a heading.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// In a given zone: named, with the offset where it is not UTC's. (The system's
    /// zone is the test process's; `TZ` pins it in the integration tests.)
    #[test]
    fn a_time_is_shown_in_a_zone_with_its_name_and_offset() {
        let zone = |name| jiff::tz::TimeZone::get(name).unwrap();
        let summer: jiff::Timestamp = "2026-06-02T14:05:00Z".parse().unwrap();
        let winter: jiff::Timestamp = "2026-12-02T14:05:00Z".parse().unwrap();
        assert_eq!(
            in_zone(summer, zone("Europe/London")),
            "2026-06-02 15:05 BST (+01:00)"
        );
        assert_eq!(
            in_zone(winter, zone("Europe/London")),
            "2026-12-02 14:05 GMT"
        );
        assert_eq!(in_zone(winter, zone("UTC")), "2026-12-02 14:05 UTC");
        assert_eq!(
            in_zone(winter, zone("America/New_York")),
            "2026-12-02 09:05 EST (-05:00)"
        );
        // A zone whose abbreviation is its offset is not named twice.
        assert_eq!(
            in_zone(winter, zone("Asia/Dubai")),
            "2026-12-02 18:05 +04:00"
        );
        assert_eq!(shown_time("not a time\u{1b}"), "not a time\\u{1b}");
    }

    #[test]
    fn slugs() {
        for good in ["a", "concern-specific", "item-2", "x9"] {
            assert!(is_slug(good), "{good}");
        }
        for bad in ["", "Concern", "2nd", "a--b", "a-", "a_b", "a b", "é"] {
            assert!(!is_slug(bad), "{bad}");
        }
        assert!(!is_slug(&"a".repeat(65)));
    }

    #[test]
    fn timestamps_are_as_fairness_writes_them() {
        assert!(is_timestamp("2026-11-23T10:00:00Z"));
        assert!(is_timestamp(&now()));
        for bad in [
            "",
            "2026-11-23",
            "2026-11-23T10:00:00",
            "2026-11-23 10:00:00Z",
            "2026-13-01T10:00:00Z",
            "2026-02-30T10:00:00Z",
            "2026-11-23T10:00:00+01:00",
            "2026-11-23T1O:00:00Z",
        ] {
            assert!(!is_timestamp(bad), "{bad}");
        }
    }

    #[test]
    fn case_references_must_be_safe_file_names() {
        assert!(check_reference("CASE-2026_014.v2").is_ok());
        for bad in [
            "",
            "../x",
            "/etc/passwd",
            "a/b",
            "a b",
            ".hidden",
            "-rf",
            "CON",
            "com1.txt",
            "x\u{1b}",
        ] {
            assert!(check_reference(bad).is_err(), "{bad:?} accepted");
        }
        assert!(check_reference(&"a".repeat(65)).is_err());
    }

    #[test]
    fn windows_device_names_are_known_in_any_case_and_with_any_extension() {
        for device in [
            "CON",
            "con",
            "nul.yaml",
            "Aux.tar.gz",
            "PRN",
            "COM1",
            "lpt9.txt",
            "COM\u{b9}",
            "CONIN$",
            "conout$.yaml",
            "NUL .yaml",
            "CON..yaml",
        ] {
            assert!(is_device_name(device), "{device:?}");
        }
        for file in [
            "CONTACT.yaml",
            "NULL",
            "COM10",
            "LPT",
            "COM",
            "a.CON",
            "CASE-1.yaml",
        ] {
            assert!(!is_device_name(file), "{file:?}");
        }
    }

    #[test]
    fn a_date_may_be_today_or_earlier_but_not_later() {
        assert_eq!(check_not_after("2026-12-02", "2026-12-02"), Ok(()));
        assert_eq!(check_not_after("2026-12-01", "2026-12-02"), Ok(()));
        assert_eq!(check_not_after("1999-12-31", "2026-12-02"), Ok(()));
        assert_eq!(
            check_not_after("2027-01-05", "2026-12-02"),
            Err(
                "`2027-01-05` is after today (2026-12-02): this date cannot be in the future"
                    .to_owned()
            )
        );
        // Across a month and a year end, by the calendar and not by the text.
        assert!(check_not_after("2026-12-03", "2026-12-02").is_err());
        assert!(check_not_after("2027-01-01", "2026-12-31").is_err());
        let today = today();
        assert!(parse_date(&today).is_ok(), "{today}");
        assert_eq!(check_not_after(&today, &today), Ok(()));
    }

    #[test]
    fn digest_is_sha256_of_the_bytes() {
        let d = digest(b"abc");
        assert_eq!(
            d,
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(is_digest(&d));
        assert!(!is_digest("sha256:XYZ"));
    }
}
