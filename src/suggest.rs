//! "Did you mean …?" for misspelt names.

/// The candidate closest to `word`, if it is close enough to be a likely typo: within a
/// third of the word's length in edits (at least one, two from four letters on),
/// ignoring case, hyphens, underscores and spaces. Swapping two neighbouring letters
/// counts as one edit.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_n = normalise(word);
    let limit = (word_n.len() / 3).max(if word_n.len() >= 4 { 2 } else { 1 });
    candidates
        .into_iter()
        .filter_map(|c| {
            let c_n = normalise(c);
            // Lengths further apart than the limit cannot be within it.
            if c_n.len().abs_diff(word_n.len()) > limit {
                return None;
            }
            let d = distance(&word_n, &c_n);
            (d <= limit).then_some((d, c))
        })
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// `did you mean `x`?` for the closest candidate, if any is close.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|near| format!("did you mean `{near}`?"))
}

/// `a`, `b` and `c`, for messages.
pub fn quoted_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
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
}
