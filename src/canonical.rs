//! The canonical byte form of a data set, its MD5 content digest, and the checksummed cache blob
//! built on it.
//!
//! The canonical form is one block per series, concatenated (all integers little-endian):
//!
//! ```text
//! u32 name_len, name | u32 label_count, (u32 len, key, u32 len, value)* |
//! u64 n | n x i64 timestamps | n x u64 value bits | ceil(n/8) bytes integer-tag bitmap (LSB first)
//! ```
//!
//! Because it is a plain concatenation, the digest of a `huge` data set can be computed series by
//! series ([`Digest`]) and equals the digest of the same data held in memory. Two builds (native and
//! wasm) that print the same digest made bit-identical data.
//!
//! The cache blob wraps the canonical form: `MPCACHE1` magic, u64 canonical length, a zstd frame,
//! and the MD5 of the canonical bytes; [`unpack`] rejects anything that does not check out.

use md5::{Digest as _, Md5};

use crate::error::{Error, Result};
use crate::model::{Dataset, Series};

const MAGIC: &[u8; 8] = b"MPCACHE1";

/// Appends the canonical block of one series to `out`.
pub fn write_series(s: &Series, out: &mut Vec<u8>) {
    let put_str = |out: &mut Vec<u8>, t: &str| {
        out.extend_from_slice(&(t.len() as u32).to_le_bytes());
        out.extend_from_slice(t.as_bytes());
    };
    put_str(out, &s.name);
    out.extend_from_slice(&(s.labels.len() as u32).to_le_bytes());
    for (k, v) in &s.labels {
        put_str(out, k);
        put_str(out, v);
    }
    out.extend_from_slice(&(s.len() as u64).to_le_bytes());
    out.reserve(s.len() * 17);
    for t in &s.timestamps {
        out.extend_from_slice(&t.to_le_bytes());
    }
    for v in &s.values {
        out.extend_from_slice(&v.to_bits().to_le_bytes());
    }
    for chunk in s.is_int.chunks(8) {
        let byte = chunk
            .iter()
            .enumerate()
            .fold(0u8, |b, (i, &t)| b | (u8::from(t) << i));
        out.push(byte);
    }
}

/// The canonical bytes of a whole data set.
pub fn to_bytes(ds: &Dataset) -> Vec<u8> {
    let mut out = Vec::with_capacity(ds.points() * 17 + ds.series.len() * 64);
    for s in &ds.series {
        write_series(s, &mut out);
    }
    out
}

/// A bounds-checked little-endian reader over untrusted bytes.
struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8]> {
        if self.buf.len() - self.pos < n {
            return Err(Error::corrupt_at(
                "canonical",
                self.pos,
                format!(
                    "truncated {what}: need {n} bytes, {} left",
                    self.buf.len() - self.pos
                ),
            ));
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn u32(&mut self, what: &str) -> Result<u32> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self, what: &str) -> Result<u64> {
        let mut a = [0u8; 8];
        a.copy_from_slice(self.take(8, what)?);
        Ok(u64::from_le_bytes(a))
    }
    fn string(&mut self, what: &str) -> Result<String> {
        let at = self.pos;
        let n = self.u32(what)? as usize;
        let b = self.take(n, what)?;
        String::from_utf8(b.to_vec())
            .map_err(|_| Error::corrupt_at("canonical", at, format!("{what} is not UTF-8")))
    }
}

/// Parses canonical bytes back into a data set (bounds-checked; never panics).
pub fn from_bytes(buf: &[u8]) -> Result<Dataset> {
    let mut r = Reader { buf, pos: 0 };
    let mut ds = Dataset::default();
    while r.pos < buf.len() {
        let name = r.string("metric name")?;
        let nl = r.u32("label count")? as usize;
        let mut labels = Vec::with_capacity(nl.min(64));
        for _ in 0..nl {
            labels.push((r.string("label key")?, r.string("label value")?));
        }
        let at = r.pos;
        let n = r.u64("point count")?;
        let left = (buf.len() - r.pos) as u64;
        if n.saturating_mul(16) > left {
            return Err(Error::corrupt_at(
                "canonical",
                at,
                format!("point count {n} exceeds the {left} bytes left"),
            ));
        }
        let n = n as usize;
        let ts = r.take(n * 8, "timestamps")?;
        let vs = r.take(n * 8, "values")?;
        let tags = r.take(n.div_ceil(8), "integer tags")?;
        let mut s = Series {
            name,
            labels,
            ..Series::default()
        };
        s.timestamps = ts
            .chunks_exact(8)
            .map(|c| i64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
            .collect();
        s.values = vs
            .chunks_exact(8)
            .map(|c| f64::from_bits(u64::from_le_bytes(c.try_into().unwrap_or([0; 8]))))
            .collect();
        s.is_int = (0..n).map(|i| tags[i / 8] >> (i % 8) & 1 == 1).collect();
        s.validate()
            .map_err(|e| Error::corrupt_at("canonical", at, e.to_string()))?;
        ds.series.push(s);
    }
    Ok(ds)
}

/// A streaming MD5 content digest: feed series in order, get the same hex as [`digest`].
#[derive(Default)]
pub struct Digest {
    md5: Md5,
    buf: Vec<u8>,
}

impl Digest {
    /// A digest of nothing yet.
    pub fn new() -> Self {
        Self::default()
    }
    /// Adds one series.
    pub fn update(&mut self, s: &Series) {
        self.buf.clear();
        write_series(s, &mut self.buf);
        self.md5.update(&self.buf);
    }
    /// The lowercase hex MD5.
    pub fn finish(self) -> String {
        hex::encode(self.md5.finalize())
    }
}

/// The content digest (MD5 hex of the canonical form) of a data set.
pub fn digest(ds: &Dataset) -> String {
    let mut d = Digest::new();
    ds.series.iter().for_each(|s| d.update(s));
    d.finish()
}

/// MD5 hex of arbitrary bytes (cache keys, manifests).
pub fn md5_hex(bytes: &[u8]) -> String {
    hex::encode(Md5::digest(bytes))
}

/// Packs a data set into a checksummed, zstd-compressed cache blob.
pub fn pack(ds: &Dataset) -> Result<Vec<u8>> {
    let raw = to_bytes(ds);
    let z = crate::encoding::zstd::compress(&raw, 3)?;
    let mut out = Vec::with_capacity(z.len() + 32);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(raw.len() as u64).to_le_bytes());
    out.extend_from_slice(&z);
    out.extend_from_slice(&Md5::digest(&raw));
    Ok(out)
}

/// Unpacks a cache blob; any truncation, bit flip or checksum mismatch is an error.
pub fn unpack(blob: &[u8]) -> Result<Dataset> {
    if blob.len() < 8 + 8 + 16 || &blob[..8] != MAGIC {
        return Err(Error::corrupt_at("cache", 0, "missing MPCACHE1 header"));
    }
    let mut len = [0u8; 8];
    len.copy_from_slice(&blob[8..16]);
    let len = u64::from_le_bytes(len);
    let body = &blob[16..blob.len() - 16];
    let want = &blob[blob.len() - 16..];
    let raw = crate::encoding::zstd::decompress(body, len)
        .map_err(|e| Error::corrupt_at("cache", 16, e.to_string()))?;
    if raw.len() as u64 != len || Md5::digest(&raw).as_slice() != want {
        return Err(Error::corrupt_at(
            "cache",
            blob.len() - 16,
            "checksum mismatch",
        ));
    }
    from_bytes(&raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Dataset {
        let mut s = Series::new("m", vec![("host".into(), "a".into())]);
        for i in 0..20 {
            s.push(1000 + i, i as f64 * 0.5, i % 2 == 0);
        }
        s.values[3] = f64::from_bits(0x7ff8_0000_dead_beef);
        Dataset {
            series: vec![s, Series::new("empty", vec![])],
        }
    }

    #[test]
    fn canonical_round_trip_is_bit_exact() {
        let ds = sample();
        let back = from_bytes(&to_bytes(&ds)).expect("decodes");
        assert_eq!(ds.bit_eq(&back), Ok(()));
    }

    #[test]
    fn streaming_digest_equals_whole_digest() {
        let ds = sample();
        assert_eq!(digest(&ds), md5_hex(&to_bytes(&ds)));
        let mut other = ds.clone();
        other.series[0].values[0] = -0.0;
        assert_ne!(digest(&ds), digest(&other));
    }

    #[test]
    fn pack_detects_every_truncation_and_flip() {
        let ds = sample();
        let blob = pack(&ds).expect("packs");
        assert_eq!(unpack(&blob).expect("unpacks").bit_eq(&ds), Ok(()));
        for cut in 0..blob.len() {
            assert!(unpack(&blob[..cut]).is_err(), "truncated at {cut}");
        }
        // A flip must give an error or the exact original (zstd ignores its unused header bit).
        let mut errors = 0;
        for i in 0..blob.len() {
            let mut b = blob.clone();
            b[i] ^= 0x10;
            match unpack(&b) {
                Err(_) => errors += 1,
                Ok(back) => assert_eq!(back.bit_eq(&ds), Ok(()), "flip at byte {i}"),
            }
        }
        assert!(
            errors >= blob.len() - 2,
            "only {errors} of {} flips detected",
            blob.len()
        );
    }

    #[test]
    fn hostile_point_count_is_an_error_not_an_allocation() {
        let mut b = Vec::new();
        b.extend_from_slice(&1u32.to_le_bytes());
        b.push(b'm');
        b.extend_from_slice(&0u32.to_le_bytes());
        b.extend_from_slice(&u64::MAX.to_le_bytes());
        assert!(from_bytes(&b).is_err());
    }
}
