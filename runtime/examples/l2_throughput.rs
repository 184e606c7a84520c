//! Measures an L2 compile server's throughput: starts `naruby jit l2` on
//! loopback with a fresh object store, sends it COUNT distinct entries
//! (function bodies that differ in a constant) over CONNECTIONS
//! authenticated sessions at once, as that many L1 workers would, and
//! reports compiles per second.
//!
//! ```text
//! cargo build --release
//! cargo run --release -p naruby --example l2_throughput -- [COUNT] [CONNECTIONS] [COMPILE-COMMAND]
//! DISTCC_HOSTS=127.0.0.1:3632 cargo run --release -p naruby --example l2_throughput -- 200 4 "distcc cc"
//! ```

use naruby::jit::proto::{self, Msg, SharedKey};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let count: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    let connections: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(2);
    let command = args.get(3).cloned();

    let dir = tempfile::tempdir().expect("a temporary directory");
    let key_material = "l2 throughput measurement key, 0123456789";
    let key_path = dir.path().join("key");
    std::fs::write(&key_path, key_material).expect("write the key");
    std::fs::set_permissions(&key_path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let key = SharedKey::from_material(key_material.as_bytes()).expect("a key");

    // the naruby binary next to this example's directory
    let exe = std::env::current_exe().expect("own path");
    let naruby = exe
        .parent()
        .and_then(|p| p.parent())
        .map(|p| p.join("naruby"))
        .expect("target directory");
    let store = dir.path().join("l2store");
    let mut cmd = Command::new(&naruby);
    cmd.arg("--code-store")
        .arg(&store)
        .args(["jit", "l2", "--listen", "127.0.0.1:0", "--key-file"])
        .arg(&key_path)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    if let Some(c) = &command {
        cmd.args(["--compile-command", c]);
    }
    let mut l2 = cmd.spawn().expect("start naruby jit l2");
    let mut line = String::new();
    BufReader::new(l2.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("L2's address");
    let addr = line.trim().trim_start_matches("listening on ").to_string();

    // COUNT distinct function bodies
    let mut src = String::new();
    for k in 0..count {
        src.push_str(&format!(
            "def f{k}(a)\n  b = a * {}\n  b + {k}\nend\n",
            k + 2
        ));
    }
    src.push_str("p 0\n");
    let lowered = naruby::driver::compile(&naruby::driver::Source {
        name: "throughput.rb".into(),
        text: src,
    })
    .expect("the generated program compiles");
    let roots = naruby::entries::entry_roots(&lowered);
    let trees: Vec<Vec<u8>> = roots[1..]
        .iter()
        .map(|&r| naruby::jit::wire::encode(&lowered.ast, r, &[]))
        .collect();
    let abi = naruby::modes::open_store_at(dir.path().join("probe"))
        .expect("a store")
        .abi()
        .to_string();

    let queue = Arc::new(Mutex::new(trees));
    let started = Instant::now();
    let workers: Vec<_> = (0..connections)
        .map(|_| {
            let queue = queue.clone();
            let (addr, abi, key) = (addr.clone(), abi.clone(), key.clone());
            std::thread::spawn(move || {
                let stream = TcpStream::connect(&addr).expect("connect to L2");
                let mut ch = proto::connect(stream, &abi, Some(&key)).expect("authenticated");
                let mut done = 0;
                loop {
                    let Some(tree) = queue.lock().expect("queue").pop() else {
                        return done;
                    };
                    ch.send(&Msg::Compile { tree }).expect("send");
                    match ch.recv() {
                        Ok(Some(Msg::Object { .. })) => done += 1,
                        other => panic!("unexpected answer: {other:?}"),
                    }
                }
            })
        })
        .collect();
    let compiled: usize = workers.into_iter().map(|w| w.join().expect("worker")).sum();
    let secs = started.elapsed().as_secs_f64();
    let _ = l2.kill();
    let _ = l2.wait();
    println!(
        "{compiled} compiles over {connections} connections in {secs:.2} s: {:.1} compiles/s (compile command: {})",
        compiled as f64 / secs,
        command.as_deref().unwrap_or("$CC or cc")
    );
}
