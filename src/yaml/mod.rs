//! YAML as a tree in which every key and value knows where it is in the file.
//!
//! Validation must report *every* problem, each at its place. A derived `Deserialize`
//! stops at the first unknown field or wrong type, so files are first parsed by
//! serde-saphyr (with resource limits) into a [`Node`] tree, and then read field by field
//! with a [`Fields`] reader that records each problem and carries on.

mod node;
mod reader;

pub use node::{Node, Value, parse};
pub use reader::{Fields, Reader, quoted_list};
