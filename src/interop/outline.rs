//! A Markdown outline of the map, the essay plan Rationale users write from: each claim as a
//! heading, then its reasons and objections as nested lists (reasons first), co-premises grouped
//! under one item, undercuts under the inference they object to, and sources as footnotes.

use crate::model::{ArgumentMap, RelationKind, Role, Topology};
use std::fmt::Write;

/// How deep the lists nest before a branch goes on in a section of its own ("continued"): deeper
/// lists are unreadable, and indentation that grows with depth would make the file quadratic in
/// a long chain.
const MAX_DEPTH: usize = 24;

/// One step of writing the outline. The writer keeps a stack of these instead of recursing, so a
/// chain of any length cannot overflow the stack; each statement's branch is written once, where
/// it hangs (its first relation), so cycles end.
enum Step {
    /// The reasons, objections and undercuts of a statement, nested at a depth.
    Children(usize, usize),
    /// A relation (by position) at a depth.
    Relation(usize, usize),
    /// One co-premise of a linked relation, then its branch.
    CoPremise { relation: usize, premise: usize, depth: usize },
}

struct Writer<'a> {
    topo: Topology<'a>,
    roles: Vec<Role>,
    out: String,
    footnotes: Vec<String>,
    written: Vec<bool>,
    /// Statements whose branch was written (or is being written): each branch once, so a cycle
    /// ends where it comes back.
    expanded: Vec<bool>,
    /// Statements whose branch was too deep to nest, to be continued in sections of their own.
    continued: Vec<usize>,
    /// The argument schemes, for each argument's open critical questions.
    schemes: crate::schemes::Catalogue,
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
            let cited = source.cited(self.topo.map);
            self.footnotes.push(format!("\"{}\" ({})", one_line(&source.quote), one_line(&cited)));
            let _ = write!(text, "[^{}]", self.footnotes.len());
        }
        if let Some(note) = &st.note {
            let _ = write!(text, " *Note: {}*", one_line(note));
        }
        text
    }

    /// Writes the branch below statement `s` (at list depth 0), iteratively.
    fn branch(&mut self, s: usize) {
        let mut stack = vec![Step::Children(s, 0)];
        while let Some(step) = stack.pop() {
            match step {
                Step::Children(s, depth) => self.children(s, depth, &mut stack),
                Step::Relation(r, depth) => self.relation(r, depth, &mut stack),
                Step::CoPremise { relation, premise, depth } => {
                    let text = self.text(premise);
                    let _ = writeln!(self.out, "{}  - {text}", "  ".repeat(depth));
                    if self.hangs_here(premise, relation) {
                        stack.push(Step::Children(premise, depth + 2));
                    }
                }
            }
        }
    }

    /// Queues the reasons, then the objections, of statement `s` (the stack pops them in order).
    fn children(&mut self, s: usize, depth: usize, stack: &mut Vec<Step>) {
        if self.topo.incoming(s).is_empty() || self.expanded[s] {
            return;
        }
        if depth > MAX_DEPTH {
            let _ = writeln!(self.out, "{}- *(continued below)*", "  ".repeat(depth.min(MAX_DEPTH + 1)));
            self.continued.push(s);
            return;
        }
        self.expanded[s] = true;
        let start = stack.len();
        for pass in [RelationKind::Support, RelationKind::Objection] {
            for &r in self.topo.incoming(s) {
                if self.topo.relations[r].relation.kind == pass {
                    stack.push(Step::Relation(r, depth));
                }
            }
        }
        stack[start..].reverse();
    }

    /// An argument's scheme and its open critical questions, on one line, if it names a scheme
    /// the catalogue has.
    fn questions(&self, id: crate::model::RelationId) -> Option<String> {
        let a = crate::schemes::asked(self.topo.map, id, &self.schemes)?;
        let open: Vec<String> =
            a.questions.iter().filter(|q| q.2.is_empty()).map(|q| one_line(&q.1.ask)).collect();
        let open = if open.is_empty() { String::new() } else { format!("; open: {}", open.join(" ")) };
        Some(format!("*{}: {}{open}*", one_line(&a.scheme.name), a.said()))
    }

    /// Whether premise `p` hangs under relation `r` (its first relation): its branch goes there.
    fn hangs_here(&self, p: usize, r: usize) -> bool {
        self.topo.first_from[p] == Some(r)
    }

    fn relation(&mut self, r: usize, depth: usize, stack: &mut Vec<Step>) {
        let indent = "  ".repeat(depth);
        let rel = &self.topo.relations[r];
        let word = match (rel.relation.kind, rel.undercuts) {
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
        let description = rel.relation.description.as_deref().map(one_line);
        let premises = rel.premises.clone();
        // Pushed in reverse: the premises' branches first, then the undercuts.
        for &u in self.topo.undercuts(r).iter().rev() {
            stack.push(Step::Relation(u, depth + 1));
        }
        let questions = self.questions(rel.id);
        if let [p] = premises[..] {
            let text = self.text(p);
            let _ = writeln!(self.out, "{indent}- **{word}**{title}: {text}");
            if let Some(d) = &description {
                let _ = writeln!(self.out, "{indent}  {d}");
            }
            if let Some(q) = &questions {
                let _ = writeln!(self.out, "{indent}  {q}");
            }
            if self.hangs_here(p, r) {
                stack.push(Step::Children(p, depth + 1));
            }
        } else {
            let _ = writeln!(self.out, "{indent}- **{word}**{title}, from these co-premises together:");
            if let Some(d) = &description {
                let _ = writeln!(self.out, "{indent}  {d}");
            }
            if let Some(q) = &questions {
                let _ = writeln!(self.out, "{indent}  {q}");
            }
            for &premise in premises.iter().rev() {
                stack.push(Step::CoPremise { relation: r, premise, depth });
            }
        }
    }
}

/// A text of the map on one line, as Markdown text that says exactly it: every character
/// Markdown would read as markup (HTML tags, links, images, emphasis, code, a heading or list
/// mark at the start) escaped, so a statement's words never become a script, a link or a
/// picture fetched from elsewhere.
fn one_line(text: &str) -> String {
    let plain = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(plain.len() + 8);
    let mut digits = 0; // the digits the text starts with (a numbered list's mark: "1.")
    for (i, c) in plain.chars().enumerate() {
        let list_mark =
            (i == 0 && matches!(c, '-' | '+' | '=')) || (i == digits && i > 0 && matches!(c, '.' | ')'));
        if i == digits && c.is_ascii_digit() {
            digits += 1;
        }
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '!' | '|' | '~' | '#' | '&')
            || list_mark
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Writes the outline.
pub fn export(map: &ArgumentMap) -> String {
    let topo = Topology::new(map);
    let roles = topo.roles();
    let n = topo.len();
    let mut w = Writer {
        topo,
        roles,
        out: String::new(),
        footnotes: Vec::new(),
        written: vec![false; n],
        expanded: vec![false; n],
        continued: Vec::new(),
        schemes: crate::schemes::installed().0,
    };
    let _ = writeln!(w.out, "# {}\n", one_line(&map.title));
    if let Some(source) = &map.source {
        let _ = writeln!(w.out, "Source: {}\n", source.citation());
    }
    // Claims first, then whatever only cycles reach, in file order; after each, the branches
    // too deep to nest, each in a section of its own.
    let claims: Vec<usize> = (0..n).filter(|&s| w.topo.first_from[s].is_none()).collect();
    for s in claims.into_iter().chain(0..n) {
        if w.written[s] {
            continue;
        }
        let text = w.text(s);
        let _ = writeln!(w.out, "## {text}\n");
        w.branch(s);
        w.out.push('\n');
        let mut next = 0;
        while let Some(&c) = w.continued.get(next) {
            next += 1;
            if w.expanded[c] {
                continue;
            }
            let _ = writeln!(w.out, "## Continued: {}\n", one_line(&w.topo.statements[c].text));
            w.branch(c);
            w.out.push('\n');
        }
        w.continued.clear();
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

    #[test]
    fn issue13_a_long_chain_goes_on_in_sections_and_a_cycle_under_no_claim_ends() {
        use crate::model::{Relation, Statement, Target};
        let n = 100;
        let statements = (0..n).map(|i| Statement::new(format!("s{i}"), format!("S{i}"))).collect();
        let mut relations: Vec<Relation> = (1..n)
            .map(|i| {
                let (p, c) = (format!("s{i}"), format!("s{}", i - 1));
                Relation::new(RelationKind::Support, vec![p.into()], Target::Statement(c.into()))
            })
            .collect();
        relations.push(Relation::new(
            RelationKind::Objection,
            vec!["s0".into()],
            Target::Statement("s1".into()),
        ));
        let map = ArgumentMap::from_parts("T".into(), None, statements, relations).unwrap();
        let md = export(&map);
        let deepest = md.lines().map(|l| l.len() - l.trim_start().len()).max().unwrap();
        assert!(deepest <= 2 * (MAX_DEPTH + 1), "indentation is bounded: {deepest}");
        assert_eq!(md.matches("## Continued: ").count(), 3, "{md}");
        let named: std::collections::BTreeSet<&str> =
            md.split(|c: char| !c.is_alphanumeric()).filter(|w| w.starts_with('S')).collect();
        assert_eq!(named.len(), n, "every statement written");
    }
}

#[cfg(test)]
mod markdown_tests {
    #[test]
    fn issue32_a_statement_never_becomes_html_a_link_or_a_remote_picture() {
        let text =
            "<script>alert(1)</script> [x](javascript:alert(1)) ![i](https://evil.example/x.png) *a* `c` 1.";
        let md = super::one_line(text);
        assert_eq!(
            md,
            "\\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1)) \\!\\[i\\](https://evil.example/x.png) \\*a\\* \\`c\\` 1."
        );
        assert_eq!(super::one_line("1. Not a list"), "1\\. Not a list");
        assert_eq!(super::one_line("- Not a list"), "\\- Not a list");
        assert_eq!(super::one_line("42 is a number"), "42 is a number");
    }
}
