//! The ways a checklist is answered, each a [`Prompter`](crate::session::Prompter):
//! here, an [`answers`] file.

pub mod answers;
pub mod terminal;
