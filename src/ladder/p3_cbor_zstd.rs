//! Rung 3, `cbor_zstd`: rung 2's CBOR bytes in one zstd frame (with its content checksum) at the
//! run's `--zstd-level`. This is the "just compress it" step: zstd finds the repeated keys and
//! labels that CBOR still spells out for every point.

use crate::encoding::zstd;
use crate::error::Result;
use crate::model::Dataset;

use super::{p2_cbor, Encoded, Options, Rung};

/// The CBOR + zstd rung.
pub struct CborZstd;

/// The most bytes a decoded frame may expand to (the buffer grows with the real output).
const MAX_RAW: u64 = 1 << 34;

impl Rung for CborZstd {
    fn name(&self) -> &'static str {
        "cbor_zstd"
    }
    fn summary(&self) -> &'static str {
        "rung 2 compressed with zstd"
    }
    fn encode(&self, ds: &Dataset, opts: &Options) -> Result<Encoded> {
        let raw = p2_cbor::write(ds)?;
        Ok(Encoded {
            bytes: zstd::compress_checked(&raw, opts.zstd_level)?,
            breakdown: None,
        })
    }
    fn decode(&self, bytes: &[u8], _opts: &Options) -> Result<Dataset> {
        let raw = zstd::decompress_growing(bytes, MAX_RAW)?;
        p2_cbor::read(&raw, "cbor_zstd")
    }
}
