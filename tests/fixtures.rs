//! Files the tests share: frameworks with one change, and files made to hurt whatever
//! reads them.

use crate::harness::{builtin, edit};

/// The built-in framework with one Principle's locked title changed: the simplest
/// framework `validate` refuses, with one error.
pub fn renamed_title() -> String {
    edit(&builtin(), "title: Adherence to process", "title: Process")
}

/// A file of format `format` whose aliases expand to 9^12 entries: the "billion laughs".
pub fn alias_bomb(format: &str) -> String {
    let mut bomb = format!("format: {format}\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    bomb
}

/// Flow collections nested 100,000 deep: lists, then mappings.
pub fn deeply_nested() -> [String; 2] {
    [
        format!("{}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
        format!("{}{}\n", "{a: ".repeat(100_000), "}".repeat(100_000)),
    ]
}
