//! Properties over generated frameworks and records (proptest):
//!
//! - any framework the library can write, it reads back as the same framework;
//! - any well-formed record, signed, seals and verifies as intact;
//! - any single-byte change to a signed record fails verification.

use proptest::prelude::*;

use fairness::checklist::{Checklist, Signer, accept};
use fairness::diagnostic::{Located, Location};
use fairness::framework::{
    self, AnswerKind, ChoiceOption, Condition, Framework, Item, Jurisdiction, NotePolicy,
    Principle, Support, principles::LOCKED,
};
use fairness::record::{self, Integrity, Verdict};

fn at<T>(value: T) -> Located<T> {
    Located::new(value, Location::new(1, 1, 1))
}

/// Text a framework or a person could hold: letters of several scripts, YAML's
/// special characters, quotes, escapes and line breaks; never blank, and without
/// leading or trailing spaces (which the format does not keep).
fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "[A-Za-z0-9éß漢🙂 :#&*!|>'\"\\\\%@`,\\[\\]{}?-]{0,30}(\n[A-Za-z0-9 :#\"\\\\-]{1,20}){0,2}",
    )
    .unwrap()
    .prop_map(|t| format!("T{}.", t.trim()))
}

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
}

fn item_seed() -> impl Strategy<Value = ItemSeed> {
    (
        slug(),
        text(),
        proptest::option::of(text()),
        0u8..4,
        proptest::collection::vec((slug(), text()), 2..4),
        0u8..3,
        any::<bool>(),
        proptest::option::of((1usize..6, 0usize..3)),
    )
        .prop_map(
            |(id, prompt, guidance, kind, options, note, required, when)| ItemSeed {
                id,
                prompt,
                guidance,
                kind,
                options,
                note,
                required,
                when,
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
            text(),
            text(),
            proptest::option::of(text()),
            proptest::option::of(0u8..3),
            text(),
        ),
        proptest::collection::vec((text(), text(), proptest::option::of(text())), 0..3),
        items(0),
        proptest::collection::vec((proptest::option::of(text()), items(1)), 5),
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

/// A framework the rules accept: ids made unique, `required-if-no` only on checks, and
/// each `when` pointed at an earlier check or choice with one of its answers.
fn build(seed: FrameworkSeed) -> Framework {
    let mut n = 0;
    let mut earlier: Vec<(String, Vec<String>)> = Vec::new();
    let mut item = |s: &ItemSeed| {
        n += 1;
        let answer = match s.kind {
            0 => AnswerKind::Check,
            1 => AnswerKind::Text,
            2 => AnswerKind::Date,
            _ => AnswerKind::Choice(
                s.options
                    .iter()
                    .enumerate()
                    .map(|(k, (id, label))| ChoiceOption {
                        id: at(format!("{id}-{k}")),
                        label: at(format!("Option {k}: {label}")),
                    })
                    .collect(),
            ),
        };
        let note = match (s.note, &answer) {
            (0, _) => NotePolicy::Optional,
            (1, _) => NotePolicy::Required,
            (_, AnswerKind::Check) => NotePolicy::RequiredIfNo,
            _ => NotePolicy::Optional,
        };
        let when = s.when.and_then(|(back, pick)| {
            let (target, answers) = earlier.len().checked_sub(back).map(|i| &earlier[i])?;
            let answer = answers.get(pick % answers.len().max(1))?;
            Some(Condition {
                item: at(target.clone()),
                answer: at(answer.clone()),
            })
        });
        let id = format!("{}-{n}", s.id);
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
        case_details,
        principles,
        principles_at: None,
        decision,
    }
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
        prop_assert_eq!(content(&back), content(&fw), "{}", written);
        prop_assert_eq!(framework::to_yaml(&back), written);
    }

    #[test]
    fn any_record_seals_and_verifies(seed in framework_seed(), answers in proptest::collection::vec((text(), any::<u8>(), proptest::option::of(text())), 64)) {
        let fw = build(seed);
        let text = signed_record(&fw, &answers);
        match record::verify_text(&text) {
            Verdict::Read(v) => prop_assert_eq!(v.integrity, Integrity::Intact, "{}", text),
            Verdict::Unreadable(d) => prop_assert!(false, "{:?}\n{}", d, text),
        }
    }

    #[test]
    fn any_single_byte_changed_in_a_signed_record_fails_verification(
        seed in framework_seed(),
        answers in proptest::collection::vec((text(), any::<u8>(), proptest::option::of(text())), 64),
        position in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let fw = build(seed);
        let text = signed_record(&fw, &answers);
        let mut bytes = text.into_bytes();
        let i = position.index(bytes.len());
        prop_assume!(bytes[i] != byte);
        bytes[i] = byte;
        // Bytes that are not UTF-8 text are refused before they are read.
        if let Ok(changed) = String::from_utf8(bytes)
            && let Verdict::Read(v) = record::verify_text(&changed)
        {
            prop_assert!(v.integrity != Integrity::Intact, "byte {i} -> {byte:#04x} passed:\n{changed}");
        }
    }
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
            let when = i.when.as_ref().map(|w| (&w.item.value, &w.answer.value));
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
                    when
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

/// Answers every item that is asked (each with one of the generated answers where the
/// item can take it, else its first possible answer), signs, and returns the file.
fn signed_record(fw: &Framework, answers: &[(String, u8, Option<String>)]) -> String {
    let list = Checklist::new(fw);
    let digest = format!("sha256:{}", "0".repeat(64));
    let t = "2026-11-23T10:00:00Z";
    let mut record = list.new_record("CASE-PROP-1", &digest, "built-in", t);
    for i in 0..list.steps.len() {
        if !list.visible(&record)[i] {
            continue;
        }
        let item = list.steps[i].item;
        let (free, pick, note) = &answers[i % answers.len()];
        let answer = match &item.answer {
            AnswerKind::Text => free.clone(),
            AnswerKind::Date => "2026-02-28".to_owned(),
            kind => {
                let all = kind.answers().unwrap();
                all[*pick as usize % all.len()].to_owned()
            }
        };
        let note = note.clone().or_else(|| Some("Because.".into()));
        let given = accept(item, &answer, note.as_deref()).expect("a generated answer is accepted");
        list.apply(&mut record, i, &given, t);
    }
    list.sign(
        &mut record,
        &Signer {
            name: "A. Signer".into(),
            role: "Case manager".into(),
        },
        "2026-11-23T10:10:00Z",
    );
    record::to_yaml(&record)
}
