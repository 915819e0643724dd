//! "Did you mean …?" for misspelt names.

/// How many near names a did-you-mean offers at most.
pub const MAX_NEAR: usize = 3;

/// The candidates close enough to `word` to be a likely typo, nearest first (those
/// equally near in the order given), at most [`MAX_NEAR`] of them. Close enough is
/// within a third of the word's length in edits (at least one, two from four letters
/// on), ignoring case, hyphens, underscores and spaces; swapping two neighbouring
/// letters counts as one edit. A candidate given twice is offered once.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let word_n = normalise(word);
    let limit = (word_n.len() / 3).max(if word_n.len() >= 4 { 2 } else { 1 });
    let mut near: Vec<(usize, &str)> = Vec::new();
    for c in candidates {
        let c_n = normalise(c);
        // Lengths further apart than the limit cannot be within it.
        if c_n.len().abs_diff(word_n.len()) > limit || near.iter().any(|&(_, n)| n == c) {
            continue;
        }
        let d = distance(&word_n, &c_n);
        if d <= limit {
            near.push((d, c));
        }
    }
    // Stable: equally near candidates keep the order they were given in.
    near.sort_by_key(|&(d, _)| d);
    near.into_iter().take(MAX_NEAR).map(|(_, c)| c).collect()
}

/// The candidate closest to `word`, if it is close enough to be a likely typo (see
/// [`nearest`]).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    nearest(word, candidates).first().copied()
}

/// `did you mean `x`?`, or `did you mean `x`, `y` or `z`?` for the near candidates
/// (see [`nearest`]), if any is close.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    asking(&nearest(word, candidates))
}

/// `did you mean …?` for names already found near, nearest first; `None` for none.
pub fn asking(near: &[&str]) -> Option<String> {
    (!near.is_empty()).then(|| format!("did you mean {}?", either_list(near)))
}

/// `a`, `b` or `c`, for offering a choice.
pub fn either_list(names: &[&str]) -> String {
    joined(names, "or")
}

/// `a`, `b` and `c`, for messages.
pub fn quoted_list(names: &[&str]) -> String {
    joined(names, "and")
}

fn joined(names: &[&str], word: &str) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {word} {last}", rest.join(", ")),
    }
}

fn normalise(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Edit distance between two character sequences, counting insertions, deletions,
/// substitutions and swaps of neighbours (optimal string alignment).
pub fn distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * width];
    for (j, cell) in rows.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = best;
        }
    }
    rows[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses() {
        let fields = ["prompt", "guidance", "answer", "note"];
        assert_eq!(closest("promt", fields), Some("prompt"));
        assert_eq!(closest("Guidence", fields), Some("guidance"));
        assert_eq!(closest("colour", fields), None);
    }

    #[test]
    fn swapped_letters_are_one_edit() {
        assert_eq!(closest("titel", ["title", "items"]), Some("title"));
        assert_eq!(closest("lable", ["label", "id"]), Some("label"));
        assert_eq!(distance(&['a', 'b'], &['b', 'a']), 1);
    }

    #[test]
    fn ignores_separators_and_case() {
        let ids = ["understanding-the-issues", "welfare-and-support"];
        assert_eq!(
            closest("understanding_the_issues", ids),
            Some("understanding-the-issues")
        );
        assert_eq!(
            closest("Welfare and support", ids),
            Some("welfare-and-support")
        );
        assert_eq!(
            closest("understanding-issues", ids),
            Some("understanding-the-issues")
        );
    }

    #[test]
    fn offers_up_to_three_near_names_nearest_first() {
        // `smyth` and `smiths` are one edit from `smith`, `snitch` two, `smithers`
        // three (too many for five letters), `jones` five.
        let names = ["snitch", "jones", "smyth", "smithers", "smiths"];
        assert_eq!(nearest("smith", names), ["smyth", "smiths", "snitch"]);
        assert_eq!(
            did_you_mean("smith", names).as_deref(),
            Some("did you mean `smyth`, `smiths` or `snitch`?")
        );
        // No more than three: the nearest three.
        let more = ["snitch", "smyth", "smite", "smiths"];
        assert_eq!(nearest("smith", more), ["smyth", "smite", "smiths"]);
        // Two close: both, nearest first.
        assert_eq!(
            did_you_mean("smith", ["snitch", "jones", "smyth"]).as_deref(),
            Some("did you mean `smyth` or `snitch`?")
        );
    }

    #[test]
    fn one_near_name_is_offered_alone_and_none_is_none() {
        let fields = ["prompt", "guidance", "answer", "note"];
        assert_eq!(nearest("promt", fields), ["prompt"]);
        assert_eq!(
            did_you_mean("promt", fields).as_deref(),
            Some("did you mean `prompt`?")
        );
        assert!(nearest("colour", fields).is_empty());
        assert_eq!(did_you_mean("colour", fields), None);
        // A name given twice is offered once.
        assert_eq!(nearest("promt", ["prompt", "prompt"]), ["prompt"]);
    }

    #[test]
    fn lists_join_with_and_or_or() {
        assert_eq!(quoted_list(&["a", "b", "c"]), "`a`, `b` and `c`");
        assert_eq!(either_list(&["a", "b", "c"]), "`a`, `b` or `c`");
        assert_eq!(either_list(&["a", "b"]), "`a` or `b`");
        assert_eq!(either_list(&["a"]), "`a`");
    }
}
