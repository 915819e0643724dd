//! `fairness amend RECORD --reason TEXT`: the next version of a signed record, every
//! answer carried over, corrected in a terminal as a resumed draft is, or from an
//! answers file. The signed record is never touched.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::checklist::resume::{self, Next};
use crate::checklist::{Checklist, Outcome, Session, Start, amend};
use crate::cli::AmendArgs;
use crate::config;
use crate::error::{AmendRefusal, Error, Status, Usage};
use crate::framework;
use crate::keys::plan::Plan;
use crate::prompter::{self, answers};
use crate::record::draft::{self, DraftFile};
use crate::terminal::{Console, neutralise, one_line};
use crate::tui::Terminal;
use crate::value;
use crate::{cases, platform};

pub fn run(args: &AmendArgs, console: &Console, out: &mut impl Write) -> Result<Status, Error> {
    let reason = amend::check_reason(&args.reason).map_err(|why| AmendRefusal::Reason { why })?;
    let settings = config::settings(args.given())?;
    let old_path = cases::record_path(&args.record, || settings.case_folder().map(Path::to_owned))?;
    let old = cases::amendable(&old_path)?;
    let record = amend::begin(&old, &reason, &value::now());
    let path = (args.out.clone()).unwrap_or_else(|| amend::default_path(&old_path, &record));
    draft::check_out(&path)?;
    let framework = settings.framework_for(Some(&record));
    let loaded = framework::load(framework)?;
    let keys = Plan::from_settings(&settings)?;
    // A new version must not carry forward a record whose own signature is forged.
    let trust = crate::keys::plan::Trust::load(&settings)?;
    let required = keys.required.is_some();
    crate::keys::check::refuse_unless_counted(&old, &trust, required, "amended")?;
    let list = Checklist::new(&loaded.framework);
    let terminal = args.answers.is_none();
    if terminal && (!std::io::stdin().is_terminal() || !std::io::stderr().is_terminal()) {
        return Err(Usage::AmendNotATerminal.into());
    }
    // Decided as resuming the new draft decides: made with this framework, and whole.
    let plan = resume::plan(record, &path, &list, &loaded, framework, false)?;
    let mut record = match plan.next {
        Next::Continue(record) | Next::Migrated { record, .. } => record,
        Next::Refused(error) => return Err(error),
    };
    let said = format!(
        "Amending case {}: {}, begun from `{}` with every answer carried over.",
        neutralise(&record.case.reference),
        crate::record::chain::describe_link(&record).unwrap_or_default(),
        one_line(&old_path.display().to_string()),
    );
    let stop = platform::catch_signals().map_err(Error::Output)?;
    if let Some(file) = &args.answers {
        let signing = keys.signing(args.key.passphrase_file.as_deref());
        let written =
            answers::fill_amendment(file, record, &path, framework, &loaded, &signing, &stop)?;
        for warning in &written.warnings {
            console.warning(&neutralise(warning));
        }
        if !console.quiet() {
            writeln!(out, "{said}").map_err(Error::Output)?;
            write!(out, "{}", written.summary()).map_err(Error::Output)?;
        }
        return Ok(Status::Success);
    }
    let mut terminal = Terminal::new(stop.clone(), *console);
    terminal.signer_defaults = settings.signer_defaults();
    terminal.say_wrapped(&format!(
        "{said}\nThe signed record stays as it is. Change what needs correcting at the review, then sign again."
    ));
    if let Some(note) = amend::returned_note(&old) {
        terminal.say_wrapped(&note);
    }
    // Who is amending, for the `amended` entry and every change: asked before the
    // draft is written, so that leaving here leaves nothing behind.
    let Some(name) = prompter::terminal::sitting(&mut terminal) else {
        platform::discard_typeahead();
        let _ = writeln!(out, "Nothing written: the amendment was not begun.");
        return Ok(Status::Interrupted);
    };
    record.history[0].by = Some(name.clone());
    let store = DraftFile::create(path.clone(), framework, &record, &stop)?;
    if let Some(preset) = &plan.preset {
        store.save(&record)?;
        terminal.say_wrapped(preset);
    }
    let continue_with = store.resume.clone();
    let mut session = Session::new(&list, record, terminal, store, value::now)
        .sitting(Some(name), 0)
        .keys(&keys);
    let outcome = session.run(Start::Resume);
    platform::discard_typeahead();
    let outcome = outcome?;
    drop(session.store);
    let record = &session.record;
    let shown = one_line(&path.display().to_string()).into_owned();
    match outcome {
        Outcome::Signed => {
            let text = amend::signed_text(record, &path, &old_path);
            writeln!(out, "{text}").map_err(Error::Output)?;
            Ok(Status::Success)
        }
        Outcome::Saved | Outcome::Interrupted => {
            let _ = writeln!(
                out,
                "Draft saved: {shown} ({}).\nContinue with:\n    {continue_with}",
                list.progress(record)
            );
            Ok(if outcome == Outcome::Saved {
                Status::Success
            } else {
                Status::Interrupted
            })
        }
    }
}
