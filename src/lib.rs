//! argmap: argument maps (claims, reasons, objections, rebuttals, co-premises) as a library.
//!
//! Data flows one way:
//!
//! ```text
//! user gesture ─> edit::Edit ─> edit::apply(&mut ArgumentMap) ─> (returns the inverse, kept by edit::History)
//! file ─> io::load_path ─> ArgumentMap ─> io::save / cli verbs
//! ```
//!
//! [`model`] holds the map and its invariants, [`edit`] changes it, [`io`] reads and writes it,
//! [`cli`] runs the headless verbs. The app and the command line share all of it.

pub mod cli;
pub mod colors;
pub mod edit;
pub mod eval;
pub mod export;
pub mod interop;
pub mod io;
pub mod layout;
pub mod live;
pub mod model;
pub mod printable;
pub mod render;
pub mod scene;
pub mod schemes;
pub mod sources;
pub mod synth;
pub mod ui;
pub mod versions;

pub use eframe::egui;

/// argmap's version and the commit it was built from: "0.1.0 (commit 0123456789ab)".
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("ARGMAP_COMMIT"), ")");

/// argmap's own licence.
pub const LICENSE: &str = env!("CARGO_PKG_LICENSE");

/// The libraries argmap is built from, each with its version and licence, one per line
/// (`assets/licenses.txt`, made by `scripts/licenses.sh` from Cargo.lock and kept true by a
/// test).
pub const LIBRARIES: &str = include_str!("../assets/licenses.txt");

/// The shipped map, `maps/mali-minusma.ron`, embedded so the app opens it from any folder.
pub const MINUSMA_RON: &str = include_str!("../maps/mali-minusma.ron");
