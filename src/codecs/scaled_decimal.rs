//! Exact decimals as integers: when every value of a series is exactly `k / 10^e` for one `e` in
//! `0..=10` (integers are `e = 0`), store `e` and the integers `k`, delta-coded as zigzag varints.
//!
//! A gauge printed with one decimal (`42.7`) is a 64-bit pattern whose mantissa churns in every
//! bit, so XOR codecs spend ~60 bits on it; as `k = 427` its step is a one-byte varint.
//!
//! Exactness is checked per value, bit for bit: `k` qualifies only if `(k as f64) / 10^e`
//! reproduces the value's bits, which is exactly what [`decode`] computes. `-0.0`, NaN and
//! infinities disqualify the series. The smallest working `e` is used.
//!
//! Payload: one header byte (`e` in the low nibble, the delta order 0, 1 or 2 in the high nibble),
//! then one zigzag varint per value: `k` itself (order 0), the first `k` then the deltas (order 1),
//! or the first `k`, the first delta, then the delta-of-deltas (order 2). Counters tend to like
//! order 2, random walks order 1; the rung tries all and keeps the smallest. Integer arithmetic
//! wraps, consistently in both directions.

use crate::encoding::bytes::Reader;
use crate::encoding::varint::put_i64;
use crate::error::{Error, Result};

const FORMAT: &str = "scaled_decimal";

/// The largest decimal exponent tried.
pub const MAX_EXPONENT: usize = 10;

/// The highest delta order.
pub const MAX_ORDER: u8 = 2;

/// `10^e` for `e` in `0..=10`; each is exact in `f64`, equal to `10f64.powi(e)`.
const POW10: [f64; MAX_EXPONENT + 1] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

/// 2^63 as an `f64` (exact).
const TWO_63: f64 = 9_223_372_036_854_775_808.0;

/// `k` with `(k as f64) / 10^e == v` bit for bit, if one exists. The candidates are `v * 10^e`
/// rounded and its two neighbours: the product's own rounding can land one off the true `k` once
/// `|k|` nears 2^52, and for `|k| < 2^52` the true `k` is always among the three.
fn scale(v: f64, e: usize) -> Option<i64> {
    if !v.is_finite() || v.to_bits() == (-0.0f64).to_bits() {
        return None;
    }
    let x = (v * POW10[e]).round();
    // i64's range is [-2^63, 2^63); a NaN product fails both comparisons.
    if !(-TWO_63..TWO_63).contains(&x) {
        return None;
    }
    let k = x as i64;
    [k, k.saturating_sub(1), k.saturating_add(1)]
        .into_iter()
        .find(|&k| (k as f64 / POW10[e]).to_bits() == v.to_bits())
}

/// The smallest `e` for which every value is exactly `k / 10^e`, and the `k`s.
pub fn scale_all(values: &[f64]) -> Option<(usize, Vec<i64>)> {
    (0..=MAX_EXPONENT).find_map(|e| {
        let ks: Option<Vec<i64>> = values.iter().map(|&v| scale(v, e)).collect();
        ks.map(|ks| (e, ks))
    })
}

/// Encodes already scaled integers `ks` at exponent `e` with delta order `order` (0..=2).
pub fn encode_scaled(e: usize, ks: &[i64], order: u8) -> Vec<u8> {
    debug_assert!(e <= MAX_EXPONENT && order <= MAX_ORDER);
    let mut out = Vec::with_capacity(ks.len() + 1);
    out.push((order << 4) | e as u8);
    let (mut prev, mut prev_delta) = (0i64, 0i64);
    for (i, &k) in ks.iter().enumerate() {
        let delta = k.wrapping_sub(prev);
        let x = match order {
            0 => k,
            1 => delta,
            _ if i == 0 => k,
            _ => delta.wrapping_sub(prev_delta),
        };
        put_i64(&mut out, x);
        if i > 0 {
            prev_delta = delta;
        }
        prev = k;
    }
    out
}

/// Encodes `values` at delta order `order`, if every value is an exact decimal.
pub fn encode(values: &[f64], order: u8) -> Option<Vec<u8>> {
    if values.is_empty() || order > MAX_ORDER {
        return None;
    }
    let (e, ks) = scale_all(values)?;
    Some(encode_scaled(e, &ks, order))
}

/// Decodes `n` values written by [`encode`]; `bytes` must hold exactly them.
pub fn decode(bytes: &[u8], n: usize) -> Result<Vec<f64>> {
    let mut r = Reader::new(bytes, FORMAT);
    let head = r.u8()?;
    let (e, order) = (usize::from(head & 0x0f), head >> 4);
    if e > MAX_EXPONENT || order > MAX_ORDER {
        return Err(Error::corrupt_at(
            FORMAT,
            0,
            format!("bad header: exponent {e}, order {order}"),
        ));
    }
    if n == 0 || n > r.remaining() {
        return Err(r.err(format!("{n} values in {} bytes", r.remaining())));
    }
    let p = POW10[e];
    let mut out = Vec::with_capacity(n);
    let (mut prev, mut prev_delta) = (0i64, 0i64);
    for i in 0..n {
        let x = r.i64_var()?;
        let k = match order {
            0 => x,
            1 => prev.wrapping_add(x),
            _ if i == 0 => x,
            _ => {
                prev_delta = prev_delta.wrapping_add(x);
                prev.wrapping_add(prev_delta)
            }
        };
        prev = k;
        out.push(k as f64 / p);
    }
    if !r.is_empty() {
        return Err(r.err(format!("{} trailing bytes", r.remaining())));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codecs::strategies::{f64s, same_bits};
    use proptest::prelude::*;

    fn decimals() -> impl Strategy<Value = Vec<f64>> {
        // |k| < 2^51: every such k / 10^e must qualify
        (
            0usize..=MAX_EXPONENT,
            proptest::collection::vec(any::<i64>(), 1..100),
            12u32..64,
        )
            .prop_map(|(e, ks, shift)| ks.iter().map(|k| (k >> shift) as f64 / POW10[e]).collect())
    }

    proptest! {
        #[test]
        fn round_trips_bit_exactly_when_it_applies(v in prop_oneof![f64s(), decimals()], order in 0u8..=2) {
            if let Some(b) = encode(&v, order) {
                prop_assert!(same_bits(&decode(&b, v.len()).expect("decodes"), &v));
            }
        }

        #[test]
        fn exact_decimals_always_apply(v in decimals(), order in 0u8..=2) {
            let v: Vec<f64> = v.into_iter().filter(|x| x.to_bits() != (-0.0f64).to_bits()).collect();
            prop_assume!(!v.is_empty());
            let b = encode(&v, order).expect("exact decimals qualify");
            prop_assert!(same_bits(&decode(&b, v.len()).expect("decodes"), &v));
        }

        #[test]
        fn corrupt_input_never_panics(v in decimals(), order in 0u8..=2, flip in any::<usize>(), cut in any::<usize>()) {
            if let Some(good) = encode(&v, order) {
                let [b, short] = crate::codecs::strategies::damaged(&good, flip, cut);
                let _ = decode(&b, v.len());
                let _ = decode(&short, v.len());
                let _ = decode(&b, v.len() + 1);
            }
        }
    }

    #[test]
    fn powers_match_powi() {
        for (e, p) in POW10.iter().enumerate() {
            assert_eq!(p.to_bits(), 10f64.powi(e as i32).to_bits());
        }
    }

    #[test]
    fn picks_the_smallest_exponent() {
        assert_eq!(scale_all(&[1.0, 250.0, -3.0]).map(|x| x.0), Some(0));
        assert_eq!(scale_all(&[42.7, 0.5]).map(|x| x.0), Some(1));
        assert_eq!(scale_all(&[0.001, 12.0]), Some((3, vec![1, 12_000])));
        assert_eq!(scale_all(&[1e-11]), None);
        // v * 1e5 rounds to ...420 although v is exactly ...419 / 1e5 (the neighbour check)
        assert_eq!(
            scale_all(&[-38_569_816_046.884_19]),
            Some((5, vec![-3_856_981_604_688_419]))
        );
    }

    #[test]
    fn disqualifiers() {
        for bad in [
            -0.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e300,
            0.1 + 0.2,
        ] {
            assert!(encode(&[1.0, bad], 1).is_none(), "{bad}");
        }
        assert!(encode(&[], 1).is_none());
        assert!(encode(&[1.0], 3).is_none());
    }

    #[test]
    fn big_integers_are_exact() {
        let v = [((1u64 << 53) + 1) as f64, 4e18, i64::MIN as f64, 3e9];
        for order in 0..=2 {
            let b = encode(&v, order).expect("integers");
            assert_eq!(b[0] & 0x0f, 0);
            assert!(same_bits(&decode(&b, 4).expect("ok"), &v));
        }
    }

    #[test]
    fn counters_shrink_with_order_two() {
        let v: Vec<f64> = (0..100)
            .map(|i| f64::from(1_000_000 + 300 * i + i % 3))
            .collect();
        let sizes: Vec<usize> = (0..=2).map(|o| encode(&v, o).expect("ok").len()).collect();
        assert!(sizes[2] < sizes[1] && sizes[1] < sizes[0], "{sizes:?}");
    }

    #[test]
    fn bad_headers_and_lengths() {
        assert!(decode(&[0x0b, 0], 1).is_err());
        assert!(decode(&[0x30, 0], 1).is_err());
        assert!(decode(&[0x10, 0], 2).is_err());
        assert!(decode(&[0x10, 0, 0], 1).is_err());
        assert!(decode(&[0x10], 0).is_err());
        assert!(decode(&[], 1).is_err());
    }
}
