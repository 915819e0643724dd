//! Blocks as one self-contained HTML page: inline CSS, no scripts, no external assets
//! (a Content-Security-Policy forbids loading any), and every piece of record text
//! escaped. Laid out for the screen and for printing on A4.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::terminal::neutralise;

use super::document::{self, Block, Part};
use super::{Entry, Format, Tally};

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5a5a66; --rule: #d0d0d8; --accent: #005eb8; }
* { box-sizing: border-box; }
body { margin: 0; font: 11pt/1.5 "Helvetica Neue", Arial, "Liberation Sans", sans-serif; color: var(--ink); background: #f4f4f6; }
main { max-width: 50rem; margin: 0 auto; padding: 1.5rem; }
article { background: #fff; padding: 2rem 2.5rem; margin-bottom: 2rem; border: 1px solid var(--rule); border-radius: 4px; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; color: var(--accent); }
h2 { font-size: 1.2rem; margin: 2rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1rem; margin: 0 0 0.4rem; }
h3.sub { font-size: 1.05rem; margin: 1.25rem 0 0.5rem; }
p { margin: 0 0 0.75rem; }
.text, .value, .note, .answer-text { white-space: pre-wrap; overflow-wrap: anywhere; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1.25rem; margin: 0 0 1rem; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; }
.item { border-left: 3px solid var(--rule); padding: 0.2rem 0 0.2rem 0.9rem; margin: 0 0 1rem; }
.item .num { color: var(--muted); margin-right: 0.3rem; }
.answer { margin: 0 0 0.3rem; }
.answer strong { font-weight: 700; }
.note { color: #2b2b33; background: #f6f6f9; padding: 0.4rem 0.6rem; border-radius: 3px; margin: 0 0 0.3rem; }
.when { color: var(--muted); font-size: 0.85rem; margin: 0; }
.tag { font-size: 0.75rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); margin-right: 0.4rem; }
ul { margin: 0 0 1rem; padding-left: 1.4rem; }
li { margin: 0 0 0.35rem; }
dl.entries dt { font-weight: 700; margin-top: 0.6rem; }
dl.entries dd { margin: 0.1rem 0 0 0; }
.alarm { border: 3px solid #b00020; background: #fdecee; color: #7a0016; padding: 0.8rem 1rem; margin: 0 0 1.25rem; }
.alarm strong { font-size: 1.1rem; }
.notice { border: 2px solid #b26a00; background: #fff4e0; padding: 0.8rem 1rem; margin: 0 0 1.25rem; }
.watermark { position: fixed; top: 40%; left: 0; right: 0; text-align: center; font-size: 7rem; font-weight: 800; color: rgba(178, 106, 0, 0.09); transform: rotate(-30deg); pointer-events: none; z-index: 0; }
@page { size: A4; margin: 16mm 15mm; }
@media print {
  body { background: #fff; font-size: 10pt; }
  main { max-width: none; padding: 0; }
  article { border: 0; padding: 0; margin: 0; }
  article + article { break-before: page; }
  h2, h3 { break-after: avoid; }
  .item, .alarm, .notice, dl.facts { break-inside: avoid; }
  h1 { color: var(--ink); }
  h2 { border-bottom-color: var(--ink); }
}
"#;

/// The records' pages, kept until the end: the page's title and its watermark depend
/// on all of them.
#[derive(Default)]
pub struct Html {
    articles: String,
    parts: usize,
    first_title: String,
}

impl Format for Html {
    fn has_practitioner_view(&self) -> bool {
        true
    }

    fn record(&mut self, _out: &mut dyn Write, entry: &Entry) -> io::Result<()> {
        let part = document::part(entry);
        if self.parts == 0 {
            self.first_title = part.title.clone();
        }
        part_html(&mut self.articles, &part);
        self.parts += 1;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, tally: &Tally) -> io::Result<()> {
        let title = match self.parts {
            1 => std::mem::take(&mut self.first_title),
            many => format!("{many} case records"),
        };
        // A watermark covers every page, so only a page of drafts alone gets one; each
        // draft among signed records carries its own notice.
        let draft = tally.drafts == self.parts;
        let mut text = String::with_capacity(self.articles.len() + 8 * 1024);
        head(&mut text, &title, draft);
        text.push_str(&self.articles);
        text.push_str("</main>\n</body>\n</html>\n");
        out.write_all(text.as_bytes())
    }
}

/// Everything before the first page.
fn head(out: &mut String, title: &str, draft: bool) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"fairness\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    if draft {
        out.push_str("<div class=\"watermark\" aria-hidden=\"true\">DRAFT</div>\n");
    }
    out.push_str("<main>\n");
}

fn part_html(out: &mut String, part: &Part) {
    out.push_str("<article>\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape(&part.title));
    for block in &part.blocks {
        match block {
            Block::Alarm {
                title,
                text,
                findings,
            } => {
                let _ = write!(
                    out,
                    "<div class=\"alarm\" role=\"alert\"><p><strong>{}</strong></p><p class=\"text\">{}</p><ul>",
                    escape(title),
                    escape(text)
                );
                for finding in findings {
                    let _ = write!(out, "<li class=\"text\">{}</li>", escape(finding));
                }
                out.push_str("</ul></div>\n");
            }
            Block::Notice { title, text } => {
                let _ = writeln!(
                    out,
                    "<div class=\"notice\" role=\"note\"><p><strong>{}</strong></p><p class=\"text\">{}</p></div>",
                    escape(title),
                    escape(text)
                );
            }
            Block::Heading(h) => {
                let _ = writeln!(out, "<h2>{}</h2>", escape(h));
            }
            Block::Subheading(h) => {
                let _ = writeln!(out, "<h3 class=\"sub\">{}</h3>", escape(h));
            }
            Block::Text(t) => {
                let _ = writeln!(out, "<p class=\"text\">{}</p>", escape(t));
            }
            Block::Facts(facts) => {
                out.push_str("<dl class=\"facts\">\n");
                for (label, value) in facts {
                    let _ = writeln!(
                        out,
                        "<dt>{}</dt><dd class=\"value\">{}</dd>",
                        escape(label),
                        escape(value)
                    );
                }
                out.push_str("</dl>\n");
            }
            Block::Item(item) => {
                let _ = write!(
                    out,
                    "<section class=\"item\"><h3><span class=\"num\">{}.</span>{}</h3>",
                    item.number,
                    escape(&item.prompt)
                );
                if let Some(answer) = &item.answer {
                    // A short answer (a choice, a date) stands out; a long one reads as text.
                    let tag = if answer.len() > 80 || answer.contains('\n') {
                        "span"
                    } else {
                        "strong"
                    };
                    let _ = write!(
                        out,
                        "<p class=\"answer\"><span class=\"tag\">Answer</span><{tag} class=\"answer-text\">{}</{tag}></p>",
                        escape(answer)
                    );
                }
                if let Some(note) = &item.note {
                    let _ = write!(
                        out,
                        "<p class=\"note\"><span class=\"tag\">Note</span>{}</p>",
                        escape(note)
                    );
                }
                if let Some(when) = &item.answered {
                    let _ = write!(out, "<p class=\"when\">Answered {}</p>", escape(when));
                }
                out.push_str("</section>\n");
            }
            Block::Bullets(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li class=\"text\">{}</li>", escape(item));
                }
                out.push_str("</ul>\n");
            }
            Block::Entries(entries) => {
                out.push_str("<dl class=\"entries\">\n");
                for (name, detail) in entries {
                    let _ = writeln!(
                        out,
                        "<dt>{}</dt><dd class=\"text\">{}</dd>",
                        escape(name),
                        escape(detail)
                    );
                }
                out.push_str("</dl>\n");
            }
        }
    }
    out.push_str("</article>\n");
}

/// Text safe anywhere in HTML content or a quoted attribute: `&`, `<`, `>`, `"` and `'`
/// as character references, and control characters shown as visible escapes.
pub fn escape(text: &str) -> String {
    let text = neutralise(text);
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_that_could_be_markup_is_escaped() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>\u{1b}"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;\\u{1b}"
        );
    }
}
