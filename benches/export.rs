//! How long `fairness export RECORD... --format csv -o FILE` takes, and how it grows
//! with the number of records: an audit exports every case record at once.
//!
//! `cargo bench --bench export` generates 10,000 signed case records of the built-in
//! framework (every item that is asked answered, the answers and notes varying a little
//! from record to record), writes them into a temporary folder under the current one,
//! and prints, for the first 1,000, 3,000 and 10,000 of them, the median time of:
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
//! intact, signed record, in the order given. `cargo test --benches` runs it quickly,
//! with 50 and 150 records and one timed run each.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

mod common;
use common::{Timing, medians, ratio_line, thousands};

use fairness::checklist::Checklist;
use fairness::framework::{self, BUILTIN_TEXT, KindId};
use fairness::record::{self, FrameworkSource, Signer};

/// A generated record file and how many answers (CSV rows) it holds.
struct Generated {
    path: PathBuf,
    answers: usize,
}

/// Writes `count` signed records into `dir`, `CASE-BENCH-00001.yaml` onwards.
fn generate(dir: &Path, count: usize) -> Vec<Generated> {
    let checked = framework::check(BUILTIN_TEXT);
    let fw = checked.framework.unwrap();
    let list = Checklist::new(&fw);
    let now = record::now();
    let signer = Signer {
        name: "Dr Bench Marker".to_owned(),
        role: "Case manager".to_owned(),
    };
    (1..=count)
        .map(|n| {
            let reference = format!("CASE-BENCH-{n:05}");
            let mut draft = list.new_record(&reference, &checked.digest, &FrameworkSource::BuiltIn, &now);
            for i in 0..list.steps.len() {
                if !list.visible(&draft)[i] {
                    continue;
                }
                let item = list.steps[i].item;
                // Answers that differ from record to record, and free text at a
                // realistic length: it is most of what an export writes.
                let answer = match (item.answer.answers(), item.answer.kind()) {
                    (Some(all), _) => all[(n + i) % all.len()].to_owned(),
                    (None, KindId::Text) => format!(
                        "Record {n}, item {i}: a realistic paragraph of free text, as a case manager writes one. "
                    )
                    .repeat(4),
                    (None, _) => item.answer.sample_answer(),
                };
                let note = format!(
                    "Record {n}: a note of a typical length, saying why and what was done about it."
                );
                let given = item
                    .accept(&answer, Some(&note))
                    .unwrap_or_else(|e| panic!("{reference}, `{}`: {e}", item.id.value));
                list.apply(&mut draft, i, &given, &now);
            }
            assert!(list.missing(&draft).is_empty(), "{reference} is incomplete");
            list.sign(&mut draft, &signer, &now);
            let path = dir.join(format!("{reference}.yaml"));
            std::fs::write(&path, record::to_yaml(&draft)).unwrap();
            Generated {
                path,
                answers: draft.answers.len(),
            }
        })
        .collect()
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
fn export(records: &[Generated], out: &Path) -> Duration {
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
fn check_csv(records: &[Generated], out: &Path) {
    let csv = std::fs::read_to_string(out).unwrap();
    // No generated text has a line break, so every row is one line.
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    let expected: usize = records.iter().map(|r| r.answers).sum();
    assert!(lines[0].starts_with("\"case_reference\","), "{}", lines[0]);
    assert_eq!(lines.len() - 1, expected, "data lines in the CSV");
    let mut rows = lines[1..].iter();
    // The status cell is the signed record's standing: signed, or awaiting the
    // countersignature its answers call for.
    let signed = ["signed", "awaiting-countersignature"];
    for (n, r) in records.iter().enumerate() {
        let reference = format!("\"CASE-BENCH-{:05}\"", n + 1);
        for _ in 0..r.answers {
            let row = rows.next().unwrap();
            let cells: Vec<&str> = row.splitn(4, ',').collect();
            assert!(
                cells[0] == reference
                    && signed.iter().any(|s| cells[1] == format!("\"{s}\""))
                    && cells[2] == "\"intact\"",
                "expected {reference}, a signed standing and \"intact\", found {row}"
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
    let records = generate(dir.path(), largest);
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
