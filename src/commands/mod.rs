//! One file per subcommand: its arguments in, a call into the library, its output out.

pub mod export;
pub mod init;
pub mod run;
pub mod show;
pub mod validate;
pub mod verify;
