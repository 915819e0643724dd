//! What a report holds, whatever it is rendered as: plain data, every figure already
//! suppressed or not as its audience requires, so that no renderer can show a hidden
//! count by mistake. `--format json` is this, serialised (`fairness-report/1`).

use serde::Serialize;

use super::stats::Band;

/// The `format` of `report --format json`, changed only with its shape.
pub const FORMAT: &str = "fairness-report/1";

/// Who a report is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    /// Small numbers suppressed: shareable.
    Board,
    /// Every count as it is: OFFICIAL-SENSITIVE, for the equality lead alone.
    EqualityLead,
}

/// The protective marking of an equality lead's report.
pub const SENSITIVE: &str = "OFFICIAL-SENSITIVE";

#[derive(Debug, Serialize)]
pub struct Report {
    pub format: &'static str,
    pub title: String,
    pub audience: Audience,
    /// `OFFICIAL-SENSITIVE` for the equality lead; `None` for a board.
    pub marking: Option<&'static str>,
    /// When the report was made (UTC, RFC 3339).
    pub generated: String,
    pub period: Option<Period>,
    /// The smallest count shown (K); `None` where nothing is suppressed.
    pub suppress: Option<u64>,
    pub coverage: Coverage,
    pub sections: Vec<Section>,
}

/// The dates a record's decision must fall within to be counted, either end open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Period {
    /// `2025-04-01 to 2026-03-31`, `from 2025-04-01`, `up to 2026-03-31`.
    pub fn describe(&self) -> String {
        match (&self.from, &self.to) {
            (Some(f), Some(t)) => format!("{f} to {t}"),
            (Some(f), None) => format!("from {f}"),
            (None, Some(t)) => format!("up to {t}"),
            (None, None) => "all dates".to_owned(),
        }
    }
}

/// What was read, what was counted, and what was left out and why.
#[derive(Debug, Serialize)]
pub struct Coverage {
    /// A table of the records read by what they were found to be.
    pub records: Table,
    /// The files left out, each with why: drafts, altered, unreadable, superseded,
    /// copies and earlier records of a case. Those outside the period are only counted.
    pub left_out: Vec<LeftOut>,
    /// How many records were left out as outside the period (not named).
    pub outside_period: usize,
    /// The frameworks the counted records were made with.
    pub frameworks: Table,
    /// With `--monitoring`: how the records link to it.
    pub monitoring: Option<Table>,
    /// With `--monitoring`: "not stated" per characteristic.
    pub not_stated: Option<Table>,
    /// Sentences that warn: a characteristic over 20% not stated, monitoring rows that
    /// match no record.
    pub warnings: Vec<String>,
}

impl Coverage {
    /// The warnings other than those in `said` (said already, as the records were read).
    pub fn warnings_beyond<'c>(&'c self, said: &'c [String]) -> impl Iterator<Item = &'c String> {
        self.warnings.iter().filter(move |w| !said.contains(w))
    }
}

#[derive(Debug, Serialize)]
pub struct LeftOut {
    pub file: String,
    /// `draft`, `altered`, `unreadable`, `superseded`, `copy`, `earlier`.
    pub why: &'static str,
}

/// One part of the report.
#[derive(Debug, Serialize)]
pub struct Section {
    /// `handling`, `outcomes`, `equality`.
    pub id: &'static str,
    pub title: String,
    /// What the section shows and how to read it, and any plain statements of fact.
    pub sentences: Vec<String>,
    pub tables: Vec<Table>,
    pub comparisons: Vec<Comparison>,
}

/// A table of figures. The first column is the rows' labels.
#[derive(Clone, Debug, Serialize)]
pub struct Table {
    /// Unique in the report: `routes-by-staff-group`.
    pub id: String,
    pub title: String,
    /// The heading of the label column.
    pub corner: String,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    /// Whether the HTML report draws it as bars of each row's shares.
    pub chart: bool,
    /// Said under the table (what `<10` and `*` mean, what a column counts).
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub label: String,
    /// A row of totals.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub total: bool,
    pub cells: Vec<Cell>,
}

/// One figure: its value where it is shown, and what is shown.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    /// The figure; `None` where it is hidden or there is none.
    pub value: Option<Value>,
    /// As printed: `12`, `<10`, `*`, `24.0%`, `–`.
    pub shown: String,
    /// Why it is hidden, where it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<Why>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Count(u64),
    Number(f64),
}

/// Why a figure is hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Why {
    /// A count from 1 to K−1.
    Small,
    /// A count hidden so that a small one cannot be worked out from a total.
    Secondary,
    /// A share, median or ratio built on a hidden count.
    BuiltOnHidden,
}

/// How a hidden secondary count is shown.
pub const SECONDARY: &str = "*";
/// How a figure that is not there, or built on a hidden count, is shown.
pub const NONE: &str = "–";

impl Cell {
    pub fn count(n: u64) -> Cell {
        Cell {
            value: Some(Value::Count(n)),
            shown: thousands(n),
            suppressed: None,
        }
    }

    pub fn hidden(k: u64) -> Cell {
        Cell {
            value: None,
            shown: format!("<{k}"),
            suppressed: Some(Why::Small),
        }
    }

    pub fn secondary() -> Cell {
        Cell {
            value: None,
            shown: SECONDARY.to_owned(),
            suppressed: Some(Why::Secondary),
        }
    }

    pub fn built_on_hidden() -> Cell {
        Cell {
            value: None,
            shown: NONE.to_owned(),
            suppressed: Some(Why::BuiltOnHidden),
        }
    }

    pub fn none() -> Cell {
        Cell {
            value: None,
            shown: NONE.to_owned(),
            suppressed: None,
        }
    }

    /// `24.0%`.
    pub fn percent(p: f64) -> Cell {
        Cell {
            value: Some(Value::Number(round(p, 1))),
            shown: format!("{p:.1}%"),
            suppressed: None,
        }
    }

    /// A number of days, a median: `12` or `12.5`.
    pub fn days(d: f64) -> Cell {
        Cell {
            value: Some(Value::Number(d)),
            shown: if d.fract() == 0.0 {
                format!("{d:.0}")
            } else {
                format!("{d:.1}")
            },
            suppressed: None,
        }
    }

    pub fn is_hidden(&self) -> bool {
        self.suppressed.is_some()
    }

    /// The count, where it is one and shown.
    pub fn as_count(&self) -> Option<u64> {
        match self.value {
            Some(Value::Count(n)) => Some(n),
            _ => None,
        }
    }
}

/// One group against its reference group.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    /// The characteristic's column in the monitoring file: `ethnicity`.
    pub characteristic: String,
    /// `formal`, `interim-measure`, `regulator-referral` (escalation, of cases), or
    /// `case-per-head`, `formal-per-head` (entry, of headcount).
    pub measure: &'static str,
    /// The measure in words: "went to a formal route".
    pub measure_words: String,
    pub group: String,
    pub reference: String,
    /// `a`: how many of the group's `n1` (cases, or headcount).
    pub group_count: Cell,
    pub group_total: Cell,
    pub group_percent: Cell,
    pub reference_count: Cell,
    pub reference_total: Cell,
    pub reference_percent: Cell,
    /// The relative likelihood and its 95% interval, where they can be shown.
    pub ratio: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub band: Option<Band>,
    /// In words: what the ratio says, or why there is none.
    pub sentence: String,
}

/// `1,234`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

pub fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_shown_with_commas_and_hidden_ones_without_a_value() {
        assert_eq!(Cell::count(12_345).shown, "12,345");
        assert_eq!(Cell::count(999).shown, "999");
        let hidden = Cell::hidden(10);
        assert_eq!((hidden.shown.as_str(), hidden.value.clone()), ("<10", None));
        let json = serde_json::to_string(&hidden).unwrap();
        assert_eq!(json, r#"{"value":null,"shown":"<10","suppressed":"small"}"#);
        assert_eq!(
            serde_json::to_string(&Cell::count(3)).unwrap(),
            r#"{"value":3,"shown":"3"}"#
        );
    }
}
