//! Integration tests: every test runs the real `fairness` binary, the interactive ones
//! in a pseudo-terminal.

mod harness;
mod pty;

mod fixtures;
mod format1;
mod history;

mod amend;
mod answers;
mod cases;
mod config;
mod countersign;
mod dates;
mod drafts;
mod due;
mod ecosystem;
mod editors;
mod export;
mod fuzz_regressions;
mod generate;
mod hostile;
mod init;
mod interactive;
mod jurisdiction;
mod keys;
mod layout;
mod migration;
mod notes;
mod output;
mod properties;
mod records;
mod report;
mod report_disclosure;
mod review;
mod run;
mod shells;
mod show;
mod signals;
mod snapshots;
mod strict_reader;
mod validate;
mod verify;
