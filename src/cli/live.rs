//! `argmap serve`, `share`, `join` and `sync`: live maps from the command line, on the same code
//! as the app's (`crate::live`). A copy of a live map is a map file and, beside it, its live
//! document (`map.ron.automerge`): `sync` records the file's edits since the last sync into the
//! document, exchanges changes with the server, and writes the merged map back to the file.

use super::CliError;
use crate::io;
use crate::live::Shared;
use crate::live::net::{Client, serve as run_server};
use crate::printable;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The live document kept beside a map file.
pub fn sidecar(map: &Path) -> PathBuf {
    let mut name = map.as_os_str().to_owned();
    name.push(".automerge");
    PathBuf::from(name)
}

/// `argmap serve`: a sync server until SIGTERM, SIGINT or SIGHUP (then every map it took is
/// written to `--data` before it exits); says where it listens first.
pub fn serve(listen: &str, data: Option<&Path>, out: &mut dyn Write) -> Result<(), CliError> {
    let (tx, stop) = futures::channel::oneshot::channel::<()>();
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]);
        let mut signals = signals.map_err(crate::live::net::NetError::from)?;
        std::thread::spawn(move || {
            if signals.forever().next().is_some() {
                let _ = tx.send(());
            }
        });
    }
    #[cfg(not(unix))]
    std::mem::forget(tx); // stops with the process
    let stopped = async {
        let _ = stop.await;
    };
    let ready = |addr| {
        let _ = writeln!(out, "argmap serve: listening on ws://{addr}");
        let _ = out.flush();
    };
    Ok(run_server(listen, data, ready, stopped)?)
}

/// `argmap share`: puts the map on the server, prints its link, keeps the live document beside.
pub fn share(map: &Path, server: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let loaded = io::load_path(map)?;
    let mut shared = Shared::share(&loaded).map_err(crate::live::net::NetError::from)?;
    let link = Client::connect(server)?.share(&mut shared)?;
    keep(map, &mut shared)?;
    let _ = writeln!(out, "{link}");
    Ok(())
}

/// `argmap join`: the live map of `link` written to `target`, its live document beside.
pub fn join(link: &str, server: &str, target: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    crate::live::net::parse_link(link)?;
    let mut shared = Shared::empty();
    Client::connect(server)?.sync(link, &mut shared)?;
    write_back(target, &mut shared, out)
}

/// `argmap sync`: the map file's edits sent, everyone else's taken in, the file written again.
pub fn sync(map: &Path, link: &str, server: &str, out: &mut dyn Write) -> Result<(), CliError> {
    crate::live::net::parse_link(link)?;
    let bytes = io::read_bytes(&sidecar(map))?;
    let mut shared = Shared::load(&bytes).map_err(crate::live::net::NetError::from)?;
    let edited = io::load_path(map)?;
    shared.map().map_err(crate::live::net::NetError::from)?;
    shared.record(&edited).map_err(crate::live::net::NetError::from)?;
    Client::connect(server)?.sync(link, &mut shared)?;
    write_back(map, &mut shared, out)
}

/// Writes the live document's map to `target` and the document beside it; prints what reading
/// it had to settle.
fn write_back(target: &Path, shared: &mut Shared, out: &mut dyn Write) -> Result<(), CliError> {
    let read = shared.map().map_err(crate::live::net::NetError::from)?;
    io::save(&read.map, target)
        .map_err(|e| CliError::Write { path: target.display().to_string(), message: io::io_message(&e) })?;
    keep(target, shared)?;
    for note in &read.notes {
        let _ = writeln!(
            out,
            "{}: {}",
            printable::escaped(&target.display().to_string()),
            printable::escaped(note)
        );
    }
    Ok(())
}

/// Saves the live document beside the map file.
fn keep(map: &Path, shared: &mut Shared) -> Result<(), CliError> {
    let path = sidecar(map);
    io::write_atomic(&path, &shared.save())
        .map_err(|e| CliError::Write { path: path.display().to_string(), message: io::io_message(&e) })
}
