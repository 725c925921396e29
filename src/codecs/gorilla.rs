//! Gorilla XOR compression of `f64` values (Pelkonen et al., VLDB 2015), bit-exact for every bit
//! pattern (NaN payloads, `-0.0`, infinities, subnormals).
//!
//! The first value is written in 64 bits. Each later value is XORed with the previous one:
//!
//! | XOR | bits written |
//! |---|---|
//! | zero | `0` |
//! | its set bits fit inside the previous window (leading ≥ previous leading, trailing ≥ previous trailing) | `10` + the bits inside that window |
//! | otherwise | `11` + leading zeros (6 bits, 0..=63) + significant length − 1 (6 bits, so 1..=64) + the significant bits |
//!
//! Storing the length minus one is what makes 64 significant bits work: the Python anchor stored
//! the length itself in 6 bits, so 64 wrapped to 0 and `[3.0, -3.0000000000000004]` (XOR
//! `0x8000_0000_0000_0001`) decoded wrong.

use crate::encoding::bits::{BitReader, BitWriter};
use crate::error::{Error, Result};

const FORMAT: &str = "gorilla";

/// Encodes `values`; the count is not stored (the caller keeps it).
pub fn encode(values: &[f64]) -> Vec<u8> {
    let Some((first, rest)) = values.split_first() else {
        return Vec::new();
    };
    let mut w = BitWriter::new();
    let mut prev = first.to_bits();
    w.write(prev, 64);
    // The current window (leading, trailing); None until the first `11` case.
    let mut window: Option<(u32, u32)> = None;
    for v in rest {
        let bits = v.to_bits();
        let x = bits ^ prev;
        prev = bits;
        if x == 0 {
            w.bit(false);
            continue;
        }
        let (lead, trail) = (x.leading_zeros(), x.trailing_zeros());
        match window {
            Some((pl, pt)) if lead >= pl && trail >= pt => {
                w.write(0b10, 2);
                w.write(x >> pt, 64 - pl - pt);
            }
            _ => {
                let sig = 64 - lead - trail;
                w.write(0b11, 2);
                w.write(u64::from(lead), 6);
                w.write(u64::from(sig - 1), 6);
                w.write(x >> trail, sig);
                window = Some((lead, trail));
            }
        }
    }
    w.finish()
}

/// Decodes `n` values written by [`encode`]; `bytes` must hold exactly them.
pub fn decode(bytes: &[u8], n: usize) -> Result<Vec<f64>> {
    if n == 0 {
        if !bytes.is_empty() {
            return Err(Error::corrupt(FORMAT, "bytes for zero values"));
        }
        return Ok(Vec::new());
    }
    // The first value takes 64 bits, every later one at least 1.
    if (n - 1).saturating_add(64) > bytes.len().saturating_mul(8) {
        return Err(Error::corrupt(
            FORMAT,
            format!("{n} values cannot fit in {} bytes", bytes.len()),
        ));
    }
    let mut r = BitReader::new(bytes, FORMAT);
    let mut prev = r.read(64)?;
    let mut out = Vec::with_capacity(n);
    out.push(f64::from_bits(prev));
    let mut window: Option<(u32, u32)> = None;
    for _ in 1..n {
        if r.bit()? {
            let x = if r.bit()? {
                let lead = r.read(6)? as u32;
                let sig = r.read(6)? as u32 + 1;
                if lead + sig > 64 {
                    return Err(r.err(format!("{lead} leading zeros + {sig} significant bits")));
                }
                let trail = 64 - lead - sig;
                window = Some((lead, trail));
                r.read(sig)? << trail
            } else {
                let Some((pl, pt)) = window else {
                    return Err(r.err("window reused before any was set"));
                };
                r.read(64 - pl - pt)? << pt
            };
            if x == 0 {
                return Err(r.err("non-zero XOR case with a zero XOR"));
            }
            prev ^= x;
        }
        out.push(f64::from_bits(prev));
    }
    r.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codecs::strategies::{f64s, same_bits};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn round_trips_bit_exactly(v in f64s()) {
            let b = encode(&v);
            prop_assert!(same_bits(&decode(&b, v.len()).expect("decodes"), &v));
        }

        #[test]
        fn corrupt_input_never_panics(v in f64s(), flip in any::<usize>(), cut in any::<usize>()) {
            let [b, short] = crate::codecs::strategies::damaged(&encode(&v), flip, cut);
            let _ = decode(&b, v.len());
            let _ = decode(&short, v.len());
            let _ = decode(&b, v.len() + 1);
        }
    }

    #[test]
    fn sixty_four_significant_bits() {
        let v = [3.0f64, -3.000_000_000_000_000_4];
        assert_eq!(v[0].to_bits() ^ v[1].to_bits(), 0x8000_0000_0000_0001);
        assert!(same_bits(&decode(&encode(&v), 2).expect("ok"), &v));
    }

    #[test]
    fn repeats_cost_one_bit_and_windows_are_reused() {
        let v = vec![42.5; 9];
        assert_eq!(encode(&v).len(), 9); // 64 + 8 bits
                                         // 1.0 -> 2.0 -> 1.0: both XORs are 0x7ff0_0000_0000_0000 (lead 1, trail 52, 11
                                         // significant bits): first `11` + 6 + 6 + 11 bits, then `10` + the 11 window bits.
        let w = [1.0, 2.0, 1.0];
        let b = encode(&w);
        assert_eq!(b.len(), (64 + 2 + 12 + 11 + 2 + 11usize).div_ceil(8));
        assert!(same_bits(&decode(&b, 3).expect("ok"), &w));
    }

    #[test]
    fn bad_streams_are_errors() {
        assert!(decode(&[], 1).is_err());
        assert!(decode(&[0; 8], 2).is_err());
        assert!(decode(&[1], 0).is_err());
        assert!(decode(&[0; 9], usize::MAX).is_err());
        // `10` before any window
        let mut b = 1.0f64.to_bits().to_be_bytes().to_vec();
        b.push(0b1000_0000);
        assert!(decode(&b, 2).is_err());
        // trailing bytes
        let mut b = encode(&[1.0, 1.0]);
        b.push(0);
        assert!(decode(&b, 2).is_err());
    }
}
