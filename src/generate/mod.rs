//! Data-set generators: `synthetic` (production-like, regular) and `random` (the no-regularity
//! baseline), at three scales, seeded.
//!
//! Layout: a data set is `hosts x 10` series (every host exports all ten metric types), each of
//! `points` points. Series `i` is metric `METRICS[i % 10]` on host `i / 10`, so any series can be
//! generated alone from `(seed, i)` ([`series`]); [`generate`] builds a whole set and [`iter`]
//! streams one series at a time for the `huge` scale, which never fits in memory at once.
//!
//! | scale | hosts | series | points/series | points |
//! |---|---:|---:|---:|---:|
//! | small | 5 | 50 | 1,000 | 50,000 |
//! | big | 10 | 100 | 5,000 | 500,000 |
//! | huge | 1,000 | 10,000 | 10,000 | 100,000,000 |
//!
//! Timestamps start at [`EPOCH`] (2025-01-01T00:00:00Z), never at the wall clock.

mod random;
mod rng;
mod synthetic;

use std::fmt;
use std::str::FromStr;

use crate::error::Error;
use crate::model::{Dataset, Series};
pub use rng::Rng;

/// The fixed start of every generated data set: 2025-01-01T00:00:00Z in unix seconds.
pub const EPOCH: i64 = 1_735_689_600;

/// The default seed.
pub const DEFAULT_SEED: u64 = 42;

/// The ten metric types, in layout order.
pub const METRICS: [&str; 10] = [
    "cpu_usage_percent",
    "memory_usage_percent",
    "http_requests_total",
    "http_request_duration_seconds",
    "disk_io_bytes_total",
    "network_bytes_total",
    "active_connections",
    "queue_size",
    "error_rate_percent",
    "response_time_ms",
];

/// Which generator made a data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Generator {
    /// Production-like metrics: regular scrapes, quantized values, correlated load.
    Synthetic,
    /// The baseline: irregular timestamps, full-precision values, no correlation.
    Random,
}

/// How big a data set is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Size {
    /// ~50K points.
    Small,
    /// ~500K points.
    Big,
    /// ~100M points (native only, streamed).
    Huge,
}

impl Size {
    /// Number of hosts (each exports all ten metrics).
    pub fn hosts(self) -> usize {
        match self {
            Size::Small => 5,
            Size::Big => 10,
            Size::Huge => 1_000,
        }
    }
    /// Number of series.
    pub fn series(self) -> usize {
        self.hosts() * METRICS.len()
    }
    /// Points per series.
    pub fn points_per_series(self) -> usize {
        match self {
            Size::Small => 1_000,
            Size::Big => 5_000,
            Size::Huge => 10_000,
        }
    }
    /// Total points.
    pub fn points(self) -> usize {
        self.series() * self.points_per_series()
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Size::Small => "small",
            Size::Big => "big",
            Size::Huge => "huge",
        })
    }
}

impl FromStr for Size {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "small" => Ok(Size::Small),
            "big" => Ok(Size::Big),
            "huge" => Ok(Size::Huge),
            _ => Err(Error::Usage(format!(
                "unknown size {s:?}: expected small, big or huge"
            ))),
        }
    }
}

impl fmt::Display for Generator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Generator::Synthetic => "synthetic",
            Generator::Random => "random",
        })
    }
}

impl FromStr for Generator {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "synthetic" => Ok(Generator::Synthetic),
            "random" => Ok(Generator::Random),
            _ => Err(Error::Usage(format!(
                "unknown generator {s:?}: expected synthetic or random"
            ))),
        }
    }
}

/// Random-stream numbers: host streams and series streams never collide.
pub(crate) fn host_stream(host: usize) -> u64 {
    (host as u64) << 8
}
pub(crate) fn series_stream(index: usize) -> u64 {
    ((index as u64) << 8) | 0x80
}

/// Series number `index` of the data set `(generator, size, seed)`.
pub fn series(generator: Generator, size: Size, seed: u64, index: usize) -> Series {
    match generator {
        Generator::Synthetic => synthetic::series(size, seed, index),
        Generator::Random => random::series(size, seed, index),
    }
}

/// Streams the series of a data set in order, one at a time (bounded memory for `huge`).
pub fn iter(generator: Generator, size: Size, seed: u64) -> impl Iterator<Item = Series> {
    (0..size.series()).map(move |i| series(generator, size, seed, i))
}

/// A whole data set in memory. For `huge` use [`iter`] instead.
pub fn generate(generator: Generator, size: Size, seed: u64) -> Dataset {
    Dataset {
        series: iter(generator, size, seed).collect(),
    }
}

/// Rounds `x` to `d` decimals: the double nearest to the decimal `round(x*10^d)/10^d`, i.e. what
/// parsing its shortest text gives back.
pub(crate) fn round_to(x: f64, d: i32) -> f64 {
    let p = libm::pow(10.0, f64::from(d));
    (x * p).round() / p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_and_print() {
        for s in ["small", "big", "huge"] {
            assert_eq!(s.parse::<Size>().expect("parses").to_string(), s);
        }
        assert!("medium".parse::<Size>().is_err());
        assert!("real".parse::<Generator>().is_err());
    }

    #[test]
    fn scales_match_the_design_within_ten_percent() {
        for (size, want) in [
            (Size::Small, 50_000.0),
            (Size::Big, 500_000.0),
            (Size::Huge, 1e8),
        ] {
            let got = size.points() as f64;
            assert!((got / want - 1.0).abs() <= 0.10, "{size}: {got}");
        }
    }

    #[test]
    fn any_series_can_be_regenerated_alone() {
        let ds = generate(Generator::Synthetic, Size::Small, 9);
        let again = series(Generator::Synthetic, Size::Small, 9, 37);
        assert_eq!(ds.series[37].bit_eq(&again), Ok(()));
    }
}
