//! Peer `pco_decimal`: as `pco`, but a series whose every value is an exact decimal `k / 10^e`
//! (smallest `e` in `0..=10`, no exceptions) is stored as the integers `k`. The value blob starts
//! with one byte: `e`, or `0xff` for raw f64.

use super::Peer;
use crate::codec8::{pco_col, scale};
use crate::error::{Error, Result};
use crate::model::Series;

/// The `pco_decimal` peer.
pub struct PcoDecimal;

const RAW: u8 = 0xff;

impl Peer for PcoDecimal {
    fn name(&self) -> &'static str {
        "pco_decimal"
    }
    fn blobs_per_series(&self) -> usize {
        2
    }
    fn encode_series(&self, s: &Series) -> Result<Vec<Vec<u8>>> {
        let ks = (0..=scale::MAX_E).find_map(|e| {
            let ks: Option<Vec<i64>> = s.values.iter().map(|&v| scale::exact(v, e)).collect();
            ks.map(|k| (e, k))
        });
        let vals = match ks {
            Some((e, ks)) => [vec![e], pco_col::compress(&ks)?].concat(),
            None => [vec![RAW], pco_col::compress(&s.values)?].concat(),
        };
        Ok(vec![pco_col::compress(&s.timestamps)?, vals])
    }
    fn decode_series(&self, blobs: &[&[u8]], n: usize) -> Result<(Vec<i64>, Vec<f64>)> {
        let ts = pco_col::decompress_exact(blobs[0], n, "pco_decimal")?;
        let (&e, rest) = blobs[1]
            .split_first()
            .ok_or_else(|| Error::corrupt("pco_decimal", "empty value blob"))?;
        let vals = match e {
            RAW => pco_col::decompress_exact(rest, n, "pco_decimal")?,
            e if e <= scale::MAX_E => {
                let ks: Vec<i64> = pco_col::decompress_exact(rest, n, "pco_decimal")?;
                ks.iter().map(|&k| scale::unscale(k, e)).collect()
            }
            e => return Err(Error::corrupt("pco_decimal", format!("bad exponent {e}"))),
        };
        Ok((ts, vals))
    }
}
