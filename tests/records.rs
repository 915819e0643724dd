//! Case records for the `verify` and `export` tests: the four signed examples, made by
//! the real binary from `examples/answers/`, a draft, and records built with the
//! library when a test needs what an answers file cannot give (a history, hostile
//! text).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use fairness::checklist::{Checklist, Given, NoteNeed, Signer};
use fairness::framework::{self, BUILTIN_TEXT};
use fairness::record::{self, Record};

use crate::harness::old::Test;
use crate::harness::{repo_file, root};

/// The four example answers files, by the name their records are given here.
pub const EXAMPLES: [&str; 4] = [
    "locum-prescribing",
    "international-graduate-communication",
    "dentist-health",
    "pharmacist-informal",
];

/// The signed record `fairness run --answers examples/answers/NAME.yaml` writes.
pub fn signed(name: &str) -> String {
    static MADE: OnceLock<Mutex<HashMap<String, String>>> = OnceLock::new();
    let made = MADE.get_or_init(Default::default);
    if let Some(text) = made.lock().unwrap().get(name) {
        return text.clone();
    }
    let answers = root().join(format!("examples/answers/{name}.yaml"));
    let run = Test::new()
        .args([
            "run",
            "--answers",
            answers.to_str().unwrap(),
            "-o",
            "r.yaml",
        ])
        .run()
        .code(0);
    let text = std::fs::read_to_string(run.path("r.yaml")).unwrap();
    made.lock().unwrap().insert(name.into(), text.clone());
    text
}

/// A draft: the pharmacist example without its sign-off, as `run --answers` writes it.
pub fn draft() -> String {
    let answers = repo_file("examples/answers/pharmacist-informal.yaml");
    let cut = answers.find("\nsign_off:").expect("the example signs off");
    let run = Test::new()
        .file("a.yaml", &answers[..cut + 1])
        .args(["run", "--answers", "a.yaml", "-o", "d.yaml"])
        .run()
        .code(0);
    std::fs::read_to_string(run.path("d.yaml")).unwrap()
}

/// A record of the built-in framework with every item answered `yes`, the first
/// option, a date or text; `notes` gives the note of some items; `changes` answers
/// some items a second time, which leaves a history. Signed when `sign` is set.
pub fn built(notes: &[(&str, &str)], changes: &[(&str, &str, Option<&str>)], sign: bool) -> Record {
    let fw = framework::check(BUILTIN_TEXT).framework.unwrap();
    let digest = framework::digest(BUILTIN_TEXT.as_bytes());
    let list = Checklist::new(&fw);
    let t = "2026-11-23T10:00:00Z";
    let mut record = list.new_record("CASE-BUILT-1", &digest, "built-in", t);
    for i in 0..list.steps.len() {
        if !list.visible(&record)[i] {
            continue;
        }
        let item = list.steps[i].item;
        let answer = match &item.answer {
            framework::AnswerKind::Check => "yes".to_owned(),
            framework::AnswerKind::Choice(options) => options[0].id.value.clone(),
            framework::AnswerKind::Date => "2026-11-02".to_owned(),
            framework::AnswerKind::Text => format!("Text for {}.", item.id.value),
        };
        let note = notes
            .iter()
            .find(|(id, _)| *id == item.id.value)
            .map(|(_, n)| n.to_string())
            .or_else(|| {
                (fairness::checklist::note_need(item, &answer) == NoteNeed::Required)
                    .then(|| format!("Why, for {}.", item.id.value))
            });
        list.apply(&mut record, i, &Given { answer, note }, t);
    }
    for (id, answer, note) in changes {
        let i = list.index_of(id).unwrap();
        let given = Given {
            answer: answer.to_string(),
            note: note.map(str::to_owned),
        };
        list.apply(&mut record, i, &given, "2026-11-23T10:05:00Z");
    }
    assert_eq!(
        list.missing(&record),
        Vec::new(),
        "the built record is complete"
    );
    if sign {
        let signer = Signer {
            name: "Dr Example Signer".into(),
            role: "Case manager".into(),
        };
        list.sign(&mut record, &signer, "2026-11-23T10:10:00Z");
    }
    record
}

/// The record's file text.
pub fn text(record: &Record) -> String {
    record::to_yaml(record)
}

/// The record `text` holds, read with the library.
pub fn read(text: &str) -> Record {
    record::from_yaml_text(text).expect("a readable record")
}
