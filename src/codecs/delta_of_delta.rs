//! Timestamps as first value + first delta + delta-of-deltas (DoD).
//!
//! Regular scrapes make almost every DoD zero, so a timestamp column collapses to a run of zeros.
//! Two layouts of the same numbers:
//!
//! - **varints** ([`encode`] / [`decode`], the one rung 6 uses): the first timestamp, the first
//!   delta and each DoD as zigzag LEB128 varints, one byte per zero DoD. zstd then squeezes the
//!   byte-aligned zero runs and the few `±1` bytes far better than it can squeeze bits.
//! - **Gorilla buckets** ([`encode_buckets`] / [`decode_buckets`]): the first timestamp in 64
//!   bits, then per delta (the first against 0) the zigzag DoD `u` as `0` (u = 0), `10`+7 bits,
//!   `110`+9 bits, `1110`+12 bits or `1111`+64 bits. Five times smaller before zstd, but not
//!   after it at the default level 19 (all series concatenated, then zstd-19: synthetic small
//!   397 B as varints vs 455 B as buckets, random small 35,691 vs 50,204, synthetic big 3,158 vs
//!   3,181; only zstd-3 on synthetic big favours buckets, 3,871 vs 4,730), so kept for peers
//!   and comparison (`tests/p6_ts_codecs.rs`, `measure`).
//!
//! All arithmetic wraps, so any `i64` column (extremes, decreasing, repeated) round-trips.

use crate::encoding::bits::{BitReader, BitWriter};
use crate::encoding::bytes::Reader;
use crate::encoding::varint::{put_i64, unzigzag, zigzag};
use crate::error::{Error, Result};

const FORMAT: &str = "delta_of_delta";

/// Calls `f` with the first timestamp, then the first delta, then every delta-of-delta.
fn for_each_dod(ts: &[i64], mut f: impl FnMut(i64)) {
    let Some((&first, rest)) = ts.split_first() else {
        return;
    };
    f(first);
    let (mut prev, mut prev_delta) = (first, 0i64);
    for &t in rest {
        let delta = t.wrapping_sub(prev);
        f(delta.wrapping_sub(prev_delta));
        prev = t;
        prev_delta = delta;
    }
}

/// Rebuilds timestamps from the sequence [`for_each_dod`] produces.
struct Rebuild {
    prev: i64,
    prev_delta: i64,
    started: bool,
}

impl Rebuild {
    fn new() -> Self {
        Rebuild {
            prev: 0,
            prev_delta: 0,
            started: false,
        }
    }

    fn next(&mut self, x: i64) -> i64 {
        if self.started {
            self.prev_delta = self.prev_delta.wrapping_add(x);
            self.prev = self.prev.wrapping_add(self.prev_delta);
        } else {
            self.prev = x;
            self.started = true;
        }
        self.prev
    }
}

/// Number of zero delta-of-deltas in `ts` (the first delta is not a DoD).
pub fn zero_dods(ts: &[i64]) -> usize {
    ts.windows(3)
        .filter(|w| w[2].wrapping_sub(w[1]) == w[1].wrapping_sub(w[0]))
        .count()
}

/// Encodes timestamps as zigzag varints: first value, first delta, then delta-of-deltas.
pub fn encode(ts: &[i64]) -> Vec<u8> {
    let mut out = Vec::with_capacity(ts.len() + 16);
    for_each_dod(ts, |x| put_i64(&mut out, x));
    out
}

/// Decodes `n` timestamps written by [`encode`]; `bytes` must hold exactly them.
pub fn decode(bytes: &[u8], n: usize) -> Result<Vec<i64>> {
    if n > bytes.len() {
        return Err(Error::corrupt(
            FORMAT,
            format!("{n} timestamps cannot fit in {} bytes", bytes.len()),
        ));
    }
    let mut r = Reader::new(bytes, FORMAT);
    let mut rb = Rebuild::new();
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(rb.next(r.i64_var()?));
    }
    if !r.is_empty() {
        return Err(r.err(format!("{} trailing bytes", r.remaining())));
    }
    Ok(out)
}

/// Zigzag varint size of `v`, in bytes (for callers sizing buffers).
pub fn varint_len(v: i64) -> usize {
    let bits = 64 - zigzag(v).leading_zeros() as usize;
    bits.max(1).div_ceil(7)
}

/// Encodes timestamps in Gorilla-style DoD buckets (see the module docs).
pub fn encode_buckets(ts: &[i64]) -> Vec<u8> {
    let mut w = BitWriter::new();
    let mut first = true;
    for_each_dod(ts, |x| {
        if first {
            w.write(x as u64, 64);
            first = false;
            return;
        }
        match zigzag(x) {
            0 => w.bit(false),
            u if u < 1 << 7 => {
                w.write(0b10, 2);
                w.write(u, 7);
            }
            u if u < 1 << 9 => {
                w.write(0b110, 3);
                w.write(u, 9);
            }
            u if u < 1 << 12 => {
                w.write(0b1110, 4);
                w.write(u, 12);
            }
            u => {
                w.write(0b1111, 4);
                w.write(u, 64);
            }
        }
    });
    w.finish()
}

/// Decodes `n` timestamps written by [`encode_buckets`].
pub fn decode_buckets(bytes: &[u8], n: usize) -> Result<Vec<i64>> {
    if n > 0 && (n - 1).saturating_add(64) > bytes.len().saturating_mul(8) {
        return Err(Error::corrupt(
            FORMAT,
            format!("{n} timestamps cannot fit in {} bytes", bytes.len()),
        ));
    }
    let mut r = BitReader::new(bytes, FORMAT);
    let mut rb = Rebuild::new();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let x = if i == 0 {
            r.read(64)? as i64
        } else {
            let u = if !r.bit()? {
                0
            } else if !r.bit()? {
                r.read(7)?
            } else if !r.bit()? {
                r.read(9)?
            } else if !r.bit()? {
                r.read(12)?
            } else {
                r.read(64)?
            };
            unzigzag(u)
        };
        out.push(rb.next(x));
    }
    r.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn timestamps() -> impl Strategy<Value = Vec<i64>> {
        prop_oneof![
            proptest::collection::vec(any::<i64>(), 0..60),
            proptest::collection::vec(
                prop_oneof![Just(i64::MIN), Just(i64::MAX), Just(0i64), -3i64..3],
                0..60
            ),
            (any::<i64>(), proptest::collection::vec(-2i64..3, 0..200)).prop_map(|(t0, j)| {
                let mut t = t0;
                j.iter()
                    .map(|d| {
                        t = t.wrapping_add(15 + d);
                        t
                    })
                    .collect()
            }),
        ]
    }

    proptest! {
        #[test]
        fn varints_round_trip(ts in timestamps()) {
            let b = encode(&ts);
            prop_assert_eq!(decode(&b, ts.len()).expect("decodes"), ts);
        }

        #[test]
        fn buckets_round_trip(ts in timestamps()) {
            let b = encode_buckets(&ts);
            prop_assert_eq!(decode_buckets(&b, ts.len()).expect("decodes"), ts);
        }

        #[test]
        fn corrupt_input_never_panics(ts in timestamps(), flip in any::<usize>(), cut in any::<usize>()) {
            for (enc, dec) in [
                (encode as fn(&[i64]) -> Vec<u8>, decode as fn(&[u8], usize) -> Result<Vec<i64>>),
                (encode_buckets, decode_buckets),
            ] {
                let [b, short] = crate::codecs::strategies::damaged(&enc(&ts), flip, cut);
                let _ = dec(&b, ts.len());
                let _ = dec(&short, ts.len());
                let _ = dec(&b, ts.len() + 1);
            }
        }
    }

    #[test]
    fn regular_scrapes_are_one_byte_per_point() {
        let ts: Vec<i64> = (0..1000).map(|i| 1_735_689_600 + 15 * i).collect();
        let b = encode(&ts);
        assert_eq!(b.len(), varint_len(ts[0]) + 1 + 998);
        assert_eq!(zero_dods(&ts), 998);
        // one bit per zero DoD
        assert_eq!(encode_buckets(&ts).len(), (64 + 9 + 998usize).div_ceil(8));
    }

    #[test]
    fn edge_cases() {
        for ts in [
            vec![],
            vec![7],
            vec![5, 5, 5, 5],
            vec![100, 90, 80, 85, -1],
            vec![i64::MAX, i64::MIN, i64::MAX, 0, i64::MIN],
        ] {
            assert_eq!(decode(&encode(&ts), ts.len()).expect("ok"), ts);
            assert_eq!(
                decode_buckets(&encode_buckets(&ts), ts.len()).expect("ok"),
                ts
            );
        }
    }

    #[test]
    fn lengths_are_checked_before_allocating() {
        assert!(decode(&[0; 3], 4).is_err());
        assert!(decode(&[0; 3], usize::MAX).is_err());
        assert!(decode_buckets(&[0; 8], 2).is_err());
        assert!(decode_buckets(&[0; 8], usize::MAX).is_err());
        // trailing bytes are rejected
        assert!(decode(&[0, 0], 1).is_err());
    }
}
