//! Review files (format `fairness-review/1`): a countersignature or a return written
//! out in advance, for scripts and tests. The same rules apply as in the terminal, and
//! every problem is reported together, with its line and column.

use std::path::Path;

use crate::diagnostic::{self, Diagnostic, Located, Report};
use crate::error::Error;
use crate::framework::Meaning;
use crate::record::{Id, Outcome, Record};
use crate::suggest;
use crate::value::{check_name, check_text};
use crate::yaml::{Reader, Value, parse};

use super::{Given, is_signer};

/// The `format` line every review file starts with.
pub const FORMAT: &str = "fairness-review/1";

/// The fields a review file may have.
const FIELDS: &[&str] = &[
    "format",
    "outcome",
    "meaning",
    "name",
    "role",
    "declaration_confirmed",
    "comment",
];

/// Reads the review file at `path` for `record`, whose reviewers may sign with
/// `meanings`: what the reviewer gave, or every problem in the file.
pub fn from_file(path: &Path, record: &Record, meanings: &[Meaning]) -> Result<Given, Error> {
    let text = crate::source::read_edited_for(path, Error::InvalidReview)?;
    read(&text, record, meanings).map_err(|mut problems| {
        diagnostic::sort(&mut problems);
        Error::InvalidReview(Report::new(
            path.display().to_string(),
            Some(text.clone()),
            problems,
        ))
    })
}

/// Reads a review file's text: what the reviewer gave, or every problem found.
pub fn read(text: &str, record: &Record, meanings: &[Meaning]) -> Result<Given, Vec<Diagnostic>> {
    let root = parse(text).map_err(|d| vec![d])?;
    let mut r = Reader::new(text);
    let given = given(&root, &mut r, record, meanings);
    match given {
        Some(given) if r.diagnostics.is_empty() => Ok(given),
        _ => {
            if r.diagnostics.is_empty() {
                r.error("this is not a review file", root.at);
            }
            Err(r.diagnostics)
        }
    }
}

fn given(
    root: &crate::yaml::Node,
    r: &mut Reader,
    record: &Record,
    meanings: &[Meaning],
) -> Option<Given> {
    let fields = r.fields(root, "the review file", FIELDS)?;
    let format = r.required_text(&fields, "format")?;
    if format.value != FORMAT {
        r.push(
            Diagnostic::error(
                format!(
                    "this is not a review file: its format is `{}`",
                    format.value
                ),
                Some(format.at),
            )
            .with_help(format!("a review file starts with `format: {FORMAT}`")),
        );
        return None;
    }
    let outcome = r.required_text(&fields, "outcome").and_then(|o| {
        let found = Outcome::from_id(&o.value);
        if found.is_none() {
            let ids = ["countersigned", "returned"];
            let help = suggest::did_you_mean(&o.value, ids).unwrap_or_else(|| {
                "`outcome` is `countersigned` or `returned` (with comments)".to_owned()
            });
            r.push(
                Diagnostic::error(
                    format!("`{}` is not a valid `outcome`", o.value),
                    Some(o.at),
                )
                .with_help(help),
            );
        }
        found
    });
    let one_line = |r: &mut Reader, name: &str| {
        let text = r.required_text(&fields, name)?;
        match check_name(&text.value) {
            Ok(()) => Some(text),
            Err(e) => {
                r.error(format!("`{name}`: {e}"), text.at);
                None
            }
        }
    };
    let name = one_line(r, "name");
    let role = one_line(r, "role");
    let meaning = meaning(&fields, r, meanings);
    let comment = r.optional_text(&fields, "comment");
    if let Some(c) = &comment
        && let Err(e) = check_text(&c.value)
    {
        r.error(format!("`comment`: {e}"), c.at);
    }
    let confirmed = r.optional_bool(&fields, "declaration_confirmed");
    // Each rule is checked with what could be read, so that every problem is reported
    // together: a return with neither a meaning nor comments is told of both.
    if outcome == Some(Outcome::Countersigned) && confirmed != Some(true) {
        let at = fields
            .get("declaration_confirmed")
            .map_or(fields.at, |n| n.at);
        let help = match meaning {
            Some(m) => format!(
                "the declaration is: \"{}\"; if it is true, write `declaration_confirmed: true`",
                crate::terminal::neutralise(&m.declaration)
            ),
            None => "if the meaning's declaration is true, write `declaration_confirmed: true`"
                .to_owned(),
        };
        r.push(
            Diagnostic::error(
                "a countersignature needs the reviewer's declaration confirmed",
                Some(at),
            )
            .with_help(help),
        );
    }
    if outcome == Some(Outcome::Returned) && comment.is_none() {
        r.push(
            Diagnostic::error(
                "a return needs comments for the case manager",
                Some(fields.at),
            )
            .with_help("say what should be looked at again: `comment: TEXT`"),
        );
    }
    if let Some(name) = &name
        && is_signer(record, &name.value)
    {
        r.push(
            Diagnostic::error(
                "the reviewer has the same name as the person who signed the record",
                Some(name.at),
            )
            .with_help("a countersignature or a return must be someone else's, whatever role it is given in: the signer cannot review their own record"),
        );
        return None;
    }
    let (outcome, meaning, name, role) = (outcome?, meaning?, name?, role?);
    Some(Given {
        declaration: (outcome == Outcome::Countersigned).then(|| meaning.declaration.clone()),
        outcome,
        meaning: meaning.id.value.clone(),
        name: name.value.trim().to_owned(),
        role: role.value.trim().to_owned(),
        comment: comment.map(|c| c.value),
    })
}

/// The meaning named, or the only one there is when none is named.
fn meaning<'m>(
    fields: &crate::yaml::Fields,
    r: &mut Reader,
    meanings: &'m [Meaning],
) -> Option<&'m Meaning> {
    let ids: Vec<&str> = meanings.iter().map(|m| m.id.value.as_str()).collect();
    let Some(named) = r.optional_text(fields, "meaning") else {
        if let [only] = meanings {
            return Some(only);
        }
        if fields
            .get("meaning")
            .is_some_and(|n| !matches!(n.value, Value::Null))
        {
            return None;
        }
        r.push(
            Diagnostic::error(
                "the review file has no `meaning`, and this record's framework has several",
                Some(fields.at),
            )
            .with_help(format!(
                "add `meaning: ID`, one of {}",
                suggest::quoted_list(&ids)
            )),
        );
        return None;
    };
    let found = meanings.iter().find(|m| m.id.value == named.value);
    if found.is_none() {
        let help = suggest::did_you_mean(&named.value, ids.iter().copied()).unwrap_or_else(|| {
            format!("this record's framework has {}", suggest::quoted_list(&ids))
        });
        r.push(unknown(&named, help));
    }
    found
}

fn unknown(named: &Located<String>, help: String) -> Diagnostic {
    Diagnostic::error(
        format!(
            "`{}` is not a meaning this record's framework has",
            named.value
        ),
        Some(named.at),
    )
    .with_help(help)
}
