//! The strict reader of records exactly as fairness writes them (`src/record/fast.rs`)
//! on records made as `run` makes them, of the built-in framework: each is read
//! strictly, and the verdict is the one the general reader alone gives. Through the
//! library, as `fuzz_regressions` is, since the two readers are not told apart by the
//! binary: that is the point of the strict one. (Hand-made, fixture and mutated records
//! are tested beside the reader itself.)

use fairness::checklist::Checklist;
use fairness::framework::{self, BUILTIN_TEXT, KindId};
use fairness::record::{
    self, Field, Format, FrameworkSource, Signer, Verdict, verify_text, verify_text_generally,
};

/// Records of the built-in framework: every item answered in turn (one draft stops
/// early), free text with characters that are escaped, notes on some, one draft with
/// text left unconfirmed, signed when complete, and one as format 1.
fn generated() -> Vec<String> {
    let checked = framework::check(BUILTIN_TEXT);
    let fw = checked.framework.unwrap();
    let list = Checklist::new(&fw);
    let now = "2026-11-23T09:00:00Z";
    let mut texts = Vec::new();
    for n in 0..8usize {
        let reference = format!("CASE-GEN-{n:03}");
        let mut draft =
            list.new_record(&reference, &checked.digest, &FrameworkSource::BuiltIn, now);
        for i in 0..list.steps.len() {
            if !list.visible(&draft)[i] {
                continue;
            }
            let item = list.steps[i].item;
            let answer = match (item.answer.answers(), item.answer.kind()) {
                (Some(all), _) => all[(n + i) % all.len()].to_owned(),
                (None, KindId::Text) => format!("Record {n} \"item\" {i}: é 漢 \\ 🙂 #x: y"),
                (None, _) => item.answer.sample_answer(),
            };
            // A note on some answers, and on every answer that needs one.
            let note = format!("Note {i}\twith a tab, and\na line");
            let note = match item.accept(&answer, None) {
                Ok(_) if i % 3 != n % 3 => None,
                _ => Some(note),
            };
            let given = item
                .accept(&answer, note.as_deref())
                .unwrap_or_else(|e| panic!("`{}`: {e}", item.id.value));
            list.apply(&mut draft, i, &given, now);
            if n == 1 && i == 20 {
                break;
            }
        }
        if n == 2 {
            draft.keep_unconfirmed("concern-specific", Field::Note, "half a\nnote", now);
        }
        if n >= 3 && list.missing(&draft).is_empty() {
            let signer = Signer {
                name: "Dr Gen Erated".into(),
                role: "Case manager".into(),
            };
            list.sign(&mut draft, &signer, now);
        }
        if n == 7 {
            draft.format = Format::V1;
            for c in &mut draft.history {
                c.by = None;
                c.reason = None;
            }
            if let Some(s) = &mut draft.sign_off {
                s.meaning = None;
                s.countersignature = None;
            }
            draft.seal = draft.seal.is_some().then(|| draft.compute_seal());
        }
        texts.push(record::to_yaml(&draft));
    }
    texts
}

#[test]
fn generated_records_get_the_general_readers_verdict() {
    let texts = generated();
    let mut signed = 0;
    for text in &texts {
        let strict = verify_text(text);
        let general = verify_text_generally(text);
        assert_eq!(format!("{strict:?}"), format!("{general:?}"), "{text}");
        let Verdict::Read(v) = strict else {
            panic!("not read:\n{text}")
        };
        assert!(!v.is_altered(), "{:?}\n{text}", v.integrity);
        signed += usize::from(v.record.status == record::Status::Signed);
        // Taken by the strict reader, as the same record.
        assert_eq!(
            record::read_strictly(text).as_ref(),
            Some(&v.record),
            "{text}"
        );
    }
    assert!(signed >= 3, "{signed} of {} signed", texts.len());
}
