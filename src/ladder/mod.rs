//! THE LADDER: storage formats from naive to best, one file per rung, in order.
//!
//! | # | file | name | idea |
//! |---|---|---|---|
//! | 1 | `p1_ndjson.rs` | `ndjson` | one JSON object per point, time-ordered: the 1.0x baseline |
//! | 2 | `p2_cbor.rs` | `cbor` | the same records in CBOR |
//! | 3 | `p3_cbor_zstd.rs` | `cbor_zstd` | rung 2 + zstd |
//! | 4 | `p4_binary_table.rs` | `binary_table` | string table + fixed-width rows, + zstd |
//! | 5 | `p5_columnar.rs` | `columnar` | per series: metadata once, a timestamp and a value column, + zstd |
//! | 6 | `p6_ts_codecs.rs` | `ts_codecs` | delta-of-delta timestamps, Gorilla XOR / exact per-series value codecs, + zstd |
//! | 7 | `p7_downsample.rs` | `downsample` | lossy by design: 5 min / 15 min / 1 h rollups (count, sum, min, max, first, last) |
//! | 8 | `p8_metricpress.rs` | `metricpress` | our best lossless codec |
//!
//! Every rung implements [`Rung`]. Every lossless rung is verified on every run: its *actual bytes*
//! are decoded and compared bit-for-bit with the input ([`Dataset::bit_eq`]).

pub mod p8_metricpress;

use serde::Serialize;

use crate::error::Result;
use crate::model::Dataset;

pub mod edge_cases;
pub mod p1_ndjson;
pub mod p2_cbor;
pub mod p3_cbor_zstd;
pub mod p4_binary_table;
pub mod p5_columnar;
pub mod p6_ts_codecs;
pub mod p7_downsample;
pub mod records;
pub mod sections;

/// Settings that change a rung's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Options {
    /// zstd level for every rung that uses zstd (1..=22).
    pub zstd_level: i32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            zstd_level: crate::encoding::zstd::DEFAULT_LEVEL,
        }
    }
}

/// Where an encoding's bytes go, when the format keeps the parts apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Breakdown {
    /// Bytes spent on timestamps.
    pub timestamp_bytes: u64,
    /// Bytes spent on values (and integer tags).
    pub value_bytes: u64,
    /// Bytes spent on names, labels, index and headers.
    pub metadata_bytes: u64,
}

/// A rung's output.
#[derive(Debug, Clone, Default)]
pub struct Encoded {
    /// The encoded bytes: exactly what would be written to disk.
    pub bytes: Vec<u8>,
    /// The byte breakdown, if the format separates the parts.
    pub breakdown: Option<Breakdown>,
}

/// One storage format of the ladder. Object-safe, so the ladder is a plain list.
pub trait Rung: Sync {
    /// Short machine name used in JSON and URLs (`ndjson`, `cbor`, ...).
    fn name(&self) -> &'static str;
    /// One line saying what this rung does differently from the one before.
    fn summary(&self) -> &'static str;
    /// True unless the rung throws information away by design.
    fn lossless(&self) -> bool {
        true
    }
    /// Encodes a data set.
    fn encode(&self, ds: &Dataset, opts: &Options) -> Result<Encoded>;
    /// Decodes bytes produced by [`Rung::encode`]; corrupt bytes give an error, never a panic.
    fn decode(&self, bytes: &[u8], opts: &Options) -> Result<Dataset>;
    /// Checks a decoded data set against the input. Lossless rungs: bit-exact equality. Lossy rungs
    /// override this with the checks that make sense for them.
    fn verify(&self, input: &Dataset, decoded: &Dataset) -> std::result::Result<(), String> {
        input.bit_eq(decoded)
    }
}

/// The ladder, in order.
pub static LADDER: &[&dyn Rung] = &[
    &p1_ndjson::Ndjson,
    &p2_cbor::Cbor,
    &p3_cbor_zstd::CborZstd,
    &p4_binary_table::BinaryTable,
    &p5_columnar::Columnar,
    &p6_ts_codecs::TsCodecs,
    &p7_downsample::Downsample,
    &p8_metricpress::Metricpress,
];

/// Looks a rung up by name.
pub fn by_name(name: &str) -> Option<&'static dyn Rung> {
    LADDER.iter().copied().find(|r| r.name() == name)
}
