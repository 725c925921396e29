//! Reusable time-series codecs, one file per codec. Rung 6 (`ladder::p6_ts_codecs`) combines
//! them; later rungs and the peers reuse them alone.
//!
//! | file | encodes | idea |
//! |---|---|---|
//! | `delta_of_delta.rs` | `i64` timestamps | first value, first delta, delta-of-deltas (varints or Gorilla buckets) |
//! | `gorilla.rs` | `f64` values | XOR with the previous value, window reuse |
//! | `raw.rs` | `f64` values | 8 bytes each, the fallback |
//! | `constant.rs` | `f64` values | one bit pattern repeated |
//! | `scaled_decimal.rs` | `f64` values | exact `k / 10^e`, delta-coded integers |
//! | `dictionary.rs` | `f64` values | distinct bit patterns + 1- or 2-byte indices |
//! | `values.rs` | `f64` values | picks one of the above per series, by measured size |
//! | `int_tags.rs` | integer tags | all false / all true / bitmap |
//! | `series_meta.rs` | names + labels | a string table and ids |
//!
//! Every encoder is exact for every input it accepts (all `f64` bit patterns, all `i64`); every
//! decoder takes untrusted bytes plus the point count and returns an error, never a panic, checking
//! lengths against the bytes it has before allocating.

pub mod constant;
pub mod delta_of_delta;
pub mod dictionary;
pub mod gorilla;
pub mod int_tags;
pub mod raw;
pub mod scaled_decimal;
pub mod series_meta;
pub mod values;

/// Shared proptest strategies for the codec tests.
#[cfg(test)]
pub(crate) mod strategies {
    use proptest::prelude::*;

    /// Arbitrary bit patterns, the special values (NaN payloads, `-0.0`, infinities, subnormals,
    /// 2^53 + 1), and slowly varying one-decimal values.
    pub(crate) fn f64s() -> impl Strategy<Value = Vec<f64>> {
        let special = prop_oneof![
            Just(0.0),
            Just(-0.0),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            Just(f64::NAN),
            Just(f64::from_bits(0x7ff0_0000_0000_0001)),
            Just(f64::from_bits(0xfff8_dead_beef_0001)),
            Just(f64::MIN_POSITIVE / 4.0),
            Just(f64::from_bits(1)),
            Just(((1u64 << 53) + 1) as f64),
            Just(3.0),
            Just(-3.000_000_000_000_000_4),
        ];
        prop_oneof![
            proptest::collection::vec(any::<u64>().prop_map(f64::from_bits), 0..80),
            proptest::collection::vec(special, 0..80),
            proptest::collection::vec((0i64..4000).prop_map(|k| k as f64 / 10.0), 0..200),
            proptest::collection::vec(any::<i64>().prop_map(|k| k as f64), 0..50),
        ]
    }

    /// Bit-exact equality of two value slices.
    pub(crate) fn same_bits(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
    }

    /// The damage the codecs' property tests do to an encoding: a copy with bit `flip` (modulo the
    /// length) flipped, and that copy cut to `cut` bytes (modulo the length). Empty input stays empty.
    pub(crate) fn damaged(b: &[u8], flip: usize, cut: usize) -> [Vec<u8>; 2] {
        if b.is_empty() {
            return [Vec::new(), Vec::new()];
        }
        let mut flipped = b.to_vec();
        let i = flip % (b.len() * 8);
        flipped[i / 8] ^= 1 << (i % 8);
        let cut = flipped[..cut % b.len()].to_vec();
        [flipped, cut]
    }
}
