//! Merging chunk results, in chunk order, into one row per rung, and the streaming report.
//!
//! A rung's streamed output is its chunk encodings concatenated in chunk order (independent
//! frames). The tally sums the sizes and breakdowns, folds every byte into an MD5 (so the checksum
//! equals the MD5 of the `--out-dir` file), sums thread times, and keeps the first failure. Pure.

use md5::{Digest as _, Md5};
use serde::Serialize;

use crate::ladder::{Breakdown, Rung};
use crate::report::{DatasetInfo, RungReport};

use super::chunk::RungChunk;

/// One rung's running totals.
#[derive(Debug, Clone, Default)]
pub struct RungTally {
    bytes: u64,
    breakdown: Breakdown,
    breakdown_everywhere: bool,
    md5: Md5,
    encode_ms: f64,
    decode_ms: f64,
    encode_spans: Vec<(f64, f64)>,
    decode_spans: Vec<(f64, f64)>,
    chunks: usize,
    failure: Option<(usize, String)>,
}

impl RungTally {
    /// Nothing tallied yet.
    pub fn new() -> Self {
        RungTally {
            breakdown_everywhere: true,
            ..RungTally::default()
        }
    }

    /// Adds chunk `index`'s result. Call in chunk order.
    pub fn add(&mut self, index: usize, c: &RungChunk) {
        self.bytes += c.bytes.len() as u64;
        self.md5.update(&c.bytes);
        match c.breakdown {
            Some(b) => {
                self.breakdown.timestamp_bytes += b.timestamp_bytes;
                self.breakdown.value_bytes += b.value_bytes;
                self.breakdown.metadata_bytes += b.metadata_bytes;
            }
            None => self.breakdown_everywhere = false,
        }
        self.encode_ms += c.encode_ms;
        self.decode_ms += c.decode_ms;
        self.encode_spans.push(c.encode_span);
        self.decode_spans.push(c.decode_span);
        self.chunks += 1;
        if let (None, Err(e)) = (&self.failure, &c.check) {
            self.failure = Some((index, e.clone()));
        }
    }

    /// The finished row. `points` is the number of points streamed.
    pub fn finish(self, rung: &dyn Rung, points: u64, output: Option<String>) -> StreamRungReport {
        let has = self.breakdown_everywhere && self.chunks > 0;
        let pick = |x: u64| has.then_some(x);
        let (timestamp_ratio, value_ratio) = if has {
            crate::report::raw_ratios(points, &self.breakdown)
        } else {
            (None, None)
        };
        let (failed_chunk, error) = match self.failure {
            Some((i, e)) => (Some(i), Some(format!("chunk {i}: {e}"))),
            None => (None, None),
        };
        StreamRungReport {
            row: RungReport {
                name: rung.name().to_string(),
                summary: rung.summary().to_string(),
                lossless: rung.lossless(),
                verified: error.is_none(),
                error,
                bytes: self.bytes,
                bytes_per_point: self.bytes as f64 / points.max(1) as f64,
                ratio_vs_ndjson: None,
                encode_ms: self.encode_ms,
                decode_ms: self.decode_ms,
                timestamp_bytes: pick(self.breakdown.timestamp_bytes),
                value_bytes: pick(self.breakdown.value_bytes),
                metadata_bytes: pick(self.breakdown.metadata_bytes),
                timestamp_ratio,
                value_ratio,
            },
            encode_wall_ms: union_ms(self.encode_spans),
            decode_wall_ms: union_ms(self.decode_spans),
            md5: hex::encode(self.md5.finalize()),
            chunks: self.chunks,
            failed_chunk,
            output,
        }
    }
}

/// One rung's streamed result. The flattened [`RungReport`] fields keep the `run --json` shape;
/// there `encode_ms` and `decode_ms` are thread time summed over all chunks (the monotonic clock
/// around each chunk's encode or decode, so on an overloaded machine it includes time spent
/// waiting for a CPU), not wall time: chunks of all rungs run interleaved on every core. The
/// run's wall time is [`StreamReport::wall_ms`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StreamRungReport {
    /// The usual row.
    #[serde(flatten)]
    pub row: RungReport,
    /// Wall time during which at least one thread was encoding with this rung, ms.
    pub encode_wall_ms: f64,
    /// Wall time during which at least one thread was decoding with this rung, ms.
    pub decode_wall_ms: f64,
    /// MD5 of the whole output (all chunk frames, in order): equals the MD5 of the output file.
    pub md5: String,
    /// Number of chunk frames.
    pub chunks: usize,
    /// The first chunk that failed, if any.
    pub failed_chunk: Option<usize>,
    /// The output file, when written (`--out-dir`).
    pub output: Option<String>,
}

/// The report of a streamed run: a superset of [`crate::report::Report`]'s JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StreamReport {
    /// The data set (statistics and digest computed chunk by chunk, in order).
    pub dataset: DatasetInfo,
    /// zstd level used by every zstd rung.
    pub zstd_level: i32,
    /// How the outputs are framed.
    pub framing: String,
    /// Number of chunks.
    pub chunks: usize,
    /// Worker threads.
    pub threads: usize,
    /// Wall time of the whole run, ms.
    pub wall_ms: f64,
    /// Thread time spent producing chunks (generation or parsing), ms.
    pub source_ms: f64,
    /// Peak resident memory of the process (Linux `VmHWM`), if known.
    pub peak_rss_bytes: Option<u64>,
    /// One row per rung, in order.
    pub rungs: Vec<StreamRungReport>,
}

impl StreamReport {
    /// True if every rung verified on every chunk.
    pub fn all_verified(&self) -> bool {
        self.rungs.iter().all(|r| r.row.verified)
    }

    /// Fills the NDJSON ratios, as [`crate::report::fill_ratios`] does.
    pub fn fill_ratios(&mut self) {
        let mut rows: Vec<RungReport> = self.rungs.iter().map(|r| r.row.clone()).collect();
        crate::report::fill_ratios(&mut rows);
        for (r, row) in self.rungs.iter_mut().zip(rows) {
            r.row.ratio_vs_ndjson = row.ratio_vs_ndjson;
        }
    }
}

/// Total length of the union of `(start, end)` intervals: wall time covered by any of them.
pub fn union_ms(mut spans: Vec<(f64, f64)>) -> f64 {
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut total = 0.0;
    let mut cur: Option<(f64, f64)> = None;
    for (a, b) in spans {
        cur = match cur {
            Some((s, e)) if a <= e => Some((s, e.max(b))),
            Some((s, e)) => {
                total += e - s;
                Some((a, b))
            }
            None => Some((a, b)),
        };
    }
    total + cur.map_or(0.0, |(s, e)| e - s)
}

/// The framing sentence for reports: what a streamed output file is.
pub fn framing(chunks: usize, unit: &str) -> String {
    format!(
        "each rung's output is {chunks} independent frames (one self-contained encoding per \
         {unit}) concatenated in order; zstd rungs are independent zstd frames per chunk"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_counts_overlaps_once() {
        assert_eq!(union_ms(vec![]), 0.0);
        assert_eq!(union_ms(vec![(5.0, 7.0), (0.0, 2.0), (1.0, 3.0)]), 5.0);
        assert_eq!(union_ms(vec![(0.0, 10.0), (2.0, 3.0)]), 10.0);
    }
}
