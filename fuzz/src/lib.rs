//! What the fuzz targets run, one function per target, shared with the ordinary test
//! `tests/fuzz_regressions.rs` (which includes this file with `#[path]`), so that the
//! kept corpus and every crashing input are replayed by `cargo test` on stable Rust with
//! no fuzzer.
//!
//! Each function takes the raw bytes of a file, as the binary would read them, and
//! follows them through what `fairness` does with such a file, panicking only where an
//! invariant is broken.

use std::sync::OnceLock;

use fairness::checklist::{self, Checklist};
use fairness::diagnostic::{self, Diagnostic, LineIndex};
use fairness::export::{self, Entry, FormatName, View};
use fairness::framework::{self, Framework};
use fairness::record::found::{Checked, Outcome};
use fairness::record::{self, FrameworkSource, Integrity, Record, Status, Verdict};

/// The name reports give the file.
const PATH: &str = "fuzz.yaml";

/// A date-like moment for anything the checklist stamps.
const NOW: &str = "2026-11-23T12:00:00Z";

/// The bytes as text, as `fairness::source::read_text` takes them; `None`, after
/// rendering the refusal, when they are not acceptable text.
fn text(data: &[u8]) -> Option<String> {
    match fairness::file::decode(data.to_vec()) {
        Ok(text) => Some(text),
        Err(d) => {
            // As `validate` and `read_for` show it: without the file's text.
            let _ = diagnostic::render(&d, PATH, None);
            None
        }
    }
}

/// Every diagnostic rendered as `validate` renders it (text, with snippets) and as
/// `validate --format json` adds the snippet line.
fn render(diagnostics: &[Diagnostic], text: &str) -> String {
    let lines = LineIndex::new(text);
    for d in diagnostics {
        if let Some(at) = d.location {
            let _ = lines.line(at.line);
        }
        let _ = serde_json::to_value(d);
    }
    diagnostic::render_all(diagnostics, PATH, Some(&lines))
}

/// Loading and validating a framework file: `fairness validate FILE` and
/// `--framework FILE`, which read it as a file a person edits.
pub fn framework(data: &[u8]) {
    let Some(text) = text(data).map(fairness::file::edited) else {
        return;
    };
    let checked = framework::check(&text);
    assert_eq!(checked.digest, fairness::file::digest(text.as_bytes()));
    let report = render(&checked.diagnostics, &text);
    assert_eq!(report.is_empty(), checked.diagnostics.is_empty());
    if !checked.is_valid() {
        assert!(
            diagnostic::error_count(&checked.diagnostics) > 0 || checked.framework.is_none(),
            "an invalid framework names no error"
        );
        if checked.framework.is_none() {
            assert!(
                !checked.diagnostics.is_empty(),
                "a framework that could not be read names no problem"
            );
        }
        return;
    }
    let Some(framework) = checked.framework.as_ref() else {
        unreachable!("a valid framework is read")
    };
    round_trip(framework);
    use_framework(framework, &checked.digest);
}

/// What the library's framework writer (`framework::to_yaml`) makes of a valid framework
/// is valid, and writing what it reads back gives the same text again.
fn round_trip(framework: &Framework) {
    let written = framework::to_yaml(framework);
    let again = framework::check(&written);
    assert!(
        again.is_valid(),
        "fairness cannot read the framework it wrote: {:?}\n{written}",
        again.diagnostics
    );
    let Some(back) = again.framework.as_ref() else {
        unreachable!("a valid framework is read")
    };
    assert_eq!(
        framework::to_yaml(back),
        written,
        "a framework changed on being written and read"
    );
}

/// What `run` does first with a valid framework: lays it out, begins a record, answers
/// nothing and asks what is missing; and what the practitioner's export takes from it.
fn use_framework(framework: &Framework, digest: &str) {
    let _ = framework.items().count();
    let list = Checklist::new(framework);
    let record = list.new_record("CASE-1", digest, &PATH.into(), NOW);
    let visible = list.visible(&record);
    assert_eq!(visible.len(), list.steps.len());
    for index in 0..list.steps.len() {
        let _ = list.is_complete(&record, index);
        let _ = list.position(&record, index);
    }
    let _ = list.missing(&record);
    assert_eq!(list.check_draft(&record), Vec::<String>::new());
    let entry = [Entry {
        file: PATH,
        record: &record,
        integrity: &Integrity::Draft,
        view: View::Practitioner(framework),
        framework: None,
    }];
    let _ = export::render(FormatName::Markdown, &entry);
    let _ = export::render(FormatName::Html, &entry);
}

/// The built-in framework, checked once: what `verify`, `run --resume` and the
/// practitioner's export use when no `--framework` is given.
fn builtin() -> &'static (Framework, String) {
    static BUILTIN: OnceLock<(Framework, String)> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        let checked = framework::check(framework::BUILTIN_TEXT);
        let digest = checked.digest.clone();
        (
            checked.framework.expect("the built-in framework is valid"),
            digest,
        )
    })
}

/// Loading and verifying a case record: `fairness verify RECORD`, every `fairness
/// export` format, and the checks `run --resume` makes before continuing a draft.
pub fn record(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let outcome = match record::verify_text(&text) {
        Verdict::Unreadable(d) => {
            assert!(!d.is_empty(), "an unreadable record names no problem");
            Outcome::Unreadable(d)
        }
        Verdict::Read(verified) => {
            check_read(&text, &verified.record, &verified.integrity);
            exports(&verified.record, &verified.integrity);
            resume(&verified.record);
            Outcome::Read(verified)
        }
    };
    // `verify`'s report, with snippets of the file.
    let checked = Checked {
        path: PATH.to_owned(),
        text: Some(text),
        outcome,
    };
    let _ = checked.status();
    let _ = checked.report();
}

/// The invariants of a record that reads.
fn check_read(text: &str, record: &Record, integrity: &Integrity) {
    let written = record::to_yaml(record);
    let form = record::check_form(record);
    match integrity {
        Integrity::Intact | Integrity::Draft => {
            assert_eq!(
                written, text,
                "judged intact or draft, but not as fairness writes it"
            );
            assert_eq!(
                form,
                Vec::<String>::new(),
                "judged intact or draft, but ill-formed"
            );
            let signed = *integrity == Integrity::Intact;
            assert_eq!(record.status == Status::Signed, signed);
            if signed {
                assert!(record.sign_off.is_some());
                assert_eq!(record.seal.as_deref(), Some(record.compute_seal().as_str()));
            }
        }
        Integrity::Altered(findings) => assert!(!findings.is_empty()),
    }
    // What fairness writes for a record it read reads back as the same record, and is
    // judged on its form and seal alone.
    let again = match record::verify_text(&written) {
        Verdict::Read(v) => v,
        Verdict::Unreadable(d) => panic!("fairness cannot read what it wrote: {d:?}"),
    };
    assert_eq!(
        &again.record, record,
        "a record changed on being written and read"
    );
    let sealed = record.status != Status::Signed
        || record.seal.as_deref() == Some(record.compute_seal().as_str());
    assert_eq!(
        again.is_altered(),
        !form.is_empty() || !sealed,
        "a record as fairness writes it is judged on its form and seal alone: {:?}",
        again.integrity
    );
    // Sealed afresh, as sign-off seals it, a well-formed signed record is intact: the
    // fuzzer cannot forge a seal, so this is how it reaches the intact path with inputs
    // of its own.
    if record.status == Status::Signed {
        let mut resealed = record.clone();
        resealed.seal = Some(resealed.compute_seal());
        if record::check_form(&resealed).is_empty() {
            let text = record::to_yaml(&resealed);
            match record::verify_text(&text) {
                Verdict::Read(v) => assert_eq!(
                    v.integrity,
                    Integrity::Intact,
                    "a well-formed record, freshly sealed, is not intact:\n{text}"
                ),
                Verdict::Unreadable(d) => panic!("fairness cannot read what it sealed: {d:?}"),
            }
        }
    }
}

/// Every export of the record: Markdown and HTML (whole record and practitioner's
/// view), JSON and CSV.
fn exports(record: &Record, integrity: &Integrity) {
    let entry = |view| Entry {
        file: PATH,
        record,
        integrity,
        view,
        // The history's labels from the framework, as an export finds it at hand.
        framework: Some(&builtin().0),
    };
    let both = [entry(View::Case), entry(View::Practitioner(&builtin().0))];
    let _ = export::render(FormatName::Markdown, &both);
    let _ = export::render(FormatName::Html, &both);
    let whole = &both[..1];
    let _ = export::render(FormatName::Html, whole);
    let json = export::render(FormatName::Json, whole);
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
        panic!("the JSON export is not JSON: {e}");
    }
    let _ = export::render(FormatName::Csv, whole);
}

/// What `run --resume` checks of a draft against the built-in framework, and the move
/// to it with `--migrate`.
fn resume(record: &Record) {
    if record.status != Status::Draft {
        return;
    }
    let (framework, digest) = builtin();
    let list = Checklist::new(framework);
    let _ = list.check_draft(record);
    let _ = list.visible(record);
    let _ = list.missing(record);
    let diff = checklist::differences(&list, record);
    let _ = diff.dropped();
    let mut moved = record.clone();
    checklist::migrate(&list, &mut moved, digest, &FrameworkSource::BuiltIn, NOW);
    let _ = list.check_draft(&moved);
    let _ = record::to_yaml(&moved);
}

/// The strict reader of fairness's own form against the general reader: the verdict on
/// any text, read strictly where it can be, is the one the general reader alone gives
/// (the same record, integrity and diagnostics); and so is the verdict on what fairness
/// writes for a record that reads, which the strict reader takes.
pub fn strict_record(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let same = |text: &str| {
        let strict = record::verify_text(text);
        let general = record::verify_text_generally(text);
        assert_eq!(
            format!("{strict:?}"),
            format!("{general:?}"),
            "the strict reader's verdict is not the general reader's"
        );
        general
    };
    if let Verdict::Read(verified) = same(&text) {
        same(&record::to_yaml(&verified.record));
    }
}
