//! The outline arrangement, made for a page: every statement under the statement it hangs
//! under, indented a step per level, in the tree's order (supports before objections, as in the
//! other arrangements), the list flowed into as many columns as show it largest in the frame.
//! A long map reads like a table of contents: far denser than a tree, whose every level takes a
//! row (or a column) of its own.

use super::{Layout, Rect};

/// How far a premise is indented from its conclusion: room for its arrow's lane and head.
pub const INDENT: f32 = 30.0;
/// The gap between two boxes of a column.
pub const ROW_GAP: f32 = 10.0;
/// The room above a box whose relation has a tag (its title or rating), for the tag.
pub const TAG_ROW: f32 = 36.0;
/// The gap between columns (room for an arrow coming in from the column's top).
pub const COLUMN_GAP: f32 = 44.0;
/// The most columns tried.
const MAX_COLUMNS: usize = 8;

/// The rows of an outline before they are flowed into columns: each row's box, depth and the
/// room above it, the running height of the list before each row (one more than the rows),
/// whether each row is glued to the one before and where its glued run starts, the widest
/// row's reach and the tallest row's height.
struct Rows {
    boxes: Vec<(f32, f32)>,
    depth: Vec<u32>,
    above: Vec<f32>,
    prefix: Vec<f32>,
    glue: Vec<bool>,
    runs: Vec<usize>,
    width: f32,
    tallest: f32,
    /// The tallest glued run's height.
    tallest_run: f32,
}

/// What places an outline's rows besides their boxes ([`place`]): the width of the tag above
/// each statement by file position, the rows starting a run of a group's members, and whether a
/// row's statement undercuts the argument it hangs under.
pub(super) struct RowsOf<'a, F: Fn(&super::Placed) -> bool> {
    pub tagged: &'a [f32],
    pub starts: &'a [bool],
    pub undercuts: F,
}

/// The rows of `out` (its statements in pre-order, with their parents), read in one pass: a
/// huge outline is placed again on every edit, and each pass over its rows is a trip through
/// memory. What must stay in a column with the row before it: a first premise with its
/// conclusion, a co-premise with the one before, an undercut with the argument it answers.
fn rows<F: Fn(&super::Placed) -> bool>(out: &Layout, sizes: &[(f32, f32)], of: &RowsOf<'_, F>) -> Rows {
    let m = out.placed.len();
    let mut r = Rows {
        boxes: Vec::with_capacity(m),
        depth: Vec::with_capacity(m),
        above: Vec::with_capacity(m),
        prefix: Vec::with_capacity(m + 1),
        glue: Vec::with_capacity(m),
        runs: Vec::with_capacity(m),
        width: 0.0,
        tallest: 0.0,
        tallest_run: 0.0,
    };
    let (mut sum, mut run, mut run_height) = (0f32, 0usize, 0f32);
    r.prefix.push(sum);
    for (s, p) in out.placed.iter().enumerate() {
        let (w, h) = sizes.get(p.position).copied().unwrap_or((200.0, 60.0));
        // Pre-order: a parent comes before its premises.
        let depth = p.parent.filter(|&q| q < s).map_or(0, |q| r.depth[q] + 1);
        // The tag goes above the first premise of its relation.
        let later_premise = s > 0 && p.via.is_some() && out.placed[s - 1].via == p.via;
        let tag = !later_premise && of.tagged.get(p.position).is_some_and(|&w| w > 0.0);
        let title = if of.starts.get(s).copied().unwrap_or(false) { super::TITLE_ROOM } else { 0.0 };
        let above = title + if tag { TAG_ROW } else { ROW_GAP };
        let glued = s > 0 && (p.parent == Some(s - 1) || later_premise || (of.undercuts)(p));
        let height = h + above;
        if !glued {
            (run, run_height) = (s, 0.0);
        }
        run_height += height;
        r.tallest_run = r.tallest_run.max(run_height);
        sum += height;
        r.width = r.width.max(depth as f32 * INDENT + w);
        r.tallest = r.tallest.max(height);
        r.boxes.push((w, h));
        r.depth.push(depth);
        r.above.push(above);
        r.prefix.push(sum);
        r.glue.push(glued);
        r.runs.push(run);
    }
    r
}

/// Places the boxes of `out` (its statements in pre-order, with their parents) as an outline:
/// `sizes` by file position, and what else places a row ([`RowsOf`]: the first premise of an
/// undercut argument counts as tagged, its DISABLED badge goes above it). Sets the rectangles,
/// the columns' left edges, spans and bounds.
pub(super) fn place<F: Fn(&super::Placed) -> bool>(
    out: &mut Layout,
    sizes: &[(f32, f32)],
    of: RowsOf<'_, F>,
) {
    let m = out.placed.len();
    let Rows { boxes, depth, above, prefix, glue, runs, width, tallest, tallest_run } = rows(out, sizes, &of);
    let aspect = if out.aspect.is_finite() && out.aspect > 0.0 { out.aspect } else { 16.0 / 9.0 };
    let mut best: Option<(f32, Vec<usize>)> = None;
    // A page takes up to MAX_COLUMNS. A map too long for that (a window showing a whole large
    // map) takes about the count whose columns match the frame's shape: n columns of the list's
    // height over n fill a frame of `aspect` when n is the root of aspect x height / width (fewer
    // columns would be taller, so smaller, still).
    let total = prefix.last().copied().unwrap_or(0.0);
    let ideal = (aspect * total / width.max(1.0)).sqrt().round() as usize;
    let counts = if ideal > MAX_COLUMNS + 2 { ideal - 2..=ideal + 2 } else { 1..=MAX_COLUMNS };
    let counts = counts.filter(|&k| k <= m.max(1));
    let glue = (&glue[..], &runs[..]);
    for k in counts {
        let starts = flow(&prefix, (tallest, tallest_run), k, glue);
        let ends = starts.iter().skip(1).copied().chain(std::iter::once(m));
        let column = |(&a, b): (&usize, usize)| prefix[b] - prefix[a];
        let tallest_column = starts.iter().zip(ends).map(column).fold(0f32, f32::max);
        let n = starts.len() as f32;
        let w = n * width + (n - 1.0) * COLUMN_GAP;
        let scale = (aspect / w.max(1.0)).min(1.0 / tallest_column.max(1.0));
        if best.as_ref().is_none_or(|(s, _)| scale > *s * 1.001) {
            best = Some((scale, starts));
        }
    }
    let starts = best.map(|(_, s)| s).unwrap_or_else(|| vec![0]);
    out.columns.clear();
    out.span.clear();
    out.span.reserve(m);
    out.bounds = None;
    let ends = starts.iter().skip(1).copied().chain(std::iter::once(m));
    for (c, (first, end)) in starts.iter().copied().zip(ends).enumerate() {
        let x0 = c as f32 * (width + COLUMN_GAP);
        out.columns.push(x0);
        let mut y = 0.0;
        for s in first..end {
            let (w, h) = boxes[s];
            if s > first {
                y += above[s];
            } else if above[s] > ROW_GAP {
                y += above[s] - ROW_GAP;
            }
            let r = Rect { x: x0 + depth[s] as f32 * INDENT, y, w, h };
            out.placed[s].rect = r;
            out.span.push((r.x, r.right()));
            out.bounds = Some(out.bounds.map_or(r, |b| b.union(&r)));
            y += h;
        }
    }
}

/// Where each of at most `k` columns starts, the columns as even as the boxes allow: the
/// least height for which the list fits `k` columns, found by halving. A column does not end
/// between two statements `glue` holds together, where it can help it. `prefix` holds the
/// running heights of the rows (one more than the rows, from 0), `tallest` the tallest row's.
fn flow(prefix: &[f32], (tallest, tallest_run): (f32, f32), k: usize, glue: Glue<'_>) -> Vec<usize> {
    let total = prefix.last().copied().unwrap_or(0.0);
    let (mut lo, mut hi) = (tallest.max(total / k as f32), total.max(tallest));
    let mut best = breaks(prefix, hi, glue, usize::MAX).unwrap_or_else(|| vec![0]);
    // Every column but the last ends less than its overflowing glued run short of the height,
    // so columns even ones and the tallest run taller fit: the halving starts there (a few
    // steps for a huge list rather than a few dozen).
    let near = lo + tallest_run;
    if near < hi
        && let Some(starts) = breaks(prefix, near, glue, k)
    {
        (hi, best) = (near, starts);
    }
    for _ in 0..40 {
        let mid = (lo + hi) / 2.0;
        match breaks(prefix, mid, glue, k) {
            Some(starts) => {
                hi = mid;
                best = starts;
            }
            None => lo = mid,
        }
        if hi - lo < 1.0 {
            break;
        }
    }
    best
}

/// What holds rows together in a column: whether each is glued to the row before it, and where
/// each row's glued run starts ([`Rows`]).
type Glue<'a> = (&'a [bool], &'a [usize]);

/// Greedy columns of at most `limit` height (a box taller than it gets a column of its own);
/// a column ends before a run of statements glued together rather than inside it, unless the
/// run starts the column. `prefix[s]` is the height of the list before statement `s`. Each
/// column's end is found by binary search, so a try costs a step per column, not per
/// statement. `None` as soon as they take more than `most` columns.
fn breaks(prefix: &[f32], limit: f32, (glue, runs): Glue<'_>, most: usize) -> Option<Vec<usize>> {
    let m = prefix.len().saturating_sub(1);
    let mut starts = vec![0];
    let (mut base, mut from) = (0, 1);
    while from < m {
        // The first statement from `from` on that makes the column from `base` overflow.
        let fits = prefix[from + 1..].partition_point(|&p| p - prefix[base] <= limit);
        let s = from + fits;
        if s >= m {
            break;
        }
        if starts.len() == most {
            return None;
        }
        // Back to where the glued run it is in starts (not before the column's second row).
        let mut at = runs.get(s).map_or(s, |&start| start.max(base + 1));
        if glue.get(at).copied().unwrap_or(false) {
            at = s; // the whole column is one run: break where it overflows
        }
        starts.push(at);
        (base, from) = (at, s + 1);
    }
    Some(starts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// For each row, the last row at or before it not glued to the row before it: where its glued
    /// run starts (a column may begin there).
    fn run_starts(glue: &[bool]) -> Vec<usize> {
        let mut start = 0;
        (0..glue.len())
            .map(|s| {
                if !glue[s] {
                    start = s;
                }
                start
            })
            .collect()
    }

    /// The columns as they were found before (a running sum per statement), the reference.
    fn breaks_by_walking(heights: &[f32], limit: f32, glue: &[bool]) -> Vec<usize> {
        let mut starts = vec![0];
        let mut used = 0.0;
        for (s, &h) in heights.iter().enumerate() {
            let start = *starts.last().unwrap_or(&0);
            if s > start && used + h > limit {
                let mut at = s;
                while at > start + 1 && glue.get(at).copied().unwrap_or(false) {
                    at -= 1;
                }
                if glue.get(at).copied().unwrap_or(false) {
                    at = s;
                }
                used = heights[at..=s].iter().sum();
                starts.push(at);
            } else {
                used += h;
            }
        }
        starts
    }

    proptest! {
        /// Finding each column's end by binary search over the running heights breaks the list
        /// where walking it box by box does (heights in whole units, as boxes are, so sums are
        /// exact either way), glued runs and boxes taller than a column included.
        #[test]
        fn issue35_columns_found_by_search_are_the_columns_found_by_walking(
            boxes in proptest::collection::vec((1u32..200, any::<bool>()), 0..200),
            limit in 1u32..2_000,
        ) {
            let heights: Vec<f32> = boxes.iter().map(|b| b.0 as f32).collect();
            let glue: Vec<bool> = boxes.iter().map(|b| b.1).collect();
            let prefix: Vec<f32> = std::iter::once(0.0)
                .chain(heights.iter().scan(0f32, |sum, &h| { *sum += h; Some(*sum) }))
                .collect();
            let walked = breaks_by_walking(&heights, limit as f32, &glue);
            let glue = (&glue[..], &run_starts(&glue)[..]);
            prop_assert_eq!(breaks(&prefix, limit as f32, glue, usize::MAX), Some(walked.clone()));
            // Asked for at most as many columns as it takes, it gives them; for fewer, none.
            prop_assert_eq!(breaks(&prefix, limit as f32, glue, walked.len()), Some(walked.clone()));
            if walked.len() > 1 {
                prop_assert_eq!(breaks(&prefix, limit as f32, glue, walked.len() - 1), None);
            }
        }
    }
}
