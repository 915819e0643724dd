//! Rules that look across the framework: the five locked Principles, unique ids, sound
//! choices and conditions, roles and the practitioner's view; and the warnings.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use crate::diagnostic::{Diagnostic, Located, Location};
use crate::suggest;
use crate::terminal;
use crate::value::{MAX_ID_LEN, is_slug};
use crate::yaml::{Node, Value};

use super::kind::{AnswerKind, KindId, NotePolicy};
use super::model::{Framework, Item, Jurisdiction};
use super::principles::{self, LOCKED};
use super::role::Role;

/// Prompts longer than this draw a warning: a prompt is a question to answer at a
/// glance, and the detail belongs in the guidance.
pub const LONG_PROMPT: usize = 300;

/// Every cross-cutting rule, over a framework as far as it could be read.
pub fn check(framework: &Framework) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    locked_principles(framework, &mut out);
    ids(framework, &mut out);
    for item in framework.items() {
        choice(item, &mut out);
        long_prompt(item, &mut out);
    }
    conditions(framework, &mut out);
    date_order(framework, &mut out);
    roles(framework, &mut out);
    jurisdiction_answers(framework, &mut out);
    explanations(framework, &mut out);
    signatures(framework, &mut out);
    out
}

/// The `signatures` section: meanings with slug ids, none twice and none `author` (the
/// case manager's own, built in); a countersignature of a meaning listed, required on
/// conditions of `check` or `choice` items, on answers those items can have.
fn signatures(framework: &Framework, out: &mut Vec<Diagnostic>) {
    let Some(signatures) = &framework.signatures else {
        return;
    };
    let mut seen: HashMap<&str, Location> = HashMap::new();
    for meaning in &signatures.meanings {
        let id = &meaning.id;
        if !is_slug(&id.value) {
            out.push(not_a_slug(id, "meaning id"));
        } else if id.value == "author" {
            out.push(
                Diagnostic::error(
                    "`author` is the case manager's own sign-off, built in: a meaning here is a reviewer's",
                    Some(id.at),
                )
                .with_help("name the reviewer's meaning, such as `independent-reviewer`"),
            );
        } else if let Some(first) = seen.get(id.value.as_str()) {
            out.push(
                Diagnostic::error(
                    format!("meaning `{}` is listed more than once", id.value),
                    Some(id.at),
                )
                .with_help(format!("the first is on line {}", first.line)),
            );
        } else {
            seen.insert(&id.value, id.at);
        }
    }
    let Some(rule) = &signatures.countersignature else {
        return;
    };
    if !seen.contains_key(rule.meaning.value.as_str()) {
        let ids: Vec<&str> = signatures
            .meanings
            .iter()
            .map(|m| m.id.value.as_str())
            .collect();
        let help =
            suggest::did_you_mean(&rule.meaning.value, ids.iter().copied()).unwrap_or_else(|| {
                if ids.is_empty() {
                    "list the meaning under `meanings`, with its `label` and `declaration`"
                        .to_owned()
                } else {
                    format!("the meanings listed are {}", crate::yaml::quoted_list(&ids))
                }
            });
        out.push(
            Diagnostic::error(
                format!(
                    "the countersignature's meaning `{}` is not one of `meanings`",
                    rule.meaning.value
                ),
                Some(rule.meaning.at),
            )
            .with_help(help),
        );
    }
    let items: HashMap<&str, &Item> = framework
        .items()
        .map(|i| (i.id.value.as_str(), i))
        .collect();
    for when in &rule.when {
        match items.get(when.item.value.as_str()) {
            Some(target) => condition_answer(target, when, out),
            None => {
                let d = Diagnostic::error(
                    format!(
                        "the countersignature's `when` refers to `{}`, which is not an item",
                        when.item.value
                    ),
                    Some(when.item.at),
                );
                out.push(
                    match suggest::did_you_mean(&when.item.value, items.keys().copied()) {
                        Some(help) => d.with_help(help),
                        None => d,
                    },
                );
            }
        }
    }
}

/// The warnings of what the practitioner's view will leave out of, or take from the
/// built-in framework for, a framework that is otherwise sound.
pub fn view_warnings(framework: &Framework) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    missing_roles(framework, &mut out);
    missing_view(framework, &mut out);
    out
}

fn long_prompt(item: &Item, out: &mut Vec<Diagnostic>) {
    let length = item.prompt.value.chars().count();
    if length > LONG_PROMPT {
        out.push(
            Diagnostic::warning(
                format!(
                    "the prompt of `{}` is {length} characters long",
                    item.id.value
                ),
                Some(item.prompt.at),
            )
            .with_help(format!(
                "keep prompts under {LONG_PROMPT} characters and move detail into `guidance`"
            )),
        );
    }
}

/// The Principles: each of the five exactly once, with its locked id and title, and
/// nothing else; each with at least one item.
fn locked_principles(framework: &Framework, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, Location> = HashMap::new();
    let present: Vec<&str> = framework
        .principles
        .iter()
        .map(|p| p.id.value.as_str())
        .collect();
    for principle in &framework.principles {
        let id = &principle.id;
        let locked = if id.value.is_empty() {
            // The missing id has been reported; a locked title still says which
            // Principle this is, so that it is not also reported missing.
            let Some(locked) = LOCKED.iter().find(|l| l.title == principle.title.value) else {
                continue;
            };
            locked
        } else if let Some(locked) = principles::by_id(&id.value) {
            locked
        } else if let Some(near) =
            near_principle(&principle.id.value, &principle.title.value, &present)
        {
            out.push(
                Diagnostic::error(format!("unknown principle `{}`", id.value), Some(id.at))
                    .with_help(format!(
                        "did you mean `{}` ({})? The ids and titles of the five Principles are locked",
                        near.id, near.title
                    )),
            );
            // Checked as the Principle it was meant to be, so that its other
            // problems are found in the same run.
            near
        } else {
            out.push(
                Diagnostic::error(
                    format!("`{}` is not one of the five Principles", id.value),
                    Some(id.at),
                )
                .with_help(format!(
                    "the Principles are locked: {}; put new items under one of them",
                    crate::yaml::quoted_list(&LOCKED.map(|p| p.id))
                )),
            );
            continue;
        };
        if let Some(first) = seen.get(locked.id) {
            out.push(
                Diagnostic::error(
                    format!("principle `{}` appears more than once", locked.id),
                    Some(id.at),
                )
                .with_help(format!(
                    "each Principle appears exactly once; the first is on line {}; merge their items",
                    first.line
                )),
            );
            continue;
        }
        seen.insert(locked.id, id.at);
        let title = &principle.title;
        if !title.value.is_empty() && title.value != locked.title {
            out.push(
                Diagnostic::error(
                    format!("the title of principle `{}` is locked", locked.id),
                    Some(title.at),
                )
                .with_help(format!(
                    "expected `{}`; put your own wording in `summary`",
                    locked.title
                )),
            );
        }
        match (principle.items.len(), principle.items_at) {
            // No `items` list at all has been reported as such.
            (0, Some(at)) => out.push(
                Diagnostic::error(format!("principle `{}` has no items", locked.id), Some(at))
                    .with_help("every Principle keeps at least one item"),
            ),
            (1, _) => out.push(
                Diagnostic::warning(
                    format!("principle `{}` has a single item", locked.id),
                    Some(id.at),
                )
                .with_help(
                    "one question rarely covers a whole Principle; the built-in framework has five to seven",
                ),
            ),
            _ => {}
        }
    }
    if let Some(at) = framework.principles_at {
        for locked in LOCKED.iter().filter(|l| !seen.contains_key(l.id)) {
            out.push(
                Diagnostic::error(
                    format!("principle `{}` ({}) is missing", locked.id, locked.title),
                    Some(at),
                )
                .with_help(
                    "all five Principles must appear; you may change their items, not remove them",
                ),
            );
        }
    }
}

/// The locked Principle an unknown one was probably meant to be: a near miss of its id
/// or title, and not itself in the file already.
fn near_principle(
    id: &str,
    title: &str,
    present: &[&str],
) -> Option<&'static principles::LockedPrinciple> {
    let absent = || LOCKED.iter().filter(|l| !present.contains(&l.id));
    let by_title = absent().find(|l| l.title.eq_ignore_ascii_case(title.trim()));
    by_title
        .or_else(|| {
            let near = suggest::closest(id, absent().map(|l| l.id))?;
            principles::by_id(near)
        })
        .or_else(|| {
            let near = suggest::closest(title, absent().map(|l| l.title))?;
            absent().find(|l| l.title == near)
        })
}

/// Ids are lowercase slugs, unique across the file (Principles and items together).
fn ids(framework: &Framework, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, Location> = HashMap::new();
    for principle in &framework.principles {
        seen.entry(&principle.id.value).or_insert(principle.id.at);
    }
    for item in framework.items() {
        let id = &item.id;
        if id.value.is_empty() {
            continue;
        }
        if !is_slug(&id.value) {
            out.push(not_a_slug(id, "id"));
        }
        if let Some(first) = seen.get(id.value.as_str()) {
            out.push(
                Diagnostic::error(
                    format!("id `{}` is used more than once", id.value),
                    Some(id.at),
                )
                .with_help(format!(
                    "ids are unique across the file; the first is on line {}",
                    first.line
                )),
            );
        } else {
            seen.insert(&id.value, id.at);
        }
    }
}

fn not_a_slug(id: &Located<String>, what: &str) -> Diagnostic {
    let slug = slugify(&id.value);
    let d = Diagnostic::error(format!("`{}` is not a valid {what}", id.value), Some(id.at));
    let rule = "ids are lowercase letters, digits and single hyphens, starting with a letter";
    if is_slug(&slug) && slug != id.value {
        d.with_help(format!("{rule}: `{slug}`, say"))
    } else {
        d.with_help(format!("{rule}, at most {MAX_ID_LEN} characters"))
    }
}

/// A slug made from any text: lowercased, runs of other characters turned into one
/// hyphen.
fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// A `choice` item has at least two options, with slug ids and labels that differ.
fn choice(item: &Item, out: &mut Vec<Diagnostic>) {
    let AnswerKind::Choice(options) = &item.answer else {
        return;
    };
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut labels: HashMap<String, u32> = HashMap::new();
    for option in options {
        if !is_slug(&option.id.value) {
            out.push(not_a_slug(&option.id, "option id"));
        }
        if let Some(line) = first_seen(&mut ids, &option.id.value, option.id.at.line) {
            out.push(
                Diagnostic::error(
                    format!(
                        "option `{}` is listed twice in `{}`",
                        option.id.value, item.id.value
                    ),
                    Some(option.id.at),
                )
                .with_help(format!("the first is on line {line}")),
            );
        }
        let label = option.label.value.trim().to_lowercase();
        if let Some(line) = first_seen(&mut labels, label, option.label.at.line) {
            out.push(
                Diagnostic::error(
                    format!(
                        "two options of `{}` have the label `{}`",
                        item.id.value, option.label.value
                    ),
                    Some(option.label.at),
                )
                .with_help(format!(
                    "the first is on line {line}; a person could not tell them apart"
                )),
            );
        }
    }
    // An empty list of options is reported where it is read.
    if ids.len() < 2 && !options.is_empty() {
        out.push(
            Diagnostic::error(
                format!("`{}` offers fewer than two distinct options", item.id.value),
                Some(item.id.at),
            )
            .with_help(
                "a `choice` needs at least two options; use `check` or `text` for anything else",
            ),
        );
    }
}

/// Records `key` as seen on `line`; if it was seen before, the line it was first seen on.
fn first_seen<K: Eq + Hash>(seen: &mut HashMap<K, u32>, key: K, line: u32) -> Option<u32> {
    match seen.entry(key) {
        Entry::Occupied(first) => Some(*first.get()),
        Entry::Vacant(entry) => {
            entry.insert(line);
            None
        }
    }
}

/// How many unresolved `when` references get a "did you mean", and among how many
/// earlier items it is looked for: each look is an edit distance against every
/// candidate, and a file with thousands of bad references must still be checked fast.
const WHEN_SUGGESTIONS: usize = 100;
const WHEN_CANDIDATES: usize = 2_000;

/// Every item's id and every Principle's, for the rules that check what a field names.
fn item_and_principle_ids(framework: &Framework) -> (HashSet<&str>, HashSet<&str>) {
    let items = framework.items().map(|i| i.id.value.as_str()).collect();
    let principles = framework
        .principles
        .iter()
        .map(|p| p.id.value.as_str())
        .collect();
    (items, principles)
}

/// `when` refers to an earlier item, of a kind with fixed answers, and to an answer that
/// item can have.
fn conditions(framework: &Framework, out: &mut Vec<Diagnostic>) {
    let (all, principle_ids) = item_and_principle_ids(framework);
    let mut earlier: HashMap<&str, &Item> = HashMap::new();
    let mut suggestions = WHEN_SUGGESTIONS;
    for item in framework.items() {
        if let Some(when) = &item.when {
            let target_id = when.item.value.as_str();
            match earlier.get(target_id) {
                Some(target) => condition_answer(target, when, out),
                None => {
                    let mut d = unresolved(item, when, &all, &principle_ids);
                    if d.help.is_none() && suggestions > 0 && earlier.len() <= WHEN_CANDIDATES {
                        suggestions -= 1;
                        if let Some(help) =
                            suggest::did_you_mean(target_id, earlier.keys().copied())
                        {
                            d = d.with_help(help);
                        }
                    }
                    out.push(d);
                }
            }
        }
        earlier.entry(&item.id.value).or_insert(item);
    }
}

/// Why a `when` names no earlier item.
fn unresolved(
    item: &Item,
    when: &super::Condition,
    all: &HashSet<&str>,
    principle_ids: &HashSet<&str>,
) -> Diagnostic {
    let target_id = when.item.value.as_str();
    let at = Some(when.item.at);
    if target_id == item.id.value {
        Diagnostic::error(format!("`{}` depends on its own answer", item.id.value), at)
    } else if all.contains(target_id) {
        Diagnostic::error(
            format!("`when` refers to `{target_id}`, which is asked later"),
            at,
        )
        .with_help("an item can depend only on items asked before it")
    } else if principle_ids.contains(target_id) {
        Diagnostic::error(
            format!("`when` refers to `{target_id}`, which is a Principle"),
            at,
        )
        .with_help("`when` names an item, such as one of that Principle's items")
    } else {
        Diagnostic::error(
            format!("`when` refers to `{target_id}`, which is not an item"),
            at,
        )
    }
}

/// Every answer a `when` names is one its item can have.
fn condition_answer(target: &Item, when: &super::Condition, out: &mut Vec<Diagnostic>) {
    let target_id = &target.id.value;
    let Some(answers) = target.answer.answers() else {
        out.push(
            Diagnostic::error(
                format!("`when` refers to `{target_id}`, a `{}` item", target.answer.id()),
                Some(when.item.at),
            )
            .with_help(
                "`when` can depend only on `check` and `choice` items, whose answers are known in advance",
            ),
        );
        return;
    };
    for wanted in when.answers() {
        let answer = wanted.value.as_str();
        // A choice whose options could not be read has been reported already.
        if !answers.is_empty() && !answers.contains(&answer) {
            let help =
                suggest::did_you_mean(answer, answers.iter().copied()).unwrap_or_else(|| {
                    format!("its answers are {}", crate::yaml::quoted_list(&answers))
                });
            out.push(
                Diagnostic::error(
                    format!("`{target_id}` cannot have the answer `{answer}`"),
                    Some(wanted.at),
                )
                .with_help(help),
            );
        }
    }
}

/// `not_before` names earlier `date` items, each other than the item itself.
fn date_order(framework: &Framework, out: &mut Vec<Diagnostic>) {
    let (all, principle_ids) = item_and_principle_ids(framework);
    let mut earlier: HashMap<&str, &Item> = HashMap::new();
    // In asking order, for the suggestions.
    let mut earlier_dates: Vec<&str> = Vec::new();
    let mut suggestions = WHEN_SUGGESTIONS;
    for item in framework.items() {
        for named in item.date_rules().map_or(&[][..], |r| &r.not_before) {
            let target = named.value.as_str();
            let at = Some(named.at);
            let d = match earlier.get(target) {
                _ if target == item.id.value => Diagnostic::error(
                    format!("`{target}` names itself in `not_before`"),
                    at,
                )
                .with_help("`not_before` names other `date` items, asked before this one"),
                Some(found) if found.answer.kind() == KindId::Date => continue,
                Some(found) => Diagnostic::error(
                    format!(
                        "`not_before` refers to `{target}`, a `{}` item",
                        found.answer.id()
                    ),
                    at,
                )
                .with_help("`not_before` names `date` items, whose answers are dates"),
                None if all.contains(target) => Diagnostic::error(
                    format!("`not_before` refers to `{target}`, which is asked later"),
                    at,
                )
                .with_help(
                    "a date can be held only to dates asked before it; put `not_before` on the later of the two",
                ),
                None if principle_ids.contains(target) => Diagnostic::error(
                    format!("`not_before` refers to `{target}`, which is a Principle"),
                    at,
                )
                .with_help("`not_before` names `date` items"),
                None => {
                    let d = Diagnostic::error(
                        format!("`not_before` refers to `{target}`, which is not an item"),
                        at,
                    );
                    let near = (suggestions > 0 && earlier_dates.len() <= WHEN_CANDIDATES)
                        .then(|| {
                            suggestions -= 1;
                            suggest::did_you_mean(target, earlier_dates.iter().copied())
                        })
                        .flatten();
                    match near {
                        Some(help) => d.with_help(help),
                        None => d,
                    }
                }
            };
            out.push(d);
        }
        if let Entry::Vacant(entry) = earlier.entry(&item.id.value) {
            entry.insert(item);
            if item.answer.kind() == KindId::Date {
                earlier_dates.push(&item.id.value);
            }
        }
    }
}

/// Each role on one item, or on several that `when` keeps apart, and on items of the kind it needs.
fn roles(framework: &Framework, out: &mut Vec<Diagnostic>) {
    let mut given: HashMap<Role, Vec<&Item>> = HashMap::new();
    for item in framework.items() {
        let Some(role) = &item.role else { continue };
        let id = role.value.id();
        let earlier = given.entry(role.value).or_default();
        // Several items may share a role when `when` keeps them apart: at most one of
        // them is asked in any case, so the role still finds one answer.
        if let Some(other) = earlier.iter().find(|other| !kept_apart(other, item)) {
            let line = other.role.as_ref().map_or(other.id.at.line, |r| r.at.line);
            let help = match (&other.when, &item.when) {
                (Some(_), Some(_)) => format!(
                    "a role belongs to one item, or to several that `when` keeps apart; these two can both be asked. The first is on line {line}"
                ),
                _ => format!(
                    "a role belongs to one item, or to several that `when` keeps apart (each shown only for different answers of the same earlier item); the first is on line {line}"
                ),
            };
            out.push(
                Diagnostic::error(
                    format!(
                        "`role: {id}` is given to two items, `{}` and `{}`",
                        other.id.value, item.id.value
                    ),
                    Some(role.at),
                )
                .with_help(help),
            );
            continue;
        }
        earlier.push(item);
        let needed = role.value.kind();
        if item.answer.kind() != needed {
            out.push(
                Diagnostic::error(
                    format!(
                        "`role: {id}` is for a `{}` item, and `{}` is a `{}` item",
                        needed.id(),
                        item.id.value,
                        item.answer.id()
                    ),
                    Some(role.at),
                )
                .with_help(format!(
                    "{}; make the item a `{}`, or remove its `role`",
                    why_the_kind(needed),
                    needed.id()
                )),
            );
        }
    }
}

/// With a `jurisdiction`, the item with `role: nation` is answered by it and never
/// asked: it must offer the jurisdiction's id as an option, always be shown, and need no
/// note, which nobody would be asked for.
fn jurisdiction_answers(framework: &Framework, out: &mut Vec<Diagnostic>) {
    let Some(jurisdiction) = framework.jurisdiction else {
        return;
    };
    // Several items may share the role where `when` keeps them apart; each then has a
    // `when`, which is reported.
    for item in framework.items_declaring(Role::Nation) {
        answered_by(framework, jurisdiction, item, out);
        never_asked(framework, jurisdiction, item, out);
    }
}

/// A warning for each item shown only for another nation than the jurisdiction's: the
/// framework answers the nation, so no case asks it (the built-in framework's policy
/// items for the other nations, left in a copy adapted for one nation, say).
fn never_asked(
    framework: &Framework,
    jurisdiction: Jurisdiction,
    nation: &Item,
    out: &mut Vec<Diagnostic>,
) {
    for item in framework.items() {
        let Some(when) = item
            .when
            .as_ref()
            .filter(|w| w.item.value == nation.id.value)
        else {
            continue;
        };
        if when.holds(Some(jurisdiction.id())) {
            continue;
        }
        out.push(
            Diagnostic::warning(
                format!(
                    "`{}` is never asked: it applies only when `{}` {}, and `jurisdiction: {}` answers `{}` for every case",
                    item.id.value,
                    nation.id.value,
                    when.describe("`"),
                    jurisdiction.id(),
                    nation.id.value
                ),
                Some(when.item.at),
            )
            .with_help("remove the item, or set `jurisdiction: null` to ask the nation case by case"),
        );
    }
}

/// The rules of [`jurisdiction_answers`] for one item with `role: nation`.
fn answered_by(
    framework: &Framework,
    jurisdiction: Jurisdiction,
    item: &Item,
    out: &mut Vec<Diagnostic>,
) {
    // A nation role on an item of another kind is reported by the role rules, and a
    // choice whose options could not be read where it is read.
    let AnswerKind::Choice(options) = &item.answer else {
        return;
    };
    let id = jurisdiction.id();
    let field = format!("`jurisdiction: {id}`");
    let nation = &item.id.value;
    if !options.is_empty() && !options.iter().any(|o| o.id.value == id) {
        let ids: Vec<&str> = options.iter().map(|o| o.id.value.as_str()).collect();
        // An option meant for the nation: its id a near miss, or its label the name.
        let near = suggest::closest(id, ids.iter().copied()).or_else(|| {
            options
                .iter()
                .find(|o| {
                    o.label
                        .value
                        .trim()
                        .eq_ignore_ascii_case(jurisdiction.name())
                })
                .map(|o| o.id.value.as_str())
        });
        let help = match near {
            Some(near) => format!(
                "did you mean `{near}`? Give that option the id `{id}`, so that the jurisdiction can answer the item"
            ),
            None => format!(
                "its options are {}; add one with the id `{id}`, or set `jurisdiction: null` to ask the nation case by case",
                crate::yaml::quoted_list(&ids)
            ),
        };
        out.push(
            Diagnostic::error(
                format!(
                    "{field} answers the nation for every case, but `{nation}` (`role: nation`) has no option `{id}`"
                ),
                framework.jurisdiction_at,
            )
            .with_help(help),
        );
    }
    if let Some(when) = &item.when {
        out.push(
            Diagnostic::error(
                format!(
                    "`{nation}` (`role: nation`) has a `when`, but {field} answers it for every case"
                ),
                Some(when.item.at),
            )
            .with_help(
                "remove the `when`: an item the framework answers is never asked, so it cannot be hidden",
            ),
        );
    }
    if item.note == NotePolicy::Required {
        out.push(
            Diagnostic::error(
                format!(
                    "`{nation}` (`role: nation`) requires a note, but {field} answers it and nobody is asked for one"
                ),
                item.role.as_ref().map(|r| r.at),
            )
            .with_help("make its `note` `optional`, or leave `note` out"),
        );
    }
}

/// Whether `when` keeps two items apart, so that no case asks both.
fn kept_apart(a: &Item, b: &Item) -> bool {
    match (&a.when, &b.when) {
        (Some(x), Some(y)) => x.excludes(y),
        _ => false,
    }
}

/// Why a role needs its kind of answer, for the message that refuses another kind.
fn why_the_kind(kind: KindId) -> &'static str {
    match kind {
        // Only what was chosen from a list is shared with the practitioner: typed text
        // may hold names and reasons.
        KindId::Choice => {
            "reports across cases read this role's answer as one of a fixed list of options, and the practitioner's view shows only an answer chosen from a list"
        }
        KindId::Check => {
            "reports across cases read this role's answer as yes, no or not applicable"
        }
        KindId::Date => "reports across cases read this role's answer as a calendar date",
        KindId::Text => "reports across cases read this role's answer as text",
    }
}

/// Each explanation is for an answer the item with its role can have, and given once.
fn explanations(framework: &Framework, out: &mut Vec<Diagnostic>) {
    let Some(view) = &framework.practitioner_view else {
        return;
    };
    let mut seen: HashMap<(Role, &str), u32> = HashMap::new();
    for e in &view.explanations {
        let Some(role) = e.role.value else { continue };
        let answer = e.answer.value.as_str();
        // A date has no fixed answers to explain.
        if role.kind() == KindId::Date {
            out.push(
                Diagnostic::error(
                    format!(
                        "`role: {}` is for a `date` item, and explanations are only for the roles of `choice` and `check` items",
                        role.id()
                    ),
                    Some(e.role.at),
                )
                .with_help(
                    "an explanation replaces what the practitioner's view says for one answer chosen from a list, or one of yes, no and not applicable; remove this one",
                ),
            );
            continue;
        }
        if let Some(line) = seen.insert((role, answer), e.answer.at.line) {
            out.push(
                Diagnostic::error(
                    format!(
                        "the answer `{answer}` of `role: {}` is explained twice",
                        role.id()
                    ),
                    Some(e.answer.at),
                )
                .with_help(format!("keep one; the first is on line {line}")),
            );
            continue;
        }
        // A role that is missing, on two items, or on an item without fixed answers is
        // reported by the role rules.
        let with_role: Vec<&Item> = framework.items_declaring(role).collect();
        // The role's own kind, as an item of another kind is reported already.
        if with_role.is_empty() || with_role.iter().any(|i| i.answer.kind() != role.kind()) {
            continue;
        }
        // Where `when` keeps several items apart, an answer any of them can have.
        let mut answers: Vec<&str> = Vec::new();
        for item in &with_role {
            for a in item.answer.answers().unwrap_or_default() {
                if !answers.contains(&a) {
                    answers.push(a);
                }
            }
        }
        // A choice whose options could not be read has been reported already.
        if !answers.is_empty() && !answers.contains(&answer) {
            let help =
                suggest::did_you_mean(answer, answers.iter().copied()).unwrap_or_else(|| {
                    format!("its answers are {}", crate::yaml::quoted_list(&answers))
                });
            let items: Vec<String> = with_role
                .iter()
                .map(|i| format!("`{}`", i.id.value))
                .collect();
            let message = match &items[..] {
                [one] => format!(
                    "{one} (`role: {}`) cannot have the answer `{answer}`",
                    role.id()
                ),
                _ => format!(
                    "none of {} (`role: {}`) can have the answer `{answer}`",
                    crate::yaml::quoted_list(
                        &with_role
                            .iter()
                            .map(|i| i.id.value.as_str())
                            .collect::<Vec<_>>()
                    ),
                    role.id()
                ),
            };
            out.push(Diagnostic::error(message, Some(e.answer.at)).with_help(help));
        }
    }
}

/// A warning for each role the practitioner's view needs and the framework does not
/// give, saying what the view will leave out.
fn missing_roles(framework: &Framework, out: &mut Vec<Diagnostic>) {
    // A framework adapted before roles existed: its item of the role's id stands in,
    // and the view is as it was; it is worth saying so before the item is renamed.
    for role in Role::VIEW {
        if let Some(item) = framework.item_standing_in(role) {
            out.push(
                Diagnostic::warning(
                    format!(
                        "no item has `role: {}`, so the practitioner's view uses the item `{}` for it, by its id",
                        role.id(),
                        item.id.value
                    ),
                    Some(item.id.at),
                )
                .with_help(format!(
                    "add `role: {}` to that item, so that the view still finds it if the item is renamed",
                    role.id()
                )),
            );
        }
    }
    let has = |role| framework.item_with_role(role).is_some();
    if !has(Role::Route) {
        out.push(
            Diagnostic::warning(
                "no item has `role: route`, so the practitioner's view will not say which route was decided",
                None,
            )
            .with_help(
                "give the `choice` item that records the route decided `role: route`",
            ),
        );
    }
    if !has(Role::GoverningPolicy) {
        // Without the item, the view names the nation's policy, if the framework has one.
        let message = match framework.jurisdiction {
            Some(j) => format!(
                "no item has `role: governing-policy`, so the practitioner's view will name the national policy of {} for every case",
                j.name()
            ),
            None => "no item has `role: governing-policy` and no `jurisdiction` is set, so the practitioner's view will not say which policy applies".into(),
        };
        out.push(Diagnostic::warning(message, None).with_help(
            "give the `choice` item that asks which policy governs the case `role: governing-policy`",
        ));
    }
}

/// A warning when the framework has no `practitioner_view`, saying what stands in.
fn missing_view(framework: &Framework, out: &mut Vec<Diagnostic>) {
    if framework.practitioner_view.is_none() {
        out.push(
            Diagnostic::warning(
                "the framework has no `practitioner_view`, so the practitioner's view will use the built-in framework's introduction and account of how the process works",
                None,
            )
            .with_help(
                "add a `practitioner_view` in your own words; `fairness init` writes the built-in one to start from",
            ),
        );
    }
}

/// A warning for each piece of text holding characters that could act on a terminal,
/// wherever it is in the file (unknown fields included).
pub fn unsafe_text(root: &Node) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Str(s) => {
                if let Some(c) = s.chars().find(|&c| terminal::is_unsafe(c)) {
                    out.push(
                        Diagnostic::warning(
                            format!("text contains the control character {}", c.escape_unicode()),
                            Some(node.at),
                        )
                        .with_help("terminal control characters are shown escaped; remove them"),
                    );
                }
            }
            Value::Seq(items) => stack.extend(items.iter().rev()),
            Value::Map(entries) => {
                for (k, v) in entries.iter().rev() {
                    stack.push(v);
                    stack.push(k);
                }
            }
            Value::Null | Value::Bool(_) | Value::Number => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::framework::{BUILTIN_TEXT, check as check_framework};

    use super::*;

    #[test]
    fn a_repeated_option_points_at_the_first_of_them() {
        let text = crate::framework::BUILTIN_TEXT.replace(
            "      - id: dentist\n        label: Dentist\n      - id: pharmacist\n",
            "      - id: doctor\n        label: Dentist\n      - id: doctor\n",
        );
        let checked = crate::framework::check(&text);
        let helps: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.message.starts_with("option `doctor` is listed twice"))
            .map(|d| d.help.clone().unwrap())
            .collect();
        assert_eq!(helps.len(), 2, "{:#?}", checked.diagnostics);
        assert_eq!(helps[0], helps[1], "both repeats name the first `doctor`");
    }

    #[test]
    fn slugify_suggests_an_id() {
        assert_eq!(slugify("Concern_Specific "), "concern-specific");
        assert_eq!(slugify("Was it fair?"), "was-it-fair");
    }

    fn messages(text: &str) -> Vec<String> {
        check_framework(text)
            .diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.message, d.help.as_deref().unwrap_or("")))
            .collect()
    }

    #[test]
    fn a_role_belongs_to_one_choice_item() {
        let text = BUILTIN_TEXT
            .replacen("    role: governing-policy\n", "    role: route\n", 1)
            .replacen("    role: setting\n", "", 1)
            .replacen(
                "    answer: text\n    when: { item: route, answer: other }",
                "    answer: text\n    role: setting\n    when: { item: route, answer: other }",
                1,
            );
        let found = messages(&text);
        assert!(
            found.iter().any(|m| m.starts_with(
                "`role: route` is given to two items, `policy-england` and `route`: a role belongs to one item, or to several that `when` keeps apart (each shown only for different answers of the same earlier item); the first is on line"
            )),
            "{found:#?}"
        );
        assert!(
            found.iter().any(|m| m.starts_with(
                "`role: setting` is for a `choice` item, and `route-other` is a `text` item"
            )),
            "{found:#?}"
        );
    }

    #[test]
    fn a_framework_without_the_roles_is_warned_what_the_view_leaves_out() {
        // Framework 1.0 came before roles: its items `route` and `governing-policy`
        // stand in for them by their ids, as in frameworks adapted from it.
        let without_roles = crate::framework::version_1_0();
        assert!(!without_roles.contains("role:"));
        let found = messages(&without_roles);
        for role in ["route", "governing-policy"] {
            let stand_in = format!(
                "no item has `role: {role}`, so the practitioner's view uses the item `{role}` for it, by its id"
            );
            assert!(found.iter().any(|m| m.starts_with(&stand_in)), "{found:#?}");
        }
        // Renamed as well, nothing stands in.
        let text = without_roles
            .replace("  - id: route\n", "  - id: outcome\n")
            .replace("item: route,", "item: outcome,")
            .replace("  - id: governing-policy\n", "  - id: policy\n")
            .replace("item: governing-policy,", "item: policy,");
        let checked = check_framework(&text);
        assert!(checked.is_valid(), "warnings only");
        let found = messages(&text);
        assert!(!found.iter().any(|m| m.contains("by its id")), "{found:#?}");
        assert!(
            found
                .iter()
                .any(|m| m.contains("will not say which route was decided")),
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .any(|m| m.contains("will not say which policy applies")),
            "{found:#?}"
        );
        // With a nation set, the view names its policy instead.
        let text = text.replacen("jurisdiction: null", "jurisdiction: wales", 1);
        let found = messages(&text);
        assert!(
            found.iter().any(|m| m.contains(
                "the practitioner's view will name the national policy of Wales for every case"
            )),
            "{found:#?}"
        );
    }

    #[test]
    fn a_framework_without_one_is_given_the_builtin_wording_with_a_warning() {
        let start = BUILTIN_TEXT.find("practitioner_view:").unwrap();
        let end = BUILTIN_TEXT.find("\n# Asked first.").unwrap();
        let text = format!("{}{}", &BUILTIN_TEXT[..start], &BUILTIN_TEXT[end + 1..]);
        let checked = check_framework(&text);
        assert!(checked.is_valid(), "{:#?}", checked.diagnostics);
        assert!(
            checked.diagnostics[0]
                .message
                .starts_with("the framework has no `practitioner_view`"),
            "{:#?}",
            checked.diagnostics
        );
        let fw = checked.framework.unwrap();
        assert!(fw.practitioner_view.is_none());
        let builtin = check_framework(BUILTIN_TEXT).framework.unwrap();
        assert_eq!(
            fw.letter().introduction,
            builtin.letter().introduction,
            "the built-in wording stands in"
        );
    }

    #[test]
    fn an_explanation_is_of_an_answer_the_item_can_have() {
        let text =
            BUILTIN_TEXT.replacen("answer: other\n      text:", "answer: othr\n      text:", 1);
        let found: Vec<String> = check_framework(&text)
            .diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.message, d.help.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            found,
            ["`route` (`role: route`) cannot have the answer `othr`: did you mean `other`?"]
        );
    }

    #[test]
    fn a_countersignature_names_a_listed_meaning_and_real_items_and_answers() {
        // Only the `signatures` section is changed.
        let (items, section) = BUILTIN_TEXT.split_at(BUILTIN_TEXT.find("\nsignatures:\n").unwrap());
        let section = section
            .replace(
                "    meaning: independent-reviewer\n",
                "    meaning: independent-reveiwer\n",
            )
            .replace(
                "{ item: regulator-referral, answer: \"yes\" }",
                "{ item: regulator-referal, answer: \"yes\" }",
            )
            .replace(
                "any: [formal, performers-list-action]",
                "any: [formal, performers-list]",
            )
            .replacen("    - id: board-oversight\n", "    - id: author\n", 1);
        let found = messages(&format!("{items}{section}"));
        for expected in [
            "the countersignature's meaning `independent-reveiwer` is not one of `meanings`: did you mean `independent-reviewer`?",
            "the countersignature's `when` refers to `regulator-referal`, which is not an item: did you mean `regulator-referral`?",
            "`route` cannot have the answer `performers-list`: its answers are `no-further-action`, `informal`, `remediation-plan`, `advice-referral`, `formal`, `performers-list-action` and `other`",
            "`author` is the case manager's own sign-off, built in: a meaning here is a reviewer's: name the reviewer's meaning, such as `independent-reviewer`",
        ] {
            assert!(
                found.contains(&expected.to_owned()),
                "{expected}\n{found:#?}"
            );
        }
    }

    #[test]
    fn the_builtin_framework_requires_a_countersignature_for_the_answers_the_issue_names() {
        let fw = crate::framework::check(BUILTIN_TEXT).framework.unwrap();
        let needs = |item: &str, answer: &str| {
            fw.countersignature_needed(|id| (id == item).then_some((answer, None)))
        };
        assert_eq!(
            needs("interim-measure", "restriction").as_deref(),
            Some(
                "the framework requires a countersignature (Independent reviewer), because `interim-measure` is \"restriction\""
            )
        );
        assert!(needs("interim-measure", "none").is_none());
        assert!(needs("route", "formal").is_some());
        assert!(needs("route", "performers-list-action").is_some());
        assert!(needs("route", "informal").is_none());
        assert!(needs("regulator-referral", "yes").is_some());
        assert!(needs("regulator-referral", "no").is_none());
        assert_eq!(fw.reviewer_meanings().len(), 2);
    }
}
