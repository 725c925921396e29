//! The pco back-end: one numeric column in, one pco blob out, and back with an exact count.
//!
//! pco (pcodec) does the entropy coding (binning + tANS, automatic delta order and float modes),
//! so rung 8 and the pco peers never hand-write a coder; our part is what we feed it. Decoding
//! writes into a buffer of the length the *caller* knows (bounded by the container's limits), so
//! a hostile blob can never make pco allocate for a count it claims itself.

use pco::data_types::Number;
use pco::standalone::{simple_compress, simple_decompress_into};
use pco::{ChunkConfig, DeltaSpec};

use crate::error::{Error, Result};

/// Compresses one column with pco's default configuration (level 8, automatic modes).
pub fn compress<T: Number>(xs: &[T]) -> Result<Vec<u8>> {
    simple_compress(xs, &ChunkConfig::default()).map_err(|e| Error::Invalid(format!("pco: {e}")))
}

/// Compresses integers with a fixed delta order (0 none, 1 deltas, 2 delta-of-deltas) instead
/// of pco's automatic choice; see [`delta_order`].
pub fn compress_i64_with_order(xs: &[i64], order: usize) -> Result<Vec<u8>> {
    let spec = match order {
        0 => DeltaSpec::NoOp,
        o => DeltaSpec::TryConsecutive(o),
    };
    simple_compress(xs, &ChunkConfig::default().with_delta_spec(spec))
        .map_err(|e| Error::Invalid(format!("pco: {e}")))
}

/// The delta order (0, 1 or 2) whose residuals need the fewest bits in total, a cheap proxy for
/// pco's entropy-coded size: each residual costs the bit length of its distance from the median
/// residual (pco bins by range, so an offset is free). pco's own detection is good on floats but
/// on our integer columns it often stays at order 1 where order 2 is 8–30 % smaller (monotonic
/// counters) or at order 0 where order 1 halves the size (small mean-reverting integers):
/// measured on synthetic small.
pub fn delta_order(xs: &[i64]) -> usize {
    let d1: Vec<i64> = xs.windows(2).map(|w| w[1].wrapping_sub(w[0])).collect();
    let d2: Vec<i64> = d1.windows(2).map(|w| w[1].wrapping_sub(w[0])).collect();
    let cost = |r: &[i64]| -> u64 {
        let step = (r.len() / 255).max(1);
        let mut sample: Vec<i64> = r.iter().step_by(step).copied().collect();
        sample.sort_unstable();
        let med = sample.get(sample.len() / 2).copied().unwrap_or(0);
        r.iter()
            .map(|&x| {
                let d = x.wrapping_sub(med);
                u64::from(64 - ((d << 1) ^ (d >> 63)).leading_zeros())
            })
            .sum()
    };
    // The first one or two values of a higher order are stored whole: charge them 64 bits.
    let costs = [cost(xs), cost(&d1) + 64, cost(&d2) + 128];
    let mut best = 0;
    for o in 1..3 {
        if costs[o] < costs[best] {
            best = o;
        }
    }
    best
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

    fn mix(i: i64) -> i64 {
        let mut z = (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        ((z ^ (z >> 31)) >> 1) as i64
    }

    #[test]
    fn delta_order_follows_the_shape() {
        let counter: Vec<i64> = (0..500).map(|i| i * i * 3 + i % 5).collect();
        assert_eq!(delta_order(&counter), 2);
        let mut x = 1_000_000i64;
        let walk: Vec<i64> = (0..500i64)
            .map(|i| {
                x += mix(i) % 7 - 3;
                x
            })
            .collect();
        assert_eq!(delta_order(&walk), 1);
        let noise: Vec<i64> = (0..500i64).map(|i| 1000 + mix(i) % 13).collect();
        assert_eq!(delta_order(&noise), 0);
        for o in 0..3 {
            let b = compress_i64_with_order(&counter, o).expect("compresses");
            assert_eq!(decompress_exact::<i64>(&b, 500, "t").expect("ok"), counter);
        }
    }
}
