//! **Peers**: other codecs measured on the same data set beside the ladder, never inside it, so
//! rung 8 is judged against the state of the art and not only against our own rungs.
//!
//! Every peer codes one series at a time into a few blobs ([`Peer`]); [`frame`] wraps them with
//! **the same metadata section as rung 8** (string table, point counts, integer tags: the
//! identical bytes of [`crate::codec8::meta`]) plus a varint length per blob, so every row pays the
//! same label/index/tag cost. Each peer is verified like a lossless rung: its actual bytes are
//! decoded and compared bit-for-bit. A peer that cannot be built is listed with the reason.
//!
//! | peer | file | what |
//! |---|---|---|
//! | `pco` | `pco.rs` | pco default, timestamps and values as separate blobs per series |
//! | `pco_decimal` | `pco_decimal.rs` | as `pco`, values as exact decimal integers where a series allows |
//! | `zstd_columns` | `zstd_columns.rs` | raw little-endian columns per series, one zstd frame (level 19) |
//! | `gorilla` | `gorilla.rs` | rung 6's Gorilla XOR + delta-of-delta: file ready, not compiled until `src/codecs/` (branch `rung6`) is merged |
//! | `graupel_gorilla`, `chimp128`, `elf` | `graupel.rs` | the `graupel` 0.1 crate, one block per series |

pub mod as_rung;
mod frame;
mod gorilla;
mod graupel;
mod pco;
mod pco_decimal;
mod zstd_columns;

use serde::Serialize;

use crate::error::Result;
use crate::model::{Dataset, Series};
use crate::report::Clock;

pub use frame::{decode, encode};

/// The zstd level of `zstd_columns` and of the shared metadata section.
pub const PEER_ZSTD_LEVEL: i32 = 19;

/// One peer codec, per series. Object-safe, so the registry is a plain list.
pub trait Peer: Sync {
    /// Machine name in reports.
    fn name(&self) -> &'static str;
    /// Encodes one series' timestamps and values into blobs.
    fn encode_series(&self, s: &Series) -> Result<Vec<Vec<u8>>>;
    /// The number of blobs [`Peer::encode_series`] makes for a series.
    fn blobs_per_series(&self) -> usize;
    /// Decodes one series of `n` points from its blobs.
    fn decode_series(&self, blobs: &[&[u8]], n: usize) -> Result<(Vec<i64>, Vec<f64>)>;
}

/// A registry entry: a peer, or the reason it is not available.
pub enum Entry {
    /// Built and runnable.
    Available(&'static dyn Peer),
    /// Listed, not run.
    Unavailable {
        /// Its name.
        name: &'static str,
        /// Why it is not available.
        reason: &'static str,
    },
}

impl Entry {
    /// The peer's name.
    pub fn name(&self) -> &'static str {
        match self {
            Entry::Available(p) => p.name(),
            Entry::Unavailable { name, .. } => name,
        }
    }
}

/// Every peer, in report order.
pub static PEERS: &[Entry] = &[
    Entry::Available(&pco::Pco),
    Entry::Available(&pco_decimal::PcoDecimal),
    Entry::Available(&zstd_columns::ZstdColumns),
    Entry::Available(&gorilla::Gorilla),
    Entry::Available(&graupel::Graupel::Gorilla),
    Entry::Available(&graupel::Graupel::Chimp128),
    Entry::Available(&graupel::Graupel::Elf),
];

/// Looks a runnable peer up by name.
pub fn by_name(name: &str) -> Option<&'static dyn Peer> {
    PEERS.iter().find_map(|e| match e {
        Entry::Available(p) if p.name() == name => Some(*p),
        _ => None,
    })
}

/// One peer's measured result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeerReport {
    /// The peer's name.
    pub name: String,
    /// Encoded size including the shared metadata; null if unavailable or failed.
    pub bytes: Option<u64>,
    /// `bytes / points`.
    pub bytes_per_point: Option<f64>,
    /// Encode wall time.
    pub encode_ms: Option<f64>,
    /// Decode wall time.
    pub decode_ms: Option<f64>,
    /// Did its decoded bytes equal the input bit for bit?
    pub verified: bool,
    /// Why it is unavailable or failed, if it is.
    pub note: Option<String>,
}

/// Runs one peer: encode, decode its actual bytes, verify.
pub fn run_peer(e: &Entry, ds: &Dataset, now_ms: Clock) -> PeerReport {
    let mut rep = PeerReport {
        name: e.name().to_string(),
        bytes: None,
        bytes_per_point: None,
        encode_ms: None,
        decode_ms: None,
        verified: false,
        note: None,
    };
    let peer = match e {
        Entry::Available(p) => *p,
        Entry::Unavailable { reason, .. } => {
            rep.note = Some((*reason).to_string());
            return rep;
        }
    };
    let t0 = now_ms();
    let bytes = match encode(peer, ds) {
        Ok(b) => b,
        Err(err) => {
            rep.note = Some(format!("encode failed: {err}"));
            return rep;
        }
    };
    let t1 = now_ms();
    let decoded = decode(peer, &bytes);
    let t2 = now_ms();
    rep.bytes = Some(bytes.len() as u64);
    rep.bytes_per_point = Some(bytes.len() as f64 / ds.points().max(1) as f64);
    rep.encode_ms = Some(t1 - t0);
    rep.decode_ms = Some(t2 - t1);
    match decoded
        .map_err(|e| e.to_string())
        .and_then(|d| ds.bit_eq(&d))
    {
        Ok(()) => rep.verified = true,
        Err(err) => rep.note = Some(format!("verification failed: {err}")),
    }
    rep
}

/// Runs every peer in [`PEERS`], calling `progress(i, name)` before each.
pub fn run_peers(
    ds: &Dataset,
    now_ms: Clock,
    progress: &mut dyn FnMut(usize, &str),
) -> Vec<PeerReport> {
    PEERS
        .iter()
        .enumerate()
        .map(|(i, e)| {
            progress(i, e.name());
            run_peer(e, ds, now_ms)
        })
        .collect()
}
