//! `fairness key new` and `fairness key show`: the signer's own key, and the line of
//! the organisation's allowed-signers file that lists it.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::atomic_file::{self, PRIVATE, PUBLIC};
use crate::cli::{KeyCommand, KeyCommandArgs, KeyNewArgs, KeyShowArgs};
use crate::config::{self, Given};
use crate::error::{Error, KeyProblem, Status, Usage, shown};
use crate::keys::plan::given_passphrase;
use crate::keys::signers::{line_for, name_problem};
use crate::keys::{self, KeyFile};
use crate::terminal::{Console, neutralise};
use crate::tui::{Line, Terminal};
use crate::{platform, prompter};

pub fn run(args: &KeyCommandArgs, console: &Console, out: &mut dyn Write) -> Result<Status, Error> {
    match &args.command {
        KeyCommand::New(args) => new(args, console, out),
        KeyCommand::Show(args) => show(args, out),
    }
}

fn new(args: &KeyNewArgs, console: &Console, out: &mut dyn Write) -> Result<Status, Error> {
    let settings = config::settings(Given::default())?;
    let path = match &args.out {
        Some(path) => path.clone(),
        None => keys::default_key().ok_or_else(config::no_home)?,
    };
    let public_path = keys::public_path(&path);
    if !args.force {
        for p in [&path, &public_path] {
            if p.exists() {
                return Err(Error::Key(KeyProblem::KeyExists { path: p.clone() }));
            }
        }
    }
    let stop = platform::catch_signals().map_err(Error::Output)?;
    let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let t = terminal.then(|| Terminal::new(stop.clone(), *console));
    let name = match (&args.name, &settings.signer_name.value, &t) {
        (Some(name), _, _) => name.trim().to_owned(),
        (None, Some(name), _) => name.clone(),
        (None, None, Some(t)) => match t.line(
            "Your name, exactly as you sign",
            "",
            false,
            "Enter confirm · Esc leave, nothing written",
            &crate::value::check_name,
        ) {
            Line::Text(name) => name.trim().to_owned(),
            _ => return Ok(Status::Interrupted),
        },
        (None, None, None) => {
            return Err(Usage::Setting {
                given: "`--name`".to_owned(),
                why: "give the name you sign in, or set the signer name (`fairness config`)"
                    .to_owned(),
            }
            .into());
        }
    };
    crate::value::check_name(&name).map_err(|why| Usage::Setting {
        given: "`--name`".to_owned(),
        why,
    })?;
    if let Some(why) = name_problem(&name) {
        return Err(Error::Key(KeyProblem::Name { name, why }));
    }
    let passphrase = match given_passphrase(args.passphrase_file.as_deref())? {
        Some((p, _)) => p,
        None => match &t {
            Some(t) => match prompter::terminal::new_passphrase(t) {
                Some(p) => p,
                None => return Ok(Status::Interrupted),
            },
            None => return Err(Error::Key(KeyProblem::NewKeyNeedsPassphrase)),
        },
    };
    if passphrase.chars().count() < 8 {
        return Err(Error::Key(KeyProblem::WeakPassphrase));
    }
    let (private, public) = keys::new_key(&name, &passphrase);
    if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
        platform::create_private_folder(folder).map_err(|io| Error::write(&path, io))?;
    }
    let write = |p: &Path, text: &[u8], access| match args.force {
        true => atomic_file::replace(p, text, access, &stop).map_err(|io| Error::write(p, io)),
        false => atomic_file::create_new(p, text, access, &stop),
    };
    write(&path, private.as_bytes(), PRIVATE)?;
    write(&public_path, format!("{public}\n").as_bytes(), PUBLIC)?;
    let key = KeyFile::open(&path)?;
    let text = format!(
        "Made a new key, protected by your passphrase: {}\n  {}\n  public key: {}\n\nSend this line to your governance lead, for the organisation's allowed-signers file:\n\n{}\n\n`fairness key show` prints it again. run, amend and countersign now sign with this key{}.\n",
        shown(&path),
        key.fingerprint(),
        shown(&public_path),
        line_for(&name, &key.public()),
        if args.out.is_some() {
            " once it is named with `--key`, FAIRNESS_KEY or the config file's `key`"
        } else {
            ""
        }
    );
    out.write_all(text.as_bytes()).map_err(Error::Output)?;
    Ok(Status::Success)
}

fn show(args: &KeyShowArgs, out: &mut dyn Write) -> Result<Status, Error> {
    let settings = config::settings(Given {
        key: args.key.as_deref(),
        ..Given::default()
    })?;
    let path = match (&settings.key.value, keys::default_key()) {
        (Some(path), _) => path.clone(),
        (None, Some(path)) => path,
        (None, None) => return Err(config::no_home()),
    };
    let key = KeyFile::open(&path)?;
    let name = (args.name.clone().map(|n| n.trim().to_owned()))
        .or_else(|| settings.signer_name.value.clone())
        .or_else(|| Some(key.comment().trim().to_owned()).filter(|c| !c.is_empty()))
        // A protected key keeps its comment encrypted: its `.pub` file has it too.
        .or_else(|| {
            let public = std::fs::read_to_string(keys::public_path(&path)).ok()?;
            let comment = public.trim().splitn(3, ' ').nth(2)?.trim().to_owned();
            (!comment.is_empty()).then_some(comment)
        })
        .ok_or_else(|| Usage::Setting {
            given: "`--name`".to_owned(),
            why: format!(
                "the key `{}` has no name stored with it: give the name you sign in",
                shown(&path)
            ),
        })?;
    if let Some(why) = name_problem(&name) {
        return Err(Error::Key(KeyProblem::Name { name, why }));
    }
    writeln!(out, "{}", neutralise(&line_for(&name, &key.public()))).map_err(Error::Output)?;
    Ok(Status::Success)
}
