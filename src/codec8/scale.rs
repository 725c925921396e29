//! Exact decimal scaling (ALP-style): a value `v` is stored as the integer `k` when
//! `(k as f64) / 10^e` reproduces `v` **bit for bit**; values that do not (noise, NaN, `-0.0`,
//! ±inf, huge magnitudes) become *exceptions* kept as raw bits, and their slot in the integer
//! stream repeats the previous `k` so deltas stay small.
//!
//! The test is "dividing back gives the same bits", never "`v·10^e` is near an integer": `8.55 ×
//! 100` is `855.0000000000001`, yet `855 / 100` is exactly `8.55`. Division by an exact power of
//! ten is correctly rounded in IEEE 754, so native and wasm decode identically.

/// The largest decimal exponent tried. Beyond 10 the 16-digit float noise of real CPU columns
/// looks "exact" but costs more than pco's float modes (CODECS.md §6: e = 16 made A 30 % worse).
pub const MAX_E: u8 = 10;

/// Exact powers of ten as f64 (every one up to 10^22 is exactly representable).
const P10: [f64; 11] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

/// At most one value in this many may be an exception for a column to count as decimal.
const MAX_EXCEPTION_SHARE: usize = 32;

/// `k / 10^e`, the decoder's side of the transform (`e <= MAX_E`).
#[inline]
pub fn unscale(k: i64, e: u8) -> f64 {
    k as f64 / P10[usize::from(e.min(MAX_E))]
}

/// The integer `k` with `k / 10^e` bit-identical to `v`, if there is one.
#[inline]
pub fn exact(v: f64, e: u8) -> Option<i64> {
    let x = (v * P10[usize::from(e.min(MAX_E))]).round();
    if !(-9.0e18..9.0e18).contains(&x) {
        return None;
    }
    let k = x as i64;
    (unscale(k, e).to_bits() == v.to_bits()).then_some(k)
}

/// A column after scaling: exponent, integers and the exceptions `(position, raw bits)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Scaled {
    /// The decimal exponent.
    pub e: u8,
    /// One integer per value (exceptions repeat the previous integer).
    pub ks: Vec<i64>,
    /// Positions whose value is stored raw, ascending, with the value's bits.
    pub exceptions: Vec<(usize, u64)>,
}

/// Scales `values` at exponent `e`, with every value that does not fit as an exception.
pub fn scale_at(values: &[f64], e: u8) -> Scaled {
    let mut ks = Vec::with_capacity(values.len());
    let mut exceptions = Vec::new();
    let mut prev = 0i64;
    for (i, &v) in values.iter().enumerate() {
        match exact(v, e) {
            Some(k) => prev = k,
            None => exceptions.push((i, v.to_bits())),
        }
        ks.push(prev);
    }
    Scaled { e, ks, exceptions }
}

/// The smallest exponent at which at most 1/32 of the values are exceptions, if any.
pub fn find(values: &[f64]) -> Option<Scaled> {
    let allowed = values.len() / MAX_EXCEPTION_SHARE;
    (0..=MAX_E)
        .find(|&e| {
            let mut misses = 0;
            for &v in values {
                if exact(v, e).is_none() {
                    misses += 1;
                    if misses > allowed {
                        return false;
                    }
                }
            }
            true
        })
        .map(|e| scale_at(values, e))
}

/// Inverse of [`scale_at`]: the values, exceptions patched in. Exception positions must be in
/// range (the container checks them).
pub fn unscale_all(s: &Scaled) -> Vec<f64> {
    let mut out: Vec<f64> = s.ks.iter().map(|&k| unscale(k, s.e)).collect();
    for &(i, bits) in &s.exceptions {
        if let Some(o) = out.get_mut(i) {
            *o = f64::from_bits(bits);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn finds_the_smallest_exact_exponent() {
        let s = find(&[8.55, 0.1, 2.0, 1.25]).expect("decimal");
        assert_eq!((s.e, s.ks.clone()), (2, vec![855, 10, 200, 125]));
        assert!(s.exceptions.is_empty());
        assert_eq!(find(&[3.0, 7.0]).expect("ints").e, 0);
        assert!(find(&[0.1 + 0.2, 1.0 / 3.0]).is_none());
    }

    #[test]
    fn exceptions_keep_odd_values_exact() {
        let mut v = vec![1.5; 64];
        v[3] = -0.0;
        v[10] = f64::from_bits(0x7ff8_0000_dead_beef);
        let s = find(&v).expect("two exceptions allowed in 64");
        assert_eq!(s.exceptions.len(), 2);
        let back = unscale_all(&s);
        assert!(back.iter().zip(&v).all(|(a, b)| a.to_bits() == b.to_bits()));
    }

    proptest! {
        #[test]
        fn scaling_round_trips_any_bits(bits in proptest::collection::vec(any::<u64>(), 0..64),
                                        e in 0u8..=MAX_E) {
            let v: Vec<f64> = bits.iter().map(|&b| f64::from_bits(b)).collect();
            let back = unscale_all(&scale_at(&v, e));
            prop_assert!(back.iter().zip(&v).all(|(a, b)| a.to_bits() == b.to_bits()));
        }

        #[test]
        fn decimals_scale_without_exceptions(ks in proptest::collection::vec(-1_000_000_000i64..1_000_000_000, 1..64),
                                             e in 0u8..=6) {
            let v: Vec<f64> = ks.iter().map(|&k| unscale(k, e)).collect();
            let s = scale_at(&v, e);
            prop_assert!(s.exceptions.is_empty());
            prop_assert_eq!(s.ks, ks);
        }
    }
}
