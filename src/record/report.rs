//! What `verify` says beyond each record's own verdict: where it stands in the chain of
//! its case's versions, in words, and the whole report as JSON (`fairness-verify/1`,
//! documented in docs/output-and-exit-codes.md) for other programs.

use serde::Serialize;

use crate::terminal::{escape_json, neutralise, one_line};
use crate::value::shown_time;

use super::chain::Link;
use super::found::{Checked, Outcome};
use super::{Integrity, Record, Status, Verified};

/// The `format` of `verify --format json`, changed only with its shape: fields are only
/// ever added.
pub const FORMAT: &str = "fairness-verify/1";

/// A record found beside another that says it supersedes it.
pub struct Successor {
    pub file: String,
    pub verified: Box<Verified>,
}

/// One file given to `verify`: as found, or, for a case reference with no record, why
/// not; with the records beside it that supersede it.
pub struct Given {
    pub file: String,
    pub checked: Result<Checked, String>,
    pub successors: Vec<Successor>,
}

impl Given {
    /// The record, when it is intact.
    pub fn intact(&self) -> Option<&Record> {
        match &self.checked.as_ref().ok()?.outcome {
            Outcome::Read(v) if v.integrity == super::Integrity::Intact => Some(&v.record),
            _ => None,
        }
    }

    pub fn record(&self) -> Option<&Record> {
        match &self.checked.as_ref().ok()?.outcome {
            Outcome::Read(v) | Outcome::OtherSeal { verified: v, .. } => Some(&v.record),
            Outcome::Io(_) | Outcome::Unreadable(_) => None,
        }
    }
}

/// The lines said under a record's verdict about its versions: the one it supersedes,
/// and any beside it that supersede it. Each line begins with two spaces.
pub fn version_lines(given: &Given) -> String {
    let mut text = String::new();
    if let Some(link) = given.record().and_then(super::chain::describe_link) {
        text.push_str(&format!("  {link}\n"));
    }
    for next in &given.successors {
        let file = one_line(&next.file);
        let record = &next.verified.record;
        text.push_str(&match (&next.verified.integrity, &record.sign_off) {
            (Integrity::Intact, Some(s)) => format!(
                "  superseded by {file} (version {}, signed by {}, at {})\n",
                record.case.version,
                s.signer(),
                shown_time(&s.signed)
            ),
            (Integrity::Draft, _) => format!(
                "  an amendment is under way in {file} (version {}, a draft): this record stays current until it is signed\n",
                record.case.version
            ),
            _ => format!(
                "  {file} says it supersedes this record, but it has been ALTERED: `fairness verify` it\n"
            ),
        });
    }
    text
}

/// Whether the record has been superseded by a signed, intact record beside it.
fn superseded_by(given: &Given) -> Option<&str> {
    given
        .successors
        .iter()
        .find(|s| s.verified.integrity == Integrity::Intact)
        .map(|s| s.file.as_str())
}

/// The chain of two records given together, in words: linked or broken, and which is
/// current.
pub fn link_heading(link: &Link, given: &[Given]) -> String {
    let (old, new) = (&given[link.old], &given[link.new]);
    let version = |g: &Given| g.record().map_or(0, |r| r.case.version);
    let reference = new
        .record()
        .map(|r| neutralise(&r.case.reference).into_owned());
    let mut text = format!(
        "Versions of case {}: {} (version {}) → {} (version {}): ",
        reference.unwrap_or_default(),
        one_line(&old.file),
        version(old),
        one_line(&new.file),
        version(new),
    );
    if !link.holds() {
        text.push_str("the link is BROKEN");
        return text;
    }
    text.push_str("linked; ");
    text.push_str(&match superseded_by(new) {
        Some(later) => format!(
            "{} is itself superseded by {}",
            one_line(&new.file),
            one_line(later)
        ),
        None => format!("the current version is {}", one_line(&new.file)),
    });
    text
}

#[derive(Serialize)]
struct Json<'a> {
    format: &'static str,
    records: Vec<JsonRecord<'a>>,
    /// The worst verdict: `intact`, `draft`, `altered` (a record, or a broken link
    /// between versions) or `unreadable`.
    verdict: &'static str,
    /// Whether keys were required (`require_keys`), which makes a signature without
    /// one, or by a key not listed for its name, not count.
    keys_required: bool,
    /// `failing` when any intact record has a signature whose key does not count
    /// (see each record's `keys`), else `ok`.
    keys_verdict: &'static str,
}

#[derive(Serialize)]
struct JsonRecord<'a> {
    file: &'a str,
    reference: Option<&'a str>,
    format: Option<&'static str>,
    status: Option<&'static str>,
    standing: Option<&'static str>,
    integrity: &'static str,
    findings: Vec<String>,
    seal: Option<&'a str>,
    signatures: Vec<JsonSignature<'a>>,
    version: Option<u32>,
    supersedes: Option<JsonSupersedes<'a>>,
    superseded_by: Option<&'a str>,
    chain: Option<JsonChain<'a>>,
    /// For an intact record: `failing` when any signature's key does not count, `ok`
    /// when every one counts and at least one was made with a key, `none` when none
    /// was (and none had to be); `null` for any other record.
    keys: Option<&'static str>,
}

#[derive(Serialize)]
struct JsonSignature<'a> {
    /// `sign-off` or `review`.
    kind: &'static str,
    /// A review's `countersigned` or `returned`; `None` for the sign-off.
    outcome: Option<&'a str>,
    meaning: Option<&'a str>,
    name: &'a str,
    role: &'a str,
    at: &'a str,
    seal: Option<&'a str>,
    seal_ok: bool,
    /// The signature's key, checked; `None` where the record is not intact (a key
    /// signature proves nothing of an altered record).
    key: Option<JsonKey<'a>>,
}

/// What `verify` found of a signature's key (see [`crate::keys::check::Outcome`]).
#[derive(Serialize)]
struct JsonKey<'a> {
    /// `listed`, `unlisted`, `not-valid`, `revoked`, `unchecked`, `bad` or `no-key`.
    outcome: &'static str,
    /// `SHA256:…`, where the signature names a key.
    fingerprint: Option<&'a str>,
    /// The same, in words.
    says: &'a str,
    /// Whether the signature counts as the named person's, as `verify` judges it
    /// (false makes the record fail).
    counts: bool,
}

/// What `verify` found of one signature's key, for its JSON.
pub struct KeyFound {
    /// The signature's number: the sign-off is 1.
    pub number: usize,
    pub outcome: &'static str,
    pub fingerprint: Option<String>,
    pub says: String,
    pub counts: bool,
}

#[derive(Serialize)]
struct JsonSupersedes<'a> {
    seal: &'a str,
    reason: &'a str,
}

/// The link from this record to the one it supersedes, where both were given.
#[derive(Serialize)]
struct JsonChain<'a> {
    supersedes_file: &'a str,
    /// `linked` or `broken`.
    link: &'static str,
    problems: &'a [String],
    /// Whether this is the latest version known: given, or found beside it.
    current: bool,
}

fn integrity(checked: &Result<Checked, String>) -> (&'static str, Vec<String>) {
    let Ok(checked) = checked else {
        return ("unreadable", Vec::new());
    };
    match &checked.outcome {
        Outcome::Io(_) | Outcome::Unreadable(_) => ("unreadable", Vec::new()),
        Outcome::OtherSeal { .. } => ("altered", Vec::new()),
        Outcome::Read(v) => match &v.integrity {
            Integrity::Intact => ("intact", Vec::new()),
            Integrity::Draft => ("draft", Vec::new()),
            Integrity::Altered(f) => ("altered", f.iter().map(|f| f.message.clone()).collect()),
        },
    }
}

/// Each signature with whether its own seal holds: the sign-off's is the record's seal
/// over what the signer sealed (an edit to a review alone leaves it whole), each
/// review's its own.
fn signatures<'r>(record: &'r Record, keys: &'r [KeyFound]) -> Vec<JsonSignature<'r>> {
    let key = |number: usize| {
        keys.iter().find(|k| k.number == number).map(|k| JsonKey {
            outcome: k.outcome,
            fingerprint: k.fingerprint.as_deref(),
            says: &k.says,
            counts: k.counts,
        })
    };
    let mut out = Vec::new();
    let sealed = record.status == Status::Signed
        && record
            .seal
            .as_deref()
            .is_some_and(|seal| seal == record.compute_seal());
    if let Some(s) = &record.sign_off {
        out.push(JsonSignature {
            kind: "sign-off",
            outcome: None,
            meaning: s.meaning.as_deref(),
            name: &s.name,
            role: &s.role,
            at: &s.signed,
            seal: record.seal.as_deref(),
            seal_ok: sealed,
            key: key(1),
        });
    }
    for (n, r) in record.reviews.iter().enumerate() {
        out.push(JsonSignature {
            kind: "review",
            outcome: Some(r.outcome.as_str()),
            meaning: Some(&r.meaning),
            name: &r.name,
            role: &r.role,
            at: &r.at,
            seal: Some(&r.seal),
            seal_ok: record.compute_review_seal(n).as_deref() == Some(r.seal.as_str()),
            key: key(n + 2),
        });
    }
    out
}

/// `verify --format json`: every file given, with the links found among them; `problems`
/// holds each given file's own problems as rendered for people (a reference with no
/// record, a file that cannot be read).
pub fn json(
    given: &[Given],
    links: &[Link],
    problems: &[Vec<String>],
    keys: &[Vec<KeyFound>],
    keys_required: bool,
) -> String {
    let mut worst = 0;
    let order = ["intact", "draft", "altered", "unreadable"];
    let records = given
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let (state, mut findings) = integrity(&g.checked);
            if findings.is_empty() && matches!(state, "unreadable" | "altered") {
                findings = problems[i]
                    .iter()
                    .map(|p| p.trim_end().to_owned())
                    .collect();
            }
            let link = links.iter().find(|l| l.new == i);
            let broken = links
                .iter()
                .any(|l| (l.new == i || l.old == i) && !l.holds());
            let state = if broken && state == "intact" {
                "altered"
            } else {
                state
            };
            worst = worst.max(order.iter().position(|o| *o == state).unwrap_or(3));
            let record = g.record();
            JsonRecord {
                file: &g.file,
                reference: record.map(|r| r.case.reference.as_str()),
                format: record.map(|r| r.format.id()),
                status: record.map(|r| r.status.id()),
                // A record judged altered cannot be relied on to stand anywhere.
                standing: record
                    .filter(|_| matches!(state, "intact" | "draft"))
                    .map(|r| r.standing().id()),
                integrity: state,
                findings,
                seal: record.and_then(|r| r.seal.as_deref()),
                signatures: record.map_or_else(Vec::new, |r| signatures(r, &keys[i])),
                keys: (!keys[i].is_empty()).then(|| {
                    if keys[i].iter().any(|k| !k.counts) {
                        "failing"
                    } else if keys[i].iter().any(|k| k.outcome != "no-key") {
                        "ok"
                    } else {
                        "none"
                    }
                }),
                version: record.map(|r| r.case.version),
                supersedes: record.and_then(|r| r.case.supersedes.as_ref()).map(|s| {
                    JsonSupersedes {
                        seal: &s.seal,
                        reason: &s.reason,
                    }
                }),
                superseded_by: superseded_by(g).or_else(|| {
                    links
                        .iter()
                        .find(|l| l.old == i)
                        .map(|l| given[l.new].file.as_str())
                }),
                chain: link.map(|l| JsonChain {
                    supersedes_file: &given[l.old].file,
                    link: if l.holds() { "linked" } else { "broken" },
                    problems: &l.problems,
                    current: superseded_by(g).is_none()
                        && !links.iter().any(|other| other.old == i),
                }),
            }
        })
        .collect();
    let text = serde_json::to_string_pretty(&Json {
        format: FORMAT,
        keys_verdict: if keys.iter().flatten().any(|k| !k.counts) {
            "failing"
        } else {
            "ok"
        },
        records,
        verdict: order[worst],
        keys_required,
    })
    .expect("the report serialises");
    format!("{}\n", escape_json(text))
}
