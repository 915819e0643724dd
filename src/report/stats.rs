//! The arithmetic of a report: relative likelihood with its confidence interval, as
//! NHS England's Workforce Race Equality Standard works it, and medians.

/// The range of relative likelihood that NHS England treats as non-adverse.
pub const NON_ADVERSE: (f64, f64) = (0.80, 1.25);

/// `z` for a two-sided 95% interval.
const Z95: f64 = 1.959_963_984_540_054;

/// One group's likelihood against a reference group's: `a` of `n1` against `c` of
/// `n2`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Likelihood {
    pub ratio: f64,
    /// The 95% confidence interval, from the log risk ratio:
    /// SE = √(1/a − 1/n₁ + 1/c − 1/n₂).
    pub low: f64,
    pub high: f64,
}

/// Where a ratio stands against the non-adverse range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Band {
    /// Under 0.80: the group is less likely than the reference group.
    Below,
    /// 0.80 to 1.25.
    Within,
    /// Over 1.25: the group is more likely than the reference group.
    Above,
}

impl Band {
    pub fn of(ratio: f64) -> Band {
        // Compared at two decimals, as the ratio is shown.
        let shown = (ratio * 100.0).round() / 100.0;
        if shown < NON_ADVERSE.0 {
            Band::Below
        } else if shown > NON_ADVERSE.1 {
            Band::Above
        } else {
            Band::Within
        }
    }
}

/// The relative likelihood of `a` of `n1` against `c` of `n2`, or `None` where it
/// cannot be estimated: an empty group, no event on either side (the log ratio and
/// its interval are then undefined), or every case of a group an event. There the
/// interval's standard error takes that group's share as known exactly, as if from
/// no uncertainty at all: 1 case of 1 against 26 of 145 would give 5.58 with an
/// interval of 3.94 to 7.90, as sure as a comparison of hundreds.
pub fn relative_likelihood(a: u64, n1: u64, c: u64, n2: u64) -> Option<Likelihood> {
    if a == 0 || c == 0 || n1 == 0 || n2 == 0 || a >= n1 || c >= n2 {
        return None;
    }
    let (a, n1, c, n2) = (a as f64, n1 as f64, c as f64, n2 as f64);
    let ratio = (a / n1) / (c / n2);
    let se = (1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n2).max(0.0).sqrt();
    let log = ratio.ln();
    Some(Likelihood {
        ratio,
        low: (log - Z95 * se).exp(),
        high: (log + Z95 * se).exp(),
    })
}

/// A share as a percentage, or `None` of nothing.
pub fn percent(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

/// The median of `values`, the mean of the middle two where their number is even;
/// `None` of none.
pub fn median(values: &mut [i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) as f64 / 2.0
    } else {
        values[mid] as f64
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worked_check_gives_two_with_its_interval() {
        // 12 of 1,000 against 15 of 2,500.
        let rl = relative_likelihood(12, 1000, 15, 2500).unwrap();
        assert_eq!(format!("{:.2}", rl.ratio), "2.00");
        assert_eq!(format!("{:.2}", rl.low), "0.94");
        assert_eq!(format!("{:.2}", rl.high), "4.26");
        assert_eq!(Band::of(rl.ratio), Band::Above);
    }

    #[test]
    fn no_event_on_either_side_gives_no_ratio() {
        assert_eq!(relative_likelihood(0, 100, 5, 100), None);
        assert_eq!(relative_likelihood(5, 100, 0, 100), None);
        assert_eq!(relative_likelihood(5, 0, 5, 100), None);
        assert_eq!(relative_likelihood(101, 100, 5, 100), None);
        // Every case of a group: no interval can be trusted from this method.
        assert_eq!(relative_likelihood(1, 1, 26, 145), None);
        assert_eq!(relative_likelihood(5, 100, 40, 40), None);
        assert!(relative_likelihood(1, 2, 26, 145).is_some());
    }

    #[test]
    fn the_band_is_read_at_two_decimals() {
        assert_eq!(Band::of(0.796), Band::Within);
        assert_eq!(Band::of(0.79), Band::Below);
        assert_eq!(Band::of(1.254), Band::Within);
        assert_eq!(Band::of(1.26), Band::Above);
        assert_eq!(Band::of(1.0), Band::Within);
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5, 1, 3]), Some(3.0));
        assert_eq!(median(&mut [4, 1, 3, 2]), Some(2.5));
        assert_eq!(percent(1, 4), Some(25.0));
        assert_eq!(percent(1, 0), None);
    }
}
