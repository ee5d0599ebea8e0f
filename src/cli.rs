//! The command line: argument parsing (clap) and the headless verbs (`check`, `export`).
//!
//! Each verb runs over the library and returns an error as a value; `main` prints it as one line
//! and exits with status 1. Must not touch: egui.

use crate::export::{Drawing, ExportError, Format, Written};
use crate::io;
use crate::model::{ArgumentMap, Arrangement, RelationKind, Role, Target};
use crate::printable::{self, count, escaped};
use crate::render::page::Paper;
use crate::render::{ExportOptions, Region};
use crate::scene::Typesetter;
use clap::{Parser, Subcommand};
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

mod live;
mod questions;
mod sources;
mod versions;

/// argmap: map arguments (claims, reasons, objections, rebuttals) and export them.
#[derive(Debug, Parser)]
#[command(name = "argmap", version = crate::VERSION, about, args_conflicts_with_subcommands = true)]
pub struct Args {
    /// A verb to run without opening a window.
    #[command(subcommand)]
    pub verb: Option<Verb>,
    /// A map file to open in the app (with none, the shipped MINUSMA map opens).
    pub file: Option<PathBuf>,
    /// Open the app on a new, empty map.
    #[arg(long, conflicts_with = "file")]
    pub new: bool,
    /// The sync server of a live map's link given instead of a file (`argmap automerge:… --server
    /// ws://host:port`; without it, the server last used).
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,
}

/// The headless verbs.
#[derive(Debug, Subcommand)]
pub enum Verb {
    /// Validate a map and print a summary of it.
    Check {
        /// Print the map as one JSON object instead of a summary.
        #[arg(long)]
        json: bool,
        /// A folder to look for the map's source documents in (after the map's own folder);
        /// every located quote is checked against its document.
        #[arg(long = "documents", value_name = "DIR")]
        documents: Vec<PathBuf>,
        /// Quotes no longer found in their document, and documents not found, are errors
        /// (exit status 1), not warnings.
        #[arg(long)]
        strict: bool,
        /// The map file (.ron).
        map: PathBuf,
    },
    /// List a map's source documents: whether each is found, how many statements quote it and
    /// how much of it the map covers; `--relocate` writes each quote's place in its document
    /// into the map.
    Sources {
        /// A folder to look for the documents in (after the map's own folder).
        #[arg(long = "documents", value_name = "DIR")]
        documents: Vec<PathBuf>,
        /// Locate every quote afresh in its document and save the map with the places found.
        #[arg(long)]
        relocate: bool,
        /// The map file (.ron).
        map: PathBuf,
    },
    /// Write a map to another file; the format follows the extension: .ron, .pdf, .svg, .png,
    /// .html (a web page to click through, self-contained),
    /// .argdown (Argdown), .json (AIF), .dot (Graphviz), .md (Markdown outline). A picture export
    /// prints one line: the page, the statements drawn and the size of their text.
    Export {
        /// The map file to read (.ron).
        map: PathBuf,
        /// The file to write.
        out: PathBuf,
        /// PNG pixels per map unit at the map's own size (1 for screens, 2 or 4 for print).
        #[arg(long, default_value_t = 1.0, value_parser = scale_value)]
        scale: f32,
        /// The page to fit the picture to (PDF, PNG, SVG): the arrangement and scale that make
        /// the text largest on it, centred within margins.
        #[arg(long, value_enum, default_value_t = Paper::Fit)]
        page: Paper,
        /// Pixels per inch of a PNG page (default 300; a slide is 1920 x 1080 at its default 144).
        #[arg(long, value_parser = dpi_value)]
        dpi: Option<f32>,
        /// `branches`: an overview page, then a page for each branch it folds, every page's text
        /// at least 7 pt (PDF; A4 landscape unless --page says otherwise).
        #[arg(long, value_enum)]
        pages: Option<PagesArg>,
        /// SVG: draw text as outlines only, without text elements or the embedded font.
        #[arg(long)]
        text_as_paths: bool,
        /// Colour theme of the picture.
        #[arg(long, value_enum, default_value_t = Theme::Light)]
        theme: Theme,
        /// No background: a PNG with alpha, an SVG without its background rectangle.
        #[arg(long)]
        transparent: bool,
        /// Export only this statement and its branch.
        #[arg(long, value_name = "ID")]
        branch: Option<String>,
        /// Space around the map, in map units.
        #[arg(long, default_value_t = 24.0, value_parser = margin_value)]
        margin: f32,
        /// Leave out the legend and the title and source line.
        #[arg(long)]
        bare: bool,
        /// Show the evaluation: each statement's label (in, out, undecided) as a badge, out
        /// statements faded (pictures).
        #[arg(long)]
        eval: bool,
        /// With --eval, evaluate with the what-if marks and doubted critical questions the map
        /// holds, and show them.
        #[arg(long, requires = "eval")]
        what_if: bool,
        /// Show how many critical questions of each argument are still open: a `?N` badge on
        /// its first premise's box (the shipped schemes and your own schemes.ron).
        #[arg(long)]
        questions: bool,
        /// How to arrange the picture (PNG, SVG); by default as the map file says, and an
        /// automatic arrangement is the one that fits a 16:9 slide best.
        #[arg(long, value_enum)]
        layout: Option<Arrangement>,
    },
    /// Read an Argdown (.argdown, .ad) or AIF (.json) document and write it as a map (.ron).
    /// Prints one warning line for each construct it could only approximate.
    Import {
        /// The document to read.
        input: PathBuf,
        /// The map file to write (.ron).
        out: PathBuf,
    },
    /// List each argument's critical questions (from the scheme it names): how many are
    /// answered, and each open one with what a "no" attacks and what answers it.
    Questions {
        /// Print one JSON object (`{"arguments": [...]}`) instead of lines.
        #[arg(long)]
        json: bool,
        /// The map file (.ron).
        map: PathBuf,
    },
    /// Print which statements stand: each statement's grounded label (in, out, undecided).
    Eval {
        /// Print `{"labels": {"ID": "in"|"out"|"undecided", ...}}` instead of lines.
        #[arg(long)]
        json: bool,
        /// Also say why each statement has its label (with --json: a "why" object beside
        /// "labels").
        #[arg(long)]
        why: bool,
        /// The map file (.ron).
        map: PathBuf,
    },
    /// What changed between two versions of a map, by id: statements added, removed, reworded
    /// (a word diff), moved, re-sourced; relations added, removed, flipped, re-premised, rated;
    /// marks and groups; and which statements' evaluation changed. Exit status 0 when the maps
    /// are the same, 1 when they differ, 2 on error, as diff's.
    Diff {
        /// Print the changes as JSON.
        #[arg(long)]
        json: bool,
        /// The older version (.ron).
        old: PathBuf,
        /// The newer version (.ron).
        new: PathBuf,
    },
    /// Three-way merge of two versions of a map changed from a common one, by ids. Where both
    /// changed one thing differently, ours stays and the conflict is recorded in the map with
    /// both versions (the app resolves it). Exit status 0 when clean, 1 with conflicts, 2 on
    /// error. `argmap git-setup` makes it git's merge driver for maps.
    Merge {
        /// The common version.
        base: PathBuf,
        /// Our version.
        ours: PathBuf,
        /// Their version.
        theirs: PathBuf,
        /// Where to write the merged map (by default, standard output).
        #[arg(short = 'o', long = "out", value_name = "OUT")]
        out: Option<PathBuf>,
    },
    /// git's merge driver (`merge.argmap.driver`: `argmap git-merge %O %A %B %P`): merges maps
    /// by ids into OURS; a file that is not a map is merged by git's own line merge.
    #[command(hide = true)]
    GitMerge {
        /// The common version (empty when both sides added the file).
        base: PathBuf,
        /// Our version, where the result is written.
        ours: PathBuf,
        /// Their version.
        theirs: PathBuf,
        /// The file's path in the repository (for messages).
        path: Option<PathBuf>,
    },
    /// git's diff driver for maps (`diff.argmap.command`): takes the arguments git passes.
    #[command(hide = true)]
    GitDiff {
        /// PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE, as git passes them.
        #[arg(num_args = 7..=9, required = true)]
        args: Vec<PathBuf>,
    },
    /// Set git up to diff and merge maps with argmap in a repository (the current one by
    /// default): `*.ron diff=argmap merge=argmap` in its .gitattributes, the drivers in its
    /// config.
    GitSetup {
        /// A folder in the repository.
        repo: Option<PathBuf>,
    },
    /// Read one document in a child process for argmap itself (within the limits it is given),
    /// writing its text to stdout: how the app and the CLI read HTML and PDF, so that a hostile
    /// document cannot hang or exhaust them.
    #[command(hide = true)]
    ReadDocument {
        /// The most memory to use, in megabytes.
        #[arg(long, default_value_t = 1024)]
        megabytes: u64,
        /// The most CPU time to use, in seconds.
        #[arg(long, default_value_t = 20)]
        seconds: u64,
        /// The document.
        document: PathBuf,
    },
    /// Run a sync server for live maps (automerge-repo's protocol over WebSockets), on
    /// localhost unless told otherwise; put TLS in front of it to serve beyond a trusted network
    /// (README, "Working together").
    Serve {
        /// Where to listen: host and port (port 0 takes a free one; the line printed says which).
        #[arg(long, default_value = "127.0.0.1:3030")]
        listen: String,
        /// A folder to keep the maps in (kept in memory without it, gone when the server stops).
        #[arg(long)]
        data: Option<PathBuf>,
    },
    /// Put a map on a sync server as a live map and print its link (anyone with the link can
    /// read and change it). Its live document is kept beside it (MAP.automerge).
    Share {
        /// The map.
        map: PathBuf,
        /// The sync server (ws://host:port).
        #[arg(long)]
        server: String,
    },
    /// Write the live map of a link to a file, its live document beside it.
    Join {
        /// The link `argmap share` printed.
        link: String,
        /// The sync server (ws://host:port).
        #[arg(long)]
        server: String,
        /// The map file to write (.ron).
        out: PathBuf,
    },
    /// Send a shared map file's edits to the sync server and take in everyone else's: the
    /// file is written again with both (concurrent rewordings of one statement are conflicts).
    Sync {
        /// The map, shared or joined before.
        map: PathBuf,
        /// Its link.
        #[arg(long)]
        link: String,
        /// The sync server (ws://host:port).
        #[arg(long)]
        server: String,
    },
    /// Write a deterministic synthetic map (for benchmarks and tests).
    Gen {
        /// How many statements: 1 to 100,000 (a larger map would pass the 64 MiB argmap opens).
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=MAX_GENERATED as u64))]
        statements: u64,
        /// The seed: the same seed and size give the same map.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The file to write (.ron).
        out: PathBuf,
    },
    /// Print the shell completions of argmap's command line, for bash, zsh, fish, elvish or
    /// PowerShell (the Debian package installs them).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print argmap's licence and the licences of the libraries it is built from.
    Licenses,
    /// Write the manual pages (argmap.1, and argmap-VERB.1 for each verb) into a folder, as the
    /// Debian package installs them.
    #[command(hide = true)]
    Manual {
        /// The folder to write them in (made if missing).
        dir: PathBuf,
    },
}

/// The most statements `argmap gen` makes: its file (about 31 MB) opens well inside the 64 MiB a
/// map may have.
pub const MAX_GENERATED: usize = 100_000;

/// The largest `--scale`: 100 pixels per map unit.
pub const MAX_SCALE: f32 = 100.0;

/// The largest `--margin`, in map units.
pub const MAX_MARGIN: f32 = 10_000.0;

/// `--scale`: a number above 0, at most [`MAX_SCALE`].
fn scale_value(s: &str) -> Result<f32, String> {
    match s.trim().parse::<f32>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= MAX_SCALE => Ok(v),
        _ => Err(format!("the scale must be a number above 0 and at most {MAX_SCALE}")),
    }
}

/// `--margin`: a number from 0 to [`MAX_MARGIN`].
fn margin_value(s: &str) -> Result<f32, String> {
    match s.trim().parse::<f32>() {
        Ok(v) if v.is_finite() && (0.0..=MAX_MARGIN).contains(&v) => Ok(v),
        _ => Err(format!("the margin must be a number from 0 to {MAX_MARGIN} (map units)")),
    }
}

/// How a picture is spread over pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PagesArg {
    /// An overview, then the branches it folds, each on pages of their own.
    Branches,
}

/// `--dpi`: 10 to 2400 pixels per inch.
fn dpi_value(s: &str) -> Result<f32, String> {
    match s.trim().parse::<f32>() {
        Ok(v) if v.is_finite() && (10.0..=2400.0).contains(&v) => Ok(v),
        _ => Err("the dpi must be a number from 10 to 2400".to_owned()),
    }
}

/// The colour theme of an exported picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Theme {
    /// Dark text on light boxes.
    Light,
    /// Light text on dark boxes.
    Dark,
}

/// The longest line argmap prints for an error or a warning, in characters (a longer one keeps
/// its start and its end).
pub const MAX_MESSAGE_CHARS: usize = 2_000;

/// Writes a warning as one printable line.
fn warning(warn: &mut dyn std::io::Write, text: &str) {
    let _ = writeln!(warn, "warning: {}", printable::line(text, MAX_MESSAGE_CHARS));
}

/// A verb's failure: one line for stderr.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The map could not be read.
    #[error("{0}")]
    Load(#[from] io::LoadError),
    /// A live map could not be shared, joined or synced.
    #[error("{0}")]
    Live(#[from] crate::live::net::NetError),
    /// The output could not be written.
    #[error("{path}: cannot write: {message}")]
    Write {
        /// The output file.
        path: String,
        /// Why.
        message: String,
    },
    /// The picture could not be made.
    #[error("{path}: {source}")]
    Export {
        /// The output file.
        path: String,
        /// Why.
        source: crate::render::ExportError,
    },
    /// A document to import could not be read.
    #[error(
        "{path}:{} {}",
        error.position.map(|(l, c)| format!("{l}:{c}:")).unwrap_or_default(),
        error.message
    )]
    Import {
        /// The document.
        path: String,
        /// What is wrong, with its line and column where known.
        error: crate::interop::SyntaxError,
    },
    /// The input's extension names no format argmap imports.
    #[error("{path}: unknown import format {ext:?}; argmap import reads .argdown (or .ad) and .json (AIF)")]
    UnknownImport {
        /// The input file.
        path: String,
        /// Its extension, if any.
        ext: String,
    },
    /// `check --strict` found quotes that are not in their documents, or documents not found.
    #[error("{path}: {count} quote problem{} (--strict makes them errors)", if *count == 1 { "" } else { "s" })]
    Quotes {
        /// The map.
        path: String,
        /// How many.
        count: usize,
    },
    /// The verb was used wrongly, or a tool it needs failed.
    #[error("{0}")]
    Usage(String),
    /// The output's extension names no format argmap writes.
    #[error(
        "{path}: unknown export format {ext:?}; argmap export writes .ron, .pdf, .svg, .png, .html, .argdown, .json (AIF), .dot and .md"
    )]
    UnknownFormat {
        /// The output file.
        path: String,
        /// Its extension, if any.
        ext: String,
    },
}

impl Verb {
    /// The exit status a failure of this verb gives: 2 for `diff` and `merge` (whose 1 means
    /// "different" or "conflicts", as diff's and git's), 1 for the others.
    pub fn error_status(&self) -> u8 {
        if matches!(self, Verb::Diff { .. } | Verb::Merge { .. } | Verb::GitMerge { .. }) { 2 } else { 1 }
    }
}

/// Runs a verb, writing its normal output to `out` and warnings to `warn`; the exit status of
/// success: 0, or 1 for `diff` of different maps and `merge` with conflicts.
pub fn run(verb: Verb, out: &mut dyn std::io::Write, warn: &mut dyn std::io::Write) -> Result<u8, CliError> {
    match verb {
        Verb::Diff { json, old, new } => versions::diff(&old, &new, json, out).map(u8::from),
        Verb::Merge { base, ours, theirs, out: target } => {
            versions::merge([&base, &ours, &theirs], target.as_deref(), out, warn).map(u8::from)
        }
        Verb::GitDiff { args } => versions::git_diff(&args, out).map(|()| 0),
        Verb::GitMerge { base, ours, theirs, path } => {
            versions::git_merge([&base, &ours, &theirs], path.as_deref(), warn)
        }
        Verb::GitSetup { repo } => versions::git_setup(repo.as_deref(), out).map(|()| 0),
        other => run_plain(other, out, warn).map(|()| 0),
    }
}

/// The verbs whose success is exit status 0.
fn run_plain(
    verb: Verb,
    out: &mut dyn std::io::Write,
    warn: &mut dyn std::io::Write,
) -> Result<(), CliError> {
    match verb {
        Verb::Check { json, documents, strict, map: path } => {
            let map = io::load_path(&path)?;
            let text = if json { check_json(&map) } else { summary(&map, &path) };
            let _ = writeln!(out, "{text}");
            if let Some(line) = conflicts_line(&map) {
                warning(warn, &format!("{}: {line}", path.display()));
            }
            let (catalogue, error) = crate::schemes::installed();
            if let Some(e) = error {
                warning(warn, &format!("{e} (the shipped schemes are used)"));
            }
            for problem in crate::schemes::problems(&map, &catalogue) {
                warning(warn, &format!("{}: {problem}", path.display()));
            }
            sources::check_quotes(&map, &path, &documents, strict, warn)
        }
        Verb::Sources { documents, relocate, map: path } => {
            sources::list(&path, &documents, relocate, out, warn)
        }
        Verb::ReadDocument { megabytes, seconds, document } => {
            crate::sources::serve(&document, megabytes, seconds, out).map_err(CliError::Usage)
        }
        Verb::Export {
            map: path,
            out: target,
            scale,
            page,
            dpi,
            pages,
            text_as_paths,
            theme,
            transparent,
            branch,
            margin,
            bare,
            eval,
            what_if,
            questions,
            layout,
        } => {
            let map = io::load_path(&path)?;
            let questions = questions.then(|| {
                let (catalogue, error) = crate::schemes::installed();
                if let Some(e) = error {
                    warning(warn, &format!("{e} (the shipped schemes are used)"));
                }
                std::sync::Arc::new(catalogue)
            });
            let options = ExportOptions {
                scale,
                dark: theme == Theme::Dark,
                transparent,
                margin,
                region: branch.map_or(Region::Whole, |b| Region::Branch(b.as_str().into())),
                title: !bare,
                legend: !bare,
                citation: !bare,
                eval,
                what_if,
                questions,
                arrangement: layout,
                paper: page,
                dpi,
                branch_pages: pages == Some(PagesArg::Branches),
                text_as_paths,
                ..ExportOptions::default()
            };
            let written = export(&map, &target, &options)?;
            for w in &written.warnings {
                warning(warn, &format!("{}: {w}", target.display()));
            }
            if Format::of(&target).is_some_and(|f| f.is_picture() || f == Format::Html) {
                let _ =
                    writeln!(out, "{}: {}", printable::escaped(&target.display().to_string()), written.what);
            }
            Ok(())
        }
        Verb::Import { input, out: target } => import(&input, &target, out, warn),
        Verb::Completions { .. } | Verb::Licenses | Verb::Manual { .. } => about_argmap(verb, out),
        Verb::Questions { json, map: path } => {
            let map = io::load_path(&path)?;
            let (catalogue, error) = crate::schemes::installed();
            if let Some(e) = error {
                warning(warn, &format!("{e} (the shipped schemes are used)"));
            }
            let _ = writeln!(out, "{}", questions::report(&map, &catalogue, json));
            Ok(())
        }
        Verb::Eval { json, why, map: path } => {
            let map = io::load_path(&path)?;
            let _ = writeln!(out, "{}", evaluation(&map, json, why));
            Ok(())
        }
        Verb::Serve { listen, data } => live::serve(&listen, data.as_deref(), out),
        Verb::Share { map, server } => live::share(&map, &server, out),
        Verb::Join { link, server, out: target } => live::join(&link, &server, &target, out),
        Verb::Sync { map, link, server } => live::sync(&map, &link, &server, out),
        Verb::Gen { statements, seed, out: target } => {
            let map = crate::synth::generate(usize::try_from(statements).unwrap_or(MAX_GENERATED), seed);
            io::save(&map, &target).map_err(|e| CliError::Write {
                path: target.display().to_string(),
                message: io::io_message(&e),
            })
        }
        Verb::Diff { .. }
        | Verb::Merge { .. }
        | Verb::GitDiff { .. }
        | Verb::GitMerge { .. }
        | Verb::GitSetup { .. } => Ok(()),
    }
}

/// The conflicts a merge left in the map, in one line, if any.
fn conflicts_line(map: &ArgumentMap) -> Option<String> {
    let conflicts = map.conflicts();
    let first = conflicts.first()?;
    let more = if conflicts.len() > 1 { format!(" and {} more", conflicts.len() - 1) } else { String::new() };
    Some(format!(
        "{} from a merge ({}: {}{more}): open the map in argmap to choose between the versions",
        count(conflicts.len(), "unresolved conflict"),
        first.statement,
        first.field.describe()
    ))
}

/// `argmap import`: reads a document, writes the map, one warning line per approximation.
fn import(
    input: &Path,
    target: &Path,
    out: &mut dyn std::io::Write,
    warn: &mut dyn std::io::Write,
) -> Result<(), CliError> {
    let path = input.display().to_string();
    let ext =
        |p: &Path| p.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or("(none)".into());
    let format = crate::interop::ImportFormat::of(input)
        .ok_or_else(|| CliError::UnknownImport { path: path.clone(), ext: ext(input) })?;
    if Format::of(target) != Some(Format::Ron) {
        return Err(CliError::Usage(format!(
            "{}: argmap import writes a map (.ron), not {}; import to a .ron file, then argmap export it",
            escaped(&target.display().to_string()),
            ext(target)
        )));
    }
    let text = io::read_text(input)?;
    let imported = crate::interop::import(format, &text, &crate::interop::title_from(input))
        .map_err(|error| CliError::Import { path: path.clone(), error })?;
    for w in &imported.warnings {
        match w.line {
            Some(line) => warning(warn, &format!("{path}:{line}: {}", w.message)),
            None => warning(warn, &format!("{path}: {}", w.message)),
        }
    }
    io::save(&imported.map, target)
        .map_err(|e| CliError::Write { path: target.display().to_string(), message: io::io_message(&e) })?;
    let _ = writeln!(
        out,
        "{}: {} statements, {} relations ({} warnings)",
        escaped(&target.display().to_string()),
        imported.map.statement_count(),
        imported.map.relation_count(),
        imported.warnings.len()
    );
    Ok(())
}

/// What `argmap eval` prints: a line per statement (with `why`, the reason in words), or JSON.
fn evaluation(map: &ArgumentMap, json: bool, why: bool) -> String {
    let topo = crate::model::Topology::new(map);
    let marks = crate::eval::marks(map, &topo);
    let labels = crate::eval::labels(&topo, &marks, &crate::eval::doubted(&topo));
    let ids: Vec<&str> = topo.statements.iter().map(|s| s.id.as_str()).collect();
    let explain = |s: usize| crate::eval::explain(&topo, &labels, &marks, s);
    if json {
        let object = |f: &dyn Fn(usize) -> serde_json::Value| -> serde_json::Map<String, serde_json::Value> {
            (0..ids.len()).map(|s| (ids[s].to_owned(), f(s))).collect()
        };
        let mut doc = serde_json::json!({ "labels": object(&|s| labels[s].as_str().into()) });
        if why {
            doc["why"] = object(&|s| explain(s).into()).into();
        }
        return printable::json(&doc.to_string()).into_owned();
    }
    let width = ids.iter().map(|id| id.len()).max().unwrap_or(0);
    (0..ids.len())
        .map(|s| {
            let line = format!("{:width$}  {}", ids[s], labels[s].as_str());
            if why { format!("{line:width2$}  {}", explain(s), width2 = width + 11) } else { line }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes `map` to `target` in the format its extension names, as `argmap export` does (a
/// fresh typesetter, no branch collapsed); returns what the format could not hold.
pub fn export(map: &ArgumentMap, target: &Path, options: &ExportOptions) -> Result<Written, CliError> {
    let path = target.display().to_string();
    let drawing = Drawing { options, collapsed: &HashSet::new(), typesetter: &mut Typesetter::new() };
    match crate::export::export(map, target, drawing) {
        Ok(written) => Ok(written),
        Err(ExportError::UnknownFormat { ext }) => Err(CliError::UnknownFormat { path, ext }),
        Err(ExportError::Picture(source)) => Err(CliError::Export { path, source }),
        Err(ExportError::Write(e)) => Err(CliError::Write { path, message: io::io_message(&e) }),
    }
}

/// The human summary `argmap check` prints.
pub fn summary(map: &ArgumentMap, path: &Path) -> String {
    let mut by_role = [0usize; 4];
    for s in map.statements() {
        if let Some(role) = map.role(&s.id) {
            by_role[role as usize] += 1;
        }
    }
    let roles: Vec<String> = Role::ALL.iter().map(|r| count(by_role[*r as usize], r.as_str())).collect();
    let supports = map.relations().filter(|(_, r)| r.kind == RelationKind::Support).count();
    let linked = map.relations().filter(|(_, r)| r.is_linked()).count();
    let undercuts = match map.relations().filter(|(_, r)| r.is_undercut()).count() {
        0 => String::new(),
        n => format!(" (of which {})", count(n, "undercut")),
    };
    let groups = match map.groups().len() {
        0 => String::new(),
        n => format!(
            "\n  {}: {}",
            count(n, "group"),
            map.groups().iter().map(|g| escaped(&g.title)).collect::<Vec<_>>().join(", ")
        ),
    };
    format!(
        "{}: ok\n  {}\n  {}: {}\n  {}: {} support, {} objection{undercuts}; {} linked (co-premises){groups}",
        escaped(&path.display().to_string()),
        escaped(&map.title),
        count(map.statement_count(), "statement"),
        roles.join(", "),
        count(map.relation_count(), "relation"),
        supports,
        map.relation_count() - supports,
        linked,
    )
}

/// The JSON object `argmap check --json` prints; scripts and tests build on its shape.
#[derive(Serialize)]
struct JsonMap<'a> {
    title: &'a str,
    /// The source documents (id, title, file, ...), as the map lists them.
    documents: &'a [crate::model::SourceDocument],
    statements: Vec<JsonStatement<'a>>,
    relations: Vec<JsonRelation<'a>>,
    groups: Vec<JsonGroup<'a>>,
}

/// A group in `check --json`: its id, title and members (in file order).
#[derive(Serialize)]
struct JsonGroup<'a> {
    id: &'a str,
    title: &'a str,
    members: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonStatement<'a> {
    id: &'a str,
    text: &'a str,
    role: Role,
    source: Option<JsonSource<'a>>,
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    answers: Option<JsonAnswer>,
}

#[derive(Serialize)]
struct JsonSource<'a> {
    quote: &'a str,
    reference: &'a str,
    /// The id of the map's document it quotes, if it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<&'a str>,
    /// Where the quote sits in that document's text, once located.
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<crate::model::Location>,
}

/// A relation in `check --json`. `conclusion` names a statement, or, when `undercut` is true, the
/// `id` of the relation undercut (only relations that are undercut carry an `id`; it is the same
/// name the RON file gives them).
#[derive(Serialize)]
struct JsonRelation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    premises: Vec<&'a str>,
    conclusion: String,
    kind: RelationKind,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    undercut: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    /// The scheme it follows, by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    scheme: Option<&'a str>,
    /// Its critical questions, if the catalogue knows its scheme.
    #[serde(skip_serializing_if = "Option::is_none")]
    questions: Option<JsonQuestions>,
}

/// An argument's critical questions in `check --json`: how many are answered, and which are
/// open (by place in the scheme's list).
#[derive(Serialize)]
struct JsonQuestions {
    answered: usize,
    total: usize,
    open: Vec<usize>,
    /// The questions the user doubts (what-if), answered or not.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    doubted: Vec<usize>,
}

/// The critical question a statement answers, in `check --json`.
#[derive(Serialize)]
struct JsonAnswer {
    relation: String,
    question: usize,
}

/// The map as the JSON object of `argmap check --json`, statements and relations in file order.
pub fn check_json(map: &ArgumentMap) -> String {
    let names = crate::io::relation_names(map);
    let (catalogue, _) = crate::schemes::installed();
    let doc = JsonMap {
        title: &map.title,
        documents: map.documents(),
        statements: map
            .statements()
            .map(|s| JsonStatement {
                id: s.id.as_str(),
                text: &s.text,
                role: map.role(&s.id).unwrap_or(Role::Claim),
                source: s.source.as_ref().map(|src| JsonSource {
                    quote: &src.quote,
                    reference: &src.reference,
                    document: src.document.as_deref(),
                    at: src.at,
                }),
                note: s.note.as_deref(),
                answers: s.answers.and_then(|a| {
                    Some(JsonAnswer { relation: names.get(&a.relation)?.clone(), question: a.question })
                }),
            })
            .collect(),
        relations: map
            .relations()
            .map(|(id, r)| JsonRelation {
                id: names.get(&id).cloned(),
                premises: r.premises.iter().map(|p| p.as_str()).collect(),
                conclusion: match &r.conclusion {
                    Target::Statement(s) => s.to_string(),
                    Target::Relation(t) => names.get(t).cloned().unwrap_or_default(),
                },
                kind: r.kind,
                undercut: r.is_undercut(),
                label: r.label.as_deref(),
                description: r.description.as_deref(),
                scheme: r.scheme.as_deref(),
                questions: crate::schemes::asked(map, id, &catalogue).map(|a| JsonQuestions {
                    answered: a.answered(),
                    total: a.questions.len(),
                    open: a.questions.iter().filter(|q| q.2.is_empty()).map(|q| q.0).collect(),
                    doubted: r.doubted.clone(),
                }),
            })
            .collect(),
        groups: map
            .groups()
            .iter()
            .zip(map.group_members())
            .map(|(g, members)| JsonGroup {
                id: g.id.as_str(),
                title: &g.title,
                members: members.into_iter().map(|m| m.as_str()).collect(),
            })
            .collect(),
    };
    printable::json(&serde_json::to_string_pretty(&doc).unwrap_or_default()).into_owned()
}

/// The verbs about argmap itself: its completions, its licences, its manual pages.
fn about_argmap(verb: Verb, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    match verb {
        Verb::Completions { shell } => {
            let mut command = <Args as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "argmap", out);
        }
        Verb::Licenses => {
            let _ = writeln!(
                out,
                "argmap {}: {}\n\nBuilt from these libraries:\n",
                crate::VERSION,
                crate::LICENSE
            );
            let _ = write!(out, "{}", crate::LIBRARIES);
        }
        Verb::Manual { dir } => return manual(&dir, out),
        _ => {}
    }
    Ok(())
}

/// `argmap manual DIR`: the manual pages, made from the command line's own definition.
fn manual(dir: &Path, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let failed = |path: &Path, e: std::io::Error| CliError::Write {
        path: printable::escaped(&path.display().to_string()).into_owned(),
        message: io::io_message(&e),
    };
    std::fs::create_dir_all(dir).map_err(|e| failed(dir, e))?;
    let command = <Args as clap::CommandFactory>::command().version(crate::VERSION);
    let mut pages = vec![("argmap".to_owned(), command.clone())];
    for verb in command.get_subcommands().filter(|v| !v.is_hide_set()) {
        let name = format!("argmap-{}", verb.get_name());
        let bin = format!("argmap {}", verb.get_name());
        pages.push((name.clone(), verb.clone().display_name(name).bin_name(bin).version(crate::VERSION)));
    }
    for (name, page) in pages {
        let mut roff = Vec::new();
        clap_mangen::Man::new(page).render(&mut roff).map_err(|e| failed(dir, e))?;
        let path = dir.join(format!("{name}.1"));
        io::write_atomic(&path, &roff).map_err(|e| failed(&path, e))?;
        let _ = writeln!(out, "{}", printable::escaped(&path.display().to_string()));
    }
    Ok(())
}
