//! `fairness init`: the built-in framework, written out as a starting point for an
//! organisation's own.

use std::io::Write;
use std::path::Path;

use crate::atomic_file;
use crate::cli::InitArgs;
use crate::error::{Error, Status, shown};
use crate::framework::template;
use crate::terminal::Console;

pub fn run(args: &InitArgs, console: &Console, out: &mut dyn Write) -> Result<Status, Error> {
    let text = template(args.organisation.as_deref())?;
    if args.output == Path::new("-") {
        out.write_all(text.as_bytes()).map_err(Error::Output)?;
        return Ok(Status::Success);
    }
    let stop = crate::platform::catch_signals().map_err(Error::Output)?;
    atomic_file::create_new(&args.output, text.as_bytes(), atomic_file::PUBLIC, &stop)?;
    let path = shown(&args.output);
    if !console.quiet() {
        writeln!(
            out,
            "Wrote `{path}`: the built-in framework, ready to adapt.\n\
             Edit it, then check it with `fairness validate {path}`."
        )
        .map_err(Error::Output)?;
    }
    Ok(Status::Success)
}
