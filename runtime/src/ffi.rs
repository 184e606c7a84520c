//! The FFI layer: the C runtime's symbols, the C image of an `Ast`, and
//! running it. All of naruby's `unsafe` lives in this module.
//!
//! The image is one `Vec<u64>` holding every node in the C layout that
//! astrogen generated (two header words, then one word per operand, side
//! data zeroed). Child pointers are absolute addresses into the same buffer,
//! so the buffer is sized once and never reallocated.

use crate::node::{Ast, NodeId, Operand, OperandType, KIND_COUNT, SIDE_TYPES};
use std::collections::{HashMap, HashSet};
use std::ffi::{c_char, c_void, CString};
use std::sync::{Arc, Mutex};

type Dispatcher = *const c_void;

#[repr(C)]
struct NrProgram {
    root: *mut c_void,
    nslots: u32,
    script: *const c_char,
    names: *const *const c_char,
    nnames: u32,
    lines: *const u32,
    nlines: u32,
    observed: *mut NrObservation,
}

/// `NR_OBSERVED_CALLEES` (naruby.h).
const OBSERVED_CALLEES: usize = 4;

/// `nr_observation` (naruby.h): what one call site saw while profiling.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
struct NrObservation {
    calls: u64,
    calls_at_bind: u64,
    current: u32,
    ncallees: u32,
    callee: [NrObservedCallee; OBSERVED_CALLEES],
}

#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
struct NrObservedCallee {
    ident: [u64; 2],
    calls: u64,
}

/// What a call site saw while the program was profiled: each user function
/// it called (by identity) and how many calls went to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    pub callees: Vec<([i64; 2], u64)>,
}

extern "C" {
    static nr_dispatchers: [Dispatcher; KIND_COUNT];
    static nr_layout_table: [u32; 0];
    static nr_layout_table_len: u32;
    fn nr_run(prog: *const NrProgram) -> i32;
    static mut nr_exit_hook: Option<extern "C" fn(i32)>;
    static nr_entered: *const u8;
    static nr_call_cache_counts_offset: u32;
    fn nr_regions_entered() -> u64;
    // a dispatcher (profiling.c); only its address is taken
    fn nr_profiling_dispatch();
    // the JIT's side of the interpreter (jit.c, runtime.c)
    static mut nr_jit_hook: Option<extern "C" fn(u32, u32)>;
    static mut nr_jit_calls: *mut u32;
    static mut nr_jit_threshold: u32;
    static mut nr_jit_loop_threshold: u32;
    fn nr_jit_counting_dispatch();
    fn nr_jit_counting_loop_dispatch();
    fn nr_jit_swap(node: *mut c_void, dispatcher: *const c_void);
    static mut nr_jit_resume: *mut usize;
    fn nr_jit_resume_at(body: u32, dispatcher: *const c_void);
    fn nr_lower_priority(inc: i32) -> i32;
}

/// Lowers the calling thread's scheduling priority by `inc` (as `nice`
/// does; on Linux per thread); the threads and processes it starts later
/// inherit it. The JIT daemon's compiles must not
/// take the CPU from the programs it compiles for.
pub fn lower_priority(inc: i32) -> std::io::Result<()> {
    // SAFETY: nr_lower_priority only calls nice(2) and reads errno; it
    // touches no memory of ours.
    match unsafe { nr_lower_priority(inc) } {
        0 => Ok(()),
        errno => Err(std::io::Error::from_raw_os_error(errno)),
    }
}

/// The baseline (interpreter) dispatcher of each kind, by kind index.
fn baseline_dispatcher(kind: usize) -> u64 {
    // SAFETY: nr_dispatchers is an immutable, fully initialised C array of
    // KIND_COUNT entries (generated together with KIND_COUNT).
    unsafe { nr_dispatchers[kind] as u64 }
}

/// The C compiler's view of the node layout: for each kind, its size and
/// each operand's offset, flattened (see nodes.c).
pub fn c_layout_table() -> Vec<u32> {
    // SAFETY: nr_layout_table has nr_layout_table_len immutable entries;
    // both are defined in the generated nodes.c.
    unsafe {
        let len = nr_layout_table_len as usize;
        std::slice::from_raw_parts(std::ptr::addr_of!(nr_layout_table).cast::<u32>(), len).to_vec()
    }
}

/// An `Ast` laid out as C nodes.
pub struct Image {
    words: Vec<u64>,
    /// Word offset of each node, by node id.
    offsets: Vec<usize>,
}

impl Image {
    pub fn new(ast: &Ast) -> Image {
        let mut offsets = Vec::with_capacity(ast.len());
        let mut total = 0usize;
        for id in ast.ids() {
            offsets.push(total);
            total += ast.kind(id).info().words;
        }
        let mut words = vec![0u64; total];
        let base = words.as_ptr() as u64;
        let address = |id: NodeId| base + offsets[id.0 as usize] as u64 * 8;
        for id in ast.ids() {
            let kind = ast.kind(id);
            let at = offsets[id.0 as usize];
            words[at] = baseline_dispatcher(kind as usize);
            words[at + 1] = kind as u64 | (u64::from(id.0) << 32);
            for (info, value) in kind.info().operands.iter().zip(ast.operands(id)) {
                if info.words == 0 {
                    continue; // a target: no storage
                }
                words[at + info.word] = match *value {
                    Operand::Node(c) | Operand::Entry(c) => address(c),
                    Operand::Local(v) | Operand::U32(v) => u64::from(v),
                    Operand::I64(v) => v as u64,
                    Operand::Name(s) => u64::from(s.0),
                    Operand::Side | Operand::Target => 0,
                };
            }
        }
        Image { words, offsets }
    }

    /// Points `id`'s dispatcher at specialized code.
    pub fn bind(&mut self, id: NodeId, address: usize) {
        let at = self.offsets[id.0 as usize];
        self.words[at] = address as u64;
    }

    fn node_ptr(&mut self, id: NodeId) -> *mut c_void {
        let at = self.offsets[id.0 as usize];
        self.words[at..].as_mut_ptr().cast()
    }
}

/// Everything `nr_run` needs besides the image.
pub struct RunInfo<'a> {
    pub root: NodeId,
    pub nslots: u32,
    pub script: &'a str,
    /// Record what every call site calls (`--pg`), for [`RunView::observation`].
    pub observe: bool,
}

/// Called once when the program ends, however it ends (normally, `exit`, a
/// runtime error), after stdout is flushed and before the process exits.
pub type ExitHook = Box<dyn FnOnce(&RunView) + Send>;

/// The state of a program that is ending, as the exit hook sees it.
pub struct RunView<'a> {
    ast: &'a Ast,
    image: &'a [u64],
    offsets: &'a [usize],
    observed: &'a [NrObservation],
}

impl RunView<'_> {
    /// Whether the function body (or top level) rooted at node `id` was
    /// entered.
    pub fn entered(&self, id: NodeId) -> bool {
        // SAFETY: nr_entered is allocated by nr_run with one byte per node
        // id (ast.len() of them) and stays allocated until the process
        // exits; a RunView only exists inside the exit hook, after nr_run
        // has set it up.
        unsafe {
            !nr_entered.is_null()
                && (id.0 as usize) < self.ast.len()
                && *nr_entered.add(id.0 as usize) != 0
        }
    }

    /// What call site `id` observed, if the run was profiled and the site
    /// ever called a user function.
    pub fn observation(&self, id: NodeId) -> Option<Observation> {
        let o = self.observed.get(id.0 as usize)?;
        let n = (o.ncallees as usize).min(OBSERVED_CALLEES);
        if n == 0 {
            return None;
        }
        let callees = o.callee[..n]
            .iter()
            .enumerate()
            .map(|(i, c)| {
                // the current callee's count is still open
                let open = if i == o.current as usize {
                    o.calls.saturating_sub(o.calls_at_bind)
                } else {
                    0
                };
                ([c.ident[0] as i64, c.ident[1] as i64], c.calls + open)
            })
            .collect();
        Some(Observation { callees })
    }

    /// Calls of speculating call sites that went directly to the speculated
    /// callee, and calls of such sites that took the ordinary path (the
    /// `spec_hits`/`spec_misses` counters of every call cache). Calls into
    /// region code are not counted (see [`RunView::regions_entered`]).
    pub fn speculation_counts(&self) -> (u64, u64) {
        // SAFETY: a plain u32 constant defined in runtime.c.
        let counts = unsafe { nr_call_cache_counts_offset } as usize / 8;
        let (mut hits, mut misses) = (0, 0);
        for id in self.ast.ids() {
            let Some(cache) = call_cache_word(self.ast, id) else {
                continue;
            };
            let at = self.offsets[id.0 as usize] + cache + counts;
            hits += self.image[at];
            misses += self.image[at + 1];
        }
        (hits, misses)
    }

    /// How many regions of region code ordinary code entered.
    pub fn regions_entered(&self) -> u64 {
        // SAFETY: only walks runtime.c's list of checked regions, whose
        // links are set once; a RunView exists only once the run has ended
        // (the exit hook), so nothing changes the list while it is read.
        unsafe { nr_regions_entered() }
    }
}

/// The word offset of node `id`'s call cache, if it is a call.
fn call_cache_word(ast: &Ast, id: NodeId) -> Option<usize> {
    ast.kind(id)
        .info()
        .operands
        .iter()
        .find_map(|o| match o.ty {
            OperandType::Side(i) if SIDE_TYPES[i].name == "CallCache" => Some(o.word),
            _ => None,
        })
}

/// The exit hook of the running program and what it reads.
struct PendingExit {
    hook: ExitHook,
    ast: *const Ast,
    image: *const u64,
    image_len: usize,
    offsets: *const usize,
    offsets_len: usize,
    observed: *const NrObservation,
    observed_len: usize,
}

// SAFETY: the pointers point into buffers owned by the frame of `run`,
// which outlives the C runtime's exit hook (the hook runs inside nr_run, or
// on the interpreter thread while `run` waits for it); they are only
// dereferenced by that hook.
unsafe impl Send for PendingExit {}

static PENDING_EXIT: Mutex<Option<PendingExit>> = Mutex::new(None);

extern "C" fn exit_hook(_status: i32) {
    let Some(p) = PENDING_EXIT.lock().ok().and_then(|mut g| g.take()) else {
        return;
    };
    // SAFETY: see PendingExit: the buffers are alive and no longer mutated
    // (the program has ended; the hook runs on the thread that ran it, or
    // after it was joined).
    let view = unsafe {
        RunView {
            ast: &*p.ast,
            image: std::slice::from_raw_parts(p.image, p.image_len),
            offsets: std::slice::from_raw_parts(p.offsets, p.offsets_len),
            observed: std::slice::from_raw_parts(p.observed, p.observed_len),
        }
    };
    (p.hook)(&view);
}

/// Runs the program with `bindings` (node → specialized dispatcher address)
/// applied; returns the exit status. Runtime errors and `exit` end the
/// process from inside the C runtime (after flushing stdout), calling
/// `at_exit` first, as does a normal end.
pub fn run(
    ast: &Ast,
    info: &RunInfo,
    bindings: &[(NodeId, usize)],
    at_exit: Option<ExitHook>,
    jit: Option<JitRun>,
) -> i32 {
    let mut image = Image::new(ast);
    for &(id, address) in bindings {
        image.bind(id, address);
    }
    let mut jit_calls: Vec<u32> = Vec::new();
    let mut jit_resume: Vec<usize> = Vec::new();
    let mut jit_live = None;
    if let Some(jit) = jit {
        let bound: HashSet<NodeId> = bindings.iter().map(|b| b.0).collect();
        for &id in jit.counted.iter().filter(|id| !bound.contains(id)) {
            image.bind(id, nr_jit_counting_dispatch as *const () as usize);
        }
        for &id in &jit.counted_loops {
            image.bind(id, nr_jit_counting_loop_dispatch as *const () as usize);
        }
        jit_calls = vec![0; ast.len()];
        jit_resume = vec![0; ast.len()];
        let nodes: HashMap<NodeId, usize> = jit
            .counted
            .iter()
            .map(|&id| (id, image.node_ptr(id) as usize))
            .collect();
        let loops: HashSet<NodeId> = jit.counted_loops.iter().copied().collect();
        let live = Arc::new(Mutex::new(true));
        jit_live = Some(live.clone());
        if let Ok(mut slot) = JIT_EVENTS.lock() {
            *slot = Some(jit.events);
        }
        // SAFETY: set before the C runtime starts (no other thread reads
        // them yet); jit_calls has one counter and jit_resume one code
        // pointer (NULL) per node id, and both outlive the run (locals of
        // this frame, dropped after nr_run returns); from here on only C
        // touches them (jit_resume only atomically, in jit.c).
        unsafe {
            nr_jit_calls = jit_calls.as_mut_ptr();
            nr_jit_resume = jit_resume.as_mut_ptr();
            nr_jit_threshold = jit.threshold.max(1);
            nr_jit_loop_threshold = jit.loop_threshold.max(1);
            nr_jit_hook = Some(jit_hook);
        }
        (jit.start)(Swapper {
            nodes: Arc::new(nodes),
            loops: Arc::new(loops),
            live,
        });
    }
    if info.observe {
        // a profiled run counts every call where it is dispatched
        for id in ast.ids() {
            if call_cache_word(ast, id).is_some() {
                image.bind(id, nr_profiling_dispatch as *const () as usize);
            }
        }
    }
    let mut observed = if info.observe {
        vec![NrObservation::default(); ast.len()]
    } else {
        Vec::new()
    };
    if let Some(hook) = at_exit {
        let pending = PendingExit {
            hook,
            ast,
            image: image.words.as_ptr(),
            image_len: image.words.len(),
            offsets: image.offsets.as_ptr(),
            offsets_len: image.offsets.len(),
            observed: observed.as_ptr(),
            observed_len: observed.len(),
        };
        if let Ok(mut slot) = PENDING_EXIT.lock() {
            *slot = Some(pending);
        }
        // SAFETY: the hook is a plain function pointer set before the C
        // runtime starts (single-threaded at this point) and only read by it.
        unsafe { nr_exit_hook = Some(exit_hook) };
    }
    let script = c_string(info.script);
    let names: Vec<CString> = ast.names().iter().map(|n| c_string(n)).collect();
    let name_ptrs: Vec<*const c_char> = names.iter().map(|n| n.as_ptr()).collect();
    let lines = ast.lines();
    let prog = NrProgram {
        root: image.node_ptr(info.root),
        nslots: info.nslots,
        script: script.as_ptr(),
        names: name_ptrs.as_ptr(),
        nnames: name_ptrs.len() as u32,
        lines: lines.as_ptr(),
        nlines: lines.len() as u32,
        observed: if info.observe {
            observed.as_mut_ptr()
        } else {
            std::ptr::null_mut()
        },
    };
    // SAFETY: every pointer in `prog` points into buffers owned by this
    // frame (image, script, names, lines, observed) that outlive the call;
    // the image holds a complete node graph in the generated C layout whose
    // child pointers all point into the same buffer; `observed`, when set,
    // has one record per node id (lines has one entry per node id); and
    // nothing on the Rust side touches `image` or `observed` while C runs
    // and mutates them (the exit hook reads them only after the program
    // has ended).
    let status = unsafe { nr_run(&prog) };
    if let Some(live) = jit_live {
        // no swap may touch the image from here on
        *live.lock().unwrap_or_else(|e| e.into_inner()) = false;
        if let Ok(mut slot) = JIT_EVENTS.lock() {
            *slot = None;
        }
        // SAFETY: the interpreter thread has ended (nr_run joined it).
        unsafe { nr_jit_hook = None };
    }
    drop(jit_calls);
    drop(jit_resume);
    status
}

/// What the interpreter tells the JIT (see jit.c), by entry root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JitEvent {
    /// A `def` bound this body.
    Defined(NodeId),
    /// This body reached the call threshold (a loop's body: the iteration
    /// threshold).
    Hot(NodeId),
}

/// What `naruby --jit` needs from a run.
pub struct JitRun {
    /// Function bodies whose calls are counted until they are swapped
    /// (bodies already bound to stored code are not counted).
    pub counted: Vec<NodeId>,
    /// Loop bodies whose iterations are counted (node.def's `swappable`
    /// children; see `entries::loop_bodies`), and through which their
    /// loops resume in compiled code.
    pub counted_loops: Vec<NodeId>,
    /// Calls that make a body hot (at least 1).
    pub threshold: u32,
    /// Iterations that make a loop's body hot (at least 1).
    pub loop_threshold: u32,
    /// Where the interpreter's events go: called on the interpreter's
    /// thread, so it must only queue. Events and the exit hook come from
    /// that one thread, so a queue they share keeps them in order.
    pub events: EventSink,
    /// Called once the image exists, before the program starts.
    pub start: Box<dyn FnOnce(Swapper) + Send>,
}

/// Swaps function bodies' dispatchers, and has loops resume in compiled
/// code, while the program runs (the JIT thread's one handle on the image).
/// Swaps after the run has ended do nothing.
#[derive(Clone)]
pub struct Swapper {
    /// Counted function bodies, by node id: their nodes' addresses.
    nodes: Arc<HashMap<NodeId, usize>>,
    /// Counted loop bodies.
    loops: Arc<HashSet<NodeId>>,
    live: Arc<Mutex<bool>>,
}

impl Swapper {
    /// Points `id` at `address`, a specialized dispatcher of exactly that
    /// subtree, which must stay loaded for the rest of the process (the
    /// store's loader never unloads). `false` when `id` is not swappable or
    /// the run has ended.
    pub fn swap(&self, id: NodeId, address: usize) -> bool {
        let Some(&node) = self.nodes.get(&id) else {
            return false;
        };
        let live = self.live.lock().unwrap_or_else(|e| e.into_inner());
        if !*live || address == 0 {
            return false;
        }
        // SAFETY: `node` is the address of a node in the image of the run
        // in progress (`live` is true, and `run` sets it false, under this
        // lock, before the image can go); nr_jit_swap stores `address` into
        // its dispatcher word atomically (release), and the interpreter
        // reads body dispatchers atomically (acquire, nr_body_dispatcher).
        // `address` is a dispatcher the caller loaded for this subtree's
        // hash and never unloads.
        unsafe { nr_jit_swap(node as *mut c_void, address as *const c_void) };
        true
    }

    /// Has the loop whose (counted) body is `body` continue in `address`,
    /// the specialized dispatcher of exactly that loop's subtree, which must
    /// stay loaded for the rest of the process: interpreted evaluations of
    /// the loop, running or to come, move there at their next iteration.
    /// `false` when `body` is not a counted loop body or the run has ended.
    pub fn resume_at(&self, body: NodeId, address: usize) -> bool {
        if !self.loops.contains(&body) {
            return false;
        }
        let live = self.live.lock().unwrap_or_else(|e| e.into_inner());
        if !*live || address == 0 {
            return false;
        }
        // SAFETY: `live` is true (see `swap`), so nr_jit_resume points at
        // the run's array of one code pointer per node id, and `body` is a
        // node id of this run's image; nr_jit_resume_at stores atomically
        // (release), and jit.c reads atomically (acquire). `address` is the
        // loop's dispatcher, loaded for its subtree's hash, never unloaded.
        unsafe { nr_jit_resume_at(body.0, address as *const c_void) };
        true
    }
}

/// Takes the interpreter's JIT events (see [`JitRun::events`]).
pub type EventSink = Box<dyn Fn(JitEvent) + Send>;

static JIT_EVENTS: Mutex<Option<EventSink>> = Mutex::new(None);

/// nr_jit_hook: runs on the interpreter thread, so it only queues.
extern "C" fn jit_hook(event: u32, body: u32) {
    let event = match event {
        1 => JitEvent::Defined(NodeId(body)),
        2 => JitEvent::Hot(NodeId(body)),
        _ => return,
    };
    if let Ok(guard) = JIT_EVENTS.lock() {
        if let Some(sink) = guard.as_ref() {
            sink(event);
        }
    }
}

/// Names never contain NUL (the lexer only accepts identifier characters).
fn c_string(s: &str) -> CString {
    CString::new(s.replace('\0', "?")).expect("no NUL after replacement")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::{OperandType, KINDS};

    #[test]
    fn rust_and_c_agree_on_the_layout() {
        let c = c_layout_table();
        let mut rust = Vec::new();
        for info in KINDS.iter() {
            rust.push(info.words as u32 * 8);
            rust.extend(
                info.operands
                    .iter()
                    .filter(|o| o.ty != OperandType::Target)
                    .map(|o| o.word as u32 * 8),
            );
        }
        assert_eq!(c, rust);
    }

    #[test]
    fn image_links_children_by_address() {
        let mut ast = Ast::new();
        let a = ast.lit(1, 7);
        let b = ast.neg(2, crate::node::Val::Node(a));
        let image = Image::new(&ast);
        let base = image.words.as_ptr() as u64;
        let b_at = image.offsets[b.0 as usize];
        assert_eq!(
            image.words[b_at + 2],
            base + image.offsets[a.0 as usize] as u64 * 8
        );
        assert_eq!(image.words[b_at + 1] >> 32, u64::from(b.0));
        assert_eq!(image.words[image.offsets[a.0 as usize] + 2], 7);
    }
}
