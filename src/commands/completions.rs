//! `fairness completions SHELL`: a completion script generated from the same clap
//! definitions as the help, so that it never offers a flag that does not exist.

use std::io::Write;

use clap::{CommandFactory, ValueHint};
use clap_complete::aot::{Shell, generate};

use crate::cli::{Cli, CompletionsArgs};
use crate::error::{Error, Status};

pub fn run(args: &CompletionsArgs, out: &mut dyn Write) -> Result<Status, Error> {
    out.write_all(&script(args.shell)).map_err(Error::Output)?;
    Ok(Status::Success)
}

/// The completion script for `shell`. Built in memory first: clap_complete panics when a
/// write fails, and a failed write must be an error like any other (a closed pipe not
/// even that: see [`crate::stdout`]).
pub fn script(shell: Shell) -> Vec<u8> {
    let mut script = Vec::new();
    generate(shell, &mut Cli::command(), "fairness", &mut script);
    if shell == Shell::Bash {
        let text = String::from_utf8(script).expect("clap_complete writes UTF-8");
        return bash_files(&text, &file_commands()).into_bytes();
    }
    script
}

/// The commands whose arguments (not options) are files: `validate FILE...`,
/// `export RECORD...`, `verify RECORD...`, `countersign RECORD`, `due RECORD...`.
fn file_commands() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .filter(|c| {
            c.get_positionals()
                .any(|a| a.get_value_hint() == ValueHint::FilePath)
        })
        .map(|c| c.get_name().to_owned())
        .collect()
}

/// File names as bash should offer them, as clap_complete does for an option that
/// takes a file: one per line whatever spaces they hold, and marked as file names, so
/// that bash adds `/` to a folder and quotes what needs it. (`compopt` is bash 4's;
/// bash 3.2, macOS's, goes without.)
const FILES: &str = r#"            local IFS=$'\n'
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -f -- "${cur}"))
            return 0"#;

/// clap_complete's bash script, changed so that a command taking files completes file
/// names where nothing has been typed yet (`fairness verify <Tab>`), rather than its
/// options: those are offered once a `-` is typed.
fn bash_files(script: &str, commands: &[String]) -> String {
    let mut script = script.to_owned();
    for command in commands {
        let head = format!("        fairness__subcmd__{command})\n");
        let Some(start) = script.find(&head) else {
            continue;
        };
        let end = start
            + script[start..]
                .find("\n            ;;\n")
                .unwrap_or(script.len() - start);
        let block = script[start..end]
            .replacen(
                r#"if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then"#,
                r#"if [[ ${cur} == -* ]] ; then"#,
                1,
            )
            .replace(
                "            COMPREPLY=( $(compgen -W \"${opts}\" -- \"${cur}\") )\n            return 0",
                FILES,
            );
        script.replace_range(start..end, &block);
    }
    script
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each change is made where it is meant: a new clap_complete that writes the
    /// script differently fails here, not silently in a shell.
    #[test]
    fn bash_offers_files_for_the_commands_that_take_them() {
        assert_eq!(
            file_commands(),
            [
                "amend",
                "validate",
                "export",
                "verify",
                "countersign",
                "due",
                "report"
            ]
        );
        let script = String::from_utf8(script(Shell::Bash)).unwrap();
        for command in file_commands() {
            let head = format!("        fairness__subcmd__{command})\n");
            let block = &script[script.find(&head).unwrap()..];
            let block = &block[..block.find("\n            ;;\n").unwrap()];
            assert!(block.contains(r#"if [[ ${cur} == -* ]] ; then"#), "{block}");
            assert!(block.ends_with(FILES), "{block}");
        }
    }
}
