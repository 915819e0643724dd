//! Integration tests: every test runs the real `fairness` binary.

mod harness;

mod init;
mod run;
mod show;
mod validate;
