//! Tables of counts as a report shows them: totals added, small numbers suppressed
//! ([`super::suppress`], across the whole report), and shares worked out only from
//! counts that are shown.

use super::facet::Key;
use super::model::{Cell, Row, Table};
use super::stats::percent;
use super::suppress::{Hidden, Ledger};

/// Counts by row and column, before totals, each with the cases it counts.
pub struct Grid {
    pub id: String,
    pub title: String,
    pub corner: String,
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    pub counts: Vec<Vec<u64>>,
    /// The cases each count counts, as `counts` is laid out. A total counts the union
    /// of its line's cases.
    pub keys: Vec<Vec<Key>>,
    /// Add a total to each row (the columns are parts of a whole).
    pub row_totals: bool,
    /// Add a row of totals (the rows are parts of a whole).
    pub column_totals: bool,
}

/// A count as the ledger shows it: the number, `<K`, or `*`.
pub fn cell(ledger: &mut Ledger, key: &Key, value: u64) -> Cell {
    shown(ledger.count(key, value), value, ledger.k())
}

/// A count as `hidden` says to show it.
pub fn shown(hidden: Hidden, value: u64, k: u64) -> Cell {
    match hidden {
        Hidden::No => Cell::count(value),
        Hidden::Small => Cell::hidden(k),
        Hidden::Secondary => Cell::secondary(),
    }
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
            keys: Vec::new(),
            row_totals: false,
            column_totals: false,
        }
    }

    /// The counts with their totals, and which the ledger hides.
    fn full(&self, ledger: &mut Ledger) -> (Vec<Vec<u64>>, Vec<Vec<Hidden>>) {
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
        debug_assert_eq!(
            self.keys.len(),
            self.counts.len(),
            "a key for every row of {}",
            self.id
        );
        let mut hidden: Vec<Vec<Hidden>> =
            grid.iter().map(|row| vec![Hidden::No; row.len()]).collect();
        let columns = self.counts.first().map_or(0, Vec::len);
        for (r, keys) in self.keys.iter().enumerate() {
            for (c, key) in keys.iter().enumerate() {
                hidden[r][c] = ledger.count(key, grid[r][c]);
            }
            if self.row_totals {
                hidden[r][columns] = ledger.total(keys, grid[r][columns]);
            }
        }
        if self.column_totals {
            let last = self.counts.len();
            for c in 0..columns {
                let column: Vec<Key> = self.keys.iter().map(|row| row[c].clone()).collect();
                hidden[last][c] = ledger.total(&column, grid[last][c]);
            }
            if self.row_totals && !self.keys.is_empty() {
                hidden[last][columns] = ledger.grand_total(&self.keys, grid[last][columns]);
            }
        }
        (grid, hidden)
    }

    /// The table with every count shown (or hidden at `k`) and a total column where
    /// there is one.
    pub fn table(&self, ledger: &mut Ledger) -> Table {
        let mut show: Vec<Show> = (0..self.columns.len())
            .map(|c| Show::Count(c, self.columns[c].as_str()))
            .collect();
        if self.row_totals {
            show.push(Show::Count(self.columns.len(), "Total"));
        }
        self.table_showing(ledger, &show)
    }

    /// The table with the columns `show` asks for.
    pub fn table_showing(&self, ledger: &mut Ledger, show: &[Show]) -> Table {
        let k = ledger.k();
        let (grid, hidden) = self.full(ledger);
        let cell = |r: usize, c: usize| shown(hidden[r][c], grid[r][c], k);
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
                "*: a count also hidden, so that a smaller one cannot be worked out from the totals, here or elsewhere in the report."
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
    use crate::report::facet::Population;
    use crate::report::facts::{Choice, Facts};

    fn choice(id: &str) -> Option<Choice> {
        Some(Choice {
            id: id.to_owned(),
            label: id.to_owned(),
        })
    }

    /// `n` cases of each `(nation, route, n)`.
    fn cases(spec: &[(&str, &str, usize)]) -> Vec<Facts> {
        let mut all = Vec::new();
        for &(nation, route, n) in spec {
            for _ in 0..n {
                let mut f = Facts::blank(&format!("CASE-{}", all.len()));
                f.nation = choice(nation);
                f.route = choice(route);
                all.push(f);
            }
        }
        all
    }

    /// The table as a report shows it: gathered, suppression settled, then shown.
    fn shown(grid: &Grid, cases: &[Facts], k: u64, show: Option<&[Show]>) -> Table {
        let mut ledger = Ledger::new(k, Population::new(cases, None));
        let table = |ledger: &mut Ledger| match show {
            Some(show) => grid.table_showing(ledger, show),
            None => grid.table(ledger),
        };
        table(&mut ledger);
        ledger.settle();
        table(&mut ledger)
    }

    fn routes() -> (Grid, Vec<Facts>) {
        let mut g = Grid::new("routes-by-nation", "Routes by nation", "Nation");
        g.rows = vec!["England".into(), "Wales".into()];
        g.columns = vec!["Informal".into(), "Formal".into()];
        g.counts = vec![vec![40, 3], vec![25, 30]];
        g.keys = ["england", "wales"]
            .iter()
            .map(|n| {
                ["informal", "formal"]
                    .iter()
                    .map(|r| Key::all().is("nation", n).is("route", r))
                    .collect()
            })
            .collect();
        g.row_totals = true;
        g.column_totals = true;
        let cases = cases(&[
            ("england", "informal", 40),
            ("england", "formal", 3),
            ("wales", "informal", 25),
            ("wales", "formal", 30),
        ]);
        (g, cases)
    }

    #[test]
    fn totals_are_added_and_small_counts_hidden_with_a_partner() {
        let (grid, cases) = routes();
        let t = shown(&grid, &cases, 10, None);
        let shown: Vec<Vec<&str>> = t
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.shown.as_str()).collect())
            .collect();
        assert_eq!(t.columns, ["Informal", "Formal", "Total"]);
        // 3 is small; a partner goes with it in its row and in its column, and so on
        // until nothing can be worked out.
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
        let (grid, cases) = routes();
        let t = shown(&grid, &cases, 0, None);
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
        g.keys = ["a", "b"]
            .iter()
            .map(|n| {
                let group = Key::all().is("nation", n);
                vec![group.clone(), group.is("route", "formal")]
            })
            .collect();
        g.column_totals = true;
        let cases = cases(&[
            ("a", "informal", 46),
            ("a", "formal", 4),
            ("b", "informal", 60),
            ("b", "formal", 20),
        ]);
        let t = shown(
            &g,
            &cases,
            10,
            Some(&[
                Show::Count(0, "Cases"),
                Show::Count(1, "Formal"),
                Show::Share {
                    part: 1,
                    whole: 0,
                    label: "%",
                },
            ]),
        );
        assert_eq!(t.rows[0].cells[2].shown, "–");
        assert!(t.rows[0].cells[2].value.is_none());
        // B's formal count, or the total's, is hidden too: with both shown they would
        // give A's away.
        assert!(t.rows[1].cells[1].is_hidden() || t.rows[2].cells[1].is_hidden());
        assert_eq!(t.rows[2].cells[0].shown, "130");
    }
}
