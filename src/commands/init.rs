//! `fairness init`: the built-in framework, written out as a starting point for an
//! organisation's own.

use std::io::Write;
use std::path::Path;

use crate::atomic_file;
use crate::cli::InitArgs;
use crate::error::{Error, Status};
use crate::framework::template;

pub fn run(args: &InitArgs, out: &mut dyn Write) -> Result<Status, Error> {
    let text = template(args.organisation.as_deref())?;
    if args.output == Path::new("-") {
        out.write_all(text.as_bytes()).map_err(Error::Output)?;
        return Ok(Status::Success);
    }
    atomic_file::create_new(&args.output, text.as_bytes(), atomic_file::PUBLIC)?;
    if !crate::terminal::quiet() {
        let path = crate::terminal::one_line(&args.output.display().to_string()).into_owned();
        eprintln!("Wrote `{path}`: the built-in framework, ready to adapt.");
        eprintln!("Edit it, then check it with `fairness validate {path}`.");
    }
    Ok(Status::Success)
}
