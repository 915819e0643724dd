//! What `fairness show` prints: the framework as tables, one per part of the
//! checklist, fitted to a width.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width};

use crate::terminal::{self, neutralise};

use super::{Framework, Item, NotePolicy, Preset, Section};

/// What to show, and how wide.
pub struct View<'a> {
    pub framework: &'a Framework,
    /// Where the framework came from, for the heading.
    pub origin: &'a str,
    pub digest: &'a str,
    /// Whether to show each item's guidance under its prompt.
    pub guidance: bool,
    /// The width every line fits in.
    pub width: u16,
}

impl View<'_> {
    /// The whole framework as text: a heading, one table per part of the checklist,
    /// the support signposting and the declaration. Every piece of text from the file
    /// is neutralised.
    pub fn render(&self) -> String {
        let f = self.framework;
        let organisation = f.organisation.as_deref().unwrap_or("built-in, not adapted");
        let jurisdiction = match f.jurisdiction {
            // A nation has several policies (2.0 asks which): name the nation only.
            Some(j) => j.name().to_owned(),
            None => "any nation: the case details say which policy applies".to_owned(),
        };
        let heading = [
            neutralise(&f.name).into_owned(),
            format!(
                "Version {} · {}",
                neutralise(&f.version),
                neutralise(organisation)
            ),
            format!("Jurisdiction: {jurisdiction}"),
            format!("From: {}", neutralise(self.origin)),
            format!("Digest: {}", self.short_digest()),
        ];
        let mut out: String = heading.iter().map(|line| self.wrap(line)).collect();

        let principles = f.principles.len();
        for section in f.sections() {
            out.push('\n');
            out.push_str(&self.wrap(&section_title(&section, principles)));
            if let Some(summary) = section.summary {
                out.push_str(&self.wrap(&neutralise(summary.trim())));
            }
            out.push_str(&format!("{}\n", self.items_table(section.items)));
        }
        if !f.support.is_empty() {
            out.push_str("\nSupport for the practitioner\n");
            out.push_str(&format!("{}\n", self.support_table()));
        }
        out.push_str("\nDeclaration at sign-off\n");
        out.push_str(&self.wrap(&neutralise(f.declaration.trim())));
        if let Some(s) = &f.signatures {
            out.push_str(&self.signatures(s));
        }
        out
    }

    /// The `signatures` section: each reviewer's meaning with its declaration, and when
    /// a countersignature is required.
    fn signatures(&self, s: &super::Signatures) -> String {
        let mut out = String::from("\nSignatures beside the case manager's own\n");
        for m in &s.meanings {
            out.push_str(&self.wrap(&format!(
                "{} ({}): {}",
                neutralise(&m.label),
                neutralise(&m.id.value),
                neutralise(m.declaration.trim())
            )));
        }
        if let Some(c) = &s.countersignature {
            let when: Vec<String> = c
                .when
                .iter()
                .map(|w| format!("{} {}", neutralise(&w.item.value), w.describe("")))
                .collect();
            out.push_str(&self.wrap(&format!(
                "A countersignature ({}) is required when {}.",
                neutralise(&c.meaning.value),
                when.join(", or when ")
            )));
        }
        out
    }

    /// The digest, cut short (as git shortens commit ids) when the whole of it would
    /// not fit on the line.
    fn short_digest(&self) -> String {
        let room = usize::from(self.width).saturating_sub("Digest: ".len());
        if self.digest.len() <= room {
            self.digest.to_owned()
        } else {
            format!("{}…", &self.digest[..self.digest.len().min(23)])
        }
    }

    fn wrap(&self, text: &str) -> String {
        terminal::wrap(text, self.width.into())
    }

    fn table(&self) -> Table {
        let mut table = Table::new();
        table.load_style(UTF8_FULL_CONDENSED);
        table.set_content_arrangement(ContentArrangement::Dynamic);
        table.set_width(self.width);
        table
    }

    fn items_table(&self, items: &[Item]) -> Table {
        let mut table = self.table();
        table.set_header(["#", "Question", "Answer", "Note"]);
        let preset = self.framework.preset();
        for (number, item) in items.iter().enumerate() {
            let preset = preset.as_ref().filter(|p| std::ptr::eq(p.item, item));
            table.add_row([
                (number + 1).to_string(),
                break_long_words(&question(item, preset, self.guidance), self.width.into()),
                break_long_words(&answer(item), self.width.into()),
                note(item.note).to_owned(),
            ]);
        }
        if let Some(column) = table.column_mut(2) {
            column.set_constraint(ColumnConstraint::UpperBoundary(Width::Percentage(30)));
        }
        table
    }

    fn support_table(&self) -> Table {
        let support = &self.framework.support;
        let contacts = support.iter().any(|s| s.contact.is_some());
        let mut table = self.table();
        if contacts {
            table.set_header(["Where", "What it offers", "Contact"]);
        } else {
            table.set_header(["Where", "What it offers"]);
        }
        for s in support {
            let mut row = vec![
                break_long_words(&neutralise(&s.name), self.width.into()),
                break_long_words(&neutralise(s.detail.trim()), self.width.into()),
            ];
            if contacts {
                row.push(break_long_words(
                    &neutralise(s.contact.as_deref().unwrap_or("")),
                    self.width.into(),
                ));
            }
            table.add_row(row);
        }
        table
    }
}

/// Text for a table cell, with every word longer than `longest` characters (the
/// table's whole width: it could not fit on one line of any column) broken onto lines
/// of that length. comfy-table would break it to fit the column itself, but in time
/// that grows with the square of the word's length: a framework whose prompt was one
/// word of a few megabytes was never shown. Breaking it here takes one pass, and what
/// is left for the table to break is short.
fn break_long_words(text: &str, longest: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = 0;
    for c in text.chars() {
        // Only where comfy-table itself breaks a line: any other space (a no-break
        // space, say) leaves the word whole to it.
        if c == ' ' || c == '\n' {
            run = 0;
        } else if run == longest {
            out.push('\n');
            run = 1;
        } else {
            run += 1;
        }
        out.push(c);
    }
    out
}

fn section_title(section: &Section, principles: usize) -> String {
    match section.principle {
        Some(n) => format!(
            "Principle {n} of {principles} · {} ({})",
            neutralise(section.title),
            neutralise(section.id.unwrap_or_default())
        ),

        None => section.title.to_owned(),
    }
}

fn question(item: &Item, preset: Option<&Preset>, guidance: bool) -> String {
    let mut text = neutralise(item.prompt.value.trim()).into_owned();
    if let (true, Some(g)) = (guidance, &item.guidance) {
        text.push_str(&format!("\n\n{}", neutralise(g.trim())));
    }
    text.push_str(&format!("\n· id: {}", neutralise(&item.id.value)));
    // The role tells a reviewer which item the practitioner's view reads.
    if let Some(role) = &item.role {
        text.push_str(&format!("\n· role: {}", role.value.id()));
    }
    if let Some(preset) = preset {
        text.push_str(&format!(
            "\n· answered by `{}` ({}): not asked",
            preset.source(),
            neutralise(&preset.label)
        ));
    }
    if let Some(when) = &item.when {
        text.push_str(&format!(
            "\n· only if {} {}",
            neutralise(&when.item.value),
            neutralise(&when.describe(""))
        ));
    }
    text
}

fn answer(item: &Item) -> String {
    let mut text = item.answer.shown();
    if !item.required {
        text.push_str("\n(may be left blank)");
    }
    text
}

fn note(policy: NotePolicy) -> &'static str {
    match policy {
        NotePolicy::Optional => "optional",
        NotePolicy::Required => "required",
        NotePolicy::RequiredIfNo => "required if No",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_ordinary_length_are_left_whole() {
        let text = "Is the concern written down specifically?\n· id: concern-specific";
        assert_eq!(break_long_words(text, 30), text);
        let thirty = "x".repeat(30);
        assert_eq!(break_long_words(&thirty, 30), thirty);
    }

    #[test]
    fn a_long_word_is_broken_into_lines_of_the_longest_length() {
        let word = "ab".repeat(40);
        let broken = break_long_words(&format!("before {word} after"), 30);
        let lines: Vec<&str> = broken.split('\n').collect();
        assert_eq!(
            lines,
            [
                &format!("before {}", &word[..30]) as &str,
                &word[30..60],
                &format!("{} after", &word[60..]),
            ]
        );
        // Nothing is lost or added but the breaks.
        assert_eq!(broken.replace('\n', ""), format!("before {word} after"));
    }

    #[test]
    fn only_a_space_or_a_line_break_ends_a_word() {
        let word = "abc\u{a0}de\u{2003}f".repeat(10);
        let broken = break_long_words(&word, 30);
        assert!(
            broken.split('\n').all(|l| l.chars().count() <= 30),
            "{broken}"
        );
        assert_eq!(broken.replace('\n', ""), word);
    }

    #[test]
    fn a_line_break_starts_a_new_word() {
        let text = format!("{}\n{}", "y".repeat(25), "z".repeat(25));
        assert_eq!(break_long_words(&text, 30), text);
    }
}
