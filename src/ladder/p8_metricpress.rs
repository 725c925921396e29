//! Rung 8, `metricpress`: our best lossless codec ([`crate::codec8`]).
//!
//! Versus rung 6 (per-series delta-of-delta / XOR + zstd): one shared timestamp column per clock
//! (a descriptor when regular), exact decimal scaling with exceptions, constants in 8 bytes, the
//! same metric's series pooled into one pco chunk (binning + tANS instead of bit windows), and a
//! per-block choice of layout by measured size. Names, labels and tags are in the bytes.

use super::{Encoded, Options, Rung};
use crate::codec8;
use crate::error::Result;
use crate::model::Dataset;

/// Rung 8.
pub struct Metricpress;

impl Rung for Metricpress {
    fn name(&self) -> &'static str {
        "metricpress"
    }

    fn summary(&self) -> &'static str {
        "shared clocks, exact decimal scaling with exceptions, metric pools, pco entropy coding"
    }

    fn encode(&self, ds: &Dataset, opts: &Options) -> Result<Encoded> {
        codec8::encode(ds, opts.zstd_level)
    }

    fn decode(&self, bytes: &[u8], _opts: &Options) -> Result<Dataset> {
        codec8::decode(bytes)
    }
}
