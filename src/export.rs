//! Writing a map to a file in any format argmap writes: the one place `argmap export` and the
//! app's File ▸ Export share. A format is a type ([`Format`]: its extensions, its name, whether
//! it is a picture), found from a file's extension.
//!
//! Must not touch: egui's UI. Every file is written through [`crate::io`]'s atomic writer.

use crate::interop::Warning;
use crate::io;
use crate::model::{ArgumentMap, StatementId};
use crate::render::page::{self, Paper, Sheet};
use crate::render::{self, ExportOptions, pdf, svg};
use crate::scene::Typesetter;
use std::collections::HashSet;
use std::path::Path;

/// A format argmap writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// argmap's own map file (RON), canonical.
    Ron,
    /// Argdown.
    Argdown,
    /// AIF, as JSON.
    Aif,
    /// Graphviz DOT.
    Dot,
    /// A Markdown outline.
    Outline,
    /// An SVG picture.
    Svg,
    /// A PNG picture.
    Png,
    /// A PDF document.
    Pdf,
    /// A self-contained web page, clicked through in a browser.
    Html,
}

impl Format {
    /// Every format, in the order `argmap export --help` names them.
    pub const ALL: [Format; 9] = [
        Format::Ron,
        Format::Pdf,
        Format::Svg,
        Format::Png,
        Format::Html,
        Format::Argdown,
        Format::Aif,
        Format::Dot,
        Format::Outline,
    ];

    /// The extensions that name the format, the one argmap gives a new file first.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Ron => &["ron"],
            Format::Argdown => &["argdown", "ad"],
            Format::Aif => &["json"],
            Format::Dot => &["dot", "gv"],
            Format::Outline => &["md"],
            Format::Svg => &["svg"],
            Format::Png => &["png"],
            Format::Pdf => &["pdf"],
            Format::Html => &["html", "htm"],
        }
    }

    /// The extension a new file gets.
    pub fn extension(self) -> &'static str {
        self.extensions()[0]
    }

    /// What files of the format are called ("Argdown document").
    pub fn name(self) -> &'static str {
        match self {
            Format::Ron => "argmap map",
            Format::Argdown => "Argdown document",
            Format::Aif => "AIF graph (JSON)",
            Format::Dot => "Graphviz DOT graph",
            Format::Outline => "Markdown outline",
            Format::Svg => "SVG image",
            Format::Png => "PNG image",
            Format::Pdf => "PDF document",
            Format::Html => "Web page",
        }
    }

    /// Whether it is a picture of the map (drawn from the scene) rather than its text.
    pub fn is_picture(self) -> bool {
        matches!(self, Format::Svg | Format::Png | Format::Pdf)
    }

    /// The format a file name's extension names (any case), if argmap writes it.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::ALL.into_iter().find(|f| f.extensions().contains(&ext.as_str()))
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file's extension names no format argmap writes.
    #[error(
        "unknown export format {ext:?}; argmap export writes .ron, .pdf, .svg, .png, .html, .argdown, .json (AIF), .dot and .md"
    )]
    UnknownFormat {
        /// The extension (`(none)` without one).
        ext: String,
    },
    /// The picture could not be made.
    #[error(transparent)]
    Picture(#[from] render::ExportError),
    /// The file could not be written.
    #[error("cannot write: {}", io::io_message(.0))]
    Write(#[from] std::io::Error),
}

/// What an export wrote.
#[derive(Debug)]
pub struct Written {
    /// What it was, in words ("SVG", "4828 x 718 PNG", "Argdown document").
    pub what: String,
    /// What the format has no place for (text formats), one warning each.
    pub warnings: Vec<Warning>,
}

/// How to draw a picture export: the options, the branches to leave collapsed (as the canvas
/// shows them), and the typesetter to wrap text with (the app keeps one; the CLI makes one).
pub struct Drawing<'a> {
    /// Scale, theme, region, legend...
    pub options: &'a ExportOptions,
    /// Branches collapsed on the canvas.
    pub collapsed: &'a HashSet<StatementId>,
    /// Wraps the text.
    pub typesetter: &'a mut Typesetter,
}

/// Writes `map` to `path` in the format its extension names.
pub fn export(map: &ArgumentMap, path: &Path, drawing: Drawing<'_>) -> Result<Written, ExportError> {
    let format = Format::of(path).ok_or_else(|| ExportError::UnknownFormat {
        ext: path.extension().map_or("(none)".to_owned(), |e| format!(".{}", e.to_string_lossy())),
    })?;
    write(map, path, format, drawing)
}

/// Writes `map` to `path` as `format`, atomically; a map file over a map keeps the old one as
/// its backup, as a save does. Maps and SVG pictures are streamed to the file.
pub fn write(
    map: &ArgumentMap,
    path: &Path,
    format: Format,
    drawing: Drawing<'_>,
) -> Result<Written, ExportError> {
    let text = |(text, warnings): (String, Vec<Warning>)| (text.into_bytes(), warnings);
    let (bytes, warnings) = match format {
        Format::Ron => {
            io::save(map, path)?;
            return Ok(Written { what: format.name().to_owned(), warnings: Vec::new() });
        }
        Format::Svg | Format::Png | Format::Pdf => return picture(map, path, format, drawing),
        Format::Argdown => text(crate::interop::argdown::export(map)),
        Format::Aif => text(crate::interop::aif::export(map)),
        Format::Dot => text(crate::interop::dot::export(map)),
        Format::Outline => (crate::interop::outline::export(map).into_bytes(), Vec::new()),
        Format::Html => {
            let page = render::web::page(map, drawing.typesetter, drawing.options)?;
            io::write_atomic(path, page.as_bytes())?;
            let (n, kb) = (map.statement_count(), page.len().div_ceil(1024));
            let what =
                format!("web page of {n} statements, {kb} KB, self-contained (opens offline in a browser)");
            return Ok(Written { what, warnings: Vec::new() });
        }
    };
    io::write_atomic(path, &bytes)?;
    Ok(Written { what: format.name().to_owned(), warnings })
}

fn picture(map: &ArgumentMap, path: &Path, format: Format, d: Drawing<'_>) -> Result<Written, ExportError> {
    let o = d.options;
    let sheets = if o.branch_pages {
        if format != Format::Pdf {
            return Err(render::ExportError::PagesNeedPdf.into());
        }
        page::branch_sheets(map, d.typesetter, o, o.paper)?
    } else {
        vec![page::sheet(map, d.typesetter, o, d.collapsed, o.paper)?]
    };
    let first = sheets.first().ok_or_else(|| render::ExportError::Render("no page".into()))?;
    let paper = if o.branch_pages { o.paper.paged() } else { o.paper };
    let (size, unit) = match format {
        Format::Pdf => write_pdf(map, path, &sheets, paper)?,
        Format::Svg => write_svg(path, first, paper, o.text_as_paths)?,
        _ => write_png(path, first, paper, o)?,
    };
    let statements = if sheets.len() > 1 { map.statements().count() } else { first.statements };
    let smallest = sheets.iter().map(Sheet::body_pt).fold(f32::INFINITY, f32::min);
    let what = [(paper != Paper::Fit).then(|| paper.name().to_owned()), size]
        .into_iter()
        .flatten()
        .chain([format!("{statements} statements, body text {} {}", one_decimal(smallest * unit.1), unit.0)])
        .collect::<Vec<_>>()
        .join(", ");
    let mut warnings = Vec::new();
    if paper != Paper::Fit && !o.branch_pages && first.body_pt() < page::SMALL_TEXT_PT {
        warnings.push(Warning {
            line: None,
            message: format!(
                "on one {} page the body text is {} pt, too small to read; --branch ID exports one branch, \
                 --pages branches (PDF) puts an overview and each branch on pages of their own",
                paper.name(),
                one_decimal(first.body_pt())
            ),
        });
    }
    Ok(Written { what, warnings })
}

/// How a picture's size is said ("3 pages", "2020 x 1206 px"), and the unit its text size is
/// said in, with how many of them make a point.
type Said = (Option<String>, (&'static str, f32));

fn write_pdf(map: &ArgumentMap, path: &Path, sheets: &[Sheet], paper: Paper) -> Result<Said, ExportError> {
    let pages: Vec<pdf::Page<'_>> = sheets
        .iter()
        .map(|s| pdf::Page { picture: &s.picture, pt_per_unit: s.pt_per_unit, title: s.heading.as_deref() })
        .collect();
    io::write_atomic(path, &pdf::write(&pages, map.title.trim())?)?;
    let size = match (sheets, paper) {
        ([one], Paper::Fit) => Some(format!("{:.0} x {:.0} pt", one.size_pt().0, one.size_pt().1)),
        ([_], _) => None,
        (many, _) => Some(format!("{} pages", many.len())),
    };
    Ok((size, ("pt", 1.0)))
}

fn write_svg(path: &Path, sheet: &Sheet, paper: Paper, text_as_paths: bool) -> Result<Said, ExportError> {
    let style = svg::Style { size_pt: paper.size_pt(), text_as_paths, ..svg::Style::default() };
    io::write_atomic_with(path, false, |w| svg::write_to(&sheet.picture, w, &style))?;
    // On a page the text is said in points; at the map's own size in CSS pixels.
    Ok(match paper {
        Paper::Fit => {
            let f = sheet.picture.frame;
            (Some(format!("{:.0} x {:.0}", f.w, f.h)), ("px", 1.0 / page::FIT_PT_PER_UNIT))
        }
        _ => (None, ("pt", 1.0)),
    })
}

fn write_png(path: &Path, sheet: &Sheet, paper: Paper, o: &ExportOptions) -> Result<Said, ExportError> {
    let dpi = o.dpi.unwrap_or(paper.default_dpi());
    let scale = match paper {
        Paper::Fit => o.scale,
        // The page's width in whole pixels (A4 at 300 dpi is 2480 wide), a hair under so
        // rounding up cannot add a column.
        _ => {
            let px = (sheet.size_pt().0 * dpi / 72.0).round();
            (px - 0.01) / sheet.picture.frame.w
        }
    };
    let (width, height) = render::png_size(&sheet.picture.frame, scale).map_err(|e| match (e, paper) {
        // On a page --scale does nothing: say the pixels per inch that fit.
        (render::ExportError::TooLarge { width, height, .. }, p) if p != Paper::Fit => {
            let fits = f64::from(dpi) * f64::from(render::MAX_PNG_SIDE) / width.max(height) as f64;
            render::ExportError::PageTooLarge { width, height, dpi: fits.floor() as u32 }
        }
        (e, _) => e,
    })?;
    io::write_atomic(path, &render::png::write(&sheet.picture, scale)?)?;
    Ok((Some(format!("{width} x {height} px")), ("px", scale / sheet.pt_per_unit)))
}

/// `9.5`, `12`: one decimal, none when whole.
fn one_decimal(v: f32) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_is_found_by_each_of_its_extensions_in_any_case() {
        for format in Format::ALL {
            for ext in format.extensions() {
                assert_eq!(Format::of(Path::new(&format!("x.{ext}"))), Some(format));
                assert_eq!(Format::of(Path::new(&format!("x.{}", ext.to_uppercase()))), Some(format));
            }
            assert_eq!(format.extension(), format.extensions()[0]);
        }
        assert_eq!(Format::of(Path::new("x.gif")), None);
        assert_eq!(Format::of(Path::new("x")), None);
    }
}
