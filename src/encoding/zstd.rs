//! The one zstd wrapper. Every rung that compresses goes through here, so the level is always a
//! parameter (shown in every report) and decompression is always bounded by a size the caller
//! states, never by what the (possibly hostile) frame header claims.
//!
//! Backed by the C library (the `zstd` crate); for wasm32 it is compiled by clang (see the README).

use crate::error::{Error, Result};

/// The default zstd level for the small and big scales (huge uses 3, see `cli::stream_run`).
///
/// Measured on synthetic small/big (README, "zstd level"): level 19 makes rungs 3-5 13-20 %
/// smaller than level 3 but costs 10 s on small and over 3 minutes on big for `cbor_zstd` alone;
/// level 22 gains nothing over 19 (the Python anchor spends 80 % of its run there). Level 9 keeps
/// the whole small ladder well under a second. `--zstd-level 19` gives the best ratios.
pub const DEFAULT_LEVEL: i32 = 9;

/// The largest level accepted.
pub const MAX_LEVEL: i32 = 22;

/// Compresses `data` as one zstd frame at `level` (1..=22).
pub fn compress(data: &[u8], level: i32) -> Result<Vec<u8>> {
    if !(1..=MAX_LEVEL).contains(&level) {
        return Err(Error::Usage(format!(
            "zstd level {level} is out of range 1..={MAX_LEVEL}"
        )));
    }
    zstd::bulk::compress(data, level).map_err(|e| Error::io("zstd", e))
}

/// Decompresses one zstd frame that must expand to at most `max_len` bytes.
pub fn decompress(frame: &[u8], max_len: u64) -> Result<Vec<u8>> {
    let cap = usize::try_from(max_len)
        .map_err(|_| Error::corrupt("zstd", format!("stated size {max_len} is too large")))?;
    zstd::bulk::decompress(frame, cap).map_err(|e| Error::corrupt("zstd", e.to_string()))
}

/// Decompresses a frame whose content size is read from its header, refusing anything larger
/// than `limit` bytes (a guard against decompression bombs).
pub fn decompress_limited(frame: &[u8], limit: u64) -> Result<Vec<u8>> {
    let size = zstd::zstd_safe::get_frame_content_size(frame)
        .map_err(|_| Error::corrupt("zstd", "not a zstd frame"))?
        .ok_or_else(|| Error::corrupt("zstd", "frame does not state its content size"))?;
    if size > limit {
        return Err(Error::corrupt(
            "zstd",
            format!("frame claims {size} bytes, more than the limit {limit}"),
        ));
    }
    decompress(frame, size)
}

/// Compresses `data` as one zstd frame at `level` with the frame's content checksum (XXH64, 4
/// bytes) switched on, so a flipped bit in the frame is an error on decompression, not a silently
/// different payload. The ladder's rungs use this.
pub fn compress_checked(data: &[u8], level: i32) -> Result<Vec<u8>> {
    if !(1..=MAX_LEVEL).contains(&level) {
        return Err(Error::Usage(format!(
            "zstd level {level} is out of range 1..={MAX_LEVEL}"
        )));
    }
    let mut c = zstd::bulk::Compressor::new(level).map_err(|e| Error::io("zstd", e))?;
    c.set_parameter(zstd::zstd_safe::CParameter::ChecksumFlag(true))
        .map_err(|e| Error::io("zstd", e))?;
    c.compress(data).map_err(|e| Error::io("zstd", e))
}

/// Decompresses zstd frame(s) into a buffer that grows with the output actually produced, refusing
/// more than `max_len` bytes. Unlike [`decompress`], nothing is allocated up front from a size the
/// (possibly hostile) caller or frame header states. Truncated frames, bad checksums and trailing
/// garbage are errors.
pub fn decompress_growing(frame: &[u8], max_len: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let dec = zstd::stream::read::Decoder::with_buffer(frame)
        .map_err(|e| Error::corrupt("zstd", e.to_string()))?;
    let mut out = Vec::with_capacity(frame.len().saturating_mul(4).min(1 << 20));
    dec.take(max_len.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| Error::corrupt("zstd", e.to_string()))?;
    if out.len() as u64 > max_len {
        return Err(Error::corrupt(
            "zstd",
            format!("frame expands past the limit of {max_len} bytes"),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_level_check() {
        let data = b"metricpress metricpress metricpress".repeat(50);
        let z = compress(&data, 3).expect("compresses");
        assert!(z.len() < data.len() / 5);
        assert_eq!(decompress(&z, data.len() as u64).expect("ok"), data);
        assert_eq!(decompress_limited(&z, 1 << 20).expect("ok"), data);
        assert!(decompress_limited(&z, 10).is_err());
        assert!(compress(&data, 0).is_err());
        assert!(compress(&data, 23).is_err());
        assert!(decompress(&z[..z.len() - 1], 1 << 20).is_err());
    }

    #[test]
    fn checked_frames_catch_flips_and_truncation() {
        let data = b"metricpress metricpress metricpress".repeat(50);
        let z = compress_checked(&data, 3).expect("compresses");
        assert_eq!(decompress_growing(&z, 1 << 20).expect("ok"), data);
        assert!(decompress_growing(&z, 100).is_err());
        for n in 0..z.len() {
            assert!(
                decompress_growing(&z[..n], 1 << 20).is_err(),
                "truncated to {n}"
            );
        }
        for i in 0..z.len() * 8 {
            let mut c = z.clone();
            c[i / 8] ^= 1 << (i % 8);
            if let Ok(d) = decompress_growing(&c, 1 << 20) {
                assert_eq!(d, data, "bit {i} flipped gave different bytes");
            }
        }
    }
}
