//! The `random` generator: the baseline that shows what regularity buys. Same series, labels and
//! scales as `synthetic`, but irregular timestamps (each interval uniform in 1..=30 s, per series),
//! full-precision values (no quantization, no integer tags) and no correlation between series.

use super::synthetic::{labels, Host};
use super::{series_stream, Rng, Size, EPOCH, METRICS};
use crate::model::Series;

/// Series number `index` of the random data set.
pub(super) fn series(size: Size, seed: u64, index: usize) -> Series {
    let metric = METRICS[index % METRICS.len()];
    let host = Host::new(seed, index / METRICS.len());
    let mut s = Series::new(metric, labels(seed, index, &host));
    let mut r = Rng::new(seed, series_stream(index) ^ 0x10);
    let (lo, hi) = match metric {
        "cpu_usage_percent" | "memory_usage_percent" => (0.0, 100.0),
        "error_rate_percent" => (0.0, 25.0),
        "response_time_ms" => (1.0, 5_000.0),
        "http_request_duration_seconds" => (0.001, 5.0),
        "active_connections" => (0.0, 1_000.0),
        "queue_size" => (0.0, 500.0),
        _ => (0.0, 1e6),
    };
    let counter = metric.ends_with("_total");
    let mut t = EPOCH + r.int(0, 29);
    let mut total = r.uniform(1e3, 1e6);
    for _ in 0..size.points_per_series() {
        let v = if counter {
            total += r.uniform(lo, hi);
            total
        } else {
            r.uniform(lo, hi)
        };
        s.push(t, v, false);
        t += r.int(1, 30);
    }
    s
}
