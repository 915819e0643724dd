//! How long `fairness export RECORD... --format csv -o FILE` takes, and how it grows
//! with the number of records: an audit exports every case record at once.
//!
//! `cargo bench --bench export` generates 10,000 signed case records of the built-in
//! framework with the generator `cargo run --example generate` runs
//! (`examples/generate/`, docs/generated-data.md: every item that is asked answered,
//! across routes, groups and standings, most of those that need a countersignature
//! countersigned), writes them into a temporary folder under the current one, and
//! prints, for the first 1,000, 3,000 and 10,000 of them, the median time of:
//!
//! - reading the same files' bytes in this process, `std::fs::read` of each (the
//!   baseline);
//! - the real binary exporting them: `fairness export ... --format csv -o FILE`, which
//!   reads, parses and verifies every record (seal and canonical form) before writing
//!   one CSV row per answer;
//!
//! with the export as a ratio to the baseline measured in the same run (what parsing,
//! verifying and writing the CSV cost over just reading the input), and the time per
//! record. The export's time includes starting the process (a millisecond or so), which
//! makes small sizes look slightly dearer per record. The read and the export are timed
//! in turns, so that a change in the machine's load weighs on both alike.
//!
//! The `cpu` column is the median processor time (user and system, all threads) the
//! export process used: less moved than wall time when other work shares the machine.
//! Memory is not measured here: a child's peak resident set as `getrusage` reports it
//! includes the moment before `exec`, when the child still shares this process's
//! memory (posix_spawn), so it would measure the benchmark. Measure it from outside,
//! with `/usr/bin/time -f %M fairness export ...`.
//! The table's last line is the 10,000-record time over the 1,000-record time, wall and
//! cpu: 10.0 means linear growth; well above it, something grows faster than the number
//! of records. The `RATIO` lines at the end are for `benches/ratios.sh`.
//!
//! Every export is checked: exit code 0, and the CSV has one row per answer, each of an
//! intact record with the standing it was generated with, in the order given. `cargo test --benches` runs it quickly,
//! with 50 and 150 records and one timed run each.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

mod common;
use common::{Timing, medians, ratio_line, thousands};

#[path = "../examples/generate/mod.rs"]
mod generate;
use generate::Written;

/// Writes `count` signed records into `dir/records`, `CASE-GEN-00001.yaml` onwards, with
/// the generator `cargo run --example generate` runs (its monitoring and workforce
/// files beside them go unused here).
fn write_records(dir: &Path, count: usize) -> Vec<Written> {
    let options = generate::Options {
        records: count,
        out: dir.to_owned(),
        seed: generate::DEFAULT_SEED,
        exclusions: false,
        force: false,
    };
    let summary = generate::write(&options).unwrap_or_else(|e| panic!("generating: {e}"));
    println!("{}", summary.describe());
    summary.records
}

/// The processor time (user and system) used so far by this process's children that
/// have ended and been waited for.
#[cfg(unix)]
fn children_cpu() -> Duration {
    // SAFETY: `rusage` is plain integers, so all zeros is a valid value, and
    // `getrusage` only writes the struct it is given.
    let usage = unsafe {
        let mut usage = std::mem::zeroed::<libc::rusage>();
        assert_eq!(libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage), 0);
        usage
    };
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// Children's processor time is read with `getrusage`, which Windows lacks: this
/// benchmark runs on Linux and macOS.
#[cfg(not(unix))]
fn children_cpu() -> Duration {
    panic!(
        "the export benchmark reads children's processor time with getrusage: run it on Linux or macOS"
    )
}

/// Runs `fairness export` on `records`, writing `out` (removed first: export never
/// overwrites), and returns the processor time it used. Panics unless it succeeds.
fn export(records: &[Written], out: &Path) -> Duration {
    match std::fs::remove_file(out) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => panic!("cannot remove {}: {e}", out.display()),
    }
    let before = children_cpu();
    let output = Command::new(env!("CARGO_BIN_EXE_fairness"))
        .arg("export")
        .args(records.iter().map(|r| &r.path))
        .args(["--format", "csv", "-o"])
        .arg(out)
        .output()
        .expect("fairness runs");
    assert!(
        output.status.success(),
        "fairness export failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    children_cpu() - before
}

/// Checks the CSV `export` wrote: a header, then one row per answer, each of an intact,
/// signed record, the records in the order given.
fn check_csv(records: &[Written], out: &Path) {
    let csv = std::fs::read_to_string(out).unwrap();
    // No generated text has a line break, so every row is one line.
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    let expected: usize = records.iter().map(|r| r.answers).sum();
    assert!(lines[0].starts_with("\"case_reference\","), "{}", lines[0]);
    assert_eq!(lines.len() - 1, expected, "data lines in the CSV");
    let mut rows = lines[1..].iter();
    // The status cell is the signed record's standing, as the generator wrote it.
    for (n, r) in records.iter().enumerate() {
        let reference = format!("\"{}\"", generate::reference(n + 1));
        let standing = format!("\"{}\"", r.standing.id());
        for _ in 0..r.answers {
            let row = rows.next().unwrap();
            let cells: Vec<&str> = row.splitn(4, ',').collect();
            assert!(
                cells[0] == reference && cells[1] == standing && cells[2] == "\"intact\"",
                "expected {reference}, {standing} and \"intact\", found {row}"
            );
        }
    }
}

fn main() {
    let full = common::full();
    // (records, runs): a run of 10,000 takes a few seconds.
    let sizes: &[(usize, usize)] = if full {
        &[(1_000, 5), (3_000, 5), (10_000, 3)]
    } else {
        &[(50, 1), (150, 1)]
    };
    let largest = sizes.iter().map(|s| s.0).max().unwrap();

    // Under target/ (ignored by git), on the disk the repository is on.
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temporary folder there");
    let records = write_records(dir.path(), largest);
    let out = dir.path().join("export.csv");

    let mut table = String::new();
    let mut per_size = Vec::new();
    for &(n, runs) in sizes {
        let some = &records[..n];
        // Each export's processor time kept, the warm-up's first.
        let mut cpu = Vec::new();
        let [read, exported] = medians(
            runs,
            [
                &mut || {
                    for r in some {
                        black_box(std::fs::read(black_box(&r.path)).unwrap());
                    }
                },
                &mut || cpu.push(export(some, &out)),
            ],
        );
        let cpu = Timing::of(cpu[1..].to_vec());
        // What the last run wrote.
        check_csv(some, &out);

        let answers: usize = some.iter().map(|r| r.answers).sum();
        let bytes: u64 = some
            .iter()
            .map(|r| std::fs::metadata(&r.path).unwrap().len())
            .sum();
        writeln!(
            table,
            "  {n:>7}  {answers:>7}  {:>7} KiB  {runs:>4}  {:>10.3?}  {:>10.3?}  {:>7.1}x  {:>10.3?}  {:>10.3?}",
            bytes / 1024,
            read.median,
            exported.median,
            exported.median.as_secs_f64() / read.median.as_secs_f64(),
            exported.median / n as u32,
            cpu.median,
        )
        .unwrap();
        per_size.push((n, read, exported, cpu));
    }

    println!("exporting signed records to CSV (`fairness export ... --format csv -o FILE`)");
    println!(
        "  records     rows        input  runs  read files  export csv  vs. read  per record         cpu"
    );
    print!("{table}");
    let (first_n, _, first, first_cpu) = per_size.first().unwrap();
    let (last_n, _, last, last_cpu) = per_size.last().unwrap();
    println!(
        "  {last_n} records / {first_n}: {:.2}x the time, {:.2}x the cpu, for {:.1}x the records",
        last.median.as_secs_f64() / first.median.as_secs_f64(),
        last_cpu.median.as_secs_f64() / first_cpu.median.as_secs_f64(),
        *last_n as f64 / *first_n as f64
    );
    for (n, read, exported, _) in [per_size.first().unwrap(), per_size.last().unwrap()] {
        ratio_line(
            &format!("export {} records to CSV", thousands(*n)),
            exported,
            "read the same files",
            read,
        );
    }
    ratio_line(
        &format!("export {} records to CSV", thousands(*last_n)),
        last,
        &format!("export {}", thousands(*first_n)),
        first,
    );
    ratio_line(
        &format!("export {} records, processor time", thousands(*last_n)),
        last_cpu,
        &format!("export {}, processor time", thousands(*first_n)),
        first_cpu,
    );
}
