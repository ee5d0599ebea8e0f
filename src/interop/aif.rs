//! AIF, the Argument Interchange Format, in the JSON form OVA and AIFdb write:
//! `{"nodes": [{"nodeID", "text", "type", "scheme"?}], "edges": [{"edgeID", "fromID", "toID"}]}`.
//!
//! Import: I-nodes become statements; an RA-node becomes a support whose premises are the I-nodes
//! with an edge into it (co-premises when there are several) and whose conclusion is where its
//! edge leads; a CA-node becomes an objection to the I-node it leads to, or an undercut when it
//! leads to an RA- or CA-node. A scheme name (the `scheme` field, or an S-node's text other than
//! the defaults) becomes the relation's label. MA-nodes (rephrase), PA-nodes (preference) and the
//! dialogue layer (L, YA, TA) are reported, not imported. Node ids may be strings or numbers.
//!
//! Export: statements as I-nodes, each relation as one RA- or CA-node (an undercut's CA-node leads
//! to the node of the relation it undercuts), numbered in file order.

use super::{Ids, Imported, SyntaxError, Warning, left_out};
use crate::model::{ArgumentMap, Relation, RelationId, RelationKind, Statement, StatementId, Target};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The default texts of S-nodes, which name no scheme.
const DEFAULT_TEXTS: [&str; 6] =
    ["RA", "CA", "MA", "Default Inference", "Default Conflict", "Default Rephrase"];

/// A node id as text (AIF writes both `"12"` and `12`).
fn id_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An AIF node, borrowed from the document.
struct Node<'a> {
    id: String,
    kind: &'a str,
    text: &'a str,
    scheme: Option<&'a str>,
}

/// The nodes of a graph in file order, with the edges into and out of each (by position; an edge
/// stated twice is one).
struct Graph<'a> {
    nodes: Vec<Node<'a>>,
    into: Vec<Vec<usize>>,
    out_of: Vec<Vec<usize>>,
}

/// Reads an AIF JSON document.
pub fn import(text: &str, title: &str) -> Result<Imported, SyntaxError> {
    let doc: Value =
        serde_json::from_str(text).map_err(|e| SyntaxError::at(e.line(), e.column(), e.to_string()))?;
    let mut warnings = Vec::new();
    let graph = read_graph(&doc, &mut warnings)?;
    let mut ids = Ids::default();
    let mut statements = Vec::new();
    let mut statement_of: HashMap<usize, StatementId> = HashMap::new();
    for (i, n) in graph.nodes.iter().enumerate().filter(|(_, n)| n.kind == "I") {
        let id = StatementId::from(ids.fresh(n.text));
        statements.push(Statement::new(id.clone(), n.text.trim()));
        statement_of.insert(i, id);
    }
    let relations = relations(&graph, &statement_of, &mut warnings);
    report_left_out(&graph, &mut warnings);
    let map = ArgumentMap::from_parts(title.to_owned(), None, statements, relations)
        .map_err(|e| SyntaxError::general(format!("the graph does not make a valid map: {e}")))?;
    Ok(Imported { map, warnings })
}

/// The nodes and edges of a document; an edge naming no node, or leading from an I-node straight
/// to an I-node, is a warning.
fn read_graph<'a>(doc: &'a Value, warnings: &mut Vec<Warning>) -> Result<Graph<'a>, SyntaxError> {
    let nodes = doc
        .get("nodes")
        .and_then(Value::as_array)
        .ok_or_else(|| SyntaxError::general("not an AIF graph: there is no \"nodes\" list"))?;
    let mut list: Vec<Node<'_>> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        let Some(id) = id_of(n.get("nodeID")) else {
            return Err(SyntaxError::general(format!("node {} has no \"nodeID\"", i + 1)));
        };
        let kind = n.get("type").and_then(Value::as_str).unwrap_or("");
        let text = n.get("text").and_then(Value::as_str).unwrap_or("");
        let scheme = n.get("scheme").and_then(Value::as_str).filter(|s| !s.is_empty());
        if index.insert(id.clone(), list.len()).is_some() {
            return Err(SyntaxError::general(format!("two nodes have the nodeID {id:?}")));
        }
        list.push(Node { id, kind, text, scheme });
    }
    let mut graph =
        Graph { into: vec![Vec::new(); list.len()], out_of: vec![Vec::new(); list.len()], nodes: list };
    let edges = doc.get("edges").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let mut seen = HashSet::new();
    let mut statement_to_statement = 0;
    for (i, e) in edges.iter().enumerate() {
        let end = |key| id_of(e.get(key)).and_then(|id| index.get(&id).copied());
        let (Some(from), Some(to)) = (end("fromID"), end("toID")) else {
            warnings
                .push(Warning::general(format!("edge {} names a node that does not exist; skipped", i + 1)));
            continue;
        };
        if graph.nodes[from].kind == "I" && graph.nodes[to].kind == "I" {
            statement_to_statement += 1;
        } else if seen.insert((from, to)) {
            graph.into[to].push(from);
            graph.out_of[from].push(to);
        }
    }
    if statement_to_statement > 0 {
        warnings.push(Warning::general(format!(
            "{statement_to_statement} edges from an I-node straight to an I-node left out: AIF relates statements through RA and CA nodes, so argmap cannot tell support from attack"
        )));
    }
    Ok(graph)
}

/// Where a relation read from an RA- or CA-node leads.
enum Leads {
    To(Target),
    /// To the RA- or CA-node at this position: an undercut, resolved once every relation is known.
    ToNode(usize),
}

/// The relations of the RA- and CA-nodes, in node order; undercuts resolved to the relations of
/// the nodes they lead to.
fn relations(
    graph: &Graph<'_>,
    statement_of: &HashMap<usize, StatementId>,
    warnings: &mut Vec<Warning>,
) -> Vec<Relation> {
    let mut relations: Vec<Relation> = Vec::new();
    let mut relation_of: HashMap<usize, usize> = HashMap::new();
    let mut undercut_targets: Vec<(usize, usize)> = Vec::new(); // (relation, target node)
    for i in 0..graph.nodes.len() {
        let Some((relation, leads)) = relation_at(graph, i, statement_of, warnings) else { continue };
        if let Leads::ToNode(node) = leads {
            undercut_targets.push((relations.len(), node));
        }
        relation_of.insert(i, relations.len());
        relations.push(relation);
    }
    // An undercut whose target was skipped, or is itself an undercut, cannot be kept.
    let mut dropped = Vec::new();
    for (r, node) in undercut_targets {
        match relation_of.get(&node) {
            Some(&t) if !relations[t].is_undercut() => {
                relations[r].conclusion = Target::Relation(RelationId(t as u64));
            }
            _ => {
                warnings.push(Warning::general(format!(
                    "a CA node attacks node {:?}, which is not an argument argmap kept (an attack on an attack on an attack); skipped",
                    graph.nodes[node].id
                )));
                dropped.push(r);
            }
        }
    }
    if dropped.is_empty() { relations } else { renumber_without(relations, &dropped) }
}

/// The relation the node at `i` makes, if it is an RA- or CA-node argmap can take: its premises
/// are the I-nodes leading into it, its conclusion the first node it leads to. An undercut's
/// conclusion is a placeholder until [`relations`] resolves it.
fn relation_at(
    graph: &Graph<'_>,
    i: usize,
    statement_of: &HashMap<usize, StatementId>,
    warnings: &mut Vec<Warning>,
) -> Option<(Relation, Leads)> {
    let n = &graph.nodes[i];
    let kind = match n.kind {
        "RA" => RelationKind::Support,
        "CA" => RelationKind::Objection,
        _ => return None,
    };
    let mut warn =
        |text: String| warnings.push(Warning::general(format!("{} node {:?}{text}", n.kind, n.id)));
    let into = &graph.into[i];
    let premises: Vec<StatementId> = into.iter().filter_map(|p| statement_of.get(p).cloned()).collect();
    // Edges in from CA-nodes are undercuts of this node, not premises.
    if into.iter().any(|p| !statement_of.contains_key(p) && graph.nodes[*p].kind != "CA") {
        warn(": an incoming edge from a node that is not a statement is left out".into());
    }
    let Some(&target) = graph.out_of[i].first() else {
        warn(" leads nowhere; skipped".into());
        return None;
    };
    if graph.out_of[i].len() > 1 {
        let count = graph.out_of[i].len();
        warn(format!(" leads to {count} nodes; argmap keeps the first (node {:?})", graph.nodes[target].id));
    }
    if premises.is_empty() {
        warn(" has no premise; skipped".into());
        return None;
    }
    let leads = match (graph.nodes[target].kind, statement_of.get(&target)) {
        (_, Some(id)) => Leads::To(Target::Statement(id.clone())),
        ("RA" | "CA", None) if kind == RelationKind::Objection => Leads::ToNode(target),
        (k, None) => {
            warn(format!(" leads to a {k} node, which argmap cannot take as a conclusion; skipped"));
            return None;
        }
    };
    let conclusion = match &leads {
        Leads::To(target) => target.clone(),
        Leads::ToNode(_) => Target::Relation(RelationId(u64::MAX)),
    };
    if conclusion.statement().is_some_and(|c| premises.contains(c)) {
        warn(" concludes one of its own premises; skipped".into());
        return None;
    }
    // A scheme the catalogue knows is the relation's scheme; another name is its title.
    let own_text = Some(n.text).filter(|t| !t.is_empty() && !DEFAULT_TEXTS.contains(t));
    let known = n.scheme.or(own_text).and_then(|s| crate::schemes::Catalogue::shipped().by_aif(s));
    let (label, scheme) = match known {
        Some(s) => {
            let other = own_text.filter(|t| crate::schemes::Catalogue::shipped().by_aif(t) != Some(s));
            (other.map(str::to_owned), Some(s.id.clone()))
        }
        None => (n.scheme.or(own_text).map(str::to_owned), None),
    };
    Some((Relation { label, scheme, ..Relation::new(kind, premises, conclusion) }, leads))
}

/// One warning for each kind of node argmap does not import (the dialogue layer, rephrases,
/// preferences, unknown types), with how many there are.
fn report_left_out(graph: &Graph<'_>, warnings: &mut Vec<Warning>) {
    let mut other: BTreeMap<&str, usize> = BTreeMap::new();
    for n in graph.nodes.iter().filter(|n| !matches!(n.kind, "I" | "RA" | "CA")) {
        *other.entry(n.kind).or_default() += 1;
    }
    for (kind, n) in other {
        let what = match kind {
            "L" => "locutions (L, the dialogue layer)",
            "YA" => "illocutionary connections (YA, the dialogue layer)",
            "TA" => "transitions (TA, the dialogue layer)",
            "MA" => "rephrases (MA)",
            "PA" => "preferences (PA)",
            _ => "nodes of other types",
        };
        warnings.push(Warning::general(format!(
            "{n} {what} not imported ({kind}): argmap maps the argument, not the dialogue or preferences"
        )));
    }
}

/// Removes relations by position, renumbering the undercut targets after them.
fn renumber_without(relations: Vec<Relation>, dropped: &[usize]) -> Vec<Relation> {
    let mut gone = vec![false; relations.len()];
    for &d in dropped {
        gone[d] = true;
    }
    // The new position of each old one: how many before it stay.
    let new_index: Vec<usize> = gone
        .iter()
        .scan(0, |kept, &g| {
            let at = *kept;
            *kept += usize::from(!g);
            Some(at)
        })
        .collect();
    let new_index = |old: usize| new_index.get(old).copied().unwrap_or(old);
    relations
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !gone[*i])
        .map(|(_, mut r)| {
            if let Target::Relation(RelationId(t)) = r.conclusion {
                r.conclusion = Target::Relation(RelationId(new_index(t as usize) as u64));
            }
            r
        })
        .collect()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OutNode<'a> {
    #[serde(rename = "nodeID")]
    node_id: String,
    text: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheme: Option<&'a str>,
}

#[derive(Serialize)]
struct OutEdge {
    #[serde(rename = "edgeID")]
    edge_id: String,
    #[serde(rename = "fromID")]
    from_id: String,
    #[serde(rename = "toID")]
    to_id: String,
}

#[derive(Serialize)]
struct OutGraph<'a> {
    nodes: Vec<OutNode<'a>>,
    edges: Vec<OutEdge>,
}

/// Writes the map as AIF JSON, with the warnings of what AIF has no place for.
pub fn export(map: &ArgumentMap) -> (String, Vec<Warning>) {
    let mut nodes = Vec::new();
    let mut node_of: HashMap<&str, String> = HashMap::new();
    for s in map.statements() {
        let id = (nodes.len() + 1).to_string();
        node_of.insert(s.id.as_str(), id.clone());
        nodes.push(OutNode { node_id: id, text: &s.text, kind: "I", scheme: None });
    }
    let mut relation_node: HashMap<RelationId, String> = HashMap::new();
    for (rid, r) in map.relations() {
        let id = (nodes.len() + 1).to_string();
        relation_node.insert(rid, id.clone());
        let (kind, default) = match r.kind {
            RelationKind::Support => ("RA", "Default Inference"),
            RelationKind::Objection => ("CA", "Default Conflict"),
        };
        // A scheme goes by the name AIFdb gives it (an unknown one by its id).
        let scheme = r.scheme.as_deref().map(|s| {
            crate::schemes::Catalogue::shipped().get(s).and_then(|k| k.aif.first()).map_or(s, String::as_str)
        });
        let text = r.label.as_deref().or(scheme).unwrap_or(default);
        nodes.push(OutNode { node_id: id, text, kind, scheme: scheme.or(r.label.as_deref()) });
    }
    let mut edges = Vec::new();
    let mut edge = |from: &str, to: &str| {
        let id = (edges.len() + 1).to_string();
        edges.push(OutEdge { edge_id: id, from_id: from.to_owned(), to_id: to.to_owned() });
    };
    for (rid, r) in map.relations() {
        let Some(me) = relation_node.get(&rid) else { continue };
        for p in &r.premises {
            if let Some(from) = node_of.get(p.as_str()) {
                edge(from, me);
            }
        }
        let to = match &r.conclusion {
            Target::Statement(c) => node_of.get(c.as_str()),
            Target::Relation(t) => relation_node.get(t),
        };
        if let Some(to) = to {
            edge(me, to);
        }
    }
    let json = serde_json::to_string_pretty(&OutGraph { nodes, edges }).unwrap_or_default();
    let mut warnings = left_out(map, "AIF", false, false);
    if !map.groups().is_empty() {
        warnings.push(Warning::general(format!(
            "{} not written: AIF has no place for named groups of statements",
            match map.groups().len() {
                1 => "1 group".to_owned(),
                n => format!("{n} groups"),
            }
        )));
    }
    let described = map.relations().filter(|(_, r)| r.description.is_some()).count();
    if described > 0 {
        warnings.push(Warning::general(format!(
            "{described} argument descriptions not written: AIF has no place for them"
        )));
    }
    (json + "\n", warnings)
}

#[cfg(test)]
mod tests;
