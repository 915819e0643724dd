//! The review of a case and its sign-off, as the terminal shows them: the answers by
//! part, what sign-off still needs, the case on one screen before signing, and the
//! signer's typed confirmation. The [`Prompter`](crate::checklist::Prompter) methods
//! for these, in `terminal.rs`, call the functions here.
//!
//! Every answer that asks to be looked at again is marked in words as well as colour,
//! so that it stands out on a terminal without colour too: `✘ No`, `– Not
//! applicable`, `! missing`, `! note missing`, `? unconfirmed`, `! date to check`.
//! An item *needs attention* when it carries one of those marks: a check answered No
//! or Not applicable where the framework asks for a note with a No (a No to "is the
//! practitioner a doctor in training?" is a plain fact, and is not counted), anything
//! sign-off still needs, typed text not yet confirmed, or a date out of order. The review opens on those items alone (a case's forty-odd
//! answers do not fit a screen); "Show everything" lists every answer, and the choice
//! holds for the rest of the sitting.

use std::sync::atomic::{AtomicBool, Ordering};

use console::{Style, measure_text_width};

use crate::checklist::{DateOrder, Lacks, Missing, Reply, ReviewChoice, ReviewRow};
use crate::error::Error;
use crate::framework::CheckAnswer;
use crate::record::Signer;
use crate::terminal::neutralise;
use crate::tui::{Line, Paged, Terminal, cut};

/// Whether the review lists every answer rather than only what needs attention: the
/// person's choice, kept for the rest of the sitting (there is one a process).
static EVERYTHING: AtomicBool = AtomicBool::new(false);

/// The mark of an item that holds typed text not yet confirmed.
const UNCONFIRMED: &str = "? unconfirmed";
/// The mark of a date answered out of the order the framework asks for.
const DATE_TO_CHECK: &str = "! date to check";

/// From this many columns on, the review is a table of four columns; on a narrower
/// terminal, each item's answer and note go under its prompt.
const TABLE_FROM: usize = 90;

/// Where what sign-off still needs shows in a row of the review.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Answer,
    Note,
}

/// How the review shows one thing sign-off still needs: its mark, where it goes, and
/// the words that say it when sign-off is refused.
struct Lack {
    mark: &'static str,
    place: Place,
    words: &'static str,
}

/// The one place that knows each thing sign-off can still need.
fn lack(what: Lacks) -> Lack {
    let (mark, place, words) = match what {
        Lacks::Answer => ("! missing", Place::Answer, "not answered"),
        Lacks::Note => ("! note missing", Place::Note, "needs a note"),
        Lacks::Unconfirmed => (UNCONFIRMED, Place::Answer, "holds unconfirmed text"),
    };
    Lack { mark, place, words }
}

/// What the review looks at for one row: the things sign-off still needs of it and
/// whether one of its dates is out of order.
struct Context<'a> {
    missing: &'a [Missing],
    dates: &'a [DateOrder<'a>],
    /// Whether long answers and notes are shown whole, as they are where only what
    /// needs attention is listed (the few rows a signer must read), or shortened, as
    /// they are in the list of every answer.
    whole: bool,
}

impl Context<'_> {
    fn lacks(&self, row: &ReviewRow) -> impl Iterator<Item = Lack> {
        let item = row.item.clone();
        self.missing
            .iter()
            .filter(move |m| m.item == item)
            .map(|m| lack(m.what))
    }

    fn date_to_check(&self, row: &ReviewRow) -> bool {
        self.dates.iter().any(|d| d.later.0.id.value == row.item)
    }

    /// Whether `row` carries a mark: see the module's documentation.
    fn needs_attention(&self, row: &ReviewRow) -> bool {
        (row.no_matters
            && matches!(
                row.checked,
                Some(CheckAnswer::No | CheckAnswer::NotApplicable)
            ))
            || row.unconfirmed
            || self.lacks(row).next().is_some()
            || self.date_to_check(row)
    }

    /// The lines of `row`'s answer, each with its style: the answer (or that it is
    /// missing), then every mark that goes with it.
    fn answer(&self, row: &ReviewRow, short: bool) -> Vec<(String, Style)> {
        let mut lines = Vec::new();
        let lacks: Vec<Lack> = self
            .lacks(row)
            .filter(|l| l.place == Place::Answer)
            .collect();
        match (&row.answer, row.checked) {
            (Some(_), Some(CheckAnswer::No)) => lines.push(("✘ No".to_owned(), red())),
            (Some(a), Some(CheckAnswer::NotApplicable)) => {
                let label = if short { "N/A" } else { a.as_str() };
                lines.push((format!("– {}", neutralise(label)), yellow()));
            }
            (Some(a), _) => lines.push((self.shorten(a), Style::new())),
            // Said by the mark that follows.
            (None, _) if lacks.iter().any(|l| l.mark == lack(Lacks::Answer).mark) => {}
            (None, _) if short => lines.push(("—".to_owned(), Style::new().dim())),
            (None, _) if row.required => {
                lines.push(("— not answered".to_owned(), Style::new().dim()));
            }
            (None, _) => lines.push(("— not answered (optional)".to_owned(), Style::new().dim())),
        }
        let mut marks: Vec<&str> = lacks.iter().map(|l| l.mark).collect();
        if row.unconfirmed {
            marks.push(UNCONFIRMED);
        }
        if self.date_to_check(row) {
            marks.push(DATE_TO_CHECK);
        }
        marks.dedup();
        for mark in marks {
            if !lines.iter().any(|(l, _)| l == mark) {
                lines.push((mark.to_owned(), red()));
            }
        }
        lines
    }

    /// `text` made safe to show, and cut to [`SHORT`] characters on one line unless
    /// this review shows text whole.
    fn shorten(&self, text: &str) -> String {
        let safe = neutralise(text);
        if self.whole {
            safe.into_owned()
        } else {
            cut(&safe, SHORT)
        }
    }

    /// The lines of `row`'s note: the note, and a mark if one is needed and missing.
    fn note(&self, row: &ReviewRow) -> Vec<(String, Style)> {
        let mut lines = Vec::new();
        if let Some(note) = &row.note {
            lines.push((self.shorten(note), Style::new()));
        }
        for l in self.lacks(row).filter(|l| l.place == Place::Note) {
            lines.push((l.mark.to_owned(), red()));
        }
        lines
    }
}

fn red() -> Style {
    Style::new().red().bold()
}

fn yellow() -> Style {
    Style::new().yellow()
}

/// Shows the answers (those that need attention, or all of them), what sign-off still
/// needs and any dates out of order, and asks what to do next.
pub fn review(
    t: &Terminal,
    rows: &[ReviewRow],
    missing: &[Missing],
    dates: &[DateOrder],
) -> Result<ReviewChoice, Error> {
    let mut draw = true;
    loop {
        let everything = EVERYTHING.load(Ordering::Relaxed);
        let context = Context {
            missing,
            dates,
            whole: !everything,
        };
        if draw && show(t, rows, &context, everything) == Paged::Left {
            return Ok(ReviewChoice::Interrupted);
        }
        draw = false;
        let toggle = if everything {
            "Show only what needs attention".to_owned()
        } else {
            format!("Show everything (all {} items)", rows.len())
        };
        let menu = [
            "Sign off".to_owned(),
            "Change an answer".to_owned(),
            "Save and leave (the record stays a draft)".to_owned(),
            toggle,
        ];
        // Nothing is marked at first: Enter has just turned the pager's pages, and a
        // second one, pressed in a hurry, must not sign off (or do anything else).
        match t.select("What next?", &menu, None, MENU_HINT) {
            None => return Ok(ReviewChoice::Interrupted),
            Some(0) => return Ok(ReviewChoice::SignOff),
            Some(2) => return Ok(ReviewChoice::Leave),
            Some(3) => {
                EVERYTHING.store(!everything, Ordering::Relaxed);
                draw = true;
            }
            Some(_) => match change(t, rows, &context) {
                Some(choice) => return Ok(choice),
                None if t.stopped() => return Ok(ReviewChoice::Interrupted),
                None => {}
            },
        }
    }
}

/// The review itself: a heading, the rows shown (a page at a time when they are taller
/// than the screen), and what sign-off still needs.
fn show(t: &Terminal, rows: &[ReviewRow], context: &Context, everything: bool) -> Paged {
    let attention: Vec<&ReviewRow> = rows.iter().filter(|r| context.needs_attention(r)).collect();
    let heading = if everything {
        "Review · every answer"
    } else {
        "Review · what needs attention"
    };
    let mut intro = vec![
        String::new(),
        Style::new().bold().cyan().apply_to(heading).to_string(),
    ];
    // Repeated here, where the pager keeps it in sight: what the amend sitting said
    // first has scrolled away by now on a small screen.
    if let Some(amends) = &t.amendment {
        let said = t.wrapped(&format!("Amending {amends}."), "");
        intro.extend(said.lines().map(str::to_owned));
    }
    let shown: Vec<&ReviewRow> = if everything {
        rows.iter().collect()
    } else {
        let said = t.wrapped(&attention_summary(rows, &attention, context), "");
        intro.extend(said.lines().map(str::to_owned));
        attention.clone()
    };
    let mut blocks = vec![intro];
    blocks.extend(table(&shown, context, t.columns()));
    let footer = footer(t, rows, &shown, context);
    // The menu that follows: its hint, its head, its entries, and the row the cursor
    // waits on.
    let menu = t.wrapped(MENU_HINT, "").lines().count() + 1 + MENU_ENTRIES + 1;
    let paged = t.page_before(&blocks, "lines", footer.len() + menu);
    if paged == Paged::Left {
        return paged;
    }
    for line in &footer {
        t.say(line);
    }
    paged
}

/// The keys of the review's menu.
const MENU_HINT: &str =
    "↑/↓ choose (nothing is chosen until you move) · Enter confirm · Esc save and leave";
/// How many entries the review's menu has.
const MENU_ENTRIES: usize = 4;

/// What the review says after its rows: how many are answered, what its marks mean,
/// the dates to check and what sign-off still needs, a line each.
fn footer(
    t: &Terminal,
    rows: &[ReviewRow],
    shown: &[&ReviewRow],
    context: &Context,
) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut say = |text: String| {
        if text.is_empty() {
            lines.push(text);
        } else {
            lines.extend(text.lines().map(str::to_owned));
        }
    };
    let answered = rows.iter().filter(|r| r.answer.is_some()).count();
    say(format!("{answered} of {} items answered.", rows.len()));
    let long = |text: &Option<String>| text.as_deref().is_some_and(|a| a.chars().count() > SHORT);
    if !context.whole && shown.iter().any(|r| long(&r.answer) || long(&r.note)) {
        say(t.wrapped(
            "Long answers and notes are shortened here (…); the record keeps them whole.",
            "",
        ));
    }
    if shown.iter().any(|r| r.unconfirmed) {
        say(t.wrapped(
            &format!(
                "{UNCONFIRMED}: text was typed there and not confirmed; it is kept, not recorded. \
                 Choose \"Change an answer\" to confirm it with Enter, clear it with Ctrl-U, \
                 or put back what was saved before with Ctrl-R."
            ),
            "",
        ));
    }
    if !context.dates.is_empty() {
        say(String::new());
        say(Style::new()
            .yellow()
            .bold()
            .apply_to("Dates to check (they do not stop sign-off):")
            .to_string());
        for order in context.dates {
            // A list entry, its lines after the first indented under its text.
            let entry = t.wrapped(&format!("{}.", sentence(&order.to_string())), "    ");
            say(format!("  - {}", &entry[4..]));
        }
        say(String::new());
    }
    if context.missing.is_empty() {
        say(t.wrapped(
            "Everything required is answered: the record can be signed off.",
            "",
        ));
    } else {
        say(t.wrapped(
            &format!(
                "Sign-off still needs {} more: {}",
                context.missing.len(),
                context
                    .missing
                    .iter()
                    .map(|m| format!("`{}`", m.item))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "",
        ));
    }
    lines
}

/// What the attention-only review leaves out, and how many of each mark it shows.
fn attention_summary(rows: &[ReviewRow], attention: &[&ReviewRow], context: &Context) -> String {
    let count = |f: &dyn Fn(&ReviewRow) -> bool| attention.iter().filter(|r| f(r)).count();
    let mut kinds = Vec::new();
    for (n, what) in [
        (count(&|r| r.checked == Some(CheckAnswer::No)), "No"),
        (
            count(&|r| r.checked == Some(CheckAnswer::NotApplicable)),
            "Not applicable",
        ),
        (
            count(&|r| context.lacks(r).next().is_some()),
            "with something missing",
        ),
        (count(&|r| r.unconfirmed), "with unconfirmed text"),
        (count(&|r| context.date_to_check(r)), "with a date to check"),
    ] {
        if n > 0 {
            kinds.push(format!("{n} {what}"));
        }
    }
    if attention.is_empty() {
        return format!(
            "Nothing needs attention: nothing is missing, and no check that asks for a reason \
             with a No is answered No or Not applicable. \
             Choose \"Show everything\" to read all {} answers.",
            rows.len()
        );
    }
    format!(
        "{} of {} items need attention ({}); choose \"Show everything\" to see the other {} too.",
        attention.len(),
        rows.len(),
        kinds.join(", "),
        rows.len() - attention.len()
    )
}

/// The rows, by part, as blocks of lines for [`Terminal::page_before`]: a table of four columns
/// on a wide terminal, and each item's answer and note under its prompt on a narrow one.
fn table(rows: &[&ReviewRow], context: &Context, columns: usize) -> Vec<Vec<String>> {
    // The last column is left free: a line that fills the terminal's width makes some
    // terminals wrap an empty line after it.
    let width = columns.saturating_sub(1).max(39);
    let wide = columns >= TABLE_FROM;
    // #, gap, item, gap, answer, gap, note.
    let room = width.saturating_sub(4 + 2 + 2);
    let cells: Vec<[Vec<String>; 3]> = rows
        .iter()
        .map(|r| {
            let plain = |lines: Vec<(String, Style)>| lines.into_iter().map(|(l, _)| l).collect();
            [
                vec![neutralise(&r.prompt).into_owned()],
                plain(context.answer(r, false)),
                plain(context.note(r)),
            ]
        })
        .collect();
    let [item_width, answer_width, note_width] = widths(&cells, room);
    let mut blocks: Vec<Vec<String>> = Vec::new();
    let mut part: Option<&str> = None;
    for row in rows {
        let mut block = Vec::new();
        if part != Some(row.section.as_str()) {
            part = Some(&row.section);
            block.push(String::new());
            let title = if row.section == row.title {
                neutralise(&row.section).into_owned()
            } else {
                format!("{} · {}", neutralise(&row.section), neutralise(&row.title))
            };
            block.push(
                Style::new()
                    .bold()
                    .cyan()
                    .apply_to(cut(&title, width))
                    .to_string(),
            );
            // The columns are named once, under the first part's title.
            if wide && blocks.is_empty() {
                let header = format!(
                    "{:>2}  {}  {}  Note",
                    "#",
                    pad("Item", item_width),
                    pad("Answer", answer_width)
                );
                block.push(Style::new().dim().apply_to(header).to_string());
            }
        }
        let number = format!("{:>2}", row.number);
        let prompt = neutralise(&row.prompt).into_owned();
        let answer = context.answer(row, false);
        let note = context.note(row);
        if wide {
            let cells = [
                vec![(number, Style::new())],
                fit_styled(&[(prompt, Style::new())], item_width),
                fit_styled(&answer, answer_width),
                fit_styled(&note, note_width),
            ];
            let widths = [2, item_width, answer_width, note_width];
            let height = cells.iter().map(Vec::len).max().unwrap_or(1);
            for i in 0..height {
                let mut line = String::new();
                for (c, cell) in cells.iter().enumerate() {
                    let (text, style) = cell.get(i).cloned().unwrap_or_default();
                    if c > 0 {
                        line.push_str("  ");
                    }
                    let last = c + 1 == cells.len();
                    line.push_str(&style.apply_to(&text).to_string());
                    if !last {
                        let gap = widths[c].saturating_sub(measure_text_width(&text));
                        line.push_str(&" ".repeat(gap));
                    }
                }
                block.push(line.trim_end().to_owned());
            }
        } else {
            let indent = "    ";
            let text_width = width.saturating_sub(indent.len());
            for (i, line) in fit(&prompt, text_width).into_iter().enumerate() {
                let lead = if i == 0 {
                    format!("{number}  ")
                } else {
                    indent.to_owned()
                };
                block.push(format!("{lead}{line}"));
            }
            for (text, style) in fit_styled(&answer, text_width) {
                block.push(format!("{indent}{}", style.apply_to(text)));
            }
            let mut note = note.into_iter();
            if let Some((first, style)) = note.next() {
                let labelled = if style == Style::new() {
                    format!("Note: {first}")
                } else {
                    first
                };
                for (text, _) in fit_styled(&[(labelled, style.clone())], text_width) {
                    block.push(format!("{indent}{}", style.apply_to(text)));
                }
            }
            for (text, style) in fit_styled(&note.collect::<Vec<_>>(), text_width) {
                block.push(format!("{indent}{}", style.apply_to(text)));
            }
        }
        // Under the item, at either width: each change to its confirmed answer, with
        // who made it and why.
        for change in &row.changes {
            let lines = fit(
                &format!("↺ {}", neutralise(change)),
                width.saturating_sub(6),
            );
            for (i, line) in lines.into_iter().enumerate() {
                let lead = if i == 0 { "    " } else { "      " };
                block.push(format!("{lead}{}", Style::new().dim().apply_to(line)));
            }
        }
        blocks.push(block);
    }
    blocks
}

/// The widths of the table's item, answer and note columns, sharing `room` columns so
/// that the rows of `cells` (each row's three cells, a cell's lines) take as few lines
/// as they can: each column is at least wide enough for a mark and a few words.
fn widths(cells: &[[Vec<String>; 3]], room: usize) -> [usize; 3] {
    const LEAST: [usize; 3] = [20, 16, 16];
    let most = room.saturating_sub(LEAST.iter().sum::<usize>());
    if most == 0 || cells.is_empty() {
        let third = room / 3;
        return [room - 2 * third, third, third];
    }
    // lines[c][r][w]: the lines row r's cell in column c takes at width LEAST[c] + w.
    let lines: Vec<Vec<Vec<usize>>> = (0..3)
        .map(|c| {
            cells
                .iter()
                .map(|row| {
                    let words: Vec<Vec<usize>> = row[c]
                        .iter()
                        .map(|l| l.split_whitespace().map(measure_text_width).collect())
                        .collect();
                    (0..=most)
                        .map(|w| words.iter().map(|l| lines_of(l, LEAST[c] + w)).sum())
                        .collect()
                })
                .collect()
        })
        .collect();
    let mut best = (usize::MAX, [0, 0]);
    for a in 0..=most {
        for i in 0..=most - a {
            let n = most - a - i;
            let total: usize = (0..cells.len())
                .map(|r| lines[0][r][i].max(lines[1][r][a]).max(lines[2][r][n]))
                .sum();
            if total < best.0 {
                best = (total, [i, a]);
            }
        }
    }
    let [i, a] = best.1;
    [LEAST[0] + i, LEAST[1] + a, LEAST[2] + most - i - a]
}

/// The lines words of these widths take, wrapped at `width` as [`fit`] wraps them.
fn lines_of(words: &[usize], width: usize) -> usize {
    let width = width.max(1);
    let mut lines = 1;
    let mut used = 0;
    for &len in words {
        if used > 0 && used + 1 + len <= width {
            used += 1 + len;
        } else if used == 0 && len <= width {
            used = len;
        } else {
            // A new line; a word longer than a line is broken over several.
            if used > 0 {
                lines += 1;
            }
            lines += (len.max(1) - 1) / width;
            used = (len - 1) % width + 1;
        }
    }
    lines
}

/// Asks which answer to change: `None` to go back to the menu.
fn change(t: &Terminal, rows: &[ReviewRow], context: &Context) -> Option<ReviewChoice> {
    // One line per answer, whatever the width of the terminal; numbered as the item
    // screens number them, within each part. (A menu entry is one line of words: it
    // cannot be padded into columns.)
    let room = t.columns().saturating_sub(8);
    let mut items: Vec<String> = rows
        .iter()
        .map(|r| {
            let answer: Vec<String> = context
                .answer(r, true)
                .into_iter()
                .map(|(l, _)| l)
                .collect();
            let answer = cut(&answer.join(" "), room / 3);
            let lead = format!("{} · {}.", neutralise(&r.section), r.number);
            let prompt = cut(
                &neutralise(&r.prompt),
                room.saturating_sub(measure_text_width(&lead) + answer.chars().count() + 4),
            );
            format!("{lead} {prompt} [{answer}]")
        })
        .collect();
    items.push("← Back to the menu".to_owned());
    let first_gap = rows
        .iter()
        .position(|r| context.missing.iter().any(|m| m.item == r.item))
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
                None
            }
            None => Some(ReviewChoice::Change(rows[i].index)),
        },
        _ => None,
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
        let what = lack(m.what).words;
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

/// Shows the case on one screen, asks who signs, shows the declaration and has the
/// signer confirm both by typing their name again.
pub fn signer(t: &Terminal, declaration: &str, rows: &[ReviewRow]) -> Result<Reply<Signer>, Error> {
    let hint = "Enter confirm · ↑ back to the review · Esc save and leave";
    // Under the summary: the heading, the name prompt's hint and the prompt itself,
    // on the same screen when they fit.
    let after = 2 + t.wrapped(hint, "").lines().count();
    // The dates the review warned of, again: the signer reads them before signing.
    let mut dates = Vec::new();
    if !t.dates_to_check.is_empty() {
        dates.push(
            Style::new()
                .yellow()
                .bold()
                .apply_to("Dates to check (they do not stop sign-off):")
                .to_string(),
        );
        for order in &t.dates_to_check {
            let entry = t.wrapped(&format!("{}.", sentence(order)), "    ");
            dates.push(format!("  - {}", &entry[4..]));
        }
    }
    let dates: Vec<String> = dates
        .iter()
        .flat_map(|d| d.lines())
        .map(str::to_owned)
        .collect();
    let room = t.rows().saturating_sub(1 + after + dates.len());
    let mut blocks = summary(rows, t.width(), room);
    if !dates.is_empty() {
        blocks.push(dates);
    }
    match t.page_before(&blocks, "lines", after) {
        Paged::Shown => {}
        // The signer confirms having read the whole summary: stopping part-way goes
        // back to the review, not on to signing.
        Paged::Stopped => {
            t.say("Sign-off needs the whole summary read: back to the review.");
            return Ok(Reply::Back);
        }
        Paged::Left => return Ok(Reply::Leave),
    }
    t.say(&Style::new().bold().cyan().apply_to("Sign-off").to_string());
    let check_name = |t: &str| crate::value::check_name(t);
    // What is offered is only a start: it is signed with only once typed again below.
    let (name, role) = t.signer_defaults.clone().unwrap_or_default();
    let name = match t.line("Your name", &name, true, hint, &check_name) {
        Line::Text(t) => t.trim().to_owned(),
        Line::Back => return Ok(Reply::Back),
        Line::Leave(_) => return Ok(Reply::Leave),
    };
    let role = match t.line(
        "Your role (for example Case manager)",
        &role,
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
    if let Some(why) = &t.countersignature {
        t.say(&t.wrapped(&countersignature_needed(why), ""));
        t.say("");
    }
    let hint = format!(
        "Typing your name again ({}) confirms that you have read the summary of the case above \
         and sign this declaration · Enter on an empty line to go back to the review",
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

/// What sign-off says of a record that will need a countersignature.
pub fn countersignature_needed(why: &str) -> String {
    format!(
        "This record will need a countersignature once signed: {}. An independent reviewer \
         reads it and countersigns it with `fairness countersign`.",
        neutralise(why)
    )
}

/// The case on one screen, before signing, as blocks for [`Terminal::page_before`]: how each
/// part was answered, every No with its note, and anything still unconfirmed or left
/// blank. A table of counts where `room` lines allow it; where they do not (a 24-row
/// screen), the counts packed a few parts to a line, so that a typical case still fits.
/// Prompts are cut to a line; notes are whole. A No is never left out (many of them
/// are paged).
pub(crate) fn summary(rows: &[ReviewRow], width: usize, room: usize) -> Vec<Vec<String>> {
    summary_headed(rows, width, room, "Before you sign: the case on one screen")
}

/// [`summary`] under another `heading` (the reviewer's, who signs nothing of the case).
pub(crate) fn summary_headed(
    rows: &[ReviewRow],
    width: usize,
    room: usize,
    heading: &str,
) -> Vec<Vec<String>> {
    let width = width.saturating_sub(1);
    let title = Style::new().bold().cyan().apply_to(heading).to_string();
    let mut parts: Vec<&str> = Vec::new();
    for row in rows {
        if !parts.contains(&row.section.as_str()) {
            parts.push(&row.section);
        }
    }
    // Each part's counts: Yes, No, Not applicable, other answers, blank.
    let counts: Vec<(&str, [usize; 5])> = parts
        .iter()
        .map(|part| {
            let in_part: Vec<&ReviewRow> = rows.iter().filter(|r| r.section == *part).collect();
            let count = |f: &dyn Fn(&ReviewRow) -> bool| in_part.iter().filter(|r| f(r)).count();
            let counts = [
                count(&|r| r.checked == Some(CheckAnswer::Yes)),
                count(&|r| r.checked == Some(CheckAnswer::No)),
                count(&|r| r.checked == Some(CheckAnswer::NotApplicable)),
                count(&|r| r.answer.is_some() && r.checked.is_none()),
                count(&|r| r.answer.is_none()),
            ];
            (*part, counts)
        })
        .collect();
    let noes: Vec<&ReviewRow> = rows
        .iter()
        .filter(|r| r.checked == Some(CheckAnswer::No))
        .collect();
    let item = |r: &ReviewRow, mark: &str| {
        let lead = format!("{mark} {} · {}.", neutralise(&r.section), r.number);
        let prompt = cut(
            &neutralise(&r.prompt),
            width.saturating_sub(measure_text_width(&lead) + 3),
        );
        format!("  {lead} {prompt}")
    };
    // Each No and its note, whole, wrapped under its item: the signer confirms having
    // read it.
    let mut listed: Vec<Vec<String>> = Vec::new();
    for r in &noes {
        let note = r
            .note
            .as_deref()
            .map_or_else(|| "(no note)".to_owned(), |n| neutralise(n).into_owned());
        let mut block = vec![red().apply_to(item(r, "✘")).to_string()];
        for line in note.lines() {
            block.extend(
                fit(line, width.saturating_sub(4))
                    .into_iter()
                    .map(|l| format!("    {l}")),
            );
        }
        listed.push(block);
    }
    let unconfirmed: Vec<&ReviewRow> = rows.iter().filter(|r| r.unconfirmed).collect();
    if !unconfirmed.is_empty() {
        listed.push(vec![format!(
            "{} with typed text not yet confirmed (it is not in the record):",
            match unconfirmed.len() {
                1 => "One item".to_owned(),
                n => format!("{n} items"),
            }
        )]);
        for r in unconfirmed {
            listed.push(vec![yellow().apply_to(item(r, "?")).to_string()]);
        }
    }
    let no_heading = match noes.len() {
        0 => "No answer is No.".to_owned(),
        1 => "One answer is No:".to_owned(),
        n => format!("{n} answers are No:"),
    };

    // The roomy layout: a table of counts with its key, a line on the Nos, a blank
    // line after it all.
    let dim = Style::new().dim();
    let part_width = parts
        .iter()
        .map(|p| measure_text_width(&neutralise(p)))
        .max()
        .unwrap_or(0)
        .max(4);
    let mut head = vec![String::new(), title.clone()];
    head.push(
        dim.apply_to(format!(
            "  {}  Yes   No  N/A  Other  Blank",
            pad("Part", part_width)
        ))
        .to_string(),
    );
    for (part, [yes, no, na, other, blank]) in &counts {
        let no = format!("{no:>3}");
        let no = if no.trim() == "0" {
            no
        } else {
            red().apply_to(no).to_string()
        };
        head.push(format!(
            "  {}  {yes:>3}  {no}  {na:>3}  {other:>5}  {blank:>5}",
            pad(&neutralise(part), part_width),
        ));
    }
    head.push(
        dim.apply_to(cut(
            "Other: a choice, date or text · Blank: optional, unanswered",
            width,
        ))
        .to_string(),
    );
    let mut roomy = vec![head, vec![no_heading.clone()]];
    roomy.extend(listed.iter().cloned());
    roomy.push(vec![String::new()]);
    if roomy.iter().map(Vec::len).sum::<usize>() <= room {
        return roomy;
    }

    // The compact layout: each part's counts in words, only those not nought, as many
    // parts to a line as fit; no key, and no line on the Nos unless there are none.
    let entries: Vec<String> = counts
        .iter()
        .map(|(part, counts)| {
            let said: Vec<String> = counts
                .iter()
                .zip(["Yes", "No", "N/A", "other", "blank"])
                .filter(|(n, _)| **n > 0)
                .map(|(n, what)| {
                    let said = format!("{n} {what}");
                    if what == "No" {
                        red().apply_to(said).to_string()
                    } else {
                        said
                    }
                })
                .collect();
            let said = if said.is_empty() {
                "nothing asked".to_owned()
            } else {
                said.join(", ")
            };
            format!("{}: {said}", neutralise(part))
        })
        .collect();
    let mut head = vec![title];
    head.extend(packed(&entries, " · ", width));
    if noes.is_empty() {
        head.push(no_heading);
    }
    let mut compact = vec![head];
    compact.extend(listed);
    compact
}

/// `entries` on as few lines of `width` columns as they fit, in order, joined by
/// `gap`, each kept whole on one line where it fits one (a longer one is wrapped).
fn packed(entries: &[String], gap: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for entry in entries {
        let joined = format!("{line}{gap}{entry}");
        if !line.is_empty() && measure_text_width(&joined) <= width {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if measure_text_width(entry) <= width {
            line = entry.clone();
        } else {
            lines.extend(fit(&console::strip_ansi_codes(entry), width));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` padded with spaces to `width` columns.
fn pad(text: &str, width: usize) -> String {
    let gap = width.saturating_sub(measure_text_width(text));
    format!("{text}{}", " ".repeat(gap))
}

/// `text` (on one line) wrapped at words to lines of at most `width` columns; a word
/// longer than a line is broken.
fn fit(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_owned();
        loop {
            let used = measure_text_width(&line);
            let len = measure_text_width(&word);
            let gap = usize::from(used > 0);
            if used + gap + len <= width {
                if gap == 1 {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than a whole line: as much of it as fits.
            let mut head = String::new();
            let mut rest = word.chars();
            for c in rest.by_ref() {
                if measure_text_width(&format!("{head}{c}")) > width {
                    lines.push(head);
                    head = c.to_string();
                    break;
                }
                head.push(c);
            }
            word = format!("{head}{}", rest.as_str());
            if measure_text_width(&word) <= width {
                line = word;
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Each of `lines` wrapped to `width` columns, keeping its style.
fn fit_styled(lines: &[(String, Style)], width: usize) -> Vec<(String, Style)> {
    lines
        .iter()
        .flat_map(|(text, style)| {
            fit(text, width)
                .into_iter()
                .map(move |l| (l, style.clone()))
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(item: &str, answer: Option<&str>, checked: Option<CheckAnswer>) -> ReviewRow {
        ReviewRow {
            index: 0,
            section: "Principle 1".into(),
            title: "Understanding the issues".into(),
            number: 3,
            item: item.into(),
            prompt: "Is it so?".into(),
            answer: answer.map(Into::into),
            checked,
            note: None,
            required: true,
            no_matters: true,
            unconfirmed: false,
            fixed: None,
            changes: Vec::new(),
        }
    }

    fn missing(item: &str, what: Lacks) -> Missing {
        Missing {
            item: item.into(),
            prompt: "Is it so?".into(),
            what,
        }
    }

    fn texts(lines: Vec<(String, Style)>) -> Vec<String> {
        lines.into_iter().map(|(l, _)| l).collect()
    }

    #[test]
    fn what_needs_attention_is_marked_in_words() {
        let lacking = [missing("a", Lacks::Answer), missing("n", Lacks::Note)];
        let context = Context {
            missing: &lacking,
            dates: &[],
            whole: false,
        };
        let yes = row("y", Some("Yes"), Some(CheckAnswer::Yes));
        let no = row("n", Some("No"), Some(CheckAnswer::No));
        let not_applicable = row(
            "x",
            Some("Not applicable"),
            Some(CheckAnswer::NotApplicable),
        );
        let absent = row("a", None, None);
        let mut unconfirmed = row("u", Some("Some text"), None);
        unconfirmed.unconfirmed = true;
        // A choice whose label is "No" is not a check's No.
        let choice = row("c", Some("No"), None);
        assert_eq!(texts(context.answer(&no, false)), ["✘ No"]);
        assert_eq!(texts(context.note(&no)), ["! note missing"]);
        assert_eq!(
            texts(context.answer(&not_applicable, false)),
            ["– Not applicable"]
        );
        assert_eq!(texts(context.answer(&not_applicable, true)), ["– N/A"]);
        assert_eq!(texts(context.answer(&absent, false)), ["! missing"]);
        assert_eq!(
            texts(context.answer(&unconfirmed, false)),
            ["Some text", "? unconfirmed"]
        );
        assert_eq!(texts(context.answer(&choice, false)), ["No"]);
        // Text typed at an unanswered item, never confirmed, is what sign-off waits for.
        let typed = [missing("t", Lacks::Unconfirmed)];
        let waiting = Context {
            missing: &typed,
            dates: &[],
            whole: false,
        };
        let mut unanswered = row("t", None, None);
        unanswered.unconfirmed = true;
        assert_eq!(
            texts(waiting.answer(&unanswered, false)),
            ["— not answered", "? unconfirmed"]
        );
        assert!(waiting.needs_attention(&unanswered));
        let optional = ReviewRow {
            required: false,
            ..row("o", None, None)
        };
        assert_eq!(
            texts(context.answer(&optional, false)),
            ["— not answered (optional)"]
        );
        for r in [&no, &not_applicable, &absent, &unconfirmed] {
            assert!(context.needs_attention(r), "{}", r.item);
        }
        // A No that is a plain fact of the case: the check's note is optional.
        let fact = ReviewRow {
            no_matters: false,
            ..row("f", Some("No"), Some(CheckAnswer::No))
        };
        assert_eq!(texts(context.answer(&fact, false)), ["✘ No"]);
        for r in [&yes, &choice, &optional, &fact] {
            assert!(!context.needs_attention(r), "{}", r.item);
        }
    }

    #[test]
    fn the_summary_before_signing_counts_each_part_and_lists_every_no_with_its_note() {
        let mut no = row("n", Some("No"), Some(CheckAnswer::No));
        no.note = Some("Not shared yet".into());
        let mut unconfirmed = row("u", Some("Yes"), Some(CheckAnswer::Yes));
        unconfirmed.unconfirmed = true;
        let rows = [
            row("y", Some("Yes"), Some(CheckAnswer::Yes)),
            no,
            row(
                "x",
                Some("Not applicable"),
                Some(CheckAnswer::NotApplicable),
            ),
            unconfirmed,
        ];
        let lines: Vec<String> = summary(&rows, 60, 100).into_iter().flatten().collect();
        let text = console::strip_ansi_codes(&lines.join("\n")).into_owned();
        for expected in [
            "  Principle 1    2    1    1      0      0",
            "One answer is No:",
            "  ✘ Principle 1 · 3. Is it so?",
            "    Not shared yet",
            "One item with typed text not yet confirmed",
            "  ? Principle 1 · 3. Is it so?",
        ] {
            assert!(text.contains(expected), "{expected:?} in:\n{text}");
        }
    }

    #[test]
    fn where_the_table_does_not_fit_the_counts_are_packed_and_every_no_is_still_listed() {
        let mut no = row("n", Some("No"), Some(CheckAnswer::No));
        no.note = Some("Not shared yet".into());
        let mut rows = vec![row("y", Some("Yes"), Some(CheckAnswer::Yes)), no];
        for (i, part) in ["Principle 2", "Principle 3", "Principle 4"]
            .iter()
            .enumerate()
        {
            let mut r = row(&format!("p{i}"), Some("Yes"), Some(CheckAnswer::Yes));
            r.section = (*part).into();
            rows.push(r);
        }
        let roomy: usize = summary(&rows, 60, 100).iter().map(Vec::len).sum();
        let blocks = summary(&rows, 60, roomy - 1);
        let lines: Vec<String> = blocks.into_iter().flatten().collect();
        let text = console::strip_ansi_codes(&lines.join("\n")).into_owned();
        assert_eq!(
            text,
            "Before you sign: the case on one screen\n\
             Principle 1: 1 Yes, 1 No · Principle 2: 1 Yes\n\
             Principle 3: 1 Yes · Principle 4: 1 Yes\n  \
             ✘ Principle 1 · 3. Is it so?\n    \
             Not shared yet"
        );
        assert!(lines.len() < roomy);
        // Without a No, the compact layout says so.
        let yes = [row("y", Some("Yes"), Some(CheckAnswer::Yes))];
        let lines: Vec<String> = summary(&yes, 60, 3).into_iter().flatten().collect();
        assert_eq!(lines.last().unwrap(), "No answer is No.");
    }

    #[test]
    fn packed_entries_stay_whole_and_a_long_one_is_wrapped() {
        let entries = [
            "aa: 1".to_owned(),
            "bb: 2".to_owned(),
            "c d e f g h".to_owned(),
        ];
        assert_eq!(
            packed(&entries, " · ", 13),
            ["aa: 1 · bb: 2", "c d e f g h"]
        );
        assert_eq!(
            packed(&entries, " · ", 8),
            ["aa: 1", "bb: 2", "c d e f", "g h"]
        );
    }

    #[test]
    fn text_is_fitted_at_words_and_a_long_word_is_broken() {
        assert_eq!(fit("a bb ccc", 4), ["a bb", "ccc"]);
        assert_eq!(fit("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(fit("x abcdefghij", 4), ["x", "abcd", "efgh", "ij"]);
        assert_eq!(fit("", 4), [""]);
    }

    #[test]
    fn the_lines_counted_for_column_widths_are_the_lines_fitted() {
        let text = "Ledworth Valley NHS Foundation Trust, \"Managing concerns about pharmacy \
                    professionals\", version 2.3: abcdefghijklmnopqrstuvwxyz0123456789";
        for width in 1..60 {
            let words: Vec<usize> = text.split_whitespace().map(measure_text_width).collect();
            assert_eq!(
                lines_of(&words, width),
                fit(text, width).len(),
                "at {width}"
            );
        }
        let cells = vec![[vec!["a b c".to_owned()], vec!["✘ No".to_owned()], vec![]]; 3];
        let [item, answer, note] = widths(&cells, 80);
        assert_eq!(item + answer + note, 80);
        assert!(item >= 20 && answer >= 16 && note >= 16);
    }
}
