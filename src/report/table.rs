//! Tables of counts as a report shows them: totals added, small numbers suppressed
//! ([`super::suppress`]), and shares worked out only from counts that are shown.

use super::model::{Cell, Row, Table};
use super::stats::percent;
use super::suppress::{Hidden, Margins, suppress};

/// Counts by row and column, before totals.
pub struct Grid {
    pub id: String,
    pub title: String,
    pub corner: String,
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    pub counts: Vec<Vec<u64>>,
    /// Add a total to each row (the columns are parts of a whole).
    pub row_totals: bool,
    /// Add a row of totals (the rows are parts of a whole).
    pub column_totals: bool,
}

/// A column to show: a count of the grid (its total column is the last), or a share
/// of one count column in another.
#[derive(Clone, Copy, Debug)]
pub enum Show<'a> {
    Count(usize, &'a str),
    Share {
        part: usize,
        whole: usize,
        label: &'a str,
    },
}

impl Grid {
    pub fn new(id: impl Into<String>, title: impl Into<String>, corner: impl Into<String>) -> Grid {
        Grid {
            id: id.into(),
            title: title.into(),
            corner: corner.into(),
            rows: Vec::new(),
            columns: Vec::new(),
            counts: Vec::new(),
            row_totals: false,
            column_totals: false,
        }
    }

    /// The counts with their totals, and which to hide at `k`.
    fn full(&self, k: u64) -> (Vec<Vec<u64>>, Vec<Vec<Hidden>>) {
        let mut grid: Vec<Vec<u64>> = self.counts.clone();
        if self.row_totals {
            for row in &mut grid {
                row.push(row.iter().sum());
            }
        }
        if self.column_totals {
            let width = grid
                .first()
                .map_or(self.columns.len() + usize::from(self.row_totals), Vec::len);
            let totals = (0..width)
                .map(|c| grid.iter().map(|r| r[c]).sum())
                .collect();
            grid.push(totals);
        }
        let margins = Margins {
            row_totals: self.row_totals,
            column_totals: self.column_totals,
        };
        let hidden = suppress(&grid, margins, k);
        (grid, hidden)
    }

    /// The table with every count shown (or hidden at `k`) and a total column where
    /// there is one.
    pub fn table(&self, k: u64) -> Table {
        let mut show: Vec<Show> = (0..self.columns.len())
            .map(|c| Show::Count(c, self.columns[c].as_str()))
            .collect();
        if self.row_totals {
            show.push(Show::Count(self.columns.len(), "Total"));
        }
        self.table_showing(k, &show)
    }

    /// The table with the columns `show` asks for.
    pub fn table_showing(&self, k: u64, show: &[Show]) -> Table {
        let (grid, hidden) = self.full(k);
        let cell = |r: usize, c: usize| match hidden[r][c] {
            Hidden::No => Cell::count(grid[r][c]),
            Hidden::Small => Cell::hidden(k),
            Hidden::Secondary => Cell::secondary(),
        };
        let mut labels = self.rows.clone();
        if self.column_totals {
            labels.push("Total".to_owned());
        }
        let rows = labels
            .into_iter()
            .enumerate()
            .map(|(r, label)| Row {
                total: self.column_totals && r == self.rows.len(),
                label,
                cells: show
                    .iter()
                    .map(|s| match *s {
                        Show::Count(c, _) => cell(r, c),
                        Show::Share { part, whole, .. } => {
                            if hidden[r][part] != Hidden::No || hidden[r][whole] != Hidden::No {
                                Cell::built_on_hidden()
                            } else {
                                percent(grid[r][part], grid[r][whole])
                                    .map_or_else(Cell::none, Cell::percent)
                            }
                        }
                    })
                    .collect(),
            })
            .collect();
        let mut notes = Vec::new();
        let any = |h: Hidden| hidden.iter().flatten().any(|x| *x == h);
        if any(Hidden::Small) {
            notes.push(format!(
                "<{k}: a count from 1 to {} is not shown, to protect the people it would identify.",
                k - 1
            ));
        }
        if any(Hidden::Secondary) {
            notes.push(
                "*: a count also hidden, so that a smaller one cannot be worked out from the totals."
                    .to_owned(),
            );
        }
        if show.iter().any(|s| matches!(s, Show::Share { .. }))
            && rows_have_hidden_share(&hidden, show)
        {
            notes.push("–: a share not shown because a count it is built on is hidden.".to_owned());
        }
        Table {
            id: self.id.clone(),
            title: self.title.clone(),
            corner: self.corner.clone(),
            columns: show
                .iter()
                .map(|s| match s {
                    Show::Count(_, l) | Show::Share { label: l, .. } => (*l).to_owned(),
                })
                .collect(),
            rows,
            chart: false,
            notes,
        }
    }
}

fn rows_have_hidden_share(hidden: &[Vec<Hidden>], show: &[Show]) -> bool {
    hidden.iter().any(|row| {
        show.iter().any(|s| match *s {
            Show::Share { part, whole, .. } => row[part] != Hidden::No || row[whole] != Hidden::No,
            Show::Count(..) => false,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Grid {
        let mut g = Grid::new("routes-by-nation", "Routes by nation", "Nation");
        g.rows = vec!["England".into(), "Wales".into()];
        g.columns = vec!["Informal".into(), "Formal".into()];
        g.counts = vec![vec![40, 3], vec![25, 30]];
        g.row_totals = true;
        g.column_totals = true;
        g
    }

    #[test]
    fn totals_are_added_and_small_counts_hidden_with_a_partner() {
        let t = grid().table(10);
        let shown: Vec<Vec<&str>> = t
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.shown.as_str()).collect())
            .collect();
        assert_eq!(t.columns, ["Informal", "Formal", "Total"]);
        // 3 is small; 40 goes with it in its row, 30 in its column, and so on until
        // no line has a single hidden count.
        assert_eq!(shown[0][1], "<10");
        assert!(t.rows[2].total);
        for row in &shown[..2] {
            assert_ne!(
                row.iter().filter(|s| **s == "<10" || **s == "*").count(),
                1,
                "{shown:?}"
            );
        }
        assert!(t.notes.iter().any(|n| n.starts_with("<10")));
        assert!(t.notes.iter().any(|n| n.starts_with('*')));
    }

    #[test]
    fn nothing_is_hidden_for_the_equality_lead() {
        let t = grid().table(0);
        assert_eq!(t.rows[0].cells[1].shown, "3");
        assert_eq!(t.rows[2].cells[2].shown, "98");
        assert!(t.notes.is_empty());
    }

    #[test]
    fn a_share_of_a_hidden_count_is_not_shown() {
        let mut g = Grid::new("x", "X", "Group");
        g.rows = vec!["A".into(), "B".into()];
        g.columns = vec!["Cases".into(), "Formal".into()];
        g.counts = vec![vec![50, 4], vec![80, 20]];
        g.column_totals = true;
        let t = g.table_showing(
            10,
            &[
                Show::Count(0, "Cases"),
                Show::Count(1, "Formal"),
                Show::Share {
                    part: 1,
                    whole: 0,
                    label: "%",
                },
            ],
        );
        assert_eq!(t.rows[0].cells[2].shown, "–");
        assert!(t.rows[0].cells[2].value.is_none());
        // B's formal count is hidden too (its column total would give A's away).
        assert_eq!(t.rows[1].cells[1].shown, "*");
        assert_eq!(t.rows[2].cells[2].shown, "18.5%");
    }
}
