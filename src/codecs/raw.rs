//! Values as plain 8-byte little-endian bit patterns: the fallback that is never worse than the
//! input, and often the best input for zstd when values are full-precision noise (Gorilla's bit
//! packing destroys the byte alignment zstd needs to find the shared sign/exponent bytes).

use crate::error::{Error, Result};

const FORMAT: &str = "raw";

/// Every value's bits, little-endian.
pub fn encode(values: &[f64]) -> Vec<u8> {
    values
        .iter()
        .flat_map(|v| v.to_bits().to_le_bytes())
        .collect()
}

/// Decodes `n` values; `bytes` must be exactly `8 n` long.
pub fn decode(bytes: &[u8], n: usize) -> Result<Vec<f64>> {
    if n.checked_mul(8) != Some(bytes.len()) {
        return Err(Error::corrupt(
            FORMAT,
            format!("{} bytes for {n} values", bytes.len()),
        ));
    }
    Ok(bytes
        .chunks_exact(8)
        .map(|c| {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            f64::from_bits(u64::from_le_bytes(a))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codecs::strategies::{f64s, same_bits};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn round_trips_bit_exactly(v in f64s()) {
            prop_assert!(same_bits(&decode(&encode(&v), v.len()).expect("decodes"), &v));
        }

        #[test]
        fn corrupt_input_never_panics(b in proptest::collection::vec(any::<u8>(), 0..40), n in any::<usize>()) {
            let _ = decode(&b, n);
            let _ = decode(&b, n % 6);
        }
    }

    #[test]
    fn lengths_must_match() {
        assert!(decode(&[0; 15], 2).is_err());
        assert!(decode(&[0; 16], usize::MAX).is_err());
        assert_eq!(decode(&[], 0).expect("empty"), Vec::<f64>::new());
    }
}
