//! The FFI layer: the C runtime's symbols, the C image of an `Ast`, and
//! running it. All of naruby's `unsafe` lives in this module.
//!
//! The image is one `Vec<u64>` holding every node in the C layout that
//! astrogen generated (two header words, then one word per operand, side
//! data zeroed). Child pointers are absolute addresses into the same buffer,
//! so the buffer is sized once and never reallocated.

use crate::node::{Ast, NodeId, Operand, KIND_COUNT};
use std::ffi::{c_char, c_void, CString};

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
}

extern "C" {
    static nr_dispatchers: [Dispatcher; KIND_COUNT];
    static nr_layout_table: [u32; 0];
    static nr_layout_table_len: u32;
    fn nr_run(prog: *const NrProgram) -> i32;
    static mut nr_exit_hook: Option<extern "C" fn(i32)>;
    static nr_entered: *const u8;
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
}

/// Runs the program with `bindings` (node → specialized dispatcher address)
/// applied; returns the exit status. Runtime errors and `exit` end the
/// process from inside the C runtime (after flushing stdout), calling
/// `at_exit` first, as does a normal end.
pub fn run(
    ast: &Ast,
    info: &RunInfo,
    bindings: &[(NodeId, usize)],
    at_exit: Option<extern "C" fn(i32)>,
) -> i32 {
    let mut image = Image::new(ast);
    for &(id, address) in bindings {
        image.bind(id, address);
    }
    // SAFETY: the hook is a plain function pointer set before the C
    // runtime starts (single-threaded at this point) and only read by it.
    unsafe { nr_exit_hook = at_exit };
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
    };
    // SAFETY: every pointer in `prog` points into buffers owned by this
    // frame (image, script, names, lines) that outlive the call; the image
    // holds a complete node graph in the generated C layout whose child
    // pointers all point into the same buffer; and nothing on the Rust side
    // touches `image` while C runs and mutates side data through it.
    unsafe { nr_run(&prog) }
}

/// Whether the function body (or top level) rooted at node `id` was
/// entered; meaningful inside the exit hook.
pub fn entered(id: NodeId, node_count: usize) -> bool {
    // SAFETY: nr_entered is allocated by nr_run with one byte per node id
    // (node_count of them) and stays allocated until the process exits; the
    // hook runs after nr_run has set it up.
    unsafe {
        !nr_entered.is_null() && (id.0 as usize) < node_count && *nr_entered.add(id.0 as usize) != 0
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
