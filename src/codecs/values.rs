//! Per-series choice of the value codec, by measured size.
//!
//! Every applicable codec encodes the series; the caller's `cost` function measures each payload
//! (its length, or its length after zstd) and the cheapest wins. The winner is stored as a one-byte
//! [`ValueMode`] tag. Nothing else (no statistics, no estimates) is stored, and no codec does float
//! arithmetic that could lose bits: every candidate is exact by construction and checked by the
//! round-trip tests.

use crate::codecs::{constant, dictionary, gorilla, raw, scaled_decimal};
use crate::error::{Error, Result};

/// Which codec a series' values use (the stored tag).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ValueMode {
    /// 8 bytes per value ([`raw`]).
    Raw = 0,
    /// Gorilla XOR ([`gorilla`]).
    Gorilla = 1,
    /// One value repeated ([`constant`]).
    Constant = 2,
    /// Exact decimals as delta-coded integers ([`scaled_decimal`]).
    ScaledDecimal = 3,
    /// Table of distinct values + indices ([`dictionary`]).
    Dictionary = 4,
}

impl ValueMode {
    /// Every mode, in tag order.
    pub const ALL: [ValueMode; 5] = [
        ValueMode::Raw,
        ValueMode::Gorilla,
        ValueMode::Constant,
        ValueMode::ScaledDecimal,
        ValueMode::Dictionary,
    ];

    /// The stored tag.
    pub fn tag(self) -> u8 {
        self as u8
    }

    /// The mode of a stored tag.
    pub fn from_tag(tag: u8) -> Option<Self> {
        Self::ALL.get(usize::from(tag)).copied()
    }

    /// Short name, as reported.
    pub fn name(self) -> &'static str {
        match self {
            ValueMode::Raw => "raw",
            ValueMode::Gorilla => "gorilla",
            ValueMode::Constant => "constant",
            ValueMode::ScaledDecimal => "scaled_decimal",
            ValueMode::Dictionary => "dictionary",
        }
    }
}

/// Every applicable encoding of `values`, in a fixed order (ties go to the earlier one).
pub fn candidates(values: &[f64]) -> Vec<(ValueMode, Vec<u8>)> {
    let mut out = Vec::with_capacity(7);
    if let Some(b) = constant::encode(values) {
        // Nothing beats 8 bytes for any length, except a 1-point exact decimal; keep it simple.
        out.push((ValueMode::Constant, b));
        return out;
    }
    if let Some((e, ks)) = scaled_decimal::scale_all(values) {
        if !values.is_empty() {
            for order in 0..=scaled_decimal::MAX_ORDER {
                out.push((
                    ValueMode::ScaledDecimal,
                    scaled_decimal::encode_scaled(e, &ks, order),
                ));
            }
        }
    }
    if let Some(b) = dictionary::encode(values) {
        out.push((ValueMode::Dictionary, b));
    }
    out.push((ValueMode::Gorilla, gorilla::encode(values)));
    out.push((ValueMode::Raw, raw::encode(values)));
    out
}

/// The cheapest candidate by `cost` (ties: the earlier candidate).
pub fn choose(values: &[f64], cost: &mut dyn FnMut(&[u8]) -> usize) -> (ValueMode, Vec<u8>) {
    let mut best: Option<(usize, ValueMode, Vec<u8>)> = None;
    for (mode, b) in candidates(values) {
        let c = cost(&b);
        if best.as_ref().is_none_or(|(bc, _, _)| c < *bc) {
            best = Some((c, mode, b));
        }
    }
    match best {
        Some((_, m, b)) => (m, b),
        // unreachable: gorilla and raw always apply
        None => (ValueMode::Raw, raw::encode(values)),
    }
}

/// Decodes `n` values stored with `mode`.
pub fn decode(mode: ValueMode, bytes: &[u8], n: usize) -> Result<Vec<f64>> {
    match mode {
        ValueMode::Raw => raw::decode(bytes, n),
        ValueMode::Gorilla => gorilla::decode(bytes, n),
        ValueMode::Constant => constant::decode(bytes, n),
        ValueMode::ScaledDecimal => scaled_decimal::decode(bytes, n),
        ValueMode::Dictionary => dictionary::decode(bytes, n),
    }
}

/// Decodes `n` values stored under the raw tag byte `tag`.
pub fn decode_tagged(tag: u8, bytes: &[u8], n: usize) -> Result<Vec<f64>> {
    let mode = ValueMode::from_tag(tag)
        .ok_or_else(|| Error::corrupt("values", format!("unknown value mode {tag}")))?;
    decode(mode, bytes, n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codecs::strategies::{f64s, same_bits};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn every_candidate_round_trips(v in f64s()) {
            for (mode, b) in candidates(&v) {
                let d = decode(mode, &b, v.len());
                prop_assert!(d.is_ok(), "{:?}: {:?}", mode, d);
                prop_assert!(same_bits(&d.expect("checked"), &v), "{:?}", mode);
            }
            let (mode, b) = choose(&v, &mut |b: &[u8]| b.len());
            prop_assert!(same_bits(&decode_tagged(mode.tag(), &b, v.len()).expect("decodes"), &v));
        }

        #[test]
        fn any_tag_and_bytes_never_panic(tag in any::<u8>(), b in proptest::collection::vec(any::<u8>(), 0..64), n in 0usize..64) {
            let _ = decode_tagged(tag, &b, n);
        }
    }

    #[test]
    fn smallest_wins() {
        let pick = |v: &[f64]| choose(v, &mut |b: &[u8]| b.len()).0;
        assert_eq!(pick(&[7.5; 100]), ValueMode::Constant);
        let walk: Vec<f64> = (0..200).map(|i| f64::from(i % 17) / 10.0 + 40.0).collect();
        assert_eq!(pick(&walk), ValueMode::ScaledDecimal);
        let few: Vec<f64> = (0..200).map(|i| [0.1 + 0.2, 1e300][i % 2]).collect();
        assert_eq!(pick(&few), ValueMode::Dictionary);
        assert_eq!(pick(&[]), ValueMode::Gorilla);
        for m in ValueMode::ALL {
            assert_eq!(ValueMode::from_tag(m.tag()), Some(m));
        }
        assert_eq!(ValueMode::from_tag(5), None);
    }
}
