//! Peer `pco`: pco 1.1 with its default configuration, per series, timestamps and values as two
//! separate blobs. The state of the art for numeric columns, used the way most people would.

use super::Peer;
use crate::codec8::pco_col;
use crate::error::Result;
use crate::model::Series;

/// The `pco` peer.
pub struct Pco;

impl Peer for Pco {
    fn name(&self) -> &'static str {
        "pco"
    }
    fn blobs_per_series(&self) -> usize {
        2
    }
    fn encode_series(&self, s: &Series) -> Result<Vec<Vec<u8>>> {
        Ok(vec![
            pco_col::compress(&s.timestamps)?,
            pco_col::compress(&s.values)?,
        ])
    }
    fn decode_series(&self, blobs: &[&[u8]], n: usize) -> Result<(Vec<i64>, Vec<f64>)> {
        Ok((
            pco_col::decompress_exact(blobs[0], n, "pco")?,
            pco_col::decompress_exact(blobs[1], n, "pco")?,
        ))
    }
}
