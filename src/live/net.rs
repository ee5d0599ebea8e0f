//! Live maps over the network: automerge-repo's sync protocol (the `samod` crate, wire
//! compatible with the JavaScript automerge-repo sync server) over WebSockets. [`serve`] is
//! `argmap serve`; [`Client`] shares a map, and brings a copy up to date with the server in both
//! directions (what `argmap live` does, and the app will do on every edit).

use super::{LiveError, Shared};
use futures::{SinkExt, StreamExt, TryStreamExt};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};

/// How long a client waits for the server before it says it could not reach it.
pub const WAIT: Duration = Duration::from_secs(10);

/// What went wrong on the network side.
#[derive(Debug, thiserror::Error)]
pub enum NetError {
    /// The live document itself.
    #[error(transparent)]
    Live(#[from] LiveError),
    /// The server could not be reached, or the connection broke.
    #[error("the sync server at {0}: {1}")]
    Server(String, String),
    /// A link that is not one of a live map.
    #[error("\"{0}\" is not a link to a live map (they look like automerge:4Nx…)")]
    BadLink(String),
    /// No copy of the map on the server (a mistyped link, or a server that lost it).
    #[error("the server at {0} has no live map with this link")]
    NotFound(String),
    /// Starting the runtime, binding the address.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// A WebSocket as the byte messages samod exchanges: binary messages both ways; pings, pongs and
/// the closing handshake are the socket's own business.
fn transport<S>(ws: S) -> samod::Transport
where
    S: futures::Stream<Item = Result<Message, WsError>>
        + futures::Sink<Message, Error = WsError>
        + Send
        + 'static,
{
    let (sink, stream) = ws.split();
    let stream = stream.try_filter_map(|m| async move {
        Ok(match m {
            Message::Binary(bytes) => Some(bytes.to_vec()),
            _ => None,
        })
    });
    let sink = sink.with(|bytes: Vec<u8>| async move { Ok::<_, WsError>(Message::Binary(bytes.into())) });
    samod::Transport::new(Box::pin(stream), Box::pin(sink))
}

/// Dials a sync server's WebSocket (again after a drop, as samod's backoff says).
struct Dialer {
    url: url::Url,
}

impl samod::Dialer for Dialer {
    type Error = Infallible;

    fn url(&self) -> url::Url {
        self.url.clone()
    }

    fn connect(
        &self,
    ) -> futures::future::BoxFuture<'static, Result<samod::Transport, samod::DialError<Infallible>>> {
        let url = self.url.clone();
        Box::pin(async move {
            let (ws, _) =
                tokio_tungstenite::connect_async(url.as_str()).await.map_err(samod::DialError::transient)?;
            Ok(transport(ws))
        })
    }
}

/// Runs a sync server on `listen` until `stop` is ready, keeping documents in `data` (in memory
/// without it); `ready` is told the address it listens on (port 0 picks a free one). Stopping
/// waits until every document the server took is written to `data`.
pub fn serve(
    listen: &str,
    data: Option<&Path>,
    ready: impl FnOnce(SocketAddr),
    stop: impl std::future::Future<Output = ()>,
) -> Result<(), NetError> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let repo = match data {
            Some(dir) => {
                let storage = samod::storage::TokioFilesystemStorage::new(dir);
                samod::Repo::build_tokio().with_storage(storage).load().await
            }
            None => samod::Repo::build_tokio().load().await,
        };
        let server = |e: &dyn std::fmt::Display| NetError::Server(listen.to_owned(), e.to_string());
        let url = url::Url::parse(&format!("ws://{listen}")).map_err(|e| server(&e))?;
        let acceptor = repo.make_acceptor(url).map_err(|e| server(&e))?;
        let listener = tokio::net::TcpListener::bind(listen).await?;
        ready(listener.local_addr()?);
        let mut stop = std::pin::pin!(stop);
        loop {
            let accepted =
                match futures::future::select(std::pin::pin!(listener.accept()), stop.as_mut()).await {
                    futures::future::Either::Left((accepted, _)) => accepted?,
                    futures::future::Either::Right(_) => {
                        repo.stop().await;
                        return Ok(());
                    }
                };
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                // A client that does not speak WebSocket is dropped.
                if let Ok(ws) = tokio_tungstenite::accept_async(accepted.0).await {
                    let _ = acceptor.accept(transport(ws));
                }
            });
        }
    })
}

/// A live map's link (`automerge:` and its document's id), read.
pub fn parse_link(link: &str) -> Result<samod::AutomergeUrl, NetError> {
    link.trim().parse().map_err(|_| NetError::BadLink(crate::printable::escaped(link).into_owned()))
}

/// A connection to a sync server.
pub struct Client {
    runtime: tokio::runtime::Runtime,
    repo: samod::Repo,
    dialer: samod::DialerHandle,
    server: String,
}

impl Client {
    /// Connects to the server at `server` (`ws://host:port`), waiting at most [`WAIT`].
    pub fn connect(server: &str) -> Result<Self, NetError> {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build()?;
        let fail = |e: &dyn std::fmt::Display| NetError::Server(server.to_owned(), e.to_string());
        let url = url::Url::parse(server).map_err(|e| fail(&e))?;
        // samod spawns its tasks on the runtime it is built in.
        let _inside = runtime.enter();
        let repo = runtime.block_on(async { samod::Repo::build_tokio().load().await });
        let dialer =
            repo.dial(samod::BackoffConfig::default(), Arc::new(Dialer { url })).map_err(|e| fail(&e))?;
        runtime
            .block_on(async { tokio::time::timeout(WAIT, dialer.established()).await })
            .map_err(|_| fail(&"no answer in 10 seconds (is a sync server running there?)"))?
            .map_err(|e| fail(&e))?;
        Ok(Self { runtime, repo, dialer, server: server.to_owned() })
    }

    /// Puts `shared` on the server; returns its link.
    pub fn share(&self, shared: &mut Shared) -> Result<String, NetError> {
        Ok(self.create(shared)?.url().to_string())
    }

    /// Puts `shared` on the server (waiting until the server has it); returns its handle.
    pub fn create(&self, shared: &mut Shared) -> Result<samod::DocHandle, NetError> {
        let _inside = self.runtime.enter();
        let doc = automerge::Automerge::load(&shared.save()).map_err(LiveError::from)?;
        let handle = self.runtime.block_on(self.repo.create(doc)).map_err(|e| self.fail(&e))?;
        self.wait_sent(&handle)?;
        Ok(handle)
    }

    /// The server's copy of the live map `link`, waiting at most [`WAIT`].
    pub fn find(&self, link: &str) -> Result<samod::DocHandle, NetError> {
        let _inside = self.runtime.enter();
        let url = parse_link(link)?;
        let find = self.repo.find(url.document_id().clone());
        let found = self.runtime.block_on(async { tokio::time::timeout(WAIT, find).await });
        let handle = found.map_err(|_| self.fail(&"no answer"))?.map_err(|e| self.fail(&e))?;
        handle.ok_or_else(|| NetError::NotFound(self.server.clone()))
    }

    /// Whether the connection to the server is up now (samod dials again after a drop).
    pub fn connected(&self) -> bool {
        self.dialer.is_connected()
    }

    /// The runtime the connection runs on (a live session's loop runs on it too).
    pub fn runtime(&self) -> &tokio::runtime::Runtime {
        &self.runtime
    }

    /// Brings `shared` and the server's copy of `link` up to date with each other: sends what
    /// this copy has that the server lacks, takes in what the server has.
    pub fn sync(&self, link: &str, shared: &mut Shared) -> Result<(), NetError> {
        let handle = self.find(link)?;
        let _inside = self.runtime.enter();
        let ours = shared.save();
        handle.with_document(|doc| doc.load_incremental(&ours)).map_err(LiveError::from)?;
        self.wait_sent(&handle)?;
        let theirs = handle.with_document(|doc| doc.save());
        shared.take_in(&theirs)?;
        Ok(())
    }

    /// Waits until every peer of `handle` (the server) has its changes, at most [`WAIT`].
    fn wait_sent(&self, handle: &samod::DocHandle) -> Result<(), NetError> {
        let peers: Vec<samod::ConnectionId> = handle.peers().0.into_keys().collect();
        let all = futures::future::join_all(peers.into_iter().map(|c| handle.they_have_our_changes(c)));
        self.runtime
            .block_on(async { tokio::time::timeout(WAIT, all).await })
            .map(|_| ())
            .map_err(|_| self.fail(&"it did not take the map's changes in time"))
    }

    fn fail(&self, e: &dyn std::fmt::Display) -> NetError {
        NetError::Server(self.server.clone(), e.to_string())
    }
}
