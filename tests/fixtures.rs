//! Files the tests share: frameworks with one change, and files made to hurt whatever
//! reads them.

use crate::harness::{builtin, edit};

/// The built-in framework with one Principle's locked title changed: the simplest
/// framework `validate` refuses, with one error.
pub fn renamed_title() -> String {
    edit(&builtin(), "title: Adherence to process", "title: Process")
}
