//! The per-value integer tag (`5` vs `5.0` in NDJSON), lossless and nearly free: one mode byte,
//! `0` = all false, `1` = all true, `2` = a bitmap of `ceil(n / 8)` bytes (LSB first) follows.
//! Most series are all one or the other; mixed series (latencies rounded to whole milliseconds
//! above 100) pay one bit per point before zstd.

use crate::error::{Error, Result};

const FORMAT: &str = "int_tags";

const ALL_FALSE: u8 = 0;
const ALL_TRUE: u8 = 1;
const BITMAP: u8 = 2;

/// Encodes the tags.
pub fn encode(tags: &[bool]) -> Vec<u8> {
    if tags.iter().all(|&t| !t) {
        return vec![ALL_FALSE];
    }
    if tags.iter().all(|&t| t) {
        return vec![ALL_TRUE];
    }
    let mut out = Vec::with_capacity(1 + tags.len().div_ceil(8));
    out.push(BITMAP);
    for chunk in tags.chunks(8) {
        out.push(
            chunk
                .iter()
                .enumerate()
                .fold(0u8, |b, (i, &t)| b | (u8::from(t) << i)),
        );
    }
    out
}

/// Decodes `n` tags. For the all-same modes `n` must come from a checked source (the rung bounds
/// it by the timestamp stream).
pub fn decode(bytes: &[u8], n: usize) -> Result<Vec<bool>> {
    match bytes {
        [ALL_FALSE] => Ok(vec![false; n]),
        [ALL_TRUE] => Ok(vec![true; n]),
        [BITMAP, bitmap @ ..] => {
            if bitmap.len() != n.div_ceil(8) {
                return Err(Error::corrupt(
                    FORMAT,
                    format!("{} bitmap bytes for {n} tags", bitmap.len()),
                ));
            }
            if !n.is_multiple_of(8) && bitmap.last().is_some_and(|b| b >> (n % 8) != 0) {
                return Err(Error::corrupt(FORMAT, "bits set past the last tag"));
            }
            Ok((0..n).map(|i| bitmap[i / 8] >> (i % 8) & 1 == 1).collect())
        }
        _ => Err(Error::corrupt(FORMAT, "unknown mode")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn round_trips(tags in proptest::collection::vec(any::<bool>(), 0..100)) {
            prop_assert_eq!(decode(&encode(&tags), tags.len()).expect("decodes"), tags);
        }

        #[test]
        fn corrupt_input_never_panics(b in proptest::collection::vec(any::<u8>(), 0..20), n in 0usize..200) {
            let _ = decode(&b, n);
        }
    }

    #[test]
    fn modes_and_sizes() {
        assert_eq!(encode(&[]), vec![ALL_FALSE]);
        assert_eq!(encode(&[true; 100]), vec![ALL_TRUE]);
        assert_eq!(encode(&[true, false, true]), vec![BITMAP, 0b101]);
        assert!(decode(&[BITMAP, 0b1101], 3).is_err());
        assert!(decode(&[BITMAP, 0, 0], 8).is_err());
        assert!(decode(&[3], 1).is_err());
        assert!(decode(&[], 0).is_err());
    }
}
