//! A *section*: a byte payload stored raw or as one zstd frame, whichever is smaller.
//!
//! Rung 8 keeps its small side streams (string table, timestamp descriptors, value transforms,
//! exceptions) in sections, apart from the pco blobs, so that zstd only sees the varint-heavy
//! bytes it is good at, and only when it pays. Layout: `u8 flag` (0 raw, 1 zstd), `varint stored
//! length`, for zstd `varint raw length`, then the stored bytes.

use crate::encoding::bytes::Reader;
use crate::encoding::{varint, zstd};
use crate::error::Result;

/// Appends `payload` as a section, zstd-compressed at `level` if that is smaller.
pub fn put(out: &mut Vec<u8>, payload: &[u8], level: i32) -> Result<()> {
    let z = if payload.len() > 16 {
        Some(zstd::compress(payload, level)?)
    } else {
        None
    };
    match z {
        Some(z) if z.len() + varint_len(payload.len() as u64) < payload.len() => {
            out.push(1);
            varint::put_u64(out, z.len() as u64);
            varint::put_u64(out, payload.len() as u64);
            out.extend_from_slice(&z);
        }
        _ => {
            out.push(0);
            varint::put_u64(out, payload.len() as u64);
            out.extend_from_slice(payload);
        }
    }
    Ok(())
}

/// Reads a section whose payload may not exceed `limit` bytes.
pub fn get(r: &mut Reader, limit: usize) -> Result<Vec<u8>> {
    let flag = r.u8()?;
    let stored = r.len_var(r.remaining(), "section length")?;
    match flag {
        0 => Ok(r.take(stored)?.to_vec()),
        1 => {
            let raw = r.len_var(limit, "section raw length")?;
            let frame = r.take(stored)?;
            let out = zstd::decompress(frame, raw as u64)?;
            if out.len() != raw {
                return Err(r.err("section length differs from its stated raw length"));
            }
            Ok(out)
        }
        f => Err(r.err(format!("unknown section flag {f}"))),
    }
}

fn varint_len(v: u64) -> usize {
    let mut b = Vec::new();
    varint::put_u64(&mut b, v);
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_and_zstd_sections_round_trip() {
        for payload in [vec![], b"abc".to_vec(), b"metric metric metric ".repeat(40)] {
            let mut out = Vec::new();
            put(&mut out, &payload, 19).expect("puts");
            let mut r = Reader::new(&out, "t");
            assert_eq!(get(&mut r, 1 << 20).expect("gets"), payload);
            assert!(r.is_empty());
        }
        let mut out = Vec::new();
        put(&mut out, &b"x".repeat(5000), 19).expect("puts");
        assert_eq!(out[0], 1, "a repetitive payload is compressed");
        assert!(
            get(&mut Reader::new(&out, "t"), 100).is_err(),
            "limit holds"
        );
    }
}
