//! The `naruby` command line.

use clap::Parser;
use naruby::driver::{self, Source};
use std::io::{Read, Write};
use std::process::ExitCode;

/// naruby runs an integer-only subset of Ruby with an interpreter generated
/// from node.def (ASTro).
#[derive(Parser, Debug)]
#[command(name = "naruby", version, about, long_about = None)]
struct Cli {
    /// The program to run (standard input when neither FILE nor -e is given)
    #[arg(value_name = "FILE")]
    file: Option<String>,

    /// Run CODE instead of a file (errors name it `-e`)
    #[arg(short = 'e', value_name = "CODE", conflicts_with = "file")]
    eval: Option<String>,

    /// Interpret only; never touch the code store
    #[arg(long)]
    plain: bool,

    /// Print the node tree with each node's hash instead of running
    #[arg(long)]
    dump_ast: bool,
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
    let _ = cli.plain; // the code store arrives with specialization
    let status = driver::run(&source, &lowered);
    u8::try_from(status & 0xff).unwrap_or(1)
}

fn fail(message: &str) -> u8 {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(message.as_bytes());
    1
}
