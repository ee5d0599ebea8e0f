//! A Markdown outline of the map, the essay plan Rationale users write from: each claim as a
//! heading, then its reasons and objections as nested lists (reasons first), co-premises grouped
//! under one item, undercuts under the inference they object to, and sources as footnotes.

use crate::model::{ArgumentMap, RelationKind, Role, Topology};
use std::fmt::Write;

struct Writer<'a> {
    topo: Topology<'a>,
    roles: Vec<Role>,
    out: String,
    footnotes: Vec<String>,
    written: Vec<bool>,
}

impl Writer<'_> {
    /// The statement's text with its footnote marker, or a pointer when it was written before.
    fn text(&mut self, s: usize) -> String {
        let st = self.topo.statements[s];
        if self.written[s] {
            return format!("{} *(see above)*", one_line(&st.text));
        }
        self.written[s] = true;
        let mut text = one_line(&st.text);
        if let Some(source) = &st.source {
            self.footnotes.push(format!("\"{}\" ({})", one_line(&source.quote), one_line(&source.reference)));
            let _ = write!(text, "[^{}]", self.footnotes.len());
        }
        if let Some(note) = &st.note {
            let _ = write!(text, " *Note: {}*", one_line(note));
        }
        text
    }

    /// The reasons, objections and undercuts of statement `s`, nested at `depth`.
    fn children(&mut self, s: usize, depth: usize) {
        for pass in [RelationKind::Support, RelationKind::Objection] {
            for r in self.topo.incoming(s).to_vec() {
                if self.topo.relations[r].relation.kind == pass {
                    self.relation(r, depth);
                }
            }
        }
    }

    fn relation(&mut self, r: usize, depth: usize) {
        let indent = "  ".repeat(depth);
        let rel = &self.topo.relations[r];
        let (premises, kind, id) = (rel.premises.clone(), rel.relation.kind, rel.id);
        let word = match (kind, rel.undercuts) {
            (RelationKind::Support, _) => "Reason",
            (RelationKind::Objection, Some(_)) => {
                "Undercut (the premises may be true, but they do not support it)"
            }
            (RelationKind::Objection, None) => {
                if matches!(self.roles[rel.conclusion], Role::Objection | Role::Rebuttal) {
                    "Rebuttal"
                } else {
                    "Objection"
                }
            }
        };
        let title = rel.relation.label.as_deref().map(|l| format!(" *{}*", one_line(l))).unwrap_or_default();
        let description = rel.relation.description.clone();
        // Recurse into a premise only where it hangs (its first relation), so cross-links and
        // cycles are written once.
        let hangs_here =
            |w: &Self, p: usize| w.topo.first_from[p].is_some_and(|f| w.topo.relations[f].id == id);
        if premises.len() == 1 {
            let p = premises[0];
            let text = self.text(p);
            let _ = writeln!(self.out, "{indent}- **{word}**{title}: {text}");
            if let Some(d) = &description {
                let _ = writeln!(self.out, "{indent}  {}", one_line(d));
            }
            if hangs_here(self, p) {
                self.children(p, depth + 1);
            }
        } else {
            let _ = writeln!(self.out, "{indent}- **{word}**{title}, from these co-premises together:");
            if let Some(d) = &description {
                let _ = writeln!(self.out, "{indent}  {}", one_line(d));
            }
            for p in premises {
                let text = self.text(p);
                let _ = writeln!(self.out, "{indent}  - {text}");
                if hangs_here(self, p) {
                    self.children(p, depth + 2);
                }
            }
        }
        for u in self.topo.undercuts(r).to_vec() {
            self.relation(u, depth + 1);
        }
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes the outline.
pub fn export(map: &ArgumentMap) -> String {
    let topo = Topology::new(map);
    let roles = topo.roles();
    let n = topo.len();
    let mut w = Writer { topo, roles, out: String::new(), footnotes: Vec::new(), written: vec![false; n] };
    let _ = writeln!(w.out, "# {}\n", one_line(&map.title));
    if let Some(source) = &map.source {
        let _ = writeln!(w.out, "Source: {}\n", source.citation());
    }
    // Claims first, then whatever only cycles reach, in file order.
    let claims: Vec<usize> = (0..n).filter(|&s| w.topo.first_from[s].is_none()).collect();
    for s in claims.into_iter().chain(0..n) {
        if w.written[s] {
            continue;
        }
        let text = w.text(s);
        let _ = writeln!(w.out, "## {text}\n");
        w.children(s, 0);
        w.out.push('\n');
    }
    for (i, f) in w.footnotes.iter().enumerate() {
        let _ = writeln!(w.out, "[^{}]: {f}", i + 1);
    }
    w.out
}
