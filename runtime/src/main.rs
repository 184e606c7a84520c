//! The `naruby` command line.

use clap::Parser;
use naruby::aot;
use naruby::driver::{self, Source};
use naruby::modes::{self, Mode, StoreOptions};
use naruby::store::{self, StoreConfig};
use std::io::{Read, Write};
use std::process::ExitCode;

/// naruby runs an integer-only subset of Ruby with an interpreter generated
/// from node.def (ASTro).
#[derive(Parser, Debug)]
#[command(name = "naruby", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// The program to run (standard input when neither FILE nor -e is given)
    #[arg(value_name = "FILE")]
    file: Option<String>,

    /// Run CODE instead of a file (errors name it `-e`)
    #[arg(short = 'e', value_name = "CODE", conflicts_with = "file")]
    eval: Option<String>,

    /// Interpret only; never touch the code store
    #[arg(long, conflicts_with_all = ["compile", "pg"])]
    plain: bool,

    /// Specialize the program into the code store, bind it, then run
    #[arg(long, conflicts_with = "pg")]
    compile: bool,

    /// With --compile: store plain specialized code, speculating neither on
    /// a stored profile nor on the program text (to compare with, or to
    /// rule speculation out)
    #[arg(long, requires = "compile")]
    no_speculation: bool,

    /// JIT: run interpreted while a JIT thread (L0) has function bodies
    /// compiled by the L1 daemon (started on demand) and swaps them in
    #[arg(long, conflicts_with_all = ["plain", "compile", "pg"])]
    jit: bool,

    /// Calls after which --jit compiles a function body (default 100); a
    /// loop's body: ten times as many iterations
    #[arg(long, value_name = "N", requires = "jit", value_parser = clap::value_parser!(u32).range(1..))]
    jit_threshold: Option<u32>,

    /// Profile-guided: run recording which function every call site calls,
    /// then store the profile and code specialized on it; later runs (and
    /// --aot) use them
    #[arg(long)]
    pg: bool,

    /// Report on stderr how much ran specialized, store hits/misses, compile
    /// time, guarded direct calls, regions of region code entered (with
    /// --aot: where its speculation came from)
    #[arg(long)]
    stats: bool,

    /// Code store directory (default: $NARUBY_CODE_STORE, else $XDG_CACHE_HOME/naruby, else ~/.cache/naruby)
    #[arg(long, value_name = "DIR", global = true)]
    code_store: Option<std::path::PathBuf>,

    /// Print the node tree with each node's hash instead of running
    #[arg(long)]
    dump_ast: bool,

    /// Print the C of the program's specialized dispatchers (with --aot:
    /// write the executable's whole C translation unit instead of compiling)
    #[arg(long)]
    emit_c: bool,

    /// Build a standalone specialized executable instead of running
    #[arg(long)]
    aot: bool,

    /// Output path for --aot (default: the file's stem; with --emit-c, stem.c)
    #[arg(short = 'o', value_name = "OUT", requires = "aot")]
    output: Option<std::path::PathBuf>,

    /// C compiler for --aot (default: $CC, else cc)
    #[arg(long, value_name = "CC")]
    cc: Option<String>,

    /// C compiler flags for --aot (default: $CFLAGS, else -O3 -falign-loops=64 -falign-jumps=64)
    #[arg(long, value_name = "FLAGS", allow_hyphen_values = true)]
    cflags: Option<String>,

    /// Build the --aot executable as PIC/PIE (default: non-PIC, non-PIE)
    #[arg(long, requires = "aot")]
    pie: bool,
}

impl Cli {
    /// The first argument given that only makes sense when running a
    /// program (`--code-store` is shared with `cache`).
    fn run_argument(&self) -> Option<&'static str> {
        [
            (self.file.is_some(), "the FILE argument"),
            (self.eval.is_some(), "-e"),
            (self.plain, "--plain"),
            (self.compile, "--compile"),
            (self.no_speculation, "--no-speculation"),
            (self.pg, "--pg"),
            (self.jit, "--jit"),
            (self.jit_threshold.is_some(), "--jit-threshold"),
            (self.stats, "--stats"),
            (self.dump_ast, "--dump-ast"),
            (self.emit_c, "--emit-c"),
            (self.aot, "--aot"),
            (self.output.is_some(), "-o"),
            (self.cc.is_some(), "--cc"),
            (self.cflags.is_some(), "--cflags"),
            (self.pie, "--pie"),
        ]
        .into_iter()
        .find_map(|(given, name)| given.then_some(name))
    }
}

#[derive(clap::Subcommand, Debug)]
enum Command {
    /// Inspect or manage the code store
    Cache {
        #[command(subcommand)]
        action: CacheAction,
    },
    /// Run a JIT tier
    Jit {
        #[command(subcommand)]
        tier: JitTier,
    },
}

#[derive(clap::Subcommand, Debug, Clone)]
enum JitTier {
    /// The per-machine daemon: serves every `naruby --jit` of this store and
    /// build over a private Unix socket in the store
    L1 {
        /// Exit after this many seconds without clients or work (default: never)
        #[arg(long, value_name = "SECS")]
        idle_exit: Option<u64>,
        /// Link stored code into the aggregate after this many milliseconds without compiles
        #[arg(long, value_name = "MS", default_value_t = 1000)]
        consolidate_after: u64,
        /// Forward compiles to this L2 compile server (default: $NARUBY_JIT_L2)
        #[arg(long, value_name = "HOST:PORT")]
        l2: Option<String>,
        /// File holding the key shared with L2 (default: $NARUBY_JIT_KEY)
        #[arg(long, value_name = "FILE")]
        key_file: Option<std::path::PathBuf>,
    },
    /// The compile server: compiles for many L1s over TCP, authenticated
    /// with a shared key
    L2 {
        /// Address to listen on (port 0: any free port; the address is printed)
        #[arg(long, value_name = "HOST:PORT")]
        listen: String,
        /// File holding the shared key (default: $NARUBY_JIT_KEY); required
        #[arg(long, value_name = "FILE")]
        key_file: Option<std::path::PathBuf>,
        /// Command that runs the compiles, e.g. "distcc cc" (default: $CC, else cc)
        #[arg(long, value_name = "CMD")]
        compile_command: Option<String>,
        /// Sessions served at once; peers over it are refused (their L1s compile locally)
        #[arg(long, value_name = "N", default_value_t = naruby::jit::l2::DEFAULT_MAX_SESSIONS,
              value_parser = clap::value_parser!(u32).range(1..))]
        max_sessions: u32,
    },
}

#[derive(clap::Subcommand, Debug, Clone, Copy)]
enum CacheAction {
    /// Show entries, sizes and the limit
    Stats,
    /// Remove every stored entry
    Clear,
    /// Print the store's directory
    Path,
    /// Check the store's consistency
    Verify,
}

/// The front end recurses over the syntax tree; give it room for deeply
/// nested programs. (The program itself runs on the C runtime's own stack.)
const FRONT_END_STACK: usize = 512 << 20;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let worker = std::thread::Builder::new()
        .name("naruby".into())
        .stack_size(FRONT_END_STACK)
        .spawn(move || real_main(cli));
    match worker.map(|w| w.join()) {
        Ok(Ok(code)) => ExitCode::from(code),
        _ => {
            eprintln!("naruby: internal error");
            ExitCode::from(1)
        }
    }
}

fn real_main(cli: Cli) -> u8 {
    if let Some(Command::Cache { action }) = cli.command {
        if let Some(arg) = cli.run_argument() {
            return fail(&format!(
                "naruby: `cache` manages the store and runs no program; drop {arg}\n"
            ));
        }
        return cache_command(action, cli.code_store.clone());
    }
    if let Some(Command::Jit { tier }) = &cli.command {
        if let Some(arg) = cli.run_argument() {
            return fail(&format!(
                "naruby: `jit` runs a JIT tier, not a program; drop {arg}\n"
            ));
        }
        return jit_command(tier.clone(), cli.code_store.clone());
    }
    let source = match (&cli.eval, &cli.file) {
        (Some(code), _) => Ok(Source {
            name: "-e".into(),
            text: code.clone(),
        }),
        (None, Some(path)) => Source::from_file(path),
        (None, None) => {
            let mut bytes = Vec::new();
            match std::io::stdin().read_to_end(&mut bytes) {
                Ok(_) => Source::from_bytes("-", bytes),
                Err(e) => Err(format!("naruby: cannot read standard input: {e}\n")),
            }
        }
    };
    let source = match source {
        Ok(s) => s,
        Err(message) => return fail(&message),
    };
    let lowered = match driver::compile(&source) {
        Ok(l) => l,
        Err(message) => return fail(&message),
    };
    if cli.dump_ast {
        let mut out = std::io::stdout().lock();
        return match out.write_all(driver::dump_ast(&lowered).as_bytes()) {
            Ok(()) => 0,
            Err(_) => 1,
        };
    }
    if cli.aot {
        return build_aot(&cli, &source, &lowered);
    }
    if cli.emit_c {
        let mut out = std::io::stdout().lock();
        return u8::from(out.write_all(driver::emit_c(&lowered).as_bytes()).is_err());
    }
    let mode = if cli.plain {
        Mode::Plain
    } else if cli.compile {
        Mode::Compile
    } else if cli.pg {
        Mode::Profile
    } else if cli.jit {
        Mode::Jit
    } else {
        Mode::Default
    };
    let opts = StoreOptions {
        dir: cli.code_store.clone(),
        stats: cli.stats,
        jit_threshold: cli.jit_threshold.unwrap_or(0),
        no_speculation: cli.no_speculation,
    };
    let status = modes::run(&source, &lowered, mode, &opts);
    u8::try_from(status & 0xff).unwrap_or(1)
}

fn jit_command(tier: JitTier, dir: Option<std::path::PathBuf>) -> u8 {
    let root = match StoreConfig::locate(dir) {
        Ok(root) => root,
        Err(e) => return fail(&format!("naruby: {e}\n")),
    };
    match tier {
        JitTier::L1 {
            idle_exit,
            consolidate_after,
            l2,
            key_file,
        } => {
            let l2 = l2.or_else(|| {
                std::env::var(naruby::jit::L2_VAR)
                    .ok()
                    .filter(|v| !v.trim().is_empty())
            });
            let remote = match l2 {
                None => None,
                Some(addr) => match naruby::jit::load_key(key_file.as_deref()) {
                    Ok(Some(key)) => Some(naruby::jit::l2::Remote { addr, key }),
                    Ok(None) => {
                        return fail(&format!(
                            "naruby jit l1: an L2 needs a shared key (--key-file or ${})\n",
                            naruby::jit::KEY_VAR
                        ))
                    }
                    Err(e) => return fail(&format!("naruby jit l1: {e}\n")),
                },
            };
            let opts = naruby::jit::l1::L1Options {
                store_root: root,
                idle_exit: idle_exit.map(std::time::Duration::from_secs),
                consolidate_after: std::time::Duration::from_millis(consolidate_after),
                l2: remote,
            };
            match naruby::jit::l1::serve(opts) {
                Ok(()) => 0,
                Err(e) => fail(&format!("naruby jit l1: {e}\n")),
            }
        }
        JitTier::L2 {
            listen,
            key_file,
            compile_command,
            max_sessions,
        } => {
            let key = match naruby::jit::load_key(key_file.as_deref()) {
                Ok(Some(key)) => key,
                Ok(None) => {
                    return fail(&format!(
                        "naruby jit l2: a shared key is required (--key-file or ${})\n",
                        naruby::jit::KEY_VAR
                    ))
                }
                Err(e) => return fail(&format!("naruby jit l2: {e}\n")),
            };
            let opts = naruby::jit::l2::L2Options {
                listen,
                store_root: root,
                key,
                compile_command,
                max_sessions: max_sessions as usize,
            };
            match naruby::jit::l2::serve(opts) {
                Ok(()) => 0,
                Err(e) => fail(&format!("naruby jit l2: {e}\n")),
            }
        }
    }
}

fn build_aot(cli: &Cli, source: &Source, lowered: &naruby::lower::Lowered) -> u8 {
    // follow the program's stored profile, if there is a store holding one
    let store_exists = StoreConfig::locate(cli.code_store.clone()).is_ok_and(|dir| dir.is_dir());
    let profile = store_exists
        .then(|| {
            modes::open_store(&StoreOptions {
                dir: cli.code_store.clone(),
                ..StoreOptions::default()
            })
        })
        .and_then(Result::ok)
        .and_then(|store| modes::stored_profile(&store, lowered));
    let (spec, from) = naruby::speculate::program_speculation(lowered, profile.as_ref());
    if cli.stats {
        let from = match from {
            naruby::speculate::SpeculationSource::Profile => "the stored --pg profile",
            naruby::speculate::SpeculationSource::Text => "the program text (no stored profile)",
        };
        eprintln!(
            "naruby stats: --aot speculates on {} names, from {from}",
            spec.len()
        );
    }
    let unit = aot::c_source(source, lowered, spec);
    let stem = aot::default_output(source);
    if cli.emit_c {
        let path = cli
            .output
            .clone()
            .unwrap_or_else(|| stem.with_extension("c"));
        return match std::fs::write(&path, &unit.c) {
            Ok(()) => 0,
            Err(e) => fail(&format!("naruby: cannot write {}: {e}\n", path.display())),
        };
    }
    let output = cli.output.clone().unwrap_or(stem);
    let config = aot::CompilerConfig::from_env(cli.cc.clone(), cli.cflags.clone(), cli.pie);
    match aot::compile(&unit, &output, &config) {
        Ok(checks) => {
            if cli.stats && !unit.room.entries.is_empty() {
                match checks {
                    aot::RegionChecks::Dropped(bytes) => eprintln!(
                        "naruby stats: region code's calls into recursive or deeply \
                         nested callees run without C stack checks ({bytes} bytes of C stack \
                         per value-stack slot)"
                    ),
                    aot::RegionChecks::Kept => eprintln!(
                        "naruby stats: region code's calls into recursive or deeply nested \
                         callees check the C stack"
                    ),
                    aot::RegionChecks::KeptForChains => eprintln!(
                        "naruby stats: region code's calls into deeply nested callees check \
                         the C stack (none is recursive)"
                    ),
                }
            }
            0
        }
        Err(message) => fail(&message),
    }
}

/// The last line of `naruby cache verify` on a consistent store.
const CONSISTENT: &str = "store is consistent\n";

fn cache_command(action: CacheAction, dir: Option<std::path::PathBuf>) -> u8 {
    let root = match StoreConfig::locate(dir) {
        Ok(root) => root,
        Err(e) => return fail(&format!("naruby: {e}\n")),
    };
    let open = || modes::open_store_at(root.clone());
    let result = match action {
        CacheAction::Path => Ok(format!("{}\n", root.display())),
        CacheAction::Clear => {
            store::clear_store(&root).map(|()| format!("cleared {}\n", root.display()))
        }
        CacheAction::Stats => open().and_then(|s| s.stats()).map(|s| format!("{s}\n")),
        CacheAction::Verify => open().and_then(|s| s.verify()).map(|found| {
            let mut text: String = found
                .leftovers
                .iter()
                .map(|l| format!("leftover of an interrupted process: {l}\n"))
                .chain(found.problems.iter().map(|p| format!("{p}\n")))
                .collect();
            if found.problems.is_empty() {
                text.push_str(CONSISTENT);
            }
            text
        }),
    };
    match result {
        Ok(text) => {
            print!("{text}");
            u8::from(matches!(action, CacheAction::Verify) && !text.ends_with(CONSISTENT))
        }
        Err(e) => fail(&format!("naruby: {e}\n")),
    }
}

fn fail(message: &str) -> u8 {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(message.as_bytes());
    1
}
