//! A structural check of a compiled object before it enters the store.
//!
//! A compiler that is killed, or a disk that fills up, can leave an object
//! file that is cut short while the compiler still reports success (or a
//! wrapper swallows the failure). Such a file would get a valid checksum and
//! then break every later link of the aggregate. The check here is cheap and
//! catches truncation anywhere: the ELF header must be whole and every
//! section the header table names must lie inside the file.

/// Why an object is not a whole relocatable ELF file, or `None` if it is.
pub(super) fn defect(bytes: &[u8]) -> Option<String> {
    Elf::parse(bytes).err()
}

/// ELF file classes and the offsets of the header fields we read.
struct Layout {
    /// Size of a word-sized field (4 or 8).
    word: usize,
    ehsize: usize,
    shoff: usize,
    shentsize_at: usize,
    shnum_at: usize,
    /// Section header: offset of `sh_offset` and `sh_size`.
    sh_offset: usize,
    sh_size: usize,
}

const ELF32: Layout = Layout {
    word: 4,
    ehsize: 52,
    shoff: 0x20,
    shentsize_at: 0x2E,
    shnum_at: 0x30,
    sh_offset: 0x10,
    sh_size: 0x14,
};

const ELF64: Layout = Layout {
    word: 8,
    ehsize: 64,
    shoff: 0x28,
    shentsize_at: 0x3A,
    shnum_at: 0x3C,
    sh_offset: 0x18,
    sh_size: 0x20,
};

/// `ET_REL`: a relocatable object, what `cc -c` writes.
const ET_REL: u64 = 1;
/// `SHT_NOBITS` sections (`.bss`) occupy no bytes of the file.
const SHT_NOBITS: u64 = 8;

struct Elf<'a> {
    bytes: &'a [u8],
    big_endian: bool,
}

impl Elf<'_> {
    fn parse(bytes: &[u8]) -> Result<(), String> {
        if bytes.len() < 16 || &bytes[..4] != b"\x7fELF" {
            return Err("not an ELF file".into());
        }
        let layout = match bytes[4] {
            1 => &ELF32,
            2 => &ELF64,
            c => return Err(format!("unknown ELF class {c}")),
        };
        let big_endian = match bytes[5] {
            1 => false,
            2 => true,
            d => return Err(format!("unknown ELF data encoding {d}")),
        };
        let elf = Elf { bytes, big_endian };
        if bytes.len() < layout.ehsize {
            return Err("the ELF header is cut short".into());
        }
        if elf.field(16, 2)? != ET_REL {
            return Err("not a relocatable object".into());
        }
        let shoff = elf.field(layout.shoff, layout.word)?;
        let entsize = elf.field(layout.shentsize_at, 2)?;
        let mut count = elf.field(layout.shnum_at, 2)?;
        if shoff == 0 {
            return Err("no section header table".into());
        }
        if entsize < (layout.sh_size + layout.word) as u64 {
            return Err(format!("section header entries of {entsize} bytes"));
        }
        if count == 0 {
            // more sections than fit in 16 bits: section 0 holds the count
            count = elf.field(offset(shoff, layout.sh_size)?, layout.word)?;
        }
        let table_end = count
            .checked_mul(entsize)
            .and_then(|n| n.checked_add(shoff))
            .ok_or("the section header table overflows")?;
        if table_end > bytes.len() as u64 {
            return Err(format!(
                "cut short: the section header table ends at byte {table_end}, the file has {}",
                bytes.len()
            ));
        }
        for i in 0..count {
            let header = shoff + i * entsize;
            if elf.field(offset(header, 4)?, 4)? == SHT_NOBITS {
                continue;
            }
            let start = elf.field(offset(header, layout.sh_offset)?, layout.word)?;
            let size = elf.field(offset(header, layout.sh_size)?, layout.word)?;
            if start
                .checked_add(size)
                .is_none_or(|end| end > bytes.len() as u64)
            {
                return Err(format!(
                    "cut short: section {i} ends past the file's {} bytes",
                    bytes.len()
                ));
            }
        }
        Ok(())
    }

    /// The unsigned `width`-byte field at `at`, in the file's byte order.
    fn field(&self, at: usize, width: usize) -> Result<u64, String> {
        let raw = at
            .checked_add(width)
            .and_then(|end| self.bytes.get(at..end))
            .ok_or_else(|| format!("cut short at byte {at}"))?;
        let mut v = 0u64;
        let mut push = |b: &u8| v = (v << 8) | u64::from(*b);
        if self.big_endian {
            raw.iter().for_each(&mut push);
        } else {
            raw.iter().rev().for_each(&mut push);
        }
        Ok(v)
    }
}

/// `base + at` as an index, checked.
fn offset(base: u64, at: usize) -> Result<usize, String> {
    base.checked_add(at as u64)
        .and_then(|o| usize::try_from(o).ok())
        .ok_or_else(|| "an offset overflows".to_string())
}

#[cfg(test)]
mod tests {
    use super::defect;
    use std::process::Command;

    /// A real object from the system C compiler.
    fn compiled_object() -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("t.c");
        let obj = dir.path().join("t.o");
        std::fs::write(
            &src,
            "int f(int x) { return x + 1; }\nint table[64] = {1};\n",
        )
        .unwrap();
        let status = Command::new("cc")
            .args(["-c", "-fPIC", "-o"])
            .arg(&obj)
            .arg(&src)
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::read(&obj).unwrap()
    }

    #[test]
    fn a_whole_object_passes() {
        assert_eq!(defect(&compiled_object()), None);
    }

    #[test]
    fn every_truncation_is_caught() {
        let bytes = compiled_object();
        for len in 0..bytes.len() {
            assert!(
                defect(&bytes[..len]).is_some(),
                "an object cut to {len} of {} bytes passed",
                bytes.len()
            );
        }
    }

    #[test]
    fn other_files_are_refused() {
        assert!(defect(b"not an object at all").is_some());
        let mut exe = compiled_object();
        exe[16] = 2; // ET_EXEC
        assert!(defect(&exe).unwrap().contains("relocatable"));
    }
}
