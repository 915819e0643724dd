//! The framework built into fairness, and the copy of it that `fairness init` writes
//! for an organisation to adapt.

use crate::error::{Error, Usage};

/// Where the built-in framework lives in the repository, and how it is named in messages.
pub const BUILTIN_PATH: &str = "framework/fairness-and-proportionality.yaml";

/// The built-in framework, embedded so that `fairness run` works with no files at all.
pub const BUILTIN_TEXT: &str = include_str!("../../framework/fairness-and-proportionality.yaml");

/// What may and may not be changed, at the top of every adapted framework.
const HEADER: &str = "\
# An adapted copy of the Principles and Framework for Fairness and Proportionality,
# written by `fairness init` from the framework built into fairness.
#
# You may change:
#   - name, version (your own label for each revision), organisation, jurisdiction
#     (set to one nation, it answers the item with `role: nation`, never asked then);
#   - the declaration the signer confirms, and the support signposting (add your
#     local contacts);
#   - the items under each Principle (reword, add, remove; keep at least one), each
#     Principle's summary, and the case_details and decision items;
#   - the practitioner_view: what the practitioner's view of a record says.
# Keep each `role` (route, nation, concern-raised, ...) on the item that does that
# job, whatever you call it: reports across cases, and the practitioner's view, find
# those items by their role.
# You must not change:
#   - the five Principles: each appears exactly once, with its id and title as here
#     (their order is yours to choose);
#   - the `format` line.
#
# Check every change with:  fairness validate THIS-FILE
# Every field is described in framework/README.md in the fairness repository.
";

/// The built-in framework with the adaptation header in place of its own, and
/// `organisation` set when a name is given.
pub fn template(organisation: Option<&str>) -> Result<String, Error> {
    let body = BUILTIN_TEXT.trim_start_matches('\u{feff}');
    let body_start = body
        .lines()
        .take_while(|l| l.starts_with('#') || l.trim().is_empty())
        .map(|l| l.len() + 1)
        .sum::<usize>()
        .min(body.len());
    let mut text = format!("{HEADER}\n{}", &body[body_start..]);
    if let Some(name) = organisation {
        let name = name.trim();
        if name.is_empty()
            || name
                .chars()
                .any(|c| c.is_control() || crate::terminal::is_unsafe(c))
        {
            return Err(Usage::OrganisationName.into());
        }
        // A JSON string is a valid YAML double-quoted scalar, so any name is written
        // exactly, whatever quotes or colons it holds.
        let quoted = serde_json::to_string(name).expect("a string is always written as JSON");
        text = text.replacen(
            "\norganisation: null\n",
            &format!("\norganisation: {quoted}\n"),
            1,
        );
    }
    debug_assert!(super::check(&text).is_valid());
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_is_valid_and_records_the_organisation() {
        let text = template(Some("Fernhollow \"Community\": Health Trust")).unwrap();
        assert!(text.starts_with("# An adapted copy"));
        let checked = crate::framework::check(&text);
        assert!(checked.is_valid(), "{:#?}", checked.diagnostics);
        let f = checked.framework.unwrap();
        assert_eq!(
            f.organisation.as_deref(),
            Some("Fernhollow \"Community\": Health Trust")
        );
    }

    #[test]
    fn template_without_organisation_is_valid() {
        let checked = crate::framework::check(&template(None).unwrap());
        assert!(checked.is_valid());
        assert_eq!(checked.framework.unwrap().organisation, None);
    }

    #[test]
    fn refuses_names_with_control_characters() {
        assert!(template(Some("Trust\u{1b}[2J")).is_err());
        assert!(template(Some("  ")).is_err());
        assert!(template(Some("Line one\nLine two")).is_err());
    }
}
