//! What naruby adds to the C compiler's command lines beyond the user's
//! flags, for the compiler it runs: options found to matter for GCC
//! (measured in benches/NOTES.md), none for any other compiler.

/// Options naruby adds when GCC compiles its C, whatever the flags. GCC's
/// scalar replacement of aggregates would cost the tail calls into function
/// bodies (naruby.h); switched off on the command line rather than by the
/// header's pragma, which gives every function options of its own and so
/// has gcc set its back end up again for each (a quarter of a small
/// entry's compile and of an AOT build, benches/NOTES.md). `NR_SRA_OFF`
/// tells the header to leave the pragma out. `-pipe` hands the assembly to
/// the assembler through a pipe instead of a temporary file: 3 ms of a
/// small entry's 49 (the JIT's request-to-swap latency).
pub const GCC_FLAGS: &[&str] = &["-fno-tree-sra", "-DNR_SRA_OFF", "-pipe"];

/// gcc's `inline-unit-growth` (percent; its default is 40) for the units
/// naruby deems small: AOT units of programs up to
/// `aot::GENEROUS_INLINING_MAX_NODES` nodes and code-store units of up to
/// [`GENEROUS_INLINING_MAX_BYTES`] of C. gcc counts growth only in units
/// past 10,000 of its instructions, where the node dispatchers' inlining
/// into each other spends the default budget before region code is
/// inlined whole (benches/NOTES.md).
pub const INLINE_UNIT_GROWTH: u32 = 400;

/// gcc's `max-inline-insns-single` (its default is 200 at -O3) for small
/// units: a region's register entry holds its callees' register entries
/// inlined, so a chain's entry near the top grows past the default before
/// it is inlined into its caller, and a 40-deep chain's AOT loop kept
/// calls into its lower half (benches/NOTES.md).
pub const MAX_INLINE_INSNS_SINGLE: u32 = 400;

/// gcc's `large-stack-frame` (bytes; its default is 256) for small units.
/// Every register entry has its frame as a C array, which inlining adds
/// to its caller's frame as gcc estimates it, although the arrays become
/// registers afterwards; with the default, the call into a 20-deep
/// chain's region stayed out of line (benches/NOTES.md).
pub const LARGE_STACK_FRAME: u32 = 4096;

/// Code-store units of at most this much C get the generous inlining
/// options from GCC: chain40's entries (up to 295 KB) do, a 1000-function
/// top level (4.4 MB) and the entries of chains twice as deep (up to 842
/// KB), whose compiles already take seconds, do not.
pub const GENEROUS_INLINING_MAX_BYTES: usize = 512 * 1024;

/// The options that give GCC [`INLINE_UNIT_GROWTH`],
/// [`MAX_INLINE_INSNS_SINGLE`] and [`LARGE_STACK_FRAME`].
pub fn generous_inlining_flags() -> Vec<String> {
    vec![
        format!("--param=inline-unit-growth={INLINE_UNIT_GROWTH}"),
        format!("--param=max-inline-insns-single={MAX_INLINE_INSNS_SINGLE}"),
        format!("--param=large-stack-frame={LARGE_STACK_FRAME}"),
    ]
}

/// Options naruby adds when GCC links stored objects into a shared library
/// (compiled with `cflags`). Unless those ask for link-time optimization
/// the objects hold no LTO code, so `ld` need not load GCC's LTO plugin:
/// about 4 of the 11 ms that linking a JIT entry's library took
/// (benches/NOTES.md).
pub fn gcc_link_flags(cflags: &[String]) -> Vec<String> {
    if cflags.iter().any(|f| f.starts_with("-flto")) {
        Vec::new()
    } else {
        vec!["-fno-use-linker-plugin".to_string()]
    }
}

/// The options a code store gives its compiler: the same for every unit
/// and library it builds, so worked out once when the store is opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompilerOptions {
    /// After the flags, whenever a unit is compiled ([`GCC_FLAGS`]).
    pub compile: Vec<String>,
    /// Before the flags, when a unit has at most
    /// [`GENEROUS_INLINING_MAX_BYTES`] of C ([`generous_inlining_flags`]).
    pub small_unit: Vec<String>,
    /// When stored objects are linked ([`gcc_link_flags`]).
    pub link: Vec<String>,
}

impl CompilerOptions {
    /// The options for a compiler that is GCC (`gcc`) or not, whose units
    /// are compiled with `cflags`.
    pub fn for_compiler(gcc: bool, cflags: &[String]) -> Self {
        if !gcc {
            return CompilerOptions::default();
        }
        CompilerOptions {
            compile: GCC_FLAGS.iter().map(|f| f.to_string()).collect(),
            small_unit: generous_inlining_flags(),
            link: gcc_link_flags(cflags),
        }
    }

    /// The options a unit of `bytes` of C gets before the flags.
    pub fn small_unit_options(&self, bytes: usize) -> &[String] {
        if bytes <= GENEROUS_INLINING_MAX_BYTES {
            &self.small_unit
        } else {
            &[]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(f: &str) -> Vec<String> {
        f.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn gcc_links_skip_the_lto_plugin_unless_the_flags_ask_for_lto() {
        assert_eq!(
            gcc_link_flags(&flags(crate::DEFAULT_CFLAGS)),
            ["-fno-use-linker-plugin"]
        );
        assert!(gcc_link_flags(&flags("-O2 -flto=auto")).is_empty());
    }

    #[test]
    fn only_gcc_gets_options_and_only_small_units_the_inlining_budget() {
        let cflags = flags(crate::DEFAULT_CFLAGS);
        assert_eq!(
            CompilerOptions::for_compiler(false, &cflags),
            CompilerOptions::default()
        );
        let gcc = CompilerOptions::for_compiler(true, &cflags);
        assert_eq!(gcc.compile, GCC_FLAGS);
        assert_eq!(gcc.link, gcc_link_flags(&cflags));
        let limit = GENEROUS_INLINING_MAX_BYTES;
        assert_eq!(gcc.small_unit_options(limit), generous_inlining_flags());
        assert!(gcc.small_unit_options(limit + 1).is_empty());
    }
}
