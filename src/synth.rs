//! Synthetic maps for benchmarks and tests: `argmap gen --statements N --seed S OUT.ron`.
//!
//! Deterministic (same N and seed, same map): one root claim, reasons, objections, rebuttals,
//! linked co-premises, some mutual objections (cycles) and cross-links (a statement supporting
//! two others), with sentences of 8 to 30 words.
//!
//! Must not touch: egui, files (the CLI saves the result through `io::save`).

use crate::model::{ArgumentMap, Relation, RelationKind, Statement, StatementId};

/// SplitMix64: a tiny, well-known deterministic generator (reproducible across platforms).
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

const WORDS: &[&str] = &[
    "the",
    "mission",
    "government",
    "council",
    "security",
    "forces",
    "civilians",
    "evidence",
    "mandate",
    "peace",
    "dialogue",
    "elections",
    "state",
    "authority",
    "consent",
    "support",
    "cooperation",
    "critics",
    "rights",
    "protection",
    "transition",
    "military",
    "members",
    "region",
    "groups",
    "policy",
    "long",
    "term",
    "short",
    "risk",
    "trust",
    "local",
    "public",
    "would",
    "could",
    "should",
    "must",
    "not",
    "because",
    "since",
    "although",
    "more",
    "less",
    "than",
    "with",
    "without",
    "for",
    "against",
    "under",
    "over",
    "its",
    "their",
    "new",
    "old",
];

fn sentence(rng: &mut Rng) -> String {
    let n = 8 + rng.below(23);
    let mut words: Vec<&str> = (0..n).map(|_| WORDS[rng.below(WORDS.len())]).collect();
    let mut s = String::new();
    if let Some(first) = words.first_mut() {
        let mut c = first.chars();
        if let Some(f) = c.next() {
            s.extend(f.to_uppercase());
            s.push_str(c.as_str());
        }
    }
    for w in &words[1..] {
        s.push(' ');
        s.push_str(w);
    }
    s.push('.');
    s
}

/// A synthetic map of `statements` statements (at least 1) from `seed`.
pub fn generate(statements: usize, seed: u64) -> ArgumentMap {
    let n = statements.max(1);
    let mut rng = Rng(seed);
    let id = |i: usize| format!("s{i}");
    let mut nodes = Vec::with_capacity(n);
    let mut relations: Vec<Relation> = Vec::with_capacity(n + n / 20);
    // The relation each statement was attached by (its index), to add co-premises to it.
    let mut attached: Vec<Option<usize>> = vec![None; n];
    nodes.push(Statement::new(id(0), sentence(&mut rng)));
    for i in 1..n {
        nodes.push(Statement::new(id(i), sentence(&mut rng)));
        // Mostly near-recent parents, so branches grow deep as well as wide.
        let parent = if rng.chance(0.3) { rng.below(i) } else { i - 1 - rng.below(i.min(8)) };
        if rng.chance(0.1)
            && let Some(r) = attached[parent]
            && relations[r].premises.len() < 3
        {
            // A co-premise beside `parent`, in the same linked argument.
            relations[r].premises.push(StatementId::from(id(i)));
            attached[i] = Some(r);
            continue;
        }
        let kind = if rng.chance(0.6) { RelationKind::Support } else { RelationKind::Objection };
        relations.push(Relation::single(kind, &id(i), &id(parent)));
        attached[i] = Some(relations.len() - 1);
    }
    // Cross-links and objection cycles.
    for _ in 0..n / 100 {
        let (a, b) = (rng.below(n), rng.below(n));
        if a != b {
            relations.push(Relation::single(RelationKind::Support, &id(a), &id(b)));
        }
    }
    for _ in 0..n / 200 {
        let (a, b) = (rng.below(n), rng.below(n));
        if a != b {
            relations.push(Relation::single(RelationKind::Objection, &id(a), &id(b)));
            relations.push(Relation::single(RelationKind::Objection, &id(b), &id(a)));
        }
    }
    let title = format!("Synthetic map of {n} statements (seed {seed})");
    // Every relation names statements 0..n, none its own premise, no premise twice: valid.
    ArgumentMap::from_parts(title, None, nodes, relations).unwrap_or_default()
}
