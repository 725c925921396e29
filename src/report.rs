//! Runs the ladder over a data set and reports, per rung: bytes, bytes per point, ratio vs NDJSON,
//! encode and decode time, the byte breakdown, and whether the decoded bytes verified.
//!
//! Pure: the clock is injected (`now_ms`), so the same code runs natively and in a browser worker.
//! The JSON shape here is the one the CLI's `--json` and the page's download share.

use serde::Serialize;

use crate::error::Result;
use crate::floor::Floor;
use crate::ladder::{Breakdown, Options, Rung};
use crate::model::Dataset;
use crate::peers::PeerReport;
use crate::stats::Stats;

/// A monotonic millisecond clock, supplied by the platform.
pub type Clock<'a> = &'a dyn Fn() -> f64;

/// The identity and statistics of a data set, as reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DatasetInfo {
    /// `synthetic`, `random`, `real` or `import`.
    pub generator: String,
    /// `small`, `big`, `huge`, or `file` for imports.
    pub size: String,
    /// The seed (generated data), or null.
    pub seed: Option<u64>,
    /// MD5 of the canonical byte form.
    pub digest: String,
    /// `hit`, `miss` or `off`.
    pub cache: String,
    /// The statistics.
    #[serde(flatten)]
    pub stats: Stats,
}

/// One rung's measured result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RungReport {
    /// The rung's name.
    pub name: String,
    /// One-line summary.
    pub summary: String,
    /// Lossless by design?
    pub lossless: bool,
    /// Did its decoded bytes pass [`Rung::verify`]?
    pub verified: bool,
    /// Why verification failed, if it did.
    pub error: Option<String>,
    /// Encoded size.
    pub bytes: u64,
    /// `bytes / points`.
    pub bytes_per_point: f64,
    /// NDJSON bytes / these bytes.
    pub ratio_vs_ndjson: Option<f64>,
    /// Encode wall time.
    pub encode_ms: f64,
    /// Decode wall time.
    pub decode_ms: f64,
    /// Timestamp bytes, if separable.
    pub timestamp_bytes: Option<u64>,
    /// Value bytes, if separable.
    pub value_bytes: Option<u64>,
    /// Metadata bytes, if separable.
    pub metadata_bytes: Option<u64>,
    /// Raw 8-byte timestamp column / timestamp bytes, if separable ([`raw_ratios`]).
    pub timestamp_ratio: Option<f64>,
    /// Raw 8-byte value column / value bytes, if separable ([`raw_ratios`]).
    pub value_ratio: Option<f64>,
}

/// Runs one rung: encode, decode its actual bytes, verify.
pub fn run_rung(
    rung: &dyn Rung,
    ds: &Dataset,
    opts: &Options,
    now_ms: Clock,
) -> Result<RungReport> {
    let t0 = now_ms();
    let enc = rung.encode(ds, opts)?;
    let t1 = now_ms();
    let decoded = rung.decode(&enc.bytes, opts);
    let t2 = now_ms();
    let check = match decoded {
        Ok(d) => rung.verify(ds, &d),
        Err(e) => Err(format!("decode failed: {e}")),
    };
    let points = ds.points().max(1) as f64;
    let b = enc.breakdown.unwrap_or_default();
    let has = enc.breakdown.is_some();
    let pick = |x: u64| has.then_some(x);
    let (ts_ratio, value_ratio) = if has {
        raw_ratios(ds.points() as u64, &b)
    } else {
        (None, None)
    };
    Ok(RungReport {
        name: rung.name().to_string(),
        summary: rung.summary().to_string(),
        lossless: rung.lossless(),
        verified: check.is_ok(),
        error: check.err(),
        bytes: enc.bytes.len() as u64,
        bytes_per_point: enc.bytes.len() as f64 / points,
        ratio_vs_ndjson: None,
        encode_ms: t1 - t0,
        decode_ms: t2 - t1,
        timestamp_bytes: pick(b.timestamp_bytes),
        value_bytes: pick(b.value_bytes),
        metadata_bytes: pick(b.metadata_bytes),
        timestamp_ratio: ts_ratio,
        value_ratio,
    })
}

/// Fills `ratio_vs_ndjson` from the `ndjson` row.
pub fn fill_ratios(rows: &mut [RungReport]) {
    let base = rows.iter().find(|r| r.name == "ndjson").map(|r| r.bytes);
    for r in rows {
        r.ratio_vs_ndjson = base
            .filter(|_| r.bytes > 0)
            .map(|b| b as f64 / r.bytes as f64);
    }
}

/// Runs a list of rungs (normally [`crate::ladder::LADDER`]), calling `progress(i, name)` before each.
pub fn run_ladder(
    rungs: &[&dyn Rung],
    ds: &Dataset,
    opts: &Options,
    now_ms: Clock,
    progress: &mut dyn FnMut(usize, &str),
) -> Result<Vec<RungReport>> {
    let mut rows = Vec::with_capacity(rungs.len());
    for (i, r) in rungs.iter().enumerate() {
        progress(i, r.name());
        rows.push(run_rung(*r, ds, opts, now_ms)?);
    }
    fill_ratios(&mut rows);
    Ok(rows)
}

/// The full report: the data set, the settings and one row per rung.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The data set.
    pub dataset: DatasetInfo,
    /// zstd level used by every zstd rung.
    pub zstd_level: i32,
    /// One row per rung, ladder order.
    pub rungs: Vec<RungReport>,
    /// The peers ([`crate::peers`]), measured on the same data.
    pub peers: Vec<PeerReport>,
    /// The reference floor ([`crate::floor`]).
    pub floor: Floor,
}

impl Report {
    /// True if every lossless rung verified (lossy rungs must pass their own checks too) and
    /// every peer that produced bytes decoded them bit-exactly.
    pub fn all_verified(&self) -> bool {
        self.rungs.iter().all(|r| r.verified)
            && self.peers.iter().all(|p| p.verified || p.bytes.is_none())
    }
}

/// Raw column sizes, for timestamp and value compression ratios (8 bytes per timestamp or value).
pub fn raw_ratios(points: u64, b: &Breakdown) -> (Option<f64>, Option<f64>) {
    let raw = (points * 8) as f64;
    let r = |x: u64| (x > 0).then(|| raw / x as f64);
    (r(b.timestamp_bytes), r(b.value_bytes))
}
