//! A builder of the same shape as [`Test`](crate::harness::Test) for a run in a real
//! pseudo-terminal: the test states, before the run, what the person at the keyboard
//! sees and types, in order, and the exit status; `run` plays it through.
//!
//! ```ignore
//! Pty::new()
//!     .args(["run"])
//!     .line("Case reference", "CASE-1")
//!     .expect("Draft created")
//!     .pick(1)
//!     .key(Key::Esc)
//!     .expect("Draft saved")
//!     .status(130)
//!     .run();
//! ```
//!
//! A terminal run draws, redraws and moves the cursor, so its screen is checked by what
//! appears on it, in order (`expect`), not character for character; `screen_contains`,
//! `screen_lacks` and `screen_with` check the whole screen once the program has ended,
//! and `screen` states it exactly, for a program that only prints.
//! Every wait is bounded: text that does not appear within [`WAIT`], or a program that
//! does not end within it, fails the test with the screen so far, and the program is
//! killed; no test hangs.
//!
//! Unix only, as everything that uses it: the pseudo-terminals are Unix's (`/dev/ptmx`),
//! and the programs run in them are started by `sh` and stopped with signals. Windows'
//! pseudo-console is a different device, with its own rendering; the terminal layer's
//! Windows side is reached through crossterm, not tested here.
#![cfg(unix)]

use std::fmt;
use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::{Signal, WaitStatus};
use expectrl::session::OsSession;
use expectrl::{Eof, Expect};

use crate::harness::{Folder, Ran, Stream, shown, statuses};

/// The longest the program may take to print what is expected next, or to end.
pub const WAIT: Duration = Duration::from_secs(30);

/// A key, as a terminal sends it. `Display` gives its bytes, so keys can go into one
/// burst with text: `format!("Checked{Enter}{Down}")`.
#[derive(Clone, Copy, Debug)]
pub enum Key {
    Enter,
    Up,
    Down,
    Esc,
    CtrlC,
    /// Clears the text before the cursor in a line prompt.
    CtrlU,
    /// Puts back the saved value where unconfirmed text is offered over it.
    CtrlR,
    /// Confirms a text or date answer and opens its note.
    Tab,
    /// Shows a line prompt's keys (as xterm, VTE and tmux send it).
    F1,
}

impl Key {
    fn bytes(self) -> &'static str {
        match self {
            Key::Enter => "\r",
            Key::Up => "\x1b[A",
            Key::Down => "\x1b[B",
            Key::Esc => "\x1b",
            Key::CtrlC => "\x03",
            Key::CtrlU => "\x15",
            Key::CtrlR => "\x12",
            Key::Tab => "\t",
            Key::F1 => "\x1bOP",
        }
    }

    /// This key pressed `n` times, as one burst.
    pub fn times(self, n: usize) -> String {
        self.bytes().repeat(n)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.bytes())
    }
}

/// The hint a menu prints once keys typed earlier have been thrown away.
const MENU_READY: &str = "↑/↓ choose";
/// The hint of a menu where nothing is chosen yet (the first ↓ marks the first entry).
const NOTHING_CHOSEN: &str = "nothing is chosen until you move";
/// The hint of a menu with the current answer marked.
const ANSWER_MARKED: &str = "Enter keep the answer marked";
/// The marker of a line prompt waiting for text.
const LINE_READY: &str = "›";
/// The prompt that opens every sitting of `run` in a terminal: who is working.
pub const SITTING: &str = "Your name, for the record's history";
/// The name the person at the keyboard gives there, unless the test says otherwise.
pub const SITTING_NAME: &str = "A. Tester";

enum Step<'a> {
    /// Wait until the program prints this.
    Expect(String),
    /// Type this, in one burst.
    Send(String),
    /// Send the hang-up signal a closing terminal sends.
    HangUp,
    /// Do something outside the terminal while the program runs.
    Then(Box<dyn FnOnce(&Folder) + 'a>),
}

enum Program {
    Fairness(Vec<String>),
    /// `sh -c SCRIPT`, with `$FAIRNESS` the binary.
    Shell(String),
}

/// One run in a terminal, with what the person sees and types, in order.
pub struct Pty<'a> {
    folder: Folder,
    program: Program,
    env: Vec<(String, String)>,
    width: u16,
    height: u16,
    steps: Vec<Step<'a>>,
    status: i32,
    screen: Stream<'a>,
    /// The name typed at the sitting prompt ([`SITTING`]) when it comes while the
    /// test waits for something after it; `None`: the test answers it itself.
    sitting: Option<String>,
}

impl<'a> Pty<'a> {
    /// A run in a fresh folder, in a 100×40 terminal.
    pub fn new() -> Self {
        Pty::within(Folder::new())
    }

    pub(crate) fn within(folder: Folder) -> Self {
        Pty {
            folder,
            program: Program::Fairness(Vec::new()),
            env: Vec::new(),
            width: 100,
            height: 40,
            steps: Vec::new(),
            status: 0,
            screen: Stream::new("the screen"),
            sitting: Some(SITTING_NAME.to_owned()),
        }
    }

    /// Writes a file into the run's folder, before the run.
    pub fn file(self, name: &str, contents: impl AsRef<[u8]>) -> Self {
        self.folder.write(name, contents);
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: Into<String>>(mut self, args: I) -> Self {
        let Program::Fairness(all) = &mut self.program else {
            panic!("a shell script takes no arguments");
        };
        all.extend(args.into_iter().map(Into::into));
        self
    }

    /// Runs `sh -c SCRIPT` instead of the binary; `$FAIRNESS` names the binary.
    pub fn shell(mut self, script: &str) -> Self {
        self.program = Program::Shell(script.to_owned());
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    /// The terminal's width in columns; 100 unless stated.
    pub fn width(mut self, columns: u16) -> Self {
        self.width = columns;
        self
    }

    /// The terminal's height in rows; 40 unless stated.
    pub fn height(mut self, rows: u16) -> Self {
        self.height = rows;
        self
    }

    /// The name the person gives at the start of a sitting of `run` ([`SITTING`]),
    /// once, where the test does not answer that prompt itself: [`SITTING_NAME`]
    /// unless stated. Every sitting asks who is working; most tests are about what
    /// comes after, and say nothing of it.
    pub fn sitting(mut self, name: &str) -> Self {
        self.sitting = Some(name.to_owned());
        self
    }

    /// Waits until the program prints `text`. Each `expect` looks after where the last
    /// one was found: the screen is read once, in order.
    pub fn expect(mut self, text: impl AsRef<str>) -> Self {
        self.steps.push(Step::Expect(text.as_ref().to_owned()));
        self
    }

    /// Types `text` in one burst, as a paste or fast typing would send it.
    pub fn send(mut self, text: impl AsRef<str>) -> Self {
        self.steps.push(Step::Send(text.as_ref().to_owned()));
        self
    }

    pub fn key(self, key: Key) -> Self {
        self.send(key.bytes())
    }

    /// These keys, in one burst.
    pub fn keys(self, keys: impl IntoIterator<Item = Key>) -> Self {
        let burst: String = keys.into_iter().map(Key::bytes).collect();
        self.send(burst)
    }

    /// Waits until a menu is ready for keys: keys sent after this are the menu's.
    pub fn menu(self) -> Self {
        self.expect(MENU_READY)
    }

    /// In a menu where nothing is chosen yet: chooses entry `index` and presses Enter.
    pub fn pick(self, index: usize) -> Self {
        self.expect(NOTHING_CHOSEN)
            .send(format!("{}{}", Key::Down.times(index + 1), Key::Enter))
    }

    /// As [`Pty::pick`], in a menu whose head was just expected (its hint, printed
    /// before it, is then behind): chooses entry `index` and presses Enter.
    pub fn pick_here(self, index: usize) -> Self {
        self.send(format!("{}{}", Key::Down.times(index + 1), Key::Enter))
    }

    /// In a menu where nothing is chosen yet: chooses entry `index` with the note key
    /// `n`, which opens the note prompt.
    pub fn pick_noting(self, index: usize) -> Self {
        self.expect(NOTHING_CHOSEN)
            .send(format!("{}n", Key::Down.times(index + 1)))
    }

    /// In a menu where nothing is chosen yet: ↑ marks the last entry; takes it.
    pub fn pick_last_with_up(self) -> Self {
        self.expect(NOTHING_CHOSEN).keys([Key::Up, Key::Enter])
    }

    /// In a menu with the current answer (entry `from`) marked: chooses entry `to`.
    pub fn repick(self, from: usize, to: usize) -> Self {
        let moves = if to >= from {
            Key::Down.times(to - from)
        } else {
            Key::Up.times(from - to)
        };
        self.expect(ANSWER_MARKED)
            .send(format!("{moves}{}", Key::Enter))
    }

    /// As [`Pty::repick`], with the note key `n`, which opens the note prompt.
    pub fn repick_noting(self, from: usize, to: usize) -> Self {
        let moves = if to >= from {
            Key::Down.times(to - from)
        } else {
            Key::Up.times(from - to)
        };
        self.expect(ANSWER_MARKED).send(format!("{moves}n"))
    }

    /// In a menu that has drawn its marker `❯`: moves down `down` entries from the one
    /// marked and presses Enter.
    pub fn choose(self, down: usize) -> Self {
        self.expect("❯")
            .send(format!("{}{}", Key::Down.times(down), Key::Enter))
    }

    /// At the line prompt `prompt`: clears it, types `text` and presses Enter.
    pub fn line(self, prompt: &str, text: &str) -> Self {
        self.expect(prompt)
            .expect(LINE_READY)
            .send(format!("{}{text}{}", Key::CtrlU, Key::Enter))
    }

    /// At the line prompt `prompt`: clears it, types `text` and presses Tab, which
    /// confirms it and opens the note prompt.
    pub fn line_noting(self, prompt: &str, text: &str) -> Self {
        self.expect(prompt)
            .expect(LINE_READY)
            .send(format!("{}{text}{}", Key::CtrlU, Key::Tab))
    }

    /// Waits for a line prompt to be ready for text.
    pub fn line_ready(self) -> Self {
        self.expect(LINE_READY)
    }

    /// Sends the hang-up signal a closing terminal sends.
    pub fn hang_up(mut self) -> Self {
        self.steps.push(Step::HangUp);
        self
    }

    /// Does `action` at this point of the run, while the program waits: reads or
    /// writes a file, or runs another session in the same folder.
    pub fn then(mut self, action: impl FnOnce(&Folder) + 'a) -> Self {
        self.steps.push(Step::Then(Box::new(action)));
        self
    }

    /// Adds the steps `more` adds: for steps a helper works out.
    pub fn steps(self, more: impl FnOnce(Self) -> Self) -> Self {
        more(self)
    }

    /// The exit status expected; 0 unless stated.
    pub fn status(mut self, code: i32) -> Self {
        self.status = code;
        self
    }

    /// The whole screen, once the program has ended, exactly: for a program that only
    /// prints (line ends are `\r\n` on a terminal).
    pub fn screen(mut self, text: impl AsRef<str>) -> Self {
        self.screen.is(text.as_ref());
        self
    }

    /// The whole screen, once the program has ended, holds `part`.
    pub fn screen_contains(mut self, part: impl AsRef<str>) -> Self {
        self.screen.contains(part.as_ref());
        self
    }

    /// The whole screen, once the program has ended, does not hold `part`.
    pub fn screen_lacks(mut self, part: impl AsRef<str>) -> Self {
        self.screen.lacks(part.as_ref());
        self
    }

    /// The assertions in `check` hold for the whole screen once the program has ended.
    pub fn screen_with(mut self, check: impl Fn(&str) + 'a) -> Self {
        self.screen.with(check);
        self
    }

    fn describe(&self) -> String {
        match &self.program {
            Program::Fairness(args) => format!("`fairness {}` in a terminal", args.join(" ")),
            Program::Shell(script) => format!("`sh -c {script:?}` in a terminal"),
        }
    }

    /// Starts the program, plays every step through and waits for it to end; fails the
    /// test, with the screen so far, at the first step that does not happen as stated.
    #[track_caller]
    pub fn run(self) -> Ran {
        let what = self.describe();
        // The terminal's size is set from inside, before the program starts: set from
        // outside once it runs, it would come too late for a program that asks it at
        // once and prints (a refusal wrapped to the width).
        let size = format!("stty cols {} rows {}", self.width, self.height);
        let mut command = Command::new("sh");
        match &self.program {
            Program::Fairness(args) => {
                command
                    .args(["-c", &format!("{size} && exec \"$0\" \"$@\"")])
                    .arg(env!("CARGO_BIN_EXE_fairness"))
                    .args(args);
            }
            Program::Shell(script) => {
                command
                    .args(["-c", &format!("{size} && {script}")])
                    .env("FAIRNESS", env!("CARGO_BIN_EXE_fairness"));
            }
        }
        command
            .current_dir(self.folder.path(""))
            .env("TERM", "xterm-256color")
            .env("CLICOLOR", "0")
            .env_remove("COLUMNS")
            .env_remove("NO_COLOR");
        crate::harness::isolate(&mut command, &self.folder.path(""));
        for (k, v) in &self.env {
            command.env(k, v);
        }
        let mut session = OsSession::spawn(command).expect("the binary starts in a terminal");
        session
            .get_process_mut()
            .set_window_size(self.width, self.height)
            .unwrap();
        session.set_expect_timeout(Some(WAIT));
        let mut screen = String::new();
        // Dropping the session kills a program still running, so a failed step never
        // leaves one behind.
        let fail = |step: String, screen: &str| -> ! {
            panic!(
                "{what} did not do what the test states:\n  - {step}\n--- the screen so far (controls shown as escapes):\n{}\n",
                shown(&visible(screen))
            )
        };

        let mut sitting = self.sitting.clone();
        for (n, step) in self.steps.into_iter().enumerate() {
            let n = n + 1;
            match step {
                Step::Expect(text) => loop {
                    // The sitting's name prompt, coming first, is answered on the way.
                    let name = sitting.take_if(|_| text != SITTING);
                    // From the start of what is unread to the first of the texts: only
                    // that is read, as with a plain text.
                    let needle = match &name {
                        Some(_) => format!("^(?s-u:.)*?({}|{})", escape(&text), escape(SITTING)),
                        None => format!("^(?s-u:.)*?({})", escape(&text)),
                    };
                    if text == SITTING {
                        sitting = None;
                    }
                    match session.expect(expectrl::Regex(needle)) {
                        Ok(found) => {
                            let all = found.get(0).unwrap_or_default();
                            let matched = found.get(1).unwrap_or_default();
                            let matched = String::from_utf8_lossy(matched).into_owned();
                            screen.push_str(&String::from_utf8_lossy(all));
                            if matched == text || name.is_none() {
                                sitting = sitting.or(name);
                                break;
                            }
                            let typed = format!("{}{}{}", Key::CtrlU, name.unwrap(), Key::Enter);
                            match session.expect(LINE_READY) {
                                Ok(found) => {
                                    screen.push_str(&String::from_utf8_lossy(found.before()));
                                    screen.push_str(LINE_READY);
                                }
                                Err(e) => fail(
                                    format!(
                                        "step {n}: the sitting's name prompt was not ready ({e})"
                                    ),
                                    &screen,
                                ),
                            }
                            if let Err(e) = session.send(&typed) {
                                fail(
                                    format!("step {n}: typing the sitting's name failed ({e})"),
                                    &screen,
                                );
                            }
                        }
                        Err(e) => {
                            screen.push_str(&pending(&mut session));
                            fail(format!("step {n}: {text:?} did not appear ({e})"), &screen)
                        }
                    }
                },
                Step::Send(keys) => {
                    if let Err(e) = session.send(&keys) {
                        fail(format!("step {n}: typing {keys:?} failed ({e})"), &screen);
                    }
                }
                Step::HangUp => session.get_process_mut().signal(Signal::SIGHUP).unwrap(),
                Step::Then(action) => {
                    let folder = self.folder.clone();
                    if let Err(payload) =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| action(&folder)))
                    {
                        fail(
                            format!(
                                "step {n}, done beside the terminal, failed: {}",
                                crate::harness::panic_message(&payload)
                            ),
                            &screen,
                        );
                    }
                }
            }
        }

        // At the end of the output the whole rest is the match, not what is before it.
        match session.expect(Eof) {
            Ok(found) => {
                screen.push_str(&String::from_utf8_lossy(found.before()));
                for part in found.matches() {
                    screen.push_str(&String::from_utf8_lossy(part));
                }
            }
            Err(e) => {
                let _ = session.get_process_mut().signal(Signal::SIGKILL);
                fail(format!("the program did not end ({e})"), &screen);
            }
        }
        let code = match session.get_process().wait() {
            Ok(WaitStatus::Exited(_, code)) => code,
            other => fail(
                format!("the program did not exit normally: {other:?}"),
                &screen,
            ),
        };
        let mut problems = Vec::new();
        if code != self.status {
            problems.push(format!(
                "the exit status is {code}, and should be {}",
                statuses(&[self.status])
            ));
        }
        // A screen nothing is stated about is checked only by the steps' `expect`s.
        if !self.screen.is_unstated() {
            problems.extend(self.screen.judge(&screen));
        }
        if !problems.is_empty() {
            fail(problems.join("\n  - "), &screen);
        }
        Ran {
            status: Some(code),
            stdout: screen,
            stderr: String::new(),
            folder: self.folder,
        }
    }
}

/// `text` as a regular expression that matches it, and only it.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// What the program has printed and no step has read yet.
fn pending(session: &mut OsSession) -> String {
    let mut rest = String::new();
    for found in [session.check(Eof), session.check(expectrl::Regex("(?s).+"))]
        .into_iter()
        .flatten()
    {
        rest.push_str(&String::from_utf8_lossy(found.before()));
        for part in found.matches() {
            rest.push_str(&String::from_utf8_lossy(part));
        }
    }
    rest
}

/// `text` with every control character but the line feed written as an escape, so that
/// a failure report shows what the program sent without acting on the reader's terminal.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' => "\n".to_owned(),
            '\r' => String::new(),
            c if c.is_control() => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// The builder itself: what is stated and does not happen fails the run, quickly.
#[cfg(test)]
mod tests {
    use super::*;

    fn failure(pty: Pty) -> String {
        let payload = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pty.run();
        }))
        .expect_err("the run should fail the test");
        crate::harness::panic_message(&payload)
    }

    #[test]
    fn what_is_stated_is_checked() {
        let ran = Pty::new()
            .args(["--version"])
            .expect("fairness 0.1.0")
            .screen_lacks("error")
            .run();
        assert!(ran.stdout.contains("fairness 0.1.0"));
        let report = failure(Pty::new().args(["--version"]).expect("fairness 9.9"));
        assert!(
            report.contains("step 1: \"fairness 9.9\" did not appear")
                && report.contains("the screen so far")
                && report.contains("fairness 0.1.0"),
            "{report}"
        );
        let report = failure(Pty::new().args(["frobnicate"]));
        assert!(
            report.contains("the exit status is 2, and should be 0"),
            "{report}"
        );
        let report = failure(Pty::new().args(["--version"]).screen_contains("9.9"));
        assert!(report.contains("the screen lacks \"9.9\""), "{report}");
    }

    #[test]
    fn a_step_beside_the_terminal_that_fails_fails_the_run() {
        let report = failure(
            Pty::new()
                .args(["--version"])
                .then(|folder| assert!(folder.exists("nothing.yaml"), "no such file")),
        );
        assert!(report.contains("step 1, done beside the terminal, failed: no such file"));
    }
}
