//! One file per subcommand: its arguments in, a call into the library, its output out.

pub mod cases;
pub mod completions;
pub mod config;
pub mod export;
pub mod init;
pub mod man;
pub mod run;
pub mod schema;
pub mod show;
pub mod validate;
pub mod verify;
