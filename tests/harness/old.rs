//! The builder the tests used before `Test` stated its expectations before the run;
//! kept only until every file has moved to the new one.
//!
//! It ran the binary in a fresh folder:
//!
//! ```ignore
//! Test::new()
//!     .file("f.yaml", text)
//!     .args(["validate", "f.yaml"])
//!     .run()
//!     .code(1)
//!     .stdout_has("unknown field `promt`");
//! ```

use std::path::PathBuf;
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
