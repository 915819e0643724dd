//! `fairness schema`: the JSON Schema of the framework format, for editors.

use std::io::Write;

use crate::error::{Error, Status};
use crate::framework::schema::json_schema;

pub fn run(out: &mut dyn Write) -> Result<Status, Error> {
    let mut text =
        serde_json::to_string_pretty(&json_schema()).map_err(|e| Error::Output(e.into()))?;
    text.push('\n');
    out.write_all(text.as_bytes()).map_err(Error::Output)?;
    Ok(Status::Success)
}
