//! A live session: the app's map kept in step with a sync server, on a thread of its own.
//!
//! The app sends each state of its map after its user's edits ([`Session::edited`]); the worker
//! records them into the shared document and hands them to samod, which sends them to the
//! server (and again after a dropped connection: edits made offline merge when it returns).
//! Others' edits come back as the whole map read from the document ([`Event::Arrived`]), which
//! the app takes in as one edit that is not the user's to undo ([`Session::took`]).
//!
//! The worker knows which state of the document the app's map shows (`shown`): an edit is
//! recorded against that state ([`Shared::record_at`]), so what arrived meanwhile is never
//! taken back by an edit made without it. An arrival the app gets while edits of its own are
//! still on their way is stale, and [`Session::poll`] drops it: the worker sends the map again
//! once it has recorded them.
//!
//! Presence: each person's name and selection go to the others as automerge-repo ephemeral
//! messages (a CBOR text string holding JSON, which the JavaScript server relays too), again
//! every few seconds; someone not heard from for [`GONE`] has left.

use super::Shared;
use super::net::{Client, NetError};
use crate::model::{ArgumentMap, StatementId};
use automerge::ChangeHash;
use futures::StreamExt;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long someone may be silent before they count as gone.
pub const GONE: Duration = Duration::from_secs(10);
/// How often a person's presence is sent again, and the connection looked at.
const TICK: Duration = Duration::from_millis(1000);

/// Someone in a live session: who, and what they have selected.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Person {
    /// A random number for this person's session (two people may share a name).
    pub id: u64,
    /// The name they gave.
    pub name: String,
    /// The statements they have selected.
    pub selected: Vec<StatementId>,
}

/// What a session tells the app.
#[derive(Debug)]
pub enum Event {
    /// The map is on the server under this link (shared, or joined).
    Joined {
        /// The link others join with.
        link: String,
    },
    /// The map as it is now, with others' edits in it.
    Arrived(Box<Arrival>),
    /// The connection to the server went down (samod dials again) or came back.
    Connected(bool),
    /// The others in the session now, with their selections.
    People(Vec<Person>),
    /// The session ended: what went wrong.
    Failed(String),
}

/// The map as the shared document holds it now.
#[derive(Debug)]
pub struct Arrival {
    /// The map.
    pub map: ArgumentMap,
    /// What reading it had to settle, in words.
    pub notes: Vec<String>,
    heads: Vec<ChangeHash>,
    recorded: u64,
}

/// What the app tells the worker.
enum Order {
    Edited(Arc<ArgumentMap>),
    Took(Vec<ChangeHash>),
    Select(Vec<StatementId>),
}

/// How the session starts: with a map to share, or a link to join.
pub enum Start {
    /// Share this map.
    Share(Arc<ArgumentMap>),
    /// Join the map of this link.
    Join(String),
}

/// A live session, seen from the app.
pub struct Session {
    orders: futures::channel::mpsc::UnboundedSender<Order>,
    events: mpsc::Receiver<Event>,
    /// Edits sent to the worker.
    sent: u64,
    /// Who this person is in the session.
    me: Person,
    server: String,
}

impl Session {
    /// Connects to `server` and shares or joins a map on another thread; `wake` is called
    /// whenever an event waits (the app asks for a frame).
    pub fn start(server: &str, start: Start, name: &str, wake: impl Fn() + Send + 'static) -> Self {
        let me = Person { id: random_id(), name: name.to_owned(), selected: Vec::new() };
        let (orders, inbox) = futures::channel::mpsc::unbounded();
        let (out, events) = mpsc::channel();
        let (url, who) = (server.to_owned(), me.clone());
        let tell = Tell { out, wake: Box::new(wake) };
        std::thread::spawn(move || {
            if let Err(e) = run(&url, start, who, inbox, &tell) {
                tell.send(Event::Failed(crate::printable::line(&e.to_string(), 300)));
            }
        });
        Self { orders, events, sent: 0, me, server: server.to_owned() }
    }

    /// The server's address.
    pub fn server(&self) -> &str {
        &self.server
    }

    /// This person, as the others see them.
    pub fn me(&self) -> &Person {
        &self.me
    }

    /// The map after an edit of this person's (sent to the others).
    pub fn edited(&mut self, map: Arc<ArgumentMap>) {
        self.sent += 1;
        let _ = self.orders.unbounded_send(Order::Edited(map));
    }

    /// The statements this person selected (shown to the others).
    pub fn select(&mut self, selected: Vec<StatementId>) {
        if selected != self.me.selected {
            self.me.selected = selected.clone();
            let _ = self.orders.unbounded_send(Order::Select(selected));
        }
    }

    /// The map now shows `arrival`.
    pub fn took(&mut self, arrival: &Arrival) {
        let _ = self.orders.unbounded_send(Order::Took(arrival.heads.clone()));
    }

    /// What happened since the last call; an arrival that misses edits still on their way to
    /// the worker is left out (the worker sends the map again after recording them).
    pub fn poll(&mut self) -> Vec<Event> {
        let sent = self.sent;
        let fresh = |e: &Event| !matches!(e, Event::Arrived(a) if a.recorded != sent);
        let mut events: Vec<Event> = self.events.try_iter().filter(fresh).collect();
        // Only the newest arrival matters.
        if let Some(last) = events.iter().rposition(|e| matches!(e, Event::Arrived(_))) {
            let mut i = 0;
            events.retain(|e| {
                i += 1;
                !matches!(e, Event::Arrived(_)) || i - 1 == last
            });
        }
        events
    }
}

/// The worker's way to the app.
struct Tell {
    out: mpsc::Sender<Event>,
    wake: Box<dyn Fn() + Send>,
}

impl Tell {
    fn send(&self, event: Event) {
        let _ = self.out.send(event);
        (self.wake)();
    }
}

/// What the worker waits for.
enum Input {
    Order(Order),
    /// The app's side has ended.
    Closed,
    /// The document changed (someone's edit arrived, or ours went in).
    Changed,
    /// Someone's presence.
    Heard(Vec<u8>),
    Tick,
}

/// The worker: connects, shares or joins, then serves the app's orders and the server's news
/// until the app drops its [`Session`].
fn run(
    server: &str,
    start: Start,
    me: Person,
    inbox: futures::channel::mpsc::UnboundedReceiver<Order>,
    tell: &Tell,
) -> Result<(), NetError> {
    let client = Client::connect(server)?;
    let (mut shared, handle) = match start {
        Start::Share(map) => {
            let mut shared = Shared::share(&map)?;
            let handle = client.create(&mut shared)?;
            (shared, handle)
        }
        Start::Join(link) => {
            let handle = client.find(&link)?;
            let mut shared = Shared::empty();
            shared.take_in(&handle.with_document(|d| d.save()))?;
            (shared, handle)
        }
    };
    tell.send(Event::Joined { link: handle.url().to_string() });
    let mut worker =
        Worker { shown: shared.heads(), shared, handle, me, recorded: 0, people: BTreeMap::new() };
    worker.arrive(tell)?;
    let _inside = client.runtime().enter();
    client.runtime().block_on(worker.serve(&client, inbox, tell))
}

/// The worker's state.
struct Worker {
    shared: Shared,
    handle: samod::DocHandle,
    /// Which state of the document the app's map shows.
    shown: Vec<ChangeHash>,
    me: Person,
    /// The app's edits recorded.
    recorded: u64,
    /// The others, and when each was last heard.
    people: BTreeMap<u64, (Person, Instant)>,
}

impl Worker {
    /// Serves until the app's side ends. What is ready at once is taken as one batch: of
    /// several states of the map in a row only the last is recorded, the document is taken in
    /// once, and the app gets the map once, at the end.
    async fn serve(
        &mut self,
        client: &Client,
        inbox: futures::channel::mpsc::UnboundedReceiver<Order>,
        tell: &Tell,
    ) -> Result<(), NetError> {
        use futures::FutureExt;
        let orders = inbox.map(Input::Order).chain(futures::stream::once(async { Input::Closed }));
        let changed = self.handle.changes().map(|_| Input::Changed);
        let heard = self.handle.ephemera().map(Input::Heard);
        let ticks = futures::stream::unfold((), |()| async {
            tokio::time::sleep(TICK).await;
            Some((Input::Tick, ()))
        });
        let mut inputs =
            futures::stream::select_all([orders.boxed(), changed.boxed(), heard.boxed(), ticks.boxed()]);
        let mut connected = true;
        self.announce();
        while let Some(first) = inputs.next().await {
            let mut batch = vec![first];
            while let Some(Some(more)) = inputs.next().now_or_never() {
                batch.push(more);
            }
            if self.batch(batch, tell)? {
                return Ok(());
            }
            if client.connected() != connected {
                connected = !connected;
                tell.send(Event::Connected(connected));
            }
        }
        Ok(())
    }

    /// Handles inputs that were ready together; true when the app's side has ended.
    fn batch(&mut self, batch: Vec<Input>, tell: &Tell) -> Result<bool, NetError> {
        let (mut owed, mut changed, mut skipped) = (false, false, 0);
        let mut batch = batch.into_iter().peekable();
        while let Some(input) = batch.next() {
            match input {
                // A later state of the map follows: this one is in it.
                Input::Order(Order::Edited(_))
                    if matches!(batch.peek(), Some(Input::Order(Order::Edited(_)))) =>
                {
                    skipped += 1;
                }
                Input::Order(order) => {
                    self.recorded += std::mem::take(&mut skipped);
                    owed |= self.obey(order)?;
                }
                Input::Closed => return Ok(true),
                Input::Changed => changed = true,
                Input::Heard(bytes) => self.hear(&bytes, tell),
                Input::Tick => {
                    self.announce();
                    self.forget(tell);
                }
            }
        }
        if changed {
            owed |= self.take_in()?;
        }
        if owed {
            self.arrive(tell)?;
        }
        Ok(false)
    }

    /// Carries out one of the app's orders; true when the app's map lacks what the document
    /// holds (an edit was made on a map without what came in meanwhile).
    fn obey(&mut self, order: Order) -> Result<bool, NetError> {
        match order {
            Order::Edited(map) => {
                let before = self.shared.heads();
                let recorded = self.shared.record_at(&self.shown, &map)?;
                self.recorded += 1;
                let ours = self.shared.changes_since(&before);
                self.handle.with_document(|d| d.load_incremental(&ours)).map_err(super::LiveError::from)?;
                return Ok(match recorded {
                    super::Recorded::Here(heads) => {
                        self.shown = heads;
                        false
                    }
                    super::Recorded::Merged(heads) => {
                        self.shown = heads;
                        true
                    }
                });
            }
            Order::Took(heads) => self.shown = heads,
            Order::Select(selected) => {
                self.me.selected = selected;
                self.announce();
            }
        }
        Ok(false)
    }

    /// Takes in what others changed; true when something came in.
    fn take_in(&mut self) -> Result<bool, NetError> {
        let ours = self.shared.heads();
        let (theirs, bytes) = self.handle.with_document(|d| (d.get_heads(), d.save_after(&ours)));
        if theirs == ours {
            return Ok(false);
        }
        self.shared.take_in(&bytes)?;
        Ok(true)
    }

    /// Sends the app the map the document holds now.
    fn arrive(&mut self, tell: &Tell) -> Result<(), NetError> {
        let read = self.shared.map()?;
        let heads = self.shared.heads();
        tell.send(Event::Arrived(Box::new(Arrival {
            map: read.map,
            notes: read.notes,
            heads,
            recorded: self.recorded,
        })));
        Ok(())
    }

    /// Tells the others who this person is and what they have selected.
    fn announce(&self) {
        if let Ok(json) = serde_json::to_string(&self.me) {
            self.handle.broadcast(cbor_text(&json));
        }
    }

    /// Someone's presence arrived.
    fn hear(&mut self, bytes: &[u8], tell: &Tell) {
        let Some(person) = from_cbor_text(bytes).and_then(|j| serde_json::from_str::<Person>(&j).ok()) else {
            return;
        };
        if person.id == self.me.id {
            return;
        }
        let changed = self.people.get(&person.id).is_none_or(|(p, _)| *p != person);
        self.people.insert(person.id, (person, Instant::now()));
        if changed {
            self.tell_people(tell);
        }
    }

    /// Forgets those not heard from for [`GONE`].
    fn forget(&mut self, tell: &Tell) {
        let before = self.people.len();
        self.people.retain(|_, (_, heard)| heard.elapsed() < GONE);
        if self.people.len() != before {
            self.tell_people(tell);
        }
    }

    fn tell_people(&self, tell: &Tell) {
        tell.send(Event::People(self.people.values().map(|(p, _)| p.clone()).collect()));
    }
}

/// A random number (Automerge's random actor id, as a number).
fn random_id() -> u64 {
    let actor = automerge::ActorId::random();
    actor.to_bytes().iter().take(8).fold(0, |n, &b| n << 8 | u64::from(b))
}

/// `text` as a CBOR text string (what automerge-repo's JavaScript peers expect of an
/// ephemeral message: any CBOR value).
fn cbor_text(text: &str) -> Vec<u8> {
    let len = text.len();
    let mut out = Vec::with_capacity(len + 9);
    match len {
        0..=23 => out.push(0x60 | len as u8),
        24..=0xff => out.extend([0x78, len as u8]),
        0x100..=0xffff => {
            out.push(0x79);
            out.extend((len as u16).to_be_bytes());
        }
        _ => {
            out.push(0x7a);
            out.extend((len as u32).to_be_bytes());
        }
    }
    out.extend(text.as_bytes());
    out
}

/// The text of a CBOR text string (none for anything else, or more than 64 KiB).
fn from_cbor_text(bytes: &[u8]) -> Option<String> {
    let (&first, rest) = bytes.split_first()?;
    if first >> 5 != 3 {
        return None;
    }
    let (len, rest) = match first & 0x1f {
        n @ 0..=23 => (usize::from(n), rest),
        24 => (usize::from(*rest.first()?), rest.get(1..)?),
        25 => (usize::from(u16::from_be_bytes(rest.get(..2)?.try_into().ok()?)), rest.get(2..)?),
        26 => (u32::from_be_bytes(rest.get(..4)?.try_into().ok()?) as usize, rest.get(4..)?),
        _ => return None,
    };
    if len > 1 << 16 || rest.len() != len {
        return None;
    }
    String::from_utf8(rest.to_vec()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presence_is_a_cbor_text_string_read_back_whole() {
        for n in [0, 5, 23, 24, 255, 256, 70_000] {
            let text = "é".repeat(n / 2) + &"x".repeat(n % 2);
            let bytes = cbor_text(&text);
            let back = from_cbor_text(&bytes);
            assert_eq!(back.as_deref(), (text.len() <= 1 << 16).then_some(text.as_str()), "{n}");
        }
        assert_eq!(cbor_text("abc"), [0x63, b'a', b'b', b'c']);
        assert_eq!(from_cbor_text(&[0xa1, 0x61, b'a', 0x01]), None, "a CBOR map is not presence");
        assert_eq!(from_cbor_text(&[0x78]), None, "cut short");
    }
}
