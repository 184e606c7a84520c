//! The JIT tiers' messages and how they travel: versioned, length-limited
//! frames; on TCP, authenticated with a shared key.
//!
//! A frame is `"NRJ"`, the protocol version (`u8`), the message kind
//! (`u8`), the payload length (`u32` LE, at most [`MAX_PAYLOAD`]) and the
//! payload. On an
//! authenticated channel every frame is followed by a 32-byte keyed blake3
//! MAC over the direction, a per-direction sequence number, the header and
//! the payload, under a session key both sides derive from the shared key
//! and both handshake nonces: frames cannot be forged, altered, replayed or
//! reordered without the key. (Frames are not encrypted: compiled code is
//! not secret, but it must be genuine.)
//!
//! Handshake: the client sends `Hello` (protocol version, ABI fingerprint,
//! nonce); the server answers `Welcome` (its nonce and a proof that it
//! holds the key) or `Refused`; the client answers `Auth` (its proof). A
//! side without a key (the private Unix socket of L1) sends zero proofs and
//! checks none.

use std::io::{self, Read, Write};

pub const MAGIC: &[u8; 3] = b"NRJ";
pub const VERSION: u8 = 2;
/// Largest payload: an object file or a subtree, with room to spare.
pub const MAX_PAYLOAD: usize = 64 << 20;
/// Largest payload before the handshake is done: `Hello`, `Welcome` and
/// `Auth` are a build fingerprint and a few 32-byte fields, and a peer
/// that has proved nothing must not make a server hold megabytes.
pub const MAX_HANDSHAKE_PAYLOAD: usize = 4 << 10;
/// A payload is read in pieces of at most this much, so that memory
/// follows the bytes that came, not the length a frame claims.
const READ_CHUNK: usize = 64 << 10;
/// Longest text field (paths, messages, fingerprints).
const MAX_TEXT: usize = 1 << 20;
const HEADER: usize = 9;
const MAC: usize = 32;

/// One message of the protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// Client → server: opens a session for this build (`abi`).
    Hello { abi: String, nonce: [u8; 32] },
    /// Server → client: the server's nonce and proof of the key.
    Welcome { nonce: [u8; 32], proof: [u8; 32] },
    /// Client → server: the client's proof of the key.
    Auth { proof: [u8; 32] },
    /// Is code for this entry symbol known?
    Query { symbol: String },
    /// Compile the entry this serialized subtree is (see `wire`).
    Compile { tree: Vec<u8> },
    /// L1 → L0: the symbol is compiled; a shared object holding it.
    Found {
        symbol: String,
        lib: String,
        size: u64,
        hash: [u8; 32],
    },
    /// The symbol is not known (answer to `Query`).
    NotFound { symbol: String },
    /// L2 → L1: the compiled object of the symbol.
    Object { symbol: String, bytes: Vec<u8> },
    /// Compiling the symbol failed (the compiler's message).
    Failed { symbol: String, message: String },
    /// The peer refuses the session or a malformed message, then closes.
    Refused { message: String },
}

impl Msg {
    fn kind(&self) -> u8 {
        match self {
            Msg::Hello { .. } => 1,
            Msg::Welcome { .. } => 2,
            Msg::Auth { .. } => 3,
            Msg::Query { .. } => 4,
            Msg::Compile { .. } => 5,
            Msg::Found { .. } => 6,
            Msg::NotFound { .. } => 7,
            Msg::Object { .. } => 8,
            Msg::Failed { .. } => 9,
            Msg::Refused { .. } => 10,
        }
    }

    fn encode(&self) -> Vec<u8> {
        let mut w = Vec::new();
        match self {
            Msg::Hello { abi, nonce } => {
                put_text(&mut w, abi);
                w.extend_from_slice(nonce);
            }
            Msg::Welcome { nonce, proof } => {
                w.extend_from_slice(nonce);
                w.extend_from_slice(proof);
            }
            Msg::Auth { proof } => w.extend_from_slice(proof),
            Msg::Query { symbol } | Msg::NotFound { symbol } => put_text(&mut w, symbol),
            Msg::Compile { tree } => w.extend_from_slice(tree),
            Msg::Found {
                symbol,
                lib,
                size,
                hash,
            } => {
                put_text(&mut w, symbol);
                put_text(&mut w, lib);
                w.extend_from_slice(&size.to_le_bytes());
                w.extend_from_slice(hash);
            }
            Msg::Object { symbol, bytes } => {
                put_text(&mut w, symbol);
                w.extend_from_slice(bytes);
            }
            Msg::Failed { symbol, message } => {
                put_text(&mut w, symbol);
                put_text(&mut w, message);
            }
            Msg::Refused { message } => put_text(&mut w, message),
        }
        w
    }

    fn decode(kind: u8, p: &[u8]) -> Result<Msg, String> {
        let mut r = Fields { p, at: 0 };
        let msg = match kind {
            1 => Msg::Hello {
                abi: r.text()?,
                nonce: r.array()?,
            },
            2 => Msg::Welcome {
                nonce: r.array()?,
                proof: r.array()?,
            },
            3 => Msg::Auth { proof: r.array()? },
            4 => Msg::Query { symbol: r.text()? },
            5 => Msg::Compile { tree: r.rest() },
            6 => Msg::Found {
                symbol: r.text()?,
                lib: r.text()?,
                size: u64::from_le_bytes(r.array()?),
                hash: r.array()?,
            },
            7 => Msg::NotFound { symbol: r.text()? },
            8 => Msg::Object {
                symbol: r.text()?,
                bytes: r.rest(),
            },
            9 => Msg::Failed {
                symbol: r.text()?,
                message: r.text()?,
            },
            10 => Msg::Refused { message: r.text()? },
            k => return Err(format!("unknown message kind {k}")),
        };
        if r.at != p.len() {
            return Err(format!("{} stray bytes after a message", p.len() - r.at));
        }
        Ok(msg)
    }
}

fn put_text(w: &mut Vec<u8>, s: &str) {
    w.extend_from_slice(&(s.len() as u32).to_le_bytes());
    w.extend_from_slice(s.as_bytes());
}

struct Fields<'a> {
    p: &'a [u8],
    at: usize,
}

impl Fields<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.p.len());
        let end = end.ok_or("a message ends early")?;
        let s = &self.p[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        Ok(self.take(N)?.try_into().expect("N bytes"))
    }
    fn text(&mut self) -> Result<String, String> {
        let len = u32::from_le_bytes(self.array()?) as usize;
        if len > MAX_TEXT {
            return Err(format!("a text field of {len} bytes"));
        }
        String::from_utf8(self.take(len)?.to_vec()).map_err(|_| "a text field is not UTF-8".into())
    }
    fn rest(&mut self) -> Vec<u8> {
        let s = self.p[self.at..].to_vec();
        self.at = self.p.len();
        s
    }
}

/// A protocol failure: the connection broke, or the peer sent something
/// that is not a valid frame (which ends the session).
#[derive(Debug)]
pub enum ProtoError {
    Io(io::Error),
    Malformed(String),
    /// The peer refused us, with its reason.
    Refused(String),
}

impl std::fmt::Display for ProtoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProtoError::Io(e) => write!(f, "{e}"),
            ProtoError::Malformed(m) => write!(f, "malformed message: {m}"),
            ProtoError::Refused(m) => write!(f, "refused: {m}"),
        }
    }
}

impl From<io::Error> for ProtoError {
    fn from(e: io::Error) -> Self {
        ProtoError::Io(e)
    }
}

/// The 32-byte key two tiers share, derived from whatever key material the
/// user gave (a file's content or an environment variable's value).
#[derive(Clone)]
pub struct SharedKey([u8; 32]);

impl SharedKey {
    /// At least 16 bytes of material, surrounding whitespace ignored.
    pub fn from_material(material: &[u8]) -> Result<SharedKey, String> {
        let m = material.trim_ascii();
        if m.len() < 16 {
            return Err("a JIT key needs at least 16 bytes".into());
        }
        Ok(SharedKey(blake3::derive_key("naruby jit shared key v1", m)))
    }

    fn proof(&self, role: &str, abi: &str, client: &[u8; 32], server: &[u8; 32]) -> [u8; 32] {
        let mut h = blake3::Hasher::new_keyed(&self.0);
        h.update(b"naruby-jit ")
            .update(role.as_bytes())
            .update(&(abi.len() as u64).to_le_bytes())
            .update(abi.as_bytes())
            .update(client)
            .update(server);
        *h.finalize().as_bytes()
    }
}

impl std::fmt::Debug for SharedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SharedKey(..)")
    }
}

/// `msg` as a frame without a MAC: what an unauthenticated channel sends
/// (and, with the MAC after it, an authenticated one).
pub fn plain_frame(msg: &Msg) -> Result<Vec<u8>, ProtoError> {
    let payload = msg.encode();
    if payload.len() > MAX_PAYLOAD {
        return Err(ProtoError::Malformed(format!(
            "a message of {} bytes is over the limit",
            payload.len()
        )));
    }
    let mut frame = Vec::with_capacity(HEADER + payload.len() + MAC);
    frame.extend_from_slice(MAGIC);
    frame.push(VERSION);
    frame.push(msg.kind());
    frame.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    frame.extend_from_slice(&payload);
    Ok(frame)
}

/// A message channel over a byte stream, authenticated or not.
pub struct Channel<S> {
    stream: S,
    session: Option<[u8; 32]>,
    /// Frames sent and received, for the MACs.
    sent: u64,
    received: u64,
    /// Which side this is (MACs bind the direction).
    client: bool,
    /// Largest payload accepted: small until the handshake is done.
    limit: usize,
}

impl<S: Read + Write> Channel<S> {
    /// A channel without authentication (a private local socket).
    fn plain(stream: S, client: bool) -> Self {
        Channel {
            stream,
            session: None,
            sent: 0,
            received: 0,
            client,
            limit: MAX_HANDSHAKE_PAYLOAD,
        }
    }

    /// The handshake is done: full-size frames from here on.
    fn established(mut self) -> Self {
        self.limit = MAX_PAYLOAD;
        self
    }

    pub fn get_ref(&self) -> &S {
        &self.stream
    }

    fn mac(&self, from_client: bool, seq: u64, header: &[u8], payload: &[u8]) -> [u8; 32] {
        let key = self.session.as_ref().expect("authenticated");
        let mut h = blake3::Hasher::new_keyed(key);
        h.update(&[from_client as u8])
            .update(&seq.to_le_bytes())
            .update(header)
            .update(payload);
        *h.finalize().as_bytes()
    }

    pub fn send(&mut self, msg: &Msg) -> Result<(), ProtoError> {
        let mut frame = plain_frame(msg)?;
        if self.session.is_some() {
            let mac = self.mac(self.client, self.sent, &frame[..HEADER], &frame[HEADER..]);
            frame.extend_from_slice(&mac);
        }
        self.sent += 1;
        self.stream.write_all(&frame)?;
        self.stream.flush()?;
        Ok(())
    }

    /// The next message; `Ok(None)` when the peer closed between frames.
    pub fn recv(&mut self) -> Result<Option<Msg>, ProtoError> {
        let mut header = [0u8; HEADER];
        match read_full(&mut self.stream, &mut header)? {
            0 => return Ok(None),
            n if n < HEADER => return Err(ProtoError::Malformed("a frame ends early".into())),
            _ => {}
        }
        if &header[..3] != MAGIC {
            return Err(ProtoError::Malformed("not a naruby JIT frame".into()));
        }
        if header[3] != VERSION {
            return Err(ProtoError::Malformed(format!(
                "protocol version {} (this side speaks {VERSION})",
                header[3]
            )));
        }
        let kind = header[4];
        let len = u32::from_le_bytes(header[5..9].try_into().expect("4 bytes")) as usize;
        if len > self.limit {
            return Err(ProtoError::Malformed(format!(
                "a frame of {len} bytes is over the limit of {}",
                self.limit
            )));
        }
        let payload = read_payload(&mut self.stream, len)?;
        if self.session.is_some() {
            let mut mac = [0u8; MAC];
            if read_full(&mut self.stream, &mut mac)? < MAC {
                return Err(ProtoError::Malformed("a frame ends early".into()));
            }
            let want = self.mac(!self.client, self.received, &header, &payload);
            // constant-time comparison
            if blake3::Hash::from(want) != blake3::Hash::from(mac) {
                return Err(ProtoError::Malformed("a frame fails authentication".into()));
            }
        }
        self.received += 1;
        Msg::decode(kind, &payload)
            .map(Some)
            .map_err(ProtoError::Malformed)
    }
}

impl Channel<std::os::unix::net::UnixStream> {
    /// A second handle on an unauthenticated local channel, so that one
    /// thread can read while others write. (Authenticated channels count
    /// frames, so they have one owner.)
    pub fn try_clone(&self) -> io::Result<Self> {
        if self.session.is_some() {
            return Err(io::Error::other("an authenticated channel has one owner"));
        }
        let mut twin = Channel::plain(self.stream.try_clone()?, self.client);
        twin.limit = self.limit;
        Ok(twin)
    }
}

/// Reads until `buf` is full or the stream ends; returns the bytes read.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut at = 0;
    while at < buf.len() {
        match r.read(&mut buf[at..]) {
            Ok(0) => break,
            Ok(n) => at += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(at)
}

/// A payload of `len` bytes, read in pieces (see [`READ_CHUNK`]).
fn read_payload(r: &mut impl Read, len: usize) -> Result<Vec<u8>, ProtoError> {
    let mut payload = Vec::with_capacity(len.min(READ_CHUNK));
    while payload.len() < len {
        let at = payload.len();
        let piece = (len - at).min(READ_CHUNK);
        payload.resize(at + piece, 0);
        if read_full(r, &mut payload[at..])? < piece {
            return Err(ProtoError::Malformed("a frame ends early".into()));
        }
    }
    Ok(payload)
}

/// 32 random bytes from the kernel.
pub fn nonce() -> io::Result<[u8; 32]> {
    let mut n = [0u8; 32];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut n)?;
    Ok(n)
}

/// Opens a session as the client: `key` must match the server's (or both
/// have none).
pub fn connect<S: Read + Write>(
    stream: S,
    abi: &str,
    key: Option<&SharedKey>,
) -> Result<Channel<S>, ProtoError> {
    let mut ch = Channel::plain(stream, true);
    let mine = nonce()?;
    ch.send(&Msg::Hello {
        abi: abi.to_string(),
        nonce: mine,
    })?;
    let (theirs, proof) = match ch.recv()? {
        Some(Msg::Welcome { nonce, proof }) => (nonce, proof),
        Some(Msg::Refused { message }) => return Err(ProtoError::Refused(message)),
        Some(other) => {
            return Err(ProtoError::Malformed(format!(
                "expected a welcome, got {other:?}"
            )))
        }
        None => {
            return Err(ProtoError::Refused(
                "the server closed the connection".into(),
            ))
        }
    };
    let Some(key) = key else {
        ch.send(&Msg::Auth { proof: [0; 32] })?;
        return Ok(ch.established());
    };
    let expected = key.proof("server", abi, &mine, &theirs);
    if blake3::Hash::from(expected) != blake3::Hash::from(proof) {
        return Err(ProtoError::Refused(
            "the server does not hold our key".into(),
        ));
    }
    ch.send(&Msg::Auth {
        proof: key.proof("client", abi, &mine, &theirs),
    })?;
    ch.session = Some(key.proof("session", abi, &mine, &theirs));
    Ok(ch.established())
}

/// Refuses a peer before any handshake (a server over its session limit):
/// one `Refused` frame, which `connect` reports as the server's reason.
pub fn turn_away<S: Read + Write>(stream: S, why: &str) {
    let _ = Channel::plain(stream, false).send(&Msg::Refused {
        message: why.to_string(),
    });
}

/// Accepts a session as the server for build `abi`. A client of another
/// build, another protocol version, or without the key is told why and
/// refused.
pub fn accept<S: Read + Write>(
    stream: S,
    abi: &str,
    key: Option<&SharedKey>,
) -> Result<Channel<S>, ProtoError> {
    let mut ch = Channel::plain(stream, false);
    let refuse = |ch: &mut Channel<S>, why: String| {
        let _ = ch.send(&Msg::Refused {
            message: why.clone(),
        });
        ProtoError::Refused(why)
    };
    let theirs = match ch.recv() {
        Ok(Some(Msg::Hello {
            abi: their_abi,
            nonce,
        })) => {
            if their_abi != abi {
                return Err(refuse(
                    &mut ch,
                    format!("this server runs build {abi}, the client {their_abi}"),
                ));
            }
            nonce
        }
        Ok(Some(other)) => return Err(refuse(&mut ch, format!("expected a hello, got {other:?}"))),
        Ok(None) => return Err(ProtoError::Refused("the client left".into())),
        Err(ProtoError::Malformed(m)) => return Err(refuse(&mut ch, m)),
        Err(e) => return Err(e),
    };
    let mine = nonce()?;
    let proof = key.map_or([0; 32], |k| k.proof("server", abi, &theirs, &mine));
    ch.send(&Msg::Welcome { nonce: mine, proof })?;
    let proof = match ch.recv() {
        Ok(Some(Msg::Auth { proof })) => proof,
        Ok(Some(other)) => return Err(refuse(&mut ch, format!("expected auth, got {other:?}"))),
        Ok(None) => return Err(ProtoError::Refused("the client left".into())),
        Err(ProtoError::Malformed(m)) => return Err(refuse(&mut ch, m)),
        Err(e) => return Err(e),
    };
    if let Some(key) = key {
        let expected = key.proof("client", abi, &theirs, &mine);
        if blake3::Hash::from(expected) != blake3::Hash::from(proof) {
            return Err(refuse(&mut ch, "authentication failed".into()));
        }
        ch.session = Some(key.proof("session", abi, &theirs, &mine));
    }
    Ok(ch.established())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::net::UnixStream;
    use std::thread;

    fn key(s: &str) -> SharedKey {
        SharedKey::from_material(s.as_bytes()).unwrap()
    }

    /// Runs the server side in a thread; returns both ends' results.
    fn session(
        server_key: Option<SharedKey>,
        client_key: Option<SharedKey>,
        client_abi: &str,
    ) -> (
        Result<Channel<UnixStream>, ProtoError>,
        Result<Channel<UnixStream>, ProtoError>,
    ) {
        let (a, b) = UnixStream::pair().unwrap();
        let server = thread::spawn(move || accept(b, "abi1", server_key.as_ref()));
        let client = connect(a, client_abi, client_key.as_ref());
        (client, server.join().unwrap())
    }

    #[test]
    fn every_message_survives_a_round_trip() {
        let msgs = vec![
            Msg::Query {
                symbol: "SD_00".into(),
            },
            Msg::Compile {
                tree: vec![1, 2, 3],
            },
            Msg::Found {
                symbol: "SD_1".into(),
                lib: "/x/y.so".into(),
                size: 42,
                hash: [7; 32],
            },
            Msg::NotFound {
                symbol: "SD_2".into(),
            },
            Msg::Object {
                symbol: "SD_3".into(),
                bytes: vec![0; 1000],
            },
            Msg::Failed {
                symbol: "SD_4".into(),
                message: "error: x".into(),
            },
            Msg::Refused {
                message: "no".into(),
            },
        ];
        for with_key in [false, true] {
            let k = with_key.then(|| key("0123456789abcdef-secret"));
            let (client, server) = session(k.clone(), k, "abi1");
            let (mut client, mut server) = (client.unwrap(), server.unwrap());
            for m in &msgs {
                client.send(m).unwrap();
                assert_eq!(server.recv().unwrap().as_ref(), Some(m));
                server.send(m).unwrap();
                assert_eq!(client.recv().unwrap().as_ref(), Some(m));
            }
            drop(client);
            assert!(server.recv().unwrap().is_none(), "a clean close");
        }
    }

    #[test]
    fn a_wrong_or_missing_key_is_refused_on_both_sides() {
        let (c, s) = session(
            Some(key("server-key-0123456789")),
            Some(key("other-key-0123456789")),
            "abi1",
        );
        assert!(matches!(c, Err(ProtoError::Refused(_))), "{:?}", c.err());
        assert!(matches!(s, Err(ProtoError::Refused(_))));
        let (c, s) = session(Some(key("server-key-0123456789")), None, "abi1");
        // the client without a key cannot check the server; the server
        // refuses the client's zero proof
        assert!(s.is_err());
        if let Ok(mut c) = c {
            assert!(matches!(
                c.recv(),
                Ok(Some(Msg::Refused { .. })) | Err(_) | Ok(None)
            ));
        }
        assert!(SharedKey::from_material(b"short").is_err());
    }

    #[test]
    fn another_build_is_refused_with_the_reason() {
        let (c, s) = session(None, None, "abi2");
        match c {
            Err(ProtoError::Refused(m)) => assert!(m.contains("abi2"), "{m}"),
            other => panic!("{:?}", other.err()),
        }
        assert!(s.is_err());
    }

    #[test]
    fn garbled_and_oversized_frames_are_malformed_not_fatal() {
        let garbage: Vec<Vec<u8>> = vec![
            b"GET / HTTP/1.1\r\n\r\n".to_vec(),
            [MAGIC.as_slice(), &[9, 4], &0u32.to_le_bytes()].concat(),
            [MAGIC.as_slice(), &[VERSION, 4], &u32::MAX.to_le_bytes()].concat(),
            [MAGIC.as_slice(), &[VERSION, 77], &0u32.to_le_bytes()].concat(),
            [
                MAGIC.as_slice(),
                &[VERSION, 4],
                &100u32.to_le_bytes(),
                b"short",
            ]
            .concat(),
            [
                MAGIC.as_slice(),
                &[VERSION, 4],
                &4u32.to_le_bytes(),
                &[255, 255, 255, 255],
            ]
            .concat(),
        ];
        for g in garbage {
            let (mut a, b) = UnixStream::pair().unwrap();
            a.write_all(&g).unwrap();
            drop(a);
            let mut ch = Channel::plain(b, false);
            assert!(matches!(ch.recv(), Err(ProtoError::Malformed(_))), "{g:?}");
        }
    }

    /// Before the handshake a frame may hold a few KiB: a peer that has
    /// proved nothing is refused at the header, before it sends (or the
    /// server allocates) the megabytes it announces. After it, frames up
    /// to the full limit go through, read in pieces.
    #[test]
    fn frames_before_the_handshake_are_small_and_after_it_full_size() {
        let (mut a, b) = UnixStream::pair().unwrap();
        let announced = (MAX_HANDSHAKE_PAYLOAD + 1) as u32;
        a.write_all(&[MAGIC.as_slice(), &[VERSION, 1], &announced.to_le_bytes()].concat())
            .unwrap();
        // the payload never comes and the writer stays open: the refusal
        // must not wait for it (were it to, the timeout ends the read)
        b.set_read_timeout(Some(std::time::Duration::from_secs(5)))
            .unwrap();
        let refused = thread::spawn(move || accept(b, "abi1", None).err());
        match refused.join().unwrap() {
            Some(ProtoError::Refused(why)) => assert!(why.contains("over the limit"), "{why}"),
            other => panic!("{other:?}"),
        }
        drop(a);

        let (a, b) = UnixStream::pair().unwrap();
        let server = thread::spawn(move || {
            let mut s = accept(b, "abi1", None).unwrap();
            s.recv().unwrap()
        });
        let mut c = connect(a, "abi1", None).unwrap();
        let big = Msg::Compile {
            tree: (0..3 * READ_CHUNK + 17).map(|i| i as u8).collect(),
        };
        c.send(&big).unwrap();
        assert_eq!(server.join().unwrap(), Some(big));
    }

    #[test]
    fn an_altered_or_replayed_frame_fails_authentication() {
        let k = key("0123456789abcdef-secret");
        let (a, b) = UnixStream::pair().unwrap();
        // a man in the middle: record what the client sends after the
        // handshake, then deliver it altered
        let kc = k.clone();
        let server = thread::spawn(move || {
            let mut s = accept(b, "abi1", Some(&kc)).unwrap();
            let first = s.recv();
            let second = s.recv();
            (
                first.map_err(|e| e.to_string()),
                second.map_err(|e| e.to_string()),
            )
        });
        let mut c = connect(a, "abi1", Some(&k)).unwrap();
        c.send(&Msg::Query {
            symbol: "SD_a".into(),
        })
        .unwrap();
        // replay: the same frame again, as an attacker would, with the
        // sequence number it was made for
        c.sent -= 1;
        c.send(&Msg::Query {
            symbol: "SD_a".into(),
        })
        .unwrap();
        let (first, second) = server.join().unwrap();
        assert!(first.is_ok());
        assert!(second.unwrap_err().contains("authentication"));
    }
}
