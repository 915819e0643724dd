//! Settings that stick: the case folder, the framework file, and the signer's name and
//! role, each taken from the first of a flag, an environment variable, the config file
//! and the default. `fairness config` shows each value in force and where it came from.
//!
//! The config file is YAML, `config.yaml` in the platform's config folder (found by
//! etcetera: `$XDG_CONFIG_HOME/fairness`, else `~/.config/fairness`, on Linux and
//! macOS; `%APPDATA%\fairness` on Windows), or the file FAIRNESS_CONFIG names. It is
//! read like every other file fairness reads: every problem reported with its line and
//! column. A config file that is not there is no error: every setting has a default.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostic::{self, Diagnostic, Located, Report};
use crate::error::{Error, Usage};
use crate::source::{self, ReadFailure};
use crate::yaml::{Fields, Reader, Value, parse};

/// The environment variable naming the config file, in place of the platform's.
pub const CONFIG_VAR: &str = "FAIRNESS_CONFIG";

/// Each setting: its name in the config file, its environment variable and its flag.
pub const CASES: Names = Names {
    key: "cases",
    var: "FAIRNESS_CASES",
    flag: "--dir",
};
pub const FRAMEWORK: Names = Names {
    key: "framework",
    var: "FAIRNESS_FRAMEWORK",
    flag: "--framework",
};
pub const SIGNER_NAME: Names = Names {
    key: "signer_name",
    var: "FAIRNESS_SIGNER_NAME",
    flag: "--signer-name",
};
pub const SIGNER_ROLE: Names = Names {
    key: "signer_role",
    var: "FAIRNESS_SIGNER_ROLE",
    flag: "--signer-role",
};
/// `fairness due`: how near a review date must be to be listed, in days.
pub const DUE_WITHIN: Names = Names {
    key: "due_within",
    var: "FAIRNESS_DUE_WITHIN",
    flag: "--within",
};
/// `fairness due`: how long a draft may go unsaved before it is listed, in days.
pub const DUE_STALE: Names = Names {
    key: "due_stale",
    var: "FAIRNESS_DUE_STALE",
    flag: "--stale",
};

/// The private key signatures are made with (`fairness key new` makes one).
pub const KEY: Names = Names {
    key: "key",
    var: "FAIRNESS_KEY",
    flag: "--key",
};
/// The organisation's allowed-signers file: who may sign with which key.
pub const SIGNERS: Names = Names {
    key: "signers",
    var: "FAIRNESS_SIGNERS",
    flag: "--signers",
};
/// Keys no longer to be trusted, one public key a line.
pub const REVOKED_KEYS: Names = Names {
    key: "revoked_keys",
    var: "FAIRNESS_REVOKED_KEYS",
    flag: "--revoked-keys",
};
/// Whether every signature must be made with a key (`true` or `false`).
pub const REQUIRE_KEYS: Names = Names {
    key: "require_keys",
    var: "FAIRNESS_REQUIRE_KEYS",
    flag: "--require-keys",
};

/// Every setting, in the order `fairness config` shows them.
pub const ALL: [Names; 10] = [
    CASES,
    FRAMEWORK,
    SIGNER_NAME,
    SIGNER_ROLE,
    DUE_WITHIN,
    DUE_STALE,
    KEY,
    SIGNERS,
    REVOKED_KEYS,
    REQUIRE_KEYS,
];

/// The defaults of `due`'s thresholds.
pub const DEFAULT_WITHIN: u32 = 7;
pub const DEFAULT_STALE: u32 = 14;

/// The names one setting goes by.
#[derive(Clone, Copy, Debug)]
pub struct Names {
    pub key: &'static str,
    pub var: &'static str,
    pub flag: &'static str,
}

/// Where a value in force came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Flag(&'static str),
    Env(&'static str),
    File(PathBuf),
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "`{flag}`"),
            Source::Env(var) => f.write_str(var),
            Source::File(path) => write!(f, "the config file `{}`", crate::error::shown(path)),
            Source::Default => f.write_str("the default"),
        }
    }
}

/// A value in force, and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub from: Source,
}

/// The config file: where it is, what named it, and whether it is there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigFile {
    /// `None` where no home folder could be found (and FAIRNESS_CONFIG is not set).
    pub path: Option<PathBuf>,
    /// FAIRNESS_CONFIG, or the platform's default.
    pub from: Source,
    pub found: bool,
}

/// Every setting in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub file: ConfigFile,
    /// The folder new records go to and `fairness cases` lists; the empty path for the
    /// current folder, so that records there are named as before, `CASE-1.yaml`.
    pub cases: Setting<PathBuf>,
    /// `None` for the built-in framework.
    pub framework: Setting<Option<PathBuf>>,
    pub signer_name: Setting<Option<String>>,
    pub signer_role: Setting<Option<String>>,
    pub due_within: Setting<u32>,
    pub due_stale: Setting<u32>,
    /// The key to sign with; `None` for the default, `fairness key new`'s, which is
    /// used if it is there.
    pub key: Setting<Option<PathBuf>>,
    pub signers: Setting<Option<PathBuf>>,
    pub revoked_keys: Setting<Option<PathBuf>>,
    pub require_keys: Setting<bool>,
}

/// What was given as flags, where the command has them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Given<'a> {
    pub cases: Option<&'a Path>,
    pub framework: Option<&'a Path>,
    pub signer_name: Option<&'a str>,
    pub signer_role: Option<&'a str>,
    pub due_within: Option<u32>,
    pub due_stale: Option<u32>,
    pub key: Option<&'a Path>,
    pub signers: Option<&'a Path>,
    pub revoked_keys: Option<&'a Path>,
    /// `--require-keys` given.
    pub require_keys: bool,
}

/// The values a config file holds, each with its place in the file.
#[derive(Debug, Default)]
struct FileValues {
    cases: Option<Located<String>>,
    framework: Option<Located<String>>,
    signer_name: Option<Located<String>>,
    signer_role: Option<Located<String>>,
    due_within: Option<Located<String>>,
    due_stale: Option<Located<String>>,
    key: Option<Located<String>>,
    signers: Option<Located<String>>,
    revoked_keys: Option<Located<String>>,
    require_keys: Option<Located<String>>,
}

/// The settings in force for a command given `given`, from this process's
/// environment and config file.
pub fn settings(given: Given) -> Result<Settings, Error> {
    settings_from(given, &|name| std::env::var_os(name), default_path())
}

/// The config file's path: the one FAIRNESS_CONFIG names, else the platform's.
pub fn file_path() -> Option<PathBuf> {
    std::env::var_os(CONFIG_VAR)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(default_path)
}

/// Why there is no config file's path: no home folder to find one in.
pub fn no_home() -> Error {
    Usage::Setting {
        given: "the config file".to_owned(),
        why: format!("no home folder was found to keep it in; set {CONFIG_VAR} to name one"),
    }
    .into()
}

/// The platform's config file: `config.yaml` in the `fairness` folder of the user's
/// config folder.
fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy()
        .ok()
        .map(|s| s.config_dir().join("fairness").join("config.yaml"))
}

/// [`settings`], with the environment read through `env` and the platform's config
/// file at `default` (for the unit tests).
fn settings_from(
    given: Given,
    env: &dyn Fn(&str) -> Option<OsString>,
    default: Option<PathBuf>,
) -> Result<Settings, Error> {
    // An empty variable is an unset one, as shells make it easy to set one so.
    let var = |name: &str| env(name).filter(|v| !v.is_empty());
    let (path, from) = match var(CONFIG_VAR) {
        Some(p) => (Some(PathBuf::from(p)), Source::Env(CONFIG_VAR)),
        None => (default, Source::Default),
    };
    let values = match &path {
        Some(p) => read_file(p)?,
        None => None,
    };
    let file = ConfigFile {
        path: path.clone(),
        from,
        found: values.is_some(),
    };
    let values = values.unwrap_or_default();
    // A path in the config file is taken from the file's own folder, as an include
    // in any config file is: not from wherever a command happens to run.
    let folder = path.as_deref().and_then(Path::parent).map(Path::to_owned);
    let in_file = |v: &Option<Located<String>>| {
        v.as_ref().map(|v| {
            let p = PathBuf::from(&v.value);
            match &folder {
                Some(folder) if p.is_relative() => folder.join(p),
                _ => p,
            }
        })
    };
    let file_source = || Source::File(path.clone().unwrap_or_default());

    let path_setting = |names: Names, flag: Option<&Path>, file: Option<PathBuf>| {
        if let Some(p) = flag {
            Some(Setting {
                value: p.to_owned(),
                from: Source::Flag(names.flag),
            })
        } else if let Some(p) = var(names.var) {
            Some(Setting {
                value: PathBuf::from(p),
                from: Source::Env(names.var),
            })
        } else {
            file.map(|p| Setting {
                value: p,
                from: file_source(),
            })
        }
    };
    let cases = path_setting(CASES, given.cases, in_file(&values.cases)).unwrap_or(Setting {
        value: PathBuf::new(),
        from: Source::Default,
    });
    let optional_path =
        |names: Names, flag: Option<&Path>, file: &Option<Located<String>>| match path_setting(
            names,
            flag,
            in_file(file),
        ) {
            Some(s) => Setting {
                value: Some(s.value),
                from: s.from,
            },
            None => Setting {
                value: None,
                from: Source::Default,
            },
        };
    let framework = optional_path(FRAMEWORK, given.framework, &values.framework);
    let require_keys = if given.require_keys {
        Setting {
            value: true,
            from: Source::Flag(REQUIRE_KEYS.flag),
        }
    } else if let Some(v) = var(REQUIRE_KEYS.var) {
        let text = v.to_string_lossy();
        Setting {
            value: yes_no(&text).map_err(|why| Usage::Setting {
                given: REQUIRE_KEYS.var.to_owned(),
                why,
            })?,
            from: Source::Env(REQUIRE_KEYS.var),
        }
    } else if let Some(v) = &values.require_keys {
        // Checked with its place when the file was read.
        Setting {
            value: yes_no(&v.value).unwrap_or(false),
            from: file_source(),
        }
    } else {
        Setting {
            value: false,
            from: Source::Default,
        }
    };
    let name_setting = |names: Names, flag: Option<&str>, file: &Option<Located<String>>| {
        let (value, from) = if let Some(v) = flag {
            (v.to_owned(), Source::Flag(names.flag))
        } else if let Some(v) = var(names.var) {
            (v.to_string_lossy().into_owned(), Source::Env(names.var))
        } else if let Some(v) = file {
            (v.value.clone(), file_source())
        } else {
            return Ok(Setting {
                value: None,
                from: Source::Default,
            });
        };
        // Checked in the file with its place; from a flag or the environment here.
        if !matches!(from, Source::File(_)) {
            crate::value::check_name(&value).map_err(|why| Usage::Setting {
                given: match from {
                    Source::Flag(flag) => format!("`{flag}`"),
                    _ => names.var.to_owned(),
                },
                why,
            })?;
        }
        Ok::<_, Error>(Setting {
            value: Some(value.trim().to_owned()),
            from,
        })
    };
    let days_setting =
        |names: Names, flag: Option<u32>, file: &Option<Located<String>>, default: u32| {
            if let Some(n) = flag {
                return Ok(Setting {
                    value: n,
                    from: Source::Flag(names.flag),
                });
            }
            if let Some(v) = var(names.var) {
                let text = v.to_string_lossy();
                return days(&text)
                    .map(|n| Setting {
                        value: n,
                        from: Source::Env(names.var),
                    })
                    .map_err(|why| {
                        Error::Usage(Usage::Setting {
                            given: names.var.to_owned(),
                            why,
                        })
                    });
            }
            Ok::<_, Error>(match file {
                // Checked with its place when the file was read.
                Some(v) => Setting {
                    value: days(&v.value).unwrap_or(default),
                    from: file_source(),
                },
                None => Setting {
                    value: default,
                    from: Source::Default,
                },
            })
        };
    Ok(Settings {
        file,
        cases,
        framework,
        signer_name: name_setting(SIGNER_NAME, given.signer_name, &values.signer_name)?,
        signer_role: name_setting(SIGNER_ROLE, given.signer_role, &values.signer_role)?,
        due_within: days_setting(
            DUE_WITHIN,
            given.due_within,
            &values.due_within,
            DEFAULT_WITHIN,
        )?,
        due_stale: days_setting(DUE_STALE, given.due_stale, &values.due_stale, DEFAULT_STALE)?,
        key: optional_path(KEY, given.key, &values.key),
        signers: optional_path(SIGNERS, given.signers, &values.signers),
        revoked_keys: optional_path(REVOKED_KEYS, given.revoked_keys, &values.revoked_keys),
        require_keys,
    })
}

/// The config file's values, or `None` when it is not there; a file that cannot be
/// read, or is not a valid config file, is refused with every problem found.
fn read_file(path: &Path) -> Result<Option<FileValues>, Error> {
    let shown = path.display().to_string();
    let refuse = |text: Option<String>, problems: Vec<Diagnostic>| {
        Error::InvalidConfig(Report::new(shown.clone(), text, problems))
    };
    let text = match source::read_text(path) {
        Ok(text) => source::edited(text),
        Err(ReadFailure::Io(io)) if io.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None);
        }
        Err(ReadFailure::Io(io)) => {
            return Err(Error::Read {
                path: path.to_owned(),
                io,
            });
        }
        Err(ReadFailure::Invalid(d)) => return Err(refuse(None, vec![d])),
    };
    let (values, mut problems) = parse_config(&text);
    if !problems.is_empty() {
        diagnostic::sort(&mut problems);
        return Err(refuse(Some(text), problems));
    }
    Ok(Some(values))
}

/// The fields a config file may have.
const KEYS: [&str; 10] = [
    CASES.key,
    FRAMEWORK.key,
    SIGNER_NAME.key,
    SIGNER_ROLE.key,
    DUE_WITHIN.key,
    DUE_STALE.key,
    KEY.key,
    SIGNERS.key,
    REVOKED_KEYS.key,
    REQUIRE_KEYS.key,
];

/// Reads a config file's text: its values, and every problem with their places.
fn parse_config(text: &str) -> (FileValues, Vec<Diagnostic>) {
    let root = match parse(text) {
        Ok(root) => root,
        Err(d) => return (FileValues::default(), vec![d]),
    };
    // An empty file (or one of comments only) sets nothing.
    if matches!(root.value, Value::Null) {
        return (FileValues::default(), Vec::new());
    }
    let mut r = Reader::new(text);
    let Some(fields) = r.fields(&root, "the config file", &KEYS) else {
        return (FileValues::default(), r.diagnostics);
    };
    let mut text_of = |name: &str, check: fn(&str) -> Result<(), String>| {
        read_value(&mut r, &fields, name, check)
    };
    let values = FileValues {
        cases: text_of(CASES.key, check_path),
        framework: text_of(FRAMEWORK.key, check_path),
        signer_name: text_of(SIGNER_NAME.key, crate::value::check_name),
        signer_role: text_of(SIGNER_ROLE.key, crate::value::check_name),
        due_within: text_of(DUE_WITHIN.key, |t| days(t).map(|_| ())),
        due_stale: text_of(DUE_STALE.key, |t| days(t).map(|_| ())),
        key: text_of(KEY.key, check_path),
        signers: text_of(SIGNERS.key, check_path),
        revoked_keys: text_of(REVOKED_KEYS.key, check_path),
        require_keys: text_of(REQUIRE_KEYS.key, |t| yes_no(t).map(|_| ())),
    };
    (values, r.diagnostics)
}

/// One field's text, checked: `None` (with the problem recorded) where it is not
/// acceptable, and `None` where it is not given or given as nothing (`cases: ~`).
fn read_value(
    r: &mut Reader,
    fields: &Fields,
    name: &str,
    check: fn(&str) -> Result<(), String>,
) -> Option<Located<String>> {
    let node = fields.get(name)?;
    if matches!(node.value, Value::Null) {
        return None;
    }
    let value = r.text(node, name)?;
    if let Err(why) = check(&value.value) {
        r.error(format!("`{name}`: {why}"), value.at);
        return None;
    }
    Some(Located::new(value.value.trim().to_owned(), value.at))
}

/// A number of days, as `due`'s thresholds take it: a whole number up to ten years.
fn days(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(n) if n <= 3650 => Ok(n),
        _ => Err(format!(
            "`{}` is not a number of days: give a whole number from 0 to 3650",
            crate::terminal::one_line(text.trim())
        )),
    }
}

/// `true` or `false` (or `yes` or `no`, as YAML 1.1 wrote them).
fn yes_no(text: &str) -> Result<bool, String> {
    match text.trim() {
        "true" | "yes" => Ok(true),
        "false" | "no" => Ok(false),
        other => Err(format!(
            "`{}` is neither true nor false",
            crate::terminal::one_line(other)
        )),
    }
}

/// A path: text on one line, not blank.
fn check_path(text: &str) -> Result<(), String> {
    crate::value::check_text(text)?;
    if text.contains(['\n', '\t']) {
        return Err("a path must be on one line".to_owned());
    }
    Ok(())
}

impl Settings {
    /// The case folder, which must be there, unless it is the current folder.
    pub fn case_folder(&self) -> Result<&Path, Error> {
        let folder = &self.cases.value;
        if !folder.as_os_str().is_empty() && !folder.is_dir() {
            return Err(Error::NoCaseFolder {
                folder: folder.clone(),
                from: self.cases.from.to_string(),
            });
        }
        Ok(folder)
    }

    /// Where a new record named for its reference goes: the case folder, unless `out`
    /// (`run --out`) names the file, when the case folder is not needed at all.
    pub fn records_folder(&self, out: Option<&Path>) -> Result<PathBuf, Error> {
        if out.is_some() {
            return Ok(PathBuf::new());
        }
        self.case_folder().map(Path::to_owned)
    }

    /// The framework to use. A framework set as a default (in the environment or the
    /// config file) is not used to resume a draft begun with the built-in framework:
    /// that draft goes on with the framework it was begun with, as it would without the
    /// setting. Otherwise resuming it would be refused, with advice the same setting
    /// defeats.
    ///
    /// `resume` is the draft to resume, as read (see [`DraftFile::open`]).
    ///
    /// [`DraftFile::open`]: crate::record::draft::DraftFile::open
    pub fn framework_for(&self, resume: Option<&crate::record::Record>) -> Option<&Path> {
        let framework = self.framework.value.as_deref();
        if matches!(self.framework.from, Source::Flag(_)) {
            return framework;
        }
        let begun_built_in = resume.is_some_and(|record| {
            record.framework.source == crate::record::FrameworkSource::BuiltIn
        });
        if begun_built_in { None } else { framework }
    }

    /// The signer's name and role to offer at sign-off, where either is set (the
    /// other is then offered empty).
    pub fn signer_defaults(&self) -> Option<(String, String)> {
        let name = self.signer_name.value.clone();
        let role = self.signer_role.value.clone();
        if name.is_none() && role.is_none() {
            return None;
        }
        Some((name.unwrap_or_default(), role.unwrap_or_default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.into())
    }

    #[test]
    fn a_flag_beats_the_environment_which_beats_the_default() {
        let none = env(&[]);
        let got = settings_from(Given::default(), &none, None).unwrap();
        assert_eq!(got.cases.value, PathBuf::new());
        assert_eq!(got.cases.from, Source::Default);
        assert_eq!(got.framework.value, None);
        assert_eq!(got.signer_defaults(), None);

        let vars = env(&[
            ("FAIRNESS_CASES", "/srv/cases"),
            ("FAIRNESS_SIGNER_NAME", " Dr Ada Example "),
            ("FAIRNESS_FRAMEWORK", ""),
        ]);
        let got = settings_from(Given::default(), &vars, None).unwrap();
        assert_eq!(got.cases.value, PathBuf::from("/srv/cases"));
        assert_eq!(got.cases.from, Source::Env("FAIRNESS_CASES"));
        // Empty is unset.
        assert_eq!(got.framework.from, Source::Default);
        assert_eq!(
            got.signer_defaults(),
            Some(("Dr Ada Example".to_owned(), String::new()))
        );

        let given = Given {
            cases: Some(Path::new("here")),
            ..Given::default()
        };
        let got = settings_from(given, &vars, None).unwrap();
        assert_eq!(got.cases.value, PathBuf::from("here"));
        assert_eq!(got.cases.from, Source::Flag("--dir"));
    }

    #[test]
    fn a_signer_name_from_the_environment_is_checked() {
        let vars = env(&[("FAIRNESS_SIGNER_ROLE", "two\u{1b}lines")]);
        let refused = settings_from(Given::default(), &vars, None).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "FAIRNESS_SIGNER_ROLE: this contains the control character U+001B; remove it"
        );
    }

    #[test]
    fn a_config_file_is_read_with_every_problem_placed() {
        let (values, problems) = parse_config("cases: /srv/cases\nsigner_name: Dr Ada Example\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(values.cases.unwrap().value, "/srv/cases");
        assert_eq!(values.signer_name.unwrap().value, "Dr Ada Example");

        let (_, problems) = parse_config("case: x\nsigner_role: [a]\n");
        let messages: Vec<(&str, u32, u32)> = problems
            .iter()
            .map(|d| {
                let at = d.location.unwrap();
                (d.message.as_str(), at.line, at.column)
            })
            .collect();
        assert_eq!(
            messages,
            [
                ("unknown field `case` in the config file", 1, 1),
                ("`signer_role` should be text, found a list", 2, 14),
            ]
        );
        assert!(parse_config("# nothing yet\n").1.is_empty());
    }
}
