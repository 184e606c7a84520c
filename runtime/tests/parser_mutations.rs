//! The front end never panics on mutated corpus programs: every program of
//! tests/programs is mutated (byte flips, deletions, insertions, splices of
//! other programs' lines) a few hundred times with a fixed seed, and each
//! mutant must parse and lower to Ok or Err.

use std::path::Path;

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SPLICE: &[&[u8]] = &[
    b"(", b")", b"def ", b"end", b"\n", b" if ", b"while ", b"-", b"**", b"=", b"+=", b"p ", b",",
    b"?", b":", b"0x", b"1_0", b"return", b"break", b"#", b"\"", b"do", b"!", b";",
];

#[test]
fn mutated_corpus_programs_never_panic() {
    // lowering recurses over the tree, as in the binary's front-end thread
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(mutate_all)
        .unwrap()
        .join()
        .unwrap();
}

fn mutate_all() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/programs");
    let mut programs: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let path = e.ok()?.path();
            (path.extension()? == "rb").then(|| std::fs::read(&path).ok())?
        })
        .collect();
    programs.sort();
    assert!(programs.len() >= 60);
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let mut runs = 0;
    for original in &programs {
        for _ in 0..150 {
            let mut m = original.clone();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(m.len() + 1);
                match rng.below(4) {
                    0 if !m.is_empty() => {
                        let i = at.min(m.len() - 1);
                        m[i] = rng.next() as u8;
                    }
                    1 if !m.is_empty() => {
                        let end = (at + rng.below(8)).min(m.len());
                        m.drain(at.min(end)..end);
                    }
                    2 => {
                        let piece = SPLICE[rng.below(SPLICE.len())];
                        m.splice(at..at, piece.iter().copied());
                    }
                    _ => {
                        let other = &programs[rng.below(programs.len())];
                        let start = rng.below(other.len());
                        let end = (start + rng.below(40)).min(other.len());
                        m.splice(at..at, other[start..end].iter().copied());
                    }
                }
            }
            let text = String::from_utf8_lossy(&m);
            if let Ok(program) = naruby::syntax::parse(&text) {
                let _ = naruby::lower::lower(&program, &text);
            }
            runs += 1;
        }
    }
    assert!(runs >= 60 * 150);
}
