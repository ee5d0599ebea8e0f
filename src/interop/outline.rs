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
            (RelationKind::Objection, Some(_)) => "Undercut (objects to the inference)",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_claim_then_nested_reasons_and_objections_with_sources_as_footnotes() {
        let map = crate::io::load_str(crate::MINUSMA_RON, "m").unwrap();
        let md = export(&map);
        let lines: Vec<&str> = md.lines().collect();
        assert_eq!(lines[0], format!("# {}", map.title));
        assert!(md.contains("\n## MINUSMA should keep cooperating closely"));
        assert!(lines.contains(&"- **Reason**: Host-state consent is a core tenet of UN peacekeeping: the mission needs at least some buy-in from the new government to function.[^2]"));
        assert!(lines.contains(&"  - **Reason**: Acceptance of the transitional government clarifies which partners the mission should deal with.[^3]"));
        assert!(md.contains("- **Reason** *State authority mandate*, from these co-premises together:\n"));
        assert!(
            md.contains("  - **Undercut (objects to the inference)**: Proponents of state-centric support")
        );
        assert!(
            md.contains("    - **Rebuttal**: MINUSMA does not itself conduct counter-terrorism operations.")
        );
        // Reasons come before objections under the claim.
        let first_objection = lines.iter().position(|l| l.starts_with("- **Objection**")).unwrap();
        let last_reason = lines.iter().rposition(|l| l.starts_with("- **Reason**")).unwrap();
        assert!(last_reason < first_objection);
        // Every statement once, every source a footnote.
        for s in map.statements() {
            assert_eq!(md.matches(s.text.as_str()).count(), 1, "{}", s.id);
        }
        assert_eq!(lines.iter().filter(|l| l.starts_with("[^")).count(), 27);
    }

    #[test]
    fn cycles_and_cross_links_are_written_once() {
        let map = crate::synth::generate(300, 3);
        let md = export(&map);
        for s in map.statements() {
            let plain = one_line(&s.text);
            assert!(md.contains(&plain), "{}", s.id);
        }
        assert!(md.contains("*(see above)*"), "a generated map has cross-links");
    }
}
