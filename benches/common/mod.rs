//! What the benchmarks share.

use std::time::{Duration, Instant};

/// The median of `runs` timings of `f`, after one warm-up run.
pub fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// Whether `cargo bench` ran this (with `--bench`), rather than `cargo test --benches`,
/// which should be quick.
pub fn full() -> bool {
    std::env::args().any(|a| a == "--bench")
}
