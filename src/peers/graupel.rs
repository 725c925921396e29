//! Peers `graupel_gorilla`, `chimp128` and `elf`: the `graupel` 0.1 crate (pure Rust, builds for
//! wasm32), one block per series (no time windows), timestamps as its delta-of-delta. These are
//! the XOR family: Gorilla (VLDB 2015), Chimp128 (VLDB 2022), Elf (VLDB 2023).

use graupel::{Codec, Point};

use super::Peer;
use crate::error::{Error, Result};
use crate::model::Series;

/// A graupel codec.
pub enum Graupel {
    /// Gorilla XOR.
    Gorilla,
    /// Chimp128.
    Chimp128,
    /// Elf.
    Elf,
}

impl Graupel {
    fn codec(&self) -> &'static dyn Codec {
        match self {
            Graupel::Gorilla => &graupel::codec::Gorilla,
            Graupel::Chimp128 => &graupel::codec::Chimp128,
            Graupel::Elf => &graupel::codec::Elf,
        }
    }
}

fn err(e: graupel::Error) -> Error {
    Error::corrupt("graupel", format!("{e:?}"))
}

impl Peer for Graupel {
    fn name(&self) -> &'static str {
        match self {
            Graupel::Gorilla => "graupel_gorilla",
            Graupel::Chimp128 => "chimp128",
            Graupel::Elf => "elf",
        }
    }
    fn blobs_per_series(&self) -> usize {
        1
    }
    fn encode_series(&self, s: &Series) -> Result<Vec<Vec<u8>>> {
        let pts: Vec<Point> = s
            .timestamps
            .iter()
            .zip(&s.values)
            .map(|(&t, &v)| Point::new(t, v))
            .collect();
        Ok(vec![self
            .codec()
            .encode(&pts)
            .map_err(|e| Error::Invalid(format!("graupel: {e:?}")))?])
    }
    fn decode_series(&self, blobs: &[&[u8]], n: usize) -> Result<(Vec<i64>, Vec<f64>)> {
        let pts = graupel::decode(blobs[0]).map_err(err)?;
        if pts.len() != n {
            return Err(Error::corrupt("graupel", "wrong point count"));
        }
        Ok(pts.iter().map(|p| (p.timestamp, p.value)).unzip())
    }
}
