//! A series whose values all have the same bit pattern: the pattern once, 8 bytes, whatever the
//! length. Idle queues, flat gauges and never-incremented counters are common in monitoring data.

use crate::error::{Error, Result};

const FORMAT: &str = "constant";

/// The value's bits, if every value has exactly the same bits (and there is at least one).
pub fn encode(values: &[f64]) -> Option<Vec<u8>> {
    let first = values.first()?.to_bits();
    values
        .iter()
        .all(|v| v.to_bits() == first)
        .then(|| first.to_le_bytes().to_vec())
}

/// `n` copies of the value. `n` must come from a checked source (the rung bounds it by the
/// timestamp stream, which spends at least one byte per point).
pub fn decode(bytes: &[u8], n: usize) -> Result<Vec<f64>> {
    let b: [u8; 8] = bytes
        .try_into()
        .map_err(|_| Error::corrupt(FORMAT, format!("expected 8 bytes, found {}", bytes.len())))?;
    if n == 0 {
        return Err(Error::corrupt(FORMAT, "a constant series with no points"));
    }
    Ok(vec![f64::from_bits(u64::from_le_bytes(b)); n])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codecs::strategies::{f64s, same_bits};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn round_trips_when_it_applies(v in f64s(), x in any::<u64>(), n in 1usize..50) {
            if let Some(b) = encode(&v) {
                prop_assert!(same_bits(&decode(&b, v.len()).expect("decodes"), &v));
            } else {
                prop_assert!(v.is_empty() || v.iter().any(|y| y.to_bits() != v[0].to_bits()));
            }
            let c = vec![f64::from_bits(x); n];
            let b = encode(&c).expect("constant");
            prop_assert!(same_bits(&decode(&b, n).expect("decodes"), &c));
        }

        #[test]
        fn corrupt_input_never_panics(b in proptest::collection::vec(any::<u8>(), 0..12), n in 0usize..4) {
            let _ = decode(&b, n);
        }
    }

    #[test]
    fn bits_not_equality_decide() {
        assert!(encode(&[0.0, -0.0]).is_none());
        assert!(encode(&[f64::NAN, f64::NAN]).is_some());
        assert!(encode(&[]).is_none());
        assert!(decode(&[0; 7], 1).is_err());
        assert!(decode(&[0; 8], 0).is_err());
    }
}
