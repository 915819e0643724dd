//! Writes fictional data to try `fairness report` on:
//!
//! ```sh
//! cargo run --release --example generate -- --records N --out DIR [--seed S] [--exclusions] [--force]
//! ```
//!
//! N signed case records of the built-in framework in `DIR/records/`, the matching
//! `DIR/monitoring.csv` and `DIR/workforce.csv`, and `DIR/expected.md`, which states
//! the one difference built in (the cases of ethnic-minority practitioners go to a
//! formal route twice as often as white practitioners') with the counts that produced
//! it. `--exclusions` adds a draft, an altered record and a superseded one. The same
//! seed gives the same files. See docs/generated-data.md.

#[path = "generate/mod.rs"]
mod generate;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Fictional case records, monitoring and workforce files, with a known difference
#[derive(Parser)]
#[command(name = "generate")]
struct Args {
    /// How many cases: one current, signed record each (1 to 99,000)
    #[arg(long, value_name = "N", value_parser = records)]
    records: usize,

    /// The folder to write into (made if missing); the records go in DIR/records
    #[arg(long, value_name = "DIR")]
    out: PathBuf,

    /// The seed: the same seed gives the same files
    #[arg(long, value_name = "S", default_value_t = generate::DEFAULT_SEED)]
    seed: u64,

    /// Also write a draft, an altered record and a superseded record with its
    /// amendment, which a report must leave out and name
    #[arg(long)]
    exclusions: bool,

    /// Write even if DIR/records holds files (removing the CASE-GEN-*.yaml an earlier
    /// run wrote there first)
    #[arg(long)]
    force: bool,
}

/// A count of records, from 1 to [`generate::MAX_RECORDS`].
fn records(text: &str) -> Result<usize, String> {
    let n: usize = text
        .parse()
        .map_err(|_| format!("`{text}` is not a whole number"))?;
    match n {
        0 => Err("at least 1 record is needed".to_owned()),
        n if n > generate::MAX_RECORDS => Err(format!(
            "at most {} records (case references have five digits)",
            generate::MAX_RECORDS
        )),
        n => Ok(n),
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let options = generate::Options {
        records: args.records,
        out: args.out,
        seed: args.seed,
        exclusions: args.exclusions,
        force: args.force,
    };
    match generate::write(&options) {
        Ok(summary) => {
            // A closed standard output (`| head`) is no failure: the files are written.
            let _ = writeln!(std::io::stdout(), "{}", summary.describe());
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("error: {why}");
            ExitCode::FAILURE
        }
    }
}
