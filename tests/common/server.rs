//! `argmap serve` in its own process, for the tests of live maps.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A sync server on a free port, stopped when dropped.
pub struct Server {
    pub child: Child,
    /// Where it listens (`ws://127.0.0.1:port`).
    pub url: String,
}

impl Server {
    /// Starts one, in memory or keeping its documents in `data`.
    pub fn start(data: Option<&Path>) -> Self {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_argmap"));
        cmd.args(["serve", "--listen", "127.0.0.1:0"]);
        if let Some(d) = data {
            cmd.arg("--data").arg(d);
        }
        let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let url = line.trim().strip_prefix("argmap serve: listening on ").unwrap().to_owned();
        Self { child, url }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
