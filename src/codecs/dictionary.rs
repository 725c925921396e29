//! Few distinct values: a table of the distinct bit patterns (in order of first appearance) and one
//! index per value: 1 byte when the table has at most 256 entries, 2 bytes (little-endian) up to
//! 65,536. There is no escape code, so index 255 is an ordinary entry (the Python anchor used 255
//! as its escape and broke on tables of exactly 256 values).
//!
//! Payload: varint table size, the entries as 8-byte little-endian bit patterns, then the indices.

use std::collections::HashMap;

use crate::encoding::bytes::Reader;
use crate::encoding::varint::put_u64;
use crate::error::Result;

const FORMAT: &str = "dictionary";

/// The largest table.
pub const MAX_ENTRIES: usize = 1 << 16;

/// Bytes per index for a table of `entries`.
fn index_width(entries: usize) -> usize {
    if entries <= 256 {
        1
    } else {
        2
    }
}

/// Encodes `values` if they have at most [`MAX_ENTRIES`] distinct bit patterns (and at least one
/// value).
pub fn encode(values: &[f64]) -> Option<Vec<u8>> {
    if values.is_empty() {
        return None;
    }
    let mut ids: HashMap<u64, usize> = HashMap::new();
    let mut table = Vec::new();
    let mut idx = Vec::with_capacity(values.len());
    for v in values {
        let bits = v.to_bits();
        let next = table.len();
        let id = *ids.entry(bits).or_insert(next);
        if id == next {
            if next == MAX_ENTRIES {
                return None;
            }
            table.push(bits);
        }
        idx.push(id);
    }
    let width = index_width(table.len());
    let mut out = Vec::with_capacity(10 + 8 * table.len() + width * idx.len());
    put_u64(&mut out, table.len() as u64);
    for bits in &table {
        out.extend_from_slice(&bits.to_le_bytes());
    }
    for i in idx {
        out.extend_from_slice(&(i as u16).to_le_bytes()[..width]);
    }
    Some(out)
}

/// Decodes `n` values written by [`encode`]; `bytes` must hold exactly them.
pub fn decode(bytes: &[u8], n: usize) -> Result<Vec<f64>> {
    let mut r = Reader::new(bytes, FORMAT);
    let size = r.len_var(MAX_ENTRIES.min(r.remaining() / 8), "table size")?;
    if size == 0 {
        return Err(r.err("empty table"));
    }
    let mut table = Vec::with_capacity(size);
    for _ in 0..size {
        table.push(r.f64()?);
    }
    let width = index_width(size);
    if n.checked_mul(width) != Some(r.remaining()) {
        return Err(r.err(format!("{} index bytes for {n} values", r.remaining())));
    }
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let at = r.pos();
        let i = if width == 1 {
            usize::from(r.u8()?)
        } else {
            usize::from(r.u16()?)
        };
        let v = table.get(i).ok_or_else(|| {
            crate::error::Error::corrupt_at(FORMAT, at, format!("index {i} ≥ table size {size}"))
        })?;
        out.push(*v);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codecs::strategies::{f64s, same_bits};
    use proptest::prelude::*;

    fn few() -> impl Strategy<Value = Vec<f64>> {
        (
            proptest::collection::vec(any::<u64>(), 1..300),
            proptest::collection::vec(any::<usize>(), 1..600),
        )
            .prop_map(|(t, ix)| ix.iter().map(|i| f64::from_bits(t[i % t.len()])).collect())
    }

    proptest! {
        #[test]
        fn round_trips_bit_exactly(v in prop_oneof![f64s(), few()]) {
            if let Some(b) = encode(&v) {
                prop_assert!(same_bits(&decode(&b, v.len()).expect("decodes"), &v));
            } else {
                prop_assert!(v.is_empty());
            }
        }

        #[test]
        fn corrupt_input_never_panics(v in few(), flip in any::<usize>(), cut in any::<usize>()) {
            let [b, short] = crate::codecs::strategies::damaged(&encode(&v).expect("applies"), flip, cut);
            let _ = decode(&b, v.len());
            let _ = decode(&short, v.len());
            let _ = decode(&b, usize::MAX);
        }
    }

    fn distinct(k: usize) -> Vec<f64> {
        (0..2 * k).map(|i| (i % k) as f64 * 0.25).collect()
    }

    #[test]
    fn tables_of_256_and_257_entries() {
        for (k, width) in [(255, 1), (256, 1), (257, 2)] {
            let v = distinct(k);
            let b = encode(&v).expect("applies");
            let header = if k < 128 { 1 } else { 2 };
            assert_eq!(b.len(), header + 8 * k + width * v.len(), "{k}");
            assert!(same_bits(&decode(&b, v.len()).expect("ok"), &v));
        }
    }

    #[test]
    fn limits() {
        let v: Vec<f64> = (0..=MAX_ENTRIES).map(|i| i as f64).collect();
        assert!(encode(&v).is_none());
        assert!(encode(&v[..MAX_ENTRIES]).is_some());
        assert!(decode(&[0], 0).is_err());
        // index out of the table
        let mut b = encode(&[1.0, 2.0]).expect("applies");
        let last = b.len() - 1;
        b[last] = 2;
        assert!(decode(&b, 2).is_err());
        // table size larger than the bytes
        assert!(decode(&[0xff, 0xff, 0x03, 0, 0], 1).is_err());
    }
}
