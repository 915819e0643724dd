//! Files the tests share: frameworks with one change, and files made to hurt whatever
//! reads them.

use crate::harness::{builtin, edit};

/// The built-in framework with one Principle's locked title changed: the simplest
/// framework `validate` refuses, with one error.
pub fn renamed_title() -> String {
    edit(&builtin(), "title: Adherence to process", "title: Process")
}

/// A file of format `format` whose aliases expand to 9^12 entries: the "billion laughs".
pub fn alias_bomb(format: &str) -> String {
    let mut bomb = format!("format: {format}\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    bomb
}

/// Flow collections nested 100,000 deep: lists, then mappings.
pub fn deeply_nested() -> [String; 2] {
    [
        format!("{}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
        format!("{}{}\n", "{a: ".repeat(100_000), "}".repeat(100_000)),
    ]
}

/// The rows of the CSV `export` writes, read strictly: RFC 4180, every field quoted,
/// quotes doubled, every row ended by CRLF.
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    assert!(text.ends_with("\r\n"), "rows end with CRLF");
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut chars = text.chars().peekable();
    while chars.peek().is_some() {
        assert_eq!(chars.next(), Some('"'), "every field is quoted");
        let mut field = String::new();
        loop {
            match chars.next().expect("a closing quote") {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => break,
                c => field.push(c),
            }
        }
        row.push(field);
        match chars.next() {
            Some(',') => {}
            Some('\r') => {
                assert_eq!(chars.next(), Some('\n'));
                rows.push(std::mem::take(&mut row));
            }
            other => panic!("unexpected {other:?} after a field"),
        }
    }
    rows
}

/// Text as the HTML export escapes it.
pub fn html_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// HTML text with the five character references the HTML export writes read back.
pub fn html_unescaped(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The built-in framework with one item reworded, as an organisation might change it:
/// a draft made with the built-in framework no longer fits it as it was. (Used by the
/// interactive tests only, which are Unix's.)
#[cfg(unix)]
pub fn reworded() -> String {
    edit(
        &builtin(),
        "id: evidence-distinguished\n        prompt: ",
        "id: evidence-distinguished\n        prompt: Locally reworded. ",
    )
}

/// tests/fixtures/framework-1.0.yaml as it is, its header included: the built-in
/// framework 1.0, kept so that drafts begun on it can be tested against every later
/// built-in version.
pub const VERSION_1_0_FILE: &str = include_str!("fixtures/framework-1.0.yaml");

/// The digest by which drafts and records made with the built-in framework 1.0 name it.
pub const VERSION_1_0_DIGEST: &str =
    "sha256:a28419d92e78b08b2cfd18526260eac2a16422ce344d4328edc7703d455bab65";

/// The built-in framework 1.0 byte for byte as fairness shipped it: [`VERSION_1_0_FILE`]
/// without its header, which ends at a line of dashes.
pub fn version_1_0() -> String {
    let end = VERSION_1_0_FILE
        .find("\n# ---")
        .and_then(|at| {
            VERSION_1_0_FILE[at + 1..]
                .find('\n')
                .map(|n| at + 1 + n + 1)
        })
        .expect("the fixture's header ends with a line of dashes");
    let text = &VERSION_1_0_FILE[end..];
    assert_eq!(
        fairness::file::digest(text.as_bytes()),
        VERSION_1_0_DIGEST,
        "tests/fixtures/framework-1.0.yaml is no longer the built-in framework 1.0"
    );
    text.to_owned()
}

/// A 1.x answers file (tests/fixtures/answers-1.0.yaml: the locum example as it was for
/// 1.0 and 1.1), signed off.
pub const ANSWERS_1_0: &str = include_str!("fixtures/answers-1.0.yaml");
