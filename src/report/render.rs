//! A report as text for a terminal (comfy-table), Markdown, CSV and JSON. Each shows
//! what the model holds and nothing more: a hidden figure is shown as its `shown`
//! text, never worked out again. HTML is [`super::html`].

use std::fmt::Write as _;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Width};

use crate::terminal::{neutralise, wrap};

use super::model::{Audience, Comparison, Report, Section, Table};

/// Who the report is for, and what was hidden, in a sentence.
pub fn audience_line(report: &Report) -> String {
    match (report.audience, report.suppress) {
        (Audience::Board, Some(k)) => format!(
            "For a board: counts of cases from 1 to {} are shown as <{k}, and * marks a count hidden so that a smaller one cannot be worked out (the files read and left out are counted in full). Shareable.",
            k - 1
        ),
        (Audience::Board, None) => "For a board.".to_owned(),
        (Audience::EqualityLead, _) => "For the equality lead: every count is shown, small ones included. OFFICIAL-SENSITIVE: do not share it beyond those who need it.".to_owned(),
    }
}

fn made_line(report: &Report) -> String {
    let mut line = format!("Made {}", crate::value::shown_time(&report.generated));
    if let Some(p) = &report.period {
        let _ = write!(line, "; decisions {}", p.describe());
    }
    line.push('.');
    line
}

/// `why` of a file left out, in words.
pub fn why_words(why: &str) -> &'static str {
    match why {
        "draft" => "a draft, not signed",
        "altered" => "altered since fairness wrote it",
        "unreadable" => "not readable as a record",
        "superseded" => "superseded by an amendment among the records given",
        "outside-period" => "its decision falls outside the period",
        "copy" => "a copy of another file given, counted once",
        "earlier" => "an earlier record of a case whose latest record is counted",
        _ => "left out",
    }
}

/// The columns a comparison table has.
pub const COMPARISON_COLUMNS: [&str; 10] = [
    "Group",
    "Count",
    "Of",
    "%",
    "Reference",
    "Count",
    "Of",
    "%",
    "Ratio",
    "95% CI",
];

fn comparison_row(c: &Comparison) -> Vec<String> {
    vec![
        c.group.clone(),
        c.group_count.shown.clone(),
        c.group_total.shown.clone(),
        c.group_percent.shown.clone(),
        c.reference.clone(),
        c.reference_count.shown.clone(),
        c.reference_total.shown.clone(),
        c.reference_percent.shown.clone(),
        ratio_text(c),
        interval_text(c),
    ]
}

/// `2.00`, or `–`.
pub fn ratio_text(c: &Comparison) -> String {
    c.ratio
        .map_or_else(|| super::model::NONE.to_owned(), |r| format!("{r:.2}"))
}

/// `0.94–4.26`, or `–`.
pub fn interval_text(c: &Comparison) -> String {
    match (c.low, c.high) {
        (Some(l), Some(h)) => format!("{l:.2}–{h:.2}"),
        _ => super::model::NONE.to_owned(),
    }
}

/// The comparisons of a section, a group of them per characteristic and measure, in
/// the order they come.
pub fn comparison_groups(section: &Section) -> Vec<(String, Vec<&Comparison>)> {
    let mut groups: Vec<(String, Vec<&Comparison>)> = Vec::new();
    for c in &section.comparisons {
        let title = format!(
            "{}: {}",
            super::equality::words(&c.characteristic),
            c.measure_words
        );
        match groups.last_mut() {
            Some((t, list)) if *t == title => list.push(c),
            _ => groups.push((title, vec![c])),
        }
    }
    groups
}

// ---- text ----

/// The report for a terminal `width` columns wide.
pub fn text(report: &Report, width: u16) -> String {
    let w = usize::from(width);
    let mut out = String::new();
    if let Some(marking) = report.marking {
        let _ = writeln!(out, "{marking}\n");
    }
    let _ = writeln!(out, "{}", report.title);
    out.push_str(&wrap(&audience_line(report), w));
    out.push_str(&wrap(&made_line(report), w));
    out.push('\n');
    let c = &report.coverage;
    heading(&mut out, "Coverage");
    text_table(&mut out, &c.records, width);
    if !c.left_out.is_empty() {
        out.push_str("Left out:\n");
        for l in &c.left_out {
            out.push_str(&wrap(
                &format!("  {}: {}", neutralise(&l.file), why_words(l.why)),
                w,
            ));
        }
        out.push('\n');
    }
    text_table(&mut out, &c.frameworks, width);
    for t in c.monitoring.iter().chain(&c.not_stated) {
        text_table(&mut out, t, width);
    }
    for warning in &c.warnings {
        out.push_str(&wrap(&format!("warning: {warning}"), w));
    }
    if !c.warnings.is_empty() {
        out.push('\n');
    }
    for section in &report.sections {
        heading(&mut out, &section.title);
        for s in &section.sentences {
            out.push_str(&wrap(&neutralise(s), w));
        }
        out.push('\n');
        for t in &section.tables {
            text_table(&mut out, t, width);
        }
        for (title, list) in comparison_groups(section) {
            out.push_str(&wrap(
                &format!("Relative likelihood, {}", neutralise(&title)),
                w,
            ));
            let table = comparison_table(&mut out, &list, width);
            let _ = writeln!(out, "{table}");
            for c in list {
                out.push_str(&wrap(&format!("- {}", neutralise(&c.sentence)), w));
            }
            out.push('\n');
        }
    }
    if let Some(marking) = report.marking {
        let _ = writeln!(out, "{marking}");
    }
    out
}

/// One characteristic's comparisons laid out as a table, its cells passed through
/// `escape` (the terminal's or Markdown's). Where every row has the same reference
/// group with the same figures, as it does unless the groups' counts differ, the
/// reference is said once, in `reference`, and the table keeps six columns instead of
/// ten, which fits a narrow terminal and reads more easily anywhere.
struct Comparisons {
    reference: Option<String>,
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    /// The column of the reference group's name, where the table has one.
    reference_column: Option<usize>,
}

fn comparisons(list: &[&Comparison], escape: impl Fn(&str) -> String) -> Comparisons {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|c| comparison_row(c).iter().map(|s| escape(s)).collect())
        .collect();
    let shared = rows.windows(2).all(|w| w[0][4..8] == w[1][4..8]);
    match rows.first() {
        Some(first) if shared => {
            let percent = if first[7] == escape(super::model::NONE) {
                String::new()
            } else {
                format!(" ({})", first[7])
            };
            let reference = format!(
                "Against {}, the reference group: {} of {}{percent}.",
                first[4], first[5], first[6]
            );
            let mut header = COMPARISON_COLUMNS.to_vec();
            header.drain(4..8);
            let rows = rows
                .into_iter()
                .map(|mut r| {
                    r.drain(4..8);
                    r
                })
                .collect();
            Comparisons {
                reference: Some(reference),
                header,
                rows,
                reference_column: None,
            }
        }
        _ => Comparisons {
            reference: None,
            header: COMPARISON_COLUMNS.to_vec(),
            rows,
            reference_column: Some(4),
        },
    }
}

/// The terminal's table of one characteristic's comparisons, its reference group said
/// above it.
fn comparison_table(out: &mut String, list: &[&Comparison], width: u16) -> comfy_table::Table {
    let laid = comparisons(list, |s| neutralise(s).into_owned());
    if let Some(reference) = &laid.reference {
        out.push_str(&wrap(reference, usize::from(width)));
    }
    let mut table = new_table(width);
    table.set_header(laid.header.clone());
    for r in &laid.rows {
        table.add_row(r.clone());
    }
    let except: Vec<usize> = laid.reference_column.into_iter().collect();
    right_align(&mut table, 1..laid.header.len(), &except);
    let shown: Vec<Vec<&str>> = laid
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .skip(1)
                .map(|(i, s)| {
                    if Some(i) == laid.reference_column {
                        ""
                    } else {
                        s.as_str()
                    }
                })
                .collect()
        })
        .collect();
    keep_figures_whole(&mut table, &shown, 1);
    table
}

/// A figure is never broken across lines, however narrow the terminal: each column
/// from `first` on is at least as wide as its widest figure in `rows` (its heading, and
/// the row labels, wrap instead). `rows` holds the figures of those columns alone.
fn keep_figures_whole(table: &mut comfy_table::Table, rows: &[Vec<&str>], first: usize) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..columns {
        let widest = rows
            .iter()
            .filter_map(|r| r.get(i))
            .map(|c| c.chars().count())
            .max();
        if let (Some(w), Some(col)) = (widest.filter(|w| *w > 0), table.column_mut(i + first)) {
            // The boundary counts the column's padding too.
            let w = u16::try_from(w).unwrap_or(u16::MAX);
            col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(
                w.saturating_add(col.padding_width()),
            )));
        }
    }
}

fn heading(out: &mut String, title: &str) {
    let _ = writeln!(out, "{title}\n{}", "=".repeat(title.chars().count()));
}

fn new_table(width: u16) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    table.set_width(width);
    table
}

fn right_align(table: &mut comfy_table::Table, columns: std::ops::Range<usize>, except: &[usize]) {
    for i in columns {
        if except.contains(&i) {
            continue;
        }
        if let Some(col) = table.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}

fn text_table(out: &mut String, t: &Table, width: u16) {
    out.push_str(&wrap(&neutralise(&t.title), usize::from(width)));
    let mut table = new_table(width);
    let mut header = vec![neutralise(&t.corner).into_owned()];
    // Headings too long for the terminal (routes, measures) become letters, with a key
    // under the table, so that no heading is cut inside a word.
    let keyed = needs_key(t, usize::from(width));
    if keyed {
        header.extend(
            t.columns.iter().enumerate().map(
                |(i, c)| {
                    if c == "Total" { c.clone() } else { letter(i) }
                },
            ),
        );
    } else {
        header.extend(t.columns.iter().map(|c| neutralise(c).into_owned()));
    }
    table.set_header(header);
    for row in &t.rows {
        let mut cells = vec![neutralise(&row.label).into_owned()];
        cells.extend(row.cells.iter().map(|c| neutralise(&c.shown).into_owned()));
        table.add_row(cells);
    }
    right_align(&mut table, 1..t.columns.len() + 1, &[]);
    let shown: Vec<Vec<&str>> = t
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.shown.as_str()).collect())
        .collect();
    keep_figures_whole(&mut table, &shown, 1);
    if t.rows.is_empty() {
        out.push_str("  (none)\n");
    } else {
        let _ = writeln!(out, "{table}");
    }
    if keyed {
        for (i, c) in t.columns.iter().enumerate().filter(|(_, c)| *c != "Total") {
            out.push_str(&wrap(
                &format!("  {}: {}", letter(i), neutralise(c)),
                usize::from(width),
            ));
        }
    }
    for note in &t.notes {
        out.push_str(&wrap(note, usize::from(width)));
    }
    out.push('\n');
}

/// Whether `t`'s headings would not fit `width` columns beside its figures.
fn needs_key(t: &Table, width: usize) -> bool {
    let longest = |i: usize| {
        t.rows
            .iter()
            .map(|r| r.cells.get(i).map_or(0, |c| c.shown.chars().count()))
            .max()
            .unwrap_or(0)
    };
    let label = t
        .rows
        .iter()
        .map(|r| {
            r.label
                .split(' ')
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0)
        })
        .chain([t.corner.chars().count().min(16)])
        .max()
        .unwrap_or(0);
    let wanted: usize = label
        + t.columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                // A heading may wrap at its spaces, not inside its longest word.
                let word = c.split(' ').map(|w| w.chars().count()).max().unwrap_or(0);
                word.max(longest(i)).max(c.chars().count().min(12)) + 3
            })
            .sum::<usize>()
        + 4;
    t.columns.len() > 2 && wanted > width
}

/// `A`, `B`, … `Z`, `AA`, …
fn letter(i: usize) -> String {
    let mut n = i;
    let mut out = String::new();
    loop {
        out.insert(0, char::from(b'A' + (n % 26) as u8));
        if n < 26 {
            return out;
        }
        n = n / 26 - 1;
    }
}

// ---- Markdown ----

pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    if let Some(marking) = report.marking {
        let _ = writeln!(out, "**{marking}**\n");
    }
    let _ = writeln!(out, "# {}\n", report.title);
    let _ = writeln!(out, "{}\n", audience_line(report));
    let _ = writeln!(out, "{}\n", made_line(report));
    let c = &report.coverage;
    out.push_str("## Coverage\n\n");
    md_table(&mut out, &c.records);
    if !c.left_out.is_empty() {
        out.push_str("Left out:\n\n");
        for l in &c.left_out {
            let _ = writeln!(out, "- `{}`: {}", md_code(&l.file), why_words(l.why));
        }
        out.push('\n');
    }
    md_table(&mut out, &c.frameworks);
    for t in c.monitoring.iter().chain(&c.not_stated) {
        md_table(&mut out, t);
    }
    for warning in &c.warnings {
        let _ = writeln!(out, "> **Warning:** {}\n", md(warning));
    }
    for section in &report.sections {
        let _ = writeln!(out, "## {}\n", md(&section.title));
        for s in &section.sentences {
            let _ = writeln!(out, "{}\n", md(s));
        }
        for t in &section.tables {
            md_table(&mut out, t);
        }
        for (title, list) in comparison_groups(section) {
            let _ = writeln!(out, "### Relative likelihood, {}\n", md(&title));
            let laid = comparisons(&list, md);
            if let Some(reference) = &laid.reference {
                let _ = writeln!(out, "{reference}\n");
            }
            let _ = writeln!(out, "| {} |", laid.header.join(" | "));
            let rule: Vec<&str> = (0..laid.header.len())
                .map(|i| {
                    if i == 0 || Some(i) == laid.reference_column {
                        "---"
                    } else {
                        "---:"
                    }
                })
                .collect();
            let _ = writeln!(out, "|{}|", rule.join("|"));
            for r in &laid.rows {
                let _ = writeln!(out, "| {} |", r.join(" | "));
            }
            out.push('\n');
            for c in list {
                let _ = writeln!(out, "- {}", md(&c.sentence));
            }
            out.push('\n');
        }
    }
    if let Some(marking) = report.marking {
        let _ = writeln!(out, "**{marking}**");
    }
    out
}

/// Text on one line, with Markdown's markup escaped (group names come from a file).
fn md(text: &str) -> String {
    let mut out = String::new();
    for c in neutralise(text).chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

fn md_code(text: &str) -> String {
    neutralise(text).replace('`', "'")
}

fn md_table(out: &mut String, t: &Table) {
    let _ = writeln!(out, "### {}\n", md(&t.title));
    if t.rows.is_empty() {
        out.push_str("(none)\n\n");
        return;
    }
    let mut header = vec![md(&t.corner)];
    header.extend(t.columns.iter().map(|c| md(c)));
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|---|{}", "---:|".repeat(t.columns.len()));
    for row in &t.rows {
        let mut cells = vec![if row.total {
            format!("**{}**", md(&row.label))
        } else {
            md(&row.label)
        }];
        cells.extend(row.cells.iter().map(|c| md(&c.shown)));
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
    for note in &t.notes {
        let _ = writeln!(out, "{}\n", md(note));
    }
}

// ---- CSV and JSON ----

/// The header of `report --format csv`: one row per figure.
pub const CSV_HEADER: &str = "section,table,row,column,value,shown,suppressed\n";

/// Every figure of the report, one row each: the section and table it is in (by id),
/// its row and column labels, its value (empty where hidden), what is shown, and why
/// it is hidden. Comparisons are rows of the table `comparisons`, one per figure of
/// each. An equality lead's report carries its marking in a row of its own, the
/// section `marking`, first after the header and again last, as the other formats
/// carry it at their top and bottom.
pub fn csv(report: &Report) -> String {
    let mut out = String::from(CSV_HEADER);
    let marking = |out: &mut String| {
        if let Some(m) = report.marking {
            csv_row(out, &["marking", "", "", "", "", m, ""]);
        }
    };
    marking(&mut out);
    let c = &report.coverage;
    let mut coverage: Vec<&Table> = vec![&c.records, &c.frameworks];
    coverage.extend(c.monitoring.iter().chain(&c.not_stated));
    for t in coverage {
        csv_table(&mut out, "coverage", t);
    }
    for l in &c.left_out {
        csv_row(
            &mut out,
            &["coverage", "left-out", &l.file, "why", l.why, l.why, ""],
        );
    }
    for section in &report.sections {
        for t in &section.tables {
            csv_table(&mut out, section.id, t);
        }
        for cmp in &section.comparisons {
            let row = format!(
                "{}: {} vs {} ({})",
                cmp.characteristic, cmp.group, cmp.reference, cmp.measure
            );
            let figures = [
                ("group count", &cmp.group_count),
                ("group of", &cmp.group_total),
                ("group %", &cmp.group_percent),
                ("reference count", &cmp.reference_count),
                ("reference of", &cmp.reference_total),
                ("reference %", &cmp.reference_percent),
            ];
            for (column, cell) in figures {
                let (value, why) = cell_value(cell);
                csv_row(
                    &mut out,
                    &[
                        section.id,
                        "comparisons",
                        &row,
                        column,
                        &value,
                        &cell.shown,
                        why,
                    ],
                );
            }
            for (column, v) in [
                ("ratio", cmp.ratio),
                ("ci low", cmp.low),
                ("ci high", cmp.high),
            ] {
                let value = v.map(|v| format!("{v:.2}")).unwrap_or_default();
                let shown = if value.is_empty() {
                    super::model::NONE.to_owned()
                } else {
                    value.clone()
                };
                csv_row(
                    &mut out,
                    &[section.id, "comparisons", &row, column, &value, &shown, ""],
                );
            }
        }
    }
    marking(&mut out);
    out
}

fn cell_value(cell: &super::model::Cell) -> (String, &'static str) {
    use super::model::{Value, Why};
    let value = match &cell.value {
        Some(Value::Count(n)) => n.to_string(),
        Some(Value::Number(x)) => format!("{x}"),
        None => String::new(),
    };
    let why = match cell.suppressed {
        Some(Why::Small) => "small",
        Some(Why::Secondary) => "secondary",
        Some(Why::BuiltOnHidden) => "built-on-hidden",
        None => "",
    };
    (value, why)
}

fn csv_table(out: &mut String, section: &str, t: &Table) {
    for row in &t.rows {
        for (column, cell) in t.columns.iter().zip(&row.cells) {
            let (value, why) = cell_value(cell);
            csv_row(
                out,
                &[section, &t.id, &row.label, column, &value, &cell.shown, why],
            );
        }
    }
}

fn csv_row(out: &mut String, fields: &[&str]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let f = neutralise(f);
        let risky = f.starts_with(['=', '+', '-', '@', '\t', '\r']) && f.parse::<f64>().is_err();
        if f.contains([',', '"', '\n']) || risky {
            out.push('"');
            if risky {
                out.push('\'');
            }
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&f);
        }
    }
    out.push('\n');
}

/// The report as one JSON document (`fairness-report/1`).
pub fn json(report: &Report) -> String {
    let text = serde_json::to_string_pretty(report).expect("a report serialises");
    let mut text = crate::terminal::escape_json(text);
    text.push('\n');
    text
}
