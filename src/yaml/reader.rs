use std::borrow::Cow;

use crate::diagnostic::{Diagnostic, Located, Location};
use crate::suggest::{self, quoted_list};

use super::{Node, Value};

/// Reads values out of a [`Node`] tree, recording a diagnostic for every problem and
/// returning `None` (or an empty list) where a value could not be read, so that the
/// caller can carry on and find the next problem.
pub struct Reader<'s> {
    source: &'s str,
    pub diagnostics: Vec<Diagnostic>,
}

/// The fields of one YAML mapping, after unknown and repeated fields have been reported.
pub struct Fields<'n> {
    /// Where the mapping starts: missing fields are reported here.
    pub at: Location,
    what: Cow<'static, str>,
    /// Each field's name, its key's node and its value.
    entries: Vec<(&'n str, &'n Node, &'n Node)>,
    /// Known fields that an unknown one was probably meant to be: they are not also
    /// reported as missing.
    misspelt: Vec<&'static str>,
}

impl<'n> Fields<'n> {
    /// The value of field `name`, if the mapping has it.
    pub fn get(&self, name: &str) -> Option<&'n Node> {
        self.entry(name).map(|(_, value)| value)
    }

    /// Whether a field found under another name was probably meant to be `name` (and
    /// has been reported as such).
    pub fn misspelt(&self, name: &str) -> bool {
        self.misspelt.contains(&name)
    }

    /// Where field `name` is named, if the mapping has it.
    pub fn key_at(&self, name: &str) -> Option<Location> {
        self.entry(name).map(|(key, _)| key.at)
    }

    /// The key and value of field `name`.
    fn entry(&self, name: &str) -> Option<(&'n Node, &'n Node)> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == name)
            .map(|&(_, key, value)| (key, value))
    }

    /// What the mapping is, for messages ("an item", "the framework").
    pub fn what(&self) -> &str {
        &self.what
    }
}

impl<'s> Reader<'s> {
    pub fn new(source: &'s str) -> Self {
        Reader {
            source,
            diagnostics: Vec::new(),
        }
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub fn error(&mut self, message: impl Into<String>, at: Location) {
        self.push(Diagnostic::error(message, Some(at)));
    }

    /// `node` as a mapping whose fields are all among `known`. Any other field is
    /// reported (with the nearest known name as a suggestion), and so is a field given
    /// twice; the first of a repeated field is the one read.
    pub fn fields<'n>(
        &mut self,
        node: &'n Node,
        what: impl Into<Cow<'static, str>>,
        known: &[&'static str],
    ) -> Option<Fields<'n>> {
        let what = what.into();
        let Value::Map(map) = &node.value else {
            self.error(
                format!(
                    "expected {what} (a mapping of fields), found {}",
                    node.value.kind()
                ),
                node.at,
            );
            return None;
        };
        let mut entries: Vec<(&'n str, &'n Node, &'n Node)> = Vec::with_capacity(map.len());
        let mut misspelt = Vec::new();
        for (key, value) in map {
            let Value::Str(name) = &key.value else {
                self.error(
                    format!("field names must be text, found {}", key.value.kind()),
                    key.at,
                );
                continue;
            };
            if !known.contains(&name.as_str()) {
                let mut d =
                    Diagnostic::error(format!("unknown field `{name}` in {what}"), Some(key.at));
                let near = suggest::nearest(name, known.iter().copied());
                misspelt.extend(near.first());
                d = match suggest::asking(&near) {
                    Some(help) => d.with_help(help),
                    None => d.with_help(format!("the fields of {what} are {}", quoted_list(known))),
                };
                self.push(d);
                continue;
            }
            if let Some((_, first, _)) = entries.iter().find(|(k, _, _)| *k == name) {
                let first_line = first.at.line;
                self.push(
                    Diagnostic::error(
                        format!("field `{name}` is given twice in {what}"),
                        Some(key.at),
                    )
                    .with_help(format!("keep one; the first is on line {first_line}")),
                );
                continue;
            }
            entries.push((name, key, value));
        }
        Some(Fields {
            at: node.at,
            what,
            entries,
            misspelt,
        })
    }

    /// A scalar as text: strings as they are, numbers and booleans exactly as written
    /// (so `version: 1.10` is the label "1.10", not the number 1.1). `None`, with a
    /// diagnostic, for a list or mapping; `None`, silently, for null.
    pub fn text(&mut self, node: &Node, name: &str) -> Option<Located<String>> {
        let text = match &node.value {
            Value::Str(s) => s.clone(),
            Value::Number | Value::Bool(_) => self.raw(node).to_owned(),
            Value::Null => return None,
            other => {
                self.error(
                    format!("`{name}` should be text, found {}", other.kind()),
                    node.at,
                );
                return None;
            }
        };
        Some(Located::new(text, node.at))
    }

    /// The text of field `name`, which must be present and not blank.
    pub fn required_text(&mut self, fields: &Fields, name: &str) -> Option<Located<String>> {
        let Some(node) = fields.get(name) else {
            self.missing(fields, name);
            return None;
        };
        if let Value::Seq(_) | Value::Map(_) = node.value {
            // Reported as the wrong type.
            return self.text(node, name);
        }
        match self.text(node, name) {
            Some(text) if !text.value.trim().is_empty() => Some(text),
            _ => {
                self.error(format!("`{name}` is empty"), node.at);
                None
            }
        }
    }

    /// The text of field `name` if it is given and not blank.
    pub fn optional_text(&mut self, fields: &Fields, name: &str) -> Option<Located<String>> {
        let node = fields.get(name)?;
        self.text(node, name).filter(|t| !t.value.trim().is_empty())
    }

    /// Field `name` as `true` or `false`, if given.
    pub fn optional_bool(&mut self, fields: &Fields, name: &str) -> Option<bool> {
        let node = fields.get(name)?;
        match &node.value {
            Value::Bool(b) => Some(*b),
            Value::Null => None,
            other => {
                let (found, help) = match other {
                    Value::Str(s) if matches!(s.to_lowercase().as_str(), "true" | "false") => (
                        format!("the text \"{s}\""),
                        format!("remove the quotes: `{name}: {}`", s.to_lowercase()),
                    ),
                    Value::Str(s) => (format!("`{s}`"), "write `true` or `false`".to_owned()),
                    _ => (
                        other.kind().to_owned(),
                        "write `true` or `false`".to_owned(),
                    ),
                };
                self.push(
                    Diagnostic::error(
                        format!("`{name}` should be true or false, found {found}"),
                        Some(node.at),
                    )
                    .with_help(help),
                );
                None
            }
        }
    }

    /// The entries of list field `name`: `None` when it is absent (reported if
    /// `required`) or is not a list (reported); null is an empty list.
    pub fn list<'n>(
        &mut self,
        fields: &Fields<'n>,
        name: &str,
        required: bool,
    ) -> Option<&'n [Node]> {
        let Some(node) = fields.get(name) else {
            if required {
                self.missing(fields, name);
            }
            return None;
        };
        match &node.value {
            Value::Seq(items) => Some(items),
            Value::Null => Some(&[]),
            other => {
                self.error(
                    format!("`{name}` should be a list, found {}", other.kind()),
                    node.at,
                );
                None
            }
        }
    }

    /// Reports that a required field is missing, unless a misspelling of it has been
    /// reported already.
    pub fn missing(&mut self, fields: &Fields, name: &str) {
        if !fields.misspelt.contains(&name) {
            self.error(format!("{} has no `{name}`", fields.what()), fields.at);
        }
    }

    /// The text of a node as it stands in the file.
    fn raw(&self, node: &Node) -> &'s str {
        node.bytes
            .and_then(|(start, end)| self.source.get(start..end))
            .map_or("", str::trim)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;

    const KNOWN: &[&str] = &["id", "prompt", "required"];

    #[test]
    fn reports_unknown_and_repeated_fields_and_reads_the_rest() {
        let text = "id: a\npromt: x\nid: b\nrequired: no\n";
        let node = parse(text).unwrap();
        let mut r = Reader::new(text);
        let fields = r.fields(&node, "an item", KNOWN).unwrap();
        assert_eq!(r.required_text(&fields, "id").unwrap().value, "a");
        assert_eq!(r.required_text(&fields, "prompt"), None);
        assert_eq!(r.optional_bool(&fields, "required"), None);
        let messages: Vec<_> = r.diagnostics.iter().map(|d| d.message.as_str()).collect();
        // `prompt` is not also reported missing: the misspelling explains it.
        assert_eq!(
            messages,
            [
                "unknown field `promt` in an item",
                "field `id` is given twice in an item",
                "`required` should be true or false, found `no`",
            ]
        );
        assert_eq!(
            r.diagnostics[0].help.as_deref(),
            Some("did you mean `prompt`?")
        );
        assert_eq!(r.diagnostics[0].location.unwrap().line, 2);
    }

    #[test]
    fn numbers_read_as_text_keep_their_spelling() {
        let text = "id: 1.10\n";
        let node = parse(text).unwrap();
        let mut r = Reader::new(text);
        let fields = r.fields(&node, "x", KNOWN).unwrap();
        assert_eq!(r.required_text(&fields, "id").unwrap().value, "1.10");
    }

    #[test]
    fn blank_and_wrongly_typed_text_is_reported() {
        let text = "id: '  '\nprompt: [a]\n";
        let node = parse(text).unwrap();
        let mut r = Reader::new(text);
        let fields = r.fields(&node, "an item", KNOWN).unwrap();
        assert_eq!(r.required_text(&fields, "id"), None);
        assert_eq!(r.required_text(&fields, "prompt"), None);
        let messages: Vec<_> = r.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            ["`id` is empty", "`prompt` should be text, found a list"]
        );
    }
}
