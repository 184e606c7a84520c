//! The store's only `unsafe` code: opening an aggregated shared object and
//! looking up a symbol's address in it, through libloading.
//!
//! A library opened here is leaked on purpose: nodes point into its code for
//! the rest of the process, so it must never be unloaded.

use libloading::Library;
use std::path::Path;
use std::sync::Mutex;

/// Every library opened, for the rest of the process. The store's own map
/// of them goes when the store is dropped; this keeps them reachable, as
/// they are meant to be (LeakSanitizer reported each one as leaked).
static OPENED: Mutex<Vec<&'static Library>> = Mutex::new(Vec::new());

/// Opens the shared object at `path` and keeps it loaded for the rest of the
/// process. The error is the dynamic loader's message.
pub(super) fn open_forever(path: &Path) -> Result<&'static Library, String> {
    // SAFETY: `Library::new` runs the object's initializers. The caller only
    // passes an aggregate that this store linked itself, from objects compiled
    // from generated specialized C (no constructors), that sits in the user's
    // private store directory under a path that is never rewritten in place,
    // and whose size and blake3 hash it has just checked against the manifest
    // (while holding the store lock, so the file cannot be removed meanwhile).
    let lib = unsafe { Library::new(path) }.map_err(|e| e.to_string())?;
    let lib: &'static Library = Box::leak(Box::new(lib));
    OPENED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(lib);
    Ok(lib)
}

/// The address of `symbol` in `lib`, if it defines it.
pub(super) fn address(lib: &'static Library, symbol: &str) -> Option<usize> {
    // SAFETY: the symbol is read as a plain function pointer only to take
    // its address; it is never called through this type here. Callers cast
    // the address to the entry's real signature, `RESULT (*)(NODE *, VALUE *)`,
    // which is what every entry of the store defines under its symbol. The
    // library is leaked, so the address stays valid for the process lifetime.
    let sym = unsafe { lib.get::<unsafe extern "C" fn()>(symbol) }.ok()?;
    let addr = *sym as usize;
    (addr != 0).then_some(addr)
}
