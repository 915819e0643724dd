//! How long the commands that read many records take over 1,000 and 10,000 of them,
//! against the I/O floor of the same work, on one thread and on every core: an audit
//! or an equality lead reads every case record of an organisation at once.
//!
//! `cargo bench --bench records` writes 1,000 and then 10,000 fictional signed case
//! records of the built-in framework, each set in a folder of its own under the current
//! one, with the monitoring and workforce files beside them, by the generator `cargo run
//! --example generate` runs (`examples/generate/`, docs/generated-data.md: every item
//! that is asked answered, across routes, groups and standings, most of those that need
//! a countersignature countersigned). For each set it times, in turns:
//!
//! - each command's floor, in this process: for `verify`, reading the same files'
//!   bytes (`std::fs::read` of each); for `export --format csv -o FILE`, reading them
//!   and writing the same CSV (the bytes the export wrote) to a file, with an fsync;
//!   for `report`, reading the records and the monitoring and workforce files;
//! - the same floor with each record's bytes also put through SHA-256 (the *seal
//!   floor*): every command here checks each record's seal, which covers nearly every
//!   byte, so no reader of records that trusts them can come under it;
//! - the real binary running the command with `RAYON_NUM_THREADS=1` (one thread reads
//!   the records), and with every core (the default): `export --format csv`, `verify`,
//!   and `report --monitoring FILE --workforce FILE --format json -o FILE`;
//!
//! and prints each as a ratio to its floor measured in the same run, the time per
//! record, the processor time, and how each grows from 1,000 to 10,000 records (10.0 is
//! linear). The commands' times include starting the process (a millisecond or so).
//! The `RATIO` lines at the end are for `benches/ratios.sh`.
//!
//! Every run is checked: exit code 0, and each record in the output, in the order
//! given: for export, one CSV row per answer of an intact record with the standing it
//! was generated with; for verify, each record intact, and the count; for report,
//! every record read, counted and linked to its monitoring row. `cargo test --benches` runs it quickly, with 50
//! and 150 records and one timed run each.
//!
//! A further command is one more [`Command`] in [`commands`]: its arguments, its floor
//! and its check.
//!
//! The processor time is what `getrusage` says the children used (user and system, all
//! threads). Memory is not measured here: a child's peak resident set as `getrusage`
//! reports it includes the moment before `exec`, when the child still shares this
//! process's memory (posix_spawn), so it would measure the benchmark. Measure it from
//! outside, with `/usr/bin/time -f %M fairness export ...`.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::hint::black_box;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

mod common;
use common::{Timing, medians, ratio_line, thousands};

#[path = "../examples/generate/mod.rs"]
mod generate;
use generate::Written;

/// One generated set: its records, in `dir/records`, `CASE-GEN-00001.yaml` onwards,
/// and the monitoring and workforce files beside them.
struct Set {
    records: Vec<Written>,
    monitoring: PathBuf,
    workforce: PathBuf,
}

/// Writes `count` signed records into `dir/records`, with the monitoring and workforce
/// files the generator `cargo run --example generate` writes (docs/generated-data.md),
/// its default seed.
fn generate(dir: &Path, count: usize) -> Set {
    let options = generate::Options {
        records: count,
        out: dir.to_owned(),
        seed: generate::DEFAULT_SEED,
        exclusions: false,
        force: false,
    };
    let summary = generate::write(&options).unwrap_or_else(|e| panic!("generating: {e}"));
    println!("{}", summary.describe());
    Set {
        records: summary.records,
        monitoring: dir.join("monitoring.csv"),
        workforce: dir.join("workforce.csv"),
    }
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
        "the records benchmark reads children's processor time with getrusage: run it on Linux or macOS"
    )
}

/// What a command is given to work on, and where it may write.
struct Work<'a> {
    records: &'a [Written],
    /// The monitoring and workforce files generated with them, for `report`.
    monitoring: &'a Path,
    workforce: &'a Path,
    /// A file the command may write (removed before each run: export never
    /// overwrites); the floor writes its copy beside it.
    out: &'a Path,
    /// What the command wrote, for the floor that writes the same.
    written: Vec<u8>,
}

/// One command measured over the records.
struct Command {
    /// As the tables and `RATIO` lines name it.
    name: &'static str,
    /// What its floor does, as the `RATIO` lines name it.
    floor_name: &'static str,
    /// Its arguments after `fairness`.
    args: fn(&Work) -> Vec<OsString>,
    /// The same input and output with nothing in between, in this process; with
    /// `true`, each record's bytes are also put through SHA-256, as checking its seal
    /// must (the seal floor).
    floor: fn(&Work, bool),
    /// Panics unless the run did what the command does, for every record in order;
    /// returns what the floor writes again.
    check: fn(&Work, &Output) -> Vec<u8>,
}

/// The commands measured.
fn commands() -> Vec<Command> {
    vec![
        Command {
            name: "export csv",
            floor_name: "read, write the CSV, fsync",
            args: |w| {
                let mut args: Vec<OsString> = vec!["export".into()];
                args.extend(w.records.iter().map(|r| r.path.clone().into()));
                args.extend(["--format".into(), "csv".into(), "-o".into()]);
                args.push(w.out.into());
                args
            },
            floor: |w, seal| {
                read_all(w.records, seal);
                let copy = w.out.with_extension("floor");
                let mut file = std::fs::File::create(&copy).unwrap();
                file.write_all(&w.written).unwrap();
                file.sync_all().unwrap();
            },
            check: |w, _| check_csv(w.records, w.out),
        },
        Command {
            name: "verify",
            floor_name: "read the same files",
            args: |w| {
                let mut args: Vec<OsString> = vec!["verify".into()];
                args.extend(w.records.iter().map(|r| r.path.clone().into()));
                args
            },
            floor: |w, seal| read_all(w.records, seal),
            check: |w, output| {
                check_verified(w.records, &output.stdout);
                Vec::new()
            },
        },
        Command {
            name: "report",
            floor_name: "read the same files",
            args: |w| {
                let mut args: Vec<OsString> = vec!["report".into()];
                args.extend(w.records.iter().map(|r| r.path.clone().into()));
                args.extend(["--monitoring".into(), w.monitoring.into()]);
                args.extend(["--workforce".into(), w.workforce.into()]);
                args.extend(["--format".into(), "json".into(), "-o".into()]);
                args.push(w.out.into());
                args
            },
            floor: |w, seal| {
                read_all(w.records, seal);
                black_box(std::fs::read(black_box(w.monitoring)).unwrap());
                black_box(std::fs::read(black_box(w.workforce)).unwrap());
            },
            check: |w, _| {
                check_report(w.records.len(), w.out);
                Vec::new()
            },
        },
    ]
}

/// Reads each record's bytes; with `seal`, puts them through SHA-256 too.
fn read_all(records: &[Written], seal: bool) {
    use sha2::Digest;
    for r in records {
        let bytes = black_box(std::fs::read(black_box(&r.path)).unwrap());
        if seal {
            black_box(sha2::Sha256::digest(&bytes));
        }
    }
}

/// Runs `fairness` with `args`, on one thread when `one`, and returns its output and
/// the processor time it used. Panics unless it succeeds.
fn run(args: &[OsString], out: &Path, one: bool) -> (Output, Duration) {
    match std::fs::remove_file(out) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => panic!("cannot remove {}: {e}", out.display()),
    }
    let before = children_cpu();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_fairness"));
    command.args(args);
    if one {
        command.env("RAYON_NUM_THREADS", "1");
    } else {
        command.env_remove("RAYON_NUM_THREADS");
    }
    let output = command.output().expect("fairness runs");
    assert!(
        output.status.success(),
        "fairness {:?} failed ({}):\n{}",
        args.first(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    (output, children_cpu() - before)
}

/// Checks the CSV `export` wrote: a header, then one row per answer, each of an intact,
/// signed record, the records in the order given. Returns its bytes.
fn check_csv(records: &[Written], out: &Path) -> Vec<u8> {
    let bytes = std::fs::read(out).unwrap();
    let csv = std::str::from_utf8(&bytes).unwrap();
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
    bytes
}

/// Checks what `verify` printed: each record intact, in the order given, and the count.
fn check_verified(records: &[Written], stdout: &[u8]) {
    let text = std::str::from_utf8(stdout).unwrap();
    let verdicts: Vec<&str> = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with(' '))
        .collect();
    assert_eq!(
        verdicts.len(),
        records.len() + 1,
        "a verdict for each record"
    );
    for (r, line) in records.iter().zip(&verdicts) {
        let start = format!("{}: intact, signed by ", r.path.display());
        assert!(line.starts_with(&start), "expected {start}, found {line}");
    }
    let n = records.len();
    let count = format!("{n} records checked: {n} intact, 0 draft, 0 altered, 0 unreadable");
    assert!(text.ends_with(&format!("{count}\n")), "{text}");
}

/// Checks the report `report --format json` wrote: every record read and counted, none
/// left out, every one linked to its monitoring row, and an equality section.
fn check_report(n: usize, out: &Path) {
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(out).unwrap()).unwrap();
    let coverage = &report["coverage"];
    let row = |table: &serde_json::Value, label: &str| {
        table["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["label"] == label)
            .unwrap_or_else(|| panic!("no row {label} in {table}"))["cells"][0]["value"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(row(&coverage["records"], "Read"), n as u64);
    assert_eq!(row(&coverage["records"], "Counted"), n as u64);
    assert_eq!(coverage["left_out"].as_array().unwrap().len(), 0);
    let link = &coverage["monitoring"];
    assert_eq!(row(link, "With a monitoring row"), n as u64);
    assert_eq!(row(link, "Monitoring rows matching no counted record"), 0);
    let sections: Vec<&serde_json::Value> = report["sections"].as_array().unwrap().iter().collect();
    assert!(
        sections.iter().any(|s| s["id"] == "equality"),
        "an equality section"
    );
}

/// One command's figures at one size.
struct Figures {
    n: usize,
    floor: Timing,
    /// The floor with every record's bytes put through SHA-256.
    sealed: Timing,
    one: Timing,
    all: Timing,
    one_cpu: Timing,
    all_cpu: Timing,
}

fn main() {
    let full = common::full();
    // (records, runs): a run of 10,000 takes a few seconds.
    let sizes: &[(usize, usize)] = if full {
        &[(1_000, 5), (10_000, 3)]
    } else {
        &[(50, 1), (150, 1)]
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());

    // Under target/ (ignored by git), on the disk the repository is on. Each size in a
    // folder of its own, as a case folder of that size: `verify` looks through a
    // record's folder for records that supersede it, so the first 1,000 of a folder of
    // 10,000 would cost nearly as much as the 10,000; and `report` counts monitoring
    // rows that match no record.
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temporary folder there");
    // Export never overwrites, nor does report: [`run`] removes it before each run.
    let out = dir.path().join("out");
    let sets: Vec<Set> = sizes
        .iter()
        .map(|&(n, _)| generate(&dir.path().join(format!("of-{n}")), n))
        .collect();

    let mut table = String::new();
    let mut lines = Vec::new();
    for command in commands() {
        let mut figures = Vec::new();
        for (&(n, runs), set) in sizes.iter().zip(&sets) {
            let mut work = Work {
                records: &set.records,
                monitoring: &set.monitoring,
                workforce: &set.workforce,
                out: &out,
                written: Vec::new(),
            };
            let args = (command.args)(&work);
            // Once, for what the floor writes again.
            let (output, _) = run(&args, &out, false);
            work.written = (command.check)(&work, &output);
            let (mut one_cpu, mut all_cpu) = (Vec::new(), Vec::new());
            let (mut one_last, mut all_last) = (None, None);
            let [floor, sealed, one, all] = medians(
                runs,
                [
                    &mut || (command.floor)(&work, false),
                    &mut || (command.floor)(&work, true),
                    &mut || {
                        let (output, cpu) = run(&args, &out, true);
                        one_cpu.push(cpu);
                        one_last = Some(output);
                    },
                    &mut || {
                        let (output, cpu) = run(&args, &out, false);
                        all_cpu.push(cpu);
                        all_last = Some(output);
                    },
                ],
            );
            // What the last runs printed, and the last wrote (on all cores).
            (command.check)(&work, &one_last.unwrap());
            (command.check)(&work, &all_last.unwrap());
            // The warm-up's processor time left out.
            let one_cpu = Timing::of(one_cpu[1..].to_vec());
            let all_cpu = Timing::of(all_cpu[1..].to_vec());
            let bytes: u64 = work
                .records
                .iter()
                .map(|r| std::fs::metadata(&r.path).unwrap().len())
                .sum();
            let ratio = |t: &Timing| t.median.as_secs_f64() / floor.median.as_secs_f64();
            writeln!(
                table,
                "  {:<12} {n:>7}  {:>7} KiB  {runs:>4}  {:>10.3?}  {:>10.3?} {:>6.1}x  {:>10.3?} {:>6.1}x  {:>10.3?}  {:>10.3?}",
                command.name,
                bytes / 1024,
                floor.median,
                one.median,
                ratio(&one),
                all.median,
                ratio(&all),
                one.median / n as u32,
                one_cpu.median,
            )
            .unwrap();
            figures.push(Figures {
                n,
                floor,
                sealed,
                one,
                all,
                one_cpu,
                all_cpu,
            });
        }
        lines.push((command, figures));
    }

    println!(
        "reading many records: each command against its floor, on one thread and on {cores} cores"
    );
    println!(
        "  command      records        input  runs       floor  one thread vs floor   all cores vs floor  per record   cpu (one)"
    );
    print!("{table}");
    for (command, figures) in &lines {
        let (first, last) = (figures.first().unwrap(), figures.last().unwrap());
        println!(
            "  {}: {} records / {}: {:.2}x the time on one thread ({:.2}x the cpu), {:.2}x on all cores ({:.2}x the cpu), for {:.1}x the records",
            command.name,
            last.n,
            first.n,
            last.one.median.as_secs_f64() / first.one.median.as_secs_f64(),
            last.one_cpu.median.as_secs_f64() / first.one_cpu.median.as_secs_f64(),
            last.all.median.as_secs_f64() / first.all.median.as_secs_f64(),
            last.all_cpu.median.as_secs_f64() / first.all_cpu.median.as_secs_f64(),
            last.n as f64 / first.n as f64
        );
    }
    for (command, figures) in &lines {
        let (first, last) = (figures.first().unwrap(), figures.last().unwrap());
        let name = command.name;
        let (small, large) = (thousands(first.n), thousands(last.n));
        ratio_line(
            &format!("{name} {large}, one thread"),
            &last.one,
            command.floor_name,
            &last.floor,
        );
        ratio_line(
            &format!("{name} {large}, {cores} cores"),
            &last.all,
            command.floor_name,
            &last.floor,
        );
        ratio_line(
            &format!("{name} {large}, one thread"),
            &last.one,
            &format!("{}, SHA-256", command.floor_name),
            &last.sealed,
        );
        ratio_line(
            &format!("{name} {large}, {cores} cores"),
            &last.all,
            &format!("{name} {large}, one thread"),
            &last.one,
        );
        ratio_line(
            &format!("{name} {small}, one thread"),
            &first.one,
            command.floor_name,
            &first.floor,
        );
        ratio_line(
            &format!("{name} {large}, one thread"),
            &last.one,
            &format!("{name} {small}, one thread"),
            &first.one,
        );
    }
}
