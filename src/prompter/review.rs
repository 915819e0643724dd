//! The review of a case and its sign-off, as the terminal shows them: the table of
//! answers, what sign-off still needs, and the signer's typed confirmation. The
//! [`Prompter`](crate::checklist::Prompter) methods for these, in `terminal.rs`, call
//! the functions here.

use comfy_table::{ContentArrangement, Table, presets};
use console::Style;

use crate::checklist::{DateOrder, Lacks, Missing, Reply, ReviewChoice, ReviewRow};
use crate::error::Error;
use crate::record::Signer;
use crate::terminal::neutralise;
use crate::tui::{Line, Terminal, cut};

/// Shows every answer, what sign-off still needs and any dates out of order, and asks
/// what to do next.
pub fn review(
    t: &Terminal,
    rows: &[ReviewRow],
    missing: &[Missing],
    dates: &[DateOrder],
) -> Result<ReviewChoice, Error> {
    t.say("");
    t.say(&Style::new().bold().cyan().apply_to("Review").to_string());
    let mut legend: Vec<String> = Vec::new();
    for row in rows {
        let entry = format!("{}: {}", row.section, row.title);
        if row.section != row.title && !legend.contains(&entry) {
            legend.push(entry);
        }
    }
    if !legend.is_empty() {
        t.say_wrapped(&neutralise(&legend.join(" · ")));
    }
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(t.width() as u16)
        .set_header(["#", "Part", "Item", "Answer", "Note"]);
    for (n, row) in rows.iter().enumerate() {
        let answer = match (&row.answer, row.required) {
            (Some(a), _) => shorten(&neutralise(a)),
            (None, true) => "— missing".to_owned(),
            (None, false) => "—".to_owned(),
        };
        let lacks_note = missing
            .iter()
            .any(|m| m.item == row.item && m.what == Lacks::Note);
        let note = match &row.note {
            Some(n) => shorten(&neutralise(n)),
            None if lacks_note => "— missing".to_owned(),
            None => String::new(),
        };
        table.add_row([
            (n + 1).to_string(),
            neutralise(&row.section).into_owned(),
            neutralise(&row.prompt).into_owned(),
            answer,
            note,
        ]);
    }
    t.say(&table.to_string());
    let answered = rows.iter().filter(|r| r.answer.is_some()).count();
    t.say(&format!("{answered} of {} items answered.", rows.len()));
    if rows.iter().any(|r| {
        r.answer
            .as_deref()
            .is_some_and(|a| a.chars().count() > SHORT)
    }) || rows
        .iter()
        .any(|r| r.note.as_deref().is_some_and(|n| n.chars().count() > SHORT))
    {
        t.say_wrapped(
            "Long answers and notes are shortened here (…); the record keeps them whole.",
        );
    }
    if !dates.is_empty() {
        t.say("");
        t.say(
            &Style::new()
                .yellow()
                .bold()
                .apply_to("Dates to check (they do not stop sign-off):")
                .to_string(),
        );
        for order in dates {
            // A list entry, its lines after the first indented under its text.
            let entry = t.wrapped(&format!("{}.", sentence(&order.to_string())), "    ");
            t.say(&format!("  - {}", &entry[4..]));
        }
        t.say("");
    }
    if missing.is_empty() {
        t.say_wrapped("Everything required is answered: the record can be signed off.");
    } else {
        t.say_wrapped(&format!(
            "Sign-off still needs {} more: {}",
            missing.len(),
            missing
                .iter()
                .map(|m| format!("`{}`", m.item))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let menu = [
        "Sign off".to_owned(),
        "Change an answer".to_owned(),
        "Save and leave (the record stays a draft)".to_owned(),
    ];
    let menu_hint = "↑/↓ choose · Enter confirm · Esc save and leave";
    loop {
        let default = if missing.is_empty() { 0 } else { 1 };
        match t.select("What next?", &menu, Some(default), menu_hint) {
            None => return Ok(ReviewChoice::Interrupted),
            Some(0) => return Ok(ReviewChoice::SignOff),
            Some(2) => return Ok(ReviewChoice::Leave),
            Some(_) => {
                // One line per answer, whatever the width of the terminal.
                let room = t.width().saturating_sub(8);
                let mut items: Vec<String> = rows
                    .iter()
                    .enumerate()
                    .map(|(n, r)| {
                        let answer = cut(r.answer.as_deref().unwrap_or("—"), room / 3);
                        let prompt =
                            cut(&r.prompt, room.saturating_sub(answer.chars().count() + 3));
                        neutralise(&format!("{:>2}. {prompt} [{answer}]", n + 1)).into_owned()
                    })
                    .collect();
                items.push("← Back to the menu".to_owned());
                let first_gap = rows
                    .iter()
                    .position(|r| missing.iter().any(|m| m.item == r.item))
                    .unwrap_or(0);
                match t.select(
                    "Which answer?",
                    &items,
                    Some(first_gap),
                    "↑/↓ choose · Enter change it · Esc back to the menu",
                ) {
                    Some(i) if i < rows.len() => match &rows[i].fixed {
                        // Not asked: said why, and back to the menu.
                        Some(why) => {
                            t.say("");
                            t.say_wrapped(&format!("{}.", sentence(&neutralise(why))));
                            continue;
                        }
                        None => return Ok(ReviewChoice::Change(rows[i].index)),
                    },
                    _ if t.stopped() => return Ok(ReviewChoice::Interrupted),
                    _ => continue,
                }
            }
        }
    }
}

/// Sign-off was asked for but these are still needed.
pub fn cannot_sign(t: &Terminal, missing: &[Missing]) -> Result<(), Error> {
    let red = Style::new().red().bold();
    t.say("");
    t.say(
        &red.apply_to("Sign-off is not possible yet. Still needed:")
            .to_string(),
    );
    for m in missing {
        let what = match m.what {
            Lacks::Answer => "not answered",
            Lacks::Note => "needs a note",
        };
        let prompt: String = m.prompt.chars().take(70).collect();
        t.say(&format!(
            "  - `{}` ({what}): {}",
            m.item,
            neutralise(&prompt)
        ));
    }
    t.say("Choose \"Change an answer\" to complete them.");
    Ok(())
}

/// Asks who signs, shows the declaration and has the signer confirm it.
pub fn signer(t: &Terminal, declaration: &str) -> Result<Reply<Signer>, Error> {
    t.say("");
    t.say(&Style::new().bold().cyan().apply_to("Sign-off").to_string());
    let hint = "Enter confirm · ↑ back to the review · Esc save and leave";
    let check_name = |t: &str| crate::value::check_name(t);
    let name = match t.line("Your name", "", true, hint, &check_name) {
        Line::Text(t) => t.trim().to_owned(),
        Line::Back => return Ok(Reply::Back),
        Line::Leave(_) => return Ok(Reply::Leave),
    };
    let role = match t.line(
        "Your role (for example Case manager)",
        "",
        true,
        hint,
        &check_name,
    ) {
        Line::Text(t) => t.trim().to_owned(),
        Line::Back => return Ok(Reply::Back),
        Line::Leave(_) => return Ok(Reply::Leave),
    };
    t.say("");
    t.say(&Style::new().bold().apply_to("Declaration").to_string());
    t.say(&t.wrapped(declaration, "  "));
    t.say("");
    let hint = format!(
        "To sign this declaration, type your name again ({}) · Enter on an empty line to go back to the review",
        neutralise(&name)
    );
    let confirm = |t: &str| {
        if t.trim().is_empty() || t.trim().eq_ignore_ascii_case(&name) {
            Ok(())
        } else {
            Err(format!(
                "that is not the name you gave (\"{}\")",
                neutralise(&name)
            ))
        }
    };
    match t.line("Type your name to sign", "", false, &hint, &confirm) {
        Line::Text(t) if t.trim().is_empty() => Ok(Reply::Back),
        Line::Text(_) => Ok(Reply::Value(Signer { name, role })),
        Line::Back => Ok(Reply::Back),
        Line::Leave(_) => Ok(Reply::Leave),
    }
}

/// A message as a sentence: its first letter a capital.
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How many characters of an answer or note the review table shows.
const SHORT: usize = 160;

/// `text` cut to [`SHORT`] characters, on one line, for the review table.
fn shorten(text: &str) -> String {
    cut(text, SHORT)
}
