//! Choosing a file: the desktop's own dialog where there is one, argmap's built-in one where
//! there is none.
//!
//! The desktop dialog (rfd, through the XDG desktop portal, or zenity) blocks until the user has
//! chosen. Minimal desktops (a bare window manager, a remote X session) have neither, and a
//! dialog that never appears would leave a new map with no way to be saved; there the
//! built-in dialog ([`egui_file`]) opens inside the window, and what the file is for
//! ([`FileUse`]) waits with it until the user picks a file or cancels.

use std::path::{Path, PathBuf};

use super::action::Pending;
use crate::export::Format;

/// What a chosen file is for.
#[derive(Debug, Clone, PartialEq)]
pub enum FileUse {
    /// Open it as the map.
    Open,
    /// Import it (Argdown or AIF) as a new map.
    Import,
    /// Save the map there, then do the waiting action (the answer "Save" to "Save changes?").
    SaveAs(Option<Pending>),
    /// Write the map there in a format (a picture or a text).
    Export(Format),
    /// A source document of the map: its folder is where argmap looks for documents from now on.
    LocateDocument,
    /// A document to start a new map from.
    NewFromDocument,
    /// Another version of the map, to compare the map with.
    Compare,
}

impl FileUse {
    /// Whether the file is written (a save dialog) rather than read.
    pub fn writes(&self) -> bool {
        matches!(self, Self::SaveAs(_) | Self::Export(_))
    }

    /// What the files are called in the dialog's filter.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Open | Self::SaveAs(_) | Self::Compare => Format::Ron.name(),
            Self::Import => "Argdown or AIF",
            Self::Export(format) => format.name(),
            Self::LocateDocument | Self::NewFromDocument => "Source document",
        }
    }

    /// The extensions the dialog shows; a file written gets the first when it has none.
    pub fn extensions(&self) -> &'static [&'static str] {
        match self {
            Self::Open | Self::SaveAs(_) | Self::Compare => Format::Ron.extensions(),
            Self::Import => &["argdown", "ad", "json"],
            Self::LocateDocument | Self::NewFromDocument => &["txt", "md", "markdown", "html", "htm", "pdf"],
            Self::Export(format) => &format.extensions()[..1],
        }
    }

    /// The dialog's title.
    pub fn title(&self) -> String {
        match self {
            Self::Open => "Open a map".into(),
            Self::Import => "Import an Argdown or AIF document".into(),
            Self::SaveAs(_) => "Save the map as".into(),
            Self::Export(_) => format!("Export as {}", self.kind()),
            Self::LocateDocument => "Locate a source document of the map".into(),
            Self::NewFromDocument => "Start a new map from a document".into(),
            Self::Compare => "Compare the map with another version of it".into(),
        }
    }
}

/// Whether `path` names a file with one of `extensions` (case-insensitive).
pub fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// The path a save writes: the name as typed, with `extension` added when it has none.
pub fn with_default_extension(path: PathBuf, extension: &str) -> PathBuf {
    if path.extension().is_some() { path } else { path.with_extension(extension) }
}

/// argmap's own file dialog, open in the window, and what the file is for.
pub struct Chooser {
    /// What the chosen file is for.
    pub purpose: FileUse,
    dialog: egui_file::FileDialog,
    /// The file name in the dialog's name field, as the dialog last checked it (egui_file keeps
    /// it to itself; its name filter sees it every frame): what Enter takes when no field has
    /// the keyboard.
    name: std::sync::Arc<std::sync::Mutex<String>>,
}

/// What the built-in dialog says after a frame.
#[derive(Debug, PartialEq)]
pub enum Chosen {
    /// Still open.
    Waiting,
    /// Closed without a file.
    Cancelled,
    /// This file (with the default extension added to a name typed without one).
    File(PathBuf),
}

impl Chooser {
    /// Opens the built-in dialog in `folder`, with `file_name` typed in for a save.
    pub fn new(purpose: FileUse, folder: &Path, file_name: Option<String>) -> Self {
        let extensions = purpose.extensions();
        let shown: egui_file::Filter<PathBuf> =
            Box::new(move |p: &Path| p.is_dir() || has_extension(p, extensions));
        let name = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let seen = name.clone();
        let writes = purpose.writes();
        // Open is enabled only for a file name with the right extension; Save for any name.
        let named: egui_file::Filter<String> = Box::new(move |n: &str| {
            if let Ok(mut seen) = seen.lock() {
                n.clone_into(&mut seen);
            }
            writes || has_extension(Path::new(n), extensions)
        });
        let mut dialog = if writes {
            egui_file::FileDialog::save_file().default_filename(file_name.unwrap_or_default())
        } else {
            egui_file::FileDialog::open_file()
        };
        dialog = dialog.filename_filter(named);
        dialog = dialog
            .id(egui::Id::unique("argmap file dialog"))
            .title(&purpose.title())
            .initial_path(folder)
            .show_files_filter(shown)
            .show_rename(false)
            .default_size([560.0, 420.0])
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]);
        dialog.open();
        Self { purpose, dialog, name }
    }

    /// Draws the dialog for this frame; says whether the user has chosen. Enter chooses the
    /// name in the name field wherever the keyboard is (but in another text field), as the
    /// dialog's button does.
    pub fn show(&mut self, ctx: &egui::Context) -> Chosen {
        if let Ok(mut name) = self.name.lock() {
            name.clear();
        }
        self.dialog.show(ctx);
        let name = self.name.lock().map(|n| n.clone()).unwrap_or_default();
        // A text field with the keyboard (the dialog's own name or folder field) takes Enter.
        let typing =
            ctx.memory(|m| m.focused()).is_some_and(|id| egui::TextEdit::load_state(ctx, id).is_some());
        let enter = ctx.input(|i| i.key_pressed(egui::Key::Enter)) && !typing;
        if enter && self.dialog.state() == egui_file::State::Open && !name.is_empty() {
            return self.enter(&name);
        }
        match self.dialog.state() {
            egui_file::State::Open => Chosen::Waiting,
            egui_file::State::Selected => match self.dialog.path() {
                Some(path) if self.purpose.writes() => Chosen::File(with_default_extension(
                    path.to_path_buf(),
                    self.purpose.extensions().first().copied().unwrap_or("ron"),
                )),
                Some(path) => Chosen::File(path.to_path_buf()),
                None => Chosen::Cancelled,
            },
            egui_file::State::Closed | egui_file::State::Cancelled => Chosen::Cancelled,
        }
    }

    /// Enter with `name` in the name field: a folder is opened; a file is chosen where the
    /// dialog's own button would choose it (Save: any name; Open: a file of the right kind).
    fn enter(&mut self, name: &str) -> Chosen {
        let path = self.dialog.directory().join(name);
        if path.is_dir() {
            self.dialog.set_path(path);
            return Chosen::Waiting;
        }
        let extension = self.purpose.extensions().first().copied().unwrap_or("ron");
        match self.purpose.writes() {
            true => Chosen::File(with_default_extension(path, extension)),
            false if path.is_file() && has_extension(&path, self.purpose.extensions()) => Chosen::File(path),
            false => Chosen::Waiting,
        }
    }

    /// The folder the dialog shows.
    pub fn folder(&self) -> &Path {
        self.dialog.directory()
    }
}

/// Whether the desktop has a file dialog rfd can show: the XDG desktop portal on the session bus
/// (running or startable), or zenity, rfd's fallback. Asked once, the first time a file is chosen.
pub fn desktop_dialog_available() -> bool {
    portal_available() || on_path("zenity")
}

#[cfg(target_os = "linux")]
fn portal_available() -> bool {
    pollster::block_on(async {
        let Ok(connection) = zbus::Connection::session().await else { return false };
        let Ok(bus) = zbus::fdo::DBusProxy::new(&connection).await else { return false };
        let Ok(name) = zbus::names::BusName::try_from("org.freedesktop.portal.Desktop") else { return false };
        if bus.name_has_owner(name.clone()).await.unwrap_or(false) {
            return true;
        }
        bus.list_activatable_names()
            .await
            .is_ok_and(|names| names.iter().any(|n| n.as_str() == name.as_str()))
    })
}

#[cfg(not(target_os = "linux"))]
fn portal_available() -> bool {
    true // rfd uses the system's own dialogs there
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_file_gets_its_extension_only_when_it_has_none() {
        assert_eq!(with_default_extension("a/notes".into(), "ron"), PathBuf::from("a/notes.ron"));
        assert_eq!(with_default_extension("a/notes.RON".into(), "ron"), PathBuf::from("a/notes.RON"));
        assert_eq!(with_default_extension("a/notes.txt".into(), "ron"), PathBuf::from("a/notes.txt"));
    }

    #[test]
    fn each_use_names_its_files() {
        assert!(has_extension(Path::new("x.Argdown"), FileUse::Import.extensions()));
        assert!(has_extension(Path::new("x.json"), FileUse::Import.extensions()));
        assert!(!has_extension(Path::new("x.ron"), FileUse::Import.extensions()));
        assert_eq!(FileUse::Export(Format::Svg).extensions(), &["svg"]);
        assert_eq!(FileUse::Export(Format::Outline).kind(), "Markdown outline");
        assert!(FileUse::SaveAs(None).writes() && !FileUse::Open.writes());
    }
}
