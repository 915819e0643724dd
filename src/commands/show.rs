//! `fairness show`: the framework as tables, for reading or review.

use std::io::Write;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width};

use crate::cli::ShowArgs;
use crate::error::{Error, Status};
use crate::framework::{self, AnswerKind, Framework, Item, NotePolicy, Section};
use crate::terminal::{self, neutralise};

pub fn run(args: &ShowArgs, out: &mut dyn Write) -> Result<Status, Error> {
    let loaded = framework::load(args.framework.as_deref())?;
    if !loaded.warnings.is_empty() {
        eprintln!("{}", loaded.warnings);
    }
    let text = render(
        &loaded.framework,
        &loaded.origin,
        &loaded.digest,
        args.guidance,
        None,
    );
    out.write_all(text.as_bytes()).map_err(Error::Output)?;
    Ok(Status::Success)
}

/// The whole framework as text: a heading, then one table per part of the checklist,
/// then the support signposting and the declaration. `width` fixes the table width
/// (for tests); otherwise it is the terminal's.
pub fn render(
    f: &Framework,
    origin: &str,
    digest: &str,
    guidance: bool,
    width: Option<u16>,
) -> String {
    let mut out = String::new();
    out.push_str(&format!("{}\n", neutralise(&f.name)));
    let organisation = f.organisation.as_deref().unwrap_or("built-in, not adapted");
    out.push_str(&format!(
        "Version {} · {}\n",
        neutralise(&f.version),
        neutralise(organisation)
    ));
    let jurisdiction = match f.jurisdiction {
        Some(j) => format!("{} ({})", j.name(), j.policy()),
        None => "any nation: the case details say which policy applies".to_owned(),
    };
    out.push_str(&format!("Jurisdiction: {jurisdiction}\n"));
    out.push_str(&format!("From: {}\nDigest: {digest}\n", neutralise(origin)));

    let width = width.unwrap_or_else(|| terminal::width(Table::new().width()));
    let sections = f.sections();
    let principles = f.principles.len();
    for section in &sections {
        out.push('\n');
        out.push_str(&heading(section, principles));
        if let Some(summary) = section.summary {
            out.push_str(&terminal::wrap(&neutralise(summary.trim()), width.into()));
        }
        let mut table = new_table(width);
        table.set_header(["#", "Question", "Answer", "Note"]);
        if let Some(column) = table.column_mut(2) {
            column.set_constraint(ColumnConstraint::UpperBoundary(Width::Percentage(30)));
        }
        for (number, item) in section.items.iter().enumerate() {
            table.add_row([
                (number + 1).to_string(),
                question(item, guidance),
                answer(item),
                note(item.note).to_owned(),
            ]);
        }
        out.push_str(&format!("{table}\n"));
    }

    if !f.support.is_empty() {
        out.push_str("\nSupport for the practitioner\n");
        let mut table = new_table(width);
        let contacts = f.support.iter().any(|s| s.contact.is_some());
        if contacts {
            table.set_header(["Where", "What it offers", "Contact"]);
        } else {
            table.set_header(["Where", "What it offers"]);
        }
        for s in &f.support {
            let mut row = vec![
                neutralise(&s.name).into_owned(),
                neutralise(s.detail.trim()).into_owned(),
            ];
            if contacts {
                row.push(neutralise(s.contact.as_deref().unwrap_or("")).into_owned());
            }
            table.add_row(row);
        }
        out.push_str(&format!("{table}\n"));
    }
    out.push_str(&format!(
        "\nDeclaration at sign-off\n{}\n",
        neutralise(f.declaration.trim())
    ));
    out
}

fn heading(section: &Section, principles: usize) -> String {
    match section.principle {
        Some(n) => format!(
            "Principle {n} of {principles} · {}\n",
            neutralise(section.title)
        ),
        None => format!("{}\n", section.title),
    }
}

fn new_table(width: u16) -> Table {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    table.set_width(width);
    table
}

fn question(item: &Item, guidance: bool) -> String {
    let mut text = neutralise(item.prompt.value.trim()).into_owned();
    if let (true, Some(g)) = (guidance, &item.guidance) {
        text.push_str(&format!("\n\n{}", neutralise(g.trim())));
    }
    text.push_str(&format!("\n· id: {}", neutralise(&item.id.value)));
    if let Some(when) = &item.when {
        text.push_str(&format!(
            "\n· only if {} is {}",
            neutralise(&when.item.value),
            neutralise(&when.answer.value)
        ));
    }
    text
}

fn answer(item: &Item) -> String {
    let mut text = match &item.answer {
        AnswerKind::Check => "Yes / No / N/A".to_owned(),
        AnswerKind::Text => "Text".to_owned(),
        AnswerKind::Date => "Date".to_owned(),
        AnswerKind::Choice(options) => {
            let labels: Vec<String> = options
                .iter()
                .map(|o| format!("• {}", neutralise(&o.label.value)))
                .collect();
            format!("One of:\n{}", labels.join("\n"))
        }
    };
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
