//! Writing a framework as a `fairness-framework/1` file, always the same way: fields in
//! the order the format documents them, every text double-quoted and escaped as records
//! are ([`crate::yaml::quote`]), defaults written out. What [`to_yaml`] writes,
//! [`super::check`] reads back as the same framework, with one normalisation: optional
//! text that is empty or blank means absent (the reader takes it so), and is written as
//! `null`.

use crate::yaml::{field, indent, list_key, quote};

use super::{
    AnswerKind, Condition, FORMAT, Framework, Item, PractitionerView, ReasonPolicy, Signatures,
    Wanted,
};

/// The framework as a YAML document.
pub fn to_yaml(fw: &Framework) -> String {
    let mut out = String::with_capacity(4096 + fw.items().count() * 256);
    out.push_str("format: ");
    quote(&mut out, FORMAT);
    out.push('\n');
    field(&mut out, 0, "name", Some(&fw.name));
    field(&mut out, 0, "version", Some(&fw.version));
    field(
        &mut out,
        0,
        "organisation",
        optional(fw.organisation.as_deref()),
    );
    field(&mut out, 0, "jurisdiction", fw.jurisdiction.map(|j| j.id()));
    field(&mut out, 0, "declaration", Some(&fw.declaration));

    list_key(&mut out, 0, "support", fw.support.is_empty());
    for s in &fw.support {
        out.push_str("  - ");
        field(&mut out, 0, "name", Some(&s.name));
        field(&mut out, 2, "detail", Some(&s.detail));
        field(&mut out, 2, "contact", optional(s.contact.as_deref()));
    }
    if let Some(view) = &fw.practitioner_view {
        practitioner_view(&mut out, view);
    }

    items(&mut out, 0, "case_details", &fw.case_details);
    out.push_str("principles:\n");
    for p in &fw.principles {
        out.push_str("  - ");
        field(&mut out, 0, "id", Some(&p.id.value));
        field(&mut out, 2, "title", Some(&p.title.value));
        field(&mut out, 2, "summary", optional(p.summary.as_deref()));
        items(&mut out, 2, "items", &p.items);
    }
    items(&mut out, 0, "decision", &fw.decision);
    // Written only when set, so that a framework without it is written as before.
    if fw.change_reason != ReasonPolicy::default() {
        field(&mut out, 0, "change_reason", Some(fw.change_reason.id()));
    }
    if let Some(s) = &fw.signatures {
        signatures(&mut out, s);
    }
    out
}

fn items(out: &mut String, depth: usize, name: &str, items: &[Item]) {
    list_key(out, depth, name, items.is_empty());
    for item in items {
        indent(out, depth + 1);
        out.push_str("- ");
        let inner = depth + 2;
        field(out, 0, "id", Some(&item.id.value));
        field(out, inner, "prompt", Some(&item.prompt.value));
        field(out, inner, "guidance", optional(item.guidance.as_deref()));
        field(out, inner, "answer", Some(item.answer.id()));
        if let AnswerKind::Choice(options) = &item.answer {
            indent(out, inner);
            out.push_str("options:\n");
            for o in options {
                indent(out, inner + 1);
                out.push_str("- ");
                field(out, 0, "id", Some(&o.id.value));
                field(out, inner + 2, "label", Some(&o.label.value));
            }
        }
        if let AnswerKind::Date(rules) = &item.answer {
            indent(out, inner);
            out.push_str(if rules.past {
                "past: true\n"
            } else {
                "past: false\n"
            });
            if !rules.not_before.is_empty() {
                list_key(out, inner, "not_before", false);
                for id in &rules.not_before {
                    indent(out, inner + 1);
                    out.push_str("- ");
                    quote(out, &id.value);
                    out.push('\n');
                }
            }
        }
        field(out, inner, "note", Some(item.note.id()));
        indent(out, inner);
        out.push_str(if item.required {
            "required: true\n"
        } else {
            "required: false\n"
        });
        if let Some(when) = &item.when {
            indent(out, inner);
            out.push_str("when:\n");
            condition(out, inner + 1, when);
        }
        if let Some(role) = &item.role {
            field(out, inner, "role", Some(role.value.id()));
        }
        if let Some(policy) = item.change_reason {
            field(out, inner, "change_reason", Some(policy.id()));
        }
    }
}

/// A condition's fields, each at `depth` (the first after whatever leads it in).
fn condition(out: &mut String, depth: usize, when: &Condition) {
    field(out, depth, "item", Some(&when.item.value));
    match &when.test {
        Wanted::Is(answer) => field(out, depth, "answer", Some(&answer.value)),
        Wanted::Not(answer) => field(out, depth, "not", Some(&answer.value)),
        Wanted::AnyOf(answers) => {
            list_key(out, depth, "any", answers.is_empty());
            for answer in answers {
                indent(out, depth + 1);
                out.push_str("- ");
                quote(out, &answer.value);
                out.push('\n');
            }
        }
    }
}

fn signatures(out: &mut String, s: &Signatures) {
    out.push_str("signatures:\n");
    list_key(out, 1, "meanings", s.meanings.is_empty());
    for m in &s.meanings {
        out.push_str("    - ");
        field(out, 0, "id", Some(&m.id.value));
        field(out, 3, "label", Some(&m.label));
        field(out, 3, "declaration", Some(&m.declaration));
    }
    match &s.countersignature {
        None => out.push_str("  countersignature: null\n"),
        Some(c) => {
            out.push_str("  countersignature:\n");
            field(out, 2, "meaning", Some(&c.meaning.value));
            list_key(out, 2, "when", c.when.is_empty());
            for when in &c.when {
                out.push_str("      - ");
                let mut entry = String::new();
                condition(&mut entry, 4, when);
                // The first field follows the dash; the rest are indented under it.
                out.push_str(entry.trim_start());
            }
        }
    }
}

fn practitioner_view(out: &mut String, view: &PractitionerView) {
    out.push_str("practitioner_view:\n");
    field(out, 1, "introduction", Some(&view.introduction));
    out.push_str("  process:\n");
    for point in &view.process {
        out.push_str("    - ");
        quote(out, point);
        out.push('\n');
    }
    list_key(out, 1, "explanations", view.explanations.is_empty());
    for e in &view.explanations {
        out.push_str("    - ");
        // An explanation whose role is unknown is never written: the framework it
        // came from is invalid.
        field(out, 0, "role", e.role.value.map(|r| r.id()));
        field(out, 3, "answer", Some(&e.answer.value));
        field(out, 3, "text", Some(&e.text));
    }
}

/// Optional text as written: `None` when it is empty or blank, which the reader would
/// take as absent anyway (so that writing, reading and writing again give the same
/// file).
fn optional(text: Option<&str>) -> Option<&str> {
    text.filter(|t| !t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{BUILTIN_TEXT, check};

    #[test]
    fn the_rules_of_a_date_read_back_as_written() {
        let text = crate::framework::small(
            "  - { id: raised-on, prompt: When was it raised?, answer: date, past: true }
  - { id: told-on, prompt: When was the practitioner told?, answer: date, not_before: raised-on }
",
            "  - id: decided-on
    prompt: When was it decided?
    answer: date
    past: false
    not_before: [raised-on, told-on]
",
        );
        let checked = check(&text);
        assert!(checked.is_valid(), "{:#?}", checked.diagnostics);
        let written = to_yaml(&checked.framework.unwrap());
        assert!(
            written.contains("answer: \"date\"\n    past: true\n    note: \"optional\"\n"),
            "{written}"
        );
        assert!(
            written.contains(
                "past: false\n    not_before:\n      - \"raised-on\"\n      - \"told-on\"\n"
            ),
            "{written}"
        );
        let back = check(&written);
        assert!(back.is_valid(), "{:?}", back.diagnostics);
        let back = back.framework.unwrap();
        let rules: Vec<_> = back.items().filter_map(|i| i.date_rules()).collect();
        assert_eq!(rules.len(), 3);
        assert!(rules[0].past && !rules[1].past && !rules[2].past);
        let ids: Vec<&str> = rules[2]
            .not_before
            .iter()
            .map(|i| i.value.as_str())
            .collect();
        assert_eq!(ids, ["raised-on", "told-on"]);
        assert_eq!(to_yaml(&back), written);
    }

    #[test]
    fn the_built_in_framework_reads_back_as_written() {
        let fw = check(BUILTIN_TEXT).framework.unwrap();
        let text = to_yaml(&fw);
        let back = check(&text);
        assert!(back.is_valid(), "{:?}", back.diagnostics);
        assert_eq!(to_yaml(&back.framework.unwrap()), text);
    }
}
