//! Small-number suppression: no count from 1 to K−1 is shown, and no hidden count can
//! be worked out from the totals shown beside it.
//!
//! A table is a grid of counts whose last row, last column or both may be totals.
//! Each row with a total, and each column with a total, is a *line*: its cells add up
//! to its total. Primary suppression hides every count from 1 to K−1, totals included.
//! Then, while any line has exactly one hidden cell (which the others and the total
//! would give away), a further cell of that line is hidden: the smallest count above
//! zero, else the smallest; a total only when nothing else is left. Every step hides
//! one more cell, so it ends; at the end each line has no hidden cell or at least two.

/// Why a cell is hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hidden {
    /// Shown.
    No,
    /// A count from 1 to K−1.
    Small,
    /// Hidden so that a small count cannot be worked out from a total.
    Secondary,
}

/// Which margins of a grid are totals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Margins {
    /// The last column is each row's total.
    pub row_totals: bool,
    /// The last row is each column's total.
    pub column_totals: bool,
}

/// Which cells of `grid` (totals included, as [`Margins`] says) to hide, with `k` as
/// the smallest count shown; `k` of 0 or 1 hides nothing.
pub fn suppress(grid: &[Vec<u64>], margins: Margins, k: u64) -> Vec<Vec<Hidden>> {
    let mut hidden: Vec<Vec<Hidden>> = grid
        .iter()
        .map(|row| {
            row.iter()
                .map(|&n| {
                    if n >= 1 && n < k {
                        Hidden::Small
                    } else {
                        Hidden::No
                    }
                })
                .collect()
        })
        .collect();
    let lines = lines(grid, margins);
    loop {
        let mut changed = false;
        for line in &lines {
            let count = line
                .iter()
                .filter(|&&(r, c)| hidden[r][c] != Hidden::No)
                .count();
            if count != 1 {
                continue;
            }
            // The line's cells before its total, then the total.
            let (total, cells) = line.split_last().expect("a line has a total");
            let visible = |&&(r, c): &&(usize, usize)| hidden[r][c] == Hidden::No;
            let pick = cells
                .iter()
                .filter(visible)
                .filter(|&&(r, c)| grid[r][c] > 0)
                .min_by_key(|&&(r, c)| grid[r][c])
                .or_else(|| {
                    cells
                        .iter()
                        .filter(visible)
                        .min_by_key(|&&(r, c)| grid[r][c])
                })
                .or_else(|| std::iter::once(total).find(visible));
            if let Some(&(r, c)) = pick {
                hidden[r][c] = Hidden::Secondary;
                changed = true;
            }
        }
        if !changed {
            return hidden;
        }
    }
}

/// Each line of the grid: its cells, its total last.
fn lines(grid: &[Vec<u64>], margins: Margins) -> Vec<Vec<(usize, usize)>> {
    let rows = grid.len();
    let columns = grid.first().map_or(0, Vec::len);
    let mut lines = Vec::new();
    if rows == 0 || columns == 0 {
        return lines;
    }
    if margins.row_totals && columns >= 2 {
        for r in 0..rows {
            lines.push((0..columns).map(|c| (r, c)).collect());
        }
    }
    if margins.column_totals && rows >= 2 {
        for c in 0..columns {
            lines.push((0..rows).map(|r| (r, c)).collect());
        }
    }
    lines
}

/// Whether any hidden count in `grid` could be worked out exactly from what is shown,
/// by solving each line alone, repeatedly: the check the tests make of [`suppress`].
#[cfg(test)]
pub fn recoverable(grid: &[Vec<u64>], hidden: &[Vec<Hidden>], margins: Margins) -> bool {
    let mut known: Vec<Vec<bool>> = hidden
        .iter()
        .map(|row| row.iter().map(|h| *h == Hidden::No).collect())
        .collect();
    let lines = lines(grid, margins);
    loop {
        let mut learnt = false;
        for line in &lines {
            let unknown: Vec<_> = line.iter().filter(|&&(r, c)| !known[r][c]).collect();
            if unknown.len() == 1 {
                let &&(r, c) = unknown.first().expect("one");
                known[r][c] = true;
                learnt = true;
            }
        }
        if !learnt {
            break;
        }
    }
    (0..grid.len()).any(|r| (0..grid[r].len()).any(|c| hidden[r][c] != Hidden::No && known[r][c]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOTH: Margins = Margins {
        row_totals: true,
        column_totals: true,
    };

    fn with_totals(inner: &[&[u64]]) -> Vec<Vec<u64>> {
        let mut grid: Vec<Vec<u64>> = inner
            .iter()
            .map(|row| {
                let mut row = row.to_vec();
                row.push(row.iter().sum());
                row
            })
            .collect();
        let columns = grid[0].len();
        let totals = (0..columns)
            .map(|c| grid.iter().map(|r| r[c]).sum())
            .collect();
        grid.push(totals);
        grid
    }

    #[test]
    fn small_counts_are_hidden_and_zero_and_large_ones_shown() {
        let grid = vec![vec![0, 3, 10, 9]];
        let margins = Margins {
            row_totals: false,
            column_totals: false,
        };
        let hidden = suppress(&grid, margins, 10);
        assert_eq!(
            hidden[0],
            [Hidden::No, Hidden::Small, Hidden::No, Hidden::Small]
        );
        assert!(
            suppress(&grid, margins, 0)[0]
                .iter()
                .all(|h| *h == Hidden::No)
        );
    }

    #[test]
    fn one_hidden_cell_in_a_row_hides_another_so_the_total_gives_nothing_away() {
        // Row 1 has one small cell (4): with its total shown, 4 = 54 − 20 − 30.
        let grid = with_totals(&[&[20, 30, 4], &[40, 50, 60]]);
        let primary = suppress(&grid, BOTH, 0);
        assert!(!recoverable(&grid, &primary, BOTH));
        let hidden = suppress(&grid, BOTH, 10);
        assert_eq!(hidden[0][2], Hidden::Small);
        // The row's smallest other count, then the column's, are hidden too.
        assert_eq!(hidden[0][0], Hidden::Secondary);
        assert!(hidden[1][2] != Hidden::No && hidden[1][0] != Hidden::No);
        assert!(!recoverable(&grid, &hidden, BOTH));
        // Without the second pass the small count could be recovered.
        let only_small: Vec<Vec<Hidden>> = grid
            .iter()
            .map(|row| {
                row.iter()
                    .map(|&n| {
                        if (1..10).contains(&n) {
                            Hidden::Small
                        } else {
                            Hidden::No
                        }
                    })
                    .collect()
            })
            .collect();
        assert!(recoverable(&grid, &only_small, BOTH));
    }

    #[test]
    fn a_small_total_is_hidden_with_the_cells_that_would_give_it() {
        let grid = with_totals(&[&[2, 3], &[40, 50]]);
        let hidden = suppress(&grid, BOTH, 10);
        assert_eq!(hidden[0][2], Hidden::Small);
        assert!(!recoverable(&grid, &hidden, BOTH));
    }

    #[test]
    fn no_hidden_count_is_ever_recoverable_in_many_tables() {
        // Every 3×3 table of counts drawn from a few values, at K = 5 and 10.
        let values = [0u64, 1, 4, 9, 12, 30];
        let mut n = 0u64;
        for seed in 0..2000u64 {
            let pick =
                |i: u64| values[((seed * 7919 + i * 104_729) >> (i % 5)) as usize % values.len()];
            let inner: Vec<Vec<u64>> = (0..3)
                .map(|r| (0..3).map(|c| pick(r * 3 + c)).collect())
                .collect();
            let refs: Vec<&[u64]> = inner.iter().map(Vec::as_slice).collect();
            let grid = with_totals(&refs);
            for k in [5, 10] {
                let hidden = suppress(&grid, BOTH, k);
                assert!(
                    !recoverable(&grid, &hidden, BOTH),
                    "{grid:?} at {k}: {hidden:?}"
                );
                n += 1;
            }
        }
        assert_eq!(n, 4000);
    }

    #[test]
    fn a_column_total_alone_protects_its_column() {
        let grid = vec![vec![25], vec![3], vec![40], vec![68]];
        let margins = Margins {
            row_totals: false,
            column_totals: true,
        };
        let hidden = suppress(&grid, margins, 10);
        assert_eq!(hidden[1][0], Hidden::Small);
        assert_eq!(hidden[0][0], Hidden::Secondary);
        assert!(!recoverable(&grid, &hidden, margins));
    }
}
