//! `fairness countersign` in a terminal: the record on one screen, then a menu to
//! countersign it, return it with comments, or leave it as it is.

use console::Style;

use crate::checklist::amend::changed_since_superseded;
use crate::error::Error;
use crate::framework::Meaning;
use crate::prompter::review::summary_headed;
use crate::record::Outcome;
use crate::terminal::neutralise;
use crate::tui::{Line, Paged, Terminal};
use crate::value::{check_name, check_text, shown_time};

use super::{Given, Opened, decision_lines, is_signer, rows};

const HINT: &str = "Enter confirm · ↑ back to the menu · Esc leave without doing anything";

/// What the reviewer did at the terminal.
#[derive(Debug)]
pub enum Asked {
    /// A countersignature or a return, to be written.
    Given(Given),
    /// "Leave without doing anything", chosen from the menu: nothing is written.
    Left,
    /// Stopped part-way (Esc, Ctrl-C, a closed terminal, `q` in the summary): nothing is
    /// written, and the command ends as an interrupted `run` does.
    Stopped,
}

/// What the pager says of Esc: nothing is saved by leaving a review.
const PAGER_LEAVE: &str = "Esc leave";

/// Shows the record and asks what the reviewer does with it.
pub fn ask(t: &Terminal, opened: &Opened) -> Result<Asked, Error> {
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
            match t.page_before_leaving(&screen(t, opened, room), "lines", after, PAGER_LEAVE) {
                Paged::Shown => {}
                Paged::Stopped => {
                    // What was written (nothing) is said once, on the way out.
                    t.say("A review needs the whole summary read.");
                    return Ok(Asked::Stopped);
                }
                Paged::Left => return Ok(Asked::Stopped),
            }
            show = false;
        }
        let hint = "↑/↓ choose (nothing is chosen until you move) · Enter confirm · Esc leave without doing anything";
        let given = match t.select("What do you do with this record?", &menu, None, hint) {
            None => return Ok(Asked::Stopped),
            Some(2) => return Ok(Asked::Left),
            Some(0) => countersigning(t, opened),
            Some(_) => giving_back(t, opened),
        };
        match given {
            Ok(given) => return Ok(Asked::Given(given)),
            Err(Away::Back) => {}
            Err(Away::Leave) => return Ok(Asked::Stopped),
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
    if let Some(s) = &record.case.supersedes {
        head.push(t.wrapped(
            &format!(
                "Version {}, superseding the record sealed {} — reason: {}",
                record.case.version,
                neutralise(&s.seal),
                neutralise(&s.reason)
            ),
            "",
        ));
        let changed = changed_since_superseded(record);
        if changed.is_empty() {
            head.push("No answer was changed since the version it supersedes.".to_owned());
        } else {
            head.push(format!(
                "Changed since version {}:",
                record.case.version.saturating_sub(1)
            ));
            // Labels from the record's own framework, when it is at hand.
            let framework = crate::export::frameworks::own_framework(record);
            for change in changed {
                head.push(t.wrapped(&change_line(record, change, framework.as_ref()), "  "));
            }
        }
    }
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
    blocks.extend(summary_headed(
        &rows(record),
        t.width(),
        rest,
        "The record as signed: the case on one screen",
    ));
    blocks
}

/// One change made since the superseded version, in words: the item, what it was and
/// is, when, who made it and why.
fn change_line(
    record: &crate::record::Record,
    change: &crate::record::Change,
    framework: Option<&crate::framework::Framework>,
) -> String {
    use crate::record::Event;
    let item = change.item.as_deref().unwrap_or_default();
    let prompt = record
        .answer(item)
        .map_or_else(|| item.to_owned(), |a| a.prompt.clone());
    let shown = |a: &Option<String>| {
        a.as_deref().map_or_else(
            || "nothing".to_owned(),
            |a| {
                let label = crate::export::document::answer_label(record, item, a, framework);
                format!("\u{201c}{}\u{201d}", label.as_deref().unwrap_or(a))
            },
        )
    };
    let what = match change.event {
        Event::Cleared => format!("cleared (was {})", shown(&change.old_answer)),
        Event::Withdrawn => format!(
            "withdrawn, no longer asked (was {})",
            shown(&change.old_answer)
        ),
        _ if change.old_answer.is_none() => format!("added: {}", shown(&change.new_answer)),
        _ if change.old_answer == change.new_answer => "note changed".to_owned(),
        _ => format!(
            "{} → {}",
            shown(&change.old_answer),
            shown(&change.new_answer)
        ),
    };
    let mut text = format!("{prompt}: {what} · {}", shown_time(&change.at));
    if let Some(by) = &change.by {
        text.push_str(&format!(" · by {by}"));
    }
    if let Some(reason) = &change.reason {
        text.push_str(&format!(" · reason: \u{201c}{reason}\u{201d}"));
    }
    neutralise(&text).into_owned()
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

/// The reviewer's name, asked again while it is the signer's, then their role.
fn who(t: &Terminal, opened: &Opened) -> Result<(String, String), Away> {
    let name = loop {
        let name = text(t, "Your name", &check_name)?;
        if !is_signer(&opened.record, &name) {
            break name;
        }
        t.error(&crate::error::CountersignRefusal::Signer);
        t.say("Give your own name, or press Esc to leave.");
    };
    let role = text(t, "Your role (for example Medical Director)", &check_name)?;
    Ok((name, role))
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
        None,
        "↑/↓ choose (nothing is chosen until you move) · Enter confirm · Esc leave without doing anything",
    ) {
        Some(i) => Ok(&meanings[i]),
        None => Err(Away::Leave),
    }
}
