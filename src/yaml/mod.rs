//! YAML as a tree in which every key and value knows where it is in the file.
//!
//! Validation must report *every* problem, each at its place. A derived `Deserialize`
//! stops at the first unknown field or wrong type, so files are first parsed by
//! serde-saphyr (with resource limits) into a [`Node`] tree, and then read field by field
//! with a [`Fields`] reader that records each problem and carries on.
//!
//! Writing is in `write.rs`: one way of quoting, shared by records and frameworks.

mod node;
mod reader;
mod write;

pub use crate::suggest::quoted_list;
pub use node::{Node, Value, parse};
pub use reader::{Fields, Reader};
pub use write::{field, indent, is_escaped, list_key, next_escaped, nullable, push_escape, quote};
