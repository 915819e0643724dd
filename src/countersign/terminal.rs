//! `fairness countersign` in a terminal: the record on one screen, then a menu to
//! countersign it, return it with comments, or leave it as it is.

use console::Style;

use crate::error::Error;
use crate::framework::Meaning;
use crate::prompter::review::summary;
use crate::record::Outcome;
use crate::terminal::neutralise;
use crate::tui::{Line, Paged, Terminal};
use crate::value::{check_name, check_text, shown_time};

use super::{Given, Opened, decision_lines, is_signer, rows};

const HINT: &str = "Enter confirm · ↑ back to the menu · Esc leave without doing anything";

/// Shows the record and asks what the reviewer does with it: what they gave, or `None`
/// when they leave without doing anything (nothing is written).
pub fn ask(t: &Terminal, opened: &Opened) -> Result<Option<Given>, Error> {
    let menu = [
        "Countersign".to_owned(),
        "Return with comments".to_owned(),
        "Leave without doing anything".to_owned(),
    ];
    let mut show = true;
    loop {
        if show {
            let after = 3 + menu.len();
            let room = t.rows().saturating_sub(1 + after);
            match t.page_before(&screen(t, opened, room), "lines", after) {
                Paged::Shown => {}
                Paged::Stopped => {
                    t.say("A review needs the whole summary read: nothing was written.");
                    return Ok(None);
                }
                Paged::Left => return Ok(None),
            }
            show = false;
        }
        let hint = "↑/↓ choose (nothing is chosen until you move) · Enter confirm · Esc leave without doing anything";
        let given = match t.select("What do you do with this record?", &menu, None, hint) {
            None | Some(2) => return Ok(None),
            Some(0) => countersigning(t, opened),
            Some(_) => giving_back(t, opened),
        };
        match given {
            Ok(given) => return Ok(Some(given)),
            Err(Away::Back) => {}
            Err(Away::Leave) => return Ok(None),
        }
    }
}

/// Why a question was left: ↑ (back to the menu) or Esc (leave, writing nothing).
enum Away {
    Back,
    Leave,
}

/// The reviewer's screen: who signed and when, where the record stands, the decision
/// in brief, then the sign-off summary of every part and every No with its note.
fn screen(t: &Terminal, opened: &Opened, room: usize) -> Vec<Vec<String>> {
    let record = &opened.record;
    let bold = Style::new().bold().cyan();
    let mut head = vec![
        String::new(),
        bold.apply_to(format!(
            "Review of case {}",
            neutralise(&record.case.reference)
        ))
        .to_string(),
    ];
    if let Some(s) = &record.sign_off {
        head.push(format!(
            "Signed by {}, at {}",
            s.signer(),
            shown_time(&s.signed)
        ));
    }
    head.push(format!("Standing: {}", record.standing().describe()));
    if let Some(why) = record
        .sign_off
        .as_ref()
        .and_then(|s| s.countersignature.as_deref())
    {
        head.push(t.wrapped(
            &format!("Why it needs a countersignature: {}", neutralise(why)),
            "",
        ));
    }
    for (what, said) in decision_lines(record) {
        head.push(t.wrapped(&format!("{what}: {said}"), "  "));
    }
    for review in &record.reviews {
        head.push(t.wrapped(
            &format!(
                "{} by {}, {}, at {}{}",
                if review.outcome == Outcome::Returned {
                    "Returned"
                } else {
                    "Countersigned"
                },
                neutralise(&review.name),
                neutralise(&review.role),
                shown_time(&review.at),
                review
                    .comment
                    .as_deref()
                    .map(|c| format!(": {}", neutralise(c)))
                    .unwrap_or_default()
            ),
            "  ",
        ));
    }
    let head: Vec<String> = head
        .into_iter()
        .flat_map(|l| l.lines().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    let rest = room.saturating_sub(head.len());
    let mut blocks = vec![head];
    blocks.extend(summary(&rows(record), t.width(), rest));
    blocks
}

/// A line, trimmed; or why it was left.
fn text(
    t: &Terminal,
    prompt: &str,
    check: &dyn Fn(&str) -> Result<(), String>,
) -> Result<String, Away> {
    match t.line(prompt, "", true, HINT, check) {
        Line::Text(text) => Ok(text.trim().to_owned()),
        Line::Back => Err(Away::Back),
        Line::Leave(_) => Err(Away::Leave),
    }
}

/// The reviewer's name and role, asked again while they are the signer's.
fn who(t: &Terminal, opened: &Opened) -> Result<(String, String), Away> {
    loop {
        let name = text(t, "Your name", &check_name)?;
        let role = text(t, "Your role (for example Medical Director)", &check_name)?;
        if !is_signer(&opened.record, &name, &role) {
            return Ok((name, role));
        }
        t.error(&crate::error::CountersignRefusal::Signer);
        t.say("Give your own name and role, or press Esc to leave.");
    }
}

fn countersigning(t: &Terminal, opened: &Opened) -> Result<Given, Away> {
    let meaning = choose_meaning(t, &opened.meanings)?;
    let (name, role) = who(t, opened)?;
    t.say("");
    t.say(
        &Style::new()
            .bold()
            .apply_to(format!("Declaration: {}", neutralise(&meaning.label)))
            .to_string(),
    );
    t.say(&t.wrapped(&meaning.declaration, "  "));
    t.say("");
    let confirm = |typed: &str| {
        if typed.trim().eq_ignore_ascii_case(&name) {
            Ok(())
        } else {
            Err(format!(
                "that is not the name you gave (\"{}\")",
                neutralise(&name)
            ))
        }
    };
    text(t, "Type your name to countersign", &confirm)?;
    let optional = |c: &str| {
        if c.trim().is_empty() {
            Ok(())
        } else {
            check_text(c)
        }
    };
    let comment = text(t, "A comment (optional, Enter for none)", &optional)?;
    Ok(Given {
        outcome: Outcome::Countersigned,
        meaning: meaning.id.value.clone(),
        name,
        role,
        declaration: Some(meaning.declaration.clone()),
        comment: (!comment.is_empty()).then_some(comment),
    })
}

fn giving_back(t: &Terminal, opened: &Opened) -> Result<Given, Away> {
    let meaning = choose_meaning(t, &opened.meanings)?;
    let (name, role) = who(t, opened)?;
    let comments = text(
        t,
        "Your comments for the case manager (what should be looked at again)",
        &check_text,
    )?;
    Ok(Given {
        outcome: Outcome::Returned,
        meaning: meaning.id.value.clone(),
        name,
        role,
        declaration: None,
        comment: Some(comments),
    })
}

/// The meaning to review with: asked only when there is more than one.
fn choose_meaning<'m>(t: &Terminal, meanings: &'m [Meaning]) -> Result<&'m Meaning, Away> {
    if let [only] = meanings {
        return Ok(only);
    }
    let labels: Vec<String> = meanings
        .iter()
        .map(|m| neutralise(&m.label).into_owned())
        .collect();
    match t.select(
        "You review this record as",
        &labels,
        Some(0),
        "↑/↓ choose · Enter confirm · Esc leave without doing anything",
    ) {
        Some(i) => Ok(&meanings[i]),
        None => Err(Away::Leave),
    }
}
