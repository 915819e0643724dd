//! "Did you mean …?" for misspelt names.

/// The candidate closest to `word`, if it is close enough to be a likely typo: within a
/// third of the word's length in edits (at least one), ignoring case, hyphens and
/// underscores.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let norm = |s: &str| -> Vec<char> {
        s.chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let word_n = norm(word);
    let limit = (word_n.len() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (distance(&word_n, &norm(c)), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Levenshtein distance between two character sequences.
pub fn distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
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
