//! L1: the JIT daemon of one machine, one code store and one build.
//!
//! It listens on `<store>/<abi>/l1.sock` (inside the store's private ABI
//! directory, so only the user reaches it), serves every naruby process of
//! that build, and keeps its code in the same store as `--compile`. For
//! `Query` it answers with a library that holds the entry (the aggregate, or
//! the entry linked alone) or `NotFound`; for `Compile` it decodes the
//! subtree, derives the symbol and the C itself, and compiles once however
//! many processes ask (each waiting process is answered when the code is
//! ready). Plain code it compiles itself and that is asked for together
//! goes through the compiler as one unit (see `next_work`), whose object
//! the store keeps as each entry's (a bundle, see `store/compile.rs`). When idle it
//! links every stored object into a new aggregate, so later processes bind
//! everything at start-up, and after a longer idle time it exits (a daemon
//! started on demand, like a compiler cache's).

use super::l2::{self, Remote};
use super::proto::{self, Channel, Msg, ProtoError};
use super::wire;
use crate::modes::open_store_at;
use crate::store::{is_symbol, CodeStore, Entry, JitLibrary};
use std::collections::{HashMap, VecDeque};
use std::fs::{File, OpenOptions};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Stack of the threads that decode and specialize client subtrees (both
/// recurse over the tree; wire::MAX_DEPTH bounds it).
const WORKER_STACK: usize = 256 << 20;

/// How long a new client may take to say hello.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// How the daemon runs.
#[derive(Debug, Clone)]
pub struct L1Options {
    pub store_root: PathBuf,
    /// Exit after this long without clients and work; `None`: never.
    pub idle_exit: Option<Duration>,
    /// Consolidate this long after the last compile.
    pub consolidate_after: Duration,
    /// The compile server to forward misses to (else compile locally).
    pub l2: Option<Remote>,
}

/// The daemon's socket for the store opened as `store`.
pub fn socket_path(store: &CodeStore) -> PathBuf {
    store.abi_path().join("l1.sock")
}

/// A local socket path must fit `sockaddr_un` (107 bytes and a NUL).
fn check_socket_path(path: &Path) -> Result<(), String> {
    if path.as_os_str().len() > 107 {
        return Err(format!(
            "the JIT socket path {} is longer than a Unix socket allows; use a shorter --code-store",
            path.display()
        ));
    }
    Ok(())
}

/// Connects to the daemon of `store` (for L0 and tests).
pub fn connect(store: &CodeStore) -> Result<Channel<UnixStream>, String> {
    let path = socket_path(store);
    check_socket_path(&path)?;
    let stream = UnixStream::connect(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(|e| e.to_string())?;
    let ch = proto::connect(stream, store.abi(), None).map_err(|e| e.to_string())?;
    ch.get_ref()
        .set_read_timeout(None)
        .map_err(|e| e.to_string())?;
    Ok(ch)
}

type Writer = Arc<Mutex<Channel<UnixStream>>>;

struct Job {
    entry: Entry,
    /// The subtree as the client sent it (for L2).
    tree: Vec<u8>,
    /// When it was queued (see GATHER_GAP).
    queued: Instant,
    /// Whether it may share a compile with others (see MAX_BATCH).
    batchable: bool,
}

/// How many queued compiles one local compiler run takes at most (see
/// `CodeStore::jit_compile_batch`). Bodies that become hot together are
/// asked for together; past a point a larger unit only delays the first
/// of them. Only plain code is batched: speculative code holds its
/// callees' code for gcc to inline, and in one unit with the entries that
/// hold the same callees gcc inlined less (a 10-deep call chain's second
/// run took 1.19–1.33 s from such batches, 1.10–1.17 s from units of
/// their own).
const MAX_BATCH: usize = 16;

/// How long a batch waits for the next request of a burst before it
/// starts, and how long at most since the burst's first. A process asks for
/// the bodies that became hot together one message after another, and
/// without the wait the first worker took one or two of them and a second
/// worker the rest: two compiler runs side by side that took the CPU from
/// the program they were for. L0 sends a burst within tens of microseconds
/// (chain10's nine bodies: 0.04 ms), but this daemon, niced, decodes and
/// queues them more slowly: a single 1 ms wait split chain10's burst
/// into five and four. A lone request waits GATHER_GAP for nothing.
const GATHER_GAP: Duration = Duration::from_millis(2);
const GATHER_MAX: Duration = Duration::from_millis(20);

/// The daemon's work: the compiles processes wait for. (A batch stores its
/// entries' objects too, one bundle, so no object is left to make later.)
#[derive(Default)]
struct Queue {
    waited_for: VecDeque<Job>,
}

impl Queue {
    fn is_empty(&self) -> bool {
        self.waited_for.is_empty()
    }
}

/// What every thread of the daemon shares.
struct Shared {
    root: PathBuf,
    abi: String,
    l2: Option<Remote>,
    /// Clients waiting for each symbol being compiled.
    waiting: Mutex<HashMap<String, Vec<Writer>>>,
    queue: Mutex<Queue>,
    work: Condvar,
    clients: AtomicUsize,
    busy: AtomicUsize,
    activity: Mutex<Activity>,
}

/// When the daemon was last asked or last compiled, and whether it compiled
/// anything since it last consolidated.
struct Activity {
    request: Instant,
    compile: Instant,
    dirty: bool,
}

impl Shared {
    fn new(opts: &L1Options, abi: &str) -> Shared {
        let now = Instant::now();
        Shared {
            root: opts.store_root.clone(),
            abi: abi.to_string(),
            l2: opts.l2.clone(),
            waiting: Mutex::new(HashMap::new()),
            queue: Mutex::new(Queue::default()),
            work: Condvar::new(),
            clients: AtomicUsize::new(0),
            busy: AtomicUsize::new(0),
            activity: Mutex::new(Activity {
                request: now,
                compile: now,
                dirty: false,
            }),
        }
    }

    fn touch(&self, compiled: bool) {
        let mut a = self.activity.lock().unwrap_or_else(|e| e.into_inner());
        a.request = Instant::now();
        if compiled {
            a.compile = a.request;
            a.dirty = true;
        }
    }
}

/// How much L1 lowers its scheduling priority (`nice`).
const NICENESS: i32 = 10;

/// Runs the daemon until it has been idle for `idle_exit`, after printing
/// `listening on SOCKET` on stdout. Returns an error if it cannot start;
/// `Ok` without serving when another daemon already serves this store and
/// build.
pub fn serve(opts: L1Options) -> Result<(), String> {
    // the programs it compiles for run on this machine: its compiles (and
    // their compilers, which inherit it) take only the CPU they leave
    if let Err(e) = crate::ffi::lower_priority(NICENESS) {
        eprintln!("naruby jit l1: cannot lower its priority: {e}");
    }
    let store = open_store_at(opts.store_root.clone()).map_err(|e| e.to_string())?;
    let sock = socket_path(&store);
    check_socket_path(&sock)?;
    // one daemon per store and build: whoever holds l1.lock serves
    let lock_path = store.abi_path().join("l1.lock");
    let lock = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(&lock_path)
        .map_err(|e| format!("{}: {e}", lock_path.display()))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            eprintln!("naruby jit l1: a daemon already serves {}", sock.display());
            return Ok(());
        }
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(format!("{}: {e}", lock_path.display()))
        }
    }
    // a socket left by a daemon that died: nobody holds the lock, so it is stale
    let _ = std::fs::remove_file(&sock);
    let listener = UnixListener::bind(&sock).map_err(|e| format!("{}: {e}", sock.display()))?;
    std::fs::set_permissions(&sock, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| format!("{}: {e}", sock.display()))?;
    let ino = std::fs::symlink_metadata(&sock)
        .map(|m| m.ino())
        .unwrap_or(0);
    let jobs = store.config().jobs.max(1);
    let shared = Arc::new(Shared::new(&opts, store.abi()));
    for _ in 0..jobs {
        let shared = shared.clone();
        spawn_big(move || compile_worker(&shared));
    }
    {
        let shared = shared.clone();
        let sock = sock.clone();
        std::thread::spawn(move || housekeeping(&shared, &opts, &sock, ino, lock));
    }
    // ready to serve: the naruby that started us waits for this line (and
    // may be gone)
    let _ = std::io::Write::write_all(
        &mut std::io::stdout(),
        format!("listening on {}\n", sock.display()).as_bytes(),
    );
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let shared = shared.clone();
        shared.clients.fetch_add(1, Ordering::SeqCst);
        shared.touch(false);
        spawn_big(move || {
            serve_client(&shared, stream);
            shared.clients.fetch_sub(1, Ordering::SeqCst);
            shared.touch(false);
        });
    }
    Ok(())
}

fn spawn_big(f: impl FnOnce() + Send + 'static) {
    let spawned = std::thread::Builder::new()
        .stack_size(WORKER_STACK)
        .spawn(f);
    if let Err(e) = spawned {
        eprintln!("naruby jit l1: cannot start a thread: {e}");
    }
}

/// Consolidates when idle after compiles; exits when idle long enough, or
/// when the socket is no longer ours (the store was cleared).
fn housekeeping(shared: &Shared, opts: &L1Options, sock: &Path, ino: u64, lock: File) {
    loop {
        std::thread::sleep(Duration::from_millis(200));
        // the store was cleared or wiped under us: leave before touching it
        // (opening it would make it anew)
        if !std::fs::symlink_metadata(sock).is_ok_and(|m| m.ino() == ino) {
            std::process::exit(0);
        }
        let (idle, since_compile, dirty) = {
            let a = shared.activity.lock().unwrap_or_else(|e| e.into_inner());
            (a.request.elapsed(), a.compile.elapsed(), a.dirty)
        };
        let quiet = shared.busy.load(Ordering::SeqCst) == 0
            && shared.queue.lock().map(|q| q.is_empty()).unwrap_or(false);
        // queries do not postpone it: only compiles do
        if dirty && quiet && since_compile >= opts.consolidate_after {
            if let Ok(mut store) = open_store_at(shared.root.clone()) {
                match store.consolidate(Duration::from_secs(60)) {
                    Ok(_) => {
                        shared
                            .activity
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .dirty = false;
                    }
                    Err(e) => eprintln!("naruby jit l1: consolidating: {e}"),
                }
            }
        }
        let leave = opts.idle_exit.is_some_and(|limit| {
            quiet && shared.clients.load(Ordering::SeqCst) == 0 && idle >= limit
        });
        if leave {
            let _ = std::fs::remove_file(sock);
            drop(lock);
            std::process::exit(0);
        }
    }
}

/// One client's session: answers its queries, queues its compiles.
fn serve_client(shared: &Shared, stream: UnixStream) {
    // a peer that connects and says nothing must not hold a thread forever
    if stream.set_read_timeout(Some(HANDSHAKE_TIMEOUT)).is_err() {
        return;
    }
    let mut ch = match proto::accept(stream, &shared.abi, None) {
        Ok(ch) => ch,
        Err(_) => return,
    };
    if ch.get_ref().set_read_timeout(None).is_err() {
        return;
    }
    let writer: Writer = match ch.try_clone() {
        Ok(w) => Arc::new(Mutex::new(w)),
        Err(_) => return,
    };
    let Some(mut store) = super::session_store(&shared.root, &mut ch) else {
        return;
    };
    // a client that has gone cannot be answered, but what it asked for
    // before it went is still done (a program that ends asks for its top
    // level's compile on its way out), so a failed reply ends nothing
    let reply = |m: Msg| {
        let mut w = writer.lock().unwrap_or_else(|e| e.into_inner());
        let _ = w.send(&m);
    };
    loop {
        let msg = match ch.recv() {
            Ok(Some(m)) => m,
            Ok(None) | Err(ProtoError::Io(_)) | Err(ProtoError::Refused(_)) => return,
            Err(ProtoError::Malformed(why)) => {
                reply(Msg::Refused { message: why });
                return;
            }
        };
        shared.touch(false);
        match msg {
            Msg::Query { symbol } if is_symbol(&symbol) => match store.jit_library(&symbol) {
                Ok(Some(lib)) => reply(found(symbol, &lib)),
                Ok(None) => reply(Msg::NotFound { symbol }),
                Err(e) => reply(Msg::Failed {
                    symbol,
                    message: e.to_string(),
                }),
            },
            Msg::Compile { tree } => match wire::decode(&tree) {
                Ok(t) => {
                    let e = t.entry();
                    let entry = Entry {
                        symbol: e.symbol,
                        source: e.source,
                        alone: e.speculates,
                    };
                    match store.jit_library(&entry.symbol) {
                        Ok(Some(lib)) => reply(found(entry.symbol, &lib)),
                        _ => enqueue(shared, entry, tree, !t.speculates(), writer.clone()),
                    }
                }
                Err(why) => reply(Msg::Failed {
                    symbol: String::new(),
                    message: format!("malformed subtree: {why}"),
                }),
            },
            other => {
                reply(Msg::Refused {
                    message: format!("unexpected {other:?}"),
                });
                return;
            }
        }
    }
}

fn found(symbol: String, lib: &JitLibrary) -> Msg {
    Msg::Found {
        symbol,
        lib: lib.path.display().to_string(),
        size: lib.size,
        hash: lib.hash,
    }
}

/// Queues a compile unless the same symbol is queued or compiling already;
/// either way `client` is answered when it is done.
fn enqueue(shared: &Shared, entry: Entry, tree: Vec<u8>, batchable: bool, client: Writer) {
    let mut waiting = shared.waiting.lock().unwrap_or_else(|e| e.into_inner());
    let first = !waiting.contains_key(&entry.symbol);
    waiting
        .entry(entry.symbol.clone())
        .or_default()
        .push(client);
    drop(waiting);
    if first {
        shared
            .queue
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .waited_for
            .push_back(Job {
                entry,
                tree,
                queued: Instant::now(),
                batchable,
            });
        shared.work.notify_one();
    }
}

fn compile_worker(shared: &Shared) {
    let mut store: Option<CodeStore> = None;
    let mut remote = shared.l2.clone().map(|r| l2::Client::new(r, &shared.abi));
    let mut warned = false;
    loop {
        let work = next_work(shared);
        if store.is_none() {
            store = open_store_at(shared.root.clone()).ok();
        }
        let jobs = match (work.len(), store.as_mut()) {
            (2.., Some(st)) => compile_batch(shared, st, work),
            _ => work,
        };
        // one by one: alone in the queue, through L2, or after a batch
        // that failed (so that only the faulty entry fails)
        for job in jobs {
            let answer = compile_one(&job, store.as_mut(), remote.as_mut(), &mut warned);
            answer_waiting(shared, &job.entry.symbol, &answer);
        }
        shared.busy.fetch_sub(1, Ordering::SeqCst);
        shared.touch(true);
    }
}

/// Waits for work: the compiles processes wait for (when this daemon
/// compiles them itself, plain code together: the first such request and
/// every other queued one, up to MAX_BATCH, once its burst is over).
fn next_work(shared: &Shared) -> Vec<Job> {
    let mut q = shared.queue.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        let batching = shared.l2.is_none();
        if let (Some(first), Some(last)) = (q.waited_for.front(), q.waited_for.back()) {
            let (age, quiet) = (first.queued.elapsed(), last.queued.elapsed());
            let gathering = age < GATHER_MAX && quiet < GATHER_GAP;
            if batching && first.batchable && q.waited_for.len() < MAX_BATCH && gathering {
                let waited = shared.work.wait_timeout(q, GATHER_GAP - quiet);
                q = waited.unwrap_or_else(|e| e.into_inner()).0;
                continue;
            }
            let mut jobs: Vec<Job> = q.waited_for.pop_front().into_iter().collect();
            if batching && jobs[0].batchable {
                // the other batchable ones, wherever they wait; the rest
                // keep their order
                let (mut more, rest): (VecDeque<Job>, VecDeque<Job>) =
                    q.waited_for.drain(..).partition(|j| j.batchable);
                q.waited_for = rest;
                while jobs.len() < MAX_BATCH {
                    match more.pop_front() {
                        Some(j) => jobs.push(j),
                        None => break,
                    }
                }
                for j in more.into_iter().rev() {
                    q.waited_for.push_front(j);
                }
            }
            shared.busy.fetch_add(1, Ordering::SeqCst);
            return jobs;
        }
        q = shared.work.wait(q).unwrap_or_else(|e| e.into_inner());
    }
}

/// Compiles `jobs` as one unit into one library, answers everyone waiting
/// for them, then stores the unit's object as each one's (one bundle).
/// Returns the jobs still to do one by one: none, or all of them when the
/// unit did not compile.
fn compile_batch(shared: &Shared, store: &mut CodeStore, jobs: Vec<Job>) -> Vec<Job> {
    let entries: Vec<&Entry> = jobs.iter().map(|j| &j.entry).collect();
    let Ok(Ok((libs, objects))) = store.jit_compile_batch(&entries) else {
        return jobs;
    };
    for (job, lib) in jobs.iter().zip(&libs) {
        answer_waiting(
            shared,
            &job.entry.symbol,
            &found(job.entry.symbol.clone(), lib),
        );
    }
    if let Err(e) = store.store_batch_objects(objects) {
        eprintln!("naruby jit l1: cannot store a batch's objects: {e}");
    }
    Vec::new()
}

/// Compiles one entry: through L2 when there is one, locally when there is
/// none or it cannot be reached. Returns the answer for its waiters.
fn compile_one(
    job: &Job,
    store: Option<&mut CodeStore>,
    remote: Option<&mut l2::Client>,
    warned: &mut bool,
) -> Msg {
    let symbol = job.entry.symbol.clone();
    let Some(st) = store else {
        return Msg::Failed {
            symbol,
            message: "the code store cannot be opened".into(),
        };
    };
    let mut result = None;
    if let Some(client) = remote {
        match client.compile(&job.tree, &symbol) {
            Ok(l2::Compiled::Object(bytes)) => {
                result = Some(st.install_object(&job.entry, &bytes));
            }
            Ok(l2::Compiled::Failed(message)) => result = Some(Ok(Err(message))),
            Err(why) => {
                if !*warned {
                    eprintln!("naruby jit l1: L2 unusable ({why}); compiling locally");
                    *warned = true;
                }
            }
        }
    }
    match result.unwrap_or_else(|| st.jit_compile(&job.entry)) {
        Ok(Ok(lib)) => found(symbol, &lib),
        Ok(Err(message)) => Msg::Failed { symbol, message },
        Err(e) => Msg::Failed {
            symbol,
            message: e.to_string(),
        },
    }
}

/// Sends `answer` to every process waiting for `symbol`.
fn answer_waiting(shared: &Shared, symbol: &str, answer: &Msg) {
    let clients = shared
        .waiting
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .remove(symbol)
        .unwrap_or_default();
    for c in clients {
        let _ = c.lock().unwrap_or_else(|e| e.into_inner()).send(answer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(l2: Option<Remote>) -> Shared {
        let opts = L1Options {
            store_root: PathBuf::from("/nonexistent"),
            idle_exit: None,
            consolidate_after: Duration::from_secs(1),
            l2,
        };
        Shared::new(&opts, "0123456789abcdef")
    }

    /// A job queued long enough ago that nothing waits for the rest of
    /// its burst.
    fn queue(shared: &Shared, jobs: &[(&str, bool)]) {
        let mut q = shared.queue.lock().unwrap();
        for &(name, batchable) in jobs {
            q.waited_for.push_back(Job {
                entry: Entry {
                    symbol: name.to_string(),
                    source: String::new(),
                    alone: !batchable,
                },
                tree: Vec::new(),
                queued: Instant::now() - 2 * GATHER_MAX,
                batchable,
            });
        }
    }

    fn next(shared: &Shared) -> Vec<String> {
        next_work(shared)
            .into_iter()
            .map(|j| j.entry.symbol)
            .collect()
    }

    #[test]
    fn plain_compiles_share_a_run_and_speculative_ones_go_alone() {
        let s = shared(None);
        queue(
            &s,
            &[
                ("p1", true),
                ("s1", false),
                ("p2", true),
                ("s2", false),
                ("p3", true),
            ],
        );
        assert_eq!(next(&s), ["p1", "p2", "p3"]);
        assert_eq!(next(&s), ["s1"]);
        assert_eq!(next(&s), ["s2"]);
        // a speculative compile first in line does not take the plain ones
        queue(&s, &[("s3", false), ("p4", true), ("p5", true)]);
        assert_eq!(next(&s), ["s3"]);
        assert_eq!(next(&s), ["p4", "p5"]);
    }

    #[test]
    fn a_batch_has_at_most_max_batch_compiles_and_the_rest_keep_their_place() {
        let s = shared(None);
        let names: Vec<String> = (0..MAX_BATCH + 2).map(|i| format!("p{i}")).collect();
        let mut jobs: Vec<(&str, bool)> = names.iter().map(|n| (n.as_str(), true)).collect();
        jobs.insert(1, ("s", false));
        queue(&s, &jobs);
        assert_eq!(next(&s), names[..MAX_BATCH]);
        assert_eq!(next(&s), names[MAX_BATCH..]);
        assert_eq!(next(&s), ["s"]);
    }

    #[test]
    fn compiles_for_l2_are_never_batched() {
        let s = shared(Some(Remote {
            addr: "127.0.0.1:1".to_string(),
            key: proto::SharedKey::from_material(b"sixteen bytes at least").unwrap(),
        }));
        queue(&s, &[("p1", true), ("p2", true)]);
        assert_eq!(next(&s), ["p1"]);
        assert_eq!(next(&s), ["p2"]);
    }
}
