//! Writing a map to a file in any format argmap writes: the one place `argmap export` and the
//! app's File ▸ Export share. A format is a type ([`Format`]: its extensions, its name, whether
//! it is a picture), found from a file's extension.
//!
//! Must not touch: egui's UI. Every file is written through [`crate::io`]'s atomic writer.

use crate::interop::Warning;
use crate::io;
use crate::model::{ArgumentMap, StatementId};
use crate::render::{self, ExportOptions};
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
}

impl Format {
    /// Every format, in the order `argmap export --help` names them.
    pub const ALL: [Format; 7] =
        [Format::Ron, Format::Svg, Format::Png, Format::Argdown, Format::Aif, Format::Dot, Format::Outline];

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
        }
    }

    /// Whether it is a picture of the map (drawn from the scene) rather than its text.
    pub fn is_picture(self) -> bool {
        matches!(self, Format::Svg | Format::Png)
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
        "unknown export format {ext:?}; argmap export writes .ron, .svg, .png, .argdown, .json (AIF), .dot and .md"
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
        Format::Svg | Format::Png => return picture(map, path, format, drawing),
        Format::Argdown => text(crate::interop::argdown::export(map)),
        Format::Aif => text(crate::interop::aif::export(map)),
        Format::Dot => text(crate::interop::dot::export(map)),
        Format::Outline => (crate::interop::outline::export(map).into_bytes(), Vec::new()),
    };
    io::write_atomic(path, &bytes)?;
    Ok(Written { what: format.name().to_owned(), warnings })
}

fn picture(map: &ArgumentMap, path: &Path, format: Format, d: Drawing<'_>) -> Result<Written, ExportError> {
    let picture = render::picture(map, d.typesetter, d.options, d.collapsed)?;
    if format == Format::Svg {
        io::write_atomic_with(path, false, |w| render::svg::write_to(&picture, w))?;
        return Ok(Written { what: "SVG".to_owned(), warnings: Vec::new() });
    }
    let (width, height) = render::png_size(&picture.frame, d.options.scale)?;
    io::write_atomic(path, &render::png::write(&picture, d.options.scale)?)?;
    Ok(Written { what: format!("{width} x {height} PNG"), warnings: Vec::new() })
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
