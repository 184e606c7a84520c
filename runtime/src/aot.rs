//! `naruby --aot`: one self-contained C translation unit per program —
//! the runtime, the evaluators, a specialized dispatcher for every subtree,
//! and the AST as static data with those dispatchers already bound — and the
//! C compiler run that turns it into a standalone executable.

use crate::driver::Source;
use crate::lower::Lowered;
use crate::node::{c_int64, Operand};
use crate::specialize::{RegionRoom, Specializer};
use crate::speculate::Speculation;
use astrogen::emit::c_string;
use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

const NARUBY_H: &str = include_str!("../csrc/naruby.h");
const RUNTIME_C: &str = include_str!("../csrc/runtime.c");
const NODES_H: &str = include_str!(concat!(env!("OUT_DIR"), "/nodes.h"));
const NODES_C: &str = include_str!(concat!(env!("OUT_DIR"), "/nodes.c"));

/// The generated definition of the interpreter's dispatcher `name` (from
/// nodes.c, which the executable does not otherwise include).
fn generic_dispatcher(name: &str) -> &'static str {
    let head = format!("RESULT {name}(NODE *n, VALUE *fp)\n{{");
    let start = NODES_C
        .find(&head)
        .unwrap_or_else(|| panic!("nodes.c defines {name}"));
    let end = start + NODES_C[start..].find("\n}\n").expect("dispatcher ends") + 3;
    &NODES_C[start..end]
}

/// How to compile the executable.
#[derive(Debug, Clone)]
pub struct CompilerConfig {
    pub cc: String,
    pub cflags: Vec<String>,
    /// Build position-independent code and a PIE (off by default: non-PIC,
    /// non-PIE code avoids a per-access tax on globals and calls).
    pub pie: bool,
}

impl CompilerConfig {
    /// `--cc`/`--cflags` when given, else `CC`/`CFLAGS`, else `cc` with
    /// [`crate::DEFAULT_CFLAGS`].
    pub fn from_env(cc: Option<String>, cflags: Option<String>, pie: bool) -> Self {
        let cc = cc
            .or_else(|| std::env::var("CC").ok().filter(|s| !s.trim().is_empty()))
            .unwrap_or_else(|| "cc".to_string());
        let cflags = cflags
            .or_else(|| std::env::var("CFLAGS").ok())
            .unwrap_or_else(|| crate::DEFAULT_CFLAGS.to_string());
        CompilerConfig {
            cc,
            cflags: cflags.split_whitespace().map(String::from).collect(),
            pie,
        }
    }
}

/// Removes lines that only make sense for separately compiled files.
fn strip_lines(text: &str, drop: &[&str]) -> String {
    text.lines()
        .filter(|l| !drop.contains(&l.trim()))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Programs up to this many nodes get a dispatcher per node in the
/// executable, with the node's address a constant (see
/// `Specializer::per_node`): fib(25) 9.98 M to 7.29 M instructions,
/// compose 300 M to 234 M. Larger programs keep one dispatcher per distinct
/// subtree: in the 1000-function program (7,010 nodes) gcc's unit-growth
/// limit already stops inlining, and per-node code took 18% more
/// instructions (benches/NOTES.md).
pub const PER_NODE_MAX_NODES: usize = 4096;

/// Programs up to this many nodes let gcc grow their unit by inlining up
/// to [`crate::cc_options::INLINE_UNIT_GROWTH`] percent instead of its default 40
/// (and inline larger functions: [`crate::cc_options::generous_inlining_flags`]). In a unit
/// that large (gcc counts growth past 10,000 of its instructions) the
/// node dispatchers' inlining into each other spends the default budget
/// first, and the region code of a 40-deep call chain was left as 20
/// calls: 0.205 s against 0.048 s when inlined whole. Beyond a thousand
/// nodes the build time grew by a half to twice (benches/NOTES.md), so
/// larger programs keep gcc's default.
pub const GENEROUS_INLINING_MAX_NODES: usize = 1024;

/// A program's translation unit, and what its region code's C stack checks
/// depend on.
pub struct Unit {
    pub c: String,
    pub room: RegionRoom,
    /// The program's node count.
    pub nodes: usize,
}

/// The whole translation unit for a program, whose calls speculate as
/// `spec` says (see [`speculation`]).
pub fn c_source(src: &Source, lowered: &Lowered, spec: Speculation) -> Unit {
    let ast = &lowered.ast;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "/* naruby --aot: {} -- generated, self-contained */",
        src.name
    );
    out.push_str("#define _GNU_SOURCE\n");
    out.push_str(NARUBY_H);
    out.push_str(&strip_lines(NODES_H, &["#include \"naruby.h\""]));
    out.push_str(&strip_lines(
        RUNTIME_C,
        &["#define _GNU_SOURCE", "#include \"naruby.h\""],
    ));

    // the nodes are declared first: each dispatcher names its own node
    out.push_str("\n/* ---- the program's nodes (defined below) ---- */\n");
    for id in ast.ids() {
        let _ = writeln!(
            out,
            "static struct NODE_{} node_{};",
            ast.kind(id).name(),
            id.0
        );
    }
    out.push_str("\n/* ---- specialized dispatchers ---- */\n");
    let mut sp = if ast.len() <= PER_NODE_MAX_NODES {
        Specializer::per_node(ast, lowered.root, spec)
    } else {
        Specializer::with_speculation(ast, spec)
    };
    sp.add_tree(lowered.root);
    let mut symbols: Vec<String> = ast.ids().map(|id| sp.symbol(id)).collect();
    let room = sp.region_room().clone();
    out.push_str(&sp.finish());
    // Tiny function bodies keep the generic dispatcher, as in the code store:
    // one shared function instead of a thousand one-node copies.
    let mut generic = std::collections::BTreeSet::new();
    for id in crate::entries::tiny_entry_nodes_of(lowered) {
        let name = format!("DISPATCH_{}", ast.kind(id).name());
        symbols[id.0 as usize] = name.clone();
        generic.insert(name);
    }
    for name in &generic {
        out.push_str(generic_dispatcher(name));
        out.push('\n');
    }

    out.push_str("/* ---- the program's nodes, dispatchers bound ---- */\n");
    for id in ast.ids() {
        let kind = ast.kind(id);
        let mut fields = vec![format!(
            "{{ {}, NR_KIND_{}, {} }}",
            symbols[id.0 as usize],
            kind.name(),
            id.0
        )];
        for op in ast.operands(id) {
            if *op == Operand::Target {
                continue; // no storage
            }
            fields.push(match *op {
                Operand::Node(c) | Operand::Entry(c) => format!("&node_{}.head", c.0),
                Operand::Local(v) | Operand::U32(v) => format!("{v}u"),
                Operand::I64(v) => c_int64(v),
                Operand::Name(s) => format!("{}u", s.0),
                Operand::Side => "{ 0 }".to_string(),
                Operand::Target => unreachable!("skipped above"),
            });
        }
        let _ = writeln!(
            out,
            "static struct NODE_{} node_{} = {{ {} }};",
            kind.name(),
            id.0,
            fields.join(", ")
        );
    }
    out.push_str("\nstatic const char *const program_names[] = {\n");
    for name in ast.names() {
        let _ = writeln!(out, "    {},", c_string(name));
    }
    out.push_str("    0\n};\n");
    out.push_str("static const uint32_t program_lines[] = {\n");
    for chunk in ast.lines().chunks(16) {
        let row: Vec<String> = chunk.iter().map(|l| format!("{l}u")).collect();
        let _ = writeln!(out, "    {},", row.join(", "));
    }
    out.push_str("    0\n};\n\n");
    let _ = writeln!(
        out,
        "int main(void)\n{{\n    static const nr_program prog = {{\n        &node_{}.head, {}u, {}, program_names, {}u, program_lines, {}u, NULL\n    }};\n    return nr_run(&prog);\n}}",
        lowered.root.0,
        lowered.nslots,
        c_string(&src.name),
        ast.names().len(),
        ast.len()
    );
    Unit {
        c: out,
        room,
        nodes: ast.len(),
    }
}

/// The default executable name: the file's stem (`prog.rb` → `prog`).
pub fn default_output(src: &Source) -> PathBuf {
    let stem = Path::new(&src.name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty() && s != "-" && s != "-e")
        .unwrap_or_else(|| "a.out".to_string());
    PathBuf::from(stem)
}

/// The C stack that region code may take per value-stack slot when its
/// calls skip the C stack check (`NR_REGION_ROOM` in naruby.h). At the
/// value stack's 8M slots this asks for 1.5 GiB of the C stack's 2 GiB on
/// entry from the top level.
pub const REGION_FRAME_BYTES: u64 = 192;

/// Compiles the translation unit into `output`. The compiler's message is
/// returned on failure.
///
/// With gcc at `-O2` and above, a unit with recursive region code is first
/// built without its C stack checks (`NR_REGION_ROOM`). (Not a unit whose
/// checked calls only go down chains deeper than `NR_UNCHECKED_DEPTH`:
/// their frames add up past the bound, so that build was always thrown
/// away, and building twice made a deep chain's build twice as slow.) One recursive
/// region call nests at most the C frames of all the unit's region code
/// (its recursive register entries and any region dispatcher gcc left out
/// of line; calls of non-recursive code nest a bounded number of frames,
/// within the C stack's margin) and advances the value stack by at least
/// `room.min_advance` slots. If gcc's `-fstack-usage` shows more than
/// [`REGION_FRAME_BYTES`] per slot (or usage it cannot bound), the unit is
/// built again with the checks.
/// Returns what became of the checks.
pub fn compile(
    unit: &Unit,
    output: &Path,
    config: &CompilerConfig,
) -> Result<RegionChecks, String> {
    let dir = tempfile::Builder::new()
        .prefix("naruby-aot")
        .tempdir()
        .map_err(|e| format!("naruby: cannot create a temporary directory: {e}\n"))?;
    let c_path = dir.path().join("program.c");
    std::fs::write(&c_path, &unit.c)
        .map_err(|e| format!("naruby: cannot write {}: {e}\n", c_path.display()))?;
    let gcc = crate::store::is_gcc(&crate::store::ask_compiler(&config.cc));
    let inline_regions = forces_region_inlining(&config.cflags);
    let generous = generous_inlining(gcc, &config.cflags, unit.nodes);
    let advance = unit.room.min_advance.unwrap_or(0);
    if advance > 0 && !unit.room.recursive {
        return run(
            command(config, &c_path, output, gcc, inline_regions, generous),
            config,
        )
        .map(|()| RegionChecks::KeptForChains);
    }
    if gcc && inline_regions && advance > 0 {
        let mut aux = dir.path().as_os_str().to_owned();
        aux.push("/");
        let mut cmd = command(config, &c_path, output, gcc, inline_regions, generous);
        cmd.args([
            "-DNR_REGION_ROOM".to_string(),
            format!("-DNR_REGION_FRAME_BYTES={REGION_FRAME_BYTES}"),
            "-fstack-usage".to_string(),
            "-dumpdir".to_string(),
        ]);
        cmd.arg(aux);
        run(cmd, config)?;
        // no report, no proof: the checks stay
        let usage = std::fs::read_to_string(dir.path().join("program.su")).ok();
        let per_slot = usage
            .and_then(|u| region_stack_bytes(&u, &unit.room.entries))
            .map(|b| b.div_ceil(u64::from(advance)));
        if let Some(bytes) = per_slot.filter(|&b| b <= REGION_FRAME_BYTES) {
            return Ok(RegionChecks::Dropped(bytes));
        }
    }
    run(
        command(config, &c_path, output, gcc, inline_regions, generous),
        config,
    )
    .map(|()| RegionChecks::Kept)
}

/// What became of region code's C stack checks in an `--aot` build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionChecks {
    /// Dropped: gcc's frames for region code take at most this many bytes
    /// of C stack per value-stack slot.
    Dropped(u64),
    /// Kept: the frames were too large or could not be measured, or the
    /// compiler or its flags rule the attempt out.
    Kept,
    /// Kept without a try: the calls that check only go down call chains
    /// deeper than `NR_UNCHECKED_DEPTH`, none into a recursive callee.
    KeptForChains,
}

/// The compiler command for the unit at `c_path`, checks in region code on.
fn command(
    config: &CompilerConfig,
    c_path: &Path,
    output: &Path,
    gcc: bool,
    inline_regions: bool,
    generous: bool,
) -> Command {
    let mut cmd = Command::new(&config.cc);
    cmd.arg("-std=gnu11");
    // before the user's flags, which may set it themselves
    if generous {
        cmd.args(crate::cc_options::generous_inlining_flags());
    }
    cmd.args(&config.cflags);
    if gcc {
        cmd.args(crate::cc_options::GCC_FLAGS);
    }
    if inline_regions {
        cmd.arg("-DNR_INLINE_REGIONS");
    }
    if config.pie {
        cmd.args(["-fPIE", "-pie"]);
    } else {
        cmd.args(["-fno-pic", "-no-pie"]);
    }
    cmd.arg("-o").arg(output).arg(c_path).arg("-lpthread");
    cmd
}

fn run(mut cmd: Command, config: &CompilerConfig) -> Result<(), String> {
    let result = cmd
        .output()
        .map_err(|e| format!("naruby: cannot run the C compiler `{}`: {e}\n", config.cc))?;
    if !result.status.success() {
        return Err(format!(
            "naruby: the C compiler failed ({}):\n{}",
            result.status,
            String::from_utf8_lossy(&result.stderr)
        ));
    }
    Ok(())
}

/// The C stack the unit's region code takes in all, from gcc's
/// `-fstack-usage` report (lines `file:line:col:function<TAB>bytes<TAB>
/// qualifiers`; gcc's clones such as `.part.0` count too): the register
/// entries in `entries` and every region dispatcher (`SR_`, `SI_`) left
/// out of line. `None` when one of them is not `static` (its usage depends
/// on run-time sizes) or a line cannot be read.
fn region_stack_bytes(report: &str, entries: &BTreeSet<String>) -> Option<u64> {
    let mut total = 0u64;
    for line in report.lines().filter(|l| !l.trim().is_empty()) {
        let mut fields = line.split('\t');
        let (place, bytes, kind) = (fields.next()?, fields.next()?, fields.next()?);
        let function = place.rsplit(':').next()?;
        let base = function.split('.').next().unwrap_or(function);
        let dispatcher = ["SR_", "SI_"].iter().any(|p| base.starts_with(p));
        if !dispatcher && !entries.contains(base) {
            continue;
        }
        if kind.trim() != "static" {
            return None;
        }
        total = total.checked_add(bytes.trim().parse().ok()?)?;
    }
    Some(total)
}

/// Whether gcc gets the generous inlining options
/// ([`crate::cc_options::generous_inlining_flags`]) for a program of
/// `nodes` nodes (optimizing builds only, as region inlining).
fn generous_inlining(gcc: bool, cflags: &[String], nodes: usize) -> bool {
    gcc && forces_region_inlining(cflags) && nodes <= GENEROUS_INLINING_MAX_NODES
}

/// Whether the flags optimize at `-O2` or above (the last `-O` counts):
/// then gcc resolves the calls of region dispatchers early enough that they
/// can be forced inline (naruby.h, `NR_REGION_INLINE`); at `-O1` forcing
/// would be a compile error.
fn forces_region_inlining(cflags: &[String]) -> bool {
    cflags
        .iter()
        .rev()
        .find(|f| f.starts_with("-O"))
        .is_some_and(|f| matches!(f.as_str(), "-O2" | "-O3" | "-Ofast"))
}

#[cfg(test)]
mod tests {
    use super::{
        command, forces_region_inlining, generous_inlining, region_stack_bytes, BTreeSet,
        CompilerConfig, GENEROUS_INLINING_MAX_NODES, PER_NODE_MAX_NODES,
    };
    use crate::speculate::call_name;
    use crate::speculate::program_speculation as speculation;

    /// The call nodes of `lowered` whose name is `name`.
    fn calls_of(lowered: &crate::lower::Lowered, name: &str) -> Vec<crate::node::NodeId> {
        let ast = &lowered.ast;
        ast.ids()
            .filter(|&id| crate::speculate::has_target(ast.kind(id)))
            .filter(|&id| call_name(ast, id).is_some_and(|s| ast.name(s) == name))
            .collect()
    }

    #[test]
    fn large_programs_do_not_speculate_on_one_node_callees() {
        let program = |padding: usize| {
            let mut src = String::from("def tiny(a)\n  a + 1\nend\n");
            src.push_str("def big(a)\n  b = a + 1\n  b + 2\nend\nx = 0\n");
            for _ in 0..padding {
                src.push_str("x = tiny(x)\nx = big(x)\n");
            }
            src.push_str("p x\n");
            let parsed = crate::syntax::parse(&src).expect("parses");
            crate::lower::lower(&parsed, &src).expect("lowers")
        };
        // small: both names speculate (guarded direct calls)
        let small = program(3);
        assert!(small.ast.len() <= PER_NODE_MAX_NODES);
        let (spec, _) = speculation(&small, None);
        for name in ["tiny", "big"] {
            assert!(calls_of(&small, name)
                .iter()
                .all(|&c| spec.target_of(c).is_some()));
        }
        // large: a one-node body is reached through its inline cache, not
        // copied into each of its call sites
        let large = program(PER_NODE_MAX_NODES / 4);
        assert!(large.ast.len() > PER_NODE_MAX_NODES);
        let (spec, _) = speculation(&large, None);
        assert!(calls_of(&large, "tiny")
            .iter()
            .all(|&c| spec.target_of(c).is_none()));
        assert!(calls_of(&large, "big")
            .iter()
            .all(|&c| spec.target_of(c).is_some()));
    }

    #[test]
    fn region_inlining_is_forced_from_o2_on_and_the_last_o_flag_counts() {
        let flags = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert!(forces_region_inlining(&flags(crate::DEFAULT_CFLAGS)));
        assert!(forces_region_inlining(&flags("-O1 -g -O2")));
        assert!(!forces_region_inlining(&flags(
            "-O3 -fsanitize=address -O1"
        )));
        assert!(!forces_region_inlining(&flags("-Os")));
        assert!(!forces_region_inlining(&flags("-g")));
    }

    #[test]
    fn small_programs_let_gcc_inline_more_before_the_users_flags() {
        let flags = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        let o3 = flags(crate::DEFAULT_CFLAGS);
        assert!(generous_inlining(true, &o3, GENEROUS_INLINING_MAX_NODES));
        assert!(!generous_inlining(
            true,
            &o3,
            GENEROUS_INLINING_MAX_NODES + 1
        ));
        assert!(!generous_inlining(false, &o3, 10), "gcc only");
        assert!(
            !generous_inlining(true, &flags("-O1"), 10),
            "optimizing builds only"
        );

        let config = CompilerConfig {
            cc: "cc".into(),
            cflags: flags("-O3 --param=inline-unit-growth=7"),
            pie: false,
        };
        let path = std::path::Path::new("p.c");
        let args = |generous: bool| -> Vec<String> {
            command(&config, path, path, true, true, generous)
                .get_args()
                .map(|a| a.to_string_lossy().into_owned())
                .collect()
        };
        let ours = "--param=inline-unit-growth=400".to_string();
        let with = args(true);
        let at = |a: &str| with.iter().position(|x| x == a).expect("present");
        // the user's own setting comes later, so it wins
        assert!(at(&ours) < at("--param=inline-unit-growth=7"));
        assert!(!args(false).contains(&ours));
    }

    #[test]
    fn region_stack_usage_sums_region_functions_and_refuses_unbounded_ones() {
        let report = "nodes.h:6626:41:RF_09ec_9\t80\tstatic\n\
                      nodes.h:7041:32:SI_4c46_27\t96\tstatic\n\
                      nodes.h:7041:32:SR_4c46_27.part.0\t16\tstatic\n\
                      program.c:10:5:nr_run\t4096\tdynamic,bounded\n\
                      program.c:20:5:main\t8\tstatic\n";
        let entries: BTreeSet<String> = ["RF_09ec_9".to_string()].into();
        assert_eq!(region_stack_bytes(report, &entries), Some(192));
        // a non-recursive entry out of line does not count
        let other = "nodes.h:1:1:RF_77_3\t48\tstatic\n";
        assert_eq!(region_stack_bytes(other, &entries), Some(0));
        let unbounded = "nodes.h:1:1:RF_09ec_9\t48\tdynamic\n";
        assert_eq!(region_stack_bytes(unbounded, &entries), None);
        assert_eq!(region_stack_bytes("garbage", &entries), None);
    }
}
