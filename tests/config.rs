//! Settings that stick: the config file, the environment and the flags, in that
//! order of strength, and `fairness config`, which says where each value came from.

use crate::harness::{Problem, Test, error};
use crate::records::{answers, signed_and_sealed};

/// `fairness config`'s last lines, the same whatever is set.
const ORDER: &str = "
Each setting comes from the first of: its flag, its environment variable, the config file, its default.
  cases          flag `--dir`, variable FAIRNESS_CASES
  framework      flag `--framework`, variable FAIRNESS_FRAMEWORK
  signer_name    flag `--signer-name`, variable FAIRNESS_SIGNER_NAME
  signer_role    flag `--signer-role`, variable FAIRNESS_SIGNER_ROLE
  due_within     flag `--within`, variable FAIRNESS_DUE_WITHIN
  due_stale      flag `--stale`, variable FAIRNESS_DUE_STALE
  key            flag `--key`, variable FAIRNESS_KEY
  signers        flag `--signers`, variable FAIRNESS_SIGNERS
  revoked_keys   flag `--revoked-keys`, variable FAIRNESS_REVOKED_KEYS
  require_keys   flag `--require-keys`, variable FAIRNESS_REQUIRE_KEYS
";

/// `fairness config`'s lines for the keys, as they are when none is set.
const NO_KEYS: &str =
    "key:           none (signatures carry no key; `fairness key new` makes one) [default]
signers:       not set [default]
revoked_keys:  not set [default]
require_keys:  false [default]
";

#[test]
fn config_shows_each_value_and_where_it_came_from() {
    let file = "cases: records\nsigner_name: Dr Ada Example\nsigner_role: Case manager\n";
    Test::new()
        .file("settings/config.yaml", file)
        .env("FAIRNESS_CONFIG", "settings/config.yaml")
        .env("FAIRNESS_SIGNER_NAME", "Mr Bertram Example")
        .args(["config", "--signer-role", "Associate Medical Director"])
        .stdout(format!(
            "Config file: settings/config.yaml (named by FAIRNESS_CONFIG)

cases:         {} [from the config file]
framework:     the built-in framework [default]
signer_name:   Mr Bertram Example [from FAIRNESS_SIGNER_NAME]
signer_role:   Associate Medical Director [from `--signer-role`]
due_within:    7 days [default]
due_stale:     14 days [default]
{NO_KEYS}{ORDER}",
            // A path in the config file is taken from the file's own folder.
            std::path::Path::new("settings").join("records").display()
        ))
        .run();
}

#[test]
fn without_a_config_file_every_setting_has_its_default() {
    let ran = Test::new().args(["config"]).stdout_any().run();
    let folder: std::path::PathBuf = ran.path("").components().collect();
    // The current folder as the system names it (macOS's temporary folder is behind a
    // link); Windows names it as it was set.
    let here = if cfg!(windows) {
        folder.clone()
    } else {
        std::fs::canonicalize(&folder).unwrap()
    };
    assert_eq!(
        ran.stdout,
        format!(
            "Config file: {} (named by FAIRNESS_CONFIG; not there; fairness reads it once you create it)

cases:         {}, the current folder [default]
framework:     the built-in framework [default]
signer_name:   not set [default]
signer_role:   not set [default]
due_within:    7 days [default]
due_stale:     14 days [default]
{NO_KEYS}{ORDER}",
            folder.join("no-config-here").join("config.yaml").display(),
            here.display()
        )
    );
    // `--path` alone, for an editor.
    ran.test()
        .env("FAIRNESS_CONFIG", "elsewhere/config.yaml")
        .args(["config", "--path"])
        .stdout("elsewhere/config.yaml\n")
        .run();
}

/// The case folder from the config file, the environment and `--dir`: each outranks
/// the one before it, and `-o` outranks them all.
#[test]
fn the_case_folder_comes_from_the_flag_then_the_environment_then_the_config_file() {
    let case = answers("pharmacist-informal");
    let in_folder = |folder: &str| {
        signed_and_sealed(
            &std::path::Path::new(folder)
                .join("CASE-2026-104.yaml")
                .display()
                .to_string(),
        )
    };
    let ran = Test::new()
        .file("a.yaml", &case)
        .file("config.yaml", "cases: from-file\n")
        .file("from-file/.keep", "")
        .file("from-env/.keep", "")
        .file("from-flag/.keep", "")
        .env("FAIRNESS_CONFIG", "config.yaml")
        .args(["run", "--answers", "a.yaml"])
        .stdout_matches(&in_folder("from-file"))
        .run();
    ran.test()
        .env("FAIRNESS_CONFIG", "config.yaml")
        .env("FAIRNESS_CASES", "from-env")
        .args(["run", "--answers", "a.yaml"])
        .stdout_matches(&in_folder("from-env"))
        .run();
    ran.test()
        .env("FAIRNESS_CONFIG", "config.yaml")
        .env("FAIRNESS_CASES", "from-env")
        .args(["run", "--answers", "a.yaml", "--dir", "from-flag"])
        .stdout_matches(&in_folder("from-flag"))
        .run();
    for folder in ["from-file", "from-env", "from-flag"] {
        assert_eq!(
            ran.folder.list(folder),
            [".keep", "CASE-2026-104.yaml"],
            "{folder}"
        );
    }
}

/// The framework from the environment is the one `run` and `show` use.
#[test]
fn the_framework_comes_from_the_environment_when_no_flag_names_one() {
    let adapted = crate::harness::repo_file("examples/adapted/kestrelmoor-framework.yaml");
    Test::new()
        .file("ours.yaml", &adapted)
        .env("FAIRNESS_FRAMEWORK", "ours.yaml")
        .env("COLUMNS", "100")
        .args(["show"])
        .stdout_contains("From: ours.yaml\n")
        .run();
}

#[test]
fn a_bad_config_file_is_refused_with_each_problem_at_its_line_and_column() {
    let text = "cases: records\nsigner_rol: Case manager\nframework: [a, b]\n";
    let problems: Vec<Problem> = vec![
        error("unknown field `signer_rol` in the config file")
            .at("config.yaml", text, "signer_rol")
            .help("did you mean `signer_role` or `signers`?"),
        error("`framework` should be text, found a list")
            .at("config.yaml", text, "[")
            .marks(1),
    ];
    let report: String = problems.iter().map(|p| format!("{p}\n")).collect();
    Test::new()
        .file("config.yaml", text)
        .env("FAIRNESS_CONFIG", "config.yaml")
        .args(["config"])
        .stderr(format!(
            "error: the config file is not valid, so no command that reads it runs until it is fixed:\n\n{report}"
        ))
        .status(1)
        .run();
}

#[test]
fn a_signer_name_given_with_a_control_character_is_refused() {
    Test::new()
        .env("FAIRNESS_SIGNER_NAME", "Dr A\u{7}Example")
        .args(["config"])
        .stderr(
            "error: FAIRNESS_SIGNER_NAME: this contains the control character U+0007; remove it\n",
        )
        .status(2)
        .run();
}
