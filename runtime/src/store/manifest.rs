//! The manifest (`<abi>/lib/manifest`): which aggregated shared object is
//! current, how to validate it, and which symbols it defines.
//!
//! ```text
//! naruby-code-store-manifest 1
//! generation 7
//! library agg-7-0123456789abcdef.so
//! size 123456
//! blake3 <64 hex digits>
//! symbol SD_<32 hex digits>
//! ...
//! ```

use super::is_symbol;

const MAGIC: &str = "naruby-code-store-manifest 1";

/// A parsed manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Manifest {
    pub generation: u64,
    /// File name (no directory) of the aggregate under `lib/`.
    pub library: String,
    pub size: u64,
    pub blake3: String,
    pub symbols: Vec<String>,
}

/// Whether `name` is an aggregate's file name: `agg-<digits>-<hex>.so`.
pub(super) fn is_library_name(name: &str) -> bool {
    let Some(rest) = name
        .strip_prefix("agg-")
        .and_then(|r| r.strip_suffix(".so"))
    else {
        return false;
    };
    let Some((gen, token)) = rest.split_once('-') else {
        return false;
    };
    !gen.is_empty()
        && gen.bytes().all(|b| b.is_ascii_digit())
        && !token.is_empty()
        && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The generation number in an aggregate's file name.
pub(super) fn library_generation(name: &str) -> Option<u64> {
    if !is_library_name(name) {
        return None;
    }
    name["agg-".len()..].split('-').next()?.parse().ok()
}

impl Manifest {
    pub fn render(&self) -> String {
        let mut out = format!(
            "{MAGIC}\ngeneration {}\nlibrary {}\nsize {}\nblake3 {}\n",
            self.generation, self.library, self.size, self.blake3
        );
        for s in &self.symbols {
            out.push_str("symbol ");
            out.push_str(s);
            out.push('\n');
        }
        out
    }

    /// Parses strictly; anything unexpected is `None` (treated as no manifest).
    pub fn parse(text: &str) -> Option<Manifest> {
        let mut lines = text.lines();
        if lines.next()? != MAGIC {
            return None;
        }
        let mut field = |key: &str| -> Option<String> {
            let line = lines.next()?;
            line.strip_prefix(key)?
                .strip_prefix(' ')
                .map(str::to_string)
        };
        let generation = field("generation")?.parse().ok()?;
        let library = field("library")?;
        let size = field("size")?.parse().ok()?;
        let blake3 = field("blake3")?;
        if !is_library_name(&library)
            || blake3.len() != 64
            || !blake3
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        {
            return None;
        }
        let mut symbols = Vec::new();
        for line in lines {
            let s = line.strip_prefix("symbol ")?;
            if !is_symbol(s) {
                return None;
            }
            symbols.push(s.to_string());
        }
        if !text.ends_with('\n') {
            return None;
        }
        Some(Manifest {
            generation,
            library,
            size,
            blake3,
            symbols,
        })
    }
}
