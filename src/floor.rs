//! The **reference floor**: how many bits an order-0 entropy coder would need on simple per-series
//! symbols, next to which every codec's size is shown.
//!
//! Per series, the symbols are: timestamps `t0, Δ1, ΔΔ2, ΔΔ3, …` (first value, first delta, then
//! delta-of-deltas); values, when every value is an exact decimal `k / 10^e` (the smallest `e` in
//! `0..=10`, as `pco_decimal` finds it), `k0, Δk1, Δk2, …`, otherwise the XOR of consecutive raw
//! 64-bit patterns (the first pattern itself). Two figures are summed over all series:
//!
//! - **order-0 empirical entropy** `Σ −c·log2(c/N)` over each series' symbol counts;
//! - the **adaptive** code length an order-0 arithmetic coder with the Krichevsky–Trofimov
//!   estimator over the series' observed alphabet of size `A` would reach: symbol `i` with count
//!   `c` so far costs `log2((i + A/2) / (c + 1/2))`, summed exactly (no coder is run).
//!
//! **This is a reference, not a bound.** Neither figure pays for describing the alphabet (which
//! symbols exist), so on short series, or where most symbols are unique (full-precision floats,
//! noisy real data), both are far too low: a unique symbol costs about `log2 N` bits here but 64
//! bits to spell out. A codec can also beat it legitimately by using context (order-0 ignores
//! order, trends and cross-series structure). The adaptive figure is the fairer of the two: it is
//! what a real adaptive coder achieves given the alphabet.

use std::collections::HashMap;

use serde::Serialize;

use crate::codec8::scale;
use crate::model::{Dataset, Series};

/// The floor of a data set.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Floor {
    /// Order-0 entropy of the timestamp symbols, bits per timestamp.
    pub bits_per_timestamp: f64,
    /// Order-0 entropy of the value symbols, bits per value.
    pub bits_per_value: f64,
    /// Both, in bytes per point.
    pub bytes_per_point: f64,
    /// The adaptive (Krichevsky–Trofimov) order-0 code length, bytes per point.
    pub adaptive_bytes_per_point: f64,
}

/// Total order-0 entropy and adaptive KT code length of a symbol sequence, in bits.
pub fn code_lengths(symbols: &[u64]) -> (f64, f64) {
    let mut counts: HashMap<u64, u64> = HashMap::new();
    for &s in symbols {
        *counts.entry(s).or_insert(0) += 1;
    }
    let n = symbols.len() as f64;
    let h0: f64 = counts
        .values()
        .map(|&c| -(c as f64) * (c as f64 / n).log2())
        .sum();
    let half_a = counts.len() as f64 / 2.0;
    let mut seen: HashMap<u64, u64> = HashMap::with_capacity(counts.len());
    let mut kt = 0.0;
    for (i, &s) in symbols.iter().enumerate() {
        let c = seen.entry(s).or_insert(0);
        kt += ((i as f64 + half_a) / (*c as f64 + 0.5)).log2();
        *c += 1;
    }
    (h0, kt)
}

/// The timestamp symbols of a series.
pub fn timestamp_symbols(ts: &[i64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(ts.len());
    let (mut prev, mut delta) = (0i64, 0i64);
    for (i, &t) in ts.iter().enumerate() {
        let d = t.wrapping_sub(prev);
        out.push(match i {
            0 => t as u64,
            1 => d as u64,
            _ => d.wrapping_sub(delta) as u64,
        });
        prev = t;
        delta = d;
    }
    out
}

/// The value symbols of a series: decimal deltas if exact, else consecutive XORs.
pub fn value_symbols(values: &[f64]) -> Vec<u64> {
    let ks = (0..=scale::MAX_E).find_map(|e| {
        values
            .iter()
            .map(|&v| scale::exact(v, e))
            .collect::<Option<Vec<i64>>>()
    });
    match ks {
        Some(ks) => {
            let mut prev = 0i64;
            ks.iter()
                .map(|&k| {
                    let d = k.wrapping_sub(prev);
                    prev = k;
                    d as u64
                })
                .collect()
        }
        None => {
            let mut prev = 0u64;
            values
                .iter()
                .map(|v| {
                    let x = v.to_bits() ^ prev;
                    prev = v.to_bits();
                    x
                })
                .collect()
        }
    }
}

fn series_bits(s: &Series) -> [f64; 4] {
    let (th, tk) = code_lengths(&timestamp_symbols(&s.timestamps));
    let (vh, vk) = code_lengths(&value_symbols(&s.values));
    [th, vh, tk, vk]
}

/// The floor of a data set (all zeros when it has no points).
pub fn compute(ds: &Dataset) -> Floor {
    let mut sum = [0.0f64; 4];
    for s in &ds.series {
        for (a, b) in sum.iter_mut().zip(series_bits(s)) {
            *a += b;
        }
    }
    let n = ds.points().max(1) as f64;
    Floor {
        bits_per_timestamp: sum[0] / n,
        bits_per_value: sum[1] / n,
        bytes_per_point: (sum[0] + sum[1]) / n / 8.0,
        adaptive_bytes_per_point: (sum[2] + sum[3]) / n / 8.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_of_known_sequences() {
        let (h, kt) = code_lengths(&[0, 1, 0, 1, 0, 1, 0, 1]);
        assert!((h - 8.0).abs() < 1e-9, "{h}");
        assert!(kt > h, "adaptive pays a learning cost: {kt} > {h}");
        assert_eq!(
            code_lengths(&[5; 64]),
            (0.0, 0.0),
            "a known one-symbol alphabet is free"
        );
        let (_, kt2) = code_lengths(&[1, 2, 3, 4]);
        assert!(
            (kt2 - (2.0f64 * 3.0 * 4.0 * 5.0 / 0.0625).log2()).abs() < 1e-9,
            "{kt2}"
        );
    }

    #[test]
    fn symbols_follow_the_definitions() {
        assert_eq!(
            timestamp_symbols(&[100, 115, 130, 146]),
            vec![100, 15, 0, 1]
        );
        assert_eq!(value_symbols(&[1.5, 1.7, 1.6]), vec![15, 2, (-1i64) as u64]);
        let x = [0.1 + 0.2, 1.0 / 3.0];
        assert_eq!(value_symbols(&x)[1], x[0].to_bits() ^ x[1].to_bits());
    }
}
