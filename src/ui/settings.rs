//! What persists between runs: the theme, recent files, the last folder, how File ▸ Export
//! draws, what the canvas shows.

use super::files::FileUse;
use crate::render::page::Paper;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Key of the settings in eframe's storage.
pub const SETTINGS_KEY: &str = "argmap-settings";
/// How many recent files the File menu lists.
const MAX_RECENT: usize = 10;

/// Which theme to show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// The theme File ▸ Export draws in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportTheme {
    /// Light on paper (a PDF, or a picture fitted to a page), the canvas's on screen (PNG, SVG,
    /// web page at the map's own size): a dark canvas never prints a black page unasked.
    #[default]
    Canvas,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// Which part of the map File ▸ Export draws.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportWhat {
    /// The whole map.
    #[default]
    Whole,
    /// The selected statement and its branch.
    Branch,
    /// What the canvas shows.
    View,
}

/// How File ▸ Export draws (remembered between runs).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportSettings {
    /// Which part.
    pub what: ExportWhat,
    /// PNG pixels per map unit.
    pub scale: f32,
    /// The theme: light on paper, the canvas's on screen, unless chosen.
    pub theme: ExportTheme,
    /// The page to fit the picture to.
    pub page: Paper,
    /// No background.
    pub transparent: bool,
}

impl ExportSettings {
    /// Whether a picture in `format` is for paper: a PDF, or any picture fitted to a page.
    pub fn on_paper(&self, format: crate::export::Format) -> bool {
        format == crate::export::Format::Pdf || self.page != Paper::Fit
    }

    /// Whether `format` is drawn dark, the canvas being `canvas_dark`.
    pub fn dark(&self, format: crate::export::Format, canvas_dark: bool) -> bool {
        match self.theme {
            ExportTheme::Canvas => canvas_dark && !self.on_paper(format),
            ExportTheme::Light => false,
            ExportTheme::Dark => true,
        }
    }
}

impl Default for ExportSettings {
    fn default() -> Self {
        Self {
            what: ExportWhat::Whole,
            scale: 2.0,
            theme: ExportTheme::Canvas,
            page: Paper::Fit,
            transparent: false,
        }
    }
}

/// What persists between runs.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The theme.
    pub theme: ThemeChoice,
    /// Recently opened or saved files, most recent first.
    pub recent: Vec<PathBuf>,
    /// The folder the last file dialog ended in.
    pub last_folder: Option<PathBuf>,
    /// The folder the last dialog for each kind of file ended in (by [`FileUse::kind`]: maps,
    /// imports, each export format).
    #[serde(default)]
    pub folders: std::collections::BTreeMap<String, PathBuf>,
    /// Whether the legend shows.
    pub show_legend: bool,
    /// How many links focus mode reaches.
    pub focus_depth: usize,
    /// How File ▸ Export draws.
    pub export: ExportSettings,
    /// Whether boxes show their evaluation (label badges, faded `out` boxes); exports follow.
    #[serde(default = "yes")]
    pub show_eval: bool,
    /// Whether a map the desktop opens while this window runs opens here (after asking about
    /// unsaved changes) rather than in a new window.
    #[serde(default)]
    pub open_here: bool,
    /// Whether boxes show how many critical questions of their argument are open; exports follow.
    #[serde(default)]
    pub show_questions: bool,
    /// Choose files with argmap's own dialog even where the desktop has one.
    #[serde(default)]
    pub builtin_dialogs: bool,
    /// Folders to look for source documents in (after the map's own), most recent first.
    #[serde(default)]
    pub document_folders: Vec<PathBuf>,
    /// Source documents the user chose themselves (File ▸ Locate document…): read as chosen,
    /// even a link leading out of its folder.
    pub document_files: Vec<PathBuf>,
    /// The user has added a reason or an objection once: the first-run hint no longer shows.
    #[serde(default)]
    pub hint_done: bool,
    /// The sync server of live sessions last used (File ▸ Share live…).
    #[serde(default = "default_server")]
    pub live_server: String,
    /// The name others see in a live session (none yet: the login name).
    #[serde(default)]
    pub live_name: String,
}

/// The sync server a live session uses unless the user names another: `argmap serve` here.
pub const DEFAULT_SERVER: &str = "ws://localhost:3030";

fn default_server() -> String {
    DEFAULT_SERVER.to_owned()
}

fn yes() -> bool {
    true
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            recent: Vec::new(),
            last_folder: None,
            folders: Default::default(),
            show_legend: true,
            focus_depth: 2,
            export: ExportSettings::default(),
            show_eval: true,
            show_questions: false,
            open_here: false,
            builtin_dialogs: false,
            hint_done: false,
            document_folders: Vec::new(),
            document_files: Vec::new(),
            live_server: default_server(),
            live_name: String::new(),
        }
    }
}

impl Settings {
    /// Puts a map file at the top of the recent list, and its folder as the one for maps; both
    /// absolute, so they work from any folder argmap starts in next time.
    pub fn remember(&mut self, path: &Path) {
        let path = absolute(path);
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path.clone());
        self.recent.truncate(MAX_RECENT);
        if let Some(dir) = path.parent() {
            self.used_folder(&FileUse::Open, dir);
        }
    }

    /// Remembers the folder a file for `purpose` was chosen in (absolute).
    pub fn used_folder(&mut self, purpose: &FileUse, dir: &Path) {
        let dir = absolute(dir);
        self.last_folder = Some(dir.clone());
        self.folders.insert(purpose.kind().to_owned(), dir);
    }

    /// The folder a dialog for `purpose` starts in: the last one used for that kind of file,
    /// else `beside` (the map's own folder), else the last one used for any.
    pub fn folder_for(&self, purpose: &FileUse, beside: Option<&Path>) -> Option<PathBuf> {
        let usable = |p: &Path| p.is_dir().then(|| p.to_path_buf());
        self.folders
            .get(purpose.kind())
            .and_then(|p| usable(p))
            .or_else(|| beside.and_then(usable))
            .or_else(|| self.last_folder.as_deref().and_then(usable))
    }
}

/// `path` made absolute against the folder argmap runs in (not resolving links), or as it is
/// where that cannot be known.
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
