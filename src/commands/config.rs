//! `fairness config`: each setting in force and where it came from, and where the
//! config file is.

use std::io::Write;

use crate::cli::ConfigArgs;
use crate::config::{self, CONFIG_VAR, Setting, Settings, Source};
use crate::error::{Error, Status, shown};
use crate::terminal::neutralise;

pub fn run(args: &ConfigArgs, out: &mut dyn Write) -> Result<Status, Error> {
    let text = if args.path {
        // Only the path, for `$EDITOR "$(fairness config --path)"`: read nothing, so
        // that a broken file can still be found to be fixed.
        match config::file_path() {
            Some(path) => format!("{}\n", shown(&path)),
            None => return Err(config::no_home()),
        }
    } else {
        shown_settings(&config::settings(args.given())?)
    };
    out.write_all(text.as_bytes()).map_err(Error::Output)?;
    Ok(Status::Success)
}

fn shown_settings(settings: &Settings) -> String {
    let file = &settings.file;
    let mut text = match &file.path {
        Some(path) => {
            let mut notes = Vec::new();
            if file.from == Source::Env(CONFIG_VAR) {
                notes.push(format!("named by {CONFIG_VAR}"));
            }
            if !file.found {
                notes.push("not there; fairness reads it once you create it".to_owned());
            }
            let notes = if notes.is_empty() {
                String::new()
            } else {
                format!(" ({})", notes.join("; "))
            };
            format!("Config file: {}{notes}\n", shown(path))
        }
        None => {
            format!("Config file: none (no home folder was found; {CONFIG_VAR} can name one)\n")
        }
    };
    text.push('\n');
    let cases = if settings.cases.value.as_os_str().is_empty() {
        match std::env::current_dir() {
            Ok(here) => format!("{}, the current folder", shown(&here)),
            Err(_) => "the current folder".to_owned(),
        }
    } else {
        shown(&settings.cases.value)
    };
    let framework = match &settings.framework.value {
        Some(path) => shown(path),
        None => "the built-in framework".to_owned(),
    };
    let name = |s: &Setting<Option<String>>| match &s.value {
        Some(v) => neutralise(v).into_owned(),
        None => "not set".to_owned(),
    };
    let lines = [
        (config::CASES, cases, &settings.cases.from),
        (config::FRAMEWORK, framework, &settings.framework.from),
        (
            config::SIGNER_NAME,
            name(&settings.signer_name),
            &settings.signer_name.from,
        ),
        (
            config::SIGNER_ROLE,
            name(&settings.signer_role),
            &settings.signer_role.from,
        ),
        (
            config::DUE_WITHIN,
            format!("{} days", settings.due_within.value),
            &settings.due_within.from,
        ),
        (
            config::DUE_STALE,
            format!("{} days", settings.due_stale.value),
            &settings.due_stale.from,
        ),
        (
            config::KEY,
            crate::keys::in_force(settings),
            &settings.key.from,
        ),
        (
            config::SIGNERS,
            optional(&settings.signers.value),
            &settings.signers.from,
        ),
        (
            config::REVOKED_KEYS,
            optional(&settings.revoked_keys.value),
            &settings.revoked_keys.from,
        ),
        (
            config::REQUIRE_KEYS,
            if settings.require_keys.value {
                "true: every signature must be made with a key"
            } else {
                "false"
            }
            .to_owned(),
            &settings.require_keys.from,
        ),
    ];
    for (names, value, from) in lines {
        let from = match from {
            Source::Flag(flag) => format!("from `{flag}`"),
            Source::Env(var) => format!("from {var}"),
            Source::File(_) => "from the config file".to_owned(),
            Source::Default => "default".to_owned(),
        };
        text.push_str(&format!(
            "{:<15}{value} [{from}]\n",
            format!("{}:", names.key)
        ));
    }
    text.push_str(
        "\nEach setting comes from the first of: its flag, its environment variable, \
         the config file, its default.\n",
    );
    for names in config::ALL {
        text.push_str(&format!(
            "  {:<14} flag `{}`, variable {}\n",
            names.key, names.flag, names.var
        ));
    }
    text
}

fn optional(path: &Option<std::path::PathBuf>) -> String {
    match path {
        Some(path) => shown(path),
        None => "not set".to_owned(),
    }
}
