//! What a Markdown or HTML export says, built once as plain blocks so that both formats
//! carry the same content: the whole record for the case file, or the practitioner's
//! view. The renderers only decide how each block looks.

use std::borrow::Cow;

use crate::framework::{Framework, Jurisdiction, KindId, Role, principles};
use crate::record::{Answer, Change, Event, Format, Integrity, Keyword, Record, SectionId, Status};
use crate::value::{shown_date, shown_time};

use super::{Entry, View};

/// One record as a sequence of blocks.
#[derive(Debug)]
pub struct Part {
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug)]
pub enum Block {
    /// The record was altered: shown loudly, first.
    Alarm {
        title: String,
        text: String,
        findings: Vec<String>,
    },
    /// The record is a draft.
    Notice {
        title: String,
        text: String,
    },
    Heading(String),
    /// A heading within a [`Block::Heading`]'s part.
    Subheading(String),
    /// A paragraph; its line breaks are kept.
    Text(String),
    /// Labelled values, such as the case details.
    Facts(Vec<(String, String)>),
    /// One answered item.
    Item(ItemView),
    Bullets(Vec<String>),
    /// Named entries with a description, such as support services.
    Entries(Vec<(String, String)>),
}

#[derive(Debug)]
pub struct ItemView {
    pub number: usize,
    pub prompt: String,
    /// `None` in the practitioner's view, which shows the question only.
    pub answer: Option<String>,
    pub note: Option<String>,
    pub answered: Option<String>,
}

/// The parts of a record in the order the checklist asks them: the section id and its
/// title.
/// Made once: the CSV export asks for a title for every answer of every record.
fn sections() -> &'static [(SectionId, String)] {
    static SECTIONS: std::sync::OnceLock<Vec<(SectionId, String)>> = std::sync::OnceLock::new();
    SECTIONS.get_or_init(|| {
        let mut out = vec![(SectionId::CaseDetails, "Case details".to_owned())];
        for (i, p) in principles::LOCKED.iter().enumerate() {
            out.push((
                SectionId::Principle(p),
                format!("Principle {}: {}", i + 1, p.title),
            ));
        }
        out.push((SectionId::Decision, "Decision".to_owned()));
        out
    })
}

/// The title of the section a record's answer belongs to; the id itself when it is not
/// one fairness knows (an altered record).
pub fn section_title(section: &Keyword<SectionId>) -> Cow<'static, str> {
    sections().iter().find(|(s, _)| section == s).map_or_else(
        || Cow::Owned(section.as_str().to_owned()),
        |(_, title)| Cow::Borrowed(title.as_str()),
    )
}

/// What an answer shows: the label the person chose, or the text they gave.
pub fn shown_answer(a: &Answer) -> &str {
    a.label.as_deref().unwrap_or(&a.answer)
}

fn integrity_blocks(integrity: &Integrity, record: &Record) -> Vec<Block> {
    match integrity {
        Integrity::Altered(findings) => vec![Block::Alarm {
            title: "WARNING: this record has been ALTERED since fairness wrote it".into(),
            text: "Do not rely on it. Checking it found:".into(),
            findings: findings.iter().map(|f| f.message.clone()).collect(),
        }],
        Integrity::Draft => vec![Block::Notice {
            title: "DRAFT: not signed off".into(),
            text: format!(
                "This record is a draft, last saved {}. Its answers may still change, and it has no seal.",
                shown_time(&record.case.updated)
            ),
        }],
        Integrity::Intact => Vec::new(),
    }
}

/// A record as the document for whom it is.
pub fn part(entry: &Entry) -> Part {
    match entry.view {
        View::Case => full(entry.record, entry.integrity, entry.framework),
        View::Practitioner(framework) => practitioner(entry.record, entry.integrity, framework),
    }
}

/// The whole record, for the case file, HR and audit.
pub fn full(record: &Record, integrity: &Integrity, framework: Option<&Framework>) -> Part {
    let mut blocks = integrity_blocks(integrity, record);
    let fw = &record.framework;
    let mut facts = vec![
        ("Case reference".to_owned(), record.case.reference.clone()),
        (
            "Status".to_owned(),
            match record.status {
                // Format 2: where it stands with its reviewers.
                Status::Signed if record.format >= Format::V2 => {
                    crate::value::capitalised(record.standing().describe())
                }
                Status::Signed => "Signed".to_owned(),
                Status::Draft => "Draft, not signed off".to_owned(),
            },
        ),
        (
            "Framework".to_owned(),
            format!("{} (version {})", fw.name, fw.version),
        ),
    ];
    if let Some(o) = &fw.organisation {
        facts.push(("Organisation".into(), o.clone()));
    }
    if let Some(j) = fw.jurisdiction.as_deref() {
        facts.push(("Nation".into(), jurisdiction_name(j)));
    }
    facts.extend([
        ("Framework source".into(), fw.source.to_string()),
        ("Framework digest".into(), fw.digest.clone()),
        ("Started".into(), shown_time(&record.case.started)),
        ("Last saved".into(), shown_time(&record.case.updated)),
    ]);
    blocks.push(Block::Facts(facts));
    blocks.extend(amendment_blocks(record, framework));

    for (id, title) in sections() {
        blocks.push(Block::Heading(title.clone()));
        let answers: Vec<&Answer> = record.answers.iter().filter(|a| a.section == *id).collect();
        if answers.is_empty() {
            blocks.push(Block::Text(
                if record.status == Status::Draft {
                    "No item of this part has been answered yet."
                } else {
                    "No item of this part was asked."
                }
                .into(),
            ));
        }
        blocks.extend(answers.iter().enumerate().map(|(i, a)| item(i + 1, a)));
    }
    let others: Vec<&Answer> = record
        .answers
        .iter()
        .filter(|a| !sections().iter().any(|(id, _)| a.section == *id))
        .collect();
    if !others.is_empty() {
        blocks.push(Block::Heading("Answers in no known part".into()));
        blocks.extend(others.iter().enumerate().map(|(i, a)| {
            let mut view = item(i + 1, a);
            view_prefix(&mut view, a.section.as_str());
            view
        }));
    }

    blocks.push(Block::Heading("Sign-off".into()));
    match &record.sign_off {
        Some(s) => {
            blocks.push(Block::Facts(vec![
                ("Signed by".into(), s.name.clone()),
                ("Role".into(), s.role.clone()),
                ("Signed".into(), shown_time(&s.signed)),
                ("Declaration".into(), s.declaration.clone()),
                (
                    "Seal".into(),
                    record.seal.clone().unwrap_or_else(|| "none".into()),
                ),
                (
                    "Seal checked".into(),
                    match integrity {
                        Integrity::Intact => "intact when exported".into(),
                        _ => "NOT intact when exported".into(),
                    },
                ),
            ]));
        }
        None => blocks.push(Block::Text("Not signed off yet.".into())),
    }
    if record.format >= Format::V2 {
        signatures(record, framework, &mut blocks);
    }

    blocks.push(Block::Heading("History".into()));
    if record.history.is_empty() {
        blocks.push(Block::Text(
            "No answer was changed after it was first given.".into(),
        ));
    } else {
        blocks.push(Block::Bullets(
            record
                .history
                .iter()
                .map(|c| change(record, c, framework))
                .collect(),
        ));
    }
    Part {
        title: format!("Case record {}", record.case.reference),
        blocks,
    }
}

/// For a record that supersedes another (`fairness amend`): which, why, and the answers
/// changed since. Nothing for a first version, so that its export says no more than
/// before.
fn amendment_blocks(record: &Record, framework: Option<&Framework>) -> Vec<Block> {
    let Some(s) = &record.case.supersedes else {
        return Vec::new();
    };
    let mut blocks = vec![
        Block::Heading("Amendment".into()),
        Block::Text(format!(
            "Version {}, superseding the record sealed {} — reason: {}",
            record.case.version, s.seal, s.reason
        )),
        Block::Subheading(format!(
            "Answers changed since version {}",
            record.case.version.saturating_sub(1)
        )),
    ];
    let changed = crate::checklist::amend::changed_since_superseded(record);
    if changed.is_empty() {
        blocks.push(Block::Text("No answer was changed.".into()));
    } else {
        blocks.push(Block::Bullets(
            changed
                .iter()
                .map(|c| change(record, c, framework))
                .collect(),
        ));
    }
    blocks
}

/// Format 2: what the sign-off's signature means, whether a countersignature is
/// awaited and why, and each review with its meaning, after the sign-off.
fn signatures(record: &Record, framework: Option<&Framework>, blocks: &mut Vec<Block>) {
    // A meaning the record's own framework names, when it is at hand, by its label
    // there; else as fairness knows it, or by its id.
    let label = |id: &str| match framework {
        Some(fw) => fw.meaning_label(id),
        None => crate::framework::meaning_label(id),
    };
    let Some(s) = &record.sign_off else { return };
    let mut facts = vec![(
        "Sign-off's meaning".to_owned(),
        label(s.meaning.as_deref().unwrap_or(crate::record::AUTHOR)),
    )];
    facts.push((
        "Standing".to_owned(),
        crate::value::capitalised(record.standing().describe()),
    ));
    if let Some(why) = &s.countersignature {
        // Said as why one is required, which stays true once it is given.
        facts.push(("Why a countersignature is required".to_owned(), why.clone()));
    }
    if record.standing() == crate::record::Standing::Countersigned
        && let Some((n, r)) = record
            .reviews
            .iter()
            .enumerate()
            .rev()
            .find(|(_, r)| r.outcome == crate::record::Outcome::Countersigned)
    {
        facts.push((
            "Countersigned in".to_owned(),
            format!(
                "Review {}, by {}, {}, at {}",
                n + 1,
                r.name,
                r.role,
                shown_time(&r.at)
            ),
        ));
    }
    blocks.push(Block::Facts(facts));
    if record.reviews.is_empty() {
        return;
    }
    blocks.push(Block::Heading("Reviews".into()));
    for (n, r) in record.reviews.iter().enumerate() {
        let sealed = record.compute_review_seal(n).as_deref() == Some(r.seal.as_str());
        let mut facts = vec![
            (
                "Outcome".to_owned(),
                crate::value::capitalised(r.outcome.as_str()),
            ),
            ("Meaning".to_owned(), label(&r.meaning)),
            ("Reviewer".to_owned(), r.name.clone()),
            ("Role".to_owned(), r.role.clone()),
            ("At".to_owned(), shown_time(&r.at)),
        ];
        if let Some(d) = &r.declaration {
            facts.push(("Declaration".to_owned(), d.clone()));
        }
        if let Some(c) = &r.comment {
            facts.push(("Comments".to_owned(), c.clone()));
        }
        facts.push(("Seal".to_owned(), r.seal.clone()));
        facts.push((
            "Seal checked".to_owned(),
            if sealed {
                "intact when exported".to_owned()
            } else {
                "NOT intact when exported".to_owned()
            },
        ));
        blocks.push(Block::Subheading(format!("Review {}", n + 1)));
        blocks.push(Block::Facts(facts));
    }
}

fn view_prefix(block: &mut Block, section: &str) {
    if let Block::Item(view) = block {
        view.prompt = format!("[{section}] {}", view.prompt);
    }
}

fn item(number: usize, a: &Answer) -> Block {
    Block::Item(ItemView {
        number,
        prompt: a.prompt.clone(),
        answer: Some(shown_answer(a).to_owned()),
        note: a.note.clone(),
        answered: Some(shown_time(&a.answered)),
    })
}

/// One history entry in words. In a format-2 record, an answer to a choice or a check
/// is shown by the label the person saw: from `framework` (the record's own, when at
/// hand), or for a check, Yes / No / Not applicable without it. A format-1 record's
/// history is shown as it always was, by the answers' ids.
/// What the answer `value` to item `id` was chosen as ("No", "Primary care, on a
/// performers list"), for a format-2 record: from its own framework when at hand, else,
/// for a check, its three answers' words. `None` for a format-1 record, whose exports
/// never change, and where the label cannot be told.
pub(crate) fn answer_label(
    record: &Record,
    id: &str,
    value: &str,
    framework: Option<&Framework>,
) -> Option<String> {
    if record.format < crate::record::Format::V2 {
        return None;
    }
    let own = framework.and_then(|fw| fw.items().find(|i| i.id.value == id));
    match own {
        Some(item) => item.label(value),
        None => (record.answer(id)?.kind.known() == Some(KindId::Check))
            .then(|| crate::framework::AnswerKind::Check.label(value))
            .flatten(),
    }
}

fn change(record: &Record, c: &Change, framework: Option<&Framework>) -> String {
    let item = c.item.as_deref().map(|id| match record.answer(id) {
        Some(a) => format!("“{}” ({id})", a.prompt),
        None => id.to_owned(),
    });
    let label = |v: &str| answer_label(record, c.item.as_deref()?, v, framework);
    let quoted = |v: &Option<String>| match v {
        Some(v) => format!("“{}”", label(v).unwrap_or_else(|| v.clone())),
        None => "nothing".to_owned(),
    };
    let mut text = format!("{}: ", shown_time(&c.at));
    let what = item.unwrap_or_else(|| "the record".into());
    text.push_str(&match c.event {
        Event::Changed => format!("{what} changed"),
        Event::Cleared => format!("{what} cleared"),
        Event::Withdrawn => format!("{what} withdrawn, as it is no longer asked"),
        Event::Migrated => format!("{what} moved to a changed framework"),
        Event::Dropped => format!("{what} not carried over to the changed framework"),
        Event::Preset => format!("{what} answered by the framework"),
        Event::Amended => format!("{what} begun as an amendment of the signed record"),
    });
    if c.old_answer != c.new_answer {
        text.push_str(&format!(
            "; answer {} → {}",
            quoted(&c.old_answer),
            quoted(&c.new_answer)
        ));
    }
    if c.old_note != c.new_note {
        text.push_str(&format!(
            "; note {} → {}",
            quoted(&c.old_note),
            quoted(&c.new_note)
        ));
    }
    if let Some(d) = &c.detail {
        text.push_str(&format!(" ({d})"));
    }
    if let Some(by) = &c.by {
        text.push_str(&format!("; by {by}"));
    }
    if let Some(reason) = &c.reason {
        text.push_str(&format!("; reason: “{reason}”"));
    }
    text
}

fn jurisdiction_name(id: &str) -> String {
    Jurisdiction::ALL
        .into_iter()
        .find(|j| j.id() == id)
        .map_or_else(|| id.to_owned(), |j| j.name().to_owned())
}

/// What can be shared with the practitioner: how the process works, the policy, the
/// Principles considered (their questions, not the answers), the route decided, and the
/// support available. No answers, notes, history, names or reasons.
pub fn practitioner(record: &Record, integrity: &Integrity, framework: &Framework) -> Part {
    let mut blocks = integrity_blocks(integrity, record);
    blocks.push(Block::Facts(vec![
        ("Case reference".into(), record.case.reference.clone()),
        (
            "Stage".into(),
            match (&record.status, &record.sign_off) {
                (Status::Signed, Some(s)) => format!(
                    "the employer's checklist was completed and signed off on {}",
                    shown_date(&s.signed)
                ),
                _ => "the employer's checklist is still being worked through".into(),
            },
        ),
    ]));
    let letter = framework.letter();
    blocks.push(Block::Text(letter.introduction.clone()));

    blocks.push(Block::Heading("How the process works".into()));
    blocks.push(Block::Bullets(letter.process.clone()));

    blocks.push(Block::Heading("Which policy applies".into()));
    blocks.push(Block::Text(policy(record, framework)));

    blocks.push(Block::Heading("The Principles considered".into()));
    for (i, locked) in principles::LOCKED.iter().enumerate() {
        blocks.push(Block::Subheading(format!(
            "Principle {}: {}",
            i + 1,
            locked.title
        )));
        if let Some(summary) = framework
            .principles
            .iter()
            .find(|p| p.id.value == locked.id)
            .and_then(|p| p.summary.clone())
        {
            blocks.push(Block::Text(summary));
        }
        let asked: Vec<String> = record
            .answers
            .iter()
            .filter(|a| a.section == SectionId::Principle(locked))
            .map(|a| a.prompt.clone())
            .collect();
        if asked.is_empty() {
            blocks.push(Block::Text(
                "Your employer has not recorded its consideration of this Principle yet.".into(),
            ));
        } else {
            blocks.push(Block::Text(
                "The questions your employer considered:".into(),
            ));
            blocks.push(Block::Bullets(asked));
        }
    }

    blocks.push(Block::Heading("What happens next".into()));
    blocks.push(Block::Text(route(record, framework)));
    // A referral to the regulator can come on top of any route: said once decided.
    if record.status == Status::Signed
        && let Some(text) = explained_check(record, framework, Role::RegulatorReferral)
    {
        blocks.push(Block::Text(text));
    }

    blocks.push(Block::Heading("Support available".into()));
    if framework.support.is_empty() {
        blocks.push(Block::Text(
            "Ask your case manager where you can get support.".into(),
        ));
    } else {
        blocks.push(Block::Text(
            "These can support you, or advise your employer, while the concern is handled:".into(),
        ));
        blocks.push(Block::Entries(
            framework
                .support
                .iter()
                .map(|s| {
                    let mut detail = s.detail.clone();
                    if let Some(c) = &s.contact {
                        detail.push_str(&format!(" Contact: {c}"));
                    }
                    (s.name.clone(), detail)
                })
                .collect(),
        ));
    }
    blocks.push(Block::Text(format!(
        "If anything here is unclear, ask your case manager, quoting the case reference {}.",
        record.case.reference
    )));
    Part {
        title: format!(
            "Case {}: information for the practitioner",
            record.case.reference
        ),
        blocks,
    }
}

/// The answer to the item with `role`, where it is of `kind`: a fixed answer (an
/// option, or Yes, No or Not applicable), never typed text. Where `when` keeps several
/// items with the role apart, the one this case answered.
fn fixed_answer<'r>(
    record: &'r Record,
    framework: &Framework,
    role: Role,
    kind: KindId,
) -> Option<&'r Answer> {
    framework
        .items_with_role(role)
        .into_iter()
        .find_map(|item| record.answer(&item.id.value))
        .filter(|a| a.kind == kind)
}

/// The answer of the item with `role`, where it was chosen from a list: only what was
/// chosen is shared, never typed text.
fn chosen<'r>(record: &'r Record, framework: &Framework, role: Role) -> Option<&'r Answer> {
    fixed_answer(record, framework, role, KindId::Choice)
}

/// What the framework says for the answer given to the `check` item with `role`, if
/// it says anything: only a Yes, No or Not applicable is shared, never a note.
fn explained_check(record: &Record, framework: &Framework, role: Role) -> Option<String> {
    let answer = fixed_answer(record, framework, role, KindId::Check)?;
    framework
        .letter()
        .explanation(role, &answer.answer)
        .map(str::to_owned)
}

/// The policy the case is handled under, in a sentence: what the framework says for the
/// policy chosen, or its name; the nation's policy when none was chosen.
fn policy(record: &Record, framework: &Framework) -> String {
    let ask = "Every step should follow it; ask your case manager for a copy.";
    match chosen(record, framework, Role::GoverningPolicy) {
        Some(a) => match framework
            .letter()
            .explanation(Role::GoverningPolicy, &a.answer)
        {
            Some(text) => text.to_owned(),
            None => format!(
                "Your case is being handled under: {}. {ask}",
                shown_answer(a).trim_end_matches('.')
            ),
        },
        None => match record
            .framework
            .jurisdiction
            .as_deref()
            .and_then(|id| Jurisdiction::ALL.into_iter().find(|j| j.id() == id))
        {
            Some(j) => format!(
                "Your case is being handled under: {} ({}). {ask}",
                j.policy(),
                j.name()
            ),
            None => "Your case manager will tell you which policy applies to your case.".into(),
        },
    }
}

/// What happens next, in a sentence: the route decided once the record is signed, in
/// the framework's words where it has them for that route.
fn route(record: &Record, framework: &Framework) -> String {
    if framework.item_with_role(Role::Route).is_none() {
        return "Your case manager will tell you what has been decided and what happens next."
            .into();
    }
    match chosen(record, framework, Role::Route) {
        Some(r) if record.status == Status::Signed => {
            match framework.letter().explanation(Role::Route, &r.answer) {
                Some(text) => text.to_owned(),
                None => format!(
                    "The route decided: {}. Your case manager will explain what this means for you and what happens next.",
                    shown_answer(r).trim_end_matches('.')
                ),
            }
        }
        _ => "No decision has been recorded yet. Your case manager will tell you as soon as one is made.".into(),
    }
}
