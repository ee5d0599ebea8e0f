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
        Self::at("127.0.0.1:0", data)
    }

    /// Starts one listening on `listen` (again after a restart: the same address).
    pub fn at(listen: &str, data: Option<&Path>) -> Self {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_argmap"));
        cmd.args(["serve", "--listen", listen]);
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

/// Where `.ci/run` installs automerge-repo's own sync server (`scripts/sync-server`'s lock file).
const STOCK: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/scripts/sync-server/node_modules/@automerge/automerge-repo-sync-server/src/index.js"
);

impl Server {
    /// automerge-repo's own sync server (JavaScript, on node), keeping its documents in `data`;
    /// none when node or the server is not installed (see [`super::lacks`]).
    pub fn stock(data: &Path) -> Result<Self, String> {
        if !Path::new(STOCK).exists() {
            return Err(format!("{STOCK} is not installed (npm ci --prefix scripts/sync-server)"));
        }
        // A free port: taken, noted, let go (the server binds it by number).
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| e.to_string())?
            .port();
        let mut child = Command::new("node")
            .arg(STOCK)
            .env("PORT", port.to_string())
            .env("DATA_DIR", data)
            .current_dir(data)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("`node` cannot be run: {e}"))?;
        let mut line = String::new();
        BufReader::new(child.stdout.take().ok_or("no output")?)
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        if !line.contains("Listening") {
            let _ = child.kill();
            return Err(format!("the stock server did not start: {line}"));
        }
        Ok(Self { child, url: format!("ws://127.0.0.1:{port}") })
    }
}

impl Drop for Server {
    /// Stops it as a user stops a server (SIGTERM: what it took is written first), killed if it
    /// has not stopped within ten seconds.
    fn drop(&mut self) {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while std::time::Instant::now() < until {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
