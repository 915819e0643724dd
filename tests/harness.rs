//! A small builder for running the binary in a fresh folder:
//!
//! ```ignore
//! Test::new()
//!     .file("f.yaml", text)
//!     .args(["validate", "f.yaml"])
//!     .run()
//!     .code(1)
//!     .stdout_has("unknown field `promt`");
//! ```

use std::path::{Path, PathBuf};
use std::time::Duration;

use tempfile::TempDir;

/// Long enough for any honest run on a loaded machine; a run that takes longer has
/// hung, and fails instead of stalling the suite.
const HANG: Duration = Duration::from_secs(60);

pub struct Test {
    dir: TempDir,
    args: Vec<String>,
    env: Vec<(String, String)>,
    /// A folder within the test's folder to run in, when not the folder itself.
    cwd: Option<String>,
}

impl Test {
    pub fn new() -> Self {
        Test {
            dir: tempfile::tempdir().expect("temporary folder"),
            args: Vec::new(),
            env: Vec::new(),
            cwd: None,
        }
    }

    /// Writes a file into the test's folder.
    pub fn file(self, name: &str, contents: impl AsRef<[u8]>) -> Self {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, contents).unwrap();
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: Into<String>>(mut self, args: I) -> Self {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// A path in the test's folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs the binary in `sub`, a folder within the test's folder (made if needed), so
    /// that anything written to `..` stays inside the test's folder.
    pub fn cwd(mut self, sub: &str) -> Self {
        std::fs::create_dir_all(self.dir.path().join(sub)).unwrap();
        self.cwd = Some(sub.to_owned());
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn run(self) -> Outcome {
        let mut command = assert_cmd::Command::new(env!("CARGO_BIN_EXE_fairness"));
        command
            .current_dir(match &self.cwd {
                Some(sub) => self.dir.path().join(sub),
                None => self.dir.path().to_owned(),
            })
            .args(&self.args)
            .env_remove("COLUMNS")
            .timeout(HANG);
        for (k, v) in &self.env {
            command.env(k, v);
        }
        // No input: a command that waits for some fails instead of hanging.
        command.write_stdin(Vec::new());
        let output = command.output().expect("the binary runs");
        Outcome {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
            args: self.args,
            dir: self.dir,
        }
    }
}

/// What a run did.
pub struct Outcome {
    /// `None` when the run was killed (it hung).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    args: Vec<String>,
    dir: TempDir,
}

impl Outcome {
    fn context(&self) -> String {
        format!(
            "fairness {}\n--- exit code: {:?}\n--- stdout:\n{}\n--- stderr:\n{}",
            self.args.join(" "),
            self.code,
            self.stdout,
            self.stderr
        )
    }

    pub fn code(self, expected: i32) -> Self {
        assert_eq!(self.code, Some(expected), "{}", self.context());
        self
    }

    pub fn stdout_has(self, text: &str) -> Self {
        assert!(
            self.stdout.contains(text),
            "stdout lacks {text:?}\n{}",
            self.context()
        );
        self
    }

    pub fn stdout_lacks(self, text: &str) -> Self {
        assert!(
            !self.stdout.contains(text),
            "stdout has {text:?}\n{}",
            self.context()
        );
        self
    }

    pub fn stderr_has(self, text: &str) -> Self {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}\n{}",
            self.context()
        );
        self
    }

    pub fn stderr_is_empty(self) -> Self {
        assert!(
            self.stderr.is_empty(),
            "stderr is not empty\n{}",
            self.context()
        );
        self
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// The repository's root folder.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file of the repository, as text.
pub fn repo_file(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

/// The built-in framework's text.
pub fn builtin() -> String {
    repo_file("framework/fairness-and-proportionality.yaml")
}

/// `text` with `old` replaced once by `new`; fails if `old` is not there, so a test
/// cannot silently stop testing anything when the framework changes.
pub fn edit(text: &str, old: &str, new: &str) -> String {
    assert!(text.contains(old), "the text has no {old:?}");
    text.replacen(old, new, 1)
}

/// The 1-based line and column where `needle` first appears in `text`, as
/// `line:column`.
pub fn place(text: &str, needle: &str) -> String {
    place_nth(text, needle, 1)
}

/// Like [`place`], for the `nth` (1-based) time `needle` appears.
pub fn place_nth(text: &str, needle: &str, nth: usize) -> String {
    let at = text
        .match_indices(needle)
        .nth(nth - 1)
        .unwrap_or_else(|| panic!("no {needle:?} number {nth} in the text"))
        .0;
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    format!("{line}:{column}")
}

/// The record at `path`, as text, checked to be readable by its owner only.
pub fn private_record(path: &Path) -> String {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{} has mode {mode:o}", path.display());
    std::fs::read_to_string(path).unwrap()
}

/// Checks a signed record's seal independently: SHA-256 over every byte above the
/// last line.
pub fn assert_sealed(text: &str) {
    use sha2::Digest;
    let body_end = text.trim_end_matches('\n').rfind('\n').unwrap() + 1;
    let (body, last) = text.split_at(body_end);
    let hex: String = sha2::Sha256::digest(body.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        last,
        format!("seal: \"sha256:{hex}\"\n"),
        "the seal does not match"
    );
}
