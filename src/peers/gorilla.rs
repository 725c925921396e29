//! Peer `gorilla`: rung 6's Gorilla XOR alone per series (values), with rung 6's delta-of-delta
//! timestamps. **Not compiled yet**: written against `crate::codecs::{gorilla, delta_of_delta}`
//! (`encode(&[T]) -> Vec<u8>`, `decode(&[u8], n) -> Result<Vec<T>>`) on branch `rung6`. At merge:
//! add `mod gorilla;` to `peers/mod.rs` and replace the `Unavailable { name: "gorilla", .. }`
//! entry with `Entry::Available(&gorilla::Gorilla)`.

use super::Peer;
use crate::codecs::{delta_of_delta, gorilla};
use crate::error::Result;
use crate::model::Series;

/// The `gorilla` peer.
pub struct Gorilla;

impl Peer for Gorilla {
    fn name(&self) -> &'static str {
        "gorilla"
    }
    fn blobs_per_series(&self) -> usize {
        2
    }
    fn encode_series(&self, s: &Series) -> Result<Vec<Vec<u8>>> {
        Ok(vec![
            delta_of_delta::encode(&s.timestamps),
            gorilla::encode(&s.values),
        ])
    }
    fn decode_series(&self, blobs: &[&[u8]], n: usize) -> Result<(Vec<i64>, Vec<f64>)> {
        Ok((
            delta_of_delta::decode(blobs[0], n)?,
            gorilla::decode(blobs[1], n)?,
        ))
    }
}
