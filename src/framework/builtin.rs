/// Where the built-in framework lives in the repository, and how it is named in messages.
pub const BUILTIN_PATH: &str = "framework/fairness-and-proportionality.yaml";

/// The built-in framework, embedded so that `fairness run` works with no files at all.
pub const BUILTIN_TEXT: &str = include_str!("../../framework/fairness-and-proportionality.yaml");
