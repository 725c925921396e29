//! Statistics of a data set: the figures that explain why a data set compresses the way it does.
//!
//! Computed series by series through [`StatsBuilder`], so a `huge` data set can be measured while
//! it streams. Shares are fractions in `[0, 1]`.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{Dataset, Series};

/// The most decimals a value may have to count as a "short decimal" (quantized).
pub const SHORT_DECIMALS: i32 = 3;

/// Statistics of one data set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Number of points.
    pub points: u64,
    /// Number of series.
    pub series: u64,
    /// Latest minus earliest timestamp, seconds.
    pub span_seconds: i64,
    /// Earliest timestamp (unix seconds), if any point exists.
    pub first_timestamp: Option<i64>,
    /// Latest timestamp (unix seconds), if any point exists.
    pub last_timestamp: Option<i64>,
    /// Share of intervals equal to their series' most common interval.
    pub regular_interval_share: f64,
    /// Share of delta-of-deltas that are exactly zero.
    pub zero_dod_share: f64,
    /// Share of values tagged as integers.
    pub integer_share: f64,
    /// Share of values that are integers or decimals with at most [`SHORT_DECIMALS`] places.
    pub quantized_share: f64,
    /// Smallest value (NaN ignored), if any.
    pub min: Option<f64>,
    /// Largest value (NaN ignored), if any.
    pub max: Option<f64>,
}

/// Whether `v` is exactly a decimal with at most `max_decimals` places (bit-exact test).
pub fn is_short_decimal(v: f64, max_decimals: i32) -> bool {
    if !v.is_finite() {
        return false;
    }
    (0..=max_decimals).any(|d| {
        let p = libm::pow(10.0, f64::from(d));
        let k = (v * p).round();
        k.abs() < 9e15 && (k / p).to_bits() == v.to_bits()
    })
}

/// Accumulates statistics series by series.
#[derive(Debug, Default)]
pub struct StatsBuilder {
    points: u64,
    series: u64,
    first: Option<i64>,
    last: Option<i64>,
    intervals: u64,
    regular: u64,
    dods: u64,
    zero_dods: u64,
    ints: u64,
    quantized: u64,
    min: Option<f64>,
    max: Option<f64>,
}

impl StatsBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one series.
    pub fn add(&mut self, s: &Series) {
        self.series += 1;
        self.points += s.len() as u64;
        if let (Some(&a), Some(&b)) = (s.timestamps.iter().min(), s.timestamps.iter().max()) {
            self.first = Some(self.first.map_or(a, |f| f.min(a)));
            self.last = Some(self.last.map_or(b, |l| l.max(b)));
        }
        let deltas: Vec<i64> = s
            .timestamps
            .windows(2)
            .map(|w| w[1].wrapping_sub(w[0]))
            .collect();
        let mut counts: HashMap<i64, u64> = HashMap::new();
        deltas
            .iter()
            .for_each(|&d| *counts.entry(d).or_default() += 1);
        self.intervals += deltas.len() as u64;
        self.regular += counts.values().copied().max().unwrap_or(0);
        for w in deltas.windows(2) {
            self.dods += 1;
            self.zero_dods += u64::from(w[0] == w[1]);
        }
        for (&v, &int) in s.values.iter().zip(&s.is_int) {
            self.ints += u64::from(int);
            self.quantized += u64::from(int || is_short_decimal(v, SHORT_DECIMALS));
            if !v.is_nan() {
                self.min = Some(self.min.map_or(v, |m| m.min(v)));
                self.max = Some(self.max.map_or(v, |m| m.max(v)));
            }
        }
    }

    /// The statistics so far.
    pub fn finish(&self) -> Stats {
        let share = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        Stats {
            points: self.points,
            series: self.series,
            span_seconds: match (self.first, self.last) {
                (Some(a), Some(b)) => b.saturating_sub(a),
                _ => 0,
            },
            first_timestamp: self.first,
            last_timestamp: self.last,
            regular_interval_share: share(self.regular, self.intervals),
            zero_dod_share: share(self.zero_dods, self.dods),
            integer_share: share(self.ints, self.points),
            quantized_share: share(self.quantized, self.points),
            min: self.min,
            max: self.max,
        }
    }
}

/// Statistics of a data set held in memory.
pub fn compute(ds: &Dataset) -> Stats {
    let mut b = StatsBuilder::new();
    ds.series.iter().for_each(|s| b.add(s));
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_decimals_are_bit_exact() {
        assert!(is_short_decimal(0.1, 1));
        assert!(is_short_decimal(12.0, 0));
        assert!(is_short_decimal(2.42, 3));
        assert!(!is_short_decimal(0.1 + 0.2, 3)); // 0.30000000000000004
        assert!(!is_short_decimal(0.1234, 3));
        assert!(!is_short_decimal(f64::NAN, 3));
    }

    #[test]
    fn shares_count_what_they_say() {
        let mut s = Series::new("m", vec![]);
        for (t, v) in [(0, 1.0), (15, 1.5), (30, 0.123_456), (46, 2.0), (61, 3.0)] {
            s.push(t, v, false);
        }
        let st = compute(&Dataset { series: vec![s] });
        assert_eq!(st.points, 5);
        assert_eq!(st.span_seconds, 61);
        assert_eq!(st.regular_interval_share, 3.0 / 4.0);
        assert_eq!(st.zero_dod_share, 1.0 / 3.0);
        assert_eq!(st.quantized_share, 4.0 / 5.0);
        assert_eq!((st.min, st.max), (Some(0.123_456), Some(3.0)));
    }
}
