//! The pco back-end: one numeric column in, one pco blob out, and back with an exact count.
//!
//! pco (pcodec) does the entropy coding (binning + tANS, automatic delta order and float modes),
//! so rung 8 and the pco peers never hand-write a coder; our part is what we feed it. Decoding
//! writes into a buffer of the length the *caller* knows (bounded by the container's limits), so
//! a hostile blob can never make pco allocate for a count it claims itself.

use pco::data_types::Number;
use pco::standalone::{simple_compress, simple_decompress_into};
use pco::ChunkConfig;

use crate::error::{Error, Result};

/// Compresses one column with pco's default configuration (level 8, automatic modes).
pub fn compress<T: Number>(xs: &[T]) -> Result<Vec<u8>> {
    simple_compress(xs, &ChunkConfig::default()).map_err(|e| Error::Invalid(format!("pco: {e}")))
}

/// Decompresses a blob that must hold exactly `n` numbers; anything else is corrupt.
pub fn decompress_exact<T: Number + Default>(
    blob: &[u8],
    n: usize,
    format: &'static str,
) -> Result<Vec<T>> {
    let mut out = vec![T::default(); n];
    let p = simple_decompress_into(blob, &mut out)
        .map_err(|e| Error::corrupt(format, format!("pco: {e}")))?;
    if p.n_processed != n || !p.finished {
        return Err(Error::corrupt(
            format,
            format!(
                "pco blob holds a different count than the {n} numbers expected ({} read)",
                p.n_processed
            ),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_wrong_counts() {
        let xs: Vec<i64> = (0..1000).map(|i| i * 15 + (i % 7)).collect();
        let b = compress(&xs).expect("compresses");
        assert_eq!(decompress_exact::<i64>(&b, 1000, "t").expect("ok"), xs);
        assert!(decompress_exact::<i64>(&b, 999, "t").is_err());
        assert!(decompress_exact::<i64>(&b, 1001, "t").is_err());
        assert!(decompress_exact::<i64>(&b[..b.len() / 2], 1000, "t").is_err());
        let e = compress::<f64>(&[]).expect("empty");
        assert!(decompress_exact::<f64>(&e, 0, "t").expect("ok").is_empty());
    }
}
