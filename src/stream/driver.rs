//! The streaming driver: chunks of a [`ChunkSource`] through every rung on every core, merged in
//! chunk order, with bounded memory.
//!
//! The chunks are processed in windows: a window's chunks are produced, encoded, decoded and
//! verified in parallel (`par_iter`), while the previous window is merged on one thread
//! (`rayon::join`): tallies, MD5s, data-set statistics and digest, and the `--out-dir` files, all
//! strictly in chunk order. So no byte, size or checksum depends on the number of threads or on
//! the window size.
//!
//! Memory: at most two windows of chunks (inputs and every rung's bytes, kept until merged) are
//! alive, plus each worker's working set for the chunk it is on. The first window is one chunk, a
//! probe; after it a window is `threads` chunks, fewer if two windows of the largest chunk seen so
//! far would exceed [`WINDOW_BUDGET`] (NDJSON of a 1M-point chunk is ~160 MB). The cancel flag is
//! checked before every chunk and every merge.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::canonical::Digest;
use crate::error::{Error, Result};
use crate::ladder::{Options, Rung};
use crate::platform::now_ms;
use crate::stats::{Stats, StatsBuilder};

use super::chunk::{run_rungs, ChunkResult};
use super::progress::Progress;
use super::sink::FileSink;
use super::source::ChunkSource;
use super::tally::{RungTally, StreamRungReport};

/// Bytes that two windows of retained chunks (inputs + every rung's output) may take. With the
/// whole ladder a 1M-point chunk retains ~300 MB (NDJSON ~160 MB, CBOR ~100 MB), so 2 GiB keeps
/// 2-3 chunks per window, within the 4 GiB goal on 2 cores with the workers' own working sets.
pub const WINDOW_BUDGET: u64 = 2 << 30;

/// Bytes a processed chunk holds until it is merged: its input (17 bytes a point in memory) and
/// every rung's output.
fn retained_bytes(c: &ChunkResult) -> u64 {
    c.input.points() as u64 * 17 + c.rungs.iter().map(|r| r.bytes.len() as u64).sum::<u64>()
}

/// Chunks per window: `threads`, fewer if two windows of `largest`-byte chunks exceed the budget.
pub fn window_size(threads: usize, largest: u64) -> usize {
    let fit = WINDOW_BUDGET / (2 * largest.max(1));
    threads
        .min(usize::try_from(fit).unwrap_or(usize::MAX))
        .max(1)
}

/// What to run and where to write.
pub struct Settings<'a> {
    /// The rungs, in report order.
    pub rungs: &'a [&'a dyn Rung],
    /// Settings that change the bytes.
    pub opts: Options,
    /// Write each rung's output to `DIR/<rung>.out` (via `<rung>.out.partial`).
    pub out_dir: Option<PathBuf>,
    /// Set it (Ctrl-C, a test) to stop: partial files are removed and the run returns
    /// [`Error::Cancelled`].
    pub cancel: &'a AtomicBool,
}

/// The merged result of a streamed run.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// One row per rung (ratios not yet filled).
    pub rows: Vec<StreamRungReport>,
    /// Statistics of the whole data set.
    pub stats: Stats,
    /// Content digest of the whole data set (equals [`crate::canonical::digest`] of it).
    pub digest: String,
    /// Points streamed.
    pub points: u64,
    /// Chunks streamed.
    pub chunks: usize,
    /// Worker threads.
    pub threads: usize,
    /// Wall time, ms.
    pub wall_ms: f64,
    /// Thread time spent in the source, ms.
    pub source_ms: f64,
}

/// The in-order merge state.
struct Merger {
    tallies: Vec<RungTally>,
    sinks: Vec<Option<FileSink>>,
    stats: StatsBuilder,
    digest: Digest,
    points: u64,
    chunks: usize,
    source_ms: f64,
}

impl Merger {
    fn merge(&mut self, window: Vec<Result<ChunkResult>>, cancel: &AtomicBool) -> Result<()> {
        for chunk in window {
            if cancel.load(Ordering::Relaxed) {
                return Err(Error::Cancelled);
            }
            let chunk = chunk?;
            for s in &chunk.input.series {
                self.stats.add(s);
                self.digest.update(s);
            }
            self.points += chunk.input.points() as u64;
            self.chunks += 1;
            self.source_ms += chunk.source_ms;
            for ((tally, sink), rc) in self
                .tallies
                .iter_mut()
                .zip(&mut self.sinks)
                .zip(&chunk.rungs)
            {
                tally.add(chunk.index, rc);
                if let Some(sink) = sink {
                    sink.write(&rc.bytes)?;
                }
            }
        }
        Ok(())
    }
}

/// Produces and processes chunk `index`.
fn process(
    source: &dyn ChunkSource,
    s: &Settings,
    progress: &dyn Progress,
    index: usize,
) -> Result<ChunkResult> {
    if s.cancel.load(Ordering::Relaxed) {
        return Err(Error::Cancelled);
    }
    let t0 = now_ms();
    let input = source.chunk(index)?;
    let source_ms = now_ms() - t0;
    let points = input.points() as u64;
    progress.source_done(points);
    let done = |r: usize| progress.rung_done(r, points);
    let rungs = run_rungs(s.rungs, &input, &s.opts, &now_ms, &done);
    Ok(ChunkResult {
        index,
        input,
        source_ms,
        rungs,
    })
}

/// Streams `source` through `s.rungs` on the current rayon pool.
pub fn run(source: &dyn ChunkSource, s: &Settings, progress: &dyn Progress) -> Result<Outcome> {
    let t0 = now_ms();
    let sinks = match &s.out_dir {
        Some(dir) => s
            .rungs
            .iter()
            .map(|r| FileSink::create(dir, &format!("{}.out", r.name())).map(Some))
            .collect::<Result<Vec<_>>>()?,
        None => s.rungs.iter().map(|_| None).collect(),
    };
    let mut m = Merger {
        tallies: s.rungs.iter().map(|_| RungTally::new()).collect(),
        sinks,
        stats: StatsBuilder::new(),
        digest: Digest::new(),
        points: 0,
        chunks: 0,
        source_ms: 0.0,
    };
    let n = source.chunks();
    let threads = rayon::current_num_threads().max(1);
    let mut pending: Option<Vec<Result<ChunkResult>>> = None;
    let mut start = 0;
    let mut largest: Option<u64> = None;
    while start < n || pending.is_some() {
        let window = largest.map_or(1, |b| window_size(threads, b));
        let range = start..(start + window).min(n);
        start = range.end;
        let (merged, computed) = rayon::join(
            || match pending.take() {
                Some(w) => m.merge(w, s.cancel),
                None => Ok(()),
            },
            || {
                range
                    .into_par_iter()
                    .map(|i| process(source, s, progress, i))
                    .collect::<Vec<_>>()
            },
        );
        merged?;
        let seen = computed.iter().flatten().map(retained_bytes).max();
        largest = largest.max(seen).or(Some(0));
        pending = (!computed.is_empty()).then_some(computed);
    }
    if s.cancel.load(Ordering::Relaxed) {
        return Err(Error::Cancelled);
    }
    let mut rows = Vec::with_capacity(s.rungs.len());
    for ((tally, sink), rung) in m.tallies.into_iter().zip(m.sinks).zip(s.rungs) {
        let output = match sink {
            Some(sink) => Some(sink.finish()?.display().to_string()),
            None => None,
        };
        rows.push(tally.finish(*rung, m.points, output));
    }
    Ok(Outcome {
        rows,
        stats: m.stats.finish(),
        digest: m.digest.finish(),
        points: m.points,
        chunks: m.chunks,
        threads,
        wall_ms: now_ms() - t0,
        source_ms: m.source_ms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_shrink_for_large_chunks_but_never_to_zero() {
        assert_eq!(window_size(2, 50 << 20), 2);
        assert_eq!(window_size(16, 300 << 20), 3);
        assert_eq!(window_size(16, 100 << 20), 10);
        assert_eq!(window_size(16, 1200 << 20), 1);
        assert_eq!(window_size(4, 0), 4);
        assert_eq!(window_size(8, u64::MAX / 2), 1);
    }
}
