//! Graphviz DOT: the map with argmap's colours and relation styles, so `dot -Tsvg` draws it the
//! way argmap does (claims on top, reasons green with solid arrows, objections red and rebuttals
//! orange with dashed ones). A relation with co-premises, or one that is undercut, gets a small
//! junction point that its premises join and undercuts point at.

use super::{Warning, left_out};
use crate::colors::{Palette, Rgba};
use crate::model::{RelationId, RelationKind, Role, Target, Topology};
use std::collections::HashSet;
use std::fmt::Write;

fn hex(c: Rgba) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0[0], c.0[1], c.0[2])
}

/// A DOT string literal.
fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Wraps text to lines of at most `width` characters, joined by DOT's centred line break.
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines.join("\n")
}

/// Writes the map as a DOT digraph, with the warnings of what DOT leaves out.
pub fn export(map: &crate::model::ArgumentMap) -> (String, Vec<Warning>) {
    let topo = Topology::new(map);
    let roles = topo.roles();
    let palette = Palette::LIGHT;
    let mut out = String::new();
    let _ = writeln!(out, "digraph argmap {{");
    let _ = writeln!(
        out,
        "  graph [rankdir=BT, label={}, labelloc=t, fontname=\"Helvetica\", fontsize=16, bgcolor={}];",
        quote(&map.title),
        quote(&hex(palette.background))
    );
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11, penwidth=1.5, fontcolor={}];",
        quote(&hex(palette.text))
    );
    let _ = writeln!(out, "  edge [penwidth=1.5, arrowsize=0.8];");
    // The statements in no group, then each group as a cluster (a framed, labelled subgraph).
    let node = |out: &mut String, s: usize, indent: &str| {
        let colors = palette.role(roles[s]);
        let caption = roles[s].as_str().to_uppercase();
        let st = topo.statements[s];
        let _ = writeln!(
            out,
            "{indent}{} [label={}, fillcolor={}, color={}];",
            quote(&st.id),
            quote(&format!("{caption}\n{}", wrap(&st.text, 36))),
            quote(&hex(colors.fill)),
            quote(&hex(colors.stroke))
        );
    };
    for s in (0..topo.len()).filter(|&s| topo.groups[s].is_none()) {
        node(&mut out, s, "  ");
    }
    for (g, group) in map.groups().iter().enumerate() {
        let hue = crate::colors::hue(g as u32);
        let _ = writeln!(out, "  subgraph {} {{", quote(&format!("cluster_{}", group.id)));
        let _ = writeln!(
            out,
            "    graph [label={}, style=\"rounded,filled\", color={}, fillcolor={}, fontsize=12];",
            quote(&group.title),
            quote(&hex(hue)),
            quote(&format!("{}22", hex(hue)))
        );
        for s in (0..topo.len()).filter(|&s| topo.groups[s] == Some(g as u32)) {
            node(&mut out, s, "    ");
        }
        let _ = writeln!(out, "  }}");
    }
    let undercut: HashSet<RelationId> =
        topo.relations.iter().filter_map(|r| r.relation.conclusion.relation()).collect();
    let junction = |id: RelationId| format!("relation-{}", id.0);
    for rel in &topo.relations {
        let r = rel.relation;
        let first = rel.premises.first().map_or(Role::Claim, |&p| roles[p]);
        let color = quote(&hex(palette.role(first).stroke));
        let style = if r.kind == RelationKind::Objection { "dashed" } else { "solid" };
        let label =
            r.label.as_deref().map(|l| format!(", label={}, fontsize=9", quote(l))).unwrap_or_default();
        let target = match &r.conclusion {
            Target::Statement(c) => quote(c),
            Target::Relation(t) => quote(&junction(*t)),
        };
        if r.is_linked() || undercut.contains(&rel.id) {
            // Premises join at a point; one arrow leaves it.
            let j = quote(&junction(rel.id));
            let _ = writeln!(out, "  {j} [shape=point, width=0.08, color={color}, label=\"\"];");
            for p in &r.premises {
                let _ =
                    writeln!(out, "  {} -> {j} [arrowhead=none, color={color}, style={style}];", quote(p));
            }
            let _ = writeln!(out, "  {j} -> {target} [color={color}, style={style}{label}];");
        } else {
            for p in &r.premises {
                let _ = writeln!(out, "  {} -> {target} [color={color}, style={style}{label}];", quote(p));
            }
        }
    }
    let _ = writeln!(out, "}}");
    let mut warnings = left_out(map, "DOT", false, false);
    let described = map.relations().filter(|(_, r)| r.description.is_some()).count();
    if described > 0 {
        warnings.push(Warning::general(format!(
            "{described} argument descriptions not written: DOT shows only the titles"
        )));
    }
    (out, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_statement_and_relation_with_argmap_colours_and_styles() {
        let map = crate::io::load_str(crate::MINUSMA_RON, "m").unwrap();
        let (dot, _) = export(&map);
        assert!(dot.starts_with("digraph argmap {") && dot.trim_end().ends_with('}'));
        for s in map.statements() {
            assert!(dot.contains(&format!("  \"{}\" [label=", s.id)), "{}", s.id);
        }
        // The claim is blue, reasons green with solid arrows, objections red and dashed.
        assert!(dot.contains("\"cooperate-with-transition\" [label=\"CLAIM\\nMINUSMA should"));
        assert!(dot.contains("fillcolor=\"#dde9f8\", color=\"#2f62a3\""));
        assert!(
            dot.contains("\"clear-partners\" -> \"host-state-consent\" [color=\"#2e7d32\", style=solid]")
        );
        assert!(dot.contains(
            "\"honest-broker\" -> \"cooperate-with-transition\" [color=\"#c62828\", style=dashed]"
        ));
        // The linked S2 argument joins at one point, which its undercuts point at.
        let s2 = map.relations().find(|(_, r)| r.is_linked()).unwrap().0;
        let j = format!("\"relation-{}\"", s2.0);
        assert!(dot.contains(&format!("\"mandate-state-authority\" -> {j} [arrowhead=none")));
        assert!(dot.contains(&format!("{j} -> \"cooperate-with-transition\"")));
        assert!(dot.contains(&format!("\"no-democratic-cover\" -> {j} [color=\"#c62828\", style=dashed]")));
        let edges = dot.matches(" -> ").count();
        assert_eq!(
            edges,
            map.relations().map(|(_, r)| r.premises.len() + usize::from(r.is_linked())).sum::<usize>()
        );
    }
}
