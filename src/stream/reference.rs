//! Two reference rungs that need no ladder: the canonical byte form (17 bytes a point, the raw
//! columns) and the canonical form + zstd. They give the streaming harness and `bench` something
//! real to run before (and besides) the ladder's rungs: `--reference-rungs` on `run` and `bench`.
//! They are not ladder rungs and never appear in [`crate::ladder::LADDER`].

use crate::canonical;
use crate::encoding::zstd;
use crate::error::Result;
use crate::ladder::{Encoded, Options, Rung};
use crate::model::Dataset;

/// Largest canonical form a `canonical_zstd` frame may expand to (a guard against hostile frames;
/// a 1M-point chunk is ~17 MB).
const MAX_CANONICAL: u64 = 1 << 31;

/// The canonical byte form ([`canonical::to_bytes`]).
pub struct Canonical;

/// The canonical byte form, then one zstd frame.
pub struct CanonicalZstd;

/// Both reference rungs, in order.
pub static REFERENCE: &[&dyn Rung] = &[&Canonical, &CanonicalZstd];

impl Rung for Canonical {
    fn name(&self) -> &'static str {
        "canonical"
    }
    fn summary(&self) -> &'static str {
        "reference: raw columns, 8 B timestamp + 8 B value + 1 tag bit a point"
    }
    fn encode(&self, ds: &Dataset, _: &Options) -> Result<Encoded> {
        Ok(Encoded {
            bytes: canonical::to_bytes(ds),
            breakdown: None,
        })
    }
    fn decode(&self, bytes: &[u8], _: &Options) -> Result<Dataset> {
        canonical::from_bytes(bytes)
    }
}

impl Rung for CanonicalZstd {
    fn name(&self) -> &'static str {
        "canonical_zstd"
    }
    fn summary(&self) -> &'static str {
        "reference: the raw columns + zstd"
    }
    fn encode(&self, ds: &Dataset, opts: &Options) -> Result<Encoded> {
        Ok(Encoded {
            bytes: zstd::compress(&canonical::to_bytes(ds), opts.zstd_level)?,
            breakdown: None,
        })
    }
    fn decode(&self, bytes: &[u8], _: &Options) -> Result<Dataset> {
        canonical::from_bytes(&zstd::decompress_limited(bytes, MAX_CANONICAL)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{generate, Generator, Size};

    #[test]
    fn reference_rungs_round_trip_and_reject_corruption() {
        let ds = generate(Generator::Random, Size::Small, 3);
        let opts = Options { zstd_level: 3 };
        for r in REFERENCE {
            let enc = r.encode(&ds, &opts).expect("encodes");
            let back = r.decode(&enc.bytes, &opts).expect("decodes");
            assert_eq!(r.verify(&ds, &back), Ok(()), "{}", r.name());
            assert!(r.decode(&enc.bytes[..enc.bytes.len() / 2], &opts).is_err());
        }
    }
}
