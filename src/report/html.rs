//! `report --format html`: the report as one self-contained page to read on screen or
//! print on A4. Inline CSS, no scripts, nothing loaded from anywhere (a
//! Content-Security-Policy forbids it); charts are inline SVG, each beside the table
//! that holds its figures, so the table is the chart's text for anyone who cannot see
//! it.
//!
//! The page shows each cell as the model says it is shown and works nothing out from a
//! hidden one: a bar of shares is drawn only for a row whose every count is shown,
//! since shares drawn from the visible counts alone would give the hidden ones away.
//! All text is escaped, the groups above all: they come from the monitoring file.

use std::fmt::Write as _;

use crate::export::html::escape;
use crate::value::shown_time;

use super::model::{Audience, Cell, Comparison, Coverage, NONE, Report, Section, Table, Why};
use super::stats::{Band, NON_ADVERSE};

/// The page.
pub fn html(report: &Report) -> String {
    let mut page = Page {
        out: String::with_capacity(64 * 1024),
        figures: 0,
        k: report.suppress,
        routes: routes(report),
    };
    page.head(report);
    page.masthead(report);
    page.coverage(&report.coverage);
    for section in &report.sections {
        page.section(section);
    }
    page.foot(report);
    page.out
}

/// The page as it is written.
struct Page {
    out: String,
    /// Figures drawn so far: each SVG's ids are unique by its number.
    figures: usize,
    /// K, where counts are suppressed.
    k: Option<u64>,
    /// Every route a chart draws, in order of first appearance: a route has the same
    /// fill in every chart.
    routes: Vec<String>,
}

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1d1d1f; --muted: #55555f; --rule: #c9c9d1; --accent: #005eb8; --band: #e4e4e8; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font: 11pt/1.45 Arial, "Liberation Sans", "Helvetica Neue", sans-serif; color: var(--ink); background: #fff; }
main { max-width: 58rem; margin: 0 auto; padding: 1.5rem 1.5rem 2rem; }
h1 { font-size: 1.7rem; line-height: 1.2; margin: 0.5rem 0 1rem; color: var(--accent); }
h2 { font-size: 1.35rem; margin: 2.25rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.1rem; margin: 1.75rem 0 0.5rem; }
h4 { font-size: 1rem; margin: 1.25rem 0 0.4rem; }
p { margin: 0 0 0.7rem; max-width: 46rem; }
code { font: 0.92em "Liberation Mono", Consolas, monospace; background: #f1f1f4; padding: 0 0.2em; border-radius: 2px; }
.marking { margin: 0; padding: 0.35rem 1rem; text-align: center; font-weight: 800; font-size: 1.05rem; letter-spacing: 0.14em; color: #fff; background: #1d1d1f; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1.25rem; margin: 0 0 1.25rem; }
dl.facts dt { font-weight: 700; color: var(--muted); }
dl.facts dd { margin: 0; max-width: 42rem; }
nav.contents ol { margin: 0 0 1rem; padding-left: 1.4rem; }
nav.contents a { color: var(--accent); }
.warning { border: 1px solid #8a5a00; border-left: 6px solid #8a5a00; background: #fff4dc; padding: 0.5rem 0.8rem; margin: 0 0 0.6rem; max-width: 46rem; }
.warning:last-of-type { margin-bottom: 1.25rem; }
.warning strong { text-transform: uppercase; letter-spacing: 0.05em; margin-right: 0.4rem; }
.block { margin: 0 0 1.5rem; }
table { border-collapse: collapse; margin: 0 0 0.35rem; font-size: 0.95rem; width: 100%; max-width: 42rem; }
table.comparisons, table.wide { max-width: none; }
/* A table of many columns: a little smaller, its labels never squeezed to a word a
   line, and where the screen is narrower still it scrolls within its block, not the
   page. */
table.wide { font-size: 0.85rem; }
table.wide thead th.num { min-width: 3.5rem; }
table.wide tbody th { min-width: 9rem; }
.scroll { overflow-x: auto; }
table.comparisons tbody th { width: 28%; min-width: 9rem; }
.nowrap { white-space: nowrap; }
caption { caption-side: top; text-align: left; font-weight: 700; padding: 0 0 0.35rem; }
th, td { padding: 0.22rem 0.65rem; border-bottom: 1px solid var(--rule); vertical-align: top; text-align: left; }
thead th { border-bottom: 2px solid var(--ink); vertical-align: bottom; }
thead th.num { white-space: normal; }
/* Columns of figures as narrow as their figures, the labels given the rest. */
th.num, td.num { width: 1%; }
thead th.num { min-width: 4.5rem; }
tbody th { font-weight: 400; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total th, tr.total td { font-weight: 700; border-top: 2px solid var(--ink); }
td.suppressed { color: var(--muted); font-style: italic; }
td.empty { color: var(--muted); font-style: italic; }
tr.sentence td { color: var(--muted); font-size: 0.88rem; padding-top: 0; padding-bottom: 0.45rem; max-width: 40rem; }
tr.has-sentence th, tr.has-sentence td { border-bottom: 0; }
ul.notes { list-style: none; margin: 0; padding: 0; font-size: 0.85rem; color: var(--muted); max-width: 46rem; }
ul.notes li { margin: 0 0 0.15rem; }
figure { margin: 0.5rem 0 0.75rem; }
h5 { font-size: 0.95rem; margin: 1.25rem 0 0.3rem; }
figure svg { display: block; width: 100%; max-width: 45rem; height: auto; font-family: Arial, "Liberation Sans", sans-serif; }
figcaption { font-size: 0.85rem; color: var(--muted); margin: 0.2rem 0 0; max-width: 46rem; }
svg .halo { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
ul.not-shown { margin: 0.3rem 0 0.6rem; padding-left: 1.2rem; font-size: 0.9rem; max-width: 46rem; }
ul.not-shown li { margin: 0 0 0.2rem; }
ul.files { margin: 0 0 0.4rem; padding-left: 1.2rem; max-width: 46rem; }
ul.files li { margin: 0 0 0.3rem; }
@page { size: A4; margin: 17mm 14mm 16mm; }
@media print {
  .scroll { overflow: visible; }
  body { font-size: 9.5pt; }
  main { max-width: none; padding: 0; }
  h1 { color: var(--ink); }
  h2 { border-bottom-color: var(--ink); break-before: page; }
  header + nav + section h2 { break-before: auto; }
  h2, h3, h4, caption { break-after: avoid; }
  .block, .keep, figure, .warning, dl.facts, tr { break-inside: avoid; }
  nav.contents a { color: var(--ink); text-decoration: none; }
  figure svg { max-width: 100%; }
}
"#;

impl Page {
    fn id(&mut self) -> String {
        self.figures += 1;
        format!("fig{}", self.figures)
    }

    fn head(&mut self, report: &Report) {
        let out = &mut self.out;
        out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.push_str("<meta name=\"generator\" content=\"fairness\">\n");
        let title = match report.marking {
            Some(m) => format!("{m}: {}", report.title),
            None => report.title.clone(),
        };
        let _ = writeln!(out, "<title>{}</title>", escape(&title));
        let _ = write!(out, "<style>{STYLE}");
        // The printed page's margins: the marking at the top and bottom of every page,
        // and the page's number.
        out.push_str("@page {\n");
        if let Some(marking) = report.marking {
            let marking = css_string(marking);
            for place in ["top-center", "bottom-center"] {
                let _ = writeln!(
                    out,
                    "  @{place} {{ content: \"{marking}\"; font: 700 10pt Arial, \"Liberation Sans\", sans-serif; letter-spacing: 0.12em; color: #000; }}"
                );
            }
        }
        out.push_str("  @bottom-right { content: \"Page \" counter(page) \" of \" counter(pages); font: 8pt Arial, \"Liberation Sans\", sans-serif; color: #444; }\n}\n");
        out.push_str("</style>\n</head>\n<body>\n");
        if let Some(marking) = report.marking {
            let _ = writeln!(
                out,
                "<div class=\"marking\" role=\"note\">{}</div>",
                escape(marking)
            );
        }
        out.push_str("<main>\n");
    }

    fn masthead(&mut self, report: &Report) {
        let out = &mut self.out;
        out.push_str("<header>\n");
        let _ = writeln!(out, "<h1>{}</h1>", escape(&report.title));
        out.push_str("<dl class=\"facts\">\n");
        let audience = match report.audience {
            Audience::Board => {
                "The board: small numbers are suppressed, and the report may be shared.".to_owned()
            }
            Audience::EqualityLead => format!(
                "The equality lead alone: every count is shown as it is.{}",
                report
                    .marking
                    .map(|m| format!(" Marked {m}: do not share it beyond those who need it."))
                    .unwrap_or_default()
            ),
        };
        let _ = writeln!(out, "<dt>For</dt><dd>{}</dd>", escape(&audience));
        let _ = writeln!(
            out,
            "<dt>Made</dt><dd><time datetime=\"{}\">{}</time></dd>",
            escape(&report.generated),
            escape(&shown_time(&report.generated))
        );
        if let Some(period) = &report.period {
            let _ = writeln!(
                out,
                "<dt>Period</dt><dd>{}</dd>",
                escape(&period.describe())
            );
        }
        let rule = match report.suppress {
            Some(k) => format!(
                "Counts of cases from 1 to {} are shown as <{k}; * marks a count hidden so that a smaller one cannot be worked out; {NONE} marks a share, median or ratio not shown because a count it is built on is hidden. The files read and left out are counted in full.",
                k - 1
            ),
            None => "None: every count is shown as it is.".to_owned(),
        };
        let _ = writeln!(out, "<dt>Small numbers</dt><dd>{}</dd>", escape(&rule));
        out.push_str("</dl>\n</header>\n");
        out.push_str("<nav class=\"contents\" aria-label=\"Contents\"><ol>\n<li><a href=\"#coverage\">Coverage</a></li>\n");
        for section in &report.sections {
            let _ = writeln!(
                out,
                "<li><a href=\"#{}\">{}</a></li>",
                anchor(section.id),
                escape(&section.title)
            );
        }
        out.push_str("</ol></nav>\n");
    }

    fn coverage(&mut self, coverage: &Coverage) {
        self.out
            .push_str("<section id=\"coverage\">\n<h2>Coverage</h2>\n");
        for warning in &coverage.warnings {
            let _ = writeln!(
                self.out,
                "<p class=\"warning\" role=\"note\"><strong>Warning</strong>{}</p>",
                prose(warning)
            );
        }
        self.table(&coverage.records);
        self.table(&coverage.frameworks);
        if let Some(t) = &coverage.monitoring {
            self.table(t);
        }
        if let Some(t) = &coverage.not_stated {
            self.table(t);
        }
        let out = &mut self.out;
        out.push_str("<div class=\"block\">\n");
        if coverage.left_out.is_empty() {
            out.push_str(if coverage.outside_period == 0 {
                "<h3>Files left out</h3>\n<p>No file was left out.</p>\n"
            } else {
                "<h3>Files left out</h3>\n<p>No file was left out but the records outside the period, counted above.</p>\n"
            });
        } else {
            // A list, in the words the text report uses, so that a long file name has
            // the page's width and breaks only between folders.
            out.push_str("<h3>Files left out</h3>\n<ul class=\"files\">\n");
            for l in &coverage.left_out {
                let _ = writeln!(
                    out,
                    "<li><code>{}</code>: {}</li>",
                    path(&l.file),
                    escape(super::render::why_words(l.why))
                );
            }
            out.push_str("</ul>\n<ul class=\"notes\"><li>Left out of every figure in this report.</li></ul>\n");
        }
        out.push_str("</div>\n</section>\n");
    }

    fn section(&mut self, section: &Section) {
        let _ = writeln!(
            self.out,
            "<section id=\"{}\">\n<h2>{}</h2>",
            anchor(section.id),
            escape(&section.title)
        );
        for sentence in &section.sentences {
            let _ = writeln!(self.out, "<p>{}</p>", prose(sentence));
        }
        for table in &section.tables {
            // A chart is printed on the page of its table.
            if table.chart {
                self.out.push_str("<div class=\"keep\">\n");
                self.table(table);
                self.bars(table);
                self.out.push_str("</div>\n");
            } else {
                self.table(table);
            }
        }
        if !section.comparisons.is_empty() {
            self.comparisons(&section.comparisons);
        }
        self.out.push_str("</section>\n");
    }

    /// A table of figures, with its notes under it.
    fn table(&mut self, t: &Table) {
        let numeric: Vec<bool> = (0..t.columns.len())
            .map(|c| t.rows.iter().filter_map(|r| r.cells.get(c)).all(is_figure))
            .collect();
        let class = |c: usize| {
            if numeric.get(c).copied().unwrap_or(true) {
                " class=\"num\""
            } else {
                ""
            }
        };
        let out = &mut self.out;
        // A table of many columns takes the width it needs.
        let wide = t.columns.len() > 4 || t.rows.iter().any(|r| r.label.chars().count() > 45);
        out.push_str(if wide {
            "<div class=\"block scroll\">\n<table class=\"wide\">\n"
        } else {
            "<div class=\"block\">\n<table>\n"
        });
        let _ = writeln!(out, "<caption>{}</caption>", escape(&t.title));
        let _ = write!(
            out,
            "<thead><tr><th scope=\"col\">{}</th>",
            escape(&t.corner)
        );
        for (c, column) in t.columns.iter().enumerate() {
            let _ = write!(
                out,
                "<th scope=\"col\"{}>{}</th>",
                class(c),
                unbroken_hyphens(&escape(column))
            );
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        if t.rows.is_empty() {
            let _ = writeln!(
                out,
                "<tr><td class=\"empty\" colspan=\"{}\">None</td></tr>",
                t.columns.len() + 1
            );
        }
        for row in &t.rows {
            out.push_str(if row.total {
                "<tr class=\"total\">"
            } else {
                "<tr>"
            });
            let _ = write!(out, "<th scope=\"row\">{}</th>", escape(&row.label));
            for (c, cell) in row.cells.iter().enumerate() {
                let _ = write!(
                    out,
                    "{}",
                    td(cell, numeric.get(c).copied().unwrap_or(true), self.k)
                );
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
        notes(out, &t.notes);
        out.push_str("</div>\n");
    }

    /// A chart of a table of routes by group: one bar a row, each route's share of the
    /// row a segment. The routes whose counts a row hides are drawn together, as one
    /// grey segment: the row's total less the counts shown, which the table gives
    /// anyway. A row whose total is hidden is not drawn.
    fn bars(&mut self, t: &Table) {
        let id = self.id();
        // The routes are the columns; a last column of totals is not one.
        let total_column = t
            .columns
            .len()
            .checked_sub(1)
            .filter(|&c| t.columns[c] == "Total");
        let routes: Vec<usize> = (0..t.columns.len())
            .filter(|&c| Some(c) != total_column)
            .collect();
        let any_hidden = t.rows.iter().filter(|r| !r.total).any(|r| {
            routes
                .iter()
                .any(|&c| r.cells.get(c).is_some_and(Cell::is_hidden))
        });
        let rows: Vec<&super::model::Row> = t.rows.iter().filter(|r| !r.total).collect();
        let fill_of = |c: usize| {
            self.routes
                .iter()
                .position(|r| *r == t.columns[c])
                .unwrap_or(c)
        };
        const WIDTH: f64 = 640.0;
        // The labels as wide as the widest needs, within reason.
        let label_end = label_width(rows.iter().map(|r| r.label.as_str()));
        let bar_x = label_end + 10.0;
        let bar_w = WIDTH - bar_x - 14.0;
        const BAR_H: f64 = 18.0;
        let labels: Vec<(Vec<String>, bool)> = rows
            .iter()
            .map(|r| label_lines(&r.label, label_end, 12.0))
            .collect();
        let row_h = row_height(&labels);
        // The legend, laid out in lines across the top.
        let mut legend = String::new();
        let (mut x, mut y) = (0.0f64, 12.0f64);
        for &c in &routes {
            let label = &t.columns[c];
            let w = 20.0 + text_width(label, 12.0) + 18.0;
            if x > 0.0 && x + w > WIDTH {
                x = 0.0;
                y += 20.0;
            }
            let _ = write!(
                legend,
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"14\" height=\"14\" fill=\"{}\" stroke=\"#1d1d1f\" stroke-width=\"0.75\"/><text x=\"{:.1}\" y=\"{y:.1}\" font-size=\"12\" dominant-baseline=\"central\">{}</text>",
                y - 7.0,
                fill(&id, fill_of(c)),
                x + 20.0,
                escape(label)
            );
            x += w;
        }
        if any_hidden {
            let label = "Hidden (small numbers)";
            let w = 20.0 + text_width(label, 12.0) + 18.0;
            if x > 0.0 && x + w > WIDTH {
                x = 0.0;
                y += 20.0;
            }
            let _ = write!(
                legend,
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"14\" height=\"14\" fill=\"{HIDDEN_FILL}\" stroke=\"#1d1d1f\" stroke-width=\"0.75\"/><text x=\"{:.1}\" y=\"{y:.1}\" font-size=\"12\" dominant-baseline=\"central\">{label}</text>",
                y - 7.0,
                x + 20.0,
            );
        }
        let top = y + 20.0;
        let height = top + rows.len() as f64 * row_h + 22.0;
        let title = format!("Chart: {}", t.title);
        let desc = format!(
            "Each bar is one {} row of the table above, split into the share of its cases that took each route.{}",
            t.corner.to_lowercase(),
            if self.k.is_some() {
                " The routes whose counts a row hides are drawn together, in grey; a row whose total is hidden is not drawn."
            } else {
                ""
            }
        );
        let out = &mut self.out;
        let _ = writeln!(
            out,
            "<figure class=\"block\">\n<svg viewBox=\"0 0 {WIDTH} {height:.0}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\">\n<title id=\"{id}-t\">{}</title>\n<desc id=\"{id}-d\">{}</desc>",
            escape(&title),
            escape(&desc)
        );
        defs(out, &id, self.routes.len().max(routes.len()));
        out.push_str(&legend);
        out.push('\n');
        // Grid lines at each quarter.
        let bottom = top + rows.len() as f64 * row_h;
        for q in 0..=4 {
            let gx = bar_x + bar_w * f64::from(q) / 4.0;
            let _ = write!(
                out,
                "<line x1=\"{gx:.1}\" y1=\"{top:.1}\" x2=\"{gx:.1}\" y2=\"{bottom:.1}\" stroke=\"#c9c9d1\" stroke-width=\"1\"/><text x=\"{gx:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#55555f\" text-anchor=\"middle\">{}%</text>",
                bottom + 14.0,
                q * 25
            );
        }
        out.push('\n');
        for (i, row) in rows.iter().enumerate() {
            let ry = top + i as f64 * row_h + (row_h - BAR_H) / 2.0;
            let mid = ry + BAR_H / 2.0;
            let (lines, cut) = &labels[i];
            out.push_str(&label_svg(
                label_end,
                mid,
                lines,
                cut.then_some(row.label.as_str()),
            ));
            // Each route's count where it is shown, and the row's total.
            let counts: Vec<Option<u64>> = routes
                .iter()
                .map(|&c| row.cells.get(c).and_then(Cell::as_count))
                .collect();
            let shown: u64 = counts.iter().flatten().sum();
            let sum = match total_column {
                Some(c) => row.cells.get(c).and_then(Cell::as_count),
                None => counts.iter().all(Option::is_some).then_some(shown),
            };
            let Some(sum) = sum else {
                let _ = writeln!(
                    out,
                    "<rect x=\"{bar_x:.1}\" y=\"{ry:.1}\" width=\"{bar_w:.1}\" height=\"{BAR_H}\" fill=\"#fff\" stroke=\"#8a8a94\" stroke-dasharray=\"3 3\"/><text x=\"{:.1}\" y=\"{mid:.1}\" font-size=\"11.5\" font-style=\"italic\" fill=\"#3a3a44\" dominant-baseline=\"central\">not drawn: its total is hidden</text>",
                    bar_x + 8.0
                );
                continue;
            };
            if sum == 0 {
                let _ = writeln!(
                    out,
                    "<text x=\"{:.1}\" y=\"{mid:.1}\" font-size=\"11.5\" font-style=\"italic\" fill=\"#3a3a44\" dominant-baseline=\"central\">no route recorded</text>",
                    bar_x + 8.0
                );
                continue;
            }
            let mut at = bar_x;
            let mut labels = String::new();
            let hidden = sum.saturating_sub(shown);
            let segments = routes
                .iter()
                .zip(&counts)
                .filter_map(|(&c, n)| n.map(|n| (Some(c), n)))
                .chain((hidden > 0).then_some((None, hidden)));
            for (c, n) in segments {
                if n == 0 {
                    continue;
                }
                let share = n as f64 / sum as f64;
                let w = bar_w * share;
                let (colour, what) = match c {
                    Some(c) => (fill(&id, fill_of(c)), t.columns[c].clone()),
                    None => (
                        HIDDEN_FILL.to_owned(),
                        "routes whose counts are hidden, together".to_owned(),
                    ),
                };
                let _ = write!(
                    out,
                    "<rect x=\"{at:.2}\" y=\"{ry:.1}\" width=\"{w:.2}\" height=\"{BAR_H}\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"1\"><title>{}</title></rect>",
                    colour,
                    escape(&format!(
                        "{}: {} {} of {} ({:.0}%)",
                        row.label,
                        what,
                        super::model::thousands(n),
                        super::model::thousands(sum),
                        share * 100.0
                    ))
                );
                if w >= 34.0 {
                    let _ = write!(
                        labels,
                        "<text class=\"halo\" x=\"{:.1}\" y=\"{mid:.1}\" font-size=\"11\" font-weight=\"700\" text-anchor=\"middle\" dominant-baseline=\"central\">{:.0}%</text>",
                        at + w / 2.0,
                        share * 100.0
                    );
                }
                at += w;
            }
            out.push_str(&labels);
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "</svg>\n<figcaption>{}</figcaption>\n</figure>",
            escape(&format!(
                "Each {}'s cases with a route recorded, by route; the counts are in the table above.{}",
                t.corner.to_lowercase(),
                if self.k.is_some() {
                    " Where a row hides counts, those routes are drawn together in grey, as the row's total less the counts shown; a row whose total is hidden is not drawn, as the shares of its counts would give the total away."
                } else {
                    ""
                }
            ))
        );
    }

    /// The comparisons, for each characteristic and measure: a forest plot of the
    /// ratios, and the table of every figure.
    fn comparisons(&mut self, comparisons: &[Comparison]) {
        self.out.push_str("<h3>Relative likelihood</h3>\n");
        let _ = writeln!(
            self.out,
            "<p>Each group against its reference group: the share of each that the measure counts, and the one divided by the other, with its 95% confidence interval. On the charts the scale is logarithmic, the shaded band is {:.2}–{:.2}, the range NHS England treats as non-adverse, and the line marks 1.00, as likely as the reference group.</p>",
            NON_ADVERSE.0, NON_ADVERSE.1
        );
        let mut groups: Vec<(&str, &str, Vec<&Comparison>)> = Vec::new();
        for c in comparisons {
            match groups
                .iter_mut()
                .find(|(ch, m, _)| *ch == c.characteristic && *m == c.measure)
            {
                Some((_, _, list)) => list.push(c),
                None => groups.push((&c.characteristic, c.measure, vec![c])),
            }
        }
        let mut last: Option<&str> = None;
        for (characteristic, _, list) in groups {
            if last != Some(characteristic) {
                let _ = writeln!(
                    self.out,
                    "<h4>{}</h4>",
                    escape(&crate::value::capitalised(characteristic))
                );
                last = Some(characteristic);
            }
            let _ = writeln!(
                self.out,
                "<div class=\"keep\">\n<h5>{}</h5>",
                escape(&crate::value::capitalised(&list[0].measure_words))
            );
            self.forest(characteristic, &list);
            self.comparison_table(characteristic, &list);
            self.out.push_str("</div>\n");
        }
    }

    /// A forest plot of one characteristic and measure: each ratio a point with its
    /// interval, on a log scale, against the non-adverse band and 1.00.
    fn forest(&mut self, characteristic: &str, list: &[&Comparison]) {
        let drawn: Vec<&&Comparison> = list.iter().filter(|c| c.ratio.is_some()).collect();
        let words = &list[0].measure_words;
        let reference = &list[0].reference;
        self.out.push_str("<figure class=\"block\">\n");
        if !drawn.is_empty() {
            let id = self.id();
            const WIDTH: f64 = 640.0;
            let label_end = label_width(drawn.iter().map(|c| c.group.as_str()));
            let labels: Vec<(Vec<String>, bool)> = drawn
                .iter()
                .map(|c| label_lines(&c.group, label_end, 12.0))
                .collect();
            let row_h = row_height(&labels);
            let x0 = label_end + 12.0;
            let text_x = WIDTH - 124.0;
            let x1 = text_x - 16.0;
            const TOP: f64 = 30.0;
            // A scale even about 1.00, wide enough for every interval, within 1/20 to 20.
            let reach = drawn
                .iter()
                .flat_map(|c| [c.low, c.ratio, c.high])
                .flatten()
                .filter(|v| *v > 0.0)
                .map(|v| v.ln().abs())
                .fold(2f64.ln(), f64::max)
                .min(20f64.ln())
                * 1.08;
            let x = |v: f64| {
                let v = if v > 0.0 { v.ln() } else { -reach }.clamp(-reach, reach);
                x0 + (v + reach) / (2.0 * reach) * (x1 - x0)
            };
            let bottom = TOP + drawn.len() as f64 * row_h;
            let height = bottom + 44.0;
            let title =
                format!("Relative likelihood by {characteristic}, against {reference}: {words}");
            let desc = format!(
                "Each point is a group's relative likelihood, its line the 95% confidence interval, on a log scale; the shaded band is {:.2}–{:.2}, the range NHS England treats as non-adverse, and the line marks 1.00. The table below gives every figure.",
                NON_ADVERSE.0, NON_ADVERSE.1
            );
            let out = &mut self.out;
            let _ = writeln!(
                out,
                "<svg viewBox=\"0 0 {WIDTH} {height:.0}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\">\n<title id=\"{id}-t\">{}</title>\n<desc id=\"{id}-d\">{}</desc>",
                escape(&title),
                escape(&desc)
            );
            let (b0, b1) = (x(NON_ADVERSE.0), x(NON_ADVERSE.1));
            let _ = writeln!(
                out,
                "<rect x=\"{b0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#e4e4e8\" stroke=\"#9a9aa4\" stroke-width=\"0.75\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10.5\" fill=\"#3a3a44\" text-anchor=\"middle\">non-adverse {:.2}–{:.2}</text>",
                TOP - 6.0,
                b1 - b0,
                bottom - TOP + 12.0,
                x(1.0),
                TOP - 11.0,
                NON_ADVERSE.0,
                NON_ADVERSE.1
            );
            let _ = writeln!(
                out,
                "<text x=\"{text_x:.1}\" y=\"{:.1}\" font-size=\"11\" font-weight=\"700\">Ratio (95% CI)</text>",
                TOP - 11.0
            );
            // The axis and its ticks: 1.00 always, the others where they do not crowd.
            let axis_y = bottom + 6.0;
            let _ = writeln!(
                out,
                "<line x1=\"{x0:.1}\" y1=\"{axis_y:.1}\" x2=\"{x1:.1}\" y2=\"{axis_y:.1}\" stroke=\"#1d1d1f\" stroke-width=\"1\"/>"
            );
            let mut kept: Vec<f64> = Vec::new();
            for v in [
                1.0, 0.5, 2.0, 0.25, 4.0, 0.1, 10.0, 0.2, 5.0, 0.05, 20.0, 0.8, 1.25,
            ] {
                let px = x(v);
                if v.ln().abs() > reach || kept.iter().any(|&k| (x(k) - px).abs() < 30.0) {
                    continue;
                }
                kept.push(v);
                let _ = write!(
                    out,
                    "<line x1=\"{px:.1}\" y1=\"{axis_y:.1}\" x2=\"{px:.1}\" y2=\"{:.1}\" stroke=\"#1d1d1f\"/><text x=\"{px:.1}\" y=\"{:.1}\" font-size=\"10.5\" text-anchor=\"middle\">{}</text>",
                    axis_y + 4.0,
                    axis_y + 15.0,
                    tick(v)
                );
            }
            let _ = writeln!(
                out,
                "\n<text x=\"{x0:.1}\" y=\"{:.1}\" font-size=\"10.5\" fill=\"#3a3a44\">\u{2190} less likely than {}</text><text x=\"{x1:.1}\" y=\"{:.1}\" font-size=\"10.5\" fill=\"#3a3a44\" text-anchor=\"end\">more likely \u{2192}</text>",
                axis_y + 31.0,
                escape(reference),
                axis_y + 31.0
            );
            let one = x(1.0);
            let _ = writeln!(
                out,
                "<line x1=\"{one:.1}\" y1=\"{:.1}\" x2=\"{one:.1}\" y2=\"{axis_y:.1}\" stroke=\"#1d1d1f\" stroke-width=\"1.25\"/>",
                TOP - 6.0
            );
            for (i, c) in drawn.iter().enumerate() {
                let Some(ratio) = c.ratio else { continue };
                let mid = TOP + i as f64 * row_h + row_h / 2.0;
                let (lines, cut) = &labels[i];
                let _ = write!(
                    out,
                    "<g><title>{}</title>{}",
                    escape(&if *cut {
                        format!("{}: {}", c.group, c.sentence)
                    } else {
                        c.sentence.clone()
                    }),
                    label_svg(label_end, mid, lines, None)
                );
                if let (Some(low), Some(high)) = (c.low, c.high) {
                    let (l, h) = (x(low), x(high));
                    let _ = write!(
                        out,
                        "<line x1=\"{l:.1}\" y1=\"{mid:.1}\" x2=\"{h:.1}\" y2=\"{mid:.1}\" stroke=\"#1d1d1f\" stroke-width=\"2\"/>"
                    );
                    // An end within the scale has a cap; one beyond it, an arrow.
                    for (v, px, dir) in [(low, l, -1.0), (high, h, 1.0)] {
                        if v.ln().abs() > reach {
                            let _ = write!(
                                out,
                                "<path d=\"M{:.1},{mid:.1} l{:.1},-4 v8 z\" fill=\"#1d1d1f\"/>",
                                px + dir * 2.0,
                                -dir * 7.0
                            );
                        } else {
                            let _ = write!(
                                out,
                                "<line x1=\"{px:.1}\" y1=\"{:.1}\" x2=\"{px:.1}\" y2=\"{:.1}\" stroke=\"#1d1d1f\" stroke-width=\"1.5\"/>",
                                mid - 4.0,
                                mid + 4.0
                            );
                        }
                    }
                }
                let px = x(ratio);
                let _ = writeln!(
                    out,
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"10\" height=\"10\" fill=\"#1d1d1f\" stroke=\"#fff\" stroke-width=\"1\"/><text x=\"{text_x:.1}\" y=\"{mid:.1}\" font-size=\"12\" dominant-baseline=\"central\">{}</text></g>",
                    px - 5.0,
                    mid - 5.0,
                    escape(&ratio_words(c))
                );
            }
            out.push_str("</svg>\n");
        }
        let missing: Vec<&&Comparison> = list.iter().filter(|c| c.ratio.is_none()).collect();
        let out = &mut self.out;
        if drawn.is_empty() {
            out.push_str("<figcaption>No ratio can be shown.</figcaption>\n");
        }
        if !missing.is_empty() {
            out.push_str("<ul class=\"not-shown\">\n");
            for c in missing {
                let _ = writeln!(
                    out,
                    "<li><strong>Not shown:</strong> {}</li>",
                    prose(&c.sentence)
                );
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</figure>\n");
    }

    fn comparison_table(&mut self, characteristic: &str, list: &[&Comparison]) {
        let words = &list[0].measure_words;
        let per_head = list[0].measure.ends_with("per-head");
        let of = if per_head { "staff" } else { "cases" };
        let out = &mut self.out;
        out.push_str("<div class=\"block\">\n<table class=\"comparisons\">\n");
        let _ = writeln!(
            out,
            "<caption>{}: {}</caption>",
            escape(&crate::value::capitalised(characteristic)),
            escape(words)
        );
        let _ = writeln!(
            out,
            "<thead><tr><th scope=\"col\">Group</th><th scope=\"col\" class=\"num\">Group: of its {of}</th><th scope=\"col\" class=\"num\">{}: of its {of}</th><th scope=\"col\" class=\"num\">Relative likelihood</th><th scope=\"col\" class=\"num\">95% CI</th><th scope=\"col\">Against <span class=\"nowrap\">{:.2}–{:.2}</span></th></tr></thead>\n<tbody>",
            escape(&list[0].reference),
            NON_ADVERSE.0,
            NON_ADVERSE.1
        );
        for c in list {
            let share = |n: &Cell, total: &Cell, pct: &Cell| {
                format!("{} of {} ({})", n.shown, total.shown, pct.shown)
            };
            let (ratio, ci) = match (c.ratio, c.low, c.high) {
                (Some(r), Some(l), Some(h)) => (format!("{r:.2}"), format!("{l:.2}–{h:.2}")),
                (Some(r), _, _) => (format!("{r:.2}"), NONE.to_owned()),
                _ => (NONE.to_owned(), NONE.to_owned()),
            };
            let band = match c.band {
                Some(Band::Above) => "Above",
                Some(Band::Within) => "Within",
                Some(Band::Below) => "Below",
                None => NONE,
            };
            let _ = writeln!(
                out,
                "<tr class=\"has-sentence\"><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                escape(&c.group),
                escape(&share(&c.group_count, &c.group_total, &c.group_percent)),
                escape(&share(
                    &c.reference_count,
                    &c.reference_total,
                    &c.reference_percent
                )),
                escape(&ratio),
                escape(&ci),
                escape(band)
            );
            let _ = writeln!(
                out,
                "<tr class=\"sentence\"><td colspan=\"6\">{}</td></tr>",
                prose(&c.sentence)
            );
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }

    fn foot(&mut self, report: &Report) {
        self.out.push_str("</main>\n");
        if let Some(marking) = report.marking {
            let _ = writeln!(
                self.out,
                "<div class=\"marking\" role=\"note\">{}</div>",
                escape(marking)
            );
        }
        self.out.push_str("</body>\n</html>\n");
    }
}

/// Every route the report's charts draw, in order of first appearance.
fn routes(report: &Report) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for t in report.sections.iter().flat_map(|s| &s.tables) {
        if !t.chart {
            continue;
        }
        for (c, column) in t.columns.iter().enumerate() {
            let total = c + 1 == t.columns.len() && column == "Total";
            if !total && !seen.contains(column) {
                seen.push(column.clone());
            }
        }
    }
    seen
}

/// A cell that holds a figure (right-aligned), not a word such as a version.
fn is_figure(cell: &Cell) -> bool {
    cell.value.is_some() || cell.is_hidden() || cell.shown == NONE
}

fn td(cell: &Cell, numeric: bool, k: Option<u64>) -> String {
    let align = if numeric { "num" } else { "" };
    let why = match cell.suppressed {
        Some(Why::Small) => Some(match k {
            Some(k) => format!("a count from 1 to {}, not shown", k - 1),
            None => "a small count, not shown".to_owned(),
        }),
        Some(Why::Secondary) => {
            Some("hidden so that a smaller count cannot be worked out".to_owned())
        }
        Some(Why::BuiltOnHidden) => Some("not shown: built on a hidden count".to_owned()),
        None => None,
    };
    match why {
        Some(why) => format!(
            "<td class=\"{align} suppressed\" title=\"{}\">{}</td>",
            escape(&why),
            escape(&cell.shown)
        ),
        None if numeric => format!("<td class=\"num\">{}</td>", escape(&cell.shown)),
        None => format!("<td>{}</td>", escape(&cell.shown)),
    }
}

fn notes(out: &mut String, notes: &[String]) {
    if notes.is_empty() {
        return;
    }
    out.push_str("<ul class=\"notes\">\n");
    for note in notes {
        let _ = writeln!(out, "<li>{}</li>", prose(note));
    }
    out.push_str("</ul>\n");
}

/// A sentence, escaped, with its `quoted` names as code.
fn prose(text: &str) -> String {
    let escaped = escape(text);
    if escaped.matches('`').count() < 2 {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + 32);
    let mut parts = escaped.split('`').peekable();
    let mut inside = false;
    while let Some(part) = parts.next() {
        out.push_str(part);
        if parts.peek().is_none() {
            break;
        }
        // An unpaired last backtick stays as it is.
        let pairs_left = parts.clone().count();
        if !inside && pairs_left < 2 {
            out.push('`');
            continue;
        }
        out.push_str(if inside { "</code>" } else { "<code>" });
        inside = !inside;
    }
    out
}

/// A section's id as an anchor: letters, digits and hyphens only.
fn anchor(id: &str) -> String {
    let clean: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("section-{clean}")
}

/// A marking as a CSS string's contents: letters, digits, spaces and hyphens only.
fn css_string(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-')
        .collect()
}

/// `2.00 (0.94–4.26)`.
fn ratio_words(c: &Comparison) -> String {
    match (c.ratio, c.low, c.high) {
        (Some(r), Some(l), Some(h)) => format!("{r:.2} ({l:.2}–{h:.2})"),
        (Some(r), _, _) => format!("{r:.2}"),
        _ => NONE.to_owned(),
    }
}

fn tick(v: f64) -> String {
    if v >= 10.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

/// Escaped text whose hyphenated words ("Performers-list") are kept whole on a line:
/// a heading broken at its hyphen reads as two words.
fn unbroken_hyphens(escaped: &str) -> String {
    let words: Vec<String> = escaped
        .split(' ')
        .map(|w| {
            if w.contains('-') {
                format!("<span class=\"nowrap\">{w}</span>")
            } else {
                w.to_owned()
            }
        })
        .collect();
    words.join(" ")
}

/// A file's name, escaped, that a narrow page breaks only after a folder's separator,
/// never at a hyphen inside a name (`north-` / `east` would read as one word broken);
/// copied, it is the name as it stands.
fn path(file: &str) -> String {
    let mut out = String::with_capacity(file.len() + 32);
    for part in file.split_inclusive(['/', '\\']) {
        let _ = write!(out, "<span class=\"nowrap\">{}</span><wbr>", escape(part));
    }
    if out.ends_with("<wbr>") {
        out.truncate(out.len() - "<wbr>".len());
    }
    out
}

/// About how wide `text` is at `size` pixels in a sans-serif face: a little wide, so
/// that nothing laid out by it overlaps.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | 't' | 'f' | 'r' | '.' | ',' | ' ' | '\'' | '(' | ')' => 0.33,
            'm' | 'w' | 'M' | 'W' => 0.85,
            c if c.is_uppercase() => 0.68,
            _ => 0.56,
        })
        .sum::<f64>()
        * size
}

/// Where a chart's labels end: as far as the widest of them needs, within 60 and
/// 230 (a longer one takes two lines).
fn label_width<'a>(labels: impl Iterator<Item = &'a str>) -> f64 {
    labels
        .map(|l| text_width(l, 12.0) + 8.0)
        .fold(60.0, f64::max)
        .min(230.0)
}

/// A label in one line where it fits, else in two at a word, the second cut with an
/// ellipsis where it is still too long (the whole is in its tooltip and the table);
/// and whether it was cut.
fn label_lines(text: &str, width: f64, size: f64) -> (Vec<String>, bool) {
    if text_width(text, size) <= width {
        return (vec![text.to_owned()], false);
    }
    // Two lines are set a size smaller.
    let size = size - 1.0;
    let mut first = String::new();
    let mut words = text.split(' ').peekable();
    while let Some(word) = words.peek() {
        let longer = if first.is_empty() {
            (*word).to_owned()
        } else {
            format!("{first} {word}")
        };
        if !first.is_empty() && text_width(&longer, size) > width {
            break;
        }
        first = longer;
        words.next();
    }
    let rest: Vec<&str> = words.collect();
    let (first, cut_first) = fit(&first, width, size);
    if rest.is_empty() {
        return (vec![first], cut_first);
    }
    let (second, cut_second) = fit(&rest.join(" "), width, size);
    (vec![first, second], cut_first || cut_second)
}

/// Rows tall enough for labels of two lines, where any has two.
fn row_height(labels: &[(Vec<String>, bool)]) -> f64 {
    if labels.iter().any(|(lines, _)| lines.len() > 1) {
        32.0
    } else {
        26.0
    }
}

/// A label ending at `x`, its lines about `mid`, with its whole text as a tooltip
/// where it was cut.
fn label_svg(x: f64, mid: f64, lines: &[String], whole: Option<&str>) -> String {
    let title = whole.map_or_else(String::new, |w| format!("<title>{}</title>", escape(w)));
    match lines {
        [one] => format!(
            "<text x=\"{x:.1}\" y=\"{mid:.1}\" font-size=\"12\" text-anchor=\"end\" dominant-baseline=\"central\">{title}{}</text>",
            escape(one)
        ),
        _ => {
            let mut out = format!(
                "<text x=\"{x:.1}\" font-size=\"11\" text-anchor=\"end\" dominant-baseline=\"central\">{title}"
            );
            for (i, line) in lines.iter().enumerate() {
                let y = mid + (i as f64 - (lines.len() - 1) as f64 / 2.0) * 13.0;
                let _ = write!(
                    out,
                    "<tspan x=\"{x:.1}\" y=\"{y:.1}\">{}</tspan>",
                    escape(line)
                );
            }
            out.push_str("</text>");
            out
        }
    }
}

/// `text` cut with an ellipsis to fit `width` at `size`, and whether it was cut.
fn fit(text: &str, width: f64, size: f64) -> (String, bool) {
    if text_width(text, size) <= width {
        return (text.to_owned(), false);
    }
    let mut cut = String::new();
    for c in text.chars() {
        if text_width(&cut, size) + text_width(&format!("{c}\u{2026}"), size) > width {
            break;
        }
        cut.push(c);
    }
    cut.truncate(cut.trim_end().len());
    cut.push('\u{2026}');
    (cut, true)
}

/// Route fills, told apart in colour (Okabe and Ito's palette, safe for colour-blind
/// readers) and, printed in black and white, by lightness and pattern.
const FILLS: [(&str, Pattern); 8] = [
    ("#0072b2", Pattern::Solid),
    ("#e69f00", Pattern::Solid),
    ("#009e73", Pattern::Diagonal),
    ("#cc79a7", Pattern::Dots),
    ("#56b4e9", Pattern::Cross),
    ("#d55e00", Pattern::Horizontal),
    ("#f0e442", Pattern::BackDiagonal),
    ("#5e5e66", Pattern::Vertical),
];

#[derive(Clone, Copy)]
enum Pattern {
    Solid,
    Diagonal,
    BackDiagonal,
    Dots,
    Cross,
    Horizontal,
    Vertical,
}

/// The fill of the routes whose counts are hidden, drawn together.
const HIDDEN_FILL: &str = "#c9c9d1";

/// The fill of the `n`th route in the chart `id`.
fn fill(id: &str, n: usize) -> String {
    let (colour, pattern) = FILLS[n % FILLS.len()];
    match pattern {
        Pattern::Solid => colour.to_owned(),
        _ => format!("url(#{id}-f{})", n % FILLS.len()),
    }
}

/// The patterns of a chart's fills.
fn defs(out: &mut String, id: &str, used: usize) {
    out.push_str("<defs>");
    for (n, (colour, pattern)) in FILLS.iter().enumerate().take(used.max(1)) {
        let (marks, ink) = match pattern {
            Pattern::Solid => continue,
            Pattern::Diagonal => (
                "<path d=\"M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2\" stroke-width=\"1.6\"/>",
                "#fff",
            ),
            Pattern::BackDiagonal => (
                "<path d=\"M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2\" stroke-width=\"1.2\"/>",
                "#4d4500",
            ),
            Pattern::Dots => (
                "<circle cx=\"3\" cy=\"3\" r=\"1.4\" stroke=\"none\"/>",
                "#fff",
            ),
            Pattern::Cross => (
                "<path d=\"M0,3 H6 M3,0 V6\" stroke-width=\"1\"/>",
                "#003a5c",
            ),
            Pattern::Horizontal => ("<path d=\"M0,3 H6\" stroke-width=\"1.6\"/>", "#fff"),
            Pattern::Vertical => ("<path d=\"M3,0 V6\" stroke-width=\"1.6\"/>", "#fff"),
        };
        let _ = write!(
            out,
            "<pattern id=\"{id}-f{n}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"{colour}\"/><g stroke=\"{ink}\" fill=\"{ink}\">{marks}</g></pattern>"
        );
    }
    out.push_str("</defs>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Standing;
    use crate::report::build;
    use crate::report::facts::{Check, Choice, Facts};
    use crate::report::inputs::{Monitoring, Workforce};
    use crate::report::model::Period;
    use crate::report::{Read, Request};

    fn choice(id: &str, label: &str) -> Option<Choice> {
        Some(Choice {
            id: id.to_owned(),
            label: label.to_owned(),
        })
    }

    fn case(n: usize, route: &str, interim: bool) -> Facts {
        let date = |d: &str| d.parse().ok();
        let (route_label, staff) = match route {
            "formal" => ("Formal process", ("doctor", "Doctor")),
            "informal" => ("Informal resolution", ("dentist", "Dentist")),
            "remediation-plan" => ("Remediation plan", ("dentist", "Dentist")),
            "advice-referral" => ("Referral for advice", ("doctor", "Doctor")),
            _ => ("No further action", ("doctor", "Doctor")),
        };
        Facts {
            reference: format!("CASE-{n:04}"),
            standing: Standing::Signed,
            framework: ("Fairness framework".to_owned(), "2.0.0".to_owned()),
            staff_group: choice(staff.0, staff.1),
            nation: choice("england", "England"),
            setting: choice("hospital", "Hospital"),
            policy: choice("mhps", "MHPS"),
            route: choice(route, route_label),
            interim: if interim {
                choice("restriction", "Restriction of practice")
            } else {
                choice("none", "None")
            },
            referral: Some(if n.is_multiple_of(7) {
                Check::Yes
            } else {
                Check::No
            }),
            concern_raised: date("2025-05-01"),
            practitioner_told: date("2025-05-03"),
            advice_contacted: Some(Check::Yes),
            advice_on: date("2025-05-06"),
            decided_on: date("2025-06-10"),
            measure_start: None,
            measure_review: None,
            learning_concern: None,
            being_fair: None,
            independent_check: Some(Check::Yes),
            needs_countersignature: false,
            checks: vec![(
                "concern-specific".to_owned(),
                "Is the concern specific?".to_owned(),
                if n.is_multiple_of(3) {
                    Check::No
                } else {
                    Check::Yes
                },
            )],
            plain_no: Vec::new(),
            dated: date("2025-06-10"),
        }
    }

    /// A report of fictional cases: 400 White, 300 Asian (formal twice as often), 50
    /// Black (some of whose counts go to hide the next group's), and 7 in a group whose
    /// name is markup, too few to show.
    fn report(audience: Audience) -> Report {
        let mut counted = Vec::new();
        let mut monitoring = Monitoring {
            characteristics: vec!["ethnicity".to_owned()],
            rows: Default::default(),
            order: Vec::new(),
            near_misses: Vec::new(),
        };
        let groups: [(&str, u32, u32); 4] = [
            ("White British", 400, 10),
            ("Asian or Asian British", 300, 5),
            ("Black or Black British", 50, 5),
            ("<b>Other</b>", 7, 1),
        ];
        let mut n = 0;
        for (group, size, every) in groups {
            for i in 0..size {
                n += 1;
                let route = if i.is_multiple_of(every) {
                    "formal"
                } else if i.is_multiple_of(2) {
                    "informal"
                } else if i.is_multiple_of(3) {
                    "remediation-plan"
                } else if i.is_multiple_of(5) {
                    "advice-referral"
                } else {
                    "no-further-action"
                };
                counted.push(case(n, route, i.is_multiple_of(9)));
                let reference = format!("CASE-{n:04}");
                monitoring.order.push(reference.clone());
                monitoring
                    .rows
                    .insert(reference, vec![Some(group.to_owned())]);
            }
        }
        // A row for a case not among those counted: a warning in the coverage.
        monitoring.order.push("CASE-9999".to_owned());
        monitoring.rows.insert(
            "CASE-9999".to_owned(),
            vec![Some("White British".to_owned())],
        );
        let workforce = Workforce {
            headcounts: [(
                "ethnicity".to_owned(),
                vec![
                    ("White British".to_owned(), 4000),
                    ("Asian or Asian British".to_owned(), 2500),
                    ("Black or Black British".to_owned(), 600),
                    ("<b>Other</b>".to_owned(), 40),
                ],
            )]
            .into(),
            ..Workforce::default()
        };
        let request = Request {
            monitoring: Some(&monitoring),
            workforce: Some(&workforce),
            period: Some(Period {
                from: Some("2025-04-01".to_owned()),
                to: Some("2026-03-31".to_owned()),
            }),
            k: 10,
            audience,
            references: &[],
            generated: "2026-04-02T09:30:00Z".to_owned(),
        };
        let read = Read {
            read: counted.len() + 1,
            counted,
            left_out: vec![crate::report::model::LeftOut {
                file: "cases/CASE-0999.yaml".to_owned(),
                why: "draft",
            }],
            ..Read::default()
        };
        build::report(&request, read)
    }

    /// The `<tr>` of the row labelled `label` in the table captioned `caption`.
    fn row<'a>(page: &'a str, caption: &str, label: &str) -> &'a str {
        let at = page
            .find(&format!("<caption>{caption}</caption>"))
            .unwrap_or_else(|| panic!("no table {caption}"));
        let table = &page[at..at + page[at..].find("</table>").unwrap()];
        let start = table
            .find(&format!("<th scope=\"row\">{label}</th>"))
            .unwrap_or_else(|| panic!("no row {label} in {caption}"));
        let end = start + table[start..].find("</tr>").unwrap();
        &table[start..end]
    }

    #[test]
    fn the_equality_leads_page_is_marked_at_top_bottom_in_print_and_in_its_title() {
        let page = html(&report(Audience::EqualityLead));
        assert!(page.contains("<title>OFFICIAL-SENSITIVE: Fairness"));
        let banners = page
            .matches("<div class=\"marking\" role=\"note\">OFFICIAL-SENSITIVE</div>")
            .count();
        assert_eq!(banners, 2);
        assert!(page.contains("@top-center { content: \"OFFICIAL-SENSITIVE\""));
        assert!(page.contains("@bottom-center { content: \"OFFICIAL-SENSITIVE\""));
        // Every count as it is: the small group's 7 cases are shown.
        assert!(
            row(
                &page,
                "Cases and escalation, by ethnicity",
                "&lt;b&gt;Other&lt;/b&gt;"
            )
            .contains("<td class=\"num\">7</td>")
        );
        let board = html(&report(Audience::Board));
        assert!(!board.contains("OFFICIAL-SENSITIVE"));
        assert!(!board.contains("class=\"marking\""));
    }

    #[test]
    fn a_hidden_count_shows_as_under_k_and_its_value_nowhere() {
        let page = html(&report(Audience::Board));
        let small = row(
            &page,
            "Cases and escalation, by ethnicity",
            "&lt;b&gt;Other&lt;/b&gt;",
        );
        assert!(small.contains(">&lt;10</td>"), "{small}");
        assert!(!small.contains(">7<"), "{small}");
        // Nor in the comparisons: no ratio, and the group listed as not shown.
        assert!(!page.contains(" of 7 ("));
        let listed = "<li><strong>Not shown:</strong> &lt;b&gt;Other&lt;/b&gt; against";
        let at = page.find(listed).expect("listed as not shown");
        let item = &page[at..at + page[at..].find("</li>").unwrap()];
        assert!(item.contains("too few to compare"), "{item}");
        assert!(page.contains("Counts of cases from 1 to 9 are shown as &lt;10"));
    }

    #[test]
    fn a_chart_row_draws_its_hidden_routes_together_and_only_a_hidden_total_is_not_drawn() {
        let report = report(Audience::Board);
        let page = html(&report);
        let at = page.find("Chart: Routes decided, by ethnicity").unwrap();
        let chart = &page[at..at + page[at..].find("</svg>").unwrap()];
        let table = report
            .sections
            .iter()
            .flat_map(|s| &s.tables)
            .find(|t| t.id == "routes-by-ethnicity")
            .unwrap();
        let (mut with_hidden, mut not_drawn) = (0, 0);
        for row in table.rows.iter().filter(|r| !r.total) {
            let segment = format!("<title>{}:", escape(&row.label));
            let total = row.cells.last().unwrap();
            if total.is_hidden() {
                assert!(!chart.contains(&segment), "{} drawn", row.label);
                not_drawn += 1;
                continue;
            }
            if total.as_count() == Some(0) {
                continue;
            }
            assert!(chart.contains(&segment), "{} not drawn", row.label);
            // Each count shown is its own segment; the hidden ones, one segment of
            // the total less the counts shown, which the table gives anyway.
            let shown: u64 = row.cells[..row.cells.len() - 1]
                .iter()
                .filter_map(Cell::as_count)
                .sum();
            let total = total.as_count().unwrap();
            let together = format!(
                "<title>{}: routes whose counts are hidden, together {} of {}",
                escape(&row.label),
                total - shown,
                total
            );
            if row.cells.iter().any(Cell::is_hidden) {
                assert!(chart.contains(&together), "{together}");
                with_hidden += 1;
            } else {
                assert!(!chart.contains(&together));
            }
            for (c, cell) in row.cells[..row.cells.len() - 1].iter().enumerate() {
                if let Some(n) = cell.as_count().filter(|n| *n > 0) {
                    let one = format!(
                        "<title>{}: {} {n} of {total}",
                        escape(&row.label),
                        escape(&table.columns[c])
                    );
                    assert!(chart.contains(&one), "{one}");
                }
            }
        }
        assert!(with_hidden > 0, "no row with a hidden count");
        assert_eq!(
            chart.matches("not drawn: its total is hidden").count(),
            not_drawn
        );
        assert!(chart.contains("Hidden (small numbers)"));
        assert!(chart.contains("<title>White British: Formal process 40 of 400 (10%)</title>"));
        // For the equality lead nothing is hidden, so every route is its own segment.
        let lead = html(&super::tests::report(Audience::EqualityLead));
        let at = lead.find("Chart: Routes decided, by ethnicity").unwrap();
        let chart = &lead[at..at + lead[at..].find("</svg>").unwrap()];
        assert!(!chart.contains("not drawn"), "{chart}");
        assert!(!chart.contains("hidden"), "{chart}");
        assert!(chart.contains("<title>&lt;b&gt;Other&lt;/b&gt;: Formal process 7 of 7"));
    }

    #[test]
    fn markup_in_a_group_is_escaped_everywhere() {
        for audience in [Audience::Board, Audience::EqualityLead] {
            let page = html(&report(audience));
            assert!(!page.contains("<b>"), "markup reached the page");
            assert!(page.contains("&lt;b&gt;Other&lt;/b&gt;"));
        }
    }

    #[test]
    fn the_page_loads_nothing_from_outside_itself() {
        let page = html(&report(Audience::EqualityLead));
        assert!(!page.contains("http://") && !page.contains("https://"));
        assert!(!page.contains("<script") && !page.contains("@import"));
        for attribute in ["src=", "href=", "xlink:href="] {
            for (at, _) in page.match_indices(attribute) {
                let value = &page[at + attribute.len()..];
                assert!(value.starts_with("\"#"), "{}", &page[at..at + 60]);
            }
        }
        for (at, _) in page.match_indices("url(") {
            assert!(page[at + 4..].starts_with("#fig"), "{}", &page[at..at + 30]);
        }
    }

    #[test]
    fn comparisons_are_plotted_against_the_band_and_tabled_with_their_sentences() {
        let page = html(&report(Audience::Board));
        assert!(page.contains("non-adverse 0.80–1.25"));
        // Asian against White, formal: 60 of 300 against 40 of 400 is 2.00.
        let r = row(
            &page,
            "Ethnicity: went to a formal route",
            "Asian or Asian British",
        );
        assert!(r.contains("60 of 300 (20.0%)"), "{r}");
        assert!(r.contains("40 of 400 (10.0%)"), "{r}");
        assert!(r.contains("<td class=\"num\">2.00</td>"), "{r}");
        assert!(r.contains("<td>Above</td>"), "{r}");
        assert!(page.contains(">2.00 ("));
        assert!(page.contains("times as often (95% CI"));
    }

    #[test]
    fn a_heading_keeps_its_hyphenated_words_whole() {
        assert_eq!(
            unbroken_hyphens("Performers-list action (conditions)"),
            "<span class=\"nowrap\">Performers-list</span> action (conditions)"
        );
        assert_eq!(unbroken_hyphens("Total"), "Total");
    }

    #[test]
    fn a_file_name_breaks_only_after_a_folder_never_at_a_hyphen() {
        let span = |s: &str| format!("<span class=\"nowrap\">{s}</span>");
        assert_eq!(
            path("north-east/cases-2026/CASE-1.yaml"),
            [
                span("north-east/"),
                span("cases-2026/"),
                span("CASE-1.yaml")
            ]
            .join("<wbr>")
        );
        assert_eq!(
            path(r"C:\Cases\a&b.yaml"),
            [span(r"C:\"), span(r"Cases\"), span("a&amp;b.yaml")].join("<wbr>")
        );
        assert_eq!(path("CASE-1.yaml"), span("CASE-1.yaml"));
    }

    #[test]
    fn the_header_says_who_it_is_for_when_and_what_period() {
        let page = html(&report(Audience::Board));
        assert!(page.contains("<dt>For</dt><dd>The board:"));
        assert!(page.contains("<time datetime=\"2026-04-02T09:30:00Z\">"));
        assert!(page.contains("<dt>Period</dt><dd>2025-04-01 to 2026-03-31</dd>"));
        assert!(page.contains("<li><code><span class=\"nowrap\">cases/</span><wbr><span class=\"nowrap\">CASE-0999.yaml</span></code>: a draft, not signed</li>"));
        assert!(page.contains("<p class=\"warning\" role=\"note\"><strong>Warning</strong>1 row of the monitoring file matches no counted record"));
    }

    #[test]
    fn a_long_label_takes_two_lines_so_that_its_end_still_tells_it_apart() {
        let (lines, cut) = label_lines(
            "Maintaining High Professional Standards in the Modern HPSS",
            230.0,
            12.0,
        );
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[1].ends_with("HPSS") && !cut, "{lines:?}");
        assert_eq!(
            label_lines("Doctor", 230.0, 12.0),
            (vec!["Doctor".to_owned()], false)
        );
        let (lines, cut) = label_lines(&"word ".repeat(40), 100.0, 12.0);
        assert!(cut && lines.len() == 2 && lines[1].ends_with('\u{2026}'));
    }

    #[test]
    fn backticked_names_become_code_and_a_lone_backtick_stays() {
        assert_eq!(prose("`sex` is <x>"), "<code>sex</code> is &lt;x&gt;");
        assert_eq!(prose("a ` b"), "a ` b");
        assert_eq!(
            prose("`a` and `b` and `"),
            "<code>a</code> and <code>b</code> and `"
        );
    }
}
