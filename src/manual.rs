//! What the manual pages say beyond the help clap_mangen writes from the command line:
//! EXAMPLES for each page, and ENVIRONMENT and FILES for fairness(1) and the commands
//! that read the settings (see [`crate::config`]), as roff.

/// Examples for each page: the command as typed, and what it does.
fn examples(command: &str) -> &'static [(&'static str, &'static str)] {
    match command {
        "fairness" => &[
            (
                "fairness run",
                "Begin a new case in the terminal; the record goes to the case folder.",
            ),
            (
                "fairness run --resume CASE-2026-201",
                "Continue the draft CASE-2026-201.yaml in the case folder.",
            ),
            (
                "fairness cases",
                "List the records in the case folder, drafts and signed.",
            ),
            (
                "fairness export CASE-2026-201.yaml --format html -o CASE-2026-201.html",
                "Write a record as one HTML page.",
            ),
            (
                "fairness verify *.yaml",
                "Check that no record has been changed since it was written.",
            ),
        ],
        "run" => &[
            (
                "fairness run",
                "Begin a new case; asks its reference, and saves after every answer.",
            ),
            (
                "fairness run --dir ~/Cases",
                "The same, with the record in ~/Cases.",
            ),
            (
                "fairness run --resume CASE-2026-201",
                "Continue a draft by its case reference (or give the file).",
            ),
            (
                "fairness run --answers answers.yaml",
                "Fill in the checklist from an answers file, without a terminal.",
            ),
            (
                "fairness run --framework ours.yaml",
                "Use an adapted framework instead of the built-in one.",
            ),
        ],
        "cases" => &[
            (
                "fairness cases",
                "The records in the case folder, most recently saved first.",
            ),
            (
                "fairness cases --format json | jq -r '.records[] | select(.status == \"draft\") | .reference'",
                "The references of the drafts, for a script.",
            ),
        ],
        "report" => &[
            (
                "fairness report --dir cases",
                "Figures across every record in the case folder, for a board: small numbers hidden.",
            ),
            (
                "fairness report cases/*.yaml --monitoring monitoring.csv --workforce workforce.csv --period 2025-04-01..2026-03-31 --format html -o board.html",
                "A year's report with the equality section, as one printable HTML page.",
            ),
            (
                "fairness report --dir cases --monitoring monitoring.csv --audience equality-lead --format csv -o equality.csv",
                "Every figure unsuppressed, for the equality lead alone (OFFICIAL-SENSITIVE, owner-only).",
            ),
        ],
        "config" => &[
            (
                "fairness config",
                "Each setting in force, and where it came from.",
            ),
            (
                "\"$EDITOR\" \"$(fairness config --path)\"",
                "Edit the config file.",
            ),
        ],
        "validate" => &[
            (
                "fairness validate ours.yaml",
                "Check an adapted framework, with every problem at its line and column.",
            ),
            (
                "fairness validate --format json ours.yaml",
                "The same report as JSON, for an editor or CI.",
            ),
        ],
        "show" => &[(
            "fairness show --guidance | less",
            "Read the built-in framework, with each item's guidance.",
        )],
        "init" => &[(
            "fairness init -o ours.yaml --organisation \"Example Health Board\"",
            "Write the built-in framework to adapt, with your organisation's name.",
        )],
        "export" => &[
            (
                "fairness export CASE-2026-201.yaml --format markdown",
                "A record as Markdown, on standard output.",
            ),
            (
                "fairness export CASE-2026-201.yaml --format html --audience practitioner -o letter.html",
                "The practitioner's view, without the case notes.",
            ),
            (
                "fairness export *.yaml --format csv -o cases.csv",
                "One row per answer across every record.",
            ),
            (
                "fairness export CASE-2026-201 --format html -o CASE-2026-201.html",
                "A record by its case reference, from the case folder.",
            ),
        ],
        "verify" => &[
            (
                "fairness verify CASE-2026-201.yaml",
                "Whether the record is intact, a draft, or altered.",
            ),
            (
                "fairness verify CASE-2026-201.yaml --seal sha256:…",
                "And that it carries the seal noted at sign-off.",
            ),
            (
                "fairness verify CASE-2026-201 --dir ~/cases",
                "A record by its case reference, from the case folder.",
            ),
        ],
        "completions" => &[(
            "fairness completions bash > ~/.local/share/bash-completion/completions/fairness",
            "Install completion for bash.",
        )],
        "man" => &[
            ("fairness man | man -l -", "Read this page."),
            (
                "fairness man -o ~/.local/share/man/man1",
                "Install every page where man finds them.",
            ),
        ],
        "schema" => &[(
            "fairness schema > fairness-framework.schema.json",
            "Save the schema for an editor to check framework files with.",
        )],
        _ => &[],
    }
}

/// The environment variables fairness reads, and what each does.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "FAIRNESS_CASES",
        "The case folder, where new records go, where `run --resume`, `verify` and `export` look for a case reference, and what `cases` lists (after `--dir`, before the config file's `cases`).",
    ),
    (
        "FAIRNESS_FRAMEWORK",
        "The framework file `run` and `show` use (after `--framework`, before the config file's `framework`).",
    ),
    (
        "FAIRNESS_SIGNER_NAME",
        "The signer's name offered at sign-off, to confirm or change (after `--signer-name`, before the config file's `signer_name`).",
    ),
    (
        "FAIRNESS_SIGNER_ROLE",
        "The signer's role offered at sign-off (after `--signer-role`, before the config file's `signer_role`).",
    ),
    (
        "FAIRNESS_CONFIG",
        "The config file to read instead of the platform's (see FILES).",
    ),
    (
        "NO_COLOR",
        "When set and not empty, no colour unless `--color always` is given.",
    ),
    ("CLICOLOR", "`0` turns colour off, as NO_COLOR does."),
    (
        "COLUMNS",
        "The width tables and reports are laid out in, in place of the terminal's.",
    ),
    ("TZ", "The time zone times are shown in; records keep UTC."),
    (
        "RAYON_NUM_THREADS",
        "How many threads read and verify records side by side (`verify`, `export`, `cases`, `due`, `report`); one for each processor core when unset.",
    ),
];

/// The files fairness reads besides those named on the command line.
const FILES: &[(&str, &str)] = &[
    (
        "$XDG_CONFIG_HOME/fairness/config.yaml",
        "The config file on Linux and macOS, where XDG_CONFIG_HOME is set; else ~/.config/fairness/config.yaml. `fairness config --path` prints the path in use.",
    ),
    (
        "%APPDATA%\\fairness\\config.yaml",
        "The config file on Windows.",
    ),
    (
        "REFERENCE.yaml",
        "A case record, in the case folder unless `-o` names another place; REFERENCE.yaml.lock beside it while a session holds the draft.",
    ),
];

/// The pages that get ENVIRONMENT and FILES: fairness(1), and the commands that read
/// the settings.
const READ_SETTINGS: [&str; 7] = [
    "fairness", "run", "cases", "config", "show", "verify", "export",
];

/// EXAMPLES, ENVIRONMENT and FILES for the page of `name` (`fairness-run`), as roff.
pub fn sections(name: &str) -> String {
    let command = name.strip_prefix("fairness-").unwrap_or(name);
    let mut out = String::new();
    let mut section = |title: &str, entries: &[(&str, &str)], bold: bool| {
        if entries.is_empty() {
            return;
        }
        out.push_str(&format!(".SH {title}\n"));
        for (term, text) in entries {
            let term = roff(term);
            let term = if bold {
                format!("\\fB{term}\\fR")
            } else {
                term
            };
            out.push_str(&format!(".TP\n{term}\n{}\n", roff(text)));
        }
    };
    section("EXAMPLES", examples(command), true);
    if READ_SETTINGS.contains(&command) {
        section("ENVIRONMENT", ENVIRONMENT, true);
        section("FILES", FILES, false);
    }
    out
}

/// Text as roff prints it: backslashes and hyphens escaped, and a line that would
/// start with a control character kept as text.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}
