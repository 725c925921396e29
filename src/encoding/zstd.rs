//! The one zstd wrapper. Every rung that compresses goes through here, so the level is always a
//! parameter (shown in every report) and decompression is always bounded by a size the caller
//! states, never by what the (possibly hostile) frame header claims.
//!
//! Backed by the C library (the `zstd` crate); for wasm32 it is compiled by clang (see the README).

use crate::error::{Error, Result};

/// The default zstd level. Level 19 costs ~0 bytes over 22 at a fraction of the time (the Python
/// anchor spends 80 % of its run in level 22); see the README's level table.
pub const DEFAULT_LEVEL: i32 = 19;

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

/// Like [`compress`], plus zstd's content checksum (4 bytes of XXH64) at the end of the frame, so
/// decompression rejects flipped bits instead of returning different bytes.
pub fn compress_checked(data: &[u8], level: i32) -> Result<Vec<u8>> {
    if !(1..=MAX_LEVEL).contains(&level) {
        return Err(Error::Usage(format!(
            "zstd level {level} is out of range 1..={MAX_LEVEL}"
        )));
    }
    let mut c = zstd::bulk::Compressor::new(level).map_err(|e| Error::io("zstd", e))?;
    c.include_checksum(true).map_err(|e| Error::io("zstd", e))?;
    c.compress(data).map_err(|e| Error::io("zstd", e))
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
}
