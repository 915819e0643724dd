//! The shape of the source tree, checked on every test run: no import circle between
//! the crate's modules, and command files that stay thin. The check reads `use crate::`
//! and `super::` paths in `src/` as text, which is enough for a crate that, like this
//! one, names its modules only through such paths.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The longest a file in `src/commands/` may be: arguments, one library call, output.
const COMMAND_LINES: usize = 150;

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let files = sources();
    let mut top: Graph = BTreeMap::new();
    let mut siblings: BTreeMap<String, Graph> = BTreeMap::new();
    for (module, text) in &files {
        let from = &module[0];
        top.entry(from.clone()).or_default();
        for used in used_paths(module, text) {
            let to = &used[0];
            if to != from {
                top.entry(from.clone()).or_default().insert(to.clone());
            } else if module.len() > 1 && used.len() > 1 && files.contains_key(&used[..2]) {
                // Within one module: files beside each other (mod.rs, which declares and
                // re-exports them, aside).
                let (a, b) = (&module[1], &used[1]);
                if a != b {
                    let graph = siblings.entry(from.clone()).or_default();
                    graph.entry(a.clone()).or_default().insert(b.clone());
                }
            }
        }
    }
    let mut circles = circles(&top);
    for (module, graph) in &siblings {
        circles.extend(
            self::circles(graph)
                .into_iter()
                .map(|c| c.iter().map(|m| format!("{module}::{m}")).collect()),
        );
    }
    assert!(
        circles.is_empty(),
        "modules that import each other (each line a circle):\n{}",
        circles
            .iter()
            .map(|c: &Vec<String>| c.join(" -> "))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_command_file_is_thin() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands");
    let mut long = Vec::new();
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let lines = std::fs::read_to_string(&path).unwrap().lines().count();
        if lines > COMMAND_LINES {
            long.push(format!("{} has {lines} lines", path.display()));
        }
    }
    assert!(
        long.is_empty(),
        "command files over {COMMAND_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_checker_finds_a_circle_and_reads_grouped_imports() {
    let mut graph: Graph = BTreeMap::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("c".into());
    graph.entry("c".into()).or_default().insert("a".into());
    graph.entry("d".into()).or_default().insert("a".into());
    assert_eq!(
        circles(&graph),
        vec![
            vec!["a", "b", "c", "a"],
            vec!["b", "c", "a", "b"],
            vec!["c", "a", "b", "c"]
        ]
    );

    let module = vec!["record".to_owned(), "found".to_owned()];
    let text = "use crate::{framework::Framework, value::{self, now}};\n\
                // use crate::commented::Out;\n\
                fn f() { crate::yaml::write::quote(); super::seal::seal(); }";
    let used: BTreeSet<_> = used_paths(&module, text).into_iter().collect();
    let expected: BTreeSet<Vec<String>> = [
        vec!["framework", "Framework"],
        vec!["value", "self"],
        vec!["value", "now"],
        vec!["yaml", "write"],
        vec!["record", "seal"],
    ]
    .iter()
    .map(|p| p.iter().map(|s| s.to_string()).collect())
    .collect();
    assert_eq!(used, expected);
}

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Every `.rs` file under `src/` but the crate roots, by module path
/// (`src/record/found.rs` → `["record", "found"]`, `src/record/mod.rs` → `["record"]`).
fn sources() -> BTreeMap<Vec<String>, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    walk(&src, &mut paths);
    paths
        .into_iter()
        .filter_map(|path| {
            let relative = path.strip_prefix(&src).unwrap().with_extension("");
            let mut module: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if module.last().is_some_and(|m| m == "mod") {
                module.pop();
            }
            if module == ["lib"] || module == ["main"] {
                return None;
            }
            Some((module, std::fs::read_to_string(&path).unwrap()))
        })
        .collect()
}

/// The module paths a file names, as absolute paths from the crate root, each cut to its
/// first two segments: `crate::a::b::c` and `use crate::{a::b, c}` from anywhere, and
/// `super::b` from a file inside module `a`.
fn used_paths(module: &[String], text: &str) -> Vec<Vec<String>> {
    let code: String = text
        .lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    for (prefix, base) in [("crate::", vec![]), ("super::", parent(module))] {
        if prefix == "super::" && module.len() < 2 {
            continue;
        }
        let mut rest = code.as_str();
        while let Some(i) = rest.find(prefix) {
            let before = rest[..i].chars().last();
            rest = &rest[i + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let mut paths = Vec::new();
            tree(rest, base.clone(), &mut paths);
            out.extend(paths.into_iter().map(|mut p| {
                p.truncate(2);
                p
            }));
        }
    }
    out.sort();
    out.dedup();
    out
}

fn parent(module: &[String]) -> Vec<String> {
    module[..module.len().saturating_sub(1)].to_vec()
}

/// Reads one use tree (`a::b::{c, d::e}`) from the start of `text`, pushing each full
/// path, and returns how many bytes it took.
fn tree(text: &str, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let mut path = prefix;
    let mut pos = 0;
    loop {
        let rest = &text[pos..];
        let skipped = rest.len() - rest.trim_start().len();
        pos += skipped;
        let rest = &text[pos..];
        if let Some(inner) = rest.strip_prefix('{') {
            pos += 1;
            let mut taken = 0;
            loop {
                let used = tree(&inner[taken..], path.clone(), out);
                taken += used;
                let after = inner[taken..].trim_start();
                taken = inner.len() - after.len();
                if let Some(after_comma) = after.strip_prefix(',') {
                    taken += 1;
                    if after_comma.trim_start().starts_with('}') {
                        let close = inner[taken..].find('}').unwrap();
                        taken += close + 1;
                        break;
                    }
                } else {
                    if after.starts_with('}') {
                        taken += 1;
                    }
                    break;
                }
            }
            return pos + taken;
        }
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if word.is_empty() {
            if !path.is_empty() {
                out.push(path);
            }
            return pos;
        }
        pos += word.len();
        path.push(word);
        if text[pos..].starts_with("::") {
            pos += 2;
        } else {
            out.push(path);
            return pos;
        }
    }
}

/// Every import that is part of a circle, each as the path that goes round it: the
/// import `a -> b`, then the way from `b` back to `a`.
fn circles(graph: &Graph) -> Vec<Vec<String>> {
    fn reach(
        graph: &Graph,
        from: &str,
        to: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        if from == to {
            return true;
        }
        for next in graph.get(from).into_iter().flatten() {
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if reach(graph, next, to, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut found = Vec::new();
    for (from, targets) in graph {
        for to in targets {
            let mut path = vec![from.clone(), to.clone()];
            if reach(
                graph,
                to,
                from,
                &mut path,
                &mut BTreeSet::from([to.clone()]),
            ) {
                found.push(path);
            }
        }
    }
    found
}
