//! Small-number suppression across the whole report: no count from 1 to K−1 is shown,
//! and no hidden count can be worked out from the figures shown anywhere in the same
//! report.
//!
//! Every count a report shows is a count of cases, named by a [`Key`]: the same cases
//! in two tables are one count, hidden in both or in neither. A total is the union of
//! its line's cases; so is the "Formal" column of the equality tables (the two formal
//! routes of the routes table), or the groups of a comparison taken together. Where one
//! count's cases are split by a facet into others' (a group's cases by route, the
//! formal cases by group), that split is a relation: the count less its parts is
//! nothing. The relations are found from the keys ([`Ledger::settle`]), not from each
//! table alone, so a figure in one table that is a sum of cells in another is a total
//! of that table too.
//!
//! Primary suppression hides every count from 1 to K−1. Then, while any hidden count
//! can be worked out from those shown ([`super::solve`]: by the relations, or by the
//! bounds that `<K` and `*` give), a further count that the working uses is hidden:
//! one whose hiding undoes it where there is one, and of those the least needed —
//! a "Not stated" or "Not recorded" row first, the headline comparisons' counts
//! last, a detailed cell before a total, a smaller count before a larger, never a
//! zero. Each step hides one more count, so it ends.
//!
//! The report is built twice ([`super::build::report`]): first to gather every count it
//! shows, then, suppression settled, to show each as settled.

use std::cmp::Reverse;
use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap, HashSet};

use super::facet::{Exact, Key, Population};
use super::solve::{self, Relation, UNBOUNDED};

/// Why a count is hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hidden {
    /// Shown.
    No,
    /// A count from 1 to K−1.
    Small,
    /// Hidden so that a small count cannot be worked out from the figures shown.
    Secondary,
}

/// One count of the report, or a part of one that a relation needs.
#[derive(Debug)]
struct Count {
    key: Exact,
    value: u64,
    /// Shown somewhere in the report (else only a part of counts that are).
    published: bool,
    /// Shown whatever K is: the coverage's counts of records.
    public: bool,
    /// A comparison's: kept where anything else will do.
    keep: Option<Keep>,
    /// How many comparisons it is in: of two to keep, the one in more is kept.
    uses: u32,
    hidden: Hidden,
}

/// How much a count is needed by the comparisons it is in, least first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Keep {
    /// A group's, against the reference group.
    Comparison,
    /// The headline comparison's: the reference group's, and the other groups'
    /// together (ethnic minority against White, as WRES compares them).
    Headline,
}

/// A hidden count that can be worked out, and the shown counts whose hiding could
/// protect it: those of the working, and of them those known to undo it alone.
struct Target {
    count: usize,
    candidates: Vec<usize>,
    breakers: Vec<usize>,
}

/// Every count of a report, and which to hide.
pub struct Ledger {
    k: u64,
    population: Population,
    counts: Vec<Count>,
    index: HashMap<Exact, usize>,
    /// Each key as the cases make it exact, worked out once.
    exact: HashMap<Key, Option<Exact>>,
    settled: bool,
}

impl Ledger {
    /// A ledger for the cases of `population`, hiding counts under `k` (none where `k`
    /// is 0 or 1).
    pub fn new(k: u64, population: Population) -> Ledger {
        Ledger {
            k,
            population,
            counts: Vec::new(),
            index: HashMap::new(),
            exact: HashMap::new(),
            settled: k <= 1,
        }
    }

    /// K: the smallest count shown; 0 where nothing is hidden.
    pub fn k(&self) -> u64 {
        self.k
    }

    /// Whether this ledger hides anything at all.
    pub fn suppresses(&self) -> bool {
        self.k > 1
    }

    /// Whether the counts are still being gathered (the first building of the report).
    pub fn gathering(&self) -> bool {
        !self.settled
    }

    /// How the count of `key`, `value`, is shown.
    pub fn count(&mut self, key: &Key, value: u64) -> Hidden {
        if !self.suppresses() {
            return Hidden::No;
        }
        let exact = self.exact(key);
        self.shown(exact, value)
    }

    /// How a total is shown: the count of the union of `parts`' cases, which differ
    /// in one facet only (the line's).
    pub fn total(&mut self, parts: &[Key], value: u64) -> Hidden {
        if !self.suppresses() {
            return Hidden::No;
        }
        let parts: Vec<Exact> = parts
            .iter()
            .filter_map(|p| self.population.as_written(p))
            .collect();
        let exact = self
            .union(parts.into_iter())
            .and_then(|u| self.population.tighten(u));
        self.shown(exact, value)
    }

    /// How the total of a grid is shown: the union of its `lines`' cases, each line's
    /// parts differing in one facet, the lines in another.
    pub fn grand_total(&mut self, lines: &[Vec<Key>], value: u64) -> Hidden {
        if !self.suppresses() {
            return Hidden::No;
        }
        let mut unions: Vec<Exact> = Vec::new();
        for line in lines {
            let parts = line.iter().filter_map(|p| self.population.as_written(p));
            unions.extend(self.union(parts));
        }
        let exact = self
            .union(unions.into_iter())
            .and_then(|u| self.population.tighten(u));
        self.shown(exact, value)
    }

    /// A count the report shows whatever K is: the coverage's counts of records read,
    /// counted and linked, which the files left out, named, give anyway. It is shown
    /// wherever else it appears, and protects nothing.
    pub fn public(&mut self, key: &Key, value: u64) {
        if self.settled {
            return;
        }
        let exact = self.exact(key);
        if let Some(i) = self.register(exact, value, true) {
            self.counts[i].public = true;
        }
    }

    /// Keeps the count of `key` shown where another count will do as well: a count of
    /// a comparison that can be shown.
    pub fn protect(&mut self, key: &Key, value: u64, keep: Keep) {
        if self.settled {
            return;
        }
        let exact = self.exact(key);
        if let Some(i) = self.register(exact, value, false) {
            let count = &mut self.counts[i];
            count.keep = count.keep.max(Some(keep));
            count.uses += 1;
        }
    }

    fn exact(&mut self, key: &Key) -> Option<Exact> {
        if let Some(exact) = self.exact.get(key) {
            return exact.clone();
        }
        let exact = self.population.exact(key);
        self.exact.insert(key.clone(), exact.clone());
        exact
    }

    /// The cases of all of `keys`, as written, which differ in one facet.
    fn union(&self, mut keys: impl Iterator<Item = Exact>) -> Option<Exact> {
        let mut union = keys.next()?;
        for key in keys {
            let facets: BTreeSet<&String> = union.0.keys().chain(key.0.keys()).collect();
            let differ: Vec<String> = facets
                .into_iter()
                .filter(|f| union.0.get(*f) != key.0.get(*f))
                .cloned()
                .collect();
            match differ.as_slice() {
                [] => {}
                [facet] => match (union.0.get(facet), key.0.get(facet)) {
                    (Some(a), Some(b)) => {
                        let values = a.union(b).cloned().collect();
                        union.0.insert(facet.clone(), values);
                    }
                    _ => {
                        union.0.remove(facet);
                    }
                },
                _ => panic!("a total of counts that differ in more than one facet: {differ:?}"),
            }
        }
        // A facet that now allows every value allows any.
        let full: Vec<String> = union
            .0
            .iter()
            .filter(|(f, v)| v.len() >= self.population.values(f).len())
            .map(|(f, _)| f.clone())
            .collect();
        for f in full {
            union.0.remove(&f);
        }
        Some(union)
    }

    fn register(&mut self, exact: Option<Exact>, value: u64, published: bool) -> Option<usize> {
        let exact = exact?;
        debug_assert_eq!(
            self.population.count(&exact),
            value,
            "the count of {exact:?} is not the count of its cases"
        );
        if let Some(&i) = self.index.get(&exact) {
            self.counts[i].published |= published;
            return Some(i);
        }
        if self.settled && self.suppresses() {
            debug_assert!(false, "a count not gathered before suppression: {exact:?}");
            return None;
        }
        let i = self.counts.len();
        self.index.insert(exact.clone(), i);
        self.counts.push(Count {
            key: exact,
            value,
            published,
            public: false,
            keep: None,
            uses: 0,
            hidden: Hidden::No,
        });
        Some(i)
    }

    fn shown(&mut self, exact: Option<Exact>, value: u64) -> Hidden {
        let small = value >= 1 && value < self.k;
        match self.register(exact, value, true) {
            None if value == 0 => Hidden::No,
            // Not gathered: hide it, as nothing can be said of what it gives away.
            None => {
                if small {
                    Hidden::Small
                } else {
                    Hidden::Secondary
                }
            }
            Some(i) if self.settled => self.counts[i].hidden,
            Some(_) if small => Hidden::Small,
            Some(_) => Hidden::No,
        }
    }

    /// Settles which counts are hidden, once every count has been gathered.
    pub fn settle(&mut self) {
        if self.settled {
            return;
        }
        self.settled = true;
        for c in &mut self.counts {
            if c.published && !c.public && c.value >= 1 && c.value < self.k {
                c.hidden = Hidden::Small;
            }
        }
        let relations = self.relations();
        let mut holding: Vec<Vec<usize>> = vec![Vec::new(); self.counts.len()];
        for (r, relation) in relations.iter().enumerate() {
            for &(i, _) in relation {
                holding[i].push(r);
            }
        }
        let mut unprotectable: HashSet<usize> = HashSet::new();
        loop {
            let targets = self.targets(&relations, &holding, &unprotectable);
            let chosen = self.choose(&targets, &mut unprotectable);
            if chosen.is_empty() {
                return;
            }
            for i in chosen {
                self.counts[i].hidden = Hidden::Secondary;
            }
        }
    }

    /// The counts not shown: hidden, or only parts that relations hold.
    fn unknown(&self) -> Vec<bool> {
        self.counts
            .iter()
            .map(|c| !c.published || c.hidden != Hidden::No)
            .collect()
    }

    /// The hidden counts, which nothing may give away.
    fn watched(&self) -> Vec<bool> {
        self.counts
            .iter()
            .map(|c| c.published && c.hidden != Hidden::No)
            .collect()
    }

    /// What a reader knows of each count: its value where shown, 1 to K−1 for `<K`,
    /// K or more for `*` (a zero is never hidden), and nothing of a part not shown.
    fn bounds(&self, unknown: &[bool]) -> Vec<(i128, i128)> {
        self.counts
            .iter()
            .zip(unknown)
            .map(|(c, &u)| {
                let v = i128::from(c.value);
                match (u, c.published, c.hidden) {
                    (false, _, _) => (v, v),
                    (true, false, _) => (0, UNBOUNDED),
                    (true, true, Hidden::Small) => (1, i128::from(self.k) - 1),
                    (true, true, _) => (i128::from(self.k), UNBOUNDED),
                }
            })
            .collect()
    }

    /// The hidden counts that can be worked out now, each with the shown counts that
    /// could protect it: by the relations where any is, else by the bounds.
    fn targets(
        &self,
        relations: &[Relation],
        holding: &[Vec<usize>],
        unprotectable: &HashSet<usize>,
    ) -> Vec<Target> {
        let (unknown, watched) = (self.unknown(), self.watched());
        let hideable = |i: &usize| {
            let c = &self.counts[*i];
            c.published && !c.public && c.hidden == Hidden::No && c.value > 0
        };
        let analysis = solve::analyse(relations, &unknown);
        let mut targets: Vec<Target> = analysis
            .determined
            .iter()
            .filter(|(x, _)| watched[*x] && !unprotectable.contains(x))
            .map(|(x, using)| {
                let candidates: Vec<usize> = using.iter().copied().filter(hideable).collect();
                let breakers = candidates
                    .iter()
                    .copied()
                    .filter(|i| !analysis.pinned.contains(i))
                    .collect();
                Target {
                    count: *x,
                    candidates,
                    breakers,
                }
            })
            .collect();
        if targets.is_empty() {
            let mut bounds = self.bounds(&unknown);
            for x in solve::exposed(relations, &mut bounds, &watched) {
                if unprotectable.contains(&x) {
                    continue;
                }
                let mut candidates: Vec<usize> = holding[x]
                    .iter()
                    .flat_map(|&r| relations[r].iter().map(|(i, _)| *i))
                    .filter(hideable)
                    .collect();
                candidates.sort_unstable();
                candidates.dedup();
                targets.push(Target {
                    count: x,
                    breakers: candidates.clone(),
                    candidates,
                });
            }
        }
        // Small counts first, then in the order of their keys, for the same choices on
        // every run.
        targets.sort_by(|a, b| {
            let c = |i: usize| (self.counts[i].hidden != Hidden::Small, &self.counts[i].key);
            c(a.count).cmp(&c(b.count))
        });
        targets
    }

    /// The counts to hide next, to protect `targets`.
    fn choose(&self, targets: &[Target], unprotectable: &mut HashSet<usize>) -> Vec<usize> {
        let mut chosen: Vec<usize> = Vec::new();
        let mut deferred: Vec<usize> = Vec::new();
        for t in targets {
            if t.candidates.is_empty() {
                // Worked out from counts shown whatever K is: nothing to hide helps.
                unprotectable.insert(t.count);
                continue;
            }
            // Another choice this round may protect it already: see next round.
            if t.candidates.iter().any(|c| chosen.contains(c)) {
                continue;
            }
            // A count whose hiding undoes the working; but any other before a
            // comparison's, as what else is hidden may make it one.
            let pick = *t
                .candidates
                .iter()
                .min_by_key(|&&i| {
                    let c = &self.counts[i];
                    (c.keep, !t.breakers.contains(&i), c.uses, self.cost(i))
                })
                .expect("a candidate");
            if self.counts[pick].keep.is_some() {
                deferred.push(pick);
            } else {
                chosen.push(pick);
            }
        }
        // A comparison's count only when nothing else is left to hide, one at a time,
        // the least needed first.
        if chosen.is_empty() {
            chosen.extend(
                deferred
                    .into_iter()
                    .min_by_key(|&i| (self.counts[i].keep, self.counts[i].uses, self.cost(i))),
            );
        }
        chosen
    }

    /// The order in which counts are hidden to protect another: first what a board
    /// needs least.
    fn cost(&self, i: usize) -> impl Ord + '_ {
        let c = &self.counts[i];
        (
            !c.key.of_nothing_recorded(),
            Reverse(c.key.0.len()),
            c.value,
            &c.key,
        )
    }

    /// Every relation between the counts: where a count's cases are split by one facet
    /// into the cases of others (a count of the same cases with that facet at one value
    /// each), the count less those parts is nothing. A part no case falls in is left
    /// out, as nothing; a part not shown is a count only the relation holds.
    fn relations(&mut self) -> Vec<Relation> {
        let mut relations = Vec::new();
        // A fibre: the counts that differ from one base only in one facet.
        let mut fibres: HashMap<(String, Exact), Vec<usize>> = HashMap::new();
        let mut of_base: HashMap<Exact, Vec<(String, Exact)>> = HashMap::new();
        let mut split: HashSet<(usize, String)> = HashSet::new();
        let mut dirty: BTreeSet<(String, Exact)> = BTreeSet::new();
        let mut queue: Vec<usize> = (0..self.counts.len()).collect();
        loop {
            while let Some(i) = queue.pop() {
                let key = self.counts[i].key.clone();
                for facet in key.0.keys() {
                    let fibre = (facet.clone(), key.without(facet));
                    of_base
                        .entry(fibre.1.clone())
                        .or_default()
                        .push(fibre.clone());
                    fibres.entry(fibre.clone()).or_default().push(i);
                    dirty.insert(fibre);
                }
                if let Some(bases) = of_base.get(&key) {
                    dirty.extend(bases.iter().cloned());
                }
            }
            let Some(fibre) = dirty.pop_first() else {
                relations.extend(self.equalities());
                return relations;
            };
            let (facet, base) = &fibre;
            let mut members = fibres.get(&fibre).cloned().unwrap_or_default();
            members.extend(self.index.get(base).copied());
            members.sort_unstable();
            members.dedup();
            if members.len() < 2 {
                continue;
            }
            for m in members {
                if !split.insert((m, facet.clone())) {
                    continue;
                }
                let values: Vec<String> = match self.counts[m].key.0.get(facet) {
                    Some(values) => values.iter().cloned().collect(),
                    None => self
                        .population
                        .values(facet)
                        .into_iter()
                        .map(str::to_owned)
                        .collect(),
                };
                if values.len() < 2 {
                    continue;
                }
                let mut relation: Relation = vec![(m, 1)];
                for value in values {
                    let Some(part) = self.population.tighten(base.at(facet, &value)) else {
                        continue;
                    };
                    let n = self.population.count(&part);
                    let p = match self.index.get(&part) {
                        Some(&p) => p,
                        None => {
                            let p = self.counts.len();
                            self.index.insert(part.clone(), p);
                            self.counts.push(Count {
                                key: part,
                                value: n,
                                published: false,
                                public: false,
                                keep: None,
                                uses: 0,
                                hidden: Hidden::No,
                            });
                            queue.push(p);
                            p
                        }
                    };
                    relation.push((p, -1));
                }
                if relation.len() > 2 || relation.get(1).is_some_and(|&(p, _)| p != m) {
                    relations.push(relation);
                }
            }
        }
    }

    /// Counts of the very same cases named through different facets: the answers to an
    /// item asked only where there is an interim measure, say, and the interim measures'
    /// total. Each such pair is a relation (the one less the other is nothing), so that
    /// one shown gives the other away and both are hidden or neither.
    fn equalities(&self) -> Vec<Relation> {
        let mut first: HashMap<Vec<u64>, usize> = HashMap::new();
        let mut equal = Vec::new();
        for (i, count) in self.counts.iter().enumerate() {
            match first.entry(self.population.bits(&count.key)) {
                Entry::Occupied(at) => equal.push(vec![(*at.get(), 1), (i, -1)]),
                Entry::Vacant(at) => {
                    at.insert(i);
                }
            }
        }
        equal
    }

    /// The hidden counts that can be worked out exactly from the counts shown, by the
    /// relations or by the bounds `<K` and `*` give: the check the tests make.
    #[cfg(test)]
    pub fn recoverable(&mut self) -> Vec<String> {
        let relations = self.relations();
        let (unknown, watched) = (self.unknown(), self.watched());
        let mut out: Vec<usize> = solve::analyse(&relations, &unknown)
            .determined
            .into_iter()
            .map(|(x, _)| x)
            .filter(|&x| watched[x])
            .collect();
        let mut bounds = self.bounds(&unknown);
        out.extend(solve::exposed(&relations, &mut bounds, &watched));
        out.sort_unstable();
        out.dedup();
        out.into_iter()
            .map(|x| format!("{:?} = {}", self.counts[x].key, self.counts[x].value))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::facts::{Choice, Facts};
    use crate::report::inputs::Monitoring;

    fn choice(id: &str) -> Option<Choice> {
        Some(Choice {
            id: id.to_owned(),
            label: id.to_owned(),
        })
    }

    /// Cases of each `(group, route, how many)`, with their monitoring file.
    fn cases(spec: &[(&str, &str, usize)]) -> (Vec<Facts>, Monitoring) {
        let mut facts = Vec::new();
        let mut monitoring = Monitoring {
            characteristics: vec!["ethnicity".to_owned()],
            rows: Default::default(),
            order: Vec::new(),
            near_misses: Vec::new(),
        };
        for &(group, route, n) in spec {
            for _ in 0..n {
                let reference = format!("CASE-{:04}", facts.len());
                let mut f = Facts::blank(&reference);
                f.route = choice(route);
                facts.push(f);
                monitoring.order.push(reference.clone());
                let value = (!group.is_empty()).then(|| group.to_owned());
                monitoring.rows.insert(reference, vec![value]);
            }
        }
        (facts, monitoring)
    }

    fn group(name: &str) -> Key {
        Key::all()
            .is("linked", "yes")
            .is("monitoring:ethnicity", &name.to_ascii_lowercase())
    }

    /// Publishes a table of routes by group with its totals, as the report does.
    fn routes_table(ledger: &mut Ledger, groups: &[&str], routes: &[&str]) {
        let cells: Vec<Vec<Key>> = groups
            .iter()
            .map(|g| routes.iter().map(|r| group(g).is("route", r)).collect())
            .collect();
        for row in &cells {
            let mut sum = 0;
            for key in row {
                let n = value(ledger, key);
                sum += n;
                ledger.count(key, n);
            }
            ledger.total(row, sum);
        }
        for r in 0..routes.len() {
            let column: Vec<Key> = cells.iter().map(|row| row[r].clone()).collect();
            let n = column.iter().map(|k| value(ledger, k)).sum();
            ledger.total(&column, n);
        }
    }

    /// Publishes each group's Formal, as the equality table does.
    fn formal_column(ledger: &mut Ledger, groups: &[&str]) -> Vec<Key> {
        let mut column = Vec::new();
        for g in groups {
            let key = group(g).and(&crate::report::facet::formal());
            let n = value(ledger, &key);
            ledger.count(&key, n);
            column.push(key);
        }
        let n = column.iter().map(|k| value(ledger, k)).sum();
        ledger.total(&column, n);
        column
    }

    fn value(ledger: &Ledger, key: &Key) -> u64 {
        ledger
            .population
            .exact(key)
            .map_or(0, |e| ledger.population.count(&e))
    }

    fn hidden_keys(ledger: &Ledger) -> Vec<Exact> {
        ledger
            .counts
            .iter()
            .filter(|c| c.published && c.hidden != Hidden::No)
            .map(|c| c.key.clone())
            .collect()
    }

    #[test]
    fn a_figure_of_one_table_that_sums_cells_of_another_is_a_total_of_it() {
        // Asian: 20 informal, 12 formal process, 3 performers-list action. The equality
        // table's Formal, 15, is the sum of the two formal routes: shown with the 12,
        // it gives the 3 away, though each line of the routes table has two hidden.
        let (facts, monitoring) = cases(&[
            ("White", "informal", 40),
            ("White", "formal", 12),
            ("White", "performers-list-action", 11),
            ("Asian", "informal", 20),
            ("Asian", "formal", 12),
            ("Asian", "performers-list-action", 3),
            ("Mixed", "informal", 4),
            ("Mixed", "formal", 15),
            ("Mixed", "performers-list-action", 12),
        ]);
        let routes = ["informal", "formal", "performers-list-action"];
        let groups = ["White", "Asian", "Mixed"];
        let population = || Population::new(&facts, Some(&monitoring));
        // The routes table suppressed alone, as each table was.
        let mut alone = Ledger::new(10, population());
        routes_table(&mut alone, &groups, &routes);
        alone.settle();
        let hidden_alone = hidden_keys(&alone);
        assert!(alone.recoverable().is_empty());
        // With the Formal column beside it, and only those counts hidden, the 3 is
        // worked out.
        let mut before = Ledger::new(10, population());
        routes_table(&mut before, &groups, &routes);
        let formal = formal_column(&mut before, &groups);
        before.settled = true;
        for c in &mut before.counts {
            if hidden_alone.contains(&c.key) {
                c.hidden = Hidden::Secondary;
            }
            if c.published && (1..10).contains(&c.value) {
                c.hidden = Hidden::Small;
            }
        }
        assert_eq!(before.count(&formal[1], 15), Hidden::No);
        let given_away = before.recoverable();
        assert!(
            given_away.iter().any(|c| c.ends_with("= 3")),
            "{given_away:?}"
        );
        // Suppressed together, nothing is.
        let mut together = Ledger::new(10, population());
        routes_table(&mut together, &groups, &routes);
        formal_column(&mut together, &groups);
        together.settle();
        assert_eq!(together.recoverable(), Vec::<String>::new());
        assert!(hidden_keys(&together).len() > hidden_alone.len());
    }

    #[test]
    fn a_not_stated_count_is_protected_by_another_before_a_headline_count() {
        // Formal: White 10, Asian 15, Not stated 3; total 28. The comparison of Asian
        // with White is the headline: the total goes, not either group.
        let (facts, monitoring) = cases(&[
            ("White", "formal", 10),
            ("White", "informal", 100),
            ("Asian", "formal", 15),
            ("Asian", "informal", 60),
            ("", "formal", 3),
            ("", "informal", 20),
        ]);
        let mut ledger = Ledger::new(10, Population::new(&facts, Some(&monitoring)));
        let formal = crate::report::facet::formal();
        let column = formal_column(&mut ledger, &["White", "Asian", ""]);
        ledger.protect(&column[0], 10, Keep::Headline);
        ledger.protect(&column[1], 15, Keep::Headline);
        ledger.settle();
        assert_eq!(ledger.recoverable(), Vec::<String>::new());
        assert_eq!(ledger.count(&group("White").and(&formal), 10), Hidden::No);
        assert_eq!(ledger.count(&group("Asian").and(&formal), 15), Hidden::No);
        assert_eq!(ledger.count(&group("").and(&formal), 3), Hidden::Small);
        assert_eq!(ledger.total(&column, 28), Hidden::Secondary);
    }

    #[test]
    fn no_hidden_count_is_ever_recoverable_in_many_pairs_of_linked_tables() {
        // Groups by routes, with the Formal of each group alongside: the counts drawn
        // from a few values, at K = 5 and 10.
        let values = [0usize, 1, 2, 4, 9, 12, 30];
        let routes = ["informal", "formal", "performers-list-action"];
        for seed in 0..150usize {
            let pick =
                |i: usize| values[(seed * 7919 + i * 104_729 + (seed >> (i % 4))) % values.len()];
            let mut spec = Vec::new();
            for (gi, g) in ["White", "Asian", ""].iter().enumerate() {
                for (ri, r) in routes.iter().enumerate() {
                    spec.push((*g, *r, pick(gi * 3 + ri)));
                }
            }
            let (facts, monitoring) = cases(&spec);
            for k in [5, 10] {
                let mut ledger = Ledger::new(k, Population::new(&facts, Some(&monitoring)));
                routes_table(&mut ledger, &["White", "Asian", ""], &routes);
                formal_column(&mut ledger, &["White", "Asian", ""]);
                ledger.settle();
                let left = ledger.recoverable();
                assert!(left.is_empty(), "{spec:?} at {k}: {left:?}");
            }
        }
    }

    #[test]
    fn a_count_of_the_same_cases_named_another_way_gives_away_what_it_equals() {
        // White 12 and not stated 3 formal; an item asked only in a formal process, so
        // answered by exactly the 15 formal cases. Its answers' total shown beside the
        // White 12 would give the 3 away as surely as the column's total.
        let (mut facts, monitoring) = cases(&[
            ("White", "formal", 12),
            ("White", "informal", 40),
            ("", "formal", 3),
            ("", "informal", 20),
        ]);
        for f in &mut facts {
            if f.route.as_ref().is_some_and(|r| r.id == "formal") {
                f.checks.push((
                    "x".to_owned(),
                    "X?".to_owned(),
                    crate::report::facts::Check::Yes,
                ));
            }
        }
        let mut ledger = Ledger::new(10, Population::new(&facts, Some(&monitoring)));
        let column = formal_column(&mut ledger, &["White", ""]);
        let answered = Key::all().any_of("check:x", ["yes", "no", "not-applicable"]);
        let yes = Key::all().is("check:x", "yes");
        ledger.count(&yes, 15);
        ledger.count(&answered, 15);
        // The White count is a headline's, so the column's total is what goes.
        ledger.protect(&column[0], 12, Keep::Headline);
        ledger.settle();
        assert_eq!(ledger.count(&column[1], 3), Hidden::Small);
        assert_eq!(ledger.total(&column, 15), Hidden::Secondary);
        assert_eq!(ledger.recoverable(), Vec::<String>::new());
        let shown = |ledger: &mut Ledger, key: &Key, n| ledger.count(key, n) == Hidden::No;
        assert!(
            !(shown(&mut ledger, &column[0], 12) && shown(&mut ledger, &answered, 15)),
            "{:?}",
            hidden_keys(&ledger)
        );
        assert!(!(shown(&mut ledger, &column[0], 12) && shown(&mut ledger, &yes, 15)));
    }

    #[test]
    fn nothing_is_hidden_where_k_is_one() {
        let (facts, monitoring) = cases(&[("White", "formal", 3)]);
        let mut ledger = Ledger::new(0, Population::new(&facts, Some(&monitoring)));
        assert_eq!(ledger.count(&group("White"), 3), Hidden::No);
        ledger.settle();
        assert_eq!(ledger.count(&group("White"), 3), Hidden::No);
    }
}
