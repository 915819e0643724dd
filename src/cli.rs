//! The command line, defined once: help text, usage errors, completions and
//! the man page all come from these types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};

// The export formats and audiences are defined with the formats themselves, so that a
// new format is one file and one match arm there.
pub(crate) use crate::export::{Audience, FormatName as ExportFormat};

/// Run the Principles and Framework for Fairness and Proportionality as a checklist,
/// and adapt and validate the framework for your organisation.
#[derive(Debug, Parser)]
// `bin_name`: usage lines say `fairness` as people type it, not the file name the
// program was started by (`fairness.exe` on Windows).
#[command(
    name = "fairness",
    bin_name = "fairness",
    version,
    about,
    max_term_width = 100
)]
#[command(
    after_help = "Exit codes: 0 success, 1 the input is invalid (or a record altered), 2 usage or I/O error, 130 stopped part-way (`run` has saved the draft; a command writing a file has written nothing)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to colour the output: `auto` colours a terminal unless NO_COLOR is set
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print only results and problems: no confirmations, notes or summaries
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal, unless NO_COLOR (or CLICOLOR=0) is set
    Auto,
    /// Always colour, even into a pipe or a file
    Always,
    /// Never colour
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Work through the checklist for one case, saving a draft after every answer
    ///
    /// In a terminal, asks every item in turn, then shows a review where any answer can
    /// be changed before signing off. Esc or Ctrl-C saves and leaves (exit 130);
    /// `--resume` continues. Without a terminal, use `--answers FILE`.
    Run(RunArgs),
    /// Correct a signed record: a new version of it, every answer carried over
    ///
    /// Checks the record is intact and signed, then begins the next version of the case
    /// beside it (REFERENCE-v2.yaml), naming the record it supersedes by its seal and
    /// carrying the reason. The signed record is never touched. In a terminal, goes on
    /// as `run --resume` does: change what needs correcting at the review, then sign
    /// again. `--answers FILE` gives the corrected answers from a file instead.
    Amend(AmendArgs),
    /// Check framework files and report every problem with its line and column
    ///
    /// Exits 0 when every file is valid (warnings allowed), 1 when any file has errors,
    /// and 2 when a file cannot be read.
    Validate(ValidateArgs),
    /// Print a framework as tables, for reading or review
    Show(ShowArgs),
    /// Write the built-in framework to a file, as a starting point for adapting it
    Init(InitArgs),
    /// Turn case records into Markdown, HTML, JSON or CSV
    ///
    /// Writes to standard output unless `-o` is given. A draft is marked as a draft in
    /// the output itself. A record altered since fairness wrote it is exported only
    /// with a warning, in the output and on standard error, and the exit code is 1.
    Export(ExportArgs),
    /// Prove case records have not been changed since they were written and signed
    ///
    /// Says for each file whether it is intact and signed (by whom, when), a draft, or
    /// altered, and what is wrong with it; with `--signers`, whose key made each
    /// signature. Exits 1 when any record is altered or cannot be read as a record, or
    /// has a key signature that does not count (a bad one, a revoked key's, or, where
    /// keys are required, none or one not listed for its name); 2 when a file cannot
    /// be opened at all.
    Verify(VerifyArgs),
    /// Countersign a signed record, or return it to its signer with comments
    ///
    /// Verifies the record, shows it on one screen (route, interim measure, each No with
    /// its note, the rationale), then countersigns it (name, role, the declaration, your
    /// name typed again, an optional comment) or returns it to the case manager with
    /// comments. The review is sealed over the record's seal: nothing the signer sealed
    /// changes. Without a terminal, use `--answers FILE` (format fairness-review/1).
    Countersign(CountersignArgs),
    /// List the case records in the case folder: reference, status, progress, last saved
    /// and signer
    ///
    /// The case folder is `--dir`, else FAIRNESS_CASES, else the config file's `cases`,
    /// else the current folder. Lists every record there, most recently saved first, with
    /// whether it is a draft, signed, or altered since fairness wrote it; files that are
    /// not records are counted, not listed. `--format json` is for other programs.
    Cases(CasesArgs),
    /// List what is due: interim-measure and decision reviews, countersignatures
    /// awaited, returned records and drafts left unsaved
    ///
    /// Reads the records in the case folder (as `cases` does), or the RECORDs given.
    /// Lists, most urgent first, reviews due within `--within` days or overdue, records
    /// awaiting a countersignature or returned by a reviewer, and drafts not saved for
    /// more than `--stale` days, each with the command to act on it. Superseded records
    /// are left out; altered or unreadable ones are named. Exits 0 whatever it finds,
    /// unless `--fail-on-overdue` is given and a review is overdue (exit 1).
    Due(DueArgs),
    /// Report across many records: coverage, how cases are handled, outcomes and, with
    /// the equality team's monitoring data, whether some groups fare worse
    ///
    /// Reads and verifies the RECORDs given (or every record in the case folder); drafts,
    /// altered and unreadable records, superseded versions and records outside
    /// `--period` are counted, named and left out. `--monitoring FILE` joins each record
    /// to its row of characteristics by case reference, for the relative likelihood of
    /// escalation by group with its 95% confidence interval; `--workforce FILE` adds the
    /// likelihood per head of staff. For a board (the default) counts from 1 to K-1 are
    /// shown as <K and no figure is worked out from them; `--audience equality-lead`
    /// shows every count, marked OFFICIAL-SENSITIVE, and `-o` writes it readable by you
    /// alone. No free text from any record ever appears in a report.
    Report(ReportArgs),
    /// Make or show your signing key: signatures that prove who signed
    ///
    /// `key new` makes an Ed25519 key in OpenSSH's format, protected by a passphrase,
    /// in the keys folder beside the config file, readable by you alone; `run`, `amend`
    /// and `countersign` then sign with it as well as sealing. `key show` prints your
    /// public key as one line of an allowed-signers file, to send to your governance
    /// lead. An existing OpenSSH Ed25519 key can be used instead (`--key`, FAIRNESS_KEY
    /// or the config file's `key`).
    Key(KeyCommandArgs),
    /// Show the settings in force and where each came from
    ///
    /// Each setting is taken from the first of: its flag, its environment variable, the
    /// config file, its default. The config file is `config.yaml` in the platform's
    /// config folder, or the file FAIRNESS_CONFIG names; `--path` prints its path alone.
    Config(ConfigArgs),
    /// Print a shell completion script
    ///
    /// Writes the script for SHELL to standard output; save it where your shell looks
    /// for completions (the README shows where for each shell). Regenerate it after
    /// upgrading fairness, so that new commands and flags complete.
    Completions(CompletionsArgs),
    /// Print the manual page, or write one page per command to a folder
    ///
    /// Without arguments, prints fairness(1) as roff: `fairness man | man -l -` reads
    /// it. `fairness man COMMAND` prints the page for one command, and `-o FOLDER`
    /// writes every page, fairness.1 and fairness-COMMAND.1, replacing pages of the same
    /// name.
    Man(ManArgs),
    /// Print the JSON Schema of the framework format, for editors
    ///
    /// Describes `fairness-framework/1` as JSON Schema (draft-07), so that an editor can
    /// check and complete framework files as you type: fields, answer kinds and the five
    /// locked Principles. Some rules, such as unique ids and `when` referring to an
    /// earlier item, are beyond a schema: `fairness validate` checks everything.
    Schema,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Case records: each a file, or a case reference (CASE-2026-201 for
    /// CASE-2026-201.yaml in the case folder)
    #[arg(required = true, value_name = "RECORD", value_hint = ValueHint::FilePath)]
    pub records: Vec<PathBuf>,

    /// What to write
    #[arg(short, long, value_enum)]
    pub format: ExportFormat,

    /// Who the export is for; `practitioner` shares the process, the policy, the
    /// Principles' questions, the route decided and the support available, without the
    /// other answers, notes, history or reasons (markdown and html only)
    #[arg(long, value_enum, default_value_t = Audience::Case)]
    pub audience: Audience,

    /// The framework the records were made with, for the practitioner view's wording,
    /// the items it relies on and its support list [default: the built-in framework,
    /// or the file named in the record]
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub framework: Option<PathBuf>,

    /// Write to this file instead of standard output; an existing file is never
    /// overwritten
    #[arg(short, long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub dir: DirArg,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Case records: each a file, or a case reference (CASE-2026-201 for
    /// CASE-2026-201.yaml in the case folder) [default: every record in the case
    /// folder]
    #[arg(value_name = "RECORD", value_hint = ValueHint::FilePath)]
    pub records: Vec<PathBuf>,

    /// The seal noted at sign-off (`sha256:...`), kept apart from the record: the
    /// record must carry exactly this seal. Only with one RECORD
    #[arg(long, value_name = "SEAL", value_hint = ValueHint::Other)]
    pub seal: Option<String>,

    /// How to print the report: `json` (format fairness-verify/1) is for other programs
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,

    /// Check each signature's key against this allowed-signers file (OpenSSH's format)
    /// [default: FAIRNESS_SIGNERS or the config file's `signers`]
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub signers: Option<PathBuf>,

    /// Keys no longer to be trusted, one public key a line [default:
    /// FAIRNESS_REVOKED_KEYS or the config file's `revoked_keys`]
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub revoked_keys: Option<PathBuf>,

    /// Fail (exit 1) any signature made without a key, or with one the signers file
    /// does not list for the name [default: FAIRNESS_REQUIRE_KEYS or the config file's
    /// `require_keys`]
    #[arg(long)]
    pub require_keys: bool,

    #[command(flatten)]
    pub dir: ReadDirArg,
}

#[derive(Debug, Args)]
pub struct KeyCommandArgs {
    #[command(subcommand)]
    pub command: KeyCommand,
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Make a new signing key, protected by a passphrase
    ///
    /// Asks for the passphrase twice (it is never shown or stored); without a terminal,
    /// give it with `--passphrase-file` or FAIRNESS_KEY_PASSPHRASE. Writes the private
    /// key, readable by you alone, and its public key beside it (`.pub`), then prints
    /// the line to send to your governance lead. An existing key is never replaced
    /// unless `--force` is given.
    New(KeyNewArgs),
    /// Print your public key as a line of an allowed-signers file
    ///
    /// `"NAME" namespaces="fairness-record" ssh-ed25519 AAAA…`, with the name you sign
    /// in (`--name`, else the signer name in force, else the name stored with the key),
    /// ready for the organisation's allowed-signers file.
    Show(KeyShowArgs),
}

#[derive(Debug, Args)]
pub struct KeyNewArgs {
    /// The name you sign in, exactly as you type it at sign-off [default: the signer
    /// name in force (`fairness config`), else asked]
    #[arg(long, value_name = "NAME", value_hint = ValueHint::Other)]
    pub name: Option<String>,

    /// Where to write the key [default: fairness_ed25519 in the keys folder beside the
    /// config file]
    #[arg(short, long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub out: Option<PathBuf>,

    /// Replace a key already there (signatures it made still check, by the public key
    /// they carry)
    #[arg(long)]
    pub force: bool,

    /// Read the passphrase from the first line of this file instead of asking
    /// [default: FAIRNESS_KEY_PASSPHRASE, else asked]
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub passphrase_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct KeyShowArgs {
    /// The private key [default: FAIRNESS_KEY, the config file's `key`, or the key
    /// `fairness key new` made]
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub key: Option<PathBuf>,

    /// The name to list the key for [default: the signer name in force, else the name
    /// stored with the key]
    #[arg(long, value_name = "NAME", value_hint = ValueHint::Other)]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct CountersignArgs {
    /// The signed record: a file, or a case reference (CASE-2026-201 for
    /// CASE-2026-201.yaml in the case folder)
    #[arg(value_name = "RECORD", value_hint = ValueHint::FilePath)]
    pub record: PathBuf,

    /// Review from a file (format fairness-review/1) instead of in a terminal
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub answers: Option<PathBuf>,

    #[command(flatten)]
    pub dir: DirArg,

    #[command(flatten)]
    pub key: KeyArgs,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The framework to use [default: FAIRNESS_FRAMEWORK, the config file's
    /// `framework`, or the built-in framework]
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub framework: Option<PathBuf>,

    /// Where to write the record [default: CASE-REFERENCE.yaml in the case folder];
    /// an existing file is never overwritten
    #[arg(
        short,
        long,
        value_name = "RECORD",
        conflicts_with = "resume",
        value_hint = ValueHint::FilePath
    )]
    pub out: Option<PathBuf>,

    /// Continue a draft record where it stopped: its file, or its case reference
    /// (CASE-2026-201 for CASE-2026-201.yaml in the case folder)
    #[arg(long, value_name = "RECORD", value_hint = ValueHint::FilePath)]
    pub resume: Option<PathBuf>,

    /// With --resume, when the framework has changed since the draft began: carry over
    /// the answers to unchanged items and ask the rest
    #[arg(long, requires = "resume")]
    pub migrate: bool,

    /// Fill in the checklist from an answers file (format fairness-answers/1), without a
    /// terminal; signs when the file has `sign_off`, else writes a draft
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "resume",
        value_hint = ValueHint::FilePath
    )]
    pub answers: Option<PathBuf>,

    #[command(flatten)]
    pub dir: DirArg,

    #[command(flatten)]
    pub signer: SignerArgs,

    #[command(flatten)]
    pub key: KeyArgs,
}

#[derive(Debug, Args)]
pub struct AmendArgs {
    /// The signed record to correct: its file, or its case reference (CASE-2026-201 for
    /// CASE-2026-201.yaml in the case folder)
    #[arg(value_name = "RECORD", value_hint = ValueHint::FilePath)]
    pub record: PathBuf,

    /// Why the signed record needs correcting, in words; kept in the new version
    #[arg(long, value_name = "TEXT", value_hint = ValueHint::Other)]
    pub reason: String,

    /// Where to write the new version [default: REFERENCE-vN.yaml beside the record];
    /// an existing file is never overwritten
    #[arg(short, long, value_name = "RECORD", value_hint = ValueHint::FilePath)]
    pub out: Option<PathBuf>,

    /// Give the corrected answers from an answers file (format fairness-answers/1),
    /// without a terminal: its answers replace those carried over, each with its
    /// `reason`; signs when the file has `sign_off`, else writes a draft
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub answers: Option<PathBuf>,

    /// The framework to go on with [default: as `run --resume` chooses it for the
    /// record]
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub framework: Option<PathBuf>,

    #[command(flatten)]
    pub dir: DirArg,

    #[command(flatten)]
    pub signer: SignerArgs,

    #[command(flatten)]
    pub key: KeyArgs,
}

impl AmendArgs {
    /// The settings given as flags.
    pub fn given(&self) -> crate::config::Given<'_> {
        crate::config::Given {
            key: self.key.key.as_deref(),
            ..self
                .signer
                .given(self.dir.dir.as_deref(), self.framework.as_deref())
        }
    }
}

/// The key a signature is made with, as flags.
#[derive(Debug, Args)]
pub struct KeyArgs {
    /// Sign with this OpenSSH Ed25519 private key [default: FAIRNESS_KEY, the config
    /// file's `key`, or the key `fairness key new` made, if there is one]
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub key: Option<PathBuf>,

    /// With --answers: read the key's passphrase from the first line of this file
    /// [default: FAIRNESS_KEY_PASSPHRASE]; in a terminal it is always asked
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub passphrase_file: Option<PathBuf>,
}

/// The case folder, as a flag, for the commands that read records and write none
/// (`due`, `report`, `verify`).
#[derive(Debug, Args)]
pub struct ReadDirArg {
    /// The case folder: its records are read when no RECORD is given, and a case
    /// reference is looked for in it [default: FAIRNESS_CASES, the config file's
    /// `cases`, or the current folder]
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
}

/// The case folder, as a flag.
#[derive(Debug, Args)]
pub struct DirArg {
    /// The case folder, where new records go, where a case reference is looked for and
    /// what `cases` lists [default: FAIRNESS_CASES, the config file's `cases`, or the
    /// current folder]
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
}

/// The signer's name and role offered at sign-off, as flags.
#[derive(Debug, Args)]
pub struct SignerArgs {
    /// The signer's name to offer at sign-off, to confirm or change [default:
    /// FAIRNESS_SIGNER_NAME or the config file's `signer_name`]
    #[arg(long, value_name = "NAME", value_hint = ValueHint::Other)]
    pub signer_name: Option<String>,

    /// The signer's role to offer at sign-off [default: FAIRNESS_SIGNER_ROLE or the
    /// config file's `signer_role`]
    #[arg(long, value_name = "ROLE", value_hint = ValueHint::Other)]
    pub signer_role: Option<String>,
}

impl SignerArgs {
    /// The settings given as flags to a command that takes these beside `--dir` and
    /// `--framework` (`run`, `amend`, `config`).
    fn given<'a>(
        &'a self,
        cases: Option<&'a std::path::Path>,
        framework: Option<&'a std::path::Path>,
    ) -> crate::config::Given<'a> {
        crate::config::Given {
            cases,
            framework,
            signer_name: self.signer_name.as_deref(),
            signer_role: self.signer_role.as_deref(),
            ..crate::config::Given::default()
        }
    }
}

#[derive(Debug, Args)]
pub struct CasesArgs {
    #[command(flatten)]
    pub dir: DirArg,

    /// How to print the list
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// Case records to look at: each a file, or a case reference in the case folder
    /// [default: every record in the case folder]
    #[arg(value_name = "RECORD", value_hint = ValueHint::FilePath)]
    pub records: Vec<PathBuf>,

    #[command(flatten)]
    pub dir: ReadDirArg,

    /// List reviews due within this many days (overdue ones always) [default:
    /// FAIRNESS_DUE_WITHIN, the config file's `due_within`, or 7]
    #[arg(long, value_name = "DAYS", value_parser = days, allow_negative_numbers = true)]
    pub within: Option<u32>,

    /// List drafts not saved for more than this many days [default: FAIRNESS_DUE_STALE,
    /// the config file's `due_stale`, or 14]
    #[arg(long, value_name = "DAYS", value_parser = days, allow_negative_numbers = true)]
    pub stale: Option<u32>,

    /// How to print the list
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,

    /// Exit 1 when a review is overdue, for a scheduled job
    #[arg(long)]
    pub fail_on_overdue: bool,
}

/// A number of days for `due`, 0 to 3650 (ten years), as the settings allow: a
/// negative one is refused as out of range, not taken for an option.
fn days(given: &str) -> Result<u32, String> {
    let n: i64 = given
        .parse()
        .map_err(|_| "not a whole number of days".to_owned())?;
    u32::try_from(n)
        .ok()
        .filter(|n| *n <= 3650)
        .ok_or_else(|| format!("{n} is not in 0..=3650 (days, up to ten years)"))
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Case records: each a file, or a case reference in the case folder [default:
    /// every record in the case folder]
    #[arg(value_name = "RECORD", value_hint = ValueHint::FilePath)]
    pub records: Vec<PathBuf>,

    #[command(flatten)]
    pub dir: ReadDirArg,

    /// The equality team's monitoring data: CSV with a `case_reference` column and one
    /// column per characteristic (docs/reports.md)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub monitoring: Option<PathBuf>,

    /// Headcounts from the workforce system: CSV `characteristic,group,headcount`, for
    /// the likelihood per head of staff (needs --monitoring)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub workforce: Option<PathBuf>,

    /// Count only records whose decision falls in FROM..TO (dates as YYYY-MM-DD; either
    /// end may be left out: 2025-04-01..)
    #[arg(long, value_name = "FROM..TO", value_hint = ValueHint::Other)]
    pub period: Option<String>,

    /// For a board, the smallest count shown: counts from 1 to K-1 are shown as <K (10
    /// unless given, 5 at the least; the equality lead's report shows every count)
    #[arg(long, value_name = "K")]
    pub suppress: Option<u64>,

    /// The reference group a characteristic's groups are compared with, as
    /// CHARACTERISTIC=GROUP (repeat for several) [default: White for ethnicity, UK for
    /// the place of qualification, else the largest group]
    #[arg(long = "reference", value_name = "CHARACTERISTIC=GROUP", value_hint = ValueHint::Other)]
    pub references: Vec<String>,

    /// Who the report is for
    #[arg(long, value_enum, default_value_t = ReportAudience::Board)]
    pub audience: ReportAudience,

    /// What to write
    #[arg(short, long, value_enum, default_value_t = ReportOutput::Text)]
    pub format: ReportOutput,

    /// Write to this file instead of standard output; an existing file is never
    /// overwritten
    #[arg(short, long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportAudience {
    /// Small numbers suppressed; shareable
    Board,
    /// Every count shown; OFFICIAL-SENSITIVE, written readable by you alone
    EqualityLead,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportOutput {
    /// Tables for reading in a terminal
    Text,
    /// A Markdown document
    Markdown,
    /// One self-contained, printable HTML page with charts
    Html,
    /// Every figure, one row each, for other tools
    Csv,
    /// Every figure, as one JSON document (fairness-report/1)
    Json,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print only the config file's path (whether or not the file is there)
    #[arg(long)]
    pub path: bool,

    #[command(flatten)]
    pub dir: DirArg,

    /// The framework file, as `run --framework` takes it
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub framework: Option<PathBuf>,

    #[command(flatten)]
    pub signer: SignerArgs,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Framework files to check
    #[arg(required = true, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub files: Vec<PathBuf>,

    /// How to print the report
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// For people to read
    Text,
    /// For other tools: one JSON document on standard output
    Json,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The framework to show [default: FAIRNESS_FRAMEWORK, the config file's
    /// `framework`, or the built-in framework]
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub framework: Option<PathBuf>,

    /// Also show each item's guidance
    #[arg(long)]
    pub guidance: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the framework; `-` for standard output
    #[arg(
        short,
        long,
        value_name = "FILE",
        default_value = "fairness-framework.yaml",
        value_hint = ValueHint::FilePath
    )]
    pub output: PathBuf,

    /// Your organisation's name, recorded in the framework and in every case record
    #[arg(long, value_name = "NAME", value_hint = ValueHint::Other)]
    pub organisation: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::aot::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Print only this command's page (`key new` for a command within a command)
    /// [default: the page for fairness itself]
    #[arg(value_name = "COMMAND", conflicts_with = "output", num_args = 0..=2)]
    pub command: Vec<String>,

    /// Write every page into this folder (created if missing) instead of printing one
    #[arg(short, long, value_name = "FOLDER", value_hint = ValueHint::DirPath)]
    pub output: Option<PathBuf>,
}

impl RunArgs {
    /// The settings given as flags.
    pub fn given(&self) -> crate::config::Given<'_> {
        crate::config::Given {
            key: self.key.key.as_deref(),
            ..self
                .signer
                .given(self.dir.dir.as_deref(), self.framework.as_deref())
        }
    }
}

impl ConfigArgs {
    /// The settings given as flags.
    pub fn given(&self) -> crate::config::Given<'_> {
        self.signer
            .given(self.dir.dir.as_deref(), self.framework.as_deref())
    }
}
