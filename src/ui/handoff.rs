//! Maps opened from the desktop while argmap runs: by default each opens in a new window (a
//! process of its own); with File ▸ "Open maps from the desktop in this window" on, the running
//! window listens on a socket in the user's runtime folder, and a new `argmap FILE` hands the
//! file to it (one line, the file's absolute path) and exits once the window says it took it.
//!
//! Hostile input is normal input: a line is at most [`MAX_LINE`] bytes, read with a timeout; only
//! an absolute path is taken; a stale socket is replaced only if it is a socket nobody answers.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::FileTypeExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

/// The longest line a window reads: a path, with room to spare.
pub const MAX_LINE: u64 = 8192;
/// How long either side waits for the other.
const WAIT: Duration = Duration::from_secs(2);

/// The socket in the user's runtime folder (`$XDG_RUNTIME_DIR/argmap.sock`, private to the
/// user), if the desktop gives one.
pub fn socket_path() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("XDG_RUNTIME_DIR")?);
    dir.is_absolute().then(|| dir.join("argmap.sock"))
}

/// A window listening for files handed to it.
#[derive(Debug)]
pub struct Listener {
    path: PathBuf,
    files: Receiver<PathBuf>,
}

impl Listener {
    /// Starts listening at `path`; `wake` is called when a file arrives (the window repaints).
    /// Fails if another window already listens there, or `path` is something other than a
    /// socket.
    pub fn start(path: &Path, wake: impl Fn() + Send + 'static) -> std::io::Result<Self> {
        if let Ok(meta) = std::fs::symlink_metadata(path) {
            if !meta.file_type().is_socket() {
                return Err(std::io::Error::other(format!("{} is not a socket", path.display())));
            }
            if UnixStream::connect(path).is_ok() {
                return Err(std::io::Error::new(std::io::ErrorKind::AddrInUse, "another window listens"));
            }
            std::fs::remove_file(path)?; // left by a window that is gone
        }
        let listener = UnixListener::bind(path)?;
        let (send, files) = channel();
        std::thread::Builder::new().name("argmap handoff".into()).spawn(move || {
            for stream in listener.incoming().flatten() {
                take(stream, &send, &wake);
            }
        })?;
        Ok(Self { path: path.to_path_buf(), files })
    }

    /// The files handed over since last asked, in order.
    pub fn received(&self) -> Vec<PathBuf> {
        self.files.try_iter().collect()
    }
}

impl Drop for Listener {
    /// Stops taking files: the socket goes (the thread keeps waiting on a name nobody can reach).
    fn drop(&mut self) {
        if std::fs::symlink_metadata(&self.path).is_ok_and(|m| m.file_type().is_socket()) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Reads one handed-over path and says "ok" once it is passed on.
fn take(stream: UnixStream, send: &Sender<PathBuf>, wake: &impl Fn()) {
    let _ = stream.set_read_timeout(Some(WAIT));
    let _ = stream.set_write_timeout(Some(WAIT));
    let Ok(reader) = stream.try_clone() else { return };
    let mut line = String::new();
    if BufReader::new(reader.take(MAX_LINE)).read_line(&mut line).is_err() || !line.ends_with('\n') {
        return;
    }
    let path = PathBuf::from(line.trim_end_matches('\n'));
    if !path.is_absolute() || send.send(path).is_err() {
        return;
    }
    wake();
    let mut stream = stream;
    let _ = stream.write_all(b"ok\n");
}

/// Hands `file` to a window listening at `socket`; true once that window took it (then this
/// process has nothing more to do), false if none listens or it did not answer in time.
pub fn hand_over(socket: &Path, file: &Path) -> bool {
    let Ok(file) = std::path::absolute(file) else { return false };
    let Some(text) = file.to_str().filter(|t| !t.contains('\n') && (t.len() as u64) < MAX_LINE) else {
        return false;
    };
    let Ok(mut stream) = UnixStream::connect(socket) else { return false };
    let _ = stream.set_read_timeout(Some(WAIT));
    let _ = stream.set_write_timeout(Some(WAIT));
    if stream.write_all(format!("{text}\n").as_bytes()).is_err() {
        return false;
    }
    let mut answer = [0u8; 3];
    stream.read_exact(&mut answer).is_ok() && &answer == b"ok\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_handed_to_the_listening_window_and_only_to_one() {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("argmap.sock");
        let file = dir.path().join("map.ron");
        assert!(!hand_over(&socket, &file), "nobody listens: open a window of its own");
        let woken = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let w = woken.clone();
        let listener = Listener::start(&socket, move || {
            w.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        })
        .unwrap();
        assert!(Listener::start(&socket, || {}).is_err(), "a second window does not take over");
        assert!(hand_over(&socket, &file));
        assert_eq!(listener.received(), std::slice::from_ref(&file));
        assert_eq!(woken.load(std::sync::atomic::Ordering::SeqCst), 1);
        // A relative name is made absolute by the sender.
        assert!(hand_over(&socket, Path::new("relative.ron")));
        assert!(listener.received()[0].is_absolute());
        drop(listener);
        assert!(!socket.exists(), "a window that stops listening takes its socket away");
        assert!(!hand_over(&socket, &file));
    }

    #[test]
    fn a_stale_socket_is_replaced_and_anything_else_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("argmap.sock");
        // A window that crashed left its socket: nobody answers, so the next one replaces it.
        drop(UnixListener::bind(&socket).unwrap());
        assert!(socket.exists());
        let listener = Listener::start(&socket, || {}).unwrap();
        assert!(hand_over(&socket, Path::new("/m.ron")));
        drop(listener);
        // A regular file of that name is not the window's to remove.
        std::fs::write(&socket, "mine").unwrap();
        assert!(Listener::start(&socket, || {}).is_err());
        assert_eq!(std::fs::read_to_string(&socket).unwrap(), "mine");
        // Garbage on the socket: no file, no answer, the window goes on listening.
        let listener = Listener::start(&dir.path().join("b.sock"), || {}).unwrap();
        let mut s = UnixStream::connect(dir.path().join("b.sock")).unwrap();
        s.write_all(&[b'x'; 10_000]).unwrap_or(());
        drop(s);
        assert!(hand_over(&dir.path().join("b.sock"), Path::new("/after.ron")));
        assert_eq!(listener.received(), [PathBuf::from("/after.ron")]);
    }
}
