//! Answers files and case records the tests share: the seven example answers files,
//! the signed records `run --answers` makes of them, a draft, a record altered by
//! hand, and records built with the library when a test needs what an answers file
//! cannot give (a history, hostile text).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use fairness::checklist::Checklist;
use fairness::framework::{self, BUILTIN_TEXT, Given, NoteNeed};
use fairness::record::{self, Format, FrameworkSource, Record, Signer};

use crate::harness::{Test, repo_file};

/// The seven example answers files, by the name their records are given here.
pub const EXAMPLES: [&str; 7] = [
    "locum-prescribing",
    "international-graduate-communication",
    "dentist-health",
    "pharmacist-informal",
    "ni-surgeon-restriction",
    "gp-performers-list-referral",
    "wales-trainee-health",
];

/// The example answers file `examples/answers/NAME.yaml`.
pub fn answers(name: &str) -> String {
    repo_file(&format!("examples/answers/{name}.yaml"))
}

/// `answers` without its sign-off: what makes a draft.
pub fn without_sign_off(answers: &str) -> String {
    let cut = answers
        .find("\nsign_off:")
        .expect("the answers file signs off");
    answers[..cut + 1].to_owned()
}

/// `fairness run --answers a.yaml -o r.yaml`, with `answers` as `a.yaml`.
pub fn from_answers(answers: impl AsRef<[u8]>) -> Test<'static> {
    Test::new()
        .file("a.yaml", answers)
        .args(["run", "--answers", "a.yaml", "-o", "r.yaml"])
}

/// What `run --answers` prints for the signed record `file`, whose seal varies with the
/// time of signing: [`assert_sealed_as_printed`] checks it is the record's own.
/// A case the framework requires a countersignature for is said to need one, with
/// the command that gives it.
pub fn signed_and_sealed(file: &str) -> String {
    format!(
        "^Signed and sealed: {}\n  seal sha256:[0-9a-f]{{64}}\n(It needs a countersignature: the framework requires a countersignature \\(Independent reviewer\\), because [^\n]+\\.\nAn independent reviewer countersigns it \\(or returns it with comments\\) with:\n    fairness countersign [^\n]+\n)?$",
        literal(file)
    )
}

/// `text` as a regular expression that matches it and nothing else: a Windows path's
/// `\` and a name's `.` taken literally.
fn literal(text: &str) -> String {
    let mut pattern = String::new();
    for c in text.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern
}

/// The seal printed after "Signed and sealed" is the one in the record.
pub fn assert_sealed_as_printed(stdout: &str, record: &str) {
    let seal = read(record).seal.expect("a signed record has a seal");
    assert!(
        stdout.contains(&format!("  seal {seal}\n")),
        "the seal printed is not the record's {seal}: {stdout}"
    );
}

/// What `run --answers` prints for a draft `file` of `answered` answers, which still
/// needs the items `needed` answered before it can be signed.
pub fn draft_written(file: &str, answered: usize, needed: &[&str]) -> String {
    let mut out = format!("Draft written: {file} ({answered} answers).\n");
    if !needed.is_empty() {
        let names: Vec<String> = needed.iter().map(|n| format!("`{n}`")).collect();
        out.push_str(&format!(
            "Still needed before sign-off ({}): {}\n",
            needed.len(),
            names.join(", ")
        ));
    }
    out.push_str(&format!(
        "Continue in a terminal with:\n    fairness run --resume {file}\n"
    ));
    out
}

/// What `verify` prints for the intact signed record `text`, as `file`.
pub fn intact(file: &str, text: &str) -> String {
    let record = read(text);
    let s = record.sign_off.clone().unwrap();
    let mut said = format!(
        "{file}: intact, signed by {}, {}, at {} UTC\n  case {}, seal {}\n",
        s.name,
        s.role,
        shown_time(&s.signed),
        record.case.reference,
        record.seal.clone().unwrap()
    );
    // Format 2, not yet reviewed: where it stands, and the signer's signature.
    if record.format == Format::V2 {
        assert!(record.reviews.is_empty(), "for a record not yet reviewed");
        said.push_str(&format!(
            "  standing: {}\n  signature 1: {}, {} · Author (the case manager's sign-off) · signed at {} UTC\n",
            if s.countersignature.is_some() {
                "signed, awaiting countersignature"
            } else {
                "signed"
            },
            s.name,
            s.role,
            shown_time(&s.signed),
        ));
        if let Some(why) = &s.countersignature {
            said.push_str(&format!("    why a countersignature is required: {why}\n"));
        }
    }
    said
}

/// A record's time as reports show it: `2026-11-23 10:05`.
pub fn shown_time(timestamp: &str) -> String {
    format!("{} {}", &timestamp[..10], &timestamp[11..16])
}

/// The first line of `verify`'s report on an altered record, and the blank line after.
pub fn altered_line(file: &str) -> String {
    format!(
        "{file}: ALTERED: this record has been changed outside fairness, so it cannot be relied on\n\n"
    )
}

/// The problem `verify` finds with `text`, a record sealed as `sealed` and changed
/// since.
pub fn not_as_sealed(file: &str, sealed: &str, text: &str) -> String {
    crate::harness::error(format!(
        "its content is not what was sealed at sign-off: the seal is {sealed}, but the content now gives {}",
        crate::harness::body_digest(text)
    ))
    .in_file(file)
    .to_string()
}

/// What `verify` prints for [`altered`], as `file`.
pub fn altered_report(file: &str) -> String {
    let seal = read(&signed("dentist-health")).seal.unwrap();
    format!(
        "{}{}",
        altered_line(file),
        not_as_sealed(file, &seal, &altered())
    )
}

/// Made once per test run: each text below is the same for every test that asks.
fn once(key: &str, make: impl FnOnce() -> String) -> String {
    static MADE: OnceLock<Mutex<HashMap<String, String>>> = OnceLock::new();
    let made = MADE.get_or_init(Default::default);
    if let Some(text) = made.lock().unwrap().get(key) {
        return text.clone();
    }
    let text = make();
    made.lock().unwrap().insert(key.into(), text.clone());
    text
}

/// The signed record `fairness run --answers examples/answers/NAME.yaml` writes.
pub fn signed(name: &str) -> String {
    once(name, || {
        let ran = from_answers(answers(name))
            .stdout_matches(&signed_and_sealed("r.yaml"))
            .run();
        let text = ran.read("r.yaml");
        assert_sealed_as_printed(&ran.stdout, &text);
        text
    })
}

/// A draft: the pharmacist example without its sign-off, as `run --answers` writes it.
pub fn draft() -> String {
    once("draft", || {
        from_answers(without_sign_off(&answers("pharmacist-informal")))
            .stdout(draft_written("r.yaml", 47, &[]))
            .run()
            .read("r.yaml")
    })
}

/// The signed dentist example with its signer's name changed by hand, seal untouched.
pub fn altered() -> String {
    crate::harness::edit(&signed("dentist-health"), "Hester Quaile", "Hester Quayle")
}

/// A test folder holding the seven signed examples, as `NAME.yaml`.
pub fn examples() -> Test<'static> {
    let mut test = Test::new();
    for name in EXAMPLES {
        test = test.file(&format!("{name}.yaml"), signed(name));
    }
    test
}

/// A record of the built-in framework with every item answered `yes`, the first
/// option, a date or text; `notes` gives the note of some items; `changes` answers
/// some items a second time, which leaves a history. Signed when `sign` is set.
pub fn built(notes: &[(&str, &str)], changes: &[(&str, &str, Option<&str>)], sign: bool) -> Record {
    let fw = framework::check(BUILTIN_TEXT).framework.unwrap();
    let digest = fairness::file::digest(BUILTIN_TEXT.as_bytes());
    let list = Checklist::new(&fw);
    let t = "2026-11-23T10:00:00Z";
    let mut record = list.new_record("CASE-BUILT-1", &digest, &FrameworkSource::BuiltIn, t);
    for i in 0..list.steps.len() {
        if !list.visible(&record)[i] {
            continue;
        }
        let item = list.steps[i].item;
        let answer = item.answer.sample_answer();
        let note = notes
            .iter()
            .find(|(id, _)| *id == item.id.value)
            .map(|(_, n)| n.to_string())
            .or_else(|| {
                (item.note_need(&answer) == NoteNeed::Required)
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

/// The built-in framework without the `role` of its items and without its
/// `practitioner_view`: the built-in framework as it was before they existed, which
/// records and drafts of that time name by its digest.
pub fn builtin_before_roles() -> String {
    let start = BUILTIN_TEXT
        .find("\n# What the practitioner's view of a record says")
        .expect("the built-in framework has a practitioner_view");
    let end = BUILTIN_TEXT.find("\n# Asked first.").unwrap();
    let text = format!("{}{}", &BUILTIN_TEXT[..start], &BUILTIN_TEXT[end..]);
    let kept: Vec<&str> = text
        .split('\n')
        .filter(|l| {
            !l.starts_with("    role: ")
                && !l.starts_with("  # `role` tells")
                && !l.starts_with("  # on whichever item does")
        })
        .collect();
    kept.join("\n")
}

/// `text`, a draft, as if begun with the framework `framework` names by its digest.
pub fn begun_with(text: &str, framework: &str) -> String {
    let record = read(text);
    text.replacen(
        &format!("digest: \"{}\"", record.framework.digest),
        &format!(
            "digest: \"{}\"",
            fairness::file::digest(framework.as_bytes())
        ),
        1,
    )
}
