//! Integration tests: every test runs the real `fairness` binary, the interactive ones
//! in a pseudo-terminal.

mod harness;
mod pty;

mod answers;
mod init;
mod interactive;
mod run;
mod show;
mod validate;
