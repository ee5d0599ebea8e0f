//! The map as one self-contained web page (`argmap export MAP OUT.html`, File ▸ Export ▸ Web
//! page): the same picture as the SVG export, its text in the embedded font. The page's SVG
//! holds what is always drawn (group frames, tags, the legend); each box and each arrow is a
//! piece of markup in the JSON beside it, with the statement's words, source, links and
//! evaluation, and the page's script places the pieces in view (far out it draws the boxes as
//! plain shapes on a canvas), so a map of thousands of statements pans as smoothly as one of
//! thirty. The script and styles are inline. No request leaves the file: it opens offline in
//! any current browser.

use super::svg;
use super::{ExportError, ExportOptions, Picture};
use crate::eval::{self, Evaluation, Label};
use crate::model::{ArgumentMap, RelationKind, Topology};
use crate::scene::Typesetter;
use serde::Serialize;
use std::collections::HashSet;

const HTML: &str = include_str!("page.html");
const CSS: &str = include_str!("page.css");
const JS: &str = include_str!("page.js");

/// One statement, as the page's script reads it.
#[derive(Serialize)]
struct Node {
    id: String,
    role: &'static str,
    text: String,
    /// in, out or undecided.
    label: &'static str,
    /// Why, in words (as `argmap eval --why`).
    why: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    /// The statement it hangs under (its position), and those that hang under it.
    parent: Option<usize>,
    kids: Vec<usize>,
    /// What it supports or objects to, and what supports or objects to it.
    links: Vec<Link>,
    /// The scheme of the argument it starts, and that argument's open critical questions.
    #[serde(skip_serializing_if = "Option::is_none")]
    argument: Option<Questions>,
    /// Its box on the page, in the picture's pixels: x, y, width, height.
    rect: [f32; 4],
    /// Its box's markup (SVG).
    svg: String,
}

/// An argument's scheme, how many of its critical questions are answered, and the open ones.
#[derive(Serialize)]
struct Questions {
    scheme: String,
    said: String,
    open: Vec<String>,
}

/// The scheme and open critical questions of the argument statement `s` (a position) starts.
fn questions(topo: &Topology<'_>, s: usize, catalogue: &crate::schemes::Catalogue) -> Option<Questions> {
    let r = topo.first_from.get(s).copied().flatten()?;
    let a = crate::schemes::asked(topo.map, topo.relations.get(r)?.id, catalogue)?;
    let open = a.questions.iter().filter(|q| q.2.is_empty()).map(|q| q.1.ask.clone()).collect();
    Some(Questions { scheme: a.scheme.name.clone(), said: a.said(), open })
}

/// One link of a statement: how, and to which statement (its position).
#[derive(Serialize)]
struct Link {
    how: std::borrow::Cow<'static, str>,
    to: usize,
}

/// The most co-premises a statement's panel lists by name (a linked argument of thousands would
/// otherwise list every pair: the page would grow as the square of the argument).
const LISTED_COPREMISES: usize = 12;

/// One relation: its ends (to hide its arrow when a branch is folded), its arrow's markup and
/// where the arrow is (x, y, width, height in the picture's pixels).
#[derive(Serialize)]
struct Ends {
    p: Vec<usize>,
    c: usize,
    svg: String,
    rect: [f32; 4],
}

#[derive(Serialize)]
struct Data {
    title: String,
    source: Option<String>,
    nodes: Vec<Node>,
    relations: Vec<Ends>,
    /// The picture's size in pixels.
    size: [f32; 2],
}

/// The page for `map`, drawn with `options` (the evaluation is always shown, with the map's
/// what-if marks, as the app shows it).
pub fn page(map: &ArgumentMap, ts: &mut Typesetter, options: &ExportOptions) -> Result<String, ExportError> {
    // The page's header says the title: the picture does not again.
    let options = ExportOptions { eval: true, what_if: true, title: false, ..options.clone() };
    let picture = super::picture(map, ts, &options, &HashSet::new())?;
    let topo = Topology::new(map);
    let evaluation = Evaluation::of(map, &topo);
    let (boxes, arrows) = (picture.box_items.clone(), arrow_items(&picture));
    let parts: Vec<std::ops::Range<usize>> = boxes.iter().chain(&arrows).cloned().collect();
    let style = svg::Style { text_only: true, ..svg::Style::default() };
    let tail = r#"<g id="arrow-layer"></g><g id="box-layer"></g>"#;
    let (svg_text, mut pieces) =
        svg::split(&picture, &style, &parts, tail).map_err(|e| ExportError::Render(e.to_string()))?;
    let arrow_pieces = pieces.split_off(boxes.len());
    let data = data(map, &topo, &evaluation, &picture, (pieces, arrow_pieces));
    // In a script element, `</script` would end it early and `<!--` change how it is read: no
    // `<` is written as itself (JSON reads `\u003c` as the same character).
    let json =
        serde_json::to_string(&data).map_err(|e| ExportError::Render(e.to_string()))?.replace('<', "\\u003c");
    let title = svg::escape(map.title.trim());
    let parts = [("TITLE", title.as_str()), ("CSS", CSS), ("JS", JS), ("DATA", &json), ("SVG", &svg_text)];
    Ok(fill(HTML, &parts))
}

/// The template with each `{{NAME}}` of it replaced by its part, in one pass: what a part
/// holds (a statement's text) is never read as a placeholder.
fn fill(template: &str, parts: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + parts.iter().map(|(_, p)| p.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        match after.find("}}").and_then(|close| parts.iter().find(|(name, _)| *name == &after[..close])) {
            Some((name, part)) => {
                out.push_str(part);
                rest = &after[name.len() + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Where each relation's arrow is in the picture's items (by its position), never overlapping
/// another's: an empty range for one that overlaps (it stays in the page's SVG).
fn arrow_items(picture: &Picture) -> Vec<std::ops::Range<usize>> {
    let mut ranges: Vec<std::ops::Range<usize>> =
        picture.scene.arrows.iter().map(|r| r.start as usize..r.end as usize).collect();
    let mut order: Vec<usize> = (0..ranges.len()).collect();
    order.sort_by_key(|&r| ranges[r].start);
    let mut end = 0;
    for r in order {
        if ranges[r].start < end {
            ranges[r] = 0..0;
        } else if !ranges[r].is_empty() {
            end = ranges[r].end;
        }
    }
    ranges
}

/// The bounds of some items, in the picture's pixels (x, y, width, height).
fn bounds(picture: &Picture, items: std::ops::Range<usize>) -> [f32; 4] {
    let f = picture.frame;
    let all = picture.scene.items.get(items).into_iter().flatten().filter_map(super::item_bounds);
    let b = all.reduce(|a, b| a.union(&b));
    b.map_or([0.0; 4], |b| [b.x - f.x, b.y - f.y, b.w, b.h])
}

/// What the page's script knows of each statement and relation.
fn data(
    map: &ArgumentMap,
    topo: &Topology<'_>,
    evaluation: &Evaluation,
    picture: &Picture,
    (box_svg, arrow_svg): (Vec<String>, Vec<String>),
) -> Data {
    let n = topo.len();
    let roles = topo.roles();
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut links: Vec<Vec<Link>> = (0..n).map(|_| Vec::new()).collect();
    for (r, rel) in topo.relations.iter().enumerate() {
        let (out, back) = match (rel.kind, rel.undercuts.is_some()) {
            (_, true) => ("Undercuts the inference to", "Undercut by"),
            (RelationKind::Support, false) => ("Supports", "Reason"),
            (RelationKind::Objection, false) => ("Objects to", "Objection"),
        };
        for &p in &rel.premises {
            if topo.first_from.get(p).copied().flatten() == Some(r) {
                parent[p] = Some(rel.conclusion);
                kids[rel.conclusion].push(p);
            }
            links[p].push(Link { how: out.into(), to: rel.conclusion });
            links[rel.conclusion].push(Link { how: back.into(), to: p });
            let others = rel.premises.iter().filter(|&&q| q != p);
            for &q in others.clone().take(LISTED_COPREMISES) {
                links[p].push(Link { how: "With co-premise".into(), to: q });
            }
            let more = others.count().saturating_sub(LISTED_COPREMISES);
            if more > 0 {
                let how = format!("With {more} more co-premises, all listed under");
                links[p].push(Link { how: how.into(), to: rel.conclusion });
            }
        }
    }
    let catalogue = crate::schemes::installed().0;
    let mut rects = vec![[0.0f32; 4]; n];
    let mut markup = vec![String::new(); n];
    let f = picture.frame;
    for (b, svg) in picture.scene.boxes.iter().zip(box_svg) {
        if let (Some(slot), Some(m)) = (rects.get_mut(b.position), markup.get_mut(b.position)) {
            *slot = [b.rect.x - f.x, b.rect.y - f.y, b.rect.w, b.rect.h];
            *m = svg;
        }
    }
    let nodes = topo
        .statements
        .iter()
        .enumerate()
        .zip(kids.into_iter().zip(links))
        .map(|((i, s), (kids, links))| {
            let label = evaluation.labels.get(i).copied().unwrap_or(Label::Undecided);
            Node {
                id: s.id.to_string(),
                role: roles.get(i).map_or("claim", |r| r.as_str()),
                text: s.text.clone(),
                label: label.as_str(),
                why: eval::explain(topo, &evaluation.labels, &evaluation.marks, i),
                quote: s.source.as_ref().map(|x| x.quote.clone()),
                reference: s.source.as_ref().map(|x| x.cited(map).into_owned()).filter(|r| !r.is_empty()),
                note: s.note.clone(),
                group: map.group_of(&s.id).and_then(|g| map.group(g)).map(|g| g.title.clone()),
                parent: parent[i],
                kids,
                links,
                argument: questions(topo, i, &catalogue),
                rect: rects[i],
                svg: std::mem::take(&mut markup[i]),
            }
        })
        .collect();
    let arrows = arrow_items(picture);
    let mut arrow_svg = arrow_svg;
    let relations = topo
        .relations
        .iter()
        .enumerate()
        .map(|(r, rel)| {
            let rect = arrows.get(r).map_or([0.0; 4], |items| bounds(picture, items.clone()));
            let svg = arrow_svg.get_mut(r).map(std::mem::take).unwrap_or_default();
            Ends { p: rel.premises.to_vec(), c: rel.conclusion, svg, rect }
        })
        .collect();
    Data {
        title: map.title.clone(),
        source: map.source.as_ref().map(|s| s.citation()),
        nodes,
        relations,
        size: [f.w, f.h],
    }
}

#[cfg(test)]
mod tests;
