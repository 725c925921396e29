//! A small container for rungs that keep timestamps, values and metadata apart: each section is its
//! own zstd frame (with content checksum), so the report's byte breakdown is the real size of each
//! part, not an estimate.
//!
//! ```text
//! magic (4 bytes) | section count (u8) | per section: raw length (varint), frame length (varint)
//! | the frames, in order
//! ```
//!
//! The header bytes are counted as metadata by the rungs. Decoding checks the magic, the count,
//! that every frame fits in the bytes left, and that each frame expands to exactly its stated raw
//! length (growing the buffer with the real output, never allocating from the stated length).

use crate::encoding::bytes::Reader;
use crate::encoding::{varint, zstd};
use crate::error::{Error, Result};
use crate::ladder::{Breakdown, Encoded};

/// The largest raw section accepted (the buffer still grows only with real output).
const MAX_RAW: u64 = 1 << 34;

/// Packed sections and the size of each frame.
pub struct Packed {
    /// The whole container.
    pub bytes: Vec<u8>,
    /// Bytes of the header (magic, count, lengths).
    pub header_len: usize,
    /// Bytes of each section's frame.
    pub frame_lens: Vec<usize>,
}

/// Compresses each section and writes the container.
pub fn pack(magic: &[u8; 4], sections: &[&[u8]], level: i32) -> Result<Packed> {
    let frames = sections
        .iter()
        .map(|s| zstd::compress_checked(s, level))
        .collect::<Result<Vec<_>>>()?;
    let mut bytes = magic.to_vec();
    bytes.push(sections.len() as u8);
    for (s, f) in sections.iter().zip(&frames) {
        varint::put_u64(&mut bytes, s.len() as u64);
        varint::put_u64(&mut bytes, f.len() as u64);
    }
    let header_len = bytes.len();
    for f in &frames {
        bytes.extend_from_slice(f);
    }
    Ok(Packed {
        bytes,
        header_len,
        frame_lens: frames.iter().map(Vec::len).collect(),
    })
}

/// Packs a rung's three sections, metadata, timestamps and values, as separate zstd frames. The
/// breakdown is their actual frame sizes; the container header counts as metadata.
pub fn encode_three(magic: &[u8; 4], sections: [&[u8]; 3], level: i32) -> Result<Encoded> {
    let p = pack(magic, &sections, level)?;
    Ok(Encoded {
        breakdown: Some(Breakdown {
            metadata_bytes: (p.header_len + p.frame_lens[0]) as u64,
            timestamp_bytes: p.frame_lens[1] as u64,
            value_bytes: p.frame_lens[2] as u64,
        }),
        bytes: p.bytes,
    })
}

/// Reads a container of exactly `count` sections and decompresses them.
pub fn unpack(
    bytes: &[u8],
    magic: &[u8; 4],
    count: usize,
    format: &'static str,
) -> Result<Vec<Vec<u8>>> {
    let mut r = Reader::new(bytes, format);
    if r.take(4)? != magic {
        return Err(Error::corrupt_at(format, 0, "wrong magic bytes"));
    }
    let n = r.u8()? as usize;
    if n != count {
        return Err(r.err(format!("{n} sections, expected {count}")));
    }
    let mut lens = Vec::with_capacity(count);
    for _ in 0..count {
        let raw = r.u64_var()?;
        if raw > MAX_RAW {
            return Err(r.err(format!("section of {raw} bytes exceeds the limit")));
        }
        let frame = r.len_var(r.remaining(), "frame length")?;
        lens.push((raw, frame));
    }
    let mut out = Vec::with_capacity(count);
    for (raw, frame) in lens {
        let at = r.pos();
        let f = r.take(frame)?;
        let data = zstd::decompress_growing(f, raw)
            .map_err(|e| Error::corrupt_at(format, at, e.to_string()))?;
        if data.len() as u64 != raw {
            return Err(Error::corrupt_at(
                format,
                at,
                format!("section expands to {} bytes, header says {raw}", data.len()),
            ));
        }
        out.push(data);
    }
    if !r.is_empty() {
        return Err(r.err("trailing bytes after the last section"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_rejections() {
        let a = b"aaaaaaaaaaaaaaaaaaaaaaaa".to_vec();
        let b = b"".to_vec();
        let p = pack(b"TEST", &[&a, &b], 3).expect("packs");
        assert_eq!(
            p.header_len + p.frame_lens.iter().sum::<usize>(),
            p.bytes.len()
        );
        let back = unpack(&p.bytes, b"TEST", 2, "t").expect("unpacks");
        assert_eq!(back, vec![a, b]);
        assert!(unpack(&p.bytes, b"TEST", 3, "t").is_err());
        assert!(unpack(&p.bytes, b"XXXX", 2, "t").is_err());
        let mut extra = p.bytes.clone();
        extra.push(0);
        assert!(unpack(&extra, b"TEST", 2, "t").is_err());
        for n in 0..p.bytes.len() {
            assert!(unpack(&p.bytes[..n], b"TEST", 2, "t").is_err());
        }
    }
}
