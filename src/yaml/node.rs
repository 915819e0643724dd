use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::options::{AliasLimits, NonFiniteFloatPolicy};
use serde_saphyr::{DuplicateKeyPolicy, Error as YamlError, Options, Spanned};

use crate::diagnostic::{Diagnostic, Location};

/// A YAML value and where it stands in the file.
#[derive(Clone, Debug)]
pub struct Node {
    pub value: Value,
    pub at: Location,
    /// Byte range of the value's own text in the file, where the parser knows it (for
    /// an alias, the anchored value's text). Lets a number be read back as written.
    pub bytes: Option<(usize, usize)>,
}

/// The kinds of YAML value. Numbers keep no value: they are read back from their text
/// when a field wants text, and nothing in the formats wants a number.
#[derive(Clone, Debug)]
pub enum Value {
    Null,
    Bool(bool),
    Number,
    Str(String),
    Seq(Vec<Node>),
    /// Entries in file order, duplicates kept so that they can be reported.
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The text of this mapping's `id` field, if it is a mapping with one: lets
    /// messages about the mapping name it ("item `concern-specific`") before its fields
    /// are read.
    pub fn id(&self) -> Option<&str> {
        let Value::Map(entries) = &self.value else {
            return None;
        };
        entries
            .iter()
            .find_map(|(k, v)| match (&k.value, &v.value) {
                (Value::Str(k), Value::Str(id)) if k == "id" && !id.trim().is_empty() => {
                    Some(id.as_str())
                }
                _ => None,
            })
    }
}

impl Value {
    /// What the value is, as a person would say it in a message.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "true or false",
            Value::Number => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// The deepest nesting read. The framework format needs seven levels.
const MAX_DEPTH: usize = 32;

/// The stack the parser runs on. The tree is built recursively, a few frames per level
/// of nesting; this leaves a wide margin at [`MAX_DEPTH`] even in a debug build, and
/// does not depend on the stack of whichever thread asks for the parse.
const PARSER_STACK: usize = 16 * 1024 * 1024;

/// Parser settings for files from outside: YAML 1.2 booleans only (so `yes` and `no`
/// stay text), duplicate keys passed through to be reported with everything else, and
/// tight limits on depth, size and alias expansion.
fn options() -> Options {
    let mut alias_limits = AliasLimits::default();
    alias_limits.max_total_replayed_events = 100_000;
    alias_limits.max_replay_stack_depth = 16;
    alias_limits.max_alias_expansions_per_anchor = 10_000;
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_nodes: 2_000_000,
            max_aliases: 10_000,
            max_anchors: 10_000,
            max_total_scalar_bytes: crate::source::MAX_FILE_BYTES as usize,
        },
        alias_limits: alias_limits,
        duplicate_keys: DuplicateKeyPolicy::PassThrough,
        // `.inf` or `1e999` are numbers like any other here: never used as numbers,
        // read back as written where text is wanted.
        non_finite_float_policy: NonFiniteFloatPolicy::PassThrough,
        strict_booleans: true,
        with_snippet: false,
    }
}

/// Parses one YAML document. An empty document (or one of only comments) is
/// [`Value::Null`]; a syntax error, or a file that breaks the resource limits, is one
/// diagnostic at the place the parser stopped.
///
/// The parse runs on one of the parser's own threads, each with a stack of
/// [`PARSER_STACK`], started the first time one is needed and reused after (as many as
/// rayon starts: one a core, or `RAYON_NUM_THREADS`), so that many files are parsed
/// side by side without a thread started for each.
pub fn parse(text: &str) -> Result<Node, Diagnostic> {
    let run = || {
        serde_saphyr::from_str_with_options::<Node>(text, options()).map_err(|e| syntax_error(&e))
    };
    match parser_threads() {
        Some(pool) => pool.install(run),
        // No thread to be had: parse here, on the caller's stack.
        None => run(),
    }
}

/// The parser's threads, started on first use; `None` if they could not be started.
fn parser_threads() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|n| format!("yaml-parser-{n}"))
            .stack_size(PARSER_STACK)
            .build()
            .ok()
    })
    .as_ref()
}

fn syntax_error(error: &YamlError) -> Diagnostic {
    let location = error
        .location()
        .filter(|l| l.line() > 0)
        .map(|l| Location::new(l.line() as u32, l.column() as u32, 1));
    let rendered = error.render_with_formatter(&serde_saphyr::UserMessageFormatter);
    match classify(error) {
        Refusal::TooDeep => Diagnostic::error(
            format!(
                "the file is nested more than {MAX_DEPTH} levels deep, too deep to read safely"
            ),
            location,
        )
        .with_help("frameworks, records and answers files need only a few levels of nesting"),
        Refusal::TooManyAliases => Diagnostic::error(
            "the file's aliases (`*name`) expand to more than can be read safely",
            location,
        )
        .with_help(
            "write the values out in full; frameworks, records and answers files need no aliases",
        ),
        Refusal::TooLarge => Diagnostic::error(
            "the file holds more values than can be read safely",
            location,
        ),
        Refusal::SeveralDocuments => {
            Diagnostic::error("the file holds more than one YAML document", location)
                .with_help("keep one document per file; remove the extra `---` line")
        }
        Refusal::Syntax => {
            let message = strip_location(&rendered);
            let d = Diagnostic::error(format!("YAML syntax: {message}"), location);
            match syntax_help(message) {
                Some(help) => d.with_help(help),
                None => d,
            }
        }
    }
}

/// Advice for the syntax mistakes people make most when editing a framework by hand.
fn syntax_help(message: &str) -> Option<&'static str> {
    if message.contains("mapping values are not allowed") {
        Some("text that contains `: ` must be in quotes, as in `prompt: \"Is it: yes?\"`")
    } else if message.contains("tab") {
        Some("indent with spaces: YAML does not allow tabs for indentation")
    } else {
        None
    }
}

enum Refusal {
    TooDeep,
    TooManyAliases,
    TooLarge,
    SeveralDocuments,
    Syntax,
}

/// Why the parser refused the file, from the kind of error it gave.
fn classify(error: &YamlError) -> Refusal {
    let mut error = error.without_snippet();
    while let YamlError::AliasError { error: inner, .. } = error {
        error = inner.without_snippet();
    }
    match error {
        YamlError::MultipleDocuments { .. } => Refusal::SeveralDocuments,
        YamlError::Budget {
            breach: BudgetBreach::Depth { .. },
            ..
        } => Refusal::TooDeep,
        YamlError::Budget {
            breach:
                BudgetBreach::Aliases { .. }
                | BudgetBreach::Anchors { .. }
                | BudgetBreach::AliasAnchorRatio { .. },
            ..
        }
        | YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => Refusal::TooManyAliases,
        YamlError::Budget { .. } => Refusal::TooLarge,
        // The scanner's own nesting limit has no variant of its own.
        other if other.to_string().contains("recursion limit") => Refusal::TooDeep,
        _ => Refusal::Syntax,
    }
}

/// The parser's message without its own " at line N, column M" tail: the location is
/// shown separately, with a snippet.
fn strip_location(message: &str) -> &str {
    let first_line = message.lines().next().unwrap_or(message);
    match first_line.find(" at line ") {
        Some(i) => &first_line[..i],
        None => first_line,
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Value>::deserialize(deserializer)?;
        let used = spanned.referenced;
        let span = spanned.defined.span();
        let bytes = span
            .byte_offset()
            .zip(span.byte_len())
            .map(|(start, len)| (start as usize, (start + len) as usize));
        let offset = used.span().byte_offset().map(|o| o as u32);
        Ok(Node {
            value: spanned.value,
            at: Location::new(used.line() as u32, used.column() as u32, span.len() as u32)
                .with_offset(offset),
            bytes,
        })
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Value, E> {
        Ok(Value::Number)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Value, E> {
        Ok(Value::Number)
    }
    fn visit_i128<E>(self, _: i128) -> Result<Value, E> {
        Ok(Value::Number)
    }
    fn visit_u128<E>(self, _: u128) -> Result<Value, E> {
        Ok(Value::Number)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Value, E> {
        Ok(Value::Number)
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Value, E> {
        Err(E::custom("binary values are not accepted"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Node>()? {
            let value = map.next_value::<Node>()?;
            entries.push((key, value));
        }
        Ok(Value::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_and_value_has_its_place() {
        let node = parse("a: 1\nlist:\n  - id: x\n    b: \"yes\"\n").unwrap();
        let Value::Map(entries) = &node.value else {
            panic!()
        };
        let (key, list) = &entries[1];
        assert_eq!((key.at.line, key.at.column), (2, 1));
        let Value::Seq(items) = &list.value else {
            panic!()
        };
        let Value::Map(item) = &items[0].value else {
            panic!()
        };
        let (_, b) = &item[1];
        assert_eq!((b.at.line, b.at.column), (4, 8));
        assert!(matches!(&b.value, Value::Str(s) if s == "yes"));
    }

    #[test]
    fn yes_and_no_stay_text_and_duplicates_are_kept() {
        let node = parse("a: yes\na: no\n").unwrap();
        let Value::Map(entries) = &node.value else {
            panic!()
        };
        assert_eq!(entries.len(), 2);
        assert!(matches!(&entries[0].1.value, Value::Str(s) if s == "yes"));
    }

    #[test]
    fn syntax_errors_have_a_place_and_no_repeated_location() {
        let d = parse("a: [1, 2\nb: c\n").unwrap_err();
        assert!(d.location.is_some());
        assert!(d.message.starts_with("YAML syntax: "), "{}", d.message);
        assert!(!d.message.contains(" at line "), "{}", d.message);
    }

    #[test]
    fn refuses_alias_bombs_and_deep_nesting() {
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 9].join(", ");
            bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let d = parse(&bomb).unwrap_err();
        assert!(d.message.contains("aliases"), "{}", d.message);
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let d = parse(&deep).unwrap_err();
        assert!(d.message.contains("levels deep"), "{}", d.message);
        let block: String = (0..100)
            .map(|i| format!("{}k:\n", "  ".repeat(i)))
            .collect();
        let d = parse(&block).unwrap_err();
        assert!(d.message.contains("levels deep"), "{}", d.message);
    }

    #[test]
    fn non_finite_numbers_are_numbers() {
        let node = parse("a: .inf\nb: 1e999\nc: .nan\n").unwrap();
        let Value::Map(entries) = &node.value else {
            panic!()
        };
        assert!(
            entries
                .iter()
                .all(|(_, v)| matches!(v.value, Value::Number))
        );
    }

    #[test]
    fn common_syntax_mistakes_get_help() {
        let d = parse("prompt: Is it: yes?\n").unwrap_err();
        assert!(d.help.unwrap().contains("must be in quotes"));
        let d = parse("a:\n\tb: 1\n").unwrap_err();
        assert!(d.help.unwrap().contains("indent with spaces"));
    }

    #[test]
    fn refuses_several_documents() {
        let d = parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert!(d.message.contains("more than one YAML document"));
    }
}
