//! Properties over generated frameworks and records (proptest):
//!
//! - any framework the library can write, it reads back as the same framework;
//! - any well-formed record the library writes, draft or signed, reads back as the same
//!   record and verifies (as a draft, or as intact once signed and sealed);
//! - any single byte changed in, inserted into or deleted from a signed record makes it
//!   fail verification (refused as not UTF-8 text, unreadable, or altered);
//! - a draft moved to a changed framework still reads back and verifies (this found
//!   framework text with control characters copied raw into the history).
//!
//! Text is generated to reach every case `record::quote` treats specially and every
//! word YAML might read as something other than text; see [`text`].

use proptest::prelude::*;
use proptest::sample::{Index, select};

use fairness::checklist::{Checklist, migrate};
use fairness::diagnostic::{Located, Location};
use fairness::file;
use fairness::framework::{
    self, AnswerKind, ChoiceOption, Condition, DateRules, Framework, Item, Jurisdiction,
    NotePolicy, Principle, Support, Wanted, principles::LOCKED,
};
use fairness::record::{self, Integrity, Record, Signer, Verdict};

fn at<T>(value: T) -> Located<T> {
    Located::new(value, Location::new(1, 1, 1))
}

// ---------------------------------------------------------------------------------------
// Text

/// ASCII, with every character YAML gives a meaning to (indicators, quotes, the escape
/// character, comment and mapping marks) and the space.
const ASCII: &[char] = &[
    'a', 'b', 'z', 'A', 'Z', '0', '1', '9', ' ', ' ', ' ', '-', '?', ':', ',', '[', ']', '{', '}',
    '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '\\', '=', '~', '.', '/', '_', '+',
    ';', '<', '$', '^', '(', ')',
];

/// Characters `quote` escapes or a YAML reader might fold, drop or refuse, besides the
/// C0 and C1 controls: NEL, the line and paragraph separators, the byte order mark, the
/// non-characters U+FFFE and U+FFFF; and others that are easy to get wrong: no-break
/// and other Unicode spaces, zero-width characters, the bidirectional marks,
/// embeddings, overrides and isolates, the soft hyphen and the replacement character.
const SPECIAL: &[char] = &[
    '\u{85}', '\u{2028}', '\u{2029}', '\u{feff}', '\u{fffe}', '\u{ffff}', '\u{a0}', '\u{1680}',
    '\u{2003}', '\u{202f}', '\u{3000}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{200e}', '\u{200f}',
    '\u{61c}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
    '\u{2068}', '\u{2069}', '\u{ad}', '\u{fffd}',
];

/// Letters of other scripts, a combining mark, characters that change under Unicode
/// normalisation or case mapping, and emoji (astral, with a skin tone and a ZWJ).
const NON_ASCII: &[char] = &[
    'é',
    'ß',
    'ñ',
    'Ω',
    'ж',
    'ا',
    'ש',
    '漢',
    '字',
    'İ',
    'ﬁ',
    '\u{212b}',
    '\u{301}',
    '𝔘',
    '🙂',
    '👩',
    '\u{2695}',
    '\u{fe0f}',
    '\u{1f3fd}',
];

/// Words YAML 1.1 or 1.2 would read as booleans, nulls, numbers, dates, anchors, aliases,
/// tags, block scalars, directives, documents or flow collections if they were not quoted,
/// and escapes that must stay literal.
const WORDS: &[&str] = &[
    "yes",
    "no",
    "Yes",
    "NO",
    "on",
    "Off",
    "y",
    "n",
    "true",
    "False",
    "null",
    "Null",
    "NULL",
    "~",
    "0",
    "1",
    "-1",
    "007",
    "1.10",
    "1e999",
    ".inf",
    "-.Inf",
    ".nan",
    "0x1F",
    "0o17",
    "+1",
    "2026-03-14",
    "12:30",
    "---",
    "...",
    "- x",
    "? x",
    "# x",
    "a: b",
    ": ",
    " #",
    "&a",
    "*a",
    "!!str",
    "!tag",
    "|",
    "|-",
    ">",
    ">+",
    "%YAML 1.2",
    "@x",
    "`x`",
    "'",
    "''",
    "\"",
    "\\",
    "\\n",
    "\\x41",
    "\\u2028",
    "<<",
    "=",
    "{}",
    "[]",
    "{a: 1}",
    "[1, 2]",
    "C:\\dir\\",
    "\r\n",
    "\n\n",
    "\t",
    "a\tb",
    "line\nbreak",
    "👩\u{200d}\u{2695}\u{fe0f}",
    "e\u{301}",
];

/// Text that is empty or blank (Rust's `trim`, which the readers use, removes all of it).
const BLANK: &[&str] = &[
    "", " ", "  ", "\t", "\n", " \n\t ", "\r\n", "\u{a0}", "\u{85}", "\u{2028}", "\u{3000}",
];

/// Spaces and breaks around a word, to test that leading and trailing ones are kept.
const PADDING: &[&str] = &["", "", " ", "  ", "\t", "\n", "\u{a0}"];

fn character() -> impl Strategy<Value = char> {
    prop_oneof![
        8 => select(ASCII),
        2 => select(SPECIAL),
        2 => select(NON_ASCII),
        1 => proptest::char::range('\0', '\u{1f}'),
        1 => proptest::char::range('\u{7f}', '\u{9f}'),
        1 => select(&['\t', '\n', '\r'][..]),
        1 => any::<char>(),
    ]
}

/// Any text at all: empty, blank, a YAML-significant word with spaces around it, or a
/// mixture of all of the above, control characters included.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => character().prop_map(String::from),
        1 => select(WORDS).prop_map(str::to_owned),
    ];
    prop_oneof![
        1 => select(BLANK).prop_map(str::to_owned),
        2 => (select(PADDING), select(WORDS), select(PADDING))
            .prop_map(|(before, word, after)| format!("{before}{word}{after}")),
        7 => proptest::collection::vec(piece, 1..20).prop_map(|pieces| pieces.concat()),
    ]
}

fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// Text made non-blank (by adding a letter where it was blank).
fn filled(text: String) -> String {
    if is_blank(&text) { text + "x" } else { text }
}

/// Text for a framework field that must have some: anything that is not blank. The
/// framework reader refuses only blank required text; control characters and
/// bidirectional controls draw a warning, which leaves the framework valid.
fn required_text() -> impl Strategy<Value = String> {
    text().prop_map(filled)
}

/// Text for an optional framework field: absent, blank (which means absent) or any text.
fn optional_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(text())
}

/// Whether `check_text` (src/value.rs) refuses `c` in text a person types (an answer, a
/// note, a signer's name): the controls other than tab and line feed (C0, DEL, C1, so
/// `\r` and NEL too), and the bidirectional embeddings, overrides and isolates.
/// Everything else is accepted, U+2028, the byte order mark and the bidirectional marks
/// among it.
fn refused_when_typed(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text as a person may type it for a text answer or a note: no refused character. May
/// be blank (a blank note is no note; a blank answer is refused and replaced).
fn typed() -> impl Strategy<Value = String> {
    text().prop_map(|t| t.chars().filter(|&c| !refused_when_typed(c)).collect())
}

/// A signer's name or role (`check_name`): typed text on one line (no line feed or tab;
/// U+2028 is not refused), not blank, at most 200 characters. Not trimmed: a record
/// keeps spaces around a name, though `run` trims them.
fn name() -> impl Strategy<Value = String> {
    typed().prop_map(|t| {
        let t: String = t.chars().filter(|&c| c != '\n' && c != '\t').collect();
        filled(t.chars().take(200).collect())
    })
}

// ---------------------------------------------------------------------------------------
// Frameworks

fn slug() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5}){0,2}"
}

/// An item's shape before ids are made unique and conditions are wired up.
#[derive(Clone, Debug)]
struct ItemSeed {
    id: String,
    prompt: String,
    guidance: Option<String>,
    kind: u8,
    options: Vec<(String, String)>,
    note: u8,
    required: bool,
    /// If set: depend on the earlier item this far back, on one of its answers.
    when: Option<(usize, usize)>,
    /// For a date: whether it may not lie ahead, and the earlier dates (this far back
    /// among them) it should not come before.
    dates: (bool, Vec<usize>),
}

fn item_seed() -> impl Strategy<Value = ItemSeed> {
    (
        slug(),
        required_text(),
        optional_text(),
        0u8..4,
        proptest::collection::vec((slug(), required_text()), 2..4),
        0u8..3,
        any::<bool>(),
        proptest::option::of((1usize..6, 0usize..3)),
        (any::<bool>(), proptest::collection::vec(1usize..4, 0..3)),
    )
        .prop_map(
            |(id, prompt, guidance, kind, options, note, required, when, dates)| ItemSeed {
                id,
                prompt,
                guidance,
                kind,
                options,
                note,
                required,
                when,
                dates,
            },
        )
}

#[derive(Clone, Debug)]
struct FrameworkSeed {
    name: String,
    version: String,
    organisation: Option<String>,
    jurisdiction: Option<u8>,
    declaration: String,
    support: Vec<(String, String, Option<String>)>,
    case_details: Vec<ItemSeed>,
    principles: Vec<(Option<String>, Vec<ItemSeed>)>,
    order: Vec<usize>,
    decision: Vec<ItemSeed>,
}

fn framework_seed() -> impl Strategy<Value = FrameworkSeed> {
    let items = |min| proptest::collection::vec(item_seed(), min..4);
    (
        (
            required_text(),
            required_text(),
            optional_text(),
            proptest::option::of(0u8..3),
            required_text(),
        ),
        proptest::collection::vec((required_text(), required_text(), optional_text()), 0..3),
        items(0),
        proptest::collection::vec((optional_text(), items(1)), 5),
        Just((0..5).collect::<Vec<usize>>()).prop_shuffle(),
        items(0),
    )
        .prop_map(
            |(
                (name, version, organisation, jurisdiction, declaration),
                support,
                case_details,
                principles,
                order,
                decision,
            )| {
                FrameworkSeed {
                    name,
                    version,
                    organisation,
                    jurisdiction,
                    declaration,
                    support,
                    case_details,
                    principles,
                    order,
                    decision,
                }
            },
        )
}

/// A framework the rules accept: ids made unique, option labels made distinct (the
/// rules compare them trimmed and lower-cased), `required-if-no` only on checks, and
/// each `when` pointed at an earlier check or choice with one of its answers. Text is
/// otherwise as generated.
fn build(seed: FrameworkSeed) -> Framework {
    let mut n = 0;
    let mut earlier: Vec<(String, Vec<String>)> = Vec::new();
    let mut earlier_dates: Vec<String> = Vec::new();
    let mut item = |s: &ItemSeed| {
        n += 1;
        let id = format!("{}-{n}", s.id);
        let answer = match s.kind {
            0 => AnswerKind::Check,
            1 => AnswerKind::Text,
            2 => {
                let (past, back) = &s.dates;
                let mut not_before: Vec<Located<String>> = Vec::new();
                for b in back {
                    if let Some(i) = earlier_dates.len().checked_sub(*b)
                        && !not_before.iter().any(|d| d.value == earlier_dates[i])
                    {
                        not_before.push(at(earlier_dates[i].clone()));
                    }
                }
                earlier_dates.push(id.clone());
                AnswerKind::Date(DateRules {
                    past: *past,
                    not_before,
                })
            }
            _ => {
                let mut labels: Vec<String> = Vec::new();
                let mut options = Vec::new();
                for (k, (id, label)) in s.options.iter().enumerate() {
                    let mut label = label.clone();
                    let key = |l: &str| l.trim().to_lowercase();
                    while labels.iter().any(|l| key(l) == key(&label)) {
                        label.push_str(&k.to_string());
                    }
                    labels.push(label.clone());
                    options.push(ChoiceOption {
                        id: at(format!("{id}-{k}")),
                        label: at(label),
                    });
                }
                AnswerKind::Choice(options)
            }
        };
        let note = match (s.note, &answer) {
            (0, _) => NotePolicy::Optional,
            (1, _) => NotePolicy::Required,
            (_, AnswerKind::Check) => NotePolicy::RequiredIfNo,
            _ => NotePolicy::Optional,
        };
        let when = s.when.and_then(|(back, pick)| {
            let (target, answers) = earlier.len().checked_sub(back).map(|i| &earlier[i])?;
            let answer = |k: usize| {
                answers
                    .get((pick + k) % answers.len().max(1))
                    .map(|a| at(a.clone()))
            };
            // Each of the three kinds of test, in turn.
            let test = match pick % 3 {
                0 => Wanted::Is(answer(0)?),
                1 => Wanted::AnyOf(vec![answer(0)?, answer(1)?]),
                _ => Wanted::Not(answer(0)?),
            };
            Some(Condition {
                item: at(target.clone()),
                test,
            })
        });
        if let Some(answers) = answer.answers() {
            earlier.push((id.clone(), answers.iter().map(|a| a.to_string()).collect()));
        }
        Item {
            id: at(id),
            prompt: at(s.prompt.clone()),
            guidance: s.guidance.clone(),
            answer,
            note,
            required: s.required,
            when,
            role: None,
            change_reason: None,
        }
    };
    let case_details = seed.case_details.iter().map(&mut item).collect();
    let principles = seed
        .order
        .iter()
        .map(|&i| {
            let (summary, items) = &seed.principles[i];
            Principle {
                id: at(LOCKED[i].id.to_owned()),
                title: at(LOCKED[i].title.to_owned()),
                summary: summary.clone(),
                items: items.iter().map(&mut item).collect(),
                items_at: None,
            }
        })
        .collect();
    let decision = seed.decision.iter().map(&mut item).collect();
    Framework {
        name: seed.name,
        version: seed.version,
        organisation: seed.organisation,
        jurisdiction: seed.jurisdiction.map(|j| Jurisdiction::ALL[j as usize]),
        jurisdiction_at: None,
        declaration: seed.declaration,
        support: seed
            .support
            .into_iter()
            .map(|(name, detail, contact)| Support {
                name,
                detail,
                contact,
            })
            .collect(),
        practitioner_view: None,
        case_details,
        principles,
        principles_at: None,
        change_reason: Default::default(),
        decision,
        signatures: None,
    }
}

/// The framework as it should read back: optional text that is empty or blank means
/// absent (the reader takes it so, and the writer writes it as `null`).
fn normalised(fw: &Framework) -> Framework {
    fn absent_if_blank(text: &mut Option<String>) {
        if text.as_deref().is_some_and(is_blank) {
            *text = None;
        }
    }
    let mut fw = fw.clone();
    absent_if_blank(&mut fw.organisation);
    for s in &mut fw.support {
        absent_if_blank(&mut s.contact);
    }
    for p in &mut fw.principles {
        absent_if_blank(&mut p.summary);
    }
    for item in items_mut(&mut fw) {
        absent_if_blank(&mut item.guidance);
    }
    fw
}

fn items_mut(fw: &mut Framework) -> impl Iterator<Item = &mut Item> {
    let principles = fw.principles.iter_mut().flat_map(|p| p.items.iter_mut());
    fw.case_details
        .iter_mut()
        .chain(principles)
        .chain(fw.decision.iter_mut())
}

/// A changed version of `fw`, as an organisation might make: renamed, and some prompts
/// reworded (each item's by `prompts`, in turn, where it has one).
fn changed(fw: &Framework, name: &str, version: &str, prompts: &[Option<String>]) -> Framework {
    let mut new = fw.clone();
    new.name = name.to_owned();
    new.version = version.to_owned();
    for (k, item) in items_mut(&mut new).enumerate() {
        if let Some(prompt) = &prompts[k % prompts.len()] {
            item.prompt = at(prompt.clone());
        }
    }
    new
}

/// Everything a framework says, without where it says it (places differ between a
/// framework built in memory and one read from a file).
fn content(fw: &Framework) -> Vec<String> {
    let mut out = vec![format!(
        "{:?}",
        (
            &fw.name,
            &fw.version,
            &fw.organisation,
            fw.jurisdiction,
            &fw.declaration
        )
    )];
    for s in &fw.support {
        out.push(format!("{:?}", (&s.name, &s.detail, &s.contact)));
    }
    let mut items = |section: &str, items: &[Item]| {
        for i in items {
            let options: Vec<(&str, &str)> = match &i.answer {
                AnswerKind::Choice(o) => o
                    .iter()
                    .map(|o| (o.id.value.as_str(), o.label.value.as_str()))
                    .collect(),
                _ => Vec::new(),
            };
            let when = i.when.as_ref().map(|w| (&w.item.value, w.describe("")));
            let dates = i.date_rules().map(|r| {
                let ids: Vec<&str> = r.not_before.iter().map(|d| d.value.as_str()).collect();
                (r.past, ids)
            });
            out.push(format!(
                "{section} {:?}",
                (
                    &i.id.value,
                    &i.prompt.value,
                    &i.guidance,
                    i.answer.id(),
                    options,
                    i.note,
                    i.required,
                    when,
                    dates
                )
            ));
        }
    };
    items("case_details", &fw.case_details);
    for p in &fw.principles {
        items(
            &format!("{:?}", (&p.id.value, &p.title.value, &p.summary)),
            &p.items,
        );
    }
    items("decision", &fw.decision);
    out
}

// ---------------------------------------------------------------------------------------
// Records

/// A time as records write one and `is_timestamp` accepts: `YYYY-MM-DDTHH:MM:SSZ`, a
/// real date, within the range of `jiff::Timestamp` (which ends at
/// 9999-12-30T22:00:00Z); and a few edges, a leap second (which jiff accepts) among them.
fn timestamp() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (date(0..=9998), 0u8..24, 0u8..60, 0u8..60)
            .prop_map(|(d, h, m, s)| format!("{d}T{h:02}:{m:02}:{s:02}Z")),
        1 => select(&[
            "0000-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z",
            "2024-02-29T23:59:59Z",
            "2016-12-31T23:59:60Z",
            "9999-12-30T22:00:00Z",
        ][..])
        .prop_map(str::to_owned),
    ]
}

/// A date `YYYY-MM-DD` in the calendar, 29 February of leap years included.
fn date(years: std::ops::RangeInclusive<u16>) -> impl Strategy<Value = String> {
    (years, 1u8..=12, 1u8..=31).prop_map(|(y, m, d)| {
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        let days = match m {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        format!("{y:04}-{m:02}-{:02}", d.min(days))
    })
}

/// A case reference `check_reference` accepts: ASCII letters, digits, `-`, `_` and `.`,
/// starting with a letter or digit, at most 64 characters, and not a name Windows
/// reserves for a device (CON, PRN, AUX, NUL, COM0-9, LPT0-9, before any `.`, in any
/// case). Near misses of those names are accepted, and generated.
fn reference() -> impl Strategy<Value = String> {
    fn reserved(reference: &str) -> bool {
        let stem = reference.split('.').next().unwrap_or_default();
        let stem = stem.to_ascii_uppercase();
        matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
            || (stem.len() == 4
                && (stem.starts_with("COM") || stem.starts_with("LPT"))
                && stem.as_bytes()[3].is_ascii_digit())
    }
    prop_oneof![
        4 => "[A-Za-z0-9][A-Za-z0-9._-]{0,63}".prop_filter("a device name", |r| !reserved(r)),
        1 => select(&[
            "0", "Z", "CASE-2026-014", "a..b", "x_", "x.", "CONSOLE", "COM10", "LPT", "con-1",
            "NUL_", "aux2", "Com1x",
            "a123456789b123456789c123456789d123456789e123456789f123456789ghij",
        ][..])
        .prop_map(str::to_owned),
    ]
}

/// One answer as a person might give it: free text (for a text item), which option or
/// check answer to pick, a date, a note, and when.
#[derive(Clone, Debug)]
struct Reply {
    free: String,
    pick: u8,
    date: String,
    note: Option<String>,
    at: String,
}

fn reply() -> impl Strategy<Value = Reply> {
    (
        typed(),
        any::<u8>(),
        date(0..=9999),
        proptest::option::of(typed()),
        timestamp(),
    )
        .prop_map(|(free, pick, date, note, at)| Reply {
            free,
            pick,
            date,
            note,
            at,
        })
}

/// Going back to an item: answering it again or clearing its answer.
#[derive(Clone, Debug)]
struct Edit {
    step: Index,
    clear: bool,
    reply: Reply,
}

/// One case worked through: a record begun, every item asked answered, some answers
/// then changed or cleared, and (if signed) what sign-off needs answered and the
/// record signed.
#[derive(Clone, Debug)]
struct CaseSeed {
    reference: String,
    digest: String,
    source: String,
    started: String,
    replies: Vec<Reply>,
    edits: Vec<Edit>,
    signer: (String, String, String),
}

fn case_seed() -> impl Strategy<Value = CaseSeed> {
    let edit = (any::<Index>(), proptest::bool::weighted(0.3), reply())
        .prop_map(|(step, clear, reply)| Edit { step, clear, reply });
    (
        reference(),
        "[0-9a-f]{64}",
        prop_oneof![Just("built-in".to_owned()), required_text()],
        timestamp(),
        proptest::collection::vec(reply(), 1..24),
        proptest::collection::vec(edit, 0..6),
        (name(), name(), timestamp()),
    )
        .prop_map(
            |(reference, hex, source, started, replies, edits, signer)| CaseSeed {
                reference,
                digest: format!("sha256:{hex}"),
                source,
                started,
                replies,
                edits,
                signer,
            },
        )
}

/// Answers step `i` with `reply` as `run` would record it (the answer checked by
/// `accept`), and saves the time. Where the item needs a note and the reply has none
/// (or a blank one), one is given.
fn answer(list: &Checklist, record: &mut Record, i: usize, reply: &Reply) {
    let item = list.steps[i].item;
    let answer = match &item.answer {
        AnswerKind::Text => filled(reply.free.clone()),
        AnswerKind::Date(_) => reply.date.clone(),
        kind => {
            let all = kind.answers().unwrap();
            all[reply.pick as usize % all.len()].to_owned()
        }
    };
    let given = item
        .accept(&answer, reply.note.as_deref())
        .or_else(|_| item.accept(&answer, Some("Because.")))
        .unwrap_or_else(|e| panic!("{answer:?} for {:?} is refused: {e}", item.id.value));
    list.apply(record, i, &given, &reply.at);
    record.case.updated = reply.at.clone();
}

/// The record of one case, as the library writes it: a draft, or (if `sign`) signed
/// and sealed. Its history holds `changed`, `cleared` and `withdrawn` entries where
/// the edits make them.
fn case_record(fw: &Framework, seed: &CaseSeed, sign: bool) -> Record {
    let list = Checklist::new(fw);
    let mut record = list.new_record(
        &seed.reference,
        &seed.digest,
        &seed.source.as_str().into(),
        &seed.started,
    );
    let replies = &seed.replies;
    for i in 0..list.steps.len() {
        if list.visible(&record)[i] {
            answer(&list, &mut record, i, &replies[i % replies.len()]);
        }
    }
    for edit in &seed.edits {
        let i = edit.step.index(list.steps.len());
        if !list.visible(&record)[i] {
            continue;
        }
        if edit.clear && !list.steps[i].item.required {
            list.clear(&mut record, i, &edit.reply.at);
            record.case.updated = edit.reply.at.clone();
        } else {
            answer(&list, &mut record, i, &edit.reply);
        }
    }
    if sign {
        // What sign-off needs (answers cleared or newly asked), each in asking order.
        for n in 0.. {
            let Some(missing) = list.missing(&record).into_iter().next() else {
                break;
            };
            let i = list.index_of(&missing.item).unwrap();
            answer(&list, &mut record, i, &replies[n % replies.len()]);
        }
        let (name, role, signed) = &seed.signer;
        list.sign(
            &mut record,
            &Signer {
                name: name.clone(),
                role: role.clone(),
            },
            signed,
        );
    }
    record
}

/// One change to a file's bytes.
#[derive(Clone, Debug)]
enum ByteEdit {
    Replace(Index, u8),
    Insert(Index, u8),
    Delete(Index),
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    prop_oneof![
        2 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| ByteEdit::Replace(i, b)),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| ByteEdit::Insert(i, b)),
        1 => any::<Index>().prop_map(ByteEdit::Delete),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_framework_written_reads_back_the_same(seed in framework_seed()) {
        let fw = build(seed);
        let written = framework::to_yaml(&fw);
        let checked = framework::check(&written);
        prop_assert!(checked.is_valid(), "{:#?}\n{written}", checked.diagnostics);
        let back = checked.framework.unwrap();
        prop_assert_eq!(content(&back), content(&normalised(&fw)), "{}", written);
        prop_assert_eq!(framework::to_yaml(&back), written);
    }

    /// A framework saved by Notepad (a byte-order mark, CRLF line ends), read as
    /// fairness reads a framework file, is the same framework with the same digest.
    #[test]
    fn any_framework_saved_by_notepad_reads_as_the_same(seed in framework_seed()) {
        let written = framework::to_yaml(&build(seed));
        let saved = format!("\u{feff}{}", written.replace('\n', "\r\n"));
        let read = file::edited(file::decode(saved.into_bytes()).unwrap());
        prop_assert_eq!(&read, &written);
        prop_assert_eq!(framework::check(&read).digest, file::digest(written.as_bytes()));
    }

    #[test]
    fn any_record_reads_back_the_same_and_verifies(
        seed in framework_seed(),
        case in case_seed(),
        sign in any::<bool>(),
    ) {
        let fw = build(seed);
        let record = case_record(&fw, &case, sign);
        let text = record::to_yaml(&record);
        match record::verify_text(&text) {
            Verdict::Read(v) => {
                let expected = if sign { Integrity::Intact } else { Integrity::Draft };
                prop_assert_eq!(&v.integrity, &expected, "{}", text);
                prop_assert_eq!(&v.record, &record, "{}", text);
            }
            Verdict::Unreadable(d) => prop_assert!(false, "{:?}\n{}", d, text),
        }
    }

    #[test]
    fn any_single_byte_changed_in_a_signed_record_fails_verification(
        seed in framework_seed(),
        case in case_seed(),
        edit in byte_edit(),
    ) {
        let fw = build(seed);
        let mut bytes = record::to_yaml(&case_record(&fw, &case, true)).into_bytes();
        let what = match edit {
            ByteEdit::Replace(i, byte) => {
                let i = i.index(bytes.len());
                prop_assume!(bytes[i] != byte);
                bytes[i] = byte;
                format!("byte {i} replaced by {byte:#04x}")
            }
            ByteEdit::Insert(i, byte) => {
                let i = i.index(bytes.len() + 1);
                bytes.insert(i, byte);
                format!("{byte:#04x} inserted at byte {i}")
            }
            ByteEdit::Delete(i) => {
                let i = i.index(bytes.len());
                let byte = bytes.remove(i);
                format!("byte {i} ({byte:#04x}) deleted")
            }
        };
        let utf8 = std::str::from_utf8(&bytes).is_ok();
        // What `verify` does with a file: decode it, then judge the text.
        match file::decode(bytes) {
            Err(_) => {}
            Ok(changed) => {
                prop_assert!(utf8, "{what}: bytes that are not UTF-8 were decoded:\n{changed}");
                if let Verdict::Read(v) = record::verify_text(&changed) {
                    prop_assert!(
                        v.integrity != Integrity::Intact,
                        "{what}, and it passed:\n{changed}"
                    );
                }
            }
        }
    }

    /// A draft moved to a changed framework (`run --resume --migrate`) is still one that
    /// reads back and verifies, with `migrated` and `dropped` entries in its history.
    #[test]
    fn any_migrated_draft_reads_back_the_same_and_verifies(
        seed in framework_seed(),
        case in case_seed(),
        (name, version) in (required_text(), required_text()),
        prompts in proptest::collection::vec(proptest::option::of(required_text()), 1..6),
        (hex, now) in ("[0-9a-f]{64}", timestamp()),
    ) {
        let old = build(seed);
        let mut record = case_record(&old, &case, false);
        let new = changed(&old, &name, &version, &prompts);
        let list = Checklist::new(&new);
        migrate(&list, &mut record, &format!("sha256:{hex}"), &case.source.as_str().into(), &now);
        let text = record::to_yaml(&record);
        match record::verify_text(&text) {
            Verdict::Read(v) => {
                prop_assert_eq!(&v.integrity, &Integrity::Draft, "{}", text);
                prop_assert_eq!(&v.record, &record, "{}", text);
            }
            Verdict::Unreadable(d) => prop_assert!(false, "{:?}\n{}", d, text),
        }
    }
}
