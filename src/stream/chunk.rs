//! One chunk through every rung: encode, decode the actual bytes, verify against the chunk (which
//! is the regenerated or re-read input). Pure: the clock is injected, no I/O, no threads; the
//! driver calls this from its worker threads.

use crate::ladder::{Breakdown, Options, Rung};
use crate::model::Dataset;

/// A monotonic millisecond clock that worker threads may share.
pub type SyncClock<'a> = &'a (dyn Fn() -> f64 + Sync);

/// One rung's work on one chunk.
#[derive(Debug, Clone)]
pub struct RungChunk {
    /// The chunk's encoding: one self-contained frame of the rung's output (empty if encoding
    /// failed).
    pub bytes: Vec<u8>,
    /// The byte breakdown, if the rung separates the parts.
    pub breakdown: Option<Breakdown>,
    /// Thread time spent encoding, ms.
    pub encode_ms: f64,
    /// Thread time spent decoding, ms.
    pub decode_ms: f64,
    /// When encoding ran: (start, end) on the clock, ms.
    pub encode_span: (f64, f64),
    /// When decoding ran: (start, end) on the clock, ms.
    pub decode_span: (f64, f64),
    /// `Ok` if the decoded chunk passed [`Rung::verify`], else the first difference or error.
    pub check: Result<(), String>,
}

/// A chunk after every rung has seen it.
#[derive(Debug, Clone, Default)]
pub struct ChunkResult {
    /// The chunk's position in the source.
    pub index: usize,
    /// The input chunk (kept for the in-order digest and statistics).
    pub input: Dataset,
    /// Thread time spent producing the chunk (generation or parsing), ms.
    pub source_ms: f64,
    /// One entry per rung, in rung order.
    pub rungs: Vec<RungChunk>,
}

/// Runs one rung over one chunk. An encode error is recorded as a failed check, so one broken
/// chunk never hides the rest of the report.
pub fn run_rung(rung: &dyn Rung, chunk: &Dataset, opts: &Options, now_ms: SyncClock) -> RungChunk {
    let t0 = now_ms();
    let enc = match rung.encode(chunk, opts) {
        Ok(e) => e,
        Err(e) => {
            let t1 = now_ms();
            return RungChunk {
                bytes: Vec::new(),
                breakdown: None,
                encode_ms: t1 - t0,
                decode_ms: 0.0,
                encode_span: (t0, t1),
                decode_span: (t1, t1),
                check: Err(format!("encode failed: {e}")),
            };
        }
    };
    let t1 = now_ms();
    let decoded = rung.decode(&enc.bytes, opts);
    let t2 = now_ms();
    let check = match decoded {
        Ok(d) => rung.verify(chunk, &d),
        Err(e) => Err(format!("decode failed: {e}")),
    };
    RungChunk {
        bytes: enc.bytes,
        breakdown: enc.breakdown,
        encode_ms: t1 - t0,
        decode_ms: t2 - t1,
        encode_span: (t0, t1),
        decode_span: (t1, t2),
        check,
    }
}

/// Runs every rung over one chunk, calling `done(rung_index)` after each (progress).
pub fn run_rungs(
    rungs: &[&dyn Rung],
    chunk: &Dataset,
    opts: &Options,
    now_ms: SyncClock,
    done: &(dyn Fn(usize) + Sync),
) -> Vec<RungChunk> {
    rungs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let out = run_rung(*r, chunk, opts, now_ms);
            done(i);
            out
        })
        .collect()
}
