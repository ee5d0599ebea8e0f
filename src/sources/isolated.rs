//! Reading a document in a child process, bounded in time and memory: a document is someone
//! else's file, and its parser someone else's code. A PDF whose page tree is its own parent
//! makes pdf-extract loop for ever, a Flate bomb asks for gigabytes, an HTML table with a
//! billion columns panics html2text, ten thousand nested elements take minutes: in a child
//! (`argmap read-document`, [`serve`]) with a memory limit set on itself, watched by a deadline
//! and killed when it passes (or when the user cancels), each of these is one clear error
//! naming the file, and argmap goes on.

use super::{SourceError, Text, formats};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The first line the child writes: argmap's document reader, protocol 1. A program that does
/// not answer with it is not argmap's reader.
const HEADER: &str = "argmap-document 1\n";

/// The most text a document may have, in bytes (the bound of every file argmap reads).
const MAX_TEXT: u64 = crate::io::MAX_FILE_BYTES;

/// How much a document may take to read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// Wall-clock seconds before the reader is stopped.
    pub seconds: f64,
    /// Megabytes of memory (address space) the reader may use.
    pub megabytes: u64,
}

impl Default for Limits {
    /// 20 seconds and 1 GB: a 300-page book reads in a few seconds and a few hundred megabytes.
    fn default() -> Self {
        Self { seconds: 20.0, megabytes: 1024 }
    }
}

impl Limits {
    /// The default limits, or those the environment sets (`ARGMAP_DOCUMENT_SECONDS`,
    /// `ARGMAP_DOCUMENT_MB`: for tests, and for a machine that must read very large documents).
    pub fn from_env() -> Self {
        let var = |name: &str| std::env::var(name).ok().and_then(|v| v.trim().parse::<f64>().ok());
        let d = Self::default();
        Self {
            seconds: var("ARGMAP_DOCUMENT_SECONDS").filter(|s| *s > 0.0).unwrap_or(d.seconds),
            megabytes: var("ARGMAP_DOCUMENT_MB").filter(|m| *m >= 16.0).map_or(d.megabytes, |m| m as u64),
        }
    }
}

/// How HTML and PDF documents are read.
#[derive(Clone, Debug, PartialEq)]
pub enum Reader {
    /// In a child process running `program` (argmap itself), within `limits`.
    Isolated {
        /// The argmap binary.
        program: PathBuf,
        /// Time and memory.
        limits: Limits,
    },
    /// In this process, unbounded: for documents one trusts (a test's own files).
    InProcess,
}

impl Reader {
    /// A child process of this program, when this program is argmap (the app and the CLI);
    /// in this process otherwise (a test harness that links the library).
    pub fn this_program() -> Self {
        match std::env::current_exe() {
            Ok(program) if program.file_stem().is_some_and(|s| s == "argmap") => {
                Reader::Isolated { program, limits: Limits::from_env() }
            }
            _ => Reader::InProcess,
        }
    }

    /// Reads the document at `path`.
    pub fn read(&self, path: &Path) -> Result<Text, SourceError> {
        self.read_cancellable(path, &AtomicBool::new(false))
    }

    /// Reads the document at `path`, stopping (an error) as soon as `cancel` is set.
    pub fn read_cancellable(&self, path: &Path, cancel: &AtomicBool) -> Result<Text, SourceError> {
        match self {
            Reader::InProcess => formats::parse(path),
            Reader::Isolated { program, limits } => in_child(program, path, *limits, cancel),
        }
    }
}

/// How a child run ended.
enum End {
    Exited(ExitStatus),
    TimedOut,
    Cancelled,
}

/// Reads `path` in a child running `program`, watched for `limits.seconds` and `cancel`.
fn in_child(program: &Path, path: &Path, limits: Limits, cancel: &AtomicBool) -> Result<Text, SourceError> {
    let fail = |why: String| SourceError::Read(format!("{}: {why}", path.display()));
    let mut child = Command::new(program)
        .args(["read-document", "--megabytes", &limits.megabytes.to_string()])
        .args(["--seconds", &limits.seconds.ceil().to_string(), "--"])
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_remove("RUST_BACKTRACE")
        .spawn()
        .map_err(|e| fail(format!("argmap's document reader could not start ({e})")))?;
    // Both pipes drained as the child writes (a full pipe would stall it), each bounded.
    let (out, err) = (child.stdout.take(), child.stderr.take());
    let out = std::thread::spawn(move || drain(out, MAX_TEXT + HEADER.len() as u64 + 1));
    let err = std::thread::spawn(move || drain(err, 64 * 1024));
    let deadline = Instant::now() + Duration::from_secs_f64(limits.seconds);
    let end = loop {
        match child.try_wait() {
            Ok(Some(status)) => break End::Exited(status),
            Ok(None) if cancel.load(Ordering::Relaxed) => break End::Cancelled,
            Ok(None) if Instant::now() >= deadline => break End::TimedOut,
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(fail(format!("argmap's document reader failed ({e})"))),
        }
    };
    if !matches!(end, End::Exited(_)) {
        let _ = child.kill();
        let _ = child.wait();
    }
    let (out, err) = (out.join().unwrap_or_default(), err.join().unwrap_or_default());
    match end {
        End::Cancelled => Err(fail("reading it was cancelled".into())),
        End::TimedOut => Err(fail(format!(
            "reading it took longer than {} s, the most argmap gives a document (a damaged or hostile file?)",
            limits.seconds
        ))),
        End::Exited(status) => answer(status, &out, &err, limits).map_err(fail),
    }
}

/// What the child's exit, output and error say: the text, or why not.
fn answer(status: ExitStatus, out: &[u8], err: &[u8], limits: Limits) -> Result<Text, String> {
    let said = String::from_utf8_lossy(err);
    let too_big = || {
        format!(
            "reading it needs more than {} MB of memory, the most argmap gives a document (a damaged or hostile file?)",
            limits.megabytes
        )
    };
    if said.contains("memory allocation") || said.contains("capacity overflow") {
        return Err(too_big());
    }
    if said.contains("overflowed its stack") {
        return Err("reading it nests deeper than argmap follows (a damaged or hostile file?)".into());
    }
    if !status.success() {
        let last = said.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or_default();
        let why = last.trim().trim_start_matches("error: ").to_owned();
        return Err(match (killed_by(status), why.is_empty()) {
            (Some(_), _) | (None, true) => too_big(),
            (None, false) => why,
        });
    }
    let text = out.strip_prefix(HEADER.as_bytes()).ok_or("argmap's document reader did not answer")?;
    if text.len() as u64 > MAX_TEXT {
        return Err(format!("its text is larger than the {} MB argmap reads", MAX_TEXT >> 20));
    }
    let text = std::str::from_utf8(text).map_err(|_| "argmap's document reader answered garbled text")?;
    Ok(Text::new(text))
}

/// The signal that ended the child, if one did (its memory limit makes an allocation fail,
/// which aborts; its CPU limit sends SIGXCPU).
#[cfg(unix)]
fn killed_by(status: ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(&status)
}

#[cfg(not(unix))]
fn killed_by(_: ExitStatus) -> Option<i32> {
    None
}

/// Everything a pipe gives, up to `limit` bytes (the rest read and dropped, so the writer is
/// never stalled).
fn drain(pipe: Option<impl Read>, limit: u64) -> Vec<u8> {
    let Some(mut pipe) = pipe else { return Vec::new() };
    let mut kept = Vec::new();
    let _ = (&mut pipe).take(limit).read_to_end(&mut kept);
    let _ = std::io::copy(&mut pipe, &mut std::io::sink());
    kept
}

/// The child's side (`argmap read-document`): limits its own memory to `megabytes` and its CPU
/// time to `seconds`, reads and parses `path`, and writes [`HEADER`] and the text to `out`.
pub fn serve(path: &Path, megabytes: u64, seconds: u64, out: &mut dyn std::io::Write) -> Result<(), String> {
    limit_self(megabytes, seconds);
    let text = formats::parse(path).map_err(|e| e.to_string())?;
    out.write_all(HEADER.as_bytes())
        .and_then(|()| out.write_all(text.text.as_bytes()))
        .map_err(|e| e.to_string())
}

/// Sets this process's address-space and CPU-time limits (Unix).
#[cfg(unix)]
fn limit_self(megabytes: u64, seconds: u64) {
    use rustix::process::{Resource, Rlimit, setrlimit};
    let bytes = megabytes.saturating_mul(1 << 20);
    let _ = setrlimit(Resource::As, Rlimit { current: Some(bytes), maximum: Some(bytes) });
    let cpu = seconds.saturating_add(1);
    let _ = setrlimit(Resource::Cpu, Rlimit { current: Some(cpu), maximum: Some(cpu + 1) });
}

#[cfg(not(unix))]
fn limit_self(_: u64, _: u64) {}
