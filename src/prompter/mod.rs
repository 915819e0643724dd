//! The two ways a checklist is answered, each a [`Prompter`](crate::checklist::Prompter):
//! a person at a [`terminal`], or an [`answers`] file.

pub mod answers;
pub(crate) mod review;
pub mod terminal;
