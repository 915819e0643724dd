//! What the benchmarks share.

use std::time::{Duration, Instant};

/// The times of one measured thing: the median and the quartiles around it.
#[derive(Clone, Copy, Debug)]
pub struct Timing {
    pub median: Duration,
    pub low: Duration,
    pub high: Duration,
}

impl Timing {
    /// The median and quartiles of some times.
    pub fn of(mut times: Vec<Duration>) -> Timing {
        times.sort();
        let n = times.len();
        Timing {
            median: times[n / 2],
            low: times[n / 4],
            high: times[(n * 3) / 4],
        }
    }

    /// How far apart the quartiles are, as a fraction of the median: 0.05 means the
    /// middle half of the runs lay within 5% of the median's size of each other.
    pub fn spread(&self) -> f64 {
        (self.high - self.low).as_secs_f64() / self.median.as_secs_f64()
    }
}

/// `runs` timings of each of `fs`, taken in turns (the first, the second, …, the first
/// again) after one warm-up round, so that a change in the machine's load during the
/// run weighs on each alike and their ratios stay fair, as they would not if one were
/// timed entirely before the other.
pub fn medians<const N: usize>(runs: usize, mut fs: [&mut dyn FnMut(); N]) -> [Timing; N] {
    for f in fs.iter_mut() {
        f();
    }
    let mut times: [Vec<Duration>; N] = std::array::from_fn(|_| Vec::with_capacity(runs));
    for _ in 0..runs {
        for (f, times) in fs.iter_mut().zip(times.iter_mut()) {
            let start = Instant::now();
            f();
            times.push(start.elapsed());
        }
    }
    times.map(Timing::of)
}

/// Prints one line that `benches/ratios.sh` collects, its fields separated by tabs:
/// `RATIO`, what was measured, its median in nanoseconds, its spread, the baseline, the
/// baseline's median in nanoseconds, its spread.
pub fn ratio_line(what: &str, measured: &Timing, baseline: &str, base: &Timing) {
    println!(
        "RATIO\t{what}\t{}\t{:.3}\t{baseline}\t{}\t{:.3}",
        measured.median.as_nanos(),
        measured.spread(),
        base.median.as_nanos(),
        base.spread()
    );
}

/// `10000` as `10,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Whether `cargo bench` ran this (with `--bench`), rather than `cargo test --benches`,
/// which should be quick.
pub fn full() -> bool {
    std::env::args().any(|a| a == "--bench")
}
