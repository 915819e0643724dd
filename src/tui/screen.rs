//! The terminal's whole screen: its full width and height, for tables, and a pager
//! that shows lines taller than the screen a page at a time.

use console::{Key, Style};

use super::{Terminal, cut};
use crate::platform::{self, RawInput};

/// What came of showing lines a page at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paged {
    /// Every line was shown.
    Shown,
    /// `q`: the person stopped before the end.
    Stopped,
    /// Esc, Ctrl-C or a closed terminal.
    Left,
}

impl Terminal {
    /// The terminal's full width, for tables: unlike [`Terminal::width`], which keeps
    /// prose to 100 columns, not capped (at least 40).
    pub fn columns(&self) -> usize {
        usize::from(self.term.size().1).max(40)
    }

    /// The terminal's height, in rows (at least 8).
    pub fn rows(&self) -> usize {
        usize::from(self.term.size().0).max(8)
    }

    /// Prints `blocks` (each a few lines best kept together on one page), all at once
    /// when they fit on the screen with the `after` more rows that will follow them
    /// (what the caller prints next: a footer, a menu, the row the cursor then waits
    /// on), and otherwise a screenful at a time: after each page, Enter, space or ↓
    /// shows the next, `q` stops, and Esc or Ctrl-C leaves. The last page leaves room
    /// for what follows, so that it and what follows are on the screen together:
    /// nothing of it goes into the scrollback unread. `what` names the lines in the
    /// pager's prompt ("rows of the review").
    pub fn page_before(&self, blocks: &[Vec<String>], what: &str, after: usize) -> Paged {
        self.page_before_leaving(blocks, what, after, "Esc save and leave")
    }

    /// [`Terminal::page_before`], saying `leave` of Esc in the pager's prompt: where
    /// nothing is saved by leaving, "Esc leave".
    pub fn page_before_leaving(
        &self,
        blocks: &[Vec<String>],
        what: &str,
        after: usize,
        leave: &str,
    ) -> Paged {
        let total: usize = blocks.iter().map(Vec::len).sum();
        let height = self.rows().saturating_sub(1);
        if total + after <= height {
            for line in blocks.iter().flatten() {
                self.say(line);
            }
            return Paged::Shown;
        }
        let pages = pages_before(blocks, height, after);
        let _raw = RawInput::enter();
        // Keys typed before the first page were not meant for the pager.
        platform::discard_typeahead();
        let mut shown = 0;
        for (n, page) in pages.iter().enumerate() {
            for line in page {
                self.say(line);
            }
            shown += page.len();
            if n + 1 == pages.len() {
                break;
            }
            if self.stopped() {
                return Paged::Left;
            }
            let prompt = format!("{shown} of {total} {what} · Enter more · q stop · {leave}");
            let prompt = cut(&prompt, self.columns().saturating_sub(1));
            let mut term = &self.term;
            let _ = std::io::Write::write_all(
                &mut term,
                Style::new()
                    .reverse()
                    .apply_to(&prompt)
                    .to_string()
                    .as_bytes(),
            );
            let _ = std::io::Write::flush(&mut term);
            let key = self.term.read_key_raw();
            // The prompt goes; the next page takes its place.
            let _ = self.term.clear_line();
            match key {
                _ if self.stopped() => return Paged::Left,
                Ok(Key::Enter | Key::Char(' ') | Key::ArrowDown | Key::PageDown) => {}
                Ok(Key::Char('q' | 'Q')) => return Paged::Stopped,
                Ok(Key::Escape | Key::CtrlC) | Err(_) => return Paged::Left,
                // Any other key shows the next page too: nothing is lost by it.
                Ok(_) => {}
            }
        }
        Paged::Shown
    }
}

/// As [`pages`], the last page leaving `after` of its `height` lines free: what follows
/// is kept on a page with the last block, as if it were part of it.
fn pages_before(blocks: &[Vec<String>], height: usize, after: usize) -> Vec<Vec<String>> {
    let mut blocks = blocks.to_vec();
    let Some(last) = blocks.last_mut() else {
        return Vec::new();
    };
    // Stand-ins for what follows, taken off again below.
    last.extend(std::iter::repeat_n(String::new(), after));
    let mut pages = pages(&blocks, height);
    let mut left = after;
    while left > 0 {
        let Some(page) = pages.last_mut() else { break };
        let taken = left.min(page.len());
        page.truncate(page.len() - taken);
        left -= taken;
        if page.is_empty() {
            pages.pop();
        }
    }
    pages
}

/// `blocks` laid out in pages of at most `height` lines, a block never split unless it
/// is taller than a page.
fn pages(blocks: &[Vec<String>], height: usize) -> Vec<Vec<String>> {
    let height = height.max(1);
    let mut pages: Vec<Vec<String>> = vec![Vec::new()];
    for block in blocks {
        let page = pages.last_mut().expect("there is always a page");
        if !page.is_empty() && page.len() + block.len() > height {
            pages.push(Vec::new());
        }
        for line in block {
            let page = pages.last_mut().expect("there is always a page");
            if page.len() == height {
                pages.push(Vec::new());
            }
            pages.last_mut().expect("just pushed").push(line.clone());
        }
    }
    pages.retain(|p| !p.is_empty());
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(name: &str, n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("{name}{i}")).collect()
    }

    #[test]
    fn pages_keep_blocks_whole_and_split_only_what_is_taller_than_a_page() {
        let blocks = [block("a", 2), block("b", 2), block("c", 5), block("d", 1)];
        assert_eq!(
            pages(&blocks, 3),
            [
                vec!["a1", "a2"],
                vec!["b1", "b2"],
                vec!["c1", "c2", "c3"],
                vec!["c4", "c5", "d1"],
            ]
        );
        assert_eq!(pages(&blocks, 20).len(), 1);
        assert!(pages(&[], 5).is_empty());
    }

    #[test]
    fn the_last_page_leaves_room_for_what_follows() {
        let blocks = [block("a", 2), block("b", 2), block("c", 1)];
        assert_eq!(pages(&blocks, 5), [vec!["a1", "a2", "b1", "b2", "c1"]]);
        // With 2 rows to follow, c1 and them do not fit after b: c goes on a page of
        // its own, with room for them.
        assert_eq!(
            pages_before(&blocks, 5, 2),
            [vec!["a1", "a2", "b1", "b2"], vec!["c1"]]
        );
        assert_eq!(pages_before(&blocks, 5, 0), pages(&blocks, 5));
        assert!(pages_before(&[], 4, 2).is_empty());
    }
}
