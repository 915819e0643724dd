//! Answers files (format `fairness-answers/1`): a checklist filled in without a
//! terminal, by scripts and tests. [`FilePrompter`] answers the session's questions from
//! the file, so the same rules apply as in the terminal; every problem is collected,
//! located in the file, and reported together. [`fill`] is `fairness run --answers`:
//! read the file, run the session, and write the record once.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::atomic_file::{self, PRIVATE};
use crate::checklist::{
    Checklist, DateOrder, ItemQuestion, Memory, Missing, Outcome, Passphrase, Prompter, Reply,
    ReviewChoice, ReviewRow, SectionInfo, Session, Start,
};
use crate::diagnostic::{self, Diagnostic, Located, Location, Report};

use crate::error::{Error, KeyProblem, Part};
use crate::framework::{Given, Loaded};
use crate::keys::KeyFile;
use crate::keys::plan::{Signing, passphrase_from};
use crate::platform::Stop;
use crate::record::draft;
use crate::record::{Record, Signer};
use crate::shell::resume_command;
use crate::source;
use crate::suggest;
use crate::terminal::one_line;
use crate::value;
use crate::yaml::{Node, Reader, Value, parse};

/// The `format` line every answers file starts with.
pub const FORMAT: &str = "fairness-answers/1";

/// An answers file, read.
#[derive(Debug)]
pub struct AnswersFile {
    pub reference: Located<String>,
    pub answers: Vec<Entry>,
    /// Where the `answers` mapping is: problems with the file as a whole point here.
    pub answers_at: Location,
    /// Every item id the file names, including those whose answer could not be read.
    pub named: HashSet<String>,
    pub sign_off: Option<Signer>,
    /// Who filled the file in (`name:`), for the record's history when it is not
    /// signed: a signed file's history names its signer.
    pub name: Option<String>,
}

/// One item's answer in the file.
#[derive(Debug)]
pub struct Entry {
    pub id: Located<String>,
    pub answer: Located<String>,
    pub note: Option<Located<String>>,
    /// Why the answer is changed: only in a file that amends a signed record
    /// (`fairness amend --answers`), where it goes into the history with the change.
    pub reason: Option<Located<String>>,
}

/// Reads an answers file: the file as far as it could be read (`None` when it is not
/// an answers file at all), and every problem with its shape.
pub fn parse_file(text: &str) -> (Option<AnswersFile>, Vec<Diagnostic>) {
    let root = match parse(text) {
        Ok(root) => root,
        Err(d) => return (None, vec![d]),
    };
    let mut r = Reader::new(text);
    let file = read(&root, &mut r);
    if file.is_none() && r.diagnostics.is_empty() {
        r.error("this is not an answers file", root.at);
    }
    (file, r.diagnostics)
}

fn read(root: &Node, r: &mut Reader) -> Option<AnswersFile> {
    let fields = r.fields(
        root,
        "the answers file",
        &["format", "case", "name", "answers", "sign_off"],
    )?;
    let format = r.required_text(&fields, "format")?;
    if format.value != FORMAT {
        r.push(
            Diagnostic::error(
                format!(
                    "this is not an answers file: its format is `{}`",
                    format.value
                ),
                Some(format.at),
            )
            .with_help(format!("an answers file starts with `format: {FORMAT}`")),
        );
        return None;
    }
    let reference = match fields.get("case") {
        None => {
            r.missing(&fields, "case");
            None
        }
        Some(node) => r
            .fields(node, "`case`", &["reference"])
            .and_then(|case| r.required_text(&case, "reference")),
    };
    if let Some(reference) = &reference
        && let Err(e) = crate::value::check_reference(&reference.value)
    {
        r.error(e, reference.at);
    }
    let answers_node = fields.get("answers");
    let mut answers = Vec::new();
    let mut named = HashSet::new();
    match answers_node.map(|n| &n.value) {
        None => r.missing(&fields, "answers"),
        Some(Value::Null) => {}
        Some(Value::Map(entries)) => {
            let mut seen = HashSet::new();
            for (key, value) in entries {
                let Some(id) = r.text(key, "an item id") else {
                    continue;
                };
                named.insert(id.value.clone());
                if !seen.insert(id.value.clone()) {
                    r.error(format!("`{}` is answered twice", id.value), id.at);
                    continue;
                }
                if let Some(entry) = entry(id, value, r) {
                    answers.push(entry);
                }
            }
        }
        Some(other) => r.error(
            format!(
                "`answers` should be a mapping from item ids to answers, found {}",
                other.kind()
            ),
            answers_node?.at,
        ),
    }
    let sign_off = match fields.get("sign_off") {
        None
        | Some(Node {
            value: Value::Null, ..
        }) => None,
        Some(node) => {
            let f = r.fields(node, "`sign_off`", &["name", "role"])?;
            let name = r.required_text(&f, "name");
            let role = r.required_text(&f, "role");
            for text in [&name, &role].into_iter().flatten() {
                if let Err(e) = crate::value::check_name(&text.value) {
                    r.error(e, text.at);
                }
            }
            // A signer without a name or role is reported; the file is then checked
            // as if signing, so that what sign-off needs is reported too.
            Some(Signer {
                name: name.map(|n| n.value.trim().to_owned()).unwrap_or_default(),
                role: role.map(|r| r.value.trim().to_owned()).unwrap_or_default(),
            })
        }
    };
    let name = r.optional_text(&fields, "name").and_then(|name| {
        match crate::value::check_name(&name.value) {
            Ok(()) => Some(name.value.trim().to_owned()),
            Err(e) => {
                r.error(e, name.at);
                None
            }
        }
    });
    // Read on without a usable reference, so that every other problem is found too;
    // the problem with the reference is reported already.
    Some(AnswersFile {
        reference: reference.unwrap_or_else(|| Located::new(String::new(), fields.at)),
        answers,
        answers_at: answers_node.map_or(fields.at, |n| n.at),
        named,
        sign_off,
        name,
    })
}

/// An entry is `{ answer: ..., note: ... }`, or just the answer.
fn entry(id: Located<String>, value: &Node, r: &mut Reader) -> Option<Entry> {
    if let Value::Str(_) = value.value {
        let answer = r.text(value, "answer")?;
        return Some(Entry {
            id,
            answer,
            note: None,
            reason: None,
        });
    }
    let what = format!("the answer to `{}`", id.value);
    let fields = r.fields(value, what, &["answer", "note", "reason"])?;
    let answer = r.required_text(&fields, "answer");
    if let Some(Value::Bool(b)) = fields.get("answer").map(|n| &n.value) {
        // `yes` and `no` are text in YAML 1.2, but `true` and `false` are not.
        r.push(
            Diagnostic::error(
                format!(
                    "the answer to `{}` is `{b}`, which is not an answer",
                    id.value
                ),
                fields.get("answer").map(|n| n.at),
            )
            .with_help("write \"yes\", \"no\" or \"not-applicable\", in quotes"),
        );
        return None;
    }
    let note = r.optional_text(&fields, "note");
    let reason = r.optional_text(&fields, "reason");
    if let Some(reason) = &reason
        && let Err(e) = crate::value::check_text(&reason.value)
    {
        r.error(format!("the reason for `{}`: {e}", id.value), reason.at);
    }
    Some(Entry {
        id,
        answer: answer?,
        note,
        reason,
    })
}

/// A checklist filled in from an answers file, and written.
#[derive(Debug)]
pub struct Written {
    /// Where the record was written.
    pub path: PathBuf,
    pub record: Record,
    /// Whether it was signed and sealed; if not, it is a draft.
    pub signed: bool,
    /// What sign-off still needs, for a draft.
    pub missing: Vec<Missing>,
    /// The command that continues the draft in a terminal.
    pub resume: String,
    /// The dates out of order at the review before sign-off, as warnings (see
    /// [`crate::checklist::DateOrder`]).
    pub warnings: Vec<String>,
    /// The key that signed, and where its passphrase came from, as a line of the
    /// summary; `None` where no key signed.
    pub keyed: Option<String>,
}

impl Written {
    /// What was written, in a few lines: the seal of a signed record; for a draft, what
    /// sign-off still needs and the command that continues it.
    pub fn summary(&self) -> String {
        let shown_path = one_line(&self.path.display().to_string()).into_owned();
        let record = &self.record;
        if self.signed {
            let mut text = format!(
                "Signed and sealed: {shown_path}\n  seal {}\n",
                record.seal.as_deref().unwrap_or_default()
            );
            if let Some(keyed) = &self.keyed {
                text.push_str(keyed);
                text.push('\n');
            }
            if let Some(note) = crate::record::awaiting_note(record, &self.path) {
                text.push_str(&note);
                text.push('\n');
            }
            return text;
        }
        let n = record.answers.len();
        let mut text = format!(
            "Draft written: {shown_path} ({n} answer{}).\n",
            if n == 1 { "" } else { "s" }
        );
        let missing = &self.missing;
        if !missing.is_empty() {
            let names: Vec<String> = missing.iter().map(|m| format!("`{}`", m.item)).collect();
            text.push_str(&format!(
                "Still needed before sign-off ({}): {}\n",
                missing.len(),
                names.join(", ")
            ));
        }
        text.push_str(&format!(
            "Continue in a terminal with:\n    {}\n",
            self.resume
        ));
        text
    }
}

/// The answers file at `path`: its text, what was read of it, and the problems found so
/// far; refused at once when it cannot be read as an answers file at all.
fn read_file(path: &Path) -> Result<(String, AnswersFile, Vec<Diagnostic>), Error> {
    let text = source::read_edited_for(path, Error::AnswersNotText)?;
    let (file, problems) = parse_file(&text);
    match file {
        Some(file) => Ok((text, file, problems)),
        None => Err(refusal(path, &text)(problems)),
    }
}

/// What refuses the answers file at `path`, whose text is `text`: every problem in it,
/// in the order of the file.
fn refusal<'t>(path: &'t Path, text: &'t str) -> impl Fn(Vec<Diagnostic>) -> Error + 't {
    move |mut problems: Vec<Diagnostic>| {
        diagnostic::sort(&mut problems);
        Error::InvalidAnswers(Report::new(
            path.display().to_string(),
            Some(text.to_owned()),
            problems,
        ))
    }
}

/// Runs the checklist of `loaded` (from the file `framework`, or the built-in one) on
/// the answers file at `path`, and writes the record once, at `out` or in the case
/// folder `folder` under the case reference: only when every answer is accepted, and never
/// over an existing file. Every problem in the file is reported together.
pub fn fill(
    path: &Path,
    out: Option<&Path>,
    folder: &Path,
    framework: Option<&Path>,
    loaded: &Loaded,
    signing: &Signing,
    stop: &Stop,
) -> Result<Written, Error> {
    let (text, file, mut problems) = read_file(path)?;
    let refuse = refusal(path, &text);
    let list = Checklist::new(&loaded.framework);
    let record_path = out
        .map(Path::to_owned)
        .unwrap_or_else(|| draft::named_for(folder, &file.reference.value));
    let now = value::now();
    let record = list.new_record(
        &file.reference.value,
        &loaded.digest,
        &draft::source_name(framework),
        &now,
    );
    for entry in &file.answers {
        if let Some(reason) = &entry.reason {
            problems.push(
                Diagnostic::error(
                    format!("`{}` has a reason, but this is a new record: nothing is changed", entry.id.value),
                    Some(reason.at),
                )
                .with_help("a reason goes with an answer changed by `fairness amend --answers`; remove it here"),
            );
        }
    }
    let filled = Filled {
        list: &list,
        file: &file,
        start: Start::Beginning,
        problems,
        refuse: &refuse,
        signing,
    };
    filled.write(record, &record_path, framework, stop)
}

/// Amends a signed record from an answers file (`fairness amend --answers`): `record` is
/// the new draft with every answer carried over ([`crate::checklist::amend::begin`]);
/// the file's answers replace those it gives, each change in the history with the
/// file's `reason` for it, if any; it is signed when the file has `sign_off`. Written
/// once, at `record_path`, only when every answer is accepted.
pub fn fill_amendment(
    path: &Path,
    record: Record,
    record_path: &Path,
    framework: Option<&Path>,
    loaded: &Loaded,
    signing: &Signing,
    stop: &Stop,
) -> Result<Written, Error> {
    let (text, file, mut problems) = read_file(path)?;
    let refuse = refusal(path, &text);
    if !file.reference.value.is_empty() && file.reference.value != record.case.reference {
        problems.push(
            Diagnostic::error(
                format!(
                    "this file is for case `{}`, but the record amended is of case `{}`",
                    file.reference.value, record.case.reference
                ),
                Some(file.reference.at),
            )
            .with_help("an amendment keeps its case's reference; give that one here"),
        );
    }
    let list = Checklist::new(&loaded.framework);
    let filled = Filled {
        list: &list,
        file: &file,
        start: Start::Beginning,
        problems,
        refuse: &refuse,
        signing,
    };
    filled.write(record, record_path, framework, stop)
}

/// An answers file read, and what is needed to run it on a record and write it.
struct Filled<'f, R: Fn(Vec<Diagnostic>) -> Error> {
    list: &'f Checklist<'f>,
    file: &'f AnswersFile,
    start: Start,
    problems: Vec<Diagnostic>,
    refuse: &'f R,
    signing: &'f Signing<'f>,
}

impl<R: Fn(Vec<Diagnostic>) -> Error> Filled<'_, R> {
    fn write(
        mut self,
        record: Record,
        record_path: &Path,
        framework: Option<&Path>,
        stop: &Stop,
    ) -> Result<Written, Error> {
        let (list, file) = (self.list, self.file);
        let before = record.clone();
        let mut prompter = FilePrompter::new(file, value::today());
        prompter.passphrase_file = self.signing.passphrase_file.map(Path::to_owned);
        // Who is named in the history: the signer, else the file's `name`.
        let by = (file.sign_off.as_ref().map(|s| s.name.clone()))
            .or_else(|| file.name.clone())
            .filter(|n| !n.is_empty());
        let mut session = Session::new(list, record, prompter, Memory, value::now)
            .sitting(by, 0)
            .keys(self.signing.plan);
        let outcome = session.run(self.start)?;
        let record = session.record;
        let mut prompter = session.prompter;
        prompter.unasked(list, &record);
        self.problems.append(&mut prompter.problems);
        // A reason for an answer that is not changed would be recorded nowhere.
        for entry in &file.answers {
            let Some(reason) = &entry.reason else {
                continue;
            };
            let id = &entry.id.value;
            if before.case.supersedes.is_some()
                && before.answer(id).map(|a| (&a.answer, &a.note))
                    == record.answer(id).map(|a| (&a.answer, &a.note))
            {
                self.problems.push(
                    Diagnostic::error(
                        format!("`{id}` has a reason, but its answer is not changed from the record amended"),
                        Some(reason.at),
                    )
                    .with_help("remove the reason, or give the answer that corrects it"),
                );
            }
        }
        if !self.problems.is_empty() {
            return Err((self.refuse)(self.problems));
        }
        crate::platform::check_new_name(record_path).map_err(|io| Error::write(record_path, io))?;
        if record_path.exists() {
            return Err(Error::Exists {
                path: record_path.to_owned(),
            });
        }
        let text = crate::record::to_yaml(&record);
        draft::fits(&text).map_err(Error::RecordTooLarge)?;
        atomic_file::create_new(record_path, text.as_bytes(), PRIVATE, stop)?;
        let keyed = (self.signing.plan.key.as_ref())
            .filter(|_| record.key_signature.is_some())
            .map(|key| match &prompter.said {
                Some(said) if !said.is_empty() => {
                    format!("  signed with the key {} ({said})", key.fingerprint())
                }
                _ => format!("  signed with the key {}", key.fingerprint()),
            });
        Ok(Written {
            keyed,
            warnings: prompter.dates,
            signed: outcome == Outcome::Signed,
            missing: list.missing(&record),
            resume: resume_command(record_path, framework),
            path: record_path.to_owned(),
            record,
        })
    }
}

/// Answers the session from a file, collecting every problem.
pub struct FilePrompter<'a> {
    file: &'a AnswersFile,
    /// The day the file is run, `YYYY-MM-DD`: a date that may not lie ahead is held to it.
    today: String,
    used: Vec<bool>,
    refused: bool,
    pub problems: Vec<Diagnostic>,
    /// The dates out of order at the last review, in words, and any warning about
    /// the key.
    pub dates: Vec<String>,
    /// Where a protected key's passphrase is read from (else FAIRNESS_KEY_PASSPHRASE).
    pub passphrase_file: Option<PathBuf>,
    /// Where the passphrase was read from, once it was.
    pub said: Option<String>,
}

impl<'a> FilePrompter<'a> {
    pub fn new(file: &'a AnswersFile, today: String) -> Self {
        FilePrompter {
            file,
            today,
            used: vec![false; file.answers.len()],
            refused: false,
            problems: Vec::new(),
            dates: Vec::new(),
            passphrase_file: None,
            said: None,
        }
    }

    /// After the session: answers to items that were never asked, each explained.
    pub fn unasked(&mut self, list: &Checklist, record: &Record) {
        let ids: Vec<&str> = list
            .steps
            .iter()
            .map(|s| s.item.id.value.as_str())
            .collect();
        let preset = list.preset().map(|(_, preset)| preset);
        for (entry, used) in self.file.answers.iter().zip(&self.used) {
            if *used {
                continue;
            }
            let id = &entry.id.value;
            // The item the framework answers itself: the same answer may be given
            // (it is the framework's all the same), and nothing else.
            if let Some(preset) = preset.as_ref().filter(|p| &p.item.id.value == id) {
                let answer = preset.item.parse_answer(&entry.answer.value);
                if answer.as_deref() != Ok(preset.answer()) {
                    self.problems.push(
                        Diagnostic::error(
                            format!(
                                "`{id}` is answered by the framework's `{}`, so it cannot be `{}` here",
                                preset.source(),
                                entry.answer.value.trim()
                            ),
                            Some(entry.answer.at),
                        )
                        .with_help(format!(
                            "remove this answer, or give `{}`; to record another nation, adapt the framework (its `jurisdiction`)",
                            preset.answer()
                        )),
                    );
                } else if let Some(note) = &entry.note {
                    self.problems.push(
                        Diagnostic::error(
                            format!(
                                "`{id}` is answered by the framework's `{}`, and takes no note here",
                                preset.source()
                            ),
                            Some(note.at),
                        )
                        .with_help("remove the note: the item is not asked, in a terminal or here"),
                    );
                }
                continue;
            }
            let d = match list
                .index_of(id)
                .and_then(|i| list.steps[i].item.when.as_ref())
            {
                Some(when) => {
                    let actual = record
                        .answer(&when.item.value)
                        .map_or("unanswered".to_owned(), |a| format!("`{}`", a.answer));
                    Diagnostic::error(
                        format!(
                            "`{id}` is not asked in this case: it applies only when `{}` {}, and here it is {actual}",
                            when.item.value,
                            when.describe("`")
                        ),
                        Some(entry.id.at),
                    )
                    .with_help("remove this answer, or change the answer it depends on")
                }
                None if list.index_of(id).is_some() => Diagnostic::error(
                    format!("`{id}` is not asked in this case"),
                    Some(entry.id.at),
                ),
                None => {
                    let d = Diagnostic::error(
                        format!("the framework has no item `{id}`"),
                        Some(entry.id.at),
                    );
                    match suggest::did_you_mean(id, ids.iter().copied()) {
                        Some(help) => d.with_help(help),
                        None => d.with_help("`fairness show` lists every item's id"),
                    }
                }
            };
            self.problems.push(d);
        }
    }
}

impl Prompter for FilePrompter<'_> {
    fn section(&mut self, _: &SectionInfo) -> Result<(), Error> {
        Ok(())
    }

    fn item(&mut self, q: &ItemQuestion) -> Result<Reply<Given>, Error> {
        let id = &q.item.id.value;
        let Some(i) = self.file.answers.iter().position(|e| &e.id.value == id) else {
            return Ok(Reply::Skip);
        };
        self.used[i] = true;
        let entry = &self.file.answers[i];
        match q.item.accept_on(
            &entry.answer.value,
            entry.note.as_ref().map(|n| n.value.as_str()),
            &self.today,
        ) {
            Ok(given) => Ok(Reply::Value(given)),
            Err(refused) => {
                // A problem with the note itself points at the note, not the answer.
                let at = match (&entry.note, refused.part()) {
                    (Some(note), Part::Note) => note.at,
                    _ => entry.answer.at,
                };
                self.problems
                    .push(Diagnostic::error(format!("`{id}`: {refused}"), Some(at)));
                Ok(Reply::Skip)
            }
        }
    }

    /// The file's `reason` for the item's changed answer; where the framework needs
    /// one and the file gives none, a problem at the answer, and the change is not made.
    fn reason(
        &mut self,
        item: &crate::framework::Item,
        required: bool,
    ) -> Result<Reply<String>, Error> {
        let id = &item.id.value;
        let Some(entry) = self.file.answers.iter().find(|e| &e.id.value == id) else {
            return Ok(Reply::Value(String::new()));
        };
        let given = entry
            .reason
            .as_ref()
            .map(|r| r.value.trim().to_owned())
            .unwrap_or_default();
        if given.is_empty() && required {
            self.problems.push(
                Diagnostic::error(
                    format!(
                        "`{id}` changes the answer the record amended gives, and the framework needs a reason for that"
                    ),
                    Some(entry.answer.at),
                )
                .with_help("give it: `{ answer: ..., reason: WHY }`"),
            );
        }
        Ok(Reply::Value(given))
    }

    fn review(
        &mut self,
        _: &[ReviewRow],
        _: &[Missing],
        dates: &[DateOrder],
    ) -> Result<ReviewChoice, Error> {
        self.dates = dates.iter().map(ToString::to_string).collect();
        Ok(if self.file.sign_off.is_some() && !self.refused {
            ReviewChoice::SignOff
        } else {
            ReviewChoice::Leave
        })
    }

    fn cannot_sign(&mut self, missing: &[Missing]) -> Result<(), Error> {
        self.refused = true;
        for m in missing {
            // An item the file answers but that is still missing had its answer refused,
            // and that is reported already.
            if self.file.named.contains(&m.item) {
                continue;
            }
            self.problems.push(
                Diagnostic::error(
                    format!("`{}` is required for sign-off but has no answer", m.item),
                    Some(self.file.answers_at),
                )
                .with_help(format!(
                    "add `{}` under `answers`; it asks: {}",
                    m.item, m.prompt
                )),
            );
        }
        Ok(())
    }

    fn passphrase(&mut self, key: &KeyFile, again: bool) -> Result<Reply<Passphrase>, Error> {
        if again {
            return Err(Error::Key(KeyProblem::WrongPassphrase {
                path: key.path.clone(),
            }));
        }
        let (passphrase, said) = passphrase_from(self.passphrase_file.as_deref(), key)?;
        self.said = Some(said);
        Ok(Reply::Value(passphrase))
    }

    fn key_warning(&mut self, said: &str) {
        self.dates.push(said.to_owned());
    }

    fn signer(&mut self, _: &str, _: &[ReviewRow]) -> Result<Reply<Signer>, Error> {
        Ok(self.file.sign_off.clone().map_or(Reply::Back, Reply::Value))
    }
}
