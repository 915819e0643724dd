//! `fairness show`: the framework as tables, for reading or review.

use std::io::Write;

use crate::cli::ShowArgs;
use crate::config::{self, Given};
use crate::error::{Error, Status};
use crate::framework::{self, table::View};
use crate::terminal::{self, Console};

pub fn run(args: &ShowArgs, console: &Console, out: &mut dyn Write) -> Result<Status, Error> {
    let settings = config::settings(Given {
        framework: args.framework.as_deref(),
        ..Given::default()
    })?;
    let loaded = framework::load(settings.framework.value.as_deref())?;
    if !loaded.warnings.is_empty() && !console.quiet() {
        console.say(&loaded.warnings);
    }
    let width = terminal::width();

    let view = View {
        framework: &loaded.framework,
        origin: &loaded.origin,
        digest: &loaded.digest,
        guidance: args.guidance,
        width,
    };
    out.write_all(view.render().as_bytes())
        .map_err(Error::Output)?;
    Ok(Status::Success)
}
