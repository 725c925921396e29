//! Peer `zstd_columns`: per series the raw little-endian timestamp column then the value column,
//! as one zstd frame at level 19: the general-purpose baseline.

use super::{Peer, PEER_ZSTD_LEVEL};
use crate::encoding::zstd;
use crate::error::{Error, Result};
use crate::model::Series;

/// The `zstd_columns` peer.
pub struct ZstdColumns;

impl Peer for ZstdColumns {
    fn name(&self) -> &'static str {
        "zstd_columns"
    }
    fn blobs_per_series(&self) -> usize {
        1
    }
    fn encode_series(&self, s: &Series) -> Result<Vec<Vec<u8>>> {
        let mut raw = Vec::with_capacity(s.len() * 16);
        for t in &s.timestamps {
            raw.extend_from_slice(&t.to_le_bytes());
        }
        for v in &s.values {
            raw.extend_from_slice(&v.to_bits().to_le_bytes());
        }
        Ok(vec![zstd::compress(&raw, PEER_ZSTD_LEVEL)?])
    }
    fn decode_series(&self, blobs: &[&[u8]], n: usize) -> Result<(Vec<i64>, Vec<f64>)> {
        let raw = zstd::decompress(blobs[0], (n as u64).saturating_mul(16))?;
        if raw.len() != n * 16 {
            return Err(Error::corrupt("zstd_columns", "wrong column length"));
        }
        let word = |c: &[u8]| {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            u64::from_le_bytes(a)
        };
        let (t, v) = raw.split_at(n * 8);
        Ok((
            t.chunks_exact(8).map(|c| word(c) as i64).collect(),
            v.chunks_exact(8).map(|c| f64::from_bits(word(c))).collect(),
        ))
    }
}
