//! What a reader could work out from the counts a report shows: the hidden counts that
//! the published relations between counts (each a sum that must come to nothing, as a
//! total less its parts) give exactly.
//!
//! Two ways, each checked on every relation of the whole report at once:
//!
//! - **By the relations alone** ([`analyse`]): Gauss–Jordan elimination of the
//!   relations over the unknown counts. An unknown is worked out exactly when a
//!   combination of relations holds it alone with shown counts. The arithmetic is
//!   modulo the prime 2⁶¹−1, exact and free of overflow; a combination it could miss
//!   would need a coefficient divisible by that prime, which relations of sums of
//!   counts (coefficients ±1) never come near.
//! - **By what the signs say** ([`exposed`]): a count shown as `<10` lies from 1 to 9,
//!   and `*` (never a zero: see [`super::suppress`]) is at least 10, so a relation can
//!   pin a count between bounds that meet (two counts under 10 that come to 2 are both
//!   1). Each relation narrows its counts' bounds from the others', until none moves.

use std::collections::{HashMap, HashSet};

/// A relation between counts, by their index: `Σ coefficient × count = 0`.
pub type Relation = Vec<(usize, i64)>;

/// The relations of a report as elimination leaves them.
pub struct Analysis {
    /// Each unknown count worked out exactly: its index, and the shown counts the
    /// working uses (hiding one of them, unless it is `pinned`, undoes it).
    pub determined: Vec<(usize, Vec<usize>)>,
    /// Shown counts that other shown counts give: hiding one alone protects nothing.
    pub pinned: HashSet<usize>,
}

const P: u64 = (1 << 61) - 1;

fn mul(a: u64, b: u64) -> u64 {
    ((u128::from(a) * u128::from(b)) % u128::from(P)) as u64
}

fn inverse(a: u64) -> u64 {
    // Fermat: a^(P−2).
    let (mut base, mut exp, mut out) = (a, P - 2, 1u64);
    while exp > 0 {
        if exp & 1 == 1 {
            out = mul(out, base);
        }
        base = mul(base, base);
        exp >>= 1;
    }
    out
}

fn modular(c: i64) -> u64 {
    let m = c.unsigned_abs() % P;
    if c < 0 && m != 0 { P - m } else { m }
}

/// A relation as elimination holds it: coefficients by index, sorted, none zero.
type Row = Vec<(usize, u64)>;

fn row_of(relation: &Relation) -> Row {
    let mut sums: HashMap<usize, u64> = HashMap::new();
    for &(i, c) in relation {
        let s = sums.entry(i).or_default();
        *s = (*s + modular(c)) % P;
    }
    let mut row: Row = sums.into_iter().filter(|(_, c)| *c != 0).collect();
    row.sort_unstable();
    row
}

/// `row − factor × other`.
fn less(row: &Row, factor: u64, other: &Row) -> Row {
    let mut out = Vec::with_capacity(row.len() + other.len());
    let (mut a, mut b) = (row.iter().peekable(), other.iter().peekable());
    loop {
        match (a.peek(), b.peek()) {
            (Some(&&(i, x)), Some(&&(j, y))) if i == j => {
                let v = (x + P - mul(factor, y)) % P;
                if v != 0 {
                    out.push((i, v));
                }
                a.next();
                b.next();
            }
            (Some(&&(i, x)), Some(&&(j, _))) if i < j => {
                out.push((i, x));
                a.next();
            }
            (Some(_), Some(&&(j, y))) => {
                out.push((j, (P - mul(factor, y)) % P));
                b.next();
            }
            (Some(&&(i, x)), None) => {
                out.push((i, x));
                a.next();
            }
            (None, Some(&&(j, y))) => {
                out.push((j, (P - mul(factor, y)) % P));
                b.next();
            }
            (None, None) => return out,
        }
    }
}

fn at(row: &Row, i: usize) -> Option<u64> {
    row.binary_search_by_key(&i, |&(j, _)| j)
        .ok()
        .map(|p| row[p].1)
}

/// Which of the `unknown` counts the relations give exactly from the others.
pub fn analyse(relations: &[Relation], unknown: &[bool]) -> Analysis {
    let mut pivots: Vec<(usize, Row)> = Vec::new();
    let mut pivot_of: HashMap<usize, usize> = HashMap::new();
    // For each unknown, the pivot rows that hold it.
    let mut holding: HashMap<usize, HashSet<usize>> = HashMap::new();
    let mut pinned = HashSet::new();
    for relation in relations {
        let mut row = row_of(relation);
        // Pivot rows hold no other pivot: taking one away adds none.
        while let Some(&(c, v)) = row
            .iter()
            .find(|(c, _)| unknown[*c] && pivot_of.contains_key(c))
        {
            row = less(&row, v, &pivots[pivot_of[&c]].1);
        }
        let Some(&(c, v)) = row.iter().find(|(c, _)| unknown[*c]) else {
            pinned.extend(row.iter().map(|(i, _)| *i));
            continue;
        };
        let scale = inverse(v);
        let row: Row = row.into_iter().map(|(i, x)| (i, mul(x, scale))).collect();
        let index = pivots.len();
        for p in holding.remove(&c).unwrap_or_default() {
            let factor = at(&pivots[p].1, c).unwrap_or(0);
            if factor == 0 {
                continue;
            }
            let old: HashSet<usize> = pivots[p].1.iter().map(|(i, _)| *i).collect();
            let new = less(&pivots[p].1, factor, &row);
            for &(i, _) in &new {
                if unknown[i] && !old.contains(&i) {
                    holding.entry(i).or_default().insert(p);
                }
            }
            for i in old {
                if unknown[i]
                    && at(&new, i).is_none()
                    && let Some(h) = holding.get_mut(&i)
                {
                    h.remove(&p);
                }
            }
            pivots[p].1 = new;
        }
        for &(i, _) in &row {
            if unknown[i] && i != c {
                holding.entry(i).or_default().insert(index);
            }
        }
        pivot_of.insert(c, index);
        pivots.push((c, row));
    }
    let determined = pivots
        .into_iter()
        .filter(|(c, row)| row.iter().all(|(i, _)| i == c || !unknown[*i]))
        .map(|(c, row)| {
            (
                c,
                row.into_iter()
                    .map(|(i, _)| i)
                    .filter(|i| *i != c)
                    .collect(),
            )
        })
        .collect();
    Analysis { determined, pinned }
}

/// Unbounded, for a count with no upper limit.
pub const UNBOUNDED: i128 = 1 << 100;

/// Narrows each count's `bounds` (lowest, highest) by every relation in turn until
/// none moves, and gives the counts whose bounds meet, of those `watched`.
pub fn exposed(
    relations: &[Relation],
    bounds: &mut [(i128, i128)],
    watched: &[bool],
) -> Vec<usize> {
    let clamp = |x: i128| x.clamp(-UNBOUNDED, UNBOUNDED);
    let open = |x: i128| x.abs() >= UNBOUNDED;
    for _ in 0..64 {
        let mut moved = false;
        for relation in relations {
            // Each term's range, coefficient applied.
            let terms: Vec<(usize, i64, i128, i128)> = relation
                .iter()
                .map(|&(i, c)| {
                    let (lo, hi) = bounds[i];
                    let c128 = i128::from(c);
                    let (a, b) = (clamp(lo * c128), clamp(hi * c128));
                    (i, c, a.min(b), a.max(b))
                })
                .collect();
            let open_lo = terms.iter().filter(|t| open(t.2)).count();
            let open_hi = terms.iter().filter(|t| open(t.3)).count();
            let sum_lo: i128 = terms.iter().filter(|t| !open(t.2)).map(|t| t.2).sum();
            let sum_hi: i128 = terms.iter().filter(|t| !open(t.3)).map(|t| t.3).sum();
            for &(i, c, lo, hi) in &terms {
                if c.abs() != 1 || bounds[i].0 == bounds[i].1 {
                    continue;
                }
                // The others' sum, and this term is its negation.
                let others_lo = if open_lo - usize::from(open(lo)) > 0 {
                    -UNBOUNDED
                } else {
                    sum_lo - if open(lo) { 0 } else { lo }
                };
                let others_hi = if open_hi - usize::from(open(hi)) > 0 {
                    UNBOUNDED
                } else {
                    sum_hi - if open(hi) { 0 } else { hi }
                };
                let (term_lo, term_hi) = (-others_hi, -others_lo);
                let (new_lo, new_hi) = if c == 1 {
                    (term_lo, term_hi)
                } else {
                    (-term_hi, -term_lo)
                };
                let (old_lo, old_hi) = bounds[i];
                let lo = if open(new_lo) {
                    old_lo
                } else {
                    old_lo.max(new_lo)
                };
                let hi = if open(new_hi) {
                    old_hi
                } else {
                    old_hi.min(new_hi)
                };
                if (lo, hi) != (old_lo, old_hi) && lo <= hi {
                    bounds[i] = (lo, hi);
                    moved = true;
                }
            }
        }
        if !moved {
            break;
        }
    }
    (0..bounds.len())
        .filter(|&i| watched[i] && bounds[i].0 == bounds[i].1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `total = a + b + c` as a relation of indices.
    fn sum(total: usize, parts: &[usize]) -> Relation {
        let mut r = vec![(total, 1)];
        r.extend(parts.iter().map(|&p| (p, -1)));
        r
    }

    #[test]
    fn one_unknown_in_a_sum_is_worked_out_and_two_are_not() {
        // 0 = 1 + 2 + 3, with 3 unknown: worked out from 0, 1 and 2.
        let relations = vec![sum(0, &[1, 2, 3])];
        let a = analyse(&relations, &[false, false, false, true]);
        assert_eq!(a.determined.len(), 1);
        assert_eq!(a.determined[0].0, 3);
        let mut using = a.determined[0].1.clone();
        using.sort_unstable();
        assert_eq!(using, [0, 1, 2]);
        let b = analyse(&relations, &[false, false, true, true]);
        assert!(b.determined.is_empty());
    }

    #[test]
    fn a_count_is_worked_out_across_two_sums_that_each_have_two_unknowns() {
        // A table's column: 0 = 1 + 2 + 3. Another table's figure: 4 = 1 + 2, shown.
        // 1 and 2 unknown, 3 unknown: each sum has two, but 3 = 0 − 4.
        let relations = vec![sum(0, &[1, 2, 3]), sum(4, &[1, 2])];
        let a = analyse(&relations, &[false, true, true, true, false]);
        assert_eq!(a.determined.iter().map(|d| d.0).collect::<Vec<_>>(), [3]);
        // With 4 hidden too, nothing is.
        let b = analyse(&relations, &[false, true, true, true, true]);
        assert!(b.determined.is_empty());
    }

    #[test]
    fn shown_counts_that_other_shown_counts_give_are_pinned() {
        // 0 = 1 + 2, all shown; 3 = 1 + 4 with 4 unknown.
        let relations = vec![sum(0, &[1, 2]), sum(3, &[1, 4])];
        let a = analyse(&relations, &[false, false, false, false, true]);
        assert!(a.pinned.contains(&1) && a.pinned.contains(&0));
        assert!(!a.pinned.contains(&3));
        assert_eq!(a.determined[0].0, 4);
    }

    #[test]
    fn two_counts_under_ten_that_come_to_two_are_both_one() {
        // 42 = 40 + a + b, a and b from 1 to 9.
        let relations = vec![sum(0, &[1, 2, 3])];
        let mut bounds = vec![(42, 42), (40, 40), (1, 9), (1, 9)];
        let watched = [false, false, true, true];
        assert_eq!(exposed(&relations, &mut bounds, &watched), [2, 3]);
        // 50 = 40 + a + b: a and b could be 1 and 9, or 5 and 5.
        let mut bounds = vec![(50, 50), (40, 40), (1, 9), (1, 9)];
        assert!(exposed(&relations, &mut bounds, &watched).is_empty());
        // A `*` is at least 10: 51 = 40 + small + star gives small 1 and star 10.
        let mut bounds = vec![(51, 51), (40, 40), (1, 9), (10, UNBOUNDED)];
        assert_eq!(exposed(&relations, &mut bounds, &watched), [2, 3]);
    }
}
