//! The terminal driver the tests used before the `Pty` builder; kept only until every
//! file has moved to the builder.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect};

pub const ENTER: &str = "\r";
pub const DOWN: &str = "\x1b[B";
pub const UP: &str = "\x1b[A";
pub const ESC: &str = "\x1b";
pub const CTRL_C: &str = "\x03";
/// Clears the text before the cursor in a line prompt.
pub const CTRL_U: &str = "\x15";

pub struct Pty {
    session: OsSession,
    /// Everything the program has printed so far.
    pub screen: String,
}

impl Pty {
    /// Starts `fairness ARGS` in `dir`, in an 100×40 terminal.
    pub fn start(dir: &Path, args: &[&str]) -> Pty {
        let mut command = Command::new(env!("CARGO_BIN_EXE_fairness"));
        command.args(args);
        Self::spawn(dir, command)
    }

    /// Starts `sh -c SCRIPT` in `dir`; `$FAIRNESS` is the binary.
    pub fn shell(dir: &Path, script: &str) -> Pty {
        let mut command = Command::new("sh");
        command
            .args(["-c", script])
            .env("FAIRNESS", env!("CARGO_BIN_EXE_fairness"));
        Self::spawn(dir, command)
    }

    fn spawn(dir: &Path, mut command: Command) -> Pty {
        command
            .current_dir(dir)
            .env("TERM", "xterm-256color")
            .env("CLICOLOR", "0")
            .env_remove("COLUMNS")
            .env_remove("NO_COLOR");
        let mut session = OsSession::spawn(command).expect("the binary starts in a terminal");
        session.get_process_mut().set_window_size(100, 40).unwrap();
        session.set_expect_timeout(Some(Duration::from_secs(30)));
        Pty {
            session,
            screen: String::new(),
        }
    }

    /// Waits until the program prints `text`; returns what it printed before it.
    pub fn expect(&mut self, text: &str) -> String {
        match self.session.expect(text) {
            Ok(found) => {
                let before = String::from_utf8_lossy(found.before()).into_owned();
                self.screen.push_str(&before);
                self.screen.push_str(text);
                before
            }
            Err(e) => panic!(
                "the program did not print {text:?} ({e}); it printed:\n{}",
                self.screen
            ),
        }
    }

    pub fn keys(&mut self, keys: &str) {
        self.session.send(keys).expect("keys reach the program");
    }

    /// Waits until a menu is ready for keys. Its hint is printed once keys typed
    /// earlier have been thrown away, so keys sent after it are the menu's.
    pub fn menu(&mut self) {
        self.expect("↑/↓ choose");
    }

    /// In a menu where nothing is chosen yet: chooses entry `index` and presses Enter.
    /// (The first ↓ marks the first entry.)
    pub fn pick(&mut self, index: usize) {
        self.expect("nothing is chosen until you move");
        self.keys(&format!("{}{ENTER}", DOWN.repeat(index + 1)));
    }

    /// In a menu where nothing is chosen yet: ↑ marks the last entry; takes it.
    pub fn pick_last_with_up(&mut self) {
        self.expect("nothing is chosen until you move");
        self.keys(&format!("{UP}{ENTER}"));
    }

    /// In a menu with the current answer (entry `from`) marked: chooses entry `to`.
    pub fn repick(&mut self, from: usize, to: usize) {
        self.expect("Enter keep the answer marked");
        let moves = if to >= from {
            DOWN.repeat(to - from)
        } else {
            UP.repeat(from - to)
        };
        self.keys(&format!("{moves}{ENTER}"));
    }

    /// At the line prompt `prompt`: clears it, types `text` and presses Enter.
    pub fn line(&mut self, prompt: &str, text: &str) {
        self.expect(prompt);
        self.expect("›");
        self.keys(&format!("{CTRL_U}{text}{ENTER}"));
    }

    /// Sends the hang-up signal a closing terminal sends.
    pub fn hang_up(&mut self) {
        use expectrl::process::unix::Signal;
        self.session
            .get_process_mut()
            .signal(Signal::SIGHUP)
            .unwrap();
    }

    /// Waits for the program to end; returns its exit code. A program still running
    /// after the expect timeout is killed and the test fails: never a hung test.
    pub fn finish(mut self) -> (i32, String) {
        // At the end of the output the whole rest is the match, not what is before it.
        match self.session.expect(Eof) {
            Ok(found) => {
                self.screen
                    .push_str(&String::from_utf8_lossy(found.before()));
                for part in found.matches() {
                    self.screen.push_str(&String::from_utf8_lossy(part));
                }
            }
            Err(e) => {
                use expectrl::process::unix::Signal;
                let _ = self.session.get_process_mut().signal(Signal::SIGKILL);
                panic!(
                    "the program did not end ({e}); it printed:\n{}",
                    self.screen
                );
            }
        }
        let code = match self.session.get_process().wait() {
            Ok(WaitStatus::Exited(_, code)) => code,
            other => panic!(
                "the program did not exit normally: {other:?}\n{}",
                self.screen
            ),
        };
        (code, self.screen)
    }
}
