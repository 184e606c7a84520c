//! L2: the compile server, possibly on another machine, for many L1s over
//! TCP. Every session is authenticated both ways with a shared key (see
//! `proto`), and L2 never trusts a client's claim of what a hash means:
//! clients send the serialized subtree, and L2 decodes it, derives the
//! symbol and generates the C itself, so the objects it stores and hands
//! out are always the code their hash names. It compiles through a
//! configurable command (`distcc cc` spreads the work over a farm) into an
//! object store of its own (a code store).

use super::proto::{self, Channel, Msg, ProtoError, SharedKey};
use super::wire;
use crate::modes::open_store_at;
use crate::store::{is_symbol, CodeStore, Entry};
use std::cell::Cell;
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Stack of the threads that decode and specialize client subtrees.
const WORKER_STACK: usize = 256 << 20;
/// How long a new peer may take to finish the whole handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a session may stay silent, and an L1 may wait for a compile.
const SESSION_TIMEOUT: Duration = Duration::from_secs(600);
/// Sessions served at once unless `--max-sessions` says otherwise: each
/// has a thread, and peers that never finish a handshake must not make
/// L2 start threads without end.
pub const DEFAULT_MAX_SESSIONS: u32 = 64;

/// How the compile server runs.
#[derive(Debug, Clone)]
pub struct L2Options {
    /// Address to listen on (`HOST:PORT`; port 0 picks one, printed).
    pub listen: String,
    pub store_root: PathBuf,
    pub key: SharedKey,
    /// Runs the compiles instead of `$CC` (e.g. `distcc cc`).
    pub compile_command: Option<String>,
    /// Sessions served at once (handshakes included); a peer over the
    /// limit is refused at once, and its L1 compiles locally.
    pub max_sessions: usize,
}

struct Shared {
    root: PathBuf,
    abi: String,
    key: SharedKey,
    compile_command: Option<String>,
    max_sessions: usize,
    /// Sessions open now.
    sessions: AtomicUsize,
}

/// One open session in `Shared::sessions`, given back when dropped.
struct SessionSlot(Arc<Shared>);

impl SessionSlot {
    fn take(shared: &Arc<Shared>) -> Option<SessionSlot> {
        let taken = shared
            .sessions
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < shared.max_sessions).then_some(n + 1)
            });
        taken.ok().map(|_| SessionSlot(shared.clone()))
    }
}

impl Drop for SessionSlot {
    fn drop(&mut self) {
        self.0.sessions.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Serves until killed. Prints `listening on ADDR` (the bound address) on
/// stdout first.
pub fn serve(opts: L2Options) -> Result<(), String> {
    let store = open_store_at(opts.store_root.clone()).map_err(|e| e.to_string())?;
    let listener = TcpListener::bind(&opts.listen)
        .map_err(|e| format!("cannot listen on {}: {e}", opts.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "listening on {addr}");
    let _ = out.flush();
    drop(out);
    let abi = store.abi().to_string();
    let shared = Arc::new(Shared {
        root: opts.store_root,
        abi,
        key: opts.key,
        compile_command: opts.compile_command,
        max_sessions: opts.max_sessions,
        sessions: AtomicUsize::new(0),
    });
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let Some(slot) = SessionSlot::take(&shared) else {
            let why = format!("busy: {} sessions open", shared.max_sessions);
            let _ = stream.set_write_timeout(Some(HANDSHAKE_TIMEOUT));
            proto::turn_away(stream, &why);
            continue;
        };
        let spawned = std::thread::Builder::new()
            .stack_size(WORKER_STACK)
            .spawn(move || serve_client(&slot.0, stream));
        if let Err(e) = spawned {
            eprintln!("naruby jit l2: cannot start a thread: {e}");
        }
    }
    Ok(())
}

/// A peer's TCP stream. While the handshake runs, its reads share one
/// deadline: a timeout per read alone would let a peer send a byte now
/// and then and hold its session slot for ever. Afterwards each read
/// waits up to `SESSION_TIMEOUT`.
struct PeerStream {
    stream: TcpStream,
    handshake_until: Cell<Option<Instant>>,
}

impl PeerStream {
    fn handshake_done(&self) -> io::Result<()> {
        self.handshake_until.set(None);
        self.stream.set_read_timeout(Some(SESSION_TIMEOUT))
    }
}

impl Read for PeerStream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(deadline) = self.handshake_until.get() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "the handshake took too long",
                ));
            }
            self.stream.set_read_timeout(Some(left))?;
        }
        self.stream.read(buf)
    }
}

impl Write for PeerStream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.stream.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}

fn serve_client(shared: &Shared, stream: TcpStream) {
    let peer = stream
        .peer_addr()
        .map_or("?".to_string(), |a| a.to_string());
    let _ = stream.set_nodelay(true);
    let stream = PeerStream {
        stream,
        handshake_until: Cell::new(Some(Instant::now() + HANDSHAKE_TIMEOUT)),
    };
    let mut ch = match proto::accept(stream, &shared.abi, Some(&shared.key)) {
        Ok(ch) => ch,
        Err(e) => {
            eprintln!("naruby jit l2: refused {peer}: {e}");
            return;
        }
    };
    if ch.get_ref().handshake_done().is_err() {
        return;
    }
    let Some(mut store) = super::session_store(&shared.root, &mut ch) else {
        return;
    };
    if let Some(cmd) = &shared.compile_command {
        store.set_compile_command(cmd.clone());
    }
    loop {
        let msg = match ch.recv() {
            Ok(Some(m)) => m,
            Ok(None) | Err(ProtoError::Io(_)) | Err(ProtoError::Refused(_)) => return,
            Err(ProtoError::Malformed(why)) => {
                eprintln!("naruby jit l2: {peer}: {why}");
                let _ = ch.send(&Msg::Refused { message: why });
                return;
            }
        };
        let answer = match msg {
            Msg::Query { symbol } if is_symbol(&symbol) => match store.stored_object(&symbol) {
                Ok(Some(bytes)) => Msg::Object { symbol, bytes },
                _ => Msg::NotFound { symbol },
            },
            Msg::Compile { tree } => compile(&mut store, &tree),
            other => {
                let _ = ch.send(&Msg::Refused {
                    message: format!("unexpected {other:?}"),
                });
                return;
            }
        };
        if ch.send(&answer).is_err() {
            return;
        }
    }
}

/// Decodes the subtree, derives its entry, compiles it into the store.
fn compile(store: &mut CodeStore, tree: &[u8]) -> Msg {
    let t = match wire::decode(tree) {
        Ok(t) => t,
        Err(why) => {
            return Msg::Failed {
                symbol: String::new(),
                message: format!("malformed subtree: {why}"),
            }
        }
    };
    let e = t.entry();
    let entry = Entry {
        symbol: e.symbol,
        source: e.source,
        alone: e.speculates,
    };
    match store.compile_object(&entry) {
        Ok(Ok(bytes)) => Msg::Object {
            symbol: entry.symbol,
            bytes,
        },
        Ok(Err(message)) => Msg::Failed {
            symbol: entry.symbol,
            message,
        },
        Err(e) => Msg::Failed {
            symbol: entry.symbol,
            message: e.to_string(),
        },
    }
}

/// Where an L1 finds its L2.
#[derive(Debug, Clone)]
pub struct Remote {
    pub addr: String,
    pub key: SharedKey,
}

/// What an L2 said about a compile.
pub enum Compiled {
    Object(Vec<u8>),
    /// The compiler's message.
    Failed(String),
}

/// An L1's connection to its L2, made on first use and again after a
/// failure.
pub struct Client {
    remote: Remote,
    abi: String,
    conn: Option<Channel<TcpStream>>,
}

impl Client {
    pub fn new(remote: Remote, abi: &str) -> Client {
        Client {
            remote,
            abi: abi.to_string(),
            conn: None,
        }
    }

    fn connect(&self) -> Result<Channel<TcpStream>, String> {
        let addrs: Vec<_> = self
            .remote
            .addr
            .to_socket_addrs()
            .map_err(|e| format!("{}: {e}", self.remote.addr))?
            .collect();
        let mut last = format!("{}: no address", self.remote.addr);
        for a in addrs {
            match TcpStream::connect_timeout(&a, Duration::from_secs(3)) {
                Ok(s) => {
                    let _ = s.set_nodelay(true);
                    s.set_read_timeout(Some(HANDSHAKE_TIMEOUT))
                        .map_err(|e| e.to_string())?;
                    let ch = proto::connect(s, &self.abi, Some(&self.remote.key))
                        .map_err(|e| format!("{}: {e}", self.remote.addr))?;
                    ch.get_ref()
                        .set_read_timeout(Some(SESSION_TIMEOUT))
                        .map_err(|e| e.to_string())?;
                    return Ok(ch);
                }
                Err(e) => last = format!("{}: {e}", self.remote.addr),
            }
        }
        Err(last)
    }

    /// Has L2 compile the subtree `tree`, whose symbol the caller derived
    /// as `symbol`. `Err` is a transport or authentication problem (the
    /// caller compiles locally instead); an object for another symbol is
    /// one too.
    pub fn compile(&mut self, tree: &[u8], symbol: &str) -> Result<Compiled, String> {
        let mut last = String::new();
        for _ in 0..2 {
            if self.conn.is_none() {
                match self.connect() {
                    Ok(c) => self.conn = Some(c),
                    Err(e) => return Err(e),
                }
            }
            let ch = self.conn.as_mut().expect("connected");
            let answer = ch
                .send(&Msg::Compile {
                    tree: tree.to_vec(),
                })
                .and_then(|()| ch.recv());
            match answer {
                Ok(Some(Msg::Object { symbol: s, bytes })) if s == symbol => {
                    return Ok(Compiled::Object(bytes))
                }
                Ok(Some(Msg::Failed { symbol: s, message })) if s == symbol => {
                    return Ok(Compiled::Failed(message))
                }
                Ok(Some(other)) => {
                    self.conn = None;
                    return Err(format!("unexpected answer from L2: {}", describe(&other)));
                }
                Ok(None) => last = "L2 closed the connection".into(),
                Err(e) => last = e.to_string(),
            }
            // a stale connection (L2 restarted): once more, afresh
            self.conn = None;
        }
        Err(last)
    }
}

fn describe(m: &Msg) -> String {
    match m {
        Msg::Refused { message } => format!("refused: {message}"),
        Msg::Object { symbol, .. } => format!("an object for {symbol}"),
        Msg::Failed { symbol, message } => format!("failure for {symbol}: {message}"),
        other => format!("{other:?}"),
    }
}
